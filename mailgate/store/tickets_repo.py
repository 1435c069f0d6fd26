"""Writing tickets: the records a ticket is written from, tickets opened in bulk (one
INSERT per table for a batch), and messages, participants, events and outgoing mail added
to a ticket.  :class:`TicketRepo` also answers the queries of :class:`TicketQueries`
(``ticket_queries``), so that one repository serves a transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, event, func, select, text, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from mailgate.addresses import is_mailbox
from mailgate.parse.model import Attachment as ParsedAttachment
from mailgate.store.engine import statement_connection
from mailgate.store.labels_repo import LabelsRepo
from mailgate.store.models import (
    Attachment,
    Blob,
    Event,
    Message,
    OutboxRow,
    OutboxState,
    Participant,
    Ticket,
    TicketAlias,
    TicketLink,
    utcnow,
)
from mailgate.store.search_repo import SearchDocument, SearchRepo, document, is_searchable
from mailgate.store.ticket_queries import TicketQueries


class _Statements(dict[Table, Any]):
    """A statement for each table, built on first use and kept: building one costs
    about as much as SQLite running it, and processing runs these in every
    transaction."""

    def __init__(self, build: Callable[[Table], Any]) -> None:
        super().__init__()
        self.build = build

    def __missing__(self, table: Table) -> Any:
        statement = self[table] = self.build(table)
        return statement


_TICKETS = cast(Table, Ticket.__table__)
_INSERT = _Statements(lambda table: table.insert())
# The highest id of a table (0 when it is empty).
_HIGHEST = _Statements(lambda table: select(func.coalesce(func.max(table.c.id), 0)))


@dataclass(frozen=True)
class MessageRecord:
    """A message to write into a ticket's thread."""

    direction: str  # in | out
    message_id: str | None
    from_address: str | None
    from_name: str | None
    to: list[dict[str, str]]
    cc: list[dict[str, str]]
    subject: str
    date: datetime | None
    text: str
    reply_text: str
    html: str | None
    kind: str
    inbox_id: int | None = None
    attachments: tuple[ParsedAttachment, ...] = ()
    # When mailgate received it (the thread is shown in this order); None: written now.
    received_at: datetime | None = None


@dataclass(frozen=True)
class OutboxRecord:
    kind: str
    message_id: str
    envelope_sender: str
    recipients: list[str]
    raw: bytes


@dataclass(frozen=True)
class EventRecord:
    kind: str
    actor: str
    data: dict[str, Any]
    about: str | None = None  # "in": the client's message, "out": the outgoing one


@dataclass(frozen=True)
class LinkRecord:
    """A link from a ticket to another (``mailgate.store.models.TicketLink``)."""

    other_id: int
    kind: str  # duplicate | merged | split
    actor: str
    data: dict[str, Any]


@dataclass(frozen=True)
class TicketOpening:
    """Everything a new ticket writes, known before the transaction."""

    number: int
    subject: str
    status: str
    department: str
    requester: str
    requester_name: str | None
    at: datetime
    last_client_message_at: datetime | None
    participants: tuple[tuple[str, str | None, str], ...]  # address, name, role
    incoming: MessageRecord
    events: tuple[EventRecord, ...]
    # Mail it queues: the acknowledgment, alerts to agents.  An event's ``about`` names
    # one by "out0", "out1" … in this order ("out" is the first).
    outgoing: tuple[tuple[OutboxRecord, MessageRecord], ...] = ()
    priority: str = "normal"
    assignee: str | None = None
    # Tags the tag rules put on it: (tag, who — "rule <name>").
    tags: tuple[tuple[str, str], ...] = ()
    # Links to older tickets: a likely duplicate's.
    links: tuple[LinkRecord, ...] = ()
    language: str | None = None


@dataclass
class _Rows:
    """Rows of a batch of openings, table by table, for one INSERT each."""

    tickets: list[dict[str, Any]] = field(default_factory=list)
    participants: list[dict[str, Any]] = field(default_factory=list)
    outbox: list[dict[str, Any]] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    message_keys: list[tuple[int, str]] = field(default_factory=list)  # (opening, in|out)
    attachments: list[tuple[tuple[int, str], ParsedAttachment, int]] = field(default_factory=list)


class TicketRepo(TicketQueries):
    """The ticket queries of :class:`TicketQueries` and the writes: tickets opened in
    bulk, and messages, participants, events and outgoing mail added to a ticket.

    ``index_at_commit``: the messages added are put in the search table when the
    session's transaction commits (processing: the messages of a transaction are then
    written in one flush and indexed in one INSERT), not each as it is added."""

    def __init__(self, session: Session, *, index_at_commit: bool = False) -> None:
        super().__init__(session)
        self.index_at_commit = index_at_commit
        self._unindexed: list[tuple[Message, dict[str, Any], list[str]]] = []
        if index_at_commit:
            event.listen(session, "before_commit", self._before_commit)

    def _before_commit(self, session: Session) -> None:
        self.index_added()

    # -- opening tickets: one INSERT per table for a whole batch -------------------------

    def next_number(self) -> int:
        """The next ticket number, taken in the write transaction that opens the ticket:
        PostgreSQL's sequence; on SQLite, whose write transaction (BEGIN IMMEDIATE)
        excludes every other writer, the highest number plus one.  Numbers are unique and
        follow the order in which tickets are written."""
        if self.session.get_bind().dialect.name == "postgresql":
            number = self.session.scalar(
                text("SELECT nextval(pg_get_serial_sequence('tickets', 'id'))")
            )
            return int(number)
        counter = self.session.info.get("mailgate_next_ticket")
        if counter is None:
            top = statement_connection(self.session).scalar(_HIGHEST[_TICKETS])
            counter = int(top or 0) + 1
        self.session.info["mailgate_next_ticket"] = counter + 1
        return int(counter)

    def insert_openings(self, openings: Sequence[TicketOpening]) -> None:
        """Write new tickets with their participants, first message, attachments,
        events and acknowledgment.  The ORM's bulk INSERT mode, not its unit of work:
        opening tickets is what a busy helpdesk does most, in the transaction that holds
        the database's write lock."""
        if not openings:
            return
        rows = _Rows()
        for i, o in enumerate(openings):
            rows.tickets.append(
                {
                    "id": o.number,
                    "subject": o.subject,
                    "status": o.status,
                    "department": o.department,
                    "priority": o.priority,
                    "requester": o.requester,
                    "requester_name": o.requester_name,
                    "created_at": o.at,
                    "updated_at": o.at,
                    "last_client_message_at": o.last_client_message_at,
                    "closed_at": None,
                    "status_changed_at": o.at,
                    "assignee": o.assignee,
                    "language": o.language,
                }
            )
            rows.participants += [
                {"ticket_id": o.number, "address": a, "name": n, "role": r, "added_at": o.at}
                for a, n, r in o.participants
            ]
            self._add_message_row(rows, i, "in", o.number, o.incoming, None, o.at)
            for out, _msg in o.outgoing:
                rows.outbox.append(
                    {
                        "created_at": o.at,
                        "ticket_id": o.number,
                        "kind": out.kind,
                        "message_id": out.message_id,
                        "envelope_sender": out.envelope_sender,
                        "recipients": out.recipients,
                        "raw": out.raw,
                        "state": OutboxState.QUEUED,
                        "attempts": 0,
                    }
                )
        # What this session holds unwritten goes first, in the order the ORM's own
        # statements would have written it; the rows below go straight to the connection.
        self.session.flush()
        self._insert(Ticket, rows.tickets)
        LabelsRepo(self.session).add_tag_rows(
            [(o.number, tag, by, o.at) for o in openings for tag, by in o.tags]
        )
        self._insert(Participant, rows.participants)
        outbox_ids = iter(self._insert_returning_ids(OutboxRow, rows.outbox))
        for i, o in enumerate(openings):
            for k, (_out, msg) in enumerate(o.outgoing):
                self._add_message_row(rows, i, f"out{k}", o.number, msg, next(outbox_ids), o.at)
        message_ids = dict(
            zip(rows.message_keys, self._insert_returning_ids(Message, rows.messages), strict=True)
        )
        self._insert_attachments(rows, message_ids)
        self._index(rows, message_ids)
        self._insert(
            Event,
            [
                {
                    "ticket_id": o.number,
                    "at": o.at,
                    "actor": e.actor,
                    "kind": e.kind,
                    "data": e.data,
                    "message_pk": message_ids.get((i, "out0" if e.about == "out" else e.about))
                    if e.about
                    else None,
                }
                for i, o in enumerate(openings)
                for e in o.events
            ],
        )
        self._insert(
            TicketLink,
            [
                {
                    "ticket_id": o.number,
                    "other_id": link.other_id,
                    "kind": link.kind,
                    "created_at": o.at,
                    "actor": link.actor,
                    "data": link.data,
                }
                for o in openings
                for link in o.links
            ],
        )

    def _insert(self, model: type[Any], rows: list[dict[str, Any]]) -> None:
        """One INSERT of ``rows`` (executemany) through the session's connection: the
        table's own statement, without the ORM's bulk mode's work for each row (the rows
        are not the session's objects either way)."""
        if rows:
            self.session.connection().execute(_INSERT[model.__table__], rows)

    @staticmethod
    def _add_message_row(
        rows: _Rows,
        i: int,
        which: str,
        ticket_id: int,
        m: MessageRecord,
        outbox_id: int | None,
        at: datetime,
    ) -> None:
        rows.message_keys.append((i, which))
        rows.messages.append(
            {
                "ticket_id": ticket_id,
                "direction": m.direction,
                "inbox_id": m.inbox_id,
                "outbox_id": outbox_id,
                "message_id": m.message_id,
                "from_address": m.from_address,
                "from_name": m.from_name,
                "to": m.to,
                "cc": m.cc,
                "subject": m.subject,
                "date": m.date,
                "created_at": m.received_at or at,
                "text": m.text,
                "reply_text": m.reply_text,
                "html": m.html,
                "kind": m.kind,
            }
        )
        rows.attachments += [((i, which), a, pos) for pos, a in enumerate(m.attachments, 1)]

    def _insert_returning_ids(self, model: type[Any], values: list[dict[str, Any]]) -> list[int]:
        """Insert ``values`` and return their ids, in their order.

        On SQLite, RETURNING does not promise the order of its rows, so SQLAlchemy would
        send one INSERT per row; instead the ids are given: in the write transaction
        (BEGIN IMMEDIATE, which excludes every other writer) the highest id plus one
        onwards — the id SQLite itself gives a row of a table whose INTEGER PRIMARY KEY
        has no AUTOINCREMENT.  Read at each call, not kept: the ORM's own inserts in the
        same transaction take the next ids too."""
        if not values:
            return []
        table = model.__table__
        conn = self.session.connection()
        if conn.dialect.name == "sqlite":
            top = int(conn.scalar(_HIGHEST[table]) or 0)
            ids = list(range(top + 1, top + 1 + len(values)))
            conn.execute(_INSERT[table], [v | {"id": i} for v, i in zip(values, ids, strict=True)])
            return ids
        result = conn.execute(
            table.insert().returning(table.c.id, sort_by_parameter_order=True), values
        )
        return [int(r[0]) for r in result]

    def _insert_attachments(self, rows: _Rows, message_ids: dict[tuple[int, str], int]) -> None:
        if not rows.attachments:
            return
        self._store_blobs({a.sha256: a.data for _k, a, _p in rows.attachments})
        self._insert(
            Attachment,
            [
                {"message_pk": message_ids[key], "position": pos} | _attachment_columns(a)
                for key, a, pos in rows.attachments
            ],
        )

    def _index(self, rows: _Rows, message_ids: dict[tuple[int, str], int]) -> None:
        """The batch's messages in the search table."""
        files: dict[tuple[int, str], list[str]] = {}
        for key, a, _pos in rows.attachments:
            files.setdefault(key, []).append(a.filename)
        SearchRepo(self.session).index(
            [
                _search_document(message_ids[key], m, files.get(key, ()))
                for key, m in zip(rows.message_keys, rows.messages, strict=True)
                if is_searchable(m["direction"], m["text"], m["reply_text"])
            ]
        )

    def _store_blobs(self, blobs: dict[str, bytes]) -> None:
        """Attachment content is stored once per distinct content (content-addressed)."""
        table = Blob.__table__
        conn = self.session.connection()
        known = set(conn.scalars(select(table.c.sha256).where(table.c.sha256.in_(blobs))))
        self._insert(
            Blob,
            [{"sha256": k, "size": len(v), "data": v} for k, v in blobs.items() if k not in known],
        )

    # -- adding to a ticket (the unit of work: state is read and changed) ----------------

    def add_participant(
        self, ticket: Ticket, address: str, name: str | None, role: str, at: datetime
    ) -> bool:
        """Add ``address`` unless it already takes part; True when it was added.  Only an
        address with a domain takes part: a bare name would let anyone who writes it in a
        From header join the ticket."""
        if not is_mailbox(address):
            raise ValueError(f"a participant is an e-mail address, not {address!r}")
        participant = Participant(address=address, name=name or None, role=role, added_at=at)
        if "participants" in sa_inspect(ticket).unloaded:
            # Asked of the database (what this session added is flushed first) rather
            # than by loading the whole list: a reply from someone already taking part
            # is the common case, on every message processing adds to a ticket.
            if self.is_participant(ticket.id, address):
                return False
            participant.ticket_id = ticket.id
            self.session.add(participant)
            return True
        if any(p.address == address for p in ticket.participants):
            return False
        ticket.participants.append(participant)
        return True

    def add_message(
        self, ticket: Ticket, m: MessageRecord, at: datetime, outbox: OutboxRow | None = None
    ) -> Message:
        """Add ``m`` to the ticket's thread (with ``outbox``, the row that sends it) and
        to the search table when a person wrote it."""
        message = Message(
            ticket=ticket,
            outbox=outbox,
            direction=m.direction,
            inbox_id=m.inbox_id,
            message_id=m.message_id,
            from_address=m.from_address,
            from_name=m.from_name,
            to=m.to,
            cc=m.cc,
            subject=m.subject,
            date=m.date,
            text=m.text,
            reply_text=m.reply_text,
            html=m.html,
            kind=m.kind,
            created_at=m.received_at or at,
        )
        self.session.add(message)
        if m.attachments:
            with self.session.no_autoflush:
                self._store_blobs({a.sha256: a.data for a in m.attachments})
        for position, a in enumerate(m.attachments, start=1):
            message.attachments.append(Attachment(position=position, **_attachment_columns(a)))
        if is_searchable(m.direction, m.text, m.reply_text):
            filenames = [a.filename for a in m.attachments]
            self._unindexed.append((message, _search_columns(m, ticket.id), filenames))
            if not self.index_at_commit:
                self.index_added()
        return message

    def index_added(self) -> None:
        """Put the messages added since the last call in the search table (one INSERT for
        them all, after the flush that gives them their ids)."""
        if not self._unindexed:
            return
        self.session.flush()  # the messages' ids key their rows of the search table
        pending, self._unindexed = self._unindexed, []
        SearchRepo(self.session).index(
            [_search_document(message.id, row, names) for message, row, names in pending]
        )

    def add_outgoing(
        self, ticket: Ticket, out: OutboxRecord, m: MessageRecord, at: datetime
    ) -> Message:
        """Queue a complete outgoing message and put it in the ticket's thread, in the
        caller's transaction (the event that causes it)."""
        row = OutboxRow(
            created_at=at,
            ticket=ticket,
            kind=out.kind,
            message_id=out.message_id,
            envelope_sender=out.envelope_sender,
            recipients=out.recipients,
            raw=out.raw,
            state=OutboxState.QUEUED,
            attempts=0,
        )
        self.session.add(row)
        return self.add_message(ticket, m, at, row)

    def joined_ticket(self, ticket_id: int) -> int:
        """The ticket a message threaded to ``ticket_id`` joins: that ticket, or the one
        it was merged into since.  Processing threads a message again in its write
        transaction, which on SQLite excludes every other writer; on PostgreSQL a merge
        can commit between that threading and the join, and the message would land on
        the closed stub.  There the ticket is locked to the end of the transaction (a
        merge that starts later waits, and moves this message too) and its alias read
        after the lock."""
        if self.session.get_bind().dialect.name != "postgresql":
            return ticket_id
        number, seen = ticket_id, set()
        while number not in seen:
            seen.add(number)
            self.get_for_update(number)
            target = self.merged_into(number)
            if target is None or target == number:
                return number
            number = target
        return number

    def get_for_update(self, ticket_id: int) -> Ticket | None:
        """The ticket, locked until the end of the transaction (PostgreSQL; SQLite's
        write transaction is exclusive anyway)."""
        return self.session.get(Ticket, ticket_id, with_for_update=True, populate_existing=True)

    def add_event(
        self,
        ticket: Ticket,
        kind: str,
        actor: str,
        at: datetime,
        data: dict[str, Any] | None = None,
        message: Message | None = None,
    ) -> Event:
        event = Event(
            ticket=ticket, kind=kind, actor=actor, at=at, data=data or {}, message=message
        )
        self.session.add(event)
        return event

    def touch(self, ticket: Ticket, at: datetime | None = None) -> None:
        ticket.updated_at = at or utcnow()

    @staticmethod
    def note_client_message(ticket: Ticket, at: datetime) -> None:
        ticket.last_client_message_at = at

    @staticmethod
    def set_status(ticket: Ticket, status: str, *, closed: bool, at: datetime) -> None:
        ticket.status = status
        ticket.closed_at = at if closed else None
        ticket.status_changed_at = at

    # -- links, merges and splits ----------------------------------------------------------

    def add_link(self, ticket_id: int, link: LinkRecord, at: datetime) -> None:
        self.session.add(
            TicketLink(
                ticket_id=ticket_id,
                other_id=link.other_id,
                kind=link.kind,
                actor=link.actor,
                data=link.data,
                created_at=at,
            )
        )

    def add_ticket(self, opening: TicketOpening) -> Ticket:
        """A ticket made by an agent's action (a split), without a message of its own:
        the caller moves messages to it."""
        ticket = Ticket(
            id=opening.number,
            subject=opening.subject,
            status=opening.status,
            department=opening.department,
            priority=opening.priority,
            requester=opening.requester,
            requester_name=opening.requester_name,
            created_at=opening.at,
            updated_at=opening.at,
            last_client_message_at=opening.last_client_message_at,
            status_changed_at=opening.at,
            assignee=opening.assignee,
            language=opening.language,
        )
        self.session.add(ticket)
        self.session.flush()
        return ticket

    def move_messages(self, message_pks: Sequence[int], to_ticket: int) -> None:
        """Put messages (with the outbox rows that sent them, and their rows of the
        search table) on another ticket: a merge or a split.  Their events stay where
        they were written."""
        if not message_pks:
            return
        pks = list(message_pks)
        self.session.flush()
        outbox = select(Message.outbox_id).where(
            Message.id.in_(pks), Message.outbox_id.is_not(None)
        )
        self.session.execute(
            update(OutboxRow).where(OutboxRow.id.in_(outbox)).values(ticket_id=to_ticket),
            execution_options={"synchronize_session": False},
        )
        self.session.execute(
            update(Message).where(Message.id.in_(pks)).values(ticket_id=to_ticket),
            execution_options={"synchronize_session": False},
        )
        SearchRepo(self.session).move(pks, to_ticket)
        self.session.expire_all()

    def add_alias(self, number: int, ticket_id: int, at: datetime) -> None:
        """Ticket ``number`` was merged into ``ticket_id``: its number, and those of the
        tickets merged into it before, lead there now."""
        self.session.execute(
            update(TicketAlias).where(TicketAlias.ticket_id == number).values(ticket_id=ticket_id),
            execution_options={"synchronize_session": False},
        )
        self.session.add(TicketAlias(number=number, ticket_id=ticket_id, created_at=at))

    # -- outgoing mail that came back ------------------------------------------------------

    def mark_bounced(self, message_id: str, detail: str) -> None:
        """The outgoing mail with ``message_id`` came back: its delivery failed."""
        row = self.session.scalar(select(OutboxRow).where(OutboxRow.message_id == message_id))
        if row is None:
            return
        row.state = "failed"
        row.last_error = detail[:4000]
        row.next_attempt_at = None


def _search_columns(m: MessageRecord, ticket_id: int) -> dict[str, Any]:
    """The columns of a message its search document is made of, as a row of a batch."""
    return {
        "ticket_id": ticket_id,
        "subject": m.subject,
        "from_name": m.from_name,
        "from_address": m.from_address,
        "to": m.to,
        "cc": m.cc,
        "reply_text": m.reply_text,
    }


def _search_document(pk: int, row: dict[str, Any], filenames: Iterable[str]) -> SearchDocument:
    return document(
        pk,
        row["ticket_id"],
        subject=row["subject"] or "",
        from_name=row["from_name"],
        from_address=row["from_address"],
        to=row["to"] or [],
        cc=row["cc"] or [],
        reply_text=row["reply_text"] or "",
        filenames=filenames,
    )


def _attachment_columns(a: ParsedAttachment) -> dict[str, Any]:
    """The columns of an attachments row that come from the parsed attachment (its
    bytes go to the blobs table, under their hash)."""
    return {
        "filename": a.filename,
        "content_type": a.content_type,
        "size": a.size,
        "sha256": a.sha256,
        "inline": a.inline,
        "content_id": a.content_id,
        "executable": a.executable,
    }
