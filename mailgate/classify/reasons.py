"""Why a delivery failed: a reason class from the D.S.N. status or the words of the
diagnostic, and the status a reason implies when a report gives none.

The reason names are those of Sisimai (the bounce-analysis library whose collected bounces
from about eighty mail systems measure this module); the phrases are what those systems
write.  Each entry of ``REASON_PHRASES`` is one named rule: the first whose pattern occurs
in the diagnostic decides.
"""

from __future__ import annotations

import re

# RFC 3463 §3.3–3.9 codes with one clear meaning.  A generic code (X.0.0) says nothing.
STATUS_REASONS: dict[str, str] = {
    "1.1": "userunknown",
    "1.2": "hostunknown",
    "1.3": "userunknown",
    "1.6": "hasmoved",
    "1.8": "rejected",
    "1.10": "notaccept",
    "2.1": "suspend",
    "2.2": "mailboxfull",
    "2.3": "mesgtoobig",
    "2.4": "mailererror",
    "3.1": "systemfull",
    "3.2": "notaccept",
    "3.4": "mesgtoobig",
    "4.1": "networkerror",
    "4.3": "systemerror",
    "4.4": "networkerror",
    "4.6": "networkerror",
    "4.7": "expired",
    "5.3": "toomanyconn",
    "6.0": "contenterror",
    "7.1": "rejected",
    "7.23": "authfailure",
    "7.26": "authfailure",
    "7.7": "contenterror",
    "7.25": "requireptr",
    "7.27": "notaccept",
}

# (reason, pattern) — tried in order over the diagnostic text, lower-cased.
REASON_PHRASES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(rx))
    for name, rx in (
        (
            "mailboxfull",
            r"mailbox (?:is )?full|over ?quota|quota exceeded|exceeded (?:storage|quota)"
            r"|insufficient (?:disk )?space|mailbox size limit|disk quota|not enough space"
            r"|mail ?box is full|user is over|exceeds? (?:the )?(?:mailbox|quota)",
        ),
        (
            "userunknown",
            r"user unknown|unknown user|no such (?:user|mailbox|recipient|account|address)"
            r"|(?:mailbox|user|recipient|address|account) (?:does not|doesn't) exist"
            r"|(?:recipient|user|mailbox|address)(?: address)? (?:was )?"
            r"(?:not found|unknown|rejected)"
            r"|invalid (?:recipient|mailbox|user)"
            r"|unknown (?:recipient|local[- ]part|mailbox|address)"
            r"|not a valid (?:user|mailbox)|unrouteable address|mailbox unavailable"
            r"|no mailbox here|account (?:has been )?(?:disabled|closed)"
            r"|resolver\.adr\.recipnotfound"
            r"|user doesn't have|said: 550[ -]5\.1\.1|is not a known user|addressee unknown"
            r"|no such local user|recipient not found|unknown account|mailbox not found"
            r"|not listed in (?:the )?(?:domino )?directory|recipient name is not recognized",
        ),
        (
            "hostunknown",
            r"host (?:or domain name )?(?:\S+ )?not found|unknown host|no such domain"
            r"|domain not found"
            r"|name or service not known|host unknown|unrouteable mail domain|nxdomain"
            r"|domain (?:does not|doesn't) exist|no mx|unknown domain|dns error",
        ),
        (
            "expired",
            r"delivery time expired|retry time(?:out)? (?:not reached|exceeded)|expired"
            r"|could not be delivered (?:with|within)|too long in the queue|timed? ?out"
            r"|giving up|have been failing for|not delivered for \d|not delivered within"
            r"|did not accept our requests to connect|has been delayed|will be retried"
            r"|is not responding",
        ),
        ("vacation", r"out of (?:the )?office|on vacation|away from (?:the )?office|auto.?reply"),
        (
            "authfailure",
            r"\bspf\b|\bdkim\b|\bdmarc\b|authentication (?:checks? )?failed|sender policy"
            r"|not authorized to send|unauthenticated",
        ),
        (
            "requireptr",
            r"reverse (?:dns|lookup)|\bptr\b|rdns|no (?:dns )?reverse|cannot find your hostname"
            r"|client host .* lookup",
        ),
        ("systemerror", r"system error|internal (?:server )?error|local error|temporary failure"),
        ("mailererror", r"mailer error|command (?:died|failed)|pipe to|exit code|procmail"),
        ("policyviolation", r"policy|prohibited|not permitted"),
        (
            "spamdetected",
            r"spam|junk mail|bulk mail|message (?:content )?(?:looks like|considered) spam",
        ),
        ("virusdetected", r"virus|malware|infected"),
        ("mesgtoobig", r"message (?:is )?too (?:big|large)|size exceeds|exceeds size limit"),
        ("norelaying", r"relay(?:ing)? (?:access )?denied|not permitted to relay|relaying"),
        (
            "blocked",
            r"blocked|blacklist|block ?list|dnsbl|spamhaus|rbl|client host rejected"
            r"|access denied|poor reputation|ip address",
        ),
        ("suspend", r"suspended|inactive|disabled|locked"),
        (
            "networkerror",
            r"connection refused|network|could not connect|loop detected|too many hops",
        ),
        ("filtered", r"filter|content rejected|refused by"),
        ("rejected", r"rejected|refused|denied|not allowed|permission to post"),
    )
)

# The status Sisimai reports for a reason when a report carries no D.S.N. code.
REASON_STATUS: dict[str, str] = {
    "userunknown": "5.1.1",
    "hostunknown": "5.1.2",
    "hasmoved": "5.1.6",
    "mailboxfull": "5.2.2",
    "mesgtoobig": "5.3.4",
    "suspend": "5.2.1",
    "expired": "5.4.7",
    "networkerror": "5.4.6",
    "norelaying": "5.7.1",
    "blocked": "5.7.1",
    "rejected": "5.7.1",
    "filtered": "5.2.0",
    "spamdetected": "5.7.1",
    "virusdetected": "5.7.1",
    "systemerror": "5.3.0",
    "mailererror": "5.3.0",
    "notaccept": "5.1.0",
}

# Reasons that will not change by trying again (Sisimai's "hard bounce").
HARD_REASONS = frozenset({"userunknown", "hostunknown", "hasmoved", "notaccept"})


def reason_for(status: str, diagnostic: str, fallback: str = "") -> str:
    """The reason class of one failure: the words of the diagnostic first (a 5.0.0 or a
    5.7.1 covers many causes), then those of the whole report (``fallback``), then the
    detail of the status code."""
    for source in (diagnostic.lower(), fallback.lower()):
        for name, rx in REASON_PHRASES:
            if rx.search(source):
                return name
    detail = status.split(".", 1)[1] if "." in status else ""
    return STATUS_REASONS.get(detail, "undefined")


def is_hard(status: str, reason: str) -> bool:
    # A temporary status (4.x.x) is never a permanent failure, whatever the words say.
    if status.startswith("4"):
        return False
    if reason in HARD_REASONS:
        return True
    return reason == "undefined" and status.startswith("5")
