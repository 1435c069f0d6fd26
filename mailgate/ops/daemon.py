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

The first log line names the configuration file read (or the embedded default) and the
roles that run: those asked for (``--only``, else all) that the configuration gives
something to do.

SIGTERM or SIGINT stops accepting connections, lets HTTP requests in progress and
sessions that are sending a message finish (up to ``daemon.shutdown_timeout``), commits
what is queued, finishes the current processing and sending batch, and exits 0.  One
that arrives while the daemon starts (:mod:`mailgate.ops.signals` catches it from the
command's first line) lets the step under way finish — a child process being started,
the inbox writer getting ready, the listener opening —, skips the rest and stops the
same way.

SIGHUP reads the configuration file again (:mod:`mailgate.ops.reload`): a file that
fails validation is refused and the running configuration kept; otherwise the listener
and the HTTP API serve new sessions and requests with it — open connections are not
touched — and the processing workers and the scheduler are replaced one at a time by
processes that run it.  A SIGHUP during the start is applied once it is over.  A daemon
started on the embedded default looks for a file again at each SIGHUP, as at its start
(``$MAILGATE_CONFIG``, else ``./mailgate.toml``), and from then on reads the one found.

Under systemd (``Type=notify``, :mod:`mailgate.ops.sdnotify`) the daemon says READY=1
once every enabled listener listens, sends WATCHDOG=1 from the event loop at half of
``WatchdogSec=``, STATUS= lines with the queues' backlogs, RELOADING=1 … READY=1 around
a reload and STOPPING=1 when it stops.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from mailgate import __version__
from mailgate.config import Config, resolve_config_path
from mailgate.errors import ConfigError
from mailgate.inbox import StoreResult
from mailgate.inbox.writer import InboxWriter
from mailgate.metrics import SharedMetrics
from mailgate.ops.reload import read_again
from mailgate.ops.sdnotify import SystemdNotifier
from mailgate.ops.signals import DaemonSignals
from mailgate.ops.workers import WorkerPool, new_priority
from mailgate.receive.smtp import Listener
from mailgate.send.worker import Sender
from mailgate.store.engine import Store
from mailgate.store.migrate import ensure_schema

if TYPE_CHECKING:
    from mailgate.api.app import HttpServer

log = logging.getLogger(__name__)

ROLES = ("smtp", "imap", "process", "send", "http", "scheduler")

# How often the STATUS= line systemd shows is brought up to date.
STATUS_INTERVAL = 10.0


def idle_roles(config: Config) -> dict[str, str]:
    """The roles this configuration gives nothing to do, and why."""
    idle = {}
    if not config.inbound.smtp.enabled:
        idle["smtp"] = "the listener is disabled ([inbound.smtp] enabled = false)"
    if not config.inbound.imap:
        idle["imap"] = "no mailbox is configured ([[inbound.imap]])"
    if not config.http.enabled:
        idle["http"] = "the HTTP API is not enabled ([http] enabled = false)"
    if not config.scheduled_jobs():
        idle["scheduler"] = (
            "no job to run ([scheduler.jobs] all disabled, or only sla without [[sla]])"
        )
    return idle


class Daemon:
    def __init__(
        self,
        config: Config,
        roles: tuple[str, ...] = ROLES,
        log_level: str | None = None,
        config_path: Path | None = None,
        signals: DaemonSignals | None = None,
    ) -> None:
        self.config = config
        self.asked = tuple(roles)
        idle = idle_roles(config)
        self.roles = tuple(r for r in ROLES if r in roles and r not in idle)  # those that run
        # Read again on SIGHUP; None: the embedded default, until a file appears.
        self.config_path = config_path.absolute() if config_path is not None else None
        # SIGTERM, SIGINT and SIGHUP, when the daemon is the process (``mailgate run``);
        # embedded in another program, that program sees to them and calls request_stop.
        self.os_signals = signals
        self._fixed_log_level = log_level  # --log-level wins over [log] level, reloads too
        self.log_level = log_level or config.log.level
        # Shared with the processes the daemon starts (see WritePriority).
        self.priority = new_priority()
        # What the children report for /metrics.
        self.metrics = SharedMetrics.create(len(config.inbound.imap))
        self.systemd = SystemdNotifier()
        self.store = Store(config.database, priority=self.priority)
        self.listener: Listener | None = None
        self.writer: InboxWriter | None = None
        self.workers: WorkerPool | None = None
        self.sender: Sender | None = None
        self.http: HttpServer | None = None
        self._stopping = asyncio.Event()
        self._ready = asyncio.Event()
        self._send_wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._reload_task: asyncio.Task[None] | None = None
        self._reload_again = False
        self._signalled = False  # the stop signal's line is logged

    def _hangup(self) -> None:
        if self._stopping.is_set():
            return
        if self._reload_task is not None and not self._reload_task.done():
            self._reload_again = True  # a change made while reloading: read once more
            return
        self._reload_task = asyncio.get_running_loop().create_task(self._reloads(), name="reload")

    async def _reloads(self) -> None:
        # A SIGHUP during the start is applied once everything has started.
        await self._ready.wait()
        while True:
            self._reload_again = False
            try:
                await self.reload()
            except Exception:
                log.exception("SIGHUP: the reload failed")
            if not self._reload_again or self._stopping.is_set():
                return

    async def reload(self) -> bool:
        """Re-read the configuration file and apply it (see the module's docstring);
        False when it was refused."""
        self.systemd.reloading()
        try:
            path = self.config_path or self._config_file_now()
            try:
                new = await asyncio.to_thread(read_again, self.config, path)
            except ConfigError as e:
                for problem in e.problems:
                    log.error(
                        "SIGHUP: %s refused, the running configuration is kept: %s",
                        e.source,
                        problem,
                    )
                return False
            for key in new.kept:
                log.warning("SIGHUP: %s changed; it takes effect when mailgate restarts", key)
            config = new.config
            if self.listener is not None:
                try:
                    self.listener.reconfigure(config)
                except (OSError, ValueError) as e:
                    log.error("SIGHUP: inbound.smtp: %s; the running configuration is kept", e)
                    return False
            self.config = config
            if path is not None and self.config_path is None:
                log.info("SIGHUP: %s found; the configuration is read from it from now on", path)
                self.config_path = path
            self.log_level = self._fixed_log_level or config.log.level
            logging.getLogger().setLevel(self.log_level.upper())
            if self.http is not None:
                self.http.reconfigure(config)
            replaced: list[str] = []
            if self.workers is not None:
                replaced = await self.workers.reload(
                    config, self.log_level, config.daemon.shutdown_timeout
                )
            log.info(
                "SIGHUP: configuration reloaded from %s%s",
                new.source,
                f"; restarted {', '.join(replaced)}" if replaced else "",
            )
            return True
        finally:
            if not self._stopping.is_set():  # a stop during the reload said STOPPING=1
                self.systemd.ready(self._running_status())

    @staticmethod
    def _config_file_now() -> Path | None:
        """The file a start now would read, when started on the embedded default (with
        neither --config nor $MAILGATE_CONFIG: it is ``./mailgate.toml`` once it exists)."""
        path = resolve_config_path(None)
        return path.absolute() if path is not None else None

    def _roles_text(self) -> str:
        return ", ".join(self.roles) or "none"

    def _running_status(self) -> str:
        return f"running: {self._roles_text()}"

    def request_stop(self) -> None:
        self._stopping.set()

    @property
    def stop_requested(self) -> bool:
        """A stop was asked for (the signal's handler may not have reached the loop yet)."""
        received = self.os_signals is not None and self.os_signals.stop is not None
        return received or self._stopping.is_set()

    async def wait_ready(self) -> None:
        await self._ready.wait()

    async def run(self) -> int:
        # The sender works in a thread; with the default 5 ms switch interval the event
        # loop, which every SMTP client waits on, could wait that long for the
        # interpreter lock each time the sender has it.
        sys.setswitchinterval(0.0005)
        log.info(
            "mailgate %s starting: %s; roles %s",
            __version__,
            f"configuration {self.config_path}"
            if self.config_path is not None
            else "the embedded default configuration (no --config, $MAILGATE_CONFIG "
            "or ./mailgate.toml)",
            self._roles_text(),
        )
        idle = idle_roles(self.config)
        for role in self.asked:
            if role in idle and self.asked != ROLES:
                log.warning("--only %s: not run: %s", role, idle[role])
        if self.os_signals is not None:
            self.os_signals.attach(asyncio.get_running_loop(), self._stop_signal, self._hangup)
        try:
            try:
                if not self.stop_requested:
                    await asyncio.to_thread(
                        ensure_schema, self.store, create_if_empty=self.store.is_sqlite
                    )
                if not self.stop_requested:
                    await self._start()
                if not self.stop_requested:
                    self._ready.set()
                    log.info("mailgate running (%s)", self._roles_text())
                    self.systemd.ready(self._running_status())
                    if self.systemd.watchdog_seconds:
                        self._spawn("watchdog", self._watchdog(self.systemd.watchdog_seconds / 2))
                    if self.systemd.enabled:
                        self._spawn("status", self._status_lines())
                    await self._stopping.wait()
                if self.os_signals is not None and self.os_signals.stop is not None:
                    self._stop_signal()  # its callback may not have run yet: logged once
                else:
                    log.info("stopping")
                self._stopping.set()
                self.systemd.stopping()
            finally:
                await self._shutdown()
                self.systemd.close()
            log.info("mailgate stopped")
        finally:
            if self.os_signals is not None:
                self.os_signals.detach()
        return 0

    def _stop_signal(self) -> None:
        """SIGTERM or SIGINT (once the loop runs: at once; received earlier: first thing)."""
        if self.os_signals is not None and self.os_signals.stop and not self._signalled:
            self._signalled = True
            log.info(
                "%s: stopping%s",
                self.os_signals.stop.name,
                ""
                if self._ready.is_set()
                else " (during the start: the step under way ends first)",
            )
        self.request_stop()

    async def _start(self) -> None:
        """Start the roles, each step only if no stop was asked for meanwhile; what was
        started is in place for :meth:`_shutdown`, whenever the stop comes."""
        imap = "imap" in self.roles
        scheduler = "scheduler" in self.roles
        if "process" in self.roles or imap or scheduler:
            # Started from the loop's thread, as the children's lifeline requires.
            self.workers = WorkerPool(
                self.config,
                self.log_level,
                self.priority,
                self.metrics,
                on_sent=self._send_wake.set,
                process="process" in self.roles,
                imap=imap,
                scheduler=scheduler,
            )
            self.workers.start(until=lambda: self.stop_requested)
            self._spawn("supervisor", self._supervise(self.workers))
        if self.stop_requested:
            return
        if "send" in self.roles:
            self.sender = Sender(self.config.outbound, self.store)
            self._spawn(
                "sender",
                self._loop(
                    self.sender.run_once, self._send_wake, self.config.outbound.poll_interval
                ),
            )
        if "smtp" in self.roles:
            self.writer = InboxWriter(
                self.store,
                log_level=self.log_level,
                log_format=self.config.log.format,
                on_commit=self._after_commit,
                priority=self.priority,
            )
            # The writer starts its process with the signals blocked (it ignores them).
            await self.writer.start()
            if self.stop_requested:
                return
            self.listener = Listener(self.config, self.writer)
            await self.listener.start()
        if self.stop_requested:
            return
        if "http" in self.roles:
            from mailgate.api.app import HttpServer

            self.http = HttpServer(
                self.config,
                self.store,
                on_queued=self._send_wake.set,
                shared=self.metrics,
            )
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
        """Restart dead children (their reports are read as they come: WorkerPool)."""
        while not self._stopping.is_set():
            workers.check()
            await self._sleep(asyncio.Event(), 0.25)

    async def _watchdog(self, every: float) -> None:
        """WATCHDOG=1 from the event loop: a loop that hangs stops sending it, and
        systemd restarts the service after WatchdogSec=."""
        while not self._stopping.is_set():
            self.systemd.watchdog()
            await self._sleep(asyncio.Event(), every)

    async def _status_lines(self) -> None:
        """STATUS= for ``systemctl status``: the queues' backlogs, every few seconds."""
        from mailgate.store.figures_repo import FiguresRepo

        def line() -> str:
            with self.store.read() as session:
                f = FiguresRepo(session).figures()
            ib, ob = f.inbox_backlog, f.outbox_backlog
            return (
                f"inbox {ib.waiting} waiting (oldest {ib.oldest_age:.0f}s), "
                f"outbox {ob.waiting} waiting (oldest {ob.oldest_age:.0f}s), "
                f"{sum(f.received_by_source.values())} received, "
                f"{f.inbox_by_state.get('held', 0)} held, "
                f"{f.inbox_by_state.get('quarantined', 0)} quarantined, "
                f"{f.outbox_by_state.get('failed', 0)} send failures"
            )

        while not self._stopping.is_set():
            try:
                text = await asyncio.to_thread(line)
            except Exception as e:  # noqa: BLE001 - the database away: say so
                text = f"database unavailable: {type(e).__name__}"
            if not self._stopping.is_set():
                self.systemd.status(text)
            await self._sleep(asyncio.Event(), STATUS_INTERVAL)

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
        if self._reload_task is not None and not self._reload_task.done():
            # Stops at the next child it would replace (WorkerPool.stop below).
            self._reload_task.cancel()
        if self.http is not None:
            await self.http.stop()
        if self.listener is not None:
            await self.listener.stop(grace)
        if self.writer is not None:
            await self.writer.stop(grace)
        self._stopping.set()
        if self.workers is not None:
            await self.workers.stop(grace)
        if self._tasks:
            # The loops notice the stop after their current batch.
            _done, pending = await asyncio.wait(self._tasks, timeout=grace)
            for t in pending:
                t.cancel()
        if self.sender is not None:
            self.sender.close()
        self.store.dispose()
