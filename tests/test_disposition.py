"""The disposition table, rule by rule, over an in-memory fake of the database's lookups:
no store, no server.  And its invariant, over every combination of the facts it reads:
every message ends on a ticket (opened or joined) or held by a named rule — never on no
ticket."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

import pytest

from mailgate.classify import KINDS, Verdict
from mailgate.classify.bounce import Bounce
from mailgate.duplicates import Candidate
from mailgate.process.disposition import (
    DESCRIPTIONS,
    DISPOSITION_RULES,
    HOLD_RULES,
    TICKET_RULES,
    Action,
    Facts,
    Settings,
    decide,
)
from mailgate.sender_auth import AuthResult
from mailgate.thread import Match

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
NEW = Match(None, "new_ticket", "no reference")
JOINED = Match(7, "references", "In-Reply-To of ticket 7", via_participant=True)
HUMAN = Verdict("human", "default")
FAIL = AuthResult("fail", "authentication-results", "dmarc=fail header.from=client.test", "dmarc")


@dataclass
class FakeLookups:
    """The database as the rules see it, in memory."""

    tickets: set[int] = field(default_factory=lambda: {7, 9})
    sent: dict[str, int] = field(default_factory=dict)  # Message-ID → ticket
    closed: dict[int, datetime] = field(default_factory=dict)
    opened: dict[str, list[datetime]] = field(default_factory=dict)
    merged: dict[int, int] = field(default_factory=dict)  # merged ticket → its target
    # (address, ticket) → why the address may not reopen that ticket
    refused: dict[tuple[str, int], str] = field(default_factory=dict)

    def ticket_exists(self, ticket_id: int) -> bool:
        return ticket_id in self.tickets

    def sent_for(self, message_id: str) -> int | None:
        return self.sent.get(message_id)

    def closed_at(self, ticket_id: int) -> datetime | None:
        return self.closed.get(ticket_id)

    def opened_since(self, requester: str, since: datetime) -> int:
        return sum(at >= since for at in self.opened.get(requester, []))

    def open_tickets_of(self, requester: str, since: datetime) -> list[Candidate]:
        return []

    def merged_into(self, ticket_id: int) -> int | None:
        return self.merged.get(ticket_id)

    def unknown_contact(self, address: str) -> str | None:
        return None

    def refused_reopen(self, address: str, ticket_id: int) -> str | None:
        return self.refused.get((address, ticket_id))


def facts(verdict: Verdict = HUMAN, match: Match = NEW, **kw: object) -> Facts:
    return Facts(verdict=verdict, match=match, now=NOW, sender="jo@client.test", **kw)  # type: ignore[arg-type]


def test_every_rule_is_named_once_and_says_why() -> None:
    names = [n for n, _r in TICKET_RULES] + [n for n, _r in DISPOSITION_RULES]
    assert len(names) == len(set(names))
    for name, rule in (*TICKET_RULES, *HOLD_RULES):
        assert rule.__doc__, name
        assert rule.__name__ == name
    assert set(DESCRIPTIONS) == {n for n, _r in HOLD_RULES}


# -- which ticket ---------------------------------------------------------------------------


def test_accepted_puts_a_reviewed_message_on_the_ticket_given() -> None:
    d = decide(facts(reviewed=True, accepted=9), FakeLookups())
    assert (d.action, d.ticket_id, d.rule) == (Action.JOIN, 9, "accepted")


def test_accepted_onto_a_merged_ticket_goes_to_the_ticket_it_was_merged_into() -> None:
    d = decide(facts(reviewed=True, accepted=9), FakeLookups(merged={9: 7}))
    assert (d.action, d.ticket_id, d.rule) == (Action.JOIN, 7, "accepted")
    assert "merged into ticket 7" in d.reason


def test_accepted_onto_a_ticket_that_is_gone_opens_one() -> None:
    d = decide(facts(reviewed=True, accepted=42), FakeLookups())
    assert (d.action, d.rule) == (Action.OPEN, "new_ticket")


def test_a_bounce_joins_the_ticket_whose_mail_it_returns() -> None:
    report = Bounce("5.1.1", "userunknown", True, ("jo@client.test",), "mg.1@helpdesk.test")
    verdict = Verdict("bounce", "dsn_report", bounce=report)
    look = FakeLookups(sent={"mg.1@helpdesk.test": 9})
    d = decide(facts(verdict), look)
    assert (d.action, d.ticket_id, d.rule) == (Action.JOIN, 9, "bounce")
    # Returning mail mailgate did not send: held.
    assert decide(facts(verdict), FakeLookups()).rule == "held_bounce"


def test_a_ticket_closed_longer_ago_than_the_window_is_not_reopened() -> None:
    settings = Settings(reopen_within=timedelta(days=30).total_seconds())
    recent = FakeLookups(closed={7: NOW - timedelta(days=3)})
    old = FakeLookups(closed={7: NOW - timedelta(days=40)})
    assert decide(facts(match=JOINED, settings=settings), recent).action is Action.JOIN
    d = decide(facts(match=JOINED, settings=settings), old)
    assert (d.action, d.match.previous_ticket) == (Action.OPEN, 7)


def test_a_contact_who_may_not_reopen_a_colleagues_closed_ticket_opens_one_of_their_own() -> None:
    why = "jo@client.test (other of 'Acme') may not reopen a ticket boss@client.test opened"
    look = FakeLookups(closed={7: NOW - timedelta(days=3)}, refused={("jo@client.test", 7): why})
    flag = Settings(unauthorized="flag")
    d = decide(facts(match=JOINED, settings=flag), look)
    assert (d.action, d.match.ticket_id, d.match.previous_ticket) == (Action.OPEN, None, 7)
    assert why in d.match.reason
    # Allowed by the configuration, to an open ticket, or accepted by a person: it joins.
    assert decide(facts(match=JOINED, settings=Settings()), look).action is Action.JOIN
    open_ = FakeLookups(refused={("jo@client.test", 7): why})
    assert decide(facts(match=JOINED, settings=flag), open_).action is Action.JOIN
    accepted = facts(match=JOINED, settings=flag, reviewed=True, accepted=7)
    assert decide(accepted, look).action is Action.JOIN


# -- holds ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "rule", "ticket"),
    [
        (facts(Verdict("own_loop", "own_loop_header")), "held_own_mail", None),
        (facts(Verdict("blocked", "blocked_sender"), JOINED), "held_blocked", 7),
        (facts(Verdict("spam", "spam_flag", held=True)), "held_spam", None),
        (facts(review_entry="service.test"), "held_review", None),
        (
            facts(match=JOINED, auth=FAIL, settings=Settings(failed_authentication="hold")),
            "held_unauthenticated",
            7,
        ),
        (
            facts(
                match=Match(None, "new_ticket", "guessed #[9]", unverified_ticket=9),
                settings=Settings(unverified_reply="hold"),
            ),
            "held_unverified",
            9,
        ),
        (facts(auth=FAIL, settings=Settings(forged_new_mail="hold")), "held_forged", None),
        (facts(Verdict("bounce", "mailer_daemon")), "held_bounce", None),
        (facts(Verdict("auto_reply", "auto_submitted")), "held_auto_reply", None),
    ],
)
def test_each_hold_rule_holds_what_it_names(given: Facts, rule: str, ticket: int | None) -> None:
    d = decide(given, FakeLookups())
    assert (d.action, d.rule, d.ticket_id) == (Action.HOLD, rule, ticket)
    assert d.reason
    # A person who accepted it has decided: no hold applies.
    assert decide(replace(given, reviewed=True), FakeLookups()).action is not Action.HOLD


def test_a_sender_past_the_ticket_limit_is_held_until_the_hour_has_passed() -> None:
    settings = Settings(new_tickets_per_hour=3)
    look = FakeLookups(opened={"jo@client.test": [NOW - timedelta(minutes=m) for m in (5, 10, 20)]})
    assert decide(facts(settings=settings), look).rule == "held_rate_limited"
    later = FakeLookups(opened={"jo@client.test": [NOW - timedelta(hours=2)] * 3})
    assert decide(facts(settings=settings), later).action is Action.OPEN
    # A reply to their ticket is not a new ticket: not limited.
    assert decide(facts(match=JOINED, settings=settings), look).action is Action.JOIN


def test_a_verdict_that_opens_no_ticket_is_held_by_the_last_rule() -> None:
    # A kind no other rule names (own mail looping back *with* a match is joined).
    odd = Verdict("spam", "spam_flag", held=True)
    d = decide(facts(odd, settings=Settings()), FakeLookups())
    assert d.action is Action.HOLD


# -- on a ticket ------------------------------------------------------------------------------


def test_a_persons_new_mail_opens_a_ticket_and_a_reply_joins_its_ticket() -> None:
    assert decide(facts(), FakeLookups()).action is Action.OPEN
    d = decide(facts(match=JOINED), FakeLookups())
    assert (d.action, d.ticket_id, d.rule) == (Action.JOIN, 7, "references")


def test_mail_a_program_wrote_opens_a_ticket() -> None:
    d = decide(facts(Verdict("auto_generated", "auto_submitted")), FakeLookups())
    assert d.action is Action.OPEN


# -- the invariant ----------------------------------------------------------------------------


def test_no_combination_of_facts_ends_on_no_ticket() -> None:
    """Every verdict, held or not, with and without a match, a returned Message-ID, a
    failed authentication, a review entry, an unverified reference, a closed ticket,
    accepted or not, under every policy: the disposition opens, joins a ticket that
    exists, or holds with a named rule and a reason."""
    verdicts = [Verdict(kind, "r", "why") for kind in KINDS] + [
        Verdict("spam", "spam_flag", held=True),
        Verdict("bounce", "dsn_report", bounce=Bounce("5.1.1", "x", True, (), "mg.1@h.test")),
    ]
    matches = [
        NEW,
        JOINED,
        Match(None, "new_ticket", "guessed", unverified_ticket=9),
        Match(9, "subject_token", "token", via_participant=True),
    ]
    settings = [
        Settings(),
        Settings("append", "hold", "hold", 1, 0.0),
        Settings("hold", "new_ticket", "acknowledge", 0, 1e9),
    ]
    looks = [
        FakeLookups(),
        FakeLookups(
            sent={"mg.1@h.test": 9},
            closed={7: NOW - timedelta(days=400)},
            opened={"jo@client.test": [NOW] * 5},
        ),
    ]
    count = 0
    for verdict, match, setting, look, auth, review, reviewed in itertools.product(
        verdicts,
        matches,
        settings,
        looks,
        (AuthResult("none", "", ""), FAIL),
        (None, "x"),
        (False, True),
    ):
        f = facts(
            verdict, match, settings=setting, auth=auth, review_entry=review, reviewed=reviewed
        )
        d = decide(f, look)
        count += 1
        if d.action is Action.HOLD:
            assert d.rule.startswith("held_"), d
            assert d.reason, d
        elif d.action is Action.JOIN:
            assert d.ticket_id is not None, d
            assert look.ticket_exists(d.ticket_id), d
        else:
            assert d.action is Action.OPEN
            assert d.ticket_id is None
            assert verdict.may_open_ticket or reviewed, d
    assert count > 1000
