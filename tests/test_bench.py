"""Every benchmark still runs: bench/run.py --small (check cold and warm, the floor, build
against plain MkDocs, growth, preview under serve, sizes) and bench/hostile_bench.py --small.
Nothing here judges a figure: speed is reported by bench/, never asserted by a test."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.support import PROJECT

SECTIONS = ("### The plan", "### check", "### build", "### Preview", "### Sizes")


def _run(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *argv], cwd=PROJECT, capture_output=True, text=True, timeout=1800)


def test_the_one_run_benchmark_runs_small_and_gives_every_figure():
    done = _run("bench/run.py", "--small")
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    for section in SECTIONS:
        assert section in out, section
    rows = ("cold (--no-cache)", "warm (one calendar file changed)", "contentplan build, ", "plain MkDocs, same pages")
    for row in (*rows, "| shipped |", "| plan-"):  # the preview rows (then the sizes)
        line = next((line for line in out.splitlines() if row in line), "")
        assert re.search(r"\| \d+\.\d+", line), (row, line)  # a figure, whatever it is
    assert "serve peak RSS MiB" in out and "search index KiB gz" in out and "day page KiB gz" in out
    assert "machine:" in out and "commit:" in out and "Traceback" not in done.stderr


def test_the_hostile_benchmark_runs_small():
    done = _run("bench/hostile_bench.py", "--small", "--markdown")
    assert done.returncode == 0, done.stderr
    assert {"alcohol-ad", "banned-word", "induced-sharing", "personal-data"} <= set(
        re.findall(r"^\| ([a-z-]+) \|", done.stdout, re.M)
    )


def test_the_network_benchmark_runs_small():
    """bench/network_bench.py: the network's check against its floor, a member's build against
    the same plan alone, and the 1,000-member plan made from them (docs/performance.md)."""
    done = _run("bench/network_bench.py", "--small")
    assert done.returncode == 0, done.stderr[-3000:]
    for row in ("| floor:", "| `check` of the network", "| `build --member m000`", "| the same plan built alone"):
        line = next((line for line in done.stdout.splitlines() if line.startswith(row)), "")
        assert re.search(r"\| \d+\.\d+ \|", line), (row, line)
    assert "A 1,000-member network" in done.stdout and "| build jobs" in done.stdout
