"""What the command line writes: text from mail cannot drive the agent's terminal.

Subjects, names, addresses, file names, reply texts and reasons come from strangers'
mail, and a terminal obeys the control sequences in what it is sent: OSC 52 writes the
clipboard, OSC 8 shows a link whose target is not its words, OSC 0 sets the window
title, CSI sequences move the cursor, clear the screen or hide text; a carriage return
writes over a line, a bidi override shows ``gpj.exe`` as ``exe.jpg``.

So every command but ``mailgate run`` (whose output is its log) writes through
:class:`Harmless`, in place of standard output and standard error: each character of
:data:`mailgate.printable.UNSAFE` but newline and tab is written as its ``\\uXXXX``
escape — visible, and, inside a JSON string, the same string: ``--json`` documents keep
their exact text.  This is the one place; commands print with ``click.echo`` as usual.

The command's own colours are written around text already made visible
(:func:`mailgate.cli.table.visible`), straight to the terminal: :func:`styled_echo`.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import TextIO

import click

from mailgate.printable import lines


def harmless(text: str) -> str:
    """``text`` with the characters a terminal would act on written as escapes."""
    return lines(text)


class Harmless:
    """A text stream that writes :func:`harmless` text to ``raw``.  It has no
    ``buffer``: nothing (click included) can reach around it to the bytes."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes for a binary stream
            raise TypeError("a text stream")
        self.raw.write(harmless(text))
        return len(text)

    def writelines(self, lines: list[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.raw.flush()

    def isatty(self) -> bool:
        return self.raw.isatty()

    def fileno(self) -> int:
        return self.raw.fileno()

    def writable(self) -> bool:
        return True

    def readable(self) -> bool:
        return False

    @property
    def encoding(self) -> str:
        return getattr(self.raw, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return getattr(self.raw, "errors", None) or "strict"

    @property
    def closed(self) -> bool:
        return self.raw.closed


@contextlib.contextmanager
def harmless_output() -> Iterator[None]:
    """Standard output and standard error through :class:`Harmless` for the duration."""
    saved = sys.stdout, sys.stderr
    sys.stdout = Harmless(raw(sys.stdout))
    sys.stderr = Harmless(raw(sys.stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def raw(stream: TextIO) -> TextIO:
    """The stream under ``stream`` when it is :class:`Harmless`."""
    return stream.raw if isinstance(stream, Harmless) else stream


def styled_echo(line: str, *, color: bool, err: bool = False) -> None:
    """One of the command's own lines, its colours included, straight to the terminal:
    its text from mail must already be visible (``table.visible``)."""
    click.echo(line, file=raw(sys.stderr if err else sys.stdout), color=color)
