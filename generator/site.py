"""`contentplan build` and `serve`: run MkDocs on the plan at a root with the project's site config.

The site config is ROOT/mkdocs.yml when the plan has one, else the default that ships in the package
(generator/default_site/mkdocs.yml, with the team's guides).

`build --site-url URL` tells MkDocs where the site will be published (it replaces `site_url` of
the config): the calendar feeds then link each event to its post's full address, and MkDocs
writes canonical links and a sitemap. The URL must be a plain http(s) address (`check_site_url`).

A build never destroys what contentplan did not make, and never leaves a half-written site: how
the site folder is checked, locked and swapped is site_dir.py.

What the CLI knows goes to the plugin as its options in the config MkDocs reads (`plugin_options`):
the plan's folder (`root`) and the report of the check just made (`checked`).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .history import build_epoch
from .site_dir import (  # noqa: F401 - DEFAULT_CONFIG: site.DEFAULT_CONFIG is what a build uses, tests read it
    DEFAULT_CONFIG,
    config_file,
    has_marker,
    lock_site_dir,
    new_staging,
    publish,
    recover,
    remove_ours,
    site_dir_problem,
    write_marker,
)

if TYPE_CHECKING:
    from .check import CheckResult


def _prepare() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")  # Material's banner; we pin MkDocs < 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)


# --- build and serve ---------------------------------------------------------------------------


def build(
    root: Path, out: Path, checked: CheckResult | None = None, site_url: str | None = None, member: str | None = None
) -> int:
    """Build into `out`; 0 on success, 1 when the site build fails, 2 when `out` is refused or unwritable.

    `checked`, the report of a check just made of `root`, saves the plugin checking again;
    `site_url` (checked by `check_site_url`), where the site is published, replaces the config's.
    """
    out = Path(os.path.abspath(out))  # absolute, but a symlink stays a symlink (and is refused)
    problem = epoch_problem() or site_dir_problem(root, out)
    if problem is not None:
        return _refuse(problem)
    _prepare()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with lock_site_dir(out):
            recover(out)
            problem = site_dir_problem(root, out)  # it may have changed while we waited for the lock
            if problem is not None:
                return _refuse(problem)
            staging = new_staging(out)
            status = _run_mkdocs(root, staging, checked, site_url, member)
            if status != 0:
                return status
            publish(staging, out)
    except OSError as exc:
        print(f"contentplan: cannot write the site to {out}: {exc}", file=sys.stderr)
        return 2
    print(f"contentplan: site written to {out}", file=sys.stderr)
    return 0


def _refuse(problem: str) -> int:
    print(f"contentplan: {problem}", file=sys.stderr)
    return 2


def _run_mkdocs(
    root: Path, staging: Path, checked: CheckResult | None, site_url: str | None = None, member: str | None = None
) -> int:
    """Build the site into `staging`; on any failure remove it and return 1 (2 for I/O errors)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    config = None
    try:
        path = config_file(root)
        config = load_config(
            config_file=str(path),
            site_dir=str(staging),
            strict=True,
            site_url=site_url or None,  # None: the config's own (load_config skips it)
            plugins=plugin_options(path, root=str(root), checked=checked, **({"member": member} if member else {})),
        )
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    except MkDocsException as exc:
        remove_ours(staging)
        print(f"{exc}", file=sys.stderr)
        print("contentplan: build failed; no site written", file=sys.stderr)
        return 1
    except OSError as exc:
        remove_ours(staging)
        print(f"contentplan: build failed: {exc}; no site written", file=sys.stderr)
        return 2
    except Exception as exc:  # a bug or a limit check missed: a message, not a traceback
        remove_ours(staging)
        print(
            f"contentplan: build failed ({type(exc).__name__}: {str(exc)[:200]}); no site written. "
            "Please report this with the plan that caused it.",
            file=sys.stderr,
        )
        return 1
    except BaseException:
        remove_ours(staging)
        raise
    finally:
        if config is not None:
            config.plugins.on_shutdown()
    if not has_marker(staging):  # MkDocs keeps hidden files in site_dir; rewrite it should that change
        write_marker(staging)
    return 0


def serve(root: Path, dev_addr: str, member: str | None = None) -> int:
    """Serve with live reload; a plan with errors shows its problems on the home page."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    problem = epoch_problem()
    if problem is not None:
        return _refuse(problem)
    _prepare()
    try:
        path = config_file(root)
        options = {"root": str(root), **({"member": member} if member else {})}
        mkdocs_serve(config_file=str(path), livereload=True, dev_addr=dev_addr, plugins=plugin_options(path, **options))
    except MkDocsException as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    return 0


def plugin_options(config: Path, **options: object) -> list | None:
    """The `plugins:` of the MkDocs config at `config` (INHERIT and tags read as MkDocs reads them)
    with `options` added to contentplan's own, or None when it does not list contentplan. MkDocs
    takes each entry apart as it reads it, and `serve` reads it again at every rebuild: each
    reading gets its own copy (_Entries)."""
    from mkdocs.config.defaults import MkDocsConfig

    raw = MkDocsConfig(config_file_path=str(config))
    with open(config, "rb") as fd:
        raw.load_file(fd)
    entries = raw.get("plugins")
    if isinstance(entries, dict):
        entries = [{name: value} for name, value in entries.items()]
    if not isinstance(entries, list):
        return None  # MkDocs says what is wrong with it
    out, found = _Entries(), False
    for entry in entries:
        name, value = next(iter(entry.items())) if isinstance(entry, dict) and len(entry) == 1 else (entry, None)
        if name == "contentplan" and (value is None or isinstance(value, dict)):
            entry, found = {name: {**(value or {}), **options}}, True
        out.append(entry)
    return out if found else None


class _Entries(list):
    """A list of plugin entries whose every reading (iteration) yields fresh copies of them."""

    def __iter__(self):
        for entry in super().__iter__():
            yield {k: dict(v) if isinstance(v, dict) else v for k, v in entry.items()} if isinstance(entry, dict) else entry


# scheme://host[:port][/path]: letters, digits and `. _ ~ - / %` only, so it reads the same in
# HTML, in a sitemap and in a calendar feed's URL (nothing there needs escaping).
_SITE_URL = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%/-]*)?")


def check_site_url(text: str) -> str | None:
    """The site's public address as given, None for an empty one (CI may pass an output that is
    empty), or ValueError saying what is wrong."""
    text = text.strip()
    if not text:
        return None
    if len(text) > 2000 or not _SITE_URL.fullmatch(text):
        raise ValueError(
            f"'{text[:100]}' is not a web address like https://OWNER.github.io/REPO/ "
            "(http or https, a host, an optional path; no spaces, query, fragment or user name; "
            "write a non-ASCII domain or path in its ASCII form)"
        )
    return text


def epoch_problem() -> str | None:
    """Why SOURCE_DATE_EPOCH cannot be used (history.build_epoch), or None."""
    try:
        build_epoch()
    except ValueError as exc:
        return str(exc)
    return None
