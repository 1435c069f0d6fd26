"""Telling the East Asian legacy charsets apart on a few words of text.

GB2312/GBK, Big5, EUC-KR/CP949 and EUC-JP all write a character as two bytes from
0xA1–0xFE, so the same bytes decode without error in most of them: a Chinese subject
reads as Korean syllables, a Korean one as Chinese characters.  Statistical detection
needs more text than a subject and a name to see which (charset-normalizer takes "退款"
in GBK for Korean).  Two kinds of evidence decide, in this order:

1. **What the characters are.**  Text in a language is made of that language's common
   characters: simplified Chinese of the 3,755 first-level characters of GB2312,
   traditional Chinese of the 5,401 common characters of Big5, Korean of the 2,350
   syllables of KS X 1001 (and next to no Hanja or kana), Japanese of kana and the
   2,965 first-level kanji of JIS X 0208.  Read in the wrong charset, the bytes become
   rare characters, another script, or symbols.  Each reading is scored by the share of
   its characters that are common in its language; the best readings are kept.
2. **How often they occur.**  Where several readings are equally made of common
   characters (Korean syllables' bytes are also first-level Chinese characters),
   chardet's character-distribution models — the frequency orders of GB2312, Big5,
   EUC-KR, EUC-JP and Shift_JIS text — choose among them; then charset-normalizer's
   guess; then the order below, by how much mail each charset carries.

Korean under a Chinese label (a program set to GB2312 or Big5 sending Korean) is the
one mislabel both kinds of evidence leave open on short text: Korean syllables' bytes
are first-level Chinese characters.  Two other things tell: Korean puts a space between
words, Chinese none between characters; and chardet's models of which characters
follow which find the Korean reading far likelier than the Chinese one (a Chinese
reading of Korean is common characters in an order no text has).  Both must agree.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Container

from mailgate.parse import alphabets, hangul
from mailgate.parse.jis import EUC_JP_MS

# The readings compared, in the order ties are broken in last, and their language.
_READINGS = (
    ("gb18030", "zh-hans"),
    ("big5hkscs", "zh-hant"),
    ("cp949", "ko"),
    (EUC_JP_MS, "ja"),
    ("cp932", "ja"),
)
# How far below the best reading another still counts as as good.
_TIE = 0.05
# chardet is slow in pure Python: a few kilobytes tell it what it can tell.
_SAMPLE = 4096
_MIN_CONFIDENCE = 0.3


def choose(data: bytes, guess: str | None, languages: Container[str] | None = None) -> str | None:
    """The East Asian codec ``data`` is best read in (of the ``languages`` given, by
    default all), or None when no reading is made of common characters (then it is not
    East Asian text)."""
    scores = _scores(data, languages)
    if not scores:
        return None
    best = max(scores.values())
    if best < 0.5:
        return None
    tied = [codec for codec, _ in _READINGS if scores.get(codec, -1.0) >= best - _TIE]
    if len(tied) == 1:
        return tied[0]
    import chardet  # here, as only East Asian text comes this far

    found = chardet.detect(data[:_SAMPLE])
    by_frequency = _codec(found.get("encoding"))
    if by_frequency in tied and (found.get("confidence") or 0.0) >= _MIN_CONFIDENCE:
        return by_frequency
    if guess in tied:
        return guess
    return tied[0]


def better(data: bytes, codec: str) -> str | None:
    """The East Asian codec whose reading of ``data`` is made of far more common
    characters than ``codec``'s (a label of one of these charsets on another's bytes:
    EUC-JP under GB2312 reads as rare characters and stray kana), or None."""
    scores = _scores(data[:_BETTER_SAMPLE], None)
    if not scores:
        return None
    own = scores.get(codec, 0.0)  # 0 where the label does not even decode the bytes
    best = max(scores, key=lambda c: scores[c])
    # The more characters, the less their share of common ones varies by chance.
    high = sum(1 for byte in data[:_BETTER_SAMPLE] if byte >= 0x80)
    margin = _BETTER_LONG if high >= _LONG else _BETTER
    if best != codec and scores[best] >= _COMMON and scores[best] >= own + margin:
        # Among readings as good, the one character frequencies choose.
        return choose(data[:_BETTER_SAMPLE], None) or best
    return None


# A label's reading and the Korean one: chardet's confidence in Korean at least this many
# times its confidence in the label's charset.
_KOREAN_LIKELIER = 2.5
_CHINESE_LABELS = {"gb18030": "GB18030", "big5hkscs": "Big5"}


def korean_under_chinese_label(data: bytes, codec: str) -> bool:
    """Whether ``data``, labelled GB2312/GBK or Big5 (``codec``), is Korean (EUC-KR):
    its Korean reading all common syllables, words spaced as Korean writes them, and
    chardet's character-sequence models far surer of Korean than of the label."""
    label = _CHINESE_LABELS.get(codec)
    if label is None:
        return False
    text, wide = _cp949_reading(data)
    if not _reads_korean(text, wide) or not _KOREAN_SPACE.search(text):
        return False
    import chardet  # here, as only East Asian text comes this far

    found = {
        r["encoding"]: r["confidence"] or 0.0
        for r in chardet.detect_all(data[:_SAMPLE], ignore_threshold=True)
    }
    korean = max(found.get("CP949", 0.0), found.get("EUC-KR", 0.0))
    return korean > 0 and korean >= _KOREAN_LIKELIER * found.get(label, 0.0)


def korean_reading(data: bytes) -> bool:
    """Whether ``data`` reads in CP949 as Korean: hangul syllables, nearly all of them
    common ones."""
    return _reads_korean(*_cp949_reading(data))


def _reads_korean(text: str, wide: list[str]) -> bool:
    hangul = sum(1 for ch in wide if _is_hangul(ch))
    return bool(wide) and hangul >= _COMMON * len(wide) and _share_of("ko", text) >= _COMMON


def korean_with_extensions(data: bytes) -> bool:
    """Whether ``data`` reads in CP949 as hangul syllables only, at least half of them
    the common ones of KS X 1001: Korean with a few of the syllables CP949 adds ("햏",
    "똠"), not Shift_JIS text, which reads as those added syllables nearly all."""
    _, wide = _cp949_reading(data)
    if not wide or not all(_is_hangul(ch) for ch in wide):
        return False
    common = sum(1 for ch in wide if _lead(ch, "euc_kr") is not None)
    return common * 2 >= len(wide)


def _cp949_reading(data: bytes) -> tuple[str, list[str]]:
    """The start of ``data`` read in CP949, and its characters beyond ASCII but spaces;
    ("", []) when CP949 cannot read it."""
    try:
        text = _read(data[:_BETTER_SAMPLE], "cp949")
    except UnicodeDecodeError:
        return "", []
    return text, [ch for ch in text if ord(ch) > 127 and not ch.isspace()]


def utf8_by_chance(data: bytes, codec: str) -> bool:
    """Whether ``data``, valid UTF-8, is rather text in ``codec``, the East Asian charset
    its message is written in: a few characters' bytes happen to be valid UTF-8 ("通知"
    in GBK is UTF-8 "֪ͨ", "谢谢" is "лл"), read as common characters of the charset's
    language, while UTF-8 reads them as no East Asian text or as rare characters of it."""
    language = _LANGUAGE.get(codec)
    if language is None:
        return False
    try:
        text = _read(data[:_BETTER_SAMPLE], codec)
    except UnicodeDecodeError:
        return False
    own = _share_of(language, text)
    utf8 = data[:_BETTER_SAMPLE].decode("utf-8", errors="replace")
    if not any(_is_han(ch) or _is_kana(ch) or _is_hangul(ch) for ch in utf8):
        # Greek or Russian in UTF-8 read as common Chinese characters too ("Ελένη" as
        # "螘位苇谓畏"): only a UTF-8 reading that is no one's text gives way.
        return own >= _COMMON and not _utf8_text(data[:_BETTER_SAMPLE], utf8)
    # Both East Asian ("﨑山" in CP932 is UTF-8 "핎R"): the far commoner reading.
    return own >= 0.5 and own >= max(_share_of(o, utf8) for _c, o in _READINGS) + _BETTER


_LANGUAGE = dict(_READINGS)
# The codecs compared.
CODECS = frozenset(_LANGUAGE)


def _utf8_text(data: bytes, text: str) -> bool:
    """Whether ``text``, the UTF-8 reading of ``data``, is text someone writes: Latin
    letters, or a word or more of a single-byte script (:mod:`alphabets`)."""
    wide = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    if all(ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN") for ch in wide):
        # Latin letters in words, a word with its accents ("Café", "Zółć"): an accented
        # letter alone ("Ź", "ħ" after "Re:"), or accented letters with no plain one
        # among them ("ġŲ", "üũ", "ȣȯ"), is no one's word but a Korean syllable's two
        # bytes each ("치킨", "체크", "호환" in EUC-KR).
        return any(_accented_word(word) for word in _WORDS.findall(text) if not word.isascii())
    return alphabets.reading(data, "utf-8") is not None


def _accented_word(word: str) -> bool:
    return len(word) >= _LATIN_WORD and any(ch.isascii() for ch in word)


_WORDS = re.compile(r"[^\W\d_]+")
_LATIN_WORD = 2


# Two Korean words with a space between them ("환불 요청").
_KOREAN_SPACE = re.compile("[\uac00-\ud7a3] [\uac00-\ud7a3]")


def strong(data: bytes) -> str | None:
    """The East Asian codec ``data`` reads in as its language's common characters
    (nearly all of them), or None."""
    sample = data[:_BETTER_SAMPLE]
    if max(_scores(sample, None).values(), default=0.0) < _COMMON:
        return None
    return choose(sample, None)


def share(data: bytes, codec: str) -> float:
    """The share of common characters in ``codec``'s reading of ``data`` (0 when it
    does not decode)."""
    return _scores(data[:_BETTER_SAMPLE], None).get(codec, 0.0)


# A reading that is text: this share of its characters common ones; another reading
# outweighs a label's by this much; enough text to judge by.
_COMMON = 0.8
_BETTER = 0.25
_BETTER_LONG = 0.1
# 8-bit bytes of some twenty characters and more.
_LONG = 40
_BETTER_SAMPLE = 1024


def _scores(data: bytes, languages: Container[str] | None) -> dict[str, float]:
    scores: dict[str, float] = {}
    for codec, language in _READINGS:
        if languages is not None and language not in languages:
            continue
        try:
            text = _read(data, codec)
        except UnicodeDecodeError:
            continue
        if any(ord(ch) > 127 and not ch.isspace() for ch in text):
            scores[codec] = _share_of(language, text)
    return scores


def _read(data: bytes, codec: str) -> str:
    """``data`` read in ``codec``; in CP949 with KS X 1001's make-up sequences as their
    syllables (:mod:`mailgate.parse.hangul`). Raises UnicodeDecodeError."""
    text = data.decode(codec)
    return hangul.composed(text) if codec == "cp949" else text


def _share_of(language: str, text: str) -> float:
    chars = [ch for ch in text if ord(ch) > 127 and not ch.isspace()]
    return sum(_weight(ch, language) for ch in chars) / len(chars) if chars else 0.0


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # The superset each is read as.
    return {
        "gb2312": "gb18030",
        "gbk": "gb18030",
        "big5": "big5hkscs",
        "euc_kr": "cp949",
        "shift_jis": "cp932",
        "euc_jp": EUC_JP_MS,
        # chardet names the JIS X 0213 forms for Japanese with characters beyond JIS X
        # 0208 (the NEC row's "①", "㈱"): read as CP932 and eucJP-ms read them.
        "euc_jis_2004": EUC_JP_MS,
        "euc_jisx0213": EUC_JP_MS,
        "shift_jis_2004": "cp932",
        "shift_jisx0213": "cp932",
    }.get(name, name)


def _is_kana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u30ff"


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _lead(ch: str, codec: str) -> int | None:
    """The first byte of ``ch`` in a two-byte standard, or None if it has none there."""
    try:
        encoded = ch.encode(codec)
    except UnicodeEncodeError:
        return None
    return encoded[0] if len(encoded) == 2 else None


def _within(ch: str, codec: str, first: int, last: int) -> bool:
    lead = _lead(ch, codec)
    return lead is not None and first <= lead <= last


def _weight(ch: str, language: str) -> float:
    """How much ``ch`` belongs in text of ``language``: 1 for its common characters, 0.5
    for punctuation and symbols, less for what the language seldom or never writes: 0 for
    the private use area, where the user-defined rows of these charsets put what no
    text holds."""
    han, kana, hangul = _is_han(ch), _is_kana(ch), _is_hangul(ch)
    if not (han or kana or hangul):
        return 0.0 if "\ue000" <= ch <= "\uf8ff" else 0.5
    if language == "zh-hans":
        return (1.0 if _within(ch, "gb2312", 0xB0, 0xD7) else 0.2) if han else 0.0
    if language == "zh-hant":
        return (1.0 if _within(ch, "big5", 0xA4, 0xC6) else 0.2) if han else 0.0
    if language == "ko":
        if hangul:
            return 1.0 if _lead(ch, "euc_kr") is not None else 0.2
        return 0.1
    # Japanese
    if kana:
        return 1.0
    return (1.0 if _within(ch, "euc_jp", 0xB0, 0xCF) else 0.2) if han else 0.0
