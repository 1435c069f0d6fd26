"""One write transaction of the processing stage, as its rules and writers see it: the
database's lookups (:class:`mailgate.process.disposition.Lookups`) plus what the
transaction has decided and not written yet."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mailgate import lifecycle
from mailgate.contacts.rules import Standing, unauthorized_action, unknown_may_not_open
from mailgate.duplicates import Candidate
from mailgate.process.plan import Plan
from mailgate.store.models import InboxRow, Ticket
from mailgate.store.orgs_repo import OrganizationRepo
from mailgate.store.tickets_repo import TicketOpening, TicketRepo
from mailgate.thread import Match
from mailgate.tickets.team import Assigner


@dataclass
class Transaction:
    """What one write transaction has decided but not written yet."""

    tickets: TicketRepo
    assigner: Assigner
    openings: list[tuple[Plan, InboxRow, Match, TicketOpening]] = field(default_factory=list)
    # Tickets each requester opened in this transaction and not written yet (the per-hour
    # limits count them beside the database's count).
    opened_by: dict[str, int] = field(default_factory=dict)
    # The database's answers to opened_since until the transaction writes tickets: the
    # rate limit and the acknowledgments' limit ask the same of each new ticket.
    _opened: dict[tuple[str, datetime], int] = field(default_factory=dict, init=False)
    # Each address's standing in the organizations, read once: the hold rule and the
    # acknowledgment's copies ask the same of a new ticket's sender.  Organizations
    # change in a processing transaction only when it makes one (auto_organizations).
    _standings: dict[str, Standing] = field(default_factory=dict, init=False)
    # Tickets the rules read, kept for the writers that read them next.
    _read: dict[int, Ticket] = field(default_factory=dict, init=False)

    def standing(self, address: str) -> Standing:
        """``address``'s standing in the organizations (:meth:`OrganizationRepo.standing`)."""
        key = address.lower()
        known = self._standings.get(key)
        if known is None:
            known = self._standings[key] = OrganizationRepo(self.tickets.session).standing(key)
        return known

    def organizations_changed(self) -> None:
        """An organization was made: the standings read before are stale."""
        self._standings.clear()

    def tickets_written(self) -> None:
        """Tickets were written: what the database said of them before is stale, and
        the database counts them now."""
        self._opened.clear()
        self.opened_by.clear()

    # -- disposition.Lookups ------------------------------------------------------------

    def ticket_exists(self, ticket_id: int) -> bool:
        return self.tickets.ticket_exists(ticket_id)

    def sent_for(self, message_id: str) -> int | None:
        refs = self.tickets.message_refs([message_id])
        return next((ref.ticket_id for ref in refs if ref.direction == "out"), None)

    def closed_at(self, ticket_id: int) -> datetime | None:
        ticket = self.tickets.get(ticket_id)
        if ticket is not None:
            # Kept: the session's identity map holds rows weakly, and the message that
            # asked joins this ticket next (read again from the map, not the database).
            self._read[ticket_id] = ticket
        if ticket is None or ticket.status != lifecycle.CLOSED:
            return None
        return ticket.closed_at

    def opened_since(self, requester: str, since: datetime) -> int:
        key = (requester, since)
        stored = self._opened.get(key)
        if stored is None:
            stored = self._opened[key] = self.tickets.opened_by_since(requester, since)
        return self.opened_by.get(requester, 0) + stored

    def open_tickets_of(self, requester: str, since: datetime) -> list[Candidate]:
        return self.tickets.open_tickets_of(requester, since)

    def merged_into(self, ticket_id: int) -> int | None:
        return self.tickets.merged_into(ticket_id)

    def unknown_contact(self, address: str) -> str | None:
        return unknown_may_not_open(self.standing(address))

    def refused_reopen(self, address: str, ticket_id: int) -> str | None:
        ticket = self._read.get(ticket_id) or self.tickets.get(ticket_id)
        if ticket is None:
            return None
        refused = unauthorized_action(
            self.standing(address), self.standing(ticket.requester), lifecycle.REOPEN, "flag"
        )
        return None if refused is None else str(refused["reason"])
