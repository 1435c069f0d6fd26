"""Engines and sessions.  The only place that knows how each database is set up.

SQLite (the embedded default) runs in WAL mode with ``synchronous=FULL``, so a message
acknowledged after its commit survives a power loss, and with a busy timeout, so the
daemon and a ``mailgate deliver`` started by the MTA wait for each other instead of
failing.  Write transactions start with ``BEGIN IMMEDIATE``: a deferred transaction that
reads first and writes later can fail with SQLITE_BUSY at the write without waiting.

The driver's errors are translated here, once: a database that cannot be reached, is
locked past the busy timeout, or cannot write (disk full, I/O error, read-only) raises
:class:`~mailgate.errors.Unavailable`, which every edge answers with "try again later".
Other errors (a constraint, a missing table) stay SQLAlchemy's: they are bugs or schema
problems, not a moment to wait out.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.pool import NullPool

from mailgate.config import DatabaseConfig
from mailgate.errors import Unavailable

if TYPE_CHECKING:
    # multiprocessing's shared values are the daemon's: a command that writes alone
    # (``deliver``, ``import``) does without multiprocessing and ctypes.
    from multiprocessing.context import BaseContext
    from multiprocessing.sharedctypes import Synchronized

    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

_WRITE = "mailgate_write"


@dataclass(frozen=True)
class WritePriority:
    """Who goes first for SQLite's single write lock, across the daemon's processes.

    The listener's inbox writer has clients waiting on every commit; processing and
    sending have a queue that can wait a moment.  While the urgent writer waits for the
    lock it sets ``waiting``; the others do not start a transaction while it is set.
    Both are plain shared memory, written by the urgent writer alone: no lock that a
    process killed at the wrong moment could leave held for the others."""

    waiting: Synchronized[int]  # 1 while the urgent writer waits
    # time.monotonic() (one clock for all processes) of the urgent writer's last commit.
    last_urgent: Synchronized[float]
    urgent: bool = False

    @classmethod
    def create(cls, ctx: BaseContext) -> WritePriority:
        return cls(ctx.Value("b", 0, lock=False), ctx.Value("d", 0.0, lock=False))

    def urgent_busy(self, within: float) -> bool:
        """Whether the urgent writer committed in the last ``within`` seconds."""
        return time.monotonic() - self.last_urgent.value < within


class Store:
    """The database handle every command and component shares: ``read()`` and ``write()``
    give sessions; ``write()`` commits on success and rolls back on any exception.
    ``write_connection()`` is ``write()`` without the ORM, for the receivers' Core insert:
    the ORM is imported at the first session, so ``deliver`` and ``import`` never load it."""

    def __init__(
        self, config: DatabaseConfig, *, pool: bool = True, priority: WritePriority | None = None
    ) -> None:
        self.config = config
        self.url = make_url(config.url)
        self.dialect = self.url.get_backend_name()
        self.engine = _make_engine(config, pool=pool, priority=priority)
        self._priority = priority
        # Connections of this engine begin as write transactions (BEGIN IMMEDIATE on
        # SQLite, with the writer's priority): what write() and write_connection() use.
        self._writing = self.engine.execution_options(**{_WRITE: True})

    @cached_property
    def _read(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self.engine, expire_on_commit=False)

    @cached_property
    def _write(self) -> sessionmaker[Session]:
        from sqlalchemy.orm import sessionmaker

        return sessionmaker(self._writing, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        with self._write() as session, session.begin():
            yield session

    @contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A connection in a write transaction, as ``write()`` begins it, committed on
        success and rolled back on any exception."""
        with self._writing.begin() as conn:
            yield conn

    def urgent_waiting(self) -> bool:
        """Whether the writer that clients wait on (the listener's, see
        :class:`WritePriority`) waits for the write lock now: a background writer that
        holds it commits at its next step."""
        priority = self._priority
        return priority is not None and not priority.urgent and bool(priority.waiting.value)

    def connect_for_writing(self, *, autocheckpoint: bool = False) -> Connection:
        """A connection of its own for a hot write path (the listener's inbox writer,
        the sender's records), whose transactions it begins itself.  On SQLite it never
        checkpoints the WAL inside a commit (which would stall the clients waiting on
        that commit): the owner calls :meth:`checkpoint` when it is idle — unless
        ``autocheckpoint``, for an owner nobody waits on."""
        conn = self.engine.connect().execution_options(**{_WRITE: True})
        if self.is_sqlite and not autocheckpoint:
            conn.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
            conn.commit()
        return conn

    @staticmethod
    def checkpoint(conn: Connection) -> None:
        """Copy the SQLite WAL back into the database without waiting for readers."""
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            conn.commit()

    def dispose(self) -> None:
        self.engine.dispose()


def dialect_insert(dialect: str, table: Any) -> Any:
    """``INSERT`` into ``table`` in the dialect's own construct, which has ``ON CONFLICT``
    (``on_conflict_do_nothing``/``_do_update``): PostgreSQL's, or SQLite's.  PostgreSQL's
    module is imported only for it, so the commands that run on SQLite never load it."""
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(table)
    from sqlalchemy.dialects import sqlite

    return sqlite.insert(table)


def statement_connection(session: Session, *reads: type) -> Connection:
    """The session's connection, for a prepared Core statement on a hot path (the
    processing transaction's lookups and inserts): a fraction of the ORM's cost for
    each statement.  What the session holds unwritten is flushed first, as the ORM's
    own queries do (autoflush), so the statement sees it (:func:`flush_for`)."""
    flush_for(session, *reads)
    return session.connection()


def flush_for(session: Session, *reads: type, new: bool = True, changed: bool = True) -> None:
    """Write what ``session`` holds unwritten before a statement that reads the tables
    of the mapped classes ``reads`` (all of them when none is named): only when it holds
    a new, changed or deleted row of one of them.  A reply's new message and event then
    wait for the commit, or for a statement that reads them, and are written in one
    flush with what follows them, rather than before every lookup.  ``new=False``: the
    caller finds the session's new rows itself; ``changed=False``: a row read by its key,
    whose changed copy the session holds already."""
    if not session.autoflush:
        return
    states = [session.deleted]
    if new:
        states.append(session.new)
    if changed:
        states.append(session.dirty)
    if not reads or any(isinstance(obj, reads) for pending in states for obj in pending):
        session.flush()


def _make_engine(config: DatabaseConfig, *, pool: bool, priority: WritePriority | None) -> Engine:
    url = make_url(config.url)
    kwargs: dict[str, Any] = {}
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"timeout": config.busy_timeout, "check_same_thread": False}
        if not pool:
            kwargs["poolclass"] = NullPool
        engine = create_engine(url, **kwargs)
        _setup_sqlite(engine, config, priority)
        _translate_errors(engine)
        return engine
    kwargs["pool_pre_ping"] = True
    if not pool:
        kwargs["poolclass"] = NullPool
    engine = create_engine(url, **kwargs)
    _setup_postgresql(engine, config)
    _translate_errors(engine)
    return engine


# What SQLite says when the database is there but cannot be used now: locked past the
# busy timeout, not openable, or not writable.  Its other OperationalErrors ("no such
# table", a syntax error) are not about availability.
_SQLITE_UNAVAILABLE = (
    "locked",
    "busy",
    "unable to open",
    "disk i/o error",
    "database or disk is full",
    "readonly database",
)


def unavailable(ctx: ExceptionContext) -> bool:
    """Whether a driver error means the database is away rather than the statement wrong.

    PostgreSQL's OperationalErrors are all of that kind (connection lost or refused,
    lock or statement timeout, deadlock, server shutting down); SQLite's only by their
    message."""
    if ctx.is_disconnect or isinstance(ctx.sqlalchemy_exception, InterfaceError):
        return True
    if not isinstance(ctx.sqlalchemy_exception, OperationalError):
        return False
    if ctx.dialect is not None and ctx.dialect.name == "sqlite":
        said = str(ctx.original_exception).lower()
        return any(words in said for words in _SQLITE_UNAVAILABLE)
    return True


def _translate_errors(engine: Engine) -> None:
    @event.listens_for(engine, "handle_error")
    def _on_error(ctx: ExceptionContext) -> None:
        if unavailable(ctx):
            said = str(ctx.original_exception).strip().splitlines()
            first = said[0] if said else type(ctx.original_exception).__name__
            raise Unavailable(f"database unavailable: {first}") from ctx.sqlalchemy_exception


def _setup_postgresql(engine: Engine, config: DatabaseConfig) -> None:
    lock_ms = int(config.busy_timeout * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # A writer waits for a lock at most busy_timeout, then fails, and the edge answers
        # "try again later" instead of holding the client's session open indefinitely.
        cur = dbapi_conn.cursor()
        cur.execute(f"SET lock_timeout = {lock_ms}")
        cur.close()
        dbapi_conn.commit()


def _setup_sqlite(engine: Engine, config: DatabaseConfig, priority: WritePriority | None) -> None:
    busy_ms = int(config.busy_timeout * 1000)
    synchronous = config.synchronous.upper()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's events, not the driver, decide when transactions begin.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute(f"PRAGMA synchronous={synchronous}")
        cur.execute(f"PRAGMA busy_timeout={busy_ms}")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        if conn.get_execution_options().get(_WRITE, False):
            _begin_immediate(
                conn.connection.driver_connection, config.busy_timeout, busy_ms, priority
            )
        else:
            conn.exec_driver_sql("BEGIN")


def _begin_immediate(
    dbapi_conn: sqlite3.Connection, timeout: float, busy_ms: int, priority: WritePriority | None
) -> None:
    """Take SQLite's write lock, waiting at most ``timeout``.

    SQLite's own busy handler sleeps 1, 2, 5, 10, … 100 ms between attempts, so a writer
    that finds the lock taken for a millisecond often waits twenty; the listener's
    clients would wait with it.  Polling in small steps hands the lock over within a
    fraction of a millisecond of its release — and, with a :class:`WritePriority`,
    background writers step aside while the listener's writer waits."""
    deadline = time.monotonic() + timeout
    if priority is not None and not priority.urgent:
        # Let a waiting listener commit first (bounded: it commits in a millisecond).
        yield_until = time.monotonic() + 0.2
        while priority.waiting.value and time.monotonic() < yield_until:
            time.sleep(0.0002)
    urgent = priority is not None and priority.urgent
    delay = 0.0001
    dbapi_conn.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                dbapi_conn.execute("BEGIN IMMEDIATE")
                if urgent:
                    priority.last_urgent.value = time.monotonic()  # type: ignore[union-attr]
                if urgent and delay > 0.0001:
                    log.debug(
                        "waited %.1f ms for the write lock",
                        (time.monotonic() - deadline + timeout) * 1000,
                    )
                return
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e):
                    raise
                if time.monotonic() + delay > deadline:
                    raise Unavailable(
                        f"database unavailable: no write lock within {timeout:g} s ({e})"
                    ) from e
            if urgent:
                priority.waiting.value = 1  # type: ignore[union-attr]
            time.sleep(delay)
            delay = min(delay * 1.5, 0.0005 if urgent else 0.002)
    finally:
        if urgent:
            priority.waiting.value = 0  # type: ignore[union-attr]
        dbapi_conn.execute(f"PRAGMA busy_timeout={busy_ms}")
