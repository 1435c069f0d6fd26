"""What agents do to a ticket: answer it (or see the answer first), change its status,
its department, its priority, its assignee.

The same functions serve ``mailgate reply`` and ``mailgate ticket``, the HTTP API, the
console and an agent's answer by mail.  Each renders its mail before the transaction (a
template that fails raises :class:`TemplateError` and nothing is written or sent), then
writes the outgoing mail, its place in the thread and the events in one transaction: a
mail is queued if and only if its event is recorded.

An answer goes From the department's address to the ticket's requester, with its Cc'd
participants in Cc (:mod:`mailgate.tickets.addressing`); never to an agent's own
address.  The mail a ticket sends and its limits are :mod:`mailgate.tickets.outgoing`.
Who acts — an :class:`Agent` or the :class:`System` — is :mod:`mailgate.tickets.actors`;
the department, priority and assignee changes are :mod:`mailgate.tickets.changes`,
offered here too; internal notes are :mod:`mailgate.tickets.notes`.

A reply may say which client message its agent saw last (``seen_message``): if the
client wrote since, the reply is refused (:class:`StaleReply`) — checked again under the
ticket's lock, so a message that arrives while the reply is written is caught too — and
the agent reads the new mail before answering it blind.

The scheduler's auto-close (``tickets.autoclose``) closes a ticket through
:func:`record_status_change` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from mailgate import lifecycle
from mailgate.errors import ActionRefused, StaleReply, Unaddressable
from mailgate.notify import Notifier, OutAttachment, Party, Prepared
from mailgate.parse.signoff import without_name
from mailgate.store.engine import Store
from mailgate.store.models import Ticket, utcnow
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.actors import Actor, Agent, Done, System, locked, read_thread
from mailgate.tickets.addressing import TicketThread, ticket_thread
from mailgate.tickets.changes import (
    KEEP,
    Changed,
    assign,
    change_status,
    change_ticket,
    move_department,
    move_status,
    record_status_change,
    set_priority,
)
from mailgate.tickets.incoming import Incoming, message_record
from mailgate.tickets.labels import check_closable
from mailgate.tickets.outgoing import (
    outgoing_records,
    over_recipient_limit,
    withhold,
)
from mailgate.tickets.ratings import ask_for_rating

__all__ = [
    "KEEP",
    "Actor",
    "Agent",
    "Changed",
    "Done",
    "Preview",
    "System",
    "answer_templates",
    "assign",
    "change_status",
    "change_ticket",
    "move_department",
    "post_reply",
    "preview_reply",
    "record_status_change",
    "relay_agent_mail",
    "set_priority",
]


# What an agent's answer is rendered from unless they choose a canned answer.
DEFAULT_TEMPLATE = "agent_reply"


@dataclass(frozen=True)
class Preview:
    """The mail a reply would send, as its recipients will read it; nothing written."""

    number: int
    from_: Party
    to: tuple[Party, ...]
    cc: tuple[Party, ...]
    subject: str
    text: str
    html: str | None
    attachments: tuple[str, ...]  # the files' names
    status: str  # the ticket's status after the reply


def post_reply(
    store: Store,
    notifier: Notifier,
    number: int,
    body: str,
    agent: Actor,
    *,
    template: str = DEFAULT_TEMPLATE,
    status: str | None = None,
    attachments: Sequence[OutAttachment] = (),
    seen_message: int | None = None,
    now: datetime | None = None,
) -> Done:
    """Answer ticket ``number`` with ``body`` through ``template``; the status moves as
    the state machine says for an agent's reply, or to ``status`` when given.
    ``seen_message``: the id of the latest incoming message the agent saw; a client
    message after it refuses the reply with :class:`StaleReply` (None: no check)."""
    now = now or utcnow()
    thread, machine, new = _reply_plan(store, notifier, number, body, status, attachments)
    if seen_message is not None:
        _check_seen(number, thread.incoming_ids, seen_message)
    prepared = _render_for(notifier, thread, new, body, agent, template, attachments, now)
    with locked(store, number) as (repo, ticket):
        if seen_message is not None:
            _check_seen(number, repo.incoming_after(number, seen_message), seen_message)
        previous = ticket.status
        _write_reply(repo, ticket, prepared, body, agent, status, machine, now)
        if previous != lifecycle.CLOSED:
            ask_for_rating(repo, notifier, ticket, now)
    return Done(number, ticket.status, previous, prepared.message_id, tuple(prepared.recipients))


def preview_reply(
    store: Store,
    notifier: Notifier,
    number: int,
    body: str,
    agent: Actor,
    *,
    template: str = DEFAULT_TEMPLATE,
    status: str | None = None,
    attachments: Sequence[OutAttachment] = (),
    now: datetime | None = None,
) -> Preview:
    """The mail :func:`post_reply` would send with the same arguments — rendered the
    same way, refused for the same reasons — without writing or sending anything."""
    now = now or utcnow()
    thread, _machine, new = _reply_plan(store, notifier, number, body, status, attachments)
    p = _render_for(notifier, thread, new, body, agent, template, attachments, now)
    return Preview(
        number,
        p.sender,
        p.to,
        p.cc,
        p.subject,
        p.text,
        p.html,
        tuple(a.filename for a in p.attachments),
        new,
    )


def answer_templates(notifier: Notifier, department: str, language: str | None = None) -> list[str]:
    """The templates an agent may answer a ticket of ``department`` with: ``agent_reply``
    and the canned answers (``answer_*`` folders of ``[templates] directory``, at its
    top or in the department's or the language's folder — the ticket's ``language``,
    else ``[helpdesk] language``; docs/answering.md)."""
    language = language or notifier.config.helpdesk.language
    return [DEFAULT_TEMPLATE, *notifier.templates.answers(department, language)]


def _reply_plan(
    store: Store,
    notifier: Notifier,
    number: int,
    body: str,
    status: str | None,
    attachments: Sequence[OutAttachment],
) -> tuple[TicketThread, lifecycle.StateMachine, str]:
    """The ticket's thread, its state machine and the status after the reply; refused
    when the reply is empty or the status is not one an agent may choose."""
    if status is not None and status not in lifecycle.STATUSES:
        raise ActionRefused(
            f"unknown status {status!r} (expected one of {', '.join(lifecycle.STATUSES)})"
        )
    if not body.strip() and not attachments:
        raise ActionRefused("the reply is empty")
    thread = read_thread(store, number)
    machine = notifier.config.lifecycle.machine()
    if status is not None and status != thread.status:
        machine.check_agent_choice(thread.status, status)
    if status == lifecycle.CLOSED and thread.status != lifecycle.CLOSED:
        check_closable(store, notifier.config, number)
    return thread, machine, status or machine.next_status(thread.status, lifecycle.AGENT_REPLY)


def _render_for(
    notifier: Notifier,
    thread: TicketThread,
    status: str,
    body: str,
    agent: Actor,
    template: str,
    attachments: Sequence[OutAttachment],
    now: datetime,
) -> Prepared:
    try:
        return _render_reply(notifier, thread, status, body, agent, template, attachments, now)
    except Unaddressable as e:
        raise ActionRefused(f"ticket {thread.ticket_id} cannot be answered by mail: {e}") from e


def _check_seen(number: int, incoming: Sequence[int], seen: int) -> None:
    new = tuple(sorted(m for m in incoming if m > seen))
    if new:
        raise StaleReply(number, new)


def relay_agent_mail(
    repo: TicketRepo,
    notifier: Notifier,
    incoming: Incoming,
    agent: Agent,
    now: datetime,
    *,
    relay: bool,
) -> Ticket:
    """An agent's mail on a ticket: kept in the thread as it came (``agent_mail``, seen
    by the team only) and, when ``relay``, sent on to the client as ``agent_reply`` From
    the department — the new part of it (quotes, signature and sign-off cut, and the
    agent's name typed at its end, which the template's signature carries), with its
    attachments, the agent's own address nowhere.  Runs in the processing transaction.

    A From address is easily forged, so the caller relays only mail that answers an
    alert of this ticket, whose Message-ID only its agents received; other mail from an
    agent's address is kept for the team and not sent anywhere."""
    assert incoming.match.ticket_id is not None
    ticket = repo.get(incoming.match.ticket_id)
    if ticket is None:
        raise LookupError(f"ticket {incoming.match.ticket_id} vanished")
    mail = incoming.mail
    kept = repo.add_message(ticket, replace(message_record(incoming), kind="agent_mail"), now)
    repo.add_event(ticket, "agent_mail", agent.actor, now, {"rule": incoming.match.rule}, kept)
    if not relay:
        reason = "it does not answer an alert of this ticket"
        repo.add_event(ticket, "agent_mail_not_relayed", "system", now, {"reason": reason})
        return ticket
    body = (mail.reply_text or mail.text).strip("\n")
    if agent.name:
        # The template signs with the agent's name: not twice ("Thanks,\nAnn" above it).
        body = without_name(body, agent.name)
    files = tuple(
        OutAttachment(a.filename, a.content_type, a.data) for a in mail.attachments if not a.inline
    )
    if not body.strip() and not files:
        repo.add_event(ticket, "agent_mail_not_relayed", "system", now, {"reason": "empty"})
        return ticket
    thread = ticket_thread(repo, ticket)
    machine = notifier.config.lifecycle.machine()
    new = machine.next_status(ticket.status, lifecycle.AGENT_REPLY)
    try:
        prepared = _render_reply(notifier, thread, new, body, agent, DEFAULT_TEMPLATE, files, now)
    except Unaddressable as e:
        repo.add_event(ticket, "agent_mail_not_relayed", "system", now, {"reason": str(e)})
        return ticket
    limits = notifier.config.security.recipient_limits
    over = over_recipient_limit(repo, ticket, prepared, now, limits)
    if over is not None:
        withhold(repo, ticket, prepared, over, now)
        return ticket
    _write_reply(repo, ticket, prepared, body, agent, None, machine, now)
    return ticket


def _render_reply(
    notifier: Notifier,
    thread: TicketThread,
    status: str,
    body: str,
    agent: Actor,
    template: str,
    attachments: Sequence[OutAttachment],
    now: datetime,
) -> Prepared:
    return notifier.prepare(
        template,
        replace(thread.facts, status=status),
        to=thread.to,
        cc=thread.cc,
        extra={"reply": {"body": body.strip("\n")}, "agent": {"name": agent.name}},
        in_reply_to=thread.in_reply_to,
        references=thread.references,
        attachments=tuple(attachments),
        automatic=False,
        now=now,
    )


def _write_reply(
    repo: TicketRepo,
    ticket: Ticket,
    prepared: Prepared,
    body: str,
    agent: Actor,
    status: str | None,
    machine: lifecycle.StateMachine,
    now: datetime,
) -> None:
    # Without an explicit status, the state machine decides from the status as it is now
    # (a client's reply may have come in since the reply was rendered).
    new = status or machine.next_status(ticket.status, lifecycle.AGENT_REPLY)
    out, message = outgoing_records(prepared, now, body.strip("\n"))
    row = repo.add_outgoing(ticket, out, message, now)
    if isinstance(agent, Agent):
        repo.add_participant(ticket, agent.address, agent.name or None, "agent", now)
    repo.add_event(
        ticket,
        "agent_reply",
        agent.actor,
        now,
        {"template": prepared.kind, "to": prepared.recipients, "message_id": prepared.message_id},
        row,
    )
    move_status(repo, ticket, new, agent.actor, "agent_reply" if status is None else None, now)
    repo.touch(ticket, now)
