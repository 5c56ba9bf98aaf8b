"""quiet-hours: a post inside its channel's quiet hours (site.yml `quiet_hours`).

Why: a message in the group's 免打扰 hours wakes members up, and they mute or leave the group.

Failing (channel quiet_hours: "22:00-08:00", which wraps midnight)::

    time: "23:15"

Passing::

    time: "21:30"

The span includes its start and excludes its end: 08:00 is allowed, 22:00 is not.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where

ID = "quiet-hours"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in index.unique_posts:
        channel = plan.channels.get(post.channel)
        if channel is None or channel.quiet_hours is None or post.status == "cancelled":
            continue
        start, end = channel.quiet_hours
        inside = start <= post.time < end if start < end else (post.time >= start or post.time < end)
        if inside:
            hours = start.strftime("%H:%M") + "-" + end.strftime("%H:%M")
            yield (
                post.where("time"),
                _("{time} is inside the quiet hours of {channel} ({hours})", time=post.hhmm, channel=channel.id, hours=hours),
            )
