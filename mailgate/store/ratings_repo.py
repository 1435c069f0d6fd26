"""Satisfaction ratings in the database: the request each closed ticket's client got
(``rating_requests``, one row per ticket), the rating and the comment written once on
it, and the figures counted from them.

Using a link once is one ``UPDATE … WHERE rating IS NULL``: of two clicks at the same
moment (two browsers, a double click) exactly one changes the row, on SQLite and on
PostgreSQL alike, and only that one writes the ticket's event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import CursorResult, Select, case, func, literal_column, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from mailgate.store.models import RatingRequest, Ticket

GOOD, BAD = "good", "bad"
CHOICES = (GOOD, BAD)


@dataclass(frozen=True)
class Tally:
    """Ratings counted for one agent, department or day (``key``)."""

    key: str
    good: int
    bad: int

    @property
    def count(self) -> int:
        return self.good + self.bad

    @property
    def percent_good(self) -> float | None:
        """The share of good ratings, 0 to 100; None without ratings."""
        return None if not self.count else 100.0 * self.good / self.count


@dataclass(frozen=True)
class RatingFigures:
    """The ratings given between two times, counted by the day they were given."""

    total: Tally
    asked: int  # requests sent in the period
    by_agent: tuple[Tally, ...]  # key "" for tickets no agent answered
    by_department: tuple[Tally, ...]
    by_day: tuple[Tally, ...]  # key: the UTC day, ISO; only days with ratings


class RatingsRepo:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    # -- requests and the links' use ---------------------------------------------------

    def asked(self, ticket_id: int) -> bool:
        """Whether the ticket's client was asked already (once per ticket, ever)."""
        found = self.session.scalar(
            select(RatingRequest.token).where(RatingRequest.ticket_id == ticket_id)
        )
        return found is not None

    def add_request(self, request: RatingRequest) -> None:
        self.session.add(request)

    def get(self, token: str) -> RatingRequest | None:
        return self.session.get(RatingRequest, token)

    def for_ticket(self, ticket_id: int) -> RatingRequest | None:
        return self.session.scalar(
            select(RatingRequest).where(RatingRequest.ticket_id == ticket_id)
        )

    def record(self, token: str, choice: str, now: datetime) -> bool:
        """Write ``choice`` on the request once: whether this call wrote it (False: it
        was rated already, or it has expired)."""
        result = self.session.execute(
            update(RatingRequest)
            .where(
                RatingRequest.token == token,
                RatingRequest.rating.is_(None),
                RatingRequest.expires_at > now,
            )
            .values(rating=choice, rated_at=now)
            .execution_options(synchronize_session=False)
        )
        return _changed(result)

    def add_comment(self, token: str, comment: str, now: datetime) -> bool:
        """Write the comment on a rated request once: whether this call wrote it."""
        result = self.session.execute(
            update(RatingRequest)
            .where(
                RatingRequest.token == token,
                RatingRequest.rating.is_not(None),
                RatingRequest.comment.is_(None),
                RatingRequest.expires_at > now,
            )
            .values(comment=comment, commented_at=now)
            .execution_options(synchronize_session=False)
        )
        return _changed(result)

    # -- lists and figures ---------------------------------------------------------------

    def ratings(
        self,
        *,
        rating: str | None = None,
        department: str | None = None,
        agent: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        limit: int = 100,
    ) -> tuple[list[tuple[RatingRequest, str]], Tally]:
        """The ratings given (newest first, at most ``limit``) with their ticket's
        subject, and the count of all that match, filtered alike."""
        where: list[ColumnElement[bool]] = [RatingRequest.rating.is_not(None)]
        if rating is not None:
            where.append(RatingRequest.rating == rating)
        if department is not None:
            where.append(RatingRequest.department == department)
        if agent is not None:
            where.append(RatingRequest.agent == agent)
        if since is not None:
            where.append(RatingRequest.rated_at >= since)
        if until is not None:
            where.append(RatingRequest.rated_at < until)
        stmt = (
            select(RatingRequest, Ticket.subject)
            .join(Ticket, Ticket.id == RatingRequest.ticket_id)
            .where(*where)
            .order_by(RatingRequest.rated_at.desc(), RatingRequest.ticket_id.desc())
            .limit(limit)
        )
        rows = [(r, str(s)) for r, s in self.session.execute(stmt)]
        return rows, self._total(where)

    def figures(self, since: datetime, until: datetime) -> RatingFigures:
        """The ratings given from ``since`` to ``until``, counted in SQL."""
        period = (
            RatingRequest.rated_at >= since,
            RatingRequest.rated_at < until,
            RatingRequest.rating.is_not(None),
        )
        agent = func.coalesce(RatingRequest.agent, "")
        by_agent = self._tally(agent, period)
        by_department = self._tally(RatingRequest.department, period)
        by_day = self._tally(self._day(RatingRequest.rated_at), period)
        asked = self.session.scalar(
            select(func.count())
            .select_from(RatingRequest)
            .where(RatingRequest.requested_at >= since, RatingRequest.requested_at < until)
        )
        return RatingFigures(
            total=self._total(period),
            asked=int(asked or 0),
            by_agent=tuple(by_agent),
            by_department=tuple(by_department),
            by_day=tuple(sorted(by_day, key=lambda t: t.key)),
        )

    def _total(self, where: Sequence[ColumnElement[bool]]) -> Tally:
        good, bad = self._counts()
        g, b = self.session.execute(select(good, bad).where(*where)).one()
        return Tally("", int(g or 0), int(b or 0))

    @staticmethod
    def _counts() -> tuple[Any, Any]:
        good = func.sum(case((RatingRequest.rating == GOOD, 1), else_=0))
        bad = func.sum(case((RatingRequest.rating == BAD, 1), else_=0))
        return good, bad

    def _tally(self, key: Any, where: Sequence[ColumnElement[bool]]) -> list[Tally]:
        good, bad = self._counts()
        label = key.label("key")
        stmt: Select[Any] = select(label, good, bad).where(*where).group_by(label).order_by(label)
        return [
            Tally(_as_text(k), int(g or 0), int(b or 0)) for k, g, b in self.session.execute(stmt)
        ]

    def _day(self, column: Any) -> ColumnElement[Any]:
        """The UTC day of a timestamp column (as :mod:`mailgate.store.desk_figures`)."""
        if self.dialect == "postgresql":
            return func.date(func.timezone(literal_column("'UTC'"), column))
        return func.date(column)


def _as_text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _changed(result: object) -> bool:
    return isinstance(result, CursorResult) and result.rowcount == 1
