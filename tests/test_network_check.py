"""network_check.py: each member checked as one plan with headquarters' library, every problem
reported once at its file and line, a library change that breaks a member found at the change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.check import check
from generator.network_check import MemberError, check_network
from tests.support import NETWORK, PROJECT

EXAMPLE = PROJECT / "examples" / "network"


@pytest.fixture
def network(tmp_path):
    """network(source=NETWORK, files=None) -> a copy of the network with `files` written over it."""

    def make(source: Path = NETWORK, files: dict[str, str] | None = None) -> Path:
        root = tmp_path / f"net{len(list(tmp_path.iterdir()))}"
        shutil.copytree(source, root)
        for rel, text in (files or {}).items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            (root / rel).write_text(text, encoding="utf-8")
        return root

    return make


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _found(result) -> list[tuple]:
    return [(p.path, p.line, p.code) for p in result.problems]


def test_the_fixture_and_the_example_networks_check_clean():
    for root in (NETWORK, EXAMPLE):
        result = check_network(root, "en")
        assert result.problems == [], [f"{p.path}:{p.line} {p.code} {p.message}" for p in result.problems]
        assert len(result.members) >= 2


def test_a_member_that_opts_out_with_a_reason_gets_none_of_the_campaign_and_headquarters_sees_why(network):
    root = network()
    _edit(root, "members/west/content/site.yml", "values:", "opt_out:\n  new-year: 元旦闭店盘点\nvalues:")
    result = check_network(root, "en")
    assert result.problems == []
    west = next(m for m in result.members if m.id == "west")
    east = next(m for m in result.members if m.id == "east")
    assert west.opt_out == {"new-year": "元旦闭店盘点"} and "new-year" not in west.campaigns
    assert east.campaigns["new-year"][0] == 1


def test_an_opt_out_of_a_campaign_the_library_does_not_have_is_found(network):
    root = network()
    _edit(root, "members/west/content/site.yml", "values:", "opt_out:\n  new-yaer: 元旦闭店\nvalues:")
    result = check_network(root, "en")
    assert _found(result) == [("members/west/content/site.yml", 11, "unknown-campaign")]
    assert "did you mean 'new-year'" in result.problems[0].message


def test_a_library_change_that_needs_a_value_a_member_never_gave_is_found_at_the_change_naming_the_member(network):
    root = network()
    _edit(root, "members/east/content/site.yml", "values:\n  shop: 汤家老坊东门店\n", "")
    result = check_network(root, "en")
    assert _found(result) == [("library/playbooks/member-day.md", 13, "missing-var")]
    message = result.problems[0].message
    assert "{{shop}}" in message and "members: east; 1 of 2" in message
    # both members without it: one problem, said to be every member's
    _edit(root, "members/west/content/site.yml", "values:\n  shop: 汤家老坊西门店\n", "")
    result = check_network(root, "en")
    assert _found(result) == [("library/playbooks/member-day.md", 13, "missing-var")]
    assert "(all 2 members)" in result.problems[0].message


def test_a_post_s_own_vars_fill_a_library_playbook_for_that_post(network):
    root = network()
    _edit(root, "members/east/content/site.yml", "values:\n  shop: 汤家老坊东门店\n", "")
    _edit(root, "library/content/calendar/new-year.yml", "vars: {price: 128}", "vars: {price: 128, shop: 本店}")
    assert check_network(root, "en").problems == []


def test_a_problem_in_the_library_s_own_copy_is_reported_once_not_once_a_member(network):
    root = network()
    _edit(root, "library/playbooks/greeting.md", "早上好!{{tip}}", "早上好!全城最好的酱香酒。{{tip}}")
    result = check_network(root, "en")
    assert _found(result) == [("library/playbooks/greeting.md", 10, "banned-word")]
    assert "member" not in result.problems[0].message  # the library's own: no member named


def test_a_library_post_inside_one_member_s_quiet_hours_is_found_at_the_library_naming_that_member(network):
    root = network()
    _edit(root, "members/west/content/site.yml", 'quiet_hours: "22:00-08:00"', 'quiet_hours: "09:00-11:00"')
    result = check_network(root, "en")
    assert _found(result) == [("library/content/calendar/new-year.yml", 4, "quiet-hours")]
    assert "members: west; 1 of 2" in result.problems[0].message


def test_a_member_s_own_problem_is_at_its_file_and_line(network):
    root = network()
    _edit(root, "members/east/content/calendar/2026-12.yml", "playbook: greeting", "playbook: greting")
    result = check_network(root, "en")
    assert _found(result) == [("members/east/content/calendar/2026-12.yml", 6, "unknown-playbook")]


def test_a_member_cannot_set_what_headquarters_sets(network):
    root = network()
    _edit(root, "members/east/content/site.yml", "values:", "industry: alcohol\nrules:\n  banned-word: off\nvalues:")
    result = check_network(root, "en")
    assert _found(result) == [
        ("members/east/content/site.yml", 10, "library-locked"),
        ("members/east/content/site.yml", 11, "library-locked"),
    ]


def test_headquarters_settings_reach_every_member(network):
    root = network()
    _edit(root, "library/content/site.yml", "reminder_minutes: 10", "reminder_minutes: 10\nrules:\n  missing-var: warning")
    _edit(root, "members/east/content/site.yml", "values:\n  shop: 汤家老坊东门店\n", "")
    result = check_network(root, "en")
    assert [(p.code, p.severity) for p in result.problems] == [("missing-var", "warning")]
    assert check(root, "en", member="east").plan.site.timezone == "Asia/Shanghai"


def test_one_member_is_checked_with_the_library(network, run_cli):
    root = network()
    result = run_cli("check", "--root", str(root), "--member", "east", "--format", "json")
    assert result.status == 0 and result.out.strip() == "[]"
    result = run_cli("check", "--root", str(root), "--member", "eats")
    assert result.status == 2 and "did you mean 'east'" in result.err and "Traceback" not in result.err
    result = run_cli("today", "--root", str(root))  # a network's checklist is a member's
    assert result.status == 2 and "--member" in result.err
    with pytest.raises(MemberError):
        check(root, "en")


def test_the_network_check_is_the_same_on_one_core_and_on_two(network):
    root = network()
    _edit(root, "members/west/content/site.yml", 'quiet_hours: "22:00-08:00"', 'quiet_hours: "09:00-11:00"')
    _edit(root, "members/east/content/calendar/2026-12.yml", "playbook: greeting", "playbook: greting")
    one, two = check_network(root, "en", cores=1), check_network(root, "en", cores=2)
    assert one.problems == two.problems and len(one.problems) == 2
    assert [m.id for m in one.members] == [m.id for m in two.members] == ["east", "west"]
