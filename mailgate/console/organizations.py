"""Clients' organizations and their contacts in the console: the list, adding one, an
organization's page — its settings, domains, contacts (added, changed, removed) and
open tickets.  The same functions as ``mailgate orgs``/``mailgate contacts`` and the
API (:mod:`mailgate.tickets.organizations`); every signed-in agent may use them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from aiohttp import web

from mailgate.api.common import key_of
from mailgate.console.common import console_of, page, route, run
from mailgate.errors import Invalid, NotFound, Refused
from mailgate.store.console_repo import ConsoleRepo
from mailgate.store.models import utcnow
from mailgate.store.orgs_repo import OrganizationRepo
from mailgate.tickets import organizations as orgs

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mailgate.store.models import Organization

_FLASHES = {
    "added": "The organization was added.",
    "saved": "The organization was changed.",
    "contact": "The contact was saved.",
    "removed": "The contact was removed.",
}
_SEPARATORS = re.compile(r"[\s,;]+")


def _organization_id(request: web.Request) -> int:
    value = key_of(request.match_info["id"])
    if value is None:
        raise web.HTTPNotFound(text="No such organization.")
    return value


def _found(session: Session, organization_id: int) -> Organization:
    org = OrganizationRepo(session).get(organization_id)
    if org is None:
        raise NotFound(f"There is no organization {organization_id}.")
    return org


async def list_page(
    request: web.Request, *, error: str = "", status: int = 200, draft: dict[str, str] | None = None
) -> web.Response:
    api = console_of(request).api

    def read() -> tuple[int, list[dict[str, Any]]]:
        with api.store.read() as session:
            return ConsoleRepo(session).latest_event(), orgs.organization_list(session)

    seen, listed = await run(request, read)
    return await page(
        request,
        "organizations.html",
        status=status,
        active="organizations",
        seen_event=seen,
        organizations=listed,
        error=error,
        draft={"name": "", "domains": "", "notify": "requester"} | (draft or {}),
        flash=_FLASHES.get(request.query.get("done", ""), ""),
    )


async def show_list(request: web.Request) -> web.Response:
    return await list_page(request)


async def add(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    form = await request.post()
    draft = {k: str(form.get(k, "")) for k in ("name", "domains", "notify")}
    free_mail = api.config.contacts.free_mail_domains

    def write() -> int:
        with api.store.write() as session:
            org = orgs.add_organization(
                session,
                draft["name"],
                utcnow(),
                notify=draft["notify"] or "requester",
                unknown_may_open=form.get("unknown_may_open") == "1",
                domains=[d for d in _SEPARATORS.split(draft["domains"]) if d],
                free_mail=free_mail,
            )
            return org.id

    try:
        organization_id = await run(request, write)
    except (Invalid, Refused) as e:
        return await list_page(request, error=str(e), status=400, draft=draft)
    raise web.HTTPSeeOther(f"/organizations/{organization_id}?done=added")


async def organization_page(
    request: web.Request, *, error: str = "", status: int = 200
) -> web.Response:
    api = console_of(request).api
    organization_id = _organization_id(request)

    def read() -> tuple[int, dict[str, Any], list[dict[str, Any]]]:
        with api.store.read() as session:
            seen = ConsoleRepo(session).latest_event()
            org = _found(session, organization_id)
            doc = orgs.organization_document(session, org)
            return seen, doc, orgs.open_tickets(session, org)

    seen, doc, tickets = await run(request, read)
    return await page(
        request,
        "organization.html",
        status=status,
        active="organizations",
        seen_event=seen,
        org=doc,
        tickets=tickets,
        error=error,
        flash=_FLASHES.get(request.query.get("done", ""), ""),
    )


async def show_organization(request: web.Request) -> web.Response:
    return await organization_page(request)


async def change(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    organization_id = _organization_id(request)
    form = await request.post()
    free_mail = api.config.contacts.free_mail_domains

    def write() -> None:
        with api.store.write() as session:
            orgs.set_organization(
                session,
                _found(session, organization_id),
                name=str(form.get("name", "")),
                notify=str(form.get("notify", "")),
                unknown_may_open=form.get("unknown_may_open") == "1",
                domains=[d for d in _SEPARATORS.split(str(form.get("domains", ""))) if d],
                free_mail=free_mail,
            )

    try:
        await run(request, write)
    except (Invalid, Refused) as e:
        return await organization_page(request, error=str(e), status=400)
    raise web.HTTPSeeOther(f"/organizations/{organization_id}?done=saved")


async def put_contact(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    organization_id = _organization_id(request)
    form = await request.post()

    def write() -> None:
        with api.store.write() as session:
            orgs.put_contact(
                session,
                _found(session, organization_id),
                str(form.get("address", "")),
                str(form.get("name", "")),
                str(form.get("role", "")),
                utcnow(),
            )

    try:
        await run(request, write)
    except Invalid as e:
        return await organization_page(request, error=str(e), status=400)
    raise web.HTTPSeeOther(f"/organizations/{organization_id}?done=contact")


async def remove_contact(request: web.Request) -> web.StreamResponse:
    api = console_of(request).api
    organization_id = _organization_id(request)
    form = await request.post()
    address = str(form.get("address", ""))

    def write() -> None:
        with api.store.write() as session:
            _found(session, organization_id)
            orgs.remove_contact(session, address)

    try:
        await run(request, write)
    except NotFound as e:
        return await organization_page(request, error=str(e), status=404)
    raise web.HTTPSeeOther(f"/organizations/{organization_id}?done=removed")


def add_routes(app: web.Application) -> None:
    route(app, "GET", "/organizations", show_list)
    route(app, "POST", "/organizations", add)
    route(app, "GET", "/organizations/{id:[0-9]{1,18}}", show_organization)
    route(app, "POST", "/organizations/{id:[0-9]{1,18}}", change)
    route(app, "POST", "/organizations/{id:[0-9]{1,18}}/contacts", put_contact)
    route(app, "POST", "/organizations/{id:[0-9]{1,18}}/contacts/remove", remove_contact)
