"""The fixed split of every corpus into a tuning part and a held-out part.

A file belongs to a part by the SHA-256 of its path relative to its set (first hex digit
even: tuning, odd: held out): decided by the name alone, before any rule was tuned, and
the same on every machine.  Rules are tuned on the tuning part only; the held-out part
measures how well they hold on mail they were not made for.
"""

from __future__ import annotations

import hashlib

TUNE = "tune"
HELDOUT = "heldout"
PARTS = (TUNE, HELDOUT)


def part_of(relative_path: str) -> str:
    """The part a file belongs to, by the path relative to its set."""
    digit = int(hashlib.sha256(relative_path.encode()).hexdigest()[0], 16)
    return TUNE if digit % 2 == 0 else HELDOUT
