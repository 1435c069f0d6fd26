"""Text from strangers, shown to people: what a terminal or a log would act on is
written as an escape.

Subjects, names, addresses, file names, SMTP commands and error texts come from other
people's mail and clients, and a terminal obeys the control sequences in what it is
sent — OSC 52 writes the clipboard, OSC 8 shows a link whose target is not its words,
CSI moves the cursor or hides text; a carriage return writes over a line, a line break
begins a forged log line, a bidi override shows ``gpj.exe`` as ``exe.jpg``.  The
characters of :data:`UNSAFE` — C0 controls, DEL, C1 controls, the Unicode line and
paragraph separators, bidi embeddings, overrides and isolates, lone surrogates (an
undecodable byte) — are written as ``\\uXXXX``: visible, and inside a JSON string the
same string.  Bidi marks (U+200E, U+200F, U+061C) stay: they only settle the direction
of neutral characters, and right-to-left text is full of them.

One set, three uses: the command line's output (:func:`lines`, which keeps line breaks
and tabs), the log and the SMTP listener's answers (:func:`one_line`).
"""

from __future__ import annotations

_UNSAFE_CODES = (
    list(range(0x20))  # C0
    + list(range(0x7F, 0xA0))  # DEL, C1
    + [0x2028, 0x2029]  # line and paragraph separators
    + list(range(0x202A, 0x202F))  # LRE, RLE, PDF, LRO, RLO
    + list(range(0x2066, 0x206A))  # LRI, RLI, FSI, PDI
    + list(range(0xD800, 0xE000))  # lone surrogates
)
UNSAFE = frozenset(map(chr, _UNSAFE_CODES))
_ONE_LINE = {c: f"\\u{c:04x}" for c in _UNSAFE_CODES}
_LINES = {c: e for c, e in _ONE_LINE.items() if c not in (0x09, 0x0A)}


def one_line(text: str) -> str:
    """``text`` as one line, every unsafe character escaped (line breaks and tabs too)."""
    return text.translate(_ONE_LINE)


def lines(text: str) -> str:
    """``text`` with every unsafe character escaped but its line breaks and tabs."""
    return text.translate(_LINES)
