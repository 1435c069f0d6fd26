"""A file name given twice — plain for readers without RFC 2231 and encoded for those
with it (``filename="invoice.pdf"; filename*=utf-8''Счёт.pdf``), as mail libraries
that write a fallback do — is read from its encoded form, whichever comes first, in
Content-Disposition and in Content-Type's ``name``."""

from __future__ import annotations

import pytest

from mailgate.parse import parse_message

ENCODED = "utf-8''%D0%A1%D1%87%D1%91%D1%82%20%E2%84%96%205.pdf"
NAME = "Счёт № 5.pdf"


def _names(fields: str) -> list[str]:
    raw = (
        "From: a@client.test\r\nTo: s@helpdesk.test\r\nSubject: file\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        "--b1\r\nContent-Type: text/plain\r\n\r\nthe invoice\r\n"
        f"--b1\r\n{fields}\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n--b1--\r\n"
    )
    return [a.filename for a in parse_message(raw.encode()).attachments]


PDF = "Content-Type: application/pdf"
CD = "Content-Disposition: attachment"
PLAIN = 'filename="invoice.pdf"'


@pytest.mark.parametrize(
    "fields",
    [
        f"{PDF}\r\n{CD}; {PLAIN}; filename*={ENCODED}",
        f"{PDF}\r\n{CD}; filename*={ENCODED}; {PLAIN}",
        f"{PDF}\r\n{CD};\r\n {PLAIN};\r\n filename*={ENCODED}",
        f'{PDF}; name="invoice.pdf"; name*={ENCODED}\r\n{CD}',
        f'{PDF}; name*={ENCODED}; name="invoice.pdf"\r\n{CD}',
        f"{PDF}\r\n{CD}; {PLAIN};\r\n filename*0*=utf-8''%D0%A1%D1%87%D1%91%D1%82;"
        "\r\n filename*1*=%20%E2%84%96%205.pdf",
    ],
)
def test_encoded_form_chosen(fields: str) -> None:
    assert _names(fields) == [NAME]


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        (f"{PDF}\r\n{CD}; {PLAIN}", "invoice.pdf"),
        (f"{PDF}\r\n{CD}; filename*={ENCODED}", NAME),
        # Content-Disposition's name before Content-Type's, whichever form each has.
        (f"{PDF}; name*={ENCODED}\r\n{CD}; {PLAIN}", "invoice.pdf"),
        (f'{PDF}; name="report.pdf"\r\n{CD}', "report.pdf"),
    ],
)
def test_one_form_read_as_it_is(fields: str, name: str) -> None:
    assert _names(fields) == [name]
