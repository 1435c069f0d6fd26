"""More programs' headers above the history, over a grid: webmail and desktop programs
whose header has a shape of its own — GMX's and WEB.DE's block that begins with the date,
GroupWise's ">>> Jo <jo@…> 02.06.2025 10:04 >>>" above unquoted history, Tutanota's
"date von address:", Orange's "Message du …" title above its block, T-Online's
"-----Original-Nachricht-----" (a hyphen inside the title) with the subject first,
Libero's "Ogg:", Lotus Notes' table of labels turned into text — and, beside them, the
attribution lines of programs the first grid does not name (Airmail, Spark, Proton,
Yahoo's newer lines, Gmail's lines without a verb, Usenet-era readers).

Each header × the client's text in several languages × the history quoted with ``>`` or
not × a blank line above the header or none × quoted-printable or base64.  Whatever
the shape, the reply is the client's text, word for word.  Lines of the client's that
only look like these headers are in the first grid's list of lines that stay.
"""

from __future__ import annotations

import pytest

from tests.support.quote_grid import ORIGINAL, read
from tests.support.wrap_grid import NEW

S = "Anna Schmidt"
M = "anna@helpdesk.example"
SUBJECT = "[#4521] Printer / Scanner"
CLIENT = "jane@client.example"

HEADERS: dict[str, list[str]] = {
    # GMX, WEB.DE: the date first, then the sender.
    "gmx-de": [
        "Gesendet: Montag, 02. Juni 2025 um 10:04 Uhr",
        f'Von: "{S}" <{M}>',
        f"An: {CLIENT}",
        f"Betreff: Re: {SUBJECT}",
    ],
    "gmx-en": [
        "Sent: Monday, June 02, 2025 at 10:04 AM",
        f'From: "{S}" <{M}>',
        f"To: {CLIENT}",
        f"Subject: Re: {SUBJECT}",
    ],
    "gmx-fr": [
        "Envoyé: lundi 2 juin 2025 à 10:04",
        f'De: "{S}" <{M}>',
        f"À: {CLIENT}",
        f"Objet: Re: {SUBJECT}",
    ],
    "gmx-es": [
        "Enviado: lunes, 02 de junio de 2025 a las 10:04",
        f'De: "{S}" <{M}>',
        f"Para: {CLIENT}",
        f"Asunto: Re: {SUBJECT}",
    ],
    # GroupWise: one line between ">>>" marks; the history under it unquoted.
    "groupwise-de": [f">>> {S} <{M}> 02.06.2025 10:04 >>>"],
    "groupwise-en": [f'>>> "{S}" <{M}> 6/2/2025 10:04 AM >>>'],
    "groupwise-name-only": [f">>> {S} 02.06.25 10:04 >>>"],
    # Tutanota: the date, a preposition, the bare address.
    "tutanota-de": [f"02.06.2025, 10:04 von {M}:"],
    "tutanota-en": [f"Jun 2, 2025, 10:04 by {M}:"],
    "tutanota-fr": [f"2 juin 2025 à 10:04 de {M}:"],
    "tutanota-es": [f"2 jun 2025, 10:04 de {M}:"],
    # Orange's webmail: a title naming the message and its date above its block.
    "orange": [
        "Message du 02/06/25 10:04",
        f'De : "{S}" <{M}>',
        f"A : {CLIENT}",
        "Copie à : ",
        f"Objet : Re: {SUBJECT}",
    ],
    # T-Online: the divider's title has a hyphen; the subject comes first.
    "t-online": [
        "-----Original-Nachricht-----",
        f"Betreff: Re: {SUBJECT}",
        "Datum: 2025-06-02T10:04:30+0200",
        f'Von: "{S}" <{M}>',
        f"An: {CLIENT}",
    ],
    "libero": [
        "----Messaggio originale----",
        f"Da: {M}",
        "Data: 2-giu-2025 10.04",
        f"A: <{CLIENT}>",
        f"Ogg: Re: {SUBJECT}",
    ],
    # Lotus Notes: its header table turned into text, labels alone on their lines.
    "notes-table-de": [
        f"{S} <{M}>",
        "02.06.2025 10:04",
        "",
        "An",
        CLIENT,
        "Kopie",
        "",
        "Thema",
        f"Re: {SUBJECT}",
    ],
    "notes-table-en": [
        f"{S} <{M}>",
        "06/02/2025 10:04 AM",
        "",
        "To",
        CLIENT,
        "cc",
        "",
        "Subject",
        f"Re: {SUBJECT}",
    ],
    "notes-table-tabs": [
        f"{S} <{M}> 02.06.2025 10:04",
        "",
        f"To\t{CLIENT}",
        "cc\t",
        f"Subject\tRe: {SUBJECT}",
    ],
    "zimbra-fr": [
        "----- Mail original -----",
        f'De: "{S}" <{M}>',
        f'À: "Jane Client" <{CLIENT}>',
        "Envoyé: Lundi 2 Juin 2025 10:04:30",
        f"Objet: Re: {SUBJECT}",
    ],
    "seznam": [
        "---------- Původní e-mail ----------",
        f"Od: {S} <{M}>",
        f"Komu: {CLIENT}",
        "Datum: 2. 6. 2025 10:04:30",
        f"Předmět: Re: {SUBJECT}",
    ],
    "daum": [
        "----- 원본 메일 -----",
        f"보낸사람: {S} <{M}>",
        f"받는사람: {CLIENT}",
        "날짜: 2025년 6월 2일 월요일, 10시 4분 30초 +0900",
        f"제목: Re: {SUBJECT}",
    ],
    "sina": [
        "----- 原始邮件 -----",
        f"发件人：{S} <{M}>",
        f"收件人：{CLIENT}",
        f"主题：Re: {SUBJECT}",
        "日期：2025年06月02日 10点04分",
    ],
    "em-client": [
        "------ Original Message ------",
        f'From: "{S}" <{M}>',
        f"To: {CLIENT}",
        "Sent: 02.06.2025 10:04:30",
        f"Subject: Re: {SUBJECT}",
    ],
    "em-client-de": [
        "------ Originalnachricht ------",
        f'Von: "{S}" <{M}>',
        f"An: {CLIENT}",
        "Gesendet: 02.06.2025 10:04:30",
        f"Betreff: Re: {SUBJECT}",
    ],
    "proton": [
        "------- Original Message -------",
        f"On Monday, June 2nd, 2025 at 10:04, {S} <{M}> wrote:",
    ],
    "airmail": [f"On 2 June 2025 at 10:04:30, {S} ({M}) wrote:"],
    "spark": [f"On 2 Jun 2025 at 10:04 +0200, {S} <{M}>, wrote:"],
    "spark-de": [f"Am 2. Juni 2025, 10:04 +0200 schrieb {S} <{M}>:"],
    "gmail-ru": [f"пн, 2 июн. 2025 г. в 10:04, {S} <{M}>:"],
    "gmail-ja": [f"2025年6月2日(月) 10:04 {S} <{M}>:"],
    "gmail-ko": [f"2025년 6월 2일 (월) 오전 10:04, {S} <{M}>님이 작성:"],
    "gmail-zh": [f"{S} <{M}> 于2025年6月2日周一 10:04写道："],
    "gmail-date-first": [f"2025-06-02 10:04 GMT+02:00 {S} <{M}>:"],
    "wp-pl": [f"Dnia 2 czerwca 2025 10:04 {S} <{M}> napisał(a):"],
    "yahoo-en": [f"On Monday, June 2, 2025 at 10:04:30 AM GMT+2, {S} <{M}> wrote:"],
    "yahoo-de": [f"Am Montag, 2. Juni 2025 um 10:04:30 MESZ hat {S} <{M}> Folgendes geschrieben:"],
    "yahoo-fr": [f"Le lundi 2 juin 2025 à 10:04:30 UTC+2, {S} <{M}> a écrit :"],
    "yahoo-es": [f"El lunes, 2 de junio de 2025, 10:04:30 CEST, {S} <{M}> escribió:"],
    "mail-ru-en": [f"Monday, 2 June 2025, 10:04 +03:00 from {S} <{M}>:"],
    "hey": [f"On June 2, 2025, {S} <{M}> wrote:"],
    "superhuman": [f"On Mon, Jun 02, 2025 at 10:04 AM, {S} <{M}> wrote:"],
    "squirrelmail": [f"On Mon, June 2, 2025 10:04 am, {S} wrote:"],
    "mutt": [f"On Mon, Jun 02, 2025 at 10:04:30AM +0200, {S} wrote:"],
    "kmail": [f"On Montag, 2. Juni 2025 10:04:30 CEST {S} wrote:"],
    "evolution": [f"On Mon, 2025-06-02 at 10:04 +0200, {S} wrote:"],
    "sogo": [f'On Monday, June 02, 2025 10:04 CEST, "{S}" <{M}> wrote:'],
    "horde": [f"Zitat von {S} <{M}>:"],
}

# The client's text: a short note, and a greeting over two lines.
TEXT_LANGS = ("en", "de", "fr", "es", "pl", "ru", "ja", "zh")
TEXTS = [
    text
    for code in TEXT_LANGS
    for text in (NEW[code].split("\n")[0], f"Hello Anna,\n\n{NEW[code]}")
]
ENCODINGS = (("utf-8", "quoted-printable"), ("utf-8", "base64"))


def _bodies(head: list[str], text: str) -> list[str]:
    out = []
    for quote in (False, True):
        original = [f"> {line}".rstrip() for line in ORIGINAL] if quote else ORIGINAL
        for blank in (True, False):
            gap = [""] if blank else []
            out.append("\n".join([text, *gap, *head, *([""] if quote else []), *original, ""]))
    return out


@pytest.mark.parametrize("shape", sorted(HEADERS))
def test_the_header_and_the_history_under_it_go(shape: str) -> None:
    missed = []
    for text in TEXTS:
        for body in _bodies(HEADERS[shape], text):
            for charset, cte in ENCODINGS:
                got = read(body, charset, cte)
                if got.split() != text.split():
                    missed.append(f"[{charset} {cte}]\n{body}\n---> {got!r}")
    assert not missed, f"{len(missed)} missed\n\n" + "\n\n".join(missed[:3])


def test_orange_quotes_its_block_with_the_history() -> None:
    """Orange's webmail quotes the title and the block with the history."""
    head = HEADERS["orange"]
    for text in TEXTS[1::2]:
        quoted = [f"> {line}".rstrip() for line in [*head, "", *ORIGINAL]]
        body = "\n".join([text, "", *quoted, ""])
        assert read(body).split() == text.split(), body


def test_groupwise_history_quoted_under_its_line_is_hidden_with_it() -> None:
    """The client answers inside the quoted history under GroupWise's line: the line is
    an attribution, the answers stay."""
    body = "\n".join(
        [
            f">>> {S} <{M}> 02.06.2025 10:04 >>>",
            "> Is the printer on the second floor affected too?",
            "",
            "Yes, both printers.",
            "",
            "> Which driver version is installed?",
            "",
            "Version 4.2, since Monday.",
            "",
        ]
    )
    got = read(body)
    assert " ".join(got.split()) == "Yes, both printers. Version 4.2, since Monday.", got
