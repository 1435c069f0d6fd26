"""Parsing limits: a message over one is stored and quarantined with the reason, never
processed half-read; parsing one message is bounded in CPU time."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from mailgate.config import config_from_toml
from mailgate.ops.timebox import ParseTimeLimit, cpu_time_limit
from mailgate.parse import ParseOptions, parse_message
from mailgate.pipeline import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import OutboxRow, Ticket
from tests.cli import run_cli
from tests.conftest import make_toml
from tests.mailfactory import build
from tests.safety.test_threading_policy import inbox_row, receive


def nested(depth: int) -> bytes:
    """A message whose multiparts are nested ``depth`` deep."""
    head = "".join(
        f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n" for i in range(depth)
    )
    tail = "".join(f"\r\n--b{i}--" for i in reversed(range(depth)))
    return (
        "From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: deep\r\n"
        "Message-ID: <deep@client.test>\r\nMIME-Version: 1.0\r\n"
        + head
        + "Content-Type: text/plain\r\n\r\nthe bottom\r\n"
        + tail
        + "\r\n"
    ).encode()


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
