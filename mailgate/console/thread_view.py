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
from mailgate.store.labels_repo import LabelsRepo
from mailgate.store.models import Attachment, Event, Message, OutboxRow, OutboxState, Ticket
from mailgate.store.outbox_repo import OutboxRepo
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.organizations import ticket_organization
from mailgate.tickets.views import links_document

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
    tags: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # custom fields by name
    # The requester's organization ({id, name, role}) or None; the requester's other
    # tickets; the organization's other people's open tickets.
    organization: dict[str, Any] | None = None
    requester_tickets: list[dict[str, Any]] = field(default_factory=list)
    organization_open_tickets: list[dict[str, Any]] = field(default_factory=list)
    # Links to other tickets (tickets.views.links_document), and the ticket this one was
    # merged into.
    links: list[dict[str, Any]] = field(default_factory=list)
    merged_into: int | None = None

    @property
    def duplicates(self) -> list[dict[str, Any]]:
        """The likely duplicates still to settle, each with the merge that settles it
        (``source`` into ``target``: the newer ticket into the older): neither ticket
        was merged since."""
        if self.merged_into is not None:
            return []
        dismissed = {link["ticket"] for link in self.links if link["kind"] == "not_duplicate"}
        found = []
        for link in self.links:
            if (
                link["kind"] != "duplicate"
                or link["merged_into"] is not None
                or link["ticket"] in dismissed
            ):
                continue
            newer = link["relation"] == "duplicate_of"
            source, target = (
                (self.number, link["ticket"]) if newer else (link["ticket"], self.number)
            )
            found.append(link | {"source": source, "target": target})
        return found

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
    tagged = LabelsRepo(session)
    view.tags, view.fields = tagged.tags(number), tagged.fields(number)
    view.participants = [
        {"address": p.address, "name": p.name or "", "role": p.role}
        for p in repo.participants(number)
    ]
    linked = links_document(repo, number)
    view.links = linked["links"]
    view.merged_into = linked["merged_into"]
    # The history of the tickets merged into this one stays on them: shown here too.
    merged = repo.events_of(linked["merged_from"])
    view.history = [
        {
            "at": e.at,
            "actor": e.actor,
            "kind": e.kind,
            "summary": (f"#{e.ticket_id}: " if e.ticket_id != number else "") + _summary(e, labels),
        }
        for e in sorted((*events, *merged), key=lambda e: (e.at, e.id), reverse=True)
    ]
    around = ticket_organization(session, ticket)
    view.organization = around["organization"]
    view.requester_tickets = around["requester_tickets"]
    view.organization_open_tickets = around["organization_open_tickets"]
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
    if e.kind in ("tag_added", "tag_removed"):
        rule = f" (rule {data['rule']})" if data.get("rule") else ""
        origin = data.get("merged_from") or data.get("split_from")
        rule += f" (from #{origin})" if origin else ""
        return f"{e.kind.replace('_', ' ')}: {data.get('tag', '')}{rule}"
    if e.kind == "field_changed":
        return f"{data.get('name', '')}: {data.get('from') or '—'} → {data.get('to') or '—'}"
    if "from" in data and "to" in data and e.kind.endswith(("_changed", "assigned")):
        return f"{e.kind.replace('_', ' ')}: {data.get('from') or '—'} → {data.get('to') or '—'}"
    if e.kind == NOTE:
        return "internal note"
    if e.kind in ("rating", "rating_comment") and data.get("rating"):
        # The client's satisfaction rating (docs/ratings.md), and their comment.
        said = f": {' '.join(str(data['comment']).split())[:200]}" if data.get("comment") else ""
        return f"rated {data['rating']}{said}"
    if e.kind == "unauthorized_action":
        return (
            f"not allowed to {data.get('action', 'act')}: {data.get('address', '')} is "
            f"{data.get('role', '')} of {data.get('organization', '')} "
            f"({data.get('rule', '')})"
        )
    linked = _LINKED.get(e.kind)
    if linked is not None:
        phrase, key = linked
        return phrase.format(number=data.get(key, "?"))
    return e.kind.replace("_", " ")


# The events of duplicates, merges and splits, in words: the phrase and the key of the
# other ticket's number in the event's data.
_LINKED = {
    "duplicate_flagged": ("likely a duplicate of #{number}", "of"),
    "duplicate_joined": ("joined as a likely duplicate", "score"),
    "ticket_merged": ("ticket #{number} merged into this one", "from"),
    "merged_into": ("merged into #{number}", "into"),
    "ticket_split": ("split into #{number}", "into"),
    "duplicate_dismissed": ("not a duplicate of #{number}", "other"),
}
