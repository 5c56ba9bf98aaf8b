"""rule_config.py: each rule's severity and options, set in site.yml `rules:` and validated there,
at their lines: a misspelt rule or option, or a bad severity, is a problem, never ignored."""

from __future__ import annotations

import pytest

from generator.check import check
from tests.support import VALID_SITE, problems_in, with_rules

SITE_LINES = VALID_SITE.count("\n")  # the line `rules:` goes after


@pytest.mark.parametrize(
    "fixture, setting, severity, status",
    [
        ("slot-conflict", "{severity: warning}", "warning", 0),  # an error turned into a warning
        ("quiet-hours", "warning", "warning", 0),  # the shorthand
        ("platform-mismatch", "{severity: error}", "error", 1),  # a warning turned into an error
        ("unused-var", "error", "error", 1),  # a warning turned into an error, shorthand
    ],
)
def test_severity_can_be_configured(fixture, setting, severity, status, make_plan, run_cli):
    root = make_plan(fixture, files=with_rules(f"  {fixture}: {setting}\n"))
    result = run_cli("check", "--root", str(root))
    assert [(p["code"], p["severity"]) for p in result.problems()] == [(fixture, severity)]
    assert result.status == status


@pytest.mark.parametrize("setting", ["off", "{severity: off}", '"off"'])
def test_severity_off(setting, make_plan, run_cli):
    root = make_plan("quiet-hours", files=with_rules(f"  quiet-hours: {setting}\n"))
    result = run_cli("check", "--root", str(root))
    assert result.lines == []
    assert result.status == 0


def test_unknown_rule_name_is_unknown_field(make_plan, run_cli):
    root = make_plan(files=with_rules("  slot-conflicts: warning\n"))
    result = run_cli("check", "--root", str(root))
    rows = [(p["path"], p["line"], p["col"], p["severity"], p["code"]) for p in result.problems()]
    assert rows == [("content/site.yml", SITE_LINES + 2, 3, "error", "unknown-field")]
    assert "slot-conflict" in result.problems()[0]["message"]  # did you mean
    assert result.status == 1


def test_unknown_rule_option_is_unknown_field(make_plan):
    root = make_plan(files=with_rules("  banned-word: {extar: [秒杀全网]}\n"))
    assert [(p[0], p[1], p[4]) for p in problems_in(root)] == [("content/site.yml", SITE_LINES + 2, "unknown-field")]


def test_bad_severity_is_a_problem(make_plan):
    root = make_plan(files=with_rules("  quiet-hours: {severity: loud}\n"))
    found = problems_in(root)
    assert found and all(p[0] == "content/site.yml" and p[1] == SITE_LINES + 2 for p in found)
    assert check(root).exit_code == 1


def test_bad_severity_is_one_problem_at_the_value(make_plan):
    root = make_plan(files=with_rules("  quiet-hours: {severity: loud}\n"))
    found = check(root).problems
    assert [(p.path, p.line, p.col, p.code) for p in found] == [("content/site.yml", SITE_LINES + 2, 27, "bad-value")]
    assert "loud" in found[0].message
    assert "RuleSetting" not in found[0].message
