"""The size limit at its exact boundary, over SMTP and LMTP against the running daemon.

RFC 1870 §3: a message's size is its octets with their CR LF pairs, without the final
"." CR LF nor the dots added for transparency; EHLO's ``SIZE`` announces the largest
accepted.  A message of exactly that size is taken, one octet more is refused 552."""

from __future__ import annotations

import hashlib
import random
import re
import smtplib
from collections.abc import Callable
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from sqlalchemy import select

from mailgate.config import Config
from mailgate.store.engine import Store
from mailgate.store.models import Blob, InboxRow, InboxState, Message
from tests.support.daemon import RunningDaemon
from tests.support.smtp import Dialogue
from tests.support.waiting import wait_for

# Above the line limit (64 KiB by default), as the default 25 MiB is: the message is
# then judged line by line, where an off-by-two once refused the largest two sizes.
LIMIT = 100_000


def message(size: int, dotted: bool) -> bytes:
    """A message of exactly ``size`` octets with CR LF line endings; ``dotted``: a third
    of its lines start with a dot, some with two, so that sending it adds a dot to each."""
    m = b"From: jo@client.test\r\nTo: support@helpdesk.test\r\nSubject: size %d\r\n\r\n" % size
    n = 0
    while size - len(m) > 64:
        if dotted and n % 3 == 0:
            m += (b"." if n % 2 else b"..") + b"d" * 58 + b"\r\n"
        else:
            m += b"b" * 60 + b"\r\n"
        n += 1
    return m + b"e" * (size - len(m) - 2) + b"\r\n"


def stuffed(m: bytes) -> bytes:
    """As a client sends it after DATA (RFC 5321 §4.5.2)."""
    return re.sub(rb"(?m)^\.", b"..", m) + b".\r\n"


def transaction(s: Dialogue, m: bytes, declared: bool) -> bytes:
    """One transaction: the answer to MAIL FROM when it refuses, else to the data."""
    size = b" SIZE=%d" % len(m) if declared else b""
    answer = s.say(b"MAIL FROM:<jo@client.test>" + size)
    if not answer.startswith(b"250"):
        return answer
    assert s.say(b"RCPT TO:<support@helpdesk.test>").startswith(b"250")
    assert s.say(b"DATA").startswith(b"354")
    s.send(stuffed(m))
    return s.reply()  # one recipient: one answer, in LMTP too


@pytest.mark.parametrize("declared", [False, True], ids=["without_size", "size_declared"])
@pytest.mark.parametrize("dotted", [False, True], ids=["plain_lines", "dot_stuffed_lines"])
@pytest.mark.parametrize("protocol", ["smtp", "lmtp"])
def test_a_message_of_the_advertised_size_is_taken_and_one_octet_more_refused(
    protocol: str,
    dotted: bool,
    declared: bool,
    config: Config,
    store: Store,
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    smtp = config.inbound.smtp.model_copy(update={"protocol": protocol, "max_message_bytes": LIMIT})
    d = run_daemon(
        config.model_copy(update={"inbound": config.inbound.model_copy(update={"smtp": smtp})}),
        roles=("smtp",),
    )
    under, exact, over = (message(LIMIT + n, dotted) for n in (-1, 0, 1))
    assert [len(m) for m in (under, exact, over)] == [LIMIT - 1, LIMIT, LIMIT + 1]
    if dotted:
        assert len(stuffed(exact)) > LIMIT + 500  # the dots would push it far over
    with Dialogue(d.port) as s:
        assert s.reply().startswith(b"220")
        s.send(b"LHLO client.test\r\n" if protocol == "lmtp" else b"EHLO client.test\r\n")
        ehlo = []
        while not ehlo or ehlo[-1][3:4] == b"-":
            ehlo.append(s.file.readline())
        assert b"250-SIZE %d\r\n" % LIMIT in ehlo
        assert transaction(s, under, declared).startswith(b"250 2.0.0")
        assert transaction(s, exact, declared).startswith(b"250 2.0.0")
        refused = transaction(s, over, declared)
        assert refused.startswith(b"552"), refused
        assert s.say(b"NOOP").startswith(b"250")
    with store.read() as session:
        stored = [bytes(r.raw) for r in session.query(InboxRow).order_by(InboxRow.id)]
    assert stored == [under, exact]


def message_near_the_limit(limit: int) -> tuple[bytes, dict[str, bytes]]:
    """Text, HTML, two large attachments in base64 and a log as text whose lines start
    with a dot (each sent with one more), less than 64 KiB under ``limit``.  The message
    and its files by name (the log with LF line ends)."""
    rnd = random.Random(18)
    binary = {
        "report.pdf": b"%PDF-1.7\n" + rnd.randbytes(limit // 3 * 57 // 78),
        "screenshot.png": b"\x89PNG\r\n\x1a\n" + rnd.randbytes(limit // 3 * 57 // 78),
    }

    def build(lines: int) -> tuple[bytes, dict[str, bytes]]:
        msg = EmailMessage(policy=SMTP)
        msg["From"] = "Jo Client <jo@client.test>"
        msg["To"] = "support@helpdesk.test"
        msg["Subject"] = "The export, with the logs"
        msg["Message-ID"] = "<near-the-limit@client.test>"
        msg.set_content("Hello,\n\nthe export is attached.\n\nJo\n")
        msg.add_alternative("<p>Hello,</p><p>the export is attached.</p><p>Jo</p>", "html")
        msg.add_attachment(binary["report.pdf"], "application", "pdf", filename="report.pdf")
        msg.add_attachment(binary["screenshot.png"], "image", "png", filename="screenshot.png")
        log = "".join(f".{i:07d} ok\n" for i in range(lines))
        msg.add_attachment(log, filename="server.log")
        return msg.as_bytes(), {**binary, "server.log": log.encode()}

    empty, _files = build(0)
    return build((limit - 32 * 1024 - len(empty)) // 13)  # 12 octets a line, and a CR


def test_a_message_near_the_limit_reaches_its_ticket_whole(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    """Through the listener, the writer and a processing worker, which stream it and hold
    one copy of a part at a time: the message is stored byte for byte and every attachment
    is on its ticket whole."""
    limit = config.inbound.smtp.max_message_bytes
    raw, files = message_near_the_limit(limit)
    assert limit - 64 * 1024 < len(raw) <= limit
    d = run_daemon(config, roles=("smtp", "process"))
    with smtplib.SMTP("127.0.0.1", d.port, timeout=120) as c:
        assert not c.sendmail("jo@client.test", ["support@helpdesk.test"], raw)

    def processed() -> InboxRow | None:
        with store.read() as session:
            row = session.scalars(select(InboxRow)).one_or_none()
            return row if row is not None and row.state != InboxState.RECEIVED else None

    row = wait_for(processed, timeout=300, what="the message processed")
    assert row.state == InboxState.PROCESSED
    assert bytes(row.raw) == raw
    with store.read() as session:
        message = session.scalars(select(Message).where(Message.inbox_id == row.id)).one()
        assert message.ticket_id == row.ticket_id
        stored = {
            a.filename: bytes(session.get_one(Blob, a.sha256).data) for a in message.attachments
        }
    stored["server.log"] = stored["server.log"].replace(b"\r\n", b"\n")
    assert {name: hashlib.sha256(data).hexdigest() for name, data in stored.items()} == {
        name: hashlib.sha256(data).hexdigest() for name, data in files.items()
    }
