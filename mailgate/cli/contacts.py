"""Clients' organizations and their contacts: ``mailgate orgs add|list|show|set|remove``
and ``mailgate contacts add|list|remove|import`` (docs/contacts.md).

The same functions as the API's ``/api/organizations`` and ``/api/contacts``
(:mod:`mailgate.tickets.organizations`).  An organization is named by its name or its
id.
"""

from __future__ import annotations

import click

from mailgate.cli.common import AppContext, dump_json, fail, pass_app
from mailgate.cli.table import Column, print_table

NOTIFY = click.Choice(["requester", "primary", "authorized"])
ROLES = click.Choice(["primary", "authorized", "other"])


@click.group("orgs")
def orgs_group() -> None:
    """Clients' organizations: their domains, who is told of their tickets, whether
    unknown addresses at their domains may open tickets (ORG: a name or an id)."""


def _show(doc: dict[str, object]) -> None:
    domains = ", ".join(str(d) for d in doc["domains"]) or "-"  # type: ignore[attr-defined]
    opens = "anyone at its domains" if doc["unknown_may_open"] else "only its contacts"
    click.echo(f"{doc['name']} (id {doc['id']})")
    click.echo(f"  domains: {domains}")
    click.echo(f"  notify: {doc['notify']}")
    click.echo(f"  may open tickets: {opens}")
    contacts = doc.get("contacts") or []
    assert isinstance(contacts, list)
    if contacts:
        click.echo("  contacts:")
        for c in contacts:
            name = f" ({c['name']})" if c["name"] else ""
            click.echo(f"    {c['address']}{name}: {c['role']}")


@orgs_group.command("add")
@click.argument("name")
@click.option("--domain", "domains", multiple=True, metavar="DOMAIN", help="A mail domain of it.")
@click.option(
    "--notify",
    type=NOTIFY,
    default="requester",
    show_default=True,
    help="Who receives its tickets' mail: the requester only, and its primary contacts, "
    "and its authorized contacts too (in Cc).",
)
@click.option(
    "--unknown-may-open/--only-contacts-open",
    default=True,
    help="Whether mail from an unknown address at its domains opens tickets (else it is "
    "held for an agent).",
)
@pass_app
def orgs_add_cmd(
    app: AppContext, name: str, domains: tuple[str, ...], notify: str, unknown_may_open: bool
) -> None:
    """Add the organization NAME."""
    from mailgate.store.models import utcnow
    from mailgate.tickets import organizations as orgs

    free_mail = app.config.contacts.free_mail_domains
    with app.store() as store, store.write() as session:
        org = orgs.add_organization(
            session,
            name,
            utcnow(),
            notify=notify,
            unknown_may_open=unknown_may_open,
            domains=domains,
            free_mail=free_mail,
        )
        doc = orgs.organization_document(session, org)
    click.echo(f"organization {doc['name']} added (id {doc['id']})")


@orgs_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def orgs_list_cmd(app: AppContext, as_json: bool) -> None:
    """List the organizations."""
    from mailgate.tickets import organizations as orgs

    with app.store(create_if_empty=False) as store, store.read() as session:
        docs = orgs.organization_list(session)
    if as_json:
        dump_json(docs)
        return
    if not docs:
        click.echo("no organizations (`mailgate orgs add NAME` adds one)")
        return
    columns = (
        Column("ID", right=True),
        Column("NAME", keep=30),
        Column("DOMAINS", keep=30),
        Column("NOTIFY"),
        Column("UNKNOWN MAY OPEN"),
        Column("CONTACTS", right=True),
    )
    rows = [
        (
            d["id"],
            d["name"],
            ", ".join(d["domains"]) or "-",
            d["notify"],
            "yes" if d["unknown_may_open"] else "no",
            d["contact_count"],
        )
        for d in docs
    ]
    print_table(columns, rows)


@orgs_group.command("show")
@click.argument("org")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def orgs_show_cmd(app: AppContext, org: str, as_json: bool) -> None:
    """Show ORG with its contacts."""
    from mailgate.tickets import organizations as orgs

    with app.store(create_if_empty=False) as store, store.read() as session:
        doc = orgs.organization_document(session, orgs.find(session, org))
    if as_json:
        dump_json(doc)
    else:
        _show(doc)


@orgs_group.command("set")
@click.argument("org")
@click.option("--name", help="A new name.")
@click.option("--notify", type=NOTIFY)
@click.option("--unknown-may-open/--only-contacts-open", default=None)
@click.option("--add-domain", "add_domains", multiple=True, metavar="DOMAIN")
@click.option("--remove-domain", "remove_domains", multiple=True, metavar="DOMAIN")
@pass_app
def orgs_set_cmd(
    app: AppContext,
    org: str,
    name: str | None,
    notify: str | None,
    unknown_may_open: bool | None,
    add_domains: tuple[str, ...],
    remove_domains: tuple[str, ...],
) -> None:
    """Change ORG's name, settings or domains (every value is checked first)."""
    from mailgate.tickets import organizations as orgs

    nothing = name is None and notify is None and unknown_may_open is None
    if nothing and not add_domains and not remove_domains:
        fail(
            "nothing to change (--name, --notify, --unknown-may-open, "
            "--only-contacts-open, --add-domain, --remove-domain)",
            code=2,
        )
    with app.store() as store, store.write() as session:
        found = orgs.find(session, org)
        orgs.set_organization(
            session,
            found,
            name=name,
            notify=notify,
            unknown_may_open=unknown_may_open,
            add_domains=add_domains,
            remove_domains=remove_domains,
            free_mail=app.config.contacts.free_mail_domains,
        )
        doc = orgs.organization_document(session, found)
    _show(doc)


@orgs_group.command("remove")
@click.argument("org")
@pass_app
def orgs_remove_cmd(app: AppContext, org: str) -> None:
    """Remove ORG, its domains and its contacts (its people's tickets stay)."""
    from mailgate.tickets import organizations as orgs

    with app.store() as store, store.write() as session:
        name = orgs.delete_organization(session, orgs.find(session, org))
    click.echo(f"organization {name} removed")


@click.group("contacts")
def contacts_group() -> None:
    """The contacts of clients' organizations: an address, a name, a role (primary,
    authorized, other)."""


@contacts_group.command("add")
@click.argument("org")
@click.argument("address")
@click.option("--name", default="", help="The person's name.")
@click.option("--role", type=ROLES, default="other", show_default=True)
@pass_app
def contacts_add_cmd(app: AppContext, org: str, address: str, name: str, role: str) -> None:
    """Add ADDRESS to ORG as a contact (or change it: an address is one organization's
    contact, and moves here if it was another's)."""
    from mailgate.store.models import utcnow
    from mailgate.tickets import organizations as orgs

    with app.store() as store, store.write() as session:
        found = orgs.find(session, org)
        doc, outcome = orgs.put_contact(session, found, address, name, role, utcnow())
    click.echo(f"{doc['address']}: {outcome} ({doc['role']} of {doc['organization']})")


@contacts_group.command("list")
@click.option("--organization", "org", metavar="ORG", help="Only ORG's contacts.")
@click.option("--json", "as_json", is_flag=True)
@pass_app
def contacts_list_cmd(app: AppContext, org: str | None, as_json: bool) -> None:
    """List the contacts."""
    from mailgate.tickets import organizations as orgs

    with app.store(create_if_empty=False) as store, store.read() as session:
        docs = orgs.contact_list(session, orgs.find(session, org) if org else None)
    if as_json:
        dump_json(docs)
        return
    if not docs:
        click.echo("no contacts")
        return
    columns = (
        Column("ADDRESS", keep=30),
        Column("NAME", keep=20),
        Column("ROLE"),
        Column("ORGANIZATION", keep=20),
    )
    print_table(
        columns, [(d["address"], d["name"] or "-", d["role"], d["organization"]) for d in docs]
    )


@contacts_group.command("remove")
@click.argument("address")
@pass_app
def contacts_remove_cmd(app: AppContext, address: str) -> None:
    """Remove the contact ADDRESS (their tickets stay)."""
    from mailgate.tickets import organizations as orgs

    with app.store() as store, store.write() as session:
        orgs.remove_contact(session, address)
    click.echo(f"{address.strip().lower()}: removed")


@contacts_group.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--skip-bad",
    is_flag=True,
    help="Import the good rows and report the bad ones (by default a bad row imports nothing).",
)
@click.option("--json", "as_json", is_flag=True)
@pass_app
def contacts_import_cmd(app: AppContext, file: str, skip_bad: bool, as_json: bool) -> None:
    """Import contacts from a CSV FILE: organization,address,name,role[,domain] (a
    header line naming them is skipped).  Every row is checked first; a bad row is
    reported by its line number, and nothing is imported unless --skip-bad.  Importing
    again updates: an organization is found by its name, a contact by its address."""
    from pathlib import Path

    from mailgate.contacts.csvfile import read_contacts
    from mailgate.store.models import utcnow
    from mailgate.tickets import organizations as orgs

    try:
        text = Path(file).read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        fail(f"{file}: not UTF-8 text ({e}); nothing imported", code=1)
    rows, problems = read_contacts(text, app.config.contacts.free_mail_domains)
    report = orgs.ImportReport()
    with app.store() as store, store.write() as session:
        problems += orgs.check_rows(session, rows)
        problems.sort(key=lambda p: p.line)
        report.problems = problems
        bad = {p.line for p in problems}
        good = [r for r in rows if r.line not in bad]
        if not problems or skip_bad:
            orgs.import_rows(session, good, utcnow(), report)
            report.skipped = len(bad)
    if as_json:
        dump_json(report.as_dict())
    for p in problems:
        click.echo(f"{file}: {p}", err=True)
    if problems and not skip_bad:
        fail(
            f"{len(problems)} bad row(s); nothing imported (fix them, or --skip-bad imports "
            "the others)",
            code=1,
        )
    if not as_json:
        added = ", ".join(report.organizations_added)
        click.echo(
            f"{report.added} contact(s) added, {report.updated} updated, {report.unchanged} "
            f"unchanged, {report.skipped} bad row(s) skipped"
            + (f"; organizations added: {added}" if added else "")
        )
