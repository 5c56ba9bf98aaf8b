"""Plan text never becomes live Markdown, whatever characters it holds (issue 15, point 1).

`check` refuses control characters in names, but the escaping must not lean on that: here a
checked plan has every one of its text fields set, behind check's back, to a payload holding
what YAML refuses (DEL, C1 controls, U+FFFF), YAML's own line breaks (U+0085, U+2028), bidi
controls, raw HTML, a link with an attribute list that would make Material fetch and insert
another site's answer (`data-md-component=source`), a placeholder and a front-matter fence.
The site is then built with MkDocs and Material, and every page is read as a browser would.
"""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from pydantic import BaseModel

from generator import site
from generator.check import check
from generator.load import MessageBlock
from tests.support import build_plan, pinned_build_day

MARK = "cpZ"
EVIL = "gitlab.evil.example"
LINE = (
    f"{MARK} \x7f\x85\x9b\uffff\u2028\u202e <b>x</b> [x](https://{EVIL}/a/b){{: data-md-component=source }}"
    " {: onclick=alert(1) } {{ x }} ---"
)
# Markdown fields may link to any https address (that is what they are for), but never with
# attributes: their links go to another host so the test can tell them apart.
BLOCK = (f"{LINE}\n---\n\n[y](https://{EVIL}/c)\n{{: data-md-component=source }}\n\n---").replace(EVIL, "markdown-field.example")
# Fields that are not free text: ids, references, enums, dates, URLs and paths (each has a
# strict format check stands by, and other tests attack).
NOT_TEXT = {
    "id",
    "channel",
    "playbook",
    "owner",
    "campaign",
    "status",
    "kind",
    "platform",
    "platforms",
    "timezone",
    "language",
    "industry",
    "account",
    "source",
    "attach",
    "time",
    "date",
}


def _poison(model: BaseModel, seen: set[int]) -> int:
    """Set every free-text field of `model` and the models inside it; how many were set."""
    if id(model) in seen:
        return 0
    seen.add(id(model))
    count = 0
    for name in type(model).model_fields:
        if name in NOT_TEXT:
            continue
        value = getattr(model, name)
        if isinstance(value, str):
            object.__setattr__(model, name, BLOCK if name in ("note", "description") else LINE)
            count += 1
        elif isinstance(value, BaseModel):
            count += _poison(value, seen)
        elif isinstance(value, list):
            if value and all(isinstance(v, str) for v in value):
                object.__setattr__(model, name, [LINE, *value])
                count += 1
            for item in value:
                if isinstance(item, BaseModel):
                    count += _poison(item, seen)
        elif isinstance(value, dict):
            for key, item in list(value.items()):
                if isinstance(item, BaseModel):
                    count += _poison(item, seen)
                elif name in ("vars", "allow") and (item is None or isinstance(item, str)):
                    value[key] = LINE
                    count += 1
    return count


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, BeautifulSoup]:
    root = build_plan(tmp_path_factory.mktemp("every-field") / "plan")
    (root / "content" / "calendar" / "allow.yml").write_text(
        "posts:\n  - {date: 2026-12-05, time: '15:00', channel: vip-group, playbook: welcome-script,\n"
        "     vars: {product: 酒, price: 1}, allow: {banned-word: 理由}}\n",
        encoding="utf-8",
    )
    report = check(root)
    assert report.errors == 0
    plan, seen = report.plan, set()
    poisoned = _poison(plan.site, seen)
    for item in [*plan.channels.values(), *plan.people.values(), *plan.campaigns.values(), *plan.posts]:
        poisoned += _poison(item, seen)
    for playbook in plan.playbooks.values():
        poisoned += _poison(playbook.meta, seen)
        playbook.body = BLOCK
        playbook.messages = [MessageBlock(LINE, m.line) for m in playbook.messages]
    assert poisoned > 40
    out = root.parent / "site"
    with pinned_build_day():
        assert site.build(root, out, report) == 0
    found = {}
    for path in sorted(out.rglob("*.html")):
        rel = path.relative_to(out).as_posix()
        found["/" + rel.removesuffix("index.html")] = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    return found


def test_every_page_kind_was_built(pages):
    kinds = {url.split("/")[1] for url in pages}
    assert {
        "",
        "days",
        "playbooks",
        "channels",
        "campaigns",
        "people",
        "rhythm",
        "rules",
        "today",
        "tags",
        "subscribe",
        "calendar",
    } <= kinds


def test_no_page_links_to_the_attackers_site_or_carries_his_attributes(pages):
    for url, soup in pages.items():
        article = soup.select_one("article") or soup
        assert not [a for a in soup.find_all(href=True) if EVIL in a["href"]], url
        for el in article.find_all(True):
            assert "data-md-component" not in el.attrs, (url, str(el)[:120])
            assert not [k for k in el.attrs if k.startswith("on")], (url, str(el)[:120])
            assert not [v for v in el.attrs.values() if MARK in str(v)], (url, str(el)[:120])
        assert not article.find_all(["script", "b"], string=lambda s: s and "x" == s), url


def test_front_matter_is_never_shown_as_text(pages):
    # MkDocs shows front matter YAML refuses as Markdown: its keys would be in the article
    for url, soup in pages.items():
        if url.startswith("/guide/"):
            continue  # the guides show front matter in their examples
        text = soup.select_one("article").get_text(" ") if soup.select_one("article") else ""
        for key in ('title: "', "cp: {", "rhythm: {", '"zone"', "template: contentplan"):
            assert key not in text, (url, key)


def test_the_rhythm_chart_names_the_channels_as_written(pages):
    names = [t.get_text() for t in pages["/rhythm/"].select("svg.cp-rhythm text.cp-rh-channel")]
    assert names and all(n.startswith(MARK) for n in names)


def test_the_rules_page_shows_the_reason_as_text(pages):
    rules = pages["/rules/"].select_one("article")
    assert f"[x](https://{EVIL}/a/b)" in rules.get_text()
