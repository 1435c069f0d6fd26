"""One problem, one ticket: likely duplicates flagged (or joined) as mail arrives over
SMTP, tickets merged and split over the HTTP API and the command line, and the old
number of a merged ticket still threading — all through ``mailgate run`` on loopback
(the SMTP listener, the processor, the sender to a relay, the API)."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Event, InboxRow, Message, Ticket
from mailgate.store.tickets_repo import TicketRepo
from tests.support.api import ANN, Client, api_toml
from tests.support.cli import run_cli
from tests.support.config import to_relay
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.smtp import RelayHandler, running_relay
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
JO = "Jo Client <jo@client.test>"
BOB = "Bob Other <bob@client.test>"

FIRST = "My printer on the second floor prints only blank pages since this morning."
AGAIN = "The printer on the second floor still prints blank pages since this morning!"
OTHER = "Please send me the invoice for November, our accounting needs it."


@pytest.fixture
def relay_at() -> Iterator[tuple[RelayHandler, int]]:
    with running_relay() as relay:
        yield relay


@pytest.fixture
def relay(relay_at: tuple[RelayHandler, int]) -> RelayHandler:
    return relay_at[0]


def desk_toml(tmp_path: Path, relay_port: int, extra: str = "") -> str:
    """The API's configuration, sending through the relay on ``relay_port``."""
    text = to_relay(api_toml(tmp_path), relay_port)
    return text + extra


@pytest.fixture
def desk(
    tmp_path: Path,
    relay_at: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> Callable[..., tuple[Config, RunningDaemon, Client]]:
    def start(extra: str = "") -> tuple[Config, RunningDaemon, Client]:
        text = desk_toml(tmp_path, relay_at[1], extra)
        (tmp_path / "mailgate.toml").write_text(text)
        config = config_from_toml(text, "<test>")
        daemon = run_daemon(config, ("smtp", "process", "send", "http"))
        return config, daemon, Client(config.http.port)

    return start


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Callable[[Config], Store]]:
    stores: list[Store] = []

    def open_(config: Config) -> Store:
        s = Store(config.database)
        stores.append(s)
        return s

    yield open_
    for s in stores:
        s.dispose()


def send(daemon: RunningDaemon, raw: bytes, sender: str = "jo@client.test") -> None:
    with smtplib.SMTP("127.0.0.1", daemon.port, timeout=30) as s:
        s.sendmail(sender, [SUPPORT], raw)


def mail(subject: str, body: str, from_: str = JO, **kw: Any) -> bytes:
    return build(from_=from_, subject=subject, body=body + "\n", headers=AUTHENTICATED, **kw)


def processed(store: Store, count: int) -> list[InboxRow]:
    def done() -> list[InboxRow]:
        with store.read() as s:
            rows = list(s.query(InboxRow).filter(InboxRow.state != "received"))
            s.expunge_all()
        return rows if len(rows) >= count else []

    rows: list[InboxRow] = wait_for(done, what=f"{count} message(s) processed")
    return rows


# Jo's mails a@, b@ and c@client.test: a printer problem, the same problem again, an invoice.
JOS_MAILS = [
    ("Printer broken", FIRST, "a@client.test"),
    ("Printer still broken", AGAIN, "b@client.test"),
    ("Invoice for November", OTHER, "c@client.test"),
]


def jos_mails(daemon: RunningDaemon, store: Store, count: int = 3) -> list[InboxRow]:
    """The first ``count`` of ``JOS_MAILS`` sent, each processed before the next; the
    messages processed by then."""
    rows: list[InboxRow] = []
    for n, (subject, body, message_id) in enumerate(JOS_MAILS[:count], start=1):
        send(daemon, mail(subject, body, message_id=message_id))
        rows = processed(store, n)
    return rows


def ticket_of(store: Store, message_id: str) -> int:
    with store.read() as s:
        m = s.query(Message).filter(Message.message_id == message_id).one()
        return m.ticket_id


def event_kinds(store: Store, number: int) -> list[str]:
    with store.read() as s:
        return [e.kind for e in s.query(Event).filter(Event.ticket_id == number)]


def to_client(relay: RelayHandler, subject_start: str, saying: str = "") -> EmailMessage:
    """The latest mail to a client (not an agent's alert) the relay took whose subject
    starts with ``subject_start`` and whose text says ``saying``."""

    def text(m: EmailMessage) -> str:
        part = m.get_body(("plain",))
        return part.get_content() if part is not None else ""

    def found() -> list[EmailMessage]:
        return [
            r.message
            for r in relay.received
            if str(r.message["Subject"]).startswith(subject_start)
            and ANN not in r.rcpt_tos
            and saying in text(r.message)
        ]

    mails: list[EmailMessage] = wait_for(found, what=f"mail {subject_start!r} at the relay")
    return mails[-1]


def relations(doc: dict[str, Any]) -> list[tuple[str, int]]:
    return [(link["relation"], link["ticket"]) for link in doc["links"]]


# -- likely duplicates ---------------------------------------------------------------------------


def test_a_second_mail_about_the_same_problem_is_flagged_on_both_tickets(
    desk: Callable[..., tuple[Config, RunningDaemon, Client]],
    db: Callable[[Config], Store],
    tmp_path: Path,
) -> None:
    config, daemon, client = desk()
    store = db(config)
    jos_mails(daemon, store)
    assert [ticket_of(store, f"{x}@client.test") for x in "abc"] == [1, 2, 3]

    second = client.get("/api/tickets/2").body
    assert relations(second) == [("duplicate_of", 1)]
    assert second["links"][0]["data"]["score"] >= config.duplicates.threshold
    assert "duplicate_flagged" in [e["kind"] for e in second["events"]]
    assert relations(client.get("/api/tickets/1").body) == [("has_duplicate", 2)]
    # A request about something else is no one's duplicate.
    assert client.get("/api/tickets/3").body["links"] == []

    shown = run_cli((tmp_path / "mailgate.toml").read_text(), tmp_path, "tickets", "show", "2")
    assert shown.returncode == 0, shown.stderr
    assert "likely a duplicate of #[1]" in shown.stdout
    assert "mailgate tickets merge 2 --into 1" in shown.stdout
    older = run_cli((tmp_path / "mailgate.toml").read_text(), tmp_path, "ticket", "1")
    assert "#[2] is likely a duplicate of this ticket" in older.stdout


def test_a_flag_that_is_wrong_is_dismissed_and_offers_no_merge_any_more(
    desk: Callable[..., tuple[Config, RunningDaemon, Client]],
    db: Callable[[Config], Store],
    tmp_path: Path,
) -> None:
    config, daemon, client = desk()
    store = db(config)
    jos_mails(daemon, store)
    assert client.post("/api/tickets/1/not-duplicate", {"of": 3}).status == 409

    dismissed = client.post("/api/tickets/1/not-duplicate", {"of": 2})
    assert (dismissed.status, dismissed.body) == (200, {"number": 1, "other": 2})
    assert client.post("/api/tickets/2/not-duplicate", {"of": 1}).status == 409
    assert ("not_duplicate_of", 1) in relations(client.get("/api/tickets/2").body)
    for number, other in ((1, 2), (2, 1)):
        doc = client.get(f"/api/tickets/{number}").body
        [event] = [e for e in doc["events"] if e["kind"] == "duplicate_dismissed"]
        assert (event["actor"], event["data"]) == (ANN, {"other": other})
    text = (tmp_path / "mailgate.toml").read_text()
    shown = run_cli(text, tmp_path, "tickets", "show", "2")
    assert "not a duplicate of #[1] (dismissed)" in shown.stdout
    assert "tickets merge" not in shown.stdout
    again = run_cli(text, tmp_path, "tickets", "not-duplicate", "2", "--of", "1")
    assert again.returncode == 1
    assert "already marked as not duplicates" in again.stderr


def test_in_join_mode_the_repeated_mail_joins_the_open_ticket_and_says_why(
    desk: Callable[..., tuple[Config, RunningDaemon, Client]],
    db: Callable[[Config], Store],
) -> None:
    config, daemon, client = desk('\n[duplicates]\nmode = "join"\nwindow = "3d"\n')
    store = db(config)
    rows = jos_mails(daemon, store, 2)
    assert ticket_of(store, "b@client.test") == 1
    assert {r.thread_rule for r in rows} == {"new_ticket", "duplicate"}
    with store.read() as s:
        assert s.query(Ticket).count() == 1
    doc = client.get("/api/tickets/1").body
    joined = [e for e in doc["events"] if e["kind"] == "duplicate_joined"]
    assert len(joined) == 1
    assert "duplicates.mode = join" in joined[0]["data"]["reason"]
    assert joined[0]["data"]["score"] >= 0.6


# -- merging ------------------------------------------------------------------------------------


def test_merge_over_the_api_moves_the_thread_and_the_old_token_still_threads(
    desk: Callable[..., tuple[Config, RunningDaemon, Client]],
    db: Callable[[Config], Store],
    relay: RelayHandler,
) -> None:
    config, daemon, client = desk()
    store = db(config)
    jos_mails(daemon, store, 2)
    ack_of_2 = to_client(relay, "#[2]")

    merged = client.post("/api/tickets/2/merge", {"into": 1})
    assert merged.status == 200, merged.body
    assert (merged.body["source"], merged.body["target"]) == (2, 1)
    assert merged.body["messages"] >= 2  # Jo's message and its acknowledgment at least
    assert merged.body["recipients"] == ["jo@client.test"]

    stub = client.get("/api/tickets/2").body
    assert (stub["merged_into"], stub["status"], stub["messages"]) == (1, "closed", [])
    assert ("merged_into", 1) in relations(stub)
    assert [e["kind"] for e in stub["events"]][-2:] == ["merged_into", "status_changed"]
    target = client.get("/api/tickets/1").body
    assert "b@client.test" in [m["message_id"] for m in target["messages"]]
    assert target["merged_from"] == [2]
    assert ("merged_from", 2) in relations(target)
    merge_event = next(e for e in target["events"] if e["kind"] == "ticket_merged")
    assert (merge_event["actor"], merge_event["data"]["from"]) == (ANN, 2)
    assert {e["ticket"] for e in target["merged_history"]} == {2}

    notice = to_client(relay, "#[1]", saying="joined them into one ticket")
    assert notice["From"].addresses[0].addr_spec == SUPPORT
    assert notice["To"].addresses[0].addr_spec == "jo@client.test"
    text = notice.get_body(("plain",))
    assert text is not None
    assert '#[2] ("Printer still broken")' in " ".join(text.get_content().split())

    # Jo answers the old number's mail: the subject token of ticket 2 leads to ticket 1.
    send(daemon, mail("Re: #[2] Printer still broken", "Any news?", message_id="c@client.test"))
    # And a reply to ticket 2's acknowledgment, by its Message-ID alone.
    ack_id = str(ack_of_2["Message-ID"]).strip("<>")
    send(daemon, mail("Re: hello", "Hello again?", message_id="d@client.test", in_reply_to=ack_id))
    rows = processed(store, 4)
    assert ticket_of(store, "c@client.test") == 1
    assert ticket_of(store, "d@client.test") == 1
    by_id = {r.message_id: r for r in rows}
    assert by_id["c@client.test"].thread_rule == "subject_token"
    assert "merged into ticket 1" in (by_id["c@client.test"].thread_reason or "")
    assert by_id["d@client.test"].thread_rule == "references"
    assert client.get("/api/tickets/2").body["status"] == "closed"


def test_merging_is_refused_into_itself_into_a_merged_ticket_and_unconfirmed_across_clients(
    desk: Callable[..., tuple[Config, RunningDaemon, Client]],
    db: Callable[[Config], Store],
    relay: RelayHandler,
) -> None:
    config, daemon, client = desk()
    store = db(config)
    # One at a time: the workers would number tickets from mails sent together in either
    # order.
    send(daemon, mail("Printer broken", FIRST, message_id="a@client.test"))
    processed(store, 1)
    send(daemon, mail("Scanner jammed", "The scanner jams on every page.", message_id="b@c.test"))
    processed(store, 2)
    send(daemon, mail("Printer", FIRST, from_=BOB, message_id="c@client.test"), "bob@client.test")
    processed(store, 3)
    assert client.post("/api/tickets/1/merge", {"into": 1}).status == 409
    assert client.post("/api/tickets/2/merge", {"into": 1}).status == 200
    again = client.post("/api/tickets/2/merge", {"into": 1})
    assert (again.status, "already merged" in again.body["error"]) == (409, True)
    into_stub = client.post("/api/tickets/3/merge", {"into": 2})
    assert (into_stub.status, "merge into ticket 1 instead" in into_stub.body["error"]) == (
        409,
        True,
    )
    unconfirmed = client.post("/api/tickets/3/merge", {"into": 1})
    assert unconfirmed.status == 409
    assert "different requesters" in unconfirmed.body["error"]
    assert client.get("/api/tickets/3").body["merged_into"] is None

    forced = client.post("/api/tickets/3/merge", {"into": 1, "force": True})
    assert forced.status == 200, forced.body
    # One mail for both clients: Jo's ticket, Bob in Cc (he takes part in it now).
    assert forced.body["recipients"] == ["jo@client.test", "bob@client.test"]
    target = client.get("/api/tickets/1").body
    assert {"address": "bob@client.test", "role": "cc"}.items() <= next(
        p for p in target["participants"] if p["address"] == "bob@client.test"
    ).items()
    notice = wait_for(
        lambda: [
            r
            for r in relay.received
            if "bob@client.test" in r.rcpt_tos and str(r.message["Subject"]).startswith("#[1]")
        ],
        what="the merge notice to Bob",
    )[0]
    assert set(notice.rcpt_tos) == {"jo@client.test", "bob@client.test"}
    assert client.get("/api/tickets/1").body["merged_from"] == [2, 3]


# -- splitting ----------------------------------------------------------------------------------


def test_split_over_the_api_makes_a_new_ticket_that_the_client_is_told_of(
    desk: Callable[..., tuple[Config, RunningDaemon, Client]],
    db: Callable[[Config], Store],
    relay: RelayHandler,
) -> None:
    config, daemon, client = desk()
    store = db(config)
    send(daemon, mail("Printer broken", FIRST, message_id="a@client.test"))
    processed(store, 1)
    send(
        daemon,
        mail("Re: #[1] Printer broken", "Also: the scanner jams.", message_id="b@client.test"),
    )
    processed(store, 2)
    reply = next(
        m
        for m in client.get("/api/tickets/1").body["messages"]
        if m["message_id"] == "b@client.test"
    )

    done = client.post("/api/tickets/1/split", {"message": reply["id"]})
    assert done.status == 201, done.body
    assert (done.body["number"], done.body["new"], done.body["messages"]) == (1, 2, [reply["id"]])
    new = client.get("/api/tickets/2").body
    assert new["requester"] == "jo@client.test"
    assert new["messages"][0]["message_id"] == "b@client.test"
    assert relations(new) == [("split_from", 1)]
    assert relations(client.get("/api/tickets/1").body) == [("split_into", 2)]
    assert "ticket_split" in event_kinds(store, 1)

    ack = to_client(relay, "#[2]", saying="a matter of its own")
    assert ack["In-Reply-To"] == "<b@client.test>"
    text = ack.get_body(("plain",))
    assert text is not None
    assert "#[1]" in text.get_content()
    # The client answers the new ticket's acknowledgment: it lands on the new ticket.
    ack_id = str(ack["Message-ID"]).strip("<>")
    send(
        daemon,
        mail("Re: scanner", "It jams still.", message_id="c@client.test", in_reply_to=ack_id),
    )
    processed(store, 3)
    assert ticket_of(store, "c@client.test") == 2
    # The first message cannot be split off alone with the rest: nothing would be left.
    first = client.get("/api/tickets/1").body["messages"][0]["id"]
    refused = client.post("/api/tickets/1/split", {"message": first, "tail": True})
    assert refused.status == 409


# -- the command line ---------------------------------------------------------------------------


def test_split_and_merge_from_the_command_line(
    tmp_path: Path, relay_at: tuple[RelayHandler, int]
) -> None:
    text = desk_toml(tmp_path, relay_at[1])
    config = config_from_toml(text, "<test>")
    store = Store(config.database)
    try:
        from mailgate.store.migrate import upgrade

        upgrade(store)
        env = Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1")
        store_messages(
            store,
            [
                (env, mail("Printer broken", FIRST, message_id="a@client.test")),
                (env, mail("Re: #[1] Printer", "And the scanner.", message_id="b@client.test")),
                (env, mail("Re: #[1] Printer", "Scanner: still.", message_id="c@client.test")),
            ],
        )
        Processor(config, store).drain()
        ids = {}
        with store.read() as s:
            for m in s.query(Message).filter(Message.direction == "in"):
                ids[m.message_id] = m.id

        split = run_cli(
            text,
            tmp_path,
            "tickets",
            "split",
            "1",
            "--message",
            str(ids["b@client.test"]),
            "--tail",
            "--as",
            ANN,
        )
        assert split.returncode == 0, split.stderr
        assert "ticket 2 split from ticket 1 for jo@client.test" in split.stdout
        assert ticket_of(store, "b@client.test") == ticket_of(store, "c@client.test") == 2
        assert ticket_of(store, "a@client.test") == 1

        refused = run_cli(text, tmp_path, "tickets", "merge", "2", "--into", "2")
        assert refused.returncode == 1
        assert "cannot be merged into itself" in refused.stderr
        merged = run_cli(text, tmp_path, "tickets", "merge", "2", "--into", "1", "--as", ANN)
        assert merged.returncode == 0, merged.stderr
        assert "ticket 2 merged into ticket 1" in merged.stdout
        assert {ticket_of(store, f"{x}@client.test") for x in "abc"} == {1}
        shown = run_cli(text, tmp_path, "tickets", "show", "2")
        assert "MERGED into #[1]" in shown.stdout
        listed = run_cli(text, tmp_path, "tickets", "--status", "closed")
        assert listed.returncode == 0
        assert "Printer" in listed.stdout
    finally:
        store.dispose()


# -- on both databases: the rows a merge and a split move -------------------------------------


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def both(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Config, Store]]:
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    config = config_from_toml(api_toml(tmp_path, db_url), "<test>")
    store = Store(config.database)
    from mailgate.store.migrate import upgrade

    upgrade(store)
    yield config, store
    store.dispose()


def test_merged_and_split_messages_are_found_by_search_under_their_new_ticket_and_numbers_follow(
    both: tuple[Config, Store],
) -> None:
    from mailgate.notify import Notifier, Templates
    from mailgate.tickets.actions import Agent
    from mailgate.tickets.merging import merge_tickets
    from mailgate.tickets.splitting import split_ticket
    from mailgate.tickets.views import ticket_list

    config, store = both
    env = Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1")
    store_messages(
        store,
        [
            (env, mail("Printer broken", FIRST, message_id="a@client.test")),
            (env, mail("Toner order", "Please order toner cartridges.", message_id="b@c.test")),
            (env, mail("Re: #[1] Printer", "Also the zanzibar scanner.", message_id="c@c.test")),
        ],
    )
    Processor(config, store).drain()
    notifier = Notifier(config, Templates(config.templates.directory))
    ann = Agent(ANN, "Ann Agent")

    def found(q: str) -> list[int]:
        with store.read() as s:
            return [t["number"] for t in ticket_list(s, q=q)]

    merge_tickets(store, notifier, 2, 1, ann)
    assert found("toner cartridges") == [1]
    with store.read() as s:
        c = s.query(Message).filter(Message.message_id == "c@c.test").one().id
    done = split_ticket(store, notifier, 1, c, ann)
    assert done.new == 3
    assert found("zanzibar") == [3]
    with store.read() as s:
        alerts = s.query(Event).filter(Event.ticket_id == 3, Event.kind == "mail_queued")
        assert [e.data["template"] for e in alerts] == ["ticket_split"]
    # Ticket 1, into which 2 was merged, is merged in turn: 2's number follows it.
    merge_tickets(store, notifier, 1, 3, ann)
    with store.read() as s:
        repo = TicketRepo(s)
        assert (repo.merged_into(1), repo.merged_into(2)) == (3, 3)
    assert found("toner cartridges") == [3]
