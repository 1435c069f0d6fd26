"""What agents do to a ticket: answer it, change its status.

The same functions serve ``mailgate reply``, the HTTP API and an agent's answer by mail.
Each renders its mail before the transaction (a template that fails raises
:class:`TemplateError` and nothing is written or sent), then writes the outgoing mail, its
place in the thread and the events in one transaction: a mail is queued if and only if
its event is recorded.

An answer goes From the department's address to the ticket's requester, with its Cc'd
participants in Cc; never to an agent's own address.  It threads in the client's mail
program: In-Reply-To the client's latest message, References the thread so far.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mailgate.notify import Notifier, OutAttachment, Party, Prepared, TicketFacts
from mailgate.parse.model import Attachment as StoredAttachment
from mailgate.store.engine import Store
from mailgate.store.models import Message, Participant, Ticket, utcnow
from mailgate.store.tickets_repo import MessageRecord, OutboxRecord, TicketRepo
from mailgate.tickets import lifecycle

# Messages of a ticket's thread the client never saw.
INTERNAL_KINDS = ("agent_alert", "agent_mail")


class TicketNotFound(LookupError):
    def __init__(self, number: int) -> None:
        super().__init__(f"there is no ticket {number}")
        self.number = number


class ActionRefused(ValueError):
    """The action does not apply to the ticket as it is (the message says why)."""


@dataclass(frozen=True)
class Agent:
    """Who acts: an agent's address (or a name for the CLI's user) and display name."""

    actor: str
    name: str = ""


@dataclass(frozen=True)
class Done:
    number: int
    status: str
    previous_status: str
    message_id: str | None  # of the mail queued, if any
    recipients: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Thread:
    ticket_id: int
    status: str
    to: tuple[Party, ...]
    cc: tuple[Party, ...]
    in_reply_to: str | None
    references: tuple[str, ...]
    facts: TicketFacts


def _read(store: Store, number: int) -> _Thread:
    with store.read() as session:
        repo = TicketRepo(session)
        ticket = repo.get(number)
        if ticket is None:
            raise TicketNotFound(number)
        return _thread_of(ticket, repo.participants(number), repo.messages(number))


def _thread_of(
    ticket: Ticket, participants: Sequence[Participant], messages: Sequence[Message]
) -> _Thread:
    requester = next((p for p in participants if p.role == "requester"), None)
    to = (
        Party(requester.name or "", requester.address)
        if requester
        else Party(ticket.requester_name or "", ticket.requester)
    )
    cc = tuple(Party(p.name or "", p.address) for p in participants if p.role == "cc")
    # Only mail the client saw threads: their own messages and what was sent to them, not
    # the alerts to agents nor the agents' answers to them.
    seen = [m.message_id for m in messages if m.message_id and m.kind not in INTERNAL_KINDS]
    client = [m for m in messages if m.direction == "in" and m.kind == "human" and m.message_id]
    in_reply_to = client[-1].message_id if client else None
    references = tuple(seen)
    facts = TicketFacts(
        ticket.id,
        ticket.subject,
        ticket.status,
        ticket.department,
        ticket.requester,
        ticket.requester_name or "",
        ticket.created_at,
    )
    return _Thread(ticket.id, ticket.status, (to,), cc, in_reply_to, references, facts)


def _stored(attachments: Sequence[OutAttachment]) -> tuple[StoredAttachment, ...]:
    return tuple(
        StoredAttachment(
            filename=a.filename,
            content_type=a.content_type,
            size=len(a.data),
            sha256=hashlib.sha256(a.data).hexdigest(),
            inline=False,
            content_id=None,
            data=a.data,
        )
        for a in attachments
    )


def _record(prepared: Prepared, body: str, at: datetime) -> tuple[OutboxRecord, MessageRecord]:
    p = prepared
    return (
        OutboxRecord(p.kind, p.message_id, p.sender.address, p.recipients, p.raw),
        MessageRecord(
            direction="out",
            message_id=p.message_id,
            from_address=p.sender.address,
            from_name=p.sender.name,
            to=[{"name": x.name, "address": x.address} for x in p.to],
            cc=[{"name": x.name, "address": x.address} for x in p.cc],
            subject=p.subject,
            date=at,
            text=p.text,
            reply_text=body or p.text,
            html=p.html,
            kind=p.kind,
            attachments=_stored(p.attachments),
        ),
    )


def post_reply(
    store: Store,
    notifier: Notifier,
    number: int,
    body: str,
    agent: Agent,
    *,
    template: str = "agent_reply",
    status: str | None = None,
    attachments: Sequence[OutAttachment] = (),
    now: datetime | None = None,
) -> Done:
    """Answer ticket ``number`` with ``body`` through ``template``; the status moves as
    the state machine says for an agent's reply, or to ``status`` when given."""
    now = now or utcnow()
    if status is not None and status not in lifecycle.STATUSES:
        raise ActionRefused(
            f"unknown status {status!r} (expected one of {', '.join(lifecycle.STATUSES)})"
        )
    if not body.strip() and not attachments:
        raise ActionRefused("the reply is empty")
    thread = _read(store, number)
    new = status or lifecycle.next_status(thread.status, lifecycle.AGENT_REPLY)
    prepared = notifier.prepare(
        template,
        _with_status(thread.facts, new),
        to=thread.to,
        cc=thread.cc,
        extra={"reply": {"body": body.strip("\n")}, "agent": {"name": agent.name}},
        in_reply_to=thread.in_reply_to,
        references=thread.references,
        attachments=tuple(attachments),
        automatic=False,
        now=now,
    )
    out, message = _record(prepared, body.strip("\n"), now)
    with store.write() as session:
        repo = TicketRepo(session)
        ticket = repo.get_for_update(number)
        if ticket is None:
            raise TicketNotFound(number)
        previous = ticket.status
        if status is None:
            # The status may have moved since it was read (a client's reply came in).
            new = lifecycle.next_status(previous, lifecycle.AGENT_REPLY)
        row = repo.add_outgoing(ticket, out, message, now)
        repo.add_participant(ticket, agent.actor, agent.name or None, "agent", now)
        repo.add_event(
            ticket,
            "agent_reply",
            agent.actor,
            now,
            {"template": template, "to": prepared.recipients, "message_id": prepared.message_id},
            row,
        )
        _move(repo, ticket, new, agent.actor, "agent_reply" if status is None else None, now)
        repo.touch(ticket, now)
    return Done(number, new, previous, prepared.message_id, tuple(prepared.recipients))


def change_status(
    store: Store,
    notifier: Notifier,
    number: int,
    status: str,
    agent: Agent,
    *,
    note: str = "",
    notify: bool = True,
    now: datetime | None = None,
) -> Done:
    """Set ticket ``number``'s status (an agent's decision: any status may follow any
    other), and tell the client with ``status_changed`` — or ``ticket_closed`` when it
    closes — unless ``notify`` is false."""
    now = now or utcnow()
    if status not in lifecycle.STATUSES:
        raise ActionRefused(
            f"unknown status {status!r} (expected one of {', '.join(lifecycle.STATUSES)})"
        )
    thread = _read(store, number)
    if thread.status == status:
        raise ActionRefused(f"ticket {number} is already {status}")
    prepared = None
    if notify:
        kind = "ticket_closed" if status == lifecycle.CLOSED else "status_changed"
        prepared = notifier.prepare(
            kind,
            _with_status(thread.facts, status),
            to=thread.to,
            cc=thread.cc,
            extra={
                "reply": {"body": note.strip("\n")},
                "agent": {"name": agent.name},
                "status": {
                    "old": thread.status,
                    "new": status,
                    "old_label": lifecycle.label(thread.status),
                    "new_label": lifecycle.label(status),
                },
                "closed": {"automatically": False, "after": ""},
            },
            in_reply_to=thread.in_reply_to,
            references=thread.references,
            now=now,
        )
    with store.write() as session:
        repo = TicketRepo(session)
        ticket = repo.get_for_update(number)
        if ticket is None:
            raise TicketNotFound(number)
        previous = ticket.status
        _move(repo, ticket, status, agent.actor, None, now)
        if prepared is not None:
            out, message = _record(prepared, note.strip("\n"), now)
            row = repo.add_outgoing(ticket, out, message, now)
            repo.add_event(
                ticket,
                "mail_queued",
                "system",
                now,
                {
                    "template": prepared.kind,
                    "to": prepared.recipients,
                    "message_id": prepared.message_id,
                },
                row,
            )
        repo.touch(ticket, now)
    return Done(
        number,
        status,
        previous,
        prepared.message_id if prepared else None,
        tuple(prepared.recipients) if prepared else (),
    )


def _with_status(facts: TicketFacts, status: str) -> TicketFacts:
    return TicketFacts(
        facts.number,
        facts.subject,
        status,
        facts.department,
        facts.requester,
        facts.requester_name,
        facts.created_at,
    )


def _move(
    repo: TicketRepo, ticket: Ticket, new: str, actor: str, event: str | None, now: datetime
) -> None:
    if new == ticket.status:
        return
    data = {"from": ticket.status, "to": new, "event": event or "agent_status_change"}
    repo.add_event(ticket, "status_changed", actor, now, data)
    repo.set_status(ticket, new, closed=new == lifecycle.CLOSED, at=now)
