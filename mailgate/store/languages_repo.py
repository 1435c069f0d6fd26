"""The language each client is answered in, by address, and the language of each
ticket's mail (docs/languages.md).

What a client's mail showed is remembered for their address (``source = "mail"``); an
agent's setting (``source = "agent"``) is never overwritten by mail.  An agent's
setting also moves the client's tickets that are not closed, each with a
``language_set`` event: a ticket's history is never edited silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailgate import lifecycle
from mailgate.store.models import ClientLanguage, Event, Ticket

MAIL, AGENT = "mail", "agent"


@dataclass(frozen=True)
class Remembered:
    """A client's language, as the choice of a ticket's language reads it."""

    language: str
    source: str
    decided_by: str
    updated_at: datetime

    @property
    def set_by_agent(self) -> bool:
        return self.source == AGENT


class LanguageRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def of(self, address: str) -> Remembered | None:
        row = self.session.get(ClientLanguage, address.lower())
        if row is None:
            return None
        return Remembered(row.language, row.source, row.decided_by, row.updated_at)

    def of_ticket(self, number: int) -> str | None:
        """The language of ticket ``number``'s mail to the client (None: the helpdesk's)."""
        return self.session.scalar(select(Ticket.language).where(Ticket.id == number))

    def remember(
        self, address: str, language: str, rule: str, ticket_id: int | None, now: datetime
    ) -> bool:
        """Remember what a client's mail showed, unless an agent set their language.
        Whether it was written."""
        row = self.session.get(ClientLanguage, address.lower(), with_for_update=True)
        if row is None:
            self.session.add(
                ClientLanguage(
                    address=address.lower(),
                    language=language,
                    source=MAIL,
                    decided_by=rule,
                    ticket_id=ticket_id,
                    updated_at=now,
                )
            )
            self.session.flush()
            return True
        if row.source == AGENT or row.language == language:
            return False
        row.language, row.decided_by, row.ticket_id, row.updated_at = (
            language,
            rule,
            ticket_id,
            now,
        )
        return True

    def set_by_agent(self, address: str, language: str, agent: str, now: datetime) -> list[int]:
        """An agent sets a client's language: remembered for the address, and the
        client's tickets that are not closed move to it.  The tickets that moved."""
        address = address.lower()
        row = self.session.get(ClientLanguage, address, with_for_update=True)
        if row is None:
            row = ClientLanguage(address=address, ticket_id=None)
            self.session.add(row)
        row.language, row.source, row.decided_by, row.updated_at = language, AGENT, agent, now
        moved: list[int] = []
        tickets = self.session.scalars(
            select(Ticket)
            .where(Ticket.requester == address, Ticket.status != lifecycle.CLOSED)
            .order_by(Ticket.id)
        )
        for ticket in tickets:
            if ticket.language == language:
                continue
            self.session.add(
                Event(
                    ticket=ticket,
                    at=now,
                    actor=agent,
                    kind="language_set",
                    data={"from": ticket.language, "to": language},
                )
            )
            ticket.language = language
            ticket.updated_at = now
            moved.append(ticket.id)
        return moved

    def forget(self, address: str) -> bool:
        row = self.session.get(ClientLanguage, address.lower())
        if row is None:
            return False
        self.session.delete(row)
        return True

    def all(self) -> list[ClientLanguage]:
        return list(self.session.scalars(select(ClientLanguage).order_by(ClientLanguage.address)))
