"""Scheduler: each job's last run; when an inbox message's raw bytes were pruned.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import mailgate.store.models

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "job_state",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("started_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("instance", sa.Text(), nullable=False),
        sa.Column("succeeded_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_state")),
    )
    with op.batch_alter_table("inbox") as batch:
        batch.add_column(
            sa.Column(
                "raw_pruned_at", mailgate.store.models.UTCDateTime(timezone=True), nullable=True
            )
        )
    op.create_index(
        "ix_inbox_state_pruned_id", "inbox", ["state", "raw_pruned_at", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_inbox_state_pruned_id", table_name="inbox")
    with op.batch_alter_table("inbox") as batch:
        batch.drop_column("raw_pruned_at")
    op.drop_table("job_state")
