"""A bound on the CPU time one message may take to parse.

Kept out of ``parse`` (which is pure): the bound is process state — a timer and its
signal handler — that only the process running the parser may set.

A hostile message (a quote of thousands of levels, HTML built to make a converter
backtrack) must not hold a worker for minutes while the rest of the inbox waits.  In
the main thread of a process — the processing workers of ``mailgate run``, ``mailgate
process`` — the bound is a profiling timer (``ITIMER_PROF``: CPU time of the process,
user and system) whose signal raises :class:`ParseTimeLimit` inside the parser;
Python's regular-expression engine checks for signals while it backtracks, so a
runaway pattern is stopped too.  Elsewhere (a thread) there is no timer to take and the
parse runs unbounded; the daemon never parses outside a worker's main thread.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class ParseTimeLimit(BaseException):
    """Parsing one message took longer than its CPU-time bound.  Not an ``Exception``:
    the parser reads hostile mail with broad ``except Exception`` clauses (a part that
    fails becomes a defect), and the bound must not be taken for one of those."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"parsing took more than {seconds:g} s of CPU time")
        self.seconds = seconds


@contextmanager
def cpu_time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`ParseTimeLimit` in the block once it has used ``seconds`` of CPU
    time (0: no bound)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(_signum: int, _frame: FrameType | None) -> None:
        raise ParseTimeLimit(seconds)

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
