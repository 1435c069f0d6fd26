"""A tenth grid: footers the first nine grids do not hold, from more list managers'
translations and services, laid out as their programs write them, and many more of the
client's own lines that look like them.

- list managers: Mailman 3's leave address with the archive's and the member's lines
  (HyperKitty's "Archived at …", "Member address: …") and its templates translated to
  German, Spanish, Italian, Portuguese, French, Dutch, Polish, Czech, Swedish, Turkish,
  Russian, Japanese and Chinese; Sympa's subscriber note in eight languages; LISTSERV's
  "write to … or click the following link" and its translations; groups.io's plain link
  block; Google Groups in some twenty more languages (Chinese, Korean, Turkish, Czech,
  Slovak, Croatian, Serbian, Bulgarian, Slovenian, the Baltic ones, Malay, Filipino,
  Persian, Hindi …); Discourse's mailing-list mode in its translations, with its links
  or with them lost ("Consultez le sujet ou répondez à ce courriel pour répondre.",
  "[Konuyu ziyaret edin](…) veya yanıt vermek için bu e-postayı yanıtlayın.");
- services: a Microsoft Teams notification's "Reply in Teams" button and its stores'
  bar ("iOS | Android"), Microsoft 365's privacy and address lines, helpdesks' and
  marketing platforms' footers (Freshdesk, Help Scout, HubSpot, Mailchimp, Brevo /
  Sendinblue in five languages);
- mail apps' stamps: "Sent via …", "Envoyé via …", "Enviado con …", an app describing
  itself after a comma ("Sent with Tutanota, the secure & ad-free mailbox.");
- scanners' stamps: Avast's "Virus-free." in eleven languages, AVG's old three-line stamp
  in English, German and French ("Aucun virus trouvé …" / "Analyse effectuée par AVG"),
  Norton's, Kaspersky's, ESET's framed notice in five languages, Symantec's, MailScanner's,
  amavis';
- confidentiality notices in frames — a box of "+---+" and "|", of box-drawing lines, of
  "#", a rule of "*", "=", "-" or "_" above and below — and in Russian, Ukrainian,
  Chinese ("仅限于 …", "错收"), Korean, Arabic, Greek, Finnish, Hungarian, Turkish and
  Thai, glued right under the client's name or last sentence too;
- "consider the environment before printing" in some twenty-five languages, the
  printing named first in Czech, Slovak, Japanese, Chinese and Korean ("印刷する前に環境
  への配慮をお願いします。").

Each footer is tried under the client's text, under the quote the client answers above,
bottom-posted under the quote and (most) right under the last line, then in whole mails
(a list's header fields, base64, quoted-printable, HTML only).  What the client wrote
must read the same as without it.  The client's own words stay: a sentence about
unsubscribing or a list's leave address, a footer quoted in the client's sentence, the
client's own lists, links, addresses and postal address (under their name and title,
with their phone, or announced with a colon), a separator line or a box the client
draws around a log, a question about printing or the environment, an antivirus's
verdict the client reports, a confidential document the client speaks of, "sent via
courier: …".
"""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support import footer_grid as grid
from tests.support.footer_mail import html_only_mail, plain_mail

CLIENTS = {
    "en": (
        "Hi,\n\nthe warehouse scanners lose their Wi-Fi every afternoon since Tuesday. "
        "Could you send someone tomorrow?\n\nThanks,\nRuth Okafor"
    ),
    "de": "Hallo,\n\ndie Rechnung für Mai fehlt noch im Kundenportal. Bitte prüfen Sie das.",
    "ja": (
        "お世話になっております。\n\n倉庫のスキャナーが毎日午後にWi-Fiから切断されます。\n"
        "ご確認をお願いいたします。"
    ),
}
WRITERS = {"en": "Ruth Okafor"}
QUOTE = (
    "On Mon, 16 Jun 2025 at 10:05, Acme Support <support@acme.example> wrote:\n"
    "> Hello,\n>\n> which building is affected?\n>\n> Acme Support"
)
GRID = grid.Clients(CLIENTS, WRITERS, QUOTE)


def misses(footers: dict[str, str], under_line: bool = True) -> list[str]:
    return GRID.misses(footers, under_line)


# -- list managers' footers ---------------------------------------------------------
LISTS = {
    "mm3 leave only": "-- \nTo unsubscribe send an email to office-leave@lists.acme.example",
    "mm3 hyperkitty": (
        "_______________________________________________\nOffice mailing list -- "
        "office@lists.acme.example\nTo unsubscribe send an email to "
        "office-leave@lists.acme.example\n"
        "https://lists.acme.example/mailman3/lists/office.lists.acme.example/\nArchived "
        "at: "
        "https://lists.acme.example/archives/list/office@lists.acme.example/message/7HQ2K"
        "4/\n\nThis message sent to noor@client.example"
    ),
    "mm3 member address": (
        "_______________________________________________\nOffice mailing list -- "
        "office@lists.acme.example\nTo unsubscribe send an email to "
        "office-leave@lists.acme.example\nMember address: noor@client.example"
    ),
    "mm3 de": (
        "_______________________________________________\nOffice Mailingliste -- "
        "office@lists.acme.example\nZur Abmeldung von dieser Mailingliste senden Sie eine "
        "Nachricht an office-leave@lists.acme.example"
    ),
    "mm3 es": (
        "_______________________________________________\nLista de correo Office -- "
        "office@lists.acme.example\nPara darse de baja, envíe un mensaje a "
        "office-leave@lists.acme.example"
    ),
    "mm3 it": (
        "_______________________________________________\nOffice mailing list -- "
        "office@lists.acme.example\nPer cancellarsi inviare un messaggio a "
        "office-leave@lists.acme.example"
    ),
    "mm3 pt": (
        "_______________________________________________\nLista de discussão Office -- "
        "office@lists.acme.example\nPara cancelar a inscrição, envie uma mensagem para "
        "office-leave@lists.acme.example"
    ),
    "mm3 ja": (
        "_______________________________________________\nOffice メーリングリスト -- "
        "office@lists.acme.example\n登録を解除するには office-leave@lists.acme.example "
        "にメールを送信してください"
    ),
    "mm3 ru": (
        "_______________________________________________\nСписок рассылки Office -- "
        "office@lists.acme.example\nЧтобы отписаться, отправьте письмо на "
        "office-leave@lists.acme.example"
    ),
    "sympa fr": (
        "---\nListe de diffusion office@listes.acme.example\nPour vous désabonner, envoyez "
        "un message à sympa@listes.acme.example avec pour objet : unsubscribe office\n"
        "Archives : https://listes.acme.example/sympa/arc/office"
    ),
    "sympa en": (
        "--\nYou are subscribed to the list office@lists.acme.example\nTo unsubscribe, "
        "send a message to sympa@lists.acme.example with the subject: signoff office"
    ),
    "sympa es": (
        "--\nEstá suscrito a la lista office@listas.acme.example\nPara darse de baja, "
        "envíe un mensaje a sympa@listas.acme.example con el asunto: signoff office"
    ),
    "sympa de": (
        "--\nSie sind in der Liste office@listen.acme.example eingetragen.\nZum Abmelden "
        "senden Sie eine E-Mail an sympa@listen.acme.example mit dem Betreff: signoff "
        "office"
    ),
    "listserv classic": (
        "############################\n\nTo unsubscribe from the OFFICE list:\nwrite to: "
        "mailto:OFFICE-SIGNOFF-REQUEST@LISTSERV.ACME.EXAMPLE\nor click the following link: "
        "https://listserv.acme.example/scripts/wa-ACME.exe?SUBED1=OFFICE&A=1"
    ),
    "listserv fr": (
        "############################\n\nPour vous désabonner de la liste OFFICE, cliquez "
        "sur le lien suivant :\n"
        "https://listserv.acme.example/scripts/wa.exe?SUBED1=OFFICE&A=1"
    ),
    "listserv old": (
        "--------------------\nTo unsubscribe, send the command SIGNOFF OFFICE to "
        "LISTSERV@LISTSERV.ACME.EXAMPLE"
    ),
    "groups.io plain": (
        "-=-=-=-=-=-=-=-=-=-=-=-\nGroups.io Links: You receive all messages sent to this "
        "group.\nView/Reply Online (#842): https://groups.io/g/office/message/842\nMute "
        "This Topic: https://groups.io/mt/101/7654\nGroup Owner: office+owner@groups.io\n"
        "Unsubscribe: https://groups.io/g/office/leave/7654/1821/1 [noor@client.example]\n"
        "-=-=-=-=-=-=-=-=-=-=-=-"
    ),
    "groups.io no rule": (
        "Groups.io Links:\n\nYou receive all messages sent to this group.\n\nView/Reply "
        "Online (#842) | Reply To Group | Reply To Sender | Mute This Topic | New Topic\n"
        "Your Subscription | Contact Group Owner | Unsubscribe [noor@client.example]"
    ),
    "gg zh": (
        "--\n您收到此邮件是因为您订阅了 Google 网上论坛上的“Office”群组。\n"
        "要退订此群组并停止接收此群组的电子邮件，请发送电子邮件到 "
        "office+unsubscribe@googlegroups.com。"
    ),
    "gg zh-tw": (
        "--\n您會收到這封郵件，是因為您已訂閱 Google 網路論壇的「Office」群組。\n"
        "如要取消訂閱這個群組並停止接收來自這個群組的電子郵件，請傳送電子郵件到 "
        "office+unsubscribe@googlegroups.com。"
    ),
    "gg ko": (
        "--\n이 메일은 Google 그룹스 'Office' 그룹에 가입한 분들에게 전송되는 "
        "메시지입니다.\n이 그룹에서 탈퇴하고 더 이상 이메일을 받지 않으려면 "
        "office+unsubscribe@googlegroups.com에 이메일을 보내세요."
    ),
    "gg tr": (
        '--\nBu iletiyi, Google Grupları "Office" grubuna abone olduğunuz için aldınız.\n'
        "Bu gruptan aboneliğinizi iptal etmek ve artık gruptan e-posta almamak için "
        "office+unsubscribe@googlegroups.com adresine e-posta gönderin."
    ),
    "gg cs": (
        "--\nTuto zprávu jste obdrželi, protože jste přihlášeni k odběru skupiny „Office“ "
        "ve Skupinách Google.\nChcete-li se odhlásit z odběru této skupiny a přestat "
        "dostávat e-maily, pošlete e-mail na adresu office+unsubscribe@googlegroups.com."
    ),
    "gg pl": (
        "--\nOtrzymujesz tę wiadomość, ponieważ subskrybujesz grupę „Office” w Grupach "
        "Google.\nAby anulować subskrypcję tej grupy i przestać otrzymywać od niej "
        "wiadomości, wyślij e-maila na adres office+unsubscribe@googlegroups.com."
    ),
    "gg sv": (
        "--\nDu får det här meddelandet eftersom du prenumererar på gruppen Office i "
        "Google Grupper.\nOm du vill sluta prenumerera på den här gruppen och inte längre "
        "få e-post från den skickar du ett e-postmeddelande till "
        "office+unsubscribe@googlegroups.com."
    ),
    "gg it": (
        '--\nHai ricevuto questo messaggio perché sei iscritto al gruppo "Office" di '
        "Google Gruppi.\nPer annullare l'iscrizione a questo gruppo e non ricevere più le "
        "sue email, invia un'email a office+unsubscribe@googlegroups.com."
    ),
    "gg nl": (
        "--\nJe hebt dit bericht ontvangen omdat je bent geabonneerd op de groep 'Office' "
        "van Google Groepen.\nAls je je wilt afmelden voor deze groep en geen e-mails meer "
        "van deze groep wilt ontvangen, stuur je een e-mail naar "
        "office+unsubscribe@googlegroups.com."
    ),
    "gg ru": (
        '--\nВы получили это сообщение, поскольку подписаны на группу "Office" в Google '
        "Группах.\nЧтобы отменить подписку на эту группу и больше не получать от нее "
        "сообщения, отправьте письмо на электронный адрес "
        "office+unsubscribe@googlegroups.com."
    ),
    "gg fr": (
        "--\nVous recevez ce message, car vous êtes abonné au groupe Google Groupes "
        '"Office".\nPour vous désabonner de ce groupe et ne plus recevoir d\'e-mails le '
        "concernant, envoyez un e-mail à l'adresse office+unsubscribe@googlegroups.com.\n"
        "Pour afficher cette discussion, accédez à "
        "https://groups.google.com/d/msgid/office/CAH9k2w%40mail.gmail.com."
    ),
    "discourse es": (
        "---\n[Visita el tema](https://foro.acme.example/t/vpn/812/4) o responde a este "
        "correo electrónico para responder.\n\nPara darte de baja de estos correos "
        "electrónicos, [haz clic aquí](https://foro.acme.example/email/unsubscribe/4fa1c)."
    ),
    "discourse fr": (
        "---\nConsultez le sujet ou répondez à ce courriel pour répondre.\n\nPour vous "
        "désabonner de ces courriels, cliquez ici."
    ),
    "discourse pt": (
        "---\nVisite o tópico ou responda este e-mail para responder.\n\nPara cancelar a "
        "inscrição destes e-mails, clique aqui."
    ),
    "discourse ja": (
        "---\nトピックにアクセスするか、このメールに返信して回答してください。\n\n"
        "これらのメールの配信を停止するには、ここをクリックしてください。"
    ),
    "discourse mlm": (
        "---\n[Visit Topic](https://forum.acme.example/t/vpn/812/4) or reply to this email "
        "to respond.\n\nYou are receiving this because you enabled mailing list mode.\n\n"
        "To unsubscribe from these emails, [click "
        "here](https://forum.acme.example/email/unsubscribe/4fa1c)."
    ),
    "gg sk": (
        "--\nTúto správu ste dostali, pretože ste prihlásení na odber skupiny „Office“ v "
        "službe Skupiny Google.\nAk chcete odhlásiť odber tejto skupiny a prestať dostávať "
        "z nej e-maily, pošlite e-mail na adresu office+unsubscribe@googlegroups.com."
    ),
    "gg hr": (
        '--\nPrimili ste ovu poruku jer ste pretplaćeni na grupu "Office" na Google '
        "grupama.\nDa biste otkazali pretplatu na ovu grupu i prestali primati e-poruke od "
        "nje, pošaljite e-poruku na office+unsubscribe@googlegroups.com."
    ),
    "gg bg": (
        "--\nПолучихте това съобщение, защото сте абонирани за групата „Office“ в Google "
        "Групи.\nЗа да прекратите абонамента си за тази група и да спрете да получавате "
        "имейли от нея, изпратете имейл до office+unsubscribe@googlegroups.com."
    ),
    "gg sl": (
        "--\nTo sporočilo ste prejeli, ker ste naročeni na skupino »Office« v Google "
        "Skupinah.\nČe se želite odjaviti od te skupine in ne želite več prejemati "
        "e-poštnih sporočil iz nje, pošljite e-poštno sporočilo na "
        "office+unsubscribe@googlegroups.com."
    ),
    "gg lt": (
        "--\nGavote šį pranešimą, nes esate užsiprenumeravę „Google“ grupių grupę "
        "„Office“.\nJei norite atšaukti šios grupės prenumeratą ir nebegauti iš jos el. "
        "laiškų, siųskite el. laišką adresu office+unsubscribe@googlegroups.com."
    ),
    "gg lv": (
        "--\nJūs saņēmāt šo ziņojumu, jo esat abonējis Google grupu grupu “Office”.\nLai "
        "anulētu šīs grupas abonementu un pārtrauktu saņemt no tās e-pasta ziņojumus, "
        "nosūtiet e-pasta ziņojumu uz office+unsubscribe@googlegroups.com."
    ),
    "gg et": (
        "--\nSaite selle sõnumi, kuna olete Google'i gruppide grupi „Office” tellija.\n"
        "Sellest grupist loobumiseks ja sealt meilide saamise lõpetamiseks saatke meil "
        "aadressile office+unsubscribe@googlegroups.com."
    ),
    "gg ms": (
        '--\nAnda menerima mesej ini kerana anda melanggan kumpulan "Office" dalam Google '
        "Groups.\nUntuk berhenti melanggan kumpulan ini dan berhenti menerima e-mel "
        "daripadanya, hantar e-mel kepada office+unsubscribe@googlegroups.com."
    ),
    "gg fa": (
        "--\nشما این پیام را دریافت کردید زیرا مشترک گروه «Office» در «گروه\u200cهای "
        "Google» هستید.\nبرای لغو اشتراک این گروه و توقف دریافت ایمیل از آن، ایمیلی به "
        "office+unsubscribe@googlegroups.com ارسال کنید."
    ),
    "gg hi": (
        '--\nआपको यह संदेश इसलिए मिला है क्योंकि आपने Google Groups के "Office" समूह की '
        "सदस्यता ली है.\nइस समूह की सदस्यता छोड़ने और इससे ईमेल पाना बंद करने के लिए, "
        "office+unsubscribe@googlegroups.com पर ईमेल भेजें."
    ),
    "gg fil": (
        '--\nNatanggap mo ang mensaheng ito dahil naka-subscribe ka sa grupong "Office" ng '
        "Google Groups.\nPara mag-unsubscribe sa grupong ito at ihinto ang pagtanggap ng "
        "mga email mula rito, magpadala ng email sa office+unsubscribe@googlegroups.com."
    ),
    "gg sr": (
        "--\nПримили сте ову поруку зато што сте пријављени на групу „Office“ у Google "
        "групама.\nДа бисте опозвали пријаву на ову групу и престали да примате имејлове "
        "од ње, пошаљите имејл на office+unsubscribe@googlegroups.com."
    ),
    "mm3 fr": (
        "_______________________________________________\nListe de diffusion Office -- "
        "office@lists.acme.example\nPour vous désabonner, envoyez un message à "
        "office-leave@lists.acme.example"
    ),
    "mm3 nl": (
        "_______________________________________________\nOffice mailinglijst -- "
        "office@lists.acme.example\nOm je af te melden stuur je een e-mail naar "
        "office-leave@lists.acme.example"
    ),
    "mm3 pl": (
        "_______________________________________________\nLista dyskusyjna Office -- "
        "office@lists.acme.example\nAby się wypisać, wyślij wiadomość na adres "
        "office-leave@lists.acme.example"
    ),
    "mm3 cs": (
        "_______________________________________________\nKonference Office -- "
        "office@lists.acme.example\nPro odhlášení pošlete e-mail na "
        "office-leave@lists.acme.example"
    ),
    "mm3 sv": (
        "_______________________________________________\nOffice e-postlista -- "
        "office@lists.acme.example\nFör att avsluta prenumerationen skicka ett "
        "e-postmeddelande till office-leave@lists.acme.example"
    ),
    "mm3 tr": (
        "_______________________________________________\nOffice e-posta listesi -- "
        "office@lists.acme.example\nAbonelikten çıkmak için "
        "office-leave@lists.acme.example adresine bir e-posta gönderin"
    ),
    "mm3 zh": (
        "_______________________________________________\nOffice 邮件列表 -- "
        "office@lists.acme.example\n要退订请发送邮件至 office-leave@lists.acme.example"
    ),
    "sympa it": (
        "--\nSei iscritto alla lista office@liste.acme.example\nPer cancellarti, invia un "
        "messaggio a sympa@liste.acme.example con oggetto: signoff office"
    ),
    "sympa pt": (
        "--\nVocê está inscrito na lista office@listas.acme.example\nPara cancelar a "
        "inscrição, envie uma mensagem para sympa@listas.acme.example com o assunto: "
        "signoff office"
    ),
    "sympa nl": (
        "--\nU bent geabonneerd op de lijst office@lijsten.acme.example\nOm u af te "
        "melden, stuur een bericht naar sympa@lijsten.acme.example met als onderwerp: "
        "signoff office"
    ),
    "sympa pl": (
        "--\nJesteś zapisany na listę office@listy.acme.example\nAby się wypisać, wyślij "
        "wiadomość na adres sympa@listy.acme.example z tematem: signoff office"
    ),
    "listserv de": (
        "########################################################################\n\nUm "
        "sich von der Liste OFFICE abzumelden, klicken Sie auf den folgenden Link:\n"
        "https://listserv.acme.example/scripts/wa.exe?SUBED1=OFFICE&A=1"
    ),
    "listserv es": (
        "########################################################################\n\nPara "
        "darse de baja de la lista OFFICE, haga clic en el siguiente enlace:\n"
        "https://listserv.acme.example/scripts/wa.exe?SUBED1=OFFICE&A=1"
    ),
    "discourse de nolink": (
        "---\nBesuche das Thema oder antworte auf diese E-Mail, um zu antworten.\n\nUm "
        "diese E-Mails abzubestellen, klicke hier."
    ),
    "discourse it": (
        "---\n[Visita l'argomento](https://forum.acme.example/t/vpn/812/4) o rispondi a "
        "questa email per rispondere.\n\nPer annullare l'iscrizione a queste email, "
        "[clicca qui](https://forum.acme.example/email/unsubscribe/4fa1c)."
    ),
    "discourse ru": (
        "---\n[Перейти к теме](https://forum.acme.example/t/vpn/812/4) или ответьте на это "
        "письмо.\n\nЧтобы отписаться от этих писем, [нажмите "
        "здесь](https://forum.acme.example/email/unsubscribe/4fa1c)."
    ),
    "discourse zh": (
        "---\n[访问话题](https://forum.acme.example/t/vpn/812/4)或回复此邮件以回复。\n\n"
        "要取消订阅这些邮件，请[点击此处](https://forum.acme.example/email/unsubscribe/4f"
        "a1c)。"
    ),
    "discourse pl": (
        "---\n[Odwiedź temat](https://forum.acme.example/t/vpn/812/4) lub odpowiedz na "
        "tego e-maila, aby odpowiedzieć.\n\nAby zrezygnować z subskrypcji tych e-maili, "
        "[kliknij tutaj](https://forum.acme.example/email/unsubscribe/4fa1c)."
    ),
    "discourse nl": (
        "---\n[Bezoek onderwerp](https://forum.acme.example/t/vpn/812/4) of beantwoord "
        "deze e-mail om te reageren.\n\nKlik "
        "[hier](https://forum.acme.example/email/unsubscribe/4fa1c) om je af te melden "
        "voor deze e-mails."
    ),
    "discourse tr": (
        "---\n[Konuyu ziyaret edin](https://forum.acme.example/t/vpn/812/4) veya yanıt "
        "vermek için bu e-postayı yanıtlayın.\n\nBu e-postalardan aboneliğinizi iptal "
        "etmek için [buraya tıklayın](https://forum.acme.example/email/unsubscribe/4fa1c)."
    ),
}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_a_list_managers_footer_goes(name: str) -> None:
    missed = misses({name: LISTS[name]})
    assert not missed, "\n".join(missed)


# -- services' footers -----------------------------------------------------------------
SERVICES = {
    "sharepoint": "Privacy Statement\nMicrosoft Corporation, One Microsoft Way, Redmond, WA 98052",
    "m365 generated": (
        "This email is generated through Acme's use of Microsoft 365 and may contain "
        "content that is controlled by Acme."
    ),
    "outlook calendar": (
        "Microsoft respects your privacy. To learn more, please read our Privacy "
        "Statement.\nMicrosoft Corporation, One Microsoft Way, Redmond, WA 98052"
    ),
    "freshdesk de": "Diese E-Mail ist ein Service von Acme Support. Bereitgestellt von Freshdesk",
    "help scout": "Sent via Help Scout",
    "intercom unsubscribe": "Unsubscribe from Acme messages\n\nSent from Intercom",
    "hubspot de": (
        "Acme GmbH, Beispielstraße 12, 10115 Berlin, Deutschland\n\nAbmelden  "
        "Einstellungen verwalten"
    ),
    "hubspot fr": (
        "Acme SAS, 12 rue de la Paix, 75002 Paris, France\n\nSe désabonner  Gérer les préférences"
    ),
    "mailchimp es": (
        "Copyright © 2025 Acme, Todos los derechos reservados.\nRecibes este correo porque "
        "te suscribiste en nuestra web.\n\nNuestra dirección postal es:\nAcme S.L.\nCalle "
        "Mayor 5\nMadrid 28013\nSpain\n\n¿Quieres cambiar cómo recibes estos correos?\n"
        "Puedes actualizar tus preferencias o darte de baja de esta lista."
    ),
    "mailchimp de": (
        "Copyright © 2025 Acme GmbH, Alle Rechte vorbehalten.\n\nUnsere Postanschrift "
        "lautet:\nAcme GmbH\nBeispielstraße 12\nBerlin 10115\nGermany\n\nMöchten Sie "
        "ändern, wie Sie diese E-Mails erhalten?\nSie können Ihre Einstellungen "
        "aktualisieren oder sich von dieser Liste abmelden."
    ),
    "brevo fr": (
        "Cet e-mail a été envoyé à noor@client.example\nVous avez reçu cet email car vous "
        "vous êtes inscrit sur Acme.\n\nSe désinscrire\n\n© 2025 Acme"
    ),
    "brevo en": (
        "This email was sent to noor@client.example\nYou've received it because you've "
        "subscribed to our newsletter.\n\nUnsubscribe\n\nSent by Brevo"
    ),
    "sendinblue de": (
        "Diese E-Mail wurde an noor@client.example gesendet.\nSie haben diese E-Mail "
        "erhalten, weil Sie unseren Newsletter abonniert haben.\n\nAbmelden"
    ),
    "brevo es": (
        "Este correo electrónico se envió a noor@client.example\nHas recibido este correo "
        "porque te has suscrito a nuestro boletín.\n\nDarse de baja"
    ),
    "brevo it": (
        "Questa email è stata inviata a noor@client.example\nHai ricevuto questa email "
        "perché ti sei iscritto alla nostra newsletter.\n\nDisiscriviti"
    ),
    "brevo pt": (
        "Este e-mail foi enviado para noor@client.example\nRecebeu este e-mail porque se "
        "inscreveu na nossa newsletter.\n\nCancelar inscrição"
    ),
}


@pytest.mark.parametrize("name", sorted(SERVICES))
def test_a_services_footer_goes(name: str) -> None:
    missed = misses({name: SERVICES[name]})
    assert not missed, "\n".join(missed)


TEAMS = {
    "teams missed": (
        "Reply in Teams\n\nInstall Microsoft Teams now\niOS | Android\n\nThis email was "
        "sent from an unmonitored mailbox. Update your email preferences in Teams.\n"
        "Activity > Settings (Gear Icon) > Notifications\n\nMicrosoft Corporation, One "
        "Microsoft Way, Redmond, WA 98052 USA\nRead our privacy policy"
    ),
}


def test_a_teams_notifications_buttons_and_footer_go() -> None:
    """A chat program's notification: its button to answer there ("Reply in Teams"),
    its app's line over the phone stores' bar ("iOS | Android"), its footer."""
    missed = misses(TEAMS, under_line=False)
    assert not missed, "\n".join(missed)


# -- mail apps' stamps -----------------------------------------------------------------
TAGLINES = {
    "sent via front": "Sent via Front",
    "spark": "Sent with Spark",
    "spark de": "Gesendet mit Spark",
    "spark fr": "Envoyé avec Spark",
    "proton": "Sent with Proton Mail secure email.",
    "proton es": "Enviado con el correo electrónico seguro de Proton Mail.",
    "proton de": "Gesendet mit der sicheren E-Mail von Proton Mail.",
    "missive": "Sent via Missive",
    "mailspring": "Sent from Mailspring",
    "yahoo android": "Sent from Yahoo Mail on Android",
    "yahoo de": "Von Yahoo Mail auf Android gesendet",
    "zoho": "Sent using Zoho Mail",
    "hey": "Sent from HEY",
    "edison": "Sent from Edison Mail",
    "newton": "Sent via Newton Mail",
    "bluemail": "Sent from BlueMail",
    "airmail": "Sent with Airmail",
    "canary": "Sent with Canary",
    "samsung fr": "Envoyé depuis mon appareil Galaxy",
    "outlook ios ru": "Получено из Outlook для iOS",
    "gmx": "Gesendet mit der GMX Mail App",
    "web.de": "Gesendet mit der WEB.DE Mail App",
    "tutanota": "Sent with Tutanota, the secure & ad-free mailbox.",
    "mail.ru": "Отправлено из Mail.ru для Android",
    "yandex": "Отправлено из мобильной Яндекс Почты",
    "superhuman fr": "Envoyé via Superhuman",
}


@pytest.mark.parametrize("name", sorted(TAGLINES))
def test_a_mail_apps_stamp_goes(name: str) -> None:
    missed = misses({name: TAGLINES[name]})
    assert not missed, "\n".join(missed)


# -- scanners' stamps --------------------------------------------------------------------
SCANNERS = {
    "avast de": "Virenfrei. www.avast.com",
    "avast fr": "Sans virus. www.avast.com",
    "avast pt": "Livre de vírus. www.avast.com",
    "avast it": "Privo di virus. www.avast.com",
    "avast nl": "Virusvrij. www.avast.com",
    "avast pl": "Wolne od wirusów. www.avast.com",
    "avast ru": "Без вирусов. www.avast.ru",
    "avast cs": "Bez virů. www.avast.com",
    "avast tr": "Virüssüz. www.avast.com",
    "avast ja": "ウイルスフリー。 www.avast.com",
    "avg es": "Libre de virus. www.avg.com",
    "avg old de": (
        "-----\nEs wurden keine Viren in dieser Nachricht gefunden.\nGeprüft durch AVG - "
        "www.avg.de\nVersion: 2015.0.6086 / Virendatenbank: 4365/10543 - Ausgabedatum: "
        "01.06.2025"
    ),
    "avg old en": (
        "-----\nNo virus found in this message.\nChecked by AVG - www.avg.com\nVersion: "
        "2015.0.6086 / Virus Database: 4365/10543 - Release Date: 06/01/25"
    ),
    "avg old fr": (
        "-----\nAucun virus trouvé dans ce message.\nAnalyse effectuée par AVG - "
        "www.avg.fr\nVersion: 2015.0.6086 / Base de données virale: 4365/10543 - Date: "
        "01/06/2025"
    ),
    "norton": (
        "This email has been checked for viruses by Norton antivirus software.\nwww.norton.com"
    ),
    "norton de": "Diese E-Mail wurde von Norton auf Viren geprüft.\nwww.norton.com",
    "kaspersky ru": "Проверено Kaspersky Internet Security",
    "kaspersky en": "This message was checked by Kaspersky Anti-Virus.",
    "eset cs": (
        "__________ Informace od ESET NOD32 Antivirus, verze databaze 27412 (20250601) "
        "__________\n\nTuto zpravu proveril ESET NOD32 Antivirus.\n\nhttp://www.eset.cz"
    ),
    "eset de": (
        "__________ Information von ESET Mail Security, Version der Signaturdatenbank "
        "27412 (20250601) __________\n\nDiese E-Mail wurde von ESET Mail Security "
        "geprüft.\n\nhttps://www.eset.com"
    ),
    "eset es": (
        "__________ Información de ESET Endpoint Antivirus, versión de la base de firmas "
        "de virus 27412 (20250601) __________\n\nESET Endpoint Antivirus ha comprobado "
        "este mensaje.\n\nhttps://www.eset.com"
    ),
    "eset hu": (
        "__________ Információ az ESET NOD32 Antivirus programtól, vírusdefiníciós "
        "adatbázis verziószáma: 27412 (20250601) __________\n\nAz üzenetet az ESET NOD32 "
        "Antivirus ellenőrizte.\n\nhttp://www.eset.hu"
    ),
    "eset pl": (
        "__________ Informacja programu ESET Endpoint Antivirus, wersja bazy sygnatur "
        "wirusów 27412 (20250601) __________\n\nWiadomość została sprawdzona przez program "
        "ESET Endpoint Antivirus.\n\nhttp://www.eset.pl"
    ),
    "bitdefender ro": "Acest e-mail a fost scanat de Bitdefender.",
    "mcafee": "Scanned by McAfee and confirmed virus-free.",
    "symantec": (
        "______________________________________________________________________\nThis "
        "email has been scanned by the Symantec Email Security.cloud service.\nFor more "
        "information please visit http://www.symanteccloud.com\n"
        "______________________________________________________________________"
    ),
    "clamav": (
        "-- \nThis message has been scanned for viruses and\ndangerous content by "
        "MailScanner, and is\nbelieved to be clean."
    ),
    "mailscanner de": (
        "-- \nDiese Nachricht wurde von MailScanner auf Viren und gefährliche Inhalte "
        "untersucht\nund ist vermutlich sauber."
    ),
    "amavis": (
        "--\nThis message was scanned by amavisd-new and ClamAV and is believed to be clean."
    ),
}


@pytest.mark.parametrize("name", sorted(SCANNERS))
def test_a_scanners_stamp_goes(name: str) -> None:
    missed = misses({name: SCANNERS[name]})
    assert not missed, "\n".join(missed)


# -- notices in frames and in more languages ----------------------------------------------
NOTICES = {
    "box ascii en": (
        "+----------------------------------------------------------------+\n| "
        "CONFIDENTIALITY NOTICE: This e-mail and any attachments are    |\n| confidential "
        "and intended solely for the addressee. If you     |\n| have received it in error, "
        "please notify the sender.           |\n"
        "+----------------------------------------------------------------+"
    ),
    "box unicode de": (
        "┌──────────────────────────────────────────────────────────┐\n│ Diese E-Mail "
        "enthält vertrauliche Informationen. Wenn Sie   │\n│ nicht der richtige Adressat "
        "sind, informieren Sie bitte     │\n│ sofort den Absender und vernichten Sie diese "
        "E-Mail.        │\n└──────────────────────────────────────────────────────────┘"
    ),
    "stars fr": (
        "**********************************************************************\nCe "
        "message et ses pièces jointes sont confidentiels et destinés exclusivement à "
        "leurs destinataires. Si vous avez reçu ce message par erreur, merci d'en avertir "
        "immédiatement l'expéditeur et de le détruire.\n"
        "**********************************************************************"
    ),
    "equals es": (
        "======================================================\nEste mensaje y sus anexos "
        "son confidenciales y están dirigidos exclusivamente a su destinatario. Si lo ha "
        "recibido por error, le rogamos que lo comunique al remitente y lo elimine.\n"
        "======================================================"
    ),
    "dashes it": (
        "------------------------------------------------------\nQuesto messaggio e i suoi "
        "allegati sono riservati e destinati esclusivamente al destinatario. Se lo avete "
        "ricevuto per errore, vi preghiamo di avvisare il mittente e di cancellarlo.\n"
        "------------------------------------------------------"
    ),
    "underscores nl": (
        "______________________________________________________\nDit bericht is "
        "uitsluitend bestemd voor de geadresseerde. Indien u dit bericht onterecht "
        "ontvangt, wordt u verzocht de inhoud niet te gebruiken en de afzender direct te "
        "informeren."
    ),
    "pipes box pt": (
        "|====================================================|\n| AVISO DE "
        "CONFIDENCIALIDADE: Esta mensagem e seus anexos  |\n| são confidenciais. Se a "
        "recebeu por engano, avise o      |\n| remetente e apague-a.                       "
        "             |\n|====================================================|"
    ),
    "hash box": (
        "#####################################################\n# This email and any files "
        "transmitted with it are    #\n# confidential and intended solely for the use of "
        "the #\n# individual to whom they are addressed.              #\n"
        "#####################################################"
    ),
    "ru": (
        "Конфиденциальность: Это сообщение и все вложения предназначены исключительно для "
        "адресата. Если вы получили его по ошибке, сообщите отправителю и удалите "
        "сообщение."
    ),
    "uk": (
        "Це повідомлення та вкладення є конфіденційними і призначені лише для адресата. "
        "Якщо ви отримали його помилково, повідомте відправника та видаліть його."
    ),
    "zh": (
        "保密声明：本邮件及其附件含有保密信息，仅限于发送给上面地址中列出的个人或群组。如"
        "果您错收了本邮件，请您立即电话或邮件通知发件人并删除本邮件！"
    ),
    "ko": (
        "본 메일은 수신인만을 위한 기밀 정보를 포함하고 있습니다. 잘못 수신하신 경우 "
        "발신자에게 알려주시고 즉시 삭제해 주시기 바랍니다."
    ),
    "ar": (
        "إخلاء المسؤولية: هذه الرسالة وأي مرفقات بها سرية ومخصصة فقط للمرسل إليه. إذا "
        "تلقيتها عن طريق الخطأ، يرجى إبلاغ المرسل وحذفها."
    ),
    "el": (
        "Το παρόν μήνυμα και τα συνημμένα του είναι εμπιστευτικά και προορίζονται "
        "αποκλειστικά για τον παραλήπτη. Εάν το λάβατε κατά λάθος, ενημερώστε τον "
        "αποστολέα και διαγράψτε το."
    ),
    "fi": (
        "Tämä viesti ja sen liitteet ovat luottamuksellisia ja tarkoitettu vain "
        "vastaanottajalle. Jos olet saanut viestin erehdyksessä, ilmoita lähettäjälle ja "
        "poista viesti."
    ),
    "hu": (
        "Ez az üzenet és mellékletei bizalmas információkat tartalmaznak, és kizárólag a "
        "címzettnek szólnak. Ha tévedésből kapta meg, kérjük, értesítse a feladót, és "
        "törölje az üzenetet."
    ),
    "tr": (
        "Bu e-posta ve ekleri gizlidir ve yalnızca alıcıya yöneliktir. Bu mesajı "
        "yanlışlıkla aldıysanız, lütfen gönderene bildirin ve mesajı silin."
    ),
    "th": (
        "ข้อความนี้และไฟล์แนบเป็นความลับและมีไว้สำหรับผู้รับเท่านั้น หากท่านได้รับโดยไม่ได้ตั้งใจ กรุณาแจ้งผู้ส่งและลบข้อความนี้"
    ),
}


@pytest.mark.parametrize("name", sorted(NOTICES))
def test_a_confidentiality_notice_goes(name: str) -> None:
    missed = misses({name: NOTICES[name]})
    assert not missed, "\n".join(missed)


# -- environment lines ---------------------------------------------------------------------
ENVIRONMENT = {
    "env de": "Bitte denken Sie an die Umwelt, bevor Sie diese E-Mail ausdrucken.",
    "env fr": "Pensez à l'environnement avant d'imprimer ce courriel.",
    "env pt br": (
        "Antes de imprimir, pense em sua responsabilidade e compromisso com o MEIO AMBIENTE."
    ),
    "env it": "Prima di stampare, pensa all'ambiente.",
    "env nl": "Denk aan het milieu voordat u deze e-mail print.",
    "env pl": "Zanim wydrukujesz tę wiadomość, pomyśl o środowisku.",
    "env cs": "Před vytištěním tohoto e-mailu zvažte dopad na životní prostředí.",
    "env sv": "Tänk på miljön innan du skriver ut detta mejl.",
    "env fi": "Ajattele ympäristöä ennen kuin tulostat tämän viestin.",
    "env ru": "Пожалуйста, подумайте об окружающей среде, прежде чем распечатывать это письмо.",
    "env tr": "Lütfen bu e-postayı yazdırmadan önce çevreyi düşünün.",
    "env ja": "印刷する前に環境への配慮をお願いします。",
    "env zh": "打印前请考虑环境保护。",
    "env ko": "인쇄하기 전에 환경을 생각해 주세요.",
    "env es tree": (
        "P  Antes de imprimir este correo electrónico, piense bien si es necesario hacerlo."
    ),
    "env el": "Σκεφτείτε το περιβάλλον πριν εκτυπώσετε αυτό το μήνυμα.",
    "env ro": "Vă rugăm să vă gândiți la mediu înainte de a tipări acest e-mail.",
    "env hu": "Kérjük, gondoljon a környezetre, mielőtt kinyomtatja ezt az e-mailt.",
    "env da": "Tænk på miljøet, før du udskriver denne e-mail.",
    "env no": "Tenk på miljøet før du skriver ut denne e-posten.",
    "env ca": "Abans d'imprimir aquest correu, pensa en el medi ambient.",
    "env hr": "Molimo razmislite o okolišu prije ispisa ove poruke.",
    "env sk": "Pred vytlačením tohto e-mailu zvážte vplyv na životné prostredie.",
    "env uk": "Будь ласка, подумайте про довкілля, перш ніж друкувати цей лист.",
}


@pytest.mark.parametrize("name", sorted(ENVIRONMENT))
def test_an_environment_line_goes(name: str) -> None:
    missed = misses({name: ENVIRONMENT[name]})
    assert not missed, "\n".join(missed)


# -- more lists' and newsletters' footers -------------------------------------------------
NEWSLETTERS = {
    "mm2 fr": (
        "_______________________________________________\nListe de diffusion Office\n"
        "office@lists.acme.example\nhttps://lists.acme.example/mailman/listinfo/office"
    ),
    "mm2 es": (
        "_______________________________________________\nLista de correo Office\n"
        "office@lists.acme.example\nhttps://lists.acme.example/mailman/listinfo/office"
    ),
    "mm2 it": (
        "_______________________________________________\nOffice mailing list\n"
        "office@lists.acme.example\nhttps://lists.acme.example/mailman/listinfo/office"
    ),
    "mm2 ja": (
        "_______________________________________________\nOffice mailing list\n"
        "office@lists.acme.example\nhttps://lists.acme.example/mailman/listinfo/office"
    ),
    "mm2 custom": (
        "_______________________________________________\nOffice list - "
        "office@lists.acme.example\nManage your subscription: "
        "https://lists.acme.example/mailman/options/office"
    ),
    "mm2 posted": (
        "--\nPosted to office@lists.acme.example\nArchives: "
        "https://lists.acme.example/pipermail/office/\nOptions: "
        "https://lists.acme.example/mailman/options/office"
    ),
    "majordomo": (
        '---\nTo unsubscribe, send mail to majordomo@lists.acme.example with\n"unsubscribe '
        'office" in the body of the message.'
    ),
    "ezmlm": (
        "---------------------------------------------------------------------\nTo "
        "unsubscribe, e-mail: office-unsubscribe@lists.acme.example\nFor additional "
        "commands, e-mail: office-help@lists.acme.example"
    ),
    "mlmmj": "--\nTo unsubscribe send a mail to office+unsubscribe@lists.acme.example",
    "phplist de": (
        "--\nUm sich von diesem Newsletter abzumelden, besuchen Sie bitte "
        "https://news.acme.example/lists/?p=unsubscribe&uid=7f3a\nUm Ihre Daten zu ändern, "
        "besuchen Sie https://news.acme.example/lists/?p=preferences&uid=7f3a"
    ),
    "phplist en": (
        "--\nTo unsubscribe from this newsletter visit "
        "https://news.acme.example/lists/?p=unsubscribe&uid=7f3a\nTo update your "
        "preferences visit https://news.acme.example/lists/?p=preferences&uid=7f3a"
    ),
    "cleverreach": (
        "Sie erhalten diese E-Mail, weil Sie sich für unseren Newsletter angemeldet "
        "haben.\nNewsletter abbestellen | Daten ändern"
    ),
    "rapidmail": (
        "Wenn Sie diese E-Mail (an: noor@client.example) nicht mehr empfangen möchten, "
        "können Sie diese hier kostenlos abbestellen."
    ),
    "newsletter2go": (
        "Diese E-Mail wurde an noor@client.example versendet.\nSie können sich hier vom "
        "Newsletter abmelden."
    ),
    "sendy": "Unsubscribe here",
    "mautic": "Unsubscribe from our emails",
    "acumbamail es": "Si no quieres recibir más correos como este, puedes darte de baja aquí.",
    "mailjet it": (
        "Questa email è stata inviata a noor@client.example, clicca qui per annullare l'iscrizione."
    ),
    "mailjet es": (
        "Este correo electrónico se envió a noor@client.example, haga clic aquí para darse de baja."
    ),
    "mailjet de": (
        "Diese E-Mail wurde an noor@client.example gesendet, klicken Sie hier, um sich abzumelden."
    ),
    "mailjet nl": (
        "Deze e-mail is verzonden naar noor@client.example, klik hier om je af te melden."
    ),
    "mailjet pt": (
        "Este e-mail foi enviado para noor@client.example, clique aqui para cancelar a inscrição."
    ),
    "getresponse en": (
        "You are receiving this message because you subscribed to our list.\nUnsubscribe "
        "or Change subscriber options\n1 Main Street, Boston, MA 02110, United States"
    ),
    "getresponse de": (
        "Sie erhalten diese Nachricht, weil Sie unsere Liste abonniert haben.\nAbmelden "
        "oder Abonnentendaten ändern\nBeispielstraße 12, 10115 Berlin, Deutschland"
    ),
    "constant contact": (
        "Acme Inc. | 1 Main Street | Boston, MA 02110 US\n\nUnsubscribe "
        "noor@client.example\nUpdate Profile | Constant Contact Data Notice\nSent by "
        "news@acme.example"
    ),
    "moosend": "You received this email because you are subscribed to our newsletter. Unsubscribe",
    "ghost": "Acme © 2025 – Unsubscribe\n\nPowered by Ghost",
    "buttondown": (
        "You're receiving this email because you subscribed to Acme's newsletter. Unsubscribe."
    ),
}


@pytest.mark.parametrize("name", sorted(NEWSLETTERS))
def test_a_lists_or_newsletters_footer_goes(name: str) -> None:
    missed = misses({name: NEWSLETTERS[name]})
    assert not missed, "\n".join(missed)


# -- more services' footers, each set apart from the text -------------------------------
SERVICES_APART = {
    "gdrive": (
        "Google LLC, 1600 Amphitheatre Parkway, Mountain View, CA 94043, USA\nYou have "
        "received this email because noor@client.example shared a file or folder located "
        "in Google Drive with you."
    ),
    "gdrive de": (
        "Google LLC, 1600 Amphitheatre Parkway, Mountain View, CA 94043, USA\nSie haben "
        "diese E-Mail erhalten, weil noor@client.example eine Datei oder einen Ordner in "
        "Google Drive für Sie freigegeben hat."
    ),
    "gdrive fr": (
        "Google LLC, 1600 Amphitheatre Parkway, Mountain View, CA 94043, USA\nVous avez "
        "reçu cet e-mail, car noor@client.example a partagé avec vous un fichier ou un "
        "dossier situé dans Google Drive."
    ),
    "dropbox": "© 2025 Dropbox, Inc.\nDropbox, Inc., PO Box 77767, San Francisco, CA 94107",
    "slack de": (
        "Sie erhalten diese E-Mail, weil Sie Benachrichtigungen für Direktnachrichten "
        "aktiviert haben.\nAbbestellen | Benachrichtigungseinstellungen\nSlack "
        "Technologies, LLC, 500 Howard Street, San Francisco, CA 94105"
    ),
    "slack fr": (
        "Vous recevez cet e-mail, car vous avez activé les notifications par e-mail.\nSe "
        "désabonner | Préférences de notification"
    ),
    "asana": (
        "You received this because you're a collaborator on this task.\nUnfollow task | "
        "Notification settings\nAsana, Inc., 633 Folsom St, Suite 100, San Francisco, CA "
        "94107"
    ),
    "trello": (
        "Reply via email to comment on this card.\n\nYou are receiving this email because "
        "you are subscribed to this card.\nChange notification settings"
    ),
    "monday": (
        "You received this email because you are subscribed to notifications from "
        "monday.com.\nUnsubscribe"
    ),
    "calendly": "Sent from Calendly\nReport this event",
    "typeform": (
        "This email was sent to you because someone filled in your typeform.\nPowered by Typeform"
    ),
    "zoom": (
        "Copyright ©2025 Zoom Video Communications, Inc. All rights reserved.\nZoom Video "
        "Communications, Inc., 55 Almaden Blvd, Suite 600, San Jose, CA 95113"
    ),
    "linkedin de": (
        "Diese E-Mail war für Noor Haddad (IT-Leitung) bestimmt.\nWarum wird dieser "
        "Hinweis angezeigt?\nAbbestellen   Hilfe\n© 2025 LinkedIn Ireland Unlimited "
        "Company, Wilton Plaza, Dublin 2.\nLinkedIn ist ein eingetragener Geschäftsname "
        "von LinkedIn Ireland Unlimited Company."
    ),
    "notion": (
        "Notion Labs, Inc., 2300 Harrison Street, San Francisco, CA 94110\nYou're "
        "receiving this because you're a member of the Acme workspace. Manage notification "
        "settings"
    ),
    "hubspot es": (
        "Acme S.L., Calle Mayor 5, 28013 Madrid, España\n\nCancelar suscripción  Gestionar "
        "preferencias"
    ),
    "hubspot it": (
        "Acme S.r.l., Via Roma 1, 20121 Milano, Italia\n\nAnnulla iscrizione  Gestisci preferenze"
    ),
    "hubspot nl": (
        "Acme B.V., Keizersgracht 1, 1015 CC Amsterdam, Nederland\n\nAfmelden  Voorkeuren beheren"
    ),
    "hubspot pt": (
        "Acme Lda., Rua Augusta 1, 1100-048 Lisboa, Portugal\n\nCancelar subscrição  Gerir "
        "preferências"
    ),
    "hubspot pl": (
        "Acme Sp. z o.o., ul. Marszałkowska 1, 00-001 Warszawa, Polska\n\nWypisz się  "
        "Zarządzaj preferencjami"
    ),
    "mailerlite": (
        "Acme Inc.\n1 Main Street, Boston, MA 02110, United States\n\nYou received this "
        "email because you signed up on our website or made a purchase from us.\n\n"
        "Unsubscribe"
    ),
    "klaviyo es": (
        "¿Ya no quieres recibir estos correos? Darse de baja.\nAcme S.L. Calle Mayor 5 Madrid 28013"
    ),
    "klaviyo de": (
        "Sie möchten diese E-Mails nicht mehr erhalten? Abmelden.\nAcme GmbH "
        "Beispielstraße 12 Berlin 10115"
    ),
    "convertkit": "Unsubscribe | Update your profile | 1 Main Street, Boston, MA 02110",
    "substack": "© 2025 Acme\n1 Main Street, Boston, MA 02110\nUnsubscribe\n\nStart writing",
    "beehiiv": (
        "Update your email preferences or unsubscribe here\n\n© 2025 Acme\n\n1 Main "
        "Street, Boston, MA 02110"
    ),
    "sendgrid": "Unsubscribe - Unsubscribe Preferences",
    "campaign monitor": (
        "You're receiving this email because you subscribed to our newsletter.\n\n"
        "Unsubscribe\n\nAcme · 1 Main Street · Boston, MA 02110 · USA"
    ),
    "activecampaign": (
        "Acme Inc., 1 Main Street, Boston, MA 02110, USA\n\nUnsubscribe\n\nPowered by "
        "ActiveCampaign"
    ),
    "zoho campaigns de": (
        "Sie haben diese E-Mail erhalten, weil Sie sich für unseren Newsletter angemeldet "
        "haben.\nAbmelden | Einstellungen aktualisieren"
    ),
    "helpscout es": "Enviado a través de Help Scout",
    "freshdesk fr": "Ce courriel est un service de Acme Support. Fourni par Freshdesk",
    "zendesk it": "Questa email è un servizio di Acme Support. Fornito da Zendesk",
    "zendesk pt": "Este e-mail é um serviço de Acme Support. Fornecido por Zendesk",
    "zendesk nl": "Deze e-mail is een service van Acme Support. Geleverd door Zendesk",
    "zendesk ja": "このメールは Acme Support のサービスです。提供：Zendesk",
    "aweber": (
        "1 Main Street, Boston, MA 02110, United States\nUnsubscribe | Change Subscriber Options"
    ),
    "revue": (
        "If you were forwarded this newsletter and you like it, you can subscribe here.\n"
        "If you don't want these updates anymore, please unsubscribe here."
    ),
}


@pytest.mark.parametrize("name", sorted(SERVICES_APART))
def test_a_services_footer_set_apart_goes(name: str) -> None:
    """Sharing notices, notifications', marketing platforms' and helpdesks' footers in
    their translations (a company's name over its postal line, "Sie haben diese E-Mail
    erhalten, weil …", labels set apart by two spaces, "Fornecido por Zendesk"), which
    their programs set apart from the text by a blank line."""
    missed = misses({name: SERVICES_APART[name]}, under_line=False)
    assert not missed, "\n".join(missed)


# -- disclaimers under their titles and in more languages ----------------------------------
DISCLAIMERS = {
    "virus liability en": (
        "DISCLAIMER: Although we have taken steps to ensure that this email and any "
        "attachments are free from any virus, we advise that, in keeping with good "
        "computing practice, the recipient should ensure they are actually virus free."
    ),
    "haftung de": (
        "HAFTUNGSAUSSCHLUSS: Obwohl wir Maßnahmen ergriffen haben, um sicherzustellen, "
        "dass diese E-Mail und ihre Anhänge virenfrei sind, übernehmen wir keine Haftung "
        "für Schäden, die durch Viren entstehen."
    ),
    "menção pt": (
        "AVISO LEGAL: Esta mensagem pode conter informação confidencial ou privilegiada. "
        "Se não for o destinatário, não a deve usar, copiar ou divulgar."
    ),
    "ja title": (
        "【免責事項】\n"
        "このメールには機密情報が含まれている場合があります。誤って受信された場合は、送信"
        "者に連絡のうえ削除してください。"
    ),
    "zh title": (
        "免责声明：\n本邮件可能包含机密信息。如果您不是预期的收件人，请立即通知发件人并删除本邮件。"
    ),
    "ko title": (
        "[면책 조항]\n본 메일에는 기밀 정보가 포함되어 있을 수 있습니다. 수신자가 아닌 "
        "경우 발신자에게 알리고 삭제해 주십시오."
    ),
    "pl title": (
        "ZASTRZEŻENIE: Niniejsza wiadomość może zawierać informacje poufne. Jeżeli nie są "
        "Państwo jej adresatem, prosimy o powiadomienie nadawcy i usunięcie wiadomości."
    ),
    "cs title": (
        "UPOZORNĚNÍ: Tento e-mail může obsahovat důvěrné informace. Pokud nejste "
        "zamýšleným příjemcem, informujte prosím odesílatele a e-mail smažte."
    ),
    "fr legal long": (
        "Avertissement : Ce message et toutes les pièces jointes sont établis à "
        "l'intention exclusive de ses destinataires et sont confidentiels. Toute "
        "utilisation ou diffusion non autorisée est interdite.\n\nL'intégrité de ce "
        "message n'étant pas assurée sur Internet, Acme SAS ne peut être tenue responsable "
        "de son contenu."
    ),
    "it privacy": (
        "Ai sensi del Regolamento UE 2016/679 (GDPR), le informazioni contenute in questo "
        "messaggio sono riservate e destinate esclusivamente al destinatario."
    ),
    "es lopd": (
        "En cumplimiento del Reglamento (UE) 2016/679 de Protección de Datos, le "
        "informamos que sus datos personales serán tratados por Acme S.L. con la finalidad "
        "de gestionar la relación comercial. Puede ejercer sus derechos en "
        "privacidad@acme.example."
    ),
    "nl disclaimer": (
        "Disclaimer: De informatie in dit e-mailbericht is vertrouwelijk en uitsluitend "
        "bestemd voor de geadresseerde. Indien u dit bericht ten onrechte ontvangt, wordt "
        "u verzocht de inhoud niet te gebruiken."
    ),
    "sv": (
        "Detta e-postmeddelande kan innehålla konfidentiell information och är endast "
        "avsett för mottagaren. Om du har fått det av misstag, meddela avsändaren och "
        "radera meddelandet."
    ),
    "da": (
        "Denne e-mail kan indeholde fortrolige oplysninger og er kun beregnet til "
        "modtageren. Hvis du har modtaget den ved en fejl, bedes du underrette afsenderen "
        "og slette den."
    ),
    "no": (
        "Denne e-posten kan inneholde konfidensiell informasjon og er kun ment for "
        "mottakeren. Hvis du har mottatt den ved en feil, vennligst varsle avsenderen og "
        "slett den."
    ),
    "ro": (
        "Acest mesaj poate conține informații confidențiale și este destinat exclusiv "
        "destinatarului. Dacă l-ați primit din greșeală, vă rugăm să anunțați expeditorul "
        "și să îl ștergeți."
    ),
    "vi": (
        "Email này có thể chứa thông tin bảo mật và chỉ dành cho người nhận. Nếu bạn nhận "
        "được do nhầm lẫn, vui lòng thông báo cho người gửi và xóa email này."
    ),
    "id": (
        "Email ini mungkin berisi informasi rahasia dan hanya ditujukan untuk penerima. "
        "Jika Anda menerimanya karena kesalahan, harap beri tahu pengirim dan hapus email "
        "ini."
    ),
    "he": (
        "הודעה זו עשויה להכיל מידע חסוי ומיועדת לנמען בלבד. אם קיבלת אותה בטעות, אנא הודע "
        "לשולח ומחק אותה."
    ),
    "hi": (
        "यह ईमेल गोपनीय है और केवल प्राप्तकर्ता के लिए है। यदि आपको यह गलती से मिला है, तो "
        "कृपया प्रेषक को सूचित करें और इसे हटा दें।"
    ),
}


@pytest.mark.parametrize("name", sorted(DISCLAIMERS))
def test_a_disclaimer_under_its_title_goes(name: str) -> None:
    """A notice under its title ("【免責事項】", "[면책 조항]", "免责声明：", "ZASTRZEŻENIE:"),
    a company's word that it cannot warrant the mail free of viruses ("… we advise that
    the recipient should …", "… übernehmen wir keine Haftung …"), and notices in more
    languages, right under the last line too."""
    missed = misses({name: DISCLAIMERS[name]})
    assert not missed, "\n".join(missed)


# -- the client's own words -----------------------------------------------------------------

OWN = {
    "leave address": (
        "Hi,\n\nI sent a mail to office-leave@lists.acme.example twice but I still get the "
        "list's mail."
    ),
    "quotes mailman": (
        'Hi,\n\nyour mails end with "To unsubscribe send an email to '
        'office-leave@lists.acme.example" but that address bounces.'
    ),
    "quotes google groups de": (
        'Hallo,\n\nunter jeder Mail steht "Sie erhalten diese Nachricht, weil Sie in Google '
        'Groups abonniert haben", ich habe aber nie etwas abonniert.'
    ),
    "own list": (
        "Hi,\n\nthese users still cannot log in:\n\n- anna@client.example\n"
        "- ben@client.example\n- chris@client.example\n\nThanks,\nRuth"
    ),
    "own urls": (
        "Hi,\n\nthe broken pages:\nhttps://shop.client.example/cart\n"
        "https://shop.client.example/checkout"
    ),
    "own separator": (
        "Hi,\n\nthe log shows this:\n\n----------------------------------------\n"
        "ERROR 0x80070005 access denied\n----------------------------------------\n\n"
        "Can you check it?"
    ),
    "own stars": "Hi,\n\n**********\nURGENT: the tills are down\n**********\n\nPlease call me.",
    "own box": (
        "Hi,\n\nthe display shows:\n+---------------+\n| ERROR 42      |\n"
        "+---------------+\nWhat does it mean?"
    ),
    "printing question": (
        "Hi,\n\nbefore printing the labels, should we think about the environment and use "
        "recycled paper?"
    ),
    "printing fr": (
        "Bonjour,\n\navant d'imprimer les étiquettes, l'imprimante affiche une erreur "
        "d'environnement."
    ),
    "virus de": (
        "Hallo,\n\nunser Virenscanner meldet, dass Ihre letzte Rechnung einen Virus enthält. "
        "Ist das echt?"
    ),
    "not virus-free": (
        "Hi,\n\nAvast blocks your portal: it says www.acme.example is not virus-free."
    ),
    "confidential document": (
        "Hi,\n\nthe attached contract is confidential, please send it only to the intended "
        "recipient in your legal team."
    ),
    "unsubscribe es": (
        "Hola,\n\nquiero darme de baja de vuestra lista de correo, pero el enlace no funciona."
    ),
    "unsubscribe ja": (
        "お世話になっております。\n\nメールマガジンの配信停止をお願いしたいのですが、"
        "リンクが開けません。"
    ),
    "unsubscribe ru": "Здравствуйте,\n\nя хочу отписаться от рассылки, но ссылка не работает.",
    "sent via courier": "Hi,\n\nsent via courier this morning: the replacement router.",
    "teams sentence": (
        "Hi,\n\nI don't get the Teams notifications on iOS | Android since the update."
    ),
    "address block": (
        "Hi,\n\nplease send the new badge to:\nRuth Okafor\nClient Ltd\n12 Harbour Road\n"
        "Leeds LS1 4AB"
    ),
    "postal sentence": "Hi,\n\nplease deliver to Client Ltd, 12 Harbour Road, Leeds LS1 4AB, UK.",
    "own mailing list": (
        "Hi,\n\nwe are using Mailman 3 for our own mailing list -- users@client.example -- and "
        "it rejects your mails."
    ),
    "received because de": (
        "Hallo,\n\nich habe diese E-Mail erhalten, weil mein Kollege sie weitergeleitet hat. "
        "Was soll ich tun?"
    ),
    "two spaces": "Hallo,\n\ndas Abmelden  geht nicht",
    "preferences or unsubscribe": (
        "Hi,\n\nplease update my preferences or unsubscribe me, whichever is easier."
    ),
    "quotes a bar": (
        "Hi,\n\nthe footer says: Update your preferences or unsubscribe here. Both links are "
        "broken."
    ),
    "sent through a colleague": "Olá,\n\nenviado através de um colega: o relatório de maio.",
    "ship to a company": (
        "Hi,\n\nplease ship it to:\n\nAcme Inc.\n1 Main Street, Boston, MA 02110, United States"
    ),
    "do not want this version": (
        "Hi,\n\nyou do not want this version, it has the bug. Please unsubscribe from the beta "
        "channel."
    ),
    "logo copyright": "Hi,\n\nthe logo on the page says Acme © 2025 – Home",
    "virus-free question": (
        "Hi,\n\nis the installer really free from any virus? Our recipient list got a warning "
        "from the scanner."
    ),
    "my virus liability": (
        "Hi,\n\nI checked that the file is virus-free, so I take responsibility for it; please "
        "install it on the recipient's laptop."
    ),
    "heading in capitals": (
        "Hi,\n\nthe report is ready.\nURGENT\nThis message is for the finance team only."
    ),
    "topic or reply": (
        "Hi,\n\nshould I open a topic on the forum or reply to this email with the logs?"
    ),
}


@pytest.mark.parametrize("name", sorted(OWN))
def test_the_clients_own_words_stay(name: str) -> None:
    text = OWN[name]
    assert reply_text(text).rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


ABOVE = (LISTS["mm3 hyperkitty"], SERVICES["brevo en"], NOTICES["box ascii en"])


@pytest.mark.parametrize("name", sorted(OWN))
def test_the_clients_own_words_stay_above_a_footer(name: str) -> None:
    text = OWN[name]
    for footer in ABOVE:
        assert reply_text(f"{text}\n\n{footer}\n").rstrip() == text


# -- the client's postal address above a footer --------------------------------------------

UNSUBSCRIBE = (
    "Unsubscribe | Manage preferences",
    "You are receiving this email because you signed up at acme.example.\n"
    "Unsubscribe: https://news.acme.example/u/7f3a",
    "Sie erhalten diese E-Mail, weil Sie unseren Newsletter abonniert haben.\nAbmelden",
)
POSTAL = {
    "under the title": (
        "Hi,\n\nthe scanners fail again.\n\nKind regards,\nRuth Okafor\nOperations Manager\n"
        "Client Ltd, 12 Harbour Road, Leeds LS1 4AB, UK"
    ),
    "with the phone": (
        "Hi,\n\nthe scanners fail again.\n\nRuth Okafor | Client Ltd | 12 Harbour Road | "
        "Leeds LS1 4AB | +44 113 496 0000"
    ),
    "with the address": (
        "Hallo,\n\ndie Scanner fallen wieder aus.\n\nJonas Weber\n"
        "Kunde GmbH · Hafenstraße 3 · 20457 Hamburg · jonas.weber@kunde.example"
    ),
    "announced": (
        "Hallo,\n\nbitte schicken Sie das Gerät an unsere neue Adresse:\n\n"
        "Kunde GmbH · Hafenstraße 3 · 20457 Hamburg"
    ),
    "announced en": (
        "Hi,\n\nfrom Monday our delivery address is:\n\n"
        "Client Ltd, 12 Harbour Road, Leeds LS1 4AB, UK"
    ),
}


@pytest.mark.parametrize("name", sorted(POSTAL))
def test_the_clients_postal_line_above_an_unsubscribe_footer_stays(name: str) -> None:
    """The client's own address — under their name and title, beside their telephone or
    e-mail address, or announced by their sentence — stays when a newsletter's footer
    follows it; the sender's postal line set apart above its links goes (grid 6)."""
    text = POSTAL[name]
    alone = reply_text(f"{text}\n")
    for footer in UNSUBSCRIBE:
        assert reply_text(f"{text}\n\n{footer}\n") == alone, footer


def test_the_senders_postal_line_above_its_links_still_goes() -> None:
    text = "Hi,\n\nthe scanners fail again.\n\nThanks,\nRuth"
    footer = "Acme Inc., 1 Main Street, Boston, MA 02110, United States\n\n" + UNSUBSCRIBE[0]
    assert reply_text(f"{text}\n\n{footer}\n") == reply_text(f"{text}\n")


# -- whole mails -------------------------------------------------------------------------------

LIST_HEADERS = (
    "List-Id: Office <office.lists.acme.example>\r\n"
    "List-Post: <mailto:office@lists.acme.example>\r\n"
    "List-Unsubscribe: <mailto:office-leave@lists.acme.example>\r\n"
    "Precedence: list\r\n"
)
SIGNED = "Hi,\n\nthe warehouse scanners lose their Wi-Fi every afternoon.\n\nThanks,\nNoor Haddad"
WHOLE = {
    "mm3 hyperkitty": LISTS["mm3 hyperkitty"],
    "mm3 ja": LISTS["mm3 ja"],
    "sympa fr": LISTS["sympa fr"],
    "listserv classic": LISTS["listserv classic"],
    "groups.io plain": LISTS["groups.io plain"],
    "gg ko": LISTS["gg ko"],
    "discourse fr": LISTS["discourse fr"],
    "brevo de": SERVICES["sendinblue de"],
    "avg old fr": SCANNERS["avg old fr"],
    "box unicode de": NOTICES["box unicode de"],
    "env ja": ENVIRONMENT["env ja"],
}


@pytest.mark.parametrize("name", sorted(WHOLE))
def test_a_whole_mail_reads_as_the_clients_words(name: str) -> None:
    footer = WHOLE[name]
    for body in (f"{SIGNED}\n\n{footer}\n", f"{SIGNED}\n\n{QUOTE}\n\n{footer}\n"):
        alone = body.split(footer)[0]
        want = parse_message(plain_mail(alone, LIST_HEADERS)).reply_text
        assert parse_message(plain_mail(body, LIST_HEADERS)).reply_text == want
        head = "From: Noor Haddad <noor@client.example>\r\nSubject: Re: Wi-Fi\r\n"
        qp = parse_message(grid.text_mail(body, head, encoding="quoted-printable"))
        assert qp.reply_text == parse_message(grid.text_mail(alone, head)).reply_text


HTML_FOOTERS = {
    "mailchimp centred table": (
        '<table role="presentation" width="100%"><tr><td align="center" '
        'style="font-size:12px"><em>Copyright © 2025 Acme, All rights reserved.</em><br>'
        "You are receiving this email because you opted in via our website.<br><br>"
        "<strong>Our mailing address is:</strong><br>Acme Inc.<br>1 Main Street<br>"
        "Boston, MA 02110<br><br>Want to change how you receive these emails?<br>You can "
        '<a href="https://x.us21.list-manage.com/profile">update your preferences</a> or '
        '<a href="https://x.us21.list-manage.com/unsubscribe">unsubscribe from this list</a>.'
        "</td></tr></table>"
    ),
    "brevo": (
        '<div style="font-size:11px;color:#777"><p>Diese E-Mail wurde an noor@client.example '
        "gesendet.</p><p>Sie haben diese E-Mail erhalten, weil Sie unseren Newsletter "
        'abonniert haben.</p><p><a href="https://r.brevo.example/unsub">Abmelden</a></p></div>'
    ),
    "avast table fr": (
        '<br><table style="border-top:1px solid #D3D4DE"><tr><td style="width:55px"><a '
        'href="https://www.avast.com/sig-email"><img src="https://ipmcdn.avast.com/images/'
        'icons/icon-envelope-tick-round-orange-animated-no-repeat-v1.gif" width="46" '
        'height="29"></a></td><td style="width:470px">Sans virus.<a '
        'href="https://www.avast.com/sig-email">www.avast.com</a></td></tr></table>'
    ),
    "notice in a bordered cell": (
        '<table border="1" cellpadding="6"><tr><td style="font-size:9px">AVISO DE '
        "CONFIDENCIALIDAD: Este mensaje y sus anexos son confidenciales y están dirigidos "
        "exclusivamente a su destinatario. Si lo ha recibido por error, comuníquelo al "
        "remitente y elimínelo.</td></tr></table>"
    ),
    "environment leaf": (
        '<p><span style="font-family:Webdings;color:green">P</span> <span '
        'style="color:green">Bitte denken Sie an die Umwelt, bevor Sie diese E-Mail '
        "ausdrucken.</span></p>"
    ),
    "hubspot": (
        '<div style="text-align:center;font-size:12px">Acme GmbH, Beispielstraße 12, 10115 '
        'Berlin, Deutschland<br><br><a href="https://hs.example/u">Abmelden</a>&nbsp;&nbsp;'
        '<a href="https://hs.example/p">Einstellungen verwalten</a></div>'
    ),
    "teams": (
        '<table><tr><td><a href="https://teams.microsoft.com/l/message/1">Reply in Teams</a>'
        '</td></tr></table><p style="font-size:11px">Install Microsoft Teams now</p><p><a '
        'href="https://aka.ms/ios">iOS</a> | <a href="https://aka.ms/android">Android</a></p>'
        '<p style="font-size:11px">This email was sent from an unmonitored mailbox. Update '
        "your email preferences in Teams. Activity &gt; Settings (Gear Icon) &gt; "
        'Notifications</p><p style="font-size:11px">Microsoft Corporation, One Microsoft '
        'Way, Redmond, WA 98052 USA</p><p><a href="https://go.microsoft.com/privacy">Read '
        "our privacy policy</a></p>"
    ),
    "mailman 3": (
        "<div>_______________________________________________<br>Office mailing list -- "
        "office@lists.acme.example<br>To unsubscribe send an email to "
        "office-leave@lists.acme.example</div>"
    ),
}


@pytest.mark.parametrize("name", sorted(HTML_FOOTERS))
def test_an_html_only_mail_reads_without_its_footer(name: str) -> None:
    want = parse_message(html_only_mail(SIGNED)).reply_text
    assert parse_message(html_only_mail(SIGNED, HTML_FOOTERS[name])).reply_text == want


# -- an e-signature request that names its sender in its heading ---------------------------

SIGN = {
    "de über": (
        "=?utf-8?q?Jonas_Weber_=C3=BCber_DocuSign?= <dse@docusign.example>",
        "Jonas Weber hat Ihnen ein Dokument zur Überprüfung und Unterzeichnung gesendet.\n\n"
        "DOKUMENT ÜBERPRÜFEN\n\nJonas Weber\njonas.weber@kunde.example\n\n{m}\n\n"
        "Diese E-Mail nicht weiterleiten\nDiese E-Mail enthält einen sicheren Link zu DocuSign. "
        "Bitte geben Sie diesen Link nicht an andere weiter.",
        "Hallo, anbei der Vertrag zur Unterschrift. Bitte bis Freitag zurücksenden.",
    ),
    "fr via": (
        "Claire Dubois via Yousign <noreply@yousign.example>",
        "Claire Dubois vous invite à signer le document « Contrat 2025 ».\n\n"
        "Message de Claire Dubois :\n{m}\n\nSIGNER LE DOCUMENT\n\n"
        "Ne transférez pas cet e-mail : il contient un lien personnel.\n\n"
        "Yousign SAS, 8 Rue du Port, 14000 Caen, France",
        "Bonjour, le document est prêt, merci de le signer avant lundi.",
    ),
    "es vía": (
        "=?utf-8?q?Luc=C3=ADa_Mart=C3=ADn_v=C3=ADa_Firmado?= <no-reply@firmado.example>",
        "Lucía Martín le ha enviado un documento para revisar y firmar.\n\nREVISAR DOCUMENTO\n\n"
        "{m}\n\nNo reenvíe este correo electrónico: contiene un enlace seguro.\n\n"
        "Firmado S.L., Calle Mayor 5, 28013 Madrid, España",
        "Hola, os envío el contrato de mantenimiento; necesitamos la firma antes del viernes.",
    ),
}


@pytest.mark.parametrize("name", sorted(SIGN))
def test_a_signature_requests_heading_naming_its_sender_is_not_the_message(name: str) -> None:
    """The service's line that names the sender in the third person ("Jonas Weber hat
    Ihnen ein Dokument … gesendet.") is its heading, not the sender's words, even when
    their message is shorter; the sender is read from a From the service wrote in its
    language ("Jonas Weber über DocuSign", "… vía Firmado")."""
    sender, template, message = SIGN[name]
    mail = plain_mail(template.replace("{m}", message), "", sender)
    assert parse_message(mail).reply_text == message


def test_a_persons_one_line_message_naming_themselves_stays() -> None:
    sender = "Claire Dubois via Yousign <noreply@yousign.example>"
    text = "Claire Dubois from accounting will sign the contract on Monday."
    assert parse_message(plain_mail(text, "", sender)).reply_text == text


# -- notifications: an item's intro with its link, a name over the time -------------------

NOTIFIED = {
    "marketplace fr": (
        "Vinted <no-reply@vinted.example>",
        "Bonjour boutique_ania,\n\nmarc_k t'a envoyé un message à propos de : Veste d'hiver\n"
        "https://www.vinted.example/items/987654\n\n{m}\n\n"
        "Répondre : https://www.vinted.example/inbox/55555\n\nNe réponds pas à cet e-mail.\n"
        "Vinted, UAB, Švitrigailos g. 13, Vilnius, Lituanie",
        "Bonjour, l'article est-il toujours disponible ? Je peux venir le chercher samedi.",
    ),
    "chat de": (
        "Microsoft Teams <noreply@email.teams.example>",
        "Jonas Weber hat Ihnen eine Nachricht gesendet\n\nJonas Weber\n10:42\n{m}\n\n"
        "In Teams antworten\nhttps://teams.example/l/message/1\n\n"
        "Microsoft Teams jetzt installieren\niOS | Android\n\n"
        "Diese E-Mail wurde von einem nicht überwachten Postfach gesendet.\n"
        "Microsoft Corporation, One Microsoft Way, Redmond, WA 98052 USA",
        "Hallo, könnt ihr bitte den Drucker im 2. OG prüfen? Er druckt nur noch leere Seiten.",
    ),
}


@pytest.mark.parametrize("name", sorted(NOTIFIED))
def test_a_notifications_introduction_and_stamp_go(name: str) -> None:
    """A marketplace's introduction with the item after its colon and the item's link
    under it, and a chat's author over the time on a line of its own, go above the
    person's message."""
    sender, template, message = NOTIFIED[name]
    mail = plain_mail(template.replace("{m}", message), "", sender)
    assert parse_message(mail).reply_text == message
