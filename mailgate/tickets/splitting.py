"""Splitting a ticket: a client's message that is a matter of its own — or the thread
from it on (``tail``) — becomes a new ticket, linked to the old one.

Decided first, from values (:func:`split_plan`): the message must be a client's
(incoming, from an address, of a kind that may open a ticket — not an automatic reply, a
bounce, our own mail coming back nor an agent's mail kept for the team), the ticket must
not be a merged stub, and the old ticket must keep at least one client message.  Then,
in one transaction with the old ticket locked: the new ticket is numbered and written
(its requester the message's sender, its subject the message's, its department,
priority and tags the old ticket's — each tag with a ``tag_added`` event naming
``split_from``; the fields, which describe the old matter, stay there — and its
language the client's, see ``split_language``), the messages move to it (with the
outbox rows that sent the moved replies, and their search rows), a ``split`` link joins
the two, the old ticket records ``ticket_split`` and the new one ``ticket_opened`` (with
``split_from``), and the client gets the new ticket's acknowledgment (``ticket_split``,
From the department with the new ticket's token, in answer to the message that was
split off) — when a person wrote it: a program's mail (a monitoring alert, list mail)
gets no mail, as it gets no acknowledgment when it opens a ticket.  The acknowledgment
is rendered in that transaction, as processing renders a new ticket's: its number is
taken there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from mailgate import lifecycle
from mailgate.addresses import is_mailbox
from mailgate.classify import AUTO_GENERATED, HUMAN, LIST, SPAM
from mailgate.errors import ActionRefused, NotFound, TicketNotFound, Unaddressable
from mailgate.notify import Notifier, Party, Prepared, TicketFacts
from mailgate.store.engine import Store
from mailgate.store.labels_repo import LabelsRepo
from mailgate.store.languages_repo import LanguageRepo, Remembered
from mailgate.store.models import LinkKind, utcnow
from mailgate.store.tickets_repo import LinkRecord, MessageRecord, TicketOpening, TicketRepo
from mailgate.subjects import ticket_title
from mailgate.tickets.actors import Actor
from mailgate.tickets.outgoing import queue_mail

# The kinds of incoming mail a ticket may start with: those that open one when they
# join none (classify.Verdict.may_open_ticket); only a person's is acknowledged.
OPENING_KINDS = (HUMAN, AUTO_GENERATED, LIST, SPAM)


def _clients(m: Line) -> bool:
    """Whether ``m`` is a client's request: incoming mail of an opening kind, from an
    address."""
    return m.direction == "in" and m.kind in OPENING_KINDS and is_mailbox(m.sender or "")


@dataclass(frozen=True)
class Line:
    """A message of the thread, as the split's decision sees it."""

    id: int
    direction: str  # in | out
    kind: str
    sender: str | None
    at: datetime


@dataclass(frozen=True)
class SplitPlan:
    message: int  # the client's message the new ticket starts from
    moved: tuple[int, ...]  # the messages that move, in thread order


@dataclass(frozen=True)
class Split:
    number: int  # the old ticket
    new: int  # the new ticket
    messages: tuple[int, ...]  # the messages moved
    requester: str
    message_id: str | None  # of the acknowledgment, if one was queued
    recipients: tuple[str, ...] = ()


def split_plan(
    number: int,
    thread: Sequence[Line],
    message: int,
    *,
    tail: bool,
    merged_into: int | None,
) -> SplitPlan:
    """Which messages of ticket ``number``'s ``thread`` (in order) move to a new ticket
    that starts with ``message``: it alone, or with ``tail`` it and all after it.
    Raises NotFound or ActionRefused."""
    if merged_into is not None:
        raise ActionRefused(
            f"ticket {number} was merged into ticket {merged_into}: split that ticket instead"
        )
    at = next((i for i, m in enumerate(thread) if m.id == message), None)
    if at is None:
        raise NotFound(f"ticket {number} has no message {message}")
    first = thread[at]
    if not _clients(first):
        raise ActionRefused(
            f"message {message} is not a client's message: a new ticket starts with "
            "mail from its requester"
        )
    moved = thread[at:] if tail else [first]
    ids = {m.id for m in moved}
    if not any(_clients(m) and m.id not in ids for m in thread):
        raise ActionRefused(
            f"nothing of the client's would be left on ticket {number}: split a later message"
        )
    return SplitPlan(message, tuple(m.id for m in moved))


def split_language(
    known: Remembered | None, sender: str, requester: str, language: str | None
) -> str | None:
    """The new ticket's language (a ticket keeps only its client's own): the one
    remembered for the message's sender, else the old ticket's when the sender is its
    requester, else none (its department's or the helpdesk's then)."""
    if known is not None:
        return known.language
    return language if sender.lower() == requester.lower() else None


def split_ticket(
    store: Store,
    notifier: Notifier,
    number: int,
    message: int,
    actor: Actor,
    *,
    tail: bool = False,
    notify: bool = True,
    now: datetime | None = None,
) -> Split:
    """Split ``message`` (with ``tail``: and the thread after it) off ticket ``number``
    into a new ticket (module docstring)."""
    now = now or utcnow()
    first, department = _read(store, number, message, tail)
    sender = first.from_address or ""
    subject = ticket_title(first.subject, notifier.config.helpdesk.subject_token)
    subject = subject or "(no subject)"
    with store.write() as session:
        repo = TicketRepo(session)
        old = repo.get_for_update(number)
        if old is None:
            raise TicketNotFound(number)
        # Decided again under the lock: the thread may have changed since it was read.
        plan = split_plan(
            number, _lines(repo, number), message, tail=tail, merged_into=repo.merged_into(number)
        )
        new_number = repo.next_number()
        language = split_language(
            LanguageRepo(session).of(sender), sender, old.requester, old.language
        )
        prepared = None
        if notify and first.kind == HUMAN:
            facts = TicketFacts(
                new_number,
                subject,
                lifecycle.OPEN,
                department,
                sender,
                first.from_name or "",
                now,
                language=language,
            )
            prepared = _acknowledgment(notifier, facts, number, first, now)
        moved_in = [m for m in repo.messages(number) if m.id in plan.moved]
        last_client = max((m.created_at for m in moved_in if m.direction == "in"), default=now)
        ticket = repo.add_ticket(
            TicketOpening(
                number=new_number,
                subject=subject,
                status=lifecycle.OPEN,
                department=department,
                requester=sender,
                requester_name=first.from_name or None,
                at=now,
                last_client_message_at=last_client,
                participants=(),
                incoming=first,
                events=(),
                priority=old.priority,
                language=language,
            )
        )
        repo.add_participant(ticket, sender, first.from_name, "requester", now)
        repo.move_messages(plan.moved, new_number)
        moved = list(plan.moved)
        repo.add_event(
            ticket,
            "ticket_opened",
            actor.actor,
            now,
            {
                "department": department,
                "subject": subject,
                "priority": ticket.priority,
                "split_from": number,
                "messages": moved,
            },
        )
        labels = LabelsRepo(session)
        tags = labels.tags(number)
        labels.add_tags(new_number, tags, actor.actor, now)
        for tag in tags:
            repo.add_event(
                ticket, "tag_added", actor.actor, now, {"tag": tag, "split_from": number}
            )
        repo.add_event(
            old, "ticket_split", actor.actor, now, {"into": new_number, "messages": moved}
        )
        repo.add_link(
            new_number, LinkRecord(number, LinkKind.SPLIT, actor.actor, {"messages": moved}), now
        )
        if prepared is not None:
            queue_mail(repo, ticket, prepared, now)
        repo.touch(old, now)
        repo.touch(ticket, now)
    return Split(
        number,
        new_number,
        plan.moved,
        sender,
        prepared.message_id if prepared else None,
        tuple(prepared.recipients) if prepared else (),
    )


def _lines(repo: TicketRepo, number: int) -> list[Line]:
    return [
        Line(m.id, m.direction, m.kind, m.from_address, m.created_at) for m in repo.messages(number)
    ]


def _read(store: Store, number: int, message: int, tail: bool) -> tuple[MessageRecord, str]:
    """The message the new ticket starts with, and the department it stays in; refused
    (by :func:`split_plan`, on the ticket as it is now) before anything is written."""
    with store.read() as session:
        repo = TicketRepo(session)
        ticket = repo.get(number)
        if ticket is None:
            raise TicketNotFound(number)
        split_plan(
            number, _lines(repo, number), message, tail=tail, merged_into=repo.merged_into(number)
        )
        m = next(m for m in repo.messages(number) if m.id == message)
        first = MessageRecord(
            direction=m.direction,
            message_id=m.message_id,
            from_address=m.from_address,
            from_name=m.from_name,
            to=m.to,
            cc=m.cc,
            subject=m.subject,
            date=m.date,
            text=m.text,
            reply_text=m.reply_text,
            html=None,
            kind=m.kind,
        )
        return first, ticket.department


def _acknowledgment(
    notifier: Notifier, facts: TicketFacts, old: int, first: MessageRecord, now: datetime
) -> Prepared:
    token = notifier.config.helpdesk.subject_token
    try:
        return notifier.prepare(
            "ticket_split",
            facts,
            to=(Party(facts.requester_name, facts.requester),),
            extra={
                "split": {
                    "from": old,
                    "from_token": token.replace("{number}", str(old)),
                    "subject": first.subject,
                    "date": first.date,
                }
            },
            in_reply_to=first.message_id,
            references=(first.message_id,) if first.message_id else (),
            now=now,
        )
    except Unaddressable as e:
        raise ActionRefused(
            f"the client of the new ticket cannot be told by mail: {e}; split without telling them"
        ) from e
