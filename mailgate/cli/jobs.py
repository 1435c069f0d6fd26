"""The operators' view of the daemon's work: ``mailgate status`` and ``mailgate jobs run``."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any

import click

from mailgate.cli.common import AppContext, dump_json, fail, pass_app
from mailgate.config import describe_duration
from mailgate.scheduler.jobs import JOBS


def _at(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def _took(run: dict[str, Any]) -> str:
    if run["finished_at"] is None:
        return "-"
    return f"{(run['finished_at'] - run['started_at']).total_seconds():.1f}s"


@click.command("status")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def status_cmd(app: AppContext, as_json: bool) -> None:
    """The scheduled jobs (interval, last run, outcome) and the mail in the inbox and
    the outbox by state."""
    from mailgate.ops.status import status_document

    with app.store(create_if_empty=False) as store, store.read() as session:
        doc = status_document(session, app.config)
    if as_json:
        dump_json(doc)
        return
    click.echo(
        f"{'job':<12} {'every':<12} {'last run (UTC)':<19}  {'took':>6}  {'outcome':<8} summary"
    )
    for job in doc["jobs"]:
        every = describe_duration(job["interval_seconds"]) if job["enabled"] else "disabled"
        run = job["last_run"]
        if run is None:
            click.echo(f"{job['name']:<12} {every:<12} never")
            continue
        summary = run["summary"]
        if run["outcome"] == "running":
            summary = f"running on {run['instance']}"
        click.echo(
            f"{job['name']:<12} {every:<12} {_at(run['started_at']):<19}  {_took(run):>6}  "
            f"{run['outcome']:<8} {summary}"
        )
        if run["error"]:
            click.echo(f"{'':<12} error: {run['error']}")
            click.echo(f"{'':<12} last success: {_at(run['succeeded_at'])}")
    click.echo("")
    for queue in ("inbox", "outbox"):
        counts = "  ".join(f"{state} {n}" for state, n in doc[queue].items())
        click.echo(f"{queue:<8} {counts}")
    click.echo("")
    for title, key in (("received", "received_by_source"), ("verdicts", "processed_by_verdict")):
        counts = "  ".join(f"{k} {n}" for k, n in sorted(doc[key].items())) or "none"
        click.echo(f"{title:<8} {counts}")
    h = doc["health"]
    waiting = [
        f"{q} {h[q]['waiting']} waiting"
        + (f" (oldest {describe_duration(h[q]['oldest_age_seconds'])})" if h[q]["waiting"] else "")
        for q in ("inbox", "outbox")
    ]
    retrying = f", {doc['outbox_retrying']} retrying" if doc["outbox_retrying"] else ""
    click.echo(f"{'backlog':<8} {', '.join(waiting)}{retrying}")
    stuck = describe_duration(h["stuck_after_seconds"])
    if h["status"] == "ok":
        click.echo(f"{'health':<8} ok (no queue waits longer than {stuck})")
    else:
        for problem in h["problems"]:
            click.echo(f"{'health':<8} FAILING: {problem}")


@click.group("jobs")
def jobs_group() -> None:
    """Scheduled jobs (`mailgate run` runs them on their intervals)."""


@jobs_group.command("run")
@click.argument("name", type=click.Choice(list(JOBS)))
@pass_app
def jobs_run_cmd(app: AppContext, name: str) -> None:
    """Run job NAME once, now (also when it is disabled in [scheduler.jobs]); its run
    is recorded for `mailgate status` as the scheduler's are."""
    from mailgate.scheduler.jobs import run_job

    with app.store() as store:
        result = run_job(name, app.config, store)
    if result.outcome == "skipped":
        fail(f"job {name} is running on another instance right now; not run", code=1)
    click.echo(f"{name}: {result.summary or result.outcome} ({result.seconds:.1f}s)")
    if result.error:
        click.echo(f"mailgate: job {name} failed: {result.error}", err=True)
        sys.exit(1)
