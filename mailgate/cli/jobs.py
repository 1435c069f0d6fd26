"""The operators' view of the daemon's work: ``mailgate status`` and ``mailgate jobs run``."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any

import click

from mailgate.cli.common import AppContext, dump_json, fail, pass_app
from mailgate.cli.output import styled_echo
from mailgate.cli.table import Column, Look, colour, print_table, visible
from mailgate.scheduler.jobs import JOBS


def _at(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value else "-"


def _in_words(seconds: float) -> str:
    from mailgate.config import duration_in_words

    return duration_in_words(seconds)


def _took(run: dict[str, Any]) -> str:
    if run["finished_at"] is None:
        return "-"
    return f"{(run['finished_at'] - run['started_at']).total_seconds():.1f}s"


@click.command("status")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def status_cmd(app: AppContext, as_json: bool) -> None:
    """The scheduled jobs (interval, last run, outcome), the mail waiting in the inbox
    (to be processed) and the outbox (to be sent), what was received and processed,
    and the health verdict of /healthz."""
    from mailgate.ops.status import status_document

    with app.store(create_if_empty=False) as store, store.read() as session:
        doc = status_document(session, app.config)
    if as_json:
        dump_json(doc)
        return
    _jobs(doc["jobs"])
    click.echo("")
    _queues(doc)
    for title, key, count in (
        ("SOURCE", "received_by_source", "RECEIVED"),
        ("VERDICT", "processed_by_verdict", "PROCESSED"),
    ):
        click.echo("")
        rows = sorted(doc[key].items()) or [("-", 0)]
        print_table((Column(title), Column(count, right=True)), rows)
    click.echo("")
    _health(doc["health"])


def _jobs(jobs: list[dict[str, Any]]) -> None:
    rows = []
    errors = []
    for job in jobs:
        every = _in_words(job["interval_seconds"]) if job["enabled"] else "disabled"
        run = job["last_run"]
        if run is None:
            rows.append((job["name"], every, "never", "-", "-", "-"))
            continue
        summary = run["summary"] or "-"
        if run["outcome"] == "running":
            summary = f"running on {run['instance']}"
        if run["error"]:
            # In full below the table: an operator needs all of it.
            errors.append(
                f"{job['name']}: error: {run['error']}; last success: {_at(run['succeeded_at'])}"
            )
        rows.append(
            (job["name"], every, _at(run["started_at"]), _took(run), run["outcome"], summary)
        )
    print_table(
        (
            Column("JOB"),
            Column("EVERY"),
            Column("LAST RUN (UTC)"),
            Column("TOOK", right=True),
            Column("OUTCOME"),
            Column("SUMMARY", keep=30),
        ),
        rows,
        {4: _outcome_look},
    )
    for error in errors:
        click.echo(error)


def _outcome_look(outcome: str) -> Look | None:
    return {"ok": Look(fg="green"), "error": Look(fg="red", bold=True)}.get(outcome)


def _queues(doc: dict[str, Any]) -> None:
    """One word per thing, as /metrics says it: a message *waits* in the inbox until it
    is processed and in the outbox until it is sent (the ``*_backlog`` gauges), those
    waiting again after a temporary failure are *retrying*."""
    h = doc["health"]
    inbox, outbox = doc["inbox"], doc["outbox"]

    def oldest(queue: str) -> str:
        return _in_words(h[queue]["oldest_age_seconds"]) if h[queue]["waiting"] else "-"

    print_table(
        (
            Column("QUEUE"),
            Column("WAITING", right=True),
            Column("OLDEST"),
            Column("RETRYING", right=True),
            Column("PROCESSED", right=True),
            Column("SENT", right=True),
            Column("HELD", right=True),
            Column("QUARANTINED", right=True),
            Column("FAILED", right=True),
        ),
        [
            (
                "inbox",
                h["inbox"]["waiting"],
                oldest("inbox"),
                "-",
                inbox.get("processed", 0),
                "-",
                inbox.get("held", 0),
                inbox.get("quarantined", 0),
                inbox.get("failed", 0),
            ),
            (
                "outbox",
                h["outbox"]["waiting"],
                oldest("outbox"),
                doc["outbox_retrying"],
                "-",
                outbox.get("sent", 0),
                "-",
                "-",
                outbox.get("failed", 0),
            ),
        ],
    )


def _health(h: dict[str, Any]) -> None:
    coloured = colour()
    stuck = _in_words(h["stuck_after_seconds"])
    if h["status"] == "ok":
        verdict = click.style("ok", fg="green") if coloured else "ok"
        styled_echo(
            f"health: {verdict} (no message has waited longer than {stuck})", color=coloured
        )
        return
    verdict = click.style("FAILING", fg="red", bold=True) if coloured else "FAILING"
    for problem in h["problems"]:
        styled_echo(f"health: {verdict}: {visible(problem)}", color=coloured)


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
