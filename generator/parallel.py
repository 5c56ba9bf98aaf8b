"""Work on a second core: `beside(work)` starts work() in a forked copy of this process and
returns a callable that waits for its result.

    later = beside(lambda: scan(plan))    # the copy reads what this process has built
    ...work of our own...
    found = later()                       # the copy's result, pickled back through a pipe

A fork shares everything built so far without copying it (a year's plan is 300 MB of objects:
no other way of handing it to another process is cheaper than the work itself). Only results
go back, pickled. Where there is no fork (Windows), only one core, CONTENTPLAN_WORKERS=1, or
the copy fails in any way, the work runs here instead when its result is asked for: the
result is the same either way, only the time differs.

Fork only from a process with no other threads (a command-line check, a build's pages,
page_share.py, a network's builds): never from `serve`, whose server threads could hold a lock
the copy then waits on forever. A copy never forks again: the cores are taken.
"""

from __future__ import annotations

import functools
import os
import pickle
import sys
import threading
from collections.abc import Callable
from typing import TypeVar

from .i18n import _

T = TypeVar("T")
R = TypeVar("R")
ENV = "CONTENTPLAN_WORKERS"
_in_copy = False  # a copy works alone: it never forks again (the cores are taken)


def cores() -> int:
    """How many processes may work at once: CONTENTPLAN_WORKERS, else the cores we may use."""
    chosen = os.environ.get(ENV, "").strip()
    if chosen.isdigit() and int(chosen) > 0:
        return int(chosen)
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def beside(work: Callable[[], T]) -> Callable[[], T]:
    """work() in a forked copy; the returned callable gives its result (see the module)."""
    global _in_copy
    if _in_copy or not hasattr(os, "fork") or cores() < 2 or threading.active_count() > 1:
        return work
    try:
        reading, writing = os.pipe()
        pid = os.fork()
    except OSError:
        return work
    if pid == 0:  # the copy: do the work, send it back, leave without running any exit handler
        _in_copy, status = True, 1
        try:
            os.close(reading)
            data = pickle.dumps(work(), pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writing, "wb") as out:
                out.write(data)
            status = 0
        except BaseException:
            pass
        finally:
            os._exit(status)
    os.close(writing)

    def result() -> T:
        with os.fdopen(reading, "rb") as got:
            data = got.read()  # before waiting: a full pipe would stop the copy
        status = os.waitpid(pid, 0)[1]
        if os.waitstatus_to_exitcode(status) == 0:
            try:
                return pickle.loads(data)
            except Exception:
                pass
        print(_("contentplan: a second process failed; doing its work here"), file=sys.stderr)
        return work()

    return result


def share(work: Callable[[T], R], items: list[T], workers: int) -> list[R]:
    """[work(item) for item in items], the items dealt out in turn to `workers` processes (this
    one and forked copies, as `beside`); the results in the items' order, the same either way."""
    workers = max(1, min(workers, len(items)))
    hands = [items[i::workers] for i in range(workers)]
    later = [beside(functools.partial(_each, work, hand)) for hand in hands[1:]]
    done = [_each(work, hands[0]), *(result() for result in later)]
    out: list[R] = []
    for i in range(len(items)):  # dealt in turn: item i is the (i // workers)th of hand i % workers
        out.append(done[i % workers][i // workers])
    return out


def _each(work: Callable[[T], R], hand: list[T]) -> list[R]:
    return [work(item) for item in hand]
