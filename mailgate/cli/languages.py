"""``mailgate client-language``: the language a client is answered in, shown or set by
an agent (docs/languages.md)."""

from __future__ import annotations

import click

from mailgate.cli.common import AppContext, as_option, fail, pass_app, when


@click.command("client-language")
@click.argument("address")
@click.argument("language", required=False)
@click.option("--forget", is_flag=True, help="Forget it: the client's next mail decides.")
@as_option
@pass_app
def client_language_cmd(
    app: AppContext, address: str, language: str | None, forget: bool, as_: str | None
) -> None:
    """Show the language ADDRESS is answered in, or set it to LANGUAGE (one of
    [helpdesk] languages): their tickets that are not closed move to it, and their mail
    no longer decides it."""
    from mailgate.cli.agents import actor_of
    from mailgate.tickets.client_language import (
        client_language,
        forget_client_language,
        set_client_language,
    )

    if forget and language:
        fail("give a LANGUAGE or --forget, not both", code=2)
    with app.store(create_if_empty=False) as store:
        if forget:
            if not forget_client_language(store, address):
                fail(f"{address}: no language remembered", code=1)
            click.echo(f"{address}: forgotten; their next mail decides")
            return
        if language is None:
            shown = client_language(store, address)
        else:
            shown = set_client_language(store, app.config, address, language, actor_of(app, as_))
    if shown.language is None:
        click.echo(f"{shown.address}: none remembered (their mail decides, docs/languages.md)")
        return
    how = (
        f"set by {shown.decided_by}"
        if shown.source == "agent"
        else f"shown by their mail ({shown.decided_by})"
    )
    since = f", {when(shown.updated_at)}" if shown.updated_at else ""
    click.echo(f"{shown.address}: {shown.language} ({shown.source}: {how}{since})")
    if shown.moved:
        click.echo(f"tickets now in {shown.language}: {', '.join(map(str, shown.moved))}")
