"""The named rules of classify, in the order ``RULES`` tries them, and :func:`classify`,
which tries them.

A rule looks at the parsed message and the context and returns a :class:`Verdict` or
None.  Order matters: our own mail first (a loop is the worst outcome), then the sender
policy, then delivery reports (which also carry Auto-Submitted), then automatic replies,
lists and the upstream spam flag.

A rule that calls a message a bounce rests on its structure, never on its words alone:
the null reverse-path, a mail system's sender (mailer-daemon, postmaster), a
``multipart/report``, or a report that returns the message it failed to deliver.  What
a subject or a body *says* about deliveries only tells, among mail that is already known
to be a machine's, a failure report from other automatic mail: a client who writes
"delivery failed" about a parcel is a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mailgate.classify.bounce import (
    Bounce,
    carries_report,
    failure_report,
    has_failure_words,
    original_message_id,
)
from mailgate.classify.bounce import dsn_recipients as _dsn_recipients
from mailgate.classify.verdict import (
    AUTO_GENERATED,
    AUTO_REPLY,
    BLOCKED,
    BOUNCE,
    HUMAN,
    LIST,
    OWN_LOOP,
    SPAM,
    Context,
    Verdict,
)
from mailgate.parse.model import ParsedMail, SenderSource

LOOP_HEADER = "X-Mailgate-Loop"

Rule = Callable[[ParsedMail, Context], Verdict | None]

# Local parts of mail-system senders (RFC 2142 §5 names postmaster; the rest is practice).
DAEMON_LOCALS = frozenset(
    {"mailer-daemon", "postmaster", "post_master", "mail-daemon", "maildaemon", "mailerdaemon"}
)
DAEMON_NAMES = re.compile(
    r"mail(?:er)?[ -]?daemon|mail delivery (?:subsystem|system)|postmaster", re.I
)
NOREPLY_LOCAL = re.compile(r"^(?:no[-_.]?reply|do[-_.]?not[-_.]?reply|bounces?)(?:[-+_.].*)?$")
# Subjects mail systems give their failure reports (checked on the decoded subject).
BOUNCE_SUBJECT = re.compile(
    r"undeliver|undelivered mail|delivery (?:status notification|failure|has failed|failed"
    r"|problem|report|notification)|failure notice|returned mail|mail delivery failed"
    r"|could not be delivered|non remis|unzustellbar|nicht zustellbar|mail system error"
    r"|delivery status|warning: could not send|message not delivered|returned to sender",
    re.I,
)
# Subjects mail programs give automatic replies (Outlook, Apple Mail, Thunderbird
# filters, webmail vacation settings), in several languages: the phrase as a prefix
# before a colon (Outlook: "Automatic reply: <the subject answered>"), or the whole
# subject.  Not the phrase inside a sentence: "Auto reply not working" and "Out of office
# settings" are clients asking about the feature.
AUTOREPLY_SUBJECT = re.compile(
    r"^(?:automatic reply|auto(?:matic)?[- ]?(?:reply|response|antwort)"
    r"|automatische antwort|out of (?:the )?office(?: auto ?reply)?|abwesenheitsnotiz"
    r"|réponse automatique|risposta automatica|respuesta automática|resposta automática"
    r"|automatisch antwoord|afwezigheidsbericht|vacation reply)"
    r"[ \t]*(?::|$)",
    re.I,
)
# Reply and forward prefixes in front of a subject ("Fwd: Returned mail"): a person
# answering or passing on a message.
_PERSON_PREFIX = re.compile(r"^\s*(?:re|fwd?|aw|wg|tr|rv|sv|vs|antw|odp|ynt)\s*:", re.I)


def _from_local(mail: ParsedMail) -> str:
    # The From field's own first mailbox ("MAILER-DAEMON"), not a fallback sender.
    author = mail.from_mailboxes[0] if mail.from_mailboxes else mail.from_
    return author.normalized.split("@", 1)[0] if author is not None else ""


def _domain_of(address: str) -> str:
    return address.rsplit("@", 1)[-1]


def sender_addresses(mail: ParsedMail, envelope_sender: str | None) -> set[str]:
    """Who a message says it is from: its From address and the envelope sender."""
    out = {mail.from_.normalized} if mail.from_ is not None else set()
    if envelope_sender:
        out.add(envelope_sender.lower())
    return out


def listed(addresses: set[str], listed: frozenset[str]) -> str | None:
    """The entry of a block or allow list that one of the addresses matches: the address
    itself, or its domain (``example.com`` also covers ``mail.example.com``)."""
    for address in addresses:
        if address in listed:
            return address
        domain = _domain_of(address)
        parts = domain.split(".")
        for i in range(len(parts) - 1):
            if ".".join(parts[i:]) in listed:
                return ".".join(parts[i:])
    return None


def own_loop_header(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """Our own mail coming back: it carries the loop header mailgate puts on all it sends."""
    value = mail.header(LOOP_HEADER)
    if value is not None and value.strip().lower() == ctx.own_domain:
        return Verdict(OWN_LOOP, "own_loop_header", f"{LOOP_HEADER}: {value.strip()}")
    return None


# The Message-IDs mailgate gives what it sends (notify.compose.new_message_id).
_OWN_MESSAGE_ID = re.compile(r"^mg\.[0-9a-f]{32}@(.+)$")


def own_message_id(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """A Message-ID mailgate issued: our own mail coming back through a forwarder that
    dropped the loop header (the Message-ID is what such forwarders keep)."""
    m = _OWN_MESSAGE_ID.match((mail.message_id or "").lower())
    if m is not None and m.group(1) == ctx.own_domain:
        return Verdict(OWN_LOOP, "own_message_id", f"Message-ID: <{mail.message_id}>")
    return None


def own_from_address(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """From is one of the helpdesk's own addresses: answering it would write to ourselves."""
    if mail.from_ is not None and mail.from_.normalized in ctx.own_addresses:
        return Verdict(OWN_LOOP, "own_from_address", f"From: {mail.from_.address}")
    return None


def blocked_sender(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """``[security] block``: the sender's address or domain is refused, unless ``allow``
    names it (the more specific list wins over a blocked domain)."""
    senders = sender_addresses(mail, ctx.envelope.sender)
    hit = listed(senders, ctx.policy.block)
    if hit is not None and listed(senders, ctx.policy.allow) is None:
        return Verdict(BLOCKED, "blocked_sender", f"[security] block: {hit}")
    return None


def dsn_report(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 3464 / RFC 6522: ``multipart/report; report-type=delivery-status``.  A report
    whose recipients were all delivered, relayed or expanded is a success notice."""
    ctype = (mail.header("content-type") or "").lower()
    if mail.content_type != "multipart/report" or "delivery-status" not in ctype:
        return None
    actions = set()
    for att in mail.attachments:
        if att.content_type.endswith("delivery-status"):
            actions = {r.action for r in _dsn_recipients(att.data.decode("utf-8", "replace"))}
    if actions and actions <= {"delivered", "relayed", "expanded"}:
        return Verdict(AUTO_REPLY, "dsn_success", f"delivery-status: {', '.join(sorted(actions))}")
    return Verdict(
        BOUNCE, "dsn_report", "multipart/report; report-type=delivery-status", failure_report(mail)
    )


def feedback_report(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 5965 (ARF): ``multipart/report; report-type=feedback-report``, a complaint
    forwarded by a mailbox provider's feedback loop."""
    ctype = (mail.header("content-type") or "").lower()
    if mail.content_type == "multipart/report" and "feedback-report" in ctype:
        return Verdict(
            AUTO_REPLY, "feedback_report", "report-type=feedback-report", _feedback(mail)
        )
    return None


def _feedback(mail: ParsedMail) -> Bounce:
    recipients: tuple[str, ...] = ()
    for att in mail.attachments:
        if att.content_type == "message/feedback-report":
            text = att.data.decode("utf-8", "replace")
            m = re.search(
                r"^(?:original-rcpt-to|removal-recipient):\s*<?([^>\s]+)", text, re.I | re.M
            )
            recipients = (m.group(1).lower(),) if m else ()
    return Bounce("", "feedback", False, recipients, original_message_id(mail))


def ses_notification(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """Amazon SES through SNS: a JSON notification of ``notificationType`` Bounce,
    Complaint or Delivery instead of a delivery report."""
    # The JSON is often quoted once more inside the SNS envelope: \"notificationType\".
    m = re.search(r'notificationType\\?"\s*:\s*\\?"(\w+)', mail.text)
    if m is None or "amazonaws.com" not in (mail.from_.address if mail.from_ else ""):
        return None
    notification = m.group(1).lower()
    if notification == "bounce":
        status = re.search(r'"status\\?"\s*:\s*\\?"(\d\.\d{1,3}\.\d{1,3})', mail.text)
        report = failure_report(mail)
        if status:
            report = Bounce(
                status.group(1),
                report.reason,
                report.hard,
                report.recipients,
                report.original_message_id,
            )
        return Verdict(BOUNCE, "ses_notification", "Amazon SES: Bounce", report)
    if notification == "complaint":
        return Verdict(
            AUTO_REPLY,
            "ses_notification",
            "Amazon SES: Complaint",
            Bounce("", "feedback", False, (), None),
        )
    return Verdict(AUTO_REPLY, "ses_notification", f"Amazon SES: {m.group(1)}")


def mailer_daemon(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """Mail from mailer-daemon or postmaster (RFC 2142 §5) is a report of a mail system,
    not a person."""
    # The raw field too: "MAILER-DAEMON <>" has no address to parse.
    name = mail.from_.name if mail.from_ is not None else mail.header("from") or ""
    if _from_local(mail) in DAEMON_LOCALS or DAEMON_NAMES.search(name):
        return Verdict(
            BOUNCE,
            "mailer_daemon",
            f"From: {mail.from_.address if mail.from_ else ''}",
            failure_report(mail),
        )
    return None


def _is_null_sender(mail: ParsedMail, ctx: Context) -> bool:
    """RFC 5321 §4.5.5: the null reverse-path ``<>``, from the transport or as the
    ``Return-Path`` the delivering server wrote."""
    return ctx.envelope.sender == "" or (mail.header("return-path") or "").strip() == "<>"


def returned_mail(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """A failure report that no person sent — no From at all, or the null reverse-path
    — and that returns the message it failed to deliver (attached, or its headers quoted)
    under a failure subject or over failure words: the prose reports of qmail, Exim,
    MailFilter, McAfee and their kind.  A person's "Fwd: Returned mail" is the person's."""
    # "No From" is the From field's: a sender read from Sender or Return-Path instead
    # is not a person's From.
    has_from = mail.from_ is not None and mail.from_source is SenderSource.FROM
    if has_from and not _is_null_sender(mail, ctx):
        return None
    if _PERSON_PREFIX.match(mail.subject) or not carries_report(mail):
        return None
    if BOUNCE_SUBJECT.search(mail.subject) or has_failure_words(mail):
        return Verdict(BOUNCE, "returned_mail", f"Subject: {mail.subject}", failure_report(mail))
    return None


def _without_comments(value: str) -> str:
    """A structured field's value without its RFC 5322 comments, lower-cased."""
    return _COMMENT.sub(" ", value).strip().lower()


_COMMENT = re.compile(r"\([^()]*\)")


def auto_submitted(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 3834 §5: any ``Auto-Submitted`` value other than ``no`` marks automatic mail
    (the field may carry comments: ``no (written by a person)`` is ``no``).
    ``auto-replied`` is a response to another message; ``auto-generated`` and any other
    value, mail a program wrote on its own."""
    value = mail.header("auto-submitted")
    keyword = _without_comments(value or "").split(";")[0].strip()
    if value is None or keyword in ("no", ""):
        return None
    kind = AUTO_REPLY if keyword == "auto-replied" else AUTO_GENERATED
    return Verdict(kind, "auto_submitted", f"Auto-Submitted: {value.strip()}")


def autoreply_headers(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """``X-Autoreply`` / ``X-Autorespond`` (vacation programs, cPanel, Zimbra);
    ``X-MS-Exchange-Inbox-Rules-Loop``, which Exchange puts on mail an inbox rule sent
    (automatic replies, forwards); and ``X-Auto-Response-Suppress`` with ``All`` or
    ``AutoReply`` ([MS-OXCMAIL] §2.2.3.2.14: the sender asks for no automatic reply),
    or with ``OOF`` on an Exchange rule's mail."""
    for name in ("x-autoreply", "x-autorespond", "x-autoresponder"):
        if mail.header(name) is not None:
            return Verdict(AUTO_REPLY, "autoreply_headers", f"{name}: {mail.header(name)}")
    rules_loop = mail.header("x-ms-exchange-inbox-rules-loop")
    if rules_loop is not None:
        return Verdict(
            AUTO_REPLY, "autoreply_headers", f"X-MS-Exchange-Inbox-Rules-Loop: {rules_loop}"
        )
    # Exchange puts this on its own automatic replies, and notification systems on all
    # they send: it says a program wrote the mail, not that it answers one.
    suppress = (mail.header("x-auto-response-suppress") or "").lower()
    values = {v.strip() for v in suppress.split(",")}
    if values & {"all", "autoreply"}:
        return Verdict(AUTO_GENERATED, "autoreply_headers", f"X-Auto-Response-Suppress: {suppress}")
    return None


def autoreply_subject(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """Outlook's "Automatic reply:", Apple Mail's "Auto reply:", "Out of Office" and their
    translations: what mail programs put before the subject of a vacation reply."""
    if AUTOREPLY_SUBJECT.search(mail.subject):
        return Verdict(AUTO_REPLY, "autoreply_subject", f"Subject: {mail.subject}")
    return None


def precedence(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """``Precedence: bulk | junk | list | auto_reply`` (RFC 3834 §3.1.8 and long practice)."""
    words = _without_comments(mail.header("precedence") or "").split()
    value = words[0] if words else ""
    if value == "list":
        return Verdict(LIST, "precedence", "Precedence: list")
    if value == "auto_reply":
        return Verdict(AUTO_REPLY, "precedence", "Precedence: auto_reply")
    if value in ("bulk", "junk"):
        return Verdict(AUTO_GENERATED, "precedence", f"Precedence: {value}")
    return None


def null_sender(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 5321 §4.5.5: mail with the null reverse-path ``<>`` (from the transport, or
    as the ``Return-Path`` the delivering server wrote) must never be answered.  Only
    reports and automatic replies are sent that way (RFC 3834 §3.3): one that reads like
    a failure is a bounce, the rest an automatic reply."""
    if not _is_null_sender(mail, ctx):
        return None
    if BOUNCE_SUBJECT.search(mail.subject) or has_failure_words(mail):
        return Verdict(BOUNCE, "null_sender", "MAIL FROM:<>", failure_report(mail))
    return Verdict(AUTO_REPLY, "null_sender", "MAIL FROM:<>")


def noreply_sender(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """From a ``noreply`` / ``do-not-reply`` address: a program's mail, nobody reads
    answers to it.  Mobile carriers send their failure reports from such addresses: one
    that returns a message and reads like a failure is a bounce."""
    if not NOREPLY_LOCAL.match(_from_local(mail)):
        return None
    sender = f"From: {mail.from_.address if mail.from_ else ''}"
    if carries_report(mail) and has_failure_words(mail):
        return Verdict(BOUNCE, "noreply_sender", sender, failure_report(mail))
    return Verdict(AUTO_GENERATED, "noreply_sender", sender)


def spam_flag(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """``X-Spam-Flag: YES`` or ``X-Spam-Status: Yes`` from an upstream filter
    (SpamAssassin, rspamd), under ``[security] spam``; ``allow`` overrides it."""
    if ctx.policy.spam == "ignore":
        return None
    flag = (mail.header("x-spam-flag") or "").strip().lower()
    status = (mail.header("x-spam-status") or "").strip().lower()
    if flag == "yes" or status.startswith("yes"):
        if listed(sender_addresses(mail, ctx.envelope.sender), ctx.policy.allow) is not None:
            return None
        held = ctx.policy.spam == "hold"
        return Verdict(SPAM, "spam_flag", f"upstream spam flag ({ctx.policy.spam})", held=held)
    return None


def list_headers(mail: ParsedMail, ctx: Context) -> Verdict | None:
    """RFC 2369 / RFC 2919: ``List-Id`` or ``List-Unsubscribe`` mark mailing-list mail."""
    if mail.header("list-id") is not None or mail.header("list-unsubscribe") is not None:
        return Verdict(LIST, "list_headers", "List-Id / List-Unsubscribe")
    return None


RULES: tuple[tuple[str, Rule], ...] = (
    ("own_loop_header", own_loop_header),
    ("own_message_id", own_message_id),
    ("own_from_address", own_from_address),
    ("blocked_sender", blocked_sender),
    ("dsn_report", dsn_report),
    ("feedback_report", feedback_report),
    ("ses_notification", ses_notification),
    ("mailer_daemon", mailer_daemon),
    ("returned_mail", returned_mail),
    ("auto_submitted", auto_submitted),
    ("autoreply_headers", autoreply_headers),
    ("autoreply_subject", autoreply_subject),
    ("precedence", precedence),
    ("null_sender", null_sender),
    ("noreply_sender", noreply_sender),
    ("spam_flag", spam_flag),
    ("list_headers", list_headers),
)


def classify(mail: ParsedMail, ctx: Context) -> Verdict:
    for _name, rule in RULES:
        verdict = rule(mail, ctx)
        if verdict is not None:
            return verdict
    return Verdict(HUMAN, "default", "no rule matched")
