"""Checking a calendar file again from the posts that changed in it (generator/check_patch.py):
whatever a writer does to a few posts, checking again finds exactly what a whole check finds,
and the posts alone are checked again whenever the change is one of posts."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from generator import check_again, check_cache, check_patch
from generator.check import check, check_outcome
from generator.i18n import language
from tests.support import PROJECT, broken_codes, build_plan


def _listed(problems) -> list[tuple]:
    return [(p.path, p.line, p.col, p.severity, p.code, p.message) for p in problems]


def _items(lines: list[str]) -> tuple[int, list[tuple[int, int]]]:
    """(the dashes' column, [start, end) of each item of the posts: list, 0-based lines),
    found without the code under test."""
    start = lines.index("posts:") + 1
    first = next(i for i in range(start, len(lines)) if re.match(r"\s*- ", lines[i]))
    col = len(lines[first]) - len(lines[first].lstrip(" "))
    end = next((i for i in range(first, len(lines)) if lines[i][:1].isalpha()), len(lines))
    starts = [i for i in range(first, end) if lines[i][:col].strip() == "" and lines[i][col : col + 2] == "- "]
    return col, list(zip(starts, [*starts[1:], end]))


def _item(lines: list[str], span: tuple[int, int]) -> list[str]:
    body = lines[span[0] : span[1]]
    while body and not body[-1].strip():
        body = body[:-1]
    return body


# What a writer does to the posts of a calendar file: each takes the lines, the list's column
# and the items, and the item to work on; it gives the new lines, and whether checking again
# must take only the posts (False: the change is not one of posts, or unsure).
def _note(lines, col, items, k):
    s, e = items[k]
    pad = " " * (col + 2)
    at = next((i for i in range(s, e) if lines[i].startswith(pad + "note:")), None)
    if at is None:
        return [*lines[: s + 1], f"{pad}note: 改一个字", *lines[s + 1 :]], True
    return [*lines[:at], f"{pad}note: 改{k}", *lines[at + 1 :]], True


def _field(name, value):
    def edit(lines, col, items, k):
        s, e = items[k]
        pad = " " * (col + 2)
        at = next((i for i in range(s, e) if re.match(rf"(\s*-)?\s*{name}:", lines[i])), None)
        if at is None:
            return [*lines[: s + 1], f"{pad}{name}: {value}", *lines[s + 1 :]], True
        head = lines[at].split(f"{name}:")[0]
        return [*lines[:at], f"{head}{name}: {value}", *lines[at + 1 :]], True

    edit.__name__ = f"_{name}_{value}"
    return edit


def _delete(lines, col, items, k):
    s, e = items[k]
    return [*lines[:s], *lines[e:]], True


def _twice(lines, col, items, k):
    s, e = items[k]
    return [*lines[:e], *_item(lines, items[k]), *lines[e:]], True


def _swap(lines, col, items, k):
    if k + 1 >= len(items):
        return lines, True
    (s, _), (_, e) = items[k], items[k + 1]
    return [*lines[:s], *_item(lines, items[k + 1]), "", *_item(lines, items[k]), "", *lines[e:]], True


def _first_and_last(lines, col, items, k):
    out, _ = _note(lines, col, items, len(items) - 1)
    out, _ = _note(out, col, items, 0)
    return out, True


def _comment(lines, col, items, k):
    s, _ = items[k]
    return [*lines[:s], " " * col + "# 先发这条", *lines[s:]], True


def _dash_alone(lines, col, items, k):
    s, _ = items[k]
    first = lines[s]
    return [*lines[:s], " " * col + "-", " " * (col + 2) + first[col + 2 :], *lines[s + 1 :]], True


def _appended(lines, col, items, k):
    body = _item(lines, items[-1])
    end = items[-1][0] + len(body)
    return [*lines[:end], *body, *lines[end:]], True


def _unclosed(lines, col, items, k):
    s, _ = items[k]
    return [*lines[: s + 1], " " * (col + 2) + 'note: "没有收尾', *lines[s + 1 :]], False


def _indented(lines, col, items, k):
    s, e = items[k]
    return [*lines[:s], *("  " + line if line.strip() else line for line in lines[s:e]), *lines[e:]], False


def _keeps_blanks(lines, col, items, k):
    s, _ = items[k]
    pad = " " * (col + 2)
    return [*lines[: s + 1], f"{pad}note: |+", f"{pad}  留两行空行", "", *lines[s + 1 :]], False


def _head(lines, col, items, k):
    return ["# 文件头改了", *lines], False


def _repeats_key(lines, col, items, k):
    s, _ = items[k]
    return [*lines[:s], "repeats:", *lines[s:]], False


EDITS = [
    _note,
    _field("channel", "no-such-channel"),
    _field("date", "2027-02-30"),
    _field("time", '"25:00"'),
    _field("status", "approved"),
    _field("headline", "一模一样的标题"),
    _field("playbook", "no-such-playbook"),
    _delete,
    _twice,
    _swap,
    _first_and_last,
    _comment,
    _dash_alone,
    _appended,
    _unclosed,
    _indented,
    _keeps_blanks,
    _head,
    _repeats_key,
]


YAML_CODES = ("yaml-syntax", "duplicate-key")


def _calendars(root: Path) -> list[Path]:
    return sorted(
        p for p in (root / "content" / "calendar").rglob("*.yml") if "posts:" in p.read_text(encoding="utf-8").split("\n")
    )


def _again(root: Path):
    with language("en"):
        return check_again.check_again(root, "en", 1)


def _edit_and_compare(root: Path, path: Path, edit, k: int, patches: list[bool]) -> None:
    before = _listed(check_outcome(root, cache=True).problems)  # kept, as the file is now
    rel = path.relative_to(root).as_posix()
    lines = path.read_text(encoding="utf-8").split("\n")
    col, items = _items(lines)
    changed, posts_only = edit(lines, col, items, k % len(items))
    path.write_text("\n".join(changed), encoding="utf-8")
    del patches[:]
    again = _again(root)
    expected = _listed(check(root).problems)
    assert again is not None, f"{edit.__name__} on {path.name}: not checked again"
    assert _listed(again.problems) == expected, f"{edit.__name__} on item {k} of {path.name}"
    # A file YAML cannot read (before or after) is read whole: its layout is not known.
    readable = not any(p[0] == rel and p[4] in YAML_CODES for p in [*before, *expected])
    if posts_only and changed != lines and readable:
        assert patches == [True], f"{edit.__name__} on item {k} of {path.name}: the file was read whole"


def _littered(path: Path) -> None:
    """Problems in a post of every few: an unknown channel, a post in quiet hours, a headline
    written twice (found by a rule of posts alone, and by a cross-file rule)."""
    for every, edit in (
        (5, _field("channel", "no-such-channel")),
        (7, _field("time", '"03:00"')),
        (4, _field("headline", "同一个标题")),
    ):
        lines = path.read_text(encoding="utf-8").split("\n")
        col, items = _items(lines)
        for k in reversed(range(1, len(items), every)):
            lines, _ = edit(lines, col, items, k)
        path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("littered", [False, True], ids=["shipped", "littered"])
@pytest.mark.parametrize("edit", EDITS, ids=lambda e: e.__name__.strip("_"))
def test_every_edit_of_the_shipped_plan_finds_what_a_whole_check_finds(edit, littered, tmp_path, cache_dir, patches):
    root = tmp_path / "plan"
    for folder in ("content", "playbooks"):
        shutil.copytree(PROJECT / folder, root / folder)
    for path in _calendars(root) if littered else ():
        _littered(path)
    for path in _calendars(root):
        kept = path.read_bytes()
        for k in (0, 7, 10_000):  # the first, one inside, the last (k is taken modulo)
            _edit_and_compare(root, path, edit, k if k < 10_000 else -1, patches)
            path.write_bytes(kept)


@pytest.mark.parametrize("code", broken_codes(network=False))
def test_edits_of_every_broken_plan_find_what_a_whole_check_finds(code, tmp_path, cache_dir, patches):
    root = build_plan(tmp_path / "plan", code)
    chosen = random.Random(code)
    for path in _calendars(root):
        kept = path.read_bytes()
        for edit in chosen.sample(EDITS, 5):
            _edit_and_compare(root, path, edit, chosen.randrange(100), patches)
            path.write_bytes(kept)


def test_a_run_of_saves_stays_equal(tmp_path, cache_dir, patches):
    """Edit after edit of one file, each checked again from the last: the kept text and layout
    follow every change."""
    root = tmp_path / "plan"
    for folder in ("content", "playbooks"):
        shutil.copytree(PROJECT / folder, root / folder)
    path = _calendars(root)[0]
    chosen = random.Random(19)
    check_outcome(root, cache=True)
    used = 0
    for _ in range(25):
        lines = path.read_text(encoding="utf-8").split("\n")
        col, items = _items(lines)
        edit = chosen.choice([e for e in EDITS if e not in (_head, _repeats_key, _indented, _unclosed, _keeps_blanks)])
        changed, _ = edit(lines, col, items, chosen.randrange(len(items)))
        path.write_text("\n".join(changed), encoding="utf-8")
        del patches[:]
        outcome = check_outcome(root, cache=True)
        assert _listed(outcome.problems) == _listed(check(root).problems), edit.__name__
        used += patches == [True]
    assert used >= 20


def test_a_side_record_of_another_text_is_not_used(tmp_path, cache_dir, patches):
    """A side record kept for other bytes than the unit's (a race, a planted file) is ignored."""
    root = tmp_path / "plan"
    for folder in ("content", "playbooks"):
        shutil.copytree(PROJECT / folder, root / folder)
    check_outcome(root, cache=True)
    path = _calendars(root)[0]
    rel = path.relative_to(root).as_posix()
    with language("en"):
        kept_at, key = check_cache.open_sealed(root, "en", check_again.SUFFIX)
    side = check_patch.read_side(kept_at, key, rel, check_again.Snapshot.take(root).digests[rel])
    assert side is not None
    side.text = side.text.replace("posts:", "posts:\n  - date: 2027-01-01\n    time: '09:00'\n    channel: x", 1)
    check_patch.keep_side(kept_at, key, rel, side)
    lines = path.read_text(encoding="utf-8").split("\n")
    col, items = _items(lines)
    path.write_text("\n".join(_note(lines, col, items, 1)[0]), encoding="utf-8")
    again = _again(root)
    assert again is not None and _listed(again.problems) == _listed(check(root).problems)
    assert patches == [False]


def test_a_post_that_names_another_posts_anchor_is_checked_again(tmp_path, cache_dir, patches):
    """An alias in a post that did not change stands for an anchor's value that did: the file is
    read whole, and the post with the alias is found with the new value."""
    root = tmp_path / "plan"
    for folder in ("content", "playbooks"):
        shutil.copytree(PROJECT / folder, root / folder)
    path = _calendars(root)[0]
    lines = path.read_text(encoding="utf-8").split("\n")
    col, items = _items(lines)
    lines, _ = _field("headline", "&h 一个普通的标题")(lines, col, items, 0)
    col, items = _items(lines)
    lines, _ = _field("headline", "*h")(lines, col, items, 3)
    path.write_text("\n".join(lines), encoding="utf-8")
    check_outcome(root, cache=True)
    path.write_text(path.read_text(encoding="utf-8").replace("&h 一个普通的标题", "&h 全网最低价，史上最强"), encoding="utf-8")
    again = _again(root)
    expected = _listed(check(root).problems)
    assert again is not None and _listed(again.problems) == expected
    assert sum(p[4] == "banned-word" and p[0] == path.relative_to(root).as_posix() for p in expected) >= 2
    assert patches == [False]


# Text a slip of the keyboard puts into a calendar file: YAML's own characters among them.
SLIPS = ['"', "'", "{", "}", "[", "]", ": ", "#", "- ", "|", ">", "  ", "\t", "最", "转发", "&a ", "*a", "---", "?", "!t ", "`"]


def test_random_slips_and_edits_stay_equal(tmp_path, cache_dir, patches):
    """Forty saves of a plan littered with problems, each an edit of a post or a slip anywhere in
    a file (a character typed, a line deleted, doubled, swapped or stripped), half of them put
    back after: every check again finds what a whole check finds."""
    root = tmp_path / "plan"
    for folder in ("content", "playbooks"):
        shutil.copytree(PROJECT / folder, root / folder)
    calendars = _calendars(root)
    for path in calendars:
        _littered(path)
    written = {path: path.read_text(encoding="utf-8") for path in calendars}
    chosen = random.Random(20261205)
    check_outcome(root, cache=True)
    made: list[bool] = []
    for step in range(40):
        path = chosen.choice(calendars)
        lines = path.read_text(encoding="utf-8").split("\n")
        if chosen.random() < 0.5:
            col, items = _items(lines)
            lines, _ = chosen.choice(EDITS)(lines, col, items, chosen.randrange(len(items)))
        else:
            i, j = chosen.randrange(len(lines)), chosen.randrange(len(lines))
            slip = chosen.randrange(4)
            if slip == 0:
                at = chosen.randrange(len(lines[i]) + 1)
                lines[i] = lines[i][:at] + chosen.choice(SLIPS) + lines[i][at:]
            elif slip == 1:
                del lines[i]
            elif slip == 2:
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
        path.write_text("\n".join(lines), encoding="utf-8")
        del patches[:]
        outcome = check_outcome(root, cache=True)
        assert _listed(outcome.problems) == _listed(check(root).problems), f"step {step} in {path.name}"
        made += patches
        if chosen.random() < 0.5:
            path.write_text(written[path], encoding="utf-8")
    assert made.count(True) >= 10
