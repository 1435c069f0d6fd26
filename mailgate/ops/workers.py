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
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.context import SpawnProcess
from multiprocessing.synchronize import Event as MpEvent

from mailgate.config import Config
from mailgate.store.engine import WritePriority

log = logging.getLogger(__name__)

_CTX = multiprocessing.get_context("spawn")
_YIELD_BATCH = 5


@dataclass
class Signals:
    """The events a worker and the daemon share."""

    wake: MpEvent  # set by the daemon: there is new mail in the inbox
    stop: MpEvent  # set by the daemon: finish the batch and exit
    sent_work: MpEvent  # set by a worker: it queued outgoing mail
    priority: WritePriority  # the listener's writer first on SQLite's write lock

    @classmethod
    def create(cls) -> Signals:
        return cls(_CTX.Event(), _CTX.Event(), _CTX.Event(), WritePriority.create(_CTX))


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
    parent = os.getppid()
    setup_logging(log_level, config.log.format)
    if config.processing.nice:
        with contextlib.suppress(OSError):
            os.nice(config.processing.nice)
    store = Store(config.database, priority=signals.priority)
    processor = Processor(config, store, shard=(number - 1, config.processing.workers))
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
    the IMAP poller process when mailboxes are configured, and the scheduler."""

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
        self._specs: dict[str, tuple[Callable[..., None], tuple[object, ...]]] = {}
        if process:
            for n in range(1, config.processing.workers + 1):
                self._specs[f"processing worker {n}"] = (
                    worker_main,
                    (config, signals, log_level, n),
                )
        if imap:
            from mailgate.ops.pollers import imap_main

            self._specs["IMAP poller"] = (imap_main, (config, signals, log_level))
        if scheduler:
            from mailgate.ops.scheduling import scheduler_main

            self._specs["scheduler"] = (scheduler_main, (config, signals, log_level))
        self._procs: dict[str, SpawnProcess] = {}
        self._restarts: dict[str, tuple[int, float]] = {}
        self._last_wake = 0.0

    def start(self) -> None:
        for name in self._specs:
            self._start(name)

    def _start(self, name: str) -> None:
        target, args = self._specs[name]
        proc = _CTX.Process(target=target, name="mailgate-" + name.replace(" ", "-"), args=args)
        proc.start()
        self._procs[name] = proc

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
        for name, proc in list(self._procs.items()):
            if proc.is_alive():
                continue
            deaths, not_before = self._restarts.get(name, (0, 0.0))
            if now < not_before:
                continue
            log.error("%s exited with %s; restarting", name, proc.exitcode)
            delay = min(60.0, 2.0**deaths)
            self._restarts[name] = (deaths + 1, now + delay)
            self._start(name)

    def stop(self, grace: float) -> None:
        self.signals.stop.set()
        self.signals.wake.set()
        deadline = time.monotonic() + grace
        for proc in self._procs.values():
            proc.join(max(0.0, deadline - time.monotonic()))
        for name, proc in self._procs.items():
            if proc.is_alive():
                log.warning("%s did not stop in %.0fs; terminating", name, grace)
                proc.terminate()
                proc.join(5)
