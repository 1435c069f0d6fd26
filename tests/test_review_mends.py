"""Clients' own words that the reader's newer rules took for a footer or a signature:
each stays, whole."""

from __future__ import annotations

import pytest

from mailgate.parse.quotes import reply_text

QUOTE = "On Mon, 3 Mar 2025 at 10:00, Acme Support <support@acme.example> wrote:\n> Hello"

# A code of six and four letters and digits, as licences and vouchers are written: a
# ticket system's reference is one only in its brackets.
CODES = {
    "licence key": "Hi,\n\nMy licence key is below, it stopped working:\n\nAB12CD-EF34",
    "voucher under text": "Hi,\n\nThe voucher code does not work at checkout\nX7K9P2-Q4R8",
    "voucher alone": "Hi,\n\nThe voucher code does not work at checkout:\n\n7W3K2M-R1Q9",
}


@pytest.mark.parametrize("name", sorted(CODES))
def test_a_code_without_brackets_on_the_last_line_stays(name: str) -> None:
    text = CODES[name]
    assert reply_text(text).rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


def test_a_bracketed_ticket_reference_still_goes() -> None:
    text = "Hi,\n\nThe voucher code does not work at checkout."
    assert reply_text(f"{text}\n\n[7W3K2M-R1Q9]\n").rstrip() == text


# A line laid out as a footer's (a bar of legal pages' links, "Download the app for iOS
# or Android") that the client's text goes on under: it is what they write about.
GOES_ON = {
    "legal bar in a paragraph": (
        "Hi,\n\nThese links are dead\nPrivacy <https://shop.example.com/privacy> | Terms "
        "<https://shop.example.com/terms>\nPlease fix them before Monday."
    ),
    "app line a step": (
        "Hi,\n\nTo reproduce:\n\nDownload the app on iOS or Android\n\nIt crashes on start."
    ),
    "app line then a question": (
        "Hi,\n\nyour letter only said\n\nGet the app for iOS and Android\n\n"
        "Which one should the tablets use?"
    ),
}


@pytest.mark.parametrize("name", sorted(GOES_ON))
def test_a_footer_like_line_the_text_goes_on_under_stays(name: str) -> None:
    text = GOES_ON[name]
    assert reply_text(text).rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


# … and under a line the footer's own lines follow, it still goes.
FOOTERS_BELOW = {
    "legal bar, address": (
        "Impressum <https://www.acme.example/impressum> | Datenschutz "
        "<https://www.acme.example/datenschutz>\nAcme GmbH · Beispielstraße 12 · 10115 Berlin"
    ),
    "app, jira": (
        "Get Jira notifications on your phone! Download the Jira Cloud app for Android or "
        "iOS\nThis message was sent by Atlassian Jira (v1001.0.0-SNAPSHOT#100245-sha1:b7f1c1e)"
    ),
}


@pytest.mark.parametrize("name", sorted(FOOTERS_BELOW))
def test_a_footer_like_line_with_footer_lines_under_it_goes(name: str) -> None:
    text = "Hi,\n\nThe export fails since the update.\n\nThanks,\nJane"
    assert reply_text(f"{text}\n\n{FOOTERS_BELOW[name]}\n").rstrip() == text


# A footer names the sender's list once ("Unsubscribe from our emails"); the writer's
# own "our" elsewhere in the line is theirs.
OUR_OWN = {
    "our staff": (
        "Hi,\n\nPlease unsubscribe all of our staff from our newsletter "
        "<https://news.acme.example/u/7f3a>"
    ),
    "our team": (
        "Hi,\n\nPlease unsubscribe each of our team from the list "
        "<https://news.acme.example/u/7f3a>"
    ),
}


@pytest.mark.parametrize("name", sorted(OUR_OWN))
def test_the_writers_own_our_in_an_unsubscribe_line_stays(name: str) -> None:
    text = OUR_OWN[name]
    assert reply_text(text).rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


# A closing the writer's line announces with a colon is what they write about (a
# product's name, the words a template should end with), in the scripts written with
# spaces and in those without.
ANNOUNCED_CLOSINGS = {
    "zh product": "您好，\n\n软件无法激活。产品名称：\n\n此致办公",
    "zh template": "您好，\n\n请把邮件模板的结尾改成：\n\n此致敬礼",
    "en template": "Hi,\n\nPlease put this at the bottom of our template:\n\nKind regards Mark",
}


@pytest.mark.parametrize("name", sorted(ANNOUNCED_CLOSINGS))
def test_a_closing_the_writer_announces_stays(name: str) -> None:
    text = ANNOUNCED_CLOSINGS[name]
    assert reply_text(text, writer="Jane Doe").rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n", writer="Jane Doe").rstrip() == text


SIGNED_CLOSINGS = {
    "zh run-on": ("您好，\n\n软件无法激活。", "此致王伟"),
    "zh two lines": ("您好，\n\n软件无法激活，请问怎么办？", "此致\n敬礼\n王伟"),
    "en": ("Hi,\n\nThe printer on the second floor is broken again.", "Kind regards\nMark"),
}


@pytest.mark.parametrize("name", sorted(SIGNED_CLOSINGS))
def test_a_closing_under_the_text_still_goes(name: str) -> None:
    text, closing = SIGNED_CLOSINGS[name]
    assert reply_text(f"{text}\n\n{closing}\n", writer="王伟").rstrip() == text


# A privacy statement's label with its link under it, that the client's sentence leads
# into without a full stop: what they quote.
LED_INTO = {
    "privacy link below": (
        "Hi,\n\nPlease correct the link on your page, it reads\nPrivacy policy:\n"
        "https://example.com/privcy"
    ),
    "datenschutz link below": (
        "Hallo,\n\nder Link auf Ihrer Seite ist falsch, dort steht\nDatenschutzhinweise:\n"
        "https://example.com/datenschtz"
    ),
}


@pytest.mark.parametrize("name", sorted(LED_INTO))
def test_a_privacy_pointer_the_writers_sentence_leads_into_stays(name: str) -> None:
    text = LED_INTO[name]
    assert reply_text(text).rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


def test_a_privacy_pointer_under_a_signed_name_still_goes() -> None:
    text = "Hallo,\n\ndie Rechnung fehlt noch.\n\nViele Grüße\nAnna"
    footer = "Datenschutzhinweise:\nhttps://www.acme.example/datenschutz"
    want = reply_text(text)
    assert "Datenschutz" not in want
    assert reply_text(f"{text}\n\n{footer}\n") == want
    assert reply_text(f"{text}\n{footer}\n") == want


# The writer's report of an unsubscribe link, which they cite as a reference or write
# out: the link is the sentence's subject, what follows it says it fails.
REPORTED_LINKS = {
    "cited": (
        "Hi,\n\nThe unsubscribe link in your mail [1] is dead.\n\nThanks,\n\n"
        "[1] https://news.acme.example/unsubscribe?u=7"
    ),
    "written out": (
        "Hi,\n\nThe unsubscribe link https://news.acme.example/unsubscribe?u=7 is broken."
    ),
    "404": "Hi,\n\nYour unsubscribe page https://news.acme.example/u/7 gives 404.",
}


@pytest.mark.parametrize("name", sorted(REPORTED_LINKS))
def test_the_writers_report_of_an_unsubscribe_link_stays(name: str) -> None:
    text = REPORTED_LINKS[name]
    assert reply_text(text).rstrip() == text
    assert reply_text(f"{text}\n\n{QUOTE}\n").rstrip() == text


def test_an_unsubscribe_line_with_a_word_after_its_link_still_goes() -> None:
    text = "Hallo,\n\ndie Rechnung fehlt noch."
    footer = "Zum Abmelden rufen Sie https://news.acme.example/u/7 auf."
    assert reply_text(f"{text}\n\n{footer}\n") == text


# The writer's report that the unsubscribe link does nothing, its link on the line, and
# the writer's sentence under a footer line they quote: the text stays.
WRITER_BELOW_OR_REPORTING = {
    "does nothing, wrapped": (
        "Hi,\n\nI tried to leave your newsletter but clicking the link\n"
        "does nothing. https://news.example.com/unsubscribe\n\nMaria",
        "clicking the link",
    ),
    "funktioniert nicht": (
        "Hallo,\n\nder Abmeldelink funktioniert nicht: https://news.example.de/abmelden\n\n"
        "Grüße\nMaria",
        "funktioniert nicht",
    ),
    "first person under a quoted privacy line": (
        "Hello,\n\nYour footer says\nPrivacy policy: https://shop.example/privacy\n"
        "but that page is empty and I cannot find it anywhere else.\n\nMaria",
        "I cannot find it anywhere else.",
    ),
    "first person under an unsubscribe line": (
        "Hello,\n\nYour mail ends with\nUnsubscribe: https://news.example.com/u/1\n"
        "and I still get two of them every day.\n\nMaria",
        "I still get two of them every day.",
    ),
}


@pytest.mark.parametrize("name", sorted(WRITER_BELOW_OR_REPORTING))
def test_the_writer_reporting_or_asking_around_a_footer_line_stays(name: str) -> None:
    text, kept = WRITER_BELOW_OR_REPORTING[name]
    assert kept in reply_text(text, [], "Maria Lopez")


# Real footers with the company's own question or "us" under them still go.
FOOTERS_WITH_THE_SENDERS_WORDS = {
    "questions, write to us": (
        "Hello,\n\nThe printer is broken.\n\nUnsubscribe: https://news.example.com/u/1\n"
        "Questions? Write to us.\n"
    ),
    "a question and a reply hint": (
        "Hello,\n\nThe printer is broken.\n\nIf you do not want these mails, unsubscribe "
        "here: https://news.example.com/u/1\nDo you have questions about your order? Reply "
        "to this mail.\n"
    ),
}


@pytest.mark.parametrize("name", sorted(FOOTERS_WITH_THE_SENDERS_WORDS))
def test_a_footer_with_the_senders_question_under_it_still_goes(name: str) -> None:
    got = reply_text(FOOTERS_WITH_THE_SENDERS_WORDS[name], [], "Maria Lopez")
    assert got == "Hello,\n\nThe printer is broken."


def test_a_privacy_line_with_its_link_the_writers_sentence_leads_into_stays() -> None:
    text = (
        "Hello,\n\nYour mail still ends with\nPrivacy policy: https://shop.example/privacy\n"
        "which points to an empty page.\n\nJan"
    )
    got = reply_text(text, [], "Jan Novak")
    assert "Your mail still ends with\nPrivacy policy: https://shop.example/privacy" in got
    assert "which points to an empty page." in got


@pytest.mark.parametrize(
    "above",
    ["Jan\n\n", "Kind regards\nJan Novak\nAcme Solutions GmbH\n"],
)
def test_a_privacy_line_with_its_link_under_a_name_or_a_company_still_goes(above: str) -> None:
    text = f"Hello,\n\nThe printer is broken.\n\n{above}Privacy policy: https://acme.example/p\n"
    assert reply_text(text, [], "Jan Novak") == "Hello,\n\nThe printer is broken."
