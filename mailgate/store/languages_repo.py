"""The language each client is answered in, by address, and the language of each
ticket's mail (docs/languages.md).

What a client's mail showed is remembered for their address (``source = "mail"``); an
agent's setting (``source = "agent"``) is never overwritten by mail.  An agent's
setting also moves the client's tickets that are not closed, each with a
``language_set`` event: a ticket's history is never edited silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from mailgate import lifecycle
from mailgate.store.engine import dialect_insert, statement_connection
from mailgate.store.models import ClientLanguage, Event, Ticket

# Asked of every new ticket's requester.
_LANGUAGE_OF = select(
    ClientLanguage.language,
    ClientLanguage.source,
    ClientLanguage.decided_by,
    ClientLanguage.updated_at,
).where(ClientLanguage.address == bindparam("address"))

MAIL, AGENT = "mail", "agent"
# remember() was not told what the address's language is: it reads it.
_UNREAD = object()


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
        # Columns, not the entity: the session's identity map would keep a row this
        # transaction has since changed with an upsert.
        row = (
            statement_connection(self.session, ClientLanguage)
            .execute(_LANGUAGE_OF, {"address": address.lower()})
            .first()
        )
        return None if row is None else Remembered(*row)

    def of_ticket(self, number: int) -> str | None:
        """The language of ticket ``number``'s mail to the client (None: the helpdesk's)."""
        return self.session.scalar(select(Ticket.language).where(Ticket.id == number))

    def _upsert(self, values: Mapping[str, object], *, unless_agent: bool) -> None:
        # One statement: two workers remembering the same new address at once would
        # otherwise both insert it (on PostgreSQL, the second fails its transaction).
        insert = dialect_insert(self.session.get_bind().dialect.name, ClientLanguage)
        changed = {k: v for k, v in values.items() if k != "address"}
        statement_connection(self.session, ClientLanguage).execute(
            insert.values(**values).on_conflict_do_update(
                index_elements=[ClientLanguage.address],
                set_=changed,
                where=(ClientLanguage.source != AGENT) if unless_agent else None,
            )
        )

    def remember(
        self,
        address: str,
        language: str,
        rule: str,
        ticket_id: int | None,
        now: datetime,
        *,
        known: Remembered | object | None = _UNREAD,
    ) -> None:
        """Remember what a client's mail showed, unless an agent set their language;
        ``known``: what :meth:`of` said of the address in this transaction, if asked."""
        if known is _UNREAD:
            known = self.of(address)
        assert known is None or isinstance(known, Remembered)
        if known is not None and (known.set_by_agent or known.language == language):
            return
        values = {
            "address": address.lower(),
            "language": language,
            "source": MAIL,
            "decided_by": rule,
            "ticket_id": ticket_id,
            "updated_at": now,
        }
        self._upsert(values, unless_agent=True)

    def set_by_agent(self, address: str, language: str, agent: str, now: datetime) -> list[int]:
        """An agent sets a client's language: remembered for the address, and the
        client's tickets that are not closed move to it.  The tickets that moved."""
        address = address.lower()
        values = {
            "address": address,
            "language": language,
            "source": AGENT,
            "decided_by": agent,
            "ticket_id": None,
            "updated_at": now,
        }
        self._upsert(values, unless_agent=False)
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
        """Forget a client's language: their next mail decides.  Whether one was known."""
        if self.of(address) is None:
            return False
        self.session.execute(
            delete(ClientLanguage).where(ClientLanguage.address == address.lower())
        )
        return True

    def all(self) -> list[ClientLanguage]:
        return list(self.session.scalars(select(ClientLanguage).order_by(ClientLanguage.address)))
