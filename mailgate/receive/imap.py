"""The IMAP poller: mailboxes read as reliably as an MTA delivers.

For each configured mailbox folder, one poller (imapclient, in a thread):

1. takes the folder's lock (one instance at a time polls a folder: ``store.locks``);
2. connects (TLS, STARTTLS, or clear on loopback only), logs in with a password or
   XOAUTH2, and selects the folder;
3. compares the folder's UIDVALIDITY with the one stored: if it changed, UIDs mean
   something else now, and the folder is read again from the start (duplicates are
   recognised by content and stored once);
4. fetches the messages above the highest UID stored, a batch at a time, with
   ``BODY.PEEK[]`` (nothing is marked read by fetching), commits each batch and the new
   highest UID in one transaction, and only then marks them \\Seen, moves or deletes
   them on the server — batched, never one command per message;
5. finishes what a crash interrupted: messages at or below the highest UID stored that
   are still unseen (or not yet moved or deleted) get their action again;
6. waits for new mail with IDLE where the server offers it (re-issued every 25 minutes,
   inside RFC 2177's 29), or polls every ``poll_interval``;
7. on any network or protocol error, logs the account and the error — never a password
   or a token — and reconnects after 1, 2, 4 … 300 seconds.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from mailgate.config import ImapAccountConfig
from mailgate.envelope import Envelope, imap_ref
from mailgate.inbox import new_message
from mailgate.receive.oauth import TokenError, TokenSource, account_password, token_source
from mailgate.store.engine import Store
from mailgate.store.imap_repo import FolderState, ImapRepo
from mailgate.store.locks import JobLock

log = logging.getLogger(__name__)

OAUTH_SESSION = 50 * 60.0  # an XOAUTH2 session logs in again at least this often
IDLE_REISSUE = 25 * 60.0  # RFC 2177: servers may end an IDLE after 29 minutes
LOCK_CHECK = 60.0  # how often a poller waiting in IDLE checks that its lock is still held
BATCH_BYTES = 32 << 20  # at most this much mail fetched into memory at once
_SEEN = b"\\Seen"
_DELETED = b"\\Deleted"


class ImapFailure(Exception):
    """A step of talking to the server failed; ``stage`` names it for a person."""

    def __init__(self, stage: str, message: str) -> None:
        super().__init__(f"{stage}: {message}")
        self.stage = stage
        self.detail = message


def open_mailbox(account: ImapAccountConfig, tokens: TokenSource | None = None) -> IMAPClient:
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


def _login(client: IMAPClient, account: ImapAccountConfig, tokens: TokenSource | None) -> None:
    try:
        if account.auth == "oauth2":
            client.oauth2_login(account.username, (tokens or token_source(account)).token())
        else:
            client.login(account.username, account_password(account))
    except TokenError as e:
        raise ImapFailure("authentication", str(e)) from None
    except LoginError as e:
        raise ImapFailure("authentication", f"{account.username} refused: {_text(e)}") from None


def _text(e: BaseException) -> str:
    return str(e).strip()[:300] or type(e).__name__


@dataclass
class Counters:
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    reconnects: int = 0


class MailboxPoller:
    """Polls one account's folder until ``stop`` is set.  ``on_stored(n)`` is told how
    many new messages each commit stored (to wake the processing workers)."""

    def __init__(
        self,
        account: ImapAccountConfig,
        store: Store,
        stop: threading.Event,
        on_stored: Callable[[int], None] | None = None,
        tokens: TokenSource | None = None,
        takeover: float = 10.0,
    ) -> None:
        self.account = account
        self.store = store
        self.stop = stop
        self.on_stored = on_stored
        # One token source for the poller's life: msal's token cache lives in it.
        self.tokens = tokens
        if tokens is None and account.auth == "oauth2":
            self.tokens = token_source(account)
        self.takeover = takeover
        self.counters = Counters()
        self.lock = JobLock(store, f"imap:{account.name}/{account.folder}")
        self._client: IMAPClient | None = None
        self.idling = threading.Event()  # set while waiting in IDLE

    @property
    def name(self) -> str:
        return self.account.name

    # -- the loop --------------------------------------------------------------------------

    def run(self) -> None:
        backoff = 1.0
        waiting_logged = False
        try:
            while not self.stop.is_set():
                if not self.lock.try_acquire():
                    if not waiting_logged:
                        log.info("imap %s: another instance polls this folder; waiting", self.name)
                        waiting_logged = True
                    self.stop.wait(self.takeover)
                    continue
                waiting_logged = False
                started = time.monotonic()
                try:
                    self._session()
                    backoff = 1.0
                except Exception as e:  # noqa: BLE001 - network, server and database alike
                    self.counters.reconnects += 1
                    if time.monotonic() - started > 60:
                        backoff = 1.0  # a session that worked for a while: start over
                    if isinstance(e, ImapFailure | IMAPClientError | OSError | EOFError):
                        what = _text(e)
                    else:  # the database, most likely: the mail stays on the server
                        what = f"{type(e).__name__}: {_text(e)}"
                    log.warning("imap %s: %s; reconnecting in %.0fs", self.name, what, backoff)
                    self.stop.wait(backoff)
                    backoff = min(backoff * 2, 300.0)
                finally:
                    self._close()
        finally:
            self.lock.release()
            log.info("imap %s: stopped", self.name)

    def _close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.logout()
            with contextlib.suppress(Exception):
                self._client.shutdown()
            self._client = None

    def _session(self) -> None:
        account = self.account
        client = self._client = open_mailbox(account, self.tokens)
        ends = self._session_end()
        try:
            selected = client.select_folder(account.folder)
        except IMAPClientError as e:
            raise ImapFailure("folder", f"cannot select {account.folder!r}: {_text(e)}") from None
        if (
            account.after == "move"
            and account.move_to
            and not client.folder_exists(account.move_to)
        ):
            client.create_folder(account.move_to)
        uidvalidity = int(selected[b"UIDVALIDITY"])
        state = self._state(uidvalidity)
        log.info(
            "imap %s: %s selected (%s messages, UIDVALIDITY %d, stored up to UID %d)",
            self.name,
            account.folder,
            selected.get(b"EXISTS", "?"),
            uidvalidity,
            state.last_uid,
        )
        idle = account.idle and b"IDLE" in client.capabilities()
        while not self.stop.is_set():
            state = self._drain(client, state)
            self._reconcile(client, state)
            if not self.lock.still_held():
                raise ImapFailure("lock", "the folder's lock was lost")
            if time.monotonic() >= ends:
                log.info("imap %s: logging in again before the access token expires", self.name)
                return
            if idle:
                self._idle(client, ends)
            else:
                self.stop.wait(min(account.poll_interval, max(0.0, ends - time.monotonic())))
                if not self.stop.is_set():
                    client.noop()

    def _session_end(self) -> float:
        """When this session should end: never for a password login; for XOAUTH2 before
        its token expires."""
        if self.account.auth != "oauth2" or self.tokens is None:
            return float("inf")
        lifetime = OAUTH_SESSION
        expires_in = self.tokens.expires_in()
        if expires_in is not None:
            lifetime = min(lifetime, max(expires_in - 60.0, 30.0))
        return time.monotonic() + lifetime

    def _state(self, uidvalidity: int) -> FolderState:
        account = self.account
        with self.store.read() as session:
            stored = ImapRepo(session).state(account.name, account.folder)
        if stored is not None and stored.uidvalidity == uidvalidity:
            return stored
        if stored is not None:
            log.warning(
                "imap %s: UIDVALIDITY of %s changed from %d to %d: reading the folder "
                "again (messages already stored are recognised)",
                self.name,
                account.folder,
                stored.uidvalidity,
                uidvalidity,
            )
        state = FolderState(uidvalidity, 0)
        with self.store.write() as session:
            ImapRepo(session).set_state(account.name, account.folder, state)
        return state

    # -- fetching, storing, acting ----------------------------------------------------------

    def _drain(self, client: IMAPClient, state: FolderState) -> FolderState:
        """Fetch and store everything above the highest UID stored, a batch at a time."""
        uids = sorted(
            u for u in client.search(["UID", f"{state.last_uid + 1}:*"]) if u > state.last_uid
        )
        if not uids:
            return state
        total, done = len(uids), 0
        step = self.account.batch_size
        for start in range(0, total, step):
            if self.stop.is_set():
                break
            # The sizes first, so that a batch of large messages is fetched in parts that
            # each hold at most BATCH_BYTES (or one message) in memory.
            sizes = client.fetch(uids[start : start + step], [b"RFC822.SIZE"])
            for part in _by_size(uids[start : start + step], sizes, BATCH_BYTES):
                state = self._store(client, state, part)
                self._act(client, part)
            done = min(start + step, total)
            if total > step:
                log.info(
                    "imap %s: %d/%d messages stored (UID %d)",
                    self.name,
                    done,
                    total,
                    state.last_uid,
                )
        return state

    def _store(self, client: IMAPClient, state: FolderState, uids: list[int]) -> FolderState:
        fetched = client.fetch(uids, [b"BODY.PEEK[]"])
        account = self.account
        messages = []
        for uid in uids:
            raw = fetched.get(uid, {}).get(b"BODY[]")
            if raw is None:
                continue  # expunged meanwhile by another client
            ref = imap_ref(account.name, account.folder, state.uidvalidity, uid)
            messages.append(new_message(Envelope("imap", None, (), ref), bytes(raw)))
        del fetched
        new_state = FolderState(state.uidvalidity, max(uids))
        with self.store.write() as session:
            results = ImapRepo(session).store_batch(
                account.name, account.folder, new_state, messages
            )
        fresh = sum(not r.duplicate for r in results)
        self.counters.fetched += len(messages)
        self.counters.stored += fresh
        self.counters.duplicates += len(results) - fresh
        if fresh and self.on_stored is not None:
            self.on_stored(fresh)
        return new_state

    def _act(self, client: IMAPClient, uids: Sequence[int]) -> None:
        """What happens on the server to stored messages; only after their commit."""
        if not uids:
            return
        after = self.account.after
        if after == "seen":
            client.add_flags(uids, [_SEEN], silent=True)
            return
        caps = client.capabilities()
        if after == "move":
            assert self.account.move_to is not None
            if b"MOVE" in caps:
                client.move(uids, self.account.move_to)
                return
            client.copy(uids, self.account.move_to)
        client.add_flags(uids, [_DELETED], silent=True)
        if b"UIDPLUS" in caps:
            client.uid_expunge(uids)
        else:
            client.expunge()

    def _reconcile(self, client: IMAPClient, state: FolderState) -> None:
        """Messages stored but not yet acted on (a crash between the commit and the
        action): act on them now."""
        if state.last_uid == 0:
            return
        criteria: list[str | bytes] = ["UID", f"1:{state.last_uid}"]
        criteria += ["UNSEEN"] if self.account.after == "seen" else ["NOT", "DELETED"]
        pending = sorted(u for u in client.search(criteria) if u <= state.last_uid)
        for start in range(0, len(pending), 500):
            self._act(client, pending[start : start + 500])
        if pending:
            log.info(
                "imap %s: finished the action on %d message(s) stored earlier",
                self.name,
                len(pending),
            )

    def _idle(self, client: IMAPClient, until: float) -> None:
        """Wait for new mail; return when it comes, on stop, to re-issue IDLE, or at
        ``until``."""
        client.idle()
        started = last_check = time.monotonic()
        self.idling.set()
        try:
            while not self.stop.is_set():
                now = time.monotonic()
                if now - started >= IDLE_REISSUE or now >= until:
                    return
                if now - last_check >= LOCK_CHECK:
                    last_check = now
                    if not self.lock.still_held():
                        raise ImapFailure("lock", "the folder's lock was lost")
                responses = client.idle_check(timeout=1)
                if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                    return
        finally:
            self.idling.clear()
            client.idle_done()


def _by_size(uids: list[int], sizes: dict[int, dict[bytes, object]], limit: int) -> list[list[int]]:
    """UIDs in runs whose messages together hold at most ``limit`` bytes (a larger
    message forms a run of its own)."""
    parts: list[list[int]] = []
    part: list[int] = []
    held = 0
    for uid in uids:
        size = sizes.get(uid, {}).get(b"RFC822.SIZE")
        n = size if isinstance(size, int) else 0
        if part and held + n > limit:
            parts.append(part)
            part, held = [], 0
        part.append(uid)
        held += n
    if part:
        parts.append(part)
    return parts
