"""What agents see of tickets: the documents ``mailgate tickets --json``, ``mailgate
ticket N --json`` and the HTTP API return.

One builder for every interface, so that a front end reading the API and an admin
reading the command line see the same fields with the same meaning.  The documents are
plain dicts of JSON values and datetimes (timezone-aware, UTC); :func:`to_json` writes
them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mailgate.parse.security import stored_signature
from mailgate.store.labels_repo import NO_LABELS, LabelFilter, LabelsRepo
from mailgate.store.outbox_repo import OutboxRepo
from mailgate.store.ratings_repo import RatingsRepo
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.organizations import ticket_organization

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mailgate.store.models import Event, Message, RatingRequest, Ticket


def ticket_summary(
    t: Ticket,
    message_count: int,
    tags: list[str] | None = None,
    fields: dict[str, str] | None = None,
) -> dict[str, Any]:
    return {
        "number": t.id,
        "subject": t.subject,
        "status": t.status,
        "department": t.department,
        "priority": t.priority,
        "assignee": t.assignee,
        "requester": t.requester,
        "requester_name": t.requester_name,
        "created_at": t.created_at,
        "updated_at": t.updated_at,
        "last_client_message_at": t.last_client_message_at,
        "message_count": message_count,
        "tags": tags or [],
        "fields": fields or {},
    }


def message_view(m: Message, delivery: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "id": m.id,
        "direction": m.direction,
        "kind": m.kind,
        "from": {"name": m.from_name or "", "address": m.from_address or ""},
        "to": m.to,
        "cc": m.cc,
        "date": m.date or m.created_at,
        "subject": m.subject,
        "message_id": m.message_id,
        "text": m.text,
        "reply_text": m.reply_text,
        "attachments": [
            {
                "id": a.id,
                "filename": a.filename,
                "content_type": a.content_type,
                "size": a.size,
                "sha256": a.sha256,
                "inline": a.inline,
                "content_id": a.content_id,
                "executable": a.executable,
            }
            for a in m.attachments
        ],
        "inbox_id": m.inbox_id,
        "delivery": delivery,
        "signature": stored_signature([a.content_type for a in m.attachments], m.text)
        if m.direction == "in"
        else None,
    }


def ticket_list(
    session: Session,
    *,
    status: str | None = None,
    department: str | None = None,
    limit: int = 100,
    assignee: str | None = None,
    queue: bool = False,
    q: str | None = None,
    labels: LabelFilter = NO_LABELS,
) -> list[dict[str, Any]]:
    """Tickets, newest first; with ``queue``, those waiting for the team, the
    longest-waiting client first; with ``q``, those with a message matching it (words of
    subjects, of what people wrote, of addresses and file names; the last word a
    prefix), with the other filters; with ``labels`` (or ``tag:`` and ``field:`` terms
    in ``q``), those carrying those tags and field values.  Each with its tags and
    fields."""
    found = TicketRepo(session).summaries(
        status=status,
        department=department,
        assignee=assignee,
        queue=queue,
        limit=limit,
        q=q,
        labels=labels,
    )
    ids = [s.ticket.id for s in found]
    repo = LabelsRepo(session)
    tags, fields = repo.tags_of(ids), repo.fields_of(ids)
    return [
        ticket_summary(s.ticket, s.message_count, tags.get(s.ticket.id), fields.get(s.ticket.id))
        for s in found
    ]


def ticket_document(session: Session, number: int) -> dict[str, Any] | None:
    """One ticket: its summary, participants, messages in order (outgoing ones with the
    state of their delivery) and history, each with its id, and ``last_message_id`` (the
    id of its latest incoming message); None when there is no such ticket."""
    repo = TicketRepo(session)
    ticket = repo.get(number)
    if ticket is None:
        return None
    deliveries = {
        row.id: {
            "state": row.state,
            "attempts": row.attempts,
            "error": row.last_error,
            "sent_at": row.sent_at,
            "to": row.recipients,
        }
        for row in OutboxRepo(session).by_ticket(number)
    }
    messages = repo.messages(number)
    labels = LabelsRepo(session)
    doc = ticket_summary(ticket, len(messages), labels.tags(number), labels.fields(number))
    # The language of its mail to the client (docs/languages.md); null: [helpdesk] language.
    doc["language"] = ticket.language
    doc["participants"] = [
        {"address": p.address, "name": p.name, "role": p.role, "added_at": p.added_at}
        for p in repo.participants(number)
    ]
    doc["messages"] = [
        message_view(m, deliveries.get(m.outbox_id) if m.outbox_id else None) for m in messages
    ]
    doc["events"] = [event_view(e) for e in repo.events(number)]
    # The satisfaction rating asked for when it closed, if any (docs/ratings.md).
    asked = RatingsRepo(session).for_ticket(number)
    doc["rating"] = rating_view(asked) if asked is not None else None
    # The requester's organization and role, their other tickets, the organization's
    # other open tickets (mailgate.tickets.organizations).
    doc.update(ticket_organization(session, ticket))
    doc.update(links_document(repo, number))
    # What a reply written on this document saw last: the console sends it back as
    # ``seen_message``, and a client message after it makes the reply stale.
    doc["last_message_id"] = max((m.id for m in messages if m.direction == "in"), default=None)
    return doc


def rating_view(request: RatingRequest, subject: str | None = None) -> dict[str, Any]:
    """A ticket's rating request (``subject``: its ticket's, in a list) — never its
    token, which would let whoever reads it rate in the client's name."""
    doc: dict[str, Any] = {"ticket": request.ticket_id}
    if subject is not None:
        doc["subject"] = subject
    doc |= {
        "department": request.department,
        "agent": request.agent,
        "address": request.address,
        "requested_at": request.requested_at,
        "expires_at": request.expires_at,
        "rating": request.rating,
        "rated_at": request.rated_at,
        "comment": request.comment,
        "commented_at": request.commented_at,
    }
    return doc


def rating_list(
    session: Session,
    *,
    rating: str | None = None,
    department: str | None = None,
    agent: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 100,
) -> dict[str, Any]:
    """The ratings given, newest first, and the count of all that match the filters
    (``GET /api/ratings``, ``mailgate ratings list --json``)."""
    rows, total = RatingsRepo(session).ratings(
        rating=rating, department=department, agent=agent, since=since, until=until, limit=limit
    )
    return {
        "ratings": [rating_view(r, subject) for r, subject in rows],
        "good": total.good,
        "bad": total.bad,
        "percent_good": total.percent_good,
    }


# How a link reads from each of its two tickets: (from the newer, from the older).
RELATIONS = {
    "duplicate": ("duplicate_of", "has_duplicate"),
    "merged": ("merged_into", "merged_from"),
    "split": ("split_from", "split_into"),
    "not_duplicate": ("not_duplicate_of", "not_duplicated_by"),
}


def relation(kind: str, newer: bool) -> str:
    """What a link of ``kind`` is to one of its tickets: ``duplicate_of`` to the likely
    duplicate, ``has_duplicate`` to the ticket it repeats, and so on."""
    pair = RELATIONS.get(kind, (kind, kind))
    return pair[0] if newer else pair[1]


def links_document(repo: TicketRepo, number: int) -> dict[str, Any]:
    """The ticket's links to other tickets (each with the other's number, subject and
    status, and whether it was merged since), the ticket it was merged into (None),
    the tickets merged into it, and their history (``merged_history``: the events
    stay on the merged ticket; each says its ``ticket``)."""
    links = repo.links(number)
    others = {link.other_id if link.ticket_id == number else link.ticket_id for link in links}
    tickets = repo.tickets_by_id(sorted(others))
    merged_from = repo.merged_from(number)
    rows = []
    for link in links:
        newer = link.ticket_id == number
        other = link.other_id if newer else link.ticket_id
        t = tickets.get(other)
        rows.append(
            {
                "relation": relation(link.kind, newer),
                "kind": link.kind,
                "ticket": other,
                "subject": t.subject if t else None,
                "status": t.status if t else None,
                "merged_into": repo.merged_into(other),
                "at": link.created_at,
                "actor": link.actor,
                "data": link.data,
            }
        )
    return {
        "merged_into": repo.merged_into(number),
        "links": rows,
        "merged_from": merged_from,
        "merged_history": [
            {"ticket": e.ticket_id} | event_view(e) for e in repo.events_of(merged_from)
        ],
    }


def event_view(e: Event) -> dict[str, Any]:
    return {"id": e.id, "at": e.at, "actor": e.actor, "kind": e.kind, "data": e.data}


def events_after(session: Session, after: int, limit: int) -> list[dict[str, Any]]:
    """The events of every ticket after event ``after``, in order, ``limit`` of them,
    each naming its ``ticket``: what a live page or a stream learns since it looked."""
    events = TicketRepo(session).events_after(after, limit)
    return [{"ticket": e.ticket_id} | event_view(e) for e in events]


def last_event_id(session: Session) -> int:
    """Where a stream of events that starts now starts from."""
    return TicketRepo(session).last_event_id()


@dataclass(frozen=True)
class AttachmentFile:
    """An attachment's content and what is said of it, to serve as a download."""

    id: int
    filename: str
    content_type: str  # as the mail declared it
    data: bytes
    executable: str | None


def attachment_file(session: Session, number: int, attachment_id: int) -> AttachmentFile | None:
    """Attachment ``attachment_id`` of ticket ``number``, or None when the ticket has no
    such attachment (an attachment of another ticket is not this one's)."""
    a = TicketRepo(session).attachment(number, attachment_id)
    if a is None:
        return None
    return AttachmentFile(a.id, a.filename, a.content_type, a.blob.data, a.executable)


def to_json(doc: Any, *, indent: int | None = None) -> str:
    """``doc`` as JSON: datetimes in ISO 8601 with their offset, text as UTF-8."""
    return json.dumps(doc, ensure_ascii=False, indent=indent, default=_default)


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    raise TypeError(f"not JSON serializable: {type(value).__name__}")
