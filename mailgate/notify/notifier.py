"""The notifier: ticket events turned into complete messages ready for the outbox.

``Notifier.prepare_*`` renders the template and composes the complete message — pure work
on values, done before the transaction so that it does not hold the database's write lock.
``TicketFacts`` is what a template may say about a ticket; ``Prepared`` is the composed
message, queued by the caller in the transaction of the event that causes it.
``check_templates`` renders every template with ``SAMPLE`` values.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mailgate.config import Config, DepartmentConfig
from mailgate.errors import TemplateError
from mailgate.notify.compose import OutAttachment, Outgoing, Party, compose, new_message_id
from mailgate.notify.templates import AGENT_TEMPLATES, TEMPLATE_NAMES, Templates
from mailgate.reply_addresses import reply_address
from mailgate.subjects import with_subject_token


@dataclass(frozen=True)
class TicketFacts:
    """What a template may say about a ticket."""

    number: int
    subject: str
    status: str
    department: str
    requester: str
    requester_name: str
    created_at: datetime
    # The language of the ticket's mail to the client; None: [helpdesk] language.
    language: str | None = None


@dataclass(frozen=True)
class Prepared:
    """A rendered, composed message, ready to be queued."""

    kind: str
    message_id: str
    sender: Party
    to: tuple[Party, ...]
    subject: str
    text: str
    html: str | None
    raw: bytes
    cc: tuple[Party, ...] = ()
    attachments: tuple[OutAttachment, ...] = ()

    @property
    def recipients(self) -> list[str]:
        return [p.address for p in (*self.to, *self.cc)]


class Notifier:
    def __init__(self, config: Config, templates: Templates) -> None:
        self.config = config
        self.templates = templates

    def prepare_acknowledgment(
        self,
        facts: TicketFacts,
        *,
        client_message_id: str | None,
        refers_to_ticket: int | None,
        previous_ticket: int | None = None,
        unauthenticated: bool = False,
        cc: tuple[Party, ...] = (),
        organization: str = "",
        now: datetime,
    ) -> Prepared:
        """The acknowledgment of a new ticket (``ticket_opened``), in answer to the
        client's message, copied to ``cc``: the contacts of the client's
        ``organization`` that are told of its tickets (the template names them).
        ``unauthenticated``: the sender could not be authenticated, and ``facts`` carry
        neither the subject nor the name they wrote; the template says so, to give a
        neutral title."""
        # The client's message is the whole thread so far.
        references = (client_message_id,) if client_message_id else ()
        return self.prepare(
            "ticket_opened",
            facts,
            to=(Party(facts.requester_name, facts.requester),),
            cc=cc,
            extra={
                "organization": {
                    "name": organization,
                    "copied": [p.address for p in cc],
                },
                "unauthenticated": unauthenticated,
                "refers_to_ticket": refers_to_ticket,
                "previous_ticket": (
                    self.config.helpdesk.subject_token.replace("{number}", str(previous_ticket))
                    if previous_ticket
                    else None
                ),
            },
            in_reply_to=client_message_id,
            references=references,
            now=now,
        )

    def prepare(
        self,
        kind: str,
        facts: TicketFacts,
        *,
        to: tuple[Party, ...],
        cc: tuple[Party, ...] = (),
        extra: dict[str, Any] | None = None,
        in_reply_to: str | None = None,
        references: tuple[str, ...] = (),
        attachments: tuple[OutAttachment, ...] = (),
        automatic: bool = True,
        signed_reply_to: bool = True,
        now: datetime,
    ) -> Prepared:
        """Render template ``kind`` for the ticket and compose the complete message, From
        the department's address, the token in the subject.  Raises TemplateError before
        anything is composed: nothing half-rendered leaves."""
        department = self._department(facts.department)
        # The team's own mail (alerts, notes) is written in the helpdesk's language, as
        # the agents read it; everything else goes to the client, in the ticket's.
        language = self.config.helpdesk.language if kind in AGENT_TEMPLATES else None
        language = language or self.language_of(facts)
        context = self._context(facts, department, language)
        context.update(extra or {})
        rendered = self.templates.render(
            kind, context, department=department.name, language=language
        )
        domain = self.config.helpdesk.domain
        message_id = new_message_id(domain)
        sender = Party(self._display_name(department), department.address)
        reply_to = sender
        if signed_reply_to and self.config.helpdesk.reply_tokens:
            reply_to = Party(
                sender.name,
                reply_address(
                    department.address,
                    facts.number,
                    self.config.helpdesk.secret(),
                    self.config.helpdesk.recipient_delimiter,
                ),
            )
        subject = with_subject_token(
            rendered.subject, facts.number, self.config.helpdesk.subject_token
        )
        raw = compose(
            Outgoing(
                from_=sender,
                to=to,
                cc=cc,
                subject=subject,
                text=rendered.text,
                html=rendered.html,
                message_id=message_id,
                date=now,
                in_reply_to=in_reply_to,
                references=_bounded(references),
                automatic=automatic,
                auto_submitted="auto-replied" if in_reply_to else "auto-generated",
                loop_domain=domain,
                reply_to=reply_to,
                attachments=attachments,
            )
        )
        return Prepared(
            kind,
            message_id,
            sender,
            to,
            subject,
            rendered.text,
            rendered.html,
            raw,
            cc=cc,
            attachments=attachments,
        )

    def check_templates(self) -> list[str]:
        """Render every template — and every canned answer — for every department with
        sample values, as ``mailgate check-config`` does: the problems found, each naming
        the template file and line."""
        problems: list[str] = []
        for department in self.config.departments:
            for language in self.config.helpdesk.languages:
                facts = TicketFacts(
                    123,
                    "The printer is broken",
                    "answered",
                    department.name,
                    "jo@client.example",
                    "Jo Client",
                    datetime(2026, 1, 1, tzinfo=UTC),
                    language=language,
                )
                context = self._context(facts, department, language) | SAMPLE
                for name in (*TEMPLATE_NAMES, *self.templates.answers(department.name, language)):
                    try:
                        self.templates.render(
                            name, context, department=department.name, language=language
                        )
                    except TemplateError as e:
                        message = f"templates ({department.name}): {e}"
                        if message not in problems:
                            problems.append(message)
        return problems

    def language_of(self, facts: TicketFacts) -> str:
        """The language of a ticket's mail: its own (its client's) while the helpdesk
        offers it, else its department's ``language``, else ``[helpdesk] language``."""
        offered = self.config.helpdesk.languages
        if facts.language and facts.language in offered:
            return facts.language
        department = self.config.department(facts.department)
        if department is not None and department.language in offered:
            return department.language
        return self.config.helpdesk.language

    def status_label(self, status: str, language: str) -> str:
        """How ``status`` is written in ``language`` (``[labels.<language>]``)."""
        return self.config.status_labels(language).get(status, status)

    # -- rendering -----------------------------------------------------------------------

    def _department(self, name: str) -> DepartmentConfig:
        return self.config.department(name) or self.config.default_department

    def _display_name(self, department: DepartmentConfig) -> str:
        return department.display_name or self.config.helpdesk.name

    def _context(
        self, facts: TicketFacts, department: DepartmentConfig, language: str
    ) -> dict[str, Any]:
        token = self.config.helpdesk.subject_token.replace("{number}", str(facts.number))
        return {
            "helpdesk": {"name": self.config.helpdesk.name},
            "ticket": {
                "number": facts.number,
                "token": token,
                "subject": facts.subject,
                "status": facts.status,
                "status_label": self.status_label(facts.status, language),
                "department": facts.department,
                "created_at": facts.created_at,
            },
            "department": {
                "name": department.name,
                "display_name": self._display_name(department),
                "address": department.address,
            },
            "requester": {"name": facts.requester_name, "address": facts.requester},
        }


# What templates are given besides the ticket, the department and the requester; every
# template is checked against all of it.
SAMPLE: dict[str, Any] = {
    "organization": {"name": "Client Ltd", "copied": ["boss@client.example"]},
    "unauthenticated": False,
    "refers_to_ticket": None,
    "previous_ticket": "#[100]",
    "reply": {"body": "Please restart the printer."},
    "agent": {"name": "Ann"},
    "status": {
        "old": "open",
        "new": "on_hold",
        "old_label": "Open",
        "new_label": "On Hold",
    },
    "closed": {
        "automatically": True,
        "by_client": False,
        "after": "24 hours",
        "after_count": "24",
        "after_unit": "hour",
    },
    "alert": {"reason": "new_ticket"},
    "moved": {"from": "sales", "from_display_name": "Sales"},
    "client": {"name": "Jo Client", "address": "jo@client.example"},
    "message": {"text": "It prints nothing.", "subject": "Printer", "attachments": ["a.png"]},
    "note": {"body": "The client called: the printer is on the second floor.", "author": "Ann"},
    "rating": {
        "good": "https://help.example.com/rate/AAAAAAAAAAAAAAAAAAAAAA?ticket=123&choice=good",
        "bad": "https://help.example.com/rate/AAAAAAAAAAAAAAAAAAAAAA?ticket=123&choice=bad",
        "valid_for": "14 days",
        "valid_until": "2026-01-15",
    },
    "sla": {
        "target": "first_response",
        "target_label": "first response",
        "due": "Mon 7 Dec 2026 13:00 (Europe/Berlin)",
        "left": "1 hour",
        "left_units": [{"count": 1, "unit": "hour"}],
        "late": "",
        "policy": "support/high",
        "priority": "high",
        "assignee": "ann@example.com",
    },
    "merged": {
        "number": 122,
        "token": "#[122]",
        "subject": "Printer still broken",
        "same_requester": True,
    },
    "split": {
        "from": 121,
        "from_token": "#[121]",
        "subject": "And the scanner too",
        "date": datetime(2026, 1, 1, tzinfo=UTC),
    },
}


def _bounded(references: tuple[str, ...], keep: int = 20) -> tuple[str, ...]:
    """A long thread's References: the first message and the latest ones (RFC 5322
    §3.6.4 lets a client trim the middle; mail programs thread by the first and last)."""
    unique = tuple(dict.fromkeys(r for r in references if r))
    if len(unique) <= keep:
        return unique
    return (unique[0], *unique[-(keep - 1) :])
