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
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from mailgate.envelope import Envelope
from mailgate.errors import NotStored
from mailgate.inbox.commit import new_message, store_new_messages
from mailgate.store.engine import Store
from mailgate.store.inbox_rows import NewMessage

log = logging.getLogger(__name__)

# With --workers, at least this many batches for each worker.
_BATCHES_PER_WORKER = 4

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
        for ref, what in self.items():
            yield ref, what.read_bytes() if isinstance(what, Path) else what

    def items(self) -> Iterator[tuple[str, Path | bytes]]:
        """Each message's reference and its bytes, or the file that holds them alone
        (read by whoever stores it: with ``--workers``, a worker)."""
        if self.kind == "folder":
            for f in self._folder_files():
                yield str(f), f
        elif self.kind == "maildir":
            md = mailbox.Maildir(str(self.path), factory=None, create=False)
            for key in sorted(md.keys()):
                yield f"{self.path}#{key}", md.get_bytes(key)
        elif self.kind == "mbox":
            mb = mailbox.mbox(str(self.path), factory=None, create=False)
            for i, key in enumerate(mb.keys()):
                yield f"{self.path}#{i + 1}", mb.get_bytes(key)
        else:
            yield str(self.path), self.path


def import_messages(
    store: Store,
    source: Iterable[tuple[str, bytes]] | ImportSource,
    *,
    recipients: tuple[str, ...] = (),
    batch_size: int = 100,
    progress: Callable[[int], None] | None = None,
    notify: bool = False,
    workers: int = 1,
) -> ImportSummary:
    """Store the messages of ``source`` in batches of ``batch_size``, each one
    transaction, in the source's order.  With ``workers`` above 1 (and an
    :class:`ImportSource` of a few batches for each), that many processes read the messages
    and compute what recognises them again (two SHA-256 of each) while this one writes:
    the rows, their order and their ids are the same."""
    summary = ImportSummary()

    def store_batch(batch: list[NewMessage]) -> None:
        try:
            results = store_new_messages(store, batch)
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

    if isinstance(source, ImportSource):
        # A worker pays for itself from a few batches on (measured: 500 messages of 11
        # KiB imported as fast by one process as by two; 5,000 of 22 KiB 10-15 % faster
        # by two).
        workers = min(workers, source.count // (_BATCHES_PER_WORKER * batch_size))
        items: Iterable[tuple[str, Path | bytes]] = source.items()
    else:
        workers = 1
        items = source
    batches = _batches(items, batch_size)
    if workers > 1:
        prepared = _prepared_in_parallel(batches, recipients, notify, workers)
    else:
        prepared = (_prepare(batch, recipients, notify) for batch in batches)
    for batch in prepared:
        summary.seen += len(batch)
        store_batch(batch)
    return summary


def _batches(
    items: Iterable[tuple[str, Path | bytes]], size: int
) -> Iterator[list[tuple[str, Path | bytes]]]:
    """``items`` in batches of ``size`` messages at most, and of BATCH_BYTES octets at
    most unless a batch holds a single message: an archive of large messages is not
    held in memory a hundred at once."""
    batch: list[tuple[str, Path | bytes]] = []
    octets = 0
    for item in items:
        n = _octets(item[1])
        if batch and octets + n > BATCH_BYTES:
            yield batch
            batch, octets = [], 0
        batch.append(item)
        octets += n
        if len(batch) >= size:
            yield batch
            batch, octets = [], 0
    if batch:
        yield batch


def _octets(what: Path | bytes) -> int:
    if isinstance(what, bytes):
        return len(what)
    try:
        return what.stat().st_size
    except OSError:
        return 0  # its batch reads it, and fails as the reading does


def _prepare(
    batch: list[tuple[str, Path | bytes]], recipients: tuple[str, ...], notify: bool
) -> list[NewMessage]:
    """The inbox rows of a batch: each message read (when given as its file) and its
    keys computed."""
    return [
        new_message(
            Envelope("import", None, recipients, ref),
            what.read_bytes() if isinstance(what, Path) else what,
            notify=notify,
        )
        for ref, what in batch
    ]


def _prepared_in_parallel(
    batches: Iterator[list[tuple[str, Path | bytes]]],
    recipients: tuple[str, ...],
    notify: bool,
    workers: int,
) -> Iterator[list[NewMessage]]:
    """:func:`_prepare` of each batch in ``workers`` processes, in order, with a few
    batches prepared ahead and no more (an archive may be larger than the memory)."""
    # Imported here: a folder too small to share out starts without multiprocessing.
    from mailgate.lifeline import fork_pool

    pool = fork_pool(workers, "import worker")
    ahead: deque[Future[list[NewMessage]]] = deque()
    try:
        for batch in batches:
            ahead.append(pool.submit(_prepare, batch, recipients, notify))
            if len(ahead) > 2 * workers:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
