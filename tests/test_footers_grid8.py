"""An eighth grid: lines companies' servers append under a person's mail that the first
grids do not hold, in English, German, French, Spanish, Italian, Dutch, Portuguese and
Polish:

- a disclaimer's sentences that are no notice of confidentiality: the mail may be
  monitored or recorded; it makes no binding contract or offer; the views in it do not
  necessarily represent the company's;
- a gateway's line that the mail came from outside the organisation, at the bottom and
  without a warning word ("This message is from an EXTERNAL SENDER.");
- why the reader gets the mail, behind a label ("Note: you are receiving this because …").

Each is tried under the client's text, under the quote the client answers above,
bottom-posted under the quote and right under the last line, then in an HTML mail.  The
client's own sentences about monitoring, a contract or an outside sender stay.
"""

from __future__ import annotations

from html import escape

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support import footer_grid as grid
from tests.support.footer_grid import gmail_divs

CLIENTS = {
    "en": (
        "Hi,\n\nthe badge reader at the loading dock rejects every card since this morning. "
        "Can someone come by today?\n\nThanks,\nOwen Hart"
    ),
    "de": (
        "Guten Tag,\n\nunser Etikettendrucker im Lager druckt seit dem Update nur noch leere "
        "Seiten. Können Sie sich das ansehen?"
    ),
    "fr": "Bonjour,\n\nla borne Wi-Fi de la salle B ne distribue plus d'adresses.\n\nMerci,\nLéa",
    "pl": "Dzień dobry,\n\ndrukarka w recepcji znowu nie skanuje do folderu. Proszę o pomoc.",
}
WRITERS = {"en": "Owen Hart"}
QUOTE = (
    "On Tue, 10 Jun 2025 at 09:14, Acme IT <it@acme.example> wrote:\n"
    "> Hello,\n>\n> could you tell us the device's number?\n>\n> Acme IT"
)
GRID = grid.Clients(CLIENTS, WRITERS, QUOTE)


# -- a disclaimer's other sentences ----------------------------------------------------------

DISCLAIMERS = {
    "en monitored": "This message may be monitored or recorded for quality and training purposes.",
    "en emails monitored": (
        "E-mails sent to or from Northwind Ltd may be monitored and recorded to ensure "
        "compliance with our policies."
    ),
    "en binding": "This e-mail does not constitute a binding contract or offer.",
    "en not binding offer": (
        "Nothing in this email shall constitute a legally binding offer or acceptance."
    ),
    "en views company": (
        "The views expressed in this email do not necessarily represent those of Northwind Ltd."
    ),
    "en views opinions": (
        "Any views or opinions in this message do not necessarily represent the views of the "
        "company."
    ),
    "de monitored": "E-Mails an und von Northwind können überwacht und aufgezeichnet werden.",
    "de binding": "Diese E-Mail stellt kein rechtsverbindliches Angebot dar.",
    "de binding contract": "Diese Nachricht begründet keinen verbindlichen Vertrag.",
    "de views": (
        "Die in dieser E-Mail geäußerten Ansichten geben nicht unbedingt die Meinung der "
        "Northwind GmbH wieder."
    ),
    "fr monitored": "Ce message peut être surveillé ou enregistré.",
    "fr binding": "Ce courriel ne constitue pas une offre ferme ni un engagement contractuel.",
    "fr views": (
        "Les opinions exprimées dans ce message ne reflètent pas nécessairement celles de "
        "Northwind SA."
    ),
    "es monitored": "Este mensaje puede ser monitorizado o grabado.",
    "es binding": "Este correo electrónico no constituye una oferta vinculante.",
    "es views": (
        "Las opiniones expresadas en este mensaje no representan necesariamente las de "
        "Northwind S.L."
    ),
    "it monitored": "Questo messaggio può essere monitorato o registrato.",
    "it binding": "Questa e-mail non costituisce un'offerta vincolante.",
    "nl monitored": "Dit bericht kan worden gecontroleerd en opgeslagen.",
    "nl binding": "Deze e-mail vormt geen bindend aanbod.",
    "pt monitored": "Esta mensagem pode ser monitorizada ou gravada.",
    "pt binding": "Este e-mail não constitui uma oferta vinculativa.",
    "pl monitored": "Ta wiadomość może być monitorowana lub rejestrowana.",
    "pl binding": "Niniejsza wiadomość nie stanowi oferty w rozumieniu Kodeksu cywilnego.",
    "en two lines": (
        "This e-mail does not constitute a binding contract or offer.\n"
        "This message may be monitored or recorded."
    ),
}


@pytest.mark.parametrize("name", sorted(DISCLAIMERS))
def test_a_disclaimers_sentence_goes(name: str) -> None:
    assert GRID.misses({name: DISCLAIMERS[name]}) == []


# -- a gateway's line at the bottom ---------------------------------------------------------

OUTSIDE = {
    "en external sender": "This message is from an EXTERNAL SENDER.",
    "en originated": "This email originated from outside of the organization.",
    "en external source": "This email came from an external source.",
    "de": "Diese E-Mail stammt von einem externen Absender.",
    "de outside": "Diese Nachricht wurde von außerhalb der Organisation gesendet.",
    "fr": "Ce message provient d'un expéditeur externe.",
    "fr outside": "Ce courriel provient de l'extérieur de l'organisation.",
    "es": "Este correo se originó fuera de la organización.",
    "es sender": "Este mensaje proviene de un remitente externo.",
    "it": "Questa e-mail proviene da un mittente esterno.",
    "nl": "Dit bericht is afkomstig van een externe afzender.",
    "nl outside": "Deze e-mail is afkomstig van buiten de organisatie.",
    "pt": "Esta mensagem teve origem fora da organização.",
    "pl": "Ta wiadomość pochodzi od nadawcy zewnętrznego.",
    "pl outside": "Ta wiadomość pochodzi spoza organizacji.",
}


@pytest.mark.parametrize("name", sorted(OUTSIDE))
def test_a_gateways_line_of_mail_from_outside_at_the_bottom_goes(name: str) -> None:
    assert GRID.misses({name: OUTSIDE[name]}) == []


# -- why the reader gets it, behind a label --------------------------------------------------

LABELLED = {
    "en note": "Note: you are receiving this because you are a member of the Facilities team.",
    "en notice": "NOTICE: You are receiving this email because you opened a ticket with us.",
    "de": "Hinweis: Sie erhalten diese E-Mail, weil Sie im Verteiler Technik eingetragen sind.",
    "fr": "Remarque : vous recevez ce message car vous êtes inscrit à la liste Technique.",
    "es": "Nota: recibe este mensaje porque está suscrito a la lista de Soporte.",
    "nl": "Let op: u ontvangt deze e-mail omdat u lid bent van de groep Techniek.",
}


@pytest.mark.parametrize("name", sorted(LABELLED))
def test_a_labelled_line_of_why_the_reader_gets_it_goes(name: str) -> None:
    assert GRID.misses({name: LABELLED[name]}) == []


# -- the client's own sentences stay ---------------------------------------------------------

KEPT = [
    "Hi,\n\nplease note that our calls may be monitored by the new recording box, which is "
    "the one that fails.",
    "Hi,\n\nI monitor this mailbox myself, so please answer here.",
    "Hallo,\n\nwir haben die Anrufe aufgezeichnet und können sie Ihnen schicken.",
    "Hi,\n\nyour quote does not constitute a binding offer, I assume? We need one by Friday.",
    "Hi,\n\nI think this email does not constitute a binding contract, so we can still "
    "change the order.",
    "Bonjour,\n\nje pense que votre devis ne constitue pas une offre ferme ?",
    "Hi,\n\nthe phishing test mail said it came from an external sender, and I clicked it.",
    "Hi,\n\nwe got a message from an external sender that looked like your invoice.",
    "Hallo,\n\ndiese E-Mail stammt von einem externen Absender, sagt Outlook — ist das normal?",
    "Hi,\n\nmy views do not necessarily represent those of my manager, but the printer is old.",
    "Hi,\n\nnote: I am receiving this because my colleague forwarded it, is that fine?",
    # "Do not reply" and a warning's title in the writer's own sentences.
    "Hi Anna,\n\nThe boiler is broken again.\nCall me tomorrow, please do not reply.",
    "Hola,\n\nel técnico vino ayer. Espero que el técnico no conteste",
    "Ciao,\n\nti mando il listino. Se non ti interessa, non rispondere",
    "Hi Anna,\n\nWire fraud alert: a scammer emailed my tenant asking for the deposit.\n"
    "Please warn the others.",
]


@pytest.mark.parametrize("text", KEPT)
def test_the_clients_own_sentences_stay(text: str) -> None:
    assert reply_text(text).rstrip() == text.rstrip()


@pytest.mark.parametrize("text", KEPT)
def test_the_clients_own_sentences_stay_under_a_quote(text: str) -> None:
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text.rstrip()


# -- in whole mails ---------------------------------------------------------------------------


def mail(text: str, subtype: str = "plain") -> bytes:
    head = (
        "From: Owen Hart <owen@client.example>\r\nTo: it@acme.example\r\nSubject: Re: badge\r\n"
        "Message-ID: <grid8@client.example>\r\nDate: Tue, 10 Jun 2025 10:00:00 +0000\r\n"
    )
    return grid.text_mail(text, head, subtype, "utf-8", "base64")


@pytest.mark.parametrize(
    "footer",
    [
        DISCLAIMERS["en monitored"],
        DISCLAIMERS["de binding"],
        OUTSIDE["en external sender"],
        OUTSIDE["fr"],
        LABELLED["de"],
    ],
)
def test_in_a_plain_mail_the_line_goes(footer: str) -> None:
    for client, text in CLIENTS.items():
        want = parse_message(mail(text)).reply_text
        assert parse_message(mail(f"{text}\n\n{footer}\n")).reply_text == want, client


@pytest.mark.parametrize(
    "footer",
    [DISCLAIMERS["en binding"], OUTSIDE["en originated"], LABELLED["en note"]],
)
def test_in_an_html_mail_the_line_goes(footer: str) -> None:
    for client, text in CLIENTS.items():
        body = gmail_divs(text)
        want = parse_message(mail(f"<html><body>{body}</body></html>", "html")).reply_text
        small = f'<p style="font-size:8pt;color:gray">{escape(footer)}</p>'
        got = parse_message(mail(f"<html><body>{body}{small}</body></html>", "html"))
        assert got.reply_text == want, client


# -- a booking tool's notification: the invitee's answer under its question ---------------

ANSWERS = {
    "en": (
        "Our VPN drops every hour since the firewall update; we would like to go through "
        "the logs with you."
    ),
    "de": "Seit dem Umzug erreicht das Büro in Graz den Dateiserver nur noch sehr langsam.",
    "fr": "Nous voulons migrer nos boîtes mail vers le nouveau domaine avant la fin du mois.",
    "es": "Queremos revisar la configuración de las impresoras de la segunda planta.",
}


def _booking(lang: str, answer: str) -> str:
    heads = {
        "en": (
            "Hi Acme Support,\n\nA new event has been scheduled.\n\nEvent Type:\n30 Minute "
            "Meeting\n\nInvitee:\nOwen Hart\n\nInvitee Email:\nowen@client.example\n\n"
            "Event Date/Time:\n10:00am - Tuesday, June 10, 2025 (Central European Time)\n\n"
            "Location:\nThis is a Google Meet web conference. Join now\n\n"
            "Invitee Time Zone:\nCentral European Time\n\nQuestions:\n\n"
            "Please share anything that will help prepare for our meeting.\n"
        ),
        "de": (
            "Hallo Acme Support,\n\nein neuer Termin wurde geplant.\n\nTerminart:\n30 Minuten\n\n"
            "Eingeladener:\nOwen Hart\n\nE-Mail des Eingeladenen:\nowen@client.example\n\n"
            "Datum/Uhrzeit:\n10:00 - Dienstag, 10. Juni 2025 (Mitteleuropäische Zeit)\n\n"
            "Fragen:\n\nBitte teilen Sie alles mit, was bei der Vorbereitung unseres Termins "
            "hilft.\n"
        ),
        "fr": (
            "Bonjour Acme Support,\n\nUn nouvel événement a été planifié.\n\nType d'événement :"
            "\nRéunion de 30 minutes\n\nInvité :\nOwen Hart\n\nE-mail de l'invité :\n"
            "owen@client.example\n\nDate/heure :\n10h00 - mardi 10 juin 2025\n\nQuestions :"
            "\n\nVeuillez partager tout ce qui aidera à préparer notre réunion.\n"
        ),
        "es": (
            "Hola Acme Support,\n\nSe ha programado un nuevo evento.\n\nTipo de evento:\n"
            "Reunión de 30 minutos\n\nInvitado:\nOwen Hart\n\nCorreo del invitado:\n"
            "owen@client.example\n\nFecha/hora:\n10:00 - martes, 10 de junio de 2025\n\n"
            "Preguntas:\n\n¿Qué te gustaría tratar en la reunión?\n"
        ),
    }
    tail = "\nView event in Calendly\n\nPro Tip! Take Calendly anywhere you go with the iOS app\n"
    return f"{heads[lang]}{answer}\n{tail}"


def service_mail(text: str, subtype: str = "plain") -> bytes:
    head = (
        "From: Calendly <notifications@calendly.com>\r\nTo: it@acme.example\r\n"
        "Subject: New Event: Owen Hart\r\nMessage-ID: <grid8b@calendly.com>\r\n"
        "Date: Tue, 10 Jun 2025 08:00:00 +0000\r\n"
    )
    return grid.text_mail(text, head, subtype, "utf-8", "base64")


@pytest.mark.parametrize("lang", sorted(ANSWERS))
def test_a_booking_tools_notification_reads_as_the_invitees_answer(lang: str) -> None:
    got = parse_message(service_mail(_booking(lang, ANSWERS[lang]))).reply_text
    assert got.strip() == ANSWERS[lang]


def test_a_booking_tools_html_notification_reads_as_the_invitees_answer() -> None:
    text = _booking("en", ANSWERS["en"])
    body = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))
    got = parse_message(service_mail(f"<html><body>{body}</body></html>", "html")).reply_text
    assert got.strip() == ANSWERS["en"]


@pytest.mark.parametrize(
    "message",
    [
        "Can you help?\nThe label printer in the warehouse prints blank pages since Monday.",
        "Please share the slides from our last meeting.\nWe could not find them on the portal.",
    ],
)
def test_a_forms_message_that_opens_with_a_question_stays_whole(message: str) -> None:
    text = (
        "New submission from Contact form\n\nName:\nOwen Hart\n\nEmail:\nowen@client.example\n\n"
        f"Message:\n{message}\n"
    )
    got = parse_message(service_mail(text)).reply_text
    assert got.strip() == message
