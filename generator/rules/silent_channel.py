"""silent-channel: a WeChat group with no post for more than N days (default 3).

Why: community operation keeps a group alive with a daily rhythm (早安, 话题, 红包); a group
left silent for days goes cold and members stop reading. Counted between the group's first
and last post in the plan; cancelled posts do not count.

Failing::

    vip-group: posts on 2026-12-01, then 2026-12-06

Passing::

    vip-group: posts on 2026-12-01, 12-03 and 12-05

Options in site.yml::

    rules:
      silent-channel: {days: 5}
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import _
from ..model import Plan, Post
from ..plan_index import PlanIndex
from ..platforms import PLATFORMS
from ..problems import Where

ID = "silent-channel"
SEVERITY = "warning"


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    days: int = Field(default=3, ge=1, le=365, description="longest silence allowed, in days")


def check(plan: Plan, index: PlanIndex, options: Options) -> Iterator[tuple[Where, str]]:
    last: dict[str, Post] = {}
    for post in plan.posts:  # date order
        channel = plan.channels.get(post.channel)
        if post.status == "cancelled" or channel is None or not PLATFORMS[channel.platform].group_chat:
            continue
        before = last.get(channel.id)
        if before is not None:
            silent = (post.date - before.date).days - 1
            if silent > options.days:
                yield (
                    post.where(),
                    _(
                        "{channel} is silent for {silent} days, from {start} to {end}; a group goes "
                        "cold after {days} (plan a light post in between)",
                        channel=channel.id,
                        silent=silent,
                        start=before.date,
                        end=post.date,
                        days=options.days,
                    ),
                )
        last[channel.id] = post
