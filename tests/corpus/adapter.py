"""One message through one reader, printed as the flat JSON the corpora's scorers read:
the adapter that lets ``score_reply.py`` run the libraries the way it runs mailgate.

    python3 ../shared/corpora/score_reply.py \\
        --cmd '.venv/bin/python -m tests.corpus.adapter --reader mail-parser-reply {file}'

(readers: mailgate, mail-parser-reply, email-reply-parser, stdlib email).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tests.corpus.engines import FIELD_ENGINES, REPLY_ENGINES


def main(argv: list[str] | None = None) -> int:
    readers = {**REPLY_ENGINES, **FIELD_ENGINES}
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--reader", choices=sorted(readers), default="mailgate")
    ap.add_argument("file", type=Path)
    a = ap.parse_args(argv)
    doc = readers[a.reader](a.file.read_bytes())
    json.dump(doc, sys.stdout, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
