"""Queries of the outbox table: queue complete messages, claim them for sending, record
the outcome."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    and_,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from mailgate.store.engine import Store
from mailgate.store.models import OutboxRow, OutboxState, utcnow
from mailgate.store.tickets_repo import OutboxRecord
from mailgate.vocabulary import Term


@dataclass(frozen=True)
class Claimed:
    """An outgoing message taken for sending."""

    id: int
    ticket_id: int | None
    kind: str
    message_id: str
    envelope_sender: str
    recipients: list[str]
    raw: bytes
    attempts: int
    created_at: datetime


class Settled(Term):
    """What one attempt to send made of a message: its row is then sent, failed, or
    queued again for a later attempt."""

    SENT = "sent"
    FAILED = "failed"
    RETRY = "retry"


@dataclass(frozen=True)
class Outcome:
    outbox_id: int
    state: Settled
    detail: str  # where it went, or the error
    retry_in: timedelta | None = None
    # Sent, yet with something to say (recipients the relay refused): kept as the
    # row's last_error, where `mailgate ticket` shows it.
    note: str | None = None


OUTBOX = cast(Table, OutboxRow.__table__)


STATES = tuple(OutboxState)

# Built once: with SMTP it runs once per message sent.
_RECORD = (
    update(OUTBOX)
    .where(OUTBOX.c.id == bindparam("b_id"), OUTBOX.c.state == OutboxState.SENDING)
    .values(
        state=bindparam("state"),
        sent_at=bindparam("sent_at"),
        attempts=OUTBOX.c.attempts + 1,
        last_error=bindparam("last_error"),
        next_attempt_at=bindparam("next_attempt_at"),
        delivered_to=bindparam("delivered_to"),
    )
)


class OutboxRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def claim_due(self, limit: int, lease: timedelta, now: datetime | None = None) -> list[Claimed]:
        """Take up to ``limit`` messages due for sending: queued ones whose time has come,
        and ones another sender claimed but did not finish within its lease (it died).
        They are marked ``sending`` until ``now + lease`` and handed out as plain values,
        so that the transport runs outside any transaction.  One statement: this runs
        for every message mailgate sends."""
        now = now or utcnow()
        t = OUTBOX
        pick = select(t.c.id).where(_due(now)).order_by(t.c.id).limit(limit)
        if self.session.get_bind().dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        stmt = (
            update(t)
            .where(t.c.id.in_(pick.scalar_subquery()))
            .values(state=OutboxState.SENDING, next_attempt_at=now + lease)
            .returning(
                t.c.id,
                t.c.ticket_id,
                t.c.kind,
                t.c.message_id,
                t.c.envelope_sender,
                t.c.recipients,
                t.c.raw,
                t.c.attempts,
                t.c.created_at,
            )
        )
        rows = self.session.connection().execute(stmt).all()
        return sorted(
            (Claimed(r[0], r[1], r[2], r[3], r[4], list(r[5]), r[6], r[7], r[8]) for r in rows),
            key=lambda c: c.id,
        )

    def any_due(self, now: datetime) -> bool:
        """Whether :meth:`claim_due` would take a message now."""
        found = self.session.connection().execute(select(OUTBOX.c.id).where(_due(now)).limit(1))
        return found.first() is not None

    def release(self, ids: Sequence[int]) -> None:
        """Give back claimed messages that were not tried (due again at once)."""
        if not ids:
            return
        t = OUTBOX
        self.session.connection().execute(
            update(t)
            .where(t.c.id.in_(list(ids)), t.c.state == OutboxState.SENDING)
            .values(state=OutboxState.QUEUED, next_attempt_at=None)
        )

    def queue(self, messages: Sequence[OutboxRecord], ticket_id: int | None = None) -> list[int]:
        """Queue complete messages outside a ticket's event (tools, benchmarks); one
        INSERT.  Returns their ids in order."""
        if not messages:
            return []
        now = utcnow()
        rows = [
            {
                "created_at": now,
                "ticket_id": ticket_id,
                "kind": m.kind,
                "message_id": m.message_id,
                "envelope_sender": m.envelope_sender,
                "recipients": list(m.recipients),
                "raw": m.raw,
                "state": OutboxState.QUEUED,
                "attempts": 0,
            }
            for m in messages
        ]
        result = self.session.execute(
            insert(OutboxRow).returning(OutboxRow.id, sort_by_parameter_order=True), rows
        )
        return [int(r[0]) for r in result]

    def record(self, outcomes: Sequence[Outcome]) -> None:
        """The transport's verdicts on claimed messages: sent, failed, or to retry."""
        if outcomes:
            self.session.connection().execute(_RECORD, _record_values(outcomes))

    def by_ticket(self, ticket_id: int) -> list[OutboxRow]:
        return list(
            self.session.scalars(
                select(OutboxRow).where(OutboxRow.ticket_id == ticket_id).order_by(OutboxRow.id)
            )
        )

    def counts(self) -> dict[str, int]:
        rows = self.session.execute(select(OutboxRow.state, func.count()).group_by(OutboxRow.state))
        return {state: int(n) for state, n in rows}


def _record_values(outcomes: Sequence[Outcome]) -> list[dict[str, Any]]:
    now = utcnow()
    values: list[dict[str, Any]] = []
    for o in outcomes:
        if o.state == Settled.SENT:
            values.append(
                {
                    "b_id": o.outbox_id,
                    "state": OutboxState.SENT,
                    "sent_at": now,
                    "last_error": o.note[:4000] if o.note else None,
                    "next_attempt_at": None,
                    "delivered_to": o.detail,
                }
            )
        elif o.state == Settled.FAILED:
            values.append(
                {
                    "b_id": o.outbox_id,
                    "state": OutboxState.FAILED,
                    "sent_at": None,
                    "last_error": o.detail[:4000],
                    "next_attempt_at": None,
                    "delivered_to": None,
                }
            )
        else:
            values.append(
                {
                    "b_id": o.outbox_id,
                    "state": OutboxState.QUEUED,
                    "sent_at": None,
                    "last_error": o.detail[:4000],
                    "next_attempt_at": now + (o.retry_in or timedelta(0)),
                    "delivered_to": None,
                }
            )
    return values


class OutcomeRecorder:
    """Records outcomes on a database connection of its own, one short transaction
    each.  With SMTP this runs once for every message sent, right after the relay's
    answer; a session per record costs about twice the CPU."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn: Connection | None = None

    def record(self, outcomes: Sequence[Outcome]) -> None:
        if not outcomes:
            return
        if self._conn is None:
            self._conn = self.store.connect_for_writing(autocheckpoint=True)
        try:
            with self._conn.begin():
                self._conn.execute(_RECORD, _record_values(outcomes))
        except Exception:
            # A broken connection is not used again; the next record opens another.
            self.close()
            raise

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()


def _due(now: datetime) -> ColumnElement[bool]:
    """A message due for sending: queued and its time come, or claimed by a sender that
    did not finish within its lease (it died)."""
    t = OUTBOX
    return or_(
        and_(
            t.c.state == OutboxState.QUEUED,
            or_(t.c.next_attempt_at.is_(None), t.c.next_attempt_at <= now),
        ),
        and_(t.c.state == OutboxState.SENDING, t.c.next_attempt_at <= now),
    )
