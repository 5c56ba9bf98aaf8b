"""The compile step's output, pinned: every page (Markdown) and every file (calendar feeds, day
exports) of the fixture plans, as golden files under tests/golden/compile/<plan>/.

A change to a template or to the compile step shows here as a diff of the generated output.
When the change is meant, write the new files with
    UPDATE_GOLDEN=1 python3 tasks.py test tests/test_compile.py
and review the diff of tests/golden/ like any other change.
"""
from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.check import check
from generator.compile import compile_site, page_path, url_for
from generator.urls import built_pattern, built_url

TESTS = Path(__file__).parent
GOLDEN = TESTS / "golden" / "compile"
PLANS = ["site", "phone"]
STAMP = datetime(2026, 11, 24, tzinfo=UTC)  # a fixed build time, as SOURCE_DATE_EPOCH gives


def _output(name: str) -> dict[str, bytes]:
    report = check(TESTS / "fixtures" / name)
    assert not [p for p in report.problems if p.severity == "error"]
    content = compile_site(report.plan, site_url="https://plan.example.com/", stamp=STAMP,
                           changed={"content/site.yml": 1_790_000_000, "content/calendar/2026-12.yml": 1_795_000_000})
    out = {f"pages/{page.path}": page.markdown.encode("utf-8") for page in content.pages}
    out.update({f"files/{file.path}": file.content for file in content.files})
    return out


@pytest.mark.parametrize("name", PLANS)
def test_generated_pages_and_files_match_the_golden_files(name):
    output, folder = _output(name), GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        for old in [p for p in folder.rglob("*") if p.is_file()]:
            old.unlink()
        for path, data in output.items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
    golden = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert sorted(output) == sorted(golden)
    for path in sorted(output):
        assert _same(path, output[path], golden[path]), f"{path} differs from tests/golden/compile/{name}/{path}"


def _same(path: str, made: bytes, pinned: bytes) -> bool:
    """Bytes for bytes, but a thumbnail's JPEG bytes depend on the libjpeg that Pillow bundles:
    a thumbnail is pinned by being a JPEG of the same size (tests/test_thumbnails.py: the rest)."""
    if not path.startswith("files/thumbnails/"):
        return made == pinned
    from PIL import Image

    made_image, pinned_image = Image.open(io.BytesIO(made)), Image.open(io.BytesIO(pinned))
    return (made_image.format, made_image.size) == (pinned_image.format, pinned_image.size) == ("JPEG", (320, 240))


def test_links_come_from_one_table():
    assert page_path("day", "2026-12-01") == "days/2026-12-01.md"
    assert url_for("day", "2026-12-01", "a b", depth=1) == "../days/2026-12-01.md#a%20b"
    assert url_for("attachment", "assets/海报 1.png") == "content/assets/%E6%B5%B7%E6%8A%A5%201.png"
    assert built_pattern("day") == "days/{key}/"
    assert built_pattern("day", directory_urls=False) == "days/{key}.html"
    assert built_pattern("home") == ""
    assert built_url("day", "2026-12-01", "x") == "days/2026-12-01/#x"
    assert built_url("day_json", "2026-12-01") == "days/2026-12-01.json"
    assert built_url("person_feed", "xiaoli") == "people/xiaoli.ics"
