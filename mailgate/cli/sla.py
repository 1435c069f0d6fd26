"""``mailgate sla report``: the service levels met and breached, per department and
priority, of the tickets opened in a period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import click

from mailgate.cli.common import AppContext, dump_json, fail, pass_app
from mailgate.cli.table import Column, Look, print_table


@click.group("sla")
def sla_group() -> None:
    """Service levels ([[sla]]): how the targets were met."""


@sla_group.command("report")
@click.option(
    "--since",
    type=click.DateTime(["%Y-%m-%d"]),
    help="First day of the period (UTC; default: 30 days before --until).",
)
@click.option(
    "--until",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Last day of the period, included (UTC; default: today).",
)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def report_cmd(
    app: AppContext, since: datetime | None, until: datetime | None, as_json: bool
) -> None:
    """Met and breached first responses and resolutions of the tickets opened in the
    period, per department and priority, as of the sla job's last run."""
    from mailgate.tickets.sla import report_document

    last = until.date() if until else datetime.now(UTC).date()
    first = since.date() if since else last - timedelta(days=29)
    if first > last:
        fail(f"--since {first} is after --until {last}", code=2)
    with app.store(create_if_empty=False) as store, store.read() as session:
        doc = report_document(session, first, last)
    if as_json:
        dump_json(doc)
        return
    rows = doc["rows"]
    click.echo(f"Tickets opened {first} to {last} (UTC)")
    if not rows:
        click.echo("no tickets with a service level")
        return
    columns = (
        Column("DEPT", keep=12),
        Column("PRIO"),
        Column("TICKETS", right=True),
        Column("RESPONSE MET", right=True),
        Column("BREACHED", right=True),
        Column("RESOLUTION MET", right=True),
        Column("BREACHED", right=True),
    )
    table = [
        (
            r["department"],
            r["priority"],
            r["tickets"],
            _share(r["first_response"]),
            r["first_response"]["breached"],
            _share(r["resolution"]),
            r["resolution"]["breached"],
        )
        for r in rows
    ]
    print_table(columns, table, {4: _breached_look, 6: _breached_look})


def _share(outcomes: dict[str, int]) -> str:
    """``12 (86%)``: met, and its share of the targets decided (met or breached)."""
    met = outcomes["met"]
    decided = met + outcomes["breached"]
    return f"{met} ({round(100 * met / decided)}%)" if decided else "-"


def _breached_look(value: str) -> Look | None:
    return Look(fg="red", bold=True) if value.strip() not in ("", "0") else None
