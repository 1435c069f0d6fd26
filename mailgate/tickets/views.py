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
from mailgate.store.outbox_repo import OutboxRepo
from mailgate.store.tickets_repo import TicketRepo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mailgate.store.models import Event, Message, Ticket


def ticket_summary(t: Ticket, message_count: int) -> dict[str, Any]:
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
) -> list[dict[str, Any]]:
    """Tickets, newest first; with ``queue``, those waiting for the team, the
    longest-waiting client first; with ``q``, those with a message matching it (words of
    subjects, of what people wrote, of addresses and file names; the last word a
    prefix), with the other filters."""
    return [
        ticket_summary(s.ticket, s.message_count)
        for s in TicketRepo(session).summaries(
            status=status, department=department, assignee=assignee, queue=queue, limit=limit, q=q
        )
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
    doc = ticket_summary(ticket, len(messages))
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
    # What a reply written on this document saw last: the console sends it back as
    # ``seen_message``, and a client message after it makes the reply stale.
    doc["last_message_id"] = max((m.id for m in messages if m.direction == "in"), default=None)
    return doc


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
