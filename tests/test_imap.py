"""The IMAP poller against a real Dovecot server: IDLE and polling, the three ``after``
modes, connections cut in the middle of a batch, UIDVALIDITY resets, a large backlog,
XOAUTH2, and ``mailgate imap test``."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from mailgate.config import Config
from mailgate.errors import ImapFailure
from mailgate.process import Processor
from mailgate.receive.imap import MailboxPoller
from mailgate.receive.imap_connection import open_mailbox
from mailgate.store.engine import Store
from mailgate.store.imap_repo import ImapRepo
from mailgate.store.models import InboxRow, Ticket
from tests.support.cli import run_cli as shared_run_cli
from tests.support.dovecot import (
    PASSWORD,
    CutProxy,
    Dovecot,
    imap_block,
    mails,
    password_env,
    send_json,
)
from tests.support.environment import free_port
from tests.support.schemas import migrated
from tests.support.waiting import wait_for


def inbox_count(store: Store) -> int:
    with store.read() as s:
        return s.query(InboxRow).count()


@contextmanager
def polling(config: Config, store: Store, **kwargs: Any) -> Iterator[MailboxPoller]:
    stop = threading.Event()
    poller = MailboxPoller(config.inbound.imap[0], store, stop, **kwargs)
    thread = threading.Thread(target=poller.run, daemon=True)
    thread.start()
    try:
        yield poller
    finally:
        stop.set()
        thread.join(20)
        assert not thread.is_alive(), "the poller did not stop"


@pytest.fixture
def user(dovecot: Dovecot) -> str:
    return dovecot.add_user()


@pytest.fixture
def box(make_config: Callable[..., Config], dovecot: Dovecot, user: str) -> Callable[..., Config]:
    def factory(port: int | None = None, db_url: str | None = None, **fields: Any) -> Config:
        return make_config(db_url=db_url, extra=imap_block(user, port or dovecot.port, **fields))

    return factory


# -- receiving --------------------------------------------------------------------------------


def test_poll_mode_stores_then_marks_seen_and_tickets_go_to_the_mailbox_department(
    box: Callable[..., Config], dovecot: Dovecot, user: str
) -> None:
    config = box()
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(4) + mails(1, start=4, to="support@helpdesk.test"))
    with polling(config, store) as poller:
        wait_for(lambda: inbox_count(store) == 5, what="five messages stored")
        wait_for(lambda: not dovecot.uids(user, criteria="UNSEEN"), what="all marked seen")
    assert poller.counters.stored == 5
    assert dovecot.uids(user) == [1, 2, 3, 4, 5], "seen mode leaves mail in the folder"
    with store.read() as s:
        state = ImapRepo(s).state("box", "INBOX")
        refs = sorted(r.source_ref for r in s.query(InboxRow))
    assert state is not None
    assert state.last_uid == 5
    assert refs[0] == f"imap:box/INBOX;uidvalidity={state.uidvalidity};uid=1"
    Processor(config, store).run_once()
    with store.read() as s:
        departments = sorted(t.department for t in s.query(Ticket))
    # The mailbox's department, unless the address written to says otherwise.
    assert departments == ["billing"] * 4 + ["support"]
    store.dispose()


def test_nothing_is_flagged_before_the_commit(
    box: Callable[..., Config], dovecot: Dovecot, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = box()
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(3))
    failures = []
    real = ImapRepo.store_batch

    def failing(self: ImapRepo, *args: Any) -> Any:
        if len(failures) < 2:
            failures.append(1)
            raise RuntimeError("database is away")
        return real(self, *args)

    monkeypatch.setattr(ImapRepo, "store_batch", failing)
    with polling(config, store) as poller:
        wait_for(lambda: failures, what="a failed commit")
        # Fetched with BODY.PEEK[], not committed: still unseen on the server.
        assert dovecot.uids(user, criteria="UNSEEN") == [1, 2, 3]
        wait_for(lambda: inbox_count(store) == 3, what="stored after the database came back")
        wait_for(lambda: not dovecot.uids(user, criteria="UNSEEN"), what="seen after the commit")
    assert poller.counters.reconnects == 2
    store.dispose()


def test_idle_wakes_the_poller_for_new_mail(
    box: Callable[..., Config], dovecot: Dovecot, user: str
) -> None:
    # An hour between polls: only IDLE can bring the message in time.
    config = box(idle=True, poll_interval="1h")
    store = Store(config.database)
    migrated(store)
    with polling(config, store) as poller:
        wait_for(poller.idling.is_set, what="the poller waiting in IDLE")
        sent = time.monotonic()
        dovecot.append(user, mails(1)[0])
        wait_for(lambda: inbox_count(store) == 1, timeout=10, what="the new message stored")
        elapsed = time.monotonic() - sent
        wait_for(poller.idling.is_set, what="back in IDLE")
    assert elapsed < 5, f"stored {elapsed:.1f}s after it arrived"
    store.dispose()


def test_daemon_turns_new_mailbox_mail_into_tickets(
    box: Callable[..., Config], dovecot: Dovecot, user: str, run_daemon: Callable[..., Any]
) -> None:
    config = box(idle=True, poll_interval="1h")
    d = run_daemon(config, roles=("imap", "process", "send"))
    store = Store(config.database)

    def tickets() -> int:
        with store.read() as s:
            return s.query(Ticket).count()

    try:
        dovecot.deliver(user, mails(1))
        wait_for(lambda: tickets() == 1, what="the first ticket")
        time.sleep(0.5)  # the poller is back in IDLE
        dovecot.append(user, mails(1, start=1)[0])
        wait_for(lambda: tickets() == 2, timeout=10, what="a ticket for mail arriving in IDLE")
        outbox = Path(config.outbound.directory)
        wait_for(lambda: len(list(outbox.glob("*.eml"))) == 2, what="two acknowledgments")
    finally:
        assert d.stop() == 0
        store.dispose()


@pytest.mark.parametrize("after", ["seen", "move", "delete"])
def test_after_modes(box: Callable[..., Config], dovecot: Dovecot, user: str, after: str) -> None:
    config = box(after=after, move_to="Processed" if after == "move" else None, batch_size=4)
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(10))
    with polling(config, store):
        wait_for(lambda: inbox_count(store) == 10, what="ten messages stored")
        if after == "seen":
            wait_for(lambda: not dovecot.uids(user, criteria="UNSEEN"), what="all seen")
        else:
            wait_for(lambda: not dovecot.uids(user), what="the folder emptied")
    if after == "seen":
        assert len(dovecot.uids(user)) == 10
    elif after == "move":
        assert len(dovecot.uids(user, "Processed")) == 10
    else:
        assert dovecot.uids(user, "Processed") == []
    store.dispose()


@pytest.mark.parametrize("without", [(b"MOVE",), (b"MOVE", b"UIDPLUS")])
def test_move_falls_back_to_copy_delete_expunge(
    box: Callable[..., Config],
    dovecot: Dovecot,
    user: str,
    monkeypatch: pytest.MonkeyPatch,
    without: tuple[bytes, ...],
) -> None:
    """A server without MOVE (RFC 6851): COPY, \\Deleted, then UID EXPUNGE (or EXPUNGE
    without UIDPLUS).  Dovecot offers both, so the client is made not to see them."""
    real = IMAPClient.capabilities

    def fewer(self: IMAPClient) -> tuple[bytes, ...]:
        return tuple(c for c in real(self) if c not in without)

    monkeypatch.setattr(IMAPClient, "capabilities", fewer)
    config = box(after="move", move_to="Done")
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(6))
    with polling(config, store):
        wait_for(lambda: inbox_count(store) == 6, what="six messages stored")
        wait_for(lambda: not dovecot.uids(user), what="the folder emptied")
    assert len(dovecot.uids(user, "Done")) == 6
    store.dispose()


# -- failures -----------------------------------------------------------------------------------


def test_connection_cut_in_the_middle_of_a_batch_loses_and_doubles_nothing(
    box: Callable[..., Config], dovecot: Dovecot, user: str
) -> None:
    proxy = CutProxy(dovecot.port)
    config = box(port=proxy.port, batch_size=40)
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(120, body_bytes=6000))
    # The first batch is about 250 KB: cut the connection 100 KB into it.
    proxy.cut_after = 100_000
    try:
        with polling(config, store) as poller:
            wait_for(lambda: inbox_count(store) == 120, timeout=30, what="all 120 stored")
            wait_for(lambda: not dovecot.uids(user, criteria="UNSEEN"), what="all seen")
    finally:
        proxy.close()
    assert proxy.cuts == 1
    assert poller.counters.reconnects >= 1
    assert (poller.counters.stored, poller.counters.duplicates) == (120, 0)
    Processor(config, store).run_once(500)
    with store.read() as s:
        assert s.query(Ticket).count() == 120
    store.dispose()


def test_cut_between_commit_and_flagging_flags_on_reconnect(
    box: Callable[..., Config], dovecot: Dovecot, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = box(after="delete")
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(5))
    real = MailboxPoller._act
    cut: list[int] = []

    def act_once_failing(self: MailboxPoller, client: IMAPClient, uids: Any) -> None:
        if not cut:
            cut.append(len(uids))
            raise ConnectionResetError("connection reset by peer")
        real(self, client, uids)

    monkeypatch.setattr(MailboxPoller, "_act", act_once_failing)
    with polling(config, store) as poller:
        wait_for(lambda: not dovecot.uids(user), what="the stored messages deleted")
    assert cut == [5]
    assert inbox_count(store) == 5
    assert (poller.counters.stored, poller.counters.duplicates) == (5, 0)
    store.dispose()


def test_uidvalidity_reset_rescans_without_duplicates(
    box: Callable[..., Config],
    dovecot: Dovecot,
    user: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    config = box()
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(4))
    with polling(config, store):
        wait_for(lambda: inbox_count(store) == 4, what="four messages stored")
    with store.read() as s:
        before = ImapRepo(s).state("box", "INBOX")
    assert before is not None
    dovecot.reset_uidvalidity(user)
    dovecot.deliver(user, mails(1, start=4))
    with caplog.at_level(logging.WARNING, "mailgate.receive.imap"), polling(config, store) as p:
        wait_for(lambda: inbox_count(store) == 5, what="the new message stored")
        wait_for(lambda: p.counters.duplicates == 4, what="the old ones recognised")
    with store.read() as s:
        after = ImapRepo(s).state("box", "INBOX")
    assert after is not None
    assert after.uidvalidity != before.uidvalidity
    assert "UIDVALIDITY of INBOX changed" in caplog.text
    Processor(config, store).run_once()
    with store.read() as s:
        assert s.query(Ticket).count() == 5
    store.dispose()


def test_lost_connection_is_logged_with_account_never_the_password(
    box: Callable[..., Config], dovecot: Dovecot, user: str, caplog: pytest.LogCaptureFixture
) -> None:
    config = box(password="wrong-" + PASSWORD)
    store = Store(config.database)
    migrated(store)
    with caplog.at_level(logging.DEBUG), polling(config, store) as poller:
        wait_for(lambda: poller.counters.reconnects >= 2, what="two failed logins")
    assert "imap box: authentication:" in caplog.text
    assert "reconnecting in 1s" in caplog.text
    assert "reconnecting in 2s" in caplog.text
    assert "wrong-" not in caplog.text
    store.dispose()


def test_open_mailbox_names_the_failed_step(dovecot: Dovecot, user: str) -> None:
    from mailgate.config import ImapAccountConfig

    def fails(**fields: Any) -> str:
        base = {
            "name": "x",
            "host": "127.0.0.1",
            "port": dovecot.port,
            "tls": "none",
            "username": user,
            "password_env": password_env(PASSWORD),
        }
        with pytest.raises(ImapFailure) as e:
            open_mailbox(ImapAccountConfig(**(base | fields))).logout()
        return e.value.stage

    assert fails(password_env=password_env("nope")) == "authentication"
    assert fails(port=free_port()) == "connect"  # nobody listens there
    assert fails(tls="ssl") == "tls"  # TLS spoken to a plain-text port
    assert fails(tls="starttls") == "tls"  # a server that offers no STARTTLS


# -- XOAUTH2 ------------------------------------------------------------------------------------


def test_xoauth2_with_a_token_command(
    box: Callable[..., Config], dovecot: Dovecot, user: str, tmp_path: Path
) -> None:
    token_file = tmp_path / "token"
    token_file.write_text(dovecot.grant_token(user) + "\n")
    config = box(auth="oauth2", password=None, token_command=f"cat {token_file}")
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(2))
    checks = dovecot.introspection.requests
    with polling(config, store):
        wait_for(lambda: inbox_count(store) == 2, what="two messages stored")
    assert dovecot.introspection.requests > checks, "Dovecot checked the token"
    store.dispose()


def test_xoauth2_refused_token_and_failing_command(dovecot: Dovecot, user: str) -> None:
    from mailgate.config import ImapAccountConfig

    def stage(command: str) -> str:
        account = ImapAccountConfig(
            name="x",
            host="127.0.0.1",
            port=dovecot.port,
            tls="none",
            username=user,
            auth="oauth2",
            token_command=command,
        )
        with pytest.raises(ImapFailure) as e:
            open_mailbox(account)
        return str(e.value)

    assert stage("echo ya29.not-a-granted-token").startswith("authentication: ")
    said = stage("sh -c 'echo refresh token expired >&2; exit 3'")
    assert said == "authentication: token_command exited 3: refresh token expired"
    assert "printed no single token" in stage("true")


class TokenEndpoint:
    """Microsoft identity platform's token endpoint as far as the client-credentials
    flow uses it (OpenID discovery document and ``/oauth2/v2.0/token``), on loopback.
    Microsoft's service cannot run here; msal's requests to it are sent to this one."""

    def __init__(self, dovecot: Dovecot, user: str, expires_in: int) -> None:
        import json
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        endpoint = self
        self.grants: list[dict[str, str]] = []

        class Handler(BaseHTTPRequestHandler):
            def _send(self, doc: dict[str, Any]) -> None:
                send_json(self, doc)

            def do_GET(self) -> None:
                base = "https://login.microsoftonline.test/tenant-1"
                self._send(
                    {
                        "token_endpoint": f"{base}/oauth2/v2.0/token",
                        "authorization_endpoint": f"{base}/oauth2/v2.0/authorize",
                        "issuer": f"{base}/v2.0",
                    }
                )

            def do_POST(self) -> None:
                from urllib.parse import parse_qsl

                length = int(self.headers.get("content-length", "0"))
                form = dict(parse_qsl(self.rfile.read(length).decode()))
                endpoint.grants.append(form)
                if form.get("client_secret") != "s3cret-value":
                    self.send_response(401)
                    body = json.dumps(
                        {
                            "error": "invalid_client",
                            "error_description": "AADSTS7000215: bad secret",
                        }
                    )
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body.encode())
                    return
                self._send(
                    {
                        "access_token": dovecot.grant_token(user),
                        "token_type": "Bearer",
                        "expires_in": expires_in,
                    }
                )

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def http_client(self) -> Any:
        import requests

        port = self.server.server_port

        class ToLoopback(requests.Session):
            def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
                assert url.startswith("https://login.microsoftonline.test/")
                url = url.replace("https://login.microsoftonline.test", f"http://127.0.0.1:{port}")
                return super().request(method, url, *args, **kwargs)

        return ToLoopback()


@pytest.mark.parametrize(("expires_in", "grants"), [(3600, 1), (200, 2)])
def test_xoauth2_with_msal_client_credentials(
    box: Callable[..., Config],
    dovecot: Dovecot,
    user: str,
    tmp_path: Path,
    expires_in: int,
    grants: int,
) -> None:
    """The client-credentials flow through msal; a token is reused until it is within
    five minutes of its expiry, then a new one is asked for."""
    from mailgate.receive.oauth import MsalToken

    secret = tmp_path / "client-secret"
    secret.write_text("s3cret-value\n")
    config = box(
        auth="oauth2",
        password=None,
        tenant_id="tenant-1",
        client_id="app-1",
        client_secret_file=str(secret),
        authority="https://login.microsoftonline.test/tenant-1",
    )
    endpoint = TokenEndpoint(dovecot, user, expires_in)
    try:
        tokens = MsalToken(config.inbound.imap[0], http_client=endpoint.http_client())
        store = Store(config.database)
        migrated(store)
        dovecot.deliver(user, mails(1))
        with polling(config, store, tokens=tokens):
            wait_for(lambda: inbox_count(store) == 1, what="the message stored")
        open_mailbox(config.inbound.imap[0], tokens).logout()  # a second login
    finally:
        endpoint.server.shutdown()
    assert len(endpoint.grants) == grants
    grant = endpoint.grants[0]
    assert (grant["grant_type"], grant["client_id"]) == ("client_credentials", "app-1")
    assert grant["scope"] == "https://outlook.office365.com/.default"
    store.dispose()


def test_msal_refusal_is_an_authentication_failure(
    dovecot: Dovecot, user: str, tmp_path: Path
) -> None:
    from mailgate.config import ImapAccountConfig
    from mailgate.receive.oauth import MsalToken

    secret = tmp_path / "client-secret"
    secret.write_text("wrong")
    account = ImapAccountConfig(
        name="x",
        host="127.0.0.1",
        port=dovecot.port,
        tls="none",
        username=user,
        auth="oauth2",
        tenant_id="tenant-1",
        client_id="app-1",
        client_secret_file=str(secret),
        authority="https://login.microsoftonline.test/tenant-1",
    )
    endpoint = TokenEndpoint(dovecot, user, 3600)
    try:
        with pytest.raises(ImapFailure) as e:
            open_mailbox(account, MsalToken(account, http_client=endpoint.http_client()))
    finally:
        endpoint.server.shutdown()
    assert e.value.stage == "authentication"
    assert "invalid_client" in str(e.value)
    assert "wrong" not in str(e.value)


def test_oauth2_session_ends_before_its_token_expires(store: Store) -> None:
    from mailgate.config import ImapAccountConfig
    from mailgate.receive import imap

    class Tokens:
        def __init__(self, expires_in: float | None) -> None:
            self.left = expires_in

        def token(self) -> str:
            return "t"

        def expires_in(self) -> float | None:
            return self.left

    account = ImapAccountConfig(
        name="x", host="127.0.0.1", tls="none", username="u", auth="oauth2", token_command="true"
    )

    def lifetime(expires_in: float | None) -> float:
        p = MailboxPoller(account, store, threading.Event(), tokens=Tokens(expires_in))
        return p._session_end() - time.monotonic()

    assert lifetime(1800) == pytest.approx(1740, abs=1)  # a minute before expiry
    assert lifetime(7200) == pytest.approx(imap.OAUTH_SESSION, abs=1)
    assert lifetime(None) == pytest.approx(imap.OAUTH_SESSION, abs=1)
    assert lifetime(5) == pytest.approx(30, abs=1)  # never a busy loop


# -- mailgate imap test / status --------------------------------------------------------------


def run_cli(config_text: str, tmp_path: Path, *args: str) -> Any:
    return shared_run_cli(config_text, tmp_path, "--log-level", "debug", *args)


def test_imap_test_command(dovecot: Dovecot, user: str, tmp_path: Path) -> None:
    from tests.support.config import make_toml

    dovecot.deliver(user, mails(3))
    text = make_toml(tmp_path, extra=imap_block(user, dovecot.port, after="move", move_to="Done"))
    p = run_cli(text, tmp_path, "imap", "test", "box")
    assert p.returncode == 0, p.stderr
    assert "capabilities: IDLE yes, MOVE yes, CONDSTORE yes, UIDPLUS yes" in p.stdout
    assert "folder INBOX: 3 messages, 3 unseen" in p.stdout
    assert "move to Done with MOVE (does not exist yet: mailgate creates it)" in p.stdout
    assert p.stdout.rstrip().endswith("OK")
    assert dovecot.uids(user, criteria="UNSEEN") == [1, 2, 3], "the test changes nothing"

    bad = make_toml(tmp_path, extra=imap_block(user, dovecot.port, password="hunter2-wrong"))
    p = run_cli(bad, tmp_path, "imap", "test", "box")
    assert p.returncode == 1
    assert "FAILED at authentication" in p.stderr
    assert "hunter2" not in p.stdout + p.stderr

    missing = make_toml(tmp_path, extra=imap_block(user, dovecot.port, folder="Nope"))
    p = run_cli(missing, tmp_path, "imap", "test", "box")
    assert p.returncode == 1
    assert "FAILED at folder: cannot open 'Nope'" in p.stderr
    assert "folders on the server: INBOX" in p.stderr

    p = run_cli(text, tmp_path, "imap", "test", "other")
    assert p.returncode == 2
    assert "no [[inbound.imap]] account named 'other' (box)" in p.stderr


def test_imap_test_names_dns_failures(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolving a name would ask a DNS server off this machine: the resolver's answer
    is simulated."""
    import socket

    from click.testing import CliRunner

    from mailgate.cli.main import cli
    from tests.support.config import make_toml

    def no_such_host(*_args: Any, **_kwargs: Any) -> Any:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    conf = tmp_path / "mailgate.toml"
    block = imap_block("u", 993, host="imap.example.invalid", tls="ssl")
    conf.write_text(make_toml(tmp_path, extra=block))
    result = CliRunner().invoke(cli, ["--config", str(conf), "imap", "test", "box"])
    assert result.exit_code == 1
    assert "FAILED at dns: cannot resolve imap.example.invalid" in result.output


def test_imap_status_command(
    box: Callable[..., Config], dovecot: Dovecot, user: str, tmp_path: Path
) -> None:
    from tests.support.config import make_toml

    text = make_toml(tmp_path, extra=imap_block(user, dovecot.port))
    p = run_cli(text, tmp_path, "imap", "status")
    assert p.returncode == 2, "no database yet: status does not create one"
    config = box()
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(2))
    with polling(config, store):
        wait_for(lambda: inbox_count(store) == 2, what="two messages stored")
    store.dispose()
    p = run_cli(text, tmp_path, "imap", "status")
    assert p.returncode == 0, p.stderr
    line = p.stdout.splitlines()[1].split()
    assert (line[0], line[1], line[3], line[4]) == ("box", "INBOX", "2", "0")


# -- what the server or the network may do -------------------------------------------------------


def test_connection_closed_during_idle_reconnects_at_once(
    box: Callable[..., Config], dovecot: Dovecot, user: str
) -> None:
    proxy = CutProxy(dovecot.port)
    config = box(port=proxy.port, idle=True, poll_interval="1h")
    store = Store(config.database)
    migrated(store)
    try:
        with polling(config, store) as poller:
            wait_for(poller.idling.is_set, what="the poller waiting in IDLE")
            proxy.cut_all()
            wait_for(lambda: poller.counters.reconnects == 1, timeout=10, what="a reconnect")
            dovecot.append(user, mails(1)[0])
            wait_for(lambda: inbox_count(store) == 1, timeout=10, what="the new message stored")
    finally:
        proxy.close()
    store.dispose()


def test_mail_announced_during_the_drain_is_not_left_for_later(
    box: Callable[..., Config], dovecot: Dovecot, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message that arrives while the poller works is announced (EXISTS) in the answer
    to one of its commands; IDLE does not announce it again."""
    config = box(idle=True, poll_interval="1h")
    store = Store(config.database)
    migrated(store)
    real = MailboxPoller._reconcile
    arrivals: list[int] = []

    def reconcile_while_mail_arrives(self: MailboxPoller, client: IMAPClient, state: Any) -> None:
        if not arrivals:
            arrivals.append(1)
            dovecot.append(user, mails(1, start=1)[0])
        real(self, client, state)

    monkeypatch.setattr(MailboxPoller, "_reconcile", reconcile_while_mail_arrives)
    dovecot.deliver(user, mails(1))
    with polling(config, store):
        wait_for(lambda: inbox_count(store) == 2, timeout=10, what="both messages stored")
    store.dispose()


def test_a_message_the_server_will_not_hand_over_is_left_and_retried(
    box: Callable[..., Config],
    dovecot: Dovecot,
    user: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    """Gmail answers a FETCH with NO when one message of the set cannot be read: the
    others are stored, that one stays on the server untouched (even in delete mode) and
    is asked for again at the next login."""
    from imapclient.exceptions import IMAPClientError

    real = IMAPClient.fetch
    broken = {3}

    def fetch(self: IMAPClient, messages: Any, data: Any, modifiers: Any = None) -> Any:
        if b"BODY.PEEK[]" in data and broken & set(messages):
            raise IMAPClientError("fetch failed: Some messages could not be FETCHed (Failure)")
        return real(self, messages, data, modifiers)

    monkeypatch.setattr(IMAPClient, "fetch", fetch)
    config = box(after="delete")
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(5))
    with caplog.at_level(logging.ERROR), polling(config, store) as poller:
        wait_for(lambda: inbox_count(store) == 4, what="four messages stored")
        wait_for(lambda: dovecot.uids(user) == [3], what="the others deleted")
        time.sleep(0.5)  # a poll or two: the broken one stays
    assert poller.counters.skipped == 1
    assert "did not hand over UID 3" in caplog.text
    assert dovecot.uids(user) == [3]
    with store.read() as s:
        state = ImapRepo(s).state("box", "INBOX")
    assert state is not None
    assert (state.last_uid, state.skipped) == (5, frozenset({3}))
    from tests.support.config import make_toml

    text = make_toml(tmp_path, extra=imap_block(user, dovecot.port, after="delete"))
    status = run_cli(text, tmp_path, "imap", "status")
    assert status.returncode == 0, status.stderr
    assert status.stdout.splitlines()[1].split()[3:5] == ["5", "1"]
    assert "refused them; retried each session): UID 3" in status.stdout
    broken.clear()  # the server can read it again
    with polling(config, store):
        wait_for(lambda: inbox_count(store) == 5, what="the fifth message stored")
        wait_for(lambda: not dovecot.uids(user), what="and deleted")
    with store.read() as s:
        state = ImapRepo(s).state("box", "INBOX")
    assert state is not None
    assert state.skipped == frozenset()
    store.dispose()


def test_without_uidplus_other_clients_deleted_mail_is_not_expunged(
    box: Callable[..., Config],
    dovecot: Dovecot,
    user: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    real = IMAPClient.capabilities
    monkeypatch.setattr(
        IMAPClient,
        "capabilities",
        lambda self: tuple(c for c in real(self) if c not in (b"UIDPLUS", b"MOVE")),
    )
    dovecot.deliver(user, mails(3))
    config = box(after="delete")
    store = Store(config.database)
    migrated(store)
    poller = MailboxPoller(config.inbound.imap[0], store, threading.Event())
    with dovecot.client(user) as other, dovecot.client(user) as ours:
        other.select_folder("INBOX")
        other.add_flags([3], [b"\\Deleted"])  # someone else's, not expunged yet
        ours.select_folder("INBOX")
        with caplog.at_level(logging.WARNING):
            poller._act(ours, [1])
        assert "1 message(s) flagged \\Deleted are not mailgate's" in caplog.text
        assert sorted(ours.search("ALL")) == [1, 2, 3]
        other.remove_flags([3], [b"\\Deleted"])
        poller._act(ours, [2])
        # Now every message flagged \Deleted is one mailgate flagged: expunged.
        assert sorted(ours.search("ALL")) == [3]
    store.dispose()


def test_lock_errors_are_retried_not_fatal(
    box: Callable[..., Config], dovecot: Dovecot, user: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mailgate.store.locks import JobLock

    real = JobLock.try_acquire
    calls: list[int] = []

    def flaky(self: JobLock) -> bool:
        calls.append(1)
        if len(calls) == 1:
            raise OSError(5, "Input/output error")
        return real(self)

    monkeypatch.setattr(JobLock, "try_acquire", flaky)
    config = box()
    store = Store(config.database)
    migrated(store)
    dovecot.deliver(user, mails(1))
    with polling(config, store) as poller:
        wait_for(lambda: inbox_count(store) == 1, what="stored after the lock error")
    assert poller.counters.reconnects == 1
    store.dispose()


def test_token_command_timeout_does_not_show_the_command_line() -> None:
    from mailgate.errors import OAuthTokenError
    from mailgate.receive.oauth import CommandToken

    with pytest.raises(OAuthTokenError) as e:
        CommandToken("sh -c 'sleep 5' --client-secret=abc123", timeout=0.3).token()
    assert str(e.value) == "token_command did not finish in 0.3s"
