"""Invisible format marks in right-to-left mail, and list posts forwarded with ``>`` marks.

Hebrew, Arabic and Persian mail programs (Outlook, Gmail, iOS Mail) write direction
marks (U+200F, U+200E, U+061C), embeddings (U+202A…U+202E) and isolates (U+2066…U+2069)
around closings, names, numbers and taglines; some add zero-width spaces, word joiners
and U+FEFF.  The rules read the lines without them; the reply keeps them where it keeps
the line.

Thunderbird and mutt forward a message in plain text with ``>`` marks: a list's post
forwarded so, without a note, reads as the post without the list's footer.
"""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message
from mailgate.parse.quotes import reply_text, unquoted_forward
from tests.support.footer_mail import plain_mail

RLM, LRM, ALM = "\u200f", "\u200e", "\u061c"
RLE, LRE, PDF = "\u202b", "\u202a", "\u202c"
RLI, FSI, PDI = "\u2067", "\u2068", "\u2069"
ZWSP, WJ, BOM = "\u200b", "\u2060", "\ufeff"

BODY = {
    "he": "היי, המדפסת בקומה השנייה לא עובדת שוב.",
    "ar": "مرحبا، الطابعة في الطابق الثاني لا تعمل مرة أخرى.",
    "fa": "سلام، چاپگر طبقه دوم دوباره کار نمی\u200cکند.",
}
CLOSINGS = {
    "he": ("בברכה,", "דנה כהן", "Dana Cohen"),
    "ar": ("مع تحياتي،", "سارة أحمد", "Sara Ahmed"),
    "fa": ("با سپاس،", "مریم رضایی", "Maryam Rezaei"),
}


def _marked(text: str, how: str) -> str:
    return {
        "rlm after": f"{text}{RLM}",
        "rlm before": f"{RLM}{text}",
        "embedding": f"{RLE}{text}{PDF}",
        "isolate": f"{RLI}{text}{PDI}",
        "alm": f"{ALM}{text}{ALM}",
        "zero width": f"{text}{ZWSP}",
        "word joiner": f"{WJ}{text}",
        "bom": f"{BOM}{text}",
    }[how]


HOWS = (
    "rlm after",
    "rlm before",
    "embedding",
    "isolate",
    "alm",
    "zero width",
    "word joiner",
    "bom",
)


@pytest.mark.parametrize("how", HOWS)
@pytest.mark.parametrize("lang", sorted(BODY))
@pytest.mark.parametrize("from_field", [True, False])
def test_a_right_to_left_sign_off_with_marks_goes(lang: str, how: str, from_field: bool) -> None:
    closing, name, latin = CLOSINGS[lang]
    text = f"{BODY[lang]}\n\n{_marked(closing, how)}\n{_marked(name, how)}\n"
    assert reply_text(text, (), latin if from_field else "") == BODY[lang]


@pytest.mark.parametrize("lang", sorted(BODY))
def test_a_sign_off_marked_inside_its_words_goes(lang: str) -> None:
    closing, name, _latin = CLOSINGS[lang]
    word, _, rest = name.partition(" ")
    text = f"{BODY[lang]}\n\n{closing}{RLM}\n{FSI}{word}{PDI}{RLM} {rest}{RLM}\n"
    assert reply_text(text) == BODY[lang]


TAGLINES = [
    f"{RLM}נשלח מה-iPhone שלי{RLM}",
    f"{RLM}أرسلت من الـ iPhone الخاص بي{RLM}",
    f"{RLM}ارسال شده از iPhone من{RLM}",
    f"{LRM}Sent from my iPhone{LRM}",
    f"{RLE}Sent from my iPhone{PDF}",
    f"Sent{ZWSP} from my iPhone",
    f"{BOM}Get Outlook for Android",
]


@pytest.mark.parametrize("tagline", TAGLINES)
def test_a_phones_tagline_with_marks_goes(tagline: str) -> None:
    assert reply_text(f"הבעיה נפתרה, תודה!\n\n{tagline}\n") == "הבעיה נפתרה, תודה!"


HISTORY = "האם הבעיה נפתרה?\nצוות התמיכה\n"
ATTRIBUTIONS = {
    "hebrew": (
        "הבעיה נפתרה, תודה!",
        f"{RLM}בתאריך{RLM} יום ה׳, 12 ביוני 2025 ב-{LRM}08:10{LRM} מאת {FSI}Acme Support{PDI} "
        f"{LRM}<support@acme.example>{LRM}{RLM} נכתב:{RLM}",
    ),
    "arabic": (
        "تم حل المشكلة، شكرا!",
        f"{RLE}في الخميس، 12 يونيو 2025 في {LRM}8:10{LRM} ص، كتب {FSI}Acme Support{PDI} "
        f"{LRM}<support@acme.example>{LRM}:{PDF}",
    ),
    "persian": (
        "مشکل حل شد، ممنون!",
        f"{RLM}در تاریخ پنجشنبه ۱۲ ژوئن ۲۰۲۵ ساعت {LRM}08:10{LRM} {FSI}Acme Support{PDI} "
        f"{LRM}<support@acme.example>{LRM} نوشت:{RLM}",
    ),
}


@pytest.mark.parametrize("quoted", [True, False])
@pytest.mark.parametrize("lang", sorted(ATTRIBUTIONS))
def test_an_attribution_with_marks_cuts_the_history(lang: str, quoted: bool) -> None:
    said, attribution = ATTRIBUTIONS[lang]
    history = "".join(f"> {line}\n" for line in HISTORY.splitlines()) if quoted else HISTORY
    assert reply_text(f"{said}\n\n{attribution}\n\n{history}") == said


def test_a_header_block_with_marks_cuts_the_history() -> None:
    text = (
        "הבעיה נפתרה, תודה!\n\n"
        f"{RLM}מאת:{RLM} Acme Support <support@acme.example>\n"
        f"{RLM}נשלח:{RLM} יום חמישי 12 יוני 2025 08:10\n"
        f"{RLM}אל:{RLM} Dana <dana@example.com>\n"
        f"{RLM}נושא:{RLM} המדפסת\n\n{HISTORY}"
    )
    assert reply_text(text) == "הבעיה נפתרה, תודה!"


def test_a_lists_footer_with_marks_goes() -> None:
    text = (
        "The printer on the second floor is fixed.\n\n"
        "_______________________________________________\n"
        f"{RLM}Office mailing list -- office@lists.acme.example{RLM}\n"
        f"To unsubscribe send an email to {FSI}office-leave@lists.acme.example{PDI}\n"
    )
    got = reply_text(text, ("office@lists.acme.example",))
    assert got == "The printer on the second floor is fixed."


# -- the marks of the text the reply keeps stay ------------------------------------------


def test_the_marks_of_the_lines_kept_stay() -> None:
    kept = f"הטלפון שלי: {LRM}+972-50-1234567{LRM}\n{RLM}תודה רבה על העזרה!{RLM}"
    text = f"{kept}\n\nבברכה,{RLM}\nדנה כהן\n\n{RLM}נשלח מה-iPhone שלי{RLM}\n"
    assert reply_text(text, (), "Dana Cohen") == kept


def test_a_sentence_with_marks_that_begins_like_a_closing_stays() -> None:
    text = f"{BODY['he']}\n\n{RLM}בברכה רבה קיבלנו את ההצעה שלכם ונשמח להתקדם.{RLM}\n"
    assert reply_text(text) == text.strip()


def test_marks_inside_the_writers_words_stay() -> None:
    text = (
        f"{RLE}الرقم هو {LRE}INV-2025-0042{PDF} والمبلغ {LRM}120.50{LRM} دولار.{PDF}\n"
        f"شكرا جزيلا{ZWSP}!"
    )
    assert reply_text(text) == text


def test_a_tagline_inside_a_sentence_with_marks_stays() -> None:
    said = "Sent from my iPhone because the laptop is still broken, please call."
    text = f"Fixed now.\n\n{RLM}{said}{RLM}"
    assert reply_text(text) == text


def test_a_message_of_marks_alone_reads_as_nothing() -> None:
    assert reply_text(f"{RLM}\n{BOM}{ZWSP}\n") == ""


# -- a list's post forwarded with ">" marks -----------------------------------------------

POST = "The VPN drops every hour since the firewall update.\nCould you look into it today?"
FOOTER = (
    "_______________________________________________\n"
    "Office mailing list -- office@lists.acme.example\n"
    "To unsubscribe send an email to office-leave@lists.acme.example"
)
HEADERS = (
    "Subject: VPN\nDate: Thu, 12 Jun 2025 08:10:00 +0200\n"
    "From: Ana Ruiz <ana@partner.example>\nTo: office@lists.acme.example"
)


def _quoted(text: str) -> str:
    return "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))


QUOTED_POST = _quoted(f"{HEADERS}\n\n{POST}\n\n{FOOTER}")
DIVIDER = "-------- Forwarded Message --------"
FORWARDED = {
    "thunderbird": f"{DIVIDER}\n{QUOTED_POST}\n",
    "thunderbird, the divider quoted": f"{_quoted(DIVIDER)}\n{QUOTED_POST}\n",
    "mutt": (
        "----- Forwarded message from Ana Ruiz <ana@partner.example> -----\n\n"
        f"{QUOTED_POST}\n\n"
        "----- End forwarded message -----\n"
    ),
    "iphone": f"Sent from my iPhone\n\nBegin forwarded message:\n\n{QUOTED_POST}\n",
}


@pytest.mark.parametrize("program", sorted(FORWARDED))
def test_a_post_forwarded_with_quote_marks_reads_without_its_footer(program: str) -> None:
    got = parse_message(plain_mail(FORWARDED[program])).reply_text
    assert got == POST


@pytest.mark.parametrize("program", sorted(FORWARDED))
def test_a_note_above_a_quoted_forward_is_the_reply(program: str) -> None:
    text = f"Could you have a look at this one?\n\n{FORWARDED[program]}"
    assert parse_message(plain_mail(text)).reply_text == "Could you have a look at this one?"


def test_mutts_forward_unquoted_under_a_note_goes() -> None:
    text = (
        "Could you have a look at this one?\n\n"
        "----- Forwarded message from Ana Ruiz <ana@partner.example> -----\n\n"
        f"{HEADERS}\n\n{POST}\n\n----- End forwarded message -----\n"
    )
    assert reply_text(text) == "Could you have a look at this one?"


def test_a_reply_of_nothing_but_a_quote_stays_empty() -> None:
    question = _quoted(f"Could you tell us which office is affected?\n\n{FOOTER}")
    text = f"On Thu, 12 Jun 2025 at 08:41, Acme Support <support@acme.example> wrote:\n{question}\n"
    assert unquoted_forward(text) is None
    assert parse_message(plain_mail(text)).reply_text == ""


def test_a_quoted_original_message_is_no_forward() -> None:
    text = "-----Original Message-----\n" + _quoted(f"{HEADERS}\n\n{POST}") + "\n"
    assert unquoted_forward(text) is None
    assert parse_message(plain_mail(text)).reply_text == ""


def test_a_quote_that_only_speaks_of_a_forward_is_no_forward() -> None:
    text = _quoted("Please forward this to the team:\n\nThe VPN is down again.")
    assert unquoted_forward(text) is None
    assert parse_message(plain_mail(text)).reply_text == ""


def test_a_divider_the_writer_draws_about_forwarding_stays() -> None:
    text = "--- forwarding rules for the new office ---\nAll mail to sales goes to Ana."
    assert reply_text(text) == text
