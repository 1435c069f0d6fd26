"""Internal notes: what agents write on a ticket for each other.

A note is an event of the ticket's history (kind ``note``, its text and whom it alerted
in its data) recorded under its author's name; it is never mailed to the client, and
nothing a client receives quotes it.  With ``alert``, the note is also mailed
(``agent_note``, From the department's address) to the agent the ticket is assigned
to — or, on a ticket assigned to nobody, to the agents of its department — but never to
its author, who wrote it: when nobody else is left to tell, the note is refused with
what to do instead, rather than recorded as if someone had been told.  The alert is
queued in the note's transaction, so the note is recorded if and only if its mail is
queued; it stays in the ticket's thread among the mail for the team (an agent's answer
to it is kept for the team, not relayed to the client).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mailgate.config import AgentConfig, Config
from mailgate.errors import ActionRefused, TicketNotFound
from mailgate.notify import Notifier, Party, Prepared
from mailgate.store.engine import Store
from mailgate.store.models import utcnow
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.actors import Actor, Agent, locked
from mailgate.tickets.addressing import facts_of
from mailgate.tickets.outgoing import queue_mail

# Longer notes are refused: a note is a few lines for colleagues, not a file.
MAX_NOTE_CHARS = 100_000


@dataclass(frozen=True)
class NoteAdded:
    number: int
    event_id: int
    alerted: tuple[str, ...]  # the agents mailed, if any
    message_id: str | None  # of the alert queued, if any


def add_note(
    store: Store,
    notifier: Notifier,
    number: int,
    body: str,
    agent: Actor,
    *,
    alert: bool = False,
    now: datetime | None = None,
) -> NoteAdded:
    """Record ``body`` as an internal note of ticket ``number`` by ``agent``; with
    ``alert``, mail it to the assignee (else the department's agents), never to the
    author nor the client."""
    now = now or utcnow()
    body = body.strip("\n")
    if not body.strip():
        raise ActionRefused("the note is empty")
    if len(body) > MAX_NOTE_CHARS:
        raise ActionRefused(f"the note is longer than {MAX_NOTE_CHARS} characters")
    prepared = None
    if alert:
        with store.read() as session:
            ticket = TicketRepo(session).get(number)
            if ticket is None:
                raise TicketNotFound(number)
            facts, assignee = facts_of(ticket), ticket.assignee
        to = alerted_agents(notifier.config, assignee, facts.department, agent)
        if not to:
            raise ActionRefused(_nobody_to_alert(number, assignee, agent))
        prepared = notifier.prepare(
            "agent_note",
            facts,
            to=tuple(Party(a.name, a.address) for a in to),
            extra={"note": {"body": body, "author": agent.name or agent.actor}},
            now=now,
        )
    with locked(store, number) as (repo, ticket):
        data = {"body": body, "alerted": prepared.recipients if prepared else []}
        event = repo.add_event(ticket, "note", agent.actor, now, data)
        if prepared is not None:
            queue_mail(repo, ticket, prepared, now, body)
        repo.touch(ticket, now)
        repo.session.flush()
        event_id = event.id
    return _added(number, event_id, prepared)


def alerted_agents(
    config: Config, assignee: str | None, department: str, author: Actor
) -> tuple[AgentConfig, ...]:
    """Whom a note's alert goes to: the assignee when they are an agent of
    ``[[agents]]``, else the agents of the ticket's department; the author left out."""
    own = author.address if isinstance(author, Agent) else None
    known = config.agent(assignee) if assignee else None
    chosen = (known,) if known is not None else config.agents_of(department)
    return tuple(a for a in chosen if a.address != own)


def _nobody_to_alert(number: int, assignee: str | None, author: Actor) -> str:
    if assignee and isinstance(author, Agent) and author.address == assignee:
        who = "it is assigned to you"
    elif assignee:
        who = (
            f"its assignee {assignee} is not an agent of [[agents]] "
            "and its department has no other agent"
        )
    else:
        who = "it is assigned to nobody and its department has no other agent"
    return f"nobody to alert on ticket {number}: {who}; add the note without an alert"


def _added(number: int, event_id: int, prepared: Prepared | None) -> NoteAdded:
    if prepared is None:
        return NoteAdded(number, event_id, (), None)
    return NoteAdded(number, event_id, tuple(prepared.recipients), prepared.message_id)
