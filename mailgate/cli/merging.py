"""``mailgate tickets merge`` and ``mailgate tickets split``, and how a ticket's links to
other tickets read in ``mailgate ticket N`` (a likely duplicate, a merge, a split)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import click

from mailgate.cli.common import NUMBER, AppContext, pass_app

# How each relation of a link reads, from the ticket shown ({other}: the other's token).
_PHRASES = {
    "duplicate_of": "likely a duplicate of {other}",
    "has_duplicate": "{other} is likely a duplicate of this ticket",
    "merged_into": "merged into {other}",
    "merged_from": "{other} was merged into this ticket",
    "split_from": "split from {other}",
    "split_into": "{other} was split from this ticket",
}


def link_lines(doc: dict[str, Any], subject_token: str) -> Iterator[str]:
    """The lines that say what a ticket's document says of other tickets."""

    def token(number: int) -> str:
        return subject_token.replace("{number}", str(number))

    if doc.get("merged_into"):
        yield f"MERGED into {token(doc['merged_into'])}: its number leads there"
    for link in doc.get("links", ()):
        phrase = _PHRASES.get(link["relation"], link["relation"] + " {other}")
        line = phrase.format(other=token(link["ticket"]))
        if link["subject"] is not None:
            line += f' ("{link["subject"]}", {link["status"]})'
        score = link["data"].get("score")
        if link["kind"] == "duplicate" and score is not None:
            line += f", {round(score * 100)}% alike"
        if link["kind"] == "duplicate" and link["merged_into"] is None and not doc["merged_into"]:
            newer = link["relation"] == "duplicate_of"
            source, target = (doc["number"], link["ticket"])
            if not newer:
                source, target = target, source
            line += f" — mailgate tickets merge {source} --into {target}"
        yield line


@click.command("merge")
@click.argument("source", type=NUMBER)
@click.option("--into", "target", type=NUMBER, required=True, help="The ticket to merge into.")
@click.option(
    "--force",
    is_flag=True,
    help="Merge tickets of two different requesters (each then sees the other's mail).",
)
@click.option("--quiet", is_flag=True, help="Do not tell the clients (no ticket_merged mail).")
@click.option(
    "--as",
    "as_",
    metavar="ADDRESS",
    help="Act as this agent of [[agents]] (default: [helpdesk] default_agent, else the system).",
)
@pass_app
def merge_cmd(
    app: AppContext, source: int, target: int, force: bool, quiet: bool, as_: str | None
) -> None:
    """Merge ticket SOURCE into the ticket of --into: its messages and participants move
    there, SOURCE stays as a closed stub whose number (#[SOURCE] in a subject) leads
    there, and the clients are told in one ticket_merged mail."""
    from mailgate.cli.agents import _act, _actor
    from mailgate.tickets.merging import merge_tickets

    agent = _actor(app, as_)
    merged = _act(
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
@click.option(
    "--as",
    "as_",
    metavar="ADDRESS",
    help="Act as this agent of [[agents]] (default: [helpdesk] default_agent, else the system).",
)
@pass_app
def split_cmd(
    app: AppContext, number: int, message: int, tail: bool, quiet: bool, as_: str | None
) -> None:
    """Split a client's message (with --tail: and the thread after it) off ticket NUMBER
    into a new ticket linked to it; the message's sender is its requester and gets its
    acknowledgment."""
    from mailgate.cli.agents import _act, _actor
    from mailgate.tickets.splitting import split_ticket

    agent = _actor(app, as_)
    done = _act(
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
