"""plan: read one stored message without holding the write lock — parse it (the costly
part), authenticate its sender, classify it, route it to a department, and take a first
look for its ticket.  Nothing is written; a message that cannot be read is planned for
quarantine, one whose planning failed for a retry.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from mailgate.addresses import normalize_address
from mailgate.classify import Context, Verdict, classify
from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.errors import Unavailable
from mailgate.languages import Detection, detection
from mailgate.parse import ParsedMail, parse_message, with_envelope_sender
from mailgate.reply_addresses import ticket_of
from mailgate.routing import route, written_to
from mailgate.sender_auth import NONE as NO_AUTH
from mailgate.sender_auth import AuthResult, DnsFunc, authenticate
from mailgate.store.models import InboxRow
from mailgate.tags import MailFacts, TagHit, tags_for
from mailgate.thread import Match, ThreadLookup, ThreadRule, find_ticket
from mailgate.timebox import ParseTimeLimit, cpu_time_limit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Plan:
    """What was read of one message before the write transaction."""

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
    accepted: int | None = None  # a person accepted it onto this ticket (`mailgate accept`)
    reviewed: bool = False  # a person released it (`mailgate accept`): no hold applies
    auth: AuthResult = NO_AUTH  # sender authentication of its From address
    # Whether applying it may send mail (False for ``mailgate import`` without --notify).
    notify: bool = True
    # An imported message's own date: its ticket and its place in the thread are dated
    # by it, not by the import (None: the time it is applied).
    own_date: datetime | None = None
    # The ticket of the signed reply address it was written to, if any.
    signed_ticket: int | None = None
    # The tags [[tag_rules]] put on its ticket, decided from the message alone (admins'
    # regular expressions over its headers: run here, not under the write lock).
    tags: tuple[TagHit, ...] = ()
    # The language its text shows (mailgate.languages.script), detected here too: as the
    # request of a new ticket (subject and new text) and as a reply (its new text).
    request_language: Detection | None = None
    reply_language: Detection | None = None

    @property
    def message_id(self) -> str | None:
        return self.mail.message_id if self.mail else None

    @property
    def may_have_moved(self) -> bool:
        """Whether the message points at a ticket (References, token, a signed reply
        address): what threading found may have changed since the plan — its ticket
        opened, or its sender made a participant, by another worker or earlier in the
        batch.  Threading a message that points at none reads nothing of the database."""
        m = self.mail
        return m is not None and bool(
            m.in_reply_to or m.references or m.ticket_number or self.signed_ticket
        )


def envelope_of(row: InboxRow) -> Envelope:
    return Envelope(row.source, row.envelope_sender, tuple(row.recipients or ()), row.source_ref)


def own_date(row: InboxRow, mail: ParsedMail) -> datetime | None:
    """An imported message's own date (never later than its import): an archive's
    tickets keep the order and the times their mail had."""
    if row.source != "import" or mail.date is None:
        return None
    date = mail.date if mail.date.tzinfo is not None else mail.date.replace(tzinfo=UTC)
    return min(date, row.received_at)


def request_text(mail: ParsedMail) -> str:
    """What a new ticket's language is read from: the subject and the new text."""
    return f"{mail.subject}\n{mail.reply_text or mail.text}"


class Planner:
    """Plans messages under one configuration."""

    def __init__(self, config: Config, dnsfunc: DnsFunc | None = None) -> None:
        self.config = config
        # How DKIM keys are looked up (dkimpy's DNS resolver unless given).
        self.dnsfunc = dnsfunc
        self.options = config.parse_options()
        self.own = config.own_addresses()
        self.policy = config.policy()
        self.secret = config.helpdesk.secret() if config.helpdesk.secret_file else None
        self.tag_rules = config.tag_rule_table()

    def plan(self, row: InboxRow, lookup: ThreadLookup) -> Plan:
        t0 = time.perf_counter()
        plan = Plan(row.id, envelope_of(row), row.received_at, None, t0, notify=row.notify)
        if row.thread_rule == ThreadRule.ACCEPTED:
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
        mail = with_envelope_sender(mail, row.envelope_sender)
        plan = replace(plan, mail=mail, own_date=own_date(row, mail))
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
            context = Context(plan.envelope, self.own, self.config.helpdesk.domain, self.policy)
            verdict = classify(mail, context)
            department, _why = route(self.config, plan.envelope, mail)
            signed = self.signed_ticket(plan.envelope, mail)
            plan = replace(plan, signed_ticket=signed)
            match = find_ticket(mail, lookup, signed)
            tags = self.tags(plan.envelope, mail)
            request_language = detection(request_text(mail))
            reply_language = detection(mail.reply_text)
        except Unavailable:  # the database is away: the batch waits, nothing is marked
            raise
        except Exception as e:
            log.exception(
                "inbox %d: processing failed",
                row.id,
                extra={"inbox": row.id, "message_id": mail.message_id},
            )
            return replace(plan, error=f"{type(e).__name__}: {e}")
        return replace(
            plan,
            verdict=verdict,
            match=match,
            department=department.name,
            tags=tags,
            request_language=request_language,
            reply_language=reply_language,
        )

    def tags(self, envelope: Envelope, mail: ParsedMail) -> tuple[TagHit, ...]:
        """The tags the ``[[tag_rules]]`` put on the message's ticket, with the rule that
        put each: decided from the message's values alone."""
        if not self.tag_rules:
            return ()
        sender = mail.from_
        facts = MailFacts(
            recipients=tuple(
                dict.fromkeys(normalize_address(a) for a, _where in written_to(envelope, mail))
            ),
            sender=sender.normalized if sender is not None else None,
            subject=mail.subject,
            headers=mail.headers,
        )
        return tags_for(self.tag_rules, facts)

    def signed_ticket(self, envelope: Envelope, mail: ParsedMail) -> int | None:
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
