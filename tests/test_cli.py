"""cli.py: the arguments of `contentplan` and its exit statuses: 0 no errors (warnings allowed),
1 errors in the plan, 2 usage or I/O failure; main() returns the status rather than exiting.
(What `check` prints in each format: test_report.py.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from generator import __version__
from generator.cli import main
from tests.support import VALID, run_subprocess


def test_warnings_only_exit_zero(make_plan, run_cli):
    root = make_plan("platform-mismatch")
    result = run_cli("check", "--root", str(root))
    assert result.status == 0
    assert [p["severity"] for p in result.problems()] == ["warning"]
    assert result.err.rstrip().endswith("0 errors, 1 warning")


def test_root_without_site_yml_exits_2(tmp_path, run_cli):
    (tmp_path / "content").mkdir()
    result = run_cli("check", "--root", str(tmp_path))
    assert result.status == 2
    assert result.out == ""
    assert "site.yml" in result.err
    assert "Traceback" not in result.err


def test_missing_root_exits_2(tmp_path, run_cli):
    result = run_cli("check", "--root", str(tmp_path / "nowhere"))
    assert result.status == 2
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    "argv",
    [
        ["check", "--format", "xml"],
        ["check", "--no-such-option"],
        ["chekc"],
        [],
    ],
    ids=["bad-format", "unknown-option", "unknown-command", "no-command"],
)
def test_bad_usage_exits_2(argv, run_cli):
    result = run_cli(*argv, "--root", str(VALID)) if argv and argv[0] == "check" else run_cli(*argv)
    assert result.status == 2
    assert result.out == ""
    assert result.err


def test_exit_2_subprocess(tmp_path):
    no_plan = run_subprocess("check", "--root", str(tmp_path))
    assert no_plan.status == 2
    assert "Traceback" not in no_plan.err
    bad_option = run_subprocess("check", "--root", str(VALID), "--format", "xml")
    assert bad_option.status == 2
    assert "Traceback" not in bad_option.err


def test_check_ends_with_all_its_output_written(tmp_path, make_plan):
    """`check` leaves without tearing the interpreter down (cli.run): what it printed is
    whole, to a pipe or a file (block-buffered), and its exit code is the check's."""
    root = make_plan("quiet-hours")
    many = "".join(
        f'  - {{date: 2026-12-{day:02d}, time: "03:00", channel: vip-group, playbook: welcome-script}}\n' for day in range(1, 29)
    )
    (root / "content" / "calendar" / "many.yml").write_text("posts:\n" + many, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUNBUFFERED", "GITHUB_ACTIONS")}
    command = [sys.executable, "-m", "generator", "check", "--root", str(root)]
    piped = subprocess.run([*command, "--format", "json"], capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert piped.returncode == 1
    assert len([p for p in json.loads(piped.stdout) if p["code"] == "quiet-hours"]) == 29
    with open(tmp_path / "out.txt", "w", encoding="utf-8") as out:
        assert subprocess.run(command, stdout=out, env=env, timeout=120).returncode == 1
    assert (tmp_path / "out.txt").read_text(encoding="utf-8").count("error[quiet-hours]") == 29


def test_main_returns_rather_than_exits(several):
    assert main(["check", "--root", str(several), "--format", "json"]) == 1


def test_root_defaults_to_the_current_directory(make_plan):
    root = make_plan("quiet-hours")
    result = run_subprocess("check", cwd=root)
    assert result.status == 1
    assert result.out.startswith("content/calendar/broken.yml:3:11: error[quiet-hours] ")
    clean = run_subprocess("check", cwd=VALID)
    assert clean.status == 0 and clean.out == ""


def test_version_and_help_exit_0(run_cli):
    version = run_cli("--version")
    assert version.status == 0 and version.out == f"contentplan {__version__}\n"
    helped = run_cli("check", "--help")
    assert helped.status == 0 and "--format" in helped.out and "--root" in helped.out


def test_a_bad_date_is_a_usage_error_that_names_it(run_cli):
    result = run_cli("today", "--root", str(VALID), "--date", "2026-12-32")
    assert result.status == 2 and result.out == ""
    assert "'2026-12-32' is not a date YYYY-MM-DD" in result.err


def test_today_takes_the_date_and_exits_with_the_plans_status(make_plan, run_cli):
    clean = run_cli("today", "--root", str(VALID), "--date", "2026-12-01")
    assert clean.status == 0 and "welcome-dec-01" in clean.out and clean.err == ""
    broken = run_cli("today", "--root", str(make_plan("quiet-hours")), "--date", "2026-12-01")
    assert broken.status == 1
    assert "error[quiet-hours]" in broken.err and "the checklist below may be incomplete" in broken.err


def test_build_refuses_a_plan_with_errors(make_plan, run_cli, tmp_path):
    result = run_cli("build", "--root", str(make_plan("slot-conflict")), "--site-dir", str(tmp_path / "site"))
    assert result.status == 1
    assert "not building: the plan has errors" in result.err
    assert not (tmp_path / "site").exists()


def test_rules_takes_a_known_code_and_refuses_an_unknown_one(run_cli):
    one = run_cli("rules", "banned-word", "--lang", "en")
    assert one.status == 0 and one.out.startswith("banned-word")
    typo = run_cli("rules", "baned-word", "--lang", "en")
    assert typo.status == 2 and typo.out == ""
    assert "no rule 'baned-word'" in typo.err and "banned-word" in typo.err  # did you mean


def test_schema_writes_into_out_and_prints_each_file(run_cli, tmp_path):
    result = run_cli("schema", "--root", str(VALID), "--out", str(tmp_path / "schema"))
    assert result.status == 0
    written = sorted(result.out.splitlines())
    assert written == sorted(str(p) for p in (tmp_path / "schema").iterdir())
    assert len(written) == 4


def test_a_busy_port_is_said_at_once_with_the_way_out(make_plan):
    """`serve` on a port another program listens on names the port and how to choose another,
    before building anything, and blames neither the plan nor a traceback."""
    import socket

    root = make_plan()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_subprocess("serve", "--root", str(root), "--dev-addr", f"127.0.0.1:{port}")
    assert result.status == 2
    assert f"port {port}" in result.err and f"--dev-addr 127.0.0.1:{port + 1}" in result.err
    assert "plan" not in result.err.replace("contentplan", "") and "Traceback" not in result.err
    assert "Building" not in result.err  # said before the first build
