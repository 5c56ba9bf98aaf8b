"""The hostile plan's site in a real browser (Debian's chromium driven by Playwright): every page
loaded, every element hovered and focused, every link clicked, the search run; not one dialog.

The payloads call alert(), so a payload that runs shows up as a dialog. On CI (CI=true) this
file must run: a missing chromium fails it there instead of skipping it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import Served, needs_chromium
from tests.support import hostile as hp

pytestmark = needs_chromium
SEARCH_INDEX = "/search/search_index.json"

# Runs in each page: hover and focus every element, click every link. A click on an http(s) or
# mailto link is kept from navigating (its handlers still run). Any other link with an href is
# marked data-cp-risky and clicked again on its own afterwards: a javascript: URL runs after the
# click returns, and each new one would cancel the last.
EXERCISE = """() => {
  window.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (link && /^(https?|mailto):$/.test(new URL(link.href, location.href).protocol)) event.preventDefault();
  }, true);
  const events = ["pointerover", "mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "focusin",
                  "focus", "input", "change", "animationstart"];
  const all = Array.from(document.querySelectorAll("body *"));
  for (const el of all) {
    for (const type of events) el.dispatchEvent(new Event(type, {bubbles: true}));
    if (typeof el.focus === "function") el.focus();
  }
  const links = Array.from(document.querySelectorAll("a"));  // SVG ones too: they have no click()
  for (const link of links) {
    link.dispatchEvent(new MouseEvent("click", {bubbles: true, cancelable: true}));
    const target = link.getAttribute("href") === null ? null : new URL(link.href, location.href);
    if (target && !/^(https?|mailto):$/.test(target.protocol)) link.setAttribute("data-cp-risky", "");
  }
  return links.length;
}"""


@pytest.fixture(scope="module")
def site(hostile_site) -> Path:
    return hostile_site


@pytest.fixture(scope="module")
def server(site):
    served = Served(site)
    yield served
    served.stop()


@pytest.fixture
def without_search(server):
    """Every page loads the search index and builds it anew in a worker: a third of a page's
    load. The page walk does without it; the search test below does not."""
    server.hidden = {SEARCH_INDEX}
    yield
    server.hidden = ()


def _base(server) -> str:
    return server.url


@pytest.fixture
def page(browser):
    """A tab of its own (own cache: the walk's 404 for the search index stays there) that records
    every dialog and dismisses it, so the page goes on."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()


def _urls(site: Path) -> list[str]:
    """Every page of the site, by URL path."""
    return ["/" + p.relative_to(site).as_posix().removesuffix("index.html") for p in sorted(site.rglob("*.html"))]


def test_the_dialog_trap_works(server, page):
    page.goto(f"{_base(server)}/")
    page.evaluate("() => alert('control')")
    assert page.dialogs == ["control"]


def test_no_page_runs_plan_text_when_loaded_hovered_focused_and_clicked(server, site, page, without_search):
    urls = _urls(site)
    assert len(urls) > 20
    links = 0
    for url in urls:
        page.goto(_base(server) + url, wait_until="domcontentloaded")
        links += page.evaluate(EXERCISE)
        for risky in page.locator("[data-cp-risky]").all():
            risky.dispatch_event("click")
            page.wait_for_timeout(50)
        page.mouse.move(300, 400)  # a real pointer too, for :hover
    page.wait_for_timeout(200)  # for anything the last clicks and focuses set off
    assert page.dialogs == []
    assert links > 300


def test_the_checklist_takes_only_the_templates_tick_boxes(server, page, without_search):
    page.goto(f"{_base(server)}/days/2026-12-01/")
    ticks = page.eval_on_selector_all("button.cp-tick[data-tick]", "boxes => boxes.map(b => b.dataset.tick)")
    assert sorted(ticks) == hp.POST_IDS["2026-12-01"]
    # both notes hold a task list (cpX30) and try to forge a tick; none of their boxes is a tick
    forged = page.locator("li.task-list-item", has_text="cpX30")
    assert forged.count() == 2 and forged.locator("[data-tick]").count() == 0
    # every tick sits in the card of its own post, made around the template's heading
    cards = page.eval_on_selector_all(
        "section.cp-card", "cs => cs.map(c => [c.firstElementChild.id, c.querySelector(':scope > .cp-tick').dataset.tick])"
    )
    assert sorted(cards) == [[i, i] for i in hp.POST_IDS["2026-12-01"]]
    assert page.dialogs == []


def _search(page, query: str):
    """Type `query` into the search and return the results once they show. Material reads the
    query on keyup, and a query typed before its worker is ready goes unanswered: so a key is
    pressed after filling it in, again until the results come."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    search, results = page.locator("input.md-search__input"), page.locator(".md-search-result__item")
    search.click()
    search.fill(query)
    for _ in range(40):  # up to a minute: on a busy CI machine the worker takes its time
        search.press("End")
        try:
            results.first.wait_for(timeout=1_500)
            return results
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the search shows no results for {query!r}")


def test_searching_for_payloads_shows_results_and_runs_nothing(server, page):
    page.goto(f"{_base(server)}/")
    for query in ("品鉴邀请", "script", "cpX16"):  # a page title, then words of the payloads
        _search(page, query)  # Material renders results as HTML: they must be inert
        # events, not hover(): Material may re-render the list at any moment, and hover() would
        # wait for an element that is gone
        page.eval_on_selector_all(
            ".md-search-result__item",
            """items => items.slice(0, 5).forEach(item =>
            ["mouseover", "mouseenter", "focusin"].forEach(type => item.dispatchEvent(new Event(type, {bubbles: true}))))""",
        )
    page.wait_for_timeout(200)
    assert page.dialogs == []
