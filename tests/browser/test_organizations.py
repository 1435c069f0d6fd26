"""The ticket page shows the client's organization, with their role in it, the client's
other tickets and the organization's other open tickets, each a link — in a real
browser against ``mailgate run``, the organization made with ``mailgate orgs`` and
``mailgate contacts`` and the tickets opened by mail over SMTP."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from tests.support.browser import BOB, Browser, ConsoleServer


def test_ticket_page_shows_the_organization_and_links_the_other_tickets(
    console: ConsoleServer, browser: Browser, tmp_path: Path
) -> None:
    tag = secrets.token_hex(4)
    domain = f"org{tag}.test"
    name = f"Acme {tag}"
    boss, dev = f"boss@{domain}", f"dev@{domain}"
    for args in (
        ("orgs", "add", name, "--domain", domain),
        ("contacts", "add", name, boss, "--name", "Bo Boss", "--role", "primary"),
        ("contacts", "add", name, dev, "--role", "other"),
    ):
        done = console.mailgate(*args)
        assert done.returncode == 0, done.stderr
    older = console.ticket_of(console.send(boss, from_=boss, subject=f"Old invoice {tag}"))
    colleague = console.ticket_of(console.send(dev, from_=dev, subject=f"DNS change {tag}"))
    number = console.ticket_of(console.send(boss, from_=boss, subject=f"Server down {tag}"))
    stranger = console.ticket_of(console.send("jo@client.test", subject=f"Not theirs {tag}"))

    browser.sign_in(BOB)
    browser.go(f"/tickets/{number}")
    box = browser.wait_for("#organization")
    assert browser.find(".org-name", box).text == name
    assert browser.find(".org-role", box).text == "primary"
    theirs = browser.find_all(".requester-tickets a", box)
    assert [a.text for a in theirs] == [f"#{older}"]
    colleagues = browser.find_all(".organization-tickets a", box)
    assert [a.text for a in colleagues] == [f"#{colleague}"]
    assert f"#{stranger}" not in box.text
    browser.screenshot(tmp_path / "organization.png")

    colleagues[0].click()
    browser.wait_until(lambda d: browser.path == f"/tickets/{colleague}", "the colleague's ticket")
    box = browser.wait_for("#organization")
    assert browser.find(".org-role", box).text == "other"
    assert [a.text for a in browser.find_all(".organization-tickets a", box)] == [
        f"#{number}",
        f"#{older}",
    ]
    assert browser.console_errors() == []


def test_an_agent_adds_an_organization_and_its_contacts_in_the_console(
    console: ConsoleServer, browser: Browser, tmp_path: Path
) -> None:
    tag = secrets.token_hex(4)
    name, domain = f"Beta {tag}", f"beta{tag}.test"
    browser.sign_in(BOB)
    browser.click("#nav-organizations")
    browser.wait_for("form#add-organization")

    # A free-mail domain is refused, the form keeps what was typed.
    browser.fill("form#add-organization input[name=name]", name)
    browser.fill("form#add-organization input[name=domains]", "gmail.com")
    browser.click("form#add-organization [type=submit]")
    error = browser.wait_for("p.error")
    assert "gmail.com is a free-mail provider's domain" in error.text
    assert browser.find("form#add-organization input[name=name]").get_attribute("value") == name

    browser.fill("form#add-organization input[name=domains]", domain)
    browser.choose("form#add-organization select[name=notify]", "authorized")
    browser.click("form#add-organization input[name=unknown_may_open]")
    browser.click("form#add-organization [type=submit]")
    browser.wait_until(lambda d: "done=added" in browser.path, "the organization's page")
    assert browser.find("#organization-name").text == name

    for address, role in ((f"ceo@{domain}", "primary"), (f"ops@{domain}", "other")):
        browser.fill("form#add-contact input[name=address]", address)
        browser.choose("form#add-contact select[name=role]", role)
        browser.click("form#add-contact [type=submit]")
        browser.wait_until(
            lambda d, a=address: a in browser.find("#contacts").text, f"{address} listed"
        )
    # The same address again changes the contact.
    browser.fill("form#add-contact input[name=address]", f"ops@{domain}")
    browser.choose("form#add-contact select[name=role]", "authorized")
    browser.click("form#add-contact [type=submit]")
    browser.wait_until(
        lambda d: (
            [r.text for r in browser.find_all("#contacts td.role")] == ["primary", "authorized"]
        ),
        "ops promoted to authorized",
    )
    browser.screenshot(tmp_path / "organization-page.png")
    row = browser.find(f'#contacts tr[data-address="ceo@{domain}"]')
    browser.find("form.remove-contact button", row).click()
    browser.wait_until(lambda d: "done=removed" in browser.path, "the contact removed")
    assert f"ceo@{domain}" not in browser.find("#contacts").text

    shown = console.mailgate("orgs", "show", name, "--json")
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert (doc["domains"], doc["notify"], doc["unknown_may_open"]) == (
        [domain],
        "authorized",
        False,
    )
    assert [(c["address"], c["role"]) for c in doc["contacts"]] == [(f"ops@{domain}", "authorized")]
    # The refused form's page came with its status, 400; nothing else failed.
    errors = browser.console_errors()
    assert len(errors) == 1
    assert "/organizations - Failed to load resource" in errors[0]
    assert "400 (Bad Request)" in errors[0]
