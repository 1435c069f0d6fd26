"""What the console's pages share: who is signed in (:class:`SignedIn`), the console's
state (:class:`Console`), rendering a page, and the marks of handlers.

The console is a part of the HTTP listener's root application (:mod:`mailgate.api.app`):
its handlers are registered through :func:`route`, so that the middlewares of the
console (sign-in, CSRF, security headers, HTML errors) act on them and on nothing else —
the JSON API, ``/metrics`` and ``/healthz`` keep their own rules.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import jinja2
from aiohttp import web

from mailgate.api.common import Api, Handler
from mailgate.store.console_repo import ConsoleRepo
from mailgate.store.models import utcnow
from mailgate.store.sla_repo import SlaRepo
from mailgate.tickets.actions import Agent

T = TypeVar("T")
Role = Literal["agent", "admin"]


@dataclass(frozen=True)
class SignedIn:
    """The agent a request comes from, through their session."""

    agent: Agent
    role: Role
    digest: str  # the session row's key
    csrf: str  # the token every form of the session carries

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass
class Console:
    api: Api
    env: jinja2.Environment


CONSOLE = web.AppKey("console", Console)
SIGNED_IN: web.RequestKey[SignedIn] = web.RequestKey("signed_in")

_HANDLERS: set[Handler] = set()
_ANONYMOUS: set[Handler] = set()
_BACKGROUND: set[Handler] = set()
# The header of a page fetched again by its live update (console.js).
REFRESH_HEADER = "X-Console-Refresh"


def route(
    app: web.Application,
    method: str,
    path: str,
    handler: Handler,
    *,
    anonymous: bool = False,
    background: bool = False,
) -> None:
    """Register a handler of the console (``anonymous``: served without a session: the
    sign-in page, the static files; ``background``: asked by an open page on its own —
    live updates, presence — which keeps no session from ending as idle)."""
    _HANDLERS.add(handler)
    if anonymous:
        _ANONYMOUS.add(handler)
    if background:
        _BACKGROUND.add(handler)
    if method == "GET":
        app.router.add_get(path, handler, allow_head=False)
    else:
        app.router.add_route(method, path, handler)


def is_console(request: web.Request) -> bool:
    """Whether ``request`` went to a handler of the console."""
    return is_console_handler(request.match_info.handler)


def is_console_handler(handler: object) -> bool:
    """Whether ``handler`` is one of the console's (a page, not the API)."""
    return handler in _HANDLERS


def is_background(request: web.Request) -> bool:
    """Whether ``request`` is an open page's own (not the agent's doing): a background
    handler's, or a page fetched again by its live update (``X-Console-Refresh``)."""
    return request.match_info.handler in _BACKGROUND or request.headers.get(REFRESH_HEADER) == "1"


def is_anonymous(request: web.Request) -> bool:
    return request.match_info.handler in _ANONYMOUS


def console_of(request: web.Request) -> Console:
    return request.app[CONSOLE]


def signed_in(request: web.Request) -> SignedIn:
    return request[SIGNED_IN]


def status_labels(request: web.Request) -> dict[str, str]:
    """The statuses' labels in the signed-in agent's language (``[[agents]] language``,
    ``[labels.<language>]``); English for an agent who set none."""
    config = console_of(request).api.config
    me = request.get(SIGNED_IN)
    agent = config.agent(me.agent.address) if me else None
    return config.status_labels(agent.language if agent and agent.language else "en")


def require_admin(request: web.Request) -> SignedIn:
    """The signed-in agent, who must be an admin (else 403)."""
    me = signed_in(request)
    if not me.is_admin:
        raise web.HTTPForbidden(text="This page is for admins.")
    return me


async def run(request: web.Request, work: Callable[[], T]) -> T:
    """``work`` (blocking database work) in the API's threads."""
    return await console_of(request).api.run(work)


def render_text(request: web.Request, template: str, **context: Any) -> str:
    env = console_of(request).env
    me = request.get(SIGNED_IN)
    # here: the page's address with its query, as the browser asked for it (where a
    # bulk action leads back to: a search's results, the second page of a list).
    return env.get_template(template).render(
        me=me, csrf=me.csrf if me else "", path=request.path, here=request.raw_path, **context
    )


def render(request: web.Request, template: str, status: int = 200, **context: Any) -> web.Response:
    """The page ``template`` (of ``console/templates``), as HTML."""
    return web.Response(
        text=render_text(request, template, **context),
        status=status,
        content_type="text/html",
        charset="utf-8",
    )


async def page(
    request: web.Request,
    template: str,
    *,
    active: str = "",
    status: int = 200,
    seen_event: int | None = None,
    **context: Any,
) -> web.Response:
    """A page of a signed-in agent: ``template`` with the navigation's counts.

    ``seen_event``: the newest event of any ticket, read *before* the page's content (in
    its transaction): the mark the page's live updates compare with, so that an event
    recorded while the content was read is one the next poll fetches, never one the mark
    claims was shown.  Without it, the mark is read after the content."""
    api = console_of(request).api
    me = signed_in(request)

    def counts() -> tuple[Any, int, int | None]:
        with api.store.read() as session:
            repo = ConsoleRepo(session)
            # [[sla]]: the tickets at risk or breached, as the sla job last saw them.
            at_risk = SlaRepo(session).at_risk_count(utcnow()) if api.config.sla else None
            return repo.nav_counts(me.agent.address), repo.latest_event(), at_risk

    nav, latest, at_risk = await api.run(counts)
    return render(
        request,
        template,
        status,
        counts=nav,
        active=active,
        latest_event=latest if seen_event is None else seen_event,
        live_interval=api.config.console.live_interval,
        sla_on=bool(api.config.sla),
        sla_count=at_risk,
        **context,
    )
