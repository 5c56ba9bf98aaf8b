"""`contentplan build` of a network (generator/network_site.py): each member's site under
members/<id>/, headquarters' overview at the root, a broken member's last good site kept."""

from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from tests.support import NETWORK, PROJECT, pinned_build_day

EXAMPLE = PROJECT / "examples" / "network"


@pytest.fixture
def copy(tmp_path):
    def make(source=NETWORK):
        root = tmp_path / "net"
        shutil.copytree(source, root)
        return root

    return make


def _text(path) -> str:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").get_text(" ", strip=True)


def test_the_example_network_builds_every_member_and_the_overview(tmp_path, run_cli):
    out = tmp_path / "site"
    with pinned_build_day():
        result = run_cli("build", "--root", str(EXAMPLE), "--site-dir", str(out))
    assert result.status == 0, result.err
    for member in ("suzhou", "nanjing", "hangzhou"):
        assert (out / "members" / member / "index.html").is_file(), member
        assert (out / "members" / member / "days" / "2026-12-10" / "index.html").is_file(), member
    # a library campaign on every member's site that runs it, filled with that member's values
    nanjing = _text(out / "members" / "nanjing" / "days" / "2026-12-08" / "index.html")
    assert "赤岭酱坊南京新街口店" in nanjing and "会员日促销通知" in nanjing
    assert "会员日促销通知" not in _text(out / "members" / "hangzhou" / "days" / "2026-12-10" / "index.html")  # opted out
    assert "会员日促销通知" in _text(out / "members" / "suzhou" / "days" / "2026-12-10" / "index.html")
    overview = _text(out / "index.html")
    assert "双十二会员日" in overview and "12 月 1 日至 15 日闭店装修" in overview  # the opt-out and its reason
    assert "南京新街口店" in overview
    assert "promo-notice" in _text(out / "playbooks" / "index.html")
    assert "2026-12" in _text(out / "rhythm" / "index.html")
    assert (out / "guide" / "hq" / "index.html").is_file() and (out / "guide" / "store" / "index.html").is_file()


def test_a_member_with_errors_keeps_its_last_good_site_and_the_overview_shows_the_error(copy, tmp_path, run_cli):
    root, out = copy(), tmp_path / "site"
    assert run_cli("build", "--root", str(root), "--site-dir", str(out)).status == 0
    kept = (out / "members" / "west" / "index.html").read_bytes()
    calendar = root / "members" / "west" / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace("playbook: greeting", "playbook: greting"), encoding="utf-8")
    east = root / "members" / "east" / "content" / "site.yml"
    east.write_text(
        east.read_text(encoding="utf-8").replace("title: 汤家老坊 · 东门店", "title: 汤家老坊 · 东门新店"), encoding="utf-8"
    )
    result = run_cli("build", "--root", str(root), "--site-dir", str(out))
    assert result.status == 1
    assert "west" in result.err and "Traceback" not in result.err
    assert (out / "members" / "west" / "index.html").read_bytes() == kept  # the last good site, as it was
    assert "东门新店" in _text(out / "members" / "east" / "index.html")  # the others rebuilt
    problems = _text(out / "problems" / "index.html")
    assert "members/west/content/calendar/2026-12.yml:6:15" in problems and "unknown-playbook" in problems
    assert "保留上次的站点" in _text(out / "index.html")


def test_a_member_without_a_last_good_site_gets_none_and_no_link(copy, tmp_path, run_cli):
    root, out = copy(), tmp_path / "site"
    calendar = root / "members" / "west" / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace("playbook: greeting", "playbook: greting"), encoding="utf-8")
    assert run_cli("build", "--root", str(root), "--site-dir", str(out)).status == 1
    assert not (out / "members" / "west").exists() and (out / "members" / "east" / "index.html").is_file()
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.select('a[href^="members/west"]') and soup.select('a[href^="members/east"]')


def test_one_member_s_site_alone(copy, tmp_path, run_cli):
    root, out = copy(), tmp_path / "east"
    assert run_cli("build", "--root", str(root), "--member", "east", "--site-dir", str(out)).status == 0
    assert "汤家老坊东门店" in _text(out / "days" / "2026-12-29" / "index.html")


def test_the_overview_escapes_what_members_and_headquarters_write(copy, tmp_path, run_cli):
    root, out = copy(), tmp_path / "site"
    hostile = "<img src=x onerror=alert(1)> | **粗** [链](javascript:alert(1))"
    network = root / "network.yml"
    network.write_text(network.read_text(encoding="utf-8").replace("name: 东门店", f"name: '{hostile}'"), encoding="utf-8")
    west = root / "members" / "west" / "content" / "site.yml"
    west.write_text(west.read_text(encoding="utf-8") + f"opt_out:\n  new-year: '{hostile}'\n", encoding="utf-8")
    assert run_cli("build", "--root", str(root), "--site-dir", str(out)).status == 0
    page = (out / "index.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    assert not soup.select("img[onerror]") and not soup.select('a[href^="javascript"]') and not soup.select("strong")
    assert soup.get_text().count("<img src=x onerror=alert(1)>") >= 2  # shown as text: the name and the reason


def test_two_members_with_the_same_title_have_their_own_calendar_uids(copy, tmp_path, run_cli):
    """Members share the library's post ids; a calendar app subscribed to two members keeps both."""
    root, out = copy(), tmp_path / "site"
    west = root / "members" / "west" / "content" / "site.yml"
    west.write_text(west.read_text(encoding="utf-8").replace("西门店", "东门店"), encoding="utf-8")  # the same title
    assert run_cli("build", "--root", str(root), "--site-dir", str(out)).status == 0

    def uids(member: str) -> set[str]:
        feed = (out / "members" / member / "calendar.ics").read_text(encoding="utf-8")
        return {line for line in feed.splitlines() if line.startswith("UID:")}

    east, west_uids = uids("east"), uids("west")
    assert len(east) == len(west_uids) == 2 and not east & west_uids


def test_a_library_post_attaches_headquarters_file_in_every_member_s_site(copy, tmp_path, run_cli):
    from tests.support import VALID

    root, out = copy(), tmp_path / "site"
    calendar = root / "library" / "content" / "calendar" / "new-year.yml"
    calendar.write_text(
        calendar.read_text(encoding="utf-8").replace(
            "    status: approved", "    attach: [assets/poster.png]\n    status: approved"
        ),
        encoding="utf-8",
    )
    missing = run_cli("check", "--root", str(root), "--lang", "en", "--format", "json")
    assert missing.status == 1 and '"missing-asset"' in missing.out and '"library/content/calendar/new-year.yml"' in missing.out
    (root / "library" / "content" / "assets").mkdir()
    shutil.copy(VALID / "content" / "assets" / "tasting.png", root / "library" / "content" / "assets" / "poster.png")
    assert run_cli("build", "--root", str(root), "--site-dir", str(out)).status == 0
    for member in ("east", "west"):
        copied = out / "members" / member / "content" / "assets" / "library" / "poster.png"
        assert copied.read_bytes() == (root / "library" / "content" / "assets" / "poster.png").read_bytes()
        day = (out / "members" / member / "days" / "2026-12-29" / "index.html").read_text(encoding="utf-8")
        assert "content/assets/library/poster.png" in day
