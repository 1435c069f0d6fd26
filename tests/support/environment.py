"""What the tests need of the machine: the repository, the corpora, the PostgreSQL server,
free loopback ports, and the rule for a missing service (skip, or fail under
MAILGATE_REQUIRE_SERVICES=1)."""

from __future__ import annotations

import os
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


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
