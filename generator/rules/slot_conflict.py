"""slot-conflict: two posts on one channel at the same minute (cancelled posts do not count).

Failing::

    - {date: 2026-12-01, time: "09:30", channel: vip-group, playbook: welcome-script}
    - {date: 2026-12-01, time: "09:30", channel: vip-group, playbook: morning-tea}

Passing: move one of them, e.g. to "09:45".
"""
from __future__ import annotations

from typing import Iterator

from ..model import Plan
from ..problems import Where

ID = "slot-conflict"
SEVERITY = "error"


def check(plan: Plan, options: dict) -> Iterator[tuple[Where, str]]:
    slots: dict[tuple, list] = {}
    for post in plan.posts:
        if post.status != "cancelled":
            slots.setdefault((post.channel, post.date, post.time), []).append(post)
    for (channel, day, _), posts in slots.items():
        if len(posts) < 2:
            continue
        posts.sort(key=lambda p: (p.where().path, p.where().line, p.where().col))
        first = posts[0].where()
        for post in posts[1:]:
            yield post.where(), (
                f"{channel} already has a post on {day} at {post.hhmm} "
                f"({first.path}:{first.line}); one channel, one post a minute"
            )
