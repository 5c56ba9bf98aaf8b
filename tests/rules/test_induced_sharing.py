"""induced-sharing: share, like, bargain or follow for a reward (WeChat), by families."""

from __future__ import annotations

import pytest

from generator.rules import induced_sharing
from tests.support import CAL, assert_linear, found, headline_post, problems_in, say


@pytest.mark.parametrize(
    "text, code",
    [
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
    ],
)
def test_copy(problems_of, text, code):
    got = found(problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n"))
    assert got == ([(CAL, 7, "error", code)] if code else [])


# The families of issue 16, each with a look-alike that passes.
@pytest.mark.parametrize(
    "text, code",
    [
        ("分享活动海报到朋友圈保留两小时，整箱打八折", "induced-sharing"),  # a discount as the reward
        ("拉两个姐妹进群，这支口红直接半价", "induced-sharing"),
        ("邀请3位宝妈进群，送一提纸尿裤", "induced-sharing"),  # a count in digits
        ("拉三个茶友进群立减30", "induced-sharing"),  # a count in Chinese numerals
        ("发条朋友圈晒单，凭截图返现20元", "induced-sharing"),
        ("朋友圈连续打卡7天，截图找我领定制酒杯", "induced-sharing"),
        ("关注公众号就送一张满200减30的券", "induced-sharing"),  # follow for a gift
        ("拼团还差两人，大家帮我点一下，成团就能半价拿到", "induced-sharing"),
        ("好友帮忙加速，满8人免费领正装", "induced-sharing"),
        ("买家秀点赞破百的，直接免单！", "induced-sharing"),
        ("助力本省酒厂复工，这个月进的全是本地酒", None),  # 助力 in its plain sense
        ("砍价就别了，这已经是厂家指导价", None),
        ("茶艺分享会本周六下午两点，免费参加", None),  # a talk, free
        ("大家关注下物流，发货后在小程序里能查看单号", None),  # 关注: keep an eye on
        ("邀请好友一起来试妆没问题，试妆对谁都免费", None),  # free to everyone
        ("周六品鉴会免费参加，不用转发不用集赞", None),  # says it asks nothing
        ("集赞送茶的活动都是骗人的，大家别上当", None),
    ],
)
def test_the_families(problems_of, text, code):
    got = [c for *_, c in found(problems_of("posts:\n" + say(text)))]
    assert ("induced-sharing" in got) == bool(code)


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


@pytest.mark.parametrize(
    "headline, code",
    [
        ("转发本条到3个群,截图领取红包", "induced-sharing"),
        ("集满30个赞送酒一瓶", "induced-sharing"),
        ("本周六品鉴会,群内报名即可,名额20位", None),
    ],
)
def test_published_copy_rules(headline, code, make_plan):
    root = make_plan(files=headline_post(headline))
    found = problems_in(root)
    if code is None:
        assert found == []
    else:
        assert {(p[0], p[1], p[4]) for p in found} == {("content/calendar/extra.yml", 6, code)}


# Runs that once made the not-asked test read a long sentence once a match (17 s on 100,000
# characters of 集赞送); bench/hostile_bench.py measures them too.
HOSTILE_UNITS = ["转发", "集赞送", "分享到群", "邀请好友", "转发朋友圈截图领取", "不用转发，集赞送"]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_hostile_input_is_checked_in_linear_work(unit):
    assert_linear(induced_sharing.candidates, unit)
