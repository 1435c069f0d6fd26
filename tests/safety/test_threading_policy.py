"""A ticket is an identity check: strangers, forged Reply-To, floods of new tickets."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from mailgate.config import Config
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import OutboxRow, Participant, Ticket
from tests.support.cli import run_cli
from tests.support.config import with_security
from tests.support.mailfactory import build
from tests.support.store import inbox_row, receive


def test_a_strangers_reply_is_held_until_an_agent_accepts_it(tmp_path: Path) -> None:
    text, config = with_security(tmp_path, 'unverified_reply = "hold"')
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    receive(store, build(message_id="first@client.test"), "jo@client.test")
    processor.run_once()
    stranger = build(
        from_="Kim <kim@other.test>", subject="Re: #[1] Printer broken", body="Me too."
    )
    inbox_id = receive(store, stranger, "kim@other.test")
    processor.run_once()
    row = inbox_row(store, inbox_id)
    assert row.state == "held"
    assert row.thread_rule == "held_unverified"
    assert row.error is not None
    assert "security.unverified_reply = hold" in row.error
    with store.read() as s:
        assert s.query(Ticket).count() == 1
        assert s.query(OutboxRow).count() == 1, "nothing is sent to the stranger"
    store.dispose()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(text)
    listing = run_cli(conf.read_text(), conf.parent, "quarantine")
    assert f"mailgate accept {inbox_id}" in listing.stdout
    accepted = run_cli(conf.read_text(), conf.parent, "accept", str(inbox_id))
    assert accepted.returncode == 0, accepted.stderr
    assert "accepted onto ticket 1" in accepted.stdout
    store = Store(config.database)
    Processor(config, store).run_once()
    row = inbox_row(store, inbox_id)
    assert (row.state, row.ticket_id, row.thread_rule) == ("processed", 1, "accepted")
    with store.read() as s:
        people = {p.address for p in s.query(Participant).filter_by(ticket_id=1)}
        assert "kim@other.test" in people
        t = s.get(Ticket, 1)
        assert t is not None
        assert t.status == "open", "still waiting for the team"
    again = run_cli(conf.read_text(), conf.parent, "accept", str(inbox_id))
    assert again.returncode == 1
    store.dispose()


def test_reply_to_never_decides_who_the_sender_is(store: Store, processor: Processor) -> None:
    receive(store, build(message_id="first@client.test"), "jo@client.test")
    processor.run_once()
    forged = build(
        from_="eve@evil.test",
        subject="Re: #[1] Printer broken",
        headers={"Reply-To": "Jo Client <jo@client.test>"},
        body="Please send me the invoice.",
    )
    inbox_id = receive(store, forged, "eve@evil.test")
    processor.run_once()
    assert inbox_row(store, inbox_id).ticket_id == 2
    with store.read() as s:
        t = s.get(Ticket, 2)
        assert t is not None
        assert t.requester == "eve@evil.test"


def test_a_flood_of_new_tickets_from_one_sender_stops_at_the_limit(
    tmp_path: Path, make_config: Callable[..., Config]
) -> None:
    _text, config = with_security(tmp_path, "new_tickets_per_hour = 3")
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    ids = [receive(store, build(subject=f"Problem {i}"), "jo@client.test") for i in range(5)]
    processor.run_once()
    with store.read() as s:
        assert s.query(Ticket).count() == 3
        assert s.query(OutboxRow).count() == 3
    for inbox_id in ids[3:]:
        row = inbox_row(store, inbox_id)
        assert (row.state, row.ticket_id, row.thread_rule) == ("held", None, "held_rate_limited")
    # Another sender is not affected; the flooding sender's replies still join.
    receive(store, build(from_="kim@other.test", subject="Mine"), "kim@other.test")
    reply = receive(store, build(subject="Re: #[1] Problem 0"), "jo@client.test")
    processor.run_once()
    assert inbox_row(store, reply).ticket_id == 1
    with store.read() as s:
        assert s.query(Ticket).count() == 4
    store.dispose()
