"""What an agent does from a ticket's page: answer (with a template, attachments and the
status after the reply; previewed exactly as it will go out; refused when a client's
message arrived since the page was read), add an internal note, change the status,
priority, department or assignee.

Each calls the function the command line, the API and agents' mail call
(:mod:`mailgate.tickets.actions`, :mod:`mailgate.tickets.notes`), as the signed-in agent,
so the ticket's history names them.  A refusal shows the page again with the reason and
the draft kept.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from mailgate.api.common import Api
from mailgate.console.common import console_of, render_text, route, run, signed_in
from mailgate.console.ticket import number_of, reply_templates, show_ticket
from mailgate.errors import Refused, StaleReply, TemplateError
from mailgate.notify import OutAttachment
from mailgate.store.console_repo import ConsoleRepo
from mailgate.store.languages_repo import LanguageRepo
from mailgate.tickets.actions import post_reply, preview_reply
from mailgate.tickets.changes import change_ticket
from mailgate.tickets.notes import add_note

_SEND, _PREVIEW = "send", "preview"


async def _form(request: web.Request) -> tuple[dict[str, Any], list[OutAttachment]]:
    """The reply form's fields, and its files."""
    fields: dict[str, Any] = {}
    files: list[OutAttachment] = []
    form = await request.post()
    for key, value in form.items():
        if isinstance(value, web.FileField):
            if key == "attachments" and value.filename:
                data = value.file.read()
                if data:
                    files.append(OutAttachment(value.filename, value.content_type or "", data))
        else:
            fields.setdefault(key, str(value))
    if any("\x00" in v for v in fields.values()):
        raise web.HTTPBadRequest(text="The form holds a NUL character, which no mail can carry.")
    return fields, files


def _seen(fields: dict[str, Any]) -> int | None:
    text = str(fields.get("seen_message", ""))
    return int(text) if text.isascii() and text.isdigit() and len(text) < 19 else None


def _department(api: Api, number: int) -> tuple[str, str | None] | None:
    """The ticket's department and the language of its mail (its canned answers)."""
    with api.store.read() as session:
        department = ConsoleRepo(session).department_of(number)
        if department is None:
            return None
        return department, LanguageRepo(session).of_ticket(number)


async def reply(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    fields, files = await _form(request)
    body = str(fields.get("body", ""))
    template = str(fields.get("template", "agent_reply"))
    status = str(fields.get("status", "")) or None
    action = str(fields.get("action", _SEND))
    found = await run(request, lambda: _department(api, number))
    if found is None:
        raise web.HTTPNotFound(text=f"There is no ticket {number}.")
    department, language = found
    if template not in reply_templates(api, department, language):
        raise web.HTTPBadRequest(text=f"No template {template!r}.")
    draft = {"body": body, "template": template, "status": status or ""}
    try:
        if action == _PREVIEW:
            shown = await run(
                request,
                lambda: preview_reply(
                    api.store,
                    api.notifier,
                    number,
                    body,
                    me.agent,
                    template=template,
                    status=status,
                    attachments=files,
                ),
            )
            if request.headers.get("X-Fragment") == "preview":
                text = render_text(request, "preview.html", preview=shown)
                return web.Response(text=text, content_type="text/html", charset="utf-8")
            return await show_ticket(request, number, draft=draft, preview=shown)
        await run(
            request,
            lambda: post_reply(
                api.store,
                api.notifier,
                number,
                body,
                me.agent,
                template=template,
                status=status,
                attachments=files,
                seen_message=_seen(fields),
            ),
        )
    except StaleReply as e:
        return await show_ticket(
            request, number, status=409, draft=draft, stale=tuple(e.new_messages)
        )
    except (Refused, TemplateError) as e:
        # Refused is also the state machine's (TransitionRefused): a status after the
        # answer that agents may not set is refused like an empty answer, draft kept.
        return await show_ticket(request, number, status=409, draft=draft, error=str(e))
    api.on_queued()
    raise web.HTTPSeeOther(f"/tickets/{number}?done=sent")


async def note(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    form = await request.post()
    body = str(form.get("body", ""))
    if "\x00" in body:
        raise web.HTTPBadRequest(text="The note holds a NUL character.")
    alert = str(form.get("alert", "")) in ("1", "on", "yes")
    try:
        await run(
            request,
            lambda: add_note(api.store, api.notifier, number, body, me.agent, alert=alert),
        )
    except (Refused, TemplateError) as e:
        return await show_ticket(request, number, status=409, draft={"note": body}, error=str(e))
    api.on_queued()
    raise web.HTTPSeeOther(f"/tickets/{number}?done=noted")


async def change(request: web.Request) -> web.StreamResponse:
    """Apply what the change form changed: every value is checked before any changes
    (:func:`~mailgate.tickets.changes.change_ticket`)."""
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    form = await request.post()
    wanted = {k: str(form.get(k, "")) for k in ("status", "priority", "department", "assignee")}
    was = {k: str(form.get(f"was_{k}", "")) for k in wanted}
    notify = str(form.get("notify", "")) in ("1", "on", "yes")

    # Only what the agent changed on the form is sent: a field a colleague changed since
    # the page was read is not set back to what this page showed.
    def changed(key: str) -> str | None:
        return wanted[key] if wanted[key] != was[key] else None

    status, priority = changed("status") or None, changed("priority") or None
    department = changed("department") or None

    def apply() -> None:
        if wanted["assignee"] == was["assignee"]:
            change_ticket(
                api.store, api.notifier, number, me.agent,
                status=status, priority=priority, department=department, notify=notify,
            )  # fmt: skip
        else:
            change_ticket(
                api.store, api.notifier, number, me.agent,
                status=status, priority=priority, department=department, notify=notify,
                assignee=wanted["assignee"] or None,
            )  # fmt: skip

    try:
        await run(request, apply)
    except (Refused, TemplateError) as e:
        return await show_ticket(request, number, status=409, error=str(e))
    api.on_queued()
    raise web.HTTPSeeOther(f"/tickets/{number}?done=changed")


def add_routes(app: web.Application) -> None:
    route(app, "POST", "/tickets/{number:[0-9]+}/reply", reply)
    route(app, "POST", "/tickets/{number:[0-9]+}/notes", note)
    route(app, "POST", "/tickets/{number:[0-9]+}/change", change)
