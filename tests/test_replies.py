"""Agents' answers: rendered from templates, sent from the helpdesk address, threaded so
that whatever the client's mail program does next lands on the same ticket."""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import cast

import pytest

from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.errors import ActionRefused, TemplateError
from mailgate.inbox import store_messages
from mailgate.notify import Notifier, OutAttachment, Templates
from mailgate.process import Processor
from mailgate.reply_addresses import reply_address, ticket_of
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, InboxRow, Message, OutboxRow, Participant, Ticket
from mailgate.tickets.actions import Agent, change_status, post_reply
from tests.support.cli import run_cli
from tests.support.mailfactory import AUTHENTICATED, build

SUPPORT = "support@helpdesk.test"
AGENT = Agent("ann@helpdesk-staff.test", "Ann Agent")


def receive(store: Store, raw: bytes, rcpt: str = SUPPORT, sender: str = "jo@client.test") -> int:
    [r] = store_messages(store, [(Envelope("smtp", sender, (rcpt,), "127.0.0.1"), raw)])
    return r.inbox_id


def outbox(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def parsed(row: OutboxRow) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(row.raw, policy=default_policy))


def ticket_of_inbox(store: Store, inbox_id: int) -> int | None:
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        return row.ticket_id


def status(store: Store, number: int) -> str:
    with store.read() as s:
        t = s.get(Ticket, number)
        assert t is not None
        return t.status


@pytest.fixture
def notifier(config: Config) -> Notifier:
    return Notifier(config, Templates(config.templates.directory))


def open_ticket(store: Store, processor: Processor) -> None:
    receive(
        store,
        build(
            message_id="first@client.test",
            cc="Bob <bob@client.test>",
            headers=AUTHENTICATED,
            subject="Printer broken",
        ),
    )
    processor.run_once()


def test_reply_comes_from_the_helpdesk_with_token_and_threading_headers(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    [ack] = outbox(store)
    done = post_reply(store, notifier, 1, "Please restart it.\n\nAnn", AGENT)
    assert (done.previous_status, done.status) == ("open", "answered")
    _ack, reply = outbox(store)
    assert reply.kind == "agent_reply"
    assert reply.envelope_sender == SUPPORT
    assert sorted(reply.recipients) == ["bob@client.test", "jo@client.test"]
    msg = parsed(reply)
    assert msg["From"].addresses[0].addr_spec == SUPPORT
    assert msg["From"].addresses[0].display_name == "Test Support"
    assert msg["Reply-To"].addresses[0].addr_spec == SUPPORT
    assert [a.addr_spec for a in msg["To"].addresses] == ["jo@client.test"]
    assert [a.addr_spec for a in msg["Cc"].addresses] == ["bob@client.test"]
    assert msg["Subject"] == "#[1] Printer broken"
    assert msg["Message-ID"] == f"<{reply.message_id}>"
    assert msg["In-Reply-To"] == "<first@client.test>"
    assert msg["References"].split() == ["<first@client.test>", f"<{ack.message_id}>"]
    assert msg["Auto-Submitted"] is None, "a person's answer is not automatic mail"
    assert msg["X-Mailgate-Loop"] == "helpdesk.test"
    text = msg.get_body(("plain",))
    assert text is not None
    assert "Please restart it." in text.get_content()
    assert "ann@helpdesk-staff.test" not in reply.raw.decode(), "the agent's address is hidden"
    with store.read() as s:
        out = s.query(Message).filter_by(kind="agent_reply").one()
        assert out.direction == "out"
        assert out.message_id == reply.message_id
        assert out.reply_text == "Please restart it.\n\nAnn"
        kinds = [(e.kind, e.actor) for e in s.query(Event).order_by(Event.id)]
    assert ("agent_reply", AGENT.actor) in kinds
    assert ("status_changed", AGENT.actor) in kinds


def _client_reply(reply: EmailMessage, style: str, ack_id: str, body: str) -> bytes:
    """The client's answer to ``reply`` as each mail program writes it."""
    mid = reply["Message-ID"].strip("<>")
    subject = str(reply["Subject"])
    if style == "gmail":
        return build(
            subject=f"Re: {subject}",
            in_reply_to=mid,
            references=["first@client.test", ack_id, mid],
            body=f"{body}\n\nOn Mon, 23 Nov 2026 at 10:00, Test Support wrote:\n> Restart it.\n",
        )
    if style == "outlook":
        # Outlook keeps In-Reply-To only sometimes, drops References, localizes "Re:".
        return build(
            subject=f"AW: {subject}",
            body=f"{body}\n\n-----Original Message-----\nFrom: Test Support\n",
            headers={"Thread-Index": "AQHZ1234567890abcdef=="},
        )
    if style == "outlook-cn":
        return build(subject=f"答复: {subject}", body=body)
    if style == "thunderbird":
        return build(
            subject=f"Re: {subject}",
            in_reply_to=mid,
            references=["first@client.test", ack_id, mid],
            body=f"{body}\n\nOn 23/11/2026 10:00, Test Support wrote:\n> Please restart it.\n",
        )
    if style == "apple":
        return build(
            subject=f"Re: {subject}",
            in_reply_to=mid,
            references=[mid],
            body=f"{body}\n\n> On 23 Nov 2026, at 10:00, Test Support wrote:\n",
        )
    if style == "forward":
        return build(subject=f"Fwd: {subject}", body=f"{body}\n\n---------- Forwarded message")
    if style == "new-mail":
        return build(subject="Still broken #[1]", body=body)
    raise AssertionError(style)


@pytest.mark.parametrize(
    "style", ["gmail", "outlook", "outlook-cn", "thunderbird", "apple", "forward", "new-mail"]
)
def test_the_clients_next_mail_joins_the_same_ticket(
    store: Store, processor: Processor, notifier: Notifier, style: str
) -> None:
    open_ticket(store, processor)
    [ack] = outbox(store)
    post_reply(store, notifier, 1, "Please restart it.", AGENT)
    reply = parsed(outbox(store)[1])
    inbox_id = receive(store, _client_reply(reply, style, ack.message_id, "It still fails."))
    processor.run_once()
    assert ticket_of_inbox(store, inbox_id) == 1
    assert status(store, 1) == "customer_reply"
    with store.read() as s:
        assert s.query(Ticket).count() == 1


def test_a_reply_threads_to_the_clients_latest_message(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    receive(store, build(subject="Re: #[1] Printer broken", message_id="second@client.test"))
    processor.run_once()
    post_reply(store, notifier, 1, "Thanks, looking.", AGENT)
    msg = parsed(outbox(store)[-1])
    assert msg["In-Reply-To"] == "<second@client.test>"
    refs = msg["References"].split()
    assert refs[0] == "<first@client.test>"
    assert refs[-1] == "<second@client.test>"


def test_attachments_are_sent_and_kept_on_the_thread(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    files = (
        OutAttachment("fix.pdf", "application/pdf", b"%PDF-1.4 fake"),
        OutAttachment("Übersicht.png", "image/png", b"\x89PNG\r\n\x1a\nxx"),
    )
    post_reply(store, notifier, 1, "See attached.", AGENT, attachments=files)
    msg = parsed(outbox(store)[-1])
    got = {a.get_filename(): a.get_content() for a in msg.iter_attachments()}
    assert got == {"fix.pdf": b"%PDF-1.4 fake", "Übersicht.png": b"\x89PNG\r\n\x1a\nxx"}
    with store.read() as s:
        out = s.query(Message).filter_by(kind="agent_reply").one()
        assert [a.filename for a in out.attachments] == ["fix.pdf", "Übersicht.png"]


def test_a_broken_template_is_named_with_its_line_and_nothing_is_written(
    tmp_path: Path, make_config: Callable[..., Config], store: Store, processor: Processor
) -> None:
    open_ticket(store, processor)
    overrides = tmp_path / "overrides" / "agent_reply"
    overrides.mkdir(parents=True)
    (overrides / "body.txt").write_text("Hello\n{{ reply.body }}\n{{ no_such_thing.x }}\n")
    config = make_config(extra=f'\n[templates]\ndirectory = "{tmp_path / "overrides"}"\n')
    notifier = Notifier(config, Templates(config.templates.directory))
    with store.read() as s:
        events_before = s.query(Event).count()
    with pytest.raises(TemplateError, match=r"agent_reply/body.txt:3"):
        post_reply(store, notifier, 1, "Hi", AGENT)
    assert len(outbox(store)) == 1
    with store.read() as s:
        assert s.query(Event).count() == events_before
    assert status(store, 1) == "open"


def test_variables_cannot_inject_headers_or_markup(
    tmp_path: Path, make_config: Callable[..., Config], store: Store, processor: Processor
) -> None:
    open_ticket(store, processor)
    overrides = tmp_path / "overrides" / "agent_reply"
    overrides.mkdir(parents=True)
    (overrides / "subject.txt").write_text("{{ reply.body }}\n")
    config = make_config(extra=f'\n[templates]\ndirectory = "{tmp_path / "overrides"}"\n')
    notifier = Notifier(config, Templates(config.templates.directory))
    body = "x\r\nBcc: victim@elsewhere.test\r\n\r\n<script>alert(1)</script>"
    post_reply(store, notifier, 1, body, AGENT)
    reply = outbox(store)[-1]
    msg = parsed(reply)
    assert msg["Bcc"] is None
    assert "victim@elsewhere.test" not in reply.recipients
    assert "\n" not in str(msg["Subject"])
    html = msg.get_body(("html",))
    assert html is not None
    assert "<script>" not in html.get_content()
    assert "&lt;script&gt;" in html.get_content()


def test_templates_are_looked_up_by_department_then_language(
    tmp_path: Path, make_config: Callable[..., Config], store: Store, processor: Processor
) -> None:
    open_ticket(store, processor)
    root = tmp_path / "overrides"
    (root / "support" / "de" / "agent_reply").mkdir(parents=True)
    (root / "support" / "de" / "agent_reply" / "subject.txt").write_text(
        "Ihre Anfrage: {{ ticket.subject }}"
    )
    (root / "de" / "agent_reply").mkdir(parents=True)
    (root / "de" / "agent_reply" / "body.txt").write_text("Guten Tag,\n{{ reply.body }}")
    config = helpdesk_toml(
        tmp_path, 'language = "de"', extra=f'\n[templates]\ndirectory = "{root}"\n'
    )
    notifier = Notifier(config, Templates(config.templates.directory))
    post_reply(store, notifier, 1, "bitte neu starten", AGENT)
    msg = parsed(outbox(store)[-1])
    assert msg["Subject"] == "#[1] Ihre Anfrage: Printer broken"
    body = msg.get_body(("plain",))
    assert body is not None
    assert body.get_content().replace("\r\n", "\n").startswith("Guten Tag,\nbitte neu starten")


def test_status_changes_notify_the_client_and_closing_sends_ticket_closed(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    change_status(store, notifier, 1, "on_hold", AGENT, note="Waiting for the vendor.")
    hold = parsed(outbox(store)[-1])
    assert hold["Subject"] == "#[1] Printer broken [On Hold]"
    assert hold["Auto-Submitted"] == "auto-replied"
    body = hold.get_body(("plain",))
    assert body is not None
    assert "Waiting for the vendor." in body.get_content()
    done = change_status(store, notifier, 1, "closed", AGENT)
    assert (done.previous_status, done.status) == ("on_hold", "closed")
    closed = parsed(outbox(store)[-1])
    assert closed["Subject"] == "#[1] Printer broken [closed]"
    closed_body = closed.get_body(("plain",))
    assert closed_body is not None
    assert "reply" in closed_body.get_content()
    assert "reopens" in closed_body.get_content()
    with pytest.raises(ActionRefused, match="already closed"):
        change_status(store, notifier, 1, "closed", AGENT)
    n = len(outbox(store))
    change_status(store, notifier, 1, "open", AGENT, notify=False)
    assert len(outbox(store)) == n
    with store.read() as s:
        history = [
            (e.data["from"], e.data["to"])
            for e in s.query(Event).filter_by(kind="status_changed").order_by(Event.id)
        ]
    assert history == [("open", "on_hold"), ("on_hold", "closed"), ("closed", "open")]


def test_a_reply_to_a_closed_ticket_keeps_it_closed(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    change_status(store, notifier, 1, "closed", AGENT, notify=False)
    done = post_reply(store, notifier, 1, "One more hint.", AGENT)
    assert done.status == "closed"
    done = post_reply(store, notifier, 1, "Reopening.", AGENT, status="open")
    assert done.status == "open"


# -- signed reply addresses ------------------------------------------------------------------


def helpdesk_toml(tmp_path: Path, extra_helpdesk: str, extra: str = "") -> Config:
    from mailgate.config import config_from_toml
    from tests.support.config import make_toml

    text = make_toml(tmp_path, extra=extra).replace(
        'name = "Test Helpdesk"', f'name = "Test Helpdesk"\n{extra_helpdesk}'
    )
    return config_from_toml(text)


@pytest.fixture
def token_config(tmp_path: Path) -> Config:
    secret = tmp_path / "reply.secret"
    secret.write_text("0123456789abcdef0123456789abcdef\n")
    return helpdesk_toml(tmp_path, f'reply_tokens = true\nsecret_file = "{secret}"')


def test_reply_tokens_verify_and_cannot_be_forged() -> None:
    secret = b"0123456789abcdef0123456789abcdef"
    address = reply_address(SUPPORT, 42, secret, "+")
    local = address.split("@")[0]
    assert local.startswith("support+42.")
    assert len(local.split(".")[1]) == 16
    assert ticket_of(address, secret, "+") == 42
    assert ticket_of(address.upper(), secret, "+") == 42
    assert ticket_of(address.replace("+42.", "+43."), secret, "+") is None
    assert ticket_of(address, b"another secret of 16+ bytes", "+") is None
    assert ticket_of(SUPPORT, secret, "+") is None
    assert ticket_of("support+junk@helpdesk.test", secret, "+") is None


def test_with_reply_tokens_a_reply_joins_by_its_address_before_anything_else(
    token_config: Config,
) -> None:
    store = Store(token_config.database)
    upgrade(store)
    processor = Processor(token_config, store)
    notifier = Notifier(token_config, Templates(None))
    open_ticket(store, processor)
    receive(
        store,
        build(from_="Kim <kim@other.test>", subject="My own problem"),
        sender="kim@other.test",
    )
    processor.run_once()
    post_reply(store, notifier, 1, "Please restart it.", AGENT)
    msg = parsed(outbox(store)[-1])
    reply_to = msg["Reply-To"].addresses[0].addr_spec
    assert reply_to.startswith("support+1.")
    assert reply_to.endswith("@helpdesk.test")
    assert msg["From"].addresses[0].addr_spec == SUPPORT
    # A mail program that dropped every header and the subject token still lands on 1,
    # even when the subject names ticket 2: the signed address takes precedence.
    raw = build(to=reply_to, subject="Re: #[2] what?", from_="Jo <jo@client.test>")
    inbox_id = receive(store, raw, rcpt=reply_to)
    processor.run_once()
    assert ticket_of_inbox(store, inbox_id) == 1
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        assert row.thread_rule == "reply_token"
    # A forged tag is just the department's address with a tag: a new ticket.
    forged = reply_to.replace("support+1.", "support+2.")
    inbox_id = receive(
        store,
        build(to=forged, subject="hi", from_="eve@evil.test"),
        rcpt=forged,
        sender="eve@evil.test",
    )
    processor.run_once()
    assert ticket_of_inbox(store, inbox_id) not in (1, 2)
    store.dispose()


def test_reply_tokens_need_a_secret(tmp_path: Path, make_config: Callable[..., Config]) -> None:
    from mailgate.config import config_from_toml
    from mailgate.errors import ConfigError
    from tests.support.config import make_toml

    text = make_toml(tmp_path).replace('name = "Test Helpdesk"', 'name = "T"\nreply_tokens = true')
    with pytest.raises(ConfigError, match=r"helpdesk\.secret_file: required"):
        config_from_toml(text)
    short = tmp_path / "short.secret"
    short.write_text("abc")
    text2 = text.replace("reply_tokens = true", f'reply_tokens = true\nsecret_file = "{short}"')
    with pytest.raises(ConfigError, match="expected at least 16 random bytes"):
        config_from_toml(text2)


# -- the command line ----------------------------------------------------------------------


def test_reply_and_status_from_the_command_line(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    from tests.support.config import make_toml

    open_ticket(store, processor)
    store.dispose()
    text = make_toml(tmp_path) + '\n[[agents]]\naddress = "ann@staff.test"\nname = "Ann"\n'
    shot = tmp_path / "shot.png"
    shot.write_bytes(b"\x89PNG\r\n\x1a\n")
    p = run_cli(
        text,
        tmp_path,
        "reply",
        "1",
        "--as",
        "ann@staff.test",
        "--attach",
        str(shot),
        input="Restart it, please.\n",
    )
    assert p.returncode == 0, p.stderr
    assert "ticket 1: mail <mg." in p.stdout
    assert "status open → answered" in p.stdout
    reply = outbox(store)[-1]
    assert [a.get_filename() for a in parsed(reply).iter_attachments()] == ["shot.png"]
    p = run_cli(text, tmp_path, "ticket", "1", "--status", "closed", "--note", "Solved.")
    assert p.returncode == 0, p.stderr
    assert "status answered → closed" in p.stdout
    assert outbox(store)[-1].kind == "ticket_closed"
    p = run_cli(text, tmp_path, "reply", "7", input="x")
    assert p.returncode == 1
    assert p.stderr == "mailgate: no ticket 7\n"
    p = run_cli(text, tmp_path, "reply", "1", "--as", "nobody@x.test", input="x")
    assert p.returncode == 2
    assert "not an address in [[agents]]" in p.stderr
    p = run_cli(text, tmp_path, "reply", "1", input="   \n")
    assert p.returncode == 1
    assert "the reply is empty" in p.stderr
    p = run_cli(text, tmp_path, "ticket", "1")
    assert p.returncode == 0, p.stderr
    assert "agent_reply" in p.stdout
    assert "Restart it, please." in p.stdout


def participants(store: Store, number: int) -> list[tuple[str, str]]:
    with store.read() as s:
        q = s.query(Participant).filter_by(ticket_id=number).order_by(Participant.id)
        return [(p.address, p.role) for p in q]


def history(store: Store, number: int) -> list[tuple[str, str]]:
    with store.read() as s:
        q = s.query(Event).filter_by(ticket_id=number).order_by(Event.id)
        return [(e.kind, e.actor) for e in q]


def test_a_login_name_never_becomes_a_participant_that_mail_from_it_could_close(
    tmp_path: Path, store: Store, processor: Processor
) -> None:
    """``mailgate reply`` without --as acts as the system, not as the account running it:
    a stranger who writes that account's name (or "api", "mailgate") in a From header,
    with the ticket's token and the close keyword, neither joins nor closes the ticket."""
    import getpass

    from tests.support.config import make_toml

    open_ticket(store, processor)
    p = run_cli(make_toml(tmp_path), tmp_path, "reply", "1", input="Restart it, please.\n")
    assert p.returncode == 0, p.stderr
    assert "as the system" in p.stdout
    assert status(store, 1) == "answered"
    assert participants(store, 1) == [("jo@client.test", "requester"), ("bob@client.test", "cc")]
    assert ("agent_reply", "system") in history(store, 1)
    assert ("status_changed", "system") in history(store, 1)

    forged = []
    for name in dict.fromkeys((getpass.getuser(), "root", "mailgate", "api", "system")):
        raw = build(from_=name, subject="Re: #[1] Printer broken", body="#close\n")
        forged.append(receive(store, raw, sender=name))
    processor.run_once()
    assert status(store, 1) == "answered", "closed by a From without a domain"
    assert [ticket_of_inbox(store, i) for i in forged] == [None] * len(forged)
    assert participants(store, 1) == [("jo@client.test", "requester"), ("bob@client.test", "cc")]


def test_a_from_without_a_domain_never_joins_even_with_proof(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    """A reply that answers mail the ticket sent is let in by that proof; a From without a
    domain still does not become a participant (it would then match anyone writing it)."""
    open_ticket(store, processor)
    done = post_reply(store, notifier, 1, "Please restart it.", AGENT)
    raw = build(from_="root", subject="Re: #[1] Printer broken", in_reply_to=done.message_id)
    inbox_id = receive(store, raw, sender="root")
    processor.run_once()
    assert ticket_of_inbox(store, inbox_id) == 1
    assert [a for a, _ in participants(store, 1)] == [
        "jo@client.test",
        "bob@client.test",
        "ann@helpdesk-staff.test",
    ]
    with pytest.raises(ValueError, match="an agent is an e-mail address"):
        Agent("root")


# -- the team: alerts, answers by mail, the acknowledgment limit ----------------------------

TEAM = '\n[[agents]]\naddress = "ann@staff.test"\nname = "Ann"\ndepartments = ["support"]\n'


@pytest.fixture
def team(tmp_path: Path, make_config: Callable[..., Config]) -> tuple[Config, Store, Processor]:
    config = make_config(extra=TEAM)
    store = Store(config.database)
    upgrade(store)
    return config, store, Processor(config, store)


def test_agents_are_alerted_and_their_answer_by_mail_is_relayed_from_the_helpdesk(
    team: tuple[Config, Store, Processor],
) -> None:
    _config, store, processor = team
    open_ticket(store, processor)
    ack, alert_row = outbox(store)
    assert (ack.kind, alert_row.kind) == ("ticket_opened", "agent_alert")
    assert alert_row.recipients == ["ann@staff.test"]
    alert = parsed(alert_row)
    assert alert["Subject"] == "#[1] New ticket: Printer broken"
    alert_body = alert.get_body(("plain",))
    assert alert_body is not None
    assert "My printer is broken." in alert_body.get_content()
    assert alert["Auto-Submitted"] == "auto-generated"
    # Ann answers from her own mail program, quoting the alert, with a screenshot.
    answer = build(
        from_="Ann <ann@staff.test>",
        subject=f"Re: {alert['Subject']}",
        in_reply_to=alert_row.message_id,
        references=[alert_row.message_id],
        body="Hold the power button for 10 s.\n\n-- \nAnn, staff\n\n> My printer is broken.\n",
        attachments=[("howto.png", "image/png", b"\x89PNG\r\n\x1a\nhowto")],
    )
    receive(store, answer, sender="ann@staff.test")
    processor.run_once()
    relayed_row = outbox(store)[-1]
    assert relayed_row.kind == "agent_reply"
    assert sorted(relayed_row.recipients) == ["bob@client.test", "jo@client.test"]
    assert b"ann@staff.test" not in relayed_row.raw
    relayed = parsed(relayed_row)
    assert relayed["From"].addresses[0].addr_spec == SUPPORT
    assert relayed["In-Reply-To"] == "<first@client.test>"
    assert alert_row.message_id not in str(relayed["References"]), "alerts stay internal"
    text = relayed.get_body(("plain",))
    assert text is not None
    content = text.get_content()
    assert "Hold the power button for 10 s." in content
    assert "My printer is broken." not in content, "the quoted alert is cut"
    assert [a.get_filename() for a in relayed.iter_attachments()] == ["howto.png"]
    assert status(store, 1) == "answered"
    with store.read() as s:
        kinds = [m.kind for m in s.query(Message).filter_by(ticket_id=1).order_by(Message.id)]
    assert kinds == ["human", "ticket_opened", "agent_alert", "agent_mail", "agent_reply"]
    # The client answers: the ticket is back in the queue, and Ann is alerted again.
    client = build(
        subject=str(relayed["Subject"]),
        in_reply_to=relayed_row.message_id,
        body="That worked, thanks!",
    )
    receive(store, client)
    processor.run_once()
    assert status(store, 1) == "customer_reply"
    again = outbox(store)[-1]
    assert again.kind == "agent_alert"
    assert parsed(again)["Subject"] == "#[1] Client reply: Printer broken"


@pytest.mark.parametrize(
    ("ending", "kept"),
    [
        ("Thanks,\nAnn", "Thanks,"),
        ("Best regards,\n\nAnn\nHelpdesk Team\nACME Ltd", ""),
        ("Mit freundlichen Grüßen\nAnn\nACME GmbH", ""),
        ("Cheers, Ann", ""),  # a closing with the name on its line, as on two lines
        ("Ann", ""),
    ],
)
def test_an_agents_answer_by_mail_is_relayed_with_their_name_once(
    team: tuple[Config, Store, Processor], ending: str, kept: str
) -> None:
    _config, store, processor = team
    open_ticket(store, processor)
    alert_row = outbox(store)[-1]
    answer = build(
        from_="Ann <ann@staff.test>",
        subject="Re: #[1] New ticket: Printer broken",
        in_reply_to=alert_row.message_id,
        references=[alert_row.message_id],
        body=f"Hold the power button for 10 s.\n\n{ending}\n\n> My printer is broken.\n",
    )
    receive(store, answer, sender="ann@staff.test")
    processor.run_once()
    relayed = parsed(outbox(store)[-1])
    text = relayed.get_body(("plain",))
    assert text is not None
    content = text.get_content().replace("\r\n", "\n")
    said, _, signature = content.partition("\n-- \n")
    assert said.strip() == f"Hold the power button for 10 s.\n\n{kept}".strip()
    assert signature.split("\n")[0] == "Ann", "the signature names the agent"
    assert content.count("Ann") == 1
    html = relayed.get_body(("html",))
    assert html is not None
    assert html.get_content().split("<body")[1].count("Ann") == 1


def test_mail_from_an_agents_address_that_answers_no_alert_is_kept_not_relayed(
    team: tuple[Config, Store, Processor],
) -> None:
    _config, store, processor = team
    open_ticket(store, processor)
    n = len(outbox(store))
    ack = outbox(store)[0]
    # Someone forging Ann's address, answering the client's acknowledgment (whose
    # Message-ID a client knows): kept for the team, sent nowhere.
    forged = build(
        from_="Ann <ann@staff.test>",
        subject="Re: #[1] Printer broken",
        in_reply_to=ack.message_id,
        body="Please send your password to me.",
    )
    receive(store, forged, sender="ann@staff.test")
    processor.run_once()
    assert len(outbox(store)) == n
    assert status(store, 1) == "open"
    with store.read() as s:
        events = [e.kind for e in s.query(Event).filter_by(ticket_id=1)]
        kept = s.query(Message).filter_by(kind="agent_mail").one()
    assert "agent_mail_not_relayed" in events
    assert "password" in kept.text


def test_an_agents_out_of_office_answer_to_an_alert_is_not_relayed(
    team: tuple[Config, Store, Processor],
) -> None:
    _config, store, processor = team
    open_ticket(store, processor)
    alert_row = outbox(store)[-1]
    ooo = build(
        from_="Ann <ann@staff.test>",
        subject="Automatic reply: #[1] New ticket: Printer broken",
        in_reply_to=alert_row.message_id,
        body="I am out of the office until Monday.",
        headers={"Auto-Submitted": "auto-replied"},
    )
    receive(store, ooo, sender="ann@staff.test")
    processor.run_once()
    assert outbox(store)[-1].id == alert_row.id
    assert status(store, 1) == "open"


def test_acknowledgments_stop_at_the_hourly_limit_but_tickets_open(
    tmp_path: Path, make_config: Callable[..., Config]
) -> None:
    config = make_config(extra="\n[notify]\nacknowledgments_per_hour = 3\n")
    store = Store(config.database)
    upgrade(store)
    processor = Processor(config, store)
    for i in range(5):
        receive(store, build(subject=f"Problem {i}"))
        if i == 1:
            processor.run_once()  # some in earlier transactions, some in one batch
    processor.run_once()
    with store.read() as s:
        assert s.query(Ticket).count() == 5
        withheld = s.query(Event).filter_by(kind="acknowledgment_withheld").count()
    assert [r.kind for r in outbox(store)] == ["ticket_opened"] * 3
    assert withheld == 2
    # Another sender is not affected.
    receive(store, build(from_="kim@other.test", subject="Mine"), sender="kim@other.test")
    processor.run_once()
    assert outbox(store)[-1].recipients == ["kim@other.test"]
    store.dispose()
