"""The ``mailgate`` command (``python -m mailgate`` too)."""

from __future__ import annotations

import atexit
import os
import sys
import threading
from typing import NoReturn

from mailgate.ops.signals import hold


def main() -> None:
    # Before the command line's modules load (and `run` loads the whole daemon): a
    # SIGTERM meanwhile must wait for the daemon's handlers, not kill it (see
    # mailgate.ops.signals).
    hold()
    from mailgate.cli.main import main as cli

    cli()


def run() -> NoReturn:
    """The console script: :func:`main`, then out of the process without the
    interpreter's teardown — freeing every module and object one by one, about 0.17 s
    after a ``process`` of 500 messages, work no one needs once the process ends.  The
    exit handlers still run (logging's flush among them) and the standard streams are
    flushed; everything a command writes is already made durable before it returns
    (its commits, the files it fsyncs).  While a thread still runs, the usual exit
    waits for it."""
    code: object
    try:
        main()
        code = 0
    except SystemExit as e:
        code = e.code
    _leave(code)


def _leave(code: object) -> NoReturn:
    if threading.active_count() > 1:
        sys.exit(code)  # type: ignore[arg-type]
    status = exit_status(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            status = status or _FLUSH_FAILED
    os._exit(status)


def exit_status(code: object) -> int:
    """The exit status ``sys.exit(code)`` gives: None is 0, an integer itself, anything
    else printed to standard error and 1."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


# The status Python exits with when it cannot flush standard output at its end.
_FLUSH_FAILED = 120


if __name__ == "__main__":
    run()
