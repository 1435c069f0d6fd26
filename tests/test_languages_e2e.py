"""The client's language end to end: mail in Korean, Persian and Thai over real SMTP into
`mailgate run`, the acknowledgments at a relay (a real aiosmtpd server) in the client's
language; the language remembered for the address's next ticket; Content-Language
before the text; a department's language when the text shows none; replies to a
localized subject back on their ticket; the configured status labels in the status
mail; an agent setting a client's language from the command line."""

from __future__ import annotations

import smtplib
from collections.abc import Callable, Iterator
from pathlib import Path

import lxml.html
import pytest

from mailgate.config import Config, config_from_toml
from mailgate.notify import Notifier, Templates
from mailgate.store.engine import Store
from mailgate.store.languages_repo import LanguageRepo
from mailgate.store.models import Event, InboxRow, Ticket
from mailgate.tickets.actions import Agent
from mailgate.tickets.changes import change_status
from tests.support.config import make_toml, to_relay
from tests.support.daemon import RunningDaemon
from tests.support.mailcheck import check_text
from tests.support.mailfactory import AUTHENTICATED, THAI, build
from tests.support.smtp import Captured, RelayHandler, running_relay
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"
BILLING = "billing@helpdesk.test"

KOREAN = "안녕하세요. 어제 저녁부터 웹호스팅 서버에 접속이 되지 않습니다. 확인 부탁드립니다.\n"
PERSIAN = "با سلام\nسایت ما از دیروز بالا نمی‌آید و خطای 500 می‌دهد. لطفا بررسی کنید.\nممنون\n"


@pytest.fixture
def relay() -> Iterator[tuple[RelayHandler, int]]:
    with running_relay() as relay:
        yield relay


def smtp_config_text(tmp_path: Path, relay_port: int) -> str:
    """The tests' configuration, its mail out to the relay."""
    return to_relay(make_toml(tmp_path), relay_port)


def smtp_config(tmp_path: Path, relay_port: int, extra: str = "") -> Config:
    return config_from_toml(smtp_config_text(tmp_path, relay_port) + extra, "<test>")


def send(port: int, raw: bytes, sender: str, rcpt: str = SUPPORT) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as s:
        s.sendmail(sender, [rcpt], raw)


def mail(address: str, subject: str, body: str, **kwargs: object) -> bytes:
    headers = dict(AUTHENTICATED) | dict(kwargs.pop("headers", {}) or {})  # type: ignore[call-overload]
    return build(
        from_=f"Client <{address}>",
        subject=subject,
        body=body,
        headers=headers,
        **kwargs,  # type: ignore[arg-type]
    )


def acknowledgment_to(handler: RelayHandler, address: str) -> Captured:
    """The first acknowledgment to ``address``: the mail answering their first message,
    whose thread is that message alone."""

    def found() -> list[Captured]:
        return [
            c
            for c in handler.received
            if c.rcpt_tos == [address] and len(str(c.message["References"] or "").split()) == 1
        ]

    return wait_for(found, what=f"the acknowledgment to {address}")[0]


def text_of(c: Captured) -> str:
    part = c.message.get_body(("plain",))
    assert part is not None
    return " ".join(str(part.get_content()).split())


def html_root(c: Captured) -> lxml.html.HtmlElement:
    part = c.message.get_body(("html",))
    assert part is not None
    return lxml.html.document_fromstring(str(part.get_content()))


def ticket_of(store: Store, address: str, nth: int = -1) -> Ticket:
    with store.read() as s:
        tickets = s.query(Ticket).filter_by(requester=address).order_by(Ticket.id).all()
        assert tickets, address
        return tickets[nth]


def opened_event(store: Store, ticket_id: int) -> dict[str, object]:
    with store.read() as s:
        e = s.query(Event).filter_by(ticket_id=ticket_id, kind="ticket_opened").one()
        return dict(e.data)


def test_korean_persian_and_thai_mail_are_acknowledged_in_the_clients_language(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    handler, relay_port = relay
    config = smtp_config(tmp_path, relay_port)
    daemon = run_daemon(config)
    send(daemon.port, mail("minji@client.test", "서버 접속 불가", KOREAN), "minji@client.test")
    send(daemon.port, mail("reza@client.test", "سایت بالا نمی‌آید", PERSIAN), "reza@client.test")
    send(daemon.port, mail("somchai@client.test", "เว็บไซต์ล่ม", THAI), "somchai@client.test")

    ko = acknowledgment_to(handler, "minji@client.test")
    fa = acknowledgment_to(handler, "reza@client.test")
    th = acknowledgment_to(handler, "somchai@client.test")
    store = Store(config.database)
    try:
        for ack, language, title, words in (
            (ko, "ko", "서버 접속 불가", "문의가 정상적으로 접수되었으며"),
            (fa, "fa", "سایت بالا نمی‌آید", "درخواست شما دریافت شد"),
            (th, "th", "เว็บไซต์ล่ม", "เราได้รับคำขอของท่านเรียบร้อยแล้ว"),
        ):
            msg = ack.message
            ticket = ticket_of(store, ack.rcpt_tos[0])
            assert ticket.language == language
            assert opened_event(store, ticket.id)["language_rule"] == "text"
            # Subject: the token plain, then the client's title; from the helpdesk.
            assert msg["Subject"] == f"#[{ticket.id}] {title}"
            assert ack.mail_from == SUPPORT
            assert words in text_of(ack)
            assert "thank you for writing" not in text_of(ack)
            root = html_root(ack)
            assert root.get("lang") == language
            assert root.get("dir") == ("rtl" if language == "fa" else "ltr")
            assert words in " ".join(root.text_content().split())
            check_text(msg)
        # The Persian text part: UTF-8, the token isolated left to right wherever it is.
        part = fa.message.get_body(("plain",))
        assert part is not None
        assert part.get_content_charset() == "utf-8"
        number = ticket_of(store, "reza@client.test").id
        text = str(part.get_content())
        assert f"\u2066#[{number}]\u2069" in text
        assert text.count(f"#[{number}]") == text.count(f"\u2066#[{number}]\u2069")
        # Remembered for each address, from their mail.
        with store.read() as s:
            repo = LanguageRepo(s)
            assert [
                (a, repo.of(a).language) for a in ("minji@client.test", "reza@client.test")
            ] == [  # type: ignore[union-attr]
                ("minji@client.test", "ko"),
                ("reza@client.test", "fa"),
            ]
    finally:
        store.dispose()


def test_the_language_is_remembered_for_the_next_ticket_of_the_address(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    handler, relay_port = relay
    config = smtp_config(tmp_path, relay_port)
    daemon = run_daemon(config)
    send(daemon.port, mail("minji@client.test", "서버 접속 불가", KOREAN), "minji@client.test")
    acknowledgment_to(handler, "minji@client.test")
    # A new mail that shows no language (two words and an attachment name).
    send(
        daemon.port,
        mail("minji@client.test", "Invoice 2026-114", "invoice.pdf\n"),
        "minji@client.test",
    )
    second = wait_for(
        lambda: [c for c in handler.received if c.message["Subject"] == "#[2] Invoice 2026-114"],
        what="the second acknowledgment",
    )[0]
    assert "문의가 정상적으로 접수되었으며" in text_of(second)
    store = Store(config.database)
    try:
        ticket = ticket_of(store, "minji@client.test")
        assert (ticket.id, ticket.language) == (2, "ko")
        assert opened_event(store, 2)["language_rule"] == "remembered"
    finally:
        store.dispose()
    # Someone else writing the same is answered in the helpdesk's language.
    send(
        daemon.port,
        mail("jo@client.test", "Invoice 2026-114", "invoice.pdf\n"),
        "jo@client.test",
    )
    english = acknowledgment_to(handler, "jo@client.test")
    assert "thank you for writing" in text_of(english)


def test_content_language_wins_over_the_text(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    handler, relay_port = relay
    config = smtp_config(tmp_path, relay_port)
    daemon = run_daemon(config)
    # (Set after the body: EmailMessage.set_content drops the Content-* fields.)
    raw = b"Content-Language: th-TH\r\n" + mail("minji@client.test", "서버 접속 불가", KOREAN)
    send(daemon.port, raw, "minji@client.test")
    ack = acknowledgment_to(handler, "minji@client.test")
    assert "เราได้รับคำขอของท่านเรียบร้อยแล้ว" in text_of(ack)
    store = Store(config.database)
    try:
        assert ticket_of(store, "minji@client.test").language == "th"
        data = opened_event(store, 1)
        assert data["language_rule"] == "content_language"
    finally:
        store.dispose()


def test_a_departments_language_applies_when_the_mail_shows_none(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    handler, relay_port = relay
    text = make_toml(tmp_path).replace(
        'address = "billing@helpdesk.test"\n',
        'address = "billing@helpdesk.test"\nlanguage = "th"\n',
    )
    config = config_from_toml(to_relay(text, relay_port), "<test>")
    daemon = run_daemon(config)
    send(
        daemon.port,
        mail("jo@client.test", "Invoice 2026-114", "invoice.pdf\n"),
        "jo@client.test",
        BILLING,
    )
    ack = acknowledgment_to(handler, "jo@client.test")
    assert ack.mail_from == BILLING
    assert "เราได้รับคำขอของท่านเรียบร้อยแล้ว" in text_of(ack)
    # Clear English still wins over the department's language.
    english = (
        "Hello, since this morning the invoice page of my account does not open and "
        "the site shows an error. Could you please have a look at it?\n"
    )
    send(daemon.port, mail("ann@client.test", "Invoice page", english), "ann@client.test", BILLING)
    assert "thank you for writing" in text_of(acknowledgment_to(handler, "ann@client.test"))
    store = Store(config.database)
    try:
        assert opened_event(store, ticket_of(store, "jo@client.test").id)["language_rule"] == (
            "department"
        )
        assert ticket_of(store, "ann@client.test").language == "en"
        # A department's language is not the client's: nothing remembered for jo.
        with store.read() as s:
            assert LanguageRepo(s).of("jo@client.test") is None
    finally:
        store.dispose()


@pytest.mark.parametrize(
    ("address", "subject", "body", "prefix"),
    [
        ("minji@client.test", "서버 접속 불가", KOREAN, "답장: "),
        ("reza@client.test", "سایت بالا نمی‌آید", PERSIAN, "پاسخ: "),
        ("somchai@client.test", "เว็บไซต์ล่ม", THAI, "ตอบกลับ: "),
    ],
)
def test_a_reply_to_a_localized_subject_joins_its_ticket_by_the_token(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
    address: str,
    subject: str,
    body: str,
    prefix: str,
) -> None:
    handler, relay_port = relay
    config = smtp_config(tmp_path, relay_port)
    daemon = run_daemon(config)
    send(daemon.port, mail(address, subject, body), address)
    ack = acknowledgment_to(handler, address)
    # No In-Reply-To nor References: only the token in the localized subject threads it.
    reply = mail(address, f"{prefix}{ack.message['Subject']}", "감사합니다 / ممنون / ขอบคุณ\n")
    send(daemon.port, reply, address)
    store = Store(config.database)
    try:

        def processed() -> list[InboxRow]:
            with store.read() as s:
                rows = s.query(InboxRow).order_by(InboxRow.id).all()
                return rows if len(rows) == 2 and rows[1].state == "processed" else []

        rows = wait_for(processed, what="the reply processed")
        assert (rows[1].ticket_id, rows[1].thread_rule) == (1, "subject_token")
        with store.read() as s:
            assert s.query(Ticket).count() == 1
    finally:
        store.dispose()


def test_the_configured_status_labels_show_in_the_status_mail(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    handler, relay_port = relay
    extra = '\n[labels.ko]\non_hold = "외부 업체 확인 대기"\n'
    config = smtp_config(tmp_path, relay_port, extra)
    daemon = run_daemon(config)
    send(daemon.port, mail("minji@client.test", "서버 접속 불가", KOREAN), "minji@client.test")
    acknowledgment_to(handler, "minji@client.test")
    store = Store(config.database)
    try:
        notifier = Notifier(config, Templates(None))
        change_status(store, notifier, 1, "on_hold", Agent("ann@staff.test", "Ann"))
        notice = wait_for(
            lambda: [
                c for c in handler.received if "[외부 업체 확인 대기]" in c.message["Subject"]
            ],
            what="the status mail with the configured label",
        )[0]
        assert notice.message["Subject"] == "#[1] 서버 접속 불가 [외부 업체 확인 대기]"
        assert "처리 상태가 다음과 같이 변경되었습니다: 외부 업체 확인 대기" in text_of(notice)
        assert "외부 업체의 회신을 기다리고 있으며" in text_of(notice)
    finally:
        store.dispose()


def test_an_agent_sets_a_clients_language_and_their_open_ticket_follows(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    from tests.support.cli import run_cli

    handler, relay_port = relay
    text = smtp_config_text(tmp_path, relay_port)
    text += '\n[[agents]]\naddress = "ann@staff.test"\nname = "Ann"\n'
    config = config_from_toml(text, "<test>")
    daemon = run_daemon(config)
    send(
        daemon.port, mail("minji@client.test", "Server down", "It is down.\n"), "minji@client.test"
    )
    assert "thank you for writing" in text_of(acknowledgment_to(handler, "minji@client.test"))
    done = run_cli(
        text, tmp_path, "client-language", "minji@client.test", "ko", "--as", "ann@staff.test"
    )
    assert done.returncode == 0, done.stderr
    assert "ko" in done.stdout
    shown = run_cli(text, tmp_path, "client-language", "minji@client.test")
    assert "ko" in shown.stdout
    assert "agent" in shown.stdout
    store = Store(config.database)
    try:
        assert ticket_of(store, "minji@client.test").language == "ko"
        with store.read() as s:
            [event] = s.query(Event).filter_by(ticket_id=1, kind="language_set").all()
            # The ticket had no language of its own: it followed the helpdesk's.
            assert event.data == {"from": None, "to": "ko"}
        notifier = Notifier(config, Templates(None))
        change_status(store, notifier, 1, "in_progress", Agent("ann@staff.test", "Ann"))
        notice = wait_for(
            lambda: [c for c in handler.received if "[처리 중]" in c.message["Subject"]],
            what="the status mail in Korean",
        )[0]
        assert "담당자가 문제를 처리하고 있습니다" in text_of(notice)
    finally:
        store.dispose()
    # The agent's choice holds against the client's next mail in another language.
    send(daemon.port, mail("minji@client.test", "เว็บไซต์ล่ม", THAI), "minji@client.test")
    second = wait_for(
        lambda: [c for c in handler.received if c.message["Subject"] == "#[2] เว็บไซต์ล่ม"],
        what="the second acknowledgment",
    )[0]
    assert "문의가 정상적으로 접수되었으며" in text_of(second)


def test_a_reply_in_another_language_is_remembered_for_the_next_ticket(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
) -> None:
    handler, relay_port = relay
    config = smtp_config(tmp_path, relay_port)
    daemon = run_daemon(config)
    send(daemon.port, mail("minji@client.test", "서버 접속 불가", KOREAN), "minji@client.test")
    ack = acknowledgment_to(handler, "minji@client.test")
    reply = mail("minji@client.test", f"Re: {ack.message['Subject']}", THAI)
    send(daemon.port, reply, "minji@client.test")
    store = Store(config.database)
    try:

        def remembered() -> str | None:
            with store.read() as s:
                found = LanguageRepo(s).of("minji@client.test")
                return found.language if found and found.language == "th" else None

        wait_for(remembered, what="the reply's language remembered")
        # The ticket keeps the language it was opened in.
        assert ticket_of(store, "minji@client.test").language == "ko"
    finally:
        store.dispose()
    send(
        daemon.port,
        mail("minji@client.test", "Invoice 2026-114", "invoice.pdf\n"),
        "minji@client.test",
    )
    second = wait_for(
        lambda: [c for c in handler.received if c.message["Subject"] == "#[2] Invoice 2026-114"],
        what="the second acknowledgment",
    )[0]
    assert "เราได้รับคำขอของท่านเรียบร้อยแล้ว" in text_of(second)


@pytest.mark.parametrize(
    ("helpdesk", "client", "subject", "body"),
    [
        ("ko", "th", "เว็บไซต์ล่ม", THAI),
        ("fa", "ko", "서버 접속 불가", KOREAN),
        ("th", "fa", "سایت بالا نمی‌آید", PERSIAN),
    ],
)
def test_the_team_is_alerted_in_the_helpdesks_language_and_the_client_answered_in_theirs(
    tmp_path: Path,
    relay: tuple[RelayHandler, int],
    run_daemon: Callable[..., RunningDaemon],
    helpdesk: str,
    client: str,
    subject: str,
    body: str,
) -> None:
    handler, relay_port = relay
    text = smtp_config_text(tmp_path, relay_port).replace(
        "[helpdesk]\n", f'[helpdesk]\nlanguage = "{helpdesk}"\n', 1
    )
    text += '\n[[agents]]\naddress = "ann@staff.test"\nname = "Ann"\n'
    daemon = run_daemon(config_from_toml(text, "<test>"))
    send(daemon.port, mail("client@client.test", subject, body), "client@client.test")

    ack = acknowledgment_to(handler, "client@client.test")
    assert html_root(ack).get("lang") == client
    alert = wait_for(
        lambda: [c for c in handler.received if c.rcpt_tos == ["ann@staff.test"]],
        what="the team's alert",
    )[0]
    assert alert.mail_from == SUPPORT
    new_ticket = {"ko": "새 티켓", "fa": "تیکت جدید", "th": "ทิกเก็ตใหม่"}[helpdesk]
    assert alert.message["Subject"] == f"#[1] {new_ticket}: {subject}"
    assert new_ticket in text_of(alert)
    assert "New ticket" not in text_of(alert)
    # The client's words are quoted as they wrote them.
    assert " ".join(body.split()) in text_of(alert)
    root = html_root(alert)
    assert root.get("lang") == helpdesk
    assert root.get("dir") == ("rtl" if helpdesk == "fa" else "ltr")
    check_text(alert.message)
    if helpdesk == "fa":
        part = alert.message.get_body(("plain",))
        assert part is not None
        plain = str(part.get_content())
        assert plain.count("#[1]") == plain.count("\u2066#[1]\u2069") >= 1
