"""A seventh grid: the footers lists, servers and phones append to a person's mail, in the
versions, languages and layouts the first grids do not hold.

- list managers' footers: Google Groups' historic versions (2008's tilde rules, 2010's
  "For more options, visit this group at …", 2014's "To view this discussion on the web
  visit …", 2021's and a Workspace group's) and its translations into more languages
  (Danish, Norwegian, Finnish, Hungarian, Greek, Ukrainian, Romanian, Catalan,
  Vietnamese, Indonesian, Thai, Arabic, Hebrew); Mailman 2's and 3's defaults and their
  owners' variants, Sympa's, LISTSERV's, groups.io's, Topicbox's, Yahoo Groups', Discourse's
  mailing-list mode, Majordomo's, ezmlm's, Lyris', a Mailgun list's;
- gateways' and signatures' notices: confidentiality in more languages and wordings
  (RTL and CJK among them), data-protection notices, environment lines, register blocks,
  external-sender warnings at the top, scanners' stamps (Avast, AVG, ESET, Kaspersky,
  Norton, Bitdefender, McAfee, Sophos, Mimecast, Proofpoint, Barracuda);
- mobile taglines of more devices and apps in more languages.

Each is tried under the client's text, under the quote the client answers above,
bottom-posted under the quote, and (most) right under the last line, then in whole mails
(a list's header fields, a From rewritten "X via Y", quoted-printable, base64, legacy
charsets, HTML only, the footer in a part of its own).  What the client wrote must read
the same as without it; the client's own sentences that speak of lists, unsubscribing,
notices or phones stay.
"""

from __future__ import annotations

import base64
import textwrap

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support import footer_grid as grid
from tests.support.footer_grid import gmail_divs

CLIENTS = {
    "en": (
        "Hi,\n\nthe shared calendar on the front desk tablet stopped syncing after the "
        "update. Can you take a look before Friday?\n\nThanks,\nMaya Lindqvist"
    ),
    "de": (
        "Hallo zusammen,\n\nder Scanner im zweiten Stock legt die PDFs seit gestern nicht "
        "mehr im Ordner ab. Könnt ihr das bitte ansehen?"
    ),
    "fr": (
        "Bonjour,\n\nles postes de la comptabilité n'arrivent plus à ouvrir le partage "
        "réseau depuis la mise à jour.\n\nMerci d'avance,\nChloé Martin"
    ),
    "es": "Hola, la centralita vuelve a cortar las llamadas entrantes a los dos minutos.",
    "ja": (
        "お疲れ様です。\n\n経理部のプリンターで両面印刷ができなくなりました。"
        "ご確認をお願いいたします。"
    ),
}
WRITERS = {"en": "Maya Lindqvist", "fr": "Chloé Martin"}
QUOTE = (
    "On Wed, 4 Jun 2025 at 11:02, Acme IT <it@acme.example> wrote:\n"
    "> Hello,\n>\n> which device shows the problem?\n>\n> Acme IT"
)
GRID = grid.Clients(CLIENTS, WRITERS, QUOTE)


# -- list managers ------------------------------------------------------------------------

GROUP = "acme-office"
GG = f"{GROUP}@googlegroups.com"
GG_UNSUB = f"{GROUP}+unsubscribe@googlegroups.com"
GG_MSGID = f"https://groups.google.com/d/msgid/{GROUP}/CAH9k2w%40mail.gmail.com"
GG_OPTOUT = "https://groups.google.com/d/optout"
GG_WHY = (
    'You received this message because you are subscribed to the Google Groups "Acme Office" group.'
)

# Google Groups' English footer as it changed over the years.
GOOGLE_GROUPS_VERSIONS = {
    "gg 2008 tildes": (
        "--~--~---------~--~----~------------~-------~--~----~\n"
        f"{GG_WHY}\nTo post to this group, send email to {GG}\n"
        f"To unsubscribe from this group, send email to {GROUP}-unsubscribe@googlegroups.com\n"
        f"For more options, visit this group at http://groups.google.com/group/{GROUP}?hl=en\n"
        "-~----------~----~----~----~------~----~------~--~---"
    ),
    "gg 2010": (
        f"-- \n{GG_WHY}\nTo post to this group, send email to {GG}.\n"
        f"To unsubscribe from this group, send email to {GG_UNSUB}.\n"
        f"For more options, visit this group at http://groups.google.com/group/{GROUP}?hl=en."
    ),
    "gg 2014": (
        f"-- \n{GG_WHY}\nTo unsubscribe from this group and stop receiving emails from it, "
        f"send an email to {GG_UNSUB}.\nTo post to this group, send email to {GG}.\n"
        f"Visit this group at https://groups.google.com/group/{GROUP}.\n"
        f"To view this discussion on the web visit {GG_MSGID}.\n"
        f"For more options, visit {GG_OPTOUT}."
    ),
    "gg 2021": (
        f"-- \n{GG_WHY}\nTo unsubscribe from this group and stop receiving emails from it, "
        f"send an email to {GG_UNSUB}.\nTo view this discussion visit {GG_MSGID}."
    ),
    "gg 2021 no delimiter": (
        f"{GG_WHY}\nTo unsubscribe from this group and stop receiving emails from it, send "
        f"an email to {GG_UNSUB}.\nTo view this discussion on the web visit {GG_MSGID}."
    ),
    "gg workspace": (
        '-- \nYou received this message because you are subscribed to the Google Groups "IT '
        'Support" group.\nTo unsubscribe from this group and stop receiving emails from it, '
        "send an email to it-support+unsubscribe@acme.example."
    ),
    "gg workspace view": (
        "-- \nTo unsubscribe from this group and stop receiving emails from it, send an email "
        "to it-support+unsubscribe@acme.example.\nTo view this discussion on the web visit "
        "https://groups.google.com/a/acme.example/d/msgid/it-support/CAH9k2w."
    ),
    "gg html as text": (
        f"-- \n{GG_WHY}\nTo unsubscribe from this group and stop receiving emails from it, "
        f"send an email to {GG_UNSUB}.\nTo view this discussion on the web visit\n{GG_MSGID}\n"
        f"<{GG_MSGID}?utm_medium=email&utm_source=footer>."
    ),
}

# Google Groups' footer in languages the first grids do not hold.
GOOGLE_GROUPS_LANGUAGES = {
    "gg da": (
        'Du modtager denne besked, fordi du abonnerer på Google Grupper-gruppen "Acme '
        'Office".\nHvis du vil afmelde dig denne gruppe og stoppe med at modtage e-mails fra '
        f"den, skal du sende en e-mail til {GG_UNSUB}.\nHvis du vil se denne diskussion på "
        f"nettet, skal du gå til {GG_MSGID}."
    ),
    "gg no": (
        "Du mottar denne meldingen fordi du abonnerer på gruppen «Acme Office» i Google "
        "Grupper.\nHvis du vil avslutte abonnementet på denne gruppen og slutte å motta "
        f"e-post fra den, sender du en e-post til {GG_UNSUB}.\nFor å se denne diskusjonen "
        f"på nettet, gå til {GG_MSGID}."
    ),
    "gg fi": (
        "Saat tämän viestin, koska olet tilannut Google Ryhmät -palvelun ryhmän "
        '"Acme Office" viestit.\nJos haluat lopettaa ryhmän tilauksen ja et halua enää saada '
        f"ryhmän sähköpostiviestejä, lähetä sähköpostiviesti osoitteeseen {GG_UNSUB}.\n"
        f"Jos haluat tarkastella keskustelua verkossa, siirry osoitteeseen {GG_MSGID}."
    ),
    "gg hu": (
        "Ezt az üzenetet azért kapta, mert feliratkozott a Google Csoportok „Acme Office” "
        "csoportjára.\nHa le szeretne iratkozni erről a csoportról, és nem szeretne több "
        f"e-mailt kapni tőle, küldjön egy e-mailt a(z) {GG_UNSUB} címre.\nA beszélgetés "
        f"weben való megtekintéséhez látogasson el a(z) {GG_MSGID} oldalra."
    ),
    "gg el": (
        'Λάβατε αυτό το μήνυμα επειδή έχετε εγγραφεί στην ομάδα "Acme Office" των Ομάδων '
        "Google.\nΓια να καταργήσετε την εγγραφή σας από αυτήν την ομάδα και να σταματήσετε "
        "να λαμβάνετε μηνύματα ηλεκτρονικού ταχυδρομείου από αυτήν, στείλτε ένα μήνυμα "
        f"ηλεκτρονικού ταχυδρομείου στη διεύθυνση {GG_UNSUB}.\nΓια να δείτε αυτήν τη "
        f"συζήτηση στον ιστό, επισκεφτείτε τη διεύθυνση {GG_MSGID}."
    ),
    "gg uk": (
        'Ви отримали це повідомлення, оскільки підписалися на групу "Acme Office" у Групах '
        "Google.\nЩоб відмовитися від підписки на цю групу й не отримувати від неї листи, "
        f"надішліть електронний лист на адресу {GG_UNSUB}.\nЩоб переглянути це обговорення "
        f"в Інтернеті, перейдіть за посиланням {GG_MSGID}."
    ),
    "gg ro": (
        "Ați primit acest mesaj deoarece sunteți abonat(ă) la grupul „Acme Office” din "
        "Google Groups.\nPentru a vă dezabona de la acest grup și a nu mai primi e-mailuri de "
        f"la acesta, trimiteți un e-mail la {GG_UNSUB}.\nPentru a vedea această discuție pe "
        f"web, accesați {GG_MSGID}."
    ),
    "gg ca": (
        'Has rebut aquest missatge perquè estàs subscrit al grup "Acme Office" de Grups de '
        "Google.\nPer cancel·lar la subscripció a aquest grup i deixar de rebre'n correus "
        f"electrònics, envia un correu electrònic a {GG_UNSUB}.\nPer veure aquesta discussió "
        f"al web, visita {GG_MSGID}."
    ),
    "gg vi": (
        'Bạn nhận được thư này vì bạn đã đăng ký vào nhóm "Acme Office" trong Google '
        "Groups.\nĐể hủy đăng ký khỏi nhóm này và ngừng nhận email từ nhóm, hãy gửi email "
        f"đến {GG_UNSUB}.\nĐể xem cuộc thảo luận này trên web, hãy truy cập {GG_MSGID}."
    ),
    "gg id": (
        'Anda menerima pesan ini karena Anda berlangganan grup "Acme Office" di Google '
        "Grup.\nUntuk berhenti berlangganan dari grup ini dan berhenti menerima email "
        f"darinya, kirim email ke {GG_UNSUB}.\nUntuk melihat diskusi ini di web, kunjungi "
        f"{GG_MSGID}."
    ),
    "gg th": (
        'คุณได้รับข้อความนี้เนื่องจากคุณสมัครรับข้อมูลจากกลุ่ม "Acme Office" ใน Google Groups\n'
        "หากต้องการยกเลิกการสมัครรับข้อมูลจากกลุ่มนี้และหยุดรับอีเมลจากกลุ่มนี้ "
        f"ให้ส่งอีเมลไปที่ {GG_UNSUB}\nหากต้องการดูการสนทนานี้บนเว็บ โปรดไปที่ {GG_MSGID}"
    ),
    "gg ar": (
        'تلقيت هذه الرسالة لأنك مشترك في مجموعة "Acme Office" في مجموعات Google.\n'
        "لإلغاء الاشتراك في هذه المجموعة وإيقاف تلقي رسائل الإلكترونية منها، أرسل رسالة "
        f"إلكترونية إلى {GG_UNSUB}.\nلعرض هذه المناقشة على الويب، انتقل إلى {GG_MSGID}."
    ),
    "gg he": (
        'קיבלת את ההודעה הזו מפני שאתה רשום לקבוצה "Acme Office" בקבוצות Google.\n'
        "כדי לבטל את הרישום לקבוצה הזו ולהפסיק לקבל ממנה אימייל, שלח אימייל אל "
        f"{GG_UNSUB}.\nכדי להציג את הדיון הזה באינטרנט, היכנס אל {GG_MSGID}."
    ),
}

LIST = "office@lists.acme.example"
LISTINFO = "https://lists.acme.example/mailman/listinfo/office"
LISTS = {
    "mailman 2 default": (
        f"_______________________________________________\nOffice mailing list\n{LIST}\n{LISTINFO}"
    ),
    "mailman 2 unsubscribe line": (
        f"_______________________________________________\nOffice mailing list\n{LIST}\n"
        f"{LISTINFO}\nUnsubscribe: {LISTINFO}/maya%40client.example"
    ),
    "mailman 2 de": (
        f"_______________________________________________\nOffice Mailingliste\n{LIST}\n{LISTINFO}"
    ),
    "mailman 2 nl": (
        f"_______________________________________________\nOffice mailinglijst\n{LIST}\n{LISTINFO}"
    ),
    "mailman 2 pt": (
        "_______________________________________________\nLista de discussão Office\n"
        f"{LIST}\n{LISTINFO}"
    ),
    "mailman 3 default": (
        f"_______________________________________________\nOffice mailing list -- {LIST}\n"
        "To unsubscribe send an email to office-leave@lists.acme.example"
    ),
    "mailman 3 archived": (
        f"_______________________________________________\nOffice mailing list -- {LIST}\n"
        "To unsubscribe send an email to office-leave@lists.acme.example\n"
        "%(web_page_url)s\nArchived at: https://lists.acme.example/archives/list/"
        f"{LIST}/message/K3QX7/"
    ),
    "mailman 3 nl": (
        f"_______________________________________________\nOffice mailinglijst -- {LIST}\n"
        "Stuur een e-mail naar office-leave@lists.acme.example om je af te melden"
    ),
    "mailman 3 pt": (
        f"_______________________________________________\nLista de discussão Office -- {LIST}\n"
        "Para cancelar a inscrição, envie um e-mail para office-leave@lists.acme.example"
    ),
    "sympa en": (
        "---\nTo unsubscribe from this list, send an email to sympa@lists.acme.example with "
        "the subject: signoff office"
    ),
    "sympa es": (
        "---\nPara darse de baja de la lista, envíe un correo a sympa@lists.acme.example con "
        "el asunto: signoff office"
    ),
    "listserv": (
        "############################\n\nTo unsubscribe from the OFFICE list, click the "
        "following link:\nhttps://listserv.acme.example/scripts/wa.exe?SUBED1=OFFICE&A=1"
    ),
    "listserv access": (
        "To unsubscribe from the OFFICE list, click the following link:\n"
        "https://listserv.acme.example/cgi-bin/wa?SUBED1=OFFICE&A=1"
    ),
    "listserv old": (
        "----------------------------------------------------------------------\n"
        "To unsubscribe, send mail to LISTSERV@LISTSERV.ACME.EXAMPLE with the command "
        "(paste it):\nSIGNOFF OFFICE"
    ),
    "groups.io full": (
        "-=-=-=-=-=-=-=-=-=-=-=-\nGroups.io Links: You receive all messages sent to this "
        "group.\nView/Reply Online (#842): https://groups.io/g/acme-office/message/842\n"
        "Mute This Topic: https://groups.io/mt/101234567/7654321\n"
        "Group Owner: acme-office+owner@groups.io\n"
        "Unsubscribe: https://groups.io/g/acme-office/leave/7654321/9f8e7d6c5b/xyz\n"
        "-=-=-=-=-=-=-=-=-=-=-=-"
    ),
    "topicbox": (
        "------------------------------------------\nAcme: Office\nPermalink: "
        "https://acme.topicbox.com/groups/office/T5c2e1f3a9b8d7c6e-M3a\nDelivery options: "
        "https://acme.topicbox.com/groups/office/subscription"
    ),
    "yahoo groups": (
        "------------------------------------\n\nYahoo! Groups Links\n\n<*> To visit your "
        "group on the web, go to:\n    http://groups.yahoo.com/group/acme-office/\n\n<*> To "
        "unsubscribe from this group, send an email to:\n    "
        "acme-office-unsubscribe@yahoogroups.com"
    ),
    "discourse mailing list mode": (
        "---\n[Visit Topic](https://forum.acme.example/t/tablet-sync/4711/3) or reply to "
        "this email to respond.\n\nTo unsubscribe from these emails, [click here]"
        "(https://forum.acme.example/email/unsubscribe/9c1e)."
    ),
    "discourse plain": (
        "---\nVisit Topic: https://forum.acme.example/t/tablet-sync/4711/3 or reply to this "
        "email to respond.\nYou are receiving this because you enabled mailing list mode.\n"
        "To unsubscribe from these emails, click here: "
        "https://forum.acme.example/email/unsubscribe/9c1e"
    ),
    "majordomo": (
        "---\nTo unsubscribe, send a message to majordomo@lists.acme.example with the line "
        "'unsubscribe office' in the body."
    ),
    "ezmlm": (
        "---------------------------------------------------------------------\nTo "
        "unsubscribe, e-mail: office-unsubscribe@lists.acme.example\nFor additional "
        "commands, e-mail: office-help@lists.acme.example"
    ),
    "lyris": (
        "---\nYou are currently subscribed to office as: maya@client.example.\nTo "
        "unsubscribe send a blank email to leave-office-1234567X@lists.acme.example"
    ),
    "mailgun list": (
        "--\nYou received this message because you are a member of the office@mg.acme.example "
        "mailing list.\nUnsubscribe: https://mg.acme.example/u/office/Zx81"
    ),
}


@pytest.mark.parametrize("name", sorted(GOOGLE_GROUPS_VERSIONS))
def test_google_groups_footer_of_every_version_goes(name: str) -> None:
    missed = GRID.misses({name: GOOGLE_GROUPS_VERSIONS[name]})
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(GOOGLE_GROUPS_LANGUAGES))
def test_google_groups_footer_in_more_languages_goes(name: str) -> None:
    footer = GOOGLE_GROUPS_LANGUAGES[name]
    missed = GRID.misses({name: footer, f"{name} ruled": f"-- \n{footer}"})
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_list_managers_footer_goes(name: str) -> None:
    missed = GRID.misses({name: LISTS[name]})
    assert not missed, "\n".join(missed)


# -- notices, warnings and stamps ---------------------------------------------------------

NOTICES = {
    "en short": (
        "This e-mail and any attachments are confidential and intended solely for the "
        "addressee. If you have received it in error, please delete it and notify the sender."
    ),
    "en titled": (
        "CONFIDENTIALITY NOTICE\n\nThis message may contain confidential or privileged "
        "information. If you are not the intended recipient, please notify the sender "
        "immediately and delete this message."
    ),
    "de": (
        "Diese Nachricht ist vertraulich und ausschließlich für den Adressaten bestimmt. "
        "Sollten Sie nicht der beabsichtigte Empfänger sein, informieren Sie bitte den "
        "Absender und löschen Sie diese Nachricht."
    ),
    "fr": (
        "Ce message et ses pièces jointes sont confidentiels et établis à l'attention "
        "exclusive de leurs destinataires. Si vous avez reçu ce message par erreur, merci "
        "d'en avertir immédiatement l'expéditeur et de le détruire."
    ),
    "es": (
        "Este mensaje es confidencial y está dirigido exclusivamente a su destinatario. Si "
        "lo ha recibido por error, le rogamos que lo comunique al remitente y lo elimine."
    ),
    "it": (
        "Questo messaggio è riservato ed è destinato esclusivamente al destinatario "
        "indicato. Se lo avete ricevuto per errore, vi preghiamo di avvisare il mittente e "
        "di cancellarlo."
    ),
    "nl": (
        "Dit bericht is vertrouwelijk en uitsluitend bestemd voor de geadresseerde. Indien "
        "u dit bericht abusievelijk heeft ontvangen, verzoeken wij u de afzender te "
        "informeren en het bericht te verwijderen."
    ),
    "pt": (
        "Esta mensagem é confidencial e destinada exclusivamente ao destinatário. Se a "
        "recebeu por engano, por favor informe o remetente e elimine-a."
    ),
    "pl": (
        "Ta wiadomość jest poufna i przeznaczona wyłącznie dla adresata. Jeśli otrzymali "
        "Państwo ją omyłkowo, prosimy o powiadomienie nadawcy i usunięcie wiadomości."
    ),
    "ru": (
        "Это сообщение конфиденциально и предназначено исключительно для адресата. Если "
        "вы получили его по ошибке, пожалуйста, сообщите отправителю и удалите его."
    ),
    "sv": (
        "Detta e-postmeddelande är konfidentiellt och endast avsett för mottagaren. Om du "
        "har fått det av misstag, vänligen meddela avsändaren och radera meddelandet."
    ),
    "ja": (
        "本メールは機密情報を含む場合があり、宛先の方のみを対象としています。"
        "誤って受信された場合は、送信者にご連絡の上、削除してください。"
    ),
    "zh-cn": (
        "本邮件及其附件含有保密信息，仅供收件人使用。如果您误收了本邮件，"
        "请立即通知发件人并删除本邮件。"
    ),
    "ko": (
        "본 메일은 기밀 정보를 포함하고 있으며 지정된 수신자만을 위한 것입니다. "
        "잘못 수신하신 경우 발신자에게 알리고 삭제해 주시기 바랍니다."
    ),
    "ar": (
        "هذه الرسالة سرية ومخصصة فقط للمرسل إليه. إذا تلقيت هذه الرسالة عن طريق الخطأ، "
        "يرجى إبلاغ المرسل وحذفها."
    ),
    "he": ("הודעה זו חסויה ומיועדת לנמען בלבד. אם קיבלת הודעה זו בטעות, אנא הודע לשולח ומחק אותה."),
    "tr": (
        "Bu e-posta gizli bilgi içerebilir ve yalnızca alıcısına yöneliktir. Yanlışlıkla "
        "aldıysanız lütfen göndereni bilgilendiriniz ve siliniz."
    ),
    "gdpr en": (
        "We process your personal data in accordance with the GDPR. Information about your "
        "rights is available at https://www.acme-client.example/privacy."
    ),
    "gdpr de": (
        "Informationen zur Verarbeitung Ihrer personenbezogenen Daten gemäß DSGVO finden "
        "Sie unter https://www.client-gmbh.example/datenschutz."
    ),
    "environment en": "Please consider the environment before printing this email.",
    "environment de": "Bitte denken Sie an die Umwelt, bevor Sie diese E-Mail ausdrucken.",
    "environment fr": "Pensez à l'environnement avant d'imprimer ce courriel.",
    "environment es": "Antes de imprimir este correo, piense en el medio ambiente.",
    "environment it": "Rispetta l'ambiente: prima di stampare questa e-mail pensaci.",
    "register de": (
        "Client Logistik GmbH · Sitz der Gesellschaft: Hamburg · Amtsgericht Hamburg HRB "
        "123456\nGeschäftsführer: Jan Petersen · USt-IdNr. DE123456789"
    ),
    "register fr": (
        "Client Logistique SAS au capital de 50 000 € · RCS Lyon 812 345 678 · "
        "SIRET 812 345 678 00021"
    ),
}

BANNERS = {
    "en": (
        "CAUTION: This email originated from outside of the organization. Do not click "
        "links or open attachments unless you recognize the sender and know the content is "
        "safe."
    ),
    "en bracketed": (
        "[EXTERNAL] This email came from an external source. Only open attachments or links "
        "that you are expecting from a known sender."
    ),
    "de": (
        "ACHTUNG: Diese E-Mail stammt von einem externen Absender. Klicken Sie nicht auf "
        "Links und öffnen Sie keine Anhänge, wenn Sie den Absender nicht kennen."
    ),
    "fr": (
        "ATTENTION : Ce courriel provient d'un expéditeur externe. Ne cliquez pas sur les "
        "liens et n'ouvrez pas les pièces jointes si vous ne connaissez pas l'expéditeur."
    ),
    "es": (
        "PRECAUCIÓN: Este correo se originó fuera de la organización. No haga clic en "
        "enlaces ni abra archivos adjuntos a menos que reconozca al remitente."
    ),
    "it": (
        "ATTENZIONE: questa e-mail proviene da un mittente esterno all'organizzazione. Non "
        "cliccare sui link e non aprire allegati se non conosci il mittente."
    ),
    "nl": (
        "LET OP: Deze e-mail is afkomstig van buiten de organisatie. Klik niet op links en "
        "open geen bijlagen tenzij u de afzender herkent."
    ),
    "pl": (
        "UWAGA: Ta wiadomość pochodzi spoza organizacji. Nie klikaj linków ani nie otwieraj "
        "załączników, jeśli nie znasz nadawcy."
    ),
    "ja": "注意：このメールは組織外から送信されました。リンクや添付ファイルにご注意ください。",
    "zh": "外部邮件：此邮件来自组织外部，请谨慎点击链接或打开附件。",
    "he": "זהירות: הודעה זו נשלחה מחוץ לארגון. אין ללחוץ על קישורים או לפתוח קבצים מצורפים.",
    "ar": "تنبيه: هذه الرسالة واردة من خارج المؤسسة. لا تنقر على الروابط ولا تفتح المرفقات.",
}

STAMPS = {
    "avast en": "Virus-free. www.avast.com",
    "avg en": ("This email has been checked for viruses by AVG antivirus software.\nwww.avg.com"),
    "eset en": (
        "--\nThis email has been checked for viruses by ESET Mail Security.\nhttp://www.eset.com"
    ),
    "eset de": "--\nDiese E-Mail wurde von ESET Mail Security geprüft.\nhttp://www.eset.com",
    "kaspersky en": "This message was scanned by Kaspersky Mail Security.",
    "norton": "This email has been checked for viruses by Norton Antivirus.",
    "bitdefender de": "Diese E-Mail wurde von Bitdefender auf Viren geprüft.",
    "mcafee": "Scanned by McAfee Email Gateway.",
    "sophos": "This email has been scanned by Sophos Email.",
    "mimecast": (
        "This email has been scanned for spam and viruses by Mimecast. For more information "
        "please visit http://www.mimecast.com"
    ),
    "proofpoint": "This message has been scanned for malware by Proofpoint Essentials.",
    "barracuda": "This email has been scanned by the Barracuda Email Security Service.",
}


@pytest.mark.parametrize("name", sorted(NOTICES))
def test_a_notice_under_the_text_goes(name: str) -> None:
    missed = GRID.misses({name: NOTICES[name]}, under_line=False)
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(STAMPS))
def test_a_scanners_stamp_goes(name: str) -> None:
    missed = GRID.misses({name: STAMPS[name]})
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(BANNERS))
def test_a_gateways_warning_above_the_text_goes(name: str) -> None:
    missed = []
    for client, text in CLIENTS.items():
        writer = WRITERS.get(client, "")
        got = reply_text(f"{BANNERS[name]}\n\n{text}\n\n{QUOTE}\n", writer=writer)
        if got != reply_text(f"{text}\n\n{QUOTE}\n", writer=writer):
            missed.append(f"{client}: {got[:160]!r}")
    assert not missed, "\n".join(missed)


# -- mobile taglines ----------------------------------------------------------------------

MOBILE = {
    "iphone nb": "Sendt fra min iPhone",
    "iphone pt-br": "Enviado do meu iPhone",
    "ipad de": "Von meinem iPad gesendet",
    "ipad fr": "Envoyé de mon iPad",
    "apple watch": "Sent from my Apple Watch",
    "samsung pt": "Enviado do meu smartphone Samsung Galaxy.",
    "samsung nl": "Verzonden vanaf mijn Samsung Galaxy-smartphone.",
    "samsung pl": "Wysłane z mojego Galaxy",
    "samsung sv": "Skickat från min Samsung Galaxy-smartphone.",
    "samsung verizon": "Sent from my Verizon, Samsung Galaxy smartphone",
    "huawei de": "Von meinem Huawei-Mobiltelefon gesendet",
    "huawei mail": "Sent from Huawei Mail",
    "xiaomi": "Sent from my Xiaomi",
    "xiaomi zh": "发自我的小米手机",
    "outlook ios it": "Scarica Outlook per iOS<https://aka.ms/o0ukef>",
    "outlook android nl": "Outlook voor Android downloaden<https://aka.ms/ghei36>",
    "outlook android pt": "Baixe o Outlook para Android<https://aka.ms/ghei36>",
    "outlook android sv": "Hämta Outlook för Android<https://aka.ms/ghei36>",
    "outlook android zh": "获取 Android 版 Outlook<https://aka.ms/ghei36>",
    "outlook ios ko": "iOS용 Outlook 받기<https://aka.ms/o0ukef>",
    "outlook ios ru": "Загрузите Outlook для iOS<https://aka.ms/o0ukef>",
    "outlook ios pl": "Pobierz aplikację Outlook dla systemu iOS<https://aka.ms/o0ukef>",
    "yahoo de": "Von Yahoo Mail auf Android gesendet",
    "gmx app": "Gesendet mit der GMX Mail App",
    "gmx android": "Diese Nachricht wurde von meinem Android Mobiltelefon mit GMX Mail gesendet.",
    "webde iphone": "Von meinem iPhone gesendet mit WEB.DE Mail",
    "aol ios": "Sent from the all new AOL app for iOS",
    "gmail android de": "Gesendet von meinem Android-Telefon mit Gmail",
}


@pytest.mark.parametrize("name", sorted(MOBILE))
def test_a_mobile_tagline_goes(name: str) -> None:
    missed = GRID.misses({name: MOBILE[name]})
    assert not missed, "\n".join(missed)


# -- more of each family, in the layouts and languages programs write them in ------------

GOOGLE_GROUPS_TRANSLATED = {
    "google groups old fr": (
        "--\nVous avez reçu ce message, car vous êtes abonné au groupe Google "
        'Groupes "Acme Office".\nPour vous désabonner de ce groupe et ne plus '
        "recevoir d'e-mails le concernant, envoyez un e-mail à l'adresse "
        "acme-office+unsubscribe@googlegroups.com.\nPour envoyer un message à ce "
        "groupe, envoyez un e-mail à l'adresse acme-office@googlegroups.com.\n"
        "Visitez ce groupe à l'adresse https://groups.google.com/group/acme-office.\n"
        "Pour plus d'options, visitez le site https://groups.google.com/d/optout ."
    ),
    "google groups old de": (
        "--\nSie haben diese Nachricht erhalten, weil Sie Mitglied der Google "
        'Groups-Gruppe "Acme Office" sind.\nUm Ihr Abonnement für diese Gruppe zu '
        "beenden und keine E-Mails mehr von dieser Gruppe zu erhalten, senden Sie "
        "eine E-Mail an acme-office+unsubscribe@googlegroups.com.\nUm in dieser "
        "Gruppe zu posten, senden Sie eine E-Mail an acme-office@googlegroups.com.\n"
        "Besuchen Sie diese Gruppe unter "
        "https://groups.google.com/group/acme-office.\nWeitere Optionen finden Sie "
        "unter https://groups.google.com/d/optout."
    ),
    "google groups es 2014": (
        '--\nRecibiste este mensaje porque estás suscrito al grupo "Acme Office" de '
        "Grupos de Google.\nPara anular la suscripción a este grupo y dejar de "
        "recibir sus mensajes, envía un correo electrónico a "
        "acme-office+unsubscribe@googlegroups.com.\nPara publicar en este grupo, "
        "envía un correo electrónico a acme-office@googlegroups.com.\nPara obtener "
        "más opciones, visita https://groups.google.com/d/optout."
    ),
    "google groups ja 2014": (
        "--\nこのメールは Google グループのグループ「Acme Office」に"
        "登録しているユーザーに送られています。\n"
        "このグループから退会し、グループからのメールの配信を停止するには "
        "acme-office+unsubscribe@googlegroups.com "
        "にメールを送信してください。\nその他のオプションについては "
        "https://groups.google.com/d/optout "
        "にアクセスしてください。"
    ),
    "google groups it 2014": (
        '--\nHai ricevuto questo messaggio perché sei iscritto al gruppo "Acme '
        "Office\" di Google Gruppi.\nPer annullare l'iscrizione a questo gruppo e "
        "non ricevere più le sue email, invia un'email a "
        "acme-office+unsubscribe@googlegroups.com.\nPer postare in questo gruppo, "
        "invia un'email a acme-office@googlegroups.com.\nPer altre opzioni visita "
        "https://groups.google.com/d/optout."
    ),
    "google groups pt 2014": (
        '--\nVocê recebeu essa mensagem porque está inscrito no grupo "Acme Office" '
        "dos Grupos do Google.\nPara cancelar inscrição nesse grupo e parar de "
        "receber e-mails dele, envie um e-mail para "
        "acme-office+unsubscribe@googlegroups.com.\nPara postar nesse grupo, envie "
        "um e-mail para acme-office@googlegroups.com.\nPara mais opções, acesse "
        "https://groups.google.com/d/optout."
    ),
    "google groups nl 2014": (
        "--\nJe hebt dit bericht ontvangen omdat je bent geabonneerd op de groep "
        "'Acme Office' van Google Groepen.\nAls je je wilt afmelden bij deze groep "
        "en geen e-mails meer van deze groep wilt ontvangen, stuur je een e-mail "
        "naar acme-office+unsubscribe@googlegroups.com.\nAls je wilt posten in deze "
        "groep, stuur je een e-mail naar acme-office@googlegroups.com.\nGa naar "
        "https://groups.google.com/d/optout voor meer opties."
    ),
    "google groups zh-tw": (
        "--\n您已訂閱「Google 網上論壇」上的「Acme Office」群組，因此收到這封郵件。\n"
        "如要取消訂閱這個群組並停止接收來自這個群組的電子郵件，請傳送電子郵件到 "
        "acme-office+unsubscribe@googlegroups.com。\n如要查看這個討論，請前往 "
        "https://groups.google.com/d/msgid/acme-office/CAH9k2w。"
    ),
    "google groups ko 2014": (
        "--\n이 메일은 Google 그룹스 'Acme Office' 그룹에 가입한 분들에게 "
        "전송되는 메시지입니다.\n이 그룹에서 탈퇴하고 더 "
        "이상 이메일을 받지 않으려면 acme-office+unsubscribe@googlegroups.com에 "
        "이메일을 보내세요.\n더 많은 "
        "옵션을 보려면 https://groups.google.com/d/optout을(를) 방문하세요."
    ),
}

MORE_LISTS = {
    "mm2 custom desc": (
        "_______________________________________________\nOffice mailing list - "
        "internal announcements and questions\noffice@lists.acme.example\n"
        "https://lists.acme.example/mailman/listinfo/office\nList archive: "
        "https://lists.acme.example/pipermail/office/"
    ),
    "mm2 no rule": (
        "Office mailing list\noffice@lists.acme.example\n"
        "https://lists.acme.example/mailman/listinfo/office"
    ),
    "mm3 dashes": (
        "--\nOffice mailing list -- office@lists.acme.example\nTo unsubscribe send "
        "an email to office-leave@lists.acme.example"
    ),
    "mm3 de plain": (
        "_______________________________________________\nOffice Mailingliste -- "
        "office@lists.acme.example\nZur Abmeldung von dieser Mailingliste senden Sie "
        "eine Nachricht an office-leave@lists.acme.example"
    ),
    "sympa fr": (
        "---\nPour vous désabonner de la liste, envoyez un courriel à "
        "sympa@listes.acme.example avec l'objet : unsubscribe office"
    ),
    "sympa it": (
        "---\nPer cancellarti dalla lista invia un messaggio a "
        "sympa@liste.acme.example con oggetto: signoff office"
    ),
    "sympa nl": (
        "---\nOm je af te melden van deze lijst, stuur een e-mail naar "
        "sympa@lijsten.acme.example met als onderwerp: signoff office"
    ),
    "sympa pt": (
        "---\nPara cancelar a sua subscrição desta lista, envie um e-mail para "
        "sympa@listas.acme.example com o assunto: signoff office"
    ),
    "listserv de": (
        "############################\n\nUm sich von der Liste OFFICE abzumelden, "
        "klicken Sie auf den folgenden Link:\n"
        "https://listserv.acme.example/cgi-bin/wa?SUBED1=OFFICE&A=1"
    ),
    "listserv fr": (
        "############################\n\nPour vous désabonner de la liste OFFICE, "
        "cliquez sur le lien suivant :\n"
        "https://listserv.acme.example/cgi-bin/wa?SUBED1=OFFICE&A=1"
    ),
    "listserv es": (
        "############################\n\nPara darse de baja de la lista OFFICE, haga "
        "clic en el siguiente enlace:\n"
        "https://listserv.acme.example/cgi-bin/wa?SUBED1=OFFICE&A=1"
    ),
    "groups.io es": (
        "-=-=-=-=-=-=-=-=-=-=-=-\nEnlaces de Groups.io: Recibes todos los mensajes "
        "enviados a este grupo.\nVer/Responder en línea (#842): "
        "https://groups.io/g/acme-office/message/842\nSilenciar este tema: "
        "https://groups.io/mt/101234567/7654321\nDarse de baja: "
        "https://groups.io/g/acme-office/leave/7654321/9f8e7d6c5b/xyz\n"
        "-=-=-=-=-=-=-=-=-=-=-=-"
    ),
    "groups.io de": (
        "-=-=-=-=-=-=-=-=-=-=-=-\nGroups.io Links: Sie erhalten alle Nachrichten, "
        "die an diese Gruppe gesendet werden.\nOnline ansehen/antworten (#842): "
        "https://groups.io/g/acme-office/message/842\nAbmelden: "
        "https://groups.io/g/acme-office/leave/7654321/9f8e7d6c5b/xyz\n"
        "-=-=-=-=-=-=-=-=-=-=-=-"
    ),
    "topicbox no name": (
        "------------------------------------------\nPermalink: "
        "https://acme.topicbox.com/groups/office/T5c2e1f3a9b8d7c6e-M3a\nDelivery "
        "options: https://acme.topicbox.com/groups/office/subscription"
    ),
    "yahoo groups 2010": (
        "------------------------------------\n\nYahoo! Groups Links\n\n<*> To visit "
        "your group on the web, go to:\n    "
        "http://groups.yahoo.com/group/acme-office/\n\n<*> Your email settings:\n    "
        "Individual Email | Traditional\n\n<*> To change settings online go to:\n    "
        "http://groups.yahoo.com/group/acme-office/join\n    (Yahoo! ID required)\n\n"
        "<*> To unsubscribe from this group, send an email to:\n    "
        "acme-office-unsubscribe@yahoogroups.com\n\n<*> Your use of Yahoo! Groups is "
        "subject to:\n    http://docs.yahoo.com/info/terms/"
    ),
    "yahoo groups reply": (
        "__._,_.___\nReply via web post | Reply to sender | Reply to group | Start a "
        "New Topic | Messages in this topic (3)\nVisit Your Group\n__,_._,___"
    ),
    "discourse de": (
        "---\n[Besuche das Thema](https://forum.acme.example/t/tablet-sync/4711/3) "
        "oder antworte auf diese E-Mail, um zu antworten.\n\nUm diese E-Mails "
        "abzubestellen, [klicke "
        "hier](https://forum.acme.example/email/unsubscribe/9c1e)."
    ),
    "discourse fr": (
        "---\n[Consulter le sujet](https://forum.acme.example/t/tablet-sync/4711/3) "
        "ou répondez à cet e-mail pour répondre.\n\nPour vous désabonner de ces "
        "e-mails, [cliquez ici](https://forum.acme.example/email/unsubscribe/9c1e)."
    ),
    "majordomo2": (
        "---\nTo unsubscribe from this list, send mail to "
        'majordomo@lists.acme.example with\n"unsubscribe office" in the body of the '
        "message."
    ),
    "ezmlm short": (
        "---------------------------------------------------------------------\nTo "
        "unsubscribe, e-mail: office-unsubscribe@lists.acme.example\nFor additional "
        "commands, e-mail: office-help@lists.acme.example"
    ),
    "lyris list": (
        "---\nYou are currently subscribed to office as: maya@client.example\nTo "
        "unsubscribe click here: "
        "https://lists.acme.example/u?id=1234567X&n=T&l=office\n(It may be necessary "
        "to cut and paste the above URL if the line is broken)\nor send a blank "
        "email to leave-office-1234567X@lists.acme.example"
    ),
    "ses list": (
        "--\nYou are receiving this email because you are subscribed to the Office "
        "list.\nUnsubscribe: https://lists.acme.example/unsubscribe?u=7f3a"
    ),
}

MORE_NOTICES = {
    "notice then mm3": (
        "This e-mail and any attachments are confidential and intended solely for "
        "the addressee. If you have received it in error, please delete it and "
        "notify the sender.\n\n_______________________________________________\n"
        "Office mailing list -- office@lists.acme.example\nTo unsubscribe send an "
        "email to office-leave@lists.acme.example"
    ),
    "avast then gg": (
        "Virus-free. www.avast.com\n\n-- \nYou received this message because you are "
        'subscribed to the Google Groups "Acme Office" group.\nTo unsubscribe from '
        "this group and stop receiving emails from it, send an email to "
        "acme-office+unsubscribe@googlegroups.com.\nTo view this discussion visit "
        "https://groups.google.com/d/msgid/acme-office/CAH9k2w."
    ),
    "iphone notice gg": (
        "Sent from my iPhone\n\nThis e-mail and any attachments are confidential and "
        "intended solely for the addressee. If you have received it in error, please "
        "delete it and notify the sender.\n\n-- \nYou received this message because "
        'you are subscribed to the Google Groups "Acme Office" group.\nTo '
        "unsubscribe from this group and stop receiving emails from it, send an "
        "email to acme-office+unsubscribe@googlegroups.com.\nTo view this discussion "
        "visit https://groups.google.com/d/msgid/acme-office/CAH9k2w."
    ),
    "long en wrapped": (
        "DISCLAIMER: The information contained in this communication from the\n"
        "sender is confidential. It is intended solely for use by the recipient\nand "
        "others authorized to receive it. If you are not the recipient, you\nare "
        "hereby notified that any disclosure, copying, distribution or taking\n"
        "action in relation of the contents of this information is strictly\n"
        "prohibited and may be unlawful.\n\nThis email has been scanned for viruses "
        "and malware, and may have been\nautomatically archived by Mimecast Ltd, an "
        "innovator in Software as a\nService (SaaS) for business. Providing a safer "
        "and more useful place for\nyour human generated data. Specializing in; "
        "Security, archiving and\ncompliance. To find out more visit the Mimecast "
        "website."
    ),
    "long en wrapped + mm3": (
        "DISCLAIMER: The information contained in this communication from the\n"
        "sender is confidential. It is intended solely for use by the recipient\nand "
        "others authorized to receive it. If you are not the recipient, you\nare "
        "hereby notified that any disclosure, copying, distribution or taking\n"
        "action in relation of the contents of this information is strictly\n"
        "prohibited and may be unlawful.\n\nThis email has been scanned for viruses "
        "and malware, and may have been\nautomatically archived by Mimecast Ltd, an "
        "innovator in Software as a\nService (SaaS) for business. Providing a safer "
        "and more useful place for\nyour human generated data. Specializing in; "
        "Security, archiving and\ncompliance. To find out more visit the Mimecast "
        "website.\n\n_______________________________________________\nOffice mailing "
        "list -- office@lists.acme.example\nTo unsubscribe send an email to "
        "office-leave@lists.acme.example"
    ),
    "bilingual en de wrapped": (
        "This e-mail and any attachments are confidential and intended solely for\n"
        "the addressee. If you have received it in error, please delete it and\n"
        "notify the sender.\n\nDiese Nachricht ist vertraulich und ausschließlich "
        "für den Adressaten\nbestimmt. Sollten Sie nicht der beabsichtigte Empfänger "
        "sein,\ninformieren Sie bitte den Absender und löschen Sie diese Nachricht."
    ),
    "uk register": (
        "Acme Client Ltd is a company registered in England and Wales with company "
        "number 01234567. Registered office: 1 High Street, Leeds LS1 1AA. VAT "
        "number GB 123 4567 89."
    ),
    "nl kvk": ("Client B.V. | KvK 12345678 | BTW NL001234567B01 | Postbus 123, 1000 AB Amsterdam"),
    "it piva": (
        "Cliente S.r.l. - Sede legale: Via Roma 1, 20100 Milano - P.IVA 01234567890 "
        "- REA MI-1234567"
    ),
    "es mercantil": (
        "Cliente S.L. Inscrita en el Registro Mercantil de Madrid, Tomo 1234, Folio "
        "56, Hoja M-78901. CIF B12345678"
    ),
    "privileged short": (
        "Privileged/Confidential Information may be contained in this message. If "
        "you are not the addressee indicated in this message (or responsible for "
        "delivery of the message to such person), you may not copy or deliver this "
        "message to anyone."
    ),
    "stars conf": (
        "*** CONFIDENTIAL ***\nThis message is intended only for the named "
        "recipient. If you received it by mistake, please delete it."
    ),
    "legal notice titled": (
        "Legal Notice:\nThis e-mail is for the exclusive use of the intended "
        "recipient(s) and may contain confidential information."
    ),
    "environment tree": "P Please consider the environment before printing this e-mail",
    "environment de save paper": (
        "Sparen Sie Papier – bitte drucken Sie diese E-Mail nur aus, wenn es "
        "wirklich notwendig ist."
    ),
    "environment nl": "Denk aan het milieu voordat u deze e-mail print.",
    "environment pt": (
        "Antes de imprimir, pense em sua responsabilidade e compromisso com o MEIO AMBIENTE."
    ),
    "environment ja": "環境保護のため、このメールの印刷はお控えください。",
}

MORE_STAMPS = {
    "eset long": (
        "__________ Information from ESET Mail Security, version of virus signature "
        "database 24567 (20250604) __________\n\nThe message was checked by ESET "
        "Mail Security.\nhttps://www.eset.com"
    ),
    "kaspersky ru": "Проверено Kaspersky Anti-Virus.",
    "avira": "Diese E-Mail wurde von Avira Antivirus auf Viren geprüft.",
    "sophos de": "Diese E-Mail wurde von Sophos Email auf Viren und Spam geprüft.",
    "barracuda scanned": (
        "--\nThis message has been scanned for viruses and\ndangerous content by "
        "MailScanner, and is\nbelieved to be clean."
    ),
    "trend micro": "This email has been scanned by Trend Micro Email Security.",
    "mcafee de": "Diese E-Mail wurde von McAfee auf Viren überprüft.",
    "norton fr": "Ce courriel a été vérifié par le logiciel antivirus Norton.",
    "avg de": "Diese E-Mail wurde von AVG auf Viren geprüft.\nhttp://www.avg.com",
    "bitdefender fr": "Ce message a été analysé par Bitdefender.",
    "symantec cloud": (
        "______________________________________________________________________\n"
        "This email has been scanned by the Symantec Email Security.cloud service.\n"
        "For more information please visit http://www.symanteccloud.com\n"
        "______________________________________________________________________"
    ),
}

MORE_BANNERS = {
    "en not often": (
        "You don't often get email from jo@vendor.example. Learn why this is "
        "important<https://aka.ms/LearnAboutSenderIdentification>"
    ),
    "en external tag": (
        "[EXTERNAL EMAIL] DO NOT CLICK links or attachments unless you recognize the "
        "sender and know the content is safe."
    ),
    "en cautious": (
        "This message is from an EXTERNAL SENDER - be CAUTIOUS, particularly with "
        "links and attachments."
    ),
    "en stars": (
        "*** EXTERNAL EMAIL *** Do not click links or open attachments unless you know the sender."
    ),
    "pt": (
        "ATENÇÃO: Este e-mail foi enviado de fora da organização. Não clique em "
        "links nem abra anexos, a menos que reconheça o remetente."
    ),
    "sv": (
        "VARNING: Detta e-postmeddelande kommer från en extern avsändare. Klicka "
        "inte på länkar eller öppna bilagor om du inte känner igen avsändaren."
    ),
    "ko": "[외부 메일] 이 메일은 외부에서 발송된 메일입니다. 링크나 첨부파일을 열 때 주의하세요.",
    "zh-tw": "外部郵件：此郵件來自組織外部，請謹慎開啟連結或附件。",
    "tr": (
        "DİKKAT: Bu e-posta kurumunuzun dışından gönderilmiştir. Göndereni "
        "tanımıyorsanız bağlantılara tıklamayın ve ekleri açmayın."
    ),
    "ru": (
        "ВНИМАНИЕ: Это письмо отправлено с внешнего адреса. Не переходите по ссылкам "
        "и не открывайте вложения, если не уверены в отправителе."
    ),
    "cs": (
        "UPOZORNĚNÍ: Tento e-mail pochází mimo organizaci. Neklikejte na odkazy a "
        "neotevírejte přílohy, pokud neznáte odesílatele."
    ),
    "fi": (
        "HUOMIO: Tämä viesti on lähetetty organisaation ulkopuolelta. Älä avaa "
        "linkkejä tai liitteitä, ellet tunnista lähettäjää."
    ),
    "da": (
        "ADVARSEL: Denne e-mail kommer fra en ekstern afsender. Klik ikke på links "
        "og åbn ikke vedhæftede filer, medmindre du kender afsenderen."
    ),
    "el": (
        "ΠΡΟΣΟΧΗ: Αυτό το μήνυμα προέρχεται από εξωτερικό αποστολέα. Μην κάνετε κλικ σε συνδέσμους."
    ),
    "hu": (
        "FIGYELEM: Ez az e-mail a szervezeten kívülről érkezett. Ne kattintson a "
        "hivatkozásokra, és ne nyissa meg a mellékleteket."
    ),
    "vi": (
        "CẢNH BÁO: Email này được gửi từ bên ngoài tổ chức. Không nhấp vào liên kết "
        "hoặc mở tệp đính kèm."
    ),
    "id": (
        "PERHATIAN: Email ini berasal dari luar organisasi. Jangan klik tautan atau "
        "membuka lampiran kecuali Anda mengenali pengirimnya."
    ),
    "fa": "هشدار: این ایمیل از خارج از سازمان ارسال شده است. روی پیوندها کلیک نکنید.",
}

MORE_MOBILE = {
    "iphone fr-ca": "Envoyé de mon iPhone",
    "iphone it dal mio": "Inviato dal mio iPhone",
    "iphone ru": "Отправлено с iPhone",
    "iphone uk": "Надіслано з iPhone",
    "iphone ar": "أُرسلت من الـ iPhone",
    "iphone fa": "ارسال شده از iPhone من",
    "iphone hi": "मेरे iPhone से भेजा गया",
    "iphone ms": "Dihantar dari iPhone saya",
    "iphone bg": "Изпратено от моя iPhone",
    "iphone lt": "Išsiųsta iš mano iPhone",
    "iphone et": "Saadetud minu iPhone'ist",
    "iphone lv": "Nosūtīts no mana iPhone",
    "iphone sr": "Poslato sa mog iPhone-a",
    "iphone sl": "Poslano iz mojega iPhona",
    "samsung de old": "Gesendet von meinem Samsung Mobile",
    "samsung ko": "Galaxy에서 보냄",
    "samsung ja": "Galaxy から送信",
    "samsung tr": "Samsung Galaxy akıllı telefonumdan gönderildi",
    "samsung hu": "Samsung Galaxy okostelefonomról küldve",
    "huawei fr": "Envoyé depuis mon mobile Huawei",
    "huawei es": "Enviado desde mi smartphone Huawei",
    "huawei zh": "发自我的华为手机",
    "honor": "Sent from my HONOR",
    "oppo": "Sent from my OPPO",
    "xiaomi it": "Inviato dal mio Redmi Note 10",
    "pixel": "Sent from my Pixel 8",
    "gmail app": "Sent from Gmail Mobile",
    "outlook android it": "Scarica Outlook per Android<https://aka.ms/ghei36>",
    "outlook ios tr": "iOS için Outlook'u edinin<https://aka.ms/o0ukef>",
    "outlook android ar": "الحصول على Outlook لـ Android<https://aka.ms/ghei36>",
    "outlook android he": "להורדת Outlook עבור Android<https://aka.ms/ghei36>",
    "outlook ios cs": "Získat Outlook pro iOS<https://aka.ms/o0ukef>",
    "outlook plain link": "Get Outlook for iOS <https://aka.ms/o0ukef>",
    "outlook no link": "Get Outlook for Android",
    "yahoo ios": "Sent from Yahoo Mail for iPhone<https://overview.mail.yahoo.com/?.src=iOS>",
    "yahoo ja": "iPhone用Yahoo!メールから送信",
    "yahoo pt": "Enviado do Yahoo Mail para Android",
    "yahoo nl": "Verzonden vanuit Yahoo Mail voor Android",
    "yahoo it2": "Inviato da Yahoo Mail su Android",
    "gmx fr": "Envoyé depuis l'application GMX Mail",
    "gmx en": "Sent with GMX Mail app",
    "webde android": (
        "Diese Nachricht wurde von meinem Android Mobiltelefon mit WEB.DE Mail gesendet."
    ),
    "tonline": "Gesendet mit der Telekom Mail App",
    "mail.ru": "Отправлено из Mail.ru для Android",
    "yandex": "Отправлено из мобильной Яндекс Почты",
    "naver": "Sent from NAVER Mail",
    "qq": "发自我的iPhone",
    "qq mail": "来自QQ邮箱",
    "netease android": "发自网易邮箱大师",
    "bluemail": "Sent from BlueMail",
    "spark de": "Gesendet mit Spark",
    "apple mail mac": "Sent from my Mac",
    "samsung email nl": "Verstuurd vanaf mijn Galaxy",
    "samsung fr galaxy": "Envoyé depuis mon Galaxy",
    "samsung es galaxy": "Enviado desde mi Galaxy",
    "samsung it galaxy": "Inviato dal mio dispositivo Galaxy",
    "samsung pt galaxy": "Enviado do meu Galaxy",
    "samsung ru galaxy": "Отправлено с моего Galaxy",
    "samsung pl smartphone": "Wysłane ze smartfona Samsung Galaxy.",
    "samsung cs": "Odesláno ze zařízení Samsung Galaxy",
    "samsung sv2": "Skickat från min Galaxy",
    "samsung da": "Sendt fra min Galaxy",
    "samsung fi": "Lähetetty Galaxystä",
    "samsung ro": "Trimis de pe dispozitivul meu Galaxy",
    "samsung el": "Στάλθηκε από το Galaxy μου",
    "samsung ar": "تم الإرسال من Galaxy",
    "samsung vi": "Đã gửi từ Galaxy của tôi",
    "samsung id": "Dikirim dari Galaxy saya",
    "samsung th": "ส่งจาก Galaxy ของฉัน",
    "samsung zh": "从我的Galaxy发送",
}


# Notices a server appends right under the writer's last line read as the writer's
# signature block would: tried under the text and the quote only.
UNDER_TEXT_ONLY = ("uk register", "nl kvk", "it piva", "es mercantil", "privileged short")
GLUED = ("uk register", "nl kvk", "it piva", "es mercantil")


@pytest.mark.parametrize("name", sorted(GOOGLE_GROUPS_TRANSLATED))
def test_google_groups_older_translated_footer_goes(name: str) -> None:
    missed = GRID.misses({name: GOOGLE_GROUPS_TRANSLATED[name]})
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(MORE_LISTS))
def test_more_list_managers_footers_go(name: str) -> None:
    missed = GRID.misses({name: MORE_LISTS[name]})
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(MORE_NOTICES))
def test_more_notices_and_stacked_footers_go(name: str) -> None:
    under_line = not name.startswith(
        ("notice", "long", "bilingual", "iphone", "stars", "legal", *UNDER_TEXT_ONLY)
    )
    missed = GRID.misses({name: MORE_NOTICES[name]}, under_line=under_line)
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", GLUED)
def test_a_register_block_right_under_the_last_sentence_goes(name: str) -> None:
    """A register block glued under the writer's last sentence goes; the sentence stays,
    in a script without spaces too."""
    for client in ("de", "es", "ja"):
        text = CLIENTS[client]
        assert reply_text(f"{text}\n{MORE_NOTICES[name]}\n") == reply_text(text), client


@pytest.mark.parametrize("name", sorted(MORE_STAMPS))
def test_more_scanners_stamps_go(name: str) -> None:
    missed = GRID.misses({name: MORE_STAMPS[name]})
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(MORE_BANNERS))
def test_more_gateways_warnings_above_the_text_go(name: str) -> None:
    missed = []
    for client, text in CLIENTS.items():
        writer = WRITERS.get(client, "")
        got = reply_text(f"{MORE_BANNERS[name]}\n\n{text}\n\n{QUOTE}\n", writer=writer)
        if got != reply_text(f"{text}\n\n{QUOTE}\n", writer=writer):
            missed.append(f"{client}: {got[:160]!r}")
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize(
    "name", sorted(set(BANNERS) | set(MORE_BANNERS) - {"en cautious", "en not often", "pt"})
)
def test_a_gateways_warning_appended_under_the_text_goes(name: str) -> None:
    """Some gateways append their warning at the bottom instead: it goes there too when it
    opens with its warning word ("WARNING:", "*** EXTERNAL EMAIL ***")."""
    banner = {**BANNERS, **MORE_BANNERS}[name]
    missed = GRID.misses({name: banner}, under_line=False)
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(MORE_MOBILE))
def test_more_mobile_taglines_go(name: str) -> None:
    missed = GRID.misses({name: MORE_MOBILE[name]})
    assert not missed, "\n".join(missed)


DISCLAIMERS = {
    "views": (
        "Any views or opinions presented in this email are solely those of the "
        "author and do not necessarily represent those of Client Ltd."
    ),
    "virus liability": (
        "WARNING: Although Client Ltd has taken reasonable precautions to ensure no "
        "viruses are present in this email, the company cannot accept responsibility "
        "for any loss or damage arising from the use of this email or attachments."
    ),
    "wire fraud": (
        "WIRE FRAUD ALERT: Client Title will never send wiring instructions by "
        "email. Always call our office at a known number to verify wiring "
        "instructions before sending funds."
    ),
    "hipaa": (
        "HIPAA NOTICE: This message may contain protected health information (PHI). "
        "If you are not the intended recipient, any review, use or disclosure is "
        "prohibited."
    ),
    "charity uk": (
        "Client Trust is a registered charity in England and Wales (No. 1234567) and "
        "a company limited by guarantee (No. 01234567). Registered office: 2 Mill "
        "Lane, York YO1 7AA."
    ),
    "law firm": (
        "This communication may contain attorney-client privileged information. If "
        "you are not the intended recipient, please notify the sender and delete it."
    ),
    "finra": (
        "Securities offered through Client Securities, LLC, member FINRA/SIPC. This "
        "email is for the intended recipient only."
    ),
    "de haftung": (
        "Der Inhalt dieser E-Mail ist vertraulich und ausschließlich für den "
        "bezeichneten Adressaten bestimmt. Wenn Sie nicht der vorgesehene Adressat "
        "dieser E-Mail oder dessen Vertreter sein sollten, so beachten Sie bitte, "
        "dass jede Form der Kenntnisnahme, Veröffentlichung, Vervielfältigung oder "
        "Weitergabe des Inhalts dieser E-Mail unzulässig ist."
    ),
    "fr views": (
        "Les opinions exprimées dans ce message n'engagent que leur auteur et ne "
        "représentent pas nécessairement celles de Client SA."
    ),
    "es lopd": (
        "En cumplimiento del Reglamento (UE) 2016/679 (RGPD), le informamos que sus "
        "datos personales serán tratados por Cliente S.L. con la finalidad de "
        "gestionar la relación comercial. Puede ejercer sus derechos en "
        "privacidad@cliente.example."
    ),
    "it gdpr": (
        "Ai sensi del Regolamento UE 2016/679 (GDPR), i dati personali contenuti "
        "nella presente e-mail sono trattati da Cliente S.r.l. Per esercitare i suoi "
        "diritti scriva a privacy@cliente.example."
    ),
    "pt lgpd": (
        "Em conformidade com a Lei Geral de Proteção de Dados (LGPD), seus dados "
        "pessoais são tratados pela Cliente Ltda. Para exercer seus direitos, entre "
        "em contato com dpo@cliente.example."
    ),
    "nl avg": (
        "Wij verwerken uw persoonsgegevens conform de AVG. Meer informatie vindt u "
        "in onze privacyverklaring: https://www.klant.example/privacy"
    ),
    "fi": (
        "Tämä viesti voi sisältää luottamuksellista tietoa ja on tarkoitettu vain "
        "vastaanottajalle. Jos olet saanut viestin erehdyksessä, ilmoita "
        "lähettäjälle ja poista viesti."
    ),
    "zh-tw": (
        "本電子郵件及其附件可能含有機密資訊，僅供指定收件者使用。"
        "若您並非指定收件者，請立即通知寄件者並刪除本郵件。"
    ),
    "ja long": (
        "【機密情報に関する注意】\n"
        "この電子メールには機密情報が含まれている場合があります。宛先以外の方が受信された場合は、お手数ですが送信者までご連絡いただき、本メールを削除してください。"
    ),
    "fa": (
        "این پیام محرمانه است و فقط برای گیرنده مورد نظر ارسال شده است. اگر این پیام "
        "را به اشتباه دریافت کرده\u200cاید، لطفاً فرستنده را مطلع کرده و آن را حذف "
        "کنید."
    ),
    "ur": (
        "یہ ای میل خفیہ ہے اور صرف مطلوبہ وصول کنندہ کے لیے ہے۔ اگر آپ کو یہ غلطی سے "
        "موصول ہوئی ہے تو براہ کرم بھیجنے والے کو مطلع کریں اور اسے حذف کر دیں۔"
    ),
    "hi": (
        "यह ईमेल गोपनीय है और केवल इच्छित प्राप्तकर्ता के लिए है। यदि आपको यह गलती "
        "से प्राप्त हुआ है, तो कृपया प्रेषक को सूचित करें और इसे हटा दें।"
    ),
    "th": ("อีเมลนี้เป็นความลับและมีไว้สำหรับผู้รับที่ระบุเท่านั้น หากท่านได้รับอีเมลนี้โดยผิดพลาด โปรดแจ้งผู้ส่งและลบอีเมลนี้"),
    "ru long": (
        "Информация, содержащаяся в этом сообщении, является конфиденциальной и "
        "предназначена только для указанного получателя. Если вы не являетесь "
        "получателем, любое использование, копирование или распространение запрещено."
    ),
    "uk": (
        "Це повідомлення є конфіденційним і призначене виключно для адресата. Якщо "
        "ви отримали його помилково, повідомте відправника та видаліть його."
    ),
    "ko long": (
        "[보안 안내] 본 메일은 지정된 수신자만을 위한 것이며 기밀 정보를 포함할 수 "
        "있습니다. 본 메일을 잘못 수신하신 경우 즉시 발신자에게 "
        "알려주시고 삭제해 주십시오. 무단 복제 및 배포를 금지합니다."
    ),
    "ironport fr": (
        "Ce message a été analysé par Cisco Secure Email et aucun virus n'a été détecté."
    ),
}

# A company's notice in four languages, as gateways append it wrapped at 72 columns,
# and a list's footer and a scanner's stamp under it.
_NOTICE_DE = (
    "Diese E-Mail enthält vertrauliche und/oder rechtlich geschützte\n"
    "Informationen. Wenn Sie nicht der richtige Adressat sind oder diese\n"
    "E-Mail irrtümlich erhalten haben, informieren Sie bitte sofort den\n"
    "Absender und vernichten Sie diese Mail. Das unerlaubte Kopieren sowie\n"
    "die unbefugte Weitergabe dieser Mail sind nicht gestattet."
)
_NOTICE_FR = (
    "Ce message et toutes les pièces jointes sont confidentiels et établis à\n"
    "l'intention exclusive de ses destinataires. Toute utilisation ou\n"
    "diffusion non autorisée est interdite. Si vous avez reçu ce message par\n"
    "erreur, merci de le détruire et d'en avertir immédiatement l'expéditeur."
)
_NOTICE_IT = (
    "Questo messaggio e i suoi allegati sono indirizzati esclusivamente alle\n"
    "persone indicate e possono contenere informazioni riservate. Se avete\n"
    "ricevuto questo messaggio per errore, vi preghiamo di distruggerlo e di\n"
    "informarci immediatamente."
)
_NOTICE_EN = (
    "This e-mail and any attachments are confidential and may also be\n"
    "privileged. If you are not the named recipient, please notify the sender\n"
    "immediately and do not disclose the contents to any other person, use it\n"
    "for any purpose, or store or copy the information in any medium. Any\n"
    "views or opinions presented are solely those of the author."
)
_LIST_FOOTER = (
    "_______________________________________________\n"
    "Office mailing list -- office@lists.acme.example\n"
    "To unsubscribe send an email to office-leave@lists.acme.example"
)
_AVAST = "Virus-free. www.avast.com"


def _paragraphs(*parts: str) -> str:
    return "\n\n".join(parts)


LONG_NOTICES = {
    "four languages wrapped": _paragraphs(_NOTICE_DE, _NOTICE_FR, _NOTICE_IT, _NOTICE_EN),
    "four languages wrapped + list": _paragraphs(
        _NOTICE_DE, _NOTICE_FR, _NOTICE_IT, _NOTICE_EN, _LIST_FOOTER
    ),
    "titled four": _paragraphs(
        "Disclaimer / Haftungsausschluss / Avertissement",
        _NOTICE_EN,
        _NOTICE_DE,
        _NOTICE_FR,
        _NOTICE_IT,
    ),
    "ruled notice": "\n".join(["-" * 70, _NOTICE_EN, "-" * 70]),
    "stars box": "\n".join(["*" * 60, _NOTICE_DE, "*" * 60]),
    "notice narrow": "\n".join(textwrap.wrap(" ".join(_NOTICE_EN.split()), 40)),
    "notice + avast + list": _paragraphs(_NOTICE_EN, _AVAST, _LIST_FOOTER),
    "six paragraphs": _paragraphs(
        _NOTICE_EN, _NOTICE_DE, _NOTICE_FR, _NOTICE_IT, _NOTICE_EN, _NOTICE_DE
    ),
    "six paragraphs + list": _paragraphs(
        _NOTICE_EN, _NOTICE_DE, _NOTICE_FR, _NOTICE_IT, _NOTICE_EN, _NOTICE_DE, _LIST_FOOTER
    ),
}


@pytest.mark.parametrize("name", sorted(DISCLAIMERS))
def test_a_companys_disclaimer_goes(name: str) -> None:
    """Disclaimers in more wordings and scripts: the views are the author's, no liability
    for viruses, a title company's wire-fraud warning, a health notice, a charity's
    register, notices in Urdu, Hindi, Persian and Thai."""
    missed = GRID.misses({name: DISCLAIMERS[name]}, under_line=False)
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("name", sorted(LONG_NOTICES))
def test_a_long_or_framed_notice_goes(name: str) -> None:
    """Notices of four and six languages wrapped at 72 columns, under a title of their
    languages, framed by rules or stars, with a stamp and a list's footer under them."""
    missed = GRID.misses({name: LONG_NOTICES[name]}, under_line=False)
    assert not missed, "\n".join(missed)


SCANNERS_IN_MORE_LANGUAGES = {
    "eset cs": (
        "__________ Informace od ESET NOD32 Antivirus, verze databaze 24567 "
        "(20250604) __________\n\nTuto zpravu proveril ESET NOD32 Antivirus.\n\n"
        "http://www.eset.cz"
    ),
    "eset sk": (
        "__________ Informácia od ESET NOD32 Antivirus, verzia databázy vírusových "
        "podpisov 24567 (20250604) __________\n\nTúto správu preveril ESET NOD32 "
        "Antivirus.\n\nhttp://www.eset.sk"
    ),
    "eset pl": (
        "__________ Informacja programu ESET Mail Security, wersja bazy sygnatur "
        "wirusów 24567 (20250604) __________\n\nWiadomość została sprawdzona przez "
        "program ESET Mail Security.\n\nhttp://www.eset.pl"
    ),
    "eset hu": (
        "__________ Az ESET NOD32 Antivirus információja, vírusdefiníciós adatbázis "
        "verziója: 24567 (20250604) __________\n\nAz üzenetet az ESET NOD32 "
        "Antivirus ellenőrizte.\n\nhttp://www.eset.hu"
    ),
    "eset de": (
        "__________ Information von ESET Mail Security, Version der "
        "Signaturdatenbank 24567 (20250604) __________\n\nDiese Nachricht wurde von "
        "ESET Mail Security geprüft.\n\nhttp://www.eset.com"
    ),
    "eset ru": (
        "__________ Информация от ESET NOD32 Antivirus, версия базы данных сигнатур "
        "вирусов 24567 (20250604) __________\n\nСообщение проверено программой ESET "
        "NOD32 Antivirus.\n\nhttp://www.esetnod32.ru"
    ),
    "kaspersky ru2": "Проверено антивирусом Касперского.",
    "norton de": "Diese E-Mail wurde von Norton auf Viren überprüft.",
    "avast pt": (
        "Este email foi verificado quanto a vírus pelo software antivírus Avast.\n"
        "https://www.avast.com/antivirus"
    ),
    "avast es": (
        "Este correo electrónico ha sido analizado en busca de virus por el software "
        "antivirus Avast.\nhttps://www.avast.com/antivirus"
    ),
    "avast it": (
        "Questa email è stata esaminata alla ricerca di virus da Avast antivirus.\n"
        "https://www.avast.com/antivirus"
    ),
    "avast de": (
        "Diese E-Mail wurde von Avast Antivirus-Software auf Viren geprüft.\n"
        "https://www.avast.com/antivirus"
    ),
    "avast tr": (
        "Bu e-posta Avast antivirüs yazılımı tarafından virüslere karşı kontrol "
        "edildi.\nhttps://www.avast.com/antivirus"
    ),
    "avast ja": "このEメールはアバスト アンチウイルスによりウイルススキャンされています。\nhttps://www.avast.com/antivirus",
    "virus zh": "此邮件已经过防病毒软件扫描。",
    "avg fr": "Ce courriel a été vérifié par le logiciel antivirus AVG.\nhttp://www.avg.com",
    "mcafee scanned": "This message has been scanned by McAfee Total Protection.",
    "libraesva": (
        "Questo messaggio è stato analizzato da Libraesva ESG ed è risultato non "
        "infetto.\nThis message was scanned by Libraesva ESG and is believed to be "
        "clean."
    ),
    "mailscanner de": (
        "--\nDiese Nachricht wurde auf Viren und andere gefährliche Inhalte "
        "untersucht\nund ist - aktuelle Virenscanner vorausgesetzt - sauber."
    ),
    "f-secure": "This email was scanned by F-Secure Protection Service.",
    "comodo": "Scanned by Comodo Antispam Gateway.",
    "gdata": "Diese E-Mail wurde mit G DATA Antivirus geprüft.",
    "bitdefender en": "This email was scanned by Bitdefender GravityZone.",
    "trend de": "Diese E-Mail wurde von Trend Micro Email Security geprüft.",
}


@pytest.mark.parametrize("name", sorted(SCANNERS_IN_MORE_LANGUAGES))
def test_a_scanners_stamp_in_more_languages_goes(name: str) -> None:
    """ESET's block in six languages, Avast's line in seven, stamps in Chinese and
    Japanese, gateways' "believed to be clean" — also right under the writer's last
    sentence or name, where the stamp's own first line is one no rule knows."""
    missed = GRID.misses({name: SCANNERS_IN_MORE_LANGUAGES[name]})
    assert not missed, "\n".join(missed)


APPS = {
    "outlook web": "Sent from Outlook<http://aka.ms/weboutlook>",
    "outlook web fr": "Envoyé de Outlook<http://aka.ms/weboutlook>",
    "outlook web de": "Von Outlook gesendet<http://aka.ms/weboutlook>",
    "outlook web es": "Enviado desde Outlook<http://aka.ms/weboutlook>",
    "outlook web it": "Inviato da Outlook<http://aka.ms/weboutlook>",
    "outlook web nl": "Verzonden vanuit Outlook<http://aka.ms/weboutlook>",
    "outlook web pl": "Wysłane z programu Outlook<http://aka.ms/weboutlook>",
    "outlook web ru": "Отправлено из Outlook<http://aka.ms/weboutlook>",
    "outlook web ja": "Outlook から送信<http://aka.ms/weboutlook>",
    "outlook web pt": "Enviado do Outlook<http://aka.ms/weboutlook>",
    "outlook web tr": "Outlook'tan gönderildi<http://aka.ms/weboutlook>",
    "outlook web sv": "Skickat från Outlook<http://aka.ms/weboutlook>",
    "outlook web zh": "从 Outlook 发送<http://aka.ms/weboutlook>",
    "outlook web ko": "Outlook에서 보냄<http://aka.ms/weboutlook>",
    "proton mobile": "Sent from Proton Mail mobile",
    "proton android": "Sent from Proton Mail Android",
    "zoho": "Sent using Zoho Mail",
    "front": "Sent via Front",
    "hey": "Sent from HEY",
    "tuta": "Sent with Tuta; enjoy secure & ad-free emails:\nhttps://tuta.com",
    "mail ios14": "Sent from my iPhone 15 Pro Max",
    "ipad mini": "Sent from my iPad mini",
    "mailbird": "Sent with Mailbird",
    "newton": "Sent with Newton Mail",
    "edison": "Sent from Edison Mail",
    "typeapp": "Sent using TypeApp",
    "nine": "Sent from Nine",
    "aquamail": "Sent with AquaMail for Android\nhttps://www.mobisystems.com/aqua-mail",
    "bluemail de": "Gesendet mit BlueMail",
    "mailbox.org": "Gesendet mit der mailbox.org App",
    "1und1": "Gesendet mit der 1&1 Mail App",
    "freenet": "Gesendet mit der freenet Mail App",
    "libero": "Inviato da Libero Mail per Android",
    "orange": "Envoyé depuis l'application Mail Orange",
    "free": "Envoyé depuis mon mobile",
    "seznam": "Odesláno z aplikace Email.cz",
    "wp": "Wysłane z aplikacji Poczta WP",
    "onet": "Wysłane z aplikacji Onet Poczta",
    "interia": "Wysłane z aplikacji Poczta Interia",
    "mailru": "Отправлено из мобильной Почты Mail.ru",
    "163": "发自我的网易邮箱手机智能版",
    "qq2": "发自我的QQ邮箱",
    "naver ko": "네이버 메일에서 보냄",
    "daum": "Daum 메일 앱에서 보냄",
}


@pytest.mark.parametrize("name", sorted(APPS))
def test_a_mail_apps_tagline_goes(name: str) -> None:
    """Outlook on the web's "Sent from Outlook" in 14 languages, webmails' and mail apps'
    taglines of more countries (GMX, freenet, Libero, Orange, Seznam, WP, Onet, Interia,
    Mail.ru, NetEase, QQ, Naver, Daum)."""
    missed = GRID.misses({name: APPS[name]})
    assert not missed, "\n".join(missed)


BANNER_SHAPES = {
    "ms brackets": (
        "[You don't often get email from jo@vendor.example. Learn why this is "
        "important at https://aka.ms/LearnAboutSenderIdentification ]"
    ),
    "ms some people": (
        "Some people who received this message don't often get email from "
        "jo@vendor.example. Learn why this is "
        "important<https://aka.ms/LearnAboutSenderIdentification>"
    ),
    "ms de": (
        "Sie erhalten nicht oft eine E-Mail von jo@vendor.example. Erfahren Sie, "
        "warum dies wichtig ist<https://aka.ms/LearnAboutSenderIdentification>"
    ),
    "proofpoint caution": (
        "Caution: External email. Do not open attachments or click links, unless "
        "this email comes from a known sender and you know the content is safe."
    ),
    "mimecast": (
        "CAUTION: This email originated from outside of the organisation. Do not "
        "click links or open attachments unless you recognise the sender and know "
        "the content is safe.\n\nReport phishing: https://report.acme.example/p"
    ),
    "two para": (
        "EXTERNAL EMAIL\n\nThis email originated from outside the organization. Be "
        "cautious with links and attachments."
    ),
    "framed": (
        "-------------------------------------------------------------------\n"
        "WARNING: This message came from an external source. Please exercise caution "
        "when opening attachments or clicking links.\n"
        "-------------------------------------------------------------------"
    ),
    "de intern": (
        "[EXTERN] Diese E-Mail wurde von außerhalb der Organisation gesendet. Seien "
        "Sie vorsichtig bei Links und Anhängen."
    ),
    "fr externe": (
        "[EXTERNE] Ce courriel provient de l'extérieur de l'organisation. Soyez "
        "prudent avec les liens et les pièces jointes."
    ),
    "es externo": (
        "[EXTERNO] Este correo se originó fuera de la organización. Tenga cuidado "
        "con los enlaces y archivos adjuntos."
    ),
    "nl extern": (
        "[EXTERN] Deze e-mail is afkomstig van buiten de organisatie. Wees "
        "voorzichtig met links en bijlagen."
    ),
    "it esterno": (
        "[ESTERNO] Questa email proviene dall'esterno dell'organizzazione. Presta "
        "attenzione a link e allegati."
    ),
    "ja gaibu": (
        "【外部メール】このメールは社外から送信されました。"
        "リンクや添付ファイルの取り扱いにご注意ください。"
    ),
    "zh waibu": "【外部邮件】此邮件来自外部发件人，请谨慎打开链接和附件。",
    "ko oebu": "[외부메일] 외부에서 수신된 메일입니다. 링크 및 첨부파일 열람에 주의하십시오.",
}


@pytest.mark.parametrize("name", sorted(BANNER_SHAPES))
def test_a_gateways_warning_in_its_other_shapes_goes(name: str) -> None:
    """Microsoft's first-contact tip in brackets and in German, a tag over its warning, a
    warning framed by rules or tagged in brackets in five languages and in CJK brackets,
    a gateway's link to report the mail under its warning."""
    missed = []
    for client, text in CLIENTS.items():
        writer = WRITERS.get(client, "")
        got = reply_text(f"{BANNER_SHAPES[name]}\n\n{text}\n\n{QUOTE}\n", writer=writer)
        if got != reply_text(f"{text}\n\n{QUOTE}\n", writer=writer):
            missed.append(f"{client}: {got[:160]!r}")
    assert not missed, "\n".join(missed)


def test_a_link_of_the_writers_under_a_warning_stays() -> None:
    text = "Invoice: https://billing.client.example/inv/4471\n\nHi, the invoice above is unpaid."
    got = reply_text(f"{BANNERS['en']}\n\n{text}\n")
    assert got == text


DATA_NOTICES = {
    "gdpr fr": (
        "Conformément au Règlement général sur la protection des données (RGPD), "
        "vous disposez d'un droit d'accès, de rectification et de suppression de vos "
        "données personnelles. Pour l'exercer, écrivez à dpo@client.example."
    ),
    "gdpr pl": (
        "Administratorem Pani/Pana danych osobowych jest Klient Sp. z o.o. Dane "
        "osobowe przetwarzane są zgodnie z RODO. Przysługuje Pani/Panu prawo dostępu "
        "do danych oraz ich poprawiania."
    ),
    "gdpr sv": (
        "Vi behandlar dina personuppgifter i enlighet med GDPR. Läs mer om dina "
        "rättigheter på https://www.kund.example/integritet"
    ),
    "gdpr cs": (
        "Informace o zpracování osobních údajů v souladu s nařízením GDPR naleznete "
        "na https://www.klient.example/gdpr"
    ),
    "gdpr it2": (
        "Informativa privacy: i dati personali sono trattati ai sensi del "
        "Regolamento (UE) 2016/679. Per maggiori informazioni visita "
        "https://www.cliente.example/privacy"
    ),
    "gdpr de2": (
        "Datenschutzhinweis: Informationen zur Verarbeitung Ihrer personenbezogenen "
        "Daten und zu Ihren Rechten nach Art. 13 DSGVO finden Sie unter "
        "https://www.kunde.example/datenschutz"
    ),
    "gdpr nl2": (
        "Privacyverklaring: wij verwerken persoonsgegevens conform de Algemene "
        "Verordening Gegevensbescherming (AVG). Zie https://www.klant.example/privacy"
    ),
    "gdpr pt": (
        "Os seus dados pessoais são tratados nos termos do Regulamento Geral sobre a "
        "Proteção de Dados (RGPD). Para exercer os seus direitos contacte "
        "dpo@cliente.example."
    ),
    "ccpa": (
        "California residents: to learn about the personal information we collect "
        "and your rights under the CCPA, see our Privacy Notice at "
        "https://www.client.example/privacy"
    ),
}


@pytest.mark.parametrize("name", sorted(DATA_NOTICES))
def test_a_data_protection_notice_goes(name: str) -> None:
    """GDPR notices in French, Polish (its "ich" is "their"), Swedish, Czech, Italian,
    German, Dutch and Portuguese, and a CCPA notice."""
    missed = GRID.misses({name: DATA_NOTICES[name]}, under_line=False)
    assert not missed, "\n".join(missed)


# -- the client's own words ---------------------------------------------------------------

OWN_WORDS = {
    "quotes a disclaimer": (
        'Hi,\n\nour outgoing mail now ends with "This email is confidential and intended '
        'solely for the addressee". Can you remove that line from the shared mailbox?'
    ),
    "asks to leave the list": (
        "Hello,\n\nplease unsubscribe me from the office mailing list, I moved to the "
        "warehouse team."
    ),
    "unsubscribe link fails": (
        "Hi,\n\nI tried to unsubscribe from the supplier newsletter but the link at the "
        "bottom just shows an error page."
    ),
    "sent from outlook in a sentence": (
        "Hi,\n\nVon Outlook gesendete Termine kommen beim Kunden ohne Uhrzeit an, die aus "
        "Thunderbird mit. Woran liegt das?"
    ),
    "sent from my iphone in a sentence": (
        "Hi,\n\nthe mails I sent from my iPhone yesterday never arrived at the customer. "
        "The ones from the laptop did."
    ),
    "sent from my iphone as a question": (
        'Hello,\n\nhow do I remove the "Sent from my iPhone" line from my signature?'
    ),
    "google group in own words": (
        "Hi,\n\nwe created a Google Group for the night shift. Could you add the helpdesk "
        "address to it so tickets arrive here too?"
    ),
    "virus in own words": (
        "Hi,\n\nthe antivirus on my laptop says the attachment was scanned and found clean, "
        "but Outlook still blocks it."
    ),
    "environment in own words": (
        "Hallo,\n\nin der Testumgebung können wir die Anhänge nicht drucken. Könnt ihr das "
        "bis morgen lösen?"
    ),
    "external in own words": (
        "Hi,\n\nsince Monday every mail from our external auditor lands in quarantine. "
        "Could you whitelist their domain?"
    ),
    "paragraph after disclaimer-like line": (
        "Hi,\n\nour legal team asked me to forward this.\n\nThe contract is confidential, "
        "so I only sent it to you. Can you store it in the restricted share?"
    ),
    "confidential in own words de": (
        "Hallo,\n\ndie Datei ist vertraulich, deshalb habe ich sie nur an dich geschickt. "
        "Kannst du sie im geschützten Ordner ablegen?"
    ),
    "mailing list name in french": (
        "Bonjour,\n\nje ne reçois plus les messages de la liste de diffusion du service "
        "depuis lundi. Pouvez-vous vérifier mon abonnement ?"
    ),
    "list footer removed question": (
        'Hi,\n\ncan you change the footer of our mailing list? It should say "To '
        'unsubscribe, write to the office" instead of the link.'
    ),
    "get outlook in a sentence": (
        "Hi,\n\nget Outlook for Android on the new phones before Monday, the old app no "
        "longer syncs."
    ),
    "courier's liability": (
        "Hi,\n\nthe courier accepts no responsibility for damage in transit, so please "
        "check the box before you sign."
    ),
    "opinions of a sender": (
        "Hi,\n\nThe opinions expressed by the sender were rude and not only once. Can you "
        "block that address?"
    ),
    "views question": (
        "Hi,\n\nwhy does our footer say the views expressed are solely those of the author?"
    ),
    "wrong recipient": (
        "Hi,\n\nthe new intern sent the message to the wrong recipient and now the report is "
        "prohibited from release."
    ),
    "wiring instructions": "Hi,\n\nplease send the wiring instructions by email today.",
    "danish group reason": (
        "Hej,\n\nJeg modtager ikke gruppens mails længere, fordi jeg har meldt mig ud af "
        "gruppen i sidste uge.\nKan I tjekke det?"
    ),
    "indonesian group reason": (
        "Halo,\n\nsaya menerima pesan ini karena saya berlangganan grup kantor, tolong hapus saya."
    ),
    "sent from laptop not phone": "Hi,\n\nSent from my laptop, not my phone.",
    "register in a question": (
        "Hallo,\n\nbrauchen Sie unsere USt-IdNr. und die HRB-Nummer vom Amtsgericht?"
    ),
    "careful with an outside mail es": (
        "Hola,\n\nCuidado: el correo del proveedor externo trae un enlace a una página "
        "de acceso falsa."
    ),
    "own data in polish": (
        "Dzień dobry,\n\nproszę o usunięcie moich danych osobowych zgodnie z RODO oraz o "
        "potwierdzenie ich usunięcia."
    ),
    "german ich beside a polish name": (
        "Hallo,\n\nich habe die Hinweise zu personenbezogenen Daten nach DSGVO für die "
        "Filiale in Łódź bekommen und verstehe sie nicht."
    ),
    "quotes the group's footer": (
        'Hi,\n\nthe footer says "You received this message because you are subscribed to '
        'the Google Groups" but I never joined. Can you remove me?'
    ),
    "warns of an outside mail pt": (
        "Bom dia,\n\nATENÇÃO: o e-mail do fornecedor externo tem um link falso, não cliquem."
    ),
    "printing in own words": (
        "Hi,\n\nbefore printing the invoices, the printer asks for a PIN. Can you disable that?"
    ),
}


@pytest.mark.parametrize("name", sorted(OWN_WORDS))
def test_the_clients_own_words_stay(name: str) -> None:
    text = OWN_WORDS[name]
    assert reply_text(text) == text
    assert reply_text(f"{text}\n\n{QUOTE}\n") == text


@pytest.mark.parametrize("name", sorted(OWN_WORDS))
def test_the_clients_own_words_stay_above_a_footer(name: str) -> None:
    text = OWN_WORDS[name]
    for footer in (LISTS["mailman 3 default"], GOOGLE_GROUPS_VERSIONS["gg 2014"], MOBILE["xiaomi"]):
        assert reply_text(f"{text}\n\n{footer}\n") == text


# -- whole mails --------------------------------------------------------------------------

LIST_HEADERS = (
    "List-Id: Office <office.lists.acme.example>\r\n"
    f"List-Post: <mailto:{LIST}>\r\n"
    f"List-Unsubscribe: <{LISTINFO}>, <mailto:office-leave@lists.acme.example>\r\n"
    "Precedence: list\r\n"
)
GROUP_HEADERS = (
    f"List-Id: <{GROUP}.googlegroups.com>\r\n"
    f"List-Post: <https://groups.google.com/group/{GROUP}/post>, <mailto:{GG}>\r\n"
    "List-Unsubscribe: <mailto:googlegroups-manage+1+unsubscribe@googlegroups.com>\r\n"
    "Precedence: list\r\n"
)


def mail(
    text: str,
    headers: str = "",
    charset: str = "utf-8",
    encoding: str = "base64",
    sender: str = "Maya Lindqvist <maya@client.example>",
    subtype: str = "plain",
) -> bytes:
    head = (
        f"From: {sender}\r\nTo: it@acme.example\r\nSubject: Re: tablet\r\n"
        f"Message-ID: <grid7@client.example>\r\n{headers}"
    )
    return grid.text_mail(text, head, subtype, charset, encoding)


def footer_part(text: str, footer: str, headers: str, charset: str) -> bytes:
    """The text and the list's footer as two parts of a multipart/mixed, as Mailman and
    Sympa add a footer whose charset differs from the text's."""
    body = base64.encodebytes(text.replace("\n", "\r\n").encode(charset))
    foot = base64.encodebytes(footer.replace("\n", "\r\n").encode("utf-8"))
    return (
        b"From: Maya Lindqvist <maya@client.example>\r\nTo: office@lists.acme.example\r\n"
        b"Subject: Re: tablet\r\nMessage-ID: <grid7p@client.example>\r\n"
        + headers.encode("ascii")
        + b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="==f"\r\n\r\n'
        + f"--==f\r\nContent-Type: text/plain; charset={charset}\r\n".encode("ascii")
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + body.replace(b"\n", b"\r\n")
        + b"\r\n--==f\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Transfer-Encoding: base64\r\nContent-Disposition: inline\r\n\r\n"
        + foot.replace(b"\n", b"\r\n")
        + b"\r\n--==f--\r\n"
    )


WHOLE = {
    "mailman 3 listed": (LISTS["mailman 3 default"], LIST_HEADERS),
    "mailman 2 listed": (LISTS["mailman 2 default"], LIST_HEADERS),
    "gg 2014 grouped": (GOOGLE_GROUPS_VERSIONS["gg 2014"], GROUP_HEADERS),
    "gg he grouped": (f"-- \n{GOOGLE_GROUPS_LANGUAGES['gg he']}", GROUP_HEADERS),
    "gg ar grouped": (GOOGLE_GROUPS_LANGUAGES["gg ar"], GROUP_HEADERS),
    "notice ja": (NOTICES["ja"], ""),
    "notice he": (NOTICES["he"], ""),
    "mobile xiaomi zh": (MOBILE["xiaomi zh"], ""),
}
MUNGED = "Maya Lindqvist via Office <office@lists.acme.example>"
CHARSETS = {
    "en": ("iso-8859-1", "windows-1252"),
    "de": ("iso-8859-1", "windows-1252"),
    "fr": ("iso-8859-15", "windows-1252"),
    "es": ("iso-8859-1",),
    "ja": ("shift_jis", "iso-2022-jp", "euc-jp"),
}


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_whole_mail_reads_as_the_clients_words(name: str) -> None:
    footer, headers = WHOLE[name]
    missed = []
    for client, text in CLIENTS.items():
        for sender in ("Maya Lindqvist <maya@client.example>", MUNGED):
            for body in (f"{text}\n\n{footer}\n", f"{text}\n\n{QUOTE}\n\n{footer}\n"):
                want = parse_message(mail(body.split(footer)[0], headers, sender=sender))
                got = parse_message(mail(body, headers, sender=sender))
                if got.reply_text != want.reply_text:
                    missed.append(f"{client} / {sender}: {got.reply_text[-160:]!r}")
    assert not missed, "\n".join(missed)


@pytest.mark.parametrize("client", sorted(CHARSETS))
def test_a_footer_in_a_part_of_its_own_goes(client: str) -> None:
    text = CLIENTS[client]
    for charset in CHARSETS[client]:
        want = parse_message(mail(f"{text}\n", LIST_HEADERS, charset=charset)).reply_text
        for footer in (
            LISTS["mailman 3 default"],
            LISTS["sympa en"],
            GOOGLE_GROUPS_VERSIONS["gg 2014"],
        ):
            got = parse_message(footer_part(text, footer, LIST_HEADERS, charset)).reply_text
            assert got == want, (charset, footer[:40])


@pytest.mark.parametrize(
    "footer",
    [
        GOOGLE_GROUPS_VERSIONS["gg 2021"],
        LISTS["mailman 3 default"],
        LISTS["groups.io full"],
        NOTICES["de"],
        NOTICES["en titled"],
        STAMPS["mimecast"],
        MOBILE["huawei de"],
    ],
)
def test_an_html_only_mail_reads_without_its_footer(footer: str) -> None:
    for client, text in CLIENTS.items():
        html = f"<html><body>{gmail_divs(text)}{gmail_divs(footer)}</body></html>"
        want = parse_message(mail(f"<html><body>{gmail_divs(text)}</body></html>", subtype="html"))
        got = parse_message(mail(html, subtype="html"))
        assert got.reply_text == want.reply_text, client


def test_a_notice_in_a_legacy_charset_goes() -> None:
    for charset, notice in (
        ("windows-1256", NOTICES["ar"]),
        ("iso-8859-8", NOTICES["he"]),
        ("windows-1251", NOTICES["ru"]),
        ("gb2312", NOTICES["zh-cn"]),
        ("euc-kr", NOTICES["ko"]),
        ("shift_jis", NOTICES["ja"]),
    ):
        text = "Hello,\n\nthe VPN drops every ten minutes since the update."
        want = parse_message(mail(f"{text}\n", charset=charset)).reply_text
        got = parse_message(mail(f"{text}\n\n{notice}\n", charset=charset)).reply_text
        assert got == want, charset


def html_post(html: str, plain: str, plain_first: bool = False) -> bytes:
    """An HTML-only post with a plain part beside it in a multipart/mixed: a list's
    footer appended as a part of its own (Mailman, Sympa), or a program that sends both
    renderings side by side."""
    parts = [
        ("text/html", html),
        ("text/plain", plain),
    ]
    if plain_first:
        parts.reverse()
    body = "".join(
        f"--==m\r\nContent-Type: {ctype}; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n"
        f"Content-Disposition: inline\r\n\r\n"
        f"{base64.encodebytes(content.encode()).decode().replace(chr(10), chr(13) + chr(10))}"
        for ctype, content in parts
    )
    return (
        "From: Maya Lindqvist via Office <office@lists.acme.example>\r\n"
        "Reply-To: Maya Lindqvist <maya@client.example>\r\nTo: office@lists.acme.example\r\n"
        "Subject: Re: tablet\r\nMessage-ID: <grid7h@client.example>\r\n"
        f"{LIST_HEADERS}MIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="==m"\r\n\r\n'
        f"{body}--==m--\r\n"
    ).encode()


@pytest.mark.parametrize("client", sorted(CLIENTS))
@pytest.mark.parametrize(
    "footer", [LISTS["mailman 3 default"], LISTS["mailman 2 default"], LISTS["sympa en"]]
)
def test_an_html_post_with_the_lists_footer_in_a_plain_part_reads_as_the_html(
    client: str, footer: str
) -> None:
    text = CLIENTS[client]
    html = f"<html><body>{gmail_divs(text)}</body></html>"
    want = parse_message(mail(html, LIST_HEADERS, subtype="html")).reply_text
    got = parse_message(html_post(html, f"{footer}\n"))
    assert want
    assert got.reply_text == want
    assert got.text.startswith(text.split("\n")[0])


@pytest.mark.parametrize("plain_first", [False, True])
def test_an_html_and_its_plain_rendering_side_by_side_read_once(plain_first: bool) -> None:
    text = CLIENTS["en"]
    html = f"<html><body>{gmail_divs(text)}</body></html>"
    got = parse_message(html_post(html, f"{text}\n", plain_first=plain_first))
    assert got.text.count("stopped syncing") == 1
    assert "stopped syncing" in got.reply_text


def test_a_lists_footer_beside_the_message_it_wraps_goes() -> None:
    """Mailman wraps the message of a sender whose domain's DMARC policy it may not
    forge: its own part is the list's footer, the sender's message is attached."""
    footer = LISTS["mailman 2 default"].replace("\n", "\r\n")
    for client, text in CLIENTS.items():
        inner = (
            f"From: Maya Lindqvist <maya@client.example>\r\nTo: {LIST}\r\n"
            "Subject: tablet\r\nMessage-ID: <inner7@client.example>\r\n"
            "Content-Type: text/plain; charset=utf-8\r\n\r\n" + text.replace("\n", "\r\n")
        )
        raw = (
            f"From: {MUNGED}\r\nReply-To: Maya Lindqvist <maya@client.example>\r\n"
            f"To: {LIST}\r\nSubject: tablet\r\n{LIST_HEADERS}MIME-Version: 1.0\r\n"
            'Content-Type: multipart/mixed; boundary="==w"\r\n\r\n'
            "--==w\r\nContent-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n"
            f"{inner}\r\n--==w\r\nContent-Type: text/plain; charset=us-ascii\r\n"
            f"Content-Disposition: inline\r\n\r\n{footer}\r\n--==w--\r\n"
        ).encode()
        got = parse_message(raw).reply_text
        assert got == reply_text(text, writer=WRITERS.get(client, "")), client
        assert "mailing list" not in got


# Footers as their programs write them in HTML: Google Groups' paragraph with its links,
# Mailman 3's, groups.io's links between its marks, Avast's table with its logo's link
# (a query in the link, no question of the writer's), a notice in small print.
HTML_FOOTERS = {
    "google groups": (
        GROUP_HEADERS,
        "<p></p>\n-- <br />\nYou received this message because you are subscribed to the "
        "Google Groups &quot;Acme Office&quot; group.<br />\nTo unsubscribe from this group "
        'and stop receiving emails from it, send an email to <a href="mailto:'
        f'{GG_UNSUB}">{GG_UNSUB}</a>.<br />\nTo view this discussion visit <a href="'
        f'{GG_MSGID}?utm_medium=email&amp;utm_source=footer">{GG_MSGID}</a>.<br />\n',
    ),
    "mailman 3": (
        LIST_HEADERS,
        "<div>_______________________________________________<br>Office mailing list -- "
        f'<a href="mailto:{LIST}">{LIST}</a><br>To unsubscribe send an email to '
        '<a href="mailto:office-leave@lists.acme.example">office-leave@lists.acme.example'
        "</a></div>",
    ),
    "groups.io": (
        LIST_HEADERS,
        '<div style="clear:both">_._,_._,_</div><hr>Groups.io Links:<p>You receive all '
        'messages sent to this group.</p><p><a href="https://groups.io/g/acme-office/'
        'message/842">View/Reply Online (#842)</a> | <a href="mailto:acme-office@groups.io">'
        'Reply To Group</a> | <a href="https://groups.io/mt/1/2">Mute This Topic</a><br>'
        '<a href="https://groups.io/g/acme-office/editsub/7">Your Subscription</a> | '
        '<a href="https://groups.io/g/acme-office/leave/7/x">Unsubscribe</a> '
        '[maya@client.example]<br></p><div style="clear:both">_._,_._,_</div>',
    ),
    "avast table": (
        "",
        '<div id="DAB4FAD8-2DD7-40BB-A1B8-4E2AA1F9FDF2"><br /><table><tr><td>'
        '<a href="https://www.avast.com/sig-email?utm_medium=email" target="_blank">'
        '<img src="https://s-install.avcdn.net/ipm/preview/icons/icon-envelope.gif" alt="" '
        'width="46" height="29" /></a></td><td>Virus-free.<a href="https://www.avast.com/'
        'sig-email?utm_medium=email" target="_blank">www.avast.com</a></td></tr></table>'
        '<a href="#DAB4FAD8-2DD7-40BB-A1B8-4E2AA1F9FDF2" width="1" height="1"> </a></div>',
    ),
    "small print notice": (
        "",
        '<p style="font-size:8pt;color:gray">CONFIDENTIALITY NOTICE: This e-mail and any '
        "attachments are confidential and intended solely for the addressee. If you have "
        "received it in error, please delete it and notify the sender.</p>",
    ),
}


@pytest.mark.parametrize("name", sorted(HTML_FOOTERS))
def test_a_footer_as_its_program_writes_it_in_html_goes(name: str) -> None:
    headers, footer = HTML_FOOTERS[name]
    for client, text in CLIENTS.items():
        body = gmail_divs(text)
        want = parse_message(mail(f"<html><body>{body}</body></html>", headers, subtype="html"))
        got = parse_message(
            mail(f"<html><body>{body}{footer}</body></html>", headers, subtype="html")
        )
        assert got.reply_text == want.reply_text, client


def test_a_gateways_warning_in_its_table_above_an_html_mail_goes() -> None:
    banner = (
        '<table border=1 width="100%"><tr><td style="background:#ffeb9c"><b>CAUTION:</b> '
        "This email originated from outside of the organization. Do not click links or open "
        "attachments unless you recognize the sender and know the content is safe.</td></tr>"
        "</table>"
    )
    for client, text in CLIENTS.items():
        body = gmail_divs(text)
        want = parse_message(mail(f"<html><body>{body}</body></html>", subtype="html"))
        got = parse_message(mail(f"<html><body>{banner}{body}</body></html>", subtype="html"))
        assert got.reply_text == want.reply_text, client
