"""A writer whose From field gives only an address: the name they sign with is read
against what the address's handle spells — the family name alone ("svobodova@…"
signing "Jana Svobodová"), or the given name's initial and the family name
("bkowalczyk58@…" signing "Barb" under "Thank you,").  An initial alone says little,
so a single word is the writer's name only right under a closing or a thanks; a word
the writer gives (a list of names, a module, a place) stays."""

from __future__ import annotations

import pytest

from mailgate.parse.reader import parse_message
from mailgate.parse.signoff import signed_by_handle, writer_name
from tests.support.client_mail import PROGRAMS, mail, quoted, words

# (address, the client's text, what must stay of it, the name that goes)
SIGNED = [
    (
        "bkowalczyk58@yahoo.example",
        "It still says my session expired, on the iPad and on the library's computer.\n\n"
        "Thank you,\nBarb\n\nSent from Yahoo Mail for iPhone",
        "It still says my session expired, on the iPad and on the library's computer.",
        "Barb",
    ),
    (
        "msorensen@prairiepak.example",
        "The courier can use the north gate after 3 pm, the code is 4471.\n\nThanks,\nMike",
        "The courier can use the north gate after 3 pm, the code is 4471.",
        "Mike",
    ),
    (
        "pfernandez@gestoria.example",
        "La factura de mayo sigue sin llegar, ¿podéis reenviarla?\n\nGracias,\nPili",
        "La factura de mayo sigue sin llegar, ¿podéis reenviarla?",
        "Pili",
    ),
    (
        "svobodova@textil.example",
        "Objednávka 20417 stále nedorazila, prosím o kontrolu.\n\nDěkuji\nJana Svobodová",
        "Objednávka 20417 stále nedorazila, prosím o kontrolu.",
        "Svobodová",
    ),
    (
        "kowalski_jan@firma.example",
        "Faktura nadal ma zły NIP, proszę o korektę.\n\nPozdrawiam\n\nJan Kowalski",
        "Faktura nadal ma zły NIP, proszę o korektę.",
        "Kowalski",
    ),
    (
        "tnguyen84@mail.example",
        "The label printer in bay 3 jams after every tenth label.\n\nBest regards,\nThanh",
        "The label printer in bay 3 jams after every tenth label.",
        "Thanh",
    ),
    (
        "hmueller@praxis.example",
        "Der Drucker im Empfang druckt wieder doppelt.\n\nViele Grüße\n\nHeike",
        "Der Drucker im Empfang druckt wieder doppelt.",
        "Heike",
    ),
]

# (address, the client's text): every word stays.
KEPT = [
    # The writer's own list of names, two of them with the handle's initial.
    (
        "bkowalczyk58@yahoo.example",
        "Please add these users to the account:\n\nBrian\nBeth",
    ),
    # A word that ends the writer's sentence on a line of its own.
    ("bkowalczyk58@yahoo.example", "The error appears in the module called\nBilling"),
    ("bkowalczyk58@yahoo.example", "Which browser? The one I use is\n\nBrave"),
    # A word alone under the text, not under a closing.
    ("lmitchell@law.example", "The hearing was moved, the new venue is below.\n\nLondon"),
    # A name that is not the handle's, under a thanks.
    ("msorensen@prairiepak.example", "The parcel arrived, the driver was\n\nThanks,\nTom"),
]


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize(("address", "text", "kept", "name"), SIGNED)
def test_the_name_an_address_spells_in_part_goes(
    address: str, text: str, kept: str, name: str, program: str
) -> None:
    raw = mail(f"{text}\n\n{quoted('gmail')}", address, program)
    got = parse_message(raw).reply_text
    assert words(kept) == words(got)[: len(words(kept))]
    assert name not in got


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize(("address", "text"), KEPT)
def test_the_writers_words_stay(address: str, text: str, program: str) -> None:
    raw = mail(f"{text}\n\n{quoted('gmail')}", address, program)
    assert words(parse_message(raw).reply_text) == words(text)


@pytest.mark.parametrize(
    ("address", "lines", "name"),
    [
        ("bkowalczyk58@yahoo.example", ["Thank you,", "Barb"], "Barb Kowalczyk"),
        ("bkowalczyk58@yahoo.example", ["Thank you,", "", "Barb"], "Barb Kowalczyk"),
        ("svobodova@textil.example", ["Text.", "", "Jana Svobodová"], "Jana Svobodová"),
        # Not under a closing: an initial alone says nothing.
        ("bkowalczyk58@yahoo.example", ["Text.", "", "Barb"], "Bkowalczyk"),
        # Two names the handle could spell: neither is taken.
        ("bkowalczyk58@yahoo.example", ["Thanks,", "Barb", "Thanks,", "Bea"], "Bkowalczyk"),
        # A name of words (an address that spells given and family name): unchanged.
        ("margaret.quinn@bakery.example", ["Thanks,", "Mags"], "Margaret Quinn"),
        # The handle is the signed word itself: nothing to add.
        ("mike@client.example", ["Thanks,", "Mike"], "Mike"),
        # A family name of three letters after the initial is read by is_own_name.
        ("jdoe@client.example", ["Thanks,", "Jane"], "Jdoe"),
    ],
)
def test_signed_by_handle(address: str, lines: list[str], name: str) -> None:
    assert signed_by_handle(writer_name("", address), lines) == name


def test_a_name_the_from_field_gives_is_not_read_against_a_handle() -> None:
    # "Barbara" is the From field's name: "Ben" under the thanks is someone else's.
    text = "The printer works again.\n\nThanks,\nBen"
    raw = mail(f"{text}\n\n{quoted('gmail')}", "Barbara <bkeane@aol.example>")
    assert "Ben" in parse_message(raw).reply_text
