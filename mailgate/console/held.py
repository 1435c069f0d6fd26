"""Held mail, for admins: the messages on no ticket — held by a named rule, quarantined as
unreadable, failed — with the rule that decided, and accepting one onto a ticket (the
same list and action as ``mailgate quarantine`` and ``mailgate accept``)."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from mailgate.console.common import console_of, page, require_admin, route, run
from mailgate.errors import ActionRefused, NotFound
from mailgate.process.held import accept_held, held_list
from mailgate.store.console_repo import ConsoleRepo

_LIMIT = 200


async def held_page(request: web.Request, *, error: str = "", status: int = 200) -> web.Response:
    require_admin(request)
    api = console_of(request).api

    def read() -> tuple[int, dict[str, Any]]:
        with api.store.read() as session:
            seen = ConsoleRepo(session).latest_event()  # before the list: see common.page
            return seen, held_list(session, limit=_LIMIT)

    seen, held = await run(request, read)
    return await page(
        request,
        "held.html",
        status=status,
        active="held",
        seen_event=seen,
        held=held["messages"],
        counts_by_state=held["counts"],
        error=error,
        accepted=request.query.get("accepted", ""),
    )


async def show(request: web.Request) -> web.Response:
    return await held_page(request)


async def accept(request: web.Request) -> web.StreamResponse:
    require_admin(request)
    api = console_of(request).api
    text = request.match_info["id"]
    inbox_id = int(text)
    form = await request.post()
    target = str(form.get("ticket", "")).strip().lstrip("#")
    ticket = int(target) if target.isascii() and target.isdigit() and len(target) < 19 else None
    if target and ticket is None:
        return await held_page(request, error=f"{target!r} is not a ticket number.", status=400)
    try:
        await run(request, lambda: accept_held(api.store, inbox_id, ticket))
    except (ActionRefused, NotFound) as e:
        return await held_page(request, error=str(e), status=409)
    raise web.HTTPSeeOther(f"/held?accepted={inbox_id}")


def add_routes(app: web.Application) -> None:
    route(app, "GET", "/held", show)
    route(app, "POST", "/held/{id:[0-9]{1,18}}/accept", accept)
