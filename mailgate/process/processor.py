"""processor: the processing stage's transactions — plan a batch without the write lock,
decide each message's disposition, then write.

A batch of waiting inbox rows is processed in two phases:

1. **plan** (:mod:`mailgate.process.plan`), in a read-only transaction: parse (the costly
   part), classify, route, and a first look for the ticket.  No write lock is held: on
   SQLite the listener's commits, which clients wait on, would wait behind it.
2. **apply**, in short write transactions (``processing.transaction_time`` each, or
   until the listener's writer waits for the lock: its clients wait on it): claim
   the rows; thread again the messages that refer to a ticket (another worker, or this
   transaction, may have opened it since the plan — a client's second mail often
   answers the first); decide the disposition (:mod:`mailgate.process.disposition`);
   then write it: open tickets — number, acknowledgment rendered and composed, one
   INSERT per table for a group of them —, add to them, or hold; and record the decision
   on its inbox row.  Ticket numbers are taken here, under the write lock, so they follow
   the order tickets are written.

If a message raises while applied, its transaction is rolled back and its messages are
applied again one per transaction, so the failure is recorded on that message alone; it
is retried later, and after ``max_attempts`` stays ``failed`` until ``mailgate
reprocess``.  A message that cannot go on any ticket as it is — or that the parser cannot
read — is ``quarantined`` with the reason.  A database error (locked, gone) is not the
messages' fault: it propagates and the caller retries.  Nothing is dropped: the raw
message stays in the inbox.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from mailgate.classify.rules import listed, sender_addresses
from mailgate.config import Config
from mailgate.contacts.rules import AUTO_ORGANIZATION_RULE, auto_organization, domain_of
from mailgate.duplicates import DuplicateMode, Request
from mailgate.errors import Unavailable, Unprocessable
from mailgate.notify import Notifier, Templates
from mailgate.process.disposition import Action, Disposition, Facts, Settings, decide
from mailgate.process.plan import Plan, Planner
from mailgate.process.ticketing import Ticketing
from mailgate.process.transaction import Transaction
from mailgate.sender_auth import DnsFunc
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import Decision, InboxRepo
from mailgate.store.models import InboxRow, InboxState, utcnow
from mailgate.store.orgs_repo import OrganizationRepo
from mailgate.store.tickets_repo import TicketRepo
from mailgate.thread import Match, find_ticket
from mailgate.tickets.incoming import check_requester
from mailgate.tickets.team import Assigner

log = logging.getLogger(__name__)

# Openings written with one INSERT per table, at most this many at a time.
_OPENINGS_PER_WRITE = 16
# Messages applied in one transaction at most, and claimed at first.
_MOST_PER_TRANSACTION = 100
_FIRST_WINDOW = 8
# A reply to a message stored at most _WITHIN before it and still waiting is tried again
# this much later (rule wait_for_earlier).
_WAIT_FOR_EARLIER = timedelta(milliseconds=200)
_WAIT_FOR_EARLIER_WITHIN = timedelta(seconds=60)


@dataclass
class BatchResult:
    processed: int = 0
    held: int = 0
    quarantined: int = 0
    failed: int = 0
    retried: int = 0
    outgoing: int = 0
    tickets_opened: int = 0

    @property
    def total(self) -> int:
        return self.processed + self.held + self.quarantined + self.failed + self.retried

    def add(self, other: BatchResult) -> None:
        for name in (
            "processed",
            "held",
            "quarantined",
            "failed",
            "retried",
            "outgoing",
            "tickets_opened",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True)
class _Done:
    """One message's outcome, logged once its transaction has committed."""

    plan: Plan
    decision: Decision | None
    problem: str | None
    held: Disposition | None = None

    def log(self) -> None:
        p = self.plan
        extra = {
            "inbox": p.inbox_id,
            "ticket": self.decision.ticket_id if self.decision else None,
            "message_id": p.message_id,
        }
        if self.problem is not None:
            log.warning("inbox %d %s", p.inbox_id, self.problem, extra=extra)
            return
        if self.held is not None:
            log.info(
                "inbox %d held (%s): %s; `mailgate accept %d` puts it on a ticket",
                p.inbox_id,
                self.held.rule,
                self.held.reason,
                p.inbox_id,
                extra=extra,
            )
            return
        assert self.decision is not None
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


class Processor:
    def __init__(
        self,
        config: Config,
        store: Store,
        templates: Templates | None = None,
        clock: Callable[[], datetime] = utcnow,
        shard: tuple[int, int] = (0, 1),
        dnsfunc: DnsFunc | None = None,
    ) -> None:
        self.config = config
        self.shard = shard
        self.store = store
        self.planner = Planner(config, dnsfunc)
        notifier = Notifier(config, templates or Templates(config.templates.directory))
        self.ticketing = Ticketing(config, notifier)
        self.clock = clock
        self.hold_domains = frozenset(config.security.hold_domains)
        security = config.security
        self.settings = Settings(
            failed_authentication=security.failed_authentication,
            unverified_reply=security.unverified_reply,
            forged_new_mail=security.forged_new_mail,
            new_tickets_per_hour=security.new_tickets_per_hour,
            reopen_within=config.lifecycle.reopen_within,
            duplicates=DuplicateMode(config.duplicates.mode),
            duplicates_window=config.duplicates.window,
            duplicates_threshold=config.duplicates.threshold,
            subject_token=config.helpdesk.subject_token,
            unauthorized=config.contacts.unauthorized,
        )
        # Rows a transaction claims at first: about as many as the last one applied.
        self._window = _FIRST_WINDOW
        # Told, for each message processed, the seconds from its arrival to the commit
        # (the daemon's latency histogram).
        self.observe_latency: Callable[[float], None] | None = None

    def run_once(self, limit: int | None = None) -> BatchResult:
        """Process one batch of waiting messages; returns what happened to them."""
        limit = limit or self.config.processing.batch_size
        with self.store.read() as session:
            rows = InboxRepo(session).due(limit, self.clock(), self.shard)
            if not rows:
                return BatchResult()
            lookup = TicketRepo(session)
            plans = []
            for row in rows:
                plans.append(self.planner.plan(row, lookup))
                # Read (``due`` leaves it out) and parsed: one message's raw bytes held
                # at a time, none while the batch is applied.
                session.expire(row, ["raw"])
        return self.apply(plans)

    def apply(self, plans: list[Plan]) -> BatchResult:
        """Apply planned messages, in their order, in short write transactions."""
        result = BatchResult()
        while plans:
            done: list[_Done] = []
            part = BatchResult()
            taken: list[Plan] = []
            try:
                t_tx = time.perf_counter()
                with self.store.write() as session:
                    self._apply_some(session, plans, taken, part, done)
                log.debug(
                    "applied %d message(s) in a transaction of %.1f ms",
                    len(taken),
                    (time.perf_counter() - t_tx) * 1000,
                )
            except Unavailable:  # the database is away: the batch waits, nothing is marked
                raise
            except Exception:  # noqa: BLE001 - isolated below, message by message
                log.warning("%d message(s) failed together; applying them one by one", len(taken))
                part, done = BatchResult(), []
                for plan in taken:
                    self._apply_alone(plan, part, done)
            plans = plans[len(taken) :]
            result.add(part)
            now = self.clock()
            for d in done:
                d.log()
                if self.observe_latency is not None and d.problem is None:
                    self.observe_latency(max(0.0, (now - d.plan.received_at).total_seconds()))
        return result

    def drain(self, max_batches: int = 1_000_000, *, workers: int = 1) -> BatchResult:
        """Process until nothing waits (``mailgate process``, tests).  With ``workers``
        above 1, that many processes plan the messages while this one applies them, in
        the same order and with the same outcome (:mod:`mailgate.process.parallel`)."""
        if workers > 1:
            from mailgate.process.parallel import drain_in_parallel

            return drain_in_parallel(self, workers, BatchResult(), max_batches=max_batches)
        total = BatchResult()
        for _ in range(max_batches):
            r = self.run_once()
            if not r.total:
                break
            total.add(r)
        return total

    # -- decide ------------------------------------------------------------------------

    def _now(self, plan: Plan) -> datetime:
        """The time a message's changes are recorded at: now, or an import's own date."""
        return plan.own_date or self.clock()

    def _facts(self, plan: Plan, match: Match, now: datetime) -> Facts:
        assert plan.mail is not None
        assert plan.verdict is not None
        sender = plan.mail.from_
        return Facts(
            verdict=plan.verdict,
            match=match,
            now=now,
            settings=self.settings,
            sender=sender.normalized if sender is not None else None,
            auth=plan.auth,
            review_entry=listed(
                sender_addresses(plan.mail, plan.envelope.sender), self.hold_domains
            ),
            reviewed=plan.reviewed,
            accepted=plan.accepted,
            request=Request(plan.mail.subject, plan.mail.reply_text or plan.mail.text),
        )

    # -- write, in short transactions ----------------------------------------------------

    def _apply_some(
        self,
        session: Session,
        plans: list[Plan],
        taken: list[Plan],
        result: BatchResult,
        done: list[_Done],
    ) -> None:
        """Apply plans from the head of ``plans`` for about ``transaction_time``, adding
        each to ``taken`` as it is started (the caller commits them)."""
        inbox = InboxRepo(session)
        tx = Transaction(TicketRepo(session, index_at_commit=True), Assigner(self.config))
        deadline = time.perf_counter() + self.config.processing.transaction_time
        most = min(len(plans), _MOST_PER_TRANSACTION)

        def go_on() -> bool:
            # Until transaction_time is spent, or at once when the listener's writer
            # waits for the lock: its clients wait for their 250 on its commit.
            return time.perf_counter() <= deadline and not self.store.urgent_waiting()

        # Rows are claimed a window at a time, about as many as the last transaction
        # applied, and more if time is left: claiming a row costs as much as a short
        # step of applying one, and claiming far ahead claimed most rows many times.
        size = self._window
        start = 0
        while start < most and go_on():
            window = plans[start : min(most, start + size)]
            claimed = inbox.claim([p.inbox_id for p in window])
            for plan in window:
                taken.append(plan)
                start += 1
                row = claimed.get(plan.inbox_id)
                if row is not None:
                    self._apply(tx, inbox, row, plan, result, done)
                if not go_on():
                    break
            size *= 2
        self._window = max(_FIRST_WINDOW, start)
        self._write_openings(tx, inbox, result, done)

    def _apply(
        self,
        tx: Transaction,
        inbox: InboxRepo,
        row: InboxRow,
        plan: Plan,
        result: BatchResult,
        done: list[_Done],
    ) -> None:
        if plan.error is not None:
            self._fail(inbox, plan.inbox_id, plan.error, result)
            return
        if plan.quarantine is not None:
            self._quarantine(inbox, row, plan, plan.match, plan.quarantine, result, done)
            return
        assert plan.mail is not None
        assert plan.match is not None
        match = plan.match
        if plan.may_have_moved:
            self._write_openings(tx, inbox, result, done)
            match = find_ticket(plan.mail, tx.tickets, plan.signed_ticket)
            if match.ticket_id is None and self._waits_for_earlier(inbox, row, plan):
                result.retried += 1
                return
        elif self._compares_with_pending(tx, plan):
            # The sender's ticket opened earlier in this transaction is compared too.
            self._write_openings(tx, inbox, result, done)
        # One time for the whole message: its rules and its writes count the same hour
        # (the per-hour limits read the database once for both).
        now = self._now(plan)
        # Decide, by the named rules, before anything is written.
        disposition = decide(self._facts(plan, match, now), tx)
        if disposition.action is Action.HOLD:
            decision = self._decision(plan, disposition, disposition.ticket_id)
            inbox.mark_held(row, disposition.reason, decision)
            result.held += 1
            done.append(_Done(plan, decision, None, held=disposition))
            return
        try:
            if disposition.action is Action.OPEN:
                check_requester(plan.mail)
                self._auto_organization(tx, plan, now)
                opening = self.ticketing.opening(tx, plan, disposition.match, now)
                tx.openings.append((plan, row, disposition.match, opening))
                if len(tx.openings) >= _OPENINGS_PER_WRITE:
                    self._write_openings(tx, inbox, result, done)
                return
            self._write_openings(tx, inbox, result, done)
            ticket_id, queued = self.ticketing.join(tx, plan, disposition.match, now)
            result.outgoing += queued
        except Unprocessable as e:
            # Raised before anything is written: the rest of the transaction is unharmed.
            self._quarantine(inbox, row, plan, disposition.match, str(e), result, done)
            return
        decision = self._decision(plan, disposition, ticket_id)
        inbox.mark_processed(row, decision)
        result.processed += 1
        done.append(_Done(plan, decision, None))

    def _waits_for_earlier(self, inbox: InboxRepo, row: InboxRow, plan: Plan) -> bool:
        """Rule ``wait_for_earlier``: a message that answers one stored less than
        ``_WAIT_FOR_EARLIER_WITHIN`` before it and not processed yet (the client's
        follow-up a second after their first mail, the two taken by different workers)
        waits for it, so that both end on one ticket, rather than open a ticket of its
        own.  However long the backlog: the two arrived together.  It does not wait for
        a message that itself waits for a retry, so it waits no longer than the other
        is being processed."""
        assert plan.mail is not None
        now = self.clock()
        earlier = inbox.earlier_waiting(
            plan.mail.thread_ids(), row.id, now, since=plan.received_at - _WAIT_FOR_EARLIER_WITHIN
        )
        if earlier is None:
            return False
        inbox.wait(row, now + _WAIT_FOR_EARLIER)
        log.info(
            "inbox %d: waits for inbox %d, the message it answers (wait_for_earlier)",
            row.id,
            earlier,
            extra={"inbox": row.id},
        )
        return True

    def _auto_organization(self, tx: Transaction, plan: Plan, now: datetime) -> None:
        """``[contacts] auto_organizations``: a ticket opened from a domain no
        organization has makes one for it (rule auto_organization)."""
        contacts = self.config.contacts
        if not contacts.auto_organizations or plan.mail is None or plan.mail.from_ is None:
            return
        domain = domain_of(plan.mail.from_.normalized)
        orgs = OrganizationRepo(tx.tickets.session)
        name = auto_organization(
            domain,
            enabled=True,
            known=orgs.domain_owner(domain) is not None if domain else True,
            free_mail=contacts.free_mail_domains,
        )
        if name is None:
            return
        if orgs.by_name(name) is not None:  # a person named an organization so
            return
        orgs.create(name, now, domains=(domain,), automatic=True)
        tx.organizations_changed()
        log.info(
            "inbox %d: organization %s made for its sender's domain (%s)",
            plan.inbox_id,
            name,
            AUTO_ORGANIZATION_RULE,
            extra={"inbox": plan.inbox_id},
        )

    def _compares_with_pending(self, tx: Transaction, plan: Plan) -> bool:
        """Whether the message is compared with tickets this transaction opened and has
        not written yet: its sender opened one, and [duplicates] is on."""
        sender = plan.mail.from_ if plan.mail is not None else None
        return (
            self.settings.duplicates != DuplicateMode.OFF
            and sender is not None
            and tx.opened_by.get(sender.normalized, 0) > 0
        )

    def _write_openings(
        self, tx: Transaction, inbox: InboxRepo, result: BatchResult, done: list[_Done]
    ) -> None:
        if not tx.openings:
            return
        tx.tickets.insert_openings([opening for _p, _r, _m, opening in tx.openings])
        tx.tickets_written()
        for plan, row, match, opening in tx.openings:
            decision = self._decision(plan, match, opening.number)
            inbox.mark_processed(row, decision)
            result.processed += 1
            result.tickets_opened += 1
            result.outgoing += len(opening.outgoing)
            done.append(_Done(plan, decision, None))
        tx.openings.clear()

    @staticmethod
    def _decision(
        plan: Plan, decided: Disposition | Match | None, ticket_id: int | None
    ) -> Decision:
        return Decision(
            verdict=plan.verdict.kind if plan.verdict else None,
            verdict_rule=plan.verdict.rule if plan.verdict else None,
            thread_rule=decided.rule if decided else None,
            thread_reason=decided.reason if decided else None,
            department=plan.department,
            ticket_id=ticket_id,
        )

    def _quarantine(
        self,
        inbox: InboxRepo,
        row: InboxRow,
        plan: Plan,
        match: Match | None,
        reason: str,
        result: BatchResult,
        done: list[_Done],
    ) -> None:
        inbox.mark_quarantined(row, reason, self._decision(plan, match, None))
        result.quarantined += 1
        done.append(_Done(plan, None, f"quarantined: {reason}"))

    def _apply_alone(self, plan: Plan, result: BatchResult, done: list[_Done]) -> None:
        try:
            with self.store.write() as session:
                self._apply_some(session, [plan], [], result, done)
        except Unavailable:  # the database is away: the batch waits, nothing is marked
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
        if state == InboxState.FAILED:
            result.failed += 1
        else:
            result.retried += 1
