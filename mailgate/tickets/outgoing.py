"""The mail a ticket sends, and its limits.

A prepared message goes on the record as two rows written together, the outbox row
that sends it and its place in the ticket's thread (:func:`outgoing_records`), in the
same transaction as the event that says so: a mail is queued if and only if its event
is recorded.  Mail sent on a ticket because mail
arrived (an alert to the agents, the confirmation of a client's closing keyword, an
agent's mail relayed) goes out only within ``security.recipient_limits``: beyond them
it is withheld and the ticket's history says so (``mail_withheld``), so that two
auto-responders cannot keep a ticket busy.

The client's notice of a new status (``status_changed``, ``ticket_closed``) is composed
here for an agent's decision, the auto-close and a client's closing keyword alike.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from mailgate import lifecycle
from mailgate.config import RateLimit, format_duration
from mailgate.notify import Notifier, Prepared
from mailgate.parse.model import Attachment as ParsedAttachment
from mailgate.store.models import Ticket
from mailgate.store.tickets_repo import MessageRecord, OutboxRecord, TicketRepo
from mailgate.tickets.addressing import TicketThread


def outgoing_records(
    prepared: Prepared, at: datetime, reply_text: str | None = None
) -> tuple[OutboxRecord, MessageRecord]:
    """A prepared message as the outbox row that sends it and its place in the thread."""
    p = prepared
    return (
        OutboxRecord(p.kind, p.message_id, p.sender.address, p.recipients, p.raw),
        MessageRecord(
            direction="out",
            message_id=p.message_id,
            from_address=p.sender.address,
            from_name=p.sender.name,
            to=[{"name": x.name, "address": x.address} for x in p.to],
            cc=[{"name": x.name, "address": x.address} for x in p.cc],
            subject=p.subject,
            date=at,
            text=p.text,
            reply_text=reply_text or p.text,
            html=p.html,
            kind=p.kind,
            attachments=tuple(
                ParsedAttachment(
                    filename=a.filename,
                    content_type=a.content_type,
                    size=len(a.data),
                    sha256=hashlib.sha256(a.data).hexdigest(),
                    inline=False,
                    content_id=None,
                    data=a.data,
                )
                for a in p.attachments
            ),
        ),
    )


def status_notice(
    notifier: Notifier,
    thread: TicketThread,
    status: str,
    *,
    note: str = "",
    agent_name: str = "",
    closed_after: str | None = None,
    by_client: bool = False,
    now: datetime,
) -> Prepared:
    """The client's notice of a new status: ``ticket_closed`` when it closes, else
    ``status_changed``.  ``agent_name`` signs it when an agent decided; ``closed_after``
    (a duration in words) says it was closed automatically after the client was silent
    that long."""
    kind = "ticket_closed" if status == lifecycle.CLOSED else "status_changed"
    language = notifier.language_of(thread.facts)
    # "24 hours" → 24, "hour": a template in another language writes the unit its way.
    count, _, unit = (closed_after or "").partition(" ")
    return notifier.prepare(
        kind,
        replace(thread.facts, status=status),
        to=thread.to,
        cc=thread.cc,
        extra={
            "reply": {"body": note.strip("\n")},
            "agent": {"name": agent_name},
            "status": {
                "old": thread.status,
                "new": status,
                "old_label": notifier.status_label(thread.status, language),
                "new_label": notifier.status_label(status, language),
            },
            "closed": {
                "automatically": closed_after is not None,
                "by_client": by_client,
                "after": closed_after or "",
                "after_count": count,
                "after_unit": unit.removesuffix("s"),
            },
        },
        in_reply_to=thread.in_reply_to,
        references=thread.references,
        now=now,
    )


def queue_mail(
    repo: TicketRepo, ticket: Ticket, prepared: Prepared, now: datetime, reply_text: str = ""
) -> None:
    """Queue a prepared message of the ticket, with its place in the thread and an event."""
    out, message = outgoing_records(prepared, now, reply_text or None)
    row = repo.add_outgoing(ticket, out, message, now)
    repo.add_event(
        ticket,
        "mail_queued",
        "system",
        now,
        {"template": prepared.kind, "to": prepared.recipients, "message_id": prepared.message_id},
        row,
    )


def queue_automatic(
    repo: TicketRepo,
    ticket: Ticket,
    prepared: Prepared,
    now: datetime,
    limits: Sequence[RateLimit],
    reply_text: str = "",
) -> bool:
    """Queue mail sent because mail arrived, within ``limits``; beyond them, record on
    the ticket that it was withheld.  Whether it was queued."""
    reason = over_recipient_limit(repo, ticket, prepared, now, limits)
    if reason is not None:
        withhold(repo, ticket, prepared, reason, now)
        return False
    queue_mail(repo, ticket, prepared, now, reply_text)
    return True


def over_recipient_limit(
    repo: TicketRepo,
    ticket: Ticket,
    prepared: Prepared,
    now: datetime,
    limits: Sequence[RateLimit],
) -> str | None:
    """Why ``prepared`` may not go out — one of its recipients had ``count`` messages of
    this ticket within ``within`` (``security.recipient_limits``) — or None."""
    if not limits:
        return None
    longest = max(limit.within for limit in limits)
    sent = repo.outgoing_since(ticket.id, now - timedelta(seconds=longest))
    for address in prepared.recipients:
        wanted = address.lower()
        times = [at for at, recipients in sent if wanted in (r.lower() for r in recipients)]
        for limit in limits:
            since = now - timedelta(seconds=limit.within)
            n = sum(1 for at in times if at > since)
            if n >= limit.count:
                return (
                    f"{n} messages of this ticket went to {address} within "
                    f"{format_duration(limit.within)} (security.recipient_limits)"
                )
    return None


def withhold(
    repo: TicketRepo, ticket: Ticket, prepared: Prepared, reason: str, now: datetime
) -> None:
    """Record on the ticket that ``prepared`` was not sent, and why."""
    data = {"template": prepared.kind, "to": prepared.recipients, "reason": reason}
    repo.add_event(ticket, "mail_withheld", "system", now, data)
