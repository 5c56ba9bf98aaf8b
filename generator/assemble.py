"""Documents → Plan: validate each item with the model, cascade defaults, expand repeats.

Items are validated one at a time, so one broken post costs only that post: the rest of the
plan is still assembled and checked. Every validation error becomes a Problem at the line
and column of the offending key or value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .i18n import _
from .load import Document, Mapping, PlanSources, Sequence, unsafe_path
from .model import (
    REMINDER_MINUTES,
    RESERVED_PAGE_IDS,
    CalendarFile,
    Campaign,
    Channel,
    Person,
    Plan,
    Playbook,
    PlaybookMeta,
    Post,
    PostFields,
    Repeat,
    Site,
    SiteSettings,
    Source,
    bad_placeholders,
    is_slug,
    markdown_trouble,
)
from .problems import Problem, Problems, excerpt, hints_left
from .validation import describe, validate
from .vocabulary import WEEKDAYS

if TYPE_CHECKING:
    from .network import Library

# Caps that keep a check bounded whatever the plan says: a nine-line repeat from year 1 to
# 9999 would otherwise be millions of posts.
MAX_OCCURRENCES = 1_000  # per repeat: nearly three years of a daily post
MAX_POSTS = 50_000  # in the whole plan: a year of 130 posts a day


def assemble(
    sources: PlanSources, pieces: list[CalendarPiece] | None = None, library: Library | None = None
) -> tuple[Plan, Problems]:
    """Build the Plan from loaded files; return it with every problem found on the way.
    `pieces`: what read_calendar makes of each of sources.calendars, when known already.
    `library`: for a member of a network, headquarters' library (network.py), which the
    member's plan starts with and whose schedule comes after the member's own calendars."""
    problems = Problems(sources.problems())
    plan = Plan(root=sources.root, site=None, files_read=sources.file_count)
    site = sources.site
    if library is not None:
        site, member = library.member_site(site, plan, problems)
        library.start(plan, member)
        plan.files_read += library.files_read
    _site(site, plan, problems)
    _campaigns(sources.campaigns, plan, problems)
    for source in sources.playbooks:
        _playbook(source, plan, problems)
    calendars = list(zip((doc.path for doc in sources.calendars), pieces or map(read_calendar, sources.calendars)))
    if library is not None:
        values = dict(member.values)
        for playbook in plan.all_playbooks:
            playbook.values = values
        calendars += library.schedule_for(plan, member)
        plan.opt_out = {k: v or "" for k, v in member.opt_out.items()}
    for path, piece in calendars:
        _calendar(piece, path, plan, problems)
        if len(plan.posts) > MAX_POSTS:
            problems.add(
                Problem(
                    path,
                    1,
                    1,
                    "bad-value",
                    _("the plan has more than {limit} posts; the rest are not read", limit=format(MAX_POSTS, ",")),
                )
            )
            del plan.posts[MAX_POSTS:]
            break
    _check_attachments(plan, problems)
    plan.posts.sort(key=lambda p: (p.date, p.time, p.channel, p.id or ""))
    return plan, problems


def _check_attachments(plan: Plan, problems: Problems) -> None:
    """Attachments are copied into the site: none may be a symlink or lead out of content/."""
    seen: set[str] = set()
    for post in plan.posts:
        for index, rel in enumerate(post.attach):
            if rel in seen:
                continue
            seen.add(rel)
            content, inner = plan.attachment_file(rel)  # a library post's: under library/content/
            why = unsafe_path(content.parent, f"content/{inner}")
            if why:
                w = post.where("attach", index)
                problems.add(Problem(w.path, w.line, w.col, "outside-root", why))
                plan.unsafe_attachments.add(rel)


# --- site, campaigns, playbooks ------------------------------------------------------------


def _expect_mapping(doc: Document, what: str, problems: Problems) -> Mapping | None:
    """The document's mapping, else None (reported); `what` describes it, translated."""
    if doc.data is None and not doc.problems:
        problems.add(Problem(doc.path, 1, 1, "bad-value", _("the file is empty: expected {what}", what=what)))
        return None
    if doc.data is None:
        return None
    if not isinstance(doc.data, Mapping):
        line, col = getattr(doc.data, "start", (1, 1))
        problems.add(
            Problem(doc.path, line, col, "bad-value", _("expected {what}, got {got}", what=what, got=describe(doc.data)))
        )
        return None
    return doc.data


def _items(data: Mapping, key: str, path: str, problems: Problems) -> Iterator[tuple[Any, Any]]:
    """The items of a list field, each with its position; a non-list is reported once."""
    value = data.get(key)
    if value is None:
        return
    if not isinstance(value, Sequence):
        line, col = data.value_at[key]
        problems.add(
            Problem(path, line, col, "bad-value", _("{field}: expected a list, got {got}", field=key, got=describe(value)))
        )
        return
    yield from zip(value, value.item_at)


def _site(doc: Document | None, plan: Plan, problems: Problems) -> None:
    if doc is None:
        return
    data = _expect_mapping(doc, _("a mapping with title, timezone and channels"), problems)
    if data is None:
        return
    head = data.without(("channels", "people"))
    # Keep going with stand-ins for broken settings, so channel and post rules still run.
    untitled = _("(untitled plan)")
    settings = validate(SiteSettings, head, doc.path, problems, fallback={"title": untitled, "timezone": "UTC"})
    if "channels" not in data:
        problems.add(Problem(doc.path, *data.start, "missing-field", _("missing required field '{field}'", field="channels")))
    elif isinstance(data["channels"], Sequence) and not data["channels"]:
        problems.add(
            Problem(doc.path, *data.value_at["channels"], "bad-value", _("{field}: list at least one channel", field="channels"))
        )
    for key, model in (("channels", Channel), ("people", Person)):
        found = []
        for item, pos in _items(data, key, doc.path, problems):
            _declare(plan, "channel" if key == "channels" else "person", item)
            entity = validate(model, item, doc.path, problems, at=pos, fallback={})
            if entity is not None:
                found.append(entity)
        setattr(plan, f"all_{key}", found)
        setattr(plan, key, _first_by_id(found))
    settings = settings or SiteSettings.model_construct(
        title=untitled, timezone="UTC", language="zh", reminder_minutes=REMINDER_MINUTES, rules={}
    )
    plan.site = Site.model_construct(**dict(settings), channels=plan.all_channels, people=plan.all_people)
    plan.site.set_origin(Source(doc.path, data))


def _declare(plan: Plan, kind: str, item: Any) -> None:
    if isinstance(item, Mapping) and isinstance(item.get("id"), str):
        plan.declared.setdefault(kind, set()).add(item["id"])


def _first_by_id(items: list) -> dict:
    out: dict = {}
    for item in items:
        out.setdefault(item.id, item)
    return out


def _campaigns(doc: Document | None, plan: Plan, problems: Problems) -> None:
    if doc is None:
        return
    if doc.data is None:
        return  # an empty campaigns.yml means no campaigns
    if not isinstance(doc.data, Sequence):
        line, col = getattr(doc.data, "start", (1, 1))
        problems.add(
            Problem(doc.path, line, col, "bad-value", _("expected a list of campaigns, got {got}", got=describe(doc.data)))
        )
        return
    for item, pos in zip(doc.data, doc.data.item_at):
        _declare(plan, "campaign", item)
        campaign = validate(Campaign, item, doc.path, problems, at=pos, fallback={})
        if campaign is None:
            continue
        if campaign.end < campaign.start:
            w = campaign.where("end")
            problems.add(
                Problem(
                    doc.path,
                    w.line,
                    w.col,
                    "bad-value",
                    _("end: {end} is before start {start}", end=campaign.end, start=campaign.start),
                )
            )
        plan.all_campaigns.append(campaign)
    plan.campaigns = _first_by_id(plan.all_campaigns)


def _playbook(source, plan: Plan, problems: Problems) -> None:
    doc = source.front
    if doc.problems and doc.data is None:
        return
    data = _expect_mapping(doc, _("front matter with kind and title"), problems)
    if data is None:
        plan.declared.setdefault("playbook", set()).add(Path(doc.path).stem)
        return
    plan.declared.setdefault("playbook", set()).add(data["id"] if isinstance(data.get("id"), str) else Path(doc.path).stem)
    meta = validate(PlaybookMeta, data, doc.path, problems, fallback={})
    if meta is None:
        return
    pid = meta.id
    if pid is None:
        pid = Path(doc.path).stem
        if not is_slug(pid) or pid in RESERVED_PAGE_IDS:
            problems.add(
                Problem(
                    doc.path,
                    *data.start,
                    "bad-value",
                    _(
                        "the file name '{name}' is not a usable id; add an 'id:' (lowercase letters, "
                        "digits, '-', at most 64, not 'index')",
                        name=excerpt(pid),
                    ),
                )
            )
            return
    trouble = markdown_trouble(source.body)
    if trouble:
        problems.add(
            Problem(doc.path, source.body_line + trouble[0], 1, "bad-value", _("the guidance {trouble}", trouble=trouble[1]))
        )
        return
    for block in source.messages:
        for offset, line in enumerate(block.text.split("\n")):
            for col, shown in bad_placeholders(line):
                problems.add(
                    Problem(
                        doc.path,
                        block.line + offset,
                        col + 1,
                        "bad-value",
                        _("'{text}' is not a placeholder: write {{{{name}}}} with a plain name", text=shown),
                    )
                )
    kept = plan.playbooks.get(pid)
    if kept is not None and kept.library:  # a member may fill a library playbook's variables, never change its copy
        problems.add(
            Problem(
                doc.path,
                *(data.value_at["id"] if "id" in data else data.start),
                "library-locked",
                _(
                    "'{id}' is headquarters' playbook ({path}); a member cannot change its copy: use it by id and "
                    "fill its variables (values: in content/site.yml, or vars: on a post), or give this one another id",
                    id=pid,
                    path=kept.path,
                ),
            )
        )
        return
    playbook = Playbook(pid, meta, doc.path, source.body, source.body_line, source.messages)
    plan.all_playbooks.append(playbook)
    plan.playbooks.setdefault(pid, playbook)


# --- calendars -----------------------------------------------------------------------------


@dataclass
class CalendarPiece:
    """What one calendar file says on its own, before anything else in the plan is known: its
    file-wide defaults, its posts and repeats as validated, and the problems found reading and
    validating it. A pure function of the file's text (and the language of the messages), so
    check_cache.py may keep it between checks."""

    load_problems: list[Problem]
    problems: list[Problem]
    defaults: CalendarFile | None = None  # None: the file is not a mapping (reported)
    posts: list[Post] = field(default_factory=list)
    repeats: list[Repeat] = field(default_factory=list)
    hints: int = 0  # did-you-mean comparisons made reading it (problems.did_you_mean's bound)


def read_calendar(doc: Document) -> CalendarPiece:
    before = hints_left()
    problems = Problems()
    piece = CalendarPiece(list(doc.problems), [])
    data = _expect_mapping(doc, _("a mapping with posts and/or repeats"), problems)
    if data is None:
        piece.problems = list(problems.found)
        return piece
    head = data.without(("posts", "repeats"))
    piece.defaults = validate(CalendarFile, head, doc.path, problems, fallback={}) or CalendarFile()
    piece.defaults.set_origin(Source(doc.path, data))
    for item, pos in _items(data, "posts", doc.path, problems):
        post = validate(Post, item, doc.path, problems, at=pos, fallback={})
        if post is not None:
            piece.posts.append(post)
    for item, pos in _items(data, "repeats", doc.path, problems):
        repeat = validate(Repeat, item, doc.path, problems, at=pos, fallback={})
        if repeat is not None:
            piece.repeats.append(repeat)
    piece.problems = list(problems.found)
    piece.hints = before - hints_left()
    return piece


def _calendar(piece: CalendarPiece, path: str, plan: Plan, problems: Problems) -> None:
    """Add one calendar file to the plan: its defaults cascade onto its posts, its repeats are
    expanded (both need the plan's channels and campaigns)."""
    problems.extend(piece.problems)
    if piece.defaults is None:
        return
    defaults = piece.defaults
    plan.calendars.append((path, defaults))
    for post in piece.posts:
        plan.posts.append(_resolve(post, defaults, plan))
    for repeat in piece.repeats:
        plan.repeats.append(repeat)
        plan.posts.extend(_expand(repeat, defaults, plan, problems))


def _resolve(post: Post, defaults: CalendarFile, plan: Plan) -> Post:
    """Cascade defaults: post, then file, then channel owner; derive a stable id. (Fields set
    in the instance dict: pydantic's own assignment costs a microsecond, 60,000 times a year.)"""
    fields = post.__dict__
    if post.campaign is None and defaults.campaign:
        fields["campaign"] = defaults.campaign
    if post.owner is None:
        channel = plan.channels.get(post.channel)
        fields["owner"] = defaults.owner or (channel.owner if channel else None)
    if post.id is None:
        at = post.time
        post.set_derived_id(f"{post.date.isoformat()}-{post.channel}-{at.hour:02d}{at.minute:02d}")
    return post


def _expand(repeat: Repeat, defaults: CalendarFile, plan: Plan, problems: Problems) -> list[Post]:
    """One Post per occurrence, ids <repeat id>-<date>; problems stand at the repeat."""
    path = repeat.origin.path if repeat.origin else "?"
    campaign = plan.campaigns.get(repeat.campaign or defaults.campaign or "")
    start = repeat.from_ or (campaign.start if campaign else None)
    end = repeat.until or (campaign.end if campaign else None)
    for key, value in (("from", start), ("until", end)):
        written = repeat.origin is not None and key in repeat.origin.node.key_at
        if value is None and not written:  # a written but broken date is reported already
            w = repeat.where()
            problems.add(
                Problem(
                    path,
                    w.line,
                    w.col,
                    "missing-field",
                    _(
                        "missing required field '{field}' (a repeat needs 'from' and 'until', or a campaign that has them)",
                        field=key,
                    ),
                )
            )
    if start is None or end is None:
        return []
    if end < start:
        w = repeat.where("until")
        problems.add(Problem(path, w.line, w.col, "bad-value", _("until: {end} is before from {start}", end=end, start=start)))
        return []
    match = _matcher(repeat, start, problems)
    if match is None:
        return []
    fields = {name: getattr(repeat, name) for name in PostFields.model_fields}
    skip = set(repeat.except_)
    days = []
    day = start
    while day <= end:  # at most a century of days: dates are checked to lie in 2000–2099
        if day not in skip and match(day):
            days.append(day)
            if len(days) > MAX_OCCURRENCES:
                w = repeat.where("until") if repeat.until else repeat.where()
                problems.add(
                    Problem(
                        path,
                        w.line,
                        w.col,
                        "bad-value",
                        _(
                            "this repeat makes more than {limit} posts; shorten from/until or split it",
                            limit=format(MAX_OCCURRENCES, ","),
                        ),
                    )
                )
                return []
        day += timedelta(days=1)
    out = []
    for day in days:
        post = Post.model_construct(**fields, date=day, id=f"{repeat.id}-{day.isoformat()}")
        post.set_occurrence(repeat.origin, repeat.id)
        out.append(_resolve(post, defaults, plan))
    return out


def _matcher(repeat: Repeat, start: date, problems: Problems):
    path = repeat.origin.path if repeat.origin else "?"
    w = repeat.where("on")

    def bad(message: str) -> None:
        problems.add(Problem(path, w.line, w.col, "bad-value", message))

    if repeat.every in ("day", "weekday"):
        if repeat.on:
            bad(_("on: only with 'every: week' (weekdays) or 'every: month' (days), not 'every: {every}'", every=repeat.every))
            return None
        return (lambda d: True) if repeat.every == "day" else (lambda d: d.weekday() < 5)
    if repeat.every == "week":
        days = [str(v).strip().lower()[:3] for v in repeat.on] or [WEEKDAYS[start.weekday()]]
        wrong = [v for v in repeat.on if str(v).strip().lower()[:3] not in WEEKDAYS]
        if wrong:
            bad(_("on: '{value}' is not a weekday; use {weekdays}", value=excerpt(wrong[0]), weekdays=", ".join(WEEKDAYS)))
            return None
        wanted = {WEEKDAYS.index(d) for d in days}
        return lambda d: d.weekday() in wanted
    numbers = []
    for v in repeat.on or [str(start.day)]:
        text = str(v).strip()
        # ASCII digits only: str.isdigit() also accepts '²', which int() refuses
        if not re.fullmatch(r"[0-9]{1,2}", text) or not 1 <= int(text) <= 31:
            bad(_("on: '{value}' is not a day of the month (1 to 31)", value=excerpt(v)))
            return None
        numbers.append(int(text))
    wanted_days = set(numbers)
    return lambda d: d.day in wanted_days
