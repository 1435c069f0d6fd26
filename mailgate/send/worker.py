"""The sender: claims due outbox rows, hands them to the transport, records the outcome.

Claiming and recording are two short transactions; the transport runs between them,
outside any, so a slow relay never holds the database's write lock (on SQLite the
listener's commits would wait behind it).  A claimed row is leased: if its sender dies
before recording the outcome, another takes it after the lease.  A temporary failure is
retried with exponential backoff, a permanent one is marked failed with the transport's
answer for an agent to see.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

from mailgate.config import OutboundConfig
from mailgate.send.transports import (
    FileTransport,
    PermanentFailure,
    TemporaryFailure,
    Transport,
)
from mailgate.store.engine import Store
from mailgate.store.outbox_repo import OutboxRepo, Outcome

log = logging.getLogger(__name__)

_BACKOFF_BASE = 60.0
_BACKOFF_MAX = 3600.0
_LEASE = timedelta(minutes=10)


@dataclass
class SendResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.retried + self.failed


def make_transport(config: OutboundConfig) -> Transport:
    return FileTransport(config.directory)


class Sender:
    def __init__(
        self, config: OutboundConfig, store: Store, transport: Transport | None = None
    ) -> None:
        self.config = config
        self.store = store
        self.transport = transport or make_transport(config)

    def run_once(self) -> SendResult:
        with self.store.write() as session:
            claimed = OutboxRepo(session).claim_due(self.config.batch_size, _LEASE)
        result = SendResult()
        if not claimed:
            return result
        outcomes: list[tuple[int, str, str]] = []  # (id, sent|retry|failed, detail)
        for msg in claimed:
            try:
                where = self.transport.deliver(msg.id, msg.envelope_sender, msg.recipients, msg.raw)
            except TemporaryFailure as e:
                outcomes.append((msg.id, "retry", str(e)))
            except PermanentFailure as e:
                outcomes.append((msg.id, "failed", str(e)))
            else:
                outcomes.append((msg.id, "sent", where))
        try:
            self.transport.flush()
        except TemporaryFailure as e:
            outcomes = [(i, "retry", str(e)) if o == "sent" else (i, o, d) for i, o, d in outcomes]
        by_id = {m.id: m for m in claimed}
        records: list[Outcome] = []
        for outbox_id, outcome, detail in outcomes:
            msg = by_id[outbox_id]
            extra = {"outbox": msg.id, "ticket": msg.ticket_id, "message_id": msg.message_id}
            if outcome == "sent":
                records.append(Outcome(outbox_id, "sent", detail))
                result.sent += 1
                log.info(
                    "outbox %d sent (%s) to %s",
                    msg.id,
                    msg.kind,
                    ", ".join(msg.recipients),
                    extra=extra,
                )
            elif outcome == "retry":
                delay = min(_BACKOFF_MAX, _BACKOFF_BASE * 2**msg.attempts)
                records.append(Outcome(outbox_id, "retry", detail, timedelta(seconds=delay)))
                result.retried += 1
                log.warning(
                    "outbox %d: temporary failure, retry in %ds: %s",
                    msg.id,
                    delay,
                    detail,
                    extra=extra,
                )
            else:
                records.append(Outcome(outbox_id, "failed", detail))
                result.failed += 1
                log.error("outbox %d: failed: %s", msg.id, detail, extra=extra)
        with self.store.write() as session:
            OutboxRepo(session).record(records)
        return result

    def drain(self, max_batches: int = 1_000_000) -> SendResult:
        """Send until nothing is due (``mailgate process``, tests)."""
        total = SendResult()
        for _ in range(max_batches):
            r = self.run_once()
            total.sent += r.sent
            total.retried += r.retried
            total.failed += r.failed
            if not r.sent:
                break
        return total

    def close(self) -> None:
        self.transport.close()
