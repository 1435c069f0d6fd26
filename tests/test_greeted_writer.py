"""A writer whose From field gives only an address, answering a helpdesk message that
greets them by name ("Hi Barbara,"): that name, with the family name the address's
handle runs after its initial ("bkeane1958@…" → Barbara Keane), is the one their
sign-off is read against.  Only the history's greeting counts — the writer's own "Hi
Kevin," greets the agent — and a title's greeting ("Dear Ms Keane,") names no given
name."""

from __future__ import annotations

import pytest

from mailgate.parse.reader import parse_message
from mailgate.parse.signoff import greeted_writer, writer_name
from tests.support.client_mail import mail, words


@pytest.mark.parametrize(
    ("address", "history", "name"),
    [
        ("bkeane1958@aol.example", ["Hi Barbara, we reinstalled the driver."], "Barbara Keane"),
        ("bkeane1958@aol.example", ["> Hello Barbara,", ">", "> text"], "Barbara Keane"),
        ("aschmidt@praxis.example", ["> Hallo Anna,"], "Anna Schmidt"),
        ("pfernandez@gestoria.example", ["Hola Pilar:"], "Pilar Fernandez"),
        ("oivanova@mail.example", ["> Здравствуйте, Ольга!"], "Ольга Ivanova"),
        ("kwalsh@firm.example", ["Dear Kevin,"], "Kevin Walsh"),
        # An address that spells no name: the greeted name alone.
        ("a1b2c3@mail.example", ["> Hi Barbara,"], "Barbara"),
        # The first greeting is the helpdesk's.
        ("bkeane1958@aol.example", ["> Hi Barbara,", "> Hi Bob,"], "Barbara Keane"),
    ],
)
def test_the_greeted_name(address: str, history: list[str], name: str) -> None:
    assert greeted_writer(writer_name("", address), history) == name


@pytest.mark.parametrize(
    ("address", "history"),
    [
        # A title's greeting, a team's, no greeting.
        ("bkeane1958@aol.example", ["Dear Ms Keane,"]),
        ("bkeane1958@aol.example", ["Hi ACME team,"]),
        ("sjones@firm.example", ["Dear Sir,"]),
        ("mdupont@firm.example", ["Bonjour Madame,"]),
        ("tgreen@firm.example", ["Hi there,"]),
        ("cpeters@firm.example", ["Dear Customer,"]),
        ("bkeane1958@aol.example", ["> we reinstalled the driver, Barbara."]),
        # The handle spells someone else, or a role.
        ("tgreen@firm.example", ["> Hi Barbara,"]),
        ("office@firm.example", ["> Hi Barbara,"]),
        # The handle is the greeted name already, or spells a whole name.
        ("barbara@firm.example", ["> Hi Barbara,"]),
        ("margaret.quinn@bakery.example", ["> Hi Mags,"]),
    ],
)
def test_no_greeted_name(address: str, history: list[str]) -> None:
    writer = writer_name("", address)
    assert greeted_writer(writer, history) == writer


HISTORY = (
    "On Friday, June 6, 2025, 3:17 PM, Acme Support <support@helpdesk.example> wrote:\n\n"
    "Hi Barbara, we've reinstalled the printer driver remotely. Please print a test "
    "page.\nKevin"
)
TEXT = (
    "Hi Kevin, the printer is printing again, thank you! But now it prints everything "
    "twice. What should I look at?"
)


@pytest.mark.parametrize("program", ["gmail", "outlook", "base64"])
def test_the_greeted_name_goes_from_under_the_text(program: str) -> None:
    raw = mail(
        f"{TEXT}\n\nBarbara\n\nSent from the all new AOL app for iOS\n\n{HISTORY}",
        "bkeane1958@aol.example",
        program,
    )
    got = parse_message(raw).reply_text
    assert words(got) == words(TEXT)


@pytest.mark.parametrize("program", ["gmail", "outlook", "base64"])
def test_the_writers_greeting_of_the_agent_is_no_name_of_theirs(program: str) -> None:
    # The writer's "Hi Kevin," greets the agent, the history greets no one and the
    # address spells no name: "Barbara" under the text is not known as the writer's.
    history = HISTORY.replace("Hi Barbara, ", "")
    text = f"{TEXT}\n\nBarbara"
    raw = mail(f"{text}\n\n{history}", "k7x@aol.example", program)
    assert words(parse_message(raw).reply_text) == words(text)
