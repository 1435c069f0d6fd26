"""Satisfaction ratings: the request a closed ticket's client gets (one per ticket), with
the links' token, whose work it rates, and the rating and comment once given.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailgate.store.models import Id, UTCDateTime

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rating_requests",
        sa.Column("token", sa.String(32), nullable=False),
        sa.Column("ticket_id", Id, nullable=False),
        sa.Column("department", sa.String(64), nullable=False),
        sa.Column("agent", sa.Text(), nullable=True),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("requested_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=False),
        sa.Column("rating", sa.String(8), nullable=True),
        sa.Column("rated_at", UTCDateTime(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("commented_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_rating_requests_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("token", name=op.f("pk_rating_requests")),
        sa.UniqueConstraint("ticket_id", name=op.f("uq_rating_requests_ticket_id")),
    )
    op.create_index(op.f("ix_rating_requests_rated_at"), "rating_requests", ["rated_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_rating_requests_rated_at"), table_name="rating_requests")
    op.drop_table("rating_requests")
