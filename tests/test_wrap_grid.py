"""Replies built the way mail programs build them, over a grid of their shapes: the
writer's text in several languages, the attribution line or header block the writer's
program writes (Gmail's, Apple Mail's, Thunderbird's, Outlook's in eleven languages,
Zoho's), and the quoted original hard-wrapped by a program after the ``> `` was added,
at the widths programs wrap at (72, 76, 78, 80), so that a quoted line's continuation
lost its mark.  Whatever the shape, the reply reader keeps the writer's words and
nothing of the history: above the quote (top posting), below it (bottom posting) and
between its pieces (inline answers).

The shapes are the programs' documented habits: Gmail folds an attribution longer than
80 columns ("… Name <" / "addr> wrote:", or "… <addr>" / "wrote:"); Outlook wraps plain
text at 72 or 76 columns and writes its localised "From: / Sent: / To: / Subject:"
block above an unmarked original; a quoted-printable original is quoted with one mark
per paragraph, the rest wrapped under it; a link longer than the width stands unbroken
on a line of its own.
"""

from __future__ import annotations

import pytest

from mailgate.parse.quotes import reply_text
from tests.support.wrap_grid import (
    _OUTLOOK_LABELS,
    ATTRIBUTIONS,
    GRID,
    LINK,
    NEW,
    ORIGINAL,
    WIDTHS,
    assert_reply,
    body_of,
    hard_wrap,
    outlook_header,
    quoted,
    wrap_line,
)

# -- attributions above a hard-wrapped quote ------------------------------------------------


@pytest.mark.parametrize("form", sorted(ATTRIBUTIONS))
def test_top_posted_text_above_a_wrapped_quote_is_the_reply(form: str) -> None:
    for width, long_lines in GRID:
        lang, attribution = ATTRIBUTIONS[form]
        quote = quoted(body_of(lang), sender_width=None if long_lines else 72)
        text = "\n".join(
            [NEW[lang], "", *hard_wrap(attribution, width), "", *hard_wrap(quote, width), ""]
        )
        assert_reply(text, NEW[lang], trailing=width == WIDTHS[1])


@pytest.mark.parametrize("form", sorted(ATTRIBUTIONS))
def test_bottom_posted_text_under_a_wrapped_quote_is_the_reply(form: str) -> None:
    for width, long_lines in GRID:
        lang, attribution = ATTRIBUTIONS[form]
        quote = quoted(body_of(lang), sender_width=None if long_lines else 72)
        text = "\n".join([*hard_wrap([*attribution, *quote], width), "", NEW[lang], ""])
        assert_reply(text, NEW[lang], trailing=width == WIDTHS[1])


@pytest.mark.parametrize("rule", ["none", "divider", "underscores"])
@pytest.mark.parametrize("lang", sorted(_OUTLOOK_LABELS))
def test_outlooks_header_block_cuts_the_unmarked_original(lang: str, rule: str) -> None:
    for width in WIDTHS:
        original = [line for para in body_of(lang) for line in (*wrap_line(para, width), "")]
        text = "\n".join([NEW[lang], "", *outlook_header(lang, rule, width), "", *original])
        assert_reply(text, NEW[lang])


@pytest.mark.parametrize("form", sorted(ATTRIBUTIONS))
def test_an_unmarked_original_under_an_attribution_is_history(form: str) -> None:
    for width in WIDTHS:
        lang, attribution = ATTRIBUTIONS[form]
        original = [line for para in body_of(lang) for line in (*wrap_line(para, width), "")]
        text = "\n".join([NEW[lang], "", *hard_wrap(attribution, width), "", *original])
        assert_reply(text, NEW[lang])


# -- the quote's own shapes ------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["> ", ">"])
@pytest.mark.parametrize("lang", sorted(ORIGINAL))
def test_a_quote_marked_with_or_without_a_space_is_cut_whole(lang: str, mark: str) -> None:
    for width in WIDTHS:
        quote = quoted(body_of(lang), mark=mark, sender_width=None)
        text = "\n".join([NEW["en"], "", ATTRIBUTIONS["gmail"][1][0], *hard_wrap(quote, width)])
        assert_reply(text, NEW["en"])


def test_a_nested_quote_wrapped_at_every_level_is_cut_whole() -> None:
    for width in WIDTHS:
        inner = quoted(body_of("en"), mark="> ", sender_width=72)
        outer = [
            "> Anna, could you please look at this again? The printer still refuses to print",
            "> on both sides of the paper since the update of last week.",
            ">",
            "> On Fri, May 30, 2025 at 4:12 PM Jane Client <jane@client.example> wrote:",
            *[f">{line}" if line.startswith(">") else f"> {line}" for line in inner],
        ]
        text = "\n".join([NEW["en"], "", ATTRIBUTIONS["gmail"][1][0], *hard_wrap(outer, width)])
        assert_reply(text, NEW["en"])


@pytest.mark.parametrize("posting", ["top", "bottom"])
def test_a_link_longer_than_the_width_stays_in_the_quote(posting: str) -> None:
    for width in WIDTHS:
        quote = quoted(
            [
                "Please download the new driver from our support portal at the following "
                f"address: {LINK} and install it on every computer that prints to this model.",
                "Kind regards, Anna",
            ],
            sender_width=None,
        )
        history = ["On 02/06/2025 10:04, Anna Schmidt wrote:", *hard_wrap(quote, width)]
        if posting == "top":
            text = "\n".join([NEW["en"], "", *history])
        else:
            text = "\n".join([*history, "", NEW["en"]])
        assert_reply(text, NEW["en"])


@pytest.mark.parametrize("posting", ["top", "bottom"])
def test_a_wrapped_list_and_table_in_the_quote_are_cut(posting: str) -> None:
    for width in WIDTHS:
        quote = [
            "> Before we send a technician, please check the following points on the printer:",
            ">",
            "> - the duplex unit is pushed in all the way at the back of the printer and locked",
            "> - the paper in tray 2 is A4 and not Letter, which the duplex unit cannot turn",
            "> 1. the firmware version shown on the display under Settings > Device > About",
            ">",
            "> Item                          Qty      Unit price         Total price in EUR",
            "> Duplex unit DU-4521             1          189.00                     189.00",
            "> Service call, first hour        1           95.00                      95.00",
        ]
        history = ["On Mon, Jun 2, 2025 at 10:04 AM Anna Schmidt <anna@helpdesk.example> wrote:"]
        history += hard_wrap(quote, width)
        if posting == "top":
            text = "\n".join([NEW["en"], "", *history])
        else:
            text = "\n".join([*history, "", NEW["en"]])
        assert_reply(text, NEW["en"])


def test_a_quote_marked_with_bars_is_cut() -> None:
    for width in WIDTHS:
        quote = quoted(body_of("en"), mark="| ", sender_width=None)
        text = "\n".join(
            [NEW["en"], "", "On 02/06/2025 10:04, Anna Schmidt wrote:", *hard_wrap(quote, width)]
        )
        assert_reply(text, NEW["en"])


# -- inline answers --------------------------------------------------------------------------

QUESTIONS = [
    "Could you tell us which version of the driver is installed on the computer that prints "
    "to this printer at the moment?",
    "And did the problem start right after the update that our team rolled out on Tuesday "
    "evening to every computer on the second floor, including the ones in the meeting rooms "
    "and at the reception desk, or was it there before?",
    "Finally, does the printer print on both sides when you send a job from another computer "
    "in the same office?",
]
ANSWERS = [
    "Version 7.2.0, the one from the intranet.",
    "Right after the update, on Wednesday morning.",
    "No, it does not: the other computers have the same problem.",
]


@pytest.mark.parametrize("blank", [True, False], ids=["blank-between", "no-blank"])
@pytest.mark.parametrize("mark", ["> ", ">"])
def test_inline_answers_between_wrapped_quotes_all_stay(blank: bool, mark: str) -> None:
    for width in WIDTHS:
        lines = ["On Mon, Jun 2, 2025 at 10:04 AM Anna Schmidt <anna@helpdesk.example> wrote:"]
        for question, answer in zip(QUESTIONS, ANSWERS, strict=True):
            lines += hard_wrap([f"{mark}{question}"], width)
            lines += ["", answer, ""] if blank else [answer, ""]
        assert_reply("\n".join(lines), "\n\n".join(ANSWERS))


def test_inline_answers_under_an_unwrapped_quote_stay() -> None:
    for width in WIDTHS:
        lines = ["Anna Schmidt wrote:"]
        for question, answer in zip(QUESTIONS, ANSWERS, strict=True):
            lines += [f"> {line}" for line in wrap_line(question, width - 2)]
            lines += [answer, ""]
        assert_reply("\n".join(lines), "\n\n".join(ANSWERS))


# -- bottom posting: the writer's short lines under a quote ----------------------------------

SHORT_LINES = [
    "OK, thanks.",
    "Done.\nWorks now.",
    "Yes.",
    "See you Monday,\nJane",
    "Danke!",
    "Merci, c'est réglé.",
]


@pytest.mark.parametrize("new", SHORT_LINES)
def test_short_lines_typed_under_a_wrapped_quote_stay(new: str) -> None:
    for width in WIDTHS:
        quote = quoted(body_of("en"), sender_width=None)
        text = "\n".join(
            ["On 02/06/2025 10:04, Anna Schmidt wrote:", *hard_wrap(quote, width), "", new, ""]
        )
        got = reply_text(text)
        # A name typed under the text may go as a sign-off; every other word stays.
        assert new.split("\n", maxsplit=1)[0].split() == got.split("\n")[0].split(), got


@pytest.mark.parametrize("new", SHORT_LINES)
def test_short_lines_typed_right_under_a_quote_that_ends_its_sentence_stay(new: str) -> None:
    for width in WIDTHS:
        quote = quoted(body_of("en"), sender_width=72)
        text = "\n".join(
            ["On 02/06/2025 10:04, Anna Schmidt wrote:", *hard_wrap(quote, width), new, ""]
        )
        got = reply_text(text)
        assert new.split("\n", maxsplit=1)[0].split() == got.split("\n")[0].split(), got


def test_a_link_given_as_the_answer_to_a_quoted_question_stays() -> None:
    question = (
        "> Where can I download the driver for the printer, and which version should I "
        "install on the computers on the second floor?"
    )
    for width in WIDTHS:
        text = "\n".join(["Anna Schmidt wrote:", *hard_wrap([question], width), LINK])
        assert_reply(text, LINK)


def test_a_paragraph_typed_right_under_a_quote_that_ends_its_sentence_stays() -> None:
    writer = (
        "I installed it on both computers this morning and restarted them, and the duplex "
        "unit turns the paper again, so the ticket can be closed from my side."
    )
    for width, long_lines in GRID:
        quote = quoted(body_of("en"), sender_width=None if long_lines else 72)
        text = "\n".join(
            [
                "On 02/06/2025 10:04, Anna Schmidt wrote:",
                *hard_wrap(quote, width),
                *wrap_line(writer, width),
            ]
        )
        assert_reply(text, writer)


@pytest.mark.parametrize(
    "header",
    [
        # Outlook for Mac: the date labelled Date, and "at" in it.
        [
            "From: Anna Schmidt <anna@helpdesk.example>",
            "Date: Monday, 2 June 2025 at 10:04",
            "To: Jane Client <jane@client.example>",
            "Subject: Re: [#4521] Printer",
        ],
        # Gmail's forward and Apple Mail's: the divider, then the fields in their order.
        [
            "---------- Forwarded message ---------",
            "From: Anna Schmidt <anna@helpdesk.example>",
            "Date: Mon, Jun 2, 2025 at 10:04 AM",
            "Subject: [#4521] Printer",
            "To: Jane Client <jane@client.example>",
        ],
        # Outlook's labels in bold after an HTML part was turned into text.
        [
            "*From:* Anna Schmidt <anna@helpdesk.example>",
            "*Sent:* Monday, June 2, 2025 10:04 AM",
            "*To:* Jane Client <jane@client.example>",
            "*Cc:* Office Team <office@client.example>",
            "*Subject:* RE: [#4521] Printer",
        ],
        # Lotus Notes and others: the sender and the date on one line, then To.
        [
            "-----Original Message-----",
            "From: Anna Schmidt [mailto:anna@helpdesk.example]",
            "Sent: 02 June 2025 10:04",
            "To: Jane Client",
            "Cc: Office Team",
            "Subject: RE: [#4521] Printer",
            "Importance: High",
        ],
        # Outlook in German with the message's importance under its subject.
        [
            "Von: Anna Schmidt <anna@helpdesk.example>",
            "Gesendet: Montag, 2. Juni 2025 10:04",
            "An: Jane Client <jane@client.example>",
            "Cc: Office Team <office@client.example>",
            "Betreff: AW: [#4521] Drucker",
            "Wichtigkeit: Hoch",
        ],
        # Zimbra: its divider, the fields in its order.
        [
            "----- Mail original -----",
            'De: "Anna Schmidt" <anna@helpdesk.example>',
            'À: "Jane Client" <jane@client.example>',
            "Envoyé: Lundi 2 Juin 2025 10:04:00",
            "Objet: Imprimante",
        ],
        # Thunderbird's header above a forwarded or inlined original: Subject first.
        [
            "-------- Original Message --------",
            "Subject: [#4521] Printer",
            "Date: Mon, 2 Jun 2025 10:04:00 +0200",
            "From: Anna Schmidt <anna@helpdesk.example>",
            "To: Jane Client <jane@client.example>",
        ],
    ],
    ids=["outlook-mac", "forwarded", "bold", "importance", "wichtigkeit", "zimbra", "thunderbird"],
)
def test_other_header_blocks_cut_the_unmarked_original(header: list[str]) -> None:
    for width, long_lines in GRID:
        original = [line for para in body_of("en") for line in (*wrap_line(para, width), "")]
        text = "\n".join([NEW["en"], "", *header, "", *original])
        assert_reply(text, NEW["en"])
        # … and above a ">" quote, the whole block is hidden with it.
        quote = hard_wrap(quoted(body_of("en"), sender_width=None if long_lines else 72), width)
        assert_reply("\n".join([NEW["en"], "", *header, "", *quote]), NEW["en"])
        assert_reply("\n".join([*header, "", *quote, "", NEW["en"]]), NEW["en"])


def test_alots_attribution_without_a_colon_goes_with_its_quote() -> None:
    for width in WIDTHS:
        quote = hard_wrap(quoted(body_of("en"), sender_width=72), width)
        attribution = "Quoting Anna Schmidt (2025-06-02 10:04:00)"
        assert_reply("\n".join([NEW["en"], "", attribution, *quote]), NEW["en"])
        assert_reply("\n".join([attribution, *quote, "", NEW["en"]]), NEW["en"])


@pytest.mark.parametrize("form", ["apple mail", "gmail", "gmail german", "gmail french"])
def test_an_attribution_quoted_with_the_original_is_cut_with_it(form: str) -> None:
    """Apple Mail on the iPhone quotes its attribution with the original ("> On … wrote:"
    / ">" / "> …"); wrapped after the mark, its end ("wrote:") loses the mark too."""
    lang, attribution = ATTRIBUTIONS[form]
    for width, long_lines in GRID:
        quote = quoted(body_of(lang), sender_width=None if long_lines else 72)
        inside = [f"> {line}" for line in attribution] + [">", *quote]
        text = "\n".join([NEW[lang], "", *hard_wrap(inside, width)])
        assert_reply(text, NEW[lang])
        text = "\n".join([*hard_wrap(inside, width), "", NEW[lang]])
        assert_reply(text, NEW[lang])


# What a quoted line asks, wrapped so that its tail may begin with a capital ("Monday"),
# end without a stop, or end the sentence; and the short answers typed right under it.
PROMPTS = [
    "Could you tell us which version of the driver is installed on the computer that prints "
    "to this printer?",
    "Please confirm that the new delivery address for the toner and the copy paper is "
    "Storgatan 7 in Västerås.",
    "We would also need the name of the person who will receive the technician at the "
    "reception desk on Monday",
    "How many computers in the office print to this printer, including the laptops in the "
    "meeting rooms?",
    "Let us know the time that suits you best for the visit of the technician next Monday "
    "morning please",
]
SHORT_ANSWERS = [
    "Yes.", "Ja", "OK", "Done.", "No", "Marco Rossi", "3", "14:00", "Correct, Storgatan 7.",
    "yes, both of them.", "Sí, correcto.", "Hecho",
]  # fmt: skip


@pytest.mark.parametrize("answer", SHORT_ANSWERS)
def test_a_short_answer_right_under_a_wrapped_tail_stays(answer: str) -> None:
    for width in WIDTHS:
        for k, prompt in enumerate(PROMPTS):
            lines = ["On Mon, Jun 2, 2025 at 10:04 AM Anna Schmidt <anna@helpdesk.example> wrote:"]
            lines += [*hard_wrap([f"> {PROMPTS[k - 1]}"], width), ""]
            lines += [*hard_wrap([f"> {prompt}"], width), answer, ">"]
            lines += hard_wrap([f"> {PROMPTS[(k + 1) % len(PROMPTS)]}"], width)
            assert_reply("\n".join(lines), answer, trailing=False)


@pytest.mark.parametrize(
    "said",
    [
        "On Monday at 10:00 I wrote to the supplier:",
        "Am 3.6. um 9:00 schrieb ich an Herrn Wolf:",
        "Anna wrote on Monday at 10:30 to the supplier:",
    ],
)
def test_the_writers_sentence_about_what_was_written_stays(said: str) -> None:
    text = f"Hi,\n\n{said}\n\nPlease send the toner by Friday.\n\nNo answer yet."
    assert_reply(text, text)
