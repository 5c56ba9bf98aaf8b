"""Running things as a user would: the CLI in a new process (its output parsed), git in a test's
own repository, and a build whose "today" is pinned."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

CONSOLE_SCRIPT = Path(sys.executable).parent / "contentplan"

# path:line:col: severity[code] message
LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning)\[(?P<code>[a-z-]+)\] (?P<message>.+)$"
)


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


def run_subprocess(*argv: str, env: dict | None = None, module: bool = False, cwd: Path | None = None) -> Result:
    """Run the real CLI in a new process: the console script, or `python -m generator`."""
    environment = {k: v for k, v in os.environ.items() if k != "GITHUB_ACTIONS"}
    environment.update(env or {})
    command = [sys.executable, "-m", "generator"] if module else [str(CONSOLE_SCRIPT)]
    proc = subprocess.run(
        [*command, *argv], capture_output=True, text=True, encoding="utf-8", env=environment, timeout=120, cwd=cwd
    )
    return Result(proc.returncode, proc.stdout, proc.stderr)


@contextmanager
def pinned_build_day(epoch: str = "1796083200") -> Iterator[None]:
    """SOURCE_DATE_EPOCH for a build run inside the test process (2026-12-01 00:00 UTC by
    default), restored afterwards: the site's "today" never depends on the day tests run."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        yield


# git in a test's own repository: a fixed author, and none of the machine's git configuration.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_SYSTEM": os.devnull,
}


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}, timeout=120
    ).stdout
