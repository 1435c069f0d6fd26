"""VISCII, the Vietnamese charset of RFC 1456, which Python has no codec for.

Vietnamese mail of the 1990s and early 2000s was written in VISCII as well as in
windows-1258 and VNI: VISCII gives each of the 134 precomposed letters with their tone
marks a byte of its own, taking the upper range whole and six control bytes of the
lower (0x02, 0x05, 0x06, 0x14, 0x19, 0x1E).  The codec added here
(:mod:`mailgate.parse.own_codecs`) reads and writes it by that table, under the names
mail programs label it with ("VISCII", "csVISCII", "VISCII1.1-1"), made as Python's own
single-byte codecs are: a charmap, which reads and writes whole texts, piece by piece
(incrementally) and as streams by the same table.
"""

from __future__ import annotations

import codecs

from mailgate.parse import own_codecs

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


class _Codec(codecs.Codec):
    def encode(self, input: str, errors: str = "strict") -> tuple[bytes, int]:
        return codecs.charmap_encode(input, errors, _ENCODING)

    def decode(self, input: bytes, errors: str = "strict") -> tuple[str, int]:
        return codecs.charmap_decode(input, errors, _DECODING)


class _IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, input: str, final: bool = False) -> bytes:
        return codecs.charmap_encode(input, self.errors, _ENCODING)[0]


class _IncrementalDecoder(codecs.IncrementalDecoder):
    def decode(self, input: bytes, final: bool = False) -> str:  # type: ignore[override]
        return codecs.charmap_decode(input, self.errors, _DECODING)[0]


class _StreamWriter(_Codec, codecs.StreamWriter):
    pass


class _StreamReader(_Codec, codecs.StreamReader):
    pass


CODEC = codecs.CodecInfo(
    name=VISCII,
    encode=_Codec().encode,
    decode=_Codec().decode,  # type: ignore[arg-type]
    incrementalencoder=_IncrementalEncoder,
    incrementaldecoder=_IncrementalDecoder,
    streamwriter=_StreamWriter,
    streamreader=_StreamReader,
)
own_codecs.add(CODEC, "csVISCII", "VISCII1.1-1", "x-viscii")
