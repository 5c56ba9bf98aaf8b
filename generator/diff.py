"""`contentplan diff BASE [HEAD]`: what a change does to the plan, for the person reviewing it.

Both sides are checked as `contentplan check` would; then posts are paired and compared:
- pairing: by id (a written id, or the one derived from date, channel and time), then a
  repeat's occurrence by repeat and date, then two leftover posts without a written id that
  share playbook and message (moved) or day, channel and playbook (retimed);
- playbooks: paired by id, then a playbook only in BASE with one only in HEAD that has its file,
  else its message blocks, else its title (renamed); each pair that differs is one entry: what
  changed in it (title, kind, platforms, tags, variables, suppressions, path; a word diff of each
  message block and of the guidance around them), and its reach: the paired posts whose HEAD copy
  (message, or title taken from the playbook) differs from what the BASE version of their
  playbook gives them with their HEAD fields, counted by channel, status and date range. A
  playbook only on one side is "added" or "removed"; HEAD posts still naming a removed playbook
  lose their copy and are in its reach;
- each pair of posts: moved (date, time or channel), copy changed (message, headline or note, as
  a short word diff), status changed, other changes (title, owner, playbook, campaign, topic,
  attachments). A post's copy change is only what its own fields make: its BASE message is
  compared with what the BASE version of its playbook gives its HEAD variant and variables (and
  its title likewise), so a playbook's change is said once, in the playbook's entry, never once
  per post. A post whose copy changed both ways (its variables or variant, and the playbook) is
  in the playbook's reach and listed under copy changed with the diff of its own change, marked
  with the playbook (`playbook` in the JSON). The same holds for a title that falls back to the
  playbook's; a post that follows its playbook through a rename or retitle has no "playbook"
  change of its own. A post that changes playbook is in no reach: its whole copy change is its
  own, as before;
- problems: introduced and fixed, compared without their line numbers (lines shift).

A side is a git revision of the plan at --root (its content/ and playbooks/ are copied out of git
into a temporary folder, which is removed afterwards), or a plan folder written `path:DIR`; a bare
name is always a revision, whatever folders exist. No MkDocs here.

The Markdown is a pull-request comment, written from a plan that anyone may have sent: every plan
string in it is one line, escaped, with what shows as nothing written as an escape (\\u202e), and
cut to a length; each section is cut to what fits, the whole under GitHub's 65,536 characters,
and what is cut is said (a playbook's entry shows at most MAX_PLAYBOOK_CHANGES of its changes and
MAX_CHANNELS_SHOWN channels of its reach). The JSON is the whole comparison (invisible characters
as \\u escapes), every reached post listed.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .check import CheckResult, check
from .context import PostView, build_context
from .escape import md_text
from .git import GitError, git
from .i18n import _, _n
from .load import MAX_FILE_BYTES, MAX_FILES, MAX_PLAN_BYTES
from .model import Plan, Playbook, Post, VarSpec
from .problems import Problem
from .templating import TEMPLATES, text_environment
from .vocabulary import STATUSES

PLAN_FOLDERS = ("content", "playbooks")  # all a check reads
NETWORK_PARTS = ("network.yml", "library", "members")  # and of a brand's network (network_diff.py)
FOLDER = "path:"  # a side written path:DIR is a plan folder; any other is a git revision
MAX_LISTED = 100  # per section of the Markdown
# GitHub refuses a comment over 65,536 characters. The workflow puts its marker line first; the
# length is counted in UTF-16 units (an emoji is 2), which is at least what GitHub counts.
MAX_MARKDOWN = 60_000
# Characters of one plan string as shown in the Markdown (escapes counted as written), then "…".
SHOWN = {"label": 200, "name": 60, "title": 120, "id": 80, "where": 160, "message": 300, "diff": 300}
MAX_DIFF_TOKENS = 3_000  # a longer text is shown as replaced whole (difflib is quadratic)
CONTEXT = 8  # characters of unchanged text shown around a change
MAX_HUNKS = 4
GIT_TIMEOUT = 120
MAX_PLAYBOOK_CHANGES = 10  # of one playbook's changes in the Markdown, then "… and N more"
MAX_CHANNELS_SHOWN = 5  # of a playbook's reach in the Markdown (most posts first), then "and N more"


class DiffError(Exception):
    """What stops a diff: a side that is not a revision (or not a folder), git failing."""


# --- the comparison -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PostRef:
    """A post as a review line names it."""

    id: str
    date: str
    time: str
    channel: str
    channel_name: str
    title: str
    status: str


@dataclass(frozen=True)
class Change:
    """One field of a paired post that differs: `before` and `after` as shown."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class PostChange:
    base: PostRef
    head: PostRef
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class TextChange:
    post: PostRef
    field: str  # "message", "headline" or "note"
    diff: str  # git's word-diff: [-removed-]{+added+}, with a little context
    # a message: the id of the playbook whose change (its own entry) reaches this post too; the
    # diff is then the post's own change only, against the BASE version of that playbook
    playbook: str = ""


@dataclass(frozen=True)
class TextDiff:
    """One text of a playbook that differs: "message N" (its Nth block) or "guidance"."""

    field: str
    diff: str


@dataclass(frozen=True)
class ChannelCount:
    channel: str
    channel_name: str
    posts: int


@dataclass(frozen=True)
class Reach:
    """The paired posts whose HEAD copy a playbook's change alters."""

    posts: int
    channels: int
    first: str  # the first and last day, "" when no post
    last: str
    by_channel: tuple[ChannelCount, ...]  # most posts first
    by_status: dict[str, int]
    fields: dict[str, int]  # "message", "title": how many of the posts it changes
    post_list: tuple[PostRef, ...]  # every one, in plan order


@dataclass(frozen=True)
class PlaybookChange:
    id: str  # HEAD's id, else BASE's
    base_id: str  # "" when added
    head_id: str  # "" when removed
    title: str  # HEAD's, else BASE's
    path: str  # HEAD's, else BASE's
    kind: str  # "changed", "renamed", "added" or "removed"
    changes: tuple[Change, ...]  # id, path, title, kind, platforms, tags, vars.*, allow
    texts: tuple[TextDiff, ...]  # message N, guidance
    reach: Reach


@dataclass(frozen=True)
class ProblemRef:
    severity: str
    code: str
    where: str  # path:line:col on its side
    message: str


@dataclass
class PlanDiff:
    base: str
    head: str
    added: list[PostRef] = field(default_factory=list)
    removed: list[PostRef] = field(default_factory=list)
    moved: list[PostChange] = field(default_factory=list)
    text_changed: list[TextChange] = field(default_factory=list)
    status_changed: list[PostChange] = field(default_factory=list)
    other_changed: list[PostChange] = field(default_factory=list)  # owner, playbook
    settings_changed: list[Change] = field(default_factory=list)  # time zone, channels' settings
    playbooks_changed: list[PlaybookChange] = field(default_factory=list)  # each with its reach
    problems_introduced: list[ProblemRef] = field(default_factory=list)
    problems_fixed: list[ProblemRef] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in SECTIONS)

    def as_json(self) -> dict:
        return {"base": self.base, "head": self.head, **{name: [asdict(x) for x in getattr(self, name)] for name in SECTIONS}}


SECTIONS = (
    "settings_changed",
    "playbooks_changed",
    "added",
    "removed",
    "moved",
    "text_changed",
    "status_changed",
    "other_changed",
    "problems_introduced",
    "problems_fixed",
)


def compare(base: CheckResult, head: CheckResult, base_label: str, head_label: str) -> PlanDiff:
    out = PlanDiff(base_label, head_label)
    before, after = _posts(base), _posts(head)
    pairs, removed, added = _pair(before, after)
    out.removed = [_ref(view) for _, view in removed]
    out.added = [_ref(view) for _, view in added]
    books = _Playbooks(base.plan, head.plan)
    reached: dict[tuple[str, str], list[tuple[PostView, tuple[str, ...]]]] = {}
    for (old_post, old), (new_post, new) in pairs:
        moved = [
            Change(name, a, b)
            for name, a, b in (
                ("date", old.day.isoformat(), new.day.isoformat()),
                ("time", old.time, new.time),
                ("channel", *_named(old.channel_name, old.channel_id, new.channel_name, new.channel_id)),
            )
            if a != b
        ]
        if moved:
            out.moved.append(PostChange(_ref(old), _ref(new), tuple(moved)))
        # A post that keeps its playbook (by id, or through a rename): what it would be with the
        # BASE version of that playbook is its own change; the rest is the playbook's, said once
        # in the playbook's entry. A post that changes playbook: all of it is its own.
        same_playbook = books.follows(old_post.playbook, new_post.playbook)
        own_message, own_title = new.message, new.title
        via: tuple[str, ...] = ()
        key: tuple[str, str] | None = None
        if same_playbook:
            was = books.base_of(new_post.playbook)
            own_message = was.render(new_post.variant, new_post.vars) if was else ""
            own_title = new_post.title or (was.title if was else new_post.playbook)
            via = tuple(
                n for n, own, now in (("message", own_message, new.message), ("title", own_title, new.title)) if own != now
            )
            key = books.key_of(new_post.playbook)
            if via and key is not None:
                reached.setdefault(key, []).append((new, via))
        for name, a, b in (
            ("message", old.message, own_message),
            ("headline", old.headline or "", new.headline or ""),
            ("note", old.note or "", new.note or ""),
        ):
            if a != b:
                also = (key[1] or key[0]) if key is not None and name == "message" and "message" in via else ""
                out.text_changed.append(TextChange(_ref(new), name, word_diff(a, b), also))
        if old.status != new.status:
            out.status_changed.append(PostChange(_ref(old), _ref(new), (Change("status", old.status, new.status),)))
        other = [
            Change(name, a, b)
            for name, a, b in (
                ("title", old.title, own_title),
                ("owner", *_named(old.owner_name, old.owner_id, new.owner_name, new.owner_id)),
                (
                    "playbook",
                    *(
                        ("", "")
                        if same_playbook
                        else _named(old.playbook_title, old.playbook_id, new.playbook_title, new.playbook_id)
                    ),
                ),
                (
                    "campaign",
                    *_named(old.campaign_name or "", old.campaign_id or "", new.campaign_name or "", new.campaign_id or ""),
                ),
                ("topic", _topic(old), _topic(new)),
                ("attachments", ", ".join(a.name for a in old.attachments), ", ".join(a.name for a in new.attachments)),
            )
            if a != b
        ]
        if other:
            out.other_changed.append(PostChange(_ref(old), _ref(new), tuple(other)))
    out.settings_changed = _settings_changes(base.plan, head.plan)
    out.playbooks_changed = books.changes(reached)
    introduced, fixed = _problem_changes(base.problems, head.problems)
    out.problems_introduced, out.problems_fixed = introduced, fixed
    return out


def _named(before_name: str, before_id: str, after_name: str, after_id: str) -> tuple[str, str]:
    """(before, after) of a reference, told apart by its id: two channels (or people,
    playbooks, campaigns) may share a name, and moving a post between them is a change."""
    if before_id != after_id and before_name == after_name:
        return f"{before_name} ({before_id})", f"{after_name} ({after_id})"
    return (before_name, after_name) if before_id == after_id else (before_name or before_id, after_name or after_id)


def _settings_changes(base: Plan, head: Plan) -> list[Change]:
    """What changes every post at once: the plan's zone (every time shifts), its reminder, and
    each channel's platform, owner, caps, quiet hours and reminder (by channel id)."""

    def settings(plan: Plan) -> dict[str, str]:
        out = {"timezone": plan.timezone}
        if plan.site is not None:
            out["reminder_minutes"] = str(plan.site.reminder_minutes)
            out["industry"] = str(plan.site.industry or "")
        for channel in plan.channels.values():
            for key in (
                "name",
                "platform",
                "owner",
                "max_per_day",
                "max_per_month",
                "quiet_hours",
                "reminder_minutes",
                "account",
            ):
                value = getattr(channel, key)
                if key == "quiet_hours" and value:
                    value = f"{value[0]:%H:%M}-{value[1]:%H:%M}"
                out[f"channel {channel.id} {key}"] = "" if value is None else str(value)
        return out

    a, b = settings(base), settings(head)
    return [Change(key, a.get(key, "—"), b.get(key, "—")) for key in sorted(set(a) | set(b)) if a.get(key) != b.get(key)]


class _Playbooks:
    """The playbooks of both sides, paired: by id, then each left only in BASE with one left only
    in HEAD that has its file, else its message blocks, else its title (a rename)."""

    def __init__(self, base: Plan, head: Plan) -> None:
        self.base, self.head = base.playbooks, head.playbooks
        self.pairs: list[tuple[Playbook | None, Playbook | None]] = [
            (self.base[pid], self.head[pid]) for pid in sorted(set(self.base) & set(self.head))
        ]
        gone = [self.base[pid] for pid in sorted(set(self.base) - set(self.head))]
        new = [self.head[pid] for pid in sorted(set(self.head) - set(self.base))]
        for same in (
            lambda b: b.path,
            lambda b: tuple(m.text for m in b.messages) or None,
            lambda b: b.title,
        ):
            waiting: dict = {}
            for book in new:
                waiting.setdefault(same(book), []).append(book)
            left = []
            for book in gone:
                match = waiting.get(same(book)) if same(book) is not None else None
                if match:
                    self.pairs.append((book, match.pop(0)))
                else:
                    left.append(book)
            taken = {id(h) for _, h in self.pairs}
            gone, new = left, [h for h in new if id(h) not in taken]
        self.pairs += [(b, None) for b in gone] + [(None, h) for h in new]
        self.renamed = {b.id: h.id for b, h in self.pairs if b is not None and h is not None and b.id != h.id}
        self.was = {h.id: b for b, h in self.pairs if h is not None}

    def base_of(self, pid: str) -> Playbook | None:
        """The BASE version of the playbook a HEAD post names: its pair, or (a name HEAD lacks)
        BASE's playbook of that id."""
        return self.was[pid] if pid in self.head else self.base.get(pid)

    def key_of(self, pid: str) -> tuple[str, str] | None:
        """(BASE id, HEAD id) of the entry a HEAD post naming `pid` belongs to."""
        if pid in self.head:
            was = self.was[pid]
            return (was.id if was else "", pid)
        if pid in self.base:
            return (pid, self.renamed.get(pid, ""))
        return None

    def follows(self, before: str, after: str) -> bool:
        """A post that named `before` and names `after` kept its playbook (by id, or renamed)."""
        return before == after or self.renamed.get(before) == after

    def changes(self, reached: dict[tuple[str, str], list[tuple[PostView, tuple[str, ...]]]]) -> list[PlaybookChange]:
        out = []
        for b, h in self.pairs:
            key = (b.id if b else "", h.id if h else "")
            posts = reached.get(key, [])
            changes, texts = _playbook_changes(b, h) if b is not None and h is not None else ((), ())
            if b is not None and h is not None and b.id == h.id and not changes and not texts and not posts:
                continue
            kind = "added" if b is None else "removed" if h is None else "renamed" if b.id != h.id else "changed"
            book = h or b
            assert book is not None
            out.append(PlaybookChange(book.id, key[0], key[1], book.title, book.path, kind, changes, texts, _reach(posts)))
        out.sort(key=lambda c: (-c.reach.posts, c.id, c.base_id))
        return out


def _playbook_changes(base: Playbook, head: Playbook) -> tuple[tuple[Change, ...], tuple[TextDiff, ...]]:
    """What differs between two versions of a playbook: fields as (before, after), texts as word
    diffs (a block only on one side is all added or all removed)."""

    def fields(book: Playbook) -> dict[str, str]:
        meta = book.meta
        out = {
            "id": book.id,
            "path": book.path,
            "title": meta.title,
            "kind": meta.kind,
            "platforms": ", ".join(meta.platforms),
            "tags": ", ".join(meta.tags),
            "allow": "; ".join(f"{code}: {why or ''}" for code, why in sorted(meta.allow.items())),
        }
        for name, spec in sorted(meta.vars.items()):
            spec = spec if isinstance(spec, VarSpec) else VarSpec(description=spec) if spec else VarSpec()
            out[f"vars.{name}.description"] = "" if spec.description is None else str(spec.description)
            out[f"vars.{name}.default"] = "" if spec.default is None else str(spec.default)
        return out

    a, b = fields(base), fields(head)
    changes = tuple(Change(key, a.get(key, "—"), b.get(key, "—")) for key in _ordered(a, b) if a.get(key) != b.get(key))
    texts = []
    for index in range(max(len(base.messages), len(head.messages))):
        before = base.messages[index].text if index < len(base.messages) else ""
        after = head.messages[index].text if index < len(head.messages) else ""
        if before != after:
            texts.append(TextDiff(f"message {index + 1}", word_diff(before, after)))
    before, after = _guidance(base.body), _guidance(head.body)
    if before != after:
        texts.append(TextDiff("guidance", word_diff(before, after)))
    return changes, tuple(texts)


def _ordered(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """The keys of both, in the order the first has them, then those only in the second."""
    return list(a) + [key for key in b if key not in a]


_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^\s`{]*)")


def _guidance(body: str) -> str:
    """A playbook's body without its message blocks (each compared on its own), trimmed: the
    guidance the playbook's page shows around them. Fences as load.py reads them."""
    lines = body.split("\n")
    kept: list[str] = []
    i = 0
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m or (m.group(2)[0] == "`" and "`" in lines[i][m.end(2) :]):
            kept.append(lines[i])
            i += 1
            continue
        fence = m.group(2)
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        if m.group(3) != "message":
            kept.extend(lines[i : j + 1])
        i = j + 1
    return re.sub(r"\n{3,}", "\n\n", "\n".join(kept)).strip()


def _reach(posts: list[tuple[PostView, tuple[str, ...]]]) -> Reach:
    views = sorted((view for view, _ in posts), key=_order)
    channels = Counter(view.channel_id for view in views)
    names = {view.channel_id: view.channel_name for view in views}
    statuses = Counter(view.status for view in views)
    fields = Counter(name for _, via in posts for name in via)
    return Reach(
        posts=len(views),
        channels=len(channels),
        first=views[0].day.isoformat() if views else "",
        last=views[-1].day.isoformat() if views else "",
        by_channel=tuple(
            ChannelCount(cid, names[cid], n) for cid, n in sorted(channels.items(), key=lambda item: (-item[1], item[0]))
        ),
        by_status={status: statuses[status] for status in STATUSES if statuses[status]},
        fields={name: fields[name] for name in ("message", "title") if fields[name]},
        post_list=tuple(_ref(view) for view in views),
    )


def _posts(report: CheckResult) -> list[tuple[Post, PostView]]:
    return list(zip(report.plan.posts, build_context(report.plan).posts))


def _pair(before: list, after: list) -> tuple[list, list, list]:
    """(pairs, removed, added): see the module's docstring for the order of the keys."""
    pairs: list = []
    keys = (
        lambda post, view: ("id", post.id) if post.id else None,
        lambda post, view: ("repeat", post.repeat, view.day) if post.repeat else None,
        lambda post, view: ("copy", view.playbook_id, view.message) if post.derived_id else None,
        lambda post, view: ("slot", view.day, view.channel_id, view.playbook_id) if post.derived_id else None,
    )
    for key in keys:
        waiting: dict = {}
        for item in after:
            k = key(*item)
            if k is not None:
                waiting.setdefault(k, []).append(item)
        left = []
        for item in before:
            k = key(*item)
            match = waiting.get(k) if k is not None else None
            if match:
                pairs.append((item, match.pop(0)))
            else:
                left.append(item)
        taken = {id(new) for _, new in pairs}
        before, after = left, [item for item in after if id(item) not in taken]
    pairs.sort(key=lambda pair: _order(pair[1][1]))
    return pairs, sorted(before, key=lambda item: _order(item[1])), sorted(after, key=lambda item: _order(item[1]))


def _order(view: PostView) -> tuple:
    return (view.day, view.time, view.channel_id, view.id)


def _topic(view: PostView) -> str:
    topic = view.topic
    return " ".join(str(x) for x in (topic.name, topic.source) if x) if topic else ""


def _ref(view: PostView) -> PostRef:
    return PostRef(view.id, view.day.isoformat(), view.time, view.channel_id, view.channel_name, view.heading, view.status)


_LINE_NUMBERS = re.compile(r":\d+(?::\d+)?\b|\bline \d+\b")


def _problem_changes(before: list[Problem], after: list[Problem]) -> tuple[list[ProblemRef], list[ProblemRef]]:
    """Problems on one side only, counted as a multiset of (code, file, message without line
    numbers): a problem that only moved down with the lines above it is neither new nor fixed."""

    def key(problem: Problem) -> tuple:
        return (problem.code, problem.path, _LINE_NUMBERS.sub("", problem.message))

    def only_in(these: list[Problem], others: list[Problem]) -> list[ProblemRef]:
        spare = Counter(key(p) for p in others)
        out = []
        for problem in sorted(these, key=Problem.sort_key):
            if spare[key(problem)]:
                spare[key(problem)] -= 1
            else:
                out.append(
                    ProblemRef(problem.severity, problem.code, f"{problem.path}:{problem.line}:{problem.col}", problem.message)
                )
        return out

    return only_in(after, before), only_in(before, after)


# --- a short word diff ----------------------------------------------------------------------------

# A word of Latin letters or digits, a run of blanks, or any other single character (Chinese has
# no spaces between words: a character is the unit that reads well).
_TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.DOTALL)


def word_diff(before: str, after: str) -> str:
    """`…context[-removed-]{+added+}context…` on one line (line breaks shown as ⏎), at most
    MAX_HUNKS changes, each with CONTEXT characters around it."""
    a, b = _TOKEN.findall(before), _TOKEN.findall(after)
    if len(a) > MAX_DIFF_TOKENS or len(b) > MAX_DIFF_TOKENS:
        return _one_line(f"[-{_clip(before, 40)}-]{{+{_clip(after, 40)}+}}")
    parts: list[str] = []
    hunks = 0
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for index, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            same = "".join(a[i1:i2])
            first, last = index == 0, index == len(ops) - 1
            if first:
                parts.append(("…" + same[-CONTEXT:]) if len(same) > CONTEXT else same)
            elif last:
                parts.append((same[:CONTEXT] + "…") if len(same) > CONTEXT else same)
            elif len(same) > 2 * CONTEXT:
                parts.append(same[:CONTEXT] + "…" + same[-CONTEXT:])
            else:
                parts.append(same)
            continue
        hunks += 1
        if hunks > MAX_HUNKS:
            parts.append(f"… ({sum(1 for o in ops if o[0] != 'equal') - MAX_HUNKS} more changes)")
            break
        if i2 > i1:
            parts.append(f"[-{''.join(a[i1:i2])}-]")
        if j2 > j1:
            parts.append(f"{{+{''.join(b[j1:j2])}+}}")
    return _one_line("".join(parts))


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _one_line(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "⏎")


# --- the two sides ---------------------------------------------------------------------------------


@contextmanager
def plan_side(spec: str | None, root: Path) -> Iterator[tuple[Path, str]]:
    """(plan folder, label) for one side: the working tree at `root` when `spec` is None, the
    folder DIR when `spec` is `path:DIR`, else always a git revision of the plan at `root` (a
    folder of the same name changes nothing: a pull request may commit one named HEAD)."""
    if spec is None:
        yield root, "working tree"
        return
    if spec.startswith(FOLDER):
        folder = spec[len(FOLDER) :]
        if not folder or not Path(folder).is_dir():
            raise DiffError(f"'{folder}' is not a folder (path:DIR names a plan folder)")
        yield Path(folder), spec
        return
    if not spec or spec.startswith("-"):
        raise DiffError(f"'{spec}' is not a git revision")
    with tempfile.TemporaryDirectory(prefix="contentplan-diff-") as folder:
        commit = _export_revision(spec, root, Path(folder))
        yield Path(folder), f"{spec} ({commit[:10]})" if not commit.startswith(spec) else spec


def _git(root: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        return git(root, *args, data=data, timeout=GIT_TIMEOUT)
    except GitError as exc:
        if exc.kind == "missing":
            raise DiffError("git is not installed; to compare plan folders write path:DIR") from None
        raise DiffError(str(exc)) from None


def _export_revision(spec: str, root: Path, dest: Path) -> str:
    """Copy content/ and playbooks/ of the plan at `root` as of revision `spec` into `dest`;
    its commit id. Only regular files: a symlink in the tree is left out, as check would."""
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{spec}^{{commit}}").decode().strip()
    except DiffError:
        if Path(spec).is_dir():
            raise DiffError(f"'{spec}' is not a git revision; for a plan folder write {FOLDER}{spec}") from None
        raise DiffError(f"'{spec}' is not a git revision of {root}") from None
    prefix = _git(root, "rev-parse", "--show-prefix").decode().strip()
    listing = _git(
        root,
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        commit,
        "--",
        *(f"{prefix}{folder}" for folder in (*PLAN_FOLDERS, *NETWORK_PARTS)),
    )
    blobs: list[tuple[str, str]] = []
    for entry in filter(None, listing.split(b"\0")):
        meta, _, name = entry.partition(b"\t")
        mode, kind, sha = meta.split()
        if kind != b"blob" or mode not in (b"100644", b"100755"):
            continue  # symlinks and submodules: never followed
        rel = name.decode("utf-8", "surrogateescape")[len(prefix) :]
        parts = rel.split("/")
        if any(part in ("", ".", "..") for part in parts) or len(parts) > 20:
            continue
        blobs.append((rel, sha.decode()))
    if len(blobs) > MAX_FILES * 2:
        raise DiffError(f"{spec} has more than {MAX_FILES * 2} files under {', '.join(PLAN_FOLDERS)}")
    sizes = _git(root, "cat-file", "--batch-check=%(objectsize)", data="".join(f"{sha}\n" for _, sha in blobs).encode())
    total = 0
    for (rel, blob), size_text in zip(blobs, sizes.split()):
        size = int(size_text)
        total += size
        if size > MAX_FILE_BYTES or total > MAX_PLAN_BYTES:
            raise DiffError(f"{spec}: the plan's files are larger than a plan may be ({rel})")
        target = dest.joinpath(*rel.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_git(root, "cat-file", "blob", blob))
    if not ((dest / "content" / "site.yml").is_file() or (dest / "network.yml").is_file()):
        raise DiffError(f"{spec} has no content/site.yml (nor a network.yml) under {prefix or './'}")
    return commit


def diff(base: str, head: str | None, root: Path) -> PlanDiff:
    with plan_side(base, root) as (base_root, base_label), plan_side(head, root) as (head_root, head_label):
        return compare(check(base_root), check(head_root), base_label, head_label)


# --- output ------------------------------------------------------------------------------------------


def _shows_as_nothing(ch: str) -> bool:
    return unicodedata.category(ch) in _INVISIBLE_CATEGORIES or ch in _BLANK


# Controls (C0, C1), format characters (bidi embeddings, overrides, isolates and marks, zero-width
# space and joiners, word joiner, BOM, soft hyphen, tag characters), surrogates, line and paragraph
# separators; and the letters and marks that are drawn as nothing (Hangul fillers, the combining
# grapheme joiner, Khmer inherent vowels, Mongolian and supplementary variation selectors, braille
# blank, the Egyptian format controls of Unicode 15). report.printable escapes a subset.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_BLANK = frozenset(
    "\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u2800\u3164\uffa0"
    + "".join(map(chr, range(0x13439, 0x13440)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)


def _invisible() -> re.Pattern:
    """One character class of every code point _shows_as_nothing."""
    return _patterns()[0]


# Combining marks stack: a letter with hundreds of them ("Zalgo") is drawn over the lines around
# it. No script needs more than a few on one letter; those after MAX_MARKS are shown as escapes.
MAX_MARKS = 4


def _stacked_marks() -> re.Pattern:
    return _patterns()[1]


@functools.cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """Built from the Unicode database on first use (~0.3 s): (invisible, stacked marks)."""
    invisible: list[list[int]] = []
    marks: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        if _shows_as_nothing(ch):
            _extend(invisible, code)
        elif unicodedata.category(ch) in ("Mn", "Me"):
            _extend(marks, code)
    mark = _character_class(marks)
    return re.compile(_character_class(invisible)), re.compile(f"(?<={mark}{{{MAX_MARKS}}}){mark}")


def _extend(ranges: list[list[int]], code: int) -> None:
    if ranges and ranges[-1][1] == code - 1:
        ranges[-1][1] = code
    else:
        ranges.append([code, code])


def _character_class(ranges: list[list[int]]) -> str:
    return "[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]"


def _escape(match: re.Match) -> str:
    """As report.printable writes them: \\n \\t \\x1b \\u202e, and \\U000e0041 beyond the BMP."""
    ch = match.group(0)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    code = ord(ch)
    if ch in named:
        return named[ch]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


_ESCAPE_OR_CHAR = re.compile(r"\\(?:x[0-9a-f]{2}|u[0-9a-f]{4}|U[0-9a-f]{8}|[nrt])|.", re.DOTALL)
_BLANKS = re.compile(r"[^\S\t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")  # spaces (Zs); controls are escaped


def visible(value: object, limit: int) -> tuple[str, bool]:
    """(`value` on one line with everything that shows as nothing, and marks stacked past
    MAX_MARKS, written as escapes, blanks collapsed, at most `limit` characters ending in … when
    cut; whether it was cut). An escape is never cut in two."""
    text = _BLANKS.sub(" ", str(value)).strip(" ")[: limit + 1]  # each character shows as one or more
    text = _stacked_marks().sub(_escape, _invisible().sub(_escape, text))
    if len(text) <= limit:
        return text, False
    kept, used = [], 0
    for piece in _ESCAPE_OR_CHAR.finditer(text):
        if used + len(piece.group(0)) > limit - 1:
            break
        kept.append(piece.group(0))
        used += len(piece.group(0))
    return "".join(kept).rstrip() + "…", True


class _Shown:
    """The template's filters, which note whether they cut anything."""

    def __init__(self) -> None:
        self.cut = False

    def _visible(self, value: object, kind: str) -> str:
        text, cut = visible(value, SHOWN[kind])
        self.cut |= cut
        return text

    def text(self, value: object, kind: str = "label") -> str:
        """Plan text in a GitHub comment: escaped as on the site; no strikethrough (~) or math ($);
        and no @mention that pings anyone (a word joiner after each @)."""
        text = md_text(self._visible(value, kind)).replace("~", "\\~").replace("$", "\\$")
        return text.replace("@", "@\u2060")

    def code(self, value: object, kind: str = "label") -> str:
        """Plan text as inline code: the fence is longer than any backtick run inside, so the text
        cannot end it; inside code GitHub makes no links, mentions, HTML or math."""
        text = self._visible(value, kind) or " "
        fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
        pad = " " if text.startswith("`") or text.endswith("`") else ""
        return f"{fence}{pad}{text}{pad}{fence}"


def _length(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def markdown(result: PlanDiff, budget: int = MAX_MARKDOWN) -> str:
    """The comparison for a pull-request comment: each section lists at most MAX_LISTED items,
    fewer (the same number in every section) when that is what fits in `budget` (UTF-16 units;
    a network's diff gives each member a share of MAX_MARKDOWN)."""
    counts = {name: len(getattr(result, name)) for name in SECTIONS}

    def render(limit: int) -> str:
        shown = _Shown()  # the last lines say whether the filters above them cut a text
        env = text_environment(TEMPLATES)
        env.filters.update(text=shown.text, code=shown.code)
        env.globals.update(
            reach=functools.partial(_reach_words, shown=shown),
            also=lambda playbook: _("plus the change of playbook {playbook} above", playbook=shown.code(playbook, "id")),
        )
        text = env.get_template("diff.md.j2").render(
            d=result,
            counts=counts,
            limit=limit,
            detail_limit=MAX_PLAYBOOK_CHANGES,
            shown=shown,
            lists_cut=any(n > limit for n in counts.values()),
        )
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n") + "\n"

    text = render(MAX_LISTED)
    if _length(text) <= budget:
        return text
    low, high = 0, MAX_LISTED - 1
    while low < high:  # the most items per section that fit
        middle = (low + high + 1) // 2
        if _length(render(middle)) <= budget:
            low = middle
        else:
            high = middle - 1
    return render(low)


def _reach_words(reach: Reach, shown: _Shown) -> str:
    """A playbook's reach as one phrase in the plan's language: the counts and days are the
    package's own, each channel's name is plan text (escaped); the channels with the most posts
    first, at most MAX_CHANNELS_SHOWN of them, then how many more."""
    if not reach.posts:
        return _("reaches no post's copy")
    dates = reach.first if reach.first == reach.last else f"{reach.first} – {reach.last}"
    if reach.channels == 1:
        words = _n("reaches {n} post on 1 channel, {dates}", "reaches {n} posts on 1 channel, {dates}", reach.posts, dates=dates)
    else:
        words = _(
            "reaches {posts} posts on {channels} channels, {dates}", posts=reach.posts, channels=reach.channels, dates=dates
        )
    named = [f"{shown.text(c.channel_name, 'name')} ×{c.posts}" for c in reach.by_channel[:MAX_CHANNELS_SHOWN]]
    rest = len(reach.by_channel) - MAX_CHANNELS_SHOWN
    if rest > 0:
        named.append(_n("and {n} more channel", "and {n} more channels", rest))
    words = _("{reach} ({channels})", reach=words, channels=", ".join(named))
    published = reach.by_status.get("published", 0)
    if published:
        words = _(
            "{reach}; {published}",
            reach=words,
            published=_n("{n} of them already published", "{n} of them already published", published),
        )
    return words


def json_text(result: PlanDiff) -> str:
    """The whole comparison as JSON, uncut; what shows as nothing written as a \\u escape (the
    same data to a JSON reader, and visible to a person or a terminal)."""
    text = json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
    return _invisible().sub(_json_escape, text)


def _json_escape(match: re.Match) -> str:
    if match.group(0) == "\n":  # json.dumps escapes every control inside a string: this is layout
        return "\n"
    data = match.group(0).encode("utf-16-be", "surrogatepass")  # beyond the BMP: a surrogate pair
    return "".join(f"\\u{int.from_bytes(data[i : i + 2], 'big'):04x}" for i in range(0, len(data), 2))
