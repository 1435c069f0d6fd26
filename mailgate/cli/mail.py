"""Commands that take mail in or look at how it was handled."""

from __future__ import annotations

import contextlib
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import click

from mailgate.cli.common import (
    NUMBER,
    AppContext,
    dump_json,
    fail,
    pass_app,
    when,
    workers_option,
)
from mailgate.cli.output import raw
from mailgate.cli.table import Column, print_table
from mailgate.errors import ConfigError

if TYPE_CHECKING:
    from mailgate.store.engine import Store


class _MtaCommand(click.Command):
    """A command an MTA runs: a usage error exits 75 (try again) rather than click's 2,
    which Postfix would turn into a bounce of the client's mail."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as e:
            click.echo(f"mailgate deliver: {e.format_message()}", err=True)
            sys.exit(75)


@click.command("deliver", cls=_MtaCommand)
@click.option("--sender", "-f", metavar="ADDR", help="Envelope sender (Postfix: ${sender}).")
@click.option(
    "--recipient",
    "-r",
    "recipients",
    metavar="ADDR",
    multiple=True,
    help="Envelope recipient (Postfix: ${recipient}); may be repeated.",
)
@click.pass_context
def deliver_cmd(ctx: click.Context, sender: str | None, recipients: tuple[str, ...]) -> None:
    """Store one message from standard input (for an MTA pipe).

    Exit status: 0 stored (after the commit); 67 no department owns a recipient; 65 no
    message (nothing, or only blank lines) or more than max_message_bytes; 75 anything
    else (the MTA keeps the message and tries again)."""
    from mailgate.config import load_config
    from mailgate.receive.deliver import EX_TEMPFAIL, deliver

    app: AppContext = ctx.obj
    try:
        config = load_config(app.config_path)
        from mailgate.logs import setup_logging

        setup_logging(app.log_level or "warning", config.log.format, stream=sys.stderr)
        code = deliver(config, sys.stdin.buffer, sender, recipients)
    except ConfigError as e:
        click.echo(f"mailgate: {e}", err=True)
        code = EX_TEMPFAIL
    except BaseException as e:
        if isinstance(e, SystemExit) and e.code in (0, None):
            raise
        click.echo(
            f"mailgate: unexpected error, message not stored (will be retried): "
            f"{type(e).__name__}: {e}",
            err=True,
        )
        traceback.print_exc(file=sys.stderr)
        code = EX_TEMPFAIL
    sys.exit(code)


@click.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--recipient",
    "-r",
    "recipients",
    metavar="ADDR",
    multiple=True,
    help="Treat the messages as addressed to ADDR (chooses the department).",
)
@click.option("--all-files", is_flag=True, help="In a folder, read every file, not only *.eml.")
@click.option(
    "--notify",
    is_flag=True,
    help="Acknowledge and alert as for new mail (by default an import mails nobody).",
)
@click.option("--batch-size", default=100, show_default=True, type=click.IntRange(1, 10000))
@workers_option(
    "Processes that read the messages and compute how each is recognised again "
    "(default: one per core, at most one per four batches); this one stores them in order."
)
@pass_app
def import_cmd(
    app: AppContext,
    path: Path,
    recipients: tuple[str, ...],
    all_files: bool,
    notify: bool,
    batch_size: int,
    workers: int,
) -> None:
    """Import an mbox file, a Maildir, a folder of .eml files or one message.

    An import is a migration: processing the messages mails nobody — no acknowledgment,
    no agent alert, no notice — unless --notify is given, and each ticket and message
    keeps the date of its mail, so the queues sort the archive as it happened."""
    from mailgate.receive.importer import ImportSource, import_messages

    for rcpt in recipients:
        if app.config.department_for(rcpt) is None:
            fail(f"--recipient {rcpt}: no department owns this address", code=2)
    try:
        source = ImportSource(path, all_files=all_files)
    except (OSError, ValueError) as e:
        fail(f"cannot read {path}: {e}", code=2)
    with (
        app.store() as store,
        click.progressbar(
            length=source.count,
            label=f"importing {source.kind}",
            file=raw(sys.stderr),  # its own control characters redraw the bar
            show_pos=True,
        ) as bar,
    ):
        summary = import_messages(
            store,
            source,
            recipients=recipients,
            batch_size=batch_size,
            progress=bar.update,
            notify=notify,
            workers=workers,
        )
    click.echo(
        f"imported from {path} ({source.kind}): {summary.seen} message(s) read, "
        f"{summary.stored} stored, {summary.duplicates} duplicate(s), "
        f"{len(summary.errors)} error(s)"
    )
    if summary.stored:
        who = (
            "clients are acknowledged and agents alerted as for new mail (--notify)"
            if notify
            else "nobody is mailed about them (--notify to acknowledge and alert)"
        )
        click.echo(
            f"processing (the daemon, or `mailgate process`) puts them on tickets dated by "
            f"their own Date; {who}"
        )
    for err in summary.errors:
        click.echo(f"  error: {err}", err=True)
    if summary.errors:
        sys.exit(1)


@click.command("parse")
@click.argument("file", type=click.File("rb"))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def parse_cmd(ctx: click.Context, file: BinaryIO, as_json: bool) -> None:
    """Parse one message file (or - for stdin) and show what mailgate reads from it."""
    from mailgate.classify import Context, Policy, classify, verdict_json
    from mailgate.config import load_config
    from mailgate.envelope import Envelope
    from mailgate.parse import ParseOptions, SenderSource, parse_message
    from mailgate.sender_auth import authenticate

    app: AppContext = ctx.obj
    options = ParseOptions()
    own: frozenset[str] = frozenset()
    domain = ""
    policy = Policy()
    authserv_id, check_dkim = "", False
    # Parsing needs no configuration; without a valid one the default token is used and
    # the message is classified without own addresses or a sender policy.
    with contextlib.suppress(ConfigError):
        config = load_config(app.config_path)
        options = config.parse_options()
        own, domain, policy = config.own_addresses(), config.helpdesk.domain, config.policy()
        authserv_id, check_dkim = config.security.authserv_id, config.security.verify_dkim
    raw = file.read()
    parsed = parse_message(raw, options)
    verdict = classify(parsed, Context(Envelope("file", None, ()), own, domain, policy))
    auth = authenticate(parsed, raw, authserv_id=authserv_id, check_dkim=check_dkim)
    doc = parsed.as_json() | verdict_json(verdict) | {"authentication": auth.as_json()}
    if as_json:
        dump_json(doc)
        return
    frm = doc["from"]
    click.echo(f"Subject:    {doc['subject']}")
    click.echo(f"From:       {frm['name']} <{frm['address']}>" if frm else "From:       -")
    if frm and parsed.from_source is not SenderSource.FROM:
        click.echo(f"            (read from {parsed.from_source.label}: From names nobody)")
    click.echo(f"Date:       {doc['date'] or '-'}")
    click.echo(f"Message-ID: {doc['message_id'] or '-'}")
    click.echo(f"Ticket:     {doc['ticket_number'] or '-'}")
    click.echo(f"Verdict:    {verdict.kind} (rule {verdict.rule}: {verdict.reason})")
    if verdict.bounce is not None:
        b = verdict.bounce
        click.echo(
            f"Report:     {b.status or '-'} {b.reason}{' (permanent)' if b.hard else ''}; "
            f"recipients {', '.join(b.recipients) or '-'}; "
            f"returns {b.original_message_id or '-'}"
        )
    if parsed.signature or parsed.encryption:
        notes = [f"signed ({parsed.signature})"] if parsed.signature else []
        notes += [f"encrypted ({parsed.encryption})"] if parsed.encryption else []
        click.echo(f"Security:   {', '.join(notes)}; kept as it came, not verified")
    for a in doc["attachments"]:
        inline = ", inline" if a["inline"] else ""
        click.echo(f"Attachment: {a['filename']} ({a['content_type']}, {a['size']} bytes{inline})")
    for f in parsed.forwards:
        sender = f.from_.address if f.from_ else "-"
        click.echo(f"Forward:    {f.subject or '-'} (from {sender}; {f.filename})")
    for d in doc["defects"]:
        click.echo(f"Defect:     {d}")
    click.echo("")
    click.echo(doc["reply_text"])


def _release_command(held: dict[str, Any]) -> str:
    """The command that puts a waiting message on a ticket; mail that names no sender
    can only join one an agent names (a new ticket needs a requester)."""
    from mailgate.process.disposition import HoldRule

    if not held["acceptable"]:
        return f"mailgate reprocess {held['id']}"
    ticket = " -t N" if held["rule"] == HoldRule.NO_SENDER else ""
    return f"mailgate accept {held['id']}{ticket}"


@click.command("explain")
@click.argument("inbox_id", type=NUMBER)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def explain_cmd(app: AppContext, inbox_id: int, as_json: bool) -> None:
    """Say what happened to an inbox message and why."""
    from mailgate.store.inbox_repo import InboxRepo

    with app.store(create_if_empty=False) as store, store.read() as session:
        row = InboxRepo(session).get(inbox_id)
        if row is None:
            fail(f"no inbox message {inbox_id}", code=1)
        doc = {
            "id": row.id,
            "received_at": row.received_at,
            "source": row.source,
            "source_ref": row.source_ref,
            "envelope_sender": row.envelope_sender,
            "recipients": row.recipients,
            "size": row.size,
            "message_id": row.message_id,
            "state": row.state,
            "attempts": row.attempts,
            "error": row.error,
            "verdict": row.verdict,
            "verdict_rule": row.verdict_rule,
            "thread_rule": row.thread_rule,
            "thread_reason": row.thread_reason,
            "department": row.department,
            "ticket": row.ticket_id,
            "processed_at": row.processed_at,
            "raw_pruned_at": row.raw_pruned_at,
        }
    if as_json:
        dump_json(doc)
        return
    sender = doc["envelope_sender"]
    click.echo(f"inbox {row.id}: {doc['state']}")
    click.echo(
        f"  received   {when(row.received_at)} via {row.source}"
        f"{' (' + row.source_ref + ')' if row.source_ref else ''}"
    )
    click.echo(
        f"  envelope   from <{sender if sender is not None else '?'}> to "
        f"{', '.join(row.recipients) or '-'}"
    )
    click.echo(f"  message-id {row.message_id or '-'}  ({row.size} bytes)")
    if row.raw_pruned_at:
        click.echo(f"  raw pruned {when(row.raw_pruned_at)} (retention; the ticket keeps the text)")
    if row.verdict:
        click.echo(f"  verdict    {row.verdict} (rule {row.verdict_rule})")
    if row.thread_rule:
        click.echo(f"  threading  {row.thread_rule}: {row.thread_reason}")
    if row.department:
        click.echo(f"  department {row.department}")
    click.echo(f"  ticket     {row.ticket_id or '-'}")
    if row.error:
        click.echo(f"  error      {row.error} (after {row.attempts} attempt(s))")


@click.command("reprocess")
@click.argument("ids", nargs=-1, type=NUMBER)
@click.option("--quarantined", is_flag=True, help="Also retry quarantined messages.")
@pass_app
def reprocess_cmd(app: AppContext, ids: tuple[int, ...], quarantined: bool) -> None:
    """Send failed messages (or the given IDS, held and quarantined ones included) back to
    processing, after a fix.

    The running daemon picks them up; without one, run `mailgate process`."""
    from mailgate.store.inbox_repo import FAILED, HELD, QUARANTINED, InboxRepo

    states = [FAILED, QUARANTINED] if quarantined else [FAILED]
    if ids:
        states = [FAILED, QUARANTINED, HELD]
    with app.store() as store, store.write() as session:
        n = InboxRepo(session).requeue(states=states, ids=list(ids) or None)
    click.echo(f"{n} message(s) queued for processing again")


@click.command("quarantine")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--rule", metavar="RULE", help="Only messages held by this rule (held_bounce, …).")
@click.option(
    "--state",
    type=click.Choice(["held", "quarantined", "failed"]),  # FOR_A_PERSON (tested)
    help="Only messages in this state.",
)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def quarantine_cmd(
    app: AppContext, limit: int, rule: str | None, state: str | None, as_json: bool
) -> None:
    """Messages on no ticket, waiting for a person, newest first: held by a rule (a bounce
    of mail mailgate did not send, a stranger's automatic reply, a blocked sender, a reply
    held for an agent …; `mailgate accept ID` puts one on a ticket), quarantined (could not
    be read or processed; `mailgate reprocess ID` after a fix) or failed."""
    from mailgate.process.disposition import DESCRIPTIONS
    from mailgate.process.held import held_list

    if rule is not None and rule not in DESCRIPTIONS:
        fail(f"--rule {rule}: expected one of {', '.join(DESCRIPTIONS)}", code=2)
    with app.store() as store, store.read() as session:
        doc = held_list(session, limit=limit, rule=rule, state=state)
    if as_json:
        dump_json(doc)
        return
    counts = doc["counts"]
    held = counts["held"]
    summary = f"held {sum(held.values())}"
    if held:
        summary += " (" + ", ".join(f"{r} {n}" for r, n in sorted(held.items())) + ")"
    summary += (
        f"; quarantined {counts['quarantined'].get('quarantined', 0)}"
        f"; failed {counts['failed'].get('failed', 0)}"
    )
    if not doc["messages"]:
        click.echo(f"nothing waits for a person ({summary})")
        return
    print_table(
        (
            Column("ID", right=True),
            Column("RECEIVED"),
            Column("WHY"),
            Column("FROM", keep=20),
            Column("SUBJECT", keep=20),
            Column("RELEASE WITH"),
            Column("REASON", keep=30),
        ),
        [
            (
                d["id"],
                when(d["received_at"]),
                d["rule"] or d["state"],
                d["from"] or "-",
                d["subject"] or "(no subject)",
                _release_command(d),
                d["reason"] or "",
            )
            for d in doc["messages"]
        ],
    )
    click.echo(f"\n{summary}")


@click.command("accept")
@click.argument("inbox_id", type=NUMBER)
@click.option("--ticket", "-t", "ticket_id", type=NUMBER, help="Onto this ticket instead.")
@pass_app
def accept_cmd(app: AppContext, inbox_id: int, ticket_id: int | None) -> None:
    """Accept a held message: it is processed again and put on a ticket whatever held it —
    the ticket given with --ticket, else the one it pointed at (a stranger's reply joins it
    and its sender becomes a participant), else a new ticket (a bounce, an automatic reply,
    a blocked sender's mail …)."""
    from mailgate.process.held import accept_held

    with app.store() as store:
        done = accept_held(store, inbox_id, ticket_id)
    onto = f"onto ticket {done['ticket']}" if done["ticket"] else "onto a new ticket"
    click.echo(f"inbox {inbox_id}: accepted {onto}; it is processed again")


@click.command("process")
@workers_option(
    "Processes that read and plan the messages (default: one per core); this one "
    "applies them in the order they came, with the outcome of one worker."
)
@pass_app
def process_cmd(app: AppContext, workers: int) -> None:
    """Process every waiting inbox message and send what that queues, then exit
    (what the daemon does continuously)."""
    with app.store() as store:
        if _nothing_due(store):
            # Run from cron every minute, mostly with nothing to do: the processing
            # stage (the parser, the rules, the templates) is not even loaded.
            click.echo(_PROCESSED.format(0, 0, 0, 0, 0, 0, 0))
            return
        from mailgate.process import Processor
        from mailgate.send.worker import Sender

        result = Processor(app.config, store).drain(workers=workers)
        sender = Sender(app.config.outbound, store)
        try:
            sent = sender.drain()
        finally:
            sender.close()
    click.echo(
        _PROCESSED.format(
            result.processed,
            result.held,
            result.quarantined,
            result.failed,
            result.retried,
            result.tickets_opened,
            sent.sent,
        )
    )


_PROCESSED = (
    "processed {}, held {}, quarantined {}, failed {}, to retry {}; tickets opened {}; mail sent {}"
)


def _nothing_due(store: Store) -> bool:
    """Whether no inbox message is due for processing and no mail for sending: what the
    processor and the sender would take first, asked without taking it."""
    from mailgate.store.inbox_repo import InboxRepo
    from mailgate.store.models import utcnow
    from mailgate.store.outbox_repo import OutboxRepo

    now = utcnow()
    with store.read() as session:
        return not InboxRepo(session).due_ids(1, now) and not OutboxRepo(session).any_due(now)
