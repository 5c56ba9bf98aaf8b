"""Ticks belong to one plan (issue 15, point 6), in a real browser.

GitHub Pages project sites of one organisation share an origin, and so their localStorage. Sites
are served here under sub-paths of one origin (/shop-a/ and /shop-b/: the same plan twice;
/shop-c/: another plan; /shop-d/: built with use_directory_urls: false); a tick in one must not
show in another. What the phone has stored is untrusted too: values of the wrong shape, a filter
naming an id the plan does not have, ids that are names of Object.prototype's own properties
(`constructor`), and a localStorage that throws must neither throw nor hide posts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from tests.support import FIXTURES, PHONE, PROJECT, Served, needs_chromium, pinned_build_day

pytestmark = needs_chromium
MORNING = "2026-12-02T02:00:00Z"  # 10:00 in Shanghai on the fixture's busy day
DAY = "days/2026-12-02/"


DEFAULT_SITE = PROJECT / "generator" / "default_site"


def _build(plan: Path, out: Path) -> None:
    with pinned_build_day():
        assert main(["build", "--root", str(plan), "--site-dir", str(out)]) == 0


def _retitle(plan: Path, title: str) -> None:
    site = plan / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("手机清单测试", title), encoding="utf-8")


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    """One origin serving shop-a/ and shop-b/ (the phone fixture twice), shop-c/ (another title;
    the person xiaoli and the channel vip-group renamed `constructor`) and shop-d/ (the fixture
    built with use_directory_urls: false)."""
    base = tmp_path_factory.mktemp("storage")
    served = base / "www"
    for name in ("shop-a", "shop-b", "shop-c", "shop-d"):
        plan = base / name
        shutil.copytree(FIXTURES / "phone", plan)
        if name == "shop-c":
            for path in [plan / "content" / "site.yml", *sorted((plan / "content" / "calendar").glob("*.yml"))]:
                text = (
                    path.read_text(encoding="utf-8")
                    .replace("xiaoli", "constructor")
                    .replace("vip-group", "constructor")
                    .replace("手机清单测试", "另一家店")
                )
                path.write_text(text, encoding="utf-8")
        if name == "shop-d":
            (plan / "mkdocs.yml").write_text(
                f"INHERIT: {json.dumps(str(DEFAULT_SITE / 'mkdocs.yml'))}\n"
                f"docs_dir: {json.dumps(str(DEFAULT_SITE / 'docs'))}\nuse_directory_urls: false\n",
                encoding="utf-8",
            )
        _build(plan, served / name)
    server = Served(served)
    yield server.url
    server.stop()


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


def test_two_plans_published_in_turn_at_one_path_do_not_share_a_tick(tmp_path, browser):
    # `contentplan serve` of one plan, then of another, on 127.0.0.1:8000: one origin, one path
    plan, www = tmp_path / "plan", tmp_path / "www"
    shutil.copytree(FIXTURES / "phone", plan)
    _build(plan, www / "shop")
    server = Served(www)
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.clock.install(time=MORNING)
        page.goto(f"{server.url}/shop/{DAY}")
        _tick(page, "morning").tap()
        _retitle(plan, "另一个计划")  # the same posts, revisions and ids: only the plan differs
        _build(plan, www / "shop")
        page.reload()
        assert _tick(page, "morning").get_attribute("aria-pressed") == "false"
    finally:
        context.close()
        server.stop()


def test_ticks_and_the_filter_are_the_sites_with_html_urls_too(origin, phone):
    # use_directory_urls: false: days/2026-12-02.html, one folder less deep than days/2026-12-02/
    phone.goto(f"{origin}/shop-d/days/2026-12-02.html")
    _tick(phone, "morning").tap()
    phone.locator("details.cp-filter > summary").tap()
    phone.locator(".cp-chip[data-filter='owner']", has_text="小李").tap()
    phone.goto(f"{origin}/shop-d/days/2026-11-28.html")  # another day: the same filter
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 小李"
    phone.goto(f"{origin}/shop-d/today.html")  # /today/ shows the day page in place
    _tick(phone, "morning").wait_for()
    assert _tick(phone, "morning").get_attribute("aria-pressed") == "true"
    keys = sorted(phone.evaluate("Object.keys(localStorage)"))
    assert [k.split(":contentplan-")[0] for k in keys] == ["contentplan:/shop-d/"] * 2, keys
    phone.goto(f"{origin}/shop-a/{DAY}")  # the same plan with directory URLs, at another path
    assert _tick(phone, "morning").get_attribute("aria-pressed") == "false"


HOSTILE_VALUES = [
    "true",
    "false",
    "null",
    "1",
    '"x"',
    "[]",
    "[1,2]",
    "{",
    "not json",
    '""',
    "1e999",
    '{"owner":"constructor"}',
    '{"owner":"__proto__","channel":"toString"}',
    '{"owner":"constructor","ownerName":"c","channel":"hasownproperty","channelName":"h"}',
    '{"owner":"nobody","ownerName":"nobody"}',
    '{"channel":"valueof","channelName":"v"}',
    '{"owner":["xiaoli"],"ownerName":"小李"}',
    '{"owner":{"a":1},"ownerName":{"b":2}}',
    '{"__proto__":{"owner":"xiaoli","ownerName":"小李"}}',
    '{"done":"yes","rev":{}}',
    '{"done":true}',
    '{"__proto__":{"done":true,"rev":"x"}}',
    '{"done":1,"rev":1}',
]


@pytest.mark.parametrize("stored", HOSTILE_VALUES)
def test_whatever_is_stored_the_day_works(origin, phone, stored):
    phone.goto(f"{origin}/shop-a/{DAY}")
    data = json.loads(phone.locator("script#cp-plan").text_content())
    scope = f"contentplan:/shop-a/:{data['plan']}:" if "plan" in data else "contentplan:"
    cards = phone.locator("section.cp-card")
    ids = [cards.nth(i).locator("h2").get_attribute("id") for i in range(cards.count())]
    keys = [
        f"{scope}filter",
        "contentplan:filter",
        *(f"{scope}tick:{i}" for i in ids),
        *(f"contentplan:tick:{i}" for i in ids),
        f"{scope}tick:__proto__",
        f"{scope}tick:constructor",
        "__proto__",
        "constructor",
    ]
    phone.evaluate("([keys, value]) => keys.forEach(k => localStorage.setItem(k, value))", [keys, stored])
    phone.reload()
    # none of these is a filter the page wrote (an id with the name its chip showed): no post hidden
    assert phone.locator("section.cp-card:visible").count() == len(ids)
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 全部 All"
    ticks = phone.locator("button.cp-tick")
    pressed = [ticks.nth(i).get_attribute("aria-pressed") for i in range(ticks.count())]
    # a tick record of the wrong shape reads as none: only what the plan says was published is sent
    assert pressed.count("true") == 0
    assert phone.locator(".cp-changed-note").count() == 0  # nor is it a tick of an older revision
    assert phone.locator(".cp-progress-count").inner_text().endswith("已发")
    _tick(phone, "morning").tap()
    assert _tick(phone, "morning").get_attribute("aria-pressed") == "true"
    phone.locator("details.cp-filter > summary").tap()  # the filter works, and is written anew
    phone.locator(".cp-chip[data-filter='owner']", has_text="小李").tap()
    assert phone.locator("section.cp-card:visible").count() == 3
    phone.reload()
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 小李"


def test_a_tick_record_is_used_only_with_done_a_boolean(origin, phone):
    phone.goto(f"{origin}/shop-a/{DAY}")
    data = json.loads(phone.locator("script#cp-plan").text_content())
    revs = phone.eval_on_selector_all("h2.cp-post[data-rev]", "hs => hs.map(h => [h.id, h.dataset.rev])")
    # under this plan's keys, and under the unscoped ones of earlier versions (never read now)
    phone.evaluate(
        """([scopes, revs]) => scopes.forEach(scope => revs.forEach(([id, rev], i) =>
        localStorage.setItem(scope + "tick:" + id, JSON.stringify({done: ["yes", 1, {}, [true], "true"][i % 5], rev: rev}))))""",
        [[f"contentplan:/shop-a/:{data['plan']}:", "contentplan:"], revs],
    )
    phone.reload()
    pressed = phone.eval_on_selector_all("button.cp-tick", "ts => ts.map(t => t.getAttribute('aria-pressed'))")
    assert pressed == ["false"] * 4  # the cancelled post has no tick
    assert phone.locator(".cp-progress-count").inner_text() == "0 / 4 已发"


# What a phone's storage does when cookies are blocked, it is full, or it is gone. Errors (not
# DOMExceptions) so that each one's stack shows the script that let it through.
FAILING_STORAGE = {
    "blocked": "Object.defineProperty(window, 'localStorage', {get() { throw new Error('blocked'); }})",
    "absent": "Object.defineProperty(window, 'localStorage', {get() { return null; }})",
    "throws": """Storage.prototype.getItem = function () { throw new Error('gone'); };
                 Storage.prototype.setItem = function () { throw new Error('full'); };""",
    "odd": "Storage.prototype.getItem = function () { return {done: true, rev: 'x'}; };",
}


@pytest.mark.parametrize("broken", FAILING_STORAGE.values(), ids=FAILING_STORAGE.keys())
def test_a_storage_that_fails_leaves_the_day_working(origin, browser, broken):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(broken)
    page.clock.install(time=MORNING)
    errors = []  # the theme's own inline script reads localStorage unguarded: only ours count
    page.on("pageerror", lambda e: errors.append(e.stack) if "contentplan.js" in (e.stack or "") else None)
    try:
        page.goto(f"{origin}/shop-a/{DAY}")
        assert page.locator(".cp-progress-count").inner_text() == "0 / 4 已发"
        _tick(page, "morning").tap()  # kept for the visit
        assert _tick(page, "morning").get_attribute("aria-pressed") == "true"
        page.locator("details.cp-filter > summary").tap()
        page.locator(".cp-chip[data-filter='owner']", has_text="小李").tap()
        assert page.locator("section.cp-card:visible").count() == 3
        assert errors == []
    finally:
        context.close()


def test_ids_named_like_object_properties_get_their_chips(origin, phone):
    phone.goto(f"{origin}/shop-c/{DAY}")
    phone.locator("details.cp-filter > summary").tap()
    owners = phone.locator(".cp-chip[data-filter='owner']")
    assert owners.all_inner_texts() == ["全部 All", "小李", "老王"]  # 小李's id is `constructor`
    channels = phone.locator(".cp-chip[data-filter='channel']")
    assert channels.all_inner_texts() == ["全部 All", "品鉴VIP群", "老板朋友圈", "酱香公众号"]  # so is 品鉴VIP群's
    channels.filter(has_text="品鉴VIP群").tap()
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 品鉴VIP群"
    phone.locator("details.cp-filter > summary").tap()
    channels.filter(has_text="全部").tap()
    phone.locator("details.cp-filter > summary").tap()
    owners.filter(has_text="小李").tap()
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 小李"
    assert phone.locator("section.cp-card:visible").count() == 3
    phone.reload()
    assert phone.locator("details.cp-filter > summary").inner_text() == "筛选 Filter: 只看 小李"
    assert phone.locator("section.cp-card:visible").count() == 3
