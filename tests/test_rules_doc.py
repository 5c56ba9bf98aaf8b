"""rules_doc.py: `contentplan rules` lists each code once; `contentplan rules CODE` shows every
rule that reports that code (bad-value is both a structural code and variant_range's)."""
from __future__ import annotations

from generator.rules import CODES
from generator.rules_doc import rules_text


def _codes(text: str) -> list[str]:
    return [line.split(" (", 1)[0] for line in text.splitlines() if line and not line.startswith(" ")
            and " (" in line and line.split(" (", 1)[0] in CODES]


def test_the_list_names_every_code_once():
    listed = _codes(rules_text(lang="en"))
    assert len(listed) == len(set(listed))
    assert set(listed) == set(CODES)


def test_one_code_shows_every_rule_that_reports_it():
    shown = rules_text("bad-value", lang="en")
    assert _codes(shown) == ["bad-value", "bad-value"]
    assert "variant" in shown
