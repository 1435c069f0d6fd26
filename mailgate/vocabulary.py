"""The base of mailgate's named values: ticket statuses, inbox and outbox states, verdict
kinds, the rules that thread and hold mail.

Each is a :class:`Term`, a string enum whose value is what the database stores and what
the API, the command line, the log and the metrics say.  A member is equal to its value,
formats as its value, and — unlike a plain ``StrEnum`` — reads as its value in ``repr``
too, so a message written with ``{status!r}`` says ``'open'``, as it did when the values
were plain strings.
"""

from __future__ import annotations

from enum import StrEnum


class Term(StrEnum):
    def __repr__(self) -> str:
        return repr(self.value)
