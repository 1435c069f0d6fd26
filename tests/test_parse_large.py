"""parse and the inbox on large messages: what they read without copying a message whole
gives what the stdlib's and the plain ways give, block boundaries anywhere."""

from __future__ import annotations

import base64
from email.message import Message
from email.parser import BytesParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mailgate.inbox import commit, dedupe_fields
from mailgate.parse import nesting
from mailgate.parse.mime import Part
from mailgate.parse.reader import RAW_POLICY, parse_bytes
from tests.support.mailfactory import build

_PIECES = st.sampled_from(
    ["QUJD", "ZA==", "ZGU=", "A", "=", "==", "\r\n", "\n", "\r", " ", "-", "é", "\udce9", "+/9"]
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(_PIECES, max_size=12).map("".join)
    | st.binary(max_size=80).map(lambda b: base64.encodebytes(b).decode()),
    st.sampled_from(["base64", "BASE64", "base64 ", "quoted-printable", ""]),
)
def test_a_part_decodes_as_the_stdlib_does(text: str, encoding: str) -> None:
    """Part decodes clean base64 itself, from its text; the bytes, the defects and the
    errors are the stdlib's for any text."""
    ours, theirs = Part(policy=RAW_POLICY), Message(policy=RAW_POLICY)
    for m in (ours, theirs):
        if encoding:
            m["Content-Transfer-Encoding"] = encoding
        m.set_payload(text)

    def decoded(m: Message) -> object:
        try:
            return m.get_payload(decode=True)
        except Exception as e:  # noqa: BLE001 - the stdlib's own errors, compared
            return type(e)

    assert decoded(ours) == decoded(theirs)
    assert [type(d) for d in ours.defects] == [type(d) for d in theirs.defects]


@pytest.mark.parametrize("headersonly", [False, True])
def test_the_parser_fed_in_blocks_reads_what_parsebytes_reads(headersonly: bool) -> None:
    raw = build(
        body="Hello\r\n.line\rwith a lone CR\n" * 3000,
        html="<p>Hello</p>" * 5000,
        attachments=[("log.txt", "text/plain", b"x" * 200_000), ("a.bin", "image/png", b"\0" * 9)],
    )
    assert len(raw) > 4 * 65536
    ours = parse_bytes(raw, headersonly=headersonly)
    theirs = BytesParser(policy=RAW_POLICY).parsebytes(raw, headersonly=headersonly)
    assert ours.as_bytes() == theirs.as_bytes()
    assert [p.get_content_type() for p in ours.walk()] == [
        p.get_content_type() for p in theirs.walk()
    ]


@pytest.mark.parametrize("block", [1, 5, 13, 14, 64])
def test_containers_are_counted_the_same_in_blocks_of_any_size(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = (
        b"Content-Type: multipart/mixed; boundary=a\r\n\r\n--a\r\n"
        b"content-TYPE:  MESSAGE/rfc822\r\n\r\nContent-Type: Multipart/Digest\r\n"
        b"x-content-type: multipart/mixed\r\n\tContent-Type: message/rfc822\r\n"
        b"Content-Type: text/plain\r\nContent-Type:\r\n multipart/alternative\r\n"
    )
    whole = nesting._declared_containers(raw)
    assert whole == 5
    monkeypatch.setattr(nesting, "_BLOCK", block)
    assert nesting._declared_containers(raw) == whole


@pytest.mark.parametrize("block", [1, 3, 1 << 20])
def test_the_dedupe_key_reads_a_body_with_lf_line_ends_as_with_crlf(
    block: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Line ends rewritten a block at a time: a CR LF is never split between two."""
    monkeypatch.setattr(commit, "_BLOCK", block)
    head = b"Message-ID: <lf@client.test>\r\nSubject: same\r\n\r\n"
    body = b"line one\r\nline two\r\n\r\n.dot\r\n" * 5000
    crlf = dedupe_fields(head + body)
    assert dedupe_fields(head + body.replace(b"\r\n", b"\n"))[:2] == crlf[:2]
    mixed = body[:50_001] + body[50_001:].replace(b"\r\n", b"\n")
    assert dedupe_fields(head + mixed)[0] == crlf[0]
