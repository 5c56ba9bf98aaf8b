"""Where every page of the site stands, and the one way an id or a file name becomes a link.

Pages are Markdown sources (`days/2026-12-01.md`); MkDocs turns links between them into the
built URLs. The few links the browser makes by itself (today's page, the next day with posts)
need the built URL, which `built_pattern` gives from the same table.
"""

from __future__ import annotations

import functools
from datetime import date
from urllib.parse import quote

_ROUTES = {
    "home": "index.md",
    "today": "today.md",
    "calendar": "calendar/index.md",
    "tags": "tags.md",
    "playbooks": "playbooks/index.md",
    "channels": "channels/index.md",
    "campaigns": "campaigns/index.md",
    "day": "days/{}.md",
    "month": "calendar/{}.md",
    "playbook": "playbooks/{}.md",
    "channel": "channels/{}.md",
    "campaign": "campaigns/{}.md",
    "attachment": "content/{}",
    "subscribe": "subscribe.md",
    "rules": "rules.md",
    "rhythm": "rhythm.md",
    "people": "people/index.md",
    "person": "people/{}.md",
    # files the site carries as they are (not pages): feeds and day exports
    "feed": "calendar.ics",
    "channel_feed": "channels/{}.ics",
    "person_feed": "people/{}.ics",
    "day_markdown": "days/{}.md",
    "day_json": "days/{}.json",
    "thumbnail": "thumbnails/{}.jpg",  # an image attachment's card picture (thumbnails.py), by its path
}
FILE_KINDS = frozenset({"attachment", "feed", "channel_feed", "person_feed", "day_markdown", "day_json", "thumbnail"})


def page_path(kind: str, key: object = None) -> str:
    """Where the page (or attachment) of `kind` stands in the site's sources, e.g. days/2026-12-01.md."""
    route = _ROUTES[kind]
    if "{}" not in route:
        return route
    return route.format(key.isoformat() if isinstance(key, date) else key)


def depth_of(path: str) -> int:
    """How many folders down a page stands: index.md 0, days/2026-12-01.md 1."""
    return path.count("/")


@functools.lru_cache(maxsize=65536)
def url_for(kind: str, key: object = None, fragment: str | None = None, *, depth: int = 0) -> str:
    """The link to `kind`/`key` (#`fragment`) from a page `depth` folders down: relative, each
    path segment and the fragment percent-encoded, so no id or file name is read as Markdown or
    HTML. Cached: a year's plan has ~200,000 links, most of them to the same few hundred pages.

    Every generated page stands at depth 0 or 1, so a link made for depth 1 (`../days/….md`)
    works from any page one folder down, whichever folder: a post's links are made once."""
    url = "/".join(quote(segment, safe="") for segment in page_path(kind, key).split("/"))
    return "../" * depth + url + ("#" + quote(fragment, safe="") if fragment else "")


def built_url(kind: str, key: object = None, fragment: str | None = None, *, directory_urls: bool = True) -> str:
    """The URL of a built page or file from the site's root (`days/2026-12-01/#id`), for what
    MkDocs does not rewrite: links the browser or the theme makes, feeds and exports."""
    key = key.isoformat() if isinstance(key, date) else key
    pattern = built_pattern(kind, directory_urls)
    url = pattern.replace("{key}", quote(str(key), safe="")) if "{key}" in pattern else pattern
    return url + ("#" + quote(fragment, safe="") if fragment else "")


def built_pattern(kind: str, directory_urls: bool = True) -> str:
    """The built URL of `kind`'s pages from the site root, with `{key}` for the key, e.g.
    `days/{key}/`: for links the browser makes (today's page is known only there)."""
    source = _ROUTES[kind].replace("{}", "{key}")
    if kind in FILE_KINDS:
        return source
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/" if directory_urls else stem + ".html"
