"""Short texts in legacy charsets where their own bytes tell little, and labels that name
a subset of the charset the bytes are in: one message per (text × charset × way of
writing), checked as parse_message reads it.

A subject, a display name or a file name of one to three words is too short for
statistical detection: "Счёт" in windows-1251 reads as Latin-1 "Ñ÷¸ò", and a Korean
word with no space reads as Chinese characters under a GB2312 label.  What else the
message declares — its text part's charset, its other encoded words, an HTML twin's
label — is the evidence a reader has, as a person's mail program has it.  Besides, the
labels programs write name the standard charset while the bytes are in its vendor
superset: GB2312 carrying GBK and GB 18030 characters ("堃", "䶮"), Big5 carrying
HKSCS ("啲"), Shift_JIS and ISO-2022-JP carrying the NEC and IBM rows of CP932
("①", "㈱", "髙"), KS C 5601 carrying CP949's extra syllables ("똠").

The negative cases are texts in their right label that must stay as written: French and
German in Latin-1 (not Cyrillic or Greek), Chinese in GB2312 and Big5 (not Korean),
Korean and Japanese in theirs; and a Latin-1 name in a word of its own beside a text in
windows-1251, as Outlook writes each field in the charset that holds it.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from mailgate.parse import parse_message
from tests.support.encoded_words import encoded_word as _word
from tests.support.jis_text import outlook_jis


@dataclass(frozen=True)
class Text:
    lang: str
    text: str
    # The labels it is written under; the bytes are in each label's own charset.
    labels: tuple[str, ...]


# Short texts of the single-byte scripts, and of the Latin-script languages whose
# letters Latin-1 does not hold: the label is what tells them.
SHORT = (
    Text("ru", "Счёт", ("windows-1251", "koi8-r")),
    Text("ru", "Срочно", ("windows-1251", "koi8-r")),
    Text("ru", "Не работает", ("windows-1251", "koi8-r")),
    Text("ru", "Возврат денег", ("koi8-r", "windows-1251")),
    Text("ru", "Пароль", ("koi8-r",)),
    Text("uk", "Рахунок", ("koi8-u", "windows-1251")),
    Text("uk", "Повернення коштів", ("koi8-u", "windows-1251")),
    Text("bg", "Поръчка", ("windows-1251",)),
    Text("el", "Τιμολόγιο", ("windows-1253", "iso-8859-7")),
    Text("el", "Επιστροφή χρημάτων", ("iso-8859-7", "windows-1253")),
    Text("he", "חשבונית", ("windows-1255", "iso-8859-8")),
    Text("he", "ביטול הזמנה", ("windows-1255",)),
    Text("ar", "فاتورة", ("windows-1256", "iso-8859-6")),
    Text("ar", "إلغاء الطلب", ("windows-1256",)),
    Text("fa", "پرداخت", ("windows-1256",)),
    Text("th", "ใบเสร็จ", ("tis-620",)),
    Text("th", "คืนเงิน", ("tis-620",)),
    Text("pl", "Prośba o zwrot", ("windows-1250", "iso-8859-2")),
    Text("cs", "Žádost", ("windows-1250",)),
    Text("hu", "Előleg", ("iso-8859-2",)),
    Text("tr", "Sipariş iptali", ("windows-1254", "iso-8859-9")),
    Text("lt", "Sąskaita", ("windows-1257",)),
    Text("lv", "Rēķins", ("windows-1257",)),
    Text("vi", "Hóa đơn", ("windows-1258", "viscii")),
    Text("vi", "Đơn hàng bị hủy", ("viscii",)),
)
# Western texts in their right label: they stay as written.
WESTERN = (
    Text("fr", "Réclamation", ("iso-8859-1",)),
    Text("fr", "Ça ne marche pas", ("iso-8859-1",)),
    Text("fr", "Déjà payé", ("iso-8859-1", "windows-1252")),
    Text("fr", "À propos", ("iso-8859-1",)),
    Text("de", "Über", ("iso-8859-1",)),
    Text("de", "Grüße", ("iso-8859-1",)),
    Text("de", "Änderung", ("iso-8859-1", "windows-1252")),
    Text("de", "Jürgen Weiß", ("iso-8859-1",)),
    Text("es", "Devolución", ("iso-8859-1",)),
    Text("pt", "Não recebi", ("iso-8859-1",)),
    Text("sv", "Återbetalning", ("iso-8859-1",)),
    Text("da", "Kære kunde", ("iso-8859-1",)),
    Text("is", "Góðan daginn", ("iso-8859-1",)),
    Text("is", "Þakka þér", ("iso-8859-1",)),
    Text("fr", "Sœur Françoise", ("windows-1252",)),
)
# East Asian texts in their right label: they stay as written.
EAST_ASIAN = (
    Text("zh", "退款", ("gb2312",)),
    Text("zh", "发票", ("gb2312", "gbk")),
    Text("zh", "合同", ("gb2312",)),
    Text("zh", "报价单", ("gb2312",)),
    Text("zh-hant", "帳單", ("big5",)),
    Text("zh-hant", "報價單", ("big5",)),
    Text("ja", "請求書", ("shift_jis", "iso-2022-jp")),
    Text("ja", "お見積り", ("shift_jis",)),
    Text("ko", "견적", ("euc-kr",)),
    Text("ko", "환불 요청", ("ks_c_5601-1987",)),
)

# The codec the bytes of a label are written in: the standard's own.
_CODEC = {"ks_c_5601-1987": "euc_kr", "x-sjis": "shift_jis"}


def _codec(label: str) -> str:
    return _CODEC.get(label, codecs.lookup(label).name)


def _bytes(text: str, codec: str) -> bytes:
    return outlook_jis(text) if codec == "iso2022_jp" else text.encode(codec)


def _percent(data: bytes) -> bytes:
    return b"".join(
        bytes([b]) if b < 0x80 and (chr(b).isalnum() or b in b"._-") else b"%%%02X" % b
        for b in data
    )


def _content_type(charset: str | None, subtype: str = "plain") -> bytes:
    return b"text/" + subtype.encode() + (b"; charset=" + charset.encode() if charset else b"")


def _mail(
    *,
    subject: bytes = b"Request",
    name: bytes = b"Client",
    body: bytes = b"Please see the subject.",
    charset: str | None = None,
    attachment: tuple[bytes, bytes] | None = None,
    html: tuple[bytes, str | None] | None = None,
) -> bytes:
    """A message: its subject, its sender's display name, a text part, and an attachment
    (its Content-Type and Content-Disposition parameters) or an HTML twin of the text."""
    head = (
        b"From: " + name + b" <client@shop.example>\r\n"
        b"To: support@helpdesk.example\r\n"
        b"Subject: " + subject + b"\r\n"
        b"Message-ID: <grid2@shop.example>\r\n"
        b"Date: Tue, 3 Nov 2026 10:15:00 +0100\r\n"
        b"MIME-Version: 1.0\r\n"
    )
    text = (
        b"Content-Type: " + _content_type(charset) + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )
    if attachment is not None:
        type_params, disposition_params = attachment
        return (
            head + b'Content-Type: multipart/mixed; boundary="m1"\r\n\r\n'
            b"--m1\r\n" + text + b"--m1\r\n"
            b"Content-Type: application/pdf; " + type_params + b"\r\n"
            b"Content-Disposition: attachment; " + disposition_params + b"\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--m1--\r\n"
        )
    if html is not None:
        markup, html_charset = html
        return (
            head + b'Content-Type: multipart/alternative; boundary="a1"\r\n\r\n'
            b"--a1\r\n" + text + b"--a1\r\n"
            b"Content-Type: " + _content_type(html_charset, "html") + b"\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n"
            b"<html><body><p>" + markup + b"</p></body></html>\r\n--a1--\r\n"
        )
    return head + text


def _subject(mail: bytes) -> str:
    return parse_message(mail).subject


def _name(mail: bytes) -> str:
    found = parse_message(mail).from_
    return found.name if found is not None else ""


def _filenames(mail: bytes) -> str:
    names = {a.filename for a in parse_message(mail).attachments}
    return " | ".join(sorted(names))


def _body(mail: bytes) -> str:
    return parse_message(mail).text.strip()


# A way of writing: (text, label) → (the message, how to read the field, what it reads).
Way = Callable[[str, str], tuple[bytes, Callable[[bytes], str], str]]

_ASCII_BODY = b"Please see the subject."


def _raw_subject_declared(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
    """Raw subject; an ASCII text declared in the charset (the program's default)."""
    raw = _bytes(text, _codec(label))
    return _mail(subject=raw, body=_ASCII_BODY, charset=label), _subject, text


def _raw_subject_and_text(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
    """Raw subject; the text repeats it, in the same charset, declared."""
    raw = _bytes(text, _codec(label))
    return _mail(subject=b"Re: " + raw, body=raw, charset=label), _subject, "Re: " + text


def _raw_name(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
    raw = _bytes(text, _codec(label))
    return _mail(name=b'"' + raw + b'"', body=_ASCII_BODY, charset=label), _name, text


def _raw_filename(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
    raw = _bytes(text, _codec(label)) + b".pdf"
    attachment = (b'name="' + raw + b'"', b'filename="' + raw + b'"')
    mail = _mail(body=b"See the file.", charset=label, attachment=attachment)
    return mail, _filenames, text + ".pdf"


def _rfc2231(charset: str | None) -> Way:
    def way(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
        raw = _percent(_bytes(text, _codec(label)) + b".pdf")
        declared = label if charset == "label" else (charset or "")
        attachment = (
            b"name*=" + declared.encode() + b"''" + raw,
            b"filename*=" + declared.encode() + b"''" + raw,
        )
        mail = _mail(body=b"See the file.", charset=label, attachment=attachment)
        return mail, _filenames, text + ".pdf"

    return way


def _word_in(wrong: str | None, q: bool = False, declared: bool = True) -> Way:
    """The subject in an encoded word labelled ``wrong`` (the right label when None);
    the text declared in the right label, or ASCII with no charset."""

    def way(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
        word = _word(wrong or label, _bytes(text, _codec(label)), q=q)
        charset = label if declared else None
        return _mail(subject=word, body=_ASCII_BODY, charset=charset), _subject, text

    return way


def _name_word_in(wrong: str) -> Way:
    def way(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
        word = _word(wrong, _bytes(text, _codec(label)), q=True)
        return _mail(name=word, body=_ASCII_BODY, charset=label), _name, text

    return way


def _undeclared_body(evidence: str) -> Way:
    """A text part with no charset parameter, its label told by the subject's encoded
    word or by its HTML twin's charset."""

    def way(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
        raw = _bytes(text, _codec(label))
        if evidence == "word":
            mail = _mail(subject=_word(label, raw), body=raw, charset=None)
        else:
            mail = _mail(body=raw, charset=None, html=(raw, label))
        return mail, _body, text

    return way


def _all_under(wrong: str | None) -> Way:
    """The raw subject and a text of a few words in one charset, labelled ``wrong``
    (a program's Western default) or not at all."""

    def way(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
        raw = _bytes(text, _codec(label))
        body = raw + b"\r\n" + _bytes("Спасибо", _codec(label)) if _is_cyrillic(label) else raw
        return _mail(subject=raw, body=body, charset=wrong), _subject, text

    return way


def _is_cyrillic(label: str) -> bool:
    return _codec(label) in {"cp1251", "koi8_r", "koi8_u"}


# The other charset of a script or a language's pair, which a program's template or a
# gateway may label its words with while the text declares the right one.
_OTHER_LABEL = {
    "windows-1251": "koi8-r",
    "koi8-r": "windows-1251",
    "koi8-u": "windows-1251",
    "windows-1253": "iso-8859-7",
    "iso-8859-7": "windows-1253",
    "windows-1255": "iso-8859-8",
    "iso-8859-8": "windows-1255",
    "windows-1256": "iso-8859-6",
    "iso-8859-6": "windows-1256",
    "windows-1250": "iso-8859-2",
    "iso-8859-2": "windows-1250",
    "windows-1254": "iso-8859-9",
    "iso-8859-9": "windows-1254",
}


def _word_in_twin(text: str, label: str) -> tuple[bytes, Callable[[bytes], str], str]:
    """The subject in an encoded word labelled with the other charset of its script,
    the text declared in the right one."""
    word = _word(_OTHER_LABEL[label], _bytes(text, _codec(label)))
    return _mail(subject=word, body=_ASCII_BODY, charset=label), _subject, text


WAYS: dict[str, Way] = {
    "raw subject, ASCII text declared": _raw_subject_declared,
    "raw subject, text declared": _raw_subject_and_text,
    "raw name": _raw_name,
    "raw file name": _raw_filename,
    "RFC 2231 in its label": _rfc2231("label"),
    "RFC 2231 without a charset": _rfc2231(None),
    "word labelled iso-8859-1": _word_in("iso-8859-1"),
    "Q word labelled windows-1252": _word_in("windows-1252", q=True),
    "name word labelled iso-8859-1": _name_word_in("iso-8859-1"),
    "RFC 2231 labelled iso-8859-1": _rfc2231("iso-8859-1"),
    "word labelled iso-8859-1, nothing declared": _word_in("iso-8859-1", declared=False),
    "undeclared text, the subject's word tells": _undeclared_body("word"),
    "undeclared text, its HTML twin tells": _undeclared_body("html"),
    "raw subject and text labelled iso-8859-1": _all_under("iso-8859-1"),
    "raw subject and text, no charset": _all_under(None),
    "word labelled the script's other charset": _word_in_twin,
}
# Ways that put a Western label on the bytes: for the Western texts it is their own.
_WESTERN_LABELLED = {
    "word labelled iso-8859-1",
    "Q word labelled windows-1252",
    "name word labelled iso-8859-1",
    "RFC 2231 labelled iso-8859-1",
    "word labelled iso-8859-1, nothing declared",
}
# With nothing declared, a few letters of a Latin-script language under a Western
# label are that label's letters too ("Sipariþ iptali" is as Icelandic as "Sipariş
# iptali" is Turkish): no reader can tell.
_LATIN_SCRIPT = {"pl", "cs", "hu", "tr", "lt", "lv", "vi"}
_UNTOLD = {("word labelled iso-8859-1, nothing declared", lang) for lang in _LATIN_SCRIPT}
# Lithuanian "Sąskaita" in windows-1257 is "Sàskaita" in Latin-1, a word as Catalan
# spells them: beside a text declared windows-1257 the Latin-1 label may be true.
_UNTOLD |= {(way, "lt") for way in _WESTERN_LABELLED}
# A whole message of a few words of a Latin-script language under a Latin-1 label: the
# label reads them as letters too ("Proœba", "Elõleg"), and nothing else tells.
_UNTOLD |= {("raw subject and text labelled iso-8859-1", lang) for lang in _LATIN_SCRIPT}
# With no label at all: "Sipariş" is Romanian "Sipariţ" in windows-1250 as well,
# "Rēķins" a Catalan "Rçíins" in windows-1250, "Sąskaita" "Sàskaita"; detection knows
# no VISCII.
_UNTOLD |= {("raw subject and text, no charset", lang) for lang in ("tr", "lt", "lv")}
_UNTOLD_LABELS = {("viscii", "raw subject and text labelled iso-8859-1")} | {
    ("viscii", "raw subject and text, no charset")
}
# Two or three Chinese characters in Big5 read as common simplified ones in GBK
# ("報價單" as "厨基虫"), and two Korean syllables with no space as Chinese ones
# ("견적" as "斑利"): with no other text, only the label tells them.
_UNTOLD_TEXT_WAYS = {
    (text, way)
    for text in ("帳單", "報價單", "견적")
    for way in ("raw subject and text labelled iso-8859-1", "raw subject and text, no charset")
}
# Four bytes of windows-1251 ("Счёт") that read as two common Chinese characters too
# ("痒蛤"), under a Western label with nothing else in the message.
_UNTOLD_TEXT = {("Счёт", "windows-1251", "word labelled iso-8859-1, nothing declared")}


def _cases() -> list[tuple[str, str, str]]:
    out = []
    for sample in SHORT:
        for label in sample.labels:
            for way in WAYS:
                if (
                    (way, sample.lang) in _UNTOLD
                    or (sample.text, label, way) in _UNTOLD_TEXT
                    or (label, way) in _UNTOLD_LABELS
                ):
                    continue
                if label != sample.labels[0] and way in {
                    "RFC 2231 without a charset",
                    "Q word labelled windows-1252",
                    "undeclared text, its HTML twin tells",
                }:
                    continue
                if way == "word labelled the script's other charset" and (
                    label not in _OTHER_LABEL
                    or _bytes(sample.text, _codec(label))
                    == sample.text.encode(_codec(_OTHER_LABEL[label]), errors="replace")
                ):
                    continue  # no other charset, or one that writes the text the same
                out.append((sample.lang, sample.text, label, way))
    for sample in WESTERN + EAST_ASIAN:
        for label in sample.labels:
            for way in WAYS:
                if sample in EAST_ASIAN and way in _WESTERN_LABELLED:
                    continue
                if sample in WESTERN and way in _WESTERN_LABELLED and label != sample.labels[0]:
                    continue
                if (sample.text, way) in _UNTOLD_TEXT_WAYS:
                    continue
                if way == "word labelled the script's other charset":
                    continue
                out.append((sample.lang, sample.text, label, way))
    return [(text, label, way) for _lang, text, label, way in out]


CASES = _cases()


@pytest.mark.parametrize(
    ("text", "label", "way"), CASES, ids=[f"{t}-{label}-{way}" for t, label, way in CASES]
)
def test_short_text_reads_as_written(text: str, label: str, way: str) -> None:
    mail, read, expected = WAYS[way](text, label)
    assert read(mail) == expected


# A Latin-1 name in its own encoded word beside a text in another script's charset:
# Outlook and Thunderbird write each field in the first charset that holds it.  The
# label is right and stays.
LATIN1_BESIDE = (
    ("Jürgen Weiß", "windows-1251", "Добрый день, прошу выставить счёт."),
    ("Hélène Lefèvre", "koi8-r", "Добрый день, счёт не пришёл."),
    ("Société Générale", "windows-1253", "Καλησπέρα, δεν έλαβα το τιμολόγιο."),
    ("Müller GmbH", "windows-1250", "Dzień dobry, proszę o fakturę."),
    ("Café Noël", "gb2312", "您好，发票还没有收到。"),
    ("Åsa Öberg", "shift_jis", "請求書がまだ届いていません。"),
    ("Grüße", "windows-1255", "שלום, לא קיבלתי חשבונית."),
    ("Françoise Gonçalves", "windows-1254", "Merhaba, faturayı alamadım."),
    ("João Simões", "iso-8859-2", "Dzień dobry, proszę o fakturę."),
    ("Ångström Æbelø", "windows-1257", "Laba diena, negavau sąskaitos."),
    ("Façade", "windows-1250", "Dobrý den, faktura nepřišla."),
)


@pytest.mark.parametrize(("name", "label", "body"), LATIN1_BESIDE)
@pytest.mark.parametrize("field", ["subject", "name"])
def test_latin1_word_beside_another_charsets_text_stays(
    name: str, label: str, body: str, field: str
) -> None:
    word = _word("iso-8859-1", name.encode("latin-1"), q=True)
    text = body.encode(_codec(label))
    if field == "subject":
        assert _subject(_mail(subject=word, body=text, charset=label)) == name
    else:
        assert _name(_mail(name=word, body=text, charset=label)) == name


# Labels that name a subset of the charset the bytes are in: (label, text, codec).
SUBSETS = (
    ("gb2312", "王堃", "gbk"),
    ("gb2312", "陶喆的订单", "gbk"),
    ("gb2312", "朱镕基路店", "gbk"),
    ("gb2312", "刘䶮", "gb18030"),
    ("gbk", "刘䶮的发票", "gb18030"),
    ("big5", "搵唔到單", "big5hkscs"),
    ("big5", "啲貨未到", "big5hkscs"),
    ("big5", "嚟咗未", "big5hkscs"),
    ("shift_jis", "①請求書", "cp932"),
    ("shift_jis", "㈱山田商事", "cp932"),
    ("shift_jis", "髙橋様", "cp932"),
    ("x-sjis", "№123 見積", "cp932"),
    ("x-sjis", "﨑山", "cp932"),
    ("iso-2022-jp", "①番の件", "iso2022_jp"),
    ("iso-2022-jp", "㈱田中製作所", "iso2022_jp"),
    ("iso-2022-jp", "髙橋様", "iso2022_jp"),
    ("ks_c_5601-1987", "똠얌꿍", "cp949"),
    ("ks_c_5601-1987", "햏 문의", "cp949"),
    ("euc-kr", "뷁 문의드립니다", "cp949"),
    ("euc-kr", "펲시 주문", "cp949"),
    ("iso-8859-1", "Rechnung – 49,90 €", "cp1252"),
    ("iso-8859-1", "Don’t charge twice", "cp1252"),
    ("iso-8859-2", "Prośba – zwrot", "cp1250"),
    ("iso-8859-2", "Šťastný", "cp1250"),
    ("iso-8859-7", "Άννα", "cp1253"),
    ("iso-8859-9", "İade – €", "cp1254"),
    ("iso-8859-8", "חשבונית – €", "cp1255"),
    ("iso-8859-13", "Sąskaita – €", "cp1257"),
    ("koi8-r", "Рахунок", "koi8-u"),
    ("koi8-r", "Їжа і ґанок", "koi8-u"),
    ("tis-620", "ใบเสร็จ – €", "cp874"),
)


def _subset_mail(label: str, data: bytes, how: str) -> tuple[bytes, Callable[[bytes], str]]:
    if how == "B word":
        return _mail(subject=_word(label, data), charset=label), _subject
    if how == "Q word":
        return _mail(subject=_word(label, data, q=True), charset=label), _subject
    if how == "raw subject":
        return _mail(subject=data, charset=label), _subject
    if how == "name word":
        return _mail(name=_word(label, data), charset=label), _name
    if how == "RFC 2231":
        encoded = label.encode() + b"''" + _percent(data)
        return _mail(charset=label, attachment=(b"name*=" + encoded, b"filename*=" + encoded)), (
            _filenames
        )
    return _mail(body=data, charset=label), _body


_SUBSET_WAYS = ("B word", "Q word", "raw subject", "name word", "RFC 2231", "text")
SUBSET_CASES = [
    (label, text, codec, how)
    for label, text, codec in SUBSETS
    for how in _SUBSET_WAYS
    # ISO-2022-JP is 7-bit: written raw nowhere but where it is its own.
    if not (codec == "iso2022_jp" and how == "raw subject")
]


@pytest.mark.parametrize(
    ("label", "text", "codec", "how"),
    SUBSET_CASES,
    ids=[f"{label}-{text}-{how}" for label, text, _c, how in SUBSET_CASES],
)
def test_a_subset_label_reads_its_superset(label: str, text: str, codec: str, how: str) -> None:
    mail, read = _subset_mail(label, _bytes(text, codec), how)
    assert read(mail) == text


# One Korean word, no space, under a Chinese label: the message's Korean text in the
# same label, or its other parts' Korean label, tells what it is.
KOREAN_WORDS = ("환불", "견적서", "배송문의", "비밀번호", "세금계산서", "반품")
KOREAN_TEXT = "안녕하세요. 주문한 상품이 아직 도착하지 않았습니다. 확인 부탁드립니다."


@pytest.mark.parametrize("label", ["gb2312", "gbk", "big5"])
@pytest.mark.parametrize("word", KOREAN_WORDS)
@pytest.mark.parametrize("evidence", ["text in the label", "text labelled euc-kr"])
def test_one_korean_word_under_a_chinese_label(word: str, label: str, evidence: str) -> None:
    data = word.encode("cp949")
    body = KOREAN_TEXT.encode("cp949")
    charset = label if evidence == "text in the label" else "euc-kr"
    assert _subject(_mail(subject=_word(label, data), body=body, charset=charset)) == word
    assert _subject(_mail(subject=data, body=body, charset=charset)) == word


# Two Chinese characters in GBK whose four bytes are valid UTF-8 by chance ("通知" is
# UTF-8 "֪ͨ", "谢谢" is "лл"), raw in a message whose text is declared GBK; and, the
# other way, a raw UTF-8 header beside a GBK text (RFC 6532 allows it), which stays.
CHANCE_UTF8 = ("通知", "谢谢", "袁泉", "魏巍", "卢伟", "韦唯")
REAL_UTF8 = ("Иван Петров", "通知", "谢谢您", "Ελένη", "Jürgen Müller", "Ольга")


@pytest.mark.parametrize("field", ["subject", "name", "file name"])
@pytest.mark.parametrize("text", CHANCE_UTF8)
def test_gbk_bytes_valid_as_utf8_read_as_gbk(text: str, field: str) -> None:
    data = text.encode("gbk")
    assert data.decode("utf-8")  # the trap: they are valid UTF-8
    body = "您好，请查收附件。".encode("gbk")
    if field == "subject":
        assert _subject(_mail(subject=data, body=body, charset="gbk")) == text
    elif field == "name":
        assert _name(_mail(name=data, body=body, charset="gbk")) == text
    else:
        attachment = (b'name="' + data + b'.pdf"', b'filename="' + data + b'.pdf"')
        mail = _mail(body=body, charset="gbk", attachment=attachment)
        assert _filenames(mail) == text + ".pdf"


@pytest.mark.parametrize("text", REAL_UTF8)
def test_raw_utf8_beside_a_gbk_text_stays_utf8(text: str) -> None:
    body = "您好，请查收附件。".encode("gbk")
    assert _subject(_mail(subject=text.encode(), body=body, charset="gbk")) == text
    assert _name(_mail(name=text.encode(), body=body, charset="gbk")) == text


# A label that names no charset, or the wrong one, on one field, while another part of
# the message declares the charset: an HTML twin, the sender's encoded word, the text.
def _evidence_case(way: str, text: str, label: str) -> tuple[str, str]:
    data = _bytes(text, _codec(label))
    if way == "unknown-8bit word, ASCII text declared":
        return _subject(_mail(subject=_word("unknown-8bit", data), charset=label)), text
    if way == "x-unknown word, text declared":
        return _subject(_mail(subject=_word("x-unknown", data), body=data, charset=label)), text
    if way == "us-ascii word, text declared":
        return _subject(_mail(subject=_word("us-ascii", data), body=data, charset=label)), text
    if way == "raw subject, us-ascii text, HTML twin declares":
        mail = _mail(subject=data, charset="us-ascii", html=(b"Hello", label))
        return _subject(mail), text
    if way == "raw name, undeclared text, HTML twin declares":
        return _name(_mail(name=data, html=(b"Hello", label))), text
    if way == "raw Content-Type name only":
        mail = _mail(charset=label, attachment=(b'name="' + data + b'.pdf"', b"size=10"))
        return _filenames(mail), text + ".pdf"
    # An undeclared text, the sender's encoded word declaring its charset.
    return _body(_mail(name=_word(label, data), body=data)), text


EVIDENCE_WAYS = (
    "unknown-8bit word, ASCII text declared",
    "x-unknown word, text declared",
    "us-ascii word, text declared",
    "raw subject, us-ascii text, HTML twin declares",
    "raw name, undeclared text, HTML twin declares",
    "raw Content-Type name only",
    "undeclared text, the sender's word tells",
)
# ISO-2022-JP is 7-bit: nothing raw is written in it but its own escapes.
_RAW_WAYS = {
    "raw subject, us-ascii text, HTML twin declares",
    "raw name, undeclared text, HTML twin declares",
    "raw Content-Type name only",
}
EVIDENCE_CASES = [
    (sample.text, label, way)
    for sample in SHORT + WESTERN + EAST_ASIAN
    for label in sample.labels
    for way in EVIDENCE_WAYS
    if not (label == "iso-2022-jp" and way in _RAW_WAYS)
]


@pytest.mark.parametrize(
    ("text", "label", "way"),
    EVIDENCE_CASES,
    ids=[f"{t}-{label}-{way}" for t, label, way in EVIDENCE_CASES],
)
def test_another_part_declares_the_charset(text: str, label: str, way: str) -> None:
    got, expected = _evidence_case(way, text, label)
    assert got == expected
