"""Merging and splitting tickets from a ticket's page: the one-click merge of a likely
duplicate, the merge form (confirmed when the requesters differ), and a message split
off into a new ticket.  Each calls the function the command line and the API call
(:mod:`mailgate.tickets.merging`, :mod:`mailgate.tickets.splitting`) as the signed-in
agent; a refusal shows the page again with the reason."""

from __future__ import annotations

from aiohttp import web

from mailgate.api.common import key_of
from mailgate.console.common import console_of, route, run, signed_in
from mailgate.console.ticket import number_of, show_ticket
from mailgate.errors import MergeUnconfirmed, Refused, TemplateError
from mailgate.tickets.merging import dismiss_duplicate, merge_tickets
from mailgate.tickets.splitting import split_ticket

_YES = ("1", "on", "yes")


def _key(value: object, what: str) -> int:
    text = str(value or "").strip().lstrip("#")
    number = key_of(text) if text.isascii() and text.isdigit() else None
    if number is None:
        raise web.HTTPBadRequest(text=f"{what}: expected a number (got {text[:40]!r}).")
    return number


async def merge(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    form = await request.post()
    into = _key(form.get("into"), "Merge into")
    confirmed = str(form.get("force", "")) in _YES
    notify = str(form.get("notify", "1")) in _YES
    try:
        await run(
            request,
            lambda: merge_tickets(
                api.store, api.notifier, number, into, me.agent, confirmed=confirmed, notify=notify
            ),
        )
    except MergeUnconfirmed as e:
        # The page asks again, with the box that confirms it.
        return await show_ticket(request, number, status=409, error=str(e), confirm_merge=into)
    except (Refused, TemplateError) as e:
        return await show_ticket(request, number, status=409, error=str(e))
    api.on_queued()
    raise web.HTTPSeeOther(f"/tickets/{into}?done=merged")


async def split(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    form = await request.post()
    message = _key(form.get("message"), "Message")
    tail = str(form.get("tail", "")) in _YES
    try:
        done = await run(
            request,
            lambda: split_ticket(api.store, api.notifier, number, message, me.agent, tail=tail),
        )
    except (Refused, TemplateError) as e:
        return await show_ticket(request, number, status=409, error=str(e))
    api.on_queued()
    raise web.HTTPSeeOther(f"/tickets/{done.new}?done=split")


async def not_duplicate(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    me = signed_in(request)
    number = number_of(request)
    form = await request.post()
    other = _key(form.get("other"), "Other ticket")
    try:
        await run(request, lambda: dismiss_duplicate(api.store, number, other, me.agent))
    except Refused as e:
        return await show_ticket(request, number, status=409, error=str(e))
    raise web.HTTPSeeOther(f"/tickets/{number}?done=dismissed")


def add_routes(app: web.Application) -> None:
    route(app, "POST", "/tickets/{number:[0-9]+}/merge", merge)
    route(app, "POST", "/tickets/{number:[0-9]+}/split", split)
    route(app, "POST", "/tickets/{number:[0-9]+}/not-duplicate", not_duplicate)
