"""Address lists split as RFC 5322 §3.4 writes them and mail programs show them.

A mailbox written ``display name <address>`` (``name-addr``) has its address in the
angle brackets, and the rest is its display name, whatever that name says: in
``victim@client.example <attacker@evil.test>`` the address is ``attacker@evil.test``,
as Thunderbird, Outlook and Gmail show it.  The structure is read before anything is
decoded, and an RFC 2047 encoded-word is one opaque word of a name (RFC 2047 §5: never
part of an address), so no decoded name can split a list, open a group or become an
address.

Lenient where mail in the wild is sloppy: ``John Doe john@example.com`` (no brackets),
``<a@x.test> <b@y.test>`` (no comma), ``john@example.com (John Doe)`` (the old form,
the name in a comment), obsolete routes (``<@relay:jo@x.test>``).  Pure: values only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# An encoded-word as one word: no white space, no "?" inside its text, and none of the
# characters that delimit a mailbox, so it cannot hide an angle address or a quote.
_ENCODED_WORD = re.compile(r"=\?[^?\s<>\"]+\?[QqBb]\?[^?\s<>\"]*\?=")
_STOPS = frozenset(' \t\r\n,:;<"(')
_WS = frozenset(" \t\r\n")


@dataclass(frozen=True)
class RawMailbox:
    """One mailbox as written: its address, and its display name not yet decoded
    (quoted strings unquoted, encoded-words as they are)."""

    address: str
    name: str
    # Whether the address was written in angle brackets (``name-addr``).
    angle: bool


@dataclass
class _Word:
    """Pieces written without white space between them, read two ways."""

    name: str = ""  # as part of a display name: quoted strings unquoted
    address: str = ""  # as an address: quoted strings kept quoted ("jo doe"@x.test)

    @property
    def has_at(self) -> bool:
        return "@" in self.address


@dataclass
class _Mailbox:
    words: list[_Word] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    glue: bool = False  # the next piece joins the last word


def split_mailboxes(value: str) -> tuple[list[RawMailbox], list[str]]:
    """The mailboxes of one address-list field value (unfolded), in order, and what was
    odd in how they were written.  Group names are dropped, their members kept."""
    boxes: list[RawMailbox] = []
    notes: list[str] = []
    cur = _Mailbox()
    angled = False  # the current mailbox has had its angle address

    def close() -> None:
        nonlocal cur, angled
        if angled:
            if cur.words and boxes:
                # Text after the angle address is shown as part of the name.
                notes.append("text after an address in angle brackets")
                last = boxes[-1]
                tail = " ".join(w.name for w in cur.words)
                if not any(ch.isalnum() for ch in tail):
                    tail = ""  # a stray bracket or sign ("<jo@x.test>>") names no one
                boxes[-1] = RawMailbox(last.address, f"{last.name} {tail}".strip(), True)
        else:
            boxes.extend(_without_brackets(cur, notes))
        cur, angled = _Mailbox(), False

    i, n = 0, len(value)
    while i < n:
        ch = value[i]
        if ch in _WS:
            cur.glue = False
            i += 1
            continue
        if ch == "(":
            text, i = _comment(value, i + 1)
            cur.comments.append(text)
            cur.glue = False
            continue
        if ch in ",;":
            close()
            i += 1
            continue
        if ch == ":" and not angled:
            # RFC 5322 §3.4 "display-name: member, member;": the group's name is no mailbox.
            cur = _Mailbox()
            i += 1
            continue
        if ch == "<":
            text, i = _angle(value, i + 1)
            route, colon, rest = text.rpartition(":")
            address = _unlinked(rest if colon and route.startswith("@") else text, notes)
            if angled:
                notes.append("several addresses in angle brackets without a comma")
            if address:
                boxes.append(RawMailbox(address, " ".join(w.name for w in cur.words), True))
            cur, angled = _Mailbox(), True
            continue
        if ch == '"':
            text, i = _quoted(value, i + 1)
            piece = _Word(text, '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')
        else:
            m = _ENCODED_WORD.match(value, i)
            end = m.end() if m is not None else i + 1
            if m is None:
                while end < n and value[end] not in _STOPS:
                    end += 1
            piece = _Word(value[i:end], value[i:end])
            i = end
        if cur.glue and cur.words:
            cur.words[-1].name += piece.name
            cur.words[-1].address += piece.address
        else:
            cur.words.append(piece)
        cur.glue = True
    close()
    return _surname_first(boxes), notes


def _surname_first(boxes: list[RawMailbox]) -> list[RawMailbox]:
    """``Doe, John <jo@x.test>`` as Outlook users' names are often written unquoted: a
    bare word before a comma is the start of the next mailbox's name, not a mailbox."""
    out: list[RawMailbox] = []
    for box in boxes:
        prev = out[-1] if out else None
        if box.angle and prev is not None and not prev.angle and "@" not in prev.address:
            out[-1] = RawMailbox(box.address, f"{prev.address}, {box.name}".strip(", "), True)
            continue
        out.append(box)
    return out


def _without_brackets(box: _Mailbox, notes: list[str]) -> list[RawMailbox]:
    """Mailboxes written without angle brackets: ``jo@x.test``, ``jo@x.test (Jo)``,
    ``Jo Client jo@x.test``, or several addresses a comma should have separated."""
    words = box.words
    if not words:
        return []
    comment = " ".join(" ".join(c.split()) for c in box.comments if c.strip())
    with_at = [k for k, w in enumerate(words) if w.has_at]
    if not with_at:
        # A bare local name ("From: MAILER-DAEMON"), or words that are no address.
        return [RawMailbox(" ".join(w.address for w in words), comment, False)]
    if len(with_at) > 1:
        notes.append("several addresses without a comma between them")
    out: list[RawMailbox] = []
    start = 0
    for k, at in enumerate(with_at):
        name_words = words[start:at]
        if k == len(with_at) - 1:
            name_words += words[at + 1 :]
        name = " ".join(w.name for w in name_words) or (comment if len(with_at) == 1 else "")
        address = _unlinked(words[at].address, notes)
        if address != address.strip("<>"):
            # "Jo Client jo@x.test>": one bracket of the pair lost.
            notes.append("an address with an unpaired angle bracket")
            address = address.strip("<>")
        out.append(RawMailbox(address, name, False))
        start = at + 1
    return out


def _unlinked(address: str, notes: list[str]) -> str:
    """``address`` without the ``mailto:`` a web form's template or an HTML editor put
    before it ("<mailto:jo@x.test>"): no address starts with a scheme."""
    if address[: len(_MAILTO)].lower() != _MAILTO or "@" not in address:
        return address
    notes.append("an address written as a mailto: link")
    return address[len(_MAILTO) :]


_MAILTO = "mailto:"


def _quoted(value: str, i: int) -> tuple[str, int]:
    """A quoted string's content from ``i`` (after the quote), escapes undone; an
    unterminated one runs to the end."""
    out: list[str] = []
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            out.append(value[i + 1])
            i += 2
            continue
        if ch == '"':
            return "".join(out), i + 1
        out.append(ch)
        i += 1
    return "".join(out), i


def _comment(value: str, i: int) -> tuple[str, int]:
    """A comment's content from ``i`` (after the parenthesis), nested ones included."""
    depth = 1
    out: list[str] = []
    while i < len(value):
        ch = value[i]
        if ch == "\\" and i + 1 < len(value):
            out.append(value[i + 1])
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return "".join(out), i + 1
        out.append(ch)
        i += 1
    return "".join(out), i


def _angle(value: str, i: int) -> tuple[str, int]:
    """An angle address from ``i`` (after ``<``) to its ``>``: quoted local parts kept
    as written, comments and white space outside them dropped."""
    out: list[str] = []
    while i < len(value):
        ch = value[i]
        if ch == ">":
            return "".join(out), i + 1
        if ch == '"':
            text, i = _quoted(value, i + 1)
            out.append('"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"')
            continue
        if ch == "(":
            _text, i = _comment(value, i + 1)
            continue
        if ch not in _WS:
            out.append(ch)
        i += 1
    return "".join(out), i
