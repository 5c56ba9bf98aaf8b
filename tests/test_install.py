"""A team installs contentplan as a tool: from a built wheel, into a fresh virtual environment,
it checks and builds a plan folder that holds only content/ and playbooks/."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.support import git

PROJECT = Path(__file__).resolve().parent.parent
PHONE = PROJECT / "tests" / "fixtures" / "phone"


def _run(cmd: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CONTENTPLAN_ROOT", "VIRTUAL_ENV")}
    done = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, f"{' '.join(cmd)}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The `contentplan` command of a fresh virtual environment that installed the built wheel."""
    folder = tmp_path_factory.mktemp("install")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder / "dist"), str(PROJECT)], folder)
    (wheel,) = (folder / "dist").glob("contentplan-*.whl")
    venv.EnvBuilder(with_pip=True).create(folder / "venv")
    bin_dir = folder / "venv" / ("Scripts" if os.name == "nt" else "bin")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "-q", str(wheel)], folder)
    return bin_dir / "contentplan"


def test_a_plan_folder_with_only_content_and_playbooks_checks_and_builds(installed, tmp_path):
    plan = tmp_path / "team-plan"
    shutil.copytree(PHONE, plan)
    assert sorted(p.name for p in plan.iterdir()) == ["content", "playbooks"]
    _run([str(installed), "check", "--root", str(plan)], tmp_path)
    _run([str(installed), "build", "--root", str(plan), "--site-dir", str(tmp_path / "site")], tmp_path)
    site = tmp_path / "site"
    assert (site / "days" / "2026-12-02" / "index.html").is_file() and (site / "calendar.ics").is_file()
    assert (site / "guide" / "first-post" / "index.html").is_file() and (site / "rules" / "index.html").is_file()
    # the project's developer documents are not part of a team's site
    assert not (site / "performance").exists() and not (site / "format-notes").exists()
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "format-notes/" not in index and "performance/" not in index


def test_a_teams_own_mkdocs_yml_with_the_plugin_keeps_its_nav_and_pages(installed, tmp_path):
    plan = tmp_path / "team-plan"
    shutil.copytree(PHONE, plan)
    (plan / "docs").mkdir()
    (plan / "docs" / "about.md").write_text("# 关于我们 About\n\n门店介绍。\n", encoding="utf-8")
    (plan / "mkdocs.yml").write_text(
        "site_name: 我们的计划\ntheme:\n  name: material\nplugins:\n  - contentplan\n  - search\n"
        "nav:\n  - 首页: index.md\n  - 今天: today.md\n  - 关于 About: about.md\n",
        encoding="utf-8",
    )
    _run([str(installed), "build", "--root", str(plan), "--site-dir", str(tmp_path / "site")], tmp_path)
    site = tmp_path / "site"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "关于 About" in home and (site / "about" / "index.html").is_file()
    assert (site / "days" / "2026-12-02" / "index.html").is_file()


def test_init_check_and_build_with_the_installed_tool(installed, tmp_path):
    _run([str(installed), "init", "new-plan"], tmp_path)
    _run([str(installed), "check", "--root", "new-plan"], tmp_path)
    _run([str(installed), "build", "--root", "new-plan", "--site-dir", "new-site"], tmp_path)
    assert (tmp_path / "new-site" / "index.html").is_file()


def test_init_with_a_wheel_gives_a_repository_pip_installs_contentplan_from(installed, tmp_path):
    # what a team without a public repository does: the wheel goes into the plan repository and
    # requirements.txt points at it by a path relative to the repository, where CI runs pip
    (wheel,) = (installed.parents[2] / "dist").glob("contentplan-*.whl")
    _run([str(installed), "init", "plan", "--wheel", str(wheel)], tmp_path)
    plan = tmp_path / "plan"
    assert (plan / "wheels" / wheel.name).read_bytes() == wheel.read_bytes()
    venv.EnvBuilder(with_pip=True).create(tmp_path / "venv")
    python = tmp_path / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
    _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", "-r", "requirements.txt"], plan)
    done = _run([str(python), "-c", "import importlib.metadata as m; print(m.version('contentplan'))"], plan)
    assert done.stdout.strip() == wheel.name.split("-")[1]


def test_the_default_requirements_stop_pip_with_what_to_do(installed, tmp_path):
    # until the team says where it gets contentplan, installing stops with a message, whatever
    # index pip is pointed at: nothing in requirements.txt is a name an index could serve
    _run([str(installed), "init", "plan"], tmp_path)
    python = installed.parent / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "CONTENTPLAN_ROOT", "VIRTUAL_ENV")}
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-index", "-r", "requirements.txt"],
        cwd=tmp_path / "plan",
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    assert done.returncode != 0
    assert (
        "CONTENTPLAN-NOT-SET: replace this line with where your team installs contentplan from, see README.md" in done.stderr
    ), done.stderr


def test_diff_with_the_installed_tool(installed, tmp_path):
    # what the workflow's plan-diff job runs, from the wheel: a git revision against HEAD
    _run([str(installed), "init", "plan", "--start", "2026-12-01"], tmp_path)
    plan = tmp_path / "plan"
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "init"]):
        git(*args, cwd=plan)
    calendar = plan / "content" / "calendar" / "2026-12.yml"
    calendar.write_text(calendar.read_text(encoding="utf-8").replace('"08:30"', '"09:00"', 1), encoding="utf-8")
    git("commit", "-q", "-am", "later", cwd=plan)
    done = _run([str(installed), "diff", "HEAD~1", "HEAD", "--root", "plan"], tmp_path)
    assert "### 改时间或渠道 Moved (1)" in done.stdout and "time 08:30 → 09:00" in done.stdout
