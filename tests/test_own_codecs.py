"""The codecs mailgate adds to Python's (:mod:`mailgate.parse.own_codecs`): found by one
search function under the names labels spell them with, each name one codec's, and
VISCII made as Python's single-byte codecs are, reading piece by piece as it reads
whole texts."""

from __future__ import annotations

import codecs
import io
import re
from pathlib import Path

import pytest

from mailgate.parse import charsets, hebrew, jis, own_codecs, viscii

ROOT = Path(__file__).resolve().parent.parent
VIETNAMESE = (
    "Đơn hàng bị hủy",
    "Hóa đơn",
    "Xin chào, tôi muốn được hoàn tiền cho đơn hàng số 4521.",
    "ẲẴẪỶỸỴ ỮỰỨỪỬ",  # letters on VISCII's six control bytes, and capitals of the C1 range
)
EVERY_BYTE = bytes(range(256))


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("VISCII", "viscii"),
        ("viscii", "viscii"),
        ("csVISCII", "viscii"),
        ("VISCII1.1-1", "viscii"),
        ("x-viscii", "viscii"),
        ("EUC-JP-MS", jis.EUC_JP_MS),
        ("eucJP-ms", jis.EUC_JP_MS),
        ("euc_jp_ms", jis.EUC_JP_MS),
        ("ISO-2022-JP-MS", jis.ISO2022_JP_MS),
        ("iso2022_jp_ms", jis.ISO2022_JP_MS),
    ],
)
def test_looked_up_by_the_names_labels_spell(label: str, name: str) -> None:
    assert codecs.lookup(label).name == name
    assert charsets.codec_for(label) == name


@pytest.mark.parametrize("label", ["vis-cii-x", "viscii2", "euc_jp_ms_x", "visci"])
def test_other_names_are_not_theirs(label: str) -> None:
    with pytest.raises(LookupError):
        codecs.lookup(label)


def test_python_codecs_are_left_as_they_are() -> None:
    assert codecs.lookup("euc-jp").name == "euc_jp"
    assert codecs.lookup("iso-2022-jp").name == "iso2022_jp"
    assert codecs.lookup("windows-1258").name == "cp1258"


@pytest.mark.parametrize("text", VIETNAMESE)
def test_viscii_reads_piece_by_piece_as_whole(text: str) -> None:
    data = text.encode("viscii")
    decoder = codecs.getincrementaldecoder("viscii")()
    pieces = [decoder.decode(data[i : i + 1]) for i in range(len(data))]
    assert "".join(pieces) + decoder.decode(b"", final=True) == data.decode("viscii") == text
    encoder = codecs.getincrementalencoder("viscii")()
    assert b"".join(encoder.encode(ch) for ch in text) + encoder.encode("", final=True) == data


def test_viscii_reads_every_byte_piece_by_piece_as_whole() -> None:
    whole = EVERY_BYTE.decode("viscii")
    assert len(whole) == 256
    assert "".join(codecs.iterdecode([bytes([b]) for b in EVERY_BYTE], "viscii")) == whole
    assert whole.encode("viscii") == EVERY_BYTE


def test_viscii_streams() -> None:
    text = VIETNAMESE[2]
    reader = codecs.getreader("viscii")(io.BytesIO(text.encode("viscii")))
    assert reader.read() == text
    out = io.BytesIO()
    codecs.getwriter("viscii")(out).write(text)
    assert out.getvalue() == text.encode("viscii")


def test_viscii_errors_as_told() -> None:
    with pytest.raises(UnicodeEncodeError):
        "Привет".encode("viscii")
    assert "đ€".encode("viscii", errors="replace") == b"\xf0?"
    decoder = codecs.getincrementaldecoder("viscii")(errors="strict")
    assert decoder.decode(b"\x02") == "Ẳ"


def test_the_viscii_label_reads_its_text() -> None:
    text = VIETNAMESE[2]
    decoded = charsets.decode_bytes(text.encode("viscii"), "VISCII")
    assert (decoded.text, decoded.charset, decoded.defect) == (text, "viscii", None)


def test_each_name_is_one_codecs() -> None:
    found = own_codecs.names()
    assert found == {
        "viscii": "viscii",
        "csviscii": "viscii",
        "viscii111": "viscii",
        "xviscii": "viscii",
        "eucjpms": jis.EUC_JP_MS,
        "iso2022jpms": jis.ISO2022_JP_MS,
        "iso88598visual": hebrew.VISUAL,
    }


def test_adding_a_codec_again_changes_nothing() -> None:
    before = own_codecs.names()
    own_codecs.add(viscii.CODEC, "VISCII", "csviscii")
    assert own_codecs.names() == before
    assert codecs.lookup("viscii") is viscii.CODEC


def test_a_taken_name_is_refused() -> None:
    before = own_codecs.names()
    other = codecs.CodecInfo(viscii.CODEC.encode, viscii.CODEC.decode, name="not-viscii")
    with pytest.raises(ValueError, match="viscii"):
        own_codecs.add(other, "cs-viscii")
    with pytest.raises(ValueError, match="Python"):
        own_codecs.add(other, "latin-1")
    # A refused codec leaves none of its names behind.
    assert own_codecs.names() == before
    with pytest.raises(LookupError):
        codecs.lookup("not-viscii")


def test_one_search_function_is_registered() -> None:
    calls = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "mailgate").rglob("*.py"))
        if re.search(r"\bcodecs\.register\(", path.read_text(encoding="utf-8"))
    ]
    assert calls == ["mailgate/parse/own_codecs.py"]
    source = (ROOT / "mailgate" / "parse" / "own_codecs.py").read_text(encoding="utf-8")
    assert len(re.findall(r"\bcodecs\.register\(", source)) == 1
