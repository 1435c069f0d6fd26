"""Charsets easily confused for one another, byte-true: one message per (sample × charset
× way of writing), checked as parse_message reads it.

Each script is written in several single-byte charsets that give the same bytes other
letters — Russian, Ukrainian, Bulgarian and Serbian in windows-1251, KOI8-R/KOI8-U,
CP866 and ISO 8859-5; Central European languages in windows-1250 and ISO 8859-2; Baltic
in windows-1257 and ISO 8859-13; Greek, Turkish, Hebrew and Arabic in their Windows code
page and their ISO 8859 part; Thai in TIS-620 and windows-874 — and East Asian text in
two-byte charsets whose bytes overlap (Shift_JIS, EUC-JP and CP932's NEC and IBM rows;
GBK and Big5; EUC-KR and CP949's extra syllables).  The grid writes a short display name
(two to four letters: too short to tell a charset by), a subject and a text, and varies
how a program labels them:

- the name raw beside a text declared in its charset;
- subject, name and text all raw, nothing declared: the text is the evidence;
- the header in the other charset of the script than the text declares (a web form
  posts in its page's charset and mails in its template's);
- the text labelled with the other charset of its script while its bytes are the
  header's (one wrong label on everything but the header);
- the text declared us-ascii or with no charset, its bytes 8-bit;
- UTF-8 and legacy bytes in one header block (a gateway rewrote one field);
- a file name given as ``name=`` only, raw, or as RFC 2231 continuations.

The negatives stay as written: UTF-8 declared right, Latin-1 and windows-1252 French and
German (not read as Cyrillic or Greek), Latin-1 names raw beside an ASCII text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from mailgate.parse import parse_message
from tests.support.encoded_words import encoded_word
from tests.support.jis_text import outlook_jis


@dataclass(frozen=True)
class Sample:
    lang: str
    # A short display name (two to four letters), a subject, a text of a sentence or two.
    name: str
    subject: str
    body: str
    # The charsets the language is written in, the commonest first.
    charsets: tuple[str, ...]


SAMPLES = (
    Sample(
        "ru",
        "Оля",
        "Счёт на оплату",
        "Добрый день! Пришлите, пожалуйста, счёт на оплату за март.",
        ("windows-1251", "koi8-r", "cp866", "iso-8859-5"),
    ),
    Sample(
        "ru",
        "Юрий",
        "Не приходит письмо",
        "Здравствуйте, письмо с паролем так и не пришло. Проверьте, пожалуйста.",
        ("koi8-r", "windows-1251", "cp866", "iso-8859-5"),
    ),
    Sample(
        "uk",
        "Іра",
        "Рахунок за квітень",
        "Добрий день! Надішліть, будь ласка, рахунок за квітень. Дякую.",
        ("windows-1251", "koi8-u", "iso-8859-5"),
    ),
    Sample(
        "bg",
        "Иван",
        "Поръчка 15",
        "Здравейте, поръчката ми още не е пристигнала. Моля, проверете.",
        ("windows-1251", "iso-8859-5", "koi8-r", "cp866"),
    ),
    Sample(
        "sr",
        "Ђорђе",
        "Рачун за јун",
        "Поштовани, рачун за јун још није стигао. Молим вас да проверите.",
        ("windows-1251", "iso-8859-5"),
    ),
    Sample(
        "cs",
        "Jiří",
        "Objednávka č. 12",
        "Dobrý den, objednávka ještě nedorazila. Prosím o kontrolu, děkuji.",
        ("windows-1250", "iso-8859-2"),
    ),
    Sample(
        "pl",
        "Łucja",
        "Zwrot środków",
        "Dzień dobry, proszę o zwrot środków za zamówienie. Pozdrawiam serdecznie.",
        ("windows-1250", "iso-8859-2"),
    ),
    Sample(
        "sk",
        "Ľuba",
        "Faktúra za máj",
        "Dobrý deň, faktúra za máj ešte neprišla. Ďakujem za kontrolu.",
        ("windows-1250", "iso-8859-2"),
    ),
    Sample(
        "hu",
        "Győző",
        "Számla hiányzik",
        "Jó napot, a múlt heti számla még nem érkezett meg. Köszönöm.",
        ("iso-8859-2", "windows-1250"),
    ),
    Sample(
        "hr",
        "Đuro",
        "Račun za lipanj",
        "Poštovani, račun za lipanj još nije stigao. Molim provjeru, hvala.",
        ("windows-1250", "iso-8859-2"),
    ),
    Sample(
        "ro",
        "Ştefan",
        "Factură restantă",
        "Bună ziua, factura pentru luna trecută nu a sosit încă. Vă mulţumesc.",
        ("iso-8859-2", "windows-1250"),
    ),
    Sample(
        "lt",
        "Jūratė",
        "Sąskaita faktūra",
        "Laba diena, dar negavau sąskaitos už birželį. Prašau patikrinti, ačiū.",
        ("windows-1257", "iso-8859-13"),
    ),
    Sample(
        "lv",
        "Līga",
        "Rēķins par jūniju",
        "Labdien, rēķins par jūniju vēl nav saņemts. Lūdzu, pārbaudiet, paldies.",
        ("windows-1257", "iso-8859-13"),
    ),
    Sample(
        "vi",
        "Hà",
        "Hóa đơn tháng 5",
        "Xin chào, tôi vẫn chưa nhận được hóa đơn tháng 5. Cảm ơn anh chị.",
        ("windows-1258", "viscii"),
    ),
    Sample(
        "el",
        "Άννα",
        "Παραγγελία 42",
        "Καλημέρα σας, η παραγγελία μου δεν έχει φτάσει ακόμα. Ευχαριστώ πολύ.",
        ("windows-1253", "iso-8859-7"),
    ),
    Sample(
        "tr",
        "Ayşe",
        "Fatura iadesi",
        "Merhaba, geçen ayın faturası hâlâ gelmedi. Yardımcı olursanız sevinirim.",
        ("windows-1254", "iso-8859-9"),
    ),
    Sample(
        "he",
        "דנה",
        "הזמנה מספר 7",
        "שלום, ההזמנה שלי עדיין לא הגיעה. אשמח אם תבדקו, תודה רבה.",
        ("windows-1255", "iso-8859-8-i"),
    ),
    Sample(
        "ar",
        "علي",
        "طلب استرجاع",
        "السلام عليكم، لم يصلني المبلغ المسترجع حتى الآن. أرجو المساعدة، شكرا.",
        ("windows-1256", "iso-8859-6"),
    ),
    Sample(
        "fa",
        "پارسا",
        "پیگیری سفارش",
        "سلام، سفارش من هنوز نرسیده است. لطفا پیگیری کنید، ممنون.",
        ("windows-1256",),
    ),
    Sample(
        "th",
        "สมใจ",
        "ใบแจ้งหนี้",
        "สวัสดีค่ะ ยังไม่ได้รับใบแจ้งหนี้ของเดือนที่แล้ว รบกวนตรวจสอบให้ด้วยค่ะ",
        ("tis-620", "windows-874"),
    ),
    Sample(
        "ja",
        "佐藤",
        "見積書の件",
        "お世話になっております。見積書がまだ届いておりません。ご確認ください。",
        ("shift_jis", "euc-jp", "iso-2022-jp"),
    ),
    Sample(
        "ja",
        "㈱山田",
        "①番の請求書",
        "いつもお世話になっております。①番の請求書について、ご確認をお願いします。",
        ("shift_jis", "euc-jp", "iso-2022-jp"),
    ),
    Sample(
        "zh-hans",
        "王伟",
        "发票问题",
        "您好，我上个月的发票还没有收到，请帮忙查一下，谢谢。",
        ("gb2312", "gbk"),
    ),
    Sample(
        "zh-hant",
        "陳先生",
        "訂單查詢",
        "您好，我的訂單到現在還沒有收到，請幫忙查詢一下，謝謝。",
        ("big5",),
    ),
    Sample(
        "ko",
        "김민수",
        "주문 확인",
        "안녕하세요. 주문한 상품이 아직 도착하지 않았습니다. 확인 부탁드립니다.",
        ("euc-kr",),
    ),
    Sample(
        "ko",
        "똘이",
        "똠얌 주문",
        "안녕하세요. 어제 주문한 똠얌이 아직 오지 않았습니다. 확인 부탁드립니다.",
        ("ks_c_5601-1987",),
    ),
)

# The codec a label's bytes are written in: the standard's own, or the superset the
# label's senders use.
_CODEC = {
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "euc-jp": "euc_jp_ms",
    "iso-8859-8-i": "iso8859_8",
    "tis-620": "tis_620",
    "windows-874": "cp874",
}


def _codec(label: str) -> str:
    return _CODEC.get(label) or codecs.lookup(label).name


def _euc_ms(text: str) -> bytes:
    """``text`` in EUC-JP as PHP and Perl write CP932's NEC row (eucJP-ms)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("euc_jp")
        except UnicodeEncodeError:
            jis = outlook_jis(ch)[3:5]
            out += bytes(b | 0x80 for b in jis)
    return bytes(out)


def _tones_apart(text: str) -> str:
    """``text`` as windows-1258 writes it: each letter the code page holds whole, the
    tones it has no letter for as combining marks after it ("ợ": "ơ" and a dot below)."""
    out = []
    for ch in text:
        try:
            ch.encode("cp1258")
        except UnicodeEncodeError:
            bare = unicodedata.normalize("NFD", ch)
            for cut in range(len(bare), 0, -1):
                head = unicodedata.normalize("NFC", bare[:cut])
                if _encodes(head + bare[cut:], "cp1258"):
                    ch = head + bare[cut:]
                    break
        out.append(ch)
    return "".join(out)


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def encode(text: str, label: str) -> bytes:
    codec = _codec(label)
    if codec == "cp1258":
        return _tones_apart(text).encode(codec)
    if codec == "iso2022_jp":
        return outlook_jis(text)
    if codec == "euc_jp_ms":
        return _euc_ms(text)
    return text.encode(codec)


def _holds(text: str, label: str) -> bool:
    try:
        encode(text, label)
    except UnicodeEncodeError:
        return False
    return True


def _seven_bit(label: str) -> bool:
    return _codec(label) == "iso2022_jp"


def _percent(data: bytes) -> bytes:
    return b"".join(
        bytes([b]) if b < 0x80 and (chr(b).isalnum() or b in b"._-") else b"%%%02X" % b
        for b in data
    )


def _mail(
    *,
    name: bytes = b"Client",
    subject: bytes = b"Request 42",
    body: bytes = b"Please see the attachment.",
    charset: str | None = None,
    filename_params: bytes | None = None,
) -> bytes:
    content_type = b"text/plain" + (b"; charset=" + charset.encode() if charset else b"")
    head = (
        b"From: " + name + b" <client@shop.example>\r\n"
        b"To: support@helpdesk.example\r\n"
        b"Subject: " + subject + b"\r\n"
        b"Message-ID: <grid3@shop.example>\r\n"
        b"Date: Wed, 4 Nov 2026 11:20:00 +0100\r\n"
        b"MIME-Version: 1.0\r\n"
    )
    text = (
        b"Content-Type: " + content_type + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )
    if filename_params is None:
        return head + text
    return (
        head + b'Content-Type: multipart/mixed; boundary="g3"\r\n\r\n'
        b"--g3\r\n" + text + b"--g3\r\n"
        b"Content-Type: application/pdf; " + filename_params + b"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--g3--\r\n"
    )


@dataclass(frozen=True)
class Read:
    name: str
    subject: str
    body: str
    filenames: tuple[str, ...]


def _read(mail: bytes) -> Read:
    parsed = parse_message(mail)
    return Read(
        parsed.from_.name if parsed.from_ is not None else "",
        parsed.subject,
        parsed.text.strip(),
        tuple(a.filename or "" for a in parsed.attachments),
    )


# A way of writing: (sample, label) → (the message, what it must read as).  Only the
# fields a way puts in 8-bit text are compared.
Expected = dict[str, object]
Way = Callable[[Sample, str, str], tuple[bytes, Expected]]


def _others(sample: Sample, label: str) -> list[str]:
    """The other charsets of the sample's script that write its text in other bytes."""
    out = []
    for other in sample.charsets:
        if other == label or _seven_bit(other):
            continue
        if not all(_holds(t, other) for t in (sample.name, sample.subject, sample.body)):
            continue
        if encode(sample.name + sample.subject, other) != encode(
            sample.name + sample.subject, label
        ):
            out.append(other)
    return out


def _raw_name_text_declared(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    mail = _mail(
        name=b'"' + encode(s.name, label) + b'"', body=encode(s.body, label), charset=label
    )
    return mail, {"name": s.name, "body": s.body}


def _all_raw_undeclared(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    mail = _mail(
        name=encode(s.name, label), subject=encode(s.subject, label), body=encode(s.body, label)
    )
    return mail, {"name": s.name, "subject": s.subject, "body": s.body}


def _header_in_other(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    mail = _mail(
        name=encode(s.name, other),
        subject=encode(s.subject, other),
        body=encode(s.body, label),
        charset=label,
    )
    return mail, {"name": s.name, "subject": s.subject, "body": s.body}


def _text_labelled_other(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    mail = _mail(
        name=encode(s.name, label),
        subject=encode(s.subject, label),
        body=encode(s.body, label),
        charset=other,
    )
    return mail, {"name": s.name, "subject": s.subject, "body": s.body}


def _text_us_ascii(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    mail = _mail(
        name=encode(s.name, label),
        subject=encode(s.subject, label),
        body=encode(s.body, label),
        charset="us-ascii",
    )
    return mail, {"name": s.name, "subject": s.subject, "body": s.body}


def _utf8_subject_legacy_name(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    mail = _mail(
        name=encode(s.name, label),
        subject=s.subject.encode(),
        body=encode(s.body, label),
        charset=label,
    )
    return mail, {"name": s.name, "subject": s.subject}


def _utf8_name_legacy_subject(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    mail = _mail(
        name=s.name.encode(),
        subject=encode(s.subject, label),
        body=encode(s.body, label),
        charset=label,
    )
    return mail, {"name": s.name, "subject": s.subject}


def _name_param_only(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    filename = encode(s.subject, label) + b".pdf"
    mail = _mail(
        name=encode(s.name, label),
        body=encode(s.body, label),
        charset=label,
        filename_params=b'name="' + filename + b'"',
    )
    return mail, {"name": s.name, "filenames": (s.subject + ".pdf",)}


def _rfc2231_continued(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    data = _percent(encode(s.subject, label) + b".pdf")
    cut = len(data) // 2
    while data[cut - 1 : cut] == b"%" or data[cut - 2 : cut - 1] == b"%":
        cut += 1  # not through a %XX escape
    params = b"name*0*=" + label.encode() + b"''" + data[:cut] + b";\r\n name*1*=" + data[cut:]
    mail = _mail(body=encode(s.body, label), charset=label, filename_params=params)
    return mail, {"filenames": (s.subject + ".pdf",)}


def _word_in_other_label(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    """Encoded words labelled the script's other charset, bytes in the text's."""
    mail = _mail(
        name=encoded_word(other, encode(s.name, label), q=True),
        subject=encoded_word(other, encode(s.subject, label)),
        body=encode(s.body, label),
        charset=label,
    )
    return mail, {"name": s.name, "subject": s.subject}


def _rfc2231_in_other_label(s: Sample, label: str, other: str) -> tuple[bytes, Expected]:
    """An RFC 2231 name labelled the script's other charset, its bytes the text's."""
    data = _percent(encode(s.subject, label) + b".pdf")
    params = b"name*=" + other.encode() + b"''" + data
    mail = _mail(body=encode(s.body, label), charset=label, filename_params=params)
    return mail, {"filenames": (s.subject + ".pdf",)}


WAYS: dict[str, Way] = {
    "raw name, text declared": _raw_name_text_declared,
    "all raw, nothing declared": _all_raw_undeclared,
    "header in the other charset": _header_in_other,
    "text labelled the other charset": _text_labelled_other,
    "text labelled us-ascii": _text_us_ascii,
    "UTF-8 subject, legacy name": _utf8_subject_legacy_name,
    "UTF-8 name, legacy subject": _utf8_name_legacy_subject,
    "raw name= only": _name_param_only,
    "RFC 2231 continuations": _rfc2231_continued,
    "words labelled the other charset": _word_in_other_label,
    "RFC 2231 labelled the other charset": _rfc2231_in_other_label,
}
# Ways that need another charset of the script that writes the text in other bytes.
_NEEDS_OTHER = {
    "header in the other charset",
    "text labelled the other charset",
    "words labelled the other charset",
    "RFC 2231 labelled the other charset",
}
# Ways that write raw 8-bit bytes: not in ISO-2022-JP, which is 7-bit.
_RAW = {
    "raw name, text declared",
    "all raw, nothing declared",
    "header in the other charset",
    "text labelled the other charset",
    "text labelled us-ascii",
    "UTF-8 subject, legacy name",
    "UTF-8 name, legacy subject",
    "raw name= only",
}
# Cases no reader can tell, each with its reason.
_UNTOLD: dict[tuple[str, str, str], str] = {
    ("vi", "viscii", way): "detection knows no VISCII: only a label names it"
    for way in ("all raw, nothing declared", "text labelled us-ascii")
}


def _cases() -> list[tuple[Sample, str, str, str]]:
    out = []
    for sample in SAMPLES:
        for label in sample.charsets:
            if not all(_holds(t, label) for t in (sample.name, sample.subject, sample.body)):
                continue
            for way in WAYS:
                if way in _RAW and _seven_bit(label):
                    continue
                if (sample.lang, label, way) in _UNTOLD:
                    continue
                others = _others(sample, label) if way in _NEEDS_OTHER else [""]
                out.extend((sample, label, way, other) for other in others)
    return out


CASES = _cases()


@pytest.mark.parametrize(
    ("sample", "label", "way", "other"),
    CASES,
    ids=[f"{s.lang}-{s.name}-{label}-{way}{' ' + o if o else ''}" for s, label, way, o in CASES],
)
def test_confusable_charsets(sample: Sample, label: str, way: str, other: str) -> None:
    mail, expected = WAYS[way](sample, label, other)
    got = _read(mail)
    assert {field: getattr(got, field) for field in expected} == expected


# A name of two to four letters, raw, beside an ASCII text with no charset: another
# part of the message declares the charset — the subject's encoded word, an RFC 2231
# file name's charset — and that is the evidence a reader has.
SHORT_NAMES = (
    ("Оля", ("windows-1251", "koi8-r", "cp866", "iso-8859-5")),
    ("Їра", ("windows-1251", "koi8-u")),
    ("Đuro", ("windows-1250", "iso-8859-2")),
    ("Łucja", ("windows-1250", "iso-8859-2")),
    ("Ľuba", ("windows-1250", "iso-8859-2")),
    ("Līga", ("windows-1257", "iso-8859-13")),
    ("Άννα", ("windows-1253", "iso-8859-7")),
    ("Ayşe", ("windows-1254", "iso-8859-9")),
    ("יוסף", ("windows-1255", "iso-8859-8-i")),
    ("علي", ("windows-1256", "iso-8859-6")),
    ("สมใจ", ("tis-620", "windows-874")),
    ("佐藤", ("shift_jis", "euc-jp")),
    ("髙橋", ("shift_jis",)),
    ("王伟", ("gb2312",)),
    ("陳明", ("big5",)),
    ("김똘", ("ks_c_5601-1987",)),
)
# The subject (and file name) that declares the charset: a word of the same script.
_EVIDENCE_TEXT = {
    "Оля": "Счёт",
    "Їра": "Рахунок",
    "Đuro": "Račun",
    "Łucja": "Zwrot środków",
    "Ľuba": "Faktúra",
    "Līga": "Rēķins",
    "Άννα": "Τιμολόγιο",
    "Ayşe": "Sipariş",
    "יוסף": "חשבונית",
    "علي": "فاتورة",
    "สมใจ": "ใบเสร็จ",
    "佐藤": "請求書",
    "髙橋": "請求書",
    "王伟": "发票",
    "陳明": "帳單",
    "김똘": "견적",
}


def _short_name_mail(name: str, label: str, evidence: str) -> bytes:
    raw = encode(name, label)
    word = encode(_EVIDENCE_TEXT[name], label)
    if evidence == "subject word":
        return _mail(name=raw, subject=encoded_word(label, word))
    if evidence == "subject Q word":
        return _mail(name=b'"' + raw + b'"', subject=encoded_word(label, word, q=True))
    params = b"name*=" + label.encode() + b"''" + _percent(word + b".pdf")
    return _mail(name=raw, filename_params=params)


SHORT_CASES = [
    (name, label, evidence)
    for name, labels in SHORT_NAMES
    for label in labels
    for evidence in ("subject word", "subject Q word", "RFC 2231 file name")
]


@pytest.mark.parametrize(
    ("name", "label", "evidence"),
    SHORT_CASES,
    ids=[f"{n}-{label}-{e}" for n, label, e in SHORT_CASES],
)
def test_short_raw_name_read_by_another_parts_charset(name: str, label: str, evidence: str) -> None:
    assert _read(_short_name_mail(name, label, evidence)).name == name


# Hebrew in ISO 8859-8's visual order, as DOS and old Unix mailers wrote it: each line
# stored as shown, right to left — final letters first in each word.  Its letters are
# still Hebrew (not the Cyrillic a reading that expects logical order finds); the text
# comes out in logical order, digits and Latin words left to right.
VISUAL = (
    ("יוסף כהן", "הזמנה מספר 12", "שלום, ההזמנה שלי עדיין לא הגיעה. תודה רבה."),
    ("מרים", "ביטול מנוי", "שלום, אני מבקשת לבטל את המנוי מהחודש הבא."),
    ("דוד", "חשבונית 2026-11", "שלום, לא קיבלתי חשבונית על התשלום מיום ראשון."),
)


def _visual(text: str) -> str:
    """``text`` (one line of Hebrew) as visual order stores it: reversed, with its runs
    of digits left to right."""
    out = text[::-1]
    return "".join(
        run[::-1] if run[:1].isdigit() else run
        for run in re.split(r"([0-9][0-9-]*[0-9]|[0-9])", out)
    )


VISUAL_CASES = [
    (sample, label, way)
    for sample in VISUAL
    for label in ("iso-8859-8", None)
    for way in ("raw", "words")
    if not (label is None and way == "words")
]


@pytest.mark.parametrize(
    ("sample", "label", "way"),
    VISUAL_CASES,
    ids=[f"{s[1]}-{label}-{way}" for s, label, way in VISUAL_CASES],
)
def test_visual_hebrew_in_logical_order(
    sample: tuple[str, str, str], label: str | None, way: str
) -> None:
    name, subject, body = sample
    data = [_visual(t).encode("iso8859_8") for t in sample]
    if way == "raw":
        mail = _mail(name=data[0], subject=data[1], body=data[2], charset=label)
    else:
        assert label is not None
        mail = _mail(
            name=encoded_word(label, data[0]),
            subject=encoded_word(label, data[1], q=True),
            body=data[2],
            charset=label,
        )
    got = _read(mail)
    assert (got.name, got.subject, got.body) == (name, subject, body)


def test_logical_hebrew_under_iso_8859_8_stays() -> None:
    # Logical order labelled plain iso-8859-8, as most programs write it since.
    name, subject, body = VISUAL[0]
    mail = _mail(
        name=name.encode("iso8859_8"),
        subject=subject.encode("iso8859_8"),
        body=body.encode("iso8859_8"),
        charset="iso-8859-8",
    )
    got = _read(mail)
    assert (got.name, got.subject, got.body) == (name, subject, body)


# Negatives: text declared right stays as written.  UTF-8 with accents, raw or in
# words; Latin-1 and windows-1252 French and German, raw, under their label, none, or
# us-ascii — not Cyrillic, Greek or Central European letters.
UTF8_TEXTS = (
    ("Zoë", "Café résilié", "Bonjour, mon abonnement a été résilié à tort."),
    ("Jörg", "Größe ändern", "Guten Tag, bitte ändern Sie die Größe der Bestellung."),
    ("Jiří", "Žádost o vrácení", "Dobrý den, žádám o vrácení peněz."),
    ("Оля", "Счёт", "Добрый день, пришлите счёт."),
    ("Άννα", "Τιμολόγιο", "Καλημέρα, δεν έλαβα το τιμολόγιο."),
    ("王伟", "发票", "您好，发票还没有收到。"),
    ("יוסף", "חשבונית", "שלום, לא קיבלתי חשבונית."),
)
LATIN1_TEXTS = (
    ("René", "Réclamation", "Bonjour, je n'ai toujours pas reçu ma commande. Merci d'avance."),
    ("Zoë", "Noël", "Bonjour, le colis de Noël est arrivé abîmé."),
    ("Inès", "Déjà payé", "Bonjour, la facture a déjà été payée la semaine dernière."),
    ("Jörg", "Größe", "Guten Tag, die Größe passt nicht. Können Sie sie umtauschen?"),
    ("Björn", "Rückfrage", "Hallo, ich habe eine Rückfrage zur Rechnung für März."),
    ("Müller", "Übergabe", "Guten Tag, die Übergabe hat nicht geklappt. Grüße"),
    ("Søren", "Ændring", "Hej, jeg vil gerne ændre min ordre. Tak på forhånd."),
    ("Begoña", "Devolución", "Hola, ¿podrían devolverme el importe del pedido? Gracias."),
    ("João", "Não recebi", "Olá, não recebi o produto até agora. Obrigado."),
)


def _negative_mail(sample: tuple[str, str, str], codec: str, how: str) -> bytes:
    name, subject, body = (t.encode(codec) for t in sample)
    if how == "raw, text declared":
        label = "utf-8" if codec == "utf-8" else "iso-8859-1"
        return _mail(name=name, subject=subject, body=body, charset=label)
    if how == "raw, windows-1252 declared":
        return _mail(name=name, subject=subject, body=body, charset="windows-1252")
    if how == "raw, nothing declared":
        return _mail(name=name, subject=subject, body=body)
    if how == "raw, us-ascii declared":
        return _mail(name=name, subject=subject, body=body, charset="us-ascii")
    if how == "raw name, ASCII text":
        return _mail(name=name, subject=subject)
    label = "UTF-8" if codec == "utf-8" else "ISO-8859-1"
    return _mail(
        name=encoded_word(label, name, q=True),
        subject=encoded_word(label, subject),
        body=body,
        charset=label.lower(),
    )


NEGATIVE_CASES = [
    (sample, "utf-8", how)
    for sample in UTF8_TEXTS
    for how in ("raw, text declared", "raw, nothing declared", "raw, us-ascii declared", "words")
] + [
    (sample, "latin-1", how)
    for sample in LATIN1_TEXTS
    for how in (
        "raw, text declared",
        "raw, windows-1252 declared",
        "raw, nothing declared",
        "raw, us-ascii declared",
        "raw name, ASCII text",
        "words",
    )
]


@pytest.mark.parametrize(
    ("sample", "codec", "how"),
    NEGATIVE_CASES,
    ids=[f"{s[0]}-{codec}-{how}" for s, codec, how in NEGATIVE_CASES],
)
def test_declared_text_stays_as_written(sample: tuple[str, str, str], codec: str, how: str) -> None:
    got = _read(_negative_mail(sample, codec, how))
    assert (got.name, got.subject) == (sample[0], sample[1])
    if how != "raw name, ASCII text":
        assert got.body == sample[2]


# East Asian text under another East Asian charset's label, on everything a program
# writes: Traditional Chinese in Big5 labelled GB2312, Simplified Chinese in GBK
# labelled Big5, Japanese in EUC-JP labelled Shift_JIS and the reverse, Korean labelled
# GB2312.  The short name and the subject are read as the text shows the program wrote.
CROSS = (
    (
        "陳先生",
        "訂單查詢",
        "您好，我的訂單到現在還沒有收到，請幫忙查詢一下，謝謝。",
        "big5",
        "gb2312",
    ),
    ("王伟", "发票问题", "您好，我上个月的发票还没有收到，请帮忙查一下，谢谢。", "gbk", "big5"),
    (
        "佐藤",
        "見積書の件",
        "お世話になっております。見積書がまだ届いておりません。ご確認ください。",
        "euc-jp",
        "shift_jis",
    ),
    (
        "佐藤",
        "見積書の件",
        "お世話になっております。見積書がまだ届いておりません。ご確認ください。",
        "shift_jis",
        "euc-jp",
    ),
    (
        "김민수",
        "주문 확인",
        "안녕하세요. 주문한 상품이 아직 도착하지 않았습니다. 확인 부탁드립니다.",
        "euc-kr",
        "gb2312",
    ),
)
CROSS_CASES = [(c, how) for c in CROSS for how in ("raw", "words")]


@pytest.mark.parametrize(
    ("case", "how"), CROSS_CASES, ids=[f"{c[3]}-as-{c[4]}-{how}" for c, how in CROSS_CASES]
)
def test_east_asian_text_under_another_east_asian_label(
    case: tuple[str, str, str, str, str], how: str
) -> None:
    name, subject, body, real, label = case
    raw = [encode(t, real) for t in (name, subject, body)]
    if how == "raw":
        mail = _mail(name=raw[0], subject=raw[1], body=raw[2], charset=label)
    else:
        mail = _mail(
            name=encoded_word(label, raw[0]),
            subject=encoded_word(label, raw[1]),
            body=raw[2],
            charset=label,
        )
    got = _read(mail)
    assert (got.name, got.subject, got.body) == (name, subject, body)


# A label that names a subset of the charset the bytes are in, on a short name and a
# file name (GB2312 carrying GBK and GB 18030, Big5 carrying HKSCS, Shift_JIS and EUC-JP
# carrying CP932's rows, EUC-KR carrying CP949's syllables, ISO 8859-1 and -2 carrying
# their Windows code pages): raw, in a word, as ``name=`` only, in RFC 2231
# continuations cut inside a character, and raw beside a text that declares nothing.
SUBSET_NAMES = (
    ("gb2312", "王堃", "您好，发票还没有收到。"),
    ("gb2312", "刘䶮", "您好，发票还没有收到。"),
    ("big5", "啲貨", "您好，我的訂單還沒有收到。"),
    ("shift_jis", "髙橋", "請求書がまだ届いていません。"),
    ("shift_jis", "㈱①", "請求書がまだ届いていません。"),
    ("euc-jp", "髙橋", "請求書がまだ届いていません。"),
    ("euc-jp", "㈱山田", "請求書がまだ届いていません。"),
    ("euc-kr", "똠얌", "안녕하세요. 주문 확인 부탁드립니다."),
    ("iso-8859-1", "€ Zoë", "Bonjour, la facture est arrivée."),
    ("iso-8859-2", "Šťastný", "Dobrý den, faktura nepřišla."),
)
_SUPERSET = {
    "gb2312": "gb18030",
    "big5": "big5hkscs",
    "shift_jis": "cp932",
    "euc-kr": "cp949",
    "iso-8859-1": "cp1252",
    "iso-8859-2": "cp1250",
}


def _superset_bytes(text: str, label: str) -> bytes:
    return _euc_ms(text) if label == "euc-jp" else text.encode(_SUPERSET[label])


def _subset_mail(label: str, text: str, body: str, how: str) -> tuple[bytes, Expected]:
    data = _superset_bytes(text, label)
    declared = encode(body, label)
    if how == "raw name":
        return _mail(name=data, body=declared, charset=label), {"name": text}
    if how == "name word":
        word = encoded_word(label, data, q=True)
        return _mail(name=word, body=declared, charset=label), {"name": text}
    if how == "raw name= only":
        mail = _mail(body=declared, charset=label, filename_params=b'name="' + data + b'.pdf"')
        return mail, {"filenames": (text + ".pdf",)}
    if how == "raw name, text declares nothing":
        return _mail(name=data, body=declared), {"name": text}
    # RFC 2231 continuations, cut after the first byte: inside a two-byte character.
    params = (
        b"name*0*=" + label.encode() + b"''" + _percent(data[:1]) + b";\r\n"
        b" name*1*=" + _percent(data[1:] + b".pdf")
    )
    mail = _mail(body=declared, charset=label, filename_params=params)
    return mail, {"filenames": (text + ".pdf",)}


SUBSET_CASES = [
    (label, text, body, how)
    for label, text, body in SUBSET_NAMES
    for how in (
        "raw name",
        "name word",
        "raw name= only",
        "raw name, text declares nothing",
        "RFC 2231 continuations",
    )
]


@pytest.mark.parametrize(
    ("label", "text", "body", "how"),
    SUBSET_CASES,
    ids=[f"{label}-{text}-{how}" for label, text, _b, how in SUBSET_CASES],
)
def test_a_subset_label_on_a_short_name(label: str, text: str, body: str, how: str) -> None:
    mail, expected = _subset_mail(label, text, body, how)
    got = _read(mail)
    assert {field: getattr(got, field) for field in expected} == expected


# One label on everything a program writes that says nothing of the charset its bytes
# are in: UTF-8 that they are not, a label naming no charset, or a Western default; the
# name and the subject raw or in encoded words under the same label.  The text, read by
# its own letters, is the evidence for the header fields.
_NOTHING_LABELS = ("utf-8", "unknown-8bit", "x-user-defined", "iso-8859-1", "windows-1252")
# Untold: Hungarian whose text has no "ő" or "ű" under a Western label reads as Latin-1
# letters ("Gyõzõ", Estonian's spelling aside); VISCII, which detection does not know;
# Croatian whose only accented letters are "š", "č" and "đ", which ISO 8859-2 and
# windows-1250 put where Lithuanian's "ą" or Latin-1's "¹" and "è" are.
_NOTHING_UNTOLD = {"hu", "vi", "hr"}


def _nothing_mail(s: Sample, label: str, wrong: str, how: str) -> bytes:
    name, subject = encode(s.name, label), encode(s.subject, label)
    if how == "words":
        name, subject = encoded_word(wrong, name, q=True), encoded_word(wrong, subject)
    return _mail(name=name, subject=subject, body=encode(s.body, label), charset=wrong)


NOTHING_CASES = [
    (sample, label, wrong, how)
    for sample in SAMPLES
    if sample.lang not in _NOTHING_UNTOLD
    for label in sample.charsets
    if not _seven_bit(label)
    and all(_holds(t, label) for t in (sample.name, sample.subject, sample.body))
    for wrong in _NOTHING_LABELS
    for how in ("raw", "words")
]


@pytest.mark.parametrize(
    ("sample", "label", "wrong", "how"),
    NOTHING_CASES,
    ids=[f"{s.lang}-{s.name}-{label}-as-{w}-{how}" for s, label, w, how in NOTHING_CASES],
)
def test_a_label_that_says_nothing_on_everything(
    sample: Sample, label: str, wrong: str, how: str
) -> None:
    got = _read(_nothing_mail(sample, label, wrong, how))
    assert (got.name, got.subject, got.body) == (sample.name, sample.subject, sample.body)


# A UTF-8 text beside raw header fields in the writer's legacy charset, one of them UTF-8
# too where a gateway rewrote it: the text's letters tell the code page, and of those
# that read the bytes as letters, the one whose letters go with the text's language
# ("Győző" beside a Hungarian text with no "ő", "Ľuba" beside a Slovak one with no "ľ").
# Untold: Croatian with only "š" and "č" (two letters are too few), VISCII.
_UTF8_UNTOLD = {"hr", "vi"}
_UTF8_WAYS = (
    "UTF-8 subject, legacy name",
    "legacy subject, UTF-8 name",
    "both legacy",
    "legacy name= only",
)


def _utf8_text_mail(s: Sample, label: str, how: str) -> tuple[bytes, Expected]:
    name, subject, body = encode(s.name, label), encode(s.subject, label), s.body.encode()
    if how == "UTF-8 subject, legacy name":
        subject = s.subject.encode()
    elif how == "legacy subject, UTF-8 name":
        name = s.name.encode()
    elif how == "legacy name= only":
        params = b'name="' + subject + b'.pdf"'
        mail = _mail(body=body, charset="utf-8", filename_params=params)
        return mail, {"filenames": (s.subject + ".pdf",)}
    return _mail(name=name, subject=subject, body=body, charset="utf-8"), {
        "name": s.name,
        "subject": s.subject,
    }


UTF8_TEXT_CASES = [
    (sample, label, how)
    for sample in SAMPLES
    if sample.lang not in _UTF8_UNTOLD
    for label in sample.charsets
    if not _seven_bit(label) and all(_holds(t, label) for t in (sample.name, sample.subject))
    for how in _UTF8_WAYS
]


@pytest.mark.parametrize(
    ("sample", "label", "how"),
    UTF8_TEXT_CASES,
    ids=[f"{s.lang}-{s.name}-{label}-{how}" for s, label, how in UTF8_TEXT_CASES],
)
def test_legacy_header_beside_a_utf8_text(sample: Sample, label: str, how: str) -> None:
    mail, expected = _utf8_text_mail(sample, label, how)
    got = _read(mail)
    assert {field: getattr(got, field) for field in expected} == expected
