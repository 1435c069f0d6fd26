"""The raw-subject probe's choices: the charsets a text's script is mailed in, and the
message it builds."""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message
from tests.corpus.raw_subjects import charsets_for, message


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("Не працює оплата карткою", "windows-1251"),
        ("在庫確認 お願いします", "shift_jis"),
        ("退货", "gbk"),
        ("비밀번호 재설정", "euc-kr"),
        ("Prośba o zwrot", "windows-1250"),
        ("Sąskaita už birželį", "windows-1257"),
        ("Şifre değişikliği", "windows-1254"),
        ("Réclamation facture", "windows-1252"),
        ("Παραγγελία", "iso-8859-7"),
    ],
)
def test_the_charsets_of_a_script(text: str, first: str) -> None:
    assert charsets_for(text)[0] == first


def test_plain_ascii_has_no_legacy_charset() -> None:
    assert charsets_for("Invoice 4411") == ()


@pytest.mark.parametrize("declared", ["windows-1251", None])
def test_the_message_carries_the_raw_subject(declared: str | None) -> None:
    subject = "Заказ 4411"
    raw = message(
        subject.encode("cp1251"), "Добрый день, заказ не пришёл.".encode("cp1251"), declared
    )
    assert subject.encode("cp1251") in raw
    assert (b"charset=windows-1251" in raw) == (declared is not None)
    assert parse_message(raw).subject == subject
