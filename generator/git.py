"""Running git, the one way: for the plan's history (history.py) and for comparing revisions
(diff.py). Never a prompt for a password (a CI runner would hang), no optional locks (a build
must not write into .git), the C locale (output is parsed), and a time limit."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ENVIRONMENT = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}


class GitError(Exception):
    """git could not answer: `kind` is "missing" (not installed), "timeout" or "failed"."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def git(root: Path, *args: str, timeout: float, data: bytes | None = None) -> bytes:
    """`git -C root ARGS`'s standard output; GitError when it is missing, slow or fails (the
    message is the last line git printed)."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), *args], input=data, capture_output=True, timeout=timeout, env={**os.environ, **ENVIRONMENT}
        )
    except FileNotFoundError:
        raise GitError("missing", "git is not installed") from None
    except subprocess.TimeoutExpired:
        raise GitError("timeout", f"git {args[0]} took longer than {timeout:g} s") from None
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError("failed", f"git {args[0]}: {exc}") from None
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError("failed", said[-1] if said else f"git {args[0]} failed")
    return done.stdout
