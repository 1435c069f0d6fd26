"""The journey of a stored message: inbox → parse → classify → thread → apply → notify.

A batch of waiting inbox rows is processed in two phases:

1. **plan**, in a read-only transaction: parse (the costly part), classify, route, and a
   first look for the ticket.  No write lock is held: on SQLite the listener's commits,
   which clients wait on, would wait behind it.
2. **apply**, in short write transactions (``processing.transaction_time`` each): claim
   the rows; thread again the messages that refer to a ticket (another worker, or this
   transaction, may have opened it since the plan — a client's second mail often
   answers the first); open tickets — number, acknowledgment rendered and composed,
   one INSERT per table for a group of them — or add to them; record each decision on
   its inbox row.  Ticket numbers are taken here, under the write lock, so they follow
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
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from mailgate import lifecycle
from mailgate.classify import Context, Verdict, classify
from mailgate.classify.rules import listed, sender_addresses
from mailgate.config import AgentConfig, Config, DepartmentConfig
from mailgate.envelope import Envelope
from mailgate.holds import Facts as HoldFacts
from mailgate.holds import Hold, decide_hold
from mailgate.notify import Notifier, Party, Prepared, Templates, TicketFacts
from mailgate.notify.compose import Unaddressable
from mailgate.parse import ParsedMail, parse_message
from mailgate.routing import route, written_to
from mailgate.sender_auth import NONE as NO_AUTH
from mailgate.sender_auth import AuthResult, DnsFunc, authenticate
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import Decision, InboxRepo
from mailgate.store.models import InboxRow, Ticket, utcnow
from mailgate.store.tickets_repo import TicketOpening, TicketRepo
from mailgate.thread import Match, ThreadLookup, find_ticket
from mailgate.tickets.actions import (
    Agent,
    facts_of,
    queue_automatic,
    relay_agent_mail,
    status_notice,
    thread_of,
)
from mailgate.tickets.apply import (
    Incoming,
    Note,
    Unprocessable,
    apply_to_ticket,
    check_requester,
    new_ticket,
    plan_opening,
    priority_of,
    record_bounce,
)
from mailgate.timebox import ParseTimeLimit, cpu_time_limit
from mailgate.tokens import ticket_of

log = logging.getLogger(__name__)

# Openings written with one INSERT per table, at most this many at a time.
_OPENINGS_PER_WRITE = 16


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
class _Plan:
    """What was decided about one message before the write transaction."""

    inbox_id: int
    envelope: Envelope
    received_at: datetime
    mail: ParsedMail | None
    started: float
    verdict: Verdict | None = None
    match: Match | None = None
    department: str | None = None
    quarantine: str | None = None  # why it cannot be processed as it is
    error: str | None = None  # why planning failed (retried)
    accepted: int | None = None  # an agent accepted it onto this ticket (`mailgate accept`)
    reviewed: bool = False  # an agent released it (`mailgate accept`): no hold applies
    auth: AuthResult = NO_AUTH  # sender authentication of its From address
    # Whether applying it may send mail (False for ``mailgate import`` without --notify).
    notify: bool = True
    # An imported message's own date: its ticket and its place in the thread are dated
    # by it, not by the import (None: the time it is applied).
    own_date: datetime | None = None

    @property
    def message_id(self) -> str | None:
        return self.mail.message_id if self.mail else None

    @property
    def may_have_moved(self) -> bool:
        """Whether the message points at a ticket (References, token): its ticket may
        have been opened after the plan, by another worker or earlier in the batch."""
        m = self.mail
        return m is not None and bool(m.in_reply_to or m.references or m.ticket_number)


@dataclass(frozen=True)
class _Done:
    """One message's outcome, logged once its transaction has committed."""

    plan: _Plan
    decision: Decision | None
    problem: str | None
    held: Hold | None = None

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


@dataclass
class _Pending:
    """Tickets opened in the current transaction, not yet written."""

    plans: list[tuple[_Plan, InboxRow, Match, TicketOpening]] = field(default_factory=list)
    # Tickets each requester opened in this transaction (for the acknowledgment limit).
    opened_by: dict[str, int] = field(default_factory=dict)
    # Assignments made in this transaction: the last agent per department, and how many
    # tickets each agent got.
    last_assigned: dict[str, str] = field(default_factory=dict)
    assigned: dict[str, int] = field(default_factory=dict)


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
        dnsfunc: DnsFunc | None = None,
    ) -> None:
        self.config = config
        # How DKIM keys are looked up (dkimpy's DNS resolver unless given).
        self.dnsfunc = dnsfunc
        self.shard = shard
        self.store = store
        self.templates = templates or Templates(config.templates.directory)
        self.notifier = Notifier(config, self.templates)
        self.clock = clock
        self.options = config.parse_options()
        self.context_base = (config.own_addresses(), config.helpdesk.domain)
        self.policy = config.policy()
        self.hold_domains = frozenset(config.security.hold_domains)
        self.secret = config.helpdesk.secret() if config.helpdesk.secret_file else None
        self.machine = config.lifecycle.machine()
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
            now = self.clock()
            for d in done:
                d.log()
                if self.observe_latency is not None and d.problem is None:
                    self.observe_latency(max(0.0, (now - d.plan.received_at).total_seconds()))
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

    def _plan(self, row: InboxRow, lookup: ThreadLookup) -> _Plan:
        t0 = time.perf_counter()
        plan = _Plan(row.id, envelope_of(row), row.received_at, None, t0, notify=row.notify)
        if row.thread_rule == "accepted":
            plan = replace(plan, accepted=row.ticket_id, reviewed=True)
        try:
            with cpu_time_limit(self.config.processing.parse_time_limit):
                mail = parse_message(row.raw, self.options)
        except ParseTimeLimit as e:
            log.warning("inbox %d: %s", row.id, e, extra={"inbox": row.id})
            return replace(
                plan, quarantine=f"over a parsing limit: {e} (processing.parse_time_limit)"
            )
        except Exception as e:
            log.exception("inbox %d: unreadable", row.id, extra={"inbox": row.id})
            return replace(plan, quarantine=f"unreadable: {type(e).__name__}: {e}")
        plan = replace(plan, mail=mail, own_date=_own_date(row, mail))
        if mail.over_limit is not None:
            return replace(plan, quarantine=f"over a parsing limit: {mail.over_limit}")
        try:
            security = self.config.security
            if security.authserv_id or security.verify_dkim:
                auth = authenticate(
                    mail,
                    row.raw,
                    authserv_id=security.authserv_id,
                    check_dkim=security.verify_dkim,
                    dnsfunc=self.dnsfunc,
                )
                plan = replace(plan, auth=auth)
            own, domain = self.context_base
            verdict = classify(mail, Context(plan.envelope, own, domain, self.policy))
            department, _why = route(self.config, plan.envelope, mail)
            match = find_ticket(mail, lookup, self._token_ticket(plan.envelope, mail))
        except (OperationalError, InterfaceError):
            raise
        except Exception as e:
            log.exception(
                "inbox %d: processing failed",
                row.id,
                extra={"inbox": row.id, "message_id": mail.message_id},
            )
            return replace(plan, error=f"{type(e).__name__}: {e}")
        return replace(plan, verdict=verdict, match=match, department=department.name)

    def _now(self, plan: _Plan) -> datetime:
        """The time a message's changes are recorded at: now, or an import's own date."""
        return plan.own_date or self.clock()

    def _opened_within_the_hour(
        self, tickets: TicketRepo, requester: str, pending: _Pending, now: datetime
    ) -> int:
        """Tickets ``requester`` opened within the hour before ``now``, this transaction's
        included (the acknowledgment and new-ticket limits count them)."""
        since = now - timedelta(hours=1)
        return pending.opened_by.get(requester, 0) + tickets.opened_by_since(requester, since)

    @staticmethod
    def _returned_mail(tickets: TicketRepo, verdict: Verdict, match: Match) -> Match:
        """A bounce belongs to the ticket whose mail it returns: found by the Message-ID
        in the returned headers, which mailgate issued (a bounce names no ticket token
        and answers nobody's message)."""
        bounce = verdict.bounce
        if verdict.kind != "bounce" or bounce is None or not bounce.original_message_id:
            return match
        for ref in tickets.message_refs([bounce.original_message_id]):
            if ref.direction == "out":
                return Match(
                    ref.ticket_id,
                    "bounce",
                    f"returns <{ref.message_id}>, which mailgate sent for ticket {ref.ticket_id}",
                )
        return match

    def _within_reopen_window(self, tickets: TicketRepo, match: Match, now: datetime) -> Match:
        """A client's mail to a ticket closed longer than ``reopen_within`` ago opens a new
        ticket that links to the old one instead of reopening it."""
        if match.ticket_id is None:
            return match
        ticket = tickets.get(match.ticket_id)
        if ticket is None or ticket.status != lifecycle.CLOSED or ticket.closed_at is None:
            return match
        window = timedelta(seconds=self.config.lifecycle.reopen_within)
        if ticket.closed_at >= now - window:
            return match
        return Match(
            None,
            "new_ticket",
            f"{match.reason}; but ticket {ticket.id} was closed on "
            f"{ticket.closed_at:%Y-%m-%d}, longer ago than lifecycle.reopen_within",
            previous_ticket=ticket.id,
        )

    def _token_ticket(self, envelope: Envelope, mail: ParsedMail) -> int | None:
        """The ticket of a signed reply address the message was written to: the envelope
        recipients, else the addresses an MTA or the client wrote."""
        if self.secret is None:
            return None
        delimiter = self.config.helpdesk.recipient_delimiter
        for address, _where in written_to(envelope, mail):
            if self.config.department_for(address) is None:
                continue
            number = ticket_of(address, self.secret, delimiter)
            if number is not None:
                return number
        return None

    def _copies_join(self, plan: _Plan) -> tuple[bool, str]:
        """Whether the addresses the sender copied become participants, and why not."""
        policy = self.config.security.copied_participants
        if policy == "always":
            return True, ""
        if policy == "never":
            return False, "security.copied_participants = never"
        if plan.auth.authenticated:
            return True, ""
        return False, (
            f"the sender is not authenticated ({plan.auth.describe()}; "
            "security.copied_participants = authenticated)"
        )

    def _incoming(self, plan: _Plan, match: Match) -> Incoming:
        assert plan.mail is not None
        assert plan.verdict is not None
        assert plan.department is not None
        copies_join, because = self._copies_join(plan)
        return Incoming(
            copies_join=copies_join,
            copies_withheld_because=because,
            mail=plan.mail,
            verdict=plan.verdict,
            match=match,
            department=plan.department,
            inbox_id=plan.inbox_id,
            is_own_address=lambda a: self.config.department_for(a) is not None,
            subject_token=self.config.helpdesk.subject_token,
            received_at=plan.own_date or plan.received_at,
            machine=self.machine,
            close_keyword=self.config.lifecycle.close_keyword,
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
        inbox, tickets = InboxRepo(session), TicketRepo(session)
        pending = _Pending()
        window = plans[:100]
        claimed = inbox.claim([p.inbox_id for p in window])
        deadline = time.perf_counter() + self.config.processing.transaction_time
        for plan in window:
            taken.append(plan)
            row = claimed.get(plan.inbox_id)
            if row is not None:
                self._apply(tickets, inbox, row, plan, pending, result, done)
            if time.perf_counter() > deadline:
                break
        self._write_openings(tickets, inbox, pending, result, done)

    def _apply(
        self,
        tickets: TicketRepo,
        inbox: InboxRepo,
        row: InboxRow,
        plan: _Plan,
        pending: _Pending,
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
        assert plan.verdict is not None
        assert plan.match is not None
        mail, verdict = plan.mail, plan.verdict
        match = plan.match
        if plan.may_have_moved:
            self._write_openings(tickets, inbox, pending, result, done)
            match = find_ticket(mail, tickets, self._token_ticket(plan.envelope, mail))
        if plan.accepted is not None and tickets.ticket_exists(plan.accepted):
            match = Match(
                plan.accepted, "accepted", f"an agent accepted it onto ticket {plan.accepted}"
            )
        match = self._returned_mail(tickets, verdict, match)
        match = self._within_reopen_window(tickets, match, self._now(plan))
        # Decide: on which ticket, or held by which rule — before anything is written.
        opens = match.ticket_id is None and (verdict.may_open_ticket or plan.reviewed)
        hold = (
            None
            if plan.reviewed
            else decide_hold(self._hold_facts(tickets, plan, match, opens, pending))
        )
        if hold is not None:
            self._hold(inbox, row, plan, match, hold, result, done)
            return
        try:
            if opens:
                check_requester(mail)
                opening = self._opening(tickets, plan, match, pending)
                pending.plans.append((plan, row, match, opening))
                if len(pending.plans) >= _OPENINGS_PER_WRITE:
                    self._write_openings(tickets, inbox, pending, result, done)
                return
            assert match.ticket_id is not None  # else a hold rule held it
            self._write_openings(tickets, inbox, pending, result, done)
            ticket_id = self._join(tickets, plan, match, result)
        except Unprocessable as e:
            # Raised before anything is written: the rest of the transaction is unharmed.
            self._quarantine(inbox, row, plan, match, str(e), result, done)
            return
        decision = self._decision(plan, match, ticket_id)
        inbox.mark_processed(row, decision)
        result.processed += 1
        done.append(_Done(plan, decision, None))

    def _hold_facts(
        self, tickets: TicketRepo, plan: _Plan, match: Match, opens: bool, pending: _Pending
    ) -> HoldFacts:
        """What the hold rules look at (:mod:`mailgate.holds`); the ticket limit is read
        only for a message that would open a ticket."""
        assert plan.mail is not None
        assert plan.verdict is not None
        security = self.config.security
        limit, sender = security.new_tickets_per_hour, plan.mail.from_
        reached = None
        if opens and limit and sender is not None:
            opened = self._opened_within_the_hour(
                tickets, sender.normalized, pending, self._now(plan)
            )
            reached = limit if opened >= limit else None
        return HoldFacts(
            verdict=plan.verdict,
            match=match,
            auth=plan.auth,
            review_entry=listed(
                sender_addresses(plan.mail, plan.envelope.sender), self.hold_domains
            ),
            failed_authentication=security.failed_authentication,
            unverified_reply=security.unverified_reply,
            forged_new_mail=security.forged_new_mail,
            ticket_limit_reached=reached,
        )

    def _join(self, tickets: TicketRepo, plan: _Plan, match: Match, result: BatchResult) -> int:
        """Add the message to the ticket ``match`` found; returns the ticket's number."""
        assert plan.mail is not None
        assert plan.verdict is not None
        assert match.ticket_id is not None
        now = self._now(plan)
        incoming = self._incoming(plan, match)
        agent = self._agent_writing(tickets, plan.mail, match.ticket_id)
        if agent is not None and plan.verdict.kind == "human":
            relay = plan.notify and tickets.answers_alert(match.ticket_id, plan.mail.thread_ids())
            ticket = relay_agent_mail(
                tickets, self.notifier, incoming, Agent(agent.address, agent.name), now, relay=relay
            )
            result.outgoing += int(relay)
            return ticket.id
        applied = apply_to_ticket(tickets, incoming, now)
        ticket = applied.ticket
        bounce = plan.verdict.bounce
        if match.rule == "bounce" and bounce is not None:
            security = self.config.security
            record_bounce(
                tickets,
                ticket,
                bounce,
                applied.message,
                now,
                security.suppress_for if security.suppress_bounced else None,
            )
        if plan.notify and applied.closed_by_client:
            result.outgoing += self._closed_notice(tickets, ticket, now)
        if plan.notify and plan.verdict.is_client_message:
            result.outgoing += self._alert_on_reply(tickets, ticket, incoming, now)
        return ticket.id

    def _hold(
        self,
        inbox: InboxRepo,
        row: InboxRow,
        plan: _Plan,
        match: Match,
        hold: Hold,
        result: BatchResult,
        done: list[_Done],
    ) -> None:
        decision = self._decision(
            plan, replace(match, rule=hold.rule, reason=hold.reason), hold.ticket_id
        )
        inbox.mark_held(row, hold.reason, decision)
        result.held += 1
        done.append(_Done(plan, decision, None, held=hold))

    def _opening(
        self, tickets: TicketRepo, plan: _Plan, match: Match, pending: _Pending
    ) -> TicketOpening:
        """Number a new ticket and prepare everything it writes: the acknowledgment (within
        its limit) and the agents' alerts."""
        assert plan.mail is not None
        assert plan.verdict is not None
        assert plan.department is not None
        now = self._now(plan)
        department = self.config.department(plan.department) or self.config.default_department
        priority, _why = priority_of(plan.mail, department.priority)
        ticket = new_ticket(
            plan.mail,
            tickets.next_number(),
            plan.department,
            self.config.helpdesk.subject_token,
            priority=priority,
            assignee=self._assign(tickets, department, pending),
        )
        facts = TicketFacts(
            ticket.number,
            ticket.subject,
            lifecycle.OPEN,
            ticket.department,
            ticket.requester,
            ticket.requester_name,
            now,
        )
        mail_out: list[Prepared] = []
        notes: list[Note] = []
        if plan.verdict.may_autorespond and plan.notify:
            withheld = self._acknowledgment_withheld(tickets, plan, ticket.requester, pending, now)
            try:
                if withheld is None:
                    mail_out.append(self._acknowledgment(plan, match, facts, now))
            except Unaddressable as e:
                # The ticket is opened all the same; an agent answers by other means.
                withheld = str(e)
            if withheld is not None:
                notes.append(
                    Note("acknowledgment_withheld", {"to": ticket.requester, "reason": withheld})
                )
        pending.opened_by[ticket.requester] = pending.opened_by.get(ticket.requester, 0) + 1
        if plan.verdict.is_client_message and plan.notify:
            alert = self._alert(facts, "new_ticket", plan.mail, now)
            if alert is not None:
                mail_out.append(alert)
        return plan_opening(self._incoming(plan, match), ticket, mail_out, now, notes)

    def _acknowledgment_withheld(
        self, tickets: TicketRepo, plan: _Plan, requester: str, pending: _Pending, now: datetime
    ) -> str | None:
        """Why a new ticket's acknowledgment is not sent, or None: its From is forged
        (answering would send the helpdesk's mail to whoever the forger named), or the
        address had its acknowledgments for the hour."""
        policy = self.config.security.forged_new_mail
        # Under "hold", a person who accepted the message has reviewed exactly this.
        reviewed = plan.reviewed and policy == "hold"
        if plan.auth.forged and policy != "acknowledge" and not reviewed:
            return (
                f"sender authentication failed: {plan.auth.detail} "
                f"(security.forged_new_mail = {policy})"
            )
        limit = self.config.notify.acknowledgments_per_hour
        recent = self._opened_within_the_hour(tickets, requester, pending, now)
        if recent >= limit:
            return (
                f"{recent} tickets opened by this address within an hour "
                f"(notify.acknowledgments_per_hour = {limit})"
            )
        return None

    def _acknowledgment(
        self, plan: _Plan, match: Match, facts: TicketFacts, now: datetime
    ) -> Prepared:
        """The acknowledgment of a new ticket.  To a sender mailgate could have
        authenticated but did not, it says nothing the sender wrote — no subject, no
        display name, in its header or its text: whoever forged someone's address must
        not have the helpdesk deliver their words to that address."""
        assert plan.mail is not None
        security = self.config.security
        checked = bool(security.authserv_id or security.verify_dkim)
        unauthenticated = checked and not plan.auth.authenticated
        if unauthenticated:
            facts = replace(facts, subject="", requester_name="")
        return self.notifier.prepare_acknowledgment(
            facts,
            client_message_id=plan.mail.message_id,
            refers_to_ticket=match.unverified_ticket,
            previous_ticket=match.previous_ticket,
            unauthenticated=unauthenticated,
            now=now,
        )

    # -- the team ------------------------------------------------------------------------

    def _assign(
        self, tickets: TicketRepo, department: DepartmentConfig, pending: _Pending
    ) -> str | None:
        """The agent a new ticket of ``department`` goes to, by its assignment rule."""
        if department.assignment == "none":
            return None
        agents = [a.address for a in self.config.agents_of(department.name)]
        if not agents:
            return None
        if department.assignment == "round_robin":
            last = pending.last_assigned.get(department.name) or tickets.last_assignee(
                department.name
            )
            choice = agents[(agents.index(last) + 1) % len(agents)] if last in agents else agents[0]
        else:  # least_open
            counts = tickets.open_counts(agents)
            choice = min(
                agents,
                key=lambda a: (counts.get(a, 0) + pending.assigned.get(a, 0), agents.index(a)),
            )
        pending.last_assigned[department.name] = choice
        pending.assigned[choice] = pending.assigned.get(choice, 0) + 1
        return choice

    def _agent_writing(
        self, tickets: TicketRepo, mail: ParsedMail, ticket_id: int
    ) -> AgentConfig | None:
        """The agent of ``[[agents]]`` who wrote this mail on a ticket they did not open
        themselves, or None (their own tickets are theirs as a client)."""
        if mail.from_ is None:
            return None
        agent = self.config.agent(mail.from_.normalized)
        if agent is None:
            return None
        ticket = tickets.get(ticket_id)
        if ticket is None or ticket.requester == agent.address:
            return None
        return agent

    def _alert(
        self, facts: TicketFacts, reason: str, mail: ParsedMail, now: datetime
    ) -> Prepared | None:
        """``agent_alert`` to the agents of the ticket's department, or None."""
        if not self.config.notify.agent_alerts:
            return None
        agents = self.config.agents_of(facts.department)
        if not agents or mail.from_ is None:
            return None
        return self.notifier.prepare(
            "agent_alert",
            facts,
            to=tuple(Party(a.name, a.address) for a in agents),
            extra={
                "alert": {"reason": reason},
                "client": {"name": mail.from_.name, "address": mail.from_.normalized},
                "message": {
                    "text": (mail.reply_text or mail.text).strip("\n"),
                    "subject": mail.subject,
                    "attachments": [a.filename for a in mail.attachments if not a.inline],
                },
            },
            reply_token=True,
            now=now,
        )

    def _alert_on_reply(
        self, tickets: TicketRepo, ticket: Ticket, incoming: Incoming, now: datetime
    ) -> int:
        alert = self._alert(facts_of(ticket), "client_reply", incoming.mail, now)
        if alert is None:
            return 0
        limits = self.config.security.recipient_limits
        return int(queue_automatic(tickets, ticket, alert, now, limits))

    def _closed_notice(self, tickets: TicketRepo, ticket: Ticket, now: datetime) -> int:
        """The client closed their ticket by mail: confirm it (a reply reopens it)."""
        thread = thread_of(ticket, tickets.participants(ticket.id), tickets.messages(ticket.id))
        try:
            notice = status_notice(self.notifier, thread, ticket.status, by_client=True, now=now)
        except Unaddressable as e:
            log.warning("ticket %d: closing not confirmed: %s", ticket.id, e)
            return 0
        limits = self.config.security.recipient_limits
        return int(queue_automatic(tickets, ticket, notice, now, limits))

    def _write_openings(
        self,
        tickets: TicketRepo,
        inbox: InboxRepo,
        pending: _Pending,
        result: BatchResult,
        done: list[_Done],
    ) -> None:
        if not pending.plans:
            return
        tickets.insert_openings([opening for _p, _r, _m, opening in pending.plans])
        for plan, row, match, opening in pending.plans:
            decision = self._decision(plan, match, opening.number)
            inbox.mark_processed(row, decision)
            result.processed += 1
            result.tickets_opened += 1
            result.outgoing += len(opening.outgoing)
            done.append(_Done(plan, decision, None))
        pending.plans.clear()

    @staticmethod
    def _decision(plan: _Plan, match: Match | None, ticket_id: int | None) -> Decision:
        return Decision(
            verdict=plan.verdict.kind if plan.verdict else None,
            verdict_rule=plan.verdict.rule if plan.verdict else None,
            thread_rule=match.rule if match else None,
            thread_reason=match.reason if match else None,
            department=plan.department,
            ticket_id=ticket_id,
        )

    def _quarantine(
        self,
        inbox: InboxRepo,
        row: InboxRow,
        plan: _Plan,
        match: Match | None,
        reason: str,
        result: BatchResult,
        done: list[_Done],
    ) -> None:
        inbox.mark_quarantined(row, reason, self._decision(plan, match, None))
        result.quarantined += 1
        done.append(_Done(plan, None, f"quarantined: {reason}"))

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


def _own_date(row: InboxRow, mail: ParsedMail) -> datetime | None:
    """An imported message's own date (never later than its import): an archive's
    tickets keep the order and the times their mail had."""
    if row.source != "import" or mail.date is None:
        return None
    date = mail.date if mail.date.tzinfo is not None else mail.date.replace(tzinfo=UTC)
    return min(date, row.received_at)
