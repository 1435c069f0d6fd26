"""The values classify works with: the :class:`Verdict` it returns, the :class:`Context` a
rule may look at besides the message, and the :class:`Policy` an administrator sets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mailgate.classify.bounce import Bounce
from mailgate.envelope import Envelope

HUMAN = "human"
AUTO_REPLY = "auto_reply"
BOUNCE = "bounce"
LIST = "list"
OWN_LOOP = "own_loop"
BLOCKED = "blocked"
SPAM = "spam"

KINDS = (HUMAN, AUTO_REPLY, BOUNCE, LIST, OWN_LOOP, BLOCKED, SPAM)


@dataclass(frozen=True)
class Verdict:
    kind: str
    rule: str
    reason: str = ""
    # For a delivery report (a bounce, a successful DSN, an ARF feedback report): what the
    # report says about the mail it reports on.
    bounce: Bounce | None = None
    # A spam-flagged message under ``spam = "hold"``: kept in the inbox, no ticket.
    held: bool = False

    @property
    def may_open_ticket(self) -> bool:
        """A bounce, our own mail, a blocked sender or held spam never opens a ticket; an
        auto-reply, list mail or tagged spam that matches no ticket does (a person may
        still need to read it)."""
        if self.kind == SPAM:
            return not self.held
        return self.kind in (HUMAN, AUTO_REPLY, LIST)

    @property
    def may_join_ticket(self) -> bool:
        """A blocked sender's mail and held spam are kept in the inbox only, even when
        they answer a ticket."""
        return self.kind != BLOCKED and not self.held

    @property
    def may_autorespond(self) -> bool:
        return self.kind == HUMAN

    @property
    def is_client_message(self) -> bool:
        """Whether it counts as the client writing (moves the ticket's status)."""
        return self.kind == HUMAN

    @property
    def auto_submitted(self) -> bool:
        """Machine-generated in the sense of RFC 3834: bounces, DSNs, feedback reports,
        vacation and other automatic replies, our own mail coming back."""
        return self.kind in (AUTO_REPLY, BOUNCE, OWN_LOOP)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "reason": self.reason,
            "bounce": self.bounce.as_json() if self.bounce is not None else None,
        }


@dataclass(frozen=True)
class Policy:
    """``[security]``: senders refused or always let through, and what an upstream
    filter's spam flag means here."""

    block: frozenset[str] = frozenset()
    allow: frozenset[str] = frozenset()
    spam: str = "tag"  # "tag" | "hold" | "ignore"


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the message."""

    envelope: Envelope
    own_addresses: frozenset[str]
    own_domain: str
    policy: Policy = field(default_factory=Policy)
