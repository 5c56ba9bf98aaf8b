"""Search finds what people type, in a real browser on the shipped plan: an English word, a
product name with a number, a person's name, a playbook's own title (Material's search, with
jieba for Chinese; the settings and fixes are in search_index.py). The index holds each post
once, by its card: the unit tests of that slimming are at the end."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from generator.search_index import ZWSP, fix_index, slim, slim_card, without_post_lists
from tests.support import Served, launch, needs_chromium, no_hang


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
    found = page.eval_on_selector_all(
        ".md-search-result__item > a",
        """links => links.map(a =>
        [a.getAttribute('href'), (a.querySelector('h1, h2') || a).textContent.replace(/\\u200b/g, '')])""",
    )
    box.fill("")
    return found


def _path(link: str) -> str:
    return link.split("://", 1)[-1].split("/", 1)[-1].split("?")[0]


@needs_chromium
def test_an_english_word_on_a_playbook_page_is_found(page):
    results = search(page, "tasting")
    assert _path(results[0][0]) == "playbooks/tasting-invite/"


@needs_chromium
def test_a_product_name_with_a_number_is_found(page, shipped):
    results = search(page, "窖藏15")
    assert len(results) >= 3
    for link, _ in results[:3]:  # each of the first results is a page that names it
        html = (shipped[0] / _path(link) / "index.html").read_text(encoding="utf-8")
        assert "窖藏15" in html, link


@needs_chromium
def test_a_persons_name_finds_that_person_not_every_weekday(page, shipped):
    results = search(page, "周海涛")
    assert _path(results[0][0]) == "people/haitao/"
    for link, _ in results[:10]:  # each a page that names them, not any day called 周…
        html = (shipped[0] / _path(link) / "index.html").read_text(encoding="utf-8")
        assert "周海涛" in html, link


@needs_chromium
def test_a_playbook_ranks_above_day_pages_for_its_own_title(page):
    results = search(page, "早安问候与今日酒知识")
    assert _path(results[0][0]) == "playbooks/morning-greeting/"


@needs_chromium
def test_a_result_from_a_day_page_shows_its_date(page):
    results = search(page, "冬夜小酌")
    days = [title for link, title in results if _path(link).startswith("days/")]
    assert days and all(re.search(r"20\d\d-\d\d-\d\d", title) for title in days), days


def test_the_index_keeps_english_words_as_written(shipped):
    index = json.loads((shipped[0] / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert "stemmer" not in index["config"]["pipeline"]
    assert any("窖藏15" in doc["text"] for doc in index["docs"])


# --- the index holds what people look for, once (search_index.py, 3.) -------------------------

Z = ZWSP
# a card as the search plugin writes it (with jieba's U+200B): a draft headline post with a
# campaign, a message naming a product, an attachment, a topic and a note with its own code,
# and the empty places of the buttons contentplan.js adds (&nbsp;)
CARD = (
    f"<p>20:00 · {Z}赤岭酱坊公众号{Z} · {Z}林思琪{Z} · {Z}草稿{Z}</p> "
    f"<p>{Z}草稿{Z} · {Z}未审核{Z} not approved</p> "
    f"<p>{Z}冬夜{Z}小酌{Z} · {Z}话术{Z} {Z}数字清单式标题{Z} · {Z}第{Z}1{Z}条{Z} · {Z}活动{Z} {Z}冬季品鉴月{Z}</p> "
    f"<p>\u00a0</p> "
    f"<pre><code>{Z}倒{Z}一{Z}小杯{Z}窖藏15，{Z}先闻{Z}一会儿{Z}再{Z}喝{Z}。\n{Z}窖藏{Z}8{Z}也{Z}好{Z}\n</code></pre> "
    f"<p>\u00a0</p> <p> assets/tasting-room.png</p> "
    f"<p>{Z}热点{Z} Topic: {Z}跨年{Z}夜{Z} · {Z}截止{Z} until 2027-01-01</p> "
    f"<p>{Z}备注{Z} Note</p> <p>{Z}等{Z}主题{Z}定稿{Z}再{Z}排版{Z}。</p> <pre><code>note-code</code></pre> "
    f"<p>\u00a0</p>"
)


def _plain(text: str) -> str:
    return text.replace(Z, "")


def test_a_card_keeps_its_channel_owner_attachments_topic_note_and_products():
    doc = {"location": "days/2026-12-02/#article", "title": "冬夜小酌 2026-12-02 周三", "text": CARD}
    slim(doc, frozenset({"窖藏15", "窖藏8", "老窖1"}))
    slimmed = doc["text"]
    plain = _plain(slimmed)
    assert plain.startswith("<p>赤岭酱坊公众号 · 林思琪</p>")
    for kept in ("tasting-room.png", "热点 Topic: 跨年夜", "备注 Note", "等主题定稿再排版", "note-code"):
        assert kept in plain
    assert plain.endswith("<p>窖藏15</p>")  # the product of the message; 窖藏 8 is two words there
    for left_out in ("20:00", "草稿", "not approved", "话术", "冬季品鉴月", "冬夜小酌", "先闻", "<pre><code>窖藏"):
        assert left_out not in plain
    assert slimmed.count("<pre>") == 1  # the note's own code stays
    assert "\u00a0" not in slimmed  # the buttons' places hold nothing to find


def test_a_card_of_another_shape_loses_only_its_message():
    text = f"<p>{Z}不是{Z}时间{Z}</p> <p>{Z}话术{Z} x</p> <pre><code>{Z}消息{Z}</code></pre> <p>{Z}备注{Z}</p>"
    assert _plain(slim_card(text)) == "<p>不是时间</p> <p>话术 x</p> <p>备注</p>"
    assert slim_card("") == "" and slim_card("<pre><code>never closed") == "<pre><code>never closed"
    # a when-line without a status keeps its channel and owner
    assert _plain(slim_card(f"<p>09:00 · {Z}新客群{Z} · {Z}马骏{Z}</p>")) == "<p>新客群 · 马骏</p>"


@pytest.mark.parametrize("location", ["days/2026-12-02/", "days/2026-12-02.html", "days/2026-12-02/index.html"])
def test_the_days_own_entry_keeps_only_its_title(location):
    doc = {"location": location, "title": "2026-12-02 周三", "text": "<p>‹ 2026-12-01 · 2026年12月</p> <p>5 条 posts</p>"}
    slim(doc)
    assert doc == {"location": location, "title": "2026-12-02 周三", "text": ""}
    card = {"location": location + "#morning", "title": "早安 2026-12-02 周三", "text": CARD}
    slim(card)
    assert "赤岭酱坊公众号" in card["text"] and "<pre><code>" + Z + "倒" not in card["text"]


def test_lists_of_posts_are_left_out_and_other_lists_kept():
    person = (
        f"<p>{Z}店长{Z} · {Z}负责{Z} Owns {Z}朋友圈{Z}</p> <p>48 {Z}条{Z} posts</p> <ul> "
        f"<li>2026-11-17 {Z}周二{Z} 12:10 · {Z}店长{Z}朋友圈{Z} · {Z}日常{Z} · {Z}已{Z}发布{Z}</li> "
        f"<li>2026-11-20 Fri 09:00 · x <code>y</code> · z</li> </ul>"
    )
    assert _plain(without_post_lists(person)) == "<p>店长 · 负责 Owns 朋友圈</p> <p>48 条 posts</p>"
    guide = "<ul> <li>2026-11-17 是一个日子</li> <li>一 · 二</li> </ul>"
    assert without_post_lists(guide) == guide
    doc = {"location": "people/haitao/", "title": "周海涛", "text": person}
    slim(doc)
    assert "2026-11-17" not in doc["text"] and "48" in doc["text"]


def _index(tmp_path, docs, name="search_index.json"):
    path = tmp_path / name
    path.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": docs}, ensure_ascii=False), encoding="utf-8")
    return path


def test_fix_index_slims_the_index_the_same_way_every_time(tmp_path):
    docs = [
        {"location": "days/2026-12-02/", "title": "2026-12-02 周三", "text": "<p>‹ 2026-12-01</p>"},
        {
            "location": "days/2026-12-02/#article",
            "title": "冬夜小酌 2026-12-02 周三",
            "text": CARD.replace("窖藏15", f"窖藏{Z}15"),
        },  # as jieba may leave it
        {"location": "people/siqi/", "title": "林思琪", "text": "<ul> <li>2026-12-02 周三 20:00 · 冬夜小酌</li> </ul>"},
        {"location": "playbooks/x/#messages", "title": "话术 Messages", "text": "<pre><code>倒一小杯窖藏15</code></pre>"},
    ]
    first, second = _index(tmp_path, docs, "a.json"), _index(tmp_path, docs, "b.json")
    words = ["窖藏15", "林思琪"]
    assert fix_index(first, words, {"people/siqi/": ["林思"]}) and fix_index(second, words, {"people/siqi/": ["林思"]})
    assert first.read_bytes() == second.read_bytes()
    out = json.loads(first.read_text(encoding="utf-8"))["docs"]
    assert out[0]["text"] == ""
    assert "先闻" not in out[1]["text"] and out[1]["text"].endswith(f"<p>{Z}窖藏15{Z}</p>")  # one word again
    assert out[2]["text"].strip(" " + Z) == "林思"  # the list is gone, the prefix (2.) added
    assert out[3]["text"] == "<pre><code>倒一小杯窖藏15</code></pre>"  # a playbook keeps its messages
    assert fix_index(_index(tmp_path, docs, "c.json"), [])  # no names, no prefixes: still slimmed


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[]",
        '{"docs": 5}',
        '{"config": {}}',
        '"docs"',
        "",
        json.dumps(
            {
                "docs": [
                    None,
                    1,
                    "x",
                    [],
                    {"location": ["days/2026-12-02/"], "text": 5},
                    {"location": None, "title": None, "text": "<pre>"},
                    {"location": "days/2026-12-02/#a", "title": 3, "text": None},
                    {"location": "days/2026-12-02/#b", "text": "<p>1:00 · </p><pre>" + "<" * 200_000},
                    {"location": "people/a/", "text": "<li>2026-12-02 周三 12:00 · x" * 20_000},
                    {"location": "days/2026-12-02/#c", "text": "<p>" + "9:00 · " * 20_000 + "</p>"},
                ]
            }
        ),
    ],
)
def test_a_broken_or_hostile_index_does_not_crash(tmp_path, content):
    path = tmp_path / "search_index.json"
    path.write_text(content, encoding="utf-8")
    with no_hang():  # a guard against a hang, not a measure of speed (bench/)
        rewritten = fix_index(path, ["窖藏15", None, 7], {"people/a/": ["甲乙"]})  # type: ignore[list-item]
    if rewritten:
        json.loads(path.read_text(encoding="utf-8"))
    else:
        assert path.read_text(encoding="utf-8") == content
    assert fix_index(tmp_path / "missing.json", ["窖藏15"]) is False


def test_the_shipped_index_holds_each_post_once(shipped_site):
    raw = (shipped_site / "search" / "search_index.json").read_bytes()
    docs = json.loads(raw)["docs"]
    cards = [d for d in docs if re.match(r"days/\d{4}-\d{2}-\d{2}/#", d["location"])]
    assert len(cards) > 100 and not [d["location"] for d in cards if "<pre" in d["text"]]
    assert not [d["location"] for d in docs if re.search(r"<li>\d{4}-\d{2}-\d{2}", d["text"])]
    assert all(d["text"] == "" for d in docs if re.fullmatch(r"days/\d{4}-\d{2}-\d{2}/", d["location"]))
    assert len(gzip.compress(raw, 9)) < 75_000  # 89 KB with every copy; 57 KB when written


def test_material_s_search_cuts_each_text_once_a_build_with_jieba_s_own_words():
    import jieba
    import material.plugins.search.plugin as material_search

    from generator import search_index

    search_index.remember_cuts()
    remembered = material_search.jieba
    text = "周六下午的品鉴会只喝不卖".encode()
    assert list(remembered.cut(text)) == list(jieba.cut(text)) == list(remembered.cut(text))
    assert remembered.cut is not jieba.cut and remembered.setLogLevel is jieba.setLogLevel  # the rest is jieba's
    search_index.remember_cuts()  # the next build: a new memory, around jieba itself
    assert material_search.jieba is not remembered and material_search.jieba.jieba is jieba
