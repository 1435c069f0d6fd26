"""Signed reply addresses: ``support+123.k3j5x7q2m4n6p8r1@example.com``.

With ``[helpdesk] reply_tokens = true`` mailgate's mail to a ticket's participants is
Reply-To such an address.  The tag holds the ticket number and an HMAC-SHA256 of it under
the helpdesk's secret, cut to 80 bits (16 base32 characters): a reply to it joins its
ticket whatever its subject and headers say, and proves that its sender received mail of
that ticket — a stranger cannot make one up for another number.  Compared in constant
time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from mailgate.addresses import normalize_address, split_address

_MAC_BYTES = 10  # 80 bits
_TAG = re.compile(r"^([0-9]{1,12})\.([a-z2-7]{16})$")  # ASCII digits, as we write them


def _mac(secret: bytes, number: int) -> str:
    digest = hmac.new(secret, b"mailgate-reply:%d" % number, hashlib.sha256).digest()
    return base64.b32encode(digest[:_MAC_BYTES]).decode("ascii").lower()


def reply_address(address: str, number: int, secret: bytes, delimiter: str) -> str:
    """The department's ``address`` with the ticket's signed tag."""
    local, domain = split_address(address)
    return f"{local}{delimiter}{number}.{_mac(secret, number)}@{domain}"


def ticket_of(address: str, secret: bytes, delimiter: str) -> int | None:
    """The ticket number of a signed reply address, or None when ``address`` carries no
    tag or a tag whose signature does not match."""
    if not delimiter:
        return None
    local, _domain = split_address(normalize_address(address))
    if delimiter not in local:
        return None
    tag = local.split(delimiter, 1)[1]
    m = _TAG.match(tag.lower())
    if m is None:
        return None
    number = int(m.group(1))
    if not hmac.compare_digest(m.group(2), _mac(secret, number)):
        return None
    return number
