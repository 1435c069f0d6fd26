"""Running the ``mailgate`` command line in a test, as a user would: its output
captured, or in a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path


def run_cli(
    config_text: str,
    tmp_path: Path,
    *args: str,
    input: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``mailgate --config <tmp_path>/mailgate.toml ARGS…`` with ``config_text`` written
    there (and ``env`` added to the environment); its exit status, stdout and stderr."""
    conf = tmp_path / "mailgate.toml"
    conf.write_text(config_text)
    return subprocess.run(
        [sys.executable, "-m", "mailgate", "--config", str(conf), *args],
        capture_output=True,
        text=True,
        input=input,
        env=os.environ | (env or {}),
        timeout=60,
        check=False,
    )


def in_terminal(
    tmp_path: Path,
    config_text: str,
    *args: str,
    env: dict[str, str] | None = None,
    columns: int = 100,
) -> tuple[int, str]:
    """``mailgate ARGS…`` with a pseudo-terminal ``columns`` wide as its standard input,
    output and error; its exit status and all it wrote (line ends as \\n)."""
    conf = tmp_path / "mailgate.toml"
    conf.write_text(config_text)
    environ = {k: v for k, v in os.environ.items() if k not in ("VISUAL", "NO_COLOR", "COLUMNS")}
    environ |= {"TERM": "xterm"} | (env or {})
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "mailgate", "--config", str(conf), *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=environ,
        start_new_session=True,
    )
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 60
    try:
        while True:
            ready, _, _ = select.select([master], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                proc.kill()
                raise AssertionError(f"mailgate {' '.join(args)} did not finish: {out!r}")
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: every writer of the terminal has closed it
                break
            if not chunk:
                break
            out += chunk
        code = proc.wait(timeout=60)
    finally:
        os.close(master)
    return code, out.decode().replace("\r\n", "\n")
