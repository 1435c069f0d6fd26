"""The daemon on a loopback port, in a thread of the test process."""

from __future__ import annotations

import asyncio
import threading

from mailgate.config import Config
from mailgate.ops.daemon import Daemon


class RunningDaemon:
    def __init__(self, config: Config, roles: tuple[str, ...]) -> None:
        self.config = config
        self.daemon = Daemon(config, roles)
        self.loop = asyncio.new_event_loop()
        self.exit_code: int | None = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._main, daemon=True)
        self._ready = threading.Event()

    def _main(self) -> None:
        asyncio.set_event_loop(self.loop)

        async def run() -> int:
            task = asyncio.ensure_future(self.daemon.run())
            ready = asyncio.ensure_future(self.daemon.wait_ready())
            await asyncio.wait({task, ready}, return_when=asyncio.FIRST_COMPLETED)
            self._ready.set()
            return await task

        try:
            self.exit_code = self.loop.run_until_complete(run())
        except BaseException as e:  # noqa: BLE001 - reported to the test
            self.error = e
            self._ready.set()

    def start(self) -> RunningDaemon:
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("daemon did not start")
        if self.error:
            raise self.error
        return self

    @property
    def port(self) -> int:
        return self.config.inbound.smtp.port

    def stop(self) -> int | None:
        self.loop.call_soon_threadsafe(self.daemon.request_stop)
        self._thread.join(30)
        self.loop.close()
        return self.exit_code
