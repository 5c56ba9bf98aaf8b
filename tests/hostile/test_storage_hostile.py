"""Ticks belong to one plan (issue 15, point 6), in a real browser.

GitHub Pages project sites of one organisation share an origin, and so their localStorage. Two
sites are served here under two sub-paths of one origin (/shop-a/ and /shop-b/: the same plan,
and a plan with another title); a tick in one must not show in the other. What the phone has
stored is untrusted too: values of the wrong shape, and ids that are names of
Object.prototype's own properties (`constructor`), must neither throw nor hide posts.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from browser_support import Served, launch, needs_chromium

from generator.cli import main
from tests.conftest import FIXTURES, pinned_build_day

pytestmark = needs_chromium
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
         "timezone_id": "Asia/Shanghai", "locale": "zh-CN"}
MORNING = "2026-12-02T02:00:00Z"  # 10:00 in Shanghai on the fixture's busy day
DAY = "days/2026-12-02/"


def _build(plan: Path, out: Path) -> None:
    with pinned_build_day():
        assert main(["build", "--root", str(plan), "--site-dir", str(out)]) == 0


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """One origin serving shop-a/ and shop-b/ (the phone fixture twice) and shop-c/ (its people
    and a channel renamed to `constructor`, another title)."""
    base = tmp_path_factory.mktemp("storage")
    served = base / "www"
    for name in ("shop-a", "shop-b", "shop-c"):
        plan = base / name
        shutil.copytree(FIXTURES / "phone", plan)
        if name == "shop-c":
            for path in [plan / "content" / "site.yml", *sorted((plan / "content" / "calendar").glob("*.yml"))]:
                text = path.read_text(encoding="utf-8").replace("xiaoli", "constructor").replace(
                    "vip-group", "hasownproperty").replace("手机清单测试", "另一家店")
                path.write_text(text, encoding="utf-8")
        _build(plan, served / name)
    server = Served(served)
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.clock.install(time=MORNING)
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.errors == []
    context.close()


def _tick(page, post_id: str):
    return page.locator(f"section.cp-card:has(> h2[id='{post_id}']) button.cp-tick")


def test_a_tick_in_one_site_is_not_a_tick_in_another_on_the_same_origin(origin, phone):
    phone.goto(f"{origin}/shop-a/{DAY}")
    _tick(phone, "morning").tap()
    assert _tick(phone, "morning").get_attribute("aria-pressed") == "true"
    phone.goto(f"{origin}/shop-b/{DAY}")  # the very same plan, published at another path
    assert _tick(phone, "morning").get_attribute("aria-pressed") == "false"
    phone.goto(f"{origin}/shop-c/{DAY}")  # another plan
    assert _tick(phone, "morning").get_attribute("aria-pressed") == "false"
    phone.goto(f"{origin}/shop-a/{DAY}")
    assert _tick(phone, "morning").get_attribute("aria-pressed") == "true"
    keys = phone.evaluate("Object.keys(localStorage)")
    assert keys and all(k.startswith("contentplan:/shop-a/:contentplan-") for k in keys), keys


HOSTILE_VALUES = ["true", "false", "null", "1", '"x"', "[]", "[1,2]", "{", "not json",
                  '{"owner":"constructor"}', '{"owner":"__proto__","channel":"toString"}',
                  '{"owner":{"a":1},"ownerName":{"b":2}}', '{"owner":"xiaoli","ownerName":["x"]}',
                  '{"__proto__":{"owner":"xiaoli"}}', '{"done":"yes","rev":{}}', '{"done":true}']


@pytest.mark.parametrize("stored", HOSTILE_VALUES)
def test_whatever_is_stored_the_day_works(origin, phone, stored):
    phone.goto(f"{origin}/shop-a/{DAY}")
    data = json.loads(phone.locator("script#cp-plan").text_content())
    scope = f"contentplan:/shop-a/:{data['plan']}:" if "plan" in data else "contentplan:"
    cards = phone.locator("section.cp-card")
    ids = [cards.nth(i).locator("h2").get_attribute("id") for i in range(cards.count())]
    keys = [f"{scope}filter", "contentplan:filter", *(f"{scope}tick:{i}" for i in ids),
            *(f"contentplan:tick:{i}" for i in ids)]
    phone.evaluate("([keys, value]) => keys.forEach(k => localStorage.setItem(k, value))", [keys, stored])
    phone.reload()
    # none of these is a filter the page wrote (an id with the name its chip showed): no post hidden
    assert phone.locator("section.cp-card:visible").count() == len(ids)
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 全部 All"
    ticks = phone.locator("button.cp-tick")
    pressed = [ticks.nth(i).get_attribute("aria-pressed") for i in range(ticks.count())]
    # a tick record of the wrong shape reads as none: only what the plan says was published is sent
    assert pressed.count("true") == 0
    assert phone.locator(".cp-progress-count").inner_text().endswith("已发")
    _tick(phone, "morning").tap()
    assert _tick(phone, "morning").get_attribute("aria-pressed") == "true"


def test_ids_named_like_object_properties_get_their_chips(origin, phone):
    phone.goto(f"{origin}/shop-c/{DAY}")
    phone.locator("details.cp-filter > summary").tap()
    owners = phone.locator(".cp-chip[data-filter='owner']")
    assert owners.all_inner_texts() == ["全部 All", "小李", "老王"]
    channels = phone.locator(".cp-chip[data-filter='channel']").all_inner_texts()
    assert "品鉴VIP群" in channels
    owners.filter(has_text="小李").tap()
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 小李"
    assert phone.locator("section.cp-card:visible").count() == 3
    phone.reload()
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 小李"
    assert phone.locator("section.cp-card:visible").count() == 3
