"""The browser's JavaScript, outside the browser (issue 18, point 5).

- The checklist's pure logic (generator/overrides/assets/contentplan/logic.js: the page JSON
  checked, dates in the plan's zone, progress, filters, the counts and the day report) has unit
  tests in tests/js/*.test.js, run by node's own test runner (`node --test`).
- Every script the site ships parses as ES5, the syntax it promises (WeChat's in-app browser,
  old WebViews): tools/jscheck/run.cjs parses each with acorn at ecmaVersion 5. The scripts
  are generator/overrides/assets/contentplan/*.js, the service worker (offline_worker.js) and
  the script main.html writes into every page.

node runs the unit tests; acorn comes from npm into tools/jscheck (`python3 tasks.py test`
installs it). Without them these tests skip, and fail under CI=true.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
UNIT_TESTS = sorted((PROJECT / "tests" / "js").glob("*.test.js"))
JSCHECK = PROJECT / "tools" / "jscheck"
ASSETS = PROJECT / "generator" / "overrides" / "assets" / "contentplan"
MAIN_HTML = PROJECT / "generator" / "overrides" / "main.html"
SHIPPED = [*sorted(ASSETS.glob("*.js")), PROJECT / "generator" / "offline_worker.js"]


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing: `python3 tasks.py test` installs it")
    pytest.skip(f"{what} not installed (`python3 tasks.py test` installs it)")


def _node() -> str:
    node = shutil.which("node")
    if not node:
        _missing("node")
    return node


def _jscheck(*files: Path) -> subprocess.CompletedProcess:
    node = _node()
    if not (JSCHECK / "node_modules" / "acorn").is_dir():
        _missing("acorn (npm ci in tools/jscheck)")
    return subprocess.run(
        [node, str(JSCHECK / "run.cjs"), *map(str, files)], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def test_the_unit_tests_of_the_browsers_logic_pass():
    assert len(UNIT_TESTS) >= 3
    # the files named (not the folder): node before 21 and after read a folder differently
    done = subprocess.run(
        [_node(), "--test", "--test-reporter=tap", *map(str, UNIT_TESTS)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        cwd=PROJECT,
    )
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    counts = dict(re.findall(r"^# (tests|pass|fail) (\d+)$", done.stdout, flags=re.M))
    assert int(counts["tests"]) >= 30 and counts["fail"] == "0" and counts["pass"] == counts["tests"], done.stdout[-2000:]


def test_every_shipped_script_is_es5(tmp_path):
    assert {p.name for p in SHIPPED} >= {"contentplan.js", "logic.js", "offline.js", "search.js", "offline_worker.js"}
    # and the script main.html writes into every page (the remembered filter, before paint)
    inline = re.findall(r"<script>(.*?)</script>", MAIN_HTML.read_text(encoding="utf-8"), flags=re.S)
    assert inline, "main.html's own script is gone: this test reads it"
    pieces = []
    for number, text in enumerate(inline):
        assert "{{" not in text and "{%" not in text, "main.html's script is checked as it is: no template in it"
        piece = tmp_path / f"main-html-{number}.js"
        piece.write_text(text, encoding="utf-8")
        pieces.append(piece)
    done = _jscheck(*SHIPPED, *pieces)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count(": ES5\n") == len(SHIPPED) + len(pieces)


@pytest.mark.parametrize(
    "newer",
    [
        "var f = () => 1;",
        "let x = 1;",
        "const x = 1;",
        "var s = `x`;",
        "class A {}",
        "var o = {a() { return 1; }};",
        "var {a} = {a: 1};",
        "function f(a = 1) { return a; }",
        "for (var x of []) {}",
        "f(...[1]);",
        "async function f() {}",
        "var a = 1 ** 2;",
        "var o = {a, b};",
    ],
)
def test_the_es5_check_finds_newer_syntax(tmp_path, newer):
    script = tmp_path / "newer.js"
    script.write_text(f'"use strict";\n{newer}\n', encoding="utf-8")
    done = _jscheck(script)
    assert done.returncode == 1 and f"{script}:2:" in done.stdout and "not ES5" in done.stdout, done.stdout


def test_the_page_loads_the_logic_before_the_checklist():
    html = MAIN_HTML.read_text(encoding="utf-8")
    logic, checklist = html.find("assets/contentplan/logic.js"), html.find("assets/contentplan/contentplan.js")
    assert 0 <= logic < checklist
