"""A second grid of footers and services' wrappers: the shapes the first grids
(``test_footers_grid.py``, ``test_wrappers_grid.py``) do not hold.

- list footers in the other languages their programs write them in (Google Groups in
  some fifteen, Mailman 3's translated templates, Sympa's and a list owner's own);
- mobile and mail programs' footers in many languages, antivirus stamps with the
  markers a webmail keeps of them, a mail tracker's line, confidentiality notices in
  more languages;
- services' notifications that carry a person's words inside a template: contact
  forms in their translated layouts, shop messages, telephone systems' voicemail.

Each footer is tried under the client's text, under their signature, under the quote
they answered above, under their text written below the quote, and right under their
last line (a program that appends its
footer without a blank line); each mail is written as its
program sends it (charset, transfer encoding, the list's header fields, ``format=flowed``
wrapping), and what the client wrote must read the same with the footer as without it.
A client's own sentence that mentions an iPhone, unsubscribing, a virus,
confidentiality or a "Message:" label stays.
"""

from __future__ import annotations

import quopri
from dataclasses import dataclass
from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP
from functools import cache

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support import footer_grid as grid

# -- what clients write ------------------------------------------------------------------

# The text, and whether it ends with a signature the reader removes.
CLIENTS = {
    "en": (
        "Hi team,\n\nThe nightly backup of the file server failed again with error 0x80070005."
        " Could you check the permissions on the target share?\n\nThanks,\nOwen Price"
    ),
    "de": (
        "Hallo,\n\ndie Zeiterfassung zeigt seit Montag bei allen Kolleginnen im Lager falsche "
        "Pausenzeiten an. Können Sie das bitte prüfen?\n\nViele Grüße\nSabine Krüger"
    ),
    "fr": (
        "Bonjour,\n\nle lecteur de badges de l'entrée B ne s'allume plus depuis ce matin. "
        "Pouvez-vous envoyer quelqu'un cet après-midi ?\n\nCordialement,\nLuc Girard"
    ),
    "es": (
        "Hola,\n\nel correo de la cuenta de facturación no recibe nada desde el viernes; los "
        "clientes dicen que les rebota."
    ),
    "pt": (
        "Olá,\n\na impressora da recepção voltou a imprimir páginas em branco.\n\nJá troquei o "
        "toner e reiniciei, mas continua igual. Podem verificar?"
    ),
    "it": "Buongiorno, il gestionale si blocca ogni volta che apro l'anagrafica clienti.",
    "ru": (
        "Здравствуйте!\n\nПосле обновления принтер в бухгалтерии печатает только половину "
        "страницы. Посмотрите, пожалуйста, сегодня.\n\nС уважением,\nОльга Смирнова"
    ),
    "ja": (
        "お世話になっております。\n\n昨日から会議室のプロジェクターが映らなくなりました。"
        "本日中に確認していただけますでしょうか。"
    ),
    "pl": (
        "Dzień dobry,\n\nod rana nie działa nam drukarka w magazynie, pokazuje błąd 50.1.\n\n"
        "Pozdrawiam\nTomasz Nowak"
    ),
}

# The name each client's From field gives, which they sign with.
WRITERS = {
    "en": "Owen Price",
    "de": "Sabine Krüger",
    "fr": "Luc Girard",
    "ru": "Ольга Смирнова",
    "pl": "Tomasz Nowak",
}
# The quote a client answers above: Gmail's attribution and the quoted lines.
QUOTE = (
    "On Mon, 2 Jun 2025 at 09:12, Acme Support <support@acme.example> wrote:\n"
    "> Hello,\n>\n> could you tell us which server the error appears on?\n>\n> Acme Support"
)
GRID = grid.Clients(CLIENTS, WRITERS, QUOTE)


# -- list footers in other languages -------------------------------------------------------

GROUP = "acme-users"
MSGID = f"https://groups.google.com/d/msgid/{GROUP}/CAF7x2q%40mail.gmail.com"
OPTOUT = "https://groups.google.com/d/optout"
UNSUB = f"{GROUP}+unsubscribe@googlegroups.com"

GOOGLE_GROUPS = {
    "de": (
        "Sie erhalten diese Nachricht, weil Sie Mitglied der Google Groups-Gruppe „Acme "
        "Users“ sind.\nWenn Sie sich von dieser Gruppe abmelden und keine E-Mails mehr von "
        f"dieser Gruppe erhalten möchten, senden Sie eine E-Mail an {UNSUB}.\nUm diese "
        f"Diskussion zu besuchen, gehen Sie zu {MSGID}."
    ),
    "fr": (
        "Vous avez reçu ce message, car vous êtes abonné au groupe « Acme Users » de Google "
        "Groupes.\nPour vous désabonner de ce groupe et ne plus recevoir d'e-mails le "
        f"concernant, envoyez un e-mail à l'adresse {UNSUB}.\nPour obtenir davantage "
        f"d'options, consultez la page {OPTOUT}."
    ),
    "es": (
        'Has recibido este mensaje porque estás suscrito al grupo "Acme Users" de Grupos '
        "de Google.\nPara anular la suscripción a este grupo y dejar de recibir sus "
        f"mensajes, envía un correo electrónico a {UNSUB}.\nPara obtener más opciones, "
        f"visita {OPTOUT}."
    ),
    "pt": (
        'Você está recebendo esta mensagem porque se inscreveu no grupo "Acme Users" dos '
        "Grupos do Google.\nPara cancelar inscrição nesse grupo e parar de receber e-mails "
        f"dele, envie um e-mail para {UNSUB}.\nPara mais opções, acesse {OPTOUT}."
    ),
    "it": (
        'Hai ricevuto questo messaggio perché sei iscritto al gruppo "Acme Users" di Google '
        "Gruppi.\nPer annullare l'iscrizione a questo gruppo e non ricevere più le sue "
        f"email, invia un'email a {UNSUB}.\nPer altre opzioni visita {OPTOUT}."
    ),
    "nl": (
        "Je hebt dit bericht ontvangen, omdat je bent geabonneerd op de groep 'Acme Users' "
        "van Google Groepen.\nAls je je wilt afmelden bij deze groep en geen e-mails meer van "
        f"deze groep wilt ontvangen, stuur je een e-mail naar {UNSUB}.\nGa naar {OPTOUT} "
        "voor meer opties."
    ),
    "pl": (
        "Otrzymujesz tę wiadomość, ponieważ subskrybujesz grupę „Acme Users” w Grupach "
        "Google.\nAby anulować subskrypcję tej grupy i przestać otrzymywać od niej e-maile, "
        f"wyślij e-maila na adres {UNSUB}.\nAby wyświetlić tę dyskusję w internecie, otwórz "
        f"{MSGID}."
    ),
    "ru": (
        'Вы получили это сообщение, поскольку подписаны на группу "Acme Users".\nЧтобы '
        "отменить подписку на эту группу и больше не получать от нее сообщения, отправьте "
        f"письмо на электронный адрес {UNSUB}.\nЧтобы посмотреть обсуждение на "
        f"веб-странице, перейдите по ссылке {MSGID}."
    ),
    "ja": (
        "このメールは Google グループのグループ「Acme Users」の登録者に送られています。\n"
        f"このグループから退会し、グループからのメールの配信を停止するには {UNSUB} "
        f"にメールを送信してください。\nその他のオプションについては {OPTOUT} "
        "にアクセスしてください。"
    ),
    "zh-cn": (
        "您收到此邮件是因为您订阅了 Google 网上论坛上的“Acme Users”群组。\n"
        f"要退订此群组并停止接收此群组的电子邮件，请发送电子邮件到 {UNSUB}。\n"
        f"要在网络上查看此讨论，请访问 {MSGID}。"
    ),
    "zh-tw": (
        "您已訂閱 Google 網上論壇的「Acme Users」群組，因此我們特別傳送這封郵件通知您。\n"
        f"如要取消訂閱這個群組並停止接收這個群組的電子郵件，請傳送電子郵件到 {UNSUB}。\n"
        f"如要查看這個討論，請前往 {MSGID}。"
    ),
    "ko": (
        "이 메일은 Google 그룹스 'Acme Users' 그룹에 가입한 분들에게 전송되는 메시지입니다.\n"
        f"이 그룹에서 탈퇴하고 더 이상 이메일을 받지 않으려면 {UNSUB}에 이메일을 보내세요.\n"
        f"이 토론을 보려면 {MSGID}을(를) 방문하세요."
    ),
    "sv": (
        'Du får det här meddelandet eftersom du prenumererar på gruppen "Acme Users" i '
        "Google Grupper.\nOm du vill sluta prenumerera på gruppen och inte längre få e-post "
        f"från den skickar du ett e-postmeddelande till {UNSUB}.\nOm du vill visa "
        f"diskussionen på webben går du till {MSGID}."
    ),
    "tr": (
        'Bu iletiyi, Google Gruplar\'daki "Acme Users" grubuna abone olduğunuz için '
        "aldınız.\nBu gruptan aboneliğinizi iptal etmek ve artık bu gruptan e-posta almamak "
        f"için {UNSUB} adresine e-posta gönderin.\nBu tartışmayı web'de görüntülemek için "
        f"{MSGID} adresini ziyaret edin."
    ),
    "cs": (
        "Tuto zprávu jste obdrželi, protože jste přihlášeni k odběru skupiny Acme Users ve "
        "Skupinách Google.\nChcete-li se odhlásit z odběru této skupiny a přestat dostávat "
        f"e-maily z této skupiny, zašlete e-mail na adresu {UNSUB}.\nChcete-li zobrazit "
        f"tuto diskusi na webu, navštivte {MSGID}."
    ),
}

LIST = "users@lists.acme.example"
LIST_FOOTERS = {
    # Mailman 3's footer template, as its translations write it.
    "mailman 3 de": (
        f"_______________________________________________\nUsers Mailingliste -- {LIST}\n"
        "Zur Abmeldung von dieser Mailingliste senden Sie eine Nachricht an "
        "users-leave@lists.acme.example"
    ),
    "mailman 3 fr": (
        f"_______________________________________________\nListe de diffusion Users -- {LIST}\n"
        "Pour vous désabonner, envoyez un message à users-leave@lists.acme.example"
    ),
    "mailman 3 es": (
        f"_______________________________________________\nLista de correo Users -- {LIST}\n"
        "Para darse de baja, envíe un mensaje a users-leave@lists.acme.example"
    ),
    "mailman 3 it": (
        f"_______________________________________________\nMailing list Users -- {LIST}\n"
        "Per cancellarsi inviare un messaggio a users-leave@lists.acme.example"
    ),
    "mailman 3 ja": (
        f"_______________________________________________\nUsers メーリングリスト -- {LIST}\n"
        "登録を解除するには users-leave@lists.acme.example へメールを送信してください"
    ),
    "mailman 3 pl": (
        f"_______________________________________________\nLista dyskusyjna Users -- {LIST}\n"
        "Aby się wypisać, wyślij wiadomość na adres users-leave@lists.acme.example"
    ),
    # Mailman 2's footer as list owners translate it.
    "mailman 2 fr": (
        "_______________________________________________\nListe de diffusion Users\n"
        f"{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    ),
    "mailman 2 es": (
        "_______________________________________________\nLista de correo Users\n"
        f"{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    ),
    "mailman 2 it": (
        "_______________________________________________\nLista di distribuzione Users\n"
        f"{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    ),
    "mailman 2 ja": (
        "_______________________________________________\nUsers メーリングリストの案内\n"
        f"{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    ),
    "mailman 2 ru": (
        "_______________________________________________\nСписок рассылки Users\n"
        f"{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    ),
    # Sympa's footer in German, and a list owner's own in French.
    "sympa de": (
        "---\nUm sich von der Liste abzumelden, senden Sie eine E-Mail an "
        "sympa@lists.acme.example mit dem Betreff: signoff users"
    ),
    "sympa fr short": (
        "--\nListe users\nDésabonnement : https://listes.acme.example/sympa/signoff/users"
    ),
    # groups.io's digest-less footer without its title line.
    "groups.io muted": (
        "-=-=-=-=-=-=-=-=-=-=-=-\nView/Reply Online (#5678): "
        "https://groups.io/g/acme/message/5678\nMute This Topic: "
        "https://groups.io/mt/112233/445566\nGroup Owner: acme+owner@groups.io\n"
        "Unsubscribe: https://groups.io/g/acme/leave/445566/ABCDEF\n"
        "-=-=-=-=-=-=-=-=-=-=-=-"
    ),
    # groups.io's footer as its HTML reads as text: its marks around the rule and links.
    "groups.io from html": (
        "_._,_._,_\n------------------------------\nGroups.io Links:\n\nYou receive all "
        "messages sent to this group.\n\nView/Reply Online (#123) | Reply To Group | Reply "
        "To Sender | Mute This Topic | New Topic\nYour Subscription | Contact Group Owner | "
        "Unsubscribe [owen@client.example]\n\n_._,_._,_"
    ),
}


# Footers whose first sentence no rule knows: the paragraph is the footer's, and goes
# whole under the client's text.
LED_FOOTERS = {
    "newsletter question": (
        "Want to change how you receive these emails?\nYou can update your preferences "
        "(https://news.acme.example/p/1) or unsubscribe from this list "
        "(https://news.acme.example/u/1)."
    ),
    "newsletter copyright": (
        "Copyright © 2025 Northwind Supplies, All rights reserved.\nYou are receiving this "
        "email because you opted in via our website.\nUnsubscribe: https://news.acme.example/u/1"
    ),
    "list owner's line": (
        "Acme users' list, archived at the address below.\nYou received this message because "
        "you are subscribed to the group.\nhttps://lists.acme.example/archive/users"
    ),
}


def test_a_footers_own_first_sentence_goes_with_it() -> None:
    missed = GRID.misses(LED_FOOTERS, under_line=False)
    assert not missed, "\n".join(missed)


# A service's footer of several paragraphs, which it sets apart from the text it carries.
SET_APART = {
    # A task tracker's links, each label over its link as a narrow layout folds them.
    "tracker's folded links": (
        "View task in Tracker:\nhttps://tracker.acme.example/0/1208831705/1209930144/f\n\n"
        "You received this because you're a collaborator on this task.\nMute this task:\n"
        "https://tracker.acme.example/-/mute?t=1209930144\nManage email settings:\n"
        "https://tracker.acme.example/-/account_settings/notifications"
    ),
}


def test_a_services_footer_set_apart_goes() -> None:
    missed = GRID.misses(SET_APART, under_line=False)
    assert not missed, "\n".join(missed)


def test_google_groups_footers_in_other_languages_go() -> None:
    footers = {f"gg {code}": f"-- \n{text}" for code, text in GOOGLE_GROUPS.items()}
    footers |= {f"gg {code} bare": text for code, text in GOOGLE_GROUPS.items()}
    missed = GRID.misses(footers)
    assert not missed, "\n".join(missed)


def test_list_footers_in_other_languages_go() -> None:
    missed = GRID.misses(LIST_FOOTERS)
    assert not missed, "\n".join(missed)


# -- mobile and mail programs' footers -----------------------------------------------------

MOBILE = {
    "en": "Sent from my iPhone",
    "de": "Von meinem iPhone gesendet",
    "fr": "Envoyé de mon iPhone",
    "es": "Enviado desde mi iPhone",
    "pt": "Enviado do meu iPhone",
    "it": "Inviato da iPhone",
    "nl": "Verzonden vanaf mijn iPhone",
    "pl": "Wysłane z iPhone'a",
    "ru": "Отправлено с iPhone",
    "ja": "iPhoneから送信",
    "zh": "发自我的iPhone",
    "zh-tw": "從我的 iPhone 傳送",
    "ko": "내 iPhone에서 보냄",
    "tr": "iPhone'umdan gönderildi",
    "sv": "Skickat från min iPhone",
    "da": "Sendt fra min iPhone",
    "fi": "Lähetetty iPhonesta",
    "cs": "Odesláno z iPhonu",
    "sk": "Odoslané z iPhonu",
    "hu": "Az iPhone-omról küldve",
    "ro": "Trimis de pe iPhone-ul meu",
    "hr": "Poslano s mog iPhonea",
    "ca": "Enviat des del meu iPhone",
    "el": "Στάλθηκε από το iPhone μου",
    "uk": "Надіслано з iPhone",
    "vi": "Được gửi từ iPhone của tôi",
    "id": "Dikirim dari iPhone saya",
    "he": "נשלח מה-iPhone שלי",
    "th": "ส่งจาก iPhone ของฉัน",
    "ipad": "Sent from my iPad",
    "outlook ios": "Get Outlook for iOS<https://aka.ms/o0ukef>",
    "outlook android": "Get Outlook for Android<https://aka.ms/ghei36>",
    "outlook de": "Outlook für Android herunterladen<https://aka.ms/ghei36>",
    "outlook fr": "Obtenir Outlook pour iOS<https://aka.ms/o0ukef>",
    "outlook es": "Obtener Outlook para Android<https://aka.ms/ghei36>",
    "outlook ja": "Android 版 Outlook を入手<https://aka.ms/ghei36>",
    "samsung": "Sent from my Galaxy",
    "samsung de": "Von meinem Samsung Galaxy Smartphone gesendet.",
    "samsung fr": "Envoyé depuis mon smartphone Samsung Galaxy.",
    "samsung es": "Enviado desde mi smartphone Samsung Galaxy.",
    "samsung it": "Inviato da smartphone Samsung Galaxy.",
    "samsung ru": "Отправлено с устройства Galaxy",
    "huawei": "Sent from my HUAWEI P30",
    "xiaomi": "Sent from my Redmi Note 8 Pro",
    "mail for windows": "Sent from Mail for Windows",
    "mail for windows de": "Gesendet von Mail für Windows",
    "mail for windows fr": "Envoyé à partir de Courrier pour Windows",
    "mail for windows es": "Enviado desde Correo para Windows",
    "mail for windows it": "Inviato da Posta per Windows",
    "mail for windows nl": "Verzonden vanuit Mail voor Windows",
    "mail for windows pl": "Wysłane z aplikacji Poczta dla systemu Windows",
    "yahoo android": "Sent from Yahoo Mail on Android",
    "yahoo iphone": "Sent from Yahoo Mail for iPhone",
    "yahoo fr": "Envoyé de Yahoo Mail pour Android",
    "yahoo es": "Enviado desde Yahoo Mail para Android",
    "yahoo it": "Inviato da Yahoo Mail su Android",
    "blackberry": "Sent from my BlackBerry 10 smartphone.",
    "blackberry de": "Von meinem BlackBerry 10-Smartphone gesendet.",
    "aol": "Sent from AOL Mobile Mail",
    "proton": "Sent with Proton Mail secure email.",
    "web.de": "Gesendet mit der WEB.DE Mail App",
    "netease": "发自网易邮箱大师",
    "spark": "Sent with Spark",
    "mail for windows 10": (
        "Sent from Mail<https://go.microsoft.com/fwlink/?LinkId=550986> for Windows 10"
    ),
    "mail for windows 10 de": (
        "Gesendet von Mail<https://go.microsoft.com/fwlink/?LinkId=550986> für Windows 10"
    ),
    "mail for windows 10 pt": (
        "Enviado do Email<https://go.microsoft.com/fwlink/?LinkId=550986> para Windows 10"
    ),
    "k-9": "Sent from my Android device with K-9 Mail. Please excuse my brevity.",
    "k-9 de": "Diese Nachricht wurde von meinem Android-Gerät mit K-9 Mail gesendet.",
    "k-9 fr": (
        "Envoyé de mon appareil Android avec Courriel K-9 Mail. Veuillez excuser ma brièveté."
    ),
    "gmail mobile": "Sent from my Android phone with Gmail Mobile. Please excuse any typos.",
    "fairemail": "Sent with FairEmail",
    "blackberry wireless": "Sent from my BlackBerry® wireless device",
}


def test_mobile_footers_go_wherever_they_are_put() -> None:
    missed = GRID.misses(MOBILE)
    assert not missed, "\n".join(missed)


def test_a_mobile_footer_above_the_quote_goes() -> None:
    """A phone's program puts its footer under the text it sends and the quote under
    both."""
    missed = []
    for name, footer in MOBILE.items():
        for client, text in CLIENTS.items():
            writer = WRITERS.get(client, "")
            got = reply_text(f"{text}\n\n{footer}\n\n{QUOTE}\n", writer=writer)
            if got != reply_text(f"{text}\n\n{QUOTE}\n", writer=writer):
                missed.append(f"{name} / {client}: {got[-120:]!r}")
    assert not missed, "\n".join(missed)


# Apple Mail's quote on a phone: the attribution inside the quote.
IOS_QUOTES = (
    "> On 2 Jun 2025, at 09:12, Acme Support <support@acme.example> wrote:\n> \n> Hello,\n"
    "> which server shows the error?\n> Acme Support",
    "> Am 02.06.2025 um 09:12 schrieb Acme Support <support@acme.example>:\n> \n> Hallo,\n"
    "> auf welchem Server tritt der Fehler auf?",
    "> Le 2 juin 2025 à 09:12, Acme Support <support@acme.example> a écrit :\n> \n"
    "> Bonjour,\n> sur quel serveur l'erreur apparaît-elle ?",
)


def test_a_mobile_footer_above_apples_quote_goes() -> None:
    missed = []
    for name in ("en", "de", "fr", "es", "ja", "ru", "outlook ios", "samsung de", "k-9"):
        for client, text in CLIENTS.items():
            writer = WRITERS.get(client, "")
            for quote in IOS_QUOTES:
                got = reply_text(f"{text}\n\n{MOBILE[name]}\n\n{quote}\n", writer=writer)
                if got != reply_text(f"{text}\n\n{quote}\n", writer=writer):
                    missed.append(f"{name} / {client}: {got[-120:]!r}")
    assert not missed, "\n".join(missed)


# -- scanners' stamps, trackers, notices ---------------------------------------------------

AVAST_LINK = (
    "<https://www.avast.com/sig-email?utm_medium=email&utm_source=link&"
    "utm_campaign=sig-email&utm_content=webmail>"
)
AVG_LINK = AVAST_LINK.replace("avast", "avg")
MARKER = "<#DAB4FAD8-2DD7-40BB-A1B8-4E2AA1F9FDF2>"
VIRUS_FREE = {
    "en": "Virus-free.",
    "de": "Virenfrei.",
    "fr": "Sans virus.",
    "es": "Libre de virus.",
    "pt": "Livre de vírus.",
    "it": "Privo di virus.",
    "nl": "Virusvrij.",
    "pl": "Bez wirusów.",
    "ru": "Без вирусов.",
    "cs": "Bez virů.",
}
STAMPS = {
    # Gmail's plain text of the Avast and AVG signature: the logo's link, the words, the
    # site, the link again, the marker that Avast finds its signature by.
    **{
        f"avast {code}": f"{AVAST_LINK}\n{words}\nwww.avast.com\n{AVAST_LINK}\n{MARKER}"
        for code, words in VIRUS_FREE.items()
    },
    **{f"avast one line {code}": f"{words} www.avast.com" for code, words in VIRUS_FREE.items()},
    "avg": f"{AVG_LINK}\nVirus-free.\nwww.avg.com\n{AVG_LINK}\n{MARKER}",
    "avast marker alone": MARKER,
    "avast checked fr": (
        "---\nL'absence de virus dans ce courrier électronique a été vérifiée par le "
        "logiciel antivirus Avast.\nhttps://www.avast.com/antivirus"
    ),
    "avast checked es": (
        "---\nEste correo electrónico ha sido comprobado en busca de virus por el software "
        "antivirus de Avast.\nhttps://www.avast.com/antivirus"
    ),
    "avast checked it": (
        "---\nQuesta e-mail è stata controllata per individuare virus con Avast antivirus.\n"
        "https://www.avast.com/antivirus"
    ),
    "avast checked nl": (
        "---\nDeze e-mail is gecontroleerd op virussen door Avast antivirussoftware.\n"
        "https://www.avast.com/antivirus"
    ),
    "avast checked pt": (
        "---\nEste email foi escaneado pelo Avast antivírus.\nhttps://www.avast.com/antivirus"
    ),
    "avast checked pl": (
        "---\nTen e-mail został sprawdzony pod kątem wirusów przez oprogramowanie "
        "antywirusowe Avast.\nhttps://www.avast.com/antivirus"
    ),
    "avast checked ru": (
        "---\nЭто сообщение проверено на вирусы антивирусом Avast.\nhttps://www.avast.com/antivirus"
    ),
    "kaspersky de": "Diese E-Mail wurde von Kaspersky Anti-Virus auf Viren überprüft.",
    "norton": "This email has been scanned for viruses and malware by Norton Security.",
    "bitdefender": "This email has been scanned by Bitdefender.",
    "eset nod32": (
        "--\nThis email has been checked for viruses by ESET NOD32 Antivirus.\nhttps://www.eset.com"
    ),
    "avg checked": (
        "This email has been checked for viruses by AVG antivirus software.\nwww.avg.com"
    ),
    # A mail tracker's line, as Gmail's plain text lays out its table.
    "mailtrack": (
        "[image: Mailtrack]\n<https://mailtrack.io?utm_source=gmail&utm_medium=signature&"
        "utm_campaign=signaturevirality11&>\nSender\nnotified by\nMailtrack\n"
        "<https://mailtrack.io?utm_source=gmail&utm_medium=signature&"
        "utm_campaign=signaturevirality11&>\n06/02/25, 10:41:12 AM"
    ),
    "mailtrack es": (
        "[image: Mailtrack]\n<https://mailtrack.io?utm_source=gmail&utm_medium=signature&"
        "utm_campaign=signaturevirality11&>\nRemitente\nnotificado con\nMailtrack\n"
        "<https://mailtrack.io?utm_source=gmail&utm_medium=signature&"
        "utm_campaign=signaturevirality11&>\n02/06/25, 10:41:12"
    ),
    "mailtrack one line": (
        "Sent with Mailtrack<https://mailtrack.io/install?source=signature&lang=en&"
        "referral=owen@client.example&idSignature=22>"
    ),
}

NOTICES = {
    "es long": (
        "AVISO LEGAL: Este mensaje y sus archivos adjuntos van dirigidos exclusivamente a su "
        "destinatario, pudiendo contener información confidencial sometida a secreto "
        "profesional. No está permitida su reproducción o distribución sin la autorización "
        "expresa de Suministros Ebro S.L. Si usted no es el destinatario final, por favor "
        "elimínelo e infórmenos por esta vía."
    ),
    "cs": (
        "Tento e-mail a jeho přílohy jsou důvěrné a určené výhradně adresátovi. Pokud jste "
        "jej obdrželi omylem, informujte prosím odesílatele a zprávu smažte."
    ),
    "tr": (
        "Bu e-posta ve ekleri gizlidir ve yalnızca alıcısına yöneliktir. Bu mesajı "
        "yanlışlıkla aldıysanız lütfen göndereni bilgilendirip mesajı siliniz."
    ),
    "da": (
        "Denne e-mail er fortrolig og udelukkende beregnet for modtageren. Hvis du har "
        "modtaget den ved en fejl, bedes du slette den og give afsenderen besked."
    ),
    "hu": (
        "Ez az e-mail bizalmas információkat tartalmaz, és kizárólag a címzett részére "
        "szól. Ha tévedésből kapta meg, kérjük, értesítse a feladót és törölje."
    ),
    "el": (
        "Το παρόν μήνυμα είναι εμπιστευτικό και προορίζεται αποκλειστικά για τον "
        "παραλήπτη. Εάν το λάβατε κατά λάθος, παρακαλούμε διαγράψτε το."
    ),
    "en us": (
        "The information contained in this transmission is privileged and confidential. It "
        "is intended only for the use of the individual or entity named above. If the reader "
        "of this message is not the intended recipient, you are hereby notified that any "
        "dissemination, distribution or copying of this communication is strictly "
        "prohibited."
    ),
    "de wrapped": (
        "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte Informationen.\n"
        "Wenn Sie nicht der richtige Adressat sind oder diese E-Mail irrtümlich erhalten\n"
        "haben, informieren Sie bitte sofort den Absender und vernichten Sie diese Mail.\n"
        "Das unerlaubte Kopieren sowie die unbefugte Weitergabe dieser Mail ist nicht\n"
        "gestattet."
    ),
}


def test_scanners_stamps_and_trackers_go() -> None:
    missed = GRID.misses(STAMPS)
    assert not missed, "\n".join(missed)


def test_confidentiality_notices_in_more_languages_go() -> None:
    missed = GRID.misses(NOTICES, under_line=False)
    assert not missed, "\n".join(missed)


def test_a_notice_under_a_mobile_footer_goes() -> None:
    """A company's server stamps its notice under whatever the phone added."""
    missed = []
    for footer in ("Sent from my iPhone", "Von meinem iPhone gesendet", "Get Outlook for iOS"):
        stacked = {footer: f"{footer}\n\n{NOTICES['en us']}"}
        missed += GRID.misses(stacked, under_line=False)
    assert not missed, "\n".join(missed)


# -- the client's own words that only look like a footer ------------------------------------

OWN_WORDS = {
    "an iphone in a sentence": (
        "Hi,\n\nSent from my iPhone the photos arrive blurred, from the laptop they are fine. "
        "Is there a size limit?"
    ),
    "an iphone at the end": (
        "Hallo,\n\ndie App stürzt auf meinem iPhone ab.\n\nVon meinem iPhone aus geht gar "
        "nichts, vom PC schon."
    ),
    "unsubscribing": (
        "Bonjour,\n\nje reçois encore la lettre d'information alors que je me suis désabonné "
        "la semaine dernière. Pouvez-vous vérifier ?"
    ),
    "a virus": (
        "Hola,\n\nel antivirus del portátil dice que el archivo tiene un virus.\n\n"
        "¿Me lo pueden enviar otra vez?"
    ),
    "a virus-free file": (
        "Hi,\n\nI scanned the installer again and it is virus-free now.\n\nCan we go ahead?"
    ),
    "confidentiality": (
        "Hi,\n\nthe contract is confidential, so please only send it to me and not to the "
        "whole team. I received the draft by mistake from your colleague."
    ),
    "a message label": (
        "Hallo,\n\nim Kontaktformular steht unter Nachricht: nur ein leeres Feld, der Text "
        "kommt bei uns nie an. Können Sie das prüfen?"
    ),
    "a mail program named": (
        "Hi,\n\nsince the update Mail for Windows no longer syncs the shared calendar.\n\n"
        "Get Outlook for iOS is what your colleague suggested, but we would rather not."
    ),
    "a footer quoted in a wrapped paragraph": (
        "Hi,\n\nthe newsletter keeps arriving at this address, although I never signed\n"
        'up for it. The footer says "You are receiving\nthis email because you opted in", '
        "but we cancelled in 2022.\n\nPlease remove accounts@ from all of your lists."
    ),
    "a group the client left": (
        "Hi,\n\nI left the Google group acme-users last week but still receive its mails. "
        "Could you remove me?"
    ),
}


@pytest.mark.parametrize("own", OWN_WORDS)
def test_the_clients_own_words_stay(own: str) -> None:
    text = OWN_WORDS[own]
    assert reply_text(text) == text


# -- whole mails as the programs send them ----------------------------------------------------


@dataclass(frozen=True)
class Program:
    """How a program sends the client's text: its charset, its transfer encoding, and
    whether it wraps in format=flowed."""

    charset: str
    encoding: str  # "quoted-printable", "base64", "8bit"
    flowed: bool = False


PROGRAMS = {
    "gmail": Program("UTF-8", "quoted-printable"),
    "gmail base64": Program("UTF-8", "base64"),
    "thunderbird": Program("UTF-8", "8bit", flowed=True),
    "outlook latin-1": Program("iso-8859-1", "quoted-printable"),
}

LIST_HEADERS = (
    f"List-Id: Users <users.lists.acme.example>\r\nList-Post: <mailto:{LIST}>\r\n"
    "List-Unsubscribe: <mailto:users-leave@lists.acme.example>\r\n"
    "List-Archive: <https://lists.acme.example/archives/list/users@lists.acme.example/>\r\n"
    "Precedence: list\r\n"
)
GROUP_HEADERS = (
    f"List-Id: <{GROUP}.googlegroups.com>\r\nMailing-list: list {GROUP}@googlegroups.com; "
    "contact acme-users+owners@googlegroups.com\r\n"
    f"List-Post: <https://groups.google.com/group/{GROUP}/post>, "
    f"<mailto:{GROUP}@googlegroups.com>\r\n"
    f"List-Unsubscribe: <mailto:googlegroups-manage+123456789+unsubscribe@googlegroups.com>, "
    f"<https://groups.google.com/group/{GROUP}/subscribe>\r\nPrecedence: list\r\n"
)


def sent(text: str, program: Program, headers: str = "", sender: str = "") -> bytes:
    """The message a program sends with ``text`` as its body, CRLF line ends."""
    head = (
        f"From: {sender or 'Owen Price <owen@client.example>'}\r\n"
        "To: support@helpdesk.example\r\nSubject: Re: [#4211] Backup\r\n"
        "Date: Mon, 02 Jun 2025 10:00:00 +0200\r\nMessage-ID: <grid2@client.example>\r\n"
        f"{headers}"
    )
    return grid.text_mail(text, head, "plain", program.charset, program.encoding, program.flowed)


def mailman_two_parts(text: str, footer: str) -> bytes:
    """Mailman 2's message when the footer's charset differs from the text's: the text
    and the footer as two parts of a multipart/mixed."""
    body = text.replace("\n", "\r\n").encode("koi8-r")
    foot = footer.replace("\n", "\r\n").encode("us-ascii")
    return (
        b"From: Olga <olga@client.example>\r\nTo: users@lists.acme.example\r\n"
        b"Subject: Re: printer\r\nMessage-ID: <mm2@client.example>\r\n"
        + LIST_HEADERS.encode("ascii")
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="===b"\r\n\r\n'
        b"--===b\r\nContent-Type: text/plain; charset=koi8-r\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
        b'--===b\r\nContent-Type: text/plain; charset="us-ascii"\r\n'
        b"Content-Transfer-Encoding: 7bit\r\nContent-Disposition: inline\r\n\r\n"
        + foot
        + b"\r\n--===b--\r\n"
    )


def _latin(program: Program, client: str) -> bool:
    """Whether ``program``'s charset can write the client's text."""
    try:
        CLIENTS[client].encode(program.charset)
    except UnicodeEncodeError:
        return False
    return True


@cache
def _alone_mail(text: str, program: Program, sender: str) -> str:
    return parse_message(sent(text, program, "", sender)).reply_text


def whole_mail_misses(footers: dict[str, str], headers: str) -> list[str]:
    missed: list[str] = []
    for name, footer in footers.items():
        for pname, program in PROGRAMS.items():
            for client, text in CLIENTS.items():
                if not _latin(program, client):
                    continue
                try:
                    footer.encode(program.charset)
                except UnicodeEncodeError:
                    continue
                display = Header(WRITERS.get(client, "Ana Souza"), "utf-8").encode()
                sender = f"{display} <{client}@client.example>"
                for where, with_footer, alone in GRID.placements(text, footer, under_line=False):
                    got = parse_message(sent(with_footer, program, headers, sender)).reply_text
                    want = _alone_mail(alone, program, sender)
                    if got != want:
                        missed.append(f"{name} / {pname} / {client} / {where}: {got[-120:]!r}")
    return missed


def test_a_groups_mail_reads_as_the_clients_words() -> None:
    footers = {f"gg {c}": f"-- \n{GOOGLE_GROUPS[c]}" for c in ("de", "fr", "es", "ru", "ja", "pl")}
    footers |= {f"gg {c} bare": GOOGLE_GROUPS[c] for c in ("pt", "zh-cn", "cs", "it")}
    missed = whole_mail_misses(footers, GROUP_HEADERS)
    assert not missed, "\n".join(missed)


def test_a_lists_mail_reads_as_the_clients_words() -> None:
    missed = whole_mail_misses(LIST_FOOTERS, LIST_HEADERS)
    assert not missed, "\n".join(missed)


def test_a_phones_and_scanners_mail_reads_as_the_clients_words() -> None:
    footers = {k: MOBILE[k] for k in ("en", "de", "fr", "ru", "ja", "outlook ios", "samsung de")}
    footers |= {k: STAMPS[k] for k in ("avast en", "avast de", "avast es", "mailtrack")}
    missed = whole_mail_misses(footers, "")
    assert not missed, "\n".join(missed)


def test_mailman_2_footer_in_a_part_of_its_own_goes() -> None:
    text = CLIENTS["ru"]
    footer = (
        "_______________________________________________\nUsers mailing list\n"
        f"{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    )
    want = parse_message(sent(f"{text}\n", Program("koi8-r", "8bit"))).reply_text
    assert parse_message(mailman_two_parts(text, footer)).reply_text == want


def _html(text: str) -> str:
    """``text`` as Gmail's and Apple Mail's HTML: a ``<div>`` a line, an empty one between
    paragraphs."""
    paragraphs = "".join(
        f"<div>{p.replace(chr(10), '<br>')}</div><div><br></div>" for p in text.split("\n\n")
    )
    return f'<html><body><div dir="ltr">{paragraphs}</div></body></html>'


def _html_mail(page: str, writer: str, headers: str = "") -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"{writer} <client@client.example>"
    msg["To"] = "support@helpdesk.example"
    msg["Subject"] = "Re: [#4211] Backup"
    msg.set_content(page, subtype="html")
    return headers.encode("ascii") + msg.as_bytes()


HTML_FOOTERS = {
    **{
        f"google groups {code}": f"<p></p>-- <br>{GOOGLE_GROUPS[code].replace(chr(10), '<br>')}<br>"
        for code in ("de", "fr", "ru", "ja", "pl", "tr", "ko")
    },
    **{
        f"avast {code}": (
            '<table><tr><td><a href="https://www.avast.com/sig-email"><img '
            'src="https://ipmcdn.avast.com/images/icons/icon-envelope-tick-round-orange.gif" '
            f'alt="" width="46" height="29"></a></td><td>{VIRUS_FREE[code]}'
            '<a href="https://www.avast.com/sig-email">www.avast.com</a></td></tr></table>'
            '<a href="#DAB4FAD8-2DD7-40BB-A1B8-4E2AA1F9FDF2" width="1" height="1"></a>'
        )
        for code in ("en", "de", "es", "ru")
    },
    **{
        f"phone {code}": f'<div><br></div><div dir="ltr">{MOBILE[code]}</div>'
        for code in ("de", "fr", "es", "it", "nl", "pl", "ru", "ja", "zh", "hu", "sk")
    },
    "outlook mobile de": (
        '<div id="ms-outlook-mobile-signature"><div dir="ltr">Outlook für Android '
        'herunterladen<a href="https://aka.ms/ghei36"></a></div></div>'
    ),
    "outlook mobile fr": (
        '<div id="ms-outlook-mobile-signature">Obtenir <a href="https://aka.ms/o0ukef">'
        "Outlook pour iOS</a></div>"
    ),
    "mailman 3 de": "<div>" + LIST_FOOTERS["mailman 3 de"].replace("\n", "<br>") + "</div>",
}


def test_an_html_replys_footer_goes() -> None:
    """An HTML-only reply, the footer appended to its HTML as the list or the program
    appends it, in the list's mail."""
    missed = []
    headers = GROUP_HEADERS
    for name, footer in HTML_FOOTERS.items():
        for client, text in CLIENTS.items():
            writer = WRITERS.get(client, "Ana Souza")
            page = _html(text)
            alone = parse_message(_html_mail(page, writer)).reply_text
            with_footer = page.replace("</body>", f"{footer}</body>")
            got = parse_message(_html_mail(with_footer, writer, headers)).reply_text
            if got != alone:
                missed.append(f"{name} / {client}: {got[-120:]!r}")
    assert not missed, "\n".join(missed)


# -- services' notifications: a person's words inside a template ----------------------------

MESSAGES = {
    "en": (
        "Since Friday our online shop no longer sends order confirmations.\n"
        "Customers pay, but get no e-mail. Could you look at the mail settings today?"
    ),
    "de": (
        "Seit Freitag verschickt unser Shop keine Bestellbestätigungen mehr.\n"
        "Die Kunden zahlen, bekommen aber keine E-Mail. Können Sie sich das heute ansehen?"
    ),
    "fr": (
        "Depuis vendredi, notre boutique n'envoie plus les confirmations de commande.\n"
        "Les clients paient mais ne reçoivent aucun e-mail. Pouvez-vous vérifier aujourd'hui ?"
    ),
    "es": (
        "Desde el viernes la tienda ya no envía las confirmaciones de pedido.\n"
        "Los clientes pagan, pero no reciben ningún correo. ¿Pueden revisarlo hoy?"
    ),
    "it": (
        "Da venerdì il nostro negozio online non invia più le conferme d'ordine.\n"
        "I clienti pagano ma non ricevono nessuna email. Potete controllare oggi?"
    ),
    "nl": (
        "Sinds vrijdag verstuurt onze webwinkel geen orderbevestigingen meer.\n"
        "Klanten betalen, maar krijgen geen e-mail. Kunnen jullie vandaag kijken?"
    ),
    "pl": (
        "Od piątku nasz sklep nie wysyła potwierdzeń zamówień.\n"
        "Klienci płacą, ale nie dostają żadnego e-maila. Czy możecie to dziś sprawdzić?"
    ),
    "pt": (
        "Desde sexta-feira a nossa loja deixou de enviar as confirmações de encomenda.\n"
        "Os clientes pagam, mas não recebem nenhum e-mail. Podem verificar hoje?"
    ),
    "ja": (
        "金曜日からネットショップの注文確認メールが送信されなくなりました。\n"
        "お客様は支払いを済ませていますが、メールが届きません。本日中にご確認いただけますか。"
    ),
}
# A message of two paragraphs: a form's field holds what the person typed, blank lines too.
TWO_PARAGRAPHS = {
    "en": (
        "Since Friday our online shop no longer sends order confirmations.\n\n"
        "We changed nothing on our side. Could you look at the mail settings today?"
    ),
    "de": (
        "Seit Freitag verschickt unser Shop keine Bestellbestätigungen mehr.\n\n"
        "Wir haben nichts geändert. Können Sie sich die Einstellungen heute ansehen?"
    ),
}

# Contact Form 7's default mail in its translations: the sender, the subject, the body's
# label, the message, the signature delimiter and the plugin's line naming the site.
CF7 = {
    "en": (
        "From",
        "Subject",
        "Message Body:",
        "This e-mail was sent from a contact form on Acme Shop (https://shop.acme.example)",
    ),
    "de": (
        "Von",
        "Betreff",
        "Nachrichtentext:",
        "Diese E-Mail wurde von einem "
        "Kontaktformular von Acme Shop (https://shop.acme.example) gesendet",
    ),
    "fr": (
        "De ",
        "Objet ",
        "Corps du message :",
        "Cet e-mail a été envoyé via le "
        "formulaire de contact de Acme Shop (https://shop.acme.example)",
    ),
    "es": (
        "De",
        "Asunto",
        "Cuerpo del mensaje:",
        "Este mensaje se ha enviado desde un "
        "formulario de contacto en Acme Shop (https://shop.acme.example)",
    ),
    "it": (
        "Da",
        "Oggetto",
        "Corpo del messaggio:",
        "Questa e-mail è stata inviata da un "
        "modulo di contatto su Acme Shop (https://shop.acme.example)",
    ),
    "nl": (
        "Van",
        "Onderwerp",
        "Berichttekst:",
        "Deze e-mail is verzonden via een "
        "contactformulier op Acme Shop (https://shop.acme.example)",
    ),
    "pl": (
        "Od",
        "Temat",
        "Treść wiadomości:",
        "Ta wiadomość została wysłana przez "
        "formularz kontaktowy na Acme Shop (https://shop.acme.example)",
    ),
    "pt": (
        "De",
        "Assunto",
        "Corpo da mensagem:",
        "Este e-mail foi enviado de um "
        "formulário de contato em Acme Shop (https://shop.acme.example)",
    ),
    "ja": (
        "差出人",
        "題名",
        "メッセージ本文:",
        "この通知は Acme Shop (https://shop.acme.example) のお問い合わせフォームから送信されました",
    ),
}

# A form's labels in the languages of the sites: name, e-mail, telephone, message.
LABELS = {
    "en": ("Name", "Email", "Phone", "Message"),
    "de": ("Name", "E-Mail", "Telefon", "Nachricht"),
    "fr": ("Nom", "Courriel", "Téléphone", "Message"),
    "es": ("Nombre", "Correo electrónico", "Teléfono", "Mensaje"),
    "it": ("Nome", "E-mail", "Telefono", "Messaggio"),
    "nl": ("Naam", "E-mailadres", "Telefoonnummer", "Bericht"),
    "pl": ("Imię i nazwisko", "E-mail", "Telefon", "Wiadomość"),
    "pt": ("Nome", "E-mail", "Telefone", "Mensagem"),
    "ja": ("お名前", "メールアドレス", "電話番号", "お問い合わせ内容"),
}
PERSON = ("Hanna Berg", "hanna@berg-handel.example", "+49 30 5550187")
SITE_FOOTER = "---\nSent from Acme Shop (https://shop.acme.example)"


def notification(
    body: str,
    sender: str = "Acme Shop <wordpress@shop.acme.example>",
    reply_to: str = "Hanna Berg <hanna@berg-handel.example>",
) -> bytes:
    head = (
        f"From: {sender}\r\nTo: support@helpdesk.example\r\nSubject: New message\r\n"
        "Date: Mon, 02 Jun 2025 10:00:00 +0000\r\nMessage-ID: <form@shop.acme.example>\r\n"
    )
    if reply_to:
        head += f"Reply-To: {reply_to}\r\n"
    head += (
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
    )
    data = body.replace("\n", "\r\n").encode("utf-8")
    return head.encode("utf-8") + quopri.encodestring(data)


def _forms(code: str, message: str) -> dict[str, str]:
    """The layouts form plugins write a submission in, with ``code``'s labels."""
    name, mail, phone, text = LABELS[code]
    who, address, number = PERSON
    frm, subject, body_label, site = CF7[code]
    return {
        "contact form 7": (
            f"{frm}: {who} <{address}>\n{subject}: Shop\n\n{body_label}\n{message}\n\n-- \n{site}"
        ),
        "label: value": (
            f"{name}: {who}\n{mail}: {address}\n{phone}: {number}\n{text}: {message}\n\n"
            f"{SITE_FOOTER}"
        ),
        "label over value": (
            f"{name}:\n{who}\n\n{mail}:\n{address}\n\n{phone}:\n{number}\n\n{text}:\n"
            f"{message}\n\n{SITE_FOOTER}"
        ),
        "stacked": f"{name}\n{who}\n{mail}\n{address}\n{phone}\n{number}\n{text}\n{message}\n",
        # WPForms' plain-text layout: each label between dashes, blank lines around.
        "dashed labels": (
            f"--- {name} ---\n\n{who}\n\n--- {mail} ---\n\n{address}\n\n--- {phone} ---\n\n"
            f"{number}\n\n--- {text} ---\n\n{message}\n\n"
        ),
        # A heading over the fields, as a shop's contact form sends them.
        "headed": (
            "You received a new message from your online store's contact form.\n\n"
            f"{name}:\n{who}\n\n{mail}:\n{address}\n\n{text}:\n{message}\n"
        ),
    }


def test_a_forms_message_is_read_in_every_layout_and_language() -> None:
    missed = []
    for code, message in MESSAGES.items():
        for layout, body in _forms(code, message).items():
            got = parse_message(notification(body)).reply_text
            if got != message:
                missed.append(f"{layout} / {code}: {got[:200]!r}")
    assert not missed, "\n".join(missed)


def test_a_forms_message_of_two_paragraphs_is_read_whole() -> None:
    missed = []
    for code, message in TWO_PARAGRAPHS.items():
        for layout in ("contact form 7", "label over value", "dashed labels"):
            body = _forms(code, message)[layout]
            got = parse_message(notification(body)).reply_text
            if got != message:
                missed.append(f"{layout} / {code}: {got[:200]!r}")
    assert not missed, "\n".join(missed)


TRANSCRIPT = (
    "Hi, this is Dana from Riverside Bakery. The card terminal at the counter keeps "
    "saying no connection since this morning, so we can only take cash. Please call me "
    "back on 555 0142. Thank you."
)
VOICEMAILS = {
    # 3CX's notice: the caller, the time, the transcription under its label.
    "3cx": (
        "Hi Support,\n\nYou have received a new voicemail from Dana Whitfield (+15550142) "
        "on 02/06/2025 09:41.\nDuration: 00:00:28\n\nTranscription:\n"
        f"{TRANSCRIPT}\n\nThe voicemail recording is attached to this email.\n\n"
        "3CX Phone System"
    ),
    # RingCentral's: the call's details, the transcription, the links.
    "ringcentral": (
        "You have a new voice message from DANA WHITFIELD (555) 014-2000.\n\n"
        "To: Support (ext 200)\nReceived: Monday, June 2, 2025 at 9:41 AM\nLength: 28 sec\n\n"
        f"Transcription:\n{TRANSCRIPT}\n\nListen to this message: "
        "https://service.ringcentral.example/vm/77812\n\n"
        "Thank you for using RingCentral.\n© 2025 RingCentral, Inc. All rights reserved."
    ),
    # Google Voice's: the transcription under the caller's line, its links and notice.
    "google voice": (
        "Voicemail from: (555) 014-2000 at 9:41 AM\n\n"
        f"{TRANSCRIPT}\n\nplay message <https://voice.google.com/voicemail/message/ab12>\n\n"
        "YOUR ACCOUNT <https://voice.google.com> HELP CENTER "
        "<https://support.google.com/voice> HELP FORUM <https://support.google.com/voice/community>\n"
        "This email was sent to you because you indicated that you'd like to receive email "
        "notifications for voicemails. If you don't want to receive such emails in the "
        "future, please update your email notification settings "
        "<https://voice.google.com/settings>.\n\n"
        "Google LLC\n1600 Amphitheatre Parkway, Mountain View CA 94043 USA"
    ),
    # Teams' voicemail: who called, the transcription, the button.
    "teams": (
        "You received a voice mail from Dana Whitfield.\n\nCaller: +1 555 0142\n"
        f"Duration: 28 seconds\n\nTranscription:\n{TRANSCRIPT}\n\n"
        "Play the voice message<https://teams.microsoft.example/l/voicemail/77812>"
    ),
    # A German PBX's: the caller's fields, the transcription, its own line.
    "pbx de": (
        "Neue Sprachnachricht\n\nAnrufer: Dana Whitfield (+15550142)\nFür: Support (200)\n"
        f"Datum: 02.06.2025 09:41\nDauer: 0:28\n\nTranskription:\n{TRANSCRIPT}\n\n"
        "Diese Nachricht wurde automatisch von Ihrer Telefonanlage erzeugt."
    ),
}


def test_a_voicemails_transcription_is_read() -> None:
    missed = []
    for name, body in VOICEMAILS.items():
        raw = notification(body, "Phone System <voicemail@pbx.helpdesk.example>", reply_to="")
        got = parse_message(raw).reply_text
        if got != TRANSCRIPT:
            missed.append(f"{name}: {got[:300]!r}")
    assert not missed, "\n".join(missed)


SHOP = {
    # A marketplace's message from a buyer, the item's card above, the notes below.
    "etsy-like": (
        "You have a new message from hanna_berg\n\nRe: Walnut serving board, 40 cm\n\n"
        + MESSAGES["en"]
        + "\n\nReply: https://market.acme.example/messages/88213\n\n"
        "Keep your conversations and payments on the site to be covered by our purchase "
        "protection.\n\nMarket Inc., 117 Adams Street, Brooklyn, NY 11201"
    ),
    "shop de": (
        "Neue Nachricht von Kundin Hanna Berg zu Bestellung #10482\n\n"
        + MESSAGES["de"]
        + "\n\nAntworten: https://shop.acme.example/admin/messages/10482\n\n"
        "Diese E-Mail wurde automatisch versendet. Bitte antworten Sie nicht direkt auf "
        "diese E-Mail."
    ),
    "shop fr": (
        "Nouveau message de la cliente Hanna Berg (commande n° 10482)\n\n"
        + MESSAGES["fr"]
        + "\n\nRépondre : https://shop.acme.example/admin/messages/10482\n\n"
        "Cet e-mail a été envoyé automatiquement, merci de ne pas y répondre."
    ),
}


def test_a_shops_message_from_a_customer_is_read() -> None:
    missed = []
    for name, body in SHOP.items():
        want = MESSAGES["de" if name.endswith("de") else "fr" if name.endswith("fr") else "en"]
        raw = notification(body, "Shop <no-reply@shop.acme.example>", reply_to="")
        got = parse_message(raw).reply_text
        if got != want:
            missed.append(f"{name}: {got[:300]!r}")
    assert not missed, "\n".join(missed)


# More services' layouts: a survey service's questions over answers, a form service's
# table read as tab-separated cells, a form plugin's blank-line-separated fields, a
# shop's customer message, a marketplace's in other languages, a telephone system's
# voicemail in French and Spanish, a shop platform's contact form, Contact Form 7 in
# Japanese; each from the mailbox the service sends from in its language.
SERVICES = {
    "survey questions": (
        "Forms <notifications@forms.acme.example>",
        "You have a new response to Contact us!\n\nWhat's your name?\nHanna Berg\n\n"
        "What's your email address?\nhanna@berg-handel.example\n\nHow can we help?\n"
        + MESSAGES["en"]
        + "\n\nView all responses: https://forms.acme.example/f/ab12/results\n\n"
        "You're receiving this email because you turned on notifications for this form.",
        MESSAGES["en"],
    ),
    "survey questions de": (
        "Formulare <benachrichtigungen@forms.acme.example>",
        "Neue Antwort auf „Kontakt“\n\nWie heißen Sie?\nHanna Berg\n\nWie lautet Ihre "
        "E-Mail-Adresse?\nhanna@berg-handel.example\n\nWie können wir helfen?\n"
        + MESSAGES["de"]
        + "\n\nAlle Antworten ansehen: https://forms.acme.example/f/ab12/results",
        MESSAGES["de"],
    ),
    "table cells": (
        "Forms <noreply@forms.acme.example>",
        "Contact Form\n\nName\tHanna Berg\nEmail\thanna@berg-handel.example\nMessage\t"
        + MESSAGES["en"].replace("\n", " "),
        MESSAGES["en"].replace("\n", " "),
    ),
    "fields apart": (
        "WordPress <wordpress@shop.acme.example>",
        "Name: Hanna Berg\n\nEmail: hanna@berg-handel.example\n\nMessage: "
        + MESSAGES["de"]
        + "\n\n",
        MESSAGES["de"],
    ),
    "customer message": (
        "Acme Shop <no-reply@shop.acme.example>",
        "New customer message\n\nYou've received the following message from Hanna Berg "
        "(hanna@berg-handel.example) about order #10482:\n\n"
        + MESSAGES["en"]
        + "\n\nReply in your store admin: https://shop.acme.example/admin/orders/10482\n\n"
        "Acme Shop — Powered by WooCommerce",
        MESSAGES["en"],
    ),
    "marketplace es": (
        "Mercado <no-responder@mercado.example>",
        "Tienes un mensaje nuevo de hanna_berg\n\nArtículo: Tabla de nogal, 40 cm\n"
        "Pedido: 2209-5518\n\n"
        + MESSAGES["es"]
        + "\n\nResponder: https://mercado.example/mensajes/88213\n\nNo compartas datos de "
        "pago por correo electrónico.\n© 2025 Mercado S.L. Todos los derechos reservados.",
        MESSAGES["es"],
    ),
    "marketplace pl": (
        "Rynek <powiadomienia@rynek.example>",
        "Masz nową wiadomość od kupującego hanna_berg\n\nPrzedmiot: Deska z orzecha, 40 cm\n"
        "Numer zamówienia: 2209-5518\n\n"
        + MESSAGES["pl"]
        + "\n\nOdpowiedz: https://rynek.example/wiadomosci/88213\n\n© 2025 Rynek Sp. z o.o. "
        "Wszelkie prawa zastrzeżone.",
        MESSAGES["pl"],
    ),
    "marketplace fr": (
        "Marché <ne-pas-repondre@marche.example>",
        "Vous avez un nouveau message de hanna_berg\n\nArticle : Planche en noyer, 40 cm\n"
        "Commande : 2209-5518\n\n"
        + MESSAGES["fr"]
        + "\n\nRépondre : https://marche.example/messages/88213\n\n© 2025 Marché SAS. Tous "
        "droits réservés.",
        MESSAGES["fr"],
    ),
    "voicemail fr": (
        "Standard <voicemail@pbx.helpdesk.example>",
        "Vous avez un nouveau message vocal.\n\nDe : Dana Whitfield (+33 6 12 34 56 78)\n"
        "Pour : Support (poste 200)\nDate : 02/06/2025 09:41\nDurée : 00:00:28\n\n"
        "Transcription :\n" + TRANSCRIPT + "\n\nL'enregistrement est joint à ce message.",
        TRANSCRIPT,
    ),
    "voicemail es": (
        "Centralita <voicemail@pbx.helpdesk.example>",
        "Tiene un nuevo mensaje de voz.\n\nDe: Dana Whitfield (+34 612 345 678)\n"
        "Para: Soporte (ext. 200)\nFecha: 02/06/2025 09:41\nDuración: 00:00:28\n\n"
        "Transcripción:\n" + TRANSCRIPT + "\n\nEste mensaje ha sido generado automáticamente.",
        TRANSCRIPT,
    ),
    "shop platform": (
        "Acme Shop <mailer@shop.acme.example>",
        "You received a new message from your online store's contact form.\n\n"
        "Country Code:\nDE\n\nName:\nHanna Berg\n\nEmail:\nhanna@berg-handel.example\n\n"
        "Phone Number:\n+49 30 5550187\n\nBody:\n" + MESSAGES["en"] + "\n",
        MESSAGES["en"],
    ),
    # A marketplace's buyer message between its begin and end lines, fields around it.
    "begin and end lines": (
        "Marketplace <no-reply@marketplace.acme.example>",
        "Dear Seller,\n\nYou have received a message from a buyer.\n\n"
        "Order ID: 302-5512087-3310\nItem: Walnut serving board, 40 cm\n\n"
        "------------- Begin message -------------\n\n"
        + MESSAGES["en"]
        + "\n\n------------- End message -------------\n\nFor Your Information: To help "
        "reduce fraud, we replace e-mail addresses with an encrypted address.\n\n"
        "Was this email helpful? https://marketplace.acme.example/survey",
        MESSAGES["en"],
    ),
    "begin and end lines de": (
        "Marktplatz <donotreply@marktplatz.acme.example>",
        "Guten Tag,\n\nSie haben eine Nachricht von einem Käufer erhalten.\n\n"
        "Bestellnummer: 302-5512087-3310\n\n------------- Beginn der Nachricht "
        "-------------\n\n"
        + MESSAGES["de"]
        + "\n\n------------- Ende der Nachricht -------------\n\nZu Ihrer Information: Zum "
        "Schutz vor Betrug ersetzen wir E-Mail-Adressen durch verschlüsselte Adressen.",
        MESSAGES["de"],
    ),
    # A social network's page message: the person's words in quotation marks.
    "quoted by the service": (
        "Pages <notification@pages.acme.example>",
        'Hanna Berg sent a message to Acme Shop\n\n"'
        + MESSAGES["en"]
        + '"\n\nReply to Hanna: https://pages.acme.example/inbox/88213\n\nThis message was '
        "sent to support@helpdesk.example. If you don't want to receive these emails in the "
        "future, please unsubscribe.",
        MESSAGES["en"],
    ),
    "quoted by the service fr": (
        "Pages <notification@pages.acme.example>",
        "Hanna Berg a envoyé un message à Acme Shop\n\n« "
        + MESSAGES["fr"]
        + " »\n\nRépondre : https://pages.acme.example/inbox/88213",
        MESSAGES["fr"],
    ),
    "chat": (
        "Chat <notifications@chat.acme.example>",
        "New conversation from Hanna Berg\n\nHanna Berg:\n"
        + MESSAGES["en"]
        + "\n\nView conversation: https://chat.acme.example/c/88213\n\nYou're receiving "
        "this email because you're an agent on Acme Chat.",
        MESSAGES["en"],
    ),
    "booking it": (
        "Prenotazioni <noreply@pren.acme.example>",
        "Nuovo messaggio da Hanna Berg\nPrenotazione n. 4471-2209 · 12–14 giugno\n\n"
        + MESSAGES["it"]
        + "\n\nRispondi: https://pren.acme.example/messaggi/88213\n\nQuesta e-mail è stata "
        "generata automaticamente, si prega di non rispondere.",
        MESSAGES["it"],
    ),
    "two paragraphs": (
        "Portal <notifications@portal.acme.example>",
        "New message from Hanna Berg\n\n"
        + TWO_PARAGRAPHS["en"]
        + "\n\nView message: https://portal.acme.example/m/88213\n\nThis is an automated "
        "message. Please do not reply.",
        TWO_PARAGRAPHS["en"],
    ),
    "shop ja": (
        "ショップ <no-reply@shop.acme.example>",
        "お客様からお問い合わせがありました。\n\nお名前：山田 花子 様\n"
        "メールアドレス：hanako@yamada.example\nお問い合わせ内容：\n"
        + MESSAGES["ja"]
        + "\n\n※このメールは送信専用アドレスから送信しています。",
        MESSAGES["ja"],
    ),
}


@pytest.mark.parametrize("name", SERVICES)
def test_a_services_notification_reads_as_the_persons_words(name: str) -> None:
    sender, body, want = SERVICES[name]
    assert parse_message(notification(body, sender, reply_to="")).reply_text == want


OWN_FORMS = {
    # A person's own mail that holds labels of their own: theirs whole.
    "a new user's details": (
        "Hi,\n\nplease add our new colleague:\n\nName: Pia Lund\nEmail: pia@berg-handel.example\n"
        "Phone: +49 30 5550190\nMessage: she needs the same rights as Hanna.\n\n"
        "Thanks, this is urgent because she starts on Monday."
    ),
    "questions of the client's own": (
        "Hi,\n\nWhich printer?\nThe one in room 4, next to the kitchen.\n\n"
        "Since when?\nSince the update on Monday.\n\nWho to call?\n"
        "hanna@berg-handel.example, or me on +49 30 5550187."
    ),
    "labels of the client's own report": (
        "Hallo,\n\nFehler: Die Kasse startet nicht.\nSeit: gestern Abend\nGerät: Kasse 2\n\n"
        "Bitte melden Sie sich heute noch, wir öffnen morgen um acht."
    ),
}


@pytest.mark.parametrize("own", OWN_FORMS)
def test_a_persons_own_labels_stay(own: str) -> None:
    raw = notification(OWN_FORMS[own], "Hanna Berg <hanna@berg-handel.example>", reply_to="")
    assert parse_message(raw).reply_text == OWN_FORMS[own].strip()


@pytest.mark.parametrize("own", ["a message label", "unsubscribing", "confidentiality"])
def test_a_persons_words_in_a_form_stay_whole(own: str) -> None:
    """A form's message that speaks of a label, of unsubscribing or of something
    confidential is the person's, whole."""
    text = OWN_WORDS[own].split("\n\n", 1)[1]
    form = f"Name: Hanna Berg\nEmail: hanna@berg-handel.example\nMessage: {text}\n\n{SITE_FOOTER}"
    assert parse_message(notification(form)).reply_text == text
