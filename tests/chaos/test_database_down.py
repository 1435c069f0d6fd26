"""The database goes away while mail arrives: every message is answered 451 (the client
keeps it and tries again) — never 250, never a 5xx that would bounce it — and, once the
database is back, each message sent again is stored once."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from mailgate.config import Config
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from tests.chaos.harness import DatabaseGate, Tally, chaos_messages, send_each
from tests.support.daemon import RunningDaemon

N = 200


def outage(port: int, messages: list[bytes]) -> Counter[int]:
    return Counter(send_each(port, messages, clients=8))


def check_recovery(port: int, messages: list[bytes], tally: Tally, before: int) -> None:
    assert Counter(send_each(port, messages, clients=8)) == {250: N}
    assert tally.scalar("SELECT count(*) FROM inbox") == before + N
    assert tally.scalar("SELECT count(DISTINCT message_id) FROM inbox") == before + N


@pytest.fixture
def gate() -> Iterator[DatabaseGate]:
    g = DatabaseGate(5432)
    yield g
    g.shutdown()


@pytest.mark.postgres
def test_postgresql_unreachable_answers_451_and_stores_each_once_after(
    make_config: Callable[..., Config],
    pg_url: str,
    gate: DatabaseGate,
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    direct = Store(make_config(db_url=pg_url).database)
    upgrade(direct)
    direct.dispose()
    gated = make_url(pg_url).set(port=gate.port).render_as_string(hide_password=False)
    d = run_daemon(make_config(db_url=gated), roles=("smtp",))
    warmup, *messages = chaos_messages(N + 1, seed=11)
    assert send_each(d.port, [warmup]) == [250]
    tally = Tally(pg_url)
    try:
        gate.close()
        assert outage(d.port, messages) == {451: N}
        assert tally.scalar("SELECT count(*) FROM inbox") == 1
        gate.reopen()
        check_recovery(d.port, messages, tally, before=1)
    finally:
        tally.dispose()


def test_sqlite_locked_answers_451_and_stores_each_once_after(
    make_config: Callable[..., Config], tmp_path: Path, run_daemon: Callable[..., RunningDaemon]
) -> None:
    config = make_config(extra="")
    config = config.model_copy(
        update={"database": config.database.model_copy(update={"busy_timeout": 0.3})}
    )
    d = run_daemon(config, roles=("smtp",))
    warmup, *messages = chaos_messages(N + 1, seed=12)
    assert send_each(d.port, [warmup]) == [250]
    holder = sqlite3.connect(tmp_path / "mailgate.db", isolation_level=None)
    tally = Tally(config.database.url)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # another program holds the write lock
        assert outage(d.port, messages) == {451: N}
        holder.execute("ROLLBACK")
        check_recovery(d.port, messages, tally, before=1)
    finally:
        holder.close()
        tally.dispose()
