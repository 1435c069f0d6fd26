"""The SMTP listener under bad input, over loopback against the running daemon.

Each test's name says what is tried; docs/security.md lists them with their results."""

from __future__ import annotations

import os
import re
import resource
import signal
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import trustme
from sqlalchemy import text

from mailgate.config import Config, config_from_toml
from mailgate.errors import ConfigError
from mailgate.receive import smtp_replies as replies
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import InboxRow
from tests.support.config import make_toml, with_smtp
from tests.support.daemon import RunningDaemon
from tests.support.environment import free_port, missing_service
from tests.support.mailfactory import build
from tests.support.processes import Run
from tests.support.smtp import Dialogue, greeting
from tests.support.store import count
from tests.support.waiting import poll_until

SUPPORT = "support@helpdesk.test"
Start = Callable[..., RunningDaemon]


def open_transaction(s: Dialogue) -> None:
    assert s.reply().startswith(b"220")
    assert s.say(b"EHLO client.test").startswith(b"250")
    assert s.say(b"MAIL FROM:<jo@client.test>").startswith(b"250")
    assert s.say(b"RCPT TO:<support@helpdesk.test>").startswith(b"250")


def rows(store: Store) -> list[bytes]:
    with store.read() as s:
        return [bytes(r.raw) for r in s.query(InboxRow).order_by(InboxRow.id)]


# -- SMTP smuggling: only CR LF "." CR LF ends DATA -------------------------------------------

SMUGGLED = (
    b"MAIL FROM:<ceo@helpdesk.test>\r\n"
    b"RCPT TO:<support@helpdesk.test>\r\n"
    b"DATA\r\n"
    b"From: ceo@helpdesk.test\r\nSubject: smuggled\r\n\r\nsmuggled body\r\n"
)


@pytest.mark.parametrize(
    "ending",
    [b"\n.\r\n", b"\n.\n", b"\r.\r\n"],
    ids=["lf_dot_crlf", "lf_dot_lf", "cr_dot_crlf"],
)
def test_smuggling_sequence_does_not_split_the_message(
    ending: bytes, config: Config, store: Store, run_daemon: Start
) -> None:
    d = run_daemon(config, roles=("smtp",))
    with Dialogue(d.port) as s:
        open_transaction(s)
        assert s.say(b"DATA").startswith(b"354")
        first = b"From: jo@client.test\r\nSubject: first\r\n\r\nfirst body"
        s.send(first + ending + SMUGGLED + b".\r\n")
        assert s.reply().startswith(b"250 2.0.0")
        # Exactly one reply to the whole: the smuggled commands were message text.
        assert s.say(b"QUIT").startswith(b"221")
    [raw] = rows(store)
    assert raw.startswith(first + ending)
    assert b"smuggled body" in raw


# -- command lines ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        b"EHLO client.test\n",
        b"MAIL FROM:<jo@client.test>\n",
        b"MAIL FROM:<jo@client.test>\rRCPT TO:<support@helpdesk.test>\r\n",
        b"NOOP\r\r\n",
    ],
    ids=["bare_lf_ehlo", "bare_lf_mail", "bare_cr_inside", "cr_cr_lf"],
)
def test_bare_cr_or_lf_in_command_is_refused_and_closed(
    line: bytes, config: Config, store: Store, run_daemon: Start
) -> None:
    d = run_daemon(config, roles=("smtp",))
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        if not line.startswith(b"EHLO"):
            assert s.say(b"EHLO client.test").startswith(b"250")
        s.send(line)
        assert s.reply().startswith(replies.BARE_LINE_ENDING.encode())
        assert s.file.read() == b"", "the connection is closed"
    assert count(store, InboxRow) == 0


def test_whole_session_in_bare_lf_is_refused_at_its_first_command(
    config: Config, store: Store, run_daemon: Start
) -> None:
    """A whole session spoken with bare LF: no command of it is taken."""
    d = run_daemon(config, roles=("smtp",))
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        s.send(
            b"HELO c\nMAIL FROM:<jo@client.test>\nRCPT TO:<support@helpdesk.test>\n"
            b"DATA\nSubject: x\n\nbody\n.\n"
        )
        assert s.reply().startswith(replies.BARE_LINE_ENDING.encode())
        assert s.file.read() == b""
    assert count(store, InboxRow) == 0


def test_over_long_command_line_is_refused_500(config: Config, run_daemon: Start) -> None:
    d = run_daemon(config, roles=("smtp",))
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        assert s.say(b"EHLO " + b"a" * 600).startswith(b"500")
        assert s.say(b"EHLO client.test").startswith(b"250")
        assert s.say(b"MAIL FROM:<" + b"a" * 600 + b"@client.test>").startswith(b"500")
        # Repeated EHLO does not let the MAIL limit grow (aiosmtpd adds SIZE/SMTPUTF8 room
        # to a shared limit on each EHLO).
        for _ in range(20):
            s.say(b"EHLO client.test")
        assert s.say(b"MAIL FROM:<" + b"a" * 700 + b"@client.test>").startswith(b"500")
        # Longer than the stream's line limit: read to its end, answered, session goes on.
        assert s.say(b"NOOP " + b"x" * 70000).startswith(b"500")
        assert s.say(b"NOOP").startswith(b"250")


# -- limits of a transaction ------------------------------------------------------------------


def test_too_many_recipients_get_452_4_5_3(config: Config, store: Store, run_daemon: Start) -> None:
    d = run_daemon(config, roles=("smtp",))
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        s.say(b"EHLO client.test")
        s.say(b"MAIL FROM:<jo@client.test>")
        for i in range(100):
            assert s.say(f"RCPT TO:<support+{i}@helpdesk.test>".encode()).startswith(b"250")
        assert s.say(b"RCPT TO:<support+x@helpdesk.test>").startswith(
            replies.TOO_MANY_RECIPIENTS.encode()
        )
        assert s.say(b"DATA").startswith(b"354")
        s.send(build() + b".\r\n")
        assert s.reply().startswith(b"250")
    with store.read() as s2:
        assert len(s2.query(InboxRow).one().recipients) == 100


def test_over_size_message_gets_552_and_is_not_stored(
    config: Config, store: Store, run_daemon: Start
) -> None:
    d = run_daemon(with_smtp(config, max_message_bytes=64 * 1024), roles=("smtp",))
    with Dialogue(d.port) as s:
        open_transaction(s)
        assert s.say(b"DATA").startswith(b"354")
        s.send(build(body="y" * 70 + "\n") * 1 + (b"z" * 70 + b"\r\n") * 2000 + b".\r\n")
        assert s.reply().startswith(b"552")
        assert s.say(b"NOOP").startswith(b"250")
    assert count(store, InboxRow) == 0


def test_over_long_header_block_gets_552_5_3_4(
    config: Config, store: Store, run_daemon: Start
) -> None:
    d = run_daemon(config, roles=("smtp",))  # max_header_bytes: 100 KiB by default
    filler = b"".join(b"X-Filler-%d: %s\r\n" % (i, b"h" * 900) for i in range(120))
    with Dialogue(d.port) as s:
        open_transaction(s)
        assert s.say(b"DATA").startswith(b"354")
        s.send(filler + build() + b".\r\n")
        assert s.reply().startswith(replies.HEADER_TOO_LARGE.encode())
        # Just under the limit is taken.
        s.say(b"MAIL FROM:<jo@client.test>")
        s.say(b"RCPT TO:<support@helpdesk.test>")
        assert s.say(b"DATA").startswith(b"354")
        s.send(filler[: 90 * 1024].rpartition(b"\r\n")[0] + b"\r\n" + build() + b".\r\n")
        assert s.reply().startswith(b"250")
    assert count(store, InboxRow) == 1


def test_over_long_data_line_is_refused_500_and_long_lines_under_it_pass(
    config: Config, store: Store, run_daemon: Start
) -> None:
    d = run_daemon(with_smtp(config, max_line_length=8192), roles=("smtp",))
    with Dialogue(d.port) as s:
        open_transaction(s)
        assert s.say(b"DATA").startswith(b"354")
        s.send(build() + b"w" * 9000 + b"\r\n.\r\n")
        assert s.reply().startswith(b"500")
        s.say(b"MAIL FROM:<jo@client.test>")
        s.say(b"RCPT TO:<support@helpdesk.test>")
        assert s.say(b"DATA").startswith(b"354")
        s.send(build() + b"w" * 5000 + b"\r\n.\r\n")  # over RFC 5321's 1,000 octets
        assert s.reply().startswith(b"250")
    assert count(store, InboxRow) == 1


# -- commands that carry no mail ----------------------------------------------------------------


def until_421(s: Dialogue, line: bytes, most: int) -> list[bytes]:
    """``line`` again and again until it is answered 421 (at most ``most`` times): every
    answer."""
    answers: list[bytes] = []
    while len(answers) < most and not (answers and answers[-1].startswith(b"421")):
        answers.append(s.say(line))
    return answers


@pytest.mark.parametrize(
    "junk",
    [
        b"NOOP",
        b"RSET",
        b"HELP",
        b"VRFY support@helpdesk.test",
        b"EHLO client.test",
        b"RCPT TO:<nobody@helpdesk.test>",
        b"",
        b"NOOP " + b"x" * 600,
    ],
    ids=["noop", "rset", "help", "vrfy", "ehlo", "refused_rcpt", "empty_line", "too_long"],
)
def test_commands_without_mail_are_bounded_then_421_4_7_0_and_closed(
    junk: bytes, config: Config, run_daemon: Start
) -> None:
    d = run_daemon(with_smtp(config, max_commands_per_message=30), roles=("smtp",))
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        assert s.say(b"EHLO client.test").startswith(b"250")  # 1
        assert s.say(b"MAIL FROM:<jo@client.test>").startswith(b"250")  # 2
        answers = until_421(s, junk, 1000)
        assert len(answers) == 29, answers[-3:]
        assert all(not a.startswith(b"421") for a in answers[:-1])
        assert answers[-1].startswith(replies.TOO_MANY_COMMANDS.encode()), answers[-1]
        assert s.file.read() == b"", "the connection is closed"


def test_noop_for_ever_is_closed_at_the_default_limit(config: Config, run_daemon: Start) -> None:
    d = run_daemon(config, roles=("smtp",))
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        answers = until_421(s, b"NOOP", 10_000)
        assert len(answers) == 101
        assert answers[-1].startswith(replies.TOO_MANY_COMMANDS.encode())


def test_delivered_messages_and_accepted_recipients_do_not_use_up_the_commands(
    config: Config, store: Store, run_daemon: Start
) -> None:
    d = run_daemon(with_smtp(config, max_commands_per_message=20), roles=("smtp",))
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        for n in range(3):
            for _ in range(15):
                assert s.say(b"NOOP").startswith(b"250")
            assert s.say(b"EHLO client.test").startswith(b"250")
            assert s.say(b"MAIL FROM:<jo@client.test>").startswith(b"250")
            for i in range(100):  # max_recipients, each accepted
                assert s.say(f"RCPT TO:<support+{i}@helpdesk.test>".encode()).startswith(b"250")
            assert s.say(b"DATA").startswith(b"354")
            s.send(build(message_id=f"m{n}@client.test") + b".\r\n")
            assert s.reply().startswith(b"250 2.0.0")
        assert s.say(b"QUIT").startswith(b"221")
    assert count(store, InboxRow) == 3


# -- connections ------------------------------------------------------------------------------


@pytest.fixture
def many_files() -> Iterator[None]:
    """Room for a thousand sockets on both ends, in this one process."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = 4096 if hard == resource.RLIM_INFINITY else min(4096, hard)
    if want < 1500:
        missing_service(f"the file limit ({hard}) is too low for 500 connections")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, want), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def connect(port: int, source: str = "127.0.0.1") -> socket.socket:
    return socket.create_connection(("127.0.0.1", port), timeout=10, source_address=(source, 0))


def served(port: int, source: str = "127.0.0.1") -> bool:
    with connect(port, source) as s:
        return greeting(s).startswith(b"220")


def test_500_idle_connections_and_a_slow_sender_leave_room_for_a_real_client(
    config: Config, store: Store, run_daemon: Start, many_files: None
) -> None:
    config = with_smtp(
        config,
        timeout=3.0,
        data_timeout=3.0,
        max_connections=600,
        max_connections_per_client=600,
    )
    d = run_daemon(config, roles=("smtp",))
    idle = [connect(d.port) for _ in range(500)]
    slow = Dialogue(d.port)
    open_transaction(slow)
    assert slow.say(b"DATA").startswith(b"354")
    stop = threading.Event()
    cut_off = threading.Event()

    def dribble() -> None:  # one byte every 20 ms, never an end of data
        while not stop.is_set():
            try:
                slow.send(b"x")
            except OSError:
                cut_off.set()
                return
            time.sleep(0.02)

    t = threading.Thread(target=dribble)
    t.start()
    try:
        started = time.monotonic()
        with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
            assert c.sendmail("jo@client.test", [SUPPORT], build(message_id="real@c.t")) == {}
        assert time.monotonic() - started < 3
        assert count(store, InboxRow) == 1
        # The idle connections are closed at the idle timeout, the slow sender at the
        # DATA timeout, without a message stored.
        for s in idle[:50]:
            assert greeting(s).startswith(b"220")
            assert s.recv(1024) == b""
        assert cut_off.wait(10), "the slow sender was not cut off"
        poll_until(lambda: d.daemon.listener.connections == 0, timeout=10)  # type: ignore[union-attr]
    finally:
        stop.set()
        t.join()
        slow.__exit__()
        for s in idle:
            s.close()
    assert count(store, InboxRow) == 1


def test_per_client_connection_cap_answers_421_4_7_0(config: Config, run_daemon: Start) -> None:
    d = run_daemon(with_smtp(config, max_connections_per_client=3), roles=("smtp",))
    held = [connect(d.port) for _ in range(3)]
    try:
        assert all(greeting(s).startswith(b"220") for s in held)
        with connect(d.port) as over:
            assert greeting(over).startswith(replies.TOO_MANY_FROM_YOU.encode())
            assert over.recv(1024) == b""
        with connect(d.port, "127.0.0.2") as other:  # another client is still served
            assert greeting(other).startswith(b"220")
    finally:
        held.pop().close()
    # A freed place is taken again.
    poll_until(lambda: served(d.port))
    for s in held:
        s.close()


def test_overall_connection_cap_answers_421_4_7_0(config: Config, run_daemon: Start) -> None:
    d = run_daemon(
        with_smtp(config, max_connections=4, max_connections_per_client=2), roles=("smtp",)
    )
    held = [connect(d.port, f"127.0.0.{n}") for n in (1, 1, 2, 2)]
    try:
        assert all(greeting(s).startswith(b"220") for s in held)
        with connect(d.port, "127.0.0.3") as over:
            assert greeting(over).startswith(replies.TOO_MANY_CONNECTIONS.encode())
    finally:
        for s in held:
            s.close()
    poll_until(lambda: served(d.port, "127.0.0.3"))


# -- errors, secrets, TLS and AUTH ------------------------------------------------------------


def test_exception_in_handler_answers_451_4_3_0_without_internal_text(
    config: Config, store: Store, run_daemon: Start, tmp_path: Path
) -> None:
    d = run_daemon(config, roles=("smtp",))
    writer = d.daemon.writer
    assert writer is not None
    secret = f"{tmp_path}/secret.password"

    async def broken(*args: Any) -> Any:
        raise RuntimeError(f"cannot read {secret} for {config.database.url}")

    real = writer.submit
    writer.submit = broken  # type: ignore[method-assign]
    try:
        with Dialogue(d.port) as s:
            open_transaction(s)
            assert s.say(b"DATA").startswith(b"354")
            s.send(build() + b".\r\n")
            answer = s.reply()
            assert answer.startswith(replies.TRY_AGAIN.encode())
            for leak in (b"RuntimeError", b"secret", b"cannot read", str(tmp_path).encode()):
                assert leak not in answer
            # The session goes on, in a fresh transaction.
            writer.submit = real  # type: ignore[method-assign]
            assert s.say(b"MAIL FROM:<jo@client.test>").startswith(b"250")
            assert s.say(b"RCPT TO:<support@helpdesk.test>").startswith(b"250")
            assert s.say(b"DATA").startswith(b"354")
            s.send(build() + b".\r\n")
            assert s.reply().startswith(b"250")
    finally:
        writer.submit = real  # type: ignore[method-assign]
    assert count(store, InboxRow) == 1


@pytest.mark.parametrize("protocol", ["smtp", "lmtp"])
def test_no_answer_names_the_database_or_a_path_when_the_database_or_the_writer_fails(
    protocol: str, make_config: Callable[..., Config], pg_url: str, run_daemon: Start
) -> None:
    config = with_smtp(make_config(db_url=pg_url), protocol=protocol)
    store = Store(config.database)
    upgrade(store)
    d = run_daemon(config, roles=("smtp",))
    hello = b"LHLO client.test" if protocol == "lmtp" else b"EHLO client.test"

    def answers() -> bytes:
        with Dialogue(d.port) as s:
            assert s.reply().startswith(b"220")
            assert s.say(hello).startswith(b"250")
            assert s.say(b"MAIL FROM:<jo@client.test>").startswith(b"250")
            assert s.say(b"RCPT TO:<support@helpdesk.test>").startswith(b"250")
            assert s.say(b"RCPT TO:<billing@helpdesk.test>").startswith(b"250")
            assert s.say(b"DATA").startswith(b"354")
            s.send(build() + b".\r\n")
            out = s.reply() + (s.reply() if protocol == "lmtp" else b"")
            assert s.say(b"QUIT").startswith(b"221")
        return out

    try:
        # The table gone: the commit fails with the SQL, the schema and the driver's words.
        with store.write() as session:
            session.execute(text("DROP TABLE inbox CASCADE"))
        failed_commit = answers()
        # The writer process killed: its sessions are told, the restart takes a while.
        writer = d.daemon.writer
        assert writer is not None
        assert writer._proc is not None
        os.kill(writer._proc.pid, signal.SIGKILL)
        writer._proc.join(5)
        no_writer = answers()
    finally:
        store.dispose()
    schema = pg_url.rpartition("%3D")[2]
    for out in (failed_commit, no_writer):
        assert out.count(replies.TRY_AGAIN.encode()) == (2 if protocol == "lmtp" else 1), out
        for leak in (schema, "inbox", "relation", "psycopg", "Error", "writer", "postgres", "/"):
            assert leak.encode() not in out, (leak, out)


@pytest.fixture
def tls_files(tmp_path: Path) -> tuple[trustme.CA, Path, Path]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    cert_file, key_file = tmp_path / "smtp-secret.crt", tmp_path / "smtp-secret.key"
    cert.cert_chain_pems[0].write_to_path(str(cert_file))
    cert.private_key_pem.write_to_path(str(key_file))
    return ca, cert_file, key_file


def transcript(port: int, lines: list[bytes], tls: ssl.SSLContext | None = None) -> bytes:
    """Every reply to ``lines`` (STARTTLS, if it is one of them, with ``tls``)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        sock: socket.socket = raw
        f = sock.makefile("rb")
        out = f.readline()
        for line in lines:
            sock.sendall(line + b"\r\n")
            reply = f.readline()
            while reply[3:4] == b"-":
                out += reply
                reply = f.readline()
            out += reply
            if line == b"STARTTLS" and tls is not None and reply.startswith(b"220"):
                sock = tls.wrap_socket(raw, server_hostname="127.0.0.1")
                f = sock.makefile("rb")
        return out


def test_starttls_with_configured_certificate_and_no_auth_offered_or_taken(
    config: Config, store: Store, run_daemon: Start, tls_files: tuple[trustme.CA, Path, Path]
) -> None:
    ca, cert_file, key_file = tls_files
    config = with_smtp(config, tls_cert_file=str(cert_file), tls_key_file=str(key_file))
    d = run_daemon(config, roles=("smtp",))
    client_tls = ssl.create_default_context()
    ca.configure_trust(client_tls)
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        c.ehlo("client.test")
        assert c.has_extn("starttls")
        assert not c.has_extn("auth")
        assert c.docmd("AUTH", "PLAIN AGpvAHNlY3JldA==")[0] == 500
        c.starttls(context=client_tls)
        c.ehlo("client.test")
        assert not c.has_extn("auth"), "no AUTH after STARTTLS either"
        assert c.docmd("AUTH", "PLAIN AGpvAHNlY3JldA==")[0] == 500
        assert c.docmd("AUTH", "LOGIN")[0] == 500
        assert c.sendmail("jo@client.test", [SUPPORT], build(message_id="tls@c.t")) == {}
    assert count(store, InboxRow) == 1


# Control characters that must never reach a log line as they are (a tab is one too:
# the listener escapes it with the rest).
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def test_control_characters_from_clients_are_escaped_in_the_log(
    tmp_path: Path, runs: Callable[..., Run]
) -> None:
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, port=port))
    run = runs(tmp_path, "--config", str(conf), "run", "--only", "smtp")
    run.wait_line(r"SMTP listener on")
    with Dialogue(port) as s:
        assert s.reply().startswith(b"220")
        assert s.say(b"EHLO \x1b[2Jclient\x07.test").startswith(b"250")
        # An unknown command: aiosmtpd logs its name.
        assert s.say(b"\x1b[31mXYZZY\x1b[0m").startswith(b"500")
        assert s.say(b"MAIL FROM:<jo@client.test>").startswith(b"250")
        for rcpt in (
            b'"\x1b]0;owned\x07"@helpdesk.test',  # sets a terminal's title
            b'"x\x00\x7f\xc2\x85\xe2\x80\xa8y"@helpdesk.test',  # NUL, DEL, NEL, LINE SEPARATOR
            b'"\xff\xfe"@helpdesk.test',  # not UTF-8
        ):
            assert s.say(b"RCPT TO:<" + rcpt + b">").startswith(b"550 5.1.1"), rcpt
        # CR and LF cannot be written into a command at all: 521, closed, nothing logged
        # of the line.
        forged = b"NOOP\r2026-01-01T00:00:00.00Z INFO    mailgate.forged: admin logged in"
        assert s.say(forged).startswith(b"521")
    run.proc.send_signal(signal.SIGTERM)
    assert run.finish() == 0
    out = run.output()
    for line in run.lines:
        assert not UNPRINTABLE.search(line), line
    # Written, escaped.
    assert "\\u001b[31MXYZZY\\u001b[0M" in out, out
    assert '"\\u001b]0;owned\\u0007"@helpdesk.test' in out, out
    assert "x\\u0000\\u007f\\u0085\\u2028y@helpdesk.test" in out, out
    assert "\\udcff\\udcfe@helpdesk.test" in out, out
    assert "mailgate.forged" not in out
    assert "Traceback" not in out, out
    assert "Logging error" not in out, out


def test_no_reply_names_a_configured_path_or_secret(
    config: Config, run_daemon: Start, tls_files: tuple[trustme.CA, Path, Path], tmp_path: Path
) -> None:
    ca, cert_file, key_file = tls_files
    config = with_smtp(
        config, tls_cert_file=str(cert_file), tls_key_file=str(key_file), hostname="mx.test"
    )
    d = run_daemon(config, roles=("smtp",))
    client_tls = ssl.create_default_context()
    ca.configure_trust(client_tls)
    bad = [
        b"HELP",
        b"HELP DATA",
        b"EHLO client.test",
        b"VRFY support@helpdesk.test",
        b"EXPN support",
        b"MAIL FROM:<",
        b"MAIL FROM:<jo@client.test> SIZE=999999999999",
        b"MAIL FROM:<jo@client.test> BODY=nonsense",
        b"RCPT TO:<../../etc/passwd>",
        b"XCLIENT ADDR=1.2.3.4",
        b"STARTTLS",
        b"EHLO client.test",
        b"AUTH PLAIN",
        b"MAIL FROM:<jo@client.test>",
        b"RCPT TO:<nobody@helpdesk.test>",
        b"DATA",
        b"QUIT",
    ]
    out = transcript(d.port, bad, client_tls)
    assert b"221" in out
    db_file = config.database.url.removeprefix("sqlite:///")
    for leak in (str(tmp_path), "smtp-secret", db_file, "Traceback", "Error: ("):
        assert leak.encode() not in out, (leak, out)


@pytest.mark.parametrize(
    "keys",
    [
        'tls_key_file = "{dir}/smtp-secret.key"',
        'tls_cert_file = "{dir}/missing.crt"',
        'tls_cert_file = "{dir}/smtp-secret.key"\ntls_key_file = "{dir}/smtp-secret.key"',
        "max_connections = 10\nmax_connections_per_client = 20",
    ],
    ids=["key_without_cert", "missing_cert", "key_as_cert", "per_client_over_overall"],
)
def test_bad_tls_or_connection_settings_are_configuration_errors(
    keys: str, tmp_path: Path, tls_files: tuple[trustme.CA, Path, Path]
) -> None:
    toml = make_toml(tmp_path).replace(
        "[inbound.smtp]\n", "[inbound.smtp]\n" + keys.format(dir=tmp_path) + "\n"
    )
    with pytest.raises(ConfigError) as e:
        config_from_toml(toml, "<test>")
    assert "inbound.smtp" in str(e.value)
