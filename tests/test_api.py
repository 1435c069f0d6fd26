"""The HTTP JSON API, over real HTTP on loopback: the daemon serves it (in a thread of
the test for most tests, as ``mailgate run`` in a process for one), and the tests talk
to it with urllib as a front end would."""

from __future__ import annotations

import base64
import json
import logging
import os
import re
import signal
import smtplib
import subprocess
import sys
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, cast

import pytest
from aiohttp import web

from mailgate.api import schemas
from mailgate.api.tokens import parse_tokens
from mailgate.config import Config, config_from_toml
from mailgate.console.common import is_console_handler
from mailgate.envelope import Envelope
from mailgate.errors import ConfigError
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Event, InboxRow, OutboxRow, Ticket
from tests.support.api import AGENT_TOKEN, ANN, NAMED_TOKEN, PLAIN_TOKEN, Client, api_toml
from tests.support.config import make_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
WRONG_TOKEN = "wrong-token-0000000000000000"


@pytest.fixture(params=["sqlite"])
def config(request: pytest.FixtureRequest, tmp_path: Path) -> Config:
    """SQLite; the tests parametrized with "postgresql" run on the PostgreSQL server."""
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    text = api_toml(tmp_path, db_url)
    (tmp_path / "mailgate.toml").write_text(text)
    return config_from_toml(text, "<test>")


BOTH_DATABASES = pytest.mark.parametrize(
    "config", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


# -- a helpdesk with one ticket, and the daemon serving the API ------------------------------


def open_ticket(store: Store, processor: Processor) -> None:
    raw = build(
        message_id="first@client.test",
        cc="Bob <bob@client.test>",
        subject="Printer broken",
        headers=AUTHENTICATED,
    )
    store_messages(store, [(Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1"), raw)])
    processor.run_once()


@pytest.fixture
def served(
    config: Config,
    store: Store,
    processor: Processor,
    run_daemon: Callable[..., RunningDaemon],
) -> tuple[Client, RunningDaemon]:
    """Ticket 1 (Jo, Bob in Cc) and a daemon serving only the API: the mail the API
    queues stays in the outbox for the test to read."""
    open_ticket(store, processor)
    daemon = run_daemon(config, ("http",))
    return Client(config.http.port), daemon


@pytest.fixture
def client(served: tuple[Client, RunningDaemon]) -> Client:
    return served[0]


def outbox(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def outbox_ids(store: Store) -> list[int]:
    return [row.id for row in outbox(store)]


def events(store: Store) -> list[tuple[str, str]]:
    with store.read() as s:
        return [(e.kind, e.actor) for e in s.query(Event).order_by(Event.id)]


def status_of(store: Store, number: int) -> str:
    with store.read() as s:
        t = s.get(Ticket, number)
        assert t is not None
        return t.status


def parsed(row: OutboxRow) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(row.raw, policy=default_policy))


def cli_json(conf: Path, *args: str) -> Any:
    p = subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(p.stdout)


# -- authentication --------------------------------------------------------------------------


def test_requests_need_a_token_of_the_tokens_file(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    missing = client.get("/api/tickets", token=None)
    assert missing.status == 401
    assert missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Bearer" in missing.body["error"]

    wrong = client.get("/api/tickets/1", token=WRONG_TOKEN)
    assert wrong.status == 401
    assert 'error="invalid_token"' in wrong.headers["WWW-Authenticate"]
    assert wrong.body == {"error": "the token is not valid"}

    basic = client.get(
        "/api/tickets", token=None, headers={"Authorization": f"Basic {AGENT_TOKEN}"}
    )
    assert basic.status == 401
    # A prefix of a valid token is not a valid token.
    assert client.get("/api/tickets", token=AGENT_TOKEN[:-1]).status == 401

    assert client.get("/api/tickets", token=AGENT_TOKEN).status == 200
    assert client.get("/api/tickets", token=PLAIN_TOKEN).status == 200
    # The scheme is case-insensitive (RFC 7235 §2.1).
    lower = client.get(
        "/api/tickets", token=None, headers={"Authorization": f"bearer {PLAIN_TOKEN}"}
    )
    assert lower.status == 200

    assert "refused a token" in caplog.text
    for token in (AGENT_TOKEN, PLAIN_TOKEN, WRONG_TOKEN, AGENT_TOKEN[:-1]):
        assert token not in caplog.text, "a token reached the log"


def test_tokens_file_is_read_again_when_it_changes(
    client: Client, config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    path = Path(cast(str, config.http.tokens_file))
    assert client.get("/api/tickets", token=PLAIN_TOKEN).status == 200
    new = "new-token-5a5a5a5a5a5a5a5a5a"
    unknown = "other-token-77777777777777777"
    path.write_text(f"{AGENT_TOKEN} {ANN}\n{new}\n{unknown} nobody@helpdesk-staff.test\nshort\n")
    # The modification time moves on even on a file system with coarse timestamps.
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 2_000_000_000))

    assert client.get("/api/tickets", token=PLAIN_TOKEN).status == 401, "revoked"
    assert client.get("/api/tickets", token=new).status == 200, "added"
    assert client.get("/api/tickets", token=AGENT_TOKEN).status == 200
    assert client.get("/api/tickets", token=unknown).status == 401, "names no agent"
    assert "line 3: nobody@helpdesk-staff.test is not an agent" in caplog.text
    assert "line 4: the token is shorter than 16 characters" in caplog.text
    assert unknown not in caplog.text

    path.unlink()
    assert client.get("/api/tickets", token=new).status == 401, "no file, no token"


def test_tokens_file_format() -> None:
    config = config_from_toml(
        '[[departments]]\nname = "support"\naddress = "support@helpdesk.test"\n'
        f'[[agents]]\naddress = "{ANN}"\nname = "Ann Agent"\n'
    )
    text = "\n".join(
        [
            "# comment",
            "",
            f"   {AGENT_TOKEN}   Ann@Helpdesk-Staff.test   # trailing comment",
            f"{PLAIN_TOKEN}",
            "x" * 15,
            f"{WRONG_TOKEN} {ANN} extra",
            f"{NAMED_TOKEN} night-script_2.0",
            f"{NAMED_TOKEN} root:x",
            f"{NAMED_TOKEN} bob@helpdesk-staff.test",
        ]
    )
    entries, problems = parse_tokens(text, config)
    assert [(e.line, e.agent.actor, e.agent.name) for e in entries] == [
        (3, ANN, "Ann Agent"),
        (4, "api token", ""),
        (7, "api token night-script_2.0", ""),
    ]
    assert problems == [
        "line 5: the token is shorter than 16 characters",
        "line 6: expected a token and at most one agent address or name",
        "line 8: 'root:x' is neither an agent's address nor a name (letters, digits, '.', "
        "'_', '-'; at most 64)",
        "line 9: bob@helpdesk-staff.test is not an agent of [[agents]] (ann@helpdesk-staff.test)",
    ]


# -- reading ---------------------------------------------------------------------------------


@BOTH_DATABASES
def test_list_and_ticket_are_the_documents_of_the_command_line(
    client: Client, tmp_path: Path
) -> None:
    listed = client.get("/api/tickets")
    assert listed.status == 200
    assert listed.body == cli_json(tmp_path / "mailgate.toml", "tickets")
    [summary] = listed.body
    schemas.TicketSummary.model_validate(summary)
    assert (summary["number"], summary["status"], summary["requester"]) == (
        1,
        "open",
        "jo@client.test",
    )

    one = client.get("/api/tickets/1")
    assert one.status == 200
    assert one.body == cli_json(tmp_path / "mailgate.toml", "ticket", "1")
    doc = schemas.TicketDocument.model_validate(one.body)
    assert [p.address for p in doc.participants] == ["jo@client.test", "bob@client.test"]
    first = doc.messages[0]
    assert (first.direction, first.message_id, first.delivery) == ("in", "first@client.test", None)
    assert first.reply_text == "My printer is broken."
    ack = next(m for m in doc.messages if m.kind == "ticket_opened")
    assert ack.delivery is not None
    assert (ack.delivery.state, ack.delivery.to) == ("queued", ["jo@client.test"])
    assert any(e.kind == "ticket_opened" for e in doc.events)


def test_list_filters_and_their_errors(client: Client) -> None:
    assert [t["number"] for t in client.get("/api/tickets?status=open").body] == [1]
    assert client.get("/api/tickets?status=closed").body == []
    assert client.get("/api/tickets?department=billing").body == []
    assert len(client.get("/api/tickets?department=support&limit=1").body) == 1

    for query, field in [
        ("status=shut", "status"),
        ("limit=0", "limit"),
        ("limit=ten", "limit"),
        ("stauts=open", "stauts"),
    ]:
        r = client.get(f"/api/tickets?{query}")
        assert r.status == 400, query
        assert r.body["error"].startswith(f"{field}: "), r.body


def test_unknown_tickets_and_routes_are_json_errors(client: Client, store: Store) -> None:
    before = outbox_ids(store)
    for path in ("/api/tickets/99", "/api/tickets/99999999999999999999999"):
        r = client.get(path)
        assert (r.status, r.body) == (404, {"error": f"no ticket {path.rsplit('/')[-1]}"})
    r = client.post("/api/tickets/99/replies", {"body": "Hello"})
    assert (r.status, r.body) == (404, {"error": "no ticket 99"})
    r = client.post("/api/tickets/99/status", {"status": "closed"})
    assert r.status == 404
    assert client.get("/api/tickets/abc").status == 404
    assert client.get("/api/nothing-here").status == 404
    r = client.get("/api/tickets/1/replies")
    assert r.status == 405
    assert r.headers["Allow"] == "POST"
    assert outbox_ids(store) == before


@BOTH_DATABASES
def test_numbers_and_filters_no_row_can_have_are_not_found(client: Client) -> None:
    huge = "9" * 5000  # more digits than int() converts
    for path in (f"/api/tickets/{huge}", f"/api/tickets/1/attachments/{huge}"):
        r = client.get(path)
        assert r.status == 404, path[:40]
        assert len(r.body["error"]) < 100
    assert client.post(f"/api/tickets/{huge}/notes", {"body": "x"}).status == 404
    assert client.post(f"/api/held/{huge}/accept", {}).status == 404
    assert client.request("GET", f"/api/events?after={huge}").status == 400
    # PostgreSQL refuses NUL in a text parameter; no department or agent has one.
    for query in ("department=%00support", "assignee=%00", "q=printer&department=%00"):
        r = client.get(f"/api/tickets?{query}")
        assert (r.status, r.body) == (200, []), query


# -- acting ----------------------------------------------------------------------------------


@BOTH_DATABASES
def test_reply_queues_mail_from_the_department_threaded_to_the_client(
    client: Client, store: Store
) -> None:
    before = outbox(store)
    [ack] = [row for row in before if row.kind == "ticket_opened"]
    r = client.post(
        "/api/tickets/1/replies",
        {
            "body": "Please restart it.",
            "attachments": [
                {
                    "filename": "steps.txt",
                    "content_type": "text/plain",
                    "data": base64.b64encode(b"1. off\n2. on\n").decode(),
                }
            ],
        },
    )
    assert r.status == 201, r.body
    done = schemas.Done.model_validate(r.body)
    assert (done.number, done.previous_status, done.status) == (1, "open", "answered")
    assert sorted(done.recipients) == ["bob@client.test", "jo@client.test"]

    [row] = outbox(store)[len(before) :]
    assert (row.kind, row.state, row.message_id) == ("agent_reply", "queued", done.message_id)
    assert row.envelope_sender == SUPPORT
    msg = parsed(row)
    assert msg["From"].addresses[0].addr_spec == SUPPORT
    assert [a.addr_spec for a in msg["To"].addresses] == ["jo@client.test"]
    assert [a.addr_spec for a in msg["Cc"].addresses] == ["bob@client.test"]
    assert msg["Subject"] == "#[1] Printer broken"
    assert msg["In-Reply-To"] == "<first@client.test>"
    assert msg["References"].split() == ["<first@client.test>", f"<{ack.message_id}>"]
    text = msg.get_body(("plain",))
    assert text is not None
    assert "Please restart it." in text.get_content()
    assert "Ann Agent" in text.get_content(), "signed by the token's agent"
    [part] = list(msg.iter_attachments())
    assert (part.get_filename(), part.get_content_type()) == ("steps.txt", "text/plain")
    assert part.get_payload(decode=True) == b"1. off\n2. on\n"
    assert ANN not in row.raw.decode(), "the agent's address is not shown to the client"
    assert ("agent_reply", ANN) in events(store)
    assert ("status_changed", ANN) in events(store)

    doc = schemas.TicketDocument.model_validate(client.get("/api/tickets/1").body)
    out = doc.messages[-1]
    assert (out.kind, out.direction, out.reply_text) == ("agent_reply", "out", "Please restart it.")
    assert out.delivery is not None
    assert (out.delivery.state, out.delivery.error) == ("queued", None)
    assert [(a.filename, a.size) for a in out.attachments] == [("steps.txt", 13)]
    assert doc.status == "answered"


def test_a_token_without_agent_acts_as_the_system_and_never_takes_part(
    client: Client, store: Store
) -> None:
    """What a token without an agent does is recorded as "api token <its name>": the
    history says who, the participants stay addresses, and the answer is signed with the
    department's name only."""
    before = [p["address"] for p in client.get("/api/tickets/1").body["participants"]]
    r = client.post("/api/tickets/1/replies", {"body": "Done."}, token=NAMED_TOKEN)
    assert r.status == 201, r.body
    r = client.post("/api/tickets/1/status", {"status": "closed"}, token=PLAIN_TOKEN)
    assert r.status == 200, r.body
    assert ("agent_reply", "api token reporting") in events(store)
    assert ("status_changed", "api token reporting") in events(store)
    assert ("status_changed", "api token") in events(store)
    assert status_of(store, 1) == "closed"
    doc = client.get("/api/tickets/1").body
    assert [p["address"] for p in doc["participants"]] == before
    assert all("@" in p["address"] for p in doc["participants"])
    reply = next(row for row in outbox(store) if row.kind == "agent_reply")
    text = parsed(reply).get_body(("plain",))
    assert text is not None
    assert "Done.\n\n-- \nTest Support\n" in text.get_content().replace("\r\n", "\n")


@BOTH_DATABASES
def test_status_change_tells_the_client_and_a_repeat_is_a_conflict(
    client: Client, store: Store
) -> None:
    before = outbox(store)
    r = client.post("/api/tickets/1/status", {"status": "on_hold", "note": "Waiting for parts."})
    assert r.status == 200, r.body
    assert (r.body["previous_status"], r.body["status"]) == ("open", "on_hold")
    [row] = outbox(store)[len(before) :]
    assert (row.kind, row.message_id) == ("status_changed", r.body["message_id"])
    text = parsed(row).get_body(("plain",))
    assert text is not None
    assert "Waiting for parts." in text.get_content()
    assert ("status_changed", ANN) in events(store)

    again = client.post("/api/tickets/1/status", {"status": "on_hold"})
    assert (again.status, again.body) == (409, {"error": "ticket 1 is already on_hold"})

    quiet = client.post("/api/tickets/1/status", {"status": "closed", "notify": False})
    assert quiet.status == 200
    assert (quiet.body["message_id"], quiet.body["recipients"]) == (None, [])
    assert len(outbox(store)) == len(before) + 1, "notify: false sends nothing"
    assert status_of(store, 1) == "closed"


def test_bad_bodies_are_400_naming_the_field(client: Client, store: Store) -> None:
    before = (outbox_ids(store), events(store))
    cases: list[tuple[str, object, str]] = [
        ("replies", b"{not json", "the body is not JSON"),
        ("replies", b"\xff\xfe", "the body is not JSON"),
        ("replies", [], "the body: expected a JSON object"),
        ("replies", {"body": 12}, "body: expected"),
        ("replies", {"body": "  \n"}, "body: the reply is empty"),
        ("replies", {"body": "x", "status": "done"}, "status: expected one of 'open'"),
        ("replies", {"body": "x", "template": "../ticket_opened"}, "template: expected"),
        ("replies", {"body": "x", "attachments": [{"filename": "a.txt"}]}, "attachments[0].data"),
        (
            "replies",
            {"body": "x", "attachments": [{"filename": "a.txt", "data": "no base64!"}]},
            "attachments[0].data: expected base64",
        ),
        (
            "replies",
            {
                "body": "x",
                "attachments": [
                    {"filename": "a.txt", "content_type": "text/plain\r\nBcc: x@y", "data": ""}
                ],
            },
            "attachments[0].content_type: expected a media type",
        ),
        (
            "replies",
            {"body": "x", "attachments": [{"filename": "../../etc/passwd", "data": ""}]},
            "attachments[0].filename",
        ),
        ("status", {}, "status: required field is missing"),
        ("status", {"stauts": "closed"}, "stauts: unknown field"),
        ("status", {"status": "closed", "notify": "no"}, "notify: expected"),
    ]
    for what, doc, expected in cases:
        if isinstance(doc, bytes):
            r = client.post(f"/api/tickets/1/{what}", raw=doc)
        else:
            r = client.post(f"/api/tickets/1/{what}", doc)
        assert r.status == 400, (doc, r.body)
        assert expected in r.body["error"], (doc, r.body)
    assert (outbox_ids(store), events(store)) == before, "nothing was queued or recorded"


def test_template_error_is_422_and_nothing_is_queued(client: Client, store: Store) -> None:
    before = (outbox_ids(store), events(store))
    broken = client.post("/api/tickets/1/replies", {"body": "x", "template": "broken_reply"})
    assert broken.status == 422
    assert broken.body["error"].startswith("template error, nothing was sent:")
    assert "broken_reply/body.txt" in broken.body["error"]
    assert "no_such_variable" in broken.body["error"]
    missing = client.post("/api/tickets/1/replies", {"body": "x", "template": "no_such_template"})
    assert missing.status == 422
    assert "no_such_template/subject.txt not found" in missing.body["error"]
    assert (outbox_ids(store), events(store)) == before
    assert status_of(store, 1) == "open"


def test_body_over_max_request_bytes_is_413(client: Client, store: Store) -> None:
    before = outbox_ids(store)
    big = {"body": "x" * 5000}  # [http] max_request_bytes = 4096 in these tests
    r = client.post("/api/tickets/1/replies", big)
    assert r.status == 413
    assert "max_request_bytes" in r.body["error"]
    assert outbox_ids(store) == before


# -- the OpenAPI document --------------------------------------------------------------------


def served_routes(app: web.Application) -> set[tuple[str, str]]:
    """(method, path template) of every route the application serves, sub-apps included,
    but the console's pages (HTML for people, beside the API: docs/console.md)."""
    out: set[tuple[str, str]] = set()
    for resource in app.router.resources():
        sub = getattr(resource, "_app", None)
        if isinstance(sub, web.Application):
            out |= served_routes(sub)
            continue
        for route in resource:
            if not is_console_handler(route.handler):
                out.add((route.method.lower(), resource.canonical))
    return out


def test_openapi_document_describes_exactly_the_routes_served(
    served: tuple[Client, RunningDaemon],
) -> None:
    client, daemon = served
    r = client.get("/api/openapi.json", token=None)
    assert r.status == 200, "served without a token"
    doc = r.body
    assert doc["openapi"] == "3.1.0"
    assert doc["components"]["securitySchemes"]["bearer"] == {
        "type": "http",
        "scheme": "bearer",
        "description": doc["components"]["securitySchemes"]["bearer"]["description"],
    }
    assert doc["security"] == [{"bearer": []}]

    http = daemon.daemon.http
    assert http is not None
    documented = {(method, path) for path, ops in doc["paths"].items() for method in ops}
    assert documented == served_routes(http.app)

    # Every reference resolves, and every operation names its answers.
    def refs(node: object) -> Iterator[str]:
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "$ref":
                    yield v
                else:
                    yield from refs(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs(v)

    for ref in refs(doc):
        node: Any = doc
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
    for path, ops in doc["paths"].items():
        for method, op in ops.items():
            assert op["responses"], (method, path)
            in_path = [p["name"] for p in op.get("parameters", []) if p["in"] == "path"]
            assert in_path == re.findall(r"\{(\w+)\}", path), (method, path)
            if method in ("post", "patch"):
                assert "413" in op["responses"]
    # The request schemas are the ones the server validates with.
    schema = doc["components"]["schemas"]["ReplyRequest"]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {
        "body",
        "template",
        "status",
        "attachments",
        "seen_message",
    }
    assert doc["components"]["schemas"]["StatusRequest"]["required"] == ["status"]


# -- configuration ---------------------------------------------------------------------------


def test_http_configuration_errors_name_the_key(tmp_path: Path) -> None:
    base = '[[departments]]\nname = "support"\naddress = "support@helpdesk.test"\n'
    for extra, expected in [
        (
            f'[http]\nenabled = true\ntokens_file = "{tmp_path / "none"}"\n',
            f"http.tokens_file: cannot read {tmp_path / 'none'}",
        ),
        ("[http]\nport = 0\n", "http.port:"),
        ("[http]\nmax_request_bytes = 10\n", "http.max_request_bytes:"),
        ("[http]\nhots = 1\n", "http.hots: unknown key"),
    ]:
        with pytest.raises(ConfigError) as e:
            config_from_toml(base + extra, "<t>")
        assert any(p.startswith(expected) for p in e.value.problems), e.value.problems
    config = config_from_toml(base, "<t>")
    assert (config.http.enabled, config.http.host, config.http.port) == (False, "127.0.0.1", 8025)
    # Without a tokens file the listener serves the console; the API accepts no token.
    assert config_from_toml(base + "[http]\nenabled = true\n", "<t>").http.tokens_file is None


def test_check_config_reads_the_tokens_file(tmp_path: Path) -> None:
    conf = tmp_path / "mailgate.toml"
    conf.write_text(api_toml(tmp_path))

    def check() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mailgate", "--config", str(conf), "check-config"],
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert check().returncode == 0
    (tmp_path / "api.tokens").write_text(f"{AGENT_TOKEN} nobody@helpdesk-staff.test\n")
    bad = check()
    assert bad.returncode == 2
    assert "http.tokens_file:" in bad.stderr
    assert "line 1: nobody@helpdesk-staff.test is not an agent of [[agents]]" in bad.stderr
    assert AGENT_TOKEN not in bad.stderr + bad.stdout
    (tmp_path / "api.tokens").write_text("# nothing yet\n")
    empty = check()
    assert empty.returncode == 2
    assert "holds no token" in empty.stderr


# -- `mailgate run` itself -------------------------------------------------------------------


def test_mailgate_run_serves_the_api_and_sends_the_reply(tmp_path: Path) -> None:
    text = api_toml(tmp_path, max_request_bytes=26214400)
    conf = tmp_path / "mailgate.toml"
    conf.write_text(text)
    config = config_from_toml(text)
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailgate", "--config", str(conf), "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    client = Client(config.http.port)

    def up() -> bool:
        assert proc.poll() is None, proc.stdout.read() if proc.stdout else ""
        try:
            return client.get("/api/openapi.json", token=None).status == 200
        except OSError:
            return False

    try:
        wait_for(up, timeout=30, what="the HTTP listener")
        with smtplib.SMTP("127.0.0.1", config.inbound.smtp.port, timeout=10) as c:
            c.sendmail("jo@client.test", [SUPPORT], build(message_id="first@client.test"))
        outbox_dir = tmp_path / "outbox"
        wait_for(lambda: client.get("/api/tickets").body, timeout=30, what="ticket 1")

        r = client.post("/api/tickets/1/replies", {"body": "Please restart it."})
        assert r.status == 201, r.body
        message_id = r.body["message_id"]

        def reply_file() -> Path | None:
            for f in outbox_dir.glob("*.eml"):
                if f"<{message_id}>" in f.read_text(errors="replace"):
                    return f
            return None

        sent = message_from_bytes(
            wait_for(reply_file, timeout=30, what="the reply written by the sender").read_bytes(),
            policy=default_policy,
        )
        assert sent["Subject"] == "#[1] Printer broken"
        assert sent["In-Reply-To"] == "<first@client.test>"

        def delivered() -> bool:
            doc = client.get("/api/tickets/1").body
            out = [m for m in doc["messages"] if m["message_id"] == message_id]
            return bool(out) and out[0]["delivery"]["state"] == "sent"

        wait_for(delivered, timeout=30, what="the delivery state 'sent'")
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = proc.stdout.read().decode() if proc.stdout else ""
    assert "api: listening on http://127.0.0.1:" in log
    assert AGENT_TOKEN not in log


def test_run_only_http_needs_it_enabled(tmp_path: Path) -> None:
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path))
    p = subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), "run", "--only", "http"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert p.returncode == 2
    assert "[http] enabled = false" in p.stderr


# -- mail on no ticket -----------------------------------------------------------------------


def test_held_mail_is_listed_with_its_rule_and_accepting_puts_it_on_a_ticket(
    client: Client, store: Store, processor: Processor, config: Config, tmp_path: Path
) -> None:
    """``GET /api/held`` shows what the classifier or a security rule kept from the
    tickets, with the deciding rule, as ``mailgate quarantine --json`` does; ``POST
    /api/held/ID/accept`` puts a message on a ticket, as ``mailgate accept`` does."""
    from tests.support.mailfactory import DSN

    stored = store_messages(
        store,
        [
            (Envelope("smtp", "", (SUPPORT,), "127.0.0.1"), DSN),
            (
                Envelope("smtp", "kim@other.test", (SUPPORT,), "127.0.0.1"),
                build(
                    from_="Kim <kim@other.test>",
                    subject="Out of Office: back Monday",
                    headers={"Auto-Submitted": "auto-replied"},
                ),
            ),
        ],
    )
    bounce, ooo = (r.inbox_id for r in stored)
    processor.run_once()
    listing = client.get("/api/held")
    assert listing.status == 200
    doc = schemas.HeldList.model_validate(listing.body)
    assert doc.counts["held"] == {"held_bounce": 1, "held_auto_reply": 1}
    by_id = {m.id: m for m in doc.messages}
    assert (by_id[bounce].rule, by_id[bounce].verdict) == ("held_bounce", "bounce")
    assert by_id[ooo].from_ == "kim@other.test"
    assert by_id[ooo].subject == "Out of Office: back Monday"
    assert by_id[ooo].acceptable
    assert listing.body == cli_json(tmp_path / "mailgate.toml", "quarantine") | {
        "messages": listing.body["messages"]
    }
    only = client.get("/api/held?rule=held_bounce").body["messages"]
    assert [m["id"] for m in only] == [bounce]
    assert client.get("/api/held?rule=nonsense").status == 400
    assert client.get("/api/held?state=processed").status == 400

    assert client.post(f"/api/held/{ooo}/accept", {"ticket": 999}).status == 404
    assert client.post("/api/held/999999/accept").status == 404
    accepted = client.post(f"/api/held/{ooo}/accept", {"ticket": 1})
    assert accepted.status == 202, accepted.body
    assert schemas.Accepted.model_validate(accepted.body).ticket == 1
    again = client.post(f"/api/held/{ooo}/accept")
    assert again.status == 409
    assert "not held" in again.body["error"]
    processor.run_once()
    with store.read() as s:
        row = s.get(InboxRow, ooo)
        assert row is not None
        assert (row.state, row.ticket_id) == ("processed", 1)
    assert [m["id"] for m in client.get("/api/held").body["messages"]] == [bounce]


def test_the_api_offers_only_the_statuses_an_agent_may_set(client: Client) -> None:
    """customer_reply is what a client's mail brings about: offered nowhere, refused as a
    bad field (400), never as a state conflict."""
    doc = client.get("/api/openapi.json", token=None).body
    schemas_ = doc["components"]["schemas"]
    for model in ("StatusRequest", "ReplyRequest"):
        text = json.dumps(schemas_[model])
        assert "customer_reply" not in text, model
        assert "on_hold" in text, model
    refused = client.post("/api/tickets/1/status", {"status": "customer_reply"})
    assert refused.status == 400
    assert refused.body["error"].startswith("status: expected one of")
    assert (
        client.post("/api/tickets/1/replies", {"body": "x", "status": "customer_reply"}).status
        == 400
    )
