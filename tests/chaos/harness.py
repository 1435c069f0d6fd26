"""Crash without loss: `mailgate run` killed with SIGKILL at random moments while mail
arrives, restarted, and the mail counted afterwards.

Shared by the tests of this folder (sized to run in a minute or two) and by
``bench/chaos.py`` (the full numbers).  Each instance runs in a process group of its own,
and a kill is ``SIGKILL`` to the whole group — listener, group-commit writer, processing
workers, IMAP poller — as a power cut or the out-of-memory killer would end it, in the
middle of whatever it was doing.

What is counted (:class:`Figures`):

- **acknowledged**: distinct messages a client got 250 for (SMTP), or that the server
  shows ``\\Seen`` (IMAP);
- **stored**: distinct Message-IDs in the inbox;
- **lost**: acknowledged, and not stored (must be 0);
- **duplicated tickets**: for each message, the tickets beyond the first that hold it
  (must be 0) — a client resends, as the same bytes, what got no 250, and a 250 lost in
  the crash must not make a second ticket.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import smtplib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import IO

from sqlalchemy import create_engine, text

from tests.support.processes import takes_signal
from tests.support.waiting import SLACK

SUPPORT = "support@helpdesk.test"


def chaos_messages(n: int, *, to: str = SUPPORT, seed: int = 1) -> list[bytes]:
    """``n`` messages, each from a client of its own (so each opens a ticket), every
    tenth with an attachment of 20–100 KB."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        msg = EmailMessage(policy=SMTP)
        msg["From"] = f"Client {i} <client{i}@clients.example>"
        msg["To"] = to
        msg["Subject"] = f"Problem number {i}"
        msg["Date"] = "Mon, 23 Nov 2026 10:00:00 +0000"
        msg["Message-ID"] = f"<chaos.{seed}.{i}@clients.example>"
        msg.set_content(f"Hello,\n\nproblem {i} since this morning.\n\nThanks\n")
        if i % 10 == 0:
            msg.add_attachment(
                rnd.randbytes(rnd.randint(20_000, 100_000)),
                maintype="application",
                subtype="octet-stream",
                filename=f"dump{i}.bin",
            )
        out.append(msg.as_bytes())
    return out


def message_id(raw: bytes) -> str:
    for line in raw.split(b"\n"):
        if line.lower().startswith(b"message-id:"):
            return line.split(b":", 1)[1].strip().strip(b"<>").decode()
    raise ValueError("no Message-ID")


# -- an instance of `mailgate run` -----------------------------------------------------------


class Instance:
    """``mailgate run`` in a process group of its own, its output appended to a file."""

    def __init__(self, conf: Path, log: Path, roles: Sequence[str] = ()) -> None:
        self.conf = conf
        self.log_path = log
        self.roles = tuple(roles)
        self.proc: subprocess.Popen[bytes] | None = None
        self._out: IO[bytes] | None = None

    def start(self) -> Instance:
        self._out = self.log_path.open("ab")
        only = ["--only", ",".join(self.roles)] if self.roles else []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mailgate", "--config", str(self.conf), "run", *only],
            stdout=self._out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    @property
    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def pids(self) -> set[int]:
        """The processes of the instance: its process group."""
        if self.proc is None:
            return set()
        found = set()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                stat = (entry / "stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[3]) == self.proc.pid:
                    found.add(int(entry.name))
        return found

    def wait_port(self, port: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.alive:
                raise AssertionError(f"mailgate exited:\n{self.log()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.02)
        raise AssertionError(f"port {port} did not open:\n{self.log()[-3000:]}")

    def kill(self) -> None:
        """SIGKILL to every process of the instance at once."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        # The group's other members die with it; wait until none is left.
        deadline = time.monotonic() + 10
        while self.pids() and time.monotonic() < deadline:
            time.sleep(0.02)
        self._close()

    def stop(self, timeout: float = 30) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            # Not in the instants after exec while the interpreter loads itself, when
            # the kernel's default action still applies (see mailgate.ops.signals):
            # mailgate takes SIGTERM from its first line on, whatever it is doing.
            pid = self.proc.pid
            wait_until(lambda: takes_signal(pid) or not self.alive, 30, "mailgate to take SIGTERM")
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return None
        finally:
            self._close()

    def _close(self) -> None:
        if self._out is not None:
            self._out.close()
            self._out = None


# -- SMTP clients that resend what got no 250 ------------------------------------------------


@dataclass
class SmtpLoad:
    """``clients`` threads sending ``messages`` to ``port``; whatever gets no 250 — a
    refused connection, a connection that breaks, a 4xx — is sent again, the same bytes,
    until it does.  A 5xx is counted and not resent (it must not happen)."""

    port: int | Callable[[], int]
    messages: list[bytes]
    clients: int = 4
    pace: float = 0.0  # seconds each client waits between messages
    acknowledged: set[int] = field(default_factory=set)
    answers: list[tuple[int, int]] = field(default_factory=list)  # (message, SMTP code)
    resent: int = 0  # messages sent again after a broken session or a 4xx
    refused: int = 0  # 5xx answers
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._queue = list(range(len(self.messages)))
        self._lock = threading.Lock()
        self._threads: list[threading.Thread] = []
        self.stop = threading.Event()

    def start(self) -> SmtpLoad:
        self._threads = [
            threading.Thread(target=self._client, name=f"smtp-client-{n}", daemon=True)
            for n in range(self.clients)
        ]
        for t in self._threads:
            t.start()
        return self

    def join(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        for t in self._threads:
            t.join(max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads)

    @property
    def done(self) -> bool:
        with self._lock:
            return len(self.acknowledged) + self.refused >= len(self.messages)

    def _next(self) -> int | None:
        with self._lock:
            return self._queue.pop(0) if self._queue else None

    def _again(self, i: int) -> None:
        with self._lock:
            self.resent += 1
            self._queue.append(i)

    def _port(self) -> int:
        return self.port() if callable(self.port) else self.port

    def _client(self) -> None:
        conn: smtplib.SMTP | None = None
        while not self.stop.is_set():
            i = self._next()
            if i is None:
                if self.done:
                    break
                time.sleep(0.02)  # others' messages may come back for a resend
                continue
            try:
                if conn is None:
                    try:
                        conn = smtplib.SMTP("127.0.0.1", self._port(), timeout=30)
                    except ConnectionRefusedError:  # not listening (yet): not a resend
                        with self._lock:
                            self._queue.insert(0, i)
                        time.sleep(0.05)
                        continue
                refused = conn.sendmail(f"client{i}@clients.example", [SUPPORT], self.messages[i])
                code = 250 if not refused else 550
            except smtplib.SMTPResponseException as e:
                code = e.smtp_code
            except smtplib.SMTPRecipientsRefused as e:
                code = min(c for c, _ in e.recipients.values())
            except (OSError, smtplib.SMTPException):
                code = 0  # no answer: refused or broken connection
            if code != 250 and conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
                conn = None
            with self._lock:
                self.answers.append((i, code))
                if code == 250:
                    self.acknowledged.add(i)
                elif code >= 500:
                    self.refused += 1
            if code == 250 or code >= 500:
                if self.pace:
                    time.sleep(self.pace)
                continue
            self._again(i)
            time.sleep(0.05)
        if conn is not None:
            with contextlib.suppress(Exception):
                conn.quit()


# -- counting --------------------------------------------------------------------------------


@dataclass
class Figures:
    what: str
    messages: int
    kills: int
    acknowledged: int
    stored: int
    lost: int
    duplicated_tickets: int
    inbox_rows: int
    tickets: int
    resent: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.what}: {self.messages} messages, {self.kills} kills, "
            f"acknowledged {self.acknowledged}, stored {self.stored}, lost {self.lost}, "
            f"duplicated tickets {self.duplicated_tickets} "
            f"(inbox rows {self.inbox_rows}, tickets {self.tickets}, resent {self.resent}, "
            f"{self.seconds:.0f}s)"
        )


class Tally:
    """Counts in the database, by Message-ID (plain SQL: SQLite and PostgreSQL alike)."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)

    def scalar(self, sql: str) -> int:
        with self.engine.connect() as c:
            return int(c.execute(text(sql)).scalar_one())

    def stored_ids(self) -> set[str]:
        with self.engine.connect() as c:
            return {
                r[0] for r in c.execute(text("SELECT message_id FROM inbox")) if r[0] is not None
            }

    def waiting(self) -> int:
        """Inbox rows not processed yet."""
        return self.scalar("SELECT count(*) FROM inbox WHERE state = 'received'")

    def duplicated_tickets(self) -> int:
        """For each received Message-ID, the tickets beyond the first that hold it."""
        return self.scalar(
            "SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(DISTINCT ticket_id) AS n "
            "FROM messages WHERE direction = 'in' GROUP BY message_id) AS per_message"
        )

    def figures(self, what: str, ids: Sequence[str], acknowledged: set[str], kills: int) -> Figures:
        stored = self.stored_ids() & set(ids)
        return Figures(
            what=what,
            messages=len(ids),
            kills=kills,
            acknowledged=len(acknowledged),
            stored=len(stored),
            lost=len(acknowledged - stored),
            duplicated_tickets=self.duplicated_tickets(),
            inbox_rows=self.scalar("SELECT count(*) FROM inbox"),
            tickets=self.scalar("SELECT count(*) FROM tickets"),
        )

    def dispose(self) -> None:
        self.engine.dispose()


def wait_until(check: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout * SLACK
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


# -- the two scenarios -----------------------------------------------------------------------


def _config(workdir: Path, db_url: str | None, port: int, extra: str = "") -> tuple[Path, str]:
    from tests.support.config import make_toml

    conf = workdir / "mailgate.toml"
    # Two workers, as the default configuration has: their claims race under the kills.
    conf.write_text(make_toml(workdir, db_url=db_url, port=port, extra=extra, workers=2))
    if db_url is not None:  # PostgreSQL: the schema is made by `mailgate db upgrade`
        subprocess.run(
            [sys.executable, "-m", "mailgate", "--config", str(conf), "db", "upgrade"],
            check=True,
            capture_output=True,
        )
    return conf, db_url or f"sqlite:///{workdir / 'mailgate.db'}"


def smtp_chaos(
    workdir: Path,
    *,
    n: int,
    kills: int,
    clients: int = 4,
    pace: float | None = None,
    up: tuple[float, float] = (0.2, 2.0),
    db_url: str | None = None,
    seed: int = 1,
    say: Callable[[str], None] = lambda _line: None,
) -> Figures:
    """``clients`` SMTP clients send ``n`` messages to `mailgate run` (all roles), which
    is killed ``kills`` times, each a random ``up`` seconds after it answered its first
    250 (so that each kill falls while mail is being taken), and restarted at once.
    Then a last instance takes what is left and processes it all.
    The clients are paced (``pace`` seconds between messages; by default so that the
    sending spans the kills) so that every kill falls while mail is arriving."""
    from tests.support.environment import free_port

    port = free_port()
    conf, url = _config(workdir, db_url, port)
    messages = chaos_messages(n, seed=seed)
    ids = [message_id(m) for m in messages]
    rnd = random.Random(seed)
    log = workdir / "mailgate.log"
    started = time.monotonic()
    instance = Instance(conf, log).start()
    instance.wait_port(port)
    if pace is None:
        pace = clients * kills * (up[0] + up[1]) / 2 / n
    load = SmtpLoad(port, messages, clients=clients, pace=pace).start()
    tally = Tally(url)
    try:
        for k in range(kills):
            acked = len(load.acknowledged)
            wait_until(lambda a=acked: len(load.acknowledged) > a or load.done, 120, "a 250")
            time.sleep(rnd.uniform(*up))
            instance.kill()
            say(f"kill {k + 1}: {len(load.acknowledged)} of {n} acknowledged")
            instance = Instance(conf, log).start()
            instance.wait_port(port)
        if not load.join(600):
            raise AssertionError(f"the clients did not finish: {len(load.acknowledged)} of {n}")
        wait_until(lambda: tally.waiting() == 0, 600, "processing to finish")
        if instance.stop() != 0:
            raise AssertionError(f"mailgate did not stop cleanly:\n{instance.log()[-3000:]}")
        figures = tally.figures("smtp", ids, {ids[i] for i in load.acknowledged}, kills)
    finally:
        load.stop.set()
        instance.kill()
        tally.dispose()
    figures.resent = load.resent
    figures.seconds = time.monotonic() - started
    if load.refused:
        raise AssertionError(f"{load.refused} messages were refused with 5xx")
    return figures


def seen_ids(client_factory: Callable[[], object], folder: str = "INBOX") -> set[str]:
    """The Message-IDs of the messages flagged \\Seen in the folder."""
    from imapclient import IMAPClient

    client = client_factory()
    assert isinstance(client, IMAPClient)
    with client as c:
        c.select_folder(folder, readonly=True)
        uids = c.search("SEEN")
        found: set[str] = set()
        for start in range(0, len(uids), 500):
            fetched = c.fetch(uids[start : start + 500], ["BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
            for data in fetched.values():
                found.add(message_id(data[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"]))
        return found


def imap_chaos(
    dovecot: object,
    workdir: Path,
    *,
    n: int,
    kills: int,
    up: tuple[float, float] = (0.05, 0.5),
    batch_size: int = 10,
    db_url: str | None = None,
    seed: int = 2,
    say: Callable[[str], None] = lambda _line: None,
) -> Figures:
    """A mailbox of ``n`` messages drained by `mailgate run --only imap,process`, killed
    ``kills`` times, each a random ``up`` seconds after it selected the folder.  After
    each kill, every message the server shows ``\\Seen`` must be in the database."""
    from tests.support.dovecot import ELSEWHERE, Dovecot, imap_block
    from tests.support.environment import free_port

    assert isinstance(dovecot, Dovecot)
    user = dovecot.add_user()
    messages = chaos_messages(n, to=ELSEWHERE, seed=seed)
    ids = [message_id(m) for m in messages]
    dovecot.deliver(user, messages)
    dovecot.uids(user)  # Dovecot indexes the new mail before the clock starts
    extra = imap_block(user, dovecot.port, batch_size=batch_size)
    conf, url = _config(workdir, db_url, free_port(), extra)
    rnd = random.Random(seed)
    log = workdir / "mailgate.log"
    started = time.monotonic()
    tally = Tally(url)
    flagged_not_stored: set[str] = set()
    instance: Instance | None = None
    try:
        for k in range(kills):
            before = log.read_text().count("INBOX selected") if log.exists() else 0
            instance = Instance(conf, log, ("imap", "process")).start()
            wait_until(
                lambda n=before: log.read_text().count("INBOX selected") > n,
                60,
                "the folder selected",
            )
            time.sleep(rnd.uniform(*up))
            instance.kill()
            seen = seen_ids(lambda: dovecot.client(user))
            flagged_not_stored |= seen - tally.stored_ids()
            say(f"kill {k + 1}: {len(seen)} of {n} flagged \\Seen")
        instance = Instance(conf, log, ("imap", "process")).start()
        wait_until(lambda: len(seen_ids(lambda: dovecot.client(user))) == n, 600, "all seen")
        wait_until(lambda: tally.waiting() == 0, 600, "processing to finish")
        if instance.stop() != 0:
            raise AssertionError(f"mailgate did not stop cleanly:\n{instance.log()[-3000:]}")
        seen = seen_ids(lambda: dovecot.client(user))
        figures = tally.figures("imap", ids, seen, kills)
        # Flagged before it was stored is lost too, whatever a later session stored.
        figures.lost = len((seen - tally.stored_ids()) | flagged_not_stored)
    finally:
        if instance is not None:
            instance.kill()
        tally.dispose()
    figures.seconds = time.monotonic() - started
    return figures


# -- a database that goes away ---------------------------------------------------------------


class DatabaseGate:
    """A TCP relay on loopback in front of the database server, which the test closes —
    every connection through it broken, new ones accepted and dropped at once, as a
    server that went down — and opens again."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self.closed = threading.Event()
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self.closed.set()
        with self._lock:
            sockets, self._open = self._open, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def reopen(self) -> None:
        self.closed.clear()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self.closed.is_set():
                client.close()
                continue
            try:
                server = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open += [client, server]
            for src, dst in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def shutdown(self) -> None:
        self.close()
        self.listener.close()


def send_each(port: int, messages: Sequence[bytes], clients: int = 4) -> list[int]:
    """Send each message once, ``clients`` at a time, each on a connection of its own;
    the SMTP code each got (0: no answer)."""
    from concurrent.futures import ThreadPoolExecutor

    def one(raw: bytes) -> int:
        try:
            with smtplib.SMTP("127.0.0.1", port, timeout=60) as c:
                return 250 if not c.sendmail("client@clients.example", [SUPPORT], raw) else 550
        except smtplib.SMTPResponseException as e:
            return e.smtp_code
        except smtplib.SMTPRecipientsRefused as e:
            return min(code for code, _ in e.recipients.values())
        except (OSError, smtplib.SMTPException):
            return 0

    with ThreadPoolExecutor(clients) as pool:
        return list(pool.map(one, messages))
