"""Mail on no ticket, for a person: the list ``mailgate quarantine`` and ``GET /api/held``
show, and accepting a message from it onto a ticket.

Every stored message ends on a ticket or here: **held** by a named rule
(:mod:`mailgate.process.disposition` — a bounce of mail mailgate never sent, a stranger's automatic
reply, a blocked sender, a reply held for an agent …), **quarantined** because it could
not be read or processed as it is, or **failed** after its attempts.  Each entry says
why, with the deciding rule; accepting a held message sends it back to processing, which
puts it on the ticket given, else the ticket it pointed at, else a new ticket.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mailgate.errors import ActionRefused, NotHeld, TicketNotFound
from mailgate.parse import sender_and_subject
from mailgate.process.disposition import DESCRIPTIONS
from mailgate.store.inbox_repo import FOR_A_PERSON, HELD, InboxRepo
from mailgate.store.tickets_repo import TicketRepo

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from mailgate.store.engine import Store
    from mailgate.store.models import InboxRow


def held_entry(row: InboxRow) -> dict[str, Any]:
    """One message on no ticket, as the lists show it."""
    sender, subject = sender_and_subject(row.raw) if row.raw else (None, "")
    rule = row.thread_rule if row.state == HELD else None
    return {
        "id": row.id,
        "state": row.state,
        "rule": rule,
        "rule_description": DESCRIPTIONS.get(rule or ""),
        "reason": row.error,
        "verdict": row.verdict,
        "verdict_rule": row.verdict_rule,
        "ticket": row.ticket_id,
        "received_at": row.received_at,
        "source": row.source,
        "from": sender.address if sender is not None else None,
        "subject": subject,
        "message_id": row.message_id,
        "size": row.size,
        "acceptable": row.state == HELD,
    }


def held_list(
    session: Session, *, limit: int = 100, rule: str | None = None, state: str | None = None
) -> dict[str, Any]:
    """The messages waiting for a person, newest first, and how many there are by state
    and rule."""
    repo = InboxRepo(session)
    states = (state,) if state else FOR_A_PERSON
    counts: dict[str, dict[str, int]] = {s: {} for s in FOR_A_PERSON}
    for (s, r), n in repo.for_a_person_by_rule().items():
        counts[s][r if s == HELD else s] = n
    return {
        "counts": counts,
        "messages": [held_entry(r) for r in repo.for_a_person(limit, states=states, rule=rule)],
    }


def accept_held(store: Store, inbox_id: int, ticket_id: int | None = None) -> dict[str, Any]:
    """Accept a held message: back to processing, onto ``ticket_id`` if given.  Raises
    :class:`NotHeld`, :class:`TicketNotFound`, or :class:`ActionRefused` for a message
    that is not held (a quarantined one is processed again with ``mailgate
    reprocess``)."""
    with store.write() as session:
        repo = InboxRepo(session)
        row = repo.get(inbox_id)
        if row is None:
            raise NotHeld(inbox_id)
        if row.state != HELD:
            hint = (
                "; `mailgate reprocess` tries it again after a fix"
                if row.state in FOR_A_PERSON
                else ""
            )
            raise ActionRefused(f"inbox {inbox_id} is {row.state}, not held{hint}")
        if ticket_id is not None and not TicketRepo(session).ticket_exists(ticket_id):
            raise TicketNotFound(ticket_id)
        accepted = repo.accept(inbox_id, ticket_id)
        assert accepted is not None
        return {"id": inbox_id, "ticket": accepted.ticket_id, "state": accepted.state}
