"""The named rules over organizations and their contacts: values in, a decision out.

An organization is a client's company (a hosting company's account): a name, the mail
domains that are its own, and contacts — addresses, each with a role.  The roles follow
the hosting companies' ticket guides: the ``primary`` contact holds the account, an
``authorized`` contact (a sub-account) may act for it, and ``other`` contacts only write
in.  "A ticket is an identity check": only the person who opened a ticket, or a
primary or authorized contact of its organization, may close it or reopen it by mail.

Each rule has a name, stored wherever its decision is (an event's ``rule``, a held
message's rule), so that ``mailgate explain`` and the ticket's history say which rule
decided.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from mailgate import lifecycle
from mailgate.contacts.freemail import is_free_mail
from mailgate.vocabulary import Term

# The rules' names, as the records say them.
NOTIFY_RULE = "organization_notify"
UNKNOWN_CONTACT_RULE = "held_unknown_contact"
UNAUTHORIZED_RULE = "organization_unauthorized"
AUTO_ORGANIZATION_RULE = "auto_organization"


class Role(Term):
    """A contact's role in their organization."""

    PRIMARY = "primary"  # holds the account: told of every ticket, may act on all
    AUTHORIZED = "authorized"  # a sub-account the holder authorized: may act on all
    OTHER = "other"  # writes in; acts only on the tickets they opened


# An address at one of an organization's domains that is none of its contacts.
UNKNOWN = "unknown"


class Notify(Term):
    """Who is sent an organization's tickets' mail (the acknowledgment, the agents'
    answers, the notices of a new status)."""

    REQUESTER = "requester"  # only whoever opened the ticket
    PRIMARY = "primary"  # and the primary contacts, in Cc
    AUTHORIZED = "authorized"  # and the primary and authorized contacts, in Cc


# The roles each setting copies.
_NOTIFIED: dict[str, tuple[str, ...]] = {
    Notify.REQUESTER: (),
    Notify.PRIMARY: (Role.PRIMARY,),
    Notify.AUTHORIZED: (Role.PRIMARY, Role.AUTHORIZED),
}


@dataclass(frozen=True)
class OrganizationFacts:
    id: int
    name: str
    notify: str = Notify.REQUESTER
    unknown_may_open: bool = True
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class ContactFacts:
    address: str
    name: str
    role: str


@dataclass(frozen=True)
class Standing:
    """Who an address is to the organization it belongs to: a contact with a role, an
    unknown address at one of its domains (``role`` :data:`UNKNOWN`), or nobody's
    (``organization`` None)."""

    address: str
    organization: OrganizationFacts | None = None
    role: str = ""

    @property
    def may_act(self) -> bool:
        """Whether the address may act for the organization (close, reopen)."""
        return self.role in (Role.PRIMARY, Role.AUTHORIZED)

    def as_dict(self) -> dict[str, Any] | None:
        if self.organization is None:
            return None
        return {"id": self.organization.id, "name": self.organization.name, "role": self.role}


# A mail domain as an organization may have one: DNS labels of letters, digits and
# hyphens, at least two of them.
DOMAIN_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+")


def domain_of(address: str) -> str:
    """The domain of ``address``, lower case; "" for an address without one."""
    local, at, domain = address.strip().rpartition("@")
    return domain.lower().rstrip(".") if at and local else ""


def standing_of(
    address: str,
    contact: tuple[ContactFacts, OrganizationFacts] | None,
    domain_organization: OrganizationFacts | None,
) -> Standing:
    """``address``'s standing: as a contact when it is one (whatever its domain), else as
    an unknown address of the organization that owns its domain, else nobody's."""
    if contact is not None:
        facts, organization = contact
        return Standing(address, organization, facts.role)
    if domain_organization is not None:
        return Standing(address, domain_organization, UNKNOWN)
    return Standing(address)


def organization_cc(
    organization: OrganizationFacts | None,
    requester: str,
    contacts: Sequence[ContactFacts],
) -> tuple[ContactFacts, ...]:
    """Rule ``organization_notify``: besides the requester, who receives the mail of a
    ticket of ``organization`` — its primary contacts (``notify = "primary"``), or its
    primary and authorized ones (``notify = "authorized"``), in Cc; nobody more for
    ``"requester"``.  The requester is never copied to themselves.  (A hosting company's
    ticket guide: "the primary account and its authorized sub-accounts are
    notified".)"""
    if organization is None:
        return ()
    roles = _NOTIFIED.get(organization.notify, ())
    wanted = requester.lower()
    seen: set[str] = set()
    out: list[ContactFacts] = []
    for c in contacts:
        address = c.address.lower()
        if c.role in roles and address != wanted and address not in seen:
            seen.add(address)
            out.append(c)
    return tuple(out)


def unknown_may_not_open(sender: Standing) -> str | None:
    """Rule ``held_unknown_contact``: why new mail from ``sender`` may not open a ticket
    — an address at an organization's domain that is none of its contacts, where the
    organization says ``unknown_may_open = false`` — else None.  Such mail is held for
    an agent, who accepts it onto a ticket or not; it is never dropped."""
    org = sender.organization
    if org is None or sender.role != UNKNOWN or org.unknown_may_open:
        return None
    return (
        f"{sender.address} is not a contact of organization {org.name!r}, whose "
        f"domain it is at, and the organization lets only its contacts open tickets "
        "(unknown_may_open = false)"
    )


_ACTIONS: dict[str, str] = {lifecycle.CLIENT_CLOSE: "close", lifecycle.REOPEN: "reopen"}


def unauthorized_action(
    sender: Standing, requester: Standing, event: str, policy: str
) -> dict[str, Any] | None:
    """Rule ``organization_unauthorized``: the data of an ``unauthorized_action`` event
    when ``sender``'s mail would close or reopen (``event``) a ticket that another person
    of the same organization opened, and ``sender`` is not a primary or authorized
    contact of it (an ``other`` contact, or an unknown address at its domain); else None
    — the mail then acts as usual.  ``policy`` is ``[contacts] unauthorized``: ``"flag"``
    applies the rule, ``"allow"`` never does.  The mail is added to the ticket all the
    same; only the status is left alone."""
    action = _ACTIONS.get(event)
    if policy != "flag" or action is None:
        return None
    if sender.address.lower() == requester.address.lower():
        return None
    org = sender.organization
    if org is None or requester.organization is None or org.id != requester.organization.id:
        return None
    if sender.may_act:
        return None
    return {
        "rule": UNAUTHORIZED_RULE,
        "action": action,
        "address": sender.address,
        "role": sender.role,
        "organization": org.name,
        "requester": requester.address,
        "reason": (
            f"{sender.address} ({sender.role} of {org.name!r}) may not {action} a ticket "
            f"{requester.address} opened: only primary and authorized contacts may "
            "(contacts.unauthorized = flag)"
        ),
    }


def auto_organization(
    domain: str, *, enabled: bool, known: bool, free_mail: Iterable[str] = ()
) -> str | None:
    """Rule ``auto_organization``: the name of the organization to make for new mail
    from ``domain`` (``[contacts] auto_organizations``): the domain itself, when no
    organization has it yet and it is no free-mail provider's (a gmail.com address is a
    person, not a company); else None.  A domain no organization could be given by a
    person (``%``, ``[192.0.2.1]``: anything a From may say) makes none either."""
    if not enabled or not domain or known or is_free_mail(domain, free_mail):
        return None
    if not DOMAIN_NAME.fullmatch(domain):
        return None
    return domain
