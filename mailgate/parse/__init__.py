"""parse: raw bytes → an immutable :class:`ParsedMail`.  Pure: no database, no I/O.

``parse_message`` never raises on malformed mail; it reads what it can and lists the
rest in ``defects``.  ``mailgate parse FILE --json`` prints its result.  The reading is in
``reader``; the values it makes in ``model``; each step of it in a module of its own.
"""

from mailgate.parse.model import Address, Attachment, Forward, ParsedMail, SenderSource
from mailgate.parse.reader import ParseOptions, parse_message, sender_and_subject
from mailgate.parse.sender import with_envelope_sender
from mailgate.subjects import find_ticket_number

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
