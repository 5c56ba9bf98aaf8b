"""The one way this package sets up Jinja for text it writes (Markdown pages, the rules page,
the files of `contentplan init`): missing data is an error, block tags leave no blank lines,
and nothing is HTML-escaped here, because the output is not HTML; what comes from a plan is
escaped by the filters of escape.py where it is printed."""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).parent / "templates"  # the package's own: pages, rules page, diff


def text_environment(folder: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
