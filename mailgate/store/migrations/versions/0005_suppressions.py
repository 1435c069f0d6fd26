"""Addresses mail is not sent to for a while, after a permanent delivery failure.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 02:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mailgate.store.models

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suppressions",
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("until", mailgate.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("address", name=op.f("pk_suppressions")),
    )


def downgrade() -> None:
    op.drop_table("suppressions")
