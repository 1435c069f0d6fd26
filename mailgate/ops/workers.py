"""Processing workers: the inbox → tickets → outbox journey in processes of their own.

Parsing and applying mail is CPU work in Python; run beside the SMTP listener in one
process it would hold the interpreter lock while clients wait for their 250.  So, as
Postfix separates smtpd from cleanup, ``mailgate run`` hands processing to worker
processes (``processing.workers``, at ``processing.nice``): the listener keeps answering
at the speed of the network while the workers catch up with the durable inbox.

The daemon supervises them: it wakes them when the listener has committed mail, restarts
one that died (with backoff), and on SIGTERM asks them to finish their current batch.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from multiprocessing.context import SpawnProcess
from multiprocessing.synchronize import Event as MpEvent

from mailgate.config import Config
from mailgate.ops.metrics import SharedMetrics
from mailgate.ops.signals import held, release
from mailgate.store.engine import WritePriority

log = logging.getLogger(__name__)

_CTX = multiprocessing.get_context("spawn")
_YIELD_BATCH = 5


@dataclass
class Signals:
    """The events a worker and the daemon share."""

    wake: MpEvent  # set by the daemon: there is new mail in the inbox
    # Set by the daemon: finish the batch and exit.  Each child gets one of its own (see
    # WorkerPool), so that one can be replaced while the others work.
    stop: MpEvent
    sent_work: MpEvent  # set by a worker: it queued outgoing mail
    priority: WritePriority  # the listener's writer first on SQLite's write lock
    metrics: SharedMetrics  # latency and IMAP reconnects, for /metrics

    @classmethod
    def create(cls, imap_accounts: int = 0) -> Signals:
        return cls(
            _CTX.Event(),
            _CTX.Event(),
            _CTX.Event(),
            WritePriority.create(_CTX),
            SharedMetrics.create(_CTX, imap_accounts),
        )

    def for_child(self) -> Signals:
        """The same shared events with a stop event of the child's own."""
        return replace(self, stop=_CTX.Event())


def worker_main(config: Config, signals: Signals, log_level: str, number: int) -> None:
    """The body of a worker process."""
    from mailgate.ops.logs import setup_logging
    from mailgate.pipeline import Processor
    from mailgate.store.engine import Store

    # The daemon decides when workers stop: Ctrl-C in a terminal reaches the whole
    # process group, and a worker must not abandon its batch because of it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: signals.stop.set())
    release()  # started with them blocked (WorkerPool._start)
    parent = os.getppid()
    setup_logging(log_level, config.log.format)
    if config.processing.nice:
        with contextlib.suppress(OSError):
            os.nice(config.processing.nice)
    store = Store(config.database, priority=signals.priority)
    processor = Processor(config, store, shard=(number - 1, config.processing.workers))
    processor.observe_latency = signals.metrics.observe_latency
    interval = config.processing.poll_interval
    backoff = interval
    log.info("processing worker %d started (pid %d)", number, os.getpid())
    try:
        last_batch = time.monotonic()
        while not signals.stop.is_set():
            if os.getppid() != parent:
                # The daemon died without stopping us (SIGKILL, out of memory): a new one
                # would start its own workers on the same shards.
                log.error("processing worker %d: the daemon is gone; stopping", number)
                break
            intake = _intake_busy(config, signals)
            if intake and time.monotonic() - last_batch < config.processing.max_yield:
                signals.stop.wait(0.02)
                continue
            last_batch = time.monotonic()
            signals.wake.clear()
            try:
                # While mail is arriving, the batch that keeps processing going is small,
                # so that it holds the write lock only briefly.
                result = processor.run_once(_YIELD_BATCH if intake else None)
            except Exception as e:  # noqa: BLE001 - a database away: wait and retry
                log.error("processing: %s: %s", type(e).__name__, e)
                backoff = min(backoff * 2, 30.0)
                signals.stop.wait(backoff)
                continue
            backoff = interval
            if result.outgoing:
                signals.sent_work.set()
            if not result.total:
                signals.wake.wait(interval)
    finally:
        store.dispose()
    log.info("processing worker %d stopped", number)


def _intake_busy(config: Config, signals: Signals) -> bool:
    """Whether clients are handing mail to the listener right now.  Processing then steps
    back: the listener's commits, which clients wait on, go first on the CPU and on
    SQLite's single write lock, and the inbox holds the mail durably meanwhile.  A small
    batch still runs every ``processing.max_yield``, so that a listener that never rests
    does not starve processing."""
    window = config.processing.yield_to_intake
    return bool(window) and signals.priority.urgent_busy(window)


class WorkerPool:
    """Starts, restarts and stops the daemon's child processes: the processing workers,
    the IMAP poller process when mailboxes are configured, and the scheduler.

    Each child has a stop event of its own, so that :meth:`reload` can replace the
    processing workers and the scheduler one at a time with processes that run a new
    configuration, each after it finished its current batch or job, while the others
    keep working."""

    # The children a reload replaces.  The IMAP poller only stores mail (its settings,
    # [[inbound.imap]], take effect at a restart), and replacing it would drop its IMAP
    # sessions.
    RELOADED = ("processing worker", "scheduler")

    def __init__(
        self,
        config: Config,
        log_level: str,
        signals: Signals,
        *,
        process: bool = True,
        imap: bool = False,
        scheduler: bool = False,
    ) -> None:
        self.config = config
        self.log_level = log_level
        self.signals = signals
        self._roles = (process, imap, scheduler)
        self._lock = threading.Lock()
        self._specs: dict[str, tuple[Callable[..., None], tuple[object, ...]]] = {}
        self._build_specs(config, log_level)
        self._procs: dict[str, SpawnProcess] = {}
        self._stops: dict[str, MpEvent] = {}
        self._restarts: dict[str, tuple[int, float]] = {}
        self._replacing: set[str] = set()
        self._last_wake = 0.0

    def _build_specs(self, config: Config, log_level: str) -> None:
        process, imap, scheduler = self._roles
        specs: dict[str, tuple[Callable[..., None], tuple[object, ...]]] = {}
        if process:
            for n in range(1, config.processing.workers + 1):
                specs[f"processing worker {n}"] = (worker_main, (config, log_level, n))
        if imap:
            from mailgate.ops.pollers import imap_main

            specs["IMAP poller"] = (imap_main, (config, log_level))
        if scheduler:
            from mailgate.ops.scheduling import scheduler_main

            specs["scheduler"] = (scheduler_main, (config, log_level))
        with self._lock:
            self._specs.update(specs)

    def start(self, until: Callable[[], bool] = lambda: False) -> None:
        """Start the children, one after the other until ``until()`` says to stop."""
        for name in list(self._specs):
            if until():
                return
            self._start(name)

    def _start(self, name: str) -> None:
        target, (config, *rest) = self._specs[name]
        own = self.signals.for_child()
        proc = _CTX.Process(
            target=target,
            name="mailgate-" + name.replace(" ", "-"),
            args=(config, own, *rest),
        )
        # Blocked until the child has set its own dispositions (see ops.signals).
        with held():
            proc.start()
        self._procs[name] = proc
        self._stops[name] = own.stop

    def wake(self) -> None:
        """Tell the workers there is new mail.  At most every 10 ms: setting a shared
        event costs a lock round trip, and a worker woken once takes all that waits."""
        now = time.monotonic()
        if now - self._last_wake >= 0.01:
            self._last_wake = now
            self.signals.wake.set()

    def check(self) -> None:
        """Restart children that died, waiting longer after each death in a row."""
        if self.signals.stop.is_set():
            return
        now = time.monotonic()
        with self._lock:
            for name, proc in list(self._procs.items()):
                if name in self._replacing or proc.is_alive():
                    continue
                deaths, not_before = self._restarts.get(name, (0, 0.0))
                if now < not_before:
                    continue
                log.error("%s exited with %s; restarting", name, proc.exitcode)
                delay = min(60.0, 2.0**deaths)
                self._restarts[name] = (deaths + 1, now + delay)
                self._start(name)

    def reload(self, config: Config, log_level: str, grace: float) -> list[str]:
        """Replace the processing workers and the scheduler, one at a time, by processes
        running ``config``: the successor starts first, then its predecessor is asked to
        stop after its current batch or job (waited for up to ``grace`` seconds), so that
        processing never pauses.  Two processes on one shard for a moment are safe: a
        message is claimed under its row lock, and jobs take their lock.  Blocking: run
        it in a thread.  Returns the names of the children replaced."""
        self.config, self.log_level = config, log_level
        self._build_specs(config, log_level)
        replaced = []
        for name in list(self._procs):
            if not name.startswith(self.RELOADED):
                continue
            with self._lock:
                if self.signals.stop.is_set():
                    break
                self._replacing.add(name)
                old, old_stop = self._procs[name], self._stops[name]
                self._start(name)
            try:
                old_stop.set()
                self.signals.wake.set()  # out of its wait for mail
                old.join(grace)
                if old.is_alive():
                    log.warning("%s did not stop in %.0fs for the reload; terminating", name, grace)
                    old.terminate()
                    old.join(5)
                replaced.append(name)
            finally:
                with self._lock:
                    self._replacing.discard(name)
        return replaced

    def stop(self, grace: float) -> None:
        with self._lock:
            self.signals.stop.set()
            for event in self._stops.values():
                event.set()
            procs = dict(self._procs)
        self.signals.wake.set()
        deadline = time.monotonic() + grace
        for proc in procs.values():
            proc.join(max(0.0, deadline - time.monotonic()))
        for name, proc in procs.items():
            if proc.is_alive():
                log.warning("%s did not stop in %.0fs; terminating", name, grace)
                proc.terminate()
                proc.join(5)
