"""``mailgate tickets merge`` and ``mailgate tickets split``."""

from __future__ import annotations

import click

from mailgate.cli.agents import actor_of, run_action
from mailgate.cli.common import NUMBER, AppContext, as_option, pass_app


@click.command("merge")
@click.argument("source", type=NUMBER)
@click.option("--into", "target", type=NUMBER, required=True, help="The ticket to merge into.")
@click.option(
    "--force",
    is_flag=True,
    help="Merge tickets of two different requesters (each then sees the other's mail).",
)
@click.option("--quiet", is_flag=True, help="Do not tell the clients (no ticket_merged mail).")
@as_option
@pass_app
def merge_cmd(
    app: AppContext, source: int, target: int, force: bool, quiet: bool, as_: str | None
) -> None:
    """Merge ticket SOURCE into the ticket of --into: its messages and participants move
    there, SOURCE stays as a closed stub whose number (#[SOURCE] in a subject) leads
    there, and the clients are told in one ticket_merged mail."""
    from mailgate.tickets.merging import merge_tickets

    agent = actor_of(app, as_)
    merged = run_action(
        app,
        lambda store, notifier: merge_tickets(
            store, notifier, source, target, agent, confirmed=force, notify=not quiet
        ),
    )
    told = (
        f"; ticket_merged <{merged.message_id}> queued to {', '.join(merged.recipients)}"
        if merged.message_id
        else ""
    )
    click.echo(
        f"ticket {merged.source} merged into ticket {merged.target}: "
        f"{merged.messages} message(s) moved{told}"
    )


@click.command("split")
@click.argument("number", type=NUMBER)
@click.option(
    "--message",
    "message",
    type=NUMBER,
    required=True,
    help="The id of the client's message that starts the new ticket (mailgate ticket N "
    "--json lists them).",
)
@click.option("--tail", is_flag=True, help="Move the messages after it too.")
@click.option("--quiet", is_flag=True, help="Do not send the new ticket's acknowledgment.")
@as_option
@pass_app
def split_cmd(
    app: AppContext, number: int, message: int, tail: bool, quiet: bool, as_: str | None
) -> None:
    """Split a client's message (with --tail: and the thread after it) off ticket NUMBER
    into a new ticket linked to it; the message's sender is its requester and gets its
    acknowledgment."""
    from mailgate.tickets.splitting import split_ticket

    agent = actor_of(app, as_)
    done = run_action(
        app,
        lambda store, notifier: split_ticket(
            store, notifier, number, message, agent, tail=tail, notify=not quiet
        ),
    )
    told = f"; acknowledgment <{done.message_id}> queued" if done.message_id else ""
    click.echo(
        f"ticket {done.new} split from ticket {done.number} for {done.requester}: "
        f"message(s) {', '.join(str(m) for m in done.messages)}{told}"
    )


@click.command("not-duplicate")
@click.argument("number", type=NUMBER)
@click.option(
    "--of", "other", type=NUMBER, required=True, help="The other ticket of the likely duplicate."
)
@as_option
@pass_app
def not_duplicate_cmd(app: AppContext, number: int, other: int, as_: str | None) -> None:
    """Say that ticket NUMBER and the ticket of --of, flagged as likely duplicates, are
    not: both keep the link, marked dismissed, and offer no merge any more."""
    from mailgate.tickets.merging import dismiss_duplicate

    agent = actor_of(app, as_)
    done = run_action(app, lambda store, _notifier: dismiss_duplicate(store, number, other, agent))
    click.echo(f"tickets {done.number} and {done.other}: not duplicates")
