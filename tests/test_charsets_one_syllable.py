"""A raw subject of one Korean syllable under a Korean label ("탁" is 0xC5 0xB9 in
EUC-KR) is also valid UTF-8 — one accented Latin letter ("Ź"). RFC 6532 makes raw
header bytes UTF-8 first; a single accented letter is no one's word, so in a message
written in EUC-KR the syllable is read. A UTF-8 message keeps its own letter."""

from __future__ import annotations

import pytest

from mailgate.parse.reader import parse_message

BODY = "안녕하세요,\n\n주문한 상품이 아직 도착하지 않았습니다. 확인 부탁드립니다.\n\n감사합니다."


def _mail(subject: str, charset: str, body: str) -> bytes:
    return (
        b"From: client@client.example\r\nTo: support@helpdesk.example\r\nSubject: "
        + subject.encode(charset)
        + f"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset={charset}\r\n".encode()
        + b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + body.encode(charset)
    )


@pytest.mark.parametrize("syllable", ["탁", "푭", "튿", "홱", "퐝", "퓨", "탉", "틘", "칼", "캡"])
@pytest.mark.parametrize("label", ["euc-kr", "ks_c_5601-1987", "cp949"])
def test_one_syllable_stays_korean(syllable: str, label: str) -> None:
    codec = "cp949" if label != "euc-kr" else "euc-kr"
    raw = _mail(syllable, codec, BODY).replace(
        f"charset={codec}".encode(), f"charset={label}".encode()
    )
    assert parse_message(raw).subject == syllable


@pytest.mark.parametrize(
    ("subject", "body"),
    [("Ź", "Dzień dobry"), ("é", "Bonjour"), ("Zółć", "Dzień dobry"), ("Ünal", "Merhaba")],
)
def test_a_utf8_message_keeps_its_letters(subject: str, body: str) -> None:
    assert parse_message(_mail(subject, "utf-8", body)).subject == subject
