"""The day's checklist as plain text for the terminal."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from .i18n import _, _n
from .model import Plan
from .report import printable as shown  # values from the plan may hold terminal escapes
from .vocabulary import WEEKDAY_SHORT_EN, status_word


def plan_today(plan: Plan, now: datetime | None = None) -> date:
    """Today in the plan's timezone, whatever the machine's clock zone."""
    zone = ZoneInfo(plan.timezone)
    return (now or datetime.now(tz=zone)).astimezone(zone).date()


def render(plan: Plan, day: date) -> str:
    posts = plan.posts_on(day)
    title = plan.site.title if plan.site else ""
    # TRANSLATORS: the checklist's first line: the plan's title, the date, its weekday and the time zone
    lines = [
        _(
            "{title} — {date} ({weekday}, {zone})",
            title=shown(title),
            date=day.isoformat(),
            weekday=_(WEEKDAY_SHORT_EN[day.weekday()]),
            zone=plan.timezone,
        ),
        "",
    ]
    if not posts:
        lines.append(_("No posts planned for this day."))
    for post in posts:
        channel = plan.channels.get(post.channel)
        owner_id = plan.owner_of(post)
        owner = plan.people[owner_id].name if owner_id in plan.people else (owner_id or "—")
        box = "[x]" if post.status == "published" else "[ ]"
        lines.append(
            f"{box} {post.hhmm}  {shown(channel.name if channel else post.channel)} ({shown(post.channel)})"
            f"  · {shown(owner)} · {status_word(post.status)}"
        )
        lines.append(f"    {shown(plan.title_of(post))}   [{shown(post.id)}]")
        if post.headline:
            lines.append(f"    标题 headline: {shown(post.headline)}")
        if post.topic:
            until = _(" (until {date})", date=post.topic.expires) if post.topic.expires else ""
            lines.append(f"    热点 topic: {shown(post.topic.name)}{until}")
        message = plan.message_of(post)
        for text_line in message.split("\n") if message else []:
            lines.append(f"    │ {shown(text_line)}")
        for rel in post.attach:
            lines.append(f"    📎 content/{shown(rel)}")
        for i, note_line in enumerate(post.note.strip().split("\n") if post.note else []):
            lines.append(f"    {'✎' if i == 0 else ' '} {shown(note_line)}")
        lines.append("")
    lines.append(_n("{n} post", "{n} posts", len(posts)))
    return "\n".join(lines) + "\n"
