#!/usr/bin/env python3
"""CPU per message of ``parse_message`` — the call the processing stage makes on each
message — over the ingest benchmark's mix (``bench/ingest.py``'s generator: plain text,
HTML with a text alternative, attachments, legacy charsets).

    .venv/bin/python bench/parse_cpu.py                 # 1000 messages, 5 rounds
    .venv/bin/python bench/parse_cpu.py -n 2000 --rounds 7
    .venv/bin/python bench/parse_cpu.py --profile 25    # cProfile, the 25 dearest calls
    .venv/bin/python bench/parse_cpu.py --mail ../shared/corpora   # every .eml under it

With ``--mail``, the messages are the ``.eml`` files of a folder instead (the public
corpora's mail: more languages, longer texts, real footers and signatures).

Prints each round's ms of CPU (``time.process_time``) per message and the median; with
``--profile``, one more pass under cProfile sorted by own time, then by cumulative time.
To compare two versions of the code, run the script of one checkout with the other on
``PYTHONPATH`` (the script imports ``mailgate`` from the path, not from its own tree),
in turn on the same machine.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import make_messages  # the bench folder is put on the path above

import mailgate
from mailgate.parse import parse_message


def one_round(msgs: list[bytes]) -> float:
    """ms of CPU per message for one pass over ``msgs``."""
    t0 = time.process_time()
    for raw in msgs:
        parse_message(raw)
    return (time.process_time() - t0) * 1000 / len(msgs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=1000, help="messages (default 1000)")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile, top N")
    ap.add_argument("--mail", type=Path, help="parse every .eml under this folder instead")
    args = ap.parse_args()
    if args.mail:
        msgs = [p.read_bytes() for p in sorted(args.mail.rglob("*.eml"))]
    else:
        msgs = make_messages(args.n, args.seed)
    print(f"mailgate from {Path(mailgate.__file__).parent}; {len(msgs)} messages")
    one_round(msgs[:50])  # warm up: imports, compiled patterns, caches
    rounds = [one_round(msgs) for _ in range(args.rounds)]
    print("rounds: " + ", ".join(f"{r:.2f}" for r in rounds) + " ms CPU/message")
    print(f"median: {statistics.median(rounds):.2f} ms CPU/message")
    if args.profile:
        prof = cProfile.Profile()
        prof.enable()
        for raw in msgs:
            parse_message(raw)
        prof.disable()
        stats = pstats.Stats(prof)
        stats.sort_stats("tottime").print_stats(args.profile)
        stats.sort_stats("cumulative").print_stats(args.profile)


if __name__ == "__main__":
    main()
