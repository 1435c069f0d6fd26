"""The console in tests: a configuration with two agents (Ann, an admin; Bob, an agent),
a session made in the store (as signing in makes one), and a browser-like client over
urllib that keeps its cookie and sends forms."""

from __future__ import annotations

import hashlib
import secrets
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import ConsoleSession, utcnow
from tests.support.config import make_toml
from tests.support.environment import free_port

SUPPORT = "support@helpdesk.test"
ANN = "ann@helpdesk-staff.test"
BOB = "bob@helpdesk-staff.test"
COOKIE = "mailgate_session"
# A client's answer whose quoted history the ticket's page folds.
QUOTED_BODY = (
    "The printer still shows error 12.\n\n"
    "On Mon, 23 Nov 2026 at 10:00, Support <support@helpdesk.test> wrote:\n"
    "> Please restart it.\n> Regards\n"
)


def deliver(store: Store, processor: Processor, raw: bytes, sender: str = "jo@client.test") -> None:
    store_messages(store, [(Envelope("smtp", sender, (SUPPORT,), "127.0.0.1"), raw)])
    processor.run_once()


def console_toml(tmp: Path, db_url: str | None = None) -> str:
    canned = tmp / "templates" / "answer_printer_reset"
    canned.mkdir(parents=True, exist_ok=True)
    (canned / "subject.txt").write_text("{{ ticket.subject }}\n")
    (canned / "body.txt").write_text(
        "Hello,\n\n{{ reply.body }}\n\nAbout {{ ticket.subject }}: "
        "Hold the reset button for ten seconds.\n"
    )
    return make_toml(
        tmp,
        db_url,
        extra=f"""
[[agents]]
address = "{ANN}"
name = "Ann Agent"
role = "admin"

[[agents]]
address = "{BOB}"
name = "Bob Agent"

[templates]
directory = "{tmp / "templates"}"

[http]
enabled = true
host = "127.0.0.1"
port = {free_port()}

[console]
live_interval = "1s"
""",
    )


@dataclass(frozen=True)
class Signed:
    token: str
    csrf: str


def sign_in_directly(store: Store, agent: str) -> Signed:
    """A session row for ``agent``, as a successful sign-in writes it."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    now = utcnow()
    with store.write() as session:
        session.add(
            ConsoleSession(
                digest=hashlib.sha256(token.encode()).hexdigest(),
                agent=agent,
                csrf=csrf,
                created_at=now,
                seen_at=now,
                client="127.0.0.1",
                user_agent="tests",
            )
        )
    return Signed(token, csrf)


@dataclass
class Page:
    status: int
    headers: dict[str, str]
    text: str
    body: bytes = b""


@dataclass
class Browser:
    """Requests as a browser sends them: the session cookie, forms, no redirects
    followed (the tests look at them)."""

    port: int
    signed: Signed | None = None
    extra_headers: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _send(self, req: urllib.request.Request) -> Page:
        if self.signed is not None:
            req.add_header("Cookie", f"{COOKIE}={self.signed.token}")
        for k, v in self.extra_headers.items():
            req.add_header(k, v)
        opener = urllib.request.build_opener(_NoRedirect())
        try:
            with opener.open(req, timeout=20) as r:
                status, headers, body = r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as e:
            status, headers, body = e.code, dict(e.headers), e.read()
        return Page(status, headers, body.decode("utf-8", "replace"), body)

    def get(self, path: str) -> Page:
        return self._send(urllib.request.Request(self.base + path))

    def post(
        self,
        path: str,
        fields: dict[str, str | list[str]] | None = None,
        *,
        files: list[tuple[str, str, str, bytes]] = (),  # type: ignore[assignment]
        csrf: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Page:
        """A form; ``csrf`` None: the session's own token."""
        items: list[tuple[str, str]] = []
        for k, v in (fields or {}).items():
            items += [(k, x) for x in v] if isinstance(v, list) else [(k, v)]
        token = csrf if csrf is not None else (self.signed.csrf if self.signed else "")
        items.append(("csrf", token))
        if files:
            data, ctype = _multipart(items, files)
        else:
            data = urllib.parse.urlencode(items).encode()
            ctype = "application/x-www-form-urlencoded"
        req = urllib.request.Request(self.base + path, data=data, method="POST")
        req.add_header("Content-Type", ctype)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        return self._send(req)


def _multipart(
    items: list[tuple[str, str]], files: list[tuple[str, str, str, bytes]]
) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    out = bytearray()
    for k, v in items:
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'.encode()
        out += v.encode() + b"\r\n"
    for name, filename, ctype, data in files:
        out += (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
        ).encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None
