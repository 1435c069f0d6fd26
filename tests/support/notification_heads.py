"""Whole service notifications for the notification-head grid: a person's words under
the head a service writes (its heading, the author's line, a greeting and introduction,
the place, the date, labels) and over the service's footer, in the languages services
send them in; as text alone or as multipart/alternative with the HTML part services
send beside it, quoted-printable or base64, CRLF line ends."""

from __future__ import annotations

import base64
import quopri
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, parseaddr
from html import escape


@dataclass(frozen=True)
class Language:
    code: str
    title: str  # the item's title, which the subject and the heading repeat
    words: str  # the person's words: two paragraphs
    replied: str  # "{name} replied to your topic"
    commented: str  # "{name} commented:"
    posted_in: str  # "{name} posted in {place}"
    greeting: str  # "Hi Acme Support,"
    intro: str  # "You have a new reply in {place}:"
    by_label: str  # "Posted by"
    topic_label: str  # "Topic"
    date_label: str  # "Date"
    date: str
    footers: tuple[str, ...]
    reply_prefix: str = "Re: "
    author: str = "Megan Ortiz"  # the person whose words the service sends


PLACE = "Community Forum › Printers"

LANGUAGES = (
    Language(
        "en",
        "Printer jams on tray 2",
        "The printer on the second floor jams on tray 2 every morning. We already "
        "replaced the rollers last week.\n\nCould someone from your team take a look "
        "before Friday? The error code is 13.A2.",
        "{name} replied to your topic",
        "{name} commented:",
        "{name} posted in {place}",
        "Hi Acme Support,",
        "You have a new reply in {place}:",
        "Posted by",
        "Topic",
        "Date",
        "Jun 4, 2025, 10:02 AM",
        (
            "---\nVisit Topic or reply to this email to respond.\n\n"
            "You're receiving this email because you are watching this topic.\n"
            "Unsubscribe | Notification settings",
            "—\nReply to this email directly or view it on the forum.\n"
            "You are receiving this because you subscribed to this thread.",
        ),
    ),
    Language(
        "de",
        "Drucker klemmt an Fach 2",
        "Der Drucker im zweiten Stock klemmt jeden Morgen an Fach 2. Wir haben letzte "
        "Woche schon die Rollen getauscht.\n\nKönnte sich jemand aus Ihrem Team das vor "
        "Freitag ansehen? Der Fehlercode ist 13.A2.",
        "{name} hat auf dein Thema geantwortet",
        "{name} hat kommentiert:",
        "{name} hat in {place} geschrieben",
        "Hallo Acme Support,",
        "Es gibt eine neue Antwort in {place}:",
        "Verfasst von",
        "Thema",
        "Datum",
        "4. Juni 2025 um 10:02",
        (
            "---\nBesuche das Thema oder antworte auf diese E-Mail, um zu antworten.\n\n"
            "Sie erhalten diese E-Mail, weil Sie dieses Thema beobachten.\n"
            "Abbestellen | Benachrichtigungseinstellungen",
            "--\nDu erhältst diese E-Mail, weil du diesem Thema folgst.\n"
            "Benachrichtigungen abbestellen: https://forum.acme-community.example/my/prefs",
        ),
        "AW: ",
        author="Jürgen Weiß",
    ),
    Language(
        "fr",
        "L'imprimante bloque sur le bac 2",
        "L'imprimante du deuxième étage se bloque tous les matins sur le bac 2. Nous "
        "avons déjà remplacé les rouleaux la semaine dernière.\n\nQuelqu'un de votre "
        "équipe pourrait-il regarder avant vendredi ? Le code d'erreur est 13.A2.",
        "{name} a répondu à votre sujet",
        "{name} a commenté :",
        "{name} a publié dans {place}",
        "Bonjour Acme Support,",
        "Vous avez une nouvelle réponse dans {place} :",
        "Publié par",
        "Sujet",
        "Date",
        "4 juin 2025 à 10:02",
        (
            "---\nConsultez le sujet ou répondez à cet e-mail pour répondre.\n\n"
            "Vous recevez cet e-mail parce que vous suivez ce sujet.\n"
            "Se désabonner | Paramètres de notification",
            "--\nVous recevez cet e-mail car vous êtes abonné à cette discussion.\n"
            "Pour ne plus recevoir ces e-mails, modifiez vos préférences.",
        ),
        author="Zoé Lefèvre",
    ),
    Language(
        "es",
        "La impresora se atasca en la bandeja 2",
        "La impresora de la segunda planta se atasca cada mañana en la bandeja 2. Ya "
        "cambiamos los rodillos la semana pasada.\n\n¿Alguien de vuestro equipo podría "
        "revisarla antes del viernes? El código de error es 13.A2.",
        "{name} respondió a tu tema",
        "{name} ha comentado:",
        "{name} publicó en {place}",
        "Hola Acme Support,",
        "Tienes una nueva respuesta en {place}:",
        "Publicado por",
        "Tema",
        "Fecha",
        "4 de junio de 2025, 10:02",
        (
            "---\nVisita el tema o responde a este correo para contestar.\n\n"
            "Recibes este correo porque sigues este tema.\n"
            "Darse de baja | Preferencias de notificación",
            "--\nRecibes este correo electrónico porque estás suscrito a esta conversación.\n"
            "Cancelar la suscripción: https://forum.acme-community.example/prefs",
        ),
        author="José García",
    ),
    Language(
        "it",
        "La stampante si inceppa sul cassetto 2",
        "La stampante del secondo piano si inceppa ogni mattina sul cassetto 2. Abbiamo "
        "già sostituito i rulli la settimana scorsa.\n\nQualcuno del vostro team può "
        "controllarla prima di venerdì? Il codice di errore è 13.A2.",
        "{name} ha risposto al tuo argomento",
        "{name} ha commentato:",
        "{name} ha pubblicato in {place}",
        "Ciao Acme Support,",
        "C'è una nuova risposta in {place}:",
        "Pubblicato da",
        "Argomento",
        "Data",
        "4 giugno 2025, 10:02",
        (
            "---\nVisita l'argomento o rispondi a questa e-mail per rispondere.\n\n"
            "Ricevi questa e-mail perché segui questo argomento.\n"
            "Annulla iscrizione | Impostazioni delle notifiche",
            "--\nRicevi questa email perché sei iscritto a questa discussione.\n"
            "Disiscriviti: https://forum.acme-community.example/prefs",
        ),
        author="Giulia De Santis",
    ),
    Language(
        "nl",
        "Printer loopt vast op lade 2",
        "De printer op de tweede verdieping loopt elke ochtend vast op lade 2. We hebben "
        "vorige week de rollen al vervangen.\n\nKan iemand van jullie team er voor "
        "vrijdag naar kijken? De foutcode is 13.A2.",
        "{name} heeft op je onderwerp gereageerd",
        "{name} heeft gereageerd:",
        "{name} heeft geplaatst in {place}",
        "Hoi Acme Support,",
        "Er is een nieuwe reactie in {place}:",
        "Geplaatst door",
        "Onderwerp",
        "Datum",
        "4 juni 2025 om 10:02",
        (
            "---\nBekijk het onderwerp of beantwoord deze e-mail om te reageren.\n\n"
            "Je ontvangt deze e-mail omdat je dit onderwerp volgt.\n"
            "Afmelden | Meldingsinstellingen",
            "--\nU ontvangt deze e-mail omdat u bent geabonneerd op deze discussie.\n"
            "Afmelden: https://forum.acme-community.example/prefs",
        ),
        author="Sanne de Vries",
    ),
    Language(
        "pl",
        "Drukarka zacina się na podajniku 2",
        "Drukarka na drugim piętrze co rano zacina się na podajniku 2. W zeszłym "
        "tygodniu wymieniliśmy już rolki.\n\nCzy ktoś z waszego zespołu mógłby to "
        "sprawdzić przed piątkiem? Kod błędu to 13.A2.",
        "{name} odpowiedziała w Twoim temacie",
        "{name} skomentowała:",
        "{name} opublikowała w {place}",
        "Cześć Acme Support,",
        "Masz nową odpowiedź w {place}:",
        "Autor",
        "Temat",
        "Data",
        "4 czerwca 2025, 10:02",
        (
            "---\nOdwiedź temat lub odpowiedz na tę wiadomość, aby odpowiedzieć.\n\n"
            "Otrzymujesz tę wiadomość, ponieważ obserwujesz ten temat.\n"
            "Wypisz się | Ustawienia powiadomień",
            "--\nOtrzymujesz tę wiadomość, ponieważ subskrybujesz tę dyskusję.\n"
            "Wypisz się: https://forum.acme-community.example/prefs",
        ),
        "Odp: ",
        author="Łukasz Wójcik",
    ),
    Language(
        "pt",
        "A impressora encrava na bandeja 2",
        "A impressora do segundo andar encrava todas as manhãs na bandeja 2. Já "
        "trocamos os roletes na semana passada.\n\nAlguém da vossa equipa pode ver isto "
        "antes de sexta-feira? O código de erro é 13.A2.",
        "{name} respondeu ao seu tópico",
        "{name} comentou:",
        "{name} publicou em {place}",
        "Olá Acme Support,",
        "Você tem uma nova resposta em {place}:",
        "Publicado por",
        "Tópico",
        "Data",
        "4 de junho de 2025, 10:02",
        (
            "---\nVisite o tópico ou responda a este e-mail para responder.\n\n"
            "Você está recebendo este e-mail porque segue este tópico.\n"
            "Cancelar inscrição | Configurações de notificação",
            "--\nVocê recebeu este e-mail porque está inscrito nesta discussão.\n"
            "Descadastrar: https://forum.acme-community.example/prefs",
        ),
        author="João Araújo",
    ),
    Language(
        "ru",
        "Принтер зажёвывает бумагу в лотке 2",
        "Принтер на втором этаже каждое утро зажёвывает бумагу в лотке 2. На прошлой "
        "неделе мы уже заменили ролики.\n\nМожет ли кто-нибудь из вашей команды "
        "посмотреть его до пятницы? Код ошибки 13.A2.",
        "{name} ответила в вашей теме",
        "{name} прокомментировала:",
        "{name} написала в {place}",
        "Здравствуйте, Acme Support!",
        "Новый ответ в {place}:",
        "Автор",
        "Тема",
        "Дата",
        "4 июня 2025 г., 10:02",
        (
            "---\nПерейдите к теме или ответьте на это письмо, чтобы ответить.\n\n"
            "Вы получили это письмо, потому что следите за этой темой.\n"
            "Отписаться | Настройки уведомлений",
            "--\nВы получаете это письмо, так как подписаны на это обсуждение.\n"
            "Отписаться: https://forum.acme-community.example/prefs",
        ),
        author="Анна Смирнова",
    ),
    Language(
        "sv",
        "Skrivaren fastnar i fack 2",
        "Skrivaren på andra våningen fastnar i fack 2 varje morgon. Vi bytte redan "
        "rullarna förra veckan.\n\nKan någon från ert team titta på den före fredag? "
        "Felkoden är 13.A2.",
        "{name} svarade på ditt ämne",
        "{name} kommenterade:",
        "{name} skrev i {place}",
        "Hej Acme Support,",
        "Du har ett nytt svar i {place}:",
        "Skrivet av",
        "Ämne",
        "Datum",
        "4 juni 2025 kl. 10:02",
        (
            "---\nBesök ämnet eller svara på det här mejlet för att svara.\n\n"
            "Du får det här mejlet eftersom du bevakar det här ämnet.\n"
            "Avsluta prenumeration | Aviseringsinställningar",
            "--\nDu får det här e-postmeddelandet eftersom du prenumererar på diskussionen.\n"
            "Avregistrera: https://forum.acme-community.example/prefs",
        ),
        "SV: ",
        author="Erik Lindqvist",
    ),
)


def heads(lang: Language, subject_title: str) -> dict[str, str]:
    """The heads services write above the words, by their layout's name."""
    name, place = lang.author, PLACE
    fill = {"name": name, "place": place}
    return {
        "heading-author": f"{lang.reply_prefix}{subject_title}\n\n{lang.replied.format(**fill)}",
        "author-colon": lang.commented.format(**fill),
        "greeting-intro": f"{lang.greeting}\n\n{lang.intro.format(**fill)}",
        "place-author-date": f"{place}\n\n{lang.posted_in.format(**fill)}\n{lang.date}",
        "labels": (
            f"{lang.topic_label}: {subject_title}\n{lang.by_label}: {name}\n"
            f"{lang.date_label}: {lang.date}"
        ),
        "heading-author-name": (
            f"{subject_title}\n\n{lang.replied.format(**fill)}\n\n{name}\n{lang.date}"
        ),
    }


SENDERS = {
    "forum": "Acme Community <community@acme-community.example>",
    "via": "{author} via Acme Community <acme@service.example>",
    "noreply": "Acme Community <noreply@acme-community.example>",
    "subdomain": "Acme Forum <forum@forum.acme.example>",
}


def html_of(text: str) -> str:
    """The HTML part a service sends beside its text: a paragraph a block, in a table."""
    paragraphs = "".join(
        f'<p style="margin:0 0 16px">{escape(p).replace(chr(10), "<br>")}</p>'
        for p in text.split("\n\n")
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>'
        '<table width="100%" cellpadding="0" cellspacing="0"><tr><td>'
        f"{paragraphs}</td></tr></table></body></html>"
    )


def _address(field: str) -> str:
    """``field`` with its display name as an encoded word when it is not ASCII."""
    name, address = parseaddr(field)
    return formataddr((name, address), charset="utf-8")


def _encoded(text: str, encoding: str) -> bytes:
    data = text.replace("\n", "\r\n").encode("utf-8")
    if encoding == "base64":
        return base64.encodebytes(data).replace(b"\n", b"\r\n")
    return quopri.encodestring(data).replace(b"\r\r\n", b"\r\n")


def _part(subtype: str, text: str, encoding: str) -> bytes:
    return (
        f"Content-Type: text/{subtype}; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: {encoding}\r\n\r\n"
    ).encode("ascii") + _encoded(text, encoding)


def notification(
    text: str,
    subject: str,
    sender: str,
    *,
    alternative: bool = True,
    encoding: str = "quoted-printable",
    headers: str = "",
    html_only: bool = False,
) -> bytes:
    """A service's notification of ``text`` from ``sender``: text alone, or the text and
    its HTML as multipart/alternative, or (``html_only``) the HTML alone."""

    head = (
        f"From: {_address(sender)}\r\nTo: Acme Support <support@acme.example>\r\n"
        f"Subject: {Header(subject, 'utf-8').encode()}\r\n"
        "Date: Wed, 04 Jun 2025 10:02:11 +0000\r\n"
        "Message-ID: <topic/18342/4.a7c9e1@acme-community.example>\r\n"
        f"{headers}MIME-Version: 1.0\r\n"
    ).encode("ascii")
    if html_only:
        return head + _part("html", html_of(text), encoding)
    if not alternative:
        return head + _part("plain", text, encoding)
    boundary = "--==_mimepart_6842f9b3c1a2e_3f1d2c"
    return (
        head
        + f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'.encode()
        + f"--{boundary}\r\n".encode()
        + _part("plain", text, encoding)
        + f"\r\n--{boundary}\r\n".encode()
        + _part("html", html_of(text), encoding)
        + f"\r\n--{boundary}--\r\n".encode()
    )
