"""Stores in tests: mail put in the inbox as a listener would, rows read back, the outbox
sent."""

from __future__ import annotations

from pathlib import Path

from mailgate.config import Config
from mailgate.envelope import Envelope
from mailgate.inbox import store_messages
from mailgate.send.worker import Sender, SendResult
from mailgate.store.engine import Store
from mailgate.store.migrate import upgrade
from mailgate.store.models import InboxRow
from tests.support.config import with_security

SUPPORT = "support@helpdesk.test"


def send_queued(config: Config, store: Store) -> SendResult:
    """Send everything queued, with a sender of its own (closed afterwards)."""
    s = Sender(config.outbound, store)
    try:
        return s.drain()
    finally:
        s.close()


def receive(store: Store, raw: bytes, sender: str = "jo@client.test", rcpt: str = SUPPORT) -> int:
    """``raw`` put in the inbox as the SMTP listener would, from ``sender`` to ``rcpt``
    (the support address); its inbox id."""
    [r] = store_messages(store, [(Envelope("smtp", sender, (rcpt,), "127.0.0.1"), raw)])
    return r.inbox_id


def inbox_row(store: Store, inbox_id: int) -> InboxRow:
    with store.read() as s:
        row = s.get(InboxRow, inbox_id)
        assert row is not None
        return row


def count(store: Store, model: type) -> int:
    with store.read() as s:
        return int(s.query(model).count())


def setup(tmp_path: Path, security: str = "") -> tuple[str, Config, Store]:
    """The base configuration with ``security`` keys, its text, and its store migrated."""
    text, config = with_security(tmp_path, security)
    store = Store(config.database)
    upgrade(store)
    return text, config, store
