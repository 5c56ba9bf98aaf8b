"""git.py: the one way git is run (history.py, diff.py), and what it says when it cannot."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from generator.git import GitError, git


def _fake_git(folder: Path, script: str, monkeypatch) -> None:
    """A `git` on PATH that runs `script` (sh) instead of git."""
    folder.mkdir()
    path = folder / "git"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}:/usr/bin:/bin")  # ours first, then sleep and printf


def test_git_runs_without_prompts_locks_or_a_locale(tmp_path, monkeypatch):
    _fake_git(tmp_path / "bin", 'printf "%s|%s|%s|%s" "$GIT_TERMINAL_PROMPT" "$GIT_OPTIONAL_LOCKS" "$LC_ALL" "$*"\n', monkeypatch)
    assert git(tmp_path, "log", "-n1", timeout=5) == f"0|0|C|-C {tmp_path} log -n1".encode()


def test_a_failure_says_gits_last_line(tmp_path, monkeypatch):
    _fake_git(tmp_path / "bin", 'echo "hint: something" >&2; echo "fatal: bad revision" >&2; exit 128\n', monkeypatch)
    with pytest.raises(GitError) as caught:
        git(tmp_path, "rev-parse", "nope", timeout=5)
    assert (caught.value.kind, str(caught.value)) == ("failed", "fatal: bad revision")


def test_a_slow_git_is_stopped(tmp_path, monkeypatch):
    _fake_git(tmp_path / "bin", "exec sleep 5\n", monkeypatch)
    with pytest.raises(GitError) as caught:
        git(tmp_path, "log", timeout=0.3)
    assert caught.value.kind == "timeout" and "took longer than 0.3 s" in str(caught.value)


def test_no_git_at_all(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GitError) as caught:
        git(tmp_path, "log", timeout=5)
    assert caught.value.kind == "missing"
