"""induced-sharing: share, like, bargain or follow for a reward (WeChat), by families."""
from __future__ import annotations

import pytest

from .snippets import CAL, found, say


@pytest.mark.parametrize("text, code", [
    ("转发本条到3个群，截图领取红包", "induced-sharing"),
    ("邀请3位好友进群即可免费领酒杯", "induced-sharing"),
    ("集满30个赞送酒一瓶", "induced-sharing"),
    ("集五福换品鉴券", "induced-sharing"),
    ("帮我砍一刀", "induced-sharing"),
    ("好友助力得礼盒", "induced-sharing"),
    ("关注公众号回复品鉴即可领取试饮券", "induced-sharing"),
    ("分享给好友可增加一次抽奖机会", "induced-sharing"),
    ("不转不是老酒友", "induced-sharing"),
    ("转发保平安", "induced-sharing"),
    ("觉得有用就转给需要的朋友", None),
    ("今晚8点群里发红包，手气王答一题", None),
])
def test_copy(problems_of, text, code):
    got = found(problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n"))
    assert got == ([(CAL, 7, "error", code)] if code else [])
