"""Agents' sign-in to the console: ``mailgate agent password|disable|enable|sessions|signout``.

The agents are ``[[agents]]`` of the configuration; these commands give one a password,
take their sign-in away or give it back, and list or end their sessions.
"""

from __future__ import annotations

import getpass
import sys

import click

from mailgate.cli.common import AppContext, fail, pass_app, when
from mailgate.cli.table import Column, print_table

# Shorter passwords are refused; longer ones are a paste gone wrong.
SHORTEST_PASSWORD = 10
LONGEST_PASSWORD = 1024


@click.group("agent")
def agent_group() -> None:
    """Agents' sign-in to the console (ADDRESS: an agent of [[agents]])."""


def _agent(app: AppContext, address: str) -> str:
    """The address of the agent of [[agents]] named ``address``, else the command ends."""
    agent = app.config.agent(address)
    if agent is None:
        known = ", ".join(a.address for a in app.config.agents) or "none configured"
        fail(f"{address}: not an agent of [[agents]] (agents: {known})", code=2)
    return agent.address


def _read_password(address: str) -> str:
    """The new password: one line of standard input when it is not a terminal (its line
    end removed), else typed twice without echo."""
    if not sys.stdin.isatty():
        text = sys.stdin.read()
        if text.endswith("\n"):
            text = text[:-1]
        text = text.removesuffix("\r")
        if "\n" in text or "\r" in text:
            fail("the password must be one line of standard input; nothing changed", code=1)
        return _acceptable(text)
    first = _acceptable(getpass.getpass(f"New password for {address}: "))
    if getpass.getpass("Again: ") != first:
        fail("the passwords differ; nothing changed", code=1)
    return first


def _acceptable(password: str) -> str:
    if not password:
        fail("the password is empty; nothing changed", code=1)
    if len(password) < SHORTEST_PASSWORD:
        fail(f"the password is shorter than {SHORTEST_PASSWORD} characters; nothing changed")
    if len(password) > LONGEST_PASSWORD:
        fail(f"the password is longer than {LONGEST_PASSWORD} characters; nothing changed")
    return password


def _ended(count: int) -> str:
    return f"{count} session{'' if count == 1 else 's'} ended"


@agent_group.command("password")
@click.argument("address")
@pass_app
def password_cmd(app: AppContext, address: str) -> None:
    """Set the console password of ADDRESS; their sessions end.

    Read from standard input when it is not a terminal (one line), else typed twice.
    At least 10 characters."""
    from mailgate.store.accounts_repo import AccountsRepo, hash_password
    from mailgate.store.models import utcnow

    agent = _agent(app, address)
    password = _read_password(agent)
    hashed = hash_password(password)
    with app.store() as store, store.write() as session:
        repo = AccountsRepo(session)
        account = repo.account(agent)
        ended = repo.set_password(agent, hashed, utcnow())
    disabled = ""
    if account is not None and account.disabled:
        disabled = " (sign-in is disabled: `mailgate agent enable`)"
    click.echo(f"{agent}: password set, {_ended(ended)}{disabled}")


@agent_group.command("disable")
@click.argument("address")
@pass_app
def disable_cmd(app: AppContext, address: str) -> None:
    """Refuse ADDRESS sign-in to the console (password or single sign-on); their
    sessions end.  The password is kept for `mailgate agent enable`."""
    from mailgate.store.accounts_repo import AccountsRepo
    from mailgate.store.models import utcnow

    agent = _agent(app, address)
    with app.store() as store, store.write() as session:
        changed, ended = AccountsRepo(session).set_disabled(agent, True, utcnow())
    already = "" if changed else " (it already was)"
    click.echo(f"{agent}: sign-in disabled{already}, {_ended(ended)}")


@agent_group.command("enable")
@click.argument("address")
@pass_app
def enable_cmd(app: AppContext, address: str) -> None:
    """Let ADDRESS sign in to the console again."""
    from mailgate.store.accounts_repo import AccountsRepo
    from mailgate.store.models import utcnow

    agent = _agent(app, address)
    with app.store() as store, store.write() as session:
        repo = AccountsRepo(session)
        changed, _ = repo.set_disabled(agent, False, utcnow())
        account = repo.account(agent)
        no_password = account is None or account.password_hash is None
    already = "" if changed else " (it was not disabled)"
    hint = "; no password yet: `mailgate agent password`" if no_password else ""
    click.echo(f"{agent}: sign-in enabled{already}{hint}")


@agent_group.command("sessions")
@click.argument("address")
@pass_app
def sessions_cmd(app: AppContext, address: str) -> None:
    """List the live console sessions of ADDRESS, the most recently used first."""
    from mailgate.store.accounts_repo import AccountsRepo, Lifetime
    from mailgate.store.models import utcnow

    agent = _agent(app, address)
    with app.store(create_if_empty=False) as store, store.read() as session:
        repo = AccountsRepo(session)
        account = repo.account(agent)
        rows = [
            (when(r.created_at), when(r.seen_at), r.client or "-", r.user_agent or "-")
            for r in repo.sessions_of(agent, utcnow(), Lifetime.of(app.config))
        ]
    state = "no password" if account is None or account.password_hash is None else "password set"
    if account is not None and account.disabled:
        state += ", sign-in disabled"
    click.echo(f"{agent}: {state}")
    if not rows:
        click.echo("no sessions")
        return
    columns = (
        Column("SIGNED IN (UTC)"),
        Column("LAST SEEN (UTC)"),
        Column("CLIENT", keep=20),
        Column("BROWSER", keep=30),
    )
    print_table(columns, rows)


@agent_group.command("signout")
@click.argument("address")
@pass_app
def signout_cmd(app: AppContext, address: str) -> None:
    """End every console session of ADDRESS (they sign in again; with single sign-on,
    at their next request)."""
    from mailgate.store.accounts_repo import AccountsRepo

    agent = _agent(app, address)
    with app.store(create_if_empty=False) as store, store.write() as session:
        ended = AccountsRepo(session).end_sessions(agent)
    click.echo(f"{agent}: {_ended(ended)}")
