"""`contentplan build` on two cores: a forked copy of the build converts a share of the pages.

MkDocs converts each page's Markdown (about 60% of a big site's build) and indexes it for search
(about 30%) one page after another, on one core. When the site has at least MIN_PAGES pages and
a second core is free (parallel.beside: never while serving), the plugin's on_nav forks: the
copy runs MkDocs' own populate step (on_pre_page, read, on_page_markdown, render,
on_page_content of every plugin) and search's indexing for the last SHARE of the pages, by size,
while this process converts the rest. At the first page of the copy's share this process takes
what the copy made:

- each page's conversion (serve_cache.Pages, by a hash of the page's Markdown, its place, the
  site's files and the Markdown settings),
- each page's search entries (serve_cache.SearchEntries, by a hash of what search reads),
- the copy's log lines, logged here in the pages' order (so --strict counts them).

A page is then set from the copy only when this process's own Markdown of it, and later what
search reads of it, hash the same; anything else is converted here as usual. So the site is byte
for byte the one a single process builds (tests/test_page_share.py). MkDocs-specific: plugin.py
calls it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from . import parallel, serve_cache
from .i18n import _n

SHARE = 0.45  # of the pages' Markdown, by size: the copy also indexes its pages for search
MIN_PAGES = 50  # fewer: the fork costs more than it saves
log = logging.getLogger("mkdocs.plugins.contentplan")
LOGGER = "mkdocs"  # the copy's records under it are sent back; MkDocs counts warnings here


def worth_it(pages: int) -> bool:
    """Whether a build of `pages` pages shares them: big enough, and a second core to share with."""
    return pages >= MIN_PAGES and parallel.cores() >= 2


class PageShare:
    def __init__(self, pages: serve_cache.Pages, search: serve_cache.SearchEntries) -> None:
        self.pages, self.search = pages, search
        self._later: Callable[[], tuple[dict, dict, list] | None] | None = None
        self._theirs: set[str] = set()  # src_uri of the pages the copy converts

    def start(self, config, files) -> bool:
        """Fork the copy for the last SHARE of the pages MkDocs is about to populate; False when
        the site is too small or there is no second core (then nothing changes)."""
        try:
            from mkdocs.commands.build import _populate_page
            from mkdocs.structure.files import InclusionLevel
            from mkdocs.structure.pages import Page
        except ImportError:  # another MkDocs: convert everything here
            return False
        docs = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
        if not worth_it(len(docs)):
            return False
        sizes = [_size(file) for file in docs]
        total, kept, cut = sum(sizes), 0, len(docs)
        while cut > 0 and kept + sizes[cut - 1] <= total * SHARE:
            cut -= 1
            kept += sizes[cut]
        theirs = docs[cut:]
        if not theirs:
            return False
        parent = os.getpid()

        def work() -> tuple[dict, dict, list] | None:
            if os.getpid() == parent:  # no copy (or it failed): this process converts them itself
                return None
            records = _capture()
            self.pages.keeping = True
            for file in theirs:
                page = file.page if file.page is not None else Page(None, file, config)
                _populate_page(page, config, files)
                self.search.add(page)
            return self.pages.made(), self.search.made(), records

        self._theirs = {file.src_uri for file in theirs}
        self._later = parallel.beside(work)
        if self._later is work:  # no fork here
            self._later, self._theirs = None, set()
            return False
        log.info(
            _n(
                "contentplan: {n} of {total} pages is converted in a second process",
                "contentplan: {n} of {total} pages are converted in a second process",
                len(theirs),
                total=len(docs),
            )
        )
        return True

    def before(self, page) -> None:
        """Before this process converts `page`: at the copy's first page, take what it made."""
        if self._later is None or page.file.src_uri not in self._theirs:
            return
        later, self._later = self._later, None
        got = later()
        if not got:
            return
        pages, entries, records = got
        self.pages.adopt(pages)
        self.search.adopt(entries)
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)

    def close(self) -> None:
        """After the build, or when it failed: the copy is waited for, never left behind."""
        later, self._later = self._later, None
        if later is not None:
            later()


def _size(file) -> int:
    try:
        return len(file.content_bytes)  # a generated page's Markdown is in memory; a guide is read
    except (OSError, TypeError):
        return 0


class _Records(logging.Handler):
    def __init__(self, into: list) -> None:
        super().__init__(logging.DEBUG)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append((record.name, record.levelno, record.getMessage()))


def _capture() -> list:
    """In the copy: MkDocs' records are kept, to be logged by this process, not printed."""
    records: list = []
    logger = logging.getLogger(LOGGER)
    logger.handlers[:] = [_Records(records)]
    logger.propagate = False
    return records
