"""What the footer grids share: a client's text with a footer placed as programs place
it, beside the same text without it; the reading of the text alone, read once; the
placements over every client that do not read as the client's text alone; text
wrapped as ``format=flowed`` writes it; and a one-part mail as a program sends it."""

from __future__ import annotations

import base64
import quopri
import textwrap
from dataclasses import dataclass
from functools import cache
from html import escape

from mailgate.parse.quotes import reply_text


def placements(
    text: str,
    footer: str,
    quote: str,
    under_line: bool = True,
    above_quote: bool = False,
    reflowed: bool = False,
) -> list[tuple[str, str, str]]:
    """The client's ``text`` with ``footer`` placed as programs place it — under the
    text, under the ``quote`` the client answers above, bottom-posted under the quote,
    (``above_quote``) between the text and the quote, (``under_line``) right under the
    last line, and (``reflowed``) under a rule the writer's program draws and wrapped by
    the sender's program at 76 columns or as format=flowed at 72 — each beside the same
    mail without the footer: (where, with the footer, without it)."""
    out = [
        ("under the text", f"{text}\n\n{footer}\n", f"{text}\n"),
        ("under the quote", f"{text}\n\n{quote}\n\n{footer}\n", f"{text}\n\n{quote}\n"),
        ("bottom-posted", f"{quote}\n\n{text}\n\n{footer}\n", f"{quote}\n\n{text}\n"),
    ]
    if above_quote:
        out.append(("above the quote", f"{text}\n\n{footer}\n\n{quote}\n", f"{text}\n\n{quote}\n"))
    if under_line:
        out.append(("under the last line", f"{text}\n{footer}\n", f"{text}\n"))
    if reflowed:
        wrapped = "\n".join(
            textwrap.fill(line, 76, break_long_words=False, break_on_hyphens=False) or line
            for line in footer.split("\n")
        )
        out += [
            ("under a rule", f"{text}\n\n{'_' * 32}\n{footer}\n", f"{text}\n"),
            ("wrapped at 76", f"{text}\n\n{wrapped}\n", f"{text}\n"),
            ("flowed at 72", f"{text}\n\n{flowed(footer)}\n", f"{text}\n"),
        ]
    return out


@cache
def read_alone(text: str, writer: str) -> str:
    """The reading of the client's text without a footer, read once."""
    return reply_text(text, writer=writer)


def footer_misses(
    footers: dict[str, str],
    texts: dict[str, str],
    writers: dict[str, str],
    quote: str,
    under_line: bool = True,
    clients: tuple[str, ...] = (),
    above_quote: bool = False,
    reflowed: bool = False,
) -> list[str]:
    """Each placement of each footer under each client's text (``clients``, or all of
    ``texts``) that does not read as the client's text alone."""
    missed: list[str] = []
    for name, footer in footers.items():
        for client in clients or tuple(texts):
            writer = writers.get(client, "")
            text = texts[client]
            places = placements(text, footer, quote, under_line, above_quote, reflowed)
            for where, with_footer, alone in places:
                got = reply_text(with_footer, writer=writer)
                if got != read_alone(alone, writer):
                    missed.append(f"{name} / {client} / {where}: {got[-160:]!r}")
    return missed


def flowed(text: str, width: int = 72) -> str:
    """``text`` wrapped as format=flowed: each soft break a space at the line's end."""
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > width and " " in line[:width]:
            cut = line.rfind(" ", 0, width)
            out.append(line[: cut + 1])
            line = line[cut + 1 :]
        out.append(line)
    return "\n".join(out)


@dataclass(frozen=True)
class Clients:
    """A grid's clients: their texts by language, the names they sign with, and the
    support team's message they answer (quoted)."""

    texts: dict[str, str]
    writers: dict[str, str]
    quote: str

    def placements(
        self, text: str, footer: str, under_line: bool = True
    ) -> list[tuple[str, str, str]]:
        """:func:`placements` under this grid's quote."""
        return placements(text, footer, self.quote, under_line)

    def misses(
        self,
        footers: dict[str, str],
        under_line: bool = True,
        clients: tuple[str, ...] = (),
        above_quote: bool = False,
        reflowed: bool = False,
    ) -> list[str]:
        """Each placement of each footer under each client's text that does not read as
        the client's text alone (:func:`footer_misses`)."""
        return footer_misses(
            footers,
            self.texts,
            self.writers,
            self.quote,
            under_line,
            clients,
            above_quote,
            reflowed,
        )


def encoded(text: str, charset: str, encoding: str) -> bytes:
    """``text`` with CRLF line ends, in ``charset`` and the transfer ``encoding``."""
    data = text.replace("\n", "\r\n").encode(charset)
    if encoding == "quoted-printable":
        return quopri.encodestring(data).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    if encoding == "base64":
        return base64.encodebytes(data).replace(b"\n", b"\r\n")
    return data


def text_mail(
    text: str,
    head: str,
    subtype: str = "plain",
    charset: str = "UTF-8",
    encoding: str = "quoted-printable",
    flow: bool = False,
) -> bytes:
    """A one-part message: ``head``'s fields (From, To, Subject …, each line ending in
    CRLF), the MIME fields, and ``text`` as its body — wrapped as format=flowed with
    ``flow``."""
    body = flowed(text) if flow else text
    flowing = "; format=flowed; delsp=no" if flow else ""
    fields = (
        f"{head}MIME-Version: 1.0\r\n"
        f"Content-Type: text/{subtype}; charset={charset}{flowing}\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    )
    return fields.encode("utf-8") + encoded(body, charset, encoding)


def webmail_html(text: str) -> str:
    """``text`` as a webmail's HTML-only message writes it: a paragraph each, the lines
    broken with ``<br>``."""
    paragraphs = "".join(
        "<p>" + "<br>\r\n".join(escape(line) for line in p.split("\n")) + "</p>\r\n"
        for p in text.split("\n\n")
    )
    return f"<html><body>\r\n{paragraphs}</body></html>\r\n"


def gmail_divs(text: str) -> str:
    """``text`` as Gmail's HTML body holds it: a ``<div>`` a paragraph, its lines broken
    with ``<br>``, an empty one between paragraphs."""
    return "".join(
        f"<div>{escape(p).replace(chr(10), '<br>')}</div><div><br></div>"
        for p in text.split("\n\n")
    )
