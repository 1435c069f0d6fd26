"""The SMTP transport against a real relay: an aiosmtpd server on a loopback port that
captures what it is sent, answers what a test scripts, speaks STARTTLS and implicit TLS
with a certificate made in the test, and asks for a login."""

from __future__ import annotations

import base64
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import dkim
import pytest
import trustme
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from mailgate.cli.main import cli
from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.send.transports import SmtpTransport
from mailgate.send.worker import Sender
from mailgate.store.engine import Store
from mailgate.store.models import OutboxRow, utcnow
from mailgate.store.outbox_repo import OutboxRepo
from mailgate.store.tickets_repo import OutboxRecord
from tests.support.environment import free_port
from tests.support.mailfactory import build
from tests.support.smtp import Relay

SUPPORT = "support@helpdesk.test"
USER, PASSWORD = "helpdesk", "s3cret-relay-password"


# -- the relay ---------------------------------------------------------------------------


@pytest.fixture
def relay() -> Iterator[Relay]:
    r = Relay().start()
    yield r
    r.stop()


# -- configuration, store, queued mail ---------------------------------------------------


def queue(store: Store, n: int, recipients: tuple[str, ...] = ("jo@client.test",)) -> list[int]:
    records = [
        OutboxRecord(
            "ticket_opened",
            f"out{i}.{time.monotonic_ns()}@helpdesk.test",
            SUPPORT,
            list(recipients),
            build(
                from_=f"Support <{SUPPORT}>",
                to=", ".join(recipients),
                subject=f"#[{i}] Your request",
                message_id=f"out{i}.{time.monotonic_ns()}@helpdesk.test",
            ).replace(b"\n", b"\r\n"),
        )
        for i in range(n)
    ]
    with store.write() as s:
        return OutboxRepo(s).queue(records)


def rows(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def open_ticket(config: Config, store: Store) -> OutboxRow:
    """A client's mail processed into ticket 1 with its acknowledgment queued."""
    env = Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1")
    store_messages(store, [(env, build(message_id="first@client.test"))])
    assert Processor(config, store).drain().outgoing == 1
    [row] = rows(store)
    return row


def send_until(sender: Sender, done: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, "the sender did not get there in time"
        if not sender.run_once().total:
            time.sleep(0.02)


# -- delivery -----------------------------------------------------------------------------


def test_relay_receives_the_exact_bytes_with_the_rows_envelope(
    relay: Relay, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    config = smtp_config(relay.port)
    store = open_store(config)
    ack = open_ticket(config, store)
    sender = Sender(config.outbound, store)
    try:
        assert sender.run_once().sent == 1
    finally:
        sender.close()
    [got] = relay.received
    assert got.content == ack.raw
    assert (got.mail_from, got.rcpt_tos) == (ack.envelope_sender, tuple(ack.recipients))
    assert (ack.envelope_sender, ack.recipients) == (SUPPORT, ["jo@client.test"])
    [row] = rows(store)
    assert row.state == "sent"
    assert row.delivered_to == f"smtp 127.0.0.1:{relay.port}: 250 2.0.0 Ok: queued as Q1"
    assert row.last_error is None


def test_a_batch_goes_over_one_connection_and_a_dropped_one_is_reopened(
    relay: Relay, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    config = smtp_config(relay.port)
    store = open_store(config)
    queue(store, 5)
    transport = SmtpTransport(config.outbound)
    sender = Sender(config.outbound, store, transport)
    assert sender.run_once().sent == 5
    assert transport.sessions == 1
    assert len({r.peer for r in relay.received}) == 1
    # The relay restarts while the connection is idle: the next message reconnects.
    queue(store, 2)
    relay.stop()
    relay.start()
    assert sender.run_once().sent == 2
    assert transport.sessions == 2
    assert sender.run_once().total == 0
    assert transport._conn is None, "the connection is closed once nothing is due"
    sender.close()
    assert len(relay.received) == 7
    assert all(n == 1 for n in relay.message_ids().values())


def test_each_outcome_is_committed_before_the_next_message_can_be_delivered(
    relay: Relay, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    """The relay looks at the database as each message's final dot arrives: every
    message before it is already recorded as sent."""
    config = smtp_config(relay.port)
    store = open_store(config)
    ids = queue(store, 6)
    seen: list[list[str]] = []

    def look(content: bytes) -> None:
        seen.append([r.state for r in rows(store)])

    relay.on_data = look
    sender = Sender(config.outbound, store)
    try:
        assert sender.run_once().sent == 6
    finally:
        sender.close()
    assert len(seen) == len(ids)
    for k, states in enumerate(seen):
        assert states[:k] == ["sent"] * k, f"message {k + 1}: {states}"
        assert states[k:] == ["sending"] * (len(ids) - k)


def test_a_record_that_fails_stops_the_next_message_before_its_final_dot(
    relay: Relay, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    """The database refuses the record of the first message after the relay took it:
    the second is not delivered, so no more than one message is sent and not recorded
    (the first is sent again after its lease, the window every MTA has)."""
    config = smtp_config(relay.port)
    store = open_store(config)
    first, _second = queue(store, 2)
    with store.write() as s:
        s.execute(
            text(
                "CREATE TRIGGER refuse BEFORE UPDATE ON outbox "
                f"WHEN NEW.state = 'sent' AND OLD.id = {first} "
                "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
            )
        )
    sender = Sender(config.outbound, store)
    try:
        with pytest.raises(IntegrityError, match="disk is full"):
            sender.run_once()
    finally:
        sender.close()
    assert len(relay.received) == 1
    assert [r.state for r in rows(store)] == ["sending", "sending"]


def test_relay_down_then_up_delivers_exactly_once(
    smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    port = free_port()  # nothing listens here yet
    config = smtp_config(port)
    store = open_store(config)
    queue(store, 3)
    sender = Sender(config.outbound, store)
    result = sender.run_once()
    assert (result.sent, result.retried) == (0, 3), "the whole batch waits for the relay"
    for row in rows(store):
        assert row.state == "queued"
        assert row.last_error == f"relay 127.0.0.1:{port}: connection refused"
        assert row.attempts == 1
    relay = Relay(port).start()
    try:
        send_until(sender, lambda: all(r.state == "sent" for r in rows(store)))
        time.sleep(0.2)
        assert sender.drain().total == 0
    finally:
        sender.close()
        relay.stop()
    assert len(relay.received) == 3
    assert all(n == 1 for n in relay.message_ids().values())


def test_a_relay_that_never_answers_is_a_timeout_and_a_temporary_failure(
    smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    with socket.socket() as silent:
        # Connections complete in the kernel's backlog; no greeting ever comes.
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        config = smtp_config(port, timeout="300ms")
        store = open_store(config)
        queue(store, 3)
        sender = Sender(config.outbound, store)
        started = time.monotonic()
        try:
            assert sender.run_once().retried == 3
        finally:
            sender.close()
        assert time.monotonic() - started < 3, "one timeout for the batch, not one each"
    for row in rows(store):
        assert row.state == "queued"
        assert row.last_error == f"relay 127.0.0.1:{port}: no answer during connect (timeout)"


def test_a_451_is_retried_and_then_delivered(
    relay: Relay, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    config = smtp_config(relay.port)
    store = open_store(config)
    queue(store, 1)
    relay.data_replies = ["451 4.3.0 Queue file write error"]
    sender = Sender(config.outbound, store)
    try:
        assert sender.run_once().retried == 1
        [row] = rows(store)
        assert row.state == "queued"
        assert row.last_error == (
            "451 4.3.0 Queue file write error (relay's answer to the end of DATA)"
        )
        assert row.next_attempt_at is not None
        send_until(sender, lambda: rows(store)[0].state == "sent")
    finally:
        sender.close()
    assert len(relay.received) == 1
    assert rows(store)[0].attempts == 2


def test_a_550_fails_the_message_and_the_ticket_shows_it(
    tmp_path: Path,
    relay: Relay,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
) -> None:
    config = smtp_config(relay.port)
    store = open_store(config)
    open_ticket(config, store)
    relay.rcpt_replies["jo@client.test"] = [
        "550 5.1.1 <jo@client.test>: Recipient address rejected"
    ]
    sender = Sender(config.outbound, store)
    try:
        assert sender.run_once().failed == 1
        assert sender.drain().total == 0, "a permanent failure is not retried"
    finally:
        sender.close()
    [row] = rows(store)
    assert row.state == "failed"
    assert row.last_error == (
        "550 5.1.1 <jo@client.test>: Recipient address rejected (relay's answer to RCPT TO)"
    )
    assert relay.received == []
    shown = CliRunner().invoke(cli, ["--config", str(tmp_path / "mailgate.toml"), "ticket", "1"])
    assert shown.exit_code == 0, shown.output
    assert "delivery failed: 550 5.1.1 <jo@client.test>: Recipient address rejected" in shown.output


def test_some_recipients_refused_the_message_counts_as_sent_with_them_recorded(
    relay: Relay, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    config = smtp_config(relay.port)
    store = open_store(config)
    queue(store, 1, recipients=("jo@client.test", "gone@client.test"))
    relay.rcpt_replies["gone@client.test"] = ["550 5.1.1 <gone@client.test>: user unknown"]
    sender = Sender(config.outbound, store)
    try:
        assert sender.run_once().sent == 1
    finally:
        sender.close()
    [got] = relay.received
    assert got.rcpt_tos == ("jo@client.test",)
    [row] = rows(store)
    assert row.state == "sent"
    assert row.last_error == (
        "refused by the relay: gone@client.test: 550 5.1.1 <gone@client.test>: user unknown"
    )


@pytest.mark.parametrize(
    ("replies", "state"),
    [
        (["550 5.1.1 unknown", "553 5.1.3 bad address"], "failed"),
        (["550 5.1.1 unknown", "452 4.2.2 mailbox full"], "queued"),
    ],
)
def test_every_recipient_refused_takes_the_class_that_leaves_a_chance(
    replies: list[str],
    state: str,
    relay: Relay,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
) -> None:
    config = smtp_config(relay.port)
    store = open_store(config)
    queue(store, 1, recipients=("a@client.test", "b@client.test"))
    relay.rcpt_replies = {"a@client.test": [replies[0]], "b@client.test": [replies[1]]}
    sender = Sender(config.outbound, store)
    try:
        sender.run_once()
    finally:
        sender.close()
    [row] = rows(store)
    assert row.state == state
    assert row.last_error is not None
    assert "every recipient refused" in row.last_error
    assert replies[0] in row.last_error
    assert replies[1] in row.last_error


def test_a_message_older_than_max_age_is_given_up(
    relay: Relay, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    config = smtp_config(relay.port)
    assert config.outbound.max_age == 5 * 86400
    store = open_store(config)
    [young, old] = queue(store, 2)
    with store.write() as s:
        row = s.get(OutboxRow, old)
        assert row is not None
        row.created_at = utcnow() - timedelta(days=5, minutes=1)
        row.attempts = 40
    relay.rcpt_replies["jo@client.test"] = ["450 4.2.0 try later"] * 2
    sender = Sender(config.outbound, store)
    try:
        result = sender.run_once()
    finally:
        sender.close()
    assert (result.retried, result.failed) == (1, 1)
    by_id = {r.id: r for r in rows(store)}
    assert by_id[young].state == "queued"
    assert by_id[old].state == "failed"
    assert by_id[old].last_error == (
        "450 4.2.0 try later (relay's answer to RCPT TO); gave up after 5d (41 attempts)"
    )


def test_the_last_retry_falls_at_max_age(
    relay: Relay, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    config = smtp_config(relay.port, outbound='max_age = "2h"\n')
    store = open_store(config)
    [msg] = queue(store, 1)
    with store.write() as s:
        row = s.get(OutboxRow, msg)
        assert row is not None
        row.created_at = utcnow() - timedelta(hours=1, minutes=59, seconds=30)
        row.attempts = 10  # the backoff would say one hour
    relay.data_replies = ["421 4.3.2 shutting down"]
    sender = Sender(config.outbound, store)
    try:
        assert sender.run_once().retried == 1
    finally:
        sender.close()
    [row] = rows(store)
    assert row.next_attempt_at is not None
    assert row.next_attempt_at - utcnow() < timedelta(seconds=31)


# -- TLS and login ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca() -> trustme.CA:
    return trustme.CA()


def server_tls(ca: trustme.CA) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(ctx)
    return ctx


def test_starttls_with_the_relays_ca_delivers(
    tmp_path: Path,
    ca: trustme.CA,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
) -> None:
    ca_file = tmp_path / "relay-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    relay = Relay(tls_context=server_tls(ca), require_starttls=True).start()
    try:
        config = smtp_config(relay.port, f'security = "starttls"\nca_file = "{ca_file}"\n')
        store = open_store(config)
        queue(store, 2)
        sender = Sender(config.outbound, store)
        try:
            assert sender.run_once().sent == 2
        finally:
            sender.close()
        assert len(relay.received) == 2
    finally:
        relay.stop()


def test_a_certificate_nobody_vouches_for_is_a_temporary_failure(
    ca: trustme.CA, smtp_config: Callable[..., Config], open_store: Callable[[Config], Store]
) -> None:
    relay = Relay(tls_context=server_tls(ca), require_starttls=True).start()
    try:
        # No ca_file: the system's CAs, which do not know the test's CA.
        config = smtp_config(relay.port, 'security = "starttls"\n')
        store = open_store(config)
        queue(store, 1)
        sender = Sender(config.outbound, store)
        try:
            assert sender.run_once().retried == 1
        finally:
            sender.close()
        [row] = rows(store)
        assert row.state == "queued"
        assert row.last_error is not None
        assert "certificate was not accepted" in row.last_error
        assert relay.received == []
    finally:
        relay.stop()


def test_implicit_tls(
    tmp_path: Path,
    ca: trustme.CA,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
) -> None:
    ca_file = tmp_path / "relay-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    relay = Relay(ssl_context=server_tls(ca)).start()
    try:
        config = smtp_config(relay.port, f'security = "ssl"\nca_file = "{ca_file}"\n')
        store = open_store(config)
        queue(store, 1)
        sender = Sender(config.outbound, store)
        try:
            assert sender.run_once().sent == 1
        finally:
            sender.close()
        assert len(relay.received) == 1
    finally:
        relay.stop()


def authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


# aiosmtpd warns that it asks for a login without TLS: on loopback, in a test.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("password", [PASSWORD, "wrong"])
def test_login_with_the_password_file(
    password: str,
    tmp_path: Path,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = tmp_path / "relay.password"
    secret.write_text(password + "\n")
    relay = Relay(authenticator=authenticator, auth_required=True, auth_require_tls=False).start()
    try:
        config = smtp_config(relay.port, f'username = "{USER}"\npassword_file = "{secret}"\n')
        assert password not in repr(config)
        store = open_store(config)
        queue(store, 1)
        sender = Sender(config.outbound, store)
        caplog.set_level("DEBUG")
        try:
            result = sender.run_once()
        finally:
            sender.close()
        [row] = rows(store)
        if password == PASSWORD:
            assert result.sent == 1
            assert len(relay.received) == 1
        else:
            # A refused login is the configuration's fault, not the message's: it waits.
            assert result.retried == 1
            assert row.state == "queued"
            assert row.last_error is not None
            assert f"refused the login of {USER}: 535" in row.last_error
            assert relay.received == []
        assert password not in caplog.text
    finally:
        relay.stop()


# -- DKIM ---------------------------------------------------------------------------------


def test_dkim_signature_made_at_send_time_verifies(
    tmp_path: Path,
    relay: Relay,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_file = tmp_path / "dkim.pem"
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    record = b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)
    asked: list[bytes] = []

    def dns(name: bytes, timeout: int = 5) -> bytes | None:
        asked.append(name)
        return record if name.rstrip(b".") == b"mg2026._domainkey.helpdesk.test" else None

    config = smtp_config(
        relay.port, extra=f'\n[outbound.dkim]\nselector = "mg2026"\nkey_file = "{key_file}"\n'
    )
    store = open_store(config)
    ack = open_ticket(config, store)
    sender = Sender(config.outbound, store)
    try:
        assert sender.run_once().sent == 1
    finally:
        sender.close()
    [got] = relay.received
    assert got.content.startswith(b"DKIM-Signature: ")
    assert got.content.endswith(ack.raw), "the message itself is unchanged"
    signature = got.content[: -len(ack.raw)]
    assert b"d=helpdesk.test" in signature
    assert b"s=mg2026" in signature
    assert dkim.verify(got.content, dnsfunc=dns)
    assert asked
    [row] = rows(store)
    assert row.raw == ack.raw, "the stored message stays unsigned"
    # Anyone changing a signed field on the way breaks the signature.
    tampered = got.content.replace(b"Subject: ", b"Subject: Re: ", 1)
    assert not dkim.verify(tampered, dnsfunc=dns)


# -- two senders, one queue, on PostgreSQL ----------------------------------------------


@pytest.mark.postgres
def test_two_senders_deliver_each_message_exactly_once(
    pg_url: str,
    relay: Relay,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
) -> None:
    config = smtp_config(relay.port, "batch_size = 10\n", db_url=pg_url)
    store = open_store(config)
    queue(store, 200)
    results = []
    errors: list[BaseException] = []

    def work() -> None:
        sender = Sender(config.outbound, store)
        try:
            results.append(sender.drain())
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)
        finally:
            sender.close()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors
    assert sum(r.sent for r in results) == 200
    ids = relay.message_ids()
    assert len(ids) == 200
    assert set(ids.values()) == {1}
    assert {r.state for r in rows(store)} == {"sent"}
