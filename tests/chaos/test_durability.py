"""SQLite, the embedded default, commits durably: WAL with ``synchronous=FULL`` (the WAL
is fsynced at every commit, so a message answered 250 survives a power loss) unless the
configuration says otherwise."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection

from mailgate.config import Config, DatabaseConfig
from mailgate.store.engine import Store

FULL, NORMAL = 2, 1  # PRAGMA synchronous


def pragmas(conn: Connection) -> tuple[str, int]:
    mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar_one()
    sync = conn.exec_driver_sql("PRAGMA synchronous").scalar_one()
    return str(mode), int(sync)


def test_sqlite_runs_wal_with_synchronous_full_by_default(
    make_config: Callable[..., Config], tmp_path: Path
) -> None:
    config = make_config()
    assert config.database.synchronous == DatabaseConfig().synchronous == "full"
    store = Store(config.database)
    try:
        # Every connection the store makes: its sessions and the listener's writer.
        with store.engine.connect() as conn:
            assert pragmas(conn) == ("wal", FULL)
        writer = store.connect_for_writing()
        try:
            assert pragmas(writer) == ("wal", FULL)
        finally:
            writer.close()
    finally:
        store.dispose()
    # WAL is a property of the file: another program opening it finds it too.
    with sqlite3.connect(tmp_path / "mailgate.db") as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_synchronous_normal_when_configured(make_config: Callable[..., Config]) -> None:
    config = make_config()
    database = config.database.model_copy(update={"synchronous": "normal"})
    store = Store(database)
    try:
        with store.engine.connect() as conn:
            assert pragmas(conn) == ("wal", NORMAL)
    finally:
        store.dispose()
