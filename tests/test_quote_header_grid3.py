"""Quote headers in the shapes the first two grids leave out, over a grid:

- Outlook's "From: / Sent: / To: / Cc: / Subject:" block in twenty languages × the
  forms its labels take in plain text (plain, ``*bold*`` and ``**bold**`` from an HTML
  part turned into text, a space or a no-break space before the colon as French
  typography sets it, a tab after the label) × the rule above it (none, underscores
  right above or a blank line between) × the date forms of the programs (the localised
  weekday, ISO, day-month-year, a 12-hour clock, Outlook's time-zone name, Outlook
  mobile's "Montag, Juni 2, 2025 10:04:12 AM") × the sender's forms ("Name <addr>",
  "Name [mailto:addr]", the bare address, "Last, First <addr>") × wrapped at 72, 76 or
  78 columns or not × the history right under it, a line below, or quoted with ``>``;
  and the labels the Thunderbird add-on that writes Outlook's header sets in Japanese,
  Arabic and French ("送信者:" / "日時:", "من :" / "التاريخ :", "Pour :").
- The attribution lines of Gmail, Apple Mail and Thunderbird in the languages the
  first grid has none of (Indonesian, Vietnamese, Thai, Hebrew, Arabic, Persian) and,
  for those it has, in the date forms it does not write (ISO dates, day-month-year,
  12-hour clocks with the language's AM/PM, time zones, localised weekdays) and with
  Thunderbird's attribution without a date ("Anna Schmidt kirjoitti:") — folded at 72,
  76 and 78 columns, above a ``>`` quote or above unquoted history.
- The history quoted with ``>`` under those attributions, its long lines hard-wrapped
  after the mark was added, the continuations without it, in those languages.

Whatever the shape, the reply is the client's text, word for word.  The client's own
lines that mention "wrote:" or "From:" in a sentence, a log the client pastes with
"From:" and "To:" lines in it, a date and a name in a sentence ending in a colon: they
stay.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from mailgate.parse.quotes import reply_text
from tests.support.quote_grid import ORIGINAL, SUBJECT, read
from tests.support.wrap_grid import hard_wrap, quoted, wrap_line
from tests.support.wrap_languages import ANSWERS, WRAPPED_ORIGINAL

S = "Anna Schmidt"
M = "anna@helpdesk.example"
CLIENT = "Jane Client <jane@client.example>"
COPY = "Office Team <office@client.example>; Tom Baker <tom.baker@client.example>"
RECIPIENTS = (
    "Jane Client <jane@client.example>; Office Team <office@client.example>; "
    "Facilities <facilities@client.example>"
)
WIDTHS = (None, 72, 76, 78)


@dataclass(frozen=True)
class Outlook:
    # The client's note above the header.
    text: str
    # From, Sent, To, Cc, Subject, as Outlook labels them in the language.
    labels: tuple[str, str, str, str, str]
    # The date as Outlook writes it in the language (weekday and month localised).
    long_date: str
    # A 12-hour time in the language's words for it.
    twelve_hour: str


OUTLOOK: dict[str, Outlook] = {
    "en": Outlook(
        "Thanks, the printer works again.",
        ("From", "Sent", "To", "Cc", "Subject"),
        "Monday, June 2, 2025 10:04 AM",
        "6/2/2025 10:04 PM",
    ),
    "de": Outlook(
        "Danke, der Drucker geht wieder.",
        ("Von", "Gesendet", "An", "Cc", "Betreff"),
        "Montag, 2. Juni 2025 10:04",
        "02.06.2025 10:04 PM",
    ),
    "fr": Outlook(
        "Merci, l'imprimante fonctionne de nouveau.",
        ("De", "Envoyé", "À", "Cc", "Objet"),
        "lundi 2 juin 2025 10:04",
        "02/06/2025 10:04 PM",
    ),
    "es": Outlook(
        "Gracias, la impresora ya funciona.",
        ("De", "Enviado", "Para", "CC", "Asunto"),
        "lunes, 2 de junio de 2025 10:04",
        "02/06/2025 10:04 p. m.",
    ),
    "it": Outlook(
        "Grazie, la stampante funziona di nuovo.",
        ("Da", "Inviato", "A", "Cc", "Oggetto"),
        "lunedì 2 giugno 2025 10:04",
        "02/06/2025 10:04 PM",
    ),
    "nl": Outlook(
        "Bedankt, de printer doet het weer.",
        ("Van", "Verzonden", "Aan", "CC", "Onderwerp"),
        "maandag 2 juni 2025 10:04",
        "2-6-2025 10:04 PM",
    ),
    "pt-br": Outlook(
        "Obrigado, a impressora voltou a funcionar.",
        ("De", "Enviado", "Para", "Cc", "Assunto"),
        "segunda-feira, 2 de junho de 2025 10:04",
        "02/06/2025 10:04 PM",
    ),
    "pt-pt": Outlook(
        "Obrigado, a impressora voltou a funcionar.",
        ("De", "Enviada", "Para", "Cc", "Assunto"),
        "2 de junho de 2025 10:04",
        "02/06/2025 10:04 PM",
    ),
    "pl": Outlook(
        "Dziękuję, drukarka znowu działa.",
        ("Od", "Wysłano", "Do", "DW", "Temat"),
        "poniedziałek, 2 czerwca 2025 10:04",
        "2.06.2025 10:04 PM",
    ),
    "cs": Outlook(
        "Děkuji, tiskárna zase funguje.",
        ("Od", "Odesláno", "Komu", "Kopie", "Předmět"),
        "pondělí 2. června 2025 10:04",
        "2. 6. 2025 10:04 odp.",
    ),
    "ru": Outlook(
        "Спасибо, принтер снова работает.",
        ("От", "Отправлено", "Кому", "Копия", "Тема"),
        "понедельник, 2 июня 2025 г. 10:04",
        "02.06.2025 10:04 PM",
    ),
    "tr": Outlook(
        "Teşekkürler, yazıcı yeniden çalışıyor.",
        ("Kimden", "Gönderildi", "Kime", "Bilgi", "Konu"),
        "2 Haziran 2025 Pazartesi 10:04",
        "2.06.2025 ÖS 10:04",
    ),
    "sv": Outlook(
        "Tack, skrivaren fungerar igen.",
        ("Från", "Skickat", "Till", "Kopia", "Ämne"),
        "den 2 juni 2025 10:04",
        "2025-06-02 10:04 em",
    ),
    "da": Outlook(
        "Tak, printeren virker igen.",
        ("Fra", "Sendt", "Til", "Cc", "Emne"),
        "2. juni 2025 10:04",
        "02-06-2025 10:04 PM",
    ),
    "no": Outlook(
        "Takk, skriveren virker igjen.",
        ("Fra", "Sendt", "Til", "Kopi", "Emne"),
        "mandag 2. juni 2025 10:04",
        "02.06.2025 10:04 PM",
    ),
    "fi": Outlook(
        "Kiitos, tulostin toimii taas.",
        ("Lähettäjä", "Lähetetty", "Vastaanottaja", "Kopio", "Aihe"),
        "maanantai 2. kesäkuuta 2025 10.04",
        "2.6.2025 10.04 ip.",
    ),
    "hu": Outlook(
        "Köszönöm, a nyomtató újra működik.",
        ("Feladó", "Elküldve", "Címzett", "Másolatot kap", "Tárgy"),
        "2025. június 2., hétfő 10:04",
        "2025. 06. 02. du. 10:04",
    ),
    "ja": Outlook(
        "ありがとうございます。プリンターが直りました。",
        ("差出人", "送信日時", "宛先", "CC", "件名"),
        "2025年6月2日 月曜日 10:04",
        "2025/06/02 午後 10:04",
    ),
    "zh": Outlook(
        "谢谢，打印机又能用了。",
        ("发件人", "发送时间", "收件人", "抄送", "主题"),
        "2025年6月2日 星期一 10:04",
        "2025/6/2 下午 10:04",
    ),
    "ko": Outlook(
        "감사합니다. 프린터가 다시 작동합니다.",
        ("보낸 사람", "보낸 날짜", "받는 사람", "참조", "제목"),
        "2025년 6월 2일 월요일 오전 10:04",
        "2025-06-02 오후 10:04",
    ),
}

# The forms a label takes in plain text: as Outlook writes it, bold from an HTML part
# (one star or two, as converters write it), a space or a no-break space before the
# colon, a tab after it.
LABEL_FORMS = {
    "plain": "{label}: {value}",
    "bold": "*{label}:* {value}",
    "markdown": "**{label}:** {value}",
    "bold-outside": "*{label}*: {value}",
    "space": "{label} : {value}",
    "nbsp": "{label}\u00a0: {value}",
    "tab": "{label}:\t{value}",
}
# The rule above the block: none, Outlook's underscores, or its underscores a line above.
RULES = {"none": [], "underscores": ["_" * 32], "gap": ["_" * 40, ""]}


def dates(lang: Outlook) -> list[str]:
    """The date forms a Sent field holds: the language's, ISO, day-month-year, a 12-hour
    clock, Outlook's time zone, Outlook mobile's English month order."""
    return [
        lang.long_date,
        "2025-06-02 10:04",
        "02.06.2025 22:04:31",
        lang.twelve_hour,
        f"{lang.long_date} (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien",
        "Monday, June 2, 2025 10:04:12 AM",
    ]


SENDERS = [
    f"{S} <{M}>",
    f"{S} [mailto:{M}]",
    M,
    f'"Schmidt, Anna" <{M}>',
    S,
    # A name that ends with an abbreviation's full stop.
    f"{S}, M.Sc.",
    "Helpdesk Example Ltd.",
]


def fold(line: str, width: int | None) -> list[str]:
    return [line] if width is None else wrap_line(line, width)


def outlook_block(
    lang: Outlook, form: str, date: str, sender: str, width: int | None, cc: bool
) -> list[str]:
    frm, sent, to, copy, subject = lang.labels
    shape = LABEL_FORMS[form]
    fields = [
        (frm, sender),
        (sent, date),
        (to, RECIPIENTS),
        *([(copy, COPY)] if cc else []),
        (subject, f"RE: {SUBJECT} – driver on the second floor"),
    ]
    return [
        piece
        for label, value in fields
        for piece in fold(shape.format(label=label, value=value), width)
    ]


HISTORIES = {
    # The history right under the block, a line below it, or quoted.
    "under": ORIGINAL,
    "below": ["", *ORIGINAL],
    "quoted": ["", *(f"> {line}".rstrip() for line in ORIGINAL)],
}


def _outlook_layouts(code: str, form: str) -> list[str]:
    lang = OUTLOOK[code]
    out = []
    n = 0
    for date in dates(lang):
        for rule in RULES.values():
            sender = SENDERS[n % len(SENDERS)]
            width = WIDTHS[n % len(WIDTHS)]
            history = list(HISTORIES)[n % len(HISTORIES)]
            n += 1
            block = outlook_block(lang, form, date, sender, width, cc=bool(n % 2))
            out.append("\n".join([lang.text, "", *rule, *block, *HISTORIES[history], ""]))
    return out


OUTLOOK_GRID = [(code, form) for code in OUTLOOK for form in LABEL_FORMS]


@pytest.mark.parametrize(("code", "form"), OUTLOOK_GRID, ids=[f"{c}-{f}" for c, f in OUTLOOK_GRID])
def test_outlooks_block_in_its_forms_goes_with_the_history(code: str, form: str) -> None:
    expected = OUTLOOK[code].text
    missed = []
    for body in _outlook_layouts(code, form):
        got = reply_text(body)
        if got.split() != expected.split():
            missed.append(f"{body}\n---> {got!r}")
    assert not missed, f"{len(missed)} missed\n\n" + "\n\n".join(missed[:3])


@pytest.mark.parametrize("code", sorted(OUTLOOK))
def test_outlooks_block_sent_as_mail_goes(code: str) -> None:
    """The same, as a mail program sends it (quoted-printable, base64)."""
    lang = OUTLOOK[code]
    block = outlook_block(lang, "bold", lang.long_date, SENDERS[0], 76, cc=True)
    for cte in ("quoted-printable", "base64"):
        body = "\n".join([lang.text, "", "_" * 32, *block, "", *ORIGINAL, ""])
        got = read(body, "utf-8", cte)
        assert got.split() == lang.text.split(), f"{body}\n---> {got!r}"


# The labels the Thunderbird add-on that writes Outlook's header sets, where they differ
# from Outlook's own: Japanese, Arabic, French's "Pour", Polish's "Wysłane".
ADDON_BLOCKS = {
    "ja": ["送信者: " + f"{S} <{M}>", "送信メール: 2025年6月2日 10:04", f"宛先: {CLIENT}",
           f"件名: RE: {SUBJECT}"],
    "ja-date": ["送信者: " + f"{S} <{M}>", "日時: 2025年6月2日 10:04", f"宛先: {CLIENT}",
                f"件名: RE: {SUBJECT}"],
    "ar": [f"من : {S} <{M}>", "المرسلة : الاثنين، 2 يونيو 2025 10:04", f"إلى : {CLIENT}",
           f"الموضوع : RE: {SUBJECT}"],
    "ar-date": [f"من : {S} <{M}>", "التاريخ : الاثنين، 2 يونيو 2025 10:04",
                f"إلى : {CLIENT}", f"الموضوع : RE: {SUBJECT}"],
    "fr": [f"De : {S} <{M}>", "Envoyé : lundi 2 juin 2025 10:04", f"Pour : {CLIENT}",
           f"Objet : RE: {SUBJECT}"],
    "pl": [f"Od: {S} <{M}>", "Wysłane: poniedziałek, 2 czerwca 2025 10:04", f"Do: {CLIENT}",
           f"Temat: RE: {SUBJECT}"],
}  # fmt: skip


@pytest.mark.parametrize("shape", sorted(ADDON_BLOCKS))
def test_the_addons_block_goes(shape: str) -> None:
    text = "Thanks, it works again."
    for rule in RULES.values():
        for history in HISTORIES.values():
            body = "\n".join([text, "", *rule, *ADDON_BLOCKS[shape], *history, ""])
            got = reply_text(body)
            assert got.split() == text.split(), f"{body}\n---> {got!r}"


# -- attributions ------------------------------------------------------------------------


@dataclass(frozen=True)
class Attribution:
    text: str
    # Each program's attribution in the language, "{date}" where the date goes, "{who}"
    # the sender, "{sender}" the sender with the address (in the attributions without a
    # verb, which always give it).
    forms: tuple[str, ...]
    # The dates the programs write in it.
    dates: tuple[str, ...]
    # Thunderbird's attribution without a date.
    bare: str


W = f"{S} <{M}>"

ATTRIBUTIONS: dict[str, Attribution] = {
    "id": Attribution(
        "Terima kasih, printernya sudah berfungsi lagi.",
        ("Pada {date} {who} menulis:", "Pada tanggal {date}, {who} menulis:"),
        ("Sen, 2 Jun 2025 pukul 10.04", "2025-06-02 10:04", "02/06/2025 10.04 PM"),
        f"{S} menulis:",
    ),
    "vi": Attribution(
        "Cảm ơn, máy in đã hoạt động lại.",
        ("Vào {date} {who} đã viết:", "Vào lúc {date}, {who} đã viết:"),
        ("Th 2, 2 thg 6, 2025 vào lúc 10:04", "10:04 CH, Th 2, 02/06/2025", "2025-06-02 10:04"),
        f"{S} đã viết:",
    ),
    "th": Attribution(
        "ขอบคุณครับ เครื่องพิมพ์ใช้งานได้แล้ว",
        ("เมื่อ {date} {who} เขียนว่า:", "เมื่อ {date}, {who} เขียนว่า:"),
        ("จ. 2 มิ.ย. 2025 เวลา 10:04", "2 มิถุนายน 2568 10:04", "2025-06-02 10:04"),
        f"{S} เขียนว่า:",
    ),
    "he": Attribution(
        "תודה, המדפסת עובדת שוב.",
        ("ב-{date}, מאת {sender}:", "ב-{date}, {who} כתב/ה:", "בתאריך {date} {who} כתב:"),
        ("יום ב׳, 2 ביוני 2025 ב-10:04", "2 ביוני 2025, בשעה 10:04", "02/06/2025 10:04"),
        f"{S} כתב/ה:",
    ),
    "ar": Attribution(
        "شكراً، الطابعة تعمل من جديد.",
        ("في {date}، كتب {who}:", "بتاريخ {date}، كتب {who}:", "في {date} كتب {who}:"),
        ("الاثنين، 2 يونيو 2025 في 10:04 ص", "02/06/2025 10:04 م", "2025-06-02 10:04"),
        f"كتب {S}:",
    ),
    "fa": Attribution(
        "ممنون، چاپگر دوباره کار می‌کند.",
        ("در تاریخ {date} {who} نوشت:", "{date}، {who} نوشت:"),
        ("دوشنبه ۲ ژوئن ۲۰۲۵ ساعت ۱۰:۰۴", "2025-06-02 10:04"),
        f"{S} نوشت:",
    ),
    "tr": Attribution(
        "Teşekkürler, yazıcı yeniden çalışıyor.",
        ("{who}, {date} tarihinde şunu yazdı:", "{date} tarihinde {who} şunu yazdı:"),
        ("2 Haz 2025 Pzt 10:04", "2025-06-02 10:04", "2 Haziran 2025 Pazartesi ÖS 10:04"),
        f"{S} yazdı:",
    ),
    "hu": Attribution(
        "Köszönöm, a nyomtató újra működik.",
        ("{who} ezt írta (időpont: {date}):", "{date} keltezéssel, {who} ezt írta:"),
        ("2025. jún. 2., H, 10:04", "2025-06-02 10:04", "2025. június 2., hétfő du. 10:04"),
        f"{S} ezt írta:",
    ),
    "cs": Attribution(
        "Děkuji, tiskárna zase funguje.",
        ("Dne {date} {who} napsal(a):", "{date}, {who} napsal(a):"),
        ("po 2. 6. 2025 v 10:04", "2025-06-02 10:04", "2. června 2025 10:04 odp."),
        f"{S} napsal(a):",
    ),
    "ro": Attribution(
        "Mulțumesc, imprimanta funcționează din nou.",
        ("Pe {date}, {who} a scris:", "În {date}, {who} a scris:"),
        ("lun., 2 iun. 2025, 10:04", "2025-06-02 10:04", "02.06.2025 10:04 PM"),
        f"{S} a scris:",
    ),
    "el": Attribution(
        "Ευχαριστώ, ο εκτυπωτής λειτουργεί ξανά.",
        ("Στις {date}, ο/η {who} έγραψε:", "Στις {date}, ο χρήστης {who} έγραψε:"),
        ("Δευ 2 Ιουν 2025 στις 10:04", "2025-06-02 10:04", "02/06/2025 10:04 μ.μ."),
        f"Ο/Η {S} έγραψε:",
    ),
    "fi": Attribution(
        "Kiitos, tulostin toimii taas.",
        ("{date} {who} kirjoitti:", "{who} kirjoitti {date}:"),
        ("ma 2. kesäk. 2025 klo 10.04", "2025-06-02 10:04", "2.6.2025 klo 22.04 (UTC+3)"),
        f"{S} kirjoitti:",
    ),
    "ko": Attribution(
        "감사합니다. 프린터가 다시 작동합니다.",
        ("{date}, {who}님이 작성:", "{date}, {who} 작성:"),
        ("2025년 6월 2일 (월) 오후 10:04", "2025-06-02 10:04", "2025. 6. 2. 오전 10:04 KST"),
        f"{S}님이 작성:",
    ),
    "ja": Attribution(
        "ありがとうございます。プリンターが直りました。",
        ("{date}、{who}のメッセージ:", "{date} {sender}:", "{date}、{who}のメール:"),
        ("2025年6月2日(月) 22:04", "2025/06/02 午後10:04", "2025-06-02 10:04 JST"),
        f"{S} さんは書きました:",
    ),
    "zh": Attribution(
        "谢谢，打印机又能用了。",
        ("{who} 于{date}写道：", "在 {date}，{who} 写道：", "{date}，{who} 写道："),
        ("2025年6月2日周一 下午10:04", "2025-06-02 10:04", "2025/6/2 22:04 (GMT+08:00)"),
        f"{S} 写道：",
    ),
    "en": Attribution(
        "Thanks, the printer works again.",
        ("On {date}, {who} wrote:", "On {date} {who} wrote:"),
        ("2025-06-02 10:04", "02/06/2025 22:04 CEST", "Mon, 2 Jun 2025 10:04 PM (UTC+02:00)"),
        f"{S} wrote:",
    ),
    "de": Attribution(
        "Danke, der Drucker geht wieder.",
        ("Am {date} schrieb {who}:", "{who} schrieb am {date}:"),
        ("2025-06-02 um 22:04", "Mo., 02.06.2025 10:04 MESZ", "Montag, 2. Juni 2025 10:04 (UTC+2)"),
        f"{S} schrieb:",
    ),
}


def attribution_lines(lang: Attribution, width: int | None) -> list[list[str]]:
    """Every attribution of ``lang``: each form with each date, the sender named with and
    without an address; and the one without a date.  Folded at ``width``."""
    out = []
    for k, form in enumerate(lang.forms):
        for n, date in enumerate(lang.dates):
            who = W if (k + n) % 2 == 0 else S
            out.append(fold(form.format(date=date, who=who, sender=W), width))
    out.append([lang.bare])
    return out


def _attribution_layouts(code: str) -> list[str]:
    lang = ATTRIBUTIONS[code]
    out = []
    for width in WIDTHS:
        for head in attribution_lines(lang, width):
            out.append("\n".join([lang.text, "", *head, *(f"> {x}".rstrip() for x in ORIGINAL)]))
            out.append("\n".join([lang.text, "", *head, "", *ORIGINAL]))
    return out


@pytest.mark.parametrize("code", sorted(ATTRIBUTIONS))
def test_the_attribution_and_the_history_under_it_go(code: str) -> None:
    expected = ATTRIBUTIONS[code].text
    missed = []
    for body in _attribution_layouts(code):
        got = reply_text(body)
        if got.split() != expected.split():
            missed.append(f"{body}\n---> {got!r}")
    assert not missed, f"{len(missed)} missed\n\n" + "\n\n".join(missed[:3])


@pytest.mark.parametrize("code", sorted(ATTRIBUTIONS))
def test_the_attribution_sent_as_mail_goes(code: str) -> None:
    lang = ATTRIBUTIONS[code]
    head = fold(lang.forms[0].format(date=lang.dates[0], who=W, sender=W), 76)
    body = "\n".join([lang.text, "", *head, *(f"> {x}".rstrip() for x in ORIGINAL), ""])
    got = read(body, "utf-8", "base64")
    assert got.split() == lang.text.split(), f"{body}\n---> {got!r}"


# -- the quote under them hard-wrapped ---------------------------------------------------

WRAP_WIDTHS = (72, 76, 78)


@pytest.mark.parametrize("code", sorted(WRAPPED_ORIGINAL))
def test_a_hard_wrapped_quote_under_the_attribution_goes(code: str) -> None:
    """Top posting and bottom posting: the quote's lines sent long (or wrapped at 72 by
    the sender) and wrapped after the mark, the continuations unmarked."""
    lang = ATTRIBUTIONS[code]
    head_form = lang.forms[0].format(date=lang.dates[0], who=W, sender=W)
    missed = []
    for width in WRAP_WIDTHS:
        for sender_width in (None, 72):
            quote = hard_wrap(quoted(WRAPPED_ORIGINAL[code], sender_width=sender_width), width)
            head = fold(head_form, width)
            top = "\n".join([lang.text, "", *head, *quote, ""])
            bottom = "\n".join([*head, *quote, "", lang.text, ""])
            for body in (top, bottom):
                got = reply_text(body)
                if got.split() != lang.text.split():
                    missed.append(f"{body}\n---> {got!r}")
    assert not missed, f"{len(missed)} missed\n\n" + "\n\n".join(missed[:3])


@pytest.mark.parametrize("code", sorted(WRAPPED_ORIGINAL))
def test_answers_between_hard_wrapped_quoted_paragraphs_stay(code: str) -> None:
    lang = ATTRIBUTIONS[code]
    head = [lang.forms[0].format(date=lang.dates[0], who=W, sender=W)]
    first, second = WRAPPED_ORIGINAL[code]
    for width in WRAP_WIDTHS:
        body = "\n".join(
            [
                *hard_wrap(head, width),
                *hard_wrap([f"> {first}"], width),
                "",
                ANSWERS[code],
                "",
                *hard_wrap([f"> {second}"], width),
                "",
                lang.text,
                "",
            ]
        )
        got = reply_text(body)
        expected = f"{ANSWERS[code]} {lang.text}"
        assert got.split() == expected.split(), f"{body}\n---> {got!r}"


# -- the client's own lines --------------------------------------------------------------

KEPT = [
    # "wrote" and "From:" in the client's sentences.
    "My colleague Anna wrote: the printer is fixed. It is not.",
    "Ich habe gestern an Anna geschrieben: keine Antwort bis heute.",
    "Rakan saya menulis: pencetak sudah diperbaiki. Ternyata belum.",
    "Đồng nghiệp tôi đã viết: máy in đã sửa xong. Nhưng chưa.",
    "Meslektaşım şunu yazdı: yazıcı tamir edildi. Ama edilmedi.",
    "A kollégám ezt írta: a nyomtató megjavult. Pedig nem.",
    "Kolega napsal(a): tiskárna je opravená. Není.",
    "Ο συνάδελφός μου έγραψε: ο εκτυπωτής επισκευάστηκε. Δεν επισκευάστηκε.",
    "The bounce says From: address not allowed, To: unknown user.",
    "Kimden: alanı boş geliyor, Konu: satırı da eksik.",
    # A date and a name in a sentence ending in a colon.
    "On 2025-06-02 at 10:04 the printer showed this message:\nE45 paper jam in tray 2",
    "Dne 2. 6. 2025 v 10:04 tiskárna ukázala tuto chybu:\nE45 zaseknutý papír",
    "2025年6月2日 10:04 にプリンターが次のエラーを表示しました:\nE45 紙詰まり",
    # The labels of Outlook's block in more languages, in the client's list.
    "At: the front desk, second floor.\nFrom: 9 to 17.\nSubjek: pencetak, bukan pemindai.",
    "Nork: inork ez du erantzun.\nGaia: inprimagailua.",
]

# A log the client pastes, with "From:", "To:", "Subject:" lines in it.
LOGS = [
    "Our mail server logged these lines when your message bounced:\n\n"
    "Date: 2025-06-02 10:04:12\nFrom: billing@client.example\nTo: anna@helpdesk.example\n"
    "Subject: Invoice 4521\nStatus: 550 5.1.1 user unknown\n\nCan you check the address?",
    "Das Protokoll unseres Servers zeigt Folgendes:\n\n"
    "    From: billing@client.example\n    To: anna@helpdesk.example\n"
    "    Date: 02.06.2025 10:04\n    Subject: Rechnung 4521\n    Result: rejected\n\n"
    "Können Sie die Adresse prüfen?",
    "The queue shows:\n"
    "2025-06-02 10:04:12 From: <billing@client.example> To: <anna@helpdesk.example> "
    "Subject: Invoice 4521 status=deferred\n"
    "2025-06-02 10:09:12 From: <billing@client.example> To: <anna@helpdesk.example> "
    "Subject: Invoice 4521 status=bounced\n\nWhy is it deferred?",
]


@pytest.mark.parametrize("kept", KEPT + LOGS)
def test_the_clients_own_lines_stay(kept: str) -> None:
    text = f"Hello,\n\n{kept}\n\nThe printer still does not work."
    got = reply_text(text)
    assert got.split() == text.split(), got


@pytest.mark.parametrize("kept", KEPT + LOGS)
def test_the_clients_own_lines_stay_above_a_real_header(kept: str) -> None:
    """… and above the header of the history, which goes."""
    text = f"Hello,\n\n{kept}\n\nThe printer still does not work."
    block = outlook_block(OUTLOOK["en"], "plain", "2025-06-02 10:04", SENDERS[0], None, cc=False)
    body = "\n".join([text, "", "_" * 32, *block, "", *ORIGINAL])
    got = reply_text(body)
    assert got.split() == text.split(), got


# -- more shapes of the same ---------------------------------------------------------------

# Apple Mail's and iPhone Mail's attribution, which goes inside the quote, under the
# phone's localised footer; the digits the language's phones write (Arabic-Indic,
# Persian) as well as ASCII ones.
IPHONE = {
    "id": ("Dikirim dari iPhone saya", f"Pada 2 Jun 2025, pukul 10.04, {W} menulis:"),
    "vi": ("Được gửi từ iPhone của tôi", f"Vào lúc 10:04, Th 2, 2 thg 6, 2025, {W} đã viết:"),
    "th": ("ส่งจาก iPhone ของฉัน", f"เมื่อ 2 มิ.ย. 2568 เวลา 10:04 {W} เขียนว่า:"),
    "he": ("נשלח מה-iPhone שלי", f"ב-2 ביוני 2025, בשעה 10:04, {W} כתב/ה:"),
    "ar": ("أرسلت من الـ iPhone", f"في ٢ يونيو ٢٠٢٥، الساعة ١٠:٠٤ ص، كتب {W}:"),
    "fa": ("ارسال شده از iPhone من", f"در ۲ ژوئن ۲۰۲۵، ساعت ۱۰:۰۴، {W} نوشت:"),
    "tr": ("iPhone'umdan gönderildi", f"2 Haz 2025 tarihinde 10:04 saatinde, {W} şunları yazdı:"),
    "hu": ("iPhone-ról küldve", f"2025. jún. 2. dátummal, 10:04 időpontban {W} írta:"),
    "cs": ("Odesláno z iPhonu", f"2. 6. 2025 v 10:04, {W} napsal(a):"),
    "ro": ("Trimis de pe iPhone-ul meu", f"Pe 2 iun. 2025, la 10:04, {W} a scris:"),
    "el": ("Στάλθηκε από το iPhone μου", f"Στις 2 Ιουν 2025, στις 10:04, ο χρήστης {W} έγραψε:"),
    "fi": ("Lähetetty iPhonesta", f"{W} kirjoitti 2.6.2025 kello 10.04:"),
    "ko": ("내 iPhone에서 보냄", f"2025. 6. 2. 오전 10:04, {W} 작성:"),
    "ja": ("iPhoneから送信", f"2025/06/02 10:04、{W}のメール:"),
    "zh": ("发自我的iPhone", f"2025年6月2日 10:04，{W} 写道："),
}


@pytest.mark.parametrize("code", sorted(IPHONE))
def test_the_phones_attribution_inside_the_quote_goes(code: str) -> None:
    text = ATTRIBUTIONS[code].text
    footer, attribution = IPHONE[code]
    for width in WIDTHS:
        head = [f"> {line}" for line in fold(attribution, width)]
        for top in ([text, "", footer, ""], [text, ""]):
            body = "\n".join([*top, *head, ">", *(f"> {x}".rstrip() for x in ORIGINAL), ""])
            got = reply_text(body)
            assert got.split() == text.split(), f"{body}\n---> {got!r}"


# Outlook's sender when a colleague sends from a shared mailbox, in its languages.
ON_BEHALF = {
    "en": "On Behalf Of", "de": "Im Auftrag von", "fr": "De la part de", "es": "En nombre de",
    "it": "Per conto di", "nl": "Namens", "pl": "W imieniu", "pt-br": "Em nome de",
    "sv": "För", "da": "På vegne af", "no": "På vegne av", "cs": "Za", "tr": "Adına",
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(ON_BEHALF))
def test_outlooks_block_from_a_shared_mailbox_goes(code: str) -> None:
    """The block right under the client's text (no blank line between) as well as below
    it, an importance line under the subject, the history under it."""
    lang = OUTLOOK[code]
    sender = f"Helpdesk <support@helpdesk.example> {ON_BEHALF[code]} {S}"
    block = outlook_block(lang, "plain", lang.long_date, sender, 76, cc=True)
    for gap in ([], [""]):
        for extra in ([], ["Importance: High"]):
            for history in HISTORIES.values():
                body = "\n".join([lang.text, *gap, *block, *extra, *history, ""])
                got = reply_text(body)
                assert got.split() == lang.text.split(), f"{body}\n---> {got!r}"


# The client's sentences that end in the verb of writing and a colon, the words they
# quote unquoted under them: no name before the verb, so no attribution.
SENTENCES_WITH_THE_VERB = [
    "Yesterday I called the hotline and your colleague Tom wrote:\nthe printer is fixed.",
    "Rekan Anda kemarin menulis:\nprinter sudah diperbaiki.",
    "Meslektaşınız dün şunu yazdı:\nyazıcı tamir edildi.",
    "A kollégája tegnap ezt írta:\na nyomtató megjavult.",
    "Váš kolega včera napsal:\ntiskárna je opravená.",
    "Kollegasi eilen kirjoitti:\ntulostin on korjattu.",
    "Đồng nghiệp của bạn hôm qua đã viết:\nmáy in đã được sửa.",
    "On Monday the technician wrote:\nall fixed, please try again.",
    "Ihr Techniker schrieb:\nalles repariert.",
    "Votre technicien a écrit :\ntout est réparé.",
    "Skrev till leverantören igår:\ninget svar än.",
    "Napsal jsem dodavateli:\nzatím bez odpovědi.",
]
# The client's "From:" and "To:" lines that are sentences, not a sender.
SENTENCES_WITH_LABELS = [
    "From: the supplier, no answer since Monday.\nTo: nobody else.\nSubject: still open.",
    "Von: unserem Lieferanten kam nichts mehr!\nBetreff: Rechnung 4521",
    "De : notre fournisseur, aucune réponse depuis lundi.\nObjet : la facture 4521",
]


@pytest.mark.parametrize("kept", SENTENCES_WITH_THE_VERB + SENTENCES_WITH_LABELS)
def test_the_clients_sentences_stay(kept: str) -> None:
    text = f"Hello,\n\n{kept}\n\nIt still does not work."
    got = reply_text(text)
    assert got.split() == text.split(), got
    body = "\n".join([text, "", f"On 2 Jun 2025, at 10:04, {W} wrote:", "", *ORIGINAL])
    got = reply_text(body)
    assert got.split() == text.split(), got


# -- the writer's lines under a hard-wrapped quote -----------------------------------------


def test_the_writers_paragraph_right_under_a_quoted_sentence_stays() -> None:
    """The quote is wrapped after its marks (its first paragraph's tail shows it), and the
    writer answers right under a quoted line that ends a sentence, without a blank line:
    a line alone, or a paragraph with a line short of the width in it, is the writer's."""
    first = WRAPPED_ORIGINAL["tr"][0]
    answers = [
        "Tamam, teşekkürler.",
        "Kurdum.\nYazıcı yeniden çalışıyor, tarayıcı da.",
    ]
    for width in WRAP_WIDTHS:
        quote = hard_wrap([f"> {first}", ">"], width)
        sentence = "> Lütfen sürücüyü kurun ve bilgisayarı yeniden başlatın, sonra tekrar deneyin."
        for answer in answers:
            body = "\n".join([*quote, sentence, answer, "", "Teşekkürler.", ""])
            got = reply_text(body)
            expected = f"{answer} Teşekkürler."
            assert got.split() == expected.split(), f"{body}\n---> {got!r}"


# Outlook's block in languages the first grid has none of, and Gmail's forwarded message
# in the languages of the attributions above (its date and subject labels left in
# English, as Gmail leaves them).
A = f"{S} <{M}>"
MORE_BLOCKS = {
    "ms": [f"Daripada: {A}", "Dihantar: Isnin, 2 Jun 2025 10:04 PG", f"Kepada: {CLIENT}",
           "Subjek: RE: Pencetak"],
    "hi": [f"प्रेषक: {A}", "भेजा गया: सोमवार, 2 जून 2025 10:04", f"प्रति: {CLIENT}",
           "विषय: RE: प्रिंटर"],
    "eu": [f"Nork: {A}", "Noiz: 2025(e)ko ekainaren 2(a), astelehena 10:04", f"Nori: {CLIENT}",
           "Gaia: RE: Inprimagailua"],
    "cy": [f"Oddi wrth: {A}", "Anfonwyd: Dydd Llun, 2 Mehefin 2025 10:04", f"At: {CLIENT}",
           "Pwnc: RE: Argraffydd"],
    "be": [f"Ад: {A}", "Адпраўлена: панядзелак, 2 чэрвеня 2025 г. 10:04", f"Каму: {CLIENT}",
           "Тэма: RE: Прынтар"],
    "sr-cyrl": [f"Од: {A}", "Послато: понедељак, 2. јун 2025. 10:04", f"За: {CLIENT}",
                "Тема: RE: Штампач"],
    "is": [f"Frá: {A}", "Sent: mánudagur, 2. júní 2025 10:04", f"Til: {CLIENT}",
           "Efni: RE: Prentari"],
    "id-forward": ["---------- Pesan terusan ---------", f"Dari: {A}",
                   "Date: Sen, 2 Jun 2025 pukul 10.04", "Subject: Printer", f"To: {CLIENT}"],
    "id-forward-labels": ["---------- Pesan terusan ---------", f"Dari: {A}",
                          "Tanggal: Sen, 2 Jun 2025 pukul 10.04", "Subjek: Printer",
                          f"Kepada: {CLIENT}"],
    "vi-forward": ["---------- Thư đã chuyển tiếp ---------", f"Từ: {A}",
                   "Date: Th 2, 2 thg 6, 2025 vào lúc 10:04", "Subject: Printer", f"To: {CLIENT}"],
    "th-forward": ["---------- ข้อความที่ส่งต่อ ---------", f"จาก: {A}",
                   "Date: จ. 2 มิ.ย. 2025 เวลา 10:04", "Subject: Printer", f"To: {CLIENT}"],
    "he-forward": ["---------- הודעה שהועברה ---------", f"מאת: {A}",
                   "Date: יום ב׳, 2 ביוני 2025 ב-10:04", "Subject: Printer", f"To: {CLIENT}"],
    "ar-forward": ["---------- الرسالة المُعاد توجيهها ---------", f"من: {A}",
                   "Date: الاثنين، 2 يونيو 2025 في 10:04 ص", "Subject: Printer", f"To: {CLIENT}"],
    "hi-forward": ["---------- अग्रेषित संदेश ---------", f"प्रेषक: {A}",
                   "Date: सोम, 2 जून 2025 को 10:04 am", "Subject: Printer", f"To: {CLIENT}"],
    "ms-forward": ["---------- Mesej dimajukan ---------", f"Daripada: {A}",
                   "Date: Isn, 2 Jun 2025 pada 10:04 PG", "Subject: Printer", f"To: {CLIENT}"],
}  # fmt: skip


@pytest.mark.parametrize("shape", sorted(MORE_BLOCKS))
def test_more_languages_blocks_go(shape: str) -> None:
    text = "Thanks, it works again."
    for rule in RULES.values():
        for history in HISTORIES.values():
            body = "\n".join([text, "", *rule, *MORE_BLOCKS[shape], *history, ""])
            got = reply_text(body)
            assert got.split() == text.split(), f"{body}\n---> {got!r}"


# The shortest attributions, without a date or an address: the sender's name as
# directories, lists and forums write it.
NAMED = [
    "Anna Schmidt wrote:",
    "anna.schmidt wrote:",
    "Anna von der Heide wrote:",
    "Dr. Anna Schmidt wrote:",
    '"Schmidt, Anna" wrote:',
    "Schmidt, Anna wrote:",
    "Anna Schmidt (Helpdesk) wrote:",
    "Anna Schmidt - Acme Helpdesk wrote:",
    "Acme Helpdesk via Zendesk wrote:",
    "ACME SUPPORT wrote:",
    "On Monday, June 2, Anna Schmidt wrote:",
    "Le lundi 2 juin, Anna Schmidt a écrit :",
    "El lunes 2 de junio, Anna Schmidt escribió:",
    "Ο/Η Anna Schmidt έγραψε:",
    "Anna Schmidt ezt írta:",
    "Anna Schmidt şunu yazdı:",
    "كتب Anna Schmidt:",
    "skrev Anna Schmidt:",
]


@pytest.mark.parametrize("attribution", NAMED)
def test_an_attribution_that_names_the_sender_alone_goes(attribution: str) -> None:
    text = "Thanks, it works again."
    for history in (HISTORIES["quoted"][1:], HISTORIES["below"]):
        body = "\n".join([text, "", attribution, *history, ""])
        got = reply_text(body)
        assert got.split() == text.split(), f"{body}\n---> {got!r}"


# The rule above the block as other programs and converters draw it: box-drawing and
# full-width lines (Japanese and Chinese mail), underscores a converter to Markdown
# escaped, a line of em dashes or of equals signs; and the block's fields set apart by
# blank lines, as a converter sets its paragraphs apart.
RULED = {
    "box": ["━" * 24],
    "full-width": ["＿" * 24],
    "escaped": ["\\_" * 24],
    "em-dashes": ["—" * 24],
    "equals": ["=" * 40],
}


@pytest.mark.parametrize("rule", sorted(RULED))
def test_the_rule_above_the_block_goes_with_it(rule: str) -> None:
    for code in ("en", "ja", "zh", "de"):
        lang = OUTLOOK[code]
        block = outlook_block(lang, "plain", lang.long_date, SENDERS[0], None, cc=False)
        for history in HISTORIES.values():
            body = "\n".join([lang.text, "", *RULED[rule], *block, *history, ""])
            got = reply_text(body)
            assert got.split() == lang.text.split(), f"{body}\n---> {got!r}"


@pytest.mark.parametrize("code", sorted(OUTLOOK))
def test_a_block_whose_fields_are_paragraphs_goes(code: str) -> None:
    lang = OUTLOOK[code]
    block = outlook_block(lang, "bold", lang.long_date, SENDERS[0], None, cc=False)
    # Each field a paragraph, folded at the width of the text.
    spaced = [line for field in block for line in ("", *fold(field, 76))][1:]
    for rule in RULES.values():
        for history in HISTORIES.values():
            body = "\n".join([lang.text, "", *rule, *spaced, *history, ""])
            got = reply_text(body)
            assert got.split() == lang.text.split(), f"{body}\n---> {got!r}"


def test_the_clients_paragraphs_that_begin_with_labels_stay() -> None:
    """Blank lines apart, "From:" and "Subject:" paragraphs of the client's are no block:
    a block so spread is read only whole (sender, date, recipients, subject)."""
    text = (
        "Hello,\n\nFrom: Anna Schmidt <anna@helpdesk.example> we got no answer.\n\n"
        "Subject: the printer on the second floor.\n\nTo: be fixed this week, please."
    )
    assert reply_text(text).split() == text.split()


@pytest.mark.parametrize("attribution", ["Acme support wrote:", "IT help desk schrieb:"])
def test_a_display_name_in_lower_case_above_a_quote_goes(attribution: str) -> None:
    """Right above a ``>`` quote, where programs put their attribution, a display name as
    a company writes it, in lower case; above unquoted text such words are the writer's
    (``SENTENCES_WITH_THE_VERB``)."""
    text = "Thanks, it works again."
    body = "\n".join([text, "", attribution, *HISTORIES["quoted"][1:], ""])
    got = reply_text(body)
    assert got.split() == text.split(), f"{body}\n---> {got!r}"
