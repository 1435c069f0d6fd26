"""A helpdesk's tickets built at chosen times: opened by processing a client's mail,
answered and moved by an agent through the same functions as the console, each at the
time a test says."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from mailgate import lifecycle
from mailgate.config import Config
from mailgate.notify import Notifier, Templates
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.tickets.actions import Agent, change_status, post_reply
from tests.support.mailfactory import build
from tests.support.store import receive

ANN = Agent("ann@staff.test", "Ann")
# The figures of :func:`known_week` are counted at this time, over 24 to 30 November.
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    """A time in November 2026."""
    return datetime(2026, 11, day, hour, minute, tzinfo=UTC)


@dataclass
class Clock:
    now: datetime

    def __call__(self) -> datetime:
        return self.now


class Desk:
    def __init__(self, config: Config, store: Store, agent: Agent = ANN) -> None:
        self.store = store
        self.agent = agent
        self.clock = Clock(NOW)
        self.processor = Processor(config, store, clock=self.clock)
        self.notifier = Notifier(config, Templates(None))
        self.opened = 0

    def open(self, when: datetime, to: str = "support@helpdesk.test") -> int:
        """A new client's mail to ``to``, processed at ``when``: its ticket's number."""
        self.opened += 1
        sender = f"client{self.opened}@client.test"
        receive(self.store, build(from_=sender, to=to), sender=sender, rcpt=to)
        self.clock.now = when
        assert self.processor.run_once().tickets_opened == 1
        return self.opened

    def reply(self, number: int, when: datetime) -> None:
        post_reply(self.store, self.notifier, number, "Answered.", self.agent, now=when)

    def status(self, number: int, status: str, when: datetime) -> None:
        change_status(self.store, self.notifier, number, status, self.agent, now=when)


def known_week(desk: Desk) -> None:
    """Seven tickets, five of them opened or closed in the week of 24 to 30 November
    2026.  Counted at :data:`NOW` over that week: opened 2 on the 24th, 1 on the 26th,
    1 on the 28th; closed 1 on the 25th, 1 on the 27th; first answers after 3 h 20 min,
    30 min and 2 h, one ticket unanswered; resolutions of 1 and 7 days; open now: 2
    answered and 1 in progress in support, 1 on hold in billing."""
    a = desk.open(at(24, 9))  # answered after 3 h 20 min, closed a day after opening
    desk.reply(a, at(24, 12, 20))
    desk.status(a, lifecycle.CLOSED, at(25, 9))
    b = desk.open(at(24, 10), "billing@helpdesk.test")  # acknowledged, never answered
    desk.status(b, lifecycle.ON_HOLD, at(24, 11))  # a status notice is no answer
    c = desk.open(at(26, 8))  # answered after 30 min, then again
    desk.reply(c, at(26, 8, 30))
    desk.reply(c, at(26, 10))
    d = desk.open(at(20, 10))  # opened before the week, answered and closed in it
    desk.reply(d, at(24, 8))
    desk.status(d, lifecycle.CLOSED, at(27, 10))
    e = desk.open(at(28, 10))  # answered after 2 h
    desk.reply(e, at(28, 12))
    f = desk.open(at(10, 10))  # closed in the week, then reopened: not closed
    desk.status(f, lifecycle.CLOSED, at(25, 15))
    desk.status(f, lifecycle.IN_PROGRESS, at(29, 9))
    g = desk.open(at(2, 10))  # closed before the week
    desk.status(g, lifecycle.CLOSED, at(3, 10))
