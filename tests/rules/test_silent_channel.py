"""silent-channel: a group silent for more than N days."""

from __future__ import annotations

from tests.support import CAL, found, greet


def test_a_group_silent_for_more_than_three_days(problems_of):
    assert found(problems_of("posts:\n" + greet("2026-12-01") + greet("2026-12-06"))) == [(CAL, 3, "warning", "silent-channel")]
    assert found(problems_of("posts:\n" + greet("2026-12-01") + greet("2026-12-05"))) == []
    assert (
        found(
            problems_of(
                "posts:\n" + greet("2026-12-01") + greet("2026-12-06"), site_extra="rules:\n  silent-channel: {days: 5}\n"
            )
        )
        == []
    )
