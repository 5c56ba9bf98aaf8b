"""headline-api-length: a 公众号 title past the draft API's 32 characters."""

from __future__ import annotations

from tests.support import CAL, article, found


def test_a_wechat_article_title_past_the_api_limit_is_a_warning(problems_of):
    calendar = "posts:\n" + article("2026-12-03", "20:00", "冬" * 33)
    assert found(problems_of(calendar)) == [(CAL, 7, "warning", "headline-api-length")]
    calendar = "posts:\n" + article("2026-12-03", "20:00", "冬" * 65)
    assert found(problems_of(calendar)) == [(CAL, 7, "error", "headline-length")]
