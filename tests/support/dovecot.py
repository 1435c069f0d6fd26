"""A real Dovecot IMAP server for the tests, started unprivileged on a loopback port.

Dovecot runs from a temporary directory with a configuration of its own: any user name
logs in with ``PASSWORD`` (a static passdb) to a Maildir under the same directory,
plaintext logins allowed (loopback only, no TLS), and an OAuth2 passdb that checks
XOAUTH2 bearer tokens against a small token-introspection endpoint served by the test
process (RFC 7662), so that the XOAUTH2 exchange is tested against the real server.

Mail is put into a mailbox the way an MTA's delivery agent does it (a file written to
``Maildir/tmp`` and renamed into ``Maildir/new``), or appended over IMAP, which is what a
test of IDLE wants (the server tells the idling client at once).

``CutProxy`` stands between a client and the server and can cut the connection in the
middle of a transfer.
"""

from __future__ import annotations

import contextlib
import grp
import hashlib
import itertools
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from imapclient import IMAPClient

from tests.support.environment import free_port
from tests.support.mailfactory import build
from tests.support.waiting import SLACK

PASSWORD = "secret"


def dovecot_binary() -> str | None:
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.access(p, os.X_OK)),
        None,
    )


def send_json(handler: BaseHTTPRequestHandler, doc: dict[str, Any], status: int = 200) -> None:
    """Answer an HTTP request of a loopback test endpoint with a JSON document."""
    data = json.dumps(doc).encode()
    handler.send_response(status)
    handler.send_header("content-type", "application/json")
    handler.send_header("content-length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


class _Introspection(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _IntrospectionHandler)
        self.tokens: dict[str, str] = {}  # token -> user
        self.requests = 0


class _IntrospectionHandler(BaseHTTPRequestHandler):
    server: _Introspection

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length", "0"))
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
        token = (form.get("token") or [""])[0]
        self.server.requests += 1
        user = self.server.tokens.get(token)
        doc = {"active": "true", "username": user} if user else {"active": "false"}
        send_json(self, doc)

    def log_message(self, format: str, *args: object) -> None:
        pass


class Dovecot:
    """One Dovecot instance.  ``add_user()`` gives each test a mailbox of its own."""

    def __init__(self, binary: str) -> None:
        self.binary = binary
        # Not under pytest's temporary directory: Dovecot's unprivileged processes must be
        # able to reach the Maildirs, and that directory is private to its owner.
        self.root = Path(tempfile.mkdtemp(prefix="mailgate-dovecot-"))
        self.root.chmod(0o755)
        self.port = free_port()
        self.introspection = _Introspection()
        threading.Thread(target=self.introspection.serve_forever, daemon=True).start()
        if os.geteuid() == 0:
            self.uid, self.gid = 65534, 65534
            self.system_user = pwd.getpwuid(65534).pw_name
        else:
            self.uid, self.gid = os.getuid(), os.getgid()
            self.system_user = pwd.getpwuid(self.uid).pw_name
        self.system_group = grp.getgrgid(self.gid).gr_name
        self.mail = self.root / "mail"
        self.mail.mkdir()
        self._own(self.mail)
        self._counter = itertools.count()
        self._write_config()

    def _own(self, path: Path) -> None:
        if os.geteuid() == 0:
            os.chown(path, self.uid, self.gid)

    def _write_config(self) -> None:
        r = self.root
        (r / "oauth2.conf.ext").write_text(
            "introspection_mode = post\n"
            f"introspection_url = http://127.0.0.1:{self.introspection.server_port}/introspect\n"
            "username_attribute = username\n"
            "active_attribute = active\n"
            "active_value = true\n"
            "tokeninfo_url =\n"
        )
        (r / "dovecot.conf").write_text(
            f"""
base_dir = {r}/run
state_dir = {r}/state
log_path = {r}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
default_internal_user = {self.system_user}
default_login_user = {self.system_user}
default_internal_group = {self.system_group}
first_valid_uid = 1
mail_location = maildir:{self.mail}/%u/Maildir
mail_max_userip_connections = 50
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {r}/oauth2.conf.ext
}}
passdb {{
  driver = static
  args = password={PASSWORD}
}}
userdb {{
  driver = static
  args = uid={self.uid} gid={self.gid} home={self.mail}/%u
}}
"""
        )

    # -- the server ------------------------------------------------------------------------

    def start(self) -> Dovecot:
        # Dovecot's master forks into the background: its output goes to a file, since a
        # pipe would stay open for as long as it runs.
        with (self.root / "start.log").open("w+") as out:
            p = subprocess.run(
                [self.binary, "-c", str(self.root / "dovecot.conf")],
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                check=False,
            )
            out.seek(0)
            said = out.read().strip()
        if p.returncode != 0:
            raise RuntimeError(f"dovecot did not start: {said} {self.log()[-2000:]}")
        deadline = time.monotonic() + 15 * SLACK
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=1) as s,
            ):
                if s.recv(100).startswith(b"* OK"):
                    return self
            time.sleep(0.05)
        raise RuntimeError(f"dovecot does not answer on port {self.port}: {self.log()[-2000:]}")

    def stop(self) -> None:
        pid_file = self.root / "run" / "master.pid"
        with contextlib.suppress(OSError, ValueError):
            pid = int(pid_file.read_text().strip())
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                os.kill(pid, 0)
                time.sleep(0.05)
        self.introspection.shutdown()
        shutil.rmtree(self.root, ignore_errors=True)

    def log(self) -> str:
        try:
            return (self.root / "dovecot.log").read_text(errors="replace")
        except OSError:
            return ""

    # -- users and their mail --------------------------------------------------------------

    def add_user(self, prefix: str = "helpdesk") -> str:
        user = f"{prefix}{secrets.token_hex(4)}"
        home = self.mail / user
        maildir = home / "Maildir"
        for d in (home, maildir, maildir / "cur", maildir / "new", maildir / "tmp"):
            d.mkdir()
            self._own(d)
        return user

    def grant_token(self, user: str) -> str:
        """An access token the introspection endpoint vouches for, for ``user``."""
        token = "ya29." + secrets.token_urlsafe(24)
        self.introspection.tokens[token] = user
        return token

    def maildir(self, user: str, folder: str = "INBOX") -> Path:
        base = self.mail / user / "Maildir"
        return base if folder == "INBOX" else base / f".{folder}"

    def deliver(self, user: str, messages: list[bytes], folder: str = "INBOX") -> None:
        """Write messages into the Maildir as a delivery agent does."""
        base = self.maildir(user, folder)
        host = socket.gethostname()
        for raw in messages:
            name = f"{int(time.time())}.M{next(self._counter)}P{os.getpid()}.{host}"
            tmp = base / "tmp" / name
            tmp.write_bytes(raw)
            self._own(tmp)
            tmp.rename(base / "new" / name)

    def client(self, user: str) -> IMAPClient:
        c = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=30)
        c.login(user, PASSWORD)
        return c

    def append(self, user: str, raw: bytes, folder: str = "INBOX") -> None:
        with self.client(user) as c:
            c.append(folder, raw)

    def uids(self, user: str, folder: str = "INBOX", criteria: str = "ALL") -> list[int]:
        with self.client(user) as c:
            if not c.folder_exists(folder):
                return []
            c.select_folder(folder, readonly=True)
            return sorted(c.search(criteria))

    def reset_uidvalidity(self, user: str, folder: str = "INBOX") -> None:
        """Make Dovecot forget the folder's UIDs (as a server rebuilt from its mail files
        does): the next session sees a new UIDVALIDITY and new UIDs for the same mail."""
        base = self.maildir(user, folder)
        for f in base.iterdir():
            if f.name.startswith("dovecot"):
                if f.is_dir():
                    shutil.rmtree(f)
                else:
                    f.unlink()
        # Dovecot derives a new UIDVALIDITY from the clock; make sure it differs.
        time.sleep(1.1)


class CutProxy:
    """A TCP relay to the server that can cut its connections once the server has sent
    ``cut_after`` bytes on one of them (``None``: never)."""

    def __init__(self, port: int) -> None:
        self.target = port
        self.cut_after: int | None = None
        self.cuts = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self._stop = threading.Event()
        self._open: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def cut_all(self) -> None:
        """Close every connection now, as a server restart would."""
        for s in list(self._open):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
        self.cuts += 1

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target))
            self._open += [client, server]
            threading.Thread(target=self._pipe, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(server, client, True), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, downstream: bool) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                dst.sendall(data)
                sent += len(data)
                if downstream and self.cut_after is not None and sent >= self.cut_after:
                    self.cut_after = None  # once
                    self.cuts += 1
                    break
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
                s.close()

    def close(self) -> None:
        self._stop.set()
        self.listener.close()


# -- for the tests that poll ----------------------------------------------------------------

ELSEWHERE = "helpdesk@mailbox-provider.test"  # an address no department has


def password_env(value: str) -> str:
    """The name of an environment variable, set to ``value``, for ``password_env``."""
    name = "MAILGATE_TEST_IMAP_PASSWORD_" + hashlib.sha256(value.encode()).hexdigest()[:12].upper()
    os.environ[name] = value
    return name


def imap_block(user: str, port: int, **fields: Any) -> str:
    values: dict[str, Any] = {
        "name": "box",
        "host": "127.0.0.1",
        "port": port,
        "tls": "none",
        "username": user,
        "password": PASSWORD,
        "department": "billing",
        "poll_interval": "200ms",
        "idle": False,
    }
    values.update(fields)
    if values.get("password") is not None:
        # A password is never written in the configuration: the environment holds it
        # (the daemons the tests start inherit it).
        values["password_env"] = password_env(str(values.pop("password")))
    values.pop("password", None)
    lines = ["", "[[inbound.imap]]"]
    for k, v in values.items():
        if v is None:
            continue
        lines.append(f"{k} = {str(v).lower() if isinstance(v, bool) else repr(v)}")
    return "\n".join(lines).replace("'", '"') + "\n"


def mails(n: int, start: int = 0, to: str = ELSEWHERE, body_bytes: int = 0) -> list[bytes]:
    filler = ("x" * 75 + "\n") * (body_bytes // 76)
    return [
        build(
            from_=f"Client {i} <client{i}@client.test>",
            to=to,
            subject=f"Problem number {i}",
            body=f"Message {i}.\n{filler}",
        )
        for i in range(start, start + n)
    ]


def down_mailbox() -> str:
    """A mailbox whose server is down: nothing listens on its loopback port."""
    return imap_block("support", free_port(), name="down-box", password="secret")
