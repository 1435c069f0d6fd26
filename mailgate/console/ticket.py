"""A ticket's page: the thread, the composer, the notes, the change form, presence.
What it loads beside it is :mod:`mailgate.console.frames` (HTML, attachments) and
:mod:`mailgate.console.presence`; what an agent does from it, :mod:`mailgate.console.answer`."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from aiohttp import web

from mailgate import lifecycle
from mailgate.api.common import Api, key_of
from mailgate.console.common import console_of, page, route, run, status_labels
from mailgate.console.thread_view import TicketView, ticket_view
from mailgate.custom_fields import FieldSpec
from mailgate.store.console_repo import ConsoleRepo
from mailgate.tickets.actions import answer_templates
from mailgate.tickets.incoming import PRIORITIES
from mailgate.tickets.sla import describe, views
from mailgate.tickets.splitting import OPENING_KINDS


def reply_templates(api: Api, department: str, language: str | None = None) -> list[str]:
    """The templates an agent may answer a ticket of ``department`` in ``language`` with:
    the plain answer and the canned ones."""
    return answer_templates(api.notifier, department, language)


def number_of(request: web.Request, key: str = "number") -> int:
    value = key_of(request.match_info[key])
    if value is None:
        raise web.HTTPNotFound(text="No such ticket.")
    return value


async def read_view(request: web.Request, number: int) -> tuple[TicketView, int]:
    """The ticket, and the newest event of any ticket read before it (common.page)."""
    api = console_of(request).api
    labels = status_labels(request)

    def read() -> tuple[TicketView | None, int]:
        with api.store.read() as session:
            seen = ConsoleRepo(session).latest_event()
            return ticket_view(session, number, labels), seen

    view, seen = await run(request, read)
    if view is None:
        raise web.HTTPNotFound(text=f"There is no ticket {number}.")
    return view, seen


async def show_ticket(
    request: web.Request,
    number: int,
    *,
    status: int = 200,
    draft: dict[str, Any] | None = None,
    preview: Any = None,
    stale: tuple[int, ...] = (),
    flash: str = "",
    error: str = "",
    confirm_merge: int | None = None,
) -> web.Response:
    """The ticket's page; the composer keeps ``draft`` (after a preview, a refusal or a
    stale reply)."""
    api = console_of(request).api
    view, seen = await read_view(request, number)
    labels = status_labels(request)
    config = api.config
    sla = await run(request, partial(_service_level, api, number)) if config.sla else None
    draft = draft or {}
    return await page(
        request,
        "ticket.html",
        status=status,
        active="",
        seen_event=seen,
        t=view,
        templates=reply_templates(api, view.department, view.language or None),
        statuses=[(s, labels[s]) for s in lifecycle.STATUSES],
        priorities=PRIORITIES,
        departments=[d.name for d in config.departments],
        agents=config.agents,
        draft={
            "body": draft.get("body", ""),
            "template": draft.get("template", "agent_reply"),
            "status": draft.get("status", ""),
            "note": draft.get("note", ""),
        },
        seen_message=view.last_message,
        custom_fields=field_rows(config.fields_of(view.department), view.fields),
        preview=preview,
        stale=set(stale),
        flash=flash or _flash(request),
        error=error,
        sla=sla,
        confirm_merge=confirm_merge,
        # The kinds of a client's mail a new ticket may start with (a split refuses others).
        split_kinds=OPENING_KINDS,
    )


def field_rows(specs: Sequence[FieldSpec], values: dict[str, str]) -> list[dict[str, Any]]:
    """The fields form: each field of the department with its value, then any value of
    a field the department no longer defines (shown, not editable)."""
    rows: list[dict[str, Any]] = [
        {
            "name": s.name,
            "label": s.label,
            "type": str(s.type),
            "options": s.options,
            "required": s.required,
            "value": values.get(s.name, ""),
            "editable": True,
        }
        for s in specs
    ]
    defined = {s.name for s in specs}
    rows += [
        {"name": n, "label": n, "type": "text", "options": (), "required": False, "value": v,
         "editable": False}
        for n, v in values.items()
        if n not in defined
    ]  # fmt: skip
    return rows


def _service_level(api: Api, number: int) -> dict[str, Any] | None:
    """The ticket's service level as its page shows it: a badge per target."""
    with api.store.read() as session:
        level = views(session, api.config, [number]).get(number)
    if level is None:
        return None
    return {
        "policy": level.policy,
        "targets": [
            {
                "look": "at-risk" if t.at_risk else t.standing,
                "text": describe(t, named=True),
                "due": t.due,
                "done": t.done_at,
            }
            for t in level.targets()
        ],
    }


_FLASHES = {
    "sent": "Your answer is on its way.",
    "tagged": "The tags were changed.",
    "fields": "The fields were saved.",
    "noted": "The note is on the ticket.",
    "changed": "The ticket was changed.",
    "merged": "The tickets are merged; the clients are told.",
    "split": "The message is a ticket of its own now; its client is told.",
    "dismissed": "Marked as not a duplicate.",
}


def _flash(request: web.Request) -> str:
    return _FLASHES.get(request.query.get("done", ""), "")


async def ticket_page(request: web.Request) -> web.Response:
    return await show_ticket(request, number_of(request))


def add_routes(app: web.Application) -> None:
    route(app, "GET", "/tickets/{number:[0-9]+}", ticket_page)
