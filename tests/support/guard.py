"""How the tests keep hostile text from making a rule quadratic, without a clock.

    assert_linear(alcohol_ad.findings, "孩子")   # the work on 4x the text is about 4x, not 16x
    with no_hang():                              # a stop for a hang, never a measure of speed
        check(root)

`assert_linear` runs `find` on a run of one unit (`hostile_text`) at SIZE and at 4 x SIZE
characters and counts its work, the same on any machine under any load:

- the Python lines run in generator/ (`sys.settrace`): a loop that re-reads the text, or a
  sentence, once per match grows as the square of the text;
- the characters the regex engine may read, an upper bound, counted by wrapping every compiled
  pattern the rule modules hold (and their `re.*` calls) while `find` runs: a call that scans
  text[pos:endpos] (search, finditer, findall, sub, split) may try an attempt at each of those
  positions, and an attempt reads at most the pattern's reach; an anchored call (match,
  fullmatch) is one attempt. The reach is the pattern's widest match, lookaheads included,
  where a repeat without an upper bound of one character class (`\\d+`, `[^。]*`) reaches as
  far as the longest run of that class in the text it is given, and any other unbounded repeat
  reaches the whole text. So a pattern that can read the whole hostile run in each of its
  attempts (`\\d+年` on 1111…, `[^。]*送` on 集赞集赞…) counts as the square of the text,
  which is how such a pattern behaves in the engine; one class repeated alone (`[^。]+`) is one
  read of each character (each attempt fails at once or takes the whole run).

Linear work grows 4x from SIZE to 4 x SIZE, quadratic 16x; GROWTH (6) sits between. The
characters a rule reads with plain string methods (`text.count`, slicing) are not counted.
How the time grows is measured, and only reported, by bench/hostile_bench.py.

`no_hang` fails a block that is still running after HANG seconds: the tests above are done in
well under a second on any machine, and an exponential pattern would otherwise stop CI only
at its own time limit. It asserts nothing about speed.
"""

from __future__ import annotations

import bisect
import re
import re._compiler as sre_compile  # the parser and compiler behind re (3.11+), as generator/rules/_scan.py
import re._constants as sre
import re._parser as sre_parse
import signal
import sys
import threading
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HANG = 120.0
SIZE = 2_000  # characters of the smaller hostile text; the larger is 4 x SIZE
GROWTH = 6.0  # most the work may grow from SIZE to 4 x SIZE characters (linear: 4, quadratic: 16)
GENERATOR = str(Path(__file__).resolve().parents[2] / "generator")
UNBOUNDED = float("inf")


class Hang(AssertionError):
    pass


@contextmanager
def no_hang(seconds: float = HANG) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield  # no timer signal here: the run's own timeout is the guard
        return

    def expire(signum, frame):
        raise Hang(f"still running after {seconds:.0f} s: a hang (a backtracking pattern, a quadratic loop)")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def hostile_text(unit: str, size: int = 100_000, tail: str = "") -> str:
    """`unit` repeated to `size` characters, then `tail`, folded as the rules read it."""
    from generator.rules._folding import fold

    return fold((unit * (size // len(unit) + 1))[:size] + tail)[0]


# --- the work, counted --------------------------------------------------------------------------


@dataclass
class Work:
    lines: int = 0  # Python lines run in generator/
    engine: float = 0  # characters the regex engine may read (an upper bound)


def work_of(find: Callable[[str], Iterable], text: str, *namespaces: object) -> Work:
    """The work of `list(find(text))`: its lines in generator/ and its regex calls through the
    patterns of generator.rules (and of `namespaces`, modules or objects, for the tests of this)."""
    work = Work()

    def line(frame, event, arg):
        if event == "line":
            work.lines += 1
        return line

    def call(frame, event, arg):
        return line if frame.f_code.co_filename.startswith(GENERATOR) else None

    rules = [module for name, module in sys.modules.items() if name.startswith("generator.rules")]
    previous = sys.gettrace()  # a coverage tracer, say: back after the count
    with _Counting(work, [*rules, *namespaces]):
        sys.settrace(call)
        try:
            list(find(text))
        finally:
            sys.settrace(previous)
    return work


def assert_linear(find: Callable[[str], Iterable], unit: str, tail: str = "", *namespaces: object, size: int = SIZE) -> None:
    """The work of `find` on a run of `unit` (then `tail`) grows in proportion to the run."""
    with no_hang():
        small = work_of(find, hostile_text(unit, size, tail), *namespaces)
        large = work_of(find, hostile_text(unit, 4 * size, tail), *namespaces)
    for what, a, b in (
        ("Python lines run in generator/", small.lines, large.lines),
        ("characters the regex engine may read", small.engine, large.engine),
    ):
        assert b <= GROWTH * max(a, 1), (
            f"{unit!r} x {size:,} then x {4 * size:,} characters: {what} grew {b / max(a, 1):.1f}x "
            f"({a:,.0f} -> {b:,.0f}); in proportion it is 4x, as the square of the text 16x"
        )


class _Counting:
    """Every compiled pattern the namespaces hold (in globals, tuples, lists, dicts, instances
    and classes of generator.rules, results of cached functions) and their `re` module, counted
    while inside; all put back on leaving, the rules' caches emptied on both sides."""

    def __init__(self, work: Work, namespaces: list[object]) -> None:
        self.work, self.namespaces = work, namespaces
        self.undo: list[tuple[object, str, object]] = []
        self.seen: set[int] = set()
        self.runs: dict[tuple[re.Pattern, str], _Runs] = {}

    def __enter__(self) -> _Counting:
        self._clear_caches()
        for namespace in self.namespaces:
            for name, value in list(vars(namespace).items()):
                if name.startswith("__"):
                    continue
                new = self._counted_re() if value is re else self._wrap(value, 0)
                if new is not value:
                    self.undo.append((namespace, name, value))
                    setattr(namespace, name, new)
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, name, value in reversed(self.undo):
            setattr(owner, name, value)
        self._clear_caches()

    def _clear_caches(self) -> None:
        for namespace in self.namespaces:
            for value in list(vars(namespace).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()  # once_per_text, @cache: each count starts from nothing kept

    def _wrap(self, value, depth: int):
        if isinstance(value, re.Pattern):
            return _Counted(value, self)
        if isinstance(value, _Counted) or depth > 4:
            return value
        if isinstance(value, (tuple, list)) and not hasattr(value, "_fields"):
            items = [self._wrap(item, depth + 1) for item in value]
            return type(value)(items) if any(a is not b for a, b in zip(items, value)) else value
        if isinstance(value, dict):
            changed = {key: self._wrap(item, depth + 1) for key, item in value.items()}
            return changed if any(changed[key] is not value[key] for key in value) else value
        if callable(getattr(value, "cache_clear", None)) and hasattr(value, "__wrapped__"):
            cached = value  # @cache / lru_cache: what it returns (patterns, say) is counted too

            def counted(*args, **kwargs):
                return self._wrap(cached(*args, **kwargs), 0)

            return counted
        owner = value if isinstance(value, type) else type(value)
        if (
            owner.__module__.startswith("generator.rules")
            and hasattr(value, "__dict__")
            and not isinstance(value, types.FunctionType)
        ):
            if id(value) not in self.seen:  # a Scan, a class holding patterns: counted in place
                self.seen.add(id(value))
                for name, item in list(vars(value).items()):
                    if name.startswith("__"):
                        continue
                    new = self._wrap(item, depth + 1)
                    if new is not item:
                        self.undo.append((value, name, item))
                        setattr(value, name, new)
        return value

    def _counted_re(self) -> types.ModuleType:
        """`re` whose compile and module-level calls go through counted patterns."""
        shim = types.ModuleType("re")
        shim.__dict__.update(re.__dict__)

        def compile(pattern, flags=0):
            return _Counted(re.compile(pattern, flags), self)

        def scanning(name):
            return lambda pattern, string, *args, flags=0: getattr(compile(pattern, flags), name)(string, *args)

        def replacing(name):
            return lambda pattern, repl, string, count=0, flags=0: getattr(compile(pattern, flags), name)(repl, string, count)

        shim.__dict__.update({name: scanning(name) for name in ("search", "match", "fullmatch", "finditer", "findall", "split")})
        shim.__dict__.update({name: replacing(name) for name in ("sub", "subn")})
        shim.__dict__["compile"] = compile
        return shim

    def longest_run(self, cls: re.Pattern, string: str, pos: int, endpos: int) -> int:
        key = (cls, string)
        if key not in self.runs:
            self.runs[key] = _Runs(cls, string)
        return self.runs[key].longest(pos, endpos)


class _Runs:
    """The runs of one character class in one string, for the longest between pos and endpos."""

    def __init__(self, cls: re.Pattern, string: str) -> None:
        self.length = len(string)
        self.spans = [m.span() for m in cls.finditer(string)]
        self.starts = [start for start, _ in self.spans]
        self.longest_from = [0] * (len(self.spans) + 1)  # the longest run from the i-th on
        for i in range(len(self.spans) - 1, -1, -1):
            self.longest_from[i] = max(self.longest_from[i + 1], self.spans[i][1] - self.spans[i][0])

    def longest(self, pos: int, endpos: int) -> int:
        at = bisect.bisect_right(self.starts, pos)
        best = min(self.spans[at - 1][1], endpos) - pos if at and self.spans[at - 1][1] > pos else 0
        if endpos >= self.length:
            return max(best, self.longest_from[at])
        while at < len(self.spans) and self.spans[at][0] < endpos:
            best = max(best, min(self.spans[at][1], endpos) - self.spans[at][0])
            at += 1
        return best


class _Reach:
    """What one attempt of a pattern can read: a fixed width, plus the runs of the classes it
    repeats without bound; UNBOUNDED for any other repeat without a bound (or a back-reference)."""

    def __init__(self, pattern: re.Pattern) -> None:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
        self.classes: list[re.Pattern] = []  # one compiled run of each class repeated without bound
        self.fixed = self._reach(list(parsed), parsed.state)
        only = list(parsed)
        # one class repeated alone, greedily: each attempt fails at once or takes the whole run
        self.alone = len(only) == 1 and only[0][0] in (sre.MAX_REPEAT, sre.POSSESSIVE_REPEAT) and self._one_class(only[0][1][2])

    @staticmethod
    def _one_class(items) -> bool:
        items = list(items)
        return len(items) == 1 and items[0][0] in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY)

    def _reach(self, items, state) -> float:
        widest = reach = 0.0
        for op, av in items:
            if op in (sre.ASSERT, sre.ASSERT_NOT):
                direction, inner = av
                if direction > 0:  # a lookahead reads on from here; a lookbehind has a fixed width
                    reach = max(reach, widest + self._reach(list(inner), state))
                continue
            if op is sre.SUBPATTERN:
                width = self._reach(list(av[3]), state)
            elif op is sre.ATOMIC_GROUP:
                width = self._reach(list(av), state)
            elif op is sre.BRANCH:
                width = max(self._reach(list(branch), state) for branch in av[1])
            elif op is sre.GROUPREF_EXISTS:
                width = max(self._reach(list(av[1]), state), self._reach(list(av[2]), state) if av[2] else 0)
            elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                low, high, inner = av
                if high != sre.MAXREPEAT:
                    width = self._reach(list(inner), state) * high
                elif self._one_class(inner):
                    alone = sre_parse.State()  # no groups: only the run
                    alone.flags = state.flags
                    run = sre_parse.SubPattern(alone, [(sre.MAX_REPEAT, (1, sre.MAXREPEAT, inner))])
                    self.classes.append(sre_compile.compile(run, state.flags))
                    width = 0  # and the longest run of the class, added per call
                else:
                    width = UNBOUNDED
            elif op is sre.AT:
                width = 0
            elif op is sre.GROUPREF:
                width = UNBOUNDED
            else:  # one character: LITERAL, NOT_LITERAL, IN, ANY, CATEGORY
                width = 1
            widest += width
            reach = max(reach, widest)
        return reach

    def of(self, counting: _Counting, string: str, pos: int, endpos: int) -> float:
        runs = sum(counting.longest_run(cls, string, pos, endpos) for cls in self.classes)
        return min(self.fixed + runs, max(endpos - pos, 0)) if self.fixed != UNBOUNDED else max(endpos - pos, 0)


_REACH: dict[re.Pattern, _Reach] = {}


class _Counted:
    """A compiled pattern that adds to the work what each call may make the engine read."""

    __slots__ = ("_pattern", "_counting", "_reach")

    def __init__(self, pattern: re.Pattern, counting: _Counting) -> None:
        self._pattern, self._counting = pattern, counting
        if pattern not in _REACH:
            _REACH[pattern] = _Reach(pattern)
        self._reach = _REACH[pattern]

    def __getattr__(self, name: str):
        return getattr(self._pattern, name)

    def __hash__(self) -> int:
        return hash(self._pattern)

    def __eq__(self, other: object) -> bool:
        return self._pattern == (other._pattern if isinstance(other, _Counted) else other)

    def _scan(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> None:
        pos, endpos = max(0, min(pos, len(string))), max(0, min(endpos, len(string)))
        tries = max(endpos - pos, 1)  # an attempt at each position, and one at the end
        each = 1 if self._reach.alone else max(self._reach.of(self._counting, string, pos, endpos), 1)
        self._counting.work.engine += tries * each

    def _anchored(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> None:
        pos, endpos = max(0, min(pos, len(string))), max(0, min(endpos, len(string)))
        self._counting.work.engine += max(self._reach.of(self._counting, string, pos, endpos), 1)

    def search(self, string, pos=0, endpos=sys.maxsize):
        self._scan(string, pos, endpos)
        return self._pattern.search(string, pos, endpos)

    def finditer(self, string, pos=0, endpos=sys.maxsize):
        self._scan(string, pos, endpos)
        return self._pattern.finditer(string, pos, endpos)

    def findall(self, string, pos=0, endpos=sys.maxsize):
        self._scan(string, pos, endpos)
        return self._pattern.findall(string, pos, endpos)

    def match(self, string, pos=0, endpos=sys.maxsize):
        self._anchored(string, pos, endpos)
        return self._pattern.match(string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=sys.maxsize):
        self._anchored(string, pos, endpos)
        return self._pattern.fullmatch(string, pos, endpos)

    def sub(self, repl, string, count=0):
        self._scan(string)
        return self._pattern.sub(repl, string, count)

    def subn(self, repl, string, count=0):
        self._scan(string)
        return self._pattern.subn(repl, string, count)

    def split(self, string, maxsplit=0):
        self._scan(string)
        return self._pattern.split(string, maxsplit)
