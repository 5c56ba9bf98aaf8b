"""axe-core on every page kind of the shipped site at 390×844 in chromium: no violation in the
project's own markup. The theme's own are listed in MATERIAL, each with why it stays (also in
docs/accessibility.md); a violation anywhere else fails.

axe-core comes from npm into tools/axe (`python3 tasks.py test` installs it); without it the
test skips, and fails under CI=true.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import PHONE, Served, needs_chromium, running_browser

AXE = Path(__file__).resolve().parents[1] / "tools" / "axe" / "node_modules" / "axe-core" / "axe.min.js"

# Elements of Material's own making, and why each violation there stays (docs/accessibility.md).
# Its search dialog's name and its footer line's contrast are fixed by us, so they are not here.
MATERIAL = {
    "[data-md-component=skip]": "region: the theme's skip link sits outside its landmarks",
    ".md-code__nav": "landmark-unique: the theme's code-block navigation, one per block, unnamed",
    ".md-clipboard": "the theme's copy button on code blocks",
    ".md-header": "the theme's header",
    ".md-nav": "the theme's navigation drawer",
    ".md-footer": "the theme's footer",
    ".md-top": "the theme's back-to-top button",
}

# Every page kind of the site: (label, path from the root; "*" takes the first folder there).
PAGES = [
    ("home", ""),
    ("today", "today/"),
    ("day", "days/2026-12-04/"),
    ("day with a cancelled post", "days/2026-11-28/"),
    ("calendar", "calendar/"),
    ("month", "calendar/2026-12/"),
    ("rhythm", "rhythm/"),
    ("playbooks", "playbooks/"),
    ("playbook", "playbooks/*"),
    ("channels", "channels/"),
    ("channel", "channels/*"),
    ("campaigns", "campaigns/"),
    ("campaign", "campaigns/*"),
    ("people", "people/"),
    ("person", "people/*"),
    ("tags", "tags/"),
    ("subscribe", "subscribe/"),
    ("rules", "rules/"),
    ("guide", "guide/first-post/"),
]

RUN = """() => axe.run(document, {resultTypes: ["violations"]}).then(result => result.violations.flatMap(v =>
  v.nodes.map(n => {
    const node = document.querySelector(n.target[0]);
    const theirs = Object.keys(window.__material).find(s => node && node.closest(s));
    return {rule: v.id, impact: v.impact, target: n.target.join(" "), theirs: theirs || null,
            summary: (n.failureSummary || "").split("\\n").slice(0, 2).join(" ")};
  })))"""


def _path(site: Path, path: str) -> str:
    if not path.endswith("*"):
        return path
    first = sorted(p for p in (site / path[:-1]).iterdir() if (p / "index.html").is_file())[0]
    return first.relative_to(site).as_posix() + "/"


@pytest.fixture(scope="module")
def axe_page(shipped_site):
    if not AXE.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("axe-core is missing: `python3 tasks.py test` installs it with npm (tools/axe)")
        pytest.skip("axe-core not installed (needs npm; `python3 tasks.py test` installs it)")
    server = Served(shipped_site)
    with running_browser() as browser:
        context = browser.new_context(**PHONE, service_workers="block")
        page = context.new_page()
        page.clock.install(time="2026-12-04T02:00:00Z")

        def run(path: str) -> list[dict]:
            page.goto(f"{server.url}/{_path(shipped_site, path)}")
            page.add_script_tag(path=str(AXE))
            page.evaluate("selectors => { window.__material = selectors; }", MATERIAL)
            return page.evaluate(RUN)

        yield run
        context.close()
    server.stop()


@needs_chromium
@pytest.mark.parametrize("label, path", PAGES, ids=[label for label, _ in PAGES])
def test_no_violation_in_our_markup(axe_page, label, path):
    found = axe_page(path)
    ours = [f"{v['rule']} ({v['impact']}) at {v['target']}: {v['summary']}" for v in found if not v["theirs"]]
    assert ours == [], "\n".join(ours)
    for v in found:  # the theme's that remain are the ones listed, with their reason
        assert v["theirs"] in MATERIAL
