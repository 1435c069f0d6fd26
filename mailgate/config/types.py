"""The values every section of the configuration shares: durations, ports, the base of
the section models."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def parse_duration(value: object) -> float:
    """``"90s"`` → 90.0 seconds.  A bare number is refused: the unit is never guessed."""
    if isinstance(value, float | int) and not isinstance(value, bool) and value == 0:
        return 0.0
    if isinstance(value, str):
        m = _DURATION.match(value)
        if m:
            return float(m.group(1)) * _UNIT_SECONDS[m.group(2)]
    raise ValueError('expected a duration such as "90s", "30m", "24h" or "30d"')


def format_duration(seconds: float) -> str:
    """A duration as the configuration writes it, what :func:`parse_duration` reads
    back: 90.0 → ``"90s"``, 432000.0 → ``"5d"``, 1.5 → ``"1500ms"``.  The largest unit
    that divides it.  For whoever reads a configuration key's value back, in logs and
    the ticket's history; people told in sentences get :func:`duration_in_words`."""
    for unit in ("d", "h", "m", "s"):
        n = seconds / _UNIT_SECONDS[unit]
        if n >= 1 and n == int(n):
            return f"{int(n)}{unit}"
    return f"{round(seconds * 1000)}ms"


def _positive(value: float) -> float:
    if value <= 0:
        raise ValueError("expected a duration greater than zero")
    return value


Duration = Annotated[float, BeforeValidator(parse_duration), AfterValidator(_positive)]
Port = Annotated[int, Field(ge=1, le=65535)]

_UNIT_WORDS = (("day", 86400), ("hour", 3600), ("minute", 60))


def duration_in_words(seconds: float) -> str:
    """A duration in words, as people write it in a sentence: 86400 → ``"24 hours"``,
    432000 → ``"5 days"``, 5400 → ``"90 minutes"``.  The largest unit that divides it,
    so nothing is rounded away.  Days only from three on: one or two are said in hours
    ("24 hours").  In whole seconds, one at least.  Not the configuration's notation:
    :func:`format_duration`."""
    whole = max(1, round(seconds))
    n, word = whole, "second"
    for name, size in _UNIT_WORDS:
        if whole % size == 0 and (name != "day" or whole >= 3 * size):
            n, word = whole // size, name
            break
    return f"{n} {word}" + ("" if n == 1 else "s")


class Section(BaseModel):
    """A table of the configuration: unknown keys are refused, the values frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


# Hosts a secret may be sent to in clear: it never leaves the machine.
LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _at_least_a_second(value: float) -> float:
    if value < 1:
        raise ValueError('expected an interval of at least "1s"')
    return value


Interval = Annotated[Duration, AfterValidator(_at_least_a_second)]
