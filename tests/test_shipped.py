"""The shipped example plan and the editor schema that comes with it."""
from __future__ import annotations

import re
from pathlib import Path

from generator import schema
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


def test_the_committed_schema_matches_the_model():
    for name, text in schema.schemas().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, f"run `contentplan schema` ({name})"


def test_shipped_yaml_files_point_editors_at_the_schema():
    files = [ROOT / "content" / "site.yml", ROOT / "content" / "campaigns.yml",
             *sorted((ROOT / "content" / "calendar").glob("*.yml"))]
    for path in files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        assert (path.parent / match.group(1)).resolve().is_file(), path
