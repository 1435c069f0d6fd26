"""The languages' store on SQLite and PostgreSQL: a client's language remembered by
address (one statement, so two workers remembering a new address at once do not
collide), an agent's setting that mail never overwrites, and the client's tickets
that follow it with an event each."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest

from mailgate.config import Config
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.languages_repo import LanguageRepo
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, Ticket
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.store import receive

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
KOREAN = "안녕하세요. 어제 저녁부터 웹호스팅 서버에 접속이 되지 않습니다. 확인 부탁드립니다.\n"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(
    request: pytest.FixtureRequest, make_config: Callable[..., Config]
) -> Iterator[tuple[Config, Store]]:
    url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    config = make_config(db_url=url)
    store = Store(config.database)
    upgrade(store)
    yield config, store
    store.dispose()


def test_mail_remembers_and_an_agents_setting_holds(db: tuple[Config, Store]) -> None:
    _config, store = db
    with store.write() as s:
        repo = LanguageRepo(s)
        repo.remember("Jo@Client.test", "ko", "text", None, NOW)
        repo.remember("jo@client.test", "th", "content_language", None, NOW + timedelta(1))
        known = repo.of("JO@client.test")
        assert known is not None
        assert (known.language, known.source, known.decided_by) == (
            "th",
            "mail",
            "content_language",
        )
    with store.write() as s:
        LanguageRepo(s).set_by_agent("jo@client.test", "fa", "ann@example.com", NOW)
    with store.write() as s:
        LanguageRepo(s).remember("jo@client.test", "ko", "text", None, NOW + timedelta(2))
    with store.read() as s:
        known = LanguageRepo(s).of("jo@client.test")
        assert known is not None
        assert (known.language, known.source, known.decided_by) == (
            "fa",
            "agent",
            "ann@example.com",
        )
    with store.write() as s:
        assert LanguageRepo(s).forget("jo@client.test")
        assert not LanguageRepo(s).forget("jo@client.test")
        assert LanguageRepo(s).of("jo@client.test") is None


def test_tickets_from_one_new_address_in_one_batch_remember_it_once(
    db: tuple[Config, Store],
) -> None:
    config, store = db
    for n in range(3):
        raw = build(subject=f"서버 접속 불가 {n}", body=KOREAN, headers=AUTHENTICATED)
        receive(store, raw)
    Processor(config, store).run_once()
    with store.read() as s:
        languages = [t.language for t in s.query(Ticket).order_by(Ticket.id)]
        known = LanguageRepo(s).of("jo@client.test")
    assert languages == ["ko", "ko", "ko"]
    assert known is not None
    assert (known.language, known.decided_by) == ("ko", "text")


def test_an_agents_setting_moves_the_clients_open_tickets_with_an_event(
    db: tuple[Config, Store],
) -> None:
    config, store = db
    for n in range(2):
        receive(store, build(subject=f"Printer {n}", headers=AUTHENTICATED))
    Processor(config, store).run_once()
    with store.write() as s:
        s.get(Ticket, 2).status = "closed"  # type: ignore[union-attr]
    with store.write() as s:
        moved = LanguageRepo(s).set_by_agent("jo@client.test", "th", "ann@example.com", NOW)
    assert moved == [1]
    with store.read() as s:
        assert [t.language for t in s.query(Ticket).order_by(Ticket.id)] == ["th", None]
        [event] = s.query(Event).filter_by(kind="language_set").all()
        assert (event.ticket_id, event.actor, event.data) == (
            1,
            "ann@example.com",
            {"from": None, "to": "th"},
        )
