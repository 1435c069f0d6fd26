"""Reading tickets: the lookups threading asks (``mailgate.thread.ThreadLookup``), lists
of tickets and the queue, counts for assignment and limits, and a ticket's thread, events
and participants.  :class:`TicketRepo` (``tickets_repo``) adds the writes."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, exists, func, select
from sqlalchemy.orm import Session, selectinload

from mailgate import lifecycle
from mailgate.addresses import is_mailbox
from mailgate.duplicates import MAX_CHARS, Candidate
from mailgate.store.engine import flush_for, statement_connection
from mailgate.store.labels_repo import NO_LABELS, LabelFilter, label_clauses, split_query
from mailgate.store.models import (
    Attachment,
    Event,
    Message,
    OutboxRow,
    Participant,
    Ticket,
    TicketAlias,
    TicketLink,
)
from mailgate.store.search_repo import SearchRepo, query_words
from mailgate.thread import MessageRef

# The queries processing asks for every message, built once (building a statement costs
# as much as SQLite answering it).
_MESSAGE_REFS = (
    select(Message.ticket_id, Message.message_id, Message.direction)
    .where(Message.message_id.in_(bindparam("ids", expanding=True)))
    .order_by(Message.id)
)
_TICKET_EXISTS = select(exists().where(Ticket.id == bindparam("ticket_id")))
_IS_PARTICIPANT = select(
    exists().where(
        Participant.ticket_id == bindparam("ticket_id"),
        Participant.address == bindparam("address"),
    )
)
_MERGED_INTO = select(TicketAlias.ticket_id).where(TicketAlias.number == bindparam("ticket_id"))
_OPENED_SINCE = select(func.count(Ticket.id)).where(
    Ticket.requester == bindparam("requester"), Ticket.created_at >= bindparam("since")
)
_OPEN_TICKETS_OF = (
    select(Ticket.id, Ticket.subject)
    .where(
        Ticket.requester == bindparam("requester"),
        Ticket.status != lifecycle.CLOSED,
        Ticket.updated_at >= bindparam("since"),
    )
    .order_by(Ticket.id.desc())
    .limit(bindparam("limit"))
)

# The statuses of tickets waiting for the team.
QUEUE = (lifecycle.OPEN, lifecycle.CUSTOMER_REPLY)
# When no more tickets than this pass a search's filters, it reads their messages alone.
SEARCH_WINDOW = 1000
# Reading a search's matches newest first stops once every match of the tickets it
# lists is read, which the oldest message of those tickets tells; that is looked up
# through the messages of every ticket from the last one listed on, when they are at
# most this many tickets (more, and few tickets match: reading them all costs less).
_BOUND_SPAN = 50_000
# A search on PostgreSQL reads the messages of at most this many of the newest tickets
# passing its filters, a window after the other, before it asks the whole index (and
# of at most this many waiting tickets, for the queue).
_AMONG_TICKETS = 20_000
# Its first window holds this many tickets for each one listed (a common word's).
_FIRST_WINDOW = 5
# What a matching row of the whole index costs against a row read in those windows:
# the index's rows are fetched from all over the table, the windows' lie together.
_INDEX_COST = 10
# A search of a queue of more than SEARCH_WINDOW tickets on SQLite reads at most this
# many of FTS5's matches, newest first (those of the recent tickets a queue holds).
_QUEUE_ROWS = 50_000


@dataclass(frozen=True)
class TicketSummary:
    ticket: Ticket
    message_count: int


class TicketQueries:
    """Queries of tickets in the caller's session; they change nothing."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- threading (mailgate.thread.ThreadLookup) ----------------------------------------

    def message_refs(self, message_ids: list[str]) -> list[MessageRef]:
        if not message_ids:
            return []
        ids = message_ids[:200]
        # The messages this transaction added and has not written are found among the
        # session's new rows, after the written ones (they are the newest): a reply in
        # the same transaction as its original finds it without a flush of everything.
        flush_for(self.session, Message, new=False)
        rows = self.session.connection().execute(_MESSAGE_REFS, {"ids": ids})
        found = [MessageRef(t, m, d) for t, m, d in rows if m is not None]
        wanted = set(ids)
        for obj in self.session.new:
            if isinstance(obj, Message) and obj.message_id in wanted:
                ticket = obj.ticket.id if obj.ticket is not None else obj.ticket_id
                if ticket is not None:
                    found.append(MessageRef(ticket, obj.message_id, obj.direction))
        return found

    def ticket_exists(self, ticket_id: int) -> bool:
        return bool(
            statement_connection(self.session).scalar(_TICKET_EXISTS, {"ticket_id": ticket_id})
        )

    def is_participant(self, ticket_id: int, address: str) -> bool:
        if not is_mailbox(address):  # rows written before names were refused never match
            return False
        return bool(
            statement_connection(self.session, Participant).scalar(
                _IS_PARTICIPANT, {"ticket_id": ticket_id, "address": address}
            )
        )

    def merged_into(self, ticket_id: int) -> int | None:
        value = statement_connection(self.session).scalar(_MERGED_INTO, {"ticket_id": ticket_id})
        return None if value is None else int(value)

    # -- duplicates (mailgate.duplicates) -------------------------------------------------

    def open_tickets_of(self, requester: str, since: datetime, limit: int = 20) -> list[Candidate]:
        """The tickets ``requester`` opened that are not closed and changed since
        ``since``, the newest first (``limit`` of them), each with the reply text of its
        first incoming message."""
        tickets = list(
            statement_connection(self.session, Ticket).execute(
                _OPEN_TICKETS_OF, {"requester": requester, "since": since, "limit": limit}
            )
        )
        if not tickets:
            return []
        first = (
            select(func.min(Message.id))
            .where(Message.ticket_id.in_([t for t, _s in tickets]), Message.direction == "in")
            .group_by(Message.ticket_id)
        )
        # Only the start of a text is compared (duplicates.MAX_CHARS): a pasted log is
        # not read out of the database under the write lock.
        texts = {
            int(t): reply or text
            for t, reply, text in self.session.execute(
                select(
                    Message.ticket_id,
                    func.substr(Message.reply_text, 1, MAX_CHARS),
                    func.substr(Message.text, 1, MAX_CHARS),
                ).where(Message.id.in_(first))
            )
        }
        return [Candidate(int(t), subject, texts.get(int(t), "")) for t, subject in tickets]

    # -- links between tickets --------------------------------------------------------

    def links(self, ticket_id: int) -> list[TicketLink]:
        """The links from and to the ticket, the oldest first."""
        return list(
            self.session.scalars(
                select(TicketLink)
                .where((TicketLink.ticket_id == ticket_id) | (TicketLink.other_id == ticket_id))
                .order_by(TicketLink.id)
            )
        )

    def merged_from(self, ticket_id: int) -> list[int]:
        """The tickets merged into this one (directly or through one merged into it)."""
        return [
            int(n)
            for n in self.session.scalars(
                select(TicketAlias.number)
                .where(TicketAlias.ticket_id == ticket_id)
                .order_by(TicketAlias.number)
            )
        ]

    def tickets_by_id(self, ids: Sequence[int]) -> dict[int, Ticket]:
        if not ids:
            return {}
        return {t.id: t for t in self.session.scalars(select(Ticket).where(Ticket.id.in_(ids)))}

    # -- reading -----------------------------------------------------------------------

    def outgoing_since(self, ticket_id: int, since: datetime) -> list[tuple[datetime, list[str]]]:
        """When each message of the ticket queued since ``since`` was queued, and to whom
        (the recipient limits count them)."""
        stmt = select(OutboxRow.created_at, OutboxRow.recipients).where(
            OutboxRow.ticket_id == ticket_id, OutboxRow.created_at > since
        )
        return [(at, list(recipients or ())) for at, recipients in self.session.execute(stmt)]

    def answers_alert(self, ticket_id: int, message_ids: list[str]) -> bool:
        """Whether one of ``message_ids`` is an agent_alert mailgate sent for the ticket."""
        if not message_ids:
            return False
        return bool(
            self.session.scalar(
                select(
                    exists().where(
                        Message.ticket_id == ticket_id,
                        Message.kind == "agent_alert",
                        Message.direction == "out",
                        Message.message_id.in_(message_ids[:200]),
                    )
                )
            )
        )

    def last_assignee(self, department: str) -> str | None:
        """The agent the department's latest assigned ticket went to."""
        return self.session.scalar(
            select(Ticket.assignee)
            .where(Ticket.department == department, Ticket.assignee.is_not(None))
            .order_by(Ticket.id.desc())
            .limit(1)
        )

    def open_counts(self, agents: Sequence[str]) -> dict[str, int]:
        """How many tickets not closed each of ``agents`` is assigned."""
        rows = self.session.execute(
            select(Ticket.assignee, func.count(Ticket.id))
            .where(Ticket.assignee.in_(agents), Ticket.status != lifecycle.CLOSED)
            .group_by(Ticket.assignee)
        )
        return {str(a): int(n) for a, n in rows}

    def opened_by_since(self, requester: str, since: datetime) -> int:
        """How many tickets ``requester`` opened since ``since``."""
        return int(
            statement_connection(self.session).scalar(
                _OPENED_SINCE, {"requester": requester, "since": since}
            )
            or 0
        )

    def get(self, ticket_id: int) -> Ticket | None:
        # What the session holds of other tables waits for its own flush: a ticket read
        # by its key is found among the new tickets, or read as the database has it.
        flush_for(self.session, Ticket, changed=False)
        with self.session.no_autoflush:
            return self.session.get(Ticket, ticket_id)

    def answered_before(self, cutoff: datetime, *, after: int, limit: int) -> list[int]:
        """Numbers above ``after`` of the tickets answered at or before ``cutoff`` and not
        touched by a status change since (auto-close), in order; one page of them."""
        return list(
            self.session.scalars(
                select(Ticket.id)
                .where(
                    Ticket.status == lifecycle.ANSWERED,
                    Ticket.status_changed_at <= cutoff,
                    Ticket.id > after,
                )
                .order_by(Ticket.id)
                .limit(limit)
            )
        )

    def summaries(
        self,
        *,
        status: str | None = None,
        department: str | None = None,
        assignee: str | None = None,
        queue: bool = False,
        limit: int = 100,
        q: str | None = None,
        labels: LabelFilter = NO_LABELS,
    ) -> list[TicketSummary]:
        """Tickets, newest first; or, with ``queue``, those waiting for the team (open and
        customer_reply), the longest-waiting client first.  With ``q``, only the tickets
        with a message that matches it (:mod:`mailgate.store.search_repo`); a ``q``
        without a word to look for matches nothing.  ``labels`` and the ``tag:`` and
        ``field:NAME=VALUE`` terms of ``q`` keep the tickets that carry those tags and
        values (:mod:`mailgate.store.labels_repo`); a ``q`` of such terms alone lists
        them all."""
        if q is not None:
            q, in_query = split_query(q)
            labels = labels + in_query
            if not q and labels:
                q = None
        values = (
            status,
            department,
            assignee,
            *labels.tags,
            *(v for f in labels.fields for v in f),
        )
        if any("\x00" in v for v in values if v):
            # No status, department or address holds a NUL, and PostgreSQL refuses one
            # in a text parameter (a DataError, not "nothing found").
            return []
        filters: list[ColumnElement[bool]] = label_clauses(labels)
        if queue:
            filters.append(Ticket.status.in_(QUEUE))
        if assignee:
            filters.append(Ticket.assignee == assignee)
        if status:
            filters.append(Ticket.status == status)
        if department:
            filters.append(Ticket.department == department)
        # Counted for the tickets listed only, each through the index on ticket_id.
        count = (
            select(func.count(Message.id))
            .where(Message.ticket_id == Ticket.id)
            .correlate(Ticket)
            .scalar_subquery()
        )
        stmt = select(Ticket, count).where(*filters).limit(limit)
        if queue:
            stmt = stmt.order_by(
                func.coalesce(Ticket.last_client_message_at, Ticket.created_at), Ticket.id
            )
        else:
            stmt = stmt.order_by(Ticket.id.desc())
        if q is not None:
            search = SearchRepo(self.session)
            if not query_words(q):
                return []
            few = list(
                self.session.scalars(select(Ticket.id).where(*filters).limit(SEARCH_WINDOW + 1))
            )
            if len(few) <= SEARCH_WINDOW:
                # The queue, an agent's tickets, a status: however large the helpdesk,
                # the search reads only the messages of the tickets that pass.
                stmt = stmt.where(Ticket.id.in_(search.tickets_among(q, few)))
            else:
                if not queue:
                    # The newest matches first: a word found in many tickets is found
                    # in the newest ones, without reading all its rows.
                    newest = self._newest_among if search.postgresql else self._newest_matching
                    found = newest(stmt, filters, search, q, limit)
                    if found is not None:
                        return found
                elif (waiting := self._queue_matching(filters, search, q)) is not None:
                    # The queue in its own order: every waiting ticket that matches.
                    return self._listed(stmt, waiting)
                matching = search.tickets_matching(q)
                assert matching is not None  # the query has words: checked above
                stmt = stmt.where(Ticket.id.in_(matching))
        return [TicketSummary(t, int(n)) for t, n in self.session.execute(stmt)]

    def _listed(self, stmt: Select[Any], ids: Sequence[int]) -> list[TicketSummary]:
        """The tickets ``ids`` as ``stmt`` lists them (its order, its counts)."""
        if not ids:
            return []
        rows = self.session.execute(stmt.where(Ticket.id.in_(ids)))
        return [TicketSummary(row[0], int(row[1])) for row in rows]

    def _queue_matching(
        self, filters: list[ColumnElement[bool]], search: SearchRepo, q: str
    ) -> list[int] | None:
        """The waiting tickets (more than :data:`SEARCH_WINDOW`) that match ``q``, all of
        them: the queue's order is not the tickets' numbers.  PostgreSQL tests the
        messages of up to :data:`_AMONG_TICKETS` of them; SQLite reads FTS5's matches
        newest first down to the oldest message of a waiting ticket.  None when there
        are more, or the oldest is too far back (the whole index then)."""
        waiting = list(
            self.session.scalars(select(Ticket.id).where(*filters).limit(_AMONG_TICKETS + 1))
        )
        if len(waiting) > _AMONG_TICKETS:
            return None
        if search.postgresql:
            return search.tickets_among(q, waiting)
        firsts = [
            self.session.scalar(
                select(func.min(Message.id + 0)).where(
                    Message.ticket_id.in_(waiting[start : start + 1000])
                )
            )
            for start in range(0, len(waiting), 1000)  # a thousand ids a query
        ]
        oldest = min((int(f) for f in firsts if f is not None), default=0)
        these = set(waiting)
        found: set[int] = set()
        chunks = search.newest(q, most=_QUEUE_ROWS)
        try:
            for rows, covered in chunks:
                found.update(ticket for _pk, ticket in rows if ticket in these)
                if covered <= oldest:
                    return sorted(found)
        finally:
            chunks.close()
        return None

    def _newest_among(
        self,
        stmt: Select[Any],
        filters: list[ColumnElement[bool]],
        search: SearchRepo,
        q: str,
        limit: int,
    ) -> list[TicketSummary] | None:
        """PostgreSQL: the newest ``limit`` tickets passing ``filters`` that match ``q``,
        found among the newest tickets that pass, a window of them after the other, each
        window's messages tested (:meth:`SearchRepo.tickets_among`); None when the
        matches found so far say that more tickets would have to be read than the whole
        index costs, or more than :data:`_AMONG_TICKETS` (the query matches few rows).

        The GIN index cannot give a word's rows newest first: it reads all of them (most
        of the table, for a common word or a short prefix) before anything is found.  So
        the windows go on while they cost less than the whole index would: a word found
        in a share d of the tickets needs ``limit``/d of them read here, and about d·N
        rows of the index (N tickets), each dearer (:data:`_INDEX_COST`): the windows,
        while d is above √(``limit``/(N·cost)).  A query with a rare word (an order
        number, an address, a word no ticket has) would pay the first windows for
        nothing and then the index: so when one of its words is outside the planner's
        common ones, the index is asked first for at most √(``limit``·N/cost) rows —
        the rows that cost what the windows may — and when it has no more, they are
        the answer (:meth:`SearchRepo.few_matching`).
        """
        found: list[int] = []
        read, size, before, tickets = 0, _FIRST_WINDOW * limit, None, 0
        while True:
            older: list[ColumnElement[bool]] = [] if before is None else [Ticket.id < before]
            window = list(
                self.session.scalars(
                    select(Ticket.id).where(*filters, *older).order_by(Ticket.id.desc()).limit(size)
                )
            )
            if before is None and window:
                tickets = window[0]  # about how many there are
                rare = search.few_matching(q, math.isqrt(limit * tickets // _INDEX_COST))
                if rare is not None:
                    return self._listed(stmt, rare)
            found += search.tickets_among(q, window)
            read += len(window)
            if len(found) >= limit or len(window) < size:
                break  # the newest matches found, or every ticket read
            if not found and read >= SEARCH_WINDOW:
                return None  # a rare word: the whole index has few rows of it
            # As many more tickets as the matches found so far say, and half as many;
            # four times as many as read, when none were found yet.
            size = (limit - len(found)) * read // len(found) * 3 // 2 + 1 if found else 3 * read
            if read + size > min(_AMONG_TICKETS, math.isqrt(limit * tickets * _INDEX_COST)):
                return None
            before = window[-1]
        return self._listed(stmt, heapq.nlargest(limit, found))

    def _newest_matching(
        self,
        stmt: Select[Any],
        filters: list[ColumnElement[bool]],
        search: SearchRepo,
        q: str,
        limit: int,
    ) -> list[TicketSummary] | None:
        """The newest ``limit`` tickets passing ``filters`` that match ``q``, found by
        reading its matches newest first (:meth:`SearchRepo.newest`); None when the
        search gives up before it can tell (the query matches few of the newest rows:
        the whole index finds them as quickly).

        Messages are numbered as they come, so the newest matches are mostly those of
        the newest tickets, but not only: an old ticket gets replies, a split puts old
        messages on a new ticket.  So once ``limit`` tickets are found, the reading goes
        on down to the oldest message of every ticket from the ``limit``-th on: then
        none of those tickets has a match not read."""
        passing: set[int] = set()  # the tickets of the matches read that pass the filters
        checked: set[int] = set()  # every ticket of the matches read
        bound: tuple[int, int] | None = None  # a ticket number, its oldest message so far
        chunks = search.newest(q)
        try:
            for rows, covered in chunks:
                fresh = {ticket for _pk, ticket in rows} - checked
                if fresh:
                    checked |= fresh
                    passing.update(
                        int(t)
                        for t in self.session.scalars(
                            select(Ticket.id).where(Ticket.id.in_(sorted(fresh)), *filters)
                        )
                    )
                if covered == 0:
                    break  # every match read
                if len(passing) < limit:
                    continue
                last = heapq.nlargest(limit, passing)[-1]
                if max(checked) - last > _BOUND_SPAN:
                    continue  # few tickets match: reading them all costs less
                if bound is None or (bound[0] != last and covered > bound[1]):
                    # min(id + 0), not min(id): read through the index on ticket_id (the
                    # messages of these tickets), where both planners would otherwise walk
                    # the primary key from its oldest message until one of them turns up.
                    oldest = self.session.scalar(
                        select(func.min(Message.id + 0)).where(Message.ticket_id >= last)
                    )
                    bound = (last, int(oldest or 0))
                if covered <= bound[1]:
                    break  # every match of the tickets from the limit-th on read
            else:
                return None  # given up: the caller searches the whole index
        finally:
            chunks.close()
        return self._listed(stmt, heapq.nlargest(limit, passing))

    def messages(self, ticket_id: int) -> list[Message]:
        return list(
            self.session.scalars(
                select(Message)
                .where(Message.ticket_id == ticket_id)
                .options(selectinload(Message.attachments))
                .order_by(Message.created_at, Message.id)
            )
        )

    def incoming_after(self, ticket_id: int, after: int) -> list[int]:
        """The ids of the ticket's incoming messages after message ``after``, in order."""
        return list(
            self.session.scalars(
                select(Message.id)
                .where(Message.ticket_id == ticket_id, Message.direction == "in")
                .where(Message.id > after)
                .order_by(Message.id)
            )
        )

    def last_incoming(self, ticket_id: int) -> int | None:
        """The id of the ticket's latest incoming message (the highest), or None."""
        return self.session.scalar(
            select(func.max(Message.id)).where(
                Message.ticket_id == ticket_id, Message.direction == "in"
            )
        )

    def events_after(self, after: int, limit: int) -> list[Event]:
        """Events of every ticket after event ``after``, in order; ``limit`` of them."""
        return list(
            self.session.scalars(
                select(Event).where(Event.id > after).order_by(Event.id).limit(limit)
            )
        )

    def last_event_id(self) -> int:
        """The id of the latest event of any ticket (0: none yet)."""
        return int(self.session.scalar(select(func.max(Event.id))) or 0)

    def attachment(self, ticket_id: int, attachment_id: int) -> Attachment | None:
        """Attachment ``attachment_id`` with its content, if it is on one of the ticket's
        messages; None otherwise (whether or not it exists on another ticket)."""
        return self.session.scalar(
            select(Attachment)
            .join(Message, Message.id == Attachment.message_pk)
            .where(Attachment.id == attachment_id, Message.ticket_id == ticket_id)
            .options(selectinload(Attachment.blob))
        )

    def events(self, ticket_id: int) -> list[Event]:
        return list(
            self.session.scalars(
                select(Event).where(Event.ticket_id == ticket_id).order_by(Event.id)
            )
        )

    def events_of(self, ticket_ids: Sequence[int]) -> list[Event]:
        """The events of several tickets (those merged into one), in order."""
        if not ticket_ids:
            return []
        return list(
            self.session.scalars(
                select(Event).where(Event.ticket_id.in_(ticket_ids)).order_by(Event.id)
            )
        )

    def participants(self, ticket_id: int) -> list[Participant]:
        return list(
            self.session.scalars(
                select(Participant)
                .where(Participant.ticket_id == ticket_id)
                .order_by(Participant.id)
            )
        )
