"""Signed rating links: ``https://help.example.com/rate/<token>?ticket=123&expires=…&
sig=…&choice=good``.

A rating request's mail carries two such links, good and bad.  The signature is an
HMAC-SHA256 under the helpdesk's key (``[helpdesk] secret_file``) over the ticket
number, the request's random token and the expiry time, cut to 128 bits and written in
URL-safe base64; it is checked in constant time before the database is asked anything.
The choice is not signed: both links are the client's, and the page lets them choose
again before anything is recorded.  The key is the one of the signed reply addresses;
the message signed starts with its own label, so that no signature of one kind is ever
one of the other.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

_MAC_BYTES = 16  # 128 bits
# The token: 16 random bytes in URL-safe base64 (22 characters).
TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")
_SIGNATURE = re.compile(r"[A-Za-z0-9_-]{22}")
_DIGITS = re.compile(r"[0-9]{1,12}")  # ASCII digits, as we write them


def new_token() -> str:
    """A rating request's token: 128 random bits."""
    return secrets.token_urlsafe(16)


def signature(secret: bytes, ticket: int, token: str, expires: int) -> str:
    """The signature of a rating request's links (``expires``: POSIX seconds)."""
    message = b"mailgate-rating:%d:%s:%d" % (ticket, token.encode("ascii"), expires)
    digest = hmac.new(secret, message, hashlib.sha256).digest()[:_MAC_BYTES]
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def rating_link(
    base: str, secret: bytes, ticket: int, token: str, expires: int, choice: str
) -> str:
    """The link that rates ticket ``ticket`` ``choice`` (good or bad) under ``base`` (the
    listener's public address)."""
    query = urlencode(
        {
            "ticket": ticket,
            "expires": expires,
            "sig": signature(secret, ticket, token, expires),
            "choice": choice,
        }
    )
    return f"{base.rstrip('/')}/rate/{token}?{query}"


@dataclass(frozen=True)
class SignedLink:
    """What a rating link says, once its signature was checked."""

    ticket: int
    token: str
    expires: int


def check_link(secret: bytes, token: str, ticket: str, expires: str, sig: str) -> SignedLink | None:
    """The link's values when its signature is the one mailgate wrote, else None (a
    changed number, expiry or token, a made-up signature, or text no link holds)."""
    if not (
        TOKEN.fullmatch(token)
        and _DIGITS.fullmatch(ticket)
        and _DIGITS.fullmatch(expires)
        and _SIGNATURE.fullmatch(sig)
    ):
        return None
    number, until = int(ticket), int(expires)
    expected = signature(secret, number, token, until)
    if not hmac.compare_digest(sig.encode("ascii"), expected.encode("ascii")):
        return None
    return SignedLink(number, token, until)
