"""When plan files last changed (history.py): the feeds' SEQUENCE rises with each change."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.history import last_changes

PHONE = Path(__file__).parent / "fixtures" / "phone"
FILES = ["content/site.yml", "content/calendar/2026-12.yml", "playbooks/greeting.md"]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _commit(root: Path, when: int, message: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": f"{when} +0000",
        "GIT_COMMITTER_DATE": f"{when} +0000",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    subprocess.run(["git", "-C", str(root), "add", "-A"], check=True, env=env)
    subprocess.run(["git", "-C", str(root), "commit", "-q", "-m", message], check=True, env=env)


@pytest.fixture
def repo(tmp_path) -> Path:
    # the plan in a subfolder of the repository, as a team may keep it
    root = tmp_path / "repo" / "plan"
    shutil.copytree(PHONE, root)
    subprocess.run(["git", "init", "-q", str(tmp_path / "repo")], check=True)
    _commit(root, 1_790_000_000, "first")
    return root


def test_each_file_gets_its_last_commit_and_only_changed_files_move(repo):
    assert last_changes(repo, FILES) == dict.fromkeys(FILES, 1_790_000_000)
    calendar = repo / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    _commit(repo, 1_790_000_600, "second")
    assert last_changes(repo, FILES) == {
        "content/site.yml": 1_790_000_000,
        "content/calendar/2026-12.yml": 1_790_000_600,
        "playbooks/greeting.md": 1_790_000_000,
    }


def test_a_file_changed_since_the_last_commit_takes_the_builds_fixed_time(repo):
    playbook = repo / "playbooks" / "greeting.md"
    playbook.write_text(playbook.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    changed = last_changes(repo, FILES, epoch=1_800_000_000)
    assert changed["playbooks/greeting.md"] == 1_800_000_000
    assert changed["content/site.yml"] == 1_790_000_000
    os.utime(playbook, (1_795_000_000, 1_795_000_000))
    assert last_changes(repo, FILES)["playbooks/greeting.md"] == 1_795_000_000  # no epoch: its mtime


def test_a_plan_outside_git_falls_back_without_error(tmp_path):
    root = tmp_path / "plan"
    shutil.copytree(PHONE, root)
    for path in FILES:
        os.utime(root / path, (1_791_000_000, 1_791_000_000))
    assert last_changes(root, FILES) == dict.fromkeys(FILES, 1_791_000_000)
    assert last_changes(root, FILES, epoch=5) == dict.fromkeys(FILES, 5)
    assert last_changes(root, ["content/missing.yml"]) == {"content/missing.yml": 0}


# --- SOURCE_DATE_EPOCH: one reading for `contentplan build` and the plugin ---------------------


@pytest.mark.parametrize(
    "value, seconds", [("0", 0), ("1796083200", 1796083200), (" 1796083200\n", 1796083200), ("4294967295", 4294967295)]
)
def test_the_build_epoch_is_a_plain_number_of_seconds(monkeypatch, value, seconds):
    from generator.history import build_epoch

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    assert build_epoch() == seconds


@pytest.mark.parametrize("value", ["", " ", "abc", "-1", "1e9", "1.5", "４２", "4294967296", "1796083200x"])
def test_anything_else_is_refused_with_what_to_write(monkeypatch, value):
    from generator.history import build_epoch
    from generator.site import epoch_problem

    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(ValueError, match="git log -1 --format=%ct"):
        build_epoch()
    assert "git log -1 --format=%ct" in epoch_problem()  # `contentplan build` says the same


def test_unset_is_no_epoch(monkeypatch):
    from generator.history import build_epoch

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert build_epoch() is None
