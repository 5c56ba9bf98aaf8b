"""duplicate-headline: the same headline again within 30 days."""
from __future__ import annotations

from .snippets import CAL, article, found


def test_a_headline_used_twice(problems_of):
    twice = "posts:\n" + article("2026-12-03", "20:00", "冬天温酒的三种方法") + article("2026-12-20", "20:00", "冬天温酒的三种方法")
    assert found(problems_of(twice)) == [(CAL, 13, "warning", "duplicate-headline")]
    later = "posts:\n" + article("2026-12-03", "20:00", "冬天温酒的三种方法") + article("2027-01-20", "20:00", "冬天温酒的三种方法")
    assert found(problems_of(later)) == []
