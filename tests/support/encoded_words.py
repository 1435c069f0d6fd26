"""RFC 2047 encoded words as mail programs write them, for the header-charset grids
(``tests/test_header_charsets_grid.py``, ``tests/test_charsets_grid2.py``)."""

from __future__ import annotations

import base64


def q_encoded(data: bytes) -> bytes:
    """RFC 2047 Q encoding: "_" for a space, "=XX" for anything else not plainly safe."""
    out = bytearray()
    for byte in data:
        if byte == 0x20:
            out += b"_"
        elif 0x21 <= byte <= 0x7E and byte not in b"=?_":
            out.append(byte)
        else:
            out += b"=%02X" % byte
    return bytes(out)


def encoded_word(label: str, data: bytes, q: bool = False) -> bytes:
    """``data`` as one encoded word labelled ``label``, B (base64) or Q encoded."""
    encoded = q_encoded(data) if q else base64.b64encode(data)
    return b"=?" + label.encode() + (b"?Q?" if q else b"?B?") + encoded + b"?="
