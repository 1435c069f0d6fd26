"""A person's words that the day's newer rules could take for a service's text: each
stays whole. An antivirus maker's name that is also a word ("avg", "panda"), a short
line with a verb of a button ("See you soon") over more of the person's words, a short
line over a time that is no name ("New start time" / "10:30"), an address the person
adds under an order's note with nothing a service records of them."""

from __future__ import annotations

import pytest

from mailgate.parse.quotes import reply_text

QUOTE = "On Mon, 3 Mar 2025 at 10:00, Acme Support <support@acme.example> wrote:\n> Hello"


@pytest.mark.parametrize(
    "text",
    [
        "Hi,\n\nThe avg handling time was checked by QA and it is now 4 minutes.\n"
        "Can you confirm the report is right?",
        "Hi,\n\nThe kids' panda plush was checked by the courier, it arrived torn.\n"
        "Please send a new one.",
        "Hi,\n\nOur norton street office was checked yesterday, the router is fine.\n"
        "The printer is not.",
    ],
)
def test_a_makers_name_that_is_a_word_stays(text: str) -> None:
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


@pytest.mark.parametrize("stamp", ["Scanned by AVG Antivirus.", "Geprüft von Avast."])
def test_the_makers_stamp_still_goes(stamp: str) -> None:
    text = "Hi,\n\nThe invoice is attached."
    assert reply_text(f"{text}\n\n{stamp}\n").rstrip() == text


HEADING = "Megan Ortiz sent you a message\n\n"
SERVICE = "\n\nYou received this because you have an account at Shoply.\n"


def test_a_short_line_over_the_persons_words_is_no_button() -> None:
    words = (
        "Hello, the label printer prints every label twice since the update, can you "
        "check it?\n\nSee you soon\n\nI also attached last week's invoice, its VAT number "
        "is wrong."
    )
    assert reply_text(f"{HEADING}{words}{SERVICE}", (), "", wrapped=True) == words


def test_a_short_line_over_a_time_is_no_name() -> None:
    words = "New start time\n10:30\nPlease tell the drivers before they leave the depot today."
    assert reply_text(f"{HEADING}{words}{SERVICE}", (), "", wrapped=True) == words


def test_an_address_the_person_adds_under_the_note_stays() -> None:
    head = (
        "You have received a new order from Megan Ortiz.\n\n[#1042] (04.06.2025)\n\n"
        "Label rolls 100x150\t4\t36,00 €\nShipping:\tDHL\nTotal:\t41,90 €\n"
    )
    note = "Please leave the parcel at the back door, nobody is at the front desk on Mondays."
    own = "Back door\nHafenstrasse 1\n20095 Hamburg"
    got = reply_text(f"{head}Note:\t{note}\n\n{own}\n", (), "", wrapped=True)
    assert got == f"{note}\n\n{own}"
