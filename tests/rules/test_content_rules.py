"""banned-word, induced-sharing, personal-data and alcohol-ad on copy as it is sent: each finding
at the line of the value it is in, with its code and severity; the regulator's exceptions pass."""
from __future__ import annotations

import pytest
from snippets import problems_of, say  # noqa: F401 - problems_of is a fixture

CAL = "content/calendar/test.yml"


def found(problems):
    return [(p[0], p[1], p[3], p[4]) for p in problems]


@pytest.mark.parametrize("text, code", [
    # absolute terms (广告法第九条) and the 2023 guidance's exceptions
    ("全国销量第一的酱酒", "banned-word"),
    ("全网最低价", "banned-word"),
    ("极品好酒", "banned-word"),
    ("品质第一", "banned-word"),
    ("最佳饮用温度是18到20度", None),
    ("开瓶后最佳赏味期是半年", None),
    ("第一步，先闻香", None),
    ("第一次喝酱酒", None),
    ("最近天冷，最后一天报名", None),
    ("本店最受欢迎的一款", None),
    # induced sharing and following (WeChat), families with words in between
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
    # personal data, each candidate validated
    ("中奖的张先生13812345678请联系群主", "personal-data"),
    ("身份证 110105199001011232", "personal-data"),
    ("卡号 4111 1111 1111 1111", "personal-data"),
    ("来信 someone@example.com", "personal-data"),
    ("尾号 138****1234 的朋友", None),
    ("订单号 2026120188812345", None),
    ("单号 110105199001011234", None),  # 18 digits with a wrong check digit
    ("卡号 4111 1111 1111 1112", None),  # fails Luhn
    ("会员价 528 元，日常价 598 元", None),
])
def test_copy(problems_of, text, code):
    got = found(problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n"))
    assert got == ([(CAL, 7, "error", code)] if code else [])


@pytest.mark.parametrize("text, expected", [
    ("今晚不醉不归", True), ("喝一杯解乏", True), ("天冷喝一口驱寒", True), ("干杯！", True),
    ("喝完这杯再开车回家", True), ("喝酒不开车，叫代驾", False), ("小口慢慢品", False),
])
def test_alcohol_ad(problems_of, text, expected):
    got = found(problems_of("posts:\n" + say(text), site_extra="industry: alcohol\n"))
    assert got == ([(CAL, 7, "error", "alcohol-ad")] if expected else [])


def test_alcohol_ad_is_off_without_the_industry_and_on_when_named(problems_of):
    calendar = "posts:\n" + say("今晚不醉不归")
    assert found(problems_of(calendar)) == []
    assert found(problems_of(calendar, site_extra="rules:\n  alcohol-ad: warning\n")) == [(CAL, 7, "warning", "alcohol-ad")]


def test_a_finding_cites_the_law_shows_context_and_a_rewrite(problems_of):
    (problem,) = problems_of("posts:\n" + say("周末来店里，今晚不醉不归，名额有限"), site_extra="industry: alcohol\n")
    assert "【不醉不归】" in problem[5] and "今晚" in problem[5]
    assert "广告法第二十三条" in problem[5] and "慢慢聊" in problem[5]


def test_a_bad_template_is_reported_once_at_its_line(problems_of):
    playbook = "---\nkind: script\ntitle: 话术\nvars:\n  text: 正文\n---\n```message\n全网最低价，{{text}}\n```\n"
    calendar = "posts:\n" + say("早上好") + say("晚上好", day="2026-12-04") + say("中午好", day="2026-12-05")
    got = found(problems_of(calendar, playbook=playbook))
    assert got == [("playbooks/say.md", 8, "error", "banned-word")]


def test_headlines_titles_topics_and_campaign_names_are_scanned(problems_of):
    calendar = ("posts:\n  - date: 2026-12-03\n    time: \"20:00\"\n    channel: official\n    playbook: title\n"
                "    headline: 国家级工艺\n    title: 极品推荐\n")
    got = found(problems_of(calendar))
    assert got == [(CAL, 6, "error", "banned-word"), (CAL, 7, "error", "banned-word")]


def test_notes_are_checked_for_personal_data_only(problems_of):
    calendar = "posts:\n" + say("早上好", extra="    note: 绝不写“转发领红包”；有事打 13812345678\n")
    assert found(problems_of(calendar)) == [(CAL, 8, "error", "personal-data")]


def test_a_hotline_in_rules_allow_passes(problems_of):
    calendar = "posts:\n" + say("订酒热线 0512-66881234")
    assert found(problems_of(calendar)) == [(CAL, 7, "error", "personal-data")]
    assert found(problems_of(calendar, site_extra="rules:\n  personal-data: {allow: [\"0512-66881234\"]}\n")) == []


def test_banned_word_extra_and_allow(problems_of):
    calendar = "posts:\n" + say("秒杀全网，独家供应")
    assert found(problems_of(calendar)) == [(CAL, 7, "error", "banned-word")]  # 独家
    got = found(problems_of(calendar, site_extra="rules:\n  banned-word: {extra: [秒杀全网], allow: [独家]}\n"))
    assert got == [(CAL, 7, "error", "banned-word")]  # now 秒杀全网, not 独家
