"""alcohol-ad: 广告法第二十三条 for liquor, on with industry: alcohol or when named."""
from __future__ import annotations

import pytest

from .snippets import CAL, found, say


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
