"""induced-sharing: copy that makes sharing, forwarding, liking or following the price of a
reward, which WeChat forbids.

Why: 《微信外部链接内容管理规范》 3.1 诱导分享 and 《微信公众平台运营规范》 3.3 诱导分享、
诱导关注: content must not make users share, forward, collect likes, invite friends, bargain
for each other or follow an account for a reward, a chance, an unlock, or under pressure.
Accounts and links that do are limited or banned. Families caught, with words in between:
share or invite for a reward or an unlock; collecting likes, cards or 福 (集赞, 集卡, 集福);
bargaining and assisting (砍一刀, 砍价, 助力, 拆红包); follow or reply to see, get or unlock;
sharing that raises a lottery chance; pressure to forward (不转不是…, 转发…平安). Plain
sharing with no reward, and ordinary red envelopes (发红包, 抢红包), are fine.

Failing::

    转发本条到3个群,截图领取红包
    关注公众号回复"品鉴"即可领取试饮券

Passing::

    觉得有用就转给需要的朋友；今晚 8 点群里发红包
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Plan
from ._helpers import published_texts

ID = "induced-sharing"
SEVERITY = "error"
RULE = "WeChat 《微信外部链接内容管理规范》 3.1 / 《公众平台运营规范》 3.3 诱导分享"

_GAP = r"[^。！？!?\n]{0,24}?"  # words in between, within one sentence
_SHARE = r"(?:转发|分享|转给|转到|转至|发到朋友圈|发朋友圈|晒到?朋友圈|晒图|邀请\d*[位个名]?(?:好友|朋友|新人)|拉\d*[位个名]?(?:好友|朋友|人)(?:进群)?)"
_REWARD = r"(?:领取|领|送(?!货|达|到|上门)|得到|获得|赢|抽奖|抽|返现|免费|红包|奖励|奖品|礼品|礼包|优惠券|券|积分|解锁|兑换)"
FAMILIES = (
    ("share or invite for a reward", re.compile(_SHARE + _GAP + _REWARD)),
    ("a reward for sharing or inviting", re.compile(
        r"(?:领取|免费领|抽奖|红包|奖品|礼品|试饮)[^。！？!?\n]{0,16}?(?:先|需要?|只需|只要|即可|就能|才能)[^。！？!?\n]{0,6}?"
        + _SHARE)),
    ("collecting likes, cards or 福", re.compile(r"集赞|集满\s*(?:\d+\s*)?个?赞|集卡|集五?福|点赞(?:满|到|超过)\s*\d+|满\s*\d+\s*个?赞")),
    ("bargaining or assisting", re.compile(r"砍一刀|帮我?砍|砍价|助力|拆红包|拆礼盒|帮忙点一下")),
    ("follow or reply to get something", re.compile(
        r"(?:关注|回复|留言)[^。！？!?\n]{0,12}?(?:即可|就能|才能|后)?[^。！？!?\n]{0,4}?"
        r"(?:查看|领取|获取|解锁|看全文|看答案|获得|领|抽奖)")),
    ("sharing for a better chance", re.compile(
        r"(?:分享|转发|邀请)" + _GAP + r"(?:增加|提高|多[一两几\d]?次?|翻倍)[^。！？!?\n]{0,6}?(?:机会|中奖率|概率|次数)")),
    ("pressure to forward", re.compile(
        r"不转不是|必须转发|转发后?才能|分享后?才能|转发[^。！？!?\n]{0,10}?(?:平安|好运|保佑|发财|吉祥)|不转[^。！？!?\n]{0,6}?(?:后悔|倒霉)")),
)


def check(plan: Plan, options: None) -> Iterator[tuple]:
    for published in published_texts(plan):
        text, taken = published.text, []
        for what, pattern in FAMILIES:
            for match in pattern.finditer(text):
                if any(s < match.end() and match.start() < e for s, e in taken):
                    continue  # one phrase, one finding, though it fits two families
                found = published.locate(match.start(), match.end())
                if found is None:
                    continue
                taken.append((match.start(), match.end()))
                yield found[0], (f"{published.context(match.start(), match.end())}: {what} is 诱导分享 ({RULE}); "
                                 "invite without a reward, a chance or pressure for sharing"), found[1]
