"""A brand's network: headquarters' library and its members' plans, in one repository.

    network.yml                 title, and the members: id, name, kind (dealer | store), region
    library/                    headquarters: what every member shares
      content/site.yml          title, timezone, language, industry, rules (no channels)
      content/campaigns.yml     national campaigns
      content/calendar/*.yml    their schedule: posts and repeats that name a `platform:`, not a
                                channel; each goes to every channel of that platform of each
                                member, unless the member opts out of its campaign
      playbooks/**/*.md         compliance-reviewed playbooks: a member fills their variables
    members/<id>/               a dealer's or a store's plan, as a plan on its own is written,
      content/site.yml          with `values:` (shop, address, price…) and `opt_out:` (campaign → why)
      content/calendar/*.yml    its own posts, which may use the library's playbooks by id
      playbooks/**/*.md         its own playbooks

Each member is checked as one plan: the library's settings, campaigns, playbooks and schedule,
then its own. Paths in problems are relative to the network's folder, so a problem in the
library is the same problem in every member that meets it: the network check reports it once,
naming the members it concerns (`merge`).

A folder without network.yml is a plan on its own, read exactly as before.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TypeVar

from pydantic import ValidationError

from .assemble import CalendarPiece, read_calendar
from .i18n import _
from .load import Document, Mapping, PlanSources, Sequence, load_plan, read_yaml, unsafe_path
from .model import (
    LIBRARY_SETTINGS,
    Member,
    MemberSettings,
    NetworkSettings,
    Plan,
    Playbook,
    Post,
    Repeat,
    SiteSettings,
    Source,
)
from .platforms import PLATFORMS
from .problems import ERROR, Problem, Problems, did_you_mean, excerpt
from .validation import describe, validate

PostOrRepeat = TypeVar("PostOrRepeat", Post, Repeat)
NETWORK_FILE = "network.yml"
LIBRARY = "library/"
MEMBERS = "members/"
MAX_MEMBERS = 2_000  # a network file listing more is refused past this (a bound on the work)


def is_network(root: Path) -> bool:
    """Whether the folder is a network's (it holds network.yml), not a plan's."""
    path = root / NETWORK_FILE
    return path.is_file() and not path.is_symlink()


def member_base(member_id: str) -> str:
    """The member's folder inside the network, as paths start: members/<id>/."""
    return f"{MEMBERS}{member_id}/"


# --- network.yml -------------------------------------------------------------------------------


@dataclass
class Network:
    """network.yml, read: the network's title and its members, in the order written."""

    root: Path
    title: str
    members: list[Member]
    problems: list[Problem] = field(default_factory=list)

    def member(self, member_id: str) -> Member | None:
        return next((m for m in self.members if m.id == member_id), None)


def read_network(root: Path) -> Network:
    """network.yml and the members' folders; what is wrong is in `problems`."""
    problems = Problems()
    doc = read_yaml(root, NETWORK_FILE)
    problems.extend(doc.problems)
    network = Network(root, _("(untitled network)"), [])
    data = doc.data
    if data is None:
        if not doc.problems:
            problems.add(Problem(NETWORK_FILE, 1, 1, "bad-value", _("the file is empty: expected {what}", what="title, members")))
        network.problems = problems.sorted()
        return network
    if not isinstance(data, Mapping):
        line, col = getattr(data, "start", (1, 1))
        problems.add(
            Problem(
                NETWORK_FILE, line, col, "bad-value", _("expected {what}, got {got}", what="title, members", got=describe(data))
            )
        )
        network.problems = problems.sorted()
        return network
    settings = validate(NetworkSettings, data.without(("members",)), NETWORK_FILE, problems)
    if settings is not None:
        network.title = settings.title
    members = data.get("members")
    if members is None:
        problems.add(Problem(NETWORK_FILE, *data.start, "missing-field", _("missing required field '{field}'", field="members")))
    elif not isinstance(members, Sequence):
        problems.add(
            Problem(
                NETWORK_FILE,
                *data.value_at["members"],
                "bad-value",
                _("{field}: expected a list, got {got}", field="members", got=describe(members)),
            )
        )
    else:
        seen: dict[str, tuple[int, int]] = {}
        for item, pos in list(zip(members, members.item_at))[:MAX_MEMBERS]:
            member = validate(Member, item, NETWORK_FILE, problems, at=pos)
            if member is None:
                continue
            where = member.where("id")
            if member.id in seen:
                problems.add(
                    Problem(
                        NETWORK_FILE,
                        where.line,
                        where.col,
                        "duplicate-id",
                        _("member '{id}' is listed twice (first at line {line})", id=member.id, line=seen[member.id][0]),
                    )
                )
                continue
            seen[member.id] = (where.line, where.col)
            why = unsafe_path(root, member_base(member.id) + "content/site.yml")
            if why:
                problems.add(Problem(NETWORK_FILE, where.line, where.col, "outside-root", why))
                continue
            if not (root / member_base(member.id) / "content" / "site.yml").is_file():
                problems.add(
                    Problem(
                        NETWORK_FILE,
                        where.line,
                        where.col,
                        "missing-field",
                        _(
                            "member '{id}' has no plan: write {path}",
                            id=member.id,
                            path=member_base(member.id) + "content/site.yml",
                        ),
                    )
                )
                continue
            network.members.append(member)
        if len(members) > MAX_MEMBERS:
            problems.add(
                Problem(
                    NETWORK_FILE,
                    *members.item_at[MAX_MEMBERS],
                    "bad-value",
                    _("more than {limit} members; the rest are not read", limit=MAX_MEMBERS),
                )
            )
        _stray_members(root, set(seen), problems)
    for folder in ("content", "playbooks"):  # a plan's folders beside network.yml: never read
        if (root / folder).is_dir() and not (root / folder).is_symlink():
            problems.add(
                Problem(
                    folder,
                    1,
                    1,
                    "stray-file",
                    _(
                        "'{path}/' is not read: in a network, headquarters' files are under library/ and each "
                        "member's under members/<id>/",
                        path=folder,
                    ),
                    "warning",
                )
            )
    if not (root / LIBRARY / "content" / "site.yml").is_file():
        problems.add(
            Problem(
                NETWORK_FILE,
                1,
                1,
                "missing-field",
                _("the network has no library: write {path}", path=LIBRARY + "content/site.yml"),
            )
        )
    network.problems = problems.sorted()
    return network


def _stray_members(root: Path, listed: set[str], problems: Problems) -> None:
    """A folder under members/ that network.yml does not list is never checked or built: said."""
    folder = root / MEMBERS
    if folder.is_symlink() or not folder.is_dir():
        return
    for entry in sorted(os.scandir(folder), key=lambda e: e.name)[:MAX_MEMBERS]:
        if entry.name.startswith(".") or entry.name in listed:
            continue
        problems.add(
            Problem(
                MEMBERS + entry.name,
                1,
                1,
                "stray-file",
                _(
                    "'{path}' is not read: network.yml does not list a member '{id}'",
                    path=MEMBERS + entry.name,
                    id=excerpt(entry.name, 64),
                ),
                "warning",
            )
        )


# --- the library -----------------------------------------------------------------------------


@dataclass
class Library:
    """Headquarters' library, read once for the whole network: what each member's plan starts
    with (Library.start), and its schedule, which each member gets for its channels."""

    root: Path  # the network's folder
    settings: Mapping | None  # library/content/site.yml as written, if it is a mapping
    settings_source: Source | None  # where `rules:` are written
    valid: set[str]  # the settings that validate (copied into a member's site)
    campaigns: list = field(default_factory=list)
    playbooks: list[Playbook] = field(default_factory=list)
    schedule: list[tuple[str, CalendarPiece]] = field(default_factory=list)
    declared: dict[str, set[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # the library's own, reported once
    files_read: int = 0
    unreadable: set[str] = field(default_factory=set)  # "campaign" when campaigns.yml did not load
    site_settings: SiteSettings | None = None

    def member_site(self, doc: Document | None, plan: Plan, problems: Problems) -> tuple[Document | None, MemberSettings]:
        """A member's site.yml as the plan reads it: headquarters' settings filled in where the
        member writes none, what only headquarters may set refused (library-locked), and the
        member's own `values:` and `opt_out:` taken out."""
        plan.rules_from = self.settings_source
        if doc is None or not isinstance(doc.data, Mapping):
            return doc, MemberSettings()
        data, out = doc.data, Mapping(doc.data.start)
        for key, value in data.items():
            if key in LIBRARY_SETTINGS:
                problems.add(
                    Problem(
                        doc.path,
                        *data.key_at[key],
                        "library-locked",
                        _(
                            "'{field}' is set by headquarters for the whole network ({path}); "
                            "a member's site.yml cannot change it",
                            field=key,
                            path=LIBRARY + "content/site.yml",
                        ),
                    )
                )
                continue
            if key in MemberSettings.model_fields:
                continue
            out[key], out.key_at[key], out.value_at[key] = value, data.key_at[key], data.value_at[key]
        if self.settings is not None:
            for key in sorted(self.valid):
                if key not in out and key in self.settings:
                    out[key], out.key_at[key], out.value_at[key] = self.settings[key], data.start, data.start
        own = data.without(tuple(k for k in data if k not in MemberSettings.model_fields))
        member = validate(MemberSettings, own, doc.path, problems) or MemberSettings()
        known = {c.id for c in self.campaigns}
        for campaign_id in member.opt_out:
            if campaign_id not in known and "campaign" not in self.unreadable:
                problems.at(
                    member.where("opt_out", campaign_id, key=True),
                    "unknown-campaign",
                    _("opt_out: the library has no campaign '{id}'{hint}", id=campaign_id, hint=did_you_mean(campaign_id, known)),
                )
        for campaign_id, reason in member.opt_out.items():
            if not (reason or "").strip():
                where = member.where("opt_out", campaign_id, key=True)
                problems.at(
                    where,
                    "opt-out-reason",
                    _("opt_out: {id} has no reason; say why, headquarters reads it on the overview", id=campaign_id),
                )
        return Document(doc.path, out, [], doc.empty, doc.digest), member

    def start(self, plan: Plan, member: MemberSettings) -> None:
        """Put the library's campaigns and playbooks into a member's plan, before its own."""
        plan.all_campaigns = list(self.campaigns)
        plan.campaigns = {c.id: c for c in reversed(self.campaigns)}
        playbooks = [replace(pb, values=dict(member.values)) for pb in self.playbooks]
        plan.all_playbooks = playbooks
        plan.playbooks = {}
        for pb in playbooks:
            plan.playbooks.setdefault(pb.id, pb)
        for kind, ids in self.declared.items():
            plan.declared.setdefault(kind, set()).update(ids)

    def schedule_for(self, plan: Plan, member: MemberSettings) -> Iterator[tuple[str, CalendarPiece]]:
        """The library's schedule for one member: each post and repeat once for every channel of
        its platform (ids get the channel's: <id>-<channel>), but those of a campaign it opts out of."""
        plan.library_content = self.root / LIBRARY / "content"
        for _path, piece in self.schedule:
            for item in (*piece.posts, *piece.repeats):
                for rel in item.attach:
                    plan.library_attachments.setdefault(library_attachment(rel), rel)
        by_platform: dict[str, list[str]] = defaultdict(list)
        for channel in sorted(plan.channels.values(), key=lambda c: c.id):
            by_platform[channel.platform].append(channel.id)
        for path, piece in self.schedule:
            if piece.defaults is None:
                continue
            mine = CalendarPiece([], [], piece.defaults)
            mine.posts = [
                _for_channel(post, channel_id, f"{post.id}-{channel_id}" if post.id else None)
                for post in piece.posts
                if (post.campaign or piece.defaults.campaign) not in member.opt_out
                for channel_id in by_platform.get(post.channel, ())
            ]
            mine.repeats = [
                _for_channel(repeat, channel_id, f"{repeat.id}-{channel_id}")
                for repeat in piece.repeats
                if (repeat.campaign or piece.defaults.campaign) not in member.opt_out
                for channel_id in by_platform.get(repeat.channel, ())
            ]
            yield path, mine


LIBRARY_ASSETS = "assets/library/"  # where a library post's attachments are in a member's site, under content/


def library_attachment(rel: str) -> str:
    """The path in a member's site of a file a library post attaches (`rel`, under library/content/)."""
    return LIBRARY_ASSETS + rel.removeprefix("assets/")


def _for_channel(item: PostOrRepeat, channel_id: str, item_id: str | None) -> PostOrRepeat:
    """A library post or repeat (its `channel` holds a platform) for one member's channel; its
    attachments are headquarters' files, shown in the member's site under LIBRARY_ASSETS."""
    update: dict = {"channel": channel_id, "id": item_id}
    if item.attach:
        update["attach"] = [library_attachment(rel) for rel in item.attach]
    copy = item.model_copy(update=update)
    if item.origin is not None:
        copy.set_origin(item.origin)
    return copy


def read_library(root: Path) -> Library:
    """library/ of the network at `root`: read and validated once."""
    from . import assemble as assembling  # the plan's own readers, for the library's files

    sources = load_plan(root, base=LIBRARY)
    problems = Problems(sources.problems())
    library = Library(root, None, None, set(), files_read=sources.file_count)
    _library_settings(sources, library, problems)
    holder = Plan(root=sources.root, site=None)
    assembling._campaigns(sources.campaigns, holder, problems)
    for source in sources.playbooks:
        assembling._playbook(source, holder, problems)
    library.campaigns = holder.all_campaigns
    library.playbooks = [replace(pb, library=True) for pb in holder.all_playbooks]
    library.declared = {kind: set(ids) for kind, ids in holder.declared.items()}
    library.declared.setdefault("playbook", set()).update(sources.unreadable_playbooks())
    library.unreadable = sources.unreadable() & {"campaign"}
    for doc in sources.calendars:
        library.schedule.append((doc.path, _schedule_piece(doc, problems)))
    library.problems = list(problems.found)
    return library


def _library_settings(sources: PlanSources, library: Library, problems: Problems) -> None:
    doc = sources.site
    if doc is None or doc.data is None:
        if doc is not None and not doc.problems:
            problems.add(Problem(doc.path, 1, 1, "bad-value", _("the file is empty: expected {what}", what="title, timezone")))
        return
    data = doc.data
    if not isinstance(data, Mapping):
        line, col = getattr(data, "start", (1, 1))
        problems.add(
            Problem(doc.path, line, col, "bad-value", _("expected {what}, got {got}", what="title, timezone", got=describe(data)))
        )
        return
    for key in ("channels", "people"):
        if key in data:
            problems.add(
                Problem(
                    doc.path,
                    *data.key_at[key],
                    "unknown-field",
                    _("'{field}' belong to each member: write them in members/<id>/content/site.yml", field=key),
                )
            )
    head = data.without(("channels", "people"))
    library.site_settings = validate(SiteSettings, head, doc.path, problems, fallback={"title": "-", "timezone": "UTC"})
    try:
        SiteSettings.model_validate(head)
        bad: set[str] = set()
    except ValidationError as exc:  # (said above) which settings a member must not be given
        bad = {str(error["loc"][0]) for error in exc.errors() if error["loc"]}
    library.settings = head
    library.valid = set(head) - bad - {"title"}
    library.settings_source = Source(doc.path, data)


def _schedule_piece(doc: Document, problems: Problems) -> CalendarPiece:
    """A library calendar file, read as a member's is, but each post or repeat names a
    `platform:` where a member's names a channel; every one belongs to a campaign (a member
    opts out of a campaign, never of one post)."""
    data = doc.data
    if isinstance(data, Mapping):
        doc = Document(doc.path, _platforms_as_channels(doc.path, data, problems), list(doc.problems), doc.empty, doc.digest)
    piece = read_calendar(doc)
    problems.extend(piece.problems)
    piece.problems, piece.load_problems = [], []
    if piece.defaults is None:
        return piece
    for item in (*piece.posts, *piece.repeats):
        if not (item.campaign or piece.defaults.campaign):
            problems.at(
                item.where(),
                "missing-field",
                _(
                    "a library post belongs to a campaign (campaign: here or at the top of the file), "
                    "so that a member can opt out of it"
                ),
            )
        if item.channel not in PLATFORMS or item.channel == "other":
            where = item.where("channel")
            problems.at(
                where,
                "bad-value",
                _(
                    "platform: '{value}' is not a known platform; use one of {known}",
                    value=excerpt(item.channel),
                    known=", ".join(p for p in PLATFORMS if p != "other"),
                ),
            )
    piece.posts = [p for p in piece.posts if p.campaign or piece.defaults.campaign]
    piece.repeats = [r for r in piece.repeats if r.campaign or piece.defaults.campaign]
    return piece


def _platforms_as_channels(path: str, data: Mapping, problems: Problems) -> Mapping:
    """The file with each item's `platform:` read as its `channel:` (a `channel:` is refused)."""
    out = data.without(())
    for key in ("posts", "repeats"):
        items = data.get(key)
        if not isinstance(items, Sequence):
            continue
        changed = Sequence(items.start)
        for item, pos in zip(items, items.item_at):
            if isinstance(item, Mapping):
                if "channel" in item:
                    problems.add(
                        Problem(
                            path,
                            *item.key_at["channel"],
                            "unknown-field",
                            _(
                                "a library post names a platform (platform: wechat-group), not a channel: "
                                "each member's channels of that platform get it"
                            ),
                        )
                    )
                renamed = Mapping(item.start)
                for name, value in item.items():
                    if name == "channel":
                        continue
                    target = "channel" if name == "platform" else name
                    renamed[target], renamed.key_at[target], renamed.value_at[target] = (
                        value,
                        item.key_at[name],
                        item.value_at[name],
                    )
                item = renamed
            changed.append(item)
            changed.item_at.append(pos)
        out[key] = changed
    return out


# --- the network's problems, once --------------------------------------------------------------


def in_library(path: str) -> bool:
    return path.startswith(LIBRARY)


def merge(network: list[Problem], by_member: dict[str, list[Problem]], own: set[tuple]) -> list[Problem]:
    """Every problem of the network once: network.yml's; each member's in its own files; the
    library's own (`own`: their sort keys), which every member's check carries; and a problem
    a member meets in the library's files (a library post at an hour a member's channel is
    quiet, a variable a member never filled) once, naming the members it concerns, or saying
    it is every member's."""
    out = {p.sort_key(): p for p in network}
    seen: dict[tuple, list[str]] = defaultdict(list)
    first: dict[tuple, Problem] = {}
    for member_id, problems in by_member.items():
        for p in problems:
            key = p.sort_key()
            if key in out:
                continue
            if in_library(p.path) and key not in own:
                seen[key].append(member_id)
                first.setdefault(key, p)
            else:
                out[key] = p
    everyone = len(by_member)
    for key, members in seen.items():
        p = first[key]
        if everyone > 1:
            if len(members) == everyone:
                said = _("(all {n} members)", n=everyone)
            else:
                shown = ", ".join(members[:10]) + (", …" if len(members) > 10 else "")
                said = _("(members: {members}; {n} of {all})", members=shown, n=len(members), all=everyone)
            p = replace(p, message=f"{p.message} {said}")
        out[key] = p
    return [out[key] for key in sorted(out)]


# --- what headquarters sees of each member -------------------------------------------------------


@dataclass
class MemberSummary:
    """What the overview shows of one member, from its checked plan."""

    id: str
    name: str
    kind: str
    region: str | None
    posts: int = 0
    errors: int = 0
    warnings: int = 0
    problems: list[Problem] = field(default_factory=list)  # its own (in its files) and those it meets in the library
    campaigns: dict[str, tuple[int, date | None, date | None]] = field(default_factory=dict)  # id → posts, first, last
    opt_out: dict[str, str] = field(default_factory=dict)
    playbooks: dict[str, int] = field(default_factory=dict)  # library playbook id → posts using it
    days: dict[date, int] = field(default_factory=dict)  # posts a day
    channels: int = 0
    files: int = 0  # its own files read


def summarize(member: Member, plan: Plan, problems: list[Problem], opt_out: dict[str, str]) -> MemberSummary:
    summary = MemberSummary(member.id, member.name, member.kind, member.region)
    summary.posts = len(plan.posts)
    summary.channels = len(plan.channels)
    summary.errors = sum(p.severity == ERROR for p in problems)
    summary.warnings = len(problems) - summary.errors
    summary.problems = problems
    summary.opt_out = dict(sorted(opt_out.items()))
    library_ids = {pb.id for pb in plan.all_playbooks if pb.library}
    campaigns: dict[str, list] = {}
    uses: Counter[str] = Counter()
    days: Counter[date] = Counter()
    for post in plan.posts:
        if post.status == "cancelled":
            continue
        days[post.date] += 1
        if post.playbook in library_ids:
            uses[post.playbook] += 1
        if post.campaign:
            entry = campaigns.setdefault(post.campaign, [0, post.date, post.date])
            entry[0] += 1
            entry[1], entry[2] = min(entry[1], post.date), max(entry[2], post.date)
    summary.campaigns = {k: (v[0], v[1], v[2]) for k, v in sorted(campaigns.items())}
    summary.playbooks = dict(sorted(uses.items()))
    summary.days = dict(sorted(days.items()))
    return summary
