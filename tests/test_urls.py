"""urls.py: where every page stands, and the one way an id or a file name becomes a link."""

from __future__ import annotations

from datetime import date

from generator.compile import page_path, url_for
from generator.urls import built_pattern, built_url, depth_of


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


def test_a_date_is_a_key_an_odd_id_is_percent_encoded_and_depth_counts_folders():
    assert page_path("day", date(2026, 12, 1)) == "days/2026-12-01.md"
    assert url_for("channel", "a](b) c#d") == "channels/a%5D%28b%29%20c%23d.md"  # nothing in it read as Markdown
    assert depth_of("index.md") == 0 and depth_of(page_path("day", "2026-12-01")) == 1
    assert built_url("month", "2026-12", directory_urls=False) == "calendar/2026-12.html"


def test_every_route_is_built_for_the_fixture_plan():
    """A newcomer who adds a route (a page kind) and forgets its page function, or its golden
    files (`python3 tasks.py regen`), is told here which route nothing builds."""
    import re

    from generator.urls import _ROUTES
    from tests.support import TESTS

    built = set()
    for plan in ("site", "phone"):  # the fixture plans pinned under tests/golden/compile/
        golden = TESTS / "golden" / "compile" / plan
        built |= {
            p.relative_to(golden / part).as_posix()
            for part in ("pages", "files")
            for p in (golden / part).rglob("*")
            if p.is_file()
        }
    copied = {"attachment"}  # plan files copied as they are, not compiled (compile.SiteContent.attachments)
    missing = []
    for kind, route in sorted(_ROUTES.items()):
        pattern = re.compile(re.escape(route).replace(r"\{\}", ".+") + "$")
        if kind not in copied and not any(pattern.match(path) for path in built):
            missing.append(f"{kind}: {route}")
    assert missing == [], "routes no page kind builds for the fixture plans:\n" + "\n".join(missing)
