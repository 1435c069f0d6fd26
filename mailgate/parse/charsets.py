"""Turning the bytes of a part or a header into text, whatever its label says.

Mail programs label text with the names they grew up with: Outlook writes
``ks_c_5601-1987`` for Korean, many Chinese mailers ``gb2312`` for text that is really
GBK or GB 18030, Japanese mailers ``iso-2022-jp``, ``euc-jp`` or ``shift_jis`` with
Microsoft's extensions (:mod:`mailgate.parse.jis`), and Western mailers ``iso-8859-1``
for windows-1252 text (curly quotes, €).
Like the WHATWG Encoding Standard that browsers follow, we decode each label with the
superset its senders actually use.  A label that does not decode the bytes is a defect:
the text is then decoded with what ``charset-normalizer`` finds, and the defect recorded.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from mailgate.parse import alphabets, east_asian, hangul, hebrew, latin, viscii
from mailgate.parse.jis import EUC_JP_MS, ISO2022_JP_MS

# Label (lower case) → the codec its senders really produce.
_SUPERSETS: dict[str, str] = {
    "us-ascii": "ascii",
    "ascii": "ascii",
    "ansi_x3.4-1968": "ascii",
    "iso-8859-1": "cp1252",
    "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "l1": "cp1252",
    "iso-8859-9": "cp1254",
    "latin5": "cp1254",
    "iso-8859-11": "cp874",
    "tis-620": "cp874",
    "tis620": "cp874",
    "windows-874": "cp874",
    "x-windows-874": "cp874",
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "iso-8859-6-e": "iso-8859-6",
    "iso-8859-8-e": "iso-8859-8",
    "ks_c_5601-1987": "cp949",
    "ks_c_5601-1989": "cp949",
    "ks_c_5601": "cp949",
    "ksc5601": "cp949",
    "ksc_5601": "cp949",
    "euc-kr": "cp949",
    "euc_kr": "cp949",
    "x-windows-949": "cp949",
    "windows-949": "cp949",
    "gb2312": "gb18030",
    "gb_2312-80": "gb18030",
    "gbk": "gb18030",
    "x-gbk": "gb18030",
    "cp936": "gb18030",
    "chinese": "gb18030",
    "csgb2312": "gb18030",
    "euc-cn": "gb18030",
    "x-euc-cn": "gb18030",
    "big5": "big5hkscs",
    "x-x-big5": "big5hkscs",
    "cn-big5": "big5hkscs",
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "ms_kanji": "cp932",
    "windows-31j": "cp932",
    "csshiftjis": "cp932",
    "iso-2022-jp": ISO2022_JP_MS,
    "csiso2022jp": ISO2022_JP_MS,
    "cp50220": ISO2022_JP_MS,
    "cp50221": ISO2022_JP_MS,
    "cp50222": ISO2022_JP_MS,
    "euc-jp": EUC_JP_MS,
    "euc_jp": EUC_JP_MS,
    "eucjp": EUC_JP_MS,
    "x-euc-jp": EUC_JP_MS,
    "cseucpkdfmtjapanese": EUC_JP_MS,
    "cp51932": EUC_JP_MS,
    "unicode-1-1-utf-7": "utf-7",
    "utf8": "utf-8",
    "x-unicode20utf8": "utf-8",
    "x-mac-roman": "mac-roman",
    "macintosh": "mac-roman",
    "x-mac-cyrillic": "mac-cyrillic",
    "x-mac-ukrainian": "mac-cyrillic",
    "x-mac-ce": "mac-latin2",
    "x-mac-greek": "mac-greek",
    "x-mac-turkish": "mac-turkish",
    "x-mac-icelandic": "mac-iceland",
    "unicode-1-1-utf-8": "utf-8",
    "koi8-ru": "koi8-u",
    "x-cp1250": "cp1250",
    "x-cp1251": "cp1251",
    "csksc56011987": "cp949",
    "iso-ir-149": "cp949",
    "korean": "cp949",
}

# Codecs tried after a label's superset and its own: Microsoft's code page 950 adds to
# Big5 what HKSCS does not have (€ as A3 E1), and Outlook writes it under "big5".
_ALSO: dict[str, tuple[str, ...]] = {
    "big5": ("cp950",),
    "x-x-big5": ("cp950",),
    "cn-big5": ("cp950",),
    "csbig5": ("cp950",),
}

# Labels that promise nothing: decode by detection.
_UNKNOWN = {
    "",
    "unknown",
    "unknown-8bit",
    "x-unknown",
    "x-user-defined",
    "default",
    "8bit",
    "7bit",
    "binary",
    "charset",
    "none",
    "null",
}

# When a label fails (or 7-bit ASCII turns out to hold 8-bit bytes), the commonest
# mislabel is tried before statistical detection: UTF-8 text declared as something else.
_TRY_FIRST = ("utf-8",)


@dataclass(frozen=True)
class Decoded:
    text: str
    charset: str
    defect: str | None = None


def _codecs_for(label: str | None) -> list[str]:
    """The superset its senders use, then the label's own codec (a latin-1 text with a C1
    control byte does not decode as windows-1252 but is still latin-1)."""
    if label is None:
        return []
    name = label.strip().strip("\"'").lower()
    # RFC 2231 lets a label carry a language: "utf-8*en".
    name = name.split("*", 1)[0]
    if name in _UNKNOWN:
        return []
    out: list[str] = []
    if not name.isascii() or not name.isprintable():
        return []  # a label with raw bytes or control characters names no codec
    if not _known(name):
        name = next((v for v in _spellings(name) if _known(v)), name)
    for candidate in (_SUPERSETS.get(name, name), name, *_ALSO.get(name, ())):
        try:
            info = codecs.lookup(candidate)
        except (LookupError, ValueError):
            continue
        if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
            continue  # base64, rot13, zlib …: Python's codecs that are no charset
        if info.name not in out:
            out.append(info.name)
    return out


def _known(name: str) -> bool:
    try:
        codecs.lookup(name)
    except (LookupError, ValueError):
        return False
    return True


# A label as programs misspell it: a family and a number ("cp-1250", "win-1251",
# "windows1252", "ibm-850", "latin-2", "koi8r"), an "x-" before a known name.
_SPELLED = re.compile(r"(?:x-)?(cp|windows|win|ibm|latin|koi8|mac|iso)[-_ ]*(.*)")
_FAMILY = {"win": "windows-", "windows": "windows-", "koi8": "koi8-", "mac": "mac-"}


def _spellings(name: str) -> list[str]:
    """Names a misspelt label may stand for, the likeliest first."""
    out = [name.removeprefix("x-")]
    m = _SPELLED.fullmatch(name)
    if m:
        family, rest = m.groups()
        out += [f"{family}{rest}", f"{_FAMILY.get(family, family)}{rest}"]
        if family == "iso" and rest.startswith("8859"):
            out.append(f"iso-8859-{rest[4:].lstrip('-_ ')}")
    return out


# Text codecs of Python's that name no charset of mail and cannot read text with
# replacement characters (bytes.decode raises whatever it is told).
_NOT_CHARSETS = frozenset({"idna", "punycode", "undefined"})


def codec_for(label: str | None) -> str | None:
    """The codec text labelled ``label`` is decoded with (the superset its senders use),
    or None for a label that names none."""
    found = _codecs_for(label)
    return found[0] if found else None


def decode_bytes(
    data: bytes,
    label: str | None,
    *,
    what: str = "text",
    meta: str | None = None,
    relabel: Mapping[str, str] | None = None,
    written: Sequence[str] = (),
) -> Decoded:
    """Decode ``data`` declared as ``label`` (:func:`_decode`), as its writer wrote it
    (:func:`as_written`).  Never raises."""
    found = _decode(data, label, what=what, meta=meta, relabel=relabel, written=written)
    text = as_written(found.text, found.charset)
    return found if text is found.text else Decoded(text, found.charset, found.defect)


def as_written(text: str, codec: str) -> str:
    """``text`` read in ``codec``, as its writer wrote it: Hebrew that ISO 8859-8's
    visual order stored as shown, right to left, turned back
    (:mod:`mailgate.parse.hebrew`); Korean syllables EUC-KR spells as KS X 1001's
    make-up sequences put together (:mod:`mailgate.parse.hangul`); any other text as
    it is."""
    if codec == "cp949":
        return hangul.composed(text)
    if codec not in HEBREW_CODECS or not hebrew.visual(text):
        return text
    return hebrew.in_logical_order(text)


# The codecs Hebrew is written in, whose order may be visual.
HEBREW_CODECS = frozenset({"iso8859-8", "cp1255", "cp862"})


def says_nothing(codec: str | None, data: bytes) -> bool:
    """Whether ``data``, labelled as ``codec``, is 8-bit text the label declares nothing
    of: US-ASCII, UTF-8 that it is not, or a label naming no charset ("unknown-8bit",
    "x-user-defined": ``codec`` None)."""
    return codec in NO_CHARSET and not data.isascii() and not decodes(data, "utf-8")


# The codecs of labels that may declare nothing of 8-bit text (:func:`says_nothing`).
NO_CHARSET = frozenset({None, "ascii", "utf-8"})


def _decode(
    data: bytes,
    label: str | None,
    *,
    what: str = "text",
    meta: str | None = None,
    relabel: Mapping[str, str] | None = None,
    written: Sequence[str] = (),
) -> Decoded:
    """Decode ``data`` declared as ``label``.  Never raises.

    ``meta`` is the charset an HTML document names in its own ``<meta>`` tag;
    ``relabel`` maps the codec of a label to the one the message's text in that label
    was found written in (:attr:`header_charset.MessageCharsets.relabel`): a program
    writes all it sends in one charset, its encoded words as its text.  ``written``
    are the charsets the message's text is written in
    (:attr:`header_charset.MessageCharsets.written`): what a Western label that reads
    ``data`` as no one's text gives way to."""
    relabel = relabel or {}
    candidates = _codecs_for(label)
    codec = candidates[0] if candidates else None
    if codec and not data.isascii() and _mislabelled_utf8(data, codec):
        # Valid UTF-8 with 8-bit bytes in it is nearly never text in a single-byte
        # charset ("CafÃ©"), nor in an East Asian one ("Caf茅", "袟胁褨褌" for "Звіт"):
        # UTF-8 mislabelled by a program or a gateway.
        declared = (label or "").strip().strip("\"'").lower()
        return Decoded(
            data.decode("utf-8"),
            "utf-8",
            f"{what}: declared charset {declared} but the bytes are UTF-8; decoded as utf-8",
        )
    judged = codec
    if codec in _C1_WINDOWS and _has_c1(data):
        # An ISO 8859 label on text with bytes in 0x80–0x9F, which ISO 8859 leaves to
        # control characters: the program wrote its Windows code page ("ś" as 0x9C) —
        # or another script's charset, which that code page's reading tells.
        judged = _C1_WINDOWS[codec]
        candidates = [judged, *candidates]
    if judged is not None and (found := _corrected(data, judged, meta, relabel, written)):
        really, why = found
        declared = (label or "").strip().strip("\"'").lower()
        return Decoded(
            data.decode(really, errors="replace"),
            really,
            f"{what}: declared charset {declared} but {why}; decoded as {really}",
        )
    if _is_iso2022(data, codec):
        # ISO-2022-JP's escape sequences are in no other charset's text: Japanese
        # under a label a program put on every word it wrote.
        declared = (label or "").strip().strip("\"'").lower()
        return Decoded(
            data.decode(ISO2022_JP_MS),
            ISO2022_JP_MS,
            f"{what}: declared charset {declared} but the text is ISO-2022-JP; "
            f"decoded as {ISO2022_JP_MS}",
        )
    for candidate in candidates:
        try:
            return Decoded(data.decode(candidate), candidate)
        except (UnicodeError, LookupError, ValueError, TypeError):
            # A few codecs raise more than UnicodeDecodeError on hostile input.
            continue
    if _is_ascii(data):
        if b"\x1b$" in data and codec in (None, "ascii"):
            # Japanese in 7-bit ISO-2022-JP, as old mailers sent it with no charset.
            try:
                text = data.decode(ISO2022_JP_MS)
            except UnicodeDecodeError:
                pass
            else:
                return Decoded(text, ISO2022_JP_MS, f"{what}: ISO-2022-JP without its label")
        return Decoded(data.decode("ascii"), codec or "ascii")
    declared = (label or "").strip().strip("\"'").lower()
    for candidate in _TRY_FIRST:
        try:
            text = data.decode(candidate)
        except UnicodeDecodeError:
            continue
        return Decoded(text, candidate, _defect(what, declared, candidate, codec))
    # A label that names no charset ("unknown-8bit", "us-ascii" on 8-bit bytes), or one
    # that does not read the bytes: the charset the message's text is written in does,
    # before detection guesses from a few words.
    charset = _reading_text(data, written)
    if charset is not None:
        return Decoded(data.decode(charset), charset, _defect(what, declared, charset, codec))
    guess = detect(data)
    if guess is not None:
        return Decoded(
            data.decode(guess, errors="replace"), guess, _defect(what, declared, guess, codec)
        )
    fallback = codec or "cp1252"
    return Decoded(
        data.decode(fallback, errors="replace"),
        fallback,
        _defect(what, declared, f"{fallback} with replacement characters", codec),
    )


def _mislabelled_utf8(data: bytes, codec: str) -> bool:
    """Whether ``data``, 8-bit text labelled as ``codec``, a single-byte or an East
    Asian charset, is UTF-8: it decodes as UTF-8 and is not text of the label's charset
    whose bytes happen to (:func:`utf8_by_chance`)."""
    return (
        (codec.replace("-", "_") in _SINGLE_BYTE or codec in _EAST_ASIAN_MULTIBYTE)
        and decodes(data, "utf-8")
        and not utf8_by_chance(data, codec)
    )


# The East Asian codecs labels are read with (:func:`codec_for`), whose double bytes
# UTF-8's sequences can read as: those :mod:`east_asian` compares, and two it does not.
_EAST_ASIAN_MULTIBYTE = east_asian.CODECS | {"cp950", "johab"}


def utf8_by_chance(data: bytes, codec: str) -> bool:
    """Whether ``data``, valid UTF-8, is rather text in ``codec``, the charset its
    message is written in: East Asian characters whose bytes happen to be UTF-8
    (:func:`east_asian.utf8_by_chance`), or a short word of a single-byte script that
    UTF-8 reads as one letter or sign (:func:`_script_word_by_chance`)."""
    return east_asian.utf8_by_chance(data, codec) or _script_word_by_chance(data, codec)


def _script_word_by_chance(data: bytes, codec: str) -> bool:
    """Whether ``data``, valid UTF-8, is a short word of the single-byte script of
    ``codec`` (not Latin) whose two letters' bytes happen to be a UTF-8 sequence: UTF-8
    reads one letter or sign alone ("รถ" in TIS-620 is UTF-8 "ö", "ยน" is "¹") — no
    one's word —, and ``codec`` reads a word of its script."""
    if codec.replace("-", "_") not in _SINGLE_BYTE_SCRIPTS:
        return False
    utf8 = data.decode("utf-8", errors="replace")
    if any(not w.isascii() for w in _WORD.findall(utf8) if len(w) >= _UTF8_WORD):
        return False  # a word with its accents ("Zółć", "Café")
    return reads_as_text(data, codec)


# The single-byte charsets of scripts other than Latin, whose letters' bytes may pair
# into UTF-8's two-byte sequences.
_SINGLE_BYTE_SCRIPTS = frozenset(
    {
        "cp874",
        "tis_620",
        "iso8859_11",
        "cp1251",
        "koi8_r",
        "koi8_u",
        "iso8859_5",
        "cp866",
        "cp1253",
        "iso8859_7",
        "cp1255",
        "iso8859_8",
        "cp1256",
        "iso8859_6",
    }
)
_UTF8_WORD = 2


def _is_iso2022(data: bytes, codec: str | None) -> bool:
    """Whether ``data``, labelled as ``codec`` (no ISO-2022 charset), is ISO-2022-JP
    text: 7-bit, with the escape sequences that switch to its two-byte sets, which no
    other charset's text holds."""
    return (
        codec is not None
        and not codec.startswith(("iso2022", "utf-16", "utf-32", "utf-7"))
        and codec != ISO2022_JP_MS
        and data.isascii()
        and _ISO2022_ESCAPE.search(data) is not None
        and decodes(data, ISO2022_JP_MS)
    )


_ISO2022_ESCAPE = re.compile(rb"\x1b\$[@B(]")


def _corrected(
    data: bytes,
    codec: str,
    meta: str | None,
    relabel: Mapping[str, str],
    written: Sequence[str] = (),
) -> tuple[str, str] | None:
    """The codec ``data`` labelled as ``codec`` is really written in, and why; None when
    the label stands.  The evidence, strongest first: the charset an HTML document names
    itself, the message's other text in the same label, the charset the message's text
    is written in (when the label reads ``data`` as no one's text), the text's own
    reading."""
    if data.isascii():
        return None
    if meta is not None and (named := meta_overrides(data, codec, meta)) is not None:
        return named, f"its meta tag names {meta.lower()}"
    other = relabel.get(codec)
    if other is not None and other != codec and reads_as_text(data, other):
        if other == misread(data, codec):
            return other, f"the text reads as {other}"
        return other, f"the message's text in that charset reads as {other}"
    # Webmails and scripts label every encoded word with their default (iso-8859-1) but
    # write its bytes in the charset of the page the text was typed in, the one they
    # declare for the text itself.
    foreign = [c for c in written if c != codec and c not in _WESTERN]
    if (
        codec in _CHINESE
        and "cp949" in foreign
        and east_asian.korean_reading(data)
        and reads_as_text(data, "cp949")
    ):
        # One Korean word ("환불") under the label of a Chinese program, in a message
        # whose text is Korean: its syllables' bytes are Chinese characters too.
        return "cp949", "the message's text is Korean, which reads it"
    if foreign:
        for applies, reads in _REREAD:
            if applies(data, codec) and (found := _written_in(data, codec, foreign, reads)):
                return found
    really = misread(data, codec)
    if really is None:
        return None
    found = _written_in(data, codec, foreign, _reads_as_text)
    return found or (really, f"the text reads as {really}")


_Test = Callable[[bytes, str], bool]
_Reads = Callable[[bytes, str, str], bool]


def _written_in(
    data: bytes, codec: str, foreign: Sequence[str], reads: _Reads
) -> tuple[str, str] | None:
    """The first charset the message's text is written in (``foreign``) that ``reads``
    ``data`` labelled ``codec``, and why; None when none does."""
    for charset in foreign:
        if reads(data, codec, charset):
            return charset, f"the message's text is written in {charset}, which reads it"
    return None


def _c1_under_western(data: bytes, codec: str) -> bool:
    # Bytes in 0x80–0x9F under a Western label: a Windows code page, but which the
    # label does not tell; the one the message's text is written in does, where it
    # reads them as letters inside words ("Pro\x9cba": "Prośba", not "Proœba").
    return codec in _WESTERN and _has_c1(data)


def _code_page_letters(data: bytes, codec: str, other: str) -> bool:
    return other in _CODE_PAGES and _letters_in_words(data, codec, other)


def _not_western_letters(data: bytes, codec: str) -> bool:
    # Letters no Western language writes where they stand ("Sipariþ", "Elõleg")
    # under a Western label, in a message whose text is written in another Latin
    # charset, which reads them as its language's ("Sipariş", "Előleg").
    return codec in _WESTERN and not latin.western(data.decode(codec, errors="replace"))


def _one_languages_letters(data: bytes, codec: str, other: str) -> bool:
    return (
        other in _LATIN
        and _letters_in_words(data, codec, other)
        and latin.language_score(data.decode(other)) == 1
    )


def _symbol_in_latin_word(data: bytes, codec: str) -> bool:
    # A symbol inside a word ("Pro¶ba": ISO 8859-2 "ś" under a windows-1250 label),
    # where the charset of the message's text reads a letter.
    return (
        codec in _LATIN and _SYMBOL_IN_WORD.search(data.decode(codec, errors="replace")) is not None
    )


def _latin_letters(data: bytes, codec: str, other: str) -> bool:
    return other in _LATIN and _letters_in_words(data, codec, other)


def _no_western_reading(data: bytes, codec: str) -> bool:
    # A Western reading of what no Western text holds, though not what no one writes
    # (:func:`_not_western`): beside the message's text, its charset's reading of text.
    return codec in _WESTERN and _not_western(data, codec)


def _reads_as_text(data: bytes, codec: str, other: str) -> bool:
    return reads_as_text(data, other)


def _unlikely_in_script(data: bytes, codec: str) -> bool:
    # A single-byte script's label whose reading is letters of its script, but not as
    # likely as text ("о№шщ": windows-1251 "Юрий" under an ISO 8859-5 label).
    if codec not in alphabets.SCRIPTS:
        return False
    found = alphabets.reading(data, codec)
    return found is None or found.score < alphabets.MIN_PLAUSIBLE


def _likely_in_script(data: bytes, codec: str, other: str) -> bool:
    # The message's text's charset, of the same script, reads it as likely text.
    return (
        alphabets.SCRIPTS.get(other) == alphabets.SCRIPTS[codec]
        and alphabets.best_reading(data, (other,)) is not None
    )


# When the label ``codec`` gives way to a charset the message's text is written in, and
# which of them reads ``data``, the first that applies: each test of the label's
# reading goes with what another charset's reading must be.
_REREAD: tuple[tuple[_Test, _Reads], ...] = (
    (_c1_under_western, _code_page_letters),
    (_not_western_letters, _one_languages_letters),
    (_symbol_in_latin_word, _latin_letters),
    (_no_western_reading, _reads_as_text),
    (_unlikely_in_script, _likely_in_script),
)


def _letters_in_words(data: bytes, codec: str, other: str) -> bool:
    """Whether ``other`` reads every character of ``data`` that ``codec`` reads
    otherwise as a letter between letters or at a word's edge beside one, and the whole
    as text someone writes."""
    try:
        mine, theirs = data.decode(codec), data.decode(other)
    except UnicodeDecodeError:
        return False
    if len(mine) != len(theirs):
        return False
    differ = [i for i, (a, b) in enumerate(zip(mine, theirs, strict=True)) if a != b]
    if not differ:
        return False
    for i in differ:
        if not theirs[i].isalpha():
            return False
        before = theirs[i - 1] if i else " "
        after = theirs[i + 1] if i + 1 < len(theirs) else " "
        if not (before.isalpha() or after.isalpha()):
            return False
    return reads_as_text(data, other)


# The Windows code pages whose upper range has letters in 0x80–0x9F.
_CODE_PAGES = frozenset({"cp1250", "cp1251", "cp1252", "cp1254", "cp1257", "cp1258"})
_CHINESE = frozenset({"gb18030", "big5hkscs", "cp950"})


def _reading_text(data: bytes, charsets: Sequence[str]) -> str | None:
    """The first of ``charsets`` that reads ``data`` as text someone writes."""
    return next((c for c in charsets if reads_as_text(data, c)), None)


def _not_western(data: bytes, codec: str) -> bool:
    """Whether ``data`` read in the Western ``codec`` holds what no Western text does: a
    byte the code page leaves undefined or a control, a word of accented letters only
    ("ÕÅÎ"), a symbol inside a word ("Ð»Ð»"), letters nearly all accented.  (Cheaper than
    :func:`misread`, and weaker: only evidence beside it tells what the text is.)"""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return True
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\r\n" for ch in text):
        return True
    if any(len(w) >= 2 and not any(ch.isascii() for ch in w) for w in _WORD.findall(text)):
        return True
    if _SYMBOL_IN_WORD.search(text) is not None:
        return True
    if sum(1 for ch in text if "\xa1" <= ch <= "\xbf" and ch not in _WESTERN_MARKS) >= 2:
        return True  # "¿ù»~µe ±": the Latin-1 symbols text has no use for
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if not ch.isascii())
    return accented >= _MIN_ACCENTED and accented >= _ACCENTED_SHARE * len(letters)


def misread_label(data: bytes, codec: str) -> str | None:
    """The codec a text labelled ``codec`` is read in, when its reading there is no
    one's (:func:`misread`) — as :func:`decode_bytes` judges it, after the byte-level
    rules (UTF-8 in a single-byte label, Windows bytes in an ISO 8859 label) that leave
    the label's language standing."""
    if data.isascii() or (codec in _C1_WINDOWS and _has_c1(data)):
        return None
    if codec.replace("-", "_") in _SINGLE_BYTE and decodes(data, "utf-8"):
        return None
    return misread(data, codec)


def meta_overrides(data: bytes, codec: str, meta: str) -> str | None:
    """The codec an HTML document's ``<meta>`` charset names, when it is to be read in
    that rather than its MIME label's ``codec``: programs that write a page in the
    writer's charset and label the mail with their default (PHPMailer's iso-8859-1).
    Only a Western label gives way, and only where its reading of the page's words is
    no one's text and the named charset reads them as text; None otherwise."""
    named = codec_for(meta)
    if codec not in _WESTERN or named is None or named == codec or named in _WESTERN:
        return None
    if not decodes(data, named):
        return None
    # The words are judged, not the markup, whose ASCII letters would outnumber them.
    words = _TAG.sub(b" ", data)
    if not _no_western_text(words, codec):
        return None  # Western text, whatever the page says
    return named if reads_as_text(words, named) else None


_TAG = re.compile(rb"<[^<>]*>")


def _no_western_text(data: bytes, codec: str) -> bool:
    """Whether ``data`` read in the Western ``codec`` is text no one writes: a misread
    (:func:`misread`), or letters nearly all accented, as no Western language writes."""
    if misread(data, codec) is not None:
        return True
    letters = [ch for ch in data.decode(codec, errors="replace") if ch.isalpha()]
    accented = sum(1 for ch in letters if not ch.isascii())
    return accented >= _MIN_ACCENTED and accented >= _ACCENTED_SHARE * len(letters)


def reads_as_text(data: bytes, codec: str) -> bool:
    """Whether ``data`` decodes in ``codec`` as text someone writes: every byte decodes,
    its letters are of one script, and it is not read as no one writes
    (:func:`misread`)."""
    try:
        text = data.decode(codec)
    except (UnicodeError, LookupError):
        return False
    scripts = {_script(ch) for ch in text if ord(ch) > 127 and ch.isalpha()}
    # Latin words go with any script (names, products), and kanji, kana and Latin
    # letters together in East Asian text; but a word is written in one script.
    if len(scripts - _EAST_ASIAN_SCRIPTS - {"LATIN"}) > 1:
        return False
    for word in _WORD.findall(text):
        if len({_script(ch) for ch in word} - _EAST_ASIAN_SCRIPTS) > 1:
            return False  # "Hйlиne": Western letters read in another script's charset
    return misread(data, codec) is None


def _script(ch: str) -> str:
    """The script of a letter, as the first word of its Unicode name (LATIN, HEBREW,
    CYRILLIC …)."""
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


_WORD = re.compile(r"[^\W\d_]+")
_EAST_ASIAN_SCRIPTS = frozenset(
    {"CJK", "HIRAGANA", "KATAKANA", "HANGUL", "HALFWIDTH", "FULLWIDTH", "BOPOMOFO"}
)


def _defect(what: str, declared: str, used: str, codec: str | None) -> str | None:
    if codec == "ascii" and used == "utf-8":
        # 8-bit UTF-8 labelled (or defaulted to) US-ASCII is so common that it is
        # recorded, but not as the alarming "does not decode".
        return f"{what}: 8-bit text labelled {declared or 'us-ascii'} decoded as utf-8"
    if not declared:
        return f"{what}: no charset declared for 8-bit text; decoded as {used}"
    if codec is None:
        return f"{what}: unknown charset {declared!r}; decoded as {used}"
    return f"{what}: declared charset {declared} does not decode; decoded as {used}"


def _is_ascii(data: bytes) -> bool:
    return data.isascii()


# ISO 8859 parts → the Windows code page of the same script.
_C1_WINDOWS = {
    "iso8859-2": "cp1250",
    "iso8859-5": "cp1251",
    "iso8859-7": "cp1253",
    "iso8859-8": "cp1255",
    "iso8859-6": "cp1256",
    "iso8859-13": "cp1257",
    "iso8859-15": "cp1252",
}
_C1 = re.compile(rb"[\x80-\x9f]")


def _has_c1(data: bytes) -> bool:
    return _C1.search(data) is not None


def misread(data: bytes, codec: str) -> str | None:
    """The charset a program really wrote ``data`` in when its label ``codec`` cannot be
    right, or None.  A mislabel that decodes leaves text no reader could mean:

    - a Western label (ISO 8859-1, windows-1252) on text of another script: Russian in
      windows-1251 reads as "Äîáðûé äåíü", words of accented letters only, where a
      Western language accents a letter here and there; Polish in ISO 8859-2 as
      "¯ó³towski", symbols inside words; Hungarian as "Szõke … Üzenet", letters of no
      one language together (:func:`latin.better_than`);
    - another Latin label (ISO 8859-2) on another script: words of accented letters
      only, or two-byte East Asian text; on another Latin charset's text, letters of no
      one language together, as a Western label's;
    - ISO 8859-7 on windows-1253, whose "Ά" is ISO's right quote: "’ννα" for "Άννα";
    - KOI8-R on KOI8-U: Ukrainian "і" is a box-drawing line inside a word ("роб╕т");
    - a Cyrillic label on another script: words cased as no words are ("ЕлЭнз");
    - Shift_JIS on EUC-JP: a run of half-width katakana ("ｺﾟｸﾋｳ");
    - GB2312 on Big5: characters of the private use area;
    - GB2312 or Big5 on Korean: words spaced as Korean writes them, and a reading
      chardet's models find far likelier Korean (:func:`east_asian.korean_under_chinese_label`);
    - a charset of one script on another charset of it, or an East Asian charset on
      another, whose reading is far more likely text (:func:`alphabets.better_in_script`,
      :func:`east_asian.better`).
    """
    if data.isascii():
        return None
    if codec == "iso8859-7":
        return "cp1253" if _GREEK_TONOS.search(data) else None
    if codec in _WESTERN:
        return _misread_western(data, codec)
    if (
        codec in _LATIN
        and (_in_pairs(data) or _words_all_accented(data, codec))
        and not _latin_words(data, codec)
    ):
        # Another Latin label on another script: "Âîçâđŕň" (Russian as ISO 8859-2).
        other = alphabets.choose(data) or (east_asian.strong(data) if _in_pairs(data) else None)
        if other is not None:
            return other
    if codec in _LATIN and (mixed := latin.better_than(data, codec)) is not None:
        # Another Latin label on a Latin text: "Pourriez-vous vérifier trčs rapidement"
        # (French in Latin-1 read as ISO 8859-2) mixes the letters of no one language.
        return mixed
    text = data.decode(codec, errors="replace")
    if (other := alphabets.better_in_script(data, codec)) is not None:
        return other  # KOI8-R under windows-1251, ISO 8859-6 under windows-1256
    if codec == "koi8-r" and _BOX_IN_WORD.search(text) and _ukrainian(data):
        return "koi8-u"
    if codec in alphabets.SCRIPTS and alphabets.reading(data, codec) is None:
        # No text of the label's script: another script's, Latin words' accents, or
        # East Asian characters' two bytes.
        other = alphabets.choose(data)
        if other is None and _in_pairs(data):
            other = east_asian.strong(data)
        if other is None and _in_latin_words(data):
            other = latin.choose(data)
        if other is not None and other != codec:
            return other
    if codec in _EAST_ASIAN:
        if east_asian.korean_under_chinese_label(data, codec):
            return "cp949"
        if codec == "cp949" and east_asian.korean_with_extensions(data):
            return None
        if (other := east_asian.better(data, codec)) is not None:
            return other  # EUC-JP under GB2312, Big5 under EUC-KR
        if (
            _in_latin_words(data)
            and _LATIN_BESIDE_WIDE.search(text)
            and east_asian.share(data, codec) < _EAST_ASIAN_TEXT
        ):
            # A Latin text's accents read as characters ("v\xe9rifier": "v" and a
            # character of "\xe9r"), not the characters whose second byte is an ASCII
            # letter ("庫" as "\x8e\xec", "確" as "\xb4_": read whole, no letter is left
            # beside them).
            return latin.choose(data)
    if codec in _CYRILLIC_CODECS and _miscased(text):
        guess = detect(data)
        return guess if guess is not None and guess not in _CYRILLIC_CODECS else None
    if codec == "cp932" and _mostly_halfwidth_kana(text) and decodes(data, EUC_JP_MS):
        return EUC_JP_MS
    if codec == "gb18030" and _PRIVATE_USE.search(text):
        for other in ("big5hkscs", "cp950"):
            if decodes(data, other) and not _PRIVATE_USE.search(data.decode(other)):
                return other
    return None


def _ukrainian(data: bytes) -> bool:
    """Whether KOI8-U reads as letters the box-drawing lines KOI8-R reads in ``data``."""
    return not _BOX_IN_WORD.search(data.decode("koi8-u", errors="replace"))


def _misread_western(data: bytes, codec: str) -> str | None:
    text = data.decode(codec, errors="replace")
    if _in_pairs(data) and (east := east_asian.strong(data)) is not None:
        # Two-byte text ("Çë°ïÃ¦²é¿´"): no Latin reading of it is anyone's.  But a few
        # words of a single-byte script read as common characters too ("Не работает" in
        # KOI8-R as "钆 伊孪粤旁"): a reading of more letters than a short East Asian
        # text makes, as likely as real text, is that script's.
        return _script_over_pairs(data) or east
    if len(_SYMBOL_IN_WORD.findall(text)) >= _MIN_SYMBOLS:
        if (script := _script_over_latin(data)) is not None:
            return script  # CP866 Cyrillic: "¯®àêçª" is symbols and accents alike
        other = latin.choose(data)
        if other is not None and other not in _WESTERN and not _words_all_accented(data, other):
            return other
    mixed = latin.better_than(data, codec)
    if mixed is not None and mixed not in _WESTERN:
        return mixed
    letters = [ch for ch in text if ch.isalpha()]
    accented = sum(1 for ch in letters if not ch.isascii())
    if (
        accented
        and accented < _MIN_ACCENTED
        and (own := latin.language_score(text)) is not None
        and own < 1
        and (few := alphabets.choose(data)) is not None
    ):
        # A word or two of another script: too few letters to count accents by, but
        # their Latin reading is of no one language ("óÞ£Ô", "¤×¹à§Ô¹"), and a script's
        # is its text ("Счёт" in KOI8-R, "คืนเงิน" in TIS-620).
        return few
    if accented < _MIN_ACCENTED or accented < _ACCENTED_SHARE * len(letters):
        # A Latin text: in its label, or in ISO 8859-15.
        return "iso8859-15" if codec != "iso8859-15" and _latin9(data, text) else None
    script = _single_byte_script(data)
    if script is not None:
        return script
    guess = detect(data)
    return guess if guess is not None and guess not in _WESTERN and guess != "utf-8" else None


def _script_over_pairs(data: bytes) -> str | None:
    """The single-byte script's charset whose reading of ``data`` outweighs a two-byte
    East Asian one: as likely as text, and of more letters than a short East Asian
    text's bytes make by chance; None when no reading does."""
    best = alphabets.best_reading(data)
    if best is None:
        return None
    letters = len(_WORD_LETTERS.findall(data.decode(best.codec)))
    if best.score >= _SCRIPT_OVER_PAIRS and letters >= _SCRIPT_LETTERS:
        return best.codec
    # A text of many words, each of one script's letters cased and spelt as its words
    # are, and likelier than letters at random: two-byte text read so by chance would
    # put symbols, capitals or impossible clusters among so many letters.
    return best.codec if best.score >= 0 and letters >= _SCRIPT_TEXT_LETTERS else None


def _script_over_latin(data: bytes) -> str | None:
    """The single-byte script's charset whose reading of ``data`` is a text of many
    letters likelier than letters at random (:func:`alphabets.best_reading`), where a
    Western label reads symbols inside words: a Latin reading of another script's text
    makes accents and symbols alike; None when no reading is such text."""
    best = alphabets.best_reading(data)
    if best is None or best.score < 0:
        return None
    letters = len(_WORD_LETTERS.findall(data.decode(best.codec)))
    return best.codec if letters >= _SCRIPT_TEXT_LETTERS else None


def _latin9(data: bytes, text: str) -> bool:
    """Whether ``data``, read as ``text`` under a Latin-1 or windows-1252 label, is ISO
    8859-15, which puts €, Š, š, Ž, ž, Œ, œ and Ÿ where Latin-1 has symbols: an amount in
    "¤" ("1 250,00 ¤"), a symbol inside a word ("½uvre" for "œuvre").  Text with
    windows-1252's own bytes (0x80–0x9F: its €, its quotes) is windows-1252."""
    if _LATIN9_BYTES.search(data) is None or _has_c1(data):
        return False
    return _LATIN9_SIGNS.search(text) is not None


_LATIN9_BYTES = re.compile(rb"[\xa4\xa6\xa8\xb8\xbc-\xbe]")
# The generic currency sign beside an amount; ¦ ¨ ¸ ¼ ½ ¾ inside a word (´ is many
# writers' apostrophe: "don´t").
_LATIN9_SIGNS = re.compile(r"\d[ \xa0]?¤|¤[ \xa0]?\d|[^\W\d_][¦¨¸¼½¾]|[¦¨¸¼½¾][^\W\d_]")


def _miscased(text: str) -> bool:
    """Whether most Cyrillic words of ``text`` are cased as no words are ("ЕлЭнз"):
    text of another script read in a Cyrillic charset."""
    words = [w for w in _CYRILLIC_WORD.findall(text) if len(w) >= _CASED_WORD]
    if len(words) < _MIN_WORDS:
        return False
    odd = sum(1 for w in words if not (w.islower() or w.isupper() or w.istitle()))
    return odd >= _MISCASED_SHARE * len(words)


def _mostly_halfwidth_kana(text: str) -> bool:
    wide = [ch for ch in text if ord(ch) > 127]
    kana = sum(1 for ch in wide if "\uff61" <= ch <= "\uff9f")
    return len(wide) >= _MIN_ACCENTED and kana > _ACCENTED_SHARE * len(wide)


_WESTERN = {"cp1252", "iso8859-1", "iso8859-15", "latin-1"}
# The signs of Latin-1's upper half that Western text uses: Spanish "¿" and "¡", the
# guillemets, "n°", "§ 5", "© ®", the no-break space.
_WESTERN_MARKS = frozenset("¡¿«»°§©®·\xa0")
_CYRILLIC_CODECS = {"cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866", "mac-cyrillic"}
# A Western text accents fewer than one letter in five (Portuguese, the most, about one
# in ten); text of another script read in a Western charset is all accents.
_ACCENTED_SHARE = 0.5
_MIN_ACCENTED = 4
# Latin-1's symbols where another Latin charset has letters ("£ukasz ¯ó³towski"):
# between two letters, or a letter and a word's end.
_SYMBOL_IN_WORD = re.compile(
    r"(?<=[^\W\d_])[\xa1-\xbf\xd7\xf7](?=[^\W\d_])|(?<=\s)[\xa3\xa6\xaf\xbc](?=[^\W\d_])"
)
_MIN_SYMBOLS = 2
# A single-byte script's reading that outweighs a two-byte one: as likely as text
# (:func:`alphabets.best_reading`) and longer than the commonest short East Asian words
# (two or three characters: four to six bytes) read as letters by chance.
_SCRIPT_OVER_PAIRS = 0.5
_SCRIPT_LETTERS = 7
# Letters of a text, not a subject: enough for a reading of one script's words to tell.
_SCRIPT_TEXT_LETTERS = 20
_WORD_LETTERS = re.compile(r"[^\W\d_]")
# windows-1253's "Ά" (0xA2) before a letter: ISO 8859-7 has a quotation mark there.
_GREEK_TONOS = re.compile(rb"\xa2[\xc1-\xd9\xe1-\xf9]")
_BOX_IN_WORD = re.compile(r"[а-яА-ЯёЁ][\u2500-\u257f]|[\u2500-\u257f][а-яё]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
# Words long enough to show their casing; enough of them to judge; the share that may
# be cased oddly (acronyms inside words, "МВт") before the text is another script's.
_CASED_WORD = 3
_MIN_WORDS = 3
_MISCASED_SHARE = 0.2


def decodes(data: bytes, codec: str) -> bool:
    """Whether ``data`` is text in ``codec``: every byte decodes."""
    try:
        data.decode(codec)
    except (UnicodeError, LookupError):
        return False
    return True


# Single-byte charsets, whose every byte decodes: a wrong label of one of them fails
# silently.
_SINGLE_BYTE = {
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp1258", "iso8859_1", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6",
    "iso8859_7", "iso8859_8", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14",
    "iso8859_15", "iso8859_16", "koi8_r", "koi8_u", "cp874", "cp437", "cp850", "cp852",
    "cp866", "mac_roman", "mac_cyrillic", "mac_latin2", "tis_620", viscii.VISCII,
}  # fmt: skip


# Russian mail of the KOI8-R and windows-1251 era often declares no charset.  A few
# words of it are too short for statistical detection (charset-normalizer reads
# "тест тест" in KOI8-R as Japanese half-width katakana).  But KOI8-R and windows-1251
# put the lowercase and the uppercase letters in opposite halves of the upper range, so
# the bytes of real text read, in the right one of the two, as Cyrillic words cased as
# words are ("счет", "Счет", "СЧЕТ"), and in the other, or as any other charset's bytes,
# as letters of mixed case or as symbols.
_CYRILLIC = ("koi8_r", "cp1251")
_CYRILLIC_WORD = re.compile(r"[а-яёА-ЯЁ]+")
_ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
# Punctuation both charsets have in the upper range: quotes, dashes, №, the ellipsis.
_CYRILLIC_MARKS = frozenset("«»—–№“”„…’‘·\xa0")
# Only a guess of an East Asian charset is second-guessed so: a Western text of
# lowercase accented letters ("très été") also reads as lowercase windows-1251, and
# charset-normalizer places those right.
_EAST_ASIAN = {
    "cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004",
    "euc_jisx0213", "iso2022_jp", EUC_JP_MS, ISO2022_JP_MS, "gb18030", "gbk", "gb2312",
    "hz", "big5", "big5hkscs", "cp950", "cp949", "euc_kr", "johab", "iso2022_kr",
}  # fmt: skip


def _russian_reading(data: bytes, codec: str) -> float:
    """How much ``data`` read as ``codec`` looks like Russian text: the share of its
    lowercase letters when every 8-bit character is a Cyrillic letter or a mark and nine
    words in ten are cased as words are; 0.0 otherwise."""
    text = data.decode(codec, errors="replace")
    if any(
        ord(ch) > 127 and not _CYRILLIC_WORD.match(ch) and ch not in _CYRILLIC_MARKS for ch in text
    ):
        return 0.0
    words = _CYRILLIC_WORD.findall(text)
    if not words or any(_mixed_script(w) for w in _WORD.findall(text)):
        return 0.0  # "Ayюe": a Latin word's accent read as a Cyrillic letter
    if all(len(w) == 1 for w in words) and _ASCII_WORD.search(text):
        return 0.0  # "ю propos": a Latin text's accented word of one letter ("À propos")
    cased = sum(1 for w in words if w.islower() or w.isupper() or w.istitle())
    if cased < 0.9 * len(words):
        return 0.0
    letters = "".join(words)
    return max(sum(1 for ch in letters if ch.islower()) / len(letters), 0.01)


def _single_byte_script(data: bytes) -> str | None:
    """The single-byte charset whose reading of ``data`` is one script's text
    (:mod:`alphabets`), or the Cyrillic one whose reading is cased as Russian words are;
    None when neither tells."""
    script = alphabets.choose(data)
    if script is not None:
        return script
    score, codec = max((_russian_reading(data, c), c) for c in _CYRILLIC)
    return codec if score > 0 else None


def detect(data: bytes) -> str | None:
    """The codec statistical detection finds for ``data`` (the first 64 KB), or None."""
    # Imported here, as most messages declare a charset that reads them: a command that
    # reads none without one does without it.
    from charset_normalizer import from_bytes

    results = from_bytes(data[:65536])
    best = results.best()
    guess: str | None = None
    if best is not None:
        try:
            guess = codecs.lookup(best.encoding).name
        except LookupError:
            guess = None
    sample = data[:65536]
    if guess is not None and guess.startswith(("utf-16", "utf-32")) and b"\x00" not in sample:
        # A few bytes of an even count are guessed as UTF-16 ("退款" as "췋뿮"); text in
        # it has a zero byte in every ASCII character, its line ends among them.
        guess = None
    if guess in _LATIN or (guess not in _EAST_ASIAN and _in_latin_words(sample)):
        # Short Latin-script text fits several single-byte charsets (and is guessed as
        # Urdu or Arabic code pages too); its letters tell.
        chosen = latin.choose(sample) or guess
        if chosen is None or not _words_all_accented(sample, chosen):
            return chosen
        # Words all of accented letters: another script read as Latin ("éåñé ìåé").
        return alphabets.choose(sample) or chosen
    if guess is not None and guess.startswith("utf"):
        return guess
    # A few words of a single-byte script are guessed as any of them, as another
    # script's code page (Hebrew as DOS Arabic), or as Japanese half-width katakana:
    # their letters tell (:mod:`alphabets`).
    script = _single_byte_script(sample)
    if (
        _in_pairs(sample)
        and _script_over_pairs(sample) is None
        and east_asian.korean_under_chinese_label(sample, "gb18030")
    ):
        # Korean, its words spaced as Korean writes them, which a single-byte script
        # reads as a few letters too ("환불 요청" as Thai "ศฏบา ฟไรป").
        return "cp949"
    if script is not None:
        return script
    if guess is None or guess in _EAST_ASIAN:
        east = east_asian.choose(sample, guess)
        if _in_latin_words(sample) and (east is None or east_asian.strong(sample) is None):
            # Not East Asian text: the accents of Latin words ("H\xf3a \xf0\xf5n").
            return latin.choose(sample) or guess
        return east or guess
    if guess in alphabets.READINGS and alphabets.reading(sample, guess) is None:
        # A guess of a script's charset that reads the bytes as no text of it: two-byte
        # East Asian text, whose bytes are all letters in Thai or Cyrillic.
        return east_asian.choose(sample, None) or guess
    return guess


def _in_pairs(data: bytes) -> bool:
    """Whether the 8-bit bytes of ``data`` are two-byte East Asian text's: in runs, not
    one by one between ASCII letters as Latin accents; or, where the second byte of a
    character may be ASCII (Big5, Shift_JIS), most of the bytes of the text."""
    sample = data[:_PAIRS_SAMPLE]
    runs = _HIGH_RUN.findall(sample)
    high = sum(len(r) for r in runs)
    if high < _MIN_PAIRED:
        return False
    paired = sum(len(r) for r in runs if len(r) >= 2)
    return paired >= _PAIRED_SHARE * high or high >= _HIGH_SHARE * len(b"".join(sample.split()))


# The share of an East Asian reading's characters that are common below which it is no
# one's text.
_EAST_ASIAN_TEXT = 0.5
_PAIRS_SAMPLE = 4096
_MIN_PAIRED = 4
_PAIRED_SHARE = 0.8
# Of the text's bytes but spaces: a Latin-script text accents one letter in ten at most.
_HIGH_SHARE = 0.5


def _mixed_script(word: str) -> bool:
    return not word.isascii() and any(ch.isascii() for ch in word)


def _in_latin_words(data: bytes) -> bool:
    """Whether the 8-bit bytes of ``data`` are accented letters of Latin-script words:
    single bytes beside ASCII letters ("Ay\xfee", "\xf6zeti"), two between them
    ("R\xe7\xedins"), as no other script writes (its words are wholly its own letters;
    East Asian characters are two bytes, though their second may be an ASCII letter:
    only where their reading fails is this asked)."""
    runs = _HIGH_RUN.findall(data)
    inside = len(_HIGH_IN_WORD.findall(data))
    return inside > 0 and inside * 2 >= len(runs)


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")
# An ASCII letter beside a character of another script, in a text as decoded.
_LATIN_BESIDE_WIDE = re.compile(r"[A-Za-z][^\x00-\x7f]|[^\x00-\x7f][A-Za-z]")
_HIGH_IN_WORD = re.compile(
    rb"(?<=[A-Za-z])[\x80-\xff](?![\x80-\xff])|(?<![\x80-\xff])[\x80-\xff](?=[A-Za-z])"
    rb"|(?<=[A-Za-z])[\x80-\xff]{2}(?=[A-Za-z])"
    # Two accented capitals or a capital and a letter before a lowercase word's rest
    # ("\x8e\xe1dost": "Žádost"); an accented letter alone before a word ("À propos").
    rb"|(?<![\x80-\xff])[\x80-\xff]{2}(?=[a-z]{2})|(?<![\x80-\xff])[\x80-\xff](?= [A-Za-z]{2})"
)


def _latin_words(data: bytes, codec: str) -> bool:
    """Whether ``data`` read in the Latin ``codec`` is words of one language's letters,
    each with an ASCII letter in it ("Žádost", "Łódź"): two accented letters side by side
    at a word's start are not two-byte East Asian text, whose words are all 8-bit."""
    text = data.decode(codec, errors="replace")
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if not words or any(not any(ch.isascii() for ch in w) for w in words):
        return False
    if any(ord(ch) > 127 and not ch.isalpha() and ch not in _WESTERN_MARKS for ch in text):
        return False
    score = latin.language_score(text)
    return score is not None and score >= 1


def _words_all_accented(data: bytes, codec: str) -> bool:
    """Whether most words with accented letters of ``data`` read in the Latin ``codec``
    are made of accented letters only, as no Latin-script language writes."""
    words = [w for w in _WORD.findall(data.decode(codec, errors="replace")) if not w.isascii()]
    accented = sum(1 for w in words if len(w) >= 2 and not any(ch.isascii() for ch in w))
    return accented > 0 and accented * 2 >= len(words)


# The single-byte charsets of Latin-script languages, which short texts do not tell
# apart (:mod:`mailgate.parse.latin`).
_LATIN = {
    "cp1252", "cp1250", "cp1254", "cp1257", "cp1258", "cp850", "cp852", "cp858", "cp775",
    "cp437", "cp857", "cp860", "cp861", "cp863", "cp865", "iso8859-1",
    "iso8859-2", "iso8859-3", "iso8859-4", "iso8859-9", "iso8859-10", "iso8859-13",
    "iso8859-14", "iso8859-15", "iso8859-16", "mac-roman", "mac-latin2", "mac-iceland",
    "mac-turkish",
}  # fmt: skip
