"""A network's sites in a real browser on a phone (390×844): each member's operators tick on
their own site only, see the library's posts filled with their own values, and headquarters'
overview fits the screen and asks nothing of another origin."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest

from generator.cli import main
from tests.support import NETWORK, PROJECT, Served, needs_chromium, pinned_build_day, watched_phone

pytestmark = needs_chromium

LIBRARY_POST = "2026-12-29-vip-group-1000"  # the library's post: the same id in both members
MORNING = "2026-12-29T02:30:00Z"  # 10:30 in Shanghai


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("network")
    root = folder / "net"
    shutil.copytree(NETWORK, root)
    yield from _built_and_served(root, folder / "site")


@pytest.fixture
def phone(browser):
    with watched_phone(browser, MORNING) as page:
        yield page


def _built_and_served(root, out):
    """`contentplan build` of the network at root into out, served while the module's tests run."""
    with pinned_build_day():
        assert main(["build", "--root", str(root), "--site-dir", str(out)]) == 0
    served = Served(out)
    yield served
    served.stop()


def _tick(page):
    return page.locator(f"section.cp-card:has(> h2[id='{LIBRARY_POST}']) button.cp-tick")


def test_a_tick_on_one_member_s_site_is_not_a_tick_on_another_s(site, phone):
    phone.goto(f"{site.url}/members/east/days/2026-12-29/")
    assert _tick(phone).get_attribute("aria-pressed") == "false"
    _tick(phone).tap()
    assert _tick(phone).get_attribute("aria-pressed") == "true"
    phone.reload()
    assert _tick(phone).get_attribute("aria-pressed") == "true"
    phone.goto(f"{site.url}/members/west/days/2026-12-29/")
    assert _tick(phone).get_attribute("aria-pressed") == "false"  # the same post id, another member


def test_each_member_sees_the_library_s_post_filled_with_its_own_values(site, phone):
    for member, shop in (("east", "汤家老坊东门店"), ("west", "汤家老坊西门店")):
        phone.goto(f"{site.url}/members/{member}/days/2026-12-29/")
        card = phone.locator(f"section.cp-card:has(> h2[id='{LIBRARY_POST}'])")
        assert f"元旦会员日,{shop}会员价128元" in card.inner_text()


@pytest.mark.parametrize("path", ["/", "/problems/", "/playbooks/", "/rhythm/", "/guide/hq/"])
def test_the_overview_fits_a_phone_and_asks_no_other_origin(site, phone, path):
    phone.goto(f"{site.url}{path}")
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    origin = urlparse(site.url).netloc
    assert {urlparse(url).netloc for url in phone.requests} == {origin}


# --- the shipped example network (examples/network): 赤岭酱坊 and its three stores ---------------

EXAMPLE = PROJECT / "examples" / "network"
DAY = "2026-12-10"  # both suzhou and nanjing get the library's promo-notice (朋友圈, 18:00)
EXAMPLE_POST = f"{DAY}-moments-1800"  # its id, derived: the same in both members
EXAMPLE_MORNING = "2026-12-10T02:00:00Z"  # 10:00 in Shanghai


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    yield from _built_and_served(EXAMPLE, tmp_path_factory.mktemp("example-network") / "site")


@pytest.fixture
def example_phone(browser):
    with watched_phone(browser, EXAMPLE_MORNING) as page:
        yield page


def _pressed(page) -> list[str]:
    return page.locator("section.cp-card button.cp-tick").evaluate_all("ticks => ticks.map(t => t.getAttribute('aria-pressed'))")


def test_example_ticks_are_scoped_to_the_member(example, example_phone):
    page = example_phone
    page.goto(f"{example.url}/members/suzhou/days/{DAY}/")
    first = page.locator("section.cp-card button.cp-tick").first
    library = page.locator(f"section.cp-card:has(> h2[id='{EXAMPLE_POST}']) button.cp-tick")
    assert set(_pressed(page)) == {"false"}
    first.tap()
    library.tap()  # the post whose id nanjing's page has too
    assert first.get_attribute("aria-pressed") == "true"
    page.reload()
    assert first.get_attribute("aria-pressed") == "true"
    assert library.get_attribute("aria-pressed") == "true"
    assert _pressed(page).count("true") == 2
    page.goto(f"{example.url}/members/nanjing/days/{DAY}/")
    assert page.locator(f"section.cp-card > h2[id='{EXAMPLE_POST}']").count() == 1
    assert len(_pressed(page)) == 2
    assert set(_pressed(page)) == {"false"}  # nothing of suzhou's ticks
    assert page.locator("section.cp-card.cp-done").count() == 0


# each member's values: (shop, address); the other member's must never show on its pages
SHOPS = {
    "suzhou": ("赤岭酱坊苏州观前店", "苏州市姑苏区观前街 88 号二楼"),
    "nanjing": ("赤岭酱坊南京新街口店", "南京市秦淮区中山南路 21 号"),
}
OTHER = {"suzhou": "nanjing", "nanjing": "suzhou"}


def test_example_library_post_is_filled_with_the_member_s_values(example, example_phone):
    page = example_phone
    # on DAY the library's post is the short 朋友圈 version ({{shop}} is not in it): the same text
    # in both members, and neither page names the other's shop
    for member in SHOPS:
        page.goto(f"{example.url}/members/{member}/days/{DAY}/")
        card = page.locator(f"section.cp-card:has(> h2[id='{EXAMPLE_POST}'])")
        assert "会员价528元" in card.inner_text()
        assert SHOPS[OTHER[member]][0] not in page.locator("article").inner_text()
    # on 2026-12-08 the group version names the shop and its address: each member's own
    for member, (shop, address) in SHOPS.items():
        page.goto(f"{example.url}/members/{member}/days/2026-12-08/")
        card = page.locator("section.cp-card:has(> h2[id='2026-12-08-vip-group-1000'])")
        text = card.inner_text()
        assert f"到店自提（{shop}，{address}）" in text
        assert "{{" not in text
        article = page.locator("article").inner_text()
        assert not any(value in article for value in SHOPS[OTHER[member]])


def test_example_overview_fits_a_phone_and_asks_no_other_origin(example, example_phone, tmp_path):
    page = example_phone
    page.goto(f"{example.url}/")
    page.wait_for_load_state("networkidle")
    width = page.evaluate("[document.documentElement.scrollWidth, document.body.scrollWidth]")
    assert max(width) <= 390, width
    # nor scrolls sideways inside the page (Material puts a wide table in a scrolling box)
    wide = page.evaluate(
        "[...document.querySelectorAll('.md-typeset__scrollwrap, .md-typeset__table')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.innerText.slice(0, 40))"
    )
    assert wide == []
    origin = urlparse(example.url).netloc
    assert page.requests and {urlparse(url).netloc for url in page.requests} == {origin}
    page.screenshot(path=str(tmp_path / "overview.png"), full_page=True)
    page.goto(f"{example.url}/members/nanjing/days/2026-12-08/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "member-day.png"), full_page=True)
