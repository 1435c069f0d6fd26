"""``/api/clients/{address}/language``: the language a client is answered in, read or
set by an agent — the same as ``mailgate client-language``
(:mod:`mailgate.tickets.client_language`, docs/languages.md)."""

from __future__ import annotations

from functools import partial

from aiohttp import web

from mailgate.api.common import AGENT, API, json_response
from mailgate.api.schemas import LanguageRequest
from mailgate.api.tickets import parse_body
from mailgate.tickets.client_language import (
    ClientLanguage,
    client_language,
    set_client_language,
)


def add_routes(app: web.Application) -> None:
    app.router.add_get("/clients/{address}/language", get_language, allow_head=False)
    app.router.add_put("/clients/{address}/language", put_language)


async def get_language(request: web.Request) -> web.Response:
    api = request.app[API]
    address = request.match_info["address"]
    shown = await api.run(partial(client_language, api.store, address))
    return json_response(_document(shown))


async def put_language(request: web.Request) -> web.Response:
    api = request.app[API]
    address = request.match_info["address"]
    raw = await request.read()
    body = await api.run(lambda: parse_body(raw, LanguageRequest))
    shown = await api.run(
        partial(set_client_language, api.store, api.config, address, body.language, request[AGENT])
    )
    return json_response(_document(shown))


def _document(shown: ClientLanguage) -> dict[str, object]:
    return {
        "address": shown.address,
        "language": shown.language,
        "source": shown.source,
        "decided_by": shown.decided_by,
        "updated_at": shown.updated_at.isoformat() if shown.updated_at else None,
        "moved_tickets": list(shown.moved),
    }
