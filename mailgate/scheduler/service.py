"""Running the jobs on their intervals: APScheduler's BackgroundScheduler.

Each enabled job of ``[scheduler.jobs]`` runs once at start and then every ``interval``,
in a thread of its own (a long retention run does not hold up auto-close).  A run still
going when the next is due is not doubled, and runs missed while the machine slept are
made up once, not one per missed interval.  Whether a run does the work or is skipped
because another instance holds the job's lock is :func:`run_job`'s business.

:meth:`Scheduler.shutdown` stops promptly: no new runs start, and running jobs see their
``stop`` event and end after the batch they are writing.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.interval import IntervalTrigger

from mailgate.config import Config, describe_duration
from mailgate.notify import Notifier, Templates
from mailgate.scheduler.jobs import run_job
from mailgate.store.engine import Store

log = logging.getLogger(__name__)


class Scheduler:
    def __init__(
        self, config: Config, store: Store, *, on_queued: Callable[[], None] | None = None
    ) -> None:
        self.config = config
        self.store = store
        self.on_queued = on_queued
        self.stop = threading.Event()
        self.jobs = config.scheduler.enabled_jobs()
        self._notifier = Notifier(config, Templates(config.templates.directory))
        # APScheduler says "Running job …" and "executed successfully" at INFO for every
        # run; run_job reports what matters.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        self._scheduler = BackgroundScheduler(
            timezone=UTC,
            executors={"default": ThreadPoolExecutor(max(1, len(self.jobs)))},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )

    def describe(self) -> str:
        return ", ".join(
            f"{name} every {describe_duration(self.config.scheduler.job(name).interval)}"
            for name in self.jobs
        )

    def start(self) -> None:
        now = datetime.now(UTC)
        for name in self.jobs:
            self._scheduler.add_job(
                self._run,
                IntervalTrigger(seconds=self.config.scheduler.job(name).interval, timezone=UTC),
                args=(name,),
                id=name,
                name=name,
                next_run_time=now,
            )
        self._scheduler.start()

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
        self.stop.set()
        if self._scheduler.running:
            self._scheduler.shutdown(wait=True)
