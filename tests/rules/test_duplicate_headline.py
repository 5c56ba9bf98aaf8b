"""duplicate-headline: the same headline again within 30 days."""

from __future__ import annotations

from tests.support import CAL, article, found, problems_in, with_rules


def test_a_headline_used_twice(problems_of):
    twice = (
        "posts:\n" + article("2026-12-03", "20:00", "冬天温酒的三种方法") + article("2026-12-20", "20:00", "冬天温酒的三种方法")
    )
    assert found(problems_of(twice)) == [(CAL, 13, "warning", "duplicate-headline")]
    later = (
        "posts:\n" + article("2026-12-03", "20:00", "冬天温酒的三种方法") + article("2027-01-20", "20:00", "冬天温酒的三种方法")
    )
    assert found(problems_of(later)) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_rule_options_duplicate_headline_days(make_plan):
    # valid/ has the headline on 12-02; broken/duplicate-headline repeats it on 12-20 (18 days)
    root = make_plan("duplicate-headline", files=with_rules("  duplicate-headline: {days: 14}\n"))
    assert problems_in(root) == []
