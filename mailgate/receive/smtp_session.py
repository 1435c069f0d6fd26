"""One SMTP or LMTP session: aiosmtpd's protocol as mailgate hardens it.

What a session reads and how it answers, whatever the handler does with a message:
MAIL and RCPT addresses parsed on a fast path, DATA read in blocks (only CR LF "." CR LF
ends it), command lines ended by CR LF only, a command-line limit of its own, a bound on
the commands sent without mail, one TLS negotiation at most, and no AUTH.  However a
session ends — a command, a timeout, a reset, a failed handshake — its
``connection_lost`` runs once, when its socket is closed: :mod:`mailgate.receive.smtp`,
which serves these sessions on a listening socket, counts its connections there.
"""

from __future__ import annotations

import asyncio
import io
import logging
import re
import ssl
from asyncio import sslproto
from typing import Any, cast

from aiosmtpd.lmtp import LMTP
from aiosmtpd.smtp import SMTP, TLSSetupException, syntax
from aiosmtpd.smtp import Session as SmtpSession

from mailgate.config import SmtpInboundConfig
from mailgate.errors import BareLineEnding, TooManyCommands
from mailgate.receive import smtp_replies as replies

log = logging.getLogger(__name__)


def peer_name(session: SmtpSession) -> str:
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
_DOT_STUFFED = re.compile(rb"\r\n\.")


async def smtp_DATA(self: SMTP, arg: str) -> None:
    """aiosmtpd's DATA with the message read in blocks instead of line by line.

    aiosmtpd reads DATA one line at a time, with a handful of Python steps per line: nine
    tenths of the CPU it spends on a 20 KiB message.  Here the stream is searched for the
    end of data, CR LF "." CR LF, and nothing else ends it (a bare LF before or after the
    dot does not: RFC 5321 §4.1.1.4, and the "SMTP smuggling" sequences).  The rest is
    aiosmtpd's behaviour, checked against it by a test: a leading dot is removed from
    every line (§4.5.2), a message over the size limit is read to its end and answered
    552, one with a line over the line limit 500, and the handler's DATA hook gives the
    answer.  One difference: the size is the message's as RFC 1870 §3 defines it and as
    EHLO's SIZE announces it — CR LF pairs included, the final "." CR LF and the dots
    added for transparency not — where aiosmtpd counts those dots too.

    Each block is judged and its dots removed as it arrives (:class:`_Data`): the message
    is held once, not as blocks, their join and the copies a substitution makes — six
    times its size at once for a message at the 25 MiB limit."""
    if await self.check_helo_needed():
        return
    if await self.check_auth_needed("DATA"):
        return
    assert self.envelope is not None
    if not self.envelope.rcpt_tos:
        await self.push(replies.NEED_RCPT)
        return
    if arg:
        await self.push(replies.DATA_SYNTAX)
        return
    await self.push(replies.START_DATA)
    # The whole of DATA gets data_timeout; the idle timeout is for commands.
    self._reset_timeout(getattr(self, "data_timeout", None))
    reader = self._reader
    # The CR LF that ended the DATA command may be the one before the final dot (an
    # empty message): put it back in front so that one search finds every ending.
    reader._buffer[0:0] = b"\r\n"  # type: ignore[attr-defined]  # StreamReader's bytearray
    limit = self.data_size_limit or 0
    max_line = self.line_length_limit
    data = _Data(limit, max_line)
    while True:
        try:
            block = await reader.readuntil(_END_OF_DATA)
        except asyncio.LimitOverrunError as e:
            block = await reader.read(e.consumed)
        last = block.endswith(_END_OF_DATA)
        data.add(block, last)
        if limit and data.size > limit + max_line + 5:
            # Far over the limit: which limit came first is known now (if no complete line
            # shows it, the line still being read is the long one); keep nothing more.
            data.refuse(replies.LINE_TOO_LONG)
        if last:
            break
    self._reset_timeout()
    if data.problem is not None:
        await self.push(data.problem)
        self._set_post_data_state()  # type: ignore[no-untyped-call]
        return
    content = data.message()
    self.envelope.content = content
    self.envelope.original_content = content
    del content
    try:
        status = await self._call_handler_hook("DATA")
    finally:
        # An exception in the hook is answered by handle_exception; the next
        # transaction starts clean all the same.
        self._set_post_data_state()  # type: ignore[no-untyped-call]
    await self.push(status)


class _Data:
    """DATA as it arrives, block by block (from the CR LF put back in front to the final
    "." CR LF): the message without the dots of transparency, kept once, and the first
    limit it goes over, judged as aiosmtpd judges it reading line by line — 552 when the
    size first exceeds the limit, 500 when a line first exceeds the line limit.

    A line's length is as sent (RFC 5321 §4.5.3.1.6 counts the dot of transparency), its
    share of the size without that dot (RFC 1870 §3); a line is judged once its CR LF is
    read.  Once a limit is exceeded nothing more is kept."""

    def __init__(self, limit: int, max_line: int) -> None:
        self.limit = limit
        self.max_line = max_line
        self.problem: str | None = None
        # What is read, without the CR LF put back and the dots of transparency: every
        # CR LF "." is one (the end of data's too, so the message is ``size - 2`` octets
        # once the end is read).  ``_tail``, the last two octets read, finds those split
        # between two blocks.
        self.size = -2
        self._tail = b""
        # What is kept: the first block's part as it is (most messages are one block),
        # then every part in a buffer that becomes the message's bytes without a copy.
        self._first: bytes | None = None
        self._kept: io.BytesIO | None = None
        # The CR LF put back in front, which the message leaves out: still to skip (as
        # kept, and as judged).
        self._skip = 2
        self._judge_skip = 2
        # The line being read, and the size of the lines read before it (for the limits).
        self._line = b""
        self._lines_size = 0

    def add(self, block: bytes, last: bool) -> None:
        """A block read; ``last``: it ends with the final "." CR LF."""
        if self.problem is not None:
            return
        # The dots a CR LF within the block puts at the start of a line are removed in
        # one pass that counts them (no copy when there is none).
        data, dots = _DOT_STUFFED.subn(b"\r\n", block)
        split = (self._tail + block[:2]).count(b"\r\n.")
        self.size += len(block) - dots - split
        self._judge(block, len(block) - 3 if last else len(block), last)
        if self.problem is not None:
            self._first = self._kept = None
            return
        view = memoryview(data)
        start = 0
        if self._skip:
            start = min(self._skip, len(data))
            self._skip -= start
        elif split and data.startswith(b"."):  # the tail was CR LF
            start = 1
        elif split:  # the tail ended with a CR, the block starts with LF "."
            self._write(view[:1])
            start = 2
        # The final "." CR LF, its dot gone (the CR LF before it is the message's).
        self._write(view[start : len(data) - 2 if last else len(data)])
        self._tail = (self._tail + block[-2:])[-2:]

    def refuse(self, problem: str) -> None:
        """A limit is known to be exceeded: ``problem``, unless one came before it."""
        if self.problem is None:
            self.problem = problem
            self._first = self._kept = None

    def message(self) -> bytes:
        """The message read (once: the bytes are handed over, not copied)."""
        first, kept = self._first, self._kept
        self._first = self._kept = None
        if kept is not None:
            return kept.getvalue()
        return first or b""

    def _write(self, piece: memoryview) -> None:
        if not piece:
            return
        if self._kept is not None:
            self._kept.write(piece)
        elif self._first is None:
            self._first = piece.tobytes()
        else:
            self._kept = io.BytesIO()
            self._kept.write(self._first)
            self._kept.write(piece)
            self._first = None

    def _judge(self, block: bytes, end: int, last: bool) -> None:
        """Judge the lines ``block[:end]`` completes (after the CR LF put back)."""
        start = 0
        if self._judge_skip:
            start = min(self._judge_skip, end)
            self._judge_skip -= start
        text = block
        if self._line:
            text = self._line + memoryview(block)[start:end]
            start, end = 0, len(text)
        # The complete lines: up to the last CR LF.
        found = text.rfind(b"\r\n", start, end)
        complete = found + 2 if found >= 0 else start
        line = text[complete:end]
        if complete > start:
            # The size of the lines read: what is read, less the line being read (and,
            # at the end, the final "." CR LF).
            size = self.size - len(line) + line.startswith(b".") - 2 * last
            if (not self.limit or size <= self.limit) and self._lines_fit(text, start, complete):
                self._lines_size = size  # the common case: no line judged alone
            else:
                lines = text[start:complete].split(b"\r\n")[:-1]
                self.problem = self._first_problem(lines)
                if self.problem is not None:
                    return
        self._line = line
        if len(line) > self.max_line + 1:
            # Over the line limit whatever ends it (the last octet may be its CR):
            # refused once it ends, and nothing before it was.
            self.problem = replies.LINE_TOO_LONG

    def _lines_fit(self, text: bytes, start: int, end: int) -> bool:
        """Whether every line of ``text[start:end]`` (lines ended by CR LF) fits the line
        limit with its CR LF: searched a line's length ahead at a time, not line by line."""
        longest = self.max_line - 2
        while end - start > longest + 2:
            # The last line end within a longest line's reach of ``start``: the lines up
            # to it fit; none, and the line at ``start`` does not.
            found = text.rfind(b"\r\n", start, start + longest + 2)
            if found < 0:
                return False
            start = found + 2
        return True

    def _first_problem(self, lines: list[bytes]) -> str | None:
        for line in lines:
            if len(line) > self.max_line:  # aiosmtpd's stream limit trips before it counts
                return replies.LINE_TOO_LONG
            self._lines_size += len(line) + 2 - line.startswith(b".")
            if self.limit and self._lines_size > self.limit:
                return replies.TOO_MUCH_DATA
            if len(line) + 2 > self.max_line:
                return replies.LINE_TOO_LONG
        return None


class _CommandLineReader(asyncio.StreamReader):
    """The session's stream, refusing command lines not ended by CR LF, and counting them.

    aiosmtpd reads a command up to LF and strips any CR before it, so ``MAIL FROM:<a>\\n``
    and ``…\\r…\\r\\n`` would pass; RFC 5321 §2.3.8 allows CR and LF only as a pair, and
    an MTA that reads the same bytes otherwise sees other commands (SMTP smuggling).
    DATA is read with its own separator and is not concerned.

    Every command line read — known, unknown, malformed or too long — uses one of
    ``commands_left``, which the session gives back for an accepted RCPT and fills again
    for each accepted message (see :meth:`HardenedSMTP._call_handler_hook`)."""

    _overrun = False  # the next line is the end of one over the line limit
    commands_left: int | None = None  # None: not counted

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
        elif separator == b"\n" and (not line.endswith(b"\r\n") or b"\r" in line[:-2]):
            raise BareLineEnding
        if separator == b"\n" and self.commands_left is not None:
            self.commands_left -= 1
            if self.commands_left < 0:
                raise TooManyCommands
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


class _TlsLayer(sslproto.SSLProtocol):
    """TLS under a session after STARTTLS, on the session's socket.

    asyncio's TLS layer tells the session that the connection ended only when the
    handshake had completed: a client that asks for STARTTLS and then says nothing,
    stops halfway through the handshake or resets would leave its session waiting for
    ever, its connection counted.  This one always tells it (once more when asyncio did
    too: the session takes the first)."""

    def __init__(
        self, session: HardenedSMTP, context: ssl.SSLContext, waiter: asyncio.Future[None]
    ) -> None:
        super().__init__(session.loop, session, context, waiter, server_side=True)
        self._session = session

    def connection_lost(self, exc: BaseException | None) -> None:
        super().connection_lost(exc)
        self._session.loop.call_soon(self._session.connection_lost, exc)


class HardenedSMTP(SMTP):
    """What mailgate changes in aiosmtpd's session besides DATA: CR LF-only command
    lines, its own command-line limit, a bound on commands without mail, STARTTLS once,
    timeouts that close the socket itself, and no AUTH at all."""

    max_command_line = 512
    data_timeout = 600.0
    max_commands_per_message = 100

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
        self._ended = False

    def _cb_client_connected(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        reader.__class__ = _CommandLineReader
        cast(_CommandLineReader, reader).commands_left = self.max_commands_per_message
        super()._cb_client_connected(reader, writer)

    def connection_lost(self, error: BaseException | None) -> None:
        # Called by the socket's end — through the TLS layer after STARTTLS — and by
        # aiosmtpd itself after a failed handshake: the first call is the end.
        if self._ended:
            return
        self._ended = True
        super().connection_lost(error)  # type: ignore[arg-type]

    def _timeout_cb(self) -> None:
        if self._ended:
            return
        assert self.session is not None
        log.info("%s: timed out, closing", peer_name(self.session))
        self.close_now()

    def close_now(self) -> None:
        """Close the socket at once: a client that does not read what is left to write,
        or never answers the closing of TLS, would otherwise keep it open (a timeout,
        a shutdown)."""
        raw = self._original_transport or self.transport
        if raw is not None:
            cast(asyncio.Transport, raw).abort()

    async def _call_handler_hook(self, command: str, *args: Any) -> Any:
        status = await super()._call_handler_hook(command, *args)
        if isinstance(status, str) and status.startswith("250") and command in ("RCPT", "DATA"):
            # What carries mail does not use up the commands a session may send: an
            # accepted recipient gives its command back, an accepted message all of them.
            reader = cast(_CommandLineReader, self._reader)
            if reader.commands_left is not None:
                full = self.max_commands_per_message
                reader.commands_left = full if command == "DATA" else reader.commands_left + 1
        return status

    @syntax("STARTTLS", when="tls_context")
    async def smtp_STARTTLS(self, arg: str) -> None:
        """aiosmtpd's STARTTLS, on :class:`_TlsLayer`, and only once."""
        if self._tls_protocol is not None:
            # RFC 3207 §4.2: a client MUST NOT start TLS again in a session.
            await self.push(replies.TLS_ACTIVE)
            return
        if arg:
            await self.push(replies.STARTTLS_SYNTAX)
            return
        if not self.tls_context:
            await self.push(replies.TLS_UNAVAILABLE)
            return
        await self.push(replies.TLS_READY)
        waiter: asyncio.Future[None] = self.loop.create_future()
        self._tls_protocol = _TlsLayer(self, self.tls_context, waiter)
        raw = cast(asyncio.Transport, self.transport)
        self._original_transport = raw
        raw.set_protocol(self._tls_protocol)
        self.transport = self._tls_protocol._app_transport
        self._tls_protocol.connection_made(raw)
        try:
            await waiter
        except asyncio.CancelledError:
            raise
        except Exception as error:
            raise TLSSetupException() from error

    async def handle_exception(self, error: Exception) -> str:
        assert self.session is not None
        if isinstance(error, BareLineEnding):
            # As Postfix's smtpd_forbid_bare_newline: answer, then close, since what
            # follows cannot be read the way the client meant it.
            log.info("bare CR or LF in a command from %s: closing", peer_name(self.session))
            self._hang_up()
            return replies.BARE_LINE_ENDING
        if isinstance(error, TooManyCommands):
            # As Postfix's smtpd_junk_command_limit: NOOP, RSET, HELP, VRFY, refused
            # recipients… would otherwise keep a connection for ever.
            log.warning(
                "%s sent %d commands without a message: closing",
                peer_name(self.session),
                self.max_commands_per_message,
            )
            self._hang_up()
            return replies.TOO_MANY_COMMANDS
        if isinstance(error, TLSSetupException):
            # The client's failure, not mailgate's; aiosmtpd closes the connection
            # without an answer.
            cause = error.__cause__ or "the connection closed"
            log.info("TLS handshake with %s failed: %s", peer_name(self.session), cause)
            return ""
        status: str = await super().handle_exception(error)
        return status

    def _hang_up(self) -> None:
        """Close once the answer being given is written; read no command any more."""
        self._reader._buffer.clear()  # type: ignore[attr-defined]  # a bytearray
        self.loop.call_soon(self._close_transport)

    def _close_transport(self) -> None:
        if self.transport is not None:
            self.transport.close()
        if self._handler_coroutine is not None:
            self._handler_coroutine.cancel()


def protocol_class(cfg: SmtpInboundConfig) -> type[HardenedSMTP]:
    """aiosmtpd's protocol with mailgate's limits (the line-length limit above RFC 5321's
    1,000 octets, which real mail programs exceed and aiosmtpd would answer with a
    permanent 500), the address fast path, the block-wise DATA above, and
    :class:`HardenedSMTP`."""
    base: type[SMTP] = LMTP if cfg.protocol == "lmtp" else SMTP
    attrs: dict[str, Any] = {
        "line_length_limit": cfg.max_line_length,
        "max_command_line": cfg.max_command_line,
        "data_timeout": cfg.data_timeout,
        "max_commands_per_message": cfg.max_commands_per_message,
        "_getaddr": _getaddr,
        "smtp_DATA": smtp_DATA,
    }
    return cast(type[HardenedSMTP], type(f"Mailgate{base.__name__}", (HardenedSMTP, base), attrs))
