#!/usr/bin/env python3
"""HTML-to-text converters for mailgate's reading, compared in one run: inscriptis (what
mailgate uses) and html2text, each put in mailgate's place.

Figures printed, per converter:
  reply cases   share of talon's reply fixtures (HTML and .eml) whose reply text passes the
                corpora's score_reply.py checks
  layout        of 7 layout checks on a typical support mail (a list's items on lines of
                their own, a table's cells on one row, a link's target shown, a <br>
                kept, no markup characters added to plain words, an inline image named,
                no Markdown table rules: the text is read as text, not rendered)
  time          seconds to convert every HTML body found in the corpora, and the ratio
                to inscriptis

    .venv/bin/python bench/html_text.py [--corpora ../shared/corpora] [--rounds 3]
"""

from __future__ import annotations

import argparse
import contextlib
import email
import email.policy
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import html2text  # noqa: E402

import mailgate.parse.html as html_mod  # noqa: E402
from tests.corpus.engines import mailgate  # noqa: E402
from tests.corpus.scoring import score_replies  # noqa: E402

SAMPLE = """<html><body><p>Hello,</p><p>the printer fails since the update:</p>
<ul><li>first step: power on</li><li>second step: print a page</li></ul>
<table><tr><td>Model</td><td>HL-2270DW</td></tr><tr><td>Firmware</td><td>1.15</td></tr></table>
<p>Log: <a href="https://files.example.com/log.txt">the log</a><br>Line two after a break
</p><p>Jo_Client *urgent* <img src="cid:shot@x" alt="shot"></p></body></html>"""


_MAILGATE_LAYOUT = html_mod._layout_text


def inscriptis_text(html: str) -> str:
    """inscriptis as mailgate configures it (its own layout function)."""
    return _MAILGATE_LAYOUT(html)


def html2text_text(html: str) -> str:
    h = html2text.HTML2Text()
    h.body_width = 0
    h.ignore_images = True
    return h.handle(html)


CONVERTERS: dict[str, Callable[[str], str]] = {
    "inscriptis": inscriptis_text,
    "html2text": html2text_text,
}


def layout_score(convert: Callable[[str], str]) -> int:
    html_mod._layout_text = convert
    text = html_mod.html_to_text(SAMPLE, {"shot@x": "screenshot.png"})
    checks = [
        re.search(r"(?m)^\W*first step: power on\s*$", text) is not None,
        re.search(r"(?m)^\W*Model\W+HL-2270DW\W*$", text) is not None,
        "files.example.com/log.txt" in text,
        re.search(r"log\S*\s*\n\s*Line two", text) is not None,
        "Jo_Client *urgent*" in text,
        "[image: screenshot.png]" in text,
        re.search(r"(?m)^[-|: ]*-[-|: ]*\|[-|: ]*$", text) is None,
    ]
    return sum(checks)


def html_bodies(corpora: Path) -> list[str]:
    out = []
    for p in sorted(corpora.rglob("*")):
        if not p.is_file() or p.suffix in (".json", ".py", ".md") or p.name == "ORIGIN.txt":
            continue
        raw = p.read_bytes()
        if p.suffix == ".html":
            out.append(raw.decode("utf-8", "replace"))
            continue
        if b"text/html" not in raw[:200000].lower():
            continue
        msg = email.message_from_bytes(raw, policy=email.policy.compat32)
        for part in msg.walk():
            if part.get_content_type() == "text/html":
                data = part.get_payload(decode=True)
                if isinstance(data, bytes):
                    out.append(data.decode("utf-8", "replace"))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    default = Path(os.environ.get("MAILGATE_CORPORA", REPO.parent / "shared" / "corpora"))
    ap.add_argument("--corpora", type=Path, default=default)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args()
    bodies = html_bodies(a.corpora)
    original = html_mod._layout_text
    rows = []
    for name, convert in CONVERTERS.items():
        html_mod._layout_text = convert
        replies = score_replies(a.corpora, {name: mailgate})[name]
        talon = replies.get("reply-talon")
        cases = talon.cell("case_pass") if talon else "-"
        layout = layout_score(convert)
        best = float("inf")
        for _ in range(a.rounds):
            t0 = time.perf_counter()
            for body in bodies:
                # A converter that fails on a body has spent its time all the same.
                with contextlib.suppress(Exception):
                    convert(body)
            best = min(best, time.perf_counter() - t0)
        rows.append((name, cases, layout, best))
    html_mod._layout_text = original
    base = rows[0][3]
    print(f"{len(bodies)} HTML bodies from the corpora, best of {a.rounds} rounds\n")
    print("| converter | talon reply cases | layout checks | time (s) | time / inscriptis |")
    print("|---|---|---|---|---|")
    for name, cases, layout, secs in rows:
        print(f"| {name} | {cases} | {layout}/7 | {secs:.2f} | {secs / base:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
