"""The agents' view: ``mailgate tickets`` and ``mailgate ticket N``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from mailgate.cli.common import NUMBER, AppContext, as_option, dump_json, fail, pass_app, when
from mailgate.cli.links import link_lines
from mailgate.cli.table import Column, Look, print_table
from mailgate.lifecycle import DEFAULT, STATUSES, Status

# What --status offers where an agent sets it: the statuses the state machine lets
# agents choose (never customer_reply, which only a client's mail brings about).
AGENT_STATUSES = DEFAULT.agent_statuses()
# What --priority offers: tickets.incoming.PRIORITIES (tested), written out here, since
# that module brings the store and the parser with it.
PRIORITIES = ("low", "normal", "high", "urgent")

T = TypeVar("T")

if TYPE_CHECKING:
    from mailgate.notify import Notifier, OutAttachment
    from mailgate.store.engine import Store
    from mailgate.tickets.actions import Actor, Changed, Done


@click.group("tickets", invoke_without_command=True)
@click.option(
    "--status", type=click.Choice([str(s) for s in STATUSES]), help="Only tickets in this status."
)
@click.option("--department", help="Only tickets of this department.")
@click.option("--assignee", metavar="ADDRESS", help="Only tickets assigned to this agent.")
@click.option(
    "--queue",
    is_flag=True,
    help="What waits for the team (open, customer_reply), the longest-waiting client first.",
)
@click.option(
    "--tag", "tags", multiple=True, metavar="TAG", help="Only tickets with this tag (repeatable)."
)
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=VALUE",
    help="Only tickets whose custom field NAME has VALUE (repeatable).",
)
@click.option("--limit", default=100, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def tickets_cmd(
    ctx: click.Context,
    status: str | None,
    department: str | None,
    assignee: str | None,
    queue: bool,
    tags: tuple[str, ...],
    fields: tuple[str, ...],
    limit: int,
    as_json: bool,
) -> None:
    """List tickets, newest first (with --queue: first come, first served); or show,
    merge or split one (mailgate tickets show|merge|split --help).  `mailgate tickets tag`
    and `mailgate tickets field` set a ticket's tags and custom fields."""
    if ctx.invoked_subcommand is not None:
        return
    from mailgate.store.labels_repo import LabelFilter
    from mailgate.tags import normalize_tag
    from mailgate.tickets.sla import add_sla, describe, views
    from mailgate.tickets.views import ticket_list

    app = ctx.find_object(AppContext)
    assert app is not None
    wanted = []
    for item in fields:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            fail(f"--field {item}: expected NAME=VALUE, such as plan=gold", code=2)
        wanted.append((name.strip().lower(), value.strip()))
    labels = LabelFilter(tuple(normalize_tag(t) for t in tags), tuple(wanted))
    with app.store(create_if_empty=False) as store, store.read() as session:
        rows = ticket_list(
            session,
            status=status,
            department=department,
            assignee=assignee,
            queue=queue,
            limit=limit,
            labels=labels,
        )
        if as_json:
            add_sla(session, app.config, rows)
        sla = views(session, app.config, [r["number"] for r in rows]) if app.config.sla else None
    if as_json:
        dump_json(rows)
        return
    if not rows:
        click.echo("no tickets")
        return
    columns: tuple[Column, ...] = (
        Column("#", right=True),
        Column("STATUS"),
        Column("DEPT", keep=10),
        Column("PRIO"),
        Column("MSGS", right=True),
        Column("WAITING SINCE" if queue else "UPDATED"),
        Column("REQUESTER", keep=24),
        Column("ASSIGNEE", keep=16),
        Column("SUBJECT", keep=30),
        Column("TAGS", keep=16),
    )
    table: list[tuple[object, ...]] = [
        (
            r["number"],
            r["status"],
            r["department"],
            r["priority"],
            r["message_count"],
            when(r["last_client_message_at"] or r["created_at"] if queue else r["updated_at"]),
            r["requester"],
            r["assignee"] or "-",
            r["subject"],
            " ".join(r["tags"]) or "-",
        )
        for r in rows
    ]
    looks = {1: _status_look, 3: _priority_look}
    if sla is not None:
        # [[sla]]: what is due next, or breached, before the subject.
        columns = (*columns[:8], Column("SLA", keep=28), *columns[8:])
        table = [
            (
                *row[:8],
                describe(v.next, named=True) if (v := sla.get(r["number"])) else "-",
                *row[8:],
            )
            for r, row in zip(rows, table, strict=True)
        ]
        looks[8] = _sla_look
    print_table(columns, table, looks)


def _sla_look(text: str) -> Look | None:
    if text.endswith("breached"):
        return Look(fg="red", bold=True)
    if "at risk" in text:
        return Look(fg="yellow", bold=True)
    return None


def _status_look(status: str) -> Look | None:
    # What waits for the team stands out; what is closed steps back.
    if status == Status.CUSTOMER_REPLY:
        return Look(fg="yellow", bold=True)
    if status == Status.OPEN:
        return Look(bold=True)
    if status == Status.CLOSED:
        return Look(dim=True)
    return None


def _priority_look(priority: str) -> Look | None:
    return {"urgent": Look(fg="red", bold=True), "high": Look(fg="yellow")}.get(priority)


@click.command("ticket")
@click.argument("number", type=NUMBER)
@click.option("--json", "as_json", is_flag=True)
@click.option("--full", is_flag=True, help="Show each message's whole text, quotes included.")
@click.option(
    "--status",
    "set_status",
    type=click.Choice([str(s) for s in AGENT_STATUSES]),
    help="Set the status (the client is told; closing sends ticket_closed).",
)
@click.option("--note", default="", help="With --status: a sentence for the client's notice.")
@click.option(
    "--department",
    "set_department",
    metavar="NAME",
    help="Move it to this department (the client is told, from the new address).",
)
@click.option("--priority", "set_priority", type=click.Choice(PRIORITIES), help="Set its priority.")
@click.option(
    "--quiet", is_flag=True, help="With --status or --department: do not tell the client."
)
@as_option
@pass_app
def ticket_cmd(
    app: AppContext,
    number: int,
    as_json: bool,
    full: bool,
    set_status: str | None,
    note: str,
    set_department: str | None,
    set_priority: str | None,
    quiet: bool,
    as_: str | None,
) -> None:
    """Show a ticket: participants, messages in order, history.  With --department,
    --priority or --status, change it instead (in that order)."""
    from mailgate.tickets import actions

    if set_department or set_priority or set_status:
        agent = _actor(app, as_)
        if set_department:
            department = set_department
            changed = _act(
                app,
                lambda store, notifier: actions.move_department(
                    store, notifier, number, department, agent, notify=not quiet
                ),
            )
            _report_change(changed)
        if set_priority:
            priority = set_priority
            _report_change(
                _act(app, lambda store, _n: actions.set_priority(store, number, priority, agent))
            )
        if set_status:
            status = set_status
            done = _act(
                app,
                lambda store, notifier: actions.change_status(
                    store, notifier, number, status, agent, note=note, notify=not quiet
                ),
            )
            _report(done)
        return

    _show_ticket(app, number, as_json, full)


def _show_ticket(app: AppContext, number: int, as_json: bool, full: bool) -> None:
    """A ticket printed, with its service level, or its document as JSON."""
    from mailgate.tickets.sla import SlaView, add_sla, describe, views
    from mailgate.tickets.views import ticket_document

    sla: SlaView | None = None
    with app.store(create_if_empty=False) as store, store.read() as session:
        doc = ticket_document(session, number)
        if doc is not None:
            add_sla(session, app.config, [doc])
            sla = views(session, app.config, [number]).get(number)
    if doc is None:
        fail(f"no ticket {number}", code=1)
    if as_json:
        dump_json(doc)
        return
    level = ""
    if sla is not None:
        level = f"{sla.policy}: " + " · ".join(describe(t, named=True) for t in sla.targets())
    _print_ticket(doc, app.config.helpdesk.subject_token, full, level)


@tickets_cmd.command("show")
@click.argument("number", type=NUMBER)
@click.option("--json", "as_json", is_flag=True)
@click.option("--full", is_flag=True, help="Show each message's whole text, quotes included.")
@pass_app
def show_cmd(app: AppContext, number: int, as_json: bool, full: bool) -> None:
    """Show a ticket: participants, links to other tickets, messages, history (as
    mailgate ticket NUMBER does)."""
    _show_ticket(app, number, as_json, full)


def _print_ticket(doc: dict[str, Any], subject_token: str, full: bool, level: str = "") -> None:
    token = subject_token.replace("{number}", str(doc["number"]))
    click.echo(f"Ticket {token}  {doc['subject']}")
    click.echo(
        f"  status {doc['status']} · department {doc['department']} · priority {doc['priority']}"
        f" · assigned to {doc['assignee'] or 'nobody'}"
    )
    name = doc["requester_name"]
    language = f" · writes in {doc['language']}" if doc.get("language") else ""
    click.echo(f"  requester {name + ' ' if name else ''}<{doc['requester']}>{language}")
    if doc["tags"]:
        click.echo("  tags " + ", ".join(doc["tags"]))
    for field, value in doc["fields"].items():
        click.echo(f"  {field}: {value}")
    org = doc.get("organization")
    if org:
        others = ", ".join(f"#{t['number']}" for t in doc["organization_open_tickets"])
        click.echo(
            f"  organization {org['name']} ({org['role']})"
            + (f" · its other open tickets {others}" if others else "")
        )
    if doc.get("requester_tickets"):
        theirs = ", ".join(f"#{t['number']} {t['status']}" for t in doc["requester_tickets"])
        click.echo(f"  the requester's other tickets {theirs}")
    click.echo(f"  created {when(doc['created_at'])} · updated {when(doc['updated_at'])}")
    if level:
        click.echo(f"  service level {level}")
    click.echo(
        "  participants " + ", ".join(f"{p['address']} ({p['role']})" for p in doc["participants"])
    )
    for line in link_lines(doc, subject_token):
        click.echo(f"  {line}")
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
        if m.get("signature"):
            click.echo(f"   Signed: {m['signature']} (kept as it came; not verified)")
        body = m["text"] if full else (m["reply_text"] or m["text"])
        for line in body.splitlines() or [""]:
            click.echo(f"   {line}")
        for a in m["attachments"]:
            warn = f"  ⚠ a program ({a['executable']}): do not open" if a["executable"] else ""
            click.echo(f"   📎 {a['filename']} ({a['content_type']}, {a['size']} bytes){warn}")
    click.echo("")
    click.echo("History:")
    for e in doc["events"]:
        data = ", ".join(f"{k}={v}" for k, v in e["data"].items())
        click.echo(f"  {when(e['at'])}  {e['kind']:<18} {e['actor']}  {data}")


def actor_of(app: AppContext, as_: str | None) -> Actor:
    """Who acts (:func:`_actor`), for the commands of other modules."""
    return _actor(app, as_)


def run_action(app: AppContext, action: Callable[[Store, Notifier], T]) -> T:
    """Run an agent's ``action`` (:func:`_act`), for the commands of other modules."""
    return _act(app, action)


def _actor(app: AppContext, as_: str | None) -> Actor:
    """Who acts: the agent of --as, else [helpdesk] default_agent, else the system.
    Never the account running the command: a login name is no address, and whoever
    writes it in a From header must not pass for a participant."""
    from mailgate.tickets.actions import Agent, System

    address = as_ if as_ is not None else app.config.helpdesk.default_agent
    if address is None:
        return System()
    agent = app.config.agent(address)
    if agent is None:
        known = ", ".join(a.address for a in app.config.agents) or "none configured"
        fail(f"--as {as_}: not an address in [[agents]] ({known})", code=2)
    return Agent(agent.address, agent.name)


def _attachment(path: str) -> OutAttachment:
    import mimetypes

    from mailgate.notify.compose import OutAttachment

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        fail(f"--attach {path}: {e.strerror}", code=2)
    content_type = mimetypes.guess_type(p.name)[0] or "application/octet-stream"
    return OutAttachment(p.name, content_type, data)


def _report_change(changed: Changed) -> None:
    told = f"; notice <{changed.message_id}> queued" if changed.message_id else ""
    click.echo(
        f"ticket {changed.number}: {changed.field} {changed.old or '-'} → "
        f"{changed.new or '-'}{told}"
    )


@click.command("assign")
@click.argument("number", type=NUMBER)
@click.argument("agent", metavar="AGENT")
@as_option
@pass_app
def assign_cmd(app: AppContext, number: int, agent: str, as_: str | None) -> None:
    """Assign ticket NUMBER to AGENT (an address of [[agents]]); "none" takes the
    assignment away."""
    from mailgate.tickets.actions import assign

    actor = _actor(app, as_)
    target = None if agent.lower() == "none" else agent
    _report_change(_act(app, lambda store, _n: assign(store, app.config, number, target, actor)))


def _act(app: AppContext, action: Callable[[Store, Notifier], T]) -> T:
    """Run an agent's ``action`` on the store; its errors end the command (cli.common)."""
    from mailgate.notify import Notifier, Templates

    config = app.config
    with app.store(create_if_empty=False) as store:
        return action(store, Notifier(config, Templates(config.templates.directory)))


def _report(done: Done, who: str = "") -> None:
    moved = (
        f"status {done.previous_status} → {done.status}"
        if done.status != done.previous_status
        else f"status {done.status}"
    )
    if done.message_id:
        by = f" as {who}" if who else ""
        click.echo(
            f"ticket {done.number}: mail <{done.message_id}> queued to "
            f"{', '.join(done.recipients)}{by}; {moved}"
        )
    else:
        click.echo(f"ticket {done.number}: {moved}")


@click.command("reply")
@click.argument("number", type=NUMBER)
@click.option("--template", default="agent_reply", show_default=True, help="Template to render.")
@click.option(
    "--body-file",
    type=click.File("r", encoding="utf-8"),
    help="The answer's text; - for standard input.  Default: your editor on a terminal, "
    "else standard input.",
)
@click.option(
    "--status",
    type=click.Choice([str(s) for s in AGENT_STATUSES]),
    help="Status afterwards (default: as the state machine says for a reply, e.g. answered).",
)
@click.option(
    "--attach",
    "attach",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="A file to attach (repeatable).",
)
@as_option
@pass_app
def reply_cmd(
    app: AppContext,
    number: int,
    template: str,
    body_file: TextIO | None,
    status: str | None,
    attach: tuple[str, ...],
    as_: str | None,
) -> None:
    """Answer ticket NUMBER: the mail goes From the department's address to the client
    (and whoever they copied), threaded to their last message; the sender sends it.

    The text comes from --body-file; without it, on a terminal, from your editor
    ($VISUAL, else $EDITOR), as git has a commit message written: lines starting with
    '#' are removed, and an empty answer sends nothing.  Otherwise from standard input."""
    from mailgate.tickets.actions import post_reply

    # An unknown ticket is said first, before an editor opens or standard input is read.
    doc = _ticket(app, number)
    agent = _actor(app, as_)
    attachments = [_attachment(p) for p in attach]
    who = _who(app, doc, agent)
    if body_file is not None:
        body = body_file.read()
    elif sys.stdin.isatty():
        body = _write_in_editor(app, doc, who, status, attach)
        if not body.strip():
            fail("nothing sent: the answer is empty", code=1)
    else:
        body = sys.stdin.read()
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
    _report(done, who)


def _ticket(app: AppContext, number: int) -> dict[str, Any]:
    from mailgate.tickets.views import ticket_document

    with app.store(create_if_empty=False) as store, store.read() as session:
        doc = ticket_document(session, number)
    if doc is None:
        fail(f"no ticket {number}", code=1)
    return doc


def _who(app: AppContext, doc: dict[str, Any], agent: Actor) -> str:
    """Who answers, as the report and the editor's help say it."""
    from mailgate.tickets.actions import Agent

    if isinstance(agent, Agent):
        return f"{agent.name} <{agent.address}>" if agent.name else agent.address
    department = app.config.department(doc["department"])
    name = (department.display_name if department else None) or app.config.helpdesk.name
    return f"the system, signed {name} (no --as, no [helpdesk] default_agent)"


def _write_in_editor(
    app: AppContext,
    doc: dict[str, Any],
    who: str,
    status: str | None,
    attach: tuple[str, ...],
) -> str:
    from mailgate.cli.editor import help_lines, write_in_editor
    from mailgate.errors import EditorFailed, TransitionRefused
    from mailgate.lifecycle import AGENT_REPLY

    people: dict[str, list[str]] = {}
    for p in doc["participants"]:
        people.setdefault(p["role"], []).append(
            f"{p['name']} <{p['address']}>" if p["name"] else p["address"]
        )
    try:
        after = status or app.config.lifecycle.machine().next_status(doc["status"], AGENT_REPLY)
    except TransitionRefused:
        after = "?"
    client = [m for m in doc["messages"] if m["direction"] == "in" and m["kind"] == "human"]
    last = (client[-1]["reply_text"] or client[-1]["text"]) if client else None
    token = app.config.helpdesk.subject_token.replace("{number}", str(doc["number"]))
    lines = help_lines(
        token=token,
        subject=doc["subject"],
        to=people.get("requester", [doc["requester"]]),
        cc=people.get("cc", []),
        status=f"{doc['status']} → {after}",
        sender=who,
        attachments=[Path(p).name for p in attach],
        last_message=last,
    )
    try:
        return write_in_editor(lines)
    except EditorFailed as e:
        fail(f"{e}; nothing sent", code=1)


@click.command("suppressions")
@click.option("--lift", metavar="ADDRESS", help="Send to ADDRESS again.")
@pass_app
def suppressions_cmd(app: AppContext, lift: str | None) -> None:
    """Addresses mail is not sent to for a while, after a permanent delivery failure."""
    from mailgate.store.models import utcnow
    from mailgate.store.suppressions_repo import SuppressionRepo

    with app.store(create_if_empty=False) as store:
        if lift is not None:
            with store.write() as session:
                if not SuppressionRepo(session).lift(lift.strip().lower()):
                    fail(f"{lift} is not suppressed", code=1)
            click.echo(f"{lift}: mail is sent to it again")
            return
        with store.read() as session:
            rows = [
                (r.address, when(r.until), r.reason) for r in SuppressionRepo(session).all(utcnow())
            ]
    if not rows:
        click.echo("no suppressed addresses")
        return
    print_table((Column("ADDRESS", keep=30), Column("UNTIL"), Column("REASON", keep=30)), rows)
