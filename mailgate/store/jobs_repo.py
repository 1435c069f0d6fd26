"""Scheduled jobs' bookkeeping: each job's last run, for ``mailgate status``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mailgate.store.models import JobState


@dataclass(frozen=True)
class LastRun:
    name: str
    outcome: str  # running | ok | error
    started_at: datetime
    finished_at: datetime | None
    summary: str
    error: str | None
    instance: str
    succeeded_at: datetime | None


class JobRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def started(self, name: str, at: datetime, instance: str) -> None:
        """A run of ``name`` began (committed at once, so that a run in progress — or one
        whose instance died — shows as ``running``)."""
        row = self.session.get(JobState, name, with_for_update=True)
        if row is None:
            row = JobState(name=name)
            self.session.add(row)
        row.outcome = "running"
        row.started_at = at
        row.finished_at = None
        row.summary = ""
        row.error = None
        row.instance = instance

    def finished(
        self, name: str, at: datetime, *, outcome: str, summary: str, error: str | None
    ) -> None:
        row = self.session.get(JobState, name, with_for_update=True)
        if row is None:  # started() was not recorded: the run still happened
            row = JobState(name=name, started_at=at, instance="")
            self.session.add(row)
        row.outcome = outcome
        row.finished_at = at
        row.summary = summary[:4000]
        row.error = error[:4000] if error else None
        if outcome == "ok":
            row.succeeded_at = at

    def last_runs(self) -> dict[str, LastRun]:
        return {
            r.name: LastRun(
                r.name,
                r.outcome,
                r.started_at,
                r.finished_at,
                r.summary,
                r.error,
                r.instance,
                r.succeeded_at,
            )
            for r in self.session.scalars(select(JobState).order_by(JobState.name))
        }
