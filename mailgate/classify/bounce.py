"""Reading a delivery report: who could not be reached, why, and which of our messages
it returns.

Standard reports (RFC 3464) carry a ``message/delivery-status`` part with one block per
recipient (``Final-Recipient``, ``Action``, ``Status``, ``Diagnostic-Code``) and the
returned message as ``message/rfc822`` or ``text/rfc822-headers`` (RFC 6522).  Many
mail systems (qmail, Exim, Exchange, mobile carriers…) write prose instead; for those the
status, recipients and Message-ID are read from the text, and the reason from its words
(:mod:`mailgate.classify.reasons`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.parser import BytesHeaderParser
from email.policy import compat32
from typing import Any

from mailgate.classify.reasons import is_hard, reason_for
from mailgate.parse.model import ParsedMail

DSN_TYPES = ("message/delivery-status", "message/global-delivery-status")
RETURNED_TYPES = ("message/rfc822", "text/rfc822-headers", "message/global")

# RFC 3463 §2: class.subject.detail; the class of a failure is 4 or 5 (2 is success).
STATUS_RX = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
# Starts only where a local part can start: without the lookbehind, a long run of word
# characters with no @ is rescanned from every position (quadratic on hostile text).
ADDRESS_RX = re.compile(
    r"(?<![\w.!#$%&'*+/=?^`{|}~-])[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)
# A report states its findings near the top; past this much text there is only the
# returned message or filler, and reading less bounds the work of a hostile one.
REPORT_TEXT_LIMIT = 64 * 1024
MESSAGE_ID_RX = re.compile(r"^[ \t>]*Message-Id:[ \t]*(<[^>\s]+>)", re.I | re.M)
# Where the report's own words end and the returned message begins.
ORIGINAL_MARKERS = re.compile(
    r"^[ \t]*(?:-+ ?(?:original message|this is a copy|undelivered message|returned message)"
    r"|-+ ?(?:the )?(?:original|headers? of the original)|content-type: message/rfc822"
    r"|received: from |return-path: )",
    re.I | re.M,
)


@dataclass(frozen=True)
class Bounce:
    """What a delivery report says about one returned message."""

    status: str  # D.S.N. status of the first failed recipient ("5.1.1"), "" when unknown
    reason: str  # a reason class: userunknown, mailboxfull, expired, feedback, …
    hard: bool  # permanent: trying again will not help
    recipients: tuple[str, ...]  # the recipients that failed
    original_message_id: str | None  # the Message-ID of the returned message

    def as_json(self) -> dict[str, Any]:
        return {
            "status": self.status or None,
            "reason": self.reason,
            "hard": self.hard,
            "recipients": list(self.recipients),
            "original_message_id": self.original_message_id,
        }


@dataclass(frozen=True)
class RecipientStatus:
    recipient: str
    action: str
    status: str
    diagnostic: str


def dsn_fields(block: str) -> dict[str, str]:
    """One block of a ``message/delivery-status`` body as lower-cased field → value,
    continuation lines unfolded."""
    fields: dict[str, str] = {}
    last = ""
    for line in block.splitlines():
        if line[:1] in (" ", "\t") and last:
            fields[last] += " " + line.strip()
        elif ":" in line:
            name, _, value = line.partition(":")
            last = name.strip().lower()
            fields.setdefault(last, value.strip())
    return fields


def dsn_recipients(report: str) -> list[RecipientStatus]:
    """The per-recipient blocks of a delivery-status body (RFC 3464 §2.3)."""
    out: list[RecipientStatus] = []
    for block in re.split(r"\n[ \t]*\n", report.replace("\r\n", "\n")):
        f = dsn_fields(block)
        # RFC 3464 §2.3.1: Original-Recipient is the address as the sender wrote it;
        # Final-Recipient may be what an alias or forward rewrote it to.  The address
        # mailgate wrote to is the one to mark and suppress.
        original = f.get("original-recipient", "")
        rcpt = original if "@" in original else f.get("final-recipient") or original
        if not rcpt:
            continue
        address = rcpt.split(";", 1)[-1].strip().strip("<>")
        status_m = STATUS_RX.search(f.get("status", ""))
        status = ".".join(status_m.groups()) if status_m else ""
        out.append(
            RecipientStatus(
                address, f.get("action", "").lower(), status, f.get("diagnostic-code", "")
            )
        )
    return out


def report_text(mail: ParsedMail) -> str:
    """The report's own words: the body text up to where the returned message starts."""
    text = mail.text[:REPORT_TEXT_LIMIT]
    m = ORIGINAL_MARKERS.search(text)
    return text[: m.start()] if m else text


def original_message_id(mail: ParsedMail) -> str | None:
    """The Message-ID of the returned message: from the attached message or headers, or
    from the headers quoted in the body."""
    for att in mail.attachments:
        if att.content_type in RETURNED_TYPES and att.data:
            head = BytesHeaderParser(policy=compat32).parsebytes(att.data)
            value = head.get("message-id")
            if value:
                m = re.search(r"<[^>\s]+>", str(value))
                if m:
                    return m.group(0)[1:-1]
    for m in MESSAGE_ID_RX.finditer(mail.text):
        found = m.group(1)[1:-1]
        if found != mail.message_id:
            return found
    return None


def _text_recipients(mail: ParsedMail, text: str) -> tuple[str, ...]:
    own = {a.normalized for a in (*mail.to, *mail.cc)}
    if mail.from_ is not None:
        own.add(mail.from_.normalized)
    out: list[str] = []
    for m in ADDRESS_RX.finditer(text):
        address = m.group(0).strip(".").lower()
        local = address.split("@", 1)[0]
        if address in own or address in out or local in ("postmaster", "mailer-daemon"):
            continue
        out.append(address)
    return tuple(out[:1])


def _best_status(text: str) -> str:
    """The failure status a text states: the first specific one (a generic X.0.0 only
    when there is no other); success codes (2.X.X) are not failures."""
    codes = [".".join(m.groups()) for m in STATUS_RX.finditer(text) if m.group(1) != "2"]
    specific = [c for c in codes if not c.endswith(".0.0")]
    return (specific or codes or [""])[0]


def failure_report(mail: ParsedMail) -> Bounce:
    """The bounce record of a delivery failure report, standard or not."""
    text = report_text(mail)
    failed: list[RecipientStatus] = []
    for att in mail.attachments:
        # A report whose MIME structure could not be read is kept whole, as one part of
        # its own type: its delivery-status blocks are still in there.
        if att.content_type in DSN_TYPES or att.content_type == "multipart/report":
            blocks = dsn_recipients(att.data.decode("utf-8", "replace"))
            failed = [b for b in blocks if b.action in ("failed", "delayed", "")] or blocks
            if failed:
                break
    if failed:
        first = failed[0]
        # A Diagnostic-Code often carries the remote server's own, more precise code
        # where the reporting MTA wrote a generic Status (Sendmail, SES, Exchange);
        # OpenSMTPD writes it only in the text.
        status = _best_status(first.diagnostic) or first.status
        if not status or status.endswith(".0.0"):
            status = _best_status(text) or status
        recipients = tuple(r.recipient for r in failed)
        words = first.diagnostic or text
    else:
        status = _best_status(text)
        recipients = _text_recipients(mail, text)
        words = text
    reason = reason_for(status, words, text)
    return Bounce(
        status=status,
        reason=reason,
        hard=is_hard(status, reason) and not (failed and failed[0].action == "delayed"),
        recipients=recipients,
        original_message_id=original_message_id(mail),
    )


# Header fields only a mail system writes into a message it carries (a person's inline
# forward shows From, Date, Subject and To): their presence in a report's text means the
# returned message's header block is quoted there.
RETURNED_HEADER_RX = re.compile(
    r"^[ \t>]*(?:received:[ \t]+(?:from|by)\b|message-id:[ \t]*<|return-path:[ \t]*<)",
    re.I | re.M,
)


def carries_report(mail: ParsedMail) -> bool:
    """Whether the message has the structure of a delivery report: a
    ``message/delivery-status`` part (RFC 3464), the message it returns attached
    (``message/rfc822``, ``text/rfc822-headers``: RFC 6522), or that message's header
    block quoted in its text (the prose reports of qmail, Exim, Exchange, carriers…).

    A person's forward can carry a message too: this tells a report's *structure*, and
    the rules ask it only of mail that no person sent (the null reverse-path, no From, a
    mail system's or a no-reply address)."""
    for att in mail.attachments:
        if att.content_type in DSN_TYPES or att.content_type in RETURNED_TYPES:
            return True
    return bool(RETURNED_HEADER_RX.search(mail.text[:REPORT_TEXT_LIMIT]))


def has_failure_words(mail: ParsedMail) -> bool:
    """Whether the text of a message from a machine sender reads like a failure report."""
    text = report_text(mail).lower()
    return bool(STATUS_RX.search(text)) or reason_for("", text) not in ("undefined", "vacation")
