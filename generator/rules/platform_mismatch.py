"""platform-mismatch: a playbook used on a channel whose platform it does not list.

Why: a script written for a group reads wrong as a 公众号 article or on 小红书 (length, tone, no @).

Failing (playbook platforms: [wechat-group], channel is wechat-moments)::

    channel: moments
    playbook: welcome-script

Passing: use it on a wechat-group channel, or add wechat-moments to its `platforms`.
A playbook without `platforms` fits every platform.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where

ID = "platform-mismatch"
SEVERITY = "warning"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in index.unique_posts:
        playbook = plan.playbooks.get(post.playbook)
        channel = plan.channels.get(post.channel)
        if playbook and channel and playbook.meta.platforms and channel.platform not in playbook.meta.platforms:
            yield (
                post.where("playbook"),
                _(
                    "playbook '{id}' is for {platforms}, but {channel} is {platform}",
                    id=playbook.id,
                    platforms=", ".join(playbook.meta.platforms),
                    channel=channel.id,
                    platform=channel.platform,
                ),
            )
