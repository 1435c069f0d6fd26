"""Service level clocks: from a ticket's history and its target, when its first response
and its resolution are due, whether they were met, and when to warn.

The clock of a ticket starts when it is opened and runs in business time
(``mailgate.businesstime``) while the team has the ticket.  It is *paused* while the
ticket waits on the client or is done — statuses :data:`PAUSING`: ``answered``,
``on_hold``, ``closed`` — and runs again when the status leaves them (a client's reply
moves an answered ticket to ``customer_reply``): every due time moves by the business
time the ticket spent paused.

- **First response** is met by the first agent reply.
- **Resolution** is met when the ticket is closed; a reopened ticket's resolution clock
  runs again from where it stopped.

A target is *breached* when its due time passed before it was met (or, not met yet,
before now).  The due times are computed from the ticket's department and priority as
they are now, over its whole history: moving a ticket to another department gives it
that department's targets from its opening.

Pure: the caller reads the history (``Event`` rows) into :class:`History` values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from mailgate import businesstime
from mailgate.businesstime import Calendar
from mailgate.config.sla import SlaPolicy
from mailgate.lifecycle import ANSWERED, CLOSED, ON_HOLD
from mailgate.vocabulary import Term

# Statuses in which the clock stands still: the ticket waits on the client (answered,
# on_hold) or is done (closed).
PAUSING = frozenset({ANSWERED, ON_HOLD, CLOSED})


class Target(Term):
    """What a service level promises."""

    FIRST_RESPONSE = "first_response"  # the first agent reply
    RESOLUTION = "resolution"  # the ticket closed


class Standing(Term):
    """Where a target stands at an instant."""

    RUNNING = "running"  # not met, the clock runs, due in the future
    PAUSED = "paused"  # not met, the clock stands still (waiting on the client)
    MET = "met"  # met by its due time
    BREACHED = "breached"  # its due time passed before it was met, or is past now


@dataclass(frozen=True)
class History:
    """What of a ticket's history the clocks read: its opening, each status change (at,
    new status) in order, and its first agent reply."""

    opened_at: datetime
    first_status: str
    changes: Sequence[tuple[datetime, str]] = ()
    first_reply_at: datetime | None = None

    @property
    def status(self) -> str:
        return self.changes[-1][1] if self.changes else self.first_status

    def closed_at(self) -> datetime | None:
        """When it was closed, if it is closed now."""
        return self.changes[-1][0] if self.changes and self.status == CLOSED else None

    def running(self) -> list[tuple[datetime, datetime | None]]:
        """The intervals in which the clock ran; the last one open (None) if it runs now."""
        out: list[tuple[datetime, datetime | None]] = []
        since: datetime | None = None if self.first_status in PAUSING else self.opened_at
        for at, status in self.changes:
            if status in PAUSING and since is not None:
                out.append((since, max(at, since)))
                since = None
            elif status not in PAUSING and since is None:
                since = at
        if since is not None:
            out.append((since, None))
        return out


@dataclass(frozen=True)
class Clock:
    """One target of one ticket.  ``due``: when it is (or was) due, None while paused;
    for a met target, when it would have been due.  ``warn_at``: when what is left of it
    is ``warn_before``.  ``left``: business time left while paused."""

    target: Target
    allowed: timedelta
    due: datetime | None
    warn_at: datetime | None
    done_at: datetime | None
    left: timedelta

    def standing(self, now: datetime) -> Standing:
        if self.done_at is not None:
            assert self.due is not None
            return Standing.BREACHED if self.due < self.done_at else Standing.MET
        if self.due is None:
            return Standing.PAUSED
        return Standing.BREACHED if self.due <= now else Standing.RUNNING


@dataclass(frozen=True)
class SlaState:
    policy: str
    first_response: Clock | None
    resolution: Clock | None

    def clocks(self) -> tuple[Clock, ...]:
        return tuple(c for c in (self.first_response, self.resolution) if c is not None)


def clocks(policy: SlaPolicy, history: History) -> SlaState:
    """The ticket's clocks under ``policy``."""
    running = history.running()
    first = None
    if policy.first_response is not None:
        first = _clock(
            Target.FIRST_RESPONSE, policy, policy.first_response, running, history.first_reply_at
        )
    resolution = None
    if policy.resolution is not None:
        resolution = _clock(
            Target.RESOLUTION, policy, policy.resolution, running, history.closed_at()
        )
    return SlaState(policy.name, first, resolution)


def _clock(
    target: Target,
    policy: SlaPolicy,
    allowed: timedelta,
    running: list[tuple[datetime, datetime | None]],
    done_at: datetime | None,
) -> Clock:
    cal = policy.calendar
    if done_at is not None:
        # The clock stops when the target is met.
        running = _until(running, done_at)
    due, left = _reach(cal, running, allowed)
    warn_at, _ = _reach(cal, running, max(allowed - policy.warn_before, timedelta(0)))
    if due is None and done_at is not None:
        due = businesstime.add(cal, done_at, left)  # when it would have been due
    return Clock(target, allowed, due, warn_at, done_at, left if due is None else timedelta(0))


def _until(
    running: list[tuple[datetime, datetime | None]], end: datetime
) -> list[tuple[datetime, datetime | None]]:
    out: list[tuple[datetime, datetime | None]] = []
    for start, stop in running:
        if start >= end:
            break
        out.append((start, end if stop is None else min(stop, end)))
    return out


def _reach(
    cal: Calendar, running: list[tuple[datetime, datetime | None]], amount: timedelta
) -> tuple[datetime | None, timedelta]:
    """The instant the clock has run ``amount`` of business time over ``running``, and
    what is left of it if it has not (None, the rest: the clock stopped before)."""
    left = amount
    for start, stop in running:
        if stop is None:
            return businesstime.add(cal, start, left), timedelta(0)
        spent = businesstime.between(cal, start, stop)
        if spent >= left:
            return businesstime.add(cal, start, left), timedelta(0)
        left -= spent
    return None, left


def business_left(policy: SlaPolicy, clock: Clock, now: datetime) -> timedelta:
    """Business time left before ``clock`` is due (zero when it is past); while paused,
    what is left when it runs again."""
    if clock.due is None:
        return clock.left
    return businesstime.between(policy.calendar, now, clock.due)
