"""Tags and custom fields: the tag rules' decision over a message's values, the
configuration's checks, the fields' types; mail over real SMTP to the daemon tagged by
recipient, sender domain, subject and header; and the search filters (``tag:``,
``field:NAME=VALUE``) on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from mailgate.config import Config, config_from_toml
from mailgate.custom_fields import FieldSpec, FieldType, canonical
from mailgate.errors import ActionRefused, ConfigError, Invalid
from mailgate.process.plan import Planner
from mailgate.store.engine import Store
from mailgate.store.labels_repo import LabelFilter, split_query
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, InboxRow, Ticket
from mailgate.store.tickets_repo import TicketRepo
from mailgate.tags import HeaderCondition, MailFacts, TagHit, TagRule, normalize_tag, tags_for
from mailgate.tickets.actions import Agent, System, change_status
from mailgate.tickets.labels import change_tags, plan_field_changes, plan_tag_change, set_fields
from mailgate.tickets.views import ticket_list
from tests.support.config import make_toml
from tests.support.daemon import RunningDaemon
from tests.support.mailfactory import build
from tests.support.store import receive
from tests.support.waiting import wait_for

TAGGING = """
[[tag_rules]]
name = "billing-address"
recipient = "billing@helpdesk.test"
tags = ["billing"]

[[tag_rules]]
name = "big-customer"
sender_domain = "bigcorp.test"
tags = ["vip"]

[[tag_rules]]
name = "outage-words"
subject = '\\b(outage|down)\\b'
tags = ["outage", "urgent-look"]

[[tag_rules]]
name = "gold-plan"
header = { name = "X-Customer-Plan", pattern = "^gold$" }
tags = ["gold"]

[[fields]]
department = "support"
name = "plan"
label = "Plan"
type = "choice"
options = ["bronze", "silver", "gold"]

[[fields]]
department = "support"
name = "seats"
type = "number"

[[fields]]
department = "support"
name = "renewal"
type = "date"

[[fields]]
department = "support"
name = "contract"
type = "text"
required = true
"""


def facts(**kw: Any) -> MailFacts:
    base: dict[str, Any] = {
        "recipients": ("support@helpdesk.test",),
        "sender": "jo@client.test",
        "subject": "Printer broken",
        "headers": (),
    }
    return MailFacts(**(base | kw))


# -- the decision, over values ---------------------------------------------------------


def test_a_rule_tags_mail_only_when_every_condition_it_gives_holds() -> None:
    rule = TagRule(
        "vip-outage",
        ("vip",),
        sender_domains=("bigcorp.test",),
        subject=re.compile("outage", re.I),
    )
    assert tags_for([rule], facts(sender="ceo@mail.bigcorp.test", subject="OUTAGE now")) == (
        TagHit("vip", "vip-outage"),
    )
    assert tags_for([rule], facts(sender="ceo@bigcorp.test", subject="hello")) == ()
    assert tags_for([rule], facts(sender="ceo@notbigcorp.test", subject="outage")) == ()


def test_a_recipient_rule_matches_the_address_with_a_detail_after_the_delimiter() -> None:
    rule = TagRule("billing", ("billing",), recipients=("billing@helpdesk.test",))
    assert tags_for([rule], facts(recipients=("billing+invoices@helpdesk.test",)))
    assert not tags_for([rule], facts(recipients=("support@helpdesk.test",)))


def test_a_header_rule_reads_every_field_of_that_name() -> None:
    rule = TagRule(
        "gold", ("gold",), headers=(HeaderCondition("x-plan", re.compile("^gold$", re.I)),)
    )
    assert tags_for([rule], facts(headers=(("x-plan", "silver"), ("x-plan", "Gold"))))
    assert not tags_for([rule], facts(headers=(("x-other", "gold"),)))


def test_a_tag_two_rules_give_is_named_once_with_the_first_rule() -> None:
    first = TagRule("first", ("a", "b"), subject=re.compile("x"))
    second = TagRule("second", ("b", "c"), subject=re.compile("x"))
    assert tags_for([first, second], facts(subject="x")) == (
        TagHit("a", "first"),
        TagHit("b", "first"),
        TagHit("c", "second"),
    )


def test_tags_are_short_lower_case_words() -> None:
    assert normalize_tag(" Billing ") == "billing"
    for bad in ("", "two words", "-dash", "x" * 65, "tag<script>"):
        with pytest.raises(Invalid, match="expected a word"):
            normalize_tag(bad)


def test_a_tag_change_adds_what_is_missing_and_removes_what_is_there() -> None:
    change = plan_tag_change(["billing", "vip"], add=["VIP", "new"], remove=["billing", "gone"])
    assert change.added == ("new",)
    assert change.removed == ("billing",)
    with pytest.raises(Invalid, match="both added and removed"):
        plan_tag_change([], add=["x"], remove=["X"])


SPECS = (
    FieldSpec("support", "plan", "Plan", FieldType.CHOICE, ("bronze", "gold")),
    FieldSpec("support", "seats", "Seats", FieldType.NUMBER),
    FieldSpec("support", "renewal", "Renewal", FieldType.DATE),
    FieldSpec("support", "note", "Note", FieldType.TEXT, required=True),
)


@pytest.mark.parametrize(
    ("name", "value", "stored"),
    [
        ("plan", "gold", "gold"),
        ("seats", "012.50", "12.5"),
        ("seats", 3, "3"),
        ("seats", -0.25, "-0.25"),
        ("seats", "1000", "1000"),
        ("renewal", "2027-01-31", "2027-01-31"),
        ("note", "  calls before noon ", "calls before noon"),
    ],
)
def test_a_value_is_stored_in_its_fields_canonical_text(
    name: str, value: str | int | float, stored: str
) -> None:
    spec = next(s for s in SPECS if s.name == name)
    assert canonical(spec, value) == stored


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("plan", "platinum", "expected one of bronze, gold (got 'platinum')"),
        ("seats", "twelve", "expected a number such as 12 or 4.5"),
        ("seats", "1e3", "expected a number"),
        ("seats", float("nan"), "expected a number"),
        ("seats", True, "expected a number"),
        ("renewal", "31/01/2027", "expected a date written YYYY-MM-DD"),
        ("renewal", "2027-02-30", "expected a date written YYYY-MM-DD"),
        ("note", "two\nlines", "expected one line of text"),
    ],
)
def test_a_value_its_type_refuses_is_named_with_what_was_expected(
    name: str, value: object, expected: str
) -> None:
    spec = next(s for s in SPECS if s.name == name)
    with pytest.raises(Invalid) as refused:
        canonical(spec, value)  # type: ignore[arg-type]
    assert str(refused.value).startswith(f"{name}: ")
    assert expected in str(refused.value)


def test_every_problem_of_a_field_change_is_named_and_nothing_is_planned() -> None:
    with pytest.raises(Invalid) as refused:
        plan_field_changes(
            SPECS, "support", {"note": "x"}, {"plan": "tin", "nope": "1", "note": None}
        )
    message = str(refused.value)
    assert "plan: expected one of bronze, gold" in message
    assert "nope: department support has no such field" in message
    assert "note: required, it cannot be cleared" in message


def test_a_value_equal_to_the_current_one_changes_nothing() -> None:
    changes = plan_field_changes(SPECS, "support", {"seats": "12"}, {"seats": "12.0"})
    assert changes == []


def test_a_search_reads_tag_and_field_terms_apart_from_its_words() -> None:
    text, labels = split_query('printer tag:Billing field:plan=gold field:note="two words" e42')
    assert text == "printer e42"
    assert labels == LabelFilter(("billing",), (("plan", "gold"), ("note", "two words")))
    assert split_query("nothing:special here") == ("nothing:special here", LabelFilter())


# -- the configuration -------------------------------------------------------------------


def bad_config(tmp_path: Path, extra: str) -> str:
    with pytest.raises(ConfigError) as refused:
        config_from_toml(make_toml(tmp_path, extra=extra), "<test>")
    return str(refused.value)


def test_a_subject_pattern_that_does_not_compile_is_refused_naming_its_key(
    tmp_path: Path,
) -> None:
    error = bad_config(tmp_path, '[[tag_rules]]\nname = "x"\nsubject = "(unclosed"\ntags = ["a"]\n')
    assert "tag_rules[0].subject: expected a regular expression" in error
    assert "'(unclosed'" in error


def test_a_header_pattern_that_does_not_compile_is_refused_naming_its_key(
    tmp_path: Path,
) -> None:
    error = bad_config(
        tmp_path,
        '[[tag_rules]]\nname = "x"\nheader = { name = "X-A", pattern = "[z" }\ntags = ["a"]\n',
    )
    assert "tag_rules[0].header[0].pattern: expected a regular expression" in error


def test_a_rule_without_a_condition_or_with_a_name_used_twice_is_refused(
    tmp_path: Path,
) -> None:
    assert "tag_rules[0]: rule 'x': expected at least one condition" in bad_config(
        tmp_path, '[[tag_rules]]\nname = "x"\ntags = ["a"]\n'
    )
    twice = '[[tag_rules]]\nname = "x"\nsubject = "a"\ntags = ["a"]\n' * 2
    assert "tag_rules[1].name: 'x' is used twice" in bad_config(tmp_path, twice)


def test_fields_must_belong_to_a_department_and_a_choice_needs_options(tmp_path: Path) -> None:
    assert "fields[0].department: 'sales' is not the name of a department" in bad_config(
        tmp_path, '[[fields]]\ndepartment = "sales"\nname = "plan"\n'
    )
    assert "fields[0]: field 'plan': a choice needs its options" in bad_config(
        tmp_path, '[[fields]]\ndepartment = "support"\nname = "plan"\ntype = "choice"\n'
    )
    assert "fields[0].type: expected" in bad_config(
        tmp_path, '[[fields]]\ndepartment = "support"\nname = "plan"\ntype = "colour"\n'
    )


# -- mail over SMTP to the daemon ------------------------------------------------------


@pytest.fixture
def config(make_config: Callable[..., Config]) -> Config:
    """The tests' base configuration with the tag rules and fields above."""
    return make_config(extra=TAGGING)


def send(port: int, raw: bytes, rcpt: str = "support@helpdesk.test", sender: str = "") -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as c:
        c.sendmail(sender or "someone@client.test", [rcpt], raw)


def ticket_with(store: Store, subject: str) -> int:
    def find() -> int | None:
        with store.read() as s:
            return s.query(Ticket.id).filter(Ticket.subject == subject).scalar()

    return int(wait_for(find, what=f"the ticket {subject!r}"))


def tags_of(store: Store, number: int) -> list[str]:
    with store.read() as s:
        return next(t["tags"] for t in ticket_list(s) if t["number"] == number)


def tag_events(store: Store, number: int) -> list[tuple[str, str, dict[str, Any]]]:
    with store.read() as s:
        rows = s.query(Event).filter(Event.ticket_id == number, Event.kind.like("tag_%"))
        return [(e.kind, e.actor, e.data) for e in rows.order_by(Event.id)]


def test_mail_over_smtp_is_tagged_by_recipient_sender_domain_subject_and_header(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    d = run_daemon(config, ("smtp", "process"))
    send(d.port, build(to="billing@helpdesk.test", subject="Invoice 7"), "billing@helpdesk.test")
    send(d.port, build(from_="Ceo <ceo@mail.bigcorp.test>", subject="Question"))
    send(d.port, build(subject="Website down since noon"))
    send(d.port, build(subject="About my plan", headers={"X-Customer-Plan": "Gold"}))
    send(d.port, build(subject="Nothing special"))

    invoice = ticket_with(store, "Invoice 7")
    assert tags_of(store, invoice) == ["billing"]
    assert tag_events(store, invoice) == [
        ("tag_added", "system", {"tag": "billing", "rule": "billing-address"})
    ]
    assert tags_of(store, ticket_with(store, "Question")) == ["vip"]
    down = ticket_with(store, "Website down since noon")
    assert tags_of(store, down) == ["outage", "urgent-look"]
    assert {e[2]["rule"] for e in tag_events(store, down)} == {"outage-words"}
    assert tags_of(store, ticket_with(store, "About my plan")) == ["gold"]
    assert tags_of(store, ticket_with(store, "Nothing special")) == []


def test_a_reply_that_matches_a_rule_tags_the_ticket_it_joins_once(
    config: Config, store: Store, run_daemon: Callable[..., RunningDaemon]
) -> None:
    d = run_daemon(config, ("smtp", "process"))
    send(d.port, build(subject="Slow pages", message_id="slow@client.test"))
    number = ticket_with(store, "Slow pages")
    assert tags_of(store, number) == []
    for n in (1, 2):
        send(
            d.port,
            build(
                subject=f"Re: #[{number}] Slow pages: now the site is down",
                in_reply_to="slow@client.test",
                message_id=f"down{n}@client.test",
            ),
        )

    def joined() -> bool:
        with store.read() as s:
            return s.query(Event).filter_by(ticket_id=number, kind="message_added").count() == 2

    wait_for(joined, what="both replies on the ticket")
    assert tags_of(store, number) == ["outage", "urgent-look"]
    # Added once, by the first reply: the second finds them there.
    assert [e[2]["tag"] for e in tag_events(store, number)] == ["outage", "urgent-look"]


# -- agents' changes and the filters -------------------------------------------------------

ANN = Agent("ann@helpdesk-staff.test", "Ann")


def filter_numbers(store: Store, **kw: Any) -> list[int]:
    with store.read() as s:
        return sorted(t["number"] for t in ticket_list(s, **kw))


def three_tickets(config: Config, store: Store) -> None:
    from mailgate.envelope import Envelope
    from mailgate.inbox import store_messages
    from mailgate.process import Processor

    mails = [
        (Envelope("smtp", "jo@client.test", ("support@helpdesk.test",)), build(subject=s))
        for s in ("Printer one", "Printer two", "Scanner three")
    ]
    store_messages(store, mails)
    Processor(config, store).drain()
    change_tags(store, 1, ANN, add=["billing", "vip"])
    change_tags(store, 2, ANN, add=["billing"])
    set_fields(store, config, 1, {"plan": "gold", "seats": "12.0"}, ANN)
    set_fields(store, config, 2, {"plan": "bronze", "seats": 12}, ANN)
    set_fields(store, config, 3, {"plan": "gold", "renewal": "2027-01-31"}, ANN)


def check_filters(store: Store) -> None:
    assert filter_numbers(store, q="tag:billing") == [1, 2]
    assert filter_numbers(store, q="tag:billing tag:vip") == [1]
    assert filter_numbers(store, q="field:plan=gold") == [1, 3]
    assert filter_numbers(store, q="tag:billing field:plan=gold") == [1]
    assert filter_numbers(store, q="field:seats=12") == [1, 2]
    assert filter_numbers(store, q="field:seats=12.000") == [1, 2]
    assert filter_numbers(store, q="printer tag:billing") == [1, 2]
    assert filter_numbers(store, q="scanner field:plan=gold") == [3]
    assert filter_numbers(store, q="scanner tag:billing") == []
    assert filter_numbers(store, labels=LabelFilter(("vip",), ())) == [1]
    assert filter_numbers(store, q="tag:none-has-it") == []


def test_search_filters_tickets_by_tag_and_field_with_its_words(
    config: Config, store: Store
) -> None:
    three_tickets(config, store)
    check_filters(store)


@pytest.mark.postgres
def test_search_filters_tickets_by_tag_and_field_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    config = config_from_toml(make_toml(tmp_path, pg_url, extra=TAGGING), "<test>")
    store = Store(config.database)
    try:
        upgrade(store)
        three_tickets(config, store)
        check_filters(store)
    finally:
        store.dispose()


def test_a_filter_on_tags_and_fields_reads_their_index(config: Config, store: Store) -> None:
    three_tickets(config, store)
    by_tag = "SELECT ticket_id FROM ticket_tags WHERE tag = 'billing'"
    by_field = "SELECT ticket_id FROM ticket_fields WHERE name = 'plan' AND value IN ('gold')"
    with store.read() as s:
        plan = " ".join(str(r[-1]) for r in s.execute(text(f"EXPLAIN QUERY PLAN {by_tag}")))
        fields = " ".join(str(r[-1]) for r in s.execute(text(f"EXPLAIN QUERY PLAN {by_field}")))
    assert "ix_ticket_tags_tag_ticket" in plan
    assert "ix_ticket_fields_name_value_ticket" in fields


def test_every_change_of_tags_and_fields_is_an_event_naming_the_agent(
    config: Config, store: Store
) -> None:
    three_tickets(config, store)
    change_tags(store, 1, System(), remove=["vip"])
    set_fields(store, config, 1, {"seats": None}, ANN)
    with store.read() as s:
        rows = s.query(Event).filter(Event.ticket_id == 1, Event.kind.in_(
            ["tag_added", "tag_removed", "field_changed"]
        )).order_by(Event.id)  # fmt: skip
        history = [(e.kind, e.actor, e.data) for e in rows]
    assert history == [
        ("tag_added", ANN.address, {"tag": "billing"}),
        ("tag_added", ANN.address, {"tag": "vip"}),
        ("field_changed", ANN.address, {"name": "plan", "from": None, "to": "gold"}),
        ("field_changed", ANN.address, {"name": "seats", "from": None, "to": "12"}),
        ("tag_removed", "system", {"tag": "vip"}),
        ("field_changed", ANN.address, {"name": "seats", "from": "12", "to": None}),
    ]


def test_an_agent_cannot_close_a_ticket_whose_required_field_is_unset(
    config: Config, store: Store
) -> None:
    from mailgate.notify import Notifier, Templates

    three_tickets(config, store)
    notifier = Notifier(config, Templates(None))
    with pytest.raises(ActionRefused, match="required fields are set: Contract"):
        change_status(store, notifier, 1, "closed", ANN, notify=False)
    set_fields(store, config, 1, {"contract": "C-12"}, ANN)
    assert change_status(store, notifier, 1, "closed", ANN, notify=False).status == "closed"


def test_the_tags_are_decided_when_the_message_is_planned_before_the_write(
    config: Config, store: Store
) -> None:
    # The admins' patterns run in the planning step (the workers'), not under the
    # database's write lock: the plan carries the tags and the rule of each.
    raw = build(
        from_="Big Boss <boss@bigcorp.test>",
        subject="Mail server down",
        headers={"X-Customer-Plan": "gold"},
    )
    inbox_id = receive(store, raw, sender="boss@bigcorp.test", rcpt="billing@helpdesk.test")
    with store.read() as session:
        row = session.get(InboxRow, inbox_id)
        assert row is not None
        plan = Planner(config).plan(row, TicketRepo(session))
    assert [(h.tag, h.rule) for h in plan.tags] == [
        ("billing", "billing-address"),
        ("vip", "big-customer"),
        ("outage", "outage-words"),
        ("urgent-look", "outage-words"),
        ("gold", "gold-plan"),
    ]
