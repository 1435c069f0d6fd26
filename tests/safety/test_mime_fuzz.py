"""Random but plausible MIME, and random damage to it, through the real pipeline on a
temporary SQLite store: parse → classify → thread → store never raises, and every
message ends on its ticket, or held or quarantined with a reason, its raw bytes kept.

The generator builds trees of nested multiparts (mixed, alternative, related, report,
digest) with message/rfc822 inside, text in many charsets and under wrong charset
labels, every transfer encoding including broken base64 and quoted-printable, long,
folded and encoded-word header fields, odd and missing boundaries; the mutations flip,
cut, repeat and insert bytes (CR, LF, NUL, 8-bit) anywhere in the result."""

from __future__ import annotations

import base64
import quopri
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mailgate.config import Config, config_from_toml
from mailgate.envelope import Envelope
from mailgate.errors import ActionRefused
from mailgate.inbox import store_messages
from mailgate.notify import Notifier, Templates
from mailgate.parse import parse_message
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import Event, InboxRow, Message, OutboxRow
from mailgate.tickets.actions import Agent, change_status, post_reply
from mailgate.tickets.autoclose import auto_close
from tests.support.config import make_toml

SUPPORT = "support@helpdesk.test"
FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,  # nothing recorded between runs: the examples come from the seed only
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# -- leaves: text and bytes ----------------------------------------------------------------

CHARSETS = [
    "utf-8", "iso-8859-1", "windows-1252", "koi8-r", "shift_jis", "euc-jp", "gb2312",
    "big5", "iso-2022-jp", "utf-16", "utf-7", "us-ascii", "latin1", "utf8", "x-unknown",
    "unicode-1-1-utf-7", "", "ks_c_5601-1987", "iso-8859-8-i", "\"utf-8\"",
]  # fmt: skip
ENCODINGS = ["7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "bogus", ""]
WORDS = st.text(
    alphabet=st.characters(
        codec="utf-8", exclude_categories=("Cs",), min_codepoint=1, max_codepoint=0x2FFFF
    ),
    max_size=60,
)
TEXT = st.one_of(
    WORDS,
    st.sampled_from(
        [
            "Grüße aus Köln",
            "Привет, мир",
            "こんにちは世界",
            "你好，世界",
            "שלום",
            "🙂 ok",
            "<p>Hello <b>there</b><script>x()</script></p>",
            "=?utf-8?q?not_a_header?=",
            "line\r\n.\r\nafter the dot",
            "begin 644 x.bin\n#86)C\n`\nend\n",
            "> quoted\n> more\n\nOn Mon, Jo wrote:\n> old",
            "--b\r\n--b--",
        ]
    ),
    st.builds(lambda s, n: s * n, WORDS, st.integers(1, 200)),
)


def _encode_text(text: str, charset: str) -> bytes:
    try:
        return text.encode(charset.strip('"') or "ascii", "replace")
    except LookupError:
        return text.encode("utf-8")


@st.composite
def transfer(draw: st.DrawFn, data: bytes) -> tuple[str, bytes]:
    """A Content-Transfer-Encoding and the body under it, sometimes broken."""
    cte = draw(st.sampled_from(ENCODINGS))
    if cte == "base64":
        body = base64.encodebytes(data)
        damage = draw(st.sampled_from(["none", "cut", "junk", "nopad", "spaces"]))
        if damage == "cut" and body:
            body = body[: draw(st.integers(0, len(body)))]
        elif damage == "junk":
            body = body + b"!!**\xff==\r\nA"
        elif damage == "nopad":
            body = body.replace(b"=", b"")
        elif damage == "spaces":
            body = b" ".join(body.split(b"\n"))
    elif cte == "quoted-printable":
        body = quopri.encodestring(data)
        if draw(st.booleans()):
            body += draw(st.sampled_from([b"=ZZ", b"=", b"=\r", b"=4", b"= \r\n=\xff"]))
    else:
        body = data
    return cte, body


# -- header fields ---------------------------------------------------------------------------


@st.composite
def encoded_word(draw: st.DrawFn) -> str:
    text = draw(TEXT)
    charset = draw(st.sampled_from(CHARSETS))
    raw = _encode_text(text, charset)
    if draw(st.booleans()):
        word = f"=?{charset}?B?{base64.b64encode(raw).decode()}?="
    else:
        word = f"=?{charset}?Q?{quopri.encodestring(raw, header=True).decode('ascii')}?="
    if draw(st.booleans()):
        word = word[: draw(st.integers(0, len(word)))]  # cut off
    return word


@st.composite
def header_value(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["text", "encoded", "long", "folded", "address", "ids"]))
    if kind == "encoded":
        return " ".join(draw(st.lists(encoded_word(), min_size=1, max_size=4)))
    if kind == "long":
        return draw(TEXT) + "x" * draw(st.integers(900, 5000))
    if kind == "folded":
        parts = draw(
            st.lists(WORDS.map(lambda s: s.replace("\r", "").replace("\n", "")), max_size=6)
        )
        return "\r\n\t".join(p or "x" for p in parts)
    if kind == "address":
        return draw(
            st.sampled_from(
                [
                    '"Jo, Client" <jo@client.test>', "<>", "jo@", "@client.test", "a@b@c",
                    "undisclosed-recipients:;", "Jo <jo@client.test", '"unterminated <x@y>',
                    "=?utf-8?b?Sm8=?= <jo@client.test>", "jo@[127.0.0.1]", "(comment) jo@x.test",
                ]
            )
        )  # fmt: skip
    if kind == "ids":
        return " ".join(draw(st.lists(st.sampled_from(["<a@b>", "<>", "<x", "y>", "<c@d> junk"]))))
    return draw(WORDS).replace("\r", " ").replace("\n", " ")


HEADER_NAMES = [
    "Subject", "From", "To", "Cc", "Reply-To", "Sender", "Message-ID", "In-Reply-To",
    "References", "Date", "Auto-Submitted", "Precedence", "List-Id", "Return-Path",
    "X-Spam-Status", "Content-Disposition", "X-Very-Long-Name-" + "y" * 200,
]  # fmt: skip


@st.composite
def extra_headers(draw: st.DrawFn) -> list[str]:
    names = draw(st.lists(st.sampled_from(HEADER_NAMES), max_size=6))
    return [f"{n}: {draw(header_value())}" for n in names]


# -- the tree --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    lines: list[str]  # header lines
    body: bytes


def _render(part: Part) -> bytes:
    head = "\r\n".join(part.lines).encode("utf-8", "surrogateescape")
    return head + b"\r\n\r\n" + part.body


@st.composite
def leaf(draw: st.DrawFn) -> Part:
    ctype = draw(
        st.sampled_from(
            ["text/plain", "text/html", "application/octet-stream", "image/png",
             "text/calendar", "message/delivery-status", "application/pdf", "text/x-weird"]
        )
    )  # fmt: skip
    declared = draw(st.sampled_from(CHARSETS))
    actual = draw(st.sampled_from([declared, *CHARSETS[:6]]))  # often a wrong label
    data = (
        _encode_text(draw(TEXT), actual)
        if ctype.startswith(("text/", "message/"))
        else draw(st.binary(max_size=300))
    )
    cte, body = draw(transfer(data))
    lines = [f"Content-Type: {ctype}" + (f"; charset={declared}" if declared else "")]
    if cte:
        lines.append(f"Content-Transfer-Encoding: {cte}")
    if draw(st.booleans()):
        name = draw(st.one_of(WORDS, encoded_word()))
        disposition = draw(st.sampled_from(["attachment", "inline", "x"]))
        lines.append(f'Content-Disposition: {disposition}; filename="{name}"')
    return Part(lines, body)


BOUNDARIES = st.one_of(
    st.text(alphabet="abcXYZ0123456789'()+_,-./:=? ", min_size=1, max_size=70),
    st.sampled_from(["b", "--", "a b", "=_NextPart_000", "x" * 200, "\u00e9", ""]),
)


def multipart(children: st.SearchStrategy[Part]) -> st.SearchStrategy[Part]:
    @st.composite
    def build(draw: st.DrawFn) -> Part:
        subtype = draw(
            st.sampled_from(["mixed", "alternative", "related", "report", "digest", "signed"])
        )
        boundary = draw(BOUNDARIES)
        kids = draw(st.lists(children, max_size=4))
        quote = draw(st.booleans())
        param = f'boundary="{boundary}"' if quote else f"boundary={boundary}"
        body = draw(st.sampled_from([b"", b"This is a multi-part message in MIME format.\r\n"]))
        for kid in kids:
            body += b"--" + boundary.encode() + b"\r\n" + _render(kid) + b"\r\n"
        ending = draw(st.sampled_from(["close", "missing", "truncated", "other"]))
        if ending == "close":
            body += b"--" + boundary.encode() + b"--\r\n"
        elif ending == "truncated":
            body += b"--" + boundary.encode()[: len(boundary) // 2]
        elif ending == "other":
            body += b"--not-the-boundary--\r\n"
        lines = [f"Content-Type: multipart/{subtype}; {param}"]
        if subtype == "report":
            lines[0] += "; report-type=delivery-status"
        if draw(st.booleans()):
            lines += draw(extra_headers())
        return Part(lines, body)

    return build()


def message_part(children: st.SearchStrategy[Part]) -> st.SearchStrategy[Part]:
    @st.composite
    def build(draw: st.DrawFn) -> Part:
        inner = draw(children)
        inner = Part([*draw(extra_headers()), *inner.lines], inner.body)
        return Part(["Content-Type: message/rfc822"], _render(inner))

    return build()


TREE = st.recursive(
    leaf(),
    lambda children: st.one_of(multipart(children), message_part(children)),
    max_leaves=12,
)


@st.composite
def message(draw: st.DrawFn) -> bytes:
    body = draw(TREE)
    n = draw(st.integers(0, 10_000))
    top = [
        f"From: {draw(st.sampled_from(['Jo <jo@client.test>', f'u{n}@client.test']))}",
        f"To: {SUPPORT}",
        f"Message-ID: <fuzz{n}@client.test>",
        *draw(extra_headers()),
        "MIME-Version: 1.0",
        *body.lines,
    ]
    return _render(Part(top, body.body))


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    raw = bytearray(draw(message()))
    for _ in range(draw(st.integers(1, 8))):
        op = draw(st.sampled_from(["flip", "cut", "insert", "repeat", "delete", "truncate"]))
        at = draw(st.integers(0, len(raw)))
        if op == "flip" and at < len(raw):
            raw[at] = draw(st.integers(0, 255))
        elif op == "insert":
            raw[at:at] = draw(
                st.sampled_from([b"\r", b"\n", b"\x00", b"\r\n\r\n", b"\xff\xfe", b"--", b"=?"])
            )
        elif op == "repeat":
            end = min(len(raw), at + draw(st.integers(1, 200)))
            raw[at:at] = raw[at:end] * draw(st.integers(1, 5))
        elif op == "delete":
            del raw[at : at + draw(st.integers(1, 50))]
        elif op == "truncate":
            del raw[at:]
    return bytes(raw)


# -- the pipeline ------------------------------------------------------------------------------


@dataclass
class Pipeline:
    config: Config
    store: Store
    processor: Processor

    def run(self, raw: bytes) -> None:
        assert parse_message(raw) is not None  # the pure stage alone never raises either
        [result] = store_messages(
            self.store, [(Envelope("smtp", "jo@client.test", (SUPPORT,), "127.0.0.1"), raw)]
        )
        self.processor.run_once()
        with self.store.read() as s:
            row = s.get(InboxRow, result.inbox_id)
            assert row is not None, "stored"
            assert row.raw == raw or result.duplicate, "the raw bytes are kept as received"
            assert row.state in ("processed", "held", "quarantined"), (row.state, row.error)
            if row.state in ("held", "quarantined"):
                assert row.error, "a message held or quarantined says why"
            else:
                assert row.ticket_id is not None, "processed means on a ticket"
                on_ticket = s.query(Message).filter_by(inbox_id=row.id).count()
                assert on_ticket == 1, "on its ticket, once"


@pytest.fixture
def pipeline(tmp_path: Path) -> Iterator[Pipeline]:
    # A high flood limit: the examples come from few senders.
    config = config_from_toml(
        make_toml(tmp_path)
        .replace("[security]\n", "[security]\nnew_tickets_per_hour = 100000\n", 1)
        .replace("[database]\n", '[database]\nsynchronous = "normal"\n'),
        "<test>",
    )
    store = Store(config.database)
    upgrade(store)
    yield Pipeline(config, store, Processor(config, store))
    store.dispose()


@FUZZ
@given(raw=message())
def test_random_mime_is_processed_or_quarantined(pipeline: Pipeline, raw: bytes) -> None:
    pipeline.run(raw)


@FUZZ
@given(raw=mutated())
def test_randomly_damaged_mime_is_processed_or_quarantined(pipeline: Pipeline, raw: bytes) -> None:
    pipeline.run(raw)


# -- what the generator found, kept as fixtures ------------------------------------------------

FOUND = {
    # A NUL inside the From address: it became U+FFFD and the acknowledgment could not
    # be composed, so the message failed instead of being quarantined.
    "nul_in_from": b"From: Jo \x00jo@client.test>\r\nTo: support@helpdesk.test\r\n"
    b"Message-ID: <f1@client.test>\r\n\r\nhi\r\n",
    # A raw 8-bit byte in the Message-ID reached the database as a lone surrogate.
    "8bit_in_message_id": b"From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\n"
    b"Message-ID: \x80f2@client.test>\r\nIn-Reply-To: <\xff@x>\r\n\r\nhi\r\n",
    # A raw 8-bit byte in the content type reached the attachments table as a surrogate.
    "8bit_in_content_type": b"From: Jo <jo@client.test>\r\nTo: support@helpdesk.test\r\n"
    b"Message-ID: <f3@client.test>\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/\x80lain; charset=utf-8\r\n\r\nhi\r\n",
}


@pytest.mark.parametrize("name", list(FOUND))
def test_what_the_generator_found(pipeline: Pipeline, name: str) -> None:
    pipeline.run(FOUND[name])


@pytest.mark.parametrize(
    "address", ["jö@client.test", "jo@clïent.test"], ids=["utf8_local_part", "idn_domain"]
)
def test_a_non_ascii_sender_gets_a_ticket_and_no_acknowledgment(
    pipeline: Pipeline, address: str
) -> None:
    """RFC 6532 addresses: the ticket opens; the acknowledgment, which would need
    SMTPUTF8, is withheld and the ticket's history says why."""
    raw = (
        f"From: Jö <{address}>\r\nTo: {SUPPORT}\r\nSubject: Grüße\r\n"
        f"Message-ID: <eai@client.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhi\r\n"
    ).encode()
    pipeline.run(raw)
    with pipeline.store.read() as s:
        row = s.query(InboxRow).one()
        assert (row.state, row.ticket_id) == ("processed", 1)
        assert s.query(OutboxRow).filter_by(kind="ticket_opened").count() == 0
        [withheld] = s.query(Event).filter_by(kind="acknowledgment_withheld").all()
        assert withheld.data["to"] == address
        assert "SMTPUTF8" in withheld.data["reason"]
    # An agent's answer is refused with the reason, not an internal error.
    notifier = Notifier(pipeline.config, Templates(None))
    with pytest.raises(ActionRefused, match=r"cannot be answered by mail.*SMTPUTF8"):
        post_reply(pipeline.store, notifier, 1, "Hello.", Agent("ann@staff.test"))
    with pytest.raises(ActionRefused, match=r"cannot be told by mail.*SMTPUTF8"):
        change_status(pipeline.store, notifier, 1, "answered", Agent("ann@staff.test"))
    # Answered without telling the client: the auto-close job leaves this ticket open
    # (its notice cannot be sent) and goes on with the others.
    change_status(pipeline.store, notifier, 1, "answered", Agent("ann@staff.test"), notify=False)
    later = datetime.now(UTC) + timedelta(days=30)
    result = auto_close(pipeline.store, notifier, pipeline.config, later)
    assert result.closed == ()
    assert [number for number, _why in result.failed] == [1]
