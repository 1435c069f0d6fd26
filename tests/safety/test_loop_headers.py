"""Each mark of machine mail, alone on an otherwise ordinary new-ticket mail, sent over a
real SMTP session to the running daemon: the message is stored — on a ticket when its
kind may open one, else held for a person with the rule that held it — and nothing is
sent back automatically.  ``Auto-Submitted: no`` is a person writing, and is answered."""

from __future__ import annotations

import smtplib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mailgate.config import config_from_toml
from mailgate.store.engine import Store
from mailgate.store.models import InboxRow, Message, OutboxRow
from tests.support.config import make_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.waiting import wait_for

SUPPORT = "support@helpdesk.test"


@dataclass(frozen=True)
class Case:
    name: str
    kind: str  # the verdict expected
    rule: str  # the rule expected to decide
    headers: dict[str, str] = field(default_factory=dict)
    from_: str | None = None  # the From field, when the case is about the sender
    mail_from: str | None = None  # the envelope sender, when not the From address
    message_id: str | None = None
    subject: str = "Printer broken"

    held_by: str | None = None  # the hold rule, for a kind that opens no ticket

    @property
    def opens_ticket(self) -> bool:
        # Mail written on its own (a program's, a list's) opens a ticket; a bounce, an
        # automatic reply or our own mail that answers nothing of a ticket is held.
        return self.kind in ("auto_generated", "list", "human")


CASES = [
    Case("auto_submitted_auto_replied", "auto_reply", "auto_submitted",
         {"Auto-Submitted": "auto-replied"}, held_by="held_auto_reply"),
    Case("auto_submitted_auto_generated", "auto_generated", "auto_submitted",
         {"Auto-Submitted": "auto-generated"}),
    Case("auto_submitted_auto_notified", "auto_generated", "auto_submitted",
         {"Auto-Submitted": "auto-notified"}),
    Case("auto_submitted_with_parameter", "auto_reply", "auto_submitted",
         {"Auto-Submitted": "auto-replied; owner-email=jo@client.test"},
         held_by="held_auto_reply"),
    Case("precedence_bulk", "auto_generated", "precedence", {"Precedence": "bulk"}),
    Case("precedence_junk", "auto_generated", "precedence", {"Precedence": "junk"}),
    Case("precedence_list", "list", "precedence", {"Precedence": "list"}),
    Case("precedence_auto_reply", "auto_reply", "precedence", {"Precedence": "auto_reply"},
         held_by="held_auto_reply"),
    Case("precedence_with_comment", "auto_generated", "precedence",
         {"Precedence": "Bulk (newsletter)"}),
    Case("x_autoreply", "auto_reply", "autoreply_headers", {"X-Autoreply": "yes"},
         held_by="held_auto_reply"),
    Case("x_autorespond", "auto_reply", "autoreply_headers", {"X-Autorespond": "vacation"},
         held_by="held_auto_reply"),
    Case("x_auto_response_suppress_all", "auto_generated", "autoreply_headers",
         {"X-Auto-Response-Suppress": "All"}),
    Case("x_auto_response_suppress_autoreply", "auto_generated", "autoreply_headers",
         {"X-Auto-Response-Suppress": "DR, AutoReply"}),
    Case("exchange_inbox_rules_loop", "auto_reply", "autoreply_headers",
         {"X-MS-Exchange-Inbox-Rules-Loop": "jo@client.test"}, held_by="held_auto_reply"),
    # What Outlook / Exchange write on an out-of-office reply, without Auto-Submitted.
    Case("outlook_out_of_office", "auto_reply", "autoreply_headers",
         {"Thread-Topic": "Printer broken", "X-Auto-Response-Suppress": "All",
          "X-MS-Exchange-Inbox-Rules-Loop": "jo@client.test",
          "X-MS-Has-Attach": "", "X-MS-TNEF-Correlator": ""},
         subject="Automatic reply: Printer broken", held_by="held_auto_reply"),
    Case("outlook_automatic_reply_subject", "auto_reply", "autoreply_subject",
         {"Thread-Topic": "Printer broken"}, subject="Automatic reply: Printer broken",
         held_by="held_auto_reply"),
    Case("null_reverse_path", "auto_reply", "null_sender", mail_from="",
         held_by="held_auto_reply"),
    Case("return_path_null", "auto_reply", "null_sender", {"Return-Path": "<>"},
         held_by="held_auto_reply"),
    Case("from_mailer_daemon", "bounce", "mailer_daemon",
         from_="Mail Delivery System <MAILER-DAEMON@mx.client.test>", held_by="held_bounce"),
    Case("from_postmaster", "bounce", "mailer_daemon", from_="postmaster@client.test",
         held_by="held_bounce"),
    Case("from_noreply", "auto_generated", "noreply_sender", from_="Shop <noreply@shop.test>"),
    Case("from_no_reply", "auto_generated", "noreply_sender",
         from_="Shop <No-Reply@shop.test>"),
    Case("list_id", "list", "list_headers", {"List-Id": "Users <users.lists.test>"}),
    Case("list_unsubscribe", "list", "list_headers",
         {"List-Unsubscribe": "<mailto:leave@lists.test>"}),
    Case("own_loop_header", "own_loop", "own_loop_header", {"X-Mailgate-Loop": "helpdesk.test"},
         held_by="held_own_mail"),
    Case("own_message_id", "own_loop", "own_message_id",
         message_id="mg.0123456789abcdef0123456789abcdef@helpdesk.test", held_by="held_own_mail"),
    Case("own_from_address", "own_loop", "own_from_address",
         from_="Test Support <Support@Helpdesk.test>", held_by="held_own_mail"),
]  # fmt: skip


@dataclass
class Helpdesk:
    daemon: RunningDaemon
    store: Store

    def send(self, raw: bytes, mail_from: str, rcpt: str = SUPPORT) -> None:
        with smtplib.SMTP("127.0.0.1", self.daemon.port, timeout=10) as s:
            s.sendmail(mail_from, [rcpt], raw)

    def processed(self, message_id: str) -> InboxRow:
        def done() -> InboxRow | None:
            with self.store.read() as s:
                row = s.query(InboxRow).filter_by(message_id=message_id).one_or_none()
                return row if row is not None and row.state != "received" else None

        row: InboxRow = wait_for(done, what=f"{message_id} processed")
        return row

    def outgoing(self) -> list[OutboxRow]:
        with self.store.read() as s:
            return list(s.query(OutboxRow).order_by(OutboxRow.id))


@pytest.fixture(scope="module")
def helpdesk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Helpdesk]:
    tmp: Path = tmp_path_factory.mktemp("loop")
    config = config_from_toml(make_toml(tmp), "<test>")
    daemon = RunningDaemon(config, ("smtp", "process", "send")).start()
    store = Store(config.database)
    yield Helpdesk(daemon, store)
    daemon.stop()
    store.dispose()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_machine_mail_is_stored_and_never_answered(helpdesk: Helpdesk, case: Case) -> None:
    sender = f"{case.name.replace('_', '-')}@client.test"
    message_id = case.message_id or f"{case.name}@client.test"
    raw = build(
        from_=case.from_ or f"Jo <{sender}>",
        subject=case.subject,
        message_id=message_id,
        headers=case.headers,
        body=f"Written for the {case.name} case.\n",
    )
    before = helpdesk.outgoing()
    helpdesk.send(raw, sender if case.mail_from is None else case.mail_from)
    row = helpdesk.processed(message_id)
    assert (row.verdict, row.verdict_rule) == (case.kind, case.rule)
    assert (case.held_by is None) == case.opens_ticket, "a case either opens or is held"
    assert (row.state, row.thread_rule if case.held_by else None) == (
        ("processed", None) if case.opens_ticket else ("held", case.held_by)
    ), row.error
    after = helpdesk.outgoing()
    assert [o.id for o in after] == [o.id for o in before], (
        f"{case.name} was answered: {[o.kind for o in after[len(before) :]]}"
    )
    with helpdesk.store.read() as s:
        stored = s.query(Message).filter_by(inbox_id=row.id).one_or_none()
        if case.opens_ticket:
            assert row.ticket_id is not None, f"{case.name}: no ticket opened"
            assert stored is not None
            assert stored.ticket_id == row.ticket_id
            assert f"Written for the {case.name} case." in stored.text
            assert stored.kind == case.kind
        else:
            assert row.ticket_id is None
            assert stored is None
            assert b"Written for the " + case.name.encode() in row.raw


def test_auto_submitted_no_is_a_person_and_is_answered(helpdesk: Helpdesk) -> None:
    for i, value in enumerate(["no", "No (written by a person)"]):
        sender = f"person-{i}@client.test"
        message_id = f"auto-submitted-no-{i}@client.test"
        raw = build(
            from_=f"Jo <{sender}>", message_id=message_id, headers={"Auto-Submitted": value}
        )
        helpdesk.send(raw, sender)
        row = helpdesk.processed(message_id)
        assert (row.state, row.verdict, row.verdict_rule) == ("processed", "human", "default")
        acks = [
            o
            for o in helpdesk.outgoing()
            if o.ticket_id == row.ticket_id and o.kind == "ticket_opened"
        ]
        assert len(acks) == 1, f"Auto-Submitted: {value} is not answered"
        assert acks[0].recipients == [sender]
        assert b"Auto-Submitted: auto-replied" in acks[0].raw
