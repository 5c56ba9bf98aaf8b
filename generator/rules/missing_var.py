"""missing-var: a {{placeholder}} with no value, or one its playbook does not declare.

Why: an unfilled {{placeholder}} goes out to customers as written.

Failing (playbook message ``欢迎!本周品鉴{{product}}``, post without it)::

    playbook: welcome-script
    vars: {price: 199}

Passing::

    playbook: welcome-script
    vars: {product: 酱香53度, price: 199}

A playbook must also list every placeholder its messages use under `vars:` in its front
matter, so the team knows what each one means.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import PLACEHOLDER, Plan, Playbook
from ..plan_index import PlanIndex
from ..problems import Where
from ._helpers import did_you_mean, written

ID = "missing-var"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    playbook: Playbook | None  # a playbook of the plan, then the one a post names (if any)
    for playbook in plan.all_playbooks:
        declared = set(playbook.meta.vars)
        for block in playbook.messages:
            for offset, line in enumerate(block.text.split("\n")):
                for match in PLACEHOLDER.finditer(line):
                    name = match.group(1)
                    if name not in declared:
                        where = Where(playbook.path, block.line + offset, match.start() + 1)
                        hint = did_you_mean(name, declared)
                        yield (
                            where,
                            _("{{{{{name}}}}} is not declared under vars: in the front matter{hint}", name=name, hint=hint),
                        )
    for post in index.unique_posts:
        playbook = plan.playbooks.get(post.playbook)
        if playbook is None or not 1 <= post.variant <= len(playbook.messages):
            continue
        given = {name for name, value in post.vars.items() if value is not None}
        missing = sorted(playbook.placeholders(post.variant) - given - index.defaults(playbook).keys())
        if missing:
            where = post.where("vars") if written(post, "vars") else post.where("playbook")
            names = ", ".join(missing)
            hint = did_you_mean(missing[0], set(post.vars) - playbook.placeholders(post.variant))
            yield (
                where,
                _("no value for {names} (playbook '{id}' needs it in vars){hint}", names=names, id=playbook.id, hint=hint),
            )
