"""Tags and custom fields on tickets: put there by the tag rules when mail opens or joins
a ticket, and set by agents (``mailgate tickets tag``, ``mailgate tickets field``, the
API, the console).

Deciding comes first: :func:`plan_tag_change` and :func:`plan_field_changes` compute,
from values, what changes — refusing a bad tag or a value its field's type does not
allow, with every problem named — and the write only carries that out, under the
ticket's lock.  Every change is an event of the ticket's history: ``tag_added`` and
``tag_removed`` (``{"tag": …}``, with ``"rule"`` when a tag rule put it there) and
``field_changed`` (``{"name": …, "from": …, "to": …}``; None is "not set").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from mailgate.custom_fields import FieldSpec, canonical
from mailgate.errors import ActionRefused, Invalid, TicketNotFound
from mailgate.store.labels_repo import LabelsRepo
from mailgate.store.models import Ticket, utcnow
from mailgate.store.tickets_repo import EventRecord, TicketOpening, TicketRepo
from mailgate.tags import TagHit, normalize_tag
from mailgate.tickets.actors import Actor, locked

if TYPE_CHECKING:
    from mailgate.config import Config
    from mailgate.store.engine import Store

# The system is who a tag rule acts as; the rule's name is in the event.
RULE_ACTOR = "system"


# -- tags a rule puts on the ticket of incoming mail -------------------------------------


def rule_tag_events(hits: Sequence[TagHit]) -> tuple[EventRecord, ...]:
    return tuple(EventRecord("tag_added", RULE_ACTOR, {"tag": h.tag, "rule": h.rule}) for h in hits)


def with_rule_tags(opening: TicketOpening, hits: Sequence[TagHit]) -> TicketOpening:
    """A new ticket's records with the tags the rules put on it, and their events."""
    if not hits:
        return opening
    return replace(
        opening,
        tags=opening.tags + tuple((h.tag, f"rule {h.rule}") for h in hits),
        events=opening.events + rule_tag_events(hits),
    )


def apply_rule_tags(
    repo: TicketRepo, ticket: Ticket, hits: Sequence[TagHit], now: datetime
) -> None:
    """Put on ``ticket`` (in the caller's transaction) the tags the rules gave the mail
    that joined it and that it does not carry yet, each with its event."""
    if not hits:
        return
    labels = LabelsRepo(repo.session)
    have = set(labels.tags(ticket.id))
    fresh = [h for h in hits if h.tag not in have]
    for hit in fresh:
        labels.add_tags(ticket.id, [hit.tag], f"rule {hit.rule}", now)
        repo.add_event(ticket, "tag_added", RULE_ACTOR, now, {"tag": hit.tag, "rule": hit.rule})


# -- tags set by agents -------------------------------------------------------------------


@dataclass(frozen=True)
class TagChange:
    """What a change of tags does: the tags added and removed, in the order given."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


def plan_tag_change(current: Iterable[str], add: Iterable[str], remove: Iterable[str]) -> TagChange:
    """The tags to add (those not there yet) and to remove (those there); Invalid for a
    bad tag, or one both added and removed."""
    have = set(current)
    adding = _unique(normalize_tag(t) for t in add)
    removing = _unique(normalize_tag(t) for t in remove)
    both = sorted(set(adding) & set(removing))
    if both:
        raise Invalid(f"tag {both[0]!r}: both added and removed")
    return TagChange(
        added=tuple(t for t in adding if t not in have),
        removed=tuple(t for t in removing if t in have),
    )


@dataclass(frozen=True)
class TagsChanged:
    number: int
    added: tuple[str, ...]
    removed: tuple[str, ...]
    tags: tuple[str, ...]  # the ticket's tags afterwards


def change_tags(
    store: Store,
    number: int,
    agent: Actor,
    *,
    add: Iterable[str] = (),
    remove: Iterable[str] = (),
    now: datetime | None = None,
) -> TagsChanged:
    """Add and remove tags of ticket ``number``: a tag already there (or already gone)
    is left as it is."""
    now = now or utcnow()
    add, remove = list(add), list(remove)
    plan_tag_change((), add, remove)  # a bad tag is refused before the lock is taken
    with locked(store, number) as (repo, ticket):
        labels = LabelsRepo(repo.session)
        change = plan_tag_change(labels.tags(number), add, remove)
        labels.remove_tags(number, change.removed)
        labels.add_tags(number, change.added, agent.actor, now)
        for tag in change.removed:
            repo.add_event(ticket, "tag_removed", agent.actor, now, {"tag": tag})
        for tag in change.added:
            repo.add_event(ticket, "tag_added", agent.actor, now, {"tag": tag})
        if change.added or change.removed:
            repo.touch(ticket, now)
        repo.session.flush()
        tags = tuple(labels.tags(number))
    return TagsChanged(number, change.added, change.removed, tags)


# -- custom fields --------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    name: str
    old: str | None  # None: it was not set
    new: str | None  # None: cleared


FieldValue = str | int | float | None


def plan_field_changes(
    specs: Sequence[FieldSpec],
    department: str,
    current: Mapping[str, str],
    wanted: Mapping[str, FieldValue],
) -> list[FieldChange]:
    """What setting ``wanted`` (None clears a field) changes on a ticket of
    ``department`` whose fields are ``current``; values equal to the current ones change
    nothing.  Invalid naming every problem: a field the department does not have, a
    value its type refuses, a required field cleared."""
    by_name = {s.name: s for s in specs}
    problems: list[str] = []
    changes: list[FieldChange] = []
    for name, value in wanted.items():
        spec = by_name.get(name)
        if spec is None:
            known = ", ".join(by_name) or "none are defined in [[fields]]"
            problems.append(f"{name}: department {department} has no such field ({known})")
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            if spec.required:
                problems.append(f"{name}: required, it cannot be cleared")
            elif name in current:
                changes.append(FieldChange(name, current[name], None))
            continue
        try:
            new = canonical(spec, value)
        except Invalid as e:
            problems.append(str(e))
            continue
        if current.get(name) != new:
            changes.append(FieldChange(name, current.get(name), new))
    if problems:
        raise Invalid("; ".join(problems))
    return changes


def missing_required(specs: Sequence[FieldSpec], current: Mapping[str, str]) -> list[str]:
    """The labels of the required fields ``current`` does not set."""
    return [s.label for s in specs if s.required and s.name not in current]


@dataclass(frozen=True)
class FieldsChanged:
    number: int
    changes: tuple[FieldChange, ...]
    fields: dict[str, str]  # the ticket's fields afterwards


def set_fields(
    store: Store,
    config: Config,
    number: int,
    wanted: Mapping[str, FieldValue],
    agent: Actor,
    *,
    now: datetime | None = None,
) -> FieldsChanged:
    """Set the custom fields ``wanted`` of ticket ``number`` (None clears one), every
    value checked before any is written."""
    now = now or utcnow()
    with locked(store, number) as (repo, ticket):
        labels = LabelsRepo(repo.session)
        current = labels.fields(number)
        specs = config.fields_of(ticket.department)
        changes = plan_field_changes(specs, ticket.department, current, wanted)
        for c in changes:
            if c.new is None:
                labels.clear_field(number, c.name)
            else:
                labels.set_field(number, c.name, c.new, agent.actor, now)
            data = {"name": c.name, "from": c.old, "to": c.new}
            repo.add_event(ticket, "field_changed", agent.actor, now, data)
        if changes:
            repo.touch(ticket, now)
        repo.session.flush()
        after = labels.fields(number)
    return FieldsChanged(number, tuple(changes), after)


def check_closable(store: Store, config: Config, number: int) -> None:
    """ActionRefused when ticket ``number``'s department requires fields it does not
    set: an agent does not close it before they are filled in."""
    with store.read() as session:
        ticket = TicketRepo(session).get(number)
        if ticket is None:
            raise TicketNotFound(number)
        specs = config.fields_of(ticket.department)
        if not any(s.required for s in specs):
            return
        missing = missing_required(specs, LabelsRepo(session).fields(number))
    if missing:
        raise ActionRefused(
            f"ticket {number} cannot be closed before its required fields are set: "
            + ", ".join(missing)
        )


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
