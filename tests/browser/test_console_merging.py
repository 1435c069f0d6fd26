"""One problem, one ticket, in a real browser against ``mailgate run``: a client's second
mail about the same problem arrives over SMTP, both tickets show the likely duplicate,
one click merges them, and the client's reply with the old number lands on the merged
ticket; a message split off from the page becomes a ticket of its own."""

from __future__ import annotations

import secrets

from mailgate.store.models import Ticket
from tests.support.browser import ANN, Browser, ConsoleServer
from tests.support.waiting import wait_for


def client() -> str:
    """A client of this test alone: no other test's tickets are theirs."""
    return f"jo.{secrets.token_hex(3)}@client.test"


def test_the_duplicate_banner_shows_on_both_tickets_and_one_click_merges_them(
    console: ConsoleServer, browser: Browser
) -> None:
    jo = client()
    body = "The label printer in the warehouse prints every label twice since Monday."
    first = console.send(jo, from_=f"Jo <{jo}>", subject="Label printer doubles", body=body)
    older = console.ticket_of(first)
    again = console.send(
        jo,
        from_=f"Jo <{jo}>",
        subject="Label printer still doubles",
        body="The label printer in the warehouse still prints every label twice!",
    )
    newer = console.ticket_of(again)
    assert newer != older

    browser.sign_in(ANN)
    browser.go(f"/tickets/{older}")
    banner = browser.wait_for(".duplicate-banner")
    assert f"#{newer}" in banner.text
    browser.go(f"/tickets/{newer}")
    banner = browser.wait_for(".duplicate-banner")
    assert "This looks like a duplicate of" in banner.text
    assert f"#{older}" in banner.text

    browser.click(".duplicate-banner form.merge-duplicate button")
    browser.wait_until(
        lambda d: browser.path == f"/tickets/{older}?done=merged", "the merged ticket"
    )
    browser.wait_text(".flash", "merged")
    # The newer ticket's message is on the older one now, and no banner is left.
    assert any("still prints" in a.text for a in browser.find_all("#thread article.message.in"))
    assert browser.find_all(".duplicate-banner") == []
    assert "merged into this one" in browser.text("#history")
    with console.store.read() as s:
        stub = s.get(Ticket, newer)
        assert stub is not None
        assert stub.status == "closed"
    browser.go(f"/tickets/{newer}")
    assert f"#{older}" in browser.wait_for("#merged-banner").text

    # The client answers with the old number: the mail joins the merged ticket.
    reply = console.send(
        jo, from_=f"Jo <{jo}>", subject=f"Re: #[{newer}] Label printer", body="Any news?"
    )
    assert console.ticket_of(reply) == older
    # And the client was told, From the helpdesk, with the merged ticket's token.
    notice = wait_for(
        lambda: [
            m
            for m in console.sent_to(jo)
            if str(m["Subject"]).startswith(f"#[{older}]") and "joined them" in m.as_string()
        ],
        30,
        "the ticket_merged mail",
    )[0]
    assert "support@helpdesk.test" in str(notice["From"])


def test_a_message_split_off_from_the_page_becomes_a_ticket_of_its_own(
    console: ConsoleServer, browser: Browser
) -> None:
    jo = client()
    first = console.send(jo, from_=f"Jo <{jo}>", subject="VPN drops", body="The VPN drops hourly.")
    number = console.ticket_of(first)
    other = console.send(
        jo,
        from_=f"Jo <{jo}>",
        subject=f"Re: #[{number}] VPN drops",
        body="Unrelated: my mailbox is full and refuses mail.",
    )
    assert console.ticket_of(other) == number

    browser.sign_in(ANN)
    browser.go(f"/tickets/{number}")
    articles = browser.find_all("#thread article.message.in")
    assert len(articles) == 2
    last = articles[-1]
    browser.find("details.split summary", within=last).click()
    browser.find("form.split-message button[name=tail][value='']", within=last).click()
    browser.wait_text(".flash", "ticket of its own")
    new = int(browser.path.split("?")[0].rsplit("/", 1)[1])
    assert new != number
    assert "mailbox is full" in browser.text("#thread")
    assert f"#{number}" in browser.text("#links")
    assert console.ticket_of(other) == new
    browser.go(f"/tickets/{number}")
    assert f"#{new}" in browser.wait_for("#links").text


def test_merging_two_clients_tickets_asks_for_confirmation_first(
    console: ConsoleServer, browser: Browser
) -> None:
    jo, kim = client(), client()
    mine = console.ticket_of(console.send(jo, from_=f"Jo <{jo}>", subject="Door", body="Jammed."))
    theirs = console.ticket_of(
        console.send(kim, from_=f"Kim <{kim}>", subject="Door lock", body="The door jams.")
    )
    browser.sign_in(ANN)
    browser.go(f"/tickets/{theirs}")
    browser.fill("#merge-form input[name=into]", str(mine))
    browser.click("#merge-form [type=submit]")
    assert "different requesters" in browser.wait_for("#action-error").text
    with console.store.read() as s:
        ticket = s.get(Ticket, theirs)
        assert ticket is not None
        assert ticket.status != "closed"
    browser.click("#merge-form input[name=force]")
    browser.click("#merge-form [type=submit]")
    browser.wait_text(".flash", "merged")
    assert browser.path == f"/tickets/{mine}?done=merged"
    assert kim in browser.text("#participants")


def test_a_wrong_duplicate_flag_is_dismissed_from_the_banner(
    console: ConsoleServer, browser: Browser
) -> None:
    jo = client()
    body = "The coffee machine on the third floor leaks water onto the floor."
    older = console.ticket_of(console.send(jo, from_=f"Jo <{jo}>", subject="Coffee", body=body))
    newer = console.ticket_of(
        console.send(jo, from_=f"Jo <{jo}>", subject="Coffee machine", body=body)
    )
    browser.sign_in(ANN)
    browser.go(f"/tickets/{newer}")
    browser.wait_for(".duplicate-banner")
    browser.click(".duplicate-banner form.not-duplicate button")
    browser.wait_text(".flash", "not a duplicate")
    assert browser.find_all(".duplicate-banner") == []
    assert f"not a duplicate of #{older}" in browser.text("#history")
    browser.go(f"/tickets/{older}")
    browser.wait_for("#links")
    assert browser.find_all(".duplicate-banner") == []
    with console.store.read() as s:
        for number in (older, newer):
            ticket = s.get(Ticket, number)
            assert ticket is not None
            assert ticket.status == "open"
