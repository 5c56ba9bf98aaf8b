"""The shipped example plan, its site and its pictures (the schema it points editors at: test_schema.py)."""

from __future__ import annotations

import gzip
import re
import struct
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_plan_checks_clean(capsys):
    assert main(["check", "--root", str(ROOT)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert re.fullmatch(r"checked \d+ files, \d+ posts: 0 errors, 0 warnings\n", err)


def test_today_expands_repeats_and_fills_messages(capsys):
    assert main(["today", "--root", str(ROOT), "--date", "2026-12-12"]) == 0
    out = capsys.readouterr().out
    assert "red-envelope-dec-2026-12-12" in out  # an occurrence of a repeat
    assert "08:30" in out and out.index("08:30") < out.index("20:30")  # time order
    assert "{{" not in out
    assert "会员价528元" in out  # a var filled into its message


def test_today_prints_an_empty_day_plainly(capsys):
    assert main(["today", "--root", str(ROOT), "--date", "2030-01-01"]) == 0
    assert "No posts planned for this day." in capsys.readouterr().out


def test_shipped_yaml_files_point_editors_at_the_schema():
    files = [
        ROOT / "content" / "site.yml",
        ROOT / "content" / "campaigns.yml",
        *sorted((ROOT / "content" / "calendar").glob("*.yml")),
    ]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file(), path


def test_a_day_page_with_its_css_and_js_is_light_on_a_weak_signal(shipped_site):
    # under 150 KB gzipped, not counting the search index (loaded only when searching)
    busiest = max((shipped_site / "days").glob("*/index.html"), key=lambda p: p.stat().st_size)
    soup = BeautifulSoup(busiest.read_text(encoding="utf-8"), "html.parser")
    links = [urlsplit(tag.get("href") or tag.get("src")) for tag in soup.select("link[rel=stylesheet][href], script[src]")]
    assert not any(link.scheme or link.netloc for link in links)  # nothing from another origin
    files = [busiest] + [(busiest.parent / link.path).resolve() for link in links]  # our own carry ?v=
    assert all(f.is_relative_to(shipped_site.resolve()) and f.is_file() for f in files)  # nothing from elsewhere
    weight = sum(len(gzip.compress(f.read_bytes(), 9)) for f in files)
    assert weight < 150 * 1024, f"{busiest.parent.name}: {weight:,} bytes gzipped"


def test_the_shipped_attachments_are_real_pictures_under_200_kb():
    for picture in sorted((ROOT / "content" / "assets").glob("*.png")):
        data = picture.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n", picture.name
        width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
        assert width >= 720 and height >= 960, f"{picture.name}: {width}×{height} is not phone-photo sized"
        assert len(data) < 200 * 1024, f"{picture.name}: {len(data):,} bytes"
