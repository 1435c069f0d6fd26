"""Transports: where complete outgoing messages go.

``file`` (the embedded default) writes each message as an ``.eml`` file, fsynced, under
a name derived from its outbox row, so delivering the same row twice after a crash
rewrites the same file instead of making a second one.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Protocol


class TemporaryFailure(Exception):
    """Try again later (4xx, timeout, connection refused, disk full)."""


class PermanentFailure(Exception):
    """Do not try again (5xx); the message is marked failed with this answer."""


class Transport(Protocol):
    def deliver(self, outbox_id: int, sender: str, recipients: list[str], raw: bytes) -> str:
        """Deliver one message; return where it went.  Raises TemporaryFailure or
        PermanentFailure."""
        ...

    def flush(self) -> None:
        """Make what was delivered since the last flush durable.  Raises
        TemporaryFailure."""
        ...

    def close(self) -> None: ...


class FileTransport:
    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.directory = Path(directory)

    def deliver(self, outbox_id: int, sender: str, recipients: list[str], raw: bytes) -> str:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            final = self.directory / f"{outbox_id:08d}.eml"
            tmp = self.directory / f".{outbox_id:08d}.eml.tmp"
            with open(tmp, "wb") as f:
                f.write(raw)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
        except OSError as e:
            raise TemporaryFailure(f"cannot write to {self.directory}: {e.strerror}") from e
        return str(final)

    def flush(self) -> None:
        """The renames of a batch become durable with one fsync of the directory."""
        try:
            dir_fd = os.open(self.directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except FileNotFoundError:
            return
        except OSError as e:
            raise TemporaryFailure(f"cannot sync {self.directory}: {e.strerror}") from e

    def close(self) -> None:
        return None
