"""Quoted lines that a mail program wrapped after adding ``> ``: their tails, on lines
of their own without the mark, are part of the quote.  Widths are counted in display
columns, as mail programs count when they wrap."""

from __future__ import annotations

import itertools
import re
import unicodedata

from mailgate.parse.quote_words import (
    FULL_STOP,
    QUESTION_END,
    QUOTE_MARKS,
    SENTENCE_END,
    line_end,
)

# Wrapping: the column the sender's program wrapped the quote at is at least this, and
# lines longer than the other bound are unwrapped paragraphs, not a wrapped quote's.
_MIN_WRAP = 60
_MAX_WRAP = 100
_MAX_TAIL_LINES = 3
_WRAP_SLACK = 2
# A tail this short that ends the sentence the quoted line broke off.
_SHORT_TAIL = 40


def mark_wrapped_tails(lines: list[str], quoted: list[bool]) -> None:
    """Mark as quoted the tails of quoted lines that a mail program wrapped after adding
    ``> ``: the rest of a long quoted line, on a line of its own without the mark.

    A line is such a tail when the quoted line above it reaches the wrap column, so that
    the tail's first word would not have fitted on it, and either the quote goes on
    right below the tail (or below up to three such lines: the tail of a paragraph sent
    as one long line), or the quoted line breaks off mid-sentence and the tail ends its
    paragraph or begins in lower case.  A line the writer typed under a quote fits
    neither: the quote above it ends short of the column or with its sentence."""
    widths = [_columns(line.rstrip()) for i, line in enumerate(lines) if quoted[i]]
    widths = [w for w in widths if w <= _MAX_WRAP]
    if not widths:
        return
    width = max(_MIN_WRAP, *widths)
    marked = list(quoted)  # the lines with the mark, before any tail is added
    i = 1
    while i < len(lines):
        if quoted[i] or not quoted[i - 1] or not lines[i].strip():
            i += 1
            continue
        if not marked[i - 1] and line_end(lines[i - 1]).endswith(QUESTION_END):
            # Under a tail that ends a question: the writer's answer, not more of it
            # (a tail ending a statement may go on: the next sentence of a long line).
            i += 1
            continue
        run = _tail_run(lines, quoted, i, width)
        if run is None:
            i += 1
            continue
        for k in range(i, run + 1):
            quoted[k] = True
        i = run + 1
    if any(q and not m for q, m in zip(quoted, marked, strict=True)):
        _mark_sentence_tails(lines, quoted, marked, width)


def _mark_sentence_tails(
    lines: list[str], quoted: list[bool], marked: list[bool], quoted_width: int
) -> None:
    """Where the quote is shown wrapped after the marks were added — a tail of it already
    found — the tails of its quoted lines that broke off right after a sentence ended
    ("> … on the second floor." / "We checked the logs and …" / "… of this model."): a
    paragraph of two or three lines under the quoted line, every line of it but the last
    filled to the width (the first word of each would not have fitted on the line above),
    ending on a blank line or the quote.  A writer's paragraph typed right under a quote
    without a blank line is told by its first word, which would have fitted, or by a line
    short of the width inside it; a line alone, which shows no width, is the writer's."""
    i = 1
    while i < len(lines):
        if quoted[i] or not marked[i - 1] or not lines[i].strip():
            i += 1
            continue
        prev = line_end(lines[i - 1])
        end = i
        while end + 1 < len(lines) and not quoted[end + 1] and lines[end + 1].strip():
            end += 1
        block = [prev, *(line_end(line) for line in lines[i : end + 1])]
        # The paragraph's own lines may show the width beyond the quoted lines' longest.
        width = max(
            quoted_width, *(_columns(line) for line in block[1:] if _columns(line) <= _MAX_WRAP)
        )
        filled = (
            prev.endswith(FULL_STOP)
            and not prev.endswith(QUESTION_END)
            and 0 < end - i < _MAX_TAIL_LINES
            and all(_columns(line) <= width + _WRAP_SLACK for line in block)
            and all(
                _pushed_down(line, below.split()[0], width)
                for line, below in itertools.pairwise(block)
            )
            and not block[-1].endswith(QUESTION_END)
        )
        if filled:
            for k in range(i, end + 1):
                quoted[k] = True
        i = end + 1


def _tail_run(lines: list[str], quoted: list[bool], i: int, width: int) -> int | None:
    """The last line of the wrapped tail that begins on line ``i`` under a quoted line,
    or None when line ``i`` is the writer's."""
    line, prev = lines[i], line_end(lines[i - 1])
    if _columns(line) > _MAX_WRAP and not _unbreakable(line, width):
        return None
    first = line.split()[0]
    after_table = _table_cell_spilled(lines, quoted, i)
    if after_table is not None:
        return after_table
    # A link longer than the width goes to a line of its own, however short the line
    # it would have followed, unless that line ended its sentence (a link given as the
    # answer to a quoted question).
    pushed = _unbreakable(first, width) and not prev.endswith(FULL_STOP)
    if not pushed and not _pushed_down(prev, first, width):
        return None
    if not _unbreakable(line, width):
        # The quoted lines show the width only up to the longest of them (each of its
        # paragraphs' first lines broke before its next word, "> > " takes four columns):
        # the tail's own line may reach further.
        width = max(width, _columns(line_end(line)))
    # The tail of a line longer than two widths takes more than one line: each but the
    # last reaches the column and does not end a sentence.
    run = i
    links = 0  # a link longer than the width: on a line of its own, unbroken
    while (
        run + 1 < len(lines)
        and run + 1 - i - links < _MAX_TAIL_LINES
        and not quoted[run + 1]
        and lines[run + 1].strip()
        and (
            width - 20 <= _columns(lines[run]) <= width + _WRAP_SLACK
            or _unbreakable(lines[run], width)
            or _unbreakable(lines[run + 1], width)  # the short line a link pushed down
        )
        and not line_end(lines[run]).endswith(SENTENCE_END)
    ):
        run += 1
        links += _unbreakable(lines[run], width)
    filled = _filled_paragraph(lines, quoted, i, width)
    if filled is not None and filled > run and not prev.endswith(FULL_STOP):
        return filled
    after = run + 1
    broken_off = not prev.endswith(SENTENCE_END)
    if after < len(lines) and quoted[after]:
        if broken_off and _answer_inside(lines[i : run + 1], lines[after]):
            return None
        return run  # between two quoted lines
    if broken_off and (after >= len(lines) or not lines[after].strip()):
        return run  # the rest of the quoted paragraph
    answered = after < len(lines) and bool(lines[after].strip())
    last = line_end(lines[run])
    if (
        answered
        and last.endswith(FULL_STOP)
        and (broken_off or last.endswith(QUESTION_END))
        and (run == i or last.endswith(QUESTION_END))
    ):
        # A quoted sentence's tail with the answer typed right under it: "… or to the
        # new head office" / "Mark Ellison mentioned on the phone?" / "To the head office."
        return run
    short = len(line.strip()) <= _SHORT_TAIL
    # A figure spilled from a quoted table row ("GBP" / "64.50") is no answer either.
    spilled = first[:1].isdigit() and len(line.strip()) <= _SHORT_TAIL
    # The word may open with a quotation mark or a bracket ('"from the tray 2"').
    letter = first.lstrip(_OPENING)[:1]
    if broken_off and letter.islower() and run > i and answered and last.endswith(FULL_STOP):
        # The quoted sentence's rest over its filled lines, ending it, the writer's
        # answer right under it ("> … on both sides of the paper" / "from the tray 2
        # and only with …, as far as we" / "know." / "Thanks, it works again.").
        return run
    if broken_off and (letter.islower() or short or spilled):
        return i  # the rest of the quoted sentence, the writer's answer under it
    return None


# What may open a word before its first letter: quotation marks, brackets.
_OPENING = "\"'“”„‚‘’«»‹›([{¿¡"


def _pushed_down(prev: str, first: str, width: int) -> bool:
    """Whether ``first``, the first word of the line under ``prev``, would not have fitted
    on ``prev`` at the wrap ``width``: the reason a program broke the line there.  Text
    without spaces breaks anywhere (its first character counts); wrappers differ by a
    column or two."""
    first_width = _columns(first[0]) if _columns(first[0]) == 2 else _columns(first)
    room = width - _WRAP_SLACK
    return _columns(prev) + 1 + first_width > room and _columns(prev) >= width - 20


def _filled_paragraph(lines: list[str], quoted: list[bool], i: int, width: int) -> int | None:
    """The last line of the paragraph that begins on line ``i`` under a quoted line when
    every line of it, the quoted one included, is filled to the wrap ``width`` — the word
    that begins the next would not have fitted — and it ends on a blank line, a quoted
    line or the end of the text: a quoted paragraph its program sent as one long line
    (format=flowed, a quoted-printable body, HTML turned into text), wrapped after the
    mark was added.  Its sentences may end anywhere inside it, except that the writer
    answers a question right under it (the paragraph ends with the first line ending
    in a question mark), and under the quote's last paragraph may type right under its
    end (it ends with the first line ending a sentence, the next beginning with a
    capital).  None if it is not so."""
    end = i
    while end + 1 < len(lines) and not quoted[end + 1] and lines[end + 1].strip():
        end += 1
    resumes = end + 1
    while resumes < len(lines) and not lines[resumes].strip():
        resumes += 1
    last_paragraph = resumes >= len(lines) or not quoted[resumes]
    for k in range(i, end):
        said = line_end(lines[k])
        if said.endswith(QUESTION_END) or (
            last_paragraph and said.endswith(FULL_STOP) and lines[k + 1].lstrip()[:1].isupper()
        ):
            end = k
            break
    block = [line_end(line) for line in lines[i - 1 : end + 1]]
    # The quoted lines show the width only up to the longest of them: the paragraph's
    # own lines may reach a column or two further.
    widths = [_columns(line) for line in block[1:] if not _unbreakable(line, width)]
    width = max(width, *widths) if widths else width
    if width > _MAX_WRAP:
        return None
    for line, below in itertools.pairwise(block):
        first = below.split()[0]
        if not (_pushed_down(line, first, width) or _unbreakable(first, width)):
            return None
    return end


def _table_cell_spilled(lines: list[str], quoted: list[bool], i: int) -> int | None:
    """``i`` when line ``i`` is the last cell of a quoted table row that the wrap pushed
    onto a line of its own ("> Service call      1      95.00" / "95.00"): one short
    cell under a row whose cells are set apart by runs of spaces (which the program
    dropped at the break), with the quote, a blank line or the end right below.  None
    otherwise."""
    cell = lines[i].strip()
    row = lines[i - 1].lstrip(_ROW_START).rstrip()
    if len(cell) > _SHORT_TAIL or "  " in cell or len(_CELL_GAP.findall(row)) < _ROW_GAPS:
        return None
    below = i + 1
    if below < len(lines) and lines[below].strip() and not quoted[below]:
        return None
    return i


# A table row set in a fixed-width font: cells apart by two spaces or more, at least twice;
# its quote marks and its first border ("> | Service call  |  1 |") before its first cell.
_ROW_START = f"{QUOTE_MARKS}|"
_CELL_GAP = re.compile(r"\S {2,}(?=\S)")
_ROW_GAPS = 2


def _unbreakable(line: str, width: int) -> bool:
    """A line that is one word longer than the wrap width — a link — which a program
    puts on a line of its own when it wraps."""
    text = line.strip()
    return " " not in text and _columns(text) > width - _WRAP_SLACK


def _answer_inside(run: list[str], below: str) -> bool:
    """Whether ``run``, between two quoted lines of one sentence ("… bis zum 31. Dezember"
    / "> 2024. Sollen …"), is the writer's answer typed inside the quote: a sentence of
    its own — a capital first, several words, its end — while the quote reads on across
    it, the line below going on in lower case.  A wrapped tail begins mid-sentence."""
    text = " ".join(line.strip() for line in run)
    quote_goes_on = below.lstrip(QUOTE_MARKS).strip()[:1]
    return (
        text[:1].isupper()
        and len(text.split()) >= _ANSWER_WORDS
        and text.endswith(SENTENCE_END)
        and (quote_goes_on.islower() or quote_goes_on.isdigit())
    )


# A sentence the writer typed has at least this many words.
_ANSWER_WORDS = 4


def _columns(text: str) -> int:
    """How many columns ``text`` takes in a fixed-width font: two for a wide (East
    Asian) character, as mail programs count when they wrap."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
