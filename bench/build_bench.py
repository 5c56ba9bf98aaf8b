"""Benchmark `contentplan build` on synthetic plans: its overhead over plain MkDocs, and growth.

    .venv/bin/python bench/build_bench.py               # 40 channels x 365 days x 2 a day, 200 playbooks
    .venv/bin/python bench/build_bench.py --markdown    # the tables as Markdown (docs/performance.md)
    .venv/bin/python bench/build_bench.py --days 120 --growth-days 30,60 --runs 1   # a quick look

Writes the plans with bench/synth.py into bench/out/ (reused while the size and synth.py are
unchanged, as bench/check_bench.py does) and measures, each as the best of --runs runs, every
run a fresh subprocess, wall time and peak RSS (os.wait4 rusage of that child):

1. compile overhead, at --days: `contentplan build --root PLAN --site-dir OUT` against plain
   MkDocs + Material building the same pages with the same configuration (`mkdocs build
   --strict -f bench/out/build/plain-<size>/mkdocs.yml`). The plain input is made once, not
   timed, in a subprocess of this script (`--dump`): check the plan, compile it with
   generator.compile.compile_site as the plugin does, write every page and
   attachment into a docs folder beside a copy of the project's docs/, and write a mkdocs.yml
   that is the project's minus the `contentplan` plugin, with what the plugin's on_config
   adds spelled out: site_name and theme language from the plan, generator/overrides as
   theme.custom_dir, the plugin's markdown extensions, the search plugin's jieba user
   dictionary (the same words file), and `not_in_nav` patterns that put exactly the pages
   the plugin adds as NOT_IN_NAV (day, month, single playbook/channel/campaign pages) out of
   the nav. After one untimed build of each, the two sites are compared file by file.
2. growth: `contentplan build` at each of --growth-days and --days (same channels, posts a
   day and playbooks); the ratio of the two largest sizes (365/180 by default).
3. peak memory of every build.

Both sides run with the same SOURCE_DATE_EPOCH (noon, plan time, 30 days after --start), so
the sitemap dates agree (what depends on today is computed in the browser); and with NO_MKDOCS_2_WARNING=true and
PYTHONHASHSEED=0 (so that the two sites can be compared byte for byte).
Before timing, every plan is built once (untimed; it also warms the page cache and jieba's
cache) and must exit 0: otherwise the build log is printed and the benchmark stops with 1.
Output sites are deleted before each timed run, so neither side pays for removing the last
one. Build logs go to bench/out/build/logs/.

Exit status: 0 when every build exited 0, 1 otherwise. Targets are reported, not enforced.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PROJECT))

from check_bench import ensure_plan  # noqa: E402 - also puts synth on the path

PYTHON = sys.executable
BIN = Path(sys.executable).parent
WORK = HERE / "out" / "build"
OVERHEAD_TARGET = 1.1
GROWTH_TARGET = 2.2


# --- running ----------------------------------------------------------------------------------


def tool(name: str, module: str) -> list[str]:
    """The venv's console script `name`, else `python -m module`."""
    script = BIN / name
    return [str(script)] if script.is_file() else [PYTHON, "-m", module]


def run(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, int, float]:
    """Run `cmd` in a fresh process, output to `log`: (wall seconds, exit code, max RSS MiB)."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as out:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=PROJECT)
        _, status, usage = os.wait4(proc.pid, 0)  # this child's own rusage
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return wall, proc.returncode, usage.ru_maxrss / 1024  # KiB on Linux


def fail(what: str, code: int, log: Path) -> None:
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    print(f"\nbuild_bench: {what} exited {code}; last lines of {log}:", file=sys.stderr)
    for line in lines[-40:]:
        print(f"  {line}", file=sys.stderr)
    sys.exit(1)


class Build:
    """One build to measure: a command, the site folder it writes, an environment."""

    def __init__(self, name: str, cmd: list[str], site: Path, env: dict[str, str]) -> None:
        self.name, self.cmd, self.site, self.env = name, cmd, site, env
        self.log = WORK / "logs" / f"{name}.log"

    def clear(self) -> None:
        shutil.rmtree(self.site, ignore_errors=True)
        for leftover in self.site.parent.glob(f".{self.site.name}-*"):  # contentplan's staging/old
            shutil.rmtree(leftover, ignore_errors=True)

    def verify(self) -> float:
        """Build once, untimed; stop the benchmark loudly unless it exits 0."""
        self.clear()
        print(f"verifying {self.name} ...", file=sys.stderr)
        wall, code, _ = run(self.cmd, self.env, self.log)
        if code != 0:
            fail(f"{self.name} (first, untimed build)", code, self.log)
        if not (self.site / "index.html").is_file():
            print(f"build_bench: {self.name} exited 0 but wrote no {self.site / 'index.html'}", file=sys.stderr)
            sys.exit(1)
        return wall

    def best(self, runs: int) -> tuple[float, float, list[float]]:
        """(best wall seconds, peak RSS MiB over the runs, every wall time)."""
        times, peak = [], 0.0
        for i in range(runs):
            self.clear()
            wall, code, rss = run(self.cmd, self.env, self.log)
            if code != 0:
                fail(f"{self.name} (run {i + 1})", code, self.log)
            print(f"  {self.name} run {i + 1}: {wall:.1f} s, {rss:.0f} MiB", file=sys.stderr)
            times.append(wall)
            peak = max(peak, rss)
        return min(times), peak, times


# --- the plain MkDocs input (--dump) ----------------------------------------------------------


def dump(root: Path, dest: Path) -> dict:
    """Write the compiled pages of `root` and a plain mkdocs.yml into `dest`; return a summary.

    Runs in its own process (`--dump`), with SOURCE_DATE_EPOCH set as for the builds. The
    pages and files come from generator.build.prepare, as the plugin's on_config gets them (the
    same stamp, the same feeds' SEQUENCE), so both sides build the same bytes.
    """
    import pathspec
    import yaml

    from generator import build, offline
    from generator.check import check
    from generator.plugin import MARKDOWN_EXTENSIONS, OVERRIDES
    from generator.site import config_file

    started = time.perf_counter()
    report = check(root)
    checked = time.perf_counter()
    errors = [p for p in report.problems if p.severity == "error"]
    if errors:
        raise SystemExit(f"build_bench --dump: the plan {root} has {len(errors)} error(s)")

    source_config = config_file(root)  # the config `contentplan build --root` uses
    cfg = yaml.safe_load(source_config.read_text(encoding="utf-8"))
    source_docs = (source_config.parent / cfg.get("docs_dir", "docs")).resolve()
    site = dest / "site"
    prepared = build.prepare(
        root,
        site,
        build.Options(directory_urls=cfg.get("use_directory_urls", True), site_url=cfg.get("site_url") or None),
        checked=report,
        inform=lambda _: None,
    )
    content = prepared.content
    compiled = time.perf_counter()

    shutil.rmtree(dest, ignore_errors=True)
    docs = dest / "docs"
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs)
    docs.mkdir(parents=True, exist_ok=True)

    def put(folder: Path, rel: str, data: bytes) -> None:
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    for page in content.pages:  # generated pages replace same-named hand-written ones, as in the plugin
        put(docs, page.path, page.markdown.encode("utf-8"))
    for output in prepared.engine_files():  # calendar feeds and thumbnails: static files, as on_files hands them
        put(docs, output.path, output.content)
    for attachment in content.attachments:
        put(docs, attachment.path, attachment.source.read_bytes())
    # The day exports are written into the built site after the build (build.finish; a .md
    # export has the day page's source name, so it cannot stand in docs): a hook copies them.
    after = dest / "after-build"
    exports = [output for output in content.files if output.export]
    for output in exports:
        put(after, output.path, output.content)
    hook = dest / "copy_after_build.py"
    hook.write_text(
        '"""bench/build_bench.py: copy the day exports into the built site, as contentplan\'s build does."""\n\n'
        "import shutil\n\n"
        f"AFTER = {str(after)!r}\n\n\n"
        "def on_post_build(config):\n"
        '    shutil.copytree(AFTER, config["site_dir"], dirs_exist_ok=True)\n',
        encoding="utf-8",
    )

    # What on_config changes, written into the config instead.
    cfg["site_name"] = prepared.title
    cfg["docs_dir"] = str(docs)
    cfg["site_dir"] = str(site)
    theme = cfg["theme"] if isinstance(cfg.get("theme"), dict) else {"name": cfg.get("theme")}
    if theme.get("custom_dir"):
        raise SystemExit("build_bench --dump: the config has its own theme.custom_dir; the plain config cannot hold two")
    theme["custom_dir"] = str(OVERRIDES)
    if prepared.language:
        theme["language"] = prepared.language
    theme["font"] = False
    cfg["theme"] = theme
    extra = cfg.setdefault("extra", {})
    extra["contentplan_assets"] = offline.assets_version()
    extra["contentplan_serving"] = False
    cfg["hooks"] = [*cfg.get("hooks", []), str(hook)]

    def name_of(entry: object) -> str:
        return entry if isinstance(entry, str) else next(iter(entry))

    extensions = cfg.setdefault("markdown_extensions", [])
    for name in MARKDOWN_EXTENSIONS:
        if name not in [name_of(e) for e in extensions]:
            extensions.append(name)

    plugins = []
    for entry in cfg.get("plugins", []):
        name = name_of(entry)
        if name == "contentplan":
            continue
        if name in ("search", "material/search"):
            options = dict(entry[name] or {}) if isinstance(entry, dict) else {}
            if content.words and not options.get("jieba_dict_user"):
                words = dest / "jieba-user.txt"
                words.write_text("\n".join(content.words) + "\n", encoding="utf-8")
                options["jieba_dict_user"] = str(words)
            entry = {name: options} if options else name
        plugins.append(entry)
    cfg["plugins"] = plugins

    # not_in_nav: per folder, every page of it, then back in the ones the plugin keeps in the nav.
    hidden = {p.path for p in content.pages if not p.in_nav}
    shown = {p.path for p in content.pages if p.in_nav}
    lines: list[str] = []
    for folder in sorted({os.path.dirname(p) for p in hidden}):
        if folder:
            lines.append(f"/{folder}/*.md")
            lines += [f"!/{p}" for p in sorted(shown) if os.path.dirname(p) == folder]
        else:
            lines += [f"/{p}" for p in sorted(hidden) if not os.path.dirname(p)]
    if cfg.get("not_in_nav"):
        lines = cfg["not_in_nav"].splitlines() + lines
    if lines:
        cfg["not_in_nav"] = "\n".join(lines) + "\n"
    spec = pathspec.gitignore.GitIgnoreSpec.from_lines(lines)
    on_disk = {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")}
    matched = {p for p in on_disk if spec.match_file(p)}
    if matched != hidden:
        raise SystemExit(
            f"build_bench --dump: not_in_nav patterns match {len(matched)} pages, the plugin "
            f"hides {len(hidden)}; e.g. {sorted(matched ^ hidden)[:5]}"
        )

    class Dumper(yaml.SafeDumper):  # not_in_nav as a block, one pattern a line
        pass

    Dumper.add_representer(str, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", v, style="|" if "\n" in v else None))
    config = dest / "mkdocs.yml"
    config.write_text(
        "# Written by bench/build_bench.py: the plain-MkDocs side of the benchmark.\n"
        + yaml.dump(cfg, Dumper=Dumper, allow_unicode=True, sort_keys=False),
        encoding="utf-8",
    )
    # What the comparison needs to fix the plain site's search index as contentplan does (untimed).
    (dest / "search-fix.json").write_text(
        json.dumps({"words": content.words, "prefixes": content.search_prefixes}, ensure_ascii=False), encoding="utf-8"
    )
    return {
        "config": str(config),
        "site": cfg["site_dir"],
        "pages": len(content.pages),
        "hidden": len(hidden),
        "docs_pages": len(on_disk),
        "attachments": len(content.attachments),
        "engine_files": len(prepared.engine_files()),
        "exports": len(exports),
        "words": len(content.words),
        "check_s": checked - started,
        "compile_s": compiled - checked,
    }


# --- comparing the two sites ------------------------------------------------------------------

# only contentplan's build writes these: the offline files (build.finish) and the site folder's marker (site_dir.py)
ONLY_CONTENTPLAN = ("sw.js", "offline.json", ".contentplan-site")


def compare_sites(a: Path, b: Path, search_fix: Path) -> tuple[int, list[str], list[str], list[str]]:
    """Site `a` (contentplan's) against `b` (plain MkDocs'): (files compared, paths only in one
    site, paths that differ, search indexes equal but reordered). The plain site's search index
    is first fixed as contentplan fixes its own (search_index.fix_index, on a copy, untimed)."""
    from generator.search_index import fix_index

    reordered: list[str] = []
    fix = json.loads(search_fix.read_text(encoding="utf-8"))

    def listing(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}

    def same(path: str) -> bool:
        if path.endswith("search_index.json"):  # pages are indexed in the order the files came
            fixed = WORK / "plain-search-index-fixed.json"
            shutil.copyfile(b / path, fixed)
            fix_index(fixed, fix["words"], fix["prefixes"])
            if filecmp.cmp(a / path, fixed, shallow=False):
                return True
            x, y = (json.loads(s.read_text(encoding="utf-8")) for s in (a / path, fixed))
            entries = [sorted(json.dumps(d, sort_keys=True, ensure_ascii=False) for d in z["docs"]) for z in (x, y)]
            if x["config"] == y["config"] and entries[0] == entries[1]:
                reordered.append(path)
                return True
            return False
        return filecmp.cmp(a / path, b / path, shallow=False)

    left, right = listing(a), listing(b)
    only = sorted((left ^ right) - set(ONLY_CONTENTPLAN))
    differ = [p for p in sorted(left & right) if not same(p)]
    return len(left | right), only, differ, reordered


# --- main -------------------------------------------------------------------------------------


def plan_args(args: argparse.Namespace, days: int) -> argparse.Namespace:
    copy = argparse.Namespace(**vars(args))
    copy.days = days
    copy.out = None
    return copy


def epoch_for(start: date) -> int:
    """Noon in the synthetic plans' timezone (Asia/Shanghai, UTC+8), 30 days after the start."""
    moment = datetime.combine(start + timedelta(days=30), datetime.min.time(), UTC) + timedelta(hours=4)
    return int(moment.timestamp())


def table(rows: list[dict[str, str]], markdown: bool) -> str:
    keys = list(rows[0])
    if markdown:
        align = ["---" if i == 0 else "---:" for i in range(len(keys))]
        out = ["| " + " | ".join(keys) + " |", "| " + " | ".join(align) + " |"]
        out += ["| " + " | ".join(r[k] for k in keys) + " |" for r in rows]
        return "\n".join(out)
    widths = [max(len(k), *(len(r[k]) for r in rows)) for k in keys]
    out = ["  ".join(k.ljust(w) if i == 0 else k.rjust(w) for i, (k, w) in enumerate(zip(keys, widths)))]
    out += ["  ".join(r[k].ljust(w) if i == 0 else r[k].rjust(w) for i, (k, w) in enumerate(zip(keys, widths))) for r in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark contentplan build against plain MkDocs, and its growth.")
    parser.add_argument("--channels", type=int, default=40)
    parser.add_argument("--days", type=int, default=365, help="the size for the overhead comparison (the largest)")
    parser.add_argument("--growth-days", default="90,180", help="smaller sizes for growth, comma-separated ('' for none)")
    parser.add_argument("--posts-per-day", type=int, default=2, help="per channel")
    parser.add_argument("--playbooks", type=int, default=200)
    parser.add_argument("--start", type=date.fromisoformat, default=date(2027, 1, 1))
    parser.add_argument("--seed", type=int, default=20270101)
    parser.add_argument("--runs", type=int, default=2, help="timed runs of each build; the best counts")
    parser.add_argument("--rebuild", action="store_true", help="regenerate the plans even if they are current")
    parser.add_argument("--markdown", action="store_true", help="print the tables as Markdown")
    parser.add_argument("--dump", nargs=2, type=Path, metavar=("ROOT", "DEST"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.dump:
        print(json.dumps(dump(args.dump[0].resolve(), args.dump[1].resolve())))
        return 0

    sizes = sorted({args.days, *(int(d) for d in args.growth_days.split(",") if d.strip())})
    if sizes[-1] != args.days:
        parser.error("--growth-days must be smaller than --days")
    args.out = None
    epoch = epoch_for(args.start)
    env = {k: v for k, v in os.environ.items() if k != "CONTENTPLAN_ROOT"}
    env.update(SOURCE_DATE_EPOCH=str(epoch), NO_MKDOCS_2_WARNING="true", PYTHONHASHSEED="0")
    load_before = os.getloadavg()[0]

    plans: dict[int, tuple[Path, dict]] = {days: ensure_plan(plan_args(args, days)) for days in sizes}
    builds: dict[int, Build] = {}
    for days, (root, _) in plans.items():
        builds[days] = Build(
            f"contentplan-{root.name}",
            [*tool("contentplan", "generator"), "build", "--root", str(root), "--site-dir", str(WORK / f"site-{root.name}")],
            WORK / f"site-{root.name}",
            env,
        )
    for days in sizes:
        builds[days].verify()

    # The plain side: the same pages on disk, the same configuration, no plugin.
    root, summary = plans[args.days]
    dest = WORK / f"plain-{root.name}"
    print(f"writing the compiled pages of {root.name} to {dest} ...", file=sys.stderr)
    out = subprocess.run(
        [PYTHON, __file__, "--dump", str(root), str(dest)], env=env, cwd=PROJECT, stdout=subprocess.PIPE, check=False
    )
    if out.returncode != 0:
        print("build_bench: writing the plain MkDocs input failed", file=sys.stderr)
        return 1
    dumped = json.loads(out.stdout)
    plain = Build(
        f"plain-mkdocs-{root.name}",
        [*tool("mkdocs", "mkdocs"), "build", "--strict", "-f", dumped["config"]],
        Path(dumped["site"]),
        env,
    )
    plain.verify()
    compared, only, differ, reordered = compare_sites(builds[args.days].site, plain.site, dest / "search-fix.json")

    results: dict[str, tuple[float, float, list[float]]] = {}
    for days in reversed(sizes):
        results[builds[days].name] = builds[days].best(args.runs)
        if days == args.days:
            results[plain.name] = plain.best(args.runs)
    load_after = os.getloadavg()[0]

    def row(label: str, build: Build, posts: int, pages: str) -> dict[str, str]:
        best, rss, times = results[build.name]
        return {
            "build": label,
            "posts": f"{posts:,}",
            "pages": pages,
            "time s": f"{best:.1f}",
            "runs s": " / ".join(f"{t:.1f}" for t in times),
            "peak RSS MiB": f"{rss:.0f}",
        }

    def pages_of(site: Path) -> str:
        return f"{sum(1 for _ in site.rglob('index.html')):,}"

    rows = [
        row(f"contentplan build, {days} days", builds[days], plans[days][1]["posts"], pages_of(builds[days].site))
        for days in sizes
    ]
    rows.append(row(f"plain MkDocs, same pages, {args.days} days", plain, summary["posts"], pages_of(plain.site)))

    cp = results[builds[args.days].name][0]
    pl = results[plain.name][0]
    overhead = cp / pl
    checks = [
        {
            "target": f"contentplan / plain MkDocs ({args.days} days) under {OVERHEAD_TARGET}x",
            "measured": f"{overhead:.2f}x",
            "status": "met" if overhead < OVERHEAD_TARGET else "NOT MET",
        }
    ]
    if len(sizes) > 1:
        big, small = sizes[-1], sizes[-2]
        growth = cp / results[builds[small].name][0]
        expected = big / small
        checks.append(
            {
                "target": f"{big} days / {small} days under {GROWTH_TARGET}x",
                "measured": f"{growth:.2f}x (size {expected:.2f}x)",
                "status": "met" if growth < GROWTH_TARGET else "NOT MET",
            }
        )

    print(table(rows, args.markdown))
    print()
    print(table(checks, args.markdown))
    print()
    print(
        f"best of {args.runs} runs each, wall time including interpreter start-up; "
        f"SOURCE_DATE_EPOCH={epoch}; load average {load_before:.2f} before, "
        f"{load_after:.2f} after; {os.cpu_count()} CPUs."
    )
    print(
        f"{args.days} days: {dumped['pages']:,} compiled pages ({dumped['hidden']:,} not in the nav), "
        f"{dumped['attachments']} attachments, {dumped['words']:,} words for jieba; "
        f"in one process, check {dumped['check_s']:.1f} s and compile_site {dumped['compile_s']:.1f} s."
    )
    if not only and not differ:
        print(
            f"the two {args.days}-day sites are the same: {compared:,} files, byte for byte"
            + (" (the search index: the same entries, in another order)." if reordered else ".")
        )
    else:
        print(
            f"WARNING: the two {args.days}-day sites differ: {len(only)} of {compared:,} files in one only "
            f"(e.g. {only[:3]}), {len(differ)} with other content (e.g. {differ[:3]})."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
