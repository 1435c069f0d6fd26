#!/usr/bin/env python3
"""The ``sla`` job's run at a helpdesk's size: what a run costs when few tickets changed.

The job runs every minute while ``[[sla]]`` sets a target.  Each run computes again the
clocks of the tickets changed since their clocks were computed.  A database of N tickets
(generated rows, not mail: a ticket in 300 still open, every ticket's clocks computed)
is filled on SQLite, C tickets are changed, and R runs are timed of:

  whole table   the run that looks for changed tickets among all of them (as the first
                run after a start or a change of the targets does)
  since         the run after a complete one: the tickets changed since it began, from
                the index of ``updated_at`` (what the job does every minute)
  ceiling       the index's answer alone (``max(updated_at)``), which every run asks:
                a run cannot cost less

Each run finds and computes the C changed tickets' clocks again (they are marked changed
before each run).

    .venv/bin/python bench/sla_job.py                      # N=10000,100000,1000000
    .venv/bin/python bench/sla_job.py --levels 100000 -c 20 -r 9
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select, update  # noqa: E402

from mailgate.config import Config, config_from_toml  # noqa: E402
from mailgate.store.engine import Store  # noqa: E402
from mailgate.store.migrate import upgrade  # noqa: E402
from mailgate.store.models import Ticket, TicketSla, utcnow  # noqa: E402
from mailgate.tickets.sla import refresh  # noqa: E402

SLA = """
[[sla]]
department = "support"
first_response = "4h"
resolution = "24h"
"""
OPEN_EVERY = 300
CHUNK = 20_000


def fill(store: Store, n: int) -> None:
    old = utcnow() - timedelta(days=30)
    with store.engine.begin() as conn:
        for start in range(1, n + 1, CHUNK):
            ids = range(start, min(start + CHUNK, n + 1))
            conn.execute(
                Ticket.__table__.insert(),
                [
                    {
                        "id": i,
                        "subject": f"Ticket {i}",
                        "status": "open" if i % OPEN_EVERY == 0 else "closed",
                        "department": "support",
                        "priority": "normal",
                        "requester": f"client{i}@client.test",
                        "created_at": old,
                        "updated_at": old,
                        "status_changed_at": old,
                        "closed_at": None if i % OPEN_EVERY == 0 else old,
                    }
                    for i in ids
                ],
            )
            conn.execute(
                TicketSla.__table__.insert(),
                [
                    {
                        "ticket_id": i,
                        "policy": "support",
                        "ticket_updated_at": old,
                        "computed_at": old,
                    }
                    for i in ids
                ],
            )


def change(store: Store, n: int, count: int) -> None:
    step = max(1, n // count)
    with store.write() as s:
        s.execute(
            update(Ticket).where(Ticket.id.in_(range(1, n + 1, step))).values(updated_at=utcnow())
        )


def timed(fn: Callable[[], None]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(store: Store, config: Config, n: int, changed: int, rounds: int) -> list[float]:
    """Medians in ms: the run over the whole table, the run since, the ceiling."""
    since = utcnow() - timedelta(hours=1)

    def whole() -> None:
        refresh(store, config, utcnow(), None)

    def bounded() -> None:
        refresh(store, config, utcnow(), None, since=since)

    def latest() -> None:
        with store.read() as s:
            s.scalar(select(func.max(Ticket.updated_at)))

    times: list[list[float]] = [[], [], []]
    for _ in range(rounds):
        change(store, n, changed)
        times[0].append(timed(whole))
        change(store, n, changed)
        times[1].append(timed(bounded))
        times[2].append(timed(latest))
    return [statistics.median(t) for t in times]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--levels", default="10000,100000,1000000")
    ap.add_argument("-c", "--changed", type=int, default=10, help="tickets changed per run")
    ap.add_argument("-r", "--rounds", type=int, default=7)
    args = ap.parse_args()
    print("| tickets | whole table | since | ceiling | since / whole | since × ceiling |")
    print("|---|---|---|---|---|---|")
    for n in (int(x) for x in args.levels.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            toml = (
                '[helpdesk]\ndomain = "helpdesk.test"\n'
                '[[departments]]\nname = "support"\naddress = "support@helpdesk.test"\n'
                f'[database]\nurl = "sqlite:///{tmp}/bench.db"\n' + SLA
            )
            config = config_from_toml(toml, "<bench>")
            store = Store(config.database)
            upgrade(store)
            fill(store, n)
            w, b, c = measure(store, config, n, args.changed, args.rounds)
            print(f"| {n:,} | {w:.1f} ms | {b:.1f} ms | {c:.2f} ms | {b / w:.3f}× | {b / c:.0f}× |")
            store.dispose()


if __name__ == "__main__":
    main()
