"""Header fields as people meant them: RFC 2047 encoded words, raw 8-bit bytes, addresses,
Message-IDs and dates, decoded leniently.

The stdlib's ``policy.default`` header classes are strict and, on hostile input, can
raise while a value is read; mailgate reads the raw values (``compat32``) and decodes
them here, so a bad header costs a defect, never the message.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from mailgate.parse.addresslist import split_mailboxes
from mailgate.parse.charsets import codec_for, decode_bytes, decodes, utf8_by_chance
from mailgate.parse.jis import ISO2022_JP_MS
from mailgate.parse.model import Address

# RFC 2047 §2, read leniently as Thunderbird does: encoded words inside quoted strings or
# glued to other text are decoded too, and a space inside the text is tolerated.
_ENCODED_WORD = re.compile(r"=\?([^?\s]+)\?([QqBb])\?(.*?)\?=")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_DELIMITERS = re.compile(r'[\s,;<>()"\\]')
_FOLD = re.compile(r"\r?\n(?=[ \t])")
_MSGID = re.compile(r"<([^<>\s]+)>")
_BARE_MSGID = re.compile(r"[^<>\s@\"(),;]+@[^<>\s@\"(),;]+")


def unfold(value: str) -> str:
    """RFC 5322 §2.2.3: a folded field is unfolded by removing each CRLF before WSP."""
    return _FOLD.sub("", value).replace("\r", "").replace("\n", " ")


def has_raw_8bit(value: str) -> bool:
    # BytesParser keeps 8-bit header bytes as lone surrogates (surrogateescape).  Most
    # values are ASCII, which a C loop tells at once.
    return not value.isascii() and any("\udc80" <= ch <= "\udcff" for ch in value)


def decode_raw_8bit(value: str, fallback: str | None, defects: list[str], what: str) -> str:
    """Undo the parser's surrogateescape: RFC 6532 says 8-bit header bytes are UTF-8;
    older mailers wrote their own charset there, which is then guessed."""
    if not has_raw_8bit(value):
        return _iso2022(value) if "\x1b" in value else value
    data = value.encode("ascii", "surrogateescape")
    if decodes(data, "utf-8") and not (fallback and utf8_by_chance(data, fallback)):
        return data.decode("utf-8")
    if fallback:
        again = decode_bytes(data, fallback, what=what)
        if again.defect is None:
            note = f"{what}: raw 8-bit bytes, not UTF-8; decoded as {again.charset}"
            if note not in defects:
                defects.append(note)
            return again.text
    # Detection, only when no charset the message gives reads the bytes.
    decoded = decode_bytes(data, "utf-8", what=what)
    if decoded.defect:
        defects.append(decoded.defect)
    return decoded.text


def _iso2022(value: str) -> str:
    """Japanese written raw in ISO-2022-JP, as old Japanese mailers put it in headers: 7-bit
    bytes with escape sequences, read as the text they encode."""
    try:
        return value.encode("ascii").decode(ISO2022_JP_MS)
    except (UnicodeError, LookupError):
        return value


def decode_words(
    value: str,
    defects: list[str],
    what: str = "header",
    fallback: str | None = None,
    relabel: Mapping[str, str] | None = None,
    written: Sequence[str] = (),
) -> str:
    """Decode the encoded words of an unstructured value (a Subject, a display name).
    ``fallback`` is the charset of raw 8-bit bytes; ``relabel`` what the message's labels
    really mean (:attr:`header_charset.MessageCharsets.relabel`), ``written`` the
    charsets its text is written in (:attr:`header_charset.MessageCharsets.written`)."""
    value = decode_raw_8bit(unfold(value), fallback, defects, what)
    if "=?" not in value:
        return value
    out: list[str] = []
    pending: list[tuple[str, bytes]] = []  # adjacent words, joined before decoding
    words: list[tuple[int, int, str, str, str]] = [
        (m.start(), m.end(), m.group(1), m.group(2), m.group(3))
        for m in _ENCODED_WORD.finditer(value)
    ]
    cut = _CUT_WORD.search(value, words[-1][1] if words else 0)
    if cut is not None:
        # The field's last word cut short, its "?=" lost with what followed (a gateway
        # that truncates long subjects): read as far as it goes.
        enc, payload = (cut.group(2), cut.group(3)) if cut.group(2) else cut.group(4, 5)
        words.append((cut.start(), cut.end(), cut.group(1), str(enc), str(payload)))
    pos = 0
    for start, end, label, enc, payload in words:
        between = value[pos:start]
        if between and not (pending and between.isspace()):
            _flush(pending, out, defects, what, relabel, written)
            out.append(between)
        data = _decode_payload(enc.upper(), payload, defects, what)
        if pending and pending[-1][0] == label.lower():
            pending[-1] = (pending[-1][0], pending[-1][1] + data)
        else:
            pending.append((label.lower(), data))
        pos = end
    if cut is not None:
        label, data = pending[-1]
        pending[-1] = (label, _whole_characters(data, label))
        if (note := f"{what}: an encoded word without its end (?=)") not in defects:
            defects.append(note)
    _flush(pending, out, defects, what, relabel, written)
    out.append(value[pos:])
    return "".join(out)


def _whole_characters(data: bytes, label: str) -> bytes:
    """``data`` without the first bytes of a character the cut left at its end (up to
    three: a UTF-8 sequence's, a double byte's), when the rest decodes in ``label``."""
    codec = codec_for(label)
    if codec is None or decodes(data, codec):
        return data
    for size in (1, 2, 3):
        if decodes(data[:-size], codec):
            return data[:-size]
    return data


# An encoded word at the end of a field without its "?=": base64 or Q text to the end.
_CUT_WORD = re.compile(r"=\?([^?\s]+)\?(?:([Bb])\?([A-Za-z0-9+/]+=*)|([Qq])\?([^?\s]+))\s*$")


def encoded_words(value: str) -> list[tuple[str, bytes]]:
    """The label (lower case) and the bytes of each encoded word of ``value``."""
    scratch: list[str] = []
    return [
        (
            m.group(1).split("*", 1)[0].lower(),
            _decode_payload(m.group(2).upper(), m.group(3), scratch, ""),
        )
        for m in _ENCODED_WORD.finditer(unfold(value))
    ]


def _flush(
    pending: list[tuple[str, bytes]],
    out: list[str],
    defects: list[str],
    what: str,
    relabel: Mapping[str, str] | None,
    written: Sequence[str],
) -> None:
    # Multi-byte characters split across two adjacent words (allowed by mailers, not by
    # RFC 2047 §5) come out whole because words of one charset are joined first.
    for label, data in pending:
        decoded = decode_bytes(data, label, what=what, relabel=relabel, written=written)
        if decoded.defect and decoded.defect not in defects:
            defects.append(decoded.defect)
        out.append(decoded.text)
    pending.clear()


def _decode_payload(enc: str, payload: str, defects: list[str], what: str) -> bytes:
    if enc == "Q":
        # Should be ASCII; raw 8-bit text inside a word is taken as the UTF-8 it was.
        raw = payload.replace("_", " ").encode("utf-8", "surrogateescape")
        return _unquote_q(raw)
    cleaned = re.sub(r"[^A-Za-z0-9+/]", "", payload)
    cleaned += "=" * (-len(cleaned) % 4)
    try:
        return base64.b64decode(cleaned)
    except (binascii.Error, ValueError):
        defects.append(f"{what}: malformed base64 encoded word")
        return payload.encode("ascii", "replace")


def _unquote_q(raw: bytes) -> bytes:
    return re.sub(rb"=([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)


def parse_addresses(
    values: list[str],
    defects: list[str],
    what: str,
    fallback: str | None = None,
    relabel: Mapping[str, str] | None = None,
    written: Sequence[str] = (),
) -> tuple[Address, ...]:
    """Address lists from one or more raw header values, split as mail programs show
    them (:mod:`mailgate.parse.addresslist`): the address of ``name <address>`` is the
    one in the brackets.  Display names are decoded only after the list is split, so
    nothing encoded in a name can split a list or become an address; a decoded name is
    one line of text (:func:`display_name`)."""
    found: list[Address] = []
    seen: dict[str, int] = {}
    for raw in values:
        value = unfold(raw)
        if "\x1b" in value:
            # Raw ISO-2022-JP is 7-bit: its bytes can read as quotes, brackets or commas.
            value = _iso2022(value)
        boxes, notes = split_mailboxes(value)
        defects.extend(f"{what}: {note}" for note in notes if f"{what}: {note}" not in defects)
        for box in boxes:
            addr = box.address.strip()
            name = box.name
            if not addr:
                continue
            # Words outside brackets without a domain, or an encoded-word (RFC 2047 §5:
            # never in an address), are no address; a bare local name as in
            # "From: MAILER-DAEMON" is kept.
            unbracketed = not box.angle and ("@" not in addr or _ENCODED_WORD.search(addr))
            if unbracketed and ("@" in addr or not addr.replace("-", "").isalnum()):
                defects.append(f"{what}: not an address: {addr[:80]!r}")
                continue
            addr = decode_raw_8bit(addr, fallback, defects, what)
            unquoted = _QUOTED.sub("", addr)
            if (
                any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\ufffd" for ch in addr)
                or _DELIMITERS.search(unquoted)
                or unquoted.count("@") > 1
            ):
                # A NUL or control byte (or an undecodable one) is in no address, nor,
                # outside quotes, what delimits addresses or a second "@": written back
                # into a header, it would read as several, or as another.
                defects.append(f"{what}: not an address: {addr[:80]!r}")
                continue
            words = decode_words(name, defects, what, fallback, relabel, written) if name else ""
            name = display_name(words) if words else ""
            key = addr.lower()
            if key in seen:
                # "a@b.c <a@b.c>" lists the address twice; keep the entry with a name.
                i = seen[key]
                if name and not found[i].name:
                    found[i] = Address(name, addr)
                continue
            seen[key] = len(found)
            found.append(Address(name, addr))
    return tuple(found)


# Characters a display name is never shown with: controls (CR LF included), line and
# paragraph separators, and format characters such as bidirectional overrides, which
# make a name read as something else.  The joiners that scripts need are kept.
_KEPT_FORMAT = frozenset("\u200c\u200d")


def display_name(value: str) -> str:
    """A decoded display name as one line of text: every control, separator or format
    character becomes a space, runs of spaces one."""
    cleaned = "".join(
        " "
        if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in _KEPT_FORMAT
        else ch
        for ch in value
    )
    return " ".join(cleaned.split())


# An address as a reader recognises one in a display name; the at sign may be a
# look-alike (full-width, small) that a mail program shows as "@".  A match starts only
# where a word starts and its local part is possessive: linear in the name's length.
_AT = "@\uff20\ufe6b"
_STOP = r"\s<>\"'(),;:"
_SHOWN_ADDRESS = re.compile(
    rf"(?<![^{_STOP}{_AT}])[^{_STOP}{_AT}]++[{_AT}][^{_STOP}{_AT}]+\.[^{_STOP}{_AT}.]{{2,}}"
)


def from_warnings(mailboxes: tuple[Address, ...]) -> tuple[str, ...]:
    """Why the From field may mislead a reader: several mailboxes (only the first is read
    as the sender), or a display name that shows an address other than the sender's
    (``"victim@client.example" <attacker@evil.test>``)."""
    if not mailboxes:
        return ()
    warnings: list[str] = []
    if len(mailboxes) > 1:
        listed = ", ".join(a.address for a in mailboxes)
        warnings.append(
            f"the From field names {len(mailboxes)} mailboxes ({listed}); "
            f"{mailboxes[0].address} is read as the sender"
        )
    sender = mailboxes[0]
    for m in _SHOWN_ADDRESS.finditer(sender.name):
        shown = m.group(0).replace("\uff20", "@").replace("\ufe6b", "@").strip(".")
        if shown.lower() != sender.address.lower():
            warnings.append(
                f"the display name shows the address {shown}, but the sender's address is "
                f"{sender.address}"
            )
            break
    return tuple(warnings)


def parse_msgids(value: str | None) -> list[str]:
    """``<a@b> <c@d>`` → ``["a@b", "c@d"]``; bare ids (no angle brackets) are accepted as
    some mailers write them."""
    if not value:
        return []
    value = unfold(value)
    ids = _MSGID.findall(value)
    if not ids:
        ids = _BARE_MSGID.findall(value)
    out: list[str] = []
    for found in ids:
        mid = found.strip()
        if mid and mid not in out:
            out.append(mid)
    return out


def parse_date(value: str | None, defects: list[str]) -> datetime | None:
    if not value:
        return None
    try:
        dt = parsedate_to_datetime(unfold(value).strip())
    except (TypeError, ValueError, IndexError, OverflowError):
        defects.append(f"date: cannot read {value[:60]!r}")
        return None
    if dt.tzinfo is None:
        # RFC 5322 §3.3: "-0000" means the zone is unknown; the time is still UTC-based.
        dt = dt.replace(tzinfo=UTC)
    try:
        return dt.astimezone(UTC)
    except (OverflowError, ValueError):
        defects.append(f"date: out of range {value[:60]!r}")
        return None
