"""`contentplan build` and `serve`: run MkDocs on the plan at a root with the project's site config.

The site config is ROOT/mkdocs.yml when the plan has one, else this project's own mkdocs.yml.
A build goes to a fresh folder beside the target and replaces the target only when it
succeeded, so a failed build never leaves a partial site behind.
"""
from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .check import Report

PROJECT_CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"


def config_file(root: Path) -> Path:
    own = root / "mkdocs.yml"
    if own.is_file():
        return own
    if PROJECT_CONFIG.is_file():
        return PROJECT_CONFIG
    raise FileNotFoundError(f"no mkdocs.yml in {root} or in {PROJECT_CONFIG.parent}")


def _prepare(root: Path) -> None:
    os.environ["CONTENTPLAN_ROOT"] = str(root)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")  # Material's banner; we pin MkDocs < 2
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s", stream=sys.stderr)


def build(root: Path, out: Path, checked: Report | None = None) -> int:
    """Build into `out`; 0 on success, 1 when the plan or the site build fails.

    `checked`, the report of a check just made of `root`, saves the plugin checking again.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _prepare(root)
    if out.exists() and not _looks_like_site(out):
        print(f"contentplan: {out} exists and is not a built site; not replacing it", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-building-", dir=out.parent))
    config = None
    try:
        config = load_config(config_file=str(config_file(root)), site_dir=str(staging), strict=True)
        plugin = config.plugins.get("contentplan")
        if checked is not None and plugin is not None:
            plugin.prechecked = (root, checked)
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
    except MkDocsException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{exc}", file=sys.stderr)
        print("contentplan: build failed; no site written", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if config is not None:
            config.plugins.on_shutdown()
    _swap(staging, out)
    print(f"contentplan: site written to {out}", file=sys.stderr)
    return 0


def serve(root: Path, dev_addr: str) -> int:
    """Serve with live reload; a plan with errors shows its problems on the home page."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import MkDocsException

    _prepare(root)
    try:
        mkdocs_serve(config_file=str(config_file(root)), livereload=True, dev_addr=dev_addr)
    except MkDocsException as exc:
        print(f"{exc}", file=sys.stderr)
        return 1
    return 0


def _looks_like_site(folder: Path) -> bool:
    return not any(folder.iterdir()) or (folder / "index.html").is_file() or (folder / "sitemap.xml").is_file()


def _swap(staging: Path, out: Path) -> None:
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}-old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
    staging.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
