"""`contentplan serve`: a save shows the change, and the site it serves after the rebuild is the
site a fresh build of the same plan makes; a plan with errors keeps its last good pages, with a
banner, and its errors printed as `check` prints them."""

from __future__ import annotations

import re
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator import offline
from generator.site_dir import MARKER
from tests.support import CONSOLE_SCRIPT

LIVERELOAD = re.compile(rb"<script>\s*var livereload = function.*?</script>(?=</body>)", re.S)
SERVING = b" data-serving"  # offline.js told not to ask for sw.js, which a preview does not write
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


def _built(root: Path, out: Path, site_url: str) -> Path:
    """`contentplan build` of the plan as it is now, published where the server serves it."""
    done = subprocess.run(
        [str(CONSOLE_SCRIPT), "build", "--root", str(root), "--site-dir", str(out), "--site-url", site_url],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return out


def _served_as_built(server: Serving, built: Path) -> int:
    """Every file `contentplan build` wrote is served with the same bytes, but for what a preview
    adds or leaves out on purpose: MkDocs' live-reload script, the mark that keeps the page from
    asking for a service worker (`data-serving`), and the offline files themselves."""
    compared = 0
    for path in sorted(p for p in built.rglob("*") if p.is_file()):
        rel = path.relative_to(built).as_posix()
        status, served = server.get(rel)
        if rel in offline.NAMES or rel == MARKER:
            assert status == 404, f"{rel}: a preview writes no offline files"
            continue
        assert status == 200, rel
        if rel.endswith(".html"):
            served = LIVERELOAD.sub(b"", served)
            assert served.count(SERVING) == 1, rel
            served = served.replace(SERVING, b"")
        assert served == path.read_bytes(), f"{rel} differs from a fresh `contentplan build`"
        compared += 1
    return compared


def test_after_each_save_the_served_site_is_the_built_site(make_plan, serving, tmp_path):
    """Saves that change one page, every page (the site's title), and which pages exist; after
    each, the server's site is byte for byte what `contentplan build` makes of the plan."""
    root = make_plan()
    server = serving(root)
    calendar = root / "content" / "calendar" / "2026-12.yml"
    site_yml = root / "content" / "site.yml"
    calendar_text, site_text = calendar.read_text(encoding="utf-8"), site_yml.read_text(encoding="utf-8")
    assert "提前备好红包封面" in calendar_text and "title: 汤家老坊 · 测试计划" in site_text
    assert "date: 2026-12-30" in calendar_text and "2026-12-31" not in calendar_text
    saves = [
        (calendar, calendar_text.replace("提前备好红包封面", "提前备好新年红包封面"), "days/2026-12-01/", "提前备好新年红包封面"),
        (
            site_yml,
            site_text.replace("title: 汤家老坊 · 测试计划", "title: 汤家老坊 · 新计划"),
            "days/2026-12-05/",
            "汤家老坊 · 新计划",
        ),
        (calendar, calendar_text.replace("date: 2026-12-30", "date: 2026-12-31"), "days/2026-12-31/", "冬天温酒的三种方法"),
    ]
    for count, (path, text, page, shown) in enumerate(saves, start=1):
        path.write_text(text, encoding="utf-8")
        server.rebuilt(count)
        status, body = server.get(page)
        assert status == 200 and shown in body.decode(), page
        built = _built(root, tmp_path / f"built{count}", server.url)
        assert _served_as_built(server, built) > 50
    assert server.get("days/2026-12-30/")[0] == 404  # the day that has no post any more
    assert "Traceback" not in server.text()


def test_a_plan_with_errors_keeps_its_last_good_pages_with_a_banner(make_plan, serving, tmp_path):
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
    status, index = server.get("search/search_index.json")
    assert status == 200 and b"error[unknown-channel]" not in index  # the banner is no text to search
    log = server.text()
    assert re.search(r"content/calendar/2026-12\.yml:\d+:\d+: error\[unknown-channel\]", log), log
    assert "Traceback" not in log
    calendar.write_text(good, encoding="utf-8")
    server.rebuilt(2)
    status, after = server.get("today/")
    assert status == 200 and b"contentplan-stale" not in after
    assert _served_as_built(server, _built(root, tmp_path / "built", server.url)) > 50


def test_a_first_build_with_errors_shows_them_and_nothing_else(make_plan, serving):
    root = make_plan("unknown-channel")
    server = serving(root)
    status, home = server.get("")
    assert status == 200 and b"unknown-channel" in home
    log = server.text()
    assert "error[unknown-channel]" in log
    assert "WARNING" not in log  # no nav or link warnings about the pages the errors hold back


def test_a_rebuild_makes_again_only_the_pages_a_save_changed(make_plan, tmp_path, monkeypatch):
    """serve's rebuilds, in this process as serve runs them: with nothing changed, no page is
    converted, indexed for search or laid out by the theme again; after a save that changes one
    post's note, only the pages that show it are; an error and its fix make none again (the last
    good pages, with the banner put in). That what is reused is right: the tests above."""
    import markdown
    from material.plugins.search.plugin import SearchIndex
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator import site

    made = {"converted": 0, "indexed": 0}
    convert, index = markdown.Markdown.convert, SearchIndex.add_entry_from_context

    def counted(name, function):
        def call(self, *args):
            made[name] += 1
            return function(self, *args)

        return call

    monkeypatch.setattr(markdown.Markdown, "convert", counted("converted", convert))
    monkeypatch.setattr(SearchIndex, "add_entry_from_context", counted("indexed", index))
    root = make_plan()
    path, url = site.config_file(root), "http://127.0.0.1:8000/"

    def config():
        loaded = load_config(
            config_file=str(path), site_dir=str(tmp_path / "site"), plugins=site.plugin_options(path, root=str(root))
        )
        loaded.site_url = url
        return loaded

    def rebuild(first=None) -> dict:
        made.update(converted=0, indexed=0)
        build(first or config(), serve_url=url)
        return {**made, "laid out": first_config.plugins["contentplan"]._outputs.kept.made}

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # else a save dates every page anew (its sitemap date)
    first_config = config()
    first_config.plugins.on_startup(command="serve", dirty=False)
    try:
        pages = rebuild(first_config)
        assert pages["converted"] > 20 and pages["laid out"] == pages["converted"]
        assert rebuild() == {"converted": 0, "indexed": 0, "laid out": 0}
        calendar = root / "content" / "calendar" / "2026-12.yml"
        calendar.write_text(
            calendar.read_text(encoding="utf-8").replace("提前备好红包封面", "提前备好新年红包封面"), encoding="utf-8"
        )
        again = rebuild()
        assert 1 <= again["converted"] <= 3 and again["indexed"] == again["converted"] == again["laid out"], again
        good = calendar.read_text(encoding="utf-8")
        calendar.write_text(good.replace("channel: vip-group", "channel: vip-grop", 1), encoding="utf-8")
        assert rebuild() == {"converted": 0, "indexed": 0, "laid out": 0}  # the last good pages, a banner put in
        assert b"contentplan-stale" in (tmp_path / "site" / "today" / "index.html").read_bytes()
        calendar.write_text(good, encoding="utf-8")
        assert rebuild() == {"converted": 0, "indexed": 0, "laid out": 0}  # fixed: the very pages again
        assert b"contentplan-stale" not in (tmp_path / "site" / "today" / "index.html").read_bytes()
    finally:
        first_config.plugins.on_shutdown()
