"""Agents' sign-in to the console: their passwords, their sessions, failed sign-ins.

The agents themselves are ``[[agents]]`` of the configuration; a row of
``agent_accounts`` only adds a password (an argon2id hash, argon2-cffi's defaults) and
whether the agent may sign in.  A session is a row keyed by the SHA-256 digest of the
random token its browser's cookie holds: a copy of the database signs nobody in.  Failed
sign-ins are rows too, so that every process of the helpdesk counts the same guesses.

Hashing and verifying take a fifth of a second and 64 MiB on purpose: callers run them
in threads, never inside a transaction.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from mailgate.config import Config
from mailgate.store.models import AgentAccount, ConsoleSession, LoginFailure

# A session's seen_at is written again only this long after the last write: the idle
# expiry is then exact within a minute, and a page that polls writes once a minute.
TOUCH_EVERY = timedelta(minutes=1)
# What the database keeps of a sign-in attempt's address and browser, at the most.
_LONGEST_TEXT = 320

_hasher = PasswordHasher()


# -- passwords -------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """The argon2id hash of ``password`` (a fresh random salt)."""
    return _hasher.hash(password)


@dataclass(frozen=True)
class Checked:
    """What verifying a password found: whether it is right and, when the stored hash
    was made with weaker parameters than today's, the hash to store instead."""

    right: bool
    rehash: str | None = None


def check_password(stored: str | None, password: str) -> Checked:
    """Verify ``password`` against ``stored``.  Without a stored hash (no such agent, no
    password, disabled) a dummy hash of the same cost is verified instead and the answer
    is wrong: how long the answer takes does not tell which addresses have a password."""
    try:
        _hasher.verify(stored if stored is not None else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return Checked(False)
    if stored is None:  # pragma: no cover - a dummy hash matches nothing
        return Checked(False)
    rehash = hash_password(password) if _hasher.check_needs_rehash(stored) else None
    return Checked(True, rehash)


@cache
def _dummy_hash() -> str:
    # Made up with today's parameters rather than computed, so that no first sign-in
    # pays for computing it: verifying costs the same as against a real hash.
    def b64(n: int) -> str:
        return base64.b64encode(secrets.token_bytes(n)).decode().rstrip("=")

    h = _hasher
    return (
        f"$argon2id$v=19$m={h.memory_cost},t={h.time_cost},p={h.parallelism}"
        f"${b64(h.salt_len)}${b64(h.hash_len)}"
    )


# -- sessions --------------------------------------------------------------------------------


def digest_of(token: str) -> str:
    """The key of the session whose cookie holds ``token``."""
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).hexdigest()


@dataclass(frozen=True)
class NewSession:
    token: str  # for the browser's cookie; never stored
    digest: str
    csrf: str


@dataclass(frozen=True)
class Lifetime:
    """How long a session lasts: ``idle`` after its last request, ``longest`` after
    sign-in whatever happens (``[console] session_idle``, ``session_max``)."""

    idle: timedelta
    longest: timedelta

    @classmethod
    def of(cls, config: Config) -> Lifetime:
        c = config.console
        return cls(timedelta(seconds=c.session_idle), timedelta(seconds=c.session_max))

    def alive(self, row: ConsoleSession, now: datetime) -> bool:
        return now - row.seen_at < self.idle and now - row.created_at < self.longest


class AccountsRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- accounts

    def account(self, address: str, *, lock: bool = False) -> AgentAccount | None:
        """The agent's row (``lock``: held until the transaction ends, so that a
        password change or a disable waits for a sign-in in progress, and the other way
        round)."""
        return self.session.get(AgentAccount, address, with_for_update=lock)

    def _row(self, address: str, now: datetime) -> AgentAccount:
        row = self.account(address, lock=True)
        if row is None:
            row = AgentAccount(address=address, password_hash=None, disabled=False, updated_at=now)
            self.session.add(row)
        return row

    def set_password(self, address: str, password_hash: str, now: datetime) -> int:
        """Store a new password; every session of the agent ends (how many)."""
        row = self._row(address, now)
        row.password_hash, row.updated_at = password_hash, now
        return self.end_sessions(address)

    def replace_hash(self, address: str, old: str, new: str, now: datetime) -> None:
        """The same password hashed with today's parameters, unless it changed meanwhile;
        sessions go on."""
        self.session.execute(
            update(AgentAccount)
            .where(AgentAccount.address == address, AgentAccount.password_hash == old)
            .values(password_hash=new, updated_at=now)
        )

    def set_disabled(self, address: str, disabled: bool, now: datetime) -> tuple[bool, int]:
        """Disable or enable the agent's sign-in: whether that changed anything, and how
        many sessions ended (disabling ends them all)."""
        row = self._row(address, now)
        changed = row.disabled != disabled
        row.disabled, row.updated_at = disabled, now
        return changed, self.end_sessions(address) if disabled else 0

    # -- sessions

    def begin_session(
        self, agent: str, now: datetime, *, client: str = "", user_agent: str = ""
    ) -> NewSession:
        """A new session of ``agent``, with a new token and a new CSRF token."""
        token = secrets.token_urlsafe(32)
        new = NewSession(token, digest_of(token), secrets.token_urlsafe(32))
        self.session.add(
            ConsoleSession(
                digest=new.digest,
                agent=agent,
                csrf=new.csrf,
                created_at=now,
                seen_at=now,
                client=client[:_LONGEST_TEXT],
                user_agent=user_agent[:_LONGEST_TEXT],
            )
        )
        return new

    def live_session(self, digest: str, now: datetime, lifetime: Lifetime) -> ConsoleSession | None:
        """The session of ``digest`` unless it has expired (idle or too old)."""
        row = self.session.get(ConsoleSession, digest)
        return row if row is not None and lifetime.alive(row, now) else None

    @staticmethod
    def needs_touch(row: ConsoleSession, now: datetime) -> bool:
        return now - row.seen_at >= TOUCH_EVERY

    def touch(self, digest: str, now: datetime) -> None:
        self.session.execute(
            update(ConsoleSession).where(ConsoleSession.digest == digest).values(seen_at=now)
        )

    def end_session(self, digest: str) -> bool:
        result = self.session.execute(delete(ConsoleSession).where(ConsoleSession.digest == digest))
        return bool(getattr(result, "rowcount", 0))

    def end_sessions(self, agent: str) -> int:
        """Sign the agent out everywhere: how many sessions ended."""
        result = self.session.execute(delete(ConsoleSession).where(ConsoleSession.agent == agent))
        return int(getattr(result, "rowcount", 0))

    def sessions_of(self, agent: str, now: datetime, lifetime: Lifetime) -> list[ConsoleSession]:
        """The agent's live sessions, the most recently used first."""
        rows = self.session.scalars(
            select(ConsoleSession)
            .where(ConsoleSession.agent == agent)
            .order_by(ConsoleSession.seen_at.desc())
        )
        return [r for r in rows if lifetime.alive(r, now)]

    def prune_sessions(self, now: datetime, lifetime: Lifetime) -> int:
        """Delete the sessions that have expired: how many."""
        result = self.session.execute(
            delete(ConsoleSession).where(
                or_(
                    ConsoleSession.seen_at <= now - lifetime.idle,
                    ConsoleSession.created_at <= now - lifetime.longest,
                )
            )
        )
        return int(getattr(result, "rowcount", 0))

    # -- failed sign-ins

    def record_failure(self, address: str, client: str, now: datetime) -> None:
        self.session.add(LoginFailure(at=now, address=address[:_LONGEST_TEXT], client=client))

    def failures(
        self,
        since: datetime,
        limit: int,
        *,
        address: str | None = None,
        client: str | None = None,
    ) -> list[datetime]:
        """When the failed sign-ins for ``address`` (or from ``client``) after ``since``
        happened, the newest first, ``limit`` at the most."""
        query = select(LoginFailure.at).where(LoginFailure.at > since)
        if address is not None:
            query = query.where(LoginFailure.address == address[:_LONGEST_TEXT])
        if client is not None:
            query = query.where(LoginFailure.client == client)
        return list(self.session.scalars(query.order_by(LoginFailure.at.desc()).limit(limit)))

    def clear_failures(self, address: str) -> None:
        """Forget the failed sign-ins for ``address`` (its agent has just signed in); the
        failures counted per client stay."""
        self.session.execute(
            update(LoginFailure)
            .where(LoginFailure.address == address[:_LONGEST_TEXT])
            .values(address="")
        )

    def prune_failures(self, before: datetime) -> int:
        result = self.session.execute(delete(LoginFailure).where(LoginFailure.at <= before))
        return int(getattr(result, "rowcount", 0))
