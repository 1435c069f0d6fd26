"""``mailgate import PATH``: an mbox file, a Maildir, a folder of .eml files, or one file.

Messages are committed in batches (each batch one transaction) and duplicates — a
message already in the inbox, or twice in the input — are stored once, so an import can
be run again after an interruption without doubling anything.  A batch is also bounded
by its size: large messages are committed a few at a time, one at the size limit alone,
so that an archive of them is not held in memory a hundred at once.

An import is a migration: its messages are stored with ``notify`` off (unless asked), so
processing them sends no acknowledgment, alert or notice to anyone, and each ticket and
message keeps the date its mail had (see the pipeline).
"""

from __future__ import annotations

import logging
import mailbox
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from mailgate.envelope import Envelope
from mailgate.errors import NotStored
from mailgate.inbox import store_messages
from mailgate.store.engine import Store

log = logging.getLogger(__name__)

# A batch is committed before it would grow past this many octets (unless it holds a
# single message).
BATCH_BYTES = 8 << 20


@dataclass
class ImportSummary:
    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)


class ImportSource:
    """The messages found at a path, counted before they are read."""

    def __init__(self, path: Path, *, all_files: bool = False) -> None:
        self.path = path
        self.all_files = all_files
        self.kind, self.count = self._survey()

    def _survey(self) -> tuple[str, int]:
        p = self.path
        if p.is_dir():
            if all((p / d).is_dir() for d in ("cur", "new", "tmp")):
                return "maildir", len(mailbox.Maildir(str(p), factory=None, create=False))
            return "folder", len(self._folder_files())
        if p.is_file():
            with open(p, "rb") as f:
                head = f.read(5)
            if head == b"From ":
                return "mbox", len(mailbox.mbox(str(p), factory=None, create=False))
            return "file", 1
        raise FileNotFoundError(f"{p}: no such file or directory")

    def _folder_files(self) -> list[Path]:
        files = sorted(
            f
            for f in self.path.rglob("*")
            if f.is_file()
            and not any(part.startswith(".") for part in f.relative_to(self.path).parts)
        )
        if self.all_files:
            return files
        return [f for f in files if f.suffix.lower() == ".eml"]

    def __iter__(self) -> Iterator[tuple[str, bytes]]:
        if self.kind == "maildir":
            md = mailbox.Maildir(str(self.path), factory=None, create=False)
            for key in sorted(md.keys()):
                yield f"{self.path}#{key}", md.get_bytes(key)
        elif self.kind == "mbox":
            mb = mailbox.mbox(str(self.path), factory=None, create=False)
            for i, key in enumerate(mb.keys()):
                yield f"{self.path}#{i + 1}", mb.get_bytes(key)
        elif self.kind == "folder":
            for f in self._folder_files():
                yield str(f), f.read_bytes()
        else:
            yield str(self.path), self.path.read_bytes()


def import_messages(
    store: Store,
    source: Iterable[tuple[str, bytes]],
    *,
    recipients: tuple[str, ...] = (),
    batch_size: int = 100,
    progress: Callable[[int], None] | None = None,
    notify: bool = False,
) -> ImportSummary:
    summary = ImportSummary()
    batch: list[tuple[Envelope, bytes]] = []
    size = 0

    def flush() -> None:
        if not batch:
            return
        try:
            results = store_messages(store, batch, notify=notify)
        except NotStored as e:
            summary.errors.append(f"{len(batch)} message(s) not stored: {e}")
            log.error("import batch not stored: %s", e)
        else:
            for r in results:
                if r.duplicate:
                    summary.duplicates += 1
                else:
                    summary.stored += 1
        if progress is not None:
            progress(len(batch))
        batch.clear()

    for ref, raw in source:
        summary.seen += 1
        if batch and size + len(raw) > BATCH_BYTES:
            flush()
            size = 0
        batch.append((Envelope("import", None, recipients, ref), raw))
        size += len(raw)
        if len(batch) >= batch_size:
            flush()
            size = 0
    flush()
    return summary
