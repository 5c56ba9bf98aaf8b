"""`contentplan diff` of a brand's network (network.py): each member touched, compared as a plan
(diff.compare), and what the library's change alone does to every member.

The library's reach is measured, not guessed: each member is checked once more with its own
files as in BASE and headquarters' files (library/, network.yml) as in HEAD, and compared with
BASE. The members whose plan that changes, and the posts it adds, removes, moves or rewords,
are the library change's reach.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .check import check
from .diff import MAX_MARKDOWN, PlanDiff, _invisible, _json_escape, compare, markdown, plan_side
from .escape import md_code, md_text
from .network import LIBRARY, MEMBERS, NETWORK_FILE, is_network, read_network

MAX_FILES_SHOWN = 20  # of the library's changed files in the Markdown
MAX_MEMBERS_SHOWN = 50  # members with their own section in the Markdown; the JSON has them all


@dataclass
class MemberDiff:
    id: str
    name: str
    kind: str  # "changed", "added" or "removed"
    diff: PlanDiff | None  # None when added or removed
    library_posts: int = 0  # posts the library's change alone alters in this member


@dataclass
class NetworkDiff:
    base: str
    head: str
    library_files: list[str] = field(default_factory=list)  # changed under library/, and network.yml
    members: list[MemberDiff] = field(default_factory=list)  # touched, in network.yml's order
    members_in_all: int = 0

    @property
    def reached(self) -> list[MemberDiff]:
        return [m for m in self.members if m.library_posts]

    def as_json(self) -> dict:
        return {
            "network": True,
            "base": self.base,
            "head": self.head,
            "library": {
                "files_changed": self.library_files,
                "members_reached": len(self.reached),
                "posts_reached": sum(m.library_posts for m in self.members),
                "members": {m.id: m.library_posts for m in self.reached},
            },
            "members": {
                m.id: {"name": m.name, "kind": m.kind, "diff": m.diff.as_json() if m.diff else None} for m in self.members
            },
        }


def is_network_side(spec: str | None, root: Path) -> bool:
    """Whether the HEAD side of a comparison is a network (the working tree: its folder)."""
    return is_network(root) if spec is None or not spec.startswith("path:") else is_network(Path(spec[5:]))


def network_diff(base: str, head: str | None, root: Path, member: str | None = None) -> NetworkDiff:
    with plan_side(base, root) as (base_root, base_label), plan_side(head, root) as (head_root, head_label):
        result = NetworkDiff(base_label, head_label)
        base_members = {m.id: m.name for m in read_network(base_root).members} if is_network(base_root) else {}
        head_members = {m.id: m.name for m in read_network(head_root).members}
        result.members_in_all = len(head_members)
        result.library_files = _changed_files(base_root, head_root)
        order = [*head_members, *(m for m in base_members if m not in head_members)]
        if member is not None:
            order = [m for m in order if m == member]
        mixed = _mixed(base_root, head_root) if result.library_files and base_members else None
        try:
            for member_id in order:
                name = head_members.get(member_id) or base_members.get(member_id, member_id)
                if member_id not in base_members:
                    result.members.append(MemberDiff(member_id, name, "added", None))
                    continue
                if member_id not in head_members:
                    result.members.append(MemberDiff(member_id, name, "removed", None))
                    continue
                before = check(base_root, member=member_id)
                found = compare(before, check(head_root, member=member_id), base_label, head_label)
                if found.empty:
                    continue
                touched = MemberDiff(member_id, name, "changed", found)
                if mixed is not None:
                    touched.library_posts = _posts(compare(before, check(mixed, member=member_id), base_label, head_label))
                result.members.append(touched)
        finally:
            if mixed is not None:
                shutil.rmtree(mixed, ignore_errors=True)
        return result


def _changed_files(base_root: Path, head_root: Path) -> list[str]:
    """The files under library/ (and network.yml) that differ, were added or removed."""
    found = []
    for rel in sorted(set(_files(base_root)) | set(_files(head_root))):
        a, b = base_root / rel, head_root / rel
        if not (a.is_file() and b.is_file() and filecmp.cmp(a, b, shallow=False)):
            found.append(rel)
    return found


def _files(root: Path) -> list[str]:
    out = [NETWORK_FILE] if (root / NETWORK_FILE).is_file() else []
    library = root / LIBRARY
    if library.is_dir() and not library.is_symlink():
        for top, folders, names in os.walk(library):  # never follows a link (os.walk's default)
            folders.sort()
            out.extend(Path(top, name).relative_to(root).as_posix() for name in sorted(names))
    return out


def _mixed(base_root: Path, head_root: Path) -> Path:
    """A folder holding BASE's members and HEAD's library and network.yml (regular files only)."""
    folder = Path(tempfile.mkdtemp(prefix="contentplan-diff-"))
    for source, part in ((base_root, MEMBERS), (head_root, LIBRARY)):
        if (source / part).is_dir() and not (source / part).is_symlink():
            shutil.copytree(source / part, folder / part, symlinks=True)
    if (head_root / NETWORK_FILE).is_file():
        shutil.copyfile(head_root / NETWORK_FILE, folder / NETWORK_FILE)
    return folder


def _posts(found: PlanDiff) -> int:
    """The posts a comparison says changed, each once."""
    ids = {p.id for p in (*found.added, *found.removed)}
    ids |= {c.head.id for c in (*found.moved, *found.status_changed, *found.other_changed)}
    ids |= {t.post.id for t in found.text_changed}
    for playbook in found.playbooks_changed:
        ids |= {p.id for p in playbook.reach.post_list}
    return len(ids)


# --- output ----------------------------------------------------------------------------------


def network_markdown(result: NetworkDiff) -> str:
    """For a pull-request comment: the library's change and its reach, then each member touched,
    as the plan diff shows a plan; cut to MAX_MARKDOWN, the JSON has everything."""
    lines = ["## 网络改动 Network changes", "", f"{md_code(result.base)} → {md_code(result.head)}", ""]
    if result.library_files:
        shown = ", ".join(md_code(path) for path in result.library_files[:MAX_FILES_SHOWN])
        more = len(result.library_files) - MAX_FILES_SHOWN
        lines.append(f"Library files changed: {shown}" + (f" and {more} more" if more > 0 else ""))
        lines.append("")
        reached = result.reached
        posts = sum(m.library_posts for m in reached)
        lines.append(
            f"**The library change reaches {len(reached)} of {result.members_in_all} members, {posts} posts**"
            + (": " + ", ".join(f"{md_text(m.name)} ×{m.library_posts}" for m in reached[:MAX_FILES_SHOWN]) if reached else ".")
        )
        lines.append("")
    if not result.members:
        lines.append("No member's plan changed.")
    text = "\n".join(lines) + "\n"
    left = [m for m in result.members]
    for count, member in enumerate(result.members):
        head = f"\n## {md_text(member.name)} {md_code(member.id)}: "
        if member.kind != "changed" or member.diff is None:
            part = head + ("new member" if member.kind == "added" else "member removed") + "\n"
        else:
            body = markdown(member.diff).replace("## 计划改动 Plan changes\n", "", 1)
            part = head + "changed\n" + body.replace("\n### ", "\n#### ")
        if count >= MAX_MEMBERS_SHOWN or len(text) + len(part) > MAX_MARKDOWN - 200:
            rest = ", ".join(md_code(m.id) for m in left[:MAX_MEMBERS_SHOWN])
            text += f"\n… and {len(left)} more members changed: {rest} (the JSON has them all)\n"
            break
        text += part
        left.pop(0)
    return text


def network_json(result: NetworkDiff) -> str:
    text = json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
    return _invisible().sub(_json_escape, text)
