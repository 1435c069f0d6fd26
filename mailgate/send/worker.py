"""The sender: claims due outbox rows, hands them to the transport, records the outcome.

Claiming and recording are short transactions; the transport runs between them,
outside any, so a slow relay never holds the database's write lock (on SQLite the
listener's commits would wait behind it).  A claimed row is leased: if its sender dies
before recording the outcome, another takes it after the lease.

**Sent once.**  With a transport whose second delivery would be a second copy (SMTP),
each message's outcome is committed as soon as the relay has answered, before the next
message is sent; a crash loses at most the record of the one message in flight.  The
window that remains is the one every MTA has (RFC 5321 §6.1, RFC 1047): a crash after
the relay's 250 and before that commit leaves the row claimed; when the lease expires
the message is sent again, and the client gets it twice.  The file transport rewrites
the same file when a message is delivered twice, so its outcomes are committed per
batch, after one fsync of the directory.

**Retries.**  A temporary failure is retried after ``retry_after``, doubling up to
``max_retry_interval``, until the message is ``max_age`` old (from when it was
queued); then it is marked failed with the last error and "gave up after …", as an
MTA's ``maximal_queue_lifetime``.  When the relay cannot be reached at all the rest of
the batch is not tried: every message would wait for the same timeout.  A permanent
failure is marked failed at once, with the relay's answer for an agent to see.

**DKIM.**  With ``[outbound.dkim]`` each message is signed just before it is handed to
the transport; the stored message stays unsigned.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from mailgate.config import OutboundConfig, format_duration
from mailgate.errors import DkimError, PermanentFailure, SessionFailure, TemporaryFailure
from mailgate.send.dkim import DkimSigner
from mailgate.send.transports import Delivered, Transport, make_transport
from mailgate.store.engine import Store
from mailgate.store.models import utcnow
from mailgate.store.outbox_repo import Claimed, OutboxRepo, Outcome, OutcomeRecorder, Settled
from mailgate.store.suppressions_repo import SuppressionRepo

log = logging.getLogger(__name__)

_LEASE = timedelta(minutes=10)

__all__ = ["SendResult", "Sender", "make_transport"]


@dataclass
class SendResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        return self.sent + self.retried + self.failed


class Sender:
    def __init__(
        self,
        config: OutboundConfig,
        store: Store,
        transport: Transport | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.config = config
        self.store = store
        self.transport = transport or make_transport(config)
        self.signer = DkimSigner(config.dkim) if config.dkim else None
        self.clock = clock
        self._executor: ThreadPoolExecutor | None = None
        self.recorder = OutcomeRecorder(store)

    def run_once(self) -> SendResult:
        with self.store.write() as session:
            claimed = OutboxRepo(session).claim_due(self.config.batch_size, _LEASE, self.clock())
            suppressed = SuppressionRepo(session).active(
                (r for m in claimed for r in m.recipients), self.clock()
            )
        result = SendResult()
        if not claimed:
            # Nothing more to send: do not keep the relay's connection open for nothing.
            self.transport.close()
            return result
        # Past half the lease, the rest is given back rather than risk another sender
        # taking it over while this one still sends it.
        deadline = time.monotonic() + _LEASE.total_seconds() / 2
        outcomes: list[tuple[Claimed, Outcome]] = []
        recording = _Recording(self._recorder())
        try:
            for i, msg in enumerate(claimed):
                if time.monotonic() > deadline:
                    recording.settle()
                    with self.store.write() as session:
                        OutboxRepo(session).release([m.id for m in claimed[i:]])
                    break
                sending = msg
                held = [r for r in msg.recipients if r.lower() in suppressed]
                if held:
                    why = "; ".join(
                        f"{r} suppressed until {suppressed[r.lower()].until:%Y-%m-%d} "
                        f"({suppressed[r.lower()].reason})"
                        for r in held
                    )
                    rest = [r for r in msg.recipients if r.lower() not in suppressed]
                    if not rest:
                        outcomes.append(
                            (msg, self._outcome(msg, Settled.FAILED, f"not sent: {why}"))
                        )
                        continue
                    sending = replace(msg, recipients=rest)
                    log.warning("outbox %d: not sent to %s", msg.id, why, extra=_extra(msg))
                try:
                    outcome = self._deliver(sending, recording.settle)
                    if held and outcome.state == Settled.SENT:
                        skipped = f"not sent to {why}"
                        note = f"{outcome.note}; {skipped}" if outcome.note else skipped
                        outcome = replace(outcome, note=note)
                    outcomes.append((sending, outcome))
                except SessionFailure as e:
                    # Every message left would meet the same failure.
                    outcomes += [(m, self._outcome(m, Settled.RETRY, str(e))) for m in claimed[i:]]
                    break
                if not self.transport.idempotent:
                    # Committed while the next message goes to the relay, up to its
                    # final dot (see _Recording).
                    recording.settle()
                    recording.start(self._finish, list(outcomes), result)
                    outcomes.clear()
            recording.settle()
        except _RecordFailed as e:
            raise e.error from None
        if outcomes and self.transport.idempotent:
            try:
                self.transport.flush()
            except TemporaryFailure as e:
                outcomes = [
                    (m, self._outcome(m, Settled.RETRY, str(e)) if o.state == Settled.SENT else o)
                    for m, o in outcomes
                ]
        self._finish(outcomes, result)
        return result

    def _finish(self, outcomes: list[tuple[Claimed, Outcome]], result: SendResult) -> None:
        """Commit the outcomes, then count and log them; empties ``outcomes``."""
        if not outcomes:
            return
        self.recorder.record([o for _m, o in outcomes])
        for msg, outcome in outcomes:
            self._count(msg, outcome, result)
        outcomes.clear()

    def _recorder(self) -> ThreadPoolExecutor:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="mailgate-outbox-record")
        return self._executor

    def _deliver(self, msg: Claimed, before_final: Callable[[], None]) -> Outcome:
        """Sign and hand one message to the transport; its outcome (not yet counted)."""
        raw = msg.raw
        try:
            if self.signer is not None:
                raw = self.signer.sign(raw, msg.envelope_sender)
            delivered = self.transport.deliver(
                msg.id, msg.envelope_sender, msg.recipients, raw, before_final
            )
        except (SessionFailure, _RecordFailed):
            raise
        except TemporaryFailure as e:
            return self._outcome(msg, Settled.RETRY, str(e))
        except PermanentFailure as e:
            return self._outcome(msg, Settled.FAILED, str(e))
        except DkimError as e:
            log.error("outbox %d: %s", msg.id, e, extra=_extra(msg))
            return self._outcome(msg, Settled.RETRY, f"DKIM: {e}")
        except Exception as e:  # a bug must not strand the claimed rows
            log.exception("outbox %d: unexpected error while sending", msg.id, extra=_extra(msg))
            self.transport.close()
            return self._outcome(msg, Settled.RETRY, f"{type(e).__name__}: {e}")
        return self._sent(msg, delivered)

    @staticmethod
    def _sent(msg: Claimed, delivered: Delivered) -> Outcome:
        return Outcome(msg.id, Settled.SENT, delivered.where, note=delivered.refused)

    def _outcome(self, msg: Claimed, state: Settled, detail: str) -> Outcome:
        """A failure's outcome: a retry after the backoff, or — when the message has
        waited ``max_age`` — failed."""
        if state == Settled.FAILED:
            return Outcome(msg.id, Settled.FAILED, detail)
        c = self.config
        now = self.clock()
        age = (now - msg.created_at).total_seconds()
        if age >= c.max_age:
            return Outcome(
                msg.id,
                Settled.FAILED,
                f"{detail}; gave up after {format_duration(c.max_age)} "
                f"({msg.attempts + 1} attempts)",
            )
        delay = min(c.max_retry_interval, c.retry_after * 2 ** min(msg.attempts, 32))
        # One last attempt when the message reaches max_age, rather than well after.
        delay = max(0.0, min(delay, c.max_age - age))
        return Outcome(msg.id, Settled.RETRY, detail, timedelta(seconds=delay))

    def _count(self, msg: Claimed, outcome: Outcome, result: SendResult) -> None:
        extra = _extra(msg)
        if outcome.state == Settled.SENT:
            result.sent += 1
            log.info(
                "outbox %d sent (%s) to %s: %s",
                msg.id,
                msg.kind,
                ", ".join(msg.recipients),
                outcome.detail,
                extra=extra,
            )
            if outcome.note:
                log.warning("outbox %d: %s", msg.id, outcome.note, extra=extra)
        elif outcome.state == Settled.RETRY:
            result.retried += 1
            delay = outcome.retry_in.total_seconds() if outcome.retry_in else 0.0
            log.warning(
                "outbox %d: temporary failure, retry in %s: %s",
                msg.id,
                format_duration(delay) if delay else "0s",
                outcome.detail,
                extra=extra,
            )
        else:
            result.failed += 1
            log.error("outbox %d: failed: %s", msg.id, outcome.detail, extra=extra)

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
        if self._executor is not None:
            self._executor.shutdown(wait=True)
            self._executor = None
        self.recorder.close()


class _RecordFailed(Exception):
    """Recording an outcome failed (the database); carries the error up and out of
    the transport, which must not take it for a failure of the message."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


class _Recording:
    """The commit of one message's outcome, running in a thread while the next message
    goes to the relay.  The transport calls :meth:`settle` just before the final dot
    of that next message: until the commit is done, the next message cannot be
    delivered, so a crash still leaves at most one message delivered and unrecorded.
    A commit (an fsync on SQLite) and an SMTP dialogue then overlap instead of adding
    up."""

    def __init__(self, executor: ThreadPoolExecutor) -> None:
        self.executor = executor
        self.pending: Future[None] | None = None

    def start(self, fn: Callable[..., None], *args: object) -> None:
        assert self.pending is None
        self.pending = self.executor.submit(fn, *args)

    def settle(self) -> None:
        pending, self.pending = self.pending, None
        if pending is not None:
            try:
                pending.result()
            except Exception as e:
                raise _RecordFailed(e) from e


def _extra(msg: Claimed) -> dict[str, object]:
    return {"outbox": msg.id, "ticket": msg.ticket_id, "message_id": msg.message_id}
