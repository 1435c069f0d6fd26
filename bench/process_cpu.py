#!/usr/bin/env python3
"""CPU and wall time per message of the processing stage — ``mailgate process
--workers 1`` on SQLite — over the ingest benchmark's mix (``bench/ingest.py``'s
generator), with the SQL it runs.

    .venv/bin/python bench/process_cpu.py                  # 600 messages, 3 rounds
    .venv/bin/python bench/process_cpu.py -n 1000 --rounds 5
    .venv/bin/python bench/process_cpu.py --profile 30     # cProfile: own time, cumulative
    .venv/bin/python bench/process_cpu.py --stages         # where each message's time goes

Each round makes a new SQLite database in a temporary directory (the embedded default's
settings: WAL, ``synchronous=FULL``), stores the N messages in its inbox as the SMTP
listener does (an acknowledgment is due for each), then drains the inbox in this
process as ``mailgate process --workers 1`` does (``Processor.drain``), and prints the
ms of CPU (``time.process_time``) and of the clock per message, the SQL statements and
the commits per message (counted by SQLAlchemy's events) and the outcome.  To compare
two versions of the code, run this script with the other checkout first on
``PYTHONPATH``, in turn on the same machine: the CPU time is the figure, the clock moves
with whatever else runs.

``--stages`` runs one more round with the functions that make each stage (parse,
classify, the thread lookup, language detection, deciding, rendering the
acknowledgment, the writes, the commits, logging) wrapped in CPU timers, and prints each
stage's own time per message; ``--profile N`` one more under cProfile (CPU timer: the
profiler's overhead inflates code of many small calls, SQLAlchemy's most), its own time
summed by area (SQLAlchemy, the email package, mailgate's parser …) and its N dearest
calls by own and cumulative time.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import logging
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import (
    SUPPORT,
    mailgate_config,
    make_messages,
    make_replies,
)  # the bench folder is put on the path above
from sqlalchemy import event

import mailgate
from mailgate.config import load_config
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.logs import setup_logging
from mailgate.process import Processor
from mailgate.store.engine import Store
from mailgate.store.migrate import ensure_schema

ENVELOPE = Envelope("smtp", "client@customers.example", (SUPPORT,), "127.0.0.1")


class Counter:
    def __init__(self) -> None:
        self.statements = 0
        self.commits = 0
        self.by_verb: dict[str, int] = {}

    def listen(self, store: Store) -> None:
        @event.listens_for(store.engine, "before_cursor_execute")
        def _statement(conn: Any, cursor: Any, sql: str, *_: Any) -> None:
            self.statements += 1
            verb = sql.lstrip().split(None, 2)
            key = " ".join(verb[:2]) if verb and verb[0].upper() == "PRAGMA" else verb[0]
            if verb and verb[0].upper() in ("INSERT", "UPDATE", "DELETE"):
                words = sql.split()
                table = words[2] if verb[0].upper() != "UPDATE" else words[1]
                key = f"{verb[0].upper()} {table}"
            elif verb and verb[0].upper() == "SELECT":
                words = sql.split()
                table = words[words.index("FROM") + 1] if "FROM" in words else "?"
                key = f"SELECT {table}"
            self.by_verb[key] = self.by_verb.get(key, 0) + 1

        @event.listens_for(store.engine, "commit")
        def _commit(conn: Any) -> None:
            self.commits += 1


def one_round(
    tmp: Path,
    msgs: list[bytes],
    profile: cProfile.Profile | None = None,
    stages: Stages | None = None,
    extra: str = "",
    replies: list[bytes] | None = None,
) -> dict[str, Any]:
    db = tmp / "mailgate.db"
    conf = tmp / "mailgate.toml"
    conf.write_text(mailgate_config(db, tmp / "outbox", level="info", extra=extra))
    config = load_config(conf)
    store = Store(config.database, pool=True)
    try:
        ensure_schema(store, create_if_empty=True)
        for i in range(0, len(msgs), 100):
            store_messages(store, [(ENVELOPE, raw) for raw in msgs[i : i + 100]])
        processor = Processor(config, store)
        if replies is not None:
            # The requests' tickets first, untimed; what is measured is the replies.
            processor.drain(workers=1)
            msgs = replies
            for i in range(0, len(msgs), 100):
                store_messages(store, [(ENVELOPE, raw) for raw in msgs[i : i + 100]])
        counter = Counter()
        counter.listen(store)
        c0, w0 = time.process_time(), time.perf_counter()
        if stages is not None:
            instrument(stages)
        if profile is not None:
            profile.enable()
        try:
            result = processor.drain(workers=1)
        finally:
            if profile is not None:
                profile.disable()
            if stages is not None:
                stages.restore()
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
    finally:
        store.dispose()
    n = len(msgs)
    return {
        "cpu": cpu * 1000 / n,
        "wall": wall * 1000 / n,
        "statements": counter.statements / n,
        "commits": counter.commits / n,
        "by_verb": {k: v / n for k, v in counter.by_verb.items()},
        "result": result,
    }


class Stages:
    """CPU time per stage, each call's own time (less the stages it called), by
    wrapping the functions that make the stages: a few calls per message, so the
    figures are those of the code as it runs, not a profiler's."""

    def __init__(self) -> None:
        self.own: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._stack: list[list[float]] = []  # [start, time of the stages called]
        self._undo: list[tuple[object, str, object]] = []

    def wrap(self, owner: object, attr: str, stage: str) -> None:
        """Time calls of ``owner.attr`` (a module's function, a class's method)."""
        original = getattr(owner, attr)
        kept = owner.__dict__[attr] if isinstance(owner, type) else original
        timed = self._timed(original, stage)
        if isinstance(kept, staticmethod):
            timed = staticmethod(timed)
        self._undo.append((owner, attr, kept))
        setattr(owner, attr, timed)

    def restore(self) -> None:
        for owner, attr, old in reversed(self._undo):
            setattr(owner, attr, old)
        self._undo.clear()

    def _timed(self, fn: Any, stage: str) -> Any:
        clock = time.process_time
        stack = self._stack

        def timed(*args: Any, **kwargs: Any) -> Any:
            frame = [clock(), 0.0]
            stack.append(frame)
            try:
                return fn(*args, **kwargs)
            finally:
                stack.pop()
                spent = clock() - frame[0]
                self.own[stage] = self.own.get(stage, 0.0) + spent - frame[1]
                self.calls[stage] = self.calls.get(stage, 0) + 1
                if stack:
                    stack[-1][1] += spent

        return timed

    def timed_cm(self, owner: type, attr: str, stage: str, exit_stage: str) -> None:
        """A context manager method: its body's time goes to ``stage`` (as what its
        caller does), its exit (the commit) to ``exit_stage``."""
        original = owner.__dict__[attr]
        stages = self

        @contextlib.contextmanager
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            cm = original(*args, **kwargs)
            enter = stages._timed(cm.__enter__, stage)
            leave = stages._timed(cm.__exit__, exit_stage)
            value = enter()
            try:
                yield value
            except BaseException:
                if not leave(*sys.exc_info()):
                    raise
            else:
                leave(None, None, None)

        self._undo.append((owner, attr, original))
        setattr(owner, attr, wrapped)


def instrument(stages: Stages) -> None:
    from mailgate.notify.notifier import Notifier
    from mailgate.process import plan as plan_module
    from mailgate.process import processor as processor_module
    from mailgate.process.plan import Planner
    from mailgate.process.processor import Processor, _Done
    from mailgate.process.ticketing import Ticketing
    from mailgate.store.inbox_repo import InboxRepo
    from mailgate.store.tickets_repo import TicketRepo

    w = stages.wrap
    w(Processor, "drain", "other (the loop, the ORM's bookkeeping)")
    w(InboxRepo, "due", "read the batch (due)")
    w(Planner, "plan", "plan: the rest (envelope, tags, replace)")
    w(plan_module, "parse_message", "plan: parse_message")
    w(plan_module, "classify", "plan: classify")
    w(plan_module, "route", "plan: route")
    w(plan_module, "find_ticket", "plan: find_ticket (queries)")
    w(plan_module, "detection", "plan: language detection")
    w(InboxRepo, "claim", "apply: claim the rows")
    w(processor_module, "decide", "apply: decide (rules and their queries)")
    w(processor_module, "find_ticket", "apply: thread again")
    w(Ticketing, "opening", "apply: opening (the rest: number, language, alerts)")
    w(Notifier, "prepare", "apply: acknowledgment rendered and composed")
    w(Ticketing, "join", "apply: join a ticket")
    w(TicketRepo, "insert_openings", "apply: insert the openings")
    w(InboxRepo, "mark_processed", "apply: mark processed")
    w(Processor, "_apply_some", "apply: the rest")
    w(_Done, "log", "log the outcome")
    stages.timed_cm(Store, "write", "apply: the rest", "apply: commit")


# Where the own time lies, by the file a function is in (the first prefix that matches;
# the C methods of sqlite3 and re by their names).
AREAS = [
    ("sqlite3 (C: execute, commit, fetch)", "sqlite3."),
    ("re (C)", "re.Pattern"),
    ("SQLAlchemy", "/sqlalchemy/"),
    ("email (stdlib)", "/email/"),
    ("jinja2, markupsafe", "/jinja2/"),
    ("jinja2, markupsafe", "/markupsafe/"),
    ("mailgate.parse", "/mailgate/parse/"),
    ("mailgate.languages", "/mailgate/languages/"),
    ("mailgate.notify", "/mailgate/notify/"),
    ("mailgate.store", "/mailgate/store/"),
    ("mailgate.process", "/mailgate/process/"),
    ("mailgate (other)", "/mailgate/"),
    ("logging", "/logging/"),
    ("bench (the statement counter)", "/bench/"),
]


def areas(prof: cProfile.Profile, n: int) -> None:
    raw: dict[Any, Any] = pstats.Stats(prof).stats  # type: ignore[attr-defined]
    areas: dict[str, float] = {}
    for (file, _line, name), (_cc, _nc, tt, _ct, _callers) in raw.items():
        where = file if file != "~" else name
        area = next((a for a, key in AREAS if key in where), "other")
        areas[area] = areas.get(area, 0.0) + tt
    total = sum(areas.values())
    print(f"own time by area under cProfile, ms of CPU per message (total {total * 1000 / n:.2f}):")
    for area, tt in sorted(areas.items(), key=lambda kv: -kv[1]):
        print(f"  {area:46s} {tt * 1000 / n:7.3f}  {tt / total:5.1%}")


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=600, help="messages (default 600)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--profile", type=int, default=0, metavar="N", help="cProfile, top N")
    ap.add_argument("--stages", action="store_true", help="CPU per message by stage")
    ap.add_argument("--sql", action="store_true", help="statements per message by kind")
    ap.add_argument("--config", default="", help="extra TOML appended to the configuration")
    ap.add_argument(
        "--replies",
        action="store_true",
        help="measure a reply to each message (threaded onto its ticket), not the requests",
    )
    args = ap.parse_args()
    # The daemon's logging at its default level, to a buffer (the terminal's speed is
    # not the figure).
    setup_logging("info", "text", stream=io.StringIO())
    msgs = make_messages(args.n, args.seed)
    replies = make_replies(msgs, args.seed) if args.replies else None
    what = "replies to as many requests" if replies else "messages"
    print(f"mailgate from {Path(mailgate.__file__).parent}; {len(msgs)} {what}")
    rounds = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="mailgate-process-cpu-") as tmp:
            rounds.append(one_round(Path(tmp), msgs, extra=args.config, replies=replies))
    r = rounds[-1]
    res = r["result"]
    print(
        f"outcome: processed {res.processed}, held {res.held}, quarantined "
        f"{res.quarantined}, failed {res.failed}, tickets {res.tickets_opened}, "
        f"outgoing {res.outgoing}"
    )
    print("rounds CPU:  " + ", ".join(f"{x['cpu']:.2f}" for x in rounds) + " ms/message")
    print("rounds wall: " + ", ".join(f"{x['wall']:.2f}" for x in rounds) + " ms/message")
    print(
        f"median: {statistics.median(x['cpu'] for x in rounds):.2f} ms CPU/message, "
        f"{statistics.median(x['wall'] for x in rounds):.2f} ms wall/message; "
        f"{r['statements']:.2f} SQL statements and {r['commits']:.3f} commits per message"
    )
    if args.sql:
        for key, per in sorted(r["by_verb"].items(), key=lambda kv: -kv[1]):
            print(f"  {per:7.3f}  {key}")
    n = len(msgs)
    if args.stages:
        stages = Stages()
        with tempfile.TemporaryDirectory(prefix="mailgate-process-cpu-") as tmp:
            r = one_round(Path(tmp), msgs, stages=stages, extra=args.config, replies=replies)
        total = sum(stages.own.values())
        print(
            f"stages, ms of CPU per message (each stage's own time; "
            f"{total * 1000 / n:.2f} of the round's {r['cpu']:.2f}):"
        )
        for stage, own in sorted(stages.own.items(), key=lambda kv: -kv[1]):
            print(f"  {stage:52s} {own * 1000 / n:6.3f}  {own / total:5.1%}")
    if args.profile:
        prof = cProfile.Profile(time.process_time)
        with tempfile.TemporaryDirectory(prefix="mailgate-process-cpu-") as tmp:
            one_round(Path(tmp), msgs, profile=prof, extra=args.config, replies=replies)
        areas(prof, n)
        st = pstats.Stats(prof)
        st.sort_stats("tottime").print_stats(args.profile)
        st.sort_stats("cumulative").print_stats(args.profile)
    logging.shutdown()


if __name__ == "__main__":
    main()
