"""One problem type for every stage: where, how bad, which rule, what."""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable, Iterator
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


class Problems:
    """The one collector of a check's problems: the loader's, the assembler's, the rule
    configuration's, the budget's and the rules' all go into it (`add`, `extend`).

    It is read sorted (`for p in problems`, `sorted()`: by path, line, column, code, message,
    problems at one key in the order found) and counted (`len`, `errors`, `warnings`,
    `counts`). `found` is the order they were added in (check.py settles repeats by it).
    """

    __slots__ = ("_found",)

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        self._found: list[Problem] = list(problems)

    def add(self, problem: Problem) -> None:
        self._found.append(problem)

    def at(self, where: Where, code: str, message: str, severity: str = ERROR) -> None:
        """Add a problem `code` at `where`."""
        self._found.append(Problem(where.path, where.line, where.col, code, message, severity))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._found.extend(problems)

    @property
    def found(self) -> tuple[Problem, ...]:
        return tuple(self._found)

    def sorted(self) -> list[Problem]:
        return sorted(self._found, key=Problem.sort_key)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self._found)

    @property
    def errors(self) -> int:
        return sum(p.severity == ERROR for p in self._found)

    @property
    def warnings(self) -> int:
        return sum(p.severity == WARNING for p in self._found)

    def counts(self) -> Counter[str]:
        """How many problems of each code."""
        return Counter(p.code for p in self._found)

    def __repr__(self) -> str:
        return f"Problems({self.sorted()!r})"


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


def reset_hints(left: int = _HINT_COMPARISONS) -> None:
    """Give a new check its own budget of did-you-mean comparisons (`left` of them)."""
    _budget[0] = left


def hints_left() -> int:
    return _budget[0]


def did_you_mean(word: str | None, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    if not word or len(word) > _HINT_WORD or _budget[0] <= 0:
        return ""
    near = sorted(c for c in choices if abs(len(c) - len(word)) <= max(3, len(word) // 2))[:_HINT_CHOICES]
    _budget[0] -= len(near)
    match = difflib.get_close_matches(word, near, n=1, cutoff=0.6)
    return _(" (did you mean '{word}'?)", word=excerpt(match[0])) if match else ""
