"""Tags and custom fields of tickets: the rows that say what a ticket carries now (its
history is in its events), read for a page of tickets at once, and the filters a list
or a search applies (``tag:billing field:plan=gold``).

A filter is a sub-select of ticket ids through the index that starts with what it looks
for (``ix_ticket_tags_tag_ticket``, ``ix_ticket_fields_name_value_ticket``): the
database reads the entries of that tag or that value alone, however many tickets there
are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, insert, select
from sqlalchemy.orm import Session

from mailgate.custom_fields import number_text
from mailgate.store.models import Ticket, TicketField, TicketTag

# ``tag:billing`` and ``field:plan=gold`` (``field:note="two words"``) in a search: each
# a piece of its own, not part of a word.
_TAG_TERM = re.compile(r'(?<!\S)tag:("[^"]*"|\S+)')
_FIELD_TERM = re.compile(r'(?<!\S)field:([A-Za-z][A-Za-z0-9_]*)=("[^"]*"|\S*)')


@dataclass(frozen=True)
class LabelFilter:
    """Tickets that carry every one of ``tags`` and have each field's value."""

    tags: tuple[str, ...] = ()
    fields: tuple[tuple[str, str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.tags or self.fields)

    def __add__(self, other: LabelFilter) -> LabelFilter:
        return LabelFilter(self.tags + other.tags, self.fields + other.fields)


NO_LABELS = LabelFilter()


def split_query(query: str) -> tuple[str, LabelFilter]:
    """A search's words apart from its ``tag:`` and ``field:NAME=VALUE`` terms:
    ``"printer tag:billing field:plan=gold"`` → ``("printer", tags billing, plan gold)``.
    A tag is compared lower-cased, as tags are stored."""
    tags = tuple(_unquoted(m.group(1)).strip().lower() for m in _TAG_TERM.finditer(query))
    rest = _TAG_TERM.sub(" ", query)
    fields = tuple(
        (m.group(1).lower(), _unquoted(m.group(2)).strip()) for m in _FIELD_TERM.finditer(rest)
    )
    rest = _FIELD_TERM.sub(" ", rest)
    return " ".join(rest.split()), LabelFilter(tuple(t for t in tags if t), fields)


def _unquoted(value: str) -> str:
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def label_clauses(wanted: LabelFilter) -> list[ColumnElement[bool]]:
    """The conditions on ``tickets`` that ``wanted`` makes.  A field's value matches as
    written or, when it is a number, as its canonical text (``12.0`` finds ``12``)."""
    clauses: list[ColumnElement[bool]] = [
        Ticket.id.in_(select(TicketTag.ticket_id).where(TicketTag.tag == tag))
        for tag in wanted.tags
    ]
    for name, value in wanted.fields:
        values = {value, number_text(value) or value}
        clauses.append(
            Ticket.id.in_(
                select(TicketField.ticket_id).where(
                    TicketField.name == name, TicketField.value.in_(sorted(values))
                )
            )
        )
    return clauses


class LabelsRepo:
    """The tags and custom fields of tickets, in the caller's session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    # -- reading -----------------------------------------------------------------------

    def tags(self, ticket_id: int) -> list[str]:
        return self.tags_of([ticket_id]).get(ticket_id, [])

    def fields(self, ticket_id: int) -> dict[str, str]:
        return self.fields_of([ticket_id]).get(ticket_id, {})

    def tags_of(self, ticket_ids: Sequence[int]) -> dict[int, list[str]]:
        """Each ticket's tags, alphabetically (the tickets of one page: one query)."""
        found: dict[int, list[str]] = {}
        if not ticket_ids:
            return found
        rows = self.session.execute(
            select(TicketTag.ticket_id, TicketTag.tag)
            .where(TicketTag.ticket_id.in_(list(ticket_ids)))
            .order_by(TicketTag.ticket_id, TicketTag.tag)
        )
        for ticket_id, tag in rows:
            found.setdefault(int(ticket_id), []).append(tag)
        return found

    def fields_of(self, ticket_ids: Sequence[int]) -> dict[int, dict[str, str]]:
        """Each ticket's custom fields by name (the tickets of one page: one query)."""
        found: dict[int, dict[str, str]] = {}
        if not ticket_ids:
            return found
        rows = self.session.execute(
            select(TicketField.ticket_id, TicketField.name, TicketField.value)
            .where(TicketField.ticket_id.in_(list(ticket_ids)))
            .order_by(TicketField.ticket_id, TicketField.name)
        )
        for ticket_id, name, value in rows:
            found.setdefault(int(ticket_id), {})[name] = value
        return found

    # -- writing (the caller records the events) ------------------------------------------

    def add_tags(self, ticket_id: int, tags: Iterable[str], by: str, at: datetime) -> None:
        rows = [{"ticket_id": ticket_id, "tag": t, "added_at": at, "added_by": by} for t in tags]
        if rows:
            self.session.execute(insert(TicketTag), rows)

    def add_tag_rows(self, rows: Sequence[tuple[int, str, str, datetime]]) -> None:
        """Tags of several tickets at once (tickets opened together): (ticket, tag, by,
        at) each."""
        if rows:
            self.session.execute(
                insert(TicketTag),
                [{"ticket_id": n, "tag": t, "added_by": b, "added_at": a} for n, t, b, a in rows],
            )

    def remove_tags(self, ticket_id: int, tags: Iterable[str]) -> None:
        wanted = list(tags)
        if wanted:
            self.session.execute(
                delete(TicketTag).where(TicketTag.ticket_id == ticket_id, TicketTag.tag.in_(wanted))
            )

    def set_field(self, ticket_id: int, name: str, value: str, by: str, at: datetime) -> None:
        row = self.session.get(TicketField, (ticket_id, name))
        if row is None:
            self.session.add(
                TicketField(
                    ticket_id=ticket_id, name=name, value=value, updated_at=at, updated_by=by
                )
            )
        else:
            row.value, row.updated_at, row.updated_by = value, at, by

    def clear_field(self, ticket_id: int, name: str) -> None:
        self.session.execute(
            delete(TicketField).where(TicketField.ticket_id == ticket_id, TicketField.name == name)
        )
