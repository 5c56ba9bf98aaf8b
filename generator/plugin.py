"""The MkDocs adapter: check the plan, add the compiled pages as in-memory files, watch the plan.

Everything else lives in engine-neutral modules (check.py, compile.py), so that the plan
can move to another engine when MkDocs 1.x is gone.
"""
from __future__ import annotations

import gc
import html
import logging
import os
import shutil
import tempfile
import weakref
from datetime import UTC, datetime
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import offline, report
from .check import Report, check
from .compile import SiteContent, compile_site, problems_page, theme_text
from .history import build_epoch, last_changes
from .i18n import _n, language
from .search_index import fix_index
from .site_dir import placement_problem

log = logging.getLogger("mkdocs.plugins.contentplan")
OVERRIDES = Path(__file__).parent / "overrides"
SEARCH_PIPELINE = ("stopWordFilter",)  # no stemmer: see _feed_search (default_site/mkdocs.yml says the same)
SEARCH_SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：·（）()]+"
MARKDOWN_EXTENSIONS = ("attr_list", "tables", "admonition", "pymdownx.superfences", "generator.markdown_layout",
                       "generator.markdown_safe")


class ContentPlanConfig(Config):
    root = config_options.Optional(config_options.Type(str))
    """Folder holding content/ and playbooks/; default the folder of mkdocs.yml.
    The environment variable CONTENTPLAN_ROOT wins (the CLI sets it for --root)."""


class ContentPlanPlugin(BasePlugin[ContentPlanConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.root = Path(".")
        self.report: Report | None = None
        self.content = SiteContent()
        self.build_date: str | None = None
        # (root, report) of a check the CLI has just made, used once instead of checking again
        self.prechecked: tuple[Path, Report] | None = None
        self._jieba_path: str | None = None  # the user dictionary this plugin wrote, if any
        self._cleanup = None  # removes its private folder: at on_shutdown, else when collected
        self._links = _PlanLinks()
        self._taken_names: set[str] = set()
        self._plan_compiled = False  # the plan's pages were built (not the problems page)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        _quiet_jieba()
        self.root = self._resolve_root(config)
        # A plain `mkdocs build` empties site_dir before writing: never when that is the plan.
        misplaced = placement_problem(self.root, Path(config.site_dir))
        if misplaced:
            raise PluginError(f"contentplan: {misplaced}")
        prechecked, self.prechecked = self.prechecked, None
        try:
            self.report = prechecked[1] if prechecked and prechecked[0] == self.root else check(self.root)
        except (FileNotFoundError, OSError) as exc:
            raise PluginError(f"contentplan: {exc}") from None
        errors = [p for p in self.report.problems if p.severity == "error"]
        for problem in self.report.problems:
            if problem.severity != "error":  # warnings are the checker's, not MkDocs': --strict ignores them
                log.info(report.text([problem]).rstrip())
        plan = self.report.plan
        if errors and not self.serving:
            with language(self.report.language):
                head = _n("contentplan: the plan has {n} error:", "contentplan: the plan has {n} errors:", len(errors))
            raise PluginError(head + "\n" + report.text(errors).rstrip())
        if plan.site:
            config.site_name = theme_text(plan.site.title)  # the theme prints it raw, attributes too
            config.theme["language"] = plan.site.language
        config.theme["font"] = False  # Google Fonts are blocked or slow in mainland China
        config.extra["contentplan_assets"] = offline.assets_version()  # main.html: our files' ?v=
        config.extra["contentplan_serving"] = self.serving  # main.html: no service worker while serving
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        for name in MARKDOWN_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        changed = last_changes(self.root, _plan_files(plan), self._epoch_seconds())
        stamp = self._stamp(changed)
        self._plan_compiled = not errors
        if errors:
            lines = report.text(self.report.problems).splitlines()
            self.content = SiteContent(pages=[problems_page(lines, config.site_name)])
        else:
            with language(self.report.language):  # the rules page speaks the plan's language
                self.content = compile_site(plan, directory_urls=config.use_directory_urls, site_url=config.site_url,
                                            stamp=stamp, changed=changed)
        self._links.pages = {page.path for page in self.content.pages}
        # added at every build (MkDocs may keep one plugin object for many), removed at shutdown
        logging.getLogger("mkdocs.structure.pages").addFilter(self._links)
        self._feed_search(config)
        # the sitemap's date: MkDocs honours SOURCE_DATE_EPOCH by itself
        self.build_date = None if self._epoch_seconds() is not None else stamp.strftime("%Y-%m-%d")
        # The plan and its pages live through the whole build; without this, the collector
        # walks them again and again while MkDocs renders (~5 s of a year's build).
        gc.collect()
        gc.freeze()
        return config

    def on_pre_build(self, *, config) -> None:
        # Search has read the words in its on_config, which runs after ours and before this.
        self._remove_jieba_words()

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config) -> None:
        gc.unfreeze()
        fix_index(Path(config.site_dir) / "search" / "search_index.json", self.content.words,
                  self.content.search_prefixes)
        # Day exports in Markdown share their names with the day pages' sources, so MkDocs
        # cannot carry them as files: they are written into the built site here.
        site = Path(config.site_dir).resolve()
        for output in self.content.files:
            if output.path.endswith(".md"):
                target = (site / output.path).resolve()
                if target.is_relative_to(site):
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(output.content)
        # Last: the service worker's version is a hash of everything written above. Not while
        # serving (a worker would keep pages the author is editing), nor for a plan in error.
        if self.serving or not self._plan_compiled:
            return
        if self._taken_names:
            log.info("contentplan: the site has its own %s; the pages will not open offline",
                        ", ".join(sorted(self._taken_names)))
            return
        offline.write(site, self.report.plan, config.use_directory_urls)

    def on_build_error(self, *, error) -> None:
        gc.unfreeze()
        self._remove_jieba_words()

    def on_shutdown(self) -> None:
        self._remove_jieba_words()
        logging.getLogger("mkdocs.structure.pages").removeFilter(self._links)

    def on_files(self, files: Files, *, config) -> Files:
        # a site's own sw.js or offline.json (from its docs) is never overwritten
        self._taken_names = {name for name in (offline.WORKER_NAME, offline.MANIFEST_NAME) if files.get_file_from_path(name)}
        for page in self.content.pages:
            _replace(files, File.generated(
                config, page.path, content=page.markdown,
                inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
            ))
        for output in self.content.files:
            if not output.path.endswith(".md"):  # feeds and JSON: copied as they are
                _replace(files, File.generated(config, output.path, content=output.content))
        for attachment in self.content.attachments:
            file = File.generated(config, attachment.path, abs_src_path=str(attachment.source))
            if file.is_documentation_page() or file.is_static_page() or file.is_javascript() or file.is_css():
                continue  # an attachment is only ever copied, never rendered or run (check refuses these)
            _replace(files, file)
        return files

    def on_pre_page(self, page, *, config, files):
        if self.build_date:  # the sitemap's lastmod: a fixed date, not the build's
            page.update_date = self.build_date
        return page

    def on_page_content(self, html_text, *, page, config, files):
        # Every page is rendered before any template, so the nav of every page sees these titles;
        # this runs before search (listed after us), which copies titles and tags into its index.
        _theme_safe(page)
        return html_text

    def on_serve(self, server, *, config, builder):
        for folder in ("content", "playbooks"):
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server

    # -- resolving --

    def _resolve_root(self, config) -> Path:
        chosen = os.environ.get("CONTENTPLAN_ROOT") or self.config.root
        base = Path(config.config_file_path or ".").resolve().parent
        return (base / chosen).resolve() if chosen else base

    def _epoch_seconds(self) -> int | None:
        try:
            return build_epoch()
        except ValueError as exc:  # `contentplan build` refuses it before; a plain `mkdocs build` here
            raise PluginError(f"contentplan: {exc}") from None

    def _stamp(self, changed: dict[str, int]) -> datetime:
        """The build's fixed time: SOURCE_DATE_EPOCH, else when the plan last changed (its last
        commit, see history.py). Never the clock: the same plan builds to the same bytes."""
        seconds = self._epoch_seconds()
        if seconds is None:
            seconds = max(changed.values(), default=0) or 946684800  # 2000-01-01
        return datetime.fromtimestamp(seconds, UTC)

    def _feed_search(self, config) -> None:
        """Give Material's search (jieba) the plan's own words, so they are found as words."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None:
            return
        # The theme's Chinese settings keep lunr's English stemmer in the index ("tasting" is
        # stored as "tast"), but Material gives every query term a trailing wildcard, which
        # lunr never stems: so no English word was found. Index the words as written instead.
        if not search.config.pipeline:
            search.config.pipeline = list(SEARCH_PIPELINE)
        if not search.config.separator:  # jieba puts U+200B between the Chinese words it finds
            search.config.separator = SEARCH_SEPARATOR
        _reset_jieba()  # words an earlier build of this process added would change this index
        if not self.content.words:
            return
        chosen = getattr(search.config, "jieba_dict_user", None)
        if chosen and chosen != self._jieba_path:
            return  # the site's own dictionary wins
        search.config.jieba_dict_user = self._write_jieba_words("\n".join(self.content.words) + "\n")

    def _write_jieba_words(self, text: str) -> str:
        """The words in a file of a folder only this process can enter (mkdtemp: mode 0700, a name
        no one can guess), so no planted symlink or file in the shared temp folder is ever
        followed or read. Search reads it in its on_config, once per build (a serve rebuild
        calls on_config again, and this writes it again), so it goes at on_pre_build."""
        if self._jieba_path is None:
            folder = tempfile.mkdtemp(prefix="contentplan-")
            self._cleanup = weakref.finalize(self, shutil.rmtree, folder, ignore_errors=True)
            self._jieba_path = os.path.join(folder, "jieba-user.txt")
        with open(self._jieba_path, "w", encoding="utf-8") as out:
            out.write(text)
        return self._jieba_path

    def _remove_jieba_words(self) -> None:
        # At on_pre_build; should the build stop before, at on_build_error or on_shutdown, else
        # when the plugin is collected or the process exits (weakref.finalize). MkDocs keeps one
        # instance of a plugin with on_startup/on_shutdown for the whole process (serve, tests),
        # so the next build starts a new folder.
        if self._cleanup is not None:
            self._cleanup()
        self._jieba_path = self._cleanup = None


class _PlanLinks(logging.Filter):
    """A link in a note or a playbook's guidance that points at no page is the plan's text, not
    a broken site: MkDocs' warning about it, which --strict would make fatal after `check`
    passed, is shown as information for the generated pages. The guides keep the warning."""

    def __init__(self) -> None:
        super().__init__()
        self.pages: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and isinstance(record.msg, str):
            head = record.msg.partition("' contains a link")
            if head[1] and head[0].startswith("Doc file '") and head[0][len("Doc file '"):] in self.pages:
                record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def _quiet_jieba() -> None:
    """jieba announces its dictionary on stderr at every build; only its warnings matter."""
    try:
        import jieba
    except ImportError:  # search then works without Chinese segmentation
        return
    jieba.setLogLevel(logging.WARNING)


def _reset_jieba() -> None:
    """jieba keeps the words every build loads in one process-wide dictionary (`serve`, tests):
    start each build from its own dictionary only, so the same plan gives the same index."""
    try:
        import jieba
    except ImportError:
        return
    if jieba.dt.initialized:
        jieba.dt.initialized = False
        jieba.dt.initialize()


def _theme_safe(page) -> None:
    """Titles and tags as the theme may print them: raw, in text and attributes (see theme_text).

    A title from front matter is plain text; one MkDocs took from a page's first heading is
    HTML-escaped text, so it is decoded first (else `&amp;` would show)."""
    meta = page.meta
    if "title" in meta:
        meta["title"] = theme_text(meta["title"])
    if isinstance(meta.get("tags"), list):
        meta["tags"] = [theme_text(tag) for tag in meta["tags"]]
    page.title = theme_text(html.unescape(page.title or ""))


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _plan_files(plan) -> list[str]:
    """The plan files a post's content can come from (for the feeds' SEQUENCE)."""
    files = {"content/site.yml", "content/campaigns.yml"}
    files.update(path for path, _ in plan.calendars)
    files.update(playbook.path for playbook in plan.playbooks.values())
    return sorted(files)
