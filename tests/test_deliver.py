"""``mailgate deliver`` as an MTA runs it: a process, a message on stdin, an exit status."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mailgate.store.engine import Store
from mailgate.store.models import InboxRow
from tests.conftest import make_toml
from tests.mailfactory import build


@pytest.fixture
def conf_file(tmp_path: Path) -> Path:
    path = tmp_path / "mailgate.toml"
    path.write_text(make_toml(tmp_path).replace('busy_timeout = "5s"', 'busy_timeout = "1s"'))
    return path


def deliver(
    conf: Path, raw: bytes, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), "deliver", *args],
        input=raw,
        capture_output=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def rows(tmp_path: Path) -> list[tuple[str, str | None, list[str]]]:
    db = tmp_path / "mailgate.db"
    if not db.exists():
        return []
    from mailgate.config import DatabaseConfig

    store = Store(DatabaseConfig(url=f"sqlite:///{db}"))
    try:
        with store.read() as s:
            return [(r.source, r.envelope_sender, r.recipients) for r in s.query(InboxRow)]
    finally:
        store.dispose()


def test_deliver_stores_and_exits_0(conf_file: Path, tmp_path: Path) -> None:
    p = deliver(
        conf_file, build(), "--sender", "jo@client.test", "--recipient", "support@helpdesk.test"
    )
    assert p.returncode == 0, p.stderr
    assert rows(tmp_path) == [("deliver", "jo@client.test", ["support@helpdesk.test"])]


def test_deliver_same_message_twice_stores_once(conf_file: Path, tmp_path: Path) -> None:
    raw = build(message_id="twice@client.test")
    assert deliver(conf_file, raw, "-r", "support@helpdesk.test").returncode == 0
    assert deliver(conf_file, raw, "-r", "support@helpdesk.test").returncode == 0
    assert len(rows(tmp_path)) == 1


def test_unknown_recipient_exits_67(conf_file: Path, tmp_path: Path) -> None:
    p = deliver(conf_file, build(), "--recipient", "nobody@helpdesk.test")
    assert p.returncode == 67
    assert b"no such mailbox" in p.stderr
    assert rows(tmp_path) == []


def test_null_sender_is_recorded_as_empty_reverse_path(conf_file: Path, tmp_path: Path) -> None:
    assert (
        deliver(conf_file, build(), "--sender", "", "-r", "support@helpdesk.test").returncode == 0
    )
    assert rows(tmp_path)[0][1] == ""


def test_locked_database_exits_75(conf_file: Path, tmp_path: Path) -> None:
    assert deliver(conf_file, build(message_id="a@client.test")).returncode == 0
    blocker = sqlite3.connect(tmp_path / "mailgate.db", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        p = deliver(conf_file, build(message_id="b@client.test"))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert p.returncode == 75, p.stderr
    assert b"try again later" in p.stderr


def test_bad_configuration_exits_75_not_a_bounce(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[inbound.smtp]\nport = "twenty-five"\n')
    p = deliver(bad, build())
    assert p.returncode == 75
    assert b"inbound.smtp.port" in p.stderr


def test_unexpected_error_exits_75_not_1(conf_file: Path, tmp_path: Path) -> None:
    # A database path that cannot be created is an error nobody anticipated here.
    conf_file.write_text(
        conf_file.read_text().replace(str(tmp_path / "mailgate.db"), "/proc/forbidden/mailgate.db")
    )
    p = deliver(conf_file, build())
    assert p.returncode == 75, p.stderr
    assert b"Traceback" in p.stderr or b"mailgate:" in p.stderr


def test_empty_input_exits_75_the_pipe_is_misconfigured(conf_file: Path) -> None:
    assert deliver(conf_file, b"").returncode == 75


def test_bad_arguments_exit_75_not_a_bounce(conf_file: Path) -> None:
    p = deliver(conf_file, build(), "--no-such-option")
    assert p.returncode == 75
    assert b"no-such-option" in p.stderr


def test_copies_to_two_departments_are_one_row_with_both_recipients(
    conf_file: Path, tmp_path: Path
) -> None:
    raw = build(message_id="both@client.test", to="support@helpdesk.test, billing@helpdesk.test")
    assert deliver(conf_file, raw, "-r", "support@helpdesk.test").returncode == 0
    assert deliver(conf_file, raw, "-r", "billing@helpdesk.test").returncode == 0
    assert rows(tmp_path) == [("deliver", None, ["support@helpdesk.test", "billing@helpdesk.test"])]


def test_too_large_input_exits_65(conf_file: Path) -> None:
    conf_file.write_text(
        conf_file.read_text().replace("port = ", "max_message_bytes = 2048\nport = ")
    )
    assert deliver(conf_file, build(body="x" * 5000)).returncode == 65
