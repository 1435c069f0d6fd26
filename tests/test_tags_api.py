"""Tags and custom fields through the HTTP API (over real HTTP on loopback, the daemon
serving it) and the command line (``python -m mailgate`` in a process): set, refused
with the field named, filtered, shown in the tickets' documents."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from mailgate.api import schemas
from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Event
from tests.support.api import ANN, Client, api_toml
from tests.support.cli import run_cli
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build

FIELDS = """
[[fields]]
department = "support"
name = "plan"
type = "choice"
options = ["bronze", "silver", "gold"]

[[fields]]
department = "support"
name = "seats"
type = "number"

[[fields]]
department = "support"
name = "renewal"
type = "date"
required = true
"""


@pytest.fixture
def config_text(tmp_path: Path) -> str:
    return api_toml(tmp_path) + FIELDS


@pytest.fixture
def config(config_text: str, tmp_path: Path) -> Config:
    (tmp_path / "mailgate.toml").write_text(config_text)
    return config_from_toml(config_text, "<test>")


@pytest.fixture
def client(
    config: Config, store: Store, processor: Processor, run_daemon: Callable[..., RunningDaemon]
) -> Client:
    """Tickets 1 and 2 of the support department, and the daemon serving the API."""
    store_messages(
        store,
        [
            (Envelope("smtp", "jo@client.test", ("support@helpdesk.test",)), build(subject=s))
            for s in ("Printer broken", "Scanner broken")
        ],
    )
    processor.drain()
    run_daemon(config, ("http",))
    return Client(config.http.port)


def history(store: Store, number: int, *kinds: str) -> list[tuple[str, str, dict[str, Any]]]:
    with store.read() as s:
        rows = s.query(Event).filter(Event.ticket_id == number, Event.kind.in_(kinds))
        return [(e.kind, e.actor, e.data) for e in rows.order_by(Event.id)]


def test_an_agent_tags_a_ticket_through_the_api_and_the_history_names_them(
    client: Client, store: Store
) -> None:
    r = client.post("/api/tickets/1/tags", {"add": ["Billing", "vip"]})
    assert r.status == 200, r.body
    schemas.TagsChanged.model_validate(r.body)
    assert r.body == {"number": 1, "added": ["billing", "vip"], "removed": [], "tags": [
        "billing", "vip"
    ]}  # fmt: skip
    again = client.post("/api/tickets/1/tags", {"add": ["billing"], "remove": ["vip", "nope"]})
    assert again.body["added"] == []
    assert again.body["removed"] == ["vip"]
    assert again.body["tags"] == ["billing"]

    doc = client.get("/api/tickets/1").body
    schemas.TicketDocument.model_validate(doc)
    assert doc["tags"] == ["billing"]
    assert history(store, 1, "tag_added", "tag_removed") == [
        ("tag_added", ANN, {"tag": "billing"}),
        ("tag_added", ANN, {"tag": "vip"}),
        ("tag_removed", ANN, {"tag": "vip"}),
    ]


def test_a_bad_tag_or_body_is_a_400_naming_it_and_changes_nothing(
    client: Client, store: Store
) -> None:
    bad = client.post("/api/tickets/1/tags", {"add": ["fine", "two words"]})
    assert bad.status == 400
    assert "tag 'two words': expected a word" in bad.body["error"]
    assert client.post("/api/tickets/1/tags", {"add": "billing"}).status == 400
    unknown = client.post("/api/tickets/1/tags", {"tags": ["x"]})
    assert unknown.status == 400
    assert "tags: unknown field" in unknown.body["error"]
    assert client.post("/api/tickets/99/tags", {"add": ["x"]}).status == 404
    assert history(store, 1, "tag_added") == []


def test_fields_are_set_through_the_api_every_value_checked_by_its_type(
    client: Client, store: Store
) -> None:
    r = client.patch(
        "/api/tickets/1/fields",
        {"fields": {"plan": "gold", "seats": 12.50, "renewal": "2027-01-31"}},
    )
    assert r.status == 200, r.body
    schemas.FieldsChanged.model_validate(r.body)
    assert r.body["fields"] == {"plan": "gold", "renewal": "2027-01-31", "seats": "12.5"}
    assert {c["name"]: (c["from"], c["to"]) for c in r.body["changes"]} == {
        "plan": (None, "gold"),
        "seats": (None, "12.5"),
        "renewal": (None, "2027-01-31"),
    }

    refused = client.patch(
        "/api/tickets/1/fields",
        {"fields": {"plan": "platinum", "seats": "many", "renewal": None, "colour": "red"}},
    )
    assert refused.status == 400
    error = refused.body["error"]
    assert "plan: expected one of bronze, silver, gold (got 'platinum')" in error
    assert "seats: expected a number such as 12 or 4.5 (got 'many')" in error
    assert "renewal: required, it cannot be cleared" in error
    assert "colour: department support has no such field (plan, seats, renewal)" in error
    assert client.patch("/api/tickets/1/fields", {"fields": {"seats": True}}).status == 400
    assert client.patch("/api/tickets/1/fields", {"fields": {}}).status == 400

    doc = client.get("/api/tickets/1").body
    assert doc["fields"] == {"plan": "gold", "renewal": "2027-01-31", "seats": "12.5"}
    cleared = client.patch("/api/tickets/1/fields", {"fields": {"seats": None}})
    assert cleared.body["changes"] == [{"name": "seats", "from": "12.5", "to": None}]
    assert [d["name"] for _k, actor, d in history(store, 1, "field_changed") if actor == ANN] == [
        "plan",
        "seats",
        "renewal",
        "seats",
    ]


def test_the_ticket_list_filters_by_tag_and_field_and_shows_them(client: Client) -> None:
    client.post("/api/tickets/1/tags", {"add": ["billing", "vip"]})
    client.post("/api/tickets/2/tags", {"add": ["billing"]})
    client.patch("/api/tickets/2/fields", {"fields": {"plan": "gold", "seats": 3}})

    def numbers(query: str) -> list[int]:
        r = client.get(f"/api/tickets?{query}")
        assert r.status == 200, r.body
        for t in r.body:
            schemas.TicketSummary.model_validate(t)
        return sorted(t["number"] for t in r.body)

    assert numbers("tag=billing") == [1, 2]
    assert numbers("tag=billing&tag=vip") == [1]
    assert numbers("field.plan=gold") == [2]
    assert numbers("field.seats=3.0") == [2]
    assert numbers("tag=vip&field.plan=gold") == []
    assert numbers("q=tag%3Abilling%20field%3Aplan%3Dgold") == [2]
    assert numbers("q=scanner&tag=billing") == [2]
    listed = {t["number"]: t for t in client.get("/api/tickets").body}
    assert listed[2]["tags"] == ["billing"]
    assert listed[2]["fields"] == {"plan": "gold", "seats": "3"}
    assert listed[1]["fields"] == {}

    bad = client.get("/api/tickets?tag=two%20words")
    assert bad.status == 400
    assert "tag 'two words'" in bad.body["error"]
    unknown = client.get("/api/tickets?fields.plan=gold")
    assert unknown.status == 400
    assert "fields.plan: unknown parameter" in unknown.body["error"]


def test_the_openapi_document_describes_the_tags_and_fields_endpoints(client: Client) -> None:
    doc = client.get("/api/openapi.json", token=None).body
    assert doc["paths"]["/api/tickets/{number}/tags"]["post"]["operationId"] == "changeTags"
    assert doc["paths"]["/api/tickets/{number}/fields"]["patch"]["operationId"] == "setFields"
    summary = doc["components"]["schemas"]["TicketSummary"]
    assert {"tags", "fields"} <= set(summary["required"])
    names = [p["name"] for p in doc["paths"]["/api/tickets"]["get"]["parameters"]]
    assert "tag" in names
    assert "field.{name}" in names


# -- the command line ---------------------------------------------------------------------


def test_the_command_line_tags_sets_fields_and_filters(
    config_text: str, config: Config, store: Store, processor: Processor, tmp_path: Path
) -> None:
    store_messages(
        store,
        [(Envelope("smtp", "jo@client.test", ("support@helpdesk.test",)), build(subject="Fax"))],
    )
    processor.drain()

    def cli(*args: str) -> Any:
        return run_cli(config_text, tmp_path, *args, "--as", ANN)

    added = cli("tickets", "tag", "1", "add", "Billing", "vip")
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "ticket 1: +billing +vip; tags: billing, vip"
    removed = cli("tickets", "tag", "1", "remove", "vip")
    assert removed.stdout.strip() == "ticket 1: -vip; tags: billing"
    bad_tag = cli("tickets", "tag", "1", "add", "no way")
    assert bad_tag.returncode == 1
    assert "tag 'no way': expected a word" in bad_tag.stderr

    assert cli("tickets", "field", "1", "seats", "007").stdout.strip() == "ticket 1: seats - → 7"
    refused = cli("tickets", "field", "1", "renewal", "tomorrow")
    assert refused.returncode == 1
    assert "renewal: expected a date written YYYY-MM-DD (got 'tomorrow')" in refused.stderr
    assert cli("tickets", "field", "1", "seats").returncode == 2  # neither VALUE nor --clear

    listed = run_cli(config_text, tmp_path, "tickets", "--tag", "billing", "--field", "seats=7")
    assert listed.returncode == 0, listed.stderr
    assert "billing" in listed.stdout.splitlines()[1]
    assert "Fax" in listed.stdout
    none = run_cli(config_text, tmp_path, "tickets", "--tag", "vip", "--json")
    assert json.loads(none.stdout) == []
    shown = run_cli(config_text, tmp_path, "ticket", "1")
    assert "  tags billing" in shown.stdout
    assert "  seats: 7" in shown.stdout
    with store.read() as s:
        kinds = [e.kind for e in s.query(Event).filter(Event.actor == ANN).order_by(Event.id)]
    assert kinds == ["tag_added", "tag_added", "tag_removed", "field_changed"]
