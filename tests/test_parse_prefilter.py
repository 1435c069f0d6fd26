"""The test in front of the reader's large patterns (``mailgate.parse.prefilter``) never
turns away a text the pattern matches: its words are read right from the pattern, and a
case-insensitive pattern's are compared folded the way the engine compares letters."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from typing import Any

import pytest

from mailgate.parse import footers, quote_words, reader
from mailgate.parse.prefilter import Prefiltered, fold, opening_words, prefiltered, requirement
from tests.support.environment import REPO

READER_PATTERNS = {
    f"{module.__name__}.{name}": value
    for module in (footers, quote_words)
    for name, value in vars(module).items()
    if isinstance(value, Prefiltered)
}

# Lines the reader's filtered patterns match (footers, notices, banners, legal lines,
# closings, attributions), in several languages.
FOOTER_LINES = [
    "Users mailing list",
    "https://lists.example.org/mailman/listinfo/users",
    "To unsubscribe from this group and stop receiving emails from it, send an email to x.",
    "You received this message because you are subscribed to the Google Groups group.",
    "Sie erhalten diese Nachricht, weil Sie Mitglied der Gruppe sind.",
    "Vous recevez ce message car vous êtes abonné au groupe.",
    "You are receiving this because you were mentioned.",
    "Reply to this email directly or view it on GitHub.",
    "This email has been checked for viruses by Avast antivirus software.",
    "Diese E-Mail wurde von Avast Antivirus-Software auf Viren geprüft.",
    "Bitte antworten Sie nicht auf diese E-Mail.",
    "Lütfen bu e-postayı yanıtlamayınız.",
    "Не отвечайте на это письмо.",
    "请勿直接回复此邮件",
    "Think before you print.",
    "Unsubscribe: https://news.example.com/u/123",
    "Pour vous désabonner, cliquez ici : https://example.fr/d",
    "This e-mail is intended solely for the addressee and may contain privileged information.",
    "Ce message est confidentiel et destiné exclusivement à son destinataire.",
    "Αυτό το μήνυμα είναι εμπιστευτικό και προορίζεται αποκλειστικά για τον παραλήπτη.",
    "Wir verarbeiten Ihre personenbezogenen Daten gemäß DSGVO; Ihre Rechte: https://x.de",
    "Amtsgericht München, HRB 123456, Geschäftsführer: Jens Möller",
    "Registered in England, company number 01234567, VAT GB123456789",
    "CAUTION: This email originated from outside of the organization. Do not click links.",
    "ACHTUNG: Diese E-Mail stammt von einem externen Absender. Klicken Sie nicht auf Links.",
    "View this email in your browser: https://news.example.com/v/1",
    "Learn why this is important at https://aka.ms/LearnAboutSenderIdentification",
    "Delivery options: https://lists.example.org/options",
    "Best regards,",
    "Mit freundlichen Grüßen",
    "С уважением,",
    "よろしくお願いいたします。",
    "Thanks!",
    "Vielen Dank",
    "On Mon, 2 Jun 2025 at 10:04, Jo Client <jo@example.com> wrote:",
    "Am 02.06.2025 um 10:04 schrieb Anna Schmidt:",
    "Le lun. 2 juin 2025 à 10:04, Jo <jo@example.fr> a écrit :",
    "I am writing about my order: the printer arrived broken.",
]


def _variants(line: str) -> list[str]:
    """The line as written, in other cases, and with the letters the engine takes for
    one another case-insensitively (the long s, the dotless and dotted i, the Kelvin
    sign, the final sigma)."""
    return [
        line,
        line.upper(),
        line.lower(),
        line.swapcase(),
        line.replace("s", "ſ").replace("i", "ı").replace("k", "\u212a"),
        line.upper().replace("I", "İ").replace("S", "ſ"),
        line.lower().replace("σ", "ς").replace("i", "İ"),
    ]


@pytest.mark.parametrize("name", sorted(READER_PATTERNS))
def test_a_prefiltered_pattern_finds_what_the_pattern_finds(name: str) -> None:
    pattern = READER_PATTERNS[name]
    assert pattern.requirement, f"{name}: no words read, every line goes to the pattern"
    for text in (v for line in FOOTER_LINES for v in _variants(line)):
        found, expected = pattern.search(text), pattern.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span()), (name, text)
        found, expected = pattern.match(text), pattern.pattern.match(text)
        assert (found and found.span()) == (expected and expected.span()), (name, text)


def test_the_footer_lines_are_matched_and_a_sentence_is_turned_away() -> None:
    matched = [
        line for line in FOOTER_LINES if any(p.search(line) for p in READER_PATTERNS.values())
    ]
    assert len(matched) >= len(FOOTER_LINES) - 1
    assert not footers._FOOTER_LINE.may_match("the printer prints nothing since yesterday")


def test_the_words_are_read_from_every_alternative() -> None:
    assert requirement(re.compile(r"a(?:bc|de)f")) == ([[{"a"}, {"bc", "de"}, {"f"}]], False)
    assert requirement(re.compile(r"colou?r")) == ([[{"colo"}, {"r"}]], False)
    assert requirement(re.compile(r"[ab]c\b|x{2,}yz")) == ([[{"c"}], [{"x"}, {"yz"}]], False)
    assert requirement(re.compile(r"(?si:Caution)|WARN")) == ([[{"Caution"}], [{"WARN"}]], True)
    assert requirement(re.compile(r"(?:ab|cd\w*)\s(?:ef|g)", re.IGNORECASE)) == (
        [[{"ab", "cd"}, {"ef", "g"}]],
        True,
    )


def test_a_text_must_meet_every_clause_of_an_alternative() -> None:
    pattern = prefiltered(r"(?:receiv\w*|got) this (?:mail|message) because|^rate us", re.I)
    assert pattern.may_match("We got this message, because …")
    assert pattern.may_match("Rate us")
    assert not pattern.may_match("this message")  # nothing received
    assert not pattern.may_match("I got it because of this")  # no mail named
    assert pattern.search("they RECEIVED THIS MAIL BECAUSE") is not None


def test_words_inside_others_and_patterns_made_later_are_found() -> None:
    """The first words of every pattern are looked for in one pass of the line: a word
    inside another ("mail" in "email", at the same place) counts, a pattern made after
    lines were read has its words looked for too, and a case-sensitive pattern compares
    the line as written."""
    first = prefiltered(r"e-?mail|newsletter", re.IGNORECASE)
    assert first.may_match("Our NEWSLETTER")  # read once: the line's words are kept
    later = prefiltered(r"mail (?:box|server)\b|letter", re.IGNORECASE)
    assert later.may_match("Our NEWSLETTER")  # "letter" inside "newsletter"
    assert later.may_match("the email server is down")
    assert first.may_match("the email server is down")
    assert not later.may_match("the mailing list")
    exact = prefiltered(r"CAUTION|Sent from")
    assert exact.may_match("CAUTION: external")
    assert not exact.may_match("caution: external")
    assert not exact.may_match("sent from my phone")
    for text in ("Our NEWSLETTER", "the email server is down", "CAUTION: x", "sent from"):
        for pattern in (first, later, exact):
            assert (pattern.search(text) is not None) == (
                pattern.pattern.search(text) is not None
            ), (pattern.pattern.pattern, text)


def test_an_alternative_without_a_literal_leaves_every_text_to_the_pattern() -> None:
    for source in (r"abc|\d+", r"x|y*", r"(?:abc)?", r"[Ii]ch|[Яя]"):
        found, _ = requirement(re.compile(source))
        assert found is None, source
        assert prefiltered(source).may_match("nothing of it here")


def test_the_fold_merges_every_letter_the_engine_takes_for_a_word_letter() -> None:
    """Every character in the whole of Unicode that ``re.IGNORECASE`` matches to a
    letter of the reader's words folds to the same character as that letter."""
    letters = set()
    for pattern in READER_PATTERNS.values():
        found, _ = requirement(pattern.pattern)
        letters |= {ch for clauses in found or () for clause in clauses for ch in "".join(clause)}
    everything = "".join(map(chr, range(0x110000)))
    either = re.compile("[" + "".join(re.escape(c) for c in sorted(letters)) + "]", re.IGNORECASE)
    matched = {m.group() for m in either.finditer(everything)}
    assert len(matched) > len(letters)  # the other cases, ſ, ı, K …
    for char in matched:
        for letter in letters:
            if re.fullmatch(re.escape(letter), char, re.IGNORECASE):
                assert fold(char) == fold(letter), (char, letter)


def test_the_fold_of_a_text_is_the_fold_of_its_characters() -> None:
    """So that a folded word is in the folded text where the pattern matches: no
    character folds to two (``"İ".lower()``) and a word-final sigma folds as any."""
    everything = "".join(map(chr, range(0x110000)))
    assert fold(everything) == "".join(map(fold, everything))
    for text in ("ΜΉΝΥΜΑΣ", "ΑΣ Β", "Σ", "İNSCRİPTİON", "ſubſcribe"):
        assert fold(text) == "".join(map(fold, text))


def test_the_opening_words_are_read_from_every_alternative() -> None:
    pattern = re.compile(
        r"^(?:any |all )?(?:e-?mails?|messaggi\w*)\b.{0,9}x|^(?:diese|die) nachricht|"
        r"^est[ae] correo",
        re.IGNORECASE,
    )
    words, stems = opening_words(pattern) or (frozenset(), ())
    assert words == {"any", "all", "e-mail", "email", "e-mails", "emails", "diese", "die"} | {
        "esta",
        "este",
    }
    assert stems == ("messaggi",)


def test_a_pattern_that_does_not_spell_out_its_first_word_has_none() -> None:
    for source in (r"this message", r"^\W*note:", r"^(?:a|\d+) b", r"^[a-z]+ x", r"^x|y", r"^\w+"):
        assert opening_words(re.compile(source)) is None, source


def test_a_pattern_is_compiled_when_a_text_first_holds_its_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    compiled: list[str] = []
    compile_ = re.compile

    def counted(source: Any, flags: int = 0) -> re.Pattern[Any]:
        compiled.append(source)
        return compile_(source, flags)

    monkeypatch.setattr(re, "compile", counted)
    pattern = prefiltered(r"(?:unsubscribe|opt[- ]out) (?:here|below)", re.IGNORECASE)
    assert compiled == []
    assert pattern.search("Thanks for the quick answer") is None  # no word of it
    assert pattern.match("Unsubscribe") is None
    assert compiled == []
    found = pattern.search("To OPT-OUT HERE: reply STOP")
    assert found is not None
    assert found.group() == "OPT-OUT HERE"
    assert pattern.search("unsubscribe below") is not None
    assert pattern.pattern is pattern.pattern
    assert compiled == [r"(?:unsubscribe|opt[- ]out) (?:here|below)"]
    assert pattern.pattern.flags & re.IGNORECASE


# Counts, in a new interpreter, the patterns mailgate.parse.prefilter compiles while the
# parser and the processing stage are imported.
_COMPILED_AT_IMPORT = """
import re, sys
compile_, compiled = re.compile, []

def counted(source, flags=0):
    if sys._getframe(1).f_code.co_filename.endswith("prefilter.py"):
        compiled.append(source)
    return compile_(source, flags)

re.compile = counted
import mailgate.parse, mailgate.process
print(len(compiled))
"""


def test_importing_the_reader_compiles_none_of_its_filtered_patterns() -> None:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-c", _COMPILED_AT_IMPORT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert done.stdout.split() == ["0"]


def test_a_pattern_made_after_others_were_read_joins_the_words_looked_for() -> None:
    # The words of the patterns made so far are read together, at the first text one of
    # them is tried on; a pattern made later adds its own at its first text.
    first = prefiltered(r"kindly disregard|bitte ignorieren", re.IGNORECASE)
    assert first.search("Please KINDLY DISREGARD the above") is not None
    later = prefiltered(r"out of (?:the )?office|abwesenheitsnotiz", re.IGNORECASE)
    assert later.search("I am out of the office until Monday") is not None
    assert later.search("Bitte ignorieren") is None
    assert first.search("Bitte ignorieren Sie die Nachricht") is not None
    assert first.search("I am out of the office") is None


def test_prepared_patterns_are_read_and_compiled_before_a_fork() -> None:
    """``mailgate process --workers N`` makes the reader ready in the command's process
    before it forks its planners: each finds the patterns compiled, the libraries loaded."""
    made = [prefiltered(r"prepared (?:once|here)", re.IGNORECASE), footers._MORE_FOOTER_LINE]
    reader.prepare()
    for pattern in made:
        assert pattern._read
        assert pattern._compiled is not None
    # And the libraries a message may need (HTML, charset detection) are loaded.
    assert {"lxml.html", "inscriptis.html_engine", "charset_normalizer"} <= set(sys.modules)
    assert made[0].search("Prepared ONCE") is not None
