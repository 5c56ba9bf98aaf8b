"""outside-campaign: a post dated outside its campaign's start..end."""

from __future__ import annotations

from generator.check import check
from tests.support import CAL, found, problems_in, say

CAMPAIGNS = {"content/campaigns.yml": "- {id: winter, name: 冬季品鉴月, start: 2026-12-01, end: 2026-12-31}\n"}


def test_a_post_after_its_campaign(problems_of):
    calendar = "posts:\n" + say("早上好", day="2027-01-03", extra="    campaign: winter\n")
    assert found(problems_of(calendar, files=CAMPAIGNS)) == [(CAL, 2, "warning", "outside-campaign")]
    calendar = "posts:\n" + say("早上好", day="2026-12-30", extra="    campaign: winter\n")
    assert found(problems_of(calendar, files=CAMPAIGNS)) == []


# --- on the fixture plan (tests/fixtures/valid) with a file laid over it (make_plan) ----------------


def test_outside_campaign_of_a_repeat(make_plan):
    root = make_plan(
        files={
            "content/calendar/extra.yml": (
                "campaign: winter-tasting\n"
                "repeats:\n"
                "  - id: pre-season\n"  # line 3
                "    every: day\n"
                "    from: 2026-11-29\n"
                "    until: 2026-12-02\n"
                '    time: "11:00"\n'
                "    channel: vip-group\n"
                "    playbook: welcome-script\n"
                "    vars: {product: 酱香53度}\n"
            )
        }
    )
    found = problems_in(root)
    assert found, "expected outside-campaign for 2026-11-29 and 2026-11-30"
    assert {(p[0], p[1], p[3], p[4]) for p in found} == {("content/calendar/extra.yml", 3, "warning", "outside-campaign")}
    assert check(root).exit_code == 0
