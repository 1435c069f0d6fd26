"""The queues: what waits for the team, mine, unassigned, every ticket, by status, by
department; search; bulk actions; and ``/live``, which open pages poll to learn that
something changed.

A queue is a :class:`~mailgate.store.console_repo.QueueFilter`; the page lists one page
of it (``?page=``).  Bulk actions call the same functions as ``mailgate assign`` and
``mailgate ticket N --status closed``, once per ticket, and say which were refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from mailgate import lifecycle
from mailgate.config import Config
from mailgate.console.common import console_of, page, route, run, signed_in, status_labels
from mailgate.console.origin import safe_next
from mailgate.errors import Refused, TicketNotFound
from mailgate.store.console_repo import ConsoleRepo, QueueFilter
from mailgate.store.labels_repo import LabelsRepo
from mailgate.store.models import utcnow
from mailgate.store.sla_repo import SlaRepo
from mailgate.store.ticket_queries import TicketSummary
from mailgate.tickets.actions import assign, change_status
from mailgate.tickets.sla import SlaView, describe, views
from mailgate.tickets.views import ticket_list

PAGE_SIZE = 50
# A search reads every match up to its page: its pages stop where reading would be long.
SEARCH_PAGES = 200


@dataclass(frozen=True)
class Queue:
    key: str  # the navigation entry it lights
    title: str
    wanted: QueueFilter


def _page_number(request: web.Request) -> int:
    text = request.query.get("page", "1")
    if not text.isascii() or not text.isdigit() or len(text) > 6 or not 1 <= int(text) <= 100000:
        raise web.HTTPBadRequest(text="page: expected a number from 1")
    return int(text)


async def _show(request: web.Request, queue: Queue) -> web.Response:
    api = console_of(request).api
    number = _page_number(request)

    def read() -> tuple[int, list[TicketSummary], dict[int, list[str]], dict[int, SlaView]]:
        with api.store.read() as session:
            repo = ConsoleRepo(session)
            seen = repo.latest_event()  # before the tickets: see common.page
            rows = repo.queue(queue.wanted, limit=PAGE_SIZE + 1, offset=(number - 1) * PAGE_SIZE)
            shown = [s.ticket.id for s in rows[:PAGE_SIZE]]
            tags = LabelsRepo(session).tags_of(shown)
            return seen, rows, tags, _levels(session, api.config, shown)

    seen, rows, tags, levels = await run(request, read)
    labels = status_labels(request)
    return await page(
        request,
        "queue.html",
        active=queue.key,
        seen_event=seen,
        title=queue.title,
        tickets=[
            _row(s, tags.get(s.ticket.id, []), labels) | {"sla": _badge(levels.get(s.ticket.id))}
            for s in rows[:PAGE_SIZE]
        ],
        page_number=number,
        more=len(rows) > PAGE_SIZE,
        agents=api.config.agents,
        waiting=queue.wanted.waiting,
        q="",
    )


def _levels(session: Session, config: Config, numbers: list[int]) -> dict[int, SlaView]:
    return views(session, config, numbers) if config.sla else {}


def _badge(level: SlaView | None) -> dict[str, Any] | None:
    """The service level badge of a queue's row: the target that matters now."""
    target = level.next if level else None
    if target is None:
        return None
    look = "at-risk" if target.at_risk else target.standing
    return {"look": look, "text": describe(target, named=True), "due": target.due}


async def at_risk(request: web.Request) -> web.Response:
    """The tickets whose service level is at risk (warned) or breached, soonest due first
    (as the sla job last computed them)."""
    api = console_of(request).api

    def read() -> tuple[int, list[TicketSummary], dict[int, list[str]], dict[int, SlaView]]:
        with api.store.read() as session:
            repo = ConsoleRepo(session)
            seen = repo.latest_event()
            found = [t for t, _ in SlaRepo(session).at_risk(utcnow(), limit=PAGE_SIZE)]
            numbers = [t.id for t in found]
            tags = LabelsRepo(session).tags_of(numbers)
            return seen, repo.with_counts(found), tags, _levels(session, api.config, numbers)

    seen, rows, tags, levels = await run(request, read)
    labels = status_labels(request)
    return await page(
        request,
        "queue.html",
        active="sla",
        seen_event=seen,
        title="Service levels at risk or breached",
        tickets=[
            _row(s, tags.get(s.ticket.id, []), labels) | {"sla": _badge(levels.get(s.ticket.id))}
            for s in rows
        ],
        page_number=1,
        more=False,
        agents=api.config.agents,
        waiting=False,
        q="",
    )


def _row(s: TicketSummary, tags: list[str], labels: Mapping[str, str]) -> dict[str, Any]:
    t = s.ticket
    return {
        "number": t.id,
        "subject": t.subject,
        "requester": t.requester,
        "requester_name": t.requester_name or "",
        "status": t.status,
        "status_label": labels.get(t.status, t.status),
        "priority": t.priority,
        "department": t.department,
        "assignee": t.assignee or "",
        "waiting_since": t.last_client_message_at or t.created_at,
        "updated_at": t.updated_at,
        "messages": s.message_count,
        "tags": tags,
    }


async def team(request: web.Request) -> web.Response:
    return await _show(request, Queue("team", "Waiting for the team", QueueFilter(waiting=True)))


async def mine(request: web.Request) -> web.Response:
    me = signed_in(request).agent.address
    wanted = QueueFilter(assignee=me, open_only=True)
    return await _show(request, Queue("mine", "Assigned to me", wanted))


async def unassigned(request: web.Request) -> web.Response:
    wanted = QueueFilter(waiting=True, unassigned=True)
    return await _show(request, Queue("unassigned", "Waiting, assigned to nobody", wanted))


async def everything(request: web.Request) -> web.Response:
    return await _show(request, Queue("all", "Every ticket, latest first", QueueFilter()))


async def by_status(request: web.Request) -> web.Response:
    status = request.match_info["status"]
    if status not in lifecycle.STATUSES:
        raise web.HTTPNotFound(text=f"No status {status!r}.")
    title = f"Status: {status_labels(request).get(status, status)}"
    return await _show(request, Queue("all", title, QueueFilter(status=status)))


async def by_department(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if console_of(request).api.config.department(name) is None:
        raise web.HTTPNotFound(text=f"No department {name!r}.")
    wanted = QueueFilter(department=name, open_only=True)
    return await _show(request, Queue("all", f"Department: {name}", wanted))


async def search(request: web.Request) -> web.Response:
    """Full-text search over subjects, reply text, addresses and attachment names, with
    the queue's filters (``status``, ``department``, ``assignee``) and the tags and
    custom fields written in ``q`` (``tag:billing field:plan=gold``)."""
    api = console_of(request).api
    q = request.query.get("q", "").strip()
    status = request.query.get("status") or None
    department = request.query.get("department") or None
    assignee = request.query.get("assignee") or None
    if status is not None and status not in lifecycle.STATUSES:
        raise web.HTTPBadRequest(text=f"No status {status!r}.")
    if department is not None and api.config.department(department) is None:
        raise web.HTTPBadRequest(text=f"No department {department!r}.")
    number = _page_number(request)
    if number > SEARCH_PAGES:
        raise web.HTTPBadRequest(
            text=f"Search shows {SEARCH_PAGES} pages at most; add words or filters."
        )
    if not q:
        raise web.HTTPSeeOther("/queue/all")

    def read() -> tuple[int, list[dict[str, Any]], dict[int, SlaView]]:
        with api.store.read() as session:
            seen = ConsoleRepo(session).latest_event()  # before the tickets: see common.page
            found = ticket_list(
                session,
                status=status,
                department=department,
                assignee=assignee,
                limit=number * PAGE_SIZE + 1,
                q=q,
            )[(number - 1) * PAGE_SIZE :]
            numbers = [d["number"] for d in found[:PAGE_SIZE]]
            return seen, found, _levels(session, api.config, numbers)

    seen, found, levels = await run(request, read)
    labels = status_labels(request)
    return await page(
        request,
        "queue.html",
        active="",
        seen_event=seen,
        title=f"Search: {q}",
        tickets=[
            _found(d, labels) | {"sla": _badge(levels.get(d["number"]))} for d in found[:PAGE_SIZE]
        ],
        page_number=number,
        more=len(found) > PAGE_SIZE,
        agents=api.config.agents,
        waiting=False,
        q=q,
        filters={
            "status": status or "",
            "department": department or "",
            "assignee": assignee or "",
        },
        statuses=list(labels.items()),
        departments=[d.name for d in api.config.departments],
    )


def _found(doc: dict[str, Any], labels: Mapping[str, str]) -> dict[str, Any]:
    return {
        "number": doc["number"],
        "subject": doc["subject"],
        "requester": doc["requester"],
        "requester_name": doc["requester_name"] or "",
        "status": doc["status"],
        "status_label": labels.get(doc["status"], doc["status"]),
        "priority": doc["priority"],
        "department": doc["department"],
        "assignee": doc["assignee"] or "",
        "waiting_since": doc["last_client_message_at"] or doc["created_at"],
        "updated_at": doc["updated_at"],
        "messages": doc["message_count"],
        "tags": doc["tags"],
    }


async def bulk(request: web.Request) -> web.Response:
    """Assign or close the checked tickets, each through the shared action."""
    api = console_of(request).api
    me = signed_in(request)
    form = await request.post()
    action = str(form.get("action", ""))
    numbers = []
    for value in form.getall("ticket", []):
        text = str(value)
        if text.isascii() and text.isdigit() and len(text) < 19:
            numbers.append(int(text))
    if action not in ("assign", "close") or not numbers:
        raise web.HTTPBadRequest(text="Choose tickets and an action.")
    assignee = str(form.get("assignee", "")) or None

    def act() -> list[str]:
        refused = []
        for number in numbers:
            try:
                if action == "assign":
                    assign(api.store, api.config, number, assignee, me.agent)
                else:
                    change_status(api.store, api.notifier, number, lifecycle.CLOSED, me.agent)
            except (Refused, TicketNotFound) as e:
                refused.append(f"#{number}: {e}")
        return refused

    refused = await run(request, act)
    api.on_queued()
    back = safe_next(str(form.get("back", "/")))
    if refused:
        return await page(
            request, "done.html", title="Some tickets were not changed", lines=refused, back=back
        )
    raise web.HTTPSeeOther(back)


async def live(request: web.Request) -> web.Response:
    """What an open page asks every few seconds: the newest event, the counts."""
    api = console_of(request).api
    me = signed_in(request)

    def read() -> dict[str, Any]:
        with api.store.read() as session:
            repo = ConsoleRepo(session)
            counts = repo.nav_counts(me.agent.address)
            return {
                "event": repo.latest_event(),
                "counts": {
                    "team": counts.team,
                    "mine": counts.mine,
                    "unassigned": counts.unassigned,
                    "held": counts.held,
                },
            }

    return web.json_response(await run(request, read), headers={"Cache-Control": "no-store"})


def add_routes(app: web.Application) -> None:
    route(app, "GET", "/", team)
    route(app, "GET", "/queue/mine", mine)
    route(app, "GET", "/queue/unassigned", unassigned)
    route(app, "GET", "/queue/all", everything)
    route(app, "GET", "/queue/sla", at_risk)
    route(app, "GET", "/queue/status/{status}", by_status)
    route(app, "GET", "/queue/department/{name}", by_department)
    route(app, "GET", "/search", search)
    route(app, "POST", "/bulk", bulk)
    route(app, "GET", "/live", live, background=True)
