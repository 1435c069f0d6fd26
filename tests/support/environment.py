"""What the tests need of the machine: the repository, the corpora, the PostgreSQL server,
free loopback ports, and the rule for a missing service (skip, or fail under
MAILGATE_REQUIRE_SERVICES=1)."""

from __future__ import annotations

import os
import random
import socket
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[2]
CORPORA = Path(os.environ.get("MAILGATE_CORPORA", REPO.parent / "shared" / "corpora"))
PG_URL = os.environ.get("MAILGATE_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REQUIRE_SERVICES = os.environ.get("MAILGATE_REQUIRE_SERVICES") == "1"


def missing_service(what: str) -> None:
    """Skip on a laptop without the service, the corpora or the tool; fail under
    MAILGATE_REQUIRE_SERVICES=1 (CI)."""
    if REQUIRE_SERVICES:
        pytest.fail(f"{what} (MAILGATE_REQUIRE_SERVICES=1)")
    pytest.skip(what)


# Ports handed out in this process, and a generator no test's seed can replay.
_HANDED_OUT: set[int] = set()
_PICK = random.Random(os.urandom(16))


def _ephemeral_range() -> tuple[int, int]:
    """The ports the kernel gives outgoing connections (and ``bind(0)``)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 32768, 60999


def free_port() -> int:
    """A loopback port nothing listens on, for a listener a test starts later.

    It is taken outside the kernel's ephemeral range: a port from ``bind(0)`` could be
    given to an outgoing connection — of this suite or of anything else on the machine —
    between now and the listener's bind ("address already in use" on a busy machine).
    Picked at random and never twice in one run, so that suites sharing a machine seldom
    meet."""
    low, high = _ephemeral_range()
    ports = range(10000, low) if low - 10000 >= 4096 else range(high + 1, 65536)
    for _ in range(1000):
        port = _PICK.choice(ports)
        if port in _HANDED_OUT:
            continue
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError("no free loopback port outside the ephemeral range")


def pg_admin() -> Any:
    """An engine on the PostgreSQL server in autocommit mode; a missing service if the
    server does not answer."""
    try:
        engine = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as e:  # noqa: BLE001 - any failure means: no server here
        missing_service(f"PostgreSQL at {PG_URL} is not reachable: {type(e).__name__}")
    return engine
