"""A person's words inside a service's notification (mailgate/parse/wrappers.py): which
mail is a service's, and what of its text is the person's."""

from __future__ import annotations

import pytest

from mailgate.parse.footers import postal_line
from mailgate.parse.quotes import reply_text
from mailgate.parse.reader import parse_message
from mailgate.parse.wrappers import enclosed_message, from_a_service


def lines(text: str) -> list[str]:
    return text.split("\n")


def test_a_service_is_known_by_its_header_never_by_its_words() -> None:
    assert from_a_service([], "no-reply@shop.example", [])
    assert from_a_service([], "notifications@tasks.example", [])
    assert from_a_service([], "scanner@office.example", [])
    # A reply address made for the conversation, or an automatic message for a person.
    assert from_a_service([], "hello@market.example", ["9f3c1a7b2e44@members.market.example"])
    assert from_a_service([], "team@chat.example", ["reply+x8k2m4q9z1w7@chat.example"])
    assert from_a_service(
        [("auto-submitted", "auto-generated")], "sign@esign.example", ["ana@client.example"]
    )
    assert from_a_service([], "4417092231-b7e2c9.aa01@guest.stay.example", [])
    # A person: their own address, a Reply-To of their own, a QQ number.
    assert not from_a_service([], "ana@client.example", [])
    assert not from_a_service([], "ana@client.example", ["ana.work@client.example"])
    assert not from_a_service([], "ana@client.example", ["ana.smith1985@client.example"])
    assert not from_a_service([], "1234567890@qq.example", [])
    # A list's mail is read by the list's own rules.
    assert not from_a_service([("list-id", "<users.list.example>")], "noreply@list.example", [])


def test_the_message_between_the_services_head_and_its_notes() -> None:
    text = lines(
        "Olga Petrova sent you a document to sign\n"
        "\n"
        "Review and sign: https://esign.example/s/8a7f\n"
        "\n"
        "Olga Petrova\n"
        "olga@client.example\n"
        "\n"
        "Hello team,\n"
        "\n"
        "Here is the renewed contract with the two extra seats we agreed on. Please sign it\n"
        "by Friday so that the new seats are active on Monday.\n"
        "\n"
        "Do not forward this email\n"
        "Anyone who has this email can sign the document in your name. Please keep it\n"
        "to yourself and contact the sender with any question about it.\n"
        "\n"
        "About eSign\n"
        "Sign documents in minutes, from anywhere, on any device you happen to have.\n"
        "\n"
        "© 2026 eSign Ltd. All rights reserved."
    )
    assert enclosed_message(text, "Olga Petrova via eSign") == lines(
        "Hello team,\n"
        "\n"
        "Here is the renewed contract with the two extra seats we agreed on. Please sign it\n"
        "by Friday so that the new seats are active on Monday."
    )


def test_a_message_under_an_item_and_over_a_reply_link() -> None:
    text = lines(
        "Hi, greenhouse_store!\n"
        "\n"
        "lena_k sent you a message about:\n"
        "Oak shelf, 80 cm · 45,00 €\n"
        "\n"
        "Hello, the shelf arrived but two of the brackets are missing. Could you send them?\n"
        "\n"
        "Reply: https://market.example/inbox/77120\n"
        "\n"
        "Stay safe: never pay outside the market and never share your password with anyone."
    )
    assert enclosed_message(text) == [
        "Hello, the shelf arrived but two of the brackets are missing. Could you send them?"
    ]


def test_a_forms_message_is_its_longest_free_text_field() -> None:
    text = lines(
        "New form submission\n"
        "\n"
        "Name: Tomasz Wrona\n"
        "E-mail: tomasz@client.example\n"
        "Phone: +48 555 010 203\n"
        "Message: Good morning,\n"
        "\n"
        "since the update the label printer in our warehouse prints every label twice.\n"
        "Could someone call us tomorrow before noon?\n"
        "How did you find us?: A colleague\n"
        "\n"
        "View submission: https://forms.example/s/1209"
    )
    assert enclosed_message(text) == lines(
        "Good morning,\n"
        "\n"
        "since the update the label printer in our warehouse prints every label twice.\n"
        "Could someone call us tomorrow before noon?"
    )


_WRAPPED_FORM = (
    "New form submission\n"
    "\n"
    "{name}: Tomasz Wrona\n"
    "{mail}: tomasz@client.example\n"
    "{message}: Good morning,\n"
    "\n"
    "since the update the label printer in our warehouse prints every\n"
    "label twice and the courier rejects half of the parcels as already\n"
    "scanned: the second label carries the same number as the first one\n"
    "and the depot's scanner refuses it.\n"
    "Could someone call us tomorrow before noon?\n"
    "{found}: A colleague\n"
    "\n"
    "View submission:\n"
    "https://forms.example/s/1209"
)


@pytest.mark.parametrize(
    ("name", "mail", "message", "found"),
    [
        ("Name", "E-mail", "Message", "How did you find us?"),
        ("name", "email", "message", "how did you find us?"),  # a form of lower-case labels
    ],
)
def test_a_forms_message_wrapped_where_a_word_has_a_colon(
    name: str, mail: str, message: str, found: str
) -> None:
    """A line of the message that a program wrapped after a word with a colon
    ("scanned: the second label …") is the sentence running on, not another field."""
    text = lines(_WRAPPED_FORM.format(name=name, mail=mail, message=message, found=found))
    got = enclosed_message(text)
    assert got is not None
    assert got[0] == "Good morning,"
    assert "scanned: the second label carries the same number as the first one" in got
    assert got[-1] == "Could someone call us tomorrow before noon?"
    assert not any("A colleague" in line for line in got)


def test_a_field_under_a_sentence_that_ended_is_a_field() -> None:
    """A field under a full sentence, or under a short line, starts a field as before."""
    text = lines(
        "Someone filled in the contact form on the page Support.\n"
        "name: Tomasz Wrona\n"
        "email: tomasz@client.example\n"
        "message: Good morning, the label printer in our warehouse prints every label"
        " twice. Could someone call us tomorrow before noon?\n"
        "phone: +48 555 010 203"
    )
    assert enclosed_message(text) == [
        "Good morning, the label printer in our warehouse prints every label twice."
        " Could someone call us tomorrow before noon?"
    ]


def test_text_without_the_services_blocks_is_left_alone() -> None:
    text = lines(
        "Hi,\n\nthe invoice for March shows 18 seats but we have 14.\nCan you correct it?\n\nAnna"
    )
    assert enclosed_message(text) == text
    # Links and fields inside a person's sentences are the person's.
    text = lines(
        "Hi,\n\nthe export at https://app.example/export fails since Monday.\n"
        "Error: timeout after 30 s. Could you look at it today?"
    )
    assert enclosed_message(text) == text


def test_a_persons_mail_is_never_cut_as_a_services() -> None:
    # The same layout from a person's own address: not a service's, nothing goes but
    # what a reply always loses.
    body = (
        "Olga Petrova sent you a document to sign\n\n"
        "Review and sign: https://esign.example/s/8a7f\n\n"
        "Hello team, the contract is attached. Please sign it by Friday.\n"
    )
    raw = (
        "From: Olga Petrova <olga@client.example>\r\nTo: support@helpdesk.example\r\n"
        "Subject: Contract\r\nMessage-ID: <c1@client.example>\r\n\r\n" + body.replace("\n", "\r\n")
    ).encode()
    assert "sent you a document" in parse_message(raw).reply_text
    assert "sent you a document" in reply_text(body)
    assert "sent you a document" not in reply_text(body, wrapped=True)


def test_a_notification_from_a_service_reads_as_the_persons_words() -> None:
    body = (
        "Jonas Berg commented on a task\r\n\r\n"
        "Warehouse > Scanners > Dock 3\r\n\r\n"
        "Jonas Berg:\r\n"
        "The scanner at dock 3 drops its connection every hour. Can you replace it?\r\n\r\n"
        "Replies to this email are added as comments.\r\n"
        "Open task: https://tasks.example/t/5531\r\n"
    )
    raw = (
        "From: Jonas Berg <notifications@tasks.example>\r\n"
        "Reply-To: reply+7hq2k9x4m1z8@tasks.example\r\nTo: support@helpdesk.example\r\n"
        "Subject: Dock 3 scanner\r\nMessage-ID: <t1@tasks.example>\r\n\r\n" + body
    ).encode()
    assert parse_message(raw).reply_text == (
        "The scanner at dock 3 drops its connection every hour. Can you replace it?"
    )


@pytest.mark.parametrize(
    ("line", "postal"),
    [
        ("TaskNest Inc., 350 Example Avenue, Suite 4, San Diego, CA 92101, USA", True),
        ("Acme GmbH · Beispielstraße 12 · 10115 Berlin", True),
        ("Kassa BV, Keizersgracht 1, 1012 AB Amsterdam", True),
        ("Order 4521, size M, blue", False),
        ("Invoice 2024, paid in full, thanks", False),
        ("Room 1204, floor 3, building B", False),
    ],
)
def test_a_postal_line_has_its_code_beside_its_town(line: str, postal: bool) -> None:
    """A company's address under a service's mail, not a client's list of numbers."""
    assert postal_line(line) is postal


def test_fields_one_under_the_other_under_a_message_without_a_full_stop() -> None:
    """A lower-case field under a message that ends without a full stop is a field when
    another field follows it: the form's fields stand one under the other."""
    text = lines(
        "New form submission\n"
        "\n"
        "name: Tomasz Wrona\n"
        "email: tomasz@client.example\n"
        "message: Good morning,\n"
        "\n"
        "since the update the label printer in our warehouse prints every\n"
        "label twice and the courier rejects half of the parcels as already\n"
        "scanned and nobody here knows how to stop it before the next order\n"
        "phone: +48 601 234 567\n"
        "company: Wrona Logistics\n"
        "\n"
        "View submission:\n"
        "https://forms.example/s/1209"
    )
    got = enclosed_message(text)
    assert got is not None
    assert got[-1] == "scanned and nobody here knows how to stop it before the next order"
    assert not any("601 234 567" in line for line in got)
