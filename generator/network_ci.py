"""A network in CI (the workflow `contentplan init --network` writes): which members to
rebuild, dealt into shards for a GitHub Actions matrix.

A member is rebuilt when one of its inputs changed since the base revision: a file under its
own folder (members/<id>/), or anything every member reads (the library, network.yml, the
site configuration, what installs contentplan, the workflow itself). Monorepo tools call this
"affected"; here it is a path prefix, since a member reads nothing else. With no usable base
(the first push, a force push, a scheduled run) every member is rebuilt.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .git import GitError, git
from .network import LIBRARY, MEMBERS, NETWORK_FILE, read_network

# What every member reads beside the library: a change here rebuilds them all.
SHARED = (LIBRARY, NETWORK_FILE, "mkdocs.yml", "docs/", "overrides/", "requirements.txt", "wheels/", ".github/")
MAX_SHARDS = 256  # GitHub Actions runs at most 256 jobs of one matrix
SOLO = 20  # up to this many members changed, each gets a job of its own
_REVISION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._/~^@{}-]{0,200}")


@dataclass
class Changed:
    """The members to rebuild (in network.yml's order), and why."""

    members: list[str]
    every: bool  # every member: a shared input changed, or there was no base
    reason: str

    def shards(self, size: int) -> list[list[str]]:
        """The members dealt into consecutive shards of at most `size` (more when over
        MAX_SHARDS); up to SOLO members changed, a shard each: the everyday push touches one
        or two members, and a member with errors then fails a job of its own."""
        if len(self.members) <= SOLO:
            size = 1
        size = max(size, -(-len(self.members) // MAX_SHARDS), 1)
        return [self.members[i : i + size] for i in range(0, len(self.members), size)]

    def matrix(self, size: int) -> dict:
        """A `strategy.matrix` for `fromJSON`: one entry a shard, its members space-separated."""
        return {"include": [{"shard": n, "members": " ".join(shard)} for n, shard in enumerate(self.shards(size), start=1)]}


def changed_members(root: Path, base: str | None) -> Changed:
    """The members of the network at `root` to rebuild after the changes since `base`."""
    network = read_network(root)
    everyone = [m.id for m in network.members]
    if not base or set(base) == {"0"}:  # GitHub's `before` of a first push is all zeros
        return Changed(everyone, True, "no base revision: every member")
    if not _REVISION.fullmatch(base):
        return Changed(everyone, True, f"'{base[:60]}' is not a revision: every member")
    try:
        names = git(root, "diff", "--name-only", "-z", "--no-renames", f"{base}...HEAD", "--", ".", timeout=60)
        names += git(root, "diff", "--name-only", "-z", "--no-renames", "HEAD", "--", ".", timeout=60)  # not committed yet
        prefix = git(root, "rev-parse", "--show-prefix", timeout=10).decode("utf-8", "replace").strip()
    except GitError as exc:
        return Changed(everyone, True, f"cannot compare with {base[:60]} ({exc}): every member")
    paths = {name.removeprefix(prefix) for name in names.decode("utf-8", "replace").split("\0") if name}
    shared = sorted(p for p in paths if p.startswith(SHARED))
    if shared:
        return Changed(everyone, True, f"{shared[0]} changed: every member")
    touched = {p[len(MEMBERS) :].split("/", 1)[0] for p in paths if p.startswith(MEMBERS)}
    members = [m for m in everyone if m in touched]
    return Changed(members, False, f"{len(members)} of {len(everyone)} members changed")


def github_output(changed: Changed, size: int) -> str:
    """Lines for $GITHUB_OUTPUT: the matrix as one line of JSON, whether there is any member."""
    return f"matrix={json.dumps(changed.matrix(size), ensure_ascii=True)}\nany={'true' if changed.members else 'false'}\n"
