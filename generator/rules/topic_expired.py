"""topic-expired: a hot-topic post scheduled after its topic's `expires` date.

Why: a hot topic goes stale within days; posting it after `expires` looks late and out of touch.

Failing::

    date: 2026-12-09
    topic: {name: 初雪, expires: 2026-12-07}

Passing: schedule it on or before 2026-12-07, or cancel it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where

ID = "topic-expired"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in plan.posts:
        topic = post.topic
        if topic is None or topic.expires is None or post.status == "cancelled":
            continue
        if post.date > topic.expires:
            yield (
                post.where("date"),
                _(
                    "scheduled on {date}, after topic '{topic}' expired on {expires}",
                    date=post.date,
                    topic=topic.name,
                    expires=topic.expires,
                ),
            )
