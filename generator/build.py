"""One build of a plan, whatever engine renders its pages (today MkDocs: plugin.py is the adapter).

    b = prepare(root, site_dir, Options(...))   # before the engine: check, stamp, compile
    ...the engine renders b.content.pages, carries b.engine_files() and b.content.attachments...
    b.finish()                                  # after it: search index, day exports, offline files

`prepare` checks the plan (or takes the report of a check just made), works out the build's
fixed time (SOURCE_DATE_EPOCH, else when the plan last changed: history.py; never the clock, so
the same plan builds to the same bytes) and compiles the plan (compile.py): pages, calendar
feeds, thumbnails and day exports. `finish` writes into the built site what the engine does not
know of. Knows nothing of MkDocs.
"""

from __future__ import annotations

import gc
import html
import logging
import sys
import threading
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from . import offline, report, search_index
from .check import CheckResult, check
from .compile import OutputFile, SiteContent, compile_site, problems_page
from .escape import theme_text
from .history import build_epoch, last_changes
from .i18n import _, _n, language
from .kept import Kept
from .model import Plan
from .network import LIBRARY, member_base
from .site_dir import placement_problem

_log = logging.getLogger("contentplan")
MAX_BANNER_LINES = 10  # a preview's banner of errors: the terminal has them all
EPOCH_FALLBACK = 946684800  # 2000-01-01: the stamp of a plan nothing is known of


class BuildError(Exception):
    """The build cannot go on; the message, for the author, says why."""


@dataclass(frozen=True)
class Options:
    directory_urls: bool = True  # days/2026-12-01/, else days/2026-12-01.html
    site_url: str | None = None  # where the site is published (the feeds' links)
    preview: bool = False  # `serve`: a plan with errors shows its problems; no offline files
    title: str = "contentplan"  # the site's title when the plan has no site.yml to give one
    member: str | None = None  # a network's member whose site this is (network.py); root is the network's


@dataclass
class Build:
    root: Path
    out: Path
    options: Options
    report: CheckResult
    content: SiteContent
    compiled: bool  # the plan's pages, not the page of its problems
    page_date: str | None  # every page's date (a sitemap's); None: the engine takes SOURCE_DATE_EPOCH
    inform: Callable[[str], None]
    # A preview of a plan with errors that shows the last good build's pages: the errors' lines,
    # for a banner on every page (stale_banner).
    stale: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The site's title, as the theme may print it."""
        site = self.report.plan.site
        return theme_text(site.title) if site else self.options.title

    @property
    def language(self) -> str | None:
        site = self.report.plan.site
        return site.language if site else None

    def sources(self) -> list[Path]:
        """The plan's folders, which a preview watches to build again (a member's: its own and
        the library's)."""
        bases = [self.root]
        if self.options.member:
            bases = [self.root / member_base(self.options.member), self.root / LIBRARY]
        return [folder for base in bases for folder in (base / "content", base / "playbooks") if folder.is_dir()]

    def banner(self) -> str:
        """HTML to put above every page of a preview that shows the last good pages (`stale`):
        what is wrong, as `check` says it, and that these pages are not the plan as it is."""
        if not self.stale:
            return ""
        with language(self.report.language):
            title = _("The plan has errors. These pages are from its last build without errors; fix these and save:")
            more = len(self.stale) - MAX_BANNER_LINES
            lines = self.stale[:MAX_BANNER_LINES] + ([_n("… and {n} more", "… and {n} more", more)] if more > 0 else [])
        return (
            '<div class="admonition failure contentplan-stale" role="alert">'
            f'<p class="admonition-title">{html.escape(title)}</p>'
            f"<pre><code>{html.escape(chr(10).join(lines))}</code></pre></div>\n"
        )

    def engine_files(self) -> list[OutputFile]:
        """The files the engine carries as they are: calendar feeds and thumbnails (pages link to
        them), not the exports, which `finish` writes."""
        return [output for output in self.content.files if not output.export]

    def finish(self, own: Collection[str] = ()) -> None:
        """After the engine has built the site into `out`: fix its search index, write the day
        exports, then the offline files. `own`: paths of the built site that came from the site's
        own sources; a service worker or manifest there is never overwritten."""
        site = self.out.resolve()
        search_index.fix_index(site / search_index.INDEX, self.content.words, self.content.search_prefixes)
        for output in self.content.files:
            if output.export:
                target = (site / output.path).resolve()
                if target.is_relative_to(site):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(output.content)
        # Last: the service worker's version is a hash of everything written above. Not for a
        # preview (a worker would keep pages the author is editing), nor for a plan in error.
        if self.options.preview or not self.compiled:
            return
        taken = sorted(set(own) & set(offline.NAMES))
        if taken:
            self.inform(f"contentplan: the site has its own {', '.join(taken)}; the pages will not open offline")
            return
        offline.write(site, self.report.plan, self.options.directory_urls)


def prepare(
    root: Path,
    out: Path,
    options: Options = Options(),
    *,
    checked: CheckResult | None = None,
    inform: Callable[[str], None] = _log.info,
    last_good: Build | None = None,
    kept: Kept | None = None,
) -> Build:
    """Check and compile the plan at `root` for a site built into `out`. `checked`: the report of a
    check just made of that plan, used instead of checking again; `inform`: where the plan's
    warnings and other notes go; `kept`: a preview's, what the last compile made (compile_site).
    BuildError when `out` may not hold the site, SOURCE_DATE_EPOCH
    is unusable, the plan cannot be read, or it has errors (but for a preview).

    A preview (`serve`) checks with the check cache, prints a plan's errors as `check` does, and
    keeps showing `last_good`'s pages (its last build without errors) with a banner naming
    them; with none yet, a page of the problems."""
    root = Path(root).resolve()
    misplaced = placement_problem(root, Path(out))
    if misplaced:
        raise BuildError(f"contentplan: {misplaced}")
    plan_root = root / member_base(options.member) if options.member else root
    if checked is None or Path(checked.plan.root).resolve() != plan_root:
        try:
            checked = check(root, cache=options.preview, member=options.member)
        except (FileNotFoundError, OSError) as exc:
            raise BuildError(f"contentplan: {exc}") from None
    errors = [p for p in checked.problems if p.severity == "error"]
    for problem in checked.problems:
        if problem.severity != "error":
            inform(report.text([problem]).rstrip())
    if errors:
        with language(checked.language):
            head = _n("contentplan: the plan has {n} error:", "contentplan: the plan has {n} errors:", len(errors))
        if not options.preview:
            raise BuildError(head + "\n" + report.text(errors).rstrip())
        print(head + "\n" + report.text(errors).rstrip(), file=sys.stderr, flush=True)  # as `check` says them
        if last_good is not None and last_good.compiled:
            return replace(last_good, stale=report.text(errors).splitlines())
    plan, epoch = checked.plan, _epoch()
    changed = last_changes(root, plan_files(plan), epoch)
    stamp = datetime.fromtimestamp(epoch if epoch is not None else max(changed.values(), default=0) or EPOCH_FALLBACK, UTC)
    build = Build(
        root,
        Path(out),
        options,
        checked,
        SiteContent(),
        not errors,
        None if epoch is not None else stamp.strftime("%Y-%m-%d"),
        inform,
    )
    if errors:
        build.content = SiteContent(pages=[problems_page(report.text(checked.problems).splitlines(), build.title)])
    else:
        with language(checked.language):  # the rules page speaks the plan's language
            build.content = compile_site(
                plan, directory_urls=options.directory_urls, site_url=options.site_url, stamp=stamp, changed=changed, kept=kept
            )
    return build


# --- what a preview keeps between builds ---------------------------------------------------------


class Collector:
    """A preview's garbage collection, off the way from a save to its page: none while a build
    runs (a year's plan: six full collections, 1.5 s of each rebuild), one once the server is
    idle again (IDLE seconds after the build: the browsers have its pages), or, if a save
    comes sooner, when the next build starts."""

    IDLE = 0.5

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._owed = False
        self._timer: threading.Timer | None = None

    def building(self, pause: bool = True) -> None:
        """A build starts; `pause`: with no collection until it ends (not for a first build,
        which converts every page: its garbage would double the memory it needs)."""
        with self._lock:
            self._cancel()
            if self._owed:
                self._collect()
            if pause:
                gc.disable()

    def built(self) -> None:
        with self._lock:
            self._owed = True
            self._cancel()
            self._timer = threading.Timer(self.IDLE, self._idle)
            self._timer.daemon = True
            self._timer.start()

    def stop(self) -> None:
        """No more builds: the collector as it was (what is owed, it collects in its time)."""
        with self._lock:
            self._cancel()
            self._owed = False
            gc.enable()

    def _idle(self) -> None:
        with self._lock:  # a build that starts meanwhile waits for this, then need not collect
            if self._owed:
                self._collect()

    def _collect(self) -> None:
        gc.collect()
        gc.enable()
        self._owed = False

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None


def plan_files(plan: Plan) -> list[str]:
    """The plan files a post's content can come from (for the feeds' SEQUENCE)."""
    files = {"content/site.yml", "content/campaigns.yml"}
    if plan.site is not None and plan.site.origin is not None:  # a member's: under members/<id>/
        files = {plan.site.origin.path, plan.site.origin.path.replace("site.yml", "campaigns.yml")}
    if plan.rules_from is not None:  # a member's: headquarters' settings and campaigns too
        files |= {plan.rules_from.path, LIBRARY + "content/campaigns.yml"}
    files.update(path for path, _ in plan.calendars)
    files.update(playbook.path for playbook in plan.playbooks.values())
    return sorted(files)


def _epoch() -> int | None:
    try:
        return build_epoch()
    except ValueError as exc:  # `contentplan build` refuses it before; a plain `mkdocs build` here
        raise BuildError(f"contentplan: {exc}") from None
