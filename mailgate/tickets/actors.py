"""Who acts on a ticket, and the two ways an action reaches it: a read of its thread
before the transaction (to render mail outside the database's write lock), and a write
transaction with the ticket locked.

Who acts is an :class:`Agent` of ``[[agents]]`` — named in the history, a participant
of the tickets they answer, the signature of their answers — or the :class:`System`
(a command run without an agent, an API token that names none), which the history
names and which never takes part in a ticket: only an e-mail address can, as only an
address can be checked against the From of mail that claims to come from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailgate.addresses import is_mailbox
from mailgate.errors import TicketNotFound

# Who acts is a value the API's tokens and the configuration's checks name without the
# store: the store is imported where a ticket is read or written.
if TYPE_CHECKING:
    from mailgate.store.engine import Store
    from mailgate.store.models import Ticket
    from mailgate.store.tickets_repo import TicketRepo
    from mailgate.tickets.addressing import TicketThread


@dataclass(frozen=True)
class Agent:
    """An agent of ``[[agents]]`` acting: their address names them in the history and
    takes part in the tickets they answer; their name signs the answers."""

    address: str
    name: str = ""

    def __post_init__(self) -> None:
        if not is_mailbox(self.address):
            raise ValueError(f"an agent is an e-mail address, not {self.address!r}")

    @property
    def actor(self) -> str:
        return self.address


@dataclass(frozen=True)
class System:
    """mailgate acting for no agent: a command run without one, an API token that names
    none.  ``actor`` names it in the history (``system``, ``api token reporting``); it
    never takes part in a ticket, and its answers are signed with the department's
    name only."""

    actor: str = "system"

    @property
    def name(self) -> str:
        return ""


# Who acts on a ticket.
Actor = Agent | System


@contextmanager
def locked(store: Store, number: int) -> Iterator[tuple[TicketRepo, Ticket]]:
    """A write transaction with ticket ``number`` locked in it."""
    from mailgate.store.tickets_repo import TicketRepo

    with store.write() as session:
        repo = TicketRepo(session)
        ticket = repo.get_for_update(number)
        if ticket is None:
            raise TicketNotFound(number)
        yield repo, ticket


def read_thread(store: Store, number: int) -> TicketThread:
    """Ticket ``number``'s thread as it is now, read outside any write transaction."""
    from mailgate.store.tickets_repo import TicketRepo
    from mailgate.tickets.addressing import ticket_thread

    with store.read() as session:
        repo = TicketRepo(session)
        ticket = repo.get(number)
        if ticket is None:
            raise TicketNotFound(number)
        return ticket_thread(repo, ticket)


@dataclass(frozen=True)
class Done:
    number: int
    status: str
    previous_status: str
    message_id: str | None  # of the mail queued, if any
    recipients: tuple[str, ...] = ()
