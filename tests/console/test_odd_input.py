"""The console's pages given what a form or an address bar can send besides the usual —
a status the state machine refuses, numbers too long for any ticket, characters no
database column holds, a search's filters across pages, a bulk action's way back — on
SQLite and PostgreSQL, over real HTTP to the running daemon."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.process import Processor
from mailgate.store.console_repo import ConsoleRepo
from mailgate.store.engine import Store
from mailgate.store.models import Event, OutboxRow, Ticket, utcnow
from tests.support.console import (
    ANN,
    QUOTED_BODY,
    Browser,
    console_toml,
    deliver,
    sign_in_directly,
)
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, build

# The statuses an agent may set, each from every other but the one a client's reply
# produces; closing an on_hold ticket is left to its client.
NO_CLOSING_ON_HOLD = """
[lifecycle.transitions.open]
client_message = "open"
agent_reply = "answered"
agent_status_change = ["in_progress", "answered", "on_hold", "closed"]
client_close = "closed"
[lifecycle.transitions.in_progress]
client_message = "customer_reply"
agent_reply = "answered"
agent_status_change = ["open", "answered", "on_hold", "closed"]
client_close = "closed"
[lifecycle.transitions.answered]
client_message = "customer_reply"
agent_reply = "answered"
agent_status_change = ["open", "in_progress", "on_hold", "closed"]
client_close = "closed"
auto_close = "closed"
[lifecycle.transitions.customer_reply]
client_message = "customer_reply"
agent_reply = "answered"
agent_status_change = ["open", "in_progress", "answered", "on_hold", "closed"]
client_close = "closed"
[lifecycle.transitions.on_hold]
client_message = "customer_reply"
agent_reply = "on_hold"
agent_status_change = ["open", "in_progress", "answered"]
client_close = "closed"
[lifecycle.transitions.closed]
reopen = "customer_reply"
agent_reply = "closed"
agent_status_change = ["open", "in_progress", "answered", "on_hold"]
"""


@pytest.fixture(params=["sqlite"])
def config(request: pytest.FixtureRequest, tmp_path: Path) -> Config:
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    text = console_toml(tmp_path, db_url) + NO_CLOSING_ON_HOLD
    (tmp_path / "mailgate.toml").write_text(text)
    return config_from_toml(text, "<test>")


BOTH_DATABASES = pytest.mark.parametrize(
    "config", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


@pytest.fixture
def served(
    config: Config,
    store: Store,
    processor: Processor,
    run_daemon: Callable[..., RunningDaemon],
) -> Browser:
    """Tickets 1 (Jo's printer) and 2 (Kim's invoice), and Ann signed in."""
    deliver(
        store,
        processor,
        build(subject="Printer broken", body=QUOTED_BODY, headers=AUTHENTICATED),
    )
    deliver(
        store,
        processor,
        build(subject="Printer invoice", from_="kim@client.test", headers=AUTHENTICATED),
        "kim@client.test",
    )
    run_daemon(config, ("http",))
    return Browser(config.http.port, sign_in_directly(store, ANN))


def ticket(store: Store, number: int) -> Ticket:
    with store.read() as s:
        t = s.get(Ticket, number)
        assert t is not None
        s.expunge(t)
        return t


def answers(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).filter(OutboxRow.kind == "agent_reply"))


def seen_message(page_text: str) -> str:
    found = re.search(r'name="seen_message" value="(\d+)"', page_text)
    assert found is not None
    return found.group(1)


# -- refusals keep the page and the draft ----------------------------------------------------


def test_a_status_after_the_answer_that_agents_may_not_set_keeps_the_draft(
    served: Browser, store: Store
) -> None:
    # The menu offers every status; "customer_reply" is the client's to set.
    seen = seen_message(served.get("/tickets/1").text)
    page = served.post(
        "/tickets/1/reply",
        {
            "body": "Three paragraphs I would hate to type again.",
            "template": "agent_reply",
            "status": "customer_reply",
            "action": "send",
            "seen_message": seen,
        },
    )
    assert page.status == 409
    assert 'id="action-error"' in page.text
    assert "customer_reply" in html.unescape(page.text)
    assert "Three paragraphs I would hate to type again.</textarea>" in page.text
    assert answers(store) == []
    assert ticket(store, 1).status == "open"


def test_a_status_change_the_state_machine_refuses_shows_the_ticket_with_why(
    served: Browser, store: Store
) -> None:
    page = served.post("/tickets/1/change", {"status": "customer_reply", "was_status": "open"})
    assert page.status == 409
    assert 'id="action-error"' in page.text
    assert 'id="thread"' in page.text
    assert ticket(store, 1).status == "open"


def test_a_bulk_close_goes_on_past_a_ticket_the_state_machine_keeps_open(
    served: Browser, store: Store
) -> None:
    held = served.post("/tickets/1/change", {"status": "on_hold", "was_status": "open"})
    assert held.status == 303
    page = served.post("/bulk", {"ticket": ["1", "2"], "action": "close", "back": "/"})
    assert page.status == 200
    assert "#1: " in page.text  # said to be refused, and why
    assert ticket(store, 1).status == "on_hold"
    assert ticket(store, 2).status == "closed"


# -- where a bulk action and a list's pages lead ------------------------------------------


def test_a_bulk_action_leads_back_to_the_list_it_was_made_on_with_its_query(
    served: Browser, store: Store
) -> None:
    results = served.get("/search?q=printer&status=open")
    assert results.status == 200
    back = re.search(r'name="back" value="([^"]*)"', results.text)
    assert back is not None
    value = html.unescape(back.group(1))
    assert value == "/search?q=printer&status=open"
    done = served.post(
        "/bulk", {"ticket": ["2"], "action": "assign", "assignee": ANN, "back": value}
    )
    assert done.status == 303
    assert done.headers["Location"] == "/search?q=printer&status=open"
    assert ticket(store, 2).assignee == ANN


@pytest.mark.parametrize(
    "back", ["/\\evil.test/", "//evil.test/", "https://evil.test/", "/\t/evil.test", "evil"]
)
def test_a_bulk_action_never_leads_to_another_site(served: Browser, back: str) -> None:
    done = served.post(
        "/bulk", {"ticket": ["2"], "action": "assign", "assignee": ANN, "back": back}
    )
    assert done.status == 303
    assert done.headers["Location"] == "/"


def test_the_pages_of_a_search_keep_its_filters(served: Browser) -> None:
    page = served.get("/search?q=printer&status=open&department=support&page=2")
    assert page.status == 200
    newer = re.search(r'<a href="([^"]*)">← newer</a>', page.text)
    assert newer is not None
    link = html.unescape(newer.group(1))
    for part in ("q=printer", "status=open", "department=support", "page=1"):
        assert part in link, link


# -- input no ticket, column or index takes ---------------------------------------------------


def test_a_number_too_long_for_any_ticket_is_not_found(served: Browser) -> None:
    huge = "9" * 5000  # more digits than Python converts to an int
    for path in (
        f"/tickets/{huge}",
        f"/tickets/1/attachments/{huge}",
        f"/tickets/{huge}/messages/1/html",
    ):
        assert served.get(path).status == 404, path[:40]
    assert served.post(f"/tickets/{huge}/notes", {"body": "x"}).status == 404
    assert served.get(f"/queue/all?page={huge}").status == 400
    assert served.get(f"/figures?days={huge}").status == 400


@BOTH_DATABASES
def test_a_search_filter_with_a_nul_character_finds_nothing(served: Browser) -> None:
    # PostgreSQL refuses NUL in a text parameter; no agent has one (and a department
    # that is not configured is refused before).
    page = served.get("/search?q=printer&assignee=%00ann")
    assert page.status == 200
    assert 'class="ticket' not in page.text
    assert served.get("/search?q=printer&department=%00support").status == 400
    assert served.get("/search?q=printer").text.count('class="ticket') == 2


# -- presence --------------------------------------------------------------------------------


@BOTH_DATABASES
def test_tabs_reporting_the_same_ticket_at_once_are_all_answered(
    served: Browser, store: Store
) -> None:
    # An agent with the ticket open in several tabs: the first reports of each come
    # together, and each finds no row to update.
    assert served.signed is not None
    tabs = [Browser(served.port, served.signed) for _ in range(6)]
    for _ in range(3):
        assert served.post("/tickets/1/presence/leave", {}).status == 204
        with ThreadPoolExecutor(len(tabs)) as pool:
            reports = pool.map(lambda t: t.post("/tickets/1/presence", {"writing": "0"}), tabs)
            assert [r.status for r in reports] == [200] * len(tabs)


# -- live updates ----------------------------------------------------------------------------


def test_a_page_never_claims_an_event_newer_than_what_it_shows(
    served: Browser, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An event recorded while a page is read is shown by the next poll, never hidden
    behind the page's mark of the newest event it saw."""
    read = ConsoleRepo.queue
    added: list[int] = []

    def queue_then_an_event(self: ConsoleRepo, *args: object, **kwargs: object) -> object:
        rows = read(self, *args, **kwargs)  # type: ignore[arg-type]
        with store.write() as s:  # meanwhile, a note on ticket 2
            event = Event(ticket_id=2, at=utcnow(), actor=ANN, kind="note", data={"body": "x"})
            s.add(event)
            s.flush()
            added.append(event.id)
        return rows

    monkeypatch.setattr(ConsoleRepo, "queue", queue_then_an_event)
    page = served.get("/")
    assert page.status == 200
    mark = re.search(r'data-latest-event="(\d+)"', page.text)
    assert mark is not None
    assert int(mark.group(1)) < added[0]
