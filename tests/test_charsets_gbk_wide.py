"""Chinese written in GBK with characters outside GB2312 — the traditional forms
("庫", "確", "認", "國") a Simplified text uses for names and companies, the Japanese
kanji GBK also holds — have a second byte in the ASCII range ("確" is 0xB4 0x5F, "認"
0xD5 0x4A). Such bytes beside ASCII letters look like a Latin word's accents; read
whole under the message's Chinese label, no letter is left beside them, and the text
stays Chinese. A Latin text under a Chinese label still reads as Latin."""

from __future__ import annotations

import pytest

from mailgate.parse.charsets import decode_bytes
from mailgate.parse.reader import parse_message

WIDE = [
    "在庫確認",
    "訂單確認",
    "請求書",
    "領収書",
    "陳國強",
    "退貨申請",
    "確認",
    "鄭先生您好",
    "劉德華 報價單",
    "香港分公司 發票",
]
LABELS = ["gbk", "gb2312", "gb18030", "GBK"]
BODY = "您好，\n\n请确认附件中的订单，谢谢。\n\n王伟"


def _mail(subject: str, label: str | None) -> bytes:
    head = b"From: client@client.example\r\nTo: support@helpdesk.example\r\nSubject: "
    head += subject.encode("gbk") + b"\r\nMIME-Version: 1.0\r\n"
    if label is not None:
        head += f"Content-Type: text/plain; charset={label}\r\n".encode()
        head += b"Content-Transfer-Encoding: 8bit\r\n"
    return head + b"\r\n" + BODY.encode("gbk").replace(b"\n", b"\r\n") + b"\r\n"


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("subject", WIDE)
def test_a_raw_subject_outside_gb2312_stays_chinese(subject: str, label: str) -> None:
    assert parse_message(_mail(subject, label)).subject == subject


@pytest.mark.parametrize("label", ["gbk", "gb2312"])
@pytest.mark.parametrize("text", WIDE)
def test_the_text_in_its_label(text: str, label: str) -> None:
    assert decode_bytes(text.encode("gbk"), label).text == text


@pytest.mark.parametrize(
    ("text", "charset"),
    [
        ("Pourriez-vous vérifier très rapidement", "cp1252"),
        ("Größe ändern, bitte", "cp1252"),
        ("Prośba o zwrot płatności", "cp1250"),
        ("Objednávka stále nedorazila", "cp1250"),
    ],
)
@pytest.mark.parametrize("label", ["gb2312", "gbk"])
def test_a_latin_text_under_a_chinese_label_reads_as_latin(
    text: str, charset: str, label: str
) -> None:
    assert decode_bytes(text.encode(charset), label).text == text
