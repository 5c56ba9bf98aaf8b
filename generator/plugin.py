"""The MkDocs adapter: the hooks MkDocs needs around one engine-neutral build (build.py), which
on_config prepares, on_files hands to MkDocs and on_post_build finishes."""

from __future__ import annotations

import gc
import html
import json
import logging
import os
from collections.abc import Mapping
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from . import build, offline, page_share, search_index, serve_cache
from .check import CheckResult
from .escape import theme_text
from .kept import Kept, digest
from .search_index import SEARCH_PIPELINE, SEARCH_SEPARATOR  # noqa: F401 - tests hold the default site to them

log = logging.getLogger("mkdocs.plugins.contentplan")
OVERRIDES = Path(__file__).parent / "overrides"
BANNER_PLACE = "<!--contentplan-banner-->"  # serve: a page's place for the banner of a plan's errors (Build.banner)
MARKDOWN_EXTENSIONS = (
    "attr_list",
    "tables",
    "admonition",
    "pymdownx.superfences",
    "generator.markdown_layout",
    "generator.markdown_safe",
)


class ContentPlanConfig(Config):
    # the plan's folder (`contentplan build --root` sets it), else $CONTENTPLAN_ROOT, else mkdocs.yml's
    root = config_options.Optional(config_options.Type(str))
    checked = config_options.Optional(config_options.Type(CheckResult))  # set by `contentplan build`: a check of root
    member = config_options.Optional(config_options.Type(str))  # a network's member whose site this is (network.py)


class ContentPlanPlugin(BasePlugin[ContentPlanConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.build: build.Build  # made by on_config, before every other hook of a build
        self._jieba = search_index.JiebaWords()  # MkDocs keeps one plugin for every build of a process
        self._pages: set[str] = set()  # the generated pages, for _plan_links
        self._own: set[str] = set()
        self._banner = ""
        self._last_good: build.Build | None = None  # serve: shown, with a banner, while the plan has errors
        self._pages_made = serve_cache.Pages()  # serve: what a rebuild reuses (serve_cache.py)
        self._search_entries = serve_cache.SearchEntries()
        self._templates = serve_cache.Templates()
        self._outputs = _PageOutputs()  # serve: each page as the theme made it
        self._collector = build.Collector()  # serve: garbage is collected between builds, not during one
        self._share: page_share.PageShare | None = None  # build: pages converted on a second core
        self._compiled = Kept()  # serve: the pages, feed events and exports the last compile made

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config):
        rebuild = self.serving and self._last_good is not None  # serve: pages of a last build to reuse
        if self.serving:
            self._collector.building(pause=rebuild)
        base = Path(config.config_file_path or ".").resolve().parent
        chosen = self.config.root or os.environ.get("CONTENTPLAN_ROOT")
        root = (base / chosen).resolve() if chosen else base
        options = build.Options(
            directory_urls=config.use_directory_urls,
            site_url=config.site_url,
            preview=self.serving,
            title=config.site_name,
            member=self.config.member,
        )
        try:  # a plain `mkdocs build` empties site_dir first: prepare refuses the plan's own folders
            self.build = build.prepare(
                root,
                Path(config.site_dir),
                options,
                checked=self.config.checked,
                inform=log.info,
                last_good=self._last_good,
                kept=self._compiled if self.serving else None,
            )  # warnings are the checker's: --strict ignores them
        except build.BuildError as exc:
            raise PluginError(str(exc)) from None
        if self.serving and self.build.compiled and not self.build.stale:
            self._last_good = self.build
        self._banner = self.build.banner()  # serve: above every page while the plan has errors
        config.site_name = self.build.title  # the theme prints it raw, attributes too (theme_text)
        if self.build.language:
            config.theme["language"] = self.build.language
        config.theme["font"] = False  # Google Fonts are blocked or slow in mainland China
        config.extra["contentplan_assets"] = offline.assets_version()  # main.html: our files' ?v=
        config.extra["contentplan_serving"] = self.serving  # main.html: no service worker while serving
        config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
        config.markdown_extensions.extend(n for n in MARKDOWN_EXTENSIONS if n not in config.markdown_extensions)
        self._pages = {page.path for page in self.build.content.pages}
        logging.getLogger("mkdocs.structure.pages").addFilter(self._plan_links)  # once; removed at shutdown
        for name in ("mkdocs.structure.nav", "mkdocs.structure.pages"):
            logging.getLogger(name).addFilter(self._missing_pages)
        search = _search_plugin(config)
        if search is not None:  # it is listed after us: its on_config reads what this sets
            search_index.configure(search.config, self.build.content.words, self._jieba)
        if not rebuild:  # (a rebuild runs with no collection at all: build.Collector)
            # The plan and its pages live through the whole build; without this, the collector
            # walks them again and again while MkDocs renders (~5 s of a year's build).
            gc.collect()
            gc.freeze()
        return config

    def on_pre_build(self, *, config) -> None:
        self._jieba.remove()  # search has read the words in its on_config, just before this
        if self.serving:
            self._wrap_search(config)

    def on_env(self, env, *, config, files):
        if self.serving:
            env.bytecode_cache = self._templates
            self._outputs.start(env, config)
        return env

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config) -> None:
        gc.unfreeze()
        if self._share is not None:
            self._share.close()  # (taken at its first page already; a no-op then)
        self.build.finish(self._own)
        if self.serving:
            self._collector.built()

    def on_build_error(self, *, error) -> None:
        gc.unfreeze()
        if self._share is not None:
            self._share.close()
        self._jieba.remove()
        if self.serving:
            self._collector.built()

    def on_shutdown(self) -> None:
        self._jieba.remove()
        self._collector.stop()
        logging.getLogger("mkdocs.structure.pages").removeFilter(self._plan_links)
        for name in ("mkdocs.structure.nav", "mkdocs.structure.pages"):
            logging.getLogger(name).removeFilter(self._missing_pages)

    def on_files(self, files: Files, *, config) -> Files:
        self._own = {name for name in offline.NAMES if files.get_file_from_path(name)}
        for page in self.build.content.pages:
            _replace(
                files,
                File.generated(
                    config,
                    page.path,
                    content=page.markdown,
                    inclusion=InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV,
                ),
            )
        for output in self.build.engine_files():  # feeds and thumbnails, copied as they are
            _replace(files, File.generated(config, output.path, content=output.content))
        for attachment in self.build.content.attachments:
            file = File.generated(config, attachment.path, abs_src_path=str(attachment.source))
            if not (file.is_documentation_page() or file.is_static_page() or file.is_javascript() or file.is_css()):
                _replace(files, file)  # an attachment is only ever copied, never rendered or run
        self._share = None  # (MkDocs may keep one plugin for every build of a process)
        if not self.serving and page_share.worth_it(len(self.build.content.pages)):
            self._share = page_share.PageShare(self._pages_made, self._search_entries)
            self._wrap_search(config)
        self._pages_made.keeping = self._share is None  # a build keeps only the copy's pages
        if self.serving or self._share is not None:
            self._pages_made.start(config, files)  # every page is converted knowing these files
        return files

    @event_priority(-100)  # last: the site's files and nav as the pages are converted with them
    def on_nav(self, nav, *, config, files):
        if self._share is not None and not self._share.start(config, files):
            self._share = None
        return nav

    @event_priority(-100)  # last: the Markdown as it is converted
    def on_page_markdown(self, markdown, *, page, config, files):
        if self._share is not None:
            self._share.before(page)  # the copy's pages: what it made
        if self.serving or self._share is not None:
            self._pages_made.reuse(page, markdown, files)
        return markdown

    def on_pre_page(self, page, *, config, files):
        if self.build.page_date:  # the sitemap's lastmod: a fixed date, not the build's
            page.update_date = self.build.page_date
        return page

    def on_page_content(self, html_text, *, page, config, files):
        # Titles and tags as the theme prints them raw (theme_text); one from a heading is HTML-escaped.
        # Every page is rendered before any template, and search (listed after us) copies these.
        if "title" in page.meta:
            page.meta["title"] = theme_text(page.meta["title"])
        if isinstance(page.meta.get("tags"), list):
            page.meta["tags"] = [theme_text(tag) for tag in page.meta["tags"]]
        page.title = theme_text(html.unescape(page.title or ""))
        if self.serving or self._share is not None:
            self._pages_made.keep(page)  # page.content is still the HTML as converted
        return html_text

    @event_priority(-100)  # after search has read the page: the banner is not the page's text to find
    def on_page_context(self, context, *, page, config, nav):
        if self.serving:  # where the banner goes: the page is laid out the same with or without it
            page.content = BANNER_PLACE + (page.content or "")
        return context

    def on_post_page(self, output: str, *, page, config) -> str:
        return output.replace(BANNER_PLACE, self._banner) if self.serving else output

    def on_serve(self, server, *, config, builder):
        for folder in self.build.sources():
            server.watch(str(folder))
        return server

    def _wrap_search(self, config) -> None:
        """Search's index of this build takes a page's entries from _search_entries when known."""
        search = _search_plugin(config)
        if search is not None:
            self._search_entries.wrap(search, self.build.content.words)

    def _plan_links(self, record: logging.LogRecord) -> bool:
        """A link in a note or a playbook's guidance that points at no page is the plan's text, not
        a broken site: MkDocs' warning about it, which --strict would make fatal after `check`
        passed, is shown as information for the generated pages. The guides keep the warning."""
        if record.levelno == logging.WARNING and isinstance(record.msg, str):
            head = record.msg.partition("' contains a link")
            if head[1] and head[0].startswith("Doc file '") and head[0][len("Doc file '") :] in self._pages:
                record.levelno, record.levelname = logging.INFO, "INFO"
        return True

    def _missing_pages(self, record: logging.LogRecord) -> bool:
        """A preview of a plan with errors and no good pages yet has only the page of its
        problems: that the nav and the guides point at the plan's pages is not news (the
        errors, printed as `check` prints them, are)."""
        if record.levelno == logging.WARNING and self.serving and not self.build.compiled and isinstance(record.msg, str):
            return not ("is included in the 'nav' configuration" in record.msg or "' contains a link '" in record.msg)
        return True

    def _write_jieba_words(self, text: str) -> str:  # the dictionary search reads (tests/hostile/)
        return self._jieba.write(text)


class _PageOutputs:
    """serve: each page as the theme made it (main.html around the page's HTML), by a hash of
    everything its template reads: the page, the nav, the site's pages, the config and the
    theme's files. A page whose hash the last build made is not made again. 404.html and the
    sitemap (no page) are always made."""

    def __init__(self) -> None:
        self.kept = Kept()
        self._site: tuple[str, str] | None = None  # of this build: the theme's files, the config
        self._shared: str | None = None  # of this build: the site, its nav and pages

    def start(self, env, config) -> None:
        """A new build, whose pages `env` makes with `config`: MkDocs' own calls of
        env.get_template (one argument: a page, 404.html, the sitemap) give templates that
        remember; the templates' includes and extends are left alone."""
        self.kept.start()
        self._shared = None
        try:
            self._site = (_theme_files(config.theme.dirs), _config_text(config))
        except (TypeError, ValueError, RecursionError):  # a config the hash cannot read: every page made anew
            self._site = None
        get_template = env.get_template

        def get(name, *more, **options):
            template = get_template(name, *more, **options)
            return template if more or options else _Remembering(template, name, self)

        env.get_template = get

    def render(self, template, name: str, context: Mapping) -> str:
        key = self._key(name, context)
        if key is None:
            return template.render(context)
        return self.kept.get(key, lambda: template.render(context))  # type: ignore[return-value]

    def _key(self, name: str, context: Mapping) -> str | None:
        page = context.get("page")
        if page is None or page.content is None or self._site is None:
            return None
        try:
            if self._shared is None:  # every page is read and converted by now: its title is known
                self._shared = digest(*self._site, _nav_text(context["nav"].items), [f.src_uri for f in context["pages"]])
            rest = (name, context["base_url"], context["extra_css"], context["extra_javascript"], context["mkdocs_version"])
            return digest(self._shared, page.content, json.dumps([rest, _page_text(page)], default=repr))
        except (TypeError, ValueError, RecursionError):  # a page's meta the hash cannot read: made anew
            return None


class _Remembering:
    """A theme template whose render() goes through _PageOutputs; anything else is the template's."""

    def __init__(self, template, name: str, outputs: _PageOutputs) -> None:
        self._template, self._name, self._outputs = template, name, outputs

    def render(self, *args, **kwargs) -> str:
        if len(args) == 1 and not kwargs and isinstance(args[0], Mapping):
            return self._outputs.render(self._template, self._name, args[0])
        return self._template.render(*args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._template, name)


def _page_text(page) -> list:
    """What the theme reads of a page, but its HTML (build_date_utc, which no template of the
    theme prints, is left out: a preview's pages need not say when they were rebuilt)."""
    near = [(p.title, p.url) if p is not None else None for p in (page.previous_page, page.next_page)]
    return [
        page.file.src_uri,
        page.url,
        page.canonical_url,
        page.abs_url,
        page.edit_url,
        page.title,
        page.update_date,
        page.is_homepage,
        page.meta,
        _toc_text(page.toc),
        near,
        [section.title for section in page.ancestors],
    ]


def _toc_text(items) -> list:
    return [(item.title, item.id, item.level, _toc_text(item.children)) for item in (items or [])]


def _nav_text(items) -> list:
    return [(type(i).__name__, i.title, getattr(i, "url", None), _nav_text(getattr(i, "children", None) or [])) for i in items]


_VOLATILE = frozenset({"checked", "jieba_dict_user"})  # not read by templates; jieba's words file is new each build


def _config_text(config) -> str:
    plain: dict[str, object] = {}
    for key in config:
        value = config[key]
        if key == "plugins":
            value = {name: {k: v for k, v in plugin.config.items() if k not in _VOLATILE} for name, plugin in value.items()}
        elif key == "theme":
            value = {"name": value.name, "dirs": value.dirs, "static": sorted(value.static_templates), "vars": dict(value)}
        plain[key] = value
    return json.dumps(plain, default=_plain)  # (in the order read: the same config reads the same)


def _plain(value: object) -> object:
    if isinstance(value, set | frozenset):
        return sorted(map(repr, value))
    if isinstance(value, Mapping):
        return dict(value)
    return repr(value)


def _theme_files(dirs: list[str]) -> str:
    """Every file of the theme, by its name, size and time (a template may include any of them)."""
    found = []
    for folder in dirs:
        for top, subfolders, names in os.walk(folder):
            subfolders.sort()
            for name in sorted(names):
                try:
                    stat = os.stat(os.path.join(top, name))
                except OSError:
                    continue
                found.append(f"{top}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}")
    return digest("\n".join(found))


def _search_plugin(config):
    return config.plugins.get("material/search") or config.plugins.get("search")


def _replace(files: Files, file: File) -> None:
    if (existing := files.get_file_from_path(file.src_uri)) is not None:
        files.remove(existing)
    files.append(file)
