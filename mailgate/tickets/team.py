"""The team around a ticket: who a new ticket is assigned to, which agent wrote a mail,
and the alerts that tell the department's agents about a client's mail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from mailgate.config import AgentConfig, Config, DepartmentConfig
from mailgate.notify import Notifier, Party, Prepared, TicketFacts
from mailgate.parse import ParsedMail
from mailgate.store.models import Ticket
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.addressing import facts_of
from mailgate.tickets.outgoing import queue_automatic


@dataclass
class Assigner:
    """Assigns new tickets by their department's rule.  One per transaction: it counts
    the assignments it made that the database does not show yet."""

    config: Config
    # The last agent per department, and how many tickets each agent got.
    last_assigned: dict[str, str] = field(default_factory=dict)
    assigned: dict[str, int] = field(default_factory=dict)

    def choose(self, tickets: TicketRepo, department: DepartmentConfig) -> str | None:
        """The agent a new ticket of ``department`` goes to, or None."""
        if department.assignment == "none":
            return None
        agents = [a.address for a in self.config.agents_of(department.name)]
        if not agents:
            return None
        if department.assignment == "round_robin":
            last = self.last_assigned.get(department.name) or tickets.last_assignee(department.name)
            choice = agents[(agents.index(last) + 1) % len(agents)] if last in agents else agents[0]
        else:  # least_open
            counts = tickets.open_counts(agents)
            choice = min(
                agents,
                key=lambda a: (counts.get(a, 0) + self.assigned.get(a, 0), agents.index(a)),
            )
        self.last_assigned[department.name] = choice
        self.assigned[choice] = self.assigned.get(choice, 0) + 1
        return choice


def agent_writing(
    config: Config, tickets: TicketRepo, mail: ParsedMail, ticket_id: int
) -> AgentConfig | None:
    """The agent of ``[[agents]]`` who wrote this mail on a ticket they did not open
    themselves, or None (their own tickets are theirs as a client)."""
    if mail.from_ is None:
        return None
    agent = config.agent(mail.from_.normalized)
    if agent is None:
        return None
    ticket = tickets.get(ticket_id)
    if ticket is None or ticket.requester == agent.address:
        return None
    return agent


def alert(
    config: Config,
    notifier: Notifier,
    facts: TicketFacts,
    reason: str,
    mail: ParsedMail,
    now: datetime,
) -> Prepared | None:
    """``agent_alert`` to the agents of the ticket's department, or None."""
    if not config.notify.agent_alerts:
        return None
    agents = config.agents_of(facts.department)
    if not agents or mail.from_ is None:
        return None
    return notifier.prepare(
        "agent_alert",
        facts,
        to=tuple(Party(a.name, a.address) for a in agents),
        extra={
            "alert": {"reason": reason},
            "client": {"name": mail.from_.name, "address": mail.from_.normalized},
            "message": {
                "text": (mail.reply_text or mail.text).strip("\n"),
                "subject": mail.subject,
                "attachments": [a.filename for a in mail.attachments if not a.inline],
            },
        },
        reply_token=True,
        now=now,
    )


def alert_on_reply(
    config: Config,
    notifier: Notifier,
    tickets: TicketRepo,
    ticket: Ticket,
    mail: ParsedMail,
    now: datetime,
) -> int:
    """Alert the agents that the client wrote again (within the recipient limits);
    whether an alert was queued."""
    prepared = alert(config, notifier, facts_of(ticket), "client_reply", mail, now)
    if prepared is None:
        return 0
    limits = config.security.recipient_limits
    return int(queue_automatic(tickets, ticket, prepared, now, limits))
