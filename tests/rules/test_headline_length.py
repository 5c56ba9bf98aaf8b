"""headline-length: a headline outside its platform's range (公众号 1–64 characters)."""

from __future__ import annotations

from tests.support import CAL, article, codes_in, found, headline_post, problems_in, with_rules


def test_a_title_too_long_for_the_editor(problems_of):
    assert found(problems_of("posts:\n" + article("2026-12-03", "20:00", "冬" * 65))) == [(CAL, 7, "error", "headline-length")]
    assert found(problems_of("posts:\n" + article("2026-12-03", "20:00", "冬" * 30))) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_rule_options_per_platform_headline_length(make_plan):
    # valid/ has wechat-article headlines of 20 and 9 characters
    root = make_plan(files=with_rules("  headline-length: {wechat-article: {min: 1, max: 10}}\n"))
    assert [(p[0], p[1], p[4]) for p in problems_in(root)] == [("content/calendar/2026-12.yml", 17, "headline-length")]


def test_headline_of_exactly_64_characters_is_fine(make_plan):
    root = make_plan(files=headline_post("冬" * 64))
    assert codes_in(root) == ["headline-api-length"]  # fine in the editor; a warning for publishing tools
    root = make_plan(files=headline_post("冬" * 65))
    assert codes_in(root) == ["headline-length"]
