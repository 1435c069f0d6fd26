"""hold: whether a message waits for a person instead of going on a ticket.

No message is ever invisible.  Once classified and threaded, a message goes on its
ticket — the one it joins, or a new one — or it is **held**: kept in the inbox in the
list that ``mailgate quarantine`` and ``GET /api/held`` show with the rule that held it,
from which ``mailgate accept ID`` puts it on a ticket.  Nothing is marked processed
without a ticket (the store refuses it).

Each rule is a small function with a name and a docstring saying why; ``HOLD_RULES``
orders them and the first that holds decides; its name is stored as the inbox row's
``thread_rule``.  The last rule holds whatever would otherwise end on no ticket, so
adding a verdict cannot make mail vanish.  Pure: the facts are gathered first (the
pipeline reads what it needs), the decision is taken here, and only then is anything
written.  A message a person accepted (``reviewed``) is held by no rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mailgate.classify import AUTO_REPLY, BLOCKED, BOUNCE, OWN_LOOP, SPAM, Verdict
from mailgate.sender_auth import NONE as NO_AUTH
from mailgate.sender_auth import AuthResult
from mailgate.thread import Match


@dataclass(frozen=True)
class Facts:
    """What the hold rules look at, gathered before anything is written."""

    verdict: Verdict
    match: Match
    auth: AuthResult = NO_AUTH
    # The [security] hold_domains entry that the sender's address matches.
    review_entry: str | None = None
    # [security] failed_authentication and unverified_reply.
    failed_authentication: str = "hold"
    unverified_reply: str = "new_ticket"
    # [security] forged_new_mail.
    forged_new_mail: str = "no_acknowledgment"
    # The new_tickets_per_hour limit the sender has reached, when the message would open
    # a ticket (else None).
    ticket_limit_reached: int | None = None


@dataclass(frozen=True)
class Hold:
    rule: str
    reason: str
    # The ticket ``mailgate accept`` adds the message to (None: accepting opens one).
    ticket_id: int | None = None


HoldRule = Callable[[Facts], Hold | None]


def held_own_mail(f: Facts) -> Hold | None:
    """Our own mail coming back that belongs to no ticket: answering it would loop."""
    if f.verdict.kind == OWN_LOOP and f.match.ticket_id is None:
        return Hold("held_own_mail", f"mailgate's own mail came back ({f.verdict.reason})")
    return None


def held_blocked(f: Facts) -> Hold | None:
    """``[security] block``: the sender's mail opens no ticket and joins none."""
    if f.verdict.kind == BLOCKED:
        return Hold("held_blocked", f"blocked sender: {f.verdict.reason}", f.match.ticket_id)
    return None


def held_spam(f: Facts) -> Hold | None:
    """``[security] spam = "hold"``: mail an upstream filter flagged waits for a person."""
    if f.verdict.kind == SPAM and f.verdict.held:
        reason = f"{f.verdict.reason} (security.spam = hold)"
        return Hold("held_spam", reason, f.match.ticket_id)
    return None


def held_review(f: Facts) -> Hold | None:
    """``[security] hold_domains``: a service's mail (sign-up codes, password resets) is
    read by a person before it becomes a ticket ("Ticket Trick")."""
    if f.review_entry is not None:
        return Hold("held_review", f"held for review: {f.review_entry} is in security.hold_domains")
    return None


def held_unauthenticated(f: Facts) -> Hold | None:
    """A reply that joins only because its From is a participant's, and whose sender
    authentication failed: a forged From would otherwise write on the ticket."""
    m = f.match
    if (
        m.ticket_id is not None
        and m.via_participant
        and f.auth.status == "fail"
        and f.failed_authentication == "hold"
        and f.verdict.is_client_message
    ):
        reason = (
            f"from a participant of ticket {m.ticket_id}, but its sender authentication "
            f"failed: {f.auth.detail} (security.failed_authentication = hold)"
        )
        return Hold("held_unauthenticated", reason, m.ticket_id)
    return None


def held_unverified(f: Facts) -> Hold | None:
    """``[security] unverified_reply = "hold"``: a stranger's mail that points at a
    ticket waits for an agent instead of opening a ticket of its own."""
    m = f.match
    if (
        m.ticket_id is None
        and m.unverified_ticket is not None
        and f.unverified_reply == "hold"
        and f.verdict.is_client_message
    ):
        reason = f"{m.reason} (security.unverified_reply = hold)"
        return Hold("held_unverified", reason, m.unverified_ticket)
    return None


def held_forged(f: Facts) -> Hold | None:
    """``[security] forged_new_mail = "hold"``: new mail whose From domain disowns it
    (DMARC fails) waits for a person instead of opening a ticket."""
    if (
        f.match.ticket_id is None
        and f.auth.forged
        and f.forged_new_mail == "hold"
        and f.verdict.is_client_message
    ):
        return Hold(
            "held_forged",
            f"new mail whose sender authentication failed: {f.auth.detail} "
            "(security.forged_new_mail = hold)",
        )
    return None


def held_bounce(f: Facts) -> Hold | None:
    """A delivery report that returns no mail mailgate sent: nobody's ticket."""
    if f.verdict.kind == BOUNCE and f.match.ticket_id is None:
        return Hold(
            "held_bounce", f"a delivery report on mail mailgate did not send ({f.verdict.reason})"
        )
    return None


def held_auto_reply(f: Facts) -> Hold | None:
    """An automatic reply (out of office, autoresponder, a report) that answers no mail
    of the helpdesk's: a stranger's robot, not a client's request."""
    if f.verdict.kind == AUTO_REPLY and f.match.ticket_id is None:
        return Hold(
            "held_auto_reply",
            f"an automatic reply to no mail of the helpdesk's ({f.verdict.reason})",
        )
    return None


def held_rate_limited(f: Facts) -> Hold | None:
    """``[security] new_tickets_per_hour``: a sender past the limit opens no more
    tickets this hour; their mail waits instead."""
    if f.ticket_limit_reached is not None:
        return Hold(
            "held_rate_limited",
            f"its sender opened {f.ticket_limit_reached} tickets within the hour "
            "(security.new_tickets_per_hour)",
        )
    return None


def held_no_ticket(f: Facts) -> Hold | None:
    """Whatever joins no ticket and may not open one: kept for a person rather than
    marked done with no ticket."""
    if f.match.ticket_id is None and not f.verdict.may_open_ticket:
        return Hold("held_no_ticket", f"verdict {f.verdict.kind} opens no ticket")
    return None


HOLD_RULES: tuple[tuple[str, HoldRule], ...] = (
    ("held_own_mail", held_own_mail),
    ("held_blocked", held_blocked),
    ("held_spam", held_spam),
    ("held_review", held_review),
    ("held_unauthenticated", held_unauthenticated),
    ("held_unverified", held_unverified),
    ("held_forged", held_forged),
    ("held_bounce", held_bounce),
    ("held_auto_reply", held_auto_reply),
    ("held_rate_limited", held_rate_limited),
    ("held_no_ticket", held_no_ticket),
)

# One line per rule, for the lists that show held mail.
DESCRIPTIONS: dict[str, str] = {
    name: (rule.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ").replace("    ", " ")
    for name, rule in HOLD_RULES
}


def decide_hold(facts: Facts) -> Hold | None:
    for _name, rule in HOLD_RULES:
        hold = rule(facts)
        if hold is not None:
            return hold
    return None
