"""Satisfaction ratings end to end: a ticket closed through the HTTP API, by the
auto-close and by the client's keyword asks its client once (the mail read back from
the outbox's .eml files), the link of that mail fetched over real HTTP from the
daemon's listener records the rating once and then a comment once; a reused, expired or
altered link and a forged form are refused with a page that says so; the API, the
figures and ``mailgate ratings`` show the rating."""

from __future__ import annotations

import http.cookiejar
import json
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import cast

import lxml.html
import pytest
from sqlalchemy import func

from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.errors import ConfigError
from mailgate.inbox import store_messages
from mailgate.notify import Notifier, Party, Templates, TicketFacts
from mailgate.notify.notifier import SAMPLE
from mailgate.process import Processor
from mailgate.rating_links import check_link, new_token, signature
from mailgate.store.engine import Store
from mailgate.store.models import Event, OutboxRow, RatingRequest, Ticket, utcnow
from mailgate.store.ratings_repo import RatingsRepo
from mailgate.tickets.actions import Agent, change_status, post_reply
from mailgate.tickets.autoclose import auto_close
from mailgate.tickets.ratings import LinkState, link_state
from tests.support.api import ANN, Client, api_toml
from tests.support.cli import run_cli
from tests.support.console import Browser as ConsoleBrowser
from tests.support.console import sign_in_directly
from tests.support.daemon import RunningDaemon
from tests.support.mailcheck import (
    check_accessible,
    check_header,
    check_subject,
    check_text,
    html_document,
    nu_checker_problems,
    parse,
)
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.store import send_queued
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
CLIENT = "jo@client.test"


def ratings_toml(
    tmp: Path, *, language: str = "en", ratings: str = "enabled = true", db_url: str | None = None
) -> str:
    """The API's test configuration with ratings asked for: the helpdesk's key, the
    listener's public address (the loopback port it listens on)."""
    key = tmp / "rating.key"
    key.write_text(secrets.token_hex(32) + "\n")
    text = api_toml(tmp, db_url)
    port = int(re.search(r"\[http\]\nenabled = true\nhost = \"127.0.0.1\"\nport = (\d+)", text)[1])  # type: ignore[index]
    text = text.replace(
        "[helpdesk]\n", f'[helpdesk]\nsecret_file = "{key}"\nlanguage = "{language}"\n', 1
    )
    text = text.replace(
        "[http]\nenabled = true\n",
        f'[http]\nenabled = true\npublic_url = "http://127.0.0.1:{port}"\n',
        1,
    )
    return text + f"\n[ratings]\n{ratings}\n"


@pytest.fixture(params=["sqlite"])
def config(request: pytest.FixtureRequest, tmp_path: Path) -> Config:
    """SQLite; the tests parametrized with "postgresql" run on the PostgreSQL server."""
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    text = ratings_toml(tmp_path, db_url=db_url)
    (tmp_path / "mailgate.toml").write_text(text)
    return config_from_toml(text, "<test>")


def open_ticket(store: Store, processor: Processor, subject: str = "Printer broken") -> int:
    raw = build(
        message_id=f"{secrets.token_hex(6)}@client.test", subject=subject, headers=AUTHENTICATED
    )
    store_messages(store, [(Envelope("smtp", CLIENT, (SUPPORT,), "127.0.0.1"), raw)])
    assert processor.run_once().tickets_opened == 1
    with store.read() as s:
        return int(s.query(func.max(Ticket.id)).scalar() or 0)


def eml(folder: Path, kind_subject: str) -> list[EmailMessage]:
    """The mail written to the outbox folder whose subject contains ``kind_subject``."""
    found = []
    for f in sorted(folder.glob("*.eml")):
        msg = cast(EmailMessage, message_from_bytes(f.read_bytes(), policy=default_policy))
        if kind_subject in str(msg["Subject"]):
            found.append(msg)
    return found


def one_eml(folder: Path, kind_subject: str) -> EmailMessage:
    """The one mail whose subject contains ``kind_subject``, once written: the daemon's
    sender and the test's may each be the one that sends it, so wait for the file."""
    [mail] = wait_for(lambda: eml(folder, kind_subject) or None, 60, kind_subject)
    return mail


def closed_and_asked(
    config: Config, store: Store, processor: Processor, tmp_path: Path, kind_subject: str
) -> tuple[int, EmailMessage]:
    """A ticket opened, closed by an agent and its mail sent: its number and the rating
    request (the one mail in the outbox whose subject contains ``kind_subject``)."""
    number = open_ticket(store, processor)
    notifier = Notifier(config, Templates(config.templates.directory))
    change_status(store, notifier, number, "closed", Agent(ANN))
    send_queued(config, store)
    return number, one_eml(tmp_path / "outbox", kind_subject)


def links_of(msg: EmailMessage) -> dict[str, str]:
    """The good and bad links of a rating request, from its text part."""
    part = msg.get_body(("plain",))
    assert part is not None
    text = part.get_content()
    found = re.findall(r"(http://127\.0\.0\.1:\d+/rate/\S+)", text)
    links = {urllib.parse.parse_qs(urllib.parse.urlsplit(u).query)["choice"][0]: u for u in found}
    assert set(links) == {"good", "bad"}, text
    return links


def rating_rows(store: Store) -> list[RatingRequest]:
    with store.read() as s:
        return list(s.query(RatingRequest).order_by(RatingRequest.ticket_id))


def events(store: Store, ticket: int, kind: str) -> list[Event]:
    with store.read() as s:
        return list(s.query(Event).filter_by(ticket_id=ticket, kind=kind).order_by(Event.id))


def queued(store: Store, kind: str = "rating_request") -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).filter_by(kind=kind).order_by(OutboxRow.id))


@dataclass
class Page:
    status: int
    body: str

    def form(self, form_id: str) -> dict[str, str]:
        """The hidden fields (and the checked choice) of the form ``form_id``."""
        m = re.search(rf'<form id="{form_id}".*?</form>', self.body, re.S)
        assert m is not None, self.body
        fields = dict(re.findall(r'type="hidden" name="(\w+)" value="([^"]*)"', m.group()))
        checked = re.search(r'name="choice" value="(\w+)" checked', m.group())
        if checked:
            fields["choice"] = checked[1]
        return fields


class Visitor:
    """A client's browser without the browser: cookies kept, redirects not needed."""

    def __init__(self) -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, url: str) -> Page:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, form: dict[str, str], headers: dict[str, str] | None = None) -> Page:
        data = urllib.parse.urlencode(form).encode()
        req = urllib.request.Request(url, data=data, method="POST", headers=headers or {})
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
        return self._open(req)

    def _open(self, req: urllib.request.Request) -> Page:
        try:
            with self.opener.open(req, timeout=15) as r:
                return Page(r.status, r.read().decode())
        except urllib.error.HTTPError as e:
            return Page(e.code, e.read().decode())


def form_url(link: str) -> str:
    parts = urllib.parse.urlsplit(link)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


@pytest.fixture
def daemon(config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]) -> RunningDaemon:
    """The listener (the API and the rating pages) and the sender writing .eml files."""
    return run_daemon(config, ("http", "send"))


# -- asking --------------------------------------------------------------------------------


BOTH_DATABASES = pytest.mark.parametrize(
    "config", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True
)


@BOTH_DATABASES
def test_a_ticket_closed_through_the_api_asks_its_client_once_and_the_link_rates_it_once(
    config: Config, store: Store, processor: Processor, daemon: RunningDaemon, tmp_path: Path
) -> None:
    number = open_ticket(store, processor)
    api = Client(config.http.port)
    r = api.post(f"/api/tickets/{number}/status", {"status": "closed"})
    assert r.status == 200, r.body
    outbox = tmp_path / "outbox"
    [mail] = wait_for(lambda: eml(outbox, "How did we do?") or None, 60, "the rating request")
    # Like every mail of the ticket: From the helpdesk, the token in the subject.
    assert mail["From"].addresses[0].addr_spec == SUPPORT
    assert f"#[{number}]" in str(mail["Subject"])
    assert [a.addr_spec for a in mail["To"].addresses] == [CLIENT]
    links = links_of(mail)

    # A scanner's (or the client's) GET records nothing: the page asks to confirm.
    client = Visitor()
    page = client.get(links["bad"])
    assert page.status == 200
    assert "Send my rating" in page.body
    assert rating_rows(store)[0].rating is None
    fields = page.form("rate")
    assert fields["choice"] == "bad", "the link's choice is preselected"
    fields["choice"] = "good"  # and the client may change their mind before sending
    page = client.post(form_url(links["bad"]), fields)
    assert page.status == 200, page.body
    assert "your rating is recorded" in page.body
    [row] = rating_rows(store)
    assert (row.ticket_id, row.rating, row.address) == (number, "good", CLIENT)
    [event] = events(store, number, "rating")
    assert (event.actor, event.data) == (CLIENT, {"rating": "good", "comment": None})

    # Once: the same form again, and either link again, record nothing more.
    again = client.post(form_url(links["bad"]), fields | {"choice": "bad"})
    assert again.status == 409
    assert "already been used" in again.body
    for link in links.values():
        reused = Visitor().get(link)
        assert reused.status == 409
        assert "already been used" in reused.body
    assert rating_rows(store)[0].rating == "good"
    assert len(events(store, number, "rating")) == 1

    # The comment the page offered, taken once.
    comment = page.form("comment")
    done = client.post(form_url(links["bad"]) + "/comment", comment | {"comment": "Quick, thanks!"})
    assert done.status == 200
    assert "Thank you for your comment" in done.body
    twice = client.post(form_url(links["bad"]) + "/comment", comment | {"comment": "And more"})
    assert twice.status == 409
    assert "only once" in twice.body
    assert rating_rows(store)[0].comment == "Quick, thanks!"
    [noted] = events(store, number, "rating_comment")
    assert noted.data == {"rating": "good", "comment": "Quick, thanks!"}

    # The agents read it in the ticket's history, in the console.
    agent = ConsoleBrowser(config.http.port, sign_in_directly(store, ANN))
    history = agent.get(f"/tickets/{number}")
    assert history.status == 200
    assert "rated good: Quick, thanks!" in history.text
    assert row.token not in history.text, "the thread shows the mail without its links"

    # In the API: the ticket's document and the list, never the links' token.
    doc = api.get(f"/api/tickets/{number}").body
    assert doc["rating"]["rating"] == "good"
    assert doc["rating"]["comment"] == "Quick, thanks!"
    assert row.token not in json.dumps(doc)
    listed = api.get("/api/ratings?rating=good&department=support").body
    assert [r["ticket"] for r in listed["ratings"]] == [number]
    assert (listed["good"], listed["bad"], listed["percent_good"]) == (1, 0, 100.0)
    assert api.get("/api/ratings?rating=bad").body["ratings"] == []
    assert api.get("/api/ratings?rating=meh").status == 400

    # Reopened by the client and closed again: not asked a second time.
    raw = build(subject=f"Re: #[{number}] Printer broken", headers=AUTHENTICATED)
    store_messages(store, [(Envelope("smtp", CLIENT, (SUPPORT,), "127.0.0.1"), raw)])
    processor.run_once()
    assert api.post(f"/api/tickets/{number}/status", {"status": "closed"}).status == 200
    assert len(queued(store)) == 1


def test_an_agents_reply_that_closes_the_ticket_asks_once(
    config: Config, store: Store, processor: Processor
) -> None:
    number = open_ticket(store, processor)
    notifier = Notifier(config, Templates(config.templates.directory))
    post_reply(store, notifier, number, "Fixed.", Agent(ANN), status="closed")
    post_reply(store, notifier, number, "One more thing.", Agent(ANN))  # stays closed
    [row] = queued(store)
    assert row.recipients == [CLIENT]


def test_the_auto_close_asks_once_and_the_mail_goes_out(
    config: Config, store: Store, processor: Processor, tmp_path: Path
) -> None:
    number = open_ticket(store, processor)
    notifier = Notifier(config, Templates(config.templates.directory))
    answered = utcnow() - timedelta(days=2)
    post_reply(store, notifier, number, "Try the other tray.", Agent(ANN), now=answered)
    assert auto_close(store, notifier, config).closed == (number,)
    assert auto_close(store, notifier, config).closed == ()
    assert len(queued(store)) == 1
    send_queued(config, store)
    mail = one_eml(tmp_path / "outbox", "How did we do?")
    links = links_of(mail)
    token = urllib.parse.urlsplit(links["good"]).path.rsplit("/", 1)[-1]
    assert rating_rows(store)[0].token == token
    assert [r.agent for r in rating_rows(store)] == [ANN], "the agent who answered it"


def test_the_clients_closing_keyword_asks_for_a_rating(
    config: Config, store: Store, processor: Processor
) -> None:
    number = open_ticket(store, processor)
    raw = build(
        subject=f"Re: #[{number}] Printer broken",
        body="#close\nAll good now.",
        headers=AUTHENTICATED,
    )
    store_messages(store, [(Envelope("smtp", CLIENT, (SUPPORT,), "127.0.0.1"), raw)])
    processor.run_once()
    kinds = [r.kind for r in queued(store, "ticket_closed")] + [r.kind for r in queued(store)]
    assert kinds == ["ticket_closed", "rating_request"]


def test_nothing_is_asked_when_the_department_or_the_agent_says_not_to(
    tmp_path: Path, open_store: Callable[[Config], Store]
) -> None:
    text = ratings_toml(tmp_path).replace(
        'display_name = "Test Support"\n', 'display_name = "Test Support"\nrating = false\n', 1
    )
    config = config_from_toml(text, "<test>")
    store = open_store(config)
    processor = Processor(config, store)
    notifier = Notifier(config, Templates(config.templates.directory))
    number = open_ticket(store, processor)
    change_status(store, notifier, number, "closed", Agent(ANN))
    assert queued(store) == []
    billing = build(subject="Invoice", headers=AUTHENTICATED)
    store_messages(
        store, [(Envelope("smtp", CLIENT, ("billing@helpdesk.test",), "127.0.0.1"), billing)]
    )
    processor.run_once()
    other = number + 1
    change_status(store, notifier, other, "closed", Agent(ANN), notify=False)
    assert queued(store) == [], "closed without telling the client: not asked either"
    assert rating_rows(store) == []


# -- links that rate nothing -----------------------------------------------------------------


def test_an_altered_link_is_refused_with_a_page_and_records_nothing(
    config: Config, store: Store, processor: Processor, daemon: RunningDaemon, tmp_path: Path
) -> None:
    number, mail = closed_and_asked(config, store, processor, tmp_path, "How did we do?")
    good = links_of(mail)["good"]
    parts = urllib.parse.urlsplit(good)
    query = dict(urllib.parse.parse_qsl(parts.query))
    sig = query["sig"]
    altered = [
        query | {"sig": ("A" if sig[0] != "A" else "B") + sig[1:]},  # a signature made up
        query | {"ticket": str(number + 1)},  # another ticket
        query | {"expires": str(int(query["expires"]) + 86400)},  # a longer life
    ]
    for q in altered:
        url = f"{parts.scheme}://{parts.netloc}{parts.path}?{urllib.parse.urlencode(q)}"
        page = Visitor().get(url)
        assert page.status == 404
        assert "This link is not valid" in page.body
        assert "Traceback" not in page.body
    # A token changed by one character: no such request.
    other = good.replace(parts.path, parts.path[:-1] + ("x" if parts.path[-1] != "x" else "y"))
    assert Visitor().get(other).status == 404
    assert rating_rows(store)[0].rating is None
    assert events(store, number, "rating") == []


def test_a_form_without_the_pages_cookie_or_from_another_site_is_refused(
    config: Config, store: Store, processor: Processor, daemon: RunningDaemon, tmp_path: Path
) -> None:
    _number, mail = closed_and_asked(config, store, processor, tmp_path, "How did we do?")
    good = links_of(mail)["good"]
    client = Visitor()
    fields = client.get(good).form("rate")
    # Another browser (no cookie of the page) posting the same fields: refused.
    forged = Visitor().post(form_url(good), fields)
    assert forged.status == 403
    assert "This form has expired" in forged.body
    # The client's own browser, but the request sent by another site's page.
    elsewhere = client.post(form_url(good), fields, {"Origin": "http://evil.test"})
    assert elsewhere.status == 403
    assert rating_rows(store)[0].rating is None
    assert client.post(form_url(good), fields).status == 200
    assert rating_rows(store)[0].rating == "good"


def test_an_expired_link_shows_its_page_and_records_nothing(
    config: Config, store: Store, processor: Processor, daemon: RunningDaemon, tmp_path: Path
) -> None:
    number = open_ticket(store, processor)
    notifier = Notifier(config, Templates(config.templates.directory))
    closed = utcnow() - timedelta(days=15)  # [ratings] valid_for is 14 days
    change_status(store, notifier, number, "closed", Agent(ANN), now=closed)
    send_queued(config, store)
    good = links_of(one_eml(tmp_path / "outbox", "How did we do?"))["good"]
    page = Visitor().get(good)
    assert page.status == 410
    assert "This link has expired" in page.body
    assert rating_rows(store)[0].rating is None


def test_a_links_state_is_decided_from_its_request_and_the_time() -> None:
    secret = b"k" * 32
    now = datetime(2026, 12, 1, 12, tzinfo=UTC)
    token = new_token()
    expires = now + timedelta(days=14)
    link = check_link(
        secret,
        token,
        "7",
        str(int(expires.timestamp())),
        signature(secret, 7, token, int(expires.timestamp())),
    )
    assert link is not None
    row = RatingRequest(token=token, ticket_id=7, expires_at=expires, rating=None)
    assert link_state(row, link, now) == LinkState.READY
    assert link_state(row, link, expires) == LinkState.EXPIRED
    assert link_state(row, None, now) == LinkState.INVALID
    assert link_state(None, link, now) == LinkState.INVALID
    row.rating = "bad"
    assert link_state(row, link, expires + timedelta(days=1)) == LinkState.RATED
    # A link signed with another key, or for another ticket, checks as nothing.
    assert (
        check_link(b"x" * 32, token, "7", str(int(expires.timestamp())), link_sig(link, secret))
        is None
    )
    assert (
        check_link(secret, token, "8", str(int(expires.timestamp())), link_sig(link, secret))
        is None
    )


def link_sig(link: object, secret: bytes) -> str:
    from mailgate.rating_links import SignedLink

    assert isinstance(link, SignedLink)
    return signature(secret, link.ticket, link.token, link.expires)


# -- languages, configuration, figures, command line -----------------------------------------


def test_a_persian_helpdesk_asks_in_persian_right_to_left_and_its_page_is_persian(
    tmp_path: Path, open_store: Callable[[Config], Store], run_daemon: Callable[..., RunningDaemon]
) -> None:
    config = config_from_toml(ratings_toml(tmp_path, language="fa"), "<test>")
    store = open_store(config)
    _number, mail = closed_and_asked(config, store, Processor(config, store), tmp_path, "نظر شما")
    html = mail.get_body(("html",))
    assert html is not None
    assert '<html lang="fa" dir="rtl">' in html.get_content()
    run_daemon(config, ("http",))
    page = Visitor().get(links_of(mail)["good"])
    assert page.status == 200
    assert 'lang="fa" dir="rtl"' in page.body
    assert "راضی هستم" in page.body


def test_asking_for_ratings_needs_the_key_and_the_public_address(tmp_path: Path) -> None:
    text = ratings_toml(tmp_path)
    without_key = re.sub(r'secret_file = "[^"]*"\n', "", text)
    with pytest.raises(ConfigError, match=r"helpdesk\.secret_file: required when ratings"):
        config_from_toml(without_key, "<test>")
    without_url = re.sub(r'public_url = "[^"]*"\n', "", text)
    with pytest.raises(ConfigError, match=r"http\.public_url: required when ratings"):
        config_from_toml(without_url, "<test>")
    bad_url = text.replace('public_url = "http://', 'public_url = "ftp://')
    with pytest.raises(ConfigError, match=r"http\.public_url"):
        config_from_toml(bad_url, "<test>")
    with pytest.raises(ConfigError, match=r"ratings\.valid_for"):
        config_from_toml(ratings_toml(tmp_path, ratings='enabled = true\nvalid_for = "14"'), "<t>")


@BOTH_DATABASES
def test_the_figures_count_ratings_per_agent_and_department_and_the_command_lists_them(
    config: Config, store: Store, processor: Processor, tmp_path: Path
) -> None:
    notifier = Notifier(config, Templates(config.templates.directory))
    numbers = [open_ticket(store, processor, f"Question {i}") for i in range(3)]
    for n in numbers:
        post_reply(store, notifier, n, "Done.", Agent(ANN), status="closed")
    now = utcnow()
    with store.write() as s:
        repo = RatingsRepo(s)
        rows = {r.ticket_id: r.token for r in s.query(RatingRequest)}
        assert repo.record(rows[numbers[0]], "good", now)
        assert repo.record(rows[numbers[1]], "bad", now)
        assert not repo.record(rows[numbers[1]], "good", now), "once"
    with store.read() as s:
        figures = RatingsRepo(s).figures(now - timedelta(days=1), now + timedelta(days=1))
    assert (figures.asked, figures.total.good, figures.total.bad) == (3, 1, 1)
    assert [(t.key, t.good, t.bad) for t in figures.by_agent] == [(ANN, 1, 1)]
    assert [(t.key, t.percent_good) for t in figures.by_department] == [("support", 50.0)]
    assert [(t.key, t.count) for t in figures.by_day] == [(now.date().isoformat(), 2)]

    text = (tmp_path / "mailgate.toml").read_text()
    listed = run_cli(text, tmp_path, "ratings", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    doc = json.loads(listed.stdout)
    assert sorted(r["rating"] for r in doc["ratings"]) == ["bad", "good"]
    table = run_cli(text, tmp_path, "ratings", "list", "--rating", "bad")
    assert table.returncode == 0, table.stderr
    assert "0 good, 1 bad (0 % good)" in table.stdout
    summary = run_cli(text, tmp_path, "ratings", "summary", "--days", "7")
    assert summary.returncode == 0, summary.stderr
    assert "rating requests sent: 3" in summary.stdout
    assert re.search(r"support\s+1\s+1\s+50 %", summary.stdout), summary.stdout


@pytest.mark.parametrize(
    ("language", "good"),
    [("en", "Good, I am satisfied"), ("ko", "만족합니다"), ("fa", "راضی هستم"), ("th", "พึงพอใจ")],
)
def test_the_request_in_each_language_is_mail_a_mail_expert_accepts(
    tmp_path: Path, language: str, good: str
) -> None:
    config = config_from_toml(ratings_toml(tmp_path, language=language), "<test>")
    notifier = Notifier(config, Templates(config.templates.directory))
    facts = TicketFacts(
        123, "The printer is broken", "closed", "support", CLIENT, "Jo Client", utcnow()
    )
    extra = SAMPLE | {"rating": SAMPLE["rating"] | {"good": LONG_LINK + "good"}}
    prepared = notifier.prepare(
        "rating_request", facts, to=(Party("Jo Client", CLIENT),), extra=extra, now=utcnow()
    )
    check_header(prepared.raw)
    msg = parse(prepared.raw)
    check_subject(prepared.raw, "#[123]", str(msg["Subject"]).removeprefix("#[123] "))
    check_text(msg)
    assert LONG_LINK + "good" in flowed(msg), "a link is never cut"
    page = html_document(msg)
    root = lxml.html.document_fromstring(page)
    assert root.get("lang") == language
    assert root.get("dir") == ("rtl" if language == "fa" else "ltr")
    check_accessible(root)
    assert good in page
    assert next(a.get("href") for a in root.iter("a")) == LONG_LINK + "good"
    assert nu_checker_problems({f"rating-{language}": page}, tmp_path / "html") == []


LONG_LINK = (
    "https://help.example.com/rate/vc5yN1rp-FpzlXKLypDZ8w?ticket=123&expires=1797674400"
    "&sig=BbAk8ZyllZwVC4Ax-mGQNA&choice="
)


def flowed(msg: EmailMessage) -> str:
    from tests.support.mailcheck import flowed_text

    return flowed_text(msg)


def test_the_pages_cookie_is_secure_behind_an_https_address_and_scoped_to_the_pages(
    tmp_path: Path, open_store: Callable[[Config], Store], run_daemon: Callable[..., RunningDaemon]
) -> None:
    text = re.sub(
        r'public_url = "http://[^"]*"', 'public_url = "https://help.test"', ratings_toml(tmp_path)
    )
    config = config_from_toml(text, "<test>")
    store = open_store(config)
    _number, mail = closed_and_asked(
        config, store, Processor(config, store), tmp_path, "How did we do?"
    )
    good = links_of_base(mail, "https://help.test")
    run_daemon(config, ("http",))
    # What the reverse proxy would pass on, asked of the listener directly.
    local = good.replace("https://help.test", f"http://127.0.0.1:{config.http.port}")
    with urllib.request.urlopen(local, timeout=15) as r:
        cookie = r.headers["Set-Cookie"]
        assert r.headers["Referrer-Policy"] == "same-origin"
        assert r.headers["Cache-Control"] == "no-store"
        assert "default-src 'none'" in r.headers["Content-Security-Policy"]
    assert cookie.startswith("mailgate_rating=")
    for attribute in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/rate/"):
        assert attribute in cookie, cookie


def links_of_base(msg: EmailMessage, base: str) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    [good] = re.findall(rf"({re.escape(base)}/rate/\S+choice=good)", part.get_content())
    return str(good)
