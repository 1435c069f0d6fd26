"""The reader's lists kept once and read by every rule that needs them: the note that no
one reads the mailbox a mail came from, a service's word and, in its English sentence, a
footer's line; and the first words of a company's disclaimer sentences, read from their
pattern."""

from __future__ import annotations

import pytest

from mailgate.parse import footers
from mailgate.parse.footers import is_footer_line
from mailgate.parse.prefilter import opening_words
from mailgate.parse.quotes import reply_text
from mailgate.parse.wrappers import says_sent_by_a_machine

TEXT = "Hello,\n\nthe label printer in the warehouse prints every label twice since Monday."

# The note in the languages services write it in.
UNREAD = [
    "This mailbox is not monitored.",
    "This email address is not monitored.",
    "Replies to this email are not monitored.",
    "Diese Adresse wird nicht überwacht.",
    "Cette adresse n'est pas surveillée.",
    "Esta dirección no está monitorizada.",
    "Questa casella non è monitorata.",
    "Deze mailbox wordt niet gelezen.",
    "※本メールは送信専用アドレスから配信しています。",
]

# The writer's own account of such a note, or their question: theirs to keep.
OWN = [
    "I got a reply that this mailbox is not monitored.",
    "Mir wurde gesagt, diese Adresse wird nicht überwacht.",
    "Je crois que cette adresse n'est pas surveillée.",
    "Is this mailbox not monitored?",
]


@pytest.mark.parametrize("note", UNREAD)
def test_the_note_that_no_one_reads_the_mailbox_tells_a_services_mail(note: str) -> None:
    assert says_sent_by_a_machine([*TEXT.split("\n"), "", note])


def test_its_english_sentence_is_a_footers_line_too() -> None:
    note = "This mailbox is not monitored."
    assert is_footer_line(note)
    assert reply_text(f"{TEXT}\n\n{note}\n") == reply_text(f"{TEXT}\n")


@pytest.mark.parametrize("line", OWN)
def test_the_writers_own_word_of_such_a_note_stays(line: str) -> None:
    assert not is_footer_line(line)
    assert not says_sent_by_a_machine([*TEXT.split("\n"), "", line])
    assert reply_text(f"{TEXT}\n\n{line}\n").endswith(line)


def test_the_first_words_of_a_companys_disclaimer_are_read_from_its_pattern() -> None:
    assert opening_words(footers._COMPANY_LINE.pattern) == (
        footers._COMPANY_FIRST,
        footers._COMPANY_STEMS,
    )
    assert {"this", "diese", "ce", "este", "questo", "dit", "ta", "views"} <= footers._COMPANY_FIRST
    assert "messaggi" in footers._COMPANY_STEMS  # "messaggi\w*": "Messaggi", "Messaggio"


@pytest.mark.parametrize(
    "line",
    [
        "This message may be monitored or recorded for training purposes.",
        "E-mails to and from this address may be monitored.",
        "Diese E-Mail stellt kein verbindliches Angebot dar.",
        "Les opinions exprimées ne reflètent pas nécessairement celles de la société.",
        "Messaggi e comunicazioni possono essere monitorati.",
        "Berichten van en naar dit adres kunnen worden gecontroleerd.",
        "Ta wiadomość nie stanowi oferty handlowej.",
    ],
)
def test_a_disclaimers_sentence_is_a_footer_line(line: str) -> None:
    assert is_footer_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Monitored messages may be recorded, as the contract says.",  # no opening word
        "This email does not constitute a binding offer, I assume?",
        "this message may be monitored, so keep it short.",  # no capital: a sentence's tail
    ],
)
def test_a_sentence_that_only_resembles_one_stays(line: str) -> None:
    assert not is_footer_line(line)
