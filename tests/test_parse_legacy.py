"""Header blocks as old and regional programs write them: raw 8-bit fields in the
program's own charset, lines before the header block, and attachment names in every
form mail programs give them."""

from __future__ import annotations

import base64
import unicodedata
from email.parser import BytesParser

import pytest

from mailgate.parse import parse_message
from mailgate.parse.header_charset import header_charset
from mailgate.parse.preamble import header_start
from mailgate.parse.reader import RAW_POLICY


def _raw_mail(subject: str, name: str, codec: str, *, declare: bool, body: str) -> bytes:
    charset = f"; charset={codec}" if declare else ""
    return (
        b"From: " + name.encode(codec) + b" <client@shop.example>\r\n"
        b"To: support@helpdesk.example\r\n"
        b"Subject: " + subject.encode(codec) + b"\r\n"
        b"MIME-Version: 1.0\r\n"
        b"Content-Type: text/plain" + charset.encode() + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body.encode(codec) + b"\r\n"
    )


LEGACY = [
    ("gb2312", "发票金额不对", "王小明", "您好，我上个月的发票金额不对，请帮忙核实。"),
    ("gbk", "账户被锁定了怎么办", "李华", "我的账户昨天被锁定了，无法登录。"),
    ("big5", "帳單問題請協助", "陳大文", "您好，這個月的帳單金額有誤，請協助處理。"),
    (
        "shift_jis",
        "請求書の再発行について",
        "山田太郎",
        "先月分の請求書を再発行していただけますか。",
    ),
    (
        "euc-jp",
        "ログインできません",
        "佐藤花子",
        "昨日からログインできません。確認をお願いします。",
    ),
    ("euc-kr", "결제 오류 문의드립니다", "김철수", "어제 결제하려고 했는데 오류가 발생했습니다."),
    (
        "koi8-r",
        "Ошибка при оплате заказа",
        "Иван Петров",
        "Здравствуйте, не проходит оплата заказа.",
    ),
    ("windows-1251", "Не приходит счет", "Ольга", "Добрый день, счет за ноябрь так и не пришел."),
    (
        "windows-1250",
        "Reklamace zásilky č. 1842",
        "Jiří Novák",
        "Dobrý den, zásilka dorazila poškozená.",
    ),
    (
        "windows-1252",
        "Facture impayée – relance",
        "Hélène",
        "Bonjour, je n’ai pas reçu la facture.",
    ),
]


UNDECLARED = LEGACY


def _cases() -> list[tuple[str, str, str, str, bool]]:
    return [(*c, True) for c in LEGACY] + [(*c, False) for c in UNDECLARED]


@pytest.mark.parametrize(
    ("codec", "subject", "name", "body", "declare"),
    _cases(),
    ids=[f"{c[0]}-{'declared' if c[4] else 'undeclared'}" for c in _cases()],
)
def test_raw_8bit_headers_read_as_their_authors_wrote_them(
    codec: str, subject: str, name: str, body: str, declare: bool
) -> None:
    mail = parse_message(_raw_mail(subject, name, codec, declare=declare, body=body))
    assert mail.subject == subject
    assert mail.from_ is not None
    assert mail.from_.name == name
    assert mail.text == body
    assert any("raw 8-bit bytes, not UTF-8" in d for d in mail.defects)


def test_a_short_undeclared_russian_subject_is_not_taken_for_japanese() -> None:
    raw = b"From: a@b.example\r\nSubject: " + "Счет".encode("cp1251") + b"\r\n\r\nx\r\n"
    assert parse_message(raw).subject == "Счет"


def test_utf8_in_headers_stays_utf8_whatever_the_body_declares() -> None:
    raw = _raw_mail("Привет", "Оля", "utf-8", declare=False, body="ok")
    raw = raw.replace(b"text/plain", b"text/plain; charset=koi8-r")
    assert parse_message(raw).subject == "Привет"


def test_encoded_words_declared_as_a_subset_decode_as_what_was_used() -> None:
    name = base64.b64encode("朱镕基".encode("gb18030")).decode()  # 镕 is not in GB2312
    sjis = base64.b64encode("①㈱の件".encode("cp932")).decode()  # NEC/IBM extensions
    raw = (
        f"From: =?gb2312?B?{name}?= <a@b.example>\r\n"
        f"Subject: =?shift_jis?B?{sjis}?= =?iso-8859-1?Q?=80_10_=93ok=94?=\r\n\r\nx\r\n"
    ).encode()
    mail = parse_message(raw)
    assert mail.from_ is not None
    assert mail.from_.name == "朱镕基"
    assert mail.subject == "①㈱の件€ 10 “ok”"


def test_iso_2022_jp_written_raw_in_a_header_is_read() -> None:
    subject = "お問い合わせ".encode("iso2022_jp")
    raw = b"From: a@b.example\r\nSubject: " + subject + b"\r\n\r\nx\r\n"
    assert parse_message(raw).subject == "お問い合わせ"


def test_the_header_charset_is_detected_over_every_field_together() -> None:
    raw = (
        b"From: " + "张伟".encode("gbk") + b" <a@b.example>\r\n"
        b"To: " + "客服中心".encode("gbk") + b" <support@helpdesk.example>\r\n"
        b"Subject: " + "退款".encode("gbk") + b"\r\n\r\nx\r\n"
    )
    msg = BytesParser(policy=RAW_POLICY).parsebytes(raw)
    assert header_charset(msg) == "gb18030"


@pytest.mark.parametrize(
    "preamble",
    [
        b"From client@shop.example Thu Mar 20 08:48:12 2014\n",
        b">From client@shop.example Thu Mar 20 08:48:12 2014\n",
        b"\xef\xbb\xbf",
        b"\n\n",
        b"\r\n",
        b"-------- Forwarded Message --------\n",
        b"---- Original message ----\n",
        b"Begin forwarded message:\n\n",
        b"\tby mx.helpdesk.example (Postfix) with ESMTP id 4F2A1\n",
    ],
)
def test_the_header_block_is_found_after_lines_that_are_not_headers(preamble: bytes) -> None:
    raw = preamble + (
        b"Return-Path: <client@shop.example>\n"
        b"From: Client <client@shop.example>\n"
        b"Subject: Refund for order 1842\n"
        b"Date: Thu, 20 Mar 2014 08:48:12 +0100\n\n"
        b"Please refund order 1842.\n"
    )
    mail = parse_message(raw)
    assert mail.from_ is not None
    assert mail.from_.address == "client@shop.example"
    assert mail.subject == "Refund for order 1842"
    assert mail.text == "Please refund order 1842."


def test_text_without_any_header_block_is_left_as_it_is() -> None:
    raw = b"Hello,\nplease call me.\n\nFrom: me\nThanks\n"
    assert header_start(raw) == (0, 0)
    assert parse_message(raw).from_ is None


def _percent(data: bytes) -> bytes:
    return "".join(f"%{b:02X}" for b in data).encode()


def _with_part(headers: bytes, payload: bytes = b"JVBERi0xLjQK") -> bytes:
    return (
        b"From: a@b.example\r\nSubject: files\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: text/plain; charset=gb2312\r\n\r\nsee attached\r\n"
        b"--B\r\n" + headers + b"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + payload + b"\r\n"
        b"--B--\r\n"
    )


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        (
            b'Content-Type: application/pdf; name="=?UTF-8?Q?Rechnung_M=C3=A4rz.pdf?="',
            "Rechnung März.pdf",
        ),
        (
            b"Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n"
            b" filename*=UTF-8''%E8%AB%8B%E6%B1%82%E6%9B%B8.pdf",
            "請求書.pdf",
        ),
        (
            b"Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n"
            b" filename*0*=UTF-8''Angebot%20f%C3%BCr%20die%20Erweiterung%20;\r\n"
            b" filename*1*=des%20Lagers%202026.pdf",
            "Angebot für die Erweiterung des Lagers 2026.pdf",
        ),
        (
            b"Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n"
            b' filename*0="quarterly-report-for-the-";\r\n filename*1="board.pdf"',
            "quarterly-report-for-the-board.pdf",
        ),
        (
            b"Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n"
            b" filename*=gb2312''" + _percent("朱镕基.pdf".encode("gb18030")),
            "朱镕基.pdf",
        ),
        (
            b'Content-Type: application/pdf\r\nContent-Disposition: attachment; filename="'
            + "发票扫描件.pdf".encode("gb2312")
            + b'"',
            "发票扫描件.pdf",
        ),
        (b"Content-Type: image/png\r\nContent-ID: <img1@b.example>", "image-1.png"),
        (b"Content-Type: image/jpeg\r\nContent-Disposition: inline", "image-1.jpg"),
        (b"Content-Type: text/calendar; method=REQUEST", "invitation-1.ics"),
        (b"Content-Type: application/octet-stream", "attachment-1.bin"),
        (b"Content-Type: application/pdf", "document-1.pdf"),
    ],
)
def test_attachment_names_in_every_form_programs_write_them(headers: bytes, expected: str) -> None:
    [attachment] = parse_message(_with_part(headers)).attachments
    assert attachment.filename == expected


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "document-1.docx",
        ),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "spreadsheet-1.xlsx"),
        (
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "presentation-1.pptx",
        ),
        ("application/vnd.ms-excel.sheet.macroEnabled.12", "spreadsheet-1.xlsm"),
        ("application/msword", "document-1.doc"),
        ("application/vnd.ms-excel", "spreadsheet-1.xls"),
        ("application/vnd.oasis.opendocument.text", "document-1.odt"),
        ("application/vnd.oasis.opendocument.spreadsheet", "spreadsheet-1.ods"),
        ("text/csv", "spreadsheet-1.csv"),
        ("application/x-zip-compressed", "archive-1.zip"),
        ("application/zip", "archive-1.zip"),
        ("application/x-7z-compressed", "archive-1.7z"),
        ("application/gzip", "archive-1.gz"),
        ("application/xml", "attachment-1.xml"),
        ("text/rtf", "document-1.rtf"),
        ("application/vnd.ms-outlook", "message-1.msg"),
        ("application/pgp-signature", "signature-1.asc"),
        ("image/jpg", "image-1.jpg"),
        ("image/pjpeg", "image-1.jpg"),
        ("Image/PNG", "image-1.png"),
        # Types no table knows keep the general name.
        ("application/x-unknown-thing", "attachment-1.bin"),
        ("application/octet-stream", "attachment-1.bin"),
    ],
)
def test_a_nameless_part_is_named_by_its_type(content_type: str, expected: str) -> None:
    headers = f"Content-Type: {content_type}\r\nContent-Disposition: attachment".encode()
    [attachment] = parse_message(_with_part(headers)).attachments
    assert attachment.filename == expected


def test_a_name_in_decomposed_unicode_is_kept_as_sent() -> None:
    nfd = unicodedata.normalize("NFD", "Résumé 가나.pdf")
    headers = (
        b"Content-Type: application/pdf\r\nContent-Disposition: attachment;\r\n"
        b" filename*=utf-8''" + _percent(nfd.encode())
    )
    [attachment] = parse_message(_with_part(headers)).attachments
    assert attachment.filename == nfd


def test_utf8_labelled_as_a_single_byte_charset_is_read_as_utf8() -> None:
    raw = (
        b"From: =?iso-8859-1?Q?Ren=C3=A9e?= <renee@shop.example>\r\n"
        b"Subject: =?iso-8859-1?Q?Caf=C3=A9_order?=\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n"
        + "Crème brûlée, s'il vous plaît.".encode()
        + b"\r\n"
    )
    mail = parse_message(raw)
    assert mail.subject == "Café order"
    assert mail.from_ is not None
    assert mail.from_.name == "Renée"
    assert mail.text == "Crème brûlée, s'il vous plaît."
    assert any("but the bytes are UTF-8" in d for d in mail.defects)


def test_latin1_that_is_not_utf8_stays_latin1() -> None:
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\nCaf\xe9\r\n"
    assert parse_message(raw).text == "Café"


def test_an_unlabelled_iso_2022_jp_body_is_read() -> None:
    body = "お世話になっております。".encode("iso2022_jp")
    raw = b"From: a@b.example\r\nSubject: test\r\n\r\n" + body + b"\r\n"
    assert parse_message(raw).text == "お世話になっております。"


def test_an_iso_8859_label_on_windows_bytes_is_read_as_the_windows_code_page() -> None:
    body = "Proszę o zwrot środków, płatność kartą.".encode("cp1250")  # ś is 0x9C
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=iso-8859-2\r\n\r\n" + body
    assert parse_message(raw).text == "Proszę o zwrot środków, płatność kartą."


def test_a_western_label_on_text_of_another_script_is_read_in_that_script() -> None:
    # The Bat! and Eudora of the windows-1251 era label Russian as ISO-8859-1; read so,
    # every letter is accented ("Íå ðàáîòàåò"), as no Western text is.
    subject = "Не работает выгрузка в 1С"
    body = "Добрый день! После обновления выгрузка останавливается."
    raw = (
        b"From: a@b.example\r\nSubject: "
        + subject.encode("cp1251")
        + b"\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        + body.encode("cp1251")
        + b"\r\n"
    )
    mail = parse_message(raw)
    assert (mail.subject, mail.text) == (subject, body)
    assert any("reads as cp1251" in d for d in mail.defects)
    # Western text with accents here and there keeps its label.
    for text in ("L'été a été très chaud à Noël.", "Où est la facture? Merci, Zoë"):
        western = b"Subject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        assert parse_message(western + text.encode("cp1252")).text == text


def test_an_iso_8859_7_label_on_windows_1253_greek_is_read_as_windows_1253() -> None:
    text = "Άμεση ακύρωση παραγγελίας, Άννα"  # Ά is 0xA2 in windows-1253, ’ in ISO 8859-7
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=iso-8859-7\r\n\r\n"
    assert parse_message(raw + text.encode("cp1253")).text == text
    plain = "Καλημέρα σας, ευχαριστώ."
    assert parse_message(raw + plain.encode("iso8859_7")).text == plain


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Žádost o fakturu, Jiří Novák", "iso-8859-2"),
        ("Kérem, ellenőrizzék az előleg összegét.", "iso-8859-2"),
        ("Je souhaite résilier à la fin du mois.", "cp1252"),
        ("Fatura ödemesi için teşekkürler, iyi çalışmalar.", "cp1254"),
    ],
)
def test_latin_text_without_a_charset_is_read_by_its_letters(text: str, codec: str) -> None:
    raw = b"Subject: x\r\n\r\n" + text.encode(codec) + b"\r\n"
    assert parse_message(raw).text == text


def test_a_pasted_summary_above_the_header_block_is_passed_over() -> None:
    raw = (
        b"Original Message\nMessage ID\t<a1@mail.shop.example>\n"
        b"From:\tClient <client@shop.example>\nTo:\tsupport@helpdesk.example\n"
        b"Subject:\tRefund for order 1842\nSPF:\tPASS with IP 192.0.2.7\n\n"
        b"Download Original\tCopy to clipboard\n\n"
        b"Delivered-To: support@helpdesk.example\nReceived: from mx.shop.example\n"
        b"From: Client <client@shop.example>\nSubject: Refund for order 1842\n"
        b"Message-ID: <a1@mail.shop.example>\n\nPlease refund order 1842.\n"
    )
    mail = parse_message(raw)
    assert mail.message_id == "a1@mail.shop.example"
    assert mail.text == "Please refund order 1842."


@pytest.mark.parametrize(
    ("text", "written", "label"),
    [
        ("Zamówienie nr 8812 nie dotarło, Łukasz Żółtowski", "iso8859_2", "iso-8859-1"),
        ("Надішліть, будь ласка, акт виконаних робіт і рахунок.", "koi8_u", "koi8-r"),
        ("Παρακαλώ ακυρώστε την κράτησή μας για τις 14 Ιουλίου.", "cp1253", "windows-1251"),
        ("ご注文の件でお問い合わせいたします。在庫はございますか。", "euc_jp", "shift_jis"),
        ("請提供報價單，型號 SR-120，數量五十台，謝謝。", "big5", "gb2312"),
    ],
)
def test_a_label_that_reads_the_text_as_no_one_writes_is_corrected(
    text: str, written: str, label: str
) -> None:
    raw = f"Subject: x\r\nContent-Type: text/plain; charset={label}\r\n\r\n".encode()
    mail = parse_message(raw + text.encode(written) + b"\r\n")
    assert mail.text == text
    assert any("reads as" in d for d in mail.defects)


def test_a_subject_is_read_in_the_charset_its_bodys_text_shows() -> None:
    # Three Big5 characters in a subject also decode as GB 18030; the body labelled the
    # same way shows which was written.
    raw = (
        b"Subject: " + "報價單".encode("big5") + b"\r\nContent-Type: text/plain; charset=gb2312"
        b"\r\n\r\n" + "請提供報價單，型號 SR-120，數量五十台，謝謝。".encode("big5") + b"\r\n"
    )
    assert parse_message(raw).subject == "報價單"


def test_latin_1_on_hungarian_text_is_read_in_iso_8859_2() -> None:
    # "ő" is ISO 8859-2's 0xF5, Latin-1's "õ": "Szõke … Üzenet" mixes letters of no
    # one language; the ISO 8859-2 reading is Hungarian's.
    text = "Név: Szőke Géza\nÜzenet: a számlán 8 napos határidő szerepel, kérem javítsák."
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n"
    assert parse_message(raw + text.encode("iso8859_2")).text == text
    portuguese = "Não recebemos a fatura de março; poderiam reenviá-la?"
    assert parse_message(raw + portuguese.encode("cp1252")).text == portuguese


def test_a_raw_subject_is_read_in_the_charset_of_the_writers_utf8_text() -> None:
    # A gateway re-encoded the body as UTF-8 and left the subject as Outlook Express
    # wrote it, in windows-1254: the Turkish letters of the text tell which.
    raw = (
        b"Subject: " + "Ödeme hatası".encode("cp1254") + b"\r\n"
        b"Content-Type: text/plain; charset=utf-8\r\n\r\n"
        + "Ödeme sayfasında kart bilgilerini girdikten sonra hata alıyoruz, "
        "bankamız kartta sorun olmadığını söylüyor.".encode()
        + b"\r\n"
    )
    assert parse_message(raw).subject == "Ödeme hatası"


# Windows' additions to JIS X 0208 as EUC-JP (eucJP-ms, CP51932) writes them: NEC row 13
# (① AD A1, № AD E2, ㈱ AD EA) and NEC-selected IBM rows 89–92 (﨑 F9 F5, 髙 FC E2).
_NEC_ROW_13_EUC = b"\xad\xa1\xad\xe2\xad\xea"
_IBM_EUC = b"\xf9\xf5\xfc\xe2"


def test_euc_jp_with_windows_extensions_is_read_as_windows_writes_them() -> None:
    line = "予約の変更".encode("euc_jp")
    body = _NEC_ROW_13_EUC + b" " + line + b"\r\n" + _IBM_EUC + "様".encode("euc_jp")
    raw = (
        b"From: " + "大森".encode("euc_jp") + b" <a@b.example>\r\n"
        b"Subject: " + _NEC_ROW_13_EUC + line + b"\r\n"
        b"Content-Type: text/plain; charset=EUC-JP\r\n\r\n" + body + b"\r\n"
    )
    mail = parse_message(raw)
    assert mail.text == "①№㈱ 予約の変更\n﨑髙様"
    assert mail.subject == "①№㈱予約の変更"
    assert not any("does not decode" in d for d in mail.defects)


def test_euc_jp_without_extensions_reads_as_before() -> None:
    text = "昨日からログインできません。ｶﾀｶﾅ"
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=euc-jp\r\n\r\n"
    mail = parse_message(raw + text.encode("euc_jp"))
    assert mail.text == text
    assert mail.defects == ()


def test_unlabelled_euc_jp_with_row_13_is_detected() -> None:
    body = "以下の内容でお問い合わせがありました。".encode("euc_jp")
    raw = b"Subject: x\r\n\r\n" + _NEC_ROW_13_EUC[:2] + b" " + body + b"\r\n"
    assert parse_message(raw).text == "① 以下の内容でお問い合わせがありました。"


def test_iso_2022_jp_with_windows_extensions_is_read() -> None:
    # Outlook writes ① and 髙 after ESC $ B as the JIS codes of CP932: 2D 21, 7C 62.
    text = "お願い".encode("iso2022_jp")  # ESC $ B … ESC ( B
    jis = b"\x1b$B\x2d\x21" + text[3:-3] + b"\x7c\x62\x1b(B"
    word = base64.b64encode(jis).decode()
    raw = (
        (
            f"Subject: =?ISO-2022-JP?B?{word}?=\r\n"
            "Content-Type: text/plain; charset=ISO-2022-JP\r\n\r\n"
        ).encode()
        + jis
        + b" ok\r\n"
    )
    mail = parse_message(raw)
    assert mail.subject == "①お願い髙"
    assert mail.text == "①お願い髙 ok"


def test_shift_jis_with_windows_extensions_is_read_as_cp932() -> None:
    text = "①㈱髙﨑の件"
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=shift_jis\r\n\r\n"
    mail = parse_message(raw + text.encode("cp932"))
    assert (mail.text, mail.defects) == (text, ())


def _html_mail(label: str, meta: str, body: str, codec: str, words: str = "") -> bytes:
    head = (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={meta}">'
        "</head><body><p>"
    )
    return (
        f"From: {words or 'a'} <a@b.example>\r\nSubject: {words or 'x'}\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: text/html; charset="{label}"\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'
    ).encode() + (head + body + "</p></body></html>\r\n").encode(codec)


def test_an_html_page_labelled_latin_1_is_read_in_the_charset_its_meta_tag_names() -> None:
    # PHPMailer's default label, iso-8859-1, on a page the form wrote in windows-1255; the
    # subject in iso-8859-1 words over the same bytes is Hebrew too.
    subject = "פנייה מהאתר: חשבונית"
    word = base64.b64encode(subject.encode("cp1255")).decode()
    body = "שלום, קיבלנו חשבונית על חידוש רישיון התוכנה לשנה הבאה."
    mail = parse_message(
        _html_mail("iso-8859-1", "windows-1255", body, "cp1255", f"=?iso-8859-1?B?{word}?=")
    )
    assert mail.text == body
    assert mail.subject == subject
    assert mail.from_ is not None
    assert mail.from_.name == subject
    assert any("meta tag names windows-1255" in d for d in mail.defects)


def test_a_western_page_keeps_its_western_label_whatever_its_meta_tag_says() -> None:
    body = "Bonjour, la facture de décembre est arrivée, merci à vous."
    mail = parse_message(_html_mail("iso-8859-1", "windows-1255", body, "cp1252"))
    assert mail.text == body
    assert not any("meta tag" in d for d in mail.defects)


def test_encoded_words_are_read_in_what_the_text_of_their_label_shows() -> None:
    # A form script labels everything iso-8859-1 and writes ISO 8859-2: "Szõke" and
    # "határidõ" alone fit Portuguese as well as Hungarian; the text decides.
    raw = (
        b"From: =?iso-8859-1?Q?Sz=F5ke_G=E9za?= <a@b.example>\r\n"
        b"Subject: =?iso-8859-1?Q?Sz=E1mla_hat=E1rid=F5?=\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        + "Név: Szőke Géza\nÜzenet: a számlán 8 napos határidő szerepel, kérem javítsák.".encode(
            "iso8859_2"
        )
    )
    mail = parse_message(raw)
    assert mail.subject == "Számla határidő"
    assert mail.from_ is not None
    assert mail.from_.name == "Szőke Géza"


def test_encoded_words_keep_their_label_under_text_that_keeps_it() -> None:
    raw = (
        b"Subject: =?iso-8859-1?Q?Pedido_n=E3o_recebido_-_S=E3o_Paulo?=\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\n"
        + "Olá, o pedido ainda não chegou. Poderiam verificar?".encode("cp1252")
    )
    assert parse_message(raw).subject == "Pedido não recebido - São Paulo"


def test_raw_header_bytes_in_the_iso_twin_of_the_texts_windows_charset() -> None:
    # The form page posts ISO 8859-2 (š = B9, windows-1250's "ą"); the template of the
    # text is saved in windows-1250 (š = 9A).
    raw = (
        b"Subject: Dostava \xb9opka\r\nFrom: Tja\xb9a Kova\xe8i\xe8 <a@b.example>\r\n"
        b"Content-Type: text/plain; charset=windows-1250\r\n\r\n"
        + "Šopek je bil naročen za petek, dostavljen pa šele v ponedeljek.".encode("cp1250")
    )
    mail = parse_message(raw)
    assert mail.subject == "Dostava šopka"
    assert mail.from_ is not None
    assert mail.from_.name == "Tjaša Kovačič"


def test_raw_header_bytes_in_the_texts_own_charset_stay_in_it() -> None:
    # Polish "ą" is B9 in windows-1250, where ISO 8859-2 has "š": a text without "š"
    # gives no reason to read the subject in ISO 8859-2.
    raw = (
        b"Subject: " + "Wciąż czekam na zwrot".encode("cp1250") + b"\r\n"
        b"Content-Type: text/plain; charset=windows-1250\r\n\r\n"
        + "Dzień dobry, ładowarka nie działa, proszę o zwrot pieniędzy.".encode("cp1250")
    )
    assert parse_message(raw).subject == "Wciąż czekam na zwrot"


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Vietnamese as windows-1258 writes it: the letter (with its circumflex, breve or
    horn), then the tone as a combining mark."""
    out = []
    for ch in text:
        marks = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in marks if m in _TONES)
        letter = unicodedata.normalize("NFC", "".join(m for m in marks if m not in _TONES))
        out.append(letter + tones)
    return "".join(out).encode("cp1258")


def test_latin_1_on_vietnamese_text_is_read_in_windows_1258() -> None:
    text = "Tôi muốn đặt 5 bộ khăn tắm loại lớn, giao đến chi nhánh quận 3."
    raw = b"Subject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\n\r\n"
    mail = parse_message(raw + _cp1258(text))
    # The combining marks are kept as written.
    assert mail.text == _cp1258(text).decode("cp1258")
    assert unicodedata.normalize("NFC", mail.text) == text
    assert any("reads as cp1258" in d for d in mail.defects)
