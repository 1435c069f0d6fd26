"""A shop's order notification carries the customer's note on its label's line ("Note:
Hello, …"); the order's next block under it — a label and the name, street and town,
a figure or an address among them — is the shop's data, not more of the note. A block
the note announces ("the address is:") is the customer's."""

from __future__ import annotations

import pytest

from mailgate.parse.quotes import reply_text

HEAD = "You have received a new order from Megan Ortiz.\n\n[#1042] (04.06.2025)\n\n"
ROWS = "Label rolls 100x150\t4\t36,00 €\nShipping:\tDHL\nTotal:\t41,90 €\n"
NOTE = "Hello, the label printer prints every label twice. Can someone check the driver?"
BILLING = "Billing address\nMegan Ortiz\nHafenstraße 1\n20095 Hamburg\nmegan@shop.example\n"


@pytest.mark.parametrize(
    "block",
    [
        BILLING,
        "Rechnungsadresse\nMegan Ortiz\nHafenstraße 1\n20095 Hamburg\n",
        "Shipping address\nOrtiz Logistics\nDock 4, Hafenstraße 1\n20095 Hamburg\n"
        "+49 40 555 0100\n",
    ],
)
def test_the_orders_next_block_is_no_part_of_the_note(block: str) -> None:
    text = f"{HEAD}{ROWS}Note:\t{NOTE}\n\n{block}"
    assert reply_text(text, (), "", wrapped=True) == NOTE


def test_an_address_the_note_announces_is_the_customers() -> None:
    note = "Please deliver to our new warehouse from now on, the address is:"
    own = "Ortiz Logistics\nDock 4\n20095 Hamburg"
    text = f"{HEAD}{ROWS}Note:\t{note}\n\n{own}\n\n{BILLING}"
    got = reply_text(text, (), "", wrapped=True)
    assert got.startswith(f"{note}\n\n{own}")


def test_a_second_paragraph_of_the_note_stays() -> None:
    more = "It started after the update on Monday, the firmware is 2.4.1."
    text = f"{HEAD}{ROWS}Note:\t{NOTE}\n\n{more}\n\n{BILLING}"
    got = reply_text(text, (), "", wrapped=True)
    assert got.startswith(f"{NOTE}\n\n{more}")
