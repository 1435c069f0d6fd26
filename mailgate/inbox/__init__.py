"""The durable hand-off between receiving and processing.

Every receiver (SMTP/LMTP listener, ``deliver``, ``import``) does one thing: write the raw
bytes and the envelope to the inbox table in one transaction, then acknowledge.  Nothing
is acknowledged before the commit; a message that cannot be committed raises
:class:`NotStored` and each edge turns that into its own "try again later" (SMTP 451,
exit code 75).

The same message received twice — same Message-ID and same body — is stored once; the
second delivery is acknowledged with the first one's inbox id.

The listener's writes go through the group-commit writer process in ``writer``.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence

from mailgate.envelope import Envelope
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import InboxRepo, NewMessage, StoreResult

log = logging.getLogger(__name__)

__all__ = [
    "Envelope",
    "NotStored",
    "StoreResult",
    "UnknownRecipient",
    "dedupe_fields",
    "store_messages",
]


class NotStored(Exception):
    """The message was not committed; the sender must try again later."""


class UnknownRecipient(Exception):
    """No department owns this address."""

    def __init__(self, address: str) -> None:
        super().__init__(f"no department owns {address}")
        self.address = address


_HEADER_END = re.compile(rb"\r?\n\r?\n")
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*((?:.*)(?:\r?\n[ \t].*)*)", re.I | re.M)
_ID_IN_ANGLES = re.compile(rb"<([^<>\s]+)>")


def dedupe_fields(raw: bytes) -> tuple[str, str | None, str]:
    """``(dedupe_key, message_id, sha256)`` of a raw message, without parsing it.

    The key covers the Message-ID and the body with its line ends normalised, so the same
    message is recognised when a relay re-delivers it with other trace headers
    (Received, Delivered-To) or other line ends; without a Message-ID it is the hash of
    the whole message."""
    sha = hashlib.sha256(raw).hexdigest()
    m = _HEADER_END.search(raw)
    head, body = (raw[: m.start()], raw[m.end() :]) if m else (raw, b"")
    mid_match = _MESSAGE_ID.search(head)
    message_id: str | None = None
    if mid_match:
        value = mid_match.group(1)
        angle = _ID_IN_ANGLES.search(value)
        token = angle.group(1) if angle else value.strip()
        if token:
            message_id = token.decode("ascii", "replace")[:998]
    if message_id is None:
        return sha, None, sha
    h = hashlib.sha256(message_id.encode("utf-8"))
    h.update(b"\0")
    h.update(body.replace(b"\r\n", b"\n"))
    return h.hexdigest(), message_id, sha


def new_message(envelope: Envelope, raw: bytes) -> NewMessage:
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
    )


def store_messages(store: Store, items: Sequence[tuple[Envelope, bytes]]) -> list[StoreResult]:
    """Commit messages to the inbox in one transaction.  Raises :class:`NotStored`."""
    batch = [new_message(env, raw) for env, raw in items]
    try:
        with store.write() as session:
            return InboxRepo(session).add_many(batch)
    except Exception as e:
        raise NotStored(f"{type(e).__name__}: {e}") from e
