"""unknown-playbook: a post names a playbook that no file under playbooks/ defines.

Why: the post has no text to send.

Failing::

    playbook: welcom-script  # playbooks/welcome-script.md exists

Passing::

    playbook: welcome-script
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where
from ._helpers import did_you_mean

ID = "unknown-playbook"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in index.unique_posts:
        if post.playbook not in plan.playbooks and not plan.knows("playbook", post.playbook):
            hint = did_you_mean(post.playbook, plan.playbooks)
            yield post.where("playbook"), _("no playbook '{name}'{hint}", name=post.playbook, hint=hint)
