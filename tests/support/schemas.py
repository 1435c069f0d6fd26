"""Databases at the newest schema for tests, without running every migration again for
each test.

Alembic's ``upgrade`` of an empty database runs all the migrations, one transaction each:
about 0.1 s on SQLite and a second on PostgreSQL, paid by every test that opens a store.
Here the migrations run once per test process, into a template, and each test's empty
database receives a copy: on SQLite the template's file, on PostgreSQL the template
schema's dump (``pg_dump``) replayed into the test's own schema.  The copy is the
migrations' result itself, not a schema rebuilt from the models, so a test sees exactly
what ``mailgate db upgrade`` makes; the migrations themselves are tested by
tests/test_migrations.py, which upgrades step by step."""

from __future__ import annotations

import atexit
import functools
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from sqlalchemy import make_url, text

from mailgate.config import DatabaseConfig
from mailgate.store.engine import Store
from mailgate.store.migrate import current_revision, is_empty, upgrade
from tests.support.environment import PG_URL, pg_admin


def migrated(store: Store) -> None:
    """Bring the store's database to the newest schema, as ``upgrade(store)`` does.  An
    empty database receives a copy of this process's template; any other is upgraded by
    Alembic."""
    path = _sqlite_file(store)
    schema = _schema_of(store)
    if path is not None and not path.exists():
        shutil.copyfile(_sqlite_template(), path)
    elif schema is not None and current_revision(store) is None and is_empty(store):
        with store.engine.begin() as conn:
            conn.exec_driver_sql(_pg_template_script().replace(_PG_PLACEHOLDER, schema))
    else:
        upgrade(store)


def _sqlite_file(store: Store) -> Path | None:
    if not store.is_sqlite:
        return None
    database = store.url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


@functools.cache
def _sqlite_template() -> Path:
    folder = tempfile.mkdtemp(prefix="mailgate-schema-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = Path(folder) / "template.db"
    template = Store(DatabaseConfig(url=f"sqlite:///{path}"))
    upgrade(template)
    template.dispose()  # the last connection's close folds the WAL into the file
    return path


# The template schema's name in the dump, replaced by each test's schema.  Long and
# random, so that it cannot occur in the dump but as the schema's name.
_PG_PLACEHOLDER = f"mg_template_{secrets.token_hex(8)}"


def _schema_of(store: Store) -> str | None:
    """The schema a test's PostgreSQL URL works in (``options=-csearch_path=…``, as the
    ``pg_url`` fixture makes it), or None."""
    if store.dialect != "postgresql":
        return None
    options = store.url.query.get("options")
    if not isinstance(options, str) or not options.startswith("-csearch_path="):
        return None
    schema = options.removeprefix("-csearch_path=").split()[0]
    return schema if schema.replace("_", "").isalnum() else None


@functools.cache
def _pg_template_script() -> str:
    """Migrate a schema of its own, dump it as SQL for a schema named by the placeholder,
    and drop it."""
    admin = pg_admin()
    with admin.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {_PG_PLACEHOLDER}"))
    try:
        sep = "&" if "?" in PG_URL else "?"
        url = f"{PG_URL}{sep}options=-csearch_path%3D{_PG_PLACEHOLDER}"
        template = Store(DatabaseConfig(url=url))
        upgrade(template)
        template.dispose()
        server = make_url(PG_URL)
        dump = subprocess.run(
            [
                "pg_dump",
                f"--host={server.host or '127.0.0.1'}",
                f"--port={server.port or 5432}",
                f"--username={server.username or 'postgres'}",
                f"--schema={_PG_PLACEHOLDER}",
                "--no-owner",
                "--no-privileges",
                "--inserts",
                server.database or "test",
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {_PG_PLACEHOLDER} CASCADE"))
        admin.dispose()
    # Left out: psql's own commands (\restrict …) and the schema's creation — the test's
    # schema exists already.  The dump's settings are made local to the transaction
    # that replays it, so that the connection goes back to the pool as it came.
    lines = []
    for line in dump.splitlines():
        if line.startswith("\\") or line == f"CREATE SCHEMA {_PG_PLACEHOLDER};":
            continue
        if line.startswith("SET "):
            line = "SET LOCAL " + line.removeprefix("SET ")
        lines.append(line.replace("'search_path', '', false)", "'search_path', '', true)"))
    return "\n".join(lines)
