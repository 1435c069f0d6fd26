"""Group commit for the listener, in a process of its own.

SMTP sessions hand their messages to :meth:`InboxWriter.submit`; a writer process commits
everything that is waiting in one transaction, then answers each session, which then, and
only then, says 250.  While a commit is under way new messages queue up and go together
in the next one, so many concurrent sessions cost little more than one commit per round.

The writer is a process, not a thread, because hashing, the insert and the fsync of a
commit are CPU work that, in the listener's process, would compete for the interpreter
lock with the event loop every client is waiting on.  Postfix separates smtpd from
cleanup for the same reason.  Listener and writer talk over a socket pair: a request is
``(sequence number, the envelope's fields, raw bytes)``, an answer ``(sequence number,
result)``.  The raw bytes follow their frame as they are, sent from the listener's copy
block by block and received by the writer into a buffer it uses again for every request,
then copied once into the bytes object it stores — a message larger than that buffer is
received straight into it: a message at the size limit is held once on each side, not
pickled into a frame and copied into buffers.

The writer says it is ready once it has loaded what it commits with, and
:meth:`InboxWriter.start` returns only then: the listener opens its port when messages
can be committed, rather than let the first sessions wait, their clients' timeouts
running, while a new process starts (seconds on a busy machine, after every restart).

If the writer dies, the sessions waiting on it answer 451 (their clients retry) and the
listener starts a new writer.  The writer ignores SIGTERM and SIGINT: it stops when the
listener closes the socket, after answering everything it read — or at once when the
daemon dies (:mod:`mailgate.lifeline`).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import multiprocessing
import pickle
import queue
import signal
import socket
import struct
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from multiprocessing import resource_tracker
from multiprocessing.context import SpawnProcess
from typing import Any

from sqlalchemy import Connection

from mailgate.config import DatabaseConfig
from mailgate.envelope import Envelope
from mailgate.errors import NotStored
from mailgate.inbox.commit import new_message
from mailgate.store.engine import Store, WritePriority
from mailgate.store.inbox_rows import NewMessage, StoreResult, insert_messages

log = logging.getLogger(__name__)

_DAEMON_SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT, signal.SIGHUP})

# The pickled part's length, the sequence number, the length of the raw bytes after it.
_HEADER = struct.Struct("!IQQ")
_BLOCK = 1 << 18  # the raw bytes are written this much at a time
_RECV = 1 << 18  # the writer's receiving buffer
_CTX = multiprocessing.get_context("spawn")
_MAX_BATCH = 256
_IDLE = 0.05  # seconds without mail after which the writer checkpoints
_READY = 0  # the sequence number of the writer's "ready" (messages count from 1)


def _frame(seq: int, obj: Any, raw_length: int = 0) -> bytes:
    """A frame without its raw bytes, which follow it."""
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(payload), seq, raw_length) + payload


# -- the writer process ------------------------------------------------------------------


class _Committer:
    """One connection kept open, one transaction per batch."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._conn: Connection | None = None
        self.commits = 0

    def commit(self, batch: Sequence[NewMessage]) -> list[StoreResult]:
        self.commits += 1
        try:
            if self._conn is None:
                self._conn = self.store.connect_for_writing()
            with self._conn.begin():
                return insert_messages(self._conn, batch)
        except Exception as e:
            self.close()  # a broken connection is not reused
            raise NotStored(f"{type(e).__name__}: {e}") from e

    def idle(self) -> None:
        """Nothing waits: time to checkpoint the WAL, off every client's path."""
        if self._conn is None or not self.commits:
            return
        self.commits = 0
        try:
            self.store.checkpoint(self._conn)
        except Exception as e:  # noqa: BLE001 - a checkpoint can wait for the next idle moment
            log.debug("checkpoint skipped: %s", e)
            self.close()

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None


def writer_main(
    database: DatabaseConfig,
    sock: socket.socket,
    log_level: str,
    log_format: str,
    priority: WritePriority | None = None,
) -> None:
    """The body of the writer process: a thread that receives and hashes messages, and
    this one, which commits whatever has been prepared while the last commit ran."""
    from mailgate.lifeline import bind_to_parent
    from mailgate.logs import setup_logging

    bind_to_parent("inbox writer")
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    setup_logging(log_level, log_format)
    # The committing thread must get the interpreter lock back the moment SQLite returns
    # it; the default 5 ms switch interval would let the receiving thread keep it.
    sys.setswitchinterval(0.0002)
    prepared: queue.SimpleQueue[tuple[int, NewMessage] | None] = queue.SimpleQueue()
    threading.Thread(target=_receive, args=(sock, prepared), name="receiver", daemon=True).start()
    store = Store(database, priority=replace(priority, urgent=True) if priority else None)
    committer = _Committer(store)
    sock.sendall(_frame(_READY, ("ready",)))
    batch_no = 0
    try:
        while True:
            try:
                first = prepared.get(timeout=_IDLE)
            except queue.Empty:
                committer.idle()
                continue
            if first is None:
                break
            items = [first]
            eof = False
            while len(items) < _MAX_BATCH:
                try:
                    item = prepared.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    eof = True
                    break
                items.append(item)
            batch_no += 1
            sock.sendall(_answer(committer, items, batch_no))
            if eof:
                break
    finally:
        committer.close()
        store.dispose()


def _receive(
    sock: socket.socket, prepared: queue.SimpleQueue[tuple[int, NewMessage] | None]
) -> None:
    frames = _Frames(sock)
    try:
        while (frame := frames.next()) is not None:
            seq, fields, raw = frame
            prepared.put((seq, new_message(Envelope(*fields), raw)))
    except OSError as e:
        log.error("inbox writer: %s", e)
    finally:
        prepared.put(None)


class _Frames:
    """The listener's requests, read from the socket into one buffer that is used again
    and again: a request's frame is read where it lies, and the raw bytes after it
    become a bytes object in one copy — received straight into it when they do not fit
    in the buffer (a large message)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buf = bytearray(_RECV)
        self._view = memoryview(self._buf)
        self._start = 0  # what is read and not used yet: _buf[_start:_end]
        self._end = 0

    def next(self) -> tuple[int, Any, bytes] | None:
        """The next request, or None when the listener has closed the socket."""
        if not self._fill(_HEADER.size):
            return None
        length, seq, raw_length = _HEADER.unpack_from(self._buf, self._start)
        if not self._fill(_HEADER.size + length):
            return None
        begin = self._start + _HEADER.size
        # Our own process on the other end of a socket pair: trusted.
        obj = pickle.loads(self._view[begin : begin + length])  # noqa: S301
        self._start = begin + length
        raw = self._raw(raw_length)
        return None if raw is None else (seq, obj, raw)

    def _fill(self, size: int) -> bool:
        """At least ``size`` octets read and not used; False at the end of the stream."""
        while self._end - self._start < size:
            if self._start + size > len(self._buf):
                self._make_room(size)
            n = self.sock.recv_into(self._view[self._end :])
            if not n:
                return False
            self._end += n
        return True

    def _make_room(self, size: int) -> None:
        """Move what is not used yet to the front, in a larger buffer if ``size`` octets
        would not fit."""
        kept = self._end - self._start
        if size > len(self._buf):
            buf = bytearray(max(size, 2 * len(self._buf)))
            buf[:kept] = self._view[self._start : self._end]
            self._view.release()
            self._buf, self._view = buf, memoryview(buf)
        else:
            # Through a copy: the two ranges of the one buffer may overlap.
            self._buf[:kept] = bytes(self._view[self._start : self._end])
        self._start, self._end = 0, kept

    def _raw(self, size: int) -> bytes | None:
        got = min(size, self._end - self._start)
        if got == size:  # all there: one copy
            raw = bytes(self._view[self._start : self._start + size])
            self._used(size)
            return raw
        out = io.BytesIO()
        out.seek(size - 1)
        out.write(b"\0")  # the whole size at once
        with out.getbuffer() as view:
            view[:got] = self._view[self._start : self._start + got]
            self._used(got)
            while got < size:
                n = self.sock.recv_into(view[got:], size - got)
                if not n:
                    return None
                got += n
        # The buffer itself, not a copy, now that no view of it is left.
        return out.getvalue()

    def _used(self, size: int) -> None:
        self._start += size
        if self._start == self._end:
            self._start = self._end = 0


def _take_frames(buf: bytearray) -> list[tuple[int, Any]]:
    """The complete frames (without raw bytes: the writer's answers) at the start of
    ``buf``, removed from it."""
    out = []
    pos = 0
    while len(buf) - pos >= _HEADER.size:
        length, seq, _raw_length = _HEADER.unpack_from(buf, pos)
        end = pos + _HEADER.size + length
        if len(buf) < end:
            break
        # Our own process on the other end of a socket pair: trusted.
        out.append((seq, pickle.loads(buf[pos + _HEADER.size : end])))  # noqa: S301
        pos = end
    del buf[:pos]
    return out


def _answer(committer: _Committer, items: list[tuple[int, NewMessage]], batch_no: int) -> bytes:
    t0 = time.perf_counter()
    try:
        results = committer.commit([m for _seq, m in items])
    except NotStored as e:
        log.error("inbox commit failed for %d message(s): %s", len(items), e)
        return b"".join(_frame(seq, ("error", str(e))) for seq, _m in items)
    log.debug("committed %d message(s) in %.1f ms", len(items), (time.perf_counter() - t0) * 1000)
    return b"".join(
        _frame(seq, ("ok", r.inbox_id, r.duplicate, batch_no))
        for (seq, _m), r in zip(items, results, strict=True)
    )


# -- the listener's side ------------------------------------------------------------------


class _Link(asyncio.Protocol):
    """The listener's end of the socket pair.  Answers are handled in ``data_received``
    itself, so a session waiting for its 250 is woken in the same turn of the event loop
    in which its answer arrives."""

    def __init__(
        self, on_answer: Callable[[int, tuple[Any, ...]], None], on_lost: Callable[[], None]
    ) -> None:
        self.on_answer = on_answer
        self.on_lost = on_lost
        self.transport: asyncio.Transport | None = None
        self._buf = bytearray()
        self._can_write = asyncio.Event()
        self._can_write.set()
        self._sending = asyncio.Lock()  # one request at a time: its blocks follow its frame

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self._buf += data
        for seq, answer in _take_frames(self._buf):
            self.on_answer(seq, answer)

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self._can_write.set()
        self.on_lost()

    def pause_writing(self) -> None:
        self._can_write.clear()

    def resume_writing(self) -> None:
        self._can_write.set()

    async def send(self, frame: bytes, raw: bytes = b"") -> None:
        """A frame and the raw bytes that follow it.  Large ones are written a block at a
        time, each when the socket has taken the last: the transport would copy whatever
        the socket cannot take at once into its buffer."""
        async with self._sending:
            if len(raw) <= _BLOCK:
                self._write(frame + raw)
            else:
                self._write(frame)
                view = memoryview(raw)
                for start in range(0, len(view), _BLOCK):
                    await self._can_write.wait()
                    self._write(view[start : start + _BLOCK])
            await self._can_write.wait()

    def _write(self, data: bytes | memoryview) -> None:
        if self.transport is None or self.transport.is_closing():
            raise ConnectionError("the inbox writer is gone")
        self.transport.write(data)


class InboxWriter:
    """The listener's handle on the writer process."""

    def __init__(
        self,
        store: Store,
        *,
        log_level: str = "info",
        log_format: str = "plain",
        on_commit: Callable[[StoreResult], None] | None = None,
        priority: WritePriority | None = None,
    ) -> None:
        self.database = store.config
        self.priority = priority
        self.log_level = log_level
        self.log_format = log_format
        self.on_commit = on_commit
        self.batches = 0
        self.committed = 0
        self._proc: SpawnProcess | None = None
        self._link: _Link | None = None
        self._pending: dict[int, asyncio.Future[StoreResult]] = {}
        self._seq = 0
        self._last_batch = 0
        self._stopping = False
        self._restarts = 0
        self._ready = asyncio.Event()

    @property
    def ready(self) -> bool:
        """Whether the writer process has started and can commit."""
        return self.running and self._ready.is_set()

    async def start(self) -> None:
        parent, child = socket.socketpair()
        self._proc = _CTX.Process(
            target=writer_main,
            name="mailgate-inbox-writer",
            args=(self.database, child, self.log_level, self.log_format, self.priority),
        )
        # Started with SIGTERM, SIGINT and SIGHUP blocked (it ignores them once running):
        # a Ctrl-C to the process group must not kill it while it imports — at the start
        # and at every restart after a crash.
        # multiprocessing's resource tracker, were it started by this first child,
        # would unblock SIGINT and SIGTERM behind it: started before.
        resource_tracker.ensure_running()
        before = signal.pthread_sigmask(signal.SIG_BLOCK, _DAEMON_SIGNALS)
        try:
            self._proc.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
        child.close()
        self._ready = asyncio.Event()
        loop = asyncio.get_running_loop()
        _transport, self._link = await loop.create_connection(
            lambda: _Link(self._resolve, self._writer_gone), sock=parent
        )
        self._last_batch = 0
        # Until it is ready, or gone (then its restart is already arranged).
        while self.running and not self._ready.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._ready.wait(), 0.1)

    @property
    def running(self) -> bool:
        return self._link is not None and self._link.transport is not None

    async def submit(self, envelope: Envelope, raw: bytes) -> StoreResult:
        """Store one message; returns after its commit.  Raises NotStored."""
        if not self.running or self._stopping:
            raise NotStored("the inbox writer is not running")
        assert self._link is not None
        self._seq += 1
        seq = self._seq
        fut: asyncio.Future[StoreResult] = asyncio.get_running_loop().create_future()
        self._pending[seq] = fut
        try:
            # The envelope's fields, as a tuple: a quarter of the dataclass's pickle.
            fields = (envelope.source, envelope.sender, envelope.recipients, envelope.source_ref)
            await self._link.send(_frame(seq, fields, len(raw)), raw)
        except (ConnectionError, OSError) as e:
            self._pending.pop(seq, None)
            raise NotStored(f"inbox writer unreachable: {e}") from e
        return await fut

    def _resolve(self, seq: int, answer: tuple[Any, ...]) -> None:
        if seq == _READY:
            self._ready.set()
            return
        fut = self._pending.pop(seq, None)
        if answer[0] == "ok":
            _kind, inbox_id, duplicate, batch_no = answer
            result = StoreResult(inbox_id, duplicate)
            self.committed += 1
            if batch_no != self._last_batch:
                self._last_batch = batch_no
                self.batches += 1
            if self.on_commit is not None and not duplicate:
                self.on_commit(result)
            if fut is not None and not fut.done():
                fut.set_result(result)
        elif fut is not None and not fut.done():
            fut.set_exception(NotStored(str(answer[1])))

    def _writer_gone(self) -> None:
        for fut in self._pending.values():
            if not fut.done():
                fut.set_exception(NotStored("the inbox writer stopped"))
        self._pending.clear()
        self._link = None
        if not self._stopping:
            self._restarts += 1
            delay = min(30.0, 0.5 * 2 ** min(self._restarts, 6))
            code = self._proc.exitcode if self._proc is not None else None
            log.error("the inbox writer process exited (%s); restarting in %.1fs", code, delay)
            asyncio.get_running_loop().call_later(
                delay, lambda: asyncio.ensure_future(self._restart())
            )

    async def _restart(self) -> None:
        if self._stopping or self.running:
            return
        if self._proc is not None:
            await asyncio.to_thread(self._proc.join, 5)
        try:
            await self.start()
        except Exception as e:  # noqa: BLE001 - keep trying; sessions answer 451 meanwhile
            log.error("cannot start the inbox writer process: %s", e)
            self._writer_gone()

    async def stop(self, timeout: float = 30.0) -> None:
        """Wait for the answers still due, then let the writer process exit."""
        self._stopping = True
        deadline = asyncio.get_running_loop().time() + timeout
        while self._pending and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.01)
        if self.batches:
            log.info("inbox writer: %d message(s) in %d commit(s)", self.committed, self.batches)
        if self._link is not None and self._link.transport is not None:
            self._link.transport.close()
        if self._proc is not None:
            await asyncio.to_thread(self._proc.join, 10)
            if self._proc.is_alive():
                self._proc.terminate()
                await asyncio.to_thread(self._proc.join, 5)
