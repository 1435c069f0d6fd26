"""Organizations, their domains and contacts in the database, and the tickets of an
organization's people: the store side of :mod:`mailgate.contacts`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, bindparam, delete, func, or_, select
from sqlalchemy.orm import Session

from mailgate import lifecycle
from mailgate.contacts.rules import (
    ContactFacts,
    OrganizationFacts,
    Standing,
    domain_of,
    standing_of,
)
from mailgate.store.engine import statement_connection
from mailgate.store.models import Contact, Organization, OrganizationDomain, Ticket

_CONTACTS = Contact.__table__.c
_DOMAINS = OrganizationDomain.__table__.c
# The organization an address is a contact of, and the one that owns its domain: one
# statement for the common answer, neither (asked of every new ticket's sender).
_ORGANIZATIONS_OF = select(
    select(_CONTACTS.organization_id)
    .where(_CONTACTS.address == bindparam("address"))
    .scalar_subquery(),
    select(_DOMAINS.organization_id)
    .where(_DOMAINS.domain == bindparam("domain"))
    .scalar_subquery(),
)


class OrganizationRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- organizations -------------------------------------------------------------------

    def create(
        self,
        name: str,
        now: datetime,
        *,
        notify: str = "requester",
        unknown_may_open: bool = True,
        domains: Iterable[str] = (),
        automatic: bool = False,
    ) -> Organization:
        org = Organization(
            name=name,
            notify=notify,
            unknown_may_open=unknown_may_open,
            created_at=now,
            automatic=automatic,
        )
        self.session.add(org)
        self.session.flush()
        for domain in domains:
            self.session.add(OrganizationDomain(domain=domain, organization_id=org.id))
        self.session.flush()
        return org

    def get(self, organization_id: int) -> Organization | None:
        return self.session.get(Organization, organization_id)

    def by_name(self, name: str) -> Organization | None:
        return self.session.scalar(select(Organization).where(Organization.name == name))

    def all(self) -> list[Organization]:
        return list(self.session.scalars(select(Organization).order_by(Organization.name)))

    def contact_counts(self) -> dict[int, int]:
        rows = self.session.execute(
            select(Contact.organization_id, func.count()).group_by(Contact.organization_id)
        )
        return {org_id: n for org_id, n in rows}

    def update(
        self,
        org: Organization,
        *,
        name: str | None = None,
        notify: str | None = None,
        unknown_may_open: bool | None = None,
    ) -> None:
        """Set what is given."""
        if name is not None:
            org.name = name
        if notify is not None:
            org.notify = notify
        if unknown_may_open is not None:
            org.unknown_may_open = unknown_may_open
        self.session.flush()

    def delete(self, org: Organization) -> None:
        self.session.execute(delete(Contact).where(Contact.organization_id == org.id))
        self.session.execute(
            delete(OrganizationDomain).where(OrganizationDomain.organization_id == org.id)
        )
        self.session.delete(org)
        self.session.flush()

    # -- domains -------------------------------------------------------------------------

    def domains(self, organization_id: int) -> list[str]:
        return list(
            self.session.scalars(
                select(OrganizationDomain.domain)
                .where(OrganizationDomain.organization_id == organization_id)
                .order_by(OrganizationDomain.domain)
            )
        )

    def domain_owner(self, domain: str) -> Organization | None:
        row = self.session.get(OrganizationDomain, domain.lower())
        return self.get(row.organization_id) if row is not None else None

    def add_domain(self, org: Organization, domain: str) -> None:
        self.session.add(OrganizationDomain(domain=domain, organization_id=org.id))
        self.session.flush()

    def remove_domain(self, org: Organization, domain: str) -> bool:
        result = self.session.execute(
            delete(OrganizationDomain).where(
                OrganizationDomain.organization_id == org.id, OrganizationDomain.domain == domain
            )
        )
        return bool(getattr(result, "rowcount", 0))

    # -- contacts ------------------------------------------------------------------------

    def contact(self, address: str) -> Contact | None:
        return self.session.get(Contact, address.lower())

    def contacts(self, organization_id: int | None = None) -> list[Contact]:
        query = select(Contact).order_by(Contact.organization_id, Contact.address)
        if organization_id is not None:
            query = query.where(Contact.organization_id == organization_id)
        return list(self.session.scalars(query))

    def put_contact(
        self, address: str, org: Organization, name: str, role: str, now: datetime
    ) -> str:
        """Add the contact, or update it to these values: "added", "updated" or
        "unchanged"."""
        row = self.contact(address)
        if row is None:
            self.session.add(
                Contact(
                    address=address,
                    organization_id=org.id,
                    name=name,
                    role=role,
                    created_at=now,
                    updated_at=now,
                )
            )
            self.session.flush()
            return "added"
        if (row.organization_id, row.name, row.role) == (org.id, name, role):
            return "unchanged"
        row.organization_id, row.name, row.role, row.updated_at = org.id, name, role, now
        self.session.flush()
        return "updated"

    def remove_contact(self, address: str) -> bool:
        result = self.session.execute(delete(Contact).where(Contact.address == address.lower()))
        return bool(getattr(result, "rowcount", 0))

    # -- as the rules see them -----------------------------------------------------------

    def facts(self, org: Organization) -> OrganizationFacts:
        return OrganizationFacts(
            org.id, org.name, org.notify, org.unknown_may_open, tuple(self.domains(org.id))
        )

    def contact_facts(self, organization_id: int) -> list[ContactFacts]:
        return [ContactFacts(c.address, c.name, c.role) for c in self.contacts(organization_id)]

    def standing(self, address: str) -> Standing:
        """Who ``address`` is to an organization: a contact, an unknown address at one
        of its domains, or nobody's."""
        domain = domain_of(address)
        by_contact, by_domain = (
            statement_connection(self.session, Contact, OrganizationDomain)
            .execute(_ORGANIZATIONS_OF, {"address": address.lower(), "domain": domain})
            .one()
        )
        if by_contact is None and (by_domain is None or not domain):
            return standing_of(address, None, None)
        contact = self.contact(address)
        if contact is not None:
            org = self.get(contact.organization_id)
            assert org is not None
            return standing_of(
                address,
                (ContactFacts(contact.address, contact.name, contact.role), self.facts(org)),
                None,
            )
        owner = self.domain_owner(domain) if domain else None
        return standing_of(address, None, self.facts(owner) if owner is not None else None)

    # -- tickets of its people -----------------------------------------------------------

    def tickets_of_requester(
        self, address: str, *, leave_out: int | None = None, limit: int = 20
    ) -> list[Ticket]:
        query = select(Ticket).where(Ticket.requester == address.lower())
        if leave_out is not None:
            query = query.where(Ticket.id != leave_out)
        return list(self.session.scalars(query.order_by(Ticket.updated_at.desc()).limit(limit)))

    def open_tickets_of(
        self,
        organization_id: int,
        *,
        leave_out: Sequence[str] = (),
        limit: int = 20,
    ) -> list[Ticket]:
        """The tickets not closed whose requester is a contact of the organization or an
        address at one of its domains, but for those of the ``leave_out`` requesters."""
        people: list[ColumnElement[bool]] = [
            Ticket.requester.in_(
                select(Contact.address).where(Contact.organization_id == organization_id)
            )
        ]
        # Escaped: a domain is matched as it is written, never as a LIKE pattern.
        people += [
            Ticket.requester.endswith(f"@{d}", autoescape=True)
            for d in self.domains(organization_id)
        ]
        query = select(Ticket).where(or_(*people), Ticket.status != lifecycle.CLOSED)
        if leave_out:
            query = query.where(Ticket.requester.not_in([a.lower() for a in leave_out]))
        return list(self.session.scalars(query.order_by(Ticket.updated_at.desc()).limit(limit)))
