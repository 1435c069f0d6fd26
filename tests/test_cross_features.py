"""Where the features meet in the processing stage: a held message accepted onto a
ticket merged since, an organization's rule on mail that a closed ticket turns into a
new one, a split of a program's mail, and the statements one message costs — mail put
in the inbox as the listener does, processed by the real processor on SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from email import message_from_bytes
from email.policy import default

import pytest
from sqlalchemy import event

from mailgate.config import Config
from mailgate.errors import ActionRefused
from mailgate.notify import Notifier, Templates
from mailgate.process import Processor
from mailgate.process.held import accept_held
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import InboxRepo
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, Ticket, utcnow
from mailgate.store.orgs_repo import OrganizationRepo
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tickets.actions import Agent, change_status
from mailgate.tickets.merging import merge_tickets
from mailgate.tickets.splitting import split_ticket
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.store import receive

ANN = Agent("ann@helpdesk.test", "Ann Agent")


@pytest.fixture
def desk(make_config: object) -> Iterator[tuple[Config, Store, Notifier]]:
    def open_(extra: str = "") -> tuple[Config, Store, Notifier]:
        config: Config = make_config(extra=extra)  # type: ignore[operator]
        store = Store(config.database)
        upgrade(store)
        stores.append(store)
        return config, store, Notifier(config, Templates(config.templates.directory))

    stores: list[Store] = []
    yield open_  # type: ignore[misc]
    for s in stores:
        s.dispose()


def mail(
    subject: str,
    body: str,
    from_: str = "Jo Client <jo@client.test>",
    headers: dict[str, str] | None = None,
    **kw: str,
) -> bytes:
    """A mail whose sender the receiving MTA authenticated."""
    return build(
        from_=from_,
        subject=subject,
        body=body + "\n",
        headers=AUTHENTICATED | (headers or {}),
        **kw,
    )


def row(store: Store, inbox_id: int) -> InboxRow:
    with store.read() as s:
        r = s.get(InboxRow, inbox_id)
        assert r is not None
        s.expunge(r)
        return r


def status(store: Store, number: int) -> str:
    with store.read() as s:
        t = s.get(Ticket, number)
        assert t is not None
        return t.status


def test_a_message_held_on_a_ticket_merged_since_is_accepted_onto_the_ticket_it_was_merged_into(
    desk: object,
) -> None:
    config, store, notifier = desk('unverified_reply = "hold"')  # type: ignore[operator]
    receive(store, mail("Printer broken", "The printer prints blank pages."))
    receive(store, mail("Toner", "Please order toner cartridges for the printer."))
    Processor(config, store).drain()
    # A stranger writes about ticket 1: held on it for an agent.
    stranger = receive(
        store,
        mail("Re: #[1] Printer broken", "I have the same printer.", from_="eve@else.test"),
        sender="eve@else.test",
    )
    Processor(config, store).drain()
    held = row(store, stranger)
    assert (held.state, held.ticket_id) == ("held", 1)
    # Meanwhile ticket 1 is merged into ticket 2; then the agent accepts the message.
    merge_tickets(store, notifier, 1, 2, ANN, notify=False)
    accept_held(store, stranger)
    Processor(config, store).drain()
    done = row(store, stranger)
    assert (done.state, done.ticket_id) == ("processed", 2)
    with store.read() as s:
        m = s.query(Message).filter(Message.inbox_id == stranger).one()
        assert m.ticket_id == 2
    assert status(store, 1) == "closed", "the merged stub stays closed"


def test_mail_that_a_long_closed_ticket_turns_into_a_new_one_meets_its_organizations_rule(
    desk: object,
) -> None:
    config, store, notifier = desk('\n[lifecycle]\nreopen_within = "1d"\n')  # type: ignore[operator]
    first = utcnow() - timedelta(days=10)
    receive(store, mail("VPN", "The VPN is down.", from_="max@acme.test"), sender="max@acme.test")
    Processor(config, store, clock=lambda: first).drain()
    change_status(store, notifier, 1, "closed", ANN, notify=False, now=first)
    # Acme lets only its contacts open tickets; max@acme.test is none of them.
    with store.write() as s:
        OrganizationRepo(s).create("Acme", first, unknown_may_open=False, domains=("acme.test",))
    again = receive(
        store,
        mail("Re: #[1] VPN", "The VPN is down again.", from_="max@acme.test"),
        sender="max@acme.test",
    )
    Processor(config, store).drain()
    held = row(store, again)
    assert (held.state, held.thread_rule) == ("held", "held_unknown_contact"), held.thread_reason
    with store.read() as s:
        assert s.query(Ticket).count() == 1, "no ticket opened around the organization's rule"


def test_a_split_is_refused_for_an_automatic_reply_and_sends_nothing_to_it(desk: object) -> None:
    config, store, notifier = desk()  # type: ignore[operator]
    receive(store, mail("Printer broken", "The printer prints blank pages.", message_id="a@c.test"))
    Processor(config, store).drain()
    with store.read() as s:
        ack = s.query(Message).filter(Message.direction == "out").one().message_id
    receive(
        store,
        mail(
            "Out of office: #[1] Printer broken",
            "I am away until Monday.",
            in_reply_to=ack,
            headers={"Auto-Submitted": "auto-replied"},
        ),
    )
    receive(store, mail("Re: #[1] Printer broken", "Model X-100.", in_reply_to=ack))
    Processor(config, store).drain()
    with store.read() as s:
        kinds = {m.kind: m.id for m in s.query(Message).filter(Message.direction == "in")}
    assert set(kinds) == {"human", "auto_reply"}
    with pytest.raises(ActionRefused, match="not a client's message"):
        split_ticket(store, notifier, 1, kinds["auto_reply"], ANN)
    with store.read() as s:
        assert s.query(Ticket).count() == 1
        queued = s.query(Event).filter(Event.kind == "mail_queued").count()
    assert queued == 1, "only the acknowledgment of ticket 1 was queued"


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """The SQL statements run while the block runs."""
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def test_processing_reads_a_replys_ticket_once_and_a_new_senders_organization_and_count_once(
    desk: object,
) -> None:
    config, store, _notifier = desk()  # type: ignore[operator]
    receive(store, mail("Printer broken", "The printer prints blank pages.", message_id="a@c.test"))
    with statements(store) as new:
        Processor(config, store).drain()
    receive(store, mail("Re: #[1] Printer broken", "Model X-100.", in_reply_to="a@c.test"))
    with statements(store) as reply:
        Processor(config, store).drain()

    def reads(seen: list[str], table: str) -> int:
        return sum(1 for s in seen if s.lstrip().startswith("SELECT") and f"FROM {table}" in s)

    # The hold rule and the acknowledgment's copies ask the same of the sender; the
    # per-hour limits of new tickets and of acknowledgments count their tickets once.
    assert (reads(new, "contacts"), reads(new, "organization_domains")) == (1, 1)
    assert sum(1 for s in new if "count(tickets.id)" in s) == 1
    # Whether the ticket is closed, who may act on it, the message added to it.
    assert reads(reply, "tickets") == 1


def test_an_unauthenticated_senders_acknowledgment_copies_no_organization_contact(
    desk: object,
) -> None:
    config, store, _notifier = desk()  # type: ignore[operator]
    with store.write() as s:
        orgs = OrganizationRepo(s)
        acme = orgs.create("Acme", utcnow(), notify="primary", domains=("acme.test",))
        orgs.put_contact("boss@acme.test", acme, "The Boss", "primary", utcnow())
    passed = {"Authentication-Results": "mx.helpdesk.test; dmarc=pass header.from=acme.test"}
    # Anyone can write From dev@acme.test: unproven, the acknowledgment goes to it alone.
    receive(store, build(from_="dev@acme.test", subject="Disk full"), sender="dev@acme.test")
    receive(store, build(from_="dev@acme.test", headers=passed), sender="dev@acme.test")
    Processor(config, store).drain()
    with store.read() as s:
        acks = [
            sorted(o.recipients)
            for o in s.query(OutboxRow)
            .filter(OutboxRow.kind == "ticket_opened")
            .order_by(OutboxRow.ticket_id)
        ]
    assert acks == [["dev@acme.test"], ["boss@acme.test", "dev@acme.test"]]


PERSIAN = "با سلام\nسایت ما از دیروز بالا نمی‌آید و خطای 500 می‌دهد. لطفا بررسی کنید.\nممنون\n"
PERSIAN_AGAIN = "با سلام\nایمیل‌های ما هم از امروز صبح ارسال نمی‌شوند. لطفا این را هم بررسی کنید.\n"


def test_a_message_split_off_a_clients_ticket_keeps_the_clients_language(desk: object) -> None:
    config, store, notifier = desk()  # type: ignore[operator]
    receive(store, mail("مشکل سایت", PERSIAN, message_id="fa1@client.test"))
    Processor(config, store).drain()
    receive(store, mail("Re: #[1] مشکل سایت", PERSIAN_AGAIN, in_reply_to="fa1@client.test"))
    Processor(config, store).drain()
    with store.read() as s:
        assert s.get(Ticket, 1).language == "fa"  # type: ignore[union-attr]
        second = s.query(Message).filter(Message.direction == "in").order_by(Message.id)[1].id
    done = split_ticket(store, notifier, 1, second, ANN)
    with store.read() as s:
        new = s.get(Ticket, done.new)
        assert new is not None
        assert new.language == "fa"
        told = s.query(OutboxRow).filter(OutboxRow.ticket_id == done.new).one()
    msg = message_from_bytes(told.raw, policy=default)
    body = msg.get_body(("plain",))  # type: ignore[attr-defined]
    assert body is not None
    text = " ".join(body.get_content().split())
    assert "تیکت تازه‌ای" in text, text  # the Persian notice, not the English one


def test_mail_from_an_address_with_no_real_domain_makes_no_organization(desk: object) -> None:
    config, store, _notifier = desk("\n[contacts]\nauto_organizations = true\n")  # type: ignore[operator]
    receive(store, mail("Hello", "A first request.", from_="odd@%"), sender="odd@%")
    receive(store, mail("Hi", "Another request.", from_="ann@newco.test"), sender="ann@newco.test")
    Processor(config, store).drain()
    with store.read() as s:
        assert s.query(Ticket).count() == 2, "both mails are on tickets"
        assert [o.name for o in OrganizationRepo(s).all()] == ["newco.test"]


def test_a_reply_threaded_before_a_merge_and_written_after_it_joins_the_ticket_merged_into(
    desk: object,
) -> None:
    config, store, notifier = desk()  # type: ignore[operator]
    receive(store, mail("Printer broken", "The printer prints blank pages."))
    receive(store, mail("Toner", "Please order toner cartridges for the printer."))
    Processor(config, store).drain()
    reply = receive(store, mail("Re: #[1] Printer broken", "Still blank, even after a restart."))
    processor = Processor(config, store)
    # The reply is threaded (to ticket 1) as a batch is read ...
    with store.read() as session:
        [waiting] = InboxRepo(session).due(10, utcnow(), processor.shard)
        plans = [processor.planner.plan(waiting, TicketRepo(session))]
    assert plans[0].match is not None
    assert plans[0].match.ticket_id == 1
    # ... an agent merges ticket 1 into ticket 2 before the batch is written ...
    merge_tickets(store, notifier, 1, 2, ANN, notify=False)
    processor.apply(plans)
    # ... and the reply joins ticket 2, where ticket 1's thread now is.
    assert row(store, reply).ticket_id == 2
    with store.read() as s:
        m = s.query(Message).filter(Message.inbox_id == reply).one()
        assert m.ticket_id == 2
    assert status(store, 1) == "closed", "the merged stub stays closed"
    assert status(store, 2) == "open"


@pytest.mark.postgres
def test_on_postgresql_a_ticket_merged_while_its_reply_is_being_written_hands_the_reply_on(
    make_config: object, pg_url: str
) -> None:
    # PostgreSQL lets a merge commit after processing threaded a reply in its write
    # transaction: the join then reads the ticket's alias after locking the ticket.
    config: Config = make_config(db_url=pg_url)  # type: ignore[operator]
    store = Store(config.database)
    try:
        upgrade(store)
        notifier = Notifier(config, Templates(config.templates.directory))
        receive(store, mail("Printer broken", "The printer prints blank pages."))
        receive(store, mail("Toner", "Please order toner cartridges for the printer."))
        Processor(config, store).drain()
        with store.write() as session:
            repo = TicketRepo(session)
            assert repo.get(1) is not None  # threading read ticket 1 in this transaction
            merge_tickets(store, notifier, 1, 2, ANN, notify=False)  # another connection
            assert repo.joined_ticket(1) == 2
            assert repo.joined_ticket(2) == 2
    finally:
        store.dispose()
