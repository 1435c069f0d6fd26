"""Waiting in tests for something another thread or process does."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

# Each timeout below is a bound reached only when something is broken: a daemon that
# starts in a second on an idle machine took more than 20 s with the machine's load at
# ten on two cores.  The bounds are stretched by this factor so that a loaded machine
# does not fail a test that an idle one passes; a passing test waits no longer for it.
SLACK = float(os.environ.get("MAILGATE_TEST_SLACK", "6"))


def wait_for(check: Callable[[], Any], timeout: float = 20.0, what: str = "condition") -> Any:
    """Poll ``check`` until it returns something true, and return that; fail the test
    naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout * SLACK
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def poll_until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    """Poll ``predicate`` until it is true; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout * SLACK
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("condition not reached in time")
