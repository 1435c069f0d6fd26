"""``mailgate imap``: check a mailbox's connection, see how far each has been read."""

from __future__ import annotations

import contextlib
import sys
from typing import TYPE_CHECKING

import click

from mailgate.cli.common import AppContext, fail, pass_app, when
from mailgate.cli.table import Column, print_table

if TYPE_CHECKING:
    from mailgate.config import ImapAccountConfig

WANTED = (b"IDLE", b"MOVE", b"CONDSTORE", b"UIDPLUS")


@click.group("imap")
def imap_group() -> None:
    """IMAP mailboxes: test a connection, show what has been read."""


def _account(app: AppContext, name: str) -> ImapAccountConfig:
    account = app.config.imap_account(name)
    if account is None:
        names = ", ".join(a.name for a in app.config.inbound.imap) or "none configured"
        fail(f"no [[inbound.imap]] account named {name!r} ({names})", code=2)
    return account


@imap_group.command("test")
@click.argument("account_name", metavar="ACCOUNT")
@pass_app
def imap_test_cmd(app: AppContext, account_name: str) -> None:
    """Log in to ACCOUNT's server and report the folder and the server's capabilities.

    Exit status 0 when everything mailgate needs works, 1 with the failed step named
    (dns, connect, tls, authentication, folder)."""
    from imapclient.exceptions import IMAPClientError

    from mailgate.errors import ImapFailure
    from mailgate.receive.imap_connection import open_mailbox

    account = _account(app, account_name)
    echo = click.echo
    echo(
        f"account {account.name}: {account.host}:{account.effective_port} ({account.tls}), "
        f"user {account.username}, {account.auth} login"
    )
    try:
        client = open_mailbox(account)
    except ImapFailure as e:
        echo(f"FAILED at {e.stage}: {e.detail}", err=True)
        sys.exit(1)
    try:
        echo("  login: OK")
        caps = client.capabilities()
        listed = ", ".join(f"{c.decode()} {'yes' if c in caps else 'no'}" for c in WANTED)
        echo(f"  capabilities: {listed}")
        if b"IDLE" not in caps or not account.idle:
            echo(f"  waiting for mail: polling every {account.poll_interval:g}s")
        else:
            echo("  waiting for mail: IDLE")
        try:
            status = client.folder_status(
                account.folder, [b"MESSAGES", b"UNSEEN", b"UIDVALIDITY", b"UIDNEXT"]
            )
        except IMAPClientError as e:
            echo(f"FAILED at folder: cannot open {account.folder!r}: {e}", err=True)
            with contextlib.suppress(IMAPClientError):
                names = sorted(str(f[2]) for f in client.list_folders())
                echo(f"  folders on the server: {', '.join(names)}", err=True)
            sys.exit(1)
        echo(
            f"  folder {account.folder}: {status.get(b'MESSAGES', '?')} messages, "
            f"{status.get(b'UNSEEN', '?')} unseen (UIDVALIDITY {status.get(b'UIDVALIDITY', '?')}, "
            f"next UID {status.get(b'UIDNEXT', '?')})"
        )
        if account.after == "move":
            assert account.move_to is not None
            exists = client.folder_exists(account.move_to)
            suffix = "" if exists else " (does not exist yet: mailgate creates it)"
            method = "MOVE" if b"MOVE" in caps else "COPY, \\Deleted and EXPUNGE"
            echo(f"  after storing: move to {account.move_to} with {method}{suffix}")
        elif account.after == "delete":
            echo("  after storing: delete")
        else:
            echo("  after storing: mark \\Seen")
    finally:
        with contextlib.suppress(Exception):
            client.logout()
    echo("OK")


@imap_group.command("status")
@pass_app
def imap_status_cmd(app: AppContext) -> None:
    """How far mailgate has read each configured mailbox folder."""
    from mailgate.store.imap_repo import ImapRepo

    accounts = app.config.inbound.imap
    if not accounts:
        click.echo("no [[inbound.imap]] accounts configured")
        return
    table: list[tuple[object, ...]] = []
    notes = []
    with app.store(create_if_empty=False) as store, store.read() as session:
        repo = ImapRepo(session)
        for a in accounts:
            row = repo.row(a.name, a.folder)
            if row is None:
                table.append((a.name, a.folder, "-", "-", "-", "never read"))
                continue
            skipped = repo.state(a.name, a.folder)
            assert skipped is not None
            table.append(
                (
                    a.name,
                    a.folder,
                    row.uidvalidity,
                    row.last_uid,
                    len(skipped.skipped),
                    when(row.updated_at),
                )
            )
            if skipped.skipped:
                uids = " ".join(str(u) for u in sorted(skipped.skipped)[:20])
                notes.append(
                    f"{a.name} {a.folder}: not fetched (the server refused them; retried each "
                    f"session): UID {uids}"
                )
    print_table(
        (
            Column("ACCOUNT", keep=16),
            Column("FOLDER", keep=16),
            Column("UIDVALIDITY", right=True),
            Column("LAST UID", right=True),
            Column("SKIPPED", right=True),
            Column("UPDATED"),
        ),
        table,
    )
    for note in notes:
        click.echo(note)
