"""duplicate-headline: the same headline again within N days (default 30), on any channel.

Why: readers who saw a headline once scroll past it the second time, and a 公众号 that repeats titles looks careless.

Readers who saw it once scroll past it the second time. Occurrences of one repeat do not
count against each other.

Failing::

    - {date: 2026-12-02, ..., headline: 3个冬季喝酱酒的误区}
    - {date: 2026-12-20, ..., headline: 3个冬季喝酱酒的误区}

Passing: a new headline, or 31 days apart. Options: `duplicate-headline: {days: 14}`.
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from ..i18n import _n
from ..model import Plan, Post
from ..plan_index import PlanIndex
from ..problems import Where

ID = "duplicate-headline"
SEVERITY = "warning"


class Options(BaseModel):
    model_config = ConfigDict(extra="forbid")
    days: int = Field(default=30, ge=0)


def check(plan: Plan, index: PlanIndex, options: Options) -> Iterator[tuple[Where, str]]:
    days = options.days
    last: dict[str, Post] = {}
    for post in plan.posts:  # sorted by date
        if not post.headline or post.status == "cancelled":
            continue
        key = "".join(post.headline.split())
        before = last.get(key)
        if before is not None and (post.repeat is None or post.repeat != before.repeat):
            gap = (post.date - before.date).days
            if gap <= days:
                w = before.where()
                place = f"{w.path}:{w.line}"
                yield (
                    post.where("headline"),
                    _n(
                        "headline already used on {date} ({place}), {n} day earlier",
                        "headline already used on {date} ({place}), {n} days earlier",
                        gap,
                        date=before.date,
                        place=place,
                    ),
                )
        last[key] = post
