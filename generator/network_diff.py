"""`contentplan diff` of a brand's network (network.py): each member touched, compared as a plan
(diff.compare), and what the library's change alone does to every member.

- members: those on both sides are checked on each (check with member=ID: the library and its
  own files) and compared; only those whose comparison says something are shown ("touched"). A
  member on one side only is "added" or "removed". A member whose folder, the library,
  network.yml and the list of member folders are all unchanged is not checked: nothing it is
  made of changed. `--member ID` compares that member only.
- the library's reach is measured, not guessed: each member touched is checked once more with its
  own files as in BASE and headquarters' files (library/, network.yml) as in HEAD, and compared
  with BASE. The members whose plan that changes, and the posts it adds, removes, moves or
  rewords, are the library change's reach.
- network.yml's own problems (a broken file lists no members) are compared as a plan's are.

The Markdown is the plan diff's (diff.markdown) for each member, under a summary; every plan
string through the plan diff's filters (diff._Shown: one line, invisible characters escaped, no
mention, cut), each member given a share of the comment's length, at most MAX_MEMBERS_SHOWN
members, then how many more. The JSON has every member.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .check import check
from .diff import (
    MAX_MARKDOWN,
    DiffError,
    PlanDiff,
    ProblemRef,
    _invisible,
    _json_escape,
    _length,
    _problem_changes,
    _Shown,
    compare,
    markdown,
    plan_side,
)
from .network import LIBRARY, MEMBERS, NETWORK_FILE, Network, is_network, member_base, read_network
from .network_check import _member_wanted

MAX_FILES_SHOWN = 20  # of the library's changed files in the Markdown
MAX_MEMBERS_SHOWN = 50  # members with their own section in the Markdown; the JSON has them all
MAX_NAMED = 20  # members named in one line of the summary (the reach, those cut)
MAX_PROBLEMS_SHOWN = 20  # of network.yml's problems introduced or fixed
RESERVE = 4_000  # of MAX_MARKDOWN kept for the line that says which members were cut


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
    members_in_all: int = 0  # HEAD's members (the one asked for, with --member)
    problems_introduced: list[ProblemRef] = field(default_factory=list)  # network.yml's own
    problems_fixed: list[ProblemRef] = field(default_factory=list)

    @property
    def reached(self) -> list[MemberDiff]:
        return [m for m in self.members if m.library_posts]

    @property
    def posts_reached(self) -> int:
        return sum(m.library_posts for m in self.members)

    def as_json(self) -> dict:
        return {
            "network": True,
            "base": self.base,
            "head": self.head,
            "library": {
                "files_changed": self.library_files,
                "members_reached": len(self.reached),
                "posts_reached": self.posts_reached,
                "members": {m.id: m.library_posts for m in self.reached},
            },
            "members": {
                m.id: {"name": m.name, "kind": m.kind, "diff": m.diff.as_json() if m.diff else None} for m in self.members
            },
            "network_problems": {
                "introduced": [asdict(p) for p in self.problems_introduced],
                "fixed": [asdict(p) for p in self.problems_fixed],
            },
        }


def diff_any(base: str, head: str | None, root: Path, member: str | None = None) -> PlanDiff | NetworkDiff:
    """`contentplan diff`: a network's comparison when either side is a network (or a member is
    named), else the plan's. Each side is exported once."""
    with plan_side(base, root) as (base_root, base_label), plan_side(head, root) as (head_root, head_label):
        if member is None and not (is_network(head_root) or is_network(base_root)):
            return compare(check(base_root), check(head_root), base_label, head_label)
        return compare_networks(base_root, head_root, base_label, head_label, member)


def network_diff(base: str, head: str | None, root: Path, member: str | None = None) -> NetworkDiff:
    with plan_side(base, root) as (base_root, base_label), plan_side(head, root) as (head_root, head_label):
        return compare_networks(base_root, head_root, base_label, head_label, member)


def compare_networks(
    base_root: Path, head_root: Path, base_label: str, head_label: str, member: str | None = None
) -> NetworkDiff:
    """Each member of the two networks compared (or `member` only); DiffError when neither side
    is a network, or neither lists `member`."""
    if not (is_network(head_root) or is_network(base_root)):
        raise DiffError(f"--member is for a network: {head_label} has no {NETWORK_FILE}")
    empty = Network(head_root, "", [])
    base_net = read_network(base_root) if is_network(base_root) else empty
    head_net = read_network(head_root) if is_network(head_root) else empty
    base_members = {m.id: m.name for m in base_net.members}
    head_members = {m.id: m.name for m in head_net.members}
    if member is not None and member not in base_members and member not in head_members:
        raise DiffError(_member_wanted(head_root, head_net if is_network(head_root) else base_net, member))
    result = NetworkDiff(base_label, head_label)
    result.members_in_all = 1 if member is not None else len(head_members)
    result.library_files = _changed_files(base_root, head_root)
    result.problems_introduced, result.problems_fixed = _problem_changes(base_net.problems, head_net.problems)
    order = [*head_members, *(m for m in base_members if m not in head_members)]
    if member is not None:
        order = [member]
    # Nothing a member's check reads changed but, maybe, its own folder: the others are skipped.
    shared_same = not result.library_files and _listing(base_root) == _listing(head_root)
    mixed = _mixed(base_root, head_root) if result.library_files and base_members and head_members else None
    try:
        for member_id in order:
            name = head_members.get(member_id) or base_members.get(member_id, member_id)
            if member_id not in base_members:
                result.members.append(MemberDiff(member_id, name, "added", None))
                continue
            if member_id not in head_members:
                result.members.append(MemberDiff(member_id, name, "removed", None))
                continue
            folder = member_base(member_id)
            if shared_same and _same_tree(base_root / folder, head_root / folder):
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
    return out + _walk(root, LIBRARY)


def _walk(root: Path, part: str) -> list[str]:
    """Every file and link under root/part, relative to root, sorted; a link is never followed."""
    folder = root / part
    if not folder.is_dir() or folder.is_symlink():
        return []
    out: list[str] = []
    for top, folders, names in os.walk(folder):  # never follows a link (os.walk's default)
        folders.sort()
        out.extend(Path(top, name).relative_to(root).as_posix() for name in sorted(names))
        out.extend(Path(top, name).relative_to(root).as_posix() for name in folders if Path(top, name).is_symlink())
    return out


def _listing(root: Path) -> tuple:
    """What every member's check reads besides its folder and the library: which folders are under
    members/ (one not listed is a warning), and a content/ or playbooks/ beside network.yml."""
    members = root / MEMBERS
    names = sorted(e.name for e in os.scandir(members)) if members.is_dir() and not members.is_symlink() else []
    return tuple(names), (root / "content").exists(), (root / "playbooks").exists()


def _same_tree(a: Path, b: Path) -> bool:
    """Whether two member folders hold the same files with the same bytes (a link: never the same)."""
    if a.is_symlink() or b.is_symlink():
        return False
    files = _walk(a, "")
    if files != _walk(b, ""):
        return False
    return all(
        not (a / rel).is_symlink()
        and not (b / rel).is_symlink()
        and (a / rel).is_file()
        and filecmp.cmp(a / rel, b / rel, shallow=False)
        for rel in files
    )


def _mixed(base_root: Path, head_root: Path) -> Path:
    """A folder holding BASE's members and HEAD's library and network.yml (links kept as links)."""
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
    as the plan diff shows a plan, each in its share of MAX_MARKDOWN; the JSON has everything."""
    shown = _Shown()
    lines = ["## 网络改动 Network changes", "", f"{shown.code(result.base)} → {shown.code(result.head)}", ""]
    kinds = {kind: sum(m.kind == kind for m in result.members) for kind in ("changed", "added", "removed")}
    if result.members:
        lines += [
            f"{len(result.members)} members touched: {kinds['changed']} changed, "
            f"{kinds['added']} added, {kinds['removed']} removed",
            "",
        ]
    else:
        lines += ["No member's plan changed.", ""]
    if result.library_files:
        files = ", ".join(shown.code(path, "where") for path in result.library_files[:MAX_FILES_SHOWN])
        more = len(result.library_files) - MAX_FILES_SHOWN
        lines += [f"Library files changed: {files}" + (f" and {more} more" if more > 0 else ""), ""]
        reached = result.reached
        named = ", ".join(f"{shown.text(m.name, 'name')} ×{m.library_posts}" for m in reached[:MAX_NAMED])
        if len(reached) > MAX_NAMED:
            named += f" and {len(reached) - MAX_NAMED} more"
        lines += [
            f"**The library change reaches {len(reached)} of {result.members_in_all} members, "
            f"{result.posts_reached} posts**" + (f": {named}" if reached else "."),
            "",
        ]
    for title, problems in (
        ("network.yml: problems introduced", result.problems_introduced),
        ("network.yml: problems fixed", result.problems_fixed),
    ):
        if problems:
            lines += [f"**{title} ({len(problems)})**", ""]
            lines += [
                f"- **{p.severity}** {shown.code(p.code)} {shown.code(p.where, 'where')} {shown.text(p.message, 'message')}"
                for p in problems[:MAX_PROBLEMS_SHOWN]
            ]
            if len(problems) > MAX_PROBLEMS_SHOWN:
                lines.append(f"- … and {len(problems) - MAX_PROBLEMS_SHOWN} more (the JSON lists them all)")
            lines.append("")
    text = "\n".join(lines)
    left = MAX_MARKDOWN - RESERVE - _length(text)
    shown_count = min(len(result.members), MAX_MEMBERS_SHOWN)
    done = 0
    for member in result.members[:shown_count]:
        part = _member_section(member, shown, max(left // (shown_count - done), 1_000))
        if _length(part) > left:
            break
        text += part
        left -= _length(part)
        done += 1
    rest = result.members[done:]
    if rest:
        ids = ", ".join(shown.code(m.id, "id") for m in rest[:MAX_NAMED]) + (", …" if len(rest) > MAX_NAMED else "")
        text += f"\n… and {len(rest)} more members touched: {ids} (the JSON has them all: `--format json`)\n"
    if shown.cut:
        text += "\nLong names end in … (the JSON has them whole).\n"
    return text.rstrip("\n") + "\n"


def _member_section(member: MemberDiff, shown: _Shown, budget: int) -> str:
    """One member's section: a heading (name and id), then the plan diff without its own heading
    and sides (said once above), its sections one level down."""
    head = f"\n### {shown.text(member.name, 'name')} {shown.code(member.id, 'id')}: "
    if member.kind != "changed" or member.diff is None:
        return head + ("new member" if member.kind == "added" else "member removed") + "\n"
    heading = f"{head}changed\n\n"
    body = markdown(member.diff, max(budget - _length(heading), 0))
    parts = body.split("\n\n", 2)  # "## 计划改动 Plan changes", "BASE → HEAD", the rest
    body = parts[2] if len(parts) == 3 and parts[0].startswith("## ") else body
    return heading + body.replace("\n### ", "\n#### ")


def network_json(result: NetworkDiff) -> str:
    """The whole comparison as JSON, uncut; what shows as nothing as a \\u escape (as diff.json_text)."""
    text = json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n"
    return _invisible().sub(_json_escape, text)
