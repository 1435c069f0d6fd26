"""``/api/tickets/{number}/tags`` and ``/api/tickets/{number}/fields``: an agent's tags
and custom fields, through the same functions as ``mailgate tickets tag`` and ``mailgate
tickets field`` and the console (:mod:`mailgate.tickets.labels`), as the agent the
caller's token names.  A bad tag or a value its field refuses is a 400 naming it;
nothing is written then."""

from __future__ import annotations

from functools import partial

from aiohttp import web

from mailgate.api.common import AGENT, API, json_response
from mailgate.api.schemas import FieldsRequest, TagsRequest
from mailgate.api.tickets import number_of, read_body
from mailgate.tickets.labels import change_tags, set_fields


def add_routes(app: web.Application) -> None:
    app.router.add_post("/tickets/{number:[0-9]+}/tags", tags)
    app.router.add_patch("/tickets/{number:[0-9]+}/fields", fields)


async def tags(request: web.Request) -> web.Response:
    api = request.app[API]
    number = number_of(request)
    body = await read_body(request, TagsRequest)
    done = await api.run(
        partial(change_tags, api.store, number, request[AGENT], add=body.add, remove=body.remove)
    )
    doc = {
        "number": done.number,
        "added": list(done.added),
        "removed": list(done.removed),
        "tags": list(done.tags),
    }
    return json_response(doc)


async def fields(request: web.Request) -> web.Response:
    api = request.app[API]
    number = number_of(request)
    body = await read_body(request, FieldsRequest)
    done = await api.run(
        partial(set_fields, api.store, api.config, number, body.fields, request[AGENT])
    )
    doc = {
        "number": done.number,
        "changes": [{"name": c.name, "from": c.old, "to": c.new} for c in done.changes],
        "fields": done.fields,
    }
    return json_response(doc)
