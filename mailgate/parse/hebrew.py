"""Hebrew in ISO 8859-8's visual order, put in logical order.

ISO 8859-8 was first written in visual order: each line stored as it is shown, right
to left, so that a terminal with no bidirectional support displays it right — DOS and
old Unix mailers wrote it so, and the label "iso-8859-8" (without "-i", RFC 1556)
still names it.  Read as stored, each word's letters come backwards: final forms
(ך ם ן ף ץ) at the words' starts and the medial forms they replace (כ מ נ פ צ) at
their ends, where logical order has them the other way round.  That tells the order
(:func:`visual`); a line with Hebrew in it is then reversed, its runs of digits and
Latin words turned back (:func:`in_logical_order`).

A subject of one word may show neither form: the message's text tells, and its
header fields and words labelled iso-8859-8 are read with ``iso8859_8_visual``, the
codec added here (:mod:`mailgate.parse.own_codecs`), which reads ISO 8859-8 and puts
every line with Hebrew in it in logical order.
"""

from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from mailgate.parse import own_codecs

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

VISUAL = "iso8859_8_visual"
FINALS = frozenset("ךםןףץ")
MEDIALS = frozenset("כמנפצ")

_WORD = re.compile(r"[\u05d0-\u05ea]{2,}")
_LETTER = re.compile(r"[\u05d0-\u05ea]")
# A run written left to right inside a right-to-left line: digits and Latin words, with
# the signs inside numbers and addresses ("12.5", "2026-11", "a@b.example").
_LEFT_TO_RIGHT = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z.,:/@_ -]*[0-9A-Za-z])?")
# A line's quote marks and indent, its text, its trailing blanks.
_LINE_PARTS = re.compile(r"([>\s]*)(.*?)(\s*)", re.DOTALL)


def visual(text: str) -> bool:
    """Whether the Hebrew words of ``text`` are in visual order: more of them with a
    final form first or a medial form last than the other way round."""
    backwards = forwards = 0
    for word in _WORD.findall(text):
        backwards += (word[0] in FINALS) + (word[-1] in MEDIALS)
        forwards += (word[-1] in FINALS) + (word[0] in MEDIALS)
    return backwards > forwards


def in_logical_order(text: str) -> str:
    """``text`` in visual order put in logical order: each line with Hebrew in it
    reversed after its quote marks and indent, its runs of digits and Latin words
    (left to right in both orders) turned back; lines without Hebrew are left to right
    already."""
    return "\n".join(_logical_line(line) for line in text.split("\n"))


def _logical_line(line: str) -> str:
    if not _LETTER.search(line):
        return line
    m = _LINE_PARTS.fullmatch(line)
    if m is None:
        return line
    lead, rest, end = m.groups()
    return lead + _LEFT_TO_RIGHT.sub(lambda r: r.group()[::-1], rest[::-1]) + end


def _decode(data: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
    raw = bytes(data)
    return in_logical_order(raw.decode("iso8859_8", errors)), len(raw)


own_codecs.add(
    codecs.CodecInfo(codecs.lookup("iso8859_8").encode, _decode, name=VISUAL),
    "iso-8859-8-visual",
)
