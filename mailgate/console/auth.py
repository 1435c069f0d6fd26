"""Signing in to the console (a first cut, to be completed): the session cookie's
middleware and the CSRF check of every form."""

from __future__ import annotations

import hashlib
import hmac

from aiohttp import web

from mailgate.api.common import Handler
from mailgate.console.common import (
    SIGNED_IN,
    SignedIn,
    console_of,
    is_anonymous,
    is_console,
    render,
    route,
    run,
)
from mailgate.store.models import ConsoleSession
from mailgate.tickets.actions import Agent

COOKIE = "mailgate_session"
_SAFE = ("GET", "HEAD", "OPTIONS")


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


@web.middleware
async def session_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if not is_console(request) or is_anonymous(request):
        return await handler(request)
    token = request.cookies.get(COOKIE, "")
    api = console_of(request).api

    def lookup() -> SignedIn | None:
        with api.store.read() as session:
            row = session.get(ConsoleSession, digest(token))
            if row is None:
                return None
            agent = api.config.agent(row.agent)
            if agent is None:
                return None
            return SignedIn(Agent(agent.address, agent.name), agent.role, row.digest, row.csrf)

    me = await run(request, lookup) if token else None
    if me is None:
        if request.method in _SAFE:
            raise web.HTTPSeeOther(f"/login?next={request.path_qs}")
        raise web.HTTPUnauthorized(text="Sign in first.")
    request[SIGNED_IN] = me
    if request.method not in _SAFE:
        given = request.headers.get("X-CSRF-Token", "")
        if not given and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            form = await request.post()
            given = str(form.get("csrf", ""))
        if not hmac.compare_digest(given.encode(), me.csrf.encode()):
            raise web.HTTPForbidden(text="The form has expired; reload the page and try again.")
    return await handler(request)


async def login_page(request: web.Request) -> web.Response:
    return render(request, "login.html", error="", address="", next=request.query.get("next", "/"))


def add_routes(app: web.Application) -> None:
    route(app, "GET", "/login", login_page, anonymous=True)
