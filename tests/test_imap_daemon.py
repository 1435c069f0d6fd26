"""``mailgate run`` with IMAP mailboxes, as processes: a 10,000-message backlog drained
in bounded memory, and two instances on one PostgreSQL database sharing a mailbox."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

import pytest
from sqlalchemy import create_engine, text

from tests.support.config import make_toml
from tests.support.dovecot import Dovecot, imap_block, mails
from tests.support.waiting import wait_for


class Mailgate:
    """``mailgate run`` in a process of its own, its output in a file."""

    def __init__(self, conf: Path, log: Path, *roles: str) -> None:
        self.log_path = log
        self._out: IO[bytes] = log.open("wb")
        args = ["--only", ",".join(roles)] if roles else []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mailgate", "--config", str(conf), "run", *args],
            stdout=self._out,
            stderr=subprocess.STDOUT,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def children(self) -> list[int]:
        pid = self.proc.pid
        try:
            return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(30)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
            self._out.close()


@pytest.fixture
def start_mailgate(tmp_path: Path) -> Iterator[Callable[..., Mailgate]]:
    started: list[Mailgate] = []

    def start(conf: Path, *roles: str, name: str = "mailgate") -> Mailgate:
        m = Mailgate(conf, tmp_path / f"{name}.log", *roles)
        started.append(m)
        return m

    yield start
    for m in started:
        m.stop()


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


def imap_child(m: Mailgate) -> int | None:
    for pid in m.children():
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmdline:
            return pid
    return None


def test_backlog_of_10000_is_drained_in_bounded_memory(
    dovecot: Dovecot, tmp_path: Path, start_mailgate: Callable[..., Mailgate]
) -> None:
    user = dovecot.add_user()
    n, size = 10_000, 20_000
    for start in range(0, n, 1000):
        dovecot.deliver(user, mails(1000, start=start, body_bytes=size))
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, extra=imap_block(user, dovecot.port, batch_size=200)))
    m = start_mailgate(conf, "imap")
    db = tmp_path / "mailgate.db"

    def stored() -> int:
        if not db.exists():
            return 0
        with sqlite3.connect(db, timeout=10) as c:
            try:
                return int(c.execute("select count(*) from inbox").fetchone()[0])
            except sqlite3.OperationalError:
                return 0

    pid = wait_for(lambda: imap_child(m), what="the IMAP poller process")
    peak = 0.0
    deadline = time.monotonic() + 180
    while stored() < n:
        assert time.monotonic() < deadline, f"only {stored()} of {n} stored"
        peak = max(peak, peak_rss_mb(pid))
        time.sleep(0.2)
    peak = max(peak, peak_rss_mb(pid))
    assert m.stop() == 0
    total_mb = n * size / 2**20
    # About 190 MiB of mail went through a process that holds a batch at a time (about
    # 75 MiB at its peak here, most of it the interpreter and its libraries).
    assert peak < 120, f"the poller process peaked at {peak:.0f} MiB for {total_mb:.0f} MiB"
    log = m.log()
    assert "imap box: 200/10000 messages stored" in log
    assert "imap box: 10000/10000 messages stored" in log
    assert dovecot.uids(user, criteria="UNSEEN") == []


def test_two_instances_on_postgresql_share_a_mailbox_without_duplicates(
    dovecot: Dovecot,
    tmp_path: Path,
    pg_url: str,
    start_mailgate: Callable[..., Mailgate],
) -> None:
    user = dovecot.add_user()
    block = imap_block(user, dovecot.port, idle=True, poll_interval="1h")
    confs = []
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        conf = folder / "mailgate.toml"
        conf.write_text(make_toml(folder, db_url=pg_url, extra=block))
        confs.append(conf)
    subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(confs[0]), "db", "upgrade"],
        check=True,
        capture_output=True,
    )
    a = start_mailgate(confs[0], "imap", "process", "send", name="a")
    wait_for(lambda: "INBOX selected" in a.log(), what="instance a polling")
    b = start_mailgate(confs[1], "imap", "process", "send", name="b")
    wait_for(lambda: "another instance polls this folder" in b.log(), what="b waiting")

    engine = create_engine(pg_url)

    def count(sql: str) -> int:
        with engine.connect() as c:
            return int(c.execute(text(sql)).scalar_one())

    try:
        dovecot.deliver(user, mails(20))
        for i in range(20, 30):
            dovecot.append(user, mails(1, start=i)[0])
        wait_for(lambda: count("select count(*) from tickets") == 30, what="30 tickets")
        # Only one instance polls; the other's workers may have processed some of it.
        assert "INBOX selected" not in b.log()
        assert a.stop() == 0
        # The holder is gone: the other takes the mailbox over.
        wait_for(lambda: "INBOX selected" in b.log(), timeout=30, what="b taking over")
        for i in range(30, 35):
            dovecot.append(user, mails(1, start=i)[0])
        wait_for(lambda: count("select count(*) from tickets") == 35, what="35 tickets")
        time.sleep(1)
        assert count("select count(*) from tickets") == 35
        assert count("select count(*) from inbox") == 35
        assert count("select count(distinct message_id) from inbox") == 35
    finally:
        engine.dispose()
    assert b.stop() == 0
