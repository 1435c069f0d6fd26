"""The envelope: what the transport said about a message, as opposed to its headers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Envelope:
    source: str  # smtp | lmtp | deliver | import | imap
    sender: str | None  # MAIL FROM; "" is the null reverse-path <>; None when not known
    recipients: tuple[str, ...]
    source_ref: str | None = None  # the peer, the file, or the mailbox and UID
