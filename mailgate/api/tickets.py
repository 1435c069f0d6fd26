"""``/api/tickets``: the tickets, their files, and what agents do to them.

Reading returns the same documents as ``mailgate tickets --json`` and ``mailgate ticket
N --json`` (:mod:`mailgate.tickets.views`), searched with ``q``; a ticket's files are
served by :mod:`mailgate.api.files`, as the console serves them.  Acting calls the same
functions as ``mailgate reply``, ``mailgate ticket N --status`` and the console
(:mod:`mailgate.tickets.actions`, :mod:`mailgate.tickets.notes`), as the agent the
caller's token names (else as the system, ``api token <name>``).
"""

from __future__ import annotations

import json
import re
from functools import partial
from typing import Any, TypeVar

from aiohttp import web
from multidict import MultiMapping
from pydantic import BaseModel, ValidationError

from mailgate.api.common import AGENT, API, json_response, json_text, key_of, public, shown
from mailgate.api.files import attachment_response
from mailgate.api.openapi import openapi_document
from mailgate.api.schemas import (
    MergeRequest,
    NotDuplicateRequest,
    NoteRequest,
    ReplyRequest,
    SplitRequest,
    StatusRequest,
    TicketChange,
)
from mailgate.custom_fields import MAX_TEXT_CHARS, is_field_name
from mailgate.errors import BadRequest, Invalid, NotFound, TicketNotFound
from mailgate.lifecycle import STATUSES
from mailgate.notify import OutAttachment
from mailgate.store.labels_repo import LabelFilter
from mailgate.tags import normalize_tag
from mailgate.tickets.actions import KEEP, Done, change_status, change_ticket, post_reply
from mailgate.tickets.merging import dismiss_duplicate, merge_tickets
from mailgate.tickets.notes import add_note
from mailgate.tickets.sla import add_sla
from mailgate.tickets.splitting import split_ticket
from mailgate.tickets.views import attachment_file, ticket_document, ticket_list, to_json

M = TypeVar("M", bound=BaseModel)

_MAX_LIMIT = 100000
# A search is words, not a document.
MAX_QUERY_CHARS = 400
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
    app.router.add_patch("/tickets/{number:[0-9]+}", change)
    app.router.add_get(
        "/tickets/{number:[0-9]+}/attachments/{id:[0-9]+}", get_attachment, allow_head=False
    )
    app.router.add_post("/tickets/{number:[0-9]+}/replies", reply)
    app.router.add_post("/tickets/{number:[0-9]+}/notes", note)
    app.router.add_post("/tickets/{number:[0-9]+}/status", set_status)
    app.router.add_post("/tickets/{number:[0-9]+}/merge", merge)
    app.router.add_post("/tickets/{number:[0-9]+}/split", split)
    app.router.add_post("/tickets/{number:[0-9]+}/not-duplicate", not_duplicate)
    app.router.add_get("/openapi.json", openapi, allow_head=False)


async def list_tickets(request: web.Request) -> web.Response:
    api = request.app[API]
    query = request.query
    for name in query:
        if name not in ("status", "department", "assignee", "queue", "limit", "q", "tag"):
            if name.startswith("field.") and is_field_name(name.removeprefix("field.")):
                continue
            raise BadRequest(
                f"{name}: unknown parameter "
                "(expected status, department, assignee, queue, limit, q, tag, field.NAME)"
            )
    labels = _labels(query)
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
    q = query.get("q") or None
    if q is not None and len(q) > MAX_QUERY_CHARS:
        raise BadRequest(f"q: expected at most {MAX_QUERY_CHARS} characters (got {len(q)})")

    def read() -> str:
        with api.store.read() as session:
            docs = ticket_list(
                session,
                status=status,
                department=department,
                assignee=assignee,
                queue=queue,
                limit=limit,
                q=q,
                labels=labels,
            )
            add_sla(session, api.config, docs)
            return to_json(docs)

    return json_text(await api.run(read))


def _labels(query: MultiMapping[str]) -> LabelFilter:
    """``?tag=billing&tag=vip&field.plan=gold``: the tickets with every one of them."""
    tags: list[str] = []
    for value in query.getall("tag", []):
        try:
            tags.append(normalize_tag(value))
        except Invalid as e:
            raise BadRequest(str(e)) from None
    fields = []
    for name, value in query.items():
        if name.startswith("field."):
            if len(value) > MAX_TEXT_CHARS or "\x00" in value:
                raise BadRequest(f"{name}: expected a value of at most {MAX_TEXT_CHARS} characters")
            fields.append((name.removeprefix("field."), value.strip()))
    return LabelFilter(tuple(tags), tuple(fields))


async def get_ticket(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)

    def read() -> str:
        with api.store.read() as session:
            doc = ticket_document(session, number)
            if doc is not None:
                add_sla(session, api.config, [doc])
        if doc is None:
            raise TicketNotFound(number)
        return to_json(doc)

    return json_text(await api.run(read))


async def get_attachment(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)
    text = request.match_info["id"]
    attachment_id = key_of(text)

    def read() -> web.Response:
        found = None
        if attachment_id is not None:
            with api.store.read() as session:
                found = attachment_file(session, number, attachment_id)
        if found is None:
            raise NotFound(f"ticket {number} has no attachment {shown(text)}")
        return attachment_response(found.filename, found.content_type, found.data)

    return await api.run(read)


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
            seen_message=body.seen_message,
        )
    )
    return _done(request, done, 201)


async def note(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)
    body = await _body(request, NoteRequest)
    added = await api.run(
        partial(
            add_note, api.store, api.notifier, number, body.body, request[AGENT], alert=body.alert
        )
    )
    if added.message_id:
        api.on_queued()
    doc = {
        "number": added.number,
        "event_id": added.event_id,
        "alerted": list(added.alerted),
        "message_id": added.message_id,
    }
    return json_response(doc, 201)


async def change(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)
    body = await _body(request, TicketChange)
    given = body.model_fields_set & {"status", "priority", "department", "assignee"}
    if not given:
        raise BadRequest("the body: expected one of status, priority, department, assignee")
    changes = await api.run(
        partial(
            change_ticket,
            api.store,
            api.notifier,
            number,
            request[AGENT],
            status=body.status,
            priority=body.priority,
            department=body.department,
            assignee=body.assignee if "assignee" in given else KEEP,
            notify=body.notify,
            note=body.note,
        )
    )
    if any(c.message_id for c in changes):
        api.on_queued()
    doc = {
        "number": number,
        "changes": [
            {"field": c.field, "from": c.old, "to": c.new, "message_id": c.message_id}
            for c in changes
        ],
    }
    return json_response(doc)


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


async def merge(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)
    body = await _body(request, MergeRequest)
    merged = await api.run(
        partial(
            merge_tickets,
            api.store,
            api.notifier,
            number,
            body.into,
            request[AGENT],
            confirmed=body.force,
            notify=body.notify,
        )
    )
    if merged.message_id:
        api.on_queued()
    doc = {
        "source": merged.source,
        "target": merged.target,
        "messages": merged.messages,
        "participants": list(merged.participants),
        "status": merged.status,
        "message_id": merged.message_id,
        "recipients": list(merged.recipients),
    }
    return json_response(doc)


async def not_duplicate(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)
    body = await _body(request, NotDuplicateRequest)
    done = await api.run(partial(dismiss_duplicate, api.store, number, body.of, request[AGENT]))
    return json_response({"number": done.number, "other": done.other})


async def split(request: web.Request) -> web.Response:
    api = request.app[API]
    number = _number(request)
    body = await _body(request, SplitRequest)
    done = await api.run(
        partial(
            split_ticket,
            api.store,
            api.notifier,
            number,
            body.message,
            request[AGENT],
            tail=body.tail,
            notify=body.notify,
        )
    )
    if done.message_id:
        api.on_queued()
    doc = {
        "number": done.number,
        "new": done.new,
        "messages": list(done.messages),
        "requester": done.requester,
        "message_id": done.message_id,
        "recipients": list(done.recipients),
    }
    return json_response(doc, 201)


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


def number_of(request: web.Request) -> int:
    """The ticket number of the request's path; NotFound when no ticket can have it."""
    return _number(request)


async def read_body(request: web.Request, model: type[M]) -> M:
    """The request's JSON body as ``model`` (see :func:`_body`)."""
    return await _body(request, model)


def _number(request: web.Request) -> int:
    text = request.match_info["number"]
    number = key_of(text)
    if number is None:
        raise NotFound(f"no ticket {shown(text)}")
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
