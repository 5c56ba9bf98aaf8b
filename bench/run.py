"""Every figure of docs/performance.md in one run, on one machine:

    .venv/bin/python bench/run.py              # the year plan (40 channels x 365 days x 2), ~20 min
    .venv/bin/python bench/run.py --small      # every benchmark at a tiny size: does each still run?
    python3 tasks.py bench                     # the same as the first

1. the plan: posts, files, MiB (bench/synth.py writes it; it checks clean);
2. check, cold (`--no-cache`) and warm (the cache filled, then one calendar file changed), each
   with its ratio to the floor (bench/floor.py: only yaml.compose of the same files), and its
   peak RSS; each the best of --runs fresh processes (warm is n/a for a checker without
   `--no-cache`, that is without a cache);
3. build: bench/build_bench.py (contentplan against plain MkDocs + Material on the same pages,
   growth from 180 to 365 days, peak RSS), its tables as it prints them;
4. preview: `contentplan serve` of the shipped plan and of the year plan; one calendar file is
   saved with a changed post, and the time until its day page is served with the change is
   measured (the median of --saves saves), and the server's peak RSS;
5. sizes: the search index and one day page, gzipped (level 6), as served.

The machine and the versions are printed first. Figures are reported, never judged: the exit
status is 0 when every benchmark ran, 1 when one failed (a broken benchmark fails CI, which
runs --small; tests/test_bench.py).
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))

from check_bench import ensure_plan  # noqa: E402

PYTHON = sys.executable
WORK = HERE / "out" / "run"
LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)


# --- the machine -------------------------------------------------------------------------------


def machine() -> list[tuple[str, str]]:
    def version(module: str) -> str:
        try:
            from importlib.metadata import version as of

            return of(module)
        except Exception:
            return "?"

    import yaml

    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 2**20  # type: ignore[union-attr]
    except (OSError, AttributeError):
        ram = 0.0
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT, capture_output=True, text=True
    ).stdout
    return [
        ("machine", f"{cpu}, {os.cpu_count()} cores, {ram:.0f} GiB RAM, {platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("PyYAML", f"{yaml.__version__} ({'libyaml' if getattr(yaml, '__with_libyaml__', False) else 'no libyaml'})"),
        ("pydantic", version("pydantic")),
        ("MkDocs", version("mkdocs")),
        ("Material", version("mkdocs-material")),
        ("commit", f"{commit or '?'}{' (with changes)' if dirty.strip() else ''}"),
        ("load average before", f"{os.getloadavg()[0]:.2f}"),
    ]


# --- check ----------------------------------------------------------------------------------------


def best_of(cmd: list[str], runs: int, env: dict[str, str], before=None) -> tuple[float, float, list[int]]:
    """(best wall s, peak RSS MiB, exit codes) over `runs` fresh processes; `before()` runs first each time."""
    times, peak, codes = [], 0.0, []
    for _ in range(runs):
        if before is not None:
            before()
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - started)
        codes.append(os.waitstatus_to_exitcode(status))
        peak = max(peak, usage.ru_maxrss / 1024)
    return min(times), peak, codes


def change_one_post(root: Path, mark: str) -> tuple[str, str]:
    """Give the first post of the second calendar file the note 改<mark> (the plan stays valid):
    the day it is on, and the note."""
    files = sorted((root / "content" / "calendar").glob("*.yml"))
    path = files[min(1, len(files) - 1)]
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    first = next((i for i, line in enumerate(lines) if re.match(r"\s*- date: \d{4}-\d{2}-\d{2}\s*$", line)), None)
    if first is None:
        raise SystemExit(f"bench/run.py: no post written as '- date: ...' in {path}")
    day = lines[first].split(":", 1)[1].strip()
    indent = " " * (len(lines[first]) - len(lines[first].lstrip()) + 2)
    end = next((i for i in range(first + 1, len(lines)) if not lines[i].startswith(indent)), len(lines))
    note = f"改{mark}"
    at = next((i for i in range(first + 1, end) if lines[i].startswith(indent + "note:")), None)
    if at is None:
        lines.insert(first + 1, f"{indent}note: {note}\n")
    else:
        lines[at] = f"{indent}note: {note}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return day, note


def cache_flag() -> bool:
    """Whether `contentplan check` has a cache to turn off (`--no-cache` in its help)."""
    helped = subprocess.run([PYTHON, "-m", "generator", "check", "--help"], cwd=PROJECT, capture_output=True, text=True)
    return "--no-cache" in helped.stdout


def check_rows(root: Path, runs: int, summary: dict) -> list[dict[str, str]]:
    env = dict(os.environ, CONTENTPLAN_CACHE_DIR=str(WORK / "cache"))
    check = [PYTHON, "-m", "generator", "check", "--root", str(root), "--format", "json"]
    cached = cache_flag()
    floor_s, _, floor_codes = best_of([PYTHON, str(HERE / "floor.py"), str(root)], runs, env)
    cold_s, cold_rss, cold_codes = best_of([*check, "--no-cache"] if cached else check, runs, env)
    rows = [
        {
            "check": "cold (--no-cache)" if cached else "cold (no cache in this checker)",
            "s": f"{cold_s:.2f}",
            "floor s": f"{floor_s:.2f}",
            "/ floor": f"{cold_s / floor_s:.2f}x",
            "peak RSS MiB": f"{cold_rss:.0f}",
        }
    ]
    warm_codes: list[int] = []
    if cached:
        warm_root = WORK / f"warm-{root.name}"
        shutil.rmtree(warm_root, ignore_errors=True)
        shutil.copytree(root, warm_root)
        warm_check = [PYTHON, "-m", "generator", "check", "--root", str(warm_root), "--format", "json"]
        marks = iter(range(1000))

        def fill_then_change() -> None:
            # fills the cache (the same one the timed run reads) with the plan as it is
            subprocess.run(warm_check, stdout=subprocess.DEVNULL, env=env, check=True)
            change_one_post(warm_root, str(next(marks)))

        warm_s, warm_rss, warm_codes = best_of(warm_check, runs, env, before=fill_then_change)
        figures = [f"{warm_s:.2f}", f"{floor_s:.2f}", f"{warm_s / floor_s:.2f}x", f"{warm_rss:.0f}"]
    else:
        figures = ["n/a"] * 4  # no --no-cache: this checker keeps nothing between runs
    rows.append(dict(zip(("check", "s", "floor s", "/ floor", "peak RSS MiB"), ["warm (one calendar file changed)", *figures])))
    if set(floor_codes + cold_codes + warm_codes) != {0}:
        raise SystemExit(f"bench/run.py: check or floor failed (floor {floor_codes}, cold {cold_codes}, warm {warm_codes})")
    return rows


# --- preview --------------------------------------------------------------------------------------


class Serve:
    def __init__(self, root: Path, log: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        env = dict(os.environ, CONTENTPLAN_CACHE_DIR=str(WORK / "cache"))
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "generator", "serve", "--root", str(root), "--dev-addr", f"127.0.0.1:{self.port}"],
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            env=env,
        )

    def get(self, path: str) -> bytes | None:
        try:
            with urllib.request.urlopen(self.url + path, timeout=60) as response:
                return LIVERELOAD.sub(b"", response.read())
        except (urllib.error.URLError, OSError):
            return None

    def wait(self, condition, limit: float) -> float:
        started = time.perf_counter()
        while not condition():
            if self.proc.poll() is not None:
                raise SystemExit(f"bench/run.py: serve stopped; see {self.log}")
            if time.perf_counter() - started > limit:
                raise SystemExit(f"bench/run.py: serve did not show the change in {limit:.0f} s; see {self.log}")
            time.sleep(0.02)
        return time.perf_counter() - started

    def stop(self) -> float:
        """Stop the server: its peak RSS in MiB (os.wait4 rusage of this child)."""
        self.proc.terminate()
        killer = threading.Timer(60, self.proc.kill)  # a server that ignores SIGTERM
        killer.start()
        try:
            _, _, usage = os.wait4(self.proc.pid, 0)
        finally:
            killer.cancel()
        self.proc.returncode = 0
        return usage.ru_maxrss / 1024


def preview_row(name: str, source: Path, saves: int) -> tuple[dict[str, str], dict[str, str]]:
    root = WORK / f"preview-{name}"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    for part in ("content", "playbooks"):
        if (source / part).is_dir():
            shutil.copytree(source / part, root / part)
    server = Serve(root, WORK / f"serve-{name}.log")
    try:
        first = server.wait(lambda: b"Serving on" in server.log.read_bytes(), 3600)
        latencies = []
        page = ""
        for i in range(saves):
            time.sleep(2.0)  # the last rebuild's reload and the watcher settle: each save starts from idle
            started = time.perf_counter()
            day, text = change_one_post(root, str(i))
            page = f"days/{day}/"
            server.wait(lambda page=page, text=text: text.encode() in (server.get(page) or b""), 600)
            latencies.append(time.perf_counter() - started)
        index = server.get("search/search_index.json") or b""
        day_page = server.get(page) or b""
    finally:
        peak = server.stop()
    said = subprocess.run(
        [PYTHON, "-m", "generator", "check", "--root", str(root), *(["--no-cache"] if cache_flag() else [])],
        capture_output=True,
        text=True,
        env=dict(os.environ, CONTENTPLAN_LANG="en"),
    ).stderr
    posts = re.search(r"([\d,]+) posts", said)
    preview = {
        "plan": name,
        "first build s": f"{first:.1f}",
        "save → page shows it, median s": f"{statistics.median(latencies):.2f}",
        "saves": " / ".join(f"{t:.2f}" for t in latencies),
        "serve peak RSS MiB": f"{peak:.0f}",
    }
    sizes = {
        "plan": name,
        "posts": posts.group(1) if posts else "?",
        "search index KiB gz": f"{len(gzip.compress(index, 6)) / 1024:.0f}",
        "day page KiB gz": f"{len(gzip.compress(day_page, 6)) / 1024:.1f}",
    }
    return preview, sizes


# --- the tables -----------------------------------------------------------------------------------


def table(rows: list[dict[str, str]]) -> str:
    head = list(rows[0])
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" if i == 0 else "---:" for i in range(len(head))) + " |"]
    lines += ["| " + " | ".join(row[h] for h in head) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", action="store_true", help="every benchmark at a tiny size (CI)")
    parser.add_argument("--runs", type=int, help="runs of each timed measurement (default 3, small 1)")
    parser.add_argument("--saves", type=int, help="saves timed under serve (default 5, small 2)")
    parser.add_argument("--build-runs", type=int, help="timed runs of each build (default 2, small 1)")
    args = parser.parse_args(argv)
    runs = args.runs or (1 if args.small else 3)
    saves = args.saves or (2 if args.small else 5)
    size = (
        dict(channels=3, days=14, posts_per_day=1, playbooks=5, growth="7")
        if args.small
        else dict(channels=40, days=365, posts_per_day=2, playbooks=200, growth="180")
    )
    WORK.mkdir(parents=True, exist_ok=True)
    out = ["## One run", ""]
    out += [f"- {k}: {v}" for k, v in machine()]
    started = time.perf_counter()

    plan_args = argparse.Namespace(
        channels=size["channels"],
        days=size["days"],
        posts_per_day=size["posts_per_day"],
        playbooks=size["playbooks"],
        start=date(2027, 1, 1),
        seed=20270101,
        out=None,
        rebuild=False,
    )
    root, summary = ensure_plan(plan_args)
    mib = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and p.suffix in (".yml", ".md")) / 2**20
    out += [
        "",
        "### The plan",
        "",
        table(
            [
                {
                    "posts": f"{summary['posts']:,}",
                    "files": f"{summary['files']:,}",
                    "MiB": f"{mib:.1f}",
                    "channels": str(size["channels"]),
                    "days": str(size["days"]),
                }
            ]
        ),
    ]

    out += ["", "### check", "", table(check_rows(root, runs, summary))]

    build = subprocess.run(
        [
            PYTHON,
            str(HERE / "build_bench.py"),
            "--channels",
            str(size["channels"]),
            "--days",
            str(size["days"]),
            "--growth-days",
            size["growth"],
            "--posts-per-day",
            str(size["posts_per_day"]),
            "--playbooks",
            str(size["playbooks"]),
            "--runs",
            str(args.build_runs or (1 if args.small else 2)),
            "--markdown",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
    )
    if build.returncode != 0:
        print(build.stdout[-3000:], build.stderr[-3000:], file=sys.stderr)
        print("bench/run.py: bench/build_bench.py failed", file=sys.stderr)
        return 1
    out += ["", "### build (bench/build_bench.py)", "", build.stdout.strip()]

    previews, sizes = [], []
    for name, source in (("shipped", PROJECT), (root.name, root)):
        preview, sized = preview_row(name, source, saves)
        previews.append(preview)
        sizes.append(sized)
    out += ["", "### Preview (serve): a save until its day page shows it", "", table(previews)]
    out += ["", "### Sizes, gzipped, as served", "", table(sizes)]
    out += ["", f"Whole run: {time.perf_counter() - started:.0f} s; load average after: {os.getloadavg()[0]:.2f}."]
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
