"""Merging two tickets about one matter: the source's messages and participants go to
the target, and the source stays as a closed stub that points there.

What is decided first, from values (:func:`merge_refusal`): a ticket is not merged into
itself, nor into a ticket that was itself merged (the number to use is the one it was
merged into), nor twice; tickets of two requesters only when the agent confirms it
(:class:`~mailgate.errors.MergeUnconfirmed`), since each would then see the other's mail.

What is written, in one transaction with both tickets locked:

- the source's messages (with the outbox rows that sent them and their search rows) move
  to the target; its participants join the target (its requester as a Cc'd participant
  when the requesters differ), each with a ``participant_added`` event;
- the history is not rewritten: the source's events stay on the source; the target
  records ``ticket_merged`` (from which ticket, by whom, how many messages), the source
  ``merged_into`` and its closing (``status_changed``, event ``merged``); the target's
  document lists the source's events beside its own (``merged_history``);
- the source's tags the target does not carry join it (``tag_added``, with
  ``merged_from``), and so do the values of fields the target has not set
  (``field_changed`` from none, with ``merged_from``): the target's own values stay
  (:func:`carried_labels`); the stub keeps its own as they were;
- a ``merged`` link between them, and an alias: the source's number leads to the
  target, so that a reply with ``#[SOURCE]`` in its subject, or to its signed reply
  address, joins the target (:mod:`mailgate.thread`); a reply to one of the source's
  messages finds it on the target by its Message-ID;
- one mail, ``ticket_merged``, From the target's department with the target's token,
  To the target's requester and Cc every other participant of the merged ticket — the
  source's requester too, when they differ: from now on the ticket's mail goes to them
  all, so the notice does as well.

A target that was closed takes the source's status when the source was not: the matter
is still open.

A likely duplicate that is not one is settled without a merge
(:func:`dismiss_duplicate`): a ``not_duplicate`` link beside the ``duplicate`` one (links
are added, never changed) and a ``duplicate_dismissed`` event on both tickets; neither
shows the duplicate's banner any more.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import NoReturn

from mailgate import lifecycle
from mailgate.errors import ActionRefused, MergeUnconfirmed, TicketNotFound, Unaddressable
from mailgate.notify import Notifier, Party, Prepared
from mailgate.store.engine import Store
from mailgate.store.labels_repo import LabelsRepo
from mailgate.store.models import LinkKind, Ticket, utcnow
from mailgate.store.tickets_repo import LinkRecord, TicketRepo
from mailgate.tickets.actors import Actor
from mailgate.tickets.addressing import TicketThread, thread_of
from mailgate.tickets.changes import move_status
from mailgate.tickets.outgoing import queue_mail


@dataclass(frozen=True)
class Side:
    """One of the two tickets, as the merge's decision sees it."""

    number: int
    requester: str
    status: str
    merged_into: int | None  # the ticket it was merged into, if it was


@dataclass(frozen=True)
class Merged:
    source: int
    target: int
    messages: int  # how many moved
    participants: tuple[str, ...]  # the addresses that joined the target
    status: str  # the target's, after the merge
    message_id: str | None  # of the ticket_merged notice, if one was queued
    recipients: tuple[str, ...] = ()


# The refusal of two requesters' tickets not confirmed (MergeUnconfirmed says it).
UNCONFIRMED = "the requesters differ and the merge is not confirmed"


def merge_refusal(source: Side, target: Side, *, confirmed: bool) -> str | None:
    """Why ``source`` may not be merged into ``target`` (:data:`UNCONFIRMED` for two
    requesters' tickets not confirmed), or None."""
    if source.number == target.number:
        return f"ticket {source.number} cannot be merged into itself"
    if source.merged_into is not None:
        return f"ticket {source.number} was already merged into ticket {source.merged_into}"
    if target.merged_into is not None:
        return (
            f"ticket {target.number} was merged into ticket {target.merged_into}: "
            f"merge into ticket {target.merged_into} instead"
        )
    if source.requester != target.requester and not confirmed:
        return UNCONFIRMED
    return None


@dataclass(frozen=True)
class CarriedLabels:
    """What of the source's tags and fields a merge gives the target."""

    tags: tuple[str, ...]
    fields: tuple[tuple[str, str], ...]  # name, value


def carried_labels(
    source_tags: Sequence[str],
    source_fields: Mapping[str, str],
    target_tags: Sequence[str],
    target_fields: Mapping[str, str],
) -> CarriedLabels:
    """The source's tags the target does not carry, and the source's field values for
    the fields the target has not set: one matter keeps what was said of either part,
    and where both say something of one field, the target's (the ticket kept) stands."""
    have = set(target_tags)
    return CarriedLabels(
        tags=tuple(t for t in source_tags if t not in have),
        fields=tuple(
            (name, value)
            for name, value in sorted(source_fields.items())
            if name not in target_fields
        ),
    )


def _refuse(reason: str, source: Side, target: Side) -> NoReturn:
    if reason == UNCONFIRMED:
        raise MergeUnconfirmed(source.number, target.number, (source.requester, target.requester))
    raise ActionRefused(reason)


def merged_recipients(
    target: TicketThread, source: TicketThread
) -> tuple[tuple[Party, ...], tuple[Party, ...]]:
    """To and Cc of the merged ticket's notice: the target's requester, and everyone
    else of both tickets in Cc, each address once."""
    to = target.to
    seen = {p.address.lower() for p in to}
    cc: list[Party] = []
    for p in (*target.cc, *source.to, *source.cc):
        if p.address.lower() not in seen:
            seen.add(p.address.lower())
            cc.append(p)
    return to, tuple(cc)


def merge_tickets(
    store: Store,
    notifier: Notifier,
    source: int,
    target: int,
    actor: Actor,
    *,
    confirmed: bool = False,
    notify: bool = True,
    now: datetime | None = None,
) -> Merged:
    """Merge ticket ``source`` into ticket ``target`` (module docstring); ``confirmed``:
    the agent confirmed merging two requesters' tickets; ``notify``: the clients are
    told with ``ticket_merged``."""
    now = now or utcnow()
    src, dst, src_thread, dst_thread = _read(store, source, target)
    refusal = merge_refusal(src, dst, confirmed=confirmed)
    if refusal is not None:
        _refuse(refusal, src, dst)
    prepared = _notice(notifier, src_thread, dst_thread, now) if notify else None
    with store.write() as session:
        repo = TicketRepo(session)
        # Locked in the order of their numbers: two merges of the same pair cannot wait
        # on each other.
        locked = {n: repo.get_for_update(n) for n in sorted((source, target))}
        s_ticket, t_ticket = locked[source], locked[target]
        if s_ticket is None:
            raise TicketNotFound(source)
        if t_ticket is None:
            raise TicketNotFound(target)
        # Decided again under the locks: another agent may have merged one of them.
        src, dst = _side(repo, s_ticket), _side(repo, t_ticket)
        refusal = merge_refusal(src, dst, confirmed=confirmed)
        if refusal is not None:
            _refuse(refusal, src, dst)
        return _write(repo, s_ticket, t_ticket, actor, prepared, now)


def _read(store: Store, source: int, target: int) -> tuple[Side, Side, TicketThread, TicketThread]:
    with store.read() as session:
        repo = TicketRepo(session)
        found: list[tuple[Side, TicketThread]] = []
        for number in (source, target):
            ticket = repo.get(number)
            if ticket is None:
                raise TicketNotFound(number)
            thread = thread_of(ticket, repo.participants(number), repo.messages(number))
            found.append((_side(repo, ticket), thread))
    (src, src_thread), (dst, dst_thread) = found
    return src, dst, src_thread, dst_thread


def _side(repo: TicketRepo, ticket: Ticket) -> Side:
    return Side(ticket.id, ticket.requester, ticket.status, repo.merged_into(ticket.id))


def _notice(
    notifier: Notifier, source: TicketThread, target: TicketThread, now: datetime
) -> Prepared:
    to, cc = merged_recipients(target, source)
    token = notifier.config.helpdesk.subject_token
    try:
        return notifier.prepare(
            "ticket_merged",
            target.facts,
            to=to,
            cc=cc,
            extra={
                "merged": {
                    "number": source.ticket_id,
                    "token": token.replace("{number}", str(source.ticket_id)),
                    "subject": source.facts.subject,
                    "same_requester": source.facts.requester == target.facts.requester,
                }
            },
            in_reply_to=target.in_reply_to or source.in_reply_to,
            references=(*source.references, *target.references),
            now=now,
        )
    except Unaddressable as e:
        raise ActionRefused(
            f"the clients of ticket {target.ticket_id} cannot be told by mail: {e}; "
            "merge without telling them"
        ) from e


def _write(
    repo: TicketRepo,
    source: Ticket,
    target: Ticket,
    actor: Actor,
    prepared: Prepared | None,
    now: datetime,
) -> Merged:
    messages = repo.messages(source.id)
    joined = _join_participants(repo, source, target, actor.actor, now)
    repo.move_messages([m.id for m in messages], target.id)
    _carry_labels(repo, source, target, actor.actor, now)
    data = {"from": source.id, "subject": source.subject, "messages": len(messages)}
    repo.add_event(target, "ticket_merged", actor.actor, now, data | {"participants": joined})
    repo.add_event(source, "merged_into", actor.actor, now, {"into": target.id} | data)
    source_status = source.status
    move_status(repo, source, lifecycle.CLOSED, actor.actor, "merged", now)
    if target.status == lifecycle.CLOSED and source_status != lifecycle.CLOSED:
        move_status(repo, target, source_status, actor.actor, "merged", now)
    if source.last_client_message_at is not None and (
        target.last_client_message_at is None
        or source.last_client_message_at > target.last_client_message_at
    ):
        repo.note_client_message(target, source.last_client_message_at)
    repo.add_link(source.id, LinkRecord(target.id, LinkKind.MERGED, actor.actor, data), now)
    repo.add_alias(source.id, target.id, now)
    if prepared is not None:
        queue_mail(repo, target, prepared, now)
    repo.touch(source, now)
    repo.touch(target, now)
    return Merged(
        source.id,
        target.id,
        len(messages),
        tuple(joined),
        target.status,
        prepared.message_id if prepared else None,
        tuple(prepared.recipients) if prepared else (),
    )


def _carry_labels(
    repo: TicketRepo, source: Ticket, target: Ticket, actor: str, now: datetime
) -> None:
    """The target takes the source's tags and field values (:func:`carried_labels`),
    each with its event."""
    labels = LabelsRepo(repo.session)
    carried = carried_labels(
        labels.tags(source.id),
        labels.fields(source.id),
        labels.tags(target.id),
        labels.fields(target.id),
    )
    labels.add_tags(target.id, carried.tags, actor, now)
    for tag in carried.tags:
        repo.add_event(target, "tag_added", actor, now, {"tag": tag, "merged_from": source.id})
    for name, value in carried.fields:
        labels.set_field(target.id, name, value, actor, now)
        data = {"name": name, "from": None, "to": value, "merged_from": source.id}
        repo.add_event(target, "field_changed", actor, now, data)


def _join_participants(
    repo: TicketRepo, source: Ticket, target: Ticket, actor: str, now: datetime
) -> list[str]:
    """The source's participants join the target (a requester as ``cc``: a ticket has
    one requester); the addresses that were not there yet."""
    joined: list[str] = []
    for p in repo.participants(source.id):
        role = "cc" if p.role == "requester" else p.role
        if repo.add_participant(target, p.address, p.name, role, now):
            joined.append(p.address)
            data = {"address": p.address, "role": role, "how": f"merged from ticket {source.id}"}
            repo.add_event(target, "participant_added", actor, now, data)
    return joined


# -- a likely duplicate that is not one ------------------------------------------------------


@dataclass(frozen=True)
class Dismissed:
    number: int
    other: int


def dismissal_refusal(kinds: set[str], number: int, other: int) -> str | None:
    """Why the likely duplicate between tickets ``number`` and ``other`` (whose links
    are of ``kinds``) may not be dismissed, or None."""
    if LinkKind.DUPLICATE not in kinds:
        return f"tickets {number} and {other} are not flagged as likely duplicates"
    if LinkKind.NOT_DUPLICATE in kinds:
        return f"tickets {number} and {other} are already marked as not duplicates"
    if LinkKind.MERGED in kinds:
        return f"tickets {number} and {other} were merged"
    return None


def dismiss_duplicate(
    store: Store, number: int, other: int, actor: Actor, *, now: datetime | None = None
) -> Dismissed:
    """Say that ticket ``number`` and ``other``, flagged as likely duplicates, are not."""
    now = now or utcnow()
    with store.write() as session:
        repo = TicketRepo(session)
        locked = {n: repo.get_for_update(n) for n in sorted({number, other})}
        for n, ticket in locked.items():
            if ticket is None:
                raise TicketNotFound(n)
        pair = [
            link
            for link in repo.links(number)
            if {link.ticket_id, link.other_id} == {number, other}
        ]
        refusal = dismissal_refusal({link.kind for link in pair}, number, other)
        if refusal is not None:
            raise ActionRefused(refusal)
        flagged = next(link for link in pair if link.kind == LinkKind.DUPLICATE)
        repo.add_link(
            flagged.ticket_id,
            LinkRecord(flagged.other_id, LinkKind.NOT_DUPLICATE, actor.actor, {}),
            now,
        )
        for here, there in ((number, other), (other, number)):
            ticket = locked[here]
            assert ticket is not None
            repo.add_event(ticket, "duplicate_dismissed", actor.actor, now, {"other": there})
            repo.touch(ticket, now)
    return Dismissed(number, other)
