"""empty-var: a value that is empty or only spaces, so the message goes out with a hole in it.

Why: the message would go out with a hole in it (本周品鉴,体验价199元), in front of every customer of the group.

Failing (the message is ``本周品鉴{{product}},体验价{{price}}元``)::

    vars: {product: "", price: 199}       # → 本周品鉴,体验价199元

Passing::

    vars: {product: 酱香53度, price: 199}

A playbook default that is blank is reported too, at the default.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan, Playbook, VarSpec
from ..plan_index import PlanIndex
from ..problems import Where

ID = "empty-var"
SEVERITY = "warning"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    playbook: Playbook | None  # a playbook of the plan, then the one a post names (if any)
    for playbook in plan.all_playbooks:
        for name, spec in playbook.meta.vars.items():
            if isinstance(spec, VarSpec) and spec.default is not None and not spec.default.strip():
                yield (
                    playbook.meta.where("vars", name, "default"),
                    _("the default of '{name}' is blank; {{{{{name}}}}} would leave a hole in the message", name=name),
                )
    for post in index.unique_posts:
        if all(value is None or value.strip() for value in post.vars.values()):
            continue  # nearly every post: nothing blank
        playbook = plan.playbooks.get(post.playbook)
        if playbook is None:
            continue
        used = playbook.placeholders(post.variant)
        for name, value in sorted(post.vars.items()):
            if value is not None and not value.strip() and name in used:
                yield (
                    post.where("vars", name),
                    _("'{name}' is blank; {{{{{name}}}}} would leave a hole in the message", name=name),
                )
