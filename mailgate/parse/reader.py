"""Reading a message: raw bytes → an immutable :class:`ParsedMail`.  Pure: no database,
no I/O.

``parse_message`` never raises on malformed mail; it reads what it can and lists the
rest in ``defects``.  ``sender_and_subject`` reads the header block alone.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace
from email.feedparser import FeedParser
from email.message import Message
from email.policy import Compat32

from mailgate.parse import html as html_mod
from mailgate.parse import prefilter
from mailgate.parse.footers import footer_only, list_marks
from mailgate.parse.header_charset import message_charsets
from mailgate.parse.headers import (
    decode_raw_8bit,
    decode_words,
    from_warnings,
    parse_addresses,
    parse_date,
    parse_msgids,
)
from mailgate.parse.heads import service_headers
from mailgate.parse.mime import LIMIT, Limits, Part, clean_content_type, too_deep, walk
from mailgate.parse.model import Address, Forward, ParsedMail, SenderSource
from mailgate.parse.nesting import nested_deeper_than
from mailgate.parse.preamble import header_start
from mailgate.parse.quotes import forwarded_alone, unquoted_forward
from mailgate.parse.quotes import reply_text as strip_reply
from mailgate.parse.security import inspect, without_clearsign_armor
from mailgate.parse.sender import SENDER_FIELDS, choose_sender, fallback_warning
from mailgate.parse.signoff import name_beside_address, writer_name
from mailgate.parse.wrappers import from_a_service
from mailgate.subjects import find_ticket_number


@dataclass(frozen=True)
class ParseOptions:
    subject_token: str = "#[{number}]"
    max_depth: int = 20
    max_parts: int = 500
    max_header_bytes: int = 100 * 1024
    remote_images: bool = False


DEFAULT_OPTIONS = ParseOptions()


class _RawHeaders(Compat32):
    """compat32, except that header values are handed out as they are (8-bit bytes kept as
    surrogate escapes) instead of as ``Header`` objects: ``headers.py`` decodes them."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


RAW_POLICY = _RawHeaders()
_BLOCK = 1 << 16


def parse_bytes(raw: bytes, *, headersonly: bool = False) -> Message:
    """``BytesParser(policy=RAW_POLICY).parsebytes(raw, headersonly)``: the same parser fed
    the same text, a block at a time as ``Parser.parse`` feeds it, without first decoding
    the whole message to one str and reading it through a StringIO (which holds it at
    four octets a character): six copies of a message at the size limit at once.  Its
    parts are :class:`Part`, which decode their base64 without copies."""
    parser = FeedParser(Part, policy=RAW_POLICY)
    if headersonly:
        parser._set_headersonly()  # type: ignore[attr-defined]  # as Parser.parse does
    view = memoryview(raw)
    for start in range(0, len(view), _BLOCK):
        parser.feed(str(view[start : start + _BLOCK], "ascii", "surrogateescape"))
    return parser.close()


def parse_message(raw: bytes, options: ParseOptions = DEFAULT_OPTIONS) -> ParsedMail:
    defects: list[str] = []
    raw = _from_header_block(raw, defects)
    header_bytes = _header_block_size(raw)
    if header_bytes > options.max_header_bytes:
        defects.append(
            f"{LIMIT} header block of {header_bytes} bytes, over {options.max_header_bytes}"
        )
    msg: Message | None = None
    if nested_deeper_than(raw, options.max_depth, RAW_POLICY):
        # Measured before parsing: the parser recurses once per level, and a thousand
        # levels exhaust the stack.  The message is quarantined over the limit.
        defects.append(too_deep(options.max_depth))
    else:
        try:
            msg = parse_bytes(raw)
        except RecursionError:  # nesting the measure allowed, deeper than the stack
            defects.append(f"{LIMIT} MIME parts nested too deep for the parser; not read")
        except Exception as e:  # noqa: BLE001 - the stdlib parser trips over some hostile MIME
            # Read the header and keep the body whole, as one part: nothing is lost, and
            # the defect says why the structure was not read.
            defects.append(f"mime: structure unreadable ({type(e).__name__}: {e}); body kept whole")
    if msg is None:
        msg = parse_bytes(raw, headersonly=True)
    charsets = message_charsets(msg)
    charset, relabel, written = charsets.header, charsets.relabel, charsets.written

    def one(name: str) -> str | None:
        values = msg.get_all(name)
        if not values:
            return None
        return str(values[0])

    def addresses(name: str) -> tuple[Address, ...]:
        values = [str(v) for v in msg.get_all(name) or []]
        return parse_addresses(values, defects, name.lower(), charset, relabel, written)

    headers = tuple(
        (str(k).lower(), decode_words(str(v), defects, str(k).lower(), charset, relabel, written))
        for k, v in msg.items()
    )
    subject = " ".join(
        decode_words(one("subject") or "", defects, "subject", charset, relabel, written).split()
    )
    fields = {s: addresses(s.header) for s in SENDER_FIELDS}
    from_list = fields[SenderSource.FROM]
    sender_list = fields[SenderSource.SENDER]
    reply_to = fields[SenderSource.REPLY_TO]
    sender, source = choose_sender(fields)

    def ids(name: str) -> list[str]:
        # Raw 8-bit bytes in an id would reach the database as lone surrogates.
        value = " ".join(str(v) for v in msg.get_all(name) or [])
        return parse_msgids(decode_raw_8bit(value, None, defects, name.lower()))

    message_ids = ids("message-id")[:1]
    in_reply_to = ids("in-reply-to")[:1]
    references = tuple(ids("references"))

    body = walk(msg, Limits(max_depth=options.max_depth, max_parts=options.max_parts), charsets)
    defects.extend(d for d in body.defects if d not in defects)
    text = "\n\n".join(t.strip("\n") for t in body.text_parts if t.strip())
    raw_html = "\n".join(body.html_parts) if body.html_parts else None
    html = (
        html_mod.sanitize(raw_html, remote_images=options.remote_images)
        if raw_html is not None
        else None
    )
    images = {a.content_id: a.filename for a in body.attachments if a.content_id}
    if raw_html is not None and images:
        # An image the HTML shows is inline whatever its Content-Disposition says.
        shown = html_mod.referenced_images(raw_html)
        body.attachments = [
            replace(a, inline=True) if a.content_id in shown and not a.inline else a
            for a in body.attachments
        ]
    reply_source: str | None = None
    if raw_html is not None and (not text or body.html_before_text):
        html_text, html_reply = _html_text(raw_html, images, defects)
        if not text:
            text, reply_source = html_text, html_reply
        elif next(line.strip() for line in text.splitlines() if line.strip()) not in html_text:
            # An HTML post with a list's footer appended as a plain part (Mailman, Sympa):
            # the HTML's text first, then the plain parts — unless these render it again.
            reply_source = f"{html_text if html_reply is None else html_reply}\n\n{text}"
            text = f"{html_text}\n\n{text}"
    if not text and body.tnef_text:
        text = "\n\n".join(body.tnef_text)
    security = inspect(msg, text, options.max_parts)
    marks = list_marks(headers)
    reply_input = reply_source if reply_source is not None else text
    writer = writer_name(sender.name, sender.address) if sender is not None else ""
    # The From field gives no name: the writer's is the one the quoted history's header
    # block gives their address, or what the address spells.
    handle = sender is not None and not sender.name.split()
    if handle and sender is not None and (named := name_beside_address(sender.address, text)):
        writer, handle = named, False
    wrapped = from_a_service(
        headers, from_list[0].address if from_list else None, [a.address for a in reply_to]
    )

    notice = service_headers(headers, from_list[0].address if from_list else None)

    def reply_of(written: str) -> str:
        return strip_reply(
            without_clearsign_armor(written),
            marks,
            writer,
            wrapped,
            handle=handle,
            subject=subject,
            notice=notice,
        )

    reply = reply_of(reply_input)
    if not reply and reply_source is not None and forwarded_alone(text):
        # A message forwarded as HTML without a word of the sender's: the program set it
        # in the history's element or a blockquote, and its text is what was sent.
        reply = reply_of(text)
    if not reply and reply_source is None and (forward := unquoted_forward(reply_input)):
        # The same forwarded as plain text with ">" marks (Thunderbird's quoted forward,
        # mutt's): the forwarded text, its list's footer cut.
        reply = reply_of(forward)

    attachments = list(body.attachments)
    forwards: tuple[Forward, ...] = ()
    if msg.get_content_type() != "multipart/report":
        # A forwarded message reads below the text, as mail programs show a forward, and
        # its files are the message's files too.  The message a bounce returns is left
        # as the report attached it.
        forwards = tuple(body.forwards)
        readable = "\n\n".join(f.readable() for f in forwards)
        if readable:
            text = f"{text}\n\n{readable}" if text else readable
            if not reply or footer_only(reply_input, marks):
                # Nothing of the sender's but the message it carries, or a list's footer
                # beside the message it wraps.
                reply = strip_reply(readable, marks, writer)
        attachments += [a for f in forwards for a in f.attachments]

    return _without_nul(
        ParsedMail(
            message_id=message_ids[0] if message_ids else None,
            in_reply_to=in_reply_to[0] if in_reply_to else None,
            references=references,
            date=parse_date(one("date"), defects),
            subject=subject,
            from_=sender,
            sender=sender_list[0] if sender_list else None,
            to=addresses("To"),
            cc=addresses("Cc"),
            reply_to=reply_to,
            text=text,
            html=html,
            reply_text=reply,
            attachments=tuple(attachments),
            ticket_number=find_ticket_number(subject, options.subject_token),
            defects=tuple(defects),
            content_type=clean_content_type(msg.get_content_type(), defects),
            headers=headers,
            forwards=forwards,
            signature=security.signature,
            encryption=security.encryption,
            from_mailboxes=from_list,
            from_warnings=(*from_warnings(from_list), *fallback_warning(source)),
            from_source=source,
        )
    )


def _html_text(raw_html: str, images: dict[str, str], defects: list[str]) -> tuple[str, str | None]:
    """The HTML part's text, and the text its reply is read from (its blockquotes as
    ``>`` lines; None when it holds no quote, and the reply is read from the text).  A
    part too large to keep its layout is named in ``defects``."""
    if len(raw_html) > html_mod.LAYOUT_LIMIT:
        defects.append("html: too large to keep its layout in the text")
    return html_mod.html_to_text(raw_html, images), html_mod.html_reply_to_text(raw_html, images)


def sender_and_subject(raw: bytes) -> tuple[Address | None, str]:
    """The sender (From, or its fallbacks) and the subject of a message, read from its
    header block alone: what lists of held mail show without parsing every part of
    every message."""
    defects: list[str] = []
    raw = _from_header_block(raw, defects)
    msg = parse_bytes(raw, headersonly=True)
    charsets = message_charsets(msg)
    charset, relabel, written = charsets.header, charsets.relabel, charsets.written

    def addresses(name: str) -> tuple[Address, ...]:
        values = [str(v) for v in msg.get_all(name) or []]
        return parse_addresses(values, defects, name, charset, relabel, written)

    sender, _source = choose_sender({s: addresses(s.header) for s in SENDER_FIELDS})
    subject = " ".join(
        decode_words(
            str(msg.get("Subject") or ""), defects, "subject", charset, relabel, written
        ).split()
    )
    return sender, _nul_free(subject)


def _from_header_block(raw: bytes, defects: list[str]) -> bytes:
    """``raw`` from its header block on (:mod:`mailgate.parse.preamble`)."""
    start, skipped = header_start(raw)
    if start == 0:
        return raw
    if skipped:
        defects.append(f"mime: {skipped} line(s) before the header block passed over")
    else:
        defects.append("mime: a byte order mark before the header block passed over")
    return raw[start:]


def _header_block_size(raw: bytes) -> int:
    """The length of the header block: up to the first empty line (the whole message
    when there is none)."""
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    return min(ends) if ends else len(raw)


def _nul_free(value: str) -> str:
    return value.replace("\x00", "\ufffd")


def _without_nul(mail: ParsedMail) -> ParsedMail:
    """NUL characters replaced by U+FFFD everywhere: no mail program writes them, and a
    database text column (PostgreSQL's) cannot hold them."""

    def addr(a: Address | None) -> Address | None:
        return Address(_nul_free(a.name), _nul_free(a.address)) if a else None

    fields = (
        mail.subject,
        mail.text,
        mail.html or "",
        mail.message_id or "",
        mail.in_reply_to or "",
        *mail.references,
        *(v for _k, v in mail.headers),
        *(a.name + a.address for a in (*mail.to, *mail.cc, *mail.reply_to)),
        *(a.name + a.address for a in (mail.from_, mail.sender) if a),
    )
    if not any("\x00" in f for f in fields):
        return mail
    return replace(
        mail,
        subject=_nul_free(mail.subject),
        text=_nul_free(mail.text),
        html=_nul_free(mail.html) if mail.html is not None else None,
        reply_text=_nul_free(mail.reply_text),
        message_id=_nul_free(mail.message_id) if mail.message_id else None,
        in_reply_to=_nul_free(mail.in_reply_to) if mail.in_reply_to else None,
        references=tuple(_nul_free(r) for r in mail.references),
        headers=tuple((k, _nul_free(v)) for k, v in mail.headers),
        from_=addr(mail.from_),
        sender=addr(mail.sender),
        from_mailboxes=tuple(a for a in map(addr, mail.from_mailboxes) if a),
        to=tuple(a for a in map(addr, mail.to) if a),
        cc=tuple(a for a in map(addr, mail.cc) if a),
        reply_to=tuple(a for a in map(addr, mail.reply_to) if a),
        defects=(*mail.defects, "text: NUL characters replaced"),
    )


# The libraries reading a message loads when one needs them (HTML, charset detection,
# winmail.dat): loaded at once by :func:`prepare`.
_LOADED_WHEN_NEEDED = (
    "lxml.etree",
    "lxml.html",
    "inscriptis.html_engine",
    "inscriptis.model.config",
    "inscriptis.css_profiles",
    "charset_normalizer",
    "chardet",
    "tnefparse",
)


def prepare() -> None:
    """Load now everything reading a message may load and make the reader's patterns
    ready, as a process does before it forks workers that read messages: done once, in
    the memory they share, rather than again in each of them at its first message."""
    for name in _LOADED_WHEN_NEEDED:
        importlib.import_module(name)
    prefilter.prepare()
