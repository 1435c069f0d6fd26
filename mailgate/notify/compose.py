"""Complete outgoing messages: headers that thread, that cannot be injected, and that
tell every mail program and autoresponder this mail is automatic when it is; a header
in the order mail programs write it, and plain text that wraps cleanly."""

from __future__ import annotations

import re
import secrets
from base64 import b64encode
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from email import encoders, quoprimime
from email.charset import QP, Charset
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import Compat32
from email.utils import format_datetime, formataddr
from typing import Any

from mailgate.classify import LOOP_HEADER
from mailgate.errors import Unaddressable
from mailgate.notify.flowed import to_flowed
from mailgate.parse.attachments import safe_filename

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
    """A file of an outgoing mail.  Its name is cleaned as an incoming one is (control,
    format and bidi characters, a path, leading and trailing dots): an agent's file
    named ``invoice\u202egpj.exe`` must not reach the client as ``invoiceexe.jpg``."""

    filename: str
    content_type: str
    data: bytes = field(repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "filename", safe_filename(self.filename, self.content_type, 1))


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

# RFC 5322 §2.1.1: lines of at most 78 characters; RFC 2047 §2: an encoded-word of at
# most 75.
_LINE = 78
_ENCODED_WORD = 75
# What an encoded-word in Q may carry as it is (RFC 2047 §5 (3), the strictest rule).
_Q_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!*+-/")


class _Wire(Compat32):
    """compat32 with CRLF line ends, writing ASCII fields itself: folded at the spaces
    they already have when longer than a line (RFC 5322 §2.2.3: unfolding gives the
    value back), never re-encoded.  The generic folding through a Header object costs
    more than the rest of composing a message, and could put a space where there was
    none."""

    def fold_binary(self, name: str, value: Any) -> bytes:
        if isinstance(value, str) and value.isascii() and "\n" not in value and "\r" not in value:
            return _fold(name, value, self.linesep).encode("ascii")
        return super().fold_binary(name, value)


def _fold(name: str, value: str, linesep: str) -> str:
    lines: list[str] = []
    line = f"{name}:"
    first = True
    for word in value.split(" "):
        if not first and len(line) + 1 + len(word) > _LINE:
            lines.append(line)
            line = ""
        line += " " + word
        first = False
    lines.append(line)
    return linesep.join(lines) + linesep


_WIRE = _Wire(linesep="\r\n")


def _address(p: Party) -> str:
    """``name <address>``, the name one phrase whatever it holds: a quoted string when it
    is ASCII, else encoded-words of at most 75 characters (a name that merely looks
    like an encoded-word is encoded too, RFC 2047 §6.2, or a reader would decode it
    into something else).  Read back, it gives the same name and one address."""
    if not p.address.isascii():
        raise Unaddressable(f"{p.address!r} is not an ASCII address (SMTPUTF8 is not used)")
    name = one_line(p.name)
    if not name:
        return p.address
    if name.isascii() and "=?" not in name:
        return formataddr((name, p.address))
    return f"{' '.join(_encoded_words(name))} <{p.address}>"


def _unstructured(value: str) -> str:
    """A Subject as ASCII: the words outside ASCII as RFC 2047 encoded-words, every other
    word as it is.  The ticket token (``#[123]``) thus stays readable to a filter or a
    mail program that does not decode headers, whatever language the subject is in."""
    value = one_line(value)
    out: list[str] = []
    run: list[str] = []
    for word in value.split(" "):
        # A word that looks like an encoded-word is encoded too, or a reader would decode
        # it (RFC 2047 §6.2).
        if word.isascii() and "=?" not in word:
            if run:
                out.extend(_encoded_words(" ".join(run)))
                run = []
            out.append(word)
        else:
            run.append(word)
    if run:
        out.extend(_encoded_words(" ".join(run)))
    return " ".join(out)


def _encoded_words(text: str) -> list[str]:
    """``text`` as encoded-words of at most 75 characters, cut between characters (never
    inside one's UTF-8 bytes): Q where it is mostly Latin and stays legible, else B,
    shorter for other scripts.  The spaces between adjacent encoded-words are dropped
    when read (RFC 2047 §6.2), so the pieces join up again exactly."""
    room = _ENCODED_WORD - len("=?utf-8?q??=")
    if 2 * sum(c.isascii() for c in text) >= len(text):
        return [f"=?utf-8?q?{w}?=" for w in _cut([_q(c) for c in text], len, room)]
    # Whole groups of 3 bytes, whose base64 fits in the room.
    chunks = _cut(list(text), lambda c: len(c.encode()), room // 4 * 3)
    return [f"=?utf-8?b?{b64encode(w.encode()).decode()}?=" for w in chunks]


def _cut(pieces: list[str], size: Callable[[str], int], room: int) -> list[str]:
    """``pieces`` joined into chunks of at most ``room`` by ``size``."""
    chunks: list[str] = []
    chunk = ""
    used = 0
    for piece in pieces:
        if chunk and used + size(piece) > room:
            chunks.append(chunk)
            chunk, used = "", 0
        chunk += piece
        used += size(piece)
    chunks.append(chunk)
    return chunks


def _q(char: str) -> str:
    return "".join(
        chr(b) if b in _Q_SAFE else "_" if b == 0x20 else f"={b:02X}" for b in char.encode()
    )


def compose(out: Outgoing) -> bytes:
    """The message as bytes with CRLF line ends.  Built with the stdlib's compat32
    classes: every value is already known to be one line, and the policy.default header
    parsers would cost more than the rest of processing a message.

    The header is in the conventional order — Date, From, To, Cc, Subject, Message-ID,
    In-Reply-To, References, then Reply-To, Auto-Submitted and the X- fields, then the
    MIME fields with MIME-Version once at their top — and the text part is format=flowed
    (mailgate.notify.flowed).

    A message without attachments (every acknowledgment, alert and notice) is written
    directly, to the same bytes: the classes and their generator cost more than
    rendering its templates, in the transaction that opens the ticket."""
    fields = _fields(out)
    if not out.attachments and all(_plain_field(v) for _n, v in fields):
        return _written(out, fields)
    return _composed(out)


def _fields(out: Outgoing) -> list[tuple[str, str]]:
    """The header fields above the MIME ones, in their order."""
    fields = [
        ("Date", format_datetime(out.date)),
        ("From", _address(out.from_)),
        ("To", ", ".join(_address(p) for p in out.to)),
    ]
    if out.cc:
        fields.append(("Cc", ", ".join(_address(p) for p in out.cc)))
    fields += [("Subject", _unstructured(out.subject)), ("Message-ID", f"<{out.message_id}>")]
    if out.in_reply_to:
        fields.append(("In-Reply-To", f"<{out.in_reply_to}>"))
    if out.references:
        fields.append(("References", " ".join(f"<{r}>" for r in out.references)))
    if out.reply_to is not None:
        fields.append(("Reply-To", _address(out.reply_to)))
    if out.automatic:
        # RFC 3834 §5: automatic responses say so; Exchange honours the second one and
        # sends no out-of-office reply to them.
        fields += [
            ("Auto-Submitted", out.auto_submitted),
            ("X-Auto-Response-Suppress", "All"),
        ]
    if out.loop_domain:
        fields.append((LOOP_HEADER, out.loop_domain))
    return fields


def _plain_field(value: str) -> bool:
    """Whether _Wire writes ``value`` itself (folded at its spaces)."""
    return value.isascii() and "\n" not in value and "\r" not in value


_CRLF = "\r\n"
_TEXT_TYPE = 'text/plain; charset="utf-8"; format=flowed; delsp=no'
_HTML_TYPE = 'text/html; charset="utf-8"'
_QP_FIELD = ("Content-Transfer-Encoding", "quoted-printable")
_LINE_ENDS = re.compile(r"\r\n|\r|\n")


def _written(out: Outgoing, fields: list[tuple[str, str]]) -> bytes:
    """What :func:`_composed` makes of a message without attachments, written directly:
    the header folded by _Wire's rule, each part in quoted-printable UTF-8 (the
    ``Charset`` of MIMEText: ``quoprimime.body_encode`` of its UTF-8 octets), parts
    between boundaries as the generator puts them."""
    text = _qp(to_flowed(out.text))
    if out.html is None:
        mime = [("MIME-Version", "1.0"), ("Content-Type", _TEXT_TYPE), _QP_FIELD]
        return (_header(fields + mime) + text).encode("ascii")
    boundary = f"=_mg_{secrets.token_hex(12)}"
    mime = [
        ("MIME-Version", "1.0"),
        ("Content-Type", f'multipart/alternative; boundary="{boundary}"'),
    ]
    parts = [
        _header([("Content-Type", _TEXT_TYPE), _QP_FIELD]) + text,
        _header([("Content-Type", _HTML_TYPE), _QP_FIELD]) + _qp(out.html),
    ]
    delimiter = f"{_CRLF}--{boundary}{_CRLF}"
    return (
        _header(fields + mime)
        + f"--{boundary}{_CRLF}"
        + delimiter.join(parts)
        + f"{_CRLF}--{boundary}--{_CRLF}"
    ).encode("ascii")


def _header(fields: list[tuple[str, str]]) -> str:
    return "".join(_fold(name, value, _CRLF) for name, value in fields) + _CRLF


def _qp(text: str) -> str:
    """A text part's body as the generator writes it: quoted-printable, CRLF."""
    if not text:
        return ""
    encoded = quoprimime.body_encode(text.encode("utf-8").decode("latin-1"))
    return _CRLF.join(_LINE_ENDS.split(encoded))


def _composed(out: Outgoing) -> bytes:
    """The message built with the stdlib's classes (any message with attachments)."""
    msg: Message
    body: Message
    plain = MIMEText(to_flowed(out.text), "plain", _UTF8)  # type: ignore[arg-type]
    plain.replace_header("Content-Type", f"{plain['Content-Type']}; format=flowed; delsp=no")
    if out.html is None:
        body = plain
    else:
        # A boundary beginning with "=_" cannot occur in quoted-printable text, so the
        # generator need not search the parts for it.
        body = MIMEMultipart("alternative", boundary=f"=_mg_{secrets.token_hex(12)}")
        body.attach(plain)
        body.attach(MIMEText(out.html, "html", _UTF8))  # type: ignore[arg-type]
    if out.attachments:
        msg = MIMEMultipart("mixed", boundary=f"=_mg_{secrets.token_hex(12)}")
        msg.attach(body)
        for a in out.attachments:
            msg.attach(_attachment(a))
    else:
        msg = body
    for part in msg.walk():
        if part is not msg:
            # Once, in the message's own header (RFC 2045 §4), though the classes write
            # it in every part.
            del part["MIME-Version"]
    # The MIME fields the classes wrote go below the others.
    mime = [(k, v) for k, v in msg.items() if k.lower() != "mime-version"]
    for name in {k for k, _ in msg.items()}:
        del msg[name]
    for name, value in _fields(out):
        msg[name] = value
    msg["MIME-Version"] = "1.0"
    for name, value in mime:
        msg[name] = value
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
    name = a.filename  # cleaned (OutAttachment)
    if name.isascii():
        part.add_header("Content-Disposition", "attachment", filename=name)
    else:
        part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", name))
    return part
