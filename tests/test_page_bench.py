"""The page benchmark of issue 17 (bench/page_bench.py) runs small in CI, so a broken benchmark
shows: the phone fixture plan, served gzip-compressed, weighed in chromium without Lighthouse.
It measures and does not gate, except that no page may fetch the search index before search."""

from __future__ import annotations

import gzip
import subprocess
import sys
import urllib.request
from pathlib import Path

from tests.support import load_script, needs_chromium

PROJECT = Path(__file__).resolve().parent.parent
BENCH = PROJECT / "bench"
FIXTURE = Path(__file__).parent / "fixtures" / "phone"


@needs_chromium
def test_the_page_benchmark_runs_on_a_small_plan(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            str(BENCH / "page_bench.py"),
            "--root",
            str(FIXTURE),
            "--site-dir",
            str(tmp_path / "site"),
            "--no-lighthouse",
            "--markdown",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=PROJECT,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")][2:]
    assert [row.split(" | ")[0] for row in rows] == ["| home", "| /today/", "| busiest day (2026-12-02)"]
    for row in rows:
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert int(cells[1]) > 0 and int(cells[2]) > 0  # bytes and requests were counted
        assert cells[3] == "no"  # the search index waits for search


def test_the_server_compresses_text_as_pages_does(tmp_path):
    serve_gzip = load_script(BENCH / "serve_gzip.py")
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<p>你好</p>" * 200, encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"\x89PNG" + bytes(100))
    server = serve_gzip.serve(tmp_path)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        request = urllib.request.Request(base + "page/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode("utf-8") == "<p>你好</p>" * 200
        with urllib.request.urlopen(urllib.request.Request(base + "a.png", headers={"Accept-Encoding": "gzip"})) as r:
            assert r.headers["Content-Encoding"] is None  # a picture goes as it is
        with urllib.request.urlopen(base + "page/") as response:  # a client that does not ask
            assert response.headers["Content-Encoding"] is None
    finally:
        server.shutdown()
