"""Parsing limits: a message over one is stored and quarantined with the reason, never
processed half-read; parsing one message is bounded in CPU time."""

from __future__ import annotations

import json
import re
import smtplib
import time
from collections.abc import Callable
from email.message import Message
from email.parser import BytesParser
from pathlib import Path

import pytest

from mailgate.config import config_from_toml
from mailgate.parse import ParseOptions, parse_message
from mailgate.parse.nesting import nested_deeper_than
from mailgate.parse.reader import RAW_POLICY
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import InboxRow, OutboxRow, Ticket
from mailgate.timebox import ParseTimeLimit, cpu_time_limit
from tests.support.cli import run_cli
from tests.support.config import make_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build, nested
from tests.support.store import inbox_row, receive
from tests.support.waiting import wait_for

DATA = Path(__file__).parent.parent / "data"


HEADER = "From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: deep\r\n"


def nested_tight(depth: int, eol: str = "\r\n") -> bytes:
    """Multiparts nested ``depth`` deep with no blank line after their headers (the
    parser ends a header at the first line that is no header field), lines ended by
    ``eol``."""
    head = "".join(
        f"Content-Type: multipart/mixed; boundary=b{i}{eol}--b{i}{eol}" for i in range(depth)
    )
    return (HEADER.replace("\r\n", eol) + head + f"{eol}the bottom{eol}").encode()


def nested_messages(depth: int) -> bytes:
    """Messages attached inside messages (``message/rfc822``), ``depth`` deep."""
    inner = "".join(
        f"Content-Type: message/rfc822\r\n\r\nFrom: x{i}@client.test\r\n" for i in range(depth)
    )
    return (HEADER + "MIME-Version: 1.0\r\n" + inner + "\r\nthe bottom\r\n").encode()


def nested_digests(depth: int) -> bytes:
    """Digests whose parts, messages by default, are digests again."""
    inner = "".join(
        f"Content-Type: multipart/digest; boundary=d{i}\r\n\r\n--d{i}\r\n\r\n"
        f"From: x{i}@client.test\r\n"
        for i in range(depth)
    )
    return (HEADER + inner + "\r\nthe bottom\r\n").encode()


def many_parts(n: int) -> bytes:
    parts = "".join(f"--sep\r\nContent-Type: text/plain\r\n\r\npart {i}\r\n" for i in range(n))
    return (
        "From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: wide\r\n"
        f"Message-ID: <wide{n}@client.test>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=sep\r\n\r\n" + parts + "--sep--\r\n"
    ).encode()


def big_header(n_bytes: int) -> bytes:
    filler = "".join(f"X-Filler-{i}: {'y' * 90}\r\n" for i in range(n_bytes // 100 + 1))
    return (
        "From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: tall\r\n"
        f"Message-ID: <tall@client.test>\r\n{filler}\r\nhello\r\n"
    ).encode()


def open_with(tmp_path: Path, processing: str = "") -> tuple[str, Store, Processor]:
    """A configuration with these ``[processing]`` keys, its store and a processor."""
    text = make_toml(tmp_path).replace("[processing]\n", f"[processing]\n{processing}\n")
    config = config_from_toml(text, "<test>")
    store = Store(config.database)
    upgrade(store)
    return text, store, Processor(config, store)


@pytest.fixture
def setup(tmp_path: Path) -> tuple[str, Store, Processor]:
    return open_with(tmp_path)


@pytest.mark.parametrize(
    ("name", "raw", "reason"),
    [
        ("nesting bomb, 60 levels", nested(60), "nested deeper than 20"),
        ("part-count bomb, 600 parts", many_parts(600), "more than 500 MIME parts"),
        ("header block of 150 KiB", big_header(150 * 1024), "header block of"),
    ],
)
def test_a_message_over_a_parsing_limit_is_stored_and_quarantined(
    setup: tuple[str, Store, Processor], name: str, raw: bytes, reason: str
) -> None:
    _text, store, processor = setup
    inbox_id = receive(store, raw, "jo@client.test")
    result = processor.drain()
    assert result.quarantined == 1, name
    row = inbox_row(store, inbox_id)
    assert row.state == "quarantined"
    assert row.error is not None
    assert "over a parsing limit" in row.error
    assert reason in row.error
    assert row.raw == raw  # kept whole for a person
    with store.read() as s:
        assert s.query(Ticket).count() == 0  # not half-processed onto a ticket
        assert s.query(OutboxRow).count() == 0  # and nobody answered


@pytest.mark.parametrize(
    "raw", [nested(15), many_parts(400), big_header(60 * 1024)], ids=["depth", "parts", "header"]
)
def test_a_message_within_the_limits_is_processed(
    setup: tuple[str, Store, Processor], raw: bytes
) -> None:
    _text, store, processor = setup
    inbox_id = receive(store, raw, "jo@client.test")
    assert processor.drain().processed == 1
    assert inbox_row(store, inbox_id).ticket_id == 1


# Past a thousand levels the standard library's parser runs out of stack: these were
# read as one opaque body and became ordinary tickets.
DEEP = {
    "multiparts, 1,000 levels": nested(1_000),
    "multiparts, 10,000 levels": nested(10_000),
    "multiparts without blank lines, 1,000 levels": nested_tight(1_000),
    "multiparts, lines ended by CR alone, 1,000 levels": nested_tight(1_000, "\r"),
    "attached messages, 1,000 levels": nested_messages(1_000),
    "attached messages, 10,000 levels": nested_messages(10_000),
    "digests, 1,000 levels": nested_digests(1_000),
}


@pytest.mark.parametrize("name", list(DEEP))
def test_a_message_nested_a_thousand_levels_and_more_is_quarantined_over_the_depth_limit(
    setup: tuple[str, Store, Processor], name: str
) -> None:
    _text, store, processor = setup
    raw = DEEP[name]
    inbox_id = receive(store, raw, "jo@client.test")
    result = processor.drain()
    assert result.quarantined == 1, name
    row = inbox_row(store, inbox_id)
    assert row.state == "quarantined"
    assert "nested deeper than 20" in (row.error or ""), row.error
    assert row.raw == raw
    with store.read() as s:
        assert s.query(Ticket).count() == 0
        assert s.query(OutboxRow).count() == 0


@pytest.mark.parametrize(
    "raw",
    [nested_tight(20), nested_messages(20), nested_digests(10)],
    ids=["multiparts", "messages", "digests"],
)
def test_twenty_levels_of_each_kind_are_read(
    setup: tuple[str, Store, Processor], raw: bytes
) -> None:
    _text, store, processor = setup
    inbox_id = receive(store, raw, "jo@client.test")
    assert processor.drain().processed == 1
    assert inbox_row(store, inbox_id).ticket_id == 1


def test_ten_thousand_levels_sent_to_the_daemon_are_quarantined(
    tmp_path: Path, run_daemon: Callable[..., RunningDaemon]
) -> None:
    """Over SMTP to ``mailgate run``'s listener; its processing workers quarantine it."""
    config = config_from_toml(make_toml(tmp_path), "<test>")
    daemon = run_daemon(config, ("smtp", "process"))
    raw = nested(10_000)
    with smtplib.SMTP("127.0.0.1", daemon.port, timeout=30) as smtp:
        smtp.sendmail("jo@client.test", ["support@helpdesk.test"], raw)
    store = Store(config.database)
    try:

        def quarantined() -> InboxRow | None:
            with store.read() as s:
                row = s.query(InboxRow).one_or_none()
                return row if row is not None and row.state == "quarantined" else None

        row = wait_for(quarantined, 60, "the message quarantined")
        assert "nested deeper than 20" in (row.error or "")
        with store.read() as s:
            assert s.query(Ticket).count() == 0
    finally:
        store.dispose()


def test_limits_are_configured(tmp_path: Path) -> None:
    _text, store, processor = open_with(tmp_path, "max_mime_depth = 5\nmax_mime_parts = 50")
    first = receive(store, nested(8), "jo@client.test")
    second = receive(store, many_parts(60), "jo@client.test")
    processor.drain()
    assert "nested deeper than 5" in (inbox_row(store, first).error or "")
    assert "more than 50 MIME parts" in (inbox_row(store, second).error or "")


def test_parse_json_names_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "bomb.eml"
    path.write_bytes(many_parts(600))
    done = run_cli(make_toml(tmp_path), tmp_path, "parse", str(path), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["over_limit"] == "more than 500 MIME parts; the rest not read"
    assert parse_message(nested(3), ParseOptions()).over_limit is None


def test_parsing_is_bounded_in_cpu_time(tmp_path: Path) -> None:
    """A message that takes longer than parse_time_limit to read is quarantined."""
    text, store, processor = open_with(tmp_path, 'parse_time_limit = "20ms"')
    # 4 MB of HTML in deep lists and tables: seconds of work for the HTML-to-text path.
    cell = "<table><tr><td><ul><li><b>x</b> <a href='cid:a'>y</a></li></ul></td></tr></table>"
    html = "<html><body>" + cell * 50_000 + "</body></html>"
    raw = build(html=html, body="", message_id="slow@client.test")
    inbox_id = receive(store, raw, "jo@client.test")
    assert processor.drain().quarantined == 1
    row = inbox_row(store, inbox_id)
    assert row.error is not None
    assert "CPU time" in row.error
    assert "processing.parse_time_limit" in row.error
    done = run_cli(text, tmp_path, "quarantine")
    assert done.returncode == 0, done.stderr
    [row] = [line for line in done.stdout.splitlines() if line.split()[:1] == [str(inbox_id)]]
    assert "parse_time_limit" in row


def test_the_cpu_bound_stops_a_runaway_regular_expression() -> None:
    evil = re.compile(r"^(a+)+$")
    started = time.process_time()
    with pytest.raises(ParseTimeLimit), cpu_time_limit(0.2):
        evil.match("a" * 40 + "b")
    assert time.process_time() - started < 5
    # The timer is gone afterwards: the same work outside the block is not interrupted.
    with cpu_time_limit(5):
        assert evil.match("a" * 10 + "b") is None


def _depth(msg: Message, depth: int = 0, counted: bool = True) -> int:
    """The depth of the deepest part the walk reads (a delivery-status block is none)."""
    deepest = depth if counted else -1
    payload = msg.get_payload()
    if isinstance(payload, list):
        report = msg.get_content_type() == "message/delivery-status"
        for child in payload:
            deepest = max(deepest, _depth(child, depth + 1, not report))
    return deepest


@pytest.mark.parametrize("depth", [1, 5, 20, 21, 40])
def test_the_depth_measured_before_parsing_is_the_parsers(depth: int) -> None:
    """The measure and the parser agree on every form of nesting, and on the mail the
    tests keep: a message is over the limit exactly when the parsed tree is deeper."""
    samples = [
        nested(depth),
        nested_tight(depth),
        nested_tight(depth, "\r"),
        nested_tight(depth, "\n"),
        nested_messages(depth),
        nested_digests(depth),
        *(p.read_bytes() for p in sorted(DATA.rglob("*.eml"))),
    ]
    for raw in samples:
        deepest = _depth(BytesParser(policy=RAW_POLICY).parsebytes(raw))
        assert not nested_deeper_than(raw, deepest, RAW_POLICY)
        if deepest > 0:
            assert nested_deeper_than(raw, deepest - 1, RAW_POLICY)
