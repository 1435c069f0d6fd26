"""classify and thread as pure functions: mail in, decision out."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from mailgate.classify import Context, classify
from mailgate.envelope import Envelope
from mailgate.parse import parse_message
from mailgate.subjects import strip_prefixes, ticket_title, with_subject_token
from mailgate.thread import MessageRef, find_ticket
from tests.support.mailfactory import build

CTX = Context(
    Envelope("smtp", "jo@client.test", ("support@helpdesk.test",)),
    frozenset({"support@helpdesk.test"}),
    "helpdesk.test",
)


@pytest.mark.parametrize(
    ("headers", "kind", "rule"),
    [
        ({}, "human", "default"),
        ({"Auto-Submitted": "no"}, "human", "default"),
        ({"Auto-Submitted": "auto-replied"}, "auto_reply", "auto_submitted"),
        ({"Auto-Submitted": "auto-generated; owner-email=x@y"}, "auto_generated", "auto_submitted"),
        ({"Precedence": "bulk"}, "auto_generated", "precedence"),
        ({"Precedence": "list"}, "list", "precedence"),
        ({"List-Id": "<users.lists.example>"}, "list", "list_headers"),
        ({"X-Mailgate-Loop": "helpdesk.test"}, "own_loop", "own_loop_header"),
        ({"X-Mailgate-Loop": "other.test"}, "human", "default"),
    ],
)
def test_classify_rules(headers: dict[str, str], kind: str, rule: str) -> None:
    verdict = classify(parse_message(build(headers=headers)), CTX)
    assert (verdict.kind, verdict.rule) == (kind, rule)


def test_null_sender_and_mailer_daemon_are_machine_mail() -> None:
    null = Context(
        Envelope("smtp", "", ("support@helpdesk.test",)), CTX.own_addresses, CTX.own_domain
    )
    assert classify(parse_message(build()), null).rule == "null_sender"
    daemon = classify(parse_message(build(from_="MAILER-DAEMON@mx.example")), CTX)
    assert (daemon.kind, daemon.may_open_ticket) == ("bounce", False)
    own = classify(parse_message(build(from_="Support <SUPPORT@helpdesk.test>")), CTX)
    assert own.kind == "own_loop"
    assert not own.may_autorespond


@dataclass
class FakeLookup:
    refs: list[MessageRef] = field(default_factory=list)
    tickets: dict[int, set[str]] = field(default_factory=dict)

    def message_refs(self, message_ids: list[str]) -> list[MessageRef]:
        return [r for r in self.refs if r.message_id in message_ids]

    def ticket_exists(self, ticket_id: int) -> bool:
        return ticket_id in self.tickets

    def is_participant(self, ticket_id: int, address: str) -> bool:
        return address in self.tickets.get(ticket_id, set())

    def merged_into(self, ticket_id: int) -> int | None:
        return None


LOOKUP = FakeLookup(
    refs=[
        MessageRef(1, "ours@helpdesk.test", "out"),
        MessageRef(1, "theirs@client.test", "in"),
        MessageRef(2, "other@client.test", "in"),
    ],
    tickets={1: {"jo@client.test"}, 2: {"ann@client.test"}},
)


def test_in_reply_to_our_message_is_proof_for_anyone() -> None:
    m = find_ticket(
        parse_message(build(from_="new@else.test", in_reply_to="ours@helpdesk.test")), LOOKUP
    )
    assert (m.ticket_id, m.rule) == (1, "references")


def test_references_are_tried_newest_first() -> None:
    mail = parse_message(build(references=["other@client.test", "theirs@client.test"]))
    assert find_ticket(mail, LOOKUP).ticket_id == 1


def test_reference_to_client_message_needs_a_participant() -> None:
    m = find_ticket(
        parse_message(build(from_="eve@evil.test", in_reply_to="theirs@client.test")), LOOKUP
    )
    assert (m.ticket_id, m.rule, m.unverified_ticket) == (None, "new_ticket", 1)


def test_subject_token_for_participant_and_for_stranger() -> None:
    ok = find_ticket(parse_message(build(subject="Re: #[1] x")), LOOKUP)
    assert (ok.ticket_id, ok.rule) == (1, "subject_token")
    no = find_ticket(parse_message(build(from_="eve@evil.test", subject="#[1] x")), LOOKUP)
    assert (no.ticket_id, no.unverified_ticket) == (None, 1)
    missing = find_ticket(parse_message(build(subject="#[99] x")), LOOKUP)
    assert (missing.ticket_id, missing.rule, missing.unverified_ticket) == (
        None,
        "new_ticket",
        None,
    )


@pytest.mark.parametrize(
    ("subject", "title"),
    [
        ("Re: RE: AW: Printer", "Printer"),
        ("答复: 打印机", "打印机"),
        ("Fwd: [Fwd: x] Re[2]: y", "y"),
        ("Re: #[12] Printer broken", "Printer broken"),
        ("Regarding the invoice", "Regarding the invoice"),
    ],
)
def test_ticket_title(subject: str, title: str) -> None:
    assert ticket_title(subject, "#[{number}]") == title


def test_outgoing_subject_has_one_token_and_no_pile_up() -> None:
    assert with_subject_token("Re: Re: #[5] Printer", 5, "#[{number}]") == "#[5] Printer"
    assert with_subject_token("Printer", 5, "#[{number}]", reply=True) == "Re: #[5] Printer"
    assert strip_prefixes("RE : Re: x") == "x"
