"""Shared fixtures and hooks: configurations in temporary directories (some sending to a
relay on a loopback port), stores on SQLite and on the PostgreSQL server of this machine,
a daemon running on a loopback port, the corpora.  The helpers they use are in
tests/support."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from mailgate.config import Config, config_from_toml
from mailgate.process import Processor
from mailgate.send.worker import Sender
from mailgate.store.engine import Store
from tests.support.config import make_toml
from tests.support.daemon import RunningDaemon
from tests.support.dovecot import Dovecot, dovecot_binary
from tests.support.environment import (
    CORPORA,
    PG_URL,
    REQUIRE_SERVICES,
    missing_service,
    pg_admin,
)
from tests.support.processes import Run
from tests.support.schemas import migrated


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """Under MAILGATE_REQUIRE_SERVICES=1 no test passes by skipping: whatever made a test
    skip — a service, the corpora, a tool, a limit of the machine — fails the run."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if REQUIRE_SERVICES and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, which MAILGATE_REQUIRE_SERVICES=1 does not allow: {reason}"


@pytest.fixture
def make_config(tmp_path: Path) -> Callable[..., Config]:
    def factory(db_url: str | None = None, port: int | None = None, extra: str = "") -> Config:
        return config_from_toml(make_toml(tmp_path, db_url, port, extra), "<test>")

    return factory


@pytest.fixture
def config(make_config: Callable[..., Config]) -> Config:
    return make_config()


@pytest.fixture
def store(config: Config) -> Iterator[Store]:
    s = Store(config.database)
    migrated(s)
    yield s
    s.dispose()


@pytest.fixture
def processor(config: Config, store: Store) -> Processor:
    return Processor(config, store)


@pytest.fixture
def sender(config: Config, store: Store) -> Iterator[Sender]:
    s = Sender(config.outbound, store)
    yield s
    s.close()


# -- outbound mail over SMTP to a relay on a loopback port -------------------------------


@pytest.fixture
def smtp_config(tmp_path: Path) -> Callable[..., Config]:
    """A configuration whose [outbound] section sends to a relay on a loopback port."""

    def factory(
        port: int,
        outbound: str = "",
        db_url: str | None = None,
        extra: str = "",
        timeout: str = "5s",
    ) -> Config:
        text = make_toml(tmp_path, db_url=db_url, extra=extra).replace(
            "[outbound]\n",
            '[outbound]\ntransport = "smtp"\nhost = "127.0.0.1"\n'
            f'port = {port}\ntimeout = "{timeout}"\nretry_after = "50ms"\n'
            'max_retry_interval = "1s"\n' + outbound,
            1,
        )
        (tmp_path / "mailgate.toml").write_text(text)
        return config_from_toml(text, "<test>")

    return factory


@pytest.fixture
def open_store() -> Iterator[Callable[[Config], Store]]:
    stores: list[Store] = []

    def factory(config: Config) -> Store:
        s = Store(config.database)
        migrated(s)
        stores.append(s)
        return s

    yield factory
    for s in stores:
        s.dispose()


# -- PostgreSQL -----------------------------------------------------------------------------


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections work in a schema of their own, dropped afterwards."""
    admin = pg_admin()
    schema = f"mg_test_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


# -- a daemon on a loopback port, in a thread of the test process ---------------------------


@pytest.fixture
def run_daemon() -> Iterator[Callable[..., RunningDaemon]]:
    started: list[RunningDaemon] = []

    def start(
        config: Config, roles: tuple[str, ...] = ("smtp", "process", "send")
    ) -> RunningDaemon:
        d = RunningDaemon(config, roles).start()
        started.append(d)
        return d

    yield start
    for d in started:
        if d._thread.is_alive():
            d.stop()


@pytest.fixture
def runs() -> Iterator[Callable[..., Run]]:
    """Start ``mailgate ARGS…`` as a process in a session of its own; killed with its
    process group at the end of the test."""
    started: list[Run] = []

    def go(cwd: Path, *args: str, env: dict[str, str] | None = None) -> Run:
        r = Run(cwd, *args, env=env)
        started.append(r)
        return r

    yield go
    for r in started:
        r.kill()


@pytest.fixture(scope="session")
def corpora() -> Path:
    if not CORPORA.is_dir():
        missing_service(f"the corpora are not at {CORPORA} (set MAILGATE_CORPORA)")
    return CORPORA


# -- Dovecot ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    """A Dovecot IMAP server on a loopback port for the whole session; each test makes a
    user (a mailbox) of its own with ``dovecot.add_user()``."""
    binary = dovecot_binary()
    if binary is None:
        missing_service("Dovecot is not installed (`make test` installs dovecot-imapd)")
    server = Dovecot(str(binary))
    try:
        server.start()
    except RuntimeError as e:
        server.stop()
        missing_service(str(e))
    yield server
    server.stop()
