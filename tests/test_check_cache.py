"""The check cache (generator/check_cache.py): a check with it finds exactly what a check
without it finds, whatever changed; a cache that is corrupt, stale, planted or unreadable is
ignored and rewritten; the plan's folder is never written."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator import check_again, check_cache
from generator.check import check
from generator.check_cache import CheckCache
from tests.support import BROKEN, broken_codes, build_plan, run_subprocess


def _found(root: Path, **options) -> list[tuple]:
    return [(p.path, p.line, p.col, p.severity, p.code, p.message) for p in check(root, **options).problems]


def _cache_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*" + check_cache.SUFFIX))


@pytest.mark.parametrize("code", broken_codes(network=False))  # (a network's member: tests/test_network_check.py)
def test_a_warm_check_finds_what_a_cold_one_finds(code, tmp_path, cache_dir):
    """The cache is filled from the plan with each of the broken fixture's files a line longer
    (every position in it moves); then the fixture is laid over it (a changed calendar,
    site.yml, playbook...): the cached check equals a check without the cache."""
    before = {}
    for path in sorted((BROKEN / code).rglob("*")):
        if path.is_file() and not path.is_symlink() and path.name != "expect.yml":
            text = path.read_bytes()
            before[path.relative_to(BROKEN / code).as_posix()] = text + b"\n" if path.suffix == ".md" else b"# before\n" + text
    root = build_plan(tmp_path / "plan", files=before)
    assert _found(root, cache=True) == _found(root)
    shutil.copytree(BROKEN / code, root, dirs_exist_ok=True, symlinks=True, ignore=shutil.ignore_patterns("expect.yml"))
    warm = _found(root, cache=True)
    assert warm == _found(root)
    assert warm, f"{code}: the broken fixture found nothing"
    assert _found(root, cache=True) == warm  # and again, from what this check kept


def test_the_cache_is_used_for_unchanged_files_only(tmp_path, cache_dir):
    root = build_plan(tmp_path / "plan", files={"content/calendar/2027-01.yml": "posts: []\n"})
    check(root, cache=True)
    cache = CheckCache.open(root, "en")
    assert cache is not None and cache.ignored is None
    calendar = root / "content" / "calendar"
    files = sorted(p.relative_to(root).as_posix() for p in calendar.iterdir())
    from generator.load import load_plan

    sources = load_plan(root, cache.known)
    assert [doc.known is not None for doc in sources.calendars] == [True] * len(files)
    (calendar / "2027-01.yml").write_text(
        "posts:\n  - {date: 2027-01-02, time: '09:00', channel: nope, playbook: welcome-script}\n", encoding="utf-8"
    )
    cache = CheckCache.open(root, "en")
    sources = load_plan(root, cache.known)
    assert {doc.path: doc.known is not None for doc in sources.calendars} == {
        rel: rel != "content/calendar/2027-01.yml" for rel in files
    }
    assert any(p.code == "unknown-channel" for p in check(root, cache=True).problems)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit of the payload
        lambda data: data[:40] + bytes([data[40] ^ 1]) + data[41:],  # one bit of the signature
        lambda data: b"",
        lambda data: b"not a cache at all\n" * 100,
        lambda data: data.replace(check_cache.MAGIC, b"contentplan-check-cache-0\n", 1),
    ],
    ids=["truncated", "payload-bit", "signature-bit", "empty", "garbage", "other-format"],
)
def test_a_damaged_cache_is_ignored_and_rewritten(damage, make_plan, cache_dir):
    root = make_plan("unknown-channel")
    expected = _found(root)
    check(root, cache=True)
    [path] = _cache_files(cache_dir)
    path.write_bytes(damage(path.read_bytes()))
    cache = CheckCache.open(root, "en")
    assert cache is not None and cache.ignored and cache.hits == 0
    assert _found(root, cache=True) == expected
    cache = CheckCache.open(root, "en")
    assert cache is not None and cache.ignored is None  # rewritten whole


def test_a_planted_cache_is_never_unpickled(make_plan, cache_dir, tmp_path):
    """A cache signed with another key (another machine's, a fork's) is not read: were it
    unpickled, it would run this."""
    root = make_plan()
    check(root, cache=True)
    [path] = _cache_files(cache_dir)
    marker = tmp_path / "pwned"
    payload = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
    import hashlib
    import hmac

    forged = check_cache.MAGIC + hmac.new(b"x" * 32, payload, hashlib.sha256).digest() + payload
    path.write_bytes(forged)
    assert _found(root, cache=True) == _found(root)
    assert not marker.exists()


def test_a_cache_from_another_version_is_ignored(make_plan, cache_dir, monkeypatch):
    root = make_plan()
    check(root, cache=True)
    monkeypatch.setattr(check_cache, "_tool", ["another version"])
    cache = CheckCache.open(root, "en")
    assert cache is not None and cache.ignored == "written by another version" and cache.hits == 0


def test_a_key_others_can_read_disables_the_cache(make_plan, cache_dir):
    root = make_plan()
    check(root, cache=True)
    os.chmod(cache_dir / "key", 0o644)
    assert CheckCache.open(root, "en") is None
    before = {p: p.stat().st_mtime_ns for p in _cache_files(cache_dir)}
    assert _found(root, cache=True) == _found(root)
    assert {p: p.stat().st_mtime_ns for p in _cache_files(cache_dir)} == before


def test_an_unwritable_cache_folder_only_costs_the_cache(make_plan, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(check_cache.ENV, str(blocker / "cache"))
    root = make_plan("unknown-channel")
    assert _found(root, cache=True) == _found(root)


def test_the_plan_folder_is_not_written_and_no_cache_writes_nothing(make_plan, cache_dir, run_cli):
    root = make_plan()
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    assert run_cli("check", "--root", str(root), "--no-cache").status == 0
    assert not cache_dir.exists() or not list(cache_dir.glob("*.check-*"))
    assert run_cli("check", "--root", str(root)).status == 0  # keeps what checking again needs (check_again.py)
    assert len(list(cache_dir.glob("*" + check_again.SUFFIX))) == 1
    check(root, cache=True)  # what build and serve check with
    assert len(_cache_files(cache_dir)) == 1
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_old_caches_are_pruned(tmp_path, cache_dir, monkeypatch):
    monkeypatch.setattr(check_cache, "MAX_CACHES", 3)
    roots = [build_plan(tmp_path / f"plan{i}", files={"content/calendar/2026-12.yml": "posts: []\n"}) for i in range(5)]
    for i, root in enumerate(roots):
        check(root, cache=True)
        for path in _cache_files(cache_dir):  # make the order of writing plain to the file system
            os.utime(path, (i, path.stat().st_mtime + i))
    assert len(_cache_files(cache_dir)) == 3
    stranger = cache_dir / "notes.txt"
    stranger.write_text("mine", encoding="utf-8")
    check(roots[0], cache=True)
    assert stranger.exists()


def test_the_command_line_check_uses_and_refills_the_cache(make_plan, cache_dir):
    root = make_plan("unknown-channel")
    cold = run_subprocess("check", "--root", str(root), "--no-cache")
    first = run_subprocess("check", "--root", str(root))
    warm = run_subprocess("check", "--root", str(root))
    assert cold.status == first.status == warm.status == 1
    assert cold.out == first.out == warm.out and "unknown-channel" in warm.out
    assert "Traceback" not in warm.err
