"""The fixtures every test may ask for. Helpers (build_plan, VALID, run_subprocess, ...) are in
tests/support/: `from tests.support import ...`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The tests read the messages in English, the catalogue's source language, whatever the
# fixtures' `language: zh` says; tests/test_i18n.py checks the Chinese on purpose, and the
# variable is documented for teams (a runner that wants English logs). Subprocesses inherit it.
# (tests/support/generated.py makes the files the tests compare against in the same language.)
os.environ["CONTENTPLAN_LANG"] = "en"

from generator import check_again, check_cache, check_patch
from generator.cli import main
from tests.support import PROJECT, SEVERAL, Result, build_plan, hostile, pinned_build_day, running_browser


@pytest.fixture(scope="session", autouse=True)
def check_cache_folder(tmp_path_factory) -> Path:
    """`contentplan check` keeps a cache (generator/check_cache.py): the tests' go in a folder of
    the run's, never the user's ~/.cache. Subprocesses inherit it."""
    folder = tmp_path_factory.mktemp("check-cache")
    os.environ["CONTENTPLAN_CACHE_DIR"] = str(folder)
    return folder


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """The site of tests/support/hostile.py (a payload in every field), built once for the
    markup and the browser tests."""
    root = build_plan(tmp_path_factory.mktemp("hostile") / "plan", files=hostile.plan_files())
    out = root.parent / "site"
    assert hostile.build_site(root, out) == 0
    return out


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    """A check cache folder of the test's own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv(check_cache.ENV, str(folder))
    return folder


@pytest.fixture
def patches(monkeypatch) -> list[bool]:
    """Whether each call of check_patch.patch gave a unit."""
    made: list[bool] = []
    real = check_patch.patch

    def spy(*args, **kwargs):
        done = real(*args, **kwargs)
        made.append(done is not None)
        return done

    monkeypatch.setattr(check_again, "patch", spy)
    return made


@pytest.fixture
def make_plan(tmp_path):
    """make_plan(code=None, files=None) -> root: valid/ copied into tmp_path, broken/<code>/ laid over."""
    counter = iter(range(1000))

    def make(code: str | None = None, files: dict[str, str | bytes] | None = None) -> Path:
        return build_plan(tmp_path / f"plan{next(counter)}", code, files)

    return make


@pytest.fixture
def several(make_plan) -> Path:
    """valid/ with SEVERAL laid over it: three problems in two files (tests.support.SEVERAL_PROBLEMS)."""
    return make_plan(files=SEVERAL)


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """run_cli(*argv) -> Result, calling generator.cli.main in-process (GITHUB_ACTIONS unset)."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)

    def run(*argv: str) -> Result:
        capsys.readouterr()
        status = main(list(argv))
        captured = capsys.readouterr()
        return Result(status, captured.out, captured.err)

    return run


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium, started once per test module (tests.support.running_browser)."""
    with running_browser() as started:
        yield started


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory) -> Path:
    """The site of the shipped example plan, built once with a fixed SOURCE_DATE_EPOCH."""
    out = tmp_path_factory.mktemp("shipped") / "site"
    with pinned_build_day():
        assert main(["build", "--root", str(PROJECT), "--site-dir", str(out)]) == 0
    return out
