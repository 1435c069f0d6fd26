"""Sign-offs and signature blocks read by their structure, in the languages clients write:
each reply text × each closing of its language × each shape of block people and
companies put under it — a name; a name and a title; a company with its legal form;
telephone, mobile and fax lines in the country's format; a street address; a web site
and social links; a one-liner with bars; a logo's placeholder; pronouns; a name in
another script than the From field's; after an RFC 3676 "-- " or not; a mobile footer
under it.  Each must leave the reply text alone, or the reply and a thanks above the
block.  And the last paragraphs a reader must keep: a list of names, an address the
client asks to ship to, a telephone number in a sentence, a short last sentence without
its full stop."""

from __future__ import annotations

import os

import pytest

from mailgate.parse.quotes import reply_text
from tests.support.signoff_grid import BLOCKS, LANGUAGES, Language


def _sign_offs(lang: Language, block: list[str]) -> list[tuple[str, str]]:
    """(what follows the reply, what of it is kept) for each way a closing, a
    delimiter, a thanks and a mobile footer frame ``block``."""
    text = "\n".join(block)
    out: list[tuple[str, str]] = []
    for closing in lang.closings:
        out.append((f"{closing}\n{text}", ""))
        out.append((f"{closing}\n\n{text}", ""))
        out.append((f"{closing}\n{text}\n\n{lang.footer}", ""))
    first = lang.closings[0]
    out.append((f"-- \n{text}", ""))
    out.append((f"{first}\n{lang.name}\n\n-- \n{text}", ""))
    if block != [lang.name]:
        # A thanks is the writer's words: it stays; the block under it goes.
        out.append((f"{lang.thanks}\n{text}", lang.thanks))
        # A name alone under the text is kept (it is how many sign a short message);
        # a block of more is a signature.
        out.append((text, ""))
    return out


def _kept_closing(lang: Language, got: str) -> bool:
    """Whether ``got`` is the reply and a closing written as a sentence ("좋은 하루
    되세요." — have a nice day), the writer's words as much as a formula, with the name
    under it or not (as a thanks and the name are kept)."""
    kept = " ".join(got.split())
    return any(
        kept in (_spaced(lang.body, closing), _spaced(lang.body, closing, lang.name))
        for closing in lang.closings
        if closing.endswith((".", "。", "!", "！"))
    )


def _spaced(*texts: str) -> str:
    return " ".join(" ".join(texts).split())


GRID = [(code, shape) for code in LANGUAGES for shape in BLOCKS]
# Each case reads every STEP-th framing, with and without the From field's name, in
# turn across the shapes: every framing of every language is read, in a few seconds.
# MAILGATE_FULL_GRID=1 reads them all for every shape.
STEP = 1 if os.environ.get("MAILGATE_FULL_GRID") else 8


@pytest.mark.parametrize(("code", "shape"), GRID, ids=[f"{c}-{s}" for c, s in GRID])
def test_a_signature_block_goes_whatever_its_language_and_shape(code: str, shape: str) -> None:
    lang = LANGUAGES[code]
    block = BLOCKS[shape](lang)
    turn = list(BLOCKS).index(shape)
    framed = [(w, f) for f in _sign_offs(lang, block) for w in ("", lang.from_name)]
    missed = []
    for writer, (sign_off, kept) in framed[turn % STEP :: STEP]:
        expected = f"{lang.body}\n\n{kept}" if kept else lang.body
        got = reply_text(f"{lang.body}\n\n{sign_off}\n", writer=writer)
        if got != expected and not _kept_closing(lang, got):
            missed.append(f"writer={writer!r}\n{sign_off}\n---> {got[len(lang.body) :]!r}")
    assert not missed, "\n\n".join(missed)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_mobile_footer_alone_goes(code: str) -> None:
    lang = LANGUAGES[code]
    assert reply_text(f"{lang.body}\n\n{lang.footer}\n") == lang.body
    assert reply_text(f"{lang.body}\n{lang.footer}\n") == lang.body


@pytest.mark.parametrize(
    "footer",
    [
        "Sent from my Galaxy",
        "Sent from Yahoo Mail on Android",
        "Sent from Mail for Windows",
        "Von meinem Samsung Galaxy Smartphone gesendet.",
        "Gesendet von Mail für Windows",
        "Envoyé de mon appareil Galaxy",
        "Enviado desde mi iPad",
        "Inviato da iPhone",
        "Inviato dal mio dispositivo Galaxy",
        "Verstuurd vanaf mijn iPad",
        "Wysłano z aplikacji Poczta dla systemu Windows",
        "Отправлено с устройства Galaxy",
        "Samsung Galaxy akıllı telefonumdan gönderildi",
        "Galaxy에서 보냄",
        "Get Outlook for iOS",
    ],
)
def test_the_mobile_footers_of_other_devices_go(footer: str) -> None:
    body = LANGUAGES["en"].body
    assert reply_text(f"{body}\n\n{footer}\n") == body


# -- what the reader keeps ----------------------------------------------------------------

KEPT = [
    # A list of names, announced or not.
    "Please create accounts for the new colleagues:\n\nMaria Lopez\nKenji Watanabe\nSofia Rossi",
    "Folgende Personen brauchen noch Zugang zum Laufwerk.\n\nAnna Schmidt\nJonas Weber\n"
    "Lea Fischer",
    "Both of them still cannot log in.\n\nMaria Lopez\nKenji Watanabe",
    "Les personnes suivantes n'ont pas reçu le lien.\n\nClaire Dubois\nMarc Petit\n"
    "Julie Bernard\nThomas Moreau",
    # An address the client asks the goods to go to.
    "Please ship the replacement to this address:\n\nJane Doe\n221B Baker Street\n"
    "London NW1 6XE\n+44 20 7946 0958",
    "Bitte schicken Sie das Ersatzgerät an folgende Adresse:\n\nBeispiel Logistik GmbH\n"
    "z. Hd. Jonas Müller\nHauptstraße 12\n10115 Berlin",
    "Lieferadresse:\nPrzykład Sp. z o.o.\nul. Marszałkowska 10/12\n00-590 Warszawa",
    # A telephone number in a sentence.
    "The technician can reach me on +49 171 1234567 after 5 pm.",
    "Pueden llamarme al 612 345 678 cualquier día por la mañana.",
    "Вы можете позвонить мне по телефону +7 916 123-45-67",
    # A short last sentence without its full stop.
    "The printer in room 4 is still offline",
    "Das Problem besteht weiterhin",
    "Le problème persiste toujours",
    "Nothing has changed since Monday",
    # A product's line with bars.
    "It is this one.\n\nLenovo ThinkPad | Intel Core i5 | 16 GB RAM | Serial 5CG1234567",
    # A closing word inside the writer's sentence.
    "Best regards to your team, and thanks for the quick fix.",
    "Please give my regards to Anna Berg, she fixed it last time.",
    # Details the client was asked for, under a line that announces them.
    "Here are the details you asked for:\n\nJane Doe\nNorthwind Traders Ltd\n"
    "Customer number 104233",
]


@pytest.mark.parametrize("last", KEPT)
@pytest.mark.parametrize("writer", ["", "Jane Doe"])
def test_a_last_paragraph_that_only_looks_like_a_signature_stays(last: str, writer: str) -> None:
    body = LANGUAGES["en"].body
    text = f"{body}\n\n{last}"
    assert reply_text(text, writer=writer) == text


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_a_postscript_under_the_signature_stays(code: str) -> None:
    lang = LANGUAGES[code]
    text = f"{lang.body}\n\n{lang.closings[0]}\n{lang.name}\n{lang.title}\n\nP.S. {lang.phone}"
    got = reply_text(text, writer=lang.from_name)
    assert got.endswith(f"P.S. {lang.phone}")
    assert lang.title not in got


@pytest.mark.parametrize(
    "sign_off",
    [
        # A contact line with a note, two numbers on one line in groups of two.
        "Bien à vous,\nClaire Dubois\nDirectrice – École du Centre\n"
        "Tél. : 01 23 45 67 89 (lundi et jeudi)",
        "Cordialement,\nClaire Dubois\nAccueil : 01 23 45 67 80 – Ligne directe : 01 23 45 67 89",
        # A closing, a blank line, the first name, then the signature under a rule.
        "Un saludo,\n\nLucía\n\n==========\nLucía Fernández\nJefa de Sistemas\nTel. 912 345 678",
        "Bonne soirée,\nClaire\n\n* * *\nClaire Dubois\nResponsable informatique",
        # A Japanese closing formula with what people put before it.
        "引き続きよろしくお願いいたします。\n山田\n\n-- \n株式会社サンプル\n山田 太郎",
        "今後ともよろしくお願い申し上げます。\n山田",
    ],
)
def test_a_sign_off_goes_without_the_from_fields_name(sign_off: str) -> None:
    body = LANGUAGES["en"].body
    assert reply_text(f"{body}\n\n{sign_off}\n") == body


def test_a_contact_line_in_a_sentence_is_no_signature() -> None:
    body = LANGUAGES["en"].body
    said = f"{body}\n\nYou can reach me on +44 7700 900123 after five."
    assert reply_text(f"{said}\n\nBest regards,\nJane Doe\nHead of IT") == said


def test_the_companys_statement_under_its_signature_goes_with_it() -> None:
    body = LANGUAGES["en"].body
    text = (
        f"{body}\n\nAll the best,\n\nJane Doe\nPractice Manager\nRiverside Physio\n"
        "P 03 5550 1824 | riverside.example\n\nRiverside Physio acknowledges the "
        "Traditional Owners of the land on which we work."
    )
    assert reply_text(text) == body
    # A sentence of the writer's that names the company stays.
    asked = (
        f"{body}\n\nAll the best,\nJane Doe\nRiverside Physio\n\nIs Riverside Physio on the list?"
    )
    assert reply_text(asked).endswith("Is Riverside Physio on the list?")


@pytest.mark.parametrize(
    ("text", "writer"),
    [
        # The signature under the delimiter or a mobile footer gives the name the writer
        # signs with, shortened or in another script than the From field's.
        ("Thanks,\nRob\n\n-- \nRobert Lindqvist\nIT Coordinator | Brightwater Ltd", ""),
        (
            "Thanks,\nRob\n\nGet Outlook for iOS\n\nRobert Lindqvist\nIT Coordinator\n"
            "P: 919-555-0164",
            "",
        ),
        ("謝謝！\n怡君\n\n-- \n陳怡君 Yi-Chun Chen\n門市主任｜小日子烘焙坊", "Yi-Chun Chen"),
        ("감사합니다.\n민준\n\n-- \n김민준 | 정보시스템팀 과장", "Minjun Kim"),
    ],
)
def test_the_name_the_signature_gives_is_cut_where_the_writer_typed_it(
    text: str, writer: str
) -> None:
    body = LANGUAGES["en"].body
    closing = text.split("\n", 1)[0]
    assert reply_text(f"{body}\n\n{text}", writer=writer) == f"{body}\n\n{closing}"


def test_a_name_the_signature_gives_leaves_other_names_alone() -> None:
    body = LANGUAGES["en"].body
    text = f"{body}\n\nThanks,\nAnna\n\n-- \nRobert Lindqvist\nIT Coordinator"
    assert reply_text(text) == f"{body}\n\nThanks,\nAnna"
