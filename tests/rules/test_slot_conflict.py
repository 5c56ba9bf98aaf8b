"""slot-conflict: one post a minute; a 公众号 群发 carries up to 8 articles."""
from __future__ import annotations

from .snippets import CAL, article, found


def test_a_group_send_of_three_articles_is_one_send(problems_of):
    calendar = "posts:\n" + "".join(article("2026-12-03", "20:00", f"第{n}篇文章的标题") for n in "一二三")
    assert found(problems_of(calendar, official_extra=", account: subscription")) == []


def test_the_ninth_article_of_one_send_is_flagged(problems_of):
    calendar = "posts:\n" + "".join(article("2026-12-03", "20:00", f"文章标题{n}") for n in range(9))
    assert found(problems_of(calendar)) == [(CAL, 2 + 6 * 8, "error", "slot-conflict")]
