"""`mailgate run` killed with SIGKILL — the daemon alone, as ``kill -9 PID`` or the
kernel's out-of-memory killer does, not its process group — while mail is being
processed: its child processes (processing workers, IMAP poller, scheduler, inbox
writer) end within seconds, rather than go on working the database with no one to stop
them, deaf to SIGTERM."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import smtplib
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.chaos.harness import Instance, SmtpLoad, chaos_messages
from tests.support.config import make_toml
from tests.support.dovecot import Dovecot, imap_block
from tests.support.environment import free_port
from tests.support.mailfactory import build
from tests.support.processes import group_members
from tests.support.waiting import wait_for

pytestmark = pytest.mark.slow

CHILDREN = (
    r"processing worker 1 started \(pid (\d+)\)",
    r"processing worker 2 started \(pid (\d+)\)",
    r"IMAP poller started \(pid (\d+)\)",
    r"scheduler started \(pid (\d+)\)",
)
# What "a few seconds" is: the children must not outlive the daemon by more.
FEW_SECONDS = 5.0


def started(instance: Instance) -> list[int]:
    """The pids of the children that say they started, once all have."""

    def pids() -> list[int] | None:
        assert instance.alive, instance.log()[-3000:]
        found = [re.search(p, instance.log()) for p in CHILDREN]
        return [int(m.group(1)) for m in found if m] if all(found) else None

    return list(wait_for(pids, 60, "the children to start"))


def tickets(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as c:
            return int(c.execute(text("SELECT count(*) FROM tickets")).scalar_one())
    except Exception:  # noqa: BLE001 - not created yet, or locked for a moment
        return 0
    finally:
        engine.dispose()


def kill_the_daemon_alone(instance: Instance) -> dict[int, str]:
    """SIGKILL to the daemon only; what of its process group is still alive after
    FEW_SECONDS (killed then, for the next round)."""
    assert instance.proc is not None
    pgid = instance.proc.pid
    assert len(group_members(pgid)) >= 6, group_members(pgid)  # + writer, tracker
    os.kill(pgid, signal.SIGKILL)
    instance.proc.wait()
    deadline = time.monotonic() + FEW_SECONDS
    while group_members(pgid) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = group_members(pgid)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signal.SIGKILL)
    return left


def test_the_children_end_with_the_daemon_killed_while_mail_is_processed(
    dovecot: Dovecot, tmp_path: Path
) -> None:
    user = dovecot.add_user()
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, port=port, extra=imap_block(user, dovecot.port), workers=2))
    url = f"sqlite:///{tmp_path / 'mailgate.db'}"
    # Several rounds, each killed at a different moment of the work.
    for round_ in range(3):
        dovecot.deliver(user, chaos_messages(30, seed=100 + round_))
        instance = Instance(conf, tmp_path / f"mailgate-{round_}.log").start()
        try:
            instance.wait_port(port)
            started(instance)
            before = tickets(url)
            load = SmtpLoad(port, chaos_messages(300, seed=round_), clients=6).start()
            try:
                wait_for(lambda b=before: tickets(url) > b + 10, 120, "tickets being opened")
                assert not load.done, "the mail was all in before the kill: send more"
                left = kill_the_daemon_alone(instance)
            finally:
                load.stop.set()
            assert not left, (
                f"round {round_}: alive {FEW_SECONDS:.0f}s after the daemon was killed: "
                f"{left}\n{instance.log()[-3000:]}"
            )
        finally:
            instance.kill()


def test_children_paused_when_the_daemon_is_killed_end_with_it_too(tmp_path: Path) -> None:
    """The workers stopped (SIGSTOP: a machine out of memory, a debugger) while the
    daemon wakes them for new mail, the daemon killed, the workers resumed: they end."""
    port = free_port()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, port=port, workers=2))
    instance = Instance(conf, tmp_path / "mailgate.log", ("smtp", "process")).start()
    try:
        instance.wait_port(port)
        workers = [
            int(wait_for(lambda p=p: re.search(p, instance.log()), 60, p).group(1))
            for p in CHILDREN[:2]
        ]
        time.sleep(1.0)  # the moment chosen: the workers idle, waiting for mail
        for pid in workers:
            os.kill(pid, signal.SIGSTOP)

        def send() -> None:
            with (
                contextlib.suppress(OSError, smtplib.SMTPException),
                smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp,
            ):
                smtp.sendmail("jo@client.test", ["support@helpdesk.test"], build())

        sender = threading.Thread(target=send, daemon=True)
        sender.start()  # committed, the daemon wakes the (stopped) workers
        sender.join(5)
        assert instance.proc is not None
        pgid = instance.proc.pid
        os.kill(pgid, signal.SIGKILL)
        instance.proc.wait()
        for pid in workers:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        deadline = time.monotonic() + FEW_SECONDS
        while group_members(pgid) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = group_members(pgid)
        assert not left, f"alive after the daemon was killed: {left}\n{instance.log()[-3000:]}"
    finally:
        instance.kill()
