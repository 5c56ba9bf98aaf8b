"""Search finds what people type, in a real browser on the shipped plan: an English word, a
product name with a number, a person's name, a playbook's own title (Material's search, with
jieba for Chinese; the fixes are in plugin.py and search_index.py)."""
from __future__ import annotations

import json
import re

import pytest
from browser_support import Served, launch, needs_chromium

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def shipped(shipped_site):
    served = Served(shipped_site)
    yield shipped_site, served.url
    served.stop()


@pytest.fixture(scope="module")
def page(shipped):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.goto(shipped[1] + "/")
        yield page
        browser.close()


def search(page, query: str) -> list[tuple[str, str]]:
    """(link, title) of the results, once they show. A query typed before Material's worker is
    ready goes unanswered, so a key is pressed again until the results come."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box, results = page.locator("input.md-search__input"), page.locator(".md-search-result__item")
    box.click()
    box.fill(query)
    for _ in range(40):
        box.press("End")
        try:
            results.first.wait_for(timeout=1_500)
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError(f"no results for {query!r}")
    found = page.eval_on_selector_all(".md-search-result__item > a", """links => links.map(a =>
        [a.getAttribute('href'), (a.querySelector('h1, h2') || a).textContent.replace(/\\u200b/g, '')])""")
    box.fill("")
    return found


def _path(link: str) -> str:
    return link.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]


def test_an_english_word_on_a_playbook_page_is_found(page):
    results = search(page, "tasting")
    assert _path(results[0][0]) == "playbooks/tasting-invite/"


def test_a_product_name_with_a_number_is_found(page, shipped):
    results = search(page, "窖藏15")
    assert len(results) >= 3
    for link, _ in results[:3]:  # each of the first results is a page that names it
        html = (shipped[0] / _path(link) / "index.html").read_text(encoding="utf-8")
        assert "窖藏15" in html, link


def test_a_persons_name_finds_that_person_not_every_weekday(page, shipped):
    results = search(page, "周海涛")
    assert _path(results[0][0]) == "people/haitao/"
    for link, _ in results[:10]:  # each a page that names them, not any day called 周…
        html = (shipped[0] / _path(link) / "index.html").read_text(encoding="utf-8")
        assert "周海涛" in html, link


def test_a_playbook_ranks_above_day_pages_for_its_own_title(page):
    results = search(page, "早安问候与今日酒知识")
    assert _path(results[0][0]) == "playbooks/morning-greeting/"


def test_a_result_from_a_day_page_shows_its_date(page):
    results = search(page, "冬夜小酌")
    days = [title for link, title in results if _path(link).startswith("days/")]
    assert days and all(re.search(r"20\d\d-\d\d-\d\d", title) for title in days), days


def test_the_index_keeps_english_words_as_written(shipped):
    index = json.loads((shipped[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "stemmer" not in index["config"]["pipeline"]
    assert any("窖藏15" in doc["text"] for doc in index["docs"])
