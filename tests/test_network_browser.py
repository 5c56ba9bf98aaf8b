"""A network's sites in a real browser on a phone (390×844): each member's operators tick on
their own site only, see the library's posts filled with their own values, and headquarters'
overview fits the screen and asks nothing of another origin."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest

from generator.cli import main
from tests.support import NETWORK, PHONE, Served, needs_chromium, pinned_build_day

pytestmark = needs_chromium

LIBRARY_POST = "2026-12-29-vip-group-1000"  # the library's post: the same id in both members
MORNING = "2026-12-29T02:30:00Z"  # 10:30 in Shanghai


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("network")
    root, out = folder / "net", folder / "site"
    shutil.copytree(NETWORK, root)
    with pinned_build_day():
        assert main(["build", "--root", str(root), "--site-dir", str(out)]) == 0
    served = Served(out)
    yield served
    served.stop()


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.clock.install(time=MORNING)
    page.errors, page.requests = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    assert page.errors == []
    context.close()


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
