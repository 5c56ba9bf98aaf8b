"""The README's picture: a day of the shipped plan on a phone (390×844), as the operator sees it.

    .venv/bin/contentplan build --root . --site-dir /tmp/guides-site
    .venv/bin/python tools/screenshot_readme.py [--site /tmp/guides-site] [--out docs/images/phone-checklist.png]

The site is served on 127.0.0.1 and opened in Debian's chromium (Playwright for Python), with the
phone's clock at 2026-12-08 12:30 in Shanghai: the morning's posts are due, so the page shows what
it shows at lunchtime on a real day — two posts ticked, two overdue, the next one marked.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import sys
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
DAY = "2026-12-08"
NOON = "2026-12-08T12:30:00+08:00"  # 04:30 UTC
TICKED = ("morning-dec-b-2026-12-08", "welcome-new-dec-2026-12-08")  # sent before lunch


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the standard library's name
        pass


def shoot(site: Path, out: Path) -> None:
    from playwright.sync_api import sync_playwright

    if not (site / "days" / DAY / "index.html").is_file():
        sys.exit(f"no day page in {site}: build the site first (see this script's docstring)")
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}/days/{DAY}/"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                context = browser.new_context(
                    viewport={"width": 390, "height": 844},
                    device_scale_factor=1,
                    is_mobile=True,
                    has_touch=True,
                    timezone_id="Asia/Shanghai",
                    locale="zh-CN",
                )
                page = context.new_page()
                page.clock.install(time=NOON)
                page.goto(url)
                page.wait_for_selector("button.cp-tick")
                for post in TICKED:
                    page.locator(f'button.cp-tick[data-tick="{post}"]').tap()
                page.evaluate("document.querySelectorAll('.cp-toast').forEach(t => t.remove())")
                # the sticky progress bar on top, then an overdue card (red edge) and the ticked one before it
                page.locator('h2[data-post="2026-12-08-vip-group-1000"]').scroll_into_view_if_needed()
                page.evaluate("""() => {
                    const card = document.querySelector('h2[data-post="2026-12-08-vip-group-1000"]').closest('section');
                    const bar = document.querySelector('.cp-progress').getBoundingClientRect();
                    window.scrollBy(0, card.getBoundingClientRect().top - bar.bottom - 170);
                }""")
                page.wait_for_timeout(300)
                out.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out))
            finally:
                browser.close()
    finally:
        httpd.shutdown()
    print(f"{out}: {out.stat().st_size // 1024} KB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=Path("/tmp/guides-site"), help="a built site of the shipped plan")
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "images" / "phone-checklist.png")
    args = parser.parse_args()
    shoot(args.site, args.out)


if __name__ == "__main__":
    main()
