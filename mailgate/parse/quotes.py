"""The new part of a reply: quoted history and signature removed.

The quote headers of many languages ("On … wrote:", "Am … schrieb …:", Outlook's
"-----Original Message-----" and "From: … Sent: …" blocks) are recognised by
mail-parser-reply; what it leaves, mailgate trims with rules of its own: a trailing block
of ``>`` lines, an RFC 3676 signature ("-- ") and the mobile footers ("Sent from my
iPhone").  The full text is always kept beside it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from mailparser_reply import EmailReplyParser

# Inputs larger than this are cut with the plain line rules only: a pathological quote
# (hundreds of kilobytes of history) must not cost seconds.
_LIBRARY_LIMIT = 100_000
_LANGUAGES = ["en", "de", "fr", "es", "it", "nl", "pl", "sv", "da", "cs", "ja", "ko", "zh"]

_ATTRIBUTION = re.compile(
    r"^\s*(On\s.{1,300}?\swrote:|Le\s.{1,300}?\sa écrit\s?:|Am\s.{1,300}?\sschrieb.{0,200}:"
    r"|El\s.{1,300}?\sescribió:|Il\s.{1,300}?\sha scritto:|Op\s.{1,300}?\sschreef.{0,200}:"
    r"|-{2,}\s*Original Message\s*-{2,}|-{2,}\s*Forwarded message\s*-{2,}"
    r"|_{20,})\s*$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(r"^-- ?$")
_MOBILE_FOOTER = re.compile(
    r"^\s*(Sent from my\b|Sent from Outlook\b|Get Outlook for\b|Sent from Mail for\b"
    r"|Envoyé de mon\b|Gesendet von meinem\b|Von meinem .{1,40} gesendet"
    r"|Enviado desde mi\b|Inviato da\b|Verzonden met\b|Verstuurd vanaf mijn\b)",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def _parser() -> EmailReplyParser:
    return EmailReplyParser(languages=_LANGUAGES)


# Every quote header the library knows ends a line with a colon ("… wrote:", "From: …"
# blocks contain "Subject:") or is a separator of dashes or underscores; a text with none
# of these has no quoted history for it to find, and most new mail is such a text.
_MAYBE_QUOTED = re.compile(
    r":\s*$|^\s*(?:>|-{3,}|_{10,}|\*?From:|Von:|De\s?:|Da:|Van:|Od:|Från:)", re.MULTILINE
)


def reply_text(text: str) -> str:
    """The new part of ``text`` (a plain-text body, LF line ends)."""
    if not text.strip():
        return ""
    candidate = text
    if len(text) <= _LIBRARY_LIMIT and _MAYBE_QUOTED.search(text):
        try:
            latest = _parser().read(text).latest_reply
        except Exception:  # noqa: BLE001 - the library's regexes see hostile input
            latest = None
        if latest is not None and latest.strip():
            candidate = latest
    return _trim(candidate)


def _trim(text: str) -> str:
    lines = text.split("\n")
    end = len(lines)
    for i, line in enumerate(lines):
        if _ATTRIBUTION.match(line) or _SIGNATURE.match(line.rstrip("\r")):
            end = i
            break
        if _MOBILE_FOOTER.match(line) and len(line) < 80:
            end = i
            break
        if _WROTE.search(line) and _quote_follows(lines, i + 1):
            # The second half of an attribution folded over two lines
            # ("On Mon, 1 Jan 2024 at 10:00,\nJo <jo@example.com> wrote:").
            end = i - 1 if i > 0 and _ON.match(lines[i - 1]) else i
            break
        if line.startswith(">") and all(
            not rest.strip() or rest.startswith(">") for rest in lines[i:]
        ):
            end = i
            break
    return "\n".join(lines[:end]).strip()


_WROTE = re.compile(r"\b(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\s*:\s*$", re.I)
_ON = re.compile(r"^\s*(On|Am|Le|El|Il|Op)\s", re.I)


def _quote_follows(lines: list[str], start: int) -> bool:
    for line in lines[start:]:
        if line.strip():
            return line.lstrip().startswith(">")
    return True
