"""Ticket lifecycle: when the status last changed (auto-close counts from it), and the
agent a ticket is assigned to.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 00:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mailgate.store.models

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(
            sa.Column(
                "status_changed_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch.add_column(sa.Column("assignee", sa.Text(), nullable=True))
    # Existing tickets: their last update is the best known time of their status.
    op.execute("UPDATE tickets SET status_changed_at = updated_at")
    op.create_index(
        "ix_tickets_status_changed", "tickets", ["status", "status_changed_at"], unique=False
    )
    op.create_index(op.f("ix_tickets_assignee"), "tickets", ["assignee"], unique=False)
    op.create_index(
        "ix_tickets_requester_created", "tickets", ["requester", "created_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_tickets_requester_created", table_name="tickets")
    op.drop_index(op.f("ix_tickets_assignee"), table_name="tickets")
    op.drop_index("ix_tickets_status_changed", table_name="tickets")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("assignee")
        batch.drop_column("status_changed_at")
