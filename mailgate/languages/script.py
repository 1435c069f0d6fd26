"""Which language a client writes in, read from the letters and words of their text.

Scripts first: a script used by one language names it (Hangul → ``ko``, Thai → ``th``,
kana → ``ja``, Hebrew → ``he``, Greek → ``el``).  The Arabic script is shared by Arabic,
Persian and Urdu: the letters only one of them uses (Persian پ چ ژ گ and its own ی ک;
Arabic ة ى and its article ال; Urdu ٹ ڈ ڑ ں ے) and their commonest words ("است",
"با سلام" against "في", "هذا") tell them apart; a text that does not is left undecided.  Han
characters without kana are Chinese.

A client writing in one of those scripts also pastes error messages, addresses and
product names in Latin letters, so a script with enough letters of its own decides even
when Latin letters outnumber them.  Latin-script languages are decided only on a text
long enough and clearly made of one language's small words (English "the", "is"; German
"und", "nicht" …); a few words ("Printer broken") decide nothing, and the choice falls
through to the department's or the helpdesk's language.

Pure: a text in, a :class:`Detected` (or None) out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Detected:
    """The language a text is in, and what showed it (for the ticket's history)."""

    language: str
    reason: str


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Letters of a script needed before it decides, and the share of all letters it must
# reach: one Hangul word in an English log is not a Korean mail.  A sentence or two
# (MIN_LETTERS_ALONE) decides whatever the share: a Korean client's three lines above
# a pasted log of fifty.
MIN_LETTERS = 4
MIN_SHARE = 0.1
MIN_LETTERS_ALONE = 12

# (language, first, last): a script only one language among those offered writes.
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("ko", 0xAC00, 0xD7A3),  # Hangul syllables
    ("ko", 0x1100, 0x11FF),  # Hangul jamo
    ("ko", 0x3130, 0x318F),  # Hangul compatibility jamo
    ("th", 0x0E00, 0x0E7F),
    ("ja", 0x3040, 0x30FF),  # hiragana and katakana
    ("he", 0x0590, 0x05FF),
    ("el", 0x0370, 0x03FF),
)
_ARABIC = ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_HAN = ((0x4E00, 0x9FFF), (0x3400, 0x4DBF))

# Letters of the Arabic script that one of its languages uses and the others do not (or
# hardly).  Persian writes ی (U+06CC) and ک (U+06A9) where Arabic writes ي and ك; but
# Persian typed on an Arabic keyboard layout has ي and ك too, so those count less and
# the words count as well.
_PERSIAN_LETTERS = frozenset("پچژگیک")
_ARABIC_LETTERS = frozenset("ةىأإ")
_ARABIC_SHARED = frozenset("يك")
_URDU_LETTERS = frozenset("ٹڈڑںےہ")
_PERSIAN_WORDS = _words(
    "است هست نیست می این آن را که با برای از شما لطفا لطفاً ممنون سپاس باسلام "
    "مشکل سرور دامنه هاست ایمیل خیلی نمی هم یک ولی اما"
)
_ARABIC_WORDS = _words(
    "في على هذا هذه التي الذي إلى مع عن أن لا نعم مرحبا شكرا شكراً السلام عليكم "
    "المشكلة الخادم لقد كان يوجد"
)
_URDU_WORDS = _words("ہے ہیں کے کی کا میں نہیں اور آپ شکریہ")
# Each of these words counts as much as this many letters.
_WORD_WEIGHT = 3

# The small words of Latin-script languages: a text of at least LATIN_MIN_WORDS words
# where one language's make LATIN_MIN_SHARE of them, twice as many as the next one's.
LATIN_MIN_WORDS = 8
LATIN_MIN_SHARE = 0.2
_LATIN_WORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and is are was to of you your my i it its for not this that with have has "
        "please thank thanks on in we our be can could would do does at from me an"
    ),
    "de": _words(
        "der die das und ist nicht ich mit sie es ein eine zu auf für bitte danke wir "
        "haben den dem von mein meine wie noch auch kann"
    ),
    "fr": _words(
        "le la les et est pas je vous de des un une pour avec que ne merci nous dans "
        "sur mon ma mes votre il elle ce"
    ),
    "es": _words(
        "el la los las y es no de que en un una por para con gracias mi su se lo está "
        "estoy tengo muy pero"
    ),
    "it": _words(
        "il la e è non di che un una per con grazie mio mia sono ho del della gli le questo ma"
    ),
    "pt": _words(
        "o a os as e é não de que em um uma para com obrigado obrigada meu minha está "
        "você estou tenho mas"
    ),
    "nl": _words(
        "de het en is niet ik een van met voor dank wij mijn op te dat zijn heb u bedankt maar ook"
    ),
}
# The languages of _LATIN_WORDS that have each of their words.
_LATIN_LANGUAGES_OF: dict[str, tuple[str, ...]] = {
    word: tuple(lang for lang, vocabulary in _LATIN_WORDS.items() if word in vocabulary)
    for word in frozenset().union(*_LATIN_WORDS.values())
}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(first <= code <= last for first, last in ranges)


# ASCII's letters (none of its other characters is a letter or a combining mark).
_ASCII_LETTERS = bytes(range(65, 91)) + bytes(range(97, 123))
_NOT_ASCII = re.compile(r"[^\x00-\x7f]+")


def _ascii_letters(text: str) -> int:
    """How many of ``text``'s characters are ASCII letters (``text`` is ASCII)."""
    raw = text.encode("ascii")
    return len(raw) - len(raw.translate(None, _ASCII_LETTERS))


def _script_counts(text: str) -> tuple[Counter[str], int, int]:
    """Letters per script-language, letters of the Arabic script, letters in all."""
    by_language: Counter[str] = Counter()
    # The ASCII characters are counted at once (letters of no script counted here);
    # only the others are looked at one by one.
    if text.isascii():
        return by_language, 0, _ascii_letters(text)
    arabic = 0
    letters = _ascii_letters(_NOT_ASCII.sub("", text))
    for ch in "".join(_NOT_ASCII.findall(text)):
        if not ch.isalpha() and unicodedata.category(ch) not in ("Mn", "Mc"):
            continue
        letters += 1
        code = ord(ch)
        if code < 0x0370:
            continue
        if _in(code, _ARABIC):
            arabic += 1
            continue
        if _in(code, _HAN):
            by_language["zh"] += 1
            continue
        for language, first, last in _SCRIPTS:
            if first <= code <= last:
                by_language[language] += 1
                break
    return by_language, arabic, letters


def arabic_script_language(text: str) -> Detected | None:
    """Persian, Arabic or Urdu, by the letters and words only one of them uses."""
    words = _WORD.findall(text)
    scores: dict[str, float] = {
        "fa": sum(ch in _PERSIAN_LETTERS for ch in text)
        + _WORD_WEIGHT * sum(w in _PERSIAN_WORDS for w in words)
        + _WORD_WEIGHT * text.count("با سلام"),
        # ي and ك count half: Persian typed on an Arabic keyboard layout has them too.
        # The article ال begins most Arabic nouns and few Persian words.
        "ar": sum(ch in _ARABIC_LETTERS for ch in text)
        + 0.5 * sum(ch in _ARABIC_SHARED for ch in text)
        + sum(w.startswith("ال") and len(w) > 3 for w in words)
        + _WORD_WEIGHT * sum(w in _ARABIC_WORDS for w in words),
        "ur": 2 * sum(ch in _URDU_LETTERS for ch in text)
        + _WORD_WEIGHT * sum(w in _URDU_WORDS for w in words),
    }
    ranked = sorted(scores.items(), key=lambda kv: kv[1], reverse=True)
    (best, score), (_second, runner_up) = ranked[0], ranked[1]
    if score == 0 or score < 1.5 * runner_up:
        return None
    names = {"fa": "Persian", "ar": "Arabic", "ur": "Urdu"}
    return Detected(best, f"Arabic script with {names[best]} letters and words")


def latin_language(text: str) -> Detected | None:
    """A Latin-script language, only when its small words make the text unmistakable."""
    words = [w.lower() for w in _WORD.findall(text) if w.isascii() or not _nonlatin(w)]
    if len(words) < LATIN_MIN_WORDS:
        return None
    # Each word is looked up once, for the languages that have it.
    hits = dict.fromkeys(_LATIN_WORDS, 0)
    for w in words:
        for lang in _LATIN_LANGUAGES_OF.get(w, ()):
            hits[lang] += 1
    ranked = sorted(hits.items(), key=lambda kv: kv[1], reverse=True)
    (best, count), (_second, runner_up) = ranked[0], ranked[1]
    if count < LATIN_MIN_SHARE * len(words) or count < 2 * runner_up:
        return None
    return Detected(best, f"{count} of {len(words)} words are common {best} words")


def _nonlatin(word: str) -> bool:
    return any(ord(ch) >= 0x0250 for ch in word)


# Only the start of a text is read: a client's language shows in their first lines, and
# the choice is made while a ticket is opened, under the database's write lock — a
# pasted log of megabytes further down must cost nothing.
MAX_CHARS = 4000


def detect(text: str) -> Detected | None:
    """The language ``text`` is written in, or None when it does not say clearly."""
    text = text[:MAX_CHARS]
    by_language, arabic, letters = _script_counts(text)
    if by_language.get("ja") and by_language.get("zh"):
        # Japanese is written with kana and kanji together.
        by_language["ja"] += by_language.pop("zh")
    candidates = [*by_language.items(), ("arabic", arabic)]
    script, count = max(candidates, key=lambda kv: kv[1])
    if count >= MIN_LETTERS_ALONE or (count >= MIN_LETTERS and count >= MIN_SHARE * letters):
        if script == "arabic":
            return arabic_script_language(text)
        return Detected(script, f"{count} letters of the {_SCRIPT_NAMES[script]} script")
    return latin_language(text)


_SCRIPT_NAMES = {
    "ko": "Hangul",
    "th": "Thai",
    "ja": "Japanese",
    "zh": "Han",
    "he": "Hebrew",
    "el": "Greek",
}
