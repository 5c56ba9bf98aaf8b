"""The compile step's output, pinned: the Markdown of every page of the fixture plans.

A change to a template or to the compile step shows here as a diff of the generated pages. When
the change is meant, write the new pages with
    UPDATE_GOLDEN=1 python3 tasks.py test tests/test_compile.py
and review the diff of tests/golden/ like any other change.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.check import check
from generator.compile import compile_site, page_path, url_for
from generator.urls import built_pattern

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden" / "compile"
PLANS = ["site", "phone"]


def _pages(name: str) -> dict[str, str]:
    report = check(TESTS / "fixtures" / name)
    assert not [p for p in report.problems if p.severity == "error"]
    return {page.path: page.markdown for page in compile_site(report.plan).pages}


@pytest.mark.parametrize("name", PLANS)
def test_generated_pages_match_the_golden_files(name):
    pages, folder = _pages(name), GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        for old in folder.rglob("*.md"):
            old.unlink()
        for path, text in pages.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_text(text, encoding="utf-8")
    golden = {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8") for p in folder.rglob("*.md")}
    assert sorted(pages) == sorted(golden)
    for path in sorted(pages):
        assert pages[path] == golden[path], f"{path} differs from tests/golden/compile/{name}/{path}"


def test_links_come_from_one_table():
    assert page_path("day", "2026-12-01") == "days/2026-12-01.md"
    assert url_for("day", "2026-12-01", "a b", depth=1) == "../days/2026-12-01.md#a%20b"
    assert url_for("attachment", "assets/海报 1.png") == "content/assets/%E6%B5%B7%E6%8A%A5%201.png"
    assert built_pattern("day") == "days/{key}/"
    assert built_pattern("day", directory_urls=False) == "days/{key}.html"
    assert built_pattern("home") == ""
