"""Safe with any plan: a payload in every field (tests/support/hostile.py), built
with the real CLI; no page, no search entry and no sitemap line may carry it as markup.

Every page is read with BeautifulSoup, as a browser would parse it; the theme's own markup
and scripts are told apart from the plan's by the marker `cpX` every payload carries.
"""

from __future__ import annotations

import html
import json
import re
import stat
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.compile import href, md_code, theme_text
from tests.support import hostile as hp  # the plan, shared with test_browser_hostile.py

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "xlink:href", "poster", "data"}
BAD_SCHEME = re.compile(r"(javascript|data|vbscript):")
CHECKLIST_ATTRIBUTES = {"data-post", "data-rev", "data-tick"}


@pytest.fixture(scope="module")
def site(hostile_site) -> Path:
    return hostile_site


@pytest.fixture(scope="module")
def pages(site) -> dict[str, BeautifulSoup]:
    """Every HTML page of the site by URL path ("/days/2026-12-01/"), parsed."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        url = "/" + rel.removesuffix("index.html") if rel.endswith("index.html") else "/" + rel
        out[url] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    assert len(out) > 20
    return out


def _bare(value: str) -> str:
    """A URL as the browser tests its scheme: no blanks or control characters, lower case."""
    return "".join(ch for ch in value if unicodedata.category(ch)[0] not in "CZ").lower()


def _attributes(soup: BeautifulSoup):
    for el in soup.find_all(True):
        for name, value in el.attrs.items():
            yield el, name.lower(), " ".join(value) if isinstance(value, list) else value


def _text(el) -> str:
    return " ".join(el.get_text(" ").split())


def _file_link_text(el) -> str:
    """A link's text without the 📎 a card puts before a file it does not show as a picture
    (the hostile plan's pictures are not real images: they get no thumbnail)."""
    return _text(el).removeprefix("📎 ")


# --- nothing runs ----------------------------------------------------------------------------


def test_no_element_has_an_event_handler(pages):
    found = [(url, el.name, name) for url, soup in pages.items() for el, name, _ in _attributes(soup) if name.startswith("on")]
    assert found == []


def test_no_url_attribute_has_a_script_or_data_scheme(pages):
    found = []
    for url, soup in pages.items():
        for el, name, value in _attributes(soup):
            if name in URL_ATTRIBUTES:
                candidates = value.split(",") if name == "srcset" else [value]
                found += [(url, el.name, name, value[:60]) for c in candidates if BAD_SCHEME.match(_bare(c))]
    assert found == []


def test_no_link_leaves_for_another_host_except_http_links_the_plan_wrote(pages):
    # `//evil.example/…` and `/\evil.example/…` are other hosts with the page's own scheme
    found = [
        (url, value)
        for url, soup in pages.items()
        for el, name, value in _attributes(soup)
        if name in ("href", "src") and _bare(value).replace("\\", "/").startswith("//")
    ]
    assert found == []


def test_no_script_style_or_embedded_element_comes_from_the_plan(pages):
    found = []
    for url, soup in pages.items():
        for el in soup.find_all(["script", "style", "iframe", "object", "embed", "svg", "img", "form"]):
            if el.name == "svg" and "cp-rhythm" in el.get("class", []):
                continue  # the rhythm page's own charts: checked below
            if hp.MARKER in str(el) and el.name != "img":
                found.append((url, str(el)[:80]))
            if (
                el.name == "img"
                and el.find_parent("article")
                and el.get("src")
                and not (el["src"].startswith("https://") or "content/assets/" in el["src"])
            ):
                found.append((url, str(el)[:80]))
    assert found == []


def test_the_rhythm_charts_show_plan_text_only_as_text(pages):
    # Channel names are drawn as <text>; they must not become elements or attributes.
    for url, soup in pages.items():
        for chart in soup.select("svg.cp-rhythm"):
            for el in [chart, *chart.find_all(True)]:
                assert el.name in ("svg", "text", "rect", "a", "title"), (url, el.name)
                assert not [a for a, v in el.attrs.items() if hp.MARKER in str(v) or a.startswith("on")], (url, el.name)
    assert pages["/rhythm/"].select("svg.cp-rhythm text")


def test_no_autofocus_or_style_attribute_comes_from_the_plan(pages):
    found = [
        (url, el.name, name)
        for url, soup in pages.items()
        for el, name, _ in _attributes(soup)
        if name in ("autofocus", "style")
        and el.find_parent("article") is not None
        and not (name == "style" and el.name in ("th", "td"))
    ]
    assert found == []


# --- the checklist trusts only the templates' own markup --------------------------------------


def test_only_the_templates_post_headings_carry_checklist_markers(pages):
    for url, soup in pages.items():
        marked = {
            id(el): el
            for el, name, value in _attributes(soup)
            if name in CHECKLIST_ATTRIBUTES or (name == "class" and "cp-post" in value.split())
        }
        day = url.strip("/").removeprefix("days/") if url.startswith("/days/") else None
        expected = hp.POST_IDS.get(day, [])
        assert sorted(el.get("id") for el in marked.values()) == sorted(expected), url
        assert len(soup.select(".cp-card")) == len(expected), url
        for post_id in expected:
            assert len(soup.find_all(id=post_id)) == 1, f"{url}: a second element has the id {post_id}"
            heading = soup.find(id=post_id)
            assert heading.name == "h2" and heading["data-post"] == post_id and "cp-post" in heading["class"]
            card = heading.parent
            assert card.name == "section" and "cp-card" in card["class"] and card.find(True) is heading


def test_no_heading_takes_an_id_of_the_theme(pages):
    for url, soup in pages.items():
        config = soup.find_all(id="__config")
        assert len(config) == 1 and config[0].name == "script", url


def test_no_admonition_borrows_a_checklist_class(pages):
    for url, soup in pages.items():
        for el in soup.select(".admonition"):
            assert not [c for c in el["class"] if c.startswith("cp-")], url


# --- the theme shows titles as text -----------------------------------------------------------


def test_title_and_header_show_the_site_title_as_plain_text(pages):
    title = theme_text(hp.field("site.title"))
    for url, soup in pages.items():
        if soup.title is None:
            continue  # the 404 page
        assert soup.title.string is not None and title in soup.title.string, url
        topic = soup.select_one(".md-header__topic .md-ellipsis")
        assert topic is not None and topic.find(True) is None and _text(topic) == title, url
        assert soup.select_one(".md-header__button.md-logo")["aria-label"] == title


def test_a_page_title_reads_as_written_without_double_escaping(pages):
    soup = pages["/campaigns/winter-tasting/"]
    assert soup.title.string.startswith(theme_text(hp.field("campaign.name")) + " - ")
    assert "＆amp;" in soup.title.string  # the payload's own "&amp;", shown as written
    assert "&amp;" not in soup.title.string and "＆amp;amp;" not in soup.title.string
    assert "站点 Site ＆ Co" in soup.title.string  # "&" reads as an ampersand


@pytest.mark.parametrize("field", [f for f in hp.FIELDS if f.page], ids=lambda f: f.name)
def test_every_field_shows_its_payload_as_text(pages, field):
    article = pages[field.page].select_one("article")
    shown = _text(article)
    if field.kind == "text":
        assert " ".join(hp.text(field.label).split()) in shown
    elif field.kind == "markdown":
        assert f"{field.label} bold" in shown
        assert "<script>alert('cpX01')</script>" in shown and "<style>body{display:none}</style>" in shown
    elif field.kind == "message":
        codes = [c.get_text().strip() for c in article.select(".cp-message code")]
        assert hp.first_message() in codes
    elif field.kind == "tags":
        links = {_text(a) for a in article.find_all("a")}
        assert {" ".join(t.split()) for t in hp.INLINE} <= links
    elif field.kind == "files":
        links = {_file_link_text(a) for a in article.find_all("a")}
        assert {" ".join(a.split()) for a in hp.ATTACHMENTS} <= links
    elif field.kind == "url":
        assert " ".join(hp.text("热点名").split()) in shown


def test_attachment_links_reach_their_files(site, pages):
    article = pages["/days/2026-12-01/"].select_one("article")
    for rel in hp.ATTACHMENTS:
        link = next(a for a in article.find_all("a") if _file_link_text(a) == " ".join(rel.split()))
        target = unquote(urljoin("/days/2026-12-01/", link["href"])).lstrip("/")
        assert target == f"content/{rel}" and (site / target).is_file()


def test_a_topic_source_is_one_link_to_exactly_that_address(pages):
    article = pages["/days/2026-12-03/"].select_one("article")
    links = [a for a in article.find_all("a") if a["href"].startswith("https://news.example/")]
    assert len(links) == 1
    assert unquote(links[0]["href"]) == hp.TOPIC_SOURCE
    assert not re.search(r"[\s()<>\"'`\\{}|]", links[0]["href"])
    assert _text(links[0]) == " ".join(hp.text("热点名").split())


# --- search and sitemap -----------------------------------------------------------------------

# Material's search shows an entry's title, text and tags with innerHTML: they must be HTML
# that holds only the few bare tags its indexer keeps.
SEARCH_TAGS = {"p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


def test_search_entries_are_inert_html(site):
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    seen = 0
    for doc in index["docs"]:
        for fragment in [doc["title"], doc["text"], *doc.get("tags", [])]:
            seen += hp.MARKER in fragment
            elements = BeautifulSoup(f"<div>{fragment}</div>", "lxml").div.find_all(True)
            assert {el.name for el in elements} <= SEARCH_TAGS, fragment[:200]
            assert not [el.attrs for el in elements if el.attrs], fragment[:200]
        for tag in doc.get("tags", []):
            assert not set("<>&\"'") & set(tag)
        assert not re.match(r"[a-z][a-z0-9+.-]*:", doc["location"]) and not doc["location"].startswith("//")
    assert seen > 50  # the payloads are in the index, as text


def test_the_sitemap_is_xml_without_plan_text(site):
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    ET.fromstring(text)  # well-formed: nothing in it closed a tag early
    assert hp.MARKER not in text and "<script" not in text


# --- the Markdown extension on its own: what plan escaping never lets through ---------------


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "tables", "admonition", "generator.markdown_safe"])


@pytest.mark.parametrize(
    "source, kept",
    [
        ("[x](jav&#x09;ascript:alert(1))", None),
        ("[x](&#106;avascript:alert(1))", None),
        ("[x](java\tscript:alert(1))", None),
        ("[x](\x01javascript:alert(1))", None),
        ("[x](<java script:alert(1)>)", None),
        ("[x](JaVaScRiPt:alert(1))", None),
        ("[x](vbscript:msgbox(1))", None),
        ("[x](data:text/html,x)", None),
        ("[x](//evil.example/)", None),
        ("[x](/\\evil.example/)", None),
        ("[x](https://ok.example/){: href=javascript:alert(1) }", None),
        ("[x](https://ok.example/)", "https://ok.example/"),
        ("[x](mailto:team@example.com)", "mailto:team@example.com"),
        ("[x](../days/2026-12-01.md#a)", "../days/2026-12-01.md#a"),
    ],
)
def test_the_last_treeprocessor_keeps_only_safe_links(source, kept):
    link = BeautifulSoup(_render(source), "lxml").a
    assert link.get("href") == kept


@pytest.mark.parametrize(
    "source, kept",
    [
        ("![x](https://images.example/a.png)", True),
        ("![x](../content/assets/a.png)", True),
        ("![x](http://images.example/a.png)", False),
        ("![x](data:image/svg+xml;base64,PHN2Zz4=)", False),
        ("![x](../etc/passwd)", False),
        ("![x](//evil.example/a.png)", False),
        ("![x](https://images.example/a.png){: srcset='javascript:x 1x' }", True),
    ],
)
def test_images_come_only_from_https_or_the_plans_assets(source, kept):
    image = BeautifulSoup(_render(source), "lxml").img
    assert ("src" in image.attrs) == kept and "srcset" not in image.attrs


def test_the_last_treeprocessor_drops_handlers_and_styles_but_keeps_table_alignment():
    out = BeautifulSoup(
        _render("[x](https://ok.example/){: onmouseover=alert(1) style=color:red }\n\n| a |\n|:--|\n| 1 |"), "lxml"
    )
    assert out.a.attrs == {"href": "https://ok.example/"}
    assert out.td["style"] == "text-align: left;"


def test_a_variable_name_is_one_table_cell_whatever_it_holds():
    name = "{{a|b `c`` d}}"
    out = BeautifulSoup(_render(f"| name | x |\n| --- | --- |\n| {md_code(name)} | y |"), "lxml")
    cells = out.find_all("td")
    assert [c.get_text() for c in cells] == [name, "y"]


def test_a_url_field_is_percent_encoded_where_markdown_or_html_could_end_it():
    assert href("https://a.example/p?q=1 2&r=(x)<y>\"z\"'w'`v`\\u|{}#f") == (
        "https://a.example/p?q=1%202&r=%28x%29%3Cy%3E%22z%22%27w%27%60v%60%5Cu%7C%7B%7D#f"
    )
    assert html.unescape(href("https://a.example/中文?q=%41")) == "https://a.example/中文?q=%41"


# --- the search dictionary the plugin writes ---------------------------------------------------


def test_the_search_dictionary_is_written_privately_and_removed_once_read(tmp_path, monkeypatch):
    from generator.plugin import ContentPlanPlugin

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the shared temp folder, here
    old = tmp_path / "contentplan"  # where it used to go, under a predictable name
    old.mkdir()
    victim = tmp_path / "victim"
    victim.write_text("keep\n")
    for name in ("jieba-user.txt", "jieba-user-0123456789ab.txt"):
        (old / name).symlink_to(victim)
    plugin = ContentPlanPlugin()
    path = Path(plugin._write_jieba_words("品鉴\n"))
    assert path.read_text(encoding="utf-8") == "品鉴\n" and victim.read_text() == "keep\n"
    assert path.parent.parent == tmp_path and path.parent != old and not path.is_symlink()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert plugin._write_jieba_words("邀请\n") == str(path)  # written again in the same build: one file
    plugin.on_pre_build(config=None)  # search has read it in its on_config, just before
    assert not path.parent.exists()
    again = Path(plugin._write_jieba_words("x\n"))  # the next build (serve): a new folder
    assert again.parent != path.parent and again.read_text(encoding="utf-8") == "x\n"
    plugin.on_shutdown()
    assert not again.parent.exists()
