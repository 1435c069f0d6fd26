"""notify: turn ticket events into complete mail in the outbox.

``prepare_*`` renders the template and composes the complete message — pure work on
values, done before the transaction so that it does not hold the database's write lock.
The prepared message is then written to the outbox (and to the ticket's thread, with an
event in its history) in the transaction of the event that causes it, so a mail is
queued if and only if its event is recorded.

Every message goes out From the department's helpdesk address (an address whose replies
mailgate processes), with the ticket token in the subject, a Message-ID mailgate stores
(so replies thread by In-Reply-To/References), and In-Reply-To/References pointing at the
client's message so it threads in their mail program too.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from mailgate.config import Config, DepartmentConfig
from mailgate.notify.compose import Outgoing, Party, compose, new_message_id
from mailgate.notify.templates import TemplateError, Templates
from mailgate.subjects import with_token

__all__ = ["Notifier", "Prepared", "TemplateError", "Templates", "TicketFacts"]


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

    @property
    def recipients(self) -> list[str]:
        return [p.address for p in self.to]


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
        now: datetime,
    ) -> Prepared:
        """The acknowledgment of a new ticket (``ticket_opened``), in answer to the
        client's message."""
        department = self._department(facts.department)
        context = self._context(facts, department)
        context["refers_to_ticket"] = refers_to_ticket
        to = Party(facts.requester_name, facts.requester)
        # The client's message is the whole thread so far.
        references = (client_message_id,) if client_message_id else ()
        return self._prepare(
            "ticket_opened",
            context,
            facts,
            department,
            (to,),
            in_reply_to=client_message_id,
            references=references,
            now=now,
        )

    # -- rendering -----------------------------------------------------------------------

    def _department(self, name: str) -> DepartmentConfig:
        return self.config.department(name) or self.config.default_department

    def _display_name(self, department: DepartmentConfig) -> str:
        return department.display_name or self.config.helpdesk.name

    def _context(self, facts: TicketFacts, department: DepartmentConfig) -> dict[str, Any]:
        token = self.config.helpdesk.subject_token.replace("{number}", str(facts.number))
        return {
            "helpdesk": {"name": self.config.helpdesk.name},
            "ticket": {
                "number": facts.number,
                "token": token,
                "subject": facts.subject,
                "status": facts.status,
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

    def _prepare(
        self,
        kind: str,
        context: dict[str, Any],
        facts: TicketFacts,
        department: DepartmentConfig,
        to: tuple[Party, ...],
        *,
        in_reply_to: str | None,
        references: tuple[str, ...],
        now: datetime,
    ) -> Prepared:
        rendered = self.templates.render(
            kind, context, department=department.name, language=self.config.helpdesk.language
        )
        domain = self.config.helpdesk.domain
        message_id = new_message_id(domain)
        sender = Party(self._display_name(department), department.address)
        subject = with_token(rendered.subject, facts.number, self.config.helpdesk.subject_token)
        raw = compose(
            Outgoing(
                from_=sender,
                to=to,
                subject=subject,
                text=rendered.text,
                html=rendered.html,
                message_id=message_id,
                date=now,
                in_reply_to=in_reply_to,
                references=references,
                automatic=True,
                loop_domain=domain,
                reply_to=sender,
            )
        )
        return Prepared(kind, message_id, sender, to, subject, rendered.text, rendered.html, raw)
