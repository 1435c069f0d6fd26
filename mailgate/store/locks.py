"""Locks that make one instance at a time do a job: poll one mailbox folder, run one
scheduled job.

On PostgreSQL a session-level advisory lock, held by a connection of its own for as long
as the job runs: when the instance dies, its connection goes and so does the lock, and
another instance takes over.  A process that is killed closes its sockets at once; a
machine that vanishes does not, so the lock's connection asks the server to probe it
with TCP keepalives and give up on it within about ``takeover`` seconds (and the client
to do the same, so that a holder cut off from the server learns that its lock is gone).
On SQLite, whose instances share one machine, an exclusive ``flock`` on a file beside
the database, which the kernel releases the same way.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import zlib
from pathlib import Path
from typing import IO

from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.pool import NullPool

from mailgate.store.engine import Store

log = logging.getLogger(__name__)


def _key(name: str) -> tuple[int, int]:
    data = name.encode("utf-8")
    # Two signed 32-bit halves for pg_try_advisory_lock(int, int), stable across runs.
    first, second = zlib.crc32(b"mailgate:" + data), zlib.adler32(data)
    return (
        first - (1 << 32) if first >= 1 << 31 else first,
        second - (1 << 32) if second >= 1 << 31 else second,
    )


class JobLock:
    """``try_acquire()`` once, then hold until ``release()``."""

    def __init__(self, store: Store, name: str, *, takeover: float = 10.0) -> None:
        self.store = store
        self.name = name
        self.takeover = takeover
        self._conn: Connection | None = None
        self._file: IO[bytes] | None = None
        self._engine: Engine | None = None

    @property
    def held(self) -> bool:
        return self._conn is not None or self._file is not None

    def try_acquire(self) -> bool:
        if self.held:
            return True
        if self.store.dialect == "postgresql":
            # A connection of the lock's own, outside the store's pool: a lock held for
            # days must not take a connection the writes need.
            if self._engine is None:
                self._engine = create_engine(
                    self.store.url, poolclass=NullPool, connect_args=_keepalives(self.takeover)
                )
            conn = self._engine.connect()
            a, b = _key(self.name)
            try:
                _server_probes(conn, self.takeover)
                got = bool(
                    conn.execute(
                        text("SELECT pg_try_advisory_lock(:a, :b)"), {"a": a, "b": b}
                    ).scalar()
                )
                conn.commit()
            except Exception:
                conn.close()
                raise
            if got:
                self._conn = conn
            else:
                conn.close()
            return got
        path = self._lock_path()
        if path is None:
            return True  # an in-memory database belongs to one process anyway
        f = open(path, "ab")  # noqa: SIM115 - held open for as long as the lock is held
        try:
            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            f.close()
            return False
        self._file = f
        return True

    def release(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                a, b = _key(self.name)
                self._conn.execute(text("SELECT pg_advisory_unlock(:a, :b)"), {"a": a, "b": b})
                self._conn.commit()
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self._file is not None:
            with contextlib.suppress(OSError):
                fcntl.flock(self._file.fileno(), fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def _lock_path(self) -> Path | None:
        database = self.store.url.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in self.name)
        return Path(f"{database}.{safe}.lock")

    def still_held(self) -> bool:
        """Whether the lock is still ours (its PostgreSQL connection alive)."""
        if self._conn is None:
            return self._file is not None
        try:
            self._conn.execute(text("SELECT 1"))
            self._conn.commit()
        except Exception:  # noqa: BLE001 - a dead connection: the lock is gone
            self.release()
            return False
        return True


def _probes(takeover: float) -> tuple[int, int]:
    """TCP keepalive timing that notices a vanished peer within about ``takeover``
    seconds: the first probe after a third of it, then three more a sixth apart."""
    return max(1, int(takeover / 3)), max(1, int(takeover / 6))


def _keepalives(takeover: float) -> dict[str, object]:
    """libpq's side of the probes: a holder cut off from the server learns it."""
    idle, interval = _probes(takeover)
    return {
        "keepalives": 1,
        "keepalives_idle": idle,
        "keepalives_interval": interval,
        "keepalives_count": 3,
        "tcp_user_timeout": int(takeover * 1000),
    }


def _server_probes(conn: Connection, takeover: float) -> None:
    """The server's side (its own ``tcp_keepalives_*`` settings, per session): a holder
    whose machine vanished loses its connection, and so its locks, in about
    ``takeover``."""
    idle, interval = _probes(takeover)
    for name, value in (
        ("tcp_keepalives_idle", idle),
        ("tcp_keepalives_interval", interval),
        ("tcp_keepalives_count", 3),
    ):
        conn.execute(text(f"SET {name} = {int(value)}"))


__all__ = ["JobLock"]
