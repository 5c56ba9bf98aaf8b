"""induced-sharing: copy that asks people to share, forward or collect likes for a reward.

WeChat forbids it: 《微信外部链接内容管理规范》 3.1 诱导分享 and 《微信公众平台运营规范》
3.3 (inducing users to share, forward, or collect likes with a reward or the threat of
missing out). Accounts and links that do it are limited or blocked.

Failing::

    转发本条到3个群,截图领取红包
    集满30个赞送酒一瓶

Passing::

    本周六品鉴会,群内报名即可,名额20位
"""
from __future__ import annotations

import re
from typing import Iterator

from ..model import Plan
from ..problems import Where
from ._helpers import published_texts

ID = "induced-sharing"
SEVERITY = "error"

_SHARE = r"(转发|分享|转给|转到|发到朋友圈|发朋友圈|晒到朋友圈|邀请\d*[位个名]?好友)"
_REWARD = r"(领取|领|送|得|抽奖|抽|返现|返|免费|红包|奖励|奖品|礼品|礼包|优惠券|积分|解锁)"
PATTERNS = (
    # (?:\d+\s*)? rather than \s*\d*\s*: two runs of spaces that can split one run every
    # way are quadratic in its length
    re.compile(r"集赞|集满\s*(?:\d+\s*)?个?赞|点赞满\s*\d+|满\s*\d+\s*个?赞"),
    re.compile(_SHARE + r"[^。!?！？\n]{0,24}?" + _REWARD),
    re.compile(r"(不转不是|必须转发|转发后?才能|分享后?才能)"),
)


def check(plan: Plan, options: dict) -> Iterator[tuple[Where, str]]:
    for published in published_texts(plan):
        text = published.text
        for pattern in PATTERNS:
            match = pattern.search(text)
            if match:
                yield published.where(match.start()), (
                    f"'{match.group(0)}' asks people to share or like for a reward, which WeChat "
                    "forbids as 诱导分享; invite without a reward for sharing"
                )
                break
