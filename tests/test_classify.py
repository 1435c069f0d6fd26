"""classify's named rules one by one, the bounce record a delivery report yields, the
sender policy of ``[security]`` and what ``mailgate parse --json`` prints of it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from mailgate.classify import RULES, Context, Policy, classify
from mailgate.cli.main import cli
from mailgate.config import config_from_toml
from mailgate.envelope import Envelope
from mailgate.errors import ConfigError
from mailgate.parse import parse_message
from tests.support.mailfactory import DSN, build

CTX = Context(
    Envelope("smtp", "jo@client.test", ("support@helpdesk.test",)),
    frozenset({"support@helpdesk.test"}),
    "helpdesk.test",
)


QMAIL = b"""\
From: MAILER-DAEMON@mail.example.org
To: support@helpdesk.test
Subject: failure notice
Message-ID: <qmail.1@mail.example.org>

Hi. This is the qmail-send program at mail.example.org.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<full@client.test>:
Sorry, the mailbox is full. (#5.2.2)

--- Below this line is a copy of the message.

Return-Path: <support@helpdesk.test>
Message-ID: <ticket-7.1@helpdesk.test>
Subject: [#7] Invoice
"""


def verdict_of(raw: bytes, ctx: Context = CTX) -> tuple[str, str]:
    v = classify(parse_message(raw), ctx)
    return v.kind, v.rule


def test_rules_table_names_each_rule_once() -> None:
    names = [name for name, _rule in RULES]
    assert len(names) == len(set(names))
    assert all(rule.__doc__ for _name, rule in RULES)


@pytest.mark.parametrize(
    ("raw", "kind", "rule"),
    [
        (build(headers={"X-Autoreply": "yes"}), "auto_reply", "autoreply_headers"),
        (build(headers={"X-Autorespond": "vacation"}), "auto_reply", "autoreply_headers"),
        (
            build(
                headers={
                    "X-Auto-Response-Suppress": "All",
                    "X-MS-Exchange-Inbox-Rules-Loop": "jo@client.test",
                }
            ),
            "auto_reply",
            "autoreply_headers",
        ),
        (build(subject="Automatic reply: Printer broken"), "auto_reply", "autoreply_subject"),
        (build(subject="Out of Office: back Monday"), "auto_reply", "autoreply_subject"),
        (build(headers={"Return-Path": "<>"}), "auto_reply", "null_sender"),
        (build(from_="Shop <no-reply@shop.example>"), "auto_generated", "noreply_sender"),
        (build(from_="Shop <donotreply@shop.example>"), "auto_generated", "noreply_sender"),
        (build(headers={"Auto-Submitted": "auto-replied"}), "auto_reply", "auto_submitted"),
        (build(headers={"Auto-Submitted": "auto-generated"}), "auto_generated", "auto_submitted"),
        (build(headers={"Precedence": "bulk"}), "auto_generated", "precedence"),
        (build(headers={"Precedence": "auto_reply"}), "auto_reply", "precedence"),
        (
            build(headers={"X-Auto-Response-Suppress": "All"}),
            "auto_generated",
            "autoreply_headers",
        ),
        (build(subject="Auto reply not working since the update"), "human", "default"),
        (build(subject="How do I set an out of office message?"), "human", "default"),
        (build(subject="On vacation: my card is blocked abroad"), "human", "default"),
        (build(headers={"X-Spam-Flag": "YES"}), "spam", "spam_flag"),
        (build(headers={"X-Spam-Status": "Yes, score=9.1"}), "spam", "spam_flag"),
        (build(headers={"X-Spam-Status": "No, score=0.1"}), "human", "default"),
        (build(subject="Re: delivery status of my order"), "human", "default"),
        (build(subject="Your reply about the undelivered parcel"), "human", "default"),
    ],
)
def test_machine_mail_rules(raw: bytes, kind: str, rule: str) -> None:
    assert verdict_of(raw) == (kind, rule)


def test_standard_delivery_report_yields_the_bounce_record() -> None:
    v = classify(parse_message(DSN), CTX)
    assert (v.kind, v.rule) == ("bounce", "dsn_report")
    assert v.bounce is not None
    # The Diagnostic-Code's 5.1.1 is more precise than the reporting MTA's 5.0.0.
    assert v.bounce.status == "5.1.1"
    assert v.bounce.reason == "userunknown"
    assert v.bounce.hard
    assert v.bounce.recipients == ("gone@client.test",)
    assert v.bounce.original_message_id == "ticket-12.3@helpdesk.test"
    assert not v.may_open_ticket
    assert not v.may_autorespond


def test_qmail_prose_bounce_is_read_from_its_text() -> None:
    v = classify(parse_message(QMAIL), CTX)
    assert (v.kind, v.rule) == ("bounce", "mailer_daemon")
    assert v.bounce is not None
    assert (v.bounce.status, v.bounce.reason, v.bounce.hard) == ("5.2.2", "mailboxfull", False)
    assert v.bounce.recipients == ("full@client.test",)
    assert v.bounce.original_message_id == "ticket-7.1@helpdesk.test"


def test_hostile_bounce_text_is_read_in_bounded_time() -> None:
    """A long run of address characters without an @ once took seconds per 40 KB."""
    filler = b"a" * 500_000 + b"\n" + b"x." * 100_000 + b"\n"
    raw = b"From: MAILER-DAEMON@mx.example\nSubject: failure notice\n\n" + filler
    mail = parse_message(raw)
    started = time.perf_counter()
    v = classify(mail, CTX)
    assert v.kind == "bounce"
    assert time.perf_counter() - started < 1.0


def test_success_notice_is_machine_mail_but_not_a_bounce() -> None:
    raw = DSN.replace(b"Action: failed", b"Action: delivered").replace(b"5.0.0", b"2.0.0")
    v = classify(parse_message(raw), CTX)
    assert (v.kind, v.rule, v.auto_submitted) == ("auto_reply", "dsn_success", True)


def test_feedback_report_carries_a_feedback_record() -> None:
    raw = b"""\
From: abuse@provider.example
To: support@helpdesk.test
Subject: complaint
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="F"

--F
Content-Type: text/plain

A user marked this message as spam.
--F
Content-Type: message/feedback-report

Feedback-Type: abuse
Original-Rcpt-To: <jo@provider.example>

--F
Content-Type: text/rfc822-headers

Message-ID: <ticket-3.1@helpdesk.test>

--F--
"""
    v = classify(parse_message(raw), CTX)
    assert (v.kind, v.rule) == ("auto_reply", "feedback_report")
    assert v.bounce is not None
    assert (v.bounce.reason, v.bounce.recipients) == ("feedback", ("jo@provider.example",))
    assert v.bounce.original_message_id == "ticket-3.1@helpdesk.test"


def with_policy(**kw: object) -> Context:
    return Context(CTX.envelope, CTX.own_addresses, CTX.own_domain, Policy(**kw))  # type: ignore[arg-type]


def test_block_list_by_address_and_domain_and_allow_overrides() -> None:
    raw = build(from_="Jo <jo@mail.client.test>")
    blocked = classify(parse_message(raw), with_policy(block=frozenset({"client.test"})))
    assert (blocked.kind, blocked.rule) == ("blocked", "blocked_sender")
    assert not blocked.may_open_ticket
    assert not blocked.may_join_ticket
    by_address = with_policy(block=frozenset({"jo@mail.client.test"}))
    assert verdict_of(raw, by_address) == ("blocked", "blocked_sender")
    allowed = with_policy(
        block=frozenset({"client.test"}), allow=frozenset({"jo@mail.client.test"})
    )
    assert verdict_of(raw, allowed) == ("human", "default")
    assert verdict_of(raw, with_policy(block=frozenset({"other.test"}))) == ("human", "default")


def test_spam_policy_tag_hold_ignore_and_allow() -> None:
    raw = build(headers={"X-Spam-Flag": "YES"})
    tagged = classify(parse_message(raw), with_policy(spam="tag"))
    assert (tagged.kind, tagged.may_open_ticket, tagged.may_autorespond) == ("spam", True, False)
    held = classify(parse_message(raw), with_policy(spam="hold"))
    assert (held.kind, held.may_open_ticket, held.may_join_ticket) == ("spam", False, False)
    assert verdict_of(raw, with_policy(spam="ignore")) == ("human", "default")
    allowed = with_policy(spam="hold", allow=frozenset({"client.test"}))
    assert verdict_of(raw, allowed) == ("human", "default")


BASE = """
[helpdesk]
domain = "helpdesk.test"
[[departments]]
name = "s"
address = "s@helpdesk.test"
"""


def test_security_section_becomes_the_policy() -> None:
    config = config_from_toml(
        BASE + '[security]\nblock = ["Spam.Example", "x@Bad.example"]\nspam = "hold"\n', "<t>"
    )
    assert config.policy() == Policy(
        block=frozenset({"spam.example", "x@bad.example"}), allow=frozenset(), spam="hold"
    )


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('block = ["not a domain"]\n', "security.block"),
        ('allow = ["@x"]\n', "security.allow"),
        ('spam = "drop"\n', "security.spam"),
    ],
)
def test_bad_security_value_names_the_key(toml: str, message: str) -> None:
    with pytest.raises(ConfigError) as e:
        config_from_toml(BASE + "[security]\n" + toml, "<t>")
    assert message in str(e.value)


def test_parse_json_prints_the_verdict_and_flat_keys(tmp_path: Path) -> None:
    path = tmp_path / "bounce.eml"
    path.write_bytes(DSN)
    result = CliRunner().invoke(
        cli, ["--config", str(tmp_path / "none.toml"), "parse", str(path), "--json"]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["verdict"]["kind"] == "bounce"
    assert doc["verdict"]["rule"] == "dsn_report"
    assert doc["verdict"]["bounce"] == {
        "status": "5.1.1",
        "reason": "userunknown",
        "hard": True,
        "recipients": ["gone@client.test"],
        "original_message_id": "ticket-12.3@helpdesk.test",
    }
    assert (doc["auto_submitted"], doc["is_bounce"]) == (True, True)
    assert (doc["bounce_status"], doc["bounce_reason"]) == ("5.1.1", "userunknown")
    human = tmp_path / "human.eml"
    human.write_bytes(build())
    result = CliRunner().invoke(
        cli, ["--config", str(tmp_path / "none.toml"), "parse", str(human), "--json"]
    )
    doc = json.loads(result.output)
    assert (doc["verdict"]["kind"], doc["auto_submitted"], doc["is_bounce"]) == (
        "human",
        False,
        False,
    )
    assert doc["verdict"]["bounce"] is None
