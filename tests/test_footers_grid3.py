"""A third grid of footers and banners: the shapes the first two grids
(``test_footers_grid.py``, ``test_footers_grid2.py``) do not hold.

- what servers and gateways put above the text: Proofpoint's banner between its
  markers, INKY's, Microsoft 365's "Some people who received this message …" tip,
  warnings of mail from outside in more languages;
- newsletters' and services' footers in the languages they are translated to:
  Discourse's mailing-list mode, Mailchimp's, helpdesks' "This email is a service
  from …" and rating questions, trackers' "Reply via email to comment …" lines;
- unsubscribe lines, "consider the environment before printing" lines and
  companies' register blocks (Handelsregister, RCS, KvK, CVR, IČO …) in some twenty
  European languages and a few Asian ones;
- more phones' and mail programs' footers (Outlook mobile in other languages,
  carriers' and webmails' apps).

Each footer is tried under the client's text, under their signature, under the quote
they answered above, under their text written below the quote, and right under their
last line where a program appends it so; each banner above the text and above a reply
with its quote.  Whole mails are written as the programs send them (charset, transfer
encoding, ``format=flowed``, a text and an HTML alternative), and what the client
wrote must read the same with the footer or the banner as without it.  A client's own
sentence that mentions unsubscribing, printing, the environment, a register number,
an outside sender or a reply by mail stays.
"""

from __future__ import annotations

import textwrap
from email.header import Header
from functools import cache

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support import footer_grid as grid

# -- what clients write ------------------------------------------------------------------

CLIENTS = {
    "en": (
        "Hello,\n\nThe label printer in dispatch stopped printing barcodes after this "
        "morning's update. Could someone look at it today?\n\nKind regards,\nNadia Brooks"
    ),
    "de": (
        "Guten Tag,\n\nunser VPN-Zugang für die Außendienstler funktioniert seit heute "
        "früh nicht mehr. Bitte melden Sie sich kurz.\n\nMit freundlichen Grüßen\n"
        "Jörg Hansen"
    ),
    "fr": (
        "Bonjour,\n\nles factures du mois d'avril n'apparaissent pas dans l'espace client. "
        "Pouvez-vous vérifier ?"
    ),
    "es": (
        "Hola,\n\nla tablet del almacén no sincroniza los pedidos desde el lunes.\n\n"
        "¿Pueden revisarlo hoy?"
    ),
    "sv": (
        "Hej,\n\nskrivaren på andra våningen skriver ut tomma sidor sedan i går.\n\n"
        "Med vänliga hälsningar\nKarin Lund"
    ),
    "cs": (
        "Dobrý den,\n\nod pondělí nám nefunguje přihlášení do docházkového systému. "
        "Můžete to prosím prověřit?\n\nS pozdravem\nPetr Dvořák"
    ),
    "it": "Buongiorno, il portale fornitori non accetta più il caricamento delle fatture.",
}

# The name each client's From field gives, which they sign with.
WRITERS = {
    "en": "Nadia Brooks",
    "de": "Jörg Hansen",
    "sv": "Karin Lund",
    "cs": "Petr Dvořák",
}
# The quote a client answers above: Gmail's attribution and the quoted lines.
QUOTE = (
    "On Tue, 3 Jun 2025 at 14:05, Acme Support <support@acme.example> wrote:\n"
    "> Hello,\n>\n> could you send us a screenshot of the error?\n>\n> Acme Support"
)
GRID = grid.Clients(CLIENTS, WRITERS, QUOTE)


def banner_misses(banners: dict[str, str]) -> list[str]:
    """Each banner above each client's text, and above their reply with its quote, that
    does not read as the client's text alone."""
    missed: list[str] = []
    for name, banner in banners.items():
        for client, text in CLIENTS.items():
            writer = WRITERS.get(client, "")
            for where, body in (("text", text), ("reply", f"{text}\n\n{QUOTE}")):
                got = reply_text(f"{banner}\n\n{body}\n", writer=writer)
                if got != grid.read_alone(f"{body}\n", writer):
                    missed.append(f"{name} / {client} / {where}: {got[:160]!r}")
    return missed


# -- unsubscribe lines in more languages ----------------------------------------------------

U = "https://news.acme.example/u/7f3a"
UNSUBSCRIBE = {
    "da": f"Afmeld nyhedsbrevet her: {U}",
    "no": f"Meld deg av nyhetsbrevet: {U}",
    "fi": f"Peruuta uutiskirjeen tilaus: {U}",
    "cs": f"Odhlásit odběr novinek: {U}",
    "sk": f"Odhlásiť odber noviniek: {U}",
    "hu": f"Leiratkozás a hírlevélről: {U}",
    "ro": f"Dezabonare de la newsletter: {U}",
    "tr": f"E-posta aboneliğinden çıkmak için tıklayın: {U}",
    "el": f"Διαγραφή από τη λίστα αλληλογραφίας: {U}",
    "uk": f"Відписатися від розсилки: {U}",
    "bg": f"Отписване от бюлетина: {U}",
    "hr": f"Odjava s newslettera: {U}",
    "sl": f"Odjava od prejemanja e-novic: {U}",
    "ca": f"Donar-se de baixa del butlletí: {U}",
    "lt": f"Atsisakyti naujienlaiškio: {U}",
    "et": f"Loobu uudiskirjast: {U}",
    "vi": f"Hủy đăng ký nhận bản tin: {U}",
    "id": f"Berhenti berlangganan: {U}",
    "sv": f"Avregistrera dig från nyhetsbrevet: {U}",
    "ko": f"수신거부: {U}",
    "ru": f"Отписаться от рассылки: {U}",
}

# -- "consider the environment before printing" -----------------------------------------------

ENVIRONMENT = {
    "sv": "Tänk på miljön innan du skriver ut detta e-postmeddelande.",
    "da": "Tænk på miljøet, før du udskriver denne e-mail.",
    "no": "Tenk på miljøet før du skriver ut denne e-posten.",
    "fi": "Ajattele ympäristöä ennen kuin tulostat tämän sähköpostiviestin.",
    "cs": "Myslete na životní prostředí, než vytisknete tento e-mail.",
    "sk": "Myslite na životné prostredie skôr, ako vytlačíte tento e-mail.",
    "hu": "Kérjük, gondoljon a környezetre, mielőtt kinyomtatja ezt az e-mailt!",
    "ro": "Vă rugăm să vă gândiți la mediu înainte de a tipări acest e-mail.",
    "tr": "Lütfen bu e-postayı yazdırmadan önce çevreyi düşünün.",
    "el": "Παρακαλούμε σκεφτείτε το περιβάλλον πριν εκτυπώσετε αυτό το e-mail.",
    "ca": "Abans d'imprimir aquest correu electrònic, pensa en el medi ambient.",
    "hr": "Molimo razmislite o okolišu prije ispisa ove poruke.",
    "uk": "Будь ласка, подумайте про довкілля, перш ніж друкувати цей лист.",
    "ja": "環境保護のため、このメールの印刷はお控えください。",
    "zh": "为了保护环境，请勿打印此邮件。",
    "en unless necessary": "Save a tree. Don't print this e-mail unless it's really necessary.",
    "de notwendig": "Bitte prüfen Sie, ob der Ausdruck dieser E-Mail wirklich notwendig ist.",
    "fr nécessité": "Merci de n'imprimer ce courriel qu'en cas de nécessité.",
    "es necesario": "No imprima este correo si no es necesario. Protejamos el medio ambiente.",
    "it necessario": "Rispetta l'ambiente: non stampare questa e-mail se non è necessario.",
    "pl konieczne": "Chroń środowisko – nie drukuj tej wiadomości, jeśli nie jest to konieczne.",
}

# -- a company's register block, as mail servers stamp it under every message ------------------

REGISTER = {
    "be": "Peeters NV – Meir 1 – 2000 Antwerpen – BTW BE 0123.456.789 – RPR Antwerpen",
    "lu": (
        "Muller S.à r.l. – 2, rue de la Gare, L-1611 Luxembourg – R.C.S. Luxembourg "
        "B123456 – TVA LU12345678"
    ),
    "pt": (
        "Silva & Filhos, Lda. · NIPC 501234567 · Capital Social 50.000 € · Matriculada na "
        "Conservatória do Registo Comercial de Lisboa"
    ),
    "cs": (
        "Novák s.r.o., Národní 1, 110 00 Praha 1\nIČO: 12345678, DIČ: CZ12345678, zapsaná "
        "v obchodním rejstříku vedeném Městským soudem v Praze, oddíl C, vložka 123456"
    ),
    "sk": (
        "Horváth s.r.o., IČO: 12345678, DIČ: 2012345678, IČ DPH: SK2012345678, zapísaná v "
        "Obchodnom registri Okresného súdu Bratislava I, oddiel Sro, vložka 12345/B"
    ),
    "se": "Svensson AB · Org.nr 556123-4567 · Styrelsens säte: Stockholm",
    "no": "Hansen AS · Org.nr. 912 345 678 MVA · Karl Johans gate 1, 0154 Oslo",
    "fi": "Virtanen Oy · Y-tunnus 1234567-8 · Kotipaikka Helsinki",
    "hu": (
        "Kovács Kft. · Cégjegyzékszám: 01-09-123456 · Adószám: 12345678-2-42 · Székhely: "
        "1051 Budapest, Nádor utca 1."
    ),
    "ro": "Popescu SRL · CUI RO12345678 · Nr. Reg. Com. J40/1234/2015 · Capital social 200 lei",
    # The ones the rules read already, in the layouts their countries' servers write.
    "de": (
        "Muster GmbH · Hauptstraße 1 · 10115 Berlin\nSitz der Gesellschaft: Berlin · "
        "Registergericht: Amtsgericht Charlottenburg, HRB 123456 B\nGeschäftsführer: Max "
        "Muster, Erika Muster · USt-IdNr.: DE123456789"
    ),
    "at": (
        "Muster GmbH | Firmenbuchnummer: FN 123456a | Firmenbuchgericht: Handelsgericht "
        "Wien | UID: ATU12345678"
    ),
    "nl": ("Jansen B.V. | Keizersgracht 1 | 1015 CC Amsterdam\nKvK 12345678 | BTW NL123456789B01"),
    "fr": (
        "Dupont SAS au capital de 50 000 € – 12 rue de la Paix, 75002 Paris\nRCS Paris "
        "123 456 789 – SIRET 123 456 789 00012 – TVA intracommunautaire FR12 123456789"
    ),
    "it": (
        "Rossi S.r.l. – Via Roma 1, 20121 Milano – Capitale sociale € 10.000 i.v.\n"
        "REA MI-1234567 – C.F. e P.IVA 01234567890"
    ),
    "es": (
        "García Suministros S.L. – CIF B12345678 – Inscrita en el Registro Mercantil de "
        "Madrid, Tomo 1234, Folio 56, Hoja M-78901"
    ),
    "pl": (
        "Kowalski Sp. z o.o., ul. Marszałkowska 1, 00-001 Warszawa\nSąd Rejonowy dla m.st. "
        "Warszawy, XII Wydział Gospodarczy KRS 0000123456, NIP 123-456-78-90, REGON 123456789"
    ),
    "uk": (
        "Northwind Supplies Ltd is a company registered in England and Wales with company "
        "number 01234567. Registered office: 12 Harbour Road, Leeds LS1 4AB."
    ),
}

# -- newsletters' and services' footers in their translations ---------------------------------

TOPIC = "https://forum.acme.example/t/label-printer/4711/3"
STOP = "https://forum.acme.example/email/unsubscribe/9c1e"
# Discourse's mailing-list mode: the respond instructions and the unsubscribe link under a
# rule, in markdown as its text part writes them.
DISCOURSE = {
    "de": (
        f"---\n[Besuche das Thema]({TOPIC}) oder antworte auf diese E-Mail, um zu "
        f"antworten.\n\nUm diese E-Mails abzubestellen, [klicke hier]({STOP})."
    ),
    "fr": (
        f"---\n[Consultez le sujet]({TOPIC}) ou répondez à cet e-mail pour répondre.\n\n"
        f"Pour vous désabonner de ces e-mails, [cliquez ici]({STOP})."
    ),
    "es": (
        f"---\n[Visita el tema]({TOPIC}) o responde a este correo electrónico para "
        f"responder.\n\nPara cancelar la suscripción a estos correos electrónicos, [haz clic "
        f"aquí]({STOP})."
    ),
    "it": (
        f"---\n[Visita l'argomento]({TOPIC}) o rispondi a questa e-mail per rispondere.\n\n"
        f"Per annullare l'iscrizione a queste e-mail, [clicca qui]({STOP})."
    ),
    "pt": (
        f"---\n[Acesse o tópico]({TOPIC}) ou responda a este e-mail para responder.\n\n"
        f"Para cancelar a inscrição nestes e-mails, [clique aqui]({STOP})."
    ),
    "nl": (
        f"---\n[Bezoek het topic]({TOPIC}) of beantwoord deze e-mail om te reageren.\n\n"
        f"Om je af te melden voor deze e-mails, [klik hier]({STOP})."
    ),
    "pl": (
        f"---\n[Odwiedź temat]({TOPIC}) lub odpowiedz na ten e-mail, aby odpowiedzieć.\n\n"
        f"Aby zrezygnować z subskrypcji tych e-maili, [kliknij tutaj]({STOP})."
    ),
    "ru": (
        f"---\n[Перейдите к теме]({TOPIC}) или ответьте на это письмо.\n\n"
        f"Чтобы отписаться от этих писем, [нажмите здесь]({STOP})."
    ),
    "sv": (
        f"---\n[Besök ämnet]({TOPIC}) eller svara på det här e-postmeddelandet för att "
        f"svara.\n\nFör att avsluta prenumerationen på dessa e-postmeddelanden, [klicka "
        f"här]({STOP})."
    ),
    "de from html": (
        f"---\nBesuche das Thema ({TOPIC}) oder antworte auf diese E-Mail, um zu antworten."
        f"\n\nUm diese E-Mails abzubestellen, klicke hier ({STOP})."
    ),
}

LIST_MANAGE = "https://northwind.us1.list-manage.example"
MAILCHIMP = {
    "es": (
        "Copyright © 2025 Northwind S.L., Todos los derechos reservados.\n\n"
        "Nuestra dirección postal es:\nNorthwind S.L.\nCalle Mayor 5\n28013 Madrid\n\n"
        "¿Quiere cambiar la forma en que recibe estos correos electrónicos?\n"
        f"Puede actualizar sus preferencias ({LIST_MANAGE}/profile?u=ab) o darse de baja "
        f"de esta lista ({LIST_MANAGE}/unsubscribe?u=ab)."
    ),
    "it": (
        "Copyright © 2025 Northwind Srl, Tutti i diritti riservati.\n\n"
        "Il nostro indirizzo postale è:\nNorthwind Srl\nVia Roma 1\n20121 Milano\n\n"
        "Vuoi cambiare il modo in cui ricevi queste email?\n"
        f"Puoi aggiornare le tue preferenze ({LIST_MANAGE}/profile?u=ab) o annullare "
        f"l'iscrizione a questa lista ({LIST_MANAGE}/unsubscribe?u=ab)."
    ),
    "nl": (
        "Copyright © 2025 Northwind BV, Alle rechten voorbehouden.\n\n"
        "Ons postadres is:\nNorthwind BV\nKeizersgracht 1\n1015 CC Amsterdam\n\n"
        "Wil je wijzigen hoe je deze e-mails ontvangt?\n"
        f"Je kunt je voorkeuren bijwerken ({LIST_MANAGE}/profile?u=ab) of je afmelden "
        f"voor deze lijst ({LIST_MANAGE}/unsubscribe?u=ab)."
    ),
    "pt": (
        "Copyright © 2025 Northwind Lda., Todos os direitos reservados.\n\n"
        "O nosso endereço postal é:\nNorthwind Lda.\nRua Augusta 1\n1100-048 Lisboa\n\n"
        "Quer alterar a forma como recebe estes e-mails?\n"
        f"Pode atualizar as suas preferências ({LIST_MANAGE}/profile?u=ab) ou cancelar a "
        f"inscrição desta lista ({LIST_MANAGE}/unsubscribe?u=ab)."
    ),
    "substack": (
        "© 2025 Jane Doe\n548 Market Street PMB 72296, San Francisco, CA 94104\n"
        "Unsubscribe https://janedoe.substack.example/action/disable_email\n\n"
        "Start writing https://substack.example/signup"
    ),
}

SERVICES = {
    # Helpdesks' closing line under an agent's reply, as they translate it.
    "zendesk de": ("Diese E-Mail ist ein Service von Acme Support. Bereitgestellt von Zendesk"),
    "zendesk fr": "Cet e-mail est un service de Acme Support. Fourni par Zendesk",
    "zendesk es": (
        "Este correo electrónico es un servicio de Acme Support. Con tecnología de Zendesk"
    ),
    "zendesk it": "Questa e-mail è un servizio di Acme Support. Fornito da Zendesk",
    "zendesk nl": "Deze e-mail is een service van Acme Support. Geleverd door Zendesk",
    "freshdesk fr": "Ce courriel est un service de Acme Support. Fourni par Freshdesk",
    # Help Scout's rating question, its answers each beside its link.
    "help scout de": (
        "Wie würden Sie meine Antwort bewerten?\n"
        "Sehr gut https://secure.helpscout.example/satisfaction/1/great\n"
        "Okay https://secure.helpscout.example/satisfaction/1/okay\n"
        "Nicht gut https://secure.helpscout.example/satisfaction/1/not-good"
    ),
    "help scout fr": (
        "Comment évalueriez-vous ma réponse ?\n"
        "Très bien https://secure.helpscout.example/satisfaction/1/great\n"
        "Correct https://secure.helpscout.example/satisfaction/1/okay\n"
        "Pas bien https://secure.helpscout.example/satisfaction/1/not-good"
    ),
    # Trackers' and code hosts' instructions under a comment.
    "trello": (
        "Reply via email to comment on this card. Attachments will be added to the card.\n\n"
        "You are receiving this email because you are a member of this card. Change "
        "notification settings: https://trello.example/my/settings"
    ),
    "bitbucket": (
        "View this pull request or add a comment by replying to this email.\n\n"
        "Unsubscribe from pull request notifications: https://bitbucket.example/account/"
        "notifications"
    ),
    "monday": (
        "Reply to this email to reply on monday.com\n\n"
        "Unsubscribe from these notifications: https://acme.monday.example/unsubscribe"
    ),
    "confluence": (
        "Stop watching space · Manage notifications\n\n"
        "This message was sent by Atlassian Confluence 8.5.1"
    ),
    "jira service management": (
        "View request · Turn off this request's notifications\n\n"
        "This is shared with Acme IT.\n\n"
        "Help center, powered by Jira Service Management, sent you this message."
    ),
    "gitea": (
        "-- \nReply to this email directly or view it on Gitea: "
        "https://git.acme.example/acme/app/issues/12#issuecomment-1\n"
        "You are receiving this because you are watching this repository."
    ),
    "teams": (
        "Reply in Teams: https://teams.microsoft.example/l/message/19/1\n\n"
        "You are receiving this email because you have unread messages in Microsoft "
        "Teams. Turn off these emails in Teams settings."
    ),
    "brevo fr": (
        "Cet e-mail a été envoyé à client@client.example\nVous avez reçu cet e-mail car "
        "vous vous êtes inscrit sur Northwind.\n\nSe désinscrire"
    ),
    "phplist": (
        "--\n\nThis message was sent to client@client.example by news@acme.example\n"
        "To forward this message, please do not use the forward button of your email "
        "application, because this message was made specifically for you only. Instead use "
        "the forward page in our newsletter system.\nTo change your details and to choose "
        "which lists to be subscribed to, visit your personal preferences page: "
        "https://news.acme.example/lists/?p=preferences&uid=4f2a\nOr you can opt-out "
        "completely from all future mailings: "
        "https://news.acme.example/lists/?p=unsubscribe&uid=4f2a"
    ),
    "microsoft 365 group de": (
        "Sie erhalten diese Nachricht, weil Sie Mitglied der Gruppe „Support Partner“ von "
        "Acme sind. Wenn Sie keine Nachrichten mehr von dieser Gruppe erhalten möchten, "
        "verlassen Sie die Gruppe oder hören Sie in Ihrem Posteingang auf, ihr zu folgen."
    ),
    "google workspace group": (
        "--\nYou received this message because you are subscribed to the Google Groups "
        '"Support" group.\nTo unsubscribe from this group and stop receiving emails from '
        "it, send an email to support+unsubscribe@acme.example.\nTo view this discussion "
        "visit https://groups.google.com/a/acme.example/d/msgid/support/CAF7x2q."
    ),
}

# Services' lines in the languages their senders write them in: why the reader gets the
# mail, that it was sent automatically, the helpdesk it was powered by, a company's word
# on privacy above its address.
SERVICE_LINES = {
    "why sv": "Du får det här e-postmeddelandet eftersom du är kund hos Svensson AB.",
    "why da": "Du modtager denne e-mail, fordi du er kunde hos Hansen ApS.",
    "why cs": "Tento e-mail jste obdrželi, protože jste zákazníkem společnosti Novák s.r.o.",
    "why fi": "Saat tämän sähköpostin, koska olet Virtanen Oy:n asiakas.",
    "why tr": "Bu e-postayı, Yılmaz A.Ş. müşterisi olduğunuz için alıyorsunuz.",
    "why hu": "Ezt az e-mailt azért kapja, mert a Kovács Kft. ügyfele.",
    "automatic sv": "Detta meddelande har skickats automatiskt.",
    "automatic da": "Denne e-mail er sendt automatisk.",
    "automatic no": "Denne e-posten er sendt automatisk.",
    "automatic cs": "Tento e-mail byl vygenerován automaticky.",
    "automatic hu": "Ez egy automatikusan generált üzenet.",
    "automatic tr": "Bu e-posta otomatik olarak gönderilmiştir.",
    "automatic fi": "Tämä viesti on lähetetty automaattisesti.",
    "powered de": "Bereitgestellt von Zendesk",
    "powered fr": "Fourni par Zendesk",
    "powered es": "Con tecnología de Zendesk",
    "powered pt": "Desenvolvido por Zendesk",
    "powered nl": "Mogelijk gemaakt door Freshdesk",
    "privacy": (
        "Microsoft respects your privacy. To learn more, please read our Privacy Statement.\n"
        "Microsoft Corporation, One Microsoft Way, Redmond, WA 98052"
    ),
    "privacy de": (
        "Microsoft respektiert Ihre Privatsphäre. Weitere Informationen finden Sie in unseren "
        "Datenschutzbestimmungen.\nMicrosoft Corporation, One Microsoft Way, Redmond, WA 98052"
    ),
    "zoom": (
        "Zoom Video Communications, Inc.\n55 Almaden Blvd, San Jose, CA 95113\n"
        "©2025 Zoom - All Rights Reserved"
    ),
    "dropbox": "© 2025 Dropbox\nDropbox, Inc., PO Box 77767, San Francisco, CA 94107",
}


def test_services_lines_in_more_languages_go() -> None:
    missed = GRID.misses(SERVICE_LINES, under_line=False)
    assert not missed, "\n".join(missed)


# -- phones' and mail programs' footers ------------------------------------------------------

APPS = {
    # Outlook mobile's footer in the languages it is translated to.
    **{
        f"outlook {code}": f"{words}<https://aka.ms/AAb9ysg>"
        for code, words in {
            "pt": "Obter o Outlook para Android",
            "it": "Scarica Outlook per Android",
            "nl": "Outlook voor Android downloaden",
            "pl": "Pobierz aplikację Outlook dla systemu Android",
            "ru": "Получить Outlook для Android",
            "da": "Hent Outlook til Android",
            "fi": "Hanki Outlook for Android",
            "cs": "Stáhněte si Outlook pro Android",
            "tr": "Android için Outlook'u edinin",
            "zh": "获取 Outlook for Android",
            "ko": "Android용 Outlook 받기",
            "el": "Λήψη του Outlook για Android",
            "ro": "Obțineți Outlook pentru Android",
            "uk": "Отримати Outlook для Android",
        }.items()
    },
    "outlook ios zh-tw": "取得 iOS 版 Outlook<https://aka.ms/o0ukef>",
    "outlook web": "Sent from Outlook<http://aka.ms/weboutlook>",
    # Carriers' and webmails' apps.
    "at&t": "Sent via the Samsung Galaxy S23, an AT&T 5G smartphone",
    "t-mobile": "Sent from my T-Mobile 4G LTE Device",
    "xfinity": "Sent from Xfinity Connect Application",
    "bluemail": "Get BlueMail for Android",
    "zoho": "Sent using Zoho Mail",
    "mymail": "Sent from myMail for iOS",
    "edison": "Sent from Edison Mail",
    "galaxy fr": "Envoyé de mon Galaxy",
    "huawei es": "Enviado desde mi Huawei",
    "gmx": "Gesendet mit der GMX Mail App",
    "seznam": "Odesláno z aplikace Seznam Email",
    "libero": "Inviato da Libero Mail per Android",
    "netease": "来自网易邮箱大师",
    "qq": "发自我的QQ邮箱",
    "yandex": "Отправлено из мобильного приложения Яндекс Почты",
}


def test_unsubscribe_lines_in_more_languages_go() -> None:
    missed = GRID.misses(UNSUBSCRIBE)
    assert not missed, "\n".join(missed)


def test_environment_lines_in_more_languages_go() -> None:
    missed = GRID.misses(ENVIRONMENT)
    assert not missed, "\n".join(missed)


def test_register_blocks_of_more_countries_go() -> None:
    missed = GRID.misses(REGISTER, under_line=False)
    assert not missed, "\n".join(missed)


def test_discourses_footer_in_its_translations_goes() -> None:
    missed = GRID.misses(DISCOURSE, under_line=False)
    assert not missed, "\n".join(missed)


def test_newsletters_footers_in_their_translations_go() -> None:
    missed = GRID.misses(MAILCHIMP, under_line=False)
    assert not missed, "\n".join(missed)


def test_services_footers_go() -> None:
    missed = GRID.misses(SERVICES, under_line=False)
    assert not missed, "\n".join(missed)


def test_apps_footers_go() -> None:
    missed = GRID.misses(APPS)
    assert not missed, "\n".join(missed)


# A footer a server wraps at 72 columns, or an HTML conversion breaks where a link ends.
def _wrapped(text: str, width: int = 72) -> str:
    return "\n".join(
        "\n".join(textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False))
        if line.strip()
        else line
        for line in text.split("\n")
    )


def test_footers_wrapped_at_72_columns_go() -> None:
    footers = {
        f"{kind} {name} wrapped": _wrapped(footer)
        for kind, group in (
            ("discourse", DISCOURSE),
            ("register", REGISTER),
            ("newsletter", MAILCHIMP),
            ("service", SERVICES),
        )
        for name, footer in group.items()
        if _wrapped(footer) != footer
    }
    missed = GRID.misses(footers, under_line=False)
    assert not missed, "\n".join(missed)


# -- a helpdesk's marker above the thread, in more languages ---------------------------------

# The marker a helpdesk writes above its notification's thread, as it translates it; the
# client (or the vendor's agent) writes above it, the thread follows.
REPLY_ABOVE = {
    "sv": "##- Skriv ditt svar ovanför denna rad -##",
    "da": "##- Skriv dit svar over denne linje -##",
    "no": "##- Vennligst skriv svaret ditt over denne linjen -##",
    "fi": "##- Kirjoita vastauksesi tämän rivin yläpuolelle -##",
    "cs": "##- Napište prosím svou odpověď nad tento řádek -##",
    "sk": "##- Napíšte svoju odpoveď nad týmto riadkom -##",
    "tr": "##- Lütfen yanıtınızı bu satırın üzerine yazın -##",
    "hu": "##- Kérjük, írja a válaszát e sor fölé -##",
    "ro": "##- Vă rugăm să scrieți răspunsul deasupra acestei linii -##",
    "el": "##- Πληκτρολογήστε την απάντησή σας πάνω από αυτή τη γραμμή -##",
    "ja": "##- この行より上に返信を入力してください -##",
    "zh": "##- 请在此行上方输入您的回复 -##",
    "ko": "##- 이 줄 위에 회신을 입력해 주세요 -##",
}
THREAD = (
    "Acme Support (Acme)\n\n3. jun. 2025, 14:05 CEST\n\n"
    "Hello, could you send us a screenshot of the error?"
)


def test_a_helpdesks_marker_in_more_languages_begins_the_thread() -> None:
    missed = []
    for name, marker in REPLY_ABOVE.items():
        for client, text in CLIENTS.items():
            writer = WRITERS.get(client, "")
            got = reply_text(f"{text}\n\n{marker}\n\n{THREAD}\n", writer=writer)
            if got != grid.read_alone(f"{text}\n", writer):
                missed.append(f"{name} / {client}: {got[-120:]!r}")
    assert not missed, "\n".join(missed)


# -- what gateways put above the text ---------------------------------------------------------

REPORT = "<https://us-phishalarm-ewt.proofpoint.example/EWT/v1/G3vK!uDdqXRfP1m37CoZl$>"
BANNERS = {
    # Proofpoint's banner between the markers it finds it by again.
    "proofpoint": (
        "ZjQcmQRYFpfptBannerStart\nThis Message Is From an External Sender\n"
        "This message came from outside your organization.\n\nZjQcmQRYFpfptBannerEnd"
    ),
    "proofpoint report suspicious": (
        "ZjQcmQRYFpfptBannerStart\nThis Message Is From an External Sender\n"
        f"This message came from outside your organization.\nReport Suspicious\n{REPORT}\n"
        "ZjQcmQRYFpfptBannerEnd"
    ),
    "proofpoint untrusted": (
        "ZjQcmQRYFpfptBannerStart\nThis Message Is From an Untrusted Sender\n"
        "You have not previously corresponded with this sender.\nZjQcmQRYFpfptBannerEnd"
    ),
    "proofpoint own words": (
        "ZjQcmQRYFpfptBannerStart\nThis message was sent from outside of Acme Corp.\n"
        "Do not click links or open attachments unless you recognize the source of this "
        "email and know the content is safe.\n\nZjQcmQRYFpfptBannerEnd"
    ),
    "proofpoint on one line": (
        "ZjQcmQRYFpfptBannerStart This Message Is From an External Sender This message "
        "came from outside your organization. ZjQcmQRYFpfptBannerEnd"
    ),
    "inky": (
        "Caution: External (client@client.example)\nFirst-Time Sender Details"
        "<https://shared.outlook.inky.example/details?id=ab>\nReport This Email"
        "<https://shared.outlook.inky.example/report?id=ab> FAQ<https://www.inky.example/"
        "banner-faq/> Protection by INKY<https://www.inky.example/protection-by-inky>"
    ),
    "microsoft 365 some people": (
        "Some people who received this message don't often get email from "
        "client@client.example. Learn why this is important"
        "<https://aka.ms/LearnAboutSenderIdentification>"
    ),
    "microsoft 365 some people de": (
        "Einige Personen, die diese Nachricht erhalten haben, erhalten nicht oft E-Mails von "
        "client@client.example. Erfahren Sie, warum dies wichtig ist"
        "<https://aka.ms/LearnAboutSenderIdentification>"
    ),
    "it": (
        "ATTENZIONE: Questa email proviene da un mittente esterno all'organizzazione. Non "
        "cliccare sui link e non aprire gli allegati se non riconosci il mittente."
    ),
    "pt": (
        "ATENÇÃO: Este e-mail foi enviado de fora da organização. Não clique em links nem "
        "abra anexos, a menos que reconheça o remetente."
    ),
    "pl": (
        "UWAGA: Ta wiadomość pochodzi spoza organizacji. Nie klikaj w linki i nie otwieraj "
        "załączników, jeśli nie znasz nadawcy."
    ),
    "sv": (
        "VARNING: Detta e-postmeddelande kommer från en extern avsändare. Klicka inte på "
        "länkar eller öppna bilagor om du inte känner igen avsändaren."
    ),
    "da": (
        "ADVARSEL: Denne e-mail stammer fra en ekstern afsender. Klik ikke på links, og åbn "
        "ikke vedhæftede filer, medmindre du kender afsenderen."
    ),
    "no": (
        "ADVARSEL: Denne e-posten kommer fra en ekstern avsender. Ikke klikk på lenker eller "
        "åpne vedlegg med mindre du kjenner avsenderen."
    ),
    "cs": (
        "UPOZORNĚNÍ: Tento e-mail přišel z adresy mimo organizaci. Neklikejte na odkazy a "
        "neotevírejte přílohy, pokud odesílatele neznáte."
    ),
    "tr": (
        "DİKKAT: Bu e-posta kurum dışından gönderilmiştir. Göndereni tanımıyorsanız "
        "bağlantılara tıklamayın ve ekleri açmayın."
    ),
    "ja": (
        "【注意】このメールは組織外から送信されています。送信者に心当たりがない場合は、"
        "リンクや添付ファイルを開かないでください。"
    ),
    "zh": (
        "【外部邮件】此邮件来自组织外部。除非您认识发件人并确认内容安全，否则请勿点击链接或"
        "打开附件。"
    ),
    "mimecast": (
        "This email originated from outside of Acme Ltd. Do not click links or open "
        "attachments unless you recognise the sender and know the content is safe."
    ),
    "barracuda": (
        "** CAUTION: This email came from an external sender. Please verify before clicking "
        "links or opening attachments. **"
    ),
    "sophos": (
        "[EXTERNAL] Sophos has flagged this email as originating from an external sender. "
        "Please be careful with links and attachments."
    ),
}


def test_gateways_banners_above_the_text_go() -> None:
    missed = banner_misses(BANNERS)
    assert not missed, "\n".join(missed)


# -- the client's own words that only look like a footer or a banner ---------------------------

OWN_WORDS = {
    "printing in the test environment": (
        "Hi,\n\nin the test environment we cannot print this e-mail's attachments, only "
        "in production."
    ),
    "printing the labels unless": (
        "Hello,\n\nplease don't print the delivery notes unless the order is paid.\n\n"
        "The warehouse printer is out of toner anyway."
    ),
    "a swedish printer": (
        "Hej,\n\nskrivaren i miljörummet skriver ut allt dubbelt sedan uppdateringen. "
        "Kan ni titta på det?"
    ),
    "a czech test environment": (
        "Dobrý den,\n\nv testovacím prostředí nejde vytisknout fakturu. Víte proč?"
    ),
    "unsubscribing in hungarian": (
        "Jó napot,\n\nhiába kattintok a leiratkozás linkre (https://news.acme.example/u/1), "
        "továbbra is kapom a hírlevelet."
    ),
    "unsubscribing in danish": (
        "Hej,\n\njeg vil gerne afmelde nyhedsbrevet for vores gamle adresse info@acme.example."
    ),
    "the client's register numbers": (
        "Dobrý den,\n\nna faktuře 2041 je špatně IČO: správně je 12345678, DIČ CZ12345678."
    ),
    "a swedish company number asked": (
        "Hej,\n\nvilket org.nr ska stå på fakturan, och vilket momsreg.nr har ni?"
    ),
    "an outside sender in the client's words": (
        "Hello,\n\nthe message from outside our organization that I forwarded yesterday "
        "was the phishing one. Did you block the sender?"
    ),
    "a proofpoint question": (
        "Hi,\n\nour Proofpoint gateway adds ZjQcmQRYFpfptBannerStart to every mail we "
        "forward to you. Can your system ignore it?"
    ),
    "replying by mail": (
        "Hallo,\n\nich habe auf Ihre E-Mail geantwortet, aber das Ticket ist noch offen. "
        "Besuche das Thema bitte nicht, es ist veraltet."
    ),
    "a copyright question": (
        "Hello,\n\nthe footer of our shop still says © 2023 Northwind, all rights reserved.\n\n"
        "Could you change it to 2025?"
    ),
    "a swedish client explaining the mail": (
        "Hej,\n\nskrivaren fungerar inte.\n\nDu får det här meddelandet eftersom jag inte når "
        "dig på telefon."
    ),
    "a czech client's phone": (
        "Dobrý den,\n\ntiskárna opět nefunguje.\n\nTento e-mail byl odeslán z mého telefonu."
    ),
    "a service named": (
        "Bonjour,\n\nnous avons migré vers Zendesk le mois dernier.\n\n"
        "Ce courriel est un test du nouveau service."
    ),
}


@pytest.mark.parametrize("own", OWN_WORDS)
def test_the_clients_own_words_stay(own: str) -> None:
    text = OWN_WORDS[own]
    assert reply_text(text) == text


# -- whole mails as the programs send them ----------------------------------------------------


# The programs: charset, transfer encoding, format=flowed.
PROGRAMS = {
    "gmail": ("UTF-8", "quoted-printable", False),
    "outlook": ("UTF-8", "base64", False),
    "thunderbird": ("UTF-8", "8bit", True),
    "outlook windows-1250": ("windows-1250", "quoted-printable", False),
    "outlook windows-1252": ("windows-1252", "quoted-printable", False),
}


def sent(text: str, program: str, client: str, headers: str = "", sender: str = "") -> bytes:
    """The message ``program`` sends with ``text`` as its body, from the client (or from
    ``sender``, a display name and an address)."""
    charset, encoding, flowed = PROGRAMS[program]
    name = Header(WRITERS.get(client, "Client"), "utf-8").encode()
    head = (
        f"From: {sender or f'{name} <{client}@client.example>'}\r\n"
        "To: support@helpdesk.example\r\n"
        "Subject: Re: [#5120] Printer\r\nDate: Tue, 03 Jun 2025 15:00:00 +0200\r\n"
        f"Message-ID: <grid3-{client}@client.example>\r\n{headers}"
    )
    return grid.text_mail(text, head, "plain", charset, encoding, flowed)


def _writable(text: str, program: str) -> bool:
    try:
        text.encode(PROGRAMS[program][0])
    except UnicodeEncodeError:
        return False
    return True


@cache
def _alone_mail(text: str, program: str, client: str, sender: str = "") -> str:
    return parse_message(sent(text, program, client, sender=sender)).reply_text


def whole_mail_misses(
    footers: dict[str, str],
    top: bool = False,
    headers: str = "",
    programs: tuple[str, ...] = tuple(PROGRAMS),
    sender: str = "",
) -> list[str]:
    """Each footer (or banner, with ``top``) in each client's mail as each of
    ``programs`` sends it; a footer in a language other than the client's only in
    UTF-8, as a company's server stamps it on its staff's mail in their own charset."""
    missed: list[str] = []
    for name, footer in footers.items():
        for program in programs:
            for client, text in CLIENTS.items():
                if not (_writable(text, program) and _writable(footer, program)):
                    continue
                legacy = PROGRAMS[program][0] != "UTF-8"
                if legacy and not footer.isascii() and not name.endswith(client):
                    continue
                writer = WRITERS.get(client, "Client")
                who = sender.format(name=Header(f"{writer} via Acme Forum", "utf-8").encode())
                if top:
                    cases = [("above", f"{footer}\n\n{text}\n", f"{text}\n")]
                else:
                    cases = GRID.placements(text, footer, under_line=False)
                for where, with_footer, alone in cases:
                    raw = sent(with_footer, program, client, headers, who)
                    got = parse_message(raw).reply_text
                    if got != _alone_mail(alone, program, client, who):
                        missed.append(f"{name} / {program} / {client} / {where}: {got[-120:]!r}")
    return missed


def test_a_mail_with_a_footer_of_more_languages_reads_as_the_clients_words() -> None:
    footers = {f"unsubscribe {k}": UNSUBSCRIBE[k] for k in ("cs", "hu", "ro", "sk", "hr")}
    footers |= {f"environment {k}": ENVIRONMENT[k] for k in ("cs", "hu", "sv", "da", "fi")}
    footers |= {f"register {k}": REGISTER[k] for k in ("cs", "sk", "hu", "fi", "se")}
    missed = whole_mail_misses(footers)
    assert not missed, "\n".join(missed)


DISCOURSE_HEADERS = (
    "List-Id: Acme Forum <label-printer.forum.acme.example>\r\n"
    "List-Archive: https://forum.acme.example/t/label-printer/4711\r\n"
    "List-Unsubscribe: <https://forum.acme.example/email/unsubscribe/9c1e>\r\n"
    "Precedence: list\r\nAuto-Submitted: auto-generated\r\n"
)


def test_a_discourse_posts_mail_reads_as_the_clients_words() -> None:
    """A post by mail to a forum in mailing-list mode, as the forum sends it on: from the
    forum's address in the writer's name ("Nadia Brooks via Acme Forum"), quoted-printable
    or base64, with the list's header fields."""
    missed = whole_mail_misses(
        DISCOURSE,
        headers=DISCOURSE_HEADERS,
        programs=("gmail", "outlook"),
        sender="{name} <forum@forum.acme.example>",
    )
    assert not missed, "\n".join(missed)


def test_a_gateways_banner_at_the_top_of_a_mail_goes() -> None:
    banners = {k: BANNERS[k] for k in ("proofpoint", "proofpoint report suspicious", "da", "zh")}
    missed = whole_mail_misses(banners, top=True)
    assert not missed, "\n".join(missed)


def _proofpoint_alternative(client: str) -> bytes:
    """Proofpoint's banner as it inserts it in both parts of a multipart/alternative: in
    the text part above the text, in the HTML part as a table, with its markers hidden."""
    text = CLIENTS[client]
    plain = f"{BANNERS['proofpoint report suspicious']}\n\n{text}\n"
    paragraphs = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))
    html = (
        '<html><body><div style="display:none !important">ZjQcmQRYFpfptBannerStart</div>'
        "<table><tr><td><b>This Message Is From an External Sender</b><br>This message "
        "came from outside your organization.</td></tr></table>"
        '<div style="display:none !important">ZjQcmQRYFpfptBannerEnd</div>'
        f"{paragraphs}</body></html>"
    )
    name = Header(WRITERS.get(client, "Client"), "utf-8").encode()
    return (
        f"From: {name} <{client}@client.example>\r\nTo: support@helpdesk.example\r\n"
        "Subject: Printer\r\nMessage-ID: <pp-{client}@client.example>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/alternative; boundary="pp"\r\n\r\n--pp\r\n'
        "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
    ).encode("ascii") + (
        grid.encoded(plain, "utf-8", "base64")
        + b"\r\n--pp\r\nContent-Type: text/html; charset=UTF-8\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + grid.encoded(html, "utf-8", "base64")
        + b"\r\n--pp--\r\n"
    )


def test_proofpoints_banner_in_a_text_and_html_mail_goes() -> None:
    missed = []
    for client, text in CLIENTS.items():
        got = parse_message(_proofpoint_alternative(client)).reply_text
        want = _alone_mail(f"{text}\n", "gmail", client)
        if got != want:
            missed.append(f"{client}: {got[:120]!r}")
    assert not missed, "\n".join(missed)
