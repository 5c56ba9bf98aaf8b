"""message-length: a rendered message longer than its channel's platform takes.

Why: WeChat splits a chat message past ~2000 characters and Moments folds long text; the platform's own limit is in generator/platforms.py.

Limits (characters) come from generator/platforms.py, e.g. xiaohongshu 1000, wechat-moments
1500. Override per platform: `message-length: {wechat-moments: 800}`.

Failing: a 1,200-character message on a xiaohongshu channel.
Passing: split it, or pick a shorter variant.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..platforms import PLATFORMS, per_platform_options
from ..problems import Where

ID = "message-length"
SEVERITY = "warning"

Options = per_platform_options(int)


def check(plan: Plan, index: PlanIndex, options: Any) -> Iterator[tuple[Where, str]]:  # Any: Options is built at import
    limits: dict[str, int | None] = {}  # platform -> its limit
    for post in index.unique_posts:
        channel = plan.channels.get(post.channel)
        if channel is None or post.playbook not in plan.playbooks:
            continue
        platform = channel.platform
        if platform in limits:
            limit = limits[platform]
        else:
            limit = limits[platform] = getattr(options, platform.replace("-", "_")) or PLATFORMS[platform].message_max
        if limit is None:
            continue
        length = index.message_lengths.of(post)  # == len(plan.message_of(post)), counted
        if length > limit:
            yield (
                post.where("playbook"),
                _(
                    "the message is {length} characters; {platform} takes {limit}",
                    length=length,
                    platform=channel.platform,
                    limit=limit,
                ),
            )
