"""The figures operators watch, counted from the inbox and outbox tables.

Counting rows rather than keeping counters in memory makes the figures right whatever
process received, processed or sent the mail (``mailgate deliver``, the workers, another
instance on the same PostgreSQL database), and after any crash.  The counts use the
``(state, id)`` indexes; the age of the oldest waiting message is one indexed look-up
per queue.  The breakdowns read every inbox row (one pass, ``GROUP BY``): cheap for a
helpdesk's volumes, and a scrape every 15 s costs one such pass.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailgate.store.models import InboxRow, InboxState, OutboxRow, OutboxState, utcnow
from mailgate.store.outbox_repo import OutboxRepo


@dataclass(frozen=True)
class Backlog:
    waiting: int
    oldest_age: float  # seconds; 0 when nothing waits


@dataclass(frozen=True)
class Figures:
    received_by_source: dict[str, int]
    processed_by_verdict: dict[str, int]
    inbox_by_state: dict[str, int]
    outbox_by_state: dict[str, int]
    inbox_backlog: Backlog
    outbox_backlog: Backlog
    # Outgoing mail waiting again after a temporary failure.
    outbox_retrying: int


class FiguresRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def figures(self, now: datetime | None = None) -> Figures:
        now = now or utcnow()
        s = self.session
        # One pass over the inbox gives its three breakdowns.
        by_source: dict[str, int] = {}
        by_verdict: dict[str, int] = {}
        inbox_states: dict[str, int] = {}
        rows = s.execute(
            select(InboxRow.source, InboxRow.state, InboxRow.verdict, func.count()).group_by(
                InboxRow.source, InboxRow.state, InboxRow.verdict
            )
        )
        for source, state, verdict, n in rows:
            by_source[str(source)] = by_source.get(str(source), 0) + int(n)
            inbox_states[str(state)] = inbox_states.get(str(state), 0) + int(n)
            if state == InboxState.PROCESSED:
                key = str(verdict or "none")
                by_verdict[key] = by_verdict.get(key, 0) + int(n)
        outbox_states = OutboxRepo(s).counts()
        # The oldest row waiting is the one with the lowest id (ids grow with time).
        first_in = s.scalar(
            select(InboxRow.received_at)
            .where(InboxRow.state == InboxState.RECEIVED)
            .order_by(InboxRow.id)
            .limit(1)
        )
        first_out = s.scalar(
            select(OutboxRow.created_at)
            .where(OutboxRow.state.in_((OutboxState.QUEUED, OutboxState.SENDING)))
            .order_by(OutboxRow.id)
            .limit(1)
        )
        retrying = s.scalar(
            select(func.count())
            .select_from(OutboxRow)
            .where(
                OutboxRow.state.in_((OutboxState.QUEUED, OutboxState.SENDING)),
                OutboxRow.attempts > 0,
            )
        )
        waiting_out = outbox_states.get(OutboxState.QUEUED, 0) + outbox_states.get(
            OutboxState.SENDING, 0
        )
        return Figures(
            received_by_source=by_source,
            processed_by_verdict=by_verdict,
            inbox_by_state=inbox_states,
            outbox_by_state=outbox_states,
            inbox_backlog=Backlog(inbox_states.get(InboxState.RECEIVED, 0), _age(now, first_in)),
            outbox_backlog=Backlog(waiting_out, _age(now, first_out)),
            outbox_retrying=int(retrying or 0),
        )


def _age(now: datetime, then: datetime | None) -> float:
    return max(0.0, (now - then).total_seconds()) if then is not None else 0.0
