"""Organizations and their contacts end to end: clients' mail over real SMTP into the
daemon, the helpdesk's mail out through a relay (a real aiosmtpd server), organizations
and contacts managed over the real HTTP API and with `mailgate contacts import`."""

from __future__ import annotations

import json
import smtplib
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from mailgate.api import schemas
from mailgate.config import Config, config_from_toml
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, InboxRow, Ticket
from tests.support.api import Client, api_toml
from tests.support.config import to_relay
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.smtp import Captured, RelayHandler, running_relay
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
ACME = {"Authentication-Results": "mx.helpdesk.test; dmarc=pass header.from=acme.test"}
FULL_ROLES = ("smtp", "process", "send", "http")


@dataclass
class Relay:
    handler: RelayHandler
    port: int

    @property
    def received(self) -> list[Captured]:
        return self.handler.received


@pytest.fixture
def relay() -> Iterator[Relay]:
    with running_relay() as (handler, port):
        yield Relay(handler, port)


def desk_config(
    tmp_path: Path, relay_port: int, contacts: str = "", db_url: str | None = None
) -> Config:
    """The API served with agents' tokens, mail out to the relay, ``[contacts]`` keys."""
    text = to_relay(api_toml(tmp_path, db_url, max_request_bytes=65536), relay_port)
    text += f"\n[contacts]\n{contacts}\n"
    (tmp_path / "mailgate.toml").write_text(text)
    return config_from_toml(text, "<test>")


@pytest.fixture(params=["sqlite"])
def database(request: pytest.FixtureRequest) -> str | None:
    """SQLite; the tests parametrized with "postgresql" run on the PostgreSQL server."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return None


BOTH_DATABASES = pytest.mark.parametrize(
    "database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


@pytest.fixture
def desk(
    tmp_path: Path, relay: Relay, run_daemon: Callable[..., RunningDaemon], database: str | None
) -> Iterator[Callable[..., tuple[RunningDaemon, Client, Store]]]:
    stores: list[Store] = []

    def start(contacts: str = "") -> tuple[RunningDaemon, Client, Store]:
        config = desk_config(tmp_path, relay.port, contacts, database)
        store = Store(config.database)
        stores.append(store)
        upgrade(store)
        daemon = run_daemon(config, FULL_ROLES)
        assert config.http.port is not None
        return daemon, Client(config.http.port), store

    yield start
    for s in stores:
        s.dispose()


def send(port: int, raw: bytes, sender: str) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        s.sendmail(sender, [SUPPORT], raw)


def acme(client: Client, *, notify: str = "authorized", unknown_may_open: bool = True) -> int:
    """Acme Hosting (acme.test): boss primary, deputy authorized, dev other."""
    made = client.post(
        "/api/organizations",
        doc={
            "name": "Acme Hosting",
            "domains": ["acme.test"],
            "notify": notify,
            "unknown_may_open": unknown_may_open,
        },
    )
    assert made.status == 201, made.body
    org = schemas.OrganizationView.model_validate(made.body)
    for address, name, role in [
        ("boss@acme.test", "Bo Boss", "primary"),
        ("deputy@acme.test", "Di Deputy", "authorized"),
        ("dev@acme.test", "Dev Eloper", "other"),
    ]:
        r = client.post(
            f"/api/organizations/{org.id}/contacts",
            doc={"address": address, "name": name, "role": role},
        )
        assert r.status == 201, r.body
        assert schemas.ContactSaved.model_validate(r.body).outcome == "added"
    return org.id


def delete(client: Client, path: str) -> Any:
    return client.request("DELETE", path)


def at_relay(relay: Relay, n: int, what: str, to: str = "@acme.test") -> Captured:
    """The ``n``th mail at the relay for the clients at ``to`` (the agents' alerts left
    out)."""

    def found() -> list[Captured]:
        theirs = [c for c in relay.received if any(to in r for r in c.rcpt_tos)]
        return theirs[n : n + 1]

    return wait_for(found, what=what)[0]


def status_of(store: Store, number: int) -> str:
    with store.read() as s:
        t = s.get(Ticket, number)
        assert t is not None
        return t.status


def events_of(store: Store, number: int, kind: str) -> list[Event]:
    with store.read() as s:
        return list(s.query(Event).filter_by(ticket_id=number, kind=kind).order_by(Event.id))


def boss_opens_ticket_1_copying_dev(daemon: RunningDaemon, store: Store) -> None:
    """The boss's first mail (b1@acme.test), the developer in Cc, processed as ticket 1."""
    send(
        daemon.port,
        build(from_="boss@acme.test", cc="dev@acme.test", message_id="b1@acme.test", headers=ACME),
        "boss@acme.test",
    )
    wait_for(lambda: processed_count(store) == 1, what="ticket 1")


def processed_count(store: Store) -> int:
    with store.read() as s:
        return s.query(InboxRow).filter(InboxRow.state != "received").count()


# -- who is told -----------------------------------------------------------------------------


def test_acknowledgment_and_agent_reply_copy_the_primary_and_authorized_contacts(
    desk: Callable[..., tuple[RunningDaemon, Client, Store]], relay: Relay
) -> None:
    daemon, client, _store = desk()
    acme(client, notify="authorized")
    send(
        daemon.port,
        build(from_="Dev Eloper <dev@acme.test>", message_id="dev1@acme.test", headers=ACME),
        "dev@acme.test",
    )
    ack = at_relay(relay, 0, "the acknowledgment at the relay")
    assert ack.mail_from == SUPPORT
    assert sorted(ack.rcpt_tos) == ["boss@acme.test", "deputy@acme.test", "dev@acme.test"]
    msg = ack.message
    assert [a.addr_spec for a in msg["To"].addresses] == ["dev@acme.test"]
    assert [a.addr_spec for a in msg["Cc"].addresses] == ["boss@acme.test", "deputy@acme.test"]
    assert msg["From"].addresses[0].addr_spec == SUPPORT
    assert msg["Subject"] == "#[1] Printer broken"
    body = msg.get_body(("plain",))
    assert body is not None
    text = " ".join(body.get_content().split())
    assert "A copy of this mail goes to boss@acme.test, deputy@acme.test" in text
    assert "the contacts of Acme Hosting" in text

    r = client.post("/api/tickets/1/replies", doc={"body": "Please restart it."})
    assert r.status == 201, r.body
    assert sorted(r.body["recipients"]) == ["boss@acme.test", "deputy@acme.test", "dev@acme.test"]
    reply = at_relay(relay, 1, "the agent's reply at the relay")
    assert sorted(reply.rcpt_tos) == ["boss@acme.test", "deputy@acme.test", "dev@acme.test"]
    assert reply.message["From"].addresses[0].addr_spec == SUPPORT
    assert reply.message["Subject"] == "#[1] Printer broken"
    assert [a.addr_spec for a in reply.message["Cc"].addresses] == [
        "boss@acme.test",
        "deputy@acme.test",
    ]

    # A notice of a new status goes the same way.
    closed = client.post("/api/tickets/1/status", doc={"status": "closed"})
    assert closed.status == 200, closed.body
    notice = at_relay(relay, 2, "the closing notice at the relay")
    assert sorted(notice.rcpt_tos) == ["boss@acme.test", "deputy@acme.test", "dev@acme.test"]
    assert notice.message["From"].addresses[0].addr_spec == SUPPORT

    doc = schemas.TicketDocument.model_validate(client.get("/api/tickets/1").body)
    assert doc.organization is not None
    assert (doc.organization.name, doc.organization.role) == ("Acme Hosting", "other")
    ack_record = next(m for m in doc.messages if m.kind == "ticket_opened")
    assert [c.address for c in ack_record.cc] == ["boss@acme.test", "deputy@acme.test"]


# A client of Acme writing in each shipped language: the subject, the text, and the words
# the acknowledgment in that language names the copies with.
IN_LANGUAGES = [
    (
        "ko",
        "웹호스팅 서버 접속 불가",
        "안녕하세요. 어제 저녁부터 웹호스팅 서버에 접속이 되지 않습니다. 확인 부탁드립니다.\n",
        "Acme Hosting의 티켓 진행 상황을 함께 받아 보시는 boss@acme.test, deputy@acme.test 님께도",
    ),
    (
        "fa",
        "سایت از دیروز بالا نمی‌آید",
        "با سلام\nسایت ما از دیروز بالا نمی‌آید و خطای 500 می‌دهد. لطفا بررسی کنید.\nممنون\n",
        "رونوشت این ایمیل برای \u2066boss@acme.test\u2069، \u2066deputy@acme.test\u2069 نیز"
        " فرستاده می‌شود؛ این مخاطبان \u2068Acme Hosting\u2069",
    ),
    (
        "th",
        "เข้าเว็บไซต์ไม่ได้ตั้งแต่เมื่อวาน",
        "สวัสดีครับ เว็บไซต์ของบริษัทเข้าไม่ได้ตั้งแต่เมื่อวาน รบกวนช่วยตรวจสอบด้วยครับ\n",
        "สำเนาของอีเมลฉบับนี้ส่งถึง boss@acme.test, deputy@acme.test ด้วย ในฐานะผู้ติดต่อของ Acme Hosting",
    ),
]


def test_an_acknowledgment_in_korean_persian_or_thai_names_the_contacts_copied(
    desk: Callable[..., tuple[RunningDaemon, Client, Store]], relay: Relay
) -> None:
    daemon, client, _store = desk()
    acme(client, notify="authorized")
    for n, (language, subject, body, _) in enumerate(IN_LANGUAGES):
        raw = build(
            from_="Dev Eloper <dev@acme.test>",
            subject=subject,
            body=body,
            message_id=f"dev-{language}@acme.test",
            headers=ACME,
        )
        send(daemon.port, raw, "dev@acme.test")
        # One at a time: the relay's mail to Acme is then in the order of the tickets.
        at_relay(relay, n, f"the {language} acknowledgment")
    for n, (language, subject, _, copies) in enumerate(IN_LANGUAGES):
        ack = at_relay(relay, n, f"the {language} acknowledgment")
        assert sorted(ack.rcpt_tos) == ["boss@acme.test", "deputy@acme.test", "dev@acme.test"]
        msg = ack.message
        assert msg["Subject"] == f"#[{n + 1}] {subject}"
        assert [a.addr_spec for a in msg["Cc"].addresses] == ["boss@acme.test", "deputy@acme.test"]
        text_part, html_part = msg.get_body(("plain",)), msg.get_body(("html",))
        assert text_part is not None
        assert html_part is not None
        assert copies in " ".join(str(text_part.get_content()).split())
        assert "A copy of this mail goes to" not in str(text_part.get_content())
        root = lxml.html.document_fromstring(str(html_part.get_content()))
        assert root.get("lang") == language
        html_text = " ".join(root.text_content().split())
        for address in ("boss@acme.test", "deputy@acme.test"):
            assert address in html_text
        assert "Acme Hosting" in html_text
    # The addresses in the Persian HTML read left to right, each in its own element.
    fa_html = at_relay(relay, 1, "the fa acknowledgment").message.get_body(("html",))
    assert fa_html is not None
    assert '<span dir="ltr">boss@acme.test</span>' in str(fa_html.get_content())


def test_notify_primary_copies_only_the_primary_contact_and_requester_nobody(
    desk: Callable[..., tuple[RunningDaemon, Client, Store]], relay: Relay
) -> None:
    daemon, client, _store = desk()
    org = acme(client, notify="primary")
    send(daemon.port, build(from_="dev@acme.test", headers=ACME), "dev@acme.test")
    ack = at_relay(relay, 0, "the acknowledgment")
    assert sorted(ack.rcpt_tos) == ["boss@acme.test", "dev@acme.test"]

    changed = client.patch(f"/api/organizations/{org}", doc={"notify": "requester"})
    assert changed.status == 200
    assert changed.body["notify"] == "requester"
    send(daemon.port, build(from_="dev@acme.test", subject="Disk full", headers=ACME), "x@y")
    second = at_relay(relay, 1, "the second acknowledgment")
    assert second.rcpt_tos == ["dev@acme.test"]
    assert second.message["Cc"] is None


# -- who may open ----------------------------------------------------------------------------


def test_unknown_address_at_a_closed_organization_is_held_and_an_agent_releases_it(
    desk: Callable[..., tuple[RunningDaemon, Client, Store]], relay: Relay
) -> None:
    daemon, client, store = desk()
    acme(client, notify="requester", unknown_may_open=False)
    send(daemon.port, build(from_="stranger@acme.test", subject="Reset my password"), "s@a")
    send(daemon.port, build(from_="boss@acme.test", subject="New server", headers=ACME), "b@a")
    wait_for(lambda: processed_count(store) == 2, what="both processed")

    held = client.get("/api/held").body
    schemas.HeldList.model_validate(held)
    [entry] = held["messages"]
    assert (entry["rule"], entry["from"]) == ("held_unknown_contact", "stranger@acme.test")
    assert "Acme Hosting" in entry["reason"]
    assert "unknown_may_open = false" in entry["reason"]
    assert held["counts"]["held"] == {"held_unknown_contact": 1}
    # The contact's mail opened a ticket as usual; the stranger's opened none.
    with store.read() as s:
        assert [t.requester for t in s.query(Ticket)] == ["boss@acme.test"]

    accepted = client.post(f"/api/held/{entry['id']}/accept")
    assert accepted.status == 202
    wait_for(
        lambda: store_tickets(store) == ["boss@acme.test", "stranger@acme.test"],
        what="the released message on a ticket of its own",
    )
    assert client.get("/api/held").body["messages"] == []


def store_tickets(store: Store) -> list[str]:
    with store.read() as s:
        return [t.requester for t in s.query(Ticket).order_by(Ticket.id)]


# -- who may act -----------------------------------------------------------------------------


@BOTH_DATABASES
def test_other_contact_cannot_close_or_reopen_a_colleagues_ticket_but_the_requester_can(
    desk: Callable[..., tuple[RunningDaemon, Client, Store]], relay: Relay
) -> None:
    daemon, client, store = desk()
    acme(client, notify="requester")
    # The boss opens ticket 1 and copies the developer, who takes part in it.
    boss_opens_ticket_1_copying_dev(daemon, store)
    assert status_of(store, 1) == "open"

    def dev_writes(n: int, body: str) -> None:
        raw = build(
            from_="dev@acme.test",
            subject="Re: #[1] Printer broken",
            body=body,
            in_reply_to="b1@acme.test",
            references=["b1@acme.test"],
            headers=ACME,
        )
        send(daemon.port, raw, "dev@acme.test")
        wait_for(lambda: processed_count(store) == n, what=f"message {n}")

    dev_writes(2, "Fixed it myself.\n#close\n")
    assert status_of(store, 1) == "open", "an other contact may not close the boss's ticket"
    [flag] = events_of(store, 1, "unauthorized_action")
    assert flag.data["rule"] == "organization_unauthorized"
    assert (flag.data["action"], flag.data["address"], flag.data["role"]) == (
        "close",
        "dev@acme.test",
        "other",
    )
    doc = client.get("/api/tickets/1").body
    kept = [m for m in doc["messages"] if m["from"]["address"] == "dev@acme.test"]
    assert len(kept) == 1
    assert "#close" in kept[0]["text"], "the mail is on the ticket as written"

    # The requester closes it; the developer's mail does not reopen it.
    send(
        daemon.port,
        build(
            from_="boss@acme.test",
            subject="Re: #[1] Printer broken",
            body="#close",
            in_reply_to="b1@acme.test",
            headers=ACME,
        ),
        "boss@acme.test",
    )
    wait_for(lambda: status_of(store, 1) == "closed", what="the boss closing ticket 1")
    # The developer's mail does not reopen it: it opens a ticket of the developer's own,
    # linked to ticket 1, where the team sees it in the queue.
    dev_writes(4, "It is broken again.")
    assert status_of(store, 1) == "closed"
    assert [e.data["action"] for e in events_of(store, 1, "unauthorized_action")] == ["close"]
    assert status_of(store, 2) == "open"
    opened = client.get("/api/tickets/2").body
    assert opened["requester"] == "dev@acme.test"
    asked = [m["text"].strip() for m in opened["messages"] if m["direction"] == "in"]
    assert asked == ["It is broken again."]
    with store.read() as s:
        row = s.query(InboxRow).filter(InboxRow.id == 4).one()
        assert (row.ticket_id, row.thread_rule) == (2, "new_ticket")
        assert "ticket 1 is closed" in (row.thread_reason or "")
        assert "may not reopen" in (row.thread_reason or "")


def test_with_unauthorized_allow_an_other_contact_closes_as_the_requester_would(
    desk: Callable[..., tuple[RunningDaemon, Client, Store]], relay: Relay
) -> None:
    daemon, client, store = desk('unauthorized = "allow"')
    acme(client, notify="requester")
    boss_opens_ticket_1_copying_dev(daemon, store)
    send(
        daemon.port,
        build(
            from_="dev@acme.test",
            subject="Re: #[1] Printer broken",
            body="#close",
            in_reply_to="b1@acme.test",
            headers=ACME,
        ),
        "dev@acme.test",
    )
    wait_for(lambda: status_of(store, 1) == "closed", what="the developer closing it")
    assert events_of(store, 1, "unauthorized_action") == []


# -- organizations made by domain ------------------------------------------------------------


@BOTH_DATABASES
def test_auto_organizations_are_made_for_a_new_domain_never_for_free_mail(
    desk: Callable[..., tuple[RunningDaemon, Client, Store]], relay: Relay, tmp_path: Path
) -> None:
    daemon, client, store = desk("auto_organizations = true")
    send(daemon.port, build(from_="jo@newco.test"), "jo@newco.test")
    send(daemon.port, build(from_="kim@newco.test", subject="Second"), "kim@newco.test")
    send(daemon.port, build(from_="someone@gmail.com", subject="Hi"), "someone@gmail.com")
    send(daemon.port, build(from_="x@mail.yahoo.com", subject="Hi"), "x@mail.yahoo.com")
    wait_for(lambda: processed_count(store) == 4, what="four tickets")
    listed = client.get("/api/organizations").body
    assert [(o["name"], o["domains"], o["automatic"]) for o in listed] == [
        ("newco.test", ["newco.test"], True)
    ]
    # Kim's ticket shows Jo's as the organization's open ticket.
    numbers = {t["requester"]: t["number"] for t in client.get("/api/tickets").body}
    doc = schemas.TicketDocument.model_validate(
        client.get(f"/api/tickets/{numbers['kim@newco.test']}").body
    )
    assert doc.organization is not None
    assert (doc.organization.name, doc.organization.role) == ("newco.test", "unknown")
    assert [t.number for t in doc.organization_open_tickets] == [numbers["jo@newco.test"]]
    shown = mailgate(tmp_path, "ticket", str(numbers["kim@newco.test"]))
    assert shown.returncode == 0, shown.stderr
    assert (
        f"organization newco.test (unknown) · its other open tickets #{numbers['jo@newco.test']}"
    ) in shown.stdout


# -- the API's management --------------------------------------------------------------------


@BOTH_DATABASES
def test_organizations_and_contacts_over_the_api_and_their_errors(
    desk: Callable[..., tuple[RunningDaemon, Client, Store]],
) -> None:
    _daemon, client, _store = desk()
    org = acme(client)
    again = client.post("/api/organizations", doc={"name": "Acme Hosting"})
    assert again.status == 409
    assert "exists already" in again.body["error"]
    free = client.post("/api/organizations", doc={"name": "G", "domains": ["gmail.com"]})
    assert free.status == 400
    assert "free-mail" in free.body["error"]
    taken = client.post("/api/organizations", doc={"name": "Other", "domains": ["acme.test"]})
    assert taken.status == 409
    assert "belongs to organization 'Acme Hosting'" in taken.body["error"]
    wrong = client.post("/api/organizations", doc={"name": "X", "notify": "everyone"})
    assert wrong.status == 400
    assert wrong.body["error"].startswith("notify: expected one of")
    assert client.get("/api/organizations/999").status == 404

    bad = client.post(f"/api/organizations/{org}/contacts", doc={"address": "nobody"})
    assert bad.status == 400
    assert "not a mail address" in bad.body["error"]
    moved = client.post(
        f"/api/organizations/{org}/contacts", doc={"address": "DEV@acme.test", "role": "authorized"}
    )
    assert moved.status == 200
    assert moved.body["outcome"] == "updated"

    contacts = client.get("/api/contacts?organization=Acme%20Hosting").body
    assert [(c["address"], c["role"]) for c in contacts] == [
        ("boss@acme.test", "primary"),
        ("deputy@acme.test", "authorized"),
        ("dev@acme.test", "authorized"),
    ]
    for c in contacts:
        schemas.ContactView.model_validate(c)
    assert delete(client, "/api/contacts/deputy@acme.test").status == 200
    assert delete(client, "/api/contacts/deputy@acme.test").status == 404
    renamed = client.patch(
        f"/api/organizations/{org}", doc={"name": "Acme", "domains": ["acme.test", "acme.example"]}
    )
    assert renamed.status == 200
    assert (renamed.body["name"], renamed.body["domains"]) == (
        "Acme",
        ["acme.example", "acme.test"],
    )
    for o in client.get("/api/organizations").body:
        schemas.OrganizationSummary.model_validate(o)
    assert delete(client, f"/api/organizations/{org}").status == 200
    assert client.get("/api/organizations").body == []
    assert client.get("/api/contacts").body == []


# -- the CSV import --------------------------------------------------------------------------


def mailgate(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(tmp_path / "mailgate.toml"), *args],
        capture_output=True,
        text=True,
    )


GOOD_CSV = """\
organization,address,name,role,domain
Acme Hosting,boss@acme.test,Bo Boss,primary,acme.test
Acme Hosting,deputy@acme.test,Di Deputy,authorized
Beta Ltd,ceo@beta.test,Cy,primary,beta.test
"""

BAD_CSV = """\
organization,address,name,role,domain
Acme Hosting,boss@acme.test,Bo Boss,primary,acme.test
Acme Hosting,not-an-address,Di,authorized
,x@acme.test,X,other
Beta Ltd,ceo@beta.test,Cy,boss
Gamma,boss@acme.test,Again,other
Delta,d@delta.test,D,other,gmail.com
Epsilon,e@eps.test,E
"""


def test_csv_import_reports_bad_rows_by_line_and_imports_nothing(
    tmp_path: Path, relay: Relay
) -> None:
    desk_config(tmp_path, relay.port)
    (tmp_path / "bad.csv").write_text(BAD_CSV)
    p = mailgate(tmp_path, "contacts", "import", str(tmp_path / "bad.csv"))
    assert p.returncode == 1
    lines = [line.split(": ", 1)[1] for line in p.stderr.splitlines() if "bad.csv: line" in line]
    assert lines == [
        "line 3: address: 'not-an-address' is not a mail address (expected name@domain)",
        "line 4: organization: empty",
        "line 5: role 'boss': expected one of primary, authorized, other",
        "line 6: address boss@acme.test is already on line 2",
        "line 7: domain: gmail.com is a free-mail provider's domain: its addresses are "
        "people, not one organization's",
        "line 8: 3 columns, expected 4 or 5 (organization,address,name,role[,domain])",
    ], p.stderr
    assert "6 bad row(s); nothing imported" in p.stderr
    listed = mailgate(tmp_path, "contacts", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "[]"

    skipped = mailgate(tmp_path, "contacts", "import", "--skip-bad", str(tmp_path / "bad.csv"))
    assert skipped.returncode == 0, skipped.stderr
    assert "1 contact(s) added, 0 updated, 0 unchanged, 6 bad row(s) skipped" in skipped.stdout


def test_csv_import_then_again_is_idempotent_and_updates_what_changed(
    tmp_path: Path, relay: Relay
) -> None:
    desk_config(tmp_path, relay.port)
    csv_file = tmp_path / "contacts.csv"
    csv_file.write_text(GOOD_CSV)
    first = mailgate(tmp_path, "contacts", "import", str(csv_file))
    assert first.returncode == 0, first.stderr
    assert "3 contact(s) added, 0 updated, 0 unchanged" in first.stdout
    assert "organizations added: Acme Hosting, Beta Ltd" in first.stdout
    again = mailgate(tmp_path, "contacts", "import", str(csv_file))
    assert "0 contact(s) added, 0 updated, 3 unchanged" in again.stdout
    csv_file.write_text(GOOD_CSV.replace("Di Deputy,authorized", "Di Deputy,primary"))
    changed = mailgate(tmp_path, "contacts", "import", str(csv_file))
    assert "0 contact(s) added, 1 updated, 2 unchanged" in changed.stdout

    shown = mailgate(tmp_path, "orgs", "show", "Acme Hosting", "--json")
    assert shown.returncode == 0, shown.stderr
    doc: dict[str, Any] = json.loads(shown.stdout)
    assert doc["domains"] == ["acme.test"]
    assert [(c["address"], c["role"]) for c in doc["contacts"]] == [
        ("boss@acme.test", "primary"),
        ("deputy@acme.test", "primary"),
    ]
    # The commands an admin types for the rest.
    assert mailgate(tmp_path, "orgs", "set", "Beta Ltd", "--notify", "primary").returncode == 0
    listed = mailgate(tmp_path, "orgs", "list")
    assert "Beta Ltd" in listed.stdout
    assert "primary" in listed.stdout
    refused = mailgate(tmp_path, "orgs", "set", "Beta Ltd", "--add-domain", "acme.test")
    assert refused.returncode == 1
    assert "domain acme.test belongs to organization 'Acme Hosting'" in refused.stderr
    added = mailgate(tmp_path, "contacts", "add", "Beta Ltd", "ops@beta.test", "--role", "other")
    assert added.returncode == 0
    assert "ops@beta.test: added (other of Beta Ltd)" in added.stdout
    assert mailgate(tmp_path, "contacts", "remove", "ops@beta.test").returncode == 0
