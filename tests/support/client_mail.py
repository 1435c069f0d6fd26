"""Whole client mails as mail programs write them, for the grids that read a reply from
raw bytes: Gmail's UTF-8 quoted-printable text beside its HTML, Outlook's windows-1252
quoted-printable text, a base64 text part, and an HTML-only mail written as Outlook
writes it (a paragraph a line); and a reply top-posted above the quoted history as
Gmail (an attribution line and ``>`` lines) and Outlook (a rule and a header block)
quote it."""

from __future__ import annotations

import base64
import quopri
import re
from email.message import EmailMessage
from email.policy import SMTP
from html import escape

PROGRAMS = ("gmail", "outlook", "base64", "html")

HELPDESK = "Helpdesk <support@helpdesk.example>"

# The helpdesk's message the client answers, as it is quoted.
ASKED = (
    "Hello,\n\nthank you for your message. Could you tell us which browser you use "
    "and when the problem started?\n\nKind regards,\nThe support team"
)


def _gmail(text: str, msg: EmailMessage) -> None:
    msg.set_content(text, charset="utf-8", cte="quoted-printable")
    html = '<div dir="ltr">' + "<br>".join(escape(line) for line in text.split("\n")) + "</div>"
    msg.add_alternative(html, subtype="html", charset="utf-8", cte="quoted-printable")


def _html_line(line: str) -> str:
    """A line as Outlook writes it in a paragraph: runs of spaces kept with no-break
    spaces."""
    return re.sub(r"  +", lambda m: "&nbsp;" * len(m.group()), escape(line)) or "&nbsp;"


_CELL_GAP = re.compile(r"\t|  +")


def _html_paragraphs(text: str, msg: EmailMessage) -> None:
    """Outlook's HTML: each line a paragraph, an empty one between paragraphs; lines
    in columns, apart with tabs or runs of spaces (rows pasted from a spreadsheet), a
    table."""
    parts: list[str] = []
    rows: list[str] = []
    for line in [*text.strip().split("\n"), ""]:
        if _CELL_GAP.search(line.strip()):
            cells = "".join(
                f"<td><p>{_html_line(c)}</p></td>" for c in _CELL_GAP.split(line.strip())
            )
            rows.append(f"<tr>{cells}</tr>")
            continue
        if rows:
            parts.append(f'<table class="MsoNormalTable">{"".join(rows)}</table>')
            rows = []
        if line or parts:
            parts.append(f'<p class="MsoNormal">{_html_line(line)}</p>')
    msg.set_content(
        f'<html><body><div class="WordSection1">{"".join(parts)}</div></body></html>',
        subtype="html",
        charset="utf-8",
    )


def _raw_part(text: str, program: str) -> bytes:
    if program == "outlook":
        charset, codec, cte = "windows-1252", "cp1252", "quoted-printable"
        try:
            text.encode(codec)
        except UnicodeEncodeError:
            charset, codec = "utf-8", "utf-8"
    else:
        charset, codec, cte = "utf-8", "utf-8", "base64"
    data = text.replace("\n", "\r\n").encode(codec)
    if cte == "quoted-printable":
        payload = quopri.encodestring(data)
    else:
        payload = base64.encodebytes(data).replace(b"\n", b"\r\n")
    return (
        f'Content-Type: text/plain; charset="{charset}"\r\nContent-Transfer-Encoding: {cte}\r\n\r\n'
    ).encode() + payload


def mail(text: str, sender: str, program: str = "gmail") -> bytes:
    """The client's ``text`` from ``sender`` as ``program`` (one of ``PROGRAMS``) sends it."""
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = HELPDESK
    msg["Subject"] = "Re: [#9140] Update"
    msg["Date"] = "Fri, 13 Jun 2025 10:20:00 +0200"
    msg["Message-ID"] = "<client-mail@client.example>"
    if program in ("outlook", "base64"):
        msg["MIME-Version"] = "1.0"
        return bytes(msg)[:-2] + _raw_part(text, program)
    if program == "html":
        _html_paragraphs(text, msg)
    else:
        _gmail(text, msg)
    return msg.as_bytes()


def quoted(style: str) -> str:
    """The helpdesk's message quoted under a top-posted reply: Gmail's attribution and
    ``>`` lines, or Outlook's rule and header block."""
    if style == "gmail":
        body = "\n".join(f"> {line}" if line else ">" for line in ASKED.split("\n"))
        return f"On Thu, 12 Jun 2025 at 16:02, {HELPDESK} wrote:\n{body}"
    return (
        "________________________________\n"
        f"From: {HELPDESK}\nSent: Thursday, June 12, 2025 4:02 PM\n"
        "To: Client <client@client.example>\nSubject: [#9140] Update\n\n" + ASKED
    )


def words(text: str) -> list[str]:
    """The text's words, as the grids compare a reading with what should stay."""
    return text.split()
