"""Complete outgoing messages: headers that thread, that cannot be injected, and that
tell every mail program and autoresponder this mail is automatic when it is."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from email import encoders
from email.charset import QP, Charset
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import Compat32
from email.utils import format_datetime, formataddr
from typing import Any

from mailgate.classify import LOOP_HEADER

_ONE_LINE = re.compile(r"[\r\n\t\x00-\x1f\x7f]+")


def one_line(value: str) -> str:
    """No CR or LF from a variable ever reaches a header (header injection)."""
    return " ".join(_ONE_LINE.sub(" ", value).split())


def new_message_id(domain: str) -> str:
    """A Message-ID mailgate issues: 128 random bits, the helpdesk's domain."""
    return f"mg.{secrets.token_hex(16)}@{domain}"


@dataclass(frozen=True)
class Party:
    name: str
    address: str


@dataclass(frozen=True)
class OutAttachment:
    filename: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Outgoing:
    from_: Party
    to: tuple[Party, ...]
    subject: str
    text: str
    html: str | None
    message_id: str
    date: datetime
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    automatic: bool = True
    loop_domain: str = ""
    reply_to: Party | None = None
    cc: tuple[Party, ...] = ()
    attachments: tuple[OutAttachment, ...] = ()
    # "auto-replied" (RFC 3834: in answer to a message) or "auto-generated".
    auto_submitted: str = "auto-replied"


_UTF8 = Charset("utf-8")
_UTF8.header_encoding = QP
_UTF8.body_encoding = QP


class _Wire(Compat32):
    """compat32 with CRLF line ends, writing short one-line ASCII fields as they are
    instead of through a Header object (the generic folding costs more than the rest of
    composing a message, and such a field has nothing to fold)."""

    def fold_binary(self, name: str, value: Any) -> bytes:
        if (
            isinstance(value, str)
            and value.isascii()
            and "\n" not in value
            and "\r" not in value
            and len(name) + len(value) + 2 <= 78
        ):
            return f"{name}: {value}{self.linesep}".encode("ascii")
        return super().fold_binary(name, value)


_WIRE = _Wire(linesep="\r\n")


class Unaddressable(ValueError):
    """An address outside ASCII (RFC 6531/6532 internationalized mail): mailgate writes
    ASCII headers and does not use SMTPUTF8, so it cannot send to it."""


def _address(p: Party) -> str:
    if not p.address.isascii():
        raise Unaddressable(f"{p.address!r} is not an ASCII address (SMTPUTF8 is not used)")
    return formataddr((one_line(p.name), p.address), charset=_UTF8)


def _unstructured(value: str) -> str:
    value = one_line(value)
    return value if value.isascii() else Header(value, _UTF8).encode()


def compose(out: Outgoing) -> bytes:
    """The message as bytes with CRLF line ends.  Built with the stdlib's compat32
    classes: every value is already known to be one line, and the policy.default header
    parsers would cost more than the rest of processing a message."""
    msg: Message
    body: Message
    if out.html is None:
        body = MIMEText(out.text, "plain", _UTF8)  # type: ignore[arg-type]
    else:
        # A boundary beginning with "=_" cannot occur in quoted-printable text, so the
        # generator need not search the parts for it.
        body = MIMEMultipart("alternative", boundary=f"=_mg_{secrets.token_hex(12)}")
        body.attach(MIMEText(out.text, "plain", _UTF8))  # type: ignore[arg-type]
        body.attach(MIMEText(out.html, "html", _UTF8))  # type: ignore[arg-type]
    if out.attachments:
        msg = MIMEMultipart("mixed", boundary=f"=_mg_{secrets.token_hex(12)}")
        msg.attach(body)
        for a in out.attachments:
            msg.attach(_attachment(a))
    else:
        msg = body
    msg["From"] = _address(out.from_)
    msg["To"] = ", ".join(_address(p) for p in out.to)
    if out.cc:
        msg["Cc"] = ", ".join(_address(p) for p in out.cc)
    if out.reply_to is not None:
        msg["Reply-To"] = _address(out.reply_to)
    msg["Subject"] = _unstructured(out.subject)
    msg["Date"] = format_datetime(out.date)
    msg["Message-ID"] = f"<{out.message_id}>"
    if out.in_reply_to:
        msg["In-Reply-To"] = f"<{out.in_reply_to}>"
    if out.references:
        msg["References"] = " ".join(f"<{r}>" for r in out.references)
    if out.automatic:
        # RFC 3834 §5: automatic responses say so; Exchange honours the second one and
        # sends no out-of-office reply to them.
        msg["Auto-Submitted"] = out.auto_submitted
        msg["X-Auto-Response-Suppress"] = "All"
    if out.loop_domain:
        msg[LOOP_HEADER] = out.loop_domain
    return msg.as_bytes(policy=_WIRE)


def _attachment(a: OutAttachment) -> Message:
    maintype, _, subtype = a.content_type.partition("/")
    part: Message
    if maintype == "application" or not subtype:
        part = MIMEApplication(a.data, subtype or "octet-stream")
    else:
        part = MIMEBase(maintype, subtype)
        part.set_payload(a.data)
        encoders.encode_base64(part)
    # RFC 2231 for a name that is not plain ASCII (every current mail program reads it).
    name = one_line(a.filename) or "attachment"
    if name.isascii():
        part.add_header("Content-Disposition", "attachment", filename=name)
    else:
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    return part
