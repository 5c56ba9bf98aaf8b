"""Shared helpers: build a plan from tests/fixtures/valid (+ one broken/<code>/ overlay) and run the CLI."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

# The tests read the messages in English, the catalogue's source language, whatever the
# fixtures' `language: zh` says; tests/test_i18n.py checks the Chinese on purpose, and the
# variable is documented for teams (a runner that wants English logs). Subprocesses inherit it.
os.environ["CONTENTPLAN_LANG"] = "en"

from generator.cli import main

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
VALID = FIXTURES / "valid"
BROKEN = FIXTURES / "broken"
PROJECT = TESTS.parent
CONSOLE_SCRIPT = Path(sys.executable).parent / "contentplan"

# path:line:col: severity[code] message
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)\[(?P<code>[a-z-]+)\] (?P<message>.+)$")


def broken_codes() -> list[str]:
    return sorted(p.name for p in BROKEN.iterdir() if p.is_dir())


def expectation(code: str) -> dict:
    return yaml.safe_load((BROKEN / code / "expect.yml").read_text(encoding="utf-8"))


def build_plan(dest: Path, code: str | None = None, files: dict[str, str | bytes] | None = None) -> Path:
    """Copy valid/ to `dest`, lay broken/<code>/ over it (expect.yml left out), then write `files`."""
    shutil.copytree(VALID, dest, dirs_exist_ok=True, symlinks=True)
    if code is not None:
        overlay = BROKEN / code
        assert overlay.is_dir(), f"no broken fixture for {code}"
        shutil.copytree(overlay, dest, dirs_exist_ok=True, symlinks=True, ignore=shutil.ignore_patterns("expect.yml"))
    for rel, data in (files or {}).items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            target.write_bytes(data)
        else:
            target.write_text(data, encoding="utf-8")
    return dest


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The site of tests/fixtures/hostile/hostile_plan.py (a payload in every field), built once
    for the markup and the browser tests."""
    sys.path.insert(0, str(FIXTURES / "hostile"))
    import hostile_plan

    root = build_plan(tmp_path_factory.mktemp("hostile") / "plan", files=hostile_plan.plan_files())
    out = root.parent / "site"
    assert hostile_plan.build_site(root, out) == 0
    return out


@pytest.fixture
def make_plan(tmp_path):
    """make_plan(code=None, files=None) -> root: valid/ copied into tmp_path, broken/<code>/ laid over."""
    counter = iter(range(1000))

    def make(code: str | None = None, files: dict[str, str | bytes] | None = None) -> Path:
        return build_plan(tmp_path / f"plan{next(counter)}", code, files)

    return make


@dataclass
class Result:
    status: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.out.splitlines() if line]

    def problems(self) -> list[dict]:
        """The text-format lines parsed; every stdout line must be a problem line."""
        rows = []
        for line in self.lines:
            m = LINE.match(line)
            assert m, f"not a problem line: {line!r}"
            row = m.groupdict()
            row["line"], row["col"] = int(row["line"]), int(row["col"])
            rows.append(row)
        return rows


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """run_cli(*argv) -> Result, calling generator.cli.main in-process (GITHUB_ACTIONS unset)."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*argv: str) -> Result:
        capsys.readouterr()
        status = main(list(argv))
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


def run_subprocess(*argv: str, env: dict | None = None, module: bool = False, cwd: Path | None = None) -> Result:
    """Run the real CLI in a new process: the console script, or `python -m generator`."""
    import os

    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env or {})
    command = [sys.executable, "-m", "generator"] if module else [str(CONSOLE_SCRIPT)]
    proc = subprocess.run(
        [*command, *argv], capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120, cwd=cwd
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, started once per test module (browser_support.running_browser)."""
    from browser_support import running_browser

    with running_browser() as started:
        yield started


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The site of the shipped example plan, built once with a fixed SOURCE_DATE_EPOCH."""
    out = tmp_path_factory.mktemp("shipped") / "site"
    with pinned_build_day():
        assert main(["build", "--root", str(PROJECT), "--site-dir", str(out)]) == 0
    return out


@contextmanager
def pinned_build_day(epoch: str = "1796083200") -> Iterator[None]:
    """SOURCE_DATE_EPOCH for a build run inside the test process (2026-12-01 00:00 UTC by
    default), restored afterwards: the site's "today" never depends on the day tests run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        yield


# git in a test's own repository: a fixed author, and none of the machine's git configuration.
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV}, timeout=120).stdout
