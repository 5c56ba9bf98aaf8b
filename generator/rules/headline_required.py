"""headline-required: a post of a `kind: headline` playbook carries no `headline`.

Why: a headline playbook holds the formula, not the title: without a headline the operator has nothing to paste.

Failing (playbooks/winter-headline.md has kind: headline)::

    - {date: 2026-12-02, time: "20:00", channel: official, playbook: winter-headline}

Passing::

    - {date: 2026-12-02, time: "20:00", channel: official, playbook: winter-headline,
       headline: 3个冬季喝酱酒的误区}
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where

ID = "headline-required"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in index.unique_posts:
        playbook = plan.playbooks.get(post.playbook)
        if playbook and playbook.kind == "headline" and not (post.headline or "").strip():
            yield post.where(), _("playbook '{id}' is a headline playbook: the post needs 'headline'", id=playbook.id)
