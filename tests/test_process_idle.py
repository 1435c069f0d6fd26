"""``mailgate process`` with nothing to do stops after asking the inbox and the outbox;
whatever either holds that is due is still processed and sent."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from mailgate.config import config_from_toml
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow, utcnow
from mailgate.store.outbox_repo import OutboxRepo
from mailgate.store.tickets_repo import OutboxRecord
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.mailfactory import build

IDLE = "processed 0, held 0, quarantined 0, failed 0, to retry 0; tickets opened 0; mail sent 0"


def _setup(tmp_path: Path) -> tuple[str, Store]:
    text = make_toml(tmp_path)
    done = run_cli(text, tmp_path, "db", "upgrade")
    assert done.returncode == 0, done.stderr
    return text, Store(config_from_toml(text, "<test>").database)


def _sent(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "outbox").glob("*.eml")) if (tmp_path / "outbox").exists() else []


def test_nothing_due_nothing_done(tmp_path: Path) -> None:
    text, store = _setup(tmp_path)
    try:
        done = run_cli(text, tmp_path, "process")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == IDLE
    finally:
        store.dispose()


def test_mail_due_in_the_outbox_alone_is_sent(tmp_path: Path) -> None:
    text, store = _setup(tmp_path)
    try:
        raw = b"From: support@helpdesk.test\r\nTo: jo@client.test\r\nSubject: x\r\n\r\nHello\r\n"
        with store.write() as s:
            OutboxRepo(s).queue(
                [OutboxRecord("reply", "out1@helpdesk.test", "", ["jo@client.test"], raw)]
            )
        done = run_cli(text, tmp_path, "process")
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().endswith("mail sent 1")
        assert len(_sent(tmp_path)) == 1
    finally:
        store.dispose()


def test_a_message_due_is_processed_and_one_waiting_for_later_is_not(tmp_path: Path) -> None:
    text, store = _setup(tmp_path)
    try:
        done = run_cli(text, tmp_path, "deliver", input=build(message_id="a@client.test").decode())
        assert done.returncode == 0, done.stderr
        with store.write() as s:
            # A retry set for later: not due, and nothing else is.
            row = s.query(InboxRow).one()
            row.next_attempt_at = utcnow() + timedelta(hours=1)
        done = run_cli(text, tmp_path, "process")
        assert done.stdout.strip() == IDLE
        with store.write() as s:
            s.query(InboxRow).one().next_attempt_at = None
        done = run_cli(text, tmp_path, "process")
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("processed 1,")
        assert "tickets opened 1" in done.stdout
    finally:
        store.dispose()
