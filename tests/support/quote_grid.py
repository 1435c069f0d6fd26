"""The client's reply of the quote-header grids (``tests/test_quote_header_grid.py``,
``tests/test_quote_header_grid2.py``): the support's message it answers, and the reply
sent as a mail program sends it and read back."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP

from mailgate.parse.reader import parse_message

SUBJECT = "[#4521] Printer / Scanner"

# The support's message the client answers.
ORIGINAL = [
    "Hello,",
    "",
    "we restarted the print server and installed the new driver on all computers.",
    "Please let us know whether the problem is solved.",
    "",
    "Best regards,",
    "Anna Schmidt",
    "Helpdesk",
]


def message(text: str, charset: str, cte: str) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = "Jane Client <jane@client.example>"
    msg["To"] = "Helpdesk <support@helpdesk.example>"
    msg["Subject"] = f"RE: {SUBJECT}"
    msg["Date"] = "Mon, 02 Jun 2025 11:30:00 +0200"
    msg["Message-ID"] = "<grid-reply@client.example>"
    if charset == "utf-8":
        msg.set_content(text, charset="utf-8", cte=cte)
    else:
        # A legacy charset, as the language's older programs send it.
        payload = text.encode(charset, errors="strict")
        msg.set_content(payload, maintype="text", subtype="plain", cte=cte)
        msg.replace_header("Content-Type", f'text/plain; charset="{charset}"')
    return msg.as_bytes()


def read(text: str, charset: str = "utf-8", cte: str = "quoted-printable") -> str:
    return parse_message(message(text, charset, cte)).reply_text
