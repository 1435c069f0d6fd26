"""SMTP in tests, both ways: relays on loopback ports standing in for the organisation's
MTA (``Relay`` scripts refusals, ``RelayHandler`` keeps or forwards what it is given), and
a client speaking to the daemon's listener byte by byte (``Dialogue``, ``greeting``)."""

from __future__ import annotations

import re
import socket
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from typing import Any, cast

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from tests.support.environment import free_port


@dataclass(frozen=True)
class Received:
    mail_from: str
    rcpt_tos: tuple[str, ...]
    content: bytes
    peer: Any


class Relay:
    """An aiosmtpd server standing in for the organisation's MTA.  ``rcpt_replies`` and
    ``data_replies`` script refusals; anything unscripted is accepted and captured."""

    def __init__(self, port: int | None = None, **smtp: Any) -> None:
        self.port = port or free_port()
        self.smtp = smtp
        self.received: list[Received] = []
        self.rcpt_replies: dict[str, list[str]] = {}
        self.data_replies: list[str] = []
        self.on_data: Callable[[bytes], None] | None = None
        self.controller: Controller | None = None

    def start(self) -> Relay:
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port, **self.smtp)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        script = self.rcpt_replies.get(address)
        if script:
            reply = script.pop(0)
            if not reply.startswith("250"):
                return reply
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 Ok"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.on_data is not None:
            self.on_data(envelope.content)
        if self.data_replies:
            reply = self.data_replies.pop(0)
            if not reply.startswith("250"):
                return reply
        self.received.append(
            Received(envelope.mail_from, tuple(envelope.rcpt_tos), envelope.content, session.peer)
        )
        return f"250 2.0.0 Ok: queued as Q{len(self.received)}"

    def message_ids(self) -> Counter[str]:
        found = Counter[str]()
        for r in self.received:
            m = re.search(rb"^Message-ID:\s*<([^>]+)>", r.content, re.MULTILINE | re.IGNORECASE)
            assert m is not None
            found[m.group(1).decode()] += 1
        return found


@dataclass
class Captured:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return cast(EmailMessage, message_from_bytes(self.data, policy=default_policy))


@dataclass
class RelayHandler:
    """A relay that keeps what it is given; ``forward`` passes each message on."""

    received: list[Captured] = field(default_factory=list)
    forward: Callable[[Captured], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or b""
        got = Captured(str(envelope.mail_from), list(envelope.rcpt_tos), data)
        with self.lock:
            self.received.append(got)
        if self.forward is not None:
            self.forward(got)
        return "250 2.0.0 Ok: queued"


def start_relay(handler: RelayHandler, port: int | None = None) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=port or free_port())
    controller.start()
    return controller


@contextmanager
def running_relay() -> Iterator[tuple[RelayHandler, int]]:
    """A ``RelayHandler`` listening on a free loopback port, and that port; stopped after."""
    handler = RelayHandler()
    controller = start_relay(handler)
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def greeting(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\r\n"):
        chunk = sock.recv(1024)
        if not chunk:
            break
        data += chunk
    return data


class Dialogue:
    """An SMTP or LMTP session spoken byte by byte (smtplib hides what is tested here)."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        self.file = self.sock.makefile("rb")

    def __enter__(self) -> Dialogue:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()
        self.sock.close()

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def reply(self) -> bytes:
        """One reply; the last line of a multi-line one."""
        line = self.file.readline()
        while line[3:4] == b"-":
            line = self.file.readline()
        return line

    def say(self, line: bytes) -> bytes:
        self.send(line + b"\r\n")
        return self.reply()
