"""The ticket state machine: for each status, the status each event leads to.

The statuses follow the helpdesk documents mailgate started from: ``open`` (new, waiting
for the team), ``in_progress`` (an agent took it), ``answered`` (the team replied; waiting
for the client), ``customer_reply`` (the client wrote again: back in the queue),
``on_hold`` (waiting on a third party) and ``closed``.  A client reply puts a ticket back
in front of the team; a reply to a closed ticket reopens it.
"""

from __future__ import annotations

from collections.abc import Mapping

OPEN = "open"
IN_PROGRESS = "in_progress"
ANSWERED = "answered"
CUSTOMER_REPLY = "customer_reply"
ON_HOLD = "on_hold"
CLOSED = "closed"

STATUSES = (OPEN, IN_PROGRESS, ANSWERED, CUSTOMER_REPLY, ON_HOLD, CLOSED)

CLIENT_MESSAGE = "client_message"
AGENT_REPLY = "agent_reply"
CLIENT_CLOSE = "client_close"
AUTO_CLOSE = "auto_close"
REOPEN = "reopen"

DEFAULT_TABLE: Mapping[str, Mapping[str, str]] = {
    OPEN: {CLIENT_MESSAGE: OPEN, AGENT_REPLY: ANSWERED, CLIENT_CLOSE: CLOSED},
    IN_PROGRESS: {CLIENT_MESSAGE: CUSTOMER_REPLY, AGENT_REPLY: ANSWERED, CLIENT_CLOSE: CLOSED},
    ANSWERED: {
        CLIENT_MESSAGE: CUSTOMER_REPLY,
        AGENT_REPLY: ANSWERED,
        CLIENT_CLOSE: CLOSED,
        AUTO_CLOSE: CLOSED,
    },
    CUSTOMER_REPLY: {CLIENT_MESSAGE: CUSTOMER_REPLY, AGENT_REPLY: ANSWERED, CLIENT_CLOSE: CLOSED},
    ON_HOLD: {CLIENT_MESSAGE: CUSTOMER_REPLY, AGENT_REPLY: ON_HOLD, CLIENT_CLOSE: CLOSED},
    # An agent may still write to a closed ticket (a follow-up); it stays closed.
    CLOSED: {REOPEN: CUSTOMER_REPLY, AGENT_REPLY: CLOSED},
}


class TransitionRefused(Exception):
    def __init__(self, status: str, event: str) -> None:
        super().__init__(f"event {event!r} is not allowed for a ticket in status {status!r}")
        self.status = status
        self.event = event


def next_status(
    status: str, event: str, table: Mapping[str, Mapping[str, str]] = DEFAULT_TABLE
) -> str:
    try:
        return table[status][event]
    except KeyError:
        raise TransitionRefused(status, event) from None


def client_event(status: str) -> str:
    """The event a client's message is for a ticket in ``status``."""
    return REOPEN if status == CLOSED else CLIENT_MESSAGE


_LABELS = {
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
