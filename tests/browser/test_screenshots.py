"""The console's main pages on a small helpdesk's day, each taken as a 1280×800 screenshot
in a real browser: the sign-in page, the queue, a ticket, an answer being previewed,
search results, the figures, held mail.  Each page must show without an error in the
browser's console (a script or a style refused by the Content-Security-Policy is one).

The screenshots go to the test's temporary directory; with ``MAILGATE_SCREENSHOTS=DIR``
(``docs/console`` for the README's), to DIR:

    MAILGATE_SCREENSHOTS=docs/console .venv/bin/pytest tests/browser/test_screenshots.py
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By

from tests.support.browser import (
    ANN,
    CANNED,
    Browser,
    ConsoleServer,
    serving,
    snap,
)
from tests.support.mailfactory import DSN, png

# The day's mail: (From, department, subject, text).  Korean, Persian and Thai: the
# helpdesks this started from.
MAIL = (
    (
        "Jo Client <jo@client.test>",
        "support",
        "Printer on the 3rd floor prints blank pages",
        "Since this morning every page comes out blank, also the test page.\n"
        "A photo of the display is attached.\n\n"
        "On Mon, 23 Nov 2026 at 09:00, Test Support <support@helpdesk.test> wrote:\n"
        "> Did you try the other tray?\n> Test Support\n",
    ),
    (
        "김민준 <minjun@client.test>",
        "support",
        "비밀번호 재설정 메일이 오지 않습니다",
        "안녕하세요. 비밀번호 재설정 메일을 세 번 요청했는데 아직 받지 못했습니다.\n",
    ),
    (
        "سارا احمدی <sara@client.test>",
        "billing",
        "فاکتور ماه گذشته را دریافت نکردم",
        "سلام، فاکتور ماه گذشته هنوز به دستم نرسیده است. لطفاً دوباره ارسال کنید.\n",
    ),
    (
        "สมชาย ใจดี <somchai@client.test>",
        "support",
        "เข้าสู่ระบบไม่ได้หลังเปลี่ยนรหัสผ่าน",
        "สวัสดีครับ หลังจากเปลี่ยนรหัสผ่านเมื่อวาน ผมเข้าสู่ระบบไม่ได้เลยครับ\n",
    ),
    (
        "Lena Fischer <lena@client.test>",
        "billing",
        "Rechnung 2026-114 doppelt erhalten",
        "Guten Tag, ich habe die Rechnung 2026-114 zweimal erhalten. Welche gilt?\n",
    ),
    (
        "Sam Lee <sam@client.test>",
        "support",
        "VPN disconnects every hour",
        "The VPN drops every hour on the hour; reconnecting works.\n",
    ),
    (
        "Tom Berg <tom@client.test>",
        "support",
        "Printer driver for macOS 15?",
        "Is there a driver for the office printer that works on macOS 15?\n",
    ),
    (
        "Ana Souza <ana@client.test>",
        "support",
        "Toner for the printer in room 12",
        "The printer in room 12 says the toner is low; where do we order more?\n",
    ),
    (
        "Priya Shah <priya@client.test>",
        "billing",
        "Refund for order 4471",
        "The order was cancelled on 2 November; the refund has not arrived.\n",
    ),
)


@dataclass
class Desk:
    console: ConsoleServer
    tickets: list[int]
    shots: Path


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    with serving(tmp_path_factory.mktemp("console")) as server:
        yield server


@pytest.fixture(scope="module")
def desk(console: ConsoleServer, tmp_path_factory: pytest.TempPathFactory) -> Desk:
    tickets = []
    for sender, department, subject, text in MAIL:
        address = sender.rsplit("<", 1)[1].rstrip(">")
        files = [("display.png", "image/png", png(48, 48, (192, 48, 48)))] if not tickets else []
        message_id = console.send(
            address,
            from_=sender,
            to=f"{department}@helpdesk.test",
            subject=subject,
            body=text,
            attachments=files,
        )
        tickets.append(console.ticket_of(message_id))
    # Some of the day's work done: one answered, one assigned to Ann.
    done = console.mailgate(
        "reply", str(tickets[5]), "--as", ANN, stdin="Please update the VPN client to 4.2.\n"
    )
    assert done.returncode == 0, done.stderr
    assigned = console.mailgate("assign", str(tickets[4]), ANN)
    assert assigned.returncode == 0, assigned.stderr
    # Held: an out-of-office answer and a bounce.
    console.send(
        "kim@other.test",
        from_="Kim Park <kim@other.test>",
        subject="Out of Office: back on Monday 30 November",
        body="I am out of the office until Monday.\n",
        headers={"Auto-Submitted": "auto-replied"},
    )
    console.send_raw("", DSN)
    wanted = os.environ.get("MAILGATE_SCREENSHOTS")
    shots = Path(wanted) if wanted else tmp_path_factory.mktemp("screenshots")
    return Desk(console, tickets, shots)


def shoot(browser: Browser, desk: Desk, name: str) -> None:
    snap(browser, desk.shots, name)


def test_sign_in_page(desk: Desk, browser: Browser) -> None:
    browser.go("/")
    browser.wait_for("form#login")
    browser.fill("form#login input[name=address]", ANN)
    shoot(browser, desk, "sign-in.png")


def test_queue_page(desk: Desk, browser: Browser) -> None:
    browser.sign_in(ANN)
    for number in desk.tickets:
        if number != desk.tickets[5]:  # answered: not waiting
            browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    shoot(browser, desk, "queue.png")


def test_ticket_page(desk: Desk, browser: Browser) -> None:
    browser.sign_in(ANN)
    browser.go(f"/tickets/{desk.tickets[0]}")
    message = browser.wait_for("#thread article.message.in")
    browser.wait_for("img.preview")
    browser.find("details.quoted summary", message).click()
    browser.wait_for("details.quoted[open] pre")
    shoot(browser, desk, "ticket.png")


def test_ticket_page_with_an_answer_previewed(desk: Desk, browser: Browser) -> None:
    browser.sign_in(ANN)
    browser.go(f"/tickets/{desk.tickets[0]}")
    browser.wait_for("#thread article.message.in")
    browser.choose("form#reply select[name=template]", CANNED)
    browser.fill(
        "form#reply textarea[name=body]",
        "If the pages stay blank after that, please send us the printer's serial number.",
    )
    browser.click("form#reply button[name=action][value=preview]")
    browser.wait_for("#preview .body")
    browser.js(
        "document.querySelector('form#reply').closest('section').scrollIntoView();"
        "window.scrollBy(0, -12)"
    )
    shoot(browser, desk, "answer-preview.png")


def test_search_results_page(desk: Desk, browser: Browser) -> None:
    browser.sign_in(ANN)
    browser.go("/search?q=printer")
    for number in (desk.tickets[0], desk.tickets[6], desk.tickets[7]):
        browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    shoot(browser, desk, "search.png")


def test_figures_page(desk: Desk, browser: Browser) -> None:
    browser.sign_in(ANN, "/figures")
    browser.wait_for("svg.chart")
    shoot(browser, desk, "figures.png")


def test_held_page(desk: Desk, browser: Browser) -> None:
    browser.sign_in(ANN, "/held")
    browser.wait_until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "table#held tr.held")) == 2,
        "the two held messages",
    )
    shoot(browser, desk, "held.png")
