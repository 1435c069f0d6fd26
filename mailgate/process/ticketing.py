"""ticketing: how the processing stage puts a message on a ticket, once its disposition
says which — a new ticket prepared with its acknowledgment and the agents' alerts, or an
existing one joined, its status moved, a bounce recorded, an agent's answer relayed."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from mailgate import lifecycle
from mailgate.classify.verdict import Kind
from mailgate.config import Config, DepartmentConfig
from mailgate.errors import Unaddressable
from mailgate.languages import Evidence, LanguageChoice, choose_language
from mailgate.notify import Notifier, Party, Prepared, TicketFacts
from mailgate.process.plan import Plan, request_text
from mailgate.process.transaction import Transaction
from mailgate.store.languages_repo import LanguageRepo
from mailgate.store.models import Ticket
from mailgate.store.orgs_repo import OrganizationRepo
from mailgate.store.tickets_repo import TicketOpening, TicketRepo
from mailgate.tags import TagHit
from mailgate.thread import Match, ThreadRule
from mailgate.tickets.actions import Agent, relay_agent_mail
from mailgate.tickets.addressing import ticket_thread
from mailgate.tickets.incoming import (
    Incoming,
    Note,
    apply_to_ticket,
    has_keyword_line,
    new_ticket,
    plan_opening,
    priority_of,
    record_bounce,
)
from mailgate.tickets.labels import apply_rule_tags, with_rule_tags
from mailgate.tickets.organizations import organization_copies
from mailgate.tickets.outgoing import queue_automatic, status_notice
from mailgate.tickets.ratings import ask_for_rating
from mailgate.tickets.team import agent_writing, alert, alert_on_reply

log = logging.getLogger(__name__)


class Ticketing:
    def __init__(self, config: Config, notifier: Notifier) -> None:
        self.config = config
        self.notifier = notifier
        self.machine = config.lifecycle.machine()

    def join(self, tx: Transaction, plan: Plan, match: Match, now: datetime) -> tuple[int, int]:
        """Add the message to the ticket ``match`` found; returns the ticket's number
        and how many messages that queued."""
        assert plan.mail is not None
        assert plan.verdict is not None
        assert match.ticket_id is not None
        tickets = tx.tickets
        joined = tickets.joined_ticket(match.ticket_id)
        if joined != match.ticket_id:
            log.info(
                "inbox %d: ticket %d was merged into %d since it was threaded: joins %d",
                plan.inbox_id,
                match.ticket_id,
                joined,
                joined,
                extra={"inbox": plan.inbox_id, "ticket": joined},
            )
            match = replace(match, ticket_id=joined)
        assert match.ticket_id is not None
        incoming = self.incoming(plan, match)
        hits = self.tags(plan)
        if self.config.contacts.unauthorized != "allow":
            incoming = self._with_standings(tickets, incoming, match.ticket_id)
        agent = agent_writing(self.config, tickets, plan.mail, match.ticket_id)
        if agent is not None and plan.verdict.kind == Kind.HUMAN:
            relay = plan.notify and tickets.answers_alert(match.ticket_id, plan.mail.thread_ids())
            ticket = relay_agent_mail(
                tickets, self.notifier, incoming, Agent(agent.address, agent.name), now, relay=relay
            )
            apply_rule_tags(tickets, ticket, hits, now)
            return ticket.id, int(relay)
        applied = apply_to_ticket(tickets, incoming, now)
        ticket = applied.ticket
        apply_rule_tags(tickets, ticket, hits, now)
        if match.rule == ThreadRule.DUPLICATE and match.duplicate is not None:
            # [duplicates] mode = join: the history says why the mail is here.
            data = {"reason": match.reason} | match.duplicate.as_data()
            tickets.add_event(ticket, "duplicate_joined", "system", now, data, applied.message)
        if plan.verdict.is_client_message:
            self._remember_language(tx, plan, ticket.id, now)
        bounce = plan.verdict.bounce
        if match.rule == ThreadRule.BOUNCE and bounce is not None:
            security = self.config.security
            record_bounce(
                tickets,
                ticket,
                bounce,
                applied.message,
                now,
                security.suppress_for if security.suppress_bounced else None,
            )
        queued = 0
        if plan.notify and applied.closed_by_client:
            queued += self._closed_notice(tickets, ticket, now)
            limits = self.config.security.recipient_limits
            queued += ask_for_rating(tickets, self.notifier, ticket, now, limits=limits)
        if plan.notify and plan.verdict.is_client_message:
            queued += alert_on_reply(self.config, self.notifier, tickets, ticket, plan.mail, now)
        return ticket.id, queued

    @staticmethod
    def _with_standings(tickets: TicketRepo, incoming: Incoming, ticket_id: int) -> Incoming:
        """``incoming`` with the standings its sender and the ticket's requester have in
        their organizations: what rule organization_unauthorized decides from."""
        ticket = tickets.get(ticket_id)
        mail, sender = incoming.mail, incoming.mail.from_
        if ticket is None or sender is None:
            return incoming
        # Only mail that could close or reopen the ticket is asked about (most replies
        # cost no lookup).
        keyword = incoming.close_keyword
        closes = bool(keyword) and has_keyword_line(mail.reply_text or mail.text, keyword)
        if ticket.status != lifecycle.CLOSED and not closes:
            return incoming
        orgs = OrganizationRepo(tickets.session)
        return replace(
            incoming,
            sender_standing=orgs.standing(sender.normalized),
            requester_standing=orgs.standing(ticket.requester),
        )

    def opening(self, tx: Transaction, plan: Plan, match: Match, now: datetime) -> TicketOpening:
        """Number a new ticket and prepare everything it writes: the acknowledgment (within
        its limit) and the agents' alerts."""
        assert plan.mail is not None
        assert plan.verdict is not None
        assert plan.department is not None
        tickets = tx.tickets
        department = self.config.department(plan.department) or self.config.default_department
        priority, _why = priority_of(plan.mail, department.priority)
        number = tickets.next_number()
        assert plan.mail.from_ is not None
        language = self._language(tx, plan, department, plan.mail.from_.normalized, number, now)
        ticket = new_ticket(
            plan.mail,
            number,
            plan.department,
            self.config.helpdesk.subject_token,
            priority=priority,
            assignee=tx.assigner.choose(tickets, department),
            language=language.language if language.for_the_client else None,
            chosen_language=language.language,
            language_rule=language.rule,
        )
        facts = TicketFacts(
            ticket.number,
            ticket.subject,
            lifecycle.OPEN,
            ticket.department,
            ticket.requester,
            ticket.requester_name,
            now,
            language=language.language if language.for_the_client else None,
        )
        mail_out: list[Prepared] = []
        notes: list[Note] = []
        if plan.verdict.may_autorespond and plan.notify:
            withheld = self._acknowledgment_withheld(tx, plan, ticket.requester, now)
            try:
                if withheld is None:
                    org, cc = organization_copies(
                        tickets.session, ticket.requester, tx.standing(ticket.requester)
                    )
                    mail_out.append(self._acknowledgment(plan, match, facts, now, cc, org))
            except Unaddressable as e:
                # The ticket is opened all the same; an agent answers by other means.
                withheld = str(e)
            if withheld is not None:
                notes.append(
                    Note("acknowledgment_withheld", {"to": ticket.requester, "reason": withheld})
                )
        tx.opened_by[ticket.requester] = tx.opened_by.get(ticket.requester, 0) + 1
        if plan.verdict.is_client_message and plan.notify:
            prepared = alert(self.config, self.notifier, facts, "new_ticket", plan.mail, now)
            if prepared is not None:
                mail_out.append(prepared)
        opening = plan_opening(self.incoming(plan, match), ticket, mail_out, now, notes)
        return with_rule_tags(opening, self.tags(plan))

    def tags(self, plan: Plan) -> tuple[TagHit, ...]:
        """The tags the ``[[tag_rules]]`` put on the message's ticket, decided when it
        was planned (:meth:`mailgate.process.plan.Planner.tags`)."""
        return plan.tags

    def _language(
        self,
        tx: Transaction,
        plan: Plan,
        department: DepartmentConfig,
        requester: str,
        number: int,
        now: datetime,
    ) -> LanguageChoice:
        """The language of the new ticket's mail (:mod:`mailgate.languages`); what the
        client's mail showed is remembered for their address, in this transaction."""
        assert plan.mail is not None
        repo = LanguageRepo(tx.tickets.session)
        known = repo.of(requester)
        helpdesk = self.config.helpdesk
        choice = choose_language(
            Evidence(
                offered=helpdesk.languages,
                helpdesk=helpdesk.language,
                department=department.language,
                content_language=plan.mail.header("content-language"),
                text=request_text(plan.mail),
                agent_set=known.language if known and known.set_by_agent else None,
                remembered=known.language if known and not known.set_by_agent else None,
                detected=plan.request_language,
            )
        )
        if choice.from_the_client:
            repo.remember(requester, choice.language, choice.rule, number, now, known=known)
        return choice

    def _remember_language(
        self, tx: Transaction, plan: Plan, ticket_id: int, now: datetime
    ) -> None:
        """A client's reply remembers the language it shows for their address (their
        next ticket's); the ticket keeps its own."""
        assert plan.mail is not None
        if plan.mail.from_ is None:
            return
        helpdesk = self.config.helpdesk
        choice = choose_language(
            Evidence(
                offered=helpdesk.languages,
                helpdesk=helpdesk.language,
                content_language=plan.mail.header("content-language"),
                text=plan.mail.reply_text,
                detected=plan.reply_language,
            )
        )
        if choice.from_the_client:
            LanguageRepo(tx.tickets.session).remember(
                plan.mail.from_.normalized, choice.language, choice.rule, ticket_id, now
            )

    def _acknowledgment_withheld(
        self, tx: Transaction, plan: Plan, requester: str, now: datetime
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
        recent = tx.opened_since(requester, now - timedelta(hours=1))
        if recent >= limit:
            return (
                f"{recent} tickets opened by this address within an hour "
                f"(notify.acknowledgments_per_hour = {limit})"
            )
        return None

    def _acknowledgment(
        self,
        plan: Plan,
        match: Match,
        facts: TicketFacts,
        now: datetime,
        cc: tuple[Party, ...] = (),
        organization: str = "",
    ) -> Prepared:
        """The acknowledgment of a new ticket.  To a sender mailgate could have
        authenticated but did not, it says nothing the sender wrote — no subject, no
        display name, in its header or its text: whoever forged someone's address must
        not have the helpdesk deliver their words to that address — nor copy the
        organization's contacts (``cc``): one forged mail would reach them all.  They
        are copied on the ticket's later mail, which an agent's answer starts."""
        assert plan.mail is not None
        security = self.config.security
        checked = bool(security.authserv_id or security.verify_dkim)
        unauthenticated = checked and not plan.auth.authenticated
        if unauthenticated:
            facts = replace(facts, subject="", requester_name="")
            cc = ()
        return self.notifier.prepare_acknowledgment(
            facts,
            client_message_id=plan.mail.message_id,
            refers_to_ticket=match.unverified_ticket,
            previous_ticket=match.previous_ticket,
            unauthenticated=unauthenticated,
            cc=cc,
            organization=organization,
            now=now,
        )

    def _closed_notice(self, tickets: TicketRepo, ticket: Ticket, now: datetime) -> int:
        """The client closed their ticket by mail: confirm it (a reply reopens it)."""
        thread = ticket_thread(tickets, ticket)
        try:
            notice = status_notice(self.notifier, thread, ticket.status, by_client=True, now=now)
        except Unaddressable as e:
            log.warning("ticket %d: closing not confirmed: %s", ticket.id, e)
            return 0
        limits = self.config.security.recipient_limits
        return int(queue_automatic(tickets, ticket, notice, now, limits))

    def _copies_join(self, plan: Plan) -> tuple[bool, str]:
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

    def incoming(self, plan: Plan, match: Match) -> Incoming:
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
            unauthorized=self.config.contacts.unauthorized,
        )
