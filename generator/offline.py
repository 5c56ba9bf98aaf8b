"""The site with no signal: the service worker (sw.js) and what it keeps ahead (offline.json).

Both are written into the built site after everything else (the worker's VERSION is a hash of
every file the build wrote, so a new build is a new sw.js, which phones notice on their next
load with signal). What the worker does is in offline_worker.js; the page's side in
overrides/assets/contentplan/offline.js.

offline.json lists, for the worker to fetch ahead:
- `shell`: the theme's and our styles, scripts and icons, as the built home page links them;
- `pages`: home and /today/;
- `days`: each day with posts → its page, and its posts' attachments and their thumbnails;
- `timezone`: the plan's, in which the worker works out today.
Nothing in it depends on the day of the build: which days are kept is decided on the phone.
"""

from __future__ import annotations

import hashlib
import json
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from .context import shows_as_picture
from .model import Plan
from .urls import built_url, url_for

WORKER = Path(__file__).with_name("offline_worker.js")
WORKER_NAME = "sw.js"
MANIFEST_NAME = "offline.json"
NAMES = (WORKER_NAME, MANIFEST_NAME)  # a site's own file of either name is never overwritten
OWN_ASSETS = Path(__file__).parent / "overrides" / "assets" / "contentplan"


def assets_version() -> str:
    """A short hash of our own scripts and styles: their links carry it (?v=), so a page of a
    new build never runs with a kept copy of the last build's script."""
    digest = hashlib.sha256()
    for path in sorted(OWN_ASSETS.iterdir()):
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


class _Links(HTMLParser):
    """The files a page loads by itself: stylesheets, icons, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "").lower() in (
            "stylesheet",
            "icon",
            "shortcut icon",
            "apple-touch-icon",
            "manifest",
        ):
            self.found.append(values.get("href") or "")
        elif tag == "script" and values.get("src"):
            self.found.append(values.get("src") or "")


def shell(home_html: str) -> list[str]:
    """The site's own files the home page (at the site's root) loads, as paths from the root."""
    parser = _Links()
    parser.feed(home_html)
    out = set()
    for link in parser.found:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith(("/", "..")):
            continue  # another origin, or outside the site: not the worker's to keep
        out.add(parts.path.removeprefix("./") + (f"?{parts.query}" if parts.query else ""))
    return sorted(out)


def manifest(plan: Plan, shell_files: list[str], directory_urls: bool = True) -> bytes:
    days: dict[str, set[str]] = {}
    for post in plan.posts:
        keep = days.setdefault(post.date.isoformat(), {built_url("day", post.date, directory_urls=directory_urls)})
        for rel in post.attach:
            if rel not in plan.unsafe_attachments:
                keep.add(url_for("attachment", rel))  # each segment percent-encoded
                if shows_as_picture(plan, rel):  # and the card's picture (none if unreadable: skipped)
                    keep.add(url_for("thumbnail", rel))
    data = {
        "timezone": plan.site.timezone if plan.site else "UTC",
        "shell": shell_files,
        "pages": [built_url("home", directory_urls=directory_urls) or "./", built_url("today", directory_urls=directory_urls)],
        "days": {day: sorted(urls) for day, urls in sorted(days.items())},
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def site_version(site: Path, manifest_bytes: bytes) -> str:
    """A hash of every file of the built site (names and bytes, in sorted order) and the manifest."""
    digest = hashlib.sha256(manifest_bytes)
    for path in sorted(p for p in site.rglob("*") if p.is_file() and not p.is_symlink()):
        rel = path.relative_to(site).as_posix()
        if rel in (WORKER_NAME, MANIFEST_NAME):
            continue
        digest.update(rel.encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()[:20]


def write(site: Path, plan: Plan, directory_urls: bool = True) -> list[Path]:
    """Write offline.json and sw.js into the built `site`; the paths written."""
    home = site / "index.html"
    home_html = home.read_text(encoding="utf-8") if home.is_file() else ""
    data = manifest(plan, shell(home_html), directory_urls)
    version = site_version(site, data)
    worker = WORKER.read_text(encoding="utf-8").replace("__VERSION__", version)
    written = []
    for name, content in ((MANIFEST_NAME, data), (WORKER_NAME, worker.encode("utf-8"))):
        target = site / name
        target.write_bytes(content)
        written.append(target)
    return written
