"""Ukrainian in windows-1251 and Kazakh in PT154 told apart when no label says which.

The two code pages differ in a few letters: PT154 reads Ukrainian's "є", "ї", "Ґ" as
Kazakh's "ә" and as Bashkir's and Azerbaijani's "ҝ", "Ҙ", so a Ukrainian text with one of
them ("працює" as "працюә") read as Kazakh scores about as likely as read right.  A
letter a language does not write counts against a reading as a name's would, far below
its rarest letter, and PT154 — little mail is written in it — must read the text
clearly better than windows-1251 to be chosen.  Kazakh in PT154 keeps its charset."""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message

UKRAINIAN = (
    "Не працює оплата карткою",
    "Ґанок і їжак: є проблема",
    "Моє питання щодо рахунку",
    "Де моє замовлення?",
    "Чи є можливість змінити адресу?",
    "Її рахунок не оплачено",
    "Сьогодні працює лише один принтер",
    "Вона надіслала своє замовлення ще вчора",
)
KAZAKH = (
    "Сәлеметсіз бе! Тапсырысым әлі келген жоқ.",
    "Менің құпия сөзім жұмыс істемейді",
    "Рахмет, бәрі жақсы",
    "Қазақстан Республикасы",
    "Өтінемін, шотты қайта жіберіңіз",
    "Біздің компания сіздің хатыңызды алды",
    "Жеткізу мерзімі қашан?",
    "Тауарды қайтару туралы өтініш",
)
RUSSIAN = ("Не работает принтер", "Счёт за ноябрь", "Прошу выслать счёт ещё раз")


def _mail(subject: bytes, body: bytes) -> bytes:
    # Nothing declared: the text's bytes are the only evidence of its charset.
    return (
        b"From: client@client.example\r\nTo: support@helpdesk.example\r\n"
        b"Subject: " + subject + b"\r\nMIME-Version: 1.0\r\n"
        b"Content-Transfer-Encoding: 8bit\r\n\r\n" + body + b"\r\n"
    )


@pytest.mark.parametrize("text", UKRAINIAN + RUSSIAN)
def test_windows_1251_subject_and_text(text: str) -> None:
    raw = _mail(text.encode("cp1251"), text.encode("cp1251"))
    parsed = parse_message(raw)
    assert parsed.subject == text
    assert parsed.reply_text == text


@pytest.mark.parametrize("text", UKRAINIAN)
def test_windows_1251_file_name(text: str) -> None:
    name = f"{text.rstrip('?')}.pdf"
    raw = (
        b"From: client@client.example\r\nTo: support@helpdesk.example\r\nSubject: file\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "Добрий день, надсилаю файл. Дякую.".encode("cp1251")
        + b'\r\n--b1\r\nContent-Type: application/pdf; name="'
        + name.encode("cp1251")
        + b'"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--b1--\r\n'
    )
    assert [a.filename for a in parse_message(raw).attachments] == [name]


@pytest.mark.parametrize("text", KAZAKH)
def test_kazakh_in_pt154_stays(text: str) -> None:
    raw = _mail(text.encode("ptcp154"), text.encode("ptcp154"))
    parsed = parse_message(raw)
    assert parsed.subject == text
    assert parsed.reply_text == text


@pytest.mark.parametrize("text", KAZAKH[:4])
def test_kazakh_labelled_pt154_stays(text: str) -> None:
    raw = (
        b"From: client@client.example\r\nTo: support@helpdesk.example\r\nSubject: "
        + text.encode("ptcp154")
        + b"\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=PT154\r\n\r\n"
        + text.encode("ptcp154")
        + b"\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.subject == text
    assert parsed.reply_text == text
