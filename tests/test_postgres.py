"""The same journey on the PostgreSQL server of this machine (127.0.0.1:5432, database
test), each test in a schema of its own."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import text

from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.errors import SchemaError
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import current_revision, ensure_schema, head_revision, upgrade
from mailgate.store.models import InboxRow, OutboxRow, Ticket
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build

pytestmark = pytest.mark.postgres

SUPPORT = "support@helpdesk.test"


@pytest.fixture
def pg_config(make_config: Callable[..., Config], pg_url: str) -> Config:
    return make_config(db_url=pg_url)


@pytest.fixture
def pg_store(pg_config: Config) -> Iterator[Store]:
    s = Store(pg_config.database)
    upgrade(s)
    yield s
    s.dispose()


def test_migrations_create_the_schema(pg_config: Config) -> None:
    s = Store(pg_config.database)
    try:
        assert current_revision(s) is None
        with pytest.raises(SchemaError):
            ensure_schema(s, create_if_empty=False)
        upgrade(s)
        ensure_schema(s, create_if_empty=False)
        assert current_revision(s) == head_revision()
    finally:
        s.dispose()


def test_journey_on_postgresql(pg_config: Config, pg_store: Store) -> None:
    env = Envelope("smtp", "jo@client.test", (SUPPORT,), None)
    store_messages(pg_store, [(env, build(message_id="pg1@client.test"))])
    processor = Processor(pg_config, pg_store)
    assert processor.run_once().tickets_opened == 1
    with pg_store.read() as s:
        ack = s.query(OutboxRow).one()
    store_messages(
        pg_store,
        [
            (
                env,
                build(
                    subject="Re: #[1] Printer broken",
                    message_id="pg2@client.test",
                    in_reply_to=ack.message_id,
                ),
            )
        ],
    )
    # The same message again is stored once on PostgreSQL too.
    store_messages(
        pg_store,
        [
            (
                env,
                build(
                    subject="Re: #[1] Printer broken",
                    message_id="pg2@client.test",
                    in_reply_to=ack.message_id,
                ),
            )
        ],
    )
    processor.run_once()
    with pg_store.read() as s:
        assert s.query(Ticket).count() == 1
        rows = s.query(InboxRow).order_by(InboxRow.id).all()
        assert [(r.state, r.ticket_id, r.thread_rule) for r in rows] == [
            ("processed", 1, "new_ticket"),
            ("processed", 1, "references"),
        ]


def test_two_processors_claim_each_message_once(pg_config: Config, pg_store: Store) -> None:
    import threading

    env = Envelope("smtp", "jo@client.test", (SUPPORT,), None)
    store_messages(
        pg_store,
        [
            (env, build(message_id=f"p{i}@client.test", from_=f"c{i}@client.test"))
            for i in range(40)
        ],
    )
    results = []

    def work() -> None:
        results.append(Processor(pg_config, pg_store).drain())

    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.processed for r in results) == 40
    with pg_store.read() as s:
        assert s.query(Ticket).count() == 40
        assert s.query(OutboxRow).count() == 40


def test_failing_database_answers_451(
    pg_config: Config, pg_store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    with pg_store.write() as s:
        s.execute(
            text(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'could not extend file: No space left'; END $$"
            )
        )
        s.execute(
            text(
                "CREATE TRIGGER refuse BEFORE INSERT ON inbox "
                "FOR EACH ROW EXECUTE FUNCTION refuse()"
            )
        )
    d = run_daemon(pg_config, roles=("smtp",))
    with (
        smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c,
        pytest.raises(smtplib.SMTPDataError) as err,
    ):
        c.sendmail("jo@client.test", [SUPPORT], build())
    assert err.value.smtp_code == 451
    assert b"No space" not in err.value.smtp_error  # no internal text to the client
    with pg_store.write() as s:
        s.execute(text("DROP TRIGGER refuse ON inbox"))
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        assert c.sendmail("jo@client.test", [SUPPORT], build()) == {}


def test_folder_locks_hold_their_own_connections(pg_config: Config, pg_store: Store) -> None:
    """Each polled folder holds a lock for as long as it is polled; twenty of them must
    not take the connections the store writes with (its pool holds fifteen)."""
    from mailgate.store.imap_repo import FolderState, ImapRepo
    from mailgate.store.locks import JobLock

    locks = [JobLock(pg_store, f"imap:box{i}/INBOX") for i in range(20)]
    other_store = Store(pg_config.database)
    rival = JobLock(other_store, "imap:box0/INBOX")
    try:
        assert all(lock.try_acquire() for lock in locks)
        assert not rival.try_acquire(), "another instance cannot take a held folder"
        with pg_store.write() as s:
            ImapRepo(s).set_state("box0", "INBOX", FolderState(1, 10))
        assert all(lock.still_held() for lock in locks)
        locks[0].release()
        assert rival.try_acquire(), "a released folder can be taken over"
    finally:
        for lock in [*locks, rival]:
            lock.release()
        other_store.dispose()


def test_highest_uid_never_goes_back(pg_store: Store) -> None:
    from mailgate.store.imap_repo import FolderState, ImapRepo

    with pg_store.write() as s:
        ImapRepo(s).set_state("box", "INBOX", FolderState(7, 100))
    with pg_store.write() as s:  # a late writer that lost the folder's lock
        ImapRepo(s).set_state("box", "INBOX", FolderState(7, 40, frozenset({33})))
    with pg_store.read() as s:
        assert ImapRepo(s).state("box", "INBOX") == FolderState(7, 100, frozenset({33}))
    with pg_store.write() as s:  # a new UIDVALIDITY starts over
        ImapRepo(s).set_state("box", "INBOX", FolderState(8, 0))
    with pg_store.read() as s:
        assert ImapRepo(s).state("box", "INBOX") == FolderState(8, 0)


def test_planning_processes_on_postgresql(pg_config: Config, pg_store: Store) -> None:
    """`mailgate process --workers 2` on PostgreSQL: planners with connections of their
    own, the command applying in inbox order; every reply on its original's ticket."""
    env = Envelope("smtp", "jo@client.test", (SUPPORT,), None)
    raws = []
    for i in range(15):
        raws.append(build(from_=f"c{i}@client.test", message_id=f"o{i}@client.test"))
        raws.append(
            build(
                from_=f"c{i}@client.test",
                message_id=f"r{i}@client.test",
                subject="Re: Printer broken",
                in_reply_to=f"o{i}@client.test",
            )
        )
    store_messages(pg_store, [(env, raw) for raw in raws])
    result = Processor(pg_config, pg_store).drain(workers=2)
    assert (result.processed, result.tickets_opened) == (30, 15)
    with pg_store.read() as s:
        rows = s.query(InboxRow).order_by(InboxRow.id).all()
        numbers = [t.id for t in s.query(Ticket).order_by(Ticket.created_at, Ticket.id)]
    assert [r.ticket_id for r in rows] == [i // 2 + 1 for i in range(30)]
    assert numbers == list(range(1, 16))
