"""The figures operators watch, counted from the inbox and outbox tables.

Counting rows rather than keeping counters in memory makes the figures right whatever
process received, processed or sent the mail (``mailgate deliver``, the workers, another
instance on the same PostgreSQL database), and after any crash.  The counts use the
``(state, id)`` indexes; the age of the oldest waiting message is one indexed look-up
per queue.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mailgate.store.models import InboxRow, OutboxRow, utcnow


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
        by_source = {
            str(src): int(n)
            for src, n in s.execute(select(InboxRow.source, func.count()).group_by(InboxRow.source))
        }
        by_verdict = {
            str(v or "none"): int(n)
            for v, n in s.execute(
                select(InboxRow.verdict, func.count())
                .where(InboxRow.state == "processed")
                .group_by(InboxRow.verdict)
            )
        }
        inbox_states = {
            str(st): int(n)
            for st, n in s.execute(select(InboxRow.state, func.count()).group_by(InboxRow.state))
        }
        outbox_states = {
            str(st): int(n)
            for st, n in s.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state))
        }
        # The oldest row waiting is the one with the lowest id (ids grow with time).
        first_in = s.scalar(
            select(InboxRow.received_at)
            .where(InboxRow.state == "received")
            .order_by(InboxRow.id)
            .limit(1)
        )
        first_out = s.scalar(
            select(OutboxRow.created_at)
            .where(OutboxRow.state.in_(("queued", "sending")))
            .order_by(OutboxRow.id)
            .limit(1)
        )
        retrying = s.scalar(
            select(func.count())
            .select_from(OutboxRow)
            .where(OutboxRow.state.in_(("queued", "sending")), OutboxRow.attempts > 0)
        )
        waiting_out = outbox_states.get("queued", 0) + outbox_states.get("sending", 0)
        return Figures(
            received_by_source=by_source,
            processed_by_verdict=by_verdict,
            inbox_by_state=inbox_states,
            outbox_by_state=outbox_states,
            inbox_backlog=Backlog(inbox_states.get("received", 0), _age(now, first_in)),
            outbox_backlog=Backlog(waiting_out, _age(now, first_out)),
            outbox_retrying=int(retrying or 0),
        )


def _age(now: datetime, then: datetime | None) -> float:
    return max(0.0, (now - then).total_seconds()) if then is not None else 0.0
