"""The processor's own guarantees: batches, failures isolated, ticket numbers, shards,
and the sender's claims."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.errors import PermanentFailure, TemporaryFailure
from mailgate.inbox import store_messages
from mailgate.process import BatchResult, Processor
from mailgate.send.transports import Delivered
from mailgate.send.worker import Sender
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow, OutboxRow, Ticket, utcnow
from mailgate.store.tickets_repo import TicketRepo
from tests.support.mailfactory import build

SUPPORT = "support@helpdesk.test"
ENV = Envelope("smtp", "jo@client.test", (SUPPORT,), None)


def receive(store: Store, *raws: bytes) -> list[int]:
    return [r.inbox_id for r in store_messages(store, [(ENV, raw) for raw in raws])]


def first_mail_and_follow_up(store: Store) -> list[int]:
    """A client's first mail and, stored after it, their follow-up answering it: their
    inbox ids, one odd and one even (each another worker's shard of two)."""
    return receive(
        store,
        build(message_id="first@client.test", subject="Printer"),
        build(
            message_id="follow@client.test",
            subject="Re: Printer",
            in_reply_to="first@client.test",
            body="Forgot: model X-100.",
        ),
    )


def states(store: Store) -> dict[int, tuple[str, int | None]]:
    with store.read() as s:
        return {r.id: (r.state, r.ticket_id) for r in s.query(InboxRow)}


def test_reply_in_the_same_batch_joins_the_ticket_its_original_opens(
    store: Store, processor: Processor
) -> None:
    receive(
        store,
        build(message_id="orig@client.test", subject="Printer"),
        build(
            message_id="more@client.test",
            subject="Re: Printer",
            in_reply_to="orig@client.test",
            body="Forgot: model X-100.",
        ),
        build(
            message_id="other@else.test",
            from_="eve@else.test",
            subject="Re: Printer",
            in_reply_to="orig@client.test",
        ),
    )
    result = processor.run_once()
    assert (result.processed, result.tickets_opened) == (3, 2)
    got = states(store)
    assert got[1] == ("processed", got[2][1])
    assert got[3][1] != got[1][1], "a stranger's reference is not proof"
    with store.read() as s:
        row = s.query(InboxRow).filter_by(id=2).one()
        assert row.thread_rule == "references"


def test_failure_in_one_message_does_not_hold_back_the_others(
    store: Store, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    receive(store, build(message_id="a@client.test"))
    Processor(config, store).run_once()
    ids = receive(
        store,
        build(message_id="b@client.test", subject="Re: #[1] x"),
        build(message_id="c@client.test", from_="new@client.test"),
        build(message_id="d@client.test", from_="other@client.test"),
    )
    import mailgate.process.ticketing as ticketing

    real = ticketing.apply_to_ticket

    def flaky(repo: TicketRepo, incoming: Any, now: Any) -> Any:
        if incoming.inbox_id == ids[0]:
            raise RuntimeError("disk hiccup")
        return real(repo, incoming, now)

    monkeypatch.setattr(ticketing, "apply_to_ticket", flaky)
    result = Processor(config, store).run_once()
    assert result.processed == 2
    assert result.retried == 1
    got = states(store)
    assert got[ids[0]] == ("received", None)
    assert got[ids[1]][0] == got[ids[2]][0] == "processed"
    with store.read() as s:
        assert "disk hiccup" in (s.get(InboxRow, ids[0]).error or "")  # type: ignore[union-attr]


def test_ticket_numbers_follow_the_order_tickets_are_written(store: Store, config: Config) -> None:
    receive(
        store, *(build(message_id=f"o{i}@client.test", from_=f"o{i}@client.test") for i in range(6))
    )
    # Two workers, each with its own shard, apply in turn: numbers stay 1..n, no gaps.
    odd, even = Processor(config, store, shard=(1, 2)), Processor(config, store, shard=(0, 2))
    odd.run_once(limit=2)
    even.run_once(limit=2)
    odd.drain()
    even.drain()
    with store.read() as s:
        opened = [(t.id, t.requester) for t in s.query(Ticket).order_by(Ticket.created_at)]
    assert [n for n, _r in opened] == [1, 2, 3, 4, 5, 6]


def test_numbers_continue_after_restart_without_gaps(store: Store, config: Config) -> None:
    receive(store, build(message_id="n1@client.test"))
    Processor(config, store).run_once()
    receive(store, build(message_id="n2@client.test", from_="x@client.test"))
    Processor(config, store).run_once()
    with store.read() as s:
        assert sorted(t.id for t in s.query(Ticket)) == [1, 2]


def test_a_follow_up_planned_elsewhere_still_joins_its_ticket(store: Store, config: Config) -> None:
    """Two workers plan a client's first mail and its follow-up at the same time; the
    follow-up is threaded again when applied, and finds the ticket the first opened."""
    first, follow = first_mail_and_follow_up(store)
    shards = {first % 2: "first", follow % 2: "follow"}
    assert len(shards) == 2
    by_first = Processor(config, store, shard=(first % 2, 2))
    by_follow = Processor(config, store, shard=(follow % 2, 2))
    with store.read() as s:
        lookup = TicketRepo(s)
        planned = [by_follow.planner.plan(s.get(InboxRow, follow), lookup)]  # type: ignore[arg-type]
    assert planned[0].match is not None
    assert planned[0].match.ticket_id is None, "planned before the first was applied"
    by_first.run_once()
    result = BatchResult()
    done: list[Any] = []
    with store.write() as s:
        by_follow._apply_some(s, planned, [], result, done)
    assert (result.processed, result.tickets_opened) == (1, 0)
    got = states(store)
    assert got[first][1] == got[follow][1] == 1


def test_a_follow_up_applied_before_its_first_mail_waits_for_it(
    store: Store, config: Config
) -> None:
    """The worker of the follow-up's shard comes first, while the first mail still waits
    for the other worker: the follow-up waits (rule wait_for_earlier) instead of opening a
    ticket of its own, and joins the first mail's ticket once that is opened."""
    first, follow = first_mail_and_follow_up(store)
    now = [utcnow()]
    by_first = Processor(config, store, shard=(first % 2, 2), clock=lambda: now[0])
    by_follow = Processor(config, store, shard=(follow % 2, 2), clock=lambda: now[0])
    waited = by_follow.run_once()
    assert (waited.processed, waited.retried, waited.tickets_opened) == (0, 1, 0)
    assert states(store)[follow] == ("received", None)
    # Not taken again at once: it waits a moment, not in a loop.
    assert by_follow.run_once().total == 0
    assert by_first.run_once().tickets_opened == 1
    now[0] += timedelta(seconds=1)
    assert by_follow.run_once().processed == 1
    got = states(store)
    assert got[first] == got[follow] == ("processed", 1)


def test_a_follow_up_waits_for_its_first_mail_however_long_the_backlog(
    store: Store, config: Config
) -> None:
    """Processing a minute behind: the first mail and its follow-up arrived together, so
    the follow-up still waits for it; once the first mail's attempt has failed (it waits
    for a retry), the follow-up no longer waits and is processed on its own."""
    first, follow = first_mail_and_follow_up(store)
    now = [utcnow() + timedelta(seconds=61)]
    by_follow = Processor(config, store, shard=(follow % 2, 2), clock=lambda: now[0])
    assert by_follow.run_once().retried == 1
    assert states(store)[follow] == ("received", None)
    with store.write() as s:  # its first attempt failed: retried in a minute
        row = s.get(InboxRow, first)
        assert row is not None
        row.attempts, row.next_attempt_at = 1, now[0] + timedelta(minutes=1)
    now[0] += timedelta(seconds=1)
    assert by_follow.run_once().tickets_opened == 1
    assert states(store)[follow][0] == "processed"
    assert states(store)[first] == ("received", None)


def test_a_follow_up_to_a_mail_stored_long_before_does_not_wait(
    store: Store, config: Config
) -> None:
    """The mail it answers was stored more than a minute before it: not the two mails
    of one moment, so the follow-up is processed as it comes."""
    (first,) = receive(store, build(message_id="first@client.test", subject="Printer"))
    with store.write() as s:
        row = s.get(InboxRow, first)
        assert row is not None
        row.received_at = utcnow() - timedelta(minutes=5)
    (follow,) = receive(
        store,
        build(
            message_id="follow@client.test", subject="Re: Printer", in_reply_to="first@client.test"
        ),
    )
    by_follow = Processor(config, store, shard=(follow % 2, 2))
    assert by_follow.run_once().tickets_opened == 1


def test_a_reused_message_id_cannot_pull_replies_to_another_ticket(
    store: Store, processor: Processor
) -> None:
    receive(store, build(message_id="a1@ex.org", from_="alice@ex.org", subject="Mine"))
    processor.run_once()
    # Mallory sends a new mail reusing Alice's Message-ID and copying her in.
    receive(
        store,
        build(
            message_id="a1@ex.org",
            from_="mallory@evil.test",
            cc="alice@ex.org",
            subject="Hijack",
            body="something else",
        ),
    )
    processor.run_once()
    [reply] = receive(
        store,
        build(
            message_id="a2@ex.org",
            from_="alice@ex.org",
            subject="Re: Mine",
            in_reply_to="a1@ex.org",
        ),
    )
    processor.run_once()
    assert states(store)[reply] == ("processed", 1)


def test_shards_split_the_inbox(store: Store, config: Config) -> None:
    ids = receive(
        store, *(build(message_id=f"s{i}@client.test", from_=f"c{i}@client.test") for i in range(6))
    )
    even = Processor(config, store, shard=(0, 2))
    even.drain()
    got = states(store)
    assert {i for i in ids if got[i][0] == "processed"} == {i for i in ids if i % 2 == 0}
    Processor(config, store, shard=(1, 2)).drain()
    assert all(state == "processed" for state, _t in states(store).values())


class FlakyTransport:
    def __init__(self, outcomes: list[str]) -> None:
        self.outcomes = outcomes
        self.delivered: list[int] = []

    idempotent = False

    def deliver(
        self,
        outbox_id: int,
        sender: str,
        recipients: list[str],
        raw: bytes,
        before_final: Callable[[], None] | None = None,
    ) -> Delivered:
        outcome = self.outcomes.pop(0) if self.outcomes else "ok"
        if outcome == "temp":
            raise TemporaryFailure("451 4.3.0 try later")
        if outcome == "perm":
            raise PermanentFailure("550 5.1.1 no such user")
        self.delivered.append(outbox_id)
        return Delivered(f"relay:{outbox_id}")

    def flush(self) -> None:
        return None

    def close(self) -> None:
        return None


def queue_acknowledgments(store: Store, config: Config, n: int) -> None:
    receive(
        store, *(build(message_id=f"q{i}@client.test", from_=f"q{i}@client.test") for i in range(n))
    )
    Processor(config, store).drain()


def outbox(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def test_temporary_failure_is_retried_later_permanent_is_recorded(
    store: Store, config: Config
) -> None:
    queue_acknowledgments(store, config, 3)
    transport = FlakyTransport(["temp", "perm", "ok"])
    sender = Sender(config.outbound, store, transport)
    result = sender.run_once()
    assert (result.sent, result.retried, result.failed) == (1, 1, 1)
    rows = outbox(store)
    assert [r.state for r in rows] == ["queued", "failed", "sent"]
    assert rows[0].next_attempt_at is not None
    assert rows[0].next_attempt_at > utcnow() + timedelta(seconds=30)
    assert rows[1].last_error == "550 5.1.1 no such user"
    assert sender.run_once().total == 0, "the retry waits for its time"
    with store.write() as s:
        s.get(OutboxRow, rows[0].id).next_attempt_at = None  # type: ignore[union-attr]
    assert sender.run_once().sent == 1
    assert transport.delivered == [rows[2].id, rows[0].id]


def test_a_claim_whose_sender_died_is_taken_over_after_its_lease(
    store: Store, config: Config
) -> None:
    queue_acknowledgments(store, config, 2)
    rows = outbox(store)
    with store.write() as s:
        dead = s.get(OutboxRow, rows[0].id)
        assert dead is not None
        dead.state, dead.next_attempt_at = "sending", utcnow() - timedelta(seconds=1)
        alive = s.get(OutboxRow, rows[1].id)
        assert alive is not None
        alive.state, alive.next_attempt_at = "sending", utcnow() + timedelta(minutes=5)
    transport = FlakyTransport([])
    Sender(config.outbound, store, transport).run_once()
    assert transport.delivered == [rows[0].id], "a live claim is not sent twice"


def test_file_transport_writes_each_message_once(store: Store, config: Config) -> None:
    queue_acknowledgments(store, config, 3)
    sender = Sender(config.outbound, store)
    assert sender.drain().sent == 3
    assert sender.drain().sent == 0
    files = sorted(Path(config.outbound.directory).glob("*.eml"))
    assert [f.name for f in files] == ["00000001.eml", "00000002.eml", "00000003.eml"]


def test_workers_step_back_while_the_listener_commits(config: Config) -> None:
    import time

    from mailgate.ops.workers import _intake_busy, new_priority

    priority = new_priority()
    assert not _intake_busy(config, priority)
    priority.last_urgent.value = time.monotonic()
    assert _intake_busy(config, priority)
    priority.last_urgent.value = time.monotonic() - 1.0
    assert not _intake_busy(config, priority)
    off = config.model_copy(
        update={"processing": config.processing.model_copy(update={"yield_to_intake": 0.0})}
    )
    priority.last_urgent.value = time.monotonic()
    assert not _intake_busy(off, priority)
