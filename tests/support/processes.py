"""Processes a test starts, and what the kernel says about them: their signals, their
process group."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tests.support.waiting import wait_for


def takes_signal(pid: int, sig: int = signal.SIGTERM) -> bool:
    """Whether ``sig`` reaches the program's own code now: it blocks or catches it.
    Before that — the interpreter still loading itself after exec — the kernel's default
    action applies, whatever the program does."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    masks = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    bit = 1 << (sig - 1)
    return bool((int(masks["SigBlk"], 16) | int(masks["SigCgt"], 16)) & bit)


def group_members(pgid: int) -> dict[int, str]:
    """The live processes of a process group: pid → command line.  One that is exiting
    (its memory already released: no command line) or dead (a zombie) is left out."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            state, _ppid, group = (entry / "stat").read_text().rsplit(")", 1)[1].split()[:3]
            if int(group) != pgid or state in "ZXx":
                continue
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
            if cmdline:
                found[int(entry.name)] = cmdline
    return found


class Run:
    """``mailgate ARGS…`` in a session of its own — its process group is its pid, as
    under systemd —, its output collected line by line."""

    def __init__(self, cwd: Path, *args: str, env: dict[str, str] | None = None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "mailgate", *args],
            cwd=cwd,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.left_at_exit: dict[int, str] = {}

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.append(raw.decode(errors="replace").rstrip("\n"))

    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_line(self, pattern: str, timeout: float = 60, after: int = 0) -> int:
        """The index of the first line from ``after`` on matching ``pattern``, once
        there is one."""

        def found() -> int | None:
            assert self.proc.poll() is None or self._reader.is_alive(), self.output()
            lines = enumerate(self.lines[after:], after)
            return next((i + 1 for i, x in lines if re.search(pattern, x)), None)

        try:
            return int(wait_for(found, timeout, f"a line matching {pattern!r}")) - 1
        except AssertionError:
            raise AssertionError(f"no line matching {pattern!r} in:\n{self.output()}") from None

    def wait_taking_signals(self) -> None:
        """Until a SIGTERM reaches mailgate's code rather than the kernel's default (the
        interpreter loading itself, the first few tens of milliseconds after exec)."""
        wait_for(lambda: takes_signal(self.proc.pid), 30, "mailgate to take SIGTERM")

    def finish(self, timeout: float = 60) -> int:
        """Its exit status; what of its process group outlived it is ``left_at_exit``.
        The multiprocessing resource tracker leaves as soon as everyone else has (it
        ignores signals and exits on end of file): that one may linger an instant."""
        code = self.proc.wait(timeout)
        self.left_at_exit = {
            pid: cmd
            for pid, cmd in group_members(self.proc.pid).items()
            if "resource_tracker" not in cmd
        }
        wait_for(lambda: not group_members(self.proc.pid), 10, "the process group to empty")
        self._reader.join(10)
        return code

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
