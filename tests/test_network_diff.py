"""network_diff.py: `contentplan diff` of a network, member by member, with the library
change's reach measured (each member's own files as in BASE, the library as in HEAD)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.support import NETWORK, git


@pytest.fixture
def sides(tmp_path):
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(NETWORK, base)
    shutil.copytree(NETWORK, head)
    return base, head


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _json(run_cli, base: Path, head: Path, *more: str) -> dict:
    result = run_cli("diff", f"path:{base}", f"path:{head}", "--root", str(head), "--format", "json", *more)
    assert result.status == 0, result.err
    return json.loads(result.out)


def test_a_library_playbook_change_reaches_every_member_that_uses_it(sides, run_cli):
    base, head = sides
    _edit(head, "library/playbooks/member-day.md", "到店自提", "到店自取")
    found = _json(run_cli, base, head)
    assert found["network"] is True
    assert found["library"] == {
        "files_changed": ["library/playbooks/member-day.md"],
        "members_reached": 2,
        "posts_reached": 2,  # one library post in each member
        "members": {"east": 1, "west": 1},
    }
    assert set(found["members"]) == {"east", "west"}
    [change] = found["members"]["east"]["diff"]["playbooks_changed"]
    assert change["id"] == "member-day" and change["reach"]["posts"] == 1


def test_a_member_s_own_change_shows_that_member_only_and_reaches_nothing_from_the_library(sides, run_cli):
    base, head = sides
    _edit(head, "members/west/content/calendar/2026-12.yml", 'time: "08:30"', 'time: "09:30"')
    found = _json(run_cli, base, head)
    assert list(found["members"]) == ["west"] and found["library"]["files_changed"] == []
    assert found["library"]["members_reached"] == 0
    result = run_cli("diff", f"path:{base}", f"path:{head}", "--root", str(head))
    assert "### 西门店 `west`: changed" in result.out and "`east`" not in result.out
    assert "1 members touched: 1 changed" in result.out and "library change" not in result.out
    assert len(found["members"]["west"]["diff"]["moved"]) == 1


def test_both_kinds_at_once_count_only_the_library_s_part_as_its_reach(sides, run_cli):
    base, head = sides
    _edit(head, "members/east/content/calendar/2026-12.yml", 'time: "08:30"', 'time: "09:30"')
    _edit(head, "library/content/calendar/new-year.yml", 'time: "10:00"', 'time: "10:30"')
    found = _json(run_cli, base, head)
    assert found["library"]["members"] == {"east": 1, "west": 1}  # the library post moved, in each
    assert len(found["members"]["east"]["diff"]["moved"]) == 2  # east's own post moved too


def test_member_restricts_the_comparison(sides, run_cli):
    base, head = sides
    _edit(head, "library/playbooks/member-day.md", "到店自提", "到店自取")
    found = _json(run_cli, base, head, "--member", "west")
    assert list(found["members"]) == ["west"]
    assert found["library"]["members"] == {"west": 1} and found["library"]["posts_reached"] == 1
    result = run_cli("diff", f"path:{base}", f"path:{head}", "--root", str(head), "--member", "west")
    assert "`west`" in result.out and "`east`" not in result.out
    assert "The library change reaches 1 of 1 members, 1 posts" in result.out


def test_members_added_and_removed(sides, run_cli):
    base, head = sides
    shutil.move(head / "members" / "west", head / "members" / "north")
    _edit(head, "network.yml", "  - {id: west, name: 西门店, kind: dealer}", "  - {id: north, name: 北门店}")
    found = _json(run_cli, base, head)
    kinds = {member: entry["kind"] for member, entry in found["members"].items()}
    assert kinds == {"north": "added", "west": "removed"}


def test_the_markdown_names_the_reach_and_escapes_what_the_plan_says(sides, run_cli):
    base, head = sides
    for side in sides:
        _edit(side, "network.yml", "name: 东门店", "name: '<img src=x onerror=alert(1)> **东**'")
    _edit(head, "library/playbooks/member-day.md", "到店自提", "到店自取")
    result = run_cli("diff", f"path:{base}", f"path:{head}", "--root", str(head))
    assert result.status == 0
    assert "The library change reaches 2 of 2 members, 2 posts" in result.out
    assert "<img" not in result.out and "&lt;img" in result.out and "\\*\\*东\\*\\*" in result.out


def test_a_hostile_member_name_is_escaped_as_the_plan_diff_escapes(sides, run_cli):
    base, head = sides
    hostile = "@octo-org/team ~~x~~ $y$ [a](javascript:x)\u200b"
    for side in sides:
        _edit(side, "network.yml", "name: 东门店", f"name: '{hostile}'")
    _edit(head, "library/playbooks/member-day.md", "到店自提", "到店自取")
    result = run_cli("diff", f"path:{base}", f"path:{head}", "--root", str(head))
    assert result.status == 0, result.err
    shown = "@\u2060octo\\-org/team \\~\\~x\\~\\~ \\$y\\$ \\[a\\]\\(javascript:x\\)\\\\u200b"
    assert f"### {shown} `east`: changed" in result.out  # the heading, as diff.md.j2's `text` filter
    assert f"{shown} ×1" in result.out  # and in the reach
    assert "@octo" not in result.out and "~~" not in result.out and "\u200b" not in result.out


def test_a_member_broken_on_one_side_is_still_compared(sides, run_cli):
    base, head = sides
    (head / "members/east/content/calendar/2026-12.yml").write_text("posts: [\n  - {date: 2026-13-40\n", encoding="utf-8")
    found = _json(run_cli, base, head)
    assert list(found["members"]) == ["east"]
    introduced = found["members"]["east"]["diff"]["problems_introduced"]
    assert introduced and introduced[0]["where"].startswith("members/east/content/calendar/2026-12.yml")
    result = run_cli("diff", f"path:{head}", f"path:{base}", "--root", str(base))  # and the other way
    assert result.status == 0 and "Traceback" not in result.err
    assert "### 东门店 `east`: changed" in result.out and "Problems fixed" in result.out


def test_a_broken_network_file_is_said(sides, run_cli):
    base, head = sides
    (head / "network.yml").write_text("title: [\n", encoding="utf-8")
    found = _json(run_cli, base, head)
    assert found["network_problems"]["introduced"] and found["library"]["files_changed"] == ["network.yml"]
    assert {m["kind"] for m in found["members"].values()} == {"removed"}


def test_an_unknown_member_is_refused(sides, run_cli):
    base, head = sides
    result = run_cli("diff", f"path:{base}", f"path:{head}", "--root", str(head), "--member", "wset")
    assert result.status == 2 and "west" in result.err and not result.out


def test_many_members_are_cut_and_counted(sides, run_cli, monkeypatch):
    from generator import network_diff

    base, head = sides
    monkeypatch.setattr(network_diff, "MAX_MEMBERS_SHOWN", 1)
    _edit(head, "library/playbooks/member-day.md", "到店自提", "到店自取")
    result = run_cli("diff", f"path:{base}", f"path:{head}", "--root", str(head))
    assert "### 东门店 `east`" in result.out and "### 西门店" not in result.out
    assert "… and 1 more members touched: `west`" in result.out


def test_git_revisions_of_a_network_are_compared(tmp_path, run_cli):
    root = tmp_path / "repo"
    shutil.copytree(NETWORK, root)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "base", cwd=root)
    _edit(root, "library/playbooks/member-day.md", "到店自提", "到店自取")
    git("commit", "-q", "-am", "library", cwd=root)
    _edit(root, "members/west/content/calendar/2026-12.yml", 'time: "08:30"', 'time: "09:30"')  # not committed
    result = run_cli("diff", "HEAD~1", "HEAD", "--root", str(root), "--format", "json")
    assert result.status == 0, result.err
    found = json.loads(result.out)
    assert found["library"]["members_reached"] == 2 and found["library"]["posts_reached"] == 2
    assert not found["members"]["west"]["diff"]["moved"]  # HEAD is the commit, not the working tree
    result = run_cli("diff", "HEAD", "--root", str(root))  # HEAD against the working tree
    assert result.status == 0, result.err
    assert "### 西门店 `west`: changed" in result.out and "`east`" not in result.out


def test_a_plain_plan_s_diff_is_unchanged(make_plan, run_cli):
    root = make_plan()
    result = run_cli("diff", f"path:{root}", f"path:{root}", "--root", str(root), "--format", "json")
    assert result.status == 0 and "network" not in json.loads(result.out)
