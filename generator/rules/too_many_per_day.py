"""too-many-per-day: more posts on one channel in one day than its cap.

Why: more than the day's cap reads as 刷屏 and members mute the group (community-operation practice; platform defaults in generator/platforms.py).

The cap is the channel's `max_per_day`, else the platform default (generator/platforms.py),
which site.yml can override per platform::

    rules:
      too-many-per-day: {wechat-group: 8}

Failing: seven posts in vip-group on 2026-12-01 when wechat-group allows six.
Passing: six, or `max_per_day: 7` on the channel. Cancelled posts do not count.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..platforms import PLATFORMS, per_platform_options
from ..problems import Where

ID = "too-many-per-day"
SEVERITY = "error"


Options = per_platform_options(int)


def check(plan: Plan, index: PlanIndex, options: Any) -> Iterator[tuple[Where, str]]:  # Any: Options is built at import
    days: dict[tuple, list] = {}
    channels = plan.channels
    for post in plan.posts:
        if post.status != "cancelled" and post.channel in channels:
            key = (post.channel, post.date)
            on_day = days.get(key)
            if on_day is None:
                days[key] = [post]
            else:
                on_day.append(post)
    caps: dict[str, int] = {}
    for (channel_id, day), posts in days.items():
        channel = channels[channel_id]
        cap = caps.get(channel_id)
        if cap is None:
            cap = caps[channel_id] = (
                channel.max_per_day or getattr(options, channel.platform.replace("-", "_")) or PLATFORMS[channel.platform].per_day
            )
        if len(posts) <= cap:
            continue  # (counting a 公众号's 群发 below makes fewer, never more)
        if PLATFORMS[channel.platform].per_send > 1:  # a 公众号 counts 群发: one a minute, up to 8 articles
            posts = list({p.time: p for p in sorted(posts, key=lambda p: p.time, reverse=True)}.values())
        if len(posts) > cap:
            over = sorted(posts, key=lambda p: p.time)[cap]
            yield (
                over.where(),
                _(
                    "{channel} has {count} posts on {day}, over its cap of {cap} a day (max_per_day on the channel raises it)",
                    channel=channel_id,
                    count=len(posts),
                    day=day,
                    cap=cap,
                ),
            )
