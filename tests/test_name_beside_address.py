"""A writer whose From field gives only an address, answering a helpdesk reply that was
addressed to them by name: the quoted history's header block ("To: Rhys Llewellyn
<clerc@…>") gives the name they sign with, and the sign-off under their text goes as it
would with the name in the From field.  Only a header line's address list is read —
an address in a sentence names nobody."""

from __future__ import annotations

import pytest

from mailgate.parse.reader import parse_message
from mailgate.parse.signoff import name_beside_address
from tests.support.client_mail import PROGRAMS, mail, words

ADDRESS = "clerc@cyngor-cwmderwen.example"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (f"To: Rhys Llewellyn <{ADDRESS}>", "Rhys Llewellyn"),
        (f"> To: Rhys Llewellyn <{ADDRESS}>", "Rhys Llewellyn"),
        (f">> *To:* Rhys Llewellyn <{ADDRESS}>", "Rhys Llewellyn"),
        (f"From: 'Rhys Llewellyn' [mailto:{ADDRESS}]", "Rhys Llewellyn"),
        (f"Cc: Ffion Morgan <f@x.example>; Rhys Llewellyn <{ADDRESS.upper()}>", "Rhys Llewellyn"),
        (f'To: "Llewellyn, Rhys" <{ADDRESS}>', "Llewellyn, Rhys"),
        (f"An: Jürgen Weiß <{ADDRESS}>", "Jürgen Weiß"),
        (f"À : Hélène Dubois <{ADDRESS}>", "Hélène Dubois"),
        (f"Kime: Ayşe Yılmaz <{ADDRESS}>", "Ayşe Yılmaz"),
        (f"收件人：王伟 <{ADDRESS}>", "王伟"),
        (f"Кому: Ольга Петрова <{ADDRESS}>", "Ольга Петрова"),
        # The first of several.
        (f"To: Rhys Llewellyn <{ADDRESS}>\n\nTo: Clerk <{ADDRESS}>", "Rhys Llewellyn"),
        # No name for the address: the next line that gives one.
        (f"To: {ADDRESS}\nCc: Rhys Llewellyn <{ADDRESS}>", "Rhys Llewellyn"),
    ],
)
def test_a_header_line_names_the_address(text: str, name: str) -> None:
    assert name_beside_address(ADDRESS, f"Thanks.\n\n{text}\n") == name


@pytest.mark.parametrize(
    "text",
    [
        # An address in the writer's sentence, or a line that is no header field.
        f"Please write to Rhys Llewellyn <{ADDRESS}> from now on.",
        f"Rhys Llewellyn <{ADDRESS}>",
        # Another address's name.
        f"To: Ffion Morgan <support@helpdesk.example>, {ADDRESS}",
        # A "name" that is no name of words.
        f"To: 01632 960 218 <{ADDRESS}>",
        f"To: {ADDRESS} <{ADDRESS}>",
        f"To: Clerk and Responsible Financial Officer of the Council <{ADDRESS}>",
        # The address as part of a longer one.
        "To: Rhys Llewellyn <deputy.clerc@cyngor-cwmderwen.example.org>",
        "",
    ],
)
def test_no_header_line_names_the_address(text: str) -> None:
    assert name_beside_address(ADDRESS, text) == ""


HISTORY = (
    "From: Ffion Morgan <support@helpdesk.example>\n"
    "Sent: 11 June 2025 14:26\n"
    f"To: Rhys Llewellyn <{ADDRESS}>\n"
    "Subject: [#90058] Website contact form\n\n"
    "Hi Rhys,\n\nThe mail settings of the contact form have been corrected. Please send a "
    "test message.\n\nFfion"
)
# Outlook's own HTML sets the history apart with a rule element, which the paragraphs of
# ``client_mail``'s HTML layout do not write: the plain-text programs.
OUTLOOK_LIKE = [p for p in PROGRAMS if p != "html"]
TEXT = (
    "The contact form sends messages again, thanks. The Welsh version still shows the "
    "English error text when a field is left empty though."
)


@pytest.mark.parametrize("program", OUTLOOK_LIKE)
@pytest.mark.parametrize(
    "signed",
    [
        "Diolch / Thanks,\nRhys Llewellyn\n"
        "Clerc a Swyddog Ariannol Cyfrifol | Clerk and Responsible Financial Officer\n"
        "Cyngor Cymuned Cwmderwen | Cwmderwen Community Council\n01632 960 218\n\n"
        "Rydym yn croesawu gohebiaeth yn Gymraeg a byddwn yn ymateb yn Gymraeg heb oedi.\n"
        "We welcome correspondence in Welsh and will respond in Welsh without delay.",
        "Diolch,\nRhys",
        "Best wishes,\nRhys Llewellyn\nClerk, Cwmderwen Community Council",
    ],
)
def test_the_sign_off_goes_with_the_name_the_history_gives(signed: str, program: str) -> None:
    raw = mail(f"{TEXT}\n\n{signed}\n\n{HISTORY}", ADDRESS, program)
    got = parse_message(raw).reply_text
    assert words(got)[: len(words(TEXT))] == words(TEXT)
    assert "Rhys" not in got
    assert "960" not in got


@pytest.mark.parametrize("program", OUTLOOK_LIKE)
def test_the_name_in_the_writers_sentence_stays(program: str) -> None:
    text = f"{TEXT}\n\nPlease copy Rhys Llewellyn on the answer, he chairs the meeting."
    raw = mail(f"{text}\n\n{HISTORY}", ADDRESS, program)
    assert words(parse_message(raw).reply_text) == words(text)
