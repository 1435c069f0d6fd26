"""What agents change on a ticket: its status, its department, its priority, its
assignee — one at a time, or several at once from a form (:func:`change_ticket`).

Each records an event naming who changed what from what, under the ticket's lock.  A new
status tells the client (``status_changed``, ``ticket_closed``) unless told not to; a
move to another department too (``department_changed``, From the new department's
address).  :mod:`mailgate.tickets.actions` offers them beside the replies.  The
scheduler's auto-close (``tickets.autoclose``) closes a ticket through
:func:`record_status_change` too."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from mailgate import lifecycle
from mailgate.config import Config
from mailgate.errors import ActionRefused, TicketNotFound, Unaddressable
from mailgate.notify import Notifier, Prepared
from mailgate.store.engine import Store
from mailgate.store.models import Ticket, utcnow
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.actors import Actor, Done, locked, read_thread
from mailgate.tickets.incoming import PRIORITIES
from mailgate.tickets.labels import check_closable
from mailgate.tickets.outgoing import queue_mail, status_notice
from mailgate.tickets.ratings import ask_for_rating


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
    thread = read_thread(store, number)
    if thread.status == status:
        raise ActionRefused(f"ticket {number} is already {status}")
    if status == lifecycle.CLOSED:
        check_closable(store, notifier.config, number)
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
    with locked(store, number) as (repo, ticket):
        previous = ticket.status
        record_status_change(repo, ticket, status, agent.actor, None, prepared, note, now)
        if notify:
            ask_for_rating(repo, notifier, ticket, now)
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
    move_status(repo, ticket, status, actor, event, now)
    if notice is not None:
        queue_mail(repo, ticket, notice, now, note.strip("\n"))
    repo.touch(ticket, now)


def move_status(
    repo: TicketRepo, ticket: Ticket, new: str, actor: str, event: str | None, now: datetime
) -> None:
    """Record ``ticket``'s move to status ``new`` (by the state machine's ``event``, or
    None: an agent's decision), in the caller's transaction; nothing when it is there."""
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
    thread = read_thread(store, number)
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
    with locked(store, number) as (repo, ticket):
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
    with locked(store, number) as (repo, ticket):
        old: str | None = getattr(ticket, field)
        if old == value:
            raise ActionRefused(refusal)
        repo.add_event(ticket, event, agent.actor, now, {"from": old, "to": value})
        setattr(ticket, field, value)
        repo.touch(ticket, now)
    return old


class _Keep:
    """The assignee of :func:`change_ticket` when it is not to change (None unassigns)."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP = _Keep()


def change_ticket(
    store: Store,
    notifier: Notifier,
    number: int,
    agent: Actor,
    *,
    status: str | None = None,
    priority: str | None = None,
    department: str | None = None,
    assignee: str | _Keep | None = KEEP,
    notify: bool = True,
    note: str = "",
    now: datetime | None = None,
) -> list[Changed]:
    """Set any of ticket ``number``'s status, priority, department and assignee (None
    unassigns; :data:`KEEP` leaves it), as a form or ``PATCH`` gives them: a field that
    already has its value is left alone, every value is checked before any is changed,
    then each change goes through its own action — the department first (a notice of
    the new status comes From the new department), the status last.  ``notify`` and
    ``note`` are those of :func:`change_status` and :func:`move_department`.  The
    changes made, in order."""
    now = now or utcnow()
    config = notifier.config
    with store.read() as session:
        ticket = TicketRepo(session).get(number)
        if ticket is None:
            raise TicketNotFound(number)
        current = (ticket.status, ticket.priority, ticket.department, ticket.assignee)
    old_status, old_priority, old_department, old_assignee = current
    if status is not None and status != old_status:
        if status not in lifecycle.STATUSES:
            raise ActionRefused(
                f"unknown status {status!r} (expected one of {', '.join(lifecycle.STATUSES)})"
            )
        config.lifecycle.machine().check_agent_choice(old_status, status)
        if status == lifecycle.CLOSED:
            check_closable(store, config, number)
    if priority is not None and priority not in PRIORITIES:
        raise ActionRefused(
            f"unknown priority {priority!r} (expected one of {', '.join(PRIORITIES)})"
        )
    if department is not None and config.department(department) is None:
        names = ", ".join(d.name for d in config.departments)
        raise ActionRefused(f"unknown department {department!r} (expected one of {names})")
    if isinstance(assignee, str):
        known = config.agent(assignee)
        if known is None:
            listed = ", ".join(a.address for a in config.agents) or "none configured"
            raise ActionRefused(f"{assignee} is not an agent of [[agents]] ({listed})")
        assignee = known.address
    changes: list[Changed] = []
    if department is not None and department != old_department:
        changes.append(
            move_department(store, notifier, number, department, agent, notify=notify, now=now)
        )
    if priority is not None and priority != old_priority:
        changes.append(set_priority(store, number, priority, agent, now=now))
    if not isinstance(assignee, _Keep) and assignee != old_assignee:
        changes.append(assign(store, config, number, assignee, agent, now=now))
    if status is not None and status != old_status:
        done = change_status(
            store, notifier, number, status, agent, note=note, notify=notify, now=now
        )
        changes.append(
            Changed(number, "status", done.previous_status, done.status, done.message_id)
        )
    return changes
