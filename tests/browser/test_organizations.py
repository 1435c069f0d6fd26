"""The ticket page shows the client's organization, with their role in it, the client's
other tickets and the organization's other open tickets, each a link — in a real
browser against ``mailgate run``, the organization made with ``mailgate orgs`` and
``mailgate contacts`` and the tickets opened by mail over SMTP."""

from __future__ import annotations

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
