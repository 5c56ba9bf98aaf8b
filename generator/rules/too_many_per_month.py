"""too-many-per-month: more posts on one channel in a calendar month than its `max_per_month`.

Why: monthly caps are how some channels work: 企业微信 limits how often a customer group can
be sent to (客户群群发), and teams cap a group's promotions a month to keep it from muting.
Set `max_per_month` on the channel; cancelled posts do not count.

Failing::

    # channels: [{id: vip-group, …, max_per_month: 2}]
    three posts on vip-group in 2026-12

Passing::

    two posts on vip-group in 2026-12
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where

ID = "too-many-per-month"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options) -> Iterator[tuple[Where, str]]:
    months: dict[tuple, list] = {}
    for post in plan.posts:
        channel = plan.channels.get(post.channel)
        if post.status != "cancelled" and channel is not None and channel.max_per_month:
            months.setdefault((channel.id, post.date.year, post.date.month), []).append(post)
    for (channel_id, year, month), posts in months.items():
        cap = plan.channels[channel_id].max_per_month or 0  # only channels with a cap were collected
        if len(posts) > cap:
            over = posts[cap]  # plan order: date, time
            shown = f"{year}-{month:02d}"
            yield (
                over.where(),
                _(
                    "{channel} has {count} posts in {month}, over its max_per_month of {cap}; this is number {number}",
                    channel=channel_id,
                    count=len(posts),
                    month=shown,
                    cap=cap,
                    number=cap + 1,
                ),
            )
