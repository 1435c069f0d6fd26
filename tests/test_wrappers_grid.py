"""A grid of services' notifications that carry a person's words (mailgate/parse/wrappers.py):
web forms, shop and marketplace inquiries, voicemail mailed by a telephone system, and
e-signature notices, in several languages, as the services lay them out.

The rule the expectations follow (the reading corpus's convention): the reply text is
what the person wrote and nothing of the service's — for a form, the value of its
free-text field without its label; for a voicemail, the transcription of the caller's
words without the call's details; for an inquiry, the customer's text.  A person's own
mail that holds "Name:" / "Message:" lines or a "From:" in a sentence is theirs whole.
"""

from __future__ import annotations

import pytest

from mailgate.parse.reader import parse_message


def mail(body: str, sender: str, subject: str = "Notification", reply_to: str = "") -> bytes:
    head = (
        f"From: {sender}\r\n"
        "To: support@helpdesk.example\r\n"
        f"Subject: {subject}\r\n"
        "Date: Mon, 02 Jun 2025 10:00:00 +0000\r\n"
        "Message-ID: <grid@mail.example>\r\n"
    )
    if reply_to:
        head += f"Reply-To: {reply_to}\r\n"
    head += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
    head += "Content-Transfer-Encoding: 8bit\r\n\r\n"
    return (head + body.replace("\n", "\r\n")).encode("utf-8")


MESSAGE_EN = (
    "Our invoices since May show the old VAT number. Could you correct it\n"
    "and send the three invoices again? Our accountant needs them this week."
)
MESSAGE_DE = (
    "Seit dem Update startet die Kasse im Laden nicht mehr, sie bleibt beim Logo stehen.\n"
    "Können Sie sich das heute noch ansehen? Wir öffnen morgen um acht."
)
MESSAGE_FR = (
    "Depuis lundi, les clients ne reçoivent plus la confirmation de réservation par e-mail.\n"
    "Pouvez-vous vérifier le paramétrage avant le week-end ?"
)
MESSAGE_ES = (
    "La impresora de etiquetas del almacén imprime todo en blanco desde ayer por la tarde.\n"
    "Ya cambiamos el rollo y la reiniciamos, pero sigue igual."
)
MESSAGE_PL = (
    "Od wczoraj nie mogę zalogować się do panelu klienta, strona pokazuje błąd 500.\n"
    "Proszę o sprawdzenie, bo muszę dziś pobrać fakturę."
)
TRANSCRIPT_EN = (
    "Hi, this is Dana from Riverside Bakery. The card terminal at the counter keeps saying "
    "no connection since this morning, so we can only take cash. Please call me back on "
    "555 0142 as soon as you can. Thank you."
)
TRANSCRIPT_DE = (
    "Guten Tag, hier ist Herr Brandt von der Tischlerei Brandt. Unser Drucker im Büro "
    "druckt seit gestern nur noch leere Seiten. Bitte rufen Sie mich unter 0171 5550123 "
    "zurück. Danke."
)

POSITIVE = {
    # Contact Form 7's default mail: the sender's line, the subject, "Message Body:", the
    # text, the signature separator and the plugin's line naming the site.
    "cf7-en": (
        mail(
            "From: Jordan Lee <jordan@client.example>\n"
            "Subject: Wrong VAT number\n"
            "\n"
            "Message Body:\n" + MESSAGE_EN + "\n"
            "\n"
            "-- \n"
            "This e-mail was sent from a contact form on Acme Hosting (https://acme.example)\n",
            "Acme Hosting <wordpress@acme.example>",
            'Acme Hosting "Wrong VAT number"',
            "Jordan Lee <jordan@client.example>",
        ),
        MESSAGE_EN,
    ),
    # A form plugin's plain-text notification: "Label: value" lines, the message under
    # its label on a line of its own.
    "form-fields-de": (
        mail(
            "Name: Petra Vogel\n"
            "E-Mail: petra@laden.example\n"
            "Telefon: 030 5550199\n"
            "Betreff: Kasse startet nicht\n"
            "Nachricht:\n" + MESSAGE_DE + "\n"
            "\n"
            "---\n"
            "Diese E-Mail wurde von einem Kontaktformular auf Vogel IT\n"
            "(https://vogel-it.example) gesendet.\n",
            "WordPress <wordpress@vogel-it.example>",
            "Neue Anfrage über das Kontaktformular",
            "petra@laden.example",
        ),
        MESSAGE_DE,
    ),
    # The value on the label's line ("Message : …"), French spacing before the colon.
    "form-inline-fr": (
        mail(
            "Nom : Claire Dubois\n"
            "E-mail : claire@hotel-dubois.example\n"
            "Sujet : Confirmations de réservation\n"
            "Message : " + MESSAGE_FR + "\n"
            "\n"
            "Envoyé depuis le formulaire de contact de https://hotel-web.example\n",
            "Formulaire <no-reply@hotel-web.example>",
            "Nouveau message depuis le site",
            "claire@hotel-dubois.example",
        ),
        MESSAGE_FR,
    ),
    # An HTML form notification read as text: bold labels over their values, no colon.
    "form-stacked-es": (
        mail(
            "Nombre\n"
            "Lucía Romero\n"
            "Correo electrónico\n"
            "lucia@almacenes-romero.example\n"
            "Asunto\n"
            "Impresora de etiquetas\n"
            "Mensaje\n" + MESSAGE_ES + "\n"
            "\n"
            "Enviado desde https://soporte-web.example\n",
            "WordPress <wordpress@soporte-web.example>",
            "Nueva entrada: Contacto",
            "lucia@almacenes-romero.example",
        ),
        MESSAGE_ES,
    ),
    "form-stacked-pl": (
        mail(
            "Imię i nazwisko\n"
            "Marek Zieliński\n"
            "E-mail\n"
            "marek@zielinski-biuro.example\n"
            "Temat\n"
            "Panel klienta\n"
            "Wiadomość\n" + MESSAGE_PL + "\n",
            "Formularz <noreply@it-serwis.example>",
            "Nowa wiadomość z formularza",
            "marek@zielinski-biuro.example",
        ),
        MESSAGE_PL,
    ),
    # Voicemail from a telephone system: the call's details (From / To / Date /
    # Duration, no address) and the transcription under its label.
    "voicemail-fields-en": (
        mail(
            "You have a new voicemail.\n"
            "\n"
            "From: Dana Whitfield (+1 555 0142)\n"
            "To: Support (ext. 200)\n"
            "Date: 06/02/2025 09:41 AM\n"
            "Duration: 00:00:28\n"
            "\n"
            "Transcription:\n" + TRANSCRIPT_EN + "\n"
            "\n"
            "This is an automated message. Do not reply to this email.\n",
            "Phone System <voicemail@pbx.helpdesk.example>",
            "New voicemail from Dana Whitfield",
        ),
        TRANSCRIPT_EN,
    ),
    "voicemail-fields-de": (
        mail(
            "Sie haben eine neue Sprachnachricht.\n"
            "\n"
            "Von: Tischlerei Brandt (+49 171 5550123)\n"
            "An: Support (Durchwahl 200)\n"
            "Datum: 02.06.2025 09:41\n"
            "Dauer: 00:00:31\n"
            "\n"
            "Transkription:\n" + TRANSCRIPT_DE + "\n",
            "Telefonanlage <pbx@helpdesk.example>",
            "Neue Sprachnachricht von Tischlerei Brandt",
        ),
        TRANSCRIPT_DE,
    ),
    # Asterisk's stock notice, then a transcription a mail script sets between a heading
    # drawn in a rule and a closing rule.
    "voicemail-framed-en": (
        mail(
            "Dear Support:\n"
            "\n"
            "\tjust wanted to let you know you were just left a 0:28 long message (number 7)\n"
            'in mailbox 200 from "Riverside Bakery" <5550142>, on Monday, June 02, 2025 at'
            " 09:41:00 AM, so you might\n"
            "want to check it when you get a chance.  Thanks!\n"
            "\n"
            "\t\t\t\t--Asterisk\n"
            "\n"
            "==== Voicemail transcription ====\n" + TRANSCRIPT_EN + "\n"
            "================================\n",
            "Asterisk PBX <asterisk@pbx.helpdesk.example>",
            "[PBX]: New message 7 in mailbox 200",
        ),
        TRANSCRIPT_EN,
    ),
    # A shop's inquiry: the service's greeting, the inquiry's fields between rules, the
    # customer's text under its label, the service's notes.
    "shop-inquiry-ja": (
        mail(
            "ショップ運営者様\n"
            "\n"
            "お客様より下記のとおりお問い合わせがありました。\n"
            "内容をご確認のうえ、ご対応をお願いいたします。\n"
            "\n"
            "━━━━━━━━━━━━━━━━━━━━\n"
            "■お問い合わせ番号：Q-20250602-0042\n"
            "■注文番号：554201-20250530\n"
            "■商品名：ステンレス水筒 500ml\n"
            "■お問い合わせ内容：\n"
            "先週届いた水筒のふたがきちんと閉まらず、かばんの中で中身が漏れてしまいます。\n"
            "ふたのパッキンがずれているようです。交換していただけますか。\n"
            "━━━━━━━━━━━━━━━━━━━━\n"
            "\n"
            "このメールに返信されても、お客様には届きません。\n",
            "マーケット <no-reply@market.example>",
            "お客様からのお問い合わせ",
        ),
        "先週届いた水筒のふたがきちんと閉まらず、かばんの中で中身が漏れてしまいます。\n"
        "ふたのパッキンがずれているようです。交換していただけますか。",
    ),
    # A marketplace's message from a buyer: the heading naming the buyer, the item, the
    # buyer's words, a button's link and the service's notes.
    "marketplace-en": (
        mail(
            "You have a new message from buyer tomkins_88\n"
            "\n"
            "Item: Refurbished laptop dock, USB-C (#3341187702)\n"
            "Order number: 17-09845-33120\n"
            "\n"
            "Hello, the dock arrived today but only one of the two monitors works through it.\n"
            "The second one stays black on both HDMI ports. Is there a firmware update for it?\n"
            "\n"
            "Respond to this message: https://market.example/messages/r/88213\n"
            "\n"
            "Only reply through the site. Never share payment details by e-mail.\n"
            "© 2025 Market Inc. All rights reserved.\n",
            "Market <messages@market.example>",
            "Message from tomkins_88 about your item",
        ),
        "Hello, the dock arrived today but only one of the two monitors works through it.\n"
        "The second one stays black on both HDMI ports. Is there a firmware update for it?",
    ),
    "marketplace-it": (
        mail(
            "Hai ricevuto un nuovo messaggio da giulia.ferri\n"
            "\n"
            "Articolo: Router Wi-Fi 6 dual band\n"
            "Numero ordine: 402-5512087-3310\n"
            "\n"
            "Buongiorno, il router si riavvia da solo ogni mezz'ora circa e la rete cade.\n"
            "Ho già provato a ripristinare le impostazioni di fabbrica. Posso restituirlo?\n"
            "\n"
            "Rispondi al messaggio: https://mercato.example/messaggi/77120\n"
            "\n"
            "© 2025 Mercato S.r.l. Tutti i diritti riservati.\n",
            "Mercato <no-reply@mercato.example>",
            "Nuovo messaggio da giulia.ferri",
        ),
        "Buongiorno, il router si riavvia da solo ogni mezz'ora circa e la rete cade.\n"
        "Ho già provato a ripristinare le impostazioni di fabbrica. Posso restituirlo?",
    ),
    # An e-signature request: who sent what, the link, the sender's note, the notes.
    "esign-de": (
        mail(
            "Katrin Wolf hat Ihnen ein Dokument zur Unterschrift gesendet\n"
            "\n"
            "Dokument prüfen: https://sign.example/d/7f3a91\n"
            "\n"
            "Katrin Wolf\n"
            "k.wolf@wolf-logistik.example\n"
            "\n"
            "Guten Tag, anbei der Wartungsvertrag für die zwei neuen Standorte. Bitte\n"
            "unterschreiben Sie bis Freitag, damit wir ab dem Ersten starten können.\n"
            "\n"
            "Leiten Sie diese E-Mail nicht weiter\n"
            "Jeder mit dieser E-Mail kann das Dokument in Ihrem Namen unterschreiben.\n"
            "\n"
            "© 2025 Sign GmbH. Alle Rechte vorbehalten.\n",
            "Katrin Wolf via Sign <dse@sign.example>",
            "Bitte unterschreiben: Wartungsvertrag",
        ),
        "Guten Tag, anbei der Wartungsvertrag für die zwei neuen Standorte. Bitte\n"
        "unterschreiben Sie bis Freitag, damit wir ab dem Ersten starten können.",
    ),
    # The service's notice drawn in rules under the message is no enclosed text.
    "notice-in-rules-en": (
        mail(
            "New message from Priya Nair\n"
            "\n"
            "Hello, the shared mailbox for sales stopped receiving mail this morning. Senders\n"
            "get a bounce saying the mailbox is full, but it only holds a few hundred mails.\n"
            "\n"
            "---- Do not reply to this email ----\n"
            "This mailbox is not monitored. Answer the customer from the portal instead.\n"
            "-------------------------------------\n",
            "Portal <notifications@portal.example>",
            "New message from Priya Nair",
        ),
        "Hello, the shared mailbox for sales stopped receiving mail this morning. Senders\n"
        "get a bounce saying the mailbox is full, but it only holds a few hundred mails.",
    ),
}


def whole(body: str, sender: str, subject: str) -> tuple[bytes, str]:
    """A person's own mail, read whole: the message and its text."""
    return mail(body, sender, subject), body.strip()


NEGATIVE = {
    # A person's own mail listing a new user's details: theirs whole.
    "person-fields-en": whole(
        "Hi team,\n"
        "\n"
        "please create an account for our new colleague:\n"
        "\n"
        "Name: Sam Porter\n"
        "Email: sam@client.example\n"
        "Role: Accounting\n"
        "Message: Welcome aboard!\n"
        "\n"
        "She starts on Monday and needs access to the invoicing module from day one.\n",
        "Ana Reyes <ana@client.example>",
        "New user",
    ),
    # "From:" in a sentence is no quoted header.
    "person-from-sentence-de": whole(
        "Hallo,\n"
        "\n"
        "die Mails an unsere Adresse kommen mit dem Absender falsch an. From: steht dort\n"
        "immer nur der Servername statt unseres Firmennamens.\n"
        "Können Sie das bitte ändern?\n",
        "Jonas Keller <jonas@keller-bau.example>",
        "Absender falsch",
    ),
    # A person who labels the parts of their own mail.
    "person-labels-fr": whole(
        "Bonjour,\n"
        "\n"
        "Problème : l'imprimante du deuxième étage n'imprime plus en couleur.\n"
        "Depuis : jeudi dernier\n"
        "Poste : PC-ACCUEIL-02\n"
        "\n"
        "Merci de regarder cela rapidement, nous avons des devis à envoyer.\n",
        "Louise Martin <louise@cabinet-martin.example>",
        "Imprimante couleur",
    ),
    # A person's reply above a quoted message's header with its addresses: the quote
    # goes, whatever fields it holds.
    "person-reply-over-header-en": (
        mail(
            "Thanks, the new VPN profile works on all three laptops now.\n"
            "\n"
            "From: Support <support@helpdesk.example>\n"
            "Sent: Monday, June 2, 2025 9:12 AM\n"
            "To: Ana Reyes <ana@client.example>\n"
            "Subject: VPN profile\n"
            "\n"
            "Hello Ana, please import the attached profile.\n",
            "Ana Reyes <ana@client.example>",
            "RE: VPN profile",
        ),
        "Thanks, the new VPN profile works on all three laptops now.",
    ),
}


@pytest.mark.parametrize("name", sorted(POSITIVE))
def test_the_persons_words_in_a_services_notification(name: str) -> None:
    raw, expected = POSITIVE[name]
    assert parse_message(raw).reply_text == expected


@pytest.mark.parametrize("name", sorted(NEGATIVE))
def test_a_persons_own_mail_with_fields_is_theirs_whole(name: str) -> None:
    raw, expected = NEGATIVE[name]
    assert parse_message(raw).reply_text == expected
