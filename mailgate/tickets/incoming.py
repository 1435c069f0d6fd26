"""Incoming mail on the record: a classified, threaded message opens a ticket or joins one.

A message either opens a ticket or joins one.  Opening is decided entirely from the
message (:func:`plan_opening` is pure): the ticket, its participants, the first message,
its attachments and the events are built as records before the transaction and written
in one go.  Joining reads and changes the ticket's state (participants, status through
the state machine), so it runs in the transaction.  Every change is an append-only
event.  Knows nothing of SMTP or IMAP: it receives values and a repository.  What agents
do to a ticket is :mod:`mailgate.tickets.actions`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from mailgate import lifecycle
from mailgate.addresses import is_mailbox
from mailgate.classify import Verdict
from mailgate.classify.bounce import Bounce
from mailgate.contacts.rules import Standing, unauthorized_action
from mailgate.errors import Unprocessable
from mailgate.notify import Prepared
from mailgate.parse import ParsedMail
from mailgate.store.models import LinkKind, Message, Ticket
from mailgate.store.suppressions_repo import SuppressionRepo
from mailgate.store.tickets_repo import (
    EventRecord,
    LinkRecord,
    MessageRecord,
    TicketOpening,
    TicketRepo,
)
from mailgate.subjects import ticket_title
from mailgate.thread import Match
from mailgate.tickets.outgoing import outgoing_records


@dataclass(frozen=True)
class NewTicket:
    """The ticket a message will open, decided before the transaction."""

    number: int
    subject: str
    department: str
    requester: str
    requester_name: str
    priority: str = "normal"
    assignee: str | None = None
    # The client's language, kept on the ticket (None: it follows its department's or
    # the helpdesk's); the language chosen for its mail and the rule that chose it.
    language: str | None = None
    chosen_language: str | None = None
    language_rule: str | None = None


PRIORITIES = ("low", "normal", "high", "urgent")

# What mail programs write: X-Priority 1–5 (Outlook, Thunderbird), Importance (RFC 2156,
# Outlook), Priority (RFC 2156).
_X_PRIORITY = {"1": "high", "2": "high", "3": "normal", "4": "low", "5": "low"}
_IMPORTANCE = {"high": "high", "normal": "normal", "low": "low"}
_PRIORITY = {"urgent": "urgent", "normal": "normal", "non-urgent": "low"}


def priority_of(mail: ParsedMail, default: str) -> tuple[str, str]:
    """The priority the client's mail asks for, and the header that said so; else the
    department's ``default``."""
    for name, table in (("priority", _PRIORITY), ("importance", _IMPORTANCE)):
        value = (mail.header(name) or "").strip().lower()
        if value in table:
            return table[value], f"{name}: {value}"
    value = (mail.header("x-priority") or "").strip()
    if value[:1] in _X_PRIORITY:
        return _X_PRIORITY[value[:1]], f"x-priority: {value}"
    return default, "department default"


@dataclass(frozen=True)
class Incoming:
    mail: ParsedMail
    verdict: Verdict
    match: Match
    department: str
    inbox_id: int
    is_own_address: Callable[[str], bool]  # the helpdesk's own addresses, +tags included
    subject_token: str
    received_at: datetime
    machine: lifecycle.StateMachine = lifecycle.DEFAULT
    close_keyword: str = ""
    # Whether the addresses the sender copied become participants (security.
    # copied_participants: only for an authenticated sender, by default); and why not.
    copies_join: bool = True
    copies_withheld_because: str = ""
    # Joining a ticket: the sender's and the ticket's requester's standing in their
    # organizations, and ``[contacts] unauthorized`` — whether the sender may close or
    # reopen the ticket (rule organization_unauthorized).
    sender_standing: Standing | None = None
    requester_standing: Standing | None = None
    unauthorized: str = "allow"


def suspicious_from(mail: ParsedMail) -> dict[str, Any] | None:
    """The data of a ``suspicious_from`` event when the message's From field may
    mislead whoever reads the ticket (several mailboxes, a display name showing another
    address), else None.  A flag for the agents: the message is kept like any other."""
    if not mail.from_warnings or mail.from_ is None:
        return None
    return {"address": mail.from_.normalized, "reasons": list(mail.from_warnings)}


def check_requester(mail: ParsedMail) -> None:
    """A new ticket is opened for the sender: raises Unprocessable for a message that has
    no usable From address (an address with a domain: a bare name is nobody's mailbox)."""
    if mail.from_ is None or not is_mailbox(mail.from_.address):
        raise Unprocessable("the message has no usable From address to open a ticket for")


def new_ticket(
    mail: ParsedMail,
    number: int,
    department: str,
    subject_token: str,
    *,
    priority: str = "normal",
    assignee: str | None = None,
    language: str | None = None,
    chosen_language: str | None = None,
    language_rule: str | None = None,
) -> NewTicket:
    assert mail.from_ is not None
    return NewTicket(
        number=number,
        subject=ticket_title(mail.subject, subject_token) or "(no subject)",
        department=department,
        requester=mail.from_.normalized,
        requester_name=mail.from_.name,
        priority=priority,
        assignee=assignee,
        language=language,
        chosen_language=chosen_language,
        language_rule=language_rule,
    )


@dataclass(frozen=True)
class Note:
    """An event of the system's own, e.g. an acknowledgment it did not send, and why."""

    kind: str
    data: dict[str, Any]


def plan_opening(
    incoming: Incoming,
    ticket: NewTicket,
    mail_out: Sequence[Prepared],
    now: datetime,
    notes: Sequence[Note] = (),
) -> TicketOpening:
    """The records a new ticket writes: pure."""
    _mail, verdict, match = incoming.mail, incoming.verdict, incoming.match
    people: dict[str, tuple[str, str | None, str]] = {
        ticket.requester: (ticket.requester, ticket.requester_name or None, "requester")
    }
    data: dict[str, Any] = {
        "department": ticket.department,
        "subject": ticket.subject,
        "priority": ticket.priority,
        "verdict": verdict.kind,
    }
    if ticket.language_rule is not None:
        data["language"] = ticket.chosen_language
        data["language_rule"] = ticket.language_rule
    if match.unverified_ticket is not None:
        data["refers_to_ticket"] = match.unverified_ticket
        data["refers_to_reason"] = match.reason
    if match.previous_ticket is not None:
        data["previous_ticket"] = match.previous_ticket
    events = [EventRecord("ticket_opened", ticket.requester, data, about="in")]
    links: list[LinkRecord] = []
    if match.duplicate is not None:
        # [duplicates] mode = flag: both tickets show the link; an agent merges them.
        likely = match.duplicate
        events.append(
            EventRecord("duplicate_flagged", "system", {"of": likely.number} | likely.as_data())
        )
        links.append(LinkRecord(likely.number, LinkKind.DUPLICATE, "system", likely.as_data()))
    warning = suspicious_from(incoming.mail)
    if warning is not None:
        events.append(EventRecord("suspicious_from", "system", warning, about="in"))
    left_out = _copies_left_out(incoming)
    if left_out is not None:
        events.append(EventRecord("participants_not_added", "system", left_out))
    for address, name in _copied(incoming):
        if address not in people:
            people[address] = (address, name or None, "cc")
            events.append(
                EventRecord(
                    "participant_added", ticket.requester, {"address": address, "role": "cc"}
                )
            )
    for k, prepared in enumerate(mail_out):
        events.append(
            EventRecord(
                "mail_queued",
                "system",
                {
                    "template": prepared.kind,
                    "to": prepared.recipients,
                    "message_id": prepared.message_id,
                },
                about=f"out{k}",
            )
        )
    if ticket.assignee is not None:
        events.append(EventRecord("assigned", "system", {"to": ticket.assignee}))
    for note in notes:
        events.append(EventRecord(note.kind, "system", note.data))
    return TicketOpening(
        number=ticket.number,
        subject=ticket.subject,
        status=lifecycle.OPEN,
        department=ticket.department,
        requester=ticket.requester,
        requester_name=ticket.requester_name or None,
        priority=ticket.priority,
        assignee=ticket.assignee,
        language=ticket.language,
        at=now,
        last_client_message_at=incoming.received_at if verdict.is_client_message else None,
        participants=tuple(people.values()),
        incoming=message_record(incoming),
        events=tuple(events),
        outgoing=tuple(outgoing_records(m, now) for m in mail_out),
        links=tuple(links),
    )


@dataclass(frozen=True)
class Applied:
    ticket: Ticket
    message: Message
    closed_by_client: bool = False


def apply_to_ticket(repo: TicketRepo, incoming: Incoming, now: datetime) -> Applied:
    """Add a message to the ticket it was threaded to."""
    assert incoming.match.ticket_id is not None
    ticket = repo.get(incoming.match.ticket_id)
    if ticket is None:  # deleted under us: cannot happen without a hand-edited database
        raise Unprocessable(f"ticket {incoming.match.ticket_id} vanished")
    mail, verdict = incoming.mail, incoming.verdict
    sender = mail.from_.normalized if mail.from_ else "unknown"
    record = message_record(incoming)
    # A client who takes part in the ticket closes it with the keyword on a line of its
    # own; someone let in by this very message (a forwarded mail) cannot.
    wants_close = (
        verdict.is_client_message
        and ticket.status != lifecycle.CLOSED
        and bool(incoming.close_keyword)
        and repo.is_participant(ticket.id, sender)
        and has_keyword_line(record.reply_text or record.text, incoming.close_keyword)
    )
    event = lifecycle.CLIENT_CLOSE if wants_close else lifecycle.client_event(ticket.status)
    # Decided before anything is written: may this sender close or reopen the ticket?
    refused = _refused(incoming, event) if verdict.is_client_message else None
    closing = wants_close and refused is None
    if closing:
        record = replace(
            record,
            text=without_keyword_line(record.text, incoming.close_keyword),
            reply_text=without_keyword_line(record.reply_text, incoming.close_keyword),
        )
    message = repo.add_message(ticket, record, now)
    repo.add_event(
        ticket,
        "message_added",
        sender,
        now,
        {"verdict": verdict.kind, "rule": incoming.match.rule},
        message,
    )
    warning = suspicious_from(mail)
    if warning is not None:
        repo.add_event(ticket, "suspicious_from", "system", now, warning, message)
    if verdict.is_client_message and mail.from_ is not None:
        # The sender (let in by proof, not yet a participant) and whoever they copied;
        # a From without a domain (``root``) names nobody and never takes part.
        left_out = _copies_left_out(incoming)
        if left_out is not None:
            fresh = [a for a in left_out["addresses"] if not repo.is_participant(ticket.id, a)]
            if fresh:
                data = left_out | {"addresses": fresh}
                repo.add_event(ticket, "participants_not_added", "system", now, data)
        newcomers = [
            *([(sender, mail.from_.name, incoming.match.reason)] if is_mailbox(sender) else []),
            *((address, name, None) for address, name in _copied(incoming)),
        ]
        for address, name, how in newcomers:
            if repo.add_participant(ticket, address, name, "cc", now):
                data = {"address": address, "role": "cc"} | ({"how": how} if how else {})
                repo.add_event(ticket, "participant_added", sender, now, data)
        repo.note_client_message(ticket, incoming.received_at)
        new = ticket.status if refused else incoming.machine.next_status(ticket.status, event)
        if refused is not None:
            # The mail stays on the ticket; only what it asked for is not done.
            repo.add_event(ticket, "unauthorized_action", sender, now, refused, message)
        if new != ticket.status:
            repo.add_event(
                ticket,
                "status_changed",
                sender,
                now,
                {"from": ticket.status, "to": new, "event": event},
            )
            repo.set_status(ticket, new, closed=new == lifecycle.CLOSED, at=now)
    repo.touch(ticket, now)
    return Applied(ticket, message, closed_by_client=closing and ticket.status == lifecycle.CLOSED)


def _refused(incoming: Incoming, event: str) -> dict[str, Any] | None:
    """The data of an ``unauthorized_action`` event when the sender may not do what
    their mail would do to the ticket (rule ``organization_unauthorized``), else None."""
    sender, requester = incoming.sender_standing, incoming.requester_standing
    if sender is None or requester is None:
        return None
    return unauthorized_action(sender, requester, event, incoming.unauthorized)


def record_bounce(
    repo: TicketRepo,
    ticket: Ticket,
    bounce: Bounce,
    report: Message,
    now: datetime,
    suppress_for: float | None = None,
) -> None:
    """A delivery report on mail the ticket sent: a permanent failure marks that mail's
    delivery failed (``mailgate ticket N`` shows it), a temporary one is noted; both are
    events of the ticket's history.  The report itself is already on the thread."""
    failed = ", ".join(bounce.recipients) or "its recipients"
    what = f"{bounce.status or 'no status'} ({bounce.reason or 'no reason given'}) for {failed}"
    data = {
        "message_id": bounce.original_message_id,
        "recipients": list(bounce.recipients),
        "status": bounce.status or None,
        "reason": bounce.reason,
        "hard": bounce.hard,
    }
    if bounce.hard:
        detail = f"returned by the recipient's mail server: {what}"
        repo.mark_bounced(bounce.original_message_id or "", detail)
        repo.add_event(ticket, "delivery_failed", "system", now, data, report)
        if suppress_for and bounce.recipients:
            # Mail to these addresses would only bounce again: none is sent for a while.
            until = now + timedelta(seconds=suppress_for)
            suppressions = SuppressionRepo(repo.session)
            for address in bounce.recipients:
                suppressions.suppress(address.lower(), until, detail, now)
            repo.add_event(
                ticket,
                "suppressed",
                "system",
                now,
                {"addresses": list(bounce.recipients), "until": until.isoformat()},
            )
    else:
        repo.add_event(ticket, "delivery_delayed", "system", now, data, report)


def has_keyword_line(text: str, keyword: str) -> bool:
    return any(line.strip() == keyword for line in text.splitlines())


def without_keyword_line(text: str, keyword: str) -> str:
    """The text without the keyword's lines: a command, not content."""
    return "\n".join(line for line in text.splitlines() if line.strip() != keyword).strip("\n")


def _copied(incoming: Incoming) -> list[tuple[str, str]]:
    """Addresses the client wrote to besides the helpdesk: they take part in the ticket,
    so that their replies are accepted and they receive the answers — unless the sender
    is not trusted to bring people in (``copies_join``)."""
    return _addressed(incoming) if incoming.copies_join else []


def _copies_left_out(incoming: Incoming) -> dict[str, Any] | None:
    if incoming.copies_join or not incoming.verdict.is_client_message:
        return None
    addresses = [a for a, _n in _addressed(incoming)]
    if not addresses:
        return None
    return {"addresses": addresses, "reason": incoming.copies_withheld_because}


def _addressed(incoming: Incoming) -> list[tuple[str, str]]:
    mail = incoming.mail
    return [
        (a.normalized, a.name)
        for a in (*mail.to, *mail.cc)
        if is_mailbox(a.address) and not incoming.is_own_address(a.normalized)
    ]


def message_record(incoming: Incoming) -> MessageRecord:
    mail = incoming.mail
    return MessageRecord(
        direction="in",
        message_id=mail.message_id,
        from_address=mail.from_.normalized if mail.from_ else None,
        from_name=mail.from_.name if mail.from_ else None,
        to=[a.as_dict() for a in mail.to],
        cc=[a.as_dict() for a in mail.cc],
        subject=mail.subject,
        date=mail.date,
        text=mail.text,
        reply_text=mail.reply_text,
        html=mail.html,
        kind=incoming.verdict.kind,
        inbox_id=incoming.inbox_id,
        received_at=incoming.received_at,
        attachments=mail.attachments,
    )
