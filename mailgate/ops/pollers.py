"""The IMAP poller process: one thread per configured mailbox.

Fetching is network-bound and imapclient is blocking code, so each mailbox gets a
thread; they share a process of their own so that parsing IMAP responses never holds the
interpreter lock the SMTP listener's clients wait on.  The process writes to the inbox
with the processing workers' priority (the listener's commits go first on SQLite's write
lock) and wakes the workers after each batch it stores.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

from mailgate.config import Config
from mailgate.ops.workers import Signals

log = logging.getLogger(__name__)


def imap_main(config: Config, signals: Signals, log_level: str) -> None:
    """The body of the IMAP poller process."""
    from mailgate.ops.logs import setup_logging
    from mailgate.receive.imap import MailboxPoller
    from mailgate.store.engine import Store

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: signals.stop.set())
    parent = os.getppid()
    setup_logging(log_level, config.log.format)
    store = Store(config.database, priority=signals.priority)
    stop = threading.Event()
    pollers = [
        MailboxPoller(account, store, stop, on_stored=lambda _n: signals.wake.set())
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
    try:
        while not signals.stop.wait(1.0):
            if os.getppid() != parent:
                log.error("IMAP poller: the daemon is gone; stopping")
                break
    finally:
        stop.set()
        # A poller notices within a second (IDLE is checked every second); one in the
        # middle of a batch finishes storing it first.
        for t in threads:
            t.join(config.daemon.shutdown_timeout)
        store.dispose()
    log.info("IMAP poller stopped")
