"""The ticket lifecycle: the state machine and its configuration, reopening, closing by
mail, priority, assignment, departments, the queue."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import cast

import pytest

from mailgate import lifecycle
from mailgate.config import Config, config_from_toml
from mailgate.errors import ActionRefused, ConfigError, TransitionRefused
from mailgate.lifecycle import DEFAULT_TABLE, EVENTS, STATUSES
from mailgate.notify import Notifier, Templates
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, Ticket
from mailgate.tickets.actions import (
    Agent,
    assign,
    change_status,
    move_department,
    post_reply,
    set_priority,
)
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.store import receive

SUPPORT = "support@helpdesk.test"
ANN = Agent("ann@staff.test", "Ann")


def ticket(store: Store, number: int) -> Ticket:
    with store.read() as s:
        t = s.get(Ticket, number)
        assert t is not None
        return t


def ticket_of(store: Store, inbox_id: int) -> int | None:
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        return row.ticket_id


def outbox(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def parsed(row: OutboxRow) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(row.raw, policy=default_policy))


def events(store: Store, kind: str) -> list[Event]:
    with store.read() as s:
        return list(s.query(Event).filter_by(kind=kind).order_by(Event.id))


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def with_helpdesk(tmp_path: Path, extra: str = "", helpdesk: str = "") -> Config:
    text = make_toml(tmp_path, extra=extra)
    if helpdesk:
        text = text.replace('name = "Test Helpdesk"', f'name = "Test Helpdesk"\n{helpdesk}')
    return config_from_toml(text, "<test>")


@pytest.fixture
def setup(config: Config, store: Store, processor: Processor) -> tuple[Config, Store, Processor]:
    return config, store, processor


def open_one(store: Store, processor: Processor, **kwargs: object) -> None:
    receive(store, build(message_id="first@client.test", **kwargs))  # type: ignore[arg-type]
    processor.run_once()


# -- the state machine -----------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
def test_the_default_table_event_by_event(status: str) -> None:
    machine = lifecycle.DEFAULT
    for event in EVENTS:
        target = DEFAULT_TABLE[status].get(event)
        if event == lifecycle.AGENT_STATUS_CHANGE:
            for t in STATUSES:
                if t in cast(tuple[str, ...], target):
                    machine.check_agent_choice(status, t)
                else:
                    with pytest.raises(TransitionRefused, match=f"'{status}'"):
                        machine.check_agent_choice(status, t)
        elif target is None:
            with pytest.raises(TransitionRefused) as refused:
                machine.next_status(status, event)
            assert f"event '{event}'" in str(refused.value)
            assert f"status '{status}'" in str(refused.value)
        else:
            assert machine.next_status(status, event) == target
    assert machine.problems() == []


def test_the_default_follows_the_helpdesk_documents() -> None:
    m = lifecycle.DEFAULT
    # A client reply puts a ticket back in the queue, on hold included.
    for status in ("in_progress", "answered", "on_hold", "customer_reply"):
        assert m.next_status(status, "client_message") == "customer_reply"
    assert m.next_status("open", "agent_reply") == "answered"
    assert m.next_status("answered", "auto_close") == "closed"
    assert m.next_status("closed", "reopen") == "customer_reply"
    for status in ("open", "in_progress", "on_hold", "customer_reply", "closed"):
        with pytest.raises(TransitionRefused):
            m.next_status(status, "auto_close")


def transitions_problems(tmp_path: Path, table: str) -> list[str]:
    with pytest.raises(ConfigError) as err:
        with_helpdesk(tmp_path, extra=table)
    return err.value.problems


def test_a_configured_table_is_checked(tmp_path: Path) -> None:
    full = "".join(
        f"\n[lifecycle.transitions.{status}]\n"
        + "".join(
            f"{e} = {list(t) if isinstance(t, tuple) else repr(t)}\n".replace("'", '"')
            for e, t in DEFAULT_TABLE[status].items()
        )
        for status in STATUSES
    )
    config = with_helpdesk(tmp_path, extra=full)
    assert config.lifecycle.machine().problems() == []
    broken = full.replace(
        "[lifecycle.transitions.on_hold]\n", '[lifecycle.transitions.on_hold]\nx = "open"\n'
    )
    text = "\n".join(transitions_problems(tmp_path, broken))
    assert "lifecycle.transitions.on_hold.x: unknown event" in text
    no_exit = (
        '\n[lifecycle.transitions.open]\nclient_message = "open"\nagent_reply = "closed"\n'
        '[lifecycle.transitions.in_progress]\nclient_message = "in_progress"\n'
        '[lifecycle.transitions.answered]\nclient_message = "answered"\n'
        '[lifecycle.transitions.customer_reply]\nclient_message = "open"\n'
        '[lifecycle.transitions.on_hold]\nclient_message = "open"\n'
        '[lifecycle.transitions.closed]\nreopen = "open"\n'
    )
    problems = "\n".join(transitions_problems(tmp_path, no_exit))
    assert "lifecycle.transitions.in_progress: no way out of this status" in problems
    assert "lifecycle.transitions.answered: unreachable from 'open'" in problems
    assert "lifecycle.transitions.on_hold: unreachable from 'open'" in problems
    bad_target = no_exit.replace('reopen = "open"', 'reopen = "gone"')
    problems = "\n".join(transitions_problems(tmp_path, bad_target))
    assert "lifecycle.transitions.closed.reopen: unknown status 'gone'" in problems


def test_a_configured_table_drives_replies_and_refuses_what_it_does_not_allow(
    tmp_path: Path,
) -> None:
    table = "".join(
        f"\n[lifecycle.transitions.{status}]\n"
        + "".join(
            f"{e} = {list(t) if isinstance(t, tuple) else repr(t)}\n".replace("'", '"')
            for e, t in DEFAULT_TABLE[status].items()
        )
        for status in STATUSES
    )
    # Here an agent's first reply means "in progress", and agents cannot put an open
    # ticket on hold.
    table = table.replace(
        '[lifecycle.transitions.open]\nclient_message = "open"\nagent_reply = "answered"',
        '[lifecycle.transitions.open]\nclient_message = "open"\nagent_reply = "in_progress"',
    ).replace(
        'agent_status_change = ["in_progress", "answered", "on_hold", "closed"]\n'
        'client_close = "closed"\n\n[lifecycle.transitions.in_progress]',
        'agent_status_change = ["in_progress", "answered", "closed"]\n'
        'client_close = "closed"\n\n[lifecycle.transitions.in_progress]',
    )
    config = with_helpdesk(tmp_path, extra=table)
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    notifier = Notifier(config, Templates(None))
    open_one(store, processor)
    with pytest.raises(TransitionRefused, match=r"'agent_status_change' to 'on_hold'.*'open'"):
        change_status(store, notifier, 1, "on_hold", ANN)
    assert post_reply(store, notifier, 1, "On it.", ANN).status == "in_progress"
    store.dispose()


# -- reopening -------------------------------------------------------------------------------


def close_days_ago(store: Store, number: int, days: int) -> None:
    with store.write() as s:
        t = s.get(Ticket, number)
        assert t is not None
        t.status = "closed"
        t.closed_at = datetime.now(UTC) - timedelta(days=days)


def test_a_reply_within_the_window_reopens_the_ticket(
    setup: tuple[Config, Store, Processor],
) -> None:
    _config, store, processor = setup
    open_one(store, processor)
    close_days_ago(store, 1, 29)
    inbox_id = receive(store, build(subject="Re: #[1] Printer broken", body="Broken again."))
    processor.run_once()
    assert ticket_of(store, inbox_id) == 1
    assert ticket(store, 1).status == "customer_reply"
    [reopened] = [e for e in events(store, "status_changed") if e.data["event"] == "reopen"]
    assert (reopened.data["from"], reopened.data["to"]) == ("closed", "customer_reply")


def test_a_reply_after_the_window_opens_a_new_ticket_that_links_to_the_old_one(
    setup: tuple[Config, Store, Processor],
) -> None:
    _config, store, processor = setup
    open_one(store, processor)
    close_days_ago(store, 1, 31)
    ack = outbox(store)[0]
    inbox_id = receive(
        store,
        build(
            subject="Re: #[1] Printer broken",
            in_reply_to=ack.message_id,
            body="It is broken again.",
            # Authenticated: the acknowledgment names the client's subject.
            headers=AUTHENTICATED,
        ),
    )
    processor.run_once()
    assert ticket_of(store, inbox_id) == 2
    assert ticket(store, 1).status == "closed"
    [opened] = [e for e in events(store, "ticket_opened") if e.ticket_id == 2]
    assert opened.data["previous_ticket"] == 1
    new_ack = parsed(outbox(store)[-1])
    assert new_ack["Subject"] == "#[2] Printer broken"
    assert "ticket #[1], which was closed" in text_of(new_ack)


# -- closing by mail -------------------------------------------------------------------------


def test_the_requester_closes_the_ticket_with_the_keyword(
    setup: tuple[Config, Store, Processor],
) -> None:
    _config, store, processor = setup
    open_one(store, processor)
    receive(
        store,
        build(subject="Re: #[1] Printer broken", body="It works now, thanks!\n#close\n"),
    )
    processor.run_once()
    t = ticket(store, 1)
    assert t.status == "closed"
    assert t.closed_at is not None
    [closed] = [e for e in events(store, "status_changed") if e.data["event"] == "client_close"]
    assert closed.actor == "jo@client.test"
    with store.read() as s:
        last = s.query(Message).filter_by(direction="in").order_by(Message.id.desc()).first()
        assert last is not None
        assert "#close" not in last.text
        assert "#close" not in last.reply_text
        assert "It works now" in last.text
    notice = parsed(outbox(store)[-1])
    assert notice["Subject"] == "#[1] Printer broken [closed]"
    assert "as you asked" in text_of(notice)


def test_a_stranger_cannot_close_someone_elses_ticket(
    setup: tuple[Config, Store, Processor],
) -> None:
    _config, store, processor = setup
    open_one(store, processor)
    inbox_id = receive(
        store,
        build(from_="eve@evil.test", subject="Re: #[1] Printer broken", body="#close"),
        sender="eve@evil.test",
    )
    processor.run_once()
    assert ticket(store, 1).status == "open"
    assert ticket_of(store, inbox_id) == 2, "the stranger's mail is a ticket of its own"


# -- priority, departments, assignment -------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"X-Priority": "1 (Highest)"}, "high"),
        ({"X-Priority": "5 (Lowest)"}, "low"),
        ({"Importance": "High"}, "high"),
        ({"Importance": "low"}, "low"),
        ({"Priority": "urgent"}, "urgent"),
        ({"Priority": "non-urgent"}, "low"),
        ({}, "normal"),
    ],
)
def test_priority_from_the_clients_headers(
    setup: tuple[Config, Store, Processor], headers: dict[str, str], expected: str
) -> None:
    _config, store, processor = setup
    open_one(store, processor, headers=headers)
    assert ticket(store, 1).priority == expected


def test_priority_defaults_to_the_departments_and_agents_change_it(tmp_path: Path) -> None:
    text = make_toml(tmp_path).replace(
        'address = "billing@helpdesk.test"', 'address = "billing@helpdesk.test"\npriority = "high"'
    )
    config = config_from_toml(text, "<test>")
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    receive(store, build(to="billing@helpdesk.test"), rcpt="billing@helpdesk.test")
    processor.run_once()
    assert ticket(store, 1).priority == "high"
    changed = set_priority(store, 1, "urgent", ANN)
    assert (changed.old, changed.new) == ("high", "urgent")
    with pytest.raises(ActionRefused, match="already has priority urgent"):
        set_priority(store, 1, "urgent", ANN)
    with pytest.raises(ActionRefused, match="unknown priority"):
        set_priority(store, 1, "whenever", ANN)
    [e] = events(store, "priority_changed")
    assert (e.actor, e.data) == (ANN.actor, {"from": "high", "to": "urgent"})
    store.dispose()


def test_moving_to_another_department_tells_the_client_from_the_new_address(
    setup: tuple[Config, Store, Processor],
) -> None:
    config, store, processor = setup
    open_one(store, processor)
    notifier = Notifier(config, Templates(None))
    changed = move_department(store, notifier, 1, "billing", ANN)
    assert (changed.old, changed.new) == ("support", "billing")
    assert ticket(store, 1).department == "billing"
    notice = parsed(outbox(store)[-1])
    assert notice["From"].addresses[0].addr_spec == "billing@helpdesk.test"
    assert notice["Subject"] == "#[1] Printer broken"
    assert "passed from" in text_of(notice)
    [e] = events(store, "department_changed")
    assert e.data == {"from": "support", "to": "billing"}
    with pytest.raises(ActionRefused, match="unknown department"):
        move_department(store, notifier, 1, "nowhere", ANN)
    # The client's reply to the notice lands on the same ticket, now billing's.
    inbox_id = receive(
        store,
        build(subject=str(notice["Subject"]), in_reply_to=outbox(store)[-1].message_id),
        rcpt="billing@helpdesk.test",
    )
    processor.run_once()
    assert ticket_of(store, inbox_id) == 1


TEAM = """
[[agents]]
address = "ann@staff.test"
departments = ["support"]
[[agents]]
address = "bo@staff.test"
departments = ["support"]
[[agents]]
address = "cy@staff.test"
"""


def team_config(tmp_path: Path, rule: str) -> Config:
    text = make_toml(
        tmp_path, extra=TEAM + "\n[notify]\nagent_alerts = false\nacknowledgments_per_hour = 0\n"
    ).replace(
        'display_name = "Test Support"', f'display_name = "Test Support"\nassignment = "{rule}"'
    )
    return config_from_toml(text, "<test>")


def open_many(store: Store, processor: Processor, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        receive(
            store,
            build(from_=f"c{i}@client.test", subject=f"Problem {i}"),
            sender=f"c{i}@client.test",
        )
        if i % 7 == 0:
            processor.run_once()  # some alone, some in batches
    processor.drain()


def assignees(store: Store) -> Counter[str | None]:
    with store.read() as s:
        return Counter(t.assignee for t in s.query(Ticket))


def test_round_robin_assignment_over_100_tickets(tmp_path: Path) -> None:
    config = team_config(tmp_path, "round_robin")
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    open_many(store, processor, 100)
    assert assignees(store) == {"ann@staff.test": 34, "bo@staff.test": 33, "cy@staff.test": 33}
    with store.read() as s:
        order = [t.assignee for t in s.query(Ticket).order_by(Ticket.id)]
    assert order[:6] == ["ann@staff.test", "bo@staff.test", "cy@staff.test"] * 2
    assert len(events(store, "assigned")) == 100
    store.dispose()


def test_least_open_assignment_evens_out_the_load(tmp_path: Path) -> None:
    config = team_config(tmp_path, "least_open")
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    open_many(store, processor, 30)
    assert assignees(store) == {"ann@staff.test": 10, "bo@staff.test": 10, "cy@staff.test": 10}
    # Ann closes all of hers: the next tickets go to her until the load is even again.
    notifier = Notifier(config, Templates(None))
    with store.read() as s:
        anns = [t.id for t in s.query(Ticket).filter_by(assignee="ann@staff.test")]
    for number in anns:
        change_status(store, notifier, number, "closed", ANN, notify=False)
    open_many(store, processor, 70, start=30)
    with store.read() as s:
        open_load = Counter(t.assignee for t in s.query(Ticket).filter(Ticket.status != "closed"))
    assert sorted(open_load.values()) == [30, 30, 30]
    store.dispose()


def test_assign_by_hand(setup: tuple[Config, Store, Processor], tmp_path: Path) -> None:
    _config, store, processor = setup
    open_one(store, processor)
    config = with_helpdesk(tmp_path, extra=TEAM)
    changed = assign(store, config, 1, "Bo@Staff.test", ANN)
    assert (changed.old, changed.new) == (None, "bo@staff.test")
    with pytest.raises(ActionRefused, match="not an agent"):
        assign(store, config, 1, "zed@else.test", ANN)
    assert assign(store, config, 1, None, ANN).new is None
    assert [e.data["to"] for e in events(store, "assigned")] == ["bo@staff.test", None]


# -- the queue and the command line ------------------------------------------------------------


def test_the_queue_is_first_come_first_served_and_the_cli_changes_tickets(
    tmp_path: Path, make_config: Callable[..., Config]
) -> None:
    clock = [datetime(2026, 11, 1, 9, 0, tzinfo=UTC)]
    config = make_config(extra=TEAM)
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store, clock=lambda: clock[0])
    notifier = Notifier(config, Templates(None))
    for i in range(4):
        receive(
            store, build(from_=f"c{i}@client.test", subject=f"P{i}"), sender=f"c{i}@client.test"
        )
    processor.run_once()
    post_reply(store, notifier, 1, "Answer.", ANN)  # 1 leaves the queue
    clock[0] += timedelta(hours=1)
    receive(store, build(from_="c0@client.test", subject="Re: #[1] P0"), sender="c0@client.test")
    processor.run_once()  # 1 is back, waiting since its client's latest message
    with store.write() as s:  # the client messages arrived in this order
        for number, hour in ((2, 8), (3, 7), (4, 6)):
            t = s.get(Ticket, number)
            assert t is not None
            t.last_client_message_at = datetime(2026, 11, 1, hour, 0, tzinfo=UTC)
    store.dispose()
    text = make_toml(tmp_path, extra=TEAM)
    p = run_cli(text, tmp_path, "tickets", "--queue", "--json")
    assert p.returncode == 0, p.stderr
    import json

    assert [r["number"] for r in json.loads(p.stdout)] == [4, 3, 2, 1]
    p = run_cli(
        text,
        tmp_path,
        "ticket",
        "3",
        "--department",
        "billing",
        "--priority",
        "high",
        "--status",
        "in_progress",
        "--as",
        "ann@staff.test",
    )
    assert p.returncode == 0, p.stderr
    assert "department support → billing" in p.stdout
    assert "priority normal → high" in p.stdout
    assert "status open → in_progress" in p.stdout
    p = run_cli(text, tmp_path, "assign", "4", "bo@staff.test")
    assert p.returncode == 0, p.stderr
    assert "assignee - → bo@staff.test" in p.stdout
    p = run_cli(text, tmp_path, "tickets", "--queue")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert "WAITING SINCE" in lines[0]
    assert [line.split()[0] for line in lines[1:]] == ["4", "2", "1"]
    p = run_cli(text, tmp_path, "tickets", "--assignee", "bo@staff.test", "--json")
    assert [r["number"] for r in json.loads(p.stdout)] == [4]
    p = run_cli(text, tmp_path, "ticket", "3")
    assert "assigned to nobody" in p.stdout
    assert "department_changed" in p.stdout
