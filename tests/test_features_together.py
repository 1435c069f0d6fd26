"""The features together, end to end through ``mailgate run`` on loopback (the SMTP
listener, processing, the sender to a relay, the HTTP API): merging and the rating
request, merging and the service-level clocks, a Persian client's rating request and
split acknowledgment, tags and fields across a merge and a split, and a likely
duplicate from an organization's ``other`` contact."""

from __future__ import annotations

import re
import secrets
import smtplib
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.scheduler import run_job
from mailgate.store.engine import Store
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, RatingRequest, Ticket
from mailgate.tickets.merging import CarriedLabels, carried_labels
from tests.support.api import ANN, Client, api_toml
from tests.support.config import TAGGING, to_relay
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.smtp import RelayHandler, running_relay
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
JO = "Jo Client <jo@client.test>"
SARA = "سارا احمدی <sara@client.test>"

FIRST = "My printer on the second floor prints only blank pages since this morning."
AGAIN = "The printer on the second floor still prints blank pages since this morning!"
INVOICE = "Please send me the invoice for November, our accounting needs it."
PERSIAN = "سلام، فاکتور ماه گذشته هنوز به دستم نرسیده است. لطفاً دوباره ارسال کنید. ممنون"
PERSIAN_AGAIN = "در ضمن رمز عبور پنل کاربری من هم کار نمی‌کند، لطفاً بررسی کنید. ممنون"

# Ratings asked for, support's service levels, a tag rule and two fields.
FEATURES = (
    """
[ratings]
enabled = true

[[sla]]
department = "support"
first_response = "4h"
resolution = "24h"
warn_before = "1h"
"""
    + TAGGING
)


@pytest.fixture
def relay_at() -> Iterator[tuple[RelayHandler, int]]:
    with running_relay() as relay:
        yield relay


def features_toml(tmp: Path, relay_port: int, extra: str = "") -> str:
    """The API's configuration with every feature on, sending through the relay."""
    key = tmp / "rating.key"
    key.write_text(secrets.token_hex(32) + "\n")
    text = api_toml(tmp)
    found = re.search(r"\[http\]\nenabled = true\nhost = \"127.0.0.1\"\nport = (\d+)", text)
    assert found is not None
    text = text.replace("[helpdesk]\n", f'[helpdesk]\nsecret_file = "{key}"\n', 1)
    text = text.replace(
        "[http]\nenabled = true\n",
        f'[http]\nenabled = true\npublic_url = "http://127.0.0.1:{found[1]}"\n',
        1,
    )
    text = to_relay(text, relay_port)
    return text + FEATURES + extra


class Desk:
    """``mailgate run`` with every feature on, its API, its database and the relay."""

    def __init__(self, config: Config, daemon: RunningDaemon, relay: RelayHandler) -> None:
        self.config, self.daemon, self.relay = config, daemon, relay
        self.api = Client(config.http.port)
        self.store = Store(config.database)

    def send(self, raw: bytes, sender: str = "jo@client.test") -> None:
        with smtplib.SMTP("127.0.0.1", self.daemon.port, timeout=30) as s:
            s.sendmail(sender, [SUPPORT], raw)

    def mail(self, subject: str, body: str, from_: str = JO, **kw: Any) -> int:
        """Send a client's mail over SMTP; the ticket it went to, once processed."""
        sender = from_.rsplit("<", 1)[-1].rstrip(">")
        domain = sender.rsplit("@", 1)[1]
        message_id = f"{secrets.token_hex(6)}@{domain}"
        # The MTA's verdict: DMARC passed for the sender's domain.
        passed = {"Authentication-Results": f"mx.helpdesk.test; dmarc=pass header.from={domain}"}
        raw = build(
            from_=from_,
            subject=subject,
            body=body + "\n",
            message_id=message_id,
            headers=passed,
            **kw,
        )
        self.send(raw, sender)

        def ticket() -> int | None:
            with self.store.read() as s:
                m = s.query(Message).filter(Message.message_id == message_id).one_or_none()
                return m.ticket_id if m is not None else None

        number: int = wait_for(ticket, 30, f"the ticket of {subject!r}")
        return number

    def ok(self, method: str, path: str, doc: object = None) -> Any:
        reply = self.api.request(method, path, doc=doc)
        assert reply.status in (200, 201), (path, reply.status, reply.body)
        return reply.body

    def doc(self, number: int) -> Any:
        return self.ok("GET", f"/api/tickets/{number}")

    def events(self, number: int, kind: str) -> list[Event]:
        with self.store.read() as s:
            found = s.query(Event).filter_by(ticket_id=number, kind=kind).order_by(Event.id)
            return list(found)

    def outbox(self, number: int, *kinds: str) -> list[OutboxRow]:
        with self.store.read() as s:
            rows = s.query(OutboxRow).filter(OutboxRow.ticket_id == number)
            return list(rows.filter(OutboxRow.kind.in_(kinds)).order_by(OutboxRow.id))

    def at_relay(self, subject_part: str) -> list[EmailMessage]:
        return [r.message for r in self.relay.received if subject_part in str(r.message["Subject"])]

    def one_at_relay(self, subject_part: str) -> EmailMessage:
        [found] = wait_for(lambda: self.at_relay(subject_part) or None, 30, repr(subject_part))
        return found

    def sent(self, message_id: str) -> EmailMessage:
        """The mail of ``message_id`` (as the API gave it), once the relay took it."""

        def found() -> EmailMessage | None:
            for r in self.relay.received:
                if str(r.message["Message-ID"]).strip("<>") == message_id.strip("<>"):
                    return r.message
            return None

        mail: EmailMessage = wait_for(found, 30, f"<{message_id}> at the relay")
        return mail

    def settled(self) -> None:
        """Until every message is processed and every queued mail sent."""

        def idle() -> bool:
            with self.store.read() as s:
                waiting = s.query(InboxRow).filter(InboxRow.state == "received").count()
                unsent = s.query(OutboxRow).filter(OutboxRow.state == "queued").count()
            return waiting == 0 and unsent == 0

        wait_for(idle, 30, "the inbox processed and the outbox sent")


@pytest.fixture
def desk(
    tmp_path: Path,
    relay_at: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> Iterator[Callable[..., Desk]]:
    made: list[Desk] = []

    def start(extra: str = "") -> Desk:
        text = features_toml(tmp_path, relay_at[1], extra)
        (tmp_path / "mailgate.toml").write_text(text)
        config = config_from_toml(text, "<test>")
        daemon = run_daemon(config, ("smtp", "process", "send", "http"))
        made.append(Desk(config, daemon, relay_at[0]))
        return made[-1]

    yield start
    for d in made:
        d.store.dispose()


def text_of(mail: EmailMessage) -> str:
    part = mail.get_body(("plain",))
    assert part is not None
    return str(part.get_content())


def html_of(mail: EmailMessage) -> str:
    part = mail.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def last_from_client(doc: Any) -> int:
    """The id of the ticket document's latest incoming message."""
    ids: list[int] = [m["id"] for m in doc["messages"] if m["direction"] == "in"]
    return ids[-1]


def rating_rows(store: Store) -> list[int]:
    with store.read() as s:
        return [r.ticket_id for r in s.query(RatingRequest).order_by(RatingRequest.ticket_id)]


# -- (a) merging and the rating request ---------------------------------------------------------


def test_a_merged_stub_asks_for_no_rating_and_its_target_asks_once_when_it_closes(
    desk: Callable[..., Desk],
) -> None:
    d = desk()
    kept = d.mail("Printer broken", FIRST)
    stub = d.mail("Printer still broken", AGAIN)
    assert stub != kept

    merged = d.ok("POST", f"/api/tickets/{stub}/merge", {"into": kept})
    assert merged["target"] == kept
    d.sent(merged["message_id"])  # the ticket_merged notice
    d.settled()
    assert d.doc(stub)["status"] == "closed"
    assert d.outbox(stub, "rating_request") == []
    assert d.outbox(kept, "rating_request") == []
    assert d.at_relay("How did we do?") == []
    assert rating_rows(d.store) == []

    d.ok("POST", f"/api/tickets/{kept}/status", {"status": "closed"})
    asked = d.one_at_relay("How did we do?")
    assert f"#[{kept}]" in str(asked["Subject"])
    assert asked["From"].addresses[0].addr_spec == SUPPORT
    assert rating_rows(d.store) == [kept]

    # Reopened by the client and closed again: asked once all the same.
    d.mail(f"Re: #[{kept}] Printer broken", "Blank again, sorry.")
    assert d.doc(kept)["status"] != "closed"
    d.ok("POST", f"/api/tickets/{kept}/status", {"status": "closed"})
    d.settled()
    assert len(d.at_relay("How did we do?")) == 1
    assert rating_rows(d.store) == [kept]


# -- (b) merging and the service-level clocks ---------------------------------------------------


def sla(d: Desk, now: datetime) -> str:
    result = run_job("sla", d.config, d.store, now=now)
    assert result.outcome == "ok", result.error
    return result.summary


def test_a_merged_stubs_service_level_clock_stops_and_sends_no_warning_or_breach(
    desk: Callable[..., Desk],
) -> None:
    d = desk()
    kept = d.mail("Printer broken", FIRST)
    stub = d.mail("Invoice for November", INVOICE)
    for number in (kept, stub):
        d.ok("PATCH", f"/api/tickets/{number}", {"assignee": ANN})
    with d.store.read() as s:
        opened = min(t.created_at for t in s.query(Ticket).filter(Ticket.id.in_((kept, stub))))
    sla(d, opened)  # both clocks running
    d.ok("POST", f"/api/tickets/{stub}/merge", {"into": kept})

    sla(d, opened + timedelta(hours=3, minutes=30))  # warnings due
    sla(d, opened + timedelta(hours=25))  # both targets breached
    d.settled()
    sent = [r.kind for r in d.outbox(kept, "sla_warning", "sla_breach")]
    assert "sla_warning" in sent, "the target's clocks ran on"
    assert "sla_breach" in sent, "the target's clocks ran on"
    assert d.outbox(stub, "sla_warning", "sla_breach") == []
    with d.store.read() as s:
        stub_events = s.query(Event).filter(Event.ticket_id == stub, Event.kind.like("sla_%"))
        assert stub_events.count() == 0
    # Now, a day later: the stub's resolution met at the merge (docs/sla.md, Limits), its
    # response clock stopped.
    stub_sla = d.doc(stub)["sla"]
    assert stub_sla["resolution"]["standing"] == "met"
    assert stub_sla["first_response"]["standing"] == "paused"


# -- (c) a Persian client ----------------------------------------------------------------------


def test_a_persian_clients_ticket_asks_for_its_rating_in_persian(
    desk: Callable[..., Desk],
) -> None:
    d = desk()
    number = d.mail("فاکتور ماه گذشته را دریافت نکردم", PERSIAN, from_=SARA)
    assert d.doc(number)["language"] == "fa"
    d.ok("POST", f"/api/tickets/{number}/status", {"status": "closed"})
    asked = d.one_at_relay("نظر شما دربارهٔ پاسخ ما")
    assert f"#[{number}]" in str(asked["Subject"])
    assert asked["To"].addresses[0].addr_spec == "sara@client.test"
    assert "راضی هستم" in text_of(asked)
    assert "How did we do" not in text_of(asked)
    assert 'dir="rtl"' in html_of(asked)
    assert 'lang="fa"' in html_of(asked)
    with d.store.read() as s:
        assert s.query(RatingRequest).filter_by(ticket_id=number).one().language == "fa"


def test_a_message_split_off_a_persian_ticket_is_acknowledged_in_persian_and_stays_persian(
    desk: Callable[..., Desk],
) -> None:
    d = desk()
    number = d.mail("فاکتور ماه گذشته را دریافت نکردم", PERSIAN, from_=SARA)
    # A one-line reply in another matter: the text alone would not tell the language.
    d.mail(f"Re: #[{number}] فاکتور", "Panel password?", from_=SARA)
    second = last_from_client(d.doc(number))
    split = d.ok("POST", f"/api/tickets/{number}/split", {"message": second})
    new = split["new"]
    assert d.doc(new)["language"] == "fa"
    ack = d.sent(split["message_id"])
    assert f"#[{new}]" in str(ack["Subject"])
    assert "جدا کردیم" in text_of(ack)
    assert 'dir="rtl"' in html_of(ack)


# -- (d) tags and fields across a merge and a split ----------------------------------------------


def test_a_merge_gives_the_target_the_stubs_tags_and_the_fields_it_has_not_set(
    desk: Callable[..., Desk],
) -> None:
    d = desk()
    kept = d.mail("Printer broken", FIRST)
    stub = d.mail("Invoice for November", INVOICE)
    assert d.doc(kept)["tags"] == ["hardware"], "the tag rule tagged the printer mail"
    assert d.doc(stub)["tags"] == []
    d.ok("POST", f"/api/tickets/{stub}/tags", {"add": ["billing"]})
    d.ok("PATCH", f"/api/tickets/{stub}/fields", {"fields": {"plan": "gold", "seats": 12}})
    d.ok("PATCH", f"/api/tickets/{kept}/fields", {"fields": {"plan": "silver"}})

    d.ok("POST", f"/api/tickets/{stub}/merge", {"into": kept})
    target = d.doc(kept)
    assert target["tags"] == ["billing", "hardware"]
    assert target["fields"] == {"plan": "silver", "seats": "12"}, "the target's own value stands"
    [carried] = [e for e in d.events(kept, "tag_added") if e.data["tag"] == "billing"]
    assert (carried.actor, carried.data["merged_from"]) == (ANN, stub)
    [seats] = [e for e in d.events(kept, "field_changed") if e.data["name"] == "seats"]
    assert (seats.data["from"], seats.data["to"], seats.data["merged_from"]) == (None, "12", stub)
    # The stub keeps what it had; the search finds the target by the carried tag.
    assert d.doc(stub)["tags"] == ["billing"]
    found = d.ok("GET", "/api/tickets?tag=billing&field.seats=12")
    numbers = [t["number"] for t in (found["tickets"] if isinstance(found, dict) else found)]
    assert kept in numbers


def test_what_a_merge_carries_the_targets_values_standing() -> None:
    carried = carried_labels(
        ["billing", "hardware"], {"plan": "gold", "seats": "12"}, ["hardware"], {"plan": "silver"}
    )
    assert carried == CarriedLabels(tags=("billing",), fields=(("seats", "12"),))
    assert carried_labels([], {}, ["vip"], {"plan": "gold"}) == CarriedLabels((), ())


def test_a_split_ticket_carries_the_old_tickets_tags_but_not_its_fields(
    desk: Callable[..., Desk],
) -> None:
    d = desk()
    number = d.mail("Printer broken", FIRST)
    d.ok("POST", f"/api/tickets/{number}/tags", {"add": ["vip"]})
    d.ok("PATCH", f"/api/tickets/{number}/fields", {"fields": {"plan": "gold"}})
    d.mail(f"Re: #[{number}] Printer broken", INVOICE)
    second = last_from_client(d.doc(number))

    new = d.ok("POST", f"/api/tickets/{number}/split", {"message": second})["new"]
    split = d.doc(new)
    assert split["tags"] == ["hardware", "vip"]
    assert split["fields"] == {}
    assert [(e.actor, e.data["split_from"]) for e in d.events(new, "tag_added")] == [
        (ANN, number),
        (ANN, number),
    ]
    old = d.doc(number)
    assert (old["tags"], old["fields"]) == (["hardware", "vip"], {"plan": "gold"})


# -- (e) a likely duplicate from an organization's "other" contact -----------------------------


def test_a_duplicate_from_an_other_contact_is_flagged_and_closes_nothing(
    desk: Callable[..., Desk],
) -> None:
    d = desk()
    org = d.ok("POST", "/api/organizations", {"name": "Acme Hosting", "domains": ["acme.test"]})[
        "id"
    ]
    for address, role in (("boss@acme.test", "primary"), ("dev@acme.test", "other")):
        d.ok("POST", f"/api/organizations/{org}/contacts", {"address": address, "role": role})
    boss = d.mail("Printer broken", FIRST, from_="Bo Boss <boss@acme.test>")
    own = d.mail("Printer broken", FIRST, from_="Dev <dev@acme.test>")
    # The developer writes again about it, as if it were done.
    again = d.mail("Printer still broken", AGAIN + "\n#close", from_="Dev <dev@acme.test>")

    assert again not in (boss, own)
    doc = d.doc(again)
    assert [(link["relation"], link["ticket"]) for link in doc["links"]] == [("duplicate_of", own)]
    assert "duplicate_flagged" in [e["kind"] for e in doc["events"]]
    d.settled()
    for number in (boss, own, again):
        assert d.doc(number)["status"] != "closed", number
    assert d.at_relay("How did we do?") == []
    assert rating_rows(d.store) == []

    # Merged as the banner offers, the developer's reply with the old number closes
    # nothing of the boss's either: it threads to the target, whose requester he is not.
    d.ok("POST", f"/api/tickets/{own}/merge", {"into": boss, "force": True})
    d.mail(f"Re: #[{own}] Printer broken", "Works now.\n#close", from_="Dev <dev@acme.test>")
    d.settled()
    assert d.doc(boss)["status"] != "closed"
    [flag] = d.events(boss, "unauthorized_action")
    assert (flag.data["action"], flag.data["address"], flag.data["role"]) == (
        "close",
        "dev@acme.test",
        "other",
    )
    time.sleep(0.5)
    assert rating_rows(d.store) == []
