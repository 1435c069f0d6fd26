"""Service levels end to end: tickets opened by mail over real SMTP get their due times,
the ``sla`` job run with a controlled clock warns the assignee and escalates to the admins
once each, the clock stops while the ticket waits on the client, and the API, the
command line and the figures show it."""

from __future__ import annotations

import smtplib
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import cast

import pytest
from click.testing import CliRunner

from mailgate.api import schemas
from mailgate.cli.main import cli
from mailgate.config import Config, config_from_toml
from mailgate.notify import Notifier, Templates
from mailgate.scheduler import run_job
from mailgate.sla import Target
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, OutboxRow, Ticket, TicketSla
from mailgate.store.sla_repo import SlaRepo
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.actions import Agent, change_status, post_reply
from mailgate.tickets.changes import assign, set_priority
from mailgate.tickets.sla import refresh
from tests.support.api import AGENT_TOKEN, ANN, Client, api_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
BOSS = "boss@helpdesk-staff.test"
AGENT = Agent(ANN, "Ann Agent")
SLA = f"""
[[agents]]
address = "{BOSS}"
name = "Bo Boss"
role = "admin"

[[sla]]
department = "support"
first_response = "4h"
resolution = "24h"
warn_before = "1h"

[[sla]]
department = "support"
priority = "high"
first_response = "30m"
resolution = "4h"
"""


@pytest.fixture(params=["sqlite"])
def config(request: pytest.FixtureRequest, tmp_path: Path) -> Config:
    """SQLite; the tests parametrized with "postgresql" run on the PostgreSQL server."""
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    text = api_toml(tmp_path, db_url) + SLA
    (tmp_path / "mailgate.toml").write_text(text)
    return config_from_toml(text, "<test>")


BOTH_DATABASES = pytest.mark.parametrize(
    "config", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


@pytest.fixture
def daemon(config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]) -> RunningDaemon:
    """The SMTP listener, processing and the API; the outbox is left for the test."""
    return run_daemon(config, ("smtp", "process", "http"))


def send(
    port: int,
    sender: str,
    subject: str,
    *,
    message_id: str | None = None,
    in_reply_to: str | None = None,
    headers: dict[str, str] | None = None,
) -> None:
    raw = build(
        from_=sender,
        subject=subject,
        message_id=message_id,
        in_reply_to=in_reply_to,
        headers={**AUTHENTICATED, **(headers or {})},
    )
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        s.sendmail(sender, [SUPPORT], raw)


def ticket_of(store: Store, subject: str) -> Ticket:
    def found() -> Ticket | None:
        with store.read() as s:
            return s.query(Ticket).filter_by(subject=subject).one_or_none()

    return cast(Ticket, wait_for(found, timeout=30))


def sla_mail(store: Store, number: int) -> list[OutboxRow]:
    with store.read() as s:
        return list(
            s.query(OutboxRow)
            .filter(
                OutboxRow.ticket_id == number, OutboxRow.kind.in_(("sla_warning", "sla_breach"))
            )
            .order_by(OutboxRow.id)
        )


def sla_events(store: Store, number: int) -> list[tuple[str, str]]:
    with store.read() as s:
        rows = s.query(Event).filter(Event.ticket_id == number, Event.kind.like("sla_%"))
        return [(e.kind, e.data["target"]) for e in rows.order_by(Event.id)]


def clocks(store: Store, number: int) -> TicketSla:
    with store.read() as s:
        row = s.get(TicketSla, number)
        assert row is not None
        return row


def mail(row: OutboxRow) -> EmailMessage:
    return message_from_bytes(row.raw, policy=default_policy)


def sla(config: Config, store: Store, now: datetime) -> str:
    result = run_job("sla", config, store, now=now)
    assert result.outcome == "ok", result.error
    return result.summary


def test_a_ticket_opened_by_smtp_mail_is_due_its_department_targets(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Printer broken")
    t = ticket_of(store, "Printer broken")
    sla(config, store, t.created_at)
    row = clocks(store, t.id)
    assert row.policy == "support/*"
    assert row.first_response_due == t.created_at + timedelta(hours=4)
    assert row.first_response_warn_at == t.created_at + timedelta(hours=3)
    assert row.resolution_due == t.created_at + timedelta(hours=24)


def test_a_high_priority_mail_gets_the_high_priority_targets_and_a_priority_change_moves_them(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Site down", headers={"X-Priority": "1 (Highest)"})
    t = ticket_of(store, "Site down")
    assert t.priority == "high"
    sla(config, store, t.created_at)
    assert clocks(store, t.id).first_response_due == t.created_at + timedelta(minutes=30)
    set_priority(store, t.id, "normal", AGENT)
    sla(config, store, t.created_at)
    assert clocks(store, t.id).first_response_due == t.created_at + timedelta(hours=4)


@BOTH_DATABASES
def test_the_assignee_is_warned_once_and_the_admins_told_once_at_the_breach(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "No invoice")
    t = ticket_of(store, "No invoice")
    assign(store, config, t.id, ANN, AGENT)
    t0 = t.created_at

    assert "0 warned" in sla(config, store, t0 + timedelta(hours=2, minutes=59))
    assert sla_mail(store, t.id) == []

    assert "1 warned" in sla(config, store, t0 + timedelta(hours=3, minutes=1))
    assert "0 warned" in sla(config, store, t0 + timedelta(hours=3, minutes=2))
    [warning] = sla_mail(store, t.id)
    assert warning.kind == "sla_warning"
    assert warning.recipients == [ANN]
    m = mail(warning)
    assert m["From"].addresses[0].addr_spec == SUPPORT
    assert f"#[{t.id}]" in str(m["Subject"])
    assert "first response" in str(m["Subject"])
    body = m.get_body(("plain",))
    assert body is not None
    assert "59 minutes of business time left" in " ".join(str(body.get_content()).split())

    # At the breach: the admins are told; a restart (a new store) sends nothing again.
    assert "1 escalated" in sla(config, store, t0 + timedelta(hours=4, minutes=1))
    again = Store(config.database)
    try:
        assert "0 escalated" in sla(config, again, t0 + timedelta(hours=5))
    finally:
        again.dispose()
    kinds = [(r.kind, r.recipients) for r in sla_mail(store, t.id)]
    assert kinds == [("sla_warning", [ANN]), ("sla_breach", [BOSS])]
    assert sla_events(store, t.id) == [
        ("sla_warning", "first_response"),
        ("sla_breach", "first_response"),
    ]


def test_the_first_agent_reply_meets_the_first_response_and_nothing_is_sent(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Password reset")
    t = ticket_of(store, "Password reset")
    notifier = Notifier(config, Templates(config.templates.directory))
    post_reply(store, notifier, t.id, "Done, please try again.", AGENT)
    sla(config, store, t.created_at + timedelta(hours=5))
    row = clocks(store, t.id)
    assert row.first_response_done_at is not None
    assert row.first_response_done_at < row.first_response_due  # type: ignore[operator]
    assert sla_mail(store, t.id) == []


@BOTH_DATABASES
def test_waiting_on_the_client_stops_the_clock_and_their_reply_starts_it_again(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Broken link", message_id="link@client.test")
    t = ticket_of(store, "Broken link")
    change_status(store, Notifier(config, Templates(None)), t.id, "on_hold", AGENT, notify=False)
    sla(config, store, t.created_at)
    held = clocks(store, t.id)
    assert held.resolution_due is None  # paused
    assert held.resolution_left is not None
    time.sleep(1.5)
    send(
        daemon.port,
        "Jo <jo@client.test>",
        f"Re: #[{t.id}] Broken link",
        in_reply_to="link@client.test",
    )
    wait_for(lambda: _status(store, t.id) == "customer_reply", timeout=30)
    sla(config, store, t.created_at)
    with store.read() as s:
        moves = [
            e.at
            for e in s.query(Event)
            .filter_by(ticket_id=t.id, kind="status_changed")
            .order_by(Event.id)
        ]
    paused = moves[1] - moves[0]
    assert paused > timedelta(seconds=1)
    assert clocks(store, t.id).resolution_due == t.created_at + timedelta(hours=24) + paused


def _status(store: Store, number: int) -> str:
    with store.read() as s:
        ticket = s.get(Ticket, number)
        assert ticket is not None
        return ticket.status


def test_the_api_shows_the_due_times_in_the_queue_and_on_the_ticket(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Login fails")
    t = ticket_of(store, "Login fails")
    client = Client(config.http.port)
    # Before any run of the job: computed from the ticket's history.
    doc = client.request("GET", f"/api/tickets/{t.id}", token=AGENT_TOKEN).body
    due = datetime.fromisoformat(doc["sla"]["first_response"]["due"])
    assert due == t.created_at + timedelta(hours=4)
    assert doc["sla"]["first_response"]["standing"] == "running"
    schemas.TicketDocument.model_validate(doc)
    listed = client.request("GET", "/api/tickets?queue=true", token=AGENT_TOKEN).body
    [item] = [d for d in listed if d["number"] == t.id]
    assert item["sla"]["resolution"]["due"] == (t.created_at + timedelta(hours=24)).isoformat()
    schemas.TicketSummary.model_validate(item)


def test_the_api_reports_met_and_breached_targets(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Slow answer")
    t = ticket_of(store, "Slow answer")
    sla(config, store, t.created_at + timedelta(hours=30))  # both targets breached
    client = Client(config.http.port)
    today = t.created_at.date().isoformat()
    r = client.request("GET", f"/api/sla/report?since={today}&until={today}")
    assert r.status == 200
    report = schemas.SlaReport.model_validate(r.body)
    [row] = report.rows
    assert (row.department, row.priority, row.tickets) == ("support", "normal", 1)
    assert row.first_response.breached == 1
    assert row.resolution.breached == 1
    bad = client.request("GET", "/api/sla/report?since=yesterday")
    assert bad.status == 400
    assert "since: expected a date" in bad.body["error"]


def test_the_queue_on_the_command_line_shows_what_is_due(
    config: Config, store: Store, daemon: RunningDaemon, tmp_path: Path
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Printer jam")
    ticket_of(store, "Printer jam")
    result = CliRunner().invoke(
        cli, ["--config", str(tmp_path / "mailgate.toml"), "tickets", "--queue"]
    )
    assert result.exit_code == 0, result.output
    line = next(li for li in result.output.splitlines() if "Printer jam" in li)
    assert "due in 4 hours" in line
    number = ticket_of(store, "Printer jam").id
    shown = CliRunner().invoke(
        cli, ["--config", str(tmp_path / "mailgate.toml"), "ticket", str(number)]
    )
    assert shown.exit_code == 0, shown.output
    assert "service level support/*: response due in 4 hours · resolution due in 24 hours" in (
        shown.output
    )


def test_the_report_counts_met_and_breached_targets_per_department_and_priority(
    config: Config, store: Store, daemon: RunningDaemon, tmp_path: Path
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Answered in time")
    send(daemon.port, "Al <al@client.test>", "Left waiting")
    fast = ticket_of(store, "Answered in time")
    slow = ticket_of(store, "Left waiting")
    post_reply(
        store, Notifier(config, Templates(config.templates.directory)), fast.id, "Done.", AGENT
    )
    sla(config, store, slow.created_at + timedelta(hours=5))
    result = CliRunner().invoke(
        cli,
        ["--config", str(tmp_path / "mailgate.toml"), "sla", "report", "--json"],
    )
    assert result.exit_code == 0, result.output
    import json

    report = json.loads(result.output)
    [row] = [
        r for r in report["rows"] if r["department"] == "support" and r["priority"] == "normal"
    ]
    assert row["first_response"] == {"met": 1, "breached": 1, "open": 0}


def test_a_database_upgraded_with_tickets_computes_their_clocks(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Old ticket")
    t = ticket_of(store, "Old ticket")
    with store.write() as s:
        s.query(TicketSla).delete()
    upgrade(store)
    sla(config, store, t.created_at)
    assert clocks(store, t.id).first_response_due == t.created_at + timedelta(hours=4)


def test_changed_targets_apply_to_the_open_tickets_at_the_next_run(
    config: Config, store: Store, daemon: RunningDaemon, tmp_path: Path
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Slow printer")
    t = ticket_of(store, "Slow printer")
    sla(config, store, t.created_at)
    assert clocks(store, t.id).first_response_due == t.created_at + timedelta(hours=4)
    longer = (
        (tmp_path / "mailgate.toml")
        .read_text()
        .replace('first_response = "4h"', 'first_response = "8h"')
    )
    sla(config_from_toml(longer, "<reloaded>"), store, t.created_at)
    assert clocks(store, t.id).first_response_due == t.created_at + timedelta(hours=8)


def test_a_ticket_changed_after_its_clocks_were_computed_is_not_warned_by_them(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Race")
    t = ticket_of(store, "Race")
    soon = t.created_at + timedelta(hours=3, minutes=5)
    refresh(store, config, soon, None)  # the job's first step …
    notifier = Notifier(config, Templates(config.templates.directory))
    post_reply(store, notifier, t.id, "On it.", AGENT)  # … an agent answers meanwhile …
    with store.write() as s:  # … and the warning of the old clocks is not claimed
        ticket = TicketRepo(s).get_for_update(t.id)
        assert ticket is not None
        assert SlaRepo(s).claim(ticket, Target.FIRST_RESPONSE, "warning", soon) is None
    sla(config, store, soon)
    assert sla_mail(store, t.id) == []
    assert clocks(store, t.id).first_response_done_at is not None


def test_a_target_found_past_due_is_escalated_without_a_warning(
    config: Config, store: Store, daemon: RunningDaemon
) -> None:
    send(daemon.port, "Jo <jo@client.test>", "Forgotten")
    t = ticket_of(store, "Forgotten")
    # The job did not run until after the due time (the scheduler was off).
    assert "0 warned, 1 escalated" in sla(
        config, store, t.created_at + timedelta(hours=4, minutes=30)
    )
    assert sla_events(store, t.id) == [("sla_breach", "first_response")]
