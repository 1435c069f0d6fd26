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
_MAX_LINES = 60
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
    if lines and lines[0].startswith(b"From ") and _block_kind(lines, 1):
        # The parser reads a leading "From " line as the mbox envelope it is.
        return start, 0
    # A block with the fields a transport writes is the message's own; a summary of it
    # (a webmail's "show original" page pasted above it: From, To, Subject, SPF) is not.
    first: tuple[int, int] | None = None
    offset = start
    for i, line in enumerate(lines):
        if _FIELD.match(line):
            kind = _block_kind(lines, i)
            if kind is _TRANSPORT:
                return offset, i
            if kind is _MESSAGE and first is None:
                first = (offset, i)
        offset += len(line) + 1
    return first or (0, 0)


_MESSAGE = "message"
_TRANSPORT = "transport"
# Fields a message gets on its way, which no summary or pasted excerpt carries.
_TRANSPORT_FIELDS = frozenset(
    b"received return-path delivered-to message-id mime-version date".split()
)


def _block_kind(lines: list[bytes], i: int) -> str | None:
    """What begins on line ``i``: a header block with a transport's fields, one with the
    fields every message has (at least two fields, up to an empty line), or None."""
    fields = 0
    known = transport = False
    for line in lines[i:]:
        bare = line.rstrip(b"\r")
        if not bare:
            break
        if bare[:1] in (b" ", b"\t"):
            continue  # a folded field's continuation
        m = _FIELD.match(bare)
        if m is None:
            return None
        fields += 1
        name = bare[: bare.index(b":")].strip().lower()
        known = known or name in _MESSAGE_FIELDS
        transport = transport or name in _TRANSPORT_FIELDS
    if fields < 2 or not known:
        return None
    return _TRANSPORT if transport else _MESSAGE
