"""A footer's line the client quotes inside their own sentence — announced by it ("Your
newsletter's footer reads:") or led into by a verb of saying ("… the footer of your
mails says"), the sentence going on under it in lower case — is the client's text: the
whole of it stays, with what they write above and below. A footer under the text, whose
own lines are not read into and out of so, still goes."""

from __future__ import annotations

import pytest

from mailgate.parse.quotes import reply_text

QUOTE = "On Mon, 3 Mar 2025 at 10:00, Acme Support <support@acme.example> wrote:\n> Hello"

QUOTED = {
    "announced, copyright": (
        "Hello,\n\nyour newsletter's page footer reads:\n"
        "© 2025 Acme Ltd. All rights reserved.\nand the link under it is dead."
    ),
    "says, copyright": (
        "Hello,\n\nthe footer of all your mails says\nCopyright © 2025 Acme GmbH\n"
        "but the company was renamed last year."
    ),
    "announced, unsubscribe": (
        "Hi,\n\nat the bottom of your newsletter it says:\n"
        "Unsubscribe from these emails\nbut clicking it does nothing at all."
    ),
    "german, steht": (
        "Hallo,\n\nin der Fußzeile eurer Mails steht\nCopyright © 2025 Acme GmbH\n"
        "aber die Firma heißt seit letztem Jahr anders."
    ),
    "french, indique": (
        "Bonjour,\n\nle pied de page de vos courriels indique\n"
        "© 2025 Acme SARL. Tous droits réservés.\nmais la société a changé de nom."
    ),
    "spanish, dice": (
        "Hola,\n\nel pie de sus correos todavía dice\nCopyright © 2025 Acme S.L.\n"
        "pero la empresa cambió de nombre en marzo."
    ),
}


@pytest.mark.parametrize("name", sorted(QUOTED))
@pytest.mark.parametrize("signed", ["", "\n\nRegards,\nTom"])
@pytest.mark.parametrize("quoted", [False, True])
def test_a_footer_line_quoted_in_a_sentence_stays(name: str, signed: str, quoted: bool) -> None:
    text = QUOTED[name]
    mail = f"{text}{signed}" + (f"\n\n{QUOTE}\n" if quoted else "\n")
    got = reply_text(mail, (), "Tom Baker")
    assert got.startswith(text)
    assert "Tom" not in got


FOOTERS = {
    "copyright then unsubscribe": (
        "Acme Ltd\n© 2025 Acme Ltd. All rights reserved.\nunsubscribe from these emails here"
    ),
    "unsubscribe then address": (
        "You received this email because you signed up at acme.example.\n"
        "Unsubscribe from these emails\nacme ltd, 1 main street, springfield"
    ),
}


@pytest.mark.parametrize("name", sorted(FOOTERS))
def test_a_footer_under_the_text_still_goes(name: str) -> None:
    text = "Thanks for the update, the invoice is paid."
    assert reply_text(f"{text}\n\n{FOOTERS[name]}\n").rstrip() == text
