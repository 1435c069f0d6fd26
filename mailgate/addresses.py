"""E-mail addresses as mailgate compares them.

Addresses are compared case-insensitively as a whole.  RFC 5321 §2.4 lets a domain treat
local parts case-sensitively, but no mail system a helpdesk talks to does, and a client who
writes ``John@Example.com`` once and ``john@example.com`` the next time is one person.
"""

from __future__ import annotations

import re

_PLAUSIBLE = re.compile(r"^[^@\s<>()\[\],;:\"\\]+@[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$")


def normalize_address(address: str) -> str:
    """``" <John@Example.COM> "`` → ``"john@example.com"``."""
    a = address.strip().strip("<>").strip()
    return a.lower()


def split_address(address: str) -> tuple[str, str]:
    local, _, domain = address.rpartition("@")
    if not local:
        return domain, ""
    return local, domain


def is_mailbox(address: str) -> bool:
    """Whether ``address`` has a local part and a domain.  Only such an address takes part
    in a ticket: a bare name (``From: root``, as local programs write it, or ``api``)
    names nobody in particular, and anyone can write it."""
    local, at, domain = address.strip().rpartition("@")
    return bool(at and local and domain)


def is_plausible_address(address: str) -> bool:
    """A local part and a domain, nothing that would need quoting.  Used for the addresses
    an admin writes in the configuration, not to judge what arrives in mail."""
    return bool(_PLAUSIBLE.match(address.strip()))
