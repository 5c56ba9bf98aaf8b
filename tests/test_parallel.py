"""parallel.beside: work in a forked copy, the same result as here, and here whenever the
copy cannot be used."""

from __future__ import annotations

import os
import threading

import pytest

from generator import parallel
from generator.check import check
from tests.support import broken_codes

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")


@pytest.fixture
def two_cores(monkeypatch):
    monkeypatch.setenv(parallel.ENV, "2")


@needs_fork
def test_the_work_runs_in_another_process_and_comes_back(two_cores):
    data = {"posts": list(range(10_000))}  # built here, read there without being sent
    later = parallel.beside(lambda: (os.getpid(), sum(data["posts"])))
    pid, total = later()
    assert pid != os.getpid() and total == sum(range(10_000))


def test_one_core_means_here(monkeypatch):
    monkeypatch.setenv(parallel.ENV, "1")
    assert parallel.beside(os.getpid)() == os.getpid()


@needs_fork
def test_a_copy_that_dies_is_done_here(two_cores, capsys):
    me = os.getpid()

    def work() -> int:
        if os.getpid() != me:
            os._exit(3)  # the copy fails as a killed or crashed process would
        return 42

    assert parallel.beside(work)() == 42
    assert "doing its work here" in capsys.readouterr().err


@needs_fork
def test_a_result_that_cannot_be_sent_is_made_here(two_cores):
    me = os.getpid()
    assert parallel.beside(lambda: (lambda: None) if os.getpid() != me else "here")() == "here"


def test_no_fork_while_other_threads_run(two_cores):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert parallel.beside(os.getpid)() == os.getpid()
    finally:
        stop.set()
        thread.join()


@needs_fork
@pytest.mark.parametrize("code", ["banned-word", "induced-sharing", "unused-allow", "unknown-field", "personal-data"])
def test_a_check_on_two_cores_finds_what_one_finds(code, make_plan, two_cores):
    assert code in broken_codes()
    root = make_plan(code)
    assert check(root, cores=2).problems == check(root, cores=1).problems


@needs_fork
def test_a_check_reading_calendars_on_two_cores_finds_what_one_finds(tmp_path, two_cores, monkeypatch):
    """Nine calendar files, some broken: two cores share them (check._Share), with and without a
    cache, and find what one core finds."""
    from tests.support import build_plan

    files = {
        f"content/calendar/2027-{month:02d}.yml": (
            f"posts:\n  - {{date: 2027-{month:02d}-03, time: '09:00', channel: nope, playbook: welcome-script}}\n"
            if month % 3
            else "posts: [\n"
        )
        for month in range(1, 10)
    }
    root = build_plan(tmp_path / "plan", files=files)
    monkeypatch.setenv("CONTENTPLAN_CACHE_DIR", str(tmp_path / "cache"))
    one = check(root, cores=1).problems
    assert len({p.path for p in one}) >= 9
    assert check(root, cores=2).problems == one
    assert check(root, cores=2, cache=True).problems == one  # fills the cache
    (root / "content/calendar/2027-04.yml").write_text("posts: []\n", encoding="utf-8")
    one = check(root, cores=1).problems
    assert check(root, cores=2, cache=True).problems == one  # from the cache, but one file
