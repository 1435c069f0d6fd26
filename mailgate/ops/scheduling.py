"""The scheduler process of ``mailgate run`` (role ``scheduler``): the periodic jobs.

Jobs render templates and write tickets — CPU work in Python that would hold the
interpreter lock the SMTP listener's clients wait on — so, like processing and IMAP
polling, they run in a child process of the daemon, which restarts it if it dies.  It
writes with the processing workers' priority (the listener's commits go first on
SQLite's write lock) and, through the daemon, wakes the sender when a job queued mail.
"""

from __future__ import annotations

import logging
import os
import signal
import socket

from mailgate.config import Config
from mailgate.lifeline import bind_to_parent
from mailgate.ops.links import ParentLink
from mailgate.ops.signals import release
from mailgate.store.engine import WritePriority

log = logging.getLogger(__name__)


def scheduler_main(
    config: Config, sock: socket.socket, priority: WritePriority, log_level: str
) -> None:
    """The body of the scheduler process."""
    bind_to_parent("scheduler")
    from mailgate.logs import setup_logging
    from mailgate.scheduler.service import Scheduler
    from mailgate.store.engine import Store

    link = ParentLink(sock)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: link.request_stop())
    release()  # started with them blocked (WorkerPool._start)
    setup_logging(log_level, config.log.format)
    store = Store(config.database, priority=priority)
    scheduler = Scheduler(config, store, on_queued=link.sent)
    scheduler.start()
    log.info("scheduler started (pid %d): %s", os.getpid(), scheduler.describe())
    try:
        while not link.stopping:
            link.wait(60.0)
    finally:
        # Running jobs end after the batch they are writing; the rest waits for the
        # next run (of this instance or another).
        scheduler.shutdown()
        store.dispose()
    log.info("scheduler stopped")
