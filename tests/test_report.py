"""report.py: the output formats of `contentplan check` (text, GitHub annotations, JSON), the
summary and the sorting. The exit statuses and the arguments: test_cli.py."""

from __future__ import annotations

import json
import re

from tests.support import LINE, SEVERAL, SEVERAL_PROBLEMS, VALID, run_subprocess

GITHUB = re.compile(
    r"^::(?P<level>error|warning) file=(?P<file>[^,]+),line=(?P<line>\d+),col=(?P<col>\d+),title=(?P<title>[a-z-]+)::(?P<message>.+)$"
)


def test_text_format_exactly(several, run_cli):
    result = run_cli("check", "--root", str(several))
    assert result.status == 1
    rows = [(p["path"], p["line"], p["col"], p["severity"], p["code"]) for p in result.problems()]
    assert rows == SEVERAL_PROBLEMS
    assert result.lines[0] == (
        "content/calendar/a-first.yml:4:14: error[unknown-channel] no channel 'vip-grop' (did you mean 'vip-group'?)"
    )
    for line in result.lines:
        assert LINE.match(line)


def test_text_is_the_default_and_explicit_text_is_the_same(several, run_cli):
    default = run_cli("check", "--root", str(several))
    explicit = run_cli("check", "--root", str(several), "--format", "text")
    assert default.out == explicit.out
    assert default.status == explicit.status == 1


def test_summary_on_stderr_in_text_mode(several, run_cli):
    result = run_cli("check", "--root", str(several))
    summary = result.err.splitlines()
    assert len(summary) == 1
    assert re.fullmatch(r"checked \d+ files?, \d+ posts?: 2 errors, 1 warning", summary[0])
    assert "checked" not in result.out


def test_no_summary_in_github_or_json(several, run_cli):
    for fmt in ("github", "json"):
        result = run_cli("check", "--root", str(several), "--format", fmt)
        assert "checked" not in result.err
        assert "checked" not in result.out


def test_github_format(several, run_cli):
    result = run_cli("check", "--root", str(several), "--format", "github")
    assert result.status == 1
    rows = []
    for line in result.lines:
        m = GITHUB.match(line)
        assert m, f"not a workflow command: {line!r}"
        rows.append((m["file"], int(m["line"]), int(m["col"]), m["level"], m["title"]))
    assert rows == SEVERAL_PROBLEMS
    assert result.lines[0] == (
        "::error file=content/calendar/a-first.yml,line=4,col=14,title=unknown-channel::"
        "no channel 'vip-grop' (did you mean 'vip-group'?)"
    )
    assert result.lines[2].startswith("::warning file=content/calendar/broken.yml,line=10,col=15,title=platform-mismatch::")


def test_github_format_escapes_newlines_and_percent():
    from generator.problems import Problem
    from generator.report import github

    out = github([Problem("a,b:c.yml", 1, 2, "bad-value", "50% off\nnext line", "error")])
    assert out == "::error file=a%2Cb%3Ac.yml,line=1,col=2,title=bad-value::50%25 off%0Anext line\n"


def test_github_actions_env_picks_github(several, run_cli, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("check", "--root", str(several))
    assert result.status == 1
    assert result.lines and all(GITHUB.match(line) for line in result.lines)


def test_github_actions_env_does_not_override_explicit_format(several, run_cli, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = run_cli("check", "--root", str(several), "--format", "text")
    assert all(LINE.match(line) for line in result.lines)


def test_github_actions_env_subprocess(several):
    result = run_subprocess("check", "--root", str(several), env={"GITHUB_ACTIONS": "true"})
    assert result.status == 1
    assert result.out.startswith("::error file=content/calendar/a-first.yml,line=4,col=14,title=unknown-channel::")


def test_json_format(several, run_cli):
    result = run_cli("check", "--root", str(several), "--format", "json")
    assert result.status == 1
    rows = json.loads(result.out)
    assert isinstance(rows, list)
    for row in rows:
        assert set(row) == {"path", "line", "col", "severity", "code", "message"}
        assert isinstance(row["line"], int) and isinstance(row["col"], int)
        assert isinstance(row["message"], str) and row["message"]
    assert [(r["path"], r["line"], r["col"], r["severity"], r["code"]) for r in rows] == SEVERAL_PROBLEMS


def test_json_of_a_clean_plan_is_an_empty_list(run_cli):
    result = run_cli("check", "--root", str(VALID), "--format", "json")
    assert result.status == 0
    assert json.loads(result.out) == []


def test_json_subprocess_keeps_chinese(several):
    result = run_subprocess("check", "--root", str(several), "--format", "json", module=True)
    assert result.status == 1
    rows = json.loads(result.out)
    assert len(rows) == 3


def test_sorted_by_path_then_line(make_plan, run_cli):
    # problems from several rules and files, produced in rule order, must come out sorted
    root = make_plan(
        files={
            **SEVERAL,
            "content/calendar/zz.yml": (
                "posts:\n"
                '  - {date: 2026-12-03, time: "23:30", channel: vip-group, playbook: welcom-script}\n'
                '  - {date: 2026-12-03, time: "09:00", channel: official, playbook: winter-headline}\n'
            ),
        }
    )
    result = run_cli("check", "--root", str(root), "--format", "json")
    rows = json.loads(result.out)
    keys = [(r["path"], r["line"], r["col"]) for r in rows]
    assert keys == sorted(keys)
    assert len({r["path"] for r in rows}) == 3


def test_github_warnings_only(make_plan, run_cli):
    root = make_plan("platform-mismatch")
    result = run_cli("check", "--root", str(root), "--format", "github")
    assert result.status == 0
    assert len(result.lines) == 1
    assert result.lines[0].startswith(
        "::warning file=content/calendar/broken.yml,line=5,col=15,title=platform-mismatch::playbook 'welcome-script'"
    )


def test_text_output_shows_what_shows_as_nothing_as_escapes():
    from generator.report import printable

    shown = printable("全\u200b网\u00ad最\ufeff低\u2060价\U000e0041\u202e")
    assert shown == "全\\u200b网\\xad最\\ufeff低\\u2060价\\U000e0041\\u202e"
