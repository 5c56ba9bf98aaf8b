"""Nothing moves when contentplan.js runs (issue 17, "Still on first paint").

On a slow line a phone paints the page before contentplan.js has arrived; whatever the script
then adds above a card (the progress line, the filter, the buttons) used to push the cards down
just as the operator reached for one. These tests make that happen every time: the page is
loaded with contentplan.js held back until the page has been painted, then let through. They
measure what Lighthouse measures (the layout shifts Chromium reports, summed: CLS) and, more
strictly, where every element on screen stood before and after the script.

The plan is tests/fixtures/phone (see test_browser.py); the phone's clock is 10:00 on 2026-12-02
in Shanghai, a day of five posts (two owners, three channels, a draft and a cancelled one).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from generator.cli import main
from tests.support import PHONE, Served, needs_chromium, pinned_build_day

pytestmark = needs_chromium
FIXTURE = Path(__file__).parent / "fixtures" / "phone"
MORNING = "2026-12-02T02:00:00Z"  # 10:00 in Shanghai: 08:30 and 09:45 are past, 14:00 is next
DAY = "/days/2026-12-02/"

# Layout shifts as Chromium reports them (what Lighthouse sums into CLS), and the first paint.
OBSERVER = """
window.__shifts = [];
window.__painted = false;
new PerformanceObserver(list => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
}).observe({type: 'layout-shift', buffered: true});
new PerformanceObserver(list => { if (list.getEntries().length) window.__painted = true; })
  .observe({type: 'paint', buffered: true});
"""

# Where each element of the page stands that can be seen (a box, not visibility: hidden).
SNAPSHOT = """() => {
  const seen = new Map();
  for (const el of document.querySelectorAll('.md-main *, .md-footer')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height && getComputedStyle(el).visibility === 'visible') seen.set(el, r);
  }
  return seen;
}"""

# The elements seen before the script that are still there, still seen, and stand elsewhere;
# on screen (before or after) only, as CLS counts them, unless `everywhere`.
MOVED = (
    """everywhere => {
  if (!window.__before) return ['a page of its own: ' + location.pathname];  // the script went elsewhere
  const now = ("""
    + SNAPSHOT
    + """)(), moved = [], height = window.innerHeight;
  const onScreen = r => r.bottom > 0 && r.top < height;
  for (const [el, before] of window.__before) {
    const after = now.get(el);
    if (!el.isConnected || !after) continue;
    if (!everywhere && !onScreen(before) && !onScreen(after)) continue;
    if (Math.abs(after.top - before.top) > 0.5 || Math.abs(after.left - before.left) > 0.5) {
      moved.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(before.top)} -> ${Math.round(after.top)}`);
    }
  }
  return moved;
}"""
)

LOADED = "document.readyState === 'complete'"  # contentplan.js has run (at DOMContentLoaded)
DAY_SHOWN = LOADED + " && !!document.querySelector('section.cp-card button.cp-tick')"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    shutil.copytree(FIXTURE, folder / "plan")
    with pinned_build_day():
        assert main(["build", "--root", str(folder / "plan"), "--site-dir", str(folder / "site")]) == 0
    served = Served(folder / "site")
    served.out = folder / "site"
    yield served
    served.stop()


class Late:
    """A page loaded on a phone with contentplan.js held back until the page has been painted."""

    def __init__(self, browser, url: str, before: str = "") -> None:
        self.context = browser.new_context(**PHONE, service_workers="block")
        self.page = page = self.context.new_page()
        page.clock.install(time=MORNING)
        page.add_init_script(OBSERVER + before)
        self.errors, self.documents, self.held, self.released = [], [], [], False
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("framenavigated", lambda f: self.documents.append(f.url) if f == page.main_frame else None)
        page.route(
            lambda u: "/assets/contentplan/contentplan.js" in u,
            lambda route: route.continue_() if self.released else self.held.append(route),
        )
        page.goto(url, wait_until="commit")
        # the parser waits at contentplan.js, after the footer: the page as built is all there
        page.wait_for_function("window.__painted === true && !!document.querySelector('footer.md-footer')", polling=50)
        page.wait_for_timeout(300)
        page.screenshot()  # a frame with the whole page as built, before the script
        page.evaluate("() => { window.__before = (" + SNAPSHOT + ")(); }")

    def run_script(self, done: str) -> None:
        page = self.page
        assert self.held, "contentplan.js was never asked for"
        self.released = True
        self.held.pop().continue_()
        page.wait_for_function(f"() => !!({done})", polling=50, timeout=10000)
        page.wait_for_timeout(200)
        page.screenshot()  # a frame with what the script made of it

    def cls(self) -> float:
        return sum(self.page.evaluate("window.__shifts"))

    def moved(self, everywhere: bool = False) -> list[str]:
        return self.page.evaluate(MOVED, everywhere)

    def close(self) -> None:
        self.context.close()
        assert self.errors == []


@pytest.fixture
def late(browser):
    opened = []

    def open_late(url: str, before: str = "") -> Late:
        opened.append(Late(browser, url, before))
        return opened[-1]

    yield open_late
    for page in opened:
        page.close()


def card_tops(page) -> list[float]:
    return page.eval_on_selector_all("section.cp-card", "cards => cards.map(c => c.getBoundingClientRect().top)")


# --- every kind of page -----------------------------------------------------------------------

PAGES = {  # each kind of page, and what it shows once the script has run
    DAY: DAY_SHOWN,
    "/today/": DAY_SHOWN,
    "/": LOADED,
    "/calendar/2026-12/": LOADED,
    "/channels/vip-group/": LOADED,  # lists of posts: the past is hidden, one tap away
    "/people/xiaoli/": LOADED,
    "/playbooks/greeting/": LOADED,
    "/campaigns/winter-week/": LOADED,
}


@pytest.mark.parametrize("url", PAGES)
def test_nothing_on_screen_moves_when_the_script_comes_after_the_first_paint(site, late, url):
    page = late(site.url + url)
    page.run_script(PAGES[url])
    assert page.moved() == []
    assert page.cls() < 0.1


def test_no_card_of_the_day_moves_when_the_script_comes(site, late):
    page = late(site.url + DAY)
    tops = card_tops(page.page)
    page.run_script(DAY_SHOWN)
    assert card_tops(page.page) == tops  # below the fold too: the buttons took the places kept for them
    assert page.moved(everywhere=True) == []
    assert page.page.locator("button.cp-tick").count() == 4 and page.page.locator(".cp-slot").count() == 0
    assert page.page.locator("details.cp-filter").count() == 1
    assert page.cls() == 0


def test_a_remembered_filter_hides_the_other_cards_before_the_first_paint(site, late):
    # The operator chose 小李's posts yesterday: the page opens with only hers, and nothing jumps
    # when the script applies the filter (main.html's early rule hides the others at once).
    built = (site.out / DAY.strip("/") / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/json" id="cp-plan">(.*?)</script>', built).group(1))
    key = f"contentplan:/:{data['plan']}:filter"
    remember = f"localStorage.setItem({json.dumps(key)}, JSON.stringify({{owner: 'xiaoli', ownerName: '小李'}}));"
    page = late(site.url + DAY, before=remember)
    shown = page.page.eval_on_selector_all("section.cp-card", "cards => cards.filter(c => c.offsetParent).length")
    tops = card_tops(page.page)
    page.run_script(DAY_SHOWN)
    assert page.page.eval_on_selector_all("section.cp-card", "cards => cards.filter(c => c.offsetParent).length") == shown
    assert shown < 5
    assert [t for t in card_tops(page.page) if t] == [t for t in tops if t]
    assert page.moved() == []
    assert page.cls() < 0.1
    assert page.page.locator("#cp-early-filter").count() == 0  # the script's filter took over


def test_today_is_shown_in_place_without_a_second_page_load(site, late):
    page = late(site.url + "/today/")
    page.run_script(DAY_SHOWN)
    assert page.moved() == [] and page.cls() == 0
    assert len(page.documents) == 1, page.documents  # no redirect to the day page
    phone = page.page
    assert urlparse(phone.url).path == "/today/"
    assert phone.locator("h1").inner_text() == "2026-12-02 周三"
    assert phone.locator("section.cp-card").count() == 5
    assert "cp-next" in phone.locator("section.cp-card:has(> h2[id='article'])").get_attribute("class")
    # the day page's links, made for /days/2026-12-02/, lead where they led there
    nav = phone.locator(".cp-daynav a", has_text="2026-12-05")
    assert urlparse(nav.evaluate("a => a.href")).path == "/days/2026-12-05/"
    channel = phone.locator("section.cp-card:has(> h2[id='morning']) a.cp-channel")
    assert urlparse(channel.evaluate("a => a.href")).path == "/channels/vip-group/"
    image = phone.locator("img.cp-thumb")
    image.scroll_into_view_if_needed()
    phone.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert phone.locator(".cp-progress a", has_text="下一条").get_attribute("href") == "#article"


def test_the_clocks_marks_change_no_cards_size(site, late):
    page = late(site.url + DAY)
    page.run_script(DAY_SHOWN)
    phone = page.page
    tops = card_tops(phone)
    phone.clock.run_for("04:05:00")  # 14:05: the article is late, the evening post is next
    assert "cp-overdue" in phone.locator("section.cp-card:has(> h2[id='article'])").get_attribute("class")
    assert "cp-next" in phone.locator("section.cp-card:has(> h2[id='evening'])").get_attribute("class")
    assert card_tops(phone) == tops


# --- without JavaScript the places kept read as something ------------------------------------


def test_without_javascript_the_places_kept_say_what_to_do(site, browser):
    context = browser.new_context(**PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + DAY)
        assert page.locator(".cp-progress").inner_text() == "0 / 4 已发"  # what the plan says is sent
        words = page.eval_on_selector_all(".cp-slot", "slots => slots.map(s => getComputedStyle(s, '::before').content)")
        assert words[0] == '"筛选需要 JavaScript · Filter needs JavaScript"'
        assert '"长按话术复制 Long-press to copy"' in words and '"未发 Not sent yet"' in words
        for slot in page.locator(".cp-slot").all():
            box = slot.bounding_box()
            assert box["height"] >= 44 and box["width"] > 300
        page.goto(site.url + "/channels/vip-group/")
        page.wait_for_timeout(2500)  # the list waits for the script, then shows whole
        assert page.locator("ul.cp-posts > li:visible").count() == 5
        page.goto(site.url + "/")
        assert page.locator("p.cp-home-today a", has_text="今天 Today").is_visible()
    finally:
        context.close()
