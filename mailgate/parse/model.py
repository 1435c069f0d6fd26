"""The values parse produces: immutable, built once, safe to hand to any later stage."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mailgate.addresses import normalize_address
from mailgate.vocabulary import Term


@dataclass(frozen=True)
class Address:
    name: str
    address: str

    @property
    def normalized(self) -> str:
        return normalize_address(self.address)

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "address": self.address}


class SenderSource(Term):
    """Where a message's sender was read (:mod:`mailgate.parse.sender`)."""

    FROM = "from"
    SENDER = "sender"
    REPLY_TO = "reply-to"
    RETURN_PATH = "return-path"
    ENVELOPE = "envelope"
    NONE = ""

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]

    @property
    def header(self) -> str:
        """The header field it is read from ("" for the envelope or none)."""
        return _SOURCE_HEADERS.get(self, "")


_SOURCE_LABELS = {
    SenderSource.FROM: "the From field",
    SenderSource.SENDER: "the Sender field",
    SenderSource.REPLY_TO: "the Reply-To field",
    SenderSource.RETURN_PATH: "the Return-Path field (the envelope sender)",
    SenderSource.ENVELOPE: "the envelope sender of its delivery",
    SenderSource.NONE: "nowhere",
}
_SOURCE_HEADERS = {
    SenderSource.FROM: "From",
    SenderSource.SENDER: "Sender",
    SenderSource.REPLY_TO: "Reply-To",
    SenderSource.RETURN_PATH: "Return-Path",
}


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    size: int
    sha256: str
    inline: bool
    content_id: str | None
    data: bytes = field(repr=False)
    # A program (recognised by its content): "windows-pe", "elf", "mach-o", "script" …
    executable: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.size,
            "sha256": self.sha256,
            "inline": self.inline,
            "content_id": self.content_id,
            "executable": self.executable,
        }


@dataclass(frozen=True)
class Forward:
    """A message attached to this one (``message/rfc822``: a forward "as attachment", a
    message returned whole): what it says, readable, with its own attachments.  The
    message itself is also kept, byte for byte, as the ``.eml`` attachment ``filename``."""

    filename: str
    subject: str
    from_: Address | None
    to: tuple[Address, ...]
    date: datetime | None
    text: str
    attachments: tuple[Attachment, ...]

    def readable(self) -> str:
        """The message as a mail program shows a forward inline."""
        head = ["---------- Forwarded message ----------"]
        if self.from_ is not None:
            head.append(f"From: {_display(self.from_)}")
        if self.date is not None:
            head.append(f"Date: {self.date.strftime('%a, %d %b %Y %H:%M %Z')}")
        head.append(f"Subject: {self.subject}")
        if self.to:
            head.append("To: " + ", ".join(_display(a) for a in self.to))
        parts = ["\n".join(head), self.text.strip("\n")]
        if self.attachments:
            parts.append(
                "\n".join(f"[attachment: {a.filename}]" for a in self.attachments if not a.inline)
            )
        return "\n\n".join(p for p in parts if p)

    def as_dict(self) -> dict[str, Any]:
        return {
            "filename": self.filename,
            "subject": self.subject,
            "from": self.from_.as_dict() if self.from_ else None,
            "to": [a.as_dict() for a in self.to],
            "date": self.date.isoformat() if self.date else None,
            "text": self.text,
            "attachments": [a.as_dict() for a in self.attachments],
        }


def _display(a: Address) -> str:
    return f"{a.name} <{a.address}>" if a.name else a.address


@dataclass(frozen=True)
class ParsedMail:
    """Everything later stages need from one message.  Built by :func:`parse_message`,
    which never raises on malformed mail: what it cannot read is listed in ``defects``."""

    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    date: datetime | None
    subject: str
    from_: Address | None
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    reply_to: tuple[Address, ...]
    text: str
    html: str | None
    reply_text: str
    attachments: tuple[Attachment, ...]
    ticket_number: int | None
    defects: tuple[str, ...]
    content_type: str
    # Top-level header fields, decoded, names lower-cased, in order of appearance: what
    # classify reads (Auto-Submitted, Precedence, List-Id, …).
    headers: tuple[tuple[str, str], ...] = ()
    # Messages attached whole, readable (their text is also in ``text``).
    forwards: tuple[Forward, ...] = ()
    # How the message is signed or encrypted ("S/MIME", "PGP/MIME", "inline PGP"), or
    # None.  Signatures are kept as attachments and the raw message is stored as it
    # came; mailgate holds no keys, so a signature is noted, not verified.
    signature: str | None = None
    encryption: str | None = None
    # Every mailbox of the From field: RFC 5322 §3.6.2 allows several authors, and the
    # first is read as the sender (``from_``).
    from_mailboxes: tuple[Address, ...] = ()
    # Why the From field may not be what it seems to a reader: several mailboxes, or a
    # display name showing another address than the sender's.  Flagged on the ticket,
    # never a reason to drop the message.
    from_warnings: tuple[str, ...] = ()
    # Where ``from_`` was read: the From field, or a fallback when it has no usable
    # address (:mod:`mailgate.parse.sender`).
    from_source: SenderSource = SenderSource.FROM

    def header(self, name: str) -> str | None:
        """The first value of a header field, or None."""
        wanted = name.lower()
        for k, v in self.headers:
            if k == wanted:
                return v
        return None

    def header_all(self, name: str) -> list[str]:
        wanted = name.lower()
        return [v for k, v in self.headers if k == wanted]

    @property
    def over_limit(self) -> str | None:
        """The parsing limit this message went over (header block, MIME depth, number of
        parts), or None: such a message is quarantined, never processed half-read."""
        for d in self.defects:
            if d.startswith("limit:"):
                return d.removeprefix("limit:").strip()
        return None

    def thread_ids(self) -> list[str]:
        """Message-IDs this message answers, most specific first: In-Reply-To, then
        References from the newest to the oldest."""
        out: list[str] = []
        if self.in_reply_to:
            out.append(self.in_reply_to)
        for ref in reversed(self.references):
            if ref not in out:
                out.append(ref)
        return out

    def as_json(self) -> dict[str, Any]:
        """The document ``mailgate parse --json`` prints."""
        return {
            "message_id": self.message_id,
            "in_reply_to": self.in_reply_to,
            "references": list(self.references),
            "date": self.date.isoformat() if self.date else None,
            "subject": self.subject,
            "from": self.from_.as_dict() if self.from_ else None,
            "sender": self.sender.as_dict() if self.sender else None,
            "to": [a.as_dict() for a in self.to],
            "cc": [a.as_dict() for a in self.cc],
            "reply_to": [a.as_dict() for a in self.reply_to],
            "content_type": self.content_type,
            "text": self.text,
            "html": self.html,
            "reply_text": self.reply_text,
            "attachments": [a.as_dict() for a in self.attachments],
            "ticket_number": self.ticket_number,
            "defects": list(self.defects),
            "over_limit": self.over_limit,
            "forwards": [f.as_dict() for f in self.forwards],
            "signature": self.signature,
            "encryption": self.encryption,
            "from_mailboxes": [a.as_dict() for a in self.from_mailboxes],
            "from_warnings": list(self.from_warnings),
            "from_source": str(self.from_source) or None,
            # Flat keys, as the corpus scorers read them.
            "from_address": self.from_.address if self.from_ else None,
            "from_name": self.from_.name if self.from_ else None,
            "body_text": self.text,
            "body_html": self.html,
        }
