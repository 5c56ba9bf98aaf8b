"""Checking again after calendar files changed (generator/check_again.py): whatever changed in
the calendar files, the problems are exactly those of a whole check without any cache; it is
used only when only calendar files' bytes changed; what it keeps is sealed like the cache."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from generator import check_again, check_cache
from generator.check import check, check_outcome
from generator.i18n import language
from generator.rules import CROSS_FILE_RULES, RULES
from tests.support import PROJECT, broken_codes, build_plan, run_subprocess

# Fixtures whose plan is never checked again file by file, and why (check_again's docstring).
WHOLE_ONLY: dict[str, str] = {}


def _listed(problems) -> list[tuple]:
    return [(p.path, p.line, p.col, p.severity, p.code, p.message) for p in problems]


def _whole(root: Path) -> list[tuple]:
    return _listed(check(root).problems)


def _again(root: Path, cores: int = 1):
    with language("en"):
        return check_again.check_again(root, "en", cores)


def _calendars(root: Path) -> list[Path]:
    return sorted(p for p in (root / "content" / "calendar").rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())


def _edits(text: bytes) -> list[bytes]:
    """What a writer does to a calendar file: every line moves down, the file is emptied, its
    posts are written twice (every slot, id and headline taken again), and it comes back."""
    doubled = text
    if b"\nposts:\n" in b"\n" + text:
        head, _, posts = (b"\n" + text).partition(b"\nposts:\n")
        body = posts.split(b"\nrepeats:\n")[0]
        doubled = (head + b"\nposts:\n" + body + b"\n" + posts)[1:]
    return [b"# moved\n" + text, b"posts: []\n", doubled, text]


@pytest.mark.parametrize("code", broken_codes(network=False))
def test_checking_one_file_again_finds_what_a_whole_check_finds(code, tmp_path, cache_dir):
    root = build_plan(tmp_path / "plan", code)
    first = check_outcome(root, cache=True)
    assert _listed(first.problems) == _whole(root)
    used = 0
    for path in _calendars(root):
        text = path.read_bytes()
        for edited in _edits(text):
            path.write_bytes(edited)
            again = _again(root)
            expected = _whole(root)
            if again is not None:
                used += 1
                assert _listed(again.problems) == expected, f"{code}: {path.name} edited"
            outcome = check_outcome(root, cache=True)  # kept again after a whole check
            assert _listed(outcome.problems) == expected
    if code in WHOLE_ONLY:
        assert used == 0, WHOLE_ONLY[code]
    else:
        assert used, f"{code}: never checked again file by file"


def _posts_of(text: str) -> str:
    """The lines of a calendar file's `posts:` list."""
    lines = text.split("\n")
    start = lines.index("posts:") + 1
    end = next((i for i in range(start, len(lines)) if lines[i][:1].isalpha()), len(lines))
    return "\n".join(lines[start:end])


def test_posts_written_into_another_file_meet_every_cross_file_rule(tmp_path, cache_dir):
    """One calendar file's posts written into another's as well: each of them now shares a
    slot, an id, a day and a headline with a post in another file."""
    root = tmp_path / "plan"
    for folder in ("content", "playbooks"):
        shutil.copytree(PROJECT / folder, root / folder)
    calendars = _calendars(root)
    assert len(calendars) >= 2
    check_outcome(root, cache=True)
    codes: set[str] = set()
    for source, target in zip(calendars, calendars[1:] + calendars[:1]):
        kept = target.read_text(encoding="utf-8")
        target.write_text(kept.replace("\nposts:\n", "\nposts:\n" + _posts_of(source.read_text(encoding="utf-8")) + "\n", 1))
        again = _again(root, cores=2)
        assert again is not None
        assert _listed(again.problems) == _whole(root)
        codes |= {p.code for p in again.problems}
        target.write_text(kept, encoding="utf-8")
        back = _again(root)
        assert back is not None and _listed(back.problems) == _whole(root)
    assert {"slot-conflict", "duplicate-headline"} <= codes


def _split(text: str) -> tuple[str, str] | None:
    """(the file with every other post of its `posts:` list, a file with the others), or None
    when it has no list of posts written one item to a line."""
    lines = text.split("\n")
    if "posts:" not in lines:
        return None
    start = lines.index("posts:") + 1
    end = next((i for i in range(start, len(lines)) if lines[i][:1].isalpha()), len(lines))
    items: list[list[str]] = []
    for line in lines[start:end]:
        if line.lstrip().startswith("- ") and (not items or len(line) - len(line.lstrip()) == items[0][0].index("-")):
            items.append([line])
        elif items:
            items[-1].append(line)
    if len(items) < 2:
        return None
    kept = "\n".join(lines[:start] + [line for item in items[::2] for line in item] + lines[end:])
    return kept, "posts:\n" + "\n".join(line for item in items[1::2] for line in item) + "\n"


@pytest.mark.parametrize("code", broken_codes(network=False))
def test_posts_split_between_two_files_find_what_they_found_in_one(code, tmp_path, cache_dir):
    """Every other post of each calendar file moved into a file of its own: what the broken
    fixture finds across posts is now found across files, checked again file by file."""
    root = build_plan(tmp_path / "plan", code)
    halves = {path: _split(path.read_text(encoding="utf-8")) for path in _calendars(root)}
    for path in halves:
        path.with_name(path.stem + "-b.yml").write_text("posts: []\n", encoding="utf-8")
    check_outcome(root, cache=True)
    for path, split in halves.items():
        if split is not None:
            path.write_text(split[0], encoding="utf-8")
            path.with_name(path.stem + "-b.yml").write_text(split[1], encoding="utf-8")
    again = _again(root, cores=2)
    expected = _whole(root)
    assert again is not None and _listed(again.problems) == expected
    assert _listed(check_outcome(root, cache=True).problems) == expected


def test_only_calendar_files_are_checked_again(tmp_path, cache_dir):
    root = build_plan(tmp_path / "plan")
    check_outcome(root, cache=True)
    assert _again(root) is not None  # nothing changed
    playbook = sorted((root / "playbooks").rglob("*.md"))[0]
    playbook.write_text(playbook.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _again(root) is None  # a playbook: the whole plan
    check_outcome(root, cache=True)
    (root / "content" / "assets").mkdir(exist_ok=True)
    (root / "content" / "assets" / "new.jpg").write_bytes(b"\xff\xd8")
    assert _again(root) is None  # an attachment may now exist
    check_outcome(root, cache=True)
    (root / "content" / "calendar" / "2099-01.yml").write_text("posts: []\n", encoding="utf-8")
    assert _again(root) is None  # a new calendar file
    assert _listed(check_outcome(root, cache=True).problems) == _whole(root)


def test_a_file_changed_behind_the_same_stat_is_still_seen(tmp_path, cache_dir, monkeypatch):
    """Files long unchanged are not read again (their stat is trusted); one whose bytes change
    with its size and mtime put back is read, as its ctime moved; one written in the instant
    the last snapshot was taken is read again however its stat looks."""
    root = build_plan(tmp_path / "plan")
    playbook = sorted((root / "playbooks").rglob("*.md"))[0]
    old = os.stat(playbook)
    os.utime(playbook, ns=(old.st_atime_ns, old.st_mtime_ns - 10 * check_again.TRUST_AFTER_NS))
    check_outcome(root, cache=True)
    first = check_again.Snapshot.take(root)
    assert first is not None
    read: list[str] = []
    real = check_again._no_follow

    def spy(path: str, flags: int) -> int:
        read.append(os.path.relpath(path, root))
        return real(path, flags)

    monkeypatch.setattr(check_again, "_no_follow", spy)
    monkeypatch.setattr(check_again, "TRUST_AFTER_NS", 0)  # every file is old enough
    monkeypatch.setattr(first, "started", time.time_ns() + 10**9)
    again = check_again.Snapshot.take(root, first)
    assert again is not None and again.digests == first.digests and read == []
    text = playbook.read_bytes()
    before = os.stat(playbook)
    playbook.write_bytes(text.replace(b"e", b"E", 1) if b"e" in text else text + b"")
    os.utime(playbook, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(playbook).st_size == before.st_size
    changed = check_again.Snapshot.take(root, first)
    assert changed is not None and read == [playbook.relative_to(root).as_posix()]
    assert changed.digests[read[0]] != first.digests[read[0]]
    monkeypatch.setattr(check_again, "TRUST_AFTER_NS", 2 * 10**18)  # everything was just written
    read.clear()
    assert check_again.Snapshot.take(root, changed) is not None and len(read) == len(first.digests)


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage"])
def test_a_damaged_record_is_ignored(damage, tmp_path, cache_dir):
    root = build_plan(tmp_path / "plan")
    check_outcome(root, cache=True)
    (kept,) = cache_dir.glob("*" + check_again.SUFFIX)
    data = kept.read_bytes()
    kept.write_bytes(
        {"truncate": data[: len(data) // 2], "flip": data[:-1] + bytes([data[-1] ^ 1]), "garbage": b"x" * 100}[damage]
    )
    path = _calendars(root)[0]
    path.write_bytes(b"# moved\n" + path.read_bytes())
    assert _again(root) is None
    assert _listed(check_outcome(root, cache=True).problems) == _whole(root)
    assert _again(root) is not None  # written again, whole


def test_no_cache_keeps_nothing(tmp_path, cache_dir, run_cli):
    root = build_plan(tmp_path / "plan")
    run_cli("check", "--root", str(root), "--no-cache")
    assert not list(cache_dir.glob("*" + check_again.SUFFIX)) if cache_dir.exists() else True


def test_the_command_line_check_says_the_same_again(tmp_path, cache_dir):
    root = build_plan(tmp_path / "plan", "slot-conflict")
    env = {**os.environ, check_cache.ENV: str(cache_dir)}
    whole = run_subprocess("check", "--root", str(root), "--no-cache", env=env)
    first = run_subprocess("check", "--root", str(root), env=env)
    path = _calendars(root)[0]
    path.write_bytes(path.read_bytes() + b"\n# saved again\n")
    again = run_subprocess("check", "--root", str(root), env=env)
    assert first.out == whole.out == again.out and whole.out
    assert first.err == whole.err == again.err
    assert list(cache_dir.glob("*" + check_again.SUFFIX))


def test_the_cross_file_rules_are_rules():
    assert CROSS_FILE_RULES <= set(RULES)
    assert check_again.LOCAL_RULES + check_again.CROSS_RULES == tuple(r for r in RULES if r not in CROSS_FILE_RULES) + tuple(
        r for r in RULES if r in CROSS_FILE_RULES
    )


@pytest.mark.parametrize("code", ["duplicate-id", "duplicate-headline", "slot-conflict", "min-gap"])
def test_a_summary_stands_where_its_post_stands(code, tmp_path):
    """Summaries read their places straight from where the posts were written: the same places
    Post.where gives, for posts, repeats' occurrences, written and derived ids."""
    plan = check(build_plan(tmp_path / "plan", code)).plan
    rows = check_again._Rows()
    assert plan.posts
    for post in plan.posts:
        summary = check_again.Summary._make(rows.of(post))
        for keys in ((), ("id",), ("headline",)):
            assert summary.where(*keys) == post.where(*keys)
        assert (summary.id, summary.date, summary.time, summary.channel, summary.hhmm) == (
            post.id,
            post.date,
            post.time,
            post.channel,
            post.hhmm,
        )
    with pytest.raises(check_again.NotSure):
        summary.where("vars")


@pytest.mark.parametrize("code", [*broken_codes(network=False), None])
def test_a_whole_check_file_by_file_finds_what_check_finds(code, tmp_path):
    """contentplan check checks a plan file by file (check_by_files), on one core or two: the
    problems of check.check, for every broken fixture and the valid plan."""
    root = build_plan(tmp_path / "plan", code)
    expected = _whole(root)
    with language("en"):
        for cores in (1, 2):
            outcome = check_again.check_by_files(root, "en", cores)
            assert outcome is not None, f"{code}: checked as a whole instead"
            assert _listed(outcome.problems) == expected
            assert (outcome.files_read, outcome.posts) == (check(root).plan.files_read, len(check(root).plan.posts))


def test_the_shipped_plan_file_by_file(tmp_path):
    root = tmp_path / "plan"
    for folder in ("content", "playbooks"):
        shutil.copytree(PROJECT / folder, root / folder)
    with language("en"):
        outcome = check_again.check_by_files(root, "en", 2)
    assert outcome is not None and _listed(outcome.problems) == _whole(root)


def test_a_plan_near_a_bound_is_checked_as_a_whole(tmp_path, cache_dir, monkeypatch):
    """Past check.MAX_PER_RULE findings of one rule, which ones are reported depends on the
    order of the whole plan: the file-by-file check steps aside, and check_outcome still gives
    check's problems."""
    from generator import check as check_module

    monkeypatch.setattr(check_module, "MAX_PER_RULE", 2)
    monkeypatch.setattr(check_again, "MAX_PER_RULE", 2)
    root = build_plan(tmp_path / "plan", "unknown-channel")
    posts = "".join(
        f'  - {{date: 2026-12-{day:02d}, time: "10:00", channel: nowhere, playbook: tasting-invite}}\n' for day in range(1, 6)
    )
    (root / "content" / "calendar" / "more.yml").write_text("posts:\n" + posts, encoding="utf-8")
    with language("en"):
        assert check_again.check_by_files(root, "en") is None
    assert _listed(check_outcome(root, cache=True).problems) == _whole(root)
    assert "more than 2 problems" in " ".join(p.message for p in check(root).problems)


def test_past_the_did_you_mean_bound_the_plan_is_checked_as_a_whole(tmp_path, cache_dir, monkeypatch):
    """did-you-mean has one bound of comparisons for a whole check (problems.did_you_mean): the
    hints after it are left out, which depends on the plan's order; checked file by file, each
    process goes on with what is left of it and hands the plan over once it is spent."""
    from generator import problems

    monkeypatch.setattr(problems, "_HINT_COMPARISONS", 40)
    monkeypatch.setattr(problems.reset_hints, "__defaults__", (40,))
    root = build_plan(tmp_path / "plan", "unknown-channel")
    for name in ("a", "b"):
        posts = "".join(
            f'  - {{date: 2026-12-{day:02d}, time: "{10 + (name == "b")}:00", channel: vip-grop, playbook: p}}\n'
            for day in range(1, 13)
        )
        (root / "content" / "calendar" / f"typos-{name}.yml").write_text("posts:\n" + posts, encoding="utf-8")
    expected = _whole(root)
    typos = [p[5] for p in expected if p[4] == "unknown-channel"]
    assert any("did you mean" in m for m in typos) and any("did you mean" not in m for m in typos)  # the bound was reached
    with language("en"):
        assert check_again.check_by_files(root, "en", 2) is None
    assert _listed(check_outcome(root, cache=True).problems) == expected
