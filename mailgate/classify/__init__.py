"""classify: ``ParsedMail`` + envelope → a :class:`Verdict`.  Pure and table-driven.

Each rule (:mod:`mailgate.classify.rules`) is a small function with a name and a
docstring citing where it comes from; ``RULES`` orders them and the first that matches
decides.  The name of the deciding rule is stored on the inbox row, so ``mailgate
explain`` can say why.  A verdict says what may follow: open a ticket, append to one,
answer automatically.  Machine mail is stored on the ticket it belongs to, but never
answered automatically: that is how mail loops start.  A delivery report's verdict
carries a :class:`Bounce` record (status, reason, failed recipients, the returned
message's Message-ID).

The rules and :func:`classify`, which runs them, are in ``rules``; the verdict and its
values in ``verdict``; reading delivery reports in ``bounce``.
"""

from mailgate.classify.bounce import Bounce
from mailgate.classify.rules import LOOP_HEADER, RULES, Rule, classify
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
    verdict_json,
)

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
