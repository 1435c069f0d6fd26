"""``mailgate run`` as admins run it: a process, mail over SMTP, SIGTERM."""

from __future__ import annotations

import json
import signal
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

from tests.conftest import free_port, make_toml
from tests.mailfactory import build

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
            build(subject="Printer broken", message_id="first@client.test"),
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
