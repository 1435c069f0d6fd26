"""Read the reading corpus again in other layouts and count the cases whose result
changes.

What a careful reader keeps of a mail does not depend on the layout a program gave it:
another wrap width, trailing spaces, more blank lines, a From field without a name.  A
rule that holds only for the layout of the cases it was tuned on fits those cases, not
mail; this script measures that on the corpus itself, with no case of its own:

- ``no-name``     the From field's display name removed (the address stays);
- ``family-first`` the From field's name turned family name first, in capitals
                  ("QUINN Margaret"), where it is two words of letters;
- ``via-list``    the From field's name as a list rewrites it ("Margaret Quinn via
                  Users");
- ``trailing``    a space after every line with text;
- ``blank-lines`` two blank lines wherever there was one or more;
- ``nbsp``        the blank lines between paragraphs written as a no-break space;
- ``wrap-72``     every unquoted line longer than 72 characters wrapped at 72, as a
                  program without ``format=flowed`` writes it;
- ``html``        the text sent as HTML only, as mail programs write it: a ``<div>`` per
                  line, each run of ``>`` lines a ``<blockquote type="cite">`` (read
                  through the HTML path: inscriptis, the quote elements).

The hard-wrap class is left out of the last two: its cases are about how a plain-text
quote was wrapped.

A case counts when mailgate reads it right as written; it *flips* when it reads it
wrong in the other layout.  The checks are the corpus's own, with each space of a
``contains`` or ``not_contains`` expression allowed to be any run of white space (a
line break in another wrap width).  The text layouts are applied to the body text
mailgate reads, so they count only cases read from a plain-text body.

    .venv/bin/python -m tests.corpus.layouts            # counts per layout and part
    .venv/bin/python -m tests.corpus.layouts --list     # the tuning part's flips
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from mailgate.parse import parse_message
from mailgate.parse.footers import list_marks
from mailgate.parse.model import ParsedMail
from mailgate.parse.quotes import reply_text
from mailgate.parse.signoff import writer_name
from tests.corpus.reading import DEFAULT_CORPORA, REPLY_KEYS, Case, cases, check
from tests.corpus.scoring import load_scorer
from tests.corpus.split import PARTS, TUNE

_WRAP = 72


def _with_from(raw: bytes, rewrite: Callable[[bytes, bytes], bytes | None]) -> bytes:
    """The message with its From field rewritten by ``rewrite(name, address)`` (the
    field's new value; None keeps it as it is), the rest byte for byte."""
    end = raw.find(b"\r\n\r\n")
    end = raw.find(b"\n\n") if end < 0 else end
    head, body = (raw[:end], raw[end:]) if end >= 0 else (raw, b"")

    def field(m: re.Match[bytes]) -> bytes:
        address = re.search(rb"<([^<>\s]+@[^<>\s]+)>", m.group(0))
        if address is None:
            return m.group(0)
        name = m.group(0)[5 : address.start()].strip().strip(b'"').strip()
        value = rewrite(name, address.group(1))
        return m.group(0) if value is None else b"From: " + value

    head = re.sub(rb"(?mi)^From:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", field, head, count=1)
    return head + body


def _without_display_name(raw: bytes) -> bytes:
    """The message with its From field reduced to the bare address."""
    return _with_from(raw, lambda _name, address: address)


def _family_first(raw: bytes) -> bytes:
    """The message with its From field's name written family name first, in capitals,
    as company directories write it ("QUINN Margaret")."""

    def turned(name: bytes, address: bytes) -> bytes | None:
        words = name.split()
        if len(words) != 2 or not all(w.isalpha() for w in words):
            return None
        return words[1].upper() + b" " + words[0] + b" <" + address + b">"

    return _with_from(raw, turned)


def _via_list(raw: bytes) -> bytes:
    """The message with its From field's name as a list rewrites it ("Margaret Quinn
    via Users")."""

    def via(name: bytes, address: bytes) -> bytes | None:
        if not name or b"=?" in name:
            return None
        return b'"' + name + b' via Users" <' + address + b">"

    return _with_from(raw, via)


def _html_message(parsed: ParsedMail, body: str) -> bytes:
    """A message from the same sender with ``body`` as its only part, text/html."""
    sender = parsed.from_
    head = f"From: {sender.name} <{sender.address}>\r\n" if sender else ""
    head += f"Subject: {parsed.subject}\r\nMIME-Version: 1.0\r\n"
    head += "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
    return (head + "\r\n" + body.replace("\n", "\r\n")).encode("utf-8")


def _trailing(text: str) -> str:
    return "\n".join(f"{line} " if line.strip() else line for line in text.split("\n"))


def _blank_lines(text: str) -> str:
    return re.sub(r"\n{2,}", "\n\n\n", text)


def _nbsp(text: str) -> str:
    return re.sub(r"\n\n", "\n\u00a0\n", text)


def _wrapped(text: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) > _WRAP and not line.lstrip().startswith(">"):
            out += textwrap.wrap(line, _WRAP, break_long_words=False, break_on_hyphens=False)
        else:
            out.append(line)
    return "\n".join(out)


TEXT_LAYOUTS: dict[str, Callable[[str], str]] = {
    "trailing": _trailing,
    "blank-lines": _blank_lines,
    "nbsp": _nbsp,
    "wrap-72": _wrapped,
}
LAYOUTS = ("no-name", "family-first", "via-list", *TEXT_LAYOUTS, "html")
# Classes a layout says nothing about.
_LEFT_OUT = {"wrap-72": {"hard-wrap"}, "html": {"hard-wrap"}}


def _as_html(text: str) -> str:
    """``text`` as a mail program's HTML writes it: a ``<div>`` per line, ``<div><br>
    </div>`` for a blank line, and each run of ``>`` lines a ``<blockquote>``."""
    out: list[str] = ["<html><body>"]
    depth = 0
    for line in text.split("\n"):
        stripped = line.lstrip()
        level = len(stripped) - len(stripped.lstrip(">")) if stripped.startswith(">") else 0
        body = stripped.lstrip("> ") if level else line
        while depth < level:
            out.append('<blockquote type="cite">')
            depth += 1
        while depth > level:
            out.append("</blockquote>")
            depth -= 1
        out.append(f"<div>{html.escape(body) or '<br>'}</div>")
    out += ["</blockquote>"] * depth + ["</body></html>"]
    return "\n".join(out)


def _loose(case: Case) -> Case:
    """``case`` with each space of its expressions matching any white space."""
    want = dict(case.expected)
    for key in ("contains", "not_contains"):
        if key in want:
            want[key] = [p.replace(" ", r"\s+") for p in want[key]]
    return Case(case.klass, case.file, want)


def _reads(case: Case, text: str, scorer: ModuleType) -> bool:
    return bool(check(case, {"reply_text": text}, scorer, ("reply",)).get("reply"))


def flips(scorer: ModuleType) -> dict[tuple[str, str], tuple[int, list[str]]]:
    """(layout, part) → (cases read right as written, the files read wrong in the
    layout)."""
    out: dict[tuple[str, str], tuple[int, list[str]]] = {}
    for case in cases():
        if not case.has(REPLY_KEYS):
            continue
        loose = _loose(case)
        raw = case.path.read_bytes()
        parsed = parse_message(raw)
        if not _reads(loose, parsed.reply_text, scorer):
            continue
        sender = parsed.from_
        writer = writer_name(sender.name, sender.address) if sender else ""
        marks = list_marks(parsed.headers)
        plain = reply_text(parsed.text, marks, writer) == parsed.reply_text
        for layout in LAYOUTS:
            if case.klass in _LEFT_OUT.get(layout, set()):
                continue
            if layout == "no-name":
                got = parse_message(_without_display_name(raw)).reply_text
            elif layout == "family-first":
                turned = _family_first(raw)
                if turned == raw:
                    continue
                got = parse_message(turned).reply_text
            elif layout == "via-list":
                rewritten = _via_list(raw)
                if rewritten == raw:
                    continue
                got = parse_message(rewritten).reply_text
            elif layout == "html" and plain:
                got = parse_message(_html_message(parsed, _as_html(parsed.text))).reply_text
            elif plain:
                got = reply_text(TEXT_LAYOUTS[layout](parsed.text), marks, writer)
            else:
                continue
            counted, flipped = out.setdefault((layout, case.part), (0, []))
            if not _reads(loose, got, scorer):
                flipped.append(case.relative)
            out[(layout, case.part)] = (counted + 1, flipped)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--list", action="store_true", help="list the tuning part's flips")
    a = ap.parse_args(argv)
    if not (a.corpora / "score_reply.py").exists():
        print(f"no corpora at {a.corpora}", file=sys.stderr)
        return 2
    result = flips(load_scorer(a.corpora))
    print("| layout | " + " | ".join(f"{p}: flipped" for p in PARTS) + " |")
    print("|---|" + "---|" * len(PARTS))
    for layout in LAYOUTS:
        cells = []
        for part in PARTS:
            counted, flipped = result.get((layout, part), (0, []))
            cells.append(f"{len(flipped)}/{counted}")
        print(f"| {layout} | " + " | ".join(cells) + " |")
    if a.list:
        for layout in LAYOUTS:
            for relative in result.get((layout, TUNE), (0, []))[1]:
                print(f"{layout}\t{relative}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
