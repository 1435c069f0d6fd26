"""The clients' languages in a real browser (headless Chromium against `mailgate run`):
a Thai client's ticket shows its language, the statuses read as `[labels.en]` writes
them (the survey's scheme), and the answer's preview is the mail in Thai."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.browser import BOB, Browser, ConsoleServer, serving

CLIENT = "somchai@client.test"
THAI = "สวัสดีครับ เว็บไซต์ของบริษัทเข้าไม่ได้ตั้งแต่เมื่อวาน รบกวนช่วยตรวจสอบด้วยครับ\n"
# Keys after [console]'s: the survey's status labels for the console's English.
SURVEY = """
[labels.en]
open = "New"
in_progress = "Assigned"
on_hold = "Awaiting clarification"
"""


@pytest.fixture(scope="module")
def console(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ConsoleServer]:
    with serving(tmp_path_factory.mktemp("languages"), console=SURVEY) as server:
        yield server


def test_a_thai_ticket_is_answered_in_thai_and_its_statuses_read_as_configured(
    console: ConsoleServer, browser: Browser, tmp_path: Path
) -> None:
    message_id = console.send(CLIENT, from_=f"Somchai <{CLIENT}>", subject="เว็บไซต์ล่ม", body=THAI)
    number = console.ticket_of(message_id)
    browser.sign_in(BOB)
    browser.go(f"/tickets/{number}")
    browser.wait_for("#thread article.message")
    head = browser.find(".ticket-head .meta").text
    assert "New" in head
    assert "writes in th" in head
    options = [
        o.text
        for o in browser.driver.find_elements(
            "css selector", "form#reply select[name=status] option"
        )
    ]
    assert "Awaiting clarification" in options

    browser.fill("form#reply textarea[name=body]", "กรุณาล้างแคชของเบราว์เซอร์แล้วลองอีกครั้ง")
    browser.click("form#reply button[name=action][value=preview]")
    preview = browser.wait_for("#preview")
    body = browser.find(".body", preview).text
    assert "กรุณาล้างแคชของเบราว์เซอร์แล้วลองอีกครั้ง" in body
    assert "หากต้องการตอบกลับ เพียงตอบกลับอีเมลฉบับนี้" in body
    assert "to answer, simply reply to this mail" not in body
    assert browser.console_errors() == []
