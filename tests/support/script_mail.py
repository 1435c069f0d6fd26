"""Client mails in the legacy charsets and the scripts of East Asia, the Middle East,
Thailand, Greece and Eastern Europe, as their mail programs send them: Outlook's
ISO-2022-JP (CP50220) text beside its HTML, Becky!'s ISO-2022-JP text alone,
Thunderbird's text in the account's charset, Gmail's UTF-8 text and HTML, Naver's and
Daum's HTML, Foxmail's GBK under a gb2312 label, QQ Mail's GB18030, Outlook for Mac's
UTF-8 quoted-printable; and the quoted history each program puts under a reply."""

from __future__ import annotations

import base64
import quopri
from dataclasses import dataclass
from html import escape

from tests.support.jis_text import outlook_jis

HELPDESK = "Acme Support <support@acme.example>"


@dataclass(frozen=True)
class Program:
    mailer: str
    # The charset label the program declares, and the codec its bytes are in.
    label: str
    codec: str
    # "plain": text alone; "alternative": text and HTML; "html": HTML alone, a block a
    # line; "paragraphs": HTML alone, a paragraph a line.
    form: str
    # "base64", QP or "7bit".
    encoding: str
    # The quoted history under the reply: "gmail", "outlook", "becky", "qq", "jp-gmail".
    history: str


OUTLOOK = "Microsoft Outlook 16.0"
QP = "quoted-printable"

PROGRAMS = {
    "outlook-ja": Program(OUTLOOK, "iso-2022-jp", "cp50220", "alternative", "7bit", "outlook"),
    "becky": Program("Becky! ver. 2.81 [ja]", "ISO-2022-JP", "cp50220", "plain", "7bit", "becky"),
    "thunderbird-sjis": Program(
        "Thunderbird 115", "Shift_JIS", "cp932", "plain", "base64", "gmail"
    ),
    "thunderbird-eucjp": Program("Thunderbird 102", "EUC-JP", "euc_jp", "plain", "base64", "gmail"),
    "gmail": Program("", "UTF-8", "utf-8", "alternative", "base64", "gmail"),
    "gmail-ja": Program("", "UTF-8", "utf-8", "alternative", QP, "jp-gmail"),
    "foxmail": Program(
        "Foxmail 7.2.25.228[cn]", "gb2312", "gbk", "alternative", "base64", "outlook"
    ),
    "qqmail": Program("", "gb18030", "gb18030", "alternative", "base64", "qq"),
    "outlook-big5": Program(OUTLOOK, "big5", "cp950", "alternative", "base64", "outlook"),
    "outlook-ko": Program(OUTLOOK, "ks_c_5601-1987", "cp949", "alternative", "base64", "outlook"),
    "thunderbird-euckr": Program("Thunderbird 115", "EUC-KR", "cp949", "plain", "base64", "gmail"),
    "naver": Program("", "UTF-8", "utf-8", "html", "base64", "outlook"),
    # Web mailers whose editor writes a paragraph a line and sends the HTML alone: each
    # line is read as a paragraph of its own.
    "daum-paragraphs": Program(
        "Daum Web Mailer 1.1", "UTF-8", "utf-8", "paragraphs", "base64", "outlook"
    ),
    "qqmail-paragraphs": Program("", "gb18030", "gb18030", "paragraphs", "base64", "qq"),
    "mailru-paragraphs": Program("", "windows-1251", "cp1251", "paragraphs", "base64", "gmail"),
    "daum": Program("Daum Web Mailer 1.1", "UTF-8", "utf-8", "alternative", "base64", "outlook"),
    "outlook-1251": Program(OUTLOOK, "windows-1251", "cp1251", "alternative", QP, "outlook"),
    "thebat-koi8r": Program("The Bat! (v9.4.5)", "koi8-r", "koi8_r", "plain", QP, "gmail"),
    "thunderbird-koi8u": Program("Thunderbird 91", "koi8-u", "koi8_u", "plain", QP, "gmail"),
    "outlook-1256": Program(OUTLOOK, "windows-1256", "cp1256", "alternative", QP, "outlook"),
    "outlook-1255": Program(OUTLOOK, "windows-1255", "cp1255", "alternative", QP, "outlook"),
    "thunderbird-tis620": Program(
        "Thunderbird 102", "TIS-620", "cp874", "plain", "base64", "gmail"
    ),
    "outlook-greek": Program(OUTLOOK, "iso-8859-7", "iso8859_7", "alternative", QP, "outlook"),
    "outlook-1254": Program(OUTLOOK, "windows-1254", "cp1254", "alternative", QP, "outlook"),
    "thunderbird-latin2": Program(
        "Thunderbird 115", "ISO-8859-2", "iso8859_2", "plain", QP, "gmail"
    ),
    "outlook-mac": Program(
        "Microsoft Outlook for Mac 16.89", "UTF-8", "utf-8", "alternative", QP, "outlook"
    ),
}

# The helpdesk's message, as each program quotes it under the reply.
_ASKED = ["Hello,", "", "could you tell us the invoice number?", "", "Acme Support"]


def history(style: str) -> list[str]:
    """The quoted history ``style`` puts under a top-posted reply."""
    quoted = [f"> {line}" if line else ">" for line in _ASKED]
    if style == "gmail":
        return ["On Mon, 9 Jun 2025 at 10:14, Acme Support <support@acme.example> wrote:", *quoted]
    if style == "jp-gmail":
        return ["2025年6月9日(月) 10:14 Acme Support <support@acme.example>:", "", *quoted]
    if style == "becky":
        return ["On Mon, 09 Jun 2025 10:14:03 +0900", f"{HELPDESK} wrote:", *quoted]
    if style == "qq":
        return [
            "------------------ 原始邮件 ------------------",
            '发件人: "Acme Support"<support@acme.example>;',
            "发送时间: 2025年6月9日(星期一) 上午10:14",
            '收件人: "client"<client@client.example>;',
            "主题: Invoice",
            "",
            *_ASKED,
        ]
    return [
        "-----Original Message-----",
        f"From: {HELPDESK}",
        "Sent: Monday, June 9, 2025 10:14 AM",
        "To: client@client.example",
        "Subject: Invoice",
        "",
        *_ASKED,
    ]


def _encoded(text: str, program: Program) -> bytes:
    data = text.replace("\n", "\r\n")
    if program.codec == "cp50220":
        return outlook_jis(data)
    return data.encode(program.codec)


def _transfer(data: bytes, encoding: str) -> bytes:
    if encoding == "base64":
        return base64.encodebytes(data).replace(b"\n", b"\r\n")
    if encoding == QP:
        return quopri.encodestring(data).replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    return data


def _part(text: str, subtype: str, program: Program) -> bytes:
    head = (
        f'Content-Type: text/{subtype}; charset="{program.label}"\r\n'
        f"Content-Transfer-Encoding: {program.encoding}\r\n\r\n"
    )
    return head.encode() + _transfer(_encoded(text, program), program.encoding)


def _html(lines: list[str], program: Program) -> str:
    """The HTML the program writes for ``lines``: Outlook's paragraphs, Gmail's divs,
    Naver's paragraphs; the quoted lines in a blockquote."""
    own = [line for line in lines if not line.startswith(">")]
    quoted = [line[1:].lstrip() for line in lines if line.startswith(">")]
    if program.mailer.startswith("Microsoft Outlook"):
        body = "".join(
            f'<p class="MsoNormal">{escape(line) or "&nbsp;"}<o:p></o:p></p>\r\n' for line in own
        )
    elif program.form == "paragraphs":
        body = "".join(f"<p>{escape(line)}</p>\r\n" for line in own if line)
    elif program.form == "html":
        # Naver's editor: a block a line, an empty line a block with a break.
        body = "".join(f"<div>{escape(line) or '<br>'}</div>\r\n" for line in own)
    else:
        body = "<div>" + "<br>\r\n".join(escape(line) for line in own) + "</div>\r\n"
    if quoted:
        body += "<blockquote>" + "<br>\r\n".join(escape(q) for q in quoted) + "</blockquote>\r\n"
    return f"<html><head><meta charset={program.label}></head><body>{body}</body></html>"


def program_mail(text: str, program: str, sender: str, *, quote: bool = False) -> bytes:
    """The client's ``text`` from ``sender`` (an ASCII display name and address) as
    ``program`` (a key of :data:`PROGRAMS`) sends it, the helpdesk's message quoted under
    it when ``quote``."""
    spec = PROGRAMS[program]
    lines = text.split("\n")
    if quote:
        lines = [*lines, "", *history(spec.history)]
    plain = "\n".join(lines) + "\n"
    head = [
        f"From: {sender}",
        f"To: {HELPDESK}",
        "Subject: Re: [#4120] Invoice",
        "Date: Mon, 09 Jun 2025 11:02:00 +0900",
        "Message-ID: <reply-4120@client.example>",
        "MIME-Version: 1.0",
    ]
    if spec.mailer:
        head.append(f"X-Mailer: {spec.mailer}")
    top = ("\r\n".join(head) + "\r\n").encode()
    if spec.form == "plain":
        return top + _part(plain, "plain", spec)
    if spec.form in ("html", "paragraphs"):
        return top + _part(_html(lines, spec), "html", spec)
    boundary = "----=_NextPart_000_0011_01DBD8A2.5C4E3F10"
    return (
        top
        + f'Content-Type: multipart/alternative; boundary="{boundary}"\r\n\r\n'.encode()
        + f"--{boundary}\r\n".encode()
        + _part(plain, "plain", spec)
        + f"\r\n--{boundary}\r\n".encode()
        + _part(_html(lines, spec), "html", spec)
        + f"\r\n--{boundary}--\r\n".encode()
    )
