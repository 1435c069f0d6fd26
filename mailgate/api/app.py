"""The HTTP listener of ``mailgate run``: an aiohttp application on the daemon's loop.

The root application holds sub-applications by path prefix — the JSON API under
``/api/`` (bearer tokens, :mod:`mailgate.api.tickets`) — so that endpoints with other
rules can sit beside it on the same listener: ``/metrics`` (Prometheus) and ``/healthz``
(:mod:`mailgate.api.health`), served without a token — they carry figures, never
ticket content, and monitoring systems scrape them without credentials.  Database work runs in
a small thread pool of its own: the loop, which the SMTP listener's clients wait on,
never waits for a query.

This is the HTTP edge: :func:`errors` is the one place where outcomes become status
codes — 400 for a bad body or field, 401 without a valid token, 404 for an unknown
ticket, attachment or inbox message, 409 when the state refuses the action
(``ActionRefused``, ``TransitionRefused``; a ``StaleReply`` also names the new messages
in ``new_messages``), 413 over ``max_request_bytes``, 422 when a template fails (nothing
is sent), 503 when the database is away — always as ``{"error": "..."}``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

from mailgate.api import clients, events, health, held, labels, organizations, ratings, sla, tickets
from mailgate.api.common import AGENT, API, Api, Handler, bearer_token, is_public, json_response
from mailgate.api.tokens import Tokens
from mailgate.config import Config
from mailgate.console import app as console
from mailgate.errors import (
    Invalid,
    MailgateError,
    NotFound,
    Refused,
    StaleReply,
    TemplateError,
    Unavailable,
)
from mailgate.metrics import SharedMetrics
from mailgate.notify import Notifier, Templates
from mailgate.store.engine import Store

log = logging.getLogger(__name__)


# The status each kind of error answers with, first match wins; the body is the error's
# message after its prefix.  Errors of the tree not named here are the server's own (500).
STATUS_CODES: tuple[tuple[type[MailgateError], int, str], ...] = (
    (Invalid, 400, ""),
    (NotFound, 404, ""),
    (Refused, 409, ""),
    (TemplateError, 422, "template error, nothing was sent: "),
    (Unavailable, 503, ""),
)
# What the client of a 503 reads, and when to come back.
_UNAVAILABLE = "the database is unavailable; try again"
_RETRY_AFTER = {"Retry-After": "5"}


def _mapped(request: web.Request, error: MailgateError) -> web.Response | None:
    if isinstance(error, StaleReply):
        # The reply's author reads these first: their ids come with the refusal.
        doc = {"error": str(error), "new_messages": list(error.new_messages)}
        return json_response(doc, 409)
    for kind, status, prefix in STATUS_CODES:
        if isinstance(error, kind):
            if status == 503:
                log.error("api: %s %s: %s", request.method, request.path, error)
                return _error(status, _UNAVAILABLE, _RETRY_AFTER)
            return _error(status, prefix + str(error))
    return None


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> web.Response:
    response = json_response({"error": message}, status)
    response.headers.update(headers or {})
    return response


@web.middleware
async def errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every outcome that is not a success, as JSON with its status code (the console's
    pages answer with pages of their own: :mod:`mailgate.console.app`)."""
    try:
        return await handler(request)
    except MailgateError as e:
        response = _mapped(request, e)
        if response is None:
            log.exception("api: %s %s failed", request.method, request.path)
            return _error(500, "internal error (logged)")
        return response
    except web.HTTPException as e:
        if e.status < 400:
            raise
        keep = {k: v for k, v in e.headers.items() if k in ("Allow", "WWW-Authenticate")}
        return _error(e.status, _http_message(request, e), keep)
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("api: %s %s failed", request.method, request.path)
        return _error(500, "internal error (logged)")


def _http_message(request: web.Request, e: web.HTTPException) -> str:
    if e.status == 404:
        return f"no such resource: {request.path}"
    if e.status == 405:
        return f"method {request.method} not allowed for {request.path}"
    if e.status == 413:
        limit = request.app[API].config.http.max_request_bytes if API in request.app else 0
        return f"the request body is larger than {limit} bytes ([http] max_request_bytes)"
    return e.text or e.reason


def _unauthorized(message: str, error: str | None = None) -> web.Response:
    # RFC 6750 §3: the scheme, and the error code when a token was presented.
    challenge = 'Bearer realm="mailgate"' + (f', error="{error}"' if error else "")
    return _error(401, message, {"WWW-Authenticate": challenge})


@web.middleware
async def authenticate(request: web.Request, handler: Handler) -> web.StreamResponse:
    """``Authorization: Bearer <token>``, a token of the tokens file (never logged)."""
    if is_public(request.match_info.handler):
        return await handler(request)
    token = bearer_token(request)
    if token is None:
        return _unauthorized("an Authorization: Bearer <token> header is required")
    agent = request.app[API].tokens.agent(token)
    if agent is None:
        log.warning(
            "api: %s %s from %s: refused a token that is not in the tokens file",
            request.method,
            request.path,
            request.remote,
        )
        return _unauthorized("the token is not valid", "invalid_token")
    request[AGENT] = agent
    return await handler(request)


async def _no_sniffing(request: web.Request, response: web.StreamResponse) -> None:
    # The documents hold client mail's subjects and names verbatim: a browser that opens
    # one must show it as JSON, never guess HTML from its content.
    response.headers["X-Content-Type-Options"] = "nosniff"


def build_app(api: Api, shared: SharedMetrics | None = None) -> web.Application:
    """The root application: the JSON API under ``/api/``, ``/metrics`` and ``/healthz``,
    and the agents' console at ``/`` (:mod:`mailgate.console`)."""
    root = web.Application(
        client_max_size=api.config.http.max_request_bytes,
        middlewares=[errors, *console.MIDDLEWARES],
    )
    root[API] = api
    if api.config.console.enabled:
        console.add_console(root, api)
    root.on_response_prepare.append(_no_sniffing)
    health.add_routes(root, shared)
    sub = web.Application(middlewares=[authenticate])
    sub[API] = api
    tickets.add_routes(sub)
    labels.add_routes(sub)
    held.add_routes(sub)
    organizations.add_routes(sub)
    clients.add_routes(sub)
    events.add_routes(sub)
    ratings.add_routes(sub)
    sla.add_routes(sub)
    root.add_subapp("/api/", sub)
    root.on_shutdown.append(_stopping)
    return root


async def _stopping(app: web.Application) -> None:
    # Before the listener waits for the requests in progress: the event streams end.
    app[API].stopping.set()


class _AccessLog(AbstractAccessLogger):
    """One line per request; successful reads at debug level, so that a front end that
    polls does not fill the log.  Headers are never logged (they carry the token)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        quiet = request.method in ("GET", "HEAD") and response.status < 400
        self.logger.log(
            logging.DEBUG if quiet else logging.INFO,
            'api: %s "%s %s" %d %.3fs',
            request.remote,
            request.method,
            request.path_qs,
            response.status,
            time,
        )


class HttpServer:
    """The listener on ``[http] host``/``port``, started and stopped by the daemon."""

    def __init__(
        self,
        config: Config,
        store: Store,
        on_queued: Callable[[], None] = lambda: None,
        shared: SharedMetrics | None = None,
    ) -> None:
        self.config = config
        self.api = Api(
            config,
            store,
            Notifier(config, Templates(config.templates.directory)),
            Tokens(config.http.tokens_file, config),
            ThreadPoolExecutor(max_workers=4, thread_name_prefix="api"),
            on_queued,
        )
        self.app = build_app(self.api, shared)
        self._runner: web.AppRunner | None = None

    def reconfigure(self, config: Config) -> None:
        """Answer new requests with ``config`` (SIGHUP): templates read again, agents,
        departments, the tokens file's path.  Requests in progress finish as they began;
        the listener and its connections stay."""
        api = self.api
        notifier = Notifier(config, Templates(config.templates.directory))
        # Read again: the file, or the agents it names, may have changed.
        api.tokens = Tokens(config.http.tokens_file, config)
        api.config, api.notifier = config, notifier
        self.config = config

    async def start(self) -> None:
        http = self.config.http
        self._runner = web.AppRunner(
            self.app,
            access_log_class=_AccessLog,
            access_log=logging.getLogger("mailgate.api.access"),
            shutdown_timeout=self.config.daemon.shutdown_timeout,
        )
        await self._runner.setup()
        await web.TCPSite(self._runner, http.host, http.port).start()
        log.info("api: listening on http://%s:%d/api/", http.host, http.port)

    async def stop(self) -> None:
        """Stop accepting connections, let requests in progress finish (up to
        ``daemon.shutdown_timeout``), then the threads' current work."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        await asyncio.to_thread(self.api.executor.shutdown, True)
