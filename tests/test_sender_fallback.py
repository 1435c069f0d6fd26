"""Mail whose From field names nobody still has a sender: Sender, Reply-To, Return-Path,
then the envelope sender of its delivery, in that order, recorded and flagged on the
ticket; with none of them it is quarantined, never a ticket without a requester."""

from __future__ import annotations

import json
import smtplib
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.parse import SenderSource, parse_message, sender_and_subject
from mailgate.process import Processor
from mailgate.process.held import accept_held
from mailgate.store.engine import Store
from mailgate.store.models import Event, InboxRow, Ticket
from tests.support.daemon import RunningDaemon
from tests.support.waiting import poll_until

SUPPORT = "support@helpdesk.test"
BODY = b"Subject: Order 4411\r\nTo: support@helpdesk.test\r\n\r\nWhere is my order?\r\n"


@pytest.mark.parametrize(
    ("fields", "address", "source"),
    [
        (b"From: Jo <jo@client.test>\r\nSender: forms@web.test\r\n", "jo@client.test", "from"),
        (b"From: <>\r\nSender: forms@web.test\r\n", "forms@web.test", "sender"),
        (b'From: ""\r\nReply-To: jo@client.test\r\n', "jo@client.test", "reply-to"),
        (b"From: Jo Client\r\nReply-To: Jo <jo@client.test>\r\n", "jo@client.test", "reply-to"),
        (b"From: undisclosed-recipients:;\r\nSender: a@b.test\r\n", "a@b.test", "sender"),
        (b"From: jo at client.test\r\nReturn-Path: <c@h.test>\r\n", "c@h.test", "return-path"),
        (b"Return-Path: <cron@host.test>\r\n", "cron@host.test", "return-path"),
        (b"Return-Path: <>\r\nReply-To: jo@client.test\r\n", "jo@client.test", "reply-to"),
        # Sender before Reply-To before Return-Path, whatever their order in the header.
        (
            b"Return-Path: <r@x.test>\r\nReply-To: rt@x.test\r\nSender: s@x.test\r\nFrom: <>\r\n",
            "s@x.test",
            "sender",
        ),
    ],
)
def test_the_sender_is_read_from_the_first_field_that_names_one(
    fields: bytes, address: str, source: str
) -> None:
    mail = parse_message(fields + BODY)
    assert mail.from_ is not None
    assert mail.from_.address == address
    expected = SenderSource(source)
    assert mail.from_source == expected
    assert mail.as_json()["from_source"] == expected
    if expected is SenderSource.FROM:
        assert mail.from_warnings == ()
    else:
        assert mail.from_warnings == (
            f"the From field has no usable address; the sender is read from {expected.label}",
        )
    assert sender_and_subject(fields + BODY)[0] == mail.from_


def test_a_message_that_names_nobody_has_no_sender() -> None:
    mail = parse_message(b"From: <>\r\nReturn-Path: <>\r\n" + BODY)
    assert mail.from_ is None
    assert mail.from_source is SenderSource.NONE


def test_a_bare_local_name_with_nothing_better_is_kept_as_it_says_what_sent_it() -> None:
    mail = parse_message(b"From: MAILER-DAEMON\r\n" + BODY)
    assert mail.from_ is not None
    assert mail.from_.address == "MAILER-DAEMON"
    assert mail.from_source is SenderSource.FROM


def _receive(store: Store, raw: bytes, sender: str) -> int:
    [r] = store_messages(store, [(Envelope("smtp", sender, (SUPPORT,), "127.0.0.1"), raw)])
    return r.inbox_id


def test_the_envelope_sender_opens_the_ticket_when_no_field_names_one(
    store: Store, processor: Processor
) -> None:
    _receive(store, b"From: Web form\r\n" + BODY, sender="forms@web.test")
    result = processor.run_once()
    assert result.tickets_opened == 1
    with store.read() as s:
        [ticket] = s.query(Ticket).all()
        assert ticket.requester == "forms@web.test"
        [flag] = [e for e in s.query(Event).all() if e.kind == "suspicious_from"]
        assert flag.data["reasons"] == [
            "the From field has no usable address; the sender is read from "
            "the envelope sender of its delivery"
        ]


def test_mail_that_names_nobody_is_held_and_a_person_puts_it_on_a_ticket(
    store: Store, processor: Processor
) -> None:
    _receive(store, b"From: Jo <jo@client.test>\r\n" + BODY, sender="jo@client.test")
    raw = b"From: <>\r\n" + BODY
    inbox_id = _receive(store, raw, sender="root")  # a local program, no domain
    result = processor.run_once()
    assert (result.tickets_opened, result.held) == (1, 1)
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        assert (row.state, row.thread_rule) == ("held", "held_no_sender")
        assert row.raw == raw
        [ticket] = s.query(Ticket).all()
    assert accept_held(store, inbox_id, ticket.id)["ticket"] == ticket.id
    processor.run_once()
    with store.read() as s:
        assert s.query(Ticket).count() == 1
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        assert (row.state, row.ticket_id) == ("processed", ticket.id)


def test_over_smtp_a_form_mail_with_only_a_reply_to_is_a_ticket_acknowledged_there(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    raw = (
        b"From: Contact form <>\r\nReply-To: Jo Client <jo@client.test>\r\n"
        b"Message-ID: <form-1@web.test>\r\n" + BODY
    )
    d = run_daemon(config)
    with smtplib.SMTP("127.0.0.1", d.port, timeout=10) as c:
        # The web server's own envelope sender comes after the fields that name the client.
        c.sendmail("www-data@web.test", [SUPPORT], raw)
    outbox_dir = Path(config.outbound.directory)
    poll_until(lambda: len(list(outbox_dir.glob("*.eml"))) == 1)
    with store.read() as s:
        [ticket] = s.query(Ticket).all()
        assert ticket.requester == "jo@client.test"
    [ack] = outbox_dir.glob("*.eml")
    assert b"\r\nTo: jo@client.test\r\n" in ack.read_bytes()
    assert d.stop() == 0


def test_the_parse_command_says_where_the_sender_was_read(tmp_path: Path) -> None:
    f = tmp_path / "form.eml"
    f.write_bytes(b"From: <>\r\nReply-To: Jo <jo@client.test>\r\n" + BODY)
    shown = subprocess.run(
        [sys.executable, "-m", "mailgate", "parse", str(f)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "From:       Jo <jo@client.test>" in shown
    assert "(read from the Reply-To field: From names nobody)" in shown
    doc = json.loads(
        subprocess.run(
            [sys.executable, "-m", "mailgate", "parse", str(f), "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert (doc["from_address"], doc["from_source"]) == ("jo@client.test", "reply-to")


def test_the_release_command_for_mail_naming_nobody_names_a_ticket() -> None:
    from mailgate.cli.mail import _release_command

    held = {"id": 2, "acceptable": True, "rule": "held_no_sender"}
    assert _release_command(held) == "mailgate accept 2 -t N"
    assert _release_command(held | {"rule": "held_auto_reply"}) == "mailgate accept 2"
    assert _release_command(held | {"acceptable": False}) == "mailgate reprocess 2"
