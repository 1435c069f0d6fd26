"""Rules of the day read again: a person's words they took.

- A team's signature under the text ("The Acme IT team") needs the text above to have
  ended its sentence, with a blank line between or not: "We have" / "" / "Enterprise
  Support" is a sentence going on.
- A rule of ornaments above a signature is drawn with lines, boxes, shapes and white
  stars — not with filled stars or emoji, which rate and feel ("★★★★☆", a row of smiles).
- A line naming an author with a verb in the first person ("Maria Lopez replied to my
  ticket") is the person's, full stop or not.
- ``Auto-Submitted: auto-replied`` is an answer a person wrote (an out-of-office): no
  sign that a service sent the mail.
"""

from __future__ import annotations

import pytest

from mailgate.parse.heads import greets, service_headers
from mailgate.parse.quotes import reply_text

KEPT = [
    "We have\n\nEnterprise Support",
    "Our contract covers\n\nPremium Support",
    "I rate your service.\n★★★★☆\nBut the delivery was slow.",
    "Thanks for the fix.\n\n😀😀😀😀😀\nIt works now.",
    "Bewertung:\n★★★★★\nSehr schnelle Hilfe.",
]


@pytest.mark.parametrize("text", KEPT)
def test_kept(text: str) -> None:
    assert reply_text(text, writer="Mary Jones") == text


def test_an_ornament_rule_still_frames_a_signature() -> None:
    text = (
        "よろしくお願いいたします。\n\n☆☆☆☆☆☆☆☆☆☆\nサンプル商事　鈴木\nTEL 03-1234-5678\n☆☆☆☆☆☆☆☆☆☆"
    )
    assert reply_text(text, writer="Ichiro Suzuki") == "よろしくお願いいたします。"


def test_an_author_line_in_the_first_person_stays() -> None:
    text = (
        "Hi team,\n\nMaria Lopez replied to my ticket\n\nbut the printer still jams on "
        "tray 2 every morning.\n\nManage your notifications: https://forum.example/n"
    )
    got = reply_text(text, writer="Jo Smith", notice=True)
    assert "Maria Lopez replied to my ticket" in got


@pytest.mark.parametrize(
    ("value", "service"),
    [
        ("auto-generated", True),
        ("auto-notified", True),
        ("auto-generated; type=notification", True),
        ("auto-replied", False),
        ("no", False),
    ],
)
def test_auto_submitted(value: str, service: bool) -> None:
    headers = [("auto-submitted", value), ("from", "Jo <jo@client.example>")]
    assert service_headers(headers, "jo@client.example") is service


@pytest.mark.parametrize(
    ("line", "greeting"),
    [
        ("Hello Acme Support,", True),
        ("Dear Sir or Madam,", True),
        ("Buenas tardes a todos:", True),
        ("Hey there is a new reply", False),
        ("Hi-fi speakers are back in stock", False),
    ],
)
def test_a_greeting_has_its_mark(line: str, greeting: bool) -> None:
    # One list of greeting words serves the head, the sign-off and the wrappers
    # (quote_words.GREETING_WORDS); a greeting alone on its line ends with its mark.
    assert greets(line) is greeting
