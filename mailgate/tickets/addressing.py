"""Who a ticket's mail goes to, and the thread it answers in their mail program.

Mail about a ticket — an agent's answer, a notice of its status — goes to the ticket's
requester, with its Cc'd participants in Cc, and the contacts of the requester's
organization that its ``notify`` setting names (:mod:`mailgate.tickets.organizations`).
It threads in the client's mail program: In-Reply-To the client's latest message,
References the thread so far, as far as the client saw it (not the alerts to agents nor
the agents' mail kept for the team).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mailgate.classify.verdict import Kind
from mailgate.notify import Party, TicketFacts
from mailgate.store.models import Message, Participant, Ticket
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.organizations import copied_contacts

# Messages of a ticket's thread the client never saw.
INTERNAL_KINDS = ("agent_alert", "agent_mail", "agent_note", "sla_warning", "sla_breach")


@dataclass(frozen=True)
class TicketThread:
    """Whom mail about a ticket goes to, and the thread it answers in their mail program."""

    ticket_id: int
    status: str
    to: tuple[Party, ...]
    cc: tuple[Party, ...]
    in_reply_to: str | None
    references: tuple[str, ...]
    facts: TicketFacts
    # The ids of the ticket's incoming messages (a reply checks none came after the one
    # its agent saw).
    incoming_ids: tuple[int, ...] = ()


def ticket_thread(repo: TicketRepo, ticket: Ticket) -> TicketThread:
    """The ticket's thread as its mail is sent: its participants and messages, and the
    contacts its organization copies."""
    return thread_of(
        ticket,
        repo.participants(ticket.id),
        repo.messages(ticket.id),
        copied_contacts(repo.session, ticket.requester),
    )


def thread_of(
    ticket: Ticket,
    participants: Sequence[Participant],
    messages: Sequence[Message],
    organization: Sequence[Party] = (),
) -> TicketThread:
    requester = next((p for p in participants if p.role == "requester"), None)
    to = (
        Party(requester.name or "", requester.address)
        if requester
        else Party(ticket.requester_name or "", ticket.requester)
    )
    cc = tuple(Party(p.name or "", p.address) for p in participants if p.role == "cc")
    # The organization's contacts copied (rule organization_notify), once each.
    known = {to.address.lower(), *(p.address.lower() for p in cc)}
    cc += tuple(p for p in organization if p.address.lower() not in known)
    # Only mail the client saw threads: their own messages and what was sent to them, not
    # the alerts to agents nor the agents' answers to them.
    seen = [
        m.message_id
        for m in messages
        if m.message_id
        and (m.kind == Kind.HUMAN if m.direction == "in" else m.kind not in INTERNAL_KINDS)
    ]
    client = [m for m in messages if m.direction == "in" and m.kind == Kind.HUMAN and m.message_id]
    in_reply_to = client[-1].message_id if client else None
    references = tuple(seen)
    return TicketThread(
        ticket.id,
        ticket.status,
        (to,),
        cc,
        in_reply_to,
        references,
        facts_of(ticket),
        tuple(m.id for m in messages if m.direction == "in"),
    )


def facts_of(ticket: Ticket) -> TicketFacts:
    return TicketFacts(
        ticket.id,
        ticket.subject,
        ticket.status,
        ticket.department,
        ticket.requester,
        ticket.requester_name or "",
        ticket.created_at,
        language=ticket.language,
    )
