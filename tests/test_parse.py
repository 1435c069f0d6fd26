"""parse: unit tests over mail bytes, no database, no server."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mailgate.parse import ParseOptions, find_ticket_number, parse_message
from mailgate.parse.headers import decode_words, parse_msgids
from tests.support.cost import assert_grows_linearly
from tests.support.mailfactory import build


def raw_mail(
    headers: str,
    body: bytes,
    charset: str | None = None,
    cte: str = "8bit",
    ctype: str = "text/plain",
) -> bytes:
    ct = f"{ctype}; charset={charset}" if charset else ctype
    head = (
        f"From: Client <client@example.org>\r\nTo: support@example.com\r\n{headers}"
        f"MIME-Version: 1.0\r\nContent-Type: {ct}\r\n"
        f"Content-Transfer-Encoding: {cte}\r\n\r\n"
    )
    return head.encode("ascii") + body


# -- charsets the helpdesk documents were written in --------------------------------------


@pytest.mark.parametrize(
    ("charset", "text"),
    [
        ("EUC-KR", "프린터가 고장났습니다. 도와주세요."),
        ("ks_c_5601-1987", "프린터가 고장났습니다."),
        ("windows-1256", "طابعتي معطلة، أرجو المساعدة. گ پ"),
        ("TIS-620", "เครื่องพิมพ์เสีย กรุณาช่วยด้วย"),
        ("ISO-2022-JP", "プリンターが壊れました。よろしくお願いします。"),
        ("Shift_JIS", "プリンターが壊れました"),
        ("GB2312", "打印机坏了，请帮忙。"),
        ("Big5", "印表機壞了，請幫忙。"),
        ("KOI8-R", "Принтер сломался."),
        ("ISO-8859-15", "Grüße, ça coûte 5 €"),
        ("windows-1252", "“Smart quotes” – and €"),
    ],
)
def test_body_in_legacy_charset_decodes(charset: str, text: str) -> None:
    codec = {"ks_c_5601-1987": "cp949"}.get(charset, charset)
    parsed = parse_message(raw_mail("Subject: x\r\n", text.encode(codec), charset))
    assert parsed.text == text
    assert parsed.defects == ()


def test_persian_subject_in_encoded_words() -> None:
    subject = "چاپگر من خراب است"
    word = base64.b64encode(subject.encode("windows-1256")).decode()
    parsed = parse_message(raw_mail(f"Subject: =?windows-1256?B?{word}?=\r\n", b"x"))
    assert parsed.subject == subject


def test_encoded_word_split_inside_a_character_is_joined() -> None:
    data = "Привет мир".encode()
    a, b = base64.b64encode(data[:3]).decode(), base64.b64encode(data[3:]).decode()
    assert decode_words(f"=?utf-8?B?{a}?= =?utf-8?B?{b}?=", []) == "Привет мир"


def test_encoded_comma_in_display_name_does_not_split_address() -> None:
    parsed = parse_message(
        b"From: =?utf-8?Q?M=C3=BCller=2C_J=C3=B6rg?= <jm@example.de>\r\n"
        b'To: support@example.com, "Stever, Gregor" <gst@example.com>\r\n\r\nx'
    )
    assert parsed.from_ is not None
    assert (parsed.from_.name, parsed.from_.address) == ("Müller, Jörg", "jm@example.de")
    assert [a.address for a in parsed.to] == ["support@example.com", "gst@example.com"]


# -- the From address as mail programs show it ---------------------------------------------


@pytest.mark.parametrize(
    ("field", "name", "address"),
    [
        # RFC 5322 name-addr: the address is in the brackets, the rest is the name.
        (
            "victim@client.example <attacker@evil.test>",
            "victim@client.example",
            "attacker@evil.test",
        ),
        (
            '"victim@client.example" <attacker@evil.test>',
            "victim@client.example",
            "attacker@evil.test",
        ),
        (
            "<attacker@evil.test> victim@client.example",
            "victim@client.example",
            "attacker@evil.test",
        ),
        # An encoded-word is a name, never structure: ":" and "@" inside it open no group
        # and make no address; CR LF inside it make no header line.
        (
            "=?utf-8?q?victim=40client.example=0D=0ABcc:_x@evil.test?= <attacker@evil.test>",
            "victim@client.example Bcc: x@evil.test",
            "attacker@evil.test",
        ),
        (
            "=?utf-8?b?dmljdGltQGNsaWVudC5leGFtcGxlDQpCY2M6IHhAZXZpbC50ZXN0?= <attacker@evil.test>",
            "victim@client.example Bcc: x@evil.test",
            "attacker@evil.test",
        ),
        (
            "=?utf-8?q?=3Cvictim=40client.example=3E?= <a@evil.test>",
            "<victim@client.example>",
            "a@evil.test",
        ),
        # What mail programs write.
        ("Jo Client <jo@client.test>", "Jo Client", "jo@client.test"),
        ("Doe, John <john@example.com>", "Doe, John", "john@example.com"),
        ("John Doe john@example.com", "John Doe", "john@example.com"),
        ("john@example.com (John Doe)", "John Doe", "john@example.com"),
        ("<john@example.com> (John)", "", "john@example.com"),
        ("Jo <@relay.test:jo@client.test>", "Jo", "jo@client.test"),
        ("Group: Jo <jo@client.test>;", "Jo", "jo@client.test"),
        ('"Jo \\"the\\" Client" < jo@client.test >', 'Jo "the" Client', "jo@client.test"),
        ("Jo\u202e Client <jo@client.test>", "Jo Client", "jo@client.test"),
    ],
)
def test_the_from_address_is_the_one_mail_programs_show(
    field: str, name: str, address: str
) -> None:
    parsed = parse_message(f"From: {field}\r\nSubject: x\r\n\r\nx".encode())
    assert parsed.from_ is not None
    assert (parsed.from_.name, parsed.from_.address) == (name, address)


@pytest.mark.parametrize(
    ("field", "warning"),
    [
        ("victim@client.example <attacker@evil.test>", "shows the address victim@client.example"),
        ('"victim\uff20client.example" <attacker@evil.test>', "shows the address victim@client"),
        ("victim@client.example, attacker@evil.test", "names 2 mailboxes"),
        ("<victim@client.example> <attacker@evil.test>", "names 2 mailboxes"),
        ("Jo Client <jo@client.test>", None),
        ('"jo@client.test" <JO@client.test>', None),
        ("Jo (jo@client.test) <jo@client.test>", None),
    ],
)
def test_a_misleading_from_is_flagged(field: str, warning: str | None) -> None:
    parsed = parse_message(f"From: {field}\r\nSubject: x\r\n\r\nx".encode())
    if warning is None:
        assert parsed.from_warnings == ()
    else:
        assert any(warning in w for w in parsed.from_warnings), parsed.from_warnings
        assert parsed.as_json()["from_warnings"] == list(parsed.from_warnings)


def test_several_from_mailboxes_are_all_kept_and_the_first_is_the_sender() -> None:
    parsed = parse_message(b"From: victim@client.example, attacker@evil.test\r\n\r\nx")
    assert parsed.from_ is not None
    assert parsed.from_.address == "victim@client.example"
    assert [a.address for a in parsed.from_mailboxes] == [
        "victim@client.example",
        "attacker@evil.test",
    ]


@pytest.mark.parametrize(
    "field",
    [
        "=?utf-8?q?victim=40client.example?=",  # an encoded-word is never an address
        "<a,b@client.test>",  # would read as two addresses once written back
        "<victim@client.example@evil.test>",
        "Jo Client",
    ],
)
def test_what_is_no_address_is_a_defect_not_a_sender(field: str) -> None:
    parsed = parse_message(f"From: {field}\r\nSubject: x\r\n\r\nx".encode())
    assert parsed.from_ is None
    assert any(d.startswith("from: not an address") for d in parsed.defects)


def test_raw_utf8_header_bytes_are_read() -> None:
    raw = "Subject: Ünïcödé without encoding\r\nFrom: Zoë <zoe@example.org>\r\n\r\nhi".encode()
    parsed = parse_message(raw)
    assert parsed.subject == "Ünïcödé without encoding"
    assert parsed.from_ is not None
    assert parsed.from_.name == "Zoë"


def test_mislabelled_charset_is_decoded_and_recorded() -> None:
    parsed = parse_message(raw_mail("Subject: x\r\n", "Grüße aus Köln".encode("latin-1"), "utf-8"))
    assert parsed.text == "Grüße aus Köln"
    assert any("does not decode" in d for d in parsed.defects)


def test_unknown_charset_label_falls_back() -> None:
    parsed = parse_message(raw_mail("Subject: x\r\n", "naïve".encode(), "x-no-such-charset"))
    assert parsed.text == "naïve"
    assert parsed.defects


# -- structure ------------------------------------------------------------------------------


def test_html_only_mail_is_converted_and_sanitized() -> None:
    html = (
        "<html><body><p>Hello <b>team</b>,</p><ul><li>one</li><li>two</li></ul>"
        '<script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">x</a>'
        "</body></html>"
    )
    parsed = parse_message(raw_mail("Subject: x\r\n", html.encode(), "utf-8", ctype="text/html"))
    assert "Hello team," in parsed.text
    assert "* one" in parsed.text
    assert parsed.html is not None
    assert "<script" not in parsed.html
    assert "javascript:" not in parsed.html
    assert "onclick" not in parsed.html
    assert "alert(1)" not in parsed.text


def test_alternative_keeps_plain_text_and_html() -> None:
    parsed = parse_message(build(body="plain words\n", html="<p>rich <i>words</i></p>"))
    assert parsed.text == "plain words"
    assert parsed.html is not None
    assert "rich" in parsed.html
    assert parsed.attachments == ()


def test_attachments_have_safe_names_sizes_and_hashes() -> None:
    parsed = parse_message(
        build(
            attachments=[
                ("report.pdf", "application/pdf", b"%PDF-1.4 data"),
                ("..\\..\\windows\\evil.exe", "application/octet-stream", b"MZ"),
                ("invoice\u202eexe.pdf", "application/pdf", b"x"),
            ]
        )
    )
    names = [a.filename for a in parsed.attachments]
    assert names[0] == "report.pdf"
    assert names[1] == "evil.exe"
    assert "\u202e" not in names[2]
    a = parsed.attachments[0]
    assert (a.size, a.content_type, a.inline) == (13, "application/pdf", False)
    assert len(a.sha256) == 64


def test_inline_image_keeps_its_content_id() -> None:
    raw = (
        b"From: c@example.org\r\nSubject: pic\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/related; boundary=B\r\n\r\n--B\r\n"
        b'Content-Type: text/html; charset=utf-8\r\n\r\n<p>see <img src="cid:img1@x"></p>\r\n'
        b"--B\r\nContent-Type: image/png\r\nContent-ID: <img1@x>\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--B--\r\n"
    )
    parsed = parse_message(raw)
    [img] = parsed.attachments
    assert (img.inline, img.content_id, img.content_type) == (True, "img1@x", "image/png")
    assert parsed.html is not None
    assert "cid:img1@x" in parsed.html


def test_malformed_input_parses_with_defects() -> None:
    for raw in (
        b"",
        b"\x00\xff\xfe garbage",
        b"Subject: only headers",
        b"Content-Type: multipart/mixed; boundary=X\r\n\r\n--X\r\nno end",
        b"From: <<<>>>\r\nDate: yesterday-ish\r\n\r\nbody",
    ):
        parsed = parse_message(raw)
        assert isinstance(parsed.text, str)
    parsed = parse_message(b"Date: yesterday-ish\r\nFrom: x@y.z\r\n\r\nbody")
    assert parsed.date is None
    assert any(d.startswith("date:") for d in parsed.defects)


def test_nesting_bomb_is_bounded() -> None:
    depth = 60
    parts = []
    for i in range(depth):
        parts.append(f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n")
    raw = ("From: x@y.z\r\n" + "".join(parts) + "Content-Type: text/plain\r\n\r\ndeep\r\n").encode()
    parsed = parse_message(raw, ParseOptions(max_depth=20))
    assert any("nested deeper" in d for d in parsed.defects)


# -- identity and threading fields ---------------------------------------------------------


def test_message_ids_and_date() -> None:
    parsed = parse_message(
        build(message_id="m1@client.test", in_reply_to="a@x", references=["r1@x", "a@x"])
    )
    assert parsed.message_id == "m1@client.test"
    assert parsed.in_reply_to == "a@x"
    assert parsed.references == ("r1@x", "a@x")
    assert parsed.thread_ids() == ["a@x", "r1@x"]
    assert parsed.date == datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    assert parse_msgids("<a@b>\r\n <c@d> junk <a@b>") == ["a@b", "c@d"]
    assert parse_msgids("bare@id.example") == ["bare@id.example"]


@pytest.mark.parametrize(
    ("subject", "token", "number"),
    [
        ("Re: #[123] Printer", "#[{number}]", 123),
        ("RE: AW: Printer #[ 7 ]", "#[{number}]", 7),
        ("Printer [Ticket#42]", "[Ticket#{number}]", 42),
        ("Order 12345 question", "#[{number}]", None),
        ("#[abc] x", "#[{number}]", None),
    ],
)
def test_ticket_number_from_subject(subject: str, token: str, number: int | None) -> None:
    assert find_ticket_number(subject, token) == number


# -- the new part of a reply ----------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "Thanks, it works now!\n\nOn Mon, 23 Nov 2026 at 10:00, Support <support@example.com> "
        "wrote:\n> Please restart it.\n> Support\n",
        "Thanks, it works now!\n\n-----Original Message-----\nFrom: Support\nSent: Monday\n"
        "Subject: #[1] Printer\n\nPlease restart it.\n",
        "Thanks, it works now!\n\nOn Mon, 23 Nov 2026 at 10:00,\nSupport <support@example.com> "
        "wrote:\n\n> Please restart it.\n",
        "Thanks, it works now!\n\nAm 23.11.2026 um 10:00 schrieb Support <s@example.com>:\n"
        "> Bitte neu starten.\n",
        "Thanks, it works now!\n\n-- \nJo Client\nACME Corp\n",
        "Thanks, it works now!\n\nSent from my iPhone\n",
    ],
)
def test_reply_text_drops_quotes_and_signatures(body: str) -> None:
    parsed = parse_message(build(body=body))
    assert parsed.reply_text == "Thanks, it works now!"
    assert parsed.text.startswith("Thanks, it works now!")
    assert len(parsed.text) > len(parsed.reply_text)


def test_reply_text_of_html_reply_drops_gmail_quote() -> None:
    html = (
        '<div dir="ltr">Fixed, thanks!</div><br><div class="gmail_quote">'
        '<div class="gmail_attr">On Mon, Support wrote:</div>'
        '<blockquote class="gmail_quote">Please restart it.</blockquote></div>'
    )
    parsed = parse_message(
        raw_mail("Subject: Re: x\r\n", html.encode(), "utf-8", ctype="text/html")
    )
    assert parsed.reply_text == "Fixed, thanks!"
    assert "Please restart it." in parsed.text


def test_pathological_quote_is_read_in_linear_time() -> None:
    def mail(n: int) -> bytes:
        return build(body="ok\n\n" + "> " + "quoted text " * n + "\n")

    assert parse_message(mail(1000)).reply_text == "ok"
    assert_grows_linearly(mail, parse_message, 60000)


def test_parse_command_prints_the_json_contract(tmp_path: Path) -> None:
    f = tmp_path / "m.eml"
    f.write_bytes(build(subject="Re: #[9] help", attachments=[("a.txt", "text/plain", b"x")]))
    p = subprocess.run(
        [sys.executable, "-m", "mailgate", "parse", str(f), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    doc = json.loads(p.stdout)
    for key in (
        "message_id",
        "in_reply_to",
        "references",
        "date",
        "subject",
        "from",
        "to",
        "cc",
        "reply_to",
        "text",
        "html",
        "reply_text",
        "attachments",
        "ticket_number",
        "defects",
    ):
        assert key in doc, key
    assert doc["ticket_number"] == 9
    assert doc["from"] == {"name": "Jo Client", "address": "jo@client.test"}
    assert doc["attachments"][0]["filename"] == "a.txt"
    assert set(doc["attachments"][0]) == {
        "filename",
        "content_type",
        "size",
        "sha256",
        "inline",
        "content_id",
        "executable",
    }
