"""``/api/clients/{address}/language`` over real HTTP: an agent's front end reads and
sets the language a client is answered in, and the client's open ticket follows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Event, Ticket
from tests.support.api import ANN, Client, api_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, build

KOREAN = "안녕하세요. 어제 저녁부터 웹호스팅 서버에 접속이 되지 않습니다. 확인 부탁드립니다.\n"


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return config_from_toml(api_toml(tmp_path), "<test>")


def test_an_agent_reads_and_sets_a_clients_language_over_the_api(
    config: Config,
    store: Store,
    processor: Processor,
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    raw = build(subject="서버 접속 불가", body=KOREAN, headers=AUTHENTICATED)
    envelope = Envelope("smtp", "jo@client.test", ("support@helpdesk.test",), "127.0.0.1")
    store_messages(store, [(envelope, raw)])
    processor.run_once()
    run_daemon(config, ("http",))
    client = Client(config.http.port)

    shown = client.get("/api/clients/Jo@Client.test/language")
    assert shown.status == 200, shown.body
    assert shown.body | {"updated_at": None} == {
        "address": "jo@client.test",
        "language": "ko",
        "source": "mail",
        "decided_by": "text",
        "updated_at": None,
        "moved_tickets": [],
    }

    set_ = client.request("PUT", "/api/clients/jo@client.test/language", doc={"language": "fa"})
    assert set_.status == 200, set_.body
    assert (set_.body["language"], set_.body["source"], set_.body["decided_by"]) == (
        "fa",
        "agent",
        ANN,
    )
    assert set_.body["moved_tickets"] == [1]
    with store.read() as s:
        assert s.get(Ticket, 1).language == "fa"  # type: ignore[union-attr]
        [event] = s.query(Event).filter_by(kind="language_set").all()
        assert (event.actor, event.data) == (ANN, {"from": "ko", "to": "fa"})

    refused = client.request("PUT", "/api/clients/jo@client.test/language", doc={"language": "de"})
    assert refused.status == 400
    assert "not offered" in refused.body["error"]
    unknown = client.get("/api/clients/nobody@client.test/language")
    assert (unknown.status, unknown.body["language"]) == (200, None)
    not_an_address = client.get("/api/clients/nobody/language")
    assert not_an_address.status == 400
