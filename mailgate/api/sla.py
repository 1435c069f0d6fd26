"""``/api/sla/report``: the service levels met and breached, per department and
priority (the same document as ``mailgate sla report --json``)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from aiohttp import web

from mailgate.api.common import API, json_text
from mailgate.errors import BadRequest
from mailgate.tickets.sla import report_document
from mailgate.tickets.views import to_json

# The longest period one report counts.
MAX_DAYS = 3660


def add_routes(app: web.Application) -> None:
    app.router.add_get("/sla/report", sla_report, allow_head=False)


def period(since: str | None, until: str | None, today: date) -> tuple[date, date]:
    """The first and last day of a report: ``until`` (default today) and ``since``
    (default 30 days up to it).  BadRequest names the parameter that is wrong."""
    last = _day("until", until) if until else today
    first = _day("since", since) if since else last - timedelta(days=29)
    if first > last:
        raise BadRequest(f"since: {first} is after until {last}")
    if (last - first).days >= MAX_DAYS:
        raise BadRequest(f"since: expected a period of at most {MAX_DAYS} days")
    return first, last


def _day(name: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise BadRequest(f"{name}: expected a date such as 2026-12-01 (got {text!r})") from None


async def sla_report(request: web.Request) -> web.Response:
    api = request.app[API]
    query = request.query
    for name in query:
        if name not in ("since", "until"):
            raise BadRequest(f"{name}: unknown parameter (expected since, until)")
    first, last = period(query.get("since"), query.get("until"), datetime.now(UTC).date())

    def read() -> str:
        with api.store.read() as session:
            return to_json(report_document(session, first, last))

    return json_text(await api.run(read))
