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
   in), unless what it reads is no one's text (:func:`charsets.misread`) or no text of
   its script while another charset of the script reads them as such (windows-1251
   bytes beside a KOI8-R text: :mod:`alphabets`);
3. beside a UTF-8 text, in the charset of that text's script or East Asian language
   whose reading fits;
4. by detection over all of the raw header bytes together, with the 8-bit text of parts
   that declare no charset: one subject alone is often too short to tell.

The text parts also tell what a label means in this message: text labelled iso-8859-1
that reads as Hungarian only in ISO 8859-2, or an HTML page labelled iso-8859-1 whose
own ``<meta>`` tag names windows-1255, shows the charset the program writes while it
declares another; its encoded words in that label are read in that charset too
(:attr:`MessageCharsets.relabel`).  Raw header bytes a declared charset reads as
letters the message's text never uses, while the other charset of the same script
(ISO 8859-2 beside windows-1250) reads them as the text's letters, are in that one: a
web form posts in its page's charset, its template is saved in another.  Raw bytes that
windows-1250 or ISO 8859-2 reads as a Hungarian "ő" a Czech or Polish text never uses
are read in Estonian's charset when it reads them as Estonian words ("Tõnu").  The
charsets the text parts are written in (:attr:`MessageCharsets.written`) are what an
encoded word under a Western or an unknown label that reads as no one's text is read in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from email.message import Message
from itertools import islice
from urllib.parse import unquote_to_bytes

from mailgate.parse import alphabets, east_asian, hebrew, latin
from mailgate.parse.charsets import (
    HEBREW_CODECS,
    NO_CHARSET,
    codec_for,
    decode_bytes,
    decodes,
    detect,
    meta_overrides,
    misread,
    misread_label,
    reads_as_text,
    says_nothing,
    utf8_by_chance,
)
from mailgate.parse.headers import encoded_words, has_raw_8bit
from mailgate.parse.html import meta_charset

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


@dataclass(frozen=True)
class MessageCharsets:
    # The codec for the raw 8-bit bytes of the header fields.
    header: str | None = None
    # The codec of a label → the codec the message's text in that label is written in,
    # where the two differ.
    relabel: dict[str, str] = field(default_factory=dict)
    # The codecs the message's text parts are written in (but ASCII and UTF-8), as their
    # labels and :attr:`relabel` say: what an encoded word in a Western label that reads
    # as no one's text was written in (:func:`charsets.decode_bytes`).
    written: tuple[str, ...] = ()


def header_charset(msg: Message) -> str | None:
    """The codec for the raw 8-bit bytes of ``msg``'s header fields (its own and its
    parts'), or the first charset it declares when its headers hold none."""
    return message_charsets(msg).header


def message_charsets(msg: Message) -> MessageCharsets:
    """The charsets ``msg`` is written in: that of its raw header bytes, and what the
    labels of its text parts really mean."""
    declared: list[str] = []
    # The charsets of the text parts alone.
    texts: list[str] = []
    raw = bytearray()
    undeclared_text = bytearray()
    # The text of parts by the codec their label names: what the label is judged by.
    declared_text: dict[str, bytes] = {}
    relabel: dict[str, str] = {}
    # The bytes of the encoded words by the codec of their label.
    worded: dict[str, bytes] = {}
    for index, part in enumerate(islice(msg.walk(), _PARTS)):
        for name, value in part.items():
            text = str(value)
            if index == 0 or name.lower() in _PART_FIELDS:
                _add(declared, _WORD_CHARSET.findall(text))
                values = encoded_words(text) if "=?" in text else []
                values += _rfc2231_values(text) if "*=" in text else []
                for label, data in values:
                    codec = codec_for(label)
                    if codec in _TWINS and not data.isascii():
                        worded[codec] = worded.get(codec, b"") + data + b" "
                _add(declared, _RFC2231_CHARSET.findall(text))
                if has_raw_8bit(text):
                    # Text only: the addresses beside a name tell detection nothing.
                    words = _ADDRESS.sub(" ", text).replace('"', " ")
                    # One field a line: a field is judged whole (a UTF-8 one, below).
                    words = words.replace("\r", " ").replace("\n", " ")
                    raw += words.encode("ascii", "surrogateescape") + b"\n"
        if part.get_content_maintype() == "text" and not part.is_multipart():
            charset = part.get_param("charset")
            if isinstance(charset, str):
                _add(declared, [charset])
                _add(texts, [charset])
                codec = codec_for(charset)
                if codec in NO_CHARSET and len(undeclared_text) < _SAMPLE:
                    # 8-bit text labelled US-ASCII or UTF-8 that it is not, or with a
                    # label that names no charset, declares nothing of its charset.
                    payload = _payload(part)[:_SAMPLE]
                    if says_nothing(codec, payload):
                        undeclared_text += payload
                    elif codec == "utf-8":
                        declared_text["utf-8"] = declared_text.get("utf-8", b"") + payload
                elif codec and len(declared_text.get(codec, b"")) < _SAMPLE:
                    payload = _payload(part)[:_SAMPLE]
                    declared_text[codec] = declared_text.get(codec, b"") + payload
                    meta = meta_charset(payload) if part.get_content_subtype() == "html" else None
                    named = meta_overrides(payload, codec, meta) if meta else None
                    if named is not None:
                        relabel.setdefault(codec, named)
            elif len(undeclared_text) < _SAMPLE:
                undeclared_text += _payload(part)[:_SAMPLE]
    for codec, labelled in declared_text.items():
        if codec not in relabel and (really := misread_label(labelled, codec)) is not None:
            relabel[codec] = really
        elif codec not in relabel and _visual(labelled, codec):
            relabel[codec] = hebrew.VISUAL
    for codec, data in worded.items():
        if codec not in declared_text and codec not in relabel:
            twin = _twin_of_words(data, codec, declared_text)
            if twin is not None:
                relabel[codec] = twin
    codecs_declared = [c for c in (codec_for(d) for d in declared) if c and c not in _PLAIN]
    written: list[str] = []
    for codec in (codec_for(t) for t in texts):
        if codec and codec not in _PLAIN and relabel.get(codec, codec) not in written:
            written.append(relabel.get(codec, codec))
    if (
        not written
        and not undeclared_text.isascii()
        and not decodes(bytes(undeclared_text), "utf-8")
    ):
        # Text whose label says nothing: the charset it reads in is what it is written
        # in, for encoded words whose label reads them as no one's text.
        found = detect(bytes(undeclared_text[:_SAMPLE]))
        if found is not None and found not in _PLAIN:
            written.append(found)
    # The first charset the message declares, as its text shows it is written.
    first = relabel.get(codecs_declared[0], codecs_declared[0]) if codecs_declared else None
    if not raw:
        return MessageCharsets(first, relabel, tuple(written))
    data = bytes(raw)
    if decodes(data, "utf-8"):
        if first is None and not decodes(bytes(undeclared_text), "utf-8"):
            # A few letters of a single-byte script that happen to be UTF-8 ("รถ" in
            # TIS-620 is "ö"), beside a text in no label that is not UTF-8: the text's.
            text_codec = detect(bytes(undeclared_text[:_SAMPLE]))
            if text_codec is not None and utf8_by_chance(data, text_codec):
                return MessageCharsets(text_codec, relabel, tuple(written))
        return MessageCharsets(first or "utf-8", relabel, tuple(written))
    # A gateway that rewrote one field in UTF-8 leaves the others in the program's
    # charset: the fields that are UTF-8 on their own tell nothing of that charset.
    data = b"\n".join(
        line for line in data.split(b"\n") if line.isascii() or not decodes(line, "utf-8")
    )
    for codec in codecs_declared:
        really = relabel.get(codec)
        if really is not None and not decodes(data, codec) and decodes(data, really):
            # The label does not read the header's bytes, and its text shows the charset
            # the program really wrote in (Korean under Big5): the header's is the same.
            return MessageCharsets(_script_twin(data, really), relabel, tuple(written))
        if decodes(data, codec):
            # A label that reads the bytes as no one writes names the wrong charset; the
            # text in that label tells more than a subject alone.
            in_label = declared_text.get(codec, b"")
            sample = data + b"\n" + in_label
            really = relabel.get(codec) or misread(sample[:_SAMPLE], codec)
            if really is not None and codec not in relabel:
                really = _same_language(data, codec, in_label, really)
            if really is not None and decodes(data, really):
                if codec not in relabel and in_label and reads_as_text(in_label, really):
                    # Too few letters in the text alone to tell its label wrong, with
                    # the header's enough ("raèun" beside "Ðuro"): one program wrote both.
                    relabel[codec] = really
                    written = [relabel.get(c, c) for c in written]
                return MessageCharsets(_script_twin(data, really), relabel, tuple(written))
            header = (
                _twin_by_letters(data, codec, in_label)
                or _estonian_by_letters(data, codec, in_label)
                or _script_twin(data, codec)
            )
            return MessageCharsets(header, relabel, tuple(written))
    for codec, labelled in declared_text.items():
        # No declared charset reads the bytes: a text in an East Asian charset tells the
        # language, whose other charset may (EUC-JP beside a Shift_JIS text).
        if codec in _EAST_ASIAN_LABELS and (found := _same_language(data, codec, labelled, None)):
            return MessageCharsets(found, relabel, tuple(written))
    by_text = _writers_codec(declared_text.get("utf-8", b""), data)
    if by_text is not None:
        return MessageCharsets(by_text, relabel, tuple(written))
    sample = data + b"\n" + bytes(undeclared_text) if not undeclared_text.isascii() else data
    found = detect(sample[:_SAMPLE]) or first
    if found is not None and _visual(sample[:_SAMPLE], found):
        found = hebrew.VISUAL  # the text tells the order of a subject of one word
    return MessageCharsets(found, relabel, tuple(written))


def _visual(text: bytes, codec: str) -> bool:
    """Whether ``text`` read in ``codec`` is Hebrew in visual order (:mod:`hebrew`)."""
    return codec in HEBREW_CODECS and hebrew.visual(text.decode(codec, errors="replace"))


def _same_language(data: bytes, codec: str, text: bytes, really: str | None) -> str | None:
    """The charset for raw header bytes ``data`` that ``codec`` misreads, where the
    message's text in ``codec`` is East Asian: among that language's charsets (EUC-JP
    bytes beside a Shift_JIS text are Japanese too, not the Big5 characters a subject
    and a Japanese text together read as); ``really`` otherwise, or None when the
    label's own charset reads them best."""
    try:
        letters = {ch for ch in text[:_SAMPLE].decode(codec) if ord(ch) > 127 and ch.isalpha()}
    except UnicodeDecodeError:
        return really
    languages = _east_asian_languages(letters) if len(letters) >= _EVIDENCE else frozenset()
    if not languages:
        return really
    chosen = east_asian.choose(data, None, languages)
    if chosen is None:
        return really
    return chosen if chosen != codec else None


def _twin_by_letters(data: bytes, codec: str, text: bytes) -> str | None:
    """The other charset of ``codec``'s script (ISO 8859-2 for windows-1250 and the
    reverse), when it reads the raw header bytes ``data`` as letters the message's
    text in ``codec`` uses and ``codec`` does not: "Dostava ąopka" in windows-1250,
    "Dostava šopka" in ISO 8859-2, under a Slovenian text of "š" and "č".  None when
    the text has too few letters to tell, or ``codec`` reads the bytes as well."""
    twins = _TWINS.get(codec)
    if not twins:
        return None
    used = _letters(decode_bytes(text, codec).text)
    if len(used) < _TWIN_EVIDENCE:
        return None
    own = _fit(_high(data, codec), used)
    for twin in twins:
        if decodes(data, twin) and _fit(_high(data, twin), used) > own:
            return twin
    return None


def _twin_of_words(data: bytes, codec: str, texts: dict[str, bytes]) -> str | None:
    """The other charset of ``codec``'s script (:data:`_TWINS`) that the encoded words
    labelled ``codec`` (their bytes ``data``) are written in, when the message's text is
    declared in it and no text is labelled ``codec``: a web form labels its words with
    its template's charset and writes them in its page's.  Its reading must be letters
    the text uses, or of a language whose alphabet holds the text's (:func:`_fit`),
    where the label's is not; or, where neither is, have fewer letters the text never
    uses ("طلب" beside an Arabic text, not "ظفب")."""
    for twin in _TWINS[codec]:
        text = texts.get(twin)
        if text is None or not decodes(data, twin):
            continue
        used = _letters(decode_bytes(text, twin).text)
        if len(used) < _TWIN_EVIDENCE:
            continue
        mine, theirs = _high(data, codec), _high(data, twin)
        own, other = _fit(mine, used), _fit(theirs, used)
        if other > own or (other == own == 0 and len(theirs - used) < len(mine - used)):
            return twin
    return None


def _fit(high: set[str], used: set[str]) -> int:
    """How well the characters ``high`` of a header's reading go with the letters the
    message's text uses (``used``): 2 when the text uses them all, 1 when they are
    letters of a language whose alphabet holds all of the text's ("Łucja" beside a
    Polish text without an "ł", "Ľuba" beside a Slovak one without an "ľ":
    :data:`latin.ALPHABETS`), 0 otherwise."""
    if high <= used:
        return 2
    return int(any(used <= alphabet and high <= alphabet for alphabet in _ALPHABETS))


_ALPHABETS = tuple(frozenset(letters) for letters in latin.ALPHABETS.values())


def _estonian_by_letters(data: bytes, codec: str, text: bytes) -> str | None:
    """The charset of Estonian, for raw header bytes that ``codec`` (ISO 8859-2 or
    windows-1250) reads as Hungarian letters the message's text in it never uses ("Tőnu"
    beside a Czech or Polish text), while Estonian's charsets read them as Estonian words
    (:func:`latin.estonian_words`: "Tõnu"); None when the text has too few letters to
    tell, or uses those letters itself (a Hungarian text)."""
    if codec not in _HUNGARIAN:
        return None
    used = _letters(decode_bytes(text, codec).text)
    if len(used) < _TWIN_EVIDENCE or _high(data, codec) <= used:
        return None
    return latin.estonian_reading(data)


# The charsets that read Estonian "õ" (0xF5) as Hungarian "ő".
_HUNGARIAN = frozenset({"cp1250", "iso8859-2"})


def _script_twin(data: bytes, codec: str) -> str:
    """The charset of ``codec``'s script that reads the raw header bytes ``data`` as
    that script's text, where ``codec`` does not (a subject in windows-1251 beside a
    text in KOI8-R: :func:`alphabets.better_in_script`); ``codec`` otherwise."""
    return alphabets.better_in_script(data, codec) or codec


def _letters(text: str) -> set[str]:
    return {ch.lower() for ch in text if ord(ch) > 127 and ch.isalpha()}


def _high(data: bytes, codec: str) -> set[str]:
    """The characters outside ASCII of ``data`` read in ``codec`` (letters lowercased)."""
    return {ch.lower() for ch in data.decode(codec, errors="replace") if ord(ch) > 127}


# The ISO 8859 part and the Windows code page of one script: a web page and the script
# that mails what it posts are often saved in the two.
_TWINS: dict[str, tuple[str, ...]] = {
    "cp1250": ("iso8859-2",),
    "iso8859-2": ("cp1250",),
    "cp1257": ("iso8859-13",),
    "iso8859-13": ("cp1257",),
    "cp1253": ("iso8859-7",),
    "iso8859-7": ("cp1253",),
    "cp1255": ("iso8859-8",),
    "iso8859-8": ("cp1255",),
    "cp1256": ("iso8859-6",),
    "iso8859-6": ("cp1256",),
}
# The charsets of East Asian text that tell its language.
_EAST_ASIAN_LABELS = frozenset(
    {"gb18030", "big5hkscs", "cp950", "cp949", "cp932", "euc_jp_ms", "iso2022_jp_ms"}
)
# Distinct letters of the text enough to judge the header's by.
_TWIN_EVIDENCE = 2


def _writers_codec(text: bytes, data: bytes) -> str | None:
    """The single-byte charset of the writer's language, told by their UTF-8 text, for
    raw header bytes a gateway left as the program wrote them (a Turkish text with "ı",
    "ş", "ğ": windows-1254): the first Windows code page that holds every accented
    letter of the text and whose reading of ``data`` is letters; None when the text says
    nothing (no accented letters) or is not in a single-byte script.

    A script that is written in several charsets (Russian in KOI8-R, windows-1251,
    ISO 8859-5, CP866) is read in the one whose reading of ``data`` is that script's
    likeliest text (:mod:`alphabets`): the text tells the script, not which of them the
    program used.  East Asian text tells its language (kana: Japanese, hangul: Korean,
    Chinese characters alone: Chinese), and the bytes are read in the charset of that
    language whose reading is made of its common characters (:mod:`east_asian`)."""
    try:
        letters = {ch for ch in text[:_SAMPLE].decode("utf-8") if ord(ch) > 127 and ch.isalpha()}
    except UnicodeDecodeError:
        return None
    if len(letters) < _EVIDENCE:
        return None
    languages = _east_asian_languages(letters)
    if languages:
        return east_asian.choose(data, None, languages)
    word = "".join(sorted(letters))
    used = {ch.lower() for ch in letters}
    found: list[str] = []
    for codec in _WINDOWS:
        try:
            word.encode(codec)
        except UnicodeError:
            continue
        script = alphabets.SCRIPTS.get(codec)
        if script is not None and (chosen := alphabets.choose(data, alphabets.CODECS[script])):
            return chosen
        for candidate in (codec, *_TWINS.get(codec, ())):
            try:
                header = data.decode(candidate)
            except UnicodeError:
                continue
            if all(ch.isalpha() or ch.isascii() or ch.isspace() for ch in header):
                found.append(candidate)
    # Of the Latin code pages that read the bytes as letters, the one whose letters go
    # best with the text's ("Győző" beside a Hungarian text of "ó", "á", "ö": not the
    # "Gyõzõ" of windows-1252, which holds the text's letters too).
    return max(found, key=lambda c: _fit(_high(data, c), used), default=None)


def _east_asian_languages(letters: set[str]) -> frozenset[str]:
    """The East Asian languages text of these letters is in (as :mod:`east_asian` names
    them), or none."""
    if any("\u3040" <= ch <= "\u30ff" for ch in letters):
        return frozenset({"ja"})
    if any("\uac00" <= ch <= "\ud7a3" for ch in letters):
        return frozenset({"ko"})
    if any("\u4e00" <= ch <= "\u9fff" for ch in letters):
        return frozenset({"zh-hans", "zh-hant"})
    return frozenset()


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


def _rfc2231_values(text: str) -> list[tuple[str, bytes]]:
    """The label and the bytes of each RFC 2231 value of a field (``name*=``,
    ``filename*0*=`` and its continuations ``*1*=`` …)."""
    out: list[tuple[str, bytes]] = []
    for m in _RFC2231_VALUE.finditer(text):
        name, label, value = m.groups()
        rest = re.findall(rf"(?<![\w-]){re.escape(name)}\*[1-9]\d*\*=\s*\"?([^;\"\s]*)", text)
        encoded = value + "".join(rest)
        if encoded.isascii():  # raw 8-bit bytes in a value are no RFC 2231
            out.append((label, unquote_to_bytes(encoded)))
    return out


_RFC2231_VALUE = re.compile(
    r"(?<![\w-])([\w-]+)\*(?:0\*)?=\s*\"?([A-Za-z0-9_.:-]+)'[^']*'([^;\"\s]*)"
)


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
