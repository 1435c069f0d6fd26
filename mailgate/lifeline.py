"""A child process of ``mailgate run`` ends when the daemon does, however it ends.

Under systemd (``KillMode=mixed``) a stop kills what is left of the service's processes;
but a daemon killed with SIGKILL outside systemd, or by the kernel when memory runs out,
would leave its processing workers, IMAP poller, scheduler and inbox writer running on
the database with no one to stop them — and a new daemon would start its own beside
them.  So each child binds itself to the daemon first thing (:func:`bind_to_parent`):

- on Linux, the kernel's parent-death signal (``prctl(PR_SET_PDEATHSIG, SIGKILL)``):
  the child is killed the moment the thread that started it ends.  The daemon starts
  its children from the thread that runs its event loop, which lives as long as it.
- everywhere, a thread watching the pipe multiprocessing keeps from the daemon to each
  child it starts (``multiprocessing.parent_process().sentinel``): only the daemon
  holds its other end, so it ends when the daemon does, and the child exits at once.

Either is enough; a child that binds itself after the daemon already died finds out at
once (the daemon's pid is no longer its parent's; the pipe has ended).  Dying at once is
safe: every step's work is one transaction, replayed by the next daemon.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess

log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
EXIT_ORPHANED = 70  # EX_SOFTWARE: not an ordinary end


def bind_to_parent(name: str) -> None:
    """End this process when its parent, the daemon, ends (see the module)."""
    parent = multiprocessing.parent_process()
    if parent is None:  # not started by multiprocessing: nothing to bind to
        return
    if sys.platform.startswith("linux"):
        _parent_death_signal(signal.SIGKILL)
    if os.getppid() != parent.pid:
        _orphaned(name, parent)
    threading.Thread(target=_watch, args=(name, parent), name="lifeline", daemon=True).start()


def _parent_death_signal(sig: signal.Signals) -> None:
    with contextlib.suppress(OSError, AttributeError):  # the pipe's watch remains
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            log.debug("prctl(PR_SET_PDEATHSIG): %s", os.strerror(ctypes.get_errno()))


def _watch(name: str, parent: BaseProcess) -> None:
    parent.join()  # returns when the pipe from the parent ends
    _orphaned(name, parent)


def _orphaned(name: str, parent: BaseProcess) -> None:
    # Said if it can be within a second: a log whose reader went with the daemon must
    # not keep the process alive.
    said = threading.Thread(
        target=log.error,
        args=("%s: the daemon (pid %s) is gone; exiting", name, parent.pid),
        daemon=True,
    )
    said.start()
    said.join(1.0)
    os._exit(EXIT_ORPHANED)


def fork_pool(
    workers: int,
    name: str,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[object, ...] = (),
) -> ProcessPoolExecutor:
    """Processes that work for a command (``mailgate process --workers``, ``mailgate
    import --workers``): forked, so that they start with every module the command has
    imported and its configuration; bound to the command (they end with it, however it
    ends); deaf to Ctrl-C, which reaches the whole process group — the command decides
    when they stop.  They must not use the command's database connections: each opens
    its own if it needs one."""
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_helper,
        initargs=(name, initializer, initargs),
    )


def _start_helper(
    name: str, initializer: Callable[..., None] | None, initargs: tuple[object, ...]
) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    bind_to_parent(name)
    if initializer is not None:
        initializer(*initargs)
