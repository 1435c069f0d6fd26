"""What the console reads and writes beside the tickets: the counts of its navigation,
the queues' pages, the marks that tell an open page something changed, and who has a
ticket open (presence)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from mailgate import lifecycle
from mailgate.store.engine import dialect_insert
from mailgate.store.inbox_repo import FOR_A_PERSON
from mailgate.store.models import Event, InboxRow, Message, Presence, Ticket
from mailgate.store.ticket_queries import QUEUE, TicketSummary


@dataclass(frozen=True)
class NavCounts:
    team: int  # waiting for the team: open and customer reply
    mine: int  # assigned to me and not closed
    unassigned: int  # waiting and assigned to nobody
    held: int  # messages on no ticket, for a person


@dataclass(frozen=True)
class Colleague:
    agent: str
    writing: bool
    seen_at: datetime


@dataclass(frozen=True)
class QueueFilter:
    """Which tickets a queue page lists."""

    waiting: bool = False  # open and customer reply, the longest-waiting first
    status: str | None = None
    department: str | None = None
    assignee: str | None = None
    unassigned: bool = False
    open_only: bool = False  # not closed


class ConsoleRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def nav_counts(self, agent: str) -> NavCounts:
        s = self.session
        waiting = Ticket.status.in_(QUEUE)
        team = s.scalar(select(func.count(Ticket.id)).where(waiting)) or 0
        mine = (
            s.scalar(
                select(func.count(Ticket.id)).where(
                    # The statuses named, not "!= closed": one range of the index each.
                    Ticket.assignee == agent,
                    Ticket.status.in_([s for s in lifecycle.STATUSES if s != lifecycle.CLOSED]),
                )
            )
            or 0
        )
        unassigned = (
            s.scalar(select(func.count(Ticket.id)).where(waiting, Ticket.assignee.is_(None))) or 0
        )
        for_a_person = InboxRow.state.in_(list(FOR_A_PERSON))
        held = s.scalar(select(func.count(InboxRow.id)).where(for_a_person))
        return NavCounts(int(team), int(mine), int(unassigned), int(held or 0))

    def queue(self, wanted: QueueFilter, *, limit: int, offset: int = 0) -> list[TicketSummary]:
        """One page of the tickets ``wanted`` names, with their message counts (counted
        for the page's tickets only)."""
        stmt = select(Ticket).limit(limit).offset(offset)
        if wanted.waiting:
            stmt = stmt.where(Ticket.status.in_(QUEUE)).order_by(
                func.coalesce(Ticket.last_client_message_at, Ticket.created_at), Ticket.id
            )
        else:
            stmt = stmt.order_by(Ticket.updated_at.desc(), Ticket.id.desc())
        if wanted.status:
            stmt = stmt.where(Ticket.status == wanted.status)
        if wanted.department:
            stmt = stmt.where(Ticket.department == wanted.department)
        if wanted.assignee:
            stmt = stmt.where(Ticket.assignee == wanted.assignee)
        if wanted.unassigned:
            stmt = stmt.where(Ticket.assignee.is_(None))
        if wanted.open_only:
            stmt = stmt.where(Ticket.status != lifecycle.CLOSED)
        tickets = list(self.session.scalars(stmt))
        return self.with_counts(tickets)

    def with_counts(self, tickets: Sequence[Ticket]) -> list[TicketSummary]:
        ids = [t.id for t in tickets]
        counts: dict[int, int] = {}
        if ids:
            rows = self.session.execute(
                select(Message.ticket_id, func.count(Message.id))
                .where(Message.ticket_id.in_(ids))
                .group_by(Message.ticket_id)
            )
            counts = {int(t): int(n) for t, n in rows}
        return [TicketSummary(t, counts.get(t.id, 0)) for t in tickets]

    def department_of(self, ticket_id: int) -> str | None:
        return self.session.scalar(select(Ticket.department).where(Ticket.id == ticket_id))

    def latest_event(self) -> int:
        """The id of the newest event of any ticket: a page that saw a smaller one has
        something new to show."""
        return int(self.session.scalar(select(func.max(Event.id))) or 0)

    # -- presence ----------------------------------------------------------------------

    def here(self, ticket_id: int, agent: str, writing: bool, now: datetime) -> None:
        """``agent`` has ticket ``ticket_id`` open (and is writing on it)."""
        if self.session.get(Ticket, ticket_id) is None:
            return
        # One statement: the agent's tabs report at once, and on PostgreSQL an UPDATE
        # that found no row followed by an INSERT lets two of them insert the same key.
        insert = dialect_insert(self.session.get_bind().dialect.name, Presence)
        self.session.execute(
            insert.values(
                ticket_id=ticket_id, agent=agent, writing=writing, seen_at=now
            ).on_conflict_do_update(
                index_elements=[Presence.ticket_id, Presence.agent],
                set_={"writing": writing, "seen_at": now},
            )
        )

    def gone(self, ticket_id: int, agent: str) -> None:
        self.session.execute(
            delete(Presence).where(Presence.ticket_id == ticket_id, Presence.agent == agent)
        )

    def colleagues(
        self, ticket_id: int, agent: str, now: datetime, timeout: float
    ) -> list[Colleague]:
        """The other agents on the ticket, seen within ``timeout`` seconds."""
        since = now - timedelta(seconds=timeout)
        rows = self.session.scalars(
            select(Presence)
            .where(
                Presence.ticket_id == ticket_id,
                Presence.agent != agent,
                Presence.seen_at >= since,
            )
            .order_by(Presence.agent)
        )
        return [Colleague(p.agent, p.writing, p.seen_at) for p in rows]
