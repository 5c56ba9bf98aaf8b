"""One problem type for every stage: where, how bad, which rule, what."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

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


def did_you_mean(word: str | None, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    if not word:
        return ""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""
