"""Estonian "õ" and Hungarian "ő": one byte (0xF5), read by the spelling around it.

Estonian is written in windows-1252, ISO 8859-15 and windows-1257, which all put "õ" at
0xF5; ISO 8859-2 and windows-1250 put Hungarian "ő" there.  With no label, or beside a
text in windows-1250 whose letters are Czech or Polish, the words tell which: Estonian
writes "õ" in a word's first syllable, with only a, e, i, u after it and none of the
letters Hungarian spells its sounds with ("Tõnu", "Põld", "kõik"); Hungarian writes "ő"
at a word's end, after its first syllable, beside "sz", "gy", "cs" and its long vowels
("Előleg", "Szőke", "Győr", "Kőbánya").  The negatives are Hungarian texts, which stay
Hungarian, and Hungarian words beside a Hungarian text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from mailgate.parse import latin, parse_message
from tests.support.encoded_words import encoded_word

ESTONIAN = (
    "Tõnu",
    "Tõnu Kask",
    "Põld",
    "Mõttus",
    "Jõgeva",
    "Võru",
    "Õun",
    "Mõõtmine",
    "Lõuna-Eesti",
    "Kõik on korras",
    "Tere, Tõnu! Tänan, kõik on korras.",
    "Sõidu tõend",
)
HUNGARIAN = (
    "Előleg",
    "Szőke",
    "Győr",
    "Kőbánya",
    "Erőmű",
    "Főnök",
    "Főoldal",
    "Tőzsde",
    "Kérdőív",
    "Előleg számla",
    "Ügyfél: Szőke Éva",
)
# A Czech and a Polish text in windows-1250: letters enough, none of them Hungarian's.
CZECH = "Dobrý den, faktura nepřišla, prosím o kontrolu."
POLISH = "Dzień dobry, proszę o fakturę."
HUNGARIAN_TEXT = "Jó napot, a számla nem érkezett meg, kérem a kérdőívet."


def _mail(
    *,
    subject: bytes = b"Request",
    name: bytes = b"Client",
    body: bytes = b"Please see the subject.",
    charset: str | None = None,
) -> bytes:
    content_type = b"text/plain" + (b"; charset=" + charset.encode() if charset else b"")
    return (
        b"From: " + name + b" <client@shop.example>\r\n"
        b"To: support@helpdesk.example\r\n"
        b"Subject: " + subject + b"\r\n"
        b"Message-ID: <estonian@shop.example>\r\n"
        b"Date: Tue, 3 Nov 2026 10:15:00 +0100\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: " + content_type + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )


def _subject(mail: bytes) -> str:
    return parse_message(mail).subject


def _name(mail: bytes) -> str:
    found = parse_message(mail).from_
    return found.name if found is not None else ""


def _body(mail: bytes) -> str:
    return parse_message(mail).text.strip()


# A way of writing the bytes into a message, and how to read the field back.
Way = Callable[[bytes], tuple[bytes, Callable[[bytes], str]]]
WAYS: dict[str, Way] = {
    "raw subject and text, no charset": lambda raw: (_mail(subject=raw, body=raw), _subject),
    "raw subject, ASCII text, no charset": lambda raw: (_mail(subject=raw), _subject),
    "text, no charset": lambda raw: (_mail(body=raw), _body),
    "raw name, no charset": lambda raw: (_mail(name=b'"' + raw + b'"'), _name),
    "raw subject beside a Czech windows-1250 text": lambda raw: (
        _mail(subject=raw, body=CZECH.encode("cp1250"), charset="windows-1250"),
        _subject,
    ),
    "raw name beside a Polish ISO 8859-2 text": lambda raw: (
        _mail(name=b'"' + raw + b'"', body=POLISH.encode("iso8859-2"), charset="iso-8859-2"),
        _name,
    ),
    "iso-8859-1 word beside a Czech windows-1250 text": lambda raw: (
        _mail(
            subject=encoded_word("iso-8859-1", raw),
            body=CZECH.encode("cp1250"),
            charset="windows-1250",
        ),
        _subject,
    ),
    "windows-1252 Q word beside a Polish windows-1250 text": lambda raw: (
        _mail(
            subject=encoded_word("windows-1252", raw, q=True),
            body=POLISH.encode("cp1250"),
            charset="windows-1250",
        ),
        _subject,
    ),
}
ESTONIAN_CHARSETS = ("cp1252", "iso8859-15", "cp1257")
ESTONIAN_CASES = [
    (text, codec, way)
    for text in ESTONIAN
    for codec in ESTONIAN_CHARSETS
    for way in WAYS
    if codec == "cp1252" or way.startswith("raw subject")
]


@pytest.mark.parametrize(("text", "codec", "way"), ESTONIAN_CASES)
def test_estonian_stays_estonian(text: str, codec: str, way: str) -> None:
    mail, read = WAYS[way](text.encode(codec))
    assert read(mail) == text


# The ways that leave the Hungarian bytes to be told by their spelling (no label on
# them, or a Western one that is wrong).
HUNGARIAN_WAYS = (
    "raw subject and text, no charset",
    "raw subject, ASCII text, no charset",
    "text, no charset",
    "raw name, no charset",
    "raw subject beside a Czech windows-1250 text",
    "raw name beside a Polish ISO 8859-2 text",
    "iso-8859-1 word beside a Czech windows-1250 text",
)


@pytest.mark.parametrize("way", HUNGARIAN_WAYS)
@pytest.mark.parametrize("text", HUNGARIAN)
def test_hungarian_stays_hungarian(text: str, way: str) -> None:
    mail, read = WAYS[way](text.encode("iso8859-2"))
    assert read(mail) == text


@pytest.mark.parametrize("text", ["Tőke", "Tőnu", "Nőnap"])
@pytest.mark.parametrize("charset", ["windows-1250", "iso-8859-2"])
def test_a_word_either_could_write_stays_in_a_hungarian_message(text: str, charset: str) -> None:
    """Beside a Hungarian text (its "ő" among its letters) the declared charset stands,
    whatever the word's shape."""
    raw = text.encode(charset)
    body = HUNGARIAN_TEXT.encode(charset)
    assert _subject(_mail(subject=raw, body=body, charset=charset)) == text
    assert _name(_mail(name=b'"' + raw + b'"', body=body, charset=charset)) == text


@pytest.mark.parametrize("text", ["Tőke", "Nőnap", "Tőnu"])
def test_a_word_either_could_write_stays_under_a_short_text(text: str) -> None:
    """A declared windows-1250 with too few letters to tell what it is used for (an
    ASCII or one-word text) stands."""
    raw = text.encode("cp1250")
    for body in (b"Hello", "Dobrý den".encode("cp1250")):
        assert _subject(_mail(subject=raw, body=body, charset="windows-1250")) == text


@pytest.mark.parametrize("text", ["Tõke", "Nõnap", "Sõt"])
def test_a_word_either_could_write_is_read_as_estonian_without_a_label(text: str) -> None:
    """With nothing declared, a word both languages could write goes to the charsets
    most unlabelled mail is in, which read it as Estonian."""
    assert _subject(_mail(subject=text.encode("cp1252"))) == text


@pytest.mark.parametrize(
    ("text", "estonian"),
    [
        ("tõnu", True),
        ("Tere, Tõnu! Kõik on korras.", True),
        ("Mõõtmine", True),
        ("Õun", True),
        ("Tänan, Põld", True),
        # Hungarian read as Latin-1: "ő" at a word's end, after the first syllable,
        # before "o" or "ö", beside "sz", "gy", or a long vowel in the text.
        ("kõ", False),
        ("Elõleg", False),
        ("Fõnök", False),
        ("Fõoldal", False),
        ("Szõke", False),
        ("Gyõr", False),
        ("Tõke Éva", False),
        ("Erõmû", False),
        # Estonian's later syllables have no o: a compound or a foreign name is not
        # told by its spelling.
        ("Tõnisson", False),
        ("no accent", False),
    ],
)
def test_estonian_words(text: str, estonian: bool) -> None:
    assert latin.estonian_words(text) is estonian


def test_the_western_letters_other_than_estonian_spelling_still_count() -> None:
    # Estonian words do not make a Hungarian word beside them Western.
    assert latin.western("Tõnu")
    assert not latin.western("Tõnu Elõleg")
    assert not latin.western("Sipariþ")
    assert latin.western("Hélène Lefèvre")
    assert latin.estonian_reading("Tõnu".encode("cp1257")) == "cp1252"
    assert latin.estonian_reading("Šokolaad Tõnu".encode("cp1257")) == "cp1257"
    assert latin.estonian_reading("Előleg".encode("cp1250")) is None
