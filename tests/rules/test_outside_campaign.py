"""outside-campaign: a post dated outside its campaign's start..end."""
from __future__ import annotations

from .snippets import CAL, found, say

CAMPAIGNS = {"content/campaigns.yml": "- {id: winter, name: 冬季品鉴月, start: 2026-12-01, end: 2026-12-31}\n"}


def test_a_post_after_its_campaign(problems_of):
    calendar = "posts:\n" + say("早上好", day="2027-01-03", extra="    campaign: winter\n")
    assert found(problems_of(calendar, files=CAMPAIGNS)) == [(CAL, 2, "warning", "outside-campaign")]
    calendar = "posts:\n" + say("早上好", day="2026-12-30", extra="    campaign: winter\n")
    assert found(problems_of(calendar, files=CAMPAIGNS)) == []
