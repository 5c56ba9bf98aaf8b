"""A guard against a hang, never a measure of speed (speed lives in bench/).

    with no_hang():          # fails the test if the block has not finished in HANG seconds
        check(root)

A pattern that backtracks, or a loop that is quadratic in a hostile value, takes minutes or
hours on the inputs the hostile tests give; a correct one takes well under a second on any
machine. HANG sits far between the two, so the guard never trips on a slow or busy runner and
still stops a hang long before CI's own limit. How the time grows with the input is measured,
not asserted, by bench/hostile_bench.py.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

HANG = 120.0


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


def hostile_text(unit: str, size: int = 100_000) -> str:
    """`unit` repeated to `size` characters, folded as the rules read it."""
    from generator.rules._folding import fold

    return fold((unit * (size // len(unit) + 1))[:size])[0]


def assert_bounded(find: Callable[[str], Iterable], unit: str) -> None:
    """`find` returns on a hostile run of `unit` 100,000 characters long (bench/hostile_bench.py
    measures that the time grows in proportion to the text)."""
    with no_hang():
        list(find(hostile_text(unit)))
