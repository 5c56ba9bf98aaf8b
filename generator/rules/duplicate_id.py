"""duplicate-id: two posts, repeats, playbooks, channels, people or campaigns share an id.

Failing (two posts in one plan)::

    - {id: welcome, date: 2026-12-01, time: "09:30", channel: vip-group, playbook: welcome-script}
    - {id: welcome, date: 2026-12-02, time: "09:30", channel: vip-group, playbook: welcome-script}

Passing: give the second post another id, or leave `id` out and let it be derived.
Two posts whose derived ids agree are the same slot: slot-conflict reports them instead.
"""
from __future__ import annotations

from typing import Iterator

from ..model import Plan
from ..problems import Where

ID = "duplicate-id"
SEVERITY = "error"


def check(plan: Plan, options: dict) -> Iterator[tuple[Where, str]]:
    groups = {
        "channel": plan.all_channels,
        "person": plan.all_people,
        "campaign": plan.all_campaigns,
        "repeat": plan.repeats,
    }
    for what, items in groups.items():
        yield from _duplicates(what, [(item.id, item.where("id")) for item in items])
    yield from _duplicates(
        "playbook",
        [(p.id, _playbook_where(p)) for p in plan.all_playbooks],
    )
    posts = [(p.id, p.where("id")) for p in plan.posts if not p.derived_id and p.repeat is None]
    occurrences = {p.id: p.where() for p in plan.posts if p.repeat is not None}
    seen_written = {pid for pid, _ in posts}
    yield from _duplicates("post", posts)
    for pid, where in sorted(occurrences.items()):
        if pid in seen_written:
            yield where, f"repeat occurrence id '{pid}' is also the id of a written post"


def _playbook_where(playbook) -> Where:
    return playbook.meta.where("id") if playbook.meta.id else Where(playbook.path, 1, 1)


def _duplicates(what: str, items: list[tuple[str, Where]]) -> Iterator[tuple[Where, str]]:
    first: dict[str, Where] = {}
    for item_id, where in items:
        if item_id in first:
            other = first[item_id]
            yield where, f"duplicate {what} id '{item_id}' (first at {other.path}:{other.line})"
        else:
            first[item_id] = where
