"""When the plan's files last changed: the calendar feeds' SEQUENCE and DTSTAMP come from here.

A feed is rebuilt from scratch every time, with no memory of the last one, yet a calendar app
only takes an event's new content when its SEQUENCE has gone up. So an event's SEQUENCE is the
minute its sources (calendar file, playbook, site.yml, campaigns.yml) last changed: the time
of the last commit that touched them, or for a file changed since that commit (or a plan
outside git) SOURCE_DATE_EPOCH when set, else the file's modification time. The same commit
always gives the same numbers; changing a post raises them. No wall clock is read.
"""

from __future__ import annotations

import os
from pathlib import Path

from .git import GitError, git

GIT_TIMEOUT = 20  # seconds; a plan whose history cannot be read in that time falls back
MAX_COMMITS = 20000  # how far back the log is read; older files fall back the same way


def build_epoch() -> int | None:
    """SOURCE_DATE_EPOCH, the build's fixed time in seconds; None when unset. ValueError, whose
    message says what to write, when it is not a number MkDocs can use: MkDocs reads it with
    int() and writes it into the sitemap's gzip header (32 bits), and anything else ends in a
    traceback there. The one reading of it: build.py (for the plugin and `contentplan build`) asks here."""
    value = os.environ.get("SOURCE_DATE_EPOCH")
    if value is None:
        return None
    text = value.strip()
    if not (text.isascii() and text.isdigit() and int(text) < 2**32):
        raise ValueError(
            f"SOURCE_DATE_EPOCH={value[:20]!r} is not a number of seconds since 1970 "
            "(0 to 4294967295); set it to e.g. $(git log -1 --format=%ct) or unset it"
        )
    return int(text)


def last_changes(root: Path, paths: list[str], epoch: int | None = None) -> dict[str, int]:
    """`paths` (relative to the plan root, forward slashes) → when each last changed, in Unix
    seconds. Never raises: a path nothing is known of gets `epoch`, else 0."""
    committed = _committed(root, paths)
    dirty = _dirty(root)
    out = {}
    for path in paths:
        if path in committed and path not in dirty:
            out[path] = committed[path]
        elif epoch is not None:
            out[path] = epoch
        else:
            out[path] = _mtime(root / path)
    return out


def _git(root: Path, *args: str) -> str | None:
    try:
        return git(root, *args, timeout=GIT_TIMEOUT).decode("utf-8", "replace")
    except GitError:
        return None  # no git, no repository, too slow: the fallbacks above


def _committed(root: Path, paths: list[str]) -> dict[str, int]:
    """Each path's last commit time; the log runs newest first, so the first mention wins."""
    wanted, found = set(paths), dict[str, int]()
    log = _git(root, "log", f"-n{MAX_COMMITS}", "--format=@%ct", "--name-only", "--no-renames", "--relative", "-z", "--", ".")
    if log is None:
        return found
    when = None
    for field in log.replace("\n", "\0").split("\0"):
        if field.startswith("@") and field[1:].isdigit():
            when = int(field[1:])
        elif field and when is not None and field in wanted and field not in found:
            found[field] = when
    return found


def _dirty(root: Path) -> set[str]:
    """Plan files that differ from the last commit (changed, added or untracked)."""
    prefix = (_git(root, "rev-parse", "--show-prefix") or "").strip()
    status = _git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", ".")
    if status is None:
        return set()
    out = set()
    for entry in status.split("\0"):
        path = entry[3:] if len(entry) > 3 else ""
        if path.startswith(prefix):
            out.add(path[len(prefix) :])
    return out


def _mtime(path: Path) -> int:
    try:
        return int(path.lstat().st_mtime)
    except OSError:
        return 0
