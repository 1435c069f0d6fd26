"""The HTTP API's edge against requests no front end sends: raw bytes over a socket to
the running API, each answered with a 4xx and a JSON error, never a 500."""

from __future__ import annotations

import base64
import json
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import OutboxRow
from tests.support.api import AGENT_TOKEN, Client, api_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.store import SUPPORT


@pytest.fixture
def served(
    tmp_path: Path, run_daemon: Callable[..., RunningDaemon]
) -> tuple[Config, Store, Client]:
    """Ticket 1 and a daemon serving only the API."""
    config = config_from_toml(api_toml(tmp_path, max_request_bytes=1 << 20), "<test>")
    store = Store(config.database)
    upgrade(store)
    raw = build(message_id="first@client.test", subject="Printer", headers=AUTHENTICATED)
    store_messages(store, [(Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1"), raw)])
    Processor(config, store).run_once()
    run_daemon(config, ("http",))
    return config, store, Client(config.http.port)


def raw_request(port: int, head: bytes, body: bytes = b"") -> tuple[int, Any]:
    """Send ``head`` (request line and header fields, CRLF-separated) and ``body`` as they
    are; the status and the JSON body of the answer."""
    length = f"Content-Length: {len(body)}\r\n".encode() if body else b""
    with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
        s.sendall(head + b"\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + length + b"\r\n")
        s.sendall(body)
        answer = b""
        while chunk := s.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    _headers, _, payload = rest.partition(b"\r\n\r\n")
    return int(status_line.split()[1]), json.loads(payload)


def outbox_count(store: Store) -> int:
    with store.read() as s:
        return s.query(OutboxRow).count()


@pytest.mark.parametrize(
    "token",
    [
        b"\xff\xfe\xfd-not-utf8-0123456789",
        b"ann-token-4f9c2e7a1b3d5f\xe9\xe9",  # the right token but its tail in Latin-1
        b"\xc3\x28\xa0\xa1" * 8,
        b"\x80",
    ],
    ids=["bytes", "latin1-tail", "invalid-sequences", "lone-continuation"],
)
def test_a_bearer_token_that_is_not_utf8_is_401(
    served: tuple[Config, Store, Client], token: bytes
) -> None:
    config, _store, client = served
    status, doc = raw_request(
        config.http.port, b"GET /api/tickets HTTP/1.1\r\nAuthorization: Bearer " + token
    )
    assert (status, doc) == (401, {"error": "the token is not valid"})
    # The API goes on answering.
    assert client.get("/api/tickets").status == 200


@pytest.mark.parametrize("depth", [1_000, 100_000])
@pytest.mark.parametrize("bracket", ["[", '{"a":'])
def test_deeply_nested_json_is_400(
    served: tuple[Config, Store, Client], depth: int, bracket: str
) -> None:
    config, store, _client = served
    before = outbox_count(store)
    body = (bracket * depth).encode()
    for path in (b"/api/tickets/1/replies", b"/api/tickets/1/status", b"/api/held/1/accept"):
        status, doc = raw_request(
            config.http.port,
            b"POST " + path + b" HTTP/1.1\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + AGENT_TOKEN.encode(),
            body,
        )
        assert status == 400, (path, doc)
        assert "nested" in doc["error"], doc
    assert outbox_count(store) == before


def test_json_nested_past_the_limit_inside_a_valid_reply_is_400(
    served: tuple[Config, Store, Client],
) -> None:
    """Nested a few hundred deep — deep enough to tire what reads the document after
    the parser — inside an otherwise valid reply."""
    _config, store, client = served
    before = outbox_count(store)
    deep: Any = "x"
    for _ in range(400):
        deep = [deep]
    for doc in (
        {"body": "hello", "attachments": deep},
        {"body": deep},
        {"body": "hello", "extra": deep},
        {"body": "hello", "attachments": [{"filename": deep, "data": ""}]},
    ):
        r = client.post("/api/tickets/1/replies", doc)
        assert r.status == 400, r.body
        assert "nested deeper than" in r.body["error"]
    assert outbox_count(store) == before
    ok = client.post(
        "/api/tickets/1/replies",
        {
            "body": "hello",
            "attachments": [
                {"filename": "a.txt", "data": base64.b64encode(b"x").decode()},
            ],
        },
    )
    assert ok.status == 201, ok.body


@pytest.mark.parametrize(
    "digits",
    ["\u0661", "\uff11", "\u0967", "\U0001d7cf", "\u00b9"],
    ids=["arabic-indic", "fullwidth", "devanagari", "mathematical", "superscript"],
)
def test_path_numbers_are_ascii_digits_only(
    served: tuple[Config, Store, Client], digits: str
) -> None:
    """``/api/tickets/١`` names no ticket, though ``int("١")`` is 1."""
    _config, store, client = served
    before = outbox_count(store)
    path = quote(digits)
    assert client.get("/api/tickets/1").status == 200
    r = client.get(f"/api/tickets/{path}")
    assert r.status == 404, r.body
    assert client.post(f"/api/tickets/{path}/replies", {"body": "hello"}).status == 404
    assert client.post(f"/api/tickets/{path}/status", {"status": "closed"}).status == 404
    assert client.post(f"/api/held/{path}/accept").status == 404
    assert client.get(f"/api/tickets?limit={path}").status == 400
    assert outbox_count(store) == before
