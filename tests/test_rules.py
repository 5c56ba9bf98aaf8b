"""One broken plan per rule code: valid/ with broken/<code>/ laid over it must report exactly
the problem its expect.yml describes, at that path, line and column, with that severity, and
the CLI must exit with that status."""

from __future__ import annotations

import json

import pytest

from generator.check import check
from generator.rules import CODES, DEFAULT_SEVERITY
from tests.support import BROKEN, VALID, broken_codes, expectation, run_subprocess

CODES_UNDER_TEST = broken_codes()


def test_every_code_has_a_broken_fixture():
    missing = sorted(set(CODES) - set(CODES_UNDER_TEST))
    assert not missing, f"no tests/fixtures/broken/<code>/ for: {missing}"


def test_every_rule_module_is_registered():
    """A rule written but not listed in generator/rules/__init__.py RULES would never run."""
    from pathlib import Path

    from generator import rules

    modules = {p.stem for p in Path(rules.__file__).parent.glob("*.py") if not p.stem.startswith("_")}
    assert modules - {m.__name__.rsplit(".", 1)[-1] for m in rules.RULES} == set()


def test_every_broken_fixture_is_a_known_code():
    assert sorted(set(CODES_UNDER_TEST) - set(CODES)) == []


def test_the_spec_codes_are_all_registered():
    spec = {
        "yaml-syntax",
        "duplicate-key",
        "unknown-field",
        "missing-field",
        "bad-value",
        "unknown-channel",
        "unknown-playbook",
        "unknown-person",
        "unknown-campaign",
        "duplicate-id",
        "missing-var",
        "unused-var",
        "headline-required",
        "headline-length",
        "message-length",
        "topic-required",
        "topic-expired",
        "slot-conflict",
        "quiet-hours",
        "too-many-per-day",
        "missing-asset",
        "banned-word",
        "induced-sharing",
        "personal-data",
        "duplicate-headline",
        "platform-mismatch",
        "outside-campaign",
    }
    assert spec <= set(CODES)


@pytest.mark.parametrize("code", CODES_UNDER_TEST)
def test_expectation_is_complete(code):
    expect = expectation(code)
    assert expect["code"] == code
    assert {"path", "line", "severity", "exit"} <= set(expect)
    assert expect["severity"] in ("error", "warning")
    assert expect["exit"] == (1 if expect["severity"] == "error" else 0)
    # the default severity of the rule is the one the fixture expects
    assert DEFAULT_SEVERITY[code] == expect["severity"]


def test_valid_fixture_checks_clean(run_cli):
    result = run_cli("check", "--root", str(VALID))
    assert result.status == 0
    assert result.lines == []
    assert result.err.endswith("0 errors, 0 warnings\n")
    report = check(VALID)
    assert report.problems == []
    assert report.exit_code == 0


def test_valid_fixture_expands_repeats():
    plan = check(VALID).plan
    ids = {p.id for p in plan.posts}
    # 8 written posts, nightly-tasting 12-10..12-20 except 12-15 (10), saturday-moments (4),
    # early-week-greeting (1: a Friday, so that vip-group is never silent for long)
    assert len(plan.posts) == 23
    assert "nightly-tasting-2026-12-15" not in ids
    assert {"saturday-moments-2026-12-05", "saturday-moments-2026-12-26"} <= ids


@pytest.mark.parametrize("code", CODES_UNDER_TEST)
def test_broken_fixture(code, make_plan, run_cli):
    expect = expectation(code)
    root = make_plan(code)
    result = run_cli("check", "--root", str(root))
    problems = result.problems()
    assert len(problems) == 1, f"expected one {code} problem, got:\n{result.out}"
    got = problems[0]
    assert got["code"] == expect["code"]
    assert got["path"] == expect["path"]
    assert got["line"] == expect["line"]
    if expect.get("col") is not None:
        assert got["col"] == expect["col"]
    assert got["severity"] == expect["severity"]
    if expect.get("message"):
        assert expect["message"] in got["message"]
    assert result.status == expect["exit"]
    assert "Traceback" not in result.err


@pytest.mark.parametrize("code", CODES_UNDER_TEST)
def test_broken_fixture_json(code, make_plan, run_cli):
    expect = expectation(code)
    root = make_plan(code)
    result = run_cli("check", "--root", str(root), "--format", "json")
    rows = json.loads(result.out)
    assert [(r["code"], r["path"], r["line"], r["severity"]) for r in rows] == [
        (expect["code"], expect["path"], expect["line"], expect["severity"])
    ]
    assert result.status == expect["exit"]


@pytest.mark.parametrize(
    "code",
    ["yaml-syntax", "slot-conflict", "personal-data", "unused-var", "outside-campaign"],
)
@pytest.mark.parametrize("module", [False, True], ids=["console-script", "python-m"])
def test_broken_fixture_subprocess(code, module, make_plan):
    expect = expectation(code)
    root = make_plan(code)
    result = run_subprocess("check", "--root", str(root), module=module)
    assert result.status == expect["exit"], result.err
    assert "Traceback" not in result.err
    problems = result.problems()
    assert [(p["code"], p["path"], p["line"], p["severity"]) for p in problems] == [
        (expect["code"], expect["path"], expect["line"], expect["severity"])
    ]


def test_valid_fixture_subprocess():
    result = run_subprocess("check", "--root", str(VALID))
    assert result.status == 0, result.err
    assert result.out == ""
    assert "0 errors, 0 warnings" in result.err


def test_broken_fixtures_hold_only_differing_files():
    for code in CODES_UNDER_TEST:
        for path in (BROKEN / code).rglob("*"):
            if path.is_file() and path.name != "expect.yml":
                rel = path.relative_to(BROKEN / code)
                original = VALID / rel
                assert not original.exists() or original.read_bytes() != path.read_bytes(), (
                    f"broken/{code}/{rel} is the same as valid/{rel}"
                )
