"""rules_doc.py: `contentplan rules` lists each code once; `contentplan rules CODE` shows every
rule that reports that code (bad-value is both a structural code and variant_range's); the
rules page docs/rules.md is its output (written by `python3 tasks.py regen`) and documents
every code the checker can emit."""

from __future__ import annotations

import re

from generator.rules import CODES, DEFAULT_SEVERITY, RULES
from generator.rules_doc import rule_docs, rules_text
from tests.support import PROJECT, RULES_PAGE, rules_page


def _codes(text: str) -> list[str]:
    return [
        line.split(" (", 1)[0]
        for line in text.splitlines()
        if line and not line.startswith(" ") and " (" in line and line.split(" (", 1)[0] in CODES
    ]


def test_the_list_names_every_code_once():
    listed = _codes(rules_text(lang="en"))
    assert len(listed) == len(set(listed))
    assert set(listed) == set(CODES)


def test_one_code_shows_every_rule_that_reports_it():
    shown = rules_text("bad-value", lang="en")
    assert _codes(shown) == ["bad-value", "bad-value"]
    assert "variant" in shown


def test_every_rule_code_is_listed_in_the_rules_page():
    page = RULES_PAGE.read_text(encoding="utf-8")
    for code in CODES:
        assert f"| `{code}` | {DEFAULT_SEVERITY[code]} |" in page, code


def test_the_rules_page_is_generated_from_the_rule_modules():
    # docs/rules.md is rules_doc's output: `python3 tasks.py regen` writes it (tests/support/generated.py)
    page = RULES_PAGE.read_text(encoding="utf-8")
    assert page == rules_page()


def test_every_code_the_checker_can_emit_is_documented():
    documented = {doc.code for doc in rule_docs()}
    assert documented == set(CODES)
    # and every code that appears in the package's source as a reported code is one of them
    source = "".join(p.read_text(encoding="utf-8") for p in (PROJECT / "generator").rglob("*.py"))
    emitted = set(re.findall(r'Problem\([^)]*?"([a-z]+(?:-[a-z]+)+)"', source)) | set(
        re.findall(r'^ID = "([a-z-]+)"', source, re.M)
    )
    assert emitted <= documented, emitted - documented


def test_each_rule_module_documents_what_why_failing_and_passing():
    for rule in RULES:
        doc = rule.__doc__ or ""
        assert doc.startswith(f"{rule.ID}:") or rule.ID == "bad-value", rule.__name__
        assert "Failing" in doc and "Passing" in doc, rule.__name__
