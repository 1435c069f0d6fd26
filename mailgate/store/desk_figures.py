"""The helpdesk's figures for its admins: tickets opened and closed per day, how long the
first answer and the resolution took, and what is still open, by status and department.

Everything is counted in SQL over the tickets table (``GROUP BY``) and, for the first
answers, the ``agent_reply`` events of the tickets of the period, found through the
events' ticket index; nothing but a count or a duration comes back per row.  Days are
UTC days, as every time the console shows.

The definitions, which the page repeats:

- *opened* on a day: tickets created that day.
- *closed* on a day: tickets that are closed and whose (last) closing was that day; a
  ticket closed, reopened and closed again counts once, on its last closing day, and a
  reopened ticket that is not closed again does not count.
- *first response*: from a ticket's creation to the first answer an agent sent its
  client — the ``agent_reply`` event that every agent's answer writes (from the console,
  the command line, the API or an agent's relayed mail), not the automatic mail
  (acknowledgment, status notices); over the tickets opened in the period that have
  one.
- *resolution*: from a ticket's creation to its closing, over the tickets closed in the
  period.
- *backlog*: the tickets not closed now.

Percentiles are interpolated between the two nearest values (PostgreSQL's
``percentile_cont``, computed by the database there; on SQLite, which has no such
aggregate, over the durations it returns sorted).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Float, Select, cast, extract, func, literal_column, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from mailgate import lifecycle
from mailgate.store.models import Event, Ticket, utcnow

DEFAULT_DAYS = 30
PERCENTILES = (0.5, 0.9)


@dataclass(frozen=True)
class Day:
    day: date
    opened: int
    closed: int


@dataclass(frozen=True)
class Spread:
    """Durations in seconds: how many, and their percentiles (None when there are none)."""

    count: int
    p50: float | None
    p90: float | None


@dataclass(frozen=True)
class BacklogCell:
    status: str
    department: str
    count: int


@dataclass(frozen=True)
class DeskFigures:
    first_day: date
    last_day: date  # today (UTC)
    days: tuple[Day, ...]  # every day of the period, the days without tickets too
    first_response: Spread  # over the tickets opened in the period that were answered
    unanswered: int  # tickets opened in the period with no agent's answer yet
    resolution: Spread  # over the tickets closed in the period
    backlog: tuple[BacklogCell, ...]  # tickets not closed, by status and department

    @property
    def opened(self) -> int:
        return sum(d.opened for d in self.days)

    @property
    def closed(self) -> int:
        return sum(d.closed for d in self.days)


class DeskFiguresRepo:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    def figures(self, days: int = DEFAULT_DAYS, now: datetime | None = None) -> DeskFigures:
        """The figures of the ``days`` UTC days that end today."""
        if days < 1:
            raise ValueError("days: expected 1 or more")
        now = now or utcnow()
        last = now.astimezone(UTC).date()
        first = last - timedelta(days=days - 1)
        since = datetime.combine(first, time(), UTC)
        until = datetime.combine(last + timedelta(days=1), time(), UTC)
        per_day = self.per_day(since, until)
        first_response = self.first_response(since, until)
        opened = sum(d.opened for d in per_day)
        return DeskFigures(
            first_day=first,
            last_day=last,
            days=tuple(per_day),
            first_response=first_response,
            unanswered=opened - first_response.count,
            resolution=self.resolution(since, until),
            backlog=tuple(self.backlog()),
        )

    def per_day(self, since: datetime, until: datetime) -> list[Day]:
        """Tickets opened and closed on each UTC day from ``since`` (a midnight) to
        ``until``, zero days included."""
        opened = self._count_by_day(Ticket.created_at, since, until)
        closed = self._count_by_day(
            Ticket.closed_at, since, until, Ticket.status == lifecycle.CLOSED
        )
        out = []
        day = since.date()
        while day < until.date():
            out.append(Day(day, opened.get(day, 0), closed.get(day, 0)))
            day += timedelta(days=1)
        return out

    def first_response(self, since: datetime, until: datetime) -> Spread:
        """From creation to the first agent's answer, over the tickets created between
        ``since`` and ``until`` that have one."""
        # The history's kind of an agent's answer is the state machine's event name.
        first = (
            select(
                Ticket.created_at.label("start"),
                func.min(Event.at).label("end"),
            )
            .join(Event, Event.ticket_id == Ticket.id)
            .where(
                Event.kind == lifecycle.AGENT_REPLY,
                Ticket.created_at >= since,
                Ticket.created_at < until,
            )
            .group_by(Ticket.id, Ticket.created_at)
            .subquery()
        )
        return self._spread(self._seconds(first.c.end, first.c.start), first)

    def resolution(self, since: datetime, until: datetime) -> Spread:
        """From creation to closing, over the tickets closed between ``since`` and
        ``until``."""
        closed = (
            select(Ticket.created_at.label("start"), Ticket.closed_at.label("end"))
            .where(
                Ticket.status == lifecycle.CLOSED,
                Ticket.closed_at >= since,
                Ticket.closed_at < until,
            )
            .subquery()
        )
        return self._spread(self._seconds(closed.c.end, closed.c.start), closed)

    def backlog(self) -> list[BacklogCell]:
        """The tickets not closed, counted by status and department."""
        rows = self.session.execute(
            select(Ticket.status, Ticket.department, func.count(Ticket.id))
            .where(Ticket.status != lifecycle.CLOSED)
            .group_by(Ticket.status, Ticket.department)
            .order_by(Ticket.status, Ticket.department)
        )
        return [BacklogCell(str(s), str(d), int(n)) for s, d, n in rows]

    # -- per dialect -------------------------------------------------------------------

    def _day(self, column: Any) -> ColumnElement[Any]:
        """The UTC day of a timestamp column."""
        if self.dialect == "postgresql":
            # A literal, not a parameter: the same expression is the GROUP BY's.
            return func.date(func.timezone(literal_column("'UTC'"), column))
        return func.date(column)  # SQLite keeps UTC timestamps as text: its day is UTC

    def _seconds(self, end: Any, start: Any) -> ColumnElement[float]:
        """``end - start`` in seconds."""
        if self.dialect == "postgresql":
            return cast(extract("epoch", end - start), Float)
        return cast((func.julianday(end) - func.julianday(start)) * 86400.0, Float)

    def _count_by_day(
        self, column: Any, since: datetime, until: datetime, *where: ColumnElement[bool]
    ) -> dict[date, int]:
        day = self._day(column).label("day")
        rows = self.session.execute(
            select(day, func.count())
            .select_from(Ticket)
            .where(column >= since, column < until, *where)
            .group_by(day)
        )
        return {_as_date(d): int(n) for d, n in rows}

    def _spread(self, seconds: ColumnElement[float], source: Any) -> Spread:
        if self.dialect == "postgresql":
            stmt: Select[Any] = select(
                func.count(),
                *(func.percentile_cont(p).within_group(seconds) for p in PERCENTILES),
            ).select_from(source)
            n, p50, p90 = self.session.execute(stmt).one()
            return Spread(
                int(n),
                None if p50 is None else float(p50),
                None if p90 is None else float(p90),
            )
        values = [float(v) for v in self.session.scalars(select(seconds).order_by(seconds))]
        p50, p90 = (percentile(values, p) for p in PERCENTILES)
        return Spread(len(values), p50, p90)


def percentile(ordered: Sequence[float], p: float) -> float | None:
    """The ``p``-th percentile of ``ordered`` (sorted), interpolated between the two
    nearest values as PostgreSQL's ``percentile_cont`` does; None for no values."""
    if not ordered:
        return None
    position = p * (len(ordered) - 1)
    low = math.floor(position)
    high = math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def _as_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
