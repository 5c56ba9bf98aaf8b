"""min-gap: two posts on one channel less than N minutes apart (default 30).

Why: messages close together read as 刷屏 (flooding) and get a group muted; the second one
also buries the first. Posts at the same minute are slot-conflict's (or, on a 公众号, one
群发); cancelled posts do not count.

Failing::

    vip-group at 20:00 and 20:10 on 2026-12-01

Passing::

    vip-group at 20:00 and 20:45 on 2026-12-01

Options in site.yml::

    rules:
      min-gap: {minutes: 60}
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import _
from ..model import Plan, Post
from ..plan_index import PlanIndex
from ..problems import Where

ID = "min-gap"
SEVERITY = "warning"


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    minutes: int = Field(default=30, ge=1, le=24 * 60, description="shortest gap allowed between two posts")


def _minute(post) -> int:
    return post.time.hour * 60 + post.time.minute


def check(plan: Plan, index: PlanIndex, options: Options) -> Iterator[tuple[Where, str]]:
    last: dict[tuple, Post] = {}
    shortest = options.minutes
    for post in plan.posts:  # date, time order
        if post.status == "cancelled":
            continue
        key = (post.channel, post.date)
        before = last.get(key)
        if before is not None and 0 < _minute(post) - _minute(before) < shortest:
            yield (
                post.where(),
                _(
                    "{channel} posts at {before} and {after} on {date}, {gap} minutes apart; "
                    "leave at least {minutes} so the group is not flooded",
                    channel=post.channel,
                    before=before.hhmm,
                    after=post.hhmm,
                    date=post.date,
                    gap=_minute(post) - _minute(before),
                    minutes=options.minutes,
                ),
            )
        last[key] = post
