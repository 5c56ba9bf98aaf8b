"""network.py: network.yml, the library and how a member's plan starts from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.check import check
from generator.network_check import check_network
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


def test_a_library_campaign_reaches_every_channel_of_its_platform_filled_with_the_members_values():
    plan = check(NETWORK, "en", member="east").plan
    ours = [p for p in plan.posts if p.campaign == "new-year"]
    assert [(p.id, p.channel) for p in ours] == [("2026-12-29-vip-group-1000", "vip-group")]
    assert plan.message_of(ours[0]) == "元旦会员日,汤家老坊东门店会员价128元,到店自提。"
    # a member's own post and the library's, side by side, paths relative to the network
    assert {p.where().path for p in plan.posts} == {
        "members/east/content/calendar/2026-12.yml",
        "library/content/calendar/new-year.yml",
    }


def test_library_posts_name_a_platform_and_a_campaign(network):
    root = network()
    _edit(root, "library/content/calendar/new-year.yml", "campaign: new-year\n", "")
    _edit(root, "library/content/calendar/new-year.yml", "platform: wechat-group", "channel: vip-group")
    result = check_network(root, "en")
    codes = {(p.line, p.code) for p in result.problems}
    assert (4, "unknown-field") in codes and (2, "missing-field") in codes


def test_network_yml_problems(network):
    root = network()
    (root / "members" / "north" / "content").mkdir(parents=True)
    _edit(
        root,
        "network.yml",
        "  - {id: west, name: 西门店, kind: dealer}",
        "  - {id: west, name: 西门店, kind: dealer}\n  - {id: south, name: 南门店}",
    )
    result = check_network(root, "en")
    assert {(p.path, p.code, p.severity) for p in result.problems} == {
        ("network.yml", "missing-field", "error"),  # south has no plan
        ("members/north", "stray-file", "warning"),  # a folder network.yml does not list
    }


def test_a_plain_plan_knows_nothing_of_networks(make_plan):
    root = make_plan(files={"content/site.yml": (make_plan() / "content" / "site.yml").read_text() + "values: {shop: x}\n"})
    assert [p.code for p in check(root, "en").problems] == ["unknown-field"]


def test_a_plan_s_folders_beside_network_yml_are_said_to_be_unread(network):
    root = network()
    (root / "content" / "calendar").mkdir(parents=True)
    (root / "playbooks").mkdir()
    result = check_network(root, "en")
    assert [(p.path, p.code, p.severity) for p in result.problems] == [
        ("content", "stray-file", "warning"),
        ("playbooks", "stray-file", "warning"),
    ]
