"""A fifth grid: the helpdesks' "reply above this line" markers in the shapes and
translations the first grids do not hold, ticket systems' watermark lines, and the
blocks calendars and social networks glue under the writer's last line.

- a helpdesk's marker with the service's copy under it (the notification the client
  answers): Zendesk's "##- Please type your reply above this line -##", Jira Service
  Management's "—-—-—-— Reply above this line.", Help Scout's "Please do not reply below
  this line", Freshdesk's, Zoho Desk's, Kayako's, HappyFox's, osTicket's
  "-- reply above this line --", in their translations;
- ServiceNow's "Ref:MSG0012345" watermark and the like under the text;
- a Google Calendar invitation block and a LinkedIn notification block under the text.

Each is tried under the client's text, under their signature, above the quote, right
under the last line, and in whole mails (quoted-printable, base64, HTML only).  What
the client wrote must read the same as without it; a client's own sentence about a
marker, a reference number or a meeting stays.
"""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text
from tests.support import footer_grid as grid

CLIENTS = {
    "en": (
        "Hi,\n\nthe label printer in the warehouse still jams on every second sheet. "
        "Could someone come by tomorrow?\n\nThanks,\nNadia Brennan"
    ),
    "de": (
        "Hallo,\n\nder Zugang zum Kundenportal funktioniert seit heute früh nicht mehr. "
        "Können Sie das prüfen?"
    ),
    "es": "Hola, el escáner de la oficina sigue sin enviar los documentos por correo.",
    "fr": (
        "Bonjour,\n\nla facture de mars n'apparaît toujours pas dans l'espace client.\n\n"
        "Cordialement,\nLucie Garnier"
    ),
}
WRITERS = {"en": "Nadia Brennan", "fr": "Lucie Garnier"}
QUOTE = (
    "On Tue, 3 Jun 2025 at 16:40, Acme Support <support@acme.example> wrote:\n"
    "> Hello,\n>\n> could you tell us which model the printer is?\n>\n> Acme Support"
)
GRID = grid.Clients(CLIENTS, WRITERS, QUOTE)

# -- a helpdesk's marker, the service's copy under it ----------------------------------

COPY = (
    "Acme Support\n\nJun 3, 2025, 16:40 CEST\n\nHello,\n\n"
    "could you tell us which model it is?\n\nRegards,\nTom\n\n[Ticket #48213]"
)
MARKERS = {
    "zendesk": "##- Please type your reply above this line -##",
    "zendesk de": "##- Bitte geben Sie Ihre Antwort über dieser Zeile ein. -##",
    "zendesk fr": "##- Veuillez écrire votre réponse au-dessus de cette ligne. -##",
    "zendesk es": "##- Escriba su respuesta por encima de esta línea -##",
    "jira": "—-—-—-—\nReply above this line.",
    "jira one line": "—-—-—-— Reply above this line.",
    "jira de": "—-—-—-—\nAntworten Sie oberhalb dieser Zeile.",
    "help scout": "Please do not reply below this line",
    "help scout dashes": "--- Please do not write below this line ---",
    "freshdesk": "-- Please reply above this line --",
    "zoho desk": "---- Please type your reply above this line ----",
    "kayako": "--- Reply above this line ---",
    "happyfox": "[== Please write your reply above this line ==]",
    "osticket": "-- reply above this line --",
    "osticket de": "-- Bitte oberhalb dieser Zeile antworten --",
    "it": "--- Rispondi sopra questa riga ---",
    "nl": "--- Antwoord boven deze regel ---",
    "pt": "--- Responda acima desta linha ---",
    "de nicht darunter": "--- Bitte nicht unterhalb dieser Zeile antworten ---",
    "fr pas en dessous": "--- Merci de ne pas répondre en dessous de cette ligne ---",
}


def _marker_misses(markers: dict[str, str]) -> list[str]:
    missed: list[str] = []
    for name, marker in markers.items():
        service = f"{marker}\n\n{COPY}"
        for client, text in CLIENTS.items():
            writer = WRITERS.get(client, "")
            alone = reply_text(f"{text}\n", writer=writer)
            for where, mail in (
                ("under the text", f"{text}\n\n{service}\n"),
                ("right under the last line", f"{text}\n{service}\n"),
                ("above the quote", f"{text}\n\n{service}\n\n{QUOTE}\n"),
            ):
                got = reply_text(mail, writer=writer)
                if got != alone:
                    missed.append(f"{name} / {client} / {where}: {got[-160:]!r}")
    return missed


def test_a_helpdesk_marker_cuts_the_services_copy() -> None:
    missed = _marker_misses(MARKERS)
    assert not missed, "\n".join(missed)


# -- ticket watermarks ------------------------------------------------------------------

WATERMARKS = {
    "servicenow": "Ref:MSG0012345",
    "servicenow spaced": "Ref: MSG0012345",
    "servicenow tracked": "Ref:MSG0012345_Ab3dE9fGh1JkLmN0pQr",
    "servicenow bracketed": "[Ref:MSG0012345]",
}


def _under_misses(footers: dict[str, str], under_line: bool = True) -> list[str]:
    return GRID.misses(footers, under_line, above_quote=True)


def test_a_ticket_watermark_under_the_text_goes() -> None:
    missed = _under_misses(WATERMARKS)
    assert not missed, "\n".join(missed)


# -- a calendar's invitation, a social network's notification -------------------------

BLOCKS = {
    "google calendar": (
        "Invitation from Google Calendar\n\n"
        "You are receiving this email because you are an attendee on the event. To stop "
        "receiving future updates for this event, decline this event.\n\n"
        "Forwarding this invitation could allow any recipient to send a response to the "
        "organizer, be added to the guest list, invite others regardless of their own "
        "invitation status, or modify your RSVP. Learn more"
    ),
    "google calendar de": (
        "Einladung von Google Kalender\n\n"
        "Sie erhalten diese E-Mail, weil Sie Teilnehmer dieses Termins sind. Wenn Sie "
        "keine weiteren Aktualisierungen für diesen Termin erhalten möchten, lehnen Sie "
        "ihn ab."
    ),
    "google calendar fr": (
        "Invitation de Google Agenda\n\n"
        "Vous recevez cet e-mail, car vous participez à cet événement. Pour ne plus "
        "recevoir de mises à jour concernant cet événement, refusez-le."
    ),
    "linkedin": (
        "You are receiving LinkedIn notification emails.\n\n"
        "Unsubscribe: https://www.linkedin.example/e/v2?e=abc\n"
        "Help: https://www.linkedin.example/e/v2?e=help\n\n"
        "© 2025 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085."
    ),
    "linkedin de": (
        "Sie erhalten Benachrichtigungen von LinkedIn per E-Mail.\n\n"
        "Abbestellen: https://www.linkedin.example/e/v2?e=abc\n"
        "Hilfe: https://www.linkedin.example/e/v2?e=help"
    ),
}


def test_a_calendar_or_network_block_under_the_text_goes() -> None:
    missed = _under_misses(BLOCKS)
    assert not missed, "\n".join(missed)


# -- the client's own words -------------------------------------------------------------

OWN_WORDS = {
    "asking to reply above the line": (
        "Hi,\n\nyour agents keep writing their answer below the quote. Please reply above "
        "this line in future mails, it is easier to read."
    ),
    "a marker asked about": (
        "Hello,\n\nwhy do your mails say reply above this line? Our mail program hides it."
    ),
    "told not to write below the line": (
        "Hi,\n\nyour mails say please do not reply below this line, but our mail program "
        "puts the cursor there. Can you change it?\n\nThanks,\nNadia"
    ),
    "a line in spanish": (
        "Hola,\n\nen la factura no aparece nada debajo de la línea del total.\n\nGracias"
    ),
    "a reference asked about": (
        "Hello,\n\nI got a mail with Ref: MSG0012345 but no text. What is it about?"
    ),
    "the client's own ticket number last": (
        "Hello,\n\nis there any news on the broken badge reader?\n\nRef: INC0012345"
    ),
    "a reference on its own line asked about": (
        "Hello,\n\nwhat does this reference mean:\nRef:MSG0012345\nNobody here knows it."
    ),
    "the client's meeting": (
        "Hi,\n\nour meeting on Thursday at 10:00 is in room 4B. I am receiving this "
        "email invitation twice in my calendar; can you check the Google Calendar sync?"
    ),
    "the client's linkedin": (
        "Hallo,\n\nwir erhalten keine Benachrichtigungen von LinkedIn mehr, seit die "
        "Weiterleitung eingerichtet wurde."
    ),
}


@pytest.mark.parametrize("own", OWN_WORDS)
def test_the_clients_own_words_stay(own: str) -> None:
    text = OWN_WORDS[own]
    assert reply_text(text) == text


# -- whole mails -------------------------------------------------------------------------


PROGRAMS = {
    "quoted-printable": ("plain", "quoted-printable"),
    "base64": ("plain", "base64"),
    "html only": ("html", "quoted-printable"),
}


def sent(text: str, program: str) -> bytes:
    kind, encoding = PROGRAMS[program]
    head = (
        "From: Client <client@client.example>\r\nTo: support@helpdesk.example\r\n"
        "Subject: Re: [#48213] Printer\r\nDate: Wed, 04 Jun 2025 10:00:00 +0200\r\n"
        "Message-ID: <grid5@client.example>\r\n"
    )
    body = grid.webmail_html(text) if kind == "html" else text
    return grid.text_mail(body, head, kind, "UTF-8", encoding)


def test_a_whole_mail_reads_as_the_clients_words() -> None:
    footers = {f"marker {k}": f"{MARKERS[k]}\n\n{COPY}" for k in ("zendesk de", "help scout")}
    footers |= {f"watermark {k}": WATERMARKS[k] for k in ("servicenow",)}
    footers |= {f"block {k}": BLOCKS[k] for k in ("google calendar", "linkedin")}
    missed: list[str] = []
    for name, footer in footers.items():
        for program in PROGRAMS:
            for client, text in CLIENTS.items():
                alone = parse_message(sent(f"{text}\n", program)).reply_text
                got = parse_message(sent(f"{text}\n\n{footer}\n", program)).reply_text
                if got != alone:
                    missed.append(f"{name} / {program} / {client}: {got[-120:]!r}")
    assert not missed, "\n".join(missed)
