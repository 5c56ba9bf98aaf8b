"""bad-value (variant): a post picks a message block its playbook does not have.

Why: the post would have no text to send.

Failing (playbook with two ```message blocks)::

    variant: 3

Passing::

    variant: 2
"""
from __future__ import annotations

from collections.abc import Iterator

from ..model import Plan
from ..problems import Where
from ._helpers import unique_posts, written

ID = "bad-value"
SEVERITY = "error"


def check(plan: Plan, options: None) -> Iterator[tuple[Where, str]]:
    for post in unique_posts(plan):
        playbook = plan.playbooks.get(post.playbook)
        if playbook is None:
            continue
        count = len(playbook.messages)
        if count == 0 and written(post, "variant"):
            yield post.where("variant"), f"variant: playbook '{playbook.id}' has no message block"
        elif count and post.variant > count:
            yield post.where("variant"), (
                f"variant: {post.variant}, but playbook '{playbook.id}' has {count} message "
                f"block{'s' if count > 1 else ''}"
            )
