"""Addresses not to send to for a while (after a permanent delivery failure)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from mailgate.store.models import Suppression


class SuppressionRepo:
    def __init__(self, session: Session) -> None:
        self.session = session

    def suppress(self, address: str, until: datetime, reason: str, now: datetime) -> None:
        row = self.session.get(Suppression, address, with_for_update=True)
        if row is None:
            self.session.add(
                Suppression(address=address, until=until, reason=reason, created_at=now)
            )
        else:
            row.until, row.reason = max(row.until, until), reason

    def active(self, addresses: Iterable[str], now: datetime) -> dict[str, Suppression]:
        wanted = sorted({a.lower() for a in addresses})
        if not wanted:
            return {}
        rows = self.session.scalars(
            select(Suppression).where(Suppression.address.in_(wanted), Suppression.until > now)
        )
        return {r.address: r for r in rows}

    def all(self, now: datetime) -> list[Suppression]:
        return list(
            self.session.scalars(
                select(Suppression).where(Suppression.until > now).order_by(Suppression.address)
            )
        )

    def lift(self, address: str) -> bool:
        result = self.session.execute(delete(Suppression).where(Suppression.address == address))
        return bool(getattr(result, "rowcount", 0))
