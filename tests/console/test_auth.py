"""Signing in to the console, over real HTTP on loopback against the running daemon:
passwords set by ``mailgate agent password``, the session cookie, wrong passwords and
unknown addresses answered alike, throttling per address and per client, session
fixation, expiry, signing out, CSRF and Origin, the trusted header of a single sign-on
proxy, and where a sign-in may lead."""

from __future__ import annotations

import http.client
import logging
import os
import pty
import re
import select
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cache
from http.cookies import SimpleCookie
from pathlib import Path
from typing import cast
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from aiohttp import web
from argon2 import PasswordHasher
from multidict import CIMultiDict
from sqlalchemy import select as sql_select
from sqlalchemy import update

from mailgate.config import Config, config_from_toml
from mailgate.console.origin import client_of, safe_next, secure_cookie
from mailgate.store.accounts_repo import AccountsRepo, check_password, digest_of, hash_password
from mailgate.store.engine import Store
from mailgate.store.models import AgentAccount, ConsoleSession, LoginFailure, utcnow
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.daemon import RunningDaemon
from tests.support.environment import free_port

ANN = "ann@helpdesk-staff.test"  # an agent
ADA = "ada@helpdesk-staff.test"  # an admin
GONE = "gone@helpdesk-staff.test"  # has a password row, and is no more in [[agents]]
NOBODY = "nobody@helpdesk-staff.test"
PASSWORD = "correct horse battery"
PROXY = "127.0.0.2"  # the single sign-on proxy of [console] trusted_proxies
WRONG = "Wrong address or password."


def console_toml(tmp: Path, db_url: str | None = None) -> str:
    return make_toml(
        tmp,
        db_url,
        extra=f"""
[[agents]]
address = "{ANN}"
name = "Ann Agent"

[[agents]]
address = "{ADA}"
name = "Ada Admin"
role = "admin"

[http]
enabled = true
host = "127.0.0.1"
port = {free_port()}

[console]
login_attempts = 3
client_attempts = 5
login_window = "15m"
session_idle = "2h"
session_max = "24h"
trusted_user_header = "X-Remote-User"
trusted_proxies = ["{PROXY}"]
""",
    )


@pytest.fixture(params=["sqlite"])
def config_text(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """SQLite; the tests parametrized with "postgresql" run on the PostgreSQL server."""
    db_url = request.getfixturevalue("pg_url") if request.param == "postgresql" else None
    return console_toml(tmp_path, db_url)


BOTH_DATABASES = pytest.mark.parametrize(
    "config_text",
    ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
    indirect=True,
)


@pytest.fixture
def config(config_text: str, tmp_path: Path) -> Config:
    (tmp_path / "mailgate.toml").write_text(config_text)
    return config_from_toml(config_text, "<test>")


@cache
def _hashed() -> str:
    return hash_password(PASSWORD)


def set_password(store: Store, address: str, hashed: str | None = None) -> None:
    with store.write() as session:
        AccountsRepo(session).set_password(address, hashed or _hashed(), utcnow())


@pytest.fixture
def browser(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> Callable[..., Browser]:
    """The daemon serving the console (Ann and Ada with PASSWORD); a new browser on each
    call, from the loopback address given."""
    set_password(store, ANN)
    set_password(store, ADA)
    run_daemon(config, ("http",))

    def new(source: str = "127.0.0.1") -> Browser:
        return Browser(config.http.port, source)

    return new


def sessions(store: Store, agent: str | None = None) -> list[ConsoleSession]:
    with store.read() as s:
        query = sql_select(ConsoleSession)
        if agent is not None:
            query = query.where(ConsoleSession.agent == agent)
        return list(s.scalars(query))


def age_sessions(store: Store, agent: str, *, seen: timedelta, created: timedelta) -> None:
    """Make the agent's sessions look signed in ``created`` ago and last used ``seen`` ago."""
    now = utcnow()
    with store.write() as s:
        s.execute(
            update(ConsoleSession)
            .where(ConsoleSession.agent == agent)
            .values(seen_at=now - seen, created_at=now - created)
        )


def signed_in(b: Browser) -> Page:
    page = b.get("/")
    assert page.status == 200, (page.status, page.location)
    assert 'id="nav"' in page.text
    return page


def signed_out(b: Browser) -> None:
    page = b.get("/")
    assert page.status == 303
    assert page.location == "/login?next=/"


# -- a browser without a screen --------------------------------------------------------------
# Cookies kept as a browser keeps them, redirects not followed, the client's source address
# chosen: any address of 127.0.0.0/8 reaches a listener on 127.0.0.1, which sees it as the
# peer (the trusted proxy, other clients).


@dataclass
class Page:
    status: int
    headers: list[tuple[str, str]]
    text: str

    def header(self, name: str) -> str | None:
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    @property
    def location(self) -> str | None:
        return self.header("Location")

    @property
    def set_cookies(self) -> list[str]:
        """The ``Set-Cookie`` lines, as sent."""
        return [v for k, v in self.headers if k.lower() == "set-cookie"]

    @property
    def csrf(self) -> str:
        """The CSRF token a signed-in page carries (``<body data-csrf>``)."""
        found = re.search(r'data-csrf="([^"]*)"', self.text)
        assert found, f"no CSRF token in the page ({self.status})"
        assert found.group(1), "an empty CSRF token"
        return found.group(1)

    @property
    def error(self) -> str | None:
        """The sign-in page's error (``#login-error``)."""
        found = re.search(r'id="login-error"[^>]*>([^<]*)<', self.text)
        return found.group(1) if found else None


@dataclass
class Browser:
    port: int
    source: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Page:
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=30, source_address=(self.source, 0)
        )
        sent = {"User-Agent": "console-tests"} | self.headers | (headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            r = conn.getresponse()
            page = Page(r.status, r.getheaders(), r.read().decode("utf-8", "replace"))
        finally:
            conn.close()
        for line in page.set_cookies:
            for name, morsel in SimpleCookie(line).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return page

    def get(self, path: str, **kw: dict[str, str]) -> Page:
        return self.request("GET", path, **kw)

    def post(self, path: str, form: dict[str, str] | None = None, **kw: dict[str, str]) -> Page:
        return self.request("POST", path, form if form is not None else {}, **kw)

    def sign_in(self, address: str, password: str, next: str = "") -> Page:
        form = {"address": address, "password": password}
        if next:
            form["next"] = next
        return self.post("/login", form)

    @property
    def session(self) -> str | None:
        return self.cookies.get("mailgate_session")


# -- signing in ------------------------------------------------------------------------------


def test_an_agent_signs_in_with_the_password_set_by_the_command(
    config_text: str,
    config: Config,
    store: Store,
    tmp_path: Path,
    run_daemon: Callable[..., RunningDaemon],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO)
    done = run_cli(config_text, tmp_path, "agent", "password", ANN, input=PASSWORD + "\n")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{ANN}: password set, 0 sessions ended\n"
    with store.read() as s:
        account = s.get(AgentAccount, ANN)
        assert account is not None
        assert account.password_hash is not None
        assert account.password_hash.startswith("$argon2id$")
    assert check_password(account.password_hash, PASSWORD).right
    run_daemon(config, ("http",))
    b = Browser(config.http.port)

    first = b.get("/")
    assert first.status == 303
    assert first.location == "/login?next=/"
    form = b.get("/login")
    assert form.status == 200
    assert 'id="login"' in form.text
    assert 'name="address"' in form.text
    assert 'name="password"' in form.text
    assert 'type="submit"' in form.text

    done_in = b.sign_in(ANN.upper(), PASSWORD)  # addresses are matched as configured
    assert done_in.status == 303
    assert done_in.location == "/"
    (cookie,) = done_in.set_cookies
    name_value, *attributes = [part.strip() for part in cookie.split(";")]
    token = name_value.removeprefix("mailgate_session=")
    assert len(token) >= 43  # secrets.token_urlsafe(32)
    lowered = [a.lower() for a in attributes]
    assert "httponly" in lowered
    assert "samesite=lax" in lowered
    assert "path=/" in lowered
    assert "secure" not in lowered  # a loopback listener ("auto")
    assert not any(a.startswith(("max-age", "expires")) for a in lowered)  # ends with the browser

    (row,) = sessions(store, ANN)
    assert row.digest == digest_of(token) != token  # the database holds no token
    assert row.client == "127.0.0.1"
    assert row.user_agent == "console-tests"
    page = signed_in(b)
    assert "Ann Agent" in page.text
    assert page.csrf == row.csrf
    assert 'id="nav-held"' not in page.text  # an agent, not an admin

    assert f"console: {ANN} signed in from 127.0.0.1" in caplog.text
    assert PASSWORD not in caplog.text


def test_the_role_is_the_one_of_agents(browser: Callable[..., Browser]) -> None:
    b = browser()
    assert b.sign_in(ADA, PASSWORD).status == 303
    page = signed_in(b)
    assert 'id="nav-held"' in page.text
    assert 'id="nav-figures"' in page.text


def test_wrong_password_unknown_address_and_removed_agent_get_the_same_answer(
    browser: Callable[..., Browser], store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    set_password(store, GONE)  # a password row, but not an agent of [[agents]]
    answers = {}
    for address, password in (
        (ANN, "not the password"),
        (NOBODY, PASSWORD),
        (GONE, PASSWORD),
        ("", PASSWORD),
    ):
        b = browser()
        page = b.sign_in(address, password)
        assert page.status == 401, address
        assert page.error == WRONG
        assert not page.set_cookies
        assert b.session is None
        answers[address] = page.text.replace(f'value="{address}"', 'value="ADDRESS"')
        assert f"console: failed sign-in for {address} from 127.0.0.1" in caplog.text
    assert len(set(answers.values())) == 1
    assert PASSWORD not in caplog.text
    assert "not the password" not in caplog.text
    assert sessions(store) == []


@BOTH_DATABASES
def test_a_disabled_agent_cannot_sign_in_and_is_signed_out(
    browser: Callable[..., Browser], config_text: str, store: Store, tmp_path: Path
) -> None:
    b = browser()
    assert b.sign_in(ANN, PASSWORD).status == 303
    done = run_cli(config_text, tmp_path, "agent", "disable", ANN)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{ANN}: sign-in disabled, 1 session ended\n"
    signed_out(b)
    refused = b.sign_in(ANN, PASSWORD)
    assert refused.status == 401
    assert refused.error == WRONG

    done = run_cli(config_text, tmp_path, "agent", "enable", ANN)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{ANN}: sign-in enabled\n"
    assert b.sign_in(ANN, PASSWORD).status == 303
    signed_in(b)


def test_a_weaker_hash_is_replaced_at_sign_in(
    browser: Callable[..., Browser], store: Store
) -> None:
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash(PASSWORD)
    set_password(store, ANN, weak)
    assert browser().sign_in(ANN, PASSWORD).status == 303
    with store.read() as s:
        account = s.get(AgentAccount, ANN)
        assert account is not None
        assert account.password_hash is not None
    assert account.password_hash != weak
    assert not PasswordHasher().check_needs_rehash(account.password_hash)
    assert check_password(account.password_hash, PASSWORD).right


# -- throttling ------------------------------------------------------------------------------


@BOTH_DATABASES
def test_sign_in_for_an_address_is_refused_after_too_many_failures(
    browser: Callable[..., Browser], store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    b = browser()
    for _ in range(3):  # [console] login_attempts
        assert b.sign_in(ANN, "a wrong guess!").status == 401
    refused = b.sign_in(ANN, PASSWORD)  # even the right password is not checked
    assert refused.status == 429
    assert refused.error == "Too many attempts: try again in 15 minutes."
    assert 840 < int(refused.header("Retry-After") or 0) <= 900
    assert b.session is None
    assert "too many failed sign-ins" in caplog.text
    # Other agents, from the same client, are not refused.
    assert browser().sign_in(ADA, PASSWORD).status == 303

    # Once the oldest failure has left the window, Ann may try again.
    with store.write() as s:
        oldest = s.scalars(sql_select(LoginFailure).order_by(LoginFailure.at)).first()
        assert oldest is not None
        oldest.at -= timedelta(minutes=15)
    assert b.sign_in(ANN, PASSWORD).status == 303
    signed_in(b)
    # Her failures are forgotten; the client's stay counted.
    with store.read() as s:
        assert s.scalars(sql_select(LoginFailure).where(LoginFailure.address == ANN)).all() == []
        client = sql_select(LoginFailure).where(LoginFailure.client == "127.0.0.1")
        assert len(s.scalars(client).all()) == 3


def test_sign_in_from_a_client_is_refused_after_too_many_failures(
    browser: Callable[..., Browser],
) -> None:
    guesser = browser("127.0.0.3")
    for n in range(5):  # [console] client_attempts, each for another address
        assert guesser.sign_in(f"guess{n}@helpdesk-staff.test", PASSWORD).status == 401
    refused = guesser.sign_in(ANN, PASSWORD)
    assert refused.status == 429
    assert "try again in 15 minutes" in (refused.error or "")
    # Ann, from her own machine, signs in.
    assert browser("127.0.0.4").sign_in(ANN, PASSWORD).status == 303


def test_guesses_sent_at_once_are_counted_before_each_password_is_checked(
    browser: Callable[..., Browser], store: Store
) -> None:
    guessers = [browser() for _ in range(12)]
    with ThreadPoolExecutor(len(guessers)) as pool:
        pages = list(pool.map(lambda b: b.sign_in(ANN, "a wrong guess!"), guessers))
    statuses = [p.status for p in pages]
    assert set(statuses) == {401, 429}
    # [console] login_attempts is 3; two passwords are checked at a time, so a guess may
    # be checked while the third failure is being recorded — never more.
    assert statuses.count(401) <= 3 + 1
    with store.read() as s:
        assert len(s.scalars(sql_select(LoginFailure)).all()) == statuses.count(401)


@BOTH_DATABASES
def test_an_address_no_database_column_holds_is_a_wrong_address(
    browser: Callable[..., Browser],
) -> None:
    # PostgreSQL refuses NUL in a text parameter: the answer is still the usual one.
    page = browser().sign_in(f"{ANN}\x00", PASSWORD)
    assert page.status == 401
    assert page.error == WRONG
    assert browser().sign_in(ANN, PASSWORD).status == 303


# -- the session -----------------------------------------------------------------------------


@BOTH_DATABASES
def test_signing_in_always_makes_a_new_session_whatever_cookie_came(
    browser: Callable[..., Browser], store: Store
) -> None:
    # A token planted by someone else before the sign-in is not the session afterwards.
    b = browser()
    b.cookies["mailgate_session"] = "planted-by-the-attacker-0123456789abcdefghijk"
    signed_out(b)
    assert b.sign_in(ANN, PASSWORD).status == 303
    assert b.session not in (None, "planted-by-the-attacker-0123456789abcdefghijk")
    assert digest_of("planted-by-the-attacker-0123456789abcdefghijk") not in {
        r.digest for r in sessions(store)
    }
    # Signing in again in the same browser replaces its session: the old token is dead.
    before = b.session
    assert before is not None
    assert b.sign_in(ANN, PASSWORD).status == 303
    assert b.session != before
    assert [r.digest for r in sessions(store, ANN)] == [digest_of(b.session or "")]
    stale = browser()
    stale.cookies["mailgate_session"] = before
    signed_out(stale)


@BOTH_DATABASES
def test_a_session_ends_after_session_idle_and_after_session_max(
    browser: Callable[..., Browser], store: Store
) -> None:
    b = browser()
    assert b.sign_in(ANN, PASSWORD).status == 303
    age_sessions(store, ANN, seen=timedelta(hours=2, seconds=-30), created=timedelta(hours=3))
    signed_in(b)  # used within session_idle: alive, and seen now
    (row,) = sessions(store, ANN)
    assert utcnow() - row.seen_at < timedelta(seconds=30)

    age_sessions(store, ANN, seen=timedelta(hours=2), created=timedelta(hours=3))
    signed_out(b)

    assert b.sign_in(ANN, PASSWORD).status == 303
    age_sessions(store, ANN, seen=timedelta(0), created=timedelta(hours=24))
    signed_out(b)


def test_seen_at_is_written_at_most_once_a_minute(
    browser: Callable[..., Browser], store: Store
) -> None:
    b = browser()
    assert b.sign_in(ANN, PASSWORD).status == 303
    age_sessions(store, ANN, seen=timedelta(seconds=50), created=timedelta(minutes=5))
    (before,) = sessions(store, ANN)
    signed_in(b)
    (after,) = sessions(store, ANN)
    assert after.seen_at == before.seen_at
    age_sessions(store, ANN, seen=timedelta(seconds=61), created=timedelta(minutes=5))
    signed_in(b)
    (touched,) = sessions(store, ANN)
    assert utcnow() - touched.seen_at < timedelta(seconds=30)


@BOTH_DATABASES
def test_signing_out_ends_the_session_and_everywhere_ends_all_of_them(
    browser: Callable[..., Browser], store: Store
) -> None:
    one, two, three = browser(), browser(), browser()
    for b in (one, two, three):
        assert b.sign_in(ANN, PASSWORD).status == 303
    admin = browser()
    assert admin.sign_in(ADA, PASSWORD).status == 303
    old = one.session
    out = one.post("/logout", {"csrf": signed_in(one).csrf})
    assert out.status == 303
    assert out.location == "/login"
    (cleared,) = out.set_cookies
    assert cleared.startswith("mailgate_session=")
    assert "Max-Age=0" in cleared
    assert one.session is None
    one.cookies["mailgate_session"] = old or ""
    signed_out(one)
    signed_in(two)
    signed_in(three)

    everywhere = two.post("/logout/everywhere", {"csrf": signed_in(two).csrf})
    assert everywhere.status == 303
    assert everywhere.location == "/login"
    signed_out(two)
    signed_out(three)
    assert sessions(store, ANN) == []
    signed_in(admin)  # other agents' sessions go on


def test_the_commands_end_sessions(
    browser: Callable[..., Browser], config_text: str, store: Store, tmp_path: Path
) -> None:
    b, other = browser(), browser()
    assert b.sign_in(ANN, PASSWORD).status == 303
    assert other.sign_in(ANN, PASSWORD).status == 303
    listed = run_cli(config_text, tmp_path, "agent", "sessions", ANN)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.startswith(f"{ANN}: password set\n")
    assert listed.stdout.count("console-tests") == 2
    assert "127.0.0.1" in listed.stdout

    done = run_cli(config_text, tmp_path, "agent", "signout", ANN)
    assert done.stdout == f"{ANN}: 2 sessions ended\n"
    signed_out(b)

    assert b.sign_in(ANN, PASSWORD).status == 303
    new = "another long password"
    done = run_cli(config_text, tmp_path, "agent", "password", ANN, input=new)
    assert done.stdout == f"{ANN}: password set, 1 session ended\n"
    signed_out(b)
    assert b.sign_in(ANN, PASSWORD).status == 401
    assert b.sign_in(ANN, new).status == 303


# -- what a request must carry ---------------------------------------------------------------


def test_without_a_session_pages_lead_to_sign_in_and_actions_are_refused(
    browser: Callable[..., Browser],
) -> None:
    b = browser()
    page = b.get("/queue/mine?page=2")
    assert page.status == 303
    location = urlsplit(page.location or "")
    assert location.path == "/login"
    assert parse_qs(location.query) == {"next": ["/queue/mine?page=2"]}
    form = b.get(page.location or "")
    assert 'name="next" value="/queue/mine?page=2"' in form.text
    assert b.post("/logout", {"csrf": "x"}).status == 401
    assert b.post("/bulk", {"csrf": "x"}).status == 401
    b.cookies["mailgate_session"] = "no-such-session"
    assert b.get("/queue/unassigned").status == 303
    assert b.post("/logout").status == 401

    signed = b.sign_in(ANN, PASSWORD, next="/queue/mine?page=2")
    assert signed.status == 303
    assert signed.location == "/queue/mine?page=2"


def test_a_change_without_the_sessions_csrf_token_is_refused(
    browser: Callable[..., Browser], caplog: pytest.LogCaptureFixture
) -> None:
    b, other = browser(), browser()
    assert b.sign_in(ANN, PASSWORD).status == 303
    assert other.sign_in(ANN, PASSWORD).status == 303
    mine, theirs = signed_in(b).csrf, signed_in(other).csrf
    assert mine != theirs
    assert b.post("/logout").status == 403
    assert b.post("/logout", {"csrf": ""}).status == 403
    assert b.post("/logout", {"csrf": mine[:-1]}).status == 403
    assert b.post("/logout", {"csrf": theirs}).status == 403  # another session's
    assert b.post("/logout", headers={"X-CSRF-Token": "wrong"}).status == 403
    assert "the CSRF token is missing" in caplog.text
    assert "the CSRF token is wrong" in caplog.text
    signed_in(b)
    # From another site, even with the token (a page of the console framed or copied).
    for origin in ("http://evil.test", "null", f"http://127.0.0.1:{b.port + 1}"):
        refused = b.post("/logout", {"csrf": mine}, headers={"Origin": origin})
        assert refused.status == 403, origin
    signed_in(b)
    assert b.post("/logout", headers={"X-CSRF-Token": mine}).status == 303
    signed_out(b)

    own = f"http://127.0.0.1:{b.port}"
    assert other.post("/logout", {"csrf": theirs}, headers={"Origin": own}).status == 303


def test_a_sign_in_posted_from_another_site_is_refused(browser: Callable[..., Browser]) -> None:
    b = browser()
    refused = b.post(
        "/login", {"address": ANN, "password": PASSWORD}, headers={"Origin": "http://evil.test"}
    )
    assert refused.status == 403
    assert b.session is None


@pytest.mark.parametrize(
    "wanted",
    [
        "//evil.test/",
        "///evil.test/",
        "https://evil.test/",
        "/\\evil.test",
        "\\\\evil.test",
        "javascript:alert(1)",
        "/%0d%0aSet-Cookie:x=1",
        "/\r\nSet-Cookie: x=1",
        " /queue/mine",
        "/queue/\u00e9",
        "evil.test",
        "/login?next=//evil.test",
        "",
    ],
)
def test_after_sign_in_only_a_path_of_this_site_is_followed(wanted: str) -> None:
    expected = "/%0d%0aSet-Cookie:x=1" if wanted.startswith("/%0d") else "/"
    assert safe_next(wanted) == expected


def test_sign_in_never_leads_to_another_site(browser: Callable[..., Browser]) -> None:
    b = browser()
    page = b.get("/login?next=//evil.test/x")
    assert 'name="next" value="/"' in page.text
    for wanted in ("//evil.test/x", "https://evil.test/", "/\\evil.test"):
        done = b.sign_in(ANN, PASSWORD, next=wanted)
        assert (done.status, done.location) == (303, "/"), wanted
    done = b.sign_in(ANN, PASSWORD, next="/tickets/1#reply")
    assert done.location == "/tickets/1#reply"


# -- single sign-on --------------------------------------------------------------------------


@BOTH_DATABASES
def test_the_trusted_header_signs_in_from_the_trusted_proxy(
    browser: Callable[..., Browser], store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    proxy = browser(PROXY)
    proxy.headers["X-Remote-User"] = "Ann@Helpdesk-Staff.test"
    first = proxy.get("/")
    assert first.status == 200
    assert 'id="nav"' in first.text
    (cookie,) = first.set_cookies
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert f"console: {ANN} signed in through the X-Remote-User header" in caplog.text
    # The same session afterwards, with its CSRF token.
    again = proxy.get("/")
    assert again.status == 200
    assert not again.set_cookies
    assert len(sessions(store, ANN)) == 1
    assert proxy.post("/logout", {"csrf": "wrong"}).status == 403

    # The header names the agent, whatever session the cookie holds.
    proxy.headers["X-Remote-User"] = ADA
    switched = proxy.get("/")
    assert switched.status == 200
    assert switched.set_cookies
    assert 'id="nav-held"' in switched.text
    assert [r.agent for r in sessions(store)] == [ADA]

    # Whom the proxy names must be an agent allowed to sign in.
    proxy.headers["X-Remote-User"] = NOBODY
    refused = proxy.get("/")
    assert refused.status == 403
    assert "not an agent" in refused.text


def test_the_trusted_header_of_a_disabled_agent_is_refused(
    browser: Callable[..., Browser], store: Store
) -> None:
    with store.write() as s:
        AccountsRepo(s).set_disabled(ANN, True, utcnow())
    proxy = browser(PROXY)
    refused = proxy.get("/", headers={"X-Remote-User": ANN})
    assert refused.status == 403
    assert not refused.set_cookies


def test_the_trusted_header_from_any_other_client_is_ignored(
    browser: Callable[..., Browser], store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    b = browser("127.0.0.1")
    b.headers["X-Remote-User"] = ANN
    for _ in range(2):
        page = b.get("/")
        assert page.status == 303
        assert page.location == "/login?next=/"
        assert not page.set_cookies
    assert sessions(store) == []
    warnings = [r for r in caplog.records if "ignored the X-Remote-User header" in r.message]
    assert len(warnings) == 1
    assert warnings[0].levelno == logging.WARNING
    # Nor does it change whose session a signed-in browser has.
    assert b.sign_in(ADA, PASSWORD).status == 303
    assert 'id="nav-held"' in signed_in(b).text


# -- the commands ----------------------------------------------------------------------------


def test_the_password_is_one_line_of_standard_input_without_its_line_end(
    config_text: str, store: Store, tmp_path: Path
) -> None:
    done = run_cli(config_text, tmp_path, "agent", "password", ANN, input=PASSWORD + "\r\n")
    assert done.returncode == 0, done.stderr
    with store.read() as s:
        account = s.get(AgentAccount, ANN)
        assert account is not None
    assert check_password(account.password_hash, PASSWORD).right


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("", "the password is empty"),
        ("\n", "the password is empty"),
        ("too short\n", "shorter than 10 characters"),
        ("first line is long\nsecond line\n", "one line"),
        ("x" * 1025, "longer than 1024 characters"),
    ],
)
def test_a_password_that_would_not_do_is_refused(
    config_text: str, store: Store, tmp_path: Path, typed: str, said: str
) -> None:
    done = run_cli(config_text, tmp_path, "agent", "password", ANN, input=typed)
    assert done.returncode == 1
    assert said in done.stderr
    assert "nothing changed" in done.stderr
    with store.read() as s:
        assert s.get(AgentAccount, ANN) is None


@pytest.mark.parametrize("command", ["password", "disable", "enable", "sessions", "signout"])
def test_the_commands_take_only_agents_of_the_configuration(
    config_text: str, tmp_path: Path, command: str
) -> None:
    done = run_cli(config_text, tmp_path, "agent", command, NOBODY, input=PASSWORD)
    assert done.returncode == 2
    assert done.stderr == (
        f"mailgate: {NOBODY}: not an agent of [[agents]] (agents: {ANN}, {ADA})\n"
    )


def _typed_in_terminal(config_text: str, tmp_path: Path, answers: list[str]) -> tuple[int, str]:
    """``mailgate agent password ANN`` on a terminal, typing ``answers`` at its prompts."""
    conf = tmp_path / "mailgate.toml"
    conf.write_text(config_text)
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailgate", "--config", str(conf), "agent", "password", ANN],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        start_new_session=True,
        env=os.environ | {"TERM": "xterm"},
    )
    os.close(slave)
    out, deadline = b"", time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1)
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                out += chunk
                if answers and out.endswith(b": "):
                    os.write(master, answers.pop(0).encode() + b"\n")
        code = proc.wait(timeout=60)
    finally:
        os.close(master)
    return code, out.decode().replace("\r\n", "\n")


def test_on_a_terminal_the_password_is_typed_twice(
    config_text: str, store: Store, tmp_path: Path
) -> None:
    code, out = _typed_in_terminal(config_text, tmp_path, [PASSWORD, "something else!"])
    assert code == 1
    assert "the passwords differ; nothing changed" in out
    assert PASSWORD not in out  # not echoed
    with store.read() as s:
        assert s.get(AgentAccount, ANN) is None

    code, out = _typed_in_terminal(config_text, tmp_path, [PASSWORD, PASSWORD])
    assert code == 0, out
    assert f"New password for {ANN}:" in out
    assert "Again:" in out
    assert f"{ANN}: password set" in out
    with store.read() as s:
        account = s.get(AgentAccount, ANN)
        assert account is not None
    assert check_password(account.password_hash, PASSWORD).right


# -- behind a reverse proxy ------------------------------------------------------------------


def test_a_trusted_proxy_is_believed_about_the_client_the_scheme_and_the_host(
    browser: Callable[..., Browser], store: Store
) -> None:
    proxy = browser(PROXY)
    proxy.headers |= {
        "X-Forwarded-For": "203.0.113.9, 198.51.100.7",  # the last hop the proxy saw
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "help.example.test",
    }
    done = proxy.sign_in(ANN, PASSWORD)
    assert done.status == 303
    (cookie,) = done.set_cookies
    assert "Secure" in cookie  # the browser reached the proxy over HTTPS
    assert [r.client for r in sessions(store, ANN)] == ["198.51.100.7"]
    origin = {"Origin": "https://help.example.test"}
    assert proxy.post("/logout", {"csrf": signed_in(proxy).csrf}, headers=origin).status == 303

    # Failures are counted per client behind the proxy, not per proxy.
    for n in range(5):
        assert proxy.sign_in(f"guess{n}@helpdesk-staff.test", PASSWORD).status == 401
    assert proxy.sign_in(ANN, PASSWORD).status == 429
    other = browser(PROXY)
    other.headers["X-Forwarded-For"] = "198.51.100.8"
    assert other.sign_in(ANN, PASSWORD).status == 303


def test_forwarded_headers_from_any_other_client_are_not_believed(
    browser: Callable[..., Browser], store: Store
) -> None:
    b = browser("127.0.0.1")
    b.headers |= {
        "X-Forwarded-For": "198.51.100.7",
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "help.example.test",
    }
    done = b.sign_in(ANN, PASSWORD)
    (cookie,) = done.set_cookies
    assert "Secure" not in cookie
    assert [r.client for r in sessions(store, ANN)] == ["127.0.0.1"]
    refused = b.post(
        "/logout", {"csrf": signed_in(b).csrf}, headers={"Origin": "https://help.example.test"}
    )
    assert refused.status == 403


@dataclass
class _Arrived:
    """What these functions read of a request: the peer and the headers."""

    remote: str
    headers: CIMultiDict[str] = field(default_factory=CIMultiDict)


def _request(peer: str) -> web.Request:
    return cast(web.Request, _Arrived(peer))


@pytest.mark.parametrize(
    ("host", "mode", "secure"),
    [
        ("127.0.0.1", "auto", False),
        ("::1", "auto", False),
        ("localhost", "auto", False),
        ("0.0.0.0", "auto", True),
        ("192.0.2.10", "auto", True),
        ("127.0.0.1", "always", True),
        ("192.0.2.10", "never", False),
    ],
)
def test_the_cookie_is_secure_unless_the_listener_is_loopback(
    config: Config, host: str, mode: str, secure: bool
) -> None:
    changed = config.model_copy(
        update={
            "http": config.http.model_copy(update={"host": host}),
            "console": config.console.model_copy(update={"secure_cookie": mode}),
        }
    )
    assert secure_cookie(_request("192.0.2.99"), changed) is secure


def test_an_ipv6_client_is_counted_as_its_network(config: Config) -> None:
    assert client_of(_request("2001:db8:1:2:3:4:5:6"), config) == "2001:db8:1:2::/64"
    assert client_of(_request("::ffff:192.0.2.1"), config) == "192.0.2.1"
    assert client_of(_request("192.0.2.1"), config) == "192.0.2.1"
