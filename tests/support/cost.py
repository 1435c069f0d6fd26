"""How a cost grows, told without a clock's luck: the CPU time of the same work on an
input four times as large, against the smaller input's — about 4 for linear work, 16
for quadratic — measured in this process, so other work on a loaded machine does not
enter it."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Linear work grows fourfold; a quadratic rule sixteenfold.
GROWTH_LIMIT = 8.0
# Below this much CPU time the larger input is cheap whatever the growth: the small
# one's time is then mostly noise.
NEGLIGIBLE = 0.25


def cpu_seconds(work: Callable[[], object]) -> float:
    start = time.process_time()
    work()
    return time.process_time() - start


def assert_grows_linearly(make: Callable[[int], T], read: Callable[[T], R], n: int) -> R:
    """``read`` of ``make(n)`` costs at most GROWTH_LIMIT times ``read`` of ``make(n // 4)``
    (in CPU time; the smaller input's the best of two runs); what it read of the larger."""
    small_input, large_input = make(n // 4), make(n)
    small = min(cpu_seconds(lambda: read(small_input)) for _ in range(2))
    start = time.process_time()
    result = read(large_input)
    large = time.process_time() - start
    if large >= NEGLIGIBLE:
        assert large <= GROWTH_LIMIT * max(small, NEGLIGIBLE / GROWTH_LIMIT), (
            f"{large:.2f} s of CPU for {n}, {small:.2f} s for {n // 4}: more than linear"
        )
    return result
