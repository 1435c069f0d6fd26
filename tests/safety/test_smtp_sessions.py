"""Every way an SMTP session can end gives its connection back.

Each kind of bad client below fills ``max_connections``, over loopback against the
running daemon with STARTTLS configured; once the listener has ended them (at the idle
or DATA timeout, on a reset, on a failed handshake), a real client must be greeted with
220 and deliver.  docs/security.md lists them with their results."""

from __future__ import annotations

import contextlib
import logging
import smtplib
import socket
import ssl
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

import pytest
import trustme

from mailgate.config import Config
from mailgate.receive import smtp_replies as replies
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow
from tests.support.config import with_smtp
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.smtp import greeting
from tests.support.store import count
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
Start = Callable[..., RunningDaemon]
SLOTS = 5


class Bad:
    """One bad client's connection: what the test must close at its end."""

    def __init__(self, sock: socket.socket, *files: BinaryIO) -> None:
        self.sock = sock
        self.files = files

    def close(self) -> None:
        for f in self.files:
            f.close()
        self.sock.close()

    def ended_by_server(self) -> bool:
        """Whether the server has closed (or reset) this connection."""
        self.sock.settimeout(0.05)
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    return True
        except TimeoutError:
            return False
        except (ConnectionError, ssl.SSLError, OSError):
            return True


def reply(f: BinaryIO) -> bytes:
    line = f.readline()
    while line[3:4] == b"-":
        line = f.readline()
    return line


def say(sock: socket.socket, f: BinaryIO, line: bytes) -> bytes:
    sock.sendall(line + b"\r\n")
    return reply(f)


def hello(port: int) -> tuple[socket.socket, BinaryIO]:
    sock = socket.create_connection(("127.0.0.1", port), timeout=10)
    f = sock.makefile("rb")
    assert reply(f).startswith(b"220")
    assert say(sock, f, b"EHLO client.test").startswith(b"250")
    return sock, f


def starttls_said(port: int) -> tuple[socket.socket, BinaryIO]:
    """A session that has asked for TLS and been told to start it."""
    sock, f = hello(port)
    assert say(sock, f, b"STARTTLS").startswith(b"220")
    return sock, f


def in_tls(port: int, tls: ssl.SSLContext) -> tuple[ssl.SSLSocket, BinaryIO, BinaryIO]:
    sock, f = starttls_said(port)
    wrapped = tls.wrap_socket(sock, server_hostname="127.0.0.1")
    tf = wrapped.makefile("rb")
    assert say(wrapped, tf, b"EHLO client.test").startswith(b"250")
    return wrapped, f, tf


def client_hello(tls: ssl.SSLContext) -> bytes:
    """The first flight of a TLS handshake, as a client would send it."""
    incoming, outgoing = ssl.MemoryBIO(), ssl.MemoryBIO()
    obj = tls.wrap_bio(incoming, outgoing, server_hostname="127.0.0.1")
    with contextlib.suppress(ssl.SSLWantReadError):
        obj.do_handshake()
    return outgoing.read()


def reset(sock: socket.socket) -> None:
    """Close with a TCP reset rather than a FIN."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


# -- the bad clients: each returns its connection, or None when it ended it itself ----------


def silent(port: int, tls: ssl.SSLContext) -> Bad | None:
    """Connects, reads nothing, says nothing."""
    return Bad(socket.create_connection(("127.0.0.1", port), timeout=10))


def half_command(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f = hello(port)
    sock.sendall(b"MAIL FROM:<jo@cli")
    return Bad(sock, f)


def stalled_in_data(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f = hello(port)
    assert say(sock, f, b"MAIL FROM:<jo@client.test>").startswith(b"250")
    assert say(sock, f, b"RCPT TO:<support@helpdesk.test>").startswith(b"250")
    assert say(sock, f, b"DATA").startswith(b"354")
    sock.sendall(b"Subject: half\r\n\r\nhalf a mess")
    return Bad(sock, f)


def silent_in_tls_handshake(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f = starttls_said(port)
    return Bad(sock, f)


def half_tls_handshake(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f = starttls_said(port)
    first = client_hello(tls)
    sock.sendall(first[: len(first) // 2])
    return Bad(sock, f)


def not_tls_after_starttls(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f = starttls_said(port)
    sock.sendall(b"EHLO client.test\r\nMAIL FROM:<jo@client.test>\r\n")
    return Bad(sock, f)


def silent_after_tls(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f, tf = in_tls(port, tls)
    return Bad(sock, f, tf)


def second_starttls(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f, tf = in_tls(port, tls)
    sock.sendall(b"STARTTLS\r\n")
    answer = reply(tf)
    # Refused (RFC 3207 §4.2: no second TLS negotiation), the session goes on.
    assert answer.startswith(replies.TLS_ACTIVE.encode()), answer
    assert say(sock, tf, b"NOOP").startswith(b"250")
    return Bad(sock, f, tf)


def quit_in_tls_then_silent(port: int, tls: ssl.SSLContext) -> Bad | None:
    """Says QUIT, then never answers the TLS closure nor closes its end."""
    sock, f, tf = in_tls(port, tls)
    assert say(sock, tf, b"QUIT").startswith(b"221")
    return Bad(sock, f, tf)


def reset_in_tls_handshake(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f = starttls_said(port)
    sock.sendall(client_hello(tls))
    f.close()
    reset(sock)
    return None


def reset_in_data(port: int, tls: ssl.SSLContext) -> Bad | None:
    bad = stalled_in_data(port, tls)
    assert bad is not None
    for f in bad.files:
        f.close()
    reset(bad.sock)
    return None


def reset_in_tls(port: int, tls: ssl.SSLContext) -> Bad | None:
    sock, f, tf = in_tls(port, tls)
    f.close()
    tf.close()
    reset(sock)
    return None


# Those the listener ends at a timeout: they hold their connection until then.
HOLDING = [
    silent,
    half_command,
    stalled_in_data,
    silent_in_tls_handshake,
    half_tls_handshake,
    silent_after_tls,
    second_starttls,
    quit_in_tls_then_silent,
]
# Those whose connection ends at once: a reset, a handshake that cannot succeed.
ENDING = [not_tls_after_starttls, reset_in_tls_handshake, reset_in_data, reset_in_tls]


@pytest.fixture
def tls_config(config: Config, tmp_path: Path) -> tuple[Config, ssl.SSLContext]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file = tmp_path / "smtp.crt", tmp_path / "smtp.key"
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    client = ssl.create_default_context()
    ca.configure_trust(client)
    config = with_smtp(
        config,
        tls_cert_file=str(cert_file),
        tls_key_file=str(key_file),
        timeout=2.0,
        data_timeout=2.0,
        max_connections=SLOTS,
        max_connections_per_client=SLOTS,
    )
    return config, client


@pytest.fixture
def no_tracebacks(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.INFO)
    yield
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not errors, "\n".join(caplog.text.splitlines()[-40:])


def greeted(port: int) -> bool:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        return greeting(s).startswith(b"220")


def deliver(port: int, tls: ssl.SSLContext, message_id: str) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as c:
        c.starttls(context=tls)
        assert c.sendmail("jo@client.test", [SUPPORT], build(message_id=message_id)) == {}


def open_sessions(d: RunningDaemon) -> int:
    listener = d.daemon.listener
    assert listener is not None
    return listener.connections


@pytest.mark.parametrize("bad", HOLDING + ENDING, ids=lambda f: f.__name__)
def test_every_way_a_session_ends_gives_its_connection_back(
    bad: Callable[[int, ssl.SSLContext], Bad | None],
    tls_config: tuple[Config, ssl.SSLContext],
    store: Store,
    run_daemon: Start,
    no_tracebacks: None,
) -> None:
    config, tls = tls_config
    d = run_daemon(config, roles=("smtp",))
    held = [bad(d.port, tls) for _ in range(SLOTS)]
    try:
        if bad in HOLDING:
            with socket.create_connection(("127.0.0.1", d.port), timeout=10) as over:
                assert greeting(over).startswith(replies.TOO_MANY_CONNECTIONS.encode()), (
                    "the slots were not all taken"
                )
        # The listener ends them (timeout, reset, failed handshake) and takes new clients.
        wait_for(lambda: greeted(d.port), timeout=10, what="a free connection slot")
        deliver(d.port, tls, "after-bad-clients@client.test")
        wait_for(lambda: open_sessions(d) == 0, timeout=10, what="every session to end")
        assert all(b.ended_by_server() for b in held if b is not None)
        # All five slots are free again, not just one.
        many = [socket.create_connection(("127.0.0.1", d.port), timeout=10) for _ in range(SLOTS)]
        try:
            assert all(greeting(s).startswith(b"220") for s in many)
        finally:
            for s in many:
                s.close()
    finally:
        for b in held:
            if b is not None:
                b.close()
    assert count(store, InboxRow) == 1


def test_stopping_the_daemon_ends_sessions_in_every_state(
    tls_config: tuple[Config, ssl.SSLContext], run_daemon: Start, no_tracebacks: None
) -> None:
    config, tls = tls_config
    config = with_smtp(
        config, timeout=60.0, data_timeout=60.0, max_connections=50, max_connections_per_client=50
    )
    config = config.model_copy(
        update={"daemon": config.daemon.model_copy(update={"shutdown_timeout": 1.0})}
    )
    d = run_daemon(config, roles=("smtp",))
    held = [b for b in (bad(d.port, tls) for bad in HOLDING) if b is not None]
    try:
        wait_for(lambda: open_sessions(d) == len(held), timeout=10, what="the sessions")
        assert d.stop() == 0
        wait_for(lambda: all(b.ended_by_server() for b in held), timeout=5, what="every close")
    finally:
        for b in held:
            b.close()
    assert open_sessions(d) == 0
