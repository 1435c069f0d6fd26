"""After a start or a restart the listener opens only when its inbox writer can commit:
the first sessions do not wait, their clients' timeouts running, while the writer
process starts."""

from __future__ import annotations

import asyncio

from mailgate.envelope import Envelope
from mailgate.inbox import StoreResult
from mailgate.inbox.writer import InboxWriter
from mailgate.store.engine import Store
from tests.support.mailfactory import build


def test_inbox_writer_is_ready_when_start_returns(store: Store) -> None:
    async def main() -> tuple[bool, StoreResult]:
        writer = InboxWriter(store)
        await writer.start()
        try:
            ready = writer.ready  # before anything else gives the writer time
            envelope = Envelope("smtp", "jo@client.test", ("support@helpdesk.test",), None)
            result = await asyncio.wait_for(writer.submit(envelope, build()), 30)
        finally:
            await writer.stop()
        return ready, result

    ready, result = asyncio.run(main())
    assert ready
    assert not result.duplicate
