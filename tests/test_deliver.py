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
from tests.support.config import make_toml
from tests.support.environment import free_port
from tests.support.mailfactory import build


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


def test_database_that_cannot_be_opened_exits_75(conf_file: Path, tmp_path: Path) -> None:
    conf_file.write_text(
        conf_file.read_text().replace(str(tmp_path / "mailgate.db"), "/proc/forbidden/mailgate.db")
    )
    p = deliver(conf_file, build())
    assert p.returncode == 75, p.stderr
    assert b"not stored, try again later" in p.stderr


def test_database_not_upgraded_exits_75_and_says_what_to_run(
    conf_file: Path, tmp_path: Path, pg_url: str
) -> None:
    # An empty PostgreSQL schema is not created behind the admin's back.
    conf_file.write_text(
        conf_file.read_text().replace(f"sqlite:///{tmp_path / 'mailgate.db'}", pg_url)
    )
    p = deliver(conf_file, build(), "-r", "support@helpdesk.test")
    assert p.returncode == 75, p.stderr
    assert b"run `mailgate db upgrade`" in p.stderr
    assert b"Traceback" not in p.stderr


def test_unexpected_error_exits_75_not_1(conf_file: Path) -> None:
    # Standard input closed altogether: nothing anticipated it, the MTA must keep the mail.
    p = subprocess.run(
        f'exec "{sys.executable}" -m mailgate --config "{conf_file}" deliver '
        "-r support@helpdesk.test <&-",
        shell=True,
        capture_output=True,
        timeout=60,
    )
    assert p.returncode == 75, p.stderr
    assert b"unexpected error, message not stored" in p.stderr


@pytest.mark.parametrize("raw", [b"", b"\n", b" \r\n\t\r\n"], ids=["nothing", "newline", "blanks"])
def test_empty_or_blank_input_exits_65_and_stores_nothing(
    conf_file: Path, tmp_path: Path, raw: bytes
) -> None:
    p = deliver(conf_file, raw, "-r", "support@helpdesk.test")
    assert p.returncode == 65, p.stderr
    assert b"no message on standard input" in p.stderr
    assert rows(tmp_path) == []


def test_text_without_a_header_block_is_stored_not_refused(conf_file: Path, tmp_path: Path) -> None:
    # Something someone wrote: it is kept, and processing decides what it is.
    p = deliver(conf_file, b"my printer is broken\n", "-r", "support@helpdesk.test")
    assert p.returncode == 0, p.stderr
    assert rows(tmp_path) == [("deliver", None, ["support@helpdesk.test"])]


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


def test_input_over_max_message_bytes_exits_65_and_one_at_the_limit_is_stored(
    conf_file: Path, tmp_path: Path
) -> None:
    conf_file.write_text(
        conf_file.read_text().replace("port = ", "max_message_bytes = 2048\nport = ")
    )
    head = build(message_id="limit@client.test", body="")
    at_limit = head + b"x" * (2048 - len(head))
    p = deliver(conf_file, at_limit + b"x", "-r", "support@helpdesk.test")
    assert p.returncode == 65, p.stderr
    assert b"larger than the limit of 2048 bytes" in p.stderr
    assert rows(tmp_path) == []
    assert deliver(conf_file, at_limit, "-r", "support@helpdesk.test").returncode == 0
    assert len(rows(tmp_path)) == 1


def test_unreachable_database_exits_75_with_the_reason(conf_file: Path, tmp_path: Path) -> None:
    closed = f"postgresql+psycopg://postgres@127.0.0.1:{free_port()}/test"
    conf_file.write_text(
        conf_file.read_text().replace(f"sqlite:///{tmp_path / 'mailgate.db'}", closed)
    )
    p = deliver(conf_file, build(), "-r", "support@helpdesk.test")
    assert p.returncode == 75, p.stderr
    assert b"not stored, try again later" in p.stderr
    assert b"Traceback" not in p.stderr


def test_deliver_works_without_the_daemons_environment(conf_file: Path, tmp_path: Path) -> None:
    # Postfix's pipe(8) gives the command a clean environment: an IMAP password that the
    # daemon takes from its environment is not there, and deliver needs none.
    password = tmp_path / "imap.password"
    conf_file.write_text(
        conf_file.read_text()
        + '\n[[inbound.imap]]\nname = "box"\nhost = "imap.example.com"\nusername = "u"\n'
        'password_env = "MAILGATE_TEST_ONLY_THE_DAEMON_HAS_IT"\n'
        '[[inbound.imap]]\nname = "other"\nhost = "imap.example.com"\nusername = "u"\n'
        f'password_file = "{password}"\n'
    )
    env = {k: v for k, v in os.environ.items() if k != "MAILGATE_TEST_ONLY_THE_DAEMON_HAS_IT"}
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "mailgate",
            "--config",
            str(conf_file),
            "deliver",
            "-r",
            "support@helpdesk.test",
        ],
        input=build(),
        capture_output=True,
        timeout=60,
        env=env,
    )
    assert p.returncode == 0, p.stderr
    assert len(rows(tmp_path)) == 1
