"""The API's actions that the console shares, over real HTTP to a running daemon: search,
attachment downloads (safe for a browser whatever the mail says they are), internal
notes, changing a ticket's fields, replies refused on an older view, and the event
stream."""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, cast

import pytest

from mailgate.api.files import attachment_response, content_disposition, image_type
from mailgate.api.schemas import Changes, NoteAdded, StaleError, TicketDocument
from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import OutboxRow
from tests.support.api import AGENT_TOKEN, ANN, PLAIN_TOKEN, Client, api_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, build

SUPPORT = "support@helpdesk.test"
BOB = "bob@helpdesk-staff.test"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 16
HTML = b"<html><script>alert(document.cookie)</script></html>"
FILES = [
    ("Überweisung März 2026.pdf", "application/pdf", b"%PDF-1.4 invoice"),
    ("photo.png", "image/png", PNG),
    ('report"; filename="evil.html', "text/html", HTML),
    ("fake.png", "image/png", HTML),
    ("vector.svg", "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'),
]


@pytest.fixture(params=["sqlite"])
def config(request: pytest.FixtureRequest, tmp_path: Path) -> Config:
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    text = api_toml(tmp_path, db_url, max_request_bytes=65536)
    text += f"""
[[agents]]
address = "{BOB}"
name = "Bob Agent"

[console]
live_interval = "50ms"
"""
    (tmp_path / "mailgate.toml").write_text(text)
    return config_from_toml(text, "<test>")


BOTH_DATABASES = pytest.mark.parametrize(
    "config", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


def receive(store: Store, processor: Processor, raw: bytes, sender: str = "jo@client.test") -> None:
    store_messages(store, [(Envelope("smtp", sender, (SUPPORT,), "127.0.0.1"), raw)])
    processor.run_once()


@pytest.fixture
def served(
    config: Config, store: Store, processor: Processor, run_daemon: Callable[..., RunningDaemon]
) -> tuple[Client, RunningDaemon]:
    """Ticket 1, from Jo with five files, and ticket 2, from Kim; the daemon serves the
    API only (the tests process mail themselves)."""
    raw = build(
        message_id="first@client.test",
        subject="Printer broken",
        body="The printer on the second floor prints nothing.",
        headers=AUTHENTICATED,
        attachments=FILES,
    )
    receive(store, processor, raw)
    kim = build(
        from_="Kim <kim@client.test>",
        subject="Login fails",
        body="My password is refused.",
        headers=AUTHENTICATED,
        attachments=[("other.txt", "text/plain", b"not ticket 1's")],
    )
    receive(store, processor, kim, "kim@client.test")
    daemon = run_daemon(config, ("http",))
    return Client(config.http.port), daemon


@pytest.fixture
def client(served: tuple[Client, RunningDaemon]) -> Client:
    return served[0]


def document(client: Client, number: int = 1) -> dict[str, Any]:
    r = client.get(f"/api/tickets/{number}")
    assert r.status == 200
    TicketDocument.model_validate(r.body)
    return cast(dict[str, Any], r.body)


def outbox(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def parsed(row: OutboxRow) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(row.raw, policy=default_policy))


# -- search ------------------------------------------------------------------------------


@BOTH_DATABASES
def test_search_finds_tickets_by_their_words_with_the_lists_filters(client: Client) -> None:
    def numbers(query: str) -> list[int]:
        r = client.get(f"/api/tickets?{query}")
        assert r.status == 200, r.body
        return [t["number"] for t in r.body]

    assert numbers("q=printer") == [1]
    assert numbers("q=SECOND+floor") == [1]
    assert numbers("q=client.test") == [2, 1]
    assert numbers("q=%C3%BCberweisung") == [1], "a file's name, accents folded"
    assert numbers("q=passw") == [2], "the last word is a prefix"
    assert numbers("q=printer&status=closed") == []
    assert numbers("q=client.test&limit=1") == [2]
    assert numbers("q=%22printer%22+OR+NEAR(x") == []
    assert numbers("q=") == [2, 1], "an empty q searches nothing"
    r = client.get("/api/tickets?q=" + "w" * 401)
    assert (r.status, r.body["error"]) == (400, "q: expected at most 400 characters (got 401)")


# -- attachments -------------------------------------------------------------------------


def test_attachments_download_as_files_a_browser_never_renders(client: Client) -> None:
    [first] = [m for m in document(client)["messages"] if m["direction"] == "in"]
    ids = {a["filename"]: a["id"] for a in first["attachments"]}
    assert len(ids) == len(FILES)
    for filename, _declared, data in FILES:
        status, headers, body = client.raw(f"/api/tickets/1/attachments/{ids[filename]}")
        assert status == 200, filename
        assert body == data
        assert headers["Content-Disposition"].startswith("attachment; "), filename
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
        assert "no-store" in headers["Cache-Control"]
        expected = "image/png" if data == PNG else "application/octet-stream"
        assert headers["Content-Type"] == expected, filename
    _status, headers, _body = client.raw(
        f"/api/tickets/1/attachments/{ids['Überweisung März 2026.pdf']}"
    )
    assert headers["Content-Disposition"] == (
        'attachment; filename="Uberweisung Marz 2026.pdf"; '
        "filename*=UTF-8''%C3%9Cberweisung%20M%C3%A4rz%202026.pdf"
    )


def test_an_attachment_of_another_ticket_or_none_is_not_found(client: Client) -> None:
    other = document(client, 2)["messages"][0]["attachments"][0]["id"]
    for path in (
        f"/api/tickets/1/attachments/{other}",
        "/api/tickets/1/attachments/999",
        "/api/tickets/9/attachments/1",
        "/api/tickets/1/attachments/99999999999999999999999",
    ):
        status, headers, body = client.raw(path)
        assert status == 404, path
        assert headers["Content-Type"].startswith("application/json")
        assert b"not ticket 1's" not in body
    assert client.raw(f"/api/tickets/2/attachments/{other}")[2] == b"not ticket 1's"
    assert client.raw(f"/api/tickets/2/attachments/{other}", token=None)[0] == 401


def test_only_safe_raster_images_are_served_inline() -> None:
    webp = b"RIFF\x10\x00\x00\x00WEBPVP8 "
    assert [image_type(d) for d in (PNG, b"\xff\xd8\xff\xe0", b"GIF89a", webp)] == [
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/webp",
    ]
    for data in (HTML, b"<svg/>", b"%PDF-1.4", b"GIF8", b"RIFF\x00\x00\x00\x00WAVE"):
        assert image_type(data) is None

    def served(name: str, declared: str, data: bytes) -> dict[str, str]:
        return dict(attachment_response(name, declared, data, inline=True).headers)

    shown = served("photo.png", "image/png", PNG)
    assert shown["Content-Type"] == "image/png"
    assert shown["Content-Disposition"].startswith("inline; ")
    assert shown["Content-Security-Policy"].startswith("sandbox; default-src 'none'")
    assert shown["X-Content-Type-Options"] == "nosniff"
    for name, declared, data in (
        ("fake.png", "image/png", HTML),
        ("vector.svg", "image/svg+xml", b"<svg/>"),
        ("photo.png", "text/html", PNG),
    ):
        saved = served(name, declared, data)
        assert saved["Content-Type"] in ("application/octet-stream", "image/png")
        assert saved["Content-Disposition"].startswith("attachment; "), name
    assert served("fake.png", "image/png", HTML)["Content-Type"] == "application/octet-stream"


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("plain.txt", "attachment; filename=\"plain.txt\"; filename*=UTF-8''plain.txt"),
        (
            'a"b\\c;d%e.txt',
            "attachment; filename=\"abc_d_e.txt\"; filename*=UTF-8''abc%3Bd%25e.txt",
        ),
        (
            "two\r\nlines.txt",
            "attachment; filename=\"twolines.txt\"; filename*=UTF-8''twolines.txt",
        ),
        (
            "../../etc/passwd",
            "attachment; filename=\"....etcpasswd\"; filename*=UTF-8''....etcpasswd",
        ),
        ("", "attachment; filename=\"attachment\"; filename*=UTF-8''attachment"),
        ("ملف.pdf", "attachment; filename=\".pdf\"; filename*=UTF-8''%D9%85%D9%84%D9%81.pdf"),
        (
            "Überweisung.pdf",
            "attachment; filename=\"Uberweisung.pdf\"; filename*=UTF-8''%C3%9Cberweisung.pdf",
        ),
    ],
)
def test_file_names_are_given_in_both_forms_of_rfc_6266(name: str, header: str) -> None:
    assert content_disposition(name) == header


# -- text an agent sends ---------------------------------------------------------------------


@BOTH_DATABASES
def test_text_with_a_nul_character_is_refused_naming_the_field(
    client: Client, store: Store
) -> None:
    # Mail holds no NUL (RFC 5322 §2.3), nor does PostgreSQL text; JSON can ("\u0000").
    before = len(outbox(store))
    for method, path, doc, field in [
        ("POST", "/api/tickets/1/replies", {"body": "Try\x00 the reset."}, "body"),
        ("POST", "/api/tickets/1/notes", {"body": "Jo\x00 called.", "alert": True}, "body"),
        ("POST", "/api/tickets/1/status", {"status": "on_hold", "note": "\x00"}, "note"),
        ("PATCH", "/api/tickets/1", {"status": "on_hold", "note": "\x00"}, "note"),
    ]:
        r = client.request(method, path, doc=doc)
        assert r.status == 400, (path, r.body)
        assert r.body["error"].startswith(f"{field}: "), r.body
    assert len(outbox(store)) == before
    assert document(client)["status"] == "open"


# -- notes -------------------------------------------------------------------------------


def test_a_note_is_recorded_and_mailed_to_no_client(client: Client, store: Store) -> None:
    before = [row.id for row in outbox(store)]
    r = client.post("/api/tickets/1/notes", {"body": "Called Jo: it is the <b>second</b> floor."})
    assert r.status == 201, r.body
    added = NoteAdded.model_validate(r.body)
    assert (added.alerted, added.message_id) == ([], None)
    assert [row.id for row in outbox(store)] == before
    [note] = [e for e in document(client)["events"] if e["kind"] == "note"]
    assert (note["id"], note["actor"]) == (added.event_id, ANN)
    assert note["data"]["body"] == "Called Jo: it is the <b>second</b> floor."

    # Alerting: the ticket is nobody's, Bob is the department's other agent.
    r = client.post("/api/tickets/1/notes", {"body": "Bob, can you go?", "alert": True})
    assert r.status == 201, r.body
    assert r.body["alerted"] == [BOB]
    row = outbox(store)[-1]
    assert (row.kind, row.recipients, row.message_id) == ("agent_note", [BOB], r.body["message_id"])
    assert parsed(row)["From"].addresses[0].addr_spec == SUPPORT

    for body, status, error in [
        ({"body": "  \n"}, 400, "body: expected the note's text (not only spaces)"),
        ({"body": "x", "alert": "yes"}, 400, "alert: expected: input should be a valid boolean"),
        ({"text": "x"}, 400, "body: required field is missing; text: unknown field"),
    ]:
        r = client.post("/api/tickets/1/notes", body)
        assert r.status == status, r.body
        assert r.body["error"].startswith(error), r.body
    assert client.post("/api/tickets/9/notes", {"body": "x"}).status == 404


def test_a_note_alerting_nobody_else_is_a_conflict(client: Client, store: Store) -> None:
    assert client.patch("/api/tickets/1", {"assignee": ANN}).status == 200
    before = len(document(client)["events"])
    r = client.post("/api/tickets/1/notes", {"body": "Self reminder", "alert": True})
    assert r.status == 409
    assert r.body["error"].startswith("nobody to alert on ticket 1: it is assigned to you")
    assert len(document(client)["events"]) == before


# -- changing a ticket -------------------------------------------------------------------


@BOTH_DATABASES
def test_patch_changes_only_what_differs_through_the_same_actions(
    client: Client, store: Store
) -> None:
    r = client.patch("/api/tickets/1", {"priority": "high", "assignee": BOB, "status": "open"})
    assert r.status == 200, r.body
    Changes.model_validate(r.body)
    assert r.body["changes"] == [
        {"field": "priority", "from": "normal", "to": "high", "message_id": None},
        {"field": "assignee", "from": None, "to": BOB, "message_id": None},
    ]
    doc = document(client)
    assert (doc["priority"], doc["assignee"], doc["status"]) == ("high", BOB, "open")
    kinds = [(e["kind"], e["actor"]) for e in doc["events"]]
    assert ("priority_changed", ANN) in kinds
    assert ("assigned", ANN) in kinds

    # null unassigns; left out, the assignee stays.
    r = client.patch("/api/tickets/1", {"priority": "high"})
    assert (r.status, r.body["changes"]) == (200, [])
    r = client.patch("/api/tickets/1", {"assignee": None})
    assert r.body["changes"] == [{"field": "assignee", "from": BOB, "to": None, "message_id": None}]

    # Department and status at once: the notice comes from the new department.
    r = client.patch("/api/tickets/1", {"department": "billing", "status": "closed"})
    assert [c["field"] for c in r.body["changes"]] == ["department", "status"]
    closed = next(row for row in outbox(store) if row.kind == "ticket_closed")
    assert parsed(closed)["From"].addresses[0].addr_spec == "billing@helpdesk.test"
    assert closed.message_id == r.body["changes"][1]["message_id"]


def test_patch_checks_every_value_before_changing_any(client: Client, store: Store) -> None:
    for body, status, error in [
        ({}, 400, "the body: expected one of status, priority, department, assignee"),
        (
            {"notify": False},
            400,
            "the body: expected one of status, priority, department, assignee",
        ),
        ({"status": "customer_reply"}, 400, "status: expected one of"),
        ({"priority": "asap"}, 400, "priority: expected one of"),
        ({"colour": "red"}, 400, "colour: unknown field"),
        ({"priority": "low", "department": "nowhere"}, 409, "unknown department 'nowhere'"),
        ({"priority": "low", "assignee": "eve@evil.test"}, 409, "eve@evil.test is not an agent"),
    ]:
        r = client.patch("/api/tickets/1", body)
        assert r.status == status, (body, r.body)
        assert r.body["error"].startswith(error), r.body
    doc = document(client)
    assert (doc["priority"], doc["department"], doc["assignee"]) == ("normal", "support", None)
    assert client.patch("/api/tickets/9", {"priority": "low"}).status == 404


# -- stale replies -----------------------------------------------------------------------


@BOTH_DATABASES
def test_a_reply_begun_before_the_clients_last_mail_is_refused_with_its_id(
    client: Client, store: Store, processor: Processor
) -> None:
    seen = document(client)["last_message_id"]
    again = build(subject="Re: #[1] Printer broken", body="Now it smokes!", headers=AUTHENTICATED)
    receive(store, processor, again)
    newest = document(client)["last_message_id"]
    assert newest > seen
    before = [row.id for row in outbox(store)]
    r = client.post("/api/tickets/1/replies", {"body": "Restart it.", "seen_message": seen})
    assert r.status == 409
    StaleError.model_validate(r.body)
    assert r.body["new_messages"] == [newest]
    assert [row.id for row in outbox(store)] == before
    r = client.post("/api/tickets/1/replies", {"body": "Unplug it!", "seen_message": newest})
    assert r.status == 201, r.body
    r = client.post("/api/tickets/1/replies", {"body": "x", "seen_message": -1})
    assert r.status == 400


# -- the event stream --------------------------------------------------------------------


class Stream:
    """A server-sent-events client: the stream's messages as dicts of their fields, and
    its comment lines."""

    def __init__(self, client: Client, path: str, headers: dict[str, str] | None = None) -> None:
        host, port = client.base.removeprefix("http://").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=20)
        self.conn.request(
            "GET", path, headers={"Authorization": f"Bearer {AGENT_TOKEN}"} | (headers or {})
        )
        self.response = self.conn.getresponse()
        self.comments: list[str] = []

    def messages(self) -> Iterator[dict[str, str]]:
        fields: dict[str, str] = {}
        while True:
            line = self.response.readline()
            if not line:
                return
            text = line.decode().rstrip("\n")
            if text.startswith(":"):
                self.comments.append(text)
            elif text:
                name, _, value = text.partition(": ")
                fields[name] = value
            elif fields:
                yield fields
                fields = {}

    def events(self, count: int) -> list[dict[str, Any]]:
        got = []
        for message in self.messages():
            if message.get("event") == "ticket":
                event = json.loads(message["data"])
                assert str(event["id"]) == message["id"]
                got.append(event)
                if len(got) == count:
                    break
        return got

    def comment(self) -> str:
        """The next comment line, the messages before it skipped."""
        while True:
            line = self.response.readline().decode()
            assert line, "the stream ended"
            if line.startswith(":"):
                return line.rstrip("\n")

    def close(self) -> None:
        self.conn.close()


def test_the_event_stream_sends_what_happens_and_resumes_after_the_last_id(
    client: Client, store: Store
) -> None:
    history = document(client)["events"]
    others = document(client, 2)["events"]
    stream = Stream(client, "/api/events?after=0")
    try:
        assert stream.response.status == 200
        assert stream.response.getheader("Content-Type") == "text/event-stream; charset=utf-8"
        first = stream.events(len(history) + len(others))
        assert [e["id"] for e in first] == sorted(e["id"] for e in history + others)
        assert [(e["ticket"], e["id"], e["kind"]) for e in first if e["ticket"] == 1] == [
            (1, e["id"], e["kind"]) for e in history
        ]
        client.post("/api/tickets/2/notes", {"body": "Kim's password: reset it."})
        [note] = stream.events(1)
        assert (note["ticket"], note["kind"], note["actor"]) == (2, "note", ANN)
        assert note["data"]["body"] == "Kim's password: reset it."
        # Idle, the stream says it is alive (every few polls, at most every 15 s).
        assert stream.comment() == ": keep-alive"
    finally:
        stream.close()

    # A reconnecting EventSource sends the last id it saw; the stream goes on from there.
    client.post("/api/tickets/1/notes", {"body": "Second note."})
    resumed = Stream(client, "/api/events", {"Last-Event-ID": str(note["id"])})
    try:
        [after] = resumed.events(1)
        assert (after["ticket"], after["kind"], after["data"]["body"]) == (
            1,
            "note",
            "Second note.",
        )
    finally:
        resumed.close()

    # Without either, only what happens next.
    fresh = Stream(client, "/api/events")
    try:
        client.patch("/api/tickets/2", {"priority": "urgent"})
        [change] = fresh.events(1)
        assert (change["ticket"], change["kind"]) == (2, "priority_changed")
    finally:
        fresh.close()

    for path, headers in [
        ("/api/events?after=x", {}),
        ("/api/events?since=3", {}),
        ("/api/events", {"Last-Event-ID": "-1"}),
    ]:
        bad = Stream(client, path, headers)
        assert bad.response.status == 400
        bad.close()


def test_the_event_stream_ends_when_its_token_is_taken_away(client: Client, config: Config) -> None:
    stream = Stream(client, "/api/events")
    try:
        assert stream.response.status == 200
        assert config.http.tokens_file is not None
        # The front end acting as Ann is trusted no more; a script's token stays.
        Path(config.http.tokens_file).write_text(f"{PLAIN_TOKEN}\n")
        r = client.post(
            "/api/tickets/2/notes", {"body": "Not for Ann's old token."}, token=PLAIN_TOKEN
        )
        assert r.status == 201
        assert stream.events(1) == []  # the stream ended, without the note
    finally:
        stream.close()


def test_the_event_stream_ends_cleanly_when_the_server_stops(
    served: tuple[Client, RunningDaemon],
) -> None:
    client, daemon = served
    stream = Stream(client, "/api/events?after=0")
    assert stream.events(1)
    assert daemon.stop() == 0
    # The stream's last chunk arrived: it was ended, not cut (http.client raises
    # IncompleteRead on a chunked body cut short).
    stream.response.read()
    assert stream.response.isclosed()
    stream.close()
