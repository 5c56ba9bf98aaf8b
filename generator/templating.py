"""The one way this package sets up Jinja for text it writes (Markdown pages, the rules page,
the files of `contentplan init`): missing data is an error, block tags leave no blank lines,
and nothing is HTML-escaped here, because the output is not HTML; what comes from a plan is
escaped by the filters of escape.py where it is printed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .escape import Markdown, fenced, finalize, front_matter_json, href, md_block, md_code, md_text, theme_text
from .i18n import current, translations
from .vocabulary import DRAFT_BAND, STATUS_LABEL, STATUSES, WEEKDAY_LABEL

TEMPLATES = Path(__file__).parent / "templates"


class _Words(Markdown):
    """The package's own words from the catalogue (trusted Markdown); a value put into them
    with `%` is escaped as text, whatever it is."""

    def __mod__(self, values: object) -> Markdown:
        if isinstance(values, dict):
            values = {key: value if isinstance(value, Markdown) else md_text(str(value)) for key, value in values.items()}
        return Markdown(str.__mod__(self, values))


def _gettext(message: str) -> _Words:
    return _Words(translations(current()).gettext(message))


def _ngettext(singular: str, plural: str, n: int) -> _Words:
    return _Words(translations(current()).ngettext(singular, plural, n))  # the package's own: pages, rules page, diff


def text_environment(folder: Path) -> Environment:
    return Environment(
        loader=FileSystemLoader(str(folder)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        auto_reload=False,  # the package's templates do not change during a build: no stat per include
    )


def markdown_environment() -> Environment:
    """The package's page templates (generator/templates/): plan text goes through the filters
    of escape.py, each made for the place it lands (`md` text, `mdblock` Markdown, `code`,
    `fenced`, `href` a link target, `title` the theme, `json` front matter); whatever is printed
    without one is escaped as text by `finalize` unless it is plainly inert (an id, a date, a
    count). `trusted` marks the package's own Markdown (rule docs), never plan text."""
    env = text_environment(TEMPLATES)
    env.add_extension("jinja2.ext.i18n")  # {% trans %}: the package's own words, in the plan's language
    env.install_gettext_callables(  # type: ignore[attr-defined]  # added by the i18n extension
        gettext=_gettext, ngettext=_ngettext, newstyle=True
    )
    env.finalize = _remembered(finalize, keep=Markdown)
    # the plan's words and their labels (vocabulary.py), for every page template
    env.globals.update(STATUSES=STATUSES, STATUS_LABEL=STATUS_LABEL, DRAFT_BAND=DRAFT_BAND, WEEKDAY_LABEL=WEEKDAY_LABEL)
    env.filters.update(
        md=_remembered(md_text),
        mdblock=md_block,
        code=md_code,
        fenced=fenced,
        href=href,
        title=theme_text,
        json=front_matter_json,
        trusted=Markdown,
    )
    return env


def _remembered(function: Callable[[object], object], keep: type | None = None) -> Callable[..., object]:
    """`function` of one text, remembered for each plain string it is given (one environment, one
    compile): a year's plan prints the same names, times and links hundreds of thousands of
    times. A value of type `keep` is returned as it is (finalize's own first test); any other
    value, or a call with more arguments, goes to `function` each time."""
    seen: dict[str, object] = {}

    def remembered(value: object, *more: object, **options: object) -> object:
        if type(value) is str and not more and not options:
            found = seen.get(value)
            if found is None:
                found = seen[value] = function(value)
            return found
        if type(value) is keep:
            return value
        return function(value, *more, **options)

    return remembered
