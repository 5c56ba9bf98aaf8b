"""quiet-hours: a post inside its channel's 免打扰 hours."""
from __future__ import annotations

from .snippets import CAL, article, found

QUIET = ", quiet_hours: '22:00-08:00'"


def test_a_post_at_night(problems_of):
    assert found(problems_of("posts:\n" + article("2026-12-03", "23:00", "夜里的文章"), official_extra=QUIET)) == [
        (CAL, 3, "error", "quiet-hours")]
    assert found(problems_of("posts:\n" + article("2026-12-03", "21:00", "晚上的文章"), official_extra=QUIET)) == []
