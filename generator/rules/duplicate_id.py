"""duplicate-id: two posts, repeats, playbooks, channels, people or campaigns share an id.

Why: ticks on the operator's phone are kept by post id, links and calendar UIDs too; two items with one id overwrite each other.

Failing (two posts in one plan)::

    - {id: welcome, date: 2026-12-01, time: "09:30", channel: vip-group, playbook: welcome-script}
    - {id: welcome, date: 2026-12-02, time: "09:30", channel: vip-group, playbook: welcome-script}

Passing: give the second post another id, or leave `id` out and let it be derived.
A written id that equals another post's derived id (`2026-12-01-vip-group-0930`) or a repeat
occurrence's id (`<repeat>-<date>`) is a duplicate too. Two posts whose derived ids agree are
the same slot: slot-conflict reports them instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..i18n import N_, _
from ..model import Plan, Post
from ..plan_index import PlanIndex
from ..problems import Where

ID = "duplicate-id"
SEVERITY = "error"
DUPLICATE = {  # one whole message a kind of item, so a translation may order it freely
    "channel": N_("duplicate channel id '{id}' (first at {place})"),
    "person": N_("duplicate person id '{id}' (first at {place})"),
    "campaign": N_("duplicate campaign id '{id}' (first at {place})"),
    "repeat": N_("duplicate repeat id '{id}' (first at {place})"),
    "playbook": N_("duplicate playbook id '{id}' (first at {place})"),
}


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    groups: dict[str, list[Any]] = {
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
    yield from _post_duplicates(plan)


def _post_duplicates(plan: Plan) -> Iterator[tuple[Where, str]]:
    """Posts share one id space (ticks are keyed by it): written ids, repeat occurrences
    `<repeat>-<date>` and derived ids `<date>-<channel>-<HHMM>` may not meet.

    Two derived ids that agree are one slot taken twice: slot-conflict reports those.
    """
    seen_first: dict[str, Post] = {}
    shared: dict[str, list[Post]] = {}
    for post in plan.posts:
        pid = post.id or ""  # every post has an id once assembled
        seen = seen_first.setdefault(pid, post)
        if seen is not post:
            shared.setdefault(pid, [seen]).append(post)
    for pid in sorted(shared):
        posts = shared[pid]
        if all(p.derived_id for p in posts):
            continue
        # A derived or occurrence id is "first": the id someone wrote is the one to change.
        ordered = sorted(posts, key=lambda p: (not p.derived_id and p.repeat is None, _place(p)))
        first = ordered[0]
        place = "{}:{}".format(*_place(first))
        for other in ordered[1:]:
            yield (
                other.where("id") if not (other.derived_id or other.repeat) else other.where(),
                _(
                    "duplicate post id '{id}' (also {what} at {place}); ticks on the checklist are kept by post id",
                    id=pid,
                    what=_describe(first),
                    place=place,
                ),
            )


def _place(post) -> tuple[str, int]:
    w = post.where("id") if not post.derived_id and post.repeat is None else post.where()
    return (w.path, w.line)


def _describe(post) -> str:
    if post.repeat is not None:
        return _("an occurrence of repeat '{repeat}'", repeat=post.repeat)
    return _("the derived id of a post") if post.derived_id else _("a written post id")


def _playbook_where(playbook) -> Where:
    return playbook.meta.where("id") if playbook.meta.id else Where(playbook.path, 1, 1)


def _duplicates(what: str, items: list[tuple[str, Where]]) -> Iterator[tuple[Where, str]]:
    first: dict[str, Where] = {}
    for item_id, where in items:
        if item_id in first:
            other = first[item_id]
            place = f"{other.path}:{other.line}"
            yield where, _(DUPLICATE[what], id=item_id, place=place)
        else:
            first[item_id] = where
