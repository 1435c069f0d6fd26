"""A fourth grid of footers: the shapes the first three grids (``test_footers_grid.py``,
``test_footers_grid2.py``, ``test_footers_grid3.py``) do not hold.

- confidentiality notices in the languages of Central and Eastern Europe, the Baltic,
  the Balkans, the Nordic countries, the Middle East and Asia, short and long, and a
  server appending one right under the writer's last line, without a blank line;
- the invitations conferencing programs put under a mail (Microsoft Teams in its
  translations, Zoom, Google Meet, Webex): a heading, the link, the meeting's number and
  code, the numbers to dial;
- newsletters' "If you no longer wish to receive these emails …", "Click here to
  unsubscribe" and their bars of labels ("Manage preferences | Unsubscribe") in the
  languages they are sent in, the links lost with the HTML;
- data-protection notices in the languages that decline "personal data";
- scanners' stamps in more languages (ESET's framed notice, Avast's, Bitdefender's,
  Trend Micro's …), list footers in more of their translations (Mailman 2 and 3, Sympa,
  LISTSERV, Google Groups' "To view this discussion visit …").

Each footer is tried under the client's text, under their signature, under the quote
they answered above, under their text written below the quote, right under their last
line, between their text and the quote, under a rule, wrapped at 72 or 76 columns; and
in whole mails as the programs send them (quoted-printable, base64, ``format=flowed``,
HTML only).  What the client wrote must read the same with the footer as without it.
A client's own sentence about a meeting link, unsubscribing, a virus, confidentiality
or a list — in the same languages — stays.
"""

from __future__ import annotations

from email.header import Header
from functools import cache

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support import footer_grid as grid

# -- what clients write ------------------------------------------------------------------

CLIENTS = {
    "en": (
        "Hi,\n\nThe shared calendar stopped syncing to the phones after Monday's update. "
        "Could you take a look before Friday?\n\nBest regards,\nOwen Fletcher"
    ),
    "fr": (
        "Bonjour,\n\nle lecteur de badges de l'entrée ne reconnaît plus les cartes depuis "
        "ce matin. Pouvez-vous intervenir aujourd'hui ?"
    ),
    "pl": (
        "Dzień dobry,\n\nod wczoraj nie działa drukowanie etykiet w magazynie.\n\n"
        "Pozdrawiam\nAgnieszka Nowak"
    ),
    "hr": (
        "Poštovani,\n\nod jutros se ne možemo prijaviti u sustav za narudžbe. Možete li provjeriti?"
    ),
    "pt": "Olá, a impressora da receção continua a imprimir páginas em branco.",
}
WRITERS = {"en": "Owen Fletcher", "pl": "Agnieszka Nowak"}
QUOTE = (
    "On Wed, 4 Jun 2025 at 09:12, Acme Support <support@acme.example> wrote:\n"
    "> Hello,\n>\n> which version of the app is installed on the phones?\n>\n> Acme Support"
)
GRID = grid.Clients(CLIENTS, WRITERS, QUOTE)


def misses(footers: dict[str, str], under_line: bool = True) -> list[str]:
    """Each placement of each footer under each client's text that does not read as the
    client's text alone: the shared grid's, and the ones this grid adds — between the
    text and the quote below it (a program stamping the reply it sends), under a rule the
    writer's program draws, and wrapped by the sender's program at 72 or 76 columns."""
    return GRID.misses(footers, under_line, above_quote=True, reflowed=True)


# -- confidentiality notices in more languages ------------------------------------------------

NOTICES = {
    "da": (
        "Denne e-mail kan indeholde fortrolige oplysninger og er kun beregnet til "
        "modtageren. Hvis du ved en fejl har modtaget denne e-mail, bedes du underrette "
        "afsenderen og slette e-mailen."
    ),
    "no": (
        "Denne e-posten kan inneholde konfidensiell informasjon og er kun ment for "
        "mottakeren. Dersom du har mottatt e-posten ved en feil, vennligst gi beskjed til "
        "avsender og slett den."
    ),
    "fi": (
        "Tämä sähköpostiviesti voi sisältää luottamuksellista tietoa ja on tarkoitettu vain "
        "vastaanottajalle. Jos olet saanut viestin erehdyksessä, ilmoita lähettäjälle ja "
        "poista viesti."
    ),
    "cs": (
        "Tento e-mail a jeho přílohy jsou důvěrné a jsou určeny výhradně adresátovi. Pokud "
        "jste tento e-mail obdrželi omylem, informujte prosím odesílatele a e-mail smažte."
    ),
    "sk": (
        "Táto správa môže obsahovať dôverné informácie a je určená výlučne adresátovi. Ak "
        "ste ju dostali omylom, informujte prosím odosielateľa a správu vymažte."
    ),
    "hr": (
        "Ova poruka može sadržavati povjerljive informacije i namijenjena je isključivo "
        "primatelju. Ako ste je primili greškom, molimo obavijestite pošiljatelja i "
        "izbrišite je."
    ),
    "sl": (
        "To sporočilo lahko vsebuje zaupne podatke in je namenjeno izključno naslovniku. "
        "Če ste ga prejeli pomotoma, o tem obvestite pošiljatelja in sporočilo izbrišite."
    ),
    "sr": (
        "Ova poruka može sadržati poverljive informacije i namenjena je isključivo "
        "primaocu. Ako ste je primili greškom, obavestite pošiljaoca i obrišite je."
    ),
    "bg": (
        "Това съобщение може да съдържа поверителна информация и е предназначено само за "
        "адресата. Ако сте го получили по грешка, моля, уведомете подателя и го изтрийте."
    ),
    "uk": (
        "Цей лист може містити конфіденційну інформацію і призначений виключно для "
        "адресата. Якщо ви отримали його помилково, повідомте відправника та видаліть лист."
    ),
    "lt": (
        "Šiame el. laiške gali būti konfidenciali informacija, skirta tik adresatui. Jei "
        "gavote šį laišką per klaidą, praneškite siuntėjui ir jį ištrinkite."
    ),
    "lv": (
        "Šis e-pasts var saturēt konfidenciālu informāciju un ir paredzēts tikai adresātam. "
        "Ja esat to saņēmis kļūdas pēc, lūdzu, informējiet sūtītāju un izdzēsiet to."
    ),
    "et": (
        "See e-kiri võib sisaldada konfidentsiaalset teavet ja on mõeldud ainult adressaadile. "
        "Kui saite selle ekslikult, teavitage saatjat ja kustutage kiri."
    ),
    "hu": (
        "Ez az e-mail bizalmas információkat tartalmazhat, és kizárólag a címzett számára "
        "készült. Ha tévedésből kapta meg, kérjük, értesítse a feladót, és törölje az "
        "üzenetet."
    ),
    "ro": (
        "Acest mesaj poate conține informații confidențiale și este destinat exclusiv "
        "destinatarului. Dacă l-ați primit din greșeală, vă rugăm să informați expeditorul."
    ),
    "el": (
        "Το παρόν μήνυμα μπορεί να περιέχει εμπιστευτικές πληροφορίες και προορίζεται "
        "αποκλειστικά για τον παραλήπτη. Εάν το λάβατε κατά λάθος, ενημερώστε τον αποστολέα."
    ),
    "tr": (
        "Bu e-posta ve ekleri gizli bilgi içerebilir ve yalnızca alıcısına yöneliktir. Bu "
        "e-postayı yanlışlıkla aldıysanız lütfen göndereni bilgilendirip siliniz."
    ),
    "ca": (
        "Aquest missatge pot contenir informació confidencial i està adreçat exclusivament "
        "al destinatari. Si l'heu rebut per error, informeu-ne el remitent i elimineu-lo."
    ),
    "he": (
        "הודעה זו עשויה להכיל מידע חסוי ומיועדת לנמען בלבד. "
        "אם קיבלת הודעה זו בטעות, אנא הודע לשולח."
    ),
    "ar": (
        "قد تحتوي هذه الرسالة على معلومات سرية وهي مخصصة للمستلم فقط. إذا تلقيت هذه "
        "الرسالة عن طريق الخطأ، يرجى إبلاغ المرسل وحذفها."
    ),
    "ko": (
        "본 메일은 기밀 정보를 포함하고 있을 수 있으며 지정된 수신자만 사용할 수 있습니다. "
        "잘못 수신하신 경우 발신자에게 알리고 삭제해 주시기 바랍니다."
    ),
    "ja": (
        "このメールには機密情報が含まれている場合があります。"
        "誤って受信された場合は、送信者にご連絡のうえ、本メールを削除してください。"
    ),
    "id": (
        "Email ini mungkin berisi informasi rahasia dan hanya ditujukan untuk penerima. Jika "
        "Anda menerima email ini karena kesalahan, mohon beri tahu pengirim."
    ),
    "vi": (
        "Email này có thể chứa thông tin bảo mật và chỉ dành cho người nhận. Nếu bạn nhận "
        "được email này do nhầm lẫn, vui lòng thông báo cho người gửi."
    ),
    "th": "อีเมลนี้อาจมีข้อมูลที่เป็นความลับและมีไว้สำหรับผู้รับเท่านั้น หากท่านได้รับอีเมลนี้โดยผิดพลาด โปรดแจ้งผู้ส่ง",
    "en in capitals": (
        "CONFIDENTIALITY NOTICE: THIS E-MAIL MESSAGE, INCLUDING ANY ATTACHMENTS, IS FOR THE "
        "SOLE USE OF THE INTENDED RECIPIENT(S) AND MAY CONTAIN CONFIDENTIAL INFORMATION."
    ),
    "de short": (
        "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige "
        "Adressat sind, informieren Sie bitte sofort den Absender und vernichten Sie diese "
        "E-Mail."
    ),
}
# A notice of two paragraphs under its title, which no program glues to the last line.
NOTICE_UNDER_TITLE = {
    "en two paragraphs": (
        "DISCLAIMER\n\nThis email and any files transmitted with it are confidential and "
        "intended solely for the use of the individual to whom they are addressed.\n\n"
        "If you have received this email in error, please notify the sender."
    ),
    "de two paragraphs": (
        "Haftungsausschluss:\n\nDiese E-Mail ist vertraulich und ausschließlich für den "
        "Empfänger bestimmt.\n\nSollten Sie diese E-Mail irrtümlich erhalten haben, "
        "informieren Sie bitte den Absender."
    ),
}

# -- conferencing programs' invitations -------------------------------------------------------

RULE = "_" * 80
TEAMS_LINK = "https://teams.microsoft.example/l/meetup-join/19%3ameeting_abc/0"
ZOOM = "https://us02web.zoom.example/j/81234567890?pwd=QWxhZGRpbjpvcGVu"
MEETINGS = {
    "teams en": (
        f"{RULE}\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\n"
        f"Click here to join the meeting<{TEAMS_LINK}>\nMeeting ID: 312 456 789 012\n"
        "Passcode: aB3cD4\nDownload Teams<https://www.microsoft.example/teams/download> | "
        "Join on the web<https://www.microsoft.example/teams/join>\n"
        "Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting options<https://teams."
        f"microsoft.example/meetingOptions/?x=1>\n{RULE}"
    ),
    "teams de": (
        f"{RULE}\nMicrosoft Teams-Besprechung\nTreten Sie über Ihren Computer, Ihre mobile "
        f"App oder Ihr Raumgerät bei.\nKlicken Sie hier, um an der Besprechung "
        f"teilzunehmen<{TEAMS_LINK}>\nBesprechungs-ID: 312 456 789 012\nPasscode: aB3cD4\n"
        "Teams herunterladen<https://www.microsoft.example/teams/download> | Im Web "
        f"beitreten<https://www.microsoft.example/teams/join>\n{RULE}"
    ),
    "teams fr": (
        f"{RULE}\nRéunion Microsoft Teams\nRejoindre sur votre ordinateur, application mobile "
        f"ou appareil de salle\nCliquez ici pour participer à la réunion<{TEAMS_LINK}>\n"
        "ID de la réunion : 312 456 789 012\nCode secret : aB3cD4\nTélécharger "
        f"Teams<https://www.microsoft.example/teams/download>\n{RULE}"
    ),
    "teams es": (
        f"{RULE}\nReunión de Microsoft Teams\nUnirse desde el equipo, la aplicación móvil o "
        f"el dispositivo de la sala\nHaga clic aquí para unirse a la reunión<{TEAMS_LINK}>\n"
        "Id. de la reunión: 312 456 789 012\nCódigo de acceso: aB3cD4\n"
        "Más información<https://aka.ms/JoinTeamsMeeting> | Opciones de reunión<https://"
        f"teams.microsoft.example/meetingOptions/?x=1>\n{RULE}"
    ),
    "zoom en": (
        f"Join Zoom Meeting\n{ZOOM}\n\nMeeting ID: 812 3456 7890\nPasscode: 482913\n\n---\n\n"
        "One tap mobile\n+16465558656,,81234567890#,,,,*482913# US (New York)\n"
        "+13015558592,,81234567890#,,,,*482913# US (Washington DC)\n\n"
        "Join instructions\nhttps://us02web.zoom.example/meetings/81234567890/invitations"
    ),
    "zoom de": (
        f"Zoom-Meeting beitreten\n{ZOOM}\n\nMeeting-ID: 812 3456 7890\nKenncode: 482913\n\n"
        "---\n\nSchnelleinwahl mobil\n+496955501922,,81234567890#,,,,*482913# Deutschland"
    ),
    "zoom fr": (
        f"Participer à la réunion Zoom\n{ZOOM}\n\nID de réunion : 812 3456 7890\n"
        "Code secret : 482913"
    ),
    "meet en": (
        "Join with Google Meet\nhttps://meet.google.example/abc-defg-hij\n\nJoin by phone\n"
        "(US) +1 505-555-0123 PIN: 123456789\n\n"
        "More phone numbers: https://tel.meet.example/abc-defg-hij?pin=123456789"
    ),
    "meet fr": (
        "Participer avec Google Meet\nhttps://meet.google.example/abc-defg-hij\n\n"
        "Participer par téléphone\n(FR) +33 1 55 55 01 23 Code : 123 456 789#"
    ),
    "meet de": (
        "Mit Google Meet teilnehmen\nhttps://meet.google.example/abc-defg-hij\n\n"
        "Per Telefon teilnehmen\n(DE) +49 30 5555 0123 PIN: 123456789"
    ),
    "webex": (
        "Join meeting\nhttps://acme.webex.example/acme/j.php?MTID=m1234\n"
        "Meeting number: 2634 123 4567\nPassword: Xy7pQ\n\nJoin by phone\n"
        "+1-415-555-0001 US Toll\nAccess code: 2634 123 4567"
    ),
}

# -- a newsletter's "no longer wish to receive", its link lost with the HTML -----------------

NO_LONGER = {
    "en": "If you no longer wish to receive these emails, you can unsubscribe here.",
    "de": "Wenn Sie diese E-Mails nicht mehr erhalten möchten, können Sie sich hier abmelden.",
    "de du": "Du möchtest keine Newsletter mehr bekommen? Hier abbestellen.",
    "fr": "Vous ne souhaitez plus recevoir nos e-mails ? Désinscrivez-vous ici.",
    "es": "Si no deseas recibir más correos como este, puedes darte de baja aquí.",
    "it": "Se non desideri più ricevere queste e-mail, puoi annullare l'iscrizione qui.",
    "nl je": "Wil je deze e-mails niet meer ontvangen? Meld je hier af.",
    "nl u": "Wilt u deze e-mails niet meer ontvangen? Klik dan hier om u af te melden.",
    "pt": "Se não deseja receber mais e-mails como este, pode cancelar a subscrição aqui.",
    "pl": "Jeśli nie chcesz otrzymywać więcej takich wiadomości, możesz wypisać się tutaj.",
    "sv": "Vill du inte längre få våra nyhetsbrev? Avsluta din prenumeration här.",
    "da": "Ønsker du ikke længere at modtage vores nyhedsbrev? Afmeld dig her.",
    "cs": "Nechcete již dostávat tyto e-maily? Odhlásit odběr novinek.",
}

# … or told to click, or to stop the mail; and the bar of its labels, without their links.
STOP = {
    "en click": "To stop receiving these emails, click here.",
    "en turn off": (
        "Reply in Microsoft Teams\nTo stop receiving these emails, turn off missed activity "
        "emails in your Teams settings."
    ),
    "de": "Klicken Sie hier, um sich vom Newsletter abzumelden.",
    "fr": "Cliquez ici pour vous désabonner de cette newsletter.",
    "es": "Haz clic aquí para darte de baja de esta lista.",
    "it": "Clicca qui per annullare l'iscrizione alla newsletter.",
    "pt": "Clique aqui para cancelar a sua inscrição.",
    "pl": "Kliknij tutaj, aby wypisać się z newslettera.",
    "nl": "Klik hier om je af te melden voor deze nieuwsbrief.",
    "bar en": "Update your preferences | Unsubscribe",
    "bar de": "E-Mail-Einstellungen verwalten | Abmelden",
    "bar fr": "Gérer vos préférences · Se désabonner",
    "bar es": "Gestionar preferencias • Darse de baja",
}
# … the labels set apart by the spaces of the table cells they stood in, on a line of
# their own (Mailchimp's begins in lowercase, and no program glues it to the last line).
CELLS = {
    "en": "unsubscribe from this list    update subscription preferences",
    "de": "Abmelden   Einstellungen verwalten",
}

# -- scanners' stamps and list footers in more languages ---------------------------------------

FRAME = "__________"
SCANNERS = {
    "eset en": (
        f"{FRAME} Information from ESET Mail Security, version of virus signature database "
        f"27401 (20250603) {FRAME}\n\nThe message was checked by ESET Mail Security.\n"
        "https://www.eset.example"
    ),
    "eset de": (
        f"{FRAME} Information von ESET Mail Security, Version der Signaturdatenbank 27401 "
        f"(20250603) {FRAME}\n\nDie Nachricht wurde von ESET Mail Security geprüft.\n"
        "https://www.eset.example"
    ),
    "eset fr": (
        f"{FRAME} Information provenant d'ESET Mail Security, version de la base des "
        f"signatures de virus 27401 (20250603) {FRAME}\n\nLe message a été vérifié par ESET "
        "Mail Security.\nhttps://www.eset.example"
    ),
    "eset es": (
        f"{FRAME} Información de ESET Mail Security, versión de la base de firmas de virus "
        f"27401 (20250603) {FRAME}\n\nESET Mail Security ha comprobado este mensaje.\n"
        "https://www.eset.example"
    ),
    "avast cs": "--\nTento e-mail byl zkontrolován na viry softwarem Avast.\nhttps://www.avast.example/antivirus",
    "avast hu": "--\nEzt az e-mailt az Avast víruskereső szoftver átvizsgálta.\nhttps://www.avast.example/antivirus",
    "avast tr": (
        "--\nBu e-posta Avast AntiVirus yazılımı tarafından virüs kontrolünden "
        "geçirilmiştir.\nhttps://www.avast.example/antivirus"
    ),
    "avast sv": (
        "--\nDet här e-postmeddelandet har kontrollerats med avseende på virus av Avast "
        "antivirusprogram.\nhttps://www.avast.example/antivirus"
    ),
    "avast da": (
        "--\nDenne e-mail er blevet kontrolleret for virus af Avast antivirussoftware.\n"
        "https://www.avast.example/antivirus"
    ),
    "avast ja": "--\nこのEメールはアバスト アンチウイルスによりウイルススキャンされています。\nhttps://www.avast.example/antivirus",
    "bitdefender ro": "Acest mesaj a fost scanat de Bitdefender și nu conține viruși.",
    "trend micro fr": "Ce message a été analysé par Trend Micro et ne contient aucun virus connu.",
    "kaspersky es": (
        "Este mensaje ha sido analizado por Kaspersky Anti-Virus y se considera libre de virus."
    ),
    "norton de": "Diese E-Mail wurde von Norton Antivirus auf Viren überprüft.",
    "sophos fr": "Ce courriel a été analysé par Sophos Email.",
    "mimecast": "This email has been scanned by Mimecast.",
}

# "Consider the environment before printing" in the languages the third grid leaves out.
ENVIRONMENT = {
    "nl": "Denk aan het milieu voordat u deze e-mail afdrukt.",
    "vi": "Vui lòng cân nhắc trước khi in email này để bảo vệ môi trường.",
    "id": "Pertimbangkan lingkungan sebelum mencetak email ini.",
    "ko": "환경을 생각해 이 메일의 인쇄를 자제해 주세요.",
    "ar": "يرجى مراعاة البيئة قبل طباعة هذا البريد الإلكتروني.",
    "he": "אנא שקלו את הסביבה לפני הדפסת הודעה זו.",
    "lt": "Prieš spausdindami šį laišką, pagalvokite apie aplinką.",
    "et": "Palun mõelge keskkonnale enne selle e-kirja printimist.",
    "sl": "Prosimo, pomislite na okolje preden natisnete to sporočilo.",
}

# A data-protection notice in the languages that decline "personal data".
DATA_NOTICES = {
    "pl": (
        "Zgodnie z art. 13 RODO informujemy, że administratorem Pani/Pana danych osobowych "
        "jest Acme Sp. z o.o."
    ),
    "cs": (
        "Informace o zpracování osobních údajů podle nařízení GDPR naleznete na "
        "https://www.acme.example/gdpr"
    ),
    "ro": (
        "În conformitate cu Regulamentul (UE) 2016/679 (GDPR), datele cu caracter personal "
        "sunt prelucrate de Acme SRL."
    ),
}

LIST = "users@lists.acme.example"
LEAVE = "users-leave@lists.acme.example"
LISTINFO = "https://lists.acme.example/mailman/listinfo/users"
MSGID = "https://groups.google.com/a/acme.example/d/msgid/support/CAF7x2q"
LISTS = {
    "mailman 3 nl": (
        f"{'_' * 47}\nUsers mailinglijst -- {LIST}\nOm je af te melden stuur een e-mail naar "
        f"{LEAVE}"
    ),
    "mailman 3 pt": (
        f"{'_' * 47}\nLista de discussão Users -- {LIST}\nPara cancelar a inscrição, envie um "
        f"e-mail para {LEAVE}"
    ),
    "mailman 3 sv": (
        f"{'_' * 47}\nUsers e-postlista -- {LIST}\nFör att avsluta prenumerationen, skicka ett "
        f"e-postmeddelande till {LEAVE}"
    ),
    "mailman 3 ru": (
        f"{'_' * 47}\nСписок рассылки Users -- {LIST}\nЧтобы отписаться, отправьте письмо на "
        f"{LEAVE}"
    ),
    "hyperkitty with its archive": (
        f"{'_' * 47}\nUsers mailing list -- {LIST}\nTo unsubscribe send an email to {LEAVE}\n"
        f"Archived at: https://lists.acme.example/archives/list/{LIST}/message/ABCDEF/\n"
        "Member address: client@client.example"
    ),
    "mailman 2 nl": f"{'_' * 47}\nUsers mailinglijst\n{LIST}\n{LISTINFO}",
    "mailman 2 pt": f"{'_' * 47}\nLista de discussão Users\n{LIST}\n{LISTINFO}",
    "mailman 2 pl": f"{'_' * 47}\nUsers lista dyskusyjna\n{LIST}\n{LISTINFO}",
    "mailman 2 fi": f"{'_' * 47}\nUsers postituslista\n{LIST}\n{LISTINFO}",
    "sympa es": (
        "Para darse de baja de esta lista: sympa@lists.acme.example?subject=unsubscribe%20users"
    ),
    "sympa it": "Per annullare l'iscrizione a questa lista: https://lists.acme.example/sympa/signoff/users",
    "sympa nl": "Om je af te melden van deze lijst: https://lists.acme.example/sympa/signoff/users",
    "listserv de": (
        f"{'#' * 72}\n\nUm sich von der Liste USERS abzumelden, klicken Sie auf den folgenden "
        "Link:\nhttps://listserv.acme.example/cgi-bin/wa?SUBED1=USERS&A=1"
    ),
    "listserv es": (
        f"{'#' * 72}\n\nPara darse de baja de la lista USERS, haga clic en el siguiente "
        "enlace:\nhttps://listserv.acme.example/cgi-bin/wa?SUBED1=USERS&A=1"
    ),
    "google groups de": (
        "--\nSie erhalten diese Nachricht, weil Sie Mitglied der Google Groups-Gruppe "
        "„Support“ sind.\nWenn Sie sich von dieser Gruppe abmelden und keine E-Mails mehr "
        "von dieser Gruppe erhalten möchten, senden Sie eine E-Mail an "
        f"support+unsubscribe@acme.example.\nDiese Diskussion finden Sie unter {MSGID}."
    ),
    "google groups fr": (
        "--\nVous recevez ce message, car vous êtes abonné au groupe Google Groupes "
        '"Support".\nPour vous désabonner de ce groupe et ne plus recevoir d\'e-mails le '
        "concernant, envoyez un e-mail à l'adresse support+unsubscribe@acme.example.\n"
        f"Pour afficher cette discussion, visitez {MSGID}."
    ),
    "google groups view only": f"--\nTo view this discussion visit {MSGID}.",
}


def test_confidentiality_notices_in_more_languages_go() -> None:
    missed = misses(NOTICES)
    assert not missed, "\n".join(missed)


def test_a_notice_under_its_title_goes() -> None:
    missed = misses(NOTICE_UNDER_TITLE, under_line=False)
    assert not missed, "\n".join(missed)


def test_meeting_invitations_under_a_mail_go() -> None:
    missed = misses(MEETINGS)
    assert not missed, "\n".join(missed)


def test_a_newsletters_no_longer_wish_line_goes() -> None:
    missed = misses(NO_LONGER)
    assert not missed, "\n".join(missed)


def test_a_newsletters_instruction_to_stop_it_goes() -> None:
    missed = misses(STOP)
    assert not missed, "\n".join(missed)


def test_environment_lines_in_more_languages_go() -> None:
    missed = misses(ENVIRONMENT)
    assert not missed, "\n".join(missed)


def test_a_newsletters_labels_in_their_cells_go() -> None:
    missed = misses(CELLS, under_line=False)
    assert not missed, "\n".join(missed)


def test_data_protection_notices_in_declined_languages_go() -> None:
    missed = misses(DATA_NOTICES)
    assert not missed, "\n".join(missed)


def test_scanners_stamps_in_more_languages_go() -> None:
    missed = misses(SCANNERS)
    assert not missed, "\n".join(missed)


def test_list_footers_in_more_translations_go() -> None:
    missed = misses(LISTS)
    assert not missed, "\n".join(missed)


# -- the client's own words ----------------------------------------------------------------------

OWN_WORDS = {
    "a meeting link the client gives": (
        "Hi,\n\nJoin the meeting tomorrow at ten:\nhttps://us02web.zoom.example/j/812\n"
        "Meeting ID: 812 3456 7890\n\nPlease bring the March invoices."
    ),
    "a meeting id that fails": (
        "Hello,\n\nthe Zoom meeting link you sent (https://us02web.zoom.example/j/812) says "
        "the meeting ID is invalid. Can you send a new one?"
    ),
    "a teams meeting in german": (
        "Hallo,\n\nwir können der Teams-Besprechung nicht beitreten: der Passcode aB3cD4 wird "
        "abgelehnt."
    ),
    "no longer wanting the newsletter": (
        "Hello,\n\nI no longer wish to receive your newsletter. Please unsubscribe "
        "accounts@northwind.example."
    ),
    "no longer wanting it in french": (
        "Bonjour,\n\nnous ne souhaitons plus recevoir vos e-mails promotionnels. Merci de nous "
        "désinscrire."
    ),
    "no longer wanting it in spanish": (
        "Hola,\n\nno queremos recibir más correos de la lista de ventas; ¿pueden darnos de baja?"
    ),
    "no longer wanting it in polish": (
        "Dzień dobry,\n\nnie chcemy już otrzymywać tych powiadomień. Proszę nas wypisać."
    ),
    "no longer wanting it in dutch": (
        "Hallo,\n\nwij willen deze e-mails niet meer ontvangen. Kunnen jullie ons afmelden?"
    ),
    "a dutch link that fails": (
        "Hoi,\n\nals je je wilt afmelden voor de nieuwsbrief, werkt de link "
        "https://news.acme.example/u/1 niet. Kun je dat nakijken?"
    ),
    "a virus in romanian": (
        "Bună ziua,\n\nfactura trimisă ieri a fost scanată de antivirus și blocată. Puteți "
        "să o retrimiteți?"
    ),
    "a virus in czech": (
        "Dobrý den,\n\nantivirus na serveru hlásí virus v příloze. Byla faktura zkontrolována?"
    ),
    "a scan asked in english": (
        "Hello,\n\nhas the attachment been scanned for viruses? Our filter held it back."
    ),
    "a confidential contract in croatian": (
        "Poštovani,\n\nugovor sadrži povjerljive podatke namijenjene isključivo upravi. "
        "Možete li ga poslati poštom?"
    ),
    "a confidential contract in english": (
        "Hello,\n\nthe contract is confidential and intended solely for the board. "
        "Could you send it by post instead?"
    ),
    "a notice asked about in slovak": (
        "Dobrý deň,\n\nmôžete z vašich e-mailov odstrániť vetu, že správa je dôverná a určená "
        "výlučne adresátovi? Zákazníci sa pýtajú prečo."
    ),
    "a list in portuguese": (
        "Olá,\n\na lista de discussão users@lists.acme.example deixou de receber as minhas "
        "mensagens. Podem verificar?"
    ),
    "an unsubscribe link that fails": (
        "Hello,\n\nClick here to unsubscribe does not work, the page shows an error."
    ),
    "a click the client asks for": (
        "Hallo,\n\nklicken Sie bitte auf Abmelden, wenn Sie den Newsletter nicht mehr wollen?"
    ),
    "the client stopping the mail": (
        "Hi,\n\nTo stop receiving these emails I clicked the link twice, but they still arrive."
    ),
    "the client's own bar": "Hi,\n\nPrinter | Scanner | Fax\n\nAll three are offline since noon.",
    "the client's own cells": "Hi,\n\nPrinter   Scanner   Fax\nonline   offline   offline",
    "a sophos firewall": (
        "Hello,\n\nour Sophos firewall blocked the update yesterday. Could you check the "
        "download address?"
    ),
    "personal data asked in polish": (
        "Dzień dobry,\n\nproszę o usunięcie moich danych osobowych zgodnie z RODO."
    ),
    "a printer in the office environment": (
        "Selamat pagi,\n\nprinter di lingkungan kantor tidak bisa mencetak sejak pagi."
    ),
    "an empty tray before printing in french": (
        "Bonjour,\n\nle bac est vide avant chaque impression, il faut le remplir à la main."
    ),
    "a french writer received it in error": (
        "Bonjour,\n\nje ne suis pas le destinataire de ce document confidentiel, je l'ai reçu "
        "par erreur."
    ),
}


@pytest.mark.parametrize("own", OWN_WORDS)
def test_the_clients_own_words_stay(own: str) -> None:
    text = OWN_WORDS[own]
    assert reply_text(text) == text


@pytest.mark.parametrize("own", OWN_WORDS)
def test_the_clients_own_words_stay_above_a_footer(own: str) -> None:
    text = OWN_WORDS[own]
    for footer in (NOTICES["cs"], MEETINGS["zoom en"], NO_LONGER["fr"], SCANNERS["eset de"]):
        assert reply_text(f"{text}\n\n{footer}\n") == reply_text(text)


# -- whole mails as the programs send them ----------------------------------------------------


# The programs: content type, transfer encoding, format=flowed.
PROGRAMS = {
    "gmail": ("plain", "quoted-printable", False),
    "outlook": ("plain", "base64", False),
    "thunderbird": ("plain", "8bit", True),
    "webmail html only": ("html", "quoted-printable", False),
}


def sent(text: str, program: str, client: str) -> bytes:
    """The message ``program`` sends with ``text`` as its body, from the client."""
    kind, encoding, flowed = PROGRAMS[program]
    name = Header(WRITERS.get(client, "Client"), "utf-8").encode()
    head = (
        f"From: {name} <{client}@client.example>\r\n"
        "To: support@helpdesk.example\r\n"
        "Subject: Re: [#6230] Calendar\r\nDate: Wed, 04 Jun 2025 10:00:00 +0200\r\n"
        f"Message-ID: <grid4-{client}@client.example>\r\n"
    )
    body = grid.webmail_html(text) if kind == "html" else text
    return grid.text_mail(body, head, kind, "UTF-8", encoding, flowed)


@cache
def _alone_mail(text: str, program: str, client: str) -> str:
    return parse_message(sent(text, program, client)).reply_text


def whole_mail_misses(footers: dict[str, str]) -> list[str]:
    """Each footer in each client's mail as each program sends it."""
    missed: list[str] = []
    for name, footer in footers.items():
        for program in PROGRAMS:
            for client, text in CLIENTS.items():
                for where, with_footer, alone in grid.placements(text, footer, QUOTE, False):
                    got = parse_message(sent(with_footer, program, client)).reply_text
                    if got != _alone_mail(alone, program, client):
                        missed.append(f"{name} / {program} / {client} / {where}: {got[-120:]!r}")
    return missed


def test_a_mail_with_a_footer_of_this_grid_reads_as_the_clients_words() -> None:
    footers = {f"notice {k}": NOTICES[k] for k in ("sk", "hr", "bg", "lt", "da", "ko")}
    footers |= {f"meeting {k}": MEETINGS[k] for k in ("teams en", "zoom en", "meet fr")}
    footers |= {f"no longer {k}": NO_LONGER[k] for k in ("fr", "es", "nl je")}
    footers |= {f"scanner {k}": SCANNERS[k] for k in ("eset fr", "bitdefender ro")}
    footers |= {f"list {k}": LISTS[k] for k in ("mailman 3 pt", "google groups de")}
    footers |= {f"stop {k}": STOP[k] for k in ("de", "bar fr")}
    missed = whole_mail_misses(footers)
    assert not missed, "\n".join(missed)
