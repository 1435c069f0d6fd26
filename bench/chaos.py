#!/usr/bin/env python3
"""Crash without loss, at full size: `mailgate run` killed with SIGKILL at random moments
while mail arrives, and restarted.

SMTP: C clients send N messages (every tenth with a 20–100 KB attachment, each from a
client of its own, so each opens a ticket) while mailgate is killed K times, each time
a random 0.2–2 s after its first 250; clients resend, as the same bytes, whatever got no
250.  IMAP: a mailbox of N messages drained by `mailgate run --only imap,process`,
killed K times a random 0.05–0.5 s after it selected the folder; after each kill every
message the server shows \\Seen must be in the database.

Figures printed, for each: acknowledged (250s; \\Seen on the server), stored (distinct
Message-IDs in the inbox), lost (acknowledged and not stored: must be 0), duplicated
tickets (tickets beyond the first holding one message: must be 0), and messages resent
after a broken session or a 4xx.  The process exits 1 if anything was lost or doubled.

    .venv/bin/python bench/chaos.py                       # N=2000, K=20, SQLite
    .venv/bin/python bench/chaos.py --postgres            # on 127.0.0.1:5432/test
    .venv/bin/python bench/chaos.py -n 500 -k 5 --only smtp

The tests in tests/chaos/ run the same scenarios with 200 messages and 4 kills.  Dovecot
must be installed for the IMAP part (`make test` installs it); the script starts its own.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO)]

from sqlalchemy import create_engine, text  # noqa: E402

from tests.chaos.harness import Figures, imap_chaos, smtp_chaos  # noqa: E402
from tests.support.dovecot import Dovecot, dovecot_binary  # noqa: E402
from tests.support.environment import PG_URL  # noqa: E402


@contextmanager
def database(postgres: bool) -> Iterator[str | None]:
    """None (SQLite in the work folder), or a PostgreSQL schema of its own, dropped after."""
    if not postgres:
        yield None
        return
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    schema = f"mg_chaos_{secrets.token_hex(4)}"
    with admin.connect() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="messages (2000)")
    parser.add_argument("-k", type=int, default=20, help="kills (20)")
    parser.add_argument("-c", type=int, default=4, help="SMTP clients (4)")
    parser.add_argument("--postgres", action="store_true", help="PostgreSQL instead of SQLite")
    parser.add_argument("--only", choices=("smtp", "imap"), help="one of the two scenarios")
    parser.add_argument("-v", action="store_true", help="a line per kill")
    args = parser.parse_args()
    say = print if args.v else (lambda _line: None)
    results: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="mailgate-chaos-") as tmp:
        if args.only in (None, "smtp"):
            work = Path(tmp) / "smtp"
            work.mkdir()
            with database(args.postgres) as url:
                results.append(
                    smtp_chaos(work, n=args.n, kills=args.k, clients=args.c, db_url=url, say=say)
                )
            print(results[-1].line(), flush=True)
        if args.only in (None, "imap"):
            binary = dovecot_binary()
            if binary is None:
                print("imap: skipped, Dovecot is not installed", file=sys.stderr)
            else:
                server = Dovecot(binary).start()
                try:
                    work = Path(tmp) / "imap"
                    work.mkdir()
                    with database(args.postgres) as url:
                        results.append(
                            imap_chaos(
                                server,
                                work,
                                n=args.n,
                                kills=args.k,
                                db_url=url,
                                say=say,
                            )
                        )
                    print(results[-1].line(), flush=True)
                finally:
                    server.stop()
    bad = [f for f in results if f.lost or f.duplicated_tickets or f.stored != f.messages]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
