"""A helpdesk's worth of tickets written straight into a mailgate database, for the
benchmarks of what agents read (bench/console.py): tickets in every status and
department, each with its client's mail (multilingual subjects and bodies, some with
attachments), the acknowledgment and an agent's answer, participants and events.

Rows are inserted in bulk with SQLAlchemy Core (the schema is migrated by mailgate
itself first), so 10,000 tickets take seconds rather than the minutes processing the
same mail would.  The result reads as mail processed by mailgate does."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from mailgate.store.engine import Store
from mailgate.store.models import Attachment, Blob, Event, Message, Participant, Ticket

STATUSES = ("open", "in_progress", "answered", "customer_reply", "on_hold", "closed")
DEPARTMENTS = ("support", "billing")
SUBJECTS = (
    "Printer shows error {n}",
    "Invoice {n} is missing",
    "Cannot log in since the update",
    "로그인이 안 됩니다 ({n})",
    "مشکل در پرداخت صورتحساب {n}",
    "ไม่สามารถเข้าสู่ระบบได้ {n}",
    "Rechnung {n} doppelt abgebucht",
    "Refund for order {n}",
)
BODIES = (
    "Hello, the printer in room {n} shows an error again. We restarted it twice.",
    "Our invoice for November is missing from the portal; please send it again.",
    "비밀번호를 바꾼 후 로그인이 안 됩니다. 도와주세요.",
    "سلام، پرداخت من انجام نشد. لطفا بررسی کنید.",
    "สวัสดีครับ ผมเข้าสู่ระบบไม่ได้ตั้งแต่เมื่อวาน",
    "Guten Tag, die Rechnung wurde zweimal abgebucht. Bitte um Erstattung.",
)
PDF = b"%PDF-1.4\n" + b"0" * 2000


def populate(store: Store, tickets: int, *, seed: int = 11, agents: tuple[str, ...] = ()) -> None:
    """``tickets`` tickets, numbered from 1, with three or four messages each."""
    rnd = random.Random(seed)
    start = datetime(2026, 9, 1, tzinfo=UTC)
    blob = hashlib.sha256(PDF).hexdigest()
    with store.write() as session:
        session.execute(insert(Blob), [{"sha256": blob, "size": len(PDF), "data": PDF}])
    batch = 2000
    for first in range(1, tickets + 1, batch):
        rows: dict[str, list[dict[str, Any]]] = {
            "tickets": [],
            "participants": [],
            "messages": [],
            "events": [],
            "attachments": [],
        }
        for n in range(first, min(first + batch, tickets + 1)):
            _ticket(rnd, n, start, blob, agents, rows)
        with store.write() as session:
            session.execute(insert(Ticket), rows["tickets"])
            session.execute(insert(Participant), rows["participants"])
            session.execute(insert(Message), rows["messages"])
            session.execute(insert(Event), rows["events"])
            if rows["attachments"]:
                session.execute(insert(Attachment), rows["attachments"])


def _ticket(
    rnd: random.Random,
    n: int,
    start: datetime,
    blob: str,
    agents: tuple[str, ...],
    rows: dict[str, list[dict[str, Any]]],
) -> None:
    opened = start + timedelta(minutes=13 * n + rnd.randint(0, 600))
    status = rnd.choice(STATUSES)
    client = f"client{n}@example.org"
    subject = rnd.choice(SUBJECTS).format(n=n)
    department = rnd.choice(DEPARTMENTS)
    rows["tickets"].append(
        {
            "id": n,
            "subject": subject,
            "status": status,
            "department": department,
            "priority": rnd.choice(("low", "normal", "normal", "high", "urgent")),
            "requester": client,
            "requester_name": f"Client {n}",
            "created_at": opened,
            "updated_at": opened + timedelta(hours=5),
            "last_client_message_at": opened,
            "closed_at": opened + timedelta(days=1) if status == "closed" else None,
            "status_changed_at": opened + timedelta(hours=5),
            "assignee": rnd.choice(agents) if agents and rnd.random() < 0.6 else None,
        }
    )
    rows["participants"].append(
        {
            "ticket_id": n,
            "address": client,
            "name": f"Client {n}",
            "role": "requester",
            "added_at": opened,
        }
    )
    base = n * 4
    body = rnd.choice(BODIES).format(n=n)
    mails = [
        ("in", "human", client, body + "\n\nOn Mon, Support wrote:\n> earlier text\n"),
        ("out", "ticket_opened", "support@example.com", f"Your request is ticket #[{n}]."),
        ("out", "agent_reply", "support@example.com", "Thank you, we are looking into it."),
    ]
    if rnd.random() < 0.5:
        mails.append(("in", "human", client, "Any news? " + body))
    for i, (direction, kind, sender, text) in enumerate(mails):
        pk = base + i
        at = opened + timedelta(hours=i)
        rows["messages"].append(
            {
                "id": pk,
                "ticket_id": n,
                "direction": direction,
                "message_id": f"m{pk}@bench.example",
                "from_address": sender,
                "from_name": f"Client {n}" if direction == "in" else "Helpdesk",
                "to": [
                    {"name": "", "address": "support@example.com" if direction == "in" else client}
                ],
                "cc": [],
                "subject": subject if i == 0 else f"Re: #[{n}] {subject}",
                "date": at,
                "created_at": at,
                "text": text,
                "reply_text": text.split("\n\nOn Mon")[0],
                "html": None,
                "kind": kind,
            }
        )
        if i == 0 and rnd.random() < 0.3:
            rows["attachments"].append(
                {
                    "message_pk": pk,
                    "position": 0,
                    "filename": f"report-{n}.pdf",
                    "content_type": "application/pdf",
                    "size": len(PDF),
                    "sha256": blob,
                    "inline": False,
                    "content_id": None,
                    "executable": None,
                }
            )
    rows["events"].append(
        {
            "ticket_id": n,
            "at": opened,
            "actor": client,
            "kind": "ticket_opened",
            "data": {},
            "message_pk": base,
        }
    )
    rows["events"].append(
        {
            "ticket_id": n,
            "at": opened + timedelta(hours=2),
            "actor": "ann@example.com",
            "kind": "status_changed",
            "data": {"from": "open", "to": status, "event": "agent_reply"},
            "message_pk": None,
        }
    )
