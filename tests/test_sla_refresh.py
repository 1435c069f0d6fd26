"""The ``sla`` job keeps the clocks of changed tickets up to date without reading the
whole table of tickets at every run: after a complete run it looks only at the tickets
changed since, from the index of ``updated_at``."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import event, select, text

from mailgate.config import Config
from mailgate.notify import Notifier, Templates
from mailgate.store.engine import Store
from mailgate.store.models import Ticket, TicketSla, utcnow
from mailgate.store.sla_repo import SlaRepo
from mailgate.tickets.sla import run_sla

SLA = """
[[sla]]
department = "support"
first_response = "4h"
resolution = "24h"
"""


@pytest.fixture
def config(make_config: Callable[..., Config]) -> Config:
    """The base configuration with a service level (the ``store`` fixture uses it)."""
    return make_config(extra=SLA)


def add_tickets(store: Store, count: int, *, age: timedelta) -> None:
    at = utcnow() - age
    with store.write() as s:
        for _ in range(count):
            s.add(
                Ticket(
                    subject="Printer",
                    status="open",
                    department="support",
                    requester="jo@client.test",
                    created_at=at,
                    updated_at=at,
                    status_changed_at=at,
                )
            )


def job(config: Config, store: Store) -> int:
    notifier = Notifier(config, Templates(config.templates.directory))
    return run_sla(store, notifier, config).refreshed


def test_a_run_after_a_complete_one_computes_only_the_changed_tickets(
    config: Config, store: Store
) -> None:
    add_tickets(store, 30, age=timedelta(days=3))
    assert job(config, store) == 30  # the first run computes every open ticket
    assert job(config, store) == 0
    with store.write() as s:
        changed = s.scalars(select(Ticket).order_by(Ticket.id).limit(5)).all()
        for t in changed:
            t.status = "in_progress"
            t.updated_at = utcnow()
    add_tickets(store, 2, age=timedelta(0))  # new tickets are changes too
    assert job(config, store) == 7
    with store.read() as s:
        assert s.query(TicketSla).count() == 32


def test_the_scan_after_a_complete_run_reads_the_updated_at_index(
    config: Config, store: Store
) -> None:
    """What the database does with the query, not how long it takes: SQLite's plan for
    the tickets changed since a time searches the index of ``updated_at`` where, without
    the bound, it scans the table."""
    add_tickets(store, 50, age=timedelta(days=3))
    job(config, store)
    statements: list[tuple[str, Any]] = []

    def keep(conn: Any, cursor: Any, statement: str, params: Any, *rest: Any) -> None:
        if "ticket_sla" in statement and statement.lstrip().upper().startswith("SELECT TICKETS.ID"):
            statements.append((statement, params))

    event.listen(store.engine, "before_cursor_execute", keep)
    try:
        with store.read() as s:
            SlaRepo(s).stale(since=utcnow() - timedelta(hours=1))
            SlaRepo(s).stale()
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    assert len(statements) == 2
    plans = []
    with store.engine.connect() as conn:
        for statement, params in statements:
            rows = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            plans.append(" / ".join(str(r[-1]) for r in rows))
    bounded, whole = plans
    assert "ix_tickets_updated_at" in bounded, bounded
    assert "ix_tickets_updated_at" not in whole, whole
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM tickets")).scalar() == 50
