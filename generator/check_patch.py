"""Checking a calendar file again when only some of its posts changed (check_again.py's
`_again`): the file is not parsed and checked whole, only the posts that changed.

A writer's save changes a few lines of a month file of 2,000 posts. What the last check found
in that file (its `Unit`) is kept, with the text it was made from and where each post stands
in it (`Layout`, a `Side` record in the cache folder). Checking again:

1. the old and new texts are compared line by line; the lines that differ must lie within
   whole items of the file's `posts:` list (the region), not in its head (defaults, `repeats:`);
2. two small texts are made: the old text and the new one, each with every other post's lines
   (and every repeat's) blanked, so that the region's posts stand on their own lines under the
   file's head; each is read and checked, in the plan's context, by every rule but the
   cross-file ones (as check_again checks a file);
3. the new unit is the old one, less what the old small text found in the region, plus what
   the new one finds there; what stands after the region moves by the lines added or removed.

That is a whole file's check when the rules judge each post on its own, with the head and the
plan's other files; check_again.py's cross-file rules are the ones that do not, and they run
again on every post. It is checked as it runs: the old small text must give exactly what the
whole file gave in the region (posts, problems), and the two small texts the same outside it
(the head's problems); the region's new lines must be items of the list and nothing else
(`_only_items`), parse without a problem, give the posts the layout expects and the file the
same top-level keys (a quote left open, or a break only YAML sees, can turn a post into part of
another or a key of the file), and end where the next post begins (`_ends_in_place`). Anything
else, and the file is read and checked whole (`patch` returns None). tests/test_check_patch.py
edits posts every way and compares with a whole check; tests/test_check_patch_edges.py keeps
what a deliberate attempt to make them differ tried.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import check_cache
from .load import Document, Mapping, Sequence, parse_yaml
from .problems import Problem, hints_left, reset_hints

if TYPE_CHECKING:
    from .check_again import Unit
    from .model import Plan

SIDE_SUFFIX = ".check-again-file"
# A block scalar that keeps its trailing blank lines (|+, >+) would take in the blank lines a
# small text puts after it; an alias (*name, <<: *name) in a post that did not change may
# stand for an anchor's value that did; a line break only YAML sees (NEL, U+2028, U+2029) can
# put a file-wide key inside a post. (Each may be plain text too: that file is read whole.)
_KEEPS_BLANKS = re.compile(r"[|>][1-9]?\+|[|>]\+")
_ALIAS = re.compile(r"(?:^|[\s\[{,])\*[^\s,\[\]{}]", re.MULTILINE)
_YAML_BREAKS = ("\x85", "\u2028", "\u2029")


def _alone(text: str) -> bool:
    """Whether nothing in the text ties one post to another (each test is a search in C first:
    a month's file is half a megabyte)."""
    return not (
        any(ch in text for ch in _YAML_BREAKS)
        or ("+" in text and _KEEPS_BLANKS.search(text))
        or ("*" in text and _ALIAS.search(text))
    )


LINE, COL = 0, 1


@dataclass
class Layout:
    """Where a calendar file's items stand (1-based lines)."""

    column: int  # 0-based column of the dashes of the posts: list
    starts: list[int]  # the line of each post item's dash
    end: int  # the line after the last post item (its trailing comments are its own)
    others: list[tuple[int, int]]  # [start, end) of each repeats: item (blanked in a small text)
    lines: int  # lines in the text (text.split("\n"))

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, [*self.starts[1:], self.end]))


@dataclass
class Side:
    """A calendar file's text as its kept unit was made from it, and its layout."""

    digest: str  # the snapshot's digest of the file the unit is kept under (Kept.digests)
    text: str
    layout: Layout


def layout_of(doc: Document, text: str) -> Layout | None:
    """The layout of a file read without a problem whose posts: (and repeats:) are block lists
    of one item per dash; None for anything else (then the file is checked whole)."""
    data = doc.data
    if doc.problems or not isinstance(data, Mapping) or not isinstance(data.get("posts"), Sequence):
        return None
    lines = text.split("\n")
    keys = sorted(at[LINE] for at in data.key_at.values())
    posts = _items(data["posts"], lines, keys)
    if posts is None or not posts[0]:
        return None
    others: list[tuple[int, int]] = []
    repeats = data.get("repeats")
    if isinstance(repeats, Sequence) and repeats:
        found = _items(repeats, lines, keys)
        if found is None:
            return None
        others = list(zip(found[0], [*found[0][1:], found[2]]))
    elif "repeats" in data and repeats not in (None, []):
        return None
    return Layout(posts[1], posts[0], posts[2], others, len(lines))


def _items(seq: Sequence, lines: list[str], keys: list[int]) -> tuple[list[int], int, int] | None:
    """(each item's dash line, the dashes' column, the line after the list) of a block list
    whose items each start with a dash on a line of their own."""
    if not seq.item_at:
        return [], 0, 0
    first, col = seq.start[LINE], seq.start[COL] - 1
    end = next((line for line in keys if line > first), len(lines) + 1)
    dash = " " * col + "-"
    starts = [
        n
        for n, line in enumerate(lines[first - 1 : end - 1], first)
        if line.startswith(dash) and line[col + 1 : col + 2] in ("", " ")
    ]
    if len(starts) != len(seq.item_at):
        return None
    for n, (start, nxt) in enumerate(zip(starts, [*starts[1:], end])):
        if not start <= seq.item_at[n][LINE] < nxt:
            return None
    return starts, col, end


def _is_dash(line: str, col: int) -> bool:
    return line[col : col + 1] == "-" and (len(line) == col + 1 or line[col + 1] == " ") and not line[:col].strip(" ")


def _only_items(lines: list[str], col: int) -> bool:
    """Whether these lines are whole items of a list whose dashes stand at `col`: past blank
    and comment lines, the first is a dash, and every other is indented past the dashes or is
    a dash."""
    seen = False
    for line in lines:
        body = line.lstrip(" ")
        if not body or body.startswith("#"):
            continue
        indent = len(line) - len(body)
        if indent < col or (indent == col and not _is_dash(line, col)) or (not seen and indent != col):
            return False
        seen = True
    return True


# --- the side record, in the cache folder -----------------------------------------------------


def side_path(kept: Path, rel: str) -> Path:
    name = hashlib.sha256(rel.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return kept.with_name(f"{kept.name.removesuffix(kept.suffix)}-{name}{SIDE_SUFFIX}")


def keep_side(kept: Path, key: bytes, rel: str, side: Side) -> None:
    check_cache.write_sealed(side_path(kept, rel), key, {"tool": check_cache.tool_version(), "side": side})


def read_side(kept: Path, key: bytes, rel: str, digest: str) -> Side | None:
    content, _why = check_cache.read_sealed(side_path(kept, rel), key)
    side = content.get("side") if content is not None else None
    return side if isinstance(side, Side) and side.digest == digest else None


# --- checking again ---------------------------------------------------------------------------


def patch(context: Plan, rel: str, old: Unit, side: Side, text: str, check: Any) -> tuple[Unit, Layout | None] | None:
    """The unit of the calendar file `rel` whose text is now `text`, from its `old` unit and
    the text it was made from (`side`); with its new layout (None: no post is left).
    `check(doc)` reads and checks a small text in the plan's context (check_again._small_unit).
    None when that would not surely be what checking the whole file gives."""
    from .check_again import Unit, _dates, _row_order

    layout = side.layout
    before, after = side.text.split("\n"), text.split("\n")
    if len(before) != layout.lines or not _alone(text) or not _alone(side.text):
        return None
    region = _region(before, after, layout)
    if region is None:
        return None
    a, b = region
    delta = len(after) - len(before)
    if not _only_items(after[a - 1 : b - 1 + delta], layout.column):
        return None
    spans = layout.spans()
    small_old = _blank(before, [s for s in spans if not a <= s[0] < b] + layout.others)
    shifted = [_moved(s, b, delta) for s in spans if not a <= s[0] < b] + [_moved(s, b, delta) for s in layout.others]
    small_new = _blank(after, shifted)
    hints = hints_left()
    was = _small(rel, small_old, check)
    reset_hints(hints)  # the old text's comparisons are not this check's
    now = _small(rel, small_new, check)
    if was is None or now is None:
        return None
    (unit_was, layout_was, keys_was), (unit_now, layout_now, keys_now) = was, now
    assert unit_was is not None and unit_now is not None
    # the items the layout expects, and nothing else, in each small text; the same file keys
    if layout_was.starts != [s for s in layout.starts if a <= s < b] or layout_was.others or layout_now.others:
        return None
    new_starts = layout_now.starts
    if any(not a <= s < b + delta for s in new_starts) or [k - delta if k >= b + delta else k for k in keys_now] != keys_was:
        return None
    if b in layout.starts and not _ends_in_place(rel, small_new, after, b + delta, new_starts, keys_now):
        return None

    def inside(line: int) -> bool:
        return a <= line < b

    def inside_now(line: int) -> bool:
        return a <= line < b + delta

    # the old small text gives what the whole file gave in the region; the head the same in both
    if _keys(p for p in old.problems if inside(p.line)) != _keys(p for p in unit_was.problems if inside(p.line)):
        return None
    if Counter(r for r in old.posts if inside(r[-1][0])) != Counter(unit_was.posts):
        return None
    head_was = _keys(p for p in unit_was.problems if not inside(p.line))
    head_now = _keys(_shift(p, b + delta, -delta) for p in unit_now.problems if not inside_now(p.line))
    if head_was != head_now or any(not inside_now(r[-1][0]) for r in unit_now.posts) or unit_was.repeats or unit_now.repeats:
        return None
    counts = dict(old.counts)
    for code, count in unit_now.counts.items():
        counts[code] = counts.get(code, 0) + count
    for code, count in unit_was.counts.items():
        counts[code] = counts.get(code, 0) - count
        if counts[code] < 0:
            return None
    problems = [_shift(p, b, delta) for p in old.problems if not inside(p.line)]
    problems += [p for p in unit_now.problems if inside_now(p.line)]
    posts = [_shift_row(r, b, delta) for r in old.posts if not inside(r[-1][0])] + unit_now.posts
    posts.sort(key=_row_order)
    unit = Unit(
        sorted(problems),
        posts,
        [_shift_repeat(r, b, delta) for r in old.repeats],
        {code: count for code, count in counts.items() if count},
        old.text - unit_was.text + unit_now.text,
        hints=old.hints - unit_was.hints + unit_now.hints,
    )
    _dates(unit)
    starts = [s for s in layout.starts if s < a] + new_starts + [s + delta for s in layout.starts if s >= b]
    others = [_moved(s, b, delta) for s in layout.others]
    return unit, Layout(layout.column, starts, layout.end + delta, others, len(after)) if starts else None


def _region(before: list[str], after: list[str], layout: Layout) -> tuple[int, int] | None:
    """[a, b): the old lines of the post items the change lies in (1-based); None when it
    touches anything but post items."""
    limit = min(len(before), len(after))
    p = 0
    while p < limit and before[p] == after[p]:
        p += 1
    s = 0
    while s < limit - p and before[-1 - s] == after[-1 - s]:
        s += 1
    changed_to = len(before) - s  # the old lines p+1 .. changed_to differ (none: an insertion)
    lo, hi = max(p, 1), min(changed_to + 1, len(before))
    touched = [(start, end) for start, end in layout.spans() if start <= hi and end > lo]
    if not touched:
        return None
    a, b = touched[0][0], touched[-1][1]
    if a > p + 1 or b < changed_to + 1:
        return None
    return a, b


def _blank(lines: list[str], spans: list[tuple[int, int]]) -> str:
    out = list(lines)
    for start, end in spans:
        out[start - 1 : end - 1] = [""] * (end - start)
    return "\n".join(out)


def _moved(span: tuple[int, int], at: int, delta: int) -> tuple[int, int]:
    return (span[0] + delta, span[1] + delta) if span[0] >= at else span


def _small(rel: str, text: str, check: Any = None) -> tuple[Unit | None, Layout, list[int]] | None:
    """A small text read and (with `check`) checked: (its unit, its layout, the lines of its
    top-level keys); None when YAML finds a problem in it or its posts are not one to a dash."""
    doc = Document(rel)
    parse_yaml(text, doc)
    layout = layout_of(doc, text)
    if doc.problems or (layout is None and not _no_posts(doc)):
        return None
    keys = sorted(at[LINE] for at in doc.data.key_at.values())
    return check(doc) if check is not None else None, layout or Layout(0, [], 0, [], len(text.split("\n"))), keys


def _ends_in_place(rel: str, small: str, after: list[str], next_post: int, starts: list[int], keys: list[int]) -> bool:
    """Whether the region's posts end where the next post begins: the small text with that
    post's first line put back reads as the region's posts and that one more (a quote or a
    bracket left open in the region would run on into it in the whole file; in the small
    text, into whatever comes after the blank lines)."""
    lines = small.split("\n")
    lines[next_post - 1] = after[next_post - 1]
    probe = _small(rel, "\n".join(lines))
    return probe is not None and probe[1].starts == [*starts, next_post] and probe[2] == keys


def _no_posts(doc: Document) -> bool:
    data = doc.data
    return isinstance(data, Mapping) and not data.get("posts") and not data.get("repeats")


def _keys(problems) -> list[tuple]:
    return sorted((*p.sort_key(), p.severity) for p in problems)


def _shift(p: Problem, at: int, delta: int) -> Problem:
    return Problem(p.path, p.line + delta, p.col, p.code, p.message, p.severity) if p.line >= at and delta else p


def _shift_row(row: tuple, at: int, delta: int) -> tuple:
    w = row[-1]
    if w[0] < at or not delta:
        return row
    return (*row[:-1], (w[0] + delta, w[1], w[2] + delta, w[3], w[4] + delta, w[5]))


def _shift_repeat(row: tuple, at: int, delta: int) -> tuple:
    return (row[0], row[1], row[2] + delta, row[3]) if row[2] >= at and delta else row
