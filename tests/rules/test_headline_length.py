"""headline-length: a headline outside its platform's range (公众号 1–64 characters)."""
from __future__ import annotations

from .snippets import CAL, article, found


def test_a_title_too_long_for_the_editor(problems_of):
    assert found(problems_of("posts:\n" + article("2026-12-03", "20:00", "冬" * 65))) == [(CAL, 7, "error", "headline-length")]
    assert found(problems_of("posts:\n" + article("2026-12-03", "20:00", "冬" * 30))) == []
