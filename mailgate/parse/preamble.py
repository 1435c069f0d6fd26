"""Finding the header block of a message that does not begin with it.

A message handed over by an MTA begins with its first header field.  Mail that reaches
mailgate some other way often does not: a file saved from a mailbox or passed on by
procmail, fetchmail or ``formail`` begins with an mbox ``From sender date`` line (or a
quoted ``>From``); a file saved by an editor carries a UTF-8 byte order mark; a script
leaves blank lines before the headers; a person pastes a message under a line of their
own ("-------- Forwarded Message --------", "Begin forwarded message:").  Read from its
first byte, such a message has no header at all: no sender, no subject, its headers
shown as text.

:func:`header_start` finds where the header block really begins, so that the parser
reads from there; the stored message keeps every byte it came with, and the lines passed
over are named in a defect.
"""

from __future__ import annotations

import re

# How far into the message a header block is looked for.
_MAX_LINES = 40
_MAX_BYTES = 16 * 1024
_BOM = b"\xef\xbb\xbf"
# RFC 5322 §2.2: a field name is printable ASCII but the colon; mail programs write
# letters, digits and hyphens.
_FIELD = re.compile(rb"^[A-Za-z0-9][A-Za-z0-9-]{0,76}[ \t]*:")
# Fields that every message's header block has some of, and no text line begins with.
_MESSAGE_FIELDS = frozenset(
    b"from date subject to cc message-id received return-path delivered-to mime-version "
    b"reply-to sender content-type x-mailer user-agent in-reply-to references".split()
)


def header_start(raw: bytes) -> tuple[int, int]:
    """The offset of the header block in ``raw`` and the number of lines before it
    (``(0, 0)`` for a message that begins with its headers, or in which none is found)."""
    start = len(_BOM) if raw.startswith(_BOM) else 0
    lines = raw[start : start + _MAX_BYTES].split(b"\n")[:_MAX_LINES]
    if lines and _FIELD.match(lines[0]):
        return start, 0
    if lines and lines[0].startswith(b"From ") and _is_block(lines, 1):
        # The parser reads a leading "From " line as the mbox envelope it is.
        return start, 0
    offset = start
    for i, line in enumerate(lines):
        if _FIELD.match(line) and _is_block(lines, i):
            return offset, i
        offset += len(line) + 1
    return 0, 0


def _is_block(lines: list[bytes], i: int) -> bool:
    """Whether a header block begins on line ``i``: at least two fields, one of them a
    field every message has, up to an empty line (or the end of what is looked at)."""
    fields = 0
    known = False
    for line in lines[i:]:
        bare = line.rstrip(b"\r")
        if not bare:
            break
        if bare[:1] in (b" ", b"\t"):
            continue  # a folded field's continuation
        m = _FIELD.match(bare)
        if m is None:
            return False
        fields += 1
        name = bare[: bare.index(b":")].strip().lower()
        known = known or name in _MESSAGE_FIELDS
    return fields >= 2 and known
