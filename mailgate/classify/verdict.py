"""The values classify works with: the :class:`Verdict` it returns (and its JSON for
``mailgate parse --json``), the :class:`Context` a rule may look at besides the message,
and the :class:`Policy` an administrator sets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mailgate.classify.bounce import Bounce
from mailgate.envelope import Envelope
from mailgate.vocabulary import Term


class Kind(Term):
    """What wrote a message, as classify decides it (stored as the inbox row's verdict)."""

    HUMAN = "human"
    # RFC 3834 §5's two kinds of automatic mail: a response to another message (a
    # vacation reply, an autoresponder, a report on mail that was sent) ...
    AUTO_REPLY = "auto_reply"
    # ... and mail a program wrote on its own (a notification, an alert, a newsletter).
    AUTO_GENERATED = "auto_generated"
    BOUNCE = "bounce"
    LIST = "list"
    OWN_LOOP = "own_loop"
    BLOCKED = "blocked"
    SPAM = "spam"


# The members by their names, for the rules that name them often.
HUMAN, AUTO_REPLY, AUTO_GENERATED = Kind.HUMAN, Kind.AUTO_REPLY, Kind.AUTO_GENERATED
BOUNCE, LIST, OWN_LOOP, BLOCKED, SPAM = (
    Kind.BOUNCE,
    Kind.LIST,
    Kind.OWN_LOOP,
    Kind.BLOCKED,
    Kind.SPAM,
)
KINDS = tuple(Kind)


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
        """Whether the message opens a ticket when it joins none.  Mail written on its own
        — a person's, a program's notification, list mail, tagged spam — does: a person
        may need to read it.  Mail that answers other mail — a bounce, a report, an
        automatic reply — answers nothing of the helpdesk's when it joins no ticket, and
        our own mail coming back, a blocked sender's and held spam are not the clients';
        those are held for a person instead (never dropped: see the pipeline)."""
        if self.kind == SPAM:
            return not self.held
        return self.kind in (HUMAN, AUTO_GENERATED, LIST)

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
        return self.kind in (AUTO_REPLY, AUTO_GENERATED, BOUNCE, OWN_LOOP)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rule": self.rule,
            "reason": self.reason,
            "bounce": self.bounce.as_json() if self.bounce is not None else None,
        }


def verdict_json(verdict: Verdict) -> dict[str, object]:
    """What ``mailgate parse --json`` adds: the verdict, and flat keys for scoring tools
    (``auto_submitted``, ``is_bounce``, ``bounce_status``, ``bounce_reason``)."""
    b = verdict.bounce
    return {
        "verdict": verdict.as_json(),
        "auto_submitted": verdict.auto_submitted,
        "is_bounce": verdict.kind == BOUNCE,
        "bounce_status": (b.status or None) if b is not None and verdict.kind == BOUNCE else None,
        "bounce_reason": b.reason if b is not None else None,
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
