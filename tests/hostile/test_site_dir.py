"""`contentplan build --site-dir`: never destroy what contentplan did not make, never leave half a site.

Reference sites A and B are built once from two plans that differ in one playbook. Kill tests
compare every state of the target, file by file (path + sha256), with the old and new site.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from generator import site, site_dir
from generator.cli import main

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "site"
CONSOLE_SCRIPT = Path(sys.executable).parent / "contentplan"
EPOCH = "1796083200"  # 2026-12-01 00:00 UTC
PADDING = 2000  # small files added to each side of the publish-kill test, so deleting the old site takes a while

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork, SIGKILL and flock: Linux only")


# --- helpers -------------------------------------------------------------------------------------------


def manifest(folder: Path) -> dict[str, str]:
    """Every entry under `folder` by relative path: files by sha256, folders and symlinks by kind."""
    entries = {}
    skip = len(str(folder)) + 1
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            if os.path.islink(path):
                entries[path[skip:]] = "link:" + os.readlink(path)
            elif name in dirnames:
                entries[path[skip:]] = "dir"
            else:
                with open(path, "rb") as f:
                    entries[path[skip:]] = hashlib.sha256(f.read()).hexdigest()
    return entries


def leftovers(out: Path) -> list[str]:
    """What contentplan keeps beside `out` while it works: staging and old folders, the lock file."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.contentplan-"))


def cli_build(root: Path, out: Path) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        status = main(["build", "--root", str(root), "--site-dir", str(out)])
    return status, err.getvalue()


def subprocess_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    env["SOURCE_DATE_EPOCH"] = EPOCH
    return env


def start_build(root: Path, out: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [str(CONSOLE_SCRIPT), "build", "--root", str(root), "--site-dir", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=subprocess_env(),
    )


def link_tree(src: Path, dest: Path) -> None:
    """Copy `src` into `dest` by hard links (fast; the kill tests only rename and unlink)."""
    shutil.copytree(
        src, dest, copy_function=os.link, dirs_exist_ok=True, ignore=lambda d, names: [site_dir.MARKER] if Path(d) == src else []
    )  # dest has its own


@pytest.fixture(autouse=True)
def pinned_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="module")
def refs(tmp_path_factory):
    """Plans A and B, and their sites: A built into an existing empty folder, B into a path that did not exist."""
    base = tmp_path_factory.mktemp("refs")
    plan_a = shutil.copytree(FIXTURE, base / "plan-a")
    plan_b = shutil.copytree(FIXTURE, base / "plan-b")
    playbook = plan_b / "playbooks" / "red-envelope.md"
    playbook.write_text(playbook.read_text(encoding="utf-8") + "\n第二版:红包金额随群人数调整。\n", encoding="utf-8")
    (base / "a").mkdir()
    (base / "a" / "site").mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        status_a, err_a = cli_build(plan_a, base / "a" / "site")
        status_b, err_b = cli_build(plan_b, base / "b" / "new" / "site")
    return {
        "plan_a": plan_a,
        "plan_b": plan_b,
        "site_a": base / "a" / "site",
        "site_b": base / "b" / "new" / "site",
        "built": [(status_a, err_a), (status_b, err_b)],
    }


@pytest.fixture(scope="module")
def padded(refs, tmp_path_factory):
    """A and B each with PADDING extra small files (hard links to 100 seeds: creating files is slow),
    named apart: the old and new site of the publish-kill test."""
    base = tmp_path_factory.mktemp("padded")
    seeds = base / "seeds"
    seeds.mkdir()
    for j in range(100):
        (seeds / str(j)).write_text(f"padding {j}\n")
    trees = {}
    for name in ("a", "b"):
        tree = base / name
        shutil.copytree(refs[f"site_{name}"], tree)
        for i in range(PADDING):
            folder = tree / "pad" / str(i // 100)
            if i % 100 == 0:
                folder.mkdir(parents=True)
            os.link(seeds / str(i % 100), folder / f"{name}{i}.txt")
        trees[name] = tree
    return trees


# --- refusals --------------------------------------------------------------------------------------------


def _web_root(tmp: Path) -> Path:
    root = tmp / "www"
    (root / "blog").mkdir(parents=True)
    (root / "index.html").write_text("<h1>my homepage</h1>\n")
    (root / "sitemap.xml").write_text("<urlset/>\n")
    (root / "blog" / "post.html").write_bytes(b"\x00\x01 not ours")
    (root / ".htaccess").write_text("Options -Indexes\n")
    return root


REFUSALS = {
    # name: (how to make the site dir from (tmp, plan), words the message must hold)
    "web root with index.html": (lambda tmp, plan: _web_root(tmp), "did not write"),
    "plan root": (lambda tmp, plan: plan, "plan folder itself"),
    "plan root spelled through content/..": (lambda tmp, plan: plan / "content" / "..", "plan folder itself"),
    "new folder inside content/": (lambda tmp, plan: plan / "content" / "site", "content/ folder"),
    "existing folder inside content/": (lambda tmp, plan: plan / "content" / "calendar", "content/ folder"),
    "folder inside playbooks/": (lambda tmp, plan: plan / "playbooks" / "out", "playbooks/ folder"),
    "parent of the plan root": (lambda tmp, plan: plan.parent, "contains the plan folder"),
    "a regular file": (lambda tmp, plan: _file(tmp), "is a file"),
}


def _file(tmp: Path) -> Path:
    path = tmp / "notes.txt"
    path.write_text("not a folder\n")
    return path


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_folder_contentplan_did_not_make_is_refused_and_left_byte_for_byte(case, tmp_path, make_plan):
    plan = make_plan()
    (plan / ".git" / "objects").mkdir(parents=True)
    (plan / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (plan / ".git" / "objects" / "ab").write_bytes(b"\x78\x9c blob")
    make, words = REFUSALS[case]
    out = make(tmp_path, plan)
    before = manifest(tmp_path)

    status, err = cli_build(plan, out)

    assert status == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("contentplan: "), err
    assert words in lines[0]
    assert str(out) in lines[0] or str(out.resolve()) in lines[0]
    assert manifest(tmp_path) == before  # not even a lock file or an empty staging folder


def test_a_symlink_is_refused(tmp_path, refs):
    target = tmp_path / "real"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    problem = site_dir.site_dir_problem(refs["plan_a"], link)
    assert problem is not None and "symbolic link" in problem and str(link) in problem
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert site.build(refs["plan_a"], link) == 2
    assert "symbolic link" in err.getvalue()
    assert link.is_symlink() and list(target.iterdir()) == []


def test_site_dir_problem_accepts_only_new_empty_or_marked_folders(tmp_path, refs):
    plan = refs["plan_a"]
    (tmp_path / "empty").mkdir()
    (tmp_path / "marked").mkdir()
    (tmp_path / "marked" / site_dir.MARKER).write_text(site_dir.MARKER_TEXT)
    (tmp_path / "marked" / "index.html").write_text("old")
    (tmp_path / "fake").mkdir()
    (tmp_path / "fake" / site_dir.MARKER).write_text("something else\n")
    assert site_dir.site_dir_problem(plan, tmp_path / "new" / "deeper") is None
    assert site_dir.site_dir_problem(plan, tmp_path / "empty") is None
    assert site_dir.site_dir_problem(plan, tmp_path / "marked") is None
    assert site_dir.site_dir_problem(plan, plan / "site") is None  # the default, ROOT/site
    assert "did not write" in site_dir.site_dir_problem(plan, tmp_path / "fake")
    assert "plan folder itself" in site_dir.site_dir_problem(plan, plan)
    assert "docs_dir" in site_dir.site_dir_problem(plan, site.DEFAULT_CONFIG.parent / "docs" / "out")


# --- accepted folders -------------------------------------------------------------------------------------


def test_an_empty_folder_and_a_new_path_are_accepted(refs):
    for (status, err), out in zip(refs["built"], (refs["site_a"], refs["site_b"])):
        assert status == 0, err
        assert f"contentplan: site written to {out}" in err
        assert (out / "index.html").is_file()
        assert (out / site_dir.MARKER).read_text(encoding="utf-8") == site_dir.MARKER_TEXT
        assert leftovers(out) == []
        assert [p.name for p in out.parent.iterdir()] == [out.name]
    assert manifest(refs["site_a"]) != manifest(refs["site_b"])


def test_a_second_build_replaces_a_built_site(refs, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(refs["site_a"], out)
    (out / "stale.html").write_text("from an older build")
    status, err = cli_build(refs["plan_b"], out)
    assert status == 0, err
    assert manifest(out) == manifest(refs["site_b"])
    assert leftovers(out) == []


def test_a_failed_mkdocs_build_leaves_the_target_and_no_staging(refs, tmp_path):
    plan = shutil.copytree(refs["plan_b"], tmp_path / "plan")
    (plan / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: no-such-theme\nplugins: [contentplan]\n")
    out = tmp_path / "site"
    shutil.copytree(refs["site_a"], out)
    status, err = cli_build(plan, out)
    assert status == 1, err
    assert "build failed; no site written" in err
    assert manifest(out) == manifest(refs["site_a"])
    assert leftovers(out) == []


# --- leftovers of killed builds ------------------------------------------------------------------------------


def _half_done(out: Path, refs, target: str | None) -> Path:
    """The journal of a two-rename swap cut short: the old site parked at .<name>.contentplan-old."""
    old = out.with_name(f".{out.name}.contentplan-old")
    shutil.copytree(refs["site_a"], old)
    if target is not None:
        shutil.copytree(refs[target], out)
    return old


def test_recover_puts_the_old_site_back_when_killed_between_the_renames(refs, tmp_path):
    out = tmp_path / "site"
    old = _half_done(out, refs, target=None)
    with site_dir.lock_site_dir(out):
        site_dir.recover(out)
    assert manifest(out) == manifest(refs["site_a"])
    assert not old.exists()


def test_recover_finishes_a_swap_killed_while_deleting_the_old_site(refs, tmp_path):
    out = tmp_path / "site"
    old = _half_done(out, refs, target="site_b")
    shutil.rmtree(old / "days")  # the deletion had got this far
    with site_dir.lock_site_dir(out):
        site_dir.recover(out)
    assert manifest(out) == manifest(refs["site_b"])
    assert not old.exists()


def test_the_next_build_clears_what_killed_builds_left_and_nothing_else(refs, tmp_path):
    out = tmp_path / "site"
    old = _half_done(out, refs, target=None)  # killed between the two renames
    stale = site_dir.new_staging(out)  # killed during the MkDocs build
    (stale / "index.html").write_text("half")
    (stale / "days").mkdir()
    empty = out.with_name(f".{out.name}.contentplan-staging-empty1")  # killed right after mkdtemp
    empty.mkdir()
    lookalike = out.with_name(f".{out.name}.contentplan-staging-mine")  # someone else's: no marker
    (lookalike / "sub").mkdir(parents=True)
    (lookalike / "sub" / "keep.txt").write_text("keep me")
    forged = out.with_name(f".{out.name}.contentplan-staging-forged")  # a marker that is not ours
    forged.mkdir()
    (forged / site_dir.MARKER).write_text("not contentplan's\n")
    (forged / "keep.txt").write_text("keep me too")
    kept = {p: manifest(p) for p in (lookalike, forged)}

    status, err = cli_build(refs["plan_b"], out)

    assert status == 0, err
    assert manifest(out) == manifest(refs["site_b"])
    assert not old.exists() and not stale.exists() and not empty.exists()
    assert {p: manifest(p) for p in (lookalike, forged)} == kept
    assert leftovers(out) == sorted([lookalike.name, forged.name])


def test_rename_exchange_swaps_two_folders_in_one_step(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "one" / "1").write_text("1")
    (tmp_path / "two").mkdir()
    (tmp_path / "two" / "2").write_text("2")
    if not site_dir._exchange(tmp_path / "one", tmp_path / "two"):
        pytest.skip("this file system has no renameat2(RENAME_EXCHANGE); builds use the two-rename fallback")
    assert [p.name for p in (tmp_path / "one").iterdir()] == ["2"]
    assert [p.name for p in (tmp_path / "two").iterdir()] == ["1"]


# --- kills ---------------------------------------------------------------------------------------------------


def _publish_in_child(source: Path, out: Path, exchange: bool) -> tuple[int, int, int]:
    """Fork a child that, like a build, locks, recovers, stages `source` and waits; a byte on the pipe
    makes it publish. Returns (pid, ready_fd, go_fd)."""
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # child: never return into pytest
        code = 1
        try:
            os.close(ready_r), os.close(go_w)
            if not exchange:
                site_dir._exchange = lambda a, b: False
            with site_dir.lock_site_dir(out):
                site_dir.recover(out)
                staging = site_dir.new_staging(out)
                link_tree(source, staging)
                os.write(ready_w, b"r")
                os.read(go_r, 1)
                site_dir.publish(staging, out)
            code = 0
        finally:
            os._exit(code)
    os.close(ready_w), os.close(go_r)
    return pid, ready_r, go_w


def _kill_publishing(out: Path, source: Path, delay: float | None, exchange: bool) -> bool:
    """Publish `source` over `out` in a child killed `delay` s after it is let go (None: before);
    True if it was killed, False if it had finished."""
    pid, ready, go = _publish_in_child(source, out, exchange)
    assert os.read(ready, 1) == b"r"
    if delay is not None:
        os.write(go, b"g")
        end = time.perf_counter() + delay
        while time.perf_counter() < end:  # finer than time.sleep
            pass
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    os.close(ready), os.close(go)
    if os.WIFEXITED(status):
        assert os.WEXITSTATUS(status) == 0
        return False
    return True


class Kill(NamedTuple):
    delay: float | None
    killed: bool  # False: the child had finished
    before: str  # "a" or "b": the site the target held
    after: str
    leftovers: list[str]  # staging and old folders


def _kill_loop(out: Path, trees: dict[str, Path], exchange: bool) -> list[Kill]:
    """Kill publishing after growing delays until one finishes; after each kill the target is tree a or b
    (with the two-rename fallback: after recovery). Each round publishes the tree the target does not hold."""
    sites = {name: manifest(tree) for name, tree in trees.items()}
    shutil.copytree(trees["a"], out)
    kills = []
    now, delay = "a", None
    while True:
        new = "b" if now == "a" else "a"
        killed = _kill_publishing(out, trees[new], delay, exchange)
        if not exchange:
            with site_dir.lock_site_dir(out):
                site_dir.recover(out)
        found = manifest(out) if out.exists() else None
        assert found in (sites[now], sites[new]), f"after a kill at {delay} s the target is neither site"
        after = now if found == sites[now] else new
        kills.append(Kill(delay, killed, now, after, [n for n in leftovers(out) if not n.endswith("-lock")]))
        if not killed or (delay or 0) > 1.0:
            return kills
        now, delay = after, (0.0 if delay is None else 0.0001 if delay == 0 else delay * 2)


def test_killing_the_swap_at_any_moment_leaves_the_old_or_the_new_site(padded, refs, tmp_path):
    out = tmp_path / "site"
    kills = _kill_loop(out, padded, exchange=True)
    assert any(k.killed and k.after == k.before for k in kills), kills  # some kills came before the swap ...
    assert any(k.killed and k.after != k.before and k.leftovers for k in kills), kills  # ... some amid deleting the old
    assert not kills[-1].killed  # the last one was let finish

    # real builds killed before, during and right after MkDocs, into the same folder
    old = manifest(out)
    new = manifest(refs["site_b"])
    for trigger, extra in ((None, 0.3), ("Building documentation to directory", 0.2), ("Documentation built in", 0.0)):
        proc = start_build(refs["plan_b"], out)
        try:
            if trigger is not None:
                for line in proc.stderr:
                    if trigger in line:
                        break
                else:
                    pytest.fail(f"the build ended before printing {trigger!r}")
            time.sleep(extra)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            proc.stderr.close()
        assert manifest(out) in (old, new), f"a build killed at {trigger!r} + {extra} s left neither site"
        old = manifest(out)

    status, err = cli_build(refs["plan_b"], out)
    assert status == 0, err
    assert manifest(out) == new
    assert leftovers(out) == []


def test_killing_the_two_rename_fallback_is_repaired_by_recovery(refs, tmp_path):
    out = tmp_path / "site"
    kills = _kill_loop(out, {"a": refs["site_a"], "b": refs["site_b"]}, exchange=False)
    assert any(k.killed and k.after == k.before for k in kills), kills
    assert any(k.after != k.before for k in kills), kills
    assert leftovers(out) == []


# --- two builds at once -------------------------------------------------------------------------------------


def test_two_builds_into_one_folder_take_turns(refs, tmp_path):
    out = tmp_path / "site"
    shutil.copytree(refs["site_a"], out)
    waiting = f"contentplan: waiting for another build into {out}"
    with site_dir.lock_site_dir(out):  # hold the lock until both builds are queued behind it
        procs = [start_build(refs["plan_b"], out) for _ in range(2)]
        errs: list[list[str]] = [[], []]
        queued = [threading.Event(), threading.Event()]

        def read(i: int) -> None:
            for line in procs[i].stderr:
                errs[i].append(line)
                if line.startswith(waiting):
                    queued[i].set()

        readers = [threading.Thread(target=read, args=(i,), daemon=True) for i in range(2)]
        for reader in readers:
            reader.start()
        for i in range(2):
            assert queued[i].wait(timeout=60), "".join(errs[i])
        assert manifest(out) == manifest(refs["site_a"])  # nothing moved while they wait
    for i, proc in enumerate(procs):
        assert proc.wait(timeout=120) == 0, "".join(errs[i])
        readers[i].join(timeout=10)
        assert any(f"contentplan: site written to {out}" in line for line in errs[i])
    assert manifest(out) == manifest(refs["site_b"])
    assert leftovers(out) == []


@pytest.mark.parametrize("where", ["content/site", "playbooks", "."])
def test_plain_mkdocs_build_refuses_to_empty_the_plan(where, tmp_path):
    """`mkdocs build` empties its site_dir itself, before any of contentplan's build code: the
    plugin refuses a site_dir in or around the plan while MkDocs reads its configuration."""
    from tests.support import PROJECT, VALID

    root = tmp_path / "plan"
    shutil.copytree(VALID, root)
    before = manifest(tmp_path)
    env = {**os.environ, "CONTENTPLAN_ROOT": str(root), "NO_MKDOCS_2_WARNING": "true"}
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(PROJECT / "mkdocs.yml"), "-d", str(root / where)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode != 0
    assert "contentplan:" in proc.stderr and "Traceback" not in proc.stderr
    assert manifest(tmp_path) == before
