"""Queries of the inbox table: store, dedupe, claim, and record what processing decided."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from sqlalchemy import (
    ColumnElement,
    Table,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session, defer
from sqlalchemy.orm.attributes import set_committed_value

from mailgate.store.models import InboxRow, InboxState, utcnow

RECEIVED, PROCESSED, HELD = InboxState.RECEIVED, InboxState.PROCESSED, InboxState.HELD
QUARANTINED, FAILED = InboxState.QUARANTINED, InboxState.FAILED
STATES = tuple(InboxState)
# Where a message nobody has put on a ticket waits for a person (``mailgate quarantine``,
# ``GET /api/held``): every state but ``received`` and ``processed``.
FOR_A_PERSON = (HELD, QUARANTINED, FAILED)
INBOX = cast(Table, InboxRow.__table__)
# A message this large is read alone (``InboxRepo.due``).
LARGE = 1 << 20
# Claiming rows for processing, built once: every write transaction of processing does.
_CLAIM = (
    select(InboxRow)
    .options(defer(InboxRow.raw))
    .where(InboxRow.id.in_(bindparam("ids", expanding=True)), InboxRow.state == RECEIVED)
)
_CLAIM_SKIPPING_LOCKED = _CLAIM.with_for_update(skip_locked=True)


@dataclass(frozen=True)
class Decision:
    """What processing decided about one inbox row.  For a held message, ``ticket_id`` is
    the ticket ``mailgate accept`` adds it to (None: accepting opens one)."""

    verdict: str | None
    verdict_rule: str | None
    thread_rule: str | None
    thread_reason: str | None
    department: str | None
    ticket_id: int | None


class InboxRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- receiving ---------------------------------------------------------------------

    # -- processing --------------------------------------------------------------------

    def due(
        self, limit: int, now: datetime | None = None, shard: tuple[int, int] = (0, 1)
    ) -> list[InboxRow]:
        """Rows waiting to be processed, oldest first (including those whose earlier
        attempt failed and whose retry time has come).  ``shard=(i, n)`` takes only the
        rows whose id is i modulo n, so that n workers do not plan the same messages.

        The raw bytes of small messages come in one more query; those of large ones
        (``LARGE`` octets and more) only when first read, one message at a time: a batch
        of messages at the size limit is not held at once."""
        now = now or utcnow()
        stmt = (
            select(InboxRow)
            .options(defer(InboxRow.raw))
            .where(_due(now))
            .order_by(InboxRow.id)
            .limit(limit)
        )
        index, count = shard
        if count > 1:
            stmt = stmt.where(InboxRow.id % count == index)
        rows = list(self.session.scalars(stmt))
        small = {row.id: row for row in rows if row.size < LARGE}
        if small:
            loaded = select(InboxRow.id, InboxRow.raw).where(InboxRow.id.in_(list(small)))
            for row_id, raw in self.session.execute(loaded):
                set_committed_value(small[row_id], "raw", raw)
        return rows

    def due_ids(self, limit: int, now: datetime, *, after: int = 0) -> list[int]:
        """The ids of up to ``limit`` rows :meth:`due` would return, above ``after``, in
        order: how ``mailgate process --workers`` hands out the inbox."""
        stmt = (
            select(InboxRow.id)
            .where(_due(now), InboxRow.id > after)
            .order_by(InboxRow.id)
            .limit(limit)
        )
        return list(self.session.scalars(stmt))

    def waiting(self, inbox_ids: Sequence[int]) -> list[InboxRow]:
        """Those of the rows that still wait to be processed, in order."""
        stmt = (
            select(InboxRow)
            .where(InboxRow.id.in_(list(inbox_ids)), InboxRow.state == RECEIVED)
            .order_by(InboxRow.id)
        )
        return list(self.session.scalars(stmt))

    def claim(self, inbox_ids: Sequence[int]) -> dict[int, InboxRow]:
        """Lock rows for processing in the current transaction.  Rows another processor
        holds (PostgreSQL skips them) or that are no longer waiting are left out.  Their
        raw bytes, parsed already, are not read again."""
        postgres = self.session.get_bind().dialect.name == "postgresql"
        stmt = _CLAIM_SKIPPING_LOCKED if postgres else _CLAIM
        return {row.id: row for row in self.session.scalars(stmt, {"ids": list(inbox_ids)})}

    def earlier_waiting(
        self, message_ids: Sequence[str], before: int, now: datetime, *, since: datetime
    ) -> int | None:
        """The id of a row stored before row ``before``, and not before ``since``, whose
        Message-ID is one of ``message_ids`` and that waits to be processed now (not for
        a retry later), or None.  Read through the waiting rows' index: those below
        ``before`` are the messages other workers have in hand."""
        if not message_ids:
            return None
        stmt = (
            select(InboxRow.id)
            .where(
                _due(now),
                InboxRow.id < before,
                InboxRow.received_at >= since,
                InboxRow.message_id.in_(list(message_ids)),
            )
            .order_by(InboxRow.id)
            .limit(1)
        )
        return self.session.scalars(stmt).first()

    def wait(self, row: InboxRow, until: datetime) -> None:
        """Leave the row waiting until ``until``, its attempts uncounted."""
        row.next_attempt_at = until

    def mark_processed(self, row: InboxRow, decision: Decision) -> None:
        """The message is on its ticket.  Refused without one: a message no ticket holds
        must be held or quarantined, where a person sees it."""
        if decision.ticket_id is None:
            raise ValueError(f"inbox {row.id}: processed without a ticket")
        self._decide(row, decision)
        row.state = PROCESSED
        row.error = None
        row.next_attempt_at = None
        row.processed_at = utcnow()

    def mark_held(self, row: InboxRow, reason: str, decision: Decision) -> None:
        """Kept for a person by the hold rule ``decision.thread_rule``."""
        if not (decision.thread_rule or "").startswith("held_"):
            raise ValueError(f"inbox {row.id}: held without a hold rule")
        self._decide(row, decision)
        row.state = HELD
        row.error = reason
        row.next_attempt_at = None
        row.processed_at = utcnow()

    def mark_quarantined(
        self, row: InboxRow, reason: str, decision: Decision | None = None
    ) -> None:
        if decision is not None:
            self._decide(row, decision)
        row.state = QUARANTINED
        row.error = reason
        row.processed_at = utcnow()

    def record_failure(
        self, inbox_id: int, error: str, *, max_attempts: int, retry_after: timedelta
    ) -> str:
        """Count a failed attempt; the row is retried later, or stays ``failed`` once it
        has failed ``max_attempts`` times.  Returns the new state."""
        row = self.session.get(InboxRow, inbox_id)
        if row is None:
            return "missing"
        row.attempts += 1
        row.error = error[:4000]
        if row.attempts >= max_attempts:
            row.state = FAILED
            row.next_attempt_at = None
        else:
            row.next_attempt_at = utcnow() + retry_after * (2 ** (row.attempts - 1))
        return row.state

    @staticmethod
    def _decide(row: InboxRow, d: Decision) -> None:
        row.verdict = d.verdict
        row.verdict_rule = d.verdict_rule
        row.thread_rule = d.thread_rule
        row.thread_reason = d.thread_reason
        row.department = d.department
        row.ticket_id = d.ticket_id

    # -- operators' commands -----------------------------------------------------------

    def get(self, inbox_id: int) -> InboxRow | None:
        return self.session.get(InboxRow, inbox_id)

    def accept(self, inbox_id: int, ticket_id: int | None = None) -> InboxRow | None:
        """A person accepts a held message: it goes back to processing, which puts it on
        ``ticket_id``, else on the ticket it pointed at, else on a new ticket — whatever
        its verdict — and makes its sender a participant.  None when the row is not a
        held message."""
        row = self.session.get(InboxRow, inbox_id, with_for_update=True)
        if row is None or row.state != HELD:
            return None
        row.ticket_id = ticket_id or row.ticket_id
        row.thread_rule = "accepted"
        row.state = RECEIVED
        row.attempts = 0
        row.next_attempt_at = None
        row.error = None
        return row

    def for_a_person(
        self, limit: int = 100, *, states: Sequence[str] = FOR_A_PERSON, rule: str | None = None
    ) -> list[InboxRow]:
        """Messages on no ticket, waiting for a person — held, quarantined, failed —
        newest first (``mailgate quarantine``, ``GET /api/held``)."""
        stmt = select(InboxRow).where(InboxRow.state.in_(list(states)))
        if rule is not None:
            stmt = stmt.where(InboxRow.thread_rule == rule)
        return list(self.session.scalars(stmt.order_by(InboxRow.id.desc()).limit(limit)))

    def for_a_person_by_rule(self) -> dict[tuple[str, str], int]:
        """How many messages wait for a person, by (state, rule)."""
        rows = self.session.execute(
            select(InboxRow.state, InboxRow.thread_rule, func.count())
            .where(InboxRow.state.in_(list(FOR_A_PERSON)))
            .group_by(InboxRow.state, InboxRow.thread_rule)
        )
        return {(str(state), str(rule or "")): int(n) for state, rule, n in rows}

    def requeue(self, *, states: Sequence[str], ids: Sequence[int] | None = None) -> int:
        """Send rows back to processing (``mailgate reprocess``)."""
        stmt = update(InboxRow).where(InboxRow.state.in_(list(states)))
        if ids:
            stmt = stmt.where(InboxRow.id.in_(list(ids)))
        result = self.session.execute(
            stmt.values(state=RECEIVED, attempts=0, next_attempt_at=None, error=None)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def prune_raw(self, processed_before: datetime, at: datetime, limit: int) -> int:
        """Replace by nothing the raw bytes of up to ``limit`` messages processed before
        ``processed_before`` (retention), recording when; the row, its decisions and the
        ticket's copy of the message stay.  Quarantined and failed messages keep their
        bytes: a person may still need them.  Returns how many were pruned."""
        pick = (
            select(InboxRow.id)
            .where(
                InboxRow.state == PROCESSED,
                InboxRow.processed_at <= processed_before,
                InboxRow.raw_pruned_at.is_(None),
            )
            .order_by(InboxRow.id)
            .limit(limit)
        )
        result = self.session.execute(
            update(InboxRow)
            .where(InboxRow.id.in_(pick.scalar_subquery()))
            .values(raw=b"", raw_pruned_at=at),
            execution_options={"synchronize_session": False},
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def counts(self) -> dict[str, int]:
        rows = self.session.execute(select(InboxRow.state, func.count()).group_by(InboxRow.state))
        return {state: int(n) for state, n in rows}


def _due(now: datetime) -> ColumnElement[bool]:
    """A row that waits to be processed and whose next attempt has come: what
    :meth:`InboxRepo.due` and :meth:`InboxRepo.due_ids` hand out."""
    return and_(
        InboxRow.state == RECEIVED,
        or_(InboxRow.next_attempt_at.is_(None), InboxRow.next_attempt_at <= now),
    )
