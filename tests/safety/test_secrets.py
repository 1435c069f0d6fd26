"""Secrets never leave their files: an IMAP password, a relay password, a DKIM key, API
tokens and the reply-token key are configured, things fail around them (a refused IMAP
login against Dovecot, a refused relay login, a wrong API token, bad configurations),
and none of them appears in the log, an error message, an SMTP or HTTP reply, a mail
mailgate writes, or any column of any table of the database.

Extends ``tests/test_imap.py`` (the password of a failed IMAP login, in-process),
``tests/test_send_smtp.py`` (a refused relay login) and
``tests/safety/test_smtp_listener.py::test_no_reply_names_a_configured_path_or_secret``
(SMTP replies): here the whole daemon runs as ``mailgate run`` with all of them at once."""

from __future__ import annotations

import base64
import json
import secrets
import signal
import smtplib
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import inspect, text

from mailgate.config import DatabaseConfig, config_from_toml
from mailgate.store.engine import Store
from mailgate.store.models import OutboxRow
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.dovecot import Dovecot, imap_block
from tests.support.environment import free_port
from tests.support.mailfactory import build
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"


def _secret(what: str) -> str:
    return f"{what}-{secrets.token_hex(12)}"


class RefusingRelay:
    """A relay that asks for a login and refuses every one, as after a password change."""

    def __init__(self) -> None:
        self.attempts = 0

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        return "250 2.0.0 Ok"

    def authenticate(self, *_args: object) -> AuthResult:
        self.attempts += 1
        return AuthResult(success=False, handled=False)


@pytest.fixture
def relay() -> Iterator[tuple[RefusingRelay, int]]:
    handler = RefusingRelay()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=free_port(),
        authenticator=handler.authenticate,
        auth_required=True,
        auth_require_tls=False,
    )
    controller.start()
    yield handler, controller.port
    controller.stop()


def _pem_key(path: Path) -> list[str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    path.write_bytes(pem)
    # The base64 lines of the key: any one of them in the open is a leak.
    return [line for line in pem.decode().splitlines() if not line.startswith("-----")]


def _dump_database(database: DatabaseConfig) -> str:
    """Every value of every column of every table, as text."""
    store = Store(database)
    out: list[str] = []
    try:
        with store.read() as s:
            tables = inspect(s.get_bind()).get_table_names()
            assert "inbox" in tables
            assert "outbox" in tables
            for table in tables:
                for row in s.execute(text(f'SELECT * FROM "{table}"')):
                    for value in row:
                        if isinstance(value, bytes):
                            out.append(value.decode("latin-1"))
                        else:
                            out.append(str(value))
    finally:
        store.dispose()
    return "\n".join(out)


def _http(port: int, method: str, path: str, token: str, doc: object = None) -> str:
    data = json.dumps(doc).encode() if doc is not None else None
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=data, method=method)
    req.add_header("Authorization", f"Bearer {token}")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=15) as r:
            return f"{r.status} {dict(r.headers)} {r.read().decode()}"
    except urllib.error.HTTPError as e:
        return f"{e.code} {dict(e.headers)} {e.read().decode()}"


# aiosmtpd warns that it asks for a login without TLS: on loopback, in a test.
@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_no_secret_in_logs_replies_mail_or_database(
    tmp_path: Path, dovecot: Dovecot, relay: tuple[RefusingRelay, int]
) -> None:
    refusing, relay_port = relay
    imap_password = _secret("imap-password")
    relay_password = _secret("relay-password")
    api_token = _secret("api-token")
    wrong_token = _secret("someone-elses-token")
    reply_key = _secret("reply-key")
    (tmp_path / "imap.password").write_text(imap_password + "\n")
    (tmp_path / "relay.password").write_text(relay_password + "\n")
    (tmp_path / "api.tokens").write_text(f"{api_token} ann@staff.test\n")
    (tmp_path / "reply.secret").write_text(reply_key + "\n")
    dkim_lines = _pem_key(tmp_path / "dkim.pem")
    http_port = free_port()
    user = dovecot.add_user()
    config_text = (
        make_toml(tmp_path)
        .replace(
            "[helpdesk]\n",
            f'[helpdesk]\nreply_tokens = true\nsecret_file = "{tmp_path / "reply.secret"}"\n',
        )
        .replace(
            "[outbound]\n",
            f'[outbound]\ntransport = "smtp"\nhost = "127.0.0.1"\nport = {relay_port}\n'
            f'username = "helpdesk"\npassword_file = "{tmp_path / "relay.password"}"\n'
            'retry_after = "1s"\n',
        )
        + '\n[[agents]]\naddress = "ann@staff.test"\nname = "Ann"\n'
        + f'\n[outbound.dkim]\nselector = "mg"\nkey_file = "{tmp_path / "dkim.pem"}"\n'
        + f'\n[http]\nenabled = true\nhost = "127.0.0.1"\nport = {http_port}\n'
        f'tokens_file = "{tmp_path / "api.tokens"}"\n'
        + imap_block(
            user,
            dovecot.port,
            password=None,
            password_file=str(tmp_path / "imap.password"),
            poll_interval="100ms",
        )
    )
    conf = tmp_path / "mailgate.toml"
    conf.write_text(config_text)
    config = config_from_toml(config_text, str(conf))
    log_file = tmp_path / "daemon.log"
    transcript: list[str] = []
    with log_file.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mailgate", "--config", str(conf), "--log-level=debug", "run"],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:

            def api_up() -> bool:
                assert proc.poll() is None, log_file.read_text()
                try:
                    return _http(http_port, "GET", "/api/tickets", api_token).startswith("200")
                except OSError:
                    return False

            wait_for(api_up, timeout=30, what="the daemon")
            # A client's mail over SMTP, with a session of odd commands around it.
            with smtplib.SMTP("127.0.0.1", config.inbound.smtp.port, timeout=10) as c:
                transcript.append(repr(c.ehlo("client.test")))
                for command in ("AUTH PLAIN AGFhAGI=", "VRFY support", "HELP", "XCLIENT ADDR=x"):
                    transcript.append(repr(c.docmd(command)))
                c.sendmail("jo@client.test", [SUPPORT], build(message_id="first@client.test"))
                transcript.append(repr(c.docmd("RCPT TO:<x@helpdesk.test>")))
            store = Store(config.database)

            def login_refused() -> bool:
                with store.read() as s:
                    rows = list(s.query(OutboxRow))
                    return bool(rows) and all(
                        r.last_error and "refused the login" in r.last_error for r in rows
                    )

            wait_for(login_refused, timeout=30, what="the relay's refusal recorded")
            # The API: a reply (queued and refused too), a wrong token, a bad request.
            transcript.append(
                _http(http_port, "POST", "/api/tickets/1/replies", api_token, {"body": "Hi."})
            )
            transcript.append(_http(http_port, "GET", "/api/tickets/1", api_token))
            transcript.append(_http(http_port, "GET", "/api/tickets", wrong_token))
            transcript.append(_http(http_port, "POST", "/api/tickets/1/replies", api_token, [1]))
            wait_for(
                lambda: log_file.read_text().count("authentication") >= 2,
                timeout=30,
                what="two refused IMAP logins logged",
            )
            store.dispose()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(30)
    assert refusing.attempts >= 1, "the relay was asked to log in"
    logged = log_file.read_text()
    assert "refused the login of helpdesk" in logged
    assert "imap box: authentication" in logged
    assert "refused a token that is not in the tokens file" in logged
    where = {
        "the log": logged,
        "the SMTP and HTTP replies": "\n".join(transcript),
        "the database": _dump_database(config.database),
    }
    assert "Reply-To" in where["the database"], "the outgoing mail is in the dump"
    for secret in (imap_password, relay_password, api_token, wrong_token, reply_key):
        for name, found in where.items():
            assert secret not in found, f"{secret.rsplit('-', 1)[0]} in {name}"
            # Not in base64 either (as AUTH PLAIN would carry it).
            assert base64.b64encode(secret.encode()).decode()[:16] not in found, name
    for line in dkim_lines:
        for name, found in where.items():
            assert line not in found, f"a line of the DKIM key in {name}"


@pytest.mark.parametrize(
    ("section", "leak"),
    [
        # A numeric password: the wrong type, and its value must not be echoed.
        (
            '[[inbound.imap]]\nname = "b"\nhost = "127.0.0.1"\ntls = "none"\nusername = "u"\n'
            "password = {secret_number}\n",
            "inbound.imap[0].password",
        ),
        # A password written where only password_file is known.
        (
            '[outbound]\ntransport = "smtp"\nusername = "u"\npassword = "{secret}"\n',
            "outbound.password: unknown key",
        ),
        # A key file that is not a key: its content is not quoted.
        ('[outbound.dkim]\nselector = "mg"\nkey_file = "{file}"\n', "outbound.dkim.key_file"),
        # A tokens file with a token too short: the line is named, not shown.
        ('[http]\nenabled = true\ntokens_file = "{file}"\n', "http.tokens_file"),
        # A reply-token key that is too short.
        ('[helpdesk]\nreply_tokens = true\nsecret_file = "{file}"\n', "helpdesk.secret_file"),
        # An OAuth2 token command with a secret on its command line, wrongly typed.
        (
            '[[inbound.imap]]\nname = "b"\nhost = "127.0.0.1"\ntls = "none"\nusername = "u"\n'
            'auth = "oauth2"\ntoken_command = ["get-token", "--secret={secret}"]\n',
            "inbound.imap[0].token_command",
        ),
    ],
    ids=[
        "numeric_password",
        "misplaced_password",
        "bad_dkim_key",
        "short_api_token",
        "short_reply_key",
        "token_command",
    ],
)
def test_a_bad_configuration_names_the_key_never_the_secret(
    tmp_path: Path, section: str, leak: str
) -> None:
    secret = _secret("s")[:14]  # short enough to be refused as a token or a key
    number = str(secrets.randbelow(10**12) + 10**11)
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(secret + "\n")
    block = section.format(secret=secret, secret_number=number, file=secret_file)
    base = make_toml(tmp_path)
    for name in ("[helpdesk]", "[outbound]"):
        if block.startswith(name + "\n"):
            # Merge into the section of the same name instead of declaring it twice.
            base = base.replace(name + "\n", block, 1)
            break
    else:
        base += "\n" + block
    checked = run_cli(base, tmp_path, "check-config")
    assert checked.returncode != 0, checked.stdout
    said = checked.stdout + checked.stderr
    assert leak in said, said
    assert secret not in said, said
    assert number not in said, said
