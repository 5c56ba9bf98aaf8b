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
    """The day as JSON. `page`: the day page's URL from the root; `card(post)`: a post's."""
    zone = ZoneInfo(context.timezone)
    export = DayExport(
        format=FORMAT,
        plan=context.title,
        date=day.isoformat(),
        weekday=posts[0].weekday if posts else "",
        timezone=context.timezone,
        page=page,
        posts=[_post(p, zone, card(p)) for p in posts],
    )
    return (json.dumps(export.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _post(post: PostView, zone: ZoneInfo, page: str) -> PostExport:
    hour, minute = (int(part) for part in post.time.split(":"))
    start = datetime.combine(post.day, time(hour, minute), tzinfo=zone)
    topic = post.topic
    return PostExport(
        id=post.id,
        time=post.time,
        start=start.isoformat(),
        status=post.status,
        title=post.title,
        headline=post.headline,
        message=post.message,
        channel=ChannelRef(id=post.channel_id, name=post.channel_name, platform=post.platform),
        owner=Ref(id=post.owner_id, name=post.owner_name) if post.owner_id else None,
        playbook=PlaybookRef(id=post.playbook_id, title=post.playbook_title, kind=post.playbook_kind, variant=post.variant),
        campaign=Ref(id=post.campaign_id, name=post.campaign_name or "") if post.campaign_id else None,
        topic=TopicExport(name=topic.name, source=topic.source, expires=topic.expires.isoformat() if topic.expires else None)
        if topic
        else None,
        note=post.note,
        attachments=[f"content/{a.name}" for a in post.attachments],
        revision=post.revision,
        page=page,
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
