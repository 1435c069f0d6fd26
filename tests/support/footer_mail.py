"""Whole mails for the footer grids: a plain part as a mail program sends it (base64,
CRLF, a list's or a service's header fields), and an HTML-only mail whose paragraphs
are ``<div>``s with a footer's HTML appended as its program writes it."""

from __future__ import annotations

import base64
from html import escape

CLIENT = "Noor Haddad <noor@client.example>"


def plain_mail(text: str, headers: str = "", sender: str = "", subtype: str = "plain") -> bytes:
    """``text`` as a UTF-8 part in base64 from ``sender`` (the client by default), with
    ``headers`` (CRLF-ended header lines) above the MIME fields."""
    data = text.replace("\n", "\r\n").encode("utf-8")
    payload = base64.encodebytes(data).replace(b"\n", b"\r\n")
    head = (
        f"From: {sender or CLIENT}\r\nTo: support@acme.example\r\nSubject: Re: VPN\r\n"
        "Message-ID: <footer-mail@client.example>\r\nDate: Thu, 12 Jun 2025 09:30:00 +0000\r\n"
        f"{headers}MIME-Version: 1.0\r\nContent-Type: text/{subtype}; charset=utf-8\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n"
    )
    return head.encode("ascii") + payload


def html_paragraphs(text: str) -> str:
    """``text`` as a webmail writes it: a ``<div>`` a paragraph, its lines broken by
    ``<br>``, an empty ``<div>`` between."""
    return "".join(
        f"<div>{escape(p).replace(chr(10), '<br>')}</div><div><br></div>"
        for p in text.split("\n\n")
    )


def html_only_mail(text: str, footer_html: str = "", headers: str = "", sender: str = "") -> bytes:
    """An HTML-only mail of ``text`` with ``footer_html`` appended under it."""
    html = f"<html><body>{html_paragraphs(text)}{footer_html}</body></html>"
    return plain_mail(html, headers, sender, subtype="html")
