"""outside-campaign: a post dated outside the start..end of its campaign.

Why: a campaign's posts are counted and reviewed by its dates; one outside them is usually a typo in the date or the campaign.

Failing (winter-tasting runs 2026-12-01..2026-12-31)::

    date: 2027-01-03
    campaign: winter-tasting

Passing: a date inside the campaign, or another campaign (or none).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where

ID = "outside-campaign"
SEVERITY = "warning"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in plan.posts:
        campaign = plan.campaigns.get(post.campaign or "")
        if campaign and not campaign.start <= post.date <= campaign.end:
            yield (
                post.where("date"),
                _(
                    "dated {date}, outside campaign '{id}' ({start} to {end})",
                    date=post.date,
                    id=campaign.id,
                    start=campaign.start,
                    end=campaign.end,
                ),
            )
