"""What agents do to a ticket: answer it, change its status, its department, its
priority, its assignee.

The same functions serve ``mailgate reply`` and ``mailgate ticket``, the HTTP API and an
agent's answer by mail.  Each renders its mail before the transaction (a template that
fails raises :class:`TemplateError` and nothing is written or sent), then writes the
outgoing mail, its place in the thread and the events in one transaction: a mail is
queued if and only if its event is recorded.

An answer goes From the department's address to the ticket's requester, with its Cc'd
participants in Cc (:mod:`mailgate.tickets.addressing`); never to an agent's own
address.  The mail a ticket sends and its limits are :mod:`mailgate.tickets.outgoing`.

Who acts is an :class:`Agent` of ``[[agents]]`` — named in the history, a participant
of the tickets they answer, the signature of their answers — or the :class:`System`
(a command run without an agent, an API token that names none), which the history
names and which never takes part in a ticket: only an e-mail address can, as only an
address can be checked against the From of mail that claims to come from it.

The scheduler's auto-close (``tickets.autoclose``) closes a ticket through
:func:`record_status_change` too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime

from mailgate import lifecycle
from mailgate.addresses import is_mailbox
from mailgate.config import Config
from mailgate.errors import ActionRefused, TicketNotFound, Unaddressable
from mailgate.notify import Notifier, OutAttachment, Prepared
from mailgate.parse.quotes import without_name
from mailgate.store.engine import Store
from mailgate.store.models import Ticket, utcnow
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.addressing import TicketThread, thread_of
from mailgate.tickets.incoming import PRIORITIES, Incoming, message_record
from mailgate.tickets.outgoing import (
    outgoing_records,
    over_recipient_limit,
    queue_mail,
    status_notice,
    withhold,
)


@dataclass(frozen=True)
class Agent:
    """An agent of ``[[agents]]`` acting: their address names them in the history and
    takes part in the tickets they answer; their name signs the answers."""

    address: str
    name: str = ""

    def __post_init__(self) -> None:
        if not is_mailbox(self.address):
            raise ValueError(f"an agent is an e-mail address, not {self.address!r}")

    @property
    def actor(self) -> str:
        return self.address


@dataclass(frozen=True)
class System:
    """mailgate acting for no agent: a command run without one, an API token that names
    none.  ``actor`` names it in the history (``system``, ``api token reporting``); it
    never takes part in a ticket, and its answers are signed with the department's
    name only."""

    actor: str = "system"

    @property
    def name(self) -> str:
        return ""


# Who acts on a ticket.
Actor = Agent | System


@dataclass(frozen=True)
class Done:
    number: int
    status: str
    previous_status: str
    message_id: str | None  # of the mail queued, if any
    recipients: tuple[str, ...] = ()


@contextmanager
def _locked(store: Store, number: int) -> Iterator[tuple[TicketRepo, Ticket]]:
    """A write transaction with ticket ``number`` locked in it."""
    with store.write() as session:
        repo = TicketRepo(session)
        ticket = repo.get_for_update(number)
        if ticket is None:
            raise TicketNotFound(number)
        yield repo, ticket


def _read(store: Store, number: int) -> TicketThread:
    with store.read() as session:
        repo = TicketRepo(session)
        ticket = repo.get(number)
        if ticket is None:
            raise TicketNotFound(number)
        return thread_of(ticket, repo.participants(number), repo.messages(number))


def post_reply(
    store: Store,
    notifier: Notifier,
    number: int,
    body: str,
    agent: Actor,
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
    machine = notifier.config.lifecycle.machine()
    if status is not None and status != thread.status:
        machine.check_agent_choice(thread.status, status)
    new = status or machine.next_status(thread.status, lifecycle.AGENT_REPLY)
    try:
        prepared = _render_reply(notifier, thread, new, body, agent, template, attachments, now)
    except Unaddressable as e:
        raise ActionRefused(f"ticket {number} cannot be answered by mail: {e}") from e
    with _locked(store, number) as (repo, ticket):
        previous = ticket.status
        _write_reply(repo, ticket, prepared, body, agent, status, machine, now)
    return Done(number, ticket.status, previous, prepared.message_id, tuple(prepared.recipients))


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
    thread = thread_of(ticket, repo.participants(ticket.id), repo.messages(ticket.id))
    machine = notifier.config.lifecycle.machine()
    new = machine.next_status(ticket.status, lifecycle.AGENT_REPLY)
    try:
        prepared = _render_reply(notifier, thread, new, body, agent, "agent_reply", files, now)
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
    _move(repo, ticket, new, agent.actor, "agent_reply" if status is None else None, now)
    repo.touch(ticket, now)


def change_status(
    store: Store,
    notifier: Notifier,
    number: int,
    status: str,
    agent: Actor,
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
    machine = notifier.config.lifecycle.machine()
    machine.check_agent_choice(thread.status, status)
    prepared = None
    if notify:
        try:
            prepared = status_notice(
                notifier, thread, status, note=note, agent_name=agent.name, now=now
            )
        except Unaddressable as e:
            raise ActionRefused(f"the client of ticket {number} cannot be told by mail: {e}") from e
    with _locked(store, number) as (repo, ticket):
        previous = ticket.status
        record_status_change(repo, ticket, status, agent.actor, None, prepared, note, now)
    return Done(
        number,
        status,
        previous,
        prepared.message_id if prepared else None,
        tuple(prepared.recipients) if prepared else (),
    )


def record_status_change(
    repo: TicketRepo,
    ticket: Ticket,
    status: str,
    actor: str,
    event: str | None,
    notice: Prepared | None,
    note: str,
    now: datetime,
) -> None:
    """Move ``ticket`` (locked by the caller's transaction) to ``status`` and queue its
    ``notice``, in the caller's transaction: the mail is queued if and only if the change
    is recorded.  ``event`` names the state machine's event; None: an agent's decision."""
    _move(repo, ticket, status, actor, event, now)
    if notice is not None:
        queue_mail(repo, ticket, notice, now, note.strip("\n"))
    repo.touch(ticket, now)


def _move(
    repo: TicketRepo, ticket: Ticket, new: str, actor: str, event: str | None, now: datetime
) -> None:
    if new == ticket.status:
        return
    data = {"from": ticket.status, "to": new, "event": event or "agent_status_change"}
    repo.add_event(ticket, "status_changed", actor, now, data)
    repo.set_status(ticket, new, closed=new == lifecycle.CLOSED, at=now)


@dataclass(frozen=True)
class Changed:
    number: int
    field: str  # department | priority | assignee
    old: str | None
    new: str | None
    message_id: str | None = None  # of the notice queued, if any


def move_department(
    store: Store,
    notifier: Notifier,
    number: int,
    department: str,
    agent: Actor,
    *,
    notify: bool = True,
    now: datetime | None = None,
) -> Changed:
    """Move ticket ``number`` to ``department``; the client is told with
    ``department_changed``, From the new department's address (their replies go there)."""
    now = now or utcnow()
    config = notifier.config
    if config.department(department) is None:
        names = ", ".join(d.name for d in config.departments)
        raise ActionRefused(f"unknown department {department!r} (expected one of {names})")
    thread = _read(store, number)
    old = thread.facts.department
    if old == department:
        raise ActionRefused(f"ticket {number} is already in department {department}")
    prepared = None
    if notify:
        facts = replace(thread.facts, department=department)
        old_config = config.department(old)
        try:
            prepared = notifier.prepare(
                "department_changed",
                facts,
                to=thread.to,
                cc=thread.cc,
                extra={
                    "moved": {
                        "from": old,
                        "from_display_name": (old_config.display_name if old_config else None)
                        or old,
                    }
                },
                in_reply_to=thread.in_reply_to,
                references=thread.references,
                now=now,
            )
        except Unaddressable as e:
            raise ActionRefused(f"the client of ticket {number} cannot be told by mail: {e}") from e
    with _locked(store, number) as (repo, ticket):
        repo.add_event(
            ticket, "department_changed", agent.actor, now, {"from": old, "to": department}
        )
        ticket.department = department
        if prepared is not None:
            queue_mail(repo, ticket, prepared, now)
        repo.touch(ticket, now)
    return Changed(number, "department", old, department, prepared.message_id if prepared else None)


def set_priority(
    store: Store, number: int, priority: str, agent: Actor, *, now: datetime | None = None
) -> Changed:
    now = now or utcnow()
    if priority not in PRIORITIES:
        raise ActionRefused(
            f"unknown priority {priority!r} (expected one of {', '.join(PRIORITIES)})"
        )
    refusal = f"ticket {number} already has priority {priority}"
    old = _change_field(
        store, number, "priority", priority, "priority_changed", refusal, agent, now
    )
    return Changed(number, "priority", old, priority)


def assign(
    store: Store,
    config: Config,
    number: int,
    assignee: str | None,
    agent: Actor,
    *,
    now: datetime | None = None,
) -> Changed:
    """Assign ticket ``number`` to ``assignee`` (an address of ``[[agents]]``), or take
    the assignment away (None)."""
    now = now or utcnow()
    if assignee is not None:
        known = config.agent(assignee)
        if known is None:
            listed = ", ".join(a.address for a in config.agents) or "none configured"
            raise ActionRefused(f"{assignee} is not an agent of [[agents]] ({listed})")
        assignee = known.address
    refusal = f"ticket {number} is already assigned to {assignee or 'nobody'}"
    old = _change_field(store, number, "assignee", assignee, "assigned", refusal, agent, now)
    return Changed(number, "assignee", old, assignee)


def _change_field(
    store: Store,
    number: int,
    field: str,
    value: str | None,
    event: str,
    refusal: str,
    agent: Actor,
    now: datetime,
) -> str | None:
    """Set one field of ticket ``number`` under its lock, with an event saying who
    changed it from what; the old value.  Refused (``refusal``) when it already has
    that value."""
    with _locked(store, number) as (repo, ticket):
        old: str | None = getattr(ticket, field)
        if old == value:
            raise ActionRefused(refusal)
        repo.add_event(ticket, event, agent.actor, now, {"from": old, "to": value})
        setattr(ticket, field, value)
        repo.touch(ticket, now)
    return old
