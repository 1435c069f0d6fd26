"""Korean syllables outside KS X 1001's 2,350 ("똠방각하", "펲시콜라", "햏", "뷁") written
in EUC-KR as the standard's make-up sequences — the Hangul filler and three letters,
eight bytes, as Python's ``euc_kr`` and other encoders that follow KS X 1001 Annex 3
write them — read as the syllables, wherever they are: the subject raw or in encoded
words, the text declared or not, a file name.  Compatibility letters written as such
("ㅋㅋㅋ", "ㅠㅠ") and syllables in CP949's extension bytes read as they are."""

from __future__ import annotations

import base64
from urllib.parse import quote_from_bytes

import pytest

from mailgate.parse import parse_message
from mailgate.parse.hangul import FILLER, composed

# Words and phrases with syllables outside KS X 1001, beside common ones.
TEXTS = (
    "똠방각하",
    "펲시콜라 주문 건",
    "햏 문의드립니다",
    "뷁 오류가 납니다",
    "쌰워기 교체 요청",
    "웱사이트 접속 불가",
    "[긴급] 똠얌꿍 재고 확인",
    "Re: 펲시 납품 일정",
)
BODY = "안녕하세요. 확인 부탁드립니다.\n\n감사합니다."


def _mail(subject: bytes, body: bytes, label: str | None) -> bytes:
    head = (
        b"From: client@client.example\r\nTo: support@helpdesk.example\r\n"
        b"Message-ID: <makeup@client.example>\r\nSubject: " + subject + b"\r\n"
        b"MIME-Version: 1.0\r\n"
    )
    if label is not None:
        head += f"Content-Type: text/plain; charset={label}\r\n".encode()
    return head + b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body.replace(b"\n", b"\r\n")


def test_every_syllable_put_together() -> None:
    for cp in range(0xAC00, 0xD7A4):
        syllable = chr(cp)
        assert composed(syllable.encode("euc_kr").decode("cp949")) == syllable


def test_a_letter_alone() -> None:
    for letter in "ㄱㄴㅎㅏㅣ":
        assert composed(letter.encode("euc_kr").decode("cp949")) == letter


@pytest.mark.parametrize("label", ["euc-kr", "EUC-KR", "ks_c_5601-1987", None])
@pytest.mark.parametrize("text", TEXTS)
def test_raw_subject_and_text(text: str, label: str | None) -> None:
    body = f"{text} 관련입니다. {BODY}"
    parsed = parse_message(_mail(text.encode("euc_kr"), body.encode("euc_kr"), label))
    assert parsed.subject == text
    assert parsed.text.startswith(f"{text} 관련입니다.")


@pytest.mark.parametrize("text", TEXTS)
def test_encoded_word_subject(text: str) -> None:
    word = b"=?euc-kr?B?" + base64.b64encode(text.encode("euc_kr")) + b"?="
    parsed = parse_message(_mail(word, BODY.encode("euc_kr"), "euc-kr"))
    assert parsed.subject == text


@pytest.mark.parametrize("name", ["똠방각하.pdf", "펲시 견적서.xlsx"])
def test_file_name(name: str) -> None:
    value = quote_from_bytes(name.encode("euc_kr"), safe="").encode("ascii")
    raw = (
        b"From: client@client.example\r\nTo: support@helpdesk.example\r\nSubject: file\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain; charset=euc-kr\r\n\r\n"
        + BODY.encode("euc_kr")
        + b"\r\n--b1\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename*=euc-kr''" + value + b"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n" + base64.encodebytes(b"data") + b"--b1--\r\n"
    )
    assert [a.filename for a in parse_message(raw).attachments] == [name]


# -- what stays as written ---------------------------------------------------------------


@pytest.mark.parametrize("text", ["ㅋㅋㅋ 감사합니다", "ㅠㅠ 아직도 안 돼요", "ㄱㄴㄷ 순서로 정렬"])
def test_compatibility_letters_stay(text: str) -> None:
    parsed = parse_message(_mail(b"letters", text.encode("euc_kr"), "euc-kr"))
    assert parsed.reply_text == text


@pytest.mark.parametrize("text", TEXTS[:4])
def test_cp949_extension_bytes(text: str) -> None:
    # The same syllables as Windows writes them: CP949's extension bytes.
    parsed = parse_message(_mail(text.encode("cp949"), text.encode("cp949"), "ks_c_5601-1987"))
    assert parsed.subject == text
    assert parsed.reply_text == text


def test_filler_without_a_syllable_stays() -> None:
    text = f"{FILLER}ㅏㅏㅏ"
    assert composed(text) == text
