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
   them on the server — batched, never one command per message.  A message the server
   will not hand over is left on the server untouched, recorded, and asked for again at
   the next login: one broken message does not hold up the folder;
5. finishes what a crash interrupted: messages at or below the highest UID stored that
   are still unseen (or not yet moved or deleted) get their action again;
6. waits for new mail with IDLE where the server offers it (re-issued every 10 minutes,
   well inside RFC 2177's 29, and with TCP keepalives, so that a connection that died
   silently is noticed), or polls every ``poll_interval``;
7. on any network, server or database error, logs the account and the error — never a
   password or a token — and reconnects after 1, 2, 4 … 300 seconds.

Connecting and logging in (step 2) are in ``receive.imap_connection``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError

from mailgate.config import ImapAccountConfig
from mailgate.envelope import Envelope, imap_ref
from mailgate.errors import ImapFailure, TokenError
from mailgate.inbox.commit import new_message
from mailgate.receive.imap_connection import announced, error_text, open_mailbox, uid_set
from mailgate.receive.oauth import TokenSource, token_source
from mailgate.store.engine import Store
from mailgate.store.imap_repo import FolderState, ImapRepo
from mailgate.store.locks import JobLock

log = logging.getLogger(__name__)

OAUTH_SESSION = 50 * 60.0  # an XOAUTH2 session logs in again at least this often
IDLE_REISSUE = 10 * 60.0  # RFC 2177: servers may end an IDLE after 29 minutes
LOCK_CHECK = 60.0  # how often a poller waiting in IDLE checks that its lock is still held
BATCH_BYTES = 32 << 20  # at most this much mail fetched into memory at once
_SEEN = b"\\Seen"
_DELETED = b"\\Deleted"


@dataclass
class Counters:
    fetched: int = 0
    stored: int = 0
    duplicates: int = 0
    reconnects: int = 0
    skipped: int = 0


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
        # One token source for the poller's life (msal's token cache lives in it), made
        # at the first login so that its errors are retried like any other.
        self.tokens = tokens
        self.takeover = takeover
        self.counters = Counters()
        self.lock = JobLock(store, f"imap:{account.name}/{account.folder}", takeover=takeover)
        self.idling = threading.Event()  # set while waiting in IDLE
        self._client: IMAPClient | None = None
        self._flagged: set[int] = set()  # flagged \Deleted by us, not expunged yet

    @property
    def name(self) -> str:
        return self.account.name

    # -- the loop --------------------------------------------------------------------------

    def run(self) -> None:
        backoff = 1.0
        waiting_logged = False
        try:
            while not self.stop.is_set():
                started = time.monotonic()
                clean = False
                try:
                    if not self.lock.try_acquire():
                        if not waiting_logged:
                            log.info(
                                "imap %s: another instance polls this folder; waiting", self.name
                            )
                            waiting_logged = True
                        self.stop.wait(self.takeover)
                        continue
                    waiting_logged = False
                    self._session()
                    backoff, clean = 1.0, True
                except Exception as e:  # noqa: BLE001 - network, server and database alike
                    self.counters.reconnects += 1
                    if time.monotonic() - started > 60:
                        backoff = 1.0  # a session that worked for a while: start over
                    if isinstance(e, ImapFailure | IMAPClientError | OSError | EOFError):
                        what = error_text(e)
                    else:  # the database, most likely: the mail stays on the server
                        what = f"{type(e).__name__}: {error_text(e)}"
                    log.warning("imap %s: %s; reconnecting in %.0fs", self.name, what, backoff)
                    self.stop.wait(backoff)
                    backoff = min(backoff * 2, 300.0)
                finally:
                    self._close(clean)
        finally:
            self.lock.release()
            log.info("imap %s: stopped", self.name)

    def _close(self, clean: bool) -> None:
        """End the session: LOGOUT after a clean one; after an error the connection may
        be dead, and a LOGOUT would wait for it until the timeout."""
        if self._client is not None:
            if clean:
                with contextlib.suppress(Exception):
                    self._client.logout()
            with contextlib.suppress(Exception):
                self._client.shutdown()
            self._client = None

    def _session(self) -> None:
        account = self.account
        if self.tokens is None and account.auth == "oauth2":
            try:
                self.tokens = token_source(account)
            except TokenError as e:
                raise ImapFailure("authentication", str(e)) from None
        client = self._client = open_mailbox(account, self.tokens)
        self._flagged.clear()
        ends = self._session_end()
        try:
            selected = client.select_folder(account.folder)
        except IMAPClientAbortError:
            raise
        except IMAPClientError as e:
            raise ImapFailure(
                "folder", f"cannot select {account.folder!r}: {error_text(e)}"
            ) from None
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
        state = self._retry_skipped(client, state)
        idle = account.idle and b"IDLE" in client.capabilities()
        while not self.stop.is_set():
            announced(client)  # what the drain is about to find anyway
            state = self._drain(client, state)
            self._reconcile(client, state)
            if not self.lock.still_held():
                raise ImapFailure("lock", "the folder's lock was lost")
            if time.monotonic() >= ends:
                log.info("imap %s: logging in again before the access token expires", self.name)
                return
            if idle:
                # Mail that arrived during the drain was announced in the answer to one of
                # its commands; IDLE would not announce it again.
                if not announced(client):
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
                "imap %s: UIDVALIDITY of %s changed from %d to %d: reading the folder again "
                "(messages already stored are recognised)",
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
        step = self.account.batch_size
        # Messages larger than a batch's share of BATCH_BYTES are fetched one at a time,
        # so that a batch never holds more than BATCH_BYTES (or one message) in memory.
        large = set(client.search(["UID", f"{uids[0]}:*", "LARGER", str(BATCH_BYTES // step)]))
        done = logged = 0
        for part in _batches(uids, large, step):
            if self.stop.is_set():
                break
            state = self._store(client, state, part)
            done += len(part)
            if len(uids) > step and (done - logged >= step or done == len(uids)):
                logged = done
                log.info(
                    "imap %s: %d/%d messages stored (UID %d)",
                    self.name,
                    done,
                    len(uids),
                    state.last_uid,
                )
        return state

    def _store(self, client: IMAPClient, state: FolderState, uids: list[int]) -> FolderState:
        """Fetch, commit, then act on one batch."""
        fetched, skipped = self._fetch(client, state.uidvalidity, uids)
        after = FolderState(state.uidvalidity, uids[-1], state.skipped | frozenset(skipped))
        self._commit(after, fetched)
        stored = [u for u in uids if u not in skipped]
        self._act(client, stored)
        return after

    def _fetch(
        self, client: IMAPClient, uidvalidity: int, uids: list[int]
    ) -> tuple[list[tuple[str, bytes]], set[int]]:
        """The batch's messages as ``(source_ref, raw)``, and the UIDs the server has but
        would not hand over (left on the server, asked for again at the next login).
        A message expunged meanwhile by another client is neither."""
        try:
            response = client.fetch(uids, [b"BODY.PEEK[]"])
        except IMAPClientAbortError:
            raise
        except IMAPClientError as e:  # NO or BAD for the batch: find the culprit
            if len(uids) == 1:
                response = {}
                log.error("imap %s: UID %d: %s", self.name, uids[0], error_text(e))
            else:
                response = {}
                for uid in uids:
                    with contextlib.suppress(IMAPClientError):
                        response.update(client.fetch([uid], [b"BODY.PEEK[]"]))
        account = self.account
        out = []
        missing = []
        for uid in uids:
            raw = response.get(uid, {}).get(b"BODY[]")
            if raw is None:
                missing.append(uid)
            else:
                out.append((imap_ref(account.name, account.folder, uidvalidity, uid), raw))
        skipped: set[int] = set()
        if missing:
            skipped = set(client.search(["UID", uid_set(missing)])) & set(missing)
            for uid in sorted(skipped):
                log.error(
                    "imap %s: the server did not hand over UID %d; it stays on the server "
                    "and is asked for again at the next login",
                    self.name,
                    uid,
                )
            self.counters.skipped += len(skipped)
        return out, skipped

    def _commit(self, state: FolderState, fetched: list[tuple[str, bytes]]) -> None:
        """Store a fetched batch and the folder's new highest UID in one transaction —
        only while this instance still holds the folder's lock."""
        account = self.account
        messages = [new_message(Envelope("imap", None, (), ref), raw) for ref, raw in fetched]
        if not self.lock.still_held():
            raise ImapFailure("lock", "the folder's lock was lost")
        with self.store.write() as session:
            results = ImapRepo(session).store_batch(account.name, account.folder, state, messages)
        fresh = sum(not r.duplicate for r in results)
        self.counters.fetched += len(messages)
        self.counters.stored += fresh
        self.counters.duplicates += len(results) - fresh
        if fresh and self.on_stored is not None:
            self.on_stored(fresh)

    def _retry_skipped(self, client: IMAPClient, state: FolderState) -> FolderState:
        """Ask once more for the messages the server would not hand over before."""
        if not state.skipped:
            return state
        uids = sorted(state.skipped)
        fetched, still = self._fetch(client, state.uidvalidity, uids)
        self.counters.skipped -= len(still)  # counted again by _fetch; not new
        after = FolderState(state.uidvalidity, state.last_uid, frozenset(still))
        self._commit(after, fetched)
        self._act(client, [u for u in uids if u not in still])
        if len(still) < len(uids):
            log.info(
                "imap %s: %d message(s) the server would not hand over earlier are stored",
                self.name,
                len(uids) - len(still),
            )
        return after

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
            return
        # Without UIDPLUS, EXPUNGE removes every message flagged \Deleted, other clients'
        # too: only when all of them are ours.
        self._flagged.update(uids)
        flagged = set(client.search(["DELETED"]))
        if flagged <= self._flagged:
            client.expunge()
            self._flagged.clear()
        else:
            log.warning(
                "imap %s: the server has no UID EXPUNGE and %d message(s) flagged \\Deleted "
                "are not mailgate's: ours stay flagged \\Deleted until the folder is expunged",
                self.name,
                len(flagged - self._flagged),
            )

    def _reconcile(self, client: IMAPClient, state: FolderState) -> None:
        """Messages stored but not yet acted on (a crash between the commit and the
        action): act on them now."""
        if state.last_uid == 0:
            return
        criteria: list[str | bytes] = ["UID", f"1:{state.last_uid}"]
        criteria += ["UNSEEN"] if self.account.after == "seen" else ["NOT", "DELETED"]
        pending = sorted(
            u for u in client.search(criteria) if u <= state.last_uid and u not in state.skipped
        )
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
        ``until``.  A connection the server closed raises."""
        client.idle()
        started = last_check = time.monotonic()
        hollow = 0
        self.idling.set()
        try:
            while not self.stop.is_set():
                now = time.monotonic()
                if now - started >= IDLE_REISSUE or now >= until:
                    break
                if now - last_check >= LOCK_CHECK:
                    last_check = now
                    if not self.lock.still_held():
                        raise ImapFailure("lock", "the folder's lock was lost")
                responses = client.idle_check(timeout=1)
                if any(r[:1] == (b"BYE",) for r in responses):
                    raise ImapFailure("connection", "the server ended the session (BYE)")
                # At the end of the connection idle_check returns nothing, at once, every
                # time (it returns nothing after a second when all is quiet).
                if responses or time.monotonic() - now >= 0.5:
                    hollow = 0
                else:
                    hollow += 1
                    if hollow >= 3:
                        raise ImapFailure("connection", "the server closed the connection")
                if any(len(r) > 1 and r[1] in (b"EXISTS", b"RECENT") for r in responses):
                    break
        finally:
            self.idling.clear()
        client.idle_done()


def _batches(uids: list[int], large: set[int], step: int) -> list[list[int]]:
    """UIDs in batches of at most ``step``; each large message in a batch of its own."""
    out: list[list[int]] = []
    part: list[int] = []
    for uid in uids:
        if uid in large:
            if part:
                out.append(part)
                part = []
            out.append([uid])
            continue
        part.append(uid)
        if len(part) == step:
            out.append(part)
            part = []
    if part:
        out.append(part)
    return out
