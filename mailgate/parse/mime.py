"""Walking the MIME tree: which parts are the body, which are attachments.

- ``multipart/alternative``: the text/plain alternative is the text, the text/html one the
  HTML; images inside a ``multipart/related`` alternative are inline attachments.
- ``multipart/mixed`` and others: inline text parts without a file name are the body (Apple
  Mail splits a body around inline images, so they are joined in order); every other
  leaf is an attachment.
- ``message/rfc822``: a forwarded or bounced message, kept whole as an ``.eml``
  attachment named after its subject, and read as a :class:`Forward` of its own (its
  text and its attachments).
- ``application/ms-tnef`` (Outlook's ``winmail.dat``): unpacked into the files it
  carries; kept as it is when it cannot be read.
- A part that cannot be decoded is kept as an attachment of its raw bytes, with a defect.

Limits (depth, number of parts) bound the work one hostile message can cause; what lies
beyond them is recorded as a defect, not silently dropped: the raw message is stored.
"""

from __future__ import annotations

import binascii
import hashlib
import re
from dataclasses import dataclass, field
from email.generator import BytesGenerator
from email.message import Message
from email.policy import Compat32
from io import BytesIO
from typing import Any

from mailgate.parse.attachments import TYPES, executable_kind, safe_filename, split_uuencoded
from mailgate.parse.charsets import as_written, codec_for, decode_bytes, says_nothing
from mailgate.parse.header_charset import MessageCharsets, message_charsets
from mailgate.parse.headers import decode_raw_8bit, decode_words, parse_addresses, parse_date
from mailgate.parse.html import html_to_text, meta_charset
from mailgate.parse.model import Address, Attachment, Forward
from mailgate.parse.tnef import unpack_tnef


class _Verbatim(Compat32):
    """Writes header fields back as they were read (an attached message is kept as close
    to its original bytes as the parser allows; refolding can fail on malformed
    fields)."""

    def fold_binary(self, name: str, value: str) -> bytes:
        return f"{name}: {value}{self.linesep}".encode("ascii", "surrogateescape")

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


_VERBATIM = _Verbatim(linesep="\r\n")


@dataclass
class Body:
    text_parts: list[str] = field(default_factory=list)
    html_parts: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    forwards: list[Forward] = field(default_factory=list)
    # A body found only inside a winmail.dat: the text when the mail has no other.
    tnef_text: list[str] = field(default_factory=list)
    # An HTML body with no plain rendering, before the message's plain parts: what a list
    # does to an HTML-only post, appending its footer as a plain part of its own.
    html_before_text: bool = False
    parts: int = 0
    # The charset of the raw 8-bit bytes in the message's header fields, file names
    # included (:mod:`mailgate.parse.header_charset`).
    header_charset: str | None = None
    # What the message's labels really mean (MessageCharsets.relabel).
    relabel: dict[str, str] = field(default_factory=dict)
    # The charsets its text is written in (MessageCharsets.written).
    written: tuple[str, ...] = ()


# Defects that begin with this mark a parsing limit the message went over: such a
# message is stored and quarantined with the reason, never processed half-read.
LIMIT = "limit:"


def too_deep(max_depth: int) -> str:
    return f"{LIMIT} MIME parts nested deeper than {max_depth}; not read"


@dataclass(frozen=True)
class Limits:
    max_depth: int = 20
    max_parts: int = 500


def walk(msg: Message, limits: Limits, charsets: MessageCharsets | None = None) -> Body:
    found = charsets or MessageCharsets()
    body = Body(header_charset=found.header, relabel=found.relabel, written=found.written)
    _walk(msg, body, limits, depth=0, alternative=False)
    return body


def _walk(part: Message, body: Body, limits: Limits, depth: int, alternative: bool) -> None:
    body.parts += 1
    if body.parts > limits.max_parts:
        if body.parts == limits.max_parts + 1:
            body.defects.append(
                f"{LIMIT} more than {limits.max_parts} MIME parts; the rest not read"
            )
        return
    if depth > limits.max_depth:
        body.defects.append(too_deep(limits.max_depth))
        return
    _collect_defects(part, body)
    ctype = part.get_content_type()
    if ctype == "message/rfc822" or (ctype.startswith("message/") and part.is_multipart()):
        _attach_message(part, body, limits, depth)
        return
    if part.is_multipart():
        payload = part.get_payload()
        children = (
            [c for c in payload if isinstance(c, Message)] if isinstance(payload, list) else []
        )
        if ctype == "multipart/alternative":
            _walk_alternative(children, body, limits, depth)
            return
        for child in children:
            _walk(child, body, limits, depth + 1, alternative)
        return
    disposition = (part.get_content_disposition() or "").lower()
    filename = _filename(part, body)
    if ctype in ("text/plain", "text/html") and disposition != "attachment" and not filename:
        text = _decode_text(part, body)
        _release(part)
        if ctype == "text/plain":
            text, uufiles = split_uuencoded(text)
            body.text_parts.append(text)
            for name, data in uufiles:
                _add_attachment(body, name, _guess_type(name), data, inline=False, cid=None)
        else:
            if not alternative and not body.text_parts:
                body.html_before_text = True
            body.html_parts.append(text)
        return
    data = _payload_bytes(part, body)
    _release(part)
    is_tnef = ctype == "application/ms-tnef" or (filename or "").lower() == "winmail.dat"
    if is_tnef and _unpack_winmail(body, data):
        return
    cid = (part.get("content-id") or "").strip().strip("<>").strip() or None
    inline = disposition == "inline" or (cid is not None and disposition != "attachment")
    _add_attachment(body, filename, ctype, data, inline=inline, cid=cid)


def _unpack_winmail(body: Body, data: bytes) -> bool:
    """Outlook's TNEF container replaced by the files (and body) it carries; False when
    it cannot be read or holds nothing, and it is then kept as it came."""
    unpacked = unpack_tnef(data)
    if unpacked.error is not None:
        body.defects.append(f"winmail.dat: cannot be read ({unpacked.error}); kept as it is")
        return False
    if not unpacked.files and not unpacked.text:
        return False
    for name, payload in unpacked.files:
        _add_attachment(body, name, _guess_type(name), payload, inline=False, cid=None)
    if unpacked.text:
        body.tnef_text.append(unpacked.text)
    return True


def _walk_alternative(children: list[Message], body: Body, limits: Limits, depth: int) -> None:
    """Keep one plain and one HTML rendering: the last of each, as RFC 2046 §5.1.4 orders
    alternatives from the plainest to the richest."""
    plain: Body | None = None
    rich: Body | None = None
    for child in children:
        sub = Body(
            parts=body.parts,
            header_charset=body.header_charset,
            relabel=body.relabel,
            written=body.written,
        )
        _walk(child, sub, limits, depth + 1, alternative=True)
        body.parts = sub.parts
        body.defects.extend(sub.defects)
        body.forwards.extend(sub.forwards)
        body.tnef_text.extend(sub.tnef_text)
        if sub.html_parts:
            rich = sub
        elif sub.text_parts:
            plain = sub
        else:
            body.attachments.extend(sub.attachments)
    if plain is not None:
        body.text_parts.extend(plain.text_parts)
        body.attachments.extend(plain.attachments)
    if rich is not None:
        body.html_parts.extend(rich.html_parts)
        body.attachments.extend(rich.attachments)
        if plain is None:
            body.text_parts.extend(rich.text_parts)


def _collect_defects(part: Message, body: Body) -> None:
    for d in getattr(part, "defects", ()):
        name = type(d).__name__
        if name not in body.defects:
            body.defects.append(name)


def _param(part: Message, name: str, body: Body) -> str | None:
    """A Content-Type parameter, or None; the stdlib raises on some malformed ones
    (raw 8-bit bytes in RFC 2231 values)."""
    try:
        value = part.get_param(name)
    except Exception:  # noqa: BLE001 - any failure here is a defect of the mail
        body.defects.append(f"mime: unreadable {name} parameter")
        return None
    return value if isinstance(value, str) else None


def _filename(part: Message, body: Body) -> str | None:
    """The file name a part is given: Content-Disposition's ``filename``, else
    Content-Type's ``name`` (many programs give only that); RFC 2231 values decoded with
    the charset they declare (read as the superset its senders use: GB 18030 for GB2312),
    RFC 2047 words and raw 8-bit bytes with the message's header charset."""
    for field_name, param in (("content-disposition", "filename"), ("content-type", "name")):
        try:
            value = _name_param(part, field_name, param)
        except Exception:  # noqa: BLE001 - any failure here is a defect of the mail
            body.defects.append("mime: unreadable file name parameter")
            continue
        if isinstance(value, tuple):  # RFC 2231: (charset, language, %-decoded text)
            charset, _language, text = value
            data = str(text).encode("latin-1", "surrogateescape")
            decoded = decode_bytes(
                data,
                charset or body.header_charset,
                what="filename",
                relabel=body.relabel,
                written=body.written,
            )
            if decoded.defect:
                body.defects.append(decoded.defect)
            return decoded.text.strip()
        if value is not None:
            name = str(value)
            # RFC 2047 words in a quoted parameter are not allowed, and everyone writes
            # them.
            raw = decode_raw_8bit(name, body.header_charset, body.defects, "filename")
            return decode_words(
                raw, body.defects, "filename", relabel=body.relabel, written=body.written
            ).strip()
    return None


def _name_param(part: Message, field_name: str, param: str) -> str | tuple[str, str, str] | None:
    """The value of ``param`` in ``field_name``: its RFC 2231 form (``filename*=``) when
    the field gives it beside a plain one, as programs that also write a fallback for
    readers without RFC 2231 do (``filename="invoice.pdf"; filename*=utf-8''Счёт.pdf``,
    the order either way; RFC 6266 §4.3 says the same of HTTP)."""
    values = [
        value
        for key, value in part.get_params(header=field_name, failobj=[])
        if key.lower() == param
    ]
    encoded = [v for v in values if isinstance(v, tuple)]
    found = encoded[0] if encoded else values[0] if values else None
    return found if isinstance(found, (str, tuple)) else None


def _release(part: Message) -> None:
    """A leaf's text dropped from the tree once it is read: what it says is in the body
    now, and a message at the size limit is not held as its encoded parts and their
    contents at once.  Nothing reads a leaf's text after the walk."""
    part.set_payload("")


# A base64 text the stdlib decodes without a defect: the alphabet and line ends, at most
# two "=" at the end (line ends between them), a length in fours without the line ends.
_CLEAN_BASE64 = re.compile(r"[A-Za-z0-9+/\r\n]*(?:=[\r\n]*){0,2}")


class Part(Message):
    """email's Message (the parser makes every part one: :mod:`mailgate.parse.reader`),
    decoding a well-formed base64 part straight from its text.  ``get_payload(decode=
    True)`` copies the text whole to look for raw bytes in it, encodes it, splits it into
    lines and joins them before decoding: four copies of a large attachment at once, for
    whatever reads the part (the walk, the sample the header charset is judged by).
    ``a2b_base64`` reads the text itself, skipping its line ends; only text that the
    stdlib decodes without a defect, to the same bytes, is decoded here."""

    def get_payload(self, i: int | None = None, decode: bool = False) -> Any:
        if decode and i is None and not self.is_multipart():
            data = self._clean_base64()
            if data is not None:
                return data
        return super().get_payload(i, decode)  # type: ignore[call-overload]

    def _clean_base64(self) -> bytes | None:
        if str(self.get("content-transfer-encoding", "")).lower() != "base64":
            return None
        text = getattr(self, "_payload", None)  # the text as parsed (Message's own)
        if not isinstance(text, str) or not text.isascii() or not _CLEAN_BASE64.fullmatch(text):
            return None
        if (len(text) - text.count("\r") - text.count("\n")) % 4:
            return None
        return binascii.a2b_base64(text)


def _payload_bytes(part: Message, body: Body) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError, UnicodeError) as e:
        body.defects.append(f"mime: cannot decode {part.get_content_type()} part ({e})")
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("ascii", "surrogateescape")
    return b""


def _decode_text(part: Message, body: Body) -> str:
    data = _payload_bytes(part, body)
    label = _param(part, "charset", body)
    what = part.get_content_type()
    if (
        (label is None or says_nothing(codec_for(label), data))
        and body.header_charset
        and not data.isascii()
    ):
        # Text with no charset, from a program that wrote raw 8-bit header fields: the
        # charset found for those (declared elsewhere, or detected over more text) is
        # the better guess for this text too.
        try:
            text = as_written(data.decode(body.header_charset), body.header_charset)
        except (UnicodeError, LookupError):
            pass
        else:
            body.defects.append(
                f"{what}: no charset declared for 8-bit text; decoded as "
                f"{body.header_charset}, the charset of the header fields"
            )
            return text.replace("\r\n", "\n").replace("\r", "\n")
    # An HTML page names its charset in its head too: what a wrong label gives way to.
    meta = meta_charset(data) if what == "text/html" and label is not None else None
    decoded = decode_bytes(data, label, what=what, meta=meta, relabel=body.relabel)
    if decoded.defect:
        body.defects.append(decoded.defect)
    return decoded.text.replace("\r\n", "\n").replace("\r", "\n")


def _attach_message(part: Message, body: Body, limits: Limits, depth: int) -> None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if part.get_content_type().endswith("delivery-status") and isinstance(payload, list):
        # RFC 3464 §2.1: the parser reads each block (per-message, then one per recipient)
        # as a header-only message; keep them all, one block per paragraph.
        blocks = [_flatten(b, body) for b in payload if isinstance(b, Message)]
        data = b"\r\n".join(blocks)
        _add_attachment(
            body, _filename(part, body), part.get_content_type(), data, inline=False, cid=None
        )
        return
    if isinstance(inner, Message):
        out = BytesIO()
        try:
            BytesGenerator(out, mangle_from_=False, policy=_VERBATIM).flatten(inner)
            data = out.getvalue()
        except Exception as e:  # noqa: BLE001 - the message itself is still stored whole
            body.defects.append(f"mime: cannot re-serialize an attached message ({e})")
            data = b""
        subject = decode_words(inner.get("subject", "") or "", body.defects, "subject")
    else:
        data = _payload_bytes(part, body)
        subject = ""
    name = _filename(part, body)
    if not name:
        subject = " ".join(subject.split())
        name = f"{subject}.eml" if subject else None
    _add_attachment(body, name, part.get_content_type(), data, inline=False, cid=None)
    if isinstance(inner, Message):
        body.forwards.append(
            _read_forward(inner, body, limits, depth, body.attachments[-1].filename)
        )


def _read_forward(inner: Message, body: Body, limits: Limits, depth: int, name: str) -> Forward:
    """An attached message read as mail: its header, its text, its attachments."""
    charsets = message_charsets(inner)
    sub = Body(
        parts=body.parts,
        header_charset=charsets.header,
        relabel=charsets.relabel,
        written=charsets.written,
    )
    _walk(inner, sub, limits, depth + 1, alternative=False)
    body.parts = sub.parts
    defects = body.defects
    defects.extend(d for d in sub.defects if d not in defects)
    text = "\n\n".join(t.strip("\n") for t in sub.text_parts if t.strip())
    if not text and sub.html_parts:
        images = {a.content_id: a.filename for a in sub.attachments if a.content_id}
        text = html_to_text("\n".join(sub.html_parts), images)
    if not text and sub.tnef_text:
        text = "\n\n".join(sub.tnef_text)
    # A forward inside a forward reads as a mail program shows it: one below the other.
    text = "\n\n".join([text, *(f.readable() for f in sub.forwards)]).strip("\n")

    def addresses(field_name: str) -> tuple[Address, ...]:
        values = [str(v) for v in inner.get_all(field_name) or []]
        what = f"forwarded {field_name.lower()}"
        return parse_addresses(values, defects, what, sub.header_charset, sub.relabel, sub.written)

    senders = addresses("From")
    date = inner.get("date")
    return Forward(
        filename=name,
        subject=" ".join(
            decode_words(
                str(inner.get("subject", "") or ""),
                defects,
                "subject",
                sub.header_charset,
                sub.relabel,
                sub.written,
            ).split()
        ),
        from_=senders[0] if senders else None,
        to=addresses("To"),
        date=parse_date(str(date), defects) if date is not None else None,
        text=text,
        attachments=tuple(sub.attachments),
    )


def _flatten(msg: Message, body: Body) -> bytes:
    out = BytesIO()
    try:
        BytesGenerator(out, mangle_from_=False, policy=_VERBATIM).flatten(msg)
    except Exception as e:  # noqa: BLE001 - the message itself is still stored whole
        body.defects.append(f"mime: cannot re-serialize a delivery-status block ({e})")
    return out.getvalue()


_CONTENT_TYPE = re.compile(r"[a-z0-9!#$&^_.+-]+/[a-z0-9!#$&^_.+-]+")


def clean_content_type(ctype: str, defects: list[str]) -> str:
    """A content type as it may be stored and served: a malformed one (raw 8-bit bytes,
    spaces, no subtype) becomes application/octet-stream, with a defect."""
    if _CONTENT_TYPE.fullmatch(ctype):
        return ctype
    shown = ctype.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    defects.append(f"mime: malformed content type {shown!r}; read as application/octet-stream")
    return "application/octet-stream"


def _add_attachment(
    body: Body, name: str | None, ctype: str, data: bytes, *, inline: bool, cid: str | None
) -> None:
    ctype = clean_content_type(ctype, body.defects)
    if cid is not None:
        cid = cid.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    position = len(body.attachments) + 1
    filename = safe_filename(name, ctype, position)
    kind = executable_kind(data, filename)
    if kind is not None:
        body.defects.append(f"attachment {filename!r} is a program ({kind})")
    body.attachments.append(
        Attachment(
            filename=filename,
            content_type=ctype,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            inline=inline,
            content_id=cid,
            data=data,
            executable=kind,
        )
    )


def _guess_type(name: str) -> str:
    return TYPES.guess_type(name, strict=False)[0] or "application/octet-stream"
