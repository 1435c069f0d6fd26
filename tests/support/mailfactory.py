"""Building test messages the way mail programs write them, and a few that only some
programs write: a delivery status report, a TNEF winmail.dat, multiparts nested deep."""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

# The verdict of the receiving MTA (authserv-id of the tests' configuration) that the
# From address of client.test passed DMARC: the sender is authenticated.
AUTHENTICATED = {"Authentication-Results": "mx.helpdesk.test; dmarc=pass header.from=client.test"}

# A client in Thailand: their website has been down since yesterday.
THAI = "สวัสดีครับ เว็บไซต์ของบริษัทเข้าไม่ได้ตั้งแต่เมื่อวาน รบกวนช่วยตรวจสอบด้วยครับ\n"


def build(
    *,
    from_: str = "Jo Client <jo@client.test>",
    to: str = "support@helpdesk.test",
    subject: str = "Printer broken",
    body: str = "My printer is broken.\n",
    message_id: str | None = None,
    in_reply_to: str | None = None,
    references: list[str] | None = None,
    cc: str | None = None,
    html: str | None = None,
    headers: dict[str, str] | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None,
) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = from_
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = format_datetime(datetime(2026, 11, 23, 10, 0, tzinfo=UTC))
    msg["Message-ID"] = f"<{message_id}>" if message_id else make_msgid(domain="client.test")
    if in_reply_to:
        msg["In-Reply-To"] = f"<{in_reply_to}>"
    if references:
        msg["References"] = " ".join(f"<{r}>" for r in references)
    for k, v in (headers or {}).items():
        msg[k] = v
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for name, ctype, data in attachments or []:
        maintype, _, subtype = ctype.partition("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return msg.as_bytes()


DSN = b"""\
From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: support@helpdesk.test
Subject: Undelivered Mail Returned to Sender
Message-ID: <report.1@mx.example.net>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

I'm sorry to have to inform you that your message could not be delivered.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; gone@client.test
Action: failed
Status: 5.0.0
Diagnostic-Code: smtp; 550 5.1.1 <gone@client.test>: Recipient address rejected: User unknown

--B
Content-Type: text/rfc822-headers

From: support@helpdesk.test
To: gone@client.test
Subject: [#12] Printer broken
Message-ID: <ticket-12.3@helpdesk.test>

--B--
"""


def _tnef_object(level: int, name: int, kind: int, data: bytes) -> bytes:
    """One TNEF attribute as Outlook writes it (MS-OXTNEF §2.1.3.1): level, id, length,
    data, and a 16-bit checksum of the data."""
    return (
        struct.pack("<BHHI", level, name, kind, len(data))
        + data
        + struct.pack("<H", sum(data) & 0xFFFF)
    )


def winmail_dat(files: list[tuple[str, bytes]], body: str = "") -> bytes:
    out = struct.pack("<IH", 0x223E9F78, 0x0102)
    out += _tnef_object(1, 0x9006, 0x0008, struct.pack("<I", 0x00010000))  # version
    out += _tnef_object(1, 0x9007, 0x0006, struct.pack("<II", 1252, 0))  # OEM codepage
    if body:
        out += _tnef_object(1, 0x800C, 0x0002, body.encode("cp1252") + b"\x00")
    for name, data in files:
        out += _tnef_object(2, 0x9002, 0x0006, bytes(14))  # attachment rendering
        out += _tnef_object(2, 0x8010, 0x0001, name.encode("cp1252") + b"\x00")
        out += _tnef_object(2, 0x800F, 0x0006, data)
    return out


def nested(depth: int) -> bytes:
    """A message whose multiparts are nested ``depth`` deep."""
    head = "".join(
        f"Content-Type: multipart/mixed; boundary=b{i}\r\n\r\n--b{i}\r\n" for i in range(depth)
    )
    tail = "".join(f"\r\n--b{i}--" for i in reversed(range(depth)))
    return (
        "From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\nSubject: deep\r\n"
        "Message-ID: <deep@client.test>\r\nMIME-Version: 1.0\r\n"
        + head
        + "Content-Type: text/plain\r\n\r\nthe bottom\r\n"
        + tail
        + "\r\n"
    ).encode()


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (255, 0, 0)) -> bytes:
    """A PNG image of one opaque colour, as an attachment a mail program would send."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
