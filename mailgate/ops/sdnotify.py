"""The systemd notification protocol (``sd_notify(3)``), without libsystemd.

Under ``Type=notify`` systemd passes the path of a datagram socket in ``NOTIFY_SOCKET``
(a file name, or an abstract socket name written with a leading ``@``) and reads
newline-separated ``KEY=value`` assignments from it: ``READY=1`` once the service
serves, ``STATUS=…`` for ``systemctl status``, ``RELOADING=1`` … ``READY=1`` around a
reload, ``STOPPING=1``, and ``WATCHDOG=1`` at least every ``WATCHDOG_USEC``
microseconds when ``WatchdogSec=`` is set (``WATCHDOG_PID``, when given, names the
process that is meant to send it).  Outside systemd nothing is set and every call does
nothing, so ``mailgate run`` in a terminal behaves the same.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping

log = logging.getLogger(__name__)


class SystemdNotifier:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        path = env.get("NOTIFY_SOCKET", "")
        # A name starting with "@" is in the abstract namespace: a leading NUL byte.
        self.address: str | None = ("\0" + path[1:]) if path.startswith("@") else (path or None)
        self.watchdog_seconds: float | None = None
        usec = env.get("WATCHDOG_USEC", "")
        pid = env.get("WATCHDOG_PID", "")
        if usec.isdigit() and int(usec) > 0 and (not pid or pid == str(os.getpid())):
            self.watchdog_seconds = int(usec) / 1_000_000
        self._socket: socket.socket | None = None
        self._warned = False

    @property
    def enabled(self) -> bool:
        return self.address is not None

    def notify(self, **fields: str | int) -> bool:
        """Send ``KEY=value`` lines (``notify(READY=1, STATUS="…")``); False when not
        under systemd or the message could not be sent (logged once)."""
        if self.address is None:
            return False
        message = "\n".join(f"{k}={_one_line(str(v))}" for k, v in fields.items())
        try:
            if self._socket is None:
                self._socket = socket.socket(
                    socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC
                )
            self._socket.sendto(message.encode(), self.address)
        except OSError as e:
            if not self._warned:
                log.warning("systemd notification failed: %s", e)
                self._warned = True
            return False
        return True

    def ready(self, status: str) -> bool:
        return self.notify(READY=1, STATUS=status)

    def reloading(self) -> bool:
        # MONOTONIC_USEC lets systemd 253+ tie the READY=1 that follows to this reload.
        return self.notify(
            RELOADING=1, MONOTONIC_USEC=time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        )

    def stopping(self) -> bool:
        return self.notify(STOPPING=1, STATUS="stopping")

    def watchdog(self) -> bool:
        return self.notify(WATCHDOG=1)

    def status(self, text: str) -> bool:
        return self.notify(STATUS=text)

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


def _one_line(value: str) -> str:
    # A line break would start another assignment.
    return " ".join(value.splitlines())
