"""Processing workers: the inbox → tickets → outbox journey in processes of their own.

Parsing and applying mail is CPU work in Python; run beside the SMTP listener in one
process it would hold the interpreter lock while clients wait for their 250.  So, as
Postfix separates smtpd from cleanup, ``mailgate run`` hands processing to worker
processes (``processing.workers``, at ``processing.nice``): the listener keeps answering
at the speed of the network while the workers catch up with the durable inbox.

The daemon supervises them: it wakes them when the listener has committed mail, restarts
one that died (with backoff), and on SIGTERM asks them to finish their current batch.
Each child talks with the daemon over a link of its own (:mod:`mailgate.ops.links`) and
dies with it (:mod:`mailgate.lifeline`); they share no lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import signal
import socket
import time
from collections.abc import Callable
from multiprocessing.context import SpawnProcess

from mailgate.config import Config
from mailgate.lifeline import bind_to_parent
from mailgate.metrics import SharedMetrics
from mailgate.ops.links import ChildLink, ParentLink, pair
from mailgate.ops.signals import held, release
from mailgate.store.engine import WritePriority

log = logging.getLogger(__name__)

_CTX = multiprocessing.get_context("spawn")
_YIELD_BATCH = 5


def new_priority() -> WritePriority:
    """The write priority the daemon shares with the processes it starts."""
    return WritePriority.create(_CTX)


def worker_main(
    config: Config, sock: socket.socket, priority: WritePriority, log_level: str, number: int
) -> None:
    """The body of a worker process."""
    bind_to_parent(f"processing worker {number}")
    from mailgate.logs import setup_logging
    from mailgate.process import Processor
    from mailgate.store.engine import Store

    link = ParentLink(sock)
    # The daemon decides when workers stop: Ctrl-C in a terminal reaches the whole
    # process group, and a worker must not abandon its batch because of it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: link.request_stop())
    release()  # started with them blocked (WorkerPool._start)
    setup_logging(log_level, config.log.format)
    if config.processing.nice:
        with contextlib.suppress(OSError):
            os.nice(config.processing.nice)
    store = Store(config.database, priority=priority)
    processor = Processor(config, store, shard=(number - 1, config.processing.workers))
    processor.observe_latency = link.latency
    interval = config.processing.poll_interval
    backoff = interval
    log.info("processing worker %d started (pid %d)", number, os.getpid())
    try:
        last_batch = time.monotonic()
        while not link.stopping:
            intake = _intake_busy(config, priority)
            if intake and time.monotonic() - last_batch < config.processing.max_yield:
                link.wait(0.02)
                continue
            last_batch = time.monotonic()
            link.clear()
            try:
                # While mail is arriving, the batch that keeps processing going is small,
                # so that it holds the write lock only briefly.
                result = processor.run_once(_YIELD_BATCH if intake else None)
            except Exception as e:  # noqa: BLE001 - a database away: wait and retry
                log.error("processing: %s: %s", type(e).__name__, e)
                backoff = min(backoff * 2, 30.0)
                link.wait(backoff)
                continue
            backoff = interval
            if result.outgoing:
                link.sent()
            if not result.total:
                link.wait(interval)
    finally:
        store.dispose()
    log.info("processing worker %d stopped", number)


def _intake_busy(config: Config, priority: WritePriority) -> bool:
    """Whether clients are handing mail to the listener right now.  Processing then steps
    back: the listener's commits, which clients wait on, go first on the CPU and on
    SQLite's single write lock, and the inbox holds the mail durably meanwhile.  A small
    batch still runs every ``processing.max_yield``, so that a listener that never rests
    does not starve processing."""
    window = config.processing.yield_to_intake
    return bool(window) and priority.urgent_busy(window)


Target = Callable[..., None]


class WorkerPool:
    """Starts, restarts and stops the daemon's child processes: the processing workers,
    the IMAP poller process when mailboxes are configured, and the scheduler.

    Everything here runs on the daemon's event loop, in the thread that runs it: the
    children's parent-death signal fires when the thread that started them ends
    (:mod:`mailgate.lifeline`), and their reports are read by the loop.  Each child
    has a link of its own, so that :meth:`reload` can replace the processing workers and
    the scheduler one at a time with processes that run a new configuration, each after
    it finished its current batch or job, while the others keep working."""

    # The children a reload replaces.  The IMAP poller only stores mail (its settings,
    # [[inbound.imap]], take effect at a restart), and replacing it would drop its IMAP
    # sessions.
    RELOADED = ("processing worker", "scheduler")

    def __init__(
        self,
        config: Config,
        log_level: str,
        priority: WritePriority,
        metrics: SharedMetrics,
        *,
        on_sent: Callable[[], None] = lambda: None,
        process: bool = True,
        imap: bool = False,
        scheduler: bool = False,
    ) -> None:
        self.config = config
        self.log_level = log_level
        self.priority = priority
        self.metrics = metrics
        self.on_sent = on_sent  # a child queued outgoing mail
        self._roles = (process, imap, scheduler)
        self._specs: dict[str, tuple[Target, tuple[object, ...]]] = {}
        self._build_specs(config, log_level)
        self._procs: dict[str, SpawnProcess] = {}
        self._links: dict[str, ChildLink] = {}
        self._restarts: dict[str, tuple[int, float]] = {}
        self._replacing: set[str] = set()
        self._stopping = False
        self._last_wake = 0.0

    def _build_specs(self, config: Config, log_level: str) -> None:
        process, imap, scheduler = self._roles
        specs: dict[str, tuple[Target, tuple[object, ...]]] = {}
        if process:
            for n in range(1, config.processing.workers + 1):
                specs[f"processing worker {n}"] = (worker_main, (log_level, n))
        if imap:
            from mailgate.ops.pollers import imap_main

            specs["IMAP poller"] = (imap_main, (log_level,))
        if scheduler:
            from mailgate.ops.scheduling import scheduler_main

            specs["scheduler"] = (scheduler_main, (log_level,))
        self._specs.update(specs)

    def start(self, until: Callable[[], bool] = lambda: False) -> None:
        """Start the children, one after the other until ``until()`` says to stop."""
        for name in list(self._specs):
            if until():
                return
            self._start(name)

    def _start(self, name: str) -> None:
        target, rest = self._specs[name]
        mine, theirs = pair()
        proc = _CTX.Process(
            target=target,
            name="mailgate-" + name.replace(" ", "-"),
            args=(self.config, theirs, self.priority, *rest),
        )
        # Blocked until the child has set its own dispositions (see ops.signals).
        try:
            with held():
                proc.start()
        finally:
            theirs.close()
        link = ChildLink(mine, lambda kind, args: self._report(name, kind, args))
        loop = asyncio.get_running_loop()
        loop.add_reader(mine.fileno(), self._readable, link)
        self._procs[name] = proc
        self._links[name] = link

    def _readable(self, link: ChildLink) -> None:
        if not link.readable():  # the child exited
            asyncio.get_running_loop().remove_reader(link.sock.fileno())
            link.close()

    def _report(self, name: str, what: str, args: list[str]) -> None:
        try:
            if what == "sent":
                self.on_sent()
            elif what == "stored":
                self.wake()
            elif what == "latency":
                self.metrics.observe_latency(float(args[0]))
            elif what == "reconnects":
                self.metrics.add_reconnects(int(args[0]), int(args[1]))
            else:
                raise ValueError(what)
        except (ValueError, IndexError):
            log.warning("%s reported something unknown: %s", name, " ".join([what, *args]))

    def wake(self) -> None:
        """Tell the workers there is new mail.  At most every 10 ms: a worker woken once
        takes all that waits."""
        now = time.monotonic()
        if now - self._last_wake >= 0.01:
            self._last_wake = now
            for name, link in self._links.items():
                if name.startswith("processing worker"):
                    link.wake()

    def check(self) -> None:
        """Restart children that died, waiting longer after each death in a row."""
        if self._stopping:
            return
        now = time.monotonic()
        for name, proc in list(self._procs.items()):
            if name in self._replacing or proc.is_alive():
                continue
            deaths, not_before = self._restarts.get(name, (0, 0.0))
            if now < not_before:
                continue
            log.error("%s exited with %s; restarting", name, proc.exitcode)
            delay = min(60.0, 2.0**deaths)
            self._restarts[name] = (deaths + 1, now + delay)
            self._forget(name)
            self._start(name)

    def _forget(self, name: str) -> None:
        link = self._links.pop(name, None)
        if link is not None and not link.closed:
            asyncio.get_running_loop().remove_reader(link.sock.fileno())
            link.close()

    async def reload(self, config: Config, log_level: str, grace: float) -> list[str]:
        """Replace the processing workers and the scheduler, one at a time, by processes
        running ``config``: the successor starts first, then its predecessor is asked to
        stop after its current batch or job (waited for up to ``grace`` seconds), so that
        processing never pauses.  Two processes on one shard for a moment are safe: a
        message is claimed under its row lock, and jobs take their lock.  Returns the
        names of the children replaced."""
        self.config, self.log_level = config, log_level
        self._build_specs(config, log_level)
        replaced = []
        for name in list(self._procs):
            if not name.startswith(self.RELOADED):
                continue
            if self._stopping:
                break
            self._replacing.add(name)
            old, old_link = self._procs[name], self._links.pop(name)
            try:
                self._start(name)
                old_link.stop()
                await asyncio.to_thread(old.join, grace)
                if old.is_alive():
                    log.warning("%s did not stop in %.0fs for the reload; terminating", name, grace)
                    old.terminate()
                    await asyncio.to_thread(old.join, 5)
                replaced.append(name)
            finally:
                self._replacing.discard(name)
        return replaced

    async def stop(self, grace: float) -> None:
        """Ask every child to stop after its current batch or job; terminate those still
        running after ``grace`` seconds.  Their reports are read until they exit."""
        self._stopping = True
        procs = dict(self._procs)
        for link in self._links.values():
            link.stop()
        deadline = time.monotonic() + grace
        for proc in procs.values():
            await asyncio.to_thread(proc.join, max(0.0, deadline - time.monotonic()))
        for name, proc in procs.items():
            if proc.is_alive():
                log.warning("%s did not stop in %.0fs; terminating", name, grace)
                proc.terminate()
                await asyncio.to_thread(proc.join, 5)
        for name in list(self._links):
            self._forget(name)
