"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from mailgate.config import Config
from mailgate.store.engine import Store
from mailgate.store.migrate import SCHEMA_REVISION, current_revision, ensure_schema, head_revision
from mailgate.store.models import Base


def test_schema_revision_constant_is_the_newest_migration() -> None:
    assert head_revision() == SCHEMA_REVISION


def test_migrated_database_matches_the_models(store: Store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


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
    from mailgate.envelope import Envelope
    from mailgate.inbox import store_messages
    from mailgate.store.imap_repo import FolderState, ImapRepo
    from mailgate.store.migrate import upgrade
    from mailgate.store.models import InboxRow
    from tests.mailfactory import build

    s = Store(config.database)
    try:
        upgrade(s, "0001")
        store_messages(
            s, [(Envelope("smtp", "a@b.test", ("support@helpdesk.test",), None), build())]
        )
        upgrade(s)
        assert current_revision(s) == SCHEMA_REVISION
        with s.write() as session:
            assert session.query(InboxRow).count() == 1
            ImapRepo(session).set_state("box", "INBOX", FolderState(7, 42))
        with s.read() as session:
            assert ImapRepo(session).state("box", "INBOX") == FolderState(7, 42)
    finally:
        s.dispose()
