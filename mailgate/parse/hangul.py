"""Hangul syllables written as KS X 1001's make-up sequences.

KS X 1001, the character set of EUC-KR, holds 2,350 precomposed syllables; any other
syllable ("똠", "펲", "햏") it writes, by its Annex 3, as eight bytes: the Hangul filler
(0xA4D4) and three letters — the initial consonant, the vowel, the final consonant or
the filler again. Encoders that follow the standard (Python's ``euc_kr`` among them)
write them so; CP949, the superset mailgate reads EUC-KR with, reads them as four
characters (U+3164 and three compatibility jamo). :func:`composed` puts each sequence
back together as its syllable, or as the one letter it spells alone.
"""

from __future__ import annotations

import re

FILLER = "\u3164"

# The compatibility jamo in the order of the precomposed syllables' arithmetic
# (Unicode 3.12): initial consonants, vowels, final consonants.
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_VOWELS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"
_SYLLABLE_BASE = 0xAC00

_LETTER = f"[{FILLER}\u3131-\u318e]"
_SEQUENCE = re.compile(f"{FILLER}({_LETTER})({_LETTER})({_LETTER})")


def composed(text: str) -> str:
    """``text`` with every make-up sequence (filler, initial, vowel, final) as the
    syllable it writes; a sequence that spells no syllable is left as it is."""
    if FILLER not in text:
        return text
    return _SEQUENCE.sub(_syllable, text)


def _syllable(m: re.Match[str]) -> str:
    initial, vowel, final = m.groups()
    letters = [ch for ch in (initial, vowel, final) if ch != FILLER]
    if initial in _INITIALS and vowel in _VOWELS and (final == FILLER or final in _FINALS):
        index = _INITIALS.index(initial) * len(_VOWELS) + _VOWELS.index(vowel)
        tail = 0 if final == FILLER else _FINALS.index(final) + 1
        return chr(_SYLLABLE_BASE + index * (len(_FINALS) + 1) + tail)
    if len(letters) == 1 and m.group(0).count(FILLER) == 3:
        return letters[0]  # one letter alone: "ㄱ" written as filler, ㄱ, filler, filler
    return m.group(0)
