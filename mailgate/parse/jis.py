"""Japanese text with the characters Windows added to JIS X 0208.

Windows' Japanese code page (CP932) adds to the JIS X 0208 character set the NEC special
characters of row 13 (① ② … ⑳, Ⅰ … Ⅹ, №, ℡, ㈱, ㍻, ∮ …) and the NEC-selected IBM
extensions of rows 89–92 (the kanji of names such as 髙 and 﨑, ⅰ … ⅹ, ￤).  Programs that
convert it to the other Japanese encodings keep them: Outlook and Becky! write them in
ISO-2022-JP (Microsoft's CP50220, the same JIS codes after ``ESC $ B``), PHP and Perl
scripts in EUC-JP (eucJP-ms, CP51932: ``AD A1`` for ①).  Python's ``euc_jp`` and
``iso2022_jp_ext`` know JIS X 0208 alone and reject those bytes; ``euc_jis_2004`` reads
most of row 13 but not its ∫ ∑ √ … (JIS X 0208 has them elsewhere), and reads rows
89–92 as other kanji of JIS X 0213.

Two codecs are added here (:mod:`mailgate.parse.own_codecs`), each reading what its
strict namesake reads in the same way, and the extension rows as CP932 has them:

- ``euc_jp_ms``: EUC-JP (JIS X 0208, half-width katakana, JIS X 0212) with rows 13 and
  89–92;
- ``iso2022_jp_ms``: ISO-2022-JP as ``iso2022_jp_ext`` reads it, with the same rows,
  and ISO-2022-JP-2's other sets (KS C 5601, GB 2312, the ISO 8859 G2 sets).

Encoding with them is EUC-JP's and ISO-2022-JP's: mailgate only reads with them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from mailgate.parse import own_codecs

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

EUC_JP_MS = "euc_jp_ms"
ISO2022_JP_MS = "iso2022_jp_ms"

# JIS rows Windows adds, as EUC-JP lead bytes: row 13 (0xAD), rows 89–92 (0xF9–0xFC).
_EXTENSION = rb"[\xad\xf9-\xfc][\xa1-\xfe]"
# EUC-JP characters up to the next extension character, read as ``euc_jp`` aligns them
# (possessive: the loop never gives a byte back to start a character elsewhere).
_UP_TO_EXTENSION = re.compile(
    rb"((?:[\xa1-\xac\xae-\xf8\xfd\xfe][\xa1-\xfe]|\x8e[\xa1-\xdf]|\x8f[\xa1-\xfe][\xa1-\xfe]"
    rb"|[\x00-\xa0\xff]|[\xa1-\xfe](?![\xa1-\xfe]))*+)(" + _EXTENSION + rb")"
)


def _to_cp932(pair: bytes) -> bytes:
    """The CP932 (Shift_JIS) bytes of an EUC-JP two-byte character."""
    row, cell = pair[0] - 0xA0, pair[1] - 0xA0
    lead = ((row - 1) >> 1) + (0x81 if row <= 62 else 0xC1)
    # An odd row takes the lower half of the trail bytes (0x40–0x9E, 0x7F left out),
    # an even row the upper half (0x9F–0xFC).
    trail = cell + (0x3F if cell <= 63 else 0x40) if row % 2 else cell + 0x9E
    return bytes((lead, trail))


def _plain(data: bytes, start: int, whole: bytes, errors: str) -> str:
    try:
        return data.decode("euc_jp", errors)
    except UnicodeDecodeError as e:
        raise UnicodeDecodeError(
            EUC_JP_MS, whole, start + e.start, start + e.end, e.reason
        ) from None


def decode_euc_jp_ms(data: bytes, errors: str = "strict") -> str:
    data = bytes(data)
    try:
        return data.decode("euc_jp")
    except UnicodeDecodeError:
        pass
    out: list[str] = []
    pos = 0
    # Anchored at each step, not searched (``finditer``): a search would run the loop
    # from every later byte to the end again when no extension follows — quadratic in
    # the length.  A byte the loop cannot align ends the steps: the rest is read as
    # euc_jp reads it.
    while (m := _UP_TO_EXTENSION.match(data, pos)) is not None:
        out.append(_plain(m.group(1), pos, data, errors))
        pair = m.group(2)
        try:
            out.append(_to_cp932(pair).decode("cp932"))
        except UnicodeDecodeError:  # a code Windows leaves empty
            out.append(_plain(pair, m.start(2), data, errors))
        pos = m.end()
    out.append(_plain(data[pos:], pos, data, errors))
    return "".join(out)


# ISO-2022-JP's designations → how its bytes are written in EUC-JP.
_ESCAPES = re.compile(rb"(\x1b(?:\(B|\(J|\(I|\$@|\$B|\$\(B|\$\(D))")
_PAIR = re.compile(rb"[\x21-\x7e]{2}")


def _as_euc(data: bytes) -> bytes | None:
    """ISO-2022-JP bytes rewritten as EUC-JP, or None when they hold what ISO-2022-JP
    does not (8-bit bytes, another escape sequence)."""
    if not data.isascii():
        return None
    out = bytearray()
    mode = b"\x1b(B"
    for piece in _ESCAPES.split(data):
        if _ESCAPES.fullmatch(piece):
            mode = piece
            continue
        if b"\x1b" in piece:
            return None
        if mode in (b"\x1b(B", b"\x1b(J"):
            out += piece
        elif mode == b"\x1b(I":
            out += bytes(_kana(piece))
        elif mode == b"\x1b$(D":
            out += _PAIR.sub(lambda m: b"\x8f" + bytes(b | 0x80 for b in m.group()), piece)
        else:
            out += _PAIR.sub(lambda m: bytes(b | 0x80 for b in m.group()), piece)
    return bytes(out)


def _kana(piece: bytes) -> bytearray:
    """JIS X 0201 katakana (after ``ESC ( I``) as EUC-JP writes it: 0x8E and the byte
    with its high bit set."""
    out = bytearray()
    for b in piece:
        out += bytes((0x8E, b | 0x80)) if b > 0x20 else bytes((b,))
    return out


def decode_iso2022_jp_ms(data: bytes, errors: str = "strict") -> str:
    data = bytes(data)
    try:
        return data.decode("iso2022_jp_ext")
    except UnicodeDecodeError as e:
        failed = e
    euc = _as_euc(data)
    if euc is None:
        try:
            # ISO-2022-JP-2 (RFC 1554), as Emacs and some Unix mailers write under the
            # plain label: Korean, Chinese and the G2 sets by their own escapes.
            return data.decode("iso2022_jp_2")
        except UnicodeDecodeError:
            return _as_iso2022_jp_ext(data, errors)
    try:
        return decode_euc_jp_ms(euc, errors)
    except UnicodeDecodeError as e:
        raise UnicodeDecodeError(ISO2022_JP_MS, data, failed.start, failed.end, e.reason) from None


def _as_iso2022_jp_ext(data: bytes, errors: str) -> str:
    try:
        return data.decode("iso2022_jp_ext", errors)
    except UnicodeDecodeError as e:
        if errors == "strict":
            raise UnicodeDecodeError(ISO2022_JP_MS, data, e.start, e.end, e.reason) from None
        # CPython's ISO-2022 decoders raise on an escape sequence cut short whatever
        # they are told: the rest goes to the error handler.
        head = data[: e.start].decode("iso2022_jp_ext", errors)
        cut = UnicodeDecodeError(ISO2022_JP_MS, data, e.start, len(data), e.reason)
        replacement, _ = codecs.lookup_error(errors)(cut)
        return head + str(replacement)


def _codec(name: str, read: Callable[[bytes, str], str], base: str) -> codecs.CodecInfo:
    """The codec ``name``: reading with ``read``, writing as its strict namesake
    ``base`` writes."""

    def decode(data: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
        raw = bytes(data)
        return read(raw, errors), len(raw)

    return codecs.CodecInfo(codecs.lookup(base).encode, decode, name=name)


# Found under their names as labels spell them: "EUC-JP-MS", "euc_jp_ms", "eucJP-ms".
own_codecs.add(_codec(EUC_JP_MS, decode_euc_jp_ms, "euc_jp"))
own_codecs.add(_codec(ISO2022_JP_MS, decode_iso2022_jp_ms, "iso2022_jp_ext"))
