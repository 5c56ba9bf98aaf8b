"""bad-value (variant): a post picks a message block its playbook does not have.

Why: the post would have no text to send.

Failing (playbook with two ```message blocks)::

    variant: 3

Passing::

    variant: 2
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _, _n
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where
from ._helpers import written

ID = "bad-value"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in index.unique_posts:
        playbook = plan.playbooks.get(post.playbook)
        if playbook is None:
            continue
        count = len(playbook.messages)
        if count == 0 and written(post, "variant"):
            yield post.where("variant"), _("variant: playbook '{id}' has no message block", id=playbook.id)
        elif count and post.variant > count:
            yield (
                post.where("variant"),
                _n(
                    "variant: {variant}, but playbook '{id}' has {n} message block",
                    "variant: {variant}, but playbook '{id}' has {n} message blocks",
                    count,
                    variant=post.variant,
                    id=playbook.id,
                ),
            )
