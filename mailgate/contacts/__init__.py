"""Organizations (a client's company, its accounts) and their contacts, as values and
the named rules that decide over them: who besides the requester is told of a ticket
(:func:`~mailgate.contacts.rules.organization_cc`), whether an unknown address at an
organization's domain may open a ticket, whether a sender may close or reopen another
person's ticket of the organization, whether mail from a new domain makes an
organization.  Pure: the store keeps the organizations, the tickets and the processing
stage ask these rules before they write.  A CSV file of contacts is read and checked by
:mod:`mailgate.contacts.csvfile`."""

from mailgate.contacts.freemail import FREE_MAIL_DOMAINS, is_free_mail
from mailgate.contacts.rules import (
    AUTO_ORGANIZATION_RULE,
    NOTIFY_RULE,
    UNAUTHORIZED_RULE,
    UNKNOWN_CONTACT_RULE,
    Notify,
    OrganizationFacts,
    Role,
    Standing,
    auto_organization,
    domain_of,
    organization_cc,
    unauthorized_action,
    unknown_may_not_open,
)

__all__ = [
    "AUTO_ORGANIZATION_RULE",
    "FREE_MAIL_DOMAINS",
    "NOTIFY_RULE",
    "UNAUTHORIZED_RULE",
    "UNKNOWN_CONTACT_RULE",
    "Notify",
    "OrganizationFacts",
    "Role",
    "Standing",
    "auto_organization",
    "domain_of",
    "is_free_mail",
    "organization_cc",
    "unauthorized_action",
    "unknown_may_not_open",
]
