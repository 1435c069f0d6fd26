"""Service levels in a real browser: the queue shows each ticket's badge — due, at risk,
breached — and the list of tickets at risk holds the breached one once the sla job of
``mailgate run`` has seen it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from email.message import EmailMessage

import pytest

from tests.support.browser import ANN, Browser, ConsoleServer, serving
from tests.support.waiting import wait_for

# Billing answers within two seconds (a target a test can see pass); support within 4h.
# The keys follow [console] in the server's configuration: the tables come after them.
SLA = """
[scheduler.jobs.sla]
interval = "1s"

[[sla]]
department = "support"
first_response = "4h"
resolution = "3d"

[[sla]]
department = "billing"
first_response = "2s"
resolution = "1h"
warn_before = "1s"
"""


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    with serving(tmp_path_factory.mktemp("console"), console=SLA) as server:
        yield server


def test_the_queue_shows_due_and_breached_badges_and_the_at_risk_list_the_breached(
    console: ConsoleServer, browser: Browser
) -> None:
    waiting = console.ticket_of(console.send(subject="Printer offline"))
    late = console.ticket_of(console.send(subject="Invoice missing", to="billing@helpdesk.test"))
    time.sleep(2.5)  # billing's first response is now overdue
    browser.sign_in(ANN, "/queue/all")
    due = browser.wait_for(f"tr.ticket[data-number='{waiting}'] .sla-badge")
    assert due.text == "response due in 4 hours"
    assert "sla-running" in str(due.get_attribute("class"))
    breached = browser.wait_for(f"tr.ticket[data-number='{late}'] .sla-badge")
    assert breached.text == "response breached"
    assert "sla-breached" in str(breached.get_attribute("class"))
    # Drawn as a badge: a coloured background, not plain text.
    colour = browser.js("return getComputedStyle(arguments[0]).backgroundColor", breached)
    assert colour not in ("rgba(0, 0, 0, 0)", "transparent")

    browser.click("#nav-sla")
    browser.wait_until(
        lambda d: (
            d.find_elements("css selector", f"tr.ticket[data-number='{late}']") or d.refresh()
        ),
        "the breached ticket in the list of tickets at risk (the sla job runs every second)",
    )
    assert not browser.find_all(f"tr.ticket[data-number='{waiting}']")
    assert browser.console_errors() == []

    # The job told the admin (Ann) once, From billing's address with the ticket's token.
    def overdue() -> list[EmailMessage]:
        return [m for m in console.sent_to(ANN) if "Overdue" in str(m["Subject"])]

    [mail] = wait_for(overdue, 30, "the escalation mail")
    assert str(mail["Subject"]) == f"#[{late}] Overdue, first response: Invoice missing"
    assert mail["From"].addresses[0].addr_spec == "billing@helpdesk.test"
