"""unknown-person: an owner who is not in `people`."""

from __future__ import annotations

from tests.support import CAL, VALID_SITE, found, problems_in, say


def test_an_owner_nobody_knows(problems_of):
    assert found(problems_of("posts:\n" + say("早上好", extra="    owner: nobody\n"))) == [(CAL, 8, "error", "unknown-person")]
    assert found(problems_of("posts:\n" + say("早上好", extra="    owner: xiaoli\n"))) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_unknown_owner_of_a_channel_and_a_calendar_file(make_plan):
    site = VALID_SITE.replace("    owner: amei\n", "    owner: amay\n")
    root = make_plan(
        files={
            "content/site.yml": site,
            "content/calendar/extra.yml": "owner: xiaolee\ncampaign: winter\nposts: []\n",
        }
    )
    rows = [(p[0], p[1], p[4]) for p in problems_in(root)]
    assert rows == [
        ("content/calendar/extra.yml", 1, "unknown-person"),
        ("content/calendar/extra.yml", 2, "unknown-campaign"),
        ("content/site.yml", 18, "unknown-person"),
    ]
