"""VISCII, the Vietnamese charset of RFC 1456, which Python has no codec for.

Vietnamese mail of the 1990s and early 2000s was written in VISCII as well as in
windows-1258 and VNI: VISCII gives each of the 134 precomposed letters with their tone
marks a byte of its own, taking the upper range whole and six control bytes of the
lower (0x02, 0x05, 0x06, 0x14, 0x19, 0x1E).  The codec registered here reads and
writes it by that table, under the names mail programs label it with ("VISCII",
"csVISCII", "VISCII1.1-1").
"""

from __future__ import annotations

import codecs
import re

VISCII = "viscii"

# Byte → character, as RFC 1456 (and iconv) map them.
_DECODING = (
    "\x00\x01Ẳ\x03\x04ẴẪ\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13Ỷ\x15\x16\x17\x18Ỹ\x1a\x1b\x1c\x1dỴ\x1f"
    " !\x22#$%&'()*+,-./0123456789:;<=>?"
    "@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\x5c]^_"
    "`abcdefghijklmnopqrstuvwxyz{|}~\x7f"
    "ẠẮẰẶẤẦẨẬẼẸẾỀỂỄỆỐỒỔỖỘỢỚỜỞỊỎỌỈỦŨỤỲ"
    "ÕắằặấầẩậẽẹếềểễệốồổỗỠƠộờởịỰỨỪỬơớƯ"
    "ÀÁÂÃẢĂẳẵÈÉÊẺÌÍĨỳĐứÒÓÔạỷừửÙÚỹỵÝỡư"
    "àáâãảăữẫèéêẻìíĩỉđựòóôõỏọụùúũủýợỮ"
)
_ENCODING = codecs.charmap_build(_DECODING)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return codecs.charmap_encode(text, errors, _ENCODING)


def _decode(data: bytes, errors: str = "strict") -> tuple[str, int]:
    return codecs.charmap_decode(data, errors, _DECODING)


_NAMES = {"viscii", "csviscii", "viscii111", "xviscii"}


def _search(name: str) -> codecs.CodecInfo | None:
    if re.sub(r"[^a-z0-9]", "", name.lower()) not in _NAMES:
        return None
    return codecs.CodecInfo(_encode, _decode, name=VISCII)  # type: ignore[arg-type]


codecs.register(_search)
