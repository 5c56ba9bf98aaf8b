"""induced-sharing: copy that makes sharing, forwarding, liking or following the price of a
reward, which WeChat forbids.

Why: 《微信外部链接内容管理规范》 3.1 诱导分享 and 《微信公众平台运营规范》 3.3 诱导分享、
诱导关注: content must not make users share, forward, collect likes, invite friends, bargain
for each other or follow an account for a reward, a chance, an unlock, or under pressure.
Accounts and links that do are limited or banned. Families caught, with words in between:
share, post, check in or invite for a reward or an unlock (转发, 晒单, 打卡, 发pyq, 拉3个宝妈进群,
帮我点, 加速; a discount is a reward too: 打八折, 半价, 立减, 免单, 返现, 0元); collecting likes,
cards or 福 (集赞, 点赞破百); bargaining and assisting for something (砍一刀, 好友助力免费领);
follow an account or reply to see, get or unlock (关注公众号送…); sharing that raises a
lottery chance; pressure to forward (不转不是…, 转发…平安). Fine: plain sharing with no
reward, a 分享会 (a talk), 助力 and 砍价 in their ordinary sense (助力茶农, 砍价就别了), 关注
meaning "keep an eye on", ordinary red envelopes (发红包, 抢红包), an event free to everyone
(邀请朋友一起来，对谁都免费), and a sentence that says the shop does not ask (不用转发, 我们不搞集赞).

Failing::

    转发本条到3个群,截图领取红包
    关注公众号回复"品鉴"即可领取试饮券

Passing::

    觉得有用就转给需要的朋友；今晚 8 点群里发红包
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from ..i18n import N_, _
from ..model import Plan
from ..plan_index import PlanIndex
from ._helpers import once_per_text
from ._scan import Scan

ID = "induced-sharing"
SEVERITY = "error"
RULE = N_("WeChat 《微信外部链接内容管理规范》 3.1 / 《公众平台运营规范》 3.3 诱导分享")

_GAP = r"[^。！？!?\n]{0,24}?"  # words in between, within one sentence
_N = r"(?:\d+|[一二两三四五六七八九十几])?\s*[位个名]?"  # 3位, 两个, 几
_WHO = (
    r"(?:好友|朋友|新朋友|新人|新客户?|闺蜜|姐妹|宝妈|妈妈们?|新手妈妈|爸妈|茶友|酒友|亲友|同事|邻居|家人|"
    r"新茶友|新酒友|人)"
)
_SHARE = (
    r"(?:转发|分享(?!会)|转给|转到|转至|发到朋友圈|发朋友圈|发条朋友圈|发一条|朋友圈发|发pyq|晒到?朋友圈|晒单|晒出|"
    r"晒图|晒|打卡|(?:邀请?|拉|推荐|带)" + _N + _WHO + r"(?:进群|入群|下单|办卡|注册|入会|关注|一起|扫码|拼团|拼单)?|"
    r"拉新|拼团|拼单|帮我?点|帮忙点|加速|投票|拉票|点赞(?:破|满|到|超过|最多)|集齐\s*\d*\s*个?赞)"
)
_REWARD = (
    r"(?:领取|领|送(?!货|达|到|上门)|得到|获得|各得|得|赢|抽奖|抽|返现|返\s*\d|免费|免单|红包|奖励|奖品|礼品|礼包|"
    r"优惠券|代金券|券|积分|解锁|兑换|打[一二三四五六七八九\d]\s*折|[一二三四五六七八九]折|半价|立减|减\s*\d|0元|"
    r"买一送一|带走|拿到|成团)"
)
# A sentence that says no such thing is asked, or that a thing is free to everyone: 不用转发,
# 我们不搞集赞, 转发抽奖是违规的, 对谁都免费, 人人有份.
_NOT_ASKED = re.compile(r"不用|不搞|不做|从不|从来不|不会搞|违规|骗人|别上当|对谁都|人人有份|所有人都|到场就能|不需要")
_SENTENCE = re.compile(r"[^。！？!?\n]+")
FAMILIES = (
    (N_("share or invite for a reward"), re.compile(_SHARE + _GAP + _REWARD)),
    (
        N_("a reward for sharing or inviting"),
        re.compile(
            r"(?:领取|免费领|抽奖|红包|奖品|礼品|试饮|半价|免单|立减)[^。！？!?\n]{0,16}?(?:先|需要?|只需|只要|即可|就能|才能)"
            r"[^。！？!?\n]{0,6}?" + _SHARE
        ),
    ),
    (
        N_("collecting likes, cards or 福"),
        re.compile(r"集赞|集满\s*(?:\d+\s*)?个?赞|集卡|集五?福|点赞(?:满|到|超过|破)\s*[\d百千]+|满\s*\d+\s*个?赞"),
    ),
    (
        N_("bargaining or assisting"),
        re.compile(
            r"砍一刀|帮我?砍|拆红包|帮忙点一下|(?:邀请|分享|转发|好友|帮我?)[^。！？!?\n]{0,8}?(?:助力|砍价)|"
            r"(?:助力|砍价)[^。！？!?\n]{0,12}?(?:免费|0元|领|送|得|减|拿)"
        ),
    ),
    (
        N_("follow or reply to get something"),
        re.compile(
            r"(?:关注(?:我们|本店|店铺|官方)?的?(?:公众号|视频号|店铺号|账号|抖音号?|小红书号?|服务号|订阅号|本号)|回复|留言)"
            r"[^。！？!?\n]{0,12}?(?:即可|就能|才能|后|就|并)?[^。！？!?\n]{0,8}?"
            r"(?:查看|领取|获取|解锁|看全文|看答案|获得|领|抽奖|送|得|券|免费|减)"
        ),
    ),
    (
        N_("sharing for a better chance"),
        re.compile(
            r"(?:分享|转发|邀请)" + _GAP + r"(?:增加|提高|多[一两几\d]?次?|翻倍)[^。！？!?\n]{0,6}?(?:机会|中奖率|概率|次数)"
        ),
    ),
    (
        N_("pressure to forward"),
        re.compile(
            r"不转不是|必须转发|转发后?才能|分享后?才能|转发[^。！？!?\n]{0,10}?(?:平安|好运|保佑|发财|吉祥)|不转[^。！？!?\n]{0,6}?(?:后悔|倒霉)"
        ),
    ),
)
_SCANS = tuple((what, Scan(pattern)) for what, pattern in FAMILIES)  # tried only where each can start


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple]:
    for published in index.published:
        taken: list[tuple[int, int]] = []
        for start, end, what in _candidates(published.text):
            if any(s < end and start < e for s, e in taken):
                continue  # one phrase, one finding, though it fits two families
            found = published.locate(start, end)
            if found is None:
                continue  # the template's own words: reported once, at the playbook
            taken.append((start, end))
            yield (
                found[0],
                _(
                    "{context}: {what} is 诱导分享 ({rule}); invite without a reward, a chance or pressure for sharing",
                    context=published.context(start, end),
                    what=_(what),
                    rule=_(RULE),
                ),
                found[1],
            )


def candidates(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, family) of each match in a folded text, family by family, but those in a
    sentence that says it is not asked."""
    sentences: _Sentences | None = None  # made on the first match: most texts have none
    for what, pattern in _SCANS:
        for match in pattern.finditer(text):
            if sentences is None:
                sentences = _Sentences(text)
            if not sentences.not_asked(match.start()):
                yield match.start(), match.end(), what


@once_per_text
def _candidates(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple(candidates(text))


class _Sentences:
    """A text's sentences, each read once for whether it says the thing is not asked: a run of
    matches in one long sentence costs in proportion to the text (bench/hostile_bench.py),
    not to matches x sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = [sentence.span() for sentence in _SENTENCE.finditer(text)]
        self.starts = [start for start, _ in self.spans]
        self.verdicts: dict[int, bool] = {}

    def not_asked(self, index: int) -> bool:
        """Whether the sentence around `index` says the thing is not asked, or free to all."""
        at = bisect.bisect_right(self.starts, index) - 1
        if at < 0 or index >= self.spans[at][1]:
            return False
        if at not in self.verdicts:
            start, end = self.spans[at]
            self.verdicts[at] = bool(_NOT_ASKED.search(self.text[start:end]))
        return self.verdicts[at]
