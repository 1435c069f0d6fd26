"""Legacy charsets declared wrong, or not at all, as old and regional mail programs
send them: a Latin-1 text under an ISO 8859-2 label and the reverse, windows-1252 under
ISO-8859-1, a French text with a Swedish footer whose Latin-1 label is right, 8-bit
bodies with no charset in the charsets of Russian, Japanese, Chinese and Korean
programs, encoded words labelled with the subset of the charset written (GB2312 over
GBK, ks_c_5601-1987 over CP949, ISO-2022-JP over Windows' extensions, Big5 over
Microsoft's code page 950), raw 8-bit subjects, and RFC 2231 file names in the legacy
charsets.  What is read must be the author's text."""

from __future__ import annotations

import base64
import quopri

import pytest

from mailgate.parse import parse_message


def _mail(
    body: bytes,
    *,
    content_type: str = "text/plain",
    cte: str = "8bit",
    subject: bytes = b"Re: [#4521] export",
    sender: bytes = b"Client <client@shop.example>",
    extra: bytes = b"",
) -> bytes:
    if cte == "quoted-printable":
        body = quopri.encodestring(body)
    elif cte == "base64":
        body = base64.encodebytes(body)
    return (
        b"From: " + sender + b"\r\n"
        b"To: Helpdesk <support@helpdesk.example>\r\n"
        b"Subject: " + subject + b"\r\n"
        b"Date: Mon, 02 Jun 2025 11:30:00 +0200\r\n"
        b"Message-ID: <legacy2@shop.example>\r\n" + extra + b"MIME-Version: 1.0\r\n"
        b"Content-Type: " + content_type.encode() + b"\r\n"
        b"Content-Transfer-Encoding: " + cte.encode() + b"\r\n\r\n" + body.replace(b"\n", b"\r\n")
    )


def _words(text: str) -> list[str]:
    return text.split()


# Texts written in one charset and labelled with another that decodes them too, as
# programs set to a default charset label what their writer typed: (the text, the
# charset it is written in, the label).
MISLABELLED = {
    "fr-latin1-as-latin2": (
        "Bonjour,\n\nla mise à jour de vendredi a cassé l'export : le fichier généré "
        "est vide et la tâche échoue à chaque fois. Pourriez-vous vérifier très "
        "rapidement ? Nous en avons besoin pour la clôture du mois.\n\nMerci d'avance,\n"
        "Hélène Lefèvre",
        "latin-1",
        "iso-8859-2",
    ),
    "es-latin1-as-latin2": (
        "Hola,\n\n¿Podrían revisar la exportación? Desde la actualización del viernes "
        "el archivo sale vacío y la tarea falla. Necesitamos los datos para el cierre "
        "del año en España.\n\nGracias,\nMaría Muñoz",
        "latin-1",
        "iso-8859-2",
    ),
    "pt-latin1-as-latin2": (
        "Olá,\n\na exportação falha desde a atualização de sexta-feira: o ficheiro "
        "gerado está vazio e a operação não termina. Vocês conseguem verificar?\n\n"
        "Obrigado,\nJoão Gonçalves",
        "latin-1",
        "iso-8859-2",
    ),
    "cs-latin2-as-latin1": (
        "Dobrý den,\n\nexport do CSV po páteční aktualizaci stále končí chybou a "
        "soubor je prázdný. Prosím o rychlou kontrolu, potřebujeme data k uzávěrce "
        "měsíce.\n\nDěkuji,\nJiří Dvořák",
        "iso-8859-2",
        "iso-8859-1",
    ),
    "pl-latin2-as-latin1": (
        "Dzień dobry,\n\neksport do CSV po piątkowej aktualizacji wciąż kończy się "
        "błędem, a plik jest pusty. Proszę o szybkie sprawdzenie, potrzebujemy danych "
        "do zamknięcia miesiąca.\n\nPozdrawiam,\nŁukasz Żółtowski",
        "iso-8859-2",
        "iso-8859-1",
    ),
    "hu-latin2-as-latin1": (
        "Jó napot,\n\na pénteki frissítés óta az exportálás hibával leáll, és a fájl "
        "üres. Kérem, nézzék meg mielőbb, a hónap zárásához szükségünk van az "
        "adatokra.\n\nKöszönöm,\nSzőke Ödön",
        "iso-8859-2",
        "iso-8859-1",
    ),
    "sk-cp1250-as-latin1": (
        "Dobrý deň,\n\nexport do CSV po piatkovej aktualizácii stále končí chybou a "
        "súbor je prázdny. Prosím o rýchlu kontrolu, potrebujeme údaje k uzávierke.\n\n"
        "Ďakujem,\nĽubomír Šťastný",
        "cp1250",
        "iso-8859-1",
    ),
    "en-cp1252-quotes-as-latin1": (
        "Hi,\n\nthe export “works” again – but the totals are off by €12.50 on every "
        "invoice… We didn’t change anything on our side.\n\nThanks,\nJane",
        "cp1252",
        "iso-8859-1",
    ),
    "de-cp1252-quotes-as-latin1": (
        "Hallo,\n\nder Export „funktioniert“ wieder – aber die Summen weichen um 12,50 € "
        "ab… Wir haben nichts geändert.\n\nGrüße\nJürgen Weiß",
        "cp1252",
        "iso-8859-1",
    ),
    "fr-cp1252-as-latin1": (
        "Bonjour,\n\nl’export « fonctionne » de nouveau – mais il manque l’œuvre "
        "n° 12 et les totaux sont faux de 12,50 €.\n\nCordialement,\nFrançoise",
        "cp1252",
        "iso-8859-1",
    ),
    "fr-sv-footer-latin1": (
        "Bonjour,\n\nla mise à jour de vendredi a cassé l'export, le fichier généré est "
        "vide. Pouvez-vous regarder ? Merci.\n\nMed vänliga hälsningar\nAnna Åkesson\n"
        "Exempel Logistik AB",
        "latin-1",
        "iso-8859-1",
    ),
    "fr-sv-footer-latin1-short": (
        "Bonjour,\n\nl'export est vide depuis la mise à jour. Pouvez-vous vérifier ?\n\n"
        "Med vänliga hälsningar\nExempel Logistik AB",
        "latin-1",
        "iso-8859-1",
    ),
    "de-da-footer-latin1": (
        "Hallo,\n\nder Export ist seit dem Update leer. Können Sie das prüfen?\n\n"
        "Med venlig hilsen\nSøren Mørk\nEksempel Transport A/S",
        "latin-1",
        "iso-8859-1",
    ),
    "es-de-footer-latin1": (
        "Hola,\n\n¿pueden revisar la exportación? Sale vacía desde la actualización.\n\n"
        "Mit freundlichen Grüßen\nJürgen Weiß",
        "latin-1",
        "iso-8859-1",
    ),
    "ru-cp1251-as-latin1": (
        "Добрый день!\n\nПосле обновления экспорт в CSV не работает, файл пустой. "
        "Проверьте, пожалуйста.\n\nС уважением,\nОльга Смирнова",
        "cp1251",
        "iso-8859-1",
    ),
    "ru-koi8r-as-cp1251": (
        "Добрый день!\n\nПосле обновления экспорт в CSV не работает, файл пустой. "
        "Проверьте, пожалуйста.\n\nС уважением,\nОльга Смирнова",
        "koi8-r",
        "windows-1251",
    ),
    "ru-cp1251-as-koi8r": (
        "Здравствуйте,\n\nсчёт за ноябрь так и не пришёл, а оплату нужно провести до "
        "пятницы. Пришлите, пожалуйста, копию.\n\nСпасибо,\nДмитрий",
        "cp1251",
        "koi8-r",
    ),
    "cs-latin2-as-cp1250": (
        "Dobrý den,\n\npříští týden nám končí licence a ještě jsme nedostali fakturu. "
        "Můžete ji prosím poslat znovu? Šárka Žáková z účtárny ji potřebuje do pátku.\n\n"
        "Děkuji,\nJiří Dvořák",
        "iso-8859-2",
        "windows-1250",
    ),
    "pl-latin2-as-cp1250": (
        "Dzień dobry,\n\nśrodowisko testowe znów nie działa, a źródła danych są puste. "
        "Proszę o sprawdzenie, bo jutro mamy prezentację dla zarządu.\n\n"
        "Pozdrawiam,\nŁukasz Źrebiec",
        "iso-8859-2",
        "windows-1250",
    ),
    "de-cp1252-as-utf8": (
        "Hallo,\n\ndie Größe der Datei überschreitet das Limit, bitte prüfen.\n\nGrüße\nJürgen",
        "cp1252",
        "utf-8",
    ),
    "fr-cp1252-as-utf8": (
        "Bonjour,\n\nla facture n’est pas arrivée, pouvez-vous la renvoyer ? Merci.\n\nHélène",
        "cp1252",
        "utf-8",
    ),
    "es-latin1-as-utf8": (
        "Hola,\n\n¿podrían enviarme otra vez la contraseña? No me llegó el correo.\n\n"
        "Gracias,\nMaría Muñoz",
        "latin-1",
        "utf-8",
    ),
    "ru-cp1251-as-utf8": (
        "Добрый день,\n\nсчёт за ноябрь так и не пришёл. Пришлите копию, пожалуйста.\n\nЕлена",
        "cp1251",
        "utf-8",
    ),
    "ja-sjis-as-utf8": (
        "お世話になっております。\n\n請求書がまだ届いておりません。ご確認ください。\n\n山田",
        "shift_jis",
        "utf-8",
    ),
    "zh-gbk-as-utf8": ("您好，\n\n发票金额不对，请帮忙核实一下。谢谢！\n\n王小明", "gbk", "utf-8"),
    "fr-latin9-euro-as-latin1": (
        "Bonjour,\n\nle total de la facture est de 1 250,00 € au lieu de 1 100,00 €. "
        "Merci de corriger.\n\nCordialement,\nFrançoise",
        "iso-8859-15",
        "iso-8859-1",
    ),
    "de-latin1-as-latin2": (
        "Hallo,\n\ndie Größe der Datei überschreitet das Limit. Können Sie das prüfen?\n\n"
        "Grüße\nJürgen Weiß",
        "latin-1",
        "iso-8859-2",
    ),
    "is-latin1-as-latin2": (
        "Góðan daginn,\n\nútflutningurinn í CSV virkar ekki síðan á föstudag. Getið þið "
        "athugað þetta?\n\nKveðja,\nÞórður",
        "latin-1",
        "iso-8859-2",
    ),
}


@pytest.mark.parametrize("case", list(MISLABELLED))
@pytest.mark.parametrize("cte", ["8bit", "quoted-printable"])
def test_a_text_under_another_charsets_label_reads_as_written(case: str, cte: str) -> None:
    text, written, label = MISLABELLED[case]
    raw = _mail(text.encode(written), content_type=f"text/plain; charset={label}", cte=cte)
    assert _words(parse_message(raw).text) == _words(text)


# Bodies with 8-bit bytes and no charset, as old and regional programs sent them (an
# ASCII header block, or a charset on nothing but the subject).
UNDECLARED = {
    "koi8-r": (
        "Здравствуйте!\n\nНе могу войти в личный кабинет, пишет что пароль неверный, "
        "хотя я его только что поменял. Помогите, пожалуйста.\n\nСпасибо,\nАндрей",
    ),
    "cp1251": (
        "Добрый день,\n\nсчёт за ноябрь так и не пришёл. Пришлите, пожалуйста, копию "
        "на этот адрес.\n\nС уважением,\nЕлена",
    ),
    "cp1251-uk": (
        "Доброго дня,\n\nрахунок за листопад досі не надійшов. Надішліть, будь ласка, "
        "копію на цю адресу.\n\nДякую,\nОлексій",
    ),
    "shift_jis": (
        "お世話になっております。\n\n先月分の請求書がまだ届いておりません。"
        "お手数ですが再送をお願いできますでしょうか。\n\nよろしくお願いいたします。\n山田",
    ),
    "euc-jp": (
        "いつもお世話になっております。\n\n昨日からログインできなくなりました。"
        "パスワードを再設定しても同じエラーが出ます。\n\n佐藤",
    ),
    "iso-2022-jp": (
        "お世話になっております。\n\n添付のファイルが開けません。"
        "もう一度送っていただけますか。\n\n鈴木",
    ),
    "gb2312": (
        "您好，\n\n我上个月的发票金额不对，比合同多了两百元。请帮忙核实一下，谢谢。\n\n王小明",
    ),
    "gbk": ("你好，\n\n镕铸车间的账户昨天被锁定了，无法登录系统，请尽快处理。\n\n李华",),
    "big5": ("您好，\n\n這個月的帳單金額有誤，比合約多了兩百元。請協助處理，謝謝。\n\n陳大文",),
    "euc-kr": (
        "안녕하세요.\n\n어제 결제하려고 했는데 오류가 발생했습니다. 카드 승인은 "
        "되었는데 주문이 완료되지 않았습니다. 확인 부탁드립니다.\n\n김철수 드림",
    ),
    "cp949": (
        "안녕하세요,\n\n똠양꿍 주문 건의 배송이 아직 안 왔습니다. 확인 부탁드립니다.\n\n박지훈",
    ),
    "iso-8859-7": (
        "Καλημέρα,\n\nη εξαγωγή σε CSV αποτυγχάνει μετά την τελευταία ενημέρωση. "
        "Μπορείτε να το ελέγξετε;\n\nΕυχαριστώ,\nΓιώργος",
    ),
}


def _codec(name: str) -> str:
    return name.removesuffix("-uk")


@pytest.mark.parametrize("codec", list(UNDECLARED))
@pytest.mark.parametrize(
    "content_type", ["text/plain", "text/plain; charset=us-ascii", "text/plain; format=flowed"]
)
def test_an_undeclared_8bit_body_reads_as_written(codec: str, content_type: str) -> None:
    [text] = UNDECLARED[codec]
    raw = _mail(text.encode(_codec(codec)), content_type=content_type)
    assert _words(parse_message(raw).text) == _words(text)


@pytest.mark.parametrize("codec", list(UNDECLARED))
def test_an_undeclared_body_and_its_raw_subject_read_as_written(codec: str) -> None:
    [text] = UNDECLARED[codec]
    subject = text.split("\n")[2][:24].strip()
    raw = _mail(text.encode(_codec(codec)), subject=subject.encode(_codec(codec)))
    mail = parse_message(raw)
    assert _words(mail.text) == _words(text)
    assert mail.subject == subject


def _nec_selected() -> dict[str, bytes]:
    """The NEC-selected IBM kanji of CP932 (rows 89–92, lead bytes ED and EE), which
    Outlook writes where Python's cp932 encoder gives IBM's own codes (FA–FC)."""
    out = {}
    for lead in (0xED, 0xEE):
        for trail in range(0x40, 0xFD):
            try:
                out[bytes((lead, trail)).decode("cp932")] = bytes((lead, trail))
            except UnicodeDecodeError:
                continue
    return out


_NEC_SELECTED = _nec_selected()


def _jis(pair: bytes) -> bytes:
    """The JIS code of a two-byte Shift_JIS character."""
    lead, trail = pair
    lead -= 0x40 if lead >= 0xE0 else 0
    row = (lead - 0x81) * 2 + 1
    if trail >= 0x9F:
        row, cell = row + 1, trail - 0x9E
    else:
        cell = trail - (0x40 if trail >= 0x80 else 0x3F)
    return bytes((row + 0x20, cell + 0x20))


def _cp50220(text: str) -> bytes:
    """``text`` in ISO-2022-JP as Outlook writes it (Microsoft's CP50220): CP932's
    characters, Windows' extensions among them, as their JIS codes after ESC $ B."""
    out, wide = b"", False
    for ch in text:
        sjis = _NEC_SELECTED.get(ch) or ch.encode("cp932")
        if len(sjis) == 2 and not wide:
            out, wide = out + b"\x1b$B", True
        elif len(sjis) == 1 and wide:
            out, wide = out + b"\x1b(B", False
        out += _jis(sjis) if len(sjis) == 2 else sjis
    return out + (b"\x1b(B" if wide else b"")


def _encode(text: str, codec: str) -> bytes:
    return _cp50220(text) if codec == "cp50220" else text.encode(codec)


def _word(charset: str, text: str, codec: str, encoding: str = "B") -> str:
    data = _encode(text, codec)
    if encoding == "B":
        return f"=?{charset}?B?{base64.b64encode(data).decode()}?="
    quoted = "".join(
        chr(b) if chr(b).isalnum() and b < 128 else ("_" if b == 32 else f"={b:02X}") for b in data
    )
    return f"=?{charset}?Q?{quoted}?="


# Encoded words labelled with the subset charset of what the program wrote: (label,
# text, codec written, encoding).
SUBSET_WORDS = {
    "gb2312-gbk": ("gb2312", "关于镕铸车间账户的问题", "gbk", "B"),
    "gb2312-gbk-name": ("GB2312", "朱镕基", "gbk", "B"),
    "gb2312-gb18030": ("gb2312", "发票𠀀问题", "gb18030", "B"),
    "ks_c_5601-1987": ("ks_c_5601-1987", "똠양꿍 주문 문의", "cp949", "B"),
    "ks_c_5601-1987-q": ("ks_c_5601-1987", "결제 오류 문의드립니다", "cp949", "Q"),
    "euc-kr-cp949": ("euc-kr", "뷁 배송 문의", "cp949", "B"),
    "iso-2022-jp-nec": ("iso-2022-jp", "①の件について㈱山田商事", "cp50220", "B"),
    "iso-2022-jp-ibm": ("ISO-2022-JP", "髙橋様 請求書の件", "cp50220", "B"),
    "shift_jis-cp932": ("shift_jis", "№12 ②の再発行", "cp932", "B"),
    "big5-cp950": ("big5", "帳單€問題請協助", "cp950", "B"),
    "iso-8859-1-cp1252": ("iso-8859-1", "“Rechnung” – 12,50 €", "cp1252", "Q"),
    "iso-8859-9-cp1254": ("iso-8859-9", "Fatura “ödeme” hatası", "cp1254", "Q"),
    "tis-620-cp874": ("tis-620", "ใบแจ้งหนี้ – ด่วน", "cp874", "B"),
    "iso-8859-1-utf8": ("iso-8859-1", "Café – Rechnung für März", "utf-8", "Q"),
    "us-ascii-utf8": ("us-ascii", "Größe überschritten", "utf-8", "Q"),
    "utf-8-cp1252": ("utf-8", "Facture impayée – relance", "cp1252", "Q"),
    "utf-8-koi8r": ("utf-8", "Ошибка при оплате заказа", "koi8-r", "B"),
    "iso-8859-1-cp1251": ("iso-8859-1", "Не приходит счёт за ноябрь", "cp1251", "B"),
    "x-unknown-gbk": ("x-unknown", "关于发票金额的问题", "gbk", "B"),
}


@pytest.mark.parametrize("case", list(SUBSET_WORDS))
@pytest.mark.parametrize("field", ["subject", "from"])
def test_an_encoded_word_labelled_as_a_subset_reads_as_written(case: str, field: str) -> None:
    label, text, codec, encoding = SUBSET_WORDS[case]
    word = _word(label, text, codec, encoding).encode()
    if field == "subject":
        mail = parse_message(_mail(b"x\n", subject=word))
        assert mail.subject == text
    else:
        mail = parse_message(_mail(b"x\n", sender=word + b" <client@shop.example>"))
        assert mail.from_ is not None
        assert mail.from_.name == text


# Raw 8-bit subjects and names, in the charset the body declares or none.
RAW_SUBJECTS = {
    "cp1251": ("Не приходит счёт за ноябрь", "Ольга Смирнова", "Добрый день, счёта нет."),
    "koi8-r": ("Ошибка при оплате заказа", "Иван Петров", "Не проходит оплата заказа."),
    "shift_jis": ("請求書の再発行について", "山田太郎", "請求書を再発行してください。"),
    "euc-jp": ("ログインできません", "佐藤花子", "昨日からログインできません。"),
    "gbk": ("发票金额不对", "王小明", "发票金额不对，请核实。"),
    "big5": ("帳單問題請協助", "陳大文", "這個月的帳單金額有誤。"),
    "euc-kr": ("결제 오류 문의드립니다", "김철수", "결제 오류가 발생했습니다."),
    "iso-8859-7": ("Πρόβλημα με την εξαγωγή", "Γιώργος Παπαδάκης", "Η εξαγωγή αποτυγχάνει."),
    "iso-8859-2": ("Reklamace zásilky č. 1842", "Jiří Dvořák", "Zásilka dorazila poškozená."),
    "cp1252": ("Facture impayée – relance", "Hélène Lefèvre", "Je n’ai pas reçu la facture."),
}


@pytest.mark.parametrize("codec", list(RAW_SUBJECTS))
@pytest.mark.parametrize("declared", [True, False])
def test_a_raw_8bit_subject_and_name_read_as_written(codec: str, declared: bool) -> None:
    subject, name, body = RAW_SUBJECTS[codec]
    content_type = f"text/plain; charset={codec}" if declared else "text/plain"
    raw = _mail(
        body.encode(codec),
        content_type=content_type,
        subject=subject.encode(codec),
        sender=name.encode(codec) + b" <client@shop.example>",
    )
    mail = parse_message(raw)
    assert mail.subject == subject
    assert mail.from_ is not None
    assert mail.from_.name == name
    assert mail.text.strip() == body


def _percent(data: bytes) -> str:
    return "".join(chr(b) if chr(b).isalnum() and b < 128 else f"%{b:02X}" for b in data)


def _with_file(disposition: bytes, body: bytes = b"see attached\n", charset: str = "") -> bytes:
    text_type = f"text/plain; charset={charset}" if charset else "text/plain"
    return (
        b"From: Client <client@shop.example>\r\n"
        b"To: support@helpdesk.example\r\n"
        b"Subject: files\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="B"\r\n\r\n'
        b"--B\r\nContent-Type: " + text_type.encode() + b"\r\n\r\n" + body + b"\r\n"
        b"--B\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment;" + disposition + b"\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--B--\r\n"
    )


# File names in RFC 2231 form with a legacy charset, whole or in continuations, with a
# language or not.
FILE_NAMES = {
    "iso-8859-1": "Facture_été_2025.pdf",
    "windows-1252": "Angebot – Größe “L”.pdf",
    "iso-8859-2": "Faktura_č_1842_Dvořák.pdf",
    "windows-1251": "Счёт на оплату №12.pdf",
    "koi8-r": "Договор поставки.pdf",
    "shift_jis": "請求書①_2025年6月.pdf",
    "iso-2022-jp": "見積書_髙橋.pdf",
    "euc-jp": "納品書_佐藤.pdf",
    "gb2312": "发票_镕铸车间.pdf",
    "big5": "帳單_六月.pdf",
    "ks_c_5601-1987": "견적서_똠양꿍.pdf",
    "euc-kr": "청구서_6월.pdf",
    "iso-8859-7": "Τιμολόγιο_Ιουνίου.pdf",
}
_WRITTEN = {
    "iso-8859-1": "cp1252",
    "gb2312": "gbk",
    "ks_c_5601-1987": "cp949",
    "shift_jis": "cp932",
    "iso-2022-jp": "cp50220",
    "big5": "big5hkscs",
}


def _file_codec(label: str) -> str:
    return _WRITTEN.get(label, label)


@pytest.mark.parametrize("label", list(FILE_NAMES))
@pytest.mark.parametrize("form", ["whole", "language", "continued"])
def test_an_rfc_2231_file_name_in_a_legacy_charset_reads_as_written(label: str, form: str) -> None:
    name = FILE_NAMES[label]
    encoded = _percent(_encode(name, _file_codec(label)))
    if form == "whole":
        disposition = f"\r\n filename*={label}''{encoded}"
    elif form == "language":
        disposition = f"\r\n filename*={label}'xx'{encoded}"
    else:
        cut = len(encoded) // 2
        while encoded[cut - 1] == "%" or encoded[cut - 2] == "%":
            cut += 1
        disposition = f"\r\n filename*0*={label}''{encoded[:cut]};\r\n filename*1*={encoded[cut:]}"
    [attachment] = parse_message(_with_file(disposition.encode())).attachments
    assert attachment.filename == name


@pytest.mark.parametrize("label", list(FILE_NAMES))
def test_a_raw_8bit_file_name_reads_in_the_messages_charset(label: str) -> None:
    name = FILE_NAMES[label]
    codec = _file_codec(label)
    body = b"see attached / " + _encode(name.rsplit(".", 1)[0], codec)
    disposition = b' filename="' + _encode(name, codec) + b'"'
    [attachment] = parse_message(_with_file(disposition, body, label)).attachments
    assert attachment.filename == name


# File names whose label is not the charset of their bytes: (label, name, codec written).
MISLABELLED_NAMES = [
    ("iso-8859-1", "Rechnung_März_2025.pdf", "utf-8"),
    ("utf-8", "Facture_été.pdf", "latin-1"),
    ("us-ascii", "Größentabelle.xlsx", "utf-8"),
    ("iso-8859-1", "Счёт на оплату_12.pdf", "cp1251"),
    ("utf-8", "請求書.pdf", "shift_jis"),
]


@pytest.mark.parametrize(("label", "name", "codec"), MISLABELLED_NAMES)
@pytest.mark.parametrize("form", ["rfc2231", "encoded-word"])
def test_a_file_name_under_another_charsets_label_reads_as_written(
    label: str, name: str, codec: str, form: str
) -> None:
    if form == "rfc2231":
        disposition = f"\r\n filename*={label}''{_percent(name.encode(codec))}".encode()
    else:
        disposition = f' filename="{_word(label, name, codec)}"'.encode()
    [attachment] = parse_message(_with_file(disposition)).attachments
    assert attachment.filename == name


# East Asian and Cyrillic texts under another multi-byte or Cyrillic label: (text,
# written, label).
MISLABELLED_EAST = {
    "sjis-as-iso-2022-jp": (UNDECLARED["shift_jis"][0], "shift_jis", "iso-2022-jp"),
    "eucjp-as-shift_jis": (UNDECLARED["euc-jp"][0], "euc-jp", "shift_jis"),
    "sjis-as-euc-jp": (UNDECLARED["shift_jis"][0], "shift_jis", "euc-jp"),
    "big5-as-gb2312": (UNDECLARED["big5"][0], "big5", "gb2312"),
    "gb2312-as-big5": (UNDECLARED["gb2312"][0], "gb2312", "big5"),
    # (EUC-KR under a GB2312 label is left out: each Korean syllable's two bytes are a
    # common Chinese character, and the label stands on a tie.)
    "utf8-as-euc-kr": (UNDECLARED["euc-kr"][0], "utf-8", "euc-kr"),
    "utf8-as-gb2312": (UNDECLARED["gb2312"][0], "utf-8", "gb2312"),
    "utf8-as-shift_jis": (UNDECLARED["shift_jis"][0], "utf-8", "shift_jis"),
    "koi8u-as-cp1251": (UNDECLARED["cp1251-uk"][0], "koi8-u", "windows-1251"),
}


@pytest.mark.parametrize("case", list(MISLABELLED_EAST))
def test_an_east_asian_or_cyrillic_text_under_another_label_reads_as_written(case: str) -> None:
    text, written, label = MISLABELLED_EAST[case]
    raw = _mail(text.encode(written), content_type=f"text/plain; charset={label}")
    assert _words(parse_message(raw).text) == _words(text)


def _alternative(plain: bytes, plain_type: str, html: bytes, html_type: str) -> bytes:
    return (
        b"From: Client <client@shop.example>\r\nTo: support@helpdesk.example\r\n"
        b"Subject: x\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/alternative; boundary="A"\r\n\r\n'
        b"--A\r\nContent-Type: " + plain_type.encode() + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + plain + b"\r\n"
        b"--A\r\nContent-Type: " + html_type.encode() + b"\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + html + b"\r\n--A--\r\n"
    )


@pytest.mark.parametrize("codec", list(UNDECLARED))
def test_a_text_part_without_a_charset_reads_in_its_html_twins(codec: str) -> None:
    [text] = UNDECLARED[codec]
    data = text.encode(_codec(codec))
    html = b"<html><body><p>" + data.replace(b"\n", b"<br>") + b"</p></body></html>"
    raw = _alternative(data, "text/plain", html, f"text/html; charset={_codec(codec)}")
    assert _words(parse_message(raw).text) == _words(text)


@pytest.mark.parametrize("codec", list(UNDECLARED))
def test_an_html_part_without_a_label_reads_in_its_meta_charset(codec: str) -> None:
    [text] = UNDECLARED[codec]
    data = text.encode(_codec(codec))
    html = (
        b'<html><head><meta http-equiv="Content-Type" content="text/html; charset='
        + _codec(codec).encode()
        + b'"></head><body><p>'
        + data.replace(b"\n", b"<br>")
        + b"</p></body></html>"
    )
    raw = _mail(html, content_type="text/html")
    assert _words(parse_message(raw).text) == _words(text)
