"""The journey on the embedded database: inbox → ticket → acknowledgment in the outbox."""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.process.held import accept_held
from mailgate.send.worker import Sender
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import InboxRepo
from mailgate.store.models import InboxRow, OutboxRow
from mailgate.store.tickets_repo import TicketRepo
from tests.support.config import make_toml
from tests.support.mailfactory import AUTHENTICATED, DSN, build
from tests.support.schemas import migrated

SUPPORT = "support@helpdesk.test"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def config(request: pytest.FixtureRequest, make_config: Callable[..., Config]) -> Config:
    """Every test here runs on the embedded database and on PostgreSQL."""
    if request.param == "postgresql":
        return make_config(db_url=request.getfixturevalue("pg_url"))
    return make_config()


def receive(store: Store, raw: bytes, rcpt: str = SUPPORT, sender: str = "jo@client.test") -> int:
    [r] = store_messages(store, [(Envelope("smtp", sender, (rcpt,), "127.0.0.1"), raw)])
    return r.inbox_id


def inbox_row(store: Store, inbox_id: int) -> InboxRow:
    with store.read() as s:
        row = InboxRepo(s).get(inbox_id)
        assert row is not None
        return row


def outbox(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def test_new_mail_opens_ticket_and_queues_acknowledgment(
    store: Store, processor: Processor
) -> None:
    inbox_id = receive(
        store,
        build(message_id="first@client.test", cc="Bob <bob@client.test>", headers=AUTHENTICATED),
    )
    result = processor.run_once()
    assert (result.processed, result.tickets_opened, result.outgoing) == (1, 1, 1)

    row = inbox_row(store, inbox_id)
    assert row.state == "processed"
    assert row.ticket_id == 1
    assert row.thread_rule == "new_ticket"
    assert row.verdict == "human"
    with store.read() as s:
        repo = TicketRepo(s)
        ticket = repo.get(1)
        assert ticket is not None
        assert (ticket.subject, ticket.status, ticket.department) == (
            "Printer broken",
            "open",
            "support",
        )
        assert ticket.requester == "jo@client.test"
        parts = {p.address: p.role for p in repo.participants(1)}
        assert parts == {"jo@client.test": "requester", "bob@client.test": "cc"}

    [ack] = outbox(store)
    msg = message_from_bytes(ack.raw, policy=default_policy)
    assert msg["Subject"] == "#[1] Printer broken"
    assert msg["From"].addresses[0].addr_spec == SUPPORT
    assert msg["To"].addresses[0].addr_spec == "jo@client.test"
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["In-Reply-To"] == "<first@client.test>"
    assert msg["Message-ID"] == f"<{ack.message_id}>"
    assert ack.message_id.endswith("@helpdesk.test")
    assert ack.recipients == ["jo@client.test"]


def test_reply_to_acknowledgment_joins_ticket_by_in_reply_to(
    store: Store, processor: Processor
) -> None:
    receive(store, build(message_id="first@client.test"))
    processor.run_once()
    [ack] = outbox(store)
    # Replying from another address: the reference to our own Message-ID is the proof.
    receive(
        store,
        build(
            from_="colleague@client.test",
            subject="Re: #[1] Printer broken",
            message_id="second@client.test",
            in_reply_to=ack.message_id,
            body="Same for me.",
        ),
    )
    result = processor.run_once()
    assert result.processed == 1
    assert result.tickets_opened == 0
    with store.read() as s:
        row = s.query(InboxRow).filter_by(message_id="second@client.test").one()
        assert row.ticket_id == 1
        assert row.thread_rule == "references"
        assert TicketRepo(s).is_participant(1, "colleague@client.test")
    assert len(outbox(store)) == 1, "no acknowledgment for a message on an existing ticket"


def test_reply_without_references_joins_by_subject_token(
    store: Store, processor: Processor
) -> None:
    receive(store, build(message_id="first@client.test"))
    processor.run_once()
    receive(store, build(subject="More about #[1] the printer", message_id="third@client.test"))
    processor.run_once()
    with store.read() as s:
        row = s.query(InboxRow).filter_by(message_id="third@client.test").one()
        assert (row.ticket_id, row.thread_rule) == (1, "subject_token")


def test_stranger_with_ticket_token_gets_a_new_ticket(store: Store, processor: Processor) -> None:
    receive(store, build(message_id="first@client.test"))
    processor.run_once()
    receive(
        store,
        build(
            from_="mallory@evil.test",
            subject="Re: #[1] Printer broken",
            message_id="evil@evil.test",
        ),
        sender="mallory@evil.test",
    )
    processor.run_once()
    with store.read() as s:
        row = s.query(InboxRow).filter_by(message_id="evil@evil.test").one()
        assert row.ticket_id == 2
        assert row.thread_rule == "new_ticket"
        assert "not a participant" in (row.thread_reason or "")
        assert not TicketRepo(s).is_participant(1, "mallory@evil.test")
        opened = next(e for e in TicketRepo(s).events(2) if e.kind == "ticket_opened")
        assert opened.data["refers_to_ticket"] == 1


def test_stranger_referencing_a_client_message_id_gets_a_new_ticket(
    store: Store, processor: Processor
) -> None:
    receive(store, build(message_id="first@client.test"))
    processor.run_once()
    receive(
        store,
        build(
            from_="mallory@evil.test",
            subject="Re: Printer broken",
            message_id="evil2@evil.test",
            in_reply_to="first@client.test",
        ),
    )
    processor.run_once()
    with store.read() as s:
        row = s.query(InboxRow).filter_by(message_id="evil2@evil.test").one()
        assert row.ticket_id == 2


def test_client_reply_reopens_closed_ticket(store: Store, processor: Processor) -> None:
    receive(store, build(message_id="first@client.test"))
    processor.run_once()
    with store.write() as s:
        t = TicketRepo(s).get(1)
        assert t is not None
        t.status = "closed"
    receive(
        store,
        build(
            subject="Re: #[1] Printer broken",
            message_id="again@client.test",
            body="It broke again.",
        ),
    )
    processor.run_once()
    with store.read() as s:
        repo = TicketRepo(s)
        t = repo.get(1)
        assert t is not None
        assert t.status == "customer_reply"
        changes = [e.data for e in repo.events(1) if e.kind == "status_changed"]
        assert changes == [{"from": "closed", "to": "customer_reply", "event": "reopen"}]


def test_department_comes_from_recipient(store: Store, processor: Processor) -> None:
    receive(store, build(to="billing@helpdesk.test"), rcpt="billing+invoices@helpdesk.test")
    processor.run_once()
    with store.read() as s:
        t = TicketRepo(s).get(1)
        assert t is not None
        assert t.department == "billing"


def test_a_strangers_auto_reply_is_held_never_answered_and_accepting_makes_a_ticket(
    store: Store, processor: Processor
) -> None:
    inbox_id = receive(
        store, build(subject="Out of office", headers={"Auto-Submitted": "auto-replied"})
    )
    result = processor.run_once()
    assert (result.held, result.tickets_opened) == (1, 0)
    row = inbox_row(store, inbox_id)
    assert (row.state, row.verdict, row.verdict_rule, row.thread_rule, row.ticket_id) == (
        "held",
        "auto_reply",
        "auto_submitted",
        "held_auto_reply",
        None,
    )
    assert outbox(store) == []
    accept_held(store, inbox_id)
    assert processor.run_once().tickets_opened == 1
    row = inbox_row(store, inbox_id)
    assert (row.state, row.thread_rule) == ("processed", "new_ticket")
    assert row.ticket_id is not None
    assert outbox(store) == []  # machine mail is never acknowledged, accepted or not


def test_an_out_of_office_answer_to_a_tickets_mail_stays_on_that_ticket_as_it_is(
    store: Store, processor: Processor
) -> None:
    receive(store, build(message_id="first@client.test"))
    processor.run_once()
    [ack] = outbox(store)
    ooo = receive(
        store,
        build(
            subject="Automatic reply: #[1] Printer broken",
            in_reply_to=ack.message_id,
            headers={"Auto-Submitted": "auto-replied"},
        ),
    )
    processor.run_once()
    row = inbox_row(store, ooo)
    assert (row.state, row.verdict, row.ticket_id) == ("processed", "auto_reply", 1)
    with store.read() as s:
        repo = TicketRepo(s)
        ticket = repo.get(1)
        assert ticket is not None
        assert ticket.status == "open", "an automatic reply moves no status"
        assert [m.kind for m in repo.messages(1) if m.direction == "in"] == [
            "human",
            "auto_reply",
        ]
    assert len(outbox(store)) == 1, "never answered"


def test_auto_generated_mail_opens_a_ticket_without_an_acknowledgment(
    store: Store, processor: Processor
) -> None:
    inbox_id = receive(
        store,
        build(subject="Disk almost full on web1", headers={"Auto-Submitted": "auto-generated"}),
    )
    assert processor.run_once().tickets_opened == 1
    row = inbox_row(store, inbox_id)
    assert (row.state, row.verdict) == ("processed", "auto_generated")
    assert outbox(store) == []


def test_own_mail_looping_back_opens_nothing(store: Store, processor: Processor) -> None:
    receive(store, build(message_id="first@client.test"))
    processor.run_once()
    [ack] = outbox(store)
    inbox_id = receive(store, ack.raw, sender="support@helpdesk.test")
    processor.run_once()
    row = inbox_row(store, inbox_id)
    assert (row.state, row.verdict, row.thread_rule, row.ticket_id) == (
        "held",
        "own_loop",
        "held_own_mail",
        None,
    )
    assert len(outbox(store)) == 1


def test_mail_without_sender_is_held_not_dropped(store: Store, processor: Processor) -> None:
    # No sender field, and an envelope sender without a domain: nobody to answer.
    raw = b"To: support@helpdesk.test\r\nSubject: who am I\r\n\r\nno From here\r\n"
    inbox_id = receive(store, raw, sender="root")
    result = processor.run_once()
    assert result.held == 1
    row = inbox_row(store, inbox_id)
    assert (row.state, row.thread_rule) == ("held", "held_no_sender")
    assert row.raw == raw


def test_same_message_id_with_other_content_is_another_message(store: Store) -> None:
    first = receive(store, build(message_id="same@client.test", body="one"))
    second = receive(store, build(message_id="same@client.test", body="two"))
    assert first != second


def test_same_message_twice_is_stored_once(store: Store) -> None:
    raw = build(message_id="dup@client.test")
    first = receive(store, raw)
    # The same message relayed again with another trace header and CRLF→LF is the same.
    again = b"Received: from relay2\n" + raw.replace(b"\r\n", b"\n")
    second = receive(store, again)
    assert first == second
    with store.read() as s:
        assert s.query(InboxRow).count() == 1


def test_processing_error_is_retried_then_failed_and_reprocessable(
    config: Config, store: Store, tmp_path: Path
) -> None:
    def hiccup(*a: object, **k: object) -> None:
        raise RuntimeError("database hiccup")

    inbox_id = receive(store, build())
    broken = Processor(config, store)
    broken.ticketing.opening = hiccup  # type: ignore[assignment, method-assign]
    broken.run_once()
    row = inbox_row(store, inbox_id)
    assert (row.state, row.attempts) == ("received", 1)
    assert row.next_attempt_at is not None
    assert "database hiccup" in (row.error or "")
    for _ in range(config.processing.max_attempts):
        with store.write() as s:
            r = InboxRepo(s).get(inbox_id)
            assert r is not None
            r.next_attempt_at = None
        broken.run_once()
    assert inbox_row(store, inbox_id).state == "failed"
    with store.write() as s:
        assert InboxRepo(s).requeue(states=["failed"]) == 1
    Processor(config, store).run_once()
    assert inbox_row(store, inbox_id).state == "processed"


def test_sender_writes_acknowledgment_file_once(
    config: Config, store: Store, processor: Processor, sender: Sender
) -> None:
    # Authenticated: the acknowledgment names the client's subject.
    receive(store, build(headers=AUTHENTICATED))
    processor.run_once()
    assert sender.run_once().sent == 1
    assert sender.run_once().sent == 0
    files = sorted(Path(config.outbound.directory).glob("*.eml"))
    assert len(files) == 1
    msg = message_from_bytes(files[0].read_bytes(), policy=default_policy)
    assert msg["Subject"] == "#[1] Printer broken"
    [row] = outbox(store)
    assert (row.state, row.delivered_to) == ("sent", str(files[0]))


def test_attachments_are_stored_with_the_message(store: Store, processor: Processor) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"x" * 100
    receive(
        store,
        build(
            attachments=[
                ("screen shot.png", "image/png", png),
                ("../../etc/passwd", "text/plain", b"log line\n"),
            ]
        ),
    )
    processor.run_once()
    with store.read() as s:
        [m, _ack] = TicketRepo(s).messages(1)
        names = [(a.filename, a.size) for a in m.attachments]
    assert names == [("screen shot.png", len(png)), ("passwd", 9)]


def test_held_mail_keeps_the_verdict(store: Store, processor: Processor) -> None:
    raw = b"To: support@helpdesk.test\r\nSubject: anon\r\n\r\nx\r\n"
    inbox_id = receive(store, raw, sender="root")
    processor.run_once()
    row = inbox_row(store, inbox_id)
    assert (row.state, row.verdict, row.thread_rule) == ("held", "human", "held_no_sender")


def test_mail_the_parser_cannot_read_is_quarantined_at_once(
    store: Store, processor: Processor, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mailgate.process.plan as plan

    def explode(raw: bytes, options: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(plan, "parse_message", explode)
    inbox_id = receive(store, build())
    assert processor.run_once().quarantined == 1
    row = inbox_row(store, inbox_id)
    assert row.state == "quarantined"
    assert "unreadable: RecursionError" in (row.error or "")


def test_blocked_sender_opens_and_joins_no_ticket(store: Store, config: Config) -> None:
    processor = Processor(config, store)
    receive(store, build(message_id="first@client.test"))
    processor.run_once()
    [ack] = outbox(store)
    blocked = config.model_copy(
        update={"security": config.security.model_copy(update={"block": ("client.test",)})}
    )
    processor = Processor(blocked, store)
    answer = receive(store, build(message_id="second@client.test", in_reply_to=ack.message_id))
    stranger = receive(store, build(from_="x@other.client.test", message_id="third@client.test"))
    processor.run_once()
    for inbox_id, would_join in ((answer, 1), (stranger, None)):
        row = inbox_row(store, inbox_id)
        assert (row.state, row.verdict, row.verdict_rule, row.thread_rule, row.ticket_id) == (
            "held",
            "blocked",
            "blocked_sender",
            "held_blocked",
            would_join,
        )
    assert len(outbox(store)) == 1
    # A person decides otherwise: the answer joins its ticket, the stranger's opens one.
    accept_held(store, answer)
    accept_held(store, stranger)
    processor.run_once()
    assert inbox_row(store, answer).ticket_id == 1
    assert inbox_row(store, stranger).ticket_id == 2
    assert {inbox_row(store, i).state for i in (answer, stranger)} == {"processed"}


def test_bounce_of_our_mail_opens_nothing_and_is_never_answered(
    store: Store, processor: Processor
) -> None:
    inbox_id = receive(store, DSN, sender="")
    result = processor.run_once()
    assert result.tickets_opened == 0
    row = inbox_row(store, inbox_id)
    assert (row.state, row.verdict, row.verdict_rule, row.thread_rule, row.ticket_id) == (
        "held",
        "bounce",
        "dsn_report",
        "held_bounce",
        None,
    )
    assert outbox(store) == []


def test_the_hourly_limit_counts_each_new_ticket_once_in_a_long_batch(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # Openings are written sixteen at a time within one transaction; those written must
    # not be counted again beside the database's own count of them.
    # A transaction long enough to take the whole batch.
    toml = make_toml(tmp_path, None, None, "")
    toml = toml.replace("[processing]\n", '[processing]\ntransaction_time = "60s"\n', 1)
    toml = toml.replace("[security]\n", "[security]\nnew_tickets_per_hour = 60\n", 1)
    config = config_from_toml(toml, "<test>")
    store = Store(config.database)
    request.addfinalizer(store.dispose)
    migrated(store)
    for n in range(80):
        receive(store, build(subject=f"Problem {n}", message_id=f"p{n}@client.test"))
    result = Processor(config, store).drain()
    assert (result.tickets_opened, result.held) == (60, 20)
