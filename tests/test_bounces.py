"""Bounces of mailgate's own mail: each goes onto the ticket whose mail it returns, marks
that delivery failed (or delayed), opens nothing and is answered by nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, Ticket
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.store import send_queued

SUPPORT = "support@helpdesk.test"


def dsn(original_message_id: str, recipient: str, status: str, action: str = "failed") -> bytes:
    """A delivery status notification as Postfix writes it (RFC 3464)."""
    code = "550" if status.startswith("5") else "452"
    words = "Recipient address rejected: User unknown" if code == "550" else "Mailbox full"
    return f"""From: MAILER-DAEMON@mx.client.test (Mail Delivery System)
To: {SUPPORT}
Subject: Undelivered Mail Returned to Sender
Message-ID: <20261123100000.ABC@mx.client.test>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain

This is the mail system at host mx.client.test.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.client.test

Final-Recipient: rfc822; {recipient}
Action: {action}
Status: {status}
Diagnostic-Code: smtp; {code} {status} <{recipient}>: {words}

--B1
Content-Type: text/rfc822-headers

From: Test Support <{SUPPORT}>
To: {recipient}
Subject: #[1] Printer broken
Message-ID: <{original_message_id}>

--B1--
""".replace("\n", "\r\n").encode()


def receive(store: Store, raw: bytes, sender: str) -> int:
    [r] = store_messages(store, [(Envelope("smtp", sender, (SUPPORT,), "127.0.0.1"), raw)])
    return r.inbox_id


def test_a_hard_bounce_joins_its_ticket_and_marks_the_delivery_failed(
    config: Config, store: Store, processor: Processor, tmp_path: Path
) -> None:
    receive(store, build(message_id="first@client.test"), "jo@client.test")
    processor.run_once()
    with store.read() as s:
        ack = s.query(OutboxRow).one()
        ack_id = ack.message_id
    inbox_id = receive(store, dsn(ack_id, "jo@client.test", "5.1.1"), "")
    processor.run_once()
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        assert (row.verdict, row.thread_rule, row.ticket_id) == ("bounce", "bounce", 1)
        assert s.query(Ticket).count() == 1, "a bounce never opens a ticket"
        assert s.query(OutboxRow).count() == 1, "and is never answered"
        ack = s.query(OutboxRow).one()
        assert ack.state == "failed"
        assert ack.last_error is not None
        assert "5.1.1" in ack.last_error
        assert "jo@client.test" in ack.last_error
        [event] = s.query(Event).filter_by(kind="delivery_failed").all()
        assert event.data["message_id"] == ack_id
        assert event.data["hard"] is True
        kinds = [m.kind for m in s.query(Message).filter_by(ticket_id=1).order_by(Message.id)]
        assert kinds == ["human", "ticket_opened", "bounce"]
        t = s.get(Ticket, 1)
        assert t is not None
        assert t.status == "open", "a bounce is not the client writing"
    store.dispose()
    shown = run_cli(make_toml(tmp_path), tmp_path, "ticket", "1")
    assert shown.returncode == 0, shown.stderr
    assert "delivery failed: returned by the recipient's mail server: 5.1.1" in shown.stdout


def test_a_delay_notice_is_noted_and_the_delivery_stands(
    store: Store, processor: Processor
) -> None:
    receive(store, build(message_id="first@client.test"), "jo@client.test")
    processor.run_once()
    with store.read() as s:
        ack_id = s.query(OutboxRow).one().message_id
    receive(store, dsn(ack_id, "jo@client.test", "4.2.2", action="delayed"), "")
    processor.run_once()
    with store.read() as s:
        assert s.query(OutboxRow).one().state == "queued"
        assert s.query(Event).filter_by(kind="delivery_delayed").count() == 1
        assert s.query(Event).filter_by(kind="delivery_failed").count() == 0


def test_a_bounce_of_mail_mailgate_never_sent_joins_nothing_and_is_held(
    store: Store, processor: Processor
) -> None:
    receive(store, build(message_id="first@client.test"), "jo@client.test")
    processor.run_once()
    inbox_id = receive(store, dsn("someone-else@elsewhere.test", "jo@client.test", "5.1.1"), "")
    processor.run_once()
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        assert (row.state, row.verdict, row.thread_rule, row.ticket_id) == (
            "held",
            "bounce",
            "held_bounce",
            None,
        )
        assert s.query(Ticket).count() == 1
        assert s.query(OutboxRow).one().state == "queued"


def test_after_a_hard_bounce_mail_to_that_address_is_suppressed_until_lifted(
    store: Store, processor: Processor, tmp_path: Path
) -> None:
    from mailgate.notify import Notifier, Templates
    from mailgate.tickets.actions import Agent, post_reply

    config = processor.config
    receive(
        store,
        build(message_id="first@client.test", cc="Bob <bob@client.test>", headers=AUTHENTICATED),
        "jo@client.test",
    )
    processor.run_once()
    with store.read() as s:
        ack_id = s.query(OutboxRow).one().message_id
    receive(store, dsn(ack_id, "jo@client.test", "5.1.1"), "")
    processor.run_once()
    notifier = Notifier(config, Templates(None))
    post_reply(store, notifier, 1, "Please restart it.", Agent("ann@staff.test"))
    send_queued(config, store)
    with store.read() as s:
        reply = s.query(OutboxRow).filter_by(kind="agent_reply").one()
        assert reply.state == "sent", "Bob still gets it"
        assert reply.last_error is not None
        assert "not sent to jo@client.test suppressed until" in reply.last_error
        assert s.query(Event).filter_by(kind="suppressed").count() == 1
    # A mail only to the bounced address is not sent at all.
    receive(store, build(message_id="second@client.test", subject="Another"), "jo@client.test")
    processor.run_once()
    send_queued(config, store)
    with store.read() as s:
        ack2 = (
            s.query(OutboxRow).filter_by(kind="ticket_opened").order_by(OutboxRow.id.desc()).first()
        )
        assert ack2 is not None
        assert ack2.state == "failed"
        assert ack2.last_error is not None
        assert ack2.last_error.startswith("not sent: jo@client.test suppressed until")
    store.dispose()
    conf = tmp_path / "mailgate.toml"
    conf.write_text(make_toml(tmp_path))

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "mailgate", "--config", str(conf), *args],
            capture_output=True,
            text=True,
            check=False,
        )

    listed = cli("suppressions")
    assert listed.returncode == 0, listed.stderr
    assert "jo@client.test" in listed.stdout
    assert "5.1.1" in listed.stdout
    lifted = cli("suppressions", "--lift", "jo@client.test")
    assert lifted.returncode == 0, lifted.stderr
    assert cli("suppressions").stdout.strip() == "no suppressed addresses"
    assert cli("suppressions", "--lift", "jo@client.test").returncode == 1
