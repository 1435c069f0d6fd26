"""parse: raw bytes → an immutable :class:`ParsedMail`.  Pure: no database, no I/O.

``parse_message`` never raises on malformed mail; it reads what it can and lists the
rest in ``defects``.  ``mailgate parse FILE --json`` prints its result.  The reading is in
``reader``; the values it makes in ``model``; each step of it in a module of its own.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from mailgate.parse.model import Address, Attachment, Forward, ParsedMail, SenderSource

if TYPE_CHECKING:
    from mailgate.parse.reader import ParseOptions, parse_message, sender_and_subject
    from mailgate.parse.sender import with_envelope_sender
    from mailgate.subjects import find_ticket_number

# The reader and what it brings (its patterns, the charset and HTML readers) load at the
# first use of one of these, not with the values of ``model``: a command that stores or
# lists mail and reads none (``mailgate process`` with nothing waiting) never loads them.
_READING = {
    "ParseOptions": "mailgate.parse.reader",
    "parse_message": "mailgate.parse.reader",
    "sender_and_subject": "mailgate.parse.reader",
    "with_envelope_sender": "mailgate.parse.sender",
    "find_ticket_number": "mailgate.subjects",
}


def __getattr__(name: str) -> Any:
    where = _READING.get(name)
    if where is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(where), name)
    globals()[name] = value
    return value


__all__ = [
    "Address",
    "Attachment",
    "Forward",
    "ParseOptions",
    "ParsedMail",
    "SenderSource",
    "find_ticket_number",
    "parse_message",
    "sender_and_subject",
    "with_envelope_sender",
]
