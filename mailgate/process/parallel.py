"""parallel: ``mailgate process --workers N`` — planning on every core, applying in order.

Planning a message (parsing it, above all) is most of the CPU work of processing and
takes no write lock; applying it writes, one writer at a time on SQLite.  So N planning
processes plan the waiting messages, a chunk of consecutive inbox rows at a time, while
the command's own process applies the plans in inbox order, in the short transactions
one worker uses (:meth:`Processor.apply`).  The outcome is one worker's:

- **the same order.**  Chunks are handed out and applied in inbox order, so a reply
  stored after its original is applied after it, whichever processes planned them;
- **the same decisions.**  A plan is read ahead of the transaction that applies it, as
  with one worker (whose batch is planned before any of it is applied), only further
  ahead.  What a plan read of the database is threading, and a message whose threading
  could have changed since — one that points at a ticket (``Plan.may_have_moved``) — is
  threaded again under the write lock: the reply finds the ticket its original opened;
- **the same ticket numbers**: taken under the write lock by the one process that
  writes, in the order tickets are written.

The planners are forked from the command, so they start with everything it imported
(the parser, the classifier) instead of importing it again, and with its configuration.
Each reads the rows it plans over a connection of its own and never touches the
command's (an SQLite connection must not be used across ``fork``); plans travel back
pickled.  A few chunks per planner are planned ahead of the applier and no more, so a
large backlog does not pile up in memory.  The planners end with the command, however it
ends (:mod:`mailgate.lifeline`); one that dies ends the command with an error, and what
was not applied waits in the inbox for the next run, as after any interruption.
"""

from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mailgate.lifeline import fork_pool
from mailgate.parse import reader
from mailgate.process.plan import Plan, Planner
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import InboxRepo
from mailgate.store.tickets_repo import TicketRepo

if TYPE_CHECKING:
    from mailgate.process.processor import BatchResult, Processor

log = logging.getLogger(__name__)

# Rows planned by one task: small, so that the applier starts soon and the planners
# share the work evenly; large enough that handing a chunk over costs little beside it.
CHUNK = 10
# Chunks per planner handed out ahead of the applier.
_AHEAD = 4


@dataclass
class _Planning:
    """What a planning process plans with."""

    planner: Planner
    store: Store


# Set in each planning process by _start_planner.
_planning: list[_Planning] = []


def _start_planner(processor: Processor) -> None:
    """First thing in each planning process (forked: ``processor`` is the command's)."""
    # A connection of its own.  The command's store, inherited, is left untouched: its
    # SQLite connections belong to the command (closing one here could checkpoint or
    # remove the WAL under it), and the process ends with os._exit, which closes none.
    _planning.append(_Planning(processor.planner, Store(processor.config.database, pool=True)))


def _plan(inbox_ids: list[int]) -> list[Plan]:
    """In a planning process: plan the rows that still wait, in inbox order."""
    planning = _planning[0]
    with planning.store.read() as session:
        rows = InboxRepo(session).waiting(inbox_ids)
        lookup = TicketRepo(session)
        return [planning.planner.plan(row, lookup) for row in rows]


def drain_in_parallel(
    processor: Processor, workers: int, total: BatchResult, *, max_batches: int = 1_000_000
) -> BatchResult:
    """Process until nothing waits, ``workers`` processes planning (see the module);
    what happened is added to ``total``."""
    # The reader's patterns and libraries made ready once, here, for every planner forked.
    reader.prepare()
    pool = fork_pool(workers, "planning process", _start_planner, (processor,))
    ahead: deque[Future[list[Plan]]] = deque()
    try:
        after = 0  # the highest inbox id handed out in this round
        round_start = 0  # what was done when the round started
        exhausted = False
        for _ in range(max_batches):
            if not exhausted:
                after, exhausted = _hand_out(processor, pool, ahead, workers * _AHEAD, after)
            if not ahead:
                # All that was handed out is applied.  Another round for what became due
                # below the last id meanwhile (`mailgate reprocess`), if this one did
                # anything; none when it did nothing (rows another process holds).
                if total.total == round_start:
                    break
                round_start, after, exhausted = total.total, 0, False
                continue
            plans = ahead.popleft().result()
            while ahead and ahead[0].done():  # apply together what is ready
                plans += ahead.popleft().result()
            total.add(processor.apply(plans))
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return total


def _hand_out(
    processor: Processor,
    pool: ProcessPoolExecutor,
    ahead: deque[Future[list[Plan]]],
    most: int,
    after: int,
) -> tuple[int, bool]:
    """Hand out, in chunks, the rows due above ``after`` until ``most`` chunks are
    planned ahead; the highest id handed out, and whether no row was left."""
    wanted = most - len(ahead)
    if wanted <= 0:
        return after, False
    with processor.store.read() as session:
        ids = InboxRepo(session).due_ids(wanted * CHUNK, processor.clock(), after=after)
    for i in range(0, len(ids), CHUNK):
        ahead.append(pool.submit(_plan, ids[i : i + CHUNK]))
    return (ids[-1] if ids else after), len(ids) < wanted * CHUNK
