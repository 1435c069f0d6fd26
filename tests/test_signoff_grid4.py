"""Sign-offs of the shapes the first three grids leave out, read from whole mails as the
programs send them (Gmail's UTF-8 quoted-printable beside HTML, Outlook's windows-1252,
Thunderbird's ``format=flowed``, base64, an HTML-only mail):

- the short forms people sign with instead of the given name the From field gives —
  the ones each language makes that no rule derives ("Bob" for Robert, "Peggy" for
  Margaret, "Саша" for Aleksandr, "Pepe" for José, "Kasia" for Katarzyna, "Honza" for
  Jan) and the name clipped with a diminutive ending ("Pili" for Mª Pilar, "Steffi" for
  Stefanie, "Катя" for Yekaterina, "Tomek" for Tomasz), under a thanks, a closing, glued
  to a closing on one line, alone, or above the full signature;
- a From field that gives only an address, the name it spells as mail systems make
  local parts ("jdoe@" for John Doe, "doej@", "johnd@");
- closings as people abbreviate them ("BR", "KR", "Rgds", "VG", "Gr.", "Pozdr.",
  "Cdlt", "Slds", "Abs", "Bjs"), above a name or a block;
- closings of more registers and languages (warm, casual, military, regional), a name
  written family name first in capitals, initials with the family name, a tilde;
- layouts: trailing spaces, blank lines between closing and name, a "-- " signature
  under a short sign-off, ``format=flowed``, base64, HTML only;
- and, what must stay: a closing word that begins a sentence, a list of names the client
  gives, a postscript or a question under the sign-off, a nickname that names someone
  else in the client's sentence, a product or an account named on the last line.

Each case is (the From field, the client's text, the sign-off, the program that sends
it, what of the sign-off may stay: a thanks, which is the writer's words).
"""

from __future__ import annotations

from email.message import EmailMessage
from typing import NamedTuple

import pytest

from mailgate.parse.reader import parse_message
from mailgate.parse.signoff import is_own_name, writer_name
from tests.support.signoff_grid import gmail, headed, with_plain_part

EN = "Hi,\n\nthe VPN client still drops the connection every ten minutes since Monday."
DE = "Hallo,\n\nder VPN-Client trennt seit Montag alle zehn Minuten die Verbindung."
NL = "Hallo,\n\nde VPN-client verbreekt sinds maandag elke tien minuten de verbinding."
SV = "Hej,\n\nVPN-klienten tappar fortfarande anslutningen var tionde minut sedan måndag."
PL = "Dzień dobry,\n\nklient VPN od poniedziałku co dziesięć minut zrywa połączenie."
CS = "Dobrý den,\n\nVPN klient od pondělí každých deset minut ztrácí spojení."
ES = "Hola,\n\nel cliente VPN sigue cortando la conexión cada diez minutos desde el lunes."
PT = "Olá,\n\no cliente VPN continua derrubando a conexão a cada dez minutos desde segunda."
IT = "Buongiorno,\n\nil client VPN continua a perdere la connessione ogni dieci minuti."
FR = "Bonjour,\n\nle client VPN coupe toujours la connexion toutes les dix minutes."
RU = "Добрый день!\n\nVPN-клиент с понедельника каждые десять минут обрывает соединение."
HU = "Jó napot!\n\nA VPN-kliens hétfő óta tízpercenként bontja a kapcsolatot."
TR = "Merhaba,\n\nVPN istemcisi pazartesiden beri her on dakikada bağlantıyı koparıyor."
EL = "Καλημέρα,\n\nο πελάτης VPN κόβει τη σύνδεση κάθε δέκα λεπτά από τη Δευτέρα."


class Case(NamedTuple):
    sender: str
    body: str
    sign_off: str
    program: str = "gmail"
    # What may stay under the body: a thanks above the name, the writer's words.
    said: str = ""


def _nick(code: str, sender: str, body: str, thanks: str, name: str, program: str) -> Case:
    return Case(sender, body, f"{thanks}\n{name}", program, thanks)


CASES: dict[str, Case] = {
    # A short form of the language's own under a thanks: the thanks stays, the name goes.
    **{
        f"nick-{code}": _nick(code, sender, body, thanks, name, program)
        for code, sender, body, thanks, name, program in [
            ("bob", "Robert Smith <r.smith@client.example>", EN, "Thanks,", "Bob", "gmail"),
            ("bill", "William Jones <wjones@client.example>", EN, "Thanks!", "Bill", "outlook"),
            ("peggy", "Margaret Quinn <mq@client.example>", EN, "Thank you,", "Peggy", "gmail"),
            ("mike", "Michael Brown <mb@client.example>", EN, "Many thanks,", "Mike", "flowed"),
            ("betty", "Elizabeth Hart <eh@client.example>", EN, "Thanks,", "Betty", "base64"),
            ("sasha", "Aleksandr Ivanov <ai@client.example>", RU, "Спасибо!", "Саша", "gmail"),
            ("misha", "Mikhail Orlov <mo@client.example>", RU, "Спасибо,", "Миша", "base64"),
            ("dima", "Dmitry Sokolov <ds@client.example>", RU, "Спасибо,", "Дима", "gmail"),
            ("zhenya", "Yevgeny Popov <yp@client.example>", RU, "Спасибо,", "Женя", "gmail"),
            ("pepe", "José García López <jg@client.example>", ES, "Gracias,", "Pepe", "gmail"),
            ("paco", "Francisco Ruiz <fr@client.example>", ES, "Muchas gracias,", "Paco", "html"),
            ("nacho", "Ignacio Moreno <im@client.example>", ES, "Gracias,", "Nacho", "outlook"),
            ("beppe", "Giuseppe Verdi <gv@client.example>", IT, "Grazie,", "Beppe", "gmail"),
            ("gigi", "Luigi Bianchi <lb@client.example>", IT, "Grazie mille,", "Gigi", "gmail"),
            ("kasia", "Katarzyna Nowak <kn@client.example>", PL, "Dziękuję,", "Kasia", "gmail"),
            ("kuba", "Jakub Wiśniewski <jw@client.example>", PL, "Dzięki,", "Kuba", "flowed"),
            ("honza", "Jan Dvořák <jd@client.example>", CS, "Děkuji,", "Honza", "gmail"),
            ("sepp", "Josef Huber <jh@client.example>", DE, "Danke,", "Sepp", "outlook"),
            ("kees", "Cornelis de Boer <cdb@client.example>", NL, "Bedankt,", "Kees", "gmail"),
            ("pisti", "Nagy István <ni@client.example>", HU, "Köszönöm,", "Pisti", "gmail"),
            ("giannis", "Ioannis Pappas <ip@client.example>", EL, "Ευχαριστώ,", "Γιάννης", "gmail"),
        ]
    },
    # The given name clipped, a diminutive ending added, under a thanks.
    **{
        f"clipped-{code}": _nick(code, sender, body, thanks, name, program)
        for code, sender, body, thanks, name, program in [
            (
                "pili",
                "Mª Pilar Fernández Ruiz <mpf@client.example>",
                ES,
                "Gracias,",
                "Pili",
                "gmail",
            ),
            ("steffi", "Stefanie Braun <sb@client.example>", DE, "Danke,", "Steffi", "gmail"),
            ("andi", "Andreas Keller <ak@client.example>", DE, "Danke!", "Andi", "outlook"),
            ("danny", "Daniel Katz <dk@client.example>", EN, "Thanks,", "Danny", "gmail"),
            ("jenny", "Jennifer Lowe <jl@client.example>", EN, "Thanks,", "Jenny", "flowed"),
            ("katie", "Katherine Bell <kb@client.example>", EN, "Thank you!", "Katie", "gmail"),
            ("katya", "Yekaterina Volkova <kv@client.example>", RU, "Спасибо,", "Катя", "gmail"),
            ("nastya", "Anastasia Orlova <ao@client.example>", RU, "Спасибо!", "Настя", "html"),
            ("tomek", "Tomasz Zieliński <tz@client.example>", PL, "Dzięki,", "Tomek", "gmail"),
            ("jirka", "Jiří Černý <jc@client.example>", CS, "Díky,", "Jirka", "gmail"),
            ("juanito", "Juan Pérez <jp@client.example>", ES, "Gracias,", "Juanito", "gmail"),
            (
                "ronaldinho",
                "Ronaldo Lima <rl@client.example>",
                PT,
                "Obrigado,",
                "Ronaldinho",
                "gmail",
            ),
        ]
    },
    # A short form under a closing, glued to it, alone, or above the full signature.
    "nick-glued-thanks": Case(
        "Robert Smith <rs@client.example>", EN, "Thanks, Bob", said="Thanks,"
    ),
    "nick-glued-cheers": Case("William Jones <wj@client.example>", EN, "Cheers, Bill"),
    "nick-glued-danke": Case(
        "Stefanie Braun <sb@client.example>", DE, "Danke und Gruß, Steffi", said="Danke und Gruß,"
    ),
    "nick-alone": Case("Robert Smith <rs@client.example>", EN, "Bob"),
    "nick-dashed": Case("Margaret Quinn <mq@client.example>", EN, "-Peggy"),
    "nick-closing-block": Case(
        "Robert Smith <rs@client.example>",
        EN,
        "Thanks,\nBob\n\nRobert Smith\nIT Manager | Smith & Sons Ltd\n+44 20 7946 0312",
        said="Thanks,",
    ),
    "nick-ru-block": Case(
        "Aleksandr Ivanov <ai@client.example>",
        RU,
        "Спасибо!\nСаша\n\n--\nАлександр Иванов\nсистемный администратор\nООО «Пример»",
        "flowed",
        said="Спасибо!",
    ),
    "nick-es-saludos": Case(
        "Francisco Ruiz <fr@client.example>", ES, "Un saludo,\n\nPaco\n\nEnviado desde mi iPhone"
    ),
    # Only an address in From: the name it spells as mail systems make local parts.
    "handle-initial-family": Case("jdoe@client.example", EN, "Thanks,\nJohn Doe", said="Thanks,"),
    "handle-family-initial": Case("doej@client.example", EN, "Thanks!\nJohn Doe", said="Thanks!"),
    "handle-run-together": Case(
        "annaberg@client.example", SV, "Tack,\nAnna Berg\nEkonomiansvarig", said="Tack,"
    ),
    "handle-dotted": Case("john.doe@client.example", EN, "Thanks,\nJohn", said="Thanks,"),
    "handle-block": Case(
        "mkovacs@client.example",
        HU,
        "Köszönöm,\nMárta Kovács\nirodavezető\nPélda Kft.",
        said="Köszönöm,",
    ),
    # A From field that names a mailbox, not a person: the name under a thanks is the
    # signer's whoever it is.
    "mailbox-accounts": Case(
        "Accounts <accounts@client.example>", EN, "Thanks,\nMaria", said="Thanks,"
    ),
    "mailbox-address-only": Case(
        "info@client.example", EN, "Many thanks,\nTom Baker", said="Many thanks,"
    ),
    "mailbox-company": Case("Acme Ltd <hello@client.example>", EN, "Thanks!\nTom", said="Thanks!"),
    "mailbox-de-empfang": Case(
        "Empfang Praxis Dr. Albers <empfang@client.example>",
        DE,
        "Danke,\nSabine",
        "outlook",
        "Danke,",
    ),
    "mailbox-vi-department": Case(
        "Phòng Kế toán – Minh Phát <ketoan@client.example>",
        "Chào anh,\n\nphần mềm VPN vẫn mất kết nối mười phút một lần.",
        "Cảm ơn,\nLan",
        said="Cảm ơn,",
    ),
    "mailbox-es-oficina": Case(
        "Oficina Central <oficina@client.example>", ES, "Gracias,\nLucía", "base64", "Gracias,"
    ),
    # A name in ideographs whose reading the From field's Latin letters do not spell as
    # anyascii reads them: a Japanese name, a Cantonese romanisation.
    "ideographs-ja": Case(
        "Tanaka Yuki <y.tanaka@client.example>",
        "お世話になっております。\n\nVPNの接続が10分ごとに切れます。",
        "ありがとうございます。\n田中",
        said="ありがとうございます。",
    ),
    "ideographs-ja-closing": Case(
        "Yamada Taro <t.yamada@client.example>",
        "お世話になっております。\n\nVPNの接続が10分ごとに切れます。",
        "よろしくお願いいたします。\n山田 太郎",
    ),
    "ideographs-yue": Case(
        "Chan Tai Man <tm.chan@client.example>",
        "您好！\n\nVPN每十分鐘就斷線一次。",
        "謝謝！\n陳大文",
        said="謝謝！",
    ),
    # A name in a script whose spelling in Latin letters differs from anyascii's: Thai,
    # which writes no inherent vowel; Ukrainian "г" for h; Bengali "ফ" for f.
    "script-th": Case(
        "Somchai Jaidee <somchai@client.example>",
        "สวัสดีครับ\n\nโปรแกรม VPN หลุดการเชื่อมต่อทุกสิบนาทีตั้งแต่วันจันทร์",
        "ขอบคุณครับ\nสมชาย",
        said="ขอบคุณครับ",
    ),
    "script-th-block": Case(
        "Thanakorn Srisuk <thanakorn@client.example>",
        "สวัสดีครับ\n\nโปรแกรม VPN หลุดการเชื่อมต่อทุกสิบนาทีตั้งแต่วันจันทร์",
        "ขอบคุณครับ\nธนากร",
        said="ขอบคุณครับ",
    ),
    "script-uk-h": Case(
        "Serhiy Melnyk <s.melnyk@client.example>",
        "Доброго дня!\n\nVPN-клієнт з понеділка кожні десять хвилин розриває з'єднання.",
        "Дякую!\nСергій",
        said="Дякую!",
    ),
    "script-uk-yevhen": Case(
        "Yevhen Koval <y.koval@client.example>",
        "Доброго дня!\n\nVPN-клієнт з понеділка кожні десять хвилин розриває з'єднання.",
        "З повагою,\nЄвген",
    ),
    "script-bn": Case(
        "Arif Hossain <arif@client.example>",
        "নমস্কার,\n\nসোমবার থেকে VPN প্রতি দশ মিনিটে সংযোগ হারাচ্ছে।",
        "ধন্যবাদ,\nআরিফ",
        said="ধন্যবাদ,",
    ),
    # Closings as people abbreviate them.
    "abbr-br": Case("Jo Client <jo@client.example>", EN, "BR\nJo Client\nIT Manager\nAcme Ltd"),
    "abbr-br-comma": Case("Jo Client <jo@client.example>", EN, "BR,\nJo"),
    "abbr-kr": Case("Jo Client <jo@client.example>", EN, "KR,\n\nJo Client\nAcme Ltd"),
    "abbr-rgds": Case("Jo Client <jo@client.example>", EN, "Rgds.\nJo"),
    "abbr-brgds": Case("Office <office@client.example>", EN, "Brgds\nJo Client\n+44 20 7946 0501"),
    "abbr-vg": Case("Jonas Weber <jw@client.example>", DE, "VG\nJonas"),
    "abbr-vg-block": Case(
        "Jonas Weber <jw@client.example>",
        DE,
        "VG Jonas\n\n-- \nJonas Weber\nLeiter IT\nBeispiel GmbH\nTel. +49 30 1234567",
        "flowed",
    ),
    "abbr-bg": Case("Jonas Weber <jw@client.example>", DE, "BG\nJonas Weber"),
    "abbr-nl-gr": Case("Jan Visser <jv@client.example>", NL, "Gr.\nJan"),
    "abbr-nl-grtz": Case("Jan Visser <jv@client.example>", NL, "Grtz,\nJan"),
    "abbr-pl": Case("Piotr Nowak <pn@client.example>", PL, "Pozdr.\nPiotr"),
    "abbr-pl-pzdr": Case("Piotr Nowak <pn@client.example>", PL, "Pzdr\nPiotr Nowak\nKierownik IT"),
    "abbr-fr": Case("Claire Martin <cm@client.example>", FR, "Cdlt,\nClaire Martin"),
    "abbr-es": Case("Juan Pérez <jp@client.example>", ES, "Slds,\nJuan"),
    "abbr-pt-abs": Case("Ana Souza <as@client.example>", PT, "Abs\nAna"),
    "abbr-pt-bjs": Case("Ana Souza <as@client.example>", PT, "Bjs,\nAna Souza"),
    "abbr-shared-mailbox": Case("Info <info@client.example>", EN, "KR\nJo Client\nAcme Ltd"),
    # More registers and languages.
    "en-warmly": Case("Jo Client <jo@client.example>", EN, "Warmly,\nJo"),
    "en-talk-soon": Case("Jo Client <jo@client.example>", EN, "Talk soon,\nJo"),
    "en-military": Case("Jo Client <jo@client.example>", EN, "V/r,\nJo Client\nOperations Officer"),
    "en-yours": Case("Jo Client <jo@client.example>", EN, "Yours,\nJo"),
    "de-servus": Case("Jonas Weber <jw@client.example>", DE, "Servus\nJonas"),
    "de-bis-bald": Case("Jonas Weber <jw@client.example>", DE, "Bis bald,\nJonas"),
    "de-schoene": Case(
        "Jonas Weber <jw@client.example>",
        DE,
        "Schöne Grüße\nJonas Weber\nLeiter IT\nBeispiel GmbH",
        "outlook",
    ),
    "sv-basta": Case("Lars Holm <lh@client.example>", SV, "Bästa hälsningar,\nLars"),
    "sv-mvh-same-line": Case("Lars Holm <lh@client.example>", SV, "Mvh Lars"),
    "sv-block": Case(
        "Lars Holm <lh@client.example>",
        SV,
        "Med vänlig hälsning\nLars Holm\nEkonomichef\nExempel AB\n08-123 456 78",
    ),
    "cs-hezky-den": Case("Jan Novák <jn@client.example>", CS, "Hezký den,\nJan"),
    "hu-szep-napot": Case("Kovács Péter <kp@client.example>", HU, "Szép napot!\nPéter"),
    "tr-sevgiler": Case("Ayşe Yılmaz <ay@client.example>", TR, "Sevgiler,\nAyşe"),
    "es-madrid": Case(
        "Juan Pérez <jp@client.example>", ES, "Saludos cordiales desde Madrid,\nJuan"
    ),
    "es-besos": Case("Juan Pérez <jp@client.example>", ES, "Besos,\nJuan"),
    "it-caro": Case("Marco Rossi <mr@client.example>", IT, "Un caro saluto,\nMarco"),
    "fr-amicalement": Case("Claire Martin <cm@client.example>", FR, "Amicalement,\nClaire"),
    "fr-bises": Case("Claire Martin <cm@client.example>", FR, "Bises,\nClaire"),
    "fr-continuation": Case("Claire Martin <cm@client.example>", FR, "Bonne continuation,\nClaire"),
    "ru-vsego-horoshego": Case("Ivan Petrov <ip@client.example>", RU, "Всего хорошего,\nИван"),
    "pt-beijos": Case("Ana Souza <as@client.example>", PT, "Beijos,\nAna"),
    # The closing and the name with a title on one line; closings side by side.
    "one-line-title": Case(
        "Jo Client <jo@client.example>", EN, "Best regards, Jo Client, IT Manager"
    ),
    "one-line-company": Case(
        "Jo Client <jo@client.example>", EN, "Kind regards, Jo Client | Acme Ltd"
    ),
    "three-closings": Case(
        "Jo Client <jo@client.example>",
        EN,
        "Best regards / Mit freundlichen Grüßen / Cordialement\nJo Client",
    ),
    # A double given name with a hyphen where the From field writes a space, and the
    # other way round.
    "double-given-hyphen": Case(
        "Anna Maria Berg <amb@client.example>", EN, "Thanks,\nAnna-Maria", said="Thanks,"
    ),
    "double-given-space": Case(
        "Jean-Pierre Dubois <jpd@client.example>", FR, "Merci,\nJean Pierre", said="Merci,"
    ),
    # Names as they are written: family name first in capitals, initial and family name,
    # a tilde.
    "family-capitals": Case("Doe John <jd@client.example>", EN, "Regards,\nDOE John"),
    "initial-family": Case("John Smith <js@client.example>", EN, "J. Smith"),
    "tilde": Case("Anna Berg <ab@client.example>", EN, "~Anna"),
    "tilde-spaced": Case("Anna Berg <ab@client.example>", EN, "~ Anna"),
    # A note of the signature's own under it — hours, a closure, a new address, a
    # booking line — right under its lines or a blank line lower.
    **{
        f"note-{code}": Case(sender, body, sign_off, program)
        for code, sender, body, sign_off, program in [
            (
                "en-hours",
                "Jo Client <jo@client.example>",
                EN,
                "Best regards,\nJo Client\nIT Manager\nAcme Ltd\nMy working hours may not be "
                "your working hours. Please do not feel obliged to reply outside of yours.",
                "gmail",
            ),
            (
                "en-closure",
                "info@client.example",
                EN,
                "Kind regards,\nJo Client\nOffice Manager | Acme Ltd\n+44 20 7946 0188\n\n"
                "We are closed from 23 December to 2 January.",
                "outlook",
            ),
            (
                "en-booking",
                "Jo Client <jo@client.example>",
                EN,
                "Best,\nJo Client\nIllustration & Design\nwww.joclient.example\n"
                "Now booking projects for Q3!",
                "gmail",
            ),
            (
                "de-urlaub",
                "Jonas Weber <jw@client.example>",
                DE,
                "Viele Grüße\nJonas Weber\nLeiter IT\nBeispiel GmbH\nTel. +49 30 1234567\n\n"
                "Vom 4. bis 15. August bin ich im Urlaub.",
                "flowed",
            ),
            (
                "fr-adresse",
                "Claire Martin <cm@client.example>",
                FR,
                "Cordialement,\nClaire Martin\nResponsable administrative\nExemple SAS\n"
                "Nouvelle adresse à partir du 1er juillet : 5 rue du Port, 69002 Lyon",
                "gmail",
            ),
            (
                "en-booking-link",
                "info@client.example",
                EN,
                "Best regards,\nJo Client\nIT Manager\nAcme Ltd\n"
                "Book a meeting with me: https://bookings.client.example/jo",
                "gmail",
            ),
            (
                "en-hours-wrapped",
                "Jo Client <jo@client.example>",
                EN,
                "Best regards,\nJo Client\nIT Manager\nAcme Ltd\n+44 20 7946 0188\n\n"
                "My working hours may not be your working hours. Please do\nnot feel "
                "obliged to reply outside of your normal working\nhours.",
                "outlook",
            ),
            (
                "es-horario",
                "Juan Pérez <jp@client.example>",
                ES,
                "Un saludo,\nJuan Pérez\nJefe de Compras\nEjemplo S.L.\n91 123 45 67\n"
                "Horario de oficina: de lunes a jueves, de 9 a 14 h.",
                "base64",
            ),
        ]
    },
    # Layouts.
    "trailing-spaces": Case(
        "Jo Client <jo@client.example>", EN, "Best regards,   \nJo Client   \nIT Manager  "
    ),
    "blank-lines": Case(
        "Jo Client <jo@client.example>", EN, "Kind regards,\n\n\nJo Client\n\nAcme Ltd"
    ),
    "flowed-soft-breaks": Case(
        "Robert Smith <rs@client.example>",
        EN,
        "Cheers, \nBob \n\n-- \nRobert Smith\nAcme Ltd",
        "flowed",
    ),
    "question-then-person-and-address": Case(
        "Jane Doe <jane@client.example>",
        f"{EN} Could you check it?",
        "Jane Doe\nAcme Ltd\n12 Market Street\nLeeds LS1 6DT",
    ),
    "html-only-block": Case(
        "Jonas Weber <jw@client.example>",
        DE,
        "Viele Grüße\nJonas Weber\nLeiter IT | Beispiel GmbH\nTel. +49 30 1234567",
        "html",
    ),
}


def _html_only(text: str, msg: EmailMessage) -> None:
    paragraphs = "".join(f"<div>{line or '<br>'}</div>" for line in text.split("\n"))
    msg.set_content(f"<html><body>{paragraphs}</body></html>", subtype="html", charset="utf-8")


def mail(text: str, sender: str, program: str) -> bytes:
    date = "Tue, 10 Jun 2025 09:12:00 +0200"
    msg = headed(sender, "RE: [#6120] VPN", date, "<grid4-signoff@client.example>")
    if program in ("outlook", "base64", "flowed"):
        return with_plain_part(msg, text, program)
    if program == "html":
        _html_only(text, msg)
    else:
        gmail(text, msg, escaped=False)
    return msg.as_bytes()


QUOTE = (
    "\n\nOn Tue, Jun 10, 2025 at 8:40 AM Helpdesk <support@helpdesk.example> wrote:\n"
    "> Hello,\n>\n> could you send us the client's log?\n>\n> Kind regards,\n> Support\n"
)


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("place", ["end", "above-quote"])
def test_a_sign_off_of_a_shape_the_grids_left_out_goes(case: str, place: str) -> None:
    c = CASES[case]
    text = f"{c.body}\n\n{c.sign_off}" + (QUOTE if place == "above-quote" else "\n")
    got = parse_message(mail(text, c.sender, c.program)).reply_text
    allowed = [c.body.split()]
    if c.said:
        allowed.append(f"{c.body}\n{c.said}".split())
    assert got.split() in allowed, got


# The client's last lines that only look like a sign-off: they stay, whatever the From
# field gives — the writer's name, a name whose short form the text holds, none.
KEPT = {
    "closing-word-sentence": f"{EN}\n\nBest regards to your team for the fast fix.",
    "kind-regards-sentence": f"{EN}\n\nKind regards from all of us, the old version works.",
    "cheers-sentence": f"{EN}\n\nCheers for the quick answer, it works now.",
    "regards-to": f"{EN}\n\nRegards to Tom, he fixed it last time!",
    "de-gruesse-an": f"{DE}\n\nViele Grüße an Frau Weber, sie hat uns sehr geholfen.",
    "es-saludos-a": f"{ES}\n\nSaludos a Marta de mi parte, nos ayudó mucho.",
    "nl-groetjes-aan": f"{NL}\n\nGroetjes aan het hele team, jullie waren snel!",
    "pl-pozdrawiam-sentence": f"{PL}\n\nPozdrawiam serdecznie cały zespół, dobra robota.",
    "ru-uvazheniem-sentence": f"{RU}\n\nС уважением к вашей работе, но проблема осталась.",
    "names-announced": f"{EN}\n\nPlease add these users:\nJohn Doe\nJane Roe",
    "names-announced-apart": f"{EN}\n\nPlease add:\n\nJohn Doe\nJane Roe",
    "names-unannounced": (
        f"{EN}\n\nNew users for the portal\n\nMaria Lopez\nKenji Watanabe\nSofia Rossi"
    ),
    "nicknames-listed": f"{EN}\n\nThese two still cannot log in:\n\nBob\nPeggy",
    "nickname-in-sentence": f"{EN}\n\nBob from accounts has the same problem.",
    "product": f"{EN}\n\nThe affected model is\n\nBrother HL-L2350DW",
    "system": f"{EN}\n\nIt happens only on\n\nWindows 11 Pro",
    "plan": f"{EN}\n\nWhich one should we buy?\n\nMicrosoft 365 Business Standard",
    "new-office-manager": f"{EN}\n\nOur new office manager is\n\nGrace Hopper",
    "display-name": f"{EN}\n\nPlease change the display name to:\n\nRose Garden",
    "site-contact": (
        f"{EN}\n\nContact person on site:\nMark Stone\nFacility Manager\n+44 20 7946 0011"
    ),
    "account-name": f"{EN}\n\nThe new account should be named\n\nSummer Sale",
    "user-name-word": f"{EN}\n\nThe user name is\n\nHope",
    "steps": f"{EN}\n\nWe tried:\n\n1. Restart\n2. Clear cache\n\nBoth failed.",
    "ship-to": (
        f"{DE}\n\nBitte schicken Sie das Gerät an\nAcme GmbH\nz. Hd. Jonas Weber\n"
        "Hauptstraße 1\n10115 Berlin"
    ),
    "abbreviation-in-sentence": f"{EN}\n\nBR 2 and KR 7 are the affected branches.",
    "address-asked": (
        f"{EN}\n\nIs this the right address?\n\nAcme Ltd\n12 Market Street\nLeeds LS1 6DT"
    ),
    "address-asked-de": (
        f"{DE}\n\nIst das die richtige Adresse?\n\nBeispiel GmbH\nHauptstraße 1\n10115 Berlin"
    ),
    "address-asked-fr": (
        f"{FR}\n\nEst-ce bien la bonne adresse ?\n\nExemple SAS\n12 rue de la Gare\n75010 Paris"
    ),
    "note-under-bare-closing": (
        f"{EN}\n\nBest regards,\nJo\n\nWe are closed from 23 December to 2 January."
    ),
    "form-fields-then-message": (
        "A visitor wrote through the website.\n\nCompany: Acme Ltd\nContact: Jo Client\n"
        "Phone: +44 20 7946 0188\n\nMessage:\nThe VPN client drops the connection every ten "
        "minutes.\nPlease call me back."
    ),
    "contact-given-then-statement": (
        f"{EN}\n\nOur new contact person\n\nJane Roe\nHead of Finance\nAcme Ltd\n"
        "+44 20 7946 0100\n\nShe starts on Monday."
    ),
    "closing-sentence-comma-fields": f"{EN}\n\nBest regards, and thanks for the call, it helped.",
    "title-under-thanks": f"{EN}\n\nThanks,\nIT Manager",
    "ideographs-in-sentence": "您好！\n\nVPN每十分鐘就斷線一次。\n\n請聯絡陳先生。",
    # Ideographs under a thanks that are words, not a name: "see you tomorrow".
    "ideographs-under-thanks": "您好！\n\nVPN每十分钟就断线一次，请尽快回复。\n\n谢谢\n明天见",
}
KEPT_SENDERS = [
    "Robert Smith <rs@client.example>",
    "Accounts <accounts@client.example>",
    "Jo Client <jo@client.example>",
    "info@client.example",
    "jdoe@client.example",
]


@pytest.mark.parametrize("case", list(KEPT))
@pytest.mark.parametrize("sender", KEPT_SENDERS)
def test_a_last_paragraph_that_only_looks_like_a_sign_off_stays(case: str, sender: str) -> None:
    text = KEPT[case]
    got = parse_message(mail(text + "\n", sender, "gmail")).reply_text
    assert got.split() == text.split(), got


# A last line that is a word and a short form of the writer's name too: under the
# text, not alone in its paragraph, it is the text's.
WORDS_THAT_ARE_SHORT_FORMS = [
    ("Joanna Nowak <jn@client.example>", f"{EN} We also ship to\nAsia"),
    ("William Jones <wj@client.example>", f"{EN} The amount is on the\nBill"),
    ("Guillermo Ruiz <gr@client.example>", f"{ES} Adjunto el\nMemo"),
    ("Susan Miller <sm@client.example>", f"{EN} Our lawyer will\nSue"),
]


@pytest.mark.parametrize(("sender", "text"), WORDS_THAT_ARE_SHORT_FORMS)
def test_a_word_under_the_text_that_is_a_short_form_stays(sender: str, text: str) -> None:
    got = parse_message(mail(text + "\n", sender, "gmail")).reply_text
    assert got.split() == text.split(), got


# A sign-off with a postscript or a question under it: the sign-off goes, what the writer
# typed under it stays.
AFTERTHOUGHTS = {
    "question-under-block": (
        "Best regards,\nJo Client\nIT Manager\nAcme Ltd\n+44 20 7946 0188",
        "Are you also closed over Christmas?",
    ),
    "ps-under-block": (
        "Viele Grüße\nJonas Weber\nLeiter IT\nBeispiel GmbH",
        "PS: Vom 4. bis 15. August bin ich im Urlaub.",
    ),
    "ps-under-nick": ("Thanks,\nBob", "P.S. The invoice number is 4711."),
    "ps-under-abbr": ("BR\nJo", "PS: the printer in room 4 too"),
    "question-under-abbr": ("Rgds,\nJo", "One more thing: can you also reset Anna's password?"),
    "de-nachtrag": ("VG\nJonas", "P.S. Das Problem tritt nur im Chrome auf."),
}


@pytest.mark.parametrize("case", list(AFTERTHOUGHTS))
def test_what_the_writer_typed_under_a_sign_off_stays(case: str) -> None:
    sign_off, after = AFTERTHOUGHTS[case]
    text = f"{EN}\n\n{sign_off}\n\n{after}\n"
    got = parse_message(mail(text, "Robert Smith <rs@client.example>", "gmail")).reply_text
    assert got.split()[-len(after.split()) :] == after.split(), got
    assert got.startswith(EN), got
    assert sign_off.split("\n")[-1] not in got.splitlines(), got


@pytest.mark.parametrize(
    ("typed", "name", "short"),
    [
        ("Bob", "Robert Smith", False),
        ("Sasha", "Alexander Petrov", False),
        ("Саша", "Aleksandr Petrov", False),
        ("Pepe", "José María Ruiz", False),
        ("Kasia", "Katarzyna Nowak", False),
        ("Pili", "Mª Pilar Fernández Ruiz", True),
        ("Steffi", "Stefanie Braun", True),
        ("Катя", "Ekaterina Volkova", True),
        ("Toni", "José Antonio Ruiz Gil", True),
        ("John Doe", "Jdoe", False),
        ("John Doe", "Doej", False),
    ],
)
def test_a_short_form_is_the_writers_name(typed: str, name: str, short: bool) -> None:
    assert is_own_name(typed, name, short=short)


@pytest.mark.parametrize(
    ("typed", "name", "short"),
    [
        # A diminutive only counts under a closing; an unrelated name never.
        ("Steffi", "Stefanie Braun", False),
        ("Bob", "Barbara Smith", True),
        ("Peggy", "Robert Smith", True),
        # A name's other-gender form is someone else's name, not a pet name.
        ("Marta", "Martin Berg", True),
        ("Carla", "Carlos Ruiz", True),
        ("Paola", "Paolo Rossi", True),
        ("Danny", "Anna Berg", True),
        ("Kasia", "Katherine Bell", True),
        ("Jane Roe", "Jdoe", False),
        ("Jo", "Jdoe", True),
    ],
)
def test_another_name_is_not_the_writers(typed: str, name: str, short: bool) -> None:
    assert not is_own_name(typed, name, short=short)


def test_an_address_alone_gives_the_handle_the_signed_name_is_read_against() -> None:
    assert writer_name("", "jdoe@client.example") == "Jdoe"
    assert is_own_name("John Doe", writer_name("", "jdoe@client.example"))
