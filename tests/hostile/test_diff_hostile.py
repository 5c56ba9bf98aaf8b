"""`contentplan diff` between the valid plan and one with a payload in every field: its Markdown,
posted as a pull-request comment, is text only (no HTML, link, image or @mention from the plan),
and its JSON parses."""
from __future__ import annotations

import json
import re

import markdown as python_markdown
from bs4 import BeautifulSoup

from generator.check import check
from generator.diff import compare
from generator.diff import markdown as diff_markdown
from tests.conftest import FIXTURES, build_plan
from tests.fixtures.hostile.hostile_plan import plan_files

ALLOWED = {"h2", "h3", "p", "ul", "li", "code", "strong"}  # what the diff's own template writes


def test_the_diff_of_a_hostile_plan_is_text_only(tmp_path):
    files = plan_files()
    files["content/calendar/2026-11.yml"] = (  # a mention, in a field the diff prints as text
        "posts:\n  - {date: 2026-11-30, time: '10:00', channel: moments, playbook: welcome-script,"
        " title: '@octocat cpX99 <b>看这里</b>'}\n")
    hostile = build_plan(tmp_path / "hostile", files=files)
    result = compare(check(FIXTURES / "valid"), check(hostile), "base", "head")
    assert result.added and result.removed  # the payloads are in the output
    text = diff_markdown(result)
    assert "cpX" in text and "@\u2060octocat cpX99" in text
    html = python_markdown.markdown(text)
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(True):
        assert element.name in ALLOWED, element
        assert not element.attrs, element
    for code in soup.find_all("code"):
        code.decompose()  # inside code GitHub makes no mention, link or tag
    assert not re.search(r"@\w", soup.get_text()), "an @mention would ping someone"
    # each item stays one line: no payload starts a heading, list item or fence of its own
    for line in text.splitlines():
        assert line == "" or line.startswith(("## ", "### ", "- ", "`", "1 ", "0 ")) or line[0].isdigit(), line
    data = json.loads(json.dumps(result.as_json()))
    assert {p["id"] for p in data["added"]}
