"""Organizations and their contacts (``[contacts]``): organizations made for new mail
domains, what an unauthorized contact's mail may do, more free-mail domains."""

from __future__ import annotations

from typing import Literal

from pydantic import field_validator

from mailgate.config.types import Section
from mailgate.contacts.csvfile import check_domain


class ContactsConfig(Section):
    # Mail that opens a ticket from a domain no organization has makes an organization
    # of that domain (named after it; its settings the defaults), never for a free-mail
    # provider's domain (gmail.com …: the shipped list and free_mail_domains).
    auto_organizations: bool = False
    # Mail that would close or reopen a ticket another person of the same organization
    # opened, from a contact who is not primary or authorized (or from an unknown
    # address at its domain): "flag" adds it to the ticket, leaves the status alone and
    # records an unauthorized_action event; "allow" lets it act like the requester's.
    unauthorized: Literal["flag", "allow"] = "flag"
    # Domains treated as free-mail providers' besides the shipped list.
    free_mail_domains: tuple[str, ...] = ()

    @field_validator("free_mail_domains")
    @classmethod
    def _domains(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        out = []
        for entry in value:
            domain = entry.strip().lower().rstrip(".")
            try:
                check_domain(domain, ())
            except ValueError as e:
                if "is not a domain" in str(e):
                    raise ValueError(
                        f"expected domains such as example.com ({entry!r} is not one)"
                    ) from None
            out.append(domain)
        return tuple(out)
