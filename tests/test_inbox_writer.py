"""The inbox writer's own parts: how it reads the listener's requests."""

from __future__ import annotations

import pickle
import socket
import threading
from datetime import UTC, datetime

import pytest

from mailgate.envelope import Envelope
from mailgate.inbox import writer
from mailgate.inbox.commit import new_message, store_new_messages
from mailgate.inbox.writer import _HEADER, _Frames
from mailgate.store import inbox_rows
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow, InboxState


def _request(seq: int, fields: object, raw: bytes) -> bytes:
    payload = pickle.dumps(fields)
    return _HEADER.pack(len(payload), seq, len(raw)) + payload + raw


@pytest.mark.parametrize("chunk", [999, 4096, 1 << 20])
def test_requests_are_read_whole_whatever_the_pieces_they_arrive_in(chunk: int) -> None:
    # Small and large raw bytes (beyond the reused buffer), none, and fields too large
    # for the buffer: each request comes back as it was sent.
    big = bytes(range(256)) * (3 * writer._RECV // 256 + 3)
    requests = [
        (1, ("smtp", "a@client.test", ("support@helpdesk.test",), "127.0.0.1:1"), b"x" * 10),
        (2, ("smtp", "", ("support@helpdesk.test",), None), big),
        (3, ("lmtp", None, (), None), b""),
        (4, ("smtp", "b@client.test", ("r" * (2 * writer._RECV),), "peer"), b"tail\r\n"),
        (5, ("smtp", "c@client.test", ("support@helpdesk.test",), "p"), big[: writer._RECV - 5]),
    ]
    data = b"".join(_request(*r) for r in requests)
    ours, theirs = socket.socketpair()

    def send() -> None:
        with theirs:
            for i in range(0, len(data), chunk):
                theirs.sendall(data[i : i + chunk])

    sender = threading.Thread(target=send)
    sender.start()
    with ours:
        frames = _Frames(ours)
        got = [frames.next() for _ in requests]
        assert frames.next() is None  # the listener closed its end
    sender.join()
    assert got == requests


def test_a_request_cut_short_by_the_end_of_the_stream_is_not_returned() -> None:
    ours, theirs = socket.socketpair()
    with theirs:
        theirs.sendall(_request(1, ("smtp", "a@b.test", (), None), b"0123456789")[:-3])
    with ours:
        assert _Frames(ours).next() is None


def test_requests_sent_an_octet_at_a_time_are_read_whole() -> None:
    requests = [
        (n, ("smtp", f"{n}@client.test", ("support@helpdesk.test",), "peer"), b"m" * n)
        for n in range(1, 40)
    ]
    data = b"".join(_request(*r) for r in requests)
    ours, theirs = socket.socketpair()

    def send() -> None:
        with theirs:
            for i in range(len(data)):
                theirs.sendall(data[i : i + 1])

    sender = threading.Thread(target=send)
    sender.start()
    with ours:
        frames = _Frames(ours)
        got = [frames.next() for _ in requests]
    sender.join()
    assert got == requests


def test_the_sqlite_row_holds_each_column_in_its_place(store: Store) -> None:
    """The listener's SQLite insert passes a tuple, not a dict: each value must land in
    its column, read back through the ORM as the Core insert would have written it."""
    m = new_message(
        Envelope(source="smtp", sender="jo@client.test", recipients=("a@h.test",), source_ref="p"),
        b"Subject: x\r\nMessage-ID: <m@x>\r\n\r\nbody\r\n",
        notify=False,
    )
    (stored,) = store_new_messages(store, [m])
    with store.read() as s:
        row = s.get(InboxRow, stored.inbox_id)
        assert row is not None
        got = {c: getattr(row, c) for c in inbox_rows._COLUMNS if c != "received_at"}
        received_at = row.received_at
    assert got == {
        "source": "smtp",
        "source_ref": "p",
        "envelope_sender": "jo@client.test",
        "recipients": ["a@h.test"],
        "raw": m.raw,
        "size": len(m.raw),
        "sha256": m.sha256,
        "message_id": "m@x",
        "dedupe_key": m.dedupe_key,
        "state": InboxState.RECEIVED,
        "attempts": 0,
        "notify": False,
    }
    assert abs((datetime.now(UTC) - received_at).total_seconds()) < 3600


def test_the_received_state_of_the_rows_is_the_models() -> None:
    assert inbox_rows.RECEIVED == InboxState.RECEIVED
