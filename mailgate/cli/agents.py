"""The agents' view: ``mailgate tickets`` and ``mailgate ticket N``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from mailgate.cli.common import AppContext, dump_json, fail, pass_app, when
from mailgate.tickets.lifecycle import STATUSES

if TYPE_CHECKING:
    from mailgate.store.models import Message, Ticket


def ticket_summary(t: Ticket, message_count: int) -> dict[str, Any]:
    return {
        "number": t.id,
        "subject": t.subject,
        "status": t.status,
        "department": t.department,
        "priority": t.priority,
        "requester": t.requester,
        "requester_name": t.requester_name,
        "created_at": t.created_at,
        "updated_at": t.updated_at,
        "message_count": message_count,
    }


def message_view(m: Message, delivery: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "direction": m.direction,
        "kind": m.kind,
        "from": {"name": m.from_name or "", "address": m.from_address or ""},
        "to": m.to,
        "cc": m.cc,
        "date": m.date or m.created_at,
        "subject": m.subject,
        "message_id": m.message_id,
        "text": m.text,
        "reply_text": m.reply_text,
        "attachments": [
            {
                "filename": a.filename,
                "content_type": a.content_type,
                "size": a.size,
                "sha256": a.sha256,
                "inline": a.inline,
                "content_id": a.content_id,
            }
            for a in m.attachments
        ],
        "inbox_id": m.inbox_id,
        "delivery": delivery,
    }


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
    from mailgate.store.tickets_repo import TicketRepo

    with app.store(create_if_empty=False) as store, store.read() as session:
        rows = [
            ticket_summary(s.ticket, s.message_count)
            for s in TicketRepo(session).summaries(
                status=status, department=department, limit=limit
            )
        ]
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
@pass_app
def ticket_cmd(app: AppContext, number: int, as_json: bool, full: bool) -> None:
    """Show a ticket: participants, messages in order, history."""
    from mailgate.store.outbox_repo import OutboxRepo
    from mailgate.store.tickets_repo import TicketRepo

    with app.store(create_if_empty=False) as store, store.read() as session:
        repo = TicketRepo(session)
        ticket = repo.get(number)
        if ticket is None:
            fail(f"no ticket {number}", code=1)
        deliveries = {
            row.id: {
                "state": row.state,
                "attempts": row.attempts,
                "error": row.last_error,
                "sent_at": row.sent_at,
                "to": row.recipients,
            }
            for row in OutboxRepo(session).by_ticket(number)
        }
        messages = repo.messages(number)
        doc = ticket_summary(ticket, len(messages))
        doc["participants"] = [
            {"address": p.address, "name": p.name, "role": p.role, "added_at": p.added_at}
            for p in repo.participants(number)
        ]
        doc["messages"] = [
            message_view(m, deliveries.get(m.outbox_id) if m.outbox_id else None) for m in messages
        ]
        doc["events"] = [
            {"at": e.at, "actor": e.actor, "kind": e.kind, "data": e.data}
            for e in repo.events(number)
        ]
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
