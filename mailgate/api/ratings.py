"""``/api/ratings``: the satisfaction ratings clients gave, newest first, filtered.

The same document as ``mailgate ratings list --json`` (:func:`mailgate.tickets.views.
rating_list`); a ticket's own rating is also in its document (``GET /api/tickets/N``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from aiohttp import web

from mailgate.api.common import API, json_text
from mailgate.api.tickets import query_limit
from mailgate.errors import BadRequest
from mailgate.store.ratings_repo import CHOICES
from mailgate.tickets.views import rating_list, to_json

PARAMETERS = ("rating", "department", "agent", "since", "until", "limit")


def add_routes(app: web.Application) -> None:
    app.router.add_get("/ratings", list_ratings, allow_head=False)


def day_start(name: str, text: str | None, *, after: bool = False) -> datetime | None:
    """A ``YYYY-MM-DD`` parameter as the UTC midnight that starts it (``after``: the one
    that ends it, so that ``until`` includes its day)."""
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if len(text) == 10 and text.isascii() else None
    except ValueError:
        day = None
    if day is None:
        raise BadRequest(f"{name}: expected a day such as 2026-11-30 (got {text[:40]!r})")
    return datetime.combine(day + timedelta(days=1 if after else 0), time(), UTC)


async def list_ratings(request: web.Request) -> web.Response:
    api = request.app[API]
    query = request.query
    for name in query:
        if name not in PARAMETERS:
            raise BadRequest(f"{name}: unknown parameter (expected {', '.join(PARAMETERS)})")
    rating = query.get("rating") or None
    if rating is not None and rating not in CHOICES:
        raise BadRequest(f"rating: expected one of {', '.join(CHOICES)} (got {rating[:40]!r})")
    since = day_start("since", query.get("since"))
    until = day_start("until", query.get("until"), after=True)
    limit = query_limit(query.get("limit"))

    def read() -> str:
        with api.store.read() as session:
            return to_json(
                rating_list(
                    session,
                    rating=rating,
                    department=query.get("department") or None,
                    agent=query.get("agent") or None,
                    since=since,
                    until=until,
                    limit=limit,
                )
            )

    return json_text(await api.run(read))
