"""classify: ``ParsedMail`` + envelope → a :class:`Verdict`.  Pure and table-driven.

Each rule (:mod:`mailgate.classify.rules`) is a small function with a name and a
docstring citing where it comes from; ``RULES`` orders them and the first that matches
decides.  The name of the deciding rule is stored on the inbox row, so ``mailgate
explain`` can say why.  A verdict says what may follow: open a ticket, append to one,
answer automatically.  Machine mail is stored on the ticket it belongs to, but never
answered automatically: that is how mail loops start.  A delivery report's verdict
carries a :class:`Bounce` record (status, reason, failed recipients, the returned
message's Message-ID).
"""

from __future__ import annotations

from mailgate.classify.bounce import Bounce
from mailgate.classify.rules import LOOP_HEADER, RULES, Rule
from mailgate.classify.verdict import (
    AUTO_GENERATED,
    AUTO_REPLY,
    BLOCKED,
    BOUNCE,
    HUMAN,
    KINDS,
    LIST,
    OWN_LOOP,
    SPAM,
    Context,
    Policy,
    Verdict,
)
from mailgate.parse import ParsedMail

__all__ = [
    "AUTO_GENERATED",
    "AUTO_REPLY",
    "BLOCKED",
    "BOUNCE",
    "HUMAN",
    "KINDS",
    "LIST",
    "LOOP_HEADER",
    "OWN_LOOP",
    "RULES",
    "SPAM",
    "Bounce",
    "Context",
    "Policy",
    "Rule",
    "Verdict",
    "classify",
    "verdict_json",
]


def classify(mail: ParsedMail, ctx: Context) -> Verdict:
    for _name, rule in RULES:
        verdict = rule(mail, ctx)
        if verdict is not None:
            return verdict
    return Verdict(HUMAN, "default", "no rule matched")


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
