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


class TagsRequest(_Request):
    """Tags to add to the ticket and to remove from it (a tag already there, or already
    gone, is left as it is)."""

    add: list[Annotated[str, Field(max_length=64)]] = Field(
        default_factory=list, max_length=100, examples=[["billing", "vip"]]
    )
    remove: list[Annotated[str, Field(max_length=64)]] = Field(default_factory=list, max_length=100)


FieldValue = str | int | float | None


class FieldsRequest(_Request):
    """Custom fields to set ([[fields]] of the ticket's department); null clears one."""

    fields: dict[Annotated[str, Field(max_length=64)], FieldValue] = Field(
        min_length=1,
        max_length=100,
        examples=[{"plan": "gold", "seats": 12, "renewal": "2027-01-31"}],
        description="By name: text, one of a choice's options, a number, a date "
        "YYYY-MM-DD; null clears the field (refused for a required one).",
    )

    @field_validator("fields")
    @classmethod
    def _values(cls, v: dict[str, FieldValue]) -> dict[str, FieldValue]:
        for name, value in v.items():
            if "\x00" in name or (isinstance(value, str) and "\x00" in value):
                raise ValueError("expected text without a NUL character (U+0000)")
        return v


class AcceptRequest(_Request):
    """A person puts a held message on a ticket."""

    ticket: int | None = Field(
        default=None,
        ge=1,
        description="The ticket to add it to; null: the ticket it pointed at, else a new one.",
    )


Notify = Literal["requester", "primary", "authorized"]
Role = Literal["primary", "authorized", "other"]


class OrganizationRequest(_Request):
    """A new organization (a client's company, its account)."""

    name: str = Field(min_length=1, max_length=200)
    notify: Notify = Field(
        default="requester",
        description="Who receives its tickets' mail: the requester only, and the primary "
        "contacts, and the authorized ones too (in Cc).",
    )
    unknown_may_open: bool = Field(
        default=True,
        description="Whether mail from an unknown address at its domains opens tickets; "
        "false holds it for an agent (rule held_unknown_contact).",
    )
    domains: list[str] = Field(default=[], max_length=100, description="Its mail domains.")


class OrganizationChange(_Request):
    """Any of an organization's name, settings and domains (a field left out does not
    change; domains, given, are its domains from then on)."""

    name: str | None = Field(default=None, min_length=1, max_length=200)
    notify: Notify | None = None
    unknown_may_open: bool | None = None
    domains: list[str] | None = Field(default=None, max_length=100)


class ContactRequest(_Request):
    """A contact of the organization, added or changed (an address is the contact of
    one organization: given again, it moves here)."""

    address: str = Field(min_length=3, max_length=320)
    name: str = Field(default="", max_length=200)
    role: Role = "other"


class LanguageRequest(_Request):
    """An agent sets the language a client is answered in."""

    language: str = Field(
        min_length=2, max_length=16, description='One of [helpdesk] languages, e.g. "ko".'
    )


# -- responses --------------------------------------------------------------------------


class MergeRequest(_Request):
    """Merge this ticket into another: its messages and participants move there, it
    stays as a closed stub whose number leads there, and the clients are told."""

    into: int = Field(ge=1, le=2**63 - 1, description="The ticket to merge into.")
    force: bool = Field(
        default=False,
        description="Confirm merging tickets of two different requesters (409 without it).",
    )
    notify: bool = Field(default=True, description="Tell the clients (ticket_merged).")


class NotDuplicateRequest(_Request):
    """The likely duplicate between this ticket and another is not one."""

    of: int = Field(ge=1, le=2**63 - 1, description="The other ticket of the likely duplicate.")


class SplitRequest(_Request):
    """Split a client's message (with tail: and the thread after it) into a new ticket."""

    message: int = Field(ge=1, le=2**63 - 1, description="The id of the client's message.")
    tail: bool = Field(default=False, description="Move the messages after it too.")
    notify: bool = Field(
        default=True, description="Send the client the new ticket's acknowledgment."
    )


class _Response(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Done(_Response):
    """What an action did."""

    number: int
    status: Status
    previous_status: Status
    message_id: str | None = Field(description="Message-ID of the mail queued, if any.")
    recipients: list[str]


Standing = Literal["running", "paused", "met", "breached"]


class SlaTarget(_Response):
    """One service level target of a ticket ([[sla]]), now."""

    standing: Standing = Field(
        description="running (due in the future), paused (the ticket waits on the client), "
        "met (by its due time), breached (its due time passed before it was met)."
    )
    due: datetime | None = Field(
        description="When it is due (for a met target: when it would have been); null "
        "while paused: the due time moves by the time the ticket waits on the client."
    )
    met_at: datetime | None = Field(description="The first agent reply; the closing.")
    business_seconds_left: int | None = Field(
        description="Business time left (running: before it is due; paused: when the "
        "clock runs again)."
    )
    at_risk: bool = Field(description="Running, with warn_before or less left.")


class ServiceLevel(_Response):
    policy: str = Field(description='The [[sla]] target applied: "<department>/<priority>".')
    first_response: SlaTarget | None
    resolution: SlaTarget | None


class SlaOutcomes(_Response):
    met: int
    breached: int
    open: int = Field(description="Neither met nor breached yet.")


class SlaReportRow(_Response):
    department: str
    priority: str
    tickets: int
    first_response: SlaOutcomes
    resolution: SlaOutcomes


class SlaReport(_Response):
    """Met and breached targets of the tickets opened in the period (as `mailgate sla
    report --json`)."""

    since: str = Field(description="The first day, UTC (YYYY-MM-DD).")
    until: str = Field(description="The last day, included.")
    rows: list[SlaReportRow]


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
    tags: list[str] = Field(description="Its tags, alphabetically.")
    fields: dict[str, str] = Field(
        description="Its custom fields by name, as text (numbers as 12.5, dates "
        "YYYY-MM-DD); a field not set is absent."
    )
    sla: ServiceLevel | None = Field(
        default=None, description="Its service level ([[sla]]); null: it has no target."
    )


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


class TagsChanged(_Response):
    number: int
    added: list[str] = Field(description="The tags it did not carry, now added.")
    removed: list[str] = Field(description="The tags it carried, now removed.")
    tags: list[str] = Field(description="Its tags afterwards.")


class CustomFieldChange(_Response):
    name: str
    from_: str | None = Field(alias="from", description="null: it was not set.")
    to: str | None = Field(description="null: cleared.")


class FieldsChanged(_Response):
    number: int
    changes: list[CustomFieldChange] = Field(description="The fields whose value changed.")
    fields: dict[str, str] = Field(description="Its custom fields afterwards.")


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


class RatingView(_Response):
    """A closed ticket's satisfaction rating request and what its client answered
    (docs/ratings.md)."""

    ticket: int
    subject: str | None = Field(default=None, description="The ticket's (in GET /api/ratings).")
    department: str
    agent: str | None = Field(
        description="Whose work it rates: the assignee, else the last "
        "agent who answered, when the ticket closed."
    )
    address: str = Field(description="The client asked.")
    requested_at: datetime
    expires_at: datetime
    rating: Literal["good", "bad"] | None = Field(description="null: not rated (yet).")
    rated_at: datetime | None
    comment: str | None
    commented_at: datetime | None


class RatingList(_Response):
    ratings: list[RatingView] = Field(description="Newest first, at most `limit`.")
    good: int = Field(description="Good ratings matching the filters (all, not only listed).")
    bad: int
    percent_good: float | None = Field(description="null without ratings.")


class ContactView(_Response):
    address: str
    name: str
    role: Role
    organization: str
    organization_id: int


class OrganizationSummary(_Response):
    id: int
    name: str
    notify: Notify
    unknown_may_open: bool
    domains: list[str]
    automatic: bool = Field(description="Made for a new domain's mail (auto_organizations).")
    contact_count: int


class OrganizationView(_Response):
    id: int
    name: str
    notify: Notify
    unknown_may_open: bool
    domains: list[str]
    automatic: bool
    created_at: datetime
    contacts: list[ContactView]


class ContactSaved(_Response):
    contact: ContactView
    outcome: Literal["added", "updated", "unchanged"]


class OrganizationRef(_Response):
    """The requester's organization, and who they are in it."""

    id: int
    name: str
    role: Literal["primary", "authorized", "other", "unknown"] = Field(
        description="Their role as a contact; unknown: an address at one of its domains "
        "that is none of its contacts."
    )


class TicketBrief(_Response):
    number: int
    subject: str
    status: Status
    requester: str
    updated_at: datetime


class LinkView(_Response):
    """A link to another ticket, as it reads from this one."""

    relation: Literal[
        "duplicate_of",
        "has_duplicate",
        "merged_into",
        "merged_from",
        "split_from",
        "split_into",
        "not_duplicate_of",
        "not_duplicated_by",
    ]
    kind: Literal["duplicate", "merged", "split", "not_duplicate"]
    ticket: int = Field(description="The other ticket.")
    subject: str | None
    status: str | None
    merged_into: int | None = Field(description="The ticket the other was merged into, if any.")
    at: datetime
    actor: str
    data: dict[str, Any] = Field(description="A duplicate's similarity; what moved.")


class MergedEvent(EventView):
    ticket: int = Field(description="The merged ticket the event was recorded on.")


class TicketDocument(TicketSummary):
    language: str | None = Field(
        description="The language of its mail to the client; null: [helpdesk] language."
    )
    participants: list[ParticipantView]
    messages: list[MessageView]
    events: list[EventView]
    organization: OrganizationRef | None = Field(
        description="The requester's organization (null: none)."
    )
    requester_tickets: list[TicketBrief] = Field(
        description="The requester's other tickets, latest change first (20 at most)."
    )
    organization_open_tickets: list[TicketBrief] = Field(
        description="The open tickets of the organization's other people (20 at most)."
    )
    last_message_id: int | None = Field(
        description="The id of the latest incoming message: a reply's seen_message."
    )
    rating: RatingView | None = Field(
        description="The satisfaction rating asked for when it closed; null: never asked."
    )
    merged_into: int | None = Field(
        description="The ticket this one was merged into (its number leads there)."
    )
    links: list[LinkView]
    merged_from: list[int] = Field(description="The tickets merged into this one.")
    merged_history: list[MergedEvent] = Field(
        description="The history of the tickets merged into this one, kept on them."
    )


class MergeDone(_Response):
    """What a merge did."""

    source: int
    target: int
    messages: int = Field(description="How many messages moved.")
    participants: list[str] = Field(description="The addresses that joined the target.")
    status: str = Field(description="The target's status afterwards.")
    message_id: str | None = Field(description="Message-ID of the ticket_merged notice.")
    recipients: list[str]


class NotDuplicate(_Response):
    """The likely duplicate is dismissed; neither ticket shows it as one to settle."""

    number: int
    other: int


class SplitDone(_Response):
    """What a split did."""

    number: int = Field(description="The ticket split.")
    new: int = Field(description="The new ticket.")
    messages: list[int] = Field(description="The messages that moved.")
    requester: str
    message_id: str | None = Field(description="Message-ID of the acknowledgment.")
    recipients: list[str]


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
