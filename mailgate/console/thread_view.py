"""A ticket as its page shows it: the thread of messages and internal notes in order,
each message's reply text and quoted history, its attachments, the delivery of each
outgoing mail, the participants and the history — read in one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from mailgate import lifecycle
from mailgate.api.files import INLINE_IMAGES
from mailgate.store.models import Attachment, Event, Message, OutboxRow, OutboxState, Ticket
from mailgate.store.outbox_repo import OutboxRepo
from mailgate.store.tickets_repo import TicketRepo

# Raster images a browser may show inline from an attachment (the attachments' responses
# decide the same); anything else downloads.
PREVIEWABLE = INLINE_IMAGES
# Events shown in the thread itself rather than only in the history.
NOTE = "note"
# The kinds of outgoing mail that are an agent's answer (tickets.actions).
ANSWER, CANNED = "agent_reply", "answer_"
# An outgoing mail whose failure came from a bounce says so (tickets_repo.mark_bounced).
_BOUNCED = "returned by the recipient's mail server"


@dataclass(frozen=True)
class FileView:
    id: int
    filename: str
    content_type: str
    size: int
    executable: str | None
    previewable: bool


@dataclass(frozen=True)
class Entry:
    """One item of the thread: a message (``in``/``out``) or an internal note."""

    kind: str  # in | out | note
    id: int  # the message's pk, or the note event's id
    at: datetime
    author: str
    author_address: str
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    reply_text: str = ""
    quoted: str = ""  # what the full text has beyond the reply text
    has_html: bool = False
    files: tuple[FileView, ...] = ()
    delivery: dict[str, Any] | None = None
    message_kind: str = ""
    alerted: tuple[str, ...] = ()

    @property
    def automatic(self) -> bool:
        """Mail mailgate wrote by itself (an acknowledgment, an alert to agents, a
        notice): folded in the thread, where agents' answers and clients' mail stand."""
        return self.kind == "out" and not (
            self.message_kind == ANSWER or self.message_kind.startswith(CANNED)
        )


@dataclass
class TicketView:
    number: int
    subject: str
    status: str
    status_label: str
    department: str
    priority: str
    assignee: str
    requester: str
    requester_name: str
    created_at: datetime
    thread: list[Entry] = field(default_factory=list)
    participants: list[dict[str, str]] = field(default_factory=list)
    history: list[dict[str, Any]] = field(default_factory=list)
    last_message: int = 0  # the pk of the newest incoming message
    latest_event: int = 0
    # The language of its mail to the client ("" on a ticket older than the choice).
    language: str = ""


def ticket_view(
    session: Session, number: int, labels: Mapping[str, str] | None = None
) -> TicketView | None:
    """Ticket ``number`` as its page shows it, the statuses written with ``labels``
    (English when not given)."""
    labels = labels or {s: lifecycle.label(s) for s in lifecycle.STATUSES}
    repo = TicketRepo(session)
    ticket = repo.get(number)
    if ticket is None:
        return None
    deliveries = {row.id: _delivery(row) for row in OutboxRepo(session).by_ticket(number)}
    view = _head(ticket, labels)
    entries = [_message(m, deliveries) for m in repo.messages(number)]
    events = repo.events(number)
    entries += [_note(e) for e in events if e.kind == NOTE]
    entries.sort(key=lambda e: (e.at, e.kind == "note", e.id))
    view.thread = entries
    view.last_message = max((e.id for e in entries if e.kind == "in"), default=0)
    view.latest_event = max((e.id for e in events), default=0)
    view.participants = [
        {"address": p.address, "name": p.name or "", "role": p.role}
        for p in repo.participants(number)
    ]
    view.history = [
        {"at": e.at, "actor": e.actor, "kind": e.kind, "summary": _summary(e, labels)}
        for e in reversed(events)
    ]
    return view


def _head(t: Ticket, labels: Mapping[str, str]) -> TicketView:
    return TicketView(
        number=t.id,
        subject=t.subject,
        status=t.status,
        status_label=labels.get(t.status, t.status),
        department=t.department,
        priority=t.priority,
        assignee=t.assignee or "",
        requester=t.requester,
        requester_name=t.requester_name or "",
        created_at=t.created_at,
        language=t.language or "",
    )


def _parties(parties: list[dict[str, str]]) -> tuple[str, ...]:
    return tuple(
        f"{p.get('name')} <{p.get('address')}>" if p.get("name") else p.get("address", "")
        for p in parties
    )


def _file(a: Attachment) -> FileView:
    return FileView(
        a.id,
        a.filename,
        a.content_type,
        a.size,
        a.executable,
        a.content_type.lower() in PREVIEWABLE and not a.executable,
    )


def _message(m: Message, deliveries: dict[int, dict[str, Any]]) -> Entry:
    reply = m.reply_text or m.text
    quoted = ""
    full = m.text.strip()
    if m.reply_text and full != m.reply_text.strip():
        quoted = (
            full[len(m.reply_text.strip()) :].strip()
            if full.startswith(m.reply_text.strip())
            else full
        )
    return Entry(
        kind="in" if m.direction == "in" else "out",
        id=m.id,
        at=m.date or m.created_at,
        author=m.from_name or m.from_address or "",
        author_address=m.from_address or "",
        to=_parties(m.to),
        cc=_parties(m.cc),
        subject=m.subject,
        reply_text=reply.strip("\n"),
        quoted=quoted,
        has_html=bool(m.html),
        files=tuple(_file(a) for a in m.attachments if not a.inline or a.executable),
        delivery=deliveries.get(m.outbox_id) if m.outbox_id else None,
        message_kind=m.kind,
    )


def _note(e: Event) -> Entry:
    data = e.data or {}
    return Entry(
        kind="note",
        id=e.id,
        at=e.at,
        author=e.actor,
        author_address=e.actor,
        reply_text=str(data.get("body", "")),
        alerted=tuple(str(a) for a in data.get("alerted", ()) or ()),
    )


def _delivery(row: OutboxRow) -> dict[str, Any]:
    state = str(row.state)
    error = row.last_error or ""
    if state == OutboxState.FAILED and error.startswith(_BOUNCED):
        state = "bounced"
    return {
        "state": state,
        "attempts": row.attempts,
        "error": error,
        "sent_at": row.sent_at,
        "to": ", ".join(row.recipients or ()),
    }


def _summary(e: Event, labels: Mapping[str, str]) -> str:
    """One line of the history, in words."""
    data = e.data or {}
    if e.kind == "status_changed":
        return (
            f"status {labels.get(str(data.get('from', '')), data.get('from'))} → "
            f"{labels.get(str(data.get('to', '')), data.get('to'))}"
        )
    if "from" in data and "to" in data and e.kind.endswith(("_changed", "assigned")):
        return f"{e.kind.replace('_', ' ')}: {data.get('from') or '—'} → {data.get('to') or '—'}"
    if e.kind == NOTE:
        return "internal note"
    return e.kind.replace("_", " ")
