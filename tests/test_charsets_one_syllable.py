"""A raw subject of one Korean syllable under a Korean label ("탁" is 0xC5 0xB9 in
EUC-KR), or a short word of a single-byte script ("รถ" in TIS-620 is 0xC3 0xB6), is also
valid UTF-8 — one accented Latin letter or sign ("Ź", "ö", "¹"). RFC 6532 makes raw
header bytes UTF-8 first; a letter alone is no one's word, so in a message written in
the other charset — declared, or detected from its text when nothing is declared — the
word of that script is read. A UTF-8 message keeps its own letter, and UTF-8 text
under a single-byte label stays UTF-8."""

from __future__ import annotations

import pytest

from mailgate.parse.reader import parse_message
from tests.corpus.raw_subjects import message

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


THAI = "สวัสดีครับ ผมสั่งซื้อสินค้าเมื่อวานนี้ แต่ยังไม่ได้รับอีเมลยืนยันการสั่งซื้อ รบกวนตรวจสอบให้ด้วยครับ ขอบคุณครับ"


@pytest.mark.parametrize("word", ["รถ", "ลบ", "ยน", "หก"])
@pytest.mark.parametrize("label", ["tis-620", "windows-874", None])
def test_a_short_thai_word_stays_thai(word: str, label: str | None) -> None:
    raw = message(word.encode("tis-620"), THAI.encode("tis-620"), label)
    assert parse_message(raw).subject == word


@pytest.mark.parametrize("word", ["Да", "Ок", "Счёт"])
@pytest.mark.parametrize("label", ["windows-1251", "koi8-r"])
def test_a_short_cyrillic_word_stays_cyrillic(word: str, label: str) -> None:
    text = "Здравствуйте, заказ не пришёл."
    raw = message(word.encode(label), text.encode(label), label)
    assert parse_message(raw).subject == word


@pytest.mark.parametrize("subject", ["Привет", "Café", "Zółć"])
@pytest.mark.parametrize("label", ["windows-1251", "tis-620", "iso-8859-7"])
def test_utf8_under_a_single_byte_label_stays_utf8(subject: str, label: str) -> None:
    raw = message(subject.encode("utf-8"), "Текст".encode(), label)
    assert parse_message(raw).subject == subject


def test_a_utf8_letter_beside_a_western_text_stays() -> None:
    raw = message("ö".encode(), "Grüße aus Wien".encode("latin-1"), None)
    assert parse_message(raw).subject == "ö"
