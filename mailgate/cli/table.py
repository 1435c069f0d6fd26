"""Tables for people: aligned columns under a header, as wide as the terminal.

A table is as wide as its widest cells.  When it is printed to a terminal and would be
wider, the columns that may be cut give up width, the last first:
each down to the width it keeps (``keep``), then, if that is not enough, to its
header's width, then to a few characters; their cells end with ``…``.  A table of
columns none of which may be cut (figures) narrows its gaps to one space.  Printed to a
pipe or a file, nothing is cut: ``grep`` sees whole subjects.  Colour only on a
terminal, and never with ``NO_COLOR`` set (https://no-color.org).  Text from mail is
shown with its control and format characters made visible: a subject must not move the
cursor or change the terminal's colours.  Tables carry the command's own colours, so
they are written around the standard output's filter (:mod:`mailgate.cli.output`).
"""

from __future__ import annotations

import os
import shutil
import sys
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO

import click

from mailgate.cli.output import styled_echo
from mailgate.printable import UNSAFE

GAP = "  "
NARROW_GAP = " "  # when cutting cannot make the table fit
# What a column that may be cut keeps on a terminal too narrow for anything more.
LAST_RESORT = 3


@dataclass(frozen=True)
class Column:
    header: str
    right: bool = False  # numbers: aligned right
    # May be cut with "…" to fit the terminal (None: never); the width it keeps as long
    # as other columns can give up theirs.
    keep: int | None = None


@dataclass(frozen=True)
class Look:
    fg: str | None = None
    bold: bool = False
    dim: bool = False


# How a column's cell looks, from its text (None: plain).
Style = Callable[[str], Look | None]


def colour(stream: TextIO | None = None) -> bool:
    """Whether to colour what goes to ``stream`` (standard output by default)."""
    out = stream or sys.stdout
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return out.isatty()


def terminal_width(stream: TextIO | None = None) -> int | None:
    """The width to fit on a terminal (``COLUMNS`` when set, else the terminal's own);
    None for a pipe or a file, whose lines are not cut whatever ``COLUMNS`` says."""
    out = stream or sys.stdout
    if not out.isatty():
        return None
    return shutil.get_terminal_size().columns


def visible(text: str) -> str:
    """``text`` on one line, its control and format characters (those the output's
    filter escapes, and the invisible ones, zero-width joiner aside) shown as ``�``
    (tabs and line breaks as spaces)."""
    out = []
    for ch in text:
        if ch in "\t\n\r":
            out.append(" ")
        elif ch in UNSAFE or (unicodedata.category(ch) == "Cf" and ch != "\u200d"):
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide (East Asian, emoji) characters two,
    combining marks none."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch) or ch == "\u200d":
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def cut(text: str, room: int) -> str:
    """``text`` in at most ``room`` columns, ending with ``…`` when it was cut."""
    if width(text) <= room:
        return text
    out, used = "", 0
    for ch in text:
        w = width(ch)
        if used + w > room - 1:
            break
        out += ch
        used += w
    return out + "…"


def _pad(text: str, size: int, right: bool) -> str:
    fill = " " * max(0, size - width(text))
    return fill + text if right else text + fill


def layout(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], limit: int | None
) -> tuple[list[int], str]:
    """The width of each column (its widest cell, then cut to fit ``limit``) and the gap
    between columns."""
    sizes = [max([width(c.header), *(width(r[i]) for r in rows)]) for i, c in enumerate(columns)]
    if limit is None:
        return sizes, GAP
    excess = sum(sizes) + len(GAP) * (len(sizes) - 1) - limit
    for floors in (
        [c.keep for c in columns],
        [None if c.keep is None else width(c.header) for c in columns],
        [None if c.keep is None else LAST_RESORT for c in columns],
    ):
        for i in reversed(range(len(columns))):
            floor = floors[i]
            if excess <= 0 or floor is None:
                continue
            give = min(excess, max(0, sizes[i] - floor))
            sizes[i] -= give
            excess -= give
    return sizes, (NARROW_GAP if excess > 0 else GAP)


def render(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    *,
    limit: int | None,
    styles: dict[int, Style] | None = None,
    coloured: bool = False,
) -> list[str]:
    """The lines of the table: the header, then one line per row."""
    cells = [[visible("" if v is None else str(v)) for v in row] for row in rows]
    sizes, gap = layout(columns, cells, limit)
    last = len(columns) - 1
    lines = []
    header = gap.join(
        _pad(cut(c.header, sizes[i]), 0 if i == last and not c.right else sizes[i], c.right)
        for i, c in enumerate(columns)
    )
    lines.append(click.style(header, bold=True) if coloured else header)
    for row in cells:
        parts = []
        for i, c in enumerate(columns):
            text = cut(row[i], sizes[i])
            # The last column is not padded: no trailing blanks.
            text = _pad(text, 0 if i == last and not c.right else sizes[i], c.right)
            style = (styles or {}).get(i)
            look = style(row[i]) if coloured and style is not None else None
            if look is not None:
                text = click.style(text, fg=look.fg, bold=look.bold, dim=look.dim)
            parts.append(text)
        lines.append(gap.join(parts))
    return lines


def print_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    styles: dict[int, Style] | None = None,
) -> None:
    """Print the table to standard output, fitted and coloured as the output allows."""
    coloured = colour()
    for line in render(columns, rows, limit=terminal_width(), styles=styles, coloured=coloured):
        styled_echo(line, color=coloured)
