"""``mailgate run`` as a service: the systemd notification protocol against a socket the
test binds, SIGHUP reloads with SMTP sessions open, ``/metrics`` and ``/healthz`` after
real mail over SMTP, and log lines that name what they are about."""

from __future__ import annotations

import itertools
import json
import os
import re
import secrets
import signal
import smtplib
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from mailgate import __version__
from mailgate.config import Config, config_from_toml
from mailgate.ops.sdnotify import SystemdNotifier
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import InboxRow
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.dovecot import down_mailbox
from tests.support.environment import PG_URL, free_port, pg_admin
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.processes import Run
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"


TOKEN = "service-token-5d2c9e1f7a3b4c60"


class Mailgate(Run):
    """``mailgate --config CONF run ARGS…`` in a process of its own (:class:`Run`);
    ``wait_line`` gives the line itself."""

    def __init__(
        self, conf: Path, env: dict[str, str] | None = None, args: tuple[str, ...] = ()
    ) -> None:
        super().__init__(
            Path.cwd(), "--config", str(conf), "run", *args, env={**os.environ, **(env or {})}
        )
        self.conf = conf

    def wait_line(self, pattern: str, timeout: float = 60, after: int = 0) -> str:
        return self.lines[super().wait_line(pattern, timeout, after)]

    def signal(self, sig: int) -> None:
        self.proc.send_signal(sig)

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
                self.proc.wait()
            self._reader.join(5)
        return code


@pytest.fixture
def start() -> Iterator[Callable[..., Mailgate]]:
    running: list[Mailgate] = []

    def go(conf: Path, env: dict[str, str] | None = None, *args: str) -> Mailgate:
        m = Mailgate(conf, env, args)
        running.append(m)
        return m

    yield go
    for m in running:
        if m.proc.poll() is None:
            m.proc.kill()
            m.proc.wait()


def wait_smtp(port: int, m: Mailgate) -> None:
    def up() -> bool:
        assert m.proc.poll() is None, m.output()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            return False

    wait_for(up, 60, "the SMTP listener")


def send(port: int, sender: str, raw: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as c:
        c.sendmail(sender, [SUPPORT], raw)


def http_get(port: int, path: str, token: str | None = None) -> tuple[int, str, str]:
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


def parse_metrics(body: str) -> dict[str, float]:
    """``name{labels}`` → value, from Prometheus' text format; every family announced
    by a TYPE line."""
    values: dict[str, float] = {}
    typed: set[str] = set()
    for line in body.splitlines():
        if line.startswith("# TYPE "):
            typed.add(line.split()[2])
        elif line and not line.startswith("#"):
            key, value = line.rsplit(" ", 1)
            family = re.sub(r"(_bucket|_sum|_count)$", "", key.split("{", 1)[0])
            assert family in typed or key.split("{", 1)[0] in typed, line
            values[key] = float(value)
    return values


def service_toml(tmp: Path, port: int, extra: str = "", db_url: str | None = None) -> str:
    (tmp / "api.tokens").write_text(TOKEN + "\n")
    return make_toml(
        tmp,
        db_url,
        port=port,
        extra=f"""
[http]
enabled = true
port = {free_port()}
tokens_file = "{tmp / "api.tokens"}"
"""
        + extra,
    )


# -- the notification protocol ------------------------------------------------------------------


class NotifySocket:
    """The socket systemd would listen on: a datagram socket the test binds."""

    def __init__(self, address: str) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(("\0" + address[1:]) if address.startswith("@") else address)
        self.sock.settimeout(0.2)
        self.messages: list[tuple[float, dict[str, str]]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096)
            except TimeoutError:
                continue
            fields = dict(line.split("=", 1) for line in data.decode().split("\n"))
            self.messages.append((time.monotonic(), fields))

    def with_key(self, key: str, value: str | None = None) -> list[tuple[float, dict[str, str]]]:
        return [(t, f) for t, f in self.messages if key in f and (value is None or f[key] == value)]

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


def test_notify_protocol_ready_watchdog_status_reload_stopping(
    tmp_path: Path, start: Callable[..., Mailgate]
) -> None:
    address = str(tmp_path / "notify")
    systemd = NotifySocket(address)
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, port=port))
    try:
        m = start(conf, {"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "1000000"})
        wait_for(lambda: systemd.with_key("READY"), 60, "READY=1")
        # READY=1 only once the listener listens: a connection succeeds at once.
        with socket.create_connection(("127.0.0.1", port), timeout=5) as c:
            assert c.recv(100).startswith(b"220 ")
        ready_at, ready = systemd.with_key("READY", "1")[0]
        assert ready["STATUS"].startswith("running: smtp")

        # WATCHDOG=1 at half of WATCHDOG_USEC (0.5 s); a status with the backlogs.
        wait_for(lambda: len(systemd.with_key("WATCHDOG", "1")) >= 5, 20, "watchdog pings")
        pings = [t for t, _ in systemd.with_key("WATCHDOG", "1")]
        gaps = [b - a for a, b in itertools.pairwise(pings)]
        assert max(gaps) < 1.0, gaps  # within WATCHDOG_USEC, on a busy machine too
        assert min(gaps) > 0.3, gaps  # and not much more often than asked
        status = wait_for(
            lambda: [f["STATUS"] for _, f in systemd.messages if "inbox" in f.get("STATUS", "")],
            20,
            "a STATUS line with the backlog",
        )
        assert re.match(r"inbox 0 waiting \(oldest 0s\), outbox 0 waiting", status[0])

        before = len(systemd.messages)
        m.signal(signal.SIGHUP)
        m.wait_line("SIGHUP: configuration reloaded")
        after = [f for _, f in systemd.messages[before:] if "WATCHDOG" not in f]
        reloading = next(i for i, f in enumerate(after) if f.get("RELOADING") == "1")
        assert int(after[reloading]["MONOTONIC_USEC"]) > 0
        wait_for(
            lambda: any(
                f.get("READY") == "1" for _, f in systemd.messages[before:] if "RELOADING" not in f
            ),
            20,
            "READY=1 after the reload",
        )

        assert m.stop() == 0
        assert systemd.with_key("STOPPING", "1"), systemd.messages
        assert ready_at < systemd.with_key("STOPPING", "1")[0][0]
    finally:
        systemd.close()


def test_notifier_speaks_to_an_abstract_socket() -> None:
    address = f"@mailgate-test-{secrets.token_hex(6)}"
    systemd = NotifySocket(address)
    try:
        notifier = SystemdNotifier({"NOTIFY_SOCKET": address})
        assert notifier.ready("running:\nsmtp")  # a line break cannot start a new field
        assert notifier.stopping()
        wait_for(lambda: len(systemd.messages) == 2, 10, "two notifications")
        assert systemd.messages[0][1] == {"READY": "1", "STATUS": "running: smtp"}
        assert systemd.messages[1][1] == {"STOPPING": "1", "STATUS": "stopping"}
        notifier.close()
    finally:
        systemd.close()


def test_notifier_outside_systemd_and_watchdog_for_another_pid() -> None:
    assert not SystemdNotifier({}).notify(READY=1)
    assert SystemdNotifier({}).watchdog_seconds is None
    other = SystemdNotifier(
        {"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "1000000", "WATCHDOG_PID": "1"}
    )
    assert other.watchdog_seconds is None  # the watchdog is meant for pid 1, not us
    mine = SystemdNotifier(
        {"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "3000000", "WATCHDOG_PID": str(os.getpid())}
    )
    assert mine.watchdog_seconds == 3.0


# -- SIGHUP ------------------------------------------------------------------------------------


def test_sighup_applies_block_list_and_templates_without_dropping_an_open_session(
    tmp_path: Path, start: Callable[..., Mailgate]
) -> None:
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    base = make_toml(tmp_path, port=port)
    conf.write_text(base)
    m = start(conf)
    wait_smtp(port, m)
    m.wait_line("processing worker 1 started")

    # A client is in the middle of a session when the configuration changes.
    session = smtplib.SMTP("127.0.0.1", port, timeout=30)
    session.ehlo("client.test")
    assert session.mail("jo@client.test")[0] == 250

    overrides = tmp_path / "templates" / "ticket_opened"
    overrides.mkdir(parents=True)
    (overrides / "subject.txt").write_text("Received: {{ ticket.subject }}\n")
    conf.write_text(
        base.replace("[security]\n", '[security]\nblock = ["spammer.test"]\n', 1)
        + f"""
[templates]
directory = "{tmp_path / "templates"}"
"""
    )
    mark = len(m.lines)
    m.signal(signal.SIGHUP)
    m.wait_line("SIGHUP: configuration reloaded", after=mark)

    # The session goes on and its message is stored and answered.
    assert session.rcpt(SUPPORT)[0] == 250
    # Authenticated: the acknowledgment names the client's subject.
    mail = build(subject="Printer broken", message_id="open@client.test", headers=AUTHENTICATED)
    code, reply = session.data(mail)
    assert code == 250, reply
    session.quit()
    send(port, "x@spammer.test", build(from_="x@spammer.test", message_id="spam@spammer.test"))

    acks = wait_for(lambda: sorted((tmp_path / "outbox").glob("*.eml")), 60, "the acknowledgment")
    # The new template's subject (the ticket token goes before it).
    assert "\nSubject: #[1] Received: Printer broken\n" in acks[0].read_text()
    blocked = wait_for(
        lambda: "verdict=blocked" in explain(conf, 2) and explain(conf, 2), 60, "the verdict"
    )
    assert "spammer.test" in blocked
    time.sleep(0.5)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1  # nothing to the blocked sender
    assert m.stop() == 0


def explain(conf: Path, inbox_id: int) -> str:
    p = subprocess.run(
        [
            sys.executable,
            "-m",
            "mailgate",
            "--config",
            str(conf),
            "explain",
            str(inbox_id),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if p.returncode != 0:
        return ""
    doc = json.loads(p.stdout)
    return f"verdict={doc.get('verdict')} {json.dumps(doc)}"


def test_sighup_refuses_a_bad_file_naming_the_key_and_keeps_restart_only_keys(
    tmp_path: Path, start: Callable[..., Mailgate]
) -> None:
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    base = make_toml(tmp_path, port=port)
    conf.write_text(base)
    m = start(conf)
    wait_smtp(port, m)

    conf.write_text(
        base.replace(
            "[security]\n", '[security]\nblock = ["client.test"]\nnew_tickets_per_hour = -1\n', 1
        )
    )
    mark = len(m.lines)
    m.signal(signal.SIGHUP)
    line = m.wait_line("refused, the running configuration is kept", after=mark)
    assert "security.new_tickets_per_hour" in line
    # The old configuration runs on: no block list, so the client's mail opens a ticket.
    send(port, "jo@client.test", build(message_id="kept@client.test"))
    wait_for(lambda: list((tmp_path / "outbox").glob("*.eml")), 60, "the acknowledgment")

    # A valid file that moves the listener: the port waits for a restart, the rest applies.
    other = free_port()
    conf.write_text(
        base.replace(f"port = {port}", f"port = {other}")
        + "\n[notify]\nacknowledgments_per_hour = 0\n"
    )
    mark = len(m.lines)
    m.signal(signal.SIGHUP)
    line = m.wait_line(
        "inbound.smtp.port changed; it takes effect when mailgate restarts", after=mark
    )
    m.wait_line("SIGHUP: configuration reloaded", after=mark)
    send(port, "ann@client.test", build(from_="ann@client.test", message_id="new@client.test"))
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", other), timeout=2).close()
    # acknowledgments_per_hour = 0 applies to the processing workers: a ticket, no mail.
    m.wait_line(r"inbox 2 → ticket 2", after=mark)
    time.sleep(0.5)
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1

    # A file naming a password file that is not there is refused as check-config would.
    missing = tmp_path / "no-such.password"
    conf.write_text(
        base
        + f"""
[[inbound.imap]]
name = "box"
host = "127.0.0.1"
tls = "none"
username = "support"
password_file = "{missing}"
"""
    )
    mark = len(m.lines)
    m.signal(signal.SIGHUP)
    line = m.wait_line("refused, the running configuration is kept", after=mark)
    assert "password_file" in line
    assert str(missing) in line
    assert m.stop() == 0


def without_config_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "MAILGATE_CONFIG"}


def test_a_daemon_started_on_the_embedded_default_reads_the_file_written_later_on_sighup(
    tmp_path: Path, runs: Callable[..., Run]
) -> None:
    site = tmp_path / "site"  # no mailgate.toml here yet, and no $MAILGATE_CONFIG
    site.mkdir()
    # The embedded default listens on port 2525, which this machine may be using.
    run = runs(site, "run", "--only", "process,send,scheduler", env=without_config_env())
    run.wait_line(r"mailgate running")
    assert "the embedded default configuration" in run.lines[0]

    # The admin writes ./mailgate.toml — with a typo first: refused whole.
    conf = site / "mailgate.toml"
    good = """
[helpdesk]
domain = "example.com"

[[departments]]
name = "support"
address = "support@example.com"

[[departments]]
name = "sales"
address = "sales@example.com"

[processing]
workers = 1
"""
    conf.write_text(good.replace("[processing]", "[processing]\nwokers = 2"))
    mark = len(run.lines)
    run.proc.send_signal(signal.SIGHUP)
    refused = run.lines[run.wait_line(r"SIGHUP: .* refused", after=mark)]
    assert f"{conf} refused, the running configuration is kept: processing.wokers" in refused

    conf.write_text(good)
    mark = len(run.lines)
    run.proc.send_signal(signal.SIGHUP)
    done = run.wait_line(rf"SIGHUP: configuration reloaded from {re.escape(str(conf))}", after=mark)
    said = run.lines[mark:done]
    assert any(f"SIGHUP: {conf} found" in x for x in said), run.output()
    # Restart-only keys wait for a restart, as in any reload.
    assert any(
        "SIGHUP: processing.workers changed; it takes effect when mailgate restarts" in x
        for x in said
    ), run.output()

    # The new department applies: mail to it becomes its ticket.
    delivered = subprocess.run(
        [
            sys.executable,
            "-m",
            "mailgate",
            "deliver",
            "-f",
            "jo@client.test",
            "-r",
            "sales@example.com",
        ],
        cwd=site,
        input=build(to="sales@example.com", message_id="quote@client.test"),
        capture_output=True,
        check=False,
    )
    assert delivered.returncode == 0, delivered.stderr

    def ticket() -> dict[str, Any] | None:
        p = subprocess.run(
            [sys.executable, "-m", "mailgate", "ticket", "1", "--json"],
            cwd=site,
            capture_output=True,
            text=True,
            check=False,
        )
        return json.loads(p.stdout) if p.returncode == 0 else None

    assert wait_for(ticket, 60, "the ticket")["department"] == "sales"
    run.proc.send_signal(signal.SIGTERM)
    assert run.finish() == 0


@pytest.mark.parametrize(
    ("where", "args", "roles"),
    [
        ("file", (), "smtp, process, send, scheduler"),
        ("other roles", (), "imap, process, send, http"),
        ("file", ("--only", "smtp,imap,send"), "smtp, send"),
        ("embedded", ("--only", "process,imap"), "process"),
    ],
)
def test_the_first_line_names_the_configuration_and_the_roles_that_run(
    where: str, args: tuple[str, ...], roles: str, tmp_path: Path, runs: Callable[..., Run]
) -> None:
    conf = tmp_path / "mailgate.toml"
    text = make_toml(tmp_path, port=free_port())
    if where == "other roles":
        # No listener, a mailbox, the HTTP API, no scheduled job.
        text = (
            service_toml(tmp_path, free_port()).replace(
                "[inbound.smtp]\n", "[inbound.smtp]\nenabled = false\n"
            )
            + down_mailbox()
            + """
[scheduler.jobs.auto_close]
enabled = false

[scheduler.jobs.retention]
enabled = false
"""
        )
    site = tmp_path / "site"
    site.mkdir()
    config_args: tuple[str, ...] = ()
    if where != "embedded":
        conf.write_text(text)
        config_args = ("--config", str(conf))
    address = str(tmp_path / "notify")
    systemd = NotifySocket(address)
    try:
        run = runs(
            site,
            *config_args,
            "run",
            *args,
            env={**without_config_env(), "NOTIFY_SOCKET": address},
        )
        running = run.lines[run.wait_line(r"mailgate running")]
        source = (
            "the embedded default configuration (no --config, $MAILGATE_CONFIG or ./mailgate.toml)"
            if where == "embedded"
            else f"configuration {conf}"
        )
        assert run.lines[0].endswith(
            f" INFO    mailgate.ops.daemon: mailgate {__version__} starting: {source}; "
            f"roles {roles}"
        ), run.output()
        assert running.endswith(f"mailgate running ({roles})")
        ready = wait_for(lambda: systemd.with_key("READY", "1"), 30, "READY=1")
        assert ready[0][1]["STATUS"] == f"running: {roles}"
        run.proc.send_signal(signal.SIGTERM)
        assert run.finish() == 0
    finally:
        systemd.close()


# -- /metrics, /healthz, JSON logs ------------------------------------------------------------


def test_metrics_and_json_logs_follow_real_mail(
    tmp_path: Path, start: Callable[..., Mailgate]
) -> None:
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(service_toml(tmp_path, port, '\n[log]\nformat = "json"\n'))
    config = config_from_toml(conf.read_text())
    http = config.http.port
    m = start(conf)
    wait_smtp(port, m)
    wait_for(lambda: _answers(http), 60, "the HTTP listener")

    status, ctype, body = http_get(http, "/metrics")  # no token needed
    assert status == 200
    assert ctype.startswith("text/plain; version=0.0.4")
    before = parse_metrics(body)
    assert before['mailgate_received_total{source="smtp"}'] == 0
    assert before["mailgate_processing_latency_seconds_count"] == 0
    assert http_get(http, "/api/tickets")[0] == 401  # the API still wants its token

    send(port, "jo@client.test", build(subject="Printer broken", message_id="m1@client.test"))
    send(port, "ann@client.test", build(from_="ann@client.test", message_id="m2@client.test"))
    alert = build(
        from_="monitor@client.test",
        message_id="m3@client.test",
        subject="Disk almost full",
        headers={"Auto-Submitted": "auto-generated"},
    )
    send(port, "monitor@client.test", alert)
    ooo = build(
        from_="ooo@client.test",
        message_id="m4@client.test",
        subject="Out of office",
        headers={"Auto-Submitted": "auto-replied"},
    )
    send(port, "ooo@client.test", ooo)

    def moved() -> dict[str, float] | None:
        values = parse_metrics(http_get(http, "/metrics")[2])
        done = values.get('mailgate_outbox_messages{state="sent"}', 0) == 2
        return values if done and values["mailgate_processing_latency_seconds_count"] == 4 else None

    after = wait_for(moved, 60, "the metrics to count four messages")
    assert after['mailgate_received_total{source="smtp"}'] == 4
    assert after['mailgate_processed_total{verdict="human"}'] == 2
    assert after['mailgate_processed_total{verdict="auto_generated"}'] == 1
    assert after["mailgate_held"] == 1  # the stranger's out-of-office reply
    assert after['mailgate_inbox_messages{state="held"}'] == 1
    assert after["mailgate_inbox_backlog"] == 0
    assert after["mailgate_outbox_backlog"] == 0
    assert after["mailgate_send_failures_total"] == 0
    assert after['mailgate_processing_latency_seconds_bucket{le="+Inf"}'] == 4
    assert after["mailgate_processing_latency_seconds_sum"] > 0
    assert after["mailgate_database_up"] == 1

    status, _, body = http_get(http, "/healthz")
    assert status == 200
    health = json.loads(body)
    assert health["status"] == "ok"
    assert health["inbox"] == {"waiting": 0, "oldest_age_seconds": 0}

    # `mailgate status` prints the same figures for a person.
    p = run_cli(conf.read_text(), conf.parent, "status")
    rows = [line.split() for line in p.stdout.splitlines()]
    assert ["SOURCE", "RECEIVED"] in rows
    assert ["smtp", "4"] in rows
    assert rows.index(["auto_generated", "1"]) + 1 == rows.index(["human", "2"])
    assert "health: ok" in p.stdout
    assert m.stop() == 0

    docs = [json.loads(line) for line in m.lines if line.startswith("{")]
    assert len(docs) == len([x for x in m.lines if x.strip()]), "every line is a JSON object"
    processed = [d for d in docs if d["logger"] == "mailgate.process.processor" and "ticket" in d]
    assert {d["message_id"] for d in processed} >= {"m1@client.test", "m2@client.test"}
    assert all(isinstance(d["inbox"], int) for d in processed)
    sent = [d for d in docs if d["logger"] == "mailgate.send.worker"]
    assert sent
    assert all({"outbox", "ticket", "message_id"} <= set(d) for d in sent)
    received = [d for d in docs if d["logger"] == "mailgate.receive.smtp" and "inbox" in d]
    assert sorted(d["inbox"] for d in received) == [1, 2, 3, 4]


def _answers(port: int) -> bool:
    try:
        return http_get(port, "/healthz")[0] in (200, 503)
    except OSError:
        return False


def test_healthz_fails_when_a_queue_is_stuck_and_imap_reconnects_are_counted(
    tmp_path: Path, start: Callable[..., Mailgate]
) -> None:
    # A mailbox whose server is down: nothing listens on its loopback port.
    account = down_mailbox()
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(
        service_toml(tmp_path, port, account).replace(
            'shutdown_timeout = "5s"', 'shutdown_timeout = "5s"\nstuck_after = "1s"'
        )
    )
    http = config_from_toml(conf.read_text()).http.port
    # No processing: what arrives is not processed, as with dead workers.
    m = start(conf, None, "--only", "smtp,imap,http")
    wait_smtp(port, m)
    wait_for(lambda: _answers(http), 60, "the HTTP listener")
    assert http_get(http, "/healthz")[0] == 200
    send(port, "jo@client.test", build(message_id="stuck@client.test"))

    def failing() -> dict[str, Any] | None:
        status, _, body = http_get(http, "/healthz")
        return json.loads(body) if status == 503 else None

    doc = wait_for(failing, 30, "/healthz to fail")
    assert doc["status"] == "failing"
    assert doc["inbox"]["waiting"] == 1
    assert doc["problems"][0].startswith("inbox: the oldest of 1 waiting message(s) has waited")
    metrics = parse_metrics(http_get(http, "/metrics")[2])
    assert metrics["mailgate_healthy"] == 0
    assert metrics["mailgate_inbox_backlog"] == 1
    assert metrics["mailgate_inbox_oldest_age_seconds"] > 1

    # The IMAP poller process counts its reconnects into the daemon's /metrics.
    m.wait_line("imap down-box: .*reconnecting in")

    def counted() -> float:
        values = parse_metrics(http_get(http, "/metrics")[2])
        return values['mailgate_imap_reconnects_total{account="down-box"}']

    assert wait_for(lambda: counted() >= 2, 30, "two reconnects counted")
    assert m.stop() == 0


@pytest.mark.postgres
def test_healthz_503_when_the_database_is_gone(
    tmp_path: Path, start: Callable[..., Mailgate]
) -> None:
    admin = pg_admin()
    name = f"mg_health_{secrets.token_hex(4)}"
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    try:
        db_url = PG_URL.rsplit("/", 1)[0] + f"/{name}"
        store = Store(config_from_toml(make_toml(tmp_path, db_url)).database)
        upgrade(store)
        store.dispose()
        port = free_port()
        conf = tmp_path / "mailgate.toml"
        conf.write_text(service_toml(tmp_path, port, db_url=db_url))
        http = config_from_toml(conf.read_text()).http.port
        m = start(conf, None, "--only", "smtp,http")
        wait_smtp(port, m)
        wait_for(lambda: _answers(http), 60, "the HTTP listener")
        assert http_get(http, "/healthz")[0] == 200

        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE {name} WITH (FORCE)"))
        status, _, body = http_get(http, "/healthz")
        assert status == 503, body
        doc = json.loads(body)
        assert doc["database"] == "unavailable"
        assert "database unavailable" in doc["problems"][0]
        status, _, body = http_get(http, "/metrics")
        assert status == 200
        metrics = parse_metrics(body)
        assert metrics["mailgate_database_up"] == 0
        assert metrics["mailgate_healthy"] == 0
        assert "mailgate_received_total" not in body
        assert m.stop() == 0
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


# -- SIGTERM -----------------------------------------------------------------------------------


def test_sigterm_lets_a_message_in_data_finish_and_refuses_new_connections(
    tmp_path: Path, start: Callable[..., Mailgate]
) -> None:
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, port=port))  # shutdown_timeout = "5s"
    m = start(conf)
    wait_smtp(port, m)
    idle = socket.create_connection(("127.0.0.1", port), timeout=30)
    assert idle.recv(100).startswith(b"220")
    client = socket.create_connection(("127.0.0.1", port), timeout=30)
    replies = client.makefile("rb")

    def command(line: bytes) -> bytes:
        client.sendall(line + b"\r\n")
        reply = replies.readline()
        while reply[3:4] == b"-":
            reply = replies.readline()
        return reply

    assert replies.readline().startswith(b"220")
    assert command(b"EHLO client.test").startswith(b"250")
    # A first message: its 250 says the inbox writer is up.
    assert command(b"MAIL FROM:<jo@client.test>").startswith(b"250")
    assert command(b"RCPT TO:<" + SUPPORT.encode() + b">").startswith(b"250")
    assert command(b"DATA").startswith(b"354")
    assert command(build(message_id="first@client.test") + b".").startswith(b"250")
    # The second is half sent when SIGTERM comes.
    assert command(b"MAIL FROM:<jo@client.test>").startswith(b"250")
    assert command(b"RCPT TO:<" + SUPPORT.encode() + b">").startswith(b"250")
    assert command(b"DATA").startswith(b"354")
    raw = build(message_id="draining@client.test")  # CR LF already
    client.sendall(raw[: len(raw) // 2])

    m.signal(signal.SIGTERM)
    m.wait_line(r"\bstopping\b")
    with pytest.raises(OSError):  # no longer accepting
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    client.sendall(raw[len(raw) // 2 :] + b"\r\n.\r\n")
    answer = replies.readline()
    assert answer.startswith(b"250 2.0.0 OK queued as 2"), (answer, m.output())
    assert idle.recv(100) == b""  # a session between messages is closed
    idle.close()
    client.close()
    assert m.proc.wait(30) == 0
    stored = run_cli(conf.read_text(), conf.parent, "explain", "2", "--json")
    assert json.loads(stored.stdout)["message_id"] == "draining@client.test"


class Session:
    """One SMTP session over a raw socket, command by command."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.replies = self.sock.makefile("rb")
        assert self.replies.readline().startswith(b"220")

    def command(self, line: bytes) -> bytes:
        self.sock.sendall(line + b"\r\n")
        return self.reply()

    def reply(self) -> bytes:
        reply = self.replies.readline()
        while reply[3:4] == b"-":
            reply = self.replies.readline()
        return reply

    def begin(self) -> None:
        assert self.command(b"EHLO client.test").startswith(b"250")

    def start_data(self) -> None:
        assert self.command(b"MAIL FROM:<jo@client.test>").startswith(b"250")
        assert self.command(b"RCPT TO:<" + SUPPORT.encode() + b">").startswith(b"250")
        assert self.command(b"DATA").startswith(b"354")

    def closed(self) -> bool:
        """Whether the server closed the session (after a 421, or without a word)."""
        try:
            data = self.sock.recv(200)
        except OSError:
            return True
        return data == b"" or (data.startswith(b"421") and self.sock.recv(200) == b"")


def test_sigterm_during_50_open_sessions_answers_or_disconnects_each_and_loses_nothing(
    tmp_path: Path, start: Callable[..., Mailgate]
) -> None:
    """50 sessions when SIGTERM comes: 15 idle after EHLO, 10 that have just had their
    250, 20 in the middle of DATA that finish within shutdown_timeout, 5 in the middle of
    DATA that never finish.  Each gets its answer or a disconnect before its final dot,
    mailgate exits 0 within the configured time, and every message answered 250 is
    stored — and no other."""
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, port=port))  # shutdown_timeout = "5s"
    m = start(conf)
    wait_smtp(port, m)
    idle = [Session(port) for _ in range(15)]
    for x in idle:
        x.begin()
    done, finishing, stalled = [], [], []
    for k in range(10):
        x = Session(port)
        x.begin()
        x.start_data()
        assert x.command(build(message_id=f"done{k}@client.test") + b".").startswith(b"250")
        done.append(x)
    halves = {}
    for k in range(25):
        x = Session(port)
        x.begin()
        x.start_data()
        raw = build(message_id=f"half{k}@client.test")
        x.sock.sendall(raw[: len(raw) // 2])
        halves[k] = raw[len(raw) // 2 :]
        (finishing if k < 20 else stalled).append((k, x))
    assert len(idle) + len(done) + len(finishing) + len(stalled) == 50

    stopped_at = time.monotonic()
    m.signal(signal.SIGTERM)
    m.wait_line(r"\bstopping\b")
    answered = [f"done{k}@client.test" for k in range(10)]
    for k, x in finishing:
        x.sock.sendall(halves[k] + b"\r\n.\r\n")
    for k, x in finishing:
        reply = x.reply()
        assert reply.startswith(b"250"), (k, reply, m.output())
        answered.append(f"half{k}@client.test")
    assert m.proc.wait(60) == 0, m.output()
    took = time.monotonic() - stopped_at
    for x in idle + done:
        assert x.closed()
    for _k, x in stalled:  # cut off before their final dot: no answer, nothing stored
        assert x.closed()
    for x in idle + done + [x for _k, x in finishing + stalled]:
        x.sock.close()
    # shutdown_timeout (5 s) for the sessions in DATA, then the batches; the process's
    # own start-up and teardown on a loaded machine come on top.
    print(f"exit {took:.1f} s after SIGTERM; {len(answered)} answered 250")
    assert took < 5 + 25, f"exit {took:.1f} s after SIGTERM"
    config = config_from_toml(conf.read_text(), "<test>")
    store = Store(config.database)
    try:
        with store.read() as session:
            stored = sorted(r.message_id or "" for r in session.query(InboxRow))
    finally:
        store.dispose()
    assert stored == sorted(answered)


# -- the figures themselves, without a daemon ------------------------------------------------


def test_figures_count_the_tables_and_a_stale_queue_fails_health(
    store: Store, processor: Processor, config: Config
) -> None:
    from mailgate.envelope import Envelope
    from mailgate.inbox import store_messages
    from mailgate.metrics import SharedMetrics, health, render
    from mailgate.store.figures_repo import FiguresRepo
    from mailgate.store.models import utcnow

    def figures(later: float = 0.0) -> Any:
        with store.read() as s:
            return FiguresRepo(s).figures(utcnow() + timedelta(seconds=later))

    store_messages(
        store,
        [
            (Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1"), build()),
            (
                Envelope("imap", "ann@client.test", (SUPPORT,), "box/1"),
                build(from_="ann@client.test", message_id="ann@client.test"),
            ),
        ],
    )
    waiting = figures(later=3600)
    assert waiting.inbox_backlog.waiting == 2
    assert 3600 <= waiting.inbox_backlog.oldest_age < 3700
    verdict = health(waiting, 1800, None)
    assert not verdict.ok
    assert verdict.problems[0].startswith("inbox: the oldest of 2 waiting message(s)")
    assert health(figures(), 1800, None).ok

    processor.run_once()
    done = figures(later=3600)
    assert done.received_by_source == {"smtp": 1, "imap": 1}
    assert done.processed_by_verdict == {"human": 2}
    assert done.inbox_backlog.waiting == 0
    # The acknowledgments wait in the outbox (nothing sends them here): stuck an hour on.
    assert done.outbox_backlog.waiting == 2
    assert [p.split(":")[0] for p in health(done, 1800, None).problems] == ["outbox"]

    shared = SharedMetrics.create(0)
    for seconds in (0.01, 0.3, 7200.0):
        shared.observe_latency(seconds)
    text = render(config, figures(), shared, health(figures(), 1800, None))
    values = parse_metrics(text)
    assert values['mailgate_received_total{source="imap"}'] == 1
    assert values['mailgate_received_total{source="lmtp"}'] == 0  # every source, even at 0
    assert values['mailgate_processed_total{verdict="human"}'] == 2
    assert values['mailgate_processing_latency_seconds_bucket{le="0.05"}'] == 1
    assert values['mailgate_processing_latency_seconds_bucket{le="0.5"}'] == 2
    assert values['mailgate_processing_latency_seconds_bucket{le="1800"}'] == 2
    assert values['mailgate_processing_latency_seconds_bucket{le="+Inf"}'] == 3
    assert values["mailgate_processing_latency_seconds_count"] == 3
    assert abs(values["mailgate_processing_latency_seconds_sum"] - 7200.31) < 1e-6
    assert values["mailgate_healthy"] == 1
