"""Auto-close: an answered ticket the client has left unanswered for
``[lifecycle] auto_close_after`` is closed, and the client told that a reply reopens it.

The wait counts from the moment the ticket became ``answered`` (``status_changed_at``): a
client who wrote since has moved it to ``customer_reply``, so it is no longer a
candidate.  Tickets are closed in pages; each page's notices are rendered before the
write transaction (no lock held while templates run), and in the transaction each ticket
is read again under its row lock and closed only if it is still answered since before
the cutoff.  So a client's reply applied meanwhile wins, and two instances closing at the
same time close each ticket once with one notice: the second finds it closed.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from mailgate import lifecycle
from mailgate.config import Config, duration_in_words
from mailgate.errors import TemplateError, Unaddressable
from mailgate.notify import Notifier, Prepared
from mailgate.store.engine import Store
from mailgate.store.models import utcnow
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.actions import record_status_change
from mailgate.tickets.addressing import ticket_thread
from mailgate.tickets.outgoing import status_notice
from mailgate.tickets.ratings import ask_for_rating

log = logging.getLogger(__name__)

ACTOR = "system"


@dataclass(frozen=True)
class AutoCloseResult:
    closed: tuple[int, ...] = ()
    # Tickets left as they were because their notice could not be rendered.
    failed: tuple[tuple[int, str], ...] = ()
    # Candidates someone else changed (a client's reply, another instance) meanwhile.
    skipped: int = 0

    @property
    def summary(self) -> str:
        n = len(self.closed)
        text = f"closed {n} ticket{'' if n == 1 else 's'}"
        if self.failed:
            text += f", {len(self.failed)} not closed (notice failed)"
        return text


def auto_close(
    store: Store,
    notifier: Notifier,
    config: Config,
    now: datetime | None = None,
    *,
    page: int = 50,
    stop: threading.Event | None = None,
) -> AutoCloseResult:
    """Close every ticket answered at least ``auto_close_after`` before ``now``, each with
    a ``ticket_closed`` notice in the outbox.  Stops between pages when ``stop`` is set
    (what is left closes at the next run)."""
    now = now or utcnow()
    after = config.lifecycle.auto_close_after
    cutoff = now - timedelta(seconds=after)
    wording = duration_in_words(after)
    closed: list[int] = []
    failed: list[tuple[int, str]] = []
    skipped = 0
    last = 0
    while stop is None or not stop.is_set():
        notices: dict[int, Prepared] = {}
        with store.read() as session:
            repo = TicketRepo(session)
            numbers = repo.answered_before(cutoff, after=last, limit=page)
            for number in numbers:
                ticket = repo.get(number)
                if ticket is None:
                    continue
                thread = ticket_thread(repo, ticket)
                try:
                    notices[number] = status_notice(
                        notifier, thread, lifecycle.CLOSED, closed_after=wording, now=now
                    )
                except (TemplateError, Unaddressable) as e:
                    log.error(
                        "auto-close: ticket %d left open: %s", number, e, extra={"ticket": number}
                    )
                    failed.append((number, str(e)))
        if not numbers:
            break
        last = numbers[-1]
        if notices:
            done = _close(store, notifier, notices, cutoff, now)
            closed += done
            skipped += len(notices) - len(done)
    return AutoCloseResult(tuple(closed), tuple(failed), skipped)


def _close(
    store: Store,
    notifier: Notifier,
    notices: dict[int, Prepared],
    cutoff: datetime,
    now: datetime,
) -> list[int]:
    done = []
    with store.write() as session:
        repo = TicketRepo(session)
        # In number order: two instances lock the same tickets in the same order.
        for number in sorted(notices):
            ticket = repo.get_for_update(number)
            if (
                ticket is None
                or ticket.status != lifecycle.ANSWERED
                or ticket.status_changed_at is None
                or ticket.status_changed_at > cutoff
            ):
                continue  # the client wrote, an agent acted, or another instance closed it
            new = lifecycle.next_status(ticket.status, lifecycle.AUTO_CLOSE)
            record_status_change(
                repo, ticket, new, ACTOR, lifecycle.AUTO_CLOSE, notices[number], "", now
            )
            ask_for_rating(repo, notifier, ticket, now)
            done.append(number)
    for number in done:
        log.info(
            "ticket %d closed automatically (answered, no reply since)",
            number,
            extra={"ticket": number},
        )
    return done
