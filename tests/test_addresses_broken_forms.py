"""From fields written wrong by web forms and hand-made templates still give their
sender: an address written as a link inside the brackets ("<mailto:jo@x.test>", as an
HTML editor or a template copies it), and an address that lost one angle bracket
("Jo Client jo@x.test>", "<jo@x.test"). What is odd is noted, never dropped."""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message
from mailgate.parse.addresslist import split_mailboxes

FORMS = [
    ('"Jo Client" <mailto:jo@client.test>', "jo@client.test", "Jo Client"),
    ("Jo Client <MAILTO:jo@client.test>", "jo@client.test", "Jo Client"),
    ("<mailto:jo@client.test>", "jo@client.test", ""),
    ("Jo Client <Mailto:Jo.Client@Client.Test>", "Jo.Client@Client.Test", "Jo Client"),
    ("Jo Client jo@client.test>", "jo@client.test", "Jo Client"),
    ("Jo Client <jo@client.test", "jo@client.test", "Jo Client"),
    ("jo@client.test>", "jo@client.test", ""),
    ("<jo@client.test>>", "jo@client.test", ""),
]


@pytest.mark.parametrize(("value", "address", "name"), FORMS)
def test_sender_found(value: str, address: str, name: str) -> None:
    raw = (
        f"From: {value}\r\nTo: support@helpdesk.test\r\nSubject: order\r\n"
        "Message-ID: <1@client.test>\r\n\r\nWhere is my order?\r\n"
    ).encode()
    parsed = parse_message(raw)
    assert parsed.from_ is not None
    assert parsed.from_.address == address
    assert parsed.from_.name == name
    assert parsed.from_source.header == "From"


@pytest.mark.parametrize(
    ("value", "note"),
    [
        ('"Jo" <mailto:jo@client.test>', "an address written as a mailto: link"),
        ("Jo jo@client.test>", "an address with an unpaired angle bracket"),
    ],
)
def test_what_was_odd_is_noted(value: str, note: str) -> None:
    boxes, notes = split_mailboxes(value)
    assert [b.address for b in boxes] == ["jo@client.test"]
    assert note in notes


@pytest.mark.parametrize(
    ("value", "addresses"),
    [
        # A local part that merely starts with "mailto" is an address like any other.
        ("Mailtool <mailtools@client.test>", ["mailtools@client.test"]),
        ("<mailto.desk@client.test>", ["mailto.desk@client.test"]),
        # A scheme and no address: nothing to take it off.
        ("Jo <mailto:>", ["mailto:"]),
        # Well-formed lists keep every mailbox.
        ("Jo <jo@client.test>, Mo <mo@client.test>", ["jo@client.test", "mo@client.test"]),
        ("jo@client.test (Jo Client)", ["jo@client.test"]),
    ],
)
def test_what_stays(value: str, addresses: list[str]) -> None:
    boxes, _notes = split_mailboxes(value)
    assert [b.address for b in boxes] == addresses
