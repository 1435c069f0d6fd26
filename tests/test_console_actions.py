"""What agents do from the console, the API and the command line alike: internal notes
(never mailed to the client; optionally alerting a colleague), replies refused when the
client wrote since the agent's view, the preview of a reply (the mail exactly as it will
go out, nothing written), canned answers, and the ids the ticket's document carries."""

from __future__ import annotations

from collections.abc import Callable
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import Any, cast

import pytest

from mailgate.config import Config
from mailgate.errors import ActionRefused, StaleReply, TicketNotFound
from mailgate.notify import Notifier, OutAttachment, Prepared, Templates
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import Attachment, Event, Message, OutboxRow
from mailgate.tickets.actions import (
    Agent,
    System,
    answer_templates,
    assign,
    post_reply,
    preview_reply,
)
from mailgate.tickets.notes import add_note
from mailgate.tickets.views import ticket_document
from tests.support.mailfactory import AUTHENTICATED, build
from tests.support.store import receive

ANN = Agent("ann@staff.test", "Ann")
BOB = Agent("bob@staff.test", "Bob")
TEAM = """
[[agents]]
address = "ann@staff.test"
name = "Ann"
departments = ["support"]

[[agents]]
address = "bob@staff.test"
name = "Bob"
departments = ["support"]

[[agents]]
address = "cid@staff.test"
name = "Cid"
departments = ["billing"]

[notify]
agent_alerts = false
"""


@pytest.fixture
def team(tmp_path: Path, make_config: Callable[..., Config]) -> Config:
    answers = tmp_path / "templates"
    restart = answers / "answer_restart"
    restart.mkdir(parents=True)
    (restart / "subject.txt").write_text("Restarting: {{ ticket.subject }}\n")
    (restart / "body.txt").write_text(
        "Hello {{ requester.name }},\n\n"
        "please restart the printer ({{ ticket.token }}, {{ department.display_name }}, "
        "now {{ ticket.status_label }}).\n\n{{ reply.body }}\n\n-- \n{{ agent.name }}\n"
    )
    refund = answers / "billing" / "answer_refund"
    refund.mkdir(parents=True)
    (refund / "subject.txt").write_text("Your refund\n")
    (refund / "body.txt").write_text("{{ reply.body }}\n")
    # Not canned answers: no subject, a name the API refuses, another template.
    (answers / "answer_unfinished").mkdir()
    (answers / "answer_Shouting").mkdir()
    (answers / "answer_Shouting" / "subject.txt").write_text("x\n")
    (answers / "agent_reply").mkdir()
    (answers / "agent_reply" / "subject.txt").write_text("{{ ticket.subject }}\n")
    (answers / "agent_reply" / "body.txt").write_text("{{ reply.body }}\n-- \n{{ agent.name }}\n")
    return make_config(extra=TEAM + f'\n[templates]\ndirectory = "{answers}"\n')


@pytest.fixture
def store(team: Config) -> Any:
    s = Store(team.database)
    upgrade(s)
    yield s
    s.dispose()


@pytest.fixture
def notifier(team: Config) -> Notifier:
    return Notifier(team, Templates(team.templates.directory))


@pytest.fixture
def processor(team: Config, store: Store) -> Processor:
    return Processor(team, store)


def open_ticket(store: Store, processor: Processor) -> None:
    raw = build(
        message_id="first@client.test",
        cc="Bob Client <bob@client.test>",
        subject="Printer broken",
        headers=AUTHENTICATED,
        attachments=[("error.png", "image/png", b"\x89PNG\r\n\x1a\nerror")],
    )
    receive(store, raw)
    processor.run_once()


def client_writes_again(store: Store, processor: Processor, body: str = "Still broken.") -> None:
    receive(store, build(subject="Re: #[1] Printer broken", body=body, headers=AUTHENTICATED))
    processor.run_once()


def outbox(store: Store) -> list[OutboxRow]:
    with store.read() as s:
        return list(s.query(OutboxRow).order_by(OutboxRow.id))


def parsed(row: OutboxRow) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(row.raw, policy=default_policy))


def text_of(msg: EmailMessage) -> str:
    part = msg.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def outbox_ids(store: Store) -> list[int]:
    return [row.id for row in outbox(store)]


def events(store: Store) -> list[Event]:
    with store.read() as s:
        return list(s.query(Event).order_by(Event.id))


def document(store: Store) -> dict[str, Any]:
    with store.read() as s:
        doc = ticket_document(s, 1)
    assert doc is not None
    return doc


# -- internal notes ----------------------------------------------------------------------


def test_a_note_is_recorded_for_the_team_and_mailed_to_nobody(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    before = outbox_ids(store)
    added = add_note(store, notifier, 1, "The client called: it is the second floor.\n", ANN)
    assert (added.number, added.alerted, added.message_id) == (1, (), None)
    assert outbox_ids(store) == before
    note = events(store)[-1]
    assert (note.id, note.kind, note.actor) == (added.event_id, "note", "ann@staff.test")
    assert note.data == {"body": "The client called: it is the second floor.", "alerted": []}
    # The next answer to the client neither quotes the note nor threads to it.
    post_reply(store, notifier, 1, "Please restart it.", ANN)
    reply = outbox(store)[-1]
    assert b"second floor" not in reply.raw


def test_a_note_alert_mails_the_assignee_and_never_the_client(
    store: Store, processor: Processor, notifier: Notifier, team: Config
) -> None:
    open_ticket(store, processor)
    assign(store, team, 1, "bob@staff.test", ANN)
    added = add_note(
        store, notifier, 1, "Bob, this one is yours: a <b>driver</b> issue.", ANN, alert=True
    )
    assert added.alerted == ("bob@staff.test",)
    row = outbox(store)[-1]
    assert (row.kind, row.recipients, row.message_id) == (
        "agent_note",
        ["bob@staff.test"],
        added.message_id,
    )
    msg = parsed(row)
    assert msg["From"].addresses[0].addr_spec == "support@helpdesk.test"
    assert msg["Subject"] == "#[1] Note from Ann: Printer broken"
    assert "a <b>driver</b> issue." in text_of(msg)
    html = msg.get_body(("html",))
    assert html is not None
    assert "&lt;b&gt;driver&lt;/b&gt;" in str(html.get_content())
    assert b"jo@client.test" not in row.raw.split(b"\r\n\r\n")[0]
    assert events(store)[-2].data["alerted"] == ["bob@staff.test"]
    # The client's next mail threads past the note's alert, which stays internal.
    post_reply(store, notifier, 1, "Please restart it.", BOB)
    reply = parsed(outbox(store)[-1])
    assert row.message_id not in str(reply["References"])
    assert "driver" not in text_of(reply)


def test_a_note_alert_on_an_unassigned_ticket_tells_the_departments_other_agents(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    added = add_note(store, notifier, 1, "Anyone knows this printer?", ANN, alert=True)
    assert added.alerted == ("bob@staff.test",), "not Ann herself, not billing's Cid"
    added = add_note(store, notifier, 1, "From a script.", System("api token"), alert=True)
    assert added.alerted == ("ann@staff.test", "bob@staff.test")
    assert events(store)[-2].actor == "api token"


def test_a_note_alert_with_nobody_else_to_tell_is_refused_and_nothing_recorded(
    store: Store, processor: Processor, notifier: Notifier, team: Config
) -> None:
    open_ticket(store, processor)
    assign(store, team, 1, "ann@staff.test", BOB)
    before = (len(events(store)), len(outbox(store)))
    with pytest.raises(ActionRefused, match="nobody to alert on ticket 1: it is assigned to you"):
        add_note(store, notifier, 1, "Reminder to self.", ANN, alert=True)
    assert (len(events(store)), len(outbox(store))) == before
    with pytest.raises(ActionRefused, match="the note is empty"):
        add_note(store, notifier, 1, " \n\t\n", ANN)
    with pytest.raises(TicketNotFound):
        add_note(store, notifier, 9, "Hello", ANN)
    with pytest.raises(TicketNotFound):
        add_note(store, notifier, 9, "Hello", ANN, alert=True)
    assert (len(events(store)), len(outbox(store))) == before


def test_an_agents_answer_to_a_note_alert_is_kept_for_the_team_not_relayed(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    added = add_note(store, notifier, 1, "Bob, can you call them?", ANN, alert=True)
    assert added.message_id is not None
    n = len(outbox(store))
    answer = build(
        from_="Bob <bob@staff.test>",
        subject="Re: #[1] Note from Ann: Printer broken",
        in_reply_to=added.message_id,
        references=[added.message_id],
        body="Called them, it works now.",
    )
    receive(store, answer, sender="bob@staff.test")
    processor.run_once()
    assert len(outbox(store)) == n, "nothing goes to the client"
    with store.read() as s:
        kept = s.query(Message).filter_by(kind="agent_mail").one()
        assert (kept.ticket_id, kept.from_address) == (1, "bob@staff.test")


# -- stale replies -----------------------------------------------------------------------


def test_a_reply_on_a_view_older_than_the_clients_last_mail_is_refused(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    seen = document(store)["last_message_id"]
    client_writes_again(store, processor)
    newest = document(store)["last_message_id"]
    assert newest > seen
    before = (len(events(store)), len(outbox(store)))
    with pytest.raises(StaleReply) as caught:
        post_reply(store, notifier, 1, "Please restart it.", ANN, seen_message=seen)
    assert caught.value.new_messages == (newest,)
    assert f"new mail since the reply was begun (message {newest})" in str(caught.value)
    assert isinstance(caught.value, ActionRefused)
    assert (len(events(store)), len(outbox(store))) == before
    # Having read it, the agent sends.
    done = post_reply(store, notifier, 1, "Please restart it.", ANN, seen_message=newest)
    assert done.message_id is not None
    # An outgoing mail since is not the client's: no conflict.
    post_reply(store, notifier, 1, "And then print a page.", ANN, seen_message=newest)


class _MailArrivesWhileRendering(Notifier):
    """A notifier during whose rendering the client's next mail is processed: it arrives
    after the reply's first check and before its transaction."""

    def __init__(self, notifier: Notifier, arrive: Callable[[], None]) -> None:
        super().__init__(notifier.config, notifier.templates)
        self.arrive: Callable[[], None] | None = arrive

    def prepare(self, *args: Any, **kwargs: Any) -> Prepared:
        if self.arrive is not None:
            self.arrive()
            self.arrive = None
        return super().prepare(*args, **kwargs)


def test_a_client_mail_arriving_while_the_reply_is_written_is_caught_under_the_lock(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    seen = document(store)["last_message_id"]
    racing = _MailArrivesWhileRendering(notifier, lambda: client_writes_again(store, processor))
    before = len(outbox(store))
    with pytest.raises(StaleReply) as caught:
        post_reply(store, racing, 1, "Please restart it.", ANN, seen_message=seen)
    assert caught.value.new_messages == (document(store)["last_message_id"],)
    assert len(outbox(store)) == before
    assert not any(e.kind == "agent_reply" for e in events(store))


# -- previews ----------------------------------------------------------------------------


def test_a_preview_is_the_mail_the_reply_sends_and_writes_nothing(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    files = [OutAttachment("steps.txt", "text/plain", b"1. off\n2. on\n")]
    before = (len(events(store)), len(outbox(store)), document(store))
    preview = preview_reply(
        store, notifier, 1, "Please restart it.", ANN, status="on_hold", attachments=files
    )
    assert (len(events(store)), len(outbox(store)), document(store)) == before
    post_reply(store, notifier, 1, "Please restart it.", ANN, status="on_hold", attachments=files)
    sent = parsed(outbox(store)[-1])
    assert (preview.from_.name, preview.from_.address) == (
        sent["From"].addresses[0].display_name,
        sent["From"].addresses[0].addr_spec,
    )
    assert [p.address for p in preview.to] == [a.addr_spec for a in sent["To"].addresses]
    assert [p.address for p in preview.cc] == [a.addr_spec for a in sent["Cc"].addresses]
    assert [p.name for p in preview.cc] == ["Bob Client"]
    assert preview.subject == sent["Subject"] == "#[1] Printer broken"
    assert preview.text == "Please restart it.\n-- \nAnn\n"
    assert "Please restart it." in text_of(sent)
    assert preview.attachments == ("steps.txt",)
    assert [a.get_filename() for a in sent.iter_attachments()] == ["steps.txt"]
    assert preview.status == document(store)["status"] == "on_hold"


def test_a_preview_is_refused_for_what_the_reply_would_be_refused_for(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    with pytest.raises(ActionRefused, match="the reply is empty"):
        preview_reply(store, notifier, 1, "  \n", ANN)
    with pytest.raises(ActionRefused, match="unknown status"):
        preview_reply(store, notifier, 1, "Hi", ANN, status="shut")
    with pytest.raises(TicketNotFound):
        preview_reply(store, notifier, 9, "Hi", ANN)


# -- canned answers ----------------------------------------------------------------------


def test_canned_answers_are_listed_per_department_and_use_the_tickets_variables(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    assert answer_templates(notifier, "support") == ["agent_reply", "answer_restart"]
    assert answer_templates(notifier, "billing") == [
        "agent_reply",
        "answer_refund",
        "answer_restart",
    ]
    open_ticket(store, processor)
    preview = preview_reply(
        store, notifier, 1, "It takes a minute.", ANN, template="answer_restart"
    )
    assert preview.subject == "#[1] Restarting: Printer broken"
    assert preview.text == (
        "Hello Jo Client,\n\nplease restart the printer (#[1], Test Support, now Answered)."
        "\n\nIt takes a minute.\n\n-- \nAnn\n"
    )
    post_reply(store, notifier, 1, "It takes a minute.", ANN, template="answer_restart")
    row = outbox(store)[-1]
    assert row.kind == "answer_restart"
    assert "please restart the printer (#[1]" in text_of(parsed(row))


def test_check_config_renders_the_canned_answers(team: Config, tmp_path: Path) -> None:
    notifier = Notifier(team, Templates(team.templates.directory))
    assert notifier.check_templates() == []
    broken = tmp_path / "templates" / "answer_restart" / "body.txt"
    broken.write_text("{{ reply.body }}\n{{ no_such.thing }}\n")
    problems = Notifier(team, Templates(team.templates.directory)).check_templates()
    assert problems
    assert all("answer_restart/body.txt:2" in p for p in problems)


# -- the document's ids ------------------------------------------------------------------


def test_the_ticket_document_names_its_messages_attachments_and_events_by_id(
    store: Store, processor: Processor, notifier: Notifier
) -> None:
    open_ticket(store, processor)
    post_reply(store, notifier, 1, "Please restart it.", ANN)
    doc = document(store)
    with store.read() as s:
        messages = [(m.id, m.direction) for m in s.query(Message).order_by(Message.id)]
        [attachment] = s.query(Attachment).all()
        event_ids = [e.id for e in s.query(Event).order_by(Event.id)]
    assert [(m["id"], m["direction"]) for m in doc["messages"]] == messages
    assert doc["messages"][0]["attachments"][0]["id"] == attachment.id
    assert [e["id"] for e in doc["events"]] == event_ids
    assert doc["last_message_id"] == max(i for i, d in messages if d == "in")
    assert {"number", "subject", "status", "participants"} <= set(doc)
