"""Running the jobs on their intervals: APScheduler's BackgroundScheduler.

Among instances sharing a database, each job is *held* by one scheduler at a time — a
:class:`JobLock` of its own (``hold:job:<name>``), kept for as long as the instance runs —
and only the holder runs it, so it runs once per interval however many instances there
are.  The others stand by and try to take it every ``[daemon] takeover``; when the
holder dies its lock goes with its connection and one of them takes over.  A job's runs
are timed from its last recorded start (``job_state``): it runs when ``interval`` has
passed since then — at once on a new database — so neither a restart nor a takeover
makes an extra run.  Each run still takes the job's run lock (:func:`run_job`), which
``mailgate jobs run`` shares.

Each held job runs in a thread of its own (a long retention run does not hold up
auto-close).  A run still going when the next is due is not doubled, and runs missed
while the machine slept are made up once, not one per missed interval.

:meth:`Scheduler.shutdown` stops promptly: no new runs start, and running jobs see their
``stop`` event and end after the batch they are writing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from mailgate.config import Config, duration_in_words
from mailgate.notify import Notifier, Templates
from mailgate.scheduler.jobs import run_job
from mailgate.store.engine import Store
from mailgate.store.jobs_repo import JobRepo
from mailgate.store.locks import JobLock

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(
        self, config: Config, store: Store, *, on_queued: Callable[[], None] | None = None
    ) -> None:
        self.config = config
        self.store = store
        self.on_queued = on_queued
        self.stop = threading.Event()
        self.jobs = config.scheduled_jobs()
        self._notifier = Notifier(config, Templates(config.templates.directory))
        # APScheduler says "Running job …" and "executed successfully" at INFO for every
        # run; run_job reports what matters.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            # One thread per job, and one for taking and checking their locks.
            executors={"default": ThreadPoolExecutor(len(self.jobs) + 1)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        takeover = config.daemon.takeover
        self._holds = {n: JobLock(store, hold_name(n), takeover=takeover) for n in self.jobs}
        self._standing_by: set[str] = set()
        self._lock = threading.Lock()  # _claim against shutdown's release

    def describe(self) -> str:
        return ", ".join(
            f"{name} every {duration_in_words(self.config.scheduler.job(name).interval)}"
            for name in self.jobs
        )

    def start(self) -> None:
        self._scheduler.add_job(
            self._claim,
            IntervalTrigger(seconds=self.config.daemon.takeover, timezone=UTC),
            id="_claim",
            name="take the jobs no instance holds",
            next_run_time=datetime.now(UTC),
        )
        self._scheduler.start()

    def _claim(self) -> None:
        """Take every job no instance holds; give up one whose lock was lost (its
        database connection broke: another instance may hold it now)."""
        with self._lock:
            if self.stop.is_set():
                return
            for name in self.jobs:
                try:
                    self._claim_one(name)
                except Exception as e:  # noqa: BLE001 - a database away: the next round tries
                    log.warning("job %s: cannot take its lock: %s: %s", name, type(e).__name__, e)

    def _claim_one(self, name: str) -> None:
        lock = self._holds[name]
        if lock.held:
            if not lock.still_held():
                log.warning("job %s: its lock was lost with its connection; standing by", name)
                self._scheduler.remove_job(name)
            return
        if not lock.try_acquire():
            if name not in self._standing_by:
                log.info("job %s: another instance runs it; standing by", name)
                self._standing_by.add(name)
            return
        self._standing_by.discard(name)
        interval = self.config.scheduler.job(name).interval
        first = self._first_run(name, interval)
        self._scheduler.add_job(
            self._run,
            IntervalTrigger(seconds=interval, start_date=first, timezone=UTC),
            args=(name,),
            id=name,
            name=name,
            next_run_time=first,
        )
        log.info(
            "job %s: run by this instance every %s, next at %s UTC",
            name,
            duration_in_words(interval),
            first.strftime("%H:%M:%S"),
        )

    def _first_run(self, name: str, interval: float) -> datetime:
        """When the job is next due: ``interval`` after its last recorded start (by
        whichever instance), or now."""
        now = datetime.now(UTC)
        with self.store.read() as session:
            last = JobRepo(session).last_runs().get(name)
        if last is None:
            return now
        return max(now, last.started_at + timedelta(seconds=interval))

    def _run(self, name: str) -> None:
        if self.stop.is_set():
            return
        try:
            result = run_job(name, self.config, self.store, stop=self.stop, notifier=self._notifier)
        except Exception as e:  # noqa: BLE001 - a database away: the next run tries again
            log.error("job %s could not run: %s: %s", name, type(e).__name__, e)
            return
        if result.queued and self.on_queued is not None:
            self.on_queued()

    def shutdown(self) -> None:
        with self._lock:
            self.stop.set()
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)
        for lock in self._holds.values():
            lock.release()


def hold_name(job: str) -> str:
    """The lock whose holder runs ``job`` on its interval (see the module's text)."""
    return f"hold:job:{job}"
