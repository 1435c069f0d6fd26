"""The IMAP poller process: one thread per configured mailbox.

Fetching is network-bound and imapclient is blocking code, so each mailbox gets a
thread; they share a process of their own so that parsing IMAP responses never holds the
interpreter lock the SMTP listener's clients wait on.  The process writes to the inbox
with the processing workers' priority (the listener's commits go first on SQLite's write
lock) and, through the daemon, wakes the workers after each batch it stores.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time

from mailgate.config import Config
from mailgate.lifeline import bind_to_parent
from mailgate.ops.links import ParentLink
from mailgate.ops.signals import release
from mailgate.store.engine import WritePriority

log = logging.getLogger(__name__)


def imap_main(config: Config, sock: socket.socket, priority: WritePriority, log_level: str) -> None:
    """The body of the IMAP poller process."""
    bind_to_parent("IMAP poller")
    from mailgate.logs import setup_logging
    from mailgate.receive.imap import MailboxPoller
    from mailgate.store.engine import Store

    stop = threading.Event()
    link = ParentLink(sock)

    def terminate(*_: object) -> None:
        # The first SIGTERM (the daemon's, after its grace period) stops the pollers
        # after the batch they are storing; a second one does not wait for them.
        if link.stopping:
            os._exit(1)
        link.request_stop()

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, terminate)
    release()  # started with them blocked (WorkerPool._start)
    setup_logging(log_level, config.log.format)
    store = Store(config.database, priority=priority)
    pollers = [
        MailboxPoller(
            account,
            store,
            stop,
            on_stored=lambda _n: link.stored(),
            takeover=config.daemon.takeover,
        )
        for account in config.inbound.imap
    ]
    threads = [threading.Thread(target=p.run, name=f"imap-{p.name}", daemon=True) for p in pollers]
    for t in threads:
        t.start()
    log.info(
        "IMAP poller started (pid %d): %s",
        os.getpid(),
        ", ".join(f"{a.name} ({a.username}@{a.host} {a.folder})" for a in config.inbound.imap),
    )
    # Reconnects already reported to the daemon (for /metrics).
    reported = [0] * len(pollers)
    try:
        while not link.stopping:
            link.wait(1.0)
            for i, p in enumerate(pollers):
                now = p.counters.reconnects
                link.reconnects(i, now - reported[i])
                reported[i] = now
    finally:
        stop.set()
        # A poller notices within a second (IDLE is checked every second); one in the
        # middle of a batch finishes storing it first.  What is not committed by the
        # deadline is fetched again next time.
        deadline = time.monotonic() + config.daemon.shutdown_timeout
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        late = [t.name for t in threads if t.is_alive()]
        if late:
            log.warning("IMAP poller: %s did not stop in time", ", ".join(late))
        store.dispose()
    log.info("IMAP poller stopped")
