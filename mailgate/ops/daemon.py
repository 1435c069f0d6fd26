"""``mailgate run``: the listener, the HTTP API and the sender on one asyncio loop,
processing, IMAP polling and the scheduled jobs in child processes it supervises.

The SMTP/LMTP listener runs on the loop; its sessions hand messages to the inbox's
group-commit writer.  The IMAP poller process (``ops.pollers``) fetches from the
configured mailboxes into the same inbox.  Processing (inbox → tickets → outbox) runs
in worker processes (see ``ops.workers``), woken when mail has been committed and polling
for mail other processes (``mailgate deliver``) stored.  The sender (outbox → transport)
is blocking code and runs in a thread, woken when a worker has queued mail.  The HTTP API
(``[http]``, ``api.app``) serves on the same loop and does its database work in threads of
its own; an agent's reply through it wakes the sender too.  The scheduler process
(``ops.scheduling``) runs the periodic jobs (auto-close, retention) and wakes the sender
when they queued mail.

SIGTERM or SIGINT stops accepting connections, lets HTTP requests in progress and
sessions that are sending a message finish (up to ``daemon.shutdown_timeout``), commits
what is queued, finishes the current processing and sending batch, and exits 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

from mailgate.config import Config
from mailgate.inbox import StoreResult
from mailgate.inbox.writer import InboxWriter
from mailgate.ops.workers import Signals, WorkerPool
from mailgate.receive.smtp import Listener
from mailgate.send.worker import Sender
from mailgate.store.engine import Store
from mailgate.store.migrate import ensure_schema

if TYPE_CHECKING:
    from mailgate.api.app import HttpServer

log = logging.getLogger(__name__)

ROLES = ("smtp", "imap", "process", "send", "http", "scheduler")


class Daemon:
    def __init__(
        self, config: Config, roles: tuple[str, ...] = ROLES, log_level: str | None = None
    ) -> None:
        self.config = config
        self.roles = roles
        self.log_level = log_level or config.log.level
        # Shared with the processes the daemon starts (see WritePriority).
        self.signals = Signals.create()
        self.store = Store(config.database, priority=self.signals.priority)
        self.listener: Listener | None = None
        self.writer: InboxWriter | None = None
        self.workers: WorkerPool | None = None
        self.sender: Sender | None = None
        self.http: HttpServer | None = None
        self._stopping = asyncio.Event()
        self._ready = asyncio.Event()
        self._send_wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []

    def _hangup(self) -> None:
        log.warning(
            "SIGHUP: mailgate does not re-read its configuration yet; restart it to apply changes"
        )

    def request_stop(self) -> None:
        self._stopping.set()

    async def wait_ready(self) -> None:
        await self._ready.wait()

    async def run(self) -> int:
        # The sender works in a thread; with the default 5 ms switch interval the event
        # loop, which every SMTP client waits on, could wait that long for the
        # interpreter lock each time the sender has it.
        sys.setswitchinterval(0.0005)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, self.request_stop)
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            # SIGHUP must not kill the daemon (its default action would, leaving its
            # workers behind); re-reading the configuration is not done yet.
            loop.add_signal_handler(signal.SIGHUP, self._hangup)
        await asyncio.to_thread(ensure_schema, self.store, create_if_empty=self.store.is_sqlite)
        try:
            await self._start()
            self._ready.set()
            log.info("mailgate running (%s)", ", ".join(self.roles))
            await self._stopping.wait()
            log.info("stopping")
        finally:
            await self._shutdown()
        log.info("stopped")
        return 0

    async def _start(self) -> None:
        imap = "imap" in self.roles and bool(self.config.inbound.imap)
        scheduler = "scheduler" in self.roles and bool(self.config.scheduler.enabled_jobs())
        if "process" in self.roles or imap or scheduler:
            self.workers = WorkerPool(
                self.config,
                self.log_level,
                self.signals,
                process="process" in self.roles,
                imap=imap,
                scheduler=scheduler,
            )
            self.workers.start()
            self._spawn("supervisor", self._supervise(self.workers))
        if "send" in self.roles:
            self.sender = Sender(self.config.outbound, self.store)
            self._spawn(
                "sender",
                self._loop(
                    self.sender.run_once, self._send_wake, self.config.outbound.poll_interval
                ),
            )
        if "smtp" in self.roles and self.config.inbound.smtp.enabled:
            self.writer = InboxWriter(
                self.store,
                log_level=self.log_level,
                log_format=self.config.log.format,
                on_commit=self._after_commit,
                priority=self.signals.priority,
            )
            await self.writer.start()
            self.listener = Listener(self.config, self.writer)
            await self.listener.start()
        if "http" in self.roles and self.config.http.enabled:
            from mailgate.api.app import HttpServer

            self.http = HttpServer(self.config, self.store, on_queued=self._send_wake.set)
            await self.http.start()

    def _spawn(self, name: str, coro: Awaitable[None]) -> None:
        async def guarded() -> None:
            try:
                await coro
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("%s stopped by an unexpected error; stopping mailgate", name)
                self.request_stop()

        self._tasks.append(asyncio.get_running_loop().create_task(guarded(), name=name))

    def _after_commit(self, result: StoreResult) -> None:
        """A new message is in the inbox: wake the workers (a duplicate needs nothing)."""
        if self.workers is not None:
            self.workers.wake()

    async def _supervise(self, workers: WorkerPool) -> None:
        """Restart dead workers; pass their "mail queued" to the sender."""
        sent_work = workers.signals.sent_work
        while not self._stopping.is_set():
            if await asyncio.to_thread(sent_work.wait, 0.25):
                sent_work.clear()
                self._send_wake.set()
            workers.check()

    async def _loop(
        self,
        step: Callable[[], object],
        wake: asyncio.Event,
        interval: float,
    ) -> None:
        """Run ``step`` in a worker thread until it finds nothing to do, then sleep until
        woken or ``interval`` passes; errors (a database away) back off and retry."""
        executor = ThreadPoolExecutor(max_workers=1)
        loop = asyncio.get_running_loop()
        backoff = interval
        try:
            while not self._stopping.is_set():
                wake.clear()
                try:
                    result = await loop.run_in_executor(executor, step)
                except Exception as e:  # noqa: BLE001 - logged; the loop must survive
                    log.error(
                        "%s: %s: %s", getattr(step, "__qualname__", step), type(e).__name__, e
                    )
                    backoff = min(backoff * 2, 30.0)
                    await self._sleep(wake, backoff)
                    continue
                backoff = interval
                if getattr(result, "total", 0):
                    continue
                await self._sleep(wake, interval)
        finally:
            executor.shutdown(wait=True)

    async def _sleep(self, wake: asyncio.Event, seconds: float) -> None:
        stop = asyncio.ensure_future(self._stopping.wait())
        woken = asyncio.ensure_future(wake.wait())
        try:
            await asyncio.wait({stop, woken}, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stop.cancel()
            woken.cancel()

    async def _shutdown(self) -> None:
        grace = self.config.daemon.shutdown_timeout
        if self.http is not None:
            await self.http.stop()
        if self.listener is not None:
            await self.listener.stop(grace)
        if self.writer is not None:
            await self.writer.stop(grace)
        self._stopping.set()
        if self.workers is not None:
            await asyncio.to_thread(self.workers.stop, grace)
        if self._tasks:
            # The loops notice the stop after their current batch.
            _done, pending = await asyncio.wait(self._tasks, timeout=grace)
            for t in pending:
                t.cancel()
        if self.sender is not None:
            self.sender.close()
        self.store.dispose()
