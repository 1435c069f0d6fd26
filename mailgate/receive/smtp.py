"""The SMTP and LMTP listener (aiosmtpd).

A thin edge: RCPT is checked against the departments' addresses (``550 5.1.1`` for any
other), DATA is handed to the inbox's group-commit writer, and the answer is ``250`` only
after the commit.  When the database cannot commit, the answer is ``451 4.3.0`` and the
client keeps the message and tries again; an unexpected error answers the same, without
internal details.  LMTP (RFC 2033) answers DATA once per accepted recipient.

The limits of ``[inbound.smtp]`` are applied here, before any 250: message and header
size, line and command length, recipients, idle and DATA timeouts, connections overall
and per client address (``421 4.7.0`` past them).  Only CR LF ends a command line and
only CR LF "." CR LF ends DATA; there is no AUTH.  docs/security.md lists what was tried.
"""

from __future__ import annotations

import asyncio
import collections
import logging
import re
import socket
import ssl
from typing import Any

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP
from aiosmtpd.smtp import Envelope as SmtpEnvelope
from aiosmtpd.smtp import Session as SmtpSession

from mailgate.config import Config, SmtpInboundConfig
from mailgate.envelope import Envelope, reverse_path
from mailgate.inbox import NotStored
from mailgate.inbox.writer import InboxWriter

log = logging.getLogger(__name__)

TEMPFAIL = "451 4.3.0 Message not stored, please try again later"


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
            return "452 4.5.3 Too many recipients"
        if self.config.department_for(address) is None:
            log.info("refused recipient %s from %s", address, _peer(session))
            return f"550 5.1.1 <{address}>: no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

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
        if _header_block_size(raw) > self.smtp.max_header_bytes:
            log.info("refused a header block over max_header_bytes from %s", _peer(session))
            return self._per_recipient(envelope, "552 5.3.4 Message header block too large")
        protocol = self.smtp.protocol
        env = Envelope(
            source=protocol,
            sender=reverse_path(envelope.mail_from) or "",
            recipients=tuple(envelope.rcpt_tos),
            source_ref=_peer(session),
        )
        try:
            stored = await self.writer.submit(env, raw)
        except NotStored as e:
            log.error("answered 451 to %s: %s", _peer(session), e)
            return self._per_recipient(envelope, TEMPFAIL)
        what = "duplicate of" if stored.duplicate else "queued as"
        log.info(
            "inbox %d: %s from %s",
            stored.inbox_id,
            "duplicate received" if stored.duplicate else "received",
            _peer(session),
            extra={"inbox": stored.inbox_id},
        )
        return self._per_recipient(envelope, f"250 2.0.0 OK {what} {stored.inbox_id}")

    def _per_recipient(self, envelope: SmtpEnvelope, status: str) -> str:
        if self.smtp.protocol == "lmtp":
            # RFC 2033 §4.2: one reply for each successful RCPT, in order.
            return "\r\n".join(status for _ in envelope.rcpt_tos)
        return status

    async def handle_exception(self, error: Exception) -> str:
        # The client gets no exception text: it may name files, hosts or settings.
        log.error("SMTP session error: %s: %s", type(error).__name__, error)
        return "451 4.3.0 Temporary error, please try again later"


def _header_block_size(raw: bytes) -> int:
    """Octets before the empty line that ends the header (all of them when none does)."""
    end = raw.find(b"\r\n\r\n")
    if raw.startswith(b"\r\n"):
        return 0
    return len(raw) if end < 0 else end + 2


def _peer(session: SmtpSession) -> str:
    peer = session.peer
    if isinstance(peer, tuple) and len(peer) >= 2:
        return f"{peer[0]}:{peer[1]}"
    return str(peer)


# An address in angle brackets whose local part is a dot-atom and whose domain is a host
# name: what nearly every MAIL FROM and RCPT TO carries.
_DOT_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_PLAIN_PATH = re.compile(
    rf"\s*<({_DOT_ATOM}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*)>\s*(.*)\Z", re.DOTALL
)


def _getaddr(self: SMTP, arg: str) -> tuple[str | None, str | None]:
    """aiosmtpd's ``_getaddr`` with a fast path.  aiosmtpd parses every MAIL and RCPT
    address with the email package's RFC 5322 header parser (and defines a class on each
    call): a sixth of the CPU it spends on a message.  A plain ``<local@domain>`` is
    matched here with the same result; anything else still goes to aiosmtpd."""
    m = _PLAIN_PATH.match(arg)
    if m is None:
        try:
            return SMTP._getaddr(self, arg)
        except Exception:  # noqa: BLE001
            # The email package's parser trips over some malformed input ("<" raises
            # IndexError, ".@[" AttributeError): a syntax error for the client, not an
            # internal error.
            return None, None
    address = m.group(1)
    limit = self.local_part_limit
    if limit and len(address.rpartition("@")[0]) > limit:
        return None, None
    return address, m.group(2)


_END_OF_DATA = b"\r\n.\r\n"
_TOO_LONG = "500 Line too long (see RFC5321 4.5.3.1.6)"
_TOO_MUCH = "552 Error: Too much mail data"
_DOT_STUFFED = re.compile(rb"\r\n\.")


async def smtp_DATA(self: SMTP, arg: str) -> None:
    """aiosmtpd's DATA with the message read in blocks instead of line by line.

    aiosmtpd reads DATA one line at a time, with a handful of Python steps per line: nine
    tenths of the CPU it spends on a 20 KiB message.  Here the stream is searched for the
    end of data, CR LF "." CR LF, and nothing else ends it (a bare LF before or after the
    dot does not: RFC 5321 §4.1.1.4, and the "SMTP smuggling" sequences).  The rest is
    aiosmtpd's behaviour exactly, checked against it by a test: a leading dot is removed
    from every line (§4.5.2), a message over the size limit is read to its end and
    answered 552, one with a line over the line limit 500, and the handler's DATA hook
    gives the answer."""
    if await self.check_helo_needed():
        return
    if await self.check_auth_needed("DATA"):
        return
    assert self.envelope is not None
    if not self.envelope.rcpt_tos:
        await self.push("503 Error: need RCPT command")
        return
    if arg:
        await self.push("501 Syntax: DATA")
        return
    await self.push("354 End data with <CR><LF>.<CR><LF>")
    # The whole of DATA gets data_timeout; the idle timeout is for commands.
    self._reset_timeout(getattr(self, "data_timeout", None))
    reader = self._reader
    # The CR LF that ended the DATA command may be the one before the final dot (an
    # empty message): put it back in front so that one search finds every ending.
    reader._buffer[0:0] = b"\r\n"  # type: ignore[attr-defined]  # StreamReader's bytearray
    limit = self.data_size_limit or 0
    max_line = self.line_length_limit
    blocks: list[bytes] = []
    size = -2  # bytes of data: what is read, without the CR LF put back
    problem: str | None = None
    while True:
        try:
            block = await reader.readuntil(_END_OF_DATA)
        except asyncio.LimitOverrunError as e:
            block = await reader.read(e.consumed)
        size += len(block)
        blocks.append(block)
        if problem is None and limit and size > limit + max_line + 5:
            # Far over the limit: which limit came first is known now (if no complete line
            # shows it, the line still being read is the long one); keep nothing more.
            problem = _first_problem(b"".join(blocks), limit, max_line) or _TOO_LONG
        if problem is not None:
            blocks.clear()
        if block.endswith(_END_OF_DATA):
            break
    raw = b"".join(blocks)[:-3]  # from the leading CR LF to the last line's CR LF
    if problem is None and ((limit and size - 3 > limit) or len(raw) > max_line):
        problem = _first_problem(raw + b"\r\n", limit, max_line)
    self._reset_timeout()
    if problem is not None:
        await self.push(problem)
        self._set_post_data_state()  # type: ignore[no-untyped-call]
        return
    content = _DOT_STUFFED.sub(b"\r\n", raw)[2:]
    self.envelope.content = content
    self.envelope.original_content = content
    try:
        status = await self._call_handler_hook("DATA")
    finally:
        # An exception in the hook is answered by handle_exception; the next
        # transaction starts clean all the same.
        self._set_post_data_state()  # type: ignore[no-untyped-call]
    await self.push(status)


def _first_problem(data: bytes, limit: int, max_line: int) -> str | None:
    """What aiosmtpd answers when, reading line by line, the data first exceeds the size
    limit (552) or a line the line limit (500); None when neither happens.  ``data``
    starts with the CR LF put back; a line without its CR LF yet is not judged.  Runs only
    for data that is large or has long lines."""
    total = 0
    for line in data[2:].split(b"\r\n")[:-1]:
        if len(line) > max_line:  # aiosmtpd's stream limit trips before it counts the line
            return _TOO_LONG
        total += len(line) + 2
        if limit and total > limit:
            return _TOO_MUCH
        if len(line) + 2 > max_line:
            return _TOO_LONG
    return None


class BareLineEnding(Exception):
    """A command line ended by a bare LF, or holding a bare CR."""


class _CommandLineReader(asyncio.StreamReader):
    """The session's stream, refusing command lines not ended by CR LF.

    aiosmtpd reads a command up to LF and strips any CR before it, so ``MAIL FROM:<a>\\n``
    and ``…\\r…\\r\\n`` would pass; RFC 5321 §2.3.8 allows CR and LF only as a pair, and
    an MTA that reads the same bytes otherwise sees other commands (SMTP smuggling).
    DATA is read with its own separator and is not concerned."""

    _overrun = False  # the next line is the end of one over the line limit

    async def readuntil(self, separator: bytes = b"\n") -> bytes:  # type: ignore[override]
        try:
            line = await super().readuntil(separator)
        except asyncio.LimitOverrunError:
            self._overrun = True
            raise
        if self._overrun:
            # aiosmtpd reads an over-long line's start up to, without, the LF: the rest
            # may be a lone LF.  The line is answered 500 as too long.
            self._overrun = False
            return line
        if separator == b"\n" and (not line.endswith(b"\r\n") or b"\r" in line[:-2]):
            raise BareLineEnding
        return line


class _CommandSizeLimits(dict[str, int]):
    """One session's command-size limits.  At every EHLO (and LHLO) aiosmtpd raises
    MAIL's by 26 octets for SIZE= and 10 for SMTPUTF8: granted once here, where a client
    repeating EHLO would otherwise raise it without end."""

    _EHLO_ROOM = 26 + 10

    def __init__(self, limit: int) -> None:
        super().__init__()
        self.limit = limit

    def __missing__(self, command: str) -> int:
        return self.limit

    def __setitem__(self, command: str, value: int) -> None:
        super().__setitem__(command, min(value, self.limit + self._EHLO_ROOM))


class _Hardened(SMTP):
    """What mailgate changes in aiosmtpd's session besides DATA: CR LF-only command
    lines, its own command-line limit, and no AUTH at all."""

    max_command_line = 512
    data_timeout = 600.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # aiosmtpd keeps these limits in a dict shared by every session and defaults
        # them to its own 512: each session gets its own, from the configuration.
        self.command_size_limit = self.max_command_line
        self.command_size_limits = _CommandSizeLimits(self.max_command_line)
        # mailgate authenticates nobody: AUTH is an unknown command (aiosmtpd would offer
        # its PLAIN and LOGIN after STARTTLS).
        self._smtp_methods.pop("AUTH", None)
        self._auth_methods.clear()

    def _cb_client_connected(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        reader.__class__ = _CommandLineReader
        super()._cb_client_connected(reader, writer)

    async def handle_exception(self, error: Exception) -> str:
        if isinstance(error, BareLineEnding):
            # As Postfix's smtpd_forbid_bare_newline: answer, then close, since what
            # follows cannot be read the way the client meant it.
            assert self.session is not None
            log.info("bare CR or LF in a command from %s: closing", _peer(self.session))
            # Nothing already received is read as a command any more; the transport is
            # closed once the answer is written.
            self._reader._buffer.clear()  # type: ignore[attr-defined]  # a bytearray
            self.loop.call_soon(self._close_transport)
            return "521 5.5.2 Bare CR or LF in a command line; use CR LF"
        status: str = await super().handle_exception(error)
        return status

    def _close_transport(self) -> None:
        if self.transport is not None:
            self.transport.close()


def protocol_class(cfg: SmtpInboundConfig) -> type[SMTP]:
    """aiosmtpd's protocol with mailgate's limits (the line-length limit above RFC 5321's
    1,000 octets, which real mail programs exceed and aiosmtpd would answer with a
    permanent 500), the address fast path, the block-wise DATA above, and
    :class:`_Hardened`."""
    base: type[SMTP] = LMTP if cfg.protocol == "lmtp" else SMTP
    attrs: dict[str, Any] = {
        "line_length_limit": cfg.max_line_length,
        "max_command_line": cfg.max_command_line,
        "data_timeout": cfg.data_timeout,
        "_getaddr": _getaddr,
        "smtp_DATA": smtp_DATA,
    }
    return type(f"Mailgate{base.__name__}", (_Hardened, base), attrs)


def tls_context(cfg: SmtpInboundConfig) -> ssl.SSLContext | None:
    """The server side of STARTTLS, when a certificate is configured."""
    if not cfg.tls_cert_file:
        return None
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(cfg.tls_cert_file, cfg.tls_key_file)
    return ctx


TOO_MANY = "421 4.7.0 Too many connections, try again later"
TOO_MANY_FROM_YOU = "421 4.7.0 Too many connections from your address, try again later"


class Listener:
    """One listening socket and the sessions it serves."""

    def __init__(self, config: Config, writer: InboxWriter) -> None:
        self.config = config
        self.cfg = config.inbound.smtp
        self.handler = InboxHandler(config, writer)
        self.server: asyncio.base_events.Server | None = None
        self._sessions: set[SMTP] = set()
        self._per_client: collections.Counter[str] = collections.Counter()
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

    def _admit(self, client: str) -> str | None:
        """The 421 for a connection over a cap, or None to serve it."""
        if len(self._sessions) >= self.cfg.max_connections:
            return TOO_MANY
        if self._per_client[client] >= self.cfg.max_connections_per_client:
            return TOO_MANY_FROM_YOU
        return None

    def _factory(self) -> SMTP:
        listener = self

        class Tracked(self._klass):  # type: ignore[misc,name-defined]
            _client: str | None = None
            _refused = False

            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                if self._client is None:  # not the second call, after STARTTLS
                    client = _client_address(transport.get_extra_info("peername"))
                    refusal = listener._admit(client)
                    if refusal is not None:
                        # Answered before aiosmtpd sees the connection: no session.
                        log.warning("%s for %s", refusal, client)
                        self._refused = True
                        assert isinstance(transport, asyncio.WriteTransport)
                        transport.write(refusal.encode() + b"\r\n")
                        transport.close()
                        return
                    self._client = client
                    listener._sessions.add(self)
                    listener._per_client[client] += 1
                super().connection_made(transport)

            def connection_lost(self, exc: Exception | None) -> None:
                if self._refused:
                    return
                if self in listener._sessions:
                    listener._sessions.discard(self)
                    assert self._client is not None
                    listener._per_client[self._client] -= 1
                    if listener._per_client[self._client] <= 0:
                        del listener._per_client[self._client]
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
        while self._sessions and asyncio.get_running_loop().time() < deadline:
            busy = [s for s in self._sessions if _in_transaction(s)]
            if not busy:
                break
            await asyncio.sleep(0.05)
        for s in list(self._sessions):
            if s.transport is not None:
                s.transport.close()
        await self.server.wait_closed()
        self.server = None


def _client_address(peer: Any) -> str:
    if isinstance(peer, tuple) and peer:
        return str(peer[0])
    return str(peer)


def _in_transaction(s: SMTP) -> bool:
    env = getattr(s, "envelope", None)
    return bool(env is not None and (env.mail_from or env.rcpt_tos))
