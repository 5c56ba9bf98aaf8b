"""offline.py and the service worker: the operator's days open with no signal.

The browser tests use tests/fixtures/phone (posts on 2026-11-28, 2026-12-02 and 2026-12-05,
Asia/Shanghai) with the page's clock at 2026-12-02 10:00 there. The worker keeps the window
around the page's today (the page tells it), so 12-02, 12-05 and the day before (11-28) are kept.
"""

from __future__ import annotations

import json
import re
import shutil
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator import offline
from generator.check import check
from generator.cli import main
from tests.support import PHONE, Served, needs_chromium, pinned_build_day

FIXTURE = Path(__file__).parent / "fixtures" / "phone"
MORNING = "2026-12-02T02:00:00Z"


# --- what the build writes -----------------------------------------------------------------


def test_the_manifest_lists_each_day_with_its_page_and_attachments():
    plan = check(FIXTURE).plan
    data = json.loads(offline.manifest(plan, ["assets/x.css"]))
    assert data["timezone"] == "Asia/Shanghai"
    assert data["pages"] == ["./", "today/"]
    assert data["shell"] == ["assets/x.css"]
    assert sorted(data["days"]) == ["2026-11-28", "2026-12-02", "2026-12-05"]
    assert "days/2026-12-02/" in data["days"]["2026-12-02"]
    assert any(url.startswith("content/") for url in data["days"]["2026-12-02"])  # the 08:30 picture
    flat = json.loads(offline.manifest(plan, [], directory_urls=False))
    assert "days/2026-12-02.html" in flat["days"]["2026-12-02"]


def test_an_attachment_name_is_percent_encoded_segment_by_segment(make_plan):
    root = make_plan()
    plan = check(root).plan
    post = plan.posts[0]
    post.attach.append("图片/a b#1.png")
    data = json.loads(offline.manifest(plan, []))
    assert "content/%E5%9B%BE%E7%89%87/a%20b%231.png" in data["days"][post.date.isoformat()]


def test_the_shell_is_the_sites_own_files_the_home_page_loads():
    home = """<html><head>
      <link rel="stylesheet" href="assets/stylesheets/main.css">
      <link rel="icon" href="./assets/images/favicon.png">
      <link rel="stylesheet" href="https://fonts.googleapis.com/css">
      <link rel="stylesheet" href="//cdn.example/x.css">
      <link rel="canonical" href="page/">
      <script src="assets/contentplan/contentplan.js?v=abc"></script>
      <script src="../outside.js"></script><script src="/root.js"></script><script>inline()</script>
    </head></html>"""
    assert offline.shell(home) == [
        "assets/contentplan/contentplan.js?v=abc",
        "assets/images/favicon.png",
        "assets/stylesheets/main.css",
    ]


def test_the_version_changes_with_any_file_and_not_with_the_workers_own(tmp_path):
    (tmp_path / "a.html").write_text("one", encoding="utf-8")
    first = offline.site_version(tmp_path, b"{}")
    assert offline.site_version(tmp_path, b"{}") == first  # deterministic
    (tmp_path / offline.WORKER_NAME).write_text("anything", encoding="utf-8")
    assert offline.site_version(tmp_path, b"{}") == first
    (tmp_path / "a.html").write_text("two", encoding="utf-8")
    assert offline.site_version(tmp_path, b"{}") != first
    assert offline.site_version(tmp_path, b"{}") != offline.site_version(tmp_path, b'{"days":{}}')


def _build(plan: Path, out: Path) -> None:
    with pinned_build_day():
        assert main(["build", "--root", str(plan), "--site-dir", str(out)]) == 0


def test_a_build_writes_the_worker_and_the_same_bytes_twice(tmp_path):
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURE, plan)
    _build(plan, tmp_path / "one")
    _build(plan, tmp_path / "two")
    for name in (offline.WORKER_NAME, offline.MANIFEST_NAME):
        assert (tmp_path / "one" / name).read_bytes() == (tmp_path / "two" / name).read_bytes()
    worker = (tmp_path / "one" / offline.WORKER_NAME).read_text(encoding="utf-8")
    assert "__VERSION__" not in worker
    manifest = json.loads((tmp_path / "one" / offline.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert any(url.startswith("assets/contentplan/contentplan.js?v=") for url in manifest["shell"])
    assert any(url.startswith("assets/javascripts/bundle.") for url in manifest["shell"])


def test_a_sites_own_sw_js_is_never_overwritten(tmp_path):
    plan = tmp_path / "plan"
    shutil.copytree(FIXTURE, plan)
    docs = plan / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# home\n", encoding="utf-8")
    (docs / "sw.js").write_text("// the team's own worker\n", encoding="utf-8")
    (plan / "mkdocs.yml").write_text(
        "site_name: x\ntheme:\n  name: material\nplugins:\n  - contentplan\n  - search\n", encoding="utf-8"
    )
    _build(plan, tmp_path / "site")
    assert (tmp_path / "site" / "sw.js").read_text(encoding="utf-8") == "// the team's own worker\n"
    assert not (tmp_path / "site" / offline.MANIFEST_NAME).exists()


# --- in the browser ------------------------------------------------------------------------


class Site:
    """The phone plan built and served from `folder`/`prefix` (a sub-path, as on GitHub Pages)."""

    def __init__(self, folder: Path, prefix: str = "") -> None:
        self.plan = folder / "plan"
        shutil.copytree(FIXTURE, self.plan)
        self.top = folder / "www"
        self.out = self.top / prefix if prefix else self.top
        self.build()
        self.server = Served(self.top)
        self.url = self.server.url + ("/" + prefix if prefix else "")

    def build(self) -> None:
        _build(self.plan, self.out)

    def edit(self, old: str, new: str) -> None:
        calendar = self.plan / "content" / "calendar" / "2026-12.yml"
        text = calendar.read_text(encoding="utf-8")
        assert old in text
        calendar.write_text(text.replace(old, new), encoding="utf-8")
        self.build()


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.clock.install(time=MORNING)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    assert page.errors == []
    context.close()


KEPT = """() => caches.keys().then(names => Promise.all(names.map(name => caches.open(name)
  .then(cache => cache.keys()).then(requests => requests.map(r => r.url))))).then(lists => [].concat(...lists))"""


def wait_until_kept(page, *paths: str, timeout: float = 20) -> list[str]:
    """Wait until the worker has kept every path (from the site's URL)."""
    deadline = time.monotonic() + timeout
    while True:
        kept = page.evaluate(KEPT)
        if all(any(url.endswith(path) for url in kept) for path in paths):
            return kept
        assert time.monotonic() < deadline, f"not kept: {paths} in {kept}"
        page.wait_for_timeout(200)


def cards(page) -> int:
    return page.locator("section.cp-card").count()


@needs_chromium
def test_the_days_open_again_with_no_network(tmp_path, phone):
    site = Site(tmp_path)
    try:
        phone.goto(site.url + "/days/2026-12-02/")
        wait_until_kept(phone, "/days/2026-12-02/", "/days/2026-12-05/", "/days/2026-11-28/", "/today/")
        phone.context.set_offline(True)
        site.server.stop()  # and no server either: nothing can answer
        phone.reload()
        assert cards(phone) == 5
        line = phone.locator(".cp-offline")
        assert line.is_visible() and "离线" in line.inner_text() and "更新于" in line.inner_text()
        phone.get_by_role("link", name="2026-12-05 ›").first.click()
        phone.wait_for_url("**/days/2026-12-05/")
        assert cards(phone) >= 1
        phone.go_back()
        phone.wait_for_url("**/days/2026-12-02/")
        phone.get_by_role("link", name="‹ 2026-11-28").first.click()
        phone.wait_for_url("**/days/2026-11-28/")
        phone.goto(site.url + "/today/")  # today's day, in place or by a redirect
        expect(phone.locator("section.cp-card")).to_have_count(5)
        phone.screenshot(path=str(tmp_path / "offline-day.png"))
    finally:
        site.server.stop()


@needs_chromium
def test_a_tick_made_offline_is_kept(tmp_path, phone):
    site = Site(tmp_path)
    try:
        phone.goto(site.url + "/days/2026-12-02/")
        wait_until_kept(phone, "/days/2026-12-02/")
        phone.context.set_offline(True)
        phone.reload()
        first = phone.locator("section.cp-card .cp-tick").first
        first.click()
        phone.reload()
        assert phone.locator("section.cp-card .cp-tick").first.get_attribute("aria-pressed") == "true"
    finally:
        site.server.stop()


@needs_chromium
def test_a_new_build_is_picked_up_on_the_next_load_with_signal(tmp_path, phone):
    site = Site(tmp_path)
    try:
        phone.goto(site.url + "/days/2026-12-02/")
        wait_until_kept(phone, "/days/2026-12-02/")
        before = phone.evaluate("caches.keys()")
        site.edit("冬天怎么存酒", "冬天怎么存新酒")
        phone.reload()  # with signal: the page is the new build's at once
        assert "冬天怎么存新酒" in phone.locator("main").inner_text()
        deadline = time.monotonic() + 20
        while phone.evaluate("caches.keys()") in ([], before) or len(phone.evaluate("caches.keys()")) != 1:
            assert time.monotonic() < deadline, "the new worker did not take over"
            phone.wait_for_timeout(200)
        # The new worker kept the window around its own clock, the machine's (the page's clock
        # is 2026-12-02 only in the page); the next load with signal tells it the page's today.
        phone.reload()
        wait_until_kept(phone, "/days/2026-12-02/")
        phone.context.set_offline(True)
        phone.reload()
        assert "冬天怎么存新酒" in phone.locator("main").inner_text()
    finally:
        site.server.stop()


@needs_chromium
def test_it_works_under_a_sub_path(tmp_path, phone):
    site = Site(tmp_path, prefix="team-plan")
    try:
        phone.goto(site.url + "/days/2026-12-02/")
        kept = wait_until_kept(phone, "/team-plan/days/2026-12-02/", "/team-plan/today/")
        assert all("/team-plan/" in url for url in kept)
        scope = phone.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == site.url + "/"
        phone.context.set_offline(True)
        phone.reload()
        assert cards(phone) == 5
    finally:
        site.server.stop()


@needs_chromium
def test_without_service_workers_the_site_works_as_before(tmp_path, browser):
    site = Site(tmp_path)
    context = browser.new_context(**PHONE, service_workers="block")
    try:
        page = context.new_page()
        page.clock.install(time=MORNING)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(site.url + "/days/2026-12-02/")
        assert cards(page) == 5
        assert not page.locator(".cp-offline").is_visible()
        assert errors == []
    finally:
        context.close()
        site.server.stop()


def test_while_serving_no_worker_is_written_or_asked_for(tmp_path, monkeypatch):
    # `contentplan serve` builds with the plugin told it is serving: no sw.js, and offline.js is
    # marked so that it never asks for one (each ask would be a 404 in the author's terminal).
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.site_dir import config_file

    plan = tmp_path / "plan"
    shutil.copytree(FIXTURE, plan)
    monkeypatch.setenv("CONTENTPLAN_ROOT", str(plan))
    config = load_config(config_file=str(config_file(plan)), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    assert not (tmp_path / "site" / offline.WORKER_NAME).exists()
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<script src="[^"]*offline\.js\?v=\w+" data-serving>', home)
    built = tmp_path / "built"
    _build(plan, built)
    assert re.search(r'<script src="[^"]*offline\.js\?v=\w+">', (built / "index.html").read_text(encoding="utf-8"))
