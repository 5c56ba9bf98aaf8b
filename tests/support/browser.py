"""What the browser tests share: Debian's chromium driven by Playwright, and a folder served on
127.0.0.1. With CI=true a missing chromium fails the tests instead of skipping them."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists() and os.environ.get("CI") != "true",
    reason="Debian's chromium is not installed (.ci/run installs it)",
)
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # every name but the test server's fails at once: a page that waits on another origin shows it
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):  # the standard library's name
        if self.path.split("?")[0] in self.server.hidden:
            self.send_error(404)
        else:
            super().do_GET()

    def log_message(self, format, *args):  # the standard library's name
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):  # the standard library's name
        # a browser that closes a connection mid-answer (a page left, a test over) is no failure
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Served:
    """A folder served on 127.0.0.1 until `stop()`. `hidden`: URL paths answered 404 for now."""

    def __init__(self, folder: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.hidden = frozenset()
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    @property
    def hidden(self) -> frozenset[str]:
        return self.httpd.hidden

    @hidden.setter
    def hidden(self, paths) -> None:
        self.httpd.hidden = frozenset(paths)

    def stop(self) -> None:
        self.httpd.shutdown()


# A phone: 390×844, touch, in Shanghai, reading Chinese.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "timezone_id": "Asia/Shanghai",
    "locale": "zh-CN",
}


@contextmanager
def watched_phone(browser, time: str) -> Iterator:
    """A PHONE page with its clock at `time` (ISO, UTC), recording console errors (page.errors)
    and every URL it requests (page.requests); it must end with no error."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.clock.install(time=time)
    page.errors, page.requests = [], []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    assert page.errors == []
    context.close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


@contextmanager
def running_browser() -> Iterator:
    """Debian's chromium, started once for a module's tests (`yield from` it in a fixture)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        try:
            yield browser
        finally:
            browser.close()
