"""disposition: what becomes of a classified, threaded message — decided, by named rules,
before anything is written.

No message is ever invisible.  A message goes on a ticket — the one it joins, or a new
one — or it is **held**: kept in the inbox, in the list that ``mailgate quarantine`` and
``GET /api/held`` show with the rule that held it, from which ``mailgate accept ID`` puts
it on a ticket.  Nothing is marked processed without a ticket (the store refuses it).

Two ordered tables, as Mailman's chains are:

1. :data:`TICKET_RULES` settle which ticket the message is about, beyond what threading
   found: a person accepted it onto one, a bounce returns mail a ticket sent, a ticket
   closed too long ago is not reopened.  Each may replace the match; its name becomes
   the match's rule.
2. :data:`DISPOSITION_RULES` then decide the one :class:`Disposition`: each hold rule
   (skipped for a message a person accepted), then open a ticket, then join one.  The
   first that hits decides, and its name is what ``mailgate explain`` shows.  The table
   ends with rules that always hit, so every message gets a disposition; and the holds
   cover every verdict that may not open a ticket (``held_no_ticket``), so adding a
   verdict cannot make mail vanish.

Pure: the rules read the message's :class:`Facts` and, through :class:`Lookups`, the
few things of the database they need (a ticket's existence and closing, the sender of a
returned Message-ID, the tickets a sender opened).  The processor gathers nothing else
and writes only once the disposition is known.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from mailgate.addresses import is_mailbox
from mailgate.classify import AUTO_REPLY, BLOCKED, BOUNCE, OWN_LOOP, SPAM, Verdict
from mailgate.duplicates import Candidate, DuplicateMode, Request, likely_duplicate
from mailgate.sender_auth import NONE as NO_AUTH
from mailgate.sender_auth import AuthResult
from mailgate.thread import Match, ThreadRule
from mailgate.vocabulary import Term


class HoldRule(Term):
    """Why a message waits for a person: stored as its ``thread_rule``, shown by
    ``mailgate quarantine`` and ``GET /api/held``.  In the order the rules run."""

    OWN_MAIL = "held_own_mail"
    BLOCKED = "held_blocked"
    SPAM = "held_spam"
    REVIEW = "held_review"
    UNKNOWN_CONTACT = "held_unknown_contact"
    UNAUTHENTICATED = "held_unauthenticated"
    UNVERIFIED = "held_unverified"
    FORGED = "held_forged"
    BOUNCE = "held_bounce"
    AUTO_REPLY = "held_auto_reply"
    NO_SENDER = "held_no_sender"
    RATE_LIMITED = "held_rate_limited"
    NO_TICKET = "held_no_ticket"


class Action(Term):
    OPEN = "open"  # open a new ticket with the message
    JOIN = "join"  # add the message to the ticket of ``ticket_id``
    HOLD = "hold"  # keep it for a person (``ticket_id``: the ticket accepting adds it to)


@dataclass(frozen=True)
class Disposition:
    action: Action
    rule: str  # the rule that decided: stored as the inbox row's thread_rule
    reason: str
    ticket_id: int | None
    match: Match  # the threading as the ticket rules left it


@dataclass(frozen=True)
class Settings:
    """The ``[security]`` and ``[lifecycle]`` keys the rules read."""

    failed_authentication: str = "hold"
    unverified_reply: str = "new_ticket"
    forged_new_mail: str = "no_acknowledgment"
    new_tickets_per_hour: int = 20
    reopen_within: float = 30 * 86400.0
    # [duplicates] (the processor passes the configuration's; off unless given).
    duplicates: DuplicateMode = DuplicateMode.OFF
    duplicates_window: float = 7 * 86400.0
    duplicates_threshold: float = 0.6
    subject_token: str = "#[{number}]"
    # [contacts] unauthorized: "flag" refuses an unauthorized contact's reopen.
    unauthorized: str = "allow"


@dataclass(frozen=True)
class Facts:
    """What the rules look at, gathered before anything is written."""

    verdict: Verdict
    match: Match  # what threading found
    now: datetime  # when the message is applied (an import: its own date)
    settings: Settings = Settings()
    sender: str | None = None  # the From address, normalized
    auth: AuthResult = NO_AUTH
    # The [security] hold_domains entry that the sender's address matches.
    review_entry: str | None = None
    # A person accepted the message (``mailgate accept``): no hold applies, and it goes
    # on ``accepted`` (if that ticket exists) or a ticket of its own.
    reviewed: bool = False
    accepted: int | None = None
    # The message's subject and what its sender wrote (its reply text), compared with
    # the sender's open tickets ([duplicates]).
    request: Request | None = None


class Lookups(Protocol):
    """The database as the rules see it (read only)."""

    def ticket_exists(self, ticket_id: int) -> bool: ...

    def sent_for(self, message_id: str) -> int | None:
        """The ticket whose outgoing mail had this Message-ID, or None."""
        ...

    def closed_at(self, ticket_id: int) -> datetime | None:
        """When the ticket was closed, if it is closed."""
        ...

    def opened_since(self, requester: str, since: datetime) -> int:
        """Tickets ``requester`` opened since then (those this transaction opened too)."""
        ...

    def open_tickets_of(self, requester: str, since: datetime) -> list[Candidate]:
        """The tickets ``requester`` opened that are not closed and changed since then."""
        ...

    def merged_into(self, ticket_id: int) -> int | None:
        """The ticket a merged ticket was merged into (its number leads there), or None."""
        ...

    def unknown_contact(self, address: str) -> str | None:
        """Why ``address``, an unknown address at an organization's domain, may not open
        a ticket (:func:`mailgate.contacts.rules.unknown_may_not_open`), or None."""
        ...

    def refused_reopen(self, address: str, ticket_id: int) -> str | None:
        """Why ``address`` may not reopen closed ticket ``ticket_id``, which another
        person of its organization opened (:func:`mailgate.contacts.rules.
        unauthorized_action`), or None."""
        ...


TicketRule = Callable[[Facts, Match, Lookups], Match | None]
Rule = Callable[[Facts, Match, Lookups], Disposition | None]


# -- which ticket ---------------------------------------------------------------------------


def accepted(f: Facts, match: Match, look: Lookups) -> Match | None:
    """A person accepted the message onto a ticket (``mailgate accept``)."""
    if f.reviewed and f.accepted is not None and look.ticket_exists(f.accepted):
        # A ticket merged since the message was held (or accepted) leads to the ticket
        # it was merged into: the merged one is a closed stub that keeps no thread.
        into = look.merged_into(f.accepted)
        if into is not None:
            return Match(
                into,
                ThreadRule.ACCEPTED,
                f"an agent accepted it onto ticket {f.accepted}, merged into ticket {into}",
            )
        return Match(
            f.accepted, ThreadRule.ACCEPTED, f"an agent accepted it onto ticket {f.accepted}"
        )
    return None


def bounce(f: Facts, match: Match, look: Lookups) -> Match | None:
    """A bounce belongs to the ticket whose mail it returns: found by the Message-ID in
    the returned headers, which mailgate issued (a bounce names no ticket token and
    answers nobody's message)."""
    report = f.verdict.bounce
    if f.verdict.kind != BOUNCE or report is None or not report.original_message_id:
        return None
    ticket = look.sent_for(report.original_message_id)
    if ticket is None:
        return None
    return Match(
        ticket,
        ThreadRule.BOUNCE,
        f"returns <{report.original_message_id}>, which mailgate sent for ticket {ticket}",
    )


def reopen_window(f: Facts, match: Match, look: Lookups) -> Match | None:
    """``[lifecycle] reopen_within``: mail to a ticket closed longer ago opens a new
    ticket that links to the old one instead of reopening it."""
    if match.ticket_id is None:
        return None
    closed_at = look.closed_at(match.ticket_id)
    window = timedelta(seconds=f.settings.reopen_within)
    if closed_at is None or closed_at >= f.now - window:
        return None
    return Match(
        None,
        ThreadRule.NEW_TICKET,
        f"{match.reason}; but ticket {match.ticket_id} was closed on "
        f"{closed_at:%Y-%m-%d}, longer ago than lifecycle.reopen_within",
        previous_ticket=match.ticket_id,
    )


def unauthorized_reopen(f: Facts, match: Match, look: Lookups) -> Match | None:
    """``[contacts] unauthorized = "flag"``: a client's mail to a closed ticket that a
    colleague opened, from a contact who may not act for their organization (an
    ``other`` contact, an unknown address at its domain), does not reopen it — it opens
    a ticket of the sender's own that links to the closed one, where the team sees it
    in the queue (added to the closed ticket, it would wait where nobody looks)."""
    if (
        f.settings.unauthorized != "flag"
        or match.ticket_id is None
        or f.sender is None
        or f.reviewed
        or not (f.verdict.is_client_message and f.verdict.may_open_ticket)
        or look.closed_at(match.ticket_id) is None
    ):
        return None
    why = look.refused_reopen(f.sender, match.ticket_id)
    if why is None:
        return None
    return Match(
        None,
        ThreadRule.NEW_TICKET,
        f"{match.reason}; but ticket {match.ticket_id} is closed and {why}",
        previous_ticket=match.ticket_id,
    )


def likely_duplicate_of(f: Facts, match: Match, look: Lookups) -> Match | None:
    """``[duplicates]``: new mail whose subject and text are like those of a ticket its
    sender has open ("one problem, one ticket") is flagged as its likely duplicate — the
    new ticket links to it — or, with ``mode = "join"``, joins it."""
    s = f.settings
    if (
        s.duplicates == DuplicateMode.OFF
        or match.ticket_id is not None
        or f.request is None
        or f.sender is None
        or not (f.verdict.is_client_message and f.verdict.may_open_ticket)
    ):
        return None
    candidates = look.open_tickets_of(f.sender, f.now - timedelta(seconds=s.duplicates_window))
    likely = likely_duplicate(f.request, candidates, s.duplicates_threshold, s.subject_token)
    if likely is None:
        return None
    if s.duplicates == DuplicateMode.JOIN and not f.reviewed:
        # The sender's own ticket, found by their From address alone: joined like a
        # participant's reply (a failed authentication holds it).
        return Match(
            likely.number,
            ThreadRule.DUPLICATE,
            f"likely a duplicate: {likely.reason(s.duplicates_threshold)} (duplicates.mode = join)",
            via_participant=True,
            duplicate=likely,
        )
    return replace(match, duplicate=likely)


TICKET_RULES: tuple[tuple[str, TicketRule], ...] = (
    ("accepted", accepted),
    ("bounce", bounce),
    ("reopen_window", reopen_window),
    ("unauthorized_reopen", unauthorized_reopen),
    ("likely_duplicate_of", likely_duplicate_of),
)


# -- holds ----------------------------------------------------------------------------------


def _hold(rule: str, reason: str, match: Match, ticket_id: int | None = None) -> Disposition:
    return Disposition(Action.HOLD, rule, reason, ticket_id, match)


def held_own_mail(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """Our own mail coming back that belongs to no ticket: answering it would loop."""
    if f.verdict.kind == OWN_LOOP and match.ticket_id is None:
        return _hold(
            HoldRule.OWN_MAIL, f"mailgate's own mail came back ({f.verdict.reason})", match
        )
    return None


def held_blocked(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """``[security] block``: the sender's mail opens no ticket and joins none."""
    if f.verdict.kind == BLOCKED:
        reason = f"blocked sender: {f.verdict.reason}"
        return _hold(HoldRule.BLOCKED, reason, match, match.ticket_id)
    return None


def held_spam(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """``[security] spam = "hold"``: mail an upstream filter flagged waits for a person."""
    if f.verdict.kind == SPAM and f.verdict.held:
        reason = f"{f.verdict.reason} (security.spam = hold)"
        return _hold(HoldRule.SPAM, reason, match, match.ticket_id)
    return None


def held_review(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """``[security] hold_domains``: a service's mail (sign-up codes, password resets) is
    read by a person before it becomes a ticket ("Ticket Trick")."""
    if f.review_entry is not None:
        reason = f"held for review: {f.review_entry} is in security.hold_domains"
        return _hold(HoldRule.REVIEW, reason, match)
    return None


def held_unknown_contact(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """An organization lets only its contacts open tickets (``unknown_may_open =
    false``): new mail from an unknown address at its domain waits for an agent ("a
    ticket is an identity check: a request comes from the account holder").

    Asked of whatever opens a ticket, whichever rule made it new: a reply to a ticket
    closed longer than ``reopen_within`` ago too."""
    if f.sender is None or not _opens(f, match):
        return None
    why = look.unknown_contact(f.sender)
    return None if why is None else _hold(HoldRule.UNKNOWN_CONTACT, why, match)


def held_unauthenticated(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """A reply that joins only because its From is a participant's, and whose sender
    authentication failed: a forged From would otherwise write on the ticket."""
    if (
        match.ticket_id is not None
        and match.via_participant
        and f.auth.status == "fail"
        and f.settings.failed_authentication == "hold"
        and f.verdict.is_client_message
    ):
        reason = (
            f"from a participant of ticket {match.ticket_id}, but its sender authentication "
            f"failed: {f.auth.detail} (security.failed_authentication = hold)"
        )
        return _hold(HoldRule.UNAUTHENTICATED, reason, match, match.ticket_id)
    return None


def held_unverified(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """``[security] unverified_reply = "hold"``: a stranger's mail that points at a
    ticket waits for an agent instead of opening a ticket of its own."""
    if (
        match.ticket_id is None
        and match.unverified_ticket is not None
        and f.settings.unverified_reply == "hold"
        and f.verdict.is_client_message
    ):
        reason = f"{match.reason} (security.unverified_reply = hold)"
        return _hold(HoldRule.UNVERIFIED, reason, match, match.unverified_ticket)
    return None


def held_forged(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """``[security] forged_new_mail = "hold"``: new mail whose From domain disowns it
    (DMARC fails) waits for a person instead of opening a ticket."""
    if (
        match.ticket_id is None
        and f.auth.forged
        and f.settings.forged_new_mail == "hold"
        and f.verdict.is_client_message
    ):
        reason = (
            f"new mail whose sender authentication failed: {f.auth.detail} "
            "(security.forged_new_mail = hold)"
        )
        return _hold(HoldRule.FORGED, reason, match)
    return None


def held_bounce(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """A delivery report that returns no mail mailgate sent: nobody's ticket."""
    if f.verdict.kind == BOUNCE and match.ticket_id is None:
        reason = f"a delivery report on mail mailgate did not send ({f.verdict.reason})"
        return _hold(HoldRule.BOUNCE, reason, match)
    return None


def held_auto_reply(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """An automatic reply (out of office, autoresponder, a report) that answers no mail
    of the helpdesk's: a stranger's robot, not a client's request."""
    if f.verdict.kind == AUTO_REPLY and match.ticket_id is None:
        reason = f"an automatic reply to no mail of the helpdesk's ({f.verdict.reason})"
        return _hold(HoldRule.AUTO_REPLY, reason, match)
    return None


def held_no_sender(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """New mail that names nobody to open a ticket for — no address with a domain in From,
    Sender, Reply-To, Return-Path or the envelope: a person reads it and puts it on a
    ticket (``mailgate accept ID --ticket N``)."""
    if _opens(f, match) and not (f.sender and is_mailbox(f.sender)):
        return _hold(HoldRule.NO_SENDER, "no sender address to open a ticket for", match)
    return None


def held_rate_limited(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """``[security] new_tickets_per_hour``: a sender past the limit opens no more
    tickets this hour; their mail waits instead."""
    limit = f.settings.new_tickets_per_hour
    if not limit or f.sender is None or not _opens(f, match):
        return None
    if look.opened_since(f.sender, f.now - timedelta(hours=1)) < limit:
        return None
    reason = f"its sender opened {limit} tickets within the hour (security.new_tickets_per_hour)"
    return _hold(HoldRule.RATE_LIMITED, reason, match)


def held_no_ticket(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """Whatever joins no ticket and may not open one: kept for a person rather than
    marked done with no ticket."""
    if match.ticket_id is None and not f.verdict.may_open_ticket:
        return _hold(HoldRule.NO_TICKET, f"verdict {f.verdict.kind} opens no ticket", match)
    return None


HOLD_RULES: tuple[tuple[str, Rule], ...] = (
    (HoldRule.OWN_MAIL, held_own_mail),
    (HoldRule.BLOCKED, held_blocked),
    (HoldRule.SPAM, held_spam),
    (HoldRule.REVIEW, held_review),
    (HoldRule.UNKNOWN_CONTACT, held_unknown_contact),
    (HoldRule.UNAUTHENTICATED, held_unauthenticated),
    (HoldRule.UNVERIFIED, held_unverified),
    (HoldRule.FORGED, held_forged),
    (HoldRule.BOUNCE, held_bounce),
    (HoldRule.AUTO_REPLY, held_auto_reply),
    (HoldRule.NO_SENDER, held_no_sender),
    (HoldRule.RATE_LIMITED, held_rate_limited),
    (HoldRule.NO_TICKET, held_no_ticket),
)


# -- on a ticket ------------------------------------------------------------------------------


def _opens(f: Facts, match: Match) -> bool:
    """Whether the message opens a ticket, when nothing holds it: it joins none, and its
    verdict may open one — or a person accepted it."""
    return match.ticket_id is None and (f.verdict.may_open_ticket or f.reviewed)


def open_ticket(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """A message that joins no ticket and may open one opens a ticket."""
    if _opens(f, match):
        return Disposition(Action.OPEN, match.rule, match.reason, None, match)
    return None


def join_ticket(f: Facts, match: Match, look: Lookups) -> Disposition | None:
    """A message threaded to a ticket joins it."""
    if match.ticket_id is not None:
        return Disposition(Action.JOIN, match.rule, match.reason, match.ticket_id, match)
    return None


def _unless_reviewed(rule: Rule) -> Rule:
    def hold_unless_reviewed(f: Facts, match: Match, look: Lookups) -> Disposition | None:
        return None if f.reviewed else rule(f, match, look)

    return hold_unless_reviewed


DISPOSITION_RULES: tuple[tuple[str, Rule], ...] = (
    *((name, _unless_reviewed(rule)) for name, rule in HOLD_RULES),
    ("open_ticket", open_ticket),
    ("join_ticket", join_ticket),
)

# One line per hold rule, for the lists that show held mail.
DESCRIPTIONS: dict[str, str] = {
    name: " ".join((rule.__doc__ or "").split("\n\n")[0].split()) for name, rule in HOLD_RULES
}


def decide(facts: Facts, look: Lookups) -> Disposition:
    """The message's disposition: the ticket rules, then the first disposition rule that
    hits."""
    match = facts.match
    for _name, ticket_rule in TICKET_RULES:
        match = ticket_rule(facts, match, look) or match
    for _name, rule in DISPOSITION_RULES:
        disposition = rule(facts, match, look)
        if disposition is not None:
            return disposition
    # Unreachable: a message that joins no ticket either opens one or is held.
    raise AssertionError(f"no disposition for {match}")
