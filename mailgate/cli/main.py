"""The ``mailgate`` command: the daemon, the mail edges and the operators' tools."""

from __future__ import annotations

import sys

import click

from mailgate import __version__
from mailgate.cli.accounts import agent_group
from mailgate.cli.agents import (
    assign_cmd,
    reply_cmd,
    suppressions_cmd,
    ticket_cmd,
    tickets_cmd,
)
from mailgate.cli.common import AppContext, Commands, fail, pass_app
from mailgate.cli.contacts import contacts_group, orgs_group
from mailgate.cli.imap import imap_group
from mailgate.cli.jobs import jobs_group, status_cmd
from mailgate.cli.labels import field_cmd, tag_cmd
from mailgate.cli.languages import client_language_cmd
from mailgate.cli.mail import (
    accept_cmd,
    deliver_cmd,
    explain_cmd,
    import_cmd,
    parse_cmd,
    process_cmd,
    quarantine_cmd,
    reprocess_cmd,
)
from mailgate.cli.merging import merge_cmd, not_duplicate_cmd, split_cmd
from mailgate.cli.output import harmless_output
from mailgate.cli.ratings import ratings_group
from mailgate.cli.sla import sla_group
from mailgate.ops.signals import release as release_signals


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    metavar="PATH",
    envvar="MAILGATE_CONFIG",
    help="Configuration file (default: $MAILGATE_CONFIG, else ./mailgate.toml, "
    "else the embedded default).",
)
@click.option(
    "--log-level",
    type=click.Choice(["debug", "info", "warning", "error"]),
    help="Overrides [log] level.",
)
@click.version_option(__version__, prog_name="mailgate")
@click.pass_context
def cli(ctx: click.Context, config_path: str | None, log_level: str | None) -> None:
    """mailgate: an inbound-email ticket gateway for helpdesks."""
    if ctx.invoked_subcommand != "run":
        # Held by the entry point for the daemon's sake (mailgate.ops.signals); every
        # other command takes SIGTERM, SIGINT and SIGHUP the ordinary way.
        release_signals()
        # What commands print from mail reaches the terminal harmless (cli.output);
        # the daemon's output is its log.
        ctx.with_resource(harmless_output())
    ctx.obj = AppContext(config_path, log_level)


@cli.command("run")
@click.option(
    "--only",
    metavar="ROLES",
    help="Comma-separated roles to run: smtp, imap, process, send, http, scheduler "
    "(default: all; smtp and http when enabled in the configuration).",
)
@pass_app
def run_cmd(app: AppContext, only: str | None) -> None:
    """Run the daemon: listener, IMAP poller, processor, sender, HTTP API and scheduler."""
    from mailgate.ops.signals import DaemonSignals

    # Before anything else, the configuration included: a stop or a reload asked for
    # while the daemon starts is noted, and acted on (mailgate.ops.signals).
    signals = DaemonSignals()
    signals.install()

    import asyncio

    from mailgate.config import resolve_config_path
    from mailgate.errors import SchemaError
    from mailgate.logs import setup_logging
    from mailgate.ops.daemon import ROLES, Daemon

    config = app.config
    setup_logging(app.log_level or config.log.level, config.log.format)
    roles: tuple[str, ...] = ROLES
    if only:
        roles = tuple(r.strip() for r in only.split(",") if r.strip())
        unknown = [r for r in roles if r not in ROLES]
        if unknown:
            fail(
                f"--only: unknown role(s) {', '.join(unknown)}; expected {', '.join(ROLES)}", code=2
            )
        if "http" in roles and not config.http.enabled:
            fail("--only http: the HTTP API is not enabled ([http] enabled = false)", code=2)
    try:
        daemon = Daemon(config, roles, app.log_level, resolve_config_path(app.config_path), signals)
        code = asyncio.run(daemon.run())
    except (OSError, SchemaError) as e:
        fail(f"cannot start: {e}", code=1)
    sys.exit(code)


@cli.command("check-config")
@click.pass_context
def check_config_cmd(ctx: click.Context) -> None:
    """Validate the configuration and say which key is wrong."""
    from mailgate.config import load_config, resolve_config_path
    from mailgate.errors import ConfigError
    from mailgate.ops.checks import config_problems

    app: AppContext = ctx.obj
    path = resolve_config_path(app.config_path)
    try:
        config = load_config(app.config_path)
    except ConfigError as e:
        click.echo(str(e), err=True)
        sys.exit(2)
    problems = config_problems(config)
    if problems:
        click.echo(f"invalid configuration {path or '<embedded default>'}:", err=True)
        for p in problems:
            click.echo(f"  {p}", err=True)
        sys.exit(2)
    source = path or "<embedded default>"
    departments = ", ".join(f"{d.name} <{d.address}>" for d in config.departments)
    click.echo(f"{source}: OK ({len(config.departments)} department(s): {departments})")


@cli.group("db")
def db_group() -> None:
    """Database schema (Alembic migrations)."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@pass_app
def db_upgrade_cmd(app: AppContext, revision: str) -> None:
    """Migrate the database schema to REVISION (default: the newest)."""
    from mailgate.store.engine import Store
    from mailgate.store.migrate import current_revision, upgrade

    store = Store(app.config.database, pool=False)
    try:
        before = current_revision(store)
        upgrade(store, revision)
        after = current_revision(store)
    finally:
        store.dispose()
    click.echo(f"database at revision {after} (was {before or 'empty'})")


@db_group.command("current")
@pass_app
def db_current_cmd(app: AppContext) -> None:
    """Print the schema revision of the database and the one this mailgate needs."""
    from mailgate.store.engine import Store
    from mailgate.store.migrate import current_revision, head_revision

    store = Store(app.config.database, pool=False)
    try:
        click.echo(f"database: {current_revision(store) or 'empty'}; needed: {head_revision()}")
    finally:
        store.dispose()


for command in (
    deliver_cmd,
    import_cmd,
    parse_cmd,
    explain_cmd,
    reprocess_cmd,
    accept_cmd,
    quarantine_cmd,
    process_cmd,
    tickets_cmd,
    ticket_cmd,
    reply_cmd,
    assign_cmd,
    suppressions_cmd,
    client_language_cmd,
    agent_group,
    imap_group,
    status_cmd,
    jobs_group,
    ratings_group,
    orgs_group,
    contacts_group,
    sla_group,
):
    cli.add_command(command)
tickets_cmd.add_command(tag_cmd)
tickets_cmd.add_command(field_cmd)
tickets_cmd.add_command(merge_cmd)
tickets_cmd.add_command(split_cmd)
tickets_cmd.add_command(not_duplicate_cmd)


def main() -> None:
    cli(prog_name="mailgate")
