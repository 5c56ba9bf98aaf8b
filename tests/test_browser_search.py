"""Nothing heavy before it is needed (issue 17): the search index, in a real browser on a phone.

No page downloads search/search_index.json until the operator opens search (search.js holds the
theme's request back); opening search fetches it and finds what was typed; and the index of the
shipped plan holds a post's title, channel and owner but not the copy of its message on its day
page (search_index.py). What was requested is recorded by the server, so a request made by a
service worker counts too.
"""

from __future__ import annotations

import functools
import json
import re

import pytest
from bs4 import BeautifulSoup

from tests.support import PHONE, Served, needs_chromium

pytestmark = needs_chromium
INDEX = "search/search_index.json"
DAY = "days/2026-11-17/"  # a day of the shipped plan; its 20:00 post has a headline
ARTICLE = "2026-11-17-article-2000"
HEADLINE = "酱香酒入门"  # the start of that headline


class Recorded:
    """The shipped site served (tests.support.Served), with every path the server was asked for."""

    def __init__(self, folder) -> None:
        self.served = Served(folder)
        self.url = self.served.url
        self.paths: list[str] = []
        handler = self.served.httpd.RequestHandlerClass
        assert isinstance(handler, functools.partial), "Served changed: record its requests another way"
        paths = self.paths

        class Recording(handler.func):
            def send_head(self):
                paths.append(self.path)
                return super().send_head()

        self.served.httpd.RequestHandlerClass = functools.partial(Recording, *handler.args, **handler.keywords)

    def asked_for_index(self) -> bool:
        return any(path.split("?")[0].endswith("/" + INDEX) for path in self.paths)


@pytest.fixture
def served(shipped_site):
    recorded = Recorded(shipped_site)
    yield recorded
    recorded.served.stop()


def _context(browser, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.errors = []  # uncaught script errors (a 404 in the console is not one)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return context, page


@pytest.fixture
def phone(browser):
    context, page = _context(browser, **PHONE)
    yield page
    assert page.errors == []
    context.close()


def _open(page, url: str) -> None:
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # the theme asks for the index as soon as its bundle runs


def _find(page, query: str, wanted: str) -> None:
    """Type `query` into the open search box and wait until a result links to `wanted` (a path
    with its #fragment; the theme adds ?h=… to each link). The theme reads the box on a key
    going up, or when its worker has the index: End is pressed until the results come."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = page.locator("input[data-md-component=search-query]")
    box.fill(query)
    for _ in range(20):
        box.press("End")
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=1_000)
            break
        except PlaywrightTimeout:
            continue
    links = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")
    paths = [re.sub(r"\?[^#]*", "", link.split("://", 1)[-1].split("/", 1)[-1]) for link in links]
    assert wanted in paths, (query, paths)


def test_no_page_asks_for_the_index_before_search_is_opened(served, phone):
    for path in ("/", "/today/", "/" + DAY, "/playbooks/"):
        _open(phone, served.url + path)
        assert phone.locator("form[name=search]").count() == 1  # the theme's search is there
    assert served.paths, "the server recorded nothing"
    assert not served.asked_for_index(), [p for p in served.paths if "search" in p]
    # every other request goes out as before
    status = phone.evaluate("""() => new Promise(done => {
        const xhr = new XMLHttpRequest();
        xhr.open('GET', '/sitemap.xml');
        xhr.onload = () => done(xhr.status);
        xhr.onerror = () => done(-1);
        xhr.send();
    })""")
    assert status == 200


def test_tapping_search_fetches_the_index_and_finds_a_post(served, phone):
    _open(phone, served.url + "/" + DAY)
    assert not served.asked_for_index()
    with phone.expect_request(lambda r: r.url.endswith(INDEX), timeout=10_000):
        phone.locator("label.md-header__button[for=__search]").tap()
    _find(phone, HEADLINE, f"{DAY}#{ARTICLE}")


def test_the_search_key_fetches_the_index(served, browser):
    context, page = _context(browser, viewport={"width": 1200, "height": 900}, locale="zh-CN")
    try:
        _open(page, served.url + "/")
        assert not served.asked_for_index()
        with page.expect_request(lambda r: r.url.endswith(INDEX), timeout=10_000):
            page.keyboard.press("/")
        _find(page, "林思琪", "people/siqi/")
        assert page.errors == []
    finally:
        context.close()


def test_a_page_opened_from_a_result_fetches_the_index_to_highlight(served, phone):
    # a search result links to its page with ?h=…, which the theme highlights with the index
    with phone.expect_request(lambda r: r.url.endswith(INDEX), timeout=10_000):
        phone.goto(f"{served.url}/{DAY}?h=林思琪")
    phone.locator("mark[data-md-highlight]").first.wait_for(state="attached", timeout=15_000)


def test_the_index_has_no_copy_of_a_days_messages_but_finds_its_posts(served, phone, shipped_site):
    index = json.loads((shipped_site / INDEX).read_text(encoding="utf-8"))
    cards = {d["location"]: d for d in index["docs"] if re.match(r"days/\d{4}-\d{2}-\d{2}/#", d["location"])}
    assert len(cards) > 100
    assert not [location for location, doc in cards.items() if "<pre" in doc["text"]]
    day_text = " ".join(doc["text"] for doc in cards.values()).replace("\u200b", "")
    html = BeautifulSoup((shipped_site / DAY / "index.html").read_text(encoding="utf-8"), "lxml")
    lines = [line.strip() for pre in html.select("section.cp-card pre") for line in pre.get_text().splitlines()]
    lines = [line for line in lines if len(line) >= 12]
    assert len(lines) >= 5  # the day's messages are on its page...
    assert not [line for line in lines if line in day_text]  # ...and not in the index
    article = cards[f"{DAY}#{ARTICLE}"]
    assert HEADLINE in article["title"].replace("\u200b", "")
    assert "林思琪" in article["text"] and "赤岭酱坊公众号" in article["text"].replace("\u200b", "")
    # and search still finds the post by its title, on a phone
    _open(phone, served.url + "/")
    phone.locator("label.md-header__button[for=__search]").tap()
    _find(phone, HEADLINE, f"{DAY}#{ARTICLE}")
