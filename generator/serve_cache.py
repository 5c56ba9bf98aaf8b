"""What `serve` keeps from one rebuild to the next, so that a save shows in about a second:
a save changes a few pages' Markdown, and MkDocs would convert every page again, index every
page for search again (jieba, the slowest part) and compile the theme's templates again.

- `Pages`: the HTML MkDocs made of a page, by a hash of everything it was made from (the
  page's Markdown, its place, the site's files, the Markdown configuration). A page whose
  hash is known is not converted again.
- `SearchEntries`: the search index's entries for a page, by a hash of what the search
  plugin reads (the page's HTML, address, title, table of contents, meta; the plan's words
  for jieba).
- `Templates`: the theme's compiled templates (Jinja's bytecode cache, in memory).

Each keeps only what the last build used. The served site is the site a fresh build makes:
tests/test_serve.py compares them page by page. `build` uses Pages and SearchEntries too: what
a forked copy converted and indexed is adopted by key (page_share.py). MkDocs-specific:
plugin.py calls it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import jinja2


def _digest(*parts: object) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else str(part).encode("utf-8", "surrogatepass"))
        hasher.update(b"\0")
    return hasher.hexdigest()


class Pages:
    def __init__(self) -> None:
        self._kept: dict[str, tuple] = {}
        self._used: dict[str, tuple] = {}
        self._site = ""
        self.keeping = True  # `build` keeps none of its own pages, only a copy's (page_share.py)

    def made(self) -> dict[str, tuple]:
        """What this build converted, by key (page_share.py: the copy's pages)."""
        return dict(self._used)

    def adopt(self, found: dict[str, tuple]) -> None:
        """Conversions made elsewhere (page_share.py), for this build's reuse()."""
        self._kept.update(found)

    def start(self, config, files) -> None:
        """A new build: what its pages are converted with."""
        self._kept, self._used = self._used, {}
        self._site = _digest(
            sorted((f.src_uri, f.dest_uri, f.url) for f in files),
            repr(config.markdown_extensions),
            json.dumps(config.mdx_configs, sort_keys=True, default=repr),
            config.use_directory_urls,
        )

    def reuse(self, page, markdown: str, files) -> None:
        """Before MkDocs converts `page`: when its HTML is known, it is set instead."""
        key = _digest(self._site, page.file.src_uri, markdown)
        page._contentplan_key = key
        kept = self._kept.get(key)
        if kept is None:
            return
        content, toc, title, anchors, links = kept

        def render(config, files) -> None:  # instead of Page.render, for this page of this build
            page.content, page.toc, page._title_from_render = content, toc, title
            page.present_anchor_ids = set(anchors) if anchors is not None else None
            if links is not None:
                current = {}
                for linked, found in links.items():
                    now = files.get_file_from_path(linked)
                    if now is not None:
                        current[now] = dict(found)
                page.links_to_anchors = current

        page.render = render

    def keep(self, page) -> None:
        """After MkDocs converted (or this set) `page`'s HTML."""
        key = getattr(page, "_contentplan_key", None)
        if key is None or not self.keeping:
            return
        links = page.links_to_anchors
        self._used[key] = (
            page.content,
            page.toc,
            page._title_from_render,
            None if page.present_anchor_ids is None else frozenset(page.present_anchor_ids),
            None if links is None else {f.src_uri: dict(found) for f, found in links.items()},
        )


class SearchEntries:
    def __init__(self) -> None:
        self._kept: dict[str, list] = {}
        self._used: dict[str, list] = {}
        self._add: Any = None

    def add(self, page) -> None:
        """Index `page` as search's on_page_context does (page_share.py: in the copy)."""
        if self._add is not None:
            self._add(page)

    def made(self) -> dict[str, list]:
        return dict(self._used)

    def adopt(self, found: dict[str, list]) -> None:
        self._kept.update(found)

    def wrap(self, search_plugin, words: list[str]) -> None:
        """Around the search plugin's index of this build: a page's entries, once."""
        index = getattr(search_plugin, "search_index", None)
        if index is None or not hasattr(index, "add_entry_from_context"):
            return
        self._kept, self._used = self._used, {}
        settings = {k: v for k, v in dict(search_plugin.config).items() if k != "jieba_dict_user"}  # a new temp file each build
        plan_words = _digest(sorted(w for w in words if isinstance(w, str)), json.dumps(settings, sort_keys=True, default=repr))
        add = index.add_entry_from_context

        def add_entry_from_context(page) -> None:
            key = _digest(
                plan_words,
                page.url,
                page.title,
                page.content,
                _toc(page.toc),
                json.dumps(page.meta, sort_keys=True, default=repr),
            )
            kept = self._kept.get(key)
            if kept is None:
                before = len(index.entries)
                add(page)
                kept = index.entries[before:]
            else:
                index.entries.extend(kept)
            self._used[key] = kept

        index.add_entry_from_context = self._add = add_entry_from_context


def _toc(items: Any) -> list:
    return [(item.title, item.url, item.level, _toc(item.children)) for item in (items or [])]


class Templates(jinja2.BytecodeCache):
    """Jinja's compiled templates, in memory: the theme's templates change only with the theme
    (a bucket's key holds the template's name and the checksum of its source)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key + bucket.checksum] = bucket.bytecode_to_string()
