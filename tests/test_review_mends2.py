"""Clients' own words that look like a sign-off, read from whole mails as mail programs
write them (Gmail, Outlook's windows-1252, base64, Outlook's HTML paragraphs) and above
the quoted history: each stays, whole, and the writer's real sign-off under them still
goes.

- a closing's word inside a sentence: greetings sent to someone ("Best regards to Mary
  Jones", "Grüße an Frau Weber", "Mes amitiés à Paul", "Saludos a María de
  contabilidad", "Saluti a …", "Cumprimentos ao …", "Groeten aan …", "Hälsningar
  till …", "Pozdrowienia dla …") or a thanks ("Cheers for the quick fix");
- a name followed by a verb: a sentence about someone ("Mary Jones will test it
  tomorrow", "Frau Weber wird …", "Paul Martin va …", "María López puede …");
- a Polish greeting to a colleague, the name declined ("Pozdrawiam Jana Kowalskiego" /
  "z działu IT"): the writer's closing only when the name is the writer's own;
- names listed under a heading the writer gives ("My colleagues" / "Mary Jones" /
  "Peter Brown").
"""

from __future__ import annotations

from typing import NamedTuple

import pytest

from mailgate.parse.reader import parse_message
from tests.support.client_mail import PROGRAMS, mail, quoted, words

TOM = "Tom Baker <tom@client.example>"
MARY = "Mary Jones <mary@client.example>"
JAN = "Jan Kowalski <jan@client.example>"
ANNA = "Anna Nowak <anna@client.example>"

EN = "Hi,\n\nthe export to Excel fails since the update."
PL = "Dzień dobry,\n\nproblem z drukarką nadal występuje."
DE = "Hallo,\n\ndie Rechnung fehlt noch."
FR = "Bonjour,\n\nla facture manque."
ES = "Hola,\n\nfalta la factura."

# What the client writes at the end of their text, from Tom Baker: all of it stays.
KEPT = {
    "cheers for, name and verb": (
        "Hi,\n\nCheers for the quick fix\nMary Jones will test it tomorrow"
    ),
    "name and verb, full stop": f"{EN}\n\nMary Jones will test it tomorrow.",
    "pl greeting a colleague": f"{PL}\n\nPozdrawiam Jana Kowalskiego\nz działu IT",
    "pl greeting a colleague, feminine": f"{PL}\n\nPozdrawiam Annę Nowak\nz księgowości",
    "pl greetings for": f"{PL}\n\nPozdrowienia dla Ani z księgowości",
    "en regards to": f"{EN}\n\nBest regards to Mary Jones",
    "en regards to, going on": f"{EN}\n\nBest regards to Mary Jones\nfrom accounting",
    "en names under a heading": f"{EN}\n\nMy colleagues\nMary Jones\nPeter Brown",
    "de names under a heading": f"{DE}\n\nMeine Kollegen\nAnna Weber\nPeter Braun",
    "de gruesse an": f"{DE}\n\nGrüße an Frau Weber",
    "de name and verb": f"{DE}\n\nFrau Weber wird es morgen testen",
    "fr amities a": f"{FR}\n\nMes amitiés à Paul",
    "fr name and verb": f"{FR}\n\nMerci pour la correction rapide\nPaul Martin va tester demain",
    "es saludos a": f"{ES}\n\nSaludos a María de contabilidad",
    "es name and verb": f"{ES}\n\nGracias por el arreglo\nMaría López puede probarlo mañana",
    "it saluti a": "Buongiorno,\n\nla fattura manca.\n\nSaluti a Marco Bianchi",
    "pt cumprimentos ao": "Olá,\n\nfalta a fatura.\n\nCumprimentos ao João da contabilidade",
    "nl groeten aan": "Hallo,\n\nde factuur ontbreekt.\n\nGroeten aan Piet van de boekhouding",
    "sv halsningar till": "Hej,\n\nfakturan saknas.\n\nHälsningar till Eva på ekonomi",
}


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("case", sorted(KEPT))
def test_the_clients_words_at_the_end_stay(case: str, program: str) -> None:
    text = KEPT[case]
    got = parse_message(mail(text + "\n", TOM, program)).reply_text
    assert words(got) == words(text), got


@pytest.mark.parametrize("style", ["gmail", "outlook"])
@pytest.mark.parametrize("case", sorted(KEPT))
def test_the_clients_words_above_the_quoted_history_stay(case: str, style: str) -> None:
    text = KEPT[case]
    got = parse_message(mail(f"{text}\n\n{quoted(style)}\n", TOM)).reply_text
    assert words(got) == words(text), got


class Case(NamedTuple):
    sender: str
    body: str
    sign_off: str
    said: str = ""  # what of the sign-off is the writer's words and may stay


# The client's words, then the writer's own sign-off: only the sign-off goes.
GOES = {
    "name and verb, thanks": Case(
        TOM, f"{EN}\n\nMary Jones will test it tomorrow.", "Thanks,\nTom", "Thanks,"
    ),
    "cheers for, thanks": Case(
        TOM,
        f"{EN}\n\nCheers for the quick fix\nMary Jones will test it tomorrow",
        "Thanks,\nTom",
        "Thanks,",
    ),
    "cheers for, block": Case(
        TOM,
        f"{EN}\n\nCheers for the quick fix\nMary Jones will test it tomorrow",
        "Best regards,\nTom Baker\nClient Ltd",
    ),
    "regards to, name": Case(TOM, f"{EN}\n\nBest regards to Mary Jones", "Tom"),
    "regards to, closing": Case(
        TOM, f"{EN}\n\nBest regards to Mary Jones", "Best regards,\nTom Baker"
    ),
    "names under a heading, thanks": Case(
        TOM, f"{EN}\n\nMy colleagues\nMary Jones\nPeter Brown", "Thanks,\nTom", "Thanks,"
    ),
    "names under a heading, closing": Case(
        TOM, f"{EN}\n\nMy colleagues\nMary Jones\nPeter Brown", "Kind regards,\nTom Baker"
    ),
    "fr names under a heading": Case(
        TOM, f"{FR}\n\nMes collègues\nPaul Martin\nMarie Dubois", "Cordialement,\nTom Baker"
    ),
    "pl greeting a colleague, block": Case(
        TOM,
        f"{PL}\n\nPozdrawiam Jana Kowalskiego\nz działu IT",
        "Tom Baker\nClient Ltd\nTel. +48 22 123 45 67",
    ),
    "de gruesse an, going on": Case(
        TOM, f"{DE}\n\nViele Grüße an Frau Weber\naus der Buchhaltung", "Viele Grüße\nTom Baker"
    ),
    "fr amities a": Case(TOM, f"{FR}\n\nMes amitiés à Paul", "Cordialement,\nTom Baker"),
    "regards to, block right under": Case(
        TOM, f"{EN}\n\nBest regards to Mary Jones", "Tom Baker\nClient Ltd\nTel. +44 20 7946 0000"
    ),
    "de gruesse an, block": Case(
        TOM, f"{DE}\n\nGrüße an Frau Weber", "Tom Baker\nClient GmbH\nTel. +49 30 1234567"
    ),
    "es saludos a": Case(TOM, f"{ES}\n\nSaludos a María de contabilidad", "Tom"),
    # The writer's real sign-offs, with nothing of the client's above them.
    "cheers": Case(MARY, EN, "Cheers,\nMary Jones"),
    "regards, company": Case(MARY, EN, "Best regards,\nMary Jones\nAcme Ltd"),
    "regards, two signers": Case(TOM, EN, "Regards,\nMary Jones\nPeter Brown"),
    "cheers for now": Case(TOM, EN, "Cheers for now,\nTom"),
    "greetings from": Case(TOM, EN, "Greetings from Leeds\nTom Baker"),
    "de gruesse aus": Case(TOM, DE, "Viele Grüße aus München\nTom Baker"),
    "pl pozdrawiam, name under": Case(JAN, PL, "Pozdrawiam\nJan Kowalski"),
    "pl pozdrawiam, name beside": Case(JAN, PL, "Pozdrawiam Jan Kowalski"),
    # The writer's own name, declined, after "Pozdrawiam": their closing.
    "pl own name declined": Case(JAN, PL, "Pozdrawiam Jana Kowalskiego\nz działu IT"),
    "pl own name declined, feminine": Case(ANNA, PL, "Pozdrawiam Annę Nowak\nz księgowości"),
}


def _allowed(c: Case) -> list[list[str]]:
    allowed = [words(c.body)]
    if c.said:
        allowed.append(words(f"{c.body}\n{c.said}"))
    return allowed


@pytest.mark.parametrize("program", PROGRAMS)
@pytest.mark.parametrize("case", sorted(GOES))
def test_only_the_writers_sign_off_goes(case: str, program: str) -> None:
    c = GOES[case]
    got = parse_message(mail(f"{c.body}\n\n{c.sign_off}\n", c.sender, program)).reply_text
    assert words(got) in _allowed(c), got


@pytest.mark.parametrize("style", ["gmail", "outlook"])
@pytest.mark.parametrize("case", sorted(GOES))
def test_only_the_writers_sign_off_above_the_quoted_history_goes(case: str, style: str) -> None:
    c = GOES[case]
    got = parse_message(mail(f"{c.body}\n\n{c.sign_off}\n\n{quoted(style)}\n", c.sender)).reply_text
    assert words(got) in _allowed(c), got


def test_a_lower_case_title_under_a_signed_name_still_goes() -> None:
    # Russian writes a title in lower case: no sentence goes on under the name.
    body = "Добрый день!\n\nНе формируются счета-фактуры в личном кабинете."
    sign_off = "С уважением, Ольга Смирнова\nведущий специалист отдела закупок"
    got = parse_message(mail(f"{body}\n\n{sign_off}\n", "<zakupki@sever.example>")).reply_text
    assert words(got) == words(body), got


def test_a_greeting_to_a_colleague_from_a_shared_mailbox_stays() -> None:
    # No name in the From field: the declined name is no one's the reader knows.
    text = f"{PL}\n\nPozdrawiam Jana Kowalskiego\nz działu IT"
    got = parse_message(mail(f"{text}\n", "<biuro@firma.example>")).reply_text
    assert words(got) == words(text), got
