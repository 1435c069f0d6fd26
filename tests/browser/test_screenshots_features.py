"""Screenshots of the console's pages for organizations, duplicates, tags and fields,
service levels and ratings, taken like those of ``test_screenshots.py`` (1280×800, in a
real browser, without an error in its console) on a helpdesk with every feature on: the
organizations, a ticket that looks like a duplicate of its client's other one, the
tickets at risk of their service level, the figures' ratings and service levels, and
the page a client rates an answer on, in English and in Persian.

    MAILGATE_SCREENSHOTS=docs/console .venv/bin/pytest tests/browser/test_screenshots_features.py
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.support.browser import (
    ANN,
    BOB,
    Browser,
    ConsoleServer,
    RatingServer,
    chromium_paths,
    snap,
)
from tests.support.config import TAGGING
from tests.support.waiting import wait_for

# Billing answers within two seconds (so that the day's billing mail is overdue by the
# time the pictures are taken); support's urgent mail is at risk from the start.
FEATURES = (
    """
[scheduler.jobs.sla]
interval = "1s"

[[sla]]
department = "support"
first_response = "4h"
resolution = "3d"
warn_before = "1h"

[[sla]]
department = "support"
priority = "high"
first_response = "30m"
resolution = "8h"
warn_before = "1h"

[[sla]]
department = "billing"
first_response = "2s"
resolution = "1h"
warn_before = "1s"
"""
    + TAGGING
    + """
[[fields]]
department = "support"
name = "renewal"
label = "Renewal"
type = "date"
"""
)

ACME = "Acme Hosting"
BOSS, DEPUTY, DEV = "boss@acme.test", "deputy@acme.test", "dev@acme.test"


@dataclass
class Day:
    console: ConsoleServer
    duplicate: int  # the ticket that looks like a duplicate of its client's other one
    overdue: list[int]  # billing's, past their first response
    urgent: int  # support's, at risk
    english: str  # a rating link not used yet (Tom's)
    persian: str  # a rating link not used yet (Maryam's)
    shots: Path


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    chromium_paths()
    server = RatingServer(tmp_path_factory.mktemp("features"), console=FEATURES)
    try:
        yield server.start()
    finally:
        server.stop()


def run(console: ConsoleServer, *args: str, stdin: str = "") -> None:
    done = console.mailgate(*args, stdin=stdin)
    assert done.returncode == 0, (args, done.stderr)


def opened(console: ConsoleServer, sender: str, subject: str, text: str, **mail: object) -> int:
    address = sender.rsplit("<", 1)[1].rstrip(">")
    domain = address.rsplit("@", 1)[1]
    headers = {"Authentication-Results": f"mx.helpdesk.test; dmarc=pass header.from={domain}"}
    headers.update(mail.pop("headers", {}))  # type: ignore[arg-type]
    return console.ticket_of(
        console.send(address, from_=sender, subject=subject, body=text, headers=headers, **mail)
    )


def closed_with_answer(console: ConsoleServer, number: int, answer: str) -> str:
    """Bob answers and closes ``number``; the good link of the rating request it sent."""
    run(console, "reply", str(number), "--status", "closed", "--as", BOB, stdin=answer + "\n")

    def asked() -> EmailMessage | None:
        for m in console.sent():
            if str(m["Subject"]).startswith(f"#[{number}]"):
                part = m.get_body(("plain",))
                if part is not None and "/rate/" in part.get_content():
                    return m
        return None

    mail = wait_for(asked, 30, f"the rating request of #{number}")
    part = mail.get_body(("plain",))
    assert part is not None
    [link] = re.findall(r"(http://\S+/rate/\S+choice=good)", part.get_content())
    return str(link)


def rated(browser: Browser, link: str, choice: str, comment: str = "") -> None:
    browser.driver.get(link.replace("choice=good", f"choice={choice}"))
    browser.wait_for("form#rate")
    browser.click("form#rate button[type=submit]")
    browser.wait_for("form#comment")
    if comment:
        browser.fill("#comment-text", comment)
        browser.click("form#comment button[type=submit]")
        browser.wait_for("#rating-message")


@pytest.fixture(scope="module")
def day(console: ConsoleServer, tmp_path_factory: pytest.TempPathFactory) -> Day:
    for args in (
        ("orgs", "add", ACME, "--domain", "acme.test", "--notify", "authorized"),
        ("contacts", "add", ACME, BOSS, "--name", "Bo Boss", "--role", "primary"),
        ("contacts", "add", ACME, DEPUTY, "--name", "Di Deputy", "--role", "authorized"),
        ("contacts", "add", ACME, DEV, "--name", "Dev Eloper", "--role", "other"),
        ("orgs", "add", "Nordwind Logistik", "--domain", "nordwind.test"),
        ("contacts", "add", "Nordwind Logistik", "it@nordwind.test", "--role", "primary"),
        ("orgs", "add", "پارس وب", "--domain", "parsweb.test"),
    ):
        run(console, *args)

    backup = opened(
        console, f"Bo Boss <{BOSS}>", "Backup job failed on srv-02", "Last night's backup failed."
    )
    opened(
        console,
        f"Bo Boss <{BOSS}>",
        "Printer on the 3rd floor prints blank pages",
        "Since this morning the printer on the 3rd floor prints only blank pages.\n",
    )
    duplicate = opened(
        console,
        f"Bo Boss <{BOSS}>",
        "Printer on the 3rd floor still prints blank pages",
        "The printer on the 3rd floor still prints only blank pages since this morning!\n",
    )
    opened(console, f"Dev Eloper <{DEV}>", "DNS change for acme.test", "Please add a TXT record.")
    urgent = opened(
        console,
        f"Di Deputy <{DEPUTY}>",
        "Website acme.test unreachable",
        "Our website answers with 502 since 10:40.\n",
        headers={"X-Priority": "1 (Highest)"},
    )
    overdue = [
        opened(
            console,
            "سارا احمدی <sara@client.test>",
            "فاکتور ماه گذشته را دریافت نکردم",
            "سلام، فاکتور ماه گذشته هنوز به دستم نرسیده است. لطفاً دوباره ارسال کنید.\n",
            to="billing@helpdesk.test",
        ),
        opened(
            console,
            "Lena Fischer <lena@client.test>",
            "Rechnung 2026-114 doppelt erhalten",
            "Guten Tag, ich habe die Rechnung 2026-114 zweimal erhalten. Welche gilt?\n",
            to="billing@helpdesk.test",
        ),
    ]
    vpn = opened(console, "Jo Client <jo@client.test>", "VPN disconnects every hour", "Hourly.")
    toner = opened(console, "Ana Souza <ana@client.test>", "Toner for room 12", "Toner is low.")
    driver = opened(
        console, "Tom Berg <tom@client.test>", "Printer driver for macOS 15?", "Which driver?"
    )
    panel = opened(
        console,
        "مریم رضایی <maryam@client.test>",
        "رمز عبور پنل کاربری کار نمی‌کند",
        "با سلام، از دیروز نمی‌توانم با رمز عبورم وارد پنل کاربری شوم. لطفاً راهنمایی کنید.\n",
    )

    # The ticket that looks like a duplicate: tagged, its fields filled in, assigned.
    run(console, "tickets", "tag", str(duplicate), "add", "vip")
    run(console, "tickets", "field", str(duplicate), "plan", "gold")
    run(console, "tickets", "field", str(duplicate), "seats", "40")
    run(console, "tickets", "field", str(duplicate), "renewal", "2027-03-31")
    run(console, "assign", str(duplicate), ANN)

    # Answered and closed; three rated, two links kept for the pictures.
    links = {
        n: closed_with_answer(console, n, text)
        for n, text in (
            (backup, "The backup disk was full; we made room and ran the job again."),
            (toner, "We ordered a new cartridge; it arrives on Monday."),
            (vpn, "Please update the VPN client to 4.2."),
            (driver, "The driver is on the printer maker's site, version 5.1."),
            (panel, "رمز عبور شما بازنشانی شد؛ پیوند ورود برایتان فرستاده شد."),
        )
    }
    client = Browser(console, tmp_path_factory.mktemp("client"))
    try:
        rated(client, links[backup], "good", "Quick and clear, thank you.")
        rated(client, links[toner], "good")
        rated(client, links[vpn], "bad", "It still drops every hour.")
    finally:
        client.quit()
    time.sleep(2.5)  # billing's first responses are overdue
    wanted = os.environ.get("MAILGATE_SCREENSHOTS")
    shots = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    return Day(console, duplicate, overdue, urgent, links[driver], links[panel], shots)


def test_organizations_page(day: Day, browser: Browser) -> None:
    browser.sign_in(ANN, "/organizations")
    rows = browser.wait_for("table#organizations")
    assert len(browser.find_all("tr.organization", rows)) == 3
    snap(browser, day.shots, "organizations.png")


def test_ticket_page_with_organization_sla_and_duplicate_banner(day: Day, browser: Browser) -> None:
    browser.sign_in(ANN, f"/tickets/{day.duplicate}")
    browser.wait_for("#thread article.message.in")
    banner = browser.wait_for(".duplicate-banner")
    assert "This looks like a duplicate of" in banner.text
    assert browser.find("#organization .org-name").text == ACME
    badges = [b.text for b in browser.find_all("#ticket-sla .sla-badge")]
    assert badges[0].startswith("response due in"), badges
    assert [a.text for a in browser.find_all("#ticket-tags a.tag")] == ["hardware", "vip"]
    snap(browser, day.shots, "ticket-duplicate.png")


def test_ticket_page_tags_and_fields(day: Day, browser: Browser) -> None:
    browser.sign_in(ANN, f"/tickets/{day.duplicate}")
    browser.wait_for("#thread article.message.in")
    seats = browser.wait_for("form#set-fields input[name=field_seats]")
    assert seats.get_attribute("value") == "40"
    browser.js("document.querySelector('#tags').scrollIntoView(); window.scrollBy(0, -12)")
    snap(browser, day.shots, "ticket-tags-fields.png")


def test_at_risk_queue(day: Day, browser: Browser) -> None:
    browser.sign_in(ANN, "/queue/sla")
    browser.wait_until(
        lambda d: (
            len(
                [
                    n
                    for n in (*day.overdue, day.urgent)
                    if d.find_elements(By.CSS_SELECTOR, f"tr.ticket[data-number='{n}']")
                ]
            )
            == 3
            or d.refresh()
        ),
        "the overdue and the urgent tickets at risk (the sla job runs every second)",
    )
    snap(browser, day.shots, "at-risk.png")


def test_figures_page_ratings_and_service_levels(day: Day, browser: Browser) -> None:
    browser.sign_in(ANN, "/figures")
    browser.wait_for("section#ratings svg.chart")
    summary = " ".join(browser.find("#ratings-summary").text.split())
    assert "Ratings given: 3, of which 2 good and 1 bad" in summary
    billing = browser.find("section#service-levels tbody tr").text.split()
    assert billing[:2] == ["billing", "normal"], billing
    # Both sections in one picture: the ratings' and, below it, the service levels'.
    browser.js("document.querySelector('#ratings').scrollIntoView(); window.scrollBy(0, -12)")
    snap(browser, day.shots, "figures-ratings-sla.png")


def test_rating_page_in_english(day: Day, browser: Browser) -> None:
    browser.driver.get(day.english)
    browser.wait_for("form#rate")
    assert browser.find("form#rate input[value=good]").is_selected()
    assert browser.driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "en"
    snap(browser, day.shots, "rating.png")


def test_rating_page_in_persian(day: Day, browser: Browser) -> None:
    browser.driver.get(day.persian)
    browser.wait_for("form#rate")
    html = browser.driver.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("fa", "rtl")
    snap(browser, day.shots, "rating-fa.png")
