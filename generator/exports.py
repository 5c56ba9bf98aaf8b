"""A day taken elsewhere: `/days/YYYY-MM-DD.json` (the posts as data, schema in
schema/day.schema.json, generated from `DayExport`) and `/days/YYYY-MM-DD.md` (a task list
to paste into a chat).

Both hold every post of the day in time order, cancelled ones too (marked), so that what an
operator pastes or a script reads is the same list the day page shows.
"""

from __future__ import annotations

import json
from datetime import datetime, time
from typing import Final, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field

from .context import PlanContext, PostView
from .vocabulary import DONE, NOT_APPROVED, STATUS_LABEL, Kind, Status, status_word

FORMAT: Final = "contentplan-day/1"


class _Export(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Ref(_Export):
    id: str
    name: str


class ChannelRef(Ref):
    platform: str = Field(description="the platform's name, e.g. 微信群")


class PlaybookRef(_Export):
    id: str
    title: str
    kind: Kind
    variant: int | None = Field(description="which message block, when the playbook has several")


class TopicExport(_Export):
    name: str
    source: str | None
    expires: str | None = Field(description="YYYY-MM-DD")


class PostExport(_Export):
    id: str
    time: str = Field(description="HH:MM in the plan's timezone")
    start: str = Field(description="ISO 8601 date and time with the plan's UTC offset")
    status: Status
    title: str = Field(description="the checklist label: the post's title, else its playbook's")
    headline: str | None
    message: str = Field(description="the text to send, placeholders filled")
    channel: ChannelRef
    owner: Ref | None
    playbook: PlaybookRef
    campaign: Ref | None
    topic: TopicExport | None
    note: str | None = Field(description="Markdown, as written")
    attachments: list[str] = Field(description="paths from the site's root, e.g. content/assets/x.png")
    revision: str = Field(description="changes whenever what the operator sends changes; a tick belongs to one")
    page: str = Field(description="the post's card, from the site's root")


class DayExport(_Export):
    """The posts of one day, in time order."""

    format: Literal["contentplan-day/1"]
    plan: str = Field(description="the plan's title")
    date: str = Field(description="YYYY-MM-DD")
    weekday: str
    timezone: str = Field(description="IANA name; every time is local to it")
    page: str = Field(description="the day page, from the site's root")
    posts: list[PostExport]


def day_json(context: PlanContext, day, posts: list[PostView], page: str, card) -> bytes:
    """The day as JSON. `page`: the day page's URL from the root; `card(post)`: a post's.

    `DayExport` as `json.dumps(DayExport(...).model_dump(mode="json"), ensure_ascii=False,
    indent=2)` writes it, byte for byte (tests/test_exports.py holds the two together), but
    written here, field by field: a year's plan has 29,200 posts to export, and pydantic and
    json's indenting encoder, which is Python, took a second over them."""
    zone = ZoneInfo(context.timezone)
    head = [
        ("format", _STRING(FORMAT)),
        ("plan", _STRING(context.title)),
        ("date", _STRING(day.isoformat())),
        ("weekday", _STRING(posts[0].weekday if posts else "")),
        ("timezone", _STRING(context.timezone)),
        ("page", _STRING(page)),
    ]
    items = "".join(f'  "{key}": {value},\n' for key, value in head)  # DayExport's fields, "posts" last
    if not posts:
        return ("{\n" + items + '  "posts": []\n}\n').encode("utf-8")
    written = ",\n".join("    " + _post(p, zone, card(p)) for p in posts)
    return ("{\n" + items + '  "posts": [\n' + written + "\n  ]\n}\n").encode("utf-8")


_STRING = json.encoder.encode_basestring  # how json.dumps(…, ensure_ascii=False) writes a string (C)


def _text(value: str | None) -> str:
    return "null" if value is None else _STRING(value)


def _form(model: type[BaseModel], pad: str) -> str:
    """A str.format pattern that writes `model`'s fields (each value already written as JSON) as
    json.dumps(indent=2) writes the object on a line indented `pad`."""
    inner = pad + "  "
    return "{{\n" + ",\n".join(f'{inner}"{name}": {{}}' for name in model.model_fields) + "\n" + pad + "}}"


_IN = "      "  # a post's fields: in the day's object, in its list of posts
_POST, _CHANNEL, _REF = _form(PostExport, "    "), _form(ChannelRef, _IN), _form(Ref, _IN)
_PLAYBOOK, _TOPIC = _form(PlaybookRef, _IN), _form(TopicExport, _IN)


def _post(post: PostView, zone: ZoneInfo, page: str) -> str:
    """A post as `PostExport` is written in the day's list of posts."""
    hour, minute = (int(part) for part in post.time.split(":"))
    start = datetime.combine(post.day, time(hour, minute), tzinfo=zone).isoformat()
    topic = post.topic
    attachments = [f"{_IN}  {_STRING(f'content/{a.name}')}" for a in post.attachments]
    return _POST.format(
        _STRING(post.id),
        _STRING(post.time),
        _STRING(start),
        _STRING(post.status),
        _STRING(post.title),
        _text(post.headline),
        _STRING(post.message),
        _CHANNEL.format(_STRING(post.channel_id), _STRING(post.channel_name), _STRING(post.platform)),
        _REF.format(_STRING(post.owner_id), _STRING(post.owner_name)) if post.owner_id else "null",
        _PLAYBOOK.format(
            _STRING(post.playbook_id),
            _STRING(post.playbook_title),
            _STRING(post.playbook_kind),
            "null" if post.variant is None else int.__repr__(post.variant),
        ),
        _REF.format(_STRING(post.campaign_id), _STRING(post.campaign_name or "")) if post.campaign_id else "null",
        _TOPIC.format(_STRING(topic.name), _text(topic.source), _text(topic.expires.isoformat() if topic.expires else None))
        if topic
        else "null",
        _text(post.note),
        "[\n" + ",\n".join(attachments) + f"\n{_IN}]" if attachments else "[]",
        _STRING(post.revision),
        _STRING(page),
    )


def day_markdown(context: PlanContext, day, posts: list[PostView]) -> bytes:
    """The day as a Markdown task list that reads well pasted as plain text into a chat."""
    weekday = posts[0].weekday if posts else ""
    lines = [f"# {day.isoformat()} {weekday} · {_line(context.title)}", ""]
    for post in posts:
        done = "x" if post.status in DONE else " "
        head = f"{post.time} {_line(post.channel_name)} · {_line(post.heading)}"
        if post.status == "cancelled":
            lines.append(f"- [{done}] ~~{head}~~（{status_word(post.status)}）")
            continue
        extra = f"（{STATUS_LABEL['draft']} · {NOT_APPROVED} draft）" if post.status == "draft" else ""
        lines.append(f"- [{done}] {head}{extra}")
        if post.message:
            lines.append("")
        lines.extend("    " + line if line.strip() else "" for line in post.message.split("\n"))
        if post.message:
            lines.append("")
    return ("\n".join(lines).rstrip("\n") + "\n").encode("utf-8")


def _line(text: str) -> str:
    """One line of plain text: a title or a name must not break the list."""
    return " ".join(str(text).split())
