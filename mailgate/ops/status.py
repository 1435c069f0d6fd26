"""What ``mailgate status`` shows: the scheduled jobs and their last runs, how much mail
waits where, and the figures and health verdict that ``/metrics`` and ``/healthz`` serve
(:mod:`mailgate.metrics`).  One document (plain values), so that the command line
prints it for people or as JSON."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mailgate.config import Config
from mailgate.metrics import health, health_document
from mailgate.scheduler.jobs import JOBS
from mailgate.store import inbox_repo, outbox_repo
from mailgate.store.figures_repo import FiguresRepo
from mailgate.store.jobs_repo import JobRepo


def status_document(session: Session, config: Config) -> dict[str, Any]:
    runs = JobRepo(session).last_runs()
    jobs = []
    for name, job in JOBS.items():
        settings = config.scheduler.job(name)
        run = runs.get(name)
        jobs.append(
            {
                "name": name,
                "description": job.description,
                "enabled": settings.enabled,
                "interval_seconds": settings.interval,
                "last_run": None
                if run is None
                else {
                    "outcome": run.outcome,
                    "started_at": run.started_at,
                    "finished_at": run.finished_at,
                    "summary": run.summary,
                    "error": run.error,
                    "instance": run.instance,
                    "succeeded_at": run.succeeded_at,
                },
            }
        )
    figures = FiguresRepo(session).figures()
    inbox = dict.fromkeys(inbox_repo.STATES, 0) | figures.inbox_by_state
    outbox = dict.fromkeys(outbox_repo.STATES, 0) | figures.outbox_by_state
    stuck_after = config.daemon.stuck_after
    return {
        "jobs": jobs,
        "inbox": inbox,
        "outbox": outbox,
        "received_by_source": figures.received_by_source,
        "processed_by_verdict": figures.processed_by_verdict,
        "outbox_retrying": figures.outbox_retrying,
        "health": health_document(figures, health(figures, stuck_after, None), stuck_after),
    }
