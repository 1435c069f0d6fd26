"""Tags and custom fields from a ticket's page: add or remove a tag, fill in the fields
of the ticket's department.  Each calls the function the command line and the API call
(:mod:`mailgate.tickets.labels`) as the signed-in agent; a bad tag or a value its field
refuses shows the page again with the reason, nothing written."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from mailgate.console.common import console_of, route, run, signed_in
from mailgate.console.ticket import number_of, show_ticket
from mailgate.errors import Invalid, Refused
from mailgate.tickets.labels import change_tags, set_fields


async def _fields(request: web.Request) -> dict[str, str]:
    form = await request.post()
    fields = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    if any("\x00" in v for v in fields.values()):
        raise web.HTTPBadRequest(text="The form holds a NUL character.")
    return fields


async def tags(request: web.Request) -> web.StreamResponse:
    """``add`` (words separated by spaces or commas) or ``remove`` (one tag)."""
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    form = await _fields(request)
    adding = form.get("add", "").replace(",", " ").split()
    removing = [form["remove"]] if form.get("remove") else []
    if not adding and not removing:
        raise web.HTTPSeeOther(f"/tickets/{number}")
    try:
        await run(
            request,
            lambda: change_tags(api.store, number, me.agent, add=adding, remove=removing),
        )
    except (Invalid, Refused) as e:
        return await show_ticket(request, number, status=400, error=str(e))
    raise web.HTTPSeeOther(f"/tickets/{number}?done=tagged")


async def fields(request: web.Request) -> web.StreamResponse:
    """The fields form: only the fields the agent changed on it are set (``was_NAME``
    holds what the page showed), so a colleague's change since is not undone; an empty
    value clears a field."""
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    form = await _fields(request)
    wanted: dict[str, Any] = {}
    for key, value in form.items():
        if key.startswith("field_"):
            name = key.removeprefix("field_")
            if value.strip() != form.get(f"was_{name}", ""):
                wanted[name] = value.strip() or None
    if not wanted:
        raise web.HTTPSeeOther(f"/tickets/{number}")
    try:
        await run(request, lambda: set_fields(api.store, api.config, number, wanted, me.agent))
    except (Invalid, Refused) as e:
        return await show_ticket(request, number, status=400, error=str(e))
    raise web.HTTPSeeOther(f"/tickets/{number}?done=fields")


def add_routes(app: web.Application) -> None:
    route(app, "POST", "/tickets/{number:[0-9]+}/tags", tags)
    route(app, "POST", "/tickets/{number:[0-9]+}/fields", fields)
