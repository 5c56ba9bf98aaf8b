"""The compile step's context phase: one index of the plan, built once, that every page reads.

Each post is resolved once into a `PostView` (names, message, links, revision) and grouped
by day, channel, person, campaign and playbook; the output phase (compile.py) only picks from
these groups. Knows nothing of MkDocs or of templates.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import quote

from .model import REMINDER_MINUTES, Plan, Playbook, Post, Topic
from .platforms import PLATFORMS
from .urls import url_for
from .vocabulary import STATUS_LABEL, STATUSES, WEEKDAY_LABEL, Kind, Status

IMAGE_TYPES = frozenset({"jpg", "jpeg", "png", "gif", "webp", "avif"})  # what a browser shows inline
IMAGE_FOLDER = "assets/"  # under content/: the only images the site shows (markdown_safe.py)
SITE_FILE, CAMPAIGNS_FILE = "content/site.yml", "content/campaigns.yml"
LINK_DEPTH = 1  # post links are made for pages one folder down (days/, channels/ …), see url_for


@dataclass(frozen=True)
class AttachmentView:
    """An attached file as a post shows it: a thumbnail for an image, else its name."""

    name: str  # the path as written, relative to content/
    url: str
    image: bool  # shown as a picture: its thumbnail was made
    thumb: str = ""  # the thumbnail's link (thumbnails.py BOX), when `image`


@dataclass(frozen=True)
class PostView:
    """One post, resolved once, with everything a page shows of it."""

    id: str
    day: date
    weekday: str
    time: str
    title: str  # the checklist label: the post's title, else its playbook's
    headline: str | None
    status: Status
    channel_id: str
    channel_name: str
    platform: str
    owner_id: str
    owner_name: str
    playbook_id: str
    playbook_title: str
    playbook_kind: Kind
    variant: int | None  # shown only when the playbook has several message blocks
    campaign_id: str | None
    campaign_name: str | None
    message: str
    revision: str
    topic: Topic | None
    note: str | None
    attachments: tuple[AttachmentView, ...]
    urls: dict[str, str]  # day, post (day#id), channel, playbook, campaign: links from depth 1
    reminder: int  # minutes before the post that the calendar feeds' alarm goes off
    sources: tuple[str, ...]  # the plan files its content comes from (for the feeds' SEQUENCE)

    @property
    def heading(self) -> str:
        """The card's title: the headline of a headline post, else the checklist label."""
        return self.headline or self.title

    @property
    def status_zh(self) -> str:
        return STATUS_LABEL[self.status]


@dataclass
class PlanContext:
    """The plan as the pages see it."""

    plan: Plan
    title: str
    timezone: str
    posts: list[PostView] = field(default_factory=list)  # plan order: date, time, channel
    days: list[date] = field(default_factory=list)
    months: list[str] = field(default_factory=list)  # YYYY-MM from the first to the last day
    by_day: dict[date, list[PostView]] = field(default_factory=dict)
    by_channel: dict[str, list[PostView]] = field(default_factory=dict)
    by_person: dict[str, list[PostView]] = field(default_factory=dict)
    by_campaign: dict[str, list[PostView]] = field(default_factory=dict)
    by_playbook: dict[str, list[PostView]] = field(default_factory=dict)
    playbooks_by_tag: dict[str, list[Playbook]] = field(default_factory=dict)

    def day_summary(self) -> dict[str, dict[str, int]]:
        """Per day with posts: {"posts": all, then each status present by name: count}, for
        the browser, which alone knows what today is."""
        out = {}
        for day in self.days:
            counts = Counter(p.status for p in self.by_day[day])
            out[day.isoformat()] = {"posts": len(self.by_day[day])} | {s: counts[s] for s in STATUSES if counts[s]}
        return out


def build_context(plan: Plan, thumbnails: frozenset[str] = frozenset()) -> PlanContext:
    """`thumbnails`: the image attachments (paths under content/) whose card picture was made."""
    context = PlanContext(plan, plan.site.title if plan.site else "contentplan", plan.timezone)
    context.posts = [_resolve(plan, post, thumbnails) for post in plan.posts]
    context.by_day = _group(context.posts, lambda p: p.day)
    context.days = sorted(context.by_day)
    context.months = _months(context.days)
    context.by_channel = _group(context.posts, lambda p: p.channel_id)
    context.by_person = _group(context.posts, lambda p: p.owner_id)
    context.by_campaign = _group([p for p in context.posts if p.campaign_id], lambda p: p.campaign_id)
    context.by_playbook = _group(context.posts, lambda p: p.playbook_id)
    for playbook in sorted(plan.playbooks.values(), key=lambda p: p.id):
        for tag in playbook.meta.tags:
            context.playbooks_by_tag.setdefault(tag, []).append(playbook)
    context.playbooks_by_tag = dict(sorted(context.playbooks_by_tag.items()))
    return context


def status_counts(posts: list[PostView]) -> list[tuple[str, str, int]]:
    """(status, its Chinese name, count) for each status present, in workflow order."""
    counts = Counter(p.status for p in posts)
    return [(s, STATUS_LABEL[s], counts[s]) for s in STATUSES if counts[s]]


def _resolve(plan: Plan, post: Post, thumbnails: frozenset[str] = frozenset()) -> PostView:
    channel = plan.channels.get(post.channel)
    playbook = plan.playbooks.get(post.playbook)
    owner_id = plan.owner_of(post) or ""
    owner = plan.people.get(owner_id)
    campaign = plan.campaigns.get(post.campaign or "")
    message = plan.message_of(post)
    hhmm = post.hhmm
    day = url_for("day", post.date, depth=LINK_DEPTH)  # cached: a day has many posts
    urls = {
        "day": day,
        "post": day + "#" + fragment(post.id) if post.id else day,  # as url_for("day", date, id) writes it
        "channel": url_for("channel", post.channel, depth=LINK_DEPTH) if channel else "",
        "playbook": url_for("playbook", post.playbook, depth=LINK_DEPTH) if playbook else "",
        "campaign": url_for("campaign", campaign.id, depth=LINK_DEPTH) if campaign else "",
        "person": url_for("person", owner_id, depth=LINK_DEPTH) if owner else "",
    }
    return PostView(
        id=post.id or "",
        day=post.date,
        weekday=WEEKDAY_LABEL[post.date.weekday()],
        time=hhmm,
        title=plan.title_of(post),
        headline=post.headline or None,
        status=post.status,
        channel_id=post.channel,
        channel_name=channel.name if channel else post.channel,
        platform=PLATFORMS[channel.platform].label if channel else "",
        owner_id=owner_id,
        owner_name=owner.name if owner else (owner_id or "—"),
        playbook_id=post.playbook,
        playbook_title=playbook.title if playbook else post.playbook,
        playbook_kind=playbook.kind if playbook else "script",
        variant=post.variant if playbook and len(playbook.messages) > 1 else None,
        campaign_id=campaign.id if campaign else None,
        campaign_name=campaign.name if campaign else None,
        message=message,
        revision=_revision(post, hhmm, message),
        topic=post.topic,
        note=post.note,
        attachments=tuple(_attachment(rel, thumbnails) for rel in post.attach),
        urls=urls,
        reminder=_reminder(plan, channel),
        sources=_sources(post, playbook, campaign, _site_file(plan)),
    )


def _reminder(plan: Plan, channel) -> int:
    if channel is not None and channel.reminder_minutes is not None:
        return channel.reminder_minutes
    return plan.site.reminder_minutes if plan.site else REMINDER_MINUTES


def _site_file(plan: Plan) -> str:
    return plan.site.origin.path if plan.site is not None and plan.site.origin is not None else SITE_FILE


def _sources(post: Post, playbook, campaign, site_file: str = SITE_FILE) -> tuple[str, ...]:
    """The files a post's card is made from. `site_file`: the plan's site.yml (a network
    member's is under members/<id>/; its campaign may be the library's)."""
    files = {post.where().path, site_file}
    if playbook is not None:
        files.add(playbook.path)
    if campaign is not None:
        files.add(campaign.origin.path if campaign.origin is not None else CAMPAIGNS_FILE)
    return tuple(sorted(files))


def shows_as_picture(plan: Plan, rel: str) -> bool:
    """An attachment a card shows as a picture (a thumbnail of it), rather than by its name."""
    kind = posixpath.splitext(rel)[1].lstrip(".").lower()
    return kind in IMAGE_TYPES and rel.startswith(IMAGE_FOLDER) and rel not in plan.unsafe_attachments


def _attachment(rel: str, thumbnails: frozenset[str]) -> AttachmentView:
    url = url_for("attachment", rel, depth=LINK_DEPTH)
    if rel in thumbnails:
        return AttachmentView(rel, url, True, url_for("thumbnail", rel, depth=LINK_DEPTH))
    return AttachmentView(rel, url, False)


_UNQUOTED = re.compile(r"[A-Za-z0-9_.~-]+")  # what quote(…, safe="") leaves as it is


def fragment(post_id: str) -> str:
    """A post's id as the fragment of a link to its card, quoted as url_for and built_url quote a
    fragment (an id is a slug, which needs none: a year's plan has 29,200 of them)."""
    return post_id if _UNQUOTED.fullmatch(post_id) else quote(post_id, safe="")


def _months(days: list[date]) -> list[str]:
    if not days:
        return []
    months, year, month = [], days[0].year, days[0].month
    while (year, month) <= (days[-1].year, days[-1].month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _group(posts: list[PostView], key) -> dict:
    """Posts by `key`, each group in plan order (date, time, channel)."""
    out: dict = {}
    for post in posts:
        out.setdefault(key(post), []).append(post)
    return out


def _revision(post: Post, hhmm: str, message: str) -> str:
    """A short fingerprint of what the operator sends: a tick belongs to this revision."""
    text = "\x1f".join([post.id or "", post.date.isoformat(), hhmm, post.channel, post.headline or "", message])
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
