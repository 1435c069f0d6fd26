"""A grid of client replies under the footers list managers, services, scanners and
mail servers add: whatever the footer, the reply read is what the client wrote.

Each client text is read alone first; the same text with a footer under it (or a
warning above it) must read the same.  The footers are written in the shapes the
programs use — GNU Mailman 2 and 3, Google Groups in several languages, Sympa,
LISTSERV, groups.io, Discourse, ezmlm and mlmmj, Microsoft 365 Groups, Topicbox,
Yahoo Groups — with their rule drawn above them or without one, with an RFC 3676
``-- `` delimiter or without, and with the list's header fields present or absent.
The client's own sentences that speak of unsubscribing, of a list or of a link stay.
"""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text

# -- what clients write ------------------------------------------------------------------

CLIENTS = {
    "en signed": (
        "Hi team,\n\nThe CSV export still times out after the last update. Could you "
        "check the job queue on your side?\n\nThanks,\nMaria"
    ),
    "de signed": (
        "Hallo zusammen,\n\nder Drucker im zweiten Stock zeigt seit gestern wieder den "
        "Fehler E-204. Können Sie bitte einen Techniker schicken?\n\nViele Grüße\n"
        "Jonas Weber"
    ),
    "fr signed": (
        "Bonjour,\n\nLa facture de mars n'est toujours pas arrivée. Pouvez-vous me la "
        "renvoyer ?\n\nCordialement,\nClaire Dubois"
    ),
    "es unsigned": (
        "Hola,\n\nDesde ayer no puedo entrar al portal de clientes: aparece un error 403 "
        "al iniciar sesión."
    ),
    "nl one line": "De vpn valt sinds de update elke twintig minuten weg.",
    "pl two paragraphs": (
        "Dzień dobry,\n\nserwer plików nie odpowiada od rana.\n\nCzy możecie sprawdzić, "
        "czy kopia zapasowa z nocy się wykonała?\n\nPozdrawiam\nKasia"
    ),
}

# -- what list managers, services and servers add under it --------------------------------

LIST = "users@lists.acme.example"
FOOTERS = {
    "mailman 2": (
        "_______________________________________________\nUsers mailing list\n"
        f"{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    ),
    "mailman 2 german": (
        "_______________________________________________\nUsers Mailingliste\n"
        f"{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    ),
    "mailman 2 without the rule": (
        f"Users mailing list\n{LIST}\nhttps://lists.acme.example/mailman/listinfo/users"
    ),
    "mailman 2 in a cgi path": (
        "_______________________________________________\nacme-users mailing list\n"
        "acme-users@lists.acme.example\n"
        "http://lists.acme.example/cgi-bin/mailman/listinfo/acme-users"
    ),
    "mailman 3": (
        f"_______________________________________________\nUsers mailing list -- {LIST}\n"
        "To unsubscribe send an email to users-leave@lists.acme.example"
    ),
    "mailman 3 with its archive and member lines": (
        f"_______________________________________________\nUsers mailing list -- {LIST}\n"
        "To unsubscribe send an email to users-leave@lists.acme.example\n"
        "Archived at https://lists.acme.example/archives/list/users@lists.acme.example/"
        "message/K3ZQ7N/\nMember address: maria@client.example"
    ),
    "mailman 3 without the rule": (
        f"Users mailing list -- {LIST}\nTo unsubscribe send an email to "
        "users-leave@lists.acme.example"
    ),
    "mailman 3 french": (
        f"_______________________________________________\nUsers mailing list -- {LIST}\n"
        "Pour vous désabonner, envoyez un courriel à users-leave@lists.acme.example"
    ),
    "google groups": (
        "-- \nYou received this message because you are subscribed to the Google Groups "
        '"Acme Users" group.\nTo unsubscribe from this group and stop receiving emails '
        "from it, send an email to acme-users+unsubscribe@googlegroups.com.\nTo view this "
        "discussion on the web visit https://groups.google.com/d/msgid/acme-users/"
        "CAF7x2q%40mail.gmail.com."
    ),
    "google groups without the delimiter": (
        'You received this message because you are subscribed to the Google Groups "Acme '
        'Users" group.\nTo unsubscribe from this group and stop receiving emails from it, '
        "send an email to acme-users+unsubscribe@googlegroups.com.\nTo view this "
        "discussion visit https://groups.google.com/d/msgid/acme-users/CAF7x2q.\n"
        "For more options, visit https://groups.google.com/d/optout."
    ),
    "google groups german": (
        "--\nSie haben diese Nachricht erhalten, weil Sie in Google Groups ein Abonnement "
        "für die Gruppe „Acme Users“ erstellt haben.\nWenn Sie sich von dieser Gruppe "
        "abmelden und keine E-Mails mehr von dieser Gruppe erhalten möchten, senden Sie "
        "eine E-Mail an acme-users+unsubscribe@googlegroups.com.\nWenn Sie diese "
        "Diskussion im Web verfolgen möchten, rufen Sie "
        "https://groups.google.com/d/msgid/acme-users/CAF7x2q auf."
    ),
    "google groups french": (
        "Vous recevez ce message, car vous êtes abonné au groupe Google Groupes « Acme "
        "Users ».\nPour vous désabonner de ce groupe et ne plus recevoir d'e-mails le "
        "concernant, envoyez un e-mail à l'adresse acme-users+unsubscribe@googlegroups.com."
        "\nPour afficher cette discussion sur le Web, accédez à "
        "https://groups.google.com/d/msgid/acme-users/CAF7x2q."
    ),
    "google groups spanish": (
        '--\nRecibiste este mensaje porque estás suscrito al grupo "Acme Users" de '
        "Grupos de Google.\nPara cancelar la suscripción a este grupo y dejar de recibir "
        "sus mensajes, envía un correo electrónico a acme-users+unsubscribe@googlegroups.com"
        ".\nPara ver esta conversación en el sitio web, visita "
        "https://groups.google.com/d/msgid/acme-users/CAF7x2q."
    ),
    "sympa": (
        "---\nTo unsubscribe from this list, send a message to sympa@lists.acme.example "
        "with the subject: signoff users"
    ),
    "sympa french without a rule": (
        "Pour vous désabonner de la liste users, envoyez un message à "
        "sympa@listes.acme.example avec pour objet : unsubscribe users"
    ),
    "listserv": (
        "########################################################################\n\n"
        "To unsubscribe from the ACME-L list, click the following link:\n"
        "https://listserv.acme.example/scripts/wa.exe?SUBED1=ACME-L&A=1"
    ),
    "listserv signoff command": (
        "To signoff ACME-L, send SIGNOFF ACME-L to LISTSERV@listserv.acme.example"
    ),
    "groups.io": (
        "-=-=-=-=-=-=-=-=-=-=-=-\nGroups.io Links: You receive all messages sent to this "
        "group.\nView/Reply Online (#1234): https://groups.io/g/acme/message/1234\n"
        "Mute This Topic: https://groups.io/mt/98765/112233\nGroup Owner: "
        "acme+owner@groups.io\nUnsubscribe: https://groups.io/g/acme/leave/445566/ABCDEF\n"
        "-=-=-=-=-=-=-=-=-=-=-=-"
    ),
    "discourse": (
        "---\n[Visit Topic](https://forum.acme.example/t/export-fails/123/4) or reply to "
        "this email to respond.\n\nTo unsubscribe from these emails, "
        "[click here](https://forum.acme.example/email/unsubscribe/ab12)."
    ),
    "ezmlm": (
        "---------------------------------------------------------------------\n"
        "To unsubscribe, e-mail: users-unsubscribe@acme.example\n"
        "For additional commands, e-mail: users-help@acme.example"
    ),
    "mlmmj": (
        "-- \nTo unsubscribe send a mail to users+unsubscribe@lists.acme.example\n"
        "List archive: https://lists.acme.example/archive/users/"
    ),
    "microsoft 365 groups": (
        "You're receiving this message because you're a member of the Support Partners "
        "group from Acme. To stop receiving messages from this group, leave the group or "
        "stop following it in your inbox.\n\nView group files   Leave group   Learn more "
        "about Microsoft 365 Groups"
    ),
    "topicbox": (
        "------------------------------------------\nAcme: users\nPermalink: "
        "https://acme.topicbox.com/groups/users/T2f9c1e-M7a0d3b\nDelivery options: "
        "https://acme.topicbox.com/groups/users/subscription"
    ),
    "yahoo groups": (
        "------------------------------------\n\nYahoo! Groups Links\n\n<*> To visit your "
        "group on the web, go to:\n    http://groups.yahoo.com/group/acme-users/\n\n"
        "<*> To unsubscribe from this group, send an email to:\n"
        "    acme-users-unsubscribe@yahoogroups.com"
    ),
    "a closing block of list lines": (
        "--\nUsers list: users@lists.acme.example\nArchive: https://lists.acme.example/"
        "archive/users\nUnsubscribe: users-unsubscribe@lists.acme.example"
    ),
    "a german closing block": (
        "Abonnement verwalten: https://lists.acme.example/options/users\n"
        "Archiv der Liste: https://lists.acme.example/archive/users"
    ),
    "avast": (
        "-- \nThis email has been checked for viruses by Avast antivirus software.\n"
        "https://www.avast.com/antivirus"
    ),
    "avast without the delimiter": (
        "This email has been checked for viruses by Avast antivirus software.\nwww.avast.com"
    ),
    "avast german": (
        "---\nDiese E-Mail wurde von Avast Antivirus-Software auf Viren geprüft.\n"
        "https://www.avast.com/antivirus"
    ),
    "avg": "Virus-free. www.avg.com",
    "confidentiality notice": (
        "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and "
        "intended solely for the addressee. If you have received it in error, please "
        "notify the sender and delete it."
    ),
    "vertraulichkeitshinweis": (
        "Diese E-Mail enthält vertrauliche Informationen und ist ausschließlich für den "
        "Empfänger bestimmt. Sollten Sie diese E-Mail irrtümlich erhalten haben, "
        "benachrichtigen Sie bitte den Absender."
    ),
    "avis de confidentialité": (
        "Ce message et ses pièces jointes sont confidentiels et destinés exclusivement à "
        "leur destinataire. Si vous l'avez reçu par erreur, merci de le détruire."
    ),
    "aviso de confidencialidad": (
        "AVISO: Este mensaje es confidencial y está dirigido exclusivamente a su "
        "destinatario. Si lo ha recibido por error, le rogamos que lo elimine."
    ),
    "mailchimp en": (
        "Copyright © 2025 Northwind Supplies, All rights reserved.\n"
        "You are receiving this email because you opted in via our website.\n\n"
        "Our mailing address is:\nNorthwind Supplies\n12 Harbour Road\nLeeds LS1 4AB\n"
        "United Kingdom\n\nWant to change how you receive these emails?\n"
        "You can update your preferences "
        "(https://northwind.list-manage.example/profile?u=ab) or unsubscribe from this "
        "list (https://northwind.list-manage.example/unsubscribe?u=ab)."
    ),
    "newsletter de": (
        "Sie erhalten diese E-Mail, weil Sie sich für unseren Newsletter angemeldet "
        "haben.\nNewsletter abbestellen: https://news.muster.example/abmelden/7f3\n\n"
        "Muster GmbH, Hauptstraße 1, 10115 Berlin\n"
        "Geschäftsführer: Max Muster, Amtsgericht Berlin HRB 12345"
    ),
    "newsletter fr": (
        "Vous recevez cet e-mail car vous êtes inscrit à la lettre d'information de "
        "Dupont SA.\n"
        "Se désinscrire : https://news.dupont.example/d/8a2 | Gérer mes préférences : "
        "https://news.dupont.example/p/8a2"
    ),
    "newsletter es": (
        "Has recibido este correo porque estás suscrito a nuestras novedades.\n"
        "Darse de baja: https://news.garcia.example/baja/91\n"
        "García Suministros S.L. · Calle Mayor 5 · 28013 Madrid"
    ),
    "newsletter it": (
        "Ricevi questa email perché sei iscritto alla newsletter di Rossi Srl.\n"
        "Per annullare l'iscrizione clicca qui: https://news.rossi.example/u/3c"
    ),
    "newsletter nl": (
        "Je ontvangt deze e-mail omdat je je hebt aangemeld voor de nieuwsbrief van "
        "Jansen BV.\nAfmelden: https://nieuws.jansen.example/afmelden/5d"
    ),
    "newsletter pt": (
        "Você está recebendo este e-mail porque se cadastrou em nosso site.\n"
        "Cancelar inscrição: https://news.silva.example/c/2b"
    ),
    "newsletter pl": (
        "Otrzymujesz tę wiadomość, ponieważ zapisałeś się do newslettera firmy "
        "Kowalski.\nWypisz się: https://news.kowalski.example/w/4e"
    ),
    "unsubscribe text link": (
        "If you no longer wish to receive these emails, you can unsubscribe here: "
        "https://news.acme.example/u/77"
    ),
    "unsubscribe wrapped": (
        "To stop receiving these emails, click here to unsubscribe:\nhttps://news.acme.example/u/77"
    ),
    "pipe links": "Unsubscribe | Update your preferences | View in browser",
    "eset": (
        "__________ Information from ESET Mail Security, version of virus signature "
        "database 27543 (20230712) __________\n\n"
        "The message was checked by ESET Mail Security.\nhttps://www.eset.com"
    ),
    "eset de": (
        "__________ Information von ESET Mail Security, Version der Signaturdatenbank "
        "27543 (20230712) __________\n\n"
        "Die Nachricht wurde von ESET Mail Security geprüft.\nhttps://www.eset.com"
    ),
    "sophos": "This email has been scanned by Sophos Email for viruses and spam.",
    "kaspersky": "Проверено Kaspersky Anti-Virus. Вирусов не обнаружено.",
    "avg old": (
        "-----\nNo virus found in this message.\nChecked by AVG - www.avg.com\n"
        "Version: 2016.0.7640 / Virus Database: 4647/12345 - Release Date: 07/12/16"
    ),
    "mcafee": "Scanned by McAfee and confirmed virus-free.",
    "environment en": "Please consider the environment before printing this email.",
    "environment de": "Bitte denken Sie an die Umwelt, bevor Sie diese E-Mail ausdrucken.",
    "environment fr": "Pensez à l'environnement avant d'imprimer ce courriel.",
    "environment es": "Antes de imprimir este correo, piense en el medio ambiente.",
    "environment it": "Prima di stampare questa email, pensa all'ambiente.",
    "external at bottom": (
        "CAUTION: This email originated from outside of the organization. Do not click "
        "links or open attachments unless you recognize the sender and know the content "
        "is safe."
    ),
    "notice it": (
        "Le informazioni contenute in questo messaggio sono riservate e destinate "
        "esclusivamente al destinatario. Se avete ricevuto questo messaggio per errore, "
        "vi preghiamo di cancellarlo."
    ),
    "notice nl": (
        "Dit bericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde. "
        "Indien u dit bericht per abuis heeft ontvangen, verzoeken wij u het te "
        "verwijderen."
    ),
    "notice pl": (
        "Ta wiadomość jest poufna i przeznaczona wyłącznie dla adresata. Jeśli "
        "otrzymałeś ją przez pomyłkę, prosimy o jej usunięcie."
    ),
    "notice pt": (
        "Esta mensagem é confidencial e destinada exclusivamente ao destinatário. Se a "
        "recebeu por engano, por favor elimine-a."
    ),
    "notice ru": (
        "Это сообщение является конфиденциальным и предназначено только для адресата. "
        "Если вы получили его по ошибке, удалите его."
    ),
    "notice sv": (
        "Detta e-postmeddelande är konfidentiellt och endast avsett för mottagaren. Om "
        "du fått det av misstag, radera det."
    ),
    "notice ja": (
        "このメールは機密情報を含み、宛先の方のみを対象としています。"
        "誤って受信された場合は削除してください。"
    ),
    "notice zh": "本邮件及其附件含有保密信息，仅供指定收件人使用。如您误收本邮件，请立即删除。",
    "notice wrapped en": (
        "DISCLAIMER: This message and any attachments are intended only for the\n"
        "use of the individual or entity to which they are addressed and may\n"
        "contain information that is privileged or confidential. If you are not\n"
        "the intended recipient, please delete it."
    ),
    "github": (
        "—\nReply to this email directly, view it on GitHub, or unsubscribe.\n"
        "You are receiving this because you were mentioned.Message ID: "
        "<acme/app/issues/12@github.com>"
    ),
    "gitlab": (
        "—\nReply to this email directly or view it on GitLab: "
        "https://gitlab.example/acme/app/-/issues/12#note_1\n"
        "You're receiving this email because of your account on gitlab.example. "
        "Unsubscribe from this thread: "
        "https://gitlab.example/-/sent_notifications/ab/unsubscribe"
    ),
    "jira": "--\nThis message was sent by Atlassian Jira\n(v9.4.8#940008-sha1:abc)",
    "slack": (
        "View in Slack: https://acme.slack.example/archives/C1/p1\n\n"
        "You're getting this email because you're a member of Acme."
    ),
    "teams": (
        "________________________________________________________________________________\n"
        "Microsoft Teams meeting\nJoin on your computer, mobile app or room device\n"
        "Click here to join the "
        "meeting<https://teams.microsoft.example/l/meetup-join/19>\n"
        "Meeting ID: 123 456 789\nPasscode: abc123\n"
        "Learn More<https://aka.ms/JoinTeamsMeeting> | Meeting "
        "options<https://teams.microsoft.example/meetingOptions/>\n"
        "________________________________________________________________________________"
    ),
    "discourse plain": (
        "---\n"
        "Visit Topic (https://forum.acme.example/t/export/123/4) or reply to this email "
        "to respond.\n\nYou are receiving this because you enabled mailing list mode.\n"
        "\nTo unsubscribe from these emails, click here "
        "(https://forum.acme.example/email/unsubscribe/ab12)."
    ),
    "sympa en footer": (
        "--\n"
        "You are subscribed to the users list. To leave it, send an empty message to "
        "users-unsubscribe@lists.acme.example"
    ),
    "mailman2 custom": (
        "_______________________________________________\n"
        "Acme users – help each other\nPost: users@lists.acme.example\n"
        "Help/unsubscribe: https://lists.acme.example/mailman/listinfo/users\n"
        "Archives: https://lists.acme.example/pipermail/users/"
    ),
    "hyperkitty": (
        "_______________________________________________\n"
        "Users mailing list -- users@lists.acme.example\n"
        "To unsubscribe send an email to users-leave@lists.acme.example\n"
        "https://lists.acme.example/mailman3/lists/users.lists.acme.example/"
    ),
    "google groups it": (
        "--\n"
        'Hai ricevuto questo messaggio perché sei iscritto al gruppo "Acme Users" di '
        "Google Gruppi.\n"
        "Per annullare l'iscrizione a questo gruppo e non ricevere più le sue email, "
        "invia un'email a acme-users+unsubscribe@googlegroups.com.\n"
        "Per visualizzare questa discussione visita "
        "https://groups.google.com/d/msgid/acme-users/CAF7x2q."
    ),
    "google groups nl": (
        "--\nJe hebt dit bericht ontvangen omdat je bent geabonneerd op de groep 'Acme "
        "Users' van Google Groups.\n"
        "Als je je wilt afmelden bij deze groep en geen e-mails meer van de groep wilt "
        "ontvangen, stuur je een e-mail naar acme-users+unsubscribe@googlegroups.com.\n"
        "Ga naar https://groups.google.com/d/msgid/acme-users/CAF7x2q om deze discussie "
        "op internet te bekijken."
    ),
    "google groups pt": (
        '--\nVocê recebeu essa mensagem porque está inscrito no grupo "Acme Users" dos '
        "Grupos do Google.\n"
        "Para cancelar inscrição nesse grupo e parar de receber e-mails dele, envie um "
        "e-mail para acme-users+unsubscribe@googlegroups.com.\n"
        "Para ver essa discussão, acesse "
        "https://groups.google.com/d/msgid/acme-users/CAF7x2q."
    ),
    "google groups ja": (
        "--\nこのメールは Google グループのグループ「Acme Users」に"
        "登録しているユーザーに送られています。\n"
        "このグループから退会し、グループからのメールの配信を停止するには "
        "acme-users+unsubscribe@googlegroups.com "
        "にメールを送信してください。\n"
        "このディスカッションをウェブ上で閲覧するには "
        "https://groups.google.com/d/msgid/acme-users/CAF7x2q "
        "にアクセスしてください。"
    ),
    "groups.io new": (
        "\n-=-=-=-=-=-=-=-=-=-=-=-\nGroups.io Links:\n\n"
        "You receive all messages sent to this group.\n\n"
        "View/Reply Online (#1234): https://groups.io/g/acme/message/1234\n"
        "Mute This Topic: https://groups.io/mt/98765/112233\n"
        "Group Owner: acme+owner@groups.io\n"
        "Unsubscribe: https://groups.io/g/acme/leave/445566/ABCDEF "
        "[maria@client.example]\n-=-=-=-=-=-=-=-=-=-=-=-"
    ),
    "listserv old": (
        "To unsubscribe from the ACME-L list:\n"
        "write to: mailto:ACME-L-SIGNOFF-REQUEST@LISTSERV.ACME.EXAMPLE\n"
        "or click the following link:\n"
        "http://listserv.acme.example/scripts/wa.exe?SUBED1=ACME-L&A=1"
    ),
    "m365 groups": (
        "You're receiving this message because you're a member of the Support Partners "
        "group from Acme. To stop receiving messages from this group, go to "
        "https://outlook.office365.example/groups/acme/subscribe and select Stop "
        "following."
    ),
    "notice under its title": (
        "IMPORTANT NOTICE\n\nThis e-mail (including any attachments) is confidential. If "
        "you are not the named addressee, please notify the sender immediately and delete "
        "it."
    ),
    "data protection notice": (
        "En cumplimiento del Reglamento General de Protección de Datos, le informamos que "
        "sus datos personales serán tratados por García Suministros S.L. con la finalidad "
        "de gestionar la relación comercial. Puede ejercer sus derechos de acceso, "
        "rectificación y supresión escribiendo a lopd@garcia.example."
    ),
    "privacy pointer": (
        "Informationen zum Datenschutz finden Sie unter https://www.muster.example/datenschutz"
    ),
    "register block": (
        "Dupont SA au capital de 100 000 € – RCS Paris B 123 456 789 – Siège social : "
        "1 rue de la Paix, 75002 Paris"
    ),
    "no rights derived": "Aan dit bericht kunnen geen rechten worden ontleend.",
    "notice finnish": (
        "Tämä viesti voi sisältää luottamuksellista tietoa ja on tarkoitettu vain "
        "vastaanottajalle. Jos olet saanut viestin erehdyksessä, poista se."
    ),
    "newsletter japanese": "配信停止はこちら：https://news.acme.example/stop",
    "newsletter traditional chinese": (
        "您收到這封郵件是因為您訂閱了我們的電子報。\n取消訂閱：https://news.acme.example/u"
    ),
    "newsletter arabic": "إلغاء الاشتراك: https://news.acme.example/u",
    "a bar of links naming the list": (
        "--\n[Archive](https://lists.acme.example/archive/users) | "
        "[Settings](https://lists.acme.example/options/users) | "
        "[Unsubscribe](https://lists.acme.example/leave/users)"
    ),
    "mobile russian": "Отправлено из мобильной Яндекс Почты",
    "environment polish": "Zanim wydrukujesz tę wiadomość, pomyśl o środowisku.",
    "eset polish": "Wiadomość została sprawdzona przez program antywirusowy ESET.",
    "symantec": (
        "______________________________________________________________________\n"
        "This email has been scanned by the Symantec Email Security.cloud service.\n"
        "For more information please visit http://www.symanteccloud.com\n"
        "______________________________________________________________________"
    ),
}

NOTICES = (
    "confidentiality notice",
    "vertraulichkeitshinweis",
    "avis de confidentialité",
    "aviso de confidencialidad",
    "notice under its title",
    "data protection notice",
    "register block",
    "notice finnish",
    "notice it",
    "notice nl",
    "notice pl",
    "notice pt",
    "notice ru",
    "notice sv",
    "notice ja",
    "notice zh",
    "notice wrapped en",
)

# Footers whose programs always set their first paragraph apart with a blank line.
SET_APART = ("mailchimp en", "slack")

# -- what servers and gateways put above it ------------------------------------------------

BANNERS = {
    "caution": (
        "CAUTION: This email originated from outside of the organization. Do not click "
        "links or open attachments unless you recognize the sender and know the content "
        "is safe."
    ),
    "external tag": (
        "[EXTERNAL] This message came from an external sender. Be careful with links "
        "and attachments."
    ),
    "achtung": (
        "ACHTUNG: Diese E-Mail stammt von einem externen Absender. Klicken Sie nicht auf "
        "Links und öffnen Sie keine Anhänge, wenn Sie den Absender nicht kennen."
    ),
    "attention": (
        "ATTENTION : Ce courriel provient de l'extérieur de l'organisation. Ne cliquez pas "
        "sur les liens et n'ouvrez pas les pièces jointes si vous ne connaissez pas "
        "l'expéditeur."
    ),
    "precaución": (
        "PRECAUCIÓN: Este correo electrónico se originó fuera de la organización. No haga "
        "clic en enlaces ni abra archivos adjuntos a menos que reconozca al remitente."
    ),
    "without a warning word": (
        "This email originated from outside of the organization. Do not click links or "
        "open attachments unless you recognize the sender and know the content is safe."
    ),
    "a tag above it": (
        "[External]\n\nThis message came from outside your organization. Be careful with "
        "links and attachments."
    ),
    "stammt von außerhalb": (
        "Diese E-Mail stammt von außerhalb der Organisation. Klicken Sie nicht auf Links "
        "und öffnen Sie keine Anhänge, es sei denn, Sie kennen den Absender."
    ),
    "expéditeur externe": (
        "Ce message provient d'un expéditeur externe à l'organisation. Soyez prudent avec "
        "les liens et les pièces jointes."
    ),
    "first contact tip": (
        "You don't often get email from laura@client.example. Learn why this is "
        "important<https://aka.ms/LearnAboutSenderIdentification>"
    ),
    "let op": (
        "LET OP: Deze e-mail is afkomstig van buiten de organisatie. Klik niet op links "
        "als u de afzender niet vertrouwt."
    ),
}

# -- the client's own words that only look like a footer ------------------------------------

OWN_WORDS = {
    "unsubscribe in a sentence": (
        "Hi,\n\nplease unsubscribe our old address info@acme.example from the newsletter, "
        "we no longer read it."
    ),
    "unsubscribe link in a sentence": (
        "Hello,\n\nthe unsubscribe link in your newsletter "
        "(https://news.acme.example/u/41) gives a 404 error."
    ),
    "the list archive in a sentence": (
        "Hi,\n\nmy question is in the mailing list archive at "
        "https://lists.acme.example/archive/users/2024-05 but nobody answered it yet."
    ),
    "a link the client gives last": (
        "Hi,\n\nthe status page says all is well, yet the login fails.\n\n"
        "Screenshot: https://share.client.example/s/9f3k"
    ),
    "a group the client speaks of": (
        "Hallo,\n\nich bin Mitglied der Gruppe Einkauf und kann die Abonnements der "
        "Liste nicht mehr verwalten. Bitte prüfen Sie meine Rechte."
    ),
    "the client leaving a list": (
        "Bonjour,\n\nje souhaite me désabonner de la liste users : pouvez-vous le faire pour moi ?"
    ),
    "virus words": "Hi,\n\nour antivirus checked the file and found a virus in the invoice.",
    "the client's own data": (
        "Hello,\n\nplease delete all personal data you hold about me, as is my right under "
        "the GDPR."
    ),
    "a privacy page the client points to": (
        "Hi,\n\nthe privacy policy link https://www.acme.example/privacy on your order page "
        "returns a 500 error."
    ),
    "why the client got a mail": (
        "Hello,\n\nI received this email because my colleague forwarded it to me: is the "
        "offer still valid?"
    ),
    "a register number the client names": (
        "Hi,\n\nthe VAT number on invoice 1043 should be DE123456789, as in our HRB entry."
    ),
    "the client asking not to forward": (
        "Hi,\n\nthe new admin password is in the attached file.\n\nPlease do not forward "
        "this email to anyone outside finance."
    ),
    "advice about an outside mail": (
        "Hi,\n\nthe invoice reached us.\n\nBe careful: the e-mail from the external "
        "auditor came with a link to a fake login page."
    ),
    "a japanese client sending on behalf": (
        "お世話になっております。\n\nこのメールは、山田の代わりに送信しています。"
        "その件については、私からはお答えできません。"
    ),
    "the client's printer": (
        "Hi,\n\nbefore printing the labels, the printer asks for the environment settings again."
    ),
}


@pytest.mark.parametrize("footer", FOOTERS)
def test_a_footer_under_the_reply_goes(footer: str) -> None:
    for client, text in CLIENTS.items():
        got = reply_text(f"{text}\n\n{FOOTERS[footer]}\n")
        assert got == reply_text(text), client


@pytest.mark.parametrize("footer", [f for f in FOOTERS if f not in (*NOTICES, *SET_APART)])
def test_a_footer_right_under_the_last_line_goes(footer: str) -> None:
    for client in ("es unsigned", "nl one line"):
        text = CLIENTS[client]
        assert reply_text(f"{text}\n{FOOTERS[footer]}\n") == reply_text(text), client


@pytest.mark.parametrize("banner", BANNERS)
def test_a_warning_above_the_reply_goes(banner: str) -> None:
    for client, text in CLIENTS.items():
        assert reply_text(f"{BANNERS[banner]}\n\n{text}\n") == reply_text(text), client


@pytest.mark.parametrize("own", OWN_WORDS)
def test_the_clients_own_words_stay(own: str) -> None:
    text = OWN_WORDS[own]
    assert reply_text(text) == text


@pytest.mark.parametrize("own", OWN_WORDS)
@pytest.mark.parametrize("footer", ["mailman 3", "google groups", "avast"])
def test_the_clients_own_words_stay_above_a_footer(own: str, footer: str) -> None:
    text = OWN_WORDS[own]
    assert reply_text(f"{text}\n\n{FOOTERS[footer]}") == text


@pytest.mark.parametrize("client", ["en signed", "fr signed"])
@pytest.mark.parametrize(
    "wrapper",
    [
        "##- Please type your reply above this line -##",
        "--- Reply ABOVE THIS LINE to add a comment to this ticket ---",
        "-- Reply above this line --",
    ],
)
def test_a_helpdesk_notification_under_the_reply_goes(client: str, wrapper: str) -> None:
    text = CLIENTS[client]
    quoted = (
        f"{wrapper}\n\nYour request 4821 has been updated.\n\nAcme Support\n"
        "We restarted the export job; please try again.\n"
    )
    assert reply_text(f"{text}\n\n{quoted}") == reply_text(text)


# -- read from the whole message: headers as evidence, HTML alone ---------------------------

LIST_HEADERS = {
    "List-Id": "Users <users.lists.acme.example>",
    "List-Unsubscribe": "<mailto:users-leave@lists.acme.example>",
    "List-Post": f"<mailto:{LIST}>",
}


def _mail(plain: str | None, html: str | None, headers: dict[str, str]) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Maria Lopez <maria@client.example>"
    msg["To"] = LIST
    msg["Subject"] = "Re: CSV export"
    for name, value in headers.items():
        msg[name] = value
    if plain is not None:
        msg.set_content(plain)
        if html is not None:
            msg.add_alternative(html, subtype="html")
    elif html is not None:
        msg.set_content(html, subtype="html")
    return msg.as_bytes()


@pytest.mark.parametrize("headers", [LIST_HEADERS, {}], ids=["list headers", "no headers"])
@pytest.mark.parametrize(
    "footer",
    [
        "mailman 2",
        "mailman 3",
        "google groups",
        "groups.io",
        "a closing block of list lines",
        "listserv",
        "ezmlm",
    ],
)
def test_a_lists_mail_reads_as_the_clients_words(headers: dict[str, str], footer: str) -> None:
    text = CLIENTS["en signed"]
    alone = parse_message(_mail(f"{text}\n", None, headers)).reply_text
    mail = parse_message(_mail(f"{text}\n\n{FOOTERS[footer]}\n", None, headers))
    assert mail.reply_text == alone


@pytest.mark.parametrize(
    "own",
    [
        "I posted the same question to users@lists.acme.example yesterday, but nobody answered.",
        "See also the thread on users@lists.acme.example from Monday.",
    ],
)
def test_the_clients_sentence_naming_the_list_stays(own: str) -> None:
    text = f"Hi,\n\nthe export fails.\n\n{own}"
    assert parse_message(_mail(f"{text}\n", None, LIST_HEADERS)).reply_text == text


def test_a_list_owners_own_footer_under_a_rule_goes_in_a_lists_mail() -> None:
    """Under the list's header fields, a rule and a few lines with a link are the list's
    footer, whatever words its owner chose."""
    text = CLIENTS["en signed"]
    footer = "_______________________________________________\nAcme Users Forum, since 2009\n"
    footer += "https://forum.acme.example"
    alone = parse_message(_mail(f"{text}\n", None, LIST_HEADERS)).reply_text
    listed = parse_message(_mail(f"{text}\n\n{footer}\n", None, LIST_HEADERS)).reply_text
    assert listed == alone


def test_a_footer_naming_the_lists_header_fields_goes() -> None:
    """A footer a list's owner wrote in their own words is known by what it repeats of
    the List-* fields."""
    text = CLIENTS["de signed"]
    footer = (
        "--\nBenutzerforum der Acme-Anwender\nBeiträge an: users@lists.acme.example\n"
        "Einstellungen: https://lists.acme.example/options/users"
    )
    headers = {**LIST_HEADERS, "List-Unsubscribe": "<https://lists.acme.example/options/users>"}
    alone = parse_message(_mail(f"{text}\n", None, headers)).reply_text
    assert parse_message(_mail(f"{text}\n\n{footer}\n", None, headers)).reply_text == alone


def _html(text: str) -> str:
    paragraphs = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))
    return f"<html><body><div>{paragraphs}</div></body></html>"


GOOGLE_GROUPS_HTML = (
    "<p></p>-- <br>You received this message because you are subscribed to the Google "
    'Groups "Acme Users" group.<br>To unsubscribe from this group and stop receiving '
    'emails from it, send an email to <a href="mailto:acme-users+unsubscribe@'
    'googlegroups.com">acme-users+unsubscribe@googlegroups.com</a>.<br>To view this '
    'discussion on the web visit <a href="https://groups.google.com/d/msgid/acme-users/'
    'CAF7x2q">https://groups.google.com/d/msgid/acme-users/CAF7x2q</a>.<br>'
)
MAILMAN_HTML = (
    "<div>_______________________________________________<br>Users mailing list -- "
    f'{LIST}<br>To unsubscribe send an email to <a href="mailto:users-leave@'
    'lists.acme.example">users-leave@lists.acme.example</a></div>'
)
AVAST_HTML = (
    '<table><tr><td><a href="https://www.avast.com/sig-email"><img src="cid:avast" '
    'alt=""></a></td><td>Virus-free.<a href="https://www.avast.com/sig-email">'
    "www.avast.com</a></td></tr></table>"
)


NEWSLETTER_HTML = (
    '<table width="100%"><tr><td style="font-size:11px;color:#777">You are receiving this '
    "email because you opted in at our website.<br>"
    '<a href="https://news.acme.example/u/1">Unsubscribe</a> | '
    '<a href="https://news.acme.example/p/1">Update preferences</a><br>'
    "Northwind Supplies · 12 Harbour Road · Leeds</td></tr></table>"
)
NOTICE_HTML = (
    '<p style="font-size:8pt;color:gray">CONFIDENTIALITY: This e-mail and any attachments '
    "are confidential and intended solely for the addressee. If you received it in error, "
    "please delete it.</p>"
)


@pytest.mark.parametrize("client", ["en signed", "fr signed", "es unsigned"])
@pytest.mark.parametrize(
    "footer",
    [GOOGLE_GROUPS_HTML, MAILMAN_HTML, AVAST_HTML, NEWSLETTER_HTML, NOTICE_HTML],
    ids=["google", "mailman", "avast", "newsletter", "notice"],
)
def test_an_html_only_reply_reads_without_its_footer(client: str, footer: str) -> None:
    page = _html(CLIENTS[client])
    alone = parse_message(_mail(None, page, {})).reply_text
    with_footer = page.replace("</body>", f"{footer}</body>")
    assert parse_message(_mail(None, with_footer, LIST_HEADERS)).reply_text == alone
    assert alone.startswith(CLIENTS[client].split("\n")[0])


def test_a_signing_services_warning_under_the_senders_message_goes() -> None:
    """An e-signature service's mail carries the sender's message between its link and
    its warning about the link, which goes with its heading."""
    body = (
        "Sofia Lind sent you a document to review and sign.\n\n"
        "REVIEW DOCUMENT: https://sign.acme.example/r/abc\n\nSofia Lind\n"
        "sofia@client.example\n\nHi, please sign the renewed support contract by Friday. "
        "Page 3 has the new response times.\n\nDo Not Share This Email\nThis email "
        "contains a secure link. Please do not share this email, link, or access code "
        "with others.\n"
    )
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Sofia Lind via Acme Sign <dse@sign.acme.example>"
    msg["Reply-To"] = "Sofia Lind <sofia@client.example>"
    msg["To"] = "support@helpdesk.example"
    msg["Subject"] = "Please sign: support contract"
    msg.set_content(body)
    assert parse_message(msg.as_bytes()).reply_text == (
        "Hi, please sign the renewed support contract by Friday. Page 3 has the new response times."
    )
