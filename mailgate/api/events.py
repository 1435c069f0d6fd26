"""``/api/events``: the tickets' events as a server-sent-events stream (the WHATWG HTML
standard's ``text/event-stream``), for front ends that show new mail and changes as they
happen.

Each event of any ticket's history is one message of the stream: ``id:`` the event's id
(increasing), ``event: ticket``, and ``data:`` the event as JSON (its ticket, time,
actor, kind and data, as the ticket's document has them).  A stream starts after the
event named by the ``Last-Event-ID`` header (a reconnecting ``EventSource`` sends it) or
the ``after`` parameter, else at the latest event: only what happens next.  The events
table is polled every ``[console] live_interval`` in the API's threads — several
instances on one PostgreSQL database see each other's events alike — and a comment line
keeps an idle connection open through proxies.  When the listener stops, the streams
end at once (a client reconnects to another instance, or later); a stream whose token
is no more in the tokens file ends at its next look.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from functools import partial
from typing import Any

from aiohttp import web

from mailgate.api.common import API, bearer_token, shown
from mailgate.errors import BadRequest
from mailgate.store.engine import Store
from mailgate.tickets.views import events_after, last_event_id, to_json

# Events sent per look at the table; more waiting are read at once.
_BATCH = 200
# An idle stream gets a comment after this many polling intervals (at most this long).
_KEEPALIVE_INTERVALS = 5
_KEEPALIVE_MAX = 15.0
_MAX_ID = 2**63 - 1


def add_routes(app: web.Application) -> None:
    app.router.add_get("/events", stream, allow_head=False)


def _start(request: web.Request) -> int | None:
    """Where the stream starts: after the Last-Event-ID header's event, else after the
    ``after`` parameter's, else (None) after the latest."""
    for name in request.query:
        if name != "after":
            raise BadRequest(f"{name}: unknown parameter (expected after)")
    for where, value in (
        ("Last-Event-ID", request.headers.get("Last-Event-ID")),
        ("after", request.query.get("after")),
    ):
        if value is None or value == "":
            continue
        digits = value.lstrip("0") or "0"
        # The length first: int() refuses more than 4,300 digits (a ValueError).
        if not (value.isascii() and value.isdigit()) or len(digits) > 19 or int(digits) > _MAX_ID:
            raise BadRequest(
                f"{where}: expected an event id, an integer from 0 (got {shown(value)!r})"
            )
        return int(digits)
    return None


async def stream(request: web.Request) -> web.StreamResponse:
    api = request.app[API]
    token = bearer_token(request) or ""
    after = _start(request)
    if after is None:
        after = await api.run(partial(_latest, api.store))
    interval = api.config.console.live_interval
    keepalive = min(_KEEPALIVE_MAX, _KEEPALIVE_INTERVALS * interval)
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",  # nginx: pass each event on at once
        }
    )
    await response.prepare(request)
    try:
        # How long a client waits before it reconnects (the standard's retry field).
        await response.write(f"retry: {int(interval * 1000)}\n\n".encode())
        idle_since = time.monotonic()
        while not api.stopping.is_set():
            # A token taken out of the tokens file (or its agent out of [[agents]]) reads
            # no more: its streams end, as its next request would be refused.
            if api.tokens.agent(token) is None:
                break
            events = await api.run(partial(_events, api.store, after))
            for event in events:
                after = int(event["id"])
                data = to_json(event)
                await response.write(f"id: {after}\nevent: ticket\ndata: {data}\n\n".encode())
            now = time.monotonic()
            if events:
                idle_since = now
            elif now - idle_since >= keepalive:
                await response.write(b": keep-alive\n\n")
                idle_since = now
            if len(events) < _BATCH:
                await _sleep_unless(api.stopping, interval)
        await response.write_eof()
    except ConnectionResetError:
        pass  # the client went away
    return response


async def _sleep_unless(stopping: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), seconds)


def _latest(store: Store) -> int:
    with store.read() as session:
        return last_event_id(session)


def _events(store: Store, after: int) -> list[dict[str, Any]]:
    with store.read() as session:
        return events_after(session, after, _BATCH)
