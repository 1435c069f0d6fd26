#!/usr/bin/env python3
"""Start-up benchmark: how long a `mailgate` command takes, the whole process, beside the
interpreter's own start.

Each command runs N times as a new process of this interpreter (`python -m mailgate …`,
its output thrown away) in a temporary directory, so the embedded default configuration
is read and nothing of the checkout's own `var/` is touched; the rounds take the
commands in turn, so that a slow moment of the machine falls on all of them.  The median
wall time of each is printed, with its ratio to the ceiling measured in the same run, and
the median CPU time (user + system) of the process, which a loaded machine moves less:

  ceiling          python -c pass: the interpreter starting and stopping, with this
                   environment's site-packages (what no command can beat)
  import mailgate  python -c "import mailgate": the package's face (its version)
  --help           the commands and their options, listed
  --version
  tickets --help   one command's options
  check-config     the embedded configuration validated, its templates rendered
  parse FILE       a light command's contrast: a message read and classified
  db current       the store opened (SQLAlchemy, Alembic) on the SQLite file
  deliver          one message on standard input, as an MTA's pipe runs it per message
  import FOLDER    a folder of one message
  process          the inbox processed: the two messages of the round before
(each round's messages are new ones — a Message-ID of their own — as an MTA's are)

The commands of mail in (deliver, import, process) run per message or per batch, so
their start-up is most of their cost; all three open the SQLite database of the embedded
default configuration in the temporary directory.

The issue's target is start-up under 0.2 s for the commands that need neither the
database nor the parser.  No test asserts a timing; tests/test_cli_startup.py checks
which modules the light commands import.

    .venv/bin/python bench/startup.py                  # N=21 runs of each
    .venv/bin/python bench/startup.py -n 51 --profile  # and where the time goes

``--profile`` runs each command once more under ``-X importtime`` and prints the
modules that took longest to import, counted once each (a module's own time plus the
modules it was first to import).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from ingest import compile_package  # the bench folder, put on the path above

REPO = Path(__file__).resolve().parents[1]

MESSAGE = b"""\
From: Client <client@customer.example>
To: support@helpdesk.example
Subject: The printer in room 4 prints blank pages
Date: Thu, 03 Dec 2026 09:12:00 +0000
Message-ID: <startup-bench@customer.example>
Content-Type: text/plain; charset=utf-8

Hello,

since this morning the printer in room 4 prints blank pages only.

Thanks,
Ann
"""


def renew(tmp: Path, round_: int) -> None:
    """The round's messages to deliver and to import: new ones, not duplicates."""
    for i, path in enumerate((tmp / "message.eml", tmp / "folder" / "message.eml")):
        mid = f"<startup-bench-{round_}-{i}@customer.example>".encode()
        path.write_bytes(MESSAGE.replace(b"<startup-bench@customer.example>", mid))


def commands(tmp: Path) -> list[tuple[str, list[str], Path | None]]:
    """``(label, arguments, standard input)`` of each command measured."""
    mail = tmp / "message.eml"
    mail.write_bytes(MESSAGE)
    folder = tmp / "folder"
    folder.mkdir()
    (folder / "message.eml").write_bytes(MESSAGE)
    m = ["-m", "mailgate"]
    rows: list[tuple[str, list[str]]] = [
        ("python -c pass", ["-c", "pass"]),
        ("python -c 'import mailgate'", ["-c", "import mailgate"]),
        ("mailgate --help", [*m, "--help"]),
        ("mailgate --version", [*m, "--version"]),
        ("mailgate tickets --help", [*m, "tickets", "--help"]),
        ("mailgate check-config", [*m, "check-config"]),
        ("mailgate parse FILE", [*m, "parse", str(mail)]),
        ("mailgate db current", [*m, "db", "current"]),
        ("mailgate import FOLDER", [*m, "import", str(folder)]),
        ("mailgate process", [*m, "process"]),
    ]
    measured: list[tuple[str, list[str], Path | None]] = [(*row, None) for row in rows]
    # First of the store's commands: its first run makes the database.
    measured.insert(7, ("mailgate deliver < FILE", [*m, "deliver"], mail))
    return measured


def environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MAILGATE_CONFIG"}
    # The checkout's mailgate, whatever the interpreter has installed.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _run(
    cmd: list[str], stdin: Path | None, cwd: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[bytes]:
    """``cmd`` with ``stdin`` (or nothing) as its input, its output dropped, its errors
    kept."""
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as given:
        return subprocess.run(
            cmd,
            cwd=cwd,
            env=env,
            stdin=given,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            check=False,
        )


def run_once(
    argv: list[str], stdin: Path | None, cwd: Path, env: dict[str, str]
) -> tuple[float, float]:
    """The wall time and the CPU time (user + system, children included) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = _run([sys.executable, *argv], stdin, cwd, env)
    took = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.decode()[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return took, cpu


def heaviest_imports(
    argv: list[str], stdin: Path | None, cwd: Path, env: dict[str, str], top: int
) -> list[str]:
    """The ``top`` modules with the longest cumulative import time, each counted once:
    ``-X importtime`` lines are ``self | cumulative | indented name``."""
    done = _run([sys.executable, "-X", "importtime", *argv], stdin, cwd, env)
    longest: dict[str, int] = {}  # a module in an import cycle has two lines
    total = 0
    for line in done.stderr.decode().splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = line.removeprefix("import time:").split("|")
        longest[name.strip()] = max(int(cumulative), longest.get(name.strip(), 0))
        if not name.removeprefix(" ").startswith(" "):  # outermost: they add up to all
            total += int(cumulative)
    rows = sorted(((c, name) for name, c in longest.items()), reverse=True)
    picked = [f"{c / 1000:6.1f} ms  {name}" for c, name in rows[:top]]
    return [f"{total / 1000:6.1f} ms  (all imports)", *picked]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--runs", type=int, default=21, help="runs of each command")
    ap.add_argument(
        "--profile", action="store_true", help="print the slowest imports of each command"
    )
    ap.add_argument("--top", type=int, default=12, help="imports listed with --profile")
    args = ap.parse_args()
    compile_package()

    with tempfile.TemporaryDirectory(prefix="mailgate-startup-") as name:
        tmp = Path(name)
        env = environment(tmp)
        measured = commands(tmp)
        renew(tmp, 0)
        for _, argv, stdin in measured:  # once, untimed: the files in the page cache
            run_once(argv, stdin, tmp, env)
        times: dict[str, list[float]] = {label: [] for label, _, _ in measured}
        cpus: dict[str, list[float]] = {label: [] for label, _, _ in measured}
        for round_ in range(1, args.runs + 1):
            renew(tmp, round_)
            for label, argv, stdin in measured:
                took, cpu = run_once(argv, stdin, tmp, env)
                times[label].append(took)
                cpus[label].append(cpu)
        medians = {label: statistics.median(t) for label, t in times.items()}
        cpu_medians = {label: statistics.median(t) for label, t in cpus.items()}
        ceiling = medians["python -c pass"]
        print(
            f"Python {platform.python_version()} ({sys.executable}), {os.cpu_count()} cores, "
            f"{args.runs} runs of each, medians of the whole process"
        )
        print(f"{'command':<30} {'median':>9} {'min':>9} {'ratio':>7} {'CPU':>9}")
        for label, _, _ in measured:
            print(
                f"{label:<30} {medians[label] * 1000:7.1f}ms {min(times[label]) * 1000:7.1f}ms "
                f"{medians[label] / ceiling:6.1f}× {cpu_medians[label] * 1000:7.1f}ms"
            )
        if args.profile:
            renew(tmp, args.runs + 1)
            for label, argv, stdin in measured[1:]:
                print(f"\n{label}: slowest imports (cumulative)")
                for line in heaviest_imports(argv, stdin, tmp, env, args.top):
                    print(f"  {line}")


if __name__ == "__main__":
    main()
