"""One problem type for every stage: where, how bad, which rule, what."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import _

ERROR = "error"
WARNING = "warning"
OFF = "off"
SEVERITIES = (ERROR, WARNING, OFF)


@dataclass(frozen=True, order=True)
class Problem:
    """A mistake in the plan, at a 1-based line and column of a file under the root."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: str = ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.code, self.message)


@dataclass(frozen=True)
class Where:
    """A place in a plan file: path relative to the root, 1-based line and column."""

    path: str
    line: int = 1
    col: int = 1


EXCERPT = 60  # characters of a file's content a message may quote


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """At most `limit` characters of `value`, marked with … when cut.

    Messages end up in CI logs and annotations; a plan file that is really something else
    (a key, /etc/passwd) must not be printed there whole.
    """
    text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# did-you-mean compares strings pairwise (difflib is quadratic in their length): bounded by
# the length of the word, the candidates per hint, and the comparisons in one whole check
# (a plan with 3,000 typos among 1,500 playbooks gets hints for the first ones only).
_HINT_WORD = 64
_HINT_CHOICES = 400
_HINT_COMPARISONS = 20_000
_budget = [_HINT_COMPARISONS]


def reset_hints() -> None:
    """Give a new check its own budget of did-you-mean comparisons."""
    _budget[0] = _HINT_COMPARISONS


def did_you_mean(word: str | None, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    if not word or len(word) > _HINT_WORD or _budget[0] <= 0:
        return ""
    near = sorted(c for c in choices if abs(len(c) - len(word)) <= max(3, len(word) // 2))[:_HINT_CHOICES]
    _budget[0] -= len(near)
    match = difflib.get_close_matches(word, near, n=1, cutoff=0.6)
    return _(" (did you mean '{word}'?)", word=excerpt(match[0])) if match else ""
