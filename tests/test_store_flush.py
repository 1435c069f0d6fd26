"""The processing transaction's lookups see what the same transaction wrote before them,
and flush the session only when it holds unwritten rows of the tables they read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from mailgate.config import Config
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Event, Message, Participant, Ticket
from mailgate.store.tickets_repo import MessageRecord, TicketRepo
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.schemas import migrated
from tests.support.store import receive

NOW = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def config(request: pytest.FixtureRequest, make_config: Callable[..., Config]) -> Config:
    if request.param == "postgresql":
        return make_config(db_url=request.getfixturevalue("pg_url"))
    return make_config()


@pytest.fixture
def db(config: Config) -> Iterator[Store]:
    store = Store(config.database)
    migrated(store)
    yield store
    store.dispose()


@pytest.fixture
def ticketed(db: Store) -> Store:
    """The store with ticket 1 written."""
    with db.write() as s:
        s.add(_a_ticket())
    return db


def _ticket_one(s: Session, *, index_at_commit: bool = False) -> tuple[TicketRepo, Ticket]:
    repo = TicketRepo(s, index_at_commit=index_at_commit)
    ticket = repo.get(1)
    assert ticket is not None
    return repo, ticket


def test_a_participant_added_in_the_transaction_is_seen(ticketed: Store) -> None:
    with ticketed.write() as s:
        repo, ticket = _ticket_one(s)
        assert not repo.is_participant(1, "bob@client.test")
        assert repo.add_participant(ticket, "bob@client.test", "Bob", "cc", NOW)
        # Unwritten yet: the lookup that reads participants writes it first.
        assert repo.is_participant(1, "bob@client.test")
        assert not repo.add_participant(ticket, "bob@client.test", "Bob", "cc", NOW)
    with ticketed.read() as s:
        assert s.query(Participant).filter_by(address="bob@client.test").count() == 1


def test_a_message_added_in_the_transaction_is_found_by_its_id(ticketed: Store) -> None:
    with ticketed.write() as s:
        repo, ticket = _ticket_one(s)
        repo.add_message(ticket, _record("first@client.test"), NOW)
        repo.add_event(ticket, "message_added", "jo@client.test", NOW)
        assert [r.ticket_id for r in repo.message_refs(["first@client.test"])] == [1]


def test_an_unwritten_message_is_found_without_writing_the_rest(ticketed: Store) -> None:
    """A reply in the same transaction as its original finds it among the session's new
    rows; what else the session holds waits."""
    with ticketed.write() as s:
        repo, ticket = _ticket_one(s, index_at_commit=True)
        message = repo.add_message(ticket, _record("first@client.test"), NOW)
        [ref] = repo.message_refs(["first@client.test", "other@client.test"])
        assert (ref.ticket_id, ref.message_id, ref.direction) == (1, "first@client.test", "in")
        assert message in s.new
    with ticketed.read() as s:
        assert [r.ticket_id for r in TicketRepo(s).message_refs(["first@client.test"])] == [1]


def test_messages_indexed_at_commit_are_found_by_search(ticketed: Store) -> None:
    with ticketed.write() as s:
        repo, ticket = _ticket_one(s, index_at_commit=True)
        repo.add_message(ticket, _record("first@client.test", "The toner smears."), NOW)
        repo.add_message(ticket, _record("second@client.test", "Paper jams daily."), NOW)
        # Not in the search table before the commit.
        assert TicketRepo(s).summaries(q="toner") == []
    with ticketed.read() as s:
        assert [t.ticket.id for t in TicketRepo(s).summaries(q="toner")] == [1]
        assert [t.ticket.id for t in TicketRepo(s).summaries(q="jams")] == [1]


def test_a_transaction_rolled_back_indexes_nothing(ticketed: Store) -> None:

    def fails() -> None:
        with ticketed.write() as s:
            repo, ticket = _ticket_one(s, index_at_commit=True)
            repo.add_message(ticket, _record("first@client.test", "The toner smears."), NOW)
            raise RuntimeError("the transaction fails")

    with pytest.raises(RuntimeError):
        fails()
    with ticketed.read() as s:
        assert TicketRepo(s).summaries(q="toner") == []
        assert s.query(Message).count() == 0


def test_a_new_ticket_in_the_transaction_is_read_by_its_number(db: Store) -> None:
    with db.write() as s:
        s.add(_a_ticket())
        repo = TicketRepo(s)
        found = repo.get(1)
        assert found is not None
        assert found.subject == "Printer"


def test_lookups_of_other_tables_leave_the_session_unflushed(ticketed: Store) -> None:
    with ticketed.write() as s:
        repo, ticket = _ticket_one(s)
        event = repo.add_event(ticket, "note", "agent@helpdesk.test", NOW)
        repo.touch(ticket, NOW)
        # Participants, messages, a ticket by its number: none is an event, and the
        # changed ticket is the session's own copy.
        assert not repo.is_participant(1, "jo@client.test")
        assert repo.message_refs(["none@client.test"]) == []
        assert repo.get(1) is ticket
        assert event in s.new, "the event waits for the next flush"
        # A lookup that names no table flushes everything, as before.
        repo.ticket_exists(1)
        assert event not in s.new
    with ticketed.read() as s:
        assert s.query(Event).filter_by(kind="note").count() == 1


def test_replies_in_one_transaction_each_join_once(db: Store, config: Config) -> None:
    """Two replies applied in one transaction from the same client copying the same new
    colleague: the second sees the first's message and the colleague it let in."""
    processor = Processor(config, db)
    receive(db, build(message_id="first@client.test"))
    processor.run_once()
    for n in (1, 2):
        receive(
            db,
            build(
                subject="Re: #[1] Printer broken",
                message_id=f"reply{n}@client.test",
                in_reply_to="first@client.test",
                cc="Bob <bob@client.test>",
                headers=AUTHENTICATED,
                body=f"Still broken ({n}).",
            ),
        )
    result = processor.run_once()
    assert (result.processed, result.tickets_opened) == (2, 0)
    with db.read() as s:
        assert s.query(Message).filter_by(ticket_id=1, direction="in").count() == 3
        bobs = s.query(Participant).filter_by(ticket_id=1, address="bob@client.test").count()
        assert bobs == 1


def _a_ticket() -> Ticket:
    return Ticket(
        id=1,
        subject="Printer",
        status="open",
        department="support",
        priority="normal",
        requester="jo@client.test",
        created_at=NOW,
        updated_at=NOW,
        status_changed_at=NOW,
    )


def _record(message_id: str, text: str = "It is broken.") -> MessageRecord:
    return MessageRecord(
        direction="in",
        message_id=message_id,
        from_address="jo@client.test",
        from_name="Jo",
        to=[],
        cc=[],
        subject="Printer",
        date=None,
        text=text,
        reply_text=text,
        html=None,
        kind="human",
    )
