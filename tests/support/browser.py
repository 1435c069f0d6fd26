"""The console in a real browser: Debian's headless Chromium driven through its
chromedriver by Selenium, against ``mailgate run`` started as a process on loopback ports.

``ConsoleServer`` is the daemon with its HTTP listener (the console) and its SMTP
listener, two agents (Ann, an admin, and Bob) who sign in with passwords set by
``mailgate agent password``; mail reaches it over SMTP and its answers are .eml files
in its outbox directory.  ``Browser`` is one Chromium with a profile of its own, and the
few helpers the tests need: sign in, wait for an element (on conditions, never on time),
read what the page shows, take a screenshot.

Only loopback is contacted: the driver is the distribution's (no Selenium Manager
download), and Chromium's own background traffic (updates, safe browsing, metrics) is
switched off."""

from __future__ import annotations

import contextlib
import http.client
import http.server
import os
import secrets
import shutil
import signal
import smtplib
import struct
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import make_msgid
from pathlib import Path
from typing import Any, TypeVar, cast

from selenium import webdriver
from selenium.common.exceptions import (
    NoAlertPresentException,
    StaleElementReferenceException,
    TimeoutException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from mailgate.config import Config, config_from_toml
from mailgate.store.engine import Store
from mailgate.store.models import Message
from tests.support.config import make_toml
from tests.support.environment import free_port, missing_service
from tests.support.mailfactory import build
from tests.support.processes import Run
from tests.support.waiting import wait_for

T = TypeVar("T")

ANN = "ann@helpdesk-staff.test"  # an admin
BOB = "bob@helpdesk-staff.test"  # an agent
CARL = "carl@helpdesk-staff.test"  # an agent whom the sign-in throttle tests lock out
NAMES = {ANN: "Ann Admin", BOB: "Bob Agent", CARL: "Carl Agent"}
PASSWORDS = {
    ANN: "correct horse battery staple",
    BOB: "tr0ub4dor&3 but longer",
    CARL: "a third one, also long enough",
}
SUPPORT = "support@helpdesk.test"
COOKIE = "mailgate_session"
# A canned answer: an answer_* template of the [templates] directory with the agent's
# text in it.
CANNED = "answer_printer_restart"
CANNED_LINE = "Switch the printer off, wait ten seconds and switch it on again."

# Generous: the machines that run the suite are shared and loaded.
TIMEOUT = 30.0
WINDOW = (1280, 800)
# What the console shows for a refused or failed request (error.html): its message.
ERROR_PAGE = "section.error h1"


def chromium_paths() -> tuple[str, str]:
    """The distribution's Chromium and chromedriver; a missing service without them."""
    browser = shutil.which("chromium")
    driver = shutil.which("chromedriver")
    if browser is None or driver is None:
        missing = " and ".join(
            name for name, path in (("chromium", browser), ("chromedriver", driver)) if not path
        )
        missing_service(
            f"{missing} not installed (`make test` installs chromium and chromium-driver)"
        )
    return cast(str, browser), cast(str, driver)


def console_toml(tmp: Path, *, console: str = "") -> str:
    """The tests' base configuration with the console on a loopback port, the two agents
    and a canned answer among the templates; ``console`` adds keys to ``[console]``."""
    canned = tmp / "templates" / CANNED
    canned.mkdir(parents=True, exist_ok=True)
    (canned / "subject.txt").write_text("{{ ticket.subject }}\n")
    (canned / "body.txt").write_text(
        f"Hello,\n\n{CANNED_LINE}\n\n{{{{ reply.body }}}}\n\n-- \n{{{{ agent.name }}}}\n"
        "Ticket {{ ticket.token }}\n"
    )
    return make_toml(
        tmp,
        extra=f"""
[[agents]]
address = "{ANN}"
name = "{NAMES[ANN]}"
role = "admin"

[[agents]]
address = "{BOB}"
name = "{NAMES[BOB]}"

[[agents]]
address = "{CARL}"
name = "{NAMES[CARL]}"

[templates]
directory = "{tmp / "templates"}"

[http]
enabled = true
host = "127.0.0.1"
port = {free_port()}

[console]
live_interval = "1s"
{console}
""",
    )


@dataclass
class Answer:
    """An HTTP response of the console, read without a browser."""

    status: int
    headers: http.client.HTTPMessage
    body: str


class ConsoleServer:
    """``mailgate run`` with the console, in a temporary directory of its own."""

    def __init__(self, tmp: Path, *, console: str = "") -> None:
        self.tmp = tmp
        self.conf = tmp / "mailgate.toml"
        self.conf.write_text(console_toml(tmp, console=console))
        self.config: Config = config_from_toml(self.conf.read_text(), str(self.conf))
        self.base = f"http://127.0.0.1:{self.config.http.port}"
        self.outbox = tmp / "outbox"
        self.run: Run | None = None
        self._store: Store | None = None

    # -- the process ---------------------------------------------------------------------

    def start(self) -> ConsoleServer:
        self.run = Run(self.tmp, "--config", str(self.conf), "run")

        def up() -> bool:
            assert self.run is not None
            assert self.run.proc.poll() is None, self.run.output()
            try:
                return self.request("GET", "/login").status == 200
            except OSError:
                return False

        wait_for(up, 60, "the console's listener")
        with ThreadPoolExecutor(len(PASSWORDS)) as pool:
            list(pool.map(self.set_password, PASSWORDS, PASSWORDS.values()))
        return self

    def stop(self) -> None:
        if self._store is not None:
            self._store.dispose()
        if self.run is None:
            return
        if self.run.proc.poll() is None:
            self.run.proc.send_signal(signal.SIGTERM)
            try:
                self.run.finish(60)
            except subprocess.TimeoutExpired:
                self.run.kill()
        # What it logged, for a test that failed.
        (self.tmp / "mailgate.log").write_text(self.run.output() + "\n")

    def mailgate(self, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        """``mailgate --config … ARGS`` in the server's directory."""
        env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2]))
        return subprocess.run(
            [sys.executable, "-m", "mailgate", "--config", str(self.conf), *args],
            cwd=self.tmp,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            check=False,
        )

    # -- agents ----------------------------------------------------------------------------

    def set_password(self, address: str, password: str) -> None:
        """``mailgate agent password ADDRESS``, given the password on standard input."""
        done = self.mailgate("agent", "password", address, stdin=password + "\n")
        assert done.returncode == 0, done.stderr

    # -- the database, read by the tests ---------------------------------------------------

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.config.database)
        return self._store

    def ticket_of(self, message_id: str) -> int:
        """The number of the ticket the client's message ``message_id`` is on, once it is."""

        def find() -> int | None:
            with self.store.read() as s:
                row = s.query(Message).filter(Message.message_id == message_id).first()
                return row.ticket_id if row is not None else None

        return int(wait_for(find, TIMEOUT, f"a ticket with <{message_id}>"))

    # -- mail ------------------------------------------------------------------------------

    def send(self, sender: str = "jo@client.test", **mail: Any) -> str:
        """A client's message (:func:`tests.support.mailfactory.build`'s arguments) sent
        over SMTP to the daemon's listener; its Message-ID, without brackets."""
        message_id = mail.pop("message_id", None) or make_msgid(domain="client.test")[1:-1]
        raw = build(message_id=message_id, **mail)
        with smtplib.SMTP("127.0.0.1", self.config.inbound.smtp.port, timeout=30) as c:
            c.sendmail(sender, [mail.get("to", SUPPORT)], raw)
        return str(message_id)

    def send_raw(self, sender: str, raw: bytes, rcpt: str = SUPPORT) -> None:
        """``raw`` as it is, over SMTP to the daemon's listener."""
        with smtplib.SMTP("127.0.0.1", self.config.inbound.smtp.port, timeout=30) as c:
            c.sendmail(sender, [rcpt], raw)

    def sent(self) -> list[EmailMessage]:
        """The mail written to the outbox directory so far, oldest first."""
        files = sorted(self.outbox.glob("*.eml"), key=lambda f: (f.stat().st_mtime_ns, f.name))
        return [
            cast(EmailMessage, message_from_bytes(f.read_bytes(), policy=default_policy))
            for f in files
        ]

    def sent_to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.sent() if address in str(m.get("To", ""))]

    # -- HTTP without a browser -----------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        *,
        cookie: str | None = None,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """One request, redirects not followed."""
        conn = http.client.HTTPConnection("127.0.0.1", self.config.http.port, timeout=30)
        sent = dict(headers or {})
        body = None
        if cookie is not None:
            sent["Cookie"] = f"{COOKIE}={cookie}"
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=sent)
            r = conn.getresponse()
            return Answer(r.status, r.headers, r.read().decode(errors="replace"))
        finally:
            conn.close()


class RatingServer(ConsoleServer):
    """A :class:`ConsoleServer` asking for ratings: a key to sign the rating links, and
    the public URL they point at."""

    def __init__(self, tmp: Path, *, console: str = "") -> None:
        super().__init__(tmp, console=console)
        key = tmp / "rating.key"
        key.write_text(secrets.token_hex(32) + "\n")
        text = self.conf.read_text()
        text = text.replace("[helpdesk]\n", f'[helpdesk]\nsecret_file = "{key}"\n', 1)
        text = text.replace("[http]\n", f'[http]\npublic_url = "{self.base}"\n', 1)
        text += "\n[ratings]\nenabled = true\n"
        self.conf.write_text(text)
        self.config = config_from_toml(text, str(self.conf))


@contextlib.contextmanager
def serving(tmp: Path, *, console: str = "") -> Iterator[ConsoleServer]:
    """A :class:`ConsoleServer` in ``tmp``, started (when Chromium is there to use it)
    and stopped."""
    chromium_paths()  # skips (or fails under MAILGATE_REQUIRE_SERVICES=1) without it
    server = ConsoleServer(tmp, console=console)
    try:
        yield server.start()
    finally:
        server.stop()


class OtherSite:
    """Another origin on loopback (a port of its own): pages of its own, path → HTML,
    such as one framing the console or posting a form to it."""

    def __init__(self, pages: dict[str, str]) -> None:
        self.pages = pages
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                page = site.pages.get(self.path)
                body = (page or "not here").encode()
                self.send_response(200 if page is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> OtherSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# What Chromium says when an element is looked at while its document is being replaced.
_NAVIGATING = (
    "does not belong to the document",
    "No node with given id found",
    "Cannot find context with specified id",
)


class Browser:
    """One headless Chromium with a fresh profile in ``workdir``."""

    def __init__(self, server: ConsoleServer, workdir: Path) -> None:
        binary, driver = chromium_paths()
        self.server = server
        self.downloads = workdir / "downloads"
        self.downloads.mkdir(parents=True, exist_ok=True)
        options = webdriver.ChromeOptions()
        options.binary_location = binary
        for arg in (
            "--headless=new",
            f"--window-size={WINDOW[0]},{WINDOW[1]}",
            f"--user-data-dir={workdir / 'profile'}",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-proxy-server",
            "--disable-dev-shm-usage",
            "--disable-gpu",
            "--disable-extensions",
            "--disable-sync",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-domain-reliability",
            "--disable-client-side-phishing-detection",
            "--disable-default-apps",
            "--disable-features=Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider",
            "--metrics-recording-only",
            "--no-pings",
            "--password-store=basic",
            "--lang=en-GB",
            "--force-device-scale-factor=1",
        ):
            options.add_argument(arg)
        if os.geteuid() == 0:
            options.add_argument("--no-sandbox")  # Chromium's sandbox refuses to run as root
        options.add_experimental_option(
            "prefs",
            {
                "download.default_directory": str(self.downloads),
                "download.prompt_for_download": False,
                "download.directory_upgrade": True,
                "plugins.always_open_pdf_externally": True,
                "safebrowsing.enabled": False,
                "credentials_enable_service": False,
                "profile.password_manager_enabled": False,
            },
        )
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        service = Service(driver, log_output=str(workdir / "chromedriver.log"))
        self.driver = webdriver.Chrome(options=options, service=service)
        self.driver.set_page_load_timeout(TIMEOUT * 2)
        # The page's viewport is WINDOW (the window is larger by the browser's frame).
        inner = self.driver.execute_script("return [window.innerWidth, window.innerHeight]")
        outer = self.driver.get_window_size()
        self.driver.set_window_size(
            WINDOW[0] + outer["width"] - inner[0], WINDOW[1] + outer["height"] - inner[1]
        )
        self.driver.set_script_timeout(TIMEOUT)

    def quit(self) -> None:
        with contextlib.suppress(Exception):
            self.driver.quit()

    # -- navigating ------------------------------------------------------------------------

    def go(self, path: str) -> None:
        self.driver.get(self.server.base + path)

    @property
    def path(self) -> str:
        parts = urllib.parse.urlsplit(self.driver.current_url)
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def sign_in(self, address: str, then: str = "/") -> None:
        """Sign in as ``address`` with the sign-in form, then open ``then``."""
        self.go("/login")
        self.fill("form#login input[name=address]", address)
        self.fill("form#login input[name=password]", PASSWORDS[address])
        self.click("form#login [type=submit]")
        self.wait_for("nav#nav")
        if self.path != then:
            self.go(then)
            self.wait_for("nav#nav")

    @property
    def session(self) -> str | None:
        found = self.driver.get_cookie(COOKIE)
        return str(found["value"]) if found else None

    # -- waiting -----------------------------------------------------------------------------

    def wait_until(
        self,
        condition: Callable[[Any], T],
        what: str,
        timeout: float = TIMEOUT,
        *,
        error_page: bool = False,
    ) -> T:
        """``condition(driver)`` once it is true; fails naming ``what`` after ``timeout``,
        or at once when the console shows its error page (unless ``error_page``)."""

        def check(driver: Any) -> T:
            if not error_page:
                shown = driver.find_elements(By.CSS_SELECTOR, ERROR_PAGE)
                if shown:
                    raise AssertionError(
                        f"the console's error page ({shown[0].text!r}) on "
                        f"{driver.current_url}, waiting for {what}"
                    )
            try:
                return condition(driver)
            except WebDriverException as e:
                # A page being replaced by the one a form's answer loads: the node just
                # found is of the old document.  Look again, as for a stale element.
                if any(s in str(e) for s in _NAVIGATING):
                    return cast(T, False)
                raise

        try:
            # The console's live updates replace parts of the page: an element found by
            # one look may be gone by the next, and the check is simply made again.
            return WebDriverWait(
                self.driver,
                timeout,
                poll_frequency=0.1,
                ignored_exceptions=(StaleElementReferenceException,),
            ).until(check)
        except TimeoutException:
            raise AssertionError(
                f"timed out waiting for {what} on {self.driver.current_url}"
            ) from None

    def wait_for(self, css: str, *, visible: bool = True, timeout: float = TIMEOUT) -> WebElement:
        """The element ``css`` selects, once it is there (and shown, with ``visible``)."""
        condition = ec.visibility_of_element_located if visible else ec.presence_of_element_located
        return self.wait_until(
            condition((By.CSS_SELECTOR, css)), repr(css), timeout, error_page=css == ERROR_PAGE
        )

    def wait_gone(self, css: str, timeout: float = TIMEOUT) -> None:
        self.wait_until(
            lambda d: not d.find_elements(By.CSS_SELECTOR, css), f"{css!r} to go", timeout
        )

    def wait_text(self, css: str, text: str, timeout: float = TIMEOUT) -> WebElement:
        """The element ``css`` once its text contains ``text``."""
        self.wait_until(
            ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text),
            f"{text!r} in {css!r}",
            timeout,
        )
        return self.find(css)

    # -- reading and acting ----------------------------------------------------------------

    def find(self, css: str, within: WebElement | None = None) -> WebElement:
        return (within or self.driver).find_element(By.CSS_SELECTOR, css)

    def find_all(self, css: str, within: WebElement | None = None) -> list[WebElement]:
        return (within or self.driver).find_elements(By.CSS_SELECTOR, css)

    def text(self, css: str) -> str:
        return str(self.wait_for(css).text)

    def click(self, css: str) -> None:
        self.wait_until(ec.element_to_be_clickable((By.CSS_SELECTOR, css)), f"{css!r} clickable")
        self.find(css).click()

    def fill(self, css: str, text: str) -> None:
        field = self.wait_for(css)
        field.clear()
        field.send_keys(text)

    def choose(self, css: str, value: str) -> None:
        Select(self.wait_for(css)).select_by_value(value)

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    def alert_shown(self) -> bool:
        """Whether a JavaScript dialog (alert, confirm, prompt) is open."""
        try:
            self.driver.switch_to.alert  # noqa: B018 - raises when there is none
        except NoAlertPresentException:
            return False
        return True

    def console_errors(self) -> list[str]:
        """What the page logged as errors since the last call (a refused inline script or
        style is logged so), leaving out the favicon the console does not have."""
        entries = self.driver.get_log("browser")
        return [
            str(e["message"])
            for e in entries
            if e["level"] == "SEVERE" and "favicon.ico" not in str(e["message"])
        ]

    def screenshot(self, path: Path) -> Path:
        """The viewport as a PNG at ``path`` (WINDOW: 1280×800)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        assert self.driver.save_screenshot(str(path)), path
        return path

    def downloaded(self, name: str) -> Path:
        """The file ``name`` in the download directory once Chromium has finished it."""

        def done() -> Path | None:
            target = self.downloads / name
            partial = list(self.downloads.glob("*.crdownload"))
            return target if target.is_file() and not partial else None

        return cast(Path, wait_for(done, TIMEOUT, f"the download of {name}"))


def settle(browser: Browser) -> None:
    """Until the fonts are loaded and every image is drawn."""
    browser.wait_until(
        lambda d: d.execute_script(
            "return document.fonts.status === 'loaded' && "
            "[...document.images].every((i) => i.complete)"
        ),
        "fonts and images",
    )


def snap(browser: Browser, shots: Path, name: str) -> None:
    """A screenshot of the page as it is, once settled and without errors, to ``shots``."""
    settle(browser)
    assert browser.console_errors() == [], name
    path = browser.screenshot(shots / name)
    header = path.read_bytes()[:24]
    assert struct.unpack(">II", header[16:24]) == WINDOW, name
    assert path.stat().st_size > 10_000, "an empty page"
