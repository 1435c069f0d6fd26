"""IMAP bookkeeping: how far each mailbox folder has been read, and the inbox rows a
fetched batch becomes, written in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mailgate.store.inbox_rows import NewMessage, StoreResult, insert_messages
from mailgate.store.models import ImapState, utcnow


@dataclass(frozen=True)
class FolderState:
    """How far a folder has been read: every UID up to ``last_uid`` is stored, except
    ``skipped`` ones (messages the server would not hand over, left where they are)."""

    uidvalidity: int
    last_uid: int
    skipped: frozenset[int] = frozenset()


def _skipped_text(uids: frozenset[int]) -> str:
    return " ".join(str(u) for u in sorted(uids))


def _skipped_set(text: str | None) -> frozenset[int]:
    return frozenset(int(u) for u in (text or "").split())


class ImapRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def state(self, account: str, folder: str) -> FolderState | None:
        row = self.session.get(ImapState, (account, folder))
        if row is None:
            return None
        return FolderState(row.uidvalidity, row.last_uid, _skipped_set(row.skipped))

    def row(self, account: str, folder: str) -> ImapState | None:
        return self.session.get(ImapState, (account, folder))

    def set_state(self, account: str, folder: str, state: FolderState) -> None:
        """Record how far the folder has been read.  Within one UIDVALIDITY the highest
        UID only ever grows (an instance that lost the folder's lock cannot move it
        back)."""
        row = self.session.get(ImapState, (account, folder), with_for_update=True)
        skipped = _skipped_text(state.skipped)
        if row is None:
            self.session.add(
                ImapState(
                    account=account,
                    folder=folder,
                    uidvalidity=state.uidvalidity,
                    last_uid=state.last_uid,
                    skipped=skipped,
                    updated_at=utcnow(),
                )
            )
        elif row.uidvalidity == state.uidvalidity:
            row.last_uid = max(row.last_uid, state.last_uid)
            row.skipped = skipped
            row.updated_at = utcnow()
        else:
            row.uidvalidity, row.last_uid, row.skipped = (
                state.uidvalidity,
                state.last_uid,
                skipped,
            )
            row.updated_at = utcnow()
        self.session.flush()

    def store_batch(
        self, account: str, folder: str, state: FolderState, batch: Sequence[NewMessage]
    ) -> list[StoreResult]:
        """The messages of a fetched batch into the inbox, and how far the folder has been
        read, in the caller's transaction: after its commit the messages may be flagged,
        moved or deleted on the server."""
        results = insert_messages(self.session.connection(), batch)
        self.set_state(account, folder, state)
        return results
