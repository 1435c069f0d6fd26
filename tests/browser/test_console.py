"""An agent's day in the console, in a real browser against ``mailgate run``: client mail
arrives over SMTP to its listener, the agent reads it, answers with a template, writes a
note, searches; two agents on one ticket see each other; a reply written while the client
wrote again is not sent blind.  Each test makes tickets of its own on the module's
daemon."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import cast

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from mailgate.lifecycle import Status
from mailgate.store.models import Message, OutboxRow, Ticket
from mailgate.subjects import find_ticket_number
from tests.support.browser import (
    ANN,
    BOB,
    CANNED,
    CANNED_LINE,
    NAMES,
    PASSWORDS,
    SUPPORT,
    Browser,
    ConsoleServer,
)
from tests.support.mailfactory import png
from tests.support.waiting import wait_for

CLIENT = "jo@client.test"

QUOTED_BODY = """\
The printer shows error E42 since this morning, on every page.

On Mon, 23 Nov 2026 at 09:00, Test Support <support@helpdesk.test> wrote:
> Did you try the other tray?
> Test Support
"""


def tag() -> str:
    """A word no other test's mail holds."""
    return secrets.token_hex(4)


def new_ticket(console: ConsoleServer, **mail: object) -> tuple[int, str]:
    """A client's mail sent over SMTP: the number of its ticket and its Message-ID."""
    message_id = console.send(CLIENT, **mail)
    return console.ticket_of(message_id), message_id


def open_ticket(browser: Browser, number: int) -> None:
    browser.go(f"/tickets/{number}")
    browser.wait_for("#thread article.message")


def outgoing(console: ConsoleServer, number: int) -> list[OutboxRow]:
    """The mail queued on ticket ``number``, oldest first."""
    with console.store.read() as s:
        rows = s.query(OutboxRow).filter(OutboxRow.ticket_id == number).order_by(OutboxRow.id)
        return list(rows)


def plain_text(raw: bytes) -> str:
    """The text part of a mail as the client's program shows it."""
    mail = message_from_bytes(raw, policy=default_policy)
    part = cast(EmailMessage, mail).get_body(("plain",))
    return str(part.get_content()) if part is not None else ""


def to_client(console: ConsoleServer, number: int) -> list[OutboxRow]:
    return [r for r in outgoing(console, number) if CLIENT in r.recipients]


# -- signing in and the queue ------------------------------------------------------------


def test_an_agent_signs_in_with_the_form_and_a_wrong_password_is_refused(
    console: ConsoleServer, browser: Browser
) -> None:
    browser.go("/")
    browser.wait_for("form#login")
    assert browser.path.startswith("/login")
    browser.fill("form#login input[name=address]", BOB)
    browser.fill("form#login input[name=password]", "not the password")
    browser.click("form#login [type=submit]")
    assert browser.text("#login-error")
    assert not browser.find_all("nav#nav")

    browser.fill("form#login input[name=address]", BOB)
    browser.fill("form#login input[name=password]", PASSWORDS[BOB])
    browser.click("form#login [type=submit]")
    browser.wait_for("nav#nav")
    assert browser.path == "/"
    assert NAMES[BOB] in browser.text("header")
    assert not browser.find_all("#nav-held"), "held mail is for admins"
    assert not browser.find_all("#nav-figures"), "the figures are for admins"

    browser.click("form#logout [type=submit]")
    browser.wait_for("form#login")
    browser.go("/")
    browser.wait_for("form#login")


def test_a_new_client_mail_appears_in_the_queue_without_a_reload(
    console: ConsoleServer, browser: Browser
) -> None:
    browser.sign_in(ANN)
    assert browser.find_all("#nav-held")
    assert browser.find_all("#nav-figures")
    browser.js("window.__sameDocument = true;")
    subject = f"Scanner jams after the update {tag()}"
    number, _ = new_ticket(console, subject=subject)

    row = browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    assert browser.find("a.subject", row).text == subject
    assert browser.find("a.subject", row).get_attribute("href").endswith(f"/tickets/{number}")
    assert browser.js("return window.__sameDocument") is True, "the page was reloaded"
    count = int(browser.text("#nav-team span.count"))
    assert count >= 1
    assert browser.console_errors() == []


# -- reading a ticket ----------------------------------------------------------------------


def test_reading_a_ticket_unfolds_the_quote_and_downloads_an_attachment(
    console: ConsoleServer, browser: Browser
) -> None:
    pdf = b"%PDF-1.4\n% not a real document\n\x00\x01\xfe\xff" + secrets.token_bytes(64)
    program = b"MZ\x90\x00\x03" + bytes(60)
    number, _ = new_ticket(
        console,
        subject=f"Error E42 {tag()}",
        body=QUOTED_BODY,
        attachments=[
            ("invoice-2026.pdf", "application/pdf", pdf),
            ("setup.exe", "application/octet-stream", program),
            ("photo.png", "image/png", png()),
        ],
    )
    browser.sign_in(BOB)
    open_ticket(browser, number)
    message = browser.wait_for("#thread article.message.in")
    reply = browser.find(".reply-text", message)
    assert reply.get_attribute("dir") == "auto"
    assert "error E42" in reply.text
    assert "other tray" not in reply.text

    quoted = browser.find("details.quoted", message)
    assert quoted.get_attribute("open") is None
    assert "other tray" not in message.text, "the quote is folded"
    browser.find("summary", quoted).click()
    browser.wait_until(lambda d: quoted.get_attribute("open") is not None, "the quote to open")
    assert "Did you try the other tray?" in quoted.text

    links = {a.text.strip(): a for a in browser.find_all("a.attachment", message)}
    assert set(links) >= {"invoice-2026.pdf", "setup.exe", "photo.png"}, list(links)
    for name, link in links.items():
        warned = link.find_elements(By.XPATH, "./..//*[contains(@class,'executable-warning')]")
        assert bool(warned) == (name == "setup.exe"), name

    links["invoice-2026.pdf"].click()
    assert browser.downloaded("invoice-2026.pdf").read_bytes() == pdf
    assert browser.path == f"/tickets/{number}", "a download leaves the page where it is"

    href = str(links["setup.exe"].get_attribute("href"))
    served = console.request("GET", href.removeprefix(console.base), cookie=browser.session)
    assert served.status == 200
    assert served.headers["Content-Disposition"].startswith("attachment")
    assert served.headers["X-Content-Type-Options"] == "nosniff"

    image = browser.wait_for("img.preview")
    browser.wait_until(
        lambda d: d.execute_script("return arguments[0].naturalWidth", image) == 4,
        "the image preview to load",
    )
    assert browser.console_errors() == []


# -- answering -------------------------------------------------------------------------------


def test_answering_with_a_template_previews_and_sends_threaded_mail(
    console: ConsoleServer, browser: Browser, tmp_path: Path
) -> None:
    subject = f"Toner light blinks {tag()}"
    number, client_id = new_ticket(console, subject=subject)
    label = tmp_path / "where-the-serial-is.txt"
    label.write_bytes(b"Look under the paper tray.\n" + secrets.token_hex(8).encode())
    browser.sign_in(BOB)
    open_ticket(browser, number)
    browser.choose("form#reply select[name=template]", CANNED)
    browser.choose("form#reply select[name=status]", Status.ON_HOLD)
    browser.fill("form#reply textarea[name=body]", "If it still blinks, tell us its serial.")
    browser.find("form#reply input[type=file][name=attachments]").send_keys(str(label))
    browser.click("form#reply button[name=action][value=preview]")

    preview = browser.wait_for("#preview")
    assert SUPPORT in browser.find(".from", preview).text
    assert CLIENT in browser.find(".to", preview).text
    shown_subject = browser.find(".subject", preview).text
    assert subject in shown_subject
    assert find_ticket_number(shown_subject, console.config.helpdesk.subject_token) == number
    body = browser.find(".body", preview).text
    assert CANNED_LINE in body
    assert "tell us its serial" in body
    assert label.name in browser.find(".files", preview).text
    assert browser.find("form#reply textarea[name=body]").get_attribute("value") == (
        "If it still blinks, tell us its serial."
    ), "the preview keeps the draft"
    chosen = browser.find("form#reply input[type=file][name=attachments]").get_attribute("value")
    assert str(chosen).endswith(label.name), "the preview keeps the chosen file"
    assert not [r for r in to_client(console, number) if r.kind == "agent_reply"], "only shown"

    browser.click("form#reply button[name=action][value=send]")
    browser.wait_until(
        lambda d: any(
            "tell us its serial" in m.text
            for m in d.find_elements(By.CSS_SELECTOR, "#thread article.message.out")
        ),
        "the answer in the thread",
    )

    def answer() -> EmailMessage | None:
        for m in console.sent_to(CLIENT):
            mine = find_ticket_number(str(m["Subject"]), console.config.helpdesk.subject_token)
            if mine == number and CANNED_LINE in plain_text(m.as_bytes()):
                return m
        return None

    mail = wait_for(answer, 30, "the answer in the outbox directory")
    assert subject in str(mail["Subject"])
    assert str(mail["In-Reply-To"]) == f"<{client_id}>"
    assert f"<{client_id}>" in str(mail["References"]).split()
    assert SUPPORT in str(mail["From"])
    [attached] = list(mail.iter_attachments())
    assert attached.get_filename() == label.name
    assert attached.get_content().encode() == label.read_bytes()
    with console.store.read() as s:
        ticket = s.get(Ticket, number)
        assert ticket is not None
        assert ticket.status == Status.ON_HOLD

    def delivered() -> bool:
        open_ticket(browser, number)
        return bool(browser.find_all("article.message.out .delivery[data-state='sent']"))

    browser.wait_until(lambda d: delivered(), "the delivery state 'sent'")


def test_a_note_reaches_no_client_and_alerts_the_assignee(
    console: ConsoleServer, browser: Browser
) -> None:
    number, _ = new_ticket(console, subject=f"Invoice address wrong {tag()}")
    browser.sign_in(BOB)
    open_ticket(browser, number)
    browser.choose("form#change select[name=assignee]", ANN)
    browser.click("form#change [type=submit]")
    browser.wait_until(
        lambda d: (
            ANN in browser.find("#history").text or NAMES[ANN] in browser.find("#history").text
        ),
        "the assignment in the history",
    )
    before = len(to_client(console, number))

    words = f"Client is a reseller; check the contract first {tag()}"
    browser.fill("form#note textarea[name=body]", words)
    box = browser.find("form#note input[name=alert]")
    if not box.is_selected():
        box.click()
    browser.click("form#note [type=submit]")
    note = browser.wait_text("#thread article.message.note", words)
    assert "in" not in str(note.get_attribute("class")).split()

    # The alert to the assignee shows the sender has run since the note.
    def alert_to_ann() -> bool:
        return any(words in m.as_string() for m in console.sent_to(ANN))

    wait_for(alert_to_ann, 30, "the note's alert to the assignee")
    assert len(to_client(console, number)) == before
    assert not any(words in m.as_string() for m in console.sent_to(CLIENT))


# -- search --------------------------------------------------------------------------------


def test_search_finds_the_ticket_by_subject_attachment_name_and_address(
    console: ConsoleServer, browser: Browser
) -> None:
    word = f"zanzibar{tag()}"
    number, _ = new_ticket(
        console,
        subject=f"Shipment {word} delayed",
        attachments=[(f"manifest-{word}.csv", "text/csv", b"box,weight\n1,3kg\n")],
    )
    browser.sign_in(BOB)
    field = browser.wait_for("form#search input[name=q]")
    field.send_keys(word, Keys.ENTER)
    browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    assert browser.path.startswith("/search")
    assert len(browser.find_all("table#queue tr.ticket")) == 1

    browser.go(f"/search?q=manifest-{word}")
    browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    browser.go("/search?q=jo%40client.test")
    browser.wait_for(f"table#queue tr.ticket[data-number='{number}']")
    browser.go(f"/search?q=nothing{tag()}")
    browser.wait_for("main")
    assert not browser.find_all("table#queue tr.ticket")


# -- two agents ----------------------------------------------------------------------------


def test_two_agents_on_one_ticket_see_each_other_and_who_is_writing(
    console: ConsoleServer, browsers: Callable[[], Browser]
) -> None:
    number, _ = new_ticket(console, subject=f"VPN drops hourly {tag()}")
    ann, bob = browsers(), browsers()
    ann.sign_in(ANN)
    bob.sign_in(BOB)
    open_ticket(ann, number)
    open_ticket(bob, number)
    ann.wait_for(f"#presence .colleague[data-agent='{BOB}']")
    bob.wait_for(f"#presence .colleague[data-agent='{ANN}']")
    assert not ann.find_all(f"#presence .colleague[data-agent='{ANN}']"), "not oneself"
    assert not ann.find_all(f"#presence .colleague[data-agent='{BOB}'].writing")

    bob.find("form#reply textarea[name=body]").send_keys("Looking into the VPN logs now")
    ann.wait_for(f"#presence .colleague[data-agent='{BOB}'].writing")
    assert not bob.find_all(f"#presence .colleague[data-agent='{ANN}'].writing")


# -- a stale reply ---------------------------------------------------------------------------


def test_a_reply_written_while_the_client_wrote_again_is_not_sent_blind(
    console: ConsoleServer, browser: Browser
) -> None:
    subject = f"Laptop will not charge {tag()}"
    number, first = new_ticket(console, subject=subject)
    browser.sign_in(BOB)
    open_ticket(browser, number)
    draft = "Please try another power socket."
    browser.fill("form#reply textarea[name=body]", draft)
    before = len(to_client(console, number))

    later = console.send(
        CLIENT,
        subject=f"Re: {subject}",
        body="Never mind the socket: the cable is frayed, see photo.\n",
        in_reply_to=first,
        references=[first],
    )
    assert console.ticket_of(later) == number
    browser.click("form#reply button[name=action][value=send]")

    browser.wait_for("#stale")
    # The message the agent had not seen is in the thread, marked.
    assert "the cable is frayed" in browser.text("#thread article.message.in.new")
    assert browser.find("form#reply textarea[name=body]").get_attribute("value") == draft
    with console.store.read() as s:
        out = s.query(Message).filter(Message.ticket_id == number, Message.direction == "out")
        assert not [m for m in out if draft in m.text], "the reply was queued"
    assert len(to_client(console, number)) == before

    browser.click("form#reply button[name=action][value=send]")  # seen: send it now

    def sent() -> bool:
        return any(draft in plain_text(r.raw) for r in to_client(console, number))

    wait_for(sent, 30, "the confirmed reply")


def test_a_stale_answers_page_still_shows_new_mail_as_it_comes_and_keeps_the_marks(
    console: ConsoleServer, browser: Browser
) -> None:
    subject = f"Monitor flickers {tag()}"
    number, first = new_ticket(console, subject=subject)
    browser.sign_in(BOB)
    open_ticket(browser, number)
    draft = "Is the cable pressed in?"
    browser.fill("form#reply textarea[name=body]", draft)

    def client_writes(body: str) -> None:
        message_id = console.send(
            CLIENT, subject=f"Re: {subject}", body=body, in_reply_to=first, references=[first]
        )
        assert console.ticket_of(message_id) == number

    client_writes("It flickers on every input.\n")
    browser.click("form#reply button[name=action][value=send]")
    browser.wait_for("#stale")
    assert browser.path == f"/tickets/{number}/reply"  # the page the refusal answered
    marked = browser.find("#thread article.message.in.new").get_attribute("id")
    browser.console_errors()  # the page's own 409 is logged; what follows must not be
    browser.js("window.__sameDocument = true;")

    client_writes("It stops when the cable is pressed in.\n")
    browser.wait_text("#thread", "cable is pressed in")
    assert browser.js("return window.__sameDocument") is True, "the page was reloaded"
    assert browser.find(f"#thread article#{marked}").get_attribute("class").endswith(" new")
    assert browser.find("form#reply textarea[name=body]").get_attribute("value") == draft
    assert browser.console_errors() == []
