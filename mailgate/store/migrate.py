"""Schema migrations (Alembic), run by ``mailgate db upgrade`` and, for an empty embedded
database, by ``mailgate run`` itself."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from mailgate.errors import SchemaError
from mailgate.store.engine import Store

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"

# The newest migration.  Kept here so that `mailgate deliver`, which checks the schema on
# every message, need not load Alembic; a test checks it against the migrations folder.
SCHEMA_REVISION = "0017"


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Whether Alembic compares a database object with the models (its ``include_name``
    hook): not the search table, which migration 0009 makes in each database's own way
    (an FTS5 virtual table and its shadow tables on SQLite) and no model describes."""
    from mailgate.store.search_repo import is_search_table  # Alembic's, not deliver's

    return not (type_ == "table" and name is not None and is_search_table(name))


def _alembic_config() -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    """The newest revision in the migrations folder (what SCHEMA_REVISION must equal)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        try:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
        except (OperationalError, ProgrammingError):
            return None  # no version table: an empty (or foreign) database
    return str(rows[0][0]) if rows else None


def upgrade(store: Store, revision: str = "head") -> None:
    from alembic import command

    cfg = _alembic_config()
    with store.engine.execution_options(mailgate_write=True).begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def is_empty(store: Store) -> bool:
    with store.engine.connect() as conn:
        return not inspect(conn).get_table_names()


def ensure_schema(store: Store, *, create_if_empty: bool) -> None:
    """Check that the schema is current.  An empty database is created when
    ``create_if_empty``; an outdated one is never upgraded behind the admin's back."""
    current = current_revision(store)
    head = SCHEMA_REVISION
    if current == head:
        return
    if current is None and is_empty(store):
        if create_if_empty:
            log.info("creating the database schema in %s", store.url.render_as_string())
            upgrade(store)
            return
        raise SchemaError("the database has no tables yet: run `mailgate db upgrade`")
    raise SchemaError(
        f"the database schema is at revision {current or 'unknown'}, this mailgate needs "
        f"{head}: run `mailgate db upgrade`"
    )
