"""What a build may cost, bounded at check time: `too-large` (structural, always an error).

A plan of a few kilobytes can ask for gigabytes: a playbook that says `{{p}}` a hundred times,
a 10,000-character value and a daily repeat make 365 messages of a million characters, each
written into its day page, the day's exports, three calendar feeds and the search index. The
loader's caps bound what is *written*; these bound what the build *makes* of it, so that a
plan `check` accepts builds in time and space linear in what it holds, never worse:

* each filled message (a post's playbook block with its values filled in) is at most
  MAX_MESSAGE characters: the largest body any platform takes (公众号, 20,000);
* all the posts' text the site repeats (filled message, title, headline, note, topic) adds up
  to at most MAX_TEXT characters: a year of 40 groups × 2 posts a day at 270 characters is
  about 8 million;
* the rhythm page draws channels × days from the first post to the last: at most MAX_CELLS;
* channels and people: at most MAX_CHANNELS and MAX_PEOPLE (each has a page and a feed, and
  every person's page lists the channels they own).

A post's text counts the names printed with it on every card, list row and feed event too
(its channel, owner, playbook and campaign), each of which may be long.

Lengths are worked out from the template and the values, without filling anything in, so this
costs a few operations a post whatever the plan asks for.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING

from .i18n import N_, _
from .model import PLACEHOLDER, Plan, Post
from .problems import Problem, Where

if TYPE_CHECKING:
    from .plan_index import PlanIndex

CODE = "too-large"
MAX_MESSAGE = 20_000
MAX_TEXT = 16_000_000
MAX_CELLS = 100_000
MAX_CHANNELS = 500
MAX_PEOPLE = 500


def check_budget(plan: Plan, index: PlanIndex, texts: dict[str, int] | None = None) -> Iterator[Problem]:
    """Every bound the plan passes, as a Problem at the line that makes it pass it (`index`:
    the check's PlanIndex(plan), whose message lengths message-length reads too). `texts`,
    given, is filled with each calendar file's characters of text, as MAX_TEXT counts them
    (up to the post that passes it)."""
    yield from _counts(plan)
    lengths = index.message_lengths
    sizes = TextSizes(plan, index)
    total = 0
    reported: set[int] = set()
    for post in plan.posts:
        length = lengths.of(post)
        origin = id(post.origin)  # a repeat's occurrences share one origin: report it once
        if length > MAX_MESSAGE and origin not in reported:
            reported.add(origin)
            shown, most = f"{length:,}", f"{MAX_MESSAGE:,}"
            yield _at(
                post.where("vars") if post.vars else post.where("playbook"),
                _(
                    "the filled message is {length} characters (playbook {playbook}, variant {variant}); a "
                    "message may be at most {limit}: shorten the values or the placeholders that repeat them",
                    length=shown,
                    playbook=post.playbook,
                    variant=post.variant,
                    limit=most,
                ),
            )
        size = sizes.of(post)
        total += size
        if texts is not None:
            path = post.origin.path if post.origin is not None else "?"
            texts[path] = texts.get(path, 0) + size
        if total > MAX_TEXT:
            most = f"{MAX_TEXT:,}"
            yield _at(
                post.where(),
                _(
                    "the plan's posts hold more than {limit} characters of text (filled messages, "
                    "titles, headlines, notes) by this post; split the plan or shorten what repeats",
                    limit=most,
                ),
            )
            break
    cells = _rhythm_cells(plan)
    if cells > MAX_CELLS and plan.site is not None and plan.site.origin is not None:
        days, shown, most = f"{cells // max(1, len(plan.channels)):,}", f"{cells:,}", f"{MAX_CELLS:,}"
        yield _at(
            plan.site.where("channels", key=True),
            _(
                "{channels} channels × {days} days from the first post to the last make {cells} cells on the "
                "rhythm page, over {limit}; plan a shorter span or fewer channels",
                channels=len(plan.channels),
                days=days,
                cells=shown,
                limit=most,
            ),
        )


def _counts(plan: Plan) -> Iterator[Problem]:
    site = plan.site
    if site is None or site.origin is None:
        return
    for key, items, limit, message in (
        (
            "channels",
            plan.all_channels,
            MAX_CHANNELS,
            N_(
                "{count} channels, more than {limit}: each has its own page and calendar feed; split the plan (one "
                "plan per store or dealer)"
            ),
        ),
        (
            "people",
            plan.all_people,
            MAX_PEOPLE,
            N_(
                "{count} people, more than {limit}: each has its own page and calendar feed; split the plan (one "
                "plan per store or dealer)"
            ),
        ),
    ):
        if len(items) > limit:
            count, most = f"{len(items):,}", f"{limit:,}"
            yield _at(site.where(key, key=True), _(message, count=count, limit=most))


class TextSizes:
    """The characters of text the site repeats for one post, as MAX_TEXT counts them: its filled
    message (an overlong one counts as just over MAX_MESSAGE: reported on its own), title,
    headline, note, topic, and the names printed with it."""

    def __init__(self, plan: Plan, index: PlanIndex) -> None:
        self.lengths = index.message_lengths
        self.names = _Names(plan)

    def of(self, post: Post) -> int:
        return min(self.lengths.of(post), MAX_MESSAGE + 1) + _text_length(post) + self.names.of(post)


class _Names:
    """The length of the names printed with a post (channel, owner, playbook, campaign)."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan  # not kept on the plan: no cycle

    def of(self, post: Post) -> int:
        plan = self.plan
        channel = plan.channels.get(post.channel)
        owner = plan.people.get(plan.owner_of(post) or "")
        playbook = plan.playbooks.get(post.playbook)
        campaign = plan.campaigns.get(post.campaign or "")
        return (
            (len(channel.name) if channel else 0)
            + (len(owner.name) if owner else 0)
            + (len(playbook.title) if playbook else 0)
            + (len(campaign.name) if campaign else 0)
        )


def _at(where: Where, message: str) -> Problem:
    return Problem(where.path, where.line, where.col, CODE, message)


def _text_length(post: Post) -> int:
    topic = post.topic.name if post.topic else ""
    return len(post.title or "") + len(post.headline or "") + len(post.note or "") + len(topic)


def _rhythm_cells(plan: Plan) -> int:
    if not plan.posts:
        return 0
    return rhythm_cells(len(plan.channels), min(p.date for p in plan.posts), max(p.date for p in plan.posts))


def rhythm_cells(channels: int, first: date, last: date) -> int:
    """The rhythm page's cells: each channel, each day of the months from `first` to `last`."""
    start, end = date(first.year, first.month, 1), _month_end(last)
    return channels * ((end - start).days + 1)


def _month_end(day: date) -> date:
    following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


class MessageLengths:
    """The length of a post's filled message, from its block's length and its placeholders
    (== len(plan.message_of(post)), counted, not rendered). A check makes one, as
    PlanIndex.message_lengths: the budget and message-length read it."""

    def __init__(self, plan: Plan) -> None:
        self.playbooks = plan.playbooks
        self.blocks: dict[tuple[str, int], tuple[int, list[tuple[str, int]], dict[str, str]]] = {}
        self.known: dict[int, int] = {}  # id(post) -> length: the budget and message-length both ask

    def of(self, post: Post) -> int:
        length = self.known.get(id(post))
        if length is None:
            length = self.known[id(post)] = self._count(post)
        return length

    def _count(self, post: Post) -> int:
        playbook = self.playbooks.get(post.playbook)
        if playbook is None or not 1 <= post.variant <= len(playbook.messages):
            return 0
        key = (playbook.id, post.variant)
        if key not in self.blocks:
            text = playbook.messages[post.variant - 1].text
            self.blocks[key] = (
                len(text),
                [(m.group(1), len(m.group(0))) for m in PLACEHOLDER.finditer(text)],
                playbook.defaults(),
            )
        base, placeholders, defaults = self.blocks[key]
        values = post.vars
        for name, written in placeholders:
            value = values.get(name)
            if value is None:
                value = defaults.get(name)
            if value is not None:
                base += len(value) - written
        return base
