"""Subjects, display names and attachment names in legacy charsets, every way programs
write them: one message per (language sample × charset × way of writing), checked as
parse_message reads it.

The ways are those mail programs, webmails and gateways really use: raw 8-bit bytes
beside a text in the same charset (declared or not), beside a UTF-8 or an ASCII text;
RFC 2047 encoded words, B and Q, in the right label, split in the middle of a character
(RFC 2047 §5 forbids it, programs do it), or labelled iso-8859-1 / windows-1252 while
the bytes are the charset the text declares; reply prefixes and ASCII around the 8-bit
text; RFC 2231 file names with a wrong or an empty charset.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from mailgate.parse import parse_message
from tests.support.encoded_words import encoded_word as _word


@dataclass(frozen=True)
class Sample:
    lang: str
    subject: str
    name: str
    filename: str
    body: str
    # The labels the language is written under, as programs spell them.
    labels: tuple[str, ...]


SAMPLES = (
    Sample(
        "zh-hans",
        "关于上周订单的退款申请",
        "张伟",
        "退款申请表.pdf",
        "您好，我上周的订单还没有收到退款，麻烦尽快处理。",
        ("gb2312", "gbk"),
    ),
    Sample(
        "zh-hant",
        "帳號無法登入，請盡快處理",
        "陳美玲",
        "錯誤畫面.png",
        "您好，從昨天開始我的帳號就無法登入，請協助處理。",
        ("big5",),
    ),
    Sample(
        "ja",
        "見積書の送付について（ご確認ください）",
        "鈴木一郎",
        "見積書_最新版.xlsx",
        "お世話になっております。見積書をお送りしますのでご確認ください。",
        ("shift_jis", "euc-jp", "iso-2022-jp"),
    ),
    Sample(
        "ko",
        "배송 지연 관련 문의드립니다",
        "박지민",
        "주문내역.pdf",
        "안녕하세요. 주문한 상품이 아직 도착하지 않아 문의드립니다.",
        ("euc-kr", "ks_c_5601-1987"),
    ),
    Sample(
        "ru",
        "Возврат денег за отменённый заказ",
        "Сергей Кузнецов",
        "Заявление на возврат.docx",
        "Добрый день! Прошу вернуть деньги за заказ, который был отменён.",
        ("koi8-r", "windows-1251", "iso-8859-5", "cp866"),
    ),
    Sample(
        "uk",
        "Не можу змінити пароль від кабінету",
        "Оксана Шевченко",
        "Знімок екрану.png",
        "Доброго дня! Я не можу змінити пароль, сторінка видає помилку.",
        ("koi8-u", "windows-1251"),
    ),
    Sample(
        "bg",
        "Въпрос относно фактурата за октомври",
        "Георги Димитров",
        "Фактура октомври.pdf",
        "Здравейте, във фактурата за октомври има грешна сума.",
        ("windows-1251",),
    ),
    Sample(
        "el",
        "Καθυστέρηση στην παράδοση της παραγγελίας",
        "Γιώργος Παπαδόπουλος",
        "Απόδειξη πληρωμής.pdf",
        "Καλησπέρα σας, η παραγγελία μου δεν έχει φτάσει ακόμα.",
        ("iso-8859-7", "windows-1253"),
    ),
    Sample(
        "he",
        "בקשה לביטול המנוי החודשי",
        "יוסי לוי",
        "טופס ביטול.pdf",
        "שלום, אני מבקש לבטל את המנוי החודשי שלי החל מהחודש הבא.",
        ("iso-8859-8", "windows-1255"),
    ),
    Sample(
        "ar",
        "استفسار عن حالة الطلب رقم",
        "أحمد عبد الله",
        "صورة الإيصال.jpg",
        "السلام عليكم، أرجو إفادتي عن حالة طلبي لأنه تأخر كثيرا.",
        ("windows-1256", "iso-8859-6"),
    ),
    Sample(
        "fa",
        "درخواست پشتيباني براي حساب کاربري",
        "مريم احمدي",
        "گزارش خطا.pdf",
        "سلام، حساب کاربري من از ديروز قفل شده است. لطفا کمک کنيد.",
        ("windows-1256",),
    ),
    Sample(
        "th",
        "สอบถามเรื่องการคืนสินค้า",
        "สมชาย ใจดี",
        "ใบเสร็จรับเงิน.pdf",
        "สวัสดีครับ ผมต้องการคืนสินค้าที่สั่งซื้อเมื่อสัปดาห์ที่แล้ว",
        ("tis-620",),
    ),
    Sample(
        "pl",
        "Reklamacja zamówienia - uszkodzona przesyłka",
        "Małgorzata Wiśniewska",
        "Zdjęcie paczki.jpg",
        "Dzień dobry, przesyłka dotarła uszkodzona, proszę o zwrot pieniędzy.",
        ("iso-8859-2", "windows-1250"),
    ),
    Sample(
        "cs",
        "Žádost o vrácení peněz za objednávku",
        "Jiří Dvořák",
        "Reklamační protokol.pdf",
        "Dobrý den, zboží přišlo poškozené, žádám o vrácení peněz.",
        ("windows-1250",),
    ),
    Sample(
        "tr",
        "Siparişim hâlâ gelmedi, yardımcı olur musunuz?",
        "Ayşe Yılmaz",
        "Sipariş özeti.pdf",
        "Merhaba, geçen hafta verdiğim sipariş hâlâ teslim edilmedi.",
        ("iso-8859-9", "windows-1254"),
    ),
    Sample(
        "de",
        "Rückfrage zur Rechnung für Oktober",
        "Jürgen Weiß",
        "Rechnungsübersicht.pdf",
        "Guten Tag, auf der Rechnung für Oktober fehlt die Gutschrift über 20 Euro.",
        ("iso-8859-1", "windows-1252"),
    ),
    Sample(
        "fr",
        "Problème de connexion à mon espace client",
        "Hélène Lefèvre",
        "Capture d'écran.png",
        "Bonjour, depuis hier je ne peux plus me connecter à mon espace.",
        ("iso-8859-15",),
    ),
)

_WESTERN = ("iso-8859-1", "windows-1252", "iso-8859-15")


def _encode(text: str, label: str) -> bytes:
    return text.encode(codecs.lookup(label).name)


def _split(label: str, data: bytes) -> bytes:
    """Two encoded words, cut one byte after the middle: through a character of a
    multi-byte charset, as programs that cut by length do."""
    cut = len(data) // 2 + 1
    return _word(label, data[:cut]) + b"\r\n " + _word(label, data[cut:])


def _message(header: bytes, body: bytes, charset: str | None, extra: bytes = b"") -> bytes:
    content_type = b"text/plain" + (b"; charset=" + charset.encode() if charset else b"")
    return (
        b"From: client@shop.example\r\n"
        b"To: support@helpdesk.example\r\n"
        b"Message-ID: <grid@shop.example>\r\n"
        b"Date: Mon, 2 Nov 2026 09:30:00 +0100\r\n" + header + b"\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: " + content_type + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n" + extra + b"\r\n" + body + b"\r\n"
    )


# A way of writing a subject: (sample, label) → (the Subject field's value after
# "Subject: ", the body, its charset, the subject as read).
Way = Callable[[Sample, str], tuple[bytes, bytes, str | None, str]]


def _raw(body: str) -> Way:
    def way(s: Sample, label: str) -> tuple[bytes, bytes, str | None, str]:
        raw = _encode(s.subject, label)
        if body == "declared":
            return raw, _encode(s.body, label), label, s.subject
        if body == "undeclared":
            return raw, _encode(s.body, label), None, s.subject
        if body == "utf-8":
            return raw, s.body.encode(), "utf-8", s.subject
        return raw, b"Hello, please see the subject.", "us-ascii", s.subject

    return way


def _encoded(how: str) -> Way:
    def way(s: Sample, label: str) -> tuple[bytes, bytes, str | None, str]:
        raw = _encode(s.subject, label)
        body = _encode(s.body, label)
        if how == "B":
            return _word(label, raw), body, label, s.subject
        if how == "Q":
            return _word(label, raw, q=True), body, label, s.subject
        if how == "split":
            return _split(label, raw), body, label, s.subject
        if how == "utf-8 split":
            return _split("UTF-8", s.subject.encode()), body, label, s.subject
        if how == "prefixed":
            # Outlook in German: its own prefix outside the word.
            return b"AW: " + _word(label, raw), body, label, "AW: " + s.subject
        # Mixed: ASCII, then the text, then ASCII, in one field.
        value = b"[#4711] " + _word(label, raw, q=True) + b" (2)"
        return value, body, label, f"[#4711] {s.subject} (2)"

    return way


def _mislabelled(wrong: str, q: bool = False) -> Way:
    """An encoded word labelled ``wrong`` (a Western charset) around bytes in the
    charset the text declares."""

    def way(s: Sample, label: str) -> tuple[bytes, bytes, str | None, str]:
        raw = _encode(s.subject, label)
        return _word(wrong, raw, q=q), _encode(s.body, label), label, s.subject

    return way


# The other charset of a script that a program's page or template may be saved in.
_OTHER_OF_SCRIPT = {
    "koi8-r": ("windows-1251",),
    "windows-1251": ("koi8-r", "koi8-u"),
    "iso-8859-5": ("windows-1251",),
    "cp866": ("windows-1251",),
    "koi8-u": ("windows-1251",),
    "windows-1256": ("iso-8859-6",),
    "iso-8859-6": ("windows-1256",),
}


def _other_charset(text: str, label: str) -> str | None:
    """The first other charset of ``label``'s script that holds ``text``."""
    for other in _OTHER_OF_SCRIPT.get(label, ()):
        try:
            _encode(text, other)
        except UnicodeEncodeError:
            continue
        return other
    return None


def _other_of_script(s: Sample, label: str) -> tuple[bytes, bytes, str | None, str]:
    """Raw bytes in another charset of the script than the text declares: a web form
    posts in its page's charset and mails the text in its template's."""
    other = _other_charset(s.subject, label)
    assert other is not None
    raw = _encode(s.subject, other)
    return raw, _encode(s.body, label), label, s.subject


def _reply_raw(s: Sample, label: str) -> tuple[bytes, bytes, str | None, str]:
    raw = _encode(s.subject, label)
    return b"Re: " + raw, _encode(s.body, label), label, "Re: " + s.subject


def _mixed_raw(s: Sample, label: str) -> tuple[bytes, bytes, str | None, str]:
    raw = _encode(s.subject, label)
    value = b"Order 2026-118: " + raw
    return value, s.body.encode(), "utf-8", "Order 2026-118: " + s.subject


WAYS: dict[str, Way] = {
    "raw, text declared": _raw("declared"),
    "raw, text undeclared": _raw("undeclared"),
    "raw, UTF-8 text": _raw("utf-8"),
    "raw, ASCII text": _raw("ascii"),
    "B word": _encoded("B"),
    "Q word": _encoded("Q"),
    "B words split": _encoded("split"),
    "UTF-8 words split": _encoded("utf-8 split"),
    "AW: word": _encoded("prefixed"),
    "ASCII around a Q word": _encoded("mixed"),
    "Re: raw": _reply_raw,
    "ASCII before raw, UTF-8 text": _mixed_raw,
    "word labelled iso-8859-1": _mislabelled("iso-8859-1"),
    "Q word labelled windows-1252": _mislabelled("windows-1252", q=True),
    "word labelled unknown-8bit": _mislabelled("unknown-8bit"),
    "raw in the script's other charset": _other_of_script,
}
# Ways that only make sense for a charset of another script than the Western ones.
_NOT_WESTERN_ONLY = {"word labelled iso-8859-1", "Q word labelled windows-1252"}
# Too little to tell by letters alone: a few words of Polish, Czech or Turkish (and of
# Western languages) fit several Latin code pages, and nothing else in the message
# tells which; UTF-8 text of the language tells the script, not the code page's family.
_LATIN = {"pl", "cs", "tr", "de", "fr"}
_UNTOLD = {("raw, ASCII text", lang) for lang in _LATIN}


# Ways that try the way of writing more than the charset: one label per language.
_ONE_LABEL = {
    "Q word",
    "word labelled unknown-8bit",
    "UTF-8 words split",
    "AW: word",
    "ASCII around a Q word",
    "Re: raw",
    "ASCII before raw, UTF-8 text",
}


def _single_byte(label: str) -> bool:
    return len("\u00e9\u0416".encode(codecs.lookup(label).name, errors="replace")) == 2


def _subject_cases() -> list[tuple[Sample, str, str]]:
    cases = []
    for sample in SAMPLES:
        for label in sample.labels:
            for way in WAYS:
                if way in _ONE_LABEL and label != sample.labels[0]:
                    continue
                if way == "B words split" and _single_byte(label):
                    continue  # no character to cut
                if way in _NOT_WESTERN_ONLY and label in _WESTERN:
                    continue
                if (way, sample.lang) in _UNTOLD:
                    continue
                if way == "raw in the script's other charset" and not _other_charset(
                    sample.subject, label
                ):
                    continue
                cases.append((sample, label, way))
    return cases


SUBJECT_CASES = _subject_cases()


@pytest.mark.parametrize(
    ("sample", "label", "way"),
    SUBJECT_CASES,
    ids=[f"{s.lang}-{label}-{way}" for s, label, way in SUBJECT_CASES],
)
def test_subject(sample: Sample, label: str, way: str) -> None:
    value, body, charset, expected = WAYS[way](sample, label)
    mail = parse_message(_message(b"Subject: " + value, body, charset))
    assert mail.subject == expected


# Display names and attachment names, each way written as in the subject; the subject
# is ASCII, so they are all there is in the header to tell the charset by.


def _named(name: bytes, filename_param: bytes, body: bytes, charset: str | None) -> bytes:
    text_type = b"text/plain" + (b"; charset=" + charset.encode() if charset else b"")
    return (
        b"From: " + name + b" <client@shop.example>\r\n"
        b"To: support@helpdesk.example\r\n"
        b"Subject: Attached\r\n"
        b"Message-ID: <grid-names@shop.example>\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\n"
        b"Content-Type: " + text_type + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
        b"--b1\r\n"
        b"Content-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; " + filename_param + b"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        b"UERGIGRhdGE=\r\n"
        b"--b1--\r\n"
    )


def _percent(data: bytes) -> bytes:
    return b"".join(
        bytes([b]) if b < 0x80 and (chr(b).isalnum() or b in b"._-") else b"%%%02X" % b
        for b in data
    )


NameWay = Callable[[Sample, str], tuple[bytes, bytes, bytes, str | None]]


def _names(how: str) -> NameWay:
    def way(s: Sample, label: str) -> tuple[bytes, bytes, bytes, str | None]:
        name, filename = _encode(s.name, label), _encode(s.filename, label)
        body = _encode(s.body, label)
        if how == "raw":
            return b'"' + name + b'"', b'filename="' + filename + b'"', body, label
        if how == "raw, UTF-8 text":
            return name, b'filename="' + filename + b'"', s.body.encode(), "utf-8"
        if how == "raw, ASCII text":
            return name, b'filename="' + filename + b'"', b"See the file.", "us-ascii"
        if how == "words":
            return (
                _word(label, name),
                b'filename="' + _word(label, filename) + b'"',
                body,
                label,
            )
        if how == "words split":
            name_words = _split(label, name)
            return (
                name_words,
                b'filename="' + _word(label, filename, q=True) + b'"',
                body,
                label,
            )
        if how == "words labelled iso-8859-1":
            words = _word("iso-8859-1", name, q=True)
            return words, b'filename="' + _word("iso-8859-1", filename) + b'"', body, label
        if how == "RFC 2231 labelled iso-8859-1":
            param = b"filename*=iso-8859-1''" + _percent(filename)
            return _word(label, name), param, body, label
        # RFC 2231 with no charset: the text's tells.
        return _word(label, name), b"filename*=''" + _percent(filename), body, label

    return way


NAME_WAYS: dict[str, NameWay] = {
    "raw": _names("raw"),
    "raw, UTF-8 text": _names("raw, UTF-8 text"),
    "raw, ASCII text": _names("raw, ASCII text"),
    "words": _names("words"),
    "words split": _names("words split"),
    "words labelled iso-8859-1": _names("words labelled iso-8859-1"),
    "RFC 2231 labelled iso-8859-1": _names("RFC 2231 labelled iso-8859-1"),
    "RFC 2231 without a charset": _names("RFC 2231 without a charset"),
}
_NAME_NOT_WESTERN_ONLY = {"words labelled iso-8859-1", "RFC 2231 labelled iso-8859-1"}
# A name or a file name of one or two words in a Latin script's charset reads as
# another Latin language's letters in Latin-1 ("Ayþe Yýlmaz" is as Icelandic as "Ayşe
# Yılmaz" is Turkish): too little for any reader to tell the label wrong.
_NAME_UNTOLD = {(way, lang) for way in _NAME_NOT_WESTERN_ONLY for lang in _LATIN} | {
    # With nothing else in the message: a Japanese name and file name of kanji only
    # are Chinese characters in GB2312 just as well, and the Turkish ones Icelandic.
    ("raw, ASCII text", "ja"),
    ("raw, ASCII text", "tr"),
}


def _name_cases() -> list[tuple[Sample, str, str]]:
    return [
        (sample, label, way)
        for sample in SAMPLES
        for label in sample.labels
        for way in NAME_WAYS
        if not (way in _NAME_NOT_WESTERN_ONLY and label in _WESTERN)
        and (way, sample.lang) not in _NAME_UNTOLD
        and not (way == "words split" and _single_byte(label))
        and not (way == "RFC 2231 without a charset" and label != sample.labels[0])
    ]


NAME_CASES = _name_cases()


@pytest.mark.parametrize(
    ("sample", "label", "way"),
    NAME_CASES,
    ids=[f"{s.lang}-{label}-{way}" for s, label, way in NAME_CASES],
)
def test_display_and_attachment_names(sample: Sample, label: str, way: str) -> None:
    name, filename_param, body, charset = NAME_WAYS[way](sample, label)
    mail = parse_message(_named(name, filename_param, body, charset))
    assert mail.from_ is not None
    assert (mail.from_.name, [a.filename for a in mail.attachments]) == (
        sample.name,
        [sample.filename],
    )


# Short subjects, raw, beside an ASCII text: the subject's own bytes are all there is.
SHORT = (
    ("退款", "gb2312"),
    ("发票问题", "gbk"),
    ("帳單", "big5"),
    ("請求書", "shift_jis"),
    ("お見積り", "shift_jis"),
    ("견적 요청", "euc-kr"),
    ("Счёт", "koi8-r"),
    ("Счёт", "windows-1251"),
    ("Заказ", "koi8-r"),
    ("Рахунок", "koi8-u"),
    ("Рахунок", "windows-1251"),
    ("Фактура", "windows-1251"),
    ("Нарачка", "windows-1251"),
    ("Поруџбина", "windows-1251"),
    ("Тапсырыс жеткізілмеді", "ptcp154"),
    ("Τιμολόγιο", "iso-8859-7"),
    ("Παραγγελία", "windows-1253"),
    ("חשבונית", "windows-1255"),
    ("בעיה בהזמנה", "iso-8859-8"),
    ("فاتورة", "windows-1256"),
    ("طلب", "iso-8859-6"),
    ("ใบเสร็จ", "tis-620"),
    ("Hóa đơn", "windows-1258"),
    ("Számla", "iso-8859-2"),
)


@pytest.mark.parametrize(("subject", "label"), SHORT, ids=[f"{s}-{c}" for s, c in SHORT])
def test_short_raw_subject(subject: str, label: str) -> None:
    mail = parse_message(
        _message(b"Subject: " + _encode(subject, label), b"See the subject.", "us-ascii")
    )
    assert mail.subject == subject


# One wrong label on everything a program writes: the text and the subject (raw or in an
# encoded word) in one charset, labelled with another, as a misconfigured program or
# gateway does.  The wrong labels are the defaults such programs have: Western and
# Central European, Cyrillic, ASCII, UTF-8; and, for East Asian text, another East
# Asian charset.
_WRONG = ("iso-8859-1", "iso-8859-2", "windows-1251", "koi8-r", "us-ascii", "utf-8")
_WRONG_EAST_ASIAN = ("gb2312", "big5", "shift_jis", "euc-kr")
_EAST_ASIAN = {"zh-hans", "zh-hant", "ja", "ko"}
# Readings under the wrong label that are text too, with nothing else to tell: Hebrew
# read as Cyrillic words cased as words are; EUC-JP's bytes read as common Chinese
# characters; Turkish and French as another Latin language's letters.  (Korean under a
# Chinese label is told by its spacing: tests/test_parse_korean_label.py.)
_WRONG_UNTOLD = {
    *(("he", wrong) for wrong in ("windows-1251", "koi8-r")),
    ("ja", "big5"),
    ("tr", "iso-8859-2"),
    ("fr", "iso-8859-2"),
}


def _wrong_cases() -> list[tuple[Sample, str, str, str]]:
    cases = []
    for sample in SAMPLES:
        wrongs = _WRONG + (_WRONG_EAST_ASIAN if sample.lang in _EAST_ASIAN else ())
        for label in sample.labels[:1]:
            for wrong in wrongs:
                if codecs.lookup(wrong).name == codecs.lookup(label).name:
                    continue
                if (sample.lang, wrong) in _WRONG_UNTOLD:
                    continue
                cases.extend((sample, label, wrong, how) for how in ("raw", "word"))
    return cases


WRONG_CASES = _wrong_cases()


@pytest.mark.parametrize(
    ("sample", "label", "wrong", "how"),
    WRONG_CASES,
    ids=[f"{s.lang}-{label}-as-{wrong}-{how}" for s, label, wrong, how in WRONG_CASES],
)
def test_subject_under_a_wrong_label(sample: Sample, label: str, wrong: str, how: str) -> None:
    raw = _encode(sample.subject, label)
    value = raw if how == "raw" else _word(wrong, raw)
    mail = parse_message(_message(b"Subject: " + value, _encode(sample.body, label), wrong))
    assert mail.subject == sample.subject
