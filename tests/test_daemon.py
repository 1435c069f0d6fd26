"""``mailgate run`` as admins run it: a process, mail over SMTP, SIGTERM — at any moment
of its start too —, SIGHUP, and the lines it logs as it starts."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

from tests.support.config import make_toml
from tests.support.dovecot import down_mailbox
from tests.support.environment import free_port
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.processes import Run

SUPPORT = "support@helpdesk.test"


def wait_port(port: int, proc: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"mailgate exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("listener did not come up")


def wait_files(folder: Path, n: int, timeout: float = 20) -> list[Path]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        files = sorted(folder.glob("*.eml"))
        if len(files) >= n:
            return files
        time.sleep(0.1)
    raise AssertionError(f"expected {n} outgoing message(s) in {folder}")


@pytest.fixture
def daemon(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path, int]]:
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, port=port))
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailgate", "--config", str(conf), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_port(port, proc)
        yield proc, conf, port
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def mailgate_json(conf: Path, *args: str) -> object:
    p = subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(p.stdout)


def test_mail_becomes_ticket_replies_join_and_sigterm_stops(
    daemon: tuple[subprocess.Popen[bytes], Path, int], tmp_path: Path
) -> None:
    proc, conf, port = daemon
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as c:
        c.sendmail(
            "jo@client.test",
            [SUPPORT],
            # Authenticated: the acknowledgment names the client's subject.
            build(subject="Printer broken", message_id="first@client.test", headers=AUTHENTICATED),
        )
    [ack_file] = wait_files(tmp_path / "outbox", 1)
    ack = message_from_bytes(ack_file.read_bytes(), policy=default_policy)
    assert ack["Subject"] == "#[1] Printer broken"
    assert ack["From"].addresses[0].addr_spec == SUPPORT
    assert ack["Auto-Submitted"] == "auto-replied"

    # The client answers the acknowledgment the way a mail program does…
    reply = build(
        subject=f"Re: {ack['Subject']}",
        message_id="second@client.test",
        in_reply_to=ack["Message-ID"].strip("<>"),
        references=["first@client.test", ack["Message-ID"].strip("<>")],
        body="Here is the model number: X-100\n\n> quoted ack\n",
    )
    # …and later writes a new mail with the token in the subject.
    token_mail = build(subject="#[1] still broken", message_id="third@client.test")
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as c:
        c.sendmail("jo@client.test", [SUPPORT], reply)
        c.sendmail("jo@client.test", [SUPPORT], token_mail)

    deadline = time.monotonic() + 20
    while True:
        ticket = mailgate_json(conf, "ticket", "1")
        assert isinstance(ticket, dict)
        if len(ticket["messages"]) >= 4 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    ids = [m["message_id"] for m in ticket["messages"]]
    assert ids[0] == "first@client.test"
    assert "second@client.test" in ids
    assert "third@client.test" in ids
    second = next(m for m in ticket["messages"] if m["message_id"] == "second@client.test")
    assert second["reply_text"] == "Here is the model number: X-100"
    tickets = mailgate_json(conf, "tickets")
    assert isinstance(tickets, list)
    assert len(tickets) == 1
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1

    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert "stopped" in out


# -- signals while it starts ---------------------------------------------------------------


def every_role(tmp_path: Path) -> Path:
    """A configuration with every role at work: the listener, a mailbox (whose server is
    down), the HTTP API, processing (one worker), sending and the scheduler."""
    (tmp_path / "api.tokens").write_text("start-token-8c1e4d2b9a7f\n")
    conf = tmp_path / "mailgate.toml"
    conf.write_text(
        make_toml(
            tmp_path,
            port=free_port(),
            extra=f"""
[http]
enabled = true
port = {free_port()}
tokens_file = "{tmp_path / "api.tokens"}"
{down_mailbox()}""",
        )
    )
    return conf


# The moments of a start: as soon as mailgate takes signals, after each of the lines it
# logs as it starts (schema, children, listener, HTTP API), and at a spread of delays.
START_MOMENTS: list[str | float] = [
    "spawn",
    r"mailgate \S+ starting: ",
    r"creating the database schema",
    r"processing worker 1 started",
    r"IMAP poller started",
    r"scheduler started",
    r"SMTP listener on",
    r"api: listening on",
    r"mailgate running",
    0.2,
    0.5,
    1.0,
]


def at(run: Run, moment: str | float) -> None:
    run.wait_taking_signals()
    if isinstance(moment, float):
        time.sleep(moment)  # the moment chosen: what follows must hold whatever it is
    elif moment != "spawn":
        run.wait_line(moment)


def assert_stopped_cleanly(run: Run, code: int) -> None:
    out = run.output()
    assert code == 0, out
    assert re.search(r"mailgate\.ops\.daemon: mailgate stopped$", run.lines[-1]), out
    assert not run.left_at_exit, f"outlived the daemon: {run.left_at_exit}\n{out}"
    assert "Traceback" not in out, out


@pytest.mark.parametrize("moment", START_MOMENTS, ids=str)
def test_sigterm_at_any_moment_of_the_start_stops_every_child_and_exits_0(
    moment: str | float, tmp_path: Path, runs: Callable[..., Run]
) -> None:
    run = runs(tmp_path, "--config", str(every_role(tmp_path)), "run")
    at(run, moment)
    run.proc.send_signal(signal.SIGTERM)
    assert_stopped_cleanly(run, run.finish())
    assert any(re.search(r"SIGTERM: stopping", x) for x in run.lines), run.output()


@pytest.mark.parametrize("moment", ["spawn", r"SMTP listener on", 0.5], ids=str)
def test_ctrl_c_to_the_process_group_while_it_starts_stops_every_child_and_exits_0(
    moment: str | float, tmp_path: Path, runs: Callable[..., Run]
) -> None:
    # A terminal sends SIGINT to the whole group: children still loading their modules
    # get it too, and must neither die of it nor print a KeyboardInterrupt.
    run = runs(tmp_path, "--config", str(every_role(tmp_path)), "run")
    at(run, moment)
    os.killpg(run.proc.pid, signal.SIGINT)
    assert_stopped_cleanly(run, run.finish())
    assert any(re.search(r"SIGINT: stopping", x) for x in run.lines), run.output()


@pytest.mark.parametrize("moment", ["spawn", r"SMTP listener on"], ids=str)
def test_sighup_while_it_starts_reloads_once_it_runs_and_does_not_kill_it(
    moment: str | float, tmp_path: Path, runs: Callable[..., Run]
) -> None:
    conf = every_role(tmp_path)
    run = runs(tmp_path, "--config", str(conf), "run")
    at(run, moment)
    run.proc.send_signal(signal.SIGHUP)
    running = run.wait_line(r"mailgate running")
    reloaded = run.wait_line(rf"SIGHUP: configuration reloaded from {re.escape(str(conf))}")
    assert reloaded > running  # applied once everything had started
    run.proc.send_signal(signal.SIGTERM)
    assert_stopped_cleanly(run, run.finish())


@pytest.mark.parametrize(
    "sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name
)
def test_a_signal_while_it_reads_its_configuration_is_not_its_end(
    sig: signal.Signals, tmp_path: Path, runs: Callable[..., Run]
) -> None:
    # The configuration file a named pipe: mailgate reads it when the test writes it,
    # and the signal falls while it waits for the text — before anything else started.
    conf = every_role(tmp_path)
    text = conf.read_text()
    conf.unlink()
    os.mkfifo(conf)
    run = runs(tmp_path, "--config", str(conf), "run")
    with contextlib.suppress(BrokenPipeError), conf.open("w") as fifo:  # once mailgate opened it
        run.proc.send_signal(sig)
        fifo.write(text)
    if sig == signal.SIGHUP:
        running = run.wait_line(r"mailgate running")
        with conf.open("w") as fifo:  # the reload, once it has started, reads it again
            fifo.write(text)
        assert run.wait_line(r"SIGHUP: configuration reloaded") > running
        run.proc.send_signal(signal.SIGTERM)
    assert_stopped_cleanly(run, run.finish())
