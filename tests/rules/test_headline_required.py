"""headline-required: a post of a headline playbook without a headline."""

from __future__ import annotations

from tests.support import CAL, article, found

NO_HEADLINE = "posts:\n  - {date: 2026-12-03, time: '20:00', channel: official, playbook: title}\n"


def test_a_headline_post_without_its_headline(problems_of):
    assert found(problems_of(NO_HEADLINE)) == [(CAL, 2, "error", "headline-required")]
    assert found(problems_of("posts:\n" + article("2026-12-03", "20:00", "冬天温酒的三种方法"))) == []
