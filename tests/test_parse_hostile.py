"""Malformed and hostile mail: the parser reads what it can, lists defects, never raises."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from mailgate.inbox import dedupe_fields
from mailgate.parse import parse_message
from mailgate.parse.jis import decode_euc_jp_ms
from tests.support.cost import assert_grows_linearly

# Minimal forms of what a mutation fuzzer over the corpora found.
CRASHERS = {
    "nul in charset": b'Content-Type: text/plain; charset="utf\x00-8"\r\n\r\nbody\r\n',
    "8-bit charset label": b'Content-Type: text/plain; charset="utf\xe9"\r\n\r\nbody\r\n',
    "8-bit in a Q word": "Subject: =?utf-8?Q?caf\u00e9_=C3=A9?=\r\n\r\nx".encode(),
    "non-ascii uuencode": b"Content-Type: text/plain\r\n\r\nhi\r\nbegin 644 a.bin\r\n"
    b"M\xe9\xe9\xe9\r\n`\r\nend\r\n",
    "attached message with a broken header": (
        b"Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n"
        b"Content-Type: message/rfc822\r\n\r\nDate: Thu, 29 Apr 2017\n3:34:45 +0000\r\n"
        b"Subject: inner\r\n\r\ninner body\r\n--B--\r\n"
    ),
    "8-bit RFC 2231 boundary": b"Content-Type: multipart/mixed; boundary*=\"x\xad''EeQ\n\nbody\n",
    "nul in subject and body": b"Subject: a\x00b\r\nFrom: x\x00y <x@y.z>\r\n\r\nbo\x00dy",
    # Python's codecs that are no charset: bytes-to-bytes ones, and text ones that
    # raise whatever errors= says.
    **{
        f"{label} as a charset": (
            f"Subject: =?{label}?B?6eno?= x\r\nContent-Type: text/html; charset={label}"
            "\r\n\r\n<meta charset=windows-1255>"
        ).encode()
        + b"caf\xe9 \xe8\xf0\xf1\xf2\xf3\r\n"
        for label in ("rot13", "base64", "hex", "zlib", "uu", "quopri", "idna", "punycode")
    },
    "undefined as a charset": b"Content-Type: text/plain; charset=undefined\r\n\r\ncaf\xe9",
}


@pytest.mark.parametrize("name", sorted(CRASHERS))
def test_known_crashers_parse_with_defects(name: str) -> None:
    parsed = parse_message(CRASHERS[name])
    assert isinstance(parsed.text, str)
    assert "\x00" not in parsed.subject + parsed.text + parsed.reply_text


def test_unreadable_structure_keeps_the_body() -> None:
    parsed = parse_message(CRASHERS["8-bit RFC 2231 boundary"])
    assert any(d.startswith("mime: structure unreadable") for d in parsed.defects)
    assert parsed.attachments, "the body is kept as one part"


def test_very_large_html_is_converted_in_linear_time() -> None:
    def mail(n: int) -> bytes:
        html = "<p>line <b>bold</b> <a href='http://x/'>link</a></p>" * n
        return b"Content-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()

    # ~3 MB: the layout converter would take minutes.
    parsed = assert_grows_linearly(mail, parse_message, 60000)
    assert "line bold link" in parsed.text
    assert any(d.startswith("html: too large") for d in parsed.defects)


def test_message_id_with_control_characters_is_stored_printable() -> None:
    _key, message_id, _sha = dedupe_fields(b"Message-ID: <a\x00b\x1f@c>\r\n\r\nx")
    assert message_id == "ab@c"


_TOKENS = [
    b"=?",
    b"?=",
    b"?B?",
    b"?Q?",
    b"\x00",
    b"\r",
    b"\n\n",
    b"--",
    b"boundary=",
    b"charset=",
    b'"',
    b"<",
    b">",
    b"@",
    b"\xff",
    b"Content-Type: message/rfc822\n",
    b"Content-Transfer-Encoding: base64\n",
    b"=\n",
    b"begin 644 a\n",
    b"utf-7",
    b"charset*0*=",
    b"''",
    b"Content-Type: multipart/alternative; boundary=x\n",
]


def test_mutated_corpus_mail_never_raises(corpora: Path) -> None:
    """A seeded mutation fuzz over the corpora (bytes flipped, tokens inserted, runs cut):
    every result parses.  A few hundred cases keep it quick; the seed keeps it stable."""
    files = sorted(p for p in corpora.rglob("*.eml") if p.is_file())
    rnd = random.Random(20261123)
    for _ in range(400):
        raw = bytearray(rnd.choice(files).read_bytes())
        for _ in range(rnd.randint(1, 20)):
            op, pos = rnd.random(), rnd.randrange(len(raw) + 1)
            if op < 0.3 and raw:
                raw[min(pos, len(raw) - 1)] = rnd.randrange(256)
            elif op < 0.7:
                raw[pos:pos] = rnd.choice(_TOKENS)
            elif raw:
                del raw[pos : pos + rnd.randint(1, 50)]
        parse_message(bytes(raw))


def test_utf8_read_as_euc_jp_costs_linear_time() -> None:
    """UTF-8 text (here with letters from outside the Basic Multilingual Plane) tried as
    EUC-JP with Windows' extensions: the extensions' reader once searched for one again
    from every byte on (42 s of CPU for 40 kB), a denial of service in one mail."""

    def mail(n: int) -> bytes:
        text = "Grüße 𝔘𝔫𝔦 © 😀 ".encode() * n
        return b"Content-Type: text/plain; charset=euc-jp\r\n\r\n" + text + b"\r\n"

    assert_grows_linearly(mail, parse_message, 8000)
    # The codec on its own, where the search was.
    assert_grows_linearly(
        lambda n: "Grüße 𝔘𝔫𝔦 ©".encode() * n, lambda b: decode_euc_jp_ms(b, "replace"), 20000
    )
