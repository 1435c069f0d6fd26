"""The listener's fast path for MAIL/RCPT addresses answers exactly as aiosmtpd does."""

from __future__ import annotations

import pytest
from aiosmtpd.smtp import SMTP
from hypothesis import given, settings
from hypothesis import strategies as st

from mailgate.receive.smtp_session import _getaddr

_PROTO = SMTP.__new__(SMTP)

CASES = [
    "<a@b.c>",
    "<a@b.c> SIZE=100",
    "<a@b.c>  SIZE=100 BODY=8BITMIME",
    "<>",
    "<> SIZE=5",
    "a@b.c",
    '<"x y"@b.c>',
    "<@r1,@r2:a@b.c>",
    "<a@[1.2.3.4]>",
    " <a@b.c>",
    "<a..b@c.d>",
    "<.a@c.d>",
    "<a@b.c>x",
    "<jo+tag@client.example>",
    "<a@b.c",
    "<<a@b.c>>",
    "<a b@c.d>",
    "",
]


@pytest.mark.parametrize("arg", CASES)
def test_known_forms(arg: str) -> None:
    assert _getaddr(_PROTO, arg) == SMTP._getaddr(_PROTO, arg)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet='<>@. "a-b+_[]:,\\xé', max_size=24))
def test_any_argument(arg: str) -> None:
    try:
        expected = SMTP._getaddr(_PROTO, arg)
    except Exception:  # noqa: BLE001
        expected = (None, None)  # aiosmtpd raises; mailgate calls it a syntax error
    assert _getaddr(_PROTO, arg) == expected


def test_local_part_limit_is_kept() -> None:
    proto = SMTP.__new__(SMTP)
    proto.local_part_limit = 5
    assert _getaddr(proto, "<toolong@b.c>") == (None, None)
    assert _getaddr(proto, "<short@b.c>") == ("short@b.c", "")
