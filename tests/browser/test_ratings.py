"""Satisfaction ratings in a real browser against ``mailgate run``: a client opens the
link of the mail their closed ticket sent, confirms the rating, comments once, and finds
the link used when they open it again; an admin reads the rating on the figures page."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from selenium.webdriver.common.by import By

from mailgate.store.models import Event, RatingRequest
from tests.support.browser import ANN, BOB, Browser, ConsoleServer, RatingServer, chromium_paths
from tests.support.waiting import wait_for

CLIENT = "jo@client.test"


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    chromium_paths()
    server = RatingServer(tmp_path_factory.mktemp("ratings"))
    try:
        yield server.start()
    finally:
        server.stop()


def closed_by_bob(console: ConsoleServer, subject: str) -> tuple[int, EmailMessage]:
    """A client's ticket answered and closed by Bob: its number and the rating request
    its client received."""
    number = console.ticket_of(console.send(CLIENT, subject=subject))
    done = console.mailgate(
        "reply", str(number), "--status", "closed", "--as", BOB, stdin="The tray was jammed.\n"
    )
    assert done.returncode == 0, done.stderr

    def asked() -> EmailMessage | None:
        found = [m for m in console.sent_to(CLIENT) if f"How did we do? {subject}" in m["Subject"]]
        return found[0] if found else None

    return number, wait_for(asked, 30, "the rating request")


def link_of(mail: EmailMessage, choice: str) -> str:
    part = mail.get_body(("plain",))
    assert part is not None
    [link] = re.findall(rf"(http://\S+/rate/\S+choice={choice})", part.get_content())
    return str(link)


def test_a_client_rates_from_the_mail_confirms_and_comments_once(
    console: ConsoleServer, browser: Browser
) -> None:
    subject = f"Printer jam {secrets.token_hex(3)}"
    number, mail = closed_by_bob(console, subject)
    browser.driver.get(link_of(mail, "bad"))
    browser.wait_for("form#rate")
    bad = browser.find("form#rate input[value=bad]")
    assert bad.is_selected(), "the link's choice is preselected"
    with console.store.read() as s:
        assert s.query(RatingRequest).filter_by(ticket_id=number).one().rating is None
    browser.click("label.choice-good")
    browser.click("form#rate button[type=submit]")
    browser.wait_text("#rating-message", "your rating is recorded")
    browser.fill("#comment-text", "Fast and friendly.")
    browser.click("form#comment button[type=submit]")
    browser.wait_text("#rating-message", "Thank you for your comment")
    assert not browser.find_all("form")

    with console.store.read() as s:
        row = s.query(RatingRequest).filter_by(ticket_id=number).one()
        assert (row.rating, row.comment, row.agent) == ("good", "Fast and friendly.", BOB)
        kinds = [e.kind for e in s.query(Event).filter_by(ticket_id=number).order_by(Event.id)]
    assert kinds.count("rating") == 1
    assert kinds.count("rating_comment") == 1

    # The link again, later: a page saying it was used, nothing to send.
    browser.driver.get(link_of(mail, "good"))
    browser.wait_text("#rating-message", "already been used")
    assert not browser.find_all("form")
    assert browser.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"


def test_the_figures_page_shows_the_ratings_per_department_and_agent(
    console: ConsoleServer, browser: Browser
) -> None:
    subject = f"Scanner {secrets.token_hex(3)}"
    _number, mail = closed_by_bob(console, subject)
    browser.driver.get(link_of(mail, "bad"))
    browser.click("form#rate button[type=submit]")
    browser.wait_text("#rating-message", "your rating is recorded")
    with console.store.read() as s:
        rated = s.query(RatingRequest).filter(RatingRequest.rating.is_not(None)).all()
    good = sum(1 for r in rated if r.rating == "good")
    bad = sum(1 for r in rated if r.rating == "bad")
    assert bad >= 1

    admin = Browser(console, browser.downloads.parent / "admin")
    try:
        admin.sign_in(ANN, "/figures")
        section = admin.wait_for("section#ratings")
        summary = admin.find("#ratings-summary").text
        given = f"Ratings given: {good + bad}, of which {good} good and {bad} bad"
        assert given in " ".join(summary.split())
        row = admin.find("#ratings-agents tbody tr").text.split()
        assert row[0] == BOB
        assert row[1:3] == [str(good), str(bad)]
        departments = admin.find("#ratings-departments tbody tr").text.split()
        assert departments[:3] == ["support", str(good), str(bad)]
        assert section.find_element(By.CSS_SELECTOR, "svg.chart").get_attribute("aria-label")
    finally:
        admin.quit()
