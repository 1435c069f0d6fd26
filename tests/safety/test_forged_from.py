"""Forged and misleading From fields, sent over SMTP to a running `mailgate run` whose
outgoing mail goes to a relay on loopback (the organisation's MTA, played by aiosmtpd).

The sender is the address in the angle brackets, never a display name that looks like
one; a From that may mislead a reader is flagged on the ticket; our MTA's DMARC verdict
counts only for the From domain mailgate read; and the helpdesk does not reflect forged
mail — no acknowledgment to the address a forger named, and no word of an unproven
sender's (subject, display name) in the acknowledgment it does send.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from datetime import UTC, datetime
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import unquote
from pathlib import Path
from typing import cast

import pytest

from mailgate.config import Config
from mailgate.notify.compose import Outgoing, Party, compose, one_line
from mailgate.store.engine import Store
from mailgate.store.models import Event, InboxRow, OutboxRow, Participant, Ticket
from tests.support.cli import run_cli
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.signing import Signer
from tests.support.smtp import Relay
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
MTA = "mx.helpdesk.test"
ATTACKER = "attacker@evil.test"
LURE = "Your account is locked: sign in at https://evil.test/login"


@pytest.fixture
def relay() -> Relay:
    r = Relay().start()
    yield r  # type: ignore[misc]
    r.stop()


class Helpdesk:
    """`mailgate run` (listener, processing, sending) and its database."""

    def __init__(
        self, folder: Path, config: Config, store: Store, daemon: RunningDaemon, relay: Relay
    ) -> None:
        self.folder, self.config, self.store = folder, config, store
        self.daemon, self.relay = daemon, relay

    def cli(self, *args: str) -> str:
        """``mailgate ARGS…`` on this helpdesk's configuration; its output."""
        done = run_cli((self.folder / "mailgate.toml").read_text(), self.folder, *args)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def send(self, raw: bytes, sender: str) -> None:
        with smtplib.SMTP("127.0.0.1", self.daemon.port, timeout=30) as s:
            s.sendmail(sender, [SUPPORT], raw)

    def settled(self, count: int) -> list[InboxRow]:
        """The first ``count`` inbox rows once processing has decided each of them."""

        def done() -> list[InboxRow] | None:
            with self.store.read() as s:
                rows = list(s.query(InboxRow).order_by(InboxRow.id))
            if len(rows) >= count and all(r.state in ("processed", "held") for r in rows):
                return rows
            return None

        return cast(list[InboxRow], wait_for(done, what=f"{count} message(s) processed"))

    def sent(self, count: int) -> list[EmailMessage]:
        """What the relay received, once the outbox has sent ``count`` messages."""

        def done() -> bool:
            with self.store.read() as s:
                states = [r.state for r in s.query(OutboxRow)]
            return len(states) >= count and all(st == "sent" for st in states)

        wait_for(done, what=f"{count} message(s) sent")
        return [
            cast(EmailMessage, message_from_bytes(r.content, policy=default_policy))
            for r in self.relay.received
        ]

    def outbox(self) -> list[OutboxRow]:
        with self.store.read() as s:
            return list(s.query(OutboxRow))

    def ticket(self, number: int) -> Ticket:
        with self.store.read() as s:
            t = s.get(Ticket, number)
            assert t is not None
            return t

    def events(self, kind: str) -> list[Event]:
        with self.store.read() as s:
            return list(s.query(Event).filter_by(kind=kind).order_by(Event.id))


@pytest.fixture
def helpdesk(
    tmp_path: Path,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
    run_daemon: Callable[..., RunningDaemon],
    relay: Relay,
) -> Callable[..., Helpdesk]:
    def start(security: str = "") -> Helpdesk:
        config = smtp_config(relay.port, extra=f"\n{security}\n")
        store = open_store(config)
        return Helpdesk(tmp_path, config, store, run_daemon(config), relay)

    return start


def ar(value: str) -> dict[str, str]:
    return {"Authentication-Results": f"{MTA}; {value}"}


def readable(msg: EmailMessage) -> str:
    """Everything a reader of ``msg`` sees: its header fields decoded and its parts."""
    head = "\n".join(f"{k}: {make_header(decode_header(str(v)))}" for k, v in msg.items())
    parts = [
        cast(EmailMessage, p).get_content()
        for p in msg.walk()
        if p.get_content_maintype() == "text"
    ]
    return "\n".join([head, *parts])


# -- a display name in outgoing mail --------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "victim@client.example\r\nBcc: x@evil.test",
        'Jo "the" \\ Client, <jo@evil.test>',
        "=?utf-8?q?Bcc=3A_x?=",  # looks encoded: encoded, or a reader decodes it
        "Jöran Ærø, <x@evil.test>\nBcc: y@evil.test",
        "Jöran " * 20,  # longer than one encoded-word
        "\u202eevil",
    ],
    ids=["crlf", "specials", "encoded-look", "non-ascii", "long", "bidi"],
)
def test_a_display_name_in_outgoing_mail_is_one_phrase(name: str) -> None:
    raw = compose(
        Outgoing(
            from_=Party("Test Support", SUPPORT),
            to=(Party(name, "jo@client.test"),),
            subject="#[1] x",
            text="x\n",
            html=None,
            message_id="mg.1@helpdesk.test",
            date=datetime(2026, 11, 23, tzinfo=UTC),
        )
    )
    head = raw.split(b"\r\n\r\n", 1)[0]
    fields = [line.split(b":", 1)[0].lower() for line in head.split(b"\r\n") if line[:1] != b" "]
    assert b"bcc" not in fields
    assert fields.count(b"to") == 1
    msg = cast(EmailMessage, message_from_bytes(raw, policy=default_policy))
    [to] = msg["To"].addresses
    assert to.addr_spec == "jo@client.test"
    # The phrase before the address, read as RFC 5322 and RFC 2047 say.
    [value] = [v for k, v in message_from_bytes(raw).items() if k == "To"]
    phrase = " ".join(value.split()).removesuffix(" <jo@client.test>")
    shown = unquote(phrase) if phrase.startswith('"') else str(make_header(decode_header(phrase)))
    assert shown == one_line(name)
    # RFC 2047 §2: an encoded-word is at most 75 characters.
    assert all(len(w) <= 75 for w in re.findall(r"=\?[^?]+\?[qQbB]\?[^?]*\?=", phrase))


# -- the From address that is read ---------------------------------------------------------


def test_the_address_in_angle_brackets_is_the_sender_not_an_address_in_the_name(
    helpdesk: Callable[..., Helpdesk],
) -> None:
    hd = helpdesk()
    hd.send(
        build(from_="victim@client.example <attacker@evil.test>", subject="Invoice"),
        "attacker@evil.test",
    )
    hd.settled(1)
    [ack] = hd.sent(1)
    ticket = hd.ticket(1)
    assert ticket.requester == "attacker@evil.test"
    assert hd.relay.received[0].rcpt_tos == ("attacker@evil.test",)
    assert [a.addr_spec for a in ack["To"].addresses] == ["attacker@evil.test"]
    assert "victim@client.example" not in readable(ack)
    [flag] = hd.events("suspicious_from")
    assert flag.data["address"] == "attacker@evil.test"
    assert "shows the address victim@client.example" in flag.data["reasons"][0]
    # `mailgate ticket N` shows the flag in the ticket's history.
    shown = hd.cli("ticket", "1")
    assert "suspicious_from" in shown
    assert "victim@client.example" in shown


@pytest.mark.parametrize(
    "name",
    [
        # Q: the ":" of "Bcc:" and the "@" inside the word split the field as a group.
        "=?utf-8?q?victim=40client.example=0D=0ABcc:_x@evil.test?=",
        # B: CR LF and a Bcc line inside the decoded name.
        "=?utf-8?b?dmljdGltQGNsaWVudC5leGFtcGxlDQpCY2M6IHhAZXZpbC50ZXN0?=",
    ],
    ids=["q", "b"],
)
def test_an_encoded_display_name_changes_no_address_and_injects_no_header(
    helpdesk: Callable[..., Helpdesk], name: str
) -> None:
    hd = helpdesk()
    # Authenticated for evil.test: its acknowledgment may name the sender as they wrote.
    raw = build(headers=ar("dmarc=pass header.from=evil.test"))
    raw = raw.replace(b"From: Jo Client <jo@client.test>", f"From: {name} <{ATTACKER}>".encode())
    hd.send(raw, "attacker@evil.test")
    hd.settled(1)
    [ack] = hd.sent(1)
    assert hd.ticket(1).requester == "attacker@evil.test"
    assert hd.relay.received[0].rcpt_tos == ("attacker@evil.test",)
    head = hd.relay.received[0].content.split(b"\r\n\r\n", 1)[0]
    assert not any(line.lower().startswith(b"bcc") for line in head.split(b"\r\n"))
    [to] = ack["To"].addresses
    assert to.addr_spec == "attacker@evil.test"
    # The name is one phrase: decoded, it is the sender's name on one line.
    assert "".join(to.display_name.split()) == "victim@client.exampleBcc:x@evil.test"
    assert hd.events("suspicious_from")


def test_a_from_with_several_mailboxes_is_flagged_and_another_domains_dmarc_is_no_pass(
    helpdesk: Callable[..., Helpdesk],
) -> None:
    """Our MTA judged the attacker's own domain (it passes); mailgate reads the first
    mailbox, the victim's: that verdict is about another From, so it fails."""
    hd = helpdesk()
    hd.send(
        build(
            from_="victim@client.example, attacker@evil.test",
            subject=LURE,
            headers=ar("dmarc=pass header.from=evil.test; dkim=pass"),
        ),
        "attacker@evil.test",
    )
    [row] = hd.settled(1)
    assert row.state == "processed"  # flagged, never dropped
    ticket = hd.ticket(1)
    assert ticket.requester == "victim@client.example"
    [flag] = hd.events("suspicious_from")
    assert "names 2 mailboxes" in flag.data["reasons"][0]
    [withheld] = hd.events("acknowledgment_withheld")
    assert "header.from=evil.test" in withheld.data["reason"]
    assert hd.outbox() == []
    assert hd.relay.received == []


def test_a_participants_reply_authenticated_for_another_from_domain_is_held(
    helpdesk: Callable[..., Helpdesk],
) -> None:
    hd = helpdesk()
    hd.send(
        build(
            from_="Jo Client <jo@client.test>",
            message_id="first@client.test",
            headers=ar("dmarc=pass header.from=client.test"),
        ),
        "jo@client.test",
    )
    hd.settled(1)
    hd.send(
        build(
            from_="jo@client.test, attacker@evil.test",
            subject="Re: #[1] Printer broken",
            body="Please send the invoices to eve@evil.test from now on.\n",
            headers=ar("dmarc=pass header.from=evil.test"),
        ),
        "attacker@evil.test",
    )
    rows = hd.settled(2)
    assert rows[1].state == "held"
    assert rows[1].thread_rule == "held_unauthenticated"
    assert rows[1].error is not None
    assert "header.from=evil.test" in rows[1].error


# -- forged new mail is not reflected ------------------------------------------------------


def test_new_mail_failing_dmarc_opens_a_ticket_without_acknowledgment(
    helpdesk: Callable[..., Helpdesk],
) -> None:
    hd = helpdesk()
    hd.send(
        build(
            from_="Bank Security <jo@client.test>",
            subject=LURE,
            headers=ar("dmarc=fail (p=reject dis=none) header.from=client.test"),
        ),
        "attacker@evil.test",
    )
    [row] = hd.settled(1)
    assert row.state == "processed"
    assert hd.ticket(1).requester == "jo@client.test"
    [withheld] = hd.events("acknowledgment_withheld")
    assert withheld.data["to"] == "jo@client.test"
    assert "dmarc=fail" in withheld.data["reason"]
    assert "security.forged_new_mail = no_acknowledgment" in withheld.data["reason"]
    assert hd.outbox() == []
    assert hd.relay.received == []


def test_forged_new_mail_is_held_when_configured_and_opens_its_ticket_once_accepted(
    helpdesk: Callable[..., Helpdesk],
) -> None:
    hd = helpdesk('forged_new_mail = "hold"')
    hd.send(
        build(subject=LURE, headers=ar("dmarc=fail header.from=client.test")),
        "attacker@evil.test",
    )
    [row] = hd.settled(1)
    assert row.state == "held"
    assert row.thread_rule == "held_forged"
    assert "held_forged" in hd.cli("quarantine")
    hd.cli("accept", str(row.id))
    wait_for(lambda: hd.settled(1)[0].state == "processed", what="the accepted message")
    assert hd.ticket(1).requester == "jo@client.test"


def test_forged_new_mail_acknowledged_on_request_gets_only_a_neutral_acknowledgment(
    helpdesk: Callable[..., Helpdesk],
) -> None:
    hd = helpdesk('forged_new_mail = "acknowledge"')
    hd.send(
        build(
            from_="Bank Security <jo@client.test>",
            subject=LURE,
            headers=ar("dmarc=fail header.from=client.test"),
        ),
        "attacker@evil.test",
    )
    hd.settled(1)
    [ack] = hd.sent(1)
    seen = readable(ack)
    assert "evil.test" not in seen
    assert "Bank Security" not in seen
    assert ack["Subject"] == "#[1] Your request to Test Support"


def test_an_unauthenticated_senders_acknowledgment_quotes_nothing_they_wrote(
    helpdesk: Callable[..., Helpdesk],
) -> None:
    """No verdict at all (a domain without DMARC): the acknowledgment goes, neutral; an
    authenticated sender's names their subject."""
    hd = helpdesk()
    hd.send(build(from_="Bank Security <jo@other.test>", subject=LURE), "jo@other.test")
    hd.send(
        build(subject="Printer broken", headers=ar("dmarc=pass header.from=client.test")),
        "jo@client.test",
    )
    hd.settled(2)
    acks = {str(m["To"].addresses[0].addr_spec): m for m in hd.sent(2)}
    neutral, quoted = acks["jo@other.test"], acks["jo@client.test"]
    seen = readable(neutral)
    assert "evil.test" not in seen
    assert "locked" not in seen
    assert "Bank Security" not in seen
    # The two are processed in either order: their numbers are 1 and 2, either way round.
    token, title = str(neutral["Subject"]).split(" ", 1)
    assert title == "Your request to Test Support"
    assert token in neutral.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    other = "#[2]" if token == "#[1]" else "#[1]"
    assert quoted["Subject"] == f"{other} Printer broken"
    assert "Jo Client" in quoted["To"]


def test_failing_dkim_of_a_domain_publishing_reject_is_forged_and_not_acknowledged(
    tmp_path: Path,
    smtp_config: Callable[..., Config],
    open_store: Callable[[Config], Store],
    run_daemon: Callable[..., RunningDaemon],
    relay: Relay,
) -> None:
    """mailgate's own DKIM check: a broken signature is forged only when the domain's
    DMARC policy (looked up with the same resolver as the keys) rejects or quarantines.
    Received over SMTP by the listener; processed with the tests' resolver."""
    from mailgate.process import Processor

    signer = Signer()
    policy = {"p": b"v=DMARC1; p=reject"}

    def dns(name: bytes, timeout: int = 5) -> bytes | None:
        if name.rstrip(b".") == b"_dmarc.client.test":
            return policy["p"]
        return signer.dns(name, timeout)

    config = smtp_config(relay.port, extra="\nverify_dkim = true\n")
    store = open_store(config)
    hd = Helpdesk(tmp_path, config, store, run_daemon(config, ("smtp",)), relay)
    forged = signer.sign(build(subject="Printer broken", body="original\n"))
    hd.send(forged.replace(b"original", b"tampered"), "jo@client.test")
    policy_none = signer.sign(build(subject="Printer broken", body="original\n"))
    wait_for(lambda: _count(store) == 1, what="stored")
    Processor(config, store, dnsfunc=dns).drain()
    [withheld] = hd.events("acknowledgment_withheld")
    assert "does not verify" in withheld.data["reason"]
    assert "p=reject" in withheld.data["reason"]
    assert hd.outbox() == []
    # The same breakage from a domain that asks for nothing: unproven, answered neutrally.
    policy["p"] = b"v=DMARC1; p=none"
    hd.send(policy_none.replace(b"original", b"tampered"), "jo@client.test")
    wait_for(lambda: _count(store) == 2, what="stored")
    Processor(config, store, dnsfunc=dns).drain()
    [ack] = hd.outbox()
    assert ack.kind == "ticket_opened"
    assert len(hd.events("acknowledgment_withheld")) == 1


def _count(store: Store) -> int:
    with store.read() as s:
        return s.query(InboxRow).count()


def test_a_login_name_in_from_neither_joins_nor_closes_a_ticket_over_smtp(
    helpdesk: Callable[..., Helpdesk],
) -> None:
    """The attack of a stranger who writes ``From: root`` (or ``api``, ``mailgate``, the
    account running mailgate) with a ticket's token and ``#close``, sent over SMTP to the
    running daemon after an agent answered with ``mailgate reply`` and no ``--as``: the
    reply was the system's, so no such name is a participant, and the mail closes
    nothing and joins nothing."""
    import getpass

    hd = helpdesk()
    hd.send(build(from_="jo@client.test", subject="Printer broken"), "jo@client.test")
    hd.settled(1)
    toml = (hd.folder / "mailgate.toml").read_text()
    answered = run_cli(toml, hd.folder, "reply", "1", input="Restart it, please.\n")
    assert answered.returncode == 0, answered.stderr
    assert "as the system" in answered.stdout
    assert hd.ticket(1).status == "answered"

    names = list(dict.fromkeys((getpass.getuser(), "root", "mailgate", "api", "system")))
    for name in names:
        forged = build(from_=name, subject="Re: #[1] Printer broken", body="#close\n")
        hd.send(forged, "bounce@elsewhere.test")

    def decided() -> list[InboxRow] | None:
        with hd.store.read() as s:
            rows = list(s.query(InboxRow).order_by(InboxRow.id))
        waiting = len(rows) < 1 + len(names) or any(r.state == "received" for r in rows)
        return None if waiting else rows

    rows = cast(list[InboxRow], wait_for(decided, what="the forged mail decided"))
    assert hd.ticket(1).status == "answered", "closed by a From without a domain"
    assert all(r.ticket_id != 1 for r in rows[1:]), "a From without a domain joined"
    with hd.store.read() as s:
        people = [p.address for p in s.query(Participant).filter_by(ticket_id=1)]
    assert people == ["jo@client.test"]
