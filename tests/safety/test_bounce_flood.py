"""A hundred bounces of mailgate's own mail, in the formats of Postfix, Exim, Exchange /
Office 365 and Gmail, arriving over SMTP with the null reverse-path: each goes onto the
ticket whose mail it returns and marks that delivery failed, the address is suppressed,
and not one mail or ticket follows from them.

The templates are modelled on the real reports of the Sisimai collection
(``../shared/corpora/sisimai/maildir/bsd/lhost-{postfix,exim,office365,gmail}-*.eml``):
Postfix's RFC 3464 report with the returned message attached (and a recipient rewritten
by an alias, ``expanded from``), Exim's prose with its "This is a copy of the message"
block, Exchange Online's NDR with the original headers in the text, and Gmail's
"Delivery Status Notification (Failure)" quoting the original message."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from pathlib import Path

from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.notify import Notifier, Templates
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, Suppression, Ticket
from mailgate.tickets.actions import Agent, post_reply
from tests.support.config import make_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.store import send_queued
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
N = 100


def _crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode()


def _original(message_id: str, rcpt: str, n: int) -> str:
    return (
        f"From: Test Support <{SUPPORT}>\n"
        f"To: {rcpt}\n"
        f"Subject: Re: #[{n}] Printer {n} broken\n"
        f"Message-ID: <{message_id}>\n"
        f"Auto-Submitted: no\n"
        f"Date: Mon, 30 Nov 2026 03:00:00 +0000\n"
    )


def postfix(message_id: str, rcpt: str, n: int) -> bytes:
    # The client's address is an alias: Postfix reports the mailbox it expanded to as
    # Final-Recipient, and the address mailgate wrote to as Original-Recipient.
    local, domain = rcpt.split("@")
    final = f"{local}.mbox@mail.{domain}"
    return _crlf(f"""Return-Path: <>
Date: Mon, 30 Nov 2026 03:05:{n % 60:02d} +0000 (UTC)
From: MAILER-DAEMON@mx.{domain} (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: {SUPPORT}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4B1C8A0{n:03d}.1701313532/mx.{domain}"
Message-Id: <20261130030532.4B1C8A0{n:03d}@mx.{domain}>

This is a MIME-encapsulated message.

--4B1C8A0{n:03d}.1701313532/mx.{domain}
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.{domain}.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to <postmaster>

                   The mail system

<{final}> (expanded from <{rcpt}>): user unknown

--4B1C8A0{n:03d}.1701313532/mx.{domain}
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.{domain}
X-Postfix-Queue-ID: 4B1C8A0{n:03d}
X-Postfix-Sender: rfc822; {SUPPORT}
Arrival-Date: Mon, 30 Nov 2026 03:05:30 +0000 (UTC)

Final-Recipient: rfc822; {final}
Original-Recipient: rfc822;{rcpt}
Action: failed
Status: 5.1.1
Diagnostic-Code: x-unix; user unknown

--4B1C8A0{n:03d}.1701313532/mx.{domain}
Content-Description: Undelivered Message
Content-Type: message/rfc822

Received: from helpdesk.test (helpdesk.test [192.0.2.1])
	by mx.{domain} (Postfix) with ESMTPS id 4B1C8A0{n:03d}
	for <{rcpt}>; Mon, 30 Nov 2026 03:05:30 +0000 (UTC)
{_original(message_id, rcpt, n)}MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Please restart the printer.

--4B1C8A0{n:03d}.1701313532/mx.{domain}--
""")


def exim(message_id: str, rcpt: str, n: int) -> bytes:
    domain = rcpt.split("@")[1]
    return _crlf(f"""Return-path: <>
Received: from mail by mx.{domain} with local (Exim 4.96)
	id 1rEXIM-000{n:03d}-4q
	for {SUPPORT}; Mon, 30 Nov 2026 03:05:23 +0000
X-Failed-Recipients: {rcpt}
Auto-Submitted: auto-replied
From: Mail Delivery System <Mailer-Daemon@mx.{domain}>
To: {SUPPORT}
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1rEXIM-000{n:03d}-4q@mx.{domain}>
Date: Mon, 30 Nov 2026 03:05:23 +0000

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  {rcpt}
    SMTP error from remote mail server after RCPT TO:<{rcpt}>:
    host mx2.{domain} [192.0.2.20]: 550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table

------ This is a copy of the message, including all the headers. ------

Return-path: <{SUPPORT}>
Received: from [192.0.2.1] (helo=helpdesk.test)
	by mx.{domain} with esmtps (TLS1.3) (Exim 4.96)
	(envelope-from <{SUPPORT}>)
	id 1rEXIN-000{n:03d}-1a
	for {rcpt}; Mon, 30 Nov 2026 03:05:22 +0000
{_original(message_id, rcpt, n)}
Please restart the printer.
""")  # noqa: E501


def exchange(message_id: str, rcpt: str, n: int) -> bytes:
    domain = rcpt.split("@")[1]
    b1, b2 = f"000{n:03d}ffff-eeee-2222-a000", f"ff{n:03d}222-2222-2222-bbcd"
    return _crlf(f"""From: <postmaster@{domain}>
To: <{SUPPORT}>
Date: Mon, 30 Nov 2026 03:05:45 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="{b1}"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: en-US
Message-ID: <0000{n:04d}-aaaa-bbbb-cccc-def12345678@AM0PR01MB.eurprd01.prod.outlook.com>
Subject: Undeliverable: Re: #[{n}] Printer {n} broken
Auto-Submitted: auto-replied
Precedence: bulk
Return-Path: <>

--{b1}
Content-Type: multipart/alternative; differences=Content-Type;
	boundary="{b2}"

--{b2}
Content-Type: text/plain; charset="Windows-1252"
Content-Transfer-Encoding: quoted-printable

Delivery has failed to these recipients or groups:

{rcpt}<mailto:{rcpt}>
The email address wasn=92t found at the destination domain. It might be mis=
spelled or it might not exist any longer. Try retyping the address and rese=
nding the message.

Diagnostic information for administrators:

Generating server: AM0PR01MB.eurprd01.prod.outlook.com

{rcpt}
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipien=
t not found by SMTP address lookup'

Original message headers:

Received: from helpdesk.test (192.0.2.1) by
 AM0PR01MB.eurprd01.prod.outlook.com (192.0.2.4) with Microsoft SMTP
 Server (TLS) id 15.1.112.19; Mon, 30 Nov 2026 03:05:44 +0000
{_original(message_id, rcpt, n)}MIME-Version: 1.0


--{b2}
Content-Type: text/html; charset="Windows-1252"
Content-Transfer-Encoding: quoted-printable

<html><body><p><b><font color=3D"#000066" size=3D"3">{rcpt}</font></b></p>
<p>Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'</p></body></html>

--{b2}--

--{b1}--
""")


def gmail(message_id: str, rcpt: str, n: int) -> bytes:
    domain = rcpt.split("@")[1]
    return _crlf(f"""Return-Path: <>
MIME-Version: 1.0
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: {SUPPORT}
Subject: Delivery Status Notification (Failure)
Message-ID: <047d7bdca0c250c6c004fe72b{n:03d}@google.com>
Date: Mon, 30 Nov 2026 03:06:02 +0000
Content-Type: text/plain; charset=ISO-8859-1

Delivery to the following recipient failed permanently:

     {rcpt}

Technical details of permanent failure:
Google tried to deliver your message, but it was rejected by the server for the recipient domain {domain} by mx.{domain}. [192.0.2.153].

The error that the other server returned was:
550 5.1.1 <{rcpt}>... User Unknown

----- Original message -----

Return-Path: <{SUPPORT}>
{_original(message_id, rcpt, n)}Content-Type: text/plain; charset=us-ascii

Please restart the printer.
""")  # noqa: E501


FORMATS: tuple[Callable[[str, str, int], bytes], ...] = (postfix, exim, exchange, gmail)


def client(n: int) -> str:
    return f"client{n:03d}@c{n % 7}.example"


def test_a_hundred_bounces_in_four_formats_join_their_tickets_and_send_nothing(
    tmp_path: Path,
) -> None:
    text = make_toml(tmp_path)
    config: Config = config_from_toml(text, "<test>")
    store = Store(config.database)
    upgrade(store)
    # 100 tickets, each acknowledged, each answered by an agent; all of it sent.
    store_messages(
        store,
        [
            (
                Envelope("smtp", client(n), (SUPPORT,), "127.0.0.1"),
                build(
                    from_=f"Client {n} <{client(n)}>",
                    subject=f"Printer {n} broken",
                    message_id=f"ask{n}@c.example",
                ),
            )
            for n in range(1, N + 1)
        ],
    )
    Processor(config, store).drain()
    notifier = Notifier(config, Templates(None))
    replies = {
        n: post_reply(store, notifier, n, "Please restart the printer.", Agent("ann@staff.test"))
        for n in range(1, N + 1)
    }
    send_queued(config, store)
    with store.read() as s:
        assert s.query(Ticket).count() == N
        outgoing_before = s.query(OutboxRow).count()
        assert outgoing_before == 2 * N
        assert {o.state for o in s.query(OutboxRow)} == {"sent"}
    store.dispose()

    daemon = RunningDaemon(config, ("smtp", "process", "send")).start()
    try:
        with smtplib.SMTP("127.0.0.1", daemon.port, timeout=30) as smtp:
            for n in range(1, N + 1):
                fmt = FORMATS[n % len(FORMATS)]
                smtp.sendmail("", [SUPPORT], fmt(replies[n].message_id, client(n), n))
        store = Store(config.database)

        def all_processed() -> bool:
            with store.read() as s:
                rows = s.query(InboxRow).filter(InboxRow.id > N)
                return rows.count() == N and all(r.state != "received" for r in rows)

        wait_for(all_processed, timeout=120, what="the bounces processed")
    finally:
        daemon.stop()

    with store.read() as s:
        bounces = s.query(InboxRow).filter(InboxRow.id > N).order_by(InboxRow.id).all()
        for n, row in enumerate(bounces, start=1):
            fmt = FORMATS[n % len(FORMATS)].__name__
            assert (row.state, row.verdict, row.thread_rule) == (
                "processed",
                "bounce",
                "bounce",
            ), f"{fmt} bounce {n}: {row.state} {row.verdict} {row.thread_rule} {row.error}"
            assert row.ticket_id == n, f"{fmt} bounce {n} went to ticket {row.ticket_id}"
            [on_ticket] = s.query(Message).filter_by(inbox_id=row.id).all()
            assert (on_ticket.ticket_id, on_ticket.kind) == (n, "bounce")
            reply = s.query(OutboxRow).filter_by(message_id=replies[n].message_id).one()
            assert reply.state == "failed", f"{fmt} bounce {n}: delivery still {reply.state}"
            assert reply.last_error is not None
            assert client(n) in reply.last_error, f"{fmt}: {reply.last_error}"
            [failed] = s.query(Event).filter_by(ticket_id=n, kind="delivery_failed").all()
            assert failed.data["message_id"] == replies[n].message_id
            assert failed.data["status"] in ("5.1.1", "5.1.10"), f"{fmt}: {failed.data}"
        assert s.query(Ticket).count() == N, "a bounce opened a ticket"
        assert s.query(OutboxRow).count() == outgoing_before, "a bounce was answered"
        suppressed = {x.address for x in s.query(Suppression)}
        assert suppressed == {client(n) for n in range(1, N + 1)}
        # Each ticket's acknowledgment stays delivered: only the bounced reply failed.
        acks = s.query(OutboxRow).filter_by(kind="ticket_opened").all()
        assert {a.state for a in acks} == {"sent"}
    store.dispose()
