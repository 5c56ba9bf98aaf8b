"""Read plan files into documents that remember the line and column of every key and value.

YAML is *composed* (never constructed): scalars keep their raw text, so the YAML 1.1 traps
(`10:30` read as 630, `no`/`on` read as booleans) cannot bite; the model reads each raw
text as the type its field says. Anything wrong with a file becomes a Problem, never an
exception.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .i18n import N_, _
from .problems import Problem, Problems, excerpt

try:  # libyaml is ~10x faster; the pure loader gives the same nodes and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PLAN_BYTES = 64 * 1024 * 1024  # all plan files together
MAX_FILES = 5_000  # calendar files and playbooks together
MAX_FOLDER_DEPTH = 16
# Revisits of an anchored node (one per alias, more when aliases nest). Ordinary plans
# use a handful; a "billion laughs" document needs thousands.
MAX_ALIASES = 100
MAX_FLOW_DEPTH = 100

_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"

Pos = tuple[int, int]


class Mapping(dict):
    """A YAML mapping: a dict of raw values that remembers where each key and value stand."""

    __slots__ = ("start", "key_at", "value_at")

    def __init__(self, start: Pos) -> None:
        super().__init__()
        self.start = start
        self.key_at: dict[str, Pos] = {}
        self.value_at: dict[str, Pos] = {}

    def without(self, keys: tuple[str, ...]) -> Mapping:
        """A copy without `keys`, positions kept."""
        out = Mapping(self.start)
        for key, value in self.items():
            if key not in keys:
                out[key], out.key_at[key], out.value_at[key] = value, self.key_at[key], self.value_at[key]
        return out


class Sequence(list):
    """A YAML sequence that remembers where each item stands."""

    __slots__ = ("start", "item_at")

    def __init__(self, start: Pos) -> None:
        super().__init__()
        self.start = start
        self.item_at: list[Pos] = []


@dataclass
class Document:
    """One YAML document from a file: its data (None when unreadable) and load problems."""

    path: str
    data: Any = None
    problems: list[Problem] = field(default_factory=list)
    empty: bool = False
    digest: str | None = None  # text_digest of the text, when asked for (load_plan's `known`)
    known: Any = None  # what was made of this text before: `data` is then not read (load_plan)

    def problem(self, pos: Pos, code: str, message: str) -> None:
        self.problems.append(Problem(self.path, pos[0], pos[1], code, message))


@dataclass(frozen=True)
class MessageBlock:
    """A fenced ```message block of a playbook: copy-ready text and the line it starts on."""

    text: str
    line: int  # 1-based line of the first line of text


@dataclass
class PlaybookSource:
    """A playbook file: front matter as a Document, the Markdown body and its message blocks."""

    front: Document
    body: str = ""
    body_line: int = 1
    messages: list[MessageBlock] = field(default_factory=list)


# The key of Plan.declared that holds PlanSources.unreadable(): the unknown-* rules report no
# reference to a kind whose list did not load (its one problem is the one to fix).
UNREADABLE = "unreadable"


@dataclass
class PlanSources:
    """Every file of a plan, loaded. Paths are relative to the root, in sorted order."""

    root: Path
    site: Document | None
    campaigns: Document | None
    calendars: list[Document]
    playbooks: list[PlaybookSource]
    # Problems of the plan's folders: symlinks, stray files, size caps.
    found: Problems = field(default_factory=Problems)

    @property
    def file_count(self) -> int:
        return (self.site is not None) + (self.campaigns is not None) + len(self.calendars) + len(self.playbooks)

    def problems(self) -> Iterator[Problem]:
        yield from self.found.found  # in the order found
        for doc in (self.site, self.campaigns, *self.calendars):
            if doc is not None:
                yield from doc.problems
        for pb in self.playbooks:
            yield from pb.front.problems

    def unreadable(self) -> set[str]:
        """The kinds of item (channel, person, campaign) whose list could not be read: the file
        or the list is broken (reported there, once), so no reference to one is known or unknown."""
        out: set[str] = set()
        site = self.site.data if self.site is not None else None
        if self.site is not None and not isinstance(site, Mapping):
            out |= {"channel", "person"}
        elif site is not None:
            out |= {
                kind
                for key, kind in (("channels", "channel"), ("people", "person"))
                if site.get(key) is not None and not isinstance(site[key], Sequence)
            }
        campaigns = self.campaigns
        if campaigns is not None:
            failed = campaigns.data is None and campaigns.problems  # (an empty file: no campaigns)
            if failed or (campaigns.data is not None and not isinstance(campaigns.data, Sequence)):
                out.add("campaign")
        return out

    def unreadable_playbooks(self) -> set[str]:
        """The ids (file names) of playbooks whose front matter could not be read."""
        return {Path(pb.front.path).stem for pb in self.playbooks if pb.front.data is None and pb.front.problems}


class PlanReadError(OSError):
    """A plan file or folder that exists but cannot be read: an I/O failure (exit 2), not a
    problem in the plan, so that a half-readable plan never builds over a good site."""


def load_plan(root: Path, known: Callable[[str, str], Any] | None = None, base: str = "") -> PlanSources:
    """Load every plan file under `root` (content/ and playbooks/), never leaving the root.

    `base` ("members/nanjing/", "library/": a part of a network, network.py) is the folder of
    content/ and playbooks/ inside `root`: the files' paths are then relative to `root`, the
    network's folder, and the PlanSources' root is that part's folder.

    `known(path, digest)`, given, is asked for each calendar file's text (digest: text_digest)
    and may return what was made of that very text before (check_cache.py); the file is then
    not parsed: its Document gets `known` set to that, and its problems from it."""
    found = Problems()
    budget = _Budget()
    site = _single(root, f"{base}content/site.yml", found, budget)
    campaigns = _single(root, f"{base}content/campaigns.yml", found, budget)
    calendars = [
        read_yaml(root, rel, budget, known) for rel in _walk(root, f"{base}content/calendar", (".yml", ".yaml"), found, budget)
    ]
    playbooks = [read_playbook(root, rel, budget) for rel in _walk(root, f"{base}playbooks", (".md",), found, budget)]
    if budget.over:
        found.add(Problem(budget.over[0], 1, 1, "yaml-syntax", budget.over[1]))
    return PlanSources(root / base if base else root, site, campaigns, calendars, playbooks, found)


@dataclass
class _Budget:
    """Caps on the plan as a whole: number of files and bytes read."""

    files: int = 0
    size: int = 0
    over: tuple[str, str] | None = None

    def take(self, rel: str, size: int) -> bool:
        if self.over:
            return False
        self.files += 1
        self.size += size
        if self.files > MAX_FILES:
            self.over = (rel, _("the plan has more than {limit} files; the rest are not read", limit=MAX_FILES))
        elif self.size > MAX_PLAN_BYTES:
            self.over = (rel, _("the plan is over {limit} MiB; the rest is not read", limit=MAX_PLAN_BYTES // 2**20))
        return self.over is None


def unsafe_path(root: Path, rel: str) -> str | None:
    """Why `rel` may not be read as part of the plan, or None.

    Every step from the root down is looked at with lstat: a symlink anywhere could lead
    outside the root (to /etc/passwd, a private key), so none is followed. Raises
    PlanReadError when a step exists but cannot be examined.
    """
    current = root
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            return _("'{path}' leaves the plan folder", path=rel)
        current = current / part
        try:
            info = os.lstat(current)
        except FileNotFoundError:
            return None  # nothing there: the caller reports what is missing
        except OSError as exc:
            raise PlanReadError(_("cannot read {path}: {error}", path=rel, error=exc.strerror or exc)) from None
        if stat.S_ISLNK(info.st_mode):
            shown = current.relative_to(root).as_posix()
            return _("'{path}' is a symbolic link; plan files must be real files inside the plan folder", path=shown)
    return None


def _single(root: Path, rel: str, found: Problems, budget: _Budget) -> Document | None:
    """content/site.yml or content/campaigns.yml: None when absent."""
    why = unsafe_path(root, rel)
    if why:
        found.add(Problem(rel, 1, 1, "outside-root", why))
        return None
    if not (root / rel).exists():
        return None
    return read_yaml(root, rel, budget)


def _walk(root: Path, folder: str, suffixes: tuple[str, ...], found: Problems, budget: _Budget) -> list[str]:
    """Files under `folder` with one of `suffixes`, sorted; others reported, symlinks refused.

    Dotfiles (.gitkeep, editor swap files) are skipped on purpose; any other file that is not
    read is reported, so no calendar is ever silently left out.
    """
    why = unsafe_path(root, folder)
    if why:
        found.add(Problem(folder, 1, 1, "outside-root", why))
        return []
    base = root / folder
    if not base.exists():
        return []
    if not base.is_dir():
        found.add(Problem(folder, 1, 1, "yaml-syntax", _("'{folder}' should be a folder", folder=folder)))
        return []
    out: list[str] = []
    pending = [(base, 0)]
    while pending:
        current, depth = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            rel = current.relative_to(root).as_posix()
            raise PlanReadError(_("cannot read the folder {path}: {error}", path=rel, error=exc.strerror or exc)) from None
        for entry in entries:
            rel = Path(entry.path).relative_to(root).as_posix()
            if entry.name.startswith("."):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
            except OSError as exc:
                raise PlanReadError(_("cannot read {path}: {error}", path=rel, error=exc.strerror or exc)) from None
            if stat.S_ISLNK(info.st_mode):
                found.add(
                    Problem(
                        rel,
                        1,
                        1,
                        "outside-root",
                        _("'{path}' is a symbolic link; plan files must be real files inside the plan folder", path=rel),
                    )
                )
            elif stat.S_ISDIR(info.st_mode):
                if depth + 1 > MAX_FOLDER_DEPTH:
                    found.add(
                        Problem(
                            rel, 1, 1, "yaml-syntax", _("folders nested over {limit} deep are not read", limit=MAX_FOLDER_DEPTH)
                        )
                    )
                else:
                    pending.append((Path(entry.path), depth + 1))
            elif not entry.name.endswith(suffixes):
                found.add(
                    Problem(
                        rel,
                        1,
                        1,
                        "stray-file",
                        _(
                            "'{path}' is not read: only {suffixes} files belong in {folder}/",
                            path=rel,
                            suffixes=_both(suffixes),
                            folder=folder,
                        ),
                    )
                )
            elif not stat.S_ISREG(info.st_mode):
                found.add(Problem(rel, 1, 1, "yaml-syntax", _("'{path}' is not a regular file", path=rel)))
            else:
                out.append(rel)
    return sorted(out)


def _both(items: tuple[str, ...]) -> str:
    """'.yml and .yaml': the items joined with the language's 'and'."""
    shown = items[0]
    for item in items[1:]:
        shown = _("{first} and {then}", first=shown, then=item)
    return shown


def read_text(root: Path, rel: str, doc: Document, budget: _Budget | None = None) -> str | None:
    """The file as text, or None with a problem on the document (size, encoding).

    The size is looked at before reading, and at most one byte past the limit is read, so
    a huge (or growing) file costs nothing. A file that cannot be opened is a PlanReadError.
    """
    path = root / rel
    try:
        with open(path, "rb", opener=_no_follow) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                doc.problem((1, 1), "yaml-syntax", _("not a regular file"))
                return None
            if info.st_size > MAX_FILE_BYTES:
                raw = None
            else:
                raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise PlanReadError(_("cannot read {path}: {error}", path=rel, error=exc.strerror or exc)) from None
    if raw is None or len(raw) > MAX_FILE_BYTES:
        size = max(info.st_size, len(raw or b""))
        doc.problem(
            (1, 1),
            "yaml-syntax",
            _(
                "file is {size} KiB, over the {limit} MiB limit; split it (one calendar file per month is the habit)",
                size=size // 1024,
                limit=MAX_FILE_BYTES // (1024 * 1024),
            ),
        )
        return None
    if budget is not None and not budget.take(rel, len(raw)):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = _normalise(raw[: exc.start].decode("utf-8", "replace"))
        byte = f"0x{raw[exc.start]:02x}"
        doc.problem(
            _position(before, len(before)),
            "yaml-syntax",
            _("byte {byte} is not UTF-8; save the file as UTF-8", byte=byte),
        )
        return None
    return _normalise(text.removeprefix("\ufeff"))


def _normalise(text: str) -> str:
    """One line ending everywhere: a CRLF file's messages must not carry a stray \r, and a
    line is what ends in \n, \r\n or \r, nothing else (not U+2028, NEL or form feed)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _position(text: str, at: int, line_offset: int = 0) -> Pos:
    """1-based (line, col) of the character at index `at` of a normalised text."""
    return (text.count("\n", 0, at) + 1 + line_offset, at - text.rfind("\n", 0, at))


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))


def read_yaml(root: Path, rel: str, budget: _Budget | None = None, known: Callable[[str, str], Any] | None = None) -> Document:
    """Read one YAML file into a Document (`known`: see load_plan)."""
    doc = Document(rel)
    text = read_text(root, rel, doc, budget)
    if text is None:
        return doc
    if known is not None:
        doc.digest = text_digest(text)
        doc.known = known(rel, doc.digest)
        if doc.known is not None:
            doc.problems = list(doc.known.load_problems)
            return doc
    parse_yaml(text, doc)
    return doc


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def parse_yaml(text: str, doc: Document, line_offset: int = 0) -> None:
    """Compose `text` and fill doc.data; every failure becomes a problem on `doc`."""
    if "\x00" in text:
        doc.problem(
            _position(text, text.index("\x00"), line_offset), "yaml-syntax", _("the file contains a NUL byte; is it a text file?")
        )
        return
    if _flow_depth(text) > MAX_FLOW_DEPTH:
        doc.problem((1 + line_offset, 1), "yaml-syntax", _("brackets nested too deep to be a plan"))
        return
    if _FAST and "*" not in text and not any(ch in text for ch in _YAML_ONLY_BREAKS):
        # Nearly every file: values straight from the parser's events (about half the cost of
        # composing nodes and walking them). Anything unusual (an error, a merge key, a key
        # that is not text, a second document) is read again the full way below.
        try:
            data, empty, noted = _from_events(text, doc.path, line_offset + 1)
        except _Unusual:
            pass
        else:
            doc.data, doc.empty = data, empty
            doc.problems.extend(noted)
            return
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        pos, message = _syntax_error(text, exc, _Lines(text, line_offset), line_offset)
        doc.problem(pos, "yaml-syntax", message)
        return
    except yaml.reader.ReaderError:  # a control character YAML does not allow
        # libyaml gives a byte offset: find the character ourselves, as PyYAML's reader does
        found = _NOT_YAML.search(text)
        at = found.start() if found else 0
        char = f"U+{ord(text[at]) if found else 0:04X}"
        doc.problem(
            _position(text, at, line_offset),
            "yaml-syntax",
            _("character {char} is not allowed in YAML; delete it or write it as an escape", char=char),
        )
        return
    except yaml.YAMLError as exc:
        doc.problem((1 + line_offset, 1), "yaml-syntax", _(SYNTAX_MESSAGES["parse"], reason=excerpt(str(exc), 120)))
        return
    except RecursionError:
        doc.problem((1 + line_offset, 1), "yaml-syntax", _("YAML nested too deep to be a plan"))
        return
    if node is None:
        doc.empty = True
        return
    conv = _Converter(doc, _Lines(text, line_offset))
    try:
        # No alias (`*`) and no merge key: nothing is visited twice, so the plain walk will do.
        plain = conv.lines.starts is None and "*" not in text
        doc.data = conv.plain(node) if plain else conv.convert(node)
    except _TooManyAliases:
        doc.data = None
        doc.problem(
            (1 + line_offset, 1),
            "yaml-syntax",
            _("more than {limit} alias uses; anchors and aliases are limited to keep documents small", limit=MAX_ALIASES),
        )
    except RecursionError:
        doc.data = None
        doc.problem((1 + line_offset, 1), "yaml-syntax", _("YAML nested too deep to be a plan"))


try:
    from yaml import events as _ev
    from yaml._yaml import CParser as _CParser

    _FAST = True
except ImportError:  # pragma: no cover - PyYAML without libyaml: the compose path only
    _FAST = False

_PLAIN_NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # the YAML 1.1 resolver's null, plain


class _Unusual(Exception):
    """The event reader met something only the full path handles (see parse_yaml)."""


def _from_events(text: str, path: str, line: int) -> tuple[Any, bool, list[Problem]]:
    """What `_Converter.plain` makes of `text`'s one document (data, empty, problems), built
    from libyaml's events without composing nodes. `line`: the file line of the text's first.
    Raises _Unusual where the full path must decide."""
    scalar, map_start, seq_start = _ev.ScalarEvent, _ev.MappingStartEvent, _ev.SequenceStartEvent
    map_end, seq_end = _ev.MappingEndEvent, _ev.SequenceEndEvent
    nulls, null_tag, merge_tag = _PLAIN_NULLS, _NULL_TAG, _MERGE_TAG
    problems: list[Problem] = []
    parser = _CParser(text)
    try:
        get: Callable[[], Any] = parser.get_event
        get()  # stream start
        if type(get()) is not _ev.DocumentStartEvent:
            return None, True, problems  # no document: an empty file
        stack: list[tuple[Any, str | None, tuple[int, int] | None]] = []
        cur: Any = None  # the open Mapping or Sequence
        key: str | None = None  # a Mapping's key waiting for its value
        key_pos: tuple[int, int] | None = None
        while True:
            event = get()
            kind = type(event)
            if kind is scalar:
                if event.anchor is not None:
                    raise _Unusual  # the composer's rules for anchors (one name twice is an error)
                tag = event.tag
                if tag is None or tag == "!":
                    value = None if event.implicit[0] and not event.style and event.value in nulls else event.value
                else:
                    value = None if tag == null_tag and not event.style else event.value
                mark = event.start_mark
                if cur is None:
                    data = value
                    break
                if type(cur) is Mapping:
                    if key is None:
                        if tag == merge_tag or (tag is None and event.implicit[0] and event.value == "<<"):
                            raise _Unusual
                        key, key_pos = event.value, (mark.line + line, mark.column + 1)
                        continue
                    _put(cur, key, value, key_pos, (mark.line + line, mark.column + 1), problems, path)  # type: ignore[arg-type]
                    key = None
                else:
                    cur.append(value)
                    cur.item_at.append((mark.line + line, mark.column + 1))
                continue
            if kind is map_start or kind is seq_start:
                if event.anchor is not None:
                    raise _Unusual
                mark = event.start_mark
                at = (mark.line + line, mark.column + 1)
                new: Any = Mapping(at) if kind is map_start else Sequence(at)
                if cur is not None:
                    if type(cur) is Mapping:
                        if key is None:
                            raise _Unusual  # a key that is not text
                        _put(cur, key, new, key_pos, at, problems, path)  # type: ignore[arg-type]
                    else:
                        cur.append(new)
                        cur.item_at.append(at)
                stack.append((cur, None, None))
                cur, key = new, None
                continue
            if kind is map_end or kind is seq_end:
                done = cur
                cur, key, key_pos = stack.pop()
                if cur is None:
                    data = done
                    break
                continue
            raise _Unusual  # an alias: the text had no `*`, so this is never reached
        get()  # document end
        if type(get()) is not _ev.StreamEndEvent:
            raise _Unusual  # a second document: the full path says so
        return data, False, problems
    except yaml.YAMLError:
        raise _Unusual from None
    finally:
        parser.dispose()


def _put(out: Mapping, key: str, value: Any, key_pos: tuple[int, int], value_pos: tuple[int, int], problems, path) -> None:
    if key in out.key_at:
        first = out.key_at[key][0]
        message = _("key '{key}' appears twice in one mapping (first at line {line})", key=excerpt(key), line=first)
        problems.append(Problem(path, key_pos[0], key_pos[1], "duplicate-key", message))
    out[key] = value
    out.key_at[key] = key_pos
    out.value_at[key] = value_pos


class _Lines:
    """PyYAML's marks → our 1-based (line, col).

    PyYAML also breaks lines at NEL, U+2028 and U+2029; we count only \\n (the text has
    \\r\\n and \\r normalised away), so where those characters occur, positions are
    recomputed from the mark's character index.
    """

    __slots__ = ("offset", "starts")

    def __init__(self, text: str, offset: int) -> None:
        self.offset = offset
        self.starts: list[int] | None = None
        if any(ch in text for ch in _YAML_ONLY_BREAKS):
            self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, mark) -> Pos:
        if self.starts is None:
            return (mark.line + 1 + self.offset, mark.column + 1)
        line = bisect.bisect_right(self.starts, mark.index) - 1
        return (line + 1 + self.offset, mark.index - self.starts[line] + 1)


_YAML_ONLY_BREAKS = ("\x85", "\u2028", "\u2029")
_NOT_YAML = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# What may hide brackets from YAML: quoted scalars (a quote opens one only at the start of a
# value) and comments (a # after white space). Each alternative is linear.
_NOT_FLOW = re.compile(
    r"""(?<![^\s\[{,:?-])'(?:[^']|'')*'"""
    r'|(?<![^\s\[{,:?-])"(?:[^"\\]|\\.)*"'
    r"""|(?<!\S)#[^\n]*"""
)
_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    """How deep flow brackets nest, outside quoted scalars and comments.

    Counted first over all brackets (fast); only a file that looks too deep is counted again
    without its quoted scalars and comments, so brackets in a message do not count. (A quoted
    ']' can only hide depth; libyaml's own nesting limit and the RecursionError guard below
    stay behind this guard.)"""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return 0  # cannot nest deeper than there are brackets: the common case, at C speed
    if _deepest(_BRACKETS.findall(text)) <= MAX_FLOW_DEPTH:
        return 0
    return _deepest(_BRACKETS.findall(_NOT_FLOW.sub("", text)))


def _deepest(brackets: list[str]) -> int:
    depth = deepest = 0
    for ch in brackets:
        if ch in ("[", "{"):
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in ("]", "}") and depth:
            depth -= 1
    return deepest


# --- YAML syntax errors: the line that is wrong, and what to do -------------------------

# Every message about YAML that does not parse, in one place, with named values: message ids
# of the catalogue, translated and then filled where they are said (`_say`). "parse" frames each
# of the others; columns are the 1-based columns the problem is reported at.
SYNTAX_MESSAGES = {
    "parse": N_("YAML does not parse: {reason}"),
    # TRANSLATORS: {problem} is PyYAML's own English words, where none of the other messages fits
    "other": N_("{problem}"),
    "tab": N_("a tab character; YAML indents with spaces only: replace the tab with spaces"),
    "key-indent": N_("'{key}:' starts at column {got}, but '{sibling}:' above it at column {want}: line it up with '{sibling}:'"),
    "key-at-dash": N_(
        "'{key}:' starts at column {got}, where the '-' of the list items above stand: move it to "
        "column {want} to belong to the item above (like '{sibling}:'), or write '- {key}:' to start "
        "a new item"
    ),
    "key-at-dash-or-outer": N_(
        "'{key}:' starts at column {got}, where the '-' of the list items above stand: move "
        "it to column {want} to belong to the item above (like '{sibling}:'), or to column "
        "{outer_at} to stand beside '{outer}:'"
    ),
    "dash-indent": N_(
        "this '-' starts at column {got}, but the '-' of the list items above at column {want}: line it up with them"
    ),
    "not-a-key": N_(
        "this line is not 'key: value' and starts left of '{sibling}:' above it (column {want}): to go "
        "on with the value of '{sibling}:', join it to that line or indent it further; if it is a key, "
        "write 'key: value'"
    ),
    "no-colon": N_(
        "this line is not 'key: value': to go on with the value of '{sibling}:' above, join it to that "
        "line (or indent it further than '{sibling}:'); if it is a key, write 'key: value'"
    ),
    "no-space": N_("no space after the ':' in '{written}', so YAML reads no key there: write '{fixed}'"),
    "no-space-dash": N_("no space after the '-' in '{written}', so YAML reads no list item there: write '{fixed}'"),
    "colon-in-value": N_(
        "the value of '{key}:' holds ': ', which YAML reads as another key: put the whole value in quotes ({key}: \"…\")"
    ),
    "unclosed-quote": N_(
        "the quote {quote} that opens this value is never closed: add a closing {quote} at the end of the value"
    ),
    "quote-closed-late": N_(
        "the quote {quote} that opens this value is closed only on line {end}: add a closing {quote} at the end of this value"
    ),
    "text-after-quote": N_("text after the closing quote {quote}: put the whole value inside the quotes"),
    "unclosed-bracket": N_("the '{open}' here is never closed: add '{close}' at the end of the value"),
    "text-after-bracket": N_("text after the closing '{close}': remove it, or put the whole value in quotes"),
    "missing-comma": N_("expected ',' or '{close}' here: separate the entries inside '{open} {close}' with ', '"),
    "bad-start": N_("a value cannot start with '{char}': put the whole value in quotes"),
    "bad-escape": N_(
        "'\\{char}' in a value in \"quotes\" is no escape YAML knows: write '\\\\' for a backslash, "
        "or quote the value with ' instead"
    ),
}

# Bounds on what is looked at to explain an error: lines above it, characters of each line
# (a key and its indentation are at the start), characters back to an opening quote.
_LOOK_BACK = 100
_ROW_LOOK = 200
_QUOTE_LOOK = 20_000

_KEY = re.compile(r""" *(?:- +)?(?P<key>[^\s#'"\[\]{},:][^:#]*?) *(?P<colon>:)(?: |$)""")
_DASH = re.compile(r" *-(?: |$)")
# `time:09:00`: the first word of a line (or of a list item) runs into its value; `-date:`.
_NO_SPACE = re.compile(r""" *(?:- +)?(?P<key>[^\s#'"\[\]{},:][^\s:#]*):(?!//)(?P<value>[^\s:]\S*)""")
_NO_SPACE_DASH = re.compile(r""" *-(?P<key>[^\s#'"\[\]{},:-][^\s:#]*):(?: |$)""")


def _say(kind: str, **values: object) -> str:
    return _(SYNTAX_MESSAGES["parse"], reason=_(SYNTAX_MESSAGES[kind], **values))


def _syntax_error(text: str, exc: yaml.MarkedYAMLError, lines: _Lines, line_offset: int) -> tuple[Pos, str]:
    """Where a YAML syntax error is, and what to do about it.

    PyYAML says where it gave up, which is often not the line to fix: a key that runs into its
    value (`time:09:00`) is noticed on the next line, an unclosed quote at the end of the file.
    For the mistakes people make, the line to fix is found from the text around that place;
    for anything else PyYAML's own words are reported where it stopped."""
    explained = _explain(_Rows(text), exc, line_offset)
    if explained:
        at, message = explained
        return _position(text, at, line_offset), message
    mark = exc.problem_mark or exc.context_mark
    line, col = lines.at(mark) if mark else (1 + line_offset, 1)
    last = text.count("\n") + (0 if text.endswith("\n") else 1) + line_offset
    if line > max(last, 1 + line_offset):  # "end of the stream" is past the last line
        line, col = max(last, 1 + line_offset), len(text.rstrip("\n").rsplit("\n", 1)[-1]) + 1
    return (line, col), _say("other", problem=excerpt(exc.problem or "invalid YAML", 120))


class _Rows:
    """The lines of a text, for looking around an error: by index, with their indentation."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def of(self, index: int) -> int:
        return bisect.bisect_right(self.starts, index) - 1

    def head(self, row: int) -> str:
        """The start of a line: enough for its indentation and its first key."""
        start = self.starts[row]
        end = self.starts[row + 1] - 1 if row + 1 < len(self.starts) else len(self.text)
        return self.text[start : min(end, start + _ROW_LOOK)]

    def indent(self, row: int) -> int:
        head = self.head(row)
        return len(head) - len(head.lstrip(" "))

    def is_content(self, row: int) -> bool:
        stripped = self.head(row).strip(" ")
        return bool(stripped) and not stripped.startswith("#")

    def above(self, row: int) -> Iterator[int]:
        """The lines with content above `row`, nearest first, at most _LOOK_BACK."""
        for above in range(row - 1, max(row - 1 - _LOOK_BACK, -1), -1):
            if self.is_content(above):
                yield above


def _explain(rows: _Rows, exc: yaml.MarkedYAMLError, line_offset: int) -> tuple[int, str] | None:
    """(index in the text, message) for the mistakes people make, or None."""
    mark, context = exc.problem_mark, exc.context_mark
    if mark is None:
        return None
    text, problem, where = rows.text, exc.problem or "", exc.context or ""
    at = min(mark.index, len(text))
    if text[at : at + 1] == "\t":
        return at, _say("tab")
    if "cannot start any token" in problem and text[at : at + 1] in ("@", "`"):
        return at, _say("bad-start", char=text[at])
    if "unknown escape" in problem:
        slash = at if text[at : at + 1] == "\\" else at - 1  # libyaml marks the backslash, PyYAML the letter
        if text[slash : slash + 1] == "\\":
            return slash, _say("bad-escape", char=text[slash + 1 : slash + 2])
    if "end of stream" in problem and "quoted scalar" in where and context is not None:
        return context.index, _say("unclosed-quote", quote=text[context.index : context.index + 1])
    if "flow" in where and "',' or" in problem and context is not None:
        return _unclosed_flow(rows, at, context.index)
    if "could not find expected ':'" in problem and context is not None:
        return _not_a_key(rows, rows.of(context.index))
    if "mapping values are not allowed" in problem:
        return _colon_too_many(rows, at)
    if "expected key" in problem or "expected '-' indicator" in problem or "expected <block end>" in problem:
        row = rows.of(at)
        if at == rows.starts[row] + rows.indent(row):
            return _misplaced(rows, row)
        return _after_closing(rows, at, line_offset)
    return None


def _unclosed_flow(rows: _Rows, at: int, opened: int) -> tuple[int, str] | None:
    """`{` or `[` not closed on its line (reported where it opens), or a missing comma."""
    text = rows.text
    open_ = text[opened : opened + 1]
    if open_ not in ("{", "["):
        return None
    close = "}" if open_ == "{" else "]"
    head = text[opened : opened + _ROW_LOOK].split("\n", 1)[0]
    if rows.of(at) > rows.of(opened) and head.count(open_) > head.count(close):
        return opened, _say("unclosed-bracket", open=open_, close=close)
    return at, _say("missing-comma", open=open_, close=close)


def _not_a_key(rows: _Rows, row: int) -> tuple[int, str] | None:
    """A line where a key was expected but no ': ' follows its first word."""
    found = _no_space(rows, row)
    if found:
        return found
    sibling = next((_KEY.match(rows.head(r)) for r in rows.above(row) if _KEY.match(rows.head(r))), None)
    if sibling is None:
        return None
    return rows.starts[row] + rows.indent(row), _say("no-colon", sibling=excerpt(sibling["key"], 40))


def _no_space(rows: _Rows, row: int) -> tuple[int, str] | None:
    """A line whose first word runs into its value (`time:09:00`) or whose '-' runs into its key."""
    head = rows.head(row)
    found = _NO_SPACE.match(head)
    if found:
        key, value = found["key"], found["value"]
        return rows.starts[row] + found.end("key"), _say(
            "no-space", written=excerpt(f"{key}:{value}", 40), fixed=excerpt(f"{key}: {value}", 41)
        )
    found = _NO_SPACE_DASH.match(head)
    if found:
        key = excerpt(found["key"], 40)
        return rows.starts[row] + found.start("key") - 1, _say("no-space-dash", written=f"-{key}:", fixed=f"- {key}:")
    return None


def _colon_too_many(rows: _Rows, at: int) -> tuple[int, str] | None:
    """': ' where YAML allows no key: inside a value, after a line whose key ran into its value
    (`title:abc` goes on to the next line), or after a key indented further than those above."""
    row = rows.of(at)
    key = _KEY.match(rows.head(row))
    if key and rows.starts[row] + key.start("colon") < at:
        return at, _say("colon-in-value", key=excerpt(key["key"], 40))
    for above in rows.above(row):  # the lines a plain value may have run on from, up to a key
        found = _no_space(rows, above)
        if found:
            return found
        if _KEY.match(rows.head(above)):
            break
    if key and rows.starts[row] + key.start("colon") == at:
        return _misplaced(rows, row)
    return None


def _misplaced(rows: _Rows, row: int) -> tuple[int, str] | None:
    """A line whose indentation fits none of the blocks above it, with the column it should have.

    The blocks are read from the lines above that start further left than every line between
    them and `row`: a key (its column), a list item (the column of its '-', and of its key)."""
    keys: list[tuple[int, str]] = []  # (column, key), nearest first
    dashes: list[int] = []
    left = None
    for above in rows.above(row):
        indent = rows.indent(above)
        if left is not None and indent >= left:
            continue
        left = indent
        head = rows.head(above)
        if _DASH.match(head):
            dashes.append(indent)
        key = _KEY.match(head)
        if key:
            keys.append((key.start("key"), key["key"]))
        if indent == 0:
            break
    got = rows.indent(row)
    at = rows.starts[row] + got
    head = rows.head(row)

    # min() keeps the first of equals: the nearest line above wins a tie
    if _DASH.match(head):
        others = [c for c in dashes if c != got]
        want = min(others, key=lambda c: abs(c - got), default=None)
        return None if want is None else (at, _say("dash-indent", got=got + 1, want=want + 1))
    key = _KEY.match(head)
    siblings = [(c, k) for c, k in keys if c != got]
    if not siblings:
        return None
    if key is None:  # a line of text further left than the key whose value it may go on with
        want, sibling = keys[0]
        return (at, _say("not-a-key", want=want + 1, sibling=excerpt(sibling, 40))) if want > got else None
    name = excerpt(key["key"], 40)
    if got in dashes:  # a key at the column of the list's '-'
        inner = [(c, k) for c, k in siblings if c > got]
        outer = [(c, k) for c, k in siblings if c < got]
        if inner:
            want, sibling = inner[0]
            if outer:
                return at, _say(
                    "key-at-dash-or-outer",
                    key=name,
                    got=got + 1,
                    want=want + 1,
                    sibling=excerpt(sibling, 40),
                    outer_at=outer[0][0] + 1,
                    outer=excerpt(outer[0][1], 40),
                )
            return at, _say("key-at-dash", key=name, got=got + 1, want=want + 1, sibling=excerpt(sibling, 40))
    want, sibling = min(siblings, key=lambda c: abs(c[0] - got))
    return at, _say("key-indent", key=name, got=got + 1, want=want + 1, sibling=excerpt(sibling, 40))


def _after_closing(rows: _Rows, at: int, line_offset: int) -> tuple[int, str] | None:
    """Text where a key should come, right after a closing quote or bracket on the same line."""
    text = rows.text
    start = max(rows.starts[rows.of(at)], at - _ROW_LOOK)
    before = text[start:at].rstrip(" ")
    if not before or before[-1] not in "]}\"'":
        return None
    last, closing = before[-1], start + len(before) - 1
    if last in "]}":
        return at, _say("text-after-bracket", close=last)
    opening = _opening_quote(text, closing)
    if opening is not None and rows.of(opening) < rows.of(closing):
        return opening, _say("quote-closed-late", quote=last, end=rows.of(closing) + 1 + line_offset)
    return at, _say("text-after-quote", quote=last)


def _opening_quote(text: str, closing: int) -> int | None:
    """Where the quoted value that ends at text[closing] began, looking back a bounded way."""
    quote, lowest = text[closing], max(0, closing - _QUOTE_LOOK)
    i = closing
    while (i := text.rfind(quote, lowest, i)) >= 0:
        if quote == "'" and i > lowest and text[i - 1] == "'":  # '' is a ' inside a '-quoted value
            i -= 1
            continue
        slashes = 0
        while quote == '"' and i - slashes > lowest and text[i - slashes - 1] == "\\":
            slashes += 1
        if slashes % 2 == 0:  # \" is a " inside a "-quoted value
            return i
    return None


class _TooManyAliases(Exception):
    pass


class _Merge(Exception):
    """A merge key met on the plain walk: convert the document the full way."""


class _Converter:
    """Nodes to Mapping / Sequence / raw str / None, with positions, duplicate keys and merges."""

    def __init__(self, doc: Document, lines: _Lines) -> None:
        self.doc = doc
        self.lines = lines
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.revisits = 0

    def pos(self, node: yaml.Node) -> Pos:
        mark = node.start_mark
        if self.lines.starts is None:  # inline: called for every node of a year's plan
            return (mark.line + 1 + self.lines.offset, mark.column + 1)
        return self.lines.at(mark)

    def convert(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL_TAG and not node.style:  # C loader: '', pure: None
                return None
            return node.value
        key = id(node)
        if key in self.active:
            self.doc.problem(self.pos(node), "yaml-syntax", _("an alias refers to itself"))
            return None
        if key in self.seen:
            self.revisits += 1
            if self.revisits > MAX_ALIASES:
                raise _TooManyAliases
        self.seen.add(key)
        self.active.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                seq = Sequence(self.pos(node))
                for item in node.value:
                    seq.append(self.convert(item))
                    seq.item_at.append(self.pos(item))
                return seq
            assert isinstance(node, yaml.MappingNode)  # a scalar returned above
            return self.mapping(node)
        finally:
            self.active.discard(key)

    def plain(self, root: yaml.Node) -> Any:
        """convert() for a document with no aliases and only \\n line breaks (nearly every
        file): the same result without the alias bookkeeping, inlined (a year's plan is
        600,000 nodes). A merge key, which may only merge an alias here, falls back."""
        line, problem = self.lines.offset + 1, self.doc.problem
        scalar, sequence, null = yaml.ScalarNode, yaml.SequenceNode, _NULL_TAG

        def walk(node: yaml.Node) -> Any:
            kind = type(node)
            if kind is scalar:
                # `type() is`, not isinstance(): this runs for every node of a year's plan
                return None if node.tag == null and not node.style else node.value  # type: ignore[attr-defined]
            mark = node.start_mark
            if kind is sequence:
                seq = Sequence((mark.line + line, mark.column + 1))
                add, add_at = seq.append, seq.item_at.append
                for item in node.value:
                    add(walk(item))
                    at = item.start_mark
                    add_at((at.line + line, at.column + 1))
                return seq
            out = Mapping((mark.line + line, mark.column + 1))
            key_at, value_at = out.key_at, out.value_at
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    raise _Merge
                at = key_node.start_mark
                where = (at.line + line, at.column + 1)
                if type(key_node) is not scalar:
                    problem(where, "bad-value", _("a key must be plain text"))
                    continue
                name = key_node.value
                if name in key_at:
                    problem(
                        where,
                        "duplicate-key",
                        _(
                            "key '{key}' appears twice in one mapping (first at line {line})",
                            key=excerpt(name),
                            line=key_at[name][0],
                        ),
                    )
                out[name] = walk(value_node)
                key_at[name] = where
                at = value_node.start_mark
                value_at[name] = (at.line + line, at.column + 1)
            return out

        problems = len(self.doc.problems)
        try:
            return walk(root)
        except _Merge:
            del self.doc.problems[problems:]
            return self.convert(root)

    def mapping(self, node: yaml.MappingNode) -> Mapping:
        out = Mapping(self.pos(node))
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merges.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.doc.problem(self.pos(key_node), "bad-value", _("a key must be plain text"))
                continue
            name = key_node.value
            if name in out.key_at:
                first = out.key_at[name]
                self.doc.problem(
                    self.pos(key_node),
                    "duplicate-key",
                    _("key '{key}' appears twice in one mapping (first at line {line})", key=excerpt(name), line=first[0]),
                )
            out[name] = self.convert(value_node)
            out.key_at[name] = self.pos(key_node)
            out.value_at[name] = self.pos(value_node)
        for merge in merges:  # `<<: *defaults`: keys written here win over merged ones
            sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
            for source in sources:
                merged = self.convert(source)
                if not isinstance(merged, Mapping):
                    self.doc.problem(self.pos(source), "bad-value", _("'<<' must merge a mapping"))
                    continue
                for name, value in merged.items():
                    if name not in out.key_at:
                        out[name] = value
                        out.key_at[name] = merged.key_at[name]
                        out.value_at[name] = merged.value_at[name]
        return out


# --- playbooks -------------------------------------------------------------------------

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^\s`{]*)")


def read_playbook(root: Path, rel: str, budget: _Budget | None = None) -> PlaybookSource:
    """Read a playbook: YAML front matter between `---` lines, then Markdown with message blocks."""
    front = Document(rel)
    source = PlaybookSource(front)
    text = read_text(root, rel, front, budget)
    if text is None:
        return source
    # Lines end at \n only (read_text normalised \r\n and \r): str.splitlines would also
    # break at form feed, NEL and U+2028 and shift every line number after them.
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])
    if not lines or lines[0].rstrip() != "---":
        front.problem(
            (1, 1),
            "yaml-syntax",
            _("a playbook starts with YAML front matter between '---' lines (kind, title, ...)"),
        )
        body_start = 0
    else:
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is None:
            front.problem((1, 1), "yaml-syntax", _("front matter is not closed by a '---' line"))
            return source
        parse_yaml("".join(lines[1:end]), front, line_offset=1)
        if front.data is None and not front.problems:
            front.empty = True
        body_start = end + 1
    source.body = "".join(lines[body_start:])
    source.body_line = body_start + 1
    source.messages = list(_message_blocks(lines, body_start))
    return source


def _message_blocks(lines: list[str], start: int) -> Iterator[MessageBlock]:
    """Fenced blocks whose info string is `message`, CommonMark-style fences."""
    i = start
    while i < len(lines):
        m = _FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        indent, fence, info = len(m.group(1)), m.group(2), m.group(3)
        if fence[0] == "`" and "`" in lines[i][m.end(2) :]:
            i += 1  # an inline code span, not a fence
            continue
        close = re.compile(r"^ {0,3}" + re.escape(fence[0]) + "{" + str(len(fence)) + r",}\s*$")
        j = i + 1
        while j < len(lines) and not close.match(lines[j]):
            j += 1
        if info == "message":
            body = [_dedent(line, indent) for line in lines[i + 1 : j]]
            yield MessageBlock("".join(body).rstrip("\n"), i + 2)
        i = j + 1


def _dedent(line: str, indent: int) -> str:
    stripped = len(line) - len(line.lstrip(" "))
    return line[min(indent, stripped) :]
