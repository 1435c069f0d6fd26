"""mailgate's block-wise DATA reader answers and stores exactly what aiosmtpd's
line-by-line reader does, byte for byte, on hostile input too — but for one thing:
aiosmtpd counts the dots of transparency in a message's size, which RFC 1870 §3 does not
(tests/test_smtp_size.py).  Data where that changes the answer is not compared."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from aiosmtpd.smtp import SMTP
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mailgate.receive import smtp_replies as replies
from mailgate.receive.smtp_session import smtp_DATA


class Capture:
    def __init__(self) -> None:
        self.contents: list[bytes] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.contents.append(envelope.original_content)
        return "250 OK"


class Pair:
    """aiosmtpd as shipped and aiosmtpd with mailgate's DATA, on one event loop."""

    def __init__(self, size_limit: int, line_limit: int) -> None:
        self.loop = asyncio.new_event_loop()
        self.captures = {"stock": Capture(), "mailgate": Capture()}
        attrs = {"line_length_limit": line_limit}
        self.classes = {
            "stock": type("Stock", (SMTP,), dict(attrs)),
            "mailgate": type("Ours", (SMTP,), {**attrs, "smtp_DATA": smtp_DATA}),
        }
        self.size_limit = size_limit
        self.ports: dict[str, int] = {}
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        for name in self.classes:
            self.ports[name] = asyncio.run_coroutine_threadsafe(
                self._serve(name), self.loop
            ).result(10)

    async def _serve(self, name: str) -> int:
        klass, capture = self.classes[name], self.captures[name]
        server = await self.loop.create_server(
            lambda: klass(
                capture,
                hostname="test",
                ident="test",
                data_size_limit=self.size_limit,
                decode_data=False,
            ),
            "127.0.0.1",
            0,
        )
        return int(server.sockets[0].getsockname()[1])

    def transcript(self, name: str, data: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", self.ports[name]), timeout=10) as s:
            s.sendall(
                b"HELO client\r\nMAIL FROM:<a@b.c>\r\nRCPT TO:<d@e.f>\r\nDATA\r\n"
                + data
                + b"\r\n.\r\nNOOP\r\nQUIT\r\n"
            )
            out = b""
            while chunk := s.recv(65536):
                out += chunk
        return out

    def close(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)


@pytest.fixture(scope="module")
def pair() -> Iterator[Pair]:
    p = Pair(size_limit=300, line_limit=80)
    yield p
    p.close()


def comparable(pair: Pair, data: bytes) -> bool:
    """Whether aiosmtpd's size is the message's: no line that starts with a dot comes
    before the end of data, or the data is under the limit whichever way it is counted."""
    sent = (b"\r\n" + data + b"\r\n.\r\n").partition(b"\r\n.\r\n")[0]
    return b"\r\n." not in sent or len(sent) <= pair.size_limit


def same(pair: Pair, data: bytes) -> None:
    before = {n: len(c.contents) for n, c in pair.captures.items()}
    stock = pair.transcript("stock", data)
    ours = pair.transcript("mailgate", data)
    assert ours == stock, data
    got = {n: c.contents[before[n] :] for n, c in pair.captures.items()}
    assert got["mailgate"] == got["stock"], data


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello",
        b".leading dot",
        b"..two dots",
        b"a\r\n.\r\nb",  # an end of data inside: the rest is commands
        b"a\n.\r\nb",  # bare LF before the dot: not an end (smuggling)
        b"a\r\n.\nb",  # bare LF after the dot
        b"a\r.\r\nb",  # bare CR before the dot
        b"a\n.\nb",
        b"line\r\n" * 10,
        b"x" * 100,  # a line over the line limit: 500
        b"y" * 60 + b"\r\n" + b"z" * 70,
        b"short\r\n" * 50,  # over the size limit: 552
        b"\r\n\r\n.\r\n\r\n",
        b"\x00\xff binary \r\n.. \r\n",
        b"x" * 100 + b"\r\n" + b"short\r\n" * 200,  # a long line, then far over the size
        b"short\r\n" * 200,
        b"s\r\n" * 50 + b"g" * 2000,  # one endless line: far over before it ends
        *(b"s\r\n" * 97 + b"w" * n for n in (77, 78, 79, 80, 81)),  # at both limits at once
        *(b"w" * n + b"\r\n" + b"s\r\n" * 100 for n in (78, 79, 80, 81)),
        # A message (the data and its last CR LF) of 299, 300 and 301 octets.
        *((b"x" * 70 + b"\r\n") * 4 + b"y" * n for n in (9, 10, 11)),
        *((b"x" * 70 + b"\r\n") * 4 + b"y" * n + b"\r\n" for n in (7, 8, 9)),
    ],
)
def test_known_sequences(pair: Pair, data: bytes) -> None:
    assert comparable(pair, data)
    same(pair, data)


_TOKENS = st.sampled_from(
    [b"a", b"bc", b".", b"..", b"\r\n", b"\n", b"\r", b" ", b"x" * 30, b"\r\n.", b".\r\n", b"\xe9"]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(_TOKENS, max_size=40).map(b"".join))
def test_any_stream(pair: Pair, data: bytes) -> None:
    assume(comparable(pair, data))
    same(pair, data)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from([b"", b"", b".", b".."]), st.integers(0, 40)),
        min_size=1,
        max_size=40,
    )
)
def test_size_is_the_message_without_the_dots_of_transparency(
    pair: Pair, lines: list[tuple[bytes, int]]
) -> None:
    """RFC 1870 §3, against blocks that split the dots of transparency anywhere (the
    stream is read in blocks of at most the line limit, 80 octets here)."""
    message = b"".join(dots + b"z" * n + b"\r\n" for dots, n in lines)
    sent = b"".join(
        (b"." if line.startswith(b".") else b"") + line
        for line in message.splitlines(keepends=True)
    )
    before = len(pair.captures["mailgate"].contents)
    out = pair.transcript("mailgate", sent[:-2])  # the transcript adds CR LF "." CR LF
    answer = out.partition(replies.START_DATA.encode() + b"\r\n")[2].partition(b"\r\n")[0]
    if len(message) <= pair.size_limit:
        assert answer == b"250 OK", (len(message), answer)
        assert pair.captures["mailgate"].contents[before:] == [message]
    else:
        assert answer == replies.TOO_MUCH_DATA.encode(), (len(message), answer)
