"""Read plan files into documents that remember the line and column of every key and value.

YAML is *composed* (never constructed): scalars keep their raw text, so the YAML 1.1 traps
(`10:30` read as 630, `no`/`on` read as booleans) cannot bite; the model reads each raw
text as the type its field says. Anything wrong with a file becomes a Problem, never an
exception.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import yaml

from .problems import Problem

try:  # libyaml is ~10x faster; the pure loader gives the same nodes and marks
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 10 * 1024 * 1024
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


@dataclass
class PlanSources:
    """Every file of a plan, loaded. Paths are relative to the root, in sorted order."""

    root: Path
    site: Document | None
    campaigns: Document | None
    calendars: list[Document]
    playbooks: list[PlaybookSource]

    @property
    def file_count(self) -> int:
        return (self.site is not None) + (self.campaigns is not None) + len(self.calendars) + len(
            self.playbooks
        )

    def problems(self) -> Iterator[Problem]:
        for doc in (self.site, self.campaigns, *self.calendars):
            if doc is not None:
                yield from doc.problems
        for pb in self.playbooks:
            yield from pb.front.problems


def load_plan(root: Path) -> PlanSources:
    """Load every plan file under `root` (content/ and playbooks/)."""
    content = root / "content"
    site = read_yaml(root, "content/site.yml") if (content / "site.yml").is_file() else None
    campaigns = (
        read_yaml(root, "content/campaigns.yml") if (content / "campaigns.yml").is_file() else None
    )
    calendars = [read_yaml(root, rel) for rel in _files(root, "content/calendar", "*.yml")]
    calendars += [read_yaml(root, rel) for rel in _files(root, "content/calendar", "*.yaml")]
    calendars.sort(key=lambda d: d.path)
    playbooks = [read_playbook(root, rel) for rel in _files(root, "playbooks", "**/*.md")]
    return PlanSources(root, site, campaigns, calendars, playbooks)


def _files(root: Path, folder: str, pattern: str) -> list[str]:
    base = root / folder
    if not base.is_dir():
        return []
    return sorted(p.relative_to(root).as_posix() for p in base.glob(pattern) if p.is_file())


def read_text(root: Path, rel: str, doc: Document) -> str | None:
    """The file as text, or None with a problem on the document (size, encoding, I/O)."""
    try:
        raw = (root / rel).read_bytes()
    except OSError as exc:
        doc.problem((1, 1), "yaml-syntax", f"cannot read file: {exc.strerror or exc}")
        return None
    if len(raw) > MAX_FILE_BYTES:
        doc.problem(
            (1, 1),
            "yaml-syntax",
            f"file is {len(raw) // 1024} KiB, over the {MAX_FILE_BYTES // (1024 * 1024)} MiB "
            "limit; split it (one calendar file per month is the habit)",
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        doc.problem(
            (line, col),
            "yaml-syntax",
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
        )
        return None
    # One line ending everywhere: a CRLF file's messages must not carry a stray \r.
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def read_yaml(root: Path, rel: str) -> Document:
    """Read one YAML file into a Document."""
    doc = Document(rel)
    text = read_text(root, rel, doc)
    if text is not None:
        parse_yaml(text, doc)
    return doc


def parse_yaml(text: str, doc: Document, line_offset: int = 0) -> None:
    """Compose `text` and fill doc.data; every failure becomes a problem on `doc`."""
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1 + line_offset
        doc.problem((line, 1), "yaml-syntax", "the file contains a NUL byte; is it a text file?")
        return
    if _flow_depth(text) > MAX_FLOW_DEPTH:
        doc.problem((1 + line_offset, 1), "yaml-syntax", "brackets nested too deep to be a plan")
        return
    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            what = "a tab character; indent with spaces"
        doc.problem((line + line_offset, col), "yaml-syntax", f"YAML does not parse: {what}")
        return
    except yaml.YAMLError as exc:
        doc.problem((1 + line_offset, 1), "yaml-syntax", f"YAML does not parse: {exc}")
        return
    except RecursionError:
        doc.problem((1 + line_offset, 1), "yaml-syntax", "YAML nested too deep to be a plan")
        return
    if node is None:
        doc.empty = True
        return
    conv = _Converter(doc, line_offset)
    try:
        doc.data = conv.convert(node)
    except _TooManyAliases:
        doc.data = None
        doc.problem(
            (1 + line_offset, 1),
            "yaml-syntax",
            f"more than {MAX_ALIASES} alias uses; anchors and aliases are limited to keep "
            "documents small",
        )
    except RecursionError:
        doc.data = None
        doc.problem((1 + line_offset, 1), "yaml-syntax", "YAML nested too deep to be a plan")


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


_BRACKETS = re.compile(r"[\[\]{}]")


def _flow_depth(text: str) -> int:
    depth = deepest = 0
    for ch in _BRACKETS.findall(text):
        if ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif ch in "]}" and depth:
            depth -= 1
    return deepest


class _TooManyAliases(Exception):
    pass


class _Converter:
    """Nodes to Mapping / Sequence / raw str / None, with positions, duplicate keys and merges."""

    def __init__(self, doc: Document, line_offset: int) -> None:
        self.doc = doc
        self.offset = line_offset
        self.seen: set[int] = set()
        self.active: set[int] = set()
        self.revisits = 0

    def pos(self, node: yaml.Node) -> Pos:
        return (node.start_mark.line + 1 + self.offset, node.start_mark.column + 1)

    def convert(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL_TAG and not node.style:  # C loader: '', pure: None
                return None
            return node.value
        key = id(node)
        if key in self.active:
            self.doc.problem(self.pos(node), "yaml-syntax", "an alias refers to itself")
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
            return self.mapping(node)
        finally:
            self.active.discard(key)

    def mapping(self, node: yaml.MappingNode) -> Mapping:
        out = Mapping(self.pos(node))
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                merges.append(value_node)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.doc.problem(self.pos(key_node), "bad-value", "a key must be plain text")
                continue
            name = key_node.value
            if name in out.key_at:
                first = out.key_at[name]
                self.doc.problem(
                    self.pos(key_node),
                    "duplicate-key",
                    f"key '{name}' appears twice in one mapping (first at line {first[0]})",
                )
            out[name] = self.convert(value_node)
            out.key_at[name] = self.pos(key_node)
            out.value_at[name] = self.pos(value_node)
        for merge in merges:  # `<<: *defaults`: keys written here win over merged ones
            sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
            for source in sources:
                merged = self.convert(source)
                if not isinstance(merged, Mapping):
                    self.doc.problem(self.pos(source), "bad-value", "'<<' must merge a mapping")
                    continue
                for name, value in merged.items():
                    if name not in out.key_at:
                        out[name] = value
                        out.key_at[name] = merged.key_at[name]
                        out.value_at[name] = merged.value_at[name]
        return out


# --- playbooks -------------------------------------------------------------------------

_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^\s`{]*)")


def read_playbook(root: Path, rel: str) -> PlaybookSource:
    """Read a playbook: YAML front matter between `---` lines, then Markdown with message blocks."""
    front = Document(rel)
    source = PlaybookSource(front)
    text = read_text(root, rel, front)
    if text is None:
        return source
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        front.problem(
            (1, 1),
            "yaml-syntax",
            "a playbook starts with YAML front matter between '---' lines (kind, title, ...)",
        )
        body_start = 0
    else:
        end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
        if end is None:
            front.problem((1, 1), "yaml-syntax", "front matter is not closed by a '---' line")
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
