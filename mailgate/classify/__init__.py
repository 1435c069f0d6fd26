"""classify: ``ParsedMail`` + envelope → a :class:`Verdict`.  Pure and table-driven.

Each rule is a small function with a name and a docstring citing where it comes from;
``RULES`` orders them and the first that matches decides.  The name of the deciding rule
is stored on the inbox row, so ``mailgate explain`` can say why.  A verdict says what may
follow: open a ticket, append to one, answer automatically.  Machine mail is stored on the
ticket it belongs to, but never answered automatically: that is how mail loops start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mailgate.envelope import Envelope
from mailgate.parse import ParsedMail

HUMAN = "human"
AUTO_REPLY = "auto_reply"
BOUNCE = "bounce"
LIST = "list"
OWN_LOOP = "own_loop"

LOOP_HEADER = "X-Mailgate-Loop"


@dataclass(frozen=True)
class Verdict:
    kind: str
    rule: str
    reason: str = ""

    @property
    def may_open_ticket(self) -> bool:
        """A bounce or our own mail never opens a ticket; an auto-reply or list mail that
        matches no ticket does (a person may still need to read it)."""
        return self.kind in (HUMAN, AUTO_REPLY, LIST)

    @property
    def may_autorespond(self) -> bool:
        return self.kind == HUMAN

    @property
    def is_client_message(self) -> bool:
        """Whether it counts as the client writing (moves the ticket's status)."""
        return self.kind == HUMAN


@dataclass(frozen=True)
class Context:
    """What a rule may look at besides the message."""

    envelope: Envelope
    own_addresses: frozenset[str]
    own_domain: str


Rule = Callable[[ParsedMail, Context], Verdict | None]


def own_loop_header(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """Our own mail coming back: it carries the loop header mailgate puts on all it sends."""
    value = mail.header(LOOP_HEADER)
    if value is not None and value.strip().lower() == ctx.own_domain:
        return Verdict(OWN_LOOP, "own_loop_header", f"{LOOP_HEADER}: {value.strip()}")
    return None


def own_from_address(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """From is one of the helpdesk's own addresses: answering it would write to ourselves."""
    if mail.from_ is not None and mail.from_.normalized in ctx.own_addresses:
        return Verdict(OWN_LOOP, "own_from_address", f"From: {mail.from_.address}")
    return None


def delivery_status_report(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 3464: a delivery status notification is ``multipart/report;
    report-type=delivery-status``."""
    ctype = (mail.header("content-type") or "").lower()
    if mail.content_type == "multipart/report" and "delivery-status" in ctype:
        return Verdict(BOUNCE, "dsn_report", "multipart/report; report-type=delivery-status")
    return None


def auto_submitted(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 3834 §5: any ``Auto-Submitted`` value other than ``no`` marks automatic mail."""
    value = mail.header("auto-submitted")
    if value is not None and value.strip().lower().split(";")[0].strip() not in ("no", ""):
        return Verdict(AUTO_REPLY, "auto_submitted", f"Auto-Submitted: {value.strip()}")
    return None


def precedence(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """``Precedence: bulk | junk | list | auto_reply`` (RFC 3834 §3.1.8 and long practice)."""
    value = (mail.header("precedence") or "").strip().lower()
    if value == "list":
        return Verdict(LIST, "precedence", "Precedence: list")
    if value in ("bulk", "junk", "auto_reply"):
        return Verdict(AUTO_REPLY, "precedence", f"Precedence: {value}")
    return None


def null_sender(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 5321 §4.5.5: mail with the null reverse-path ``<>`` must never be answered."""
    if ctx.envelope.sender == "":
        return Verdict(AUTO_REPLY, "null_sender", "MAIL FROM:<>")
    return None


def mailer_daemon(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """Mail from mailer-daemon or postmaster is a report of a mail system, not a person."""
    if mail.from_ is not None:
        local = mail.from_.normalized.split("@", 1)[0]
        if local in ("mailer-daemon", "postmaster"):
            return Verdict(BOUNCE, "mailer_daemon", f"From: {mail.from_.address}")
    return None


def list_headers(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 2369 / RFC 2919: ``List-Id`` or ``List-Unsubscribe`` mark mailing-list mail."""
    if mail.header("list-id") is not None or mail.header("list-unsubscribe") is not None:
        return Verdict(LIST, "list_headers", "List-Id / List-Unsubscribe")
    return None


RULES: tuple[tuple[str, Rule], ...] = (
    ("own_loop_header", own_loop_header),
    ("own_from_address", own_from_address),
    ("dsn_report", delivery_status_report),
    ("mailer_daemon", mailer_daemon),
    ("auto_submitted", auto_submitted),
    ("precedence", precedence),
    ("null_sender", null_sender),
    ("list_headers", list_headers),
)


def classify(mail: ParsedMail, ctx: Context) -> Verdict:
    for _name, rule in RULES:
        verdict = rule(mail, ctx)
        if verdict is not None:
            return verdict
    return Verdict(HUMAN, "default", "no rule matched")
