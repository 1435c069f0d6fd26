"""Service levels: each ticket's clocks (due times of its first response and its
resolution, when they were met, warned and escalated), computed from its history.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from mailgate.store.models import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "ticket_sla",
        sa.Column("ticket_id", _ID, nullable=False),
        sa.Column("policy", sa.Text(), nullable=False),
        sa.Column("ticket_updated_at", UTCDateTime(timezone=True), nullable=False),
        sa.Column("computed_at", UTCDateTime(timezone=True), nullable=False),
        *(
            column
            for target in ("first_response", "resolution")
            for column in (
                sa.Column(f"{target}_due", UTCDateTime(timezone=True), nullable=True),
                sa.Column(f"{target}_warn_at", UTCDateTime(timezone=True), nullable=True),
                sa.Column(f"{target}_done_at", UTCDateTime(timezone=True), nullable=True),
                sa.Column(f"{target}_left", sa.Integer(), nullable=True),
                sa.Column(f"{target}_warned_at", UTCDateTime(timezone=True), nullable=True),
                sa.Column(f"{target}_escalated_at", UTCDateTime(timezone=True), nullable=True),
            )
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name="fk_ticket_sla_ticket_id_tickets"
        ),
        sa.PrimaryKeyConstraint("ticket_id", name="pk_ticket_sla"),
    )
    op.create_index(
        "ix_ticket_sla_first_response_warn",
        "ticket_sla",
        ["first_response_done_at", "first_response_warn_at"],
    )
    op.create_index(
        "ix_ticket_sla_resolution_warn", "ticket_sla", ["resolution_done_at", "resolution_warn_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_ticket_sla_resolution_warn", table_name="ticket_sla")
    op.drop_index("ix_ticket_sla_first_response_warn", table_name="ticket_sla")
    op.drop_table("ticket_sla")
