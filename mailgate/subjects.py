"""Subjects: the ticket token, and the reply prefixes mail programs pile up.

Outlook localizes "Re:" ("AW:", "SV:", "RIF:", "答复:", "回复:") and "Fwd:" ("WG:", "TR:",
"RV:", "转发:"), and some programs write "Re[2]:" or "RE :".  A ticket's title is the
subject without any of them; an outgoing subject is the token and that title, once.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|aw|wg|sv|vs|antw|antwort|rif|r|tr|rv|enc|res|odp|pd|vl|ynt|atb"
    r"|bls|fs|doorst|wtr)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]"
    r"|(?:答复|回复|回覆|转发|轉寄|返信|転送|답장|전달)\s*[:：]"
    r"|\[fwd?\s*:[^\]]*\])\s*",
    re.IGNORECASE,
)


@lru_cache(maxsize=16)
def token_pattern(subject_token: str) -> re.Pattern[str]:
    """``"#[{number}]"`` → a pattern finding ``#[123]`` (and ``#[ 123 ]``) in a subject,
    with the white space around it.  ASCII digits only: Python's ``\\d`` and ``int()`` take
    every script's ("#[١٢]" would be ticket 12)."""
    prefix, _, suffix = subject_token.partition("{number}")
    return re.compile(
        r"\s*" + re.escape(prefix) + r"\s*0*([0-9]{1,12})\s*" + re.escape(suffix) + r"\s*"
    )


def find_ticket_number(subject: str, subject_token: str) -> int | None:
    m = token_pattern(subject_token).search(subject)
    return int(m.group(1)) if m else None


def strip_prefixes(subject: str) -> str:
    previous = None
    while previous != subject:
        previous = subject
        subject = _PREFIX.sub("", subject, count=1)
    return subject.strip()


def ticket_title(subject: str, subject_token: str) -> str:
    """The subject as a ticket's title: no token, no reply or forward prefixes."""
    without = token_pattern(subject_token).sub(" ", subject)
    return " ".join(strip_prefixes(without).split())


def with_subject_token(title: str, number: int, subject_token: str, *, reply: bool = False) -> str:
    """``#[123] Title`` (or ``Re: #[123] Title``): one token, one prefix at most."""
    token = subject_token.replace("{number}", str(number))
    clean = ticket_title(title, subject_token)
    subject = f"{token} {clean}".strip()
    return f"Re: {subject}" if reply else subject
