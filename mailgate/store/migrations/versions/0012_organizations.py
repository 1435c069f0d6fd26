"""Organizations, their mail domains and their contacts.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 13:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailgate.store.models import Id, UTCDateTime

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organizations",
        sa.Column("id", Id, primary_key=True),
        sa.Column("name", sa.Text(), nullable=False, unique=True),
        sa.Column("notify", sa.String(16), nullable=False),
        sa.Column("unknown_may_open", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("automatic", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "organization_domains",
        sa.Column("domain", sa.Text(), primary_key=True),
        sa.Column(
            "organization_id",
            Id,
            sa.ForeignKey("organizations.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
    )
    op.create_table(
        "contacts",
        sa.Column("address", sa.Text(), primary_key=True),
        sa.Column(
            "organization_id",
            Id,
            sa.ForeignKey("organizations.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    for table in ("contacts", "organization_domains", "organizations"):
        op.drop_table(table)
