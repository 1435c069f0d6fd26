"""What the handlers of the HTTP API share: the application's state (:class:`Api`), the
keys it and each request carry, the JSON responses, :class:`BadRequest`, and the mark of
a handler served without a token.  The application (:mod:`mailgate.api.app`) assembles
the handlers' modules, which import from here."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from aiohttp import web

from mailgate.api.tokens import Tokens
from mailgate.config import Config
from mailgate.notify import Notifier
from mailgate.store.engine import Store
from mailgate.tickets.actions import Actor
from mailgate.tickets.views import to_json

T = TypeVar("T")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]

# Rows are keyed by 64-bit integers: a larger number names nothing, and must reach
# neither the database driver (which refuses to convert it) nor int() (which refuses
# more than 4,300 digits with a ValueError).
MAX_KEY = 2**63 - 1
_KEY_DIGITS = len(str(MAX_KEY))


@dataclass
class Api:
    """What the API's handlers share."""

    config: Config
    store: Store
    notifier: Notifier
    tokens: Tokens
    executor: ThreadPoolExecutor
    # Called after an action queued mail: wakes the sender of this process, if any.
    on_queued: Callable[[], None] = field(default=lambda: None)
    # Set when the listener stops: long-lived responses (event streams) end.
    stopping: asyncio.Event = field(default_factory=asyncio.Event)

    async def run(self, work: Callable[[], T]) -> T:
        """``work`` (blocking database work) in the API's threads."""
        return await asyncio.get_running_loop().run_in_executor(self.executor, work)


API = web.AppKey("api", Api)
AGENT: web.RequestKey[Actor] = web.RequestKey("agent")  # whom the request's token acts as


def key_of(digits: str) -> int | None:
    """The key that ``digits`` (a route's ASCII digits) name; None when no row can have
    it (0, or beyond 64 bits)."""
    digits = digits.lstrip("0")
    if not digits or len(digits) > _KEY_DIGITS:
        return None
    value = int(digits)
    return value if value <= MAX_KEY else None


def shown(text: str, limit: int = 40) -> str:
    """``text`` as an error message repeats it: at most ``limit`` characters."""
    return text if len(text) <= limit else text[:limit] + "…"


def bearer_token(request: web.Request) -> str | None:
    """The token of ``Authorization: Bearer <token>``, if the request has one."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


def json_response(doc: object, status: int = 200) -> web.Response:
    return web.json_response(doc, status=status, dumps=to_json)


def json_text(text: str, status: int = 200) -> web.Response:
    """A document already written as JSON (in a thread, for a large one)."""
    return web.Response(text=text, status=status, content_type="application/json")


def public(handler: Handler) -> Handler:
    """Mark a handler of the API as served without a token."""
    _PUBLIC.add(handler)
    return handler


def is_public(handler: object) -> bool:
    """Whether ``handler`` is served without a token (:func:`public`)."""
    return handler in _PUBLIC


_PUBLIC: set[Handler] = set()
