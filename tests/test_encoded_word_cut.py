"""A subject whose last encoded word lost its "?=" — a gateway or a form that
cuts long header fields — is read as far as it goes, the cut noted; text that only
looks like the start of an encoded word stays as written."""

from __future__ import annotations

import base64

import pytest

from mailgate.parse import parse_message

TEXT = "Проблема с принтером — срочно"


def _subject(value: str) -> tuple[str, tuple[str, ...]]:
    raw = f"From: a@client.test\r\nTo: s@helpdesk.test\r\nSubject: {value}\r\n\r\nhi\r\n"
    parsed = parse_message(raw.encode())
    return parsed.subject, parsed.defects


def _b(data: bytes) -> str:
    return base64.b64encode(data).decode()


@pytest.mark.parametrize(
    ("value", "subject"),
    [
        (f"=?utf-8?B?{_b(TEXT.encode())}", TEXT),
        (f"Re: =?utf-8?B?{_b(TEXT.encode())}", f"Re: {TEXT}"),
        (f"=?utf-8?B?{_b(TEXT.encode()).rstrip('=')}", TEXT),
        ("=?utf-8?Q?Caf=C3=A9_cr=C3=A8me", "Café crème"),
        ("=?iso-8859-1?q?R=E9clamation", "Réclamation"),
        # The first word whole, the second cut: read together, as adjacent words are.
        (f"=?utf-8?B?{_b(TEXT[:9].encode())}?= =?utf-8?B?{_b(TEXT[9:].encode())}", TEXT),
        (f"=?koi8-r?B?{_b('Счёт за ноябрь'.encode('koi8-r'))}", "Счёт за ноябрь"),
    ],
)
def test_cut_word_read(value: str, subject: str) -> None:
    got, defects = _subject(value)
    assert got == subject
    assert "subject: an encoded word without its end (?=)" in defects


def test_a_character_split_between_a_whole_word_and_the_cut_one() -> None:
    # "Проб" and half of "л" in the first word, the rest of "л" in the cut one.
    data = "Проблема с принтером".encode()
    value = f"=?utf-8?B?{_b(data[:7])}?= =?utf-8?B?{_b(data[7:])}"
    got, _defects = _subject(value)
    assert got == "Проблема с принтером"


def test_cut_in_the_middle_of_a_character() -> None:
    data = TEXT.encode()[:9]  # "Проб" and half of "л"
    got, _defects = _subject(f"=?utf-8?B?{_b(data)}")
    assert got.startswith("Проб")


@pytest.mark.parametrize(
    "value",
    [
        "What does =?utf-8?Q? mean",
        "price =?x",
        "=?utf-8?B?",
        "Re: =?utf-8?Q?not the end?",
        "a =?utf-8?B?abc def",
    ],
)
def test_what_only_looks_like_a_word_stays(value: str) -> None:
    got, defects = _subject(value)
    assert got == value
    assert not any("without its end" in d for d in defects)
