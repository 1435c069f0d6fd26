"""A short question under a salutation is the letter, not an afterthought: "Hallo Acme
Support," / "" / "der Drucker … Könnten Sie vorbeikommen?" kept its question and lost
its greeting — the question was taken for a postscript and the salutation above it,
alone in its paragraph and ending with a comma, for a closing.  A question under a
closing is still an afterthought, the closing still goes."""

from __future__ import annotations

import pytest

from mailgate.parse.quotes import reply_text

LETTERS = [
    "Drucker klemmt an Fach 2\n\nHallo Acme Support,\n\nder Drucker im zweiten Stock "
    "klemmt jeden Morgen. Könnten Sie vorbeikommen?",
    "Printer on floor 2\n\nHello Acme Support,\n\nthe printer jams every morning. Could "
    "you come by?",
    "Facture de novembre\n\nBonjour l'équipe support,\n\nla facture de novembre est-elle "
    "disponible ?",
    "Factura\n\nHola equipo de soporte,\n\n¿ya está lista la factura de noviembre?",
    "Invoice\n\nDear Sir or Madam,\n\nis the November invoice ready?",
    "Hi all,\n\nis the VPN down for everyone?",
    "Fattura\n\nBuongiorno a tutti,\n\nla fattura di novembre è pronta?",
    "Drukarka\n\nDzień dobry Państwu,\n\nczy ktoś może przyjść naprawić drukarkę?",
]


@pytest.mark.parametrize("text", LETTERS)
def test_the_salutation_stays(text: str) -> None:
    assert reply_text(text, writer="Jonas Weber") == text


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        (
            "Works now.\n\nBest regards,\nTom\n\nOne more thing: can you check tray 3?",
            "Works now.\n\nOne more thing: can you check tray 3?",
        ),
        (
            "Funktioniert wieder.\n\nViele Grüße\nJonas Weber\n\nP.S. Ist Fach 3 auch betroffen?",
            "Funktioniert wieder.\n\nP.S. Ist Fach 3 auch betroffen?",
        ),
    ],
)
def test_a_question_under_a_closing_is_still_an_afterthought(text: str, reply: str) -> None:
    assert reply_text(text, writer="Jonas Weber") == reply
