"""tasks.py passes a stop on to what it started: a `serve` never outlives it or keeps its port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.support import CONSOLE_SCRIPT, PROJECT

# A stand-in for `contentplan serve`: listens on a port until stopped.
LISTENER = """
import socket, sys, time
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", 0))
server.listen()
print(server.getsockname()[1], flush=True)
time.sleep(600)
"""
RUNNER = "import sys; sys.path.insert(0, sys.argv[1]); import tasks; sys.exit(tasks.run(sys.executable, '-c', sys.argv[2]))"


def _children(pid: int) -> list[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in found.split()]


def _gone(pid: int) -> bool:
    deadline = time.monotonic() + 30  # waiting for it to stop, not timing it
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="ps --ppid is Linux's")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["term", "int", "hup"])
def test_a_stop_reaches_the_command_and_frees_its_port(stop):
    runner = subprocess.Popen(
        [sys.executable, "-c", RUNNER, str(PROJECT), LISTENER],
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(
            signal.SIGHUP, signal.SIG_DFL
        ),  # as from a terminal, even when the tests run under nohup
    )
    try:
        port = int(runner.stdout.readline())  # the command is up
        [child] = _children(runner.pid)
        runner.send_signal(stop)  # to tasks.py alone, as a stop button or `kill` sends it
        runner.wait(timeout=60)
        assert _gone(child), "the command outlived tasks.py"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", port))  # free again
    finally:
        if runner.poll() is None:
            runner.kill()


@pytest.mark.skipif(os.name == "nt" or sys.platform == "darwin", reason="ps --ppid is Linux's")
@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["term", "int"])
def test_a_stop_ends_contentplan_serve_and_frees_its_port(stop, make_plan):
    """The same with the real `contentplan serve` as the command (`python3 tasks.py serve`)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(CONSOLE_SCRIPT), "serve", "--root", str(make_plan()), "--dev-addr", f"127.0.0.1:{port}"]
    code = "import sys; sys.path.insert(0, sys.argv[1]); import tasks; sys.exit(tasks.run(*sys.argv[2:]))"
    runner = subprocess.Popen(
        [sys.executable, "-c", code, str(PROJECT), *command], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 120  # waiting for the first build, not timing it
        while True:
            assert runner.poll() is None and time.monotonic() < deadline, "serve did not start"
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        [child] = _children(runner.pid)
        runner.send_signal(stop)
        runner.wait(timeout=60)
        assert _gone(child), "contentplan serve outlived tasks.py"
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as serve binds: TIME_WAIT is free
            probe.bind(("127.0.0.1", port))
    finally:
        if runner.poll() is None:
            runner.kill()
