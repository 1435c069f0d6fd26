"""Transports: where complete outgoing messages go.

``file`` (the embedded default) writes each message as an ``.eml`` file under a name
derived from its outbox row, so delivering the same row twice after a crash rewrites the
same file instead of making a second one.  A batch's files are made durable together
(:meth:`FileTransport.flush`: each fsynced, then renamed into place, then the folder
fsynced) before their outcomes are recorded; no reader ever sees a file half written.

``smtp`` hands each message to a relay (the organisation's MTA, or a provider's
submission service) over one connection kept open while there is mail to send, with
the outbox row's envelope sender and recipients.  What the relay answers decides the
outcome, as an MTA's client decides it (RFC 5321 §4.2.1):

- a **4xx** reply, a timeout, a refused or reset connection, a name that does not
  resolve, a TLS handshake or certificate that fails: :class:`TemporaryFailure`, the
  message is tried again later;
- a **5xx** reply to MAIL, RCPT or the end of DATA: :class:`PermanentFailure` carrying
  the relay's code and text (``550 5.1.1 <x@y>: user unknown``);
- a failure of the *session* — connecting, the greeting, EHLO, STARTTLS, the login —
  is temporary whatever its code (:class:`SessionFailure`): it is the relay's or the
  configuration's problem, not the message's, and every message waiting would meet it
  (Postfix does the same with a refused login: ``smtp_sasl_auth_soft_bounce``).

Some recipients refused, others accepted: the message is delivered — the relay has
taken responsibility for it — and counts as sent, with the refused recipients and the
relay's answers recorded beside it (:attr:`Delivered.refused`), where ``mailgate
ticket`` shows them.  Retrying would send it again to those who already have it.  All
recipients refused: permanent if every refusal was permanent, temporary if any was
temporary (a later attempt is that recipient's only chance; the others are refused
again and cost nothing).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from mailgate.config import OutboundConfig
from mailgate.errors import PermanentFailure, SessionFailure, TemporaryFailure

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivered:
    """Where a message went: a file, or the relay and its answer."""

    where: str
    # Recipients the relay refused while accepting the others, with its answers.
    refused: str | None = None


class Transport(Protocol):
    # Whether delivering the same message twice leaves one copy (a file rewritten):
    # then outcomes may be recorded per batch.  Otherwise (SMTP) each is recorded as
    # soon as it is known.
    idempotent: bool

    def deliver(
        self,
        outbox_id: int,
        sender: str,
        recipients: list[str],
        raw: bytes,
        before_final: Callable[[], None] | None = None,
    ) -> Delivered:
        """Deliver one message; return where it went.  Raises TemporaryFailure or
        PermanentFailure.

        ``before_final`` is called once, if the message gets that far, just before the
        step after which it may be delivered (SMTP: the dot that ends DATA).  The
        sender finishes recording the previous message there, so that no more than one
        message at a time can be delivered and not yet recorded."""
        ...

    def flush(self) -> None:
        """Make what was delivered since the last flush durable.  Raises
        TemporaryFailure."""
        ...

    def close(self) -> None:
        """Let go of connections; the transport may be used again afterwards."""
        ...


class FileTransport:
    idempotent = True

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)
        # Written since the last flush: (temporary file, final name).
        self._pending: list[tuple[Path, Path]] = []

    def deliver(
        self,
        outbox_id: int,
        sender: str,
        recipients: list[str],
        raw: bytes,
        before_final: Callable[[], None] | None = None,
    ) -> Delivered:
        """Write the message to a temporary file; :meth:`flush` makes it durable and
        gives it its name.  (An fsync per message, each waiting for the disk, took more
        time than the rest of sending put together.)"""
        final = self.directory / f"{outbox_id:08d}.eml"
        tmp = self.directory / f".{outbox_id:08d}.eml.tmp"
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(raw)
        except OSError as e:
            raise TemporaryFailure(f"cannot write to {self.directory}: {e.strerror}") from e
        self._pending.append((tmp, final))
        return Delivered(str(final))

    def flush(self) -> None:
        """Make the messages delivered since the last flush durable: each file fsynced
        (together, so that the file system can commit them in one journal
        transaction), renamed to its name, and the renames made durable with one fsync
        of the folder."""
        pending, self._pending = self._pending, []
        if not pending:
            return
        try:
            _fsync_all([tmp for tmp, _final in pending])
            for tmp, final in pending:
                os.replace(tmp, final)
            _fsync(self.directory)
        except OSError as e:
            raise TemporaryFailure(f"cannot sync {self.directory}: {e.strerror}") from e

    def close(self) -> None:
        """Nothing to let go of.  What was written and not flushed is a temporary file
        that no flush of this instance will rename; a file left so, or by a crash, is
        written again when its message is sent again."""


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_all(paths: list[Path]) -> None:
    """fsync the files, a few at a time: fsyncs issued together share the file
    system's journal commits instead of waiting for one each."""
    if len(paths) == 1:
        _fsync(paths[0])
        return
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(min(8, len(paths)), thread_name_prefix="mailgate-fsync") as pool:
        for _ in pool.map(_fsync, paths):
            pass


def _answer(code: int, text: bytes | str) -> str:
    """``550 5.1.1 <x@y>: user unknown``: the relay's code and text on one line."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    return f"{code} {' '.join(text.split())}".strip()


def _failure(code: int, text: bytes | str, stage: str) -> TemporaryFailure | PermanentFailure:
    message = f"{_answer(code, text)} (relay's answer to {stage})"
    return PermanentFailure(message) if 500 <= code < 600 else TemporaryFailure(message)


class _Dropped(Exception):
    """The relay closed a reused connection before it accepted anything of the
    message: safe to send it again on a new connection at once."""


class SmtpTransport:
    """One SMTP connection to the relay, opened when there is mail and kept for the
    messages that follow; a connection the relay dropped meanwhile is opened again."""

    idempotent = False

    def __init__(self, config: OutboundConfig) -> None:
        self.config = config
        self.host = config.host
        self.port = config.effective_port
        self.relay = f"{self.host}:{self.port}"
        # Computed once: getfqdn() may ask the resolver.
        self.helo = config.helo_name or socket.getfqdn()
        self._tls: ssl.SSLContext | None = None
        if config.security != "none":
            self._tls = ssl.create_default_context(cafile=config.ca_file)
        self._conn: smtplib.SMTP | None = None
        self.sessions = 0  # connections opened, for the logs and the tests

    # -- the session ----------------------------------------------------------------------

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        stage = "connect"
        conn: smtplib.SMTP | None = None
        try:
            if c.security == "ssl":
                conn = smtplib.SMTP_SSL(
                    self.host,
                    self.port,
                    local_hostname=self.helo,
                    timeout=c.timeout,
                    context=self._tls,
                )
            else:
                conn = smtplib.SMTP(
                    self.host, self.port, local_hostname=self.helo, timeout=c.timeout
                )
            if conn.sock is not None:
                # The final dot goes out on its own, after the sender's record of the
                # previous message (see deliver): Nagle's algorithm would hold it back
                # until the relay's delayed ACK, some 40 ms per message.
                conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            stage = "EHLO"
            conn.ehlo_or_helo_if_needed()
            if c.security == "starttls":
                stage = "STARTTLS"
                if not conn.has_extn("starttls"):
                    raise SessionFailure(f"relay {self.relay} does not offer STARTTLS")
                conn.starttls(context=self._tls)
                conn.ehlo()
            if c.username:
                stage = "AUTH"
                assert c.password is not None
                conn.login(c.username, c.password)
        except SessionFailure:
            _quietly_close(conn)
            raise
        except smtplib.SMTPAuthenticationError as e:
            _quietly_close(conn)
            raise SessionFailure(
                f"relay {self.relay} refused the login of {c.username}: "
                f"{_answer(e.smtp_code, e.smtp_error)}"
            ) from None
        except smtplib.SMTPResponseException as e:
            _quietly_close(conn)
            raise SessionFailure(
                f"relay {self.relay} refused the session at {stage}: "
                f"{_answer(e.smtp_code, e.smtp_error)}"
            ) from None
        except (smtplib.SMTPException, OSError) as e:
            _quietly_close(conn)
            raise SessionFailure(f"relay {self.relay}: {_network_error(e, stage)}") from None
        self.sessions += 1
        log.debug("connected to relay %s (session %d)", self.relay, self.sessions)
        return conn

    def close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.quit()
            except (smtplib.SMTPException, OSError):
                conn.close()

    def _drop(self) -> None:
        conn, self._conn = self._conn, None
        _quietly_close(conn)

    # -- one message ----------------------------------------------------------------------

    def deliver(
        self,
        outbox_id: int,
        sender: str,
        recipients: list[str],
        raw: bytes,
        before_final: Callable[[], None] | None = None,
    ) -> Delivered:
        if not recipients:
            raise PermanentFailure("no recipients")
        if self._conn is not None:
            try:
                return self._transaction(
                    self._conn, sender, recipients, raw, before_final, reused=True
                )
            except _Dropped:
                log.debug("relay %s closed the connection; connecting again", self.relay)
                self._drop()
        self._conn = self._connect()
        return self._transaction(self._conn, sender, recipients, raw, before_final, reused=False)

    def _transaction(
        self,
        conn: smtplib.SMTP,
        sender: str,
        recipients: list[str],
        raw: bytes,
        before_final: Callable[[], None] | None,
        *,
        reused: bool,
    ) -> Delivered:
        options = self._mail_options(conn, sender, recipients, raw)
        stage = "MAIL FROM"
        try:
            code, text = conn.mail(sender, options)
            if code == 421 and reused:
                # "Service closing": many relays end a long session this way.
                raise _Dropped
            if code != 250:
                self._reset(conn, code)
                raise _failure(code, text, "MAIL FROM")
            refused: dict[str, tuple[int, bytes]] = {}
            stage = "RCPT TO"
            for rcpt in recipients:
                code, text = conn.rcpt(rcpt)
                if code not in (250, 251):
                    refused[rcpt] = (code, text)
                if code == 421:
                    break
            if code == 421:
                self._drop()
                raise TemporaryFailure(f"{_answer(code, text)} (relay's answer to RCPT TO)")
            if len(refused) == len(recipients):
                self._reset(conn, code)
                raise self._all_refused(refused)
            stage = "DATA"
            code, text = conn.docmd("DATA")
            if code != 354:
                self._reset(conn, code)
                raise _failure(code, text, "DATA")
            conn.send(_dot_stuffed(raw))
            stage = "the end of DATA"
            if before_final is not None:
                try:
                    before_final()
                except BaseException:
                    # The relay discards a message whose final dot never came.
                    self._drop()
                    raise
            conn.send(b".\r\n")
            code, text = conn.getreply()
        except smtplib.SMTPServerDisconnected as e:
            self._drop()
            if reused and stage == "MAIL FROM":
                raise _Dropped from e
            raise TemporaryFailure(f"relay {self.relay}: {_network_error(e, stage)}") from None
        except (smtplib.SMTPException, OSError) as e:
            self._drop()
            if reused and stage == "MAIL FROM" and not isinstance(e, TimeoutError):
                raise _Dropped from e
            raise TemporaryFailure(f"relay {self.relay}: {_network_error(e, stage)}") from None
        if code != 250:
            self._reset(conn, code)
            raise _failure(code, text, "the end of DATA")
        where = f"smtp {self.relay}: {_answer(code, text)}"
        note = None
        if refused:
            note = "refused by the relay: " + "; ".join(
                f"{r}: {_answer(c, t)}" for r, (c, t) in refused.items()
            )
        return Delivered(where, note)

    def _mail_options(
        self, conn: smtplib.SMTP, sender: str, recipients: list[str], raw: bytes
    ) -> list[str]:
        options: list[str] = []
        if conn.has_extn("size"):
            options.append(f"SIZE={len(raw)}")
        if not raw.isascii() and conn.has_extn("8bitmime"):
            options.append("BODY=8BITMIME")
        if not (sender.isascii() and all(r.isascii() for r in recipients)):
            # RFC 6531: internationalized addresses need SMTPUTF8 end to end.
            if not conn.has_extn("smtputf8"):
                raise PermanentFailure(
                    f"relay {self.relay} does not offer SMTPUTF8, which the address "
                    f"{next(a for a in (sender, *recipients) if not a.isascii())} needs"
                )
            options.append("SMTPUTF8")
        return options

    def _reset(self, conn: smtplib.SMTP, code: int) -> None:
        """End a failed transaction so the connection can carry the next message
        (RSET); a relay that said 421 is closing it."""
        if code == 421:
            self._drop()
            return
        try:
            conn.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()

    @staticmethod
    def _all_refused(refused: dict[str, tuple[int, bytes]]) -> TemporaryFailure | PermanentFailure:
        answers = "; ".join(f"{r}: {_answer(c, t)}" for r, (c, t) in refused.items())
        temporary = any(c < 500 for c, _t in refused.values())
        if len(refused) == 1:
            [(code, text)] = refused.values()
            return _failure(code, text, "RCPT TO")
        if temporary:
            return TemporaryFailure(f"every recipient refused: {answers}")
        return PermanentFailure(f"every recipient refused: {answers}")

    def flush(self) -> None:
        return None


_LINE_START_DOT = re.compile(rb"^\.", re.MULTILINE)


def _dot_stuffed(raw: bytes) -> bytes:
    """The message as DATA carries it (RFC 5321 §4.5.2), without the final dot."""
    data = _LINE_START_DOT.sub(b"..", raw)
    return data if data.endswith(b"\r\n") else data + b"\r\n"


def _quietly_close(conn: smtplib.SMTP | None) -> None:
    if conn is not None:
        with contextlib.suppress(OSError):
            conn.close()


def _network_error(e: BaseException, stage: str) -> str:
    """What went wrong below SMTP, in the words an admin looks for."""
    if isinstance(e, socket.gaierror):
        return f"cannot resolve the host name ({e.strerror})"
    if isinstance(e, ssl.SSLCertVerificationError):
        return f"TLS: the relay's certificate was not accepted ({e.verify_message})"
    if isinstance(e, ssl.SSLError):
        return f"TLS failed during {stage}: {e.reason or e}"
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    # smtplib reports a timeout while reading a reply as a disconnection.
    if isinstance(e, TimeoutError) or isinstance(e.__context__, TimeoutError):
        return f"no answer during {stage} (timeout)"
    if isinstance(e, smtplib.SMTPServerDisconnected):
        return f"the relay closed the connection during {stage}"
    if isinstance(e, smtplib.SMTPNotSupportedError):
        return f"{stage}: {e}"
    if isinstance(e, OSError) and e.strerror:
        return f"{e.strerror} during {stage}"
    return f"{type(e).__name__} during {stage}: {e}"


def make_transport(config: OutboundConfig) -> Transport:
    if config.transport == "smtp":
        return SmtpTransport(config)
    return FileTransport(config.directory)
