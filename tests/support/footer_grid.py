"""What the footer grids share: a client's text with a footer placed as programs place
it, beside the same text without it; the reading of the text alone, read once; the
placements over every client that do not read as the client's text alone; and text
wrapped as ``format=flowed`` writes it."""

from __future__ import annotations

from functools import cache

from mailgate.parse.quotes import reply_text


def placements(
    text: str, footer: str, quote: str, under_line: bool = True, above_quote: bool = False
) -> list[tuple[str, str, str]]:
    """The client's ``text`` with ``footer`` placed as programs place it — under the
    text, under the ``quote`` the client answers above, bottom-posted under the quote,
    (``above_quote``) between the text and the quote, and (``under_line``) right under
    the last line — each beside the same mail without the footer: (where, with the
    footer, without it)."""
    out = [
        ("under the text", f"{text}\n\n{footer}\n", f"{text}\n"),
        ("under the quote", f"{text}\n\n{quote}\n\n{footer}\n", f"{text}\n\n{quote}\n"),
        ("bottom-posted", f"{quote}\n\n{text}\n\n{footer}\n", f"{quote}\n\n{text}\n"),
    ]
    if above_quote:
        out.append(("above the quote", f"{text}\n\n{footer}\n\n{quote}\n", f"{text}\n\n{quote}\n"))
    if under_line:
        out.append(("under the last line", f"{text}\n{footer}\n", f"{text}\n"))
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
) -> list[str]:
    """Each placement of each footer under each client's text (``clients``, or all of
    ``texts``) that does not read as the client's text alone."""
    missed: list[str] = []
    for name, footer in footers.items():
        for client in clients or tuple(texts):
            writer = writers.get(client, "")
            places = placements(texts[client], footer, quote, under_line, above_quote)
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
