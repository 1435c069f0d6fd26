"""Plain text as ``format=flowed`` (RFC 3676), ``DelSp=no``, wrapped at 72 columns.

A paragraph is written as lines of at most 72 characters, each but the last ending in a
space: a soft break, which mail programs that read format=flowed (Thunderbird, Apple
Mail, mutt, K-9) join again and re-wrap to their window, and which the others show as
a clean 72-column text.  A line that ends without a space is a hard break, kept as
written.

What is re-wrapped and what is left as it is:

- the writer's paragraphs are re-wrapped.  A paragraph hard-wrapped by a mail program
  (at 72, 76 or 78 columns) is joined first, so that wrapping it at 72 leaves no ragged
  short lines: a line is taken as broken by a program when the next line's first word
  would not have fitted on it.  A short line the writer ended on purpose (a name, an
  address), a line ending in a colon and a list item are kept;
- quoted lines (``>``), indented lines and lines between ``````` fences are code,
  logs or someone else's words: kept as they are, however long;
- a word longer than the width (a URL, a path) is never cut;
- the signature separator ``-- `` is the one line that keeps its trailing space
  (RFC 3676 §4.3) — the last one, the template's: a separator in a text the template
  quotes (a client's mail in an alert) loses its space, so the signature that mail
  programs fold is the template's and nothing above it.

Lines that begin with a space, ``>`` (outside a quote) or ``From `` are space-stuffed
(§4.4), so that no reader takes them for a quote and no mbox escapes them.
"""

from __future__ import annotations

import re

WIDTH = 72
# A line longer than this was not wrapped by a mail program (they wrap at 72 to 78
# columns): it is a paragraph of its own, written on one line.
_PROGRAM_WRAP = 80
_SIGNATURE = "-- "
_LIST_ITEM = re.compile(r"^(?:[-*•–]\s|\d{1,3}[.)]\s|[a-z][.)]\s)")
_SENTENCE_END = (".", "!", "?", ":")


def to_flowed(text: str, width: int = WIDTH) -> str:
    """``text`` (LF or CRLF line ends) as format=flowed lines joined by LF."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # The signature is what follows the last separator (the template's own): one in a
    # text the template quotes (a client's mail in an alert) becomes ordinary text.
    last_separator = max((i for i, line in enumerate(lines) if line == _SIGNATURE), default=-1)
    out: list[str] = []
    paragraph: list[str] = []
    fenced = False

    def flush() -> None:
        if paragraph:
            out.extend(_wrap(" ".join(paragraph), width))
            paragraph.clear()

    for i, raw in enumerate(lines):
        if i == last_separator:
            flush()
            out.append(_SIGNATURE)
            continue
        # Trailing white space would turn a hard break into a soft one.
        line = raw.rstrip()
        if line.startswith("```"):
            flush()
            fenced = not fenced
            out.append(_stuffed(line))
            continue
        if fenced or not line or line.startswith(">") or line[0] in " \t":
            flush()
            # A quote keeps its marks unstuffed: ">" is what makes it a quote (§4.5).
            out.append(line if line.startswith(">") else _stuffed(line))
            continue
        if paragraph and not _continues(paragraph[-1], line, _is_last(lines, i), width):
            flush()
        paragraph.append(line)
    flush()
    return "\n".join(out)


def _continues(previous: str, line: str, last: bool, width: int) -> bool:
    """Whether ``line`` continues the paragraph ``previous`` was broken from by a mail
    program, rather than beginning a line of its own."""
    if len(previous) > _PROGRAM_WRAP or _LIST_ITEM.match(line) or previous.endswith(":"):
        return False  # "Please try this:" introduces what follows on its own line
    first_word = line.split(None, 1)[0]
    if len(previous) + 1 + len(first_word) <= width:
        return False  # the word would have fitted: the writer broke the line
    # "… then plug it back in.\nAnn": a name or a short last line after a sentence.
    return not (last and previous.endswith(_SENTENCE_END) and len(line) <= 30)


def _is_last(lines: list[str], i: int) -> bool:
    """Whether line ``i`` is the last of its block (a blank line or the end follows)."""
    return i + 1 >= len(lines) or not lines[i + 1].strip()


def _wrap(paragraph: str, width: int) -> list[str]:
    """One paragraph as soft-broken lines: the spaces stay at the end of a line (with
    DelSp=no they are the text's own), a word longer than ``width`` stands alone."""
    lines: list[str] = []
    start, end = 0, len(paragraph)
    while end - start > width:
        # The last space that leaves at most ``width`` characters before it, outside
        # any isolate if there is one: a line end closes a reader's isolates (UAX #9
        # BD8), so a ticket token or an address cut there would lose its direction.
        cut = _last_space_outside_isolates(paragraph, start, start + width + 1)
        if cut < 0:
            cut = paragraph.rfind(" ", start, start + width + 1)
        if cut < 0:
            cut = paragraph.find(" ", start + width)  # a long word: up to its end
            if cut < 0:
                break
        after = cut + 1
        while after < end and paragraph[after] == " ":
            after += 1
        lines.append(_stuffed(paragraph[start:after]))
        start = after
    lines.append(_stuffed(paragraph[start:]))
    return lines


# LEFT-TO-RIGHT, RIGHT-TO-LEFT and FIRST STRONG ISOLATE, and POP DIRECTIONAL ISOLATE.
_ISOLATES, _POP = ("\u2066", "\u2067", "\u2068"), "\u2069"


def _last_space_outside_isolates(paragraph: str, start: int, stop: int) -> int:
    """The position of the last space of ``paragraph[start:stop]`` that no isolate
    opened since ``start`` encloses; -1 when there is none."""
    depth, found = 0, -1
    for i in range(start, min(stop, len(paragraph))):
        ch = paragraph[i]
        if ch in _ISOLATES:
            depth += 1
        elif ch == _POP and depth:
            depth -= 1
        elif ch == " " and not depth:
            found = i
    return found


def _stuffed(line: str) -> str:
    if line.startswith((" ", ">", "From ")):
        return " " + line
    return line
