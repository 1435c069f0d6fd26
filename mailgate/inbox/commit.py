"""Committing received messages to the inbox, and recognising the same message twice.

``store_messages`` writes raw bytes and their envelopes in one transaction and raises
:class:`NotStored` when it cannot.  ``dedupe_fields`` computes, without parsing, the key
by which the same message delivered again (by another relay or mailbox) is stored once;
``new_message`` makes the inbox row of a message, for the writers that commit it
themselves (the listener's writer, the IMAP poller) or make it elsewhere (``mailgate
import --workers``), and ``store_new_messages`` commits such rows.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence

from mailgate.envelope import Envelope
from mailgate.errors import NotStored
from mailgate.store.engine import Store
from mailgate.store.inbox_rows import NewMessage, StoreResult, insert_messages

log = logging.getLogger(__name__)


_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)", re.I | re.M)
_ID_IN_ANGLES = re.compile(rb"<([^<>\s]+)>")


# Header fields that say how a copy travelled, not what it is: another relay, another
# mailbox, another spam filter adds other ones to the same message.
_TRACE_FIELDS = frozenset(
    {
        b"received",
        b"return-path",
        b"delivered-to",
        b"x-original-to",
        b"envelope-to",
        b"x-envelope-to",
        b"x-envelope-from",
        b"authentication-results",
        b"received-spf",
        b"arc-seal",
        b"arc-message-signature",
        b"arc-authentication-results",
    }
)
_TRACE_PREFIXES = (b"x-spam", b"x-virus", b"x-amavis", b"x-ms-exchange-organization")


def dedupe_fields(raw: bytes) -> tuple[str, str | None, str]:
    """``(dedupe_key, message_id, sha256)`` of a raw message, without parsing it.

    The key is a hash of the message's content: every header field except those that
    trace its route (Received, Delivered-To, spam scores …) and the body, line ends
    normalised to CRLF.  So the same message is recognised when a relay or a mailbox
    delivers it again, while two messages that only share a Message-ID are not taken for
    one."""
    sha = hashlib.sha256(raw).hexdigest()
    m = _HEADER_END.search(raw)
    head_end, body_start = (m.start(), m.end()) if m else (len(raw), len(raw))
    head = raw[:head_end]
    h = hashlib.sha256()
    for field in _fields(head):
        name = field.split(b":", 1)[0].strip().lower()
        if name in _TRACE_FIELDS or name.startswith(_TRACE_PREFIXES):
            continue
        h.update(field)
        h.update(b"\n")
    h.update(b"\0")
    _hash_crlf(h, raw, body_start)
    return h.hexdigest(), _message_id(head), sha


_BLOCK = 1 << 20


def _hash_crlf(h: hashlib._Hash, raw: bytes, start: int) -> None:
    """Hash ``raw[start:]`` (the body) with CRLF line ends, without a copy of it: mail from
    SMTP and IMAP has them already, and counting is far cheaper than rewriting a body
    with thousands of lines; other mail is rewritten a block at a time."""
    lf = raw.count(b"\n", start)
    if lf == raw.count(b"\r\n", start):
        h.update(memoryview(raw)[start:])
        return
    pos = start
    while pos < len(raw):
        # Each block ends after a LF: no CR LF is split between two.
        cut = raw.find(b"\n", pos + _BLOCK)
        end = len(raw) if cut < 0 else cut + 1
        h.update(raw[pos:end].replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
        pos = end


def _fields(head: bytes) -> list[bytes]:
    """The header block as unfolded fields, trailing white space removed."""
    fields: list[bytes] = []
    for line in head.replace(b"\r\n", b"\n").split(b"\n"):
        if line[:1] in (b" ", b"\t") and fields:
            fields[-1] += b" " + line.strip()
        else:
            fields.append(line.rstrip())
    return fields


def _message_id(head: bytes) -> str | None:
    m = _MESSAGE_ID.search(head)
    if m is None:
        return None
    angle = _ID_IN_ANGLES.search(m.group(1))
    token = angle.group(1) if angle else m.group(1).strip()
    text = token.decode("ascii", "replace")[:998]
    # Control characters (a NUL, say) cannot be stored in every database.
    return "".join(ch for ch in text if ch.isprintable()) or None


def new_message(envelope: Envelope, raw: bytes, *, notify: bool = True) -> NewMessage:
    key, message_id, sha = dedupe_fields(raw)
    return NewMessage(
        source=envelope.source,
        source_ref=envelope.source_ref,
        envelope_sender=envelope.sender,
        recipients=list(envelope.recipients),
        raw=raw,
        sha256=sha,
        message_id=message_id,
        dedupe_key=key,
        notify=notify,
    )


def store_messages(
    store: Store, items: Sequence[tuple[Envelope, bytes]], *, notify: bool = True
) -> list[StoreResult]:
    """Commit messages to the inbox in one transaction.  Raises :class:`NotStored`.
    ``notify=False``: processing them sends no mail to anyone (an import)."""
    return store_new_messages(store, [new_message(env, raw, notify=notify) for env, raw in items])


def store_new_messages(store: Store, batch: Sequence[NewMessage]) -> list[StoreResult]:
    """Commit rows made by :func:`new_message` to the inbox in one transaction.  Raises
    :class:`NotStored`."""
    try:
        with store.write_connection() as conn:
            return insert_messages(conn, batch)
    except Exception as e:
        raise NotStored(f"{type(e).__name__}: {e}") from e
