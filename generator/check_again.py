"""`contentplan check`, file by file: a whole check, and checking again after calendar files
changed without reading the rest of the plan.

Every rule but the cross-file ones (rules.CROSS_FILE_RULES) judges a post by itself and by what
the plan's other files say (site.yml, campaigns, playbooks: the context). So a whole check
(`check_by_files`, what check.check_outcome runs):

* loads and checks the context on its own (its problems, the playbooks' copy...);
* checks each calendar file in that context, by every rule but the cross-file ones, a share of
  the files in a forked copy of the process (parallel.py), which sends back only what it found
  and a `Summary` of each post (id, channel, day, time, status, headline, places: what the
  cross-file rules read), never the validated posts themselves;
* runs the cross-file rules on every post's summary.

With the cache on, what it found is kept (`Kept`): the context (the plan without its calendar
files, pickled, and its problems) and each calendar file's `Unit`, keyed by a SHA-256 of its
bytes. The next check (`check_again`) reads, parses and checks only the calendar files whose
bytes changed, then runs the cross-file rules on every summary again.

Either is used only when it gives exactly the problems of check.check, which checks the plan as
one (tests/test_check_again.py compares them after every kind of edit, on every broken
fixture; tests/test_check_again_edges.py holds the edge cases); otherwise it returns None and
check.check runs. Neither is used when:

* (checking again) anything but a calendar file's bytes changed: any other plan file (.yml,
  .yaml, .md), any entry added, removed or turned into a symlink under content/ or playbooks/
  (an attachment that appears, a new calendar file), the tool's version, the language, or the
  day (a rule reads today's year);
* a bound of the whole plan is near: a rule over check.MAX_PER_RULE findings, the
  did-you-mean comparisons (problems.did_you_mean), assemble.MAX_POSTS, the budget's total
  text or rhythm cells (budget.py), the plan's size caps (load.py), an attachment refused as
  outside-root (reported once, at the first post to name it), two calendar files with one
  repeat id (a repeat is checked once);
* a cross-file rule reads of a post what a Summary does not keep (`Summary.where` knows three
  places), or gives a finding an `allow:` could suppress.

What is kept is a file in check_cache's folder, sealed with its key like the pieces
(check_cache.read_sealed): one that is corrupt, stale or planted is ignored. `--no-cache` keeps
nothing and reads nothing kept.
"""

from __future__ import annotations

import copy
import functools
import gc
import hashlib
import operator
import os
import pickle
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from time import time_ns
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from . import check_cache
from .assemble import MAX_POSTS, CalendarPiece, _calendar, _check_attachments, assemble, read_calendar
from .budget import MAX_CELLS, MAX_TEXT, rhythm_cells
from .check import MAX_PER_RULE, Outcome, Tally, _check, _finish, _run, declare_unreadable
from .check_patch import Side, keep_side, layout_of, patch, read_side
from .load import MAX_FILE_BYTES, MAX_FILES, MAX_PLAN_BYTES, Document, load_plan, parse_yaml, read_text, read_yaml
from .parallel import beside
from .plan_index import PlanIndex
from .problems import Problem, Problems, Where, hints_left, reset_hints
from .rule_config import read_rule_config
from .rules import CROSS_FILE_RULES, RULES

if TYPE_CHECKING:
    from .model import Plan, Post

T = TypeVar("T")
SUFFIX = ".check-again"
MAX_ENTRIES = 100_000  # entries under content/ and playbooks/ a snapshot looks at; more: check it all
READ = (".yml", ".yaml", ".md")  # files whose bytes are hashed (every file the loader reads is one)
TRUST_AFTER_NS = 2_000_000_000  # a file's stat is trusted when it is older than this before a snapshot
LOCAL_RULES = tuple(rule for rule in RULES if rule not in CROSS_FILE_RULES)
CROSS_RULES = tuple(rule for rule in RULES if rule in CROSS_FILE_RULES)
CROSS_CODES = frozenset(rule.ID for rule in CROSS_RULES)


class NotSure(Exception):
    """Checking again would not surely give what a whole check gives: check the whole plan."""


# --- what the plan's folders hold -------------------------------------------------------------


@dataclass
class Snapshot:
    """The plan's folders as they are: every entry under content/ and playbooks/ by kind, and a
    hash of the bytes of each file the loader may read."""

    listing: str  # a hash of every entry's path and kind
    digests: dict[str, str]  # path → SHA-256 of the bytes, for READ files
    size: int  # bytes of the READ files
    started: int = 0  # time.time_ns() when it was begun
    stats: dict[str, tuple[int, int, int, int]] = field(default_factory=dict)  # path → _stat, for READ files

    @classmethod
    def take(cls, root: Path, known: Snapshot | None = None) -> Snapshot | None:
        """None when the folders cannot be looked at, or hold more than is worth keeping. A
        file that `known` hashed is not read again when its inode, size, mtime and ctime are
        what they were and were already a while old then (as git trusts its index: a file
        written in the same instant as it was hashed could have changed unseen)."""
        started = time_ns()
        trusted = known.started - TRUST_AFTER_NS if known is not None else 0
        entries: list[str] = []
        digests: dict[str, str] = {}
        stats: dict[str, tuple[int, int, int, int]] = {}
        size = 0
        stack = ["content", "playbooks"]
        try:
            while stack:
                rel = stack.pop()
                try:
                    info = os.lstat(root / rel)
                except FileNotFoundError:  # a folder that is not there (a plan without playbooks/)
                    entries.append(f"{rel}\0missing")
                    continue
                kind = _kind(info.st_mode)
                entries.append(f"{rel}\0{kind}")
                if len(entries) > MAX_ENTRIES:
                    return None
                if kind == "d":
                    stack.extend(f"{rel}/{name}" for name in sorted(os.listdir(root / rel)))
                elif kind == "f" and os.path.splitext(rel)[1].lower() in READ:
                    if info.st_size > MAX_FILE_BYTES:
                        return None
                    stats[rel] = seen = (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
                    if known is not None and known.stats.get(rel) == seen and max(seen[2], seen[3]) < trusted:
                        digests[rel] = known.digests[rel]
                        size += info.st_size
                        continue
                    with open(root / rel, "rb", opener=_no_follow) as handle:
                        data = handle.read(MAX_FILE_BYTES + 1)
                    size += len(data)
                    digests[rel] = hashlib.sha256(data).hexdigest()
        except OSError:  # (one that went meanwhile too: the next check sees the plan as it is then)
            return None
        if size > MAX_PLAN_BYTES or len(digests) >= MAX_FILES:
            return None
        listing = hashlib.sha256("\n".join(sorted(entries)).encode("utf-8", "surrogateescape")).hexdigest()
        return cls(listing, digests, size, started, stats)

    def context(self, language: str, calendars: list[str]) -> str:
        """A hash of everything a check reads but the calendar files' bytes."""
        digest = hashlib.sha256()
        ours = set(calendars)
        for part in (check_cache.tool_version(), language, date.today().isoformat(), self.listing, *calendars):
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        for rel in sorted(self.digests):
            if rel not in ours:
                digest.update(f"{rel}\0{self.digests[rel]}\0".encode("utf-8", "surrogateescape"))
        return digest.hexdigest()


def _kind(mode: int) -> str:
    return "l" if stat.S_ISLNK(mode) else "d" if stat.S_ISDIR(mode) else "f" if stat.S_ISREG(mode) else "o"


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


# --- what the cross-file rules read of a post ---------------------------------------------------


class Summary(NamedTuple):
    """A post as the cross-file rules read it. `where` knows the post's place, its id's and its
    headline's; any other place raises NotSure (a rule that reads more: check it all). Kept as
    a plain tuple (`row`), which pickles at C speed."""

    id: str | None
    derived_id: bool
    repeat: str | None
    status: str
    channel: str
    date: date
    time: time
    headline: str | None
    path: str
    at: tuple[int, int, int, int, int, int]  # line and column of the post, its id, its headline

    @property
    def hhmm(self) -> str:
        return self.time.strftime("%H:%M")

    def where(self, *keys: str | int, key: bool = False) -> Where:
        if key or keys not in ((), ("id",), ("headline",)):
            raise NotSure(f"a cross-file rule reads a post's {keys}")
        i = 0 if not keys else 2 if keys == ("id",) else 4
        return Where(self.path, self.at[i], self.at[i + 1])


class _Rows:
    """Summaries of posts as plain tuples, their repeated values (days, times, channels, the
    file's path) shared, so that pickle writes each once."""

    def __init__(self) -> None:
        self.shared: dict = {}

    def of(self, post: Post) -> tuple:
        share = self.shared.setdefault
        origin = post.origin
        if origin is None:
            raise NotSure("a post made in code")
        # post.where(), where("id"), where("headline"), read straight from where the post (or
        # its repeat) was written: a year's plan asks 90,000 times (tests/test_check_again.py
        # compares them with Post.where's)
        node = origin.node
        w = i = h = node.start
        if "id" in node.key_at:
            i = node.value_at["id"]
        if "headline" in node.key_at:
            h = node.value_at["headline"]
        return (
            post.id,
            post.derived_id,
            post.repeat,
            share(post.status, post.status),
            share(post.channel, post.channel),
            share(post.date, post.date),
            share(post.time, post.time),
            post.headline,
            share(origin.path, origin.path),
            (*w, *i, *h),
        )


class RepeatSummary(NamedTuple):
    """A repeat as duplicate-id reads it."""

    id: str
    path: str
    line: int
    col: int

    def where(self, *keys: str | int, key: bool = False) -> Where:
        if key or keys != ("id",):
            raise NotSure(f"a cross-file rule reads a repeat's {keys}")
        return Where(self.path, self.line, self.col)


def _repeat_row(repeat) -> tuple:
    w = repeat.where("id")
    return (repeat.id, w.path, w.line, w.col)


def _order(post) -> tuple[date, time, str, str]:
    return (post.date, post.time, post.channel, post.id or "")  # assemble's order


_BY_ORDER: Callable[[Any], Any] = operator.itemgetter(5, 6, 4, 0)  # _order of a Summary whose id is not None


def _row_order(row: tuple) -> tuple:
    """A Summary row's place in its file's posts: assemble's order, then the file's (its posts
    before its repeats' occurrences, each in the order written)."""
    return (row[5], row[6], row[4], row[0] or "", row[2] is not None, row[-1][0])


@dataclass
class Unit:
    """One calendar file's part of a check."""

    problems: list[Problem]  # finished: what is found in it, by all but the cross-file rules
    posts: list[tuple]  # Summary rows, in the plan's order
    repeats: list[tuple]  # RepeatSummary rows
    counts: dict[str, int]  # each rule's findings in it (before repeats' are folded)
    text: int  # characters of text, as budget.MAX_TEXT counts them
    first: date | None = None
    last: date | None = None
    hints: int = 0  # did-you-mean comparisons made checking it on its own


@dataclass
class Kept:
    """What check_again needs of the last check (written sealed, in check_cache's folder)."""

    context: str  # Snapshot.context
    calendars: list[str]  # in the order the loader reads them
    digests: dict[str, str]  # calendar file → the SHA-256 its unit was made from
    plan: bytes  # the plan without its calendar files, pickled
    problems: list[Problem]  # finished, in files that are not calendar files, but the cross-file rules'
    counts: dict[str, int]  # each rule's findings in those files
    hints: int  # did-you-mean comparisons the last whole check made, plus those made since
    files_read: int
    posts: int
    units: dict[str, bytes] = field(default_factory=dict)  # calendar file → its pickled Unit
    last: list[Problem] = field(default_factory=list)  # the problems of the last check
    seen: Snapshot | None = None  # the folders as they were (Snapshot.take's `known`)


# --- a whole check, file by file ---------------------------------------------------------------


class _Unread:
    """load_plan's answer for every calendar file: read (and counted), not parsed here."""

    load_problems: list[Problem] = []


UNREAD = _Unread()


def check_by_files(root: Path, language: str, cores: int = 1, keep: bool = False) -> Outcome | None:
    """A whole check of the plan at `root`, file by file: the files that are not calendar files
    are loaded and checked on their own (the context), then each calendar file in that context
    by every rule but the cross-file ones, a share of them in a forked copy when `cores` is
    over 1, then the cross-file rules run on every post's summary. The same problems as
    check.check (tests/test_check_again.py); None when that is not sure (check_again's
    docstring: then check.check). With `keep`, what check_again needs is written."""
    snapshot = Snapshot.take(root) if keep else None
    was_enabled = gc.isenabled()
    gc.disable()  # nothing made here is garbage until a file's check is done (check._load says why)
    try:
        context = _context(root)
        if context is None:
            return None
        plan, problems, counts, hints, calendars, files_read = context
        opened = check_cache.open_sealed(root, language, SUFFIX) if snapshot is not None else None
        sides = (*opened, snapshot.digests) if opened is not None and snapshot is not None else None
        gc.freeze()
        try:
            units = _check_files(root, plan, calendars, cores, sides)
        finally:
            gc.unfreeze()
        ordered = [units[rel] for rel in calendars]
        hints += sum(u.hints for u in ordered)
        _one_repeat_a_file(ordered)
        if not _within_bounds(hints, counts, ordered, len(plan.channels)):
            return None
        cross, severities = _cross_file(plan, ordered)
    except NotSure:
        return None
    finally:
        if was_enabled:
            gc.enable()
    found = _finish([*problems, *(p for unit in ordered for p in unit.problems), *cross], severities)
    posts = sum(len(u.posts) for u in ordered)
    if snapshot is not None and snapshot.digests.keys() >= set(calendars):
        if opened is not None:
            kept = Kept(
                snapshot.context(language, calendars),
                calendars,
                {rel: snapshot.digests[rel] for rel in calendars},
                pickle.dumps(plan, pickle.HIGHEST_PROTOCOL),
                problems,
                counts,
                hints,
                files_read,
                posts,
                {rel: pickle.dumps(unit, pickle.HIGHEST_PROTOCOL) for rel, unit in units.items()},
                found,
                snapshot,
            )
            check_cache.write_sealed(opened[0], opened[1], {"tool": check_cache.tool_version(), "kept": kept})
    return Outcome(found, files_read, posts, language)


def _context(root: Path) -> tuple[Plan, list[Problem], dict[str, int], int, list[str], int] | None:
    """The plan without its calendar files, checked: (the plan, its problems, each rule's
    findings, did-you-mean comparisons made, the calendar files in the order read, the files
    read); None when not every calendar file could be read (the plan's size caps)."""
    reset_hints()
    start = hints_left()
    sources = load_plan(root, lambda _rel, _digest: UNREAD)
    if any(doc.known is not UNREAD and not doc.problems for doc in sources.calendars):
        return None  # not read: over the plan's caps (load._Budget)
    calendars = [doc.path for doc in sources.calendars]
    plan, problems = assemble(sources, [CalendarPiece([], []) for _ in calendars])
    declare_unreadable(plan, sources)
    tally = Tally(start=start)
    result = _check(plan, problems, 1, tally, LOCAL_RULES)
    # One bound of did-you-mean comparisons for the whole check (each process goes on with
    # what is left of it): past it, _within_bounds hands the plan to check.check.
    reset_hints(start - tally.hints)
    if tally.capped or plan.member is not None:
        raise NotSure("a rule found too much")
    ours = set(calendars)
    found = [p for p in result.problems if p.path not in ours and p.code not in CROSS_CODES]
    counts: dict[str, int] = {}
    for (code, path), count in tally.counts.items():
        if path not in ours:
            counts[code] = counts.get(code, 0) + count
    return plan, found, counts, tally.hints, calendars, sources.file_count


Sides = tuple[Path, bytes, dict[str, str]]  # where the Kept is, the key, the snapshot's digests


def _check_files(root: Path, plan: Plan, calendars: list[str], cores: int, sides: Sides | None = None) -> dict[str, Unit]:
    """Each calendar file checked in the plan's context (_file_unit); with `cores` over 1, the
    files are shared with a forked copy, the biggest first, a little more of them to the copy
    (this process also runs the cross-file rules after)."""
    sizes = {}
    for rel in calendars:
        try:
            sizes[rel] = os.lstat(root / rel).st_size
        except OSError:
            sizes[rel] = 0
    ours: list[str] = []
    theirs: list[str] = []
    load = [0, 0]
    for rel in sorted(calendars, key=lambda r: (-sizes[r], r)):
        side = 0 if cores < 2 or load[0] * 11 <= load[1] * 9 else 1  # ours: 9 parts of 20
        (ours if side == 0 else theirs).append(rel)
        load[side] += sizes[rel] + 1
    copy_units = _beside(functools.partial(_pickled_units, root, plan, theirs, sides), cores) if theirs else dict
    units = {rel: _file_unit(root, plan, rel, sides) for rel in ours}
    units.update({rel: pickle.loads(blob) for rel, blob in copy_units().items()})
    return units


def _beside(work: Callable[[], T], cores: int) -> Callable[[], T]:
    """work() in a forked copy (parallel.beside) when `cores` is over 1; a NotSure there is
    raised here when the result is asked for (not taken for the copy failing, which would say
    so and do the work again)."""
    if cores < 2:
        return work

    def sure() -> tuple[bool, T | None]:
        try:
            return True, work()
        except NotSure:
            return False, None

    later = beside(sure)

    def result() -> T:
        done, value = later()
        if not done:
            raise NotSure("in the forked copy")
        return value  # type: ignore[return-value]

    return result


def _pickled_units(root: Path, plan: Plan, files: list[str], sides: Sides | None) -> dict[str, bytes]:
    return {rel: pickle.dumps(_file_unit(root, plan, rel, sides), pickle.HIGHEST_PROTOCOL) for rel in files}


def _file_unit(root: Path, context: Plan, rel: str, sides: Sides | None = None) -> Unit:
    """One calendar file checked in the plan's context; with `sides`, its text and layout are
    kept (check_patch.Side) for checking it again after a few of its posts changed."""
    if sides is None:
        return _small_unit(context, rel, read_yaml(root, rel))
    doc, text = _read_text(root, rel)
    layout = layout_of(doc, text) if text is not None else None
    unit = _small_unit(context, rel, doc)
    digest = sides[2].get(rel)
    if layout is not None and text is not None and digest is not None:
        keep_side(sides[0], sides[1], rel, Side(digest, text, layout))
    return unit


def _small_unit(context: Plan, rel: str, doc: Document) -> Unit:
    """The unit of a calendar file read already (also a small text of check_patch)."""
    plan, found, rows, repeats, hints = _read_doc(doc, context, rel)
    unit = Unit([], rows, repeats, {}, 0, hints=hints)
    _check_file(plan, found, rel, unit)
    return unit


def _one_repeat_a_file(units: list[Unit]) -> None:
    """A repeat id written in two calendar files: the plan's rules see only the first's posts."""
    seen: set[str] = set()
    for unit in units:
        ids = {r[0] for r in unit.repeats}
        if ids & seen:
            raise NotSure("two calendar files write one repeat id")
        seen |= ids


PATH, DATE = Summary._fields.index("path"), Summary._fields.index("date")


def _dates(unit: Unit) -> None:
    if unit.posts:
        unit.first, unit.last = min(p[DATE] for p in unit.posts), max(p[DATE] for p in unit.posts)


def _within_bounds(hints: int, counts: dict[str, int], units: list[Unit], channels: int) -> bool:
    """Whether a whole check of a plan made of these units (and a context that made `hints`
    did-you-mean comparisons and `counts` findings of each rule) stays inside every bound."""
    from .problems import _HINT_COMPARISONS

    if hints >= _HINT_COMPARISONS:
        return False
    if sum(len(u.posts) for u in units) > MAX_POSTS or sum(u.text for u in units) > MAX_TEXT:
        return False
    firsts = [u.first for u in units if u.first is not None]
    lasts = [u.last for u in units if u.last is not None]
    if firsts and rhythm_cells(channels, min(firsts), max(lasts)) > MAX_CELLS:
        return False
    totals = dict(counts)
    for unit in units:
        for code, count in unit.counts.items():
            totals[code] = totals.get(code, 0) + count
    return all(count <= MAX_PER_RULE for count in totals.values())


# --- checking again ------------------------------------------------------------------------------


def check_again(root: Path, language: str, cores: int = 1) -> Outcome | None:
    """The outcome of checking the plan at `root` again from what the last check kept; None
    when it could differ from a whole check's (then check the whole plan). With `cores` over
    1, the cross-file rules run in a forked copy (parallel.py) while the changed files are
    checked here."""
    opened = check_cache.open_sealed(root, language, SUFFIX)
    if opened is None:
        return None
    path, key = opened
    content, _why = check_cache.read_sealed(path, key)
    kept = content.get("kept") if content is not None else None
    if not isinstance(kept, Kept):
        return None
    snapshot = Snapshot.take(root, kept.seen)
    if snapshot is None or snapshot.context(language, kept.calendars) != kept.context:
        return None
    changed = [rel for rel in kept.calendars if snapshot.digests.get(rel) != kept.digests[rel]]
    if not changed:
        return Outcome(list(kept.last), kept.files_read, kept.posts, language)
    if any(rel not in snapshot.digests for rel in changed):
        return None
    was_enabled = gc.isenabled()
    gc.disable()  # what is unpickled and made lives until the end (check_by_files says why)
    try:
        return _again(root, kept, snapshot, changed, path, key, language, cores)
    except NotSure:
        return None
    finally:
        if was_enabled:
            gc.enable()


def _again(
    root: Path, kept: Kept, snapshot: Snapshot, changed: list[str], path: Path, key: bytes, language: str, cores: int
) -> Outcome:
    plan: Plan = pickle.loads(kept.plan)
    plan.root = root  # as given this time (the last check's may be relative to another folder)
    units = {rel: pickle.loads(blob) for rel, blob in kept.units.items()}
    reset_hints()
    read = {}
    for rel in changed:
        patched = _patched(root, plan, rel, units[rel], kept.digests[rel], snapshot.digests[rel], path, key)
        if patched is not None:
            units[rel] = patched
            kept.hints += patched.hints
            continue
        doc, text = _read_text(root, rel)
        read[rel] = _read_doc(doc, plan, rel)
        units[rel] = Unit([], read[rel][2], read[rel][3], {}, 0, hints=read[rel][4])
        layout = layout_of(doc, text) if text is not None else None
        if layout is not None and text is not None:
            keep_side(path, key, rel, Side(snapshot.digests[rel], text, layout))
    ordered = [units[rel] for rel in kept.calendars]
    _one_repeat_a_file(ordered)
    # Beside the files read whole; after posts alone, a forked copy costs more than it saves.
    found_across = _beside(functools.partial(_cross_file, plan, ordered), cores if read else 1)
    for rel, (sub, found, _rows, _repeats, _hints) in read.items():
        _check_file(sub, found, rel, units[rel])
        kept.hints += units[rel].hints
    cross, severities = found_across()
    if not _within_bounds(kept.hints, kept.counts, ordered, len(plan.channels)):
        raise NotSure("a bound of the whole plan is near")
    problems = _finish([*kept.problems, *(p for unit in ordered for p in unit.problems), *cross], severities)
    for rel in changed:
        kept.units[rel] = pickle.dumps(units[rel], pickle.HIGHEST_PROTOCOL)
        kept.digests[rel] = snapshot.digests[rel]
    kept.last = problems
    kept.posts = sum(len(u.posts) for u in ordered)
    kept.seen = snapshot
    check_cache.write_sealed(path, key, {"tool": check_cache.tool_version(), "kept": kept})
    return Outcome(problems, kept.files_read, kept.posts, language)


def _patched(root: Path, plan: Plan, rel: str, old: Unit, was: str, now: str, path: Path, key: bytes) -> Unit | None:
    """The unit of a calendar file of which a few posts changed, from its old unit and the text
    it was made from (check_patch.py); None when that is not sure (then it is read whole)."""
    side = read_side(path, key, rel, was)
    if side is None:
        return None
    doc = Document(rel)
    text = read_text(root, rel, doc)
    if text is None or doc.problems:
        return None
    done = patch(plan, rel, old, side, text, functools.partial(_small_unit, plan, rel))
    if done is None:
        return None
    unit, layout = done
    if layout is not None:
        keep_side(path, key, rel, Side(now, text, layout))
    return unit


def _read_file(root: Path, context: Plan, rel: str) -> tuple[Plan, Problems, list[tuple], list[tuple], int]:
    """One calendar file read and assembled in the plan's context: (the plan of its posts alone,
    the problems found so far, its posts' and repeats' summary rows, the did-you-mean
    comparisons reading it made)."""
    return _read_doc(read_yaml(root, rel), context, rel)


def _read_text(root: Path, rel: str) -> tuple[Document, str | None]:
    """A calendar file's Document, parsed, and its text (None when it could not be read)."""
    doc = Document(rel)
    text = read_text(root, rel, doc)
    if text is not None:
        parse_yaml(text, doc)
    return doc, text


def _read_doc(doc: Document, context: Plan, rel: str) -> tuple[Plan, Problems, list[tuple], list[tuple], int]:
    """_read_file of a Document read already."""
    piece = read_calendar(doc)
    plan = copy.copy(context)
    plan.posts, plan.repeats, plan.calendars, plan.unsafe_attachments = [], [], [], set()
    # What the rules find by going through these lists is in the files that are not calendar
    # files (kept); lookups by id (plan.playbooks, plan.channels...) still find every item.
    plan.all_playbooks, plan.all_campaigns, plan.all_channels, plan.all_people = [], [], [], []
    problems = Problems(doc.problems)
    _calendar(piece, rel, plan, problems)
    _check_attachments(plan, problems)
    if plan.unsafe_attachments or len(plan.posts) > MAX_POSTS:
        raise NotSure("an attachment is refused, or the file makes too many posts")
    plan.posts.sort(key=_order)
    rows, made = _Rows(), [_repeat_row(repeat) for repeat in plan.repeats]
    posts = [rows.of(post) for post in plan.posts]
    if any(row[PATH] != rel for row in posts) or any(row[1] != rel for row in made):
        raise NotSure("a post placed in another file")
    return plan, problems, posts, made, piece.hints


def _check_file(plan: Plan, problems: Problems, rel: str, unit: Unit) -> None:
    """Check one calendar file's posts (_read_file) by every rule but the cross-file ones; keep
    what is found in it in `unit`."""
    tally = Tally(start=hints_left())
    result = _check(plan, problems, 1, tally, LOCAL_RULES)
    reset_hints(tally.start - tally.hints)  # what is left for the next file of this process
    if tally.capped:
        raise NotSure("a rule found too much")
    unit.problems = [p for p in result.problems if p.path == rel and p.code not in CROSS_CODES]
    unit.counts = {code: count for (code, where), count in tally.counts.items() if where == rel}
    unit.text = tally.texts.get(rel, 0)
    unit.hints += tally.hints
    _dates(unit)


class _NoAllowances:
    def suppresses(self, item, code: str) -> bool:
        raise NotSure(f"{code} gives a finding an allow: could suppress")


def _cross_file(context: Plan, units: list[Unit]) -> tuple[list[Problem], dict[str, str]]:
    """The cross-file rules over every post's summary; (their problems, finished; the severities)."""
    plan = copy.copy(context)
    posts: list = list(map(Summary._make, (row for unit in units for row in unit.posts)))
    try:  # by a key made in C: a year's 29,200 posts; an id None beside an equal slot cannot compare
        plan.posts = sorted(posts, key=_BY_ORDER)
    except TypeError:
        plan.posts = sorted(posts, key=_order)
    plan.repeats = [RepeatSummary._make(row) for unit in units for row in unit.repeats]  # type: ignore[misc]
    found = Problems()
    config = read_rule_config(plan, Problems())
    index = PlanIndex(plan)
    for rule in CROSS_RULES:
        if config.severities.get(rule.ID) != "off":
            _run(rule, plan, index, config.options_for(rule), _NoAllowances(), found)  # type: ignore[arg-type]
    return _finish(found.found, config.severities), config.severities
