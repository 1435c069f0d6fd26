"""Clients' own words that the reader's newer rules took for a footer or a signature:
each stays, whole."""

from __future__ import annotations

import pytest

from mailgate.parse.quotes import reply_text

QUOTE = "On Mon, 3 Mar 2025 at 10:00, Acme Support <support@acme.example> wrote:\n> Hello"

# A code of six and four letters and digits, as licences and vouchers are written: a
# ticket system's reference is one only in its brackets.
CODES = {
    "licence key": "Hi,\n\nMy licence key is below, it stopped working:\n\nAB12CD-EF34",
    "voucher under text": "Hi,\n\nThe voucher code does not work at checkout\nX7K9P2-Q4R8",
    "voucher alone": "Hi,\n\nThe voucher code does not work at checkout:\n\n7W3K2M-R1Q9",
}


@pytest.mark.parametrize("name", sorted(CODES))
def test_a_code_without_brackets_on_the_last_line_stays(name: str) -> None:
    text = CODES[name]
    assert reply_text(text).rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


def test_a_bracketed_ticket_reference_still_goes() -> None:
    text = "Hi,\n\nThe voucher code does not work at checkout."
    assert reply_text(f"{text}\n\n[7W3K2M-R1Q9]\n").rstrip() == text
