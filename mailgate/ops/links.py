"""The daemon's line to each of its child processes: a socket pair, and no lock shared.

multiprocessing's shared events and counters are guarded by semaphores in shared memory.
A process killed while it holds one — the daemon by SIGKILL in the middle of waking the
workers — leaves it held for ever, and every process that touches it then blocks, deaf
to SIGTERM, whose handler would touch it too.  A socket holds no such state: when one
end's process dies, the other reads the end of the stream.

The daemon writes to a child:

- a byte meaning "there is new mail in the inbox" (a processing worker); when the child
  has not read the previous ones it is not sent — one wake is as good as many;
- then the end of the stream: stop after the current batch or job.

A child writes lines to the daemon (:class:`Report`):

- ``sent``: it queued outgoing mail (the sender wakes);
- ``stored``: it stored mail in the inbox (the processing workers wake);
- ``latency SECONDS``: a message was processed that long after it arrived (/metrics);
- ``reconnects ACCOUNT N``: an IMAP account reconnected N more times (/metrics).
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import threading
from collections.abc import Callable

_WAKE = b"w"


def pair() -> tuple[socket.socket, socket.socket]:
    """The daemon's end and the child's end of a new link."""
    return socket.socketpair()


class ParentLink:
    """A child's end: wakes and the stop from the daemon, reports to it."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.sock.setblocking(True)
        self.stopping = False
        self._send = threading.Lock()  # one report at a time on the stream
        # A signal handler's stop must end a wait at once: it writes here.
        self._stop_r, self._stop_w = os.pipe()
        os.set_blocking(self._stop_w, False)

    def request_stop(self) -> None:
        """Stop after the current batch: for a SIGTERM handler (touches no lock)."""
        self.stopping = True
        with contextlib.suppress(OSError):
            os.write(self._stop_w, b"s")

    def wait(self, timeout: float) -> None:
        """Until the daemon wakes this child or asks it to stop, or ``timeout`` passes."""
        if self.stopping:
            return
        fd = self.sock.fileno()
        ready, _, _ = select.select([fd, self._stop_r], [], [], max(0.0, timeout))
        if fd in ready:
            self._read()

    def clear(self) -> None:
        """Forget the wakes received so far (the batch about to run covers them)."""
        while not self.stopping and select.select([self.sock], [], [], 0)[0]:
            self._read()

    def _read(self) -> None:
        try:
            data = self.sock.recv(4096)
        except OSError:
            data = b""
        if not data:  # the daemon's end is shut: stop
            self.stopping = True

    def tell(self, line: str) -> None:
        """Report ``line`` to the daemon (never raises: a daemon gone is the lifeline's
        business)."""
        with self._send, contextlib.suppress(OSError):
            self.sock.sendall(line.encode("ascii") + b"\n")

    def sent(self) -> None:
        self.tell("sent")

    def stored(self) -> None:
        self.tell("stored")

    def latency(self, seconds: float) -> None:
        self.tell(f"latency {seconds:.6f}")

    def reconnects(self, account: int, n: int) -> None:
        if n:
            self.tell(f"reconnects {account} {n}")


class ChildLink:
    """The daemon's end: wakes and the stop to a child, its reports read on the event
    loop (``readable`` is called when the socket has data)."""

    def __init__(self, sock: socket.socket, on_report: Callable[[str, list[str]], None]) -> None:
        self.sock = sock
        self.sock.setblocking(False)
        self.on_report = on_report
        self._partial = b""
        self.closed = False

    def wake(self) -> None:
        with contextlib.suppress(OSError):  # full (not read yet) or gone: nothing to add
            self.sock.send(_WAKE)

    def stop(self) -> None:
        """The end of the stream: the child stops after its current batch or job."""
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_WR)

    def readable(self) -> bool:
        """Read what the child reported; False once its end is closed (it exited)."""
        try:
            data = self.sock.recv(65536)
        except BlockingIOError:
            return True
        except OSError:
            data = b""
        if not data:
            return False
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        for line in lines:
            words = line.decode("ascii", "replace").split()
            if words:
                self.on_report(words[0], words[1:])
        return True

    def close(self) -> None:
        self.closed = True
        self.sock.close()
