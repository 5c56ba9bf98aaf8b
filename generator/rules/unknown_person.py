"""unknown-person: an owner (of a channel, a calendar file or a post) who is not in `people`.

Why: the post would have no one to send it, and the owner filter on the phone would not find it.

Failing::

    owner: xiaolee           # people lists xiaoli

Passing::

    owner: xiaoli
"""

from __future__ import annotations

from collections.abc import Iterator

from ..i18n import _
from ..load import UNREADABLE
from ..model import Plan
from ..plan_index import PlanIndex
from ..problems import Where
from ._helpers import did_you_mean, written

ID = "unknown-person"
SEVERITY = "error"


def check(plan: Plan, index: PlanIndex, options: None) -> Iterator[tuple[Where, str]]:
    if "person" in plan.declared.get(UNREADABLE, ()):  # site.yml or its people did not load
        return
    people = plan.people

    def unknown(person: str | None) -> str | None:
        if person and person not in people and not plan.knows("person", person):
            return _("no person '{name}' in site.yml people{hint}", name=person, hint=did_you_mean(person, people))
        return None

    for channel in plan.all_channels:
        if message := unknown(channel.owner):
            yield channel.where("owner"), message
    for _file, calendar in plan.calendars:
        if message := unknown(calendar.owner):
            yield calendar.where("owner"), message
    for post in index.unique_posts:
        if written(post, "owner") and (message := unknown(post.owner)):
            yield post.where("owner"), message
