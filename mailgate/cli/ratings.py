"""``mailgate ratings``: the satisfaction ratings clients gave (``list``) and their
counts per department and agent over a period (``summary``) — the figures page's, on
the command line.  docs/ratings.md says how clients are asked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import click

from mailgate.cli.common import AppContext, dump_json, fail, pass_app, when
from mailgate.cli.table import Column, print_table


@click.group("ratings")
def ratings_group() -> None:
    """Satisfaction ratings: the clients' answers (good or bad) on closed tickets."""


def _day(name: str, value: str | None, *, end: bool = False) -> datetime | None:
    if value is None:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        fail(f"{name}: expected a day such as 2026-11-30 (got {value!r})", code=2)
    return datetime.combine(day + timedelta(days=1 if end else 0), time(), UTC)


@ratings_group.command("list")
@click.option("--rating", type=click.Choice(["good", "bad"]), help="Only these ratings.")
@click.option("--department", metavar="NAME", help="Only the tickets of this department.")
@click.option("--agent", metavar="ADDRESS", help="Only the ratings of this agent's work.")
@click.option("--since", metavar="DAY", help="Rated on this UTC day (YYYY-MM-DD) or later.")
@click.option("--until", metavar="DAY", help="Rated on this UTC day or earlier.")
@click.option("--limit", type=click.IntRange(1, 100000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="The document GET /api/ratings returns.")
@pass_app
def list_cmd(
    app: AppContext,
    rating: str | None,
    department: str | None,
    agent: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """The ratings given, newest first, with their comments."""
    from mailgate.tickets.views import rating_list

    start, end = _day("--since", since), _day("--until", until, end=True)
    with app.store(create_if_empty=False) as store, store.read() as session:
        doc = rating_list(
            session,
            rating=rating,
            department=department,
            agent=agent.lower() if agent else None,
            since=start,
            until=end,
            limit=limit,
        )
    if as_json:
        dump_json(doc)
        return
    if not doc["ratings"]:
        click.echo("no ratings")
        return
    rows = [
        (
            r["ticket"],
            r["rating"],
            when(r["rated_at"]),
            r["department"],
            r["agent"] or "-",
            " ".join((r["comment"] or "").split()) or "-",
        )
        for r in doc["ratings"]
    ]
    print_table(
        (
            Column("TICKET", right=True),
            Column("RATING"),
            Column("RATED"),
            Column("DEPARTMENT", keep=12),
            Column("AGENT", keep=20),
            Column("COMMENT", keep=30),
        ),
        rows,
    )
    share = doc["percent_good"]
    click.echo(
        f"\n{doc['good']} good, {doc['bad']} bad"
        + (f" ({round(share)} % good)" if share is not None else "")
    )


@ratings_group.command("summary")
@click.option(
    "--days",
    type=click.IntRange(1, 3650),
    default=30,
    show_default=True,
    help="The last N UTC days, today included.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def summary_cmd(app: AppContext, days: int, as_json: bool) -> None:
    """Good and bad ratings per department, per agent and in all, over the last days."""
    from dataclasses import asdict

    from mailgate.store.models import utcnow
    from mailgate.store.ratings_repo import RatingsRepo, Tally

    today = utcnow().date()
    since = datetime.combine(today - timedelta(days=days - 1), time(), UTC)
    until = datetime.combine(today + timedelta(days=1), time(), UTC)
    with app.store(create_if_empty=False) as store, store.read() as session:
        figures = RatingsRepo(session).figures(since, until)

    def row(t: Tally) -> dict[str, object]:
        return asdict(t) | {"percent_good": t.percent_good}

    if as_json:
        dump_json(
            {
                "since": since.date(),
                "until": today,
                "asked": figures.asked,
                "total": row(figures.total),
                "by_department": [row(t) for t in figures.by_department],
                "by_agent": [row(t) for t in figures.by_agent],
                "by_day": [row(t) for t in figures.by_day],
            }
        )
        return

    def share(t: Tally) -> str:
        return "-" if t.percent_good is None else f"{round(t.percent_good)} %"

    click.echo(f"{since.date()} to {today} (UTC): rating requests sent: {figures.asked}")
    for title, tallies in (
        ("DEPARTMENT", figures.by_department),
        ("AGENT", figures.by_agent),
    ):
        click.echo("")
        rows = [(t.key or "-", t.good, t.bad, share(t)) for t in tallies]
        rows.append(("all", figures.total.good, figures.total.bad, share(figures.total)))
        print_table(
            (
                Column(title, keep=30),
                Column("GOOD", right=True),
                Column("BAD", right=True),
                Column("GOOD %", right=True),
            ),
            rows,
        )
