"""unused-var: a value that no placeholder uses (usually a typo in the name).

Why: a value no placeholder uses is usually a misspelt name, so the intended value never reaches the message.

Failing (the message uses {{product}})::

    vars: {prodcut: 酱香53度}

Passing::

    vars: {product: 酱香53度}

Also a playbook var declared in front matter that none of its message blocks uses.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan, Playbook
from ..plan_index import PlanIndex
from ..problems import Where
from ._helpers import did_you_mean

ID = "unused-var"
SEVERITY = "warning"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    playbook: Playbook | None  # a playbook of the plan, then the one a post names (if any)
    for playbook in plan.all_playbooks:
        used = playbook.placeholders()
        for name in playbook.meta.vars:
            if name not in used:
                yield (
                    playbook.meta.where("vars", name, key=True),
                    _("var '{name}' is declared but no message block uses {{{{{name}}}}}", name=name),
                )
    for post in index.unique_posts:
        if not post.vars:
            continue
        playbook = plan.playbooks.get(post.playbook)
        if playbook is None or not 1 <= post.variant <= len(playbook.messages):
            continue
        used = playbook.placeholders(post.variant)
        if post.vars.keys() <= used:
            continue
        for name in sorted(post.vars):
            if name not in used:
                hint = did_you_mean(name, used)
                yield (
                    post.where("vars", name, key=True),
                    _(
                        "var '{name}' is not used by message {variant} of playbook '{id}'{hint}",
                        name=name,
                        variant=post.variant,
                        id=playbook.id,
                        hint=hint,
                    ),
                )
