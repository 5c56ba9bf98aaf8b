"""build.py: one build of a plan without any engine (no MkDocs): prepare, then finish into a folder.

What MkDocs makes of the pages is tests/test_site.py; here, what the build itself decides and
writes: the stamp, the exports, the search index, the offline files, the refusals."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator import build, offline, search_index
from generator.check import check
from generator.compile import compile_site
from generator.history import last_changes
from generator.search_index import ZWSP
from generator.urls import page_path
from tests.support import FIXTURES, PROJECT, build_plan, pinned_build_day

SITE = FIXTURES / "site"
EPOCH = "1796083200"  # 2026-12-01 00:00 UTC
STAMP = datetime.fromtimestamp(int(EPOCH), UTC)


@pytest.fixture
def plan(tmp_path) -> Path:
    """A copy of the site fixture outside git: its files' times are what the build goes by."""
    root = tmp_path / "plan"
    shutil.copytree(SITE, root)
    return root


def _prepare(root: Path, out: Path, notes: list[str] | None = None, **options) -> build.Build:
    return build.prepare(root, out, build.Options(**options), inform=(notes if notes is not None else []).append)


def test_prepare_compiles_what_compile_site_does_with_the_pinned_stamp(tmp_path):
    with pinned_build_day(EPOCH):
        made = _prepare(SITE, tmp_path / "out", site_url="https://plan.example.com/")
    report = check(SITE)
    changed = last_changes(SITE.resolve(), build.plan_files(report.plan), int(EPOCH))
    expected = compile_site(report.plan, site_url="https://plan.example.com/", stamp=STAMP, changed=changed)
    assert [(p.path, p.markdown) for p in made.content.pages] == [(p.path, p.markdown) for p in expected.pages]
    assert made.content.files == expected.files
    assert made.compiled and made.page_date is None  # SOURCE_DATE_EPOCH set: the engine dates the pages
    assert made.title == "站点测试计划" and made.language == "zh"
    assert b"DTSTAMP:20261201T000000Z" in next(f.content for f in made.content.files if f.path == page_path("feed"))


def test_without_source_date_epoch_the_stamp_is_when_the_plan_last_changed(plan, tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    when = 1_790_000_000  # 2026-09-21 14:13:20 UTC
    for path in plan.rglob("*"):
        os.utime(path, (when - 86400, when - 86400))
    os.utime(plan / "playbooks" / "red-envelope.md", (when, when))
    made = _prepare(plan, tmp_path / "out")
    assert made.page_date == "2026-09-21"
    feed = next(f.content for f in made.content.files if f.path == page_path("feed"))
    assert b"DTSTAMP:20260921T141320Z" in feed


def test_the_exports_are_marked_and_left_to_finish(tmp_path):
    with pinned_build_day(EPOCH):
        made = _prepare(SITE, tmp_path / "out")
    exports = sorted(f.path for f in made.content.files if f.export)
    days = sorted({p.path.removeprefix("days/").removesuffix(".md") for p in made.content.pages if p.path.startswith("days/")})
    assert days and exports == sorted(page_path(kind, day) for day in days for kind in ("day_markdown", "day_json"))
    carried = {f.path for f in made.engine_files()}
    assert carried and not carried & set(exports)
    assert page_path("feed") in carried and not [p for p in carried if p.startswith("days/")]


def test_finish_writes_the_exports_fixes_the_index_and_writes_the_offline_files(tmp_path):
    out = tmp_path / "out"
    with pinned_build_day(EPOCH):
        made = _prepare(SITE, out)
    # what an engine would have written: a home page and the theme search's index
    out.mkdir()
    (out / "index.html").write_text('<link rel="stylesheet" href="assets/x.css">', encoding="utf-8")
    index = out / search_index.INDEX
    index.parent.mkdir()
    split = f"{ZWSP}酱香{ZWSP}53{ZWSP}"
    index.write_text(
        json.dumps({"config": {}, "docs": [{"location": "playbooks/x/", "title": "t", "text": split}]}), encoding="utf-8"
    )
    made.finish()
    for output in made.content.files:
        if output.export:
            assert (out / output.path).read_bytes() == output.content, output.path
        else:
            assert not (out / output.path).exists(), f"{output.path} is the engine's to write"
    assert json.loads(index.read_text(encoding="utf-8"))["docs"][0]["text"] == f"{ZWSP}酱香53{ZWSP}"
    manifest = json.loads((out / offline.MANIFEST_NAME).read_text(encoding="utf-8"))
    assert manifest["shell"] == ["assets/x.css"] and "2026-12-01" in manifest["days"]
    assert "__VERSION__" not in (out / offline.WORKER_NAME).read_text(encoding="utf-8")


def test_a_preview_or_a_site_with_its_own_worker_gets_no_offline_files(tmp_path):
    with pinned_build_day(EPOCH):
        preview = _prepare(SITE, tmp_path / "preview", preview=True)
        notes: list[str] = []
        own = _prepare(SITE, tmp_path / "own", notes)
    for made, kept in ((preview, ()), (own, ["sw.js"])):
        made.out.mkdir()
        made.finish(kept)
        assert not (made.out / offline.WORKER_NAME).exists() and not (made.out / offline.MANIFEST_NAME).exists()
        assert (made.out / page_path("day_markdown", "2026-12-01")).is_file()  # the exports still
    assert notes[-1] == "contentplan: the site has its own sw.js; the pages will not open offline"


def test_warnings_go_to_inform_and_errors_stop_the_build(tmp_path):
    notes: list[str] = []
    with pinned_build_day(EPOCH):
        _prepare(SITE, tmp_path / "out", notes)
    assert any("warning[silent-channel]" in note for note in notes)
    broken = build_plan(tmp_path / "broken", "unknown-playbook")
    with pinned_build_day(EPOCH), pytest.raises(build.BuildError) as raised:
        _prepare(broken, tmp_path / "out")
    assert "error[unknown-playbook]" in str(raised.value) and "content/calendar/broken.yml:5:15" in str(raised.value)


def test_a_preview_of_a_plan_with_errors_is_the_page_of_its_problems(tmp_path):
    broken = build_plan(tmp_path / "broken", "unknown-playbook")
    with pinned_build_day(EPOCH):
        made = _prepare(broken, tmp_path / "out", preview=True, title="Fallback")
    assert not made.compiled and [p.path for p in made.content.pages] == ["index.md"]
    assert "error[unknown-playbook]" in made.content.pages[0].markdown
    assert made.content.files == [] and made.content.words == []
    made.out.mkdir()
    made.finish()
    assert list(made.out.iterdir()) == []  # nothing of the plan's, no offline files


@pytest.mark.parametrize("where", [".", "content", "playbooks/site", ".."])
def test_a_site_folder_in_or_around_the_plan_is_refused(plan, where):
    with pytest.raises(build.BuildError, match="^contentplan: "):
        _prepare(plan, plan / where)
    assert (plan / "content" / "site.yml").is_file()


@pytest.mark.parametrize("value", ["soon", "-1", "4294967296", ""])
def test_an_unusable_source_date_epoch_is_refused(tmp_path, monkeypatch, value):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", value)
    with pytest.raises(build.BuildError, match="SOURCE_DATE_EPOCH"):
        _prepare(SITE, tmp_path / "out")


def test_no_plan_is_a_build_error_not_a_traceback(tmp_path):
    with pytest.raises(build.BuildError, match="^contentplan: .*content/site.yml"):
        _prepare(tmp_path, tmp_path.parent / "out-of-nothing")


def test_a_report_just_made_is_used_and_one_of_another_plan_is_not(plan, tmp_path, monkeypatch):
    report = check(plan)
    monkeypatch.setattr(build, "check", lambda root, **options: pytest.fail("checked again"))
    with pinned_build_day(EPOCH):
        assert build.prepare(plan, tmp_path / "out", checked=report, inform=lambda _: None).report is report
    other = check(SITE)
    monkeypatch.setattr(build, "check", lambda root, **options: report)
    with pinned_build_day(EPOCH):
        assert build.prepare(plan, tmp_path / "out", checked=other, inform=lambda _: None).report is report


# --- what a preview keeps between builds --------------------------------------------------------


def test_a_preview_collects_garbage_between_builds_not_during_one(monkeypatch):
    import gc
    import time

    monkeypatch.setattr(build.Collector, "IDLE", 0.01)
    collected: list[bool] = []
    monkeypatch.setattr(gc, "collect", lambda *args: collected.append(True) or 0)
    collector = build.Collector()
    try:
        collector.building(pause=False)  # a first build: the collector runs as usual
        assert gc.isenabled() and not collected
        collector.built()
        collector.building()  # a save before the server was idle: the collection owed, now
        assert collected == [True] and not gc.isenabled()
        collector.built()  # then, once idle: collected, and the collector on again
        deadline = time.monotonic() + 60  # waiting for the timer, not timing it
        while not gc.isenabled() and time.monotonic() < deadline:
            time.sleep(0.01)
        assert gc.isenabled() and collected == [True, True]
        collector.building()
        assert not gc.isenabled() and collected == [True, True]  # nothing owed
    finally:
        collector.stop()
    assert gc.isenabled()


def test_the_build_and_the_compile_step_import_no_mkdocs():
    code = (
        "import sys, generator.build, generator.compile, generator.search_index; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


# --- how `contentplan build` and `serve` hand the plugin what they know (site.py) -----------------


def test_the_cli_hands_the_plugin_its_options_in_the_config(tmp_path):
    from generator.site import plugin_options

    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: x\nplugins:\n  - contentplan: {root: elsewhere}\n  - search:\n      enabled: false\n", encoding="utf-8"
    )
    report = object()
    entries = plugin_options(config, root="/plan", checked=report)
    for _ in range(2):  # serve reads the config again at every rebuild; MkDocs takes entries apart
        read = [dict(entry) for entry in entries]
        assert read == [{"contentplan": {"root": "/plan", "checked": report}}, {"search": {"enabled": False}}]
        for entry in entries:
            name, options = entry.popitem()
            options.pop("enabled", None)
    config.write_text("site_name: x\nplugins: [search]\n", encoding="utf-8")
    assert plugin_options(config, root="/plan") is None  # no contentplan: nothing to tell
    config.write_text("site_name: x\nplugins: {contentplan: null, search: {}}\n", encoding="utf-8")
    assert list(plugin_options(config, root="/plan")) == [{"contentplan": {"root": "/plan"}}, {"search": {}}]


def test_contentplan_build_sets_no_environment_and_its_root_beats_a_stray_one(tmp_path, monkeypatch):
    from generator.cli import main

    monkeypatch.setenv("CONTENTPLAN_ROOT", str(FIXTURES / "phone"))  # left over in someone's shell
    with pinned_build_day(EPOCH):
        assert main(["build", "--root", str(SITE), "--site-dir", str(tmp_path / "out")]) == 0
    assert os.environ["CONTENTPLAN_ROOT"] == str(FIXTURES / "phone")
    assert "<title>站点测试计划 - 站点测试计划</title>" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    monkeypatch.delenv("CONTENTPLAN_ROOT")
    with pinned_build_day(EPOCH):
        assert main(["build", "--root", str(SITE), "--site-dir", str(tmp_path / "again")]) == 0
    assert "CONTENTPLAN_ROOT" not in os.environ
