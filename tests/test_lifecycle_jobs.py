"""Scheduled jobs: auto-close of answered tickets, retention of raw mail, the scheduler
in ``mailgate run``, one instance per job on PostgreSQL, ``mailgate status``."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner

from mailgate.cli.main import cli
from mailgate.config import Config, SchedulerJobsConfig, config_from_toml, duration_in_words
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.inbox.retention import prune_raw
from mailgate.notify import Notifier, Prepared, Templates, TicketFacts
from mailgate.process import Processor
from mailgate.scheduler import JOBS, run_job
from mailgate.store.engine import Store
from mailgate.store.jobs_repo import JobRepo, LastRun
from mailgate.store.locks import JobLock
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, Ticket, utcnow
from mailgate.tickets.actions import Agent, change_status, post_reply
from mailgate.tickets.autoclose import auto_close
from tests.support.config import make_toml
from tests.support.environment import free_port
from tests.support.mailfactory import build
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
AGENT = Agent("ann@helpdesk-staff.test", "Ann Agent")
EXTRA = "\n[retention]\nkeep_raw_days = 30\n"


@pytest.fixture
def config(make_config: Callable[..., Config]) -> Config:
    return make_config(extra=EXTRA)


@pytest.fixture
def notifier(config: Config) -> Notifier:
    return Notifier(config, Templates(config.templates.directory))


def receive(store: Store, raw: bytes, sender: str) -> int:
    [r] = store_messages(store, [(Envelope("smtp", sender, (SUPPORT,), "127.0.0.1"), raw)])
    return r.inbox_id


def open_ticket(store: Store, processor: Processor, n: int) -> int:
    """Ticket from client ``n``, through the real pipeline; returns its number."""
    client = f"c{n}@client.test"
    inbox_id = receive(
        store,
        build(
            from_=f"Client {n} <{client}>",
            subject=f"Problem {n}",
            message_id=f"t{n}@client.test",
        ),
        client,
    )
    processor.run_once()
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        assert row.ticket_id is not None
        return row.ticket_id


def answered_ticket(store: Store, processor: Processor, notifier: Notifier, n: int) -> int:
    number = open_ticket(store, processor, n)
    done = post_reply(store, notifier, number, "Please restart the printer.", AGENT)
    assert done.status == "answered"
    return number


def ticket(store: Store, number: int) -> Ticket:
    with store.read() as s:
        t = s.get(Ticket, number)
        assert t is not None
        return t


def notices(store: Store, number: int) -> list[OutboxRow]:
    with store.read() as s:
        return list(
            s.query(OutboxRow)
            .filter_by(ticket_id=number, kind="ticket_closed")
            .order_by(OutboxRow.id)
        )


def text_of(row: OutboxRow) -> str:
    msg = cast(EmailMessage, message_from_bytes(row.raw, policy=default_policy))
    body = msg.get_body(("plain",))
    assert body is not None
    return " ".join(str(body.get_content()).split())


def later(hours: float) -> datetime:
    return utcnow() + timedelta(hours=hours)


# -- auto-close ------------------------------------------------------------------------------


def test_answered_25_hours_ago_is_closed_with_one_notice(
    store: Store, processor: Processor, notifier: Notifier, config: Config
) -> None:
    number = answered_ticket(store, processor, notifier, 1)
    result = auto_close(store, notifier, config, later(25))
    assert result.closed == (number,)
    assert result.summary == "closed 1 ticket"
    t = ticket(store, number)
    assert t.status == "closed"
    assert t.closed_at is not None
    [notice] = notices(store, number)
    assert notice.recipients == ["c1@client.test"]
    text = text_of(notice)
    assert "have not heard back from you for 24 hours, so we have closed it" in text
    assert "your reply reopens the ticket" in text
    msg = message_from_bytes(notice.raw, policy=default_policy)
    assert msg["Subject"] == "#[1] Problem 1 [closed]"
    assert msg["In-Reply-To"] == "<t1@client.test>"
    assert msg["Auto-Submitted"] == "auto-replied"
    with store.read() as s:
        events = [(e.kind, e.actor, e.data) for e in s.query(Event).filter_by(ticket_id=number)]
        [out] = s.query(Message).filter_by(ticket_id=number, outbox_id=notice.id).all()
    assert (
        "status_changed",
        "system",
        {"from": "answered", "to": "closed", "event": "auto_close"},
    ) in events
    assert any(k == "mail_queued" and d["template"] == "ticket_closed" for k, _a, d in events)
    assert out.direction == "out"


def test_the_notice_is_not_sent_twice_when_the_job_runs_twice(
    store: Store, processor: Processor, notifier: Notifier, config: Config
) -> None:
    number = answered_ticket(store, processor, notifier, 1)
    assert auto_close(store, notifier, config, later(25)).closed == (number,)
    again = auto_close(store, notifier, config, later(26))
    assert again.closed == ()
    assert len(notices(store, number)) == 1


def test_answered_23_hours_ago_stays_answered(
    store: Store, processor: Processor, notifier: Notifier, config: Config
) -> None:
    number = answered_ticket(store, processor, notifier, 1)
    assert auto_close(store, notifier, config, later(23)).closed == ()
    assert ticket(store, number).status == "answered"
    assert notices(store, number) == []


def test_counted_from_when_it_became_answered(
    store: Store, processor: Processor, notifier: Notifier, config: Config
) -> None:
    number = answered_ticket(store, processor, notifier, 1)
    # Moved back in time as if answered 25 hours ago: the real clock closes it.
    with store.write() as s:
        t = s.get(Ticket, number)
        assert t is not None
        t.status_changed_at = utcnow() - timedelta(hours=25)
    assert auto_close(store, notifier, config).closed == (number,)


def test_a_client_reply_after_the_answer_keeps_it_open(
    store: Store, processor: Processor, notifier: Notifier, config: Config
) -> None:
    number = answered_ticket(store, processor, notifier, 1)
    receive(
        store,
        build(
            from_="Client 1 <c1@client.test>",
            subject="Re: #[1] Problem 1",
            message_id="r1@client.test",
            body="Restarted it, still broken.\n",
        ),
        "c1@client.test",
    )
    processor.run_once()
    assert ticket(store, number).status == "customer_reply"
    assert auto_close(store, notifier, config, later(25)).closed == ()
    assert ticket(store, number).status == "customer_reply"
    assert notices(store, number) == []


class ReplyArrivesWhileRendering(Notifier):
    """Applies a client's reply to the ticket at the moment auto-close has picked it and
    is rendering its notice: the race between the job and the mail."""

    def __init__(self, config: Config, store: Store, processor: Processor) -> None:
        super().__init__(config, Templates(config.templates.directory))
        self.store = store
        self.processor = processor
        self.fired = False

    def prepare(self, kind: str, facts: TicketFacts, **kwargs: Any) -> Prepared:
        if kind == "ticket_closed" and not self.fired:
            self.fired = True
            receive(
                self.store,
                build(
                    from_="Client 1 <c1@client.test>",
                    subject="Re: #[1] Problem 1",
                    message_id="race@client.test",
                ),
                "c1@client.test",
            )
            assert self.processor.run_once().processed == 1
        return super().prepare(kind, facts, **kwargs)


def test_a_client_reply_that_arrives_during_the_run_wins(
    store: Store, processor: Processor, notifier: Notifier, config: Config
) -> None:
    number = answered_ticket(store, processor, notifier, 1)
    racing = ReplyArrivesWhileRendering(config, store, processor)
    result = auto_close(store, racing, config, later(25))
    assert racing.fired
    assert (result.closed, result.skipped) == ((), 1)
    assert ticket(store, number).status == "customer_reply"
    assert notices(store, number) == []


def test_closed_on_hold_and_open_tickets_are_untouched(
    store: Store, processor: Processor, notifier: Notifier, config: Config
) -> None:
    on_hold = answered_ticket(store, processor, notifier, 1)
    change_status(store, notifier, on_hold, "on_hold", AGENT, notify=False)
    closed = answered_ticket(store, processor, notifier, 2)
    change_status(store, notifier, closed, "closed", AGENT, notify=False)
    still_open = open_ticket(store, processor, 3)
    answered = answered_ticket(store, processor, notifier, 4)
    assert auto_close(store, notifier, config, later(25)).closed == (answered,)
    assert [ticket(store, n).status for n in (on_hold, closed, still_open)] == [
        "on_hold",
        "closed",
        "open",
    ]
    assert notices(store, closed) == []


def test_a_notice_that_cannot_be_rendered_leaves_the_ticket_and_fails_the_job(
    make_config: Callable[..., Config], tmp_path: Path
) -> None:
    overrides = tmp_path / "templates" / "ticket_closed"
    overrides.mkdir(parents=True)
    (overrides / "body.txt").write_text("Closed after {{ closed.after | nosuchfilter }}\n")
    extra = f'\n[templates]\ndirectory = "{overrides.parent}"\n'
    config = make_config(extra=extra)
    store = Store(config.database)
    try:
        upgrade(store)
        processor = Processor(config, store)
        notifier = Notifier(config, Templates(config.templates.directory))
        number = answered_ticket(store, processor, notifier, 1)
        result = run_job("auto_close", config, store, now=later(25))
        assert result.outcome == "error"
        assert result.summary == "closed 0 tickets, 1 not closed (notice failed)"
        assert result.error is not None
        assert "ticket 1: " in result.error
        assert "body.txt" in result.error
        assert ticket(store, number).status == "answered"
        with store.read() as s:
            last = JobRepo(s).last_runs()["auto_close"]
        assert (last.outcome, last.error) == ("error", result.error)
        conf = tmp_path / "mailgate.toml"
        conf.write_text(make_toml(tmp_path, extra=extra))
        shown = CliRunner().invoke(cli, ["--config", str(conf), "status"]).output
        assert " error " in next(line for line in shown.splitlines() if "auto_close" in line)
        assert f"error: {result.error}" in shown
        assert "last success: -" in shown
    finally:
        store.dispose()


def test_closed_after_is_worded_for_people() -> None:
    assert duration_in_words(86400) == "24 hours"
    assert duration_in_words(2 * 86400) == "48 hours"
    assert duration_in_words(30 * 86400) == "30 days"
    assert duration_in_words(5400) == "90 minutes"
    assert duration_in_words(3600) == "1 hour"
    assert duration_in_words(90) == "90 seconds"
    assert duration_in_words(1) == "1 second"


# -- the acceptance test: two instances on PostgreSQL ------------------------------------------


@pytest.mark.postgres
def test_two_instances_on_postgresql_close_each_ticket_once(
    make_config: Callable[..., Config], pg_url: str
) -> None:
    config = make_config(db_url=pg_url)
    setup = Store(config.database)
    upgrade(setup)
    notifier = Notifier(config, Templates(config.templates.directory))
    processor = Processor(config, setup)
    numbers = [answered_ticket(setup, processor, notifier, n) for n in range(1, 21)]
    now = later(25)
    barrier = threading.Barrier(2)
    results: list[tuple[int, ...]] = []
    errors: list[BaseException] = []

    def instance() -> None:
        store = Store(config.database)  # an instance of its own: engine, pool, connections
        try:
            own = Notifier(config, Templates(config.templates.directory))
            barrier.wait()
            results.append(auto_close(store, own, config, now, page=4).closed)
        except BaseException as e:  # noqa: BLE001 - reported by the test
            errors.append(e)
        finally:
            store.dispose()

    threads = [threading.Thread(target=instance) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    closed = [n for r in results for n in r]
    assert sorted(closed) == numbers, "each ticket closed once, by one instance"
    with setup.read() as s:
        per_ticket = [
            s.query(OutboxRow).filter_by(ticket_id=n, kind="ticket_closed").count() for n in numbers
        ]
        auto_events = [
            e for e in s.query(Event).filter_by(kind="status_changed") if e.actor == "system"
        ]
        statuses = {t.status for t in s.query(Ticket)}
    assert per_ticket == [1] * 20, "exactly one notice per ticket"
    assert len(auto_events) == 20
    assert statuses == {"closed"}
    setup.dispose()


@pytest.mark.postgres
def test_a_job_another_instance_runs_is_skipped_on_postgresql(
    make_config: Callable[..., Config], pg_url: str
) -> None:
    config = make_config(db_url=pg_url)
    store = Store(config.database)
    other = Store(config.database)
    try:
        upgrade(store)
        held = JobLock(other, "job:auto_close")
        assert held.try_acquire()
        assert run_job("auto_close", config, store).outcome == "skipped"
        assert run_job("retention", config, store).outcome == "ok", "one lock per job"
        held.release()
        assert run_job("auto_close", config, store).outcome == "ok"
    finally:
        store.dispose()
        other.dispose()


def test_a_job_running_in_another_process_is_skipped_on_sqlite(
    store: Store, config: Config
) -> None:
    held = JobLock(store, "job:retention")
    assert held.try_acquire()
    try:
        assert run_job("retention", config, store).outcome == "skipped"
    finally:
        held.release()
    assert run_job("retention", config, store).outcome == "ok"


# -- retention -------------------------------------------------------------------------------


def test_retention_prunes_raw_bytes_of_old_processed_mail_only(
    store: Store, processor: Processor, config: Config, tmp_path: Path
) -> None:
    raw = build(message_id="old@client.test")
    old = receive(store, raw, "jo@client.test")
    recent = receive(
        store,
        build(from_="Bo <bo@client.test>", message_id="recent@client.test"),
        "bo@client.test",
    )
    anonymous = b"To: support@helpdesk.test\r\nSubject: who am I\r\n\r\nno From here\r\n"
    unticketed = receive(store, anonymous, "root")  # names nobody: held for a person
    processor.run_once()
    waiting = receive(store, build(from_="Al <al@client.test>"), "al@client.test")
    with store.write() as s:
        for inbox_id, days in ((old, 31), (recent, 29), (unticketed, 31)):
            row = s.get(InboxRow, inbox_id)
            assert row is not None
            row.processed_at = utcnow() - timedelta(days=days)
    result = prune_raw(store, config.retention)
    assert (result.pruned, result.summary) == (1, "pruned the raw bytes of 1 message")
    with store.read() as s:
        rows = {r.id: r for r in s.query(InboxRow)}
        [message] = s.query(Message).filter_by(message_id="old@client.test").all()
    assert rows[old].raw == b""
    assert rows[old].raw_pruned_at is not None
    assert (rows[old].state, rows[old].ticket_id, rows[old].size) == ("processed", 1, len(raw))
    assert "My printer is broken." in message.text, "the ticket's copy stays"
    for kept in (recent, unticketed, waiting):
        assert rows[kept].raw != b""
        assert rows[kept].raw_pruned_at is None
    assert prune_raw(store, config.retention).pruned == 0
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, extra=EXTRA))
    explained = CliRunner().invoke(cli, ["--config", str(conf), "explain", str(old)])
    assert explained.exit_code == 0, explained.output
    assert "raw pruned" in explained.output
    assert "ticket     1" in explained.output


def test_retention_keeps_everything_by_default(
    make_config: Callable[..., Config], store: Store, processor: Processor
) -> None:
    receive(store, build(), "jo@client.test")
    processor.run_once()
    with store.write() as s:
        for row in s.query(InboxRow):
            row.processed_at = utcnow() - timedelta(days=3650)
    default = make_config().retention
    assert default.keep_raw_days == 0
    assert prune_raw(store, default).pruned == 0
    with store.read() as s:
        assert all(r.raw for r in s.query(InboxRow))


# -- mailgate status, mailgate jobs run -------------------------------------------------------


def test_status_shows_each_jobs_last_run(
    store: Store, processor: Processor, notifier: Notifier, tmp_path: Path
) -> None:
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path, extra=EXTRA))
    runner = CliRunner()
    before = runner.invoke(cli, ["--config", str(conf), "status"])
    assert before.exit_code == 0, before.output
    assert [line.split()[:4] for line in before.output.splitlines()[1:3]] == [
        ["auto_close", "5", "minutes", "never"],
        ["retention", "1", "hour", "never"],
    ]
    number = answered_ticket(store, processor, notifier, 1)
    with store.write() as s:
        t = s.get(Ticket, number)
        assert t is not None
        t.status_changed_at = utcnow() - timedelta(hours=25)
    ran = runner.invoke(cli, ["--config", str(conf), "jobs", "run", "auto_close"])
    assert ran.exit_code == 0, ran.output
    assert "\nauto_close: closed 1 ticket (" in "\n" + ran.output
    assert ticket(store, number).status == "closed"
    assert runner.invoke(cli, ["--config", str(conf), "jobs", "run", "retention"]).exit_code == 0
    shown = runner.invoke(cli, ["--config", str(conf), "status"])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    auto = next(line for line in lines if line.startswith("auto_close"))
    assert " ok " in auto
    assert auto.rstrip().endswith("closed 1 ticket")
    assert utcnow().strftime("%Y-%m-%d") in auto
    retention = next(line for line in lines if line.startswith("retention"))
    assert retention.rstrip().endswith("pruned the raw bytes of 0 messages")
    assert queue_cell(lines, "inbox", "PROCESSED") == "1"
    assert queue_cell(lines, "outbox", "WAITING") == "3"  # acknowledgment, answer, closing notice
    doc = runner.invoke(cli, ["--config", str(conf), "status", "--json"])
    assert '"outcome": "ok"' in doc.output


def queue_cell(lines: list[str], queue: str, column: str) -> str:
    """A number of the queue table of `mailgate status` (right-aligned under its header)."""
    header = next(line for line in lines if line.startswith("QUEUE"))
    row = next(line for line in lines if line.startswith(queue + " "))
    return row[: header.index(column) + len(column)].split()[-1]


def test_every_job_has_its_configuration_table() -> None:
    assert set(JOBS) == set(SchedulerJobsConfig.model_fields)


# -- the scheduler role in a real `mailgate run` -----------------------------------------------


@pytest.fixture
def scheduled(tmp_path: Path) -> tuple[Path, Config]:
    extra = (
        EXTRA
        + '\n[scheduler.jobs.auto_close]\ninterval = "1s"\n'
        + '\n[scheduler.jobs.retention]\ninterval = "1s"\n'
    )
    text = make_toml(tmp_path, port=free_port(), extra=extra)
    conf = tmp_path / "mailgate.toml"
    conf.write_text(text)
    return conf, config_from_toml(text, str(conf))


def test_scheduler_role_runs_jobs_on_their_interval_and_stops_on_sigterm(
    scheduled: tuple[Path, Config], tmp_path: Path
) -> None:
    conf, config = scheduled
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    notifier = Notifier(config, Templates(config.templates.directory))
    first = answered_ticket(store, processor, notifier, 1)

    def answered_long_ago(number: int) -> None:
        with store.write() as s:
            t = s.get(Ticket, number)
            assert t is not None
            t.status_changed_at = utcnow() - timedelta(hours=25)

    def last_run(name: str) -> LastRun | None:
        with store.read() as s:
            return JobRepo(s).last_runs().get(name)

    def finished(name: str) -> LastRun | None:
        run = last_run(name)
        return run if run is not None and run.outcome != "running" else None

    answered_long_ago(first)
    # Without the processing role: the test processes its own mail, and must not race
    # the daemon's workers for it.
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mailgate",
            "--config",
            str(conf),
            "run",
            "--only",
            "scheduler,send",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_for(
            lambda: ticket(store, first).status == "closed",
            timeout=30,
            what="the first ticket closed",
        )
        # The sender, woken by the scheduler, sends the notice.
        wait_for(
            lambda: any(
                b"Problem 1 [closed]" in p.read_bytes() for p in (tmp_path / "outbox").glob("*")
            ),
            timeout=30,
            what="the notice sent",
        )
        wait_for(lambda: finished("retention") is not None, timeout=30, what="a retention run")
        retention = finished("retention")
        assert retention is not None
        assert (retention.outcome, retention.summary) == (
            "ok",
            "pruned the raw bytes of 0 messages",
        )
        wait_for(lambda: finished("auto_close") is not None, timeout=30, what="an auto-close run")
        seen = finished("auto_close")
        assert seen is not None
        assert seen.outcome == "ok"
        # A ticket that is due later is closed by a later run.
        second = answered_ticket(store, processor, notifier, 2)
        answered_long_ago(second)
        wait_for(
            lambda: ticket(store, second).status == "closed",
            timeout=30,
            what="the second ticket closed",
        )
        later_run = last_run("auto_close")
        assert later_run is not None
        assert later_run.started_at > seen.started_at
        assert len(notices(store, second)) == 1
        stopping = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
        assert time.monotonic() - stopping < 10
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        store.dispose()
    out = proc.stdout.read().decode() if proc.stdout else ""
    assert "scheduler started" in out
    assert "auto_close every 1 second" in out
    assert "ticket 1 closed automatically" in out
    assert "scheduler stopped" in out
