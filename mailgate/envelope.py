"""The envelope: what the transport said about a message, as opposed to its headers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Envelope:
    source: str  # smtp | lmtp | deliver | import | imap
    sender: str | None  # MAIL FROM; "" is the null reverse-path <>; None when not known
    recipients: tuple[str, ...]
    source_ref: str | None = None  # the peer, the file, or the mailbox and UID


def reverse_path(value: str | None) -> str | None:
    """The envelope sender as a transport gave it → how it is stored: None when not
    given, "" for the null reverse-path (``<>``; Postfix passes an empty ${sender},
    procmail and fetchmail write MAILER-DAEMON), else the address without brackets."""
    if value is None:
        return None
    s = value.strip()
    if s in ("", "<>") or s.upper() == "MAILER-DAEMON":
        return ""
    return s.strip("<>")


def imap_ref(account: str, folder: str, uidvalidity: int, uid: int) -> str:
    """Where a message fetched over IMAP came from, as the inbox records it."""
    return f"imap:{account}/{folder};uidvalidity={uidvalidity};uid={uid}"


def imap_account_of(envelope: Envelope) -> str | None:
    """The IMAP account a message was fetched from, or None."""
    ref = envelope.source_ref or ""
    if envelope.source != "imap" or not ref.startswith("imap:"):
        return None
    return ref[5:].split("/", 1)[0]
