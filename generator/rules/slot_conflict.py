"""slot-conflict: two posts on one channel at the same minute (cancelled posts do not count).

Why: one operator sends one message at a time, and two at once read as 刷屏. A 公众号
(`wechat-article`) is the exception: one 群发 carries up to 8 articles, so posts on one
wechat-article channel at the same minute are one 群发 and up to 8 are fine; the ninth is
flagged (微信公众平台: 每次群发最多 8 篇图文).

Failing::

    - {date: 2026-12-01, time: "09:30", channel: vip-group, playbook: welcome-script}
    - {date: 2026-12-01, time: "09:30", channel: vip-group, playbook: morning-tea}

Passing::

    - {date: 2026-12-01, time: "09:45", channel: vip-group, playbook: morning-tea}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..platforms import PLATFORMS
from ..problems import Where

ID = "slot-conflict"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options) -> Iterator[tuple[Where, str]]:
    slots: dict[tuple, Any] = {}  # (channel, day, time) -> its post, or a list of its posts when more than one
    for post in plan.posts:
        if post.status != "cancelled":
            key = (post.channel, post.date, post.time)
            taken = slots.get(key)
            if taken is None:
                slots[key] = post
            elif type(taken) is list:
                taken.append(post)
            else:
                slots[key] = [taken, post]
    for (channel, day, _time), posts in slots.items():
        if type(posts) is not list:
            continue
        platform = plan.channels[channel].platform if channel in plan.channels else "other"
        room = PLATFORMS[platform].per_send
        if len(posts) <= room:
            continue
        posts.sort(key=lambda p: (p.where().path, p.where().line, p.where().col))
        first = posts[0].where()
        # Numbered by place in the file, not by posts.index(): two posts written alike are equal
        # models, and index() would give the second the first one's number.
        for number, post in enumerate(posts[room:], start=room + 1):
            if room > 1:
                why = _("one 群发 carries at most {room} articles; this is number {number}", room=room, number=number)
            else:
                why = _("one channel, one post a minute")
            place = f"{first.path}:{first.line}"
            yield (
                post.where(),
                _(
                    "{channel} already has a post on {day} at {time} ({place}); {why}",
                    channel=channel,
                    day=day,
                    time=post.hhmm,
                    place=place,
                    why=why,
                ),
            )
