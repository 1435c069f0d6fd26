"""Telling the single-byte charsets of Latin-script languages apart.

windows-1252, windows-1250, windows-1254, windows-1257 and windows-1258 (and the ISO 8859 parts they
extend) give every byte a character, so text in any of them decodes in all of them: the
Czech "Jiří" reads as "Jiøí" in windows-1252, the French "résilier" as "rķsilier" in
windows-1257.  Statistical detection needs more text than a subject and a line or two to
see which, and on little text it often ranks a Baltic or DOS code page first.

A language is written in one alphabet: the letters a reading makes are the evidence.
Each reading is scored by how many of its accented letters one language's alphabet holds
— the reading in the right charset is made of one language's letters ("í", "ř", "č",
"š": Czech), a wrong one mixes letters no language has together ("ø" and "í" and "è"
and "š").  The best-scored reading wins; among equals, windows-1252, the charset most
such mail was written in.
"""

from __future__ import annotations

import re
import unicodedata

# The accented letters of the languages written in these charsets (lower case).
ALPHABETS = {
    "fr": "àâæçéèêëîïôœùûüÿ",
    "de": "äöüß",
    "es": "áéíóúüñ",
    "pt": "áâãàçéêíóôõú",
    "it": "àèéìíîòóùú",
    "nl": "ëïéèöüáó",
    "ca": "àçèéíïòóúü",
    "sv": "åäöé",
    "da-no": "æøåé",
    "fi": "äöå",
    "is": "áðéíóúýþæö",
    "et": "äöõüšž",
    "pl": "ąćęłńóśźż",
    "cs": "áčďéěíňóřšťúůýž",
    "sk": "áäčďéíĺľňóôŕšťúýž",
    "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ",
    "hr-sl": "čćđšž",
    "sq": "çë",
    "tr": "çğıöşüâîû",
    "lv": "āčēģīķļņšūž",
    "lt": "ąčęėįšųūž",
    "vi": "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ",
}
_LETTER_SETS = {language: frozenset(letters) for language, letters in ALPHABETS.items()}

# The readings compared, in the order ties are broken.
READINGS = ("cp1252", "iso8859-15", "cp1250", "iso8859-2", "cp1254", "cp1257", "cp1258")


def choose(data: bytes) -> str | None:
    """The codec whose reading of ``data`` is made of one language's letters, or None
    when ``data`` has no accented letters in any reading."""
    best: tuple[float, str] | None = None
    for codec in READINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = language_score(text)
        if score is not None and codec in _WESTERN_READINGS and not western(text):
            score -= _NOT_WESTERN  # "Sipariþ", "Proœba": another Latin charset's letters
        if score is not None and (best is None or score > best[0]):
            best = (score, codec)
    return best[1] if best else None


_WESTERN_READINGS = frozenset({"cp1252", "iso8859-15"})
# What a Western reading loses whose letters stand where no Western language puts them.
_NOT_WESTERN = 0.5


def language_score(text: str) -> float | None:
    """The largest share of the text's distinct accented letters that one alphabet
    holds, less the share of symbols glued to a word; None without accented letters.
    Tone marks written as combining characters (windows-1258) count with their letter."""
    text = unicodedata.normalize("NFC", text)
    letters = {_lower(ch) for ch in text if ord(ch) > 127 and ch.isalpha()}
    if not letters:
        return None
    share = max(len(letters & alphabet) / len(letters) for alphabet in _LETTER_SETS.values())
    # A symbol glued to a word ("®ádost") is a letter read in the wrong charset.
    high = [i for i, ch in enumerate(text) if ord(ch) > 127]
    glued = sum(
        1
        for i in high
        if not text[i].isalpha() and text[i] not in _BESIDE_WORDS and _touches_letter(text, i)
    )
    return share - glued / len(high)


def _lower(letter: str) -> str:
    """The lower case of an accented letter, one letter: Turkish "İ" lowers to "i" and a
    combining dot, and is counted as the dotless "ı", the other letter only Turkish has."""
    lower = letter.lower()
    return lower if len(lower) == 1 else "ı"


# Marks that stand against a word in the languages' own writing: Spanish "¿Podrían",
# quotes and apostrophes ("n’ai", «oui»).
_BESIDE_WORDS = frozenset("¿¡‘’“”„«»‹›")


def _touches_letter(text: str, i: int) -> bool:
    return (i > 0 and text[i - 1].isalpha()) or (i + 1 < len(text) and text[i + 1].isalpha())


def better_than(data: bytes, codec: str) -> str | None:
    """A reading of ``data`` made of one language's letters when its reading in
    ``codec`` mixes letters no language has together ("Szõke", "Üzenet", "határidõ": the
    õ of Portuguese and the Ü of Hungarian — Hungarian in ISO 8859-2 read as Latin-1);
    None when the reading in ``codec`` is a language's, or no other is."""
    text = data.decode(codec, errors="replace")
    if len({_lower(ch) for ch in text if ord(ch) > 127 and ch.isalpha()}) < _EVIDENCE:
        return None
    own = language_score(text)
    if own is None or own >= 1 or _each_paragraph_one_language(text):
        return None
    for other in READINGS:
        try:
            score = language_score(data.decode(other))
        except UnicodeDecodeError:
            continue
        if score is not None and score >= 1:
            return other
    return None


# Distinct accented letters enough to say a reading mixes alphabets.
_EVIDENCE = 3


def _each_paragraph_one_language(text: str) -> bool:
    """Whether each paragraph of ``text`` is made of one language's letters, though the
    whole mixes two: a French message under a Swedish signature ("… à jour" / "Med
    vänliga hälsningar"), read right in its label.  (A mislabelled paragraph mixes
    alphabets within itself: "Szõke … Üzenet".)"""
    scores = [language_score(p) for p in _PARAGRAPH_BREAK.split(text)]
    scored = [s for s in scores if s is not None]
    return len(scored) >= 2 and all(s >= 1 for s in scored)


_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r]*\n")


# The languages most mail labelled Latin-1 or windows-1252 is written in.
_WESTERN_LANGUAGES = ("fr", "de", "es", "pt", "it", "nl", "ca", "sv", "da-no", "fi", "is")
_WESTERN_LETTERS = frozenset("".join(ALPHABETS[language] for language in _WESTERN_LANGUAGES))
# Where those languages never put their letters: "ç" before a letter but a, o, u (French,
# Portuguese and Catalan write "c" there); "õ" but before "e" or "s" (Portuguese "põe",
# "ações"); "œ" after a vowel (French writes it after a consonant: "cœur", "sœur");
# Icelandic "þ" at a word's end, "ð" at its start (it writes them the other way round:
# "það", "Alþingi", "góðan").
_NOT_WESTERN_SPELLING = re.compile(
    r"ç(?=[^\W\d_])(?![aouáóúãõâô])|õ(?=[^\W\d_])(?![es])|(?<=[aeiouy])œ"
    r"|þ(?![^\W\d_])|(?<![^\W\d_])ð"
)


def western(text: str) -> bool:
    """Whether the accented letters of ``text`` are those the Western languages write,
    where they write them: not "Sipariþ" (Turkish "ş" read as Latin-1) nor "Elõleg"
    (Hungarian "ő") nor "Rçíins" (Latvian "ē" and "ķ").  Estonian, written in the same
    charsets, counts with them where it spells its "õ" as only it does ("Tõnu",
    "Põld": :func:`estonian_words`)."""
    lower = text.lower()
    letters = {ch for ch in lower if ord(ch) > 127 and ch.isalpha()}
    if not letters <= _WESTERN_LETTERS:
        return False
    if estonian_words(lower):
        lower = _ESTONIAN_WORD.sub(" ", lower)
    return _NOT_WESTERN_SPELLING.search(lower) is None


def estonian_words(text: str) -> bool:
    """Whether the words of ``text`` with an "õ" are spelt as Estonian spells them, and
    its other accented letters are Estonian's too.

    The byte of Estonian "õ" (0xF5 in Latin-1, windows-1252, ISO 8859-15 and the Baltic
    windows-1257) is Hungarian "ő" in ISO 8859-2 and windows-1250, a letter of the same
    shape; the spelling around it tells the two apart.  Estonian writes "õ" in a word's
    first syllable ("Tõnu", "Põld", "kõik", "Jõgeva"), never at its end, and in its
    native words o, ö, ü and õ in the first syllable only (later ones have a, e, i, u);
    it writes no c, q, w, x, y or z but in foreign names.  Hungarian writes "ő" at a
    word's end ("idő", "kő"), after its first syllable ("Előleg", "kérdőív"), before
    "o" and "ö" ("Főoldal", "Főnök"), and spells its sounds with those letters ("sz",
    "cs", "zs", "gy", "ny", "ly", "ty": "Szőke", "Győr"); its long vowels (á é í ó ú ű)
    Estonian does not write, and one in the text makes it Hungarian.  A word both
    could write ("Tõke" is a word of each) is read as Estonian: the charsets that write
    "õ" are the ones most mail without a label is in."""
    lower = text.lower()
    letters = {ch for ch in lower if ord(ch) > 127 and ch.isalpha()}
    if "õ" not in letters or not letters <= _ESTONIAN_LETTERS:
        return False
    with_o = [w for w in _WORD.findall(lower) if "õ" in w]
    return all(_ESTONIAN_WORD.fullmatch(w) for w in with_o)


def estonian_reading(data: bytes) -> str | None:
    """The charset Estonian is written in whose reading of ``data`` is Estonian words
    with an "õ" (:func:`estonian_words`), or None."""
    for codec in _ESTONIAN_READINGS:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if estonian_words(text):
            return codec
    return None


# The charsets Estonian mail is written in, in the order ties are broken (its letters
# but "š" and "ž" are the same bytes in each).
_ESTONIAN_READINGS = ("cp1252", "iso8859-15", "cp1257")
# Estonian's accented letters ("š" and "ž" in loanwords and names).
_ESTONIAN_LETTERS = frozenset(ALPHABETS["et"])
# A word of Estonian's consonants with "õ" (or "õõ") its first vowel, not at its end, and
# only a, e, i, u after it.
_ESTONIAN_CONSONANTS = "bdfghjklmnprstvšž"
_ESTONIAN_WORD = re.compile(
    rf"(?<![^\W\d_])[{_ESTONIAN_CONSONANTS}]*õõ?(?=[^\W\d_])[aeiu]*"
    rf"(?:[{_ESTONIAN_CONSONANTS}]+[aeiu]+)*[{_ESTONIAN_CONSONANTS}]*(?![^\W\d_])"
)
_WORD = re.compile(r"[^\W\d_]+")
