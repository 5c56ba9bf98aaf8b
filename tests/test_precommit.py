"""This project's own pre-commit hooks (.pre-commit-config.yaml) pass on a fresh copy of the
repository: the check of the shipped plan, ruff, ruff format, mypy and the JavaScript check."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import GIT_ENV, git

PROJECT = Path(__file__).resolve().parent.parent


def _fresh_copy(dest: Path) -> Path:
    """The repository's files as a clone of the working tree would have them (tracked and new,
    not ignored), committed in a new repository."""
    names = git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=PROJECT).split("\0")
    for name in filter(None, names):
        source = PROJECT / name
        if source.is_file() and not source.is_symlink():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).write_bytes(source.read_bytes())
    git("init", "-q", cwd=dest)
    git("add", "-A", cwd=dest)
    git("commit", "-q", "-m", "copy", cwd=dest)
    return dest


def test_pre_commit_run_all_files_passes_on_a_fresh_copy(tmp_path):
    venv = Path(sys.prefix)
    stamp = venv / ".contentplan-installed"
    wanted = hashlib.sha256((PROJECT / "pyproject.toml").read_bytes()).hexdigest()
    if not (stamp.is_file() and stamp.read_text() == wanted):
        # The check hook runs `python3 tasks.py check`, which would install into this venv.
        pytest.skip("run through `python3 tasks.py test`, whose .venv the copy reuses")
    repo = _fresh_copy(tmp_path / "repo")
    (repo / ".venv").symlink_to(venv, target_is_directory=True)  # what tasks.py would create
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache")}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(
        [str(venv / "bin" / "pre-commit"), "run", "--all-files", "--color", "never"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "contentplan check (the shipped plan)" in done.stdout and "Passed" in done.stdout
    assert "ruff" in done.stdout and "Failed" not in done.stdout
    assert "ruff format" in done.stdout and "mypy (generator/)" in done.stdout
    assert "JavaScript (ES5, node tests)" in done.stdout


def test_the_ruff_hook_fails_on_a_lint_error(tmp_path):
    # The control: the same hooks on a copy with an unused import must fail.
    if not (Path(sys.prefix) / "bin" / "ruff").exists():
        pytest.skip("ruff is a test extra")
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n", encoding="utf-8")
    done = subprocess.run(
        [str(Path(sys.prefix) / "bin" / "ruff"), "check", "--config", str(PROJECT / "pyproject.toml"), str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1 and "F401" in done.stdout


def test_the_type_check_fails_on_a_type_error(tmp_path):
    # The control for the mypy hook: the project's settings catch a status compared with a
    # word that is not one (strict_equality) and a wrong argument type.
    mypy = Path(sys.prefix) / "bin" / "mypy"
    if not mypy.exists():
        pytest.skip("mypy is a test extra")
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from generator.vocabulary import Status\n\n\ndef f(s: Status) -> bool:\n    return s == 'sent'\n\n\nf(1)\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [str(mypy), "--config-file", str(PROJECT / "pyproject.toml"), str(bad)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stdout
    assert "comparison-overlap" in done.stdout and "arg-type" in done.stdout
