"""Small helpers the rules share: did-you-mean, written keys, published text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model import Post
from ..plan_index import PlanIndex
from ..problems import Where, did_you_mean  # noqa: F401 - rules import it from here
from ._folding import fold, once_per_text, original_span  # noqa: F401 - rules import once_per_text from here


def written(post: Post, key: str) -> bool:
    """Whether the post (or its repeat) wrote `key` itself, rather than inheriting it."""
    return post.origin is not None and key in post.origin.node.key_at


@dataclass(slots=True)
class Published:
    """A text that goes out (or, for notes, is shown on the public site), where it is written,
    and the item whose `allow:` can suppress a finding in it (a Post or a Playbook).

    A playbook's text is found at its own lines (`line_start`: offsets add lines and columns).
    A post's rendered message has `spans`: a finding is reported at the value it overlaps, and
    a finding in the template's own words is left to the template, reported once there.

    `text` is the folded copy the rules match on (_folding.py: invisible characters gone,
    compatibility forms plain); `raw` is the text as written. Positions given to `locate` and
    `context` are in `text`; they are mapped back to `raw`."""

    text: str
    start: Any  # a Where, or the keys of the value in `owner` (looked up only for a finding)
    owner: Any
    line_start: bool = False  # text is at start.line, its lines on the lines after
    spans: tuple = ()
    rendered: bool = False
    raw: str = field(init=False, default="")
    offsets: list[int] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.raw = self.text
        self.text, self.offsets = fold(self.raw)

    def locate(self, start: int, end: int | None = None) -> tuple[Where, Any] | None:
        """(where, owner) of the finding at text[start:end]; None when it is the template's."""
        end = start + 1 if end is None else max(end, start + 1)
        start, end = original_span(self.offsets, start, end)
        if self.rendered:
            for span_start, span_end, name in self.spans:  # (start, end, var name) of each value
                if span_start < end and start < span_end:
                    return self.owner.where("vars", name), self.owner
            return None
        if not isinstance(self.start, Where):
            return self.owner.where(*self.start), self.owner
        if self.line_start:
            before = self.raw[:start]
            line = before.count("\n")
            col = start - (before.rfind("\n") + 1) + 1 if line else self.start.col + start
            return Where(self.start.path, self.start.line + line, col), self.owner
        return self.start, self.owner

    def locate_raw(self, index: int) -> tuple[Where, Any] | None:
        """(where, owner) of the character at raw[index], e.g. one the folded text left out."""
        saved, self.offsets = self.offsets, None  # `locate` then reads positions in `raw`
        try:
            return self.locate(index, index + 1)
        finally:
            self.offsets = saved

    def context(self, start: int, end: int, around: int = 12) -> str:
        """The matched words with a little of the text around them, on one line, as written."""
        start, end = original_span(self.offsets, start, end)
        left = self.raw[max(0, start - around) : start]
        right = self.raw[end : end + around]
        text = (
            ("…" if start > around else "")
            + left
            + "【"
            + self.raw[start:end]
            + "】"
            + right
            + ("…" if end + around < len(self.raw) else "")
        )
        return " ".join(text.split())


def published_texts(index: PlanIndex) -> Iterator[Published]:
    """Every text that goes out to customers, each once (rules read them made once, as
    `index.published`; `index.texts(notes=True)` adds published_notes, for personal data).

    Each playbook's message blocks (at their lines; a bad template is reported there, once),
    then each post's message as it will be sent (only what its values bring), headline, title
    and topic name, and campaign names."""
    plan = index.plan
    for playbook in plan.all_playbooks:
        for block in playbook.messages:
            yield Published(block.text, Where(playbook.path, block.line, 1), playbook, line_start=True)
        for name, spec in sorted(playbook.meta.vars.items()):
            default = getattr(spec, "default", None)
            if default:  # a default goes out in every post that does not set the value
                yield Published(default, playbook.meta.where("vars", name, "default"), playbook)
    for post in index.unique_posts:
        rendered = _rendered(index, post)
        if rendered is not None:
            yield rendered
        for keys in (("headline",), ("title",), ("topic", "name")):
            value: Any = post
            for key in keys:
                value = getattr(value, key, None)
            if value:  # a title is only ever the post's (or its repeat's) own
                yield Published(value, keys, post)
    for campaign in plan.all_campaigns:
        yield Published(campaign.name, ("name",), campaign)


def published_notes(index: PlanIndex) -> Iterator[Published]:
    """What the site publishes that is not ad copy: guidance, notes, campaign descriptions."""
    plan = index.plan
    for playbook in plan.all_playbooks:
        if playbook.body.strip():
            yield Published(_guidance(playbook), Where(playbook.path, playbook.body_line, 1), playbook, line_start=True)
    for post in index.unique_posts:
        if post.note:
            yield Published(post.note, ("note",), post)
    for campaign in plan.all_campaigns:
        if campaign.description:
            yield Published(campaign.description, ("description",), campaign)


def _guidance(playbook) -> str:
    """The playbook's Markdown without its message blocks (checked on their own), line for line."""
    lines = playbook.body.split("\n")
    for block in playbook.messages:
        first = block.line - playbook.body_line
        for i in range(max(first, 0), min(first + block.text.count("\n") + 1, len(lines))):
            lines[i] = ""
    return "\n".join(lines)


def _rendered(index: PlanIndex, post: Post) -> Published | None:
    """The post's message as sent, with the stretch each of its own values covers."""
    if not post.vars:
        return None  # the template and its defaults alone: checked at the playbook
    playbook = index.plan.playbooks.get(post.playbook)
    if playbook is None or not 1 <= post.variant <= len(playbook.messages):
        return None
    parts = index.parts(playbook, post.variant)
    if parts is None:
        return None
    values, out, spans, position = post.vars, [], [], 0
    for literal, name, fallback in parts:
        out.append(literal)
        position += len(literal)
        if name is None:
            continue
        value = values.get(name)
        if value is None:  # a default is checked once, at the playbook; an unknown name stays
            value = fallback
        elif value:
            spans.append((position, position + len(value), name))
        out.append(value)
        position += len(value)
    if not spans:
        return None
    return Published("".join(out), (), post, spans=tuple(spans), rendered=True)
