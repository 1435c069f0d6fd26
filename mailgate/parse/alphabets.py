"""Telling apart the single-byte charsets of the alphabets that are not Latin.

Cyrillic, Greek, Hebrew, Arabic and Thai mail of the pre-Unicode era was written in
single-byte charsets that give nearly every upper byte a letter: KOI8-R, KOI8-U,
windows-1251, ISO 8859-5 and CP866 for Russian, Ukrainian, Bulgarian, Serbian and
Macedonian, PT154 for Kazakh; windows-1253
and ISO 8859-7 for Greek; windows-1255 and ISO 8859-8 for Hebrew; windows-1256 and
ISO 8859-6 for Arabic and Persian; TIS-620 (windows-874) for Thai.  A subject written
raw in one of them beside an ASCII body is all the evidence there is, and too little for
statistical detection: a Greek subject in ISO 8859-7 reads as Russian in windows-1251
("Рсьвлзмб ме фп фймпльгйп"), a Hebrew one too ("бтйд бзщберйъ").

Read in the wrong one of these charsets, the bytes still make letters, but not text:

- letters of two scripts, or symbols, where text has letters of one script (windows-1256
  reads ISO 8859-6 Arabic with a French "ê" and a "×" inside its words);
- words cased as no words are ("оЕ", "ЕлЭнз"): KOI8-R and windows-1251 put the upper
  and the lower case in opposite halves of the upper range;
- letters where the script's spelling never puts them: a Greek final "ς" inside a word,
  a Hebrew final letter (ם ן ך ף ץ) inside a word, a Russian word starting with "ь", a
  Thai vowel sign with no consonant to carry it;
- one letter over and over: the lead byte of two-byte East Asian text (0xA4 before
  every hiragana of EUC-JP) read as a letter ("คฮม...คหคฤคคค");
- and most of all, the wrong letters: a language writes a few letters far more often
  than the rest (Russian о е а и н т, Greek α ο ι ε τ, Hebrew י ו ה ל, Arabic ا ل ي),
  and a misreading is made of its rare ones (Russian ф щ э ъ).

A reading that shows none of the first four is scored by how likely its letters are in
the likeliest language of its script (:data:`LETTER_ORDER`), against letters drawn from
that alphabet at random; the best-scored reading wins.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from mailgate.parse import hebrew

# The letters of each language, the commonest first, as counts over newspaper and
# letter text put them (lower case; Greek without its accents, final sigma as sigma).
# Only the order is used: a letter's likelihood falls by the same share per rank, as
# much over the alphabet as its size allows (_SPREAD).
LETTER_ORDER: dict[str, tuple[str, str]] = {
    "ru": ("CYRILLIC", "оеаинтсрвлкмдпуяыьгзбчйхжшюцщэфъё"),
    "uk": ("CYRILLIC", "оанівиетрслкудмпзяьгбчхжйшюцєщїфґ"),
    "bg": ("CYRILLIC", "аоеинтрсвлкдпмзяъгубчжйхшщцфюь"),
    "sr-mk": ("CYRILLIC", "аоеинрстјвдклупмзгбчшцњћжхљѓќфђџѕ"),
    "kk": ("CYRILLIC", "аеынрлтіксдмзбуйғжшқоңгпәүөчяұвхюһцфщэъьё"),
    "el": ("GREEK", "αοιετσνηυρπκμλωδγχθφβξζψ"),
    "he": ("HEBREW", "יוהלארמתבנשעםכדקןפחסגצזטךףץ"),
    "ar": ("ARABIC", "اليمونرتبةعهدسفكقأحجشطصىخإضزثذغئءظآؤ"),
    # Persian as windows-1256 writes it: the Arabic "ي" for the "ی" it lacks.
    "fa": ("ARABIC", "اينردهمتوبسلکشزگپخقفحعجچطغصضثذظژآ"),
    "th": (
        "THAI",
        "านรอกเ่มงยวี้ดทัิสลคปบะแหขตจพไูชุใโ์็ืถผศซึำญธณษฟภฝฐฉฆฤฏฑฎฒฌฮฬฃฅ๊๋ๅ",
    ),
}
# The likelihood of the commonest letter over that of the one ranked at the alphabet's
# size: about e^4 (Russian "о" 11 %, "ф" 0.3 %).
_SPREAD = 4.0

# The charsets compared, in the order ties are broken: the commonest of each script
# first, the Windows code page before the ISO 8859 part it extends.
CODECS: dict[str, tuple[str, ...]] = {
    "CYRILLIC": ("koi8-r", "cp1251", "koi8-u", "iso8859-5", "cp866", "ptcp154"),
    "GREEK": ("cp1253", "iso8859-7"),
    "HEBREW": ("cp1255", "iso8859-8"),
    "ARABIC": ("cp1256", "iso8859-6"),
    "THAI": ("cp874",),
}
READINGS = tuple(codec for codecs in CODECS.values() for codec in codecs)
SCRIPTS = {codec: script for script, codecs in CODECS.items() for codec in codecs}

# Marks beside the letters of any of these scripts: quotes, dashes, №, the ellipsis,
# currency, and each script's own punctuation.
_MARKS = frozenset("«»—–№“”„‚’‘…·•\xa0€₪฿،؛؟ـ־׳״ฯๆ")
# Readings whose words show their case, and the share of words that may be cased oddly
# (acronyms inside words, "МВт") in real text.
_CASED = frozenset({"CYRILLIC", "GREEK"})
_MISCASED_SHARE = 0.1
# Text is written mostly in lower case: a reading all in capitals (Hebrew in KOI8-R,
# "ЮХЯЮ ЛЕИ") is the less likely one, by this much, once it has this many letters.
_CAPITALS = 0.3
_CAPITALS_FROM = 6
# Letters out of place (the spelling rules above) that real text still has now and then
# (an abbreviation, a loanword): a share of its letters.
_OUT_OF_PLACE_SHARE = 0.05
# No language writes one letter in more than about one in six of its letters (Russian
# "о" 11 %, Arabic "ا" 13 %); a short text may have more of one ("Τιμολόγιο" three
# "ο" in nine, and a subject and a text of that word), but not a third of twenty.
_MAX_SHARE = 0.3
_REPEATS_FROM = 20
# How much likelier (mean log-likelihood ratio per letter) another charset's reading
# must be to outweigh the label's when both read as text.
_OTHER_CHARSET_MARGIN = 0.5
# Enough text to tell a script's charset by.
_SAMPLE = 4096
# Fewer letters than this tell nothing.
_MIN_LETTERS = 3
# How much likelier than letters drawn at random a reading's letters must be, on
# average (natural log): real text scores above 0, a misreading that passes the
# other tests well below.
MIN_PLAUSIBLE = -0.5

_WORD = re.compile(r"[^\W\d_]+")
_THAI_CONSONANT = re.compile(r"[\u0e01-\u0e2e]")
# Thai signs written after a consonant (vowels above and below it, tone marks, and
# the vowels that follow it), and the vowels written before one.
_THAI_AFTER = frozenset("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a")
_THAI_MARKS = frozenset("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e")
_THAI_BEFORE = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_HEBREW_FINALS = hebrew.FINALS
_HEBREW_MEDIALS = hebrew.MEDIALS
_NEVER_FIRST = frozenset("ьъы")
# Russian spelling: after г к х ж ч ш щ, и а у and not ы я ю (but in a few loanwords,
# "жюри"); the signs ь ъ and ы never after a vowel.
_CYRILLIC_NEVER_AFTER = re.compile(r"[гкхжчшщ][ыяю]|[аеёиоуыэюяіїє][ьъы]")
# Six consonants in a row: no Slavic word has them (Serbian "српски" has five).
_CYRILLIC_CLUSTER = re.compile(r"(?:(?![аеёиоуыэюяієїәөұүъь])[\u0430-\u045f\u0490-\u04ff]){6}")
_GREEK_ENDINGS = frozenset("αεηιουωςσν")
# Arabic and Hebrew vowel signs sit on a letter: none after a space or a sign of
# punctuation; an Arabic letter carries one short vowel (with a shadda at most).
_UNCARRIED = re.compile(r"(?:^|[^\w\u0591-\u05c7\u064b-\u0652])[\u0591-\u05c7\u064b-\u0652]")
_TWO_VOWELS = re.compile(r"[\u064b-\u0650\u0652][\u064b-\u0650\u0652]")
# A Greek syllable's vowels: one letter or a digraph (αι, ει, οι, ου, αυ, ευ).
_GREEK_SYLLABLE = re.compile(r"αι|ει|οι|ου|αυ|ευ|[αεηιουω]")


@dataclass(frozen=True)
class Reading:
    codec: str
    script: str
    score: float


def choose(data: bytes, among: Iterable[str] = READINGS) -> str | None:
    """The codec (of ``among``) whose reading of ``data`` is the likeliest text of one
    of these scripts, or None when no reading is such text."""
    best = best_reading(data, among)
    return best.codec if best is not None else None


def best_reading(data: bytes, among: Iterable[str] = READINGS) -> Reading | None:
    """The best-scored reading of ``data`` among the codecs ``among``, or None when no
    reading is text of one script, as likely as :data:`MIN_PLAUSIBLE` asks."""
    best: Reading | None = None
    for codec in among:
        found = reading(data[:_SAMPLE], codec)
        if found is not None and (
            best is None or found.score - _SELDOM.get(codec, 0.0) > best.score
        ):
            best = found
    return best if best is not None and best.score >= MIN_PLAUSIBLE else None


# Charsets little mail is written in, and by how much more likely their reading must
# be than a commoner charset's to be chosen: Kazakh's PT154 reads a Ukrainian
# windows-1251 text with one letter changed ("працює" as "працюә"), a reading as
# likely as the right one.
_SELDOM = {"ptcp154": 0.15}


def better_in_script(data: bytes, codec: str) -> str | None:
    """The other charset of ``codec``'s script that reads ``data`` as that script's
    text, when ``codec`` reads it as no one's text (words cased as no words are,
    symbols among the letters) or as far less likely text: KOI8-R bytes under a
    windows-1251 label, as a web form posts in its page's charset and labels the mail
    in its template's.  None when ``codec`` is no charset of these scripts, or reads
    ``data`` as well as any."""
    script = SCRIPTS.get(codec)
    if script is None:
        return None
    best = best_reading(data, CODECS[script])
    if best is None or best.codec == codec:
        return None
    own = reading(data[:_SAMPLE], codec)
    if own is None or best.score > own.score + _OTHER_CHARSET_MARGIN:
        return best.codec
    return None


def reading(data: bytes, codec: str) -> Reading | None:
    """``data`` read in ``codec``, scored; None when the reading is no text of one
    script (undecodable bytes, symbols, letters of two scripts in a word, words cased
    or spelt as no words are)."""
    try:
        text = data.decode(codec)
    except (UnicodeError, LookupError):
        return None
    script = _script_of(text)
    if script is None:
        return None
    if script == "HEBREW" and hebrew.visual(text):
        # ISO 8859-8's visual order: each line as it is shown, right to left.
        text = text[::-1]
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    if any(any(ch.isascii() for ch in w) for w in words):
        return None  # "Grцяe": a Latin word's accents read as another script's letters
    if script in _CASED and _miscased(words):
        return None
    letters = _letters(text, script)
    if len(letters) < _MIN_LETTERS:
        return None
    if _out_of_place(text, script) > _OUT_OF_PLACE_SHARE * len(letters):
        return None
    if len(letters) >= _REPEATS_FROM and _most_repeated(letters) > _MAX_SHARE * len(letters):
        return None
    score = _likelihood(letters, script)
    if script in _CASED and len(letters) >= _CAPITALS_FROM and not _has_lower(text, script):
        score -= _CAPITALS
    return Reading(codec, script, score)


def _script_of(text: str) -> str | None:
    """The one script of the 8-bit letters of ``text``; None when they are of several,
    none, or when a character outside ASCII is neither a letter of it nor a mark."""
    found: str | None = None
    for ch in text:
        if ord(ch) < 128 or ch in _MARKS or ch.isspace():
            continue
        script = _script(ch)
        if script not in CODECS or (found is not None and script != found):
            return None
        found = script
    return found


def _has_lower(text: str, script: str) -> bool:
    return any(ch.islower() and _script(ch) == script for ch in text)


def _most_repeated(letters: str) -> int:
    return max(letters.count(ch) for ch in set(letters))


@cache
def _script(ch: str) -> str | None:
    """The script of a letter or a mark (the first word of its Unicode name: CYRILLIC,
    GREEK …); None for a symbol, a digit, a control ("¤", "©", a box-drawing line)."""
    if unicodedata.category(ch)[0] not in "LM":
        return None
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


def _miscased(words: list[str]) -> bool:
    cased = [w for w in words if len(w) >= 2]
    odd = sum(1 for w in cased if not (w.islower() or w.isupper() or w.istitle()))
    return odd > _MISCASED_SHARE * len(cased)


def _letters(text: str, script: str) -> str:
    """The letters of ``text`` as the frequency table writes them: lower case, Greek
    without its accents and with one sigma, Hebrew and Arabic without their vowel
    points."""
    out: list[str] = []
    for ch in text.lower():
        if ord(ch) < 128 or not unicodedata.category(ch).startswith(("L", "M")):
            continue
        letter = unicodedata.normalize("NFD", ch)[0].replace("ς", "σ") if script == "GREEK" else ch
        # "ё" is "е" with the dots most writers leave off: as likely as the "е" it is.
        letter = "е" if letter == "ё" else letter
        if script != "THAI" and unicodedata.combining(letter):
            continue
        out.append(letter)
    return "".join(out)


def _out_of_place(text: str, script: str) -> int:
    """How many letters of ``text`` stand where the script's spelling never puts them."""
    count = 0
    for word in _WORD.findall(text) if script != "THAI" else ():
        lower = word.lower()
        if script == "CYRILLIC":
            count += lower[0] in _NEVER_FIRST
            count += len(_CYRILLIC_NEVER_AFTER.findall(lower))
            count += len(_CYRILLIC_CLUSTER.findall(lower))
        elif script == "GREEK":
            count += lower[:-1].count("ς") + _greek_misspelt(word)
        elif script == "HEBREW":
            count += sum(1 for ch in lower[:-1] if ch in _HEBREW_FINALS)
            count += len(lower) > 1 and lower[-1] in _HEBREW_MEDIALS
        elif script == "ARABIC":
            count += sum(1 for ch in lower[:-1] if ch in "ةى")
    if script in ("ARABIC", "HEBREW"):
        count += len(_UNCARRIED.findall(text))
        count += len(_TWO_VOWELS.findall(text)) if script == "ARABIC" else 0
    if script == "THAI":
        count += _thai_misspelt(text)
    return count


def _greek_misspelt(word: str) -> int:
    """Greek words end in a vowel, "ς" or "ν"; in lower case, a word of two syllables or
    more carries an accent (the monotonic spelling since 1982; capitals drop it)."""
    if len(word) < 2 or _script(word[0]) != "GREEK":
        return 0
    bare = unicodedata.normalize("NFD", word.lower())
    letters = "".join(ch for ch in bare if not unicodedata.combining(ch))
    count = int(letters[-1] not in _GREEK_ENDINGS)
    if not word.isupper() and len(_GREEK_SYLLABLE.findall(letters)) >= 2:
        count += "\u0301" not in bare
    return count


def _thai_misspelt(text: str) -> int:
    """Thai signs with no consonant to carry them, and leading vowels with no consonant
    after them."""
    count = 0
    for i, ch in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if ch in _THAI_AFTER or ch in _THAI_MARKS:
            carried = _THAI_CONSONANT.match(before) or before in _THAI_AFTER | _THAI_MARKS
            count += not carried
        elif ch in _THAI_BEFORE:
            count += not _THAI_CONSONANT.match(after)
    return count


def _likelihood(letters: str, script: str) -> float:
    """The mean log-likelihood ratio of ``letters`` in the likeliest language of
    ``script``, against letters drawn from its alphabet at random."""
    return max(
        sum(_log_ratio(order, ch) for ch in letters) / len(letters)
        for name, order in _ORDERS.items()
        if LETTER_ORDER[name][0] == script
    )


# The log-likelihood ratio of a letter the language's alphabet does not hold: a name's
# or a loanword's at the most, far rarer than its rarest letter ("ҝ", Azerbaijani, in
# a Kazakh reading; "ї" in a Russian one).
_FOREIGN = -6.0


def _ranks(order: str) -> dict[str, float]:
    """Each letter's log-likelihood ratio, by its rank: geometric, normalised over the
    alphabet; a letter the table does not hold counts as :data:`_FOREIGN`."""
    decay = math.exp(-_SPREAD / len(order))
    weights = [decay**rank for rank in range(len(order) + 1)]
    total = sum(weights[:-1])
    size = len(order)
    return {
        **{ch: math.log(weights[rank] / total * size) for rank, ch in enumerate(order)},
        "": _FOREIGN,
    }


_ORDERS = {name: _ranks(order) for name, (_script, order) in LETTER_ORDER.items()}


def _log_ratio(ranks: dict[str, float], ch: str) -> float:
    return ranks.get(ch, ranks[""])
