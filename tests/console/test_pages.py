"""The console's pages and actions over real HTTP on loopback, as a browser sends them
(the browser suite, tests/browser, drives Chromium through the same flows): what each
page shows, that each action goes through the shared actions as the signed-in agent,
and the rules every response keeps (session, CSRF, security headers)."""

from __future__ import annotations

import re
from collections.abc import Callable
from email import message_from_bytes
from email.policy import default as default_policy
from pathlib import Path

import pytest

from mailgate.config import Config, config_from_toml
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, Ticket
from tests.support.console import (
    ANN,
    BOB,
    QUOTED_BODY,
    SUPPORT,
    Browser,
    console_toml,
    deliver,
    sign_in_directly,
)
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import AUTHENTICATED, build

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def config(tmp_path: Path) -> Config:
    text = console_toml(tmp_path)
    (tmp_path / "mailgate.toml").write_text(text)
    return config_from_toml(text, "<test>")


@pytest.fixture
def served(
    config: Config,
    store: Store,
    processor: Processor,
    run_daemon: Callable[..., RunningDaemon],
) -> Browser:
    """Ticket 1 — Jo's printer, with a quoted history, HTML, an image and a program —
    and the daemon serving the console (mail it queues stays in the outbox)."""
    raw = build(
        message_id="first@client.test",
        subject="Printer <b>broken</b>",
        body=QUOTED_BODY,
        html="<p>The printer still shows <b>error 12</b>.</p><script>window.__xss=1</script>",
        headers=AUTHENTICATED,
        attachments=[
            ("photo.png", "image/png", PNG),
            ("driver.exe", "application/octet-stream", b"MZ\x90\x00" + b"\x00" * 60),
        ],
    )
    deliver(store, processor, raw)
    run_daemon(config, ("http",))
    return Browser(config.http.port, sign_in_directly(store, ANN))


def outbox(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def events(store: Store, kind: str) -> list[Event]:
    with store.read() as s:
        return list(s.query(Event).filter(Event.kind == kind).order_by(Event.id))


def ticket(store: Store, number: int = 1) -> Ticket:
    with store.read() as s:
        t = s.get(Ticket, number)
        assert t is not None
        s.expunge(t)
        return t


def ids(page_text: str, pattern: str) -> list[str]:
    return re.findall(pattern, page_text)


# -- what needs a session, and the headers of every page -----------------------------------


def test_no_page_or_action_without_a_session(served: Browser) -> None:
    stranger = Browser(served.port)
    for path in ("/", "/queue/mine", "/tickets/1", "/search?q=printer", "/held", "/live"):
        page = stranger.get(path)
        assert page.status == 303, path
        assert page.headers["Location"].startswith("/login?next="), path
    for path in ("/tickets/1/reply", "/tickets/1/notes", "/tickets/1/change", "/bulk"):
        assert stranger.post(path, {"body": "x"}).status == 401, path
    assert stranger.get("/tickets/1/attachments/1").status == 303
    assert stranger.get("/login").status == 200
    assert stranger.get("/static/console.css").status == 200


def test_a_form_without_the_sessions_csrf_token_changes_nothing(
    served: Browser, store: Store
) -> None:
    before = len(outbox(store))
    page = served.post("/tickets/1/reply", {"body": "Hello", "action": "send"}, csrf="forged")
    assert page.status == 403
    page = served.post(
        "/tickets/1/change", {"priority": "urgent", "was_priority": "normal"}, csrf=""
    )
    assert page.status == 403
    assert len(outbox(store)) == before
    assert ticket(store).priority == "normal"


def test_every_console_response_forbids_framing_scripts_from_elsewhere_and_sniffing(
    served: Browser,
) -> None:
    for path in ("/", "/tickets/1", "/held", "/login", "/queue/all"):
        headers = served.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "script-src 'self'" in csp, path
        assert "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp, path
        assert headers["X-Frame-Options"] == "DENY", path
        assert headers["X-Content-Type-Options"] == "nosniff", path


# -- the queue and the ticket ----------------------------------------------------------------


def test_the_queue_lists_what_waits_with_counts_in_the_navigation(
    served: Browser, store: Store, processor: Processor
) -> None:
    deliver(
        store,
        processor,
        build(subject="Invoice missing", from_="Kim <kim@client.test>", headers=AUTHENTICATED),
        "kim@client.test",
    )
    page = served.get("/")
    assert page.status == 200
    assert ids(page.text, r'<tr class="ticket[^"]*" data-number="(\d+)"') == ["1", "2"]
    assert re.search(r'id="nav-team"[^>]*>Waiting <span class="count">2</span>', page.text)
    assert re.search(r'id="nav-unassigned"[^>]*>Unassigned <span class="count">2</span>', page.text)
    # The subject is text: its markup is shown, never obeyed.
    assert "Printer &lt;b&gt;broken&lt;/b&gt;" in page.text
    assert served.get("/queue/mine").text.count('class="ticket') == 0
    assert served.get("/queue/status/open").text.count('class="ticket') == 2


def test_a_ticket_shows_the_reply_text_with_its_quote_folded_its_files_and_its_html_on_request(
    served: Browser,
) -> None:
    page = served.get("/tickets/1")
    assert page.status == 200
    reply = re.search(r'<div class="reply-text" dir="auto">(.*?)</div>', page.text, re.S)
    assert reply is not None
    assert "error 12" in reply.group(1)
    assert "Please restart it" not in reply.group(1)
    quoted = re.search(r'<details class="quoted"[^>]*>.*?</details>', page.text, re.S)
    assert quoted is not None
    assert "Please restart it" in quoted.group(0)
    assert 'class="show-html"' in page.text
    assert "photo.png" in page.text
    assert 'class="preview"' in page.text
    assert "driver.exe" in page.text
    assert "executable-warning" in page.text
    assert "window.__xss" not in page.text


def test_a_messages_html_is_served_sanitized_into_a_sandbox(served: Browser) -> None:
    link = re.search(r'href="(/tickets/1/messages/\d+/html)"', served.get("/tickets/1").text)
    assert link is not None
    frame = served.get(link.group(1))
    assert frame.status == 200
    assert frame.headers["Content-Security-Policy"].startswith("sandbox;")
    assert "<b>error 12</b>" in frame.text
    assert "<script" not in frame.text


def test_attachments_download_as_files_and_only_images_preview(served: Browser) -> None:
    page = served.get("/tickets/1").text
    links = dict(
        (name, href)
        for href, name in re.findall(r'<a class="attachment" href="([^"]+)"[^>]*>([^<]+)</a>', page)
    )
    png = served.get(links["photo.png"])
    assert png.status == 200
    assert png.body == PNG
    assert png.headers["Content-Disposition"].startswith("attachment")
    assert png.headers["X-Content-Type-Options"] == "nosniff"
    exe = served.get(links["driver.exe"])
    assert exe.headers["Content-Type"].startswith("application/octet-stream")
    assert exe.headers["Content-Disposition"].startswith("attachment")
    assert served.get(links["photo.png"] + "/preview").headers["Content-Type"] == "image/png"
    assert served.get(links["driver.exe"] + "/preview").status == 404
    # An attachment of another ticket is not reached through this one.
    assert served.get(links["photo.png"].replace("/tickets/1/", "/tickets/2/")).status == 404


# -- answering ---------------------------------------------------------------------------


def seen_message(page_text: str) -> str:
    found = re.search(r'name="seen_message" value="(\d+)"', page_text)
    assert found is not None
    return found.group(1)


def test_a_preview_shows_the_mail_as_it_will_go_out_and_sends_nothing(
    served: Browser, store: Store
) -> None:
    seen = seen_message(served.get("/tickets/1").text)
    page = served.post(
        "/tickets/1/reply",
        {
            "body": "Try the reset.",
            "template": "answer_printer_reset",
            "action": "preview",
            "seen_message": seen,
        },
        headers={"X-Fragment": "preview"},
    )
    assert page.status == 200, re.findall(r'role="alert"[^>]*>([^<]*)<', page.text)
    assert 'id="preview"' in page.text
    assert SUPPORT in page.text
    assert "jo@client.test" in page.text
    assert "Hold the reset button" in page.text
    assert "Try the reset." in page.text
    assert outbox(store) == [] or all(r.kind != "agent_reply" for r in outbox(store))


def test_an_answer_goes_from_the_department_threaded_and_is_recorded_as_the_agent(
    served: Browser, store: Store
) -> None:
    seen = seen_message(served.get("/tickets/1").text)
    page = served.post(
        "/tickets/1/reply",
        {
            "body": "Try the reset.",
            "template": "answer_printer_reset",
            "action": "send",
            "seen_message": seen,
            "status": "",
        },
        files=[("attachments", "steps.txt", "text/plain", b"1. hold\n2. wait\n")],
    )
    assert page.status == 303
    assert page.headers["Location"] == "/tickets/1?done=sent"
    sent = [r for r in outbox(store) if "jo@client.test" in r.recipients]
    assert len(sent) >= 1
    mail = message_from_bytes(sent[-1].raw, policy=default_policy)
    assert SUPPORT in str(mail["From"])
    assert "#[1]" in str(mail["Subject"])
    assert "first@client.test" in str(mail["In-Reply-To"])
    assert "Hold the reset button" in mail.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert any(p.get_filename() == "steps.txt" for p in mail.iter_attachments())
    assert ticket(store).status == "answered"
    assert events(store, "status_changed")[-1].actor == ANN


def test_an_answer_begun_before_the_clients_new_mail_is_not_sent_blind(
    served: Browser, store: Store, processor: Processor
) -> None:
    seen = seen_message(served.get("/tickets/1").text)
    deliver(
        store,
        processor,
        build(
            subject="Re: #[1] Printer broken",
            in_reply_to="first@client.test",
            body="Oh, and it smells of smoke now.\n",
            headers=AUTHENTICATED,
        ),
    )
    before = len(outbox(store))
    page = served.post(
        "/tickets/1/reply",
        {
            "body": "Try the reset.",
            "template": "agent_reply",
            "action": "send",
            "seen_message": seen,
        },
    )
    assert page.status == 409
    assert 'id="stale"' in page.text
    assert "smells of smoke" in page.text
    assert "Try the reset." in page.text  # the draft is kept
    assert re.search(r'<article class="message in new"', page.text)
    assert len(outbox(store)) == before
    # Sent again from the page that showed the new message, it goes.
    again = served.post(
        "/tickets/1/reply",
        {
            "body": "Try the reset.",
            "template": "agent_reply",
            "action": "send",
            "seen_message": seen_message(page.text),
        },
    )
    assert again.status == 303


def test_a_note_is_kept_for_agents_and_never_mailed_to_the_client(
    served: Browser, store: Store
) -> None:
    before = [r.id for r in outbox(store)]
    page = served.post("/tickets/1/notes", {"body": "Jo called: it is the <b>old</b> printer."})
    assert page.status == 303
    notes = events(store, "note")
    assert len(notes) == 1
    assert notes[0].actor == ANN
    assert all("jo@client.test" not in r.recipients for r in outbox(store) if r.id not in before)
    shown = served.get("/tickets/1").text
    assert 'class="message note"' in shown
    assert "it is the &lt;b&gt;old&lt;/b&gt; printer" in shown


def test_the_change_form_changes_what_changed_as_the_agent(served: Browser, store: Store) -> None:
    page = served.post(
        "/tickets/1/change",
        {
            "status": "open",
            "was_status": "open",
            "priority": "urgent",
            "was_priority": "normal",
            "department": "support",
            "was_department": "support",
            "assignee": BOB,
            "was_assignee": "",
        },
    )
    assert page.status == 303
    t = ticket(store)
    assert (t.priority, t.assignee, t.status) == ("urgent", BOB, "open")
    assert [e.actor for e in events(store, "priority_changed")] == [ANN]
    assert [e.actor for e in events(store, "assigned")] == [ANN]


def test_bulk_actions_assign_and_close_the_checked_tickets(
    served: Browser, store: Store, processor: Processor
) -> None:
    deliver(
        store,
        processor,
        build(subject="Second", from_="kim@client.test", headers=AUTHENTICATED),
        "kim@client.test",
    )
    page = served.post("/bulk", {"ticket": ["1", "2"], "action": "assign", "assignee": BOB})
    assert page.status == 303
    assert ticket(store, 1).assignee == BOB
    assert ticket(store, 2).assignee == BOB
    page = served.post("/bulk", {"ticket": ["2"], "action": "close", "assignee": ""})
    assert page.status == 303
    assert ticket(store, 2).status == "closed"
    assert ticket(store, 1).status == "open"


# -- admins, presence --------------------------------------------------------------------


def test_held_mail_is_for_admins_who_accept_it_onto_a_ticket(
    served: Browser, store: Store, processor: Processor
) -> None:
    bounce = build(
        from_="MAILER-DAEMON@mx.client.test",
        subject="Undelivered Mail Returned to Sender",
        body="This is the mail system. Your message could not be delivered.\n",
    )
    deliver(store, processor, bounce, sender="")
    bob = Browser(served.port, sign_in_directly(store, BOB))
    assert bob.get("/held").status == 403
    assert 'id="nav-held"' not in bob.get("/").text
    page = served.get("/held")
    assert page.status == 200
    held = ids(page.text, r'<tr class="held" data-id="(\d+)"')
    assert held
    accepted = served.post(f"/held/{held[0]}/accept", {"ticket": ""})
    assert accepted.status == 303
    with store.read() as s:
        row = s.get(InboxRow, int(held[0]))
        assert row is not None
        assert row.state != "held"


def test_colleagues_on_the_same_ticket_see_each_other_and_who_is_writing(
    served: Browser, store: Store
) -> None:
    bob = Browser(served.port, sign_in_directly(store, BOB))
    assert bob.post("/tickets/1/presence", {"writing": "1"}).status == 200
    seen = served.post("/tickets/1/presence", {"writing": "0"})
    assert '"agent": "' + BOB in seen.text.replace('":"', '": "')
    assert '"writing": true' in seen.text.replace('":true', '": true')
    assert bob.post("/tickets/1/presence/leave", {}).status == 204
    assert BOB not in served.post("/tickets/1/presence", {"writing": "0"}).text


def test_a_change_form_read_before_a_colleagues_change_does_not_undo_it(
    served: Browser, store: Store
) -> None:
    bob = Browser(served.port, sign_in_directly(store, BOB))
    form = {
        "status": "open",
        "was_status": "open",
        "department": "support",
        "was_department": "support",
        "assignee": "",
        "was_assignee": "",
    }
    assert (
        bob.post("/tickets/1/change", {**form, "priority": "high", "was_priority": "normal"}).status
        == 303
    )
    # Ann's page still shows "normal"; she only assigns the ticket to herself.
    page = served.post(
        "/tickets/1/change",
        {**form, "priority": "normal", "was_priority": "normal", "assignee": ANN},
    )
    assert page.status == 303
    t = ticket(store)
    assert (t.priority, t.assignee) == ("high", ANN)


def test_search_finds_by_words_addresses_and_file_names_and_takes_the_filters(
    served: Browser, store: Store, processor: Processor
) -> None:
    deliver(
        store,
        processor,
        build(subject="Printer jammed again", from_="kim@client.test", headers=AUTHENTICATED),
        "kim@client.test",
    )
    assert served.post("/bulk", {"ticket": ["2"], "action": "close", "assignee": ""}).status == 303

    def found(query: str) -> list[str]:
        page = served.get("/search?" + query)
        assert page.status == 200, page.text[:300]
        return ids(page.text, r'<tr class="ticket[^"]*" data-number="(\d+)"')

    assert sorted(found("q=printer")) == ["1", "2"]
    assert found("q=printer&status=closed") == ["2"]
    assert found("q=printer&status=open&department=support") == ["1"]
    assert found("q=photo.png") == ["1"]
    assert found("q=kim%40client.test") == ["2"]
    assert found("q=%22unbalanced+OR+NEAR(") == []
    assert served.get("/search?q=printer&status=nonsense").status == 400
    assert served.get("/search?q=").status == 303


def test_an_open_pages_polling_does_not_keep_its_session_from_ending_as_idle(
    served: Browser, store: Store
) -> None:
    from datetime import timedelta

    from mailgate.store.models import ConsoleSession

    def age(minutes: int) -> None:
        with store.write() as s:
            for row in s.query(ConsoleSession):
                row.seen_at = row.seen_at - timedelta(minutes=minutes)

    def seen() -> object:
        with store.read() as s:
            return s.query(ConsoleSession).one().seen_at

    age(5)
    before = seen()
    assert served.get("/live").status == 200
    assert served.post("/tickets/1/presence", {"writing": "0"}).status == 200
    served.extra_headers["X-Console-Refresh"] = "1"
    assert served.get("/").status == 200
    assert seen() == before
    del served.extra_headers["X-Console-Refresh"]
    assert served.get("/").status == 200
    assert seen() != before


def test_a_nul_in_a_form_is_refused_before_it_reaches_mail_or_the_database(
    served: Browser, store: Store
) -> None:
    seen = seen_message(served.get("/tickets/1").text)
    page = served.post(
        "/tickets/1/reply",
        {"body": "a\x00b", "action": "send", "seen_message": seen, "template": "agent_reply"},
    )
    assert page.status == 400
    assert served.post("/tickets/1/notes", {"body": "a\x00b"}).status == 400
    assert events(store, "note") == []
    assert served.get("/search?q=printer&page=201").status == 400


def test_split_is_offered_only_on_a_clients_request_never_on_an_automatic_reply(
    served: Browser, store: Store, processor: Processor
) -> None:
    # A client's second request and an out-of-office answer, both on ticket 1.
    deliver(
        store,
        processor,
        build(
            subject="Re: #[1] Printer broken",
            body="And the scanner does not start either.\n",
            headers=AUTHENTICATED,
        ),
    )
    deliver(
        store,
        processor,
        build(
            subject="Re: #[1] Printer broken",
            body="I am out of the office until Monday.\n",
            headers=AUTHENTICATED | {"Auto-Submitted": "auto-replied"},
        ),
    )
    with store.read() as s:
        kinds = {
            m.id: m.kind
            for m in s.query(Message).filter(Message.ticket_id == 1, Message.direction == "in")
        }
    assert sorted(kinds.values()) == ["auto_reply", "human", "human"]
    page = served.get("/tickets/1")
    offered = {
        int(n) for n in re.findall(r'name="message" value="(\d+)"', page.text)
    }  # each Split form's message
    assert offered == {n for n, kind in kinds.items() if kind == "human"}
