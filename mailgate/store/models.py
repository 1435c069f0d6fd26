"""The database: SQLAlchemy 2.x typed models.

The inbox and the outbox are the durable hand-offs of the journey (receive → inbox →
process → outbox → send); tickets, their participants, messages, attachments and events
are the helpdesk's record.  Events are append-only: nothing in a ticket's thread is edited
or deleted in place.  Changing a table means adding an Alembic migration under
``store/migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from mailgate.vocabulary import Term

# SQLite only auto-increments an INTEGER PRIMARY KEY; PostgreSQL gets a 64-bit identity.
Id = BigInteger().with_variant(Integer(), "sqlite")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class InboxState(Term):
    """Where a stored message is: waiting to be processed, on a ticket, or with a person."""

    RECEIVED = "received"  # stored, waiting to be processed
    PROCESSED = "processed"  # on a ticket
    HELD = "held"  # a rule kept it for a person (the rule is its thread_rule)
    QUARANTINED = "quarantined"  # it cannot go on any ticket as it is
    FAILED = "failed"  # processing failed past its retries


class OutboxState(Term):
    """Where a message mailgate writes is on its way out."""

    QUEUED = "queued"  # waiting to be sent (again, after a temporary failure)
    SENDING = "sending"  # a sender has leased it
    SENT = "sent"  # the relay (or the outbox folder) took it
    FAILED = "failed"  # refused for good, or past its retries


class LinkKind(Term):
    """What a link between two tickets says (``ticket_links.kind``)."""

    DUPLICATE = "duplicate"  # the newer ticket likely repeats the other (flagged)
    NOT_DUPLICATE = "not_duplicate"  # an agent said the flag was wrong
    MERGED = "merged"  # the newer ticket was merged into the other
    SPLIT = "split"  # the newer ticket was split off the other


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timestamps are stored in UTC and always come back timezone-aware (SQLite keeps no
    zone, so a naive value read back is UTC by construction)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class InboxRow(Base):
    """One received message, exactly as it arrived, and what processing decided about it."""

    __tablename__ = "inbox"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # smtp | lmtp | deliver | import | imap
    source: Mapped[str] = mapped_column(String(16))
    # Where it came from within the source: a peer address, a file, a mailbox and UID.
    source_ref: Mapped[str | None] = mapped_column(Text)
    # None: not known (import); "": the null reverse-path <> of bounces.
    envelope_sender: Mapped[str | None] = mapped_column(Text)
    recipients: Mapped[list[str]] = mapped_column(JSON, default=list)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str | None] = mapped_column(Text)
    # sha256 over Message-ID and body: the same message delivered twice is stored once.
    dedupe_key: Mapped[str] = mapped_column(String(64), unique=True)
    # received: waiting to be processed; processed: on its ticket (ticket_id); held: kept
    # for a person by the rule named in thread_rule (``mailgate accept`` makes it a
    # ticket); quarantined: cannot be read or processed as it is (error says why);
    # failed: processing failed max_attempts times.  Every state but received is one a
    # person can see: nothing ends processed without a ticket.
    state: Mapped[str] = mapped_column(String(16), default=InboxState.RECEIVED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    verdict: Mapped[str | None] = mapped_column(String(32))
    verdict_rule: Mapped[str | None] = mapped_column(String(64))
    thread_rule: Mapped[str | None] = mapped_column(String(64))
    thread_reason: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(String(64))
    ticket_id: Mapped[int | None] = mapped_column(Id, ForeignKey("tickets.id"))
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # False for mail that must cause no mail to anyone (``mailgate import`` without
    # ``--notify``: an archive's clients are not acknowledged again).
    notify: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # When retention replaced ``raw`` by nothing ([retention] keep_raw_days); size,
    # sha256 and every decision above stay.
    raw_pruned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    ticket: Mapped[Ticket | None] = relationship()

    __table_args__ = (
        Index("ix_inbox_state_id", "state", "id"),
        # Retention's walk: processed messages whose bytes are still there, oldest first.
        Index("ix_inbox_state_pruned_id", "state", "raw_pruned_at", "id"),
    )


class Ticket(Base):
    __tablename__ = "tickets"

    # The ticket number clients see is the primary key: unique, never reused.
    id: Mapped[int] = mapped_column(Id, primary_key=True)
    subject: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(32), index=True)
    department: Mapped[str] = mapped_column(String(64), index=True)
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    requester: Mapped[str] = mapped_column(Text)
    requester_name: Mapped[str | None] = mapped_column(Text)
    # The figures count tickets by the day they were opened and closed.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # The console lists tickets by their latest change.
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    last_client_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # When the status last changed: an answered ticket closes by itself counted from it.
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The agent (address) the ticket is assigned to; indexed alone (an agent's tickets,
    # newest first) and with the status (below).
    assignee: Mapped[str | None] = mapped_column(Text, index=True)
    # The language its mail to the client is written in (docs/languages.md); None, on a
    # ticket older than the choice: [helpdesk] language.
    language: Mapped[str | None] = mapped_column(String(16))

    participants: Mapped[list[Participant]] = relationship(
        back_populates="ticket", order_by="Participant.id"
    )

    __table_args__ = (
        Index("ix_tickets_status_changed", "status", "status_changed_at"),
        Index("ix_tickets_requester_created", "requester", "created_at"),
        # An agent's tickets that are not closed, the unassigned waiting ones: counted on
        # every page of the console from the index alone.
        Index("ix_tickets_assignee_status", "assignee", "status"),
    )

    @property
    def number(self) -> int:
        return self.id


class Participant(Base):
    __tablename__ = "participants"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"))
    address: Mapped[str] = mapped_column(Text)
    name: Mapped[str | None] = mapped_column(Text)
    # requester | cc | agent
    role: Mapped[str] = mapped_column(String(16))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    ticket: Mapped[Ticket] = relationship(back_populates="participants")

    __table_args__ = (UniqueConstraint("ticket_id", "address"),)


class Message(Base):
    """A message in a ticket's thread, in either direction."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), index=True)
    # in | out
    direction: Mapped[str] = mapped_column(String(3))
    inbox_id: Mapped[int | None] = mapped_column(Id, ForeignKey("inbox.id"))
    outbox_id: Mapped[int | None] = mapped_column(Id, ForeignKey("outbox.id"))
    message_id: Mapped[str | None] = mapped_column(Text, index=True)
    from_address: Mapped[str | None] = mapped_column(Text)
    from_name: Mapped[str | None] = mapped_column(Text)
    to: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    cc: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    subject: Mapped[str] = mapped_column(Text, default="")
    date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    text: Mapped[str] = mapped_column(Text, default="")
    reply_text: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str | None] = mapped_column(Text)
    # human | auto_reply | bounce | … (the classify verdict), or agent | system outbound.
    kind: Mapped[str] = mapped_column(String(32), default="human")

    ticket: Mapped[Ticket] = relationship()
    outbox: Mapped[OutboxRow | None] = relationship()
    attachments: Mapped[list[Attachment]] = relationship(order_by="Attachment.position")


class Blob(Base):
    """Attachment content, stored once per distinct content (content-addressed)."""

    __tablename__ = "blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    message_pk: Mapped[int] = mapped_column(Id, ForeignKey("messages.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(Text)
    content_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("blobs.sha256"))
    inline: Mapped[bool] = mapped_column(Boolean, default=False)
    content_id: Mapped[str | None] = mapped_column(Text)
    # A program, recognised by its content ("windows-pe", "elf", "script" …): flagged.
    executable: Mapped[str | None] = mapped_column(String(32))

    blob: Mapped[Blob] = relationship()


class Event(Base):
    """Append-only ticket history: who changed what, when."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A client address, an agent's name, or "system".
    actor: Mapped[str] = mapped_column(Text)
    kind: Mapped[str] = mapped_column(String(32))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    message_pk: Mapped[int | None] = mapped_column(Id, ForeignKey("messages.id"))

    ticket: Mapped[Ticket] = relationship()
    message: Mapped[Message | None] = relationship()


class TicketLink(Base):
    """Two tickets about one matter: a likely duplicate flagged when it opened, a ticket
    merged into another, a ticket split from another.  ``ticket_id`` is the newer (the
    duplicate, the ticket merged away, the ticket split off), ``other_id`` the ticket it
    points to; both tickets show the link.  Rows are added, never changed."""

    __tablename__ = "ticket_links"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), index=True)
    other_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), index=True)
    # A LinkKind.
    kind: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Who made it: "system" for a flagged duplicate, else the agent.
    actor: Mapped[str] = mapped_column(Text)
    # What decided it (a duplicate's similarity), what moved (a merge's, a split's).
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (UniqueConstraint("ticket_id", "other_id", "kind"),)


class TicketAlias(Base):
    """A merged ticket's number, which still leads to the ticket it was merged into:
    threading reads it for a subject token or a signed reply address of the old number."""

    __tablename__ = "ticket_aliases"

    number: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ImapState(Base):
    """How far mailgate has read a mailbox folder: the UIDVALIDITY it saw and the highest
    UID it stored (RFC 3501 §2.3.1.1: UIDs are only meaningful with their UIDVALIDITY)."""

    __tablename__ = "imap_state"

    account: Mapped[str] = mapped_column(String(64), primary_key=True)
    folder: Mapped[str] = mapped_column(Text, primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger)
    # UIDs up to last_uid the server would not hand over (space-separated); left on the
    # server untouched, asked for again at each login.
    skipped: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class JobState(Base):
    """A scheduled job's last run, one row per job (``mailgate status`` shows them)."""

    __tablename__ = "job_state"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    # running (or the instance died in the middle of it) | ok | error
    outcome: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What the run did, for a person: "closed 3 tickets".
    summary: Mapped[str] = mapped_column(Text, default="")
    error: Mapped[str | None] = mapped_column(Text)
    # Which instance ran it: host name and process id.
    instance: Mapped[str] = mapped_column(Text, default="")
    # When a run of it last ended without an error.
    succeeded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Suppression(Base):
    """An address mail is not sent to until ``until``: its server said it does not exist
    (a permanent delivery failure), and mail to it would only bounce again."""

    __tablename__ = "suppressions"

    address: Mapped[str] = mapped_column(Text, primary_key=True)
    until: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ClientLanguage(Base):
    """The language a client is answered in, by address: what their mail showed, or
    what an agent set (which mail never overrides)."""

    __tablename__ = "client_languages"

    address: Mapped[str] = mapped_column(Text, primary_key=True)
    language: Mapped[str] = mapped_column(String(16))
    # "mail" (their mail showed it) | "agent" (an agent set it)
    source: Mapped[str] = mapped_column(String(16))
    # The agent who set it, or the rule that read it from their mail.
    decided_by: Mapped[str] = mapped_column(Text)
    # The ticket whose mail showed it.
    ticket_id: Mapped[int | None] = mapped_column(Id)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxRow(Base):
    """A complete outgoing message, written in the transaction of the event that caused it."""

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ticket_id: Mapped[int | None] = mapped_column(Id, ForeignKey("tickets.id"), index=True)
    # The template (event) it was rendered from: ticket_opened, agent_reply, …
    kind: Mapped[str] = mapped_column(String(32))
    message_id: Mapped[str] = mapped_column(Text, unique=True)
    envelope_sender: Mapped[str] = mapped_column(Text)
    recipients: Mapped[list[str]] = mapped_column(JSON)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    # queued | sending (claimed by a sender until next_attempt_at) | sent | failed
    state: Mapped[str] = mapped_column(String(16), default=OutboxState.QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Where the transport put it: a file name, or the relay's queue id.
    delivered_to: Mapped[str | None] = mapped_column(Text)

    ticket: Mapped[Ticket | None] = relationship()

    __table_args__ = (Index("ix_outbox_state_id", "state", "id"),)


class AgentAccount(Base):
    """An agent's sign-in to the console: the agent is listed in ``[[agents]]``; this row
    holds their password (an argon2id hash) and whether they may sign in."""

    __tablename__ = "agent_accounts"

    address: Mapped[str] = mapped_column(Text, primary_key=True)
    password_hash: Mapped[str | None] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ConsoleSession(Base):
    """A signed-in browser.  The cookie holds a random token; the row holds only its
    SHA-256 digest, so a copy of the database signs nobody in."""

    __tablename__ = "console_sessions"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    agent: Mapped[str] = mapped_column(Text, index=True)
    # The token every form of the session carries (CSRF).
    csrf: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    client: Mapped[str] = mapped_column(Text, default="")
    user_agent: Mapped[str] = mapped_column(Text, default="")


class LoginFailure(Base):
    """A failed sign-in, counted per address and per client to slow guessing."""

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    address: Mapped[str] = mapped_column(Text, index=True)
    client: Mapped[str] = mapped_column(Text, index=True)


class Presence(Base):
    """Who has a ticket open in the console, and whether they are writing on it."""

    __tablename__ = "presence"

    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), primary_key=True)
    agent: Mapped[str] = mapped_column(Text, primary_key=True)
    writing: Mapped[bool] = mapped_column(Boolean, default=False)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TicketTag(Base):
    """A tag on a ticket (:mod:`mailgate.tags`).  Who put it there and when is also an
    event of the ticket (``tag_added``, ``tag_removed``); this row is what is there now."""

    __tablename__ = "ticket_tags"

    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(64), primary_key=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # An agent's address, "system", or the tag rule's name ("rule billing-mail").
    added_by: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        # tag:billing — the tickets with a tag, read from the index alone.
        Index("ix_ticket_tags_tag_ticket", "tag", "ticket_id"),
    )


class TicketField(Base):
    """A custom field's value on a ticket (:mod:`mailgate.custom_fields`), in its
    canonical text; each change is also a ``field_changed`` event."""

    __tablename__ = "ticket_fields"

    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        # field:plan=gold — the tickets with a value, read from the index alone.
        Index("ix_ticket_fields_name_value_ticket", "name", "value", "ticket_id"),
    )


class RatingRequest(Base):
    """A closed ticket's client asked to rate it (``rating_request``): one row per
    ticket, ever.  The token is the links' (signed with the ticket and the expiry,
    :mod:`mailgate.rating_links`); the rating and the comment are each written once,
    with an event on the ticket (``rating``, ``rating_comment``)."""

    __tablename__ = "rating_requests"

    token: Mapped[str] = mapped_column(String(32), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), unique=True)
    # The ticket's department and agent (its assignee, else the agent who answered it
    # last) when it closed: whose work the rating is counted for.
    department: Mapped[str] = mapped_column(String(64))
    agent: Mapped[str | None] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text)  # the client asked
    language: Mapped[str] = mapped_column(String(16))  # of the mail, and of the pages
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # good | bad; None until the client chose
    rating: Mapped[str | None] = mapped_column(String(8))
    rated_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    comment: Mapped[str | None] = mapped_column(Text)
    commented_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Organization(Base):
    """A client's company (an account of a hosting company): its contacts, its mail
    domains, who is told of its tickets and whether strangers at its domains may open
    them (:mod:`mailgate.contacts`)."""

    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(Id, primary_key=True)
    name: Mapped[str] = mapped_column(Text, unique=True)
    # requester | primary | authorized (contacts.rules.Notify)
    notify: Mapped[str] = mapped_column(String(16), default="requester")
    unknown_may_open: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Made for a new domain's mail ([contacts] auto_organizations), not by a person.
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)


class OrganizationDomain(Base):
    """A mail domain of an organization: one organization's at most."""

    __tablename__ = "organization_domains"

    domain: Mapped[str] = mapped_column(Text, primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        Id, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )


class Contact(Base):
    """A person of an organization: an address (a contact of one organization at most),
    a name, a role (primary | authorized | other)."""

    __tablename__ = "contacts"

    address: Mapped[str] = mapped_column(Text, primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        Id, ForeignKey("organizations.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(16), default="other")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TicketSla(Base):
    """A ticket's service level clocks (``mailgate.sla``), as last computed from its
    history: what the scheduler's ``sla`` job warns by and the figures count.  Computed
    again whenever the ticket changed since (``ticket_updated_at``); the ``*_warned_at``
    and ``*_escalated_at`` columns say that the warning or escalation of a target was
    sent (once per target per ticket; the ``sla_warning`` / ``sla_breach`` event is its
    record in the ticket's history)."""

    __tablename__ = "ticket_sla"

    ticket_id: Mapped[int] = mapped_column(Id, ForeignKey("tickets.id"), primary_key=True)
    # The target applied: "<department>/<priority>" of [[sla]], "*" for any.
    policy: Mapped[str] = mapped_column(Text)
    # The ticket's updated_at these clocks were computed from.
    ticket_updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Per target: when due (None while paused, or no such target), when to warn, when
    # met (first agent reply; closed), business seconds left while paused.
    first_response_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_warn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_left: Mapped[int | None] = mapped_column(Integer)
    first_response_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    first_response_escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_due: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_warn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_left: Mapped[int | None] = mapped_column(Integer)
    resolution_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolution_escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        # The job's walks: targets not met whose warning or due time has come.
        Index(
            "ix_ticket_sla_first_response_warn", "first_response_done_at", "first_response_warn_at"
        ),
        Index("ix_ticket_sla_resolution_warn", "resolution_done_at", "resolution_warn_at"),
    )
