#!/usr/bin/env python3
"""Big-message benchmark: the memory one message at the size limit costs each process
on its way to its ticket, through each way mail comes in.

The message (text, HTML and four large attachments, base64, 24.75 MiB by default: the
limit of 25 MiB less a margin) goes through

  smtp     SMTP to `mailgate run`: the listener, the inbox writer, a processing worker
  imap     a mailbox of a real Dovecot read by `mailgate run --only imap,process`: the
           daemon (whose poller thread reads the mailbox), a processing worker
           (skipped when Dovecot is not installed)
  deliver  `mailgate deliver` with the message on standard input, then a processing
           worker of `mailgate run --only process`
  import   `mailgate import` of a folder holding it, then a processing worker

each with the embedded default configuration (SQLite) in a temporary directory.

Figures: for each process, the growth of its peak resident memory over what it held
before the message, in MiB and as a multiple of the message's size.
  - a process of the daemon: a small message of the same shape goes through first (so
    that what the first message of any size loads is loaded); then the peak is reset
    (/proc/PID/clear_refs), the resident size read (the baseline), the big message sent,
    and once it is on its ticket the peak read (VmHWM, and the largest VmRSS sampled
    every 5 ms, whichever is larger);
  - a one-shot command (deliver, import): its peak (getrusage of the child) with the big
    message less its peak with the small one.

The script also checks that the message reached its ticket with all its attachments.

    .venv/bin/python bench/big_message.py                     # every path
    .venv/bin/python bench/big_message.py --paths smtp,deliver --size 20MiB
    .venv/bin/python bench/big_message.py --profile           # where the copies are

``--profile`` runs the stages in this process under tracemalloc instead (the DATA reader
of the listener, the hand-over to the writer and the commit, the parse, the plan and the
apply of processing) and prints each one's peak of Python allocations above what it
started with, as a multiple of the message: a copy of the message is 1×.  It sees
Python's allocations only (not SQLite's, not the allocator's free lists): the figures of
the processes are the reference.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import re
import smtplib
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from ingest import free_port, wait_port, wait_processed  # noqa: E402

SUPPORT = "support@example.com"
CLIENT = "client@customers.example"
MiB = 1 << 20
PATHS = ("smtp", "imap", "deliver", "import")


# -- the message ---------------------------------------------------------------------------

_WORDS = (
    "printer invoice login error screen update password account server mail network slow "
    "crash refund order delivery report broken cannot please help since yesterday again "
    "attached export backup restore database timeout certificate warehouse"
).split()

# name, MIME type, share of the attachments' bytes, first bytes of the file
_FILES = (
    ("quarterly-report.pdf", "application/pdf", 0.30, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
    ("screenshot.png", "image/png", 0.25, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ("logs.zip", "application/zip", 0.25, b"PK\x03\x04\x14\x00\x00\x00\x08\x00"),
    ("server.log", "text/plain", 0.20, b""),
)


def _log_lines(rnd: random.Random, n: int) -> bytes:
    out = bytearray()
    second = 0
    while len(out) < n:
        second += rnd.randint(0, 3)
        words = " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(2, 8)))
        line = b"2026-11-23T10:%02d:%02dZ worker-%d %s" % (
            second // 60 % 60,
            second % 60,
            rnd.randint(1, 8),
            words.encode(),
        )
        out += line[:76] + b"\n"
    return bytes(out[:n])


# How the attachments are sent: every one in base64, as mail programs send files, or the
# log as text (7bit: a line of the message for each line of the log).
SHAPES = ("base64", "text-log")


def _message(rnd: random.Random, tag: str, sizes: list[int], shape: str) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = f"Dana Client <{CLIENT}>"
    msg["To"] = SUPPORT
    msg["Subject"] = f"Export of the quarter, with the logs ({tag})"
    msg["Date"] = "Mon, 23 Nov 2026 10:00:00 +0000"
    msg["Message-ID"] = f"<big-message.{tag}@customers.example>"
    paragraphs = [
        " ".join(rnd.choice(_WORDS) for _ in range(rnd.randint(20, 40))).capitalize() + "."
        for _ in range(24)
    ]
    msg.set_content("Hello,\n\n" + "\n\n".join(paragraphs) + "\n\nThanks,\nDana\n")
    rows = "".join(
        f"<tr><td>{i}</td><td>{rnd.choice(_WORDS)}</td><td>{rnd.randint(1, 999)}</td></tr>"
        for i in range(400)
    )
    msg.add_alternative(
        "<html><body><p>Hello,</p>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f"<table>{rows}</table><p>Thanks,<br>Dana</p></body></html>",
        subtype="html",
    )
    for (name, ctype, _share, head), size in zip(_FILES, sizes, strict=True):
        maintype, subtype = ctype.split("/")
        if maintype != "text":
            data = head + rnd.randbytes(size)
            msg.add_attachment(data[:size], maintype=maintype, subtype=subtype, filename=name)
        elif shape == "base64":
            msg.add_attachment(_log_lines(rnd, size), maintype, subtype, filename=name)
        else:
            msg.add_attachment(_log_lines(rnd, size).decode(), subtype, filename=name)
            assert msg.get_payload()[-1]["Content-Transfer-Encoding"] == "7bit"
    # The same bytes at every run.
    msg.set_boundary(f"=_mixed_{tag}")
    msg.get_payload()[0].set_boundary(f"=_alternative_{tag}")
    return msg.as_bytes()


def build_message(size: int, tag: str, shape: str = "base64", seed: int = 25) -> bytes:
    """A message of about ``size`` octets (CR LF line ends, as SMTP carries it)."""

    def make(sizes: list[int]) -> bytes:
        return _message(random.Random(seed), tag, sizes, shape)

    empty = len(make([0] * len(_FILES)))
    budget = max(0, size - empty) * 57 // 78  # base64: 57 octets a line of 76 + CR LF
    sizes = [int(budget * share) for _n, _t, share, _h in _FILES]
    # The log as text: a CR more for each of its lines.
    last = 57 / 78 if shape == "base64" else 60 / 61
    raw = make(sizes)
    for _ in range(3):
        sizes[-1] = max(0, sizes[-1] + int((size - len(raw)) * last) - 80)
        raw = make(sizes)
    return raw


def small_message(tag: str, shape: str) -> bytes:
    return build_message(64 * 1024, tag, shape, seed=5)


# -- memory of processes -------------------------------------------------------------------


def _status(pid: int) -> dict[str, int]:
    """VmRSS and VmHWM of a process, in KiB."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    return out


def _reset_peak(pid: int) -> bool:
    """VmHWM back to the current resident size (Linux ≥ 4.0, one's own processes)."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


class Peaks:
    """The growth of the peak resident size of some processes, from now on."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = pids
        self.cleared = all(_reset_peak(pid) for pid in pids.values())
        self.base = {name: _status(pid)["VmRSS"] for name, pid in pids.items()}
        self.sampled = dict(self.base)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(0.005):
            for name, pid in self.pids.items():
                with contextlib.suppress(OSError, KeyError):
                    self.sampled[name] = max(self.sampled[name], _status(pid)["VmRSS"])

    def stop(self) -> dict[str, tuple[int, int]]:
        """``{name: (baseline KiB, growth KiB)}``."""
        self._stop.set()
        self._thread.join()
        out = {}
        for name, pid in self.pids.items():
            peak = self.sampled[name]
            if self.cleared:
                peak = max(peak, _status(pid)["VmHWM"])
            out[name] = (self.base[name], peak - self.base[name])
        return out


# A command run under this wrapper writes its peak resident size (VmHWM, KiB) to the file
# named by MAILGATE_BENCH_PEAK as it exits.  getrusage of a child does not do: Linux gives a
# process the peak of its parent's memory at the fork before its exec.
_PEAK_WRAPPER = """
import atexit, os, runpy, sys

def peak():
    with open("/proc/self/status") as f:
        hwm = next(line for line in f if line.startswith("VmHWM:"))
    with open(os.environ["MAILGATE_BENCH_PEAK"], "w") as out:
        out.write(hwm.split()[1])

atexit.register(peak)
sys.argv[0] = "mailgate"
runpy.run_module("mailgate", run_name="__main__", alter_sys=True)
"""


def one_shot(argv: list[str], stdin: Path | None, log: Path) -> int:
    """Run a ``mailgate`` command to its end; its peak resident size in KiB."""
    peak_file = log.with_name("peak")
    env = {**os.environ, "MAILGATE_BENCH_PEAK": str(peak_file)}
    with (
        open(stdin, "rb") if stdin else open(os.devnull, "rb") as inp,
        open(log, "ab") as err,
    ):
        code = subprocess.call(
            [sys.executable, "-c", _PEAK_WRAPPER, *argv],
            stdin=inp,
            stdout=err,
            stderr=err,
            cwd=REPO,
            env=env,
        )
    if code != 0:
        raise SystemExit(f"mailgate {argv[2]} exited with {code}: see {log}")
    return int(peak_file.read_text())


# -- mailgate ------------------------------------------------------------------------------

CONFIG = """
[helpdesk]
domain = "example.com"
[[departments]]
name = "support"
address = "{support}"
[database]
url = "sqlite:///{db}"
[inbound.smtp]
port = {port}
enabled = {smtp}
[outbound]
directory = "{outbox}"
[log]
level = "info"
"""


class Mailgate:
    """A configuration in a temporary directory, and ``mailgate run`` on it."""

    def __init__(self, tmp: Path, *, smtp: bool, extra: str = "") -> None:
        self.tmp = tmp
        self.port = free_port()
        self.db = tmp / "mailgate.db"
        self.conf = tmp / "mailgate.toml"
        self.log = tmp / "mailgate.log"
        self.conf.write_text(
            CONFIG.format(
                support=SUPPORT,
                db=self.db,
                port=self.port,
                smtp=str(smtp).lower(),
                outbox=tmp / "outbox",
            )
            + extra
        )
        self.smtp = smtp
        self.proc: subprocess.Popen[bytes] | None = None
        self.expected = 0  # messages stored so far

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "mailgate", *self.arguments(*args)]

    def arguments(self, *args: str) -> list[str]:
        return ["--config", str(self.conf), *args]

    def run(self, only: str | None) -> dict[str, int]:
        """Start the daemon; its processes by role: ``daemon`` (which runs the listener),
        ``writer``, ``worker N``, ``imap``, ``scheduler``, as it runs them."""
        argv = self.command("run", *(["--only", only] if only else []))
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(argv, stdout=log, stderr=log, cwd=REPO)
        if self.smtp:
            wait_port(self.port, self.proc)
        roles = only.split(",") if only else ["smtp", "process", "scheduler"]
        expected = 2 * ("process" in roles) + ("imap" in roles) + ("scheduler" in roles)
        pids = {"daemon": self.proc.pid, **self._children(expected)}
        if self.smtp:
            known = set(pids.values())
            others = [
                pid
                for pid in _children(self.proc.pid)
                if pid not in known and b"spawn_main" in _cmdline(pid)
            ]
            if len(others) != 1:
                raise SystemExit(f"cannot tell the inbox writer among {others}")
            pids["writer"] = others[0]
        return pids

    _STARTED = re.compile(r"(processing worker \d+|IMAP poller|scheduler) started \(pid (\d+)\)")

    def _children(self, expected: int) -> dict[str, int]:
        """The children that say in the log that they started, by role."""
        assert self.proc is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"mailgate exited with {self.proc.returncode}: see {self.log}")
            found = {
                what.replace("processing ", "").replace("IMAP poller", "imap"): int(pid)
                for what, pid in self._STARTED.findall(self.log.read_text())
            }
            if len(found) >= expected:
                return found
            time.sleep(0.05)
        raise SystemExit(f"the daemon's processes did not start: see {self.log}")

    def wait(self, n: int = 1, timeout: float = 600) -> None:
        """Until ``n`` more messages are stored and none waits to be processed."""
        assert self.proc is not None
        self.expected += n
        states = wait_processed(self.db, self.expected, self.proc, timeout)
        if set(states) != {"processed"}:
            raise SystemExit(f"inbox {states}: see {self.log}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(60)

    def check_ticket(self, raw: bytes) -> None:
        """The message is on a ticket, with every attachment whole."""
        m = re.search(rb"Message-ID: <([^>]+)>", raw)
        assert m is not None
        with contextlib.closing(sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)) as conn:
            row = conn.execute(
                "SELECT m.ticket_id, count(a.id), coalesce(sum(a.size), 0) FROM messages m "
                "LEFT JOIN attachments a ON a.message_pk = m.id WHERE m.message_id = ? "
                "GROUP BY m.id",
                (m.group(1).decode(),),
            ).fetchone()
        if row is None or row[0] is None:
            raise SystemExit(f"the message is on no ticket: see {self.log}")
        if row[1] != len(_FILES):
            raise SystemExit(f"ticket {row[0]}: {row[1]} attachments, not {len(_FILES)}")


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry))
    return out


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def send_smtp(port: int, raw: bytes) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=600) as s:
        s.sendmail(CLIENT, [SUPPORT], raw)


# -- the paths ------------------------------------------------------------------------------

Result = list[tuple[str, int, int]]  # (process, baseline KiB, growth KiB)


def _daemon_figures(peaks: Peaks, names: dict[str, str]) -> Result:
    """The daemon's processes under their names here; of the two workers, the one that
    processed the message (the larger growth)."""
    figures = peaks.stop()
    workers = [figures[n] for n in figures if n.startswith("worker")]
    out = [(label, *figures[name]) for name, label in names.items()]
    base, growth = max(workers, key=lambda f: f[1])
    return [*out, ("processing worker", base, growth)]


def path_smtp(tmp: Path, big: bytes, shape: str) -> Result:
    mg = Mailgate(tmp, smtp=True)
    try:
        pids = mg.run(None)
        send_smtp(mg.port, small_message("smtp-warm-up", shape))
        mg.wait()
        peaks = Peaks(pids)
        send_smtp(mg.port, big)
        mg.wait()
        mg.check_ticket(big)
        return _daemon_figures(peaks, {"daemon": "listener (mailgate run)", "writer": "writer"})
    finally:
        mg.stop()


def path_imap(tmp: Path, big: bytes, shape: str) -> Result | str:
    from tests.support.dovecot import Dovecot, dovecot_binary, imap_block

    binary = dovecot_binary()
    if binary is None:
        return "skipped: Dovecot is not installed (`make test` installs dovecot-imapd)"
    server = Dovecot(binary).start()
    try:
        user = server.add_user("big")
        block = imap_block(user, server.port, idle=True, poll_interval="1h", department="support")
        mg = Mailgate(tmp, smtp=False, extra=block)
        try:
            pids = mg.run("imap,process")
            server.deliver(user, [small_message("imap-warm-up", shape)])
            mg.wait()
            peaks = Peaks(pids)
            server.deliver(user, [big])
            mg.wait()
            mg.check_ticket(big)
            return _daemon_figures(peaks, {"imap": "IMAP poller"})
        finally:
            mg.stop()
    finally:
        server.stop()


def _one_shot_path(
    tmp: Path,
    big: bytes,
    shape: str,
    name: str,
    command: Callable[[Mailgate, Path], tuple[list[str], Path | None]],
) -> Result:
    mg = Mailgate(tmp, smtp=False)
    try:
        pids = mg.run("process")
        peaks_small = []
        warm_up = small_message(f"{name}-warm-up", shape)
        for tag, raw in ((f"{name}-warm-up", warm_up), ("big", big)):
            folder = tmp / tag
            folder.mkdir()
            (folder / "message.eml").write_bytes(raw)
            argv, stdin = command(mg, folder)
            if tag == "big":
                peaks = Peaks({n: p for n, p in pids.items() if n.startswith("worker")})
                big_peak = one_shot(argv, stdin, mg.log)
                mg.wait()
                mg.check_ticket(big)
            else:
                peaks_small.append(one_shot(argv, stdin, mg.log))
                mg.wait()
        figures = _daemon_figures(peaks, {})
        return [(f"mailgate {name}", peaks_small[0], big_peak - peaks_small[0]), *figures]
    finally:
        mg.stop()


def path_deliver(tmp: Path, big: bytes, shape: str) -> Result:
    return _one_shot_path(
        tmp,
        big,
        shape,
        "deliver",
        lambda mg, folder: (mg.arguments("deliver", "-r", SUPPORT), folder / "message.eml"),
    )


def path_import(tmp: Path, big: bytes, shape: str) -> Result:
    return _one_shot_path(
        tmp,
        big,
        shape,
        "import",
        lambda mg, folder: (mg.arguments("import", "-r", SUPPORT, str(folder)), None),
    )


# -- profile: the stages in this process, under tracemalloc ---------------------------------


@contextlib.contextmanager
def traced(label: str, size: int, rows: list[tuple[str, float, float]]) -> Iterator[None]:
    """Peak of Python allocations during the block above those when it started, and what
    the block left allocated, as multiples of ``size``."""
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.reset_peak()
    start = tracemalloc.get_traced_memory()[0]
    yield
    current, peak = tracemalloc.get_traced_memory()
    rows.append((label, (peak - start) / size, (current - start) / size))


def profile(raw: bytes) -> None:
    import tracemalloc

    from mailgate.config import load_config
    from mailgate.envelope import Envelope
    from mailgate.inbox import store_messages
    from mailgate.parse import parse_message
    from mailgate.process import Processor
    from mailgate.store.engine import Store
    from mailgate.store.migrate import upgrade

    size = len(raw)
    rows: list[tuple[str, float, float]] = []
    envelope = Envelope("smtp", CLIENT, (SUPPORT,), None)
    with tempfile.TemporaryDirectory(prefix="mailgate-bench-") as tmp:
        mg = Mailgate(Path(tmp), smtp=True)
        config = load_config(mg.conf)
        store = Store(config.database)
        upgrade(store)
        (Path(tmp) / "other").mkdir()
        other = Store(load_config(Mailgate(Path(tmp) / "other", smtp=False).conf).database)
        upgrade(other)
        tracemalloc.start()
        content = _profile_data(config, raw, rows)
        assert content == raw, "the DATA reader changed the message"
        del content
        asyncio.run(_profile_hand_over(store, envelope, raw, rows))
        with traced("deliver, import: store_messages", size, rows):
            store_messages(other, [(envelope, raw)])
        _profile_imap(raw, Path(tmp) / "imap", rows)
        with traced("worker: parse_message", size, rows):
            mail = parse_message(raw)
        del mail
        processor = Processor(config, store)
        with traced("worker: one batch (plan and apply)", size, rows):
            result = processor.run_once()
        tracemalloc.stop()
        store.dispose()
        other.dispose()
        assert result.processed == 1, result
    print(f"message: {size / MiB:.2f} MiB; Python allocations (tracemalloc), × the message:")
    print(f"  {'stage':52} {'peak':>7} {'kept':>7}")
    for label, peak, kept in rows:
        print(f"  {label:52} {peak:6.2f}× {kept:6.2f}×")


async def _profile_hand_over(
    store: Any, envelope: Any, raw: bytes, rows: list[tuple[str, float, float]]
) -> None:
    """The listener's side of the hand-over to a writer process, to the commit."""
    from mailgate.inbox.writer import InboxWriter

    writer = InboxWriter(store, log_level="warning")
    await writer.start()
    try:
        with traced("listener: hand-over to the writer, to the commit", len(raw), rows):
            await writer.submit(envelope, raw)
    finally:
        await writer.stop()


def _profile_imap(raw: bytes, tmp: Path, rows: list[tuple[str, float, float]]) -> None:
    """The IMAP poller's fetch and commit of the message, from a Dovecot of its own."""
    from mailgate.config import load_config
    from mailgate.receive.imap import MailboxPoller
    from mailgate.store.engine import Store
    from mailgate.store.migrate import upgrade
    from tests.support.dovecot import Dovecot, dovecot_binary, imap_block

    binary = dovecot_binary()
    if binary is None:
        return
    server = Dovecot(binary).start()
    try:
        user = server.add_user("big")
        server.deliver(user, [raw])
        tmp.mkdir()
        block = imap_block(user, server.port, idle=True, poll_interval="1h", department="support")
        config = load_config(Mailgate(tmp, smtp=False, extra=block).conf)
        store = Store(config.database)
        upgrade(store)
        stop = threading.Event()
        poller = MailboxPoller(config.inbound.imap[0], store, stop)
        thread = threading.Thread(target=poller.run, daemon=True)
        with traced("IMAP poller: fetched and committed", len(raw), rows):
            thread.start()
            while not (poller.counters.stored and poller.idling.is_set()):
                time.sleep(0.01)
        stop.set()
        thread.join()
        store.dispose()
    finally:
        server.stop()


def _profile_data(config: Any, raw: bytes, rows: list[tuple[str, float, float]]) -> bytes:
    """The listener's DATA reader on a loopback connection in this process."""
    from mailgate.receive.smtp_session import protocol_class

    got: list[bytes] = []

    class Keep:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            got.append(envelope.original_content)
            return "250 OK"

    klass = protocol_class(config.inbound.smtp)
    stuffed = re.sub(rb"(?m)^\.", b"..", raw) + b".\r\n"
    port = free_port()
    loop = asyncio.new_event_loop()

    async def serve() -> None:
        await loop.create_server(
            lambda: klass(
                Keep(),
                hostname="bench",
                ident="mailgate",
                data_size_limit=config.inbound.smtp.max_message_bytes,
                decode_data=False,
            ),
            "127.0.0.1",
            port,
        )

    loop.run_until_complete(serve())
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    with socket.create_connection(("127.0.0.1", port)) as s:
        f = s.makefile("rb")
        f.readline()
        s.sendall(b"EHLO bench.example\r\nMAIL FROM:<a@customers.example>\r\n")
        s.sendall(b"RCPT TO:<" + SUPPORT.encode() + b">\r\nDATA\r\n")
        while not f.readline().startswith(b"354"):
            pass
        with traced("listener: DATA read (the message kept)", len(raw), rows):
            view = memoryview(stuffed)
            for i in range(0, len(view), 1 << 16):
                s.sendall(view[i : i + (1 << 16)])
            f.readline()
        s.sendall(b"QUIT\r\n")
        f.readline()
        f.read()  # until the session closes
    loop.call_soon_threadsafe(loop.stop)
    thread.join()
    loop.close()
    return got[0]


# -- main -----------------------------------------------------------------------------------


def parse_size(text: str) -> int:
    m = re.fullmatch(r"\s*([\d.]+)\s*(MiB|KiB|M|K|)\s*", text)
    if m is None:
        raise argparse.ArgumentTypeError(f"not a size: {text!r}")
    unit = {"MiB": MiB, "M": MiB, "KiB": 1024, "K": 1024, "": 1}[m.group(2)]
    return int(float(m.group(1)) * unit)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument(
        "--size", type=parse_size, default=25 * MiB - 256 * 1024, help="24.75MiB by default"
    )
    ap.add_argument("--paths", default=",".join(PATHS), help="comma-separated: " + ", ".join(PATHS))
    ap.add_argument("--shape", choices=SHAPES, default="base64", help="how files are sent")
    ap.add_argument("--profile", action="store_true", help="in-process tracemalloc, by stage")
    a = ap.parse_args()

    big = build_message(a.size, "big", a.shape)
    if a.profile:
        profile(big)
        return
    size = len(big)
    print(
        f"message: {size} octets ({size / MiB:.2f} MiB; text, HTML and {len(_FILES)} "
        f"attachments, {a.shape}), {os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
    )
    print(f"  {'path':8} {'process':28} {'baseline':>10} {'growth':>11} {'× message':>10}")
    runs = {"smtp": path_smtp, "imap": path_imap, "deliver": path_deliver, "import": path_import}
    for path in (p.strip() for p in a.paths.split(",") if p.strip()):
        if path not in runs:
            raise SystemExit(f"--paths: unknown path {path!r}")
        with tempfile.TemporaryDirectory(prefix="mailgate-bench-") as tmp:
            t0 = time.perf_counter()
            result = runs[path](Path(tmp), big, a.shape)
            elapsed = time.perf_counter() - t0
        if isinstance(result, str):
            print(f"  {path:8} {result}")
            continue
        for process, base, growth in result:
            print(
                f"  {path:8} {process:28} {base / 1024:7.0f} MiB {growth / 1024:7.1f} MiB "
                f"{growth * 1024 / size:9.2f}×"
            )
        print(f"  {path:8} ({elapsed:.1f} s, the warm-up message included)", flush=True)


if __name__ == "__main__":
    main()
