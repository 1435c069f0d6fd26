"""Read every subject of the reading corpus again as programs without MIME's encoded
words send it: the subject's own text as raw 8-bit bytes in each legacy charset of its
script, in a message whose text part is the case's expected text in the same charset —
declared on the part (``declared``), or declared nowhere (``undeclared``: the charset
known from the bytes alone, the body's bytes the evidence). A subject reads right when
mailgate gives back exactly the text the case expects.

This is the corpus's measure of the issue's header class on mail no case was written
as: the charsets a script's mail comes in, the script read from the subject and the
text (Cyrillic in windows-1251 and KOI8-R, Chinese
in GBK and Big5, Japanese in Shift_JIS and EUC-JP, Korean in EUC-KR, Greek, Hebrew,
Arabic, Thai, and the Latin scripts' Western, Central European, Baltic and Turkish code
pages, each by the letters of the languages that use it), counted per charset and
part. A text the charset cannot write is skipped.

    .venv/bin/python -m tests.corpus.raw_subjects            # the table
    .venv/bin/python -m tests.corpus.raw_subjects --list     # the tuning part's misses
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter

from mailgate.parse import parse_message
from tests.corpus.reading import Case, cases
from tests.corpus.split import PARTS, TUNE

# The legacy charsets each script's mail is written in, most used first.
CHARSETS = {
    "KANA": ("shift_jis", "euc-jp"),
    "HANGUL": ("euc-kr",),
    "CJK": ("gbk", "big5"),
    "CYRILLIC": ("windows-1251", "koi8-r"),
    "GREEK": ("iso-8859-7",),
    "HEBREW": ("windows-1255",),
    "ARABIC": ("windows-1256",),
    "THAI": ("tis-620",),
    "LATIN": ("windows-1252",),
    "LATIN CENTRAL": ("windows-1250", "iso-8859-2"),
    "LATIN BALTIC": ("windows-1257",),
    "LATIN TURKISH": ("windows-1254", "iso-8859-9"),
}
# The letters that tell a Latin script's code pages apart: Central European (Polish,
# Czech, Slovak, Hungarian, Slovene, Croatian, Romanian), Baltic, Turkish.
_LATIN_LETTERS = {
    "LATIN TURKISH": set("ğĞıİşŞ"),
    "LATIN BALTIC": set("ėĖįĮųŲūŪāĀēĒīĪķĶļĻņŅģĢ"),
    "LATIN CENTRAL": set("ąĄęĘłŁśŚźŹżŻńŃćĆőŐűŰčČřŘěĚůŮďĎťŤňŇĺĹľĽŕŔđĐțȚșȘţŢşăĂ"),
}
# A text with kana is Japanese and one with Hangul Korean, whatever ideographs it holds.
_ORDER = (
    "KANA",
    "HANGUL",
    "CJK",
    "CYRILLIC",
    "GREEK",
    "HEBREW",
    "ARABIC",
    "THAI",
    "LATIN TURKISH",
    "LATIN BALTIC",
    "LATIN CENTRAL",
    "LATIN",
)
LAYOUTS = ("declared", "undeclared")


def _scripts(text: str) -> set[str]:
    found: set[str] = set()
    for ch in text:
        if ch.isascii():
            continue
        name = unicodedata.name(ch, "")
        if name.startswith(("HIRAGANA", "KATAKANA")):
            found.add("KANA")
        elif "CJK" in name:
            found.add("CJK")
        else:
            found.update(s for s in _ORDER if name.startswith(s))
            found.update(s for s, letters in _LATIN_LETTERS.items() if ch in letters)
    return found


def charsets_for(text: str) -> tuple[str, ...]:
    """The charsets ``text``'s script is mailed in (its first script in ``_ORDER``)."""
    scripts = _scripts(text)
    return next((CHARSETS[s] for s in _ORDER if s in scripts), ())


def message(subject: bytes, body: bytes, charset: str | None) -> bytes:
    head = (
        b"From: client@client.example\r\nTo: support@helpdesk.example\r\nSubject: "
        + subject
        + b"\r\nMessage-ID: <raw-subject@client.example>\r\nMIME-Version: 1.0\r\n"
    )
    if charset is not None:
        head += f"Content-Type: text/plain; charset={charset}\r\n".encode()
        head += b"Content-Transfer-Encoding: 8bit\r\n"
    return head + b"\r\n" + body.replace(b"\n", b"\r\n") + b"\r\n"


def readings(case: Case) -> list[tuple[str, str, bool]]:
    """(layout, charset, read right) for each charset of the case's subject's script."""
    subject = case.expected.get("subject")
    if not subject or subject.isascii():
        return []
    body = case.expected.get("equals") or subject
    out: list[tuple[str, str, bool]] = []
    # The script of the whole mail: a subject of ideographs over Japanese text is Japanese.
    for charset in charsets_for(f"{subject} {body}"):
        try:
            raw_subject, raw_body = subject.encode(charset), body.encode(charset)
        except UnicodeEncodeError:
            continue
        for layout in LAYOUTS:
            declared = charset if layout == "declared" else None
            got = parse_message(message(raw_subject, raw_body, declared)).subject
            out.append((layout, charset, got == subject))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--list", action="store_true", help="list the tuning part's misses")
    a = ap.parse_args(argv)
    counts: Counter[tuple[str, str, str, bool]] = Counter()
    misses: list[str] = []
    for case in cases():
        for layout, charset, right in readings(case):
            counts[(layout, charset, case.part, right)] += 1
            if not right and case.part == TUNE:
                misses.append(f"{layout}\t{charset}\t{case.relative}")
    charsets = list(dict.fromkeys(c for s in _ORDER for c in CHARSETS[s]))
    print("| charset | " + " | ".join(f"{lay}: {p}" for lay in LAYOUTS for p in PARTS) + " |")
    print("|---|" + "---|" * (len(LAYOUTS) * len(PARTS)))
    for charset in charsets:
        cells = []
        for layout in LAYOUTS:
            for part in PARTS:
                right, wrong = (counts[(layout, charset, part, ok)] for ok in (True, False))
                cells.append(f"{right}/{right + wrong}" if right + wrong else "-")
        print(f"| {charset} | " + " | ".join(cells) + " |")
    if a.list:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
