"""The named rules over organizations and contacts, and the CSV file's checks: values in,
decisions out (mailgate.contacts)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from mailgate import lifecycle
from mailgate.classify import Verdict
from mailgate.config import config_from_toml
from mailgate.contacts import (
    Standing,
    auto_organization,
    is_free_mail,
    organization_cc,
    unauthorized_action,
    unknown_may_not_open,
)
from mailgate.contacts.csvfile import read_contacts
from mailgate.contacts.rules import UNKNOWN, ContactFacts, OrganizationFacts
from mailgate.errors import ConfigError
from mailgate.process.disposition import DESCRIPTIONS, Action, Facts, decide
from mailgate.thread import Match
from tests.support.config import make_toml
from tests.support.lookups import NothingKnown

ACME = OrganizationFacts(1, "Acme", "authorized", True, ("acme.test",))
OTHER_ORG = OrganizationFacts(2, "Beta", "requester", True, ("beta.test",))
PEOPLE = (
    ContactFacts("boss@acme.test", "Bo", "primary"),
    ContactFacts("deputy@acme.test", "Di", "authorized"),
    ContactFacts("dev@acme.test", "Dev", "other"),
)


@pytest.mark.parametrize(
    ("notify", "requester", "copied"),
    [
        ("requester", "dev@acme.test", []),
        ("primary", "dev@acme.test", ["boss@acme.test"]),
        ("authorized", "dev@acme.test", ["boss@acme.test", "deputy@acme.test"]),
        # The requester is never copied to themselves.
        ("authorized", "Boss@acme.test", ["deputy@acme.test"]),
    ],
)
def test_notify_setting_names_who_is_copied(notify: str, requester: str, copied: list[str]) -> None:
    org = OrganizationFacts(1, "Acme", notify)
    assert [c.address for c in organization_cc(org, requester, PEOPLE)] == copied
    assert organization_cc(None, requester, PEOPLE) == ()


def test_only_an_unknown_address_of_a_closed_organization_is_refused_a_ticket() -> None:
    closed = OrganizationFacts(1, "Acme", unknown_may_open=False)
    reason = unknown_may_not_open(Standing("x@acme.test", closed, UNKNOWN))
    assert reason is not None
    assert "x@acme.test is not a contact of organization 'Acme'" in reason
    assert unknown_may_not_open(Standing("dev@acme.test", closed, "other")) is None
    assert unknown_may_not_open(Standing("x@acme.test", ACME, UNKNOWN)) is None
    assert unknown_may_not_open(Standing("jo@client.test")) is None


BOSS = Standing("boss@acme.test", ACME, "primary")


@pytest.mark.parametrize(
    ("sender", "event", "policy", "refused"),
    [
        (Standing("dev@acme.test", ACME, "other"), lifecycle.CLIENT_CLOSE, "flag", "close"),
        (Standing("dev@acme.test", ACME, "other"), lifecycle.REOPEN, "flag", "reopen"),
        (Standing("x@acme.test", ACME, UNKNOWN), lifecycle.CLIENT_CLOSE, "flag", "close"),
        # Writing is not acting: the ticket moves as for any client's mail.
        (Standing("dev@acme.test", ACME, "other"), lifecycle.CLIENT_MESSAGE, "flag", None),
        (Standing("deputy@acme.test", ACME, "authorized"), lifecycle.CLIENT_CLOSE, "flag", None),
        (Standing("dev@acme.test", ACME, "other"), lifecycle.CLIENT_CLOSE, "allow", None),
        # Someone of another organization, or of none, is not this rule's business.
        (Standing("ceo@beta.test", OTHER_ORG, "other"), lifecycle.CLIENT_CLOSE, "flag", None),
        (Standing("jo@client.test"), lifecycle.CLIENT_CLOSE, "flag", None),
    ],
)
def test_who_may_close_or_reopen_a_colleagues_ticket(
    sender: Standing, event: str, policy: str, refused: str | None
) -> None:
    data = unauthorized_action(sender, BOSS, event, policy)
    assert (data["action"] if data else None) == refused
    if data:
        assert data["rule"] == "organization_unauthorized"
        assert data["requester"] == "boss@acme.test"


def test_an_other_contact_acts_on_their_own_ticket() -> None:
    dev = Standing("dev@acme.test", ACME, "other")
    assert unauthorized_action(dev, dev, lifecycle.CLIENT_CLOSE, "flag") is None


def test_organizations_are_made_for_new_company_domains_only() -> None:
    assert auto_organization("newco.test", enabled=True, known=False) == "newco.test"
    assert auto_organization("newco.test", enabled=False, known=False) is None
    assert auto_organization("newco.test", enabled=True, known=True) is None
    for free in ("gmail.com", "mail.yahoo.com", "chmail.ir", "naver.com"):
        assert auto_organization(free, enabled=True, known=False) is None, free
    assert (
        auto_organization("corp.test", enabled=True, known=False, free_mail=["corp.test"]) is None
    )
    # Whatever a From says is no domain of an organization: no LIKE pattern, no literal.
    for odd in ("%", "a_b.test", "[192.0.2.1]", "localhost"):
        assert auto_organization(odd, enabled=True, known=False) is None, odd
    assert is_free_mail("GMAIL.COM.")
    assert not is_free_mail("gmail.com.example")


def test_csv_rows_are_checked_and_a_header_and_comments_skipped() -> None:
    text = (
        "\ufefforganization,address,name,role,domain\n"
        "# exported from the billing system\n"
        'Acme,Boss@Acme.test,"Boss, Bo",primary,Acme.Test\n'
        "\n"
        "Acme,dev@acme.test,,other\n"
        "Acme,dev@acme.test,,other\n"
    )
    rows, problems = read_contacts(text)
    assert [(r.line, r.address, r.name, r.domain) for r in rows] == [
        (3, "boss@acme.test", "Boss, Bo", "acme.test"),
        (5, "dev@acme.test", "", ""),
    ]
    assert [str(p) for p in problems] == ["line 6: address dev@acme.test is already on line 5"]


def test_contacts_configuration_errors_name_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as e:
        config_from_toml(make_toml(tmp_path, extra='\n[contacts]\nunauthorized = "deny"\n'), "<t>")
    assert "contacts.unauthorized" in str(e.value)
    assert "'deny'" in str(e.value)
    with pytest.raises(ConfigError) as e:
        config_from_toml(
            make_toml(tmp_path, extra='\n[contacts]\nfree_mail_domains = ["a b"]\n'), "<t>"
        )
    assert "contacts.free_mail_domains" in str(e.value)
    config = config_from_toml(make_toml(tmp_path), "<t>")
    assert (config.contacts.auto_organizations, config.contacts.unauthorized) == (False, "flag")


class NoDatabase(NothingKnown):
    """The disposition rules' lookups, for a helpdesk with ticket 7 and nothing else but
    ``unknown``: why an address may not open a ticket (its organization's rule)."""

    def __init__(self, unknown: str | None = None) -> None:
        self.unknown = unknown

    def ticket_exists(self, ticket_id: int) -> bool:
        return ticket_id == 7

    def unknown_contact(self, address: str) -> str | None:
        return self.unknown


NEW = Match(None, "new_ticket", "no reference")
JOINED = Match(7, "references", "In-Reply-To of ticket 7", via_participant=True)


def facts(match: Match = NEW, **kw: Any) -> Facts:
    now = datetime(2026, 12, 1, tzinfo=UTC)
    return Facts(Verdict("human", "default"), match, now, sender="x@acme.test", **kw)


def test_the_hold_rule_holds_only_new_mail_and_a_person_releases_it() -> None:
    why = unknown_may_not_open(
        Standing("x@acme.test", OrganizationFacts(1, "Acme", unknown_may_open=False), UNKNOWN)
    )
    held = decide(facts(), NoDatabase(why))
    assert (held.action, held.rule, held.reason) == (Action.HOLD, "held_unknown_contact", why)
    assert "held_unknown_contact" in DESCRIPTIONS
    # A reply to a ticket joins it; an agent's acceptance opens a ticket.
    assert decide(facts(match=JOINED), NoDatabase(why)).action == Action.JOIN
    assert decide(facts(reviewed=True), NoDatabase(why)).action == Action.OPEN
