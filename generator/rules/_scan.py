"""finditer that only tries a pattern where it can start.

A text rule's pattern usually opens with an alternation of words (转发|分享|晒单|(?:邀请?|拉)…).
Python's regex engine tries every alternative at every position of every text; for a year's
plan that is most of a rule's time. A match can only start at a character the pattern can
begin with, so `Scan` finds those characters first (one character class, at C speed) and tries
the pattern only there. `pattern.match(text, pos)` sees the text before `pos` (lookbehind,
\\b), so the matches are exactly finditer's: leftmost first, none overlapping.

The first characters are read from the parsed pattern. Anything the reading does not know for
sure (a negated class, `.`, case-insensitive letters, a pattern that may match nothing) leaves
the plain finditer in place.
"""

from __future__ import annotations

import re
import re._constants as sre  # the parser's opcodes (3.11+: re._parser / re._constants)
import re._parser as sre_parse
from collections.abc import Iterator

_WIDEST_RANGE = 256  # a class range wider than this is not worth listing


class Scan:
    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        first = _first(list(sre_parse.parse(pattern.pattern, pattern.flags)), pattern.flags)
        self.starts = re.compile("[" + "".join(re.escape(ch) for ch in sorted(first)) + "]") if first else None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.starts is None:
            yield from self.pattern.finditer(text)
            return
        match, end = self.pattern.match, 0
        for start in self.starts.finditer(text):
            at = start.start()
            if at < end:
                continue
            found = match(text, at)
            if found is not None:
                end = found.end()
                yield found

    def search(self, text: str) -> re.Match[str] | None:
        return next(self.finditer(text), None)


def _first(items: list, flags: int) -> set[str] | None:
    """The characters a match of the sequence `items` can start with; None when unsure or when
    the sequence can match the empty string."""
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_of(op, av, flags)
        if chars is None:
            return None
        out |= chars
        if not empty:
            return out
    return None


def _first_of(op, av, flags: int) -> tuple[set[str] | None, bool]:
    """(first characters, whether the item can match the empty string)."""
    if op is sre.LITERAL:
        return _cased({chr(av)}, flags)
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE and value[1] - value[0] <= _WIDEST_RANGE:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # NEGATE, CATEGORY (\d, \s), a wide range
                return None, False
        return _cased(chars, flags)
    if op is sre.SUBPATTERN:
        group_flags = (flags | av[1]) & ~av[2]
        inner = _first(list(av[3]), group_flags)
        return (inner, False) if inner is not None else (None, False)
    if op is sre.BRANCH:
        either: set[str] = set()
        for branch in av[1]:
            more = _first(list(branch), flags)
            if more is None:
                return None, False
            either |= more
        return either, False
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, item = av
        repeated = _first(list(item), flags)
        return (repeated, low == 0) if repeated is not None else (None, False)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True  # takes no character: the next item decides
    return None, False  # ANY, a group reference, ATOMIC_GROUP, anything else: unsure


def _cased(chars: set[str], flags: int) -> tuple[set[str] | None, bool]:
    """With IGNORECASE a letter matches forms beyond its upper and lower case (K, ſ): unsure."""
    if flags & re.IGNORECASE and any(ch.lower() != ch.upper() for ch in chars):
        return None, False
    return chars, False
