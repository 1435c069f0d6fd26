"""SIGTERM, SIGINT and SIGHUP for ``mailgate run``, from its first instant to its last.

The kernel's default for all three is to end the process at once.  Under a daemon that
is still starting that would leave its child processes behind, with nothing logged: a
``systemctl stop`` or ``reload`` right after a start, a Ctrl-C in a terminal.  So:

- the ``mailgate`` entry point blocks the three before it imports anything else
  (:func:`hold`); the kernel keeps one that arrives pending.  Every command but ``run``
  unblocks them once it knows it is not the daemon (:func:`release`), and gets the
  defaults.  (What comes before the entry point — the interpreter loading itself, a few
  tens of milliseconds after exec — has the kernel's default: no child exists then.)
- ``run`` installs handlers that only take note, then unblocks
  (:meth:`DaemonSignals.install`), before it reads its configuration.
- once its event loop runs, the daemon attaches to them (:meth:`DaemonSignals.attach`):
  what arrived earlier is acted on at once, what arrives later wakes the loop.  After the
  loop is gone, the handlers go on taking note, so that a signal in the last instants
  does not cut the exit short.
- child processes start with the three blocked (:func:`held`) and unblock them once their
  own dispositions are in place: a Ctrl-C reaches the whole process group, and must not
  kill a child still importing its modules.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable, Iterator
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported by the entry point before anything else: kept light
    import asyncio

    _Target = tuple[asyncio.AbstractEventLoop, Callable[[], object], Callable[[], object]]

HANDLED = frozenset({signal.SIGTERM, signal.SIGINT, signal.SIGHUP})


def hold() -> None:
    """Block SIGTERM, SIGINT and SIGHUP in this thread (pending until released)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED)


def release() -> None:
    """Unblock them: one pending meets the disposition in force now."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HANDLED)


@contextlib.contextmanager
def held() -> Iterator[None]:
    """Blocked for the duration (processes started meanwhile inherit the block)."""
    tracker_running()
    before = signal.pthread_sigmask(signal.SIG_BLOCK, HANDLED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)


def tracker_running() -> None:
    """Start multiprocessing's resource tracker now if it is not running.  It starts with
    the first child process otherwise, and unblocks SIGINT and SIGTERM behind it, in the
    middle of a start that has them blocked."""
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()


class DaemonSignals:
    """The daemon's notes of the signals it received, and its link to the event loop."""

    def __init__(self) -> None:
        self.stop: signal.Signals | None = None  # the first SIGTERM or SIGINT
        self._hangup = False  # a SIGHUP not yet handed to a loop
        # The loop, and what to call on a stop and on a SIGHUP, while attached.
        self._target: _Target | None = None
        self._wakeup: tuple[socket.socket, socket.socket] | None = None

    def install(self) -> None:
        """Take the three over (main thread only), then let pending ones in."""
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        signal.signal(signal.SIGHUP, self._hup)
        release()

    def attach(
        self,
        loop: asyncio.AbstractEventLoop,
        on_stop: Callable[[], object],
        on_hangup: Callable[[], object],
    ) -> None:
        """Hand signals to ``loop``'s callbacks from now on, those received so far first.
        Call it from the loop, in the main thread."""
        # A signal may reach any thread; Python runs its handler in the main thread at
        # the next bytecode, which a loop asleep in epoll would not reach: the byte the
        # C handler writes to the wakeup socket wakes it.
        reader, writer = socket.socketpair()
        reader.setblocking(False)
        writer.setblocking(False)
        loop.add_reader(reader.fileno(), self._drain, reader)
        signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
        self._wakeup = (reader, writer)
        self._target = (loop, on_stop, on_hangup)
        # What came before, now (we are in the loop); a signal between the line above
        # and these is handed over twice: both callbacks take a repeat in their stride.
        if self.stop is not None:
            on_stop()
        if self._hangup:
            self._hangup = False
            on_hangup()

    def detach(self) -> None:
        """Back to taking notes only (before the loop closes)."""
        target, self._target = self._target, None
        signal.set_wakeup_fd(-1)
        if self._wakeup is not None:
            reader, writer = self._wakeup
            if target is not None:
                target[0].remove_reader(reader.fileno())
            reader.close()
            writer.close()
            self._wakeup = None

    def _stop(self, signum: int, _frame: FrameType | None) -> None:
        if self.stop is None:
            self.stop = signal.Signals(signum)
        target = self._target
        if target is not None:
            self._call(target[0], target[1])

    def _hup(self, _signum: int, _frame: FrameType | None) -> None:
        target = self._target
        if target is None:
            self._hangup = True
        else:
            self._call(target[0], target[2])

    @staticmethod
    def _call(loop: asyncio.AbstractEventLoop, callback: Callable[[], object]) -> None:
        # The handler runs between two bytecodes of whatever the main thread does, the
        # loop's own code included: only the thread-safe entry is safe to use.
        with contextlib.suppress(RuntimeError):  # the loop closed in between
            loop.call_soon_threadsafe(callback)

    @staticmethod
    def _drain(reader: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while reader.recv(64):
                pass
