"""too-many-per-day: more posts on a channel in a day than its cap (朋友圈: 3)."""
from __future__ import annotations

from .snippets import CAL, found, say


def test_a_fourth_moments_post_in_a_day(problems_of):
    four = "posts:\n" + "".join(say("日常", time=t, channel="moments") for t in ("09:00", "12:00", "16:00", "20:00"))
    assert found(problems_of(four)) == [(CAL, 20, "error", "too-many-per-day")]
    three = "posts:\n" + "".join(say("日常", time=t, channel="moments") for t in ("09:00", "12:00", "16:00"))
    assert found(problems_of(three)) == []
