"""Bearer tokens of the API: who may call it, and as whom.

The tokens file holds one token per line, optionally followed by the address of the
agent of ``[[agents]]`` the token acts as, or by a name for the caller::

    # front end of the support team
    3q2+7w... ann@example.com
    # a script that only reads
    Zx81f... reporting

A token with an agent acts as that agent.  Any other acts as the system: the history
records ``api token <name>`` (``api token`` when the line names none), which never
takes part in a ticket — a name is not an address, and a stranger who writes it in a
From header must not be mistaken for the caller.  ``#`` starts a comment.

A token is at least 16 characters without spaces (e.g. ``openssl rand -hex 32``).  A
line that breaks these rules is logged with its line number (never its token) and not
accepted; the other lines still are.

The file is read again whenever it changes (its modification time, size or inode), so
adding or revoking a token needs no restart.  A file that cannot be read accepts no
token until it can be: revoking by removing the file must not leave old tokens working.

Tokens are compared as SHA-256 digests with :func:`hmac.compare_digest`, against every
line, so the time an answer takes says nothing about how much of a token was right.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from mailgate.config import Config
from mailgate.tickets.actors import Actor, Agent, System

log = logging.getLogger(__name__)

MIN_TOKEN_LENGTH = 16
# Events of a caller whose token names no agent are recorded as this actor, followed
# by the token's name when the line gives one.
API_ACTOR = "api token"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


@dataclass(frozen=True)
class _Entry:
    digest: bytes
    agent: Actor
    line: int


def parse_tokens(text: str, config: Config) -> tuple[list[_Entry], list[str]]:
    """The accepted tokens of a tokens file, and one problem per refused line."""
    entries: list[_Entry] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split()
        for i, f in enumerate(fields):
            if f.startswith("#"):
                fields = fields[:i]
                break
        if not fields:
            continue
        if len(fields) > 2:
            problems.append(
                f"line {number}: expected a token and at most one agent address or name"
            )
            continue
        token = fields[0]
        if len(token) < MIN_TOKEN_LENGTH:
            problems.append(
                f"line {number}: the token is shorter than {MIN_TOKEN_LENGTH} characters"
            )
            continue
        agent: Actor = System(API_ACTOR)
        if len(fields) == 2 and "@" not in fields[1]:
            if not _NAME.fullmatch(fields[1]):
                problems.append(
                    f"line {number}: {fields[1][:70]!r} is neither an agent's address nor a "
                    "name (letters, digits, '.', '_', '-'; at most 64)"
                )
                continue
            agent = System(f"{API_ACTOR} {fields[1]}")
        elif len(fields) == 2:
            configured = config.agent(fields[1])
            if configured is None:
                known = ", ".join(a.address for a in config.agents) or "none configured"
                problems.append(
                    f"line {number}: {fields[1]} is not an agent of [[agents]] ({known})"
                )
                continue
            agent = Agent(configured.address, configured.name)
        entries.append(_Entry(_digest(token), agent, number))
    return entries, problems


def _digest(token: str) -> bytes:
    # A header's bytes that are not UTF-8 reach us as surrogate escapes (aiohttp decodes
    # with surrogateescape): compared as the bytes that were sent, they match no token.
    return hashlib.sha256(token.encode("utf-8", "surrogateescape")).digest()


class Tokens:
    """The tokens of ``path``, re-read when the file changes; None: no file, no token
    (people sign in to the console; machines have no way in)."""

    def __init__(self, path: str | os.PathLike[str] | None, config: Config) -> None:
        self.path = Path(path) if path is not None else None
        self.config = config
        self._entries: list[_Entry] = []
        self._seen: tuple[int, ...] | None = None
        self.refresh()

    def refresh(self) -> None:
        """Read the file again if it changed since it was last read."""
        if self.path is None:
            return
        try:
            st = self.path.stat()
        except OSError as e:
            if self._seen != ():
                log.error("api: tokens file %s: %s; no token is accepted", self.path, e.strerror)
            self._entries, self._seen = [], ()
            return
        seen = (st.st_mtime_ns, st.st_size, st.st_ino, st.st_dev)
        if seen == self._seen:
            return
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            reason = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
            log.error("api: tokens file %s: %s; no token is accepted", self.path, reason)
            self._entries, self._seen = [], seen
            return
        entries, problems = parse_tokens(text, self.config)
        for p in problems:
            log.warning("api: tokens file %s: %s; that token is not accepted", self.path, p)
        reread = self._seen is not None
        self._entries, self._seen = entries, seen
        log.info(
            "api: %s %d token(s) from %s", "re-read" if reread else "read", len(entries), self.path
        )

    def agent(self, token: str) -> Actor | None:
        """Who ``token`` acts as; None when it is not one of the file's."""
        self.refresh()
        given = _digest(token)
        found: Actor | None = None
        for entry in self._entries:
            # No early exit: every line is compared.
            if hmac.compare_digest(entry.digest, given) and found is None:
                found = entry.agent
        return found
