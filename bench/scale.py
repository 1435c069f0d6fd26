#!/usr/bin/env python3
"""Scale benchmark: the same operations at 1,000, 100,000 and 1,000,000 tickets.

A helpdesk grows by its history, not by its queue: the team answers about as many
tickets a day at a million as at a thousand.  So the database is filled as one grows —
tickets with their messages (five a ticket on average: the client's mail, the
acknowledgment, answers and replies; multilingual, attachments on a fifth of the
clients' mail, every message in the search index; generated rows written in bulk as
``bench/search.py`` writes them, not mail through SMTP) — and, at each level, every
ticket older than the newest ``--recent`` (3,000) is closed but one in 500, which stays
open, on hold or answered as forgotten tickets do.  At each level it measures:

  ingest new         new mail from new clients: stored in the inbox and processed
                     (parsed, classified, a ticket opened, its acknowledgment queued)
                     in this process — messages a second, median of the rounds
  ingest threaded    clients' replies to their tickets, half found by the ``#[n]`` token
                     of the subject, half by In-Reply-To alone
  tickets --queue    the call the CLI's ``mailgate tickets --queue`` makes
                     (``tickets.views.ticket_list(queue=True)``), in this process
  API queue          GET /api/tickets?queue=true over HTTP (``mailgate run --only http``)
  API list           GET /api/tickets (the newest tickets)
  API ticket         GET /api/tickets/N, a random ticket each time
  API search         GET /api/tickets?q=… with the queries of bench/search.py (eleven
                     kinds: common and rare words, order numbers, addresses, phrases,
                     prefixes, with filters)
  console queue      GET / signed in (the waiting queue, the navigation's counts)
  console ticket     GET /tickets/N, a random ticket each time
  console search     GET /search?q=…

Each request or call is timed alone (median and 95th percentile of ``--rounds``); the
last column is the largest level's median over the first level's: 1.00 is flat.

    .venv/bin/python bench/scale.py                         # SQLite, then PostgreSQL
    .venv/bin/python bench/scale.py --levels 1000,20000 --no-postgres   # a quick look
    MAILGATE_BENCH_PG=postgresql+psycopg://user@host/db .venv/bin/python bench/scale.py

Filling a million tickets takes ten minutes or more.  With ``--keep DIR`` the databases
are kept — SQLite's in DIR/scale.db, PostgreSQL's in the schema ``mg_scale_kept`` of
MAILGATE_BENCH_PG's database — with the generator's state (DIR/*.desk); run again with
the same ``--keep DIR``, the levels already filled are measured on what is there (the
mail the earlier runs ingested included), and higher levels are filled on top:

    .venv/bin/python bench/scale.py --levels 1000000 --keep /var/tmp/scale   # fill, measure
    .venv/bin/python bench/scale.py --levels 1000000 --keep /var/tmp/scale   # measure again

``--search-only`` measures nothing but search, in this process (``ticket_list(q=…)``, as
the API and the console call it), on the kept databases as they are (no mail ingested):
each kind of query's median and 95th percentile (``--fill-only`` fills them and
measures nothing); with ``--results FILE``, the tickets
each query listed are written to FILE, or, when FILE exists, compared with it — the
same tickets before and after a change of the search code:

    .venv/bin/python bench/scale.py --levels 1000000 --keep /var/tmp/scale \
        --search-only --results /var/tmp/scale/before.json
"""

from __future__ import annotations

import argparse
import http.client
import json
import pickle
import random
import secrets
import statistics
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import text  # noqa: E402

from bench.console import free_port, serve_http, signed_in  # noqa: E402
from bench.search import (  # noqa: E402
    AGENTS,
    Helpdesk,
    Query,
    build,
    pg_schema,
    queries,
)
from mailgate.config import Config, config_from_toml  # noqa: E402
from mailgate.envelope import Envelope  # noqa: E402
from mailgate.inbox.commit import store_messages  # noqa: E402
from mailgate.process import Processor  # noqa: E402
from mailgate.store.engine import Store  # noqa: E402
from mailgate.store.migrate import upgrade  # noqa: E402
from mailgate.tickets.views import ticket_list  # noqa: E402

# Five messages a ticket on average: the client's mail and its acknowledgment, then one
# to five exchanges.
EXCHANGES = {1: 20, 2: 20, 3: 20, 4: 20, 5: 20}
HELPDESK = "support@helpdesk.example"


def config_text(tmp: Path, db_url: str, port: int) -> str:
    agents = "".join(
        f'\n[[agents]]\naddress = "{a}"\nrole = "{"admin" if i == 0 else "agent"}"\n'
        for i, a in enumerate(AGENTS)
    )
    departments = "".join(
        f'\n[[departments]]\nname = "{d}"\naddress = "{d}@helpdesk.example"\n'
        for d in ("support", "billing", "sales")
    )
    return f"""
[helpdesk]
domain = "helpdesk.example"
{departments}{agents}
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
tokens_file = "{tmp / "tokens"}"

[log]
level = "warning"
"""


# -- what is measured ---------------------------------------------------------------------


@dataclass
class Figures:
    """Per operation, per level: the times (seconds) or rates measured."""

    times: dict[str, dict[int, list[float]]] = field(default_factory=dict)
    rates: dict[str, dict[int, list[float]]] = field(default_factory=dict)
    # API search's times by kind of query (bench/search.py's kinds).
    kinds: dict[str, dict[int, list[float]]] = field(default_factory=dict)

    def time(self, op: str, level: int, seconds: float) -> None:
        self.times.setdefault(op, {}).setdefault(level, []).append(seconds)

    def rate(self, op: str, level: int, per_second: float) -> None:
        self.rates.setdefault(op, {}).setdefault(level, []).append(per_second)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def age(store: Store, level: int, recent: int) -> None:
    """Close the tickets older than the newest ``recent``, but one in 500, which waits
    on the client (on hold): the team's queue is the recent tickets', at any size."""
    with store.write() as session:
        session.execute(
            text(
                "UPDATE tickets SET status = CASE WHEN id % 500 = 0 THEN 'on_hold' "
                "ELSE 'closed' END, closed_at = CASE WHEN id % 500 = 0 THEN NULL "
                "ELSE updated_at END, status_changed_at = updated_at "
                "WHERE id <= :old AND status != 'closed'"
            ),
            {"old": level - recent},
        )


def continue_numbering(store: Store) -> None:
    """After rows written with their ids, PostgreSQL's sequences go on from the
    highest (SQLite's rowids do by themselves)."""
    if store.is_sqlite:
        return
    with store.write() as session:
        for table in ("tickets", "messages", "attachments"):
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )


def analyze(store: Store) -> None:
    """What autovacuum does on PostgreSQL after a bulk load and the closing of old
    tickets: their dead row versions cleared, the planner's statistics gathered (SQLite
    keeps no dead versions, and plans without statistics)."""
    if store.is_sqlite:
        return
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE"))


def _mail(sender: tuple[str, str], subject: str, body: str, headers: dict[str, str]) -> bytes:
    mid = f"<{secrets.token_hex(8)}@{sender[1].split('@')[1]}>"
    lines = [
        f"From: {sender[0]} <{sender[1]}>",
        f"To: {HELPDESK}",
        f"Subject: {subject}",
        "Date: Fri, 04 Dec 2026 10:00:00 +0000",
        f"Message-ID: {mid}",
        *(f"{k}: {v}" for k, v in headers.items()),
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
        "",
        body,
        "",
    ]
    return "\r\n".join(lines).encode()


def incoming(
    store: Store, desk: Helpdesk, level: int, recent: int, count: int, threaded: bool
) -> list[bytes]:
    """``count`` mails: from new clients, or replies of clients to recent tickets."""
    rnd = desk.rnd
    out = []
    if not threaded:
        for _ in range(count):
            lang = rnd.choice(desk.languages)
            out.append(_mail(desk.person(), desk.sentence(lang, 5), desk.text(lang, 20, 80), {}))
        return out
    numbers = [rnd.randint(max(1, level - recent + 1), level) for _ in range(count)]
    with store.read() as session:
        rows = session.execute(
            text(
                "SELECT t.id, t.requester, t.requester_name, t.subject, m.message_id "
                "FROM tickets t JOIN messages m ON m.ticket_id = t.id "
                f"AND m.kind = 'ticket_opened' WHERE t.id IN ({','.join(map(str, numbers))})"
            )
        ).all()
    by_number = {row[0]: row for row in rows}
    for i, number in enumerate(numbers):
        _, requester, name, subject, message_id = by_number[number]
        lang = rnd.choice(desk.languages)
        body = desk.text(lang, 5, 30)
        if i % 2:
            out.append(_mail((name, requester), f"Re: {subject} #[{number}]", body, {}))
        else:
            refs = f"<{message_id}>"
            out.append(
                _mail(
                    (name, requester),
                    f"Re: {subject}",
                    body,
                    {"In-Reply-To": refs, "References": refs},
                )
            )
    return out


def ingest(config: Config, store: Store, mails: list[bytes]) -> tuple[float, Any]:
    """Store ``mails`` in the inbox and process them in this process: messages a second."""
    envelope = Envelope("deliver", None, (HELPDESK,))
    began = time.perf_counter()
    for mail in mails:  # one commit each, as the listener's 250 needs
        store_messages(store, [(envelope, mail)])
    result = Processor(config, store).drain(workers=1)
    return len(mails) / (time.perf_counter() - began), result


class Http:
    """One keep-alive connection to ``mailgate run --only http``."""

    def __init__(self, port: int, token: str, cookie: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.token = token
        self.cookie = cookie

    def get(self, path: str) -> float:
        headers = (
            {"Authorization": f"Bearer {self.token}"}
            if path.startswith("/api/")
            else {"Cookie": f"mailgate_session={self.cookie}"}
        )
        began = time.perf_counter()
        self.conn.request("GET", path, headers=headers)
        response = self.conn.getresponse()
        body = response.read()
        took = time.perf_counter() - began
        if response.status != 200:
            raise SystemExit(f"GET {path}: {response.status} {body[:300]!r}")
        return took


def api_search_path(query: Query) -> str:
    params: dict[str, str] = {"q": query.q, "limit": "50"}
    for key, value in query.filters.items():
        params[key] = "true" if value is True else str(value)
    return "/api/tickets?" + urllib.parse.urlencode(params)


def measure_level(
    figures: Figures,
    config: Config,
    store: Store,
    desk: Helpdesk,
    level: int,
    args: argparse.Namespace,
    tmp: Path,
    port: int,
) -> str:
    rnd = random.Random(level)
    done = []
    for _ in range(args.ingest_rounds):
        for op, threaded in (("ingest new", False), ("ingest threaded", True)):
            mails = incoming(store, desk, level, args.recent, args.ingest, threaded)
            rate, result = ingest(config, store, mails)
            figures.rate(op, level, rate)
            done.append(f"{op}: {result.processed} processed, {result.held} held")
    qs = queries(desk.samples, args.rounds, seed=level)

    def timed(op: str, work: Callable[[], object]) -> None:
        for _ in range(3):
            work()  # warm: the page's templates, the database's caches
        for _ in range(args.rounds):
            began = time.perf_counter()
            work()
            figures.time(op, level, time.perf_counter() - began)

    def in_process() -> object:
        with store.read() as session:
            return ticket_list(session, queue=True, limit=50)

    timed("tickets --queue", in_process)
    token = (tmp / "tokens").read_text().split()[0]
    cookie = signed_in(store, AGENTS[0])
    daemon = serve_http(tmp / "mailgate.toml", port)
    try:
        client = Http(port, token, cookie)
        for op, paths in (
            ("API queue", lambda: "/api/tickets?queue=true&limit=50"),
            ("API list", lambda: "/api/tickets?limit=50"),
            ("API ticket", lambda: f"/api/tickets/{rnd.randint(1, level)}"),
            ("API search", None),
            ("console queue", lambda: "/"),
            ("console ticket", lambda: f"/tickets/{rnd.randint(1, level)}"),
            (
                "console search",
                lambda: "/search?" + urllib.parse.urlencode({"q": rnd.choice(qs).q}),
            ),
        ):
            if paths is None:  # search: each query's time kept by its kind too
                for _ in range(3):
                    client.get(api_search_path(rnd.choice(qs)))
                for _ in range(args.rounds):
                    query = rnd.choice(qs)
                    took = client.get(api_search_path(query))
                    figures.time(op, level, took)
                    figures.kinds.setdefault(query.kind, {}).setdefault(level, []).append(took)
                continue
            for _ in range(3):
                client.get(paths())
            for _ in range(args.rounds):
                figures.time(op, level, client.get(paths()))
    finally:
        daemon.terminate()
        daemon.wait(60)
    return "; ".join(done[-2:])


def measure_search(
    store: Store, desk: Helpdesk, level: int, args: argparse.Namespace, label: str
) -> None:
    """Search alone, in this process: each kind's median and p95; the tickets listed
    written to ``args.results`` or compared with it."""
    qs = queries(desk.samples, args.rounds, seed=level)
    # The API's page (50) and the console's first page (51: one more tells "more").
    calls = [(query, limit) for query in qs for limit in (50, 51)]

    def listed(query: Query, limit: int) -> list[int]:
        with store.read() as session:
            found = ticket_list(session, limit=limit, q=query.q, **query.filters)
        return [t["number"] for t in found]

    for query, limit in calls[:20]:
        listed(query, limit)  # warm the caches as a running server has them
    times: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    results: list[list[int]] = []
    for query, limit in calls:
        began, began_cpu = time.perf_counter(), time.process_time()
        results.append(listed(query, limit))
        times.setdefault(query.kind, []).append(time.perf_counter() - began)
        cpu.setdefault(query.kind, []).append(time.process_time() - began_cpu)
    every = [t for by in times.values() for t in by]
    every_cpu = [t for by in cpu.values() for t in by]
    # The process's CPU time too: on a busy machine the time waiting for a core is most
    # of the rest (PostgreSQL's own work is not in it).
    print(
        f"\n{label} search at {level:,} tickets, in process ({len(calls)} calls): "
        "median, p95, max; this process's CPU time median, p95"
    )
    for kind, by in [*sorted(times.items()), ("all", every)]:
        used = every_cpu if kind == "all" else cpu[kind]
        print(
            f"  {kind:<16}{statistics.median(by) * 1000:>9.1f} ms{p95(by) * 1000:>9.1f} ms"
            f"{max(by) * 1000:>9.1f} ms   cpu{statistics.median(used) * 1000:>8.1f} ms"
            f"{p95(used) * 1000:>8.1f} ms"
        )
    if args.results is None:
        return
    path = args.results.with_suffix(f".{label.lower()}.json")
    asked = [
        {"kind": q.kind, "q": q.q, "filters": q.filters, "limit": n, "tickets": r}
        for (q, n), r in zip(calls, results, strict=True)
    ]
    if not path.exists():
        path.write_text(json.dumps(asked))
        print(f"  the tickets listed written to {path}")
        return
    before = json.loads(path.read_text())
    differ = [
        (old, new)
        for old, new in zip(before, asked, strict=True)
        if (old["q"], old["limit"]) != (new["q"], new["limit"]) or old["tickets"] != new["tickets"]
    ]
    print(f"  compared with {path}: {len(asked) - len(differ)} of {len(asked)} lists the same")
    for old, new in differ[:10]:
        print(
            f"    differs: {old['kind']} {old['q']!r} {old['filters']} limit {old['limit']}: "
            f"{len(old['tickets'])} tickets then, {len(new['tickets'])} now"
        )


def report(label: str, figures: Figures, levels: list[int]) -> None:
    first, last = levels[0], levels[-1]
    head = "".join(f"{f'{n:,}: median':>17}{'p95':>9}" for n in levels)
    print(f"\n{label}\n  {'operation':<18}{head}{f'{last:,}/{first:,}':>14}")
    for op, by in figures.rates.items():
        cells = "".join(
            f"{statistics.median(by[n]):>13.0f} /s{'':>9}" if n in by else f"{'-':>26}"
            for n in levels
        )
        ratio = statistics.median(by[last]) / statistics.median(by[first])
        print(f"  {op:<18}{cells}{ratio:>13.2f}× rate")
    for op, by in figures.times.items():
        cells = "".join(
            f"{statistics.median(by[n]) * 1000:>14.1f} ms{p95(by[n]) * 1000:>6.1f} ms"
            if n in by
            else f"{'-':>26}"
            for n in levels
        )
        ratio = statistics.median(by[last]) / statistics.median(by[first])
        print(f"  {op:<18}{cells}{ratio:>13.2f}× time")
    print("  API search by kind (requests of each kind among the rounds)")
    for kind, by in sorted(figures.kinds.items()):
        cells = "".join(
            f"{statistics.median(by[n]) * 1000:>14.1f} ms{p95(by[n]) * 1000:>6.1f} ms"
            if n in by
            else f"{'-':>26}"
            for n in levels
        )
        counts = "/".join(str(len(by.get(n, []))) for n in levels)
        print(f"    {kind:<16}{cells}{counts:>14}")


def run(url: str, label: str, args: argparse.Namespace, tmp: Path, keep: Path | None) -> None:
    port = free_port()
    body = config_text(tmp, url, port)
    (tmp / "tokens").write_text(f"{secrets.token_hex(24)} {AGENTS[0]}\n")
    (tmp / "mailgate.toml").write_text(body)
    config = config_from_toml(body, "<bench>")
    store = Store(config.database)
    levels = sorted(int(n) for n in args.levels.split(","))
    figures = Figures()
    try:
        upgrade(store)
        desk = Helpdesk(args.seed)
        kept = keep / f"{label.lower()}.desk" if keep else None
        if kept and kept.exists():
            desk = pickle.loads(kept.read_bytes())
        built = 0
        for level in levels:
            began = time.perf_counter()
            # The tickets the ingest rounds opened count towards the level.
            with store.read() as session:
                built = int(session.scalar(text("SELECT max(id) FROM tickets")) or 0)
            if args.search_only:
                if built < level:
                    raise SystemExit(f"--search-only: {label} holds {built:,} tickets")
                measure_search(store, desk, level, args, label)
                continue
            if built < level or not kept:
                build(store, level, args.seed, desk=desk, after=built, exchanges=EXCHANGES)
                age(store, level, args.recent)
                continue_numbering(store)
                analyze(store)
                if kept:
                    kept.write_bytes(pickle.dumps(desk))
            if args.fill_only:
                print(f"{label}: {level:,} tickets filled", flush=True)
                continue
            with store.read() as session:
                messages = session.scalar(text("SELECT count(*) FROM messages"))
                waiting = session.scalar(
                    text("SELECT count(*) FROM tickets WHERE status IN ('open','customer_reply')")
                )
            print(
                f"{label}: {level:,} tickets, {messages:,} messages, {waiting:,} waiting; "
                f"filled in {time.perf_counter() - began:.0f} s",
                flush=True,
            )
            outcome = measure_level(figures, config, store, desk, level, args, tmp, port)
            print(f"  measured ({outcome})", flush=True)
        if not args.search_only and not args.fill_only:
            report(label, figures, levels)
    finally:
        store.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--levels", default="1000,100000,1000000")
    parser.add_argument("--recent", type=int, default=3000, help="tickets not yet closed")
    parser.add_argument("--rounds", type=int, default=100, help="requests per operation")
    parser.add_argument("--ingest", type=int, default=100, help="mails per ingest round")
    parser.add_argument("--ingest-rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--keep", type=Path, help="keep the databases; reuse them if there")
    parser.add_argument("--search-only", action="store_true", help="search in this process")
    parser.add_argument("--results", type=Path, help="--search-only: write or compare")
    parser.add_argument("--fill-only", action="store_true", help="fill the kept databases")
    args = parser.parse_args()
    if (args.search_only or args.fill_only) and not args.keep:
        parser.error("--search-only and --fill-only are for kept databases: give --keep DIR")
    print(f"scale: levels {args.levels}; Python {sys.version.split()[0]}", flush=True)
    with tempfile.TemporaryDirectory(prefix="mailgate-bench-scale-") as d:
        tmp = Path(d)
        keep = args.keep
        if keep:
            keep.mkdir(parents=True, exist_ok=True)
        if not args.no_sqlite:
            run(f"sqlite:///{(keep or tmp) / 'scale.db'}", "SQLite", args, tmp, keep)
        if not args.no_postgres:
            schema = pg_schema("mg_scale_kept" if keep else None)
            if schema is not None:
                try:
                    run(schema.url, "PostgreSQL", args, tmp, keep)
                finally:
                    if not keep:
                        schema.drop()


if __name__ == "__main__":
    main()
