#!/usr/bin/env python3
"""IMAP benchmark: a backlog of N messages in a mailbox of a real Dovecot server (the
test suite's fixture, on a loopback port), read three ways in the same run.

Figures printed:
  bare        messages/s a bare imapclient loop fetches with BODY.PEEK[] in batches of
              B, doing nothing else (the baseline)
  receive     messages/s mailgate's poller fetches them, commits them to the inbox
              (SQLite, synchronous=FULL) and marks them \\Seen on the server, in batches
  end-to-end  messages/s from `mailgate run --only imap,process` starting to the last
              message processed (on its ticket with its acknowledgment queued, or held)
and the ratios receive/bare and end-to-end/bare.

Each reading gets a mailbox of its own holding the same N messages (the mix of
bench/ingest.py: plain, HTML, attachments, legacy charsets, each from its own client),
indexed by Dovecot before the clock starts.

    .venv/bin/python bench/imap.py                 # N=5000, B=100, one round
    .venv/bin/python bench/imap.py -n 10000 -b 500 --rounds 3

Dovecot must be installed (`make test` installs it); the script starts its own instance.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from imapclient import IMAPClient  # noqa: E402
from ingest import make_messages, wait_processed  # noqa: E402

from tests.support.dovecot import PASSWORD, Dovecot, dovecot_binary, imap_block  # noqa: E402

CONFIG = """
[helpdesk]
domain = "example.com"
[[departments]]
name = "support"
address = "support@example.com"
[database]
url = "sqlite:///{db}"
[inbound.smtp]
enabled = false
[outbound]
directory = "{outbox}"
[log]
level = "warning"
"""


def mailbox(server: Dovecot, msgs: list[bytes]) -> str:
    """A new mailbox holding the messages, indexed by Dovecot (a first SELECT and a
    FLAGS fetch), so that no reading pays for the indexing."""
    user = server.add_user("bench")
    server.deliver(user, msgs)
    with server.client(user) as c:
        c.select_folder("INBOX", readonly=True)
        c.fetch(c.search(), ["FLAGS"])
    return user


def bare(server: Dovecot, user: str, batch: int) -> float:
    t0 = time.perf_counter()
    c = IMAPClient("127.0.0.1", port=server.port, ssl=False, timeout=60)
    c.login(user, PASSWORD)
    c.select_folder("INBOX")
    uids = sorted(c.search(["UID", "1:*"]))
    got = 0
    for i in range(0, len(uids), batch):
        for data in c.fetch(uids[i : i + batch], [b"BODY.PEEK[]"]).values():
            got += len(data[b"BODY[]"]) > 0
    c.logout()
    elapsed = time.perf_counter() - t0
    assert got == len(uids)
    return got / elapsed


def write_config(tmp: Path, server: Dovecot, user: str, batch: int) -> Path:
    conf = tmp / "mailgate.toml"
    conf.write_text(
        CONFIG.format(db=tmp / "mailgate.db", outbox=tmp / "outbox")
        + imap_block(
            user, server.port, batch_size=batch, idle=True, poll_interval="1h", department=None
        )
    )
    return conf


def receive(server: Dovecot, user: str, n: int, batch: int, timeout: float) -> float:
    from mailgate.config import load_config
    from mailgate.receive.imap import MailboxPoller
    from mailgate.store.engine import Store
    from mailgate.store.migrate import upgrade

    with tempfile.TemporaryDirectory(prefix="mailgate-bench-") as tmp:
        config = load_config(write_config(Path(tmp), server, user, batch))
        store = Store(config.database)
        upgrade(store)
        stop = threading.Event()
        poller = MailboxPoller(config.inbound.imap[0], store, stop)
        thread = threading.Thread(target=poller.run)
        t0 = time.perf_counter()
        thread.start()
        # Stored, committed and flagged: the poller goes into IDLE only after that.
        deadline = t0 + timeout
        while not (poller.counters.stored >= n and poller.idling.is_set()):
            if not thread.is_alive():
                raise SystemExit("the poller stopped")
            if time.perf_counter() > deadline:
                stop.set()
                raise SystemExit(
                    f"timed out after {timeout:.0f} s: {poller.counters.stored} of {n} stored"
                )
            time.sleep(0.002)
        elapsed = time.perf_counter() - t0
        stop.set()
        thread.join()
        store.dispose()
    left = server.uids(user, criteria="UNSEEN")
    assert not left, f"{len(left)} messages not marked seen"
    return n / elapsed


def end_to_end(server: Dovecot, user: str, n: int, batch: int, timeout: float) -> float:
    with tempfile.TemporaryDirectory(prefix="mailgate-bench-") as tmp:
        conf = write_config(Path(tmp), server, user, batch)
        db = Path(tmp) / "mailgate.db"
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mailgate",
                "--config",
                str(conf),
                "run",
                "--only",
                "imap,process",
            ],
            cwd=REPO,
        )
        try:
            states = wait_processed(db, n, proc, timeout)
            elapsed = time.perf_counter() - t0
            print(f"    end-to-end inbox {states}")
        finally:
            proc.terminate()
            proc.wait(30)
    return n / elapsed


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("-n", type=int, default=5000, help="messages (default 5000)")
    ap.add_argument("-b", "--batch", type=int, default=100, help="batch size (default 100)")
    ap.add_argument("--rounds", type=int, default=1, help="repeat and report the median")
    ap.add_argument(
        "--timeout", type=float, default=600, help="seconds to wait for each reading (600)"
    )
    a = ap.parse_args()

    binary = dovecot_binary()
    if binary is None:
        raise SystemExit("Dovecot is not installed (`make test` installs dovecot-imapd)")
    msgs = make_messages(a.n)
    size = sum(len(m) for m in msgs)
    print(
        f"N={a.n} messages ({size / a.n / 1024:.1f} KiB average, {size / 2**20:.0f} MiB), "
        f"batches of {a.batch}, {os.cpu_count()} CPUs, {a.rounds} round(s)"
    )
    server = Dovecot(binary).start()
    bares, receives, e2es = [], [], []
    try:
        for r in range(a.rounds):
            b = bare(server, mailbox(server, msgs), a.batch)
            rc = receive(server, mailbox(server, msgs), a.n, a.batch, a.timeout)
            e2e = end_to_end(server, mailbox(server, msgs), a.n, a.batch, a.timeout)
            bares.append(b)
            receives.append(rc)
            e2es.append(e2e)
            print(
                f"  round {r + 1}: bare {b:7.0f}/s   receive {rc:7.0f}/s ({rc / b:.2f}x)   "
                f"end-to-end {e2e:7.0f}/s ({e2e / b:.2f}x)",
                flush=True,
            )
    finally:
        server.stop()
    b, rc, e2e = (statistics.median(x) for x in (bares, receives, e2es))
    print(
        f"median: bare fetch {b:.0f} msg/s | receive {rc:.0f} msg/s = {rc / b:.2f}x bare | "
        f"end-to-end {e2e:.0f} msg/s = {e2e / b:.2f}x bare"
    )


if __name__ == "__main__":
    main()
