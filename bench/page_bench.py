"""Benchmark the operator's pages as a phone gets them: weight over the wire and Lighthouse.

    .venv/bin/python bench/page_bench.py                   # the shipped plan
    .venv/bin/python bench/page_bench.py --root /tmp/yearplan --site-dir /tmp/yearsite
    .venv/bin/python bench/page_bench.py --no-lighthouse   # weight and layout only (what CI runs)
    .venv/bin/python bench/page_bench.py --markdown        # the table for docs/performance.md

Builds the plan (SOURCE_DATE_EPOCH fixed, so the same bytes every time) unless --site-dir
already holds a build, serves it gzip-compressed on 127.0.0.1 as GitHub Pages does
(bench/serve_gzip.py), and measures home, /today/ and the busiest day page (the largest):

- weight: the bytes Debian's chromium receives over the wire (gzip, as encoded) from the
  first request until the network is idle, at 390×844, with the service worker blocked so
  that only the page itself counts; and whether the search index was among them (it must not
  be: search.js holds it back until search is opened);
- CLS and the first paint, from the same load (PerformanceObserver in the page), with the
  network and CPU throttled as Lighthouse's mobile profile (150 ms, 1.6 Mbit/s, CPU 4x);
- Lighthouse 12, mobile, simulated throttling (its default): performance and accessibility
  scores, LCP, CLS, TBT. Lighthouse comes from npm into tools/lighthouse (`npm ci` on first
  use); with --no-lighthouse, or without npm, those columns say so.

Exit status 0 when every page loaded without fetching the search index, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import serve_gzip  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "lighthouse"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
EPOCH = "1796083200"  # 2026-12-01: a fixed build time for the same bytes each run
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "timezone_id": "Asia/Shanghai",
    "locale": "zh-CN",
}

LAYOUT = """() => new Promise(resolve => {
  let cls = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value; })
    .observe({type: "layout-shift", buffered: true});
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  setTimeout(() => resolve({cls, fcp: paint ? paint.startTime : null}), 1500);
})"""


def build(root: Path, out: Path) -> None:
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    command = [sys.executable, "-m", "generator", "build", "--root", str(root), "--site-dir", str(out)]
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)


def pages(site: Path) -> list[tuple[str, str]]:
    """(label, path from the root) of home, /today/ and the busiest day page."""
    days = sorted((site / "days").glob("*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    out = [("home", ""), ("/today/", "today/")]
    if days:
        out.append((f"busiest day ({days[0].parent.name})", f"days/{days[0].parent.name}/"))
    return out


def weigh(url: str) -> dict:
    """Bytes over the wire, requests, CLS and first paint of one load in chromium."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(**PHONE, service_workers="block")
            page = context.new_page()
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            # a slow phone on a weak signal (Lighthouse's mobile figures): shifts after first paint show
            cdp.send(
                "Network.emulateNetworkConditions",
                {
                    "offline": False,
                    "latency": 150,
                    "downloadThroughput": 1.6 * 1024 * 1024 / 8,
                    "uploadThroughput": 750 * 1024 / 8,
                },
            )
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            received: dict[str, int] = {}
            urls: dict[str, str] = {}
            cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
            cdp.on("Network.loadingFinished", lambda e: received.__setitem__(e["requestId"], int(e.get("encodedDataLength", 0))))
            page.goto(url, wait_until="networkidle")
            layout = page.evaluate(LAYOUT)
            page.wait_for_load_state("networkidle")
            return {
                "bytes": sum(received.values()),
                "requests": len(urls),
                "cls": layout["cls"],
                "fcp": layout["fcp"],
                "index": any("search_index" in u for u in urls.values()),
            }
        finally:
            browser.close()


def lighthouse_ready() -> bool:
    if (LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse").exists():
        return True
    npm = shutil.which("npm")
    if not npm:
        return False
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=LIGHTHOUSE, check=True)
    return True


def lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"),
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--form-factor=mobile",
                "--only-categories=performance,accessibility",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ],
            env=dict(os.environ, CHROME_PATH=CHROMIUM),
            check=True,
            timeout=300,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    audits = data["audits"]
    return {
        "performance": round(data["categories"]["performance"]["score"] * 100),
        "accessibility": round(data["categories"]["accessibility"]["score"] * 100),
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "lh_cls": audits["cumulative-layout-shift"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="plan folder (default: the shipped plan)")
    parser.add_argument("--site-dir", type=Path, help="a built site to use, or where to build (default: temporary)")
    parser.add_argument("--rebuild", action="store_true", help="build even if --site-dir holds a site")
    parser.add_argument("--no-lighthouse", action="store_true", help="weight, CLS and first paint only")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        site = args.site_dir or Path(scratch) / "site"
        if args.rebuild or not (site / "index.html").is_file():
            print(f"building {args.root} into {site} ...", file=sys.stderr)
            build(args.root, site)
        run_lighthouse = not args.no_lighthouse and lighthouse_ready()
        server = serve_gzip.serve(site)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        rows = []
        try:
            for label, path in pages(site):
                row = {"page": label, **weigh(base + path)}
                if run_lighthouse:
                    row.update(lighthouse(base + path))
                rows.append(row)
        finally:
            server.shutdown()

    header = [
        "page",
        "KiB gzip",
        "requests",
        "index loaded",
        "CLS",
        "first paint ms",
        "LH perf",
        "LH a11y",
        "LH LCP s",
        "LH CLS",
        "LH TBT ms",
    ]

    def cells(row: dict) -> list[str]:
        lh = (
            [str(row["performance"]), str(row["accessibility"]), f"{row['lcp']:.1f}", f"{row['lh_cls']:.3f}", f"{row['tbt']:.0f}"]
            if "performance" in row
            else ["-"] * 5
        )
        return [
            row["page"],
            f"{row['bytes'] / 1024:.0f}",
            str(row["requests"]),
            "yes" if row["index"] else "no",
            f"{row['cls']:.3f}",
            f"{row['fcp']:.0f}" if row["fcp"] is not None else "-",
            *lh,
        ]

    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("| --- |" + " ---: |" * (len(header) - 1))
        for row in rows:
            print("| " + " | ".join(cells(row)) + " |")
    else:
        table = [header] + [cells(r) for r in rows]
        widths = [max(len(r[i]) for r in table) for i in range(len(header))]
        for r in table:
            print("  ".join(c.ljust(w) for c, w in zip(r, widths)))
    if not run_lighthouse:
        print("Lighthouse not run (--no-lighthouse, or npm missing)", file=sys.stderr)
    return 1 if any(row["index"] for row in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
