"""Tags and custom fields in the console, in a real browser against ``mailgate run``: a
tag rule tags the client's mail as it arrives over SMTP; an agent adds a tag and fills
in a field on the ticket's page, sees a value its type refuses named, and finds the
ticket by ``tag:`` and ``field:`` in the search box; the queue shows the tags."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import pytest
from selenium.webdriver.common.keys import Keys

from tests.support.browser import BOB, Browser, ConsoleServer, serving
from tests.support.config import TAGGING

# Appended to the [console] table: TAGGING's tables follow it.


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    with serving(tmp_path_factory.mktemp("console-tags"), console=TAGGING) as server:
        yield server


def word() -> str:
    return secrets.token_hex(4)


def test_an_agent_tags_a_ticket_fills_a_field_and_finds_it_in_the_queue(
    console: ConsoleServer, browser: Browser
) -> None:
    subject = f"The printer {word()} jams"
    number = console.ticket_of(console.send("jo@client.test", subject=subject))
    other = console.ticket_of(console.send("jo@client.test", subject=f"Printer {word()} too"))
    tag = f"billing-{word()}"

    browser.sign_in(BOB, f"/tickets/{number}")
    browser.wait_for("#thread article.message")
    # The rule tagged it on arrival, and the history says which rule.
    assert browser.text("#tags .tag-list") == "hardware\n×"
    assert "tag added: hardware (rule printer-mail)" in browser.text("#history")

    browser.fill("form#add-tags input[name=add]", tag)
    browser.click("form#add-tags [type=submit]")
    browser.wait_text("p.flash", "The tags were changed.")
    assert [a.text for a in browser.find_all("#ticket-tags a.tag")] == sorted([tag, "hardware"])

    browser.choose("form#set-fields select[name=field_plan]", "gold")
    browser.fill("form#set-fields input[name=field_seats]", "a dozen")
    browser.click("form#set-fields [type=submit]")
    assert "seats: expected a number such as 12 or 4.5 (got 'a dozen')" in browser.text(
        "#action-error"
    )
    browser.fill("form#set-fields input[name=field_seats]", "12")
    browser.choose("form#set-fields select[name=field_plan]", "gold")
    browser.click("form#set-fields [type=submit]")
    browser.wait_text("p.flash", "The fields were saved.")
    assert browser.find("form#set-fields input[name=field_seats]").get_attribute("value") == "12"
    assert "plan: — → gold" in browser.text("#history")

    # The search box: the tag and the field, with or without words.
    box = browser.wait_for("form#search input[name=q]")
    box.clear()
    box.send_keys(f"tag:{tag} field:plan=gold", Keys.ENTER)
    browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    rows = browser.find_all("table#queue tr.ticket")
    assert [r.get_attribute("data-number") for r in rows] == [str(number)]
    assert tag in rows[0].text

    browser.go("/search?q=printer%20tag%3Ahardware%20field%3Aseats%3D12.0")
    browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    assert len(browser.find_all("table#queue tr.ticket")) == 1

    # A tag in the queue links to the tickets carrying it: both printers.
    browser.go("/queue/all")
    browser.click(f"table#queue tr.ticket[data-number='{number}'] a.tag[href*='hardware']")
    browser.wait_for(f"table#queue tr.ticket[data-number='{other}']")
    assert browser.path.startswith("/search?q=tag%3Ahardware")

    # Removing the tag is one click on its ×.
    browser.go(f"/tickets/{number}")
    browser.click(f"#tags button[aria-label='Remove tag {tag}']")
    browser.wait_text("p.flash", "The tags were changed.")
    assert [a.text for a in browser.find_all("#ticket-tags a.tag")] == ["hardware"]
