"""Shared fixtures: configurations in temporary directories, stores on SQLite and on the
PostgreSQL server of this machine, a daemon running on a loopback port, the corpora."""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from mailgate.config import Config, config_from_toml
from mailgate.ops.daemon import Daemon
from mailgate.process import Processor
from mailgate.send.worker import Sender, SendResult
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from tests.support.dovecot import Dovecot, dovecot_binary
from tests.support.processes import Run

REPO = Path(__file__).resolve().parents[1]
CORPORA = Path(os.environ.get("MAILGATE_CORPORA", REPO.parent / "shared" / "corpora"))
PG_URL = os.environ.get("MAILGATE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("MAILGATE_REQUIRE_SERVICES") == "1"


def missing_service(what: str) -> None:
    """Skip on a laptop without the service, the corpora or the tool; fail under
    MAILGATE_REQUIRE_SERVICES=1 (CI)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} (MAILGATE_REQUIRE_SERVICES=1)")
    pytest.skip(what)


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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


BASE_TOML = """
[helpdesk]
domain = "helpdesk.test"
name = "Test Helpdesk"

[[departments]]
name = "support"
address = "support@helpdesk.test"
display_name = "Test Support"

[[departments]]
name = "billing"
address = "billing@helpdesk.test"

[database]
url = "{db_url}"
busy_timeout = "5s"

[inbound.smtp]
host = "127.0.0.1"
port = {port}

[processing]
poll_interval = "100ms"
retry_after = "1s"

[outbound]
directory = "{outbox}"
poll_interval = "100ms"

[daemon]
shutdown_timeout = "5s"

[security]
# Mail built with tests.support.mailfactory.AUTHENTICATED carries this MTA's verdict.
authserv_id = "mx.helpdesk.test"
"""


def make_toml(
    tmp: Path, db_url: str | None = None, port: int | None = None, extra: str = ""
) -> str:
    return (
        BASE_TOML.format(
            db_url=db_url or f"sqlite:///{tmp / 'mailgate.db'}",
            port=port or free_port(),
            outbox=tmp / "outbox",
        )
        + extra
    )


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
    upgrade(s)
    yield s
    s.dispose()


@pytest.fixture
def processor(config: Config, store: Store) -> Processor:
    return Processor(config, store)


def send_queued(config: Config, store: Store) -> SendResult:
    """Send everything queued, with a sender of its own (closed afterwards)."""
    s = Sender(config.outbound, store)
    try:
        return s.drain()
    finally:
        s.close()


@pytest.fixture
def sender(config: Config, store: Store) -> Iterator[Sender]:
    s = Sender(config.outbound, store)
    yield s
    s.close()


# -- PostgreSQL -----------------------------------------------------------------------------


def _pg_admin() -> Any:
    try:
        engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as e:  # noqa: BLE001 - any failure means: no server here
        missing_service(f"PostgreSQL at {PG_URL} is not reachable: {type(e).__name__}")
    return engine


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A URL whose connections work in a schema of their own, dropped afterwards."""
    admin = _pg_admin()
    schema = f"mg_test_{secrets.token_hex(4)}"
    with admin.connect() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    sep = "&" if "?" in PG_URL else "?"
    yield f"{PG_URL}{sep}options=-csearch_path%3D{schema}"
    with admin.connect() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


# -- a daemon on a loopback port, in a thread of the test process ---------------------------


class RunningDaemon:
    def __init__(self, config: Config, roles: tuple[str, ...]) -> None:
        self.config = config
        self.daemon = Daemon(config, roles)
        self.loop = asyncio.new_event_loop()
        self.exit_code: int | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, daemon=True)
        self._ready = threading.Event()

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def run() -> int:
            task = asyncio.ensure_future(self.daemon.run())
            ready = asyncio.ensure_future(self.daemon.wait_ready())
            await asyncio.wait({task, ready}, return_when=asyncio.FIRST_COMPLETED)
            self._ready.set()
            return await task

        try:
            self.exit_code = self.loop.run_until_complete(run())
        except BaseException as e:  # noqa: BLE001 - reported to the test
            self.error = e
            self._ready.set()

    def start(self) -> RunningDaemon:
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("daemon did not start")
        if self.error:
            raise self.error
        return self

    @property
    def port(self) -> int:
        return self.config.inbound.smtp.port

    def stop(self) -> int | None:
        self.loop.call_soon_threadsafe(self.daemon.request_stop)
        self._thread.join(30)
        self.loop.close()
        return self.exit_code


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
