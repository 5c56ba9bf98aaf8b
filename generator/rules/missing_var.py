"""missing-var: a {{placeholder}} with no value, or one its playbook does not declare.

Why: an unfilled {{placeholder}} goes out to customers as written.

Failing (playbook message ``欢迎!本周品鉴{{product}}``, post without it)::

    playbook: welcome-script
    vars: {price: 199}

Passing::

    playbook: welcome-script
    vars: {product: 酱香53度, price: 199}

In a brand's network, a member's posts may use headquarters' playbooks, filled from the
member's `values:` in its site.yml. A library playbook's placeholder that a member leaves
without a value is reported at the placeholder in the library, naming the members it
breaks: a library change that needs a new value is caught at that change.

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
    told: set[tuple[int, str]] = set()
    # (playbook id, variant) -> (the playbook, its block's names without a default), None
    # where there is no such block: worked out once a block (a year's plan: 29,200 posts, 400 blocks)
    needs: dict[tuple[str, int], tuple[Playbook, frozenset[str]] | None] = {}
    for post in index.unique_posts:
        wanted = (post.playbook, post.variant)
        if wanted in needs:
            entry = needs[wanted]
        else:
            playbook = plan.playbooks.get(post.playbook)
            entry = needs[wanted] = (
                (playbook, playbook.placeholders(post.variant) - index.defaults(playbook).keys())
                if playbook is not None and 1 <= post.variant <= len(playbook.messages)
                else None
            )
        if entry is None or not entry[1]:
            continue
        playbook, needed = entry
        values = post.vars
        missing = [name for name in needed if values.get(name) is None]
        missing.sort()
        if missing and playbook.library:
            # A network: headquarters' playbook needs a value this member never gave. Said where
            # the library asks for it, once a name: the network check names the members it breaks.
            for name in missing:
                if (id(playbook), name) not in told:
                    told.add((id(playbook), name))
                    yield (
                        _placeholder_at(playbook, post.variant, name),
                        _(
                            "{{{{{name}}}}} has no value in a member that uses '{id}': add {name}: to values: in its "
                            "content/site.yml (or to vars: on its posts), or give {name} a default here",
                            name=name,
                            id=playbook.id,
                        ),
                    )
        elif missing:
            where = post.where("vars") if written(post, "vars") else post.where("playbook")
            names = ", ".join(missing)
            hint = did_you_mean(missing[0], set(post.vars) - playbook.placeholders(post.variant))
            yield (
                where,
                _("no value for {names} (playbook '{id}' needs it in vars){hint}", names=names, id=playbook.id, hint=hint),
            )


def _placeholder_at(playbook: Playbook, variant: int, name: str) -> Where:
    """Where {{name}} first stands in the playbook's message block `variant`."""
    block = playbook.messages[variant - 1]
    for offset, line in enumerate(block.text.split("\n")):
        for match in PLACEHOLDER.finditer(line):
            if match.group(1) == name:
                return Where(playbook.path, block.line + offset, match.start() + 1)
    return Where(playbook.path, block.line, 1)
