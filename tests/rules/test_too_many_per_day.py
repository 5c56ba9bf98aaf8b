"""too-many-per-day: more posts on a channel in a day than its cap (朋友圈: 3)."""

from __future__ import annotations

from tests.support import CAL, VALID_SITE, found, problems_in, say


def test_a_fourth_moments_post_in_a_day(problems_of):
    four = "posts:\n" + "".join(say("日常", time=t, channel="moments") for t in ("09:00", "12:00", "16:00", "20:00"))
    assert found(problems_of(four)) == [(CAL, 20, "error", "too-many-per-day")]
    three = "posts:\n" + "".join(say("日常", time=t, channel="moments") for t in ("09:00", "12:00", "16:00"))
    assert found(problems_of(three)) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_max_per_day_on_the_channel_raises_the_cap(make_plan):
    site = VALID_SITE.replace('    quiet_hours: "22:00-08:00"\n', '    quiet_hours: "22:00-08:00"\n    max_per_day: 7\n')
    root = make_plan("too-many-per-day", files={"content/site.yml": site})
    assert problems_in(root) == []
