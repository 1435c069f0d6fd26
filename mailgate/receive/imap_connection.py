"""The IMAP connection: connecting, TLS, logging in, and reading what the server says.

``open_mailbox`` connects (TLS, STARTTLS, or clear), turns TCP keepalives on and logs in
with a password or XOAUTH2; an error is an :class:`ImapFailure` naming the stage that
failed (DNS, connection, TLS, authentication), never a password or a token.  The poller
(``receive.imap``) and ``mailgate imap test`` connect through it.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
from collections.abc import Iterable

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailgate.config import ImapAccountConfig
from mailgate.errors import ImapFailure, OAuthTokenError
from mailgate.receive.oauth import OAuthTokenSource, account_password, token_source


def open_mailbox(account: ImapAccountConfig, tokens: OAuthTokenSource | None = None) -> IMAPClient:
    """Connect and log in; an error names the stage that failed (DNS, connection, TLS,
    authentication)."""
    host, port = account.host, account.effective_port
    context = ssl.create_default_context()
    try:
        client = IMAPClient(
            host,
            port=port,
            ssl=account.tls == "ssl",
            ssl_context=context if account.tls == "ssl" else None,
            timeout=account.timeout,
        )
    except socket.gaierror as e:
        raise ImapFailure("dns", f"cannot resolve {host}: {e.strerror}") from None
    except ssl.SSLError as e:
        raise ImapFailure("tls", f"TLS with {host}:{port} failed: {e.reason or e}") from None
    except TimeoutError:
        raise ImapFailure("connect", f"{host}:{port} did not answer in time") from None
    except OSError as e:
        raise ImapFailure(
            "connect", f"cannot connect to {host}:{port}: {e.strerror or e}"
        ) from None
    _untraced(client)
    _keepalive(client)
    try:
        if account.tls == "starttls":
            try:
                client.starttls(context)
            except ssl.SSLError as e:
                raise ImapFailure(
                    "tls", f"STARTTLS with {host}:{port} failed: {e.reason or e}"
                ) from None
            except IMAPClientError as e:
                raise ImapFailure("tls", f"STARTTLS refused by {host}: {e}") from None
        _login(client, account, tokens)
    except BaseException:
        with contextlib.suppress(Exception):
            client.shutdown()
        raise
    return client


def _login(client: IMAPClient, account: ImapAccountConfig, tokens: OAuthTokenSource | None) -> None:
    try:
        if account.auth == "oauth2":
            client.oauth2_login(account.username, (tokens or token_source(account)).token())
        else:
            client.login(account.username, account_password(account))
    except OAuthTokenError as e:
        raise ImapFailure("authentication", str(e)) from None
    except LoginError as e:
        raise ImapFailure(
            "authentication", f"{account.username} refused: {error_text(e)}"
        ) from None


def error_text(e: BaseException) -> str:
    """An error as the logs and failures say it: its text, at most 300 characters, or its
    type's name when it has none."""
    return str(e).strip()[:300] or type(e).__name__


def _untraced(client: IMAPClient) -> None:
    """imapclient has imaplib trace the whole protocol to the ``imapclient.imaplib``
    logger (imaplib's ``debug`` at 5), and imaplib formats each line of the trace before
    the logger says whether it wants it: the repr of every message fetched, one more copy
    of a message at the size limit, and the time to make it.  Unless that logger takes
    debug lines, imaplib traces nothing."""
    if not logging.getLogger("imapclient.imaplib").isEnabledFor(logging.DEBUG):
        client._imap.debug = 0


def _keepalive(client: IMAPClient) -> None:
    """TCP keepalives after a minute of silence: a connection that died without a word
    (a NAT box forgetting it, a server rebooted) is noticed within two minutes."""
    with contextlib.suppress(OSError, AttributeError):
        sock = client.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE, 60)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL, 20)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT, 3)


def uid_set(uids: Iterable[int]) -> str:
    """UIDs as an IMAP sequence set with ranges: ``1:3,7,9:10``."""
    out: list[str] = []
    run: list[int] = []
    for uid in sorted(uids):
        if run and uid == run[-1] + 1:
            run.append(uid)
            continue
        if run:
            out.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
        run = [uid]
    if run:
        out.append(f"{run[0]}:{run[-1]}" if len(run) > 1 else str(run[0]))
    return ",".join(out)


def announced(client: IMAPClient) -> bool:
    """Whether the server announced new mail (EXISTS, RECENT) in the answer to a command
    since the last call.  imaplib keeps such untagged responses aside."""
    pending: dict[str, list[bytes]] = getattr(client._imap, "untagged_responses", {})
    found = False
    for key in ("EXISTS", "RECENT"):
        found = bool(pending.pop(key, None)) or found
    return found
