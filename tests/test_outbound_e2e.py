"""The whole round trip over real SMTP on loopback: a client's mail into `mailgate run`,
the acknowledgment and an agent's answer out through a relay (a real aiosmtpd server),
and the client's replies, written the way mail programs write them, back onto the same
ticket.  And two helpdesks answering each other: the exchange stops."""

from __future__ import annotations

import contextlib
import re
import smtplib
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from functools import partial
from pathlib import Path

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.notify import Notifier, Templates
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow, OutboxRow, Ticket
from mailgate.tickets.actions import Agent, post_reply
from tests.support.config import make_toml, to_relay
from tests.support.daemon import RunningDaemon
from tests.support.environment import free_port
from tests.support.mailcheck import (
    check_header,
    check_subject,
    check_text,
    html_document,
    nu_checker_problems,
)
from tests.support.mailcheck import parse as parse_mail
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.smtp import Captured, RelayHandler, running_relay, start_relay
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"


@pytest.fixture
def relay() -> Iterator[tuple[RelayHandler, int]]:
    with running_relay() as relay:
        yield relay


def smtp_config(tmp_path: Path, relay_port: int, extra: str = "") -> Config:
    text = to_relay(make_toml(tmp_path), relay_port)
    return config_from_toml(text + extra, "<test>")


def send(port: int, raw: bytes, sender: str, rcpt: str = SUPPORT) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        s.sendmail(sender, [rcpt], raw)


def tickets_and_messages(store: Store) -> tuple[int, int]:
    with store.read() as s:
        return s.query(Ticket).count(), s.query(InboxRow).count()


def client_reply(reply: EmailMessage, program: str) -> bytes:
    """The client's answer to ``reply``, as each mail program writes it."""
    mid = str(reply["Message-ID"]).strip("<>")
    refs = [r.strip("<>") for r in str(reply["References"] or "").split()] + [mid]
    subject = str(reply["Subject"])
    if program == "gmail":
        return build(
            subject=f"Re: {subject}",
            in_reply_to=mid,
            references=refs,
            body="Still broken.\n\nOn Mon, 23 Nov 2026 at 10:00 Test Support wrote:\n> hi\n",
        )
    if program == "outlook":
        return build(
            subject=f"RE: {subject}",
            body="Still broken.\n\nFrom: Test Support\nSent: Monday\nSubject: x\n",
            headers={"Thread-Index": "AQHZ1234567890abcdef==", "Thread-Topic": subject},
        )
    if program == "outlook-de":
        return build(subject=f"AW: {subject}", body="Geht immer noch nicht.")
    if program == "thunderbird":
        return build(
            subject=f"Re: {subject}",
            in_reply_to=mid,
            references=refs,
            body="Still broken.\n\nOn 23.11.26 10:00, Test Support wrote:\n> hi\n",
        )
    raise AssertionError(program)


def test_round_trip_through_a_relay_and_back_from_every_mail_program(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    handler, relay_port = relay
    config = smtp_config(tmp_path, relay_port)
    daemon = run_daemon(config)
    # Authenticated: the acknowledgment names the client's subject.
    first = build(message_id="first@client.test", headers=AUTHENTICATED)
    send(daemon.port, first, "jo@client.test")
    ack = wait_for(lambda: handler.received[:1], what="the acknowledgment at the relay")[0]
    assert ack.mail_from == SUPPORT
    assert ack.rcpt_tos == ["jo@client.test"]
    assert ack.message["Subject"] == "#[1] Printer broken"
    assert ack.message["In-Reply-To"] == "<first@client.test>"
    assert ack.message["Auto-Submitted"] == "auto-replied"

    store = Store(config.database)
    try:
        notifier = Notifier(config, Templates(None))
        post_reply(store, notifier, 1, "Please restart it.", Agent("ann@staff.test", "Ann"))
        reply = wait_for(lambda: handler.received[1:2], what="the reply at the relay")[0]
        msg = reply.message
        assert reply.mail_from == SUPPORT
        assert msg["From"].addresses[0].addr_spec == SUPPORT
        assert msg["Subject"] == "#[1] Printer broken"

        def recorded() -> OutboxRow | None:
            # The relay has it; mailgate records the 250 in a commit of its own, which
            # may come an instant later on a busy machine.
            with store.read() as s:
                row = s.query(OutboxRow).filter_by(kind="agent_reply").one()
                return row if row.state == "sent" else None

        row = wait_for(recorded, what="the reply recorded as sent")
        assert msg["Message-ID"] == f"<{row.message_id}>"
        assert msg["In-Reply-To"] == "<first@client.test>"
        assert msg["References"].split() == [
            "<first@client.test>",
            str(ack.message["Message-ID"]),
        ]
        for n, program in enumerate(["gmail", "outlook", "outlook-de", "thunderbird"], start=2):
            send(daemon.port, client_reply(msg, program), "jo@client.test")
            wait_for(
                lambda n=n: tickets_and_messages(store) == (1, n),  # type: ignore[misc]
                what=f"the {program} reply on ticket 1",
            )
            with store.read() as s:
                latest = s.query(InboxRow).order_by(InboxRow.id.desc()).first()
                assert latest is not None
                latest_id = latest.id
            wait_for(partial(_processed, store, latest_id), what="processed")
            assert _ticket(store, latest_id) == 1, program
        # Nothing was sent to the client for their replies (no acknowledgment storm).
        assert len(handler.received) == 2
    finally:
        store.dispose()


def _processed(store: Store, inbox_id: int) -> bool:
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        return row is not None and row.state == "processed"


def _ticket(store: Store, inbox_id: int) -> int | None:
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        return row.ticket_id


def test_relay_down_then_up_delivers_the_reply_once(
    tmp_path: Path, run_daemon: Callable[..., RunningDaemon]
) -> None:
    relay_port = free_port()  # nothing listens yet
    config = smtp_config(tmp_path, relay_port)
    daemon = run_daemon(config, roles=("smtp", "process", "send"))
    send(daemon.port, build(message_id="first@client.test"), "jo@client.test")
    store = Store(config.database)
    try:

        def attempted() -> bool:
            with store.read() as s:
                row = s.query(OutboxRow).first()
                return row is not None and row.attempts >= 2 and row.state == "queued"

        wait_for(attempted, what="two failed attempts while the relay is down")
        with store.read() as s:
            row = s.query(OutboxRow).one()
            assert row.last_error
        handler = RelayHandler()
        controller = start_relay(handler, relay_port)
        try:
            wait_for(lambda: handler.received, what="delivery once the relay is up")

            def recorded() -> bool:
                with store.read() as s:
                    return s.query(OutboxRow).one().state == "sent"

            wait_for(recorded, what="the delivery recorded as sent")
            time.sleep(1.5)  # a few more sender rounds: nothing is sent again
            assert len(handler.received) == 1
        finally:
            controller.stop()
    finally:
        store.dispose()


# -- two helpdesks writing to each other ----------------------------------------------------

_STRIP = (
    "Auto-Submitted",
    "X-Auto-Response-Suppress",
    "X-Mailgate-Loop",
    "In-Reply-To",
    "References",
    "Precedence",
)


def stripped(data: bytes) -> bytes:
    """What the worst forwarder makes of a message: every header that marks it as
    automatic or as a reply removed, and the ticket token cut from the subject."""
    msg = message_from_bytes(data, policy=default_policy)
    for name in _STRIP:
        del msg[name]
    subject = re.sub(r"#\[\d+\]\s*", "", str(msg["Subject"] or ""))
    del msg["Subject"]
    msg["Subject"] = subject
    return msg.as_bytes()


@dataclass
class Storm:
    a: RunningDaemon
    b: RunningDaemon
    a_store: Store
    b_store: Store
    relayed: list[int]


@contextmanager
def two_helpdesks(
    tmp_path: Path,
    run_daemon: Callable[..., RunningDaemon],
    *,
    strip: bool,
    limit: int,
) -> Iterator[Storm]:
    """Helpdesk A (support@a.test) and helpdesk B (support@b.test), each the other's
    client: A's mail goes through a relay into B's listener and B's into A's."""
    a_port, b_port = free_port(), free_port()
    relayed = [0]

    def forwarder(target: int) -> RelayHandler:
        def forward(got: Captured) -> None:
            relayed[0] += 1
            data = stripped(got.data) if strip else got.data

            def deliver() -> None:
                # The other helpdesk may have stopped at the end of the test.
                with contextlib.suppress(OSError, smtplib.SMTPException):
                    send(target, data, got.mail_from, got.rcpt_tos[0])

            threading.Thread(target=deliver, daemon=True).start()

        return RelayHandler(forward=forward)

    to_b, to_a = start_relay(forwarder(b_port)), start_relay(forwarder(a_port))

    def helpdesk(name: str, port: int, relay_port: int) -> Config:
        d = tmp_path / name
        d.mkdir()
        text = (
            make_toml(d, port=port)
            .replace("helpdesk.test", f"{name}.test")
            .replace(
                "[outbound]\n",
                f'[outbound]\ntransport = "smtp"\nhost = "127.0.0.1"\nport = {relay_port}\n',
            )
        )
        return config_from_toml(text + f"\n[notify]\nacknowledgments_per_hour = {limit}\n")

    a_config, b_config = helpdesk("a", a_port, to_b.port), helpdesk("b", b_port, to_a.port)
    a, b = run_daemon(a_config), run_daemon(b_config)
    a_store, b_store = Store(a_config.database), Store(b_config.database)
    try:
        yield Storm(a, b, a_store, b_store, relayed)
    finally:
        a_store.dispose()
        b_store.dispose()
        to_a.stop()
        to_b.stop()


def busy(store: Store) -> bool:
    """Whether a helpdesk still has mail to process or to send."""
    with store.read() as s:
        waiting = s.query(InboxRow).filter(InboxRow.state == "received").count()
        sending = s.query(OutboxRow).filter(OutboxRow.state.in_(("queued", "sending"))).count()
    return bool(waiting or sending)


def quiet(storm: Storm, seconds: float = 2.0, timeout: float = 120.0) -> int:
    """Wait until nothing has been relayed for ``seconds`` and neither helpdesk has
    anything left to process or send (a loaded machine may pause longer than
    ``seconds`` between two hops); the count relayed."""
    deadline = time.monotonic() + timeout
    last, since = -1, time.monotonic()
    while time.monotonic() < deadline:
        now = storm.relayed[0]
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= seconds and not (
            busy(storm.a_store) or busy(storm.b_store)
        ):
            return now
        time.sleep(0.1)
    raise AssertionError(f"still relaying after {timeout}s: {storm.relayed[0]} messages")


def test_two_helpdesks_answering_each_other_stop_at_once(
    tmp_path: Path, run_daemon: Callable[..., RunningDaemon]
) -> None:
    with two_helpdesks(tmp_path, run_daemon, strip=False, limit=5) as storm:
        # B's support address writes to A as a client would.
        first = build(from_="support@b.test", to="support@a.test")
        send(storm.a.port, first, "support@b.test", "support@a.test")
        total = quiet(storm)
        # A acknowledges; B recognises the acknowledgment as automatic: silence.
        assert total == 1
        with storm.b_store.read() as s:
            assert s.query(OutboxRow).count() == 0


def test_a_header_stripping_forwarder_between_them_is_stopped_by_the_limit(
    tmp_path: Path, run_daemon: Callable[..., RunningDaemon]
) -> None:
    limit = 3
    with two_helpdesks(tmp_path, run_daemon, strip=True, limit=limit) as storm:
        first = build(from_="support@b.test", to="support@a.test")
        send(storm.a.port, first, "support@b.test", "support@a.test")
        total = quiet(storm)
        with storm.a_store.read() as s:
            a_tickets = s.query(Ticket).count()
        with storm.b_store.read() as s:
            b_tickets = s.query(Ticket).count()
    # Every mail looks like a person's first mail on each side, so each opens a ticket;
    # each side acknowledges `limit` of them within the hour, then only stores.
    assert total == 2 * limit
    assert (a_tickets, b_tickets) == (limit + 1, limit)


def test_an_acknowledgment_and_an_answer_written_by_the_file_transport_read_as_mail_should(
    tmp_path: Path, run_daemon: Callable[..., RunningDaemon]
) -> None:
    """The client writes over SMTP with a subject in German; `mailgate run` acknowledges
    and later relays an agent's answer; the .eml files the file transport writes are
    read as a mail expert reads them (tests/support/mailcheck.py)."""
    config = config_from_toml(make_toml(tmp_path), "<test>")
    title = "Drucker im Büro druckt nicht mehr seit dem Update vom Montag früh"
    daemon = run_daemon(config)
    raw = build(
        subject=title,
        message_id="first@client.test",
        body="Nothing prints.\n",
        headers=AUTHENTICATED,  # so that the acknowledgment names the subject
    )
    send(daemon.port, raw, "jo@client.test")
    outbox_dir = Path(config.outbound.directory)
    [ack_file] = wait_for(
        lambda: sorted(outbox_dir.glob("*.eml")), what="the acknowledgment as a file"
    )
    paragraph = (
        "The driver of last week's update ignores the tray setting, so every job waits "
        "for paper in the manual feed. Set the tray to Automatic in the printer's "
        "properties; the jobs waiting then print at once."
    )
    answer = textwrap.fill(paragraph, 76) + "\n\n> Nothing prints.\n\nAnything else?"
    store = Store(config.database)
    try:
        notifier = Notifier(config, Templates(config.templates.directory))
        post_reply(store, notifier, 1, answer, Agent("ann@staff.test", "Ann Agent"))
    finally:
        store.dispose()
    files = wait_for(
        lambda: files if len(files := sorted(outbox_dir.glob("*.eml"))) == 2 else None,
        what="the answer as a file",
    )
    assert files[0] == ack_file
    documents = {}
    for kind, path in zip(("ack", "answer"), files, strict=True):
        data = path.read_bytes()
        check_header(data)
        check_subject(data, "#[1]", title)
        msg = parse_mail(data)
        read = check_text(msg)
        documents[kind] = html_document(msg)
        if kind == "answer":
            # Hard-wrapped at 76 by the agent's editor, reflowed at 72, read back whole.
            assert [(depth, text) for _, depth, text in read][:5] == [
                (0, paragraph),
                (0, ""),
                (1, "Nothing prints."),
                (0, ""),
                (0, "Anything else?"),
            ]
    assert nu_checker_problems(documents, tmp_path / "html") == []
