"""What agents change on a ticket besides its status: its department, its priority, its
assignee.  Each records an event naming who changed what from what, under the ticket's
lock; a move to another department tells the client (``department_changed``, From the
new department's address).  :mod:`mailgate.tickets.actions` offers them beside the
replies and status changes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from mailgate.config import Config
from mailgate.errors import ActionRefused, Unaddressable
from mailgate.notify import Notifier
from mailgate.store.engine import Store
from mailgate.store.models import utcnow
from mailgate.tickets.actors import Actor, locked, read_thread
from mailgate.tickets.incoming import PRIORITIES
from mailgate.tickets.outgoing import queue_mail


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
