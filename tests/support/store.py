"""Stores in tests: mail put in the inbox as a listener would, rows read back, the outbox
sent."""

from __future__ import annotations

from mailgate.config import Config
from mailgate.send.worker import Sender, SendResult
from mailgate.store.engine import Store


def send_queued(config: Config, store: Store) -> SendResult:
    """Send everything queued, with a sender of its own (closed afterwards)."""
    s = Sender(config.outbound, store)
    try:
        return s.drain()
    finally:
        s.close()
