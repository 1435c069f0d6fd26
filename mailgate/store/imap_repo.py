"""IMAP bookkeeping: how far each mailbox folder has been read, and the inbox rows a
fetched batch becomes, written in one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from mailgate.store.inbox_repo import NewMessage, StoreResult, insert_messages
from mailgate.store.models import ImapState, utcnow


@dataclass(frozen=True)
class FolderState:
    uidvalidity: int
    last_uid: int


class ImapRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def state(self, account: str, folder: str) -> FolderState | None:
        row = self.session.get(ImapState, (account, folder))
        return FolderState(row.uidvalidity, row.last_uid) if row is not None else None

    def row(self, account: str, folder: str) -> ImapState | None:
        return self.session.get(ImapState, (account, folder))

    def set_state(self, account: str, folder: str, state: FolderState) -> None:
        row = self.session.get(ImapState, (account, folder))
        if row is None:
            self.session.add(
                ImapState(
                    account=account,
                    folder=folder,
                    uidvalidity=state.uidvalidity,
                    last_uid=state.last_uid,
                    updated_at=utcnow(),
                )
            )
        else:
            row.uidvalidity, row.last_uid = state.uidvalidity, state.last_uid
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
