"""Real SMTP and LMTP sessions over loopback against the running listener."""

from __future__ import annotations

import smtplib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from mailgate.config import Config
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow, Ticket
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.smtp import Dialogue
from tests.support.store import count
from tests.support.waiting import poll_until

SUPPORT = "support@helpdesk.test"


def test_message_is_answered_250_after_commit(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    d = run_daemon(config, roles=("smtp",))
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        code, _ = c.ehlo("client.test")
        assert code == 250
        refused = c.sendmail("jo@client.test", [SUPPORT], build())
        assert refused == {}
    # The 250 was given after the commit: the row is there the moment sendmail returns.
    with store.read() as s:
        [row] = s.query(InboxRow).all()
        assert row.source == "smtp"
        assert row.envelope_sender == "jo@client.test"
        assert row.recipients == [SUPPORT]
        assert row.state == "received"


def test_unknown_recipient_is_refused_550_5_1_1(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    d = run_daemon(config, roles=("smtp",))
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        c.ehlo("client.test")
        c.mail("jo@client.test")
        code, msg = c.rcpt("nobody@helpdesk.test")
        assert code == 550
        assert msg.startswith(b"5.1.1")
        code, _ = c.rcpt("support+anything@helpdesk.test")
        assert code == 250


def test_oversized_message_is_refused_552(
    make_config: Callable[..., Config], run_daemon: Callable[..., RunningDaemon]
) -> None:
    config = make_config(extra="")
    config = config.model_copy(
        update={
            "inbound": config.inbound.model_copy(
                update={"smtp": config.inbound.smtp.model_copy(update={"max_message_bytes": 2048})}
            )
        }
    )
    d = run_daemon(config, roles=("smtp",))
    big = build(body="x" * 5000 + "\n")
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        # A client that declares SIZE is refused at MAIL FROM (RFC 1870)…
        with pytest.raises(smtplib.SMTPSenderRefused) as refused:
            c.sendmail("jo@client.test", [SUPPORT], big)
        assert refused.value.smtp_code == 552
        # …one that does not, after DATA.
        c.rset()
        c.mail("jo@client.test")
        c.rcpt(SUPPORT)
        code, _ = c.data(big)
        assert code == 552


def test_null_sender_and_long_lines_are_accepted(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    d = run_daemon(config, roles=("smtp",))
    # Outlook's HTML parts carry lines far over RFC 5321's 1,000 octets.
    long_line = "<p>" + "word " * 2000 + "</p>"
    raw = build(html=long_line).replace(b"Content-Transfer-Encoding: 7bit", b"", 0)
    raw = raw + b"\r\n" + long_line.encode() + b"\r\n"
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        assert c.sendmail("<>", [SUPPORT], raw) == {}
    with store.read() as s:
        row = s.query(InboxRow).one()
        assert row.envelope_sender == ""


def test_database_refusing_writes_answers_451_never_250(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon], tmp_path: Path
) -> None:
    d = run_daemon(config, roles=("smtp",))
    db_file = config.database.url.removeprefix("sqlite:///")
    # Another process holds the write lock for longer than the busy timeout (5 s here).
    blocker = sqlite3.connect(db_file, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with (
            smtplib.SMTP("127.0.0.1", d.port, timeout=30) as c,
            pytest.raises(smtplib.SMTPDataError) as err,
        ):
            c.sendmail("jo@client.test", [SUPPORT], build(message_id="locked@client.test"))
        assert err.value.smtp_code == 451
        assert err.value.smtp_error.startswith(b"4.3.0")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert count(store, InboxRow) == 0
    # Once the database is back, the client's retry is stored once.
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        assert c.sendmail("jo@client.test", [SUPPORT], build(message_id="locked@client.test")) == {}
    assert count(store, InboxRow) == 1


def test_lmtp_answers_once_per_recipient(
    make_config: Callable[..., Config], store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    config = make_config()
    config = config.model_copy(
        update={
            "inbound": config.inbound.model_copy(
                update={"smtp": config.inbound.smtp.model_copy(update={"protocol": "lmtp"})}
            )
        }
    )
    d = run_daemon(config, roles=("smtp",))
    # smtplib's LMTP client reads one reply to DATA; RFC 2033 §4.2 asks for one per
    # recipient, so the dialogue is spoken here byte by byte.
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        assert s.say(b"LHLO client.test").startswith(b"250")
        assert s.say(b"MAIL FROM:<jo@client.test>").startswith(b"250")
        assert s.say(b"RCPT TO:<support@helpdesk.test>").startswith(b"250")
        assert s.say(b"RCPT TO:<nobody@helpdesk.test>").startswith(b"550")
        assert s.say(b"RCPT TO:<billing@helpdesk.test>").startswith(b"250")
        assert s.say(b"DATA").startswith(b"354")
        s.send(build() + b".\r\n")
        replies = [s.reply(), s.reply()]
        assert all(r.startswith(b"250 2.0.0") for r in replies), replies
        assert s.say(b"QUIT").startswith(b"221")
    with store.read() as s:
        row = s.query(InboxRow).one()
        assert row.source == "lmtp"
        assert row.recipients == [SUPPORT, "billing@helpdesk.test"]


def test_concurrent_sessions_are_committed_together(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    import threading

    d = run_daemon(config, roles=("smtp",))
    errors: list[BaseException] = []

    def client(n: int) -> None:
        try:
            with smtplib.SMTP("127.0.0.1", d.port, timeout=20) as c:
                for i in range(20):
                    c.sendmail(
                        "jo@client.test", [SUPPORT], build(message_id=f"c{n}-{i}@client.test")
                    )
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert count(store, InboxRow) == 160
    writer = d.daemon.writer
    assert writer is not None
    assert writer.committed == 160
    assert writer.batches < 160, "concurrent messages should share commits"


def test_full_daemon_turns_mail_into_ticket_and_acknowledgment(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    d = run_daemon(config)
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        c.sendmail("jo@client.test", [SUPPORT], build(message_id="e2e@client.test"))
    outbox_dir = Path(config.outbound.directory)
    poll_until(lambda: len(list(outbox_dir.glob("*.eml"))) == 1)
    assert count(store, Ticket) == 1
    assert d.stop() == 0


def test_malformed_envelope_address_is_a_syntax_error_not_an_internal_one(
    config: Config, run_daemon: Callable[..., RunningDaemon]
) -> None:
    d = run_daemon(config, roles=("smtp",))
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        c.ehlo("client.test")
        for arg in ("<", ".@["):
            code, msg = c.docmd("MAIL FROM:" + arg)
            assert 500 <= code < 600, (arg, code, msg)
            assert b"IndexError" not in msg
            assert b"AttributeError" not in msg
            assert b"Traceback" not in msg


def test_writer_process_that_dies_costs_a_451_then_comes_back(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    import os
    import signal

    d = run_daemon(config, roles=("smtp",))
    writer = d.daemon.writer
    assert writer is not None
    assert writer._proc is not None
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        assert c.sendmail("jo@client.test", [SUPPORT], build(message_id="w1@client.test")) == {}
        os.kill(writer._proc.pid, signal.SIGKILL)
        writer._proc.join(5)
        with pytest.raises(smtplib.SMTPDataError) as err:
            c.sendmail("jo@client.test", [SUPPORT], build(message_id="w2@client.test"))
        assert err.value.smtp_code == 451
    poll_until(lambda: writer.running, timeout=20)
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        assert c.sendmail("jo@client.test", [SUPPORT], build(message_id="w2@client.test")) == {}
    assert count(store, InboxRow) == 2


def test_sigterm_lets_a_session_in_data_finish(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    d = run_daemon(config, roles=("smtp",))
    with Dialogue(d.port) as s:
        s.reply()
        s.say(b"EHLO client.test")
        s.say(b"MAIL FROM:<jo@client.test>")
        s.say(b"RCPT TO:<support@helpdesk.test>")
        assert s.say(b"DATA").startswith(b"354")
        raw = build(message_id="inflight@client.test")
        s.send(raw[: len(raw) // 2])
        d.loop.call_soon_threadsafe(d.daemon.request_stop)
        time.sleep(0.5)
        s.send(raw[len(raw) // 2 :] + b".\r\n")
        assert s.reply().startswith(b"250")
    assert d.stop() == 0
    assert count(store, InboxRow) == 1
