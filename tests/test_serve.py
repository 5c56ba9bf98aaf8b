"""`contentplan serve`: a save shows the change, and the site it serves after the rebuild is the
site a fresh build of the same plan makes; a plan with errors keeps its last good pages, with a
banner, and its errors printed as `check` prints them."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support import CONSOLE_SCRIPT

LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
WAIT = 120  # seconds to wait for a (re)build: waiting, not timing


class Serving:
    """`contentplan serve` of `root` on a free port, its log in a file."""

    def __init__(self, root: Path, log: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        self.proc = subprocess.Popen(
            [str(CONSOLE_SCRIPT), "serve", "--root", str(root), "--dev-addr", f"127.0.0.1:{self.port}"],
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )
        self.wait_for(lambda: "Serving on" in self.text())

    def text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def wait_for(self, condition) -> None:
        deadline = time.monotonic() + WAIT
        while not condition():
            assert self.proc.poll() is None, self.text()
            assert time.monotonic() < deadline, self.text()
            time.sleep(0.1)

    def rebuilt(self, count: int) -> None:
        """Wait until the server has reloaded browsers `count` times (each rebuild)."""
        self.wait_for(lambda: self.text().count("Reloading browsers") >= count)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


@pytest.fixture
def serving(make_plan, tmp_path):
    started: list[Serving] = []

    def start(root: Path) -> Serving:
        started.append(Serving(root, tmp_path / f"serve{len(started)}.log"))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def _fresh_preview(root: Path, out: Path, site_url: str) -> None:
    """What `serve` builds, made from nothing: the same config and plugin, in a new process."""
    script = f"""
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from generator import site
root = Path({str(root)!r})
path = site.config_file(root)
site._prepare()
config = load_config(config_file=str(path), site_dir={str(out)!r}, plugins=site.plugin_options(path, root=str(root)))
config.plugins.on_startup(command="serve", dirty=False)
config.site_url = {site_url!r}
build(config, serve_url={site_url!r})
config.plugins.on_shutdown()
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr


def test_a_saved_change_is_served_and_the_site_equals_a_fresh_build(make_plan, serving, tmp_path):
    root = make_plan()
    server = serving(root)
    calendar = root / "content" / "calendar" / "2026-12.yml"
    text = calendar.read_text(encoding="utf-8")
    assert "提前备好红包封面" in text
    calendar.write_text(text.replace("提前备好红包封面", "提前备好新年红包封面"), encoding="utf-8")
    server.rebuilt(1)
    status, day = server.get("days/2026-12-01/")
    assert status == 200 and "提前备好新年红包封面" in day.decode()

    fresh = tmp_path / "fresh"
    _fresh_preview(root, fresh, server.url)
    compared = 0
    for path in sorted(p for p in fresh.rglob("*") if p.is_file()):
        rel = path.relative_to(fresh).as_posix()
        status, served = server.get(rel)
        assert status == 200, rel
        if rel.endswith(".html"):
            served = LIVERELOAD.sub(b"", served)
        assert served == path.read_bytes(), f"{rel} differs from a fresh build"
        compared += 1
    assert compared > 50


def test_a_plan_with_errors_keeps_its_last_good_pages_with_a_banner(make_plan, serving):
    root = make_plan()
    server = serving(root)
    status, before = server.get("today/")
    assert status == 200 and b"contentplan-stale" not in before
    calendar = root / "content" / "calendar" / "2026-12.yml"
    good = calendar.read_text(encoding="utf-8")
    calendar.write_text(good.replace("channel: vip-group", "channel: vip-grop", 1), encoding="utf-8")
    server.rebuilt(1)
    for page in ("", "today/", "days/2026-12-01/"):
        status, body = server.get(page)
        assert status == 200, page
        assert b"contentplan-stale" in body and b"unknown-channel" in body and b"vip-grop" in body
    log = server.text()
    assert re.search(r"content/calendar/2026-12\.yml:\d+:\d+: error\[unknown-channel\]", log), log
    assert "Traceback" not in log
    calendar.write_text(good, encoding="utf-8")
    server.rebuilt(2)
    status, after = server.get("today/")
    assert status == 200 and b"contentplan-stale" not in after


def test_a_first_build_with_errors_shows_them_and_nothing_else(make_plan, serving):
    root = make_plan("unknown-channel")
    server = serving(root)
    status, home = server.get("")
    assert status == 200 and b"unknown-channel" in home
    log = server.text()
    assert "error[unknown-channel]" in log
    assert "WARNING" not in log  # no nav or link warnings about the pages the errors hold back
