#!/usr/bin/env python3
"""Ingest benchmark: N messages over K concurrent SMTP connections into `mailgate run`,
against a bare aiosmtpd server that discards each message, in the same run.

Baselines, each a server in its own process, measured in the same run:
  stock       a stock aiosmtpd server that answers 250 and discards the message
  same-parser mailgate's own SMTP protocol class (the block-wise DATA reader, its limits)
              with a handler that answers 250 and discards: the ceiling, the same work
              as mailgate's listener up to the point where the message is handed on
  fsync       the same protocol class appending each message to one file and answering
              after an fsync, one fsync per batch of the messages waiting (group commit):
              the floor of making the bytes durable

Figures printed:
  accept      messages/s `mailgate run` answers 250 — each after its commit
  end-to-end  messages/s from the first byte sent to the last message processed: on its
              ticket with its acknowledgment queued in the same transaction (or held)
and both as ratios of each baseline; the ratio to the same-parser sink is the headline.

The message mix is realistic for a helpdesk: plain text, HTML with a text alternative,
attachments (screenshots, PDFs, logs) and legacy charsets (ISO-8859-1, EUC-KR,
windows-1256, ISO-2022-JP), each from its own client so that each opens a ticket.

    .venv/bin/python bench/ingest.py            # N=4000 K=8
    .venv/bin/python bench/ingest.py -n 10000 -k 16 --rounds 3
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import email
import email.policy
import os
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SUPPORT = "support@example.com"
ONLY = os.environ.get("BENCH_ONLY", "")


# -- the message mix ----------------------------------------------------------------------


def make_messages(n: int, seed: int = 7) -> list[bytes]:
    rnd = random.Random(seed)
    words = (
        "printer invoice login error screen update password account server mail network "
        "slow crash refund order delivery report broken cannot please help since yesterday "
        "again"
    ).split()
    legacy = [
        ("iso-8859-1", "Grüße aus Köln, der Drucker druckt nicht mehr."),
        ("euc-kr", "프린터가 고장났습니다. 도와주세요."),
        ("windows-1256", "طابعتي معطلة، أرجو المساعدة."),
        ("iso-2022-jp", "プリンターが壊れました。"),
    ]
    out = []
    for i in range(n):
        msg = EmailMessage(policy=SMTP)
        msg["From"] = f"Client {i} <client{i}@customers.example>"
        msg["To"] = SUPPORT
        msg["Subject"] = " ".join(rnd.choice(words) for _ in range(5)).capitalize()
        msg["Date"] = "Mon, 23 Nov 2026 10:00:00 +0000"
        msg["Message-ID"] = f"<bench.{i}.{seed}@customers.example>"
        body = "\n".join(" ".join(rnd.choice(words) for _ in range(12)) for _ in range(8))
        kind = i % 10
        if kind in (0, 1, 2, 3):
            msg.set_content(f"Hello,\n\n{body}\n\nThanks\n")
        elif kind in (4, 5, 6):
            msg.set_content(f"Hello,\n\n{body}\n")
            paragraphs = "".join(f"<p>{line}</p>" for line in body.split("\n"))
            msg.add_alternative(
                f"<html><body><p>Hello,</p>{paragraphs}</body></html>", subtype="html"
            )
        elif kind in (7, 8):
            msg.set_content(f"Screenshot and log attached.\n\n{body}\n")
            size = rnd.randint(20_000, 120_000)
            if kind == 7:
                msg.add_attachment(
                    rnd.randbytes(size), maintype="image", subtype="png", filename="screenshot.png"
                )
            else:
                msg.add_attachment(
                    (body + "\n") * (size // 500), subtype="plain", filename="app.log"
                )
        else:
            charset, text = legacy[i % len(legacy)]
            msg.set_content(f"{text}\n\n{body}\n", charset=charset)
        out.append(msg.as_bytes())
    return out


def make_replies(requests: list[bytes], seed: int = 7) -> list[bytes]:
    """A reply to each request from its own client: ``Re: <subject>``, ``In-Reply-To``
    and ``References`` naming the request, a line of news and the request quoted (its
    first eight lines, with an attribution line); no ticket token."""
    rnd = random.Random(seed + 1)
    words = "still again same today tried restart nothing changed any news please".split()
    out = []
    for i, raw in enumerate(requests):
        orig = email.message_from_bytes(raw, policy=email.policy.default)
        text = orig.get_body(preferencelist=("plain",))
        content = text.get_content() if isinstance(text, EmailMessage) else ""
        quoted = "".join(f"> {line}\n" for line in content.splitlines()[:8])
        reply = EmailMessage(policy=SMTP)
        reply["From"] = orig["From"]
        reply["To"] = SUPPORT
        reply["Subject"] = f"Re: {orig['Subject']}"
        reply["Date"] = "Mon, 23 Nov 2026 12:00:00 +0000"
        reply["Message-ID"] = f"<bench.reply.{i}.{seed}@customers.example>"
        reply["In-Reply-To"] = orig["Message-ID"]
        reply["References"] = orig["Message-ID"]
        news = " ".join(rnd.choice(words) for _ in range(10))
        reply.set_content(
            f"Hello,\n\nAny news? {news.capitalize()}.\n\nThanks\n\n"
            f"On Mon, 23 Nov 2026 at 10:00, {orig['From']} wrote:\n{quoted}"
        )
        out.append(reply.as_bytes())
    return out


def message_id(raw: bytes) -> str:
    """The message's Message-ID, without angle brackets."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return str(msg["Message-ID"] or "").strip("<> ")


def compile_package() -> None:
    """Compile mailgate's modules to bytecode, as installing a package does: the timed
    commands start from ``.pyc`` files (under ``PYTHONDONTWRITEBYTECODE`` an editable
    install would otherwise compile every module it imports again, in every process)."""
    compileall.compile_dir(str(REPO / "mailgate"), quiet=1)


# -- a lean asyncio SMTP client (the same for both servers) -------------------------------


async def _client(port: int, msgs: list[bytes], done: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)

    async def reply() -> bytes:
        while True:
            line = await reader.readline()
            if not line:
                raise ConnectionError("connection closed")
            if line[3:4] != b"-":
                return line

    async def cmd(line: bytes) -> bytes:
        writer.write(line + b"\r\n")
        return await reply()

    await reply()
    await cmd(b"EHLO bench.example")
    for raw in msgs:
        r = await cmd(b"MAIL FROM:<client@customers.example>")
        r = await cmd(b"RCPT TO:<" + SUPPORT.encode() + b">")
        r = await cmd(b"DATA")
        if not r.startswith(b"354"):
            errors.append(r.decode(errors="replace").strip())
            continue
        data = raw.replace(b"\r\n.", b"\r\n..")
        if not data.endswith(b"\r\n"):
            data += b"\r\n"
        writer.write(data + b".\r\n")
        r = await reply()
        if r.startswith(b"250"):
            done.append(time.perf_counter())
        else:
            errors.append(r.decode(errors="replace").strip())
    await cmd(b"QUIT")
    writer.close()


async def _send_all(port: int, msgs: list[bytes], k: int) -> tuple[float, list[float], list[str]]:
    chunks = [msgs[i::k] for i in range(k)]
    done: list[float] = []
    errors: list[str] = []
    t0 = time.perf_counter()
    await asyncio.gather(*(_client(port, c, done, errors) for c in chunks))
    return t0, done, errors


def send_all(port: int, msgs: list[bytes], k: int) -> tuple[float, list[float], list[str]]:
    return asyncio.run(_send_all(port, msgs, k))


# -- servers ---------------------------------------------------------------------------------

STOCK_SINK = """
import asyncio, sys
from aiosmtpd.smtp import SMTP

class Sink:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"

async def main(port):
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(Sink(), hostname="sink", data_size_limit=26214400, decode_data=False),
        "127.0.0.1", port)
    print("ready", flush=True)
    await asyncio.Event().wait()

asyncio.run(main(int(sys.argv[1])))
"""

# mailgate's own protocol class, as its listener builds it from the default settings;
# the handler discards (same-parser) or appends to a file with one fsync per batch.
OWN_SINK = """
import asyncio, os, sys
from mailgate.config.inbound import SmtpInboundConfig
from mailgate.receive.smtp_session import protocol_class

cfg = SmtpInboundConfig()
Protocol = protocol_class(cfg)


class Discard:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"


class GroupFsync:
    # Messages are appended as they come; whoever finds no fsync running syncs the
    # file once for every message written so far, and answers all of them.
    def __init__(self, path):
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        self.waiting = []
        self.syncing = False

    async def handle_DATA(self, server, session, envelope):
        os.write(self.fd, envelope.original_content)
        done = asyncio.get_running_loop().create_future()
        self.waiting.append(done)
        if not self.syncing:
            asyncio.ensure_future(self.sync())
        await done
        return "250 OK"

    async def sync(self):
        self.syncing = True
        try:
            while self.waiting:
                batch, self.waiting = self.waiting, []
                await asyncio.to_thread(os.fsync, self.fd)
                for f in batch:
                    f.set_result(None)
        finally:
            self.syncing = False


async def main(port, kind, path):
    handler = Discard() if kind == "discard" else GroupFsync(path)
    loop = asyncio.get_running_loop()
    await loop.create_server(
        lambda: Protocol(
            handler, hostname="sink", ident="mailgate", decode_data=False,
            data_size_limit=cfg.max_message_bytes, enable_SMTPUTF8=True,
            timeout=cfg.timeout,
        ),
        "127.0.0.1", port)
    print("ready", flush=True)
    await asyncio.Event().wait()

asyncio.run(main(int(sys.argv[1]), sys.argv[2], sys.argv[3]))
"""

BASELINES = ("stock", "same-parser", "fsync")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, proc: subprocess.Popen[bytes]) -> None:
    for _ in range(300):
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server did not start")


def run_sink(msgs: list[bytes], k: int, kind: str) -> float:
    """Messages/s the baseline ``kind`` answers 250 to."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="mailgate-bench-sink-") as tmp:
        if kind == "stock":
            argv = [sys.executable, "-c", STOCK_SINK, str(port)]
        else:
            handler = "discard" if kind == "same-parser" else "fsync"
            argv = [sys.executable, "-c", OWN_SINK, str(port), handler, str(Path(tmp) / "spool")]
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, cwd=REPO)
        try:
            wait_port(port, proc)
            t0, done, errors = send_all(port, msgs, k)
            if errors:
                raise SystemExit(f"{kind} sink errors: {errors[:3]}")
            return len(done) / (max(done) - t0)
        finally:
            proc.terminate()
            proc.wait()


def wait_processed(
    db: Path, n: int, proc: subprocess.Popen[bytes], timeout: float
) -> dict[str, int]:
    """Wait until ``n`` messages are stored in the inbox and none waits to be processed
    (each is on its ticket with its acknowledgment queued in the same transaction, or
    held, or quarantined); the inbox by state.  Fails loudly when mailgate exits or
    ``timeout`` seconds pass: a message that opens no ticket must not make the benchmark
    wait forever, and one that is never processed must not go unnoticed."""
    deadline = time.perf_counter() + timeout
    conn: sqlite3.Connection | None = None
    states: dict[str, int] = {}
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit(f"mailgate exited during the run (inbox {states})")
            if conn is None and db.exists():
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
                conn.execute("PRAGMA busy_timeout=10000")
            if conn is not None:
                try:
                    states = dict(conn.execute("SELECT state, count(*) FROM inbox GROUP BY state"))
                except sqlite3.OperationalError:
                    states = {}  # the schema is being created
                if sum(states.values()) >= n and not states.get("received"):
                    return states
            if time.perf_counter() > deadline:
                raise SystemExit(
                    f"timed out after {timeout:.0f} s: {sum(states.values())} of {n} "
                    f"messages stored, inbox {states}"
                )
            time.sleep(0.02)
    finally:
        if conn is not None:
            conn.close()


def mailgate_config(db: Path, outbox: Path, *, level: str, extra: str = "") -> str:
    """The configuration the benchmarks run mailgate with: the support department on
    SQLite at ``db``, the file outbox, the log at ``level``; ``extra`` TOML after it."""
    return f"""
[helpdesk]
domain = "example.com"
[[departments]]
name = "support"
address = "{SUPPORT}"
[database]
url = "sqlite:///{db}"
[outbound]
directory = "{outbox}"
[log]
level = "{level}"
{extra}
"""


def run_mailgate(
    msgs: list[bytes], k: int, extra_config: str, timeout: float = 600.0
) -> tuple[float, float, dict[str, int]]:
    with tempfile.TemporaryDirectory(prefix="mailgate-bench-") as tmp:
        port = free_port()
        db = Path(tmp) / "mailgate.db"
        conf = Path(tmp) / "mailgate.toml"
        conf.write_text(
            mailgate_config(
                db,
                Path(tmp) / "outbox",
                level="warning",
                extra=f"[inbound.smtp]\nport = {port}\n{extra_config}",
            )
        )
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mailgate",
                "--config",
                str(conf),
                "run",
                *(["--only", ONLY] if ONLY else []),
            ],
            cwd=REPO,
        )
        try:
            wait_port(port, proc)
            t0, done, errors = send_all(port, msgs, k)
            if errors:
                raise SystemExit(f"mailgate errors: {errors[:3]}")
            accept = len(done) / (max(done) - t0)
            states = wait_processed(db, len(msgs), proc, timeout)
            end = time.perf_counter()
            return accept, len(msgs) / (end - t0), states
        finally:
            proc.terminate()
            proc.wait(30)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=4000, help="messages (default 4000)")
    ap.add_argument("-k", type=int, default=8, help="concurrent connections (default 8)")
    ap.add_argument("--rounds", type=int, default=1, help="repeat and report the median")
    ap.add_argument("--config", default="", help="extra TOML appended to mailgate's config")
    ap.add_argument(
        "--timeout", type=float, default=600, help="seconds to wait for processing (600)"
    )
    a = ap.parse_args()
    compile_package()

    msgs = make_messages(a.n)
    size = sum(len(m) for m in msgs)
    print(
        f"N={a.n} messages ({size / a.n / 1024:.1f} KiB average), K={a.k} connections, "
        f"{os.cpu_count()} CPUs, {a.rounds} round(s)"
    )
    sinks: dict[str, list[float]] = {b: [] for b in BASELINES}
    accepts, e2es = [], []
    for r in range(a.rounds):
        rates = {b: run_sink(msgs, a.k, b) for b in BASELINES}
        accept, e2e, states = run_mailgate(msgs, a.k, a.config, a.timeout)
        for b in BASELINES:
            sinks[b].append(rates[b])
        accepts.append(accept)
        e2es.append(e2e)
        print(f"  round {r + 1}: " + "   ".join(f"{b} {rates[b]:6.0f}/s" for b in BASELINES))
        print(
            f"           accept {accept:6.0f}/s ("
            + ", ".join(f"{accept / rates[b]:.2f}x {b}" for b in BASELINES)
            + f")\n           end-to-end {e2e:6.0f}/s ("
            + ", ".join(f"{e2e / rates[b]:.2f}x {b}" for b in BASELINES)
            + f")\n           inbox {states}"
        )
    med = {b: statistics.median(v) for b, v in sinks.items()}
    accept, e2e = statistics.median(accepts), statistics.median(e2es)
    print("median over rounds:")
    print("  " + " | ".join(f"{b} {med[b]:.0f} msg/s" for b in BASELINES))
    print(
        f"  accept {accept:.0f} msg/s = "
        + ", ".join(f"{accept / med[b]:.2f}x {b}" for b in BASELINES)
    )
    print(
        f"  end-to-end {e2e:.0f} msg/s = "
        + ", ".join(f"{e2e / med[b]:.2f}x {b}" for b in BASELINES)
    )


if __name__ == "__main__":
    main()
