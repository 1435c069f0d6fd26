"""The SMTP and LMTP listener (aiosmtpd).

A thin edge: RCPT is checked against the departments' addresses (``550 5.1.1`` for any
other), DATA is handed to the inbox's group-commit writer, and the answer is ``250`` only
after the commit.  When the database cannot commit, the answer is ``451 4.3.0`` and the
client keeps the message and tries again; an unexpected error answers the same, without
internal details.  LMTP (RFC 2033) answers DATA once per accepted recipient.

The limits of ``[inbound.smtp]`` are applied here, before any 250: message and header
size, line and command length, recipients, idle and DATA timeouts, connections overall
and per client address (``421 4.7.0`` past them).  Only CR LF ends a command line and
only CR LF "." CR LF ends DATA; there is no AUTH (the session's part of this is in
:mod:`mailgate.receive.smtp_session`).  docs/security.md lists what was tried.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import socket
import ssl
from typing import Any

from aiosmtpd.smtp import SMTP
from aiosmtpd.smtp import Envelope as SmtpEnvelope
from aiosmtpd.smtp import Session as SmtpSession

from mailgate.config import Config, SmtpInboundConfig
from mailgate.envelope import Envelope, reverse_path
from mailgate.errors import NotStored
from mailgate.inbox.writer import InboxWriter
from mailgate.printable import one_line
from mailgate.receive import smtp_replies as replies
from mailgate.receive.smtp_session import HardenedSMTP, peer_name, protocol_class

log = logging.getLogger(__name__)


class InboxHandler:
    def __init__(self, config: Config, writer: InboxWriter) -> None:
        self.config = config
        self.smtp = config.inbound.smtp
        self.writer = writer

    async def handle_RCPT(
        self,
        server: SMTP,
        session: SmtpSession,
        envelope: SmtpEnvelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if len(envelope.rcpt_tos) >= self.smtp.max_recipients:
            return replies.TOO_MANY_RECIPIENTS
        if self.config.department_for(address) is None:
            log.info("refused recipient %s from %s", address, peer_name(session))
            return replies.NO_SUCH_MAILBOX.format(address=one_line(address))
        envelope.rcpt_tos.append(address)
        return replies.ACCEPTED_RECIPIENT

    async def handle_EHLO(
        self,
        server: SMTP,
        session: SmtpSession,
        envelope: SmtpEnvelope,
        hostname: str,
        responses: list[str],
    ) -> list[str]:
        """mailgate has no AUTH: aiosmtpd would list its built-in mechanisms after
        STARTTLS, so the line is taken out (and the command is unknown, see
        :class:`_Hardened`)."""
        session.host_name = hostname
        return [r for r in responses if not r[4:].upper().startswith("AUTH")]

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: SmtpEnvelope) -> str:
        raw = envelope.original_content or b""
        peer = peer_name(session)
        if _header_block_size(raw) > self.smtp.max_header_bytes:
            log.info("refused a header block over max_header_bytes from %s", peer)
            return self._per_recipient(envelope, replies.HEADER_TOO_LARGE)
        env = Envelope(
            source=self.smtp.protocol,
            sender=reverse_path(envelope.mail_from) or "",
            recipients=tuple(envelope.rcpt_tos),
            source_ref=peer,
        )
        try:
            stored = await self.writer.submit(env, raw)
        except NotStored as e:
            log.error("answered 451 to %s: %s", peer, e)
            return self._per_recipient(envelope, replies.TRY_AGAIN)
        log.info(
            "inbox %d: %s from %s",
            stored.inbox_id,
            "duplicate received" if stored.duplicate else "received",
            peer,
            extra={"inbox": stored.inbox_id},
        )
        answer = replies.DUPLICATE if stored.duplicate else replies.QUEUED
        return self._per_recipient(envelope, answer.format(inbox_id=stored.inbox_id))

    def _per_recipient(self, envelope: SmtpEnvelope, status: str) -> str:
        if self.smtp.protocol == "lmtp":
            # RFC 2033 §4.2: one reply for each successful RCPT, in order.
            return "\r\n".join(status for _ in envelope.rcpt_tos)
        return status

    async def handle_exception(self, error: Exception) -> str:
        # The client gets no exception text: it may name files, hosts or settings.
        log.error("SMTP session error: %s: %s", type(error).__name__, error)
        return replies.TRY_AGAIN


def _header_block_size(raw: bytes) -> int:
    """Octets before the empty line that ends the header (all of them when none does)."""
    end = raw.find(b"\r\n\r\n")
    if raw.startswith(b"\r\n"):
        return 0
    return len(raw) if end < 0 else end + 2


def tls_context(cfg: SmtpInboundConfig) -> ssl.SSLContext | None:
    """The server side of STARTTLS, when a certificate is configured."""
    if not cfg.tls_cert_file:
        return None
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cfg.tls_cert_file, cfg.tls_key_file)
    return ctx


class _Connections:
    """The connections a listener serves, overall and per client address.  A place is
    taken when a connection is accepted and given back when its socket is closed,
    whatever closed it: the session's ``connection_lost`` runs then, and only then (see
    :mod:`mailgate.receive.smtp_session`)."""

    def __init__(self) -> None:
        self.open: dict[HardenedSMTP, str] = {}
        self.per_client: collections.Counter[str] = collections.Counter()

    def take(self, session: HardenedSMTP, client: str, cfg: SmtpInboundConfig) -> str | None:
        """The 421 for a connection over a cap, or None: then its place is taken."""
        if len(self.open) >= cfg.max_connections:
            return replies.TOO_MANY_CONNECTIONS
        if self.per_client[client] >= cfg.max_connections_per_client:
            return replies.TOO_MANY_FROM_YOU
        self.open[session] = client
        self.per_client[client] += 1
        return None

    def give_back(self, session: HardenedSMTP) -> None:
        client = self.open.pop(session, None)
        if client is None:
            return
        self.per_client[client] -= 1
        if self.per_client[client] <= 0:
            del self.per_client[client]


class Listener:
    """One listening socket and the sessions it serves."""

    def __init__(self, config: Config, writer: InboxWriter) -> None:
        self.config = config
        self.cfg = config.inbound.smtp
        self.handler = InboxHandler(config, writer)
        self.server: asyncio.base_events.Server | None = None
        self._connections = _Connections()
        self._klass = protocol_class(self.cfg)
        self.hostname = self.cfg.hostname or socket.gethostname()
        self._tls = tls_context(self.cfg)

    def reconfigure(self, config: Config) -> None:
        """Serve new sessions with ``config`` (SIGHUP): recipients, limits, timeouts,
        the host name and the STARTTLS certificate, read again.  Sessions already open
        finish with the settings they started with; the listening socket stays (its
        address and protocol change at a restart)."""
        cfg = config.inbound.smtp.model_copy(
            update={"host": self.cfg.host, "port": self.cfg.port, "protocol": self.cfg.protocol}
        )
        tls = tls_context(cfg)  # first: a certificate that cannot be read changes nothing
        self.config, self.cfg, self._tls = config, cfg, tls
        self.handler = InboxHandler(config, self.handler.writer)
        self._klass = protocol_class(cfg)
        self.hostname = cfg.hostname or socket.gethostname()

    @property
    def connections(self) -> int:
        """The connections being served."""
        return len(self._connections.open)

    def _factory(self) -> SMTP:
        listener = self

        class Tracked(self._klass):  # type: ignore[misc,name-defined]
            _admitted = False
            _refused = False

            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                if not self._admitted:  # not the second call, after STARTTLS
                    client = _client_address(transport.get_extra_info("peername"))
                    refusal = listener._connections.take(self, client, listener.cfg)
                    if refusal is not None:
                        # Answered before aiosmtpd sees the connection: no session.
                        log.warning("%s for %s", refusal, client)
                        self._refused = True
                        assert isinstance(transport, asyncio.WriteTransport)
                        transport.write(refusal.encode() + b"\r\n")
                        transport.close()
                        return
                    self._admitted = True
                super().connection_made(transport)

            def connection_lost(self, exc: BaseException | None) -> None:
                if self._refused:
                    return
                listener._connections.give_back(self)
                super().connection_lost(exc)

            def eof_received(self) -> bool | None:
                if self._refused:
                    return False
                result: bool | None = super().eof_received()
                return result

        proto: SMTP = Tracked(
            self.handler,
            hostname=self.hostname,
            ident="mailgate",
            data_size_limit=self.cfg.max_message_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            timeout=self.cfg.timeout,
            tls_context=self._tls,
            auth_require_tls=True,
        )
        return proto

    async def start(self) -> None:
        loop = asyncio.get_running_loop()
        self.server = await loop.create_server(
            self._factory, host=self.cfg.host, port=self.cfg.port, reuse_address=True
        )
        log.info("%s listener on %s:%d", self.cfg.protocol.upper(), self.cfg.host, self.bound_port)

    @property
    def bound_port(self) -> int:
        assert self.server is not None
        return int(self.server.sockets[0].getsockname()[1])

    async def stop(self, grace: float) -> None:
        """Stop accepting; let sessions finish what they are sending for up to ``grace``
        seconds, then close them (a client without a 250 keeps its message)."""
        if self.server is None:
            return
        self.server.close()
        deadline = asyncio.get_running_loop().time() + grace
        while self._connections.open and asyncio.get_running_loop().time() < deadline:
            busy = [s for s in self._connections.open if _in_transaction(s)]
            if not busy:
                break
            await asyncio.sleep(0.05)
        for s in list(self._connections.open):
            if s.transport is not None:
                s.transport.close()  # what is written is sent; TLS says goodbye
        await self._closed(1.0)
        # A client that reads nothing, or never answers TLS's goodbye, is cut off.
        for s in list(self._connections.open):
            s.close_now()
        await self._closed(1.0)
        await self.server.wait_closed()
        self.server = None

    async def _closed(self, timeout: float) -> None:
        """Until every connection is closed, for at most ``timeout`` seconds."""
        end = asyncio.get_running_loop().time() + timeout
        while self._connections.open and asyncio.get_running_loop().time() < end:
            await asyncio.sleep(0.01)


def _client_address(peer: Any) -> str:
    if isinstance(peer, tuple) and peer:
        return str(peer[0])
    return str(peer)


def _in_transaction(s: SMTP) -> bool:
    env = getattr(s, "envelope", None)
    return bool(env is not None and (env.mail_from or env.rcpt_tos))
