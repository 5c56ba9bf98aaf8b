"""unknown-channel: a post names a channel that site.yml does not define.

Why: nobody would know where to send the post, and it would be missing from every channel's checklist.

Failing::

    channel: vip-grop        # site.yml defines vip-group

Passing::

    channel: vip-group
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..load import UNREADABLE
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where
from ._helpers import did_you_mean

ID = "unknown-channel"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    if "channel" in plan.declared.get(UNREADABLE, ()):  # site.yml or its channels did not load
        return
    for post in index.unique_posts:
        if post.channel not in plan.channels and not plan.knows("channel", post.channel):
            hint = did_you_mean(post.channel, plan.channels)
            yield post.where("channel"), _("no channel '{name}'{hint}", name=post.channel, hint=hint)
