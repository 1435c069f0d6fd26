"""Retention: the raw bytes of processed mail are kept ``[retention] keep_raw_days``.

The inbox keeps every message exactly as it arrived so that a failed or quarantined one
can be processed again after a fix.  Once a message is processed its content lives on in
the ticket (text, HTML, attachments), and the raw copy — often most of the database — is
only evidence.  After ``keep_raw_days`` it is replaced by nothing and the time recorded
(``raw_pruned_at``); the inbox row with its decisions (``mailgate explain``) and the
ticket's history stay.  Quarantined and failed messages are never pruned.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta

from mailgate.config import RetentionConfig
from mailgate.store.engine import Store
from mailgate.store.inbox_repo import InboxRepo
from mailgate.store.models import utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PruneResult:
    pruned: int
    keep_days: int

    @property
    def summary(self) -> str:
        if not self.keep_days:
            return "raw mail is kept forever (retention.keep_raw_days = 0)"
        n = self.pruned
        return f"pruned the raw bytes of {n} message{'' if n == 1 else 's'}"


def prune_raw(
    store: Store,
    config: RetentionConfig,
    now: datetime | None = None,
    *,
    page: int = 500,
    stop: threading.Event | None = None,
) -> PruneResult:
    """Prune the raw bytes of messages processed more than ``keep_raw_days`` before
    ``now``, ``page`` rows per transaction (short ones: on SQLite the listener's commits
    wait for the write lock).  Stops between pages when ``stop`` is set."""
    if not config.keep_raw_days:
        return PruneResult(0, 0)
    now = now or utcnow()
    before = now - timedelta(days=config.keep_raw_days)
    pruned = 0
    while stop is None or not stop.is_set():
        with store.write() as session:
            n = InboxRepo(session).prune_raw(before, now, page)
        pruned += n
        if n < page:
            break
    if pruned:
        log.info("retention: pruned the raw bytes of %d processed message(s)", pruned)
    return PruneResult(pruned, config.keep_raw_days)
