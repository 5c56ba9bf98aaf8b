"""A brand's network at scale (generator/network.py): check and build, against their floors.

    .venv/bin/python bench/network_bench.py                  # 50 members x 8 channels x 365 days x 2, 300 playbooks
    .venv/bin/python bench/network_bench.py --small          # 3 members x 2 channels x 14 days (CI: does it run?)

The synthetic network is one synthetic plan (bench/synth.py) taken apart: its settings,
campaigns and playbooks become headquarters' library; its channels, people and calendars
become each member's plan (the same calendars for every member, under its own folder).

Measured, each the best of --runs fresh processes, with the peak RSS of every process:

1. the floor: yaml.compose of every file the network check reads (bench/floor.py's method:
   the library once, each member's own files);
2. `contentplan check --root NET --no-cache`, the whole network, on every core (ratio to the floor);
3. one member's build (`build --member m000`) against the same plan built on its own (the
   synthetic plan before it was taken apart): the single-plan goal, for a member;
4. the site's size: one member's folder, the overview.

Then a plan for a 1,000-member network on a CI matrix, from these figures (see --shard-size).
Figures are reported, never judged; exit 1 only when a step fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import floor  # noqa: E402
import synth  # noqa: E402

BIN = Path(sys.executable).parent
CONTENTPLAN = [str(BIN / "contentplan")] if (BIN / "contentplan").exists() else [sys.executable, "-m", "generator"]
WORK = HERE / "out" / "network"
MARK = ".network-bench.json"


def make_network(out: Path, members: int, channels: int, days: int, posts_per_day: int, playbooks: int, start: date) -> dict:
    """Write the synthetic network into `out` (reused when the same arguments wrote it)."""
    args = dict(members=members, channels=channels, days=days, posts_per_day=posts_per_day, playbooks=playbooks)
    args.update(start=start.isoformat(), synth=synth.source_hash(), bench=_own_hash())
    mark = out / MARK
    if mark.is_file() and json.loads(mark.read_text())["args"] == args:
        return json.loads(mark.read_text())
    if out.exists():
        shutil.rmtree(out)
    plan = out.parent / (out.name + "-plan")
    summary = synth.generate(plan, channels, days, posts_per_day, playbooks, start)
    site = (plan / "content" / "site.yml").read_text(encoding="utf-8")
    head, _sep, lists = site.partition("channels:")
    library = out / "library"
    (library / "content").mkdir(parents=True)
    (library / "content" / "site.yml").write_text(head.replace("基准测试计划", "基准测试总部"), encoding="utf-8")
    shutil.copy(plan / "content" / "campaigns.yml", library / "content" / "campaigns.yml")
    shutil.copytree(plan / "playbooks", library / "playbooks")
    names = []
    for i in range(members):
        member_id = f"m{i:03}"
        folder = out / "members" / member_id / "content"
        folder.mkdir(parents=True)
        (folder / "site.yml").write_text(f"title: 基准门店 {i:03}\nchannels:{lists}", encoding="utf-8")
        shutil.copytree(plan / "content" / "calendar", folder / "calendar")
        names.append(f"  - {{id: {member_id}, name: 基准门店{i:03}, kind: store}}")
    (out / "network.yml").write_text("title: 基准测试网络\nmembers:\n" + "\n".join(names) + "\n", encoding="utf-8")
    result = {"args": args, "posts": summary["posts"] * members, "member_posts": summary["posts"], "plan": str(plan)}
    mark.write_text(json.dumps(result), encoding="utf-8")
    return result


def _own_hash() -> str:
    import hashlib

    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def network_floor(root: Path) -> None:
    """What floor.py composes for a plan, for the library and each member (in this process)."""
    import contextlib
    import io

    with contextlib.redirect_stdout(io.StringIO()):
        floor.main(root / "library")
        for member in sorted((root / "members").iterdir()):
            floor.main(member)


def timed(command: list[str], runs: int, env: dict | None = None) -> tuple[float, float, int]:
    """(best wall s, peak RSS MiB of the process itself, last exit code). The processes a check
    forks share its pages until they write; each is smaller than the one that forked it."""
    best, peak, code = float("inf"), 0.0, 0
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        assert child.stderr is not None
        err = child.stderr.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        child.returncode = code = os.waitstatus_to_exitcode(status)
        best = min(best, time.perf_counter() - start)
        peak = max(peak, usage.ru_maxrss / 1024)
        if code != 0:
            sys.stderr.write(err.decode("utf-8", "replace")[-2000:])
    return best, peak, code


def floor_time(root: Path, runs: int) -> float:
    code = (
        f"import sys, pathlib; sys.path.insert(0, {str(HERE)!r}); import network_bench; "
        f"network_bench.network_floor(pathlib.Path({str(root)!r}))"
    )
    return timed([sys.executable, "-c", code], runs)[0]


def size_mib(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="a tiny network (CI)")
    parser.add_argument("--members", type=int)
    parser.add_argument("--runs", type=int)
    parser.add_argument("--shard-size", type=int, default=25, help="members per CI job in the 1,000-member plan")
    args = parser.parse_args(argv)
    if args.small:
        size = dict(members=args.members or 3, channels=2, days=14, posts_per_day=2, playbooks=6)
    else:
        size = dict(members=args.members or 50, channels=8, days=365, posts_per_day=2, playbooks=300)
    runs = args.runs or (1 if args.small else 2)
    name = "net-{members}x{channels}x{days}x{posts_per_day}-k{playbooks}".format(**size)
    root = WORK / name
    made = make_network(root, start=date(2027, 1, 1), **size)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1801368000")
    ok = True

    floor_s = floor_time(root, runs)
    check_s, check_rss, code = timed([*CONTENTPLAN, "check", "--root", str(root), "--no-cache"], runs, env)
    ok &= code == 0
    out = WORK / "site"
    member_s, member_rss, code = timed(
        [*CONTENTPLAN, "build", "--root", str(root), "--member", "m000", "--site-dir", str(out / "member"), "--no-cache"],
        runs,
        env,
    )
    ok &= code == 0
    alone_s, alone_rss, code = timed(
        [*CONTENTPLAN, "build", "--root", made["plan"], "--site-dir", str(out / "alone"), "--no-cache"], runs, env
    )
    ok &= code == 0
    member_mib = size_mib(out / "member") if (out / "member").is_dir() else 0.0

    print(f"### A network of {size['members']} members ({made['posts']:,} posts)\n")
    print(
        f"{size['members']} members × {size['channels']} channels × {size['days']} days × {size['posts_per_day']} posts, "
        f"{size['playbooks']} library playbooks; best of {runs}; {os.cpu_count()} cores.\n"
    )
    print("| measure | s | ratio | peak RSS MiB |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| floor: yaml.compose of every file, once | {floor_s:.2f} | 1.00x | – |")
    print(f"| `check` of the network, every core | {check_s:.2f} | {check_s / floor_s:.2f}x of the floor | {check_rss:.0f} |")
    ratio = f"{member_s / alone_s:.2f}x of the same plan alone"
    print(f"| `build --member m000` ({made['member_posts']:,} posts) | {member_s:.2f} | {ratio} | {member_rss:.0f} |")
    print(f"| the same plan built alone | {alone_s:.2f} | 1.00x | {alone_rss:.0f} |")
    print()
    print(f"One member's site: {member_mib:.1f} MiB.\n")
    print(shard_plan(1000, args.shard_size, check_s / size["members"], member_s, member_mib))
    return 0 if ok else 1


def shard_plan(members: int, per_job: int, check_each: float, build_each: float, site_mib: float) -> str:
    """How a network of `members` runs on a CI matrix, from one member's measured figures."""
    jobs = -(-members // per_job)
    setup = 60.0  # a runner: checkout, Python, pip install from cache (measured on GitHub: 40–80 s)
    job_s = setup + per_job * (check_each + build_each) / 2  # ubuntu-latest: 4 cores, members in parallel two at a time
    assemble_s = setup + members * check_each / 4 + members * site_mib / 50  # check for the overview; download at ~50 MiB/s
    total_min = (jobs * job_s + assemble_s) / 60
    return "\n".join(
        [
            f"A {members:,}-member network, {per_job} members a job:",
            "",
            "| | figure |",
            "| --- | ---: |",
            f"| build jobs (GitHub's matrix caps a workflow at 256) | {jobs} |",
            f"| minutes a build job (setup {setup:.0f} s, then its members) | {job_s / 60:.1f} |",
            f"| artifact a job (its members' sites) | {per_job * site_mib:.0f} MiB |",
            f"| the assembling job, minutes | {assemble_s / 60:.1f} |",
            f"| the Pages artifact (every site) | {members * site_mib / 1024:.1f} GiB |",
            f"| CI minutes when every member is rebuilt (a library change) | {total_min:.0f} |",
            f"| CI minutes when one member changed | {(2 * setup + check_each * members / 4 + build_each) / 60:.1f} |",
        ]
    )


if __name__ == "__main__":
    sys.exit(main())
