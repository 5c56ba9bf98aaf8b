"""min-gap: posts on one channel less than N minutes apart."""

from __future__ import annotations

from tests.support import CAL, found, greet


def test_two_posts_less_than_thirty_minutes_apart(problems_of):
    assert found(problems_of("posts:\n" + greet("2026-12-01", "09:00") + greet("2026-12-01", "09:10"))) == [
        (CAL, 3, "warning", "min-gap")
    ]
    assert found(problems_of("posts:\n" + greet("2026-12-01", "09:00") + greet("2026-12-01", "09:30"))) == []
