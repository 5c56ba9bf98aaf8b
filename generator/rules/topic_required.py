"""topic-required: a post of a `kind: hot-topic` playbook carries no `topic`.

Why: a hot-topic post rides on a named, sourced topic so that reviewers can check it is real and current.

Failing::

    - {date: 2026-12-05, time: "12:00", channel: moments, playbook: first-snow}

Passing::

    - date: 2026-12-05
      time: "12:00"
      channel: moments
      playbook: first-snow
      topic: {name: 初雪, expires: 2026-12-07}
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where
from ._helpers import written

ID = "topic-required"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    for post in index.unique_posts:
        playbook = plan.playbooks.get(post.playbook)
        # A topic that is written but broken is reported as such (bad-value), not as missing.
        if playbook and playbook.kind == "hot-topic" and post.topic is None and not written(post, "topic"):
            yield post.where(), _("playbook '{id}' is a hot-topic playbook: the post needs 'topic'", id=playbook.id)
