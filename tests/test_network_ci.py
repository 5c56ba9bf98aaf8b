"""A network in CI (generator/network_ci.py, init_network.py, init_files/contentplan-network.yml):
the members to rebuild, the matrix, the workflow's structure and its steps run here in order."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.network_ci import MAX_SHARDS, Changed, changed_members, github_output
from tests.support import GIT_ENV, NETWORK, PROJECT, git
from tests.test_init import _actionlint

NETWORK_WORKFLOW = PROJECT / "generator" / "init_files" / "contentplan-network.yml"


@pytest.fixture
def repo(tmp_path) -> Path:
    root = tmp_path / "net"
    shutil.copytree(NETWORK, root)
    git("init", "-q", "-b", "main", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "base", cwd=root)
    return root


def _commit(root: Path, rel: str, text: str) -> None:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(path.read_text(encoding="utf-8") + text if path.exists() else text, encoding="utf-8")
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", rel, cwd=root)


def test_only_the_member_whose_folder_changed_is_rebuilt(repo):
    _commit(repo, "members/west/content/calendar/2026-12.yml", "# a note\n")
    changed = changed_members(repo, "HEAD~1")
    assert changed.members == ["west"] and not changed.every


def test_a_change_every_member_reads_rebuilds_them_all(repo):
    for rel in ("library/playbooks/greeting.md", "network.yml", "requirements.txt", ".github/workflows/x.yml"):
        _commit(repo, rel, "\n")
        assert changed_members(repo, "HEAD~1").members == ["east", "west"], rel


def test_a_change_outside_the_network_rebuilds_nothing(repo):
    _commit(repo, "README.md", "hello\n")
    assert changed_members(repo, "HEAD~1").members == []


@pytest.mark.parametrize("base", ["", "0000000000000000000000000000000000000000", "no-such-revision", "--output=/tmp/x"])
def test_without_a_usable_base_every_member_is_rebuilt(repo, base):
    changed = changed_members(repo, base)
    assert changed.members == ["east", "west"] and changed.every


def test_an_uncommitted_change_counts(repo):
    (repo / "members" / "east" / "content" / "site.yml").write_text("title: x\n", encoding="utf-8")
    assert changed_members(repo, "HEAD").members == ["east"]


def test_shards_fill_a_matrix_that_never_passes_github_s_cap():
    changed = Changed([f"m{i:04}" for i in range(1000)], True, "")
    matrix = changed.matrix(25)["include"]
    assert len(matrix) == 40 and matrix[0] == {"shard": 1, "members": " ".join(f"m{i:04}" for i in range(25))}
    assert sum(len(entry["members"].split()) for entry in matrix) == 1000
    assert len(changed.matrix(1)["include"]) <= MAX_SHARDS  # 1,000 one-member jobs would pass the cap
    lines = github_output(changed, 25).splitlines()
    assert lines[0].startswith("matrix=") and json.loads(lines[0][7:])["include"] == matrix and lines[1] == "any=true"
    assert github_output(Changed([], False, ""), 25).splitlines()[1] == "any=false"


def test_a_few_members_changed_get_a_job_each():
    """The everyday push: a member with errors fails a job of its own, no other member's."""
    few = Changed(["a", "b", "c"], False, "")
    assert few.matrix(25)["include"] == [{"shard": 1, "members": "a"}, {"shard": 2, "members": "b"}, {"shard": 3, "members": "c"}]
    many = Changed([f"m{i}" for i in range(21)], True, "")
    assert len(many.matrix(25)["include"]) == 1


def test_the_network_workflow_passes_actionlint():
    done = _actionlint(NETWORK_WORKFLOW)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_network_workflow_is_a_matrix_of_shards_then_one_assembling_job():
    workflow = yaml.safe_load(NETWORK_WORKFLOW.read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert set(jobs) == {"plan", "build", "assemble", "deploy", "plan-diff", "plan-diff-comment"}
    build = jobs["build"]
    assert build["needs"] == "plan" and build["strategy"]["fail-fast"] is False
    assert build["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    assert "needs.plan.outputs.any == 'true'" in build["if"]
    assert jobs["plan"]["outputs"]["matrix"] == "${{ steps.changed.outputs.matrix }}"
    assemble = jobs["assemble"]
    assert assemble["needs"] == ["plan", "build"] and assemble["if"].startswith("always()")  # runs when a shard failed
    runs = "\n".join(step.get("run", "") for job in jobs.values() for step in job["steps"])
    assert "contentplan network changed" in runs and "contentplan network assemble" in runs
    assert 'contentplan build --member "$member"' in runs
    uses = [step.get("uses", "") for step in assemble["steps"]]
    assert any(u.startswith("actions/cache/restore@") for u in uses) and any(u.startswith("actions/cache/save@") for u in uses)


def _run(script: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-e", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_the_workflow_s_steps_run_here_a_broken_member_fails_only_its_own_build(repo, tmp_path):
    """plan → build (one shard) → assemble, as the workflow runs them, on a network where one
    member breaks after a first publish: its shard fails, the other member is rebuilt, and the
    site keeps the broken member's last good pages."""
    workflow = yaml.safe_load(NETWORK_WORKFLOW.read_text(encoding="utf-8"))
    step = {s.get("name"): s["run"] for job in workflow["jobs"].values() for s in job["steps"] if "run" in s}
    bin_dir = Path(shutil.which("contentplan") or PROJECT / ".venv" / "bin" / "contentplan").parent
    env = {**GIT_ENV, "PATH": f"{bin_dir}:/usr/bin:/bin", "SHARD_SIZE": "25", "HOME": str(tmp_path), "SITE_URL": ""}
    output = tmp_path / "github_output"
    # the first run: everything, published as `last`
    changed = _run(step["Members whose inputs changed"], repo, {**env, "EVENT": "push", "BASE": "", "GITHUB_OUTPUT": str(output)})
    assert changed.returncode == 0, changed.stderr
    matrix = json.loads(output.read_text().splitlines()[0][7:])
    assert matrix == {"include": [{"shard": 1, "members": "east"}, {"shard": 2, "members": "west"}]}
    built = _run(step["Build this shard's members"], repo, {**env, "MEMBERS": "east west"})
    assert built.returncode == 0, built.stderr
    assembled = _run(step["Assemble the site"], repo, env)
    assert assembled.returncode == 0, assembled.stderr
    last = tmp_path / "last"
    shutil.move(repo / "site", last)
    assert sorted(p.name for p in (last / "members").iterdir()) == ["east", "west"]
    west_before = (last / "members" / "west" / "index.html").read_bytes()
    shutil.rmtree(repo / "built")
    # a second push breaks west and renames east
    _commit(
        repo,
        "members/west/content/calendar/2026-12.yml",
        "  - {date: 2026-12-30, time: '09:00', channel: vip-group, playbook: nope}\n",
    )
    site_yml = repo / "members" / "east" / "content" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8").replace("东门店", "东门新店"), encoding="utf-8")
    output.write_text("")
    _run(step["Members whose inputs changed"], repo, {**env, "EVENT": "push", "BASE": "HEAD~1", "GITHUB_OUTPUT": str(output)})
    assert [job["members"] for job in json.loads(output.read_text().splitlines()[0][7:])["include"]] == ["east", "west"]
    built = _run(step["Build this shard's members"], repo, {**env, "MEMBERS": "east"})
    assert built.returncode == 0, built.stderr  # east's job
    built = _run(step["Build this shard's members"], repo, {**env, "MEMBERS": "west"})
    assert built.returncode == 1  # west's own job fails, and no other
    built = _run(step["Build this shard's members"], repo, {**env, "MEMBERS": "east west"})
    assert built.returncode == 1  # in a shard of many (a library change), after building the others
    assert (repo / "built" / "members" / "east" / "index.html").is_file()
    summary = json.loads((repo / "built" / "summaries" / "west.json").read_text(encoding="utf-8"))
    assert [p["code"] for p in summary] == ["unknown-playbook"]  # each member's summary, uploaded with the sites
    (repo / "last").rmdir()  # made empty by the first run's `mkdir -p built last`
    shutil.move(last, repo / "last")
    assembled = _run(step["Assemble the site"], repo, env)
    assert assembled.returncode == 0, assembled.stderr  # the site is published all the same
    assert sorted(p.name for p in (repo / "site" / "members").iterdir()) == ["east", "west"], assembled.stderr[-3000:]
    site = repo / "site"
    assert (site / "members" / "west" / "index.html").read_bytes() == west_before
    assert "东门新店" in (site / "members" / "east" / "index.html").read_text(encoding="utf-8")
    assert "unknown-playbook" in (site / "problems" / "index.html").read_text(encoding="utf-8")
