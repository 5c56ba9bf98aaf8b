"""unknown-campaign: a post names a campaign campaigns.yml does not define."""

from __future__ import annotations

from tests.support import CAL, found, say

CAMPAIGNS = {"content/campaigns.yml": "- {id: winter, name: 冬季品鉴月, start: 2026-12-01, end: 2026-12-31}\n"}


def test_a_campaign_that_does_not_exist(problems_of):
    calendar = "posts:\n" + say("早上好", extra="    campaign: wintr\n")
    assert found(problems_of(calendar, files=CAMPAIGNS)) == [(CAL, 8, "error", "unknown-campaign")]
    calendar = "posts:\n" + say("早上好", extra="    campaign: winter\n")
    assert found(problems_of(calendar, files=CAMPAIGNS)) == []
