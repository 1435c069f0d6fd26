#!/usr/bin/env python3
"""Outbound benchmark: N acknowledgments sent over SMTP to a local sink, by a bare
smtplib loop and by mailgate's sender, in the same run.

The sink is a bare aiosmtpd Controller (in a process of its own) whose handler answers
250 to every message and discards it.

Figures printed:
  baseline  messages/s smtplib sends the N messages, pre-rendered, over one connection
            (sendmail() per message, nothing recorded anywhere); run before and after
            mailgate in each round, and the two averaged
  mailgate  messages/s mailgate's Sender sends the same N messages from the outbox
            (SQLite in a temporary directory, synchronous=FULL as configured by
            default): claim a batch, hand each to the SMTP transport over one
            connection, commit each outcome as soon as the relay answered
  ratio     mailgate / baseline, per round; the summary gives the median of these
  rendered and delivered
            messages/s for the whole of mailgate's part: rendering the N messages
            (jinja2 templates, composed by the Notifier as processing does), queueing
            them in the outbox, and sending them as above — and its ratio to the
            baseline, which sends messages rendered beforehand
and, for context, how fast the messages were rendered and queued on their own.

    .venv/bin/python bench/outbound.py                 # N=2000, one round
    .venv/bin/python bench/outbound.py --rounds 3
    .venv/bin/python bench/outbound.py --dkim          # sign each message too (RSA 2048)
    .venv/bin/python bench/outbound.py --profile       # where mailgate's time goes
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import smtplib
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO)]

SUPPORT = "support@example.com"

SINK = """
import sys
from aiosmtpd.controller import Controller

class Sink:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Sink.count += 1
        return "250 2.0.0 Ok"

c = Controller(Sink(), hostname="127.0.0.1", port=int(sys.argv[1]))
c.start()
print("ready", flush=True)
for line in sys.stdin:
    print(Sink.count, flush=True)
c.stop()
"""


class SinkProcess:
    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.proc = subprocess.Popen(
            [sys.executable, "-c", SINK, str(self.port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        if self.proc.stdout.readline().strip() != "ready":
            raise SystemExit("the sink did not start")

    def count(self) -> int:
        assert self.proc.stdin is not None
        assert self.proc.stdout is not None
        self.proc.stdin.write("count\n")
        self.proc.stdin.flush()
        return int(self.proc.stdout.readline())

    def stop(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(10)


def config_text(tmp: Path, port: int, dkim_key: Path | None) -> str:
    text = f"""
[helpdesk]
domain = "example.com"
[[departments]]
name = "support"
address = "{SUPPORT}"
display_name = "Example Support"
[database]
url = "sqlite:///{tmp / "mailgate.db"}"
[outbound]
transport = "smtp"
host = "127.0.0.1"
port = {port}
helo_name = "bench.example.com"
[log]
level = "warning"
"""
    if dkim_key:
        text += f'[outbound.dkim]\nselector = "bench"\nkey_file = "{dkim_key}"\n'
    return text


def render(config: object, n: int) -> list[tuple[str, str, list[str], bytes]]:
    """N acknowledgments as processing renders them: (message_id, sender, recipients,
    raw)."""
    from mailgate.config import Config
    from mailgate.notify import Notifier, Templates, TicketFacts

    assert isinstance(config, Config)
    notifier = Notifier(config, Templates(config.templates.directory))
    now = datetime.now(UTC)
    out = []
    for i in range(n):
        facts = TicketFacts(
            i + 1,
            f"The printer on floor {i % 7} prints nothing",
            "open",
            "support",
            f"client{i}@customers.example",
            f"Client {i}",
            now,
        )
        p = notifier.prepare_acknowledgment(
            facts,
            client_message_id=f"bench.{i}@customers.example",
            refers_to_ticket=None,
            now=now,
        )
        out.append((p.message_id, p.sender.address, p.recipients, p.raw))
    return out


def baseline(port: int, msgs: list[tuple[str, str, list[str], bytes]]) -> float:
    t0 = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port, local_hostname="bench.example.com") as c:
        for _mid, sender, rcpts, raw in msgs:
            c.sendmail(sender, rcpts, raw)
    return len(msgs) / (time.perf_counter() - t0)


def run_mailgate(
    port: int, n: int, dkim_key: Path | None, profile: bool
) -> tuple[float, float, float, float]:
    """(render/s, queue/s, send/s, rendered and delivered/s)"""
    from mailgate.config import config_from_toml
    from mailgate.send.worker import Sender
    from mailgate.store.engine import Store
    from mailgate.store.migrate import upgrade
    from mailgate.store.models import OutboxRow
    from mailgate.store.outbox_repo import OutboxRepo
    from mailgate.store.tickets_repo import OutboxRecord

    with tempfile.TemporaryDirectory(prefix="mailgate-bench-") as tmp_name:
        tmp = Path(tmp_name)
        config = config_from_toml(config_text(tmp, port, dkim_key), "<bench>")
        store = Store(config.database)
        upgrade(store)
        t0 = time.perf_counter()
        msgs = render(config, n)
        t1 = time.perf_counter()
        with store.write() as s:
            OutboxRepo(s).queue(
                [
                    OutboxRecord("ticket_opened", mid, snd, rcpts, raw)
                    for mid, snd, rcpts, raw in msgs
                ]
            )
        t2 = time.perf_counter()
        sender = Sender(config.outbound, store)
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        t3 = time.perf_counter()
        result = sender.drain()
        t4 = time.perf_counter()
        if profiler:
            profiler.disable()
        sender.close()
        with store.read() as s:
            sent = s.query(OutboxRow).filter(OutboxRow.state == "sent").count()
        store.dispose()
        if sent != n or result.sent != n:
            raise SystemExit(f"mailgate sent {result.sent} ({sent} recorded) of {n}")
        if profiler:
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        return n / (t1 - t0), n / (t2 - t1), n / (t4 - t3), n / ((t2 - t0) + (t4 - t3))


def make_key(tmp: Path) -> Path:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path = tmp / "dkim.pem"
    path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return path


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=2000, help="messages (default 2000)")
    ap.add_argument("--rounds", type=int, default=1, help="repeat and report the median")
    ap.add_argument("--dkim", action="store_true", help="sign each message (RSA 2048)")
    ap.add_argument("--profile", action="store_true", help="cProfile mailgate's sending")
    a = ap.parse_args()

    from mailgate.config import config_from_toml

    with tempfile.TemporaryDirectory(prefix="mailgate-bench-") as keys:
        key = make_key(Path(keys)) if a.dkim else None
        sink = SinkProcess()
        try:
            # The baseline sends exactly the bytes mailgate sends (unsigned).
            probe = config_from_toml(config_text(Path(keys), sink.port, None), "<bench>")
            msgs = render(probe, a.n)
            size = sum(len(m[3]) for m in msgs)
            print(
                f"N={a.n} acknowledgments ({size / a.n / 1024:.1f} KiB average), "
                f"{'DKIM-signed, ' if a.dkim else ''}{os.cpu_count()} CPUs, "
                f"{a.rounds} round(s)"
            )
            bases, sends, renders, queues, ratios = [], [], [], [], []
            wholes, whole_ratios = [], []
            for r in range(a.rounds):
                before = sink.count()
                # The baseline runs before and after mailgate, and the two are averaged:
                # the machine is shared, and its speed drifts within a round.
                b1 = baseline(sink.port, msgs)
                rend, que, snd, whole = run_mailgate(sink.port, a.n, key, a.profile)
                b2 = baseline(sink.port, msgs)
                b = (b1 + b2) / 2
                got = sink.count() - before
                if got != 3 * a.n:
                    raise SystemExit(f"the sink received {got} messages, expected {3 * a.n}")
                bases.append(b)
                sends.append(snd)
                renders.append(rend)
                queues.append(que)
                ratios.append(snd / b)
                wholes.append(whole)
                whole_ratios.append(whole / b)
                print(
                    f"  round {r + 1}: baseline {b:7.0f}/s ({b1:.0f}, {b2:.0f})   "
                    f"mailgate sends {snd:7.0f}/s ({snd / b:.2f}x)   "
                    f"renders and delivers {whole:7.0f}/s ({whole / b:.2f}x)   "
                    f"[render {rend:.0f}/s, queue {que:.0f}/s]",
                    flush=True,
                )
        finally:
            sink.stop()
    b, snd, rend, que, ratio, whole, whole_ratio = (
        statistics.median(x) for x in (bases, sends, renders, queues, ratios, wholes, whole_ratios)
    )
    print(
        f"median: baseline {b:.0f} msg/s | mailgate sends {snd:.0f} msg/s, ratio {ratio:.2f}x "
        f"| renders and delivers {whole:.0f} msg/s, ratio {whole_ratio:.2f}x "
        f"(medians of the rounds' ratios) | render {rend:.0f} msg/s, queue {que:.0f} msg/s"
    )


if __name__ == "__main__":
    main()
