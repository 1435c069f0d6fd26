"""Organizations and contacts as agents and admins manage them — the same functions
serve ``mailgate orgs``/``mailgate contacts``, the HTTP API and the CSV import — and what
a ticket shows and sends because of its requester's organization: the client's
organization and role, their other tickets, the organization's other open tickets, and
the contacts copied on its mail (rule ``organization_notify``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mailgate.contacts.csvfile import (
    ContactRow,
    Problem,
    check_address,
    check_domain,
    check_name,
    check_role,
)
from mailgate.contacts.rules import Notify, Standing, organization_cc
from mailgate.errors import Invalid, NotFound, Refused
from mailgate.notify import Party
from mailgate.store.orgs_repo import OrganizationRepo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mailgate.store.models import Contact, Organization, Ticket

# How many of a client's other tickets, and of their organization's, a ticket shows.
SHOWN_TICKETS = 20


def organization_copies(
    session: Session, requester: str, standing: Standing | None = None
) -> tuple[str, tuple[Party, ...]]:
    """The requester's organization's name ("" for none) and whom a ticket's mail copies
    besides its participants: the contacts its ``notify`` setting names (rule
    ``organization_notify``); ``standing``: the requester's, when the caller read it."""
    repo = OrganizationRepo(session)
    org = (standing or repo.standing(requester)).organization
    if org is None:
        return "", ()
    if org.notify == Notify.REQUESTER:  # nobody copied: no need to read its contacts
        return org.name, ()
    chosen = organization_cc(org, requester, repo.contact_facts(org.id))
    return org.name, tuple(Party(c.name, c.address) for c in chosen)


def copied_contacts(session: Session, requester: str) -> tuple[Party, ...]:
    """Whom a ticket's mail copies for the requester's organization."""
    return organization_copies(session, requester)[1]


# -- what a ticket shows -----------------------------------------------------------------


def _brief(t: Ticket) -> dict[str, Any]:
    return {
        "number": t.id,
        "subject": t.subject,
        "status": t.status,
        "requester": t.requester,
        "updated_at": t.updated_at,
    }


def ticket_organization(session: Session, ticket: Ticket) -> dict[str, Any]:
    """The requester's organization (and role in it, ``unknown`` for an address at its
    domain that is no contact), their other tickets, the organization's other open
    tickets (those of other people)."""
    repo = OrganizationRepo(session)
    standing = repo.standing(ticket.requester)
    theirs = repo.tickets_of_requester(ticket.requester, leave_out=ticket.id, limit=SHOWN_TICKETS)
    org_open: list[Ticket] = []
    if standing.organization is not None:
        org_open = repo.open_tickets_of(
            standing.organization.id, leave_out=(ticket.requester,), limit=SHOWN_TICKETS
        )
    return {
        "organization": standing.as_dict(),
        "requester_tickets": [_brief(t) for t in theirs],
        "organization_open_tickets": [_brief(t) for t in org_open],
    }


def open_tickets(session: Session, org: Organization) -> list[dict[str, Any]]:
    """The organization's open tickets, the latest change first."""
    repo = OrganizationRepo(session)
    return [_brief(t) for t in repo.open_tickets_of(org.id, limit=SHOWN_TICKETS * 5)]


# -- managing them -------------------------------------------------------------------------


def find(session: Session, key: str | int) -> Organization:
    """The organization named ``key`` (its name, or its id); NotFound otherwise."""
    repo = OrganizationRepo(session)
    org = repo.by_name(str(key).strip())
    if org is None and str(key).isascii() and str(key).isdigit():
        org = repo.get(int(key))
    if org is None:
        raise NotFound(f"no organization {str(key)[:60]!r}")
    return org


def _name(value: str) -> str:
    try:
        name = check_name(value, "name")
    except ValueError as e:
        raise Invalid(str(e)) from None
    if not name:
        raise Invalid("name: empty")
    if name.isascii() and name.isdigit():
        raise Invalid(f"name: {name!r} is a number (numbers name organizations by their id)")
    return name


def _notify(value: str) -> str:
    if value not in tuple(Notify):
        raise Invalid(f"notify: expected one of {', '.join(Notify)} (got {value!r})")
    return value


def _domains(
    repo: OrganizationRepo, values: Iterable[str], free_mail: Iterable[str], org_id: int | None
) -> list[str]:
    out: list[str] = []
    for value in values:
        try:
            domain = check_domain(value, free_mail)
        except ValueError as e:
            raise Invalid(f"domain: {e}") from None
        owner = repo.domain_owner(domain)
        if owner is not None and owner.id != org_id:
            raise Refused(f"domain {domain} belongs to organization {owner.name!r}")
        if domain not in out:
            out.append(domain)
    return out


def add_organization(
    session: Session,
    name: str,
    now: datetime,
    *,
    notify: str = Notify.REQUESTER,
    unknown_may_open: bool = True,
    domains: Sequence[str] = (),
    free_mail: Iterable[str] = (),
) -> Organization:
    repo = OrganizationRepo(session)
    name = _name(name)
    if repo.by_name(name) is not None:
        raise Refused(f"organization {name!r} exists already")
    return repo.create(
        name,
        now,
        notify=_notify(notify),
        unknown_may_open=unknown_may_open,
        domains=_domains(repo, domains, free_mail, None),
    )


def set_organization(
    session: Session,
    org: Organization,
    *,
    name: str | None = None,
    notify: str | None = None,
    unknown_may_open: bool | None = None,
    add_domains: Sequence[str] = (),
    remove_domains: Sequence[str] = (),
    domains: Sequence[str] | None = None,
    free_mail: Iterable[str] = (),
) -> Organization:
    """Change what is given; every value is checked before any is changed."""
    repo = OrganizationRepo(session)
    new_name = _name(name) if name is not None else None
    if new_name is not None and new_name != org.name and repo.by_name(new_name) is not None:
        raise Refused(f"organization {new_name!r} exists already")
    new_notify = _notify(notify) if notify is not None else None
    current = repo.domains(org.id)
    if domains is not None:
        wanted = _domains(repo, domains, free_mail, org.id)
    else:
        added = _domains(repo, add_domains, free_mail, org.id)
        removed = {d.strip().lower() for d in remove_domains}
        unknown = sorted(removed - set(current))
        if unknown:
            raise Invalid(f"domain {unknown[0]} is not one of {org.name!r}'s")
        wanted = [d for d in current if d not in removed] + [d for d in added if d not in current]
    repo.update(org, name=new_name, notify=new_notify, unknown_may_open=unknown_may_open)
    for d in current:
        if d not in wanted:
            repo.remove_domain(org, d)
    for d in wanted:
        if d not in current:
            repo.add_domain(org, d)
    return org


def delete_organization(session: Session, org: Organization) -> str:
    """Delete ``org`` with its domains and contacts (its people's tickets stay); its
    name."""
    name = org.name
    OrganizationRepo(session).delete(org)
    return name


def organization_document(session: Session, org: Organization) -> dict[str, Any]:
    repo = OrganizationRepo(session)
    return {
        "id": org.id,
        "name": org.name,
        "notify": org.notify,
        "unknown_may_open": org.unknown_may_open,
        "domains": repo.domains(org.id),
        "automatic": org.automatic,
        "created_at": org.created_at,
        "contacts": [contact_document(c, org) for c in repo.contacts(org.id)],
    }


def organization_list(session: Session) -> list[dict[str, Any]]:
    repo = OrganizationRepo(session)
    counts = repo.contact_counts()
    return [
        {
            "id": o.id,
            "name": o.name,
            "notify": o.notify,
            "unknown_may_open": o.unknown_may_open,
            "domains": repo.domains(o.id),
            "automatic": o.automatic,
            "contact_count": counts.get(o.id, 0),
        }
        for o in repo.all()
    ]


def contact_document(c: Contact, org: Organization) -> dict[str, Any]:
    return {
        "address": c.address,
        "name": c.name,
        "role": c.role,
        "organization": org.name,
        "organization_id": org.id,
    }


def contact_list(session: Session, org: Organization | None = None) -> list[dict[str, Any]]:
    repo = OrganizationRepo(session)
    orgs = {o.id: o for o in repo.all()}
    return [
        contact_document(c, orgs[c.organization_id])
        for c in repo.contacts(org.id if org is not None else None)
    ]


def put_contact(
    session: Session, org: Organization, address: str, name: str, role: str, now: datetime
) -> tuple[dict[str, Any], str]:
    """Add the contact to ``org``, or change it (its organization too): the contact and
    "added", "updated" or "unchanged"."""
    try:
        address = check_address(address)
        name = check_name(name)
        role = check_role(role)
    except ValueError as e:
        raise Invalid(str(e)) from None
    repo = OrganizationRepo(session)
    outcome = repo.put_contact(address, org, name, role, now)
    contact = repo.contact(address)
    assert contact is not None
    return contact_document(contact, org), outcome


def remove_contact(session: Session, address: str) -> None:
    if not OrganizationRepo(session).remove_contact(address.strip()):
        raise NotFound(f"no contact {address.strip()[:80]!r}")


# -- the CSV import ------------------------------------------------------------------------


@dataclass
class ImportReport:
    """What an import did, or would have done: counts and the problems by line."""

    organizations_added: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "organizations_added": self.organizations_added,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "problems": [{"line": p.line, "problem": p.what} for p in self.problems],
        }


def check_rows(session: Session, rows: Sequence[ContactRow]) -> list[Problem]:
    """What the database refuses of rows that are right on their own: a domain that
    belongs to another organization, or one row's domain given to two organizations."""
    repo = OrganizationRepo(session)
    problems: list[Problem] = []
    claimed: dict[str, tuple[str, int]] = {}
    for row in rows:
        if not row.domain:
            continue
        owner = repo.domain_owner(row.domain)
        if owner is not None and owner.name != row.organization:
            problems.append(
                Problem(row.line, f"domain {row.domain} belongs to organization {owner.name!r}")
            )
            continue
        first = claimed.setdefault(row.domain, (row.organization, row.line))
        if first[0] != row.organization:
            problems.append(
                Problem(
                    row.line,
                    f"domain {row.domain} is given to organization {first[0]!r} on line {first[1]}",
                )
            )
    return problems


def import_rows(
    session: Session, rows: Sequence[ContactRow], now: datetime, report: ImportReport
) -> None:
    """Write checked rows: organizations made as needed (by name), domains added,
    contacts added or updated (a second import of the same file changes nothing)."""
    repo = OrganizationRepo(session)
    for row in rows:
        org = repo.by_name(row.organization)
        if org is None:
            org = repo.create(row.organization, now)
            report.organizations_added.append(org.name)
        if row.domain and row.domain not in repo.domains(org.id):
            repo.add_domain(org, row.domain)
        outcome = repo.put_contact(row.address, org, row.name, row.role, now)
        setattr(report, outcome, getattr(report, outcome) + 1)
