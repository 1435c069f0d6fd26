"""``mailgate tickets tag N add|remove TAG…`` and ``mailgate tickets field N NAME
[VALUE]``: an agent's tags and custom fields from the command line, through the same
functions as the API and the console (:mod:`mailgate.tickets.labels`)."""

from __future__ import annotations

import click

from mailgate.cli.common import NUMBER, AppContext, as_option, fail, pass_app


@click.command("tag")
@click.argument("number", type=NUMBER)
@click.argument("action", type=click.Choice(["add", "remove"]))
@click.argument("tags", nargs=-1, required=True, metavar="TAG...")
@as_option
@pass_app
def tag_cmd(
    app: AppContext, number: int, action: str, tags: tuple[str, ...], as_: str | None
) -> None:
    """Add TAGs to ticket NUMBER, or remove them (a tag already there, or already gone,
    is left as it is)."""
    from mailgate.cli.agents import actor_of, run_action
    from mailgate.tickets.labels import change_tags

    agent = actor_of(app, as_)
    adding = tags if action == "add" else ()
    removing = tags if action == "remove" else ()
    done = run_action(
        app, lambda store, _n: change_tags(store, number, agent, add=adding, remove=removing)
    )
    changed = [f"+{t}" for t in done.added] + [f"-{t}" for t in done.removed]
    click.echo(
        f"ticket {number}: {' '.join(changed) or 'no change'}; "
        f"tags: {', '.join(done.tags) or 'none'}"
    )


@click.command("field")
@click.argument("number", type=NUMBER)
@click.argument("name")
@click.argument("value", required=False)
@click.option("--clear", is_flag=True, help="Clear the field (refused for a required one).")
@as_option
@pass_app
def field_cmd(
    app: AppContext, number: int, name: str, value: str | None, clear: bool, as_: str | None
) -> None:
    """Set custom field NAME of ticket NUMBER to VALUE (a field of the ticket's
    department in [[fields]]; its type checks the value), or clear it with --clear."""
    from mailgate.cli.agents import actor_of, run_action
    from mailgate.tickets.labels import set_fields

    if (value is None) == (not clear):
        fail("field: give a VALUE, or --clear", code=2)
    agent = actor_of(app, as_)
    done = run_action(
        app, lambda store, _n: set_fields(store, app.config, number, {name: value}, agent)
    )
    for c in done.changes:
        click.echo(f"ticket {number}: {c.name} {c.old or '-'} → {c.new or '-'}")
    if not done.changes:
        click.echo(f"ticket {number}: {name} already {value if value is not None else 'unset'}")
