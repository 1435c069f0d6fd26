"""Service levels in the database: the history the clocks are computed from, the clocks
as last computed (``ticket_sla``), the warnings and escalations sent, and the figures."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from mailgate.lifecycle import AGENT_REPLY, CLOSED, OPEN
from mailgate.sla import History, SlaState, Target
from mailgate.store.models import Event, Ticket, TicketSla

# Tickets whose clocks are computed in one read.
BATCH = 200


@dataclass(frozen=True)
class SlaFacts:
    """What a ticket's clocks are computed from."""

    number: int
    department: str
    priority: str
    status: str
    updated_at: datetime
    history: History


@dataclass(frozen=True)
class Due:
    """A warning or escalation to send: the ticket, the target, when the target is due."""

    number: int
    target: Target
    due: datetime


class SlaRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- the history -------------------------------------------------------------------

    def facts(self, numbers: Sequence[int]) -> list[SlaFacts]:
        """The tickets' department, priority and the history their clocks are read from
        (status changes and the first agent reply), in the order of ``numbers``."""
        out: list[SlaFacts] = []
        for i in range(0, len(numbers), BATCH):
            out += self._facts(numbers[i : i + BATCH])
        return out

    def _facts(self, numbers: Sequence[int]) -> list[SlaFacts]:
        if not numbers:
            return []
        tickets = {
            t.id: t for t in self.session.scalars(select(Ticket).where(Ticket.id.in_(numbers)))
        }
        changes: dict[int, list[tuple[datetime, str, str]]] = {n: [] for n in tickets}
        replies: dict[int, datetime] = {}
        rows = self.session.execute(
            select(Event.ticket_id, Event.at, Event.kind, Event.data)
            .where(
                Event.ticket_id.in_(list(tickets)),
                Event.kind.in_(("status_changed", AGENT_REPLY)),
            )
            .order_by(Event.ticket_id, Event.id)
        )
        for number, at, kind, data in rows:
            if kind == AGENT_REPLY:
                replies.setdefault(number, at)
            else:
                changes[number].append((at, str(data.get("from", "")), str(data.get("to", ""))))
        out = []
        for n in numbers:
            t = tickets.get(n)
            if t is None:
                continue
            moves = changes[n]
            first = moves[0][1] if moves else t.status
            history = History(
                t.created_at, first or OPEN, [(at, to) for at, _, to in moves], replies.get(n)
            )
            out.append(SlaFacts(n, t.department, t.priority, t.status, t.updated_at, history))
        return out

    def stale(
        self,
        *,
        after: int = 0,
        limit: int = BATCH,
        open_too: bool = False,
        since: datetime | None = None,
    ) -> list[int]:
        """Tickets whose clocks were not computed since they last changed (or never), by
        number; with ``open_too``, every ticket not closed as well (the targets changed).
        ``since``: only tickets changed at or after it are looked at — read from the index
        of ``updated_at``, where the whole table would be read otherwise."""
        changed = or_(
            TicketSla.ticket_id.is_(None), TicketSla.ticket_updated_at != Ticket.updated_at
        )
        # With ``since``, the page is ordered by an expression (``id + 0``) that no index
        # serves: SQLite, without statistics, would otherwise walk the primary key in
        # order through the whole table rather than search ``updated_at`` and sort the
        # few rows it finds.
        stmt = (
            select(Ticket.id)
            .outerjoin(TicketSla, TicketSla.ticket_id == Ticket.id)
            .where(
                Ticket.id > after, or_(changed, Ticket.status != CLOSED) if open_too else changed
            )
            .order_by(Ticket.id if since is None else Ticket.id + 0)
            .limit(limit)
        )
        if since is not None:
            stmt = stmt.where(Ticket.updated_at >= since)
        return list(self.session.scalars(stmt))

    def latest_change(self) -> datetime | None:
        """When a ticket last changed (from the index of ``updated_at``)."""
        return self.session.scalar(select(func.max(Ticket.updated_at)))

    # -- the clocks ----------------------------------------------------------------------

    def rows(self, numbers: Iterable[int]) -> dict[int, TicketSla]:
        wanted = list(numbers)
        out: dict[int, TicketSla] = {}
        for i in range(0, len(wanted), BATCH):
            stmt = select(TicketSla).where(TicketSla.ticket_id.in_(wanted[i : i + BATCH]))
            out.update((r.ticket_id, r) for r in self.session.scalars(stmt))
        return out

    def save(self, facts: SlaFacts, state: SlaState | None, now: datetime) -> None:
        """Store the clocks computed from ``facts`` (None: the ticket has no target now);
        what was sent of warnings and escalations stays."""
        row = self.session.get(TicketSla, facts.number, with_for_update=True)
        if row is None:
            row = TicketSla(ticket_id=facts.number)
            self.session.add(row)
        row.policy = state.policy if state else ""
        row.ticket_updated_at = facts.updated_at
        row.computed_at = now
        for target in Target:
            clock = None
            if state is not None:
                clock = (
                    state.first_response if target == Target.FIRST_RESPONSE else state.resolution
                )
            setattr(row, f"{target}_due", clock.due if clock else None)
            setattr(row, f"{target}_warn_at", clock.warn_at if clock else None)
            setattr(row, f"{target}_done_at", clock.done_at if clock else None)
            left = int(clock.left.total_seconds()) if clock and clock.due is None else None
            setattr(row, f"{target}_left", left)

    # -- warnings and escalations --------------------------------------------------------

    def due(self, kind: str, now: datetime, *, limit: int = BATCH) -> list[Due]:
        """Targets not met whose warning (``kind`` "warning") or due time ("breach") has
        come and for which it was not sent, of tickets not closed; oldest due first.  A
        target already past due is not warned of: its escalation says more."""
        out: list[Due] = []
        for target in Target:
            due = getattr(TicketSla, f"{target}_due")
            when = getattr(TicketSla, f"{target}_warn_at" if kind == "warning" else f"{target}_due")
            sent = getattr(
                TicketSla, f"{target}_warned_at" if kind == "warning" else f"{target}_escalated_at"
            )
            stmt = (
                select(TicketSla.ticket_id, due)
                .join(Ticket, Ticket.id == TicketSla.ticket_id)
                .where(
                    getattr(TicketSla, f"{target}_done_at").is_(None),
                    when <= now,
                    due.is_not(None) if kind != "warning" else due > now,
                    sent.is_(None),
                    Ticket.status != CLOSED,
                )
                .order_by(due)
                .limit(limit)
            )
            out += [Due(n, target, d) for n, d in self.session.execute(stmt)]
        return sorted(out, key=lambda d: d.due)[:limit]

    def claim(self, ticket: Ticket, target: Target, kind: str, now: datetime) -> TicketSla | None:
        """Mark the warning or escalation of ``target`` sent, under the row's lock (the
        caller holds ``ticket``'s); None when it was sent already (by another instance),
        is no longer due, or the ticket changed since its clocks were computed (the next
        run computes them again and decides)."""
        row = self.session.get(TicketSla, ticket.id, with_for_update=True, populate_existing=True)
        if row is None or row.ticket_updated_at != ticket.updated_at:
            return None
        column = f"{target}_warned_at" if kind == "warning" else f"{target}_escalated_at"
        when = getattr(row, f"{target}_warn_at" if kind == "warning" else f"{target}_due")
        if getattr(row, column) is not None or getattr(row, f"{target}_done_at") is not None:
            return None
        if when is None or when > now:
            return None
        setattr(row, column, now)
        return row

    # -- what the console lists ------------------------------------------------------------

    def at_risk(self, now: datetime, *, limit: int = 100) -> list[tuple[Ticket, TicketSla]]:
        """Tickets not closed with a target not met whose warning time has come (at risk)
        or whose due time has passed (breached), soonest due first."""
        soonest = func.coalesce(TicketSla.first_response_due, TicketSla.resolution_due)
        stmt = (
            select(Ticket, TicketSla)
            .join(TicketSla, TicketSla.ticket_id == Ticket.id)
            .where(Ticket.status != CLOSED, _at_risk(now))
            .order_by(soonest, Ticket.id)
            .limit(limit)
        )
        return [(t, s) for t, s in self.session.execute(stmt)]

    def at_risk_count(self, now: datetime) -> int:
        """How many tickets :meth:`at_risk` would list without a limit."""
        stmt = (
            select(func.count())
            .select_from(TicketSla)
            .join(Ticket, Ticket.id == TicketSla.ticket_id)
            .where(Ticket.status != CLOSED, _at_risk(now))
        )
        return int(self.session.scalar(stmt) or 0)

    # -- figures ---------------------------------------------------------------------------

    def outcomes(
        self, since: datetime, until: datetime
    ) -> list[tuple[str, str, datetime, TicketSla]]:
        """Department, priority, opening time and clocks of the tickets opened in
        [since, until) that have a target."""
        stmt = (
            select(Ticket.department, Ticket.priority, Ticket.created_at, TicketSla)
            .join(TicketSla, TicketSla.ticket_id == Ticket.id)
            .where(Ticket.created_at >= since, Ticket.created_at < until, TicketSla.policy != "")
            .order_by(Ticket.id)
        )
        return [(d, p, c, s) for d, p, c, s in self.session.execute(stmt)]


def _at_risk(now: datetime) -> ColumnElement[bool]:
    """A target not met whose warning time has come, and not paused."""
    return or_(
        *(
            and_(
                getattr(TicketSla, f"{t}_done_at").is_(None),
                getattr(TicketSla, f"{t}_warn_at") <= now,
                getattr(TicketSla, f"{t}_due").is_not(None),
            )
            for t in Target
        )
    )


def paused_left(row: TicketSla, target: Target) -> timedelta | None:
    left = getattr(row, f"{target}_left")
    return None if left is None else timedelta(seconds=left)
