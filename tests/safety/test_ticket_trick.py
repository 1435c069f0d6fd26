""" "Ticket Trick": the helpdesk address must not become a way to receive another
service's confirmation mail — no echo of the body, no answer to machines, nobody copied
in by a stranger, and the services named in hold_domains always held for a person."""

from __future__ import annotations

from pathlib import Path

from mailgate.config import config_from_toml
from mailgate.process import Processor
from mailgate.store.models import OutboxRow, Participant, Ticket
from tests.support.cli import run_cli
from tests.support.mailfactory import build
from tests.support.store import inbox_row, receive, setup

CODE = "948213"


def outbox(store_: object) -> list[OutboxRow]:
    with store_.read() as s:  # type: ignore[attr-defined]
        return list(s.query(OutboxRow))


def test_the_acknowledgment_never_echoes_the_body(tmp_path: Path) -> None:
    _text, config, store = setup(tmp_path)
    body = f"Your verification code is {CODE}. Enter it to confirm your account.\n"
    receive(store, build(subject="Welcome", body=body), "jo@client.test")
    Processor(config, store).drain()
    [ack] = outbox(store)
    assert ack.kind == "ticket_opened"
    assert CODE.encode() not in ack.raw
    assert b"verification code" not in ack.raw


def test_a_custom_acknowledgment_cannot_reach_the_body(tmp_path: Path) -> None:
    """The acknowledgment's template gets no message to print: a custom template asking
    for one renders nothing of it (or is refused by check-config), never the code."""
    folder = tmp_path / "templates" / "ticket_opened"
    folder.mkdir(parents=True)
    (folder / "subject.txt").write_text("{{ ticket.subject }}\n")
    (folder / "body.txt").write_text("You wrote: {{ message.text }} {{ mail }} {{ body }}\n")
    text, config, store = setup(tmp_path)
    text = text.replace(
        "[security]", f'[templates]\ndirectory = "{tmp_path / "templates"}"\n\n[security]'
    )

    config = config_from_toml(text, "<test>")
    receive(store, build(body=f"code {CODE}\n"), "jo@client.test")
    Processor(config, store).drain()
    for row in outbox(store):
        assert CODE.encode() not in row.raw


def test_machine_senders_get_no_acknowledgment(tmp_path: Path) -> None:
    _text, config, store = setup(tmp_path)
    confirmation = build(
        from_="Service <noreply@service.test>",
        subject=f"Your confirmation code is {CODE}",
        body=f"Confirm with {CODE}\n",
    )
    inbox_id = receive(store, confirmation, "bounces@service.test")
    Processor(config, store).drain()
    row = inbox_row(store, inbox_id)
    assert row.state == "processed"
    assert row.verdict == "auto_generated"
    assert outbox(store) == []  # on a ticket, never answered


def test_hold_domains_hold_mail_until_a_person_releases_it(tmp_path: Path) -> None:
    text, config, store = setup(tmp_path, 'hold_domains = ["service.test"]')
    processor = Processor(config, store)
    mail = build(
        from_="Service Team <team@accounts.service.test>",
        subject="Confirm your workspace",
        body=f"Your code: {CODE}\n",
    )
    inbox_id = receive(store, mail, "team@accounts.service.test")
    assert processor.drain().held == 1
    row = inbox_row(store, inbox_id)
    assert row.thread_rule == "held_review"
    assert row.error is not None
    assert "service.test is in security.hold_domains" in row.error
    with store.read() as s:
        assert s.query(Ticket).count() == 0
    assert outbox(store) == []
    listing = run_cli(text, tmp_path, "quarantine", "--json")
    assert listing.returncode == 0, listing.stderr
    assert f'"id": {inbox_id}' in listing.stdout
    done = run_cli(text, tmp_path, "accept", str(inbox_id))
    assert done.returncode == 0, done.stderr
    assert processor.drain().tickets_opened == 1
    assert inbox_row(store, inbox_id).state == "processed"
    with store.read() as s:
        assert [p.address for p in s.query(Participant)] == ["team@accounts.service.test"]
