"""Benchmark `contentplan check` on a synthetic plan against the YAML compose floor.

    .venv/bin/python bench/check_bench.py               # 40 channels x 365 days x 2 a day, 200 playbooks
    .venv/bin/python bench/check_bench.py --markdown    # the table as Markdown (docs/performance.md)

Builds the plan with bench/synth.py into bench/out/ (reused when the size and synth.py are
unchanged), checks once to make sure it is clean, then measures, each as the best of
--runs runs, every run in a fresh subprocess:

- check: `python -m generator check --root DIR --format json`, output to /dev/null;
- floor: bench/floor.py, which only reads the same files and calls
  `yaml.compose(text, Loader=yaml.CSafeLoader)` on each YAML file and playbook front matter;
- peak RSS: the check subprocess's max resident set size (os.wait4 rusage, per child).

Wall times include interpreter start-up and imports for both; the start-up of the checker
alone (`import generator.cli`) is printed under the table for reference.

Exit status: 0 when the check exited 0 in every run, 1 otherwise (the plan must be clean).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synth  # noqa: E402

PYTHON = sys.executable


def run(cmd: list[str], stdout=subprocess.DEVNULL) -> tuple[float, int, float, bytes]:
    """Run `cmd` in a fresh process: (wall seconds, exit code, max RSS MiB, stdout if piped)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout)  # stderr passes through: tracebacks show
    out = proc.stdout.read() if proc.stdout else b""
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the max over all children).
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, proc.returncode, usage.ru_maxrss / 1024, out  # ru_maxrss is KiB on Linux


def best(cmd: list[str], runs: int) -> tuple[float, list[int], float]:
    """Best wall time over `runs`, every exit code, and the peak RSS (MiB) over the runs."""
    times, codes, peak = [], [], 0.0
    for _ in range(runs):
        wall, code, rss, _ = run(cmd)
        times.append(wall)
        codes.append(code)
        peak = max(peak, rss)
    return min(times), codes, peak


def ensure_plan(args: argparse.Namespace) -> tuple[Path, dict]:
    out = args.out or HERE / "out" / (f"plan-{args.channels}x{args.days}x{args.posts_per_day}-k{args.playbooks}-{args.start}")
    marker = out / synth.MARKER
    wanted = {
        "channels": args.channels,
        "days": args.days,
        "posts_per_day": args.posts_per_day,
        "playbooks": args.playbooks,
        "start": args.start.isoformat(),
        "seed": args.seed,
        "synth": synth.source_hash(),
    }
    if not args.rebuild and marker.is_file():
        summary = json.loads(marker.read_text(encoding="utf-8"))
        if all(summary.get(k) == v for k, v in wanted.items()):
            print(f"reusing {out}", file=sys.stderr)
            return out, summary
    print(f"building {out} ...", file=sys.stderr)
    summary = synth.generate(out, args.channels, args.days, args.posts_per_day, args.playbooks, args.start, args.seed)
    return out, summary


def verify(root: Path) -> tuple[int, int, int]:
    """Check once (also warms the page cache): (exit code, errors, warnings); prints problems."""
    _, code, _, out = run([PYTHON, "-m", "generator", "check", "--root", str(root), "--format", "json"], stdout=subprocess.PIPE)
    try:
        problems = json.loads(out or b"[]")
    except ValueError:
        print(out.decode("utf-8", "replace")[:2000], file=sys.stderr)
        return code, -1, -1
    errors = sum(p["severity"] == "error" for p in problems)
    for p in problems[:20]:
        print(f"  {p['path']}:{p['line']}:{p['col']}: {p['severity']}[{p['code']}] {p['message']}", file=sys.stderr)
    if len(problems) > 20:
        print(f"  ... and {len(problems) - 20} more", file=sys.stderr)
    return code, errors, len(problems) - errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark contentplan check against the YAML compose floor.")
    parser.add_argument("--channels", type=int, default=40)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--posts-per-day", type=int, default=2, help="per channel")
    parser.add_argument("--playbooks", type=int, default=200)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2027, 1, 1))
    parser.add_argument("--seed", type=int, default=20270101)
    parser.add_argument("--runs", type=int, default=3, help="runs of each measurement; the best counts")
    parser.add_argument("--out", type=Path, help="plan folder (default: bench/out/plan-<size>)")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the plan even if it is current")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args(argv)

    root, summary = ensure_plan(args)
    code, errors, warnings = verify(root)
    print(f"check: exit {code}, {errors} errors, {warnings} warnings", file=sys.stderr)

    check_cmd = [PYTHON, "-m", "generator", "check", "--root", str(root), "--format", "json"]
    floor_cmd = [PYTHON, str(HERE / "floor.py"), str(root)]
    startup_cmd = [PYTHON, "-c", "import generator.cli"]
    check_s, codes, rss = best(check_cmd, args.runs)
    floor_s, floor_codes, _ = best(floor_cmd, args.runs)
    startup_s, _, _ = best(startup_cmd, args.runs)

    row = {
        "posts": f"{summary['posts']:,}",
        "files": f"{summary['files']:,}",
        "check s": f"{check_s:.2f}",
        "floor s": f"{floor_s:.2f}",
        "check/floor": f"{check_s / floor_s:.1f}x",
        "peak RSS MiB": f"{rss:.0f}",
    }
    if args.markdown:
        print("| " + " | ".join(row) + " |")
        print("| " + " | ".join("---:" for _ in row) + " |")
        print("| " + " | ".join(row.values()) + " |")
    else:
        widths = [max(len(k), len(v)) for k, v in row.items()]
        print("  ".join(k.rjust(w) for k, w in zip(row, widths)))
        print("  ".join(v.rjust(w) for v, w in zip(row.values(), widths)))
    print(
        f"\nbest of {args.runs}; {summary['bytes'] / 1024 / 1024:.1f} MiB of plan files; "
        f"interpreter start-up + `import generator.cli`: {startup_s:.2f} s; "
        f"check exit codes {codes}, floor exit codes {floor_codes}"
    )

    if any(codes) or code != 0:
        print("check_bench: the check did not exit 0 on the synthetic plan; it must be clean", file=sys.stderr)
        return 1
    if any(floor_codes):
        print("check_bench: the floor script failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
