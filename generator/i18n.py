"""Messages in the plan's language: one gettext catalogue, English message ids.

Every message the checker prints, and the rules page, is written in English in the code as
`_("no channel '{name}'", name=...)` and translated through the catalogue in
`generator/locale/<lang>/LC_MESSAGES/contentplan.po` (compiled to `.mo` beside it; `python
tools/messages.py` extracts, merges and compiles with Babel, and a test fails when the
catalogue and the code drift). Values go in by name after translation, so a value that holds
braces is never read as a placeholder, and a translation may put them in its own order.

Which language: `--lang` on the command line, else the environment's `CONTENTPLAN_LANG`, else
the plan's `language:` in content/site.yml, else Chinese (the format's default). `language()`
sets it for everything done inside; a `contextvars` variable, so threads and builds in
parallel keep their own.
"""

from __future__ import annotations

import contextvars
import gettext
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

DOMAIN = "contentplan"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("zh", "en")  # the values of site.yml `language:` (model.SiteSettings)
DEFAULT = "zh"  # what a plan without `language:` is written in
SOURCE = "en"  # the language of the message ids
ENVIRONMENT = "CONTENTPLAN_LANG"

_active: contextvars.ContextVar[str | None] = contextvars.ContextVar("contentplan_language", default=None)


@cache
def translations(lang: str) -> gettext.NullTranslations:
    if lang == SOURCE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang])


def current() -> str:
    """The language in force: the innermost `language()`, else the environment, else DEFAULT."""
    chosen = _active.get()
    if chosen:
        return chosen
    env = os.environ.get(ENVIRONMENT, "").strip()
    return env if env in LANGUAGES else DEFAULT


@contextmanager
def language(lang: str | None) -> Iterator[str]:
    """Speak `lang` (one of LANGUAGES) inside the block; None keeps the language in force."""
    chosen = lang if lang in LANGUAGES else current()
    token = _active.set(chosen)
    try:
        yield chosen
    finally:
        _active.reset(token)


def _(msgid: str, /, **values: object) -> str:
    """`msgid` in the current language, with `{name}` placeholders filled from `values`.

    Every message id is a format string (a literal brace is written `{{`), filled even without
    values, so one spelling holds for the code, the catalogue and the translator."""
    return translations(current()).gettext(msgid).format(**values)


def _n(singular: str, plural: str, n: int, /, **values: object) -> str:
    """The form of a message for the count `n` (English has two, Chinese one), filled like `_`;
    `n` is there as {n}."""
    return translations(current()).ngettext(singular, plural, n).format(n=n, **values)


def N_(msgid: str) -> str:
    """Mark a message id for the catalogue where it is defined (a table of labels); it is
    translated with `_` where it is shown."""
    return msgid


def paragraph(text: str) -> str:
    """A paragraph of a rule's documentation (a docstring) in the current language, as is."""
    return translations(current()).gettext(text) if text else text


_LANGUAGE_LINE = re.compile(r"^language:[ \t]*(['\"]?)(zh|en)\1[ \t]*(?:#.*)?$", re.MULTILINE)
_PEEK = 64 * 1024  # language is a top-level key near the top of a small file


def plan_language(site_yml: Path, explicit: str | None = None) -> str:
    """The language to speak for the plan whose site.yml is `site_yml`: `explicit`, the
    environment, then the file's own top-level `language:` line (read before the plan is, so
    that the messages about loading it are in its language too), then DEFAULT."""
    for lang in (explicit, os.environ.get(ENVIRONMENT, "").strip()):
        if lang in LANGUAGES:
            return lang
    head = _peek(site_yml)
    match = _LANGUAGE_LINE.search(head)
    return match.group(2) if match else DEFAULT


def _peek(path: Path) -> str:
    """The start of a plan file, read as load.py would allow: never through a symbolic link
    (to the file or its folder) and never from anything but a regular file (a FIFO blocks)."""
    if path.parent.is_symlink():
        return ""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return ""
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return ""
        return os.read(fd, _PEEK).decode("utf-8", "replace")
    except OSError:
        return ""
    finally:
        os.close(fd)
