"""The bodies the API accepts and returns, as pydantic models.

Requests are validated through these models (strictly: ``"notify": "yes"`` is not a
boolean) and the OpenAPI document's schemas are generated from them, so what the
document says is what the server checks.  The response models describe the documents
of :mod:`mailgate.tickets.views`; the tests validate real responses against them, so
a field added to a view and not here fails a test.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator

from mailgate.lifecycle import DEFAULT, STATUSES
from mailgate.tickets.incoming import PRIORITIES
from mailgate.tickets.notes import MAX_NOTE_CHARS

Status = Literal["open", "in_progress", "answered", "customer_reply", "on_hold", "closed"]
assert set(get_args(Status)) == set(STATUSES), "Status must list lifecycle.STATUSES"
# What an agent may set: every status but customer_reply, which only a client's mail
# brings about (the default state machine's agent_status_change targets).
AgentStatus = Literal["open", "in_progress", "answered", "on_hold", "closed"]
assert set(get_args(AgentStatus)) == set(DEFAULT.agent_statuses()), "AgentStatus drifted"

# RFC 6838 §4.2 restricted names, so that a media type cannot smuggle parameters or a
# header line into the outgoing mail.
_NAME = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
_MEDIA_TYPE = re.compile(rf"{_NAME}/{_NAME}")
_TEMPLATE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _base64(value: object) -> bytes:
    if not isinstance(value, str):
        raise ValueError("expected a base64 string")
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("expected base64 (RFC 4648 §4, without line breaks)") from None


Base64Bytes = Annotated[
    bytes,
    BeforeValidator(_base64),
    WithJsonSchema({"type": "string", "contentEncoding": "base64"}),
]


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    @field_validator("*")
    @classmethod
    def _no_nul(cls, v: object) -> object:
        # JSON carries "\u0000"; mail holds no NUL (RFC 5322 §2.3), and PostgreSQL
        # refuses it in text (a DataError past every check, where SQLite stores it).
        if isinstance(v, str) and "\x00" in v:
            raise ValueError("expected text without a NUL character (U+0000)")
        return v


class AttachmentIn(_Request):
    """A file to attach to the outgoing mail."""

    filename: str = Field(min_length=1, max_length=255, examples=["invoice.pdf"])
    content_type: str = Field(default="application/octet-stream", examples=["application/pdf"])
    data: Base64Bytes = Field(description="The file's content, base64-encoded.")

    @field_validator("filename")
    @classmethod
    def _filename(cls, v: str) -> str:
        if _CONTROL.search(v) or "/" in v or "\\" in v:
            raise ValueError("expected a file name without a path or control characters")
        return v

    @field_validator("content_type")
    @classmethod
    def _content_type(cls, v: str) -> str:
        if not _MEDIA_TYPE.fullmatch(v) or v.lower().startswith(("multipart/", "message/")):
            raise ValueError("expected a media type such as application/pdf (no parameters)")
        return v.lower()


class ReplyRequest(_Request):
    """An agent's answer to the client, sent From the department's address."""

    body: str = Field(default="", description="The answer's text (may be empty with files).")
    template: str = Field(
        default="agent_reply", description="The template the mail is rendered from."
    )
    status: AgentStatus | None = Field(
        default=None,
        description="The status afterwards; null: as the state machine says for a reply.",
    )
    attachments: list[AttachmentIn] = Field(default_factory=list, max_length=100)
    seen_message: int | None = Field(
        default=None,
        ge=0,
        description="The ticket's last_message_id when the answer was begun: if the client "
        "wrote since, nothing is sent (409, with the new messages' ids).  Null: no check.",
    )

    @field_validator("template")
    @classmethod
    def _template(cls, v: str) -> str:
        if not _TEMPLATE.fullmatch(v):
            raise ValueError("expected a template name such as agent_reply")
        return v


class StatusRequest(_Request):
    """An agent's decision on the ticket's status (any status may follow any other)."""

    status: AgentStatus
    note: str = Field(default="", description="A sentence for the client's notice.")
    notify: bool = Field(
        default=True,
        description="Tell the client (status_changed, or ticket_closed when it closes).",
    )


Priority = Literal["low", "normal", "high", "urgent"]
assert get_args(Priority) == PRIORITIES, "Priority must list tickets.incoming.PRIORITIES"


class NoteRequest(_Request):
    """An internal note: for the team only, never mailed to the client."""

    body: str = Field(min_length=1, max_length=MAX_NOTE_CHARS, description="The note's text.")
    alert: bool = Field(
        default=False,
        description="Mail the note to the ticket's assignee (else its department's agents), "
        "never to its author; 409 when nobody else is there to tell.",
    )

    @field_validator("body")
    @classmethod
    def _body(cls, v: str) -> str:
        if not v.strip():
            raise ValueError("expected the note's text (not only spaces)")
        return v


class TicketChange(_Request):
    """Any of the ticket's status, priority, department and assignee; a field left out
    (or null, but for the assignee) does not change, nor does one that has its value."""

    status: AgentStatus | None = None
    priority: Priority | None = None
    department: str | None = Field(default=None, min_length=1, max_length=64)
    assignee: str | None = Field(
        default=None,
        max_length=320,
        description="An agent's address of [[agents]]; null takes the assignment away.",
    )
    notify: bool = Field(
        default=True,
        description="Tell the client of a new status or department (as POST …/status).",
    )
    note: str = Field(default="", description="A sentence for the client's notice of status.")


class AcceptRequest(_Request):
    """A person puts a held message on a ticket."""

    ticket: int | None = Field(
        default=None,
        ge=1,
        description="The ticket to add it to; null: the ticket it pointed at, else a new one.",
    )


class LanguageRequest(_Request):
    """An agent sets the language a client is answered in."""

    language: str = Field(
        min_length=2, max_length=16, description='One of [helpdesk] languages, e.g. "ko".'
    )


# -- responses --------------------------------------------------------------------------


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Done(_Response):
    """What an action did."""

    number: int
    status: Status
    previous_status: Status
    message_id: str | None = Field(description="Message-ID of the mail queued, if any.")
    recipients: list[str]


class TicketSummary(_Response):
    number: int
    subject: str
    status: Status
    department: str
    priority: str
    assignee: str | None
    requester: str
    requester_name: str | None
    created_at: datetime
    updated_at: datetime
    last_client_message_at: datetime | None
    message_count: int


class Address(_Response):
    name: str
    address: str


class NoteAdded(_Response):
    number: int
    event_id: int = Field(description="The note's event in the ticket's history.")
    alerted: list[str] = Field(description="The agents the note was mailed to.")
    message_id: str | None = Field(description="Message-ID of the alert queued, if any.")


class FieldChange(_Response):
    field: Literal["status", "priority", "department", "assignee"]
    from_: str | None = Field(alias="from")
    to: str | None
    message_id: str | None = Field(description="Message-ID of the client's notice, if any.")


class Changes(_Response):
    """What a change of the ticket did, in the order done (none: all had their values)."""

    number: int
    changes: list[FieldChange]


class TicketEvent(_Response):
    """An event of a ticket's history, as the event stream sends it (its data line)."""

    ticket: int
    id: int
    at: datetime
    actor: str
    kind: str
    data: dict[str, Any]


class AttachmentOut(_Response):
    id: int = Field(description="GET /api/tickets/{number}/attachments/{id} downloads it.")
    filename: str
    content_type: str
    size: int
    sha256: str
    inline: bool
    content_id: str | None
    executable: str | None


class Delivery(_Response):
    """The state of an outgoing message in the outbox."""

    state: Literal["queued", "sending", "sent", "failed"]
    attempts: int
    error: str | None = Field(description="The last delivery error, if any.")
    sent_at: datetime | None
    to: list[str]


class MessageView(_Response):
    id: int
    direction: Literal["in", "out"]
    kind: str
    from_: Address = Field(alias="from")
    to: list[Address]
    cc: list[Address]
    date: datetime
    subject: str
    message_id: str | None
    text: str = Field(description="The whole text, quotes included.")
    reply_text: str = Field(description="The new part of a reply.")
    attachments: list[AttachmentOut]
    inbox_id: int | None
    delivery: Delivery | None = Field(description="For outgoing mail; null for incoming.")
    signature: str | None = Field(
        default=None,
        description="How the client signed it (S/MIME, PGP/MIME, inline PGP); not verified.",
    )


class ParticipantView(_Response):
    address: str
    name: str | None
    role: Literal["requester", "cc", "agent"]
    added_at: datetime


class EventView(_Response):
    id: int = Field(description="Increasing; GET /api/events?after= continues from one.")
    at: datetime
    actor: str
    kind: str
    data: dict[str, Any]


class TicketDocument(TicketSummary):
    language: str | None = Field(
        description="The language of its mail to the client; null: [helpdesk] language."
    )
    participants: list[ParticipantView]
    messages: list[MessageView]
    events: list[EventView]
    last_message_id: int | None = Field(
        description="The id of the latest incoming message: a reply's seen_message."
    )


InboxState = Literal["held", "quarantined", "failed"]


class HeldMessage(_Response):
    """A message on no ticket, waiting for a person."""

    id: int = Field(description="The inbox id (`mailgate explain ID`).")
    state: InboxState
    rule: str | None = Field(description="The hold rule that kept it (held messages).")
    rule_description: str | None
    reason: str | None = Field(description="Why it is here, in words.")
    verdict: str | None
    verdict_rule: str | None
    ticket: int | None = Field(description="The ticket accepting it adds it to, if any.")
    received_at: datetime
    source: str
    from_: str | None = Field(alias="from")
    subject: str
    message_id: str | None
    size: int
    acceptable: bool = Field(description="Whether POST …/accept applies (held messages).")


class HeldList(_Response):
    counts: dict[InboxState, dict[str, int]] = Field(
        description="How many wait, by state, and for held messages by rule."
    )
    messages: list[HeldMessage]


class Accepted(_Response):
    id: int
    ticket: int | None = Field(description="The ticket it goes on; null: a new ticket.")
    state: Literal["received"]


class ClientLanguage(_Response):
    """The language a client is answered in (docs/languages.md)."""

    address: str
    language: str | None = Field(description="null: none remembered; their mail decides.")
    source: Literal["mail", "agent"] | None = Field(
        description="What decided it: the client's mail, or an agent."
    )
    decided_by: str | None = Field(
        description="The agent who set it, or the rule that read it from the mail."
    )
    updated_at: str | None
    moved_tickets: list[int] = Field(
        description="Tickets not closed that moved to the language (when it was set)."
    )


class Error(_Response):
    error: str = Field(description="What was wrong, naming the field where one was.")


class StaleError(_Response):
    """A reply refused because the client wrote after the message the agent saw."""

    error: str
    new_messages: list[int] = Field(description="The ids of the messages to read first.")
