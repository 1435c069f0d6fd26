"""The agents' view: ``mailgate tickets`` and ``mailgate ticket N``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from mailgate.cli.common import AppContext, dump_json, fail, pass_app, when
from mailgate.notify.compose import OutAttachment
from mailgate.tickets.actions import ActionRefused, Agent, Done, TicketNotFound
from mailgate.tickets.lifecycle import STATUSES

if TYPE_CHECKING:
    from mailgate.notify import Notifier
    from mailgate.store.engine import Store


@click.command("tickets")
@click.option("--status", type=click.Choice(STATUSES), help="Only tickets in this status.")
@click.option("--department", help="Only tickets of this department.")
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True)
@pass_app
def tickets_cmd(
    app: AppContext, status: str | None, department: str | None, limit: int, as_json: bool
) -> None:
    """List tickets, newest first."""
    from mailgate.tickets.views import ticket_list

    with app.store(create_if_empty=False) as store, store.read() as session:
        rows = ticket_list(session, status=status, department=department, limit=limit)
    if as_json:
        dump_json(rows)
        return
    if not rows:
        click.echo("no tickets")
        return
    click.echo(
        f"{'#':>6}  {'status':<14} {'dept':<10} {'msgs':>4}  {'updated':<16}  "
        f"{'requester':<28} subject"
    )
    for r in rows:
        click.echo(
            f"{r['number']:>6}  {r['status']:<14} {r['department'][:10]:<10} "
            f"{r['message_count']:>4}  {when(r['updated_at']):<16}  "
            f"{r['requester'][:28]:<28} {r['subject']}"
        )


@click.command("ticket")
@click.argument("number", type=int)
@click.option("--json", "as_json", is_flag=True)
@click.option("--full", is_flag=True, help="Show each message's whole text, quotes included.")
@click.option(
    "--status",
    "set_status",
    type=click.Choice(STATUSES),
    help="Set the status (the client is told; closing sends ticket_closed).",
)
@click.option("--note", default="", help="With --status: a sentence for the client's notice.")
@click.option("--quiet", is_flag=True, help="With --status: do not tell the client.")
@click.option("--as", "as_", metavar="ADDRESS", help="Act as this agent of [[agents]].")
@pass_app
def ticket_cmd(
    app: AppContext,
    number: int,
    as_json: bool,
    full: bool,
    set_status: str | None,
    note: str,
    quiet: bool,
    as_: str | None,
) -> None:
    """Show a ticket: participants, messages in order, history.  With --status, change
    its status first."""
    from mailgate.tickets.actions import change_status
    from mailgate.tickets.views import ticket_document

    if set_status is not None:
        agent = _agent(app, as_)
        done = _act(
            app,
            lambda store, notifier: change_status(
                store, notifier, number, set_status, agent, note=note, notify=not quiet
            ),
        )
        _report(done)
        return

    with app.store(create_if_empty=False) as store, store.read() as session:
        doc = ticket_document(session, number)
    if doc is None:
        fail(f"no ticket {number}", code=1)
    if as_json:
        dump_json(doc)
        return
    _print_ticket(doc, app.config.helpdesk.subject_token, full)


def _print_ticket(doc: dict[str, Any], subject_token: str, full: bool) -> None:
    token = subject_token.replace("{number}", str(doc["number"]))
    click.echo(f"Ticket {token}  {doc['subject']}")
    click.echo(
        f"  status {doc['status']} · department {doc['department']} · priority {doc['priority']}"
    )
    name = doc["requester_name"]
    click.echo(f"  requester {name + ' ' if name else ''}<{doc['requester']}>")
    click.echo(f"  created {when(doc['created_at'])} · updated {when(doc['updated_at'])}")
    click.echo(
        "  participants " + ", ".join(f"{p['address']} ({p['role']})" for p in doc["participants"])
    )
    for i, m in enumerate(doc["messages"], start=1):
        arrow = "←" if m["direction"] == "in" else "→"
        who = m["from"]["name"] or m["from"]["address"]
        click.echo("")
        click.echo(
            f"── {i}. {arrow} {when(m['date'])}  {who} <{m['from']['address']}>  [{m['kind']}]"
        )
        click.echo(f"   Subject: {m['subject']}")
        if m["delivery"]:
            d = m["delivery"]
            status = d["state"] + (f": {d['error']}" if d["error"] else "")
            click.echo(f"   To: {', '.join(d['to'])} · delivery {status}")
        body = m["text"] if full else (m["reply_text"] or m["text"])
        for line in body.splitlines() or [""]:
            click.echo(f"   {line}")
        for a in m["attachments"]:
            click.echo(f"   📎 {a['filename']} ({a['content_type']}, {a['size']} bytes)")
    click.echo("")
    click.echo("History:")
    for e in doc["events"]:
        data = ", ".join(f"{k}={v}" for k, v in e["data"].items())
        click.echo(f"  {when(e['at'])}  {e['kind']:<18} {e['actor']}  {data}")


def _agent(app: AppContext, as_: str | None) -> Agent:
    """Who acts: a configured agent named by address, else the user running the command."""
    import getpass

    if as_ is None:
        return Agent(getpass.getuser())
    agent = app.config.agent(as_)
    if agent is None:
        known = ", ".join(a.address for a in app.config.agents) or "none configured"
        fail(f"--as {as_}: not an address in [[agents]] ({known})", code=2)
    return Agent(agent.address, agent.name)


def _attachment(path: str) -> OutAttachment:
    import mimetypes

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        fail(f"--attach {path}: {e.strerror}", code=2)
    content_type = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
    return OutAttachment(p.name, content_type, data)


def _act(app: AppContext, action: Callable[[Store, Notifier], Done]) -> Done:
    from mailgate.notify import Notifier, TemplateError, Templates
    from mailgate.tickets.lifecycle import TransitionRefused

    config = app.config
    with app.store(create_if_empty=False) as store:
        notifier = Notifier(config, Templates(config.templates.directory))
        try:
            return action(store, notifier)
        except TicketNotFound as e:
            fail(str(e), code=1)
        except (ActionRefused, TransitionRefused) as e:
            fail(str(e), code=1)
        except TemplateError as e:
            fail(f"template error, nothing was sent: {e}", code=1)


def _report(done: Done) -> None:
    moved = (
        f"status {done.previous_status} → {done.status}"
        if done.status != done.previous_status
        else f"status {done.status}"
    )
    if done.message_id:
        click.echo(
            f"ticket {done.number}: mail <{done.message_id}> queued to "
            f"{', '.join(done.recipients)}; {moved}"
        )
    else:
        click.echo(f"ticket {done.number}: {moved}")


@click.command("reply")
@click.argument("number", type=int)
@click.option("--template", default="agent_reply", show_default=True, help="Template to render.")
@click.option(
    "--body-file",
    type=click.File("r", encoding="utf-8"),
    default="-",
    show_default=True,
    help="The answer's text; - for standard input.",
)
@click.option(
    "--status",
    type=click.Choice(STATUSES),
    help="Status afterwards (default: as the state machine says for a reply, e.g. answered).",
)
@click.option(
    "--attach",
    "attach",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A file to attach (repeatable).",
)
@click.option("--as", "as_", metavar="ADDRESS", help="Act as this agent of [[agents]].")
@pass_app
def reply_cmd(
    app: AppContext,
    number: int,
    template: str,
    body_file: TextIO,
    status: str | None,
    attach: tuple[str, ...],
    as_: str | None,
) -> None:
    """Answer ticket NUMBER: the mail goes From the department's address to the client
    (and whoever they copied), threaded to their last message; the sender sends it."""
    from mailgate.tickets.actions import post_reply

    agent = _agent(app, as_)
    body = body_file.read()
    attachments = [_attachment(p) for p in attach]
    done = _act(
        app,
        lambda store, notifier: post_reply(
            store,
            notifier,
            number,
            body,
            agent,
            template=template,
            status=status,
            attachments=attachments,
        ),
    )
    _report(done)
