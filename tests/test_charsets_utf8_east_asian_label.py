"""UTF-8 under an East Asian label is read as UTF-8.

A web form or a script that writes every encoded word as ``=?gb2312?B?…?=`` (or
Shift_JIS, Big5, EUC-KR) while its page and its text are UTF-8 sends bytes the label's
charset reads too: UTF-8's two-byte sequences of Cyrillic, Greek or accented Latin
letters are valid GBK double bytes ("Звіт" reads "袟胁褨褌", "Café" "Caf茅"), and a
word or two of Chinese in UTF-8 reads as other Chinese characters ("发票" as "鍙戠エ").
Valid UTF-8 with 8-bit bytes is UTF-8 — unless the label's charset reads it as common
text of its language and UTF-8 as no one's text: the few words of GBK, Big5, Shift_JIS
or EUC-KR whose bytes happen to be UTF-8 ("通知" is UTF-8 "֪ͨ", "谢谢" "лл") keep
their label."""

from __future__ import annotations

import base64
from urllib.parse import quote_from_bytes

import pytest

from mailgate.parse import parse_message

LABELS = ("gb2312", "GBK", "gb18030", "big5", "shift_jis", "euc-jp", "euc-kr", "ks_c_5601-1987")

TEXTS = (
    "Café crème et facture",
    "Größe der Lieferung",
    "Zamówienie nr 4521 – pilne",
    "Máy in hỏng",
    "Звіт про роботу",
    "Счёт за ноябрь",
    "Принтерът не работи",
    "Προσφορά για εκτυπωτή",
    "בקשה לעזרה",
    "طلب مساعدة",
    "เครื่องพิมพ์เสีย",
    "发票",
    "关于订单4521的问题",
    "發票問題",
    "プリンターが壊れました",
    "見積書",
    "프린터 고장",
    "환불 요청",
)

# Words of each label's charset whose bytes happen to be valid UTF-8.
BY_CHANCE = (
    ("gb2312", "通知"),
    ("gb2312", "谢谢"),
    ("gb2312", "系统"),
    ("gbk", "通知"),
    ("gb18030", "谢谢"),
)

# The same labels on text in their own charsets: read as labelled.
OWN = (
    ("gb2312", "打印机坏了，请尽快处理"),
    ("gbk", "关于订单的问题"),
    ("big5", "印表機壞了，請盡快處理"),
    ("shift_jis", "プリンターが壊れました"),
    ("euc-jp", "見積書を送ってください"),
    ("euc-kr", "프린터가 고장났습니다"),
    ("ks_c_5601-1987", "환불 요청드립니다"),
)


def _mail(subject: bytes, body: bytes, label: str, extra: bytes = b"") -> bytes:
    return (
        b"From: client@example.org\r\n"
        b"To: support@example.com\r\n"
        b"Date: Tue, 01 Dec 2026 09:00:00 +0000\r\n"
        b"Message-ID: <u8-1@example.org>\r\n"
        b"Subject: " + subject + b"\r\n"
        b"MIME-Version: 1.0\r\n" + extra + b"Content-Type: text/plain; charset=" + label.encode()
        + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(body)
    )  # fmt: skip


def _b_word(data: bytes, label: str) -> bytes:
    return b"=?" + label.encode() + b"?B?" + base64.b64encode(data) + b"?="


def _q_word(data: bytes, label: str) -> bytes:
    text = "".join(
        chr(b) if b < 128 and chr(b).isalnum() else "_" if b == 32 else f"={b:02X}" for b in data
    )
    return b"=?" + label.encode() + b"?Q?" + text.encode("ascii") + b"?="


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("text", TEXTS)
def test_utf8_subject_under_east_asian_label(text: str, label: str) -> None:
    data = text.encode("utf-8")
    raw = _mail(_b_word(data, label), b"hello\r\n", "utf-8")
    assert parse_message(raw).subject == text


@pytest.mark.parametrize("label", ["gb2312", "shift_jis", "big5", "euc-kr"])
@pytest.mark.parametrize("text", TEXTS[:8])
def test_utf8_q_word_under_east_asian_label(text: str, label: str) -> None:
    raw = _mail(_q_word(text.encode("utf-8"), label), b"hello\r\n", "utf-8")
    assert parse_message(raw).subject == text


@pytest.mark.parametrize("label", ["gb2312", "big5", "shift_jis", "euc-kr"])
@pytest.mark.parametrize("text", TEXTS[:6])
def test_utf8_body_under_east_asian_label(text: str, label: str) -> None:
    body = f"{text}\r\nBitte um Rückmeldung – merci.\r\n".encode()
    parsed = parse_message(_mail(b"request", body, label))
    assert parsed.reply_text.splitlines()[0] == text


@pytest.mark.parametrize("label", ["gb2312", "shift_jis", "euc-kr"])
@pytest.mark.parametrize("name", ["facture_été.pdf", "звіт.xlsx", "发票.pdf"])
def test_utf8_file_name_under_east_asian_label(name: str, label: str) -> None:
    value = quote_from_bytes(name.encode("utf-8"), safe="").encode("ascii")
    raw = (
        b"From: client@example.org\r\nTo: support@example.com\r\nSubject: file\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee the file\r\n"
        b"--b1\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename*=" + label.encode() + b"''" + value + b"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(b"data")
        + b"--b1--\r\n"
    )  # fmt: skip
    assert [a.filename for a in parse_message(raw).attachments] == [name]


# -- what keeps its label ----------------------------------------------------------------


@pytest.mark.parametrize(("label", "text"), BY_CHANCE)
def test_own_words_valid_as_utf8_keep_their_label(label: str, text: str) -> None:
    data = text.encode(label)
    data.decode("utf-8")  # the point of the case: the bytes are valid UTF-8
    raw = _mail(_b_word(data, label), "请尽快回复".encode(label), label)
    assert parse_message(raw).subject == text


@pytest.mark.parametrize(("label", "text"), OWN)
def test_own_text_read_as_labelled(label: str, text: str) -> None:
    data = text.encode(label)
    parsed = parse_message(_mail(_b_word(data, label), data + b"\r\n", label))
    assert parsed.subject == text
    assert parsed.reply_text == text
