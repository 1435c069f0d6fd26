"""Print how well mailgate reads the corpora, beside the libraries it was compared with,
all measured in this one run.

    .venv/bin/python -m tests.corpus.score [--corpora ../shared/corpora] [--failures N]
        [--include-config-dependent]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from tests.corpus.engines import FIELD_ENGINES, REPLY_ENGINES
from tests.corpus.scoring import (
    FIELD_METRICS,
    PART_MARK,
    REPLY_METRICS,
    Tally,
    score_fields,
    score_replies,
)

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPORA = Path(os.environ.get("MAILGATE_CORPORA", REPO.parent / "shared" / "corpora"))


def _table(title: str, results: dict[str, dict[str, Tally]], metrics: tuple[str, ...]) -> None:
    print(f"\n{title}\n")
    print("| source | reader | " + " | ".join(metrics) + " |")
    print("|---|---|" + "---|" * len(metrics))
    sources = [k for k in next(iter(results.values())) if PART_MARK not in k]
    ordered = [s for s in sources if s != "ALL"] + ["ALL"]
    for src in ordered:
        for engine, per in results.items():
            tally = per.get(src, Tally())
            cells = " | ".join(tally.cell(m) for m in metrics)
            label = f"**{engine}**" if engine == "mailgate" else engine
            print(f"| {src} | {label} | {cells} |")


def _part_table(results: dict[str, dict[str, Tally]]) -> None:
    print("\nReply text by part (tests.corpus.split): case_pass\n")
    engines = list(results)
    print("| source | part | " + " | ".join(engines) + " |")
    print("|---|---|" + "---|" * len(engines))
    keys = [k for k in next(iter(results.values())) if PART_MARK in k]
    for key in sorted(keys, key=lambda k: (k.startswith("ALL"), k)):
        src, part = key.split(PART_MARK)
        cells = " | ".join(results[e].get(key, Tally()).cell("case_pass") for e in engines)
        print(f"| {src} | {part} | {cells} |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    ap.add_argument("--failures", type=int, default=0, help="print N failing cases per reader")
    ap.add_argument(
        "--include-config-dependent",
        action="store_true",
        help="also the message cases their authors' tests pass only with a setting of theirs",
    )
    a = ap.parse_args(argv)
    if not (a.corpora / "score_reply.py").exists():
        print(f"no corpora at {a.corpora}", file=sys.stderr)
        return 2
    replies = score_replies(a.corpora, REPLY_ENGINES)
    fields = score_fields(a.corpora, FIELD_ENGINES, a.include_config_dependent)
    _table("Reply text (reply-* fixtures, score_reply.py checks)", replies, REPLY_METRICS)
    _part_table(replies)
    _table("Message fields (authors' expectations)", fields, FIELD_METRICS)
    if a.failures:
        for title, results in (("reply", replies), ("fields", fields)):
            for engine, per in results.items():
                shown = 0
                for src, tally in per.items():
                    for file, _case, got in tally.failures:
                        if shown >= a.failures:
                            break
                        print(f"\n[{title} {engine}] {src} {file}\n  got: {str(got)[:400]!r}")
                        shown += 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
