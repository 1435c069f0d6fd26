"""Hard-wrapped quotes in the languages the first wrap grids leave out (Indonesian,
Vietnamese, Turkish, Hungarian, Czech, Greek, Romanian, Finnish, Hebrew, Arabic), over a
grid: each language's attribution above the support's message quoted with each mark
programs write ("> ", ">" without a space, ">> ", "> > "), its lines wrapped after the
marks were added at 72, 76, 78 and 80 columns — at the last space, or at a hyphen too as
some wrappers break — so that their continuations lost the marks; the client's text above
the quote, under it, or between its paragraphs.

Beside the grid: quoted sentences whose continuation opens with a quotation mark or a
bracket ("„Drucker-Treiber“ …", « depuis le bac 2 ») and goes on over filled lines to the
sentence's end with the client's answer typed right under it; and the client's lines
under a quote that must stay — a line alone under a quoted sentence that reaches the
column, an answer in quotation marks, a capital first.
"""

from __future__ import annotations

import textwrap

import pytest

from mailgate.parse.quotes import reply_text
from tests.support.cost import assert_grows_linearly
from tests.support.wrap_languages import ANSWERS, WRAPPED_ORIGINAL

SENDER = "Anna Schmidt <anna@helpdesk.example>"

# The client's text and the attribution of the language's most common program.
CLIENT = {
    "id": ("Terima kasih, printernya sudah berfungsi lagi.",
           f"Pada Sen, 2 Jun 2025 pukul 10.04 {SENDER} menulis:"),
    "vi": ("Cảm ơn, máy in đã hoạt động lại.",
           f"Vào Th 2, 2 thg 6, 2025 vào lúc 10:04 {SENDER} đã viết:"),
    "tr": ("Teşekkürler, yazıcı yeniden çalışıyor.",
           f"{SENDER}, 2 Haz 2025 Pzt, 10:04 tarihinde şunu yazdı:"),
    "hu": ("Köszönöm, a nyomtató újra működik.",
           f"{SENDER} ezt írta (időpont: 2025. jún. 2., H, 10:04):"),
    "cs": ("Děkuji, tiskárna zase funguje.",
           f"po 2. 6. 2025 v 10:04 odesílatel {SENDER} napsal:"),
    "el": ("Ευχαριστώ, ο εκτυπωτής λειτουργεί ξανά.",
           f"Στις Δευ 2 Ιουν 2025 στις 10:04, ο/η {SENDER} έγραψε:"),
    "ro": ("Mulțumesc, imprimanta funcționează din nou.",
           f"Pe lun., 2 iun. 2025, 10:04, {SENDER} a scris:"),
    "fi": ("Kiitos, tulostin toimii taas.",
           f"ma 2. kesäk. 2025 klo 10.04 {SENDER} kirjoitti:"),
    "he": ("תודה, המדפסת עובדת שוב.", f"ב-2 ביוני 2025, בשעה 10:04, {SENDER} כתב/ה:"),
    "ar": ("شكراً، الطابعة تعمل من جديد.",
           f"في الاثنين، 2 يونيو 2025 في 10:04 ص، كتب {SENDER}:"),
}  # fmt: skip
MARKS = ("> ", ">", ">> ", "> > ")
WIDTHS = (72, 76, 78, 80)


def wrap(line: str, width: int, hyphens: bool) -> list[str]:
    """``line`` wrapped at ``width`` as a program wraps text after adding the marks: at
    the last space before the width, or (``hyphens``) after a hyphen too."""
    if len(line) <= width:
        return [line]
    return textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=hyphens)


def quote(paragraphs: list[str], mark: str, width: int, hyphens: bool) -> list[str]:
    """The paragraphs quoted with ``mark`` (one long line each, a quoted blank line
    between), then wrapped."""
    out: list[str] = []
    for k, para in enumerate(paragraphs):
        if k:
            out.append(mark.rstrip())
        out += wrap(f"{mark}{para}", width, hyphens)
    return out


def layouts(code: str, mark: str, width: int, hyphens: bool) -> list[tuple[str, str]]:
    """(mail text, the client's words) with the client's text above the quote, under it,
    and answering between its paragraphs."""
    text, attribution = CLIENT[code]
    head = wrap(attribution, width, hyphens=False)
    first, second = WRAPPED_ORIGINAL[code]
    whole = quote([first, second], mark, width, hyphens)
    return [
        ("\n".join([text, "", *head, *whole, ""]), text),
        ("\n".join([*head, *whole, "", text, ""]), text),
        (
            "\n".join(
                [
                    *head,
                    *quote([first], mark, width, hyphens),
                    "",
                    ANSWERS[code],
                    "",
                    *quote([second], mark, width, hyphens),
                    "",
                    text,
                    "",
                ]
            ),
            f"{ANSWERS[code]} {text}",
        ),
    ]


GRID = [(code, mark) for code in CLIENT for mark in MARKS]


@pytest.mark.parametrize(("code", "mark"), GRID, ids=[f"{c}-{m.strip()}" for c, m in GRID])
def test_a_quote_wrapped_after_its_marks_goes_and_the_clients_words_stay(
    code: str, mark: str
) -> None:
    missed = []
    for width in WIDTHS:
        for hyphens in (False, True):
            for body, expected in layouts(code, mark, width, hyphens):
                got = reply_text(body)
                if got.split() != expected.split():
                    missed.append(f"{body}\n---> {got!r}")
    assert not missed, f"{len(missed)} missed\n\n" + "\n\n".join(missed[:3])


# Quoted sentences whose continuation opens with a quotation mark or a bracket.
OPENING = [
    "The technician said the error appears when you print on both sides of the paper "
    '"from the tray 2" and only with the driver version 7.3.1 or older, as far as we know.',
    "Le technicien a constaté que l'erreur apparaît lorsque vous imprimez en recto verso "
    "« depuis le bac 2 » et seulement avec le pilote 7.3.1 ou plus ancien, à notre connaissance.",
    "Please send us the serial number of the printer on the second floor of the building "
    "(see the sticker on the back) and the firmware version shown on its display, thank you.",
    "Bitte schicken Sie uns die Seriennummer des Druckers im zweiten Stock des Gebäudes "
    "„siehe Aufkleber auf der Rückseite“ und die Firmware-Version, die das Display anzeigt.",
]
OPENING_MARKS = '"“„«('
ATTRIBUTION = f"On Mon, 2 Jun 2025 at 10:04, {SENDER} wrote:"
NEW = "Thanks, it works again."


@pytest.mark.parametrize("sentence", OPENING)
def test_a_wrapped_sentence_that_goes_on_in_quotation_marks_goes(sentence: str) -> None:
    """… above the client's words, a line below them, or right under them."""
    for width in WIDTHS:
        for mark in ("> ", ">"):
            lines = wrap(f"{mark}{sentence}", width, hyphens=False)
            bodies = [
                "\n".join([NEW, "", ATTRIBUTION, *lines]),
                "\n".join([ATTRIBUTION, *lines, "", NEW]),
            ]
            if lines[1].lstrip(OPENING_MARKS)[:1].islower():
                # Right under the client's words only when the continuation shows itself
                # by its lower case: "Gebäudes …", a German noun, may begin the client's.
                bodies.append("\n".join([ATTRIBUTION, *lines, NEW]))
            for body in bodies:
                got = reply_text(body)
                assert got.split() == NEW.split(), f"{body}\n---> {got!r}"


# The client's lines right under a quoted sentence that reaches the column: a line alone,
# an answer in quotation marks, a sentence with a capital first.
UNDER = [
    "Yes.",
    '"Tray 2" is the only one we use, and it still jams.',
    "Done, the sticker says 4521-AB.",
    "« Bac 2 » : oui, toujours.",
]


@pytest.mark.parametrize("answer", UNDER)
def test_the_clients_line_under_a_quoted_sentence_stays(answer: str) -> None:
    quoted = "> We checked the logs of the print server and found the cause of the error."
    for width in WIDTHS:
        body = "\n".join(
            [
                ATTRIBUTION,
                *wrap(f"> {OPENING[2]}", width, hyphens=False),
                ">",
                quoted,
                answer,
                "",
                NEW,
            ]
        )
        got = reply_text(body)
        expected = f"{answer} {NEW}"
        assert got.split() == expected.split(), f"{body}\n---> {got!r}"


def test_sentence_tails_cost_linear_time() -> None:
    """Thousands of quoted sentences at the column, each with a filled paragraph under it,
    and one long paragraph of thousands of lines under a quoted line: each is read once."""
    first = WRAPPED_ORIGINAL["id"][0]

    def make(n: int) -> str:
        piece = [*wrap(f"> {first}", 76, hyphens=False), ""]
        filler = ["word " * 15] * n
        return "\n".join([NEW, "", ATTRIBUTION, *piece * n, f"> {first}", *filler])

    got = assert_grows_linearly(make, reply_text, 2000)
    assert got.startswith(NEW)
