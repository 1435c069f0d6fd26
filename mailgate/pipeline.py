"""The journey of a stored message: inbox → parse → classify → thread → apply → notify.

A batch of waiting inbox rows is processed in two phases:

1. **plan**, in a read-only transaction: parse (the costly part), classify, route, find
   the ticket, and for a message that opens one, take its number and render and compose
   its acknowledgment.  No write lock is held: on SQLite the listener's commits, which
   clients wait on, would wait behind it.
2. **apply**, in short write transactions (``processing.transaction_time`` each): claim
   the rows, write tickets, messages, events and outbox rows, record each decision on its
   inbox row.

Messages of one batch that refer to each other (a client's second mail answering the
first) are threaded together: the plan phase sees the tickets the batch will open.

If a message raises while applied, its transaction is rolled back and its messages are
applied again one per transaction, so the failure is recorded on that message alone; it
is retried later, and after ``max_attempts`` stays ``failed`` until ``mailgate
reprocess``.  A message that cannot go on any ticket as it is is ``quarantined`` with
the reason.  A database error (locked, gone) is not the messages' fault: it propagates
and the caller retries.  Nothing is dropped: the raw message stays in the inbox.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from mailgate.classify import Context, Verdict, classify
from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.notify import Notifier, Prepared, Templates, TicketFacts
from mailgate.parse import ParsedMail, ParseOptions, parse_message
from mailgate.routing import route
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import Decision, InboxRepo
from mailgate.store.models import InboxRow, Ticket, utcnow
from mailgate.store.tickets_repo import TicketNumbers, TicketOpening, TicketRepo
from mailgate.thread import Match, MessageRef, ThreadLookup, find_ticket
from mailgate.tickets import lifecycle
from mailgate.tickets.apply import (
    Incoming,
    Unprocessable,
    apply_to_ticket,
    new_ticket,
    opens_ticket,
    plan_opening,
)

log = logging.getLogger(__name__)

# Openings written with one INSERT per table, at most this many at a time.
_OPENINGS_PER_WRITE = 16


@dataclass
class BatchResult:
    processed: int = 0
    quarantined: int = 0
    failed: int = 0
    retried: int = 0
    outgoing: int = 0
    tickets_opened: int = 0
    ids: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.processed + self.quarantined + self.failed + self.retried

    def add(self, other: BatchResult) -> None:
        for name in ("processed", "quarantined", "failed", "retried", "outgoing", "tickets_opened"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.ids += other.ids


@dataclass(frozen=True)
class _Plan:
    """Everything decided about one message before the write transaction."""

    inbox_id: int
    envelope: Envelope
    received_at: datetime
    mail: ParsedMail | None
    started: float
    verdict: Verdict | None = None
    match: Match | None = None
    department: str | None = None
    opening: TicketOpening | None = None  # the ticket it opens, with its acknowledgment
    quarantine: str | None = None  # why it cannot be processed as it is
    error: str | None = None  # why planning failed (retried)

    @property
    def message_id(self) -> str | None:
        return self.mail.message_id if self.mail else None


@dataclass(frozen=True)
class _Done:
    """One message's outcome, logged once its transaction has committed."""

    plan: _Plan
    decision: Decision | None
    problem: str | None

    def log(self) -> None:
        p = self.plan
        extra = {
            "inbox": p.inbox_id,
            "ticket": self.decision.ticket_id if self.decision else None,
            "message_id": p.message_id,
        }
        if self.decision is None:
            log.warning("inbox %d %s", p.inbox_id, self.problem, extra=extra)
            return
        d = self.decision
        log.info(
            "inbox %d → %s (%s by %s; %s) in %.1f ms",
            p.inbox_id,
            f"ticket {d.ticket_id}" if d.ticket_id else "no ticket",
            d.verdict,
            d.verdict_rule,
            d.thread_rule,
            (time.perf_counter() - p.started) * 1000,
            extra=extra,
        )


class _BatchLookup:
    """Thread look-ups against the database and against the tickets the batch being
    planned will open (a client's second mail may answer the first one)."""

    def __init__(self, db: ThreadLookup) -> None:
        self.db = db
        self.message_ids: dict[str, MessageRef] = {}
        self.participants: dict[int, set[str]] = {}

    def message_refs(self, message_ids: list[str]) -> list[MessageRef]:
        pending = [self.message_ids[m] for m in message_ids if m in self.message_ids]
        return pending + self.db.message_refs(message_ids)

    def ticket_exists(self, ticket_id: int) -> bool:
        return ticket_id in self.participants or self.db.ticket_exists(ticket_id)

    def is_participant(self, ticket_id: int, address: str) -> bool:
        if ticket_id in self.participants:
            return address in self.participants[ticket_id]
        return self.db.is_participant(ticket_id, address)

    def will_open(self, opening: TicketOpening) -> None:
        number = opening.number
        self.participants[number] = {address for address, _n, _r in opening.participants}
        mid = opening.incoming.message_id
        if mid:
            self.message_ids[mid] = MessageRef(number, mid, "in")
        if opening.outgoing is not None:
            out = opening.outgoing[0].message_id
            self.message_ids[out] = MessageRef(number, out, "out")


def envelope_of(row: InboxRow) -> Envelope:
    return Envelope(row.source, row.envelope_sender, tuple(row.recipients or ()), row.source_ref)


class Processor:
    def __init__(
        self,
        config: Config,
        store: Store,
        templates: Templates | None = None,
        clock: Callable[[], datetime] = utcnow,
        shard: tuple[int, int] = (0, 1),
    ) -> None:
        self.config = config
        self.shard = shard
        self.store = store
        self.templates = templates or Templates(config.templates.directory)
        self.notifier = Notifier(config, self.templates)
        self.numbers = TicketNumbers(store)
        self.clock = clock
        self.options = ParseOptions(subject_token=config.helpdesk.subject_token)
        self.context_base = (config.own_addresses(), config.helpdesk.domain)

    def close(self) -> None:
        """Give back the ticket numbers taken but not used."""
        self.numbers.release()

    def run_once(self, limit: int | None = None) -> BatchResult:
        """Process one batch of waiting messages; returns what happened to them."""
        limit = limit or self.config.processing.batch_size
        with self.store.read() as session:
            rows = InboxRepo(session).due(limit, self.clock(), self.shard)
            if not rows:
                return BatchResult()
            lookup = _BatchLookup(TicketRepo(session))
            plans = [self._plan(row, lookup) for row in rows]
        result = BatchResult()
        while plans:
            done: list[_Done] = []
            part = BatchResult()
            taken: list[_Plan] = []
            try:
                t_tx = time.perf_counter()
                with self.store.write() as session:
                    self._apply_some(session, plans, taken, part, done)
                log.debug(
                    "applied %d message(s) in a transaction of %.1f ms",
                    len(taken),
                    (time.perf_counter() - t_tx) * 1000,
                )
            except (OperationalError, InterfaceError):
                raise
            except Exception:  # noqa: BLE001 - isolated below, message by message
                log.warning("%d message(s) failed together; applying them one by one", len(taken))
                part, done = BatchResult(), []
                for plan in taken:
                    self._apply_alone(plan, part, done)
            plans = plans[len(taken) :]
            result.add(part)
            for d in done:
                d.log()
        return result

    def drain(self, max_batches: int = 1_000_000) -> BatchResult:
        """Process until nothing waits (``mailgate process``, tests)."""
        total = BatchResult()
        for _ in range(max_batches):
            r = self.run_once()
            if not r.total:
                break
            total.add(r)
        return total

    # -- phase 1: plan, without the write lock ------------------------------------------

    def _plan(self, row: InboxRow, lookup: _BatchLookup) -> _Plan:
        t0 = time.perf_counter()
        envelope = envelope_of(row)
        try:
            mail = parse_message(row.raw, self.options)
        except Exception as e:
            log.exception("inbox %d: parse failed", row.id, extra={"inbox": row.id})
            return _Plan(
                row.id,
                envelope,
                row.received_at,
                None,
                t0,
                error=f"parse failed: {type(e).__name__}: {e}",
            )
        try:
            plan = self._decide(_Plan(row.id, envelope, row.received_at, mail, t0), lookup)
        except Unprocessable as e:
            return _Plan(row.id, envelope, row.received_at, mail, t0, quarantine=str(e))
        except (OperationalError, InterfaceError):
            raise
        except Exception as e:
            log.exception(
                "inbox %d: processing failed",
                row.id,
                extra={"inbox": row.id, "message_id": mail.message_id},
            )
            return _Plan(
                row.id, envelope, row.received_at, mail, t0, error=f"{type(e).__name__}: {e}"
            )
        if plan.opening is not None:
            lookup.will_open(plan.opening)
        return plan

    def _decide(self, parsed: _Plan, lookup: _BatchLookup) -> _Plan:
        """Classify, route and thread a parsed message; for one that opens a ticket, take
        its number and prepare everything it writes, acknowledgment included."""
        mail, envelope = parsed.mail, parsed.envelope
        assert mail is not None
        own, domain = self.context_base
        verdict = classify(mail, Context(envelope, own, domain))
        department, _why = route(self.config, envelope, mail)
        match = find_ticket(mail, lookup)
        plan = replace(parsed, verdict=verdict, match=match, department=department.name)
        if not opens_ticket(mail, verdict, match):
            return plan
        now = self.clock()
        ticket = new_ticket(
            mail, self.numbers.take(), department.name, self.config.helpdesk.subject_token
        )
        ack: Prepared | None = None
        if verdict.may_autorespond:
            facts = TicketFacts(
                ticket.number,
                ticket.subject,
                lifecycle.OPEN,
                ticket.department,
                ticket.requester,
                ticket.requester_name,
                now,
            )
            ack = self.notifier.prepare_acknowledgment(
                facts,
                client_message_id=mail.message_id,
                refers_to_ticket=match.unverified_ticket,
                now=now,
            )
        return replace(plan, opening=plan_opening(self._incoming(plan), ticket, ack, now))

    def _incoming(self, plan: _Plan) -> Incoming:
        assert plan.mail is not None
        assert plan.verdict is not None
        assert plan.match is not None
        assert plan.department is not None
        return Incoming(
            mail=plan.mail,
            verdict=plan.verdict,
            match=plan.match,
            department=plan.department,
            inbox_id=plan.inbox_id,
            is_own_address=lambda a: self.config.department_for(a) is not None,
            subject_token=self.config.helpdesk.subject_token,
            received_at=plan.received_at,
        )

    # -- phase 2: apply, in short write transactions -------------------------------------

    def _apply_some(
        self,
        session: Session,
        plans: list[_Plan],
        taken: list[_Plan],
        result: BatchResult,
        done: list[_Done],
    ) -> None:
        """Apply plans from the head of ``plans`` for about ``transaction_time``, adding
        each to ``taken`` as it is started (the caller commits them)."""
        inbox = InboxRepo(session)
        openings: list[tuple[_Plan, InboxRow]] = []
        window = plans[:100]
        claimed = inbox.claim([p.inbox_id for p in window])
        deadline = time.perf_counter() + self.config.processing.transaction_time
        for plan in window:
            taken.append(plan)
            row = claimed.get(plan.inbox_id)
            if row is None:
                continue  # another processor has it, or it was handled meanwhile
            if plan.opening is not None:
                openings.append((plan, row))
                if len(openings) >= _OPENINGS_PER_WRITE:
                    self._write_openings(session, openings, result, done)
            else:
                # A message joining a ticket may answer one this batch opens.
                self._write_openings(session, openings, result, done)
                self._apply(session, row, plan, result, done)
            if time.perf_counter() > deadline:
                break
        self._write_openings(session, openings, result, done)

    def _write_openings(
        self,
        session: Session,
        openings: list[tuple[_Plan, InboxRow]],
        result: BatchResult,
        done: list[_Done],
    ) -> None:
        if not openings:
            return
        TicketRepo(session).insert_openings([p.opening for p, _row in openings if p.opening])
        inbox = InboxRepo(session)
        for plan, row in openings:
            assert plan.opening is not None
            decision = self._decision(plan)
            inbox.mark_processed(row, decision)
            result.ids.append(plan.inbox_id)
            result.processed += 1
            result.tickets_opened += 1
            result.outgoing += int(plan.opening.outgoing is not None)
            done.append(_Done(plan, decision, None))
        openings.clear()

    def _apply(
        self, session: Session, row: InboxRow, plan: _Plan, result: BatchResult, done: list[_Done]
    ) -> None:
        """A message that opens no ticket: it joins one, or stays in the inbox alone."""
        inbox = InboxRepo(session)
        result.ids.append(plan.inbox_id)
        if plan.error is not None:
            self._fail(inbox, plan.inbox_id, plan.error, result)
            return
        if plan.quarantine is not None:
            inbox.mark_quarantined(row, plan.quarantine)
            result.quarantined += 1
            done.append(_Done(plan, None, f"quarantined: {plan.quarantine}"))
            return
        assert plan.match is not None
        ticket: Ticket | None = None
        if plan.match.ticket_id is not None:
            try:
                applied = apply_to_ticket(TicketRepo(session), self._incoming(plan), self.clock())
            except Unprocessable as e:
                # Raised before anything is written: the rest of the transaction is unharmed.
                inbox.mark_quarantined(row, str(e))
                result.quarantined += 1
                done.append(_Done(plan, None, f"quarantined: {e}"))
                return
            ticket = applied.ticket
        decision = self._decision(plan, ticket)
        inbox.mark_processed(row, decision)
        result.processed += 1
        done.append(_Done(plan, decision, None))

    @staticmethod
    def _decision(plan: _Plan, ticket: Ticket | None = None) -> Decision:
        assert plan.verdict is not None
        assert plan.match is not None
        number = (
            ticket.id
            if ticket is not None
            else (plan.opening.number if plan.opening is not None else None)
        )
        return Decision(
            verdict=plan.verdict.kind,
            verdict_rule=plan.verdict.rule,
            thread_rule=plan.match.rule,
            thread_reason=plan.match.reason,
            department=plan.department,
            ticket_id=number,
            ticket=ticket,
        )

    def _apply_alone(self, plan: _Plan, result: BatchResult, done: list[_Done]) -> None:
        try:
            with self.store.write() as session:
                self._apply_some(session, [plan], [], result, done)
        except (OperationalError, InterfaceError):
            raise
        except Exception as e:
            log.exception(
                "inbox %d: processing failed",
                plan.inbox_id,
                extra={"inbox": plan.inbox_id, "message_id": plan.message_id},
            )
            with self.store.write() as session:
                self._fail(InboxRepo(session), plan.inbox_id, f"{type(e).__name__}: {e}", result)

    def _fail(self, inbox: InboxRepo, inbox_id: int, error: str, result: BatchResult) -> None:
        p = self.config.processing
        state = inbox.record_failure(
            inbox_id,
            error,
            max_attempts=p.max_attempts,
            retry_after=timedelta(seconds=p.retry_after),
        )
        if state == "failed":
            result.failed += 1
        else:
            result.retried += 1
