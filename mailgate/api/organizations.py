"""``/api/organizations`` and ``/api/contacts``: the clients' organizations and their
contacts, managed as ``mailgate orgs`` and ``mailgate contacts`` do (the same functions,
:mod:`mailgate.tickets.organizations`)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Any

from aiohttp import web

from mailgate.api.common import API, json_response, json_text, key_of, shown
from mailgate.api.schemas import ContactRequest, OrganizationChange, OrganizationRequest
from mailgate.api.tickets import parse_body
from mailgate.errors import BadRequest, NotFound
from mailgate.store.models import utcnow
from mailgate.store.orgs_repo import OrganizationRepo
from mailgate.tickets import organizations as orgs
from mailgate.tickets.views import to_json

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mailgate.store.models import Organization


def add_routes(app: web.Application) -> None:
    app.router.add_get("/organizations", list_organizations, allow_head=False)
    app.router.add_post("/organizations", add_organization)
    app.router.add_get("/organizations/{id:[0-9]+}", get_organization, allow_head=False)
    app.router.add_patch("/organizations/{id:[0-9]+}", change_organization)
    app.router.add_delete("/organizations/{id:[0-9]+}", delete_organization)
    app.router.add_post("/organizations/{id:[0-9]+}/contacts", put_contact)
    app.router.add_get("/contacts", list_contacts, allow_head=False)
    app.router.add_delete("/contacts/{address}", remove_contact)


def _id(request: web.Request) -> int:
    text = request.match_info["id"]
    value = key_of(text)
    if value is None:
        raise NotFound(f"no organization {shown(text)}")
    return value


def _free_mail(request: web.Request) -> tuple[str, ...]:
    return request.app[API].config.contacts.free_mail_domains


async def list_organizations(request: web.Request) -> web.Response:
    api = request.app[API]
    for name in request.query:
        raise BadRequest(f"{name}: unknown parameter (expected none)")

    def read() -> str:
        with api.store.read() as session:
            return to_json(orgs.organization_list(session))

    return json_text(await api.run(read))


async def add_organization(request: web.Request) -> web.Response:
    api = request.app[API]
    raw = await request.read()
    body = await api.run(partial(parse_body, raw, OrganizationRequest))

    def write() -> dict[str, Any]:
        with api.store.write() as session:
            org = orgs.add_organization(
                session,
                body.name,
                utcnow(),
                notify=body.notify,
                unknown_may_open=body.unknown_may_open,
                domains=body.domains,
                free_mail=_free_mail(request),
            )
            return orgs.organization_document(session, org)

    return json_response(await api.run(write), 201)


def _found(session: Session, organization_id: int) -> Organization:
    org = OrganizationRepo(session).get(organization_id)
    if org is None:
        raise NotFound(f"no organization {organization_id}")
    return org


async def get_organization(request: web.Request) -> web.Response:
    api = request.app[API]
    organization_id = _id(request)

    def read() -> str:
        with api.store.read() as session:
            return to_json(orgs.organization_document(session, _found(session, organization_id)))

    return json_text(await api.run(read))


async def change_organization(request: web.Request) -> web.Response:
    api = request.app[API]
    organization_id = _id(request)
    raw = await request.read()
    body = await api.run(partial(parse_body, raw, OrganizationChange))

    def write() -> dict[str, Any]:
        with api.store.write() as session:
            org = orgs.set_organization(
                session,
                _found(session, organization_id),
                name=body.name,
                notify=body.notify,
                unknown_may_open=body.unknown_may_open,
                domains=body.domains,
                free_mail=_free_mail(request),
            )
            return orgs.organization_document(session, org)

    return json_response(await api.run(write))


async def delete_organization(request: web.Request) -> web.Response:
    api = request.app[API]
    organization_id = _id(request)

    def write() -> dict[str, Any]:
        with api.store.write() as session:
            name = orgs.delete_organization(session, _found(session, organization_id))
            return {"id": organization_id, "name": name, "deleted": True}

    return json_response(await api.run(write))


async def put_contact(request: web.Request) -> web.Response:
    api = request.app[API]
    organization_id = _id(request)
    raw = await request.read()
    body = await api.run(partial(parse_body, raw, ContactRequest))

    def write() -> tuple[dict[str, Any], str]:
        with api.store.write() as session:
            org = _found(session, organization_id)
            return orgs.put_contact(session, org, body.address, body.name, body.role, utcnow())

    contact, outcome = await api.run(write)
    return json_response(
        {"contact": contact, "outcome": outcome}, 201 if outcome == "added" else 200
    )


async def list_contacts(request: web.Request) -> web.Response:
    api = request.app[API]
    for name in request.query:
        if name != "organization":
            raise BadRequest(f"{name}: unknown parameter (expected organization)")
    key = request.query.get("organization") or None

    def read() -> str:
        with api.store.read() as session:
            org = orgs.find(session, key) if key is not None else None
            return to_json(orgs.contact_list(session, org))

    return json_text(await api.run(read))


async def remove_contact(request: web.Request) -> web.Response:
    api = request.app[API]
    address = request.match_info["address"]

    def write() -> dict[str, Any]:
        with api.store.write() as session:
            orgs.remove_contact(session, address)
        return {"address": address.strip().lower(), "removed": True}

    return json_response(await api.run(write))
