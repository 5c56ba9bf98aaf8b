"""The operator's view in a real headless browser (Debian's chromium driven by Playwright)."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from generator.cli import main

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# With CI=true the browser tests must run: a missing chromium is then a failure, not a skip.
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and os.environ.get("CI") != "true",
                                reason="Debian's chromium is not installed (.ci/run installs it)")
FIXTURE = Path(__file__).parent / "fixtures" / "site"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "site"
    os.environ["SOURCE_DATE_EPOCH"] = "1796083200"
    try:
        assert main(["build", "--root", str(FIXTURE), "--site-dir", str(out)]) == 0
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_a_tick_survives_a_reload(server, phone):
    phone.goto(f"{server}/days/2026-12-01/")
    box = phone.locator("input[data-tick='2026-12-01-moments-0930']")
    assert not box.is_checked()
    phone.locator("li.task-list-item", has=box).tap()  # what a thumb taps: the whole line
    assert box.is_checked()
    phone.reload()
    assert phone.locator("input[data-tick='2026-12-01-moments-0930']").is_checked()
    assert "cp-done" in phone.locator("h2[id='2026-12-01-moments-0930']").get_attribute("class")
    # the other post on the page is untouched
    assert not phone.locator("input[data-tick='2026-12-01-vip-group-2000']").is_checked()


def test_every_message_has_a_copy_button(server, phone):
    phone.goto(f"{server}/days/2026-12-01/")
    assert phone.locator(".cp-message").count() == 2
    assert phone.locator(".cp-message button[data-md-type='copy']").count() == 2


def test_today_jumps_to_the_day_in_the_plan_timezone(server, browser):
    # 2026-12-01 02:00 in Shanghai is still 2026-11-30 in New York: the plan's zone decides.
    context = browser.new_context(timezone_id="America/New_York")
    page = context.new_page()
    page.clock.set_fixed_time("2026-11-30T18:00:00Z")
    page.goto(f"{server}/today/")
    page.wait_for_url("**/days/2026-12-01/")
    context.close()
