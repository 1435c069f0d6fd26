"""The scheduled jobs, by name, and how one run of a job goes.

A job is a name, a line that says what it does, and a function of a :class:`JobContext`
that returns a :class:`Report` (a summary for people: "closed 3 tickets").  Adding a job
is one entry in :data:`JOBS` and its ``[scheduler.jobs.<name>]`` table in the
configuration.

:func:`run_job` runs a job once, as the scheduler and ``mailgate jobs run`` do: under a
:class:`JobLock` named after the job, so that among instances sharing a PostgreSQL
database (or processes sharing a SQLite file) one at a time runs it — another that finds
it taken skips that run — and with its start and end recorded (``job_state``).  A run
whose job raises is recorded as an error with the error's text; the next run is another
try.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

# The table of jobs is read by the command line to offer their names
# (`mailgate jobs run NAME`): what running a job needs is imported when one runs.
if TYPE_CHECKING:
    from mailgate.config import Config
    from mailgate.notify import Notifier
    from mailgate.store.engine import Store

log = logging.getLogger(__name__)


@dataclass
class JobContext:
    """What a job works with.  ``now`` is the clock the job decides by (tests pass their
    own); ``stop`` is set when the daemon stops: a job checks it between batches."""

    config: Config
    store: Store
    now: datetime
    stop: threading.Event = field(default_factory=threading.Event)
    _notifier: Notifier | None = None

    @property
    def notifier(self) -> Notifier:
        if self._notifier is None:
            from mailgate.notify import Notifier, Templates

            self._notifier = Notifier(self.config, Templates(self.config.templates.directory))
        return self._notifier


@dataclass(frozen=True)
class Report:
    """What a run did.  ``error``: a problem that makes the run's outcome an error though
    it did the rest of its work; ``queued``: outgoing messages it queued."""

    summary: str
    error: str | None = None
    queued: int = 0


@dataclass(frozen=True)
class Job:
    name: str
    description: str
    run: Callable[[JobContext], Report]


def _auto_close(ctx: JobContext) -> Report:
    from mailgate.tickets.autoclose import auto_close

    result = auto_close(ctx.store, ctx.notifier, ctx.config, ctx.now, stop=ctx.stop)
    error = "; ".join(f"ticket {n}: {e}" for n, e in result.failed) or None
    return Report(result.summary, error, queued=len(result.closed))


def _retention(ctx: JobContext) -> Report:
    from mailgate.inbox.retention import prune_raw

    return Report(prune_raw(ctx.store, ctx.config.retention, ctx.now, stop=ctx.stop).summary)


def _sla(ctx: JobContext) -> Report:
    from mailgate.tickets.sla import run_sla

    result = run_sla(ctx.store, ctx.notifier, ctx.config, ctx.now, stop=ctx.stop)
    error = "; ".join(f"ticket {n}: {e}" for n, e in result.failed) or None
    return Report(result.summary, error, queued=len(result.warned) + len(result.escalated))


JOBS: Mapping[str, Job] = {
    job.name: job
    for job in (
        Job(
            "auto_close",
            "close answered tickets the client left unanswered for [lifecycle] auto_close_after",
            _auto_close,
        ),
        Job(
            "retention",
            "prune the raw bytes of mail processed more than [retention] keep_raw_days ago",
            _retention,
        ),
        Job(
            "sla",
            "keep the tickets' service level clocks current; warn before and escalate at a "
            "breach ([[sla]])",
            _sla,
        ),
    )
}


@dataclass(frozen=True)
class RunResult:
    name: str
    outcome: str  # ok | error | skipped (another instance holds the job's lock)
    summary: str = ""
    error: str | None = None
    seconds: float = 0.0
    queued: int = 0


def instance() -> str:
    """How ``mailgate status`` names the instance that ran a job: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def lock_name(job: str) -> str:
    return f"job:{job}"


def run_job(
    name: str,
    config: Config,
    store: Store,
    *,
    now: datetime | None = None,
    stop: threading.Event | None = None,
    notifier: Notifier | None = None,
) -> RunResult:
    """Run job ``name`` once, now, unless another instance is running it."""
    from mailgate.store.jobs_repo import JobRepo
    from mailgate.store.locks import JobLock
    from mailgate.store.models import utcnow

    job = JOBS[name]
    lock = JobLock(store, lock_name(name))
    if not lock.try_acquire():
        log.debug("job %s: running on another instance; this run is skipped", name)
        return RunResult(name, "skipped")
    try:
        started = utcnow()
        with store.write() as session:
            JobRepo(session).started(name, started, instance())
        clock = time.monotonic()
        context = JobContext(config, store, now or started, stop or threading.Event(), notifier)
        try:
            report = job.run(context)
        except Exception as e:  # recorded on the job; the next run retries
            log.exception("job %s failed", name)
            report = Report("", f"{type(e).__name__}: {e}")
        else:
            # What a job changed it logs itself; a run that changed nothing is not news.
            log.log(
                logging.ERROR if report.error else logging.DEBUG,
                "job %s: %s%s",
                name,
                report.summary,
                f"; {report.error}" if report.error else "",
            )
        outcome = "error" if report.error else "ok"
        with store.write() as session:
            JobRepo(session).finished(
                name, utcnow(), outcome=outcome, summary=report.summary, error=report.error
            )
        seconds = time.monotonic() - clock
    finally:
        lock.release()
    return RunResult(name, outcome, report.summary, report.error, seconds, report.queued)
