"""The admins' figures page, ``/figures``: tickets opened and closed per day, how long
the first answer and the resolution took (medians and 90th percentiles), the
backlog by status and department, and the satisfaction ratings clients gave (per
department, per agent, per day) — each as a chart drawn on the server
(:mod:`mailgate.console.charts`) with its numbers in a table below.

``?days=`` chooses the period: the last N UTC days, today included (7 to 365; 30 by
default).  The counting is :mod:`mailgate.store.desk_figures`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Any

from aiohttp import web
from markupsafe import Markup

from mailgate import lifecycle
from mailgate.config import Config
from mailgate.console import charts
from mailgate.console.common import console_of, page, require_admin, route, run, status_labels
from mailgate.store.desk_figures import DEFAULT_DAYS, DeskFigures, DeskFiguresRepo, Spread
from mailgate.store.ratings_repo import RatingFigures, RatingsRepo, Tally
from mailgate.tickets.sla import report_document

MIN_DAYS, MAX_DAYS = 7, 365
PERIODS = (7, 30, 90, 365)  # offered by the page's menu


@dataclass(frozen=True)
class Backlog:
    """The backlog as the page shows it: a row per department, a column per status."""

    statuses: tuple[str, ...]
    departments: tuple[str, ...]
    counts: tuple[tuple[int, ...], ...]  # [department][status]

    @property
    def status_totals(self) -> tuple[int, ...]:
        return tuple(sum(row[i] for row in self.counts) for i in range(len(self.statuses)))

    @property
    def total(self) -> int:
        return sum(sum(row) for row in self.counts)


def _days(request: web.Request) -> int:
    text = request.query.get("days", str(DEFAULT_DAYS))
    if (
        not text.isascii()
        or not text.isdigit()
        or len(text) > 3  # before int(), which refuses more than 4,300 digits
        or not MIN_DAYS <= int(text) <= MAX_DAYS
    ):
        raise web.HTTPBadRequest(text=f"days: expected a number from {MIN_DAYS} to {MAX_DAYS}")
    return int(text)


def backlog_table(figures: DeskFigures, config: Config) -> Backlog:
    """The counts of ``figures.backlog`` in rows and columns: the statuses in the order of
    the lifecycle, the configured departments in the configuration's order (with nothing
    open too), then any other department a ticket is still in."""
    cells = {(c.department, c.status): c.count for c in figures.backlog}
    statuses: list[str] = [s for s in lifecycle.STATUSES if s != lifecycle.CLOSED]
    statuses += sorted({c.status for c in figures.backlog} - set(statuses))
    departments = [d.name for d in config.departments]
    departments += sorted({c.department for c in figures.backlog} - set(departments))
    counts = tuple(tuple(cells.get((d, s), 0) for s in statuses) for d in departments)
    return Backlog(tuple(statuses), tuple(departments), counts)


@dataclass(frozen=True)
class Times:
    """A row of the times' table: a measure's median and 90th percentile in words."""

    name: str
    spread: Spread
    fill: str
    what: str  # what the tickets it is counted over had: "answered", "closed"

    @property
    def p50(self) -> str:
        return _words(self.spread.p50)

    @property
    def p90(self) -> str:
        return _words(self.spread.p90)

    @property
    def over(self) -> str:
        n = self.spread.count
        return f"{n} ticket{'' if n == 1 else 's'} {self.what}"


def _times(figures: DeskFigures) -> list[Times]:
    return [
        Times("First response", figures.first_response, charts.OPENED, "answered"),
        Times("Resolution", figures.resolution, charts.CLOSED, "closed"),
    ]


def _words(seconds: float | None) -> str:
    return "no data" if seconds is None else charts.short_duration(seconds)


def render_charts(
    figures: DeskFigures, backlog: Backlog, labels: Mapping[str, str] | None = None
) -> dict[str, Markup]:
    """The page's three charts (their texts escaped by :mod:`charts`), the statuses
    written with ``labels`` (English when not given)."""
    labels = labels or {s: lifecycle.label(s) for s in lifecycle.STATUSES}
    period = (
        f"{charts.day_label(figures.first_day, year=True)} to "
        f"{charts.day_label(figures.last_day, year=True)}"
    )
    per_day = charts.opened_closed(
        f"Tickets opened and closed per day, {period}",
        [(d.day, d.opened, d.closed) for d in figures.days],
    )
    bars = []
    for t in _times(figures):
        for which, value in (("median", t.spread.p50), ("90th percentile", t.spread.p90)):
            bars.append(charts.Bar(f"{t.name}, {which}", value, _words(value), t.fill))
    times = charts.horizontal(f"First response and resolution times, {period}", bars)
    series = [
        (labels.get(s, s), charts.PALETTE[i % len(charts.PALETTE)])
        for i, s in enumerate(backlog.statuses)
    ]
    stacks = [
        charts.Stack(d, row) for d, row in zip(backlog.departments, backlog.counts, strict=True)
    ]
    by_department = charts.stacked(
        "Tickets not closed, by department and status", series, stacks, empty="Nothing is open."
    )
    return {"per_day": _drawn(per_day), "times": _drawn(times), "backlog": _drawn(by_department)}


def percent(tally: Tally) -> str:
    """The share of good ratings as the page writes it: ``"75 %"``, or ``"–"``."""
    share = tally.percent_good
    return "–" if share is None else f"{round(share)} %"


def ratings_chart(figures: DeskFigures, ratings: RatingFigures) -> Markup:
    """The share of good ratings per department, as bars."""
    period = (
        f"{charts.day_label(figures.first_day, year=True)} to "
        f"{charts.day_label(figures.last_day, year=True)}"
    )
    bars = [
        charts.Bar(f"{t.key} ({t.count} rated)", t.percent_good, percent(t), charts.CLOSED)
        for t in ratings.by_department
    ]
    svg = charts.horizontal(
        f"Good ratings, per department, {period}", bars, empty="No ratings yet.", full=100.0
    )
    return _drawn(svg)


def _drawn(svg: str) -> Markup:
    """A chart for the page as it is: :mod:`charts` escapes every text it draws."""
    return Markup(svg)  # noqa: S704 - escaped by charts (tests/console/test_charts.py)


async def figures_page(request: web.Request) -> web.Response:
    require_admin(request)
    days = _days(request)
    api = console_of(request).api

    def read() -> tuple[DeskFigures, RatingFigures, list[dict[str, Any]] | None]:
        with api.store.read() as session:
            desk = DeskFiguresRepo(session).figures(days)
            since = datetime.combine(desk.first_day, time(), UTC)
            until = datetime.combine(desk.last_day + timedelta(days=1), time(), UTC)
            levels = None
            if api.config.sla:
                levels = report_document(session, desk.first_day, desk.last_day)["rows"]
            return desk, RatingsRepo(session).figures(since, until), levels

    figures, ratings, levels = await run(request, read)
    backlog = backlog_table(figures, api.config)
    return await page(
        request,
        "figures.html",
        active="figures",
        days=days,
        periods=sorted({*PERIODS, days}),
        figures=figures,
        charts=render_charts(figures, backlog, status_labels(request)),
        times=_times(figures),
        backlog=backlog,
        configured={d.name for d in api.config.departments},
        status_labels=[status_labels(request).get(s, s) for s in backlog.statuses],
        day_label=charts.day_label,
        # Shown where ratings are asked for, or were in the period.
        show_ratings=ratings.asked > 0
        or any(api.config.asks_for_rating(d.name) for d in api.config.departments),
        ratings=ratings,
        ratings_chart=ratings_chart(figures, ratings),
        percent=percent,
        levels=levels,
        share=_share,
    )


def _share(outcomes: dict[str, int]) -> str:
    """The share of the decided targets (met or breached) that were met: ``86%``."""
    decided = outcomes["met"] + outcomes["breached"]
    return f"{round(100 * outcomes['met'] / decided)}%" if decided else "–"


def add_routes(app: web.Application) -> None:
    route(app, "GET", "/figures", figures_page)
