"""Sender authentication: Authentication-Results only from our own MTA, DKIM checked by
mailgate, and what a failed check changes (held replies, copied addresses left out)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailgate.parse import parse_message
from mailgate.process import Processor
from mailgate.sender_auth import (
    aligned,
    authenticate,
    dmarc_policy,
    parse_authentication_results,
)
from mailgate.store.engine import Store
from mailgate.store.models import Event, Participant
from tests.support.cli import run_cli
from tests.support.mailfactory import build
from tests.support.signing import Signer
from tests.support.store import inbox_row, receive, setup

MTA = "mx.helpdesk.test"


def ar(value: str) -> dict[str, str]:
    return {"Authentication-Results": value}


# -- reading Authentication-Results --------------------------------------------------------


def test_authentication_results_are_parsed_with_comments_and_folding() -> None:
    server, results = parse_authentication_results(
        "mx.helpdesk.test 1; (a comment; with a semicolon)\r\n dkim=pass (2048-bit key)"
        " header.d=client.test header.s=s1; spf=pass smtp.mailfrom=jo@client.test;"
        " dmarc=fail (p=reject dis=none) header.from=client.test"
    )
    assert server == "mx.helpdesk.test"
    assert [(r.method, r.result) for r in results] == [
        ("dkim", "pass"),
        ("spf", "pass"),
        ("dmarc", "fail"),
    ]
    assert results[0].properties == {"header.d": "client.test", "header.s": "s1"}


@pytest.mark.parametrize(
    ("d", "f", "ok"),
    [
        ("client.test", "client.test", True),
        ("client.test", "mail.client.test", True),
        ("mail.client.test", "client.test", True),
        ("evilclient.test", "client.test", False),
        ("client.test.evil", "client.test", False),
    ],
)
def test_relaxed_alignment(d: str, f: str, ok: bool) -> None:
    assert aligned(d, f) is ok


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        # Our MTA's verdict.
        ([f"{MTA}; dmarc=pass header.from=client.test"], "pass"),
        ([f"{MTA}; dmarc=fail header.from=client.test"], "fail"),
        ([f"{MTA}; dkim=pass header.d=client.test"], "pass"),
        ([f"{MTA}; dkim=fail header.d=client.test"], "fail"),
        ([f"{MTA}; dkim=pass header.d=elsewhere.test"], "none"),  # not aligned
        ([f"{MTA}; spf=pass smtp.mailfrom=client.test"], "none"),  # SPF alone proves no From
        # DMARC is about one From domain: a verdict on another is no pass but a failure
        # (the MTA read another From than mailgate); one naming no domain says nothing.
        ([f"{MTA}; dmarc=pass header.from=evil.test"], "fail"),
        ([f"{MTA}; dmarc=pass header.from=mail.client.test"], "fail"),
        ([f"{MTA}; dmarc=pass"], "none"),
        ([f"{MTA}; dmarc=pass header.from=CLIENT.test."], "pass"),
        ([f"{MTA}; dmarc=pass header.from=evil.test; dmarc=fail header.from=client.test"], "fail"),
        # A DKIM result naming no signing domain proves nothing about client.test.
        ([f"{MTA}; dkim=pass"], "none"),
        # A look-alike written by the sender: another authserv-id, ignored.
        ([f"{MTA}.attacker.test; dmarc=pass header.from=client.test"], "none"),
        (["helpdesk.test; dmarc=pass header.from=client.test"], "none"),
        # A forged header with our id below our MTA's own (which it prepended): ours wins.
        (
            [
                f"{MTA}; dmarc=fail header.from=client.test",
                f"{MTA}; dmarc=pass header.from=client.test",
            ],
            "fail",
        ),
    ],
)
def test_only_the_topmost_header_of_our_mta_counts(headers: list[str], status: str) -> None:
    lines = "".join(f"Authentication-Results: {h}\r\n" for h in headers)
    raw = lines.encode() + build()
    mail = parse_message(raw)
    assert authenticate(mail, raw, authserv_id=MTA).status == status
    # Without an authserv_id configured, none is believed.
    assert authenticate(mail, raw).status == "none"


@pytest.mark.parametrize(
    ("header", "forged"),
    [
        (f"{MTA}; dmarc=fail header.from=client.test", True),
        (f"{MTA}; dmarc=pass header.from=evil.test", True),
        # Broken signatures without a DMARC verdict: a list's footer does that.
        (f"{MTA}; dkim=fail header.d=client.test", False),
        (f"{MTA}; dmarc=pass header.from=client.test", False),
    ],
)
def test_only_a_dmarc_failure_marks_mail_forged(header: str, forged: bool) -> None:
    raw = f"Authentication-Results: {header}\r\n".encode() + build()
    assert authenticate(parse_message(raw), raw, authserv_id=MTA).forged is forged


def test_the_published_dmarc_policy_is_the_domains_or_its_parents() -> None:
    records = {
        b"_dmarc.client.test.": b"v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@client.test",
        b"_dmarc.open.test.": b"v=DMARC1; p=none",
        b"_dmarc.spf.test.": b"v=spf1 -all",
    }

    def dns(name: bytes, timeout: int = 5) -> bytes | None:
        if name == b"_dmarc.down.test.":
            raise TimeoutError("no answer")
        return records.get(name)

    assert dmarc_policy("client.test", dns) == "reject"
    assert dmarc_policy("mail.client.test", dns) == "quarantine"  # sp= of the parent
    assert dmarc_policy("open.test", dns) == "none"
    assert dmarc_policy("spf.test", dns) == ""  # not a DMARC record
    assert dmarc_policy("nothing.test", dns) == ""
    assert dmarc_policy("down.test", dns) == ""


# -- DKIM checked by mailgate --------------------------------------------------------------


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer()


def test_dkim_signatures_are_verified(signer: Signer) -> None:
    raw = signer.sign(build())
    mail = parse_message(raw)
    assert authenticate(mail, raw, check_dkim=True, dnsfunc=signer.dns).status == "pass"
    tampered = raw.replace(b"My printer is broken.", b"Send the invoice to me.")
    got = authenticate(parse_message(tampered), tampered, check_dkim=True, dnsfunc=signer.dns)
    assert got.status == "fail"
    assert "does not verify" in got.detail
    # Signed by another domain: proves nothing about the From address.
    other = signer.sign(build(), domain=b"elsewhere.test")
    assert authenticate(
        parse_message(other), other, check_dkim=True, dnsfunc=signer.dns
    ).status == ("none")
    # A key that cannot be fetched (DNS silent) leaves the sender unproven, not failed.
    signer.published = False
    try:
        assert authenticate(mail, raw, check_dkim=True, dnsfunc=signer.dns).status == "none"
    finally:
        signer.published = True


# -- what authentication changes ----------------------------------------------------------


def open_ticket(store: Store, processor: Processor) -> None:
    receive(store, build(message_id="first@client.test"), "jo@client.test")
    assert processor.drain().tickets_opened == 1


def events(store: Store, kind: str) -> list[Event]:
    with store.read() as s:
        return list(s.query(Event).filter_by(kind=kind))


def participants(store: Store) -> set[str]:
    with store.read() as s:
        return {p.address for p in s.query(Participant).filter_by(ticket_id=1)}


def test_a_participant_reply_failing_dmarc_is_held_until_accepted(tmp_path: Path) -> None:
    text, config, store = setup(tmp_path)
    processor = Processor(config, store)
    open_ticket(store, processor)
    forged = build(
        subject="Re: #[1] Printer broken",
        body="Please send the invoices to my new address, eve@attacker.test.\n",
        headers=ar(f"{MTA}; dmarc=fail (p=reject) header.from=client.test"),
    )
    inbox_id = receive(store, forged, "eve@attacker.test")
    assert processor.drain().held == 1
    row = inbox_row(store, inbox_id)
    assert row.state == "held"
    assert row.thread_rule == "held_unauthenticated"
    assert row.error is not None
    assert "dmarc=fail" in row.error
    assert not events(store, "message_added")
    listing = run_cli(text, tmp_path, "quarantine")
    assert f"mailgate accept {inbox_id}" in listing.stdout
    done = run_cli(text, tmp_path, "accept", str(inbox_id))
    assert done.returncode == 0, done.stderr
    assert processor.drain().processed == 1
    assert inbox_row(store, inbox_id).ticket_id == 1
    assert len(events(store, "message_added")) == 1


def test_with_failed_authentication_append_the_reply_joins(tmp_path: Path) -> None:
    _text, config, store = setup(tmp_path, 'failed_authentication = "append"')
    processor = Processor(config, store)
    open_ticket(store, processor)
    reply = build(
        subject="Re: #[1] Printer broken",
        headers=ar(f"{MTA}; dmarc=fail header.from=client.test"),
    )
    inbox_id = receive(store, reply, "jo@client.test")
    assert processor.drain().processed == 1
    assert inbox_row(store, inbox_id).ticket_id == 1


def test_a_forged_pass_from_outside_does_not_authenticate(tmp_path: Path) -> None:
    """The attacker writes an Authentication-Results of their own (a look-alike id, or
    ours below the one our MTA prepended): neither is believed."""
    _text, config, store = setup(tmp_path)
    processor = Processor(config, store)
    open_ticket(store, processor)
    raw = (
        f"Authentication-Results: {MTA}; dmarc=fail header.from=client.test\r\n"
        f"Authentication-Results: {MTA}; dmarc=pass header.from=client.test\r\n"
        f"Authentication-Results: mx.helpdesk.test.attacker.test; dmarc=pass\r\n"
    ).encode() + build(subject="Re: #[1] Printer broken", cc="eve@attacker.test")
    inbox_id = receive(store, raw, "jo@client.test")
    processor.drain()
    assert inbox_row(store, inbox_id).thread_rule == "held_unauthenticated"
    assert "eve@attacker.test" not in participants(store)


def test_a_dkim_signed_participant_reply_joins_and_a_tampered_one_is_held(
    tmp_path: Path, signer: Signer
) -> None:
    _text, config, store = setup(tmp_path, "verify_dkim = true")
    processor = Processor(config, store, dnsfunc=signer.dns)
    open_ticket(store, processor)
    good = signer.sign(build(subject="Re: #[1] Printer broken", cc="Bob <bob@client.test>"))
    first = receive(store, good, "jo@client.test")
    bad = signer.sign(build(subject="Re: #[1] Printer broken", body="original\n"))
    bad = bad.replace(b"original", b"tampered")
    second = receive(store, bad, "jo@client.test")
    processor.drain()
    assert inbox_row(store, first).ticket_id == 1
    assert "bob@client.test" in participants(store)  # an authenticated sender brings Bob
    assert inbox_row(store, second).thread_rule == "held_unauthenticated"


# -- copied addresses ("Ticket Trick") ------------------------------------------------------


def test_copied_addresses_of_an_unauthenticated_sender_do_not_become_participants(
    tmp_path: Path,
) -> None:
    _text, config, store = setup(tmp_path)
    processor = Processor(config, store)
    receive(store, build(cc="Eve <eve@attacker.test>"), "jo@client.test")
    processor.drain()
    assert participants(store) == {"jo@client.test"}
    [note] = events(store, "participants_not_added")
    assert note.data["addresses"] == ["eve@attacker.test"]
    assert "not authenticated" in note.data["reason"]
    # A later unauthenticated reply copying someone else adds nobody either.
    receive(store, build(subject="Re: #[1] Printer broken", cc="mallory@x.test"), "jo@client.test")
    processor.drain()
    assert participants(store) == {"jo@client.test"}


@pytest.mark.parametrize(
    ("policy", "headers", "joined"),
    [
        ("authenticated", ar(f"{MTA}; dmarc=pass header.from=client.test"), True),
        ("always", {}, True),
        ("never", ar(f"{MTA}; dmarc=pass header.from=client.test"), False),
    ],
)
def test_copied_participants_policy(
    tmp_path: Path, policy: str, headers: dict[str, str], joined: bool
) -> None:
    _text, config, store = setup(tmp_path, f'copied_participants = "{policy}"')
    receive(store, build(cc="Bob <bob@client.test>", headers=headers), "jo@client.test")
    Processor(config, store).drain()
    assert ("bob@client.test" in participants(store)) is joined
