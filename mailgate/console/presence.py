"""Presence: the page of a ticket reports every few seconds that its agent is there, and
whether they are writing; the answer lists the colleagues on the same ticket."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from mailgate.console.common import console_of, route, run, signed_in
from mailgate.console.ticket import number_of
from mailgate.store.console_repo import ConsoleRepo
from mailgate.store.models import utcnow


async def presence(request: web.Request) -> web.Response:
    """The page reports that its agent is here (and whether writing); the answer lists
    the colleagues on the same ticket."""
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    form = await request.post()
    writing = str(form.get("writing", "0")) == "1"
    timeout = api.config.console.presence_timeout
    names = {a.address: a.name for a in api.config.agents}

    def here() -> list[dict[str, Any]]:
        now = utcnow()
        with api.store.write() as session:
            repo = ConsoleRepo(session)
            repo.here(number, me.agent.address, writing, now)
            return [
                {"agent": c.agent, "name": names.get(c.agent, ""), "writing": c.writing}
                for c in repo.colleagues(number, me.agent.address, now, timeout)
            ]

    colleagues = await run(request, here)
    return web.json_response({"colleagues": colleagues}, headers={"Cache-Control": "no-store"})


async def leave(request: web.Request) -> web.Response:
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)

    def gone() -> None:
        with api.store.write() as session:
            ConsoleRepo(session).gone(number, me.agent.address)

    await run(request, gone)
    return web.Response(status=204)


def add_routes(app: web.Application) -> None:
    route(app, "POST", "/tickets/{number:[0-9]+}/presence", presence, background=True)
    route(app, "POST", "/tickets/{number:[0-9]+}/presence/leave", leave, background=True)
