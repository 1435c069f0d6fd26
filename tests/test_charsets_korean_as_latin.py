"""A raw EUC-KR subject whose syllables' two bytes each are a UTF-8 sequence — "치킨"
reads in UTF-8 as "ġŲ", "체크" as "üũ", "호환" as "ȣȯ", "Re: 침" as "Re: ħ" — is
Korean, not UTF-8: accented Latin letters with no plain letter among them, or alone
after "Re:", are no one's word, and the message's Korean charset reads them as common
syllables.  UTF-8 subjects with words of their own ("Café", "Zółć", "Müller") stay
UTF-8 beside a Korean text."""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message

# Syllables whose EUC-KR bytes (lead 0xC2–0xC8, trail 0xA1–0xBF) are valid UTF-8.
KOREAN = ("치킨", "체크", "호환", "Re: 침", "FW: 탑", "RE: [#123] 키", "Re: 치킨 침", "창", "책")
LATIN = ("Café", "Zółć", "Müller GmbH", "Ärger mit dem Drucker", "Crème brûlée", "Señor")


def _mail(subject: bytes, body: bytes, label: str | None) -> bytes:
    head = (
        b"From: client@client.example\r\nTo: support@helpdesk.example\r\n"
        b"Subject: " + subject + b"\r\nMIME-Version: 1.0\r\n"
    )
    if label is not None:
        head += f"Content-Type: text/plain; charset={label}\r\n".encode()
    return head + b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"


@pytest.mark.parametrize("label", ["euc-kr", "ks_c_5601-1987", None])
@pytest.mark.parametrize("subject", KOREAN)
def test_korean_read_as_korean(subject: str, label: str | None) -> None:
    subject.encode("euc_kr").decode("utf-8")  # the point of the case
    body = "안녕하세요. 주문 관련 문의드립니다. 확인 부탁드립니다.".encode("euc_kr")
    assert parse_message(_mail(subject.encode("euc_kr"), body, label)).subject == subject


@pytest.mark.parametrize("label", ["euc-kr", None])
@pytest.mark.parametrize("subject", LATIN)
def test_utf8_words_stay_utf8(subject: str, label: str | None) -> None:
    body = "안녕하세요. 확인 부탁드립니다.".encode("euc_kr")
    assert parse_message(_mail(subject.encode("utf-8"), body, label)).subject == subject
