"""The ticket state machine: for each status, the status each event leads to.

The statuses follow the helpdesk documents mailgate started from: ``open`` (new, waiting
for the team), ``in_progress`` (an agent took it), ``answered`` (the team replied; waiting
for the client), ``customer_reply`` (the client wrote again: back in the queue),
``on_hold`` (waiting on a third party) and ``closed``.  A client reply puts a ticket back
in front of the team; a reply to a closed ticket reopens it.

The events: ``client_message`` (a client wrote), ``agent_reply`` (an agent answered),
``agent_status_change`` (an agent set a status: the statuses they may choose),
``client_close`` (the client closed it by mail), ``auto_close`` (no client reply for
``auto_close_after``) and ``reopen`` (a client wrote to a closed ticket).  The table can
be replaced in the configuration (``[lifecycle.transitions]``); :meth:`StateMachine.
problems` says what is wrong with one.

A table of values that imports nothing of mailgate: the configuration checks a replaced
table with it, the store and the notices name statuses by it, the tickets move by it.
"""

from __future__ import annotations

from collections.abc import Mapping

from mailgate.errors import TransitionRefused
from mailgate.vocabulary import Term


class Status(Term):
    """A ticket's status: the value is what the database, the API and the log say."""

    OPEN = "open"
    IN_PROGRESS = "in_progress"
    ANSWERED = "answered"
    CUSTOMER_REPLY = "customer_reply"
    ON_HOLD = "on_hold"
    CLOSED = "closed"


class Event(Term):
    """What happens to a ticket; the table says which status it leads to."""

    CLIENT_MESSAGE = "client_message"
    AGENT_REPLY = "agent_reply"
    AGENT_STATUS_CHANGE = "agent_status_change"
    CLIENT_CLOSE = "client_close"
    AUTO_CLOSE = "auto_close"
    REOPEN = "reopen"


# The members by their names, for the modules that use them often.
OPEN, IN_PROGRESS, ANSWERED = Status.OPEN, Status.IN_PROGRESS, Status.ANSWERED
CUSTOMER_REPLY, ON_HOLD, CLOSED = Status.CUSTOMER_REPLY, Status.ON_HOLD, Status.CLOSED
STATUSES = tuple(Status)

CLIENT_MESSAGE, AGENT_REPLY = Event.CLIENT_MESSAGE, Event.AGENT_REPLY
AGENT_STATUS_CHANGE, CLIENT_CLOSE = Event.AGENT_STATUS_CHANGE, Event.CLIENT_CLOSE
AUTO_CLOSE, REOPEN = Event.AUTO_CLOSE, Event.REOPEN
EVENTS = tuple(Event)

# What a status may become.  ``agent_status_change`` lists the statuses an agent may set;
# every other event names one status.
Table = Mapping[str, Mapping[str, str | tuple[str, ...]]]


def _agent_choice(status: str) -> tuple[str, ...]:
    # Agents may set any status but the one a client's reply produces.
    return tuple(s for s in STATUSES if s not in (status, CUSTOMER_REPLY))


DEFAULT_TABLE: Table = {
    OPEN: {
        CLIENT_MESSAGE: OPEN,
        AGENT_REPLY: ANSWERED,
        AGENT_STATUS_CHANGE: _agent_choice(OPEN),
        CLIENT_CLOSE: CLOSED,
    },
    IN_PROGRESS: {
        CLIENT_MESSAGE: CUSTOMER_REPLY,
        AGENT_REPLY: ANSWERED,
        AGENT_STATUS_CHANGE: _agent_choice(IN_PROGRESS),
        CLIENT_CLOSE: CLOSED,
    },
    ANSWERED: {
        CLIENT_MESSAGE: CUSTOMER_REPLY,
        AGENT_REPLY: ANSWERED,
        AGENT_STATUS_CHANGE: _agent_choice(ANSWERED),
        CLIENT_CLOSE: CLOSED,
        AUTO_CLOSE: CLOSED,
    },
    CUSTOMER_REPLY: {
        CLIENT_MESSAGE: CUSTOMER_REPLY,
        AGENT_REPLY: ANSWERED,
        AGENT_STATUS_CHANGE: _agent_choice(CUSTOMER_REPLY),
        CLIENT_CLOSE: CLOSED,
    },
    # Waiting on a third party: a client's reply still puts it back in the queue.
    ON_HOLD: {
        CLIENT_MESSAGE: CUSTOMER_REPLY,
        AGENT_REPLY: ON_HOLD,
        AGENT_STATUS_CHANGE: _agent_choice(ON_HOLD),
        CLIENT_CLOSE: CLOSED,
    },
    # An agent may still write to a closed ticket (a follow-up); it stays closed.
    CLOSED: {
        REOPEN: CUSTOMER_REPLY,
        AGENT_REPLY: CLOSED,
        AGENT_STATUS_CHANGE: _agent_choice(CLOSED),
    },
}


class StateMachine:
    def __init__(self, table: Table = DEFAULT_TABLE) -> None:
        self.table = table

    def next_status(self, status: str, event: str) -> str:
        """The status ``event`` leads to from ``status``; TransitionRefused if none."""
        target = self.table.get(status, {}).get(event)
        if target is None or not isinstance(target, str):
            raise TransitionRefused(status, event)
        return target

    def check_agent_choice(self, status: str, target: str) -> None:
        """Whether an agent may set ``target`` on a ticket in ``status``."""
        allowed = self.table.get(status, {}).get(AGENT_STATUS_CHANGE, ())
        if isinstance(allowed, str):
            allowed = (allowed,)
        if target not in allowed:
            raise TransitionRefused(status, AGENT_STATUS_CHANGE, target)

    def agent_statuses(self) -> tuple[str, ...]:
        """Every status an agent may set on a ticket in some status (the table's
        ``agent_status_change`` lists), in the order of :data:`STATUSES`."""
        allowed: set[str] = set()
        for events in self.table.values():
            target = events.get(AGENT_STATUS_CHANGE, ())
            allowed.update((target,) if isinstance(target, str) else target)
        return tuple(s for s in STATUSES if s in allowed)

    def targets(self, status: str) -> set[str]:
        out: set[str] = set()
        for target in self.table.get(status, {}).values():
            out.update((target,) if isinstance(target, str) else target)
        return out

    def problems(self) -> list[str]:
        """What makes the table unusable: unknown statuses or events, a status with no
        way out, a status no ticket can reach from ``open``."""
        found: list[str] = []
        for status, events in self.table.items():
            if status not in STATUSES:
                found.append(f"{status}: unknown status (expected one of {', '.join(STATUSES)})")
                continue
            for event, target in events.items():
                if event not in EVENTS:
                    found.append(
                        f"{status}.{event}: unknown event (expected one of {', '.join(EVENTS)})"
                    )
                    continue
                if event != AGENT_STATUS_CHANGE and not isinstance(target, str):
                    found.append(f"{status}.{event}: expected one status, not a list")
                    continue
                for t in (target,) if isinstance(target, str) else target:
                    if t not in STATUSES:
                        found.append(f"{status}.{event}: unknown status {t!r}")
        if found:
            return found
        for status in STATUSES:
            if status not in self.table:
                found.append(f"{status}: missing (every status needs its transitions)")
            elif not self.targets(status) - {status}:
                found.append(f"{status}: no way out of this status")
        for status in STATUSES:
            takes_mail = CLIENT_MESSAGE in self.table.get(status, {CLIENT_MESSAGE: ""})
            if status != CLOSED and not takes_mail:
                found.append(f"{status}.{CLIENT_MESSAGE}: client mail must always be taken")
        if REOPEN not in self.table.get(CLOSED, {}):
            found.append(f"{CLOSED}.{REOPEN}: a client must be able to reopen a closed ticket")
        reached: set[str] = {OPEN}
        todo: list[str] = [OPEN]
        while todo:
            for t in self.targets(todo.pop()):
                if t not in reached:
                    reached.add(t)
                    todo.append(t)
        for status in STATUSES:
            if status in self.table and status not in reached:
                found.append(f"{status}: unreachable from {OPEN.value!r}")
        return found


DEFAULT = StateMachine()


def next_status(status: str, event: str, machine: StateMachine = DEFAULT) -> str:
    return machine.next_status(status, event)


def client_event(status: str) -> str:
    """The event a client's message is for a ticket in ``status``."""
    return REOPEN if status == CLOSED else CLIENT_MESSAGE


_LABELS: dict[str, str] = {
    OPEN: "Open",
    IN_PROGRESS: "In Progress",
    ANSWERED: "Answered",
    CUSTOMER_REPLY: "Customer-Reply",
    ON_HOLD: "On Hold",
    CLOSED: "Closed",
}


def label(status: str) -> str:
    """How a status is written for people: ``customer_reply`` → ``Customer-Reply``."""
    return _LABELS.get(status, status.replace("_", " ").title())
