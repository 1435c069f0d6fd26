"""The charset of the raw 8-bit bytes in a message's header fields.

RFC 6532 allows UTF-8 in header fields, and nothing else: a Subject or a display name
outside ASCII belongs in RFC 2047 encoded words.  Older and regional mail programs (Foxmail
and Outlook Express in China, Becky! and old Outlook in Japan, The Bat! in Russia, many
web forms and gateways) write their own charset there, raw: GB2312/GBK, Big5, Shift_JIS,
EUC-KR, KOI8-R, windows-1251 …  Read as Latin-1, that is mojibake.

The bytes are read, in this order of evidence:

1. as UTF-8, when they are valid UTF-8 (real text in a legacy multi-byte charset almost
   never is);
2. in a charset the message itself declares — its text parts' ``charset``, the charset
   of its encoded words, of an RFC 2231 file name — the first that decodes every raw byte
   of the header block (a program writes its headers in the charset it writes its text
   in), unless what it reads is no one's text (:func:`charsets.misread`);
3. by detection over all of the raw header bytes together, with the 8-bit text of parts
   that declare no charset: one subject alone is often too short to tell.
"""

from __future__ import annotations

import re
from email.message import Message
from itertools import islice

from mailgate.parse.charsets import codec_for, decodes, detect, misread
from mailgate.parse.headers import has_raw_8bit

_WORD_CHARSET = re.compile(r"=\?([^?\s*]+)(?:\*[^?]*)?\?[QqBb]\?")
_ADDRESS = re.compile(r"<[^<>]*>")
_RFC2231_CHARSET = re.compile(r"\*0?\*?=\s*\"?([A-Za-z0-9_.:-]+)'")
# Part headers whose parameters (file names) may hold raw 8-bit bytes too.
_PART_FIELDS = ("content-type", "content-disposition")
# Enough text to tell a charset by; more costs time and adds nothing.
_SAMPLE = 16 * 1024
# Parts looked at: as many as the parser reads (ParseOptions.max_parts).
_PARTS = 500
_PLAIN = frozenset({"ascii", "utf-8"})


def header_charset(msg: Message) -> str | None:
    """The codec for the raw 8-bit bytes of ``msg``'s header fields (its own and its
    parts'), or the first charset it declares when its headers hold none."""
    declared: list[str] = []
    raw = bytearray()
    undeclared_text = bytearray()
    # The text of parts by the codec their label names: what the label is judged by.
    declared_text: dict[str, bytes] = {}
    for index, part in enumerate(islice(msg.walk(), _PARTS)):
        for name, value in part.items():
            text = str(value)
            if index == 0 or name.lower() in _PART_FIELDS:
                _add(declared, _WORD_CHARSET.findall(text))
                _add(declared, _RFC2231_CHARSET.findall(text))
                if has_raw_8bit(text):
                    # Text only: the addresses beside a name tell detection nothing.
                    words = _ADDRESS.sub(" ", text).replace('"', " ")
                    raw += words.encode("ascii", "surrogateescape") + b"\n"
        if part.get_content_maintype() == "text" and not part.is_multipart():
            charset = part.get_param("charset")
            if isinstance(charset, str):
                _add(declared, [charset])
                codec = codec_for(charset)
                if codec and len(declared_text.get(codec, b"")) < _SAMPLE:
                    declared_text[codec] = declared_text.get(codec, b"") + _payload(part)[:_SAMPLE]
            elif len(undeclared_text) < _SAMPLE:
                undeclared_text += _payload(part)[:_SAMPLE]
    codecs_declared = [c for c in (codec_for(d) for d in declared) if c and c not in _PLAIN]
    if not raw:
        return codecs_declared[0] if codecs_declared else None
    data = bytes(raw)
    if decodes(data, "utf-8"):
        return codecs_declared[0] if codecs_declared else "utf-8"
    for codec in codecs_declared:
        if decodes(data, codec):
            # A label that reads the bytes as no one writes names the wrong charset; the
            # text in that label tells more than a subject alone.
            sample = data + b"\n" + declared_text.get(codec, b"")
            really = misread(sample[:_SAMPLE], codec)
            return really if really is not None and decodes(data, really) else codec
    written = _writers_codec(declared_text.get("utf-8", b""), data)
    if written is not None:
        return written
    sample = data + b"\n" + bytes(undeclared_text) if not undeclared_text.isascii() else data
    return detect(sample[:_SAMPLE]) or (codecs_declared[0] if codecs_declared else None)


def _writers_codec(text: bytes, data: bytes) -> str | None:
    """The single-byte charset of the writer's language, told by their UTF-8 text, for
    raw header bytes a gateway left as the program wrote them (a Turkish text with "ı",
    "ş", "ğ": windows-1254): the first Windows code page that holds every accented
    letter of the text and whose reading of ``data`` is letters; None when the text says
    nothing (no accented letters) or is not in a single-byte script."""
    try:
        letters = {ch for ch in text[:_SAMPLE].decode("utf-8") if ord(ch) > 127 and ch.isalpha()}
    except UnicodeDecodeError:
        return None
    if len(letters) < _EVIDENCE:
        return None
    word = "".join(sorted(letters))
    for codec in _WINDOWS:
        try:
            word.encode(codec)
            header = data.decode(codec)
        except UnicodeError:
            continue
        if all(ch.isalpha() or ch.isascii() or ch.isspace() for ch in header):
            return codec
    return None


# The Windows code pages of the single-byte scripts, the commonest first.
_WINDOWS = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1254",
    "cp1253",
    "cp1257",
    "cp1255",
    "cp1256",
    "cp874",
    "cp1258",
)
# Distinct accented letters enough to tell a language by.
_EVIDENCE = 3


def _add(found: list[str], labels: list[str]) -> None:
    for label in labels:
        cleaned = label.strip().strip("\"'").lower()
        if cleaned and cleaned not in found:
            found.append(cleaned)


def _payload(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except (ValueError, TypeError, LookupError, UnicodeError):
        return b""
    return data if isinstance(data, bytes) else b""
