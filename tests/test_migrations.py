"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from mailgate.config import Config, config_from_toml
from mailgate.store.engine import Store
from mailgate.store.migrate import (
    SCHEMA_REVISION,
    current_revision,
    ensure_schema,
    head_revision,
    include_name,
    upgrade,
)
from mailgate.store.models import Base
from tests.support.config import make_toml


def test_schema_revision_constant_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_REVISION


def _diff(store: Store) -> list[object]:
    """What differs between the migrated database and the models, the search table (made
    by migration 0009 in each database's own way, described by no model) left out."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        return list(compare_metadata(context, Base.metadata))


def test_migrated_database_matches_the_models(store: Store) -> None:
    assert _diff(store) == []


@pytest.mark.postgres
def test_migrated_postgresql_database_matches_the_models(pg_url: str, tmp_path: Path) -> None:
    config = config_from_toml(make_toml(tmp_path, pg_url), "<test>")
    s = Store(config.database)
    try:
        upgrade(s)
        assert _diff(s) == []
    finally:
        s.dispose()


def test_only_the_search_tables_are_left_out_of_the_comparison() -> None:
    for name in ("message_search", "message_search_data", "message_search_idx"):
        assert not include_name(name, "table", {})
    for name in ("messages", "message_search_extra", "tickets"):
        assert include_name(name, "table", {})
    assert include_name("message_search", "column", {})


def test_empty_embedded_database_is_created_on_demand(config: Config) -> None:
    s = Store(config.database)
    try:
        assert current_revision(s) is None
        ensure_schema(s, create_if_empty=True)
        assert current_revision(s) == SCHEMA_REVISION
    finally:
        s.dispose()


def test_sqlite_runs_in_wal_with_full_synchronous(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_upgrade_from_the_first_revision_keeps_the_mail(config: Config) -> None:
    from mailgate.store.imap_repo import FolderState, ImapRepo
    from mailgate.store.migrate import upgrade
    from mailgate.store.models import InboxRow
    from tests.support.mailfactory import build

    s = Store(config.database)
    try:
        upgrade(s, "0001")
        _insert_old_row(s, build(), state="received")
        upgrade(s)
        assert current_revision(s) == SCHEMA_REVISION
        with s.write() as session:
            assert session.query(InboxRow).count() == 1
            ImapRepo(session).set_state("box", "INBOX", FolderState(7, 42))
        with s.read() as session:
            assert ImapRepo(session).state("box", "INBOX") == FolderState(7, 42)
    finally:
        s.dispose()


def _insert_old_row(store: Store, raw: bytes, **columns: object) -> None:
    """An inbox row as an older schema holds it (the current INSERT names newer columns)."""
    import hashlib

    from sqlalchemy import text

    values: dict[str, object] = {
        "received_at": "2026-11-01 10:00:00.000000",
        "source": "smtp",
        "envelope_sender": "a@b.test",
        "recipients": "[]",
        "raw": raw,
        "size": len(raw),
        "sha256": hashlib.sha256(raw).hexdigest(),
        "dedupe_key": hashlib.sha256(raw + repr(columns).encode()).hexdigest(),
        "attempts": 0,
    } | columns
    names = ", ".join(values)
    marks = ", ".join(f":{k}" for k in values)
    with store.write() as session:
        session.execute(text(f"INSERT INTO inbox ({names}) VALUES ({marks})"), values)


def test_upgrade_holds_what_an_older_version_left_on_no_ticket(config: Config) -> None:
    """Every message ends on a ticket or where a person sees it: rows an older version
    marked processed without a ticket, and the replies it held as quarantined, become
    held with the rule that kept them."""
    from mailgate.store.inbox_repo import InboxRepo
    from mailgate.store.migrate import upgrade
    from mailgate.store.models import InboxRow
    from tests.support.mailfactory import build

    s = Store(config.database)
    try:
        upgrade(s, "0006")
        old = [
            {"state": "processed", "verdict": "bounce", "thread_rule": "new_ticket"},
            {"state": "processed", "verdict": "own_loop", "thread_rule": "new_ticket"},
            {"state": "processed", "verdict": "blocked", "thread_rule": "not_joined"},
            {"state": "processed", "verdict": "human", "thread_rule": "rate_limited"},
            {"state": "processed", "verdict": "list", "thread_rule": "new_ticket"},
            {"state": "quarantined", "verdict": "human", "thread_rule": "held_unverified"},
            {"state": "quarantined", "error": "unreadable: ValueError"},
            {"state": "failed", "error": "boom"},
        ]
        for k, columns in enumerate(old):
            _insert_old_row(s, build(subject=f"old {k}"), **columns)
        upgrade(s)
        with s.read() as session:
            rows = session.query(InboxRow).order_by(InboxRow.id).all()
            got = [(r.state, r.thread_rule) for r in rows]
            assert all(r.notify for r in rows)
            listed = {r.id for r in InboxRepo(session).for_a_person(100)}
            assert listed == {r.id for r in rows}
        assert got == [
            ("held", "held_bounce"),
            ("held", "held_own_mail"),
            ("held", "held_blocked"),
            ("held", "held_rate_limited"),
            ("held", "held_no_ticket"),
            ("held", "held_unverified"),
            ("quarantined", None),
            ("failed", None),
        ]
    finally:
        s.dispose()
