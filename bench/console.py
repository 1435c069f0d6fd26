#!/usr/bin/env python3
"""Console benchmark: how long the agents' pages take at a helpdesk's size.

A database of N tickets (default 10,000; built as bench/search.py builds its own, with
messages in several languages, attachments and search rows) is served by
`mailgate run --only http`; a signed-in client asks for each page over one keep-alive
connection, R times, and the median and 95th percentile are printed for each, with their
ratio to the ceiling measured in the same run:

  ceiling     /login: the same listener, middlewares, security headers and jinja2
              rendering of a page of the same layout, with no database work — what a page
              costs when it does nothing useful
  pages       the queue (/), every ticket (/queue/all, its first page and page 100),
              a ticket's page, the held list, search, and the figures

The issue's target is every page under 200 ms at 10,000 tickets.

    .venv/bin/python bench/console.py                   # N=10000, R=40, SQLite
    .venv/bin/python bench/console.py -n 100000 --postgres postgresql+psycopg://postgres@127.0.0.1/test
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.search import AGENTS, build  # noqa: E402
from mailgate.config import config_from_toml  # noqa: E402
from mailgate.store.engine import Store  # noqa: E402
from mailgate.store.migrate import upgrade  # noqa: E402
from mailgate.store.models import ConsoleSession, utcnow  # noqa: E402


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def signed_in(store: Store, agent: str) -> str:
    """A console session of ``agent`` written to the database: its cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    with store.write() as s:
        s.add(
            ConsoleSession(
                digest=hashlib.sha256(token.encode()).hexdigest(),
                agent=agent,
                csrf="x",
                created_at=now,
                seen_at=now,
                client="",
                user_agent="",
            )
        )
    return token


def serve_http(config: Path, port: int) -> subprocess.Popen[bytes]:
    """``mailgate run --only http`` of this checkout on ``config``, once it listens."""
    # This checkout's mailgate, whichever one the interpreter has installed.
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    daemon = subprocess.Popen(
        [sys.executable, "-m", "mailgate", "--config", str(config), "run", "--only", "http"],
        cwd=config.parent,
        env=env,
    )
    deadline = time.monotonic() + 120
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return daemon
        except OSError:
            if time.monotonic() > deadline or daemon.poll() is not None:
                daemon.kill()
                raise SystemExit("the HTTP listener did not start") from None
            time.sleep(0.2)


def config_text(tmp: Path, db_url: str, port: int) -> str:
    agents = "".join(
        f'\n[[agents]]\naddress = "{a}"\nrole = "{"admin" if i == 0 else "agent"}"\n'
        for i, a in enumerate(AGENTS)
    )
    return f"""
[[departments]]
name = "support"
address = "support@example.com"

[[departments]]
name = "billing"
address = "billing@example.com"

[[departments]]
name = "sales"
address = "sales@example.com"
{agents}
[database]
url = "{db_url}"

[inbound.smtp]
enabled = false

[outbound]
transport = "file"
directory = "{tmp / "outbox"}"

[http]
enabled = true
port = {port}

[log]
level = "warning"
"""


def timed(conn: http.client.HTTPConnection, path: str, cookie: str, rounds: int) -> list[float]:
    out = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Cookie": f"mailgate_session={cookie}"})
        r = conn.getresponse()
        body = r.read()
        out.append((time.perf_counter() - t0) * 1000)
        if r.status != 200:
            raise SystemExit(f"{path}: {r.status} {body[:200]!r}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", "--tickets", type=int, default=10000)
    ap.add_argument("-r", "--rounds", type=int, default=40)
    ap.add_argument("--postgres", metavar="URL", help="a PostgreSQL database to fill (emptied)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="mailgate-bench-console-") as d:
        tmp = Path(d)
        db_url = args.postgres or f"sqlite:///{tmp / 'mailgate.db'}"
        port = free_port()
        text = config_text(tmp, db_url, port)
        (tmp / "mailgate.toml").write_text(text)
        config = config_from_toml(text, "<bench>")
        store = Store(config.database)
        if args.postgres:
            with store.engine.begin() as c:
                c.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
        upgrade(store)
        t0 = time.perf_counter()
        build(store, args.tickets, seed=7)
        print(f"{args.tickets} tickets written in {time.perf_counter() - t0:.1f} s")
        token = signed_in(store, AGENTS[0])
        store.dispose()
        daemon = serve_http(tmp / "mailgate.toml", port)
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            middle = args.tickets // 2
            pages = [
                ("ceiling: /login", "/login"),
                ("queue /", "/"),
                ("/queue/mine", "/queue/mine"),
                ("/queue/all", "/queue/all"),
                ("/queue/all?page=100", "/queue/all?page=100"),
                (f"/tickets/{middle}", f"/tickets/{middle}"),
                ("/held", "/held"),
                ("/search?q=invoice", "/search?q=invoice"),
                ("/figures", "/figures"),
            ]
            ceiling = None
            print(f"{'page':28} {'median ms':>10} {'p95 ms':>8} {'× ceiling':>10}")
            for label, path in pages:
                try:
                    timed(conn, path, token, 3)  # warm: templates compiled, caches filled
                except SystemExit as e:
                    print(f"{label:28} not measured: {e}")
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                    continue
                times = sorted(timed(conn, path, token, args.rounds))
                median = statistics.median(times)
                p95 = times[int(len(times) * 0.95) - 1]
                ceiling = ceiling or median
                print(f"{label:28} {median:10.1f} {p95:8.1f} {median / ceiling:10.1f}")
        finally:
            daemon.terminate()
            daemon.wait(30)


if __name__ == "__main__":
    main()
