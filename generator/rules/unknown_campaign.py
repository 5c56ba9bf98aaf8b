"""unknown-campaign: a post or calendar file names a campaign that campaigns.yml does not define.

Why: the post would be missing from its campaign's page and counts.

Failing::

    campaign: winter-tastng  # campaigns.yml defines winter-tasting

Passing::

    campaign: winter-tasting
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..load import UNREADABLE
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where
from ._helpers import did_you_mean, written

ID = "unknown-campaign"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    if "campaign" in plan.declared.get(UNREADABLE, ()):  # campaigns.yml did not load
        return
    campaigns = plan.campaigns

    def unknown(campaign: str | None) -> str | None:
        if campaign and campaign not in campaigns and not plan.knows("campaign", campaign):
            return _("no campaign '{name}' in campaigns.yml{hint}", name=campaign, hint=did_you_mean(campaign, campaigns))
        return None

    for _file, calendar in plan.calendars:
        if message := unknown(calendar.campaign):
            yield calendar.where("campaign"), message
    for post in index.unique_posts:
        if written(post, "campaign") and (message := unknown(post.campaign)):
            yield post.where("campaign"), message
