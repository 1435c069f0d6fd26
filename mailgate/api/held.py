"""``/api/held``: the messages on no ticket, waiting for a person, and accepting one.

The same documents as ``mailgate quarantine --json`` and the same action as ``mailgate
accept`` (:mod:`mailgate.process.held`).
"""

from __future__ import annotations

from aiohttp import web

from mailgate.api.common import API, json_response, json_text, key_of
from mailgate.api.schemas import AcceptRequest
from mailgate.api.tickets import parse_body, query_limit
from mailgate.errors import BadRequest
from mailgate.process.disposition import DESCRIPTIONS
from mailgate.process.held import accept_held, held_list
from mailgate.store.inbox_repo import FOR_A_PERSON
from mailgate.tickets.views import to_json


def add_routes(app: web.Application) -> None:
    app.router.add_get("/held", list_held, allow_head=False)
    app.router.add_post("/held/{id:[0-9]+}/accept", accept)  # ASCII digits only


async def list_held(request: web.Request) -> web.Response:
    api = request.app[API]
    query = request.query
    for name in query:
        if name not in ("rule", "state", "limit"):
            raise BadRequest(f"{name}: unknown parameter (expected rule, state, limit)")
    rule = query.get("rule") or None
    if rule is not None and rule not in DESCRIPTIONS:
        raise BadRequest(f"rule: expected one of {', '.join(DESCRIPTIONS)} (got {rule!r})")
    state = query.get("state") or None
    if state is not None and state not in FOR_A_PERSON:
        raise BadRequest(f"state: expected one of {', '.join(FOR_A_PERSON)} (got {state!r})")
    limit = query_limit(query.get("limit"))

    def read() -> str:
        with api.store.read() as session:
            return to_json(held_list(session, limit=limit, rule=rule, state=state))

    return json_text(await api.run(read))


async def accept(request: web.Request) -> web.Response:
    api = request.app[API]
    inbox_id = key_of(request.match_info["id"])
    if inbox_id is None:
        raise web.HTTPNotFound()
    body = await request.read()
    ticket = None
    if body.strip():
        ticket = (await api.run(lambda: parse_body(body, AcceptRequest))).ticket
    # The processing workers find it at their next look at the inbox (poll_interval).
    done = await api.run(lambda: accept_held(api.store, inbox_id, ticket))
    return json_response(done, 202)
