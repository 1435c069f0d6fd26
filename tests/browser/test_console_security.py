"""The console under attack, in a real browser against ``mailgate run``: nothing without a
session, forms posted without the session's CSRF token refused, no session fixation,
script in mail (subject, names, HTML, attachment names) inert on every page, no framing by
another site, sign-in throttled.

"Another site" is a server of the test on another loopback port: another origin, the
same site (cookies are sent to it as to the console: only the CSRF token and the framing
rules stand in the way, which is what is tested)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from email.utils import formataddr

import pytest
from aiohttp import web
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from mailgate.api.app import build_app
from mailgate.api.common import Api
from mailgate.api.tokens import Tokens
from mailgate.notify import Notifier, Templates
from mailgate.store.models import Event, InboxRow, Ticket
from tests.support.browser import (
    ANN,
    BOB,
    CARL,
    COOKIE,
    PASSWORDS,
    Browser,
    ConsoleServer,
    OtherSite,
    serving,
)
from tests.support.waiting import wait_for

CLIENT = "jo@client.test"
LOGIN_ATTEMPTS = 3


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    """The module's daemon: few failed sign-ins allowed per address (one agent, Carl, is
    locked out by a test), many per client (the tests all come from 127.0.0.1)."""
    keys = f"login_attempts = {LOGIN_ATTEMPTS}\nclient_attempts = 50\n"
    with serving(tmp_path_factory.mktemp("console"), console=keys) as server:
        yield server


def tag() -> str:
    return secrets.token_hex(4)


def new_ticket(console: ConsoleServer, **mail: object) -> int:
    return console.ticket_of(console.send(CLIENT, **mail))


def status_and_events(console: ConsoleServer, number: int) -> tuple[str, str | None, int]:
    with console.store.read() as s:
        ticket = s.get(Ticket, number)
        assert ticket is not None
        events = s.query(Event).filter(Event.ticket_id == number).count()
        return ticket.status, ticket.assignee, events


# -- what the console serves -----------------------------------------------------------------

# Served to anyone: the sign-in page (and its form) and the static files.
# The sign-in page, the style sheets and the rating pages a client opens from a mail
# (each checks its own signed link, tests/test_ratings.py).
ANONYMOUS = re.compile(r"^/(login|static/|rate/)")


def console_routes(console: ConsoleServer) -> list[tuple[str, str]]:
    """(method, path template) of every route of the console: the root application's
    routes, leaving out the API, the metrics and the health check."""
    executor = ThreadPoolExecutor(max_workers=1)
    config = console.config
    api = Api(
        config,
        console.store,
        Notifier(config, Templates(config.templates.directory)),
        Tokens(config.http.tokens_file, config),
        executor,
    )
    app = build_app(api)
    executor.shutdown()
    found = []
    for resource in app.router.resources():
        if isinstance(getattr(resource, "_app", None), web.Application):
            continue  # the API's sub-application
        path = resource.canonical
        if path.startswith(("/metrics", "/healthz", "/api")):
            continue
        found += [(route.method, path) for route in resource if route.method != "HEAD"]
    return sorted(set(found))


def concrete(template: str, number: int, held: int) -> str:
    """A path of ``template`` naming real things: ticket ``number``, held mail ``held``."""
    values = {"status": "open", "name": "support", "department": "support"}

    def value(m: re.Match[str]) -> str:
        name = m.group(1).split(":")[0]
        if name in values:
            return values[name]
        return str(held if "held" in template else number)

    return re.sub(r"\{([^}]+)\}", value, template)


def held_mail(console: ConsoleServer, **mail: object) -> int:
    """An automatic reply (held, on no ticket) sent over SMTP: its inbox id."""
    message_id = console.send(
        "kim@other.test",
        from_=mail.pop("from_", "Kim <kim@other.test>"),
        headers={"Auto-Submitted": "auto-replied"},
        **mail,
    )

    def held() -> int | None:
        with console.store.read() as s:
            row = s.query(InboxRow).filter(InboxRow.state == "held").order_by(InboxRow.id.desc())
            for r in row:
                if message_id.encode() in r.raw:
                    return r.id
        return None

    return int(wait_for(held, 30, "the automatic reply to be held"))


def test_no_page_and_no_action_without_a_session(console: ConsoleServer) -> None:
    number = new_ticket(console, subject=f"Locked out {tag()}")
    held = held_mail(console, subject=f"Out of office {tag()}")
    before = status_and_events(console, number)
    routes = console_routes(console)
    assert ("GET", "/") in routes
    assert ("POST", "/bulk") in routes
    guarded = [(m, p) for m, p in routes if not ANONYMOUS.match(p)]
    for cookie in (None, "", secrets.token_urlsafe(32)):
        for method, template in guarded:
            path = concrete(template, number, held)
            form = {"ticket": str(number), "action": "close", "body": "x", "csrf": "x"}
            r = console.request(method, path, cookie=cookie, form=None if method == "GET" else form)
            if method == "GET":
                assert r.status == 303, (method, path, r.status)
                assert r.headers["Location"].startswith("/login"), (path, r.headers)
            else:
                assert r.status == 401, (method, path, r.status)
    assert status_and_events(console, number) == before
    with console.store.read() as s:
        row = s.get(InboxRow, held)
        assert row is not None
        assert row.state == "held"


# -- CSRF ------------------------------------------------------------------------------------


def test_a_form_without_the_sessions_csrf_token_is_refused_and_changes_nothing(
    console: ConsoleServer, browser: Browser
) -> None:
    number = new_ticket(console, subject=f"Please close me {tag()}")
    before = status_and_events(console, number)
    browser.sign_in(BOB)
    row = browser.wait_for(f"form#bulk tr.ticket[data-number='{number}']")
    browser.find("input[name=ticket]", row).click()
    browser.js("document.querySelector('form#bulk input[name=csrf]').value = 'forged'")
    browser.click("form#bulk button[name=action][value=close]")
    browser.wait_for("section.error h1")
    assert status_and_events(console, number) == before

    cookie = browser.session
    assert cookie
    form = {"ticket": str(number), "action": "close"}
    for sent, headers in (
        ({}, {}),
        ({"csrf": ""}, {}),
        ({"csrf": "forged"}, {}),
        ({}, {"X-CSRF-Token": "forged"}),
    ):
        r = console.request("POST", "/bulk", cookie=cookie, form=form | sent, headers=headers)
        assert r.status == 403, (sent, headers, r.status)
    assert status_and_events(console, number) == before

    # Another site's page posting the same form: the browser sends the cookie (same
    # site), not the token.
    attack = f"""<!doctype html><title>You won</title>
<form id="f" method="post" action="{console.base}/bulk">
<input name="ticket" value="{number}"><input name="action" value="close">
</form><script>document.getElementById("f").submit()</script>"""
    with OtherSite({"/": attack}) as site:
        browser.driver.get(site.base + "/")
        browser.wait_for("section.error h1")
        assert browser.driver.current_url == f"{console.base}/bulk"
    assert status_and_events(console, number) == before

    # The session's own token does it: the refusals above were the token's.
    browser.go("/")
    row = browser.wait_for(f"form#bulk tr.ticket[data-number='{number}']")
    browser.find("input[name=ticket]", row).click()
    browser.click("form#bulk button[name=action][value=close]")
    browser.wait_until(lambda d: status_and_events(console, number)[0] == "closed", "closed")


# -- sessions ---------------------------------------------------------------------------------


def test_a_session_cookie_set_before_sign_in_is_not_the_session_after(
    console: ConsoleServer, browser: Browser
) -> None:
    planted = secrets.token_urlsafe(32)
    browser.go("/login")
    browser.driver.add_cookie({"name": COOKIE, "value": planted, "path": "/"})
    browser.go("/")
    browser.wait_for("form#login")
    browser.fill("form#login input[name=address]", BOB)
    browser.fill("form#login input[name=password]", PASSWORDS[BOB])
    browser.click("form#login [type=submit]")
    browser.wait_for("nav#nav")
    session = browser.session
    assert session
    assert session != planted
    assert console.request("GET", "/", cookie=planted).status == 303
    assert console.request("GET", "/", cookie=session).status == 200

    browser.click("form#logout [type=submit]")
    browser.wait_for("form#login")
    assert console.request("GET", "/", cookie=session).status == 303, "signed out for good"


def test_the_session_cookie_is_httponly_and_samesite_lax(console: ConsoleServer) -> None:
    r = console.request(
        "POST", "/login", form={"address": ANN, "password": PASSWORDS[ANN], "next": "/"}
    )
    assert r.status == 303, r.status
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=")
    attributes = {a.strip().split("=")[0].lower(): a for a in cookie.split(";")[1:]}
    assert "httponly" in attributes
    assert attributes["samesite"].strip().lower() == "samesite=lax"
    assert "secure" not in attributes, "a loopback listener: plain HTTP"
    assert r.headers["Location"] == "/"


# -- script in mail --------------------------------------------------------------------------


def xss_mail(word: str) -> dict[str, object]:
    """A client's message carrying script wherever mail can: subject, display name, HTML
    body, text body, attachment names.  Script that ran would set ``window.__xss``."""
    html = (
        "<p>Hello</p>"
        "<script>window.__xss = 'html script'; alert(1)</script>"
        "<img src=x onerror=\"window.__xss = 'html onerror'; alert(2)\">"
        "<a href=\"javascript:window.__xss = 'html link'; alert(3)\" id=jslink>Click me</a>"
        "<svg onload=\"window.__xss = 'svg'\"><circle r=1></circle></svg>"
        "<iframe srcdoc=\"<script>parent.__xss = 'srcdoc'</script>\"></iframe>"
        '<form action="javascript:alert(4)"><button>Go</button></form>'
    )
    return {
        "subject": f"<script>window.__xss='subject';alert(5)</script> Invoice {word}"
        " <img src=x onerror=\"window.__xss='subject img';alert(6)\">",
        "from_": formataddr(
            ("<img src=x onerror=window.__xss='name';alert(7)> Eve", "eve@client.test")
        ),
        "body": f"<script>window.__xss='text'</script> {word}\n",
        "html": html,
        "attachments": [
            ("<img src=x onerror=window.__xss='file';alert(8)>.png", "image/png", b"\x89PNG"),
            ("\"><svg onload=window.__xss='file2'>.txt", "text/plain", b"hello\n"),
        ],
    }


# Elements and attributes that would run script, in a page or a frame.
RUNNABLE = (
    "script:not([src])",
    "script[src]:not([src^='/static/'])",
    "[onerror]",
    "[onload]",
    "[onclick]",
    "a[href^='javascript:' i]",
    "form[action^='javascript:' i]",
    "iframe[srcdoc]",
)


def assert_inert(browser: Browser, page: str) -> None:
    assert not browser.alert_shown(), f"a dialog on {page}"
    assert browser.js("return window.__xss") is None, page
    found = [css for css in RUNNABLE if browser.find_all(css)]
    assert found == [], f"{page}: {found}"


def assert_headers(console: ConsoleServer, path: str, cookie: str | None) -> None:
    r = console.request("GET", path, cookie=cookie)
    assert r.status == 200, (path, r.status)
    csp = r.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp, (path, csp)
    assert "'unsafe-inline'" not in csp, (path, csp)


def test_script_in_mail_is_inert_on_every_page(console: ConsoleServer, browser: Browser) -> None:
    browser.sign_in(ANN)
    # The probe works: a dialog that opens is seen.
    browser.js("setTimeout(() => alert('probe'), 0)")
    WebDriverWait(browser.driver, 30).until(ec.alert_is_present())
    assert browser.alert_shown()
    browser.driver.switch_to.alert.accept()
    assert not browser.alert_shown()

    word = f"xss{tag()}"
    mail = xss_mail(word)
    browser.js("window.__sameDocument = true")
    number = new_ticket(console, **mail)
    # It reaches the open queue by the live update, which puts fresh HTML in the page.
    row = browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    assert browser.js("return window.__sameDocument") is True
    assert browser.find("a.subject", row).text == str(mail["subject"])
    assert_inert(browser, "the queue after the live update")

    cookie = browser.session
    for path in ("/", f"/search?q={word}", f"/tickets/{number}"):
        browser.go(path)
        browser.wait_for("nav#nav")
        assert_inert(browser, path)
        assert_headers(console, path, cookie)
    browser.go(f"/search?q={word}")
    browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")

    browser.go(f"/tickets/{number}")
    message = browser.wait_for("#thread article.message.in")
    assert "<script>" in browser.find(".reply-text", message).text
    names = [a.text for a in browser.find_all("a.attachment", message)]
    assert "<img src=x onerror=window.__xss='file';alert(8)>.png" in names, names
    assert "<img src=x onerror" in browser.text("#participants")
    # The HTML, shown on request in a sandboxed frame: scripts stay off inside it too.
    browser.click("a.show-html")
    frame = browser.wait_for("iframe.html-frame")
    sandbox = frame.get_attribute("sandbox")
    assert sandbox is not None
    assert "allow-scripts" not in sandbox
    assert "allow-same-origin" not in sandbox
    browser.driver.switch_to.frame(frame)
    try:
        browser.wait_until(lambda d: "Hello" in d.find_element(By.TAG_NAME, "body").text, "HTML")
        found = [css for css in RUNNABLE if browser.find_all(css)]
        assert found == [], found
        for link in browser.find_all("a"):
            link.click()
    finally:
        browser.driver.switch_to.default_content()
    assert_inert(browser, "the ticket with its HTML shown")

    held = held_mail(console, from_=str(mail["from_"]), subject=str(mail["subject"]))
    browser.go("/held")
    row = browser.wait_for(f"table#held tr.held[data-id='{held}']")
    assert "<script>" in row.text
    assert_inert(browser, "/held")
    assert_headers(console, "/held", cookie)
    assert browser.console_errors() == []


# -- framing -------------------------------------------------------------------------------


def test_no_page_of_the_console_can_be_framed_by_another_site(
    console: ConsoleServer, browser: Browser
) -> None:
    number = new_ticket(console, subject=f"Frame me {tag()}")
    browser.sign_in(ANN)
    cookie = browser.session
    pages = ["/", "/login", f"/tickets/{number}", "/search?q=frame", "/held", "/figures"]
    for path in pages:
        r = console.request("GET", path, cookie=cookie)
        assert r.headers.get("X-Frame-Options") == "DENY", (path, r.status)
        assert "frame-ancestors 'none'" in r.headers.get("Content-Security-Policy", ""), path
    # Every other page, answered or refused, is framed by the console itself at most.
    for method, template in console_routes(console):
        if method != "GET":
            continue
        path = concrete(template, number, 1)
        r = console.request("GET", path, cookie=cookie)
        assert r.headers.get("X-Frame-Options") in ("DENY", "SAMEORIGIN"), (path, r.status)
        csp = r.headers.get("Content-Security-Policy", "")
        assert re.search(r"frame-ancestors '(none|self)'", csp), (path, csp)

    framing = "".join(
        f'<iframe id="f{i}" src="{console.base}{path}" width="600" height="300"></iframe>'
        for i, path in enumerate(pages)
    )
    # The control: a page of the other site itself, which may be framed, is shown.
    framing += '<iframe id="control" src="/own"></iframe>'
    own = "<!doctype html><title>Own</title><main><nav id=nav>shown</nav></main>"
    prize = f"<!doctype html><title>Win a prize</title>{framing}"
    with OtherSite({"/": prize, "/own": own}) as site:
        browser.driver.get(site.base + "/")
        for frame_id, path in [*((f"f{i}", p) for i, p in enumerate(pages)), ("control", "")]:
            browser.driver.switch_to.frame(browser.wait_for(f"iframe#{frame_id}"))
            try:
                where = browser.wait_until(
                    lambda d: d.execute_script(
                        "return document.readyState === 'complete' && location.href !== "
                        "'about:blank' && location.href"
                    ),
                    f"the frame of {path or 'the control'} to load",
                )
                shown = browser.find_all("nav#nav, form#login, main")
                if frame_id == "control":
                    assert shown, where
                else:
                    assert not shown, (path, where)
                    assert not where.startswith(console.base), (path, where)
            finally:
                browser.driver.switch_to.default_content()


# -- guessing passwords ---------------------------------------------------------------------


def test_sign_in_is_throttled_after_failures_even_with_the_right_password(
    console: ConsoleServer, browser: Browser
) -> None:
    def attempt(address: str, password: str) -> int:
        form = {"address": address, "password": password, "next": "/"}
        return console.request("POST", "/login", form=form).status

    for n in range(LOGIN_ATTEMPTS):
        assert attempt(CARL, f"guess {n}") in (200, 401), n
    assert attempt(CARL, "guess again") == 429
    assert attempt(CARL, PASSWORDS[CARL]) == 429
    # Another agent, from the same client, is not locked out by Carl's failures.
    assert attempt(BOB, PASSWORDS[BOB]) == 303

    browser.go("/login")
    browser.fill("form#login input[name=address]", CARL)
    browser.fill("form#login input[name=password]", PASSWORDS[CARL])
    browser.click("form#login [type=submit]")
    assert browser.text("#login-error")
    assert not browser.find_all("nav#nav")
