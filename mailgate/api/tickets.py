"""``/api/tickets``: the tickets and what agents do to them.

Reading returns the same documents as ``mailgate tickets --json`` and ``mailgate ticket
N --json`` (:mod:`mailgate.tickets.views`); acting calls the same functions as
``mailgate reply`` and ``mailgate ticket N --status`` (:mod:`mailgate.tickets.actions`),
as the agent the caller's token names (else as the system, ``api token <name>``).
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any, TypeVar

from aiohttp import web
from pydantic import BaseModel, ValidationError

from mailgate.api.common import AGENT, API, json_response, json_text, public
from mailgate.api.openapi import openapi_document
from mailgate.api.schemas import ReplyRequest, StatusRequest
from mailgate.errors import BadRequest, TicketNotFound
from mailgate.lifecycle import STATUSES
from mailgate.notify import OutAttachment
from mailgate.tickets.actions import Done, change_status, post_reply
from mailgate.tickets.views import ticket_document, ticket_list, to_json

M = TypeVar("M", bound=BaseModel)

# Ticket numbers are 64-bit keys; a larger number names no ticket (and must not reach
# the database driver, which would refuse to convert it).
_MAX_NUMBER = 2**63 - 1
_MAX_LIMIT = 100000
# A request body is three levels deep; JSON nested much deeper is an attack on the parser
# (which recurses once per level and would run out of stack), refused before parsing.
MAX_NESTING = 32
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_JSON_BRACKET = re.compile(rb"[][{}]")


def add_routes(app: web.Application) -> None:
    """The API's routes, relative to its prefix; each is described in the OpenAPI
    document (a test holds them to it)."""
    app.router.add_get("/tickets", list_tickets, allow_head=False)
    # [0-9], not \d: Python's \d and int() take every script's digits ("١٢" is 12).
    app.router.add_get("/tickets/{number:[0-9]+}", get_ticket, allow_head=False)
    app.router.add_post("/tickets/{number:[0-9]+}/replies", reply)
    app.router.add_post("/tickets/{number:[0-9]+}/status", set_status)
    app.router.add_get("/openapi.json", openapi, allow_head=False)


async def list_tickets(request: web.Request) -> web.Response:
    api = request.app[API]
    query = request.query
    for name in query:
        if name not in ("status", "department", "assignee", "queue", "limit"):
            raise BadRequest(
                f"{name}: unknown parameter (expected status, department, assignee, queue, limit)"
            )
    status = query.get("status") or None
    if status is not None and status not in STATUSES:
        raise BadRequest(f"status: expected one of {', '.join(STATUSES)} (got {status!r})")
    department = query.get("department") or None
    assignee = query.get("assignee") or None
    queue_text = query.get("queue", "false").lower()
    if queue_text not in ("true", "false", "1", "0"):
        raise BadRequest(f"queue: expected true or false (got {queue_text!r})")
    queue = queue_text in ("true", "1")
    limit = query_limit(query.get("limit"))

    def read() -> str:
        with api.store.read() as session:
            return to_json(
                ticket_list(
                    session,
                    status=status,
                    department=department,
                    assignee=assignee,
                    queue=queue,
                    limit=limit,
                )
            )

    return json_text(await api.run(read))


async def get_ticket(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)

    def read() -> str:
        with api.store.read() as session:
            doc = ticket_document(session, number)
        if doc is None:
            raise TicketNotFound(number)
        return to_json(doc)

    return json_text(await api.run(read))


async def reply(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)
    body = await _body(request, ReplyRequest)
    attachments = [OutAttachment(a.filename, a.content_type, a.data) for a in body.attachments]
    if not body.body.strip() and not attachments:
        raise BadRequest("body: the reply is empty (write a text or attach a file)")
    done = await api.run(
        partial(
            post_reply,
            api.store,
            api.notifier,
            number,
            body.body,
            request[AGENT],
            template=body.template,
            status=body.status,
            attachments=attachments,
        )
    )
    return _done(request, done, 201)


async def set_status(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)
    body = await _body(request, StatusRequest)
    done = await api.run(
        partial(
            change_status,
            api.store,
            api.notifier,
            number,
            body.status,
            request[AGENT],
            note=body.note,
            notify=body.notify,
        )
    )
    return _done(request, done, 200)


@public
async def openapi(request: web.Request) -> web.Response:
    return json_response(openapi_document())


def _done(request: web.Request, done: Done, status: int) -> web.Response:
    if done.message_id:
        request.app[API].on_queued()
    return json_response(
        {
            "number": done.number,
            "status": done.status,
            "previous_status": done.previous_status,
            "message_id": done.message_id,
            "recipients": list(done.recipients),
        },
        status,
    )


def _number(request: web.Request) -> int:
    number = int(request.match_info["number"])
    if not 1 <= number <= _MAX_NUMBER:
        raise TicketNotFound(number)
    return number


def query_limit(value: str | None) -> int:
    if value is None or value == "":
        return 100
    limit = int(value) if value.isascii() and value.isdigit() else 0
    if not 1 <= limit <= _MAX_LIMIT:
        raise BadRequest(f"limit: expected an integer from 1 to {_MAX_LIMIT} (got {value!r})")
    return limit


async def _body(request: web.Request, model: type[M]) -> M:
    """The request's JSON body as ``model``; 413 past ``max_request_bytes`` (aiohttp
    stops reading there), 400 naming the field otherwise.  Decoding a body of many
    megabytes (base64 attachments) takes a while: it is done in the API's threads."""
    raw = await request.read()
    return await request.app[API].run(partial(parse_body, raw, model))


def parse_body(raw: bytes, model: type[M]) -> M:
    if _nesting(raw) > MAX_NESTING:
        raise BadRequest(f"the body is not JSON this API reads: nested deeper than {MAX_NESTING}")
    try:
        doc = json.loads(raw)
    except (UnicodeDecodeError, ValueError) as e:
        raise BadRequest(f"the body is not JSON: {e}") from None
    if not isinstance(doc, dict):
        raise BadRequest(f"the body: expected a JSON object (got {type(doc).__name__})")
    try:
        return model.model_validate(doc)
    except ValidationError as e:
        raise BadRequest("; ".join(_problem(err) for err in e.errors())) from None


def _nesting(raw: bytes) -> int:
    """How deep arrays and objects nest in ``raw`` (at least as deep as the parser would
    go: brackets inside strings do not count, and nothing after the first value does)."""
    depth = deepest = 0
    for m in _JSON_BRACKET.finditer(_JSON_STRING.sub(b"", raw)):
        depth += 1 if m.group() in b"[{" else -1
        if depth <= 0:
            break  # the first value ended (or never began): the parser stops here
        deepest = max(deepest, depth)
    return deepest


def _problem(err: Any) -> str:
    loc = _dotted(tuple(err["loc"])) or "the body"
    kind = err["type"]
    msg = str(err["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        return f"{loc}: required field is missing"
    if kind == "extra_forbidden":
        return f"{loc}: unknown field"
    if kind == "literal_error":
        return f"{loc}: expected one of {err['ctx']['expected']} (got {err['input']!r})"
    if not msg.startswith("expected"):
        msg = "expected: " + msg[0].lower() + msg[1:]
    value = err.get("input")
    if isinstance(value, str | int | float | bool) and len(repr(value)) <= 60:
        msg += f" (got {value!r})"
    return f"{loc}: {msg}"


def _dotted(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out
