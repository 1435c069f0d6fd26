"""No message is ever invisible: whatever the classifier and the threading decide, every
stored message ends on a ticket, or in the list a person reads (``mailgate quarantine``,
``GET /api/held``) with the rule that put it there — and accepting a held one puts it on
a ticket.  Checked as a property over generated mail: people's mail (in several languages,
talking about failed deliveries, blocked accounts and outages), bounces, automatic
replies, lists, spam, blocked senders, our own mail coming back, replies to tickets real
and guessed, through the real pipeline on a temporary database.

A person's mail that merely talks about deliveries — with no report structure, from a
person's address over a person's envelope — must open a ticket and be acknowledged:
that is the second property."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.process import Processor
from mailgate.process.held import accept_held, held_list
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import FOR_A_PERSON
from mailgate.store.migrate import upgrade
from mailgate.store.models import InboxRow, Message, OutboxRow
from tests.support.config import make_toml

SUPPORT = "support@helpdesk.test"
_FRESH = itertools.count()

PROPERTY = settings(
    max_examples=150,
    deadline=None,
    database=None,  # the examples come from the seed only
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What clients write about: deliveries, failures, accounts, outages, spam — in the words
# bounces use too.
SUBJECTS = [
    "Delivery failed for order 4471",
    "Returned mail: my parcel came back",
    "Undeliverable package, please resend",
    "Mail delivery failed when I wrote to billing",
    "Your invoice could not be delivered",
    "Mailbox full?",
    "Account locked after password expired",
    "Access denied to the customer portal",
    "Host not found when I open my site",
    "Connection timed out on checkout",
    "Blocked by policy when uploading",
    "Network error since this morning",
    "Warning: could not send the form",
    "Lieferung fehlgeschlagen – Paket unzustellbar",
    "Colis non remis, retour à l'expéditeur",
    "Entrega fallida del pedido",
    "Consegna non riuscita",
    "Bezorging mislukt",
    "Доставка не удалась",
    "配達できませんでした",
    "배송 실패 문의",
    "Auto reply not working",
    "Out of office settings",
    "Printer broken",
]
BODIES = [
    "The courier says delivery failed and the parcel was returned to sender.",
    "I got 'mailbox full' when writing to you, is it my side? Status 5.2.2 it said.",
    "Your site shows 'host not found' and the payment timed out twice.",
    "My account is locked and access is denied since my subscription expired.",
    "Your newsletter ends up in spam and is blocked by policy at my company.",
    "Die Zustellung ist fehlgeschlagen, die Sendung kam zurück.",
    "Le colis est revenu : adresse introuvable, livraison échouée.",
    "El pedido fue devuelto, dice 'destinatario desconocido'.",
    "Посылка вернулась обратно, адрес не найден.",
    "荷物が返送されました。宛先不明とのことです。",
]
RETURNED_HEADERS = (
    "\n--- Below this line is a copy of the message.\n\n"
    "Return-Path: <support@helpdesk.test>\n"
    "Received: from mx.helpdesk.test by mx.client.test\n"
    "Message-ID: <{mid}>\n"
    "Subject: #[1] Printer broken\n"
)
DSN_PART = (
    "Reporting-MTA: dns; mx.client.test\n\n"
    "Final-Recipient: rfc822; {rcpt}\nAction: failed\nStatus: 5.1.1\n"
    "Diagnostic-Code: smtp; 550 5.1.1 user unknown\n"
)


@dataclass
class Helpdesk:
    config: Config
    store: Store
    processor: Processor
    ack: str  # the Message-ID of the acknowledgment of ticket 1
    first: str  # the client's first message on ticket 1


@pytest.fixture
def helpdesk(tmp_path: Path) -> Iterator[Helpdesk]:
    extra = """
block = ["blocked.test"]
hold_domains = ["service.test"]
spam = "hold"
unverified_reply = "hold"
new_tickets_per_hour = 4
"""
    # The base configuration ends with its [security] table: these keys continue it.
    config = config_from_toml(
        make_toml(tmp_path, extra=extra).replace(
            "[database]\n", '[database]\nsynchronous = "normal"\n', 1
        ),
        "<test>",
    )
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    first = "first@client.test"
    _receive(
        store,
        _plain("Jo <jo@client.test>", "Printer broken", "It is broken.", first),
        "jo@client.test",
    )
    processor.drain()
    with store.read() as s:
        ack = s.query(OutboxRow).one().message_id
    yield Helpdesk(config, store, processor, ack, first)
    store.dispose()


def _receive(store: Store, raw: bytes, sender: str | None) -> int:
    [r] = store_messages(store, [(Envelope("smtp", sender, (SUPPORT,), "127.0.0.1"), raw)])
    return r.inbox_id


def _plain(from_: str, subject: str, body: str, message_id: str) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = from_
    msg["To"] = SUPPORT
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{message_id}>"
    msg.set_content(body)
    return msg.as_bytes()


@st.composite
def person(draw: st.DrawFn) -> tuple[str, str]:
    """(From field, envelope sender) of a person at an ordinary domain."""
    local = draw(st.sampled_from(["jo", "ana.silva", "k.tanaka", "li", "marc-olivier", "z"]))
    domain = draw(st.sampled_from(["client.test", "mail.example", "xn--mller-kva.example"]))
    name = draw(st.sampled_from(["Jo Client", "Ana Silva", "田中", "Zoë", ""]))
    address = f"{local}@{domain}"
    return (f"{name} <{address}>" if name else address), address


SENDERS = st.one_of(
    person(),
    st.sampled_from(
        [
            ("Mail Delivery System <MAILER-DAEMON@mx.client.test>", ""),
            ("postmaster@client.test", "postmaster@client.test"),
            ("Shop <noreply@shop.test>", "bounces@shop.test"),
            ("Test Support <support@helpdesk.test>", "support@helpdesk.test"),
            ("Eve <eve@blocked.test>", "eve@blocked.test"),
            ("Accounts <team@accounts.service.test>", "team@accounts.service.test"),
            ("Kim <kim@other.test>", "kim@other.test"),
        ]
    ),
)
HEADERS = st.dictionaries(
    st.sampled_from(
        [
            "Auto-Submitted",
            "Precedence",
            "List-Id",
            "X-Spam-Flag",
            "X-Autoreply",
            "X-Mailgate-Loop",
            "Return-Path",
        ]
    ),
    st.sampled_from(
        ["auto-replied", "auto-generated", "no", "bulk", "list", "YES", "yes", "<>", "x"]
    ),
    max_size=2,
)


@st.composite
def incoming(draw: st.DrawFn, h: Helpdesk) -> tuple[bytes, str | None]:
    from_, envelope = draw(SENDERS)
    envelope = draw(st.sampled_from([envelope, envelope, "", None]))
    subject = draw(st.sampled_from(SUBJECTS))
    subject = draw(st.sampled_from(["", "Re: ", "Fwd: ", "Re: #[1] ", "#[999] "])) + subject
    body = "\n".join(draw(st.lists(st.sampled_from(BODIES), min_size=1, max_size=3)))
    if draw(st.booleans()):
        body += "\n#close"
    mid = f"gen.{draw(st.integers(0, 10**9))}@{from_.rsplit('@', 1)[-1].strip('>')}"
    msg = EmailMessage(policy=SMTP)
    msg["From"] = from_
    msg["To"] = SUPPORT
    msg["Subject"] = subject
    msg["Message-ID"] = f"<{mid}>"
    refers = draw(st.sampled_from([None, h.ack, h.first, "unknown.1@client.test"]))
    if refers:
        msg["In-Reply-To"] = f"<{refers}>"
    for k, v in draw(HEADERS).items():
        msg[k] = v
    shape = draw(st.sampled_from(["plain", "plain", "returned", "dsn", "forward"]))
    if shape == "returned":
        body += RETURNED_HEADERS.format(mid=draw(st.sampled_from([h.ack, "other@x.test"])))
    if shape == "dsn":
        # RFC 3464: the report, built by hand as an MTA writes it.
        boundary = "report-boundary"
        msg["MIME-Version"] = "1.0"
        msg["Content-Type"] = (
            f'multipart/report; report-type=delivery-status; boundary="{boundary}"'
        )
        head = msg.as_bytes().split(b"\n\n", 1)[0].replace(b"\r\n", b"\n")
        rcpt = "jo@client.test"
        parts = (
            f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
            f"--{boundary}\nContent-Type: message/delivery-status\n\n"
            f"{DSN_PART.format(rcpt=rcpt)}\n--{boundary}--\n"
        )
        return head + b"\n\n" + parts.encode(), envelope
    msg.set_content(body)
    if shape == "forward":
        forwarded = _plain("someone@else.test", "Hello", "Forwarded text.", "fw@x.test")
        msg.add_attachment(message_from_bytes(forwarded, policy=SMTP))
        msg.set_boundary("forward-boundary")
    return msg.as_bytes(), envelope


def _check_every_message_is_where_a_person_sees_it(h: Helpdesk) -> None:
    with h.store.read() as s:
        rows = s.query(InboxRow).all()
        listed = {m["id"]: m for m in held_list(s, limit=100000)["messages"]}
        for row in rows:
            assert row.state != "received", f"inbox {row.id} was not processed"
            if row.state == "processed":
                assert row.ticket_id is not None, f"inbox {row.id} processed on no ticket"
                on_ticket = s.query(Message).filter_by(inbox_id=row.id).one()
                assert on_ticket.ticket_id == row.ticket_id
            else:
                assert row.state in FOR_A_PERSON
                entry = listed.get(row.id)
                assert entry is not None, f"inbox {row.id} ({row.state}) is in no list"
                assert entry["reason"], "the list says why"
                if row.state == "held":
                    assert str(entry["rule"]).startswith("held_")


@PROPERTY
@given(data=st.data())
def test_every_stored_message_ends_on_a_ticket_or_in_a_list_a_person_reads(
    helpdesk: Helpdesk, data: st.DataObject
) -> None:
    raw, envelope = data.draw(incoming(helpdesk))
    inbox_id = _receive(helpdesk.store, raw, envelope)
    helpdesk.processor.drain()
    _check_every_message_is_where_a_person_sees_it(helpdesk)
    with helpdesk.store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        state = row.state
    if state == "held":
        accept_held(helpdesk.store, inbox_id)
        helpdesk.processor.drain()
        with helpdesk.store.read() as s:
            row = s.get(InboxRow, inbox_id)
            assert row is not None
            assert (row.state, row.thread_rule) != ("held", None)
            assert row.state == "processed", (row.state, row.error)
            assert row.ticket_id is not None, "accepting puts it on a ticket"
        _check_every_message_is_where_a_person_sees_it(helpdesk)


@PROPERTY
@given(data=st.data())
def test_a_person_writing_about_failed_deliveries_opens_a_ticket_and_is_acknowledged(
    helpdesk: Helpdesk, data: st.DataObject
) -> None:
    from_, envelope = data.draw(person())
    subject = data.draw(st.sampled_from(SUBJECTS))
    body = "\n".join(data.draw(st.lists(st.sampled_from(BODIES), min_size=1, max_size=3)))
    n = next(_FRESH)
    # A fresh address each time: the per-sender limits are not what is tested here.
    local, domain = envelope.split("@")
    envelope = f"{local}.{n}@{domain}"
    from_ = from_.replace(f"{local}@{domain}", envelope)
    inbox_id = _receive(helpdesk.store, _plain(from_, subject, body, f"p.{n}@x.test"), envelope)
    helpdesk.processor.drain()
    with helpdesk.store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        assert (row.state, row.verdict) == ("processed", "human"), (row.verdict_rule, row.error)
        assert row.ticket_id is not None
        acks = s.query(OutboxRow).filter_by(ticket_id=row.ticket_id, kind="ticket_opened")
        assert acks.count() == 1
