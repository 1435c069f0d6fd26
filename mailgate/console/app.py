"""The console inside the HTTP listener's root application: its pages, its static files,
and the middlewares that act on its handlers only (HTML errors, sign-in and CSRF), with
the security headers of every console response.

Every page carries a strict Content-Security-Policy: scripts and styles come from
``/static/`` only (no inline script, no inline style, no other origin), frames only from
the console itself, and no page may be framed by another site (clickjacking).  The two
kinds of response that show content taken from mail — a message's sanitized HTML and an
image attachment's preview — set a stricter policy of their own (``sandbox``), which
the headers here leave as it is.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime
from importlib import resources

import jinja2
from aiohttp import web

from mailgate.api.common import Api, Handler
from mailgate.console import (
    answer,
    auth,
    figures,
    frames,
    held,
    labels,
    merging,
    organizations,
    presence,
    queues,
    rating,
    ticket,
)
from mailgate.console.common import CONSOLE, Console, is_console, render, route
from mailgate.errors import Invalid, MailgateError, NotFound, Refused, Unavailable

log = logging.getLogger(__name__)

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
_STATIC_TYPES = {".css": "text/css", ".js": "text/javascript", ".svg": "image/svg+xml"}
_ERRORS: tuple[tuple[type[MailgateError], int], ...] = (
    (Invalid, 400),
    (NotFound, 404),
    (Refused, 409),
    (Unavailable, 503),
)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mailgate.console", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _when
    env.filters["party"] = _party
    return env


def _party(value: object) -> str:
    """A name and address as a mail program shows them: ``Ann <ann@example.com>``."""
    name, address = getattr(value, "name", ""), getattr(value, "address", "")
    return f"{name} <{address}>" if name else str(address)


def _when(value: object) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return "" if value is None else str(value)


@web.middleware
async def html_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A console request that fails gets a page saying why, with its status code."""
    if not is_console(request):
        return await handler(request)
    try:
        return await handler(request)
    except web.HTTPException as e:
        if e.status < 400:
            raise
        return render(request, "error.html", e.status, message=e.text or e.reason)
    except MailgateError as e:
        for kind, status in _ERRORS:
            if isinstance(e, kind):
                if status == 503:
                    log.error("console: %s %s: %s", request.method, request.path, e)
                    message = "The database is unavailable; try again."
                    return render(request, "error.html", 503, message=message)
                return render(request, "error.html", status, message=str(e))
        log.exception("console: %s %s failed", request.method, request.path)
        return render(request, "error.html", 500, message="Internal error (logged).")
    except asyncio.CancelledError:
        raise
    except Exception:
        log.exception("console: %s %s failed", request.method, request.path)
        return render(request, "error.html", 500, message="Internal error (logged).")


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    if not is_console(request):
        return
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Frame-Options", "DENY")
    headers["Referrer-Policy"] = "same-origin"
    headers["X-Content-Type-Options"] = "nosniff"
    headers.setdefault("Cache-Control", "no-store")


def _static_files() -> dict[str, tuple[bytes, str]]:
    files: dict[str, tuple[bytes, str]] = {}
    folder = resources.files("mailgate.console") / "static"
    for entry in folder.iterdir():
        suffix = "." + entry.name.rsplit(".", 1)[-1]
        if suffix in _STATIC_TYPES:
            files[entry.name] = (entry.read_bytes(), _STATIC_TYPES[suffix])
    return files


def add_console(root: web.Application, api: Api) -> None:
    """The console's routes on ``root``; its middlewares are :data:`MIDDLEWARES`."""
    root[CONSOLE] = Console(api, environment())
    root.on_response_prepare.append(security_headers)
    files = _static_files()

    async def static(request: web.Request) -> web.Response:
        found = files.get(request.match_info["name"])
        if found is None:
            raise web.HTTPNotFound()
        body, content_type = found
        return web.Response(
            body=body,
            content_type=content_type,
            headers={"Cache-Control": "public, max-age=3600"},
        )

    route(root, "GET", "/static/{name}", static, anonymous=True)
    auth.add_routes(root)
    queues.add_routes(root)
    ticket.add_routes(root)
    frames.add_routes(root)
    presence.add_routes(root)
    answer.add_routes(root)
    labels.add_routes(root)
    merging.add_routes(root)
    held.add_routes(root)
    figures.add_routes(root)
    rating.add_routes(root)
    organizations.add_routes(root)


MIDDLEWARES = (html_errors, auth.session_middleware)
