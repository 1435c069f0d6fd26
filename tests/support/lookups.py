"""The disposition rules' lookups for unit tests: ``NothingKnown`` answers every question
as an empty helpdesk would; a test's fake overrides only the answers it is about."""

from __future__ import annotations

from datetime import datetime

from mailgate.duplicates import Candidate


class NothingKnown:
    """Every ticket exists; nothing was sent, closed, opened, merged, held or refused."""

    def ticket_exists(self, ticket_id: int) -> bool:
        return True

    def sent_for(self, message_id: str) -> int | None:
        return None

    def closed_at(self, ticket_id: int) -> datetime | None:
        return None

    def opened_since(self, requester: str, since: datetime) -> int:
        return 0

    def open_tickets_of(self, requester: str, since: datetime) -> list[Candidate]:
        return []

    def merged_into(self, ticket_id: int) -> int | None:
        return None

    def unknown_contact(self, address: str) -> str | None:
        return None

    def refused_reopen(self, address: str, ticket_id: int) -> str | None:
        return None
