"""Whom mailgate trusts and how far (``[security]``): blocked and allowed senders, spam,
holds, sender authentication, limits on automatic mail."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator

from mailgate.addresses import is_plausible_address, normalize_address
from mailgate.config.types import Duration, Section


def _sender_entry(value: str) -> str:
    """An entry of ``[security] block`` / ``allow``: an address or a domain."""
    entry = value.strip().lower()
    if "@" in entry:
        if not is_plausible_address(entry):
            raise ValueError(f"expected an address or a domain (got {value!r})")
        return normalize_address(entry)
    if not re.fullmatch(r"[a-z0-9-]+(?:\.[a-z0-9-]+)+", entry):
        raise ValueError(f"expected an address or a domain (got {value!r})")
    return entry


SenderEntry = Annotated[str, AfterValidator(_sender_entry)]


class RateLimit(Section):
    count: Annotated[int, Field(ge=1)]
    within: Duration


class SecurityConfig(Section):
    # Senders whose mail opens no ticket and is never answered: addresses or domains (a
    # domain also covers its subdomains).  Their mail is still stored in the inbox.
    block: tuple[SenderEntry, ...] = ()
    # Senders let through even when ``block`` names their domain or an upstream filter
    # flagged their mail as spam.
    allow: tuple[SenderEntry, ...] = ()
    # What X-Spam-Flag: YES / X-Spam-Status: Yes from an upstream filter means:
    # "tag" stores it as spam (a ticket, never an automatic answer), "hold" keeps it in
    # the inbox only, "ignore" disregards the headers.
    spam: Literal["tag", "hold", "ignore"] = "tag"
    # After a permanent delivery failure (a bounce such as 5.1.1 user unknown), mail to
    # that address is not sent for this long: it would only bounce again.
    suppress_bounced: bool = True
    # A reply that points at a ticket (token, References) from someone who takes no part
    # in it and proves nothing: "new_ticket" opens a ticket of its own that notes the
    # reference; "hold" holds it for an agent until they accept it (`mailgate accept ID`).
    unverified_reply: Literal["new_ticket", "hold"] = "new_ticket"
    # New tickets one sender may open within an hour; beyond it their mail is held for a
    # person (`mailgate quarantine`), opens no ticket and is not answered.  0: no limit.
    new_tickets_per_hour: Annotated[int, Field(ge=0)] = 20
    # Keep images a mail's HTML loads from the sender's server (tracking pixels: they
    # tell the sender when and where an agent read it).  Inline images are always kept.
    remote_images: bool = False
    suppress_for: Duration = 30 * 86400.0
    # Sender domains (or addresses) whose mail is always held for an agent to review
    # (`mailgate accept ID` releases it): e.g. the domains of services whose
    # confirmation mail must never land on a ticket a stranger can read.
    hold_domains: tuple[SenderEntry, ...] = ()
    # Addresses a sender copies (To/Cc) become participants of the ticket only when the
    # sender is authenticated ("authenticated"), always, or never.
    copied_participants: Literal["authenticated", "always", "never"] = "authenticated"
    # The authserv-id of the receiving MTA's Authentication-Results header; "" reads
    # none.  Only the topmost header with this id is believed.
    authserv_id: str = ""
    # Check DKIM signatures with dkimpy (DNS lookups of the signers' keys).
    verify_dkim: bool = False
    # Mail from a participant's address whose authentication failed (DMARC fail, or the
    # DKIM signatures of its domain do not verify): "hold" for an agent, or "append".
    failed_authentication: Literal["hold", "append"] = "hold"
    # New mail that is forged (DMARC fails, or with verify_dkim the DKIM signatures fail
    # for a domain publishing a reject or quarantine policy): "no_acknowledgment" opens
    # its ticket without answering the forged address, "hold" holds it for an agent,
    # "acknowledge" answers it like any unauthenticated mail (a neutral acknowledgment).
    forged_new_mail: Literal["no_acknowledgment", "hold", "acknowledge"] = "no_acknowledgment"
    # Automatic mail (alerts, notices, relayed answers) to one recipient on one ticket:
    # at most `count` within `within`; beyond, it is not sent (an event says so).
    recipient_limits: tuple[RateLimit, ...] = (
        RateLimit.model_validate({"count": 10, "within": "10m"}),
        RateLimit.model_validate({"count": 100, "within": "10h"}),
    )

    @field_validator("authserv_id")
    @classmethod
    def _authserv_id(cls, value: str) -> str:
        value = value.strip().lower()
        if value and not re.fullmatch(r"[a-z0-9._-]+", value):
            raise ValueError(f"expected a host name such as mx.example.com (got {value!r})")
        return value
