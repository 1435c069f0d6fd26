"""thread: which ticket a message belongs to, and why.

Rules run in order; the first that finds a ticket the sender is entitled to decides:

0. ``reply_token`` — the message was written to a ticket's signed reply address
   (``support+123.<mac>@…``, see :mod:`mailgate.reply_addresses`): only mail of that ticket
   carried it, so it is proof in itself and takes precedence over everything else.
1. ``references`` — In-Reply-To, then References from the newest, against every
   Message-ID mailgate has stored, inbound and outbound.
2. ``subject_token`` — the ticket token in the subject (``#[123]`` by default).
3. ``new_ticket`` — none of the above.

A merged ticket's number still leads to the ticket it was merged into (its subject
token, its signed reply address); its messages moved there, so References find it too.

Threading is not authorization.  A ticket number is easy to guess and a subject easy to
copy, so a match is accepted only when the sender is a participant of the ticket, or the
message proves it was written in answer to mail the ticket sent (it references a
Message-ID that mailgate issued for that ticket).  Otherwise the message opens a new ticket
that notes the reference, and the stranger learns nothing about the old one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from mailgate.addresses import is_mailbox
from mailgate.duplicates import Likely
from mailgate.parse import ParsedMail
from mailgate.vocabulary import Term


class ThreadRule(Term):
    """How a message found its ticket, or why it found none: stored as the inbox row's
    ``thread_rule`` (the hold rules of :mod:`mailgate.process.disposition` too) and shown
    by ``mailgate explain``."""

    REPLY_ADDRESS = "reply_token"  # written to the ticket's signed reply address
    REFERENCES = "references"
    SUBJECT_TOKEN = "subject_token"
    NEW_TICKET = "new_ticket"
    # Decided by the processing stage, past threading:
    ACCEPTED = "accepted"  # a person accepted it onto a ticket
    BOUNCE = "bounce"  # returned mail, by the Message-ID it returns
    DUPLICATE = "duplicate"  # joined to the sender's open ticket it repeats


@dataclass(frozen=True)
class MessageRef:
    ticket_id: int
    message_id: str
    direction: str  # in | out


@dataclass(frozen=True)
class Match:
    ticket_id: int | None
    rule: str
    reason: str
    # A ticket the message pointed at but whose participants do not include the sender.
    unverified_ticket: int | None = None
    # A ticket the message answers that was closed too long ago to reopen: the new
    # ticket links to it.
    previous_ticket: int | None = None
    # Joined because the sender is a participant (not by a proof of knowledge: a signed
    # reply address or a Message-ID mailgate sent): only the From address vouches for it.
    via_participant: bool = False
    # The sender's open ticket this message likely repeats ([duplicates]): a new ticket
    # is linked to it, or (rule ``duplicate``) the message joins it.
    duplicate: Likely | None = None


class ThreadLookup(Protocol):
    def message_refs(self, message_ids: list[str]) -> list[MessageRef]:
        """The stored messages with these Message-IDs, the earliest stored first."""
        ...

    def ticket_exists(self, ticket_id: int) -> bool: ...

    def is_participant(self, ticket_id: int, address: str) -> bool: ...

    def merged_into(self, ticket_id: int) -> int | None:
        """The ticket a merged ticket was merged into (its number leads there), or None."""
        ...


def _current(lookup: ThreadLookup, number: int) -> tuple[int, str]:
    """The ticket ``number`` leads to — itself, or the ticket it was merged into — and
    the words that say so in a reason."""
    into = lookup.merged_into(number)
    if into is None:
        return number, ""
    return into, f" (ticket {number} was merged into ticket {into})"


@dataclass(frozen=True)
class Facts:
    mail: ParsedMail
    sender: str | None  # the From address, normalized
    signed_ticket: int | None = None  # from a signed reply address it was written to


Rule = Callable[[Facts, ThreadLookup], Match | None]


def by_reply_address(facts: Facts, lookup: ThreadLookup) -> Match | None:
    """The message was written to a ticket's signed reply address (``support+123.<mac>@…``,
    :mod:`mailgate.reply_addresses`): only that ticket's mail carried it, so it is proof in
    itself."""
    number = facts.signed_ticket
    if number is None or not lookup.ticket_exists(number):
        return None
    ticket, merged = _current(lookup, number)
    return Match(
        ticket,
        ThreadRule.REPLY_ADDRESS,
        f"written to the signed reply address of ticket {number}{merged}",
    )


def by_references(facts: Facts, lookup: ThreadLookup) -> Match | None:
    """RFC 5322 §3.6.4: In-Reply-To and References name the messages this one answers."""
    wanted = facts.mail.thread_ids()
    if not wanted:
        return None
    # A Message-ID stored more than once (a sender reused one, or forged one) belongs to
    # the ticket that stored it first: a later copy cannot pull replies elsewhere.
    refs: dict[str, MessageRef] = {}
    for r in lookup.message_refs(wanted):
        refs.setdefault(r.message_id, r)
    unverified: int | None = None
    for mid in wanted:
        ref = refs.get(mid)
        if ref is None:
            continue
        if ref.direction == "out":
            return Match(
                ref.ticket_id,
                ThreadRule.REFERENCES,
                f"answers <{mid}>, which mailgate sent for ticket {ref.ticket_id}",
            )
        if facts.sender and lookup.is_participant(ref.ticket_id, facts.sender):
            return Match(
                ref.ticket_id,
                ThreadRule.REFERENCES,
                f"answers <{mid}> of ticket {ref.ticket_id}; {facts.sender} is a participant",
                via_participant=True,
            )
        unverified = unverified or ref.ticket_id
    if unverified is not None:
        return Match(
            None,
            ThreadRule.NEW_TICKET,
            f"references ticket {unverified}, but {facts.sender or 'the sender'} is "
            f"not a participant and the message answers no mail that ticket sent",
            unverified_ticket=unverified,
        )
    return None


def by_subject_token(facts: Facts, lookup: ThreadLookup) -> Match | None:
    """The ticket token mailgate puts in every subject it sends (``#[123]``)."""
    token = facts.mail.ticket_number
    if token is None or not lookup.ticket_exists(token):
        return None
    # A merged ticket's number leads to the ticket it was merged into.
    number, merged = _current(lookup, token)
    if facts.sender and lookup.is_participant(number, facts.sender):
        return Match(
            number,
            ThreadRule.SUBJECT_TOKEN,
            f"subject carries the token of ticket {token}{merged}; {facts.sender} is a participant",
            via_participant=True,
        )
    return Match(
        None,
        ThreadRule.NEW_TICKET,
        f"subject carries the token of ticket {token}{merged}, but "
        f"{facts.sender or 'the sender'} is not a participant",
        unverified_ticket=number,
    )


RULES: tuple[tuple[str, Rule], ...] = (
    (ThreadRule.REPLY_ADDRESS, by_reply_address),
    (ThreadRule.REFERENCES, by_references),
    (ThreadRule.SUBJECT_TOKEN, by_subject_token),
)


def find_ticket(mail: ParsedMail, lookup: ThreadLookup, signed_ticket: int | None = None) -> Match:
    # A From without a domain (``root``) names nobody: it is no participant's.
    sender = mail.from_.normalized if mail.from_ and is_mailbox(mail.from_.address) else None
    facts = Facts(mail, sender, signed_ticket)
    refused: Match | None = None
    for _name, rule in RULES:
        match = rule(facts, lookup)
        if match is None:
            continue
        if match.ticket_id is not None:
            return match
        refused = refused or match
    if refused is not None:
        return refused
    return Match(None, ThreadRule.NEW_TICKET, "no reference to a known message and no ticket token")
