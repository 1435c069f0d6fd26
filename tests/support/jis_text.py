"""Japanese in ISO-2022-JP as Outlook writes it (CP50220), for the charset grids that
build such mail byte by byte: CP932's characters, the NEC and IBM rows too, as their JIS
codes after ESC $ B."""

from __future__ import annotations

from functools import cache


@cache
def _nec_selected() -> dict[bytes, bytes]:
    """CP932's IBM extension bytes (FA–FC) → the NEC-selected rows' (ED–EE) for the same
    character, as the JIS forms of CP932 write them (rows 89–92)."""
    out: dict[bytes, bytes] = {}
    for lead in (0xED, 0xEE):
        for trail in range(0x40, 0xFD):
            try:
                ch = bytes((lead, trail)).decode("cp932")
            except UnicodeDecodeError:
                continue
            ibm = ch.encode("cp932")
            if ibm != bytes((lead, trail)):
                out[ibm] = bytes((lead, trail))
    return out


def outlook_jis(text: str) -> bytes:
    """``text`` in ISO-2022-JP as Outlook writes it (CP50220): CP932's characters, the
    NEC and IBM rows too, as their JIS codes after ESC $ B."""
    out = bytearray()
    two_byte = False
    for ch in text:
        sjis = ch.encode("cp932")
        if len(sjis) == 1:
            if two_byte:
                out += b"\x1b(B"
                two_byte = False
            out += sjis
            continue
        sjis = _nec_selected().get(sjis, sjis)
        s1, s2 = sjis
        s1 -= 0x40 if s1 >= 0xE0 else 0
        row = (s1 - 0x81) * 2 + 1
        if s2 >= 0x9F:
            row, cell = row + 1, s2 - 0x9E
        else:
            cell = s2 - (0x3F if s2 < 0x7F else 0x40)
        if not two_byte:
            out += b"\x1b$B"
            two_byte = True
        out += bytes((row + 0x20, cell + 0x20))
    if two_byte:
        out += b"\x1b(B"
    return bytes(out)
