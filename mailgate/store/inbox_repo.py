"""Queries of the inbox table: store, dedupe, claim, and record what processing decided."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Table,
    and_,
    bindparam,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
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


@dataclass(frozen=True)
class NewMessage:
    source: str
    source_ref: str | None
    envelope_sender: str | None
    recipients: list[str]
    raw: bytes
    sha256: str
    message_id: str | None
    dedupe_key: str
    notify: bool = True


@dataclass(frozen=True)
class StoreResult:
    inbox_id: int
    duplicate: bool


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


def insert_messages(conn: Connection, batch: Sequence[NewMessage]) -> list[StoreResult]:
    """Insert the messages not stored yet, in the caller's transaction; duplicates (within
    the batch too) resolve to the row already there.

    This runs for every message the listener accepts, while its clients wait: one
    ``INSERT … ON CONFLICT DO NOTHING RETURNING id`` per new message, and a look-up only
    for the keys that were already stored.  On SQLite the statement goes straight to the
    driver: SQLAlchemy's statement machinery costs more than SQLite's own work here
    (measured: 0.78 against 0.44 ms for a commit of two 20 KiB messages)."""
    if not batch:
        return []
    fresh: dict[str, NewMessage] = {}
    recipients: dict[str, list[str]] = {}
    for m in batch:
        fresh.setdefault(m.dedupe_key, m)
        seen = recipients.setdefault(m.dedupe_key, [])
        seen += [r for r in m.recipients if r not in seen]
    # Copies of one message to several addresses (an MTA piping once per recipient) are
    # one row that records every recipient.
    fresh = {
        k: m if m.recipients == recipients[k] else replace(m, recipients=recipients[k])
        for k, m in fresh.items()
    }
    now = utcnow()
    if conn.dialect.name == "sqlite":
        ids = _insert_sqlite(conn, list(fresh.values()), now)
    else:
        ids = _insert_core(conn, list(fresh.values()), now)
    new = set(ids)
    known = [k for k in fresh if k not in ids]
    for i in range(0, len(known), 500):
        chunk = known[i : i + 500]
        for key, row_id, stored in conn.execute(
            select(INBOX.c.dedupe_key, INBOX.c.id, INBOX.c.recipients).where(
                INBOX.c.dedupe_key.in_(chunk)
            )
        ):
            ids[key] = row_id
            merged = list(stored or []) + [r for r in recipients[key] if r not in (stored or [])]
            if merged != list(stored or []):
                conn.execute(update(INBOX).where(INBOX.c.id == row_id).values(recipients=merged))
    out: list[StoreResult] = []
    for m in batch:
        is_new = m.dedupe_key in new
        new.discard(m.dedupe_key)  # a second copy in the same batch is a duplicate
        out.append(StoreResult(ids[m.dedupe_key], duplicate=not is_new))
    return out


_COLUMNS = (
    "received_at",
    "source",
    "source_ref",
    "envelope_sender",
    "recipients",
    "raw",
    "size",
    "sha256",
    "message_id",
    "dedupe_key",
    "state",
    "attempts",
    "notify",
)
_SQLITE_INSERT = (
    f"INSERT INTO inbox ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' for _ in _COLUMNS)}) "
    "ON CONFLICT (dedupe_key) DO NOTHING RETURNING id"
)


def _values(m: NewMessage, now: datetime) -> dict[str, Any]:
    return {
        "received_at": now,
        "source": m.source,
        "source_ref": m.source_ref,
        "envelope_sender": m.envelope_sender,
        "recipients": m.recipients,
        "raw": m.raw,
        "size": len(m.raw),
        "sha256": m.sha256,
        "message_id": m.message_id,
        "dedupe_key": m.dedupe_key,
        "state": RECEIVED,
        "attempts": 0,
        "notify": m.notify,
    }


def _sqlite_row(m: NewMessage, stamp: str) -> tuple[Any, ...]:
    """``m``'s values for :data:`_SQLITE_INSERT`, in the order of :data:`_COLUMNS` (as
    :func:`_values` names them; tests/test_inbox_writer.py holds the two equal), in
    the stored forms: no dict and no conversion per message on the listener's path."""
    return (
        stamp,
        m.source,
        m.source_ref,
        m.envelope_sender,
        json.dumps(m.recipients),
        m.raw,
        len(m.raw),
        m.sha256,
        m.message_id,
        m.dedupe_key,
        RECEIVED,
        0,
        m.notify,
    )


def _insert_sqlite(conn: Connection, batch: list[NewMessage], now: datetime) -> dict[str, int]:
    # The stored forms SQLAlchemy's types use on SQLite: naive UTC "YYYY-MM-DD
    # HH:MM:SS.ffffff" (UTCDateTime) and JSON text.
    stamp = now.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    ids: dict[str, int] = {}
    try:
        for m in batch:
            row = cursor.execute(_SQLITE_INSERT, _sqlite_row(m, stamp)).fetchone()
            if row is not None:
                ids[m.dedupe_key] = int(row[0])
    finally:
        cursor.close()
    return ids


def _insert_core(conn: Connection, batch: list[NewMessage], now: datetime) -> dict[str, int]:
    insert = postgresql.insert(INBOX) if conn.dialect.name == "postgresql" else sqlite.insert(INBOX)
    stmt = insert.on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(
        INBOX.c.dedupe_key, INBOX.c.id
    )
    rows = [_values(m, now) for m in batch]
    return {key: row_id for key, row_id in conn.execute(stmt, rows)}


class InboxRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- receiving ---------------------------------------------------------------------

    def add_many(self, batch: Sequence[NewMessage]) -> list[StoreResult]:
        return insert_messages(self.session.connection(), batch)

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
        stmt = _CLAIM
        if self.session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        return {row.id: row for row in self.session.scalars(stmt, {"ids": list(inbox_ids)})}

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
